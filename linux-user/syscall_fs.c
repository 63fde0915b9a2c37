/*
 * File-system and file-descriptor syscalls: open/read/write and friends,
 * the stat family (i386 struct stat/stat64, statx), directories, links,
 * permissions, descriptors (dup, pipe, fcntl64 with flock64), statfs,
 * timestamps.  Guest pointers are validated before the host sees them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/qemu.h"
#include "qemu/log.h"
#include "linux-user/syscall_defs.h"
#include "linux-user/syscall_handlers.h"

static abi_long host_ret(long r)
{
    return r == -1 ? -errno : (abi_long)r;
}

#define GUEST_PATH(var, addr)                     \
    g_autofree char *var = lock_user_string(addr); \
    if (!var) {                                   \
        return -EFAULT;                           \
    }

/* /proc/self/exe (and /proc/<our pid>/exe) name the guest program. */
bool is_proc_self_exe(const char *p)
{
    char own[64];
    snprintf(own, sizeof(own), "/proc/%d/exe", getpid());
    return strcmp(p, "/proc/self/exe") == 0 || strcmp(p, own) == 0 ||
           strcmp(p, "/proc/thread-self/exe") == 0;
}

static const char *host_path(const char *p, char *buf, size_t len)
{
    if (is_proc_self_exe(p)) {
        return exec_path;
    }
    return path_for_guest(p, buf, len);
}

/* ---- read/write ---- */

SYSCALL_IMPL(read)
{
    void *p = lock_user_for_host(a[1], a[2], true);
    if (!p && a[2]) {
        return -EFAULT;
    }
    return host_ret(read((int)a[0], p, a[2]));
}

SYSCALL_IMPL(write)
{
    void *p = lock_user_for_host(a[1], a[2], false);
    if (!p && a[2]) {
        return -EFAULT;
    }
    return host_ret(write((int)a[0], p, a[2]));
}

SYSCALL_IMPL(pread64)
{
    void *p = lock_user_for_host(a[1], a[2], true);
    if (!p && a[2]) {
        return -EFAULT;
    }
    return host_ret(pread((int)a[0], p, a[2], (off_t)((uint64_t)a[4] << 32 | a[3])));
}

SYSCALL_IMPL(pwrite64)
{
    void *p = lock_user_for_host(a[1], a[2], false);
    if (!p && a[2]) {
        return -EFAULT;
    }
    return host_ret(pwrite((int)a[0], p, a[2], (off_t)((uint64_t)a[4] << 32 | a[3])));
}

/* Converts a guest iovec array; NULL on a bad pointer or count. */
static struct iovec *lock_iovec(abi_ulong addr, abi_ulong count, bool write, abi_long *err)
{
    if (count > IOV_MAX) {
        *err = -EINVAL;
        return NULL;
    }
    struct iovec *v = g_new0(struct iovec, count ? count : 1);
    uint64_t total = 0;
    for (abi_ulong i = 0; i < count; i++) {
        TargetIovec t;
        if (copy_from_user(&t, addr + i * sizeof(t), sizeof(t)) != 0) {
            *err = -EFAULT;
            goto fail;
        }
        total += t.iov_len;
        if (total > INT32_MAX) {
            *err = -EINVAL;
            goto fail;
        }
        v[i].iov_len = t.iov_len;
        v[i].iov_base = lock_user_for_host(t.iov_base, t.iov_len, write);
        if (!v[i].iov_base && t.iov_len) {
            *err = -EFAULT;
            goto fail;
        }
    }
    return v;
fail:
    g_free(v);
    return NULL;
}

SYSCALL_IMPL(readv)
{
    abi_long err;
    g_autofree struct iovec *v = lock_iovec(a[1], a[2], true, &err);
    return v ? host_ret(readv((int)a[0], v, (int)a[2])) : err;
}

SYSCALL_IMPL(writev)
{
    abi_long err;
    g_autofree struct iovec *v = lock_iovec(a[1], a[2], false, &err);
    return v ? host_ret(writev((int)a[0], v, (int)a[2])) : err;
}

SYSCALL_IMPL(preadv)
{
    abi_long err;
    g_autofree struct iovec *v = lock_iovec(a[1], a[2], true, &err);
    return v ? host_ret(preadv((int)a[0], v, (int)a[2], (off_t)((uint64_t)a[4] << 32 | a[3]))) : err;
}

SYSCALL_IMPL(pwritev)
{
    abi_long err;
    g_autofree struct iovec *v = lock_iovec(a[1], a[2], false, &err);
    return v ? host_ret(pwritev((int)a[0], v, (int)a[2], (off_t)((uint64_t)a[4] << 32 | a[3]))) : err;
}

