/*
 * Signal syscalls: sigaction in its three forms (signal, the old
 * sigaction, rt_sigaction), masks, sigsuspend, sigaltstack, sending
 * signals, waiting for them, and sigreturn.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/qemu.h"
#include "linux-user/syscall_handlers.h"

static abi_long host_ret(long r)
{
    return r == -1 ? -errno : (abi_long)r;
}

/* struct sigaction of rt_sigaction for i386: handler, flags, restorer, mask. */
typedef struct TargetRtSigaction {
    uint32_t handler, flags, restorer;
    uint32_t mask[2];
} TargetRtSigaction;

/* struct old_sigaction (arch/x86/include/asm/signal.h, 32-bit). */
typedef struct TargetOldSigaction {
    uint32_t handler, mask, flags, restorer;
} TargetOldSigaction;

SYSCALL_IMPL(rt_sigaction)
{
    if (a[3] != 8) {
        return -EINVAL;
    }
    TargetSigaction act, old;
    if (a[1]) {
        TargetRtSigaction t;
        if (copy_from_user(&t, a[1], sizeof(t)) != 0) {
            return -EFAULT;
        }
        act.handler = t.handler;
        act.flags = t.flags;
        act.restorer = t.restorer;
        act.mask = (uint64_t)t.mask[1] << 32 | t.mask[0];
    }
    abi_long r = do_guest_sigaction((int)a[0], a[1] ? &act : NULL, &old);
    if (r == 0 && a[2]) {
        TargetRtSigaction t = { old.handler, old.flags, old.restorer,
                                { (uint32_t)old.mask, (uint32_t)(old.mask >> 32) } };
        return copy_to_user(a[2], &t, sizeof(t));
    }
    return r;
}

SYSCALL_IMPL(sigaction)
{
    TargetSigaction act, old;
    if (a[1]) {
        TargetOldSigaction t;
        if (copy_from_user(&t, a[1], sizeof(t)) != 0) {
            return -EFAULT;
        }
        act.handler = t.handler;
        act.flags = t.flags;
        act.restorer = t.restorer;
        act.mask = t.mask;
    }
    abi_long r = do_guest_sigaction((int)a[0], a[1] ? &act : NULL, &old);
    if (r == 0 && a[2]) {
        TargetOldSigaction t = { old.handler, (uint32_t)old.mask, old.flags, old.restorer };
        return copy_to_user(a[2], &t, sizeof(t));
    }
    return r;
}

/* signal(2) on i386: a one-shot handler that does not block itself. */
SYSCALL_IMPL(signal)
{
    TargetSigaction act = { .handler = a[1], .flags = TARGET_SA_RESETHAND | TARGET_SA_NODEFER };
    TargetSigaction old;
    abi_long r = do_guest_sigaction((int)a[0], &act, &old);
    return r ? r : (abi_long)old.handler;
}

static abi_long change_mask(int how, uint64_t set)
{
    uint64_t m = guest_sigmask;
    switch (how) {
    case SIG_BLOCK:
        m |= set;
        break;
    case SIG_UNBLOCK:
        m &= ~set;
        break;
    case SIG_SETMASK:
        m = set;
        break;
    default:
        return -EINVAL;
    }
    set_guest_sigmask(m);
    return 0;
}

SYSCALL_IMPL(rt_sigprocmask)
{
    if (a[3] != 8) {
        return -EINVAL;
    }
    uint64_t old = guest_sigmask, set;
    if (a[1]) {
        if (copy_from_user(&set, a[1], sizeof(set)) != 0) {
            return -EFAULT;
        }
        abi_long r = change_mask((int)a[0], set);
        if (r != 0) {
            return r;
        }
    }
    return a[2] ? copy_to_user(a[2], &old, sizeof(old)) : 0;
}

