/*
 * CPUState: the part of a virtual CPU that accel/tcg, linux-user and the
 * machine code share, whatever the guest architecture.  The architecture's
 * state (CPUX86State) follows it in the target's CPU object:
 *     struct X86CPU { CPUState parent_obj; CPUNegativeOffsetState neg; CPUX86State env; }
 * so generated code reaches `neg` at a small negative offset from env.
 */
#ifndef HW_CORE_CPU_H
#define HW_CORE_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "exec/cputlb-defs.h"

typedef struct TranslationBlock TranslationBlock;
typedef struct CPUArchState CPUArchState;

#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1 << TB_JMP_CACHE_BITS)

/* Read by every TB at its start: non-zero makes the TB exit with
 * TB_EXIT_REQUESTED before running any guest instruction. */
typedef struct CPUNegativeOffsetState {
    /* System mode: the softmmu TLB as the inline fast path sees it. */
    CPUTLBDescFast tlb_fast[CPU_TLB_MAX_MMU_MODES];
    volatile int32_t exit_request;
    int32_t pad;
} CPUNegativeOffsetState;

/* Interrupt requests (interrupt_request bits). */
#define CPU_INTERRUPT_HARD   0x0002  /* external interrupt pending */
#define CPU_INTERRUPT_EXITTB 0x0004  /* leave the TB (state changed) */
#define CPU_INTERRUPT_HALT   0x0020
#define CPU_INTERRUPT_SMI    0x0040
#define CPU_INTERRUPT_NMI    0x0200
#define CPU_INTERRUPT_INIT   0x0400
#define CPU_INTERRUPT_SIPI   0x0800

/* exception_index values above the architectural vectors. */
#define EXCP_INTERRUPT 0x10000  /* async exit: an interrupt/exit request */
#define EXCP_HLT       0x10001  /* HLT executed */
#define EXCP_DEBUG     0x10002
#define EXCP_HALTED    0x10003
#define EXCP_YIELD     0x10004
#define EXCP_ATOMIC    0x10005  /* re-run one insn with other threads stopped */

typedef struct CPUTLB CPUTLB; /* softmmu TLB, defined by accel/tcg */

typedef struct CPUState {
    int cpu_index;
    int exception_index;        /* -1: none */
    uint32_t interrupt_request;
    bool halted;
    bool stop;
    bool stopped;
    bool running;
    int singlestep_enabled;

    /* cpu_exec's longjmp target for exceptions raised in helpers/signals. */
    sigjmp_buf jmp_env;
    bool in_exec;               /* inside cpu_exec's sigsetjmp frame */
    bool exec_active;           /* accel/tcg: inside cpu_exec (exclusive sections) */
    bool can_do_io;

    /* Fast TB lookup by guest pc, before the global hash. */
    TranslationBlock *tb_jmp_cache[TB_JMP_CACHE_SIZE];

    CPUTLB *tlb;                /* softmmu only */
    /* Posted by another thread: flush the whole TLB before the next TB. */
    uint32_t tlb_flush_pending;
    void *opaque;               /* linux-user: the thread's TaskState */
    void *thread;               /* host thread running this CPU */
    struct CPUState *next_cpu;

    CPUArchState *env_ptr;
    CPUNegativeOffsetState *neg;
} CPUState;

extern CPUState *first_cpu;
extern __thread CPUState *current_cpu;

static inline void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->neg->exit_request, 1, __ATOMIC_RELEASE);
}

#ifndef CONFIG_USER_ONLY
/* System mode (softmmu/cpus.c): raise/clear interrupt_request bits from any
 * thread (devices under the BQL, the vCPU itself); raising makes the CPU
 * leave its TB chain and wakes it from HLT. */
void cpu_interrupt(CPUState *cpu, uint32_t mask);
void cpu_reset_interrupt(CPUState *cpu, uint32_t mask);
/* Wakes the CPU's thread (halted or paused) so it rechecks its state. */
void qemu_cpu_kick(CPUState *cpu);
#endif

#endif