/* ---- open/close ---- */

/* O_LARGEFILE as the guest opened a descriptor: the host kernel forces it
 * for a 64-bit process, a 32-bit one sees it in F_GETFL only if it asked.
 * 0: not opened by the guest (report the host's flags). */
enum { LARGEFILE_UNKNOWN, LARGEFILE_ON, LARGEFILE_OFF };
static uint8_t largefile_fds[1024];

static void note_open(abi_long fd, int flags)
{
    if (fd >= 0 && fd < (abi_long)sizeof(largefile_fds)) {
        largefile_fds[fd] = (flags & TARGET_O_LARGEFILE) ? LARGEFILE_ON : LARGEFILE_OFF;
    }
}

static abi_long do_openat(int dirfd, abi_ulong path, int flags, int mode)
{
    GUEST_PATH(p, path);
    char buf[PATH_MAX];
    int fake = open_guest_proc_file(p);
    if (fake >= 0) {
        return fake;
    }
    abi_long fd = host_ret(openat(dirfd, host_path(p, buf, sizeof(buf)), flags, mode));
    note_open(fd, flags);
    return fd;
}

SYSCALL_IMPL(open)
{
    return do_openat(AT_FDCWD, a[0], (int)a[1], (int)a[2]);
}

SYSCALL_IMPL(openat)
{
    return do_openat((int)a[0], a[1], (int)a[2], (int)a[3]);
}

SYSCALL_IMPL(creat)
{
    return do_openat(AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC, (int)a[1]);
}

SYSCALL_IMPL(close)
{
    /* The emulator's own descriptors (log file) are not the guest's. */
    if (qemu_logfile && (int)a[0] == fileno(qemu_logfile) && qemu_logfile != stderr) {
        return -EBADF;
    }
    abi_long r = host_ret(close((int)a[0]));
    if (r == 0 && a[0] < sizeof(largefile_fds)) {
        largefile_fds[a[0]] = LARGEFILE_UNKNOWN;
    }
    return r;
}

SYSCALL_IMPL(lseek)
{
    off_t r = lseek((int)a[0], (off_t)(int32_t)a[1], (int)a[2]);
    if (r == -1) {
        return -errno;
    }
    return r > INT32_MAX ? -EOVERFLOW : (abi_long)r;
}

SYSCALL_IMPL(_llseek)
{
    off_t r = lseek((int)a[0], (off_t)((uint64_t)a[1] << 32 | a[2]), (int)a[4]);
    if (r == -1) {
        return -errno;
    }
    int64_t v = r;
    return copy_to_user(a[3], &v, sizeof(v));
}

/* ---- stat ---- */

static abi_long put_stat64(abi_ulong addr, const struct stat *st)
{
    TargetStat64 t;
    memset(&t, 0, sizeof(t));
    t.st_dev = st->st_dev;
    t.st_ino_lo = (uint32_t)st->st_ino;
    t.st_mode = st->st_mode;
    t.st_nlink = (uint32_t)st->st_nlink;
    t.st_uid = st->st_uid;
    t.st_gid = st->st_gid;
    t.st_rdev = st->st_rdev;
    t.st_size = st->st_size;
    t.st_blksize = (uint32_t)st->st_blksize;
    t.st_blocks = (uint64_t)st->st_blocks;
    t.st_atime_ = (uint32_t)st->st_atim.tv_sec;
    t.st_atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    t.st_mtime_ = (uint32_t)st->st_mtim.tv_sec;
    t.st_mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    t.st_ctime_ = (uint32_t)st->st_ctim.tv_sec;
    t.st_ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    t.st_ino = st->st_ino;
    return copy_to_user(addr, &t, sizeof(t));
}

/* The old struct stat: EOVERFLOW where a value does not fit (fs/stat.c
 * cp_old_stat / cp_new_stat for 32-bit). */
static abi_long put_stat(abi_ulong addr, const struct stat *st)
{
    TargetStat t;
    memset(&t, 0, sizeof(t));
    t.st_dev = (uint32_t)st->st_dev;
    t.st_ino = (uint32_t)st->st_ino;
    if (t.st_ino != st->st_ino || st->st_size > INT32_MAX) {
        return -EOVERFLOW;
    }
    t.st_mode = (uint16_t)st->st_mode;
    t.st_nlink = (uint16_t)st->st_nlink;
    t.st_uid = (uint16_t)st->st_uid;
    t.st_gid = (uint16_t)st->st_gid;
    t.st_rdev = (uint32_t)st->st_rdev;
    t.st_size = (uint32_t)st->st_size;
    t.st_blksize = (uint32_t)st->st_blksize;
    t.st_blocks = (uint32_t)st->st_blocks;
    t.st_atime_ = (uint32_t)st->st_atim.tv_sec;
    t.st_atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    t.st_mtime_ = (uint32_t)st->st_mtim.tv_sec;
    t.st_mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    t.st_ctime_ = (uint32_t)st->st_ctim.tv_sec;
    t.st_ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    return copy_to_user(addr, &t, sizeof(t));
}

