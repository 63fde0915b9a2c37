/*
 * Descriptor I/O control and multiplexing: ioctl (terminal and FIO*
 * requests, whose structures have the same layout on i386 and x86-64),
 * poll/ppoll, select/_newselect/pselect6, epoll, eventfd.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include <glib.h>
#include <linux/fs.h>

#include "linux-user/qemu.h"
#include "linux-user/syscall_defs.h"
#include "linux-user/syscall_handlers.h"
#include "qemu/log.h"

static abi_long host_ret(long r)
{
    return r == -1 ? -errno : (abi_long)r;
}

/* ---- ioctl ---- */

/* How a request's argument is passed: by value, or a pointer to `size`
 * bytes read (IN), written (OUT) or both, laid out alike on both sides. */
enum { ARG_VALUE, ARG_IN, ARG_OUT, ARG_INOUT, ARG_NONE };

typedef struct IoctlDef {
    unsigned long request;
    const char *name;
    int kind;
    unsigned size;
    unsigned long host_request; /* 0: the same number */
} IoctlDef;

/* struct termios (asm-generic/termbits.h): 4 tcflag_t, c_line, 19 c_cc. */
#define KERNEL_TERMIOS_SIZE 36

static const IoctlDef ioctl_table[] = {
    { TCGETS, "TCGETS", ARG_OUT, KERNEL_TERMIOS_SIZE },
    { TCSETS, "TCSETS", ARG_IN, KERNEL_TERMIOS_SIZE },
    { TCSETSW, "TCSETSW", ARG_IN, KERNEL_TERMIOS_SIZE },
    { TCSETSF, "TCSETSF", ARG_IN, KERNEL_TERMIOS_SIZE },
    { TIOCGWINSZ, "TIOCGWINSZ", ARG_OUT, sizeof(struct winsize) },
    { TIOCSWINSZ, "TIOCSWINSZ", ARG_IN, sizeof(struct winsize) },
    { TIOCGPGRP, "TIOCGPGRP", ARG_OUT, 4 },
    { TIOCSPGRP, "TIOCSPGRP", ARG_IN, 4 },
    { TIOCGSID, "TIOCGSID", ARG_OUT, 4 },
    { FIONREAD, "FIONREAD", ARG_OUT, 4 },
    { TIOCOUTQ, "TIOCOUTQ", ARG_OUT, 4 },
    { FIONBIO, "FIONBIO", ARG_IN, 4 },
    { FIOASYNC, "FIOASYNC", ARG_IN, 4 },
    { FIOCLEX, "FIOCLEX", ARG_NONE, 0 },
    { FIONCLEX, "FIONCLEX", ARG_NONE, 0 },
    { TIOCSCTTY, "TIOCSCTTY", ARG_VALUE, 0 },
    { TIOCNOTTY, "TIOCNOTTY", ARG_NONE, 0 },
    { TCFLSH, "TCFLSH", ARG_VALUE, 0 },
    { TCXONC, "TCXONC", ARG_VALUE, 0 },
    { TCSBRK, "TCSBRK", ARG_VALUE, 0 },
    { TCSBRKP, "TCSBRKP", ARG_VALUE, 0 },
    { TIOCSBRK, "TIOCSBRK", ARG_NONE, 0 },
    { TIOCCBRK, "TIOCCBRK", ARG_NONE, 0 },
    { TIOCGPTN, "TIOCGPTN", ARG_OUT, 4 },
    { TIOCSPTLCK, "TIOCSPTLCK", ARG_IN, 4 },
    { TIOCGETD, "TIOCGETD", ARG_OUT, 4 },
    { TIOCSETD, "TIOCSETD", ARG_IN, 4 },
    { TIOCEXCL, "TIOCEXCL", ARG_NONE, 0 },
    { TIOCNXCL, "TIOCNXCL", ARG_NONE, 0 },
    { TIOCMGET, "TIOCMGET", ARG_OUT, 4 },
    { TIOCMSET, "TIOCMSET", ARG_IN, 4 },
    { TIOCGSERIAL, "TIOCGSERIAL", ARG_NONE, 0 },
    /* cp --reflink=auto tries these first (struct file_clone_range: four
     * 64-bit fields on both sides). */
    { FICLONE, "FICLONE", ARG_VALUE, 0 },
    { FICLONERANGE, "FICLONERANGE", ARG_IN, sizeof(struct file_clone_range) },
    /* lsattr/chattr: the i386 numbers encode a 4-byte long; the 64-bit
     * kernel answers the same int-sized request under the 8-byte number. */
    { FS_IOC32_GETFLAGS, "FS_IOC_GETFLAGS", ARG_OUT, 4, FS_IOC_GETFLAGS },
    { FS_IOC32_SETFLAGS, "FS_IOC_SETFLAGS", ARG_IN, 4, FS_IOC_SETFLAGS },
    { FS_IOC32_GETVERSION, "FS_IOC_GETVERSION", ARG_OUT, 4, FS_IOC_GETVERSION },
};

