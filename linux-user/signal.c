/*
 * Guest signals.
 *
 * Host side: the emulator's SIGSEGV/SIGBUS handler separates guest faults
 * (and writes to write-protected code pages) from emulator bugs.  Other host
 * signals reach the emulator only when the guest installed a handler for
 * them: the guest's SIG_DFL/SIG_IGN are set on the host too, so default
 * actions (terminate, stop, ignore) happen natively with the native exit
 * status.  The guest's blocked mask is also the host's (except for the
 * fault signals, which the emulator needs), so the host kernel keeps blocked
 * signals pending and only unblocked ones interrupt host syscalls.
 *
 * Guest side: a signal caught by the host handler is recorded and the CPU
 * asked to leave generated code; the cpu loop then delivers it through the
 * guest's handler with an i386 frame (i386/signal.c).  Faults of guest
 * instructions are delivered synchronously from the cpu loop.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "exec/exec-all.h"
#include "linux-user/qemu.h"
#include "qemu/log.h"

__thread uint64_t guest_sigmask;
__thread TargetStack guest_sigaltstack = { .ss_flags = TARGET_SS_DISABLE };

static TargetSigaction sigact_table[TARGET_NSIG + 1];

/* sigsuspend: the mask to restore once a handler has run (the kernel's
 * saved_sigmask); it is what the handler's frame records. */
static __thread bool suspend_mask_valid;
static __thread uint64_t suspend_saved_mask;

/* Asynchronous signals caught by the host handler, not yet delivered.
 * Per thread: the host kernel already chose the thread (the target of
 * tgkill/pthread_kill, or for a process-wide signal one that does not
 * block it, since the guest's mask is the host's), so that thread's guest
 * must take it. */
static __thread volatile sig_atomic_t async_pending[TARGET_NSIG + 1];
static __thread siginfo_t async_info[TARGET_NSIG + 1];
static __thread volatile sig_atomic_t any_async_pending;

/* The one synchronous signal of the current instruction. */
static __thread struct {
    bool pending;
    TargetSiginfo info;
} sync_signal;

/* Signals the emulator keeps unblocked and handled on the host. */
static bool is_fault_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS;
}

/* Synchronous signals: never blocked on the host, blocking is emulated. */
static bool is_sync_signal(int sig)
{
    return is_fault_signal(sig) || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

static void host_signal_handler(int sig, siginfo_t *info, void *puc);

static void set_host_action(int sig, abi_ulong guest_handler)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigfillset(&sa.sa_mask);
    if (is_fault_signal(sig) || sig == SIGTRAP || guest_handler > TARGET_SIG_IGN) {
        sa.sa_sigaction = host_signal_handler;
        sa.sa_flags = SA_SIGINFO;
    } else {
        sa.sa_handler = guest_handler == TARGET_SIG_IGN ? SIG_IGN : SIG_DFL;
    }
    if (sig == SIGKILL || sig == SIGSTOP) {
        return;
    }
    sigaction(sig, &sa, NULL);
}

static void host_mask_from_guest(uint64_t mask, sigset_t *set)
{
    sigemptyset(set);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if ((mask & sigbit(sig)) && !is_sync_signal(sig)) {
            sigaddset(set, sig);
        }
    }
}

void set_guest_sigmask(uint64_t mask)
{
    mask &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    guest_sigmask = mask;
    sigset_t set;
    host_mask_from_guest(mask, &set);
    /* glibc's sigprocmask hides its internal signals; the raw call does not. */
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, (size_t)8);
}

void signal_init(void)
{
    /* The guest starts with the dispositions and mask it inherits. */
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    uint64_t mask = 0;
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        struct sigaction old;
        if (sigismember(&cur, sig) == 1) {
            mask |= sigbit(sig);
        }
        if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
            sigact_table[sig].handler = TARGET_SIG_IGN;
        }
    }
    set_host_action(SIGSEGV, sigact_table[SIGSEGV].handler);
    set_host_action(SIGBUS, sigact_table[SIGBUS].handler);
    set_host_action(SIGTRAP, sigact_table[SIGTRAP].handler);
    set_guest_sigmask(mask);
}

void die_with_signal(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    fflush(NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), sig);
    /* A signal whose default is to stop or be ignored lands here. */
    _exit(128 + sig);
}

