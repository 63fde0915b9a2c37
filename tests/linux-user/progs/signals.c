/*
 * Signals under qemu-i386 vs native: synchronous faults (#DE, UD2, #GP,
 * int3, NULL deref) caught by SA_SIGINFO handlers and left with siglongjmp,
 * the registers a handler sees in its ucontext, SIGALRM with alarm/pause,
 * masks and pending signals, SA_RESETHAND, SA_RESTART on a blocking read,
 * sigaltstack, raise/kill, old-style signal(), default actions in children,
 * SIGCHLD's siginfo from exiting and killed children, a SIGALRM handler
 * leaving an endless loop with siglongjmp.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code, got_count;
static volatile uint32_t got_addr, got_eip, got_trapno, got_esp;
static volatile uint32_t expect_eip;

static void fault_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint32_t)(uintptr_t)si->si_addr;
    got_eip = uc->uc_mcontext.gregs[REG_EIP];
    got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    siglongjmp(jb, 1);
}

static void catch(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void report(const char *what)
{
    printf("%s: signal %d code %d addr %s eip %s trapno %u\n", what, got_sig, got_code,
           got_addr == expect_eip ? "=insn" : got_addr == 0 ? "0" : "other",
           got_eip == expect_eip ? "=insn" : "other", got_trapno);
}

static void sync_faults(void)
{
    catch(SIGFPE, fault_handler, 0);
    catch(SIGILL, fault_handler, 0);
    catch(SIGSEGV, fault_handler, 0);
    catch(SIGTRAP, fault_handler, 0);

    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("movl $1f, %0\n\t"
                     "xorl %%ecx, %%ecx\n\t"
                     "movl $1, %%eax\n\t"
                     "xorl %%edx, %%edx\n"
                     "1:\tdivl %%ecx" : "=m"(expect_eip) : : "eax", "ecx", "edx");
    }
    report("divide by zero");

    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("movl $1f, %0\n1:\tud2" : "=m"(expect_eip));
    }
    report("ud2");

    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("movl $1f, %0\n\t"
                     "xorl %%eax, %%eax\n"
                     "1:\tmovl (%%eax), %%eax" : "=m"(expect_eip) : : "eax");
    }
    report("NULL load");

    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("movl $1f, %0\n1:\thlt" : "=m"(expect_eip));
    }
    report("hlt (#GP)");

    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("movl $1f, %0\n\tint3\n1:" : "=m"(expect_eip));
    }
    report("int3 (eip after)");

    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("movl $1f, %0\n1:\tint $0x81" : "=m"(expect_eip));
    }
    report("int $0x81");

    /* The mask is restored by siglongjmp(.., 1): a second fault works. */
    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("movl $1f, %0\n1:\tud2" : "=m"(expect_eip));
    }
    report("ud2 again");
}

/* A handler returning normally resumes with the registers it was given. */
static volatile int usr1_count;
static void usr1_handler(int sig)
{
    usr1_count++;
}

static void regs_preserved(void)
{
    signal(SIGUSR1, usr1_handler);
    uint32_t ebx = 0x11111111, esi = 0x22222222, edi = 0x33333333, out_b, out_s, out_d;
    asm volatile("push %%ebp\n\t"
                 "movl %3, %%ebx\n\t"
                 "movl %4, %%esi\n\t"
                 "movl %5, %%edi\n\t"
                 "movl $20, %%eax\n\t"        /* getpid */
                 "int $0x80\n\t"
                 "movl %%eax, %%ecx\n\t"
                 "movl $10, %%edx\n\t"        /* SIGUSR1 */
                 "push %%ebx\n\t"
                 "movl %%ecx, %%ebx\n\t"
                 "movl %%edx, %%ecx\n\t"
                 "movl $37, %%eax\n\t"        /* kill */
                 "int $0x80\n\t"
                 "pop %%ebx\n\t"
                 "pop %%ebp\n\t"
                 : "=b"(out_b), "=S"(out_s), "=D"(out_d)
                 : "g"(ebx), "g"(esi), "g"(edi)
                 : "eax", "ecx", "edx", "memory");
    printf("registers across a handler: %d %d %d, handler ran %d\n", out_b == ebx,
           out_s == esi, out_d == edi, usr1_count);
    signal(SIGUSR1, SIG_DFL);
}

static volatile int alrm_count;
static void alrm_handler(int sig)
{
    alrm_count++;
}