SYSCALL_IMPL(ioctl)
{
    int fd = (int)a[0];
    unsigned long req = a[1];
    for (size_t i = 0; i < sizeof(ioctl_table) / sizeof(ioctl_table[0]); i++) {
        const IoctlDef *d = &ioctl_table[i];
        if (d->request != req) {
            continue;
        }
        if (req == TIOCGSERIAL) {
            return -ENOTTY; /* struct serial_struct holds a pointer: not converted */
        }
        if (d->host_request) {
            req = d->host_request;
        }
        switch (d->kind) {
        case ARG_VALUE:
            return host_ret(ioctl(fd, req, (unsigned long)a[2]));
        case ARG_NONE:
            return host_ret(ioctl(fd, req, 0UL));
        default: {
            void *p = lock_user(a[2], d->size, d->kind != ARG_IN);
            if (!p) {
                return -EFAULT;
            }
            return host_ret(ioctl(fd, req, p));
        }
        }
    }
    qemu_log_mask(LOG_UNIMP, "ioctl 0x%08lx on fd %d is not supported\n", req, fd);
    return -ENOTTY;
}

/* ---- poll ---- */

/* struct pollfd is the same on both sides. */
static abi_long do_ppoll(abi_ulong fds_addr, abi_ulong nfds, struct timespec *ts,
                         abi_ulong sigmask_addr, bool has_mask)
{
    if (nfds > 1024 * 1024) {
        return -EINVAL;
    }
    struct pollfd *fds = lock_user(fds_addr, nfds * sizeof(struct pollfd), true);
    if (!fds && nfds) {
        return -EFAULT;
    }
    sigset_t set, *setp = NULL;
    uint64_t m = 0;
    if (has_mask && sigmask_addr) {
        if (copy_from_user(&m, sigmask_addr, 8) != 0) {
            return -EFAULT;
        }
        sigemptyset(&set);
        for (int sig = 1; sig <= TARGET_NSIG; sig++) {
            if ((m & sigbit(sig)) && sig != SIGSEGV && sig != SIGBUS) {
                sigaddset(&set, sig);
            }
        }
        setp = &set;
    }
    abi_long r = host_ret(syscall(SYS_ppoll, fds, (nfds_t)nfds, ts, setp, (size_t)8));
    if (r == -EINTR && setp) {
        sigmask_after_interrupted_wait(m);
    }
    return r;
}

SYSCALL_IMPL(poll)
{
    int timeout = (int)a[2];
    struct timespec ts = { timeout / 1000, (timeout % 1000) * 1000000L };
    return do_ppoll(a[0], a[1], timeout >= 0 ? &ts : NULL, 0, false);
}

static abi_long ppoll_common(const abi_ulong *a, bool t64)
{
    struct timespec ts;
    if (a[2]) {
        abi_long e = get_guest_timespec(&ts, a[2], t64);
        if (e != 0) {
            return e;
        }
    }
    if (a[3] && a[4] != 8) {
        return -EINVAL;
    }
    abi_long r = do_ppoll(a[0], a[1], a[2] ? &ts : NULL, a[3], true);
    if (a[2] && r >= 0) {
        put_guest_timespec(a[2], &ts, t64);
    }
    return r;
}

SYSCALL_IMPL(ppoll)
{
    return ppoll_common(a, false);
}

SYSCALL_IMPL(ppoll_time64)
{
    return ppoll_common(a, true);
}

/* ---- select ---- */

/* fd_set is an array of 32-bit words on i386 and of 64-bit words on the
 * host: the same bits in little-endian memory. */
static abi_long lock_fdset(fd_set **out, abi_ulong addr, int n)
{
    *out = NULL;
    if (!addr) {
        return 0;
    }
    abi_ulong bytes = ((abi_ulong)n + 31) / 32 * 4;
    *out = lock_user(addr, bytes, true);
    return *out ? 0 : -EFAULT;
}

