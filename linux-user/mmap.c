/*
 * The guest address space: one 4 GiB host reservation (PROT_NONE,
 * MAP_NORESERVE) at guest_base, guest mappings placed inside it with
 * MAP_FIXED, and the guest page flags kept in step (page_set_flags).
 * Unmapping puts the reservation back, so no host allocation can ever land
 * where a guest address reaches.  Host and guest pages are both 4 KiB.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "exec/exec-all.h"
#include "linux-user/qemu.h"
#include "qemu/log.h"

uintptr_t guest_base;

static abi_ulong mmap_next_start = GUEST_MMAP_BASE;
bool mmap_read_implies_exec;
static abi_ulong brk_start, brk_cur, brk_mapped_end;

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

bool guest_space_reserve(uintptr_t fixed_base, char *err, size_t errlen)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    if (fixed_base) {
        if (fixed_base & (TARGET_PAGE_SIZE - 1)) {
            snprintf(err, errlen, "guest base 0x%lx is not page aligned", (unsigned long)fixed_base);
            return false;
        }
        flags |= MAP_FIXED_NOREPLACE;
    }
    void *p = mmap((void *)fixed_base, GUEST_RESERVATION, PROT_NONE, flags, -1, 0);
    if (p == MAP_FAILED || (fixed_base && (uintptr_t)p != fixed_base)) {
        if (p != MAP_FAILED) {
            munmap(p, GUEST_RESERVATION);
        }
        snprintf(err, errlen, "cannot reserve 4 GiB of guest address space%s: %s",
                 fixed_base ? " at the requested guest base" : "",
                 p == MAP_FAILED ? strerror(errno) : "address in use");
        return false;
    }
    guest_base = (uintptr_t)p;
    return true;
}

/* Gives [start, start+len) back to the reservation. */
static void reserve_again(abi_ulong start, abi_ulong len)
{
    void *p = mmap(g2h_untagged(start), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED) {
        /* Without the reservation a guest address could reach host memory. */
        fprintf(stderr, "qemu-i386: cannot restore the guest reservation: %s\n", strerror(errno));
        abort();
    }
}

static int guest_to_host_prot(int prot)
{
    int hp = prot & (PROT_READ | PROT_WRITE);
    /* x86 has no write-only or exec-only pages. */
    if (prot & (PROT_WRITE | PROT_EXEC)) {
        hp |= PROT_READ;
    }
    return hp;
}

static int prot_to_page_flags(int prot)
{
    int f = PAGE_VALID;
    if (prot & PROT_READ) {
        f |= PAGE_READ;
    }
    if (prot & PROT_WRITE) {
        f |= PAGE_WRITE | PAGE_WRITE_ORG;
    }
    if (prot & PROT_EXEC) {
        f |= PAGE_EXEC;
    }
    return f;
}

/* Drops translated code of pages in [start, start+len) that may hold some. */
static void invalidate_code(abi_ulong start, abi_ulong len)
{
    for (uint64_t a = start; a < (uint64_t)start + len; a += TARGET_PAGE_SIZE) {
        if (page_get_flags((uint32_t)a) & PAGE_EXEC) {
            tb_invalidate_phys_range(start, (uint64_t)start + len);
            return;
        }
    }
}

bool guest_range_free(abi_ulong start, abi_ulong len)
{
    uint64_t end = (uint64_t)start + len;
    if (end > TARGET_TASK_SIZE) {
        return false;
    }
    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE) {
        if (page_get_flags((uint32_t)a) & PAGE_VALID) {
            return false;
        }
    }
    return true;
}

abi_ulong mmap_find_free(abi_ulong start, abi_ulong len)
{
    uint64_t a = start & TARGET_PAGE_MASK;
    if (a == 0) {
        a = TARGET_PAGE_SIZE; /* never hand out page 0 */
    }
    while (a + len <= TARGET_TASK_SIZE) {
        /* Find the first used page in [a, a+len); restart after it. */
        uint64_t used = 0;
        for (uint64_t p = a; p < a + len; p += TARGET_PAGE_SIZE) {
            if (page_get_flags((uint32_t)p) & PAGE_VALID) {
                used = p;
                break;
            }
        }
        if (!used) {
            return (abi_ulong)a;
        }
        a = used + TARGET_PAGE_SIZE;
    }
    return (abi_ulong)-1;
}