SYSCALL_IMPL(sigprocmask)
{
    uint64_t old = guest_sigmask;
    if (a[1]) {
        uint32_t set;
        if (get_user_u32(&set, a[1]) != 0) {
            return -EFAULT;
        }
        /* The old call only reaches the first 32 signals. */
        uint64_t m = (uint64_t)set;
        if ((int)a[0] == SIG_SETMASK) {
            m |= guest_sigmask & ~0xffffffffull;
        }
        abi_long r = change_mask((int)a[0], m);
        if (r != 0) {
            return r;
        }
    }
    return a[2] ? put_user_u32((uint32_t)old, a[2]) : 0;
}

SYSCALL_IMPL(rt_sigpending)
{
    if (a[1] > 8) {
        return -EINVAL;
    }
    uint64_t set = pending_guest_signals();
    return copy_to_user(a[0], &set, a[1]);
}

SYSCALL_IMPL(sigpending)
{
    return put_user_u32((uint32_t)pending_guest_signals(), a[0]);
}

SYSCALL_IMPL(rt_sigsuspend)
{
    uint64_t m;
    if (a[1] != 8) {
        return -EINVAL;
    }
    if (copy_from_user(&m, a[0], sizeof(m)) != 0) {
        return -EFAULT;
    }
    return do_sigsuspend(m);
}

/* sigsuspend(2) on i386: (history0, history1, mask). */
SYSCALL_IMPL(sigsuspend)
{
    return do_sigsuspend((guest_sigmask & ~0xffffffffull) | a[2]);
}

SYSCALL_IMPL(pause)
{
    pause();
    return -EINTR;
}

SYSCALL_IMPL(sigaltstack)
{
    TargetStack ss, old;
    if (a[0] && copy_from_user(&ss, a[0], sizeof(ss)) != 0) {
        return -EFAULT;
    }
    abi_long r = do_sigaltstack(a[0] ? &ss : NULL, &old, env->regs[R_ESP]);
    if (r == 0 && a[1]) {
        return copy_to_user(a[1], &old, sizeof(old));
    }
    return r;
}

SYSCALL_IMPL(kill)
{
    return host_ret(kill((pid_t)a[0], (int)a[1]));
}

SYSCALL_IMPL(tkill)
{
    return host_ret(syscall(SYS_tkill, (pid_t)a[0], (int)a[1]));
}

SYSCALL_IMPL(tgkill)
{
    return host_ret(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], (int)a[2]));
}

static abi_long do_sigtimedwait(abi_ulong set_addr, abi_ulong info_addr, abi_ulong ts_addr,
                                abi_ulong size, bool t64)
{
    uint64_t gset;
    if (size != 8) {
        return -EINVAL;
    }
    if (copy_from_user(&gset, set_addr, sizeof(gset)) != 0) {
        return -EFAULT;
    }
    struct timespec ts;
    if (ts_addr) {
        abi_long e = get_guest_timespec(&ts, ts_addr, t64);
        if (e != 0) {
            return e;
        }
    }
    sigset_t set;
    sigemptyset(&set);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (gset & sigbit(sig)) {
            sigaddset(&set, sig);
        }
    }
    siginfo_t hinfo;
    long r = syscall(SYS_rt_sigtimedwait, &set, &hinfo, ts_addr ? &ts : NULL, (size_t)8);
    if (r < 0) {
        return -errno;
    }
    if (info_addr) {
        TargetSiginfo t;
        host_to_target_siginfo(&t, &hinfo);
        if (copy_to_user(info_addr, &t, sizeof(t)) != 0) {
            return -EFAULT;
        }
    }
    return (abi_long)r;
}

SYSCALL_IMPL(rt_sigtimedwait)
{
    return do_sigtimedwait(a[0], a[1], a[2], a[3], false);
}

SYSCALL_IMPL(rt_sigtimedwait_time64)
{
    return do_sigtimedwait(a[0], a[1], a[2], a[3], true);
}

SYSCALL_IMPL(sigreturn)
{
    return do_sigreturn(env);
}

SYSCALL_IMPL(rt_sigreturn)
{
    return do_rt_sigreturn(env);
}
