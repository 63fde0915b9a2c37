/*
 * Raising guest exceptions and software interrupts from generated code and
 * helpers.  User mode: cpu_exec returns exception_index to linux-user's cpu
 * loop, which turns it into a signal (or a syscall for INT 0x80).  System
 * mode: cpu_exec hands it to cpu_do_interrupt (interrupt.c), which delivers
 * it through the IVT/IDT and applies the double-fault rules.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "qemu/log.h"

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

void raise_exception_err_ra(CPUX86State *env, int excp, int error_code, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);

    cs->exception_index = excp;
    env->error_code = error_code;
    env->exception_is_int = 0;
    env->exception_next_eip = 0;
    if (ra) {
        cpu_loop_exit_restore(cs, ra);
    }
    cpu_loop_exit(cs);
}

void raise_exception_ra(CPUX86State *env, int excp, uintptr_t ra)
{
    raise_exception_err_ra(env, excp, 0, ra);
}

/* The translator has stored the exact eip and cc_op before calling these. */
void HELPER(raise_exception)(CPUX86State *env, int excp)
{
    raise_exception_err_ra(env, excp, 0, 0);
}

void HELPER(raise_exception_err)(CPUX86State *env, int excp, int error_code)
{
    raise_exception_err_ra(env, excp, error_code, 0);
}

/* INT n / INT3 / INTO: a trap, so the saved eip is the next instruction's
 * (next_eip_addend is its length). */
void HELPER(raise_interrupt)(CPUX86State *env, int intno, int next_eip_addend)
{
    CPUState *cs = env_cpu(env);

    cs->exception_index = intno;
    env->error_code = 0;
    env->exception_is_int = 1;
    env->exception_next_eip = env->eip + next_eip_addend;
    cpu_loop_exit(cs);
}

#ifdef CONFIG_USER_ONLY
/* A guest page fault found by linux-user's SIGSEGV handler or by a
 * cpu_ld/st helper: the #PF error code as the hardware would build it
 * (SDM vol. 3A, 4.7): P = protection violation (not a missing page),
 * W/R = write, U/S = 1 (CPL 3), I/D = instruction fetch. */
void cpu_record_sigsegv(CPUState *cs, uint64_t addr, MMUAccessType access_type, bool maperr,
                        uintptr_t ra)
{
    CPUX86State *env = cpu_env(cs);
    int err = 4;

    if (!maperr) {
        err |= 1;
    }
    if (access_type == MMU_DATA_STORE) {
        err |= 2;
    }
    if (access_type == MMU_INST_FETCH) {
        err |= 0x10;
    }
    cs->exception_index = EXCP0E_PAGE;
    env->error_code = err;
    env->exception_is_int = 0;
    env->exception_next_eip = 0;
    env->cr2_fault_addr = (uint32_t)addr;
    env->cr[2] = (uint32_t)addr;
}
#endif
