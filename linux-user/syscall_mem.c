/*
 * Memory syscalls: mmap (old struct form and mmap2), munmap, mprotect,
 * mremap, madvise, brk, plus the page-residency and locking calls that only
 * need their range checked.
 */
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>

#include "linux-user/qemu.h"
#include "linux-user/syscall_handlers.h"

/* Guest threads share one address space: one change at a time. */
static pthread_mutex_t mmap_mutex = PTHREAD_MUTEX_INITIALIZER;

void mmap_lock(void)
{
    pthread_mutex_lock(&mmap_mutex);
}

void mmap_unlock(void)
{
    pthread_mutex_unlock(&mmap_mutex);
}
#define LOCKED(expr)                         \
    ({                                       \
        pthread_mutex_lock(&mmap_mutex);     \
        abi_long r_ = (expr);                \
        pthread_mutex_unlock(&mmap_mutex);   \
        r_;                                  \
    })

/* old_mmap (#90): one pointer to { addr, len, prot, flags, fd, offset }. */
SYSCALL_IMPL(mmap)
{
    uint32_t v[6];
    if (copy_from_user(v, a[0], sizeof(v)) != 0) {
        return -EFAULT;
    }
    if (v[5] & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    return LOCKED(target_mmap(v[0], v[1], (int)v[2], (int)v[3], (int)v[4], v[5]));
}

/* mmap2: the offset counts 4096-byte units (arch/x86/kernel/sys_ia32.c). */
SYSCALL_IMPL(mmap2)
{
    return LOCKED(target_mmap(a[0], a[1], (int)a[2], (int)a[3], (int)a[4], (uint64_t)a[5] << 12));
}

SYSCALL_IMPL(munmap)
{
    return LOCKED(target_munmap(a[0], a[1]));
}

SYSCALL_IMPL(mprotect)
{
    return LOCKED(target_mprotect(a[0], a[1], (int)a[2]));
}

SYSCALL_IMPL(mremap)
{
    return LOCKED(target_mremap(a[0], a[1], a[2], (int)a[3], a[4]));
}

SYSCALL_IMPL(brk)
{
    return LOCKED((abi_long)target_brk(a[0]));
}

/* Advice changes nothing the guest can observe except MADV_DONTNEED on
 * private anonymous memory, which reads back as zeroes. */
SYSCALL_IMPL(madvise)
{
    if (a[0] & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    uint64_t len = TARGET_PAGE_ALIGN((uint64_t)a[1]);
    if ((uint64_t)a[0] + len > TARGET_TASK_SIZE) {
        return -ENOMEM;
    }
    for (uint64_t p = a[0]; p < a[0] + len; p += TARGET_PAGE_SIZE) {
        if (!(page_get_flags((uint32_t)p) & PAGE_VALID)) {
            return -ENOMEM;
        }
    }
    int advice = (int)a[2];
    if (advice == MADV_DONTNEED || advice == MADV_FREE || advice == MADV_WILLNEED ||
        advice == MADV_NORMAL || advice == MADV_RANDOM || advice == MADV_SEQUENTIAL) {
        if (advice == MADV_FREE) {
            return 0; /* may keep the data: keeping it is allowed */
        }
        return madvise(g2h_untagged(a[0]), len, advice) == 0 ? 0 : -errno;
    }
    return 0;
}

static abi_long check_mapped(abi_ulong start, abi_ulong len)
{
    uint64_t end = TARGET_PAGE_ALIGN((uint64_t)start + len);
    if (end > TARGET_TASK_SIZE) {
        return -ENOMEM;
    }
    for (uint64_t p = start & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        if (!(page_get_flags((uint32_t)p) & PAGE_VALID)) {
            return -ENOMEM;
        }
    }
    return 0;
}

SYSCALL_IMPL(mlock)
{
    return check_mapped(a[0], a[1]);
}

SYSCALL_IMPL(munlock)
{
    return check_mapped(a[0], a[1]);
}

SYSCALL_IMPL(mlockall)
{
    return 0;
}

SYSCALL_IMPL(munlockall)
{
    return 0;
}

SYSCALL_IMPL(msync)
{
    abi_long r = check_mapped(a[0], a[1]);
    if (r != 0) {
        return r;
    }
    if (a[0] & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    return msync(g2h_untagged(a[0]), a[1], (int)a[2]) == 0 ? 0 : -errno;
}

SYSCALL_IMPL(mincore)
{
    if (a[0] & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    abi_long r = check_mapped(a[0], a[1]);
    if (r != 0) {
        return r;
    }
    uint64_t pages = TARGET_PAGE_ALIGN((uint64_t)a[1]) / TARGET_PAGE_SIZE;
    unsigned char *vec = lock_user(a[2], (abi_ulong)pages, true);
    if (!vec && pages) {
        return -EFAULT;
    }
    return mincore(g2h_untagged(a[0]), a[1], vec) == 0 ? 0 : -errno;
}

SYSCALL_IMPL(mlock2)
{
    return check_mapped(a[0], a[1]);
}