static abi_long do_select(int n, abi_ulong rd, abi_ulong wr, abi_ulong ex,
                          struct timespec *ts, const sigset_t *mask)
{
    if (n < 0 || n > FD_SETSIZE) {
        return -EINVAL;
    }
    fd_set *r, *w, *e;
    fd_set rb, wb, eb;
    abi_long err;
    if ((err = lock_fdset(&r, rd, n)) || (err = lock_fdset(&w, wr, n)) ||
        (err = lock_fdset(&e, ex, n))) {
        return err;
    }
    /* Work on full-size copies: the host may touch a whole 64-bit word. */
    size_t bytes = ((size_t)n + 31) / 32 * 4;
    fd_set *sets[3] = { r ? &rb : NULL, w ? &wb : NULL, e ? &eb : NULL };
    fd_set *guest[3] = { r, w, e };
    for (int i = 0; i < 3; i++) {
        if (sets[i]) {
            FD_ZERO(sets[i]);
            memcpy(sets[i], guest[i], bytes);
        }
    }
    struct {
        const sigset_t *ss;
        size_t len;
    } sm = { mask, 8 };
    long ret = syscall(SYS_pselect6, n, sets[0], sets[1], sets[2], ts, mask ? &sm : NULL);
    if (ret < 0) {
        return -errno;
    }
    for (int i = 0; i < 3; i++) {
        if (sets[i]) {
            memcpy(guest[i], sets[i], bytes);
        }
    }
    return (abi_long)ret;
}

static abi_long select_timeval(const abi_ulong *a)
{
    struct timespec ts;
    if (a[4]) {
        TargetTimeval32 tv;
        if (copy_from_user(&tv, a[4], sizeof(tv)) != 0) {
            return -EFAULT;
        }
        if (tv.tv_sec < 0 || tv.tv_usec < 0) {
            return -EINVAL;
        }
        ts.tv_sec = tv.tv_sec + tv.tv_usec / 1000000;
        ts.tv_nsec = (tv.tv_usec % 1000000) * 1000L;
    }
    abi_long r = do_select((int)a[0], a[1], a[2], a[3], a[4] ? &ts : NULL, NULL);
    if (a[4] && r >= 0) {
        /* Linux writes back the time left. */
        TargetTimeval32 tv = { (int32_t)ts.tv_sec, (int32_t)(ts.tv_nsec / 1000) };
        copy_to_user(a[4], &tv, sizeof(tv));
    }
    return r;
}

SYSCALL_IMPL(_newselect)
{
    return select_timeval(a);
}

/* The old select (#82) takes a pointer to its five arguments. */
SYSCALL_IMPL(select)
{
    uint32_t v[5];
    if (copy_from_user(v, a[0], sizeof(v)) != 0) {
        return -EFAULT;
    }
    abi_ulong args[5] = { v[0], v[1], v[2], v[3], v[4] };
    return select_timeval(args);
}

static abi_long pselect_common(const abi_ulong *a, bool t64)
{
    struct timespec ts;
    if (a[4]) {
        abi_long e = get_guest_timespec(&ts, a[4], t64);
        if (e != 0) {
            return e;
        }
    }
    sigset_t set, *setp = NULL;
    uint64_t m = 0;
    if (a[5]) {
        /* { const sigset_t *ss; size_t ss_len; } with 32-bit members. */
        uint32_t sm[2];
        if (copy_from_user(sm, a[5], sizeof(sm)) != 0) {
            return -EFAULT;
        }
        if (sm[0]) {
            if (sm[1] != 8 || copy_from_user(&m, sm[0], 8) != 0) {
                return sm[1] != 8 ? -EINVAL : -EFAULT;
            }
            sigemptyset(&set);
            for (int sig = 1; sig <= TARGET_NSIG; sig++) {
                if ((m & sigbit(sig)) && sig != SIGSEGV && sig != SIGBUS) {
                    sigaddset(&set, sig);
                }
            }
            setp = &set;
        }
    }
    abi_long r = do_select((int)a[0], a[1], a[2], a[3], a[4] ? &ts : NULL, setp);
    if (r == -EINTR && setp) {
        sigmask_after_interrupted_wait(m);
    }
    if (a[4] && r >= 0) {
        put_guest_timespec(a[4], &ts, t64);
    }
    return r;
}

SYSCALL_IMPL(pselect6)
{
    return pselect_common(a, false);
}

SYSCALL_IMPL(pselect6_time64)
{
    return pselect_common(a, true);
}

/* ---- epoll: struct epoll_event is packed (12 bytes) on x86 of both sizes ---- */

SYSCALL_IMPL(epoll_create)
{
    return host_ret(epoll_create((int)a[0]));
}

SYSCALL_IMPL(epoll_create1)
{
    return host_ret(epoll_create1((int)a[0]));
}

SYSCALL_IMPL(epoll_ctl)
{
    struct epoll_event *ev = NULL;
    if (a[3]) {
        ev = lock_user(a[3], sizeof(*ev), false);
        if (!ev) {
            return -EFAULT;
        }
    }
    return host_ret(epoll_ctl((int)a[0], (int)a[1], (int)a[2], ev));
}