void host_to_target_siginfo(TargetSiginfo *t, const siginfo_t *h)
{
    memset(t, 0, sizeof(*t));
    t->si_signo = h->si_signo;
    t->si_errno = h->si_errno;
    t->si_code = h->si_code;
    if (h->si_signo == SIGCHLD) {
        t->f.chld.pid = h->si_pid;
        t->f.chld.uid = h->si_uid;
        t->f.chld.status = h->si_status;
        t->f.chld.utime = (int32_t)h->si_utime;
        t->f.chld.stime = (int32_t)h->si_stime;
    } else if (h->si_code == SI_TIMER) {
        t->f.timer.tid = h->si_timerid;
        t->f.timer.overrun = h->si_overrun;
        t->f.timer.value = h->si_value.sival_int;
    } else if (h->si_signo == SIGIO || h->si_signo == SIGPOLL) {
        t->f.poll.band = (int32_t)h->si_band;
        t->f.poll.fd = h->si_fd;
    } else {
        /* kill/tgkill/sigqueue: pid, uid and the value. */
        t->f.kill.pid = h->si_pid;
        t->f.kill.uid = h->si_uid;
        t->f.kill.value = h->si_value.sival_int;
    }
}

/*
 * A SIGSEGV/SIGBUS raised by the hardware.  Returns normally to retry the
 * access (a write to a page holding translated code), leaves through
 * cpu_loop_exit_* for a guest fault, and kills the emulator for a fault of
 * its own.
 */
static void handle_host_fault(int sig, siginfo_t *info, ucontext_t *uc)
{
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t haddr = (uintptr_t)info->si_addr;
    CPUState *cpu = current_cpu;

    if (!cpu || haddr < guest_base || haddr - guest_base >= GUEST_RESERVATION) {
        goto emulator_bug;
    }
    uint32_t addr = (uint32_t)(haddr - guest_base);
    bool is_write = uc->uc_mcontext.gregs[REG_TRAPNO] == 14 && (uc->uc_mcontext.gregs[REG_ERR] & 2);

    if (sig == SIGSEGV && is_write && info->si_code == SEGV_ACCERR) {
        if (alias_write_fault(addr, uc)) {
            return;
        }
        switch (page_unprotect(addr, pc)) {
        case 1:
            return;
        case 2:
            sigprocmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
            cpu_restore_state(cpu, pc);
            helper_retaddr = 0;
            cpu_loop_exit_noexc(cpu);
        default:
            break;
        }
    }
    /* Only generated code and the cpu_ld/st helpers touch guest memory on
     * the guest's behalf; a fault anywhere else is the emulator's. */
    if (!in_code_gen_buffer((const void *)pc) && !helper_retaddr) {
        goto emulator_bug;
    }

    /* A guest fault: leave the host handler for cpu_exec with the guest's
     * state restored to the faulting instruction. */
    sigprocmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
    if (sig == SIGBUS) {
        cpu_restore_state(cpu, pc);
        helper_retaddr = 0;
        queue_sync_signal(cpu_env(cpu), SIGBUS, info->si_code, addr);
        cpu->exception_index = EXCP_INTERRUPT;
        cpu_loop_exit(cpu);
    }
    cpu_loop_exit_sigsegv(cpu, addr, is_write ? MMU_DATA_STORE : MMU_DATA_LOAD,
                          !(page_get_flags(addr) & PAGE_VALID), pc);

emulator_bug:
    {
        char msg[160];
        int n = snprintf(msg, sizeof(msg),
                         "qemu-i386: internal error: host signal %d at pc 0x%lx, address 0x%lx\n",
                         sig, (unsigned long)pc, (unsigned long)haddr);
        if (write(2, msg, (size_t)n) < 0) {
            /* nothing more to do */
        }
        signal(sig, SIG_DFL);
        return; /* re-executes and dies by the default action */
    }
}

static void host_signal_handler(int sig, siginfo_t *info, void *puc)
{
    int saved_errno = errno;
    if (sig == SIGTRAP && alias_single_step_done(puc)) {
        return;
    }
    if (is_fault_signal(sig) && info->si_code > 0) {
        handle_host_fault(sig, info, puc);
        errno = saved_errno;
        return;
    }
    if (sig >= 1 && sig <= TARGET_NSIG) {
        async_info[sig] = *info;
        async_pending[sig] = 1;
        any_async_pending = 1;
        if (current_cpu) {
            cpu_exit(current_cpu);
        }
    }
    errno = saved_errno;
}

bool signal_pending(void)
{
    return any_async_pending || sync_signal.pending;
}

