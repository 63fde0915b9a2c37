/*
 * Guest pointers in syscall arguments: every range is checked against the
 * page flags before the emulator or the host kernel touches it, so a bad
 * guest pointer is an EFAULT, never an emulator crash.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "linux-user/qemu.h"

/* x86 pages are readable whenever they are mapped with any access. */
#define PAGE_ANY_ACCESS (PAGE_READ | PAGE_WRITE | PAGE_EXEC)

bool guest_access_ok(abi_ulong addr, abi_ulong len, bool write)
{
    if (len == 0) {
        return true;
    }
    uint64_t end = (uint64_t)addr + len;
    if (end > TARGET_TASK_SIZE) {
        return false;
    }
    for (uint64_t page = addr & TARGET_PAGE_MASK; page < end; page += TARGET_PAGE_SIZE) {
        int flags = page_get_flags((uint32_t)page);
        if (!(flags & PAGE_VALID)) {
            return false;
        }
        if (!write) {
            if (!(flags & PAGE_ANY_ACCESS)) {
                return false;
            }
            continue;
        }
        if (flags & PAGE_WRITE) {
            continue;
        }
        /* Guest-writable but write-protected because it holds translated
         * code: drop the code so the host kernel can write. */
        if (!(flags & PAGE_WRITE_ORG) || page_unprotect((uint32_t)page, 0) == 0) {
            return false;
        }
    }
    return true;
}

void *lock_user(abi_ulong addr, abi_ulong len, bool write)
{
    return guest_access_ok(addr, len, write) ? g2h_untagged(addr) : NULL;
}

int copy_from_user(void *dst, abi_ulong src, size_t len)
{
    if (len > UINT32_MAX || !guest_access_ok(src, (abi_ulong)len, false)) {
        return -EFAULT;
    }
    memcpy(dst, g2h_untagged(src), len);
    return 0;
}

int copy_to_user(abi_ulong dst, const void *src, size_t len)
{
    if (len > UINT32_MAX || !guest_access_ok(dst, (abi_ulong)len, true)) {
        return -EFAULT;
    }
    memcpy(g2h_untagged(dst), src, len);
    return 0;
}

int get_user_u32(uint32_t *val, abi_ulong addr)
{
    return copy_from_user(val, addr, sizeof(*val));
}

int put_user_u32(uint32_t val, abi_ulong addr)
{
    return copy_to_user(addr, &val, sizeof(val));
}

char *lock_user_string(abi_ulong addr)
{
    /* Walk page by page so a string ending just before an unmapped page is fine. */
    uint64_t p = addr;
    while (p < TARGET_TASK_SIZE) {
        uint64_t page_end = (p & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
        if (!guest_access_ok((abi_ulong)p, 1, false)) {
            return NULL;
        }
        const char *h = g2h_untagged((abi_ulong)p);
        const char *nul = memchr(h, 0, page_end - p);
        if (nul) {
            return g_strndup(g2h_untagged(addr), (size_t)(p - addr) + (size_t)(nul - h));
        }
        p = page_end;
        if (p - addr > 16 * 1024 * 1024) {
            return NULL;
        }
    }
    return NULL;
}

char **lock_user_string_array(abi_ulong addr)
{
    GPtrArray *arr = g_ptr_array_new();
    for (;;) {
        uint32_t ptr;
        if (get_user_u32(&ptr, addr) != 0) {
            goto fail;
        }
        if (ptr == 0) {
            break;
        }
        char *s = lock_user_string(ptr);
        if (!s) {
            goto fail;
        }
        g_ptr_array_add(arr, s);
        addr += 4;
        if (arr->len > 1024 * 1024) {
            goto fail;
        }
    }
    g_ptr_array_add(arr, NULL);
    return (char **)g_ptr_array_free(arr, FALSE);
fail:
    g_ptr_array_set_free_func(arr, g_free);
    g_ptr_array_free(arr, TRUE);
    return NULL;
}

void *lock_user_for_host(abi_ulong addr, abi_ulong len, bool write)
{
    uint64_t end = (uint64_t)addr + len;
    if (len == 0) {
        return g2h_untagged(addr);
    }
    if (end > TARGET_TASK_SIZE) {
        return NULL;
    }
    if (write) {
        for (uint64_t page = addr & TARGET_PAGE_MASK; page < end; page += TARGET_PAGE_SIZE) {
            int flags = page_get_flags((uint32_t)page);
            if ((flags & PAGE_WRITE_ORG) && !(flags & PAGE_WRITE)) {
                page_unprotect((uint32_t)page, 0);
            }
        }
    }
    return g2h_untagged(addr);
}
