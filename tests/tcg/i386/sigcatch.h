/*
 * Catching synchronous faults in the differential programs: a handler
 * records the signal, si_code, si_addr and the interrupted EIP, then
 * siglongjmp()s back to the test.  The test stores the address of the
 * faulting instruction in fault_expect (a global, so the store cannot be
 * relative to %esp) right before executing it; the report prints whether
 * si_addr / EIP point at it rather than the raw addresses, which differ
 * between builds.
 */
#ifndef TCG_I386_SIGCATCH_H
#define TCG_I386_SIGCATCH_H

#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>

static sigjmp_buf fault_jb;
static volatile uint32_t fault_expect;
static volatile int fault_sig, fault_code;
static volatile uint32_t fault_addr, fault_eip, fault_ecx, fault_esi, fault_edi;

static void fault_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    fault_sig = sig;
    fault_code = si->si_code;
    fault_addr = (uint32_t)(uintptr_t)si->si_addr;
    fault_eip = uc->uc_mcontext.gregs[REG_EIP];
    fault_ecx = uc->uc_mcontext.gregs[REG_ECX];
    fault_esi = uc->uc_mcontext.gregs[REG_ESI];
    fault_edi = uc->uc_mcontext.gregs[REG_EDI];
    siglongjmp(fault_jb, 1);
}

static inline void fault_catch(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* One line describing the last caught fault. */
static inline void fault_print(const char *what)
{
    printf("%s: signal %d code %d addr %s eip %s\n", what, fault_sig, fault_code,
           fault_addr == fault_expect ? "=insn" : "!=insn",
           fault_eip == fault_expect ? "=insn" : "!=insn");
}

#endif