static abi_long do_fstatat(int dirfd, abi_ulong path, int flags, struct stat *st)
{
    GUEST_PATH(p, path);
    char buf[PATH_MAX];
    return host_ret(fstatat(dirfd, host_path(p, buf, sizeof(buf)), st, flags));
}

SYSCALL_IMPL(stat64)
{
    struct stat st;
    abi_long r = do_fstatat(AT_FDCWD, a[0], 0, &st);
    return r < 0 ? r : put_stat64(a[1], &st);
}

SYSCALL_IMPL(lstat64)
{
    struct stat st;
    abi_long r = do_fstatat(AT_FDCWD, a[0], AT_SYMLINK_NOFOLLOW, &st);
    return r < 0 ? r : put_stat64(a[1], &st);
}

SYSCALL_IMPL(fstat64)
{
    struct stat st;
    if (fstat((int)a[0], &st) != 0) {
        return -errno;
    }
    return put_stat64(a[1], &st);
}

SYSCALL_IMPL(fstatat64)
{
    struct stat st;
    abi_long r = do_fstatat((int)a[0], a[1], (int)a[3], &st);
    return r < 0 ? r : put_stat64(a[2], &st);
}

SYSCALL_IMPL(stat)
{
    struct stat st;
    abi_long r = do_fstatat(AT_FDCWD, a[0], 0, &st);
    return r < 0 ? r : put_stat(a[1], &st);
}

SYSCALL_IMPL(lstat)
{
    struct stat st;
    abi_long r = do_fstatat(AT_FDCWD, a[0], AT_SYMLINK_NOFOLLOW, &st);
    return r < 0 ? r : put_stat(a[1], &st);
}

SYSCALL_IMPL(fstat)
{
    struct stat st;
    if (fstat((int)a[0], &st) != 0) {
        return -errno;
    }
    return put_stat(a[1], &st);
}

/* struct statx has one layout on every architecture. */
SYSCALL_IMPL(statx)
{
    GUEST_PATH(p, a[1]);
    char buf[PATH_MAX];
    struct statx sx;
    long r = syscall(SYS_statx, (int)a[0], host_path(p, buf, sizeof(buf)), (int)a[2],
                     (unsigned)a[3], &sx);
    if (r != 0) {
        return -errno;
    }
    return copy_to_user(a[4], &sx, sizeof(sx));
}

/* ---- directories ---- */

/* struct linux_dirent64 is the same on i386 and x86-64. */
SYSCALL_IMPL(getdents64)
{
    void *p = lock_user_for_host(a[1], a[2], true);
    if (!p) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_getdents64, (int)a[0], p, (size_t)a[2]));
}

/* getdents: from the host's dirent64 to struct linux_dirent with 32-bit
 * d_ino/d_off and d_type in the last byte of the record. */
SYSCALL_IMPL(getdents)
{
    abi_ulong count = a[2];
    if (!guest_access_ok(a[1], count, true)) {
        return -EFAULT;
    }
    g_autofree char *hbuf = g_malloc(count);
    long n = syscall(SYS_getdents64, (int)a[0], hbuf, (size_t)count);
    if (n < 0) {
        return -errno;
    }
    char *out = g2h_untagged(a[1]);
    size_t used = 0;
    for (long off = 0; off < n;) {
        struct dirent64 *d = (struct dirent64 *)(hbuf + off);
        size_t namelen = strlen(d->d_name);
        size_t reclen = (offsetof(TargetDirent, d_name) + namelen + 2 + 3) & ~(size_t)3;
        if (used + reclen > count) {
            /* The 32-bit record is never larger than the 64-bit one, so this
             * only happens for names that cannot fit: rewind to here. */
            lseek((int)a[0], d->d_off, SEEK_SET);
            break;
        }
        if ((uint32_t)d->d_ino != d->d_ino) {
            return -EOVERFLOW;
        }
        TargetDirent *t = (TargetDirent *)(out + used);
        t->d_ino = (uint32_t)d->d_ino;
        t->d_off = (uint32_t)d->d_off;
        t->d_reclen = (uint16_t)reclen;
        memcpy(t->d_name, d->d_name, namelen + 1);
        out[used + reclen - 1] = (char)d->d_type;
        used += reclen;
        off += d->d_reclen;
    }
    return (abi_long)used;
}