/* A place for a non-fixed mapping: the hint if free, else above the last
 * mmap, else anywhere from the base. */
static abi_ulong choose_address(abi_ulong hint, abi_ulong len)
{
    hint &= (abi_ulong)TARGET_PAGE_MASK;
    if (hint && guest_range_free(hint, len)) {
        return hint;
    }
    abi_ulong a = mmap_find_free(mmap_next_start, len);
    if (a == (abi_ulong)-1) {
        a = mmap_find_free(TARGET_PAGE_SIZE * 16, len);
    }
    return a;
}

abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags, int fd, uint64_t offset)
{
    if (len == 0 || (offset & (TARGET_PAGE_SIZE - 1))) {
        return -EINVAL;
    }
    int type = flags & MAP_TYPE;
    if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE) {
        return -EINVAL;
    }
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)) {
        return -EINVAL;
    }
    prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
    if (mmap_read_implies_exec && (prot & PROT_READ)) {
        prot |= PROT_EXEC;
    }
    uint64_t alen = TARGET_PAGE_ALIGN((uint64_t)len);
    if (alen > TARGET_TASK_SIZE) {
        return -ENOMEM;
    }
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    abi_ulong addr;
    if (fixed) {
        if (start & (TARGET_PAGE_SIZE - 1)) {
            return -EINVAL;
        }
        if ((uint64_t)start + alen > TARGET_TASK_SIZE) {
            return -ENOMEM;
        }
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) &&
            !guest_range_free(start, (abi_ulong)alen)) {
            return -EEXIST;
        }
        addr = start;
    } else {
        addr = choose_address(start, (abi_ulong)alen);
        if (addr == (abi_ulong)-1) {
            return -ENOMEM;
        }
    }
    if (!(flags & MAP_ANONYMOUS)) {
        /* Fail before touching the reservation for the common errors. */
        if (fd < 0 || fcntl(fd, F_GETFL) == -1) {
            return -EBADF;
        }
    }

    int hflags = (flags & ~(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN | MAP_32BIT)) | MAP_FIXED;
    void *p = mmap(g2h_untagged(addr), alen, guest_to_host_prot(prot), hflags,
                   (flags & MAP_ANONYMOUS) ? -1 : fd, (off_t)offset);
    if (p == MAP_FAILED) {
        int e = errno;
        if (!fixed || !(page_get_flags(addr) & PAGE_VALID)) {
            reserve_again(addr, (abi_ulong)alen);
        }
        return -e;
    }
    if (fixed) {
        invalidate_code(addr, (abi_ulong)alen);
    } else {
        mmap_next_start = addr + (abi_ulong)alen;
    }
    if (!(flags & MAP_ANONYMOUS) && type != MAP_PRIVATE) {
        alias_note_shared_map(addr, (abi_ulong)alen, fd, offset, prot);
    } else {
        alias_forget_range(addr, (abi_ulong)alen);
    }
    page_set_flags(addr, addr + (abi_ulong)alen - 1,
                   prot_to_page_flags(prot) | ((flags & MAP_ANONYMOUS) ? PAGE_ANON : 0));
    qemu_log_mask(CPU_LOG_PAGE, "mmap 0x%08x-0x%08x prot %d flags 0x%x\n", addr,
                  (uint32_t)(addr + alen - 1), prot, flags);
    return (abi_long)addr;
}