static abi_long do_epoll_pwait(const abi_ulong *a, bool has_mask)
{
    int maxevents = (int)a[2];
    if (maxevents <= 0 || maxevents > 1024 * 1024) {
        return -EINVAL;
    }
    struct epoll_event *ev = lock_user(a[1], (abi_ulong)maxevents * sizeof(*ev), true);
    if (!ev) {
        return -EFAULT;
    }
    sigset_t set, *setp = NULL;
    uint64_t m = 0;
    if (has_mask && a[4]) {
        if (a[5] != 8) {
            return -EINVAL;
        }
        if (copy_from_user(&m, a[4], 8) != 0) {
            return -EFAULT;
        }
        sigemptyset(&set);
        for (int sig = 1; sig <= TARGET_NSIG; sig++) {
            if ((m & sigbit(sig)) && sig != SIGSEGV && sig != SIGBUS) {
                sigaddset(&set, sig);
            }
        }
        setp = &set;
    }
    abi_long r = host_ret(epoll_pwait((int)a[0], ev, maxevents, (int)a[3], setp));
    if (r == -EINTR && setp) {
        sigmask_after_interrupted_wait(m);
    }
    return r;
}

SYSCALL_IMPL(epoll_wait)
{
    return do_epoll_pwait(a, false);
}

SYSCALL_IMPL(epoll_pwait)
{
    return do_epoll_pwait(a, true);
}

SYSCALL_IMPL(eventfd)
{
    return host_ret(eventfd((unsigned)a[0], 0));
}

SYSCALL_IMPL(eventfd2)
{
    return host_ret(eventfd((unsigned)a[0], (int)a[1]));
}

/* ---- notification and plumbing descriptors ---- */

SYSCALL_IMPL(inotify_init)
{
    return host_ret(syscall(SYS_inotify_init1, 0));
}

SYSCALL_IMPL(inotify_init1)
{
    return host_ret(syscall(SYS_inotify_init1, (int)a[0]));
}

/* struct inotify_event (read from the descriptor) is the same on both. */
SYSCALL_IMPL(inotify_add_watch)
{
    g_autofree char *p = lock_user_string(a[1]);
    if (!p) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_inotify_add_watch, (int)a[0], p, (uint32_t)a[2]));
}

SYSCALL_IMPL(inotify_rm_watch)
{
    return host_ret(syscall(SYS_inotify_rm_watch, (int)a[0], (int)a[1]));
}

/* struct signalfd_siginfo is 128 bytes of fixed-size fields everywhere. */
static abi_long do_signalfd4(int fd, abi_ulong mask_addr, abi_ulong size, int flags)
{
    uint64_t m;
    if (size != 8) {
        return -EINVAL;
    }
    if (copy_from_user(&m, mask_addr, 8) != 0) {
        return -EFAULT;
    }
    sigset_t set;
    sigemptyset(&set);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (m & sigbit(sig)) {
            sigaddset(&set, sig);
        }
    }
    return host_ret(syscall(SYS_signalfd4, fd, &set, (size_t)8, flags));
}

SYSCALL_IMPL(signalfd)
{
    return do_signalfd4((int)a[0], a[1], a[2], 0);
}

SYSCALL_IMPL(signalfd4)
{
    return do_signalfd4((int)a[0], a[1], a[2], (int)a[3]);
}

SYSCALL_IMPL(close_range)
{
    return host_ret(syscall(SYS_close_range, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2]));
}

SYSCALL_IMPL(pidfd_open)
{
    return host_ret(syscall(SYS_pidfd_open, (pid_t)a[0], (unsigned)a[1]));
}

/* loff_t pointers (64-bit) may be NULL. */
SYSCALL_IMPL(splice)
{
    int64_t in_off, out_off;
    if (a[1] && copy_from_user(&in_off, a[1], 8) != 0) {
        return -EFAULT;
    }
    if (a[3] && copy_from_user(&out_off, a[3], 8) != 0) {
        return -EFAULT;
    }
    loff_t hin = in_off, hout = out_off;
    long r = syscall(SYS_splice, (int)a[0], a[1] ? &hin : NULL, (int)a[2], a[3] ? &hout : NULL,
                     (size_t)a[4], (unsigned)a[5]);
    if (r < 0) {
        return -errno;
    }
    in_off = hin;
    out_off = hout;
    if ((a[1] && copy_to_user(a[1], &in_off, 8) != 0) || (a[3] && copy_to_user(a[3], &out_off, 8) != 0)) {
        return -EFAULT;
    }
    return (abi_long)r;
}

SYSCALL_IMPL(tee)
{
    return host_ret(syscall(SYS_tee, (int)a[0], (int)a[1], (size_t)a[2], (unsigned)a[3]));
}

/* (fd, offset lo, hi, nbytes lo, hi, flags) */
SYSCALL_IMPL(sync_file_range)
{
    return host_ret(syscall(SYS_sync_file_range, (int)a[0], (int64_t)((uint64_t)a[2] << 32 | a[1]),
                            (int64_t)((uint64_t)a[4] << 32 | a[3]), (unsigned)a[5]));
}