void queue_sync_signal(CPUX86State *env, int sig, int code, uint32_t addr)
{
    memset(&sync_signal.info, 0, sizeof(sync_signal.info));
    sync_signal.info.si_signo = sig;
    sync_signal.info.si_code = code;
    sync_signal.info.f.fault.addr = addr;
    sync_signal.pending = true;
    (void)env;
}

bool guest_sigaltstack_active(uint32_t sp)
{
    return !(guest_sigaltstack.ss_flags & TARGET_SS_DISABLE) &&
           sp - guest_sigaltstack.ss_sp < guest_sigaltstack.ss_size;
}

int do_guest_sigaction(int sig, const TargetSigaction *act, TargetSigaction *old)
{
    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (old) {
        *old = sigact_table[sig];
    }
    if (act) {
        if (sig == SIGKILL || sig == SIGSTOP) {
            return -EINVAL;
        }
        sigact_table[sig] = *act;
        sigact_table[sig].mask &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
        set_host_action(sig, act->handler);
    }
    return 0;
}

/* Decides what an interrupted syscall returns now that a handler runs
 * (arch/x86/kernel/signal.c: handle_signal). */
static void fix_interrupted_syscall(CPUX86State *env, const TargetSigaction *ka)
{
    if (syscall_restart_nr < 0) {
        return;
    }
    int32_t ret = (int32_t)env->regs[R_EAX];
    if (ret == -TARGET_ERESTARTSYS && (ka->flags & TARGET_SA_RESTART)) {
        env->regs[R_EAX] = (uint32_t)syscall_restart_nr;
        env->eip -= 2;
    } else if (ret == -TARGET_ERESTARTSYS || ret == -TARGET_ERESTARTNOHAND) {
        env->regs[R_EAX] = (uint32_t)-EINTR;
    }
    syscall_restart_nr = -1;
}

static void deliver_signal(CPUX86State *env, int sig, TargetSiginfo *info, bool sync)
{
    TargetSigaction *ka = &sigact_table[sig];
    abi_ulong handler = ka->handler;

    qemu_log_mask(CPU_LOG_INT, "delivering signal %d (code %d) at eip 0x%08x\n", sig,
                  info->si_code, env->eip);
    if (do_strace || qemu_loglevel_mask(LOG_STRACE)) {
        const char *name = sigabbrev_np(sig);
        fprintf(qemu_log_stream(), "--- SIG%s {si_signo=%d, si_code=%d, si_addr=0x%08x} ---\n",
                name ? name : "?", sig, info->si_code, info->f.fault.addr);
    }
    if (sync && ((guest_sigmask & sigbit(sig)) || handler == TARGET_SIG_IGN)) {
        /* A fault that cannot be handled kills (kernel: force_sig_info). */
        handler = TARGET_SIG_DFL;
    }
    if (handler == TARGET_SIG_IGN) {
        return;
    }
    if (handler == TARGET_SIG_DFL) {
        switch (sig) {
        case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
            return;
        case SIGTSTP: case SIGTTIN: case SIGTTOU: case SIGSTOP:
            set_host_action(sig, TARGET_SIG_DFL);
            kill(getpid(), SIGSTOP);
            return;
        default:
            die_with_signal(sig);
        }
    }

    uint64_t oldmask = guest_sigmask;
    if (suspend_mask_valid) {
        oldmask = suspend_saved_mask;
        suspend_mask_valid = false;
    }
    fix_interrupted_syscall(env, ka);
    bool ok = (ka->flags & TARGET_SA_SIGINFO) ? setup_rt_frame(sig, ka, info, oldmask, env)
                                              : setup_frame(sig, ka, oldmask, env);
    if (!ok) {
        /* No room for the frame: the kernel forces SIGSEGV (force_sigsegv). */
        die_with_signal(SIGSEGV);
    }
    uint64_t newmask = guest_sigmask | ka->mask;
    if (!(ka->flags & TARGET_SA_NODEFER)) {
        newmask |= sigbit(sig);
    }
    if (ka->flags & TARGET_SA_RESETHAND) {
        ka->handler = TARGET_SIG_DFL;
        set_host_action(sig, TARGET_SIG_DFL);
    }
    set_guest_sigmask(newmask);
}