abi_long target_munmap(abi_ulong start, abi_ulong len)
{
    if ((start & (TARGET_PAGE_SIZE - 1)) || len == 0) {
        return -EINVAL;
    }
    uint64_t alen = TARGET_PAGE_ALIGN((uint64_t)len);
    if ((uint64_t)start + alen > TARGET_TASK_SIZE) {
        return -EINVAL;
    }
    invalidate_code(start, (abi_ulong)alen);
    reserve_again(start, (abi_ulong)alen);
    page_set_flags(start, start + (abi_ulong)alen - 1, 0);
    alias_forget_range(start, (abi_ulong)alen);
    if (start < mmap_next_start && start >= GUEST_MMAP_BASE) {
        mmap_next_start = start;
    }
    return 0;
}

abi_long target_mprotect(abi_ulong start, abi_ulong len, int prot)
{
    if (start & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)) {
        return -EINVAL;
    }
    prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
    if (mmap_read_implies_exec && (prot & PROT_READ)) {
        prot |= PROT_EXEC;
    }
    uint64_t alen = TARGET_PAGE_ALIGN((uint64_t)len);
    if (alen == 0) {
        return 0;
    }
    if ((uint64_t)start + alen > TARGET_TASK_SIZE) {
        return -ENOMEM;
    }
    for (uint64_t a = start; a < start + alen; a += TARGET_PAGE_SIZE) {
        if (!(page_get_flags((uint32_t)a) & PAGE_VALID)) {
            return -ENOMEM;
        }
    }
    /* Becoming writable: code translated from these pages must go, since
     * the host mapping will no longer trap writes to it. */
    if (prot & PROT_WRITE) {
        invalidate_code(start, (abi_ulong)alen);
    }
    if (mprotect(g2h_untagged(start), alen, guest_to_host_prot(prot)) != 0) {
        return -errno;
    }
    for (uint64_t a = start; a < start + alen; a += TARGET_PAGE_SIZE) {
        int anon = page_get_flags((uint32_t)a) & PAGE_ANON;
        page_set_flags((uint32_t)a, (uint32_t)a + TARGET_PAGE_SIZE - 1,
                       prot_to_page_flags(prot) | anon);
    }
    alias_reprotect(start, (abi_ulong)alen);
    return 0;
}