static void alarm_pause(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = alrm_handler;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    int r = pause();
    printf("pause returned %d errno %d, alarms %d\n", r, errno, alrm_count);

    /* setitimer drives a busy loop: the signal arrives in generated code */
    struct itimerval it = { { 0, 0 }, { 0, 200000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    volatile unsigned long spins = 0;
    while (alrm_count < 2) {
        spins++;
    }
    printf("itimer interrupted a loop: %d\n", alrm_count);
}

static void masks(void)
{
    sigset_t set, old, pend;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = usr1_handler;
    sigaction(SIGUSR1, &sa, NULL);
    usr1_count = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("blocked: pending %d, handled %d\n", sigismember(&pend, SIGUSR1), usr1_count);
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigpending(&pend);
    printf("unblocked: pending %d, handled %d\n", sigismember(&pend, SIGUSR1), usr1_count);

    /* SA_RESETHAND: the second raise takes the default (ignored here: SIGURG) */
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGURG, &sa, NULL);
    raise(SIGURG);
    struct sigaction cur;
    sigaction(SIGURG, NULL, &cur);
    printf("SA_RESETHAND: handled %d, now default %d\n", usr1_count, cur.sa_handler == SIG_DFL);

    /* sigsuspend waits with a temporary mask */
    sigprocmask(SIG_BLOCK, &set, &old);
    kill(getpid(), SIGUSR1);
    sigset_t wait;
    sigemptyset(&wait);
    int r = sigsuspend(&wait);
    sigprocmask(SIG_SETMASK, NULL, &cur.sa_mask);
    printf("sigsuspend: %d errno %d handled %d still blocked after %d\n", r, errno, usr1_count,
           sigismember(&cur.sa_mask, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static volatile uint32_t alt_sp_seen;
static void alt_handler(int sig)
{
    int local;
    alt_sp_seen = (uint32_t)(uintptr_t)&local;
}

static void altstack(void)
{
    static char stack[65536];
    stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack), .ss_flags = 0 };
    printf("sigaltstack: %d\n", sigaltstack(&ss, NULL));
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = alt_handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("handler ran on the alternate stack: %d\n",
           alt_sp_seen >= (uint32_t)(uintptr_t)stack &&
           alt_sp_seen < (uint32_t)(uintptr_t)stack + sizeof(stack));
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("altstack flags after %d size ok %d\n", cur.ss_flags, cur.ss_size == sizeof(stack));
}

static void restart(void)
{
    int p[2];
    pipe(p);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = alrm_handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        usleep(1500000);
        write(p[1], "late", 4);
        _exit(0);
    }
    alrm_count = 0;
    alarm(1);
    char buf[8] = { 0 };
    ssize_t n = read(p[0], buf, sizeof(buf) - 1);
    printf("SA_RESTART read: %zd '%s' alarms %d\n", n, buf, alrm_count);
    waitpid(pid, NULL, 0);

    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    errno = 0;
    n = read(p[0], buf, sizeof(buf) - 1);
    printf("read without SA_RESTART: %zd errno %d\n", n, errno);
    close(p[0]);
    close(p[1]);
}

static void child_deaths(void)
{
    int st;
    pid_t pid = fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    printf("child raise(SIGTERM): signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

    pid = fork();
    if (pid == 0) {
        signal(SIGSEGV, SIG_DFL);
        *(volatile int *)8 = 1;
        _exit(0);
    }
    waitpid(pid, &st, 0);
    printf("child NULL write: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

    pid = fork();
    if (pid == 0) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGFPE);
        sigprocmask(SIG_BLOCK, &set, NULL);
        asm volatile("xorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n\tdivl %%ecx" : : : "eax", "ecx", "edx");
        _exit(0);
    }
    waitpid(pid, &st, 0);
    printf("child blocked SIGFPE still dies: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

    pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    printf("child SIGKILL: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

    pid = fork();
    if (pid == 0) {
        signal(SIGHUP, SIG_IGN);
        raise(SIGHUP);
        _exit(42);
    }
    waitpid(pid, &st, 0);
    printf("child ignored SIGHUP: exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
}

static volatile int chld_count, chld_pid, chld_code, chld_status;
static void chld_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    chld_count++;
    chld_pid = si->si_pid;
    chld_code = si->si_code;
    chld_status = si->si_status;
}

static sigjmp_buf alarm_jb;
static void alarm_escape(int sig)
{
    (void)sig;
    siglongjmp(alarm_jb, 1);
}

static void sigchld_and_timeout(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = chld_handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid = fork();
    if (pid == 0) {
        _exit(7);
    }
    while (chld_count == 0) {
        sigsuspend(&old); /* SIGCHLD unblocked only while waiting */
    }
    int st;
    waitpid(pid, &st, 0);
    printf("SIGCHLD: count %d, pid matches %d, code CLD_EXITED %d, status %d\n", chld_count,
           chld_pid == pid, chld_code == CLD_EXITED, chld_status);
    signal(SIGTERM, SIG_DFL);
    pid = fork();
    if (pid == 0) {
        for (;;) {
            pause();
        }
    }
    kill(pid, SIGTERM);
    while (chld_count < 2) {
        sigsuspend(&old);
    }
    waitpid(pid, &st, 0);
    printf("SIGCHLD: count %d, pid matches %d, code CLD_KILLED %d, signal %d\n", chld_count,
           chld_pid == pid, chld_code == CLD_KILLED, chld_status);
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGCHLD, SIG_DFL);

    /* A handler that never returns: the endless loop is left through
     * siglongjmp, which also restores the mask that blocked SIGALRM. */
    signal(SIGALRM, alarm_escape);
    volatile uint32_t x = 1;
    if (sigsetjmp(alarm_jb, 1) == 0) {
        struct itimerval it = { { 0, 0 }, { 0, 50000 } };
        setitimer(ITIMER_REAL, &it, NULL);
        for (;;) {
            x = x * 1103515245u + 12345u;
        }
    }
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("SIGALRM left an endless loop, SIGALRM blocked afterwards %d\n", sigismember(&now, SIGALRM));
    signal(SIGALRM, SIG_DFL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sync_faults();
    regs_preserved();
    alarm_pause();
    masks();
    altstack();
    restart();
    child_deaths();
    sigchld_and_timeout();
    printf("done\n");
    return 0;
}