void process_pending_signals(CPUX86State *env)
{
    if (sync_signal.pending) {
        sync_signal.pending = false;
        TargetSiginfo info = sync_signal.info;
        deliver_signal(env, info.si_signo, &info, true);
    }
    while (any_async_pending) {
        any_async_pending = 0;
        for (int sig = 1; sig <= TARGET_NSIG; sig++) {
            if (!async_pending[sig]) {
                continue;
            }
            if (guest_sigmask & sigbit(sig)) {
                /* Blocked meanwhile: keep it for the unblocking sigprocmask. */
                any_async_pending = 1;
                continue;
            }
            /* Read the info with the signal blocked so a new one cannot
             * overwrite it halfway. */
            sigset_t one, old;
            sigemptyset(&one);
            sigaddset(&one, sig);
            sigprocmask(SIG_BLOCK, &one, &old);
            async_pending[sig] = 0;
            TargetSiginfo info;
            host_to_target_siginfo(&info, &async_info[sig]);
            sigprocmask(SIG_SETMASK, &old, NULL);
            deliver_signal(env, sig, &info, false);
            if (guest_sigmask == UINT64_MAX) {
                break;
            }
        }
        /* Only blocked ones left: stop looping, they wait for an unblock. */
        bool deliverable = false;
        for (int sig = 1; sig <= TARGET_NSIG; sig++) {
            if (async_pending[sig] && !(guest_sigmask & sigbit(sig))) {
                deliverable = true;
            }
        }
        if (!deliverable) {
            break;
        }
    }
    if (suspend_mask_valid) {
        suspend_mask_valid = false;
        set_guest_sigmask(suspend_saved_mask);
    }
    /* An interrupted syscall with no handler run: restart it (the kernel's
     * ERESTARTSYS without a handler). */
    if (syscall_restart_nr >= 0) {
        int32_t ret = (int32_t)env->regs[R_EAX];
        if (ret == -TARGET_ERESTARTSYS || ret == -TARGET_ERESTARTNOHAND) {
            env->regs[R_EAX] = (uint32_t)syscall_restart_nr;
            env->eip -= 2;
        }
        syscall_restart_nr = -1;
    }
}

abi_long do_sigaltstack(const TargetStack *ss, TargetStack *old, uint32_t sp)
{
    bool on = guest_sigaltstack_active(sp);
    if (old) {
        *old = guest_sigaltstack;
        old->ss_flags = (guest_sigaltstack.ss_flags & TARGET_SS_DISABLE) ? TARGET_SS_DISABLE
                        : on ? TARGET_SS_ONSTACK : 0;
    }
    if (ss) {
        if (on) {
            return -EPERM;
        }
        int mode = ss->ss_flags & ~(int32_t)(1u << 31); /* SS_AUTODISARM */
        if (mode != TARGET_SS_DISABLE && mode != TARGET_SS_ONSTACK && mode != 0) {
            return -EINVAL;
        }
        if (mode == TARGET_SS_DISABLE) {
            guest_sigaltstack.ss_sp = 0;
            guest_sigaltstack.ss_size = 0;
            guest_sigaltstack.ss_flags = TARGET_SS_DISABLE;
        } else {
            if (ss->ss_size < TARGET_MINSIGSTKSZ) {
                return -ENOMEM;
            }
            guest_sigaltstack.ss_sp = ss->ss_sp;
            guest_sigaltstack.ss_size = ss->ss_size;
            guest_sigaltstack.ss_flags = 0;
        }
    }
    return 0;
}

abi_long do_sigsuspend(uint64_t mask)
{
    uint64_t old = guest_sigmask;
    mask &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    guest_sigmask = mask;
    sigset_t set;
    host_mask_from_guest(mask, &set);
    /* Anything already recorded and now unblocked ends the wait at once. */
    bool ready = sync_signal.pending;
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (async_pending[sig] && !(mask & sigbit(sig))) {
            ready = true;
        }
    }
    if (!ready) {
        syscall(SYS_rt_sigsuspend, &set, (size_t)8);
    }
    set_guest_sigmask(mask);
    suspend_saved_mask = old;
    suspend_mask_valid = true;
    return -EINTR;
}

void sigmask_after_interrupted_wait(uint64_t mask)
{
    uint64_t old = guest_sigmask;
    set_guest_sigmask(mask & ~(sigbit(SIGKILL) | sigbit(SIGSTOP)));
    suspend_saved_mask = old;
    suspend_mask_valid = true;
}

uint64_t pending_guest_signals(void)
{
    uint64_t set = 0;
    sigset_t host;
    sigpending(&host);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (async_pending[sig] || sigismember(&host, sig) == 1) {
            set |= sigbit(sig);
        }
    }
    return set & guest_sigmask;
}