SYSCALL_IMPL(mkdir)
{
    GUEST_PATH(p, a[0]);
    return host_ret(mkdir(p, (mode_t)a[1]));
}

SYSCALL_IMPL(mkdirat)
{
    GUEST_PATH(p, a[1]);
    return host_ret(mkdirat((int)a[0], p, (mode_t)a[2]));
}

SYSCALL_IMPL(rmdir)
{
    GUEST_PATH(p, a[0]);
    return host_ret(rmdir(p));
}

SYSCALL_IMPL(unlink)
{
    GUEST_PATH(p, a[0]);
    return host_ret(unlink(p));
}

SYSCALL_IMPL(unlinkat)
{
    GUEST_PATH(p, a[1]);
    return host_ret(unlinkat((int)a[0], p, (int)a[2]));
}

SYSCALL_IMPL(rename)
{
    GUEST_PATH(from, a[0]);
    GUEST_PATH(to, a[1]);
    return host_ret(rename(from, to));
}

SYSCALL_IMPL(renameat)
{
    GUEST_PATH(from, a[1]);
    GUEST_PATH(to, a[3]);
    return host_ret(renameat((int)a[0], from, (int)a[2], to));
}

SYSCALL_IMPL(renameat2)
{
    GUEST_PATH(from, a[1]);
    GUEST_PATH(to, a[3]);
    return host_ret(syscall(SYS_renameat2, (int)a[0], from, (int)a[2], to, (unsigned)a[4]));
}

SYSCALL_IMPL(link)
{
    GUEST_PATH(from, a[0]);
    GUEST_PATH(to, a[1]);
    return host_ret(link(from, to));
}

SYSCALL_IMPL(linkat)
{
    GUEST_PATH(from, a[1]);
    GUEST_PATH(to, a[3]);
    return host_ret(linkat((int)a[0], from, (int)a[2], to, (int)a[4]));
}

SYSCALL_IMPL(symlink)
{
    GUEST_PATH(target, a[0]);
    GUEST_PATH(p, a[1]);
    return host_ret(symlink(target, p));
}

SYSCALL_IMPL(symlinkat)
{
    GUEST_PATH(target, a[0]);
    GUEST_PATH(p, a[2]);
    return host_ret(symlinkat(target, (int)a[1], p));
}

static abi_long do_readlinkat(int dirfd, abi_ulong path, abi_ulong buf, abi_ulong size)
{
    GUEST_PATH(p, path);
    if ((abi_long)size <= 0) {
        return -EINVAL;
    }
    char *out = lock_user(buf, size, true);
    if (!out) {
        return -EFAULT;
    }
    if (is_proc_self_exe(p)) {
        size_t n = MIN(strlen(exec_path), (size_t)size);
        memcpy(out, exec_path, n);
        return (abi_long)n;
    }
    char hb[PATH_MAX];
    return host_ret(readlinkat(dirfd, path_for_guest(p, hb, sizeof(hb)), out, size));
}

SYSCALL_IMPL(readlink)
{
    return do_readlinkat(AT_FDCWD, a[0], a[1], a[2]);
}

SYSCALL_IMPL(readlinkat)
{
    return do_readlinkat((int)a[0], a[1], a[2], a[3]);
}

SYSCALL_IMPL(chdir)
{
    GUEST_PATH(p, a[0]);
    return host_ret(chdir(p));
}

SYSCALL_IMPL(fchdir)
{
    return host_ret(fchdir((int)a[0]));
}

SYSCALL_IMPL(chroot)
{
    GUEST_PATH(p, a[0]);
    return host_ret(chroot(p));
}

SYSCALL_IMPL(getcwd)
{
    char *out = lock_user(a[0], a[1], true);
    if (!out) {
        return -EFAULT;
    }
    /* The raw syscall returns the length including the NUL, like the guest's. */
    return host_ret(syscall(SYS_getcwd, out, (size_t)a[1]));
}

static abi_long do_faccessat(int dirfd, abi_ulong path, int mode, int flags)
{
    GUEST_PATH(p, path);
    char buf[PATH_MAX];
    return host_ret(syscall(SYS_faccessat2, dirfd, host_path(p, buf, sizeof(buf)), mode, flags));
}

SYSCALL_IMPL(access)
{
    return do_faccessat(AT_FDCWD, a[0], (int)a[1], 0);
}

SYSCALL_IMPL(faccessat)
{
    return do_faccessat((int)a[0], a[1], (int)a[2], 0);
}