abi_long target_mremap(abi_ulong old_addr, abi_ulong old_len, abi_ulong new_len,
                       int flags, abi_ulong new_addr)
{
    if (old_addr & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) {
        return -EINVAL;
    }
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) {
        return -EINVAL;
    }
    uint64_t olen = TARGET_PAGE_ALIGN((uint64_t)old_len);
    uint64_t nlen = TARGET_PAGE_ALIGN((uint64_t)new_len);
    if (nlen == 0 || olen == 0) {
        return -EINVAL; /* old_len 0 duplicates shared maps: not supported */
    }
    if ((uint64_t)old_addr + olen > TARGET_TASK_SIZE || nlen > TARGET_TASK_SIZE) {
        return -ENOMEM;
    }
    for (uint64_t a = old_addr; a < old_addr + olen; a += TARGET_PAGE_SIZE) {
        if (!(page_get_flags((uint32_t)a) & PAGE_VALID)) {
            return -EFAULT;
        }
    }
    int pflags = page_get_flags(old_addr) & ~PAGE_WRITE_ORG;
    if (pflags & PAGE_WRITE) {
        pflags |= PAGE_WRITE_ORG;
    }
    /* Translated code may be write-protected on the host; the moved pages
     * are given their guest protections back. */
    invalidate_code(old_addr, (abi_ulong)olen);
    alias_forget_range(old_addr, (abi_ulong)olen);

    abi_ulong dest;
    if (flags & MREMAP_FIXED) {
        if ((new_addr & (TARGET_PAGE_SIZE - 1)) || (uint64_t)new_addr + nlen > TARGET_TASK_SIZE) {
            return -EINVAL;
        }
        dest = new_addr;
    } else if (nlen <= olen) {
        /* Shrinking in place. */
        if (nlen < olen) {
            target_munmap(old_addr + (abi_ulong)nlen, (abi_ulong)(olen - nlen));
        }
        return (abi_long)old_addr;
    } else if (guest_range_free(old_addr + (abi_ulong)olen, (abi_ulong)(nlen - olen))) {
        /* Growing in place: lift the reservation over the tail, then grow. */
        void *tail = g2h_untagged(old_addr + (abi_ulong)olen);
        munmap(tail, nlen - olen);
        void *p = mremap(g2h_untagged(old_addr), olen, nlen, 0);
        if (p == MAP_FAILED) {
            int e = errno;
            reserve_again(old_addr + (abi_ulong)olen, (abi_ulong)(nlen - olen));
            return -e;
        }
        mprotect(p, nlen, guest_to_host_prot(((pflags & PAGE_READ) ? PROT_READ : 0) |
                                            ((pflags & PAGE_WRITE) ? PROT_WRITE : 0) |
                                            ((pflags & PAGE_EXEC) ? PROT_EXEC : 0)));
        page_set_flags(old_addr, old_addr + (abi_ulong)nlen - 1, pflags);
        return (abi_long)old_addr;
    } else if (!(flags & MREMAP_MAYMOVE)) {
        return -ENOMEM;
    } else {
        dest = choose_address(0, (abi_ulong)nlen);
        if (dest == (abi_ulong)-1) {
            return -ENOMEM;
        }
    }
    void *p = mremap(g2h_untagged(old_addr), olen, nlen, MREMAP_MAYMOVE | MREMAP_FIXED,
                     g2h_untagged(dest));
    if (p == MAP_FAILED) {
        return -errno;
    }
    mprotect(p, nlen, guest_to_host_prot(((pflags & PAGE_READ) ? PROT_READ : 0) |
                                        ((pflags & PAGE_WRITE) ? PROT_WRITE : 0) |
                                        ((pflags & PAGE_EXEC) ? PROT_EXEC : 0)));
    invalidate_code(dest, (abi_ulong)nlen);
    reserve_again(old_addr, (abi_ulong)olen);
    page_set_flags(old_addr, old_addr + (abi_ulong)olen - 1, 0);
    page_set_flags(dest, dest + (abi_ulong)nlen - 1, pflags);
    return (abi_long)dest;
}

/*
 * brk: the heap after the program's bss, grown and shrunk in whole pages.
 * Like the kernel, a failed change returns the old break.
 */
void target_set_brk(abi_ulong start)
{
    brk_start = brk_cur = start;
    brk_mapped_end = TARGET_PAGE_ALIGN(start);
}

abi_ulong target_brk(abi_ulong new_brk)
{
    if (new_brk == 0 || new_brk < brk_start) {
        return brk_cur;
    }
    uint64_t new_end = TARGET_PAGE_ALIGN((uint64_t)new_brk);
    if (new_end > TARGET_TASK_SIZE) {
        return brk_cur;
    }
    if (new_end > brk_mapped_end) {
        abi_ulong grow = (abi_ulong)(new_end - brk_mapped_end);
        if (!guest_range_free(brk_mapped_end, grow)) {
            return brk_cur;
        }
        abi_long r = target_mmap(brk_mapped_end, grow, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0 && r > -4096) {
            return brk_cur;
        }
        brk_mapped_end = (abi_ulong)new_end;
    } else if (new_end < brk_mapped_end) {
        target_munmap((abi_ulong)new_end, brk_mapped_end - (abi_ulong)new_end);
        brk_mapped_end = (abi_ulong)new_end;
    }
    /* Memory between the old and new break reads as zero when regrown; the
     * partial page above the break was zeroed by the loader or a shrink. */
    if (new_brk < brk_cur && (new_brk & (TARGET_PAGE_SIZE - 1))) {
        abi_ulong page_end = TARGET_PAGE_ALIGN(new_brk);
        if (guest_access_ok(new_brk, page_end - new_brk, true)) {
            memset(g2h_untagged(new_brk), 0, page_end - new_brk);
        }
    }
    brk_cur = new_brk;
    return brk_cur;
}
