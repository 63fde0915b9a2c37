/*
 * Signal delivery and return around guest code:
 *
 *  1. A timer fires every 100 us while a register- and flag-heavy loop runs
 *     (ADC/RCL chains keep CF live from one iteration to the next).  The
 *     loop's result does not depend on when the signals arrive, so it must
 *     equal the native result: an interrupted instruction must resume with
 *     every register and EFLAGS intact.  (The number of signals is not
 *     printed.)
 *  2. A handler edits the interrupted context (EAX, ESI, CF in EFLAGS) and
 *     returns: sigreturn must load the edited values.
 *  3. A SIGSEGV handler repairs the faulting address register and returns:
 *     the faulting instruction restarts and completes.
 *  4. A handler on an alternate signal stack (sigaltstack).
 */
#include "common.h"
#include <signal.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile uint32_t ticks;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
}

static void async_loop(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 100 }, { 0, 100 } };
    setitimer(ITIMER_REAL, &it, NULL);
    uint32_t a = 0x12345678, b = 0x9abcdef0, c = 0, d = 0xdeadbeef, si = 1, di = 2;
    for (int round = 0; round < 40; round++) {
        asm volatile("movl $200000, %%ecx\n\t"
                     "clc\n"
                     "1:\n\t"
                     "adcl %%ebx, %%eax\n\t"
                     "rcll $3, %%edx\n\t"
                     "adcl %%edx, %%esi\n\t"
                     "xorl %%esi, %%ebx\n\t"
                     "leal 1(%%edi,%%eax,2), %%edi\n\t"
                     "rcrl $1, %%ebx\n\t"
                     "decl %%ecx\n\t"          /* keeps CF for the next ADC */
                     "jnz 1b\n\t"
                     "adcl $0, %%eax"
                     : "+a"(a), "+b"(b), "+c"(c), "+d"(d), "+S"(si), "+D"(di) : : "cc");
    }
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("async loop: %08x %08x %08x %08x %08x, interrupted: %s\n", a, b, d, si, di,
           ticks > 0 ? "yes" : "no");
}

static void edit_context(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    (void)si;
    uc->uc_mcontext.gregs[REG_ESI] = 0x5151abab;
    uc->uc_mcontext.gregs[REG_EDI] ^= 0xffff0000;
    uc->uc_mcontext.gregs[REG_EFL] ^= F_CF;
}

/* kill_edit(pid, cf, out[4]): kill(pid, SIGUSR1) through INT $0x80 with
 * ESI=1, EDI=0x1234 and CF=(cf == 0) live across the call; stores EAX, ESI,
 * EDI and CF as seen after it.  (SYS_kill = 37, SIGUSR1 = 10 on i386.) */
void kill_edit(uint32_t pid, uint32_t cf, uint32_t *out);
asm(".text\n"
    "kill_edit:\n\t"
    "push %ebx\n\tpush %esi\n\tpush %edi\n\t"
    "movl 16(%esp), %ebx\n\t"
    "movl $37, %eax\n\t"
    "movl $10, %ecx\n\t"
    "movl $1, %esi\n\t"
    "movl $0x1234, %edi\n\t"
    "cmpl $1, 20(%esp)\n\t"
    "int $0x80\n\t"
    "sbbl %edx, %edx\n\t"
    "negl %edx\n\t"
    "movl 24(%esp), %ecx\n\t"
    "movl %eax, (%ecx)\n\tmovl %esi, 4(%ecx)\n\tmovl %edi, 8(%ecx)\n\tmovl %edx, 12(%ecx)\n\t"
    "pop %edi\n\tpop %esi\n\tpop %ebx\n\tret\n");

static void context_edit(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = edit_context;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    for (int cf = 0; cf < 2; cf++) {
        uint32_t out[4];
        kill_edit(getpid(), cf, out);
        uint32_t r = out[0], si = out[1], di = out[2], setc = out[3];
        printf("context edit cf%d: ret %d esi %x edi %x cf %u\n", cf, r, si, di, setc);
    }
}

static uint32_t good_word = 0xfeedface;

static void repair(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    (void)si;
    uc->uc_mcontext.gregs[REG_EAX] = (greg_t)(uintptr_t)&good_word;
}

static void restart_after_fault(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = repair;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    uint32_t v, p = 16;   /* an unmapped address */
    asm volatile("stc\n\tmovl (%%eax), %%ebx\n\tadcl $0, %%ebx" : "=b"(v), "+a"(p) : : "cc", "memory");
    printf("restarted load: %x (address register repaired: %d)\n", v,
           p == (uint32_t)(uintptr_t)&good_word);
    signal(SIGSEGV, SIG_DFL);
}

static char altstack[65536];
static volatile int on_alt;

static void alt_handler(int sig)
{
    char local;
    (void)sig;
    on_alt = &local >= altstack && &local < altstack + sizeof(altstack);
}

static void alt_stack(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = alt_handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("handler ran on the alternate stack: %d\n", on_alt);
}

int main(void)
{
    setup_stdout();
    async_loop();
    context_edit();
    restart_after_fault();
    alt_stack();
    return 0;
}