SYSCALL_IMPL(faccessat2)
{
    return do_faccessat((int)a[0], a[1], (int)a[2], (int)a[3]);
}

SYSCALL_IMPL(chmod)
{
    GUEST_PATH(p, a[0]);
    return host_ret(chmod(p, (mode_t)a[1]));
}

SYSCALL_IMPL(fchmod)
{
    return host_ret(fchmod((int)a[0], (mode_t)a[1]));
}

SYSCALL_IMPL(fchmodat)
{
    GUEST_PATH(p, a[1]);
    return host_ret(syscall(SYS_fchmodat, (int)a[0], p, (mode_t)a[2]));
}

/* 16-bit ids of the old calls: 0xffff means "unchanged" (-1). */
static uid_t id16(abi_ulong v)
{
    return (v & 0xffff) == 0xffff ? (uid_t)-1 : (uid_t)(v & 0xffff);
}

SYSCALL_IMPL(chown32)
{
    GUEST_PATH(p, a[0]);
    return host_ret(chown(p, (uid_t)a[1], (gid_t)a[2]));
}

SYSCALL_IMPL(lchown32)
{
    GUEST_PATH(p, a[0]);
    return host_ret(lchown(p, (uid_t)a[1], (gid_t)a[2]));
}

SYSCALL_IMPL(fchown32)
{
    return host_ret(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

SYSCALL_IMPL(chown)
{
    GUEST_PATH(p, a[0]);
    return host_ret(chown(p, id16(a[1]), id16(a[2])));
}

SYSCALL_IMPL(lchown)
{
    GUEST_PATH(p, a[0]);
    return host_ret(lchown(p, id16(a[1]), id16(a[2])));
}

SYSCALL_IMPL(fchown)
{
    return host_ret(fchown((int)a[0], id16(a[1]), id16(a[2])));
}

SYSCALL_IMPL(fchownat)
{
    GUEST_PATH(p, a[1]);
    return host_ret(fchownat((int)a[0], p, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

SYSCALL_IMPL(umask)
{
    return (abi_long)umask((mode_t)a[0]);
}

SYSCALL_IMPL(mknod)
{
    GUEST_PATH(p, a[0]);
    return host_ret(mknod(p, (mode_t)a[1], (dev_t)a[2]));
}

SYSCALL_IMPL(mknodat)
{
    GUEST_PATH(p, a[1]);
    return host_ret(mknodat((int)a[0], p, (mode_t)a[2], (dev_t)a[3]));
}

/* ---- descriptors ---- */

SYSCALL_IMPL(dup)
{
    return host_ret(dup((int)a[0]));
}

SYSCALL_IMPL(dup2)
{
    return host_ret(dup2((int)a[0], (int)a[1]));
}

SYSCALL_IMPL(dup3)
{
    return host_ret(dup3((int)a[0], (int)a[1], (int)a[2]));
}

static abi_long do_pipe2(abi_ulong addr, int flags)
{
    int fds[2];
    if (!guest_access_ok(addr, sizeof(fds), true)) {
        return -EFAULT;
    }
    if (pipe2(fds, flags) != 0) {
        return -errno;
    }
    return copy_to_user(addr, fds, sizeof(fds));
}

SYSCALL_IMPL(pipe)
{
    return do_pipe2(a[0], 0);
}

SYSCALL_IMPL(pipe2)
{
    return do_pipe2(a[0], (int)a[1]);
}

static abi_long get_flock64(struct flock *h, abi_ulong addr)
{
    TargetFlock64 t;
    if (copy_from_user(&t, addr, sizeof(t)) != 0) {
        return -EFAULT;
    }
    h->l_type = t.l_type;
    h->l_whence = t.l_whence;
    h->l_start = t.l_start;
    h->l_len = t.l_len;
    h->l_pid = t.l_pid;
    return 0;
}

static abi_long put_flock64(abi_ulong addr, const struct flock *h)
{
    TargetFlock64 t = { .l_type = h->l_type, .l_whence = h->l_whence, .l_start = h->l_start,
                        .l_len = h->l_len, .l_pid = h->l_pid };
    return copy_to_user(addr, &t, sizeof(t));
}

static abi_long get_flock32(struct flock *h, abi_ulong addr)
{
    TargetFlock t;
    if (copy_from_user(&t, addr, sizeof(t)) != 0) {
        return -EFAULT;
    }
    h->l_type = t.l_type;
    h->l_whence = t.l_whence;
    h->l_start = t.l_start;
    h->l_len = t.l_len;
    h->l_pid = t.l_pid;
    return 0;
}

static abi_long put_flock32(abi_ulong addr, const struct flock *h)
{
    if (h->l_start > INT32_MAX || h->l_len > INT32_MAX) {
        return -EOVERFLOW;
    }
    TargetFlock t = { .l_type = h->l_type, .l_whence = h->l_whence, .l_start = (int32_t)h->l_start,
                      .l_len = (int32_t)h->l_len, .l_pid = h->l_pid };
    return copy_to_user(addr, &t, sizeof(t));
}

static abi_long do_fcntl(int fd, int cmd, abi_ulong arg, bool is64)
{
    struct flock fl;
    abi_long r;
    switch (cmd) {
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        /* The 32-bit struct flock. */
        if ((r = get_flock32(&fl, arg)) != 0) {
            return r;
        }
        if (fcntl(fd, cmd, &fl) != 0) {
            return -errno;
        }
        return cmd == F_GETLK ? put_flock32(arg, &fl) : 0;
    case TARGET_F_GETLK64:
    case TARGET_F_SETLK64:
    case TARGET_F_SETLKW64:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW: {
        if (!is64 && cmd >= TARGET_F_GETLK64 && cmd <= TARGET_F_SETLKW64) {
            return -EINVAL;
        }
        int hcmd = cmd == TARGET_F_GETLK64 ? F_GETLK : cmd == TARGET_F_SETLK64 ? F_SETLK
                 : cmd == TARGET_F_SETLKW64 ? F_SETLKW : cmd;
        if ((r = get_flock64(&fl, arg)) != 0) {
            return r;
        }
        if (fcntl(fd, hcmd, &fl) != 0) {
            return -errno;
        }
        return (hcmd == F_GETLK || hcmd == F_OFD_GETLK) ? put_flock64(arg, &fl) : 0;
    }
    case F_GETOWN_EX:
    case F_SETOWN_EX: {
        /* struct f_owner_ex: two ints, same layout. */
        void *p = lock_user(arg, 8, cmd == F_GETOWN_EX);
        return p ? host_ret(fcntl(fd, cmd, p)) : -EFAULT;
    }
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETFL:
    case F_SETFL:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETSIG:
    case F_SETSIG:
    case F_GETLEASE:
    case F_SETLEASE:
    case F_NOTIFY:
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        r = host_ret(fcntl(fd, cmd, (long)(int32_t)arg));
        /* A 32-bit process without O_LARGEFILE does not see it (the host
         * kernel forces it for itself). */
        if (cmd == F_GETFL && r >= 0 && fd >= 0 && fd < (int)sizeof(largefile_fds) &&
            largefile_fds[fd]) {
            r = (r & ~TARGET_O_LARGEFILE) | (largefile_fds[fd] == LARGEFILE_ON ? TARGET_O_LARGEFILE : 0);
        }
        return r;
    default:
        return -EINVAL;
    }
}

SYSCALL_IMPL(fcntl)
{
    return do_fcntl((int)a[0], (int)a[1], a[2], false);
}

SYSCALL_IMPL(fcntl64)
{
    return do_fcntl((int)a[0], (int)a[1], a[2], true);
}

SYSCALL_IMPL(flock)
{
    return host_ret(flock((int)a[0], (int)a[1]));
}

SYSCALL_IMPL(fsync)
{
    return host_ret(fsync((int)a[0]));
}

SYSCALL_IMPL(fdatasync)
{
    return host_ret(fdatasync((int)a[0]));
}

SYSCALL_IMPL(sync)
{
    sync();
    return 0;
}

SYSCALL_IMPL(syncfs)
{
    return host_ret(syncfs((int)a[0]));
}

SYSCALL_IMPL(truncate)
{
    GUEST_PATH(p, a[0]);
    return host_ret(truncate(p, (off_t)(int32_t)a[1]));
}

SYSCALL_IMPL(ftruncate)
{
    return host_ret(ftruncate((int)a[0], (off_t)(int32_t)a[1]));
}

SYSCALL_IMPL(truncate64)
{
    GUEST_PATH(p, a[0]);
    return host_ret(truncate(p, (off_t)((uint64_t)a[2] << 32 | a[1])));
}

SYSCALL_IMPL(ftruncate64)
{
    return host_ret(ftruncate((int)a[0], (off_t)((uint64_t)a[2] << 32 | a[1])));
}

SYSCALL_IMPL(fadvise64)
{
    /* (fd, offset lo, offset hi, len, advice) */
    int r = posix_fadvise((int)a[0], (off_t)((uint64_t)a[2] << 32 | a[1]), (off_t)a[3], (int)a[4]);
    return -r;
}

SYSCALL_IMPL(fadvise64_64)
{
    /* (fd, offset lo, hi, len lo, hi, advice) */
    int r = posix_fadvise((int)a[0], (off_t)((uint64_t)a[2] << 32 | a[1]),
                          (off_t)((uint64_t)a[4] << 32 | a[3]), (int)a[5]);
    return -r;
}

SYSCALL_IMPL(fallocate)
{
    return host_ret(fallocate((int)a[0], (int)a[1], (off_t)((uint64_t)a[3] << 32 | a[2]),
                              (off_t)((uint64_t)a[5] << 32 | a[4])));
}

SYSCALL_IMPL(readahead)
{
    return host_ret(readahead((int)a[0], (off64_t)((uint64_t)a[2] << 32 | a[1]), (size_t)a[3]));
}

static abi_long do_sendfile(abi_ulong out, abi_ulong in, abi_ulong offp, abi_ulong count, bool off64)
{
    off_t off;
    if (offp) {
        if (off64) {
            int64_t v;
            if (copy_from_user(&v, offp, sizeof(v)) != 0) {
                return -EFAULT;
            }
            off = v;
        } else {
            int32_t v;
            if (copy_from_user(&v, offp, sizeof(v)) != 0) {
                return -EFAULT;
            }
            off = v;
        }
    }
    ssize_t r = sendfile((int)out, (int)in, offp ? &off : NULL, count);
    if (r < 0) {
        return -errno;
    }
    if (offp) {
        if (off64) {
            int64_t v = off;
            if (copy_to_user(offp, &v, sizeof(v)) != 0) {
                return -EFAULT;
            }
        } else {
            int32_t v = (int32_t)off;
            if (copy_to_user(offp, &v, sizeof(v)) != 0) {
                return -EFAULT;
            }
        }
    }
    return (abi_long)r;
}

SYSCALL_IMPL(sendfile)
{
    return do_sendfile(a[0], a[1], a[2], a[3], false);
}

SYSCALL_IMPL(sendfile64)
{
    return do_sendfile(a[0], a[1], a[2], a[3], true);
}

SYSCALL_IMPL(copy_file_range)
{
    loff_t in_off, out_off;
    if (a[1] && copy_from_user(&in_off, a[1], sizeof(in_off)) != 0) {
        return -EFAULT;
    }
    if (a[3] && copy_from_user(&out_off, a[3], sizeof(out_off)) != 0) {
        return -EFAULT;
    }
    ssize_t r = copy_file_range((int)a[0], a[1] ? &in_off : NULL, (int)a[2],
                                a[3] ? &out_off : NULL, a[4], (unsigned)a[5]);
    if (r < 0) {
        return -errno;
    }
    if ((a[1] && copy_to_user(a[1], &in_off, sizeof(in_off)) != 0) ||
        (a[3] && copy_to_user(a[3], &out_off, sizeof(out_off)) != 0)) {
        return -EFAULT;
    }
    return (abi_long)r;
}

SYSCALL_IMPL(memfd_create)
{
    GUEST_PATH(p, a[0]);
    return host_ret(syscall(SYS_memfd_create, p, (unsigned)a[1]));
}

/* ---- statfs ---- */

static abi_long put_statfs64(abi_ulong addr, const struct statfs *s)
{
    TargetStatfs64 t;
    memset(&t, 0, sizeof(t));
    t.f_type = (uint32_t)s->f_type;
    t.f_bsize = (uint32_t)s->f_bsize;
    t.f_blocks = s->f_blocks;
    t.f_bfree = s->f_bfree;
    t.f_bavail = s->f_bavail;
    t.f_files = s->f_files;
    t.f_ffree = s->f_ffree;
    memcpy(t.f_fsid, &s->f_fsid, sizeof(t.f_fsid));
    t.f_namelen = (uint32_t)s->f_namelen;
    t.f_frsize = (uint32_t)s->f_frsize;
    t.f_flags = (uint32_t)s->f_flags;
    return copy_to_user(addr, &t, sizeof(t));
}

static abi_long put_statfs(abi_ulong addr, const struct statfs *s)
{
    TargetStatfs t;
    memset(&t, 0, sizeof(t));
    if ((s->f_blocks | s->f_bfree | s->f_bavail | s->f_files | s->f_ffree) >> 32) {
        /* fs/statfs.c put_compat_statfs: fields past 32 bits overflow,
         * except files counts of -1. */
        if ((s->f_blocks | s->f_bfree | s->f_bavail) >> 32) {
            return -EOVERFLOW;
        }
    }
    t.f_type = (uint32_t)s->f_type;
    t.f_bsize = (uint32_t)s->f_bsize;
    t.f_blocks = (uint32_t)s->f_blocks;
    t.f_bfree = (uint32_t)s->f_bfree;
    t.f_bavail = (uint32_t)s->f_bavail;
    t.f_files = (uint32_t)s->f_files;
    t.f_ffree = (uint32_t)s->f_ffree;
    memcpy(t.f_fsid, &s->f_fsid, sizeof(t.f_fsid));
    t.f_namelen = (uint32_t)s->f_namelen;
    t.f_frsize = (uint32_t)s->f_frsize;
    t.f_flags = (uint32_t)s->f_flags;
    return copy_to_user(addr, &t, sizeof(t));
}

SYSCALL_IMPL(statfs)
{
    GUEST_PATH(p, a[0]);
    struct statfs s;
    return statfs(p, &s) != 0 ? -errno : put_statfs(a[1], &s);
}

SYSCALL_IMPL(fstatfs)
{
    struct statfs s;
    return fstatfs((int)a[0], &s) != 0 ? -errno : put_statfs(a[1], &s);
}

SYSCALL_IMPL(statfs64)
{
    GUEST_PATH(p, a[0]);
    if (a[1] != sizeof(TargetStatfs64)) {
        return -EINVAL;
    }
    struct statfs s;
    return statfs(p, &s) != 0 ? -errno : put_statfs64(a[2], &s);
}

SYSCALL_IMPL(fstatfs64)
{
    if (a[1] != sizeof(TargetStatfs64)) {
        return -EINVAL;
    }
    struct statfs s;
    return fstatfs((int)a[0], &s) != 0 ? -errno : put_statfs64(a[2], &s);
}

/* ---- timestamps ---- */

static abi_long do_utimensat(int dirfd, abi_ulong path, abi_ulong times, int flags, bool time64)
{
    struct timespec ts[2];
    if (times) {
        if (time64) {
            TargetTimespec64 t[2];
            if (copy_from_user(t, times, sizeof(t)) != 0) {
                return -EFAULT;
            }
            for (int i = 0; i < 2; i++) {
                ts[i].tv_sec = t[i].tv_sec;
                ts[i].tv_nsec = t[i].tv_nsec;
            }
        } else {
            TargetTimespec32 t[2];
            if (copy_from_user(t, times, sizeof(t)) != 0) {
                return -EFAULT;
            }
            for (int i = 0; i < 2; i++) {
                ts[i].tv_sec = t[i].tv_sec;
                ts[i].tv_nsec = t[i].tv_nsec;
            }
        }
    }
    g_autofree char *p = NULL;
    if (path) {
        p = lock_user_string(path);
        if (!p) {
            return -EFAULT;
        }
    }
    /* A NULL path means the descriptor itself (utimensat(2) NOTES). */
    return host_ret(syscall(SYS_utimensat, dirfd, p, times ? ts : NULL, flags));
}

SYSCALL_IMPL(utimensat)
{
    return do_utimensat((int)a[0], a[1], a[2], (int)a[3], false);
}

SYSCALL_IMPL(utimensat_time64)
{
    return do_utimensat((int)a[0], a[1], a[2], (int)a[3], true);
}

static abi_long do_futimesat(int dirfd, abi_ulong path, abi_ulong times)
{
    struct timespec ts[2];
    if (times) {
        TargetTimeval32 t[2];
        if (copy_from_user(t, times, sizeof(t)) != 0) {
            return -EFAULT;
        }
        for (int i = 0; i < 2; i++) {
            if (t[i].tv_usec < 0 || t[i].tv_usec >= 1000000) {
                return -EINVAL;
            }
            ts[i].tv_sec = t[i].tv_sec;
            ts[i].tv_nsec = t[i].tv_usec * 1000L;
        }
    }
    GUEST_PATH(p, path);
    return host_ret(utimensat(dirfd, p, times ? ts : NULL, 0));
}

SYSCALL_IMPL(utimes)
{
    return do_futimesat(AT_FDCWD, a[0], a[1]);
}

SYSCALL_IMPL(futimesat)
{
    return do_futimesat((int)a[0], a[1], a[2]);
}

SYSCALL_IMPL(utime)
{
    struct timespec ts[2];
    if (a[1]) {
        int32_t t[2]; /* struct utimbuf: actime, modtime */
        if (copy_from_user(t, a[1], sizeof(t)) != 0) {
            return -EFAULT;
        }
        ts[0].tv_sec = t[0];
        ts[1].tv_sec = t[1];
        ts[0].tv_nsec = ts[1].tv_nsec = 0;
    }
    GUEST_PATH(p, a[0]);
    return host_ret(utimensat(AT_FDCWD, p, a[1] ? ts : NULL, 0));
}
