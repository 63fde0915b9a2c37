/*
 * The execution API of accel/tcg: running a CPU, leaving generated code,
 * restoring guest state, TB invalidation.  Also lists the hooks every
 * front end (target/) provides to accel/tcg.
 */
#ifndef EXEC_EXEC_ALL_H
#define EXEC_EXEC_ALL_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/core/cpu.h"
#include "exec/translation-block.h"

/* ---- provided by accel/tcg ---- */

/* Start-up: the code buffer (bytes; 0 = default) and the TB cache. */
void tcg_exec_init(size_t code_buffer_size);

/* Runs the CPU until an exception or exit request; returns exception_index
 * (EXCP_* or an architectural vector) and clears it. */
int cpu_exec(CPUState *cpu);

/* Exclusive sections: between start_exclusive() and end_exclusive() no
 * other CPU is inside cpu_exec (they are made to leave at their next TB
 * boundary; ones outside, e.g. in a syscall, cannot enter).  The caller
 * may itself be inside cpu_exec.  For work that would pull generated code
 * from under running threads (flushing the code buffer). */
void start_exclusive(void);
void end_exclusive(void);
/* In a forked child (linux-user): only the calling thread's CPU is left;
 * forget the others and any exclusive section in flight. */
void cpu_list_after_fork_child(CPUState *self);

/* Leave generated code / a helper: longjmp to cpu_exec.  The _restore form
 * first restores guest state for the host return address `ra` (GETPC()). */
__attribute__((noreturn)) void cpu_loop_exit(CPUState *cpu);
__attribute__((noreturn)) void cpu_loop_exit_restore(CPUState *cpu, uintptr_t ra);
__attribute__((noreturn)) void cpu_loop_exit_noexc(CPUState *cpu);

/* Restores guest state (pc, cc_op...) from the TB containing host pc `ra`.
 * `ra` may be a helper's return address (GETPC()) or the address of a
 * faulting host instruction in generated code (a signal handler's pc); in
 * user mode, a pc outside generated code falls back to helper_retaddr (a
 * fault inside cpu_ld*_data_ra).  Returns false if no TB contains it. */
bool cpu_restore_state(CPUState *cpu, uintptr_t ra);

/* True if p points into the code buffer (generated code). */
bool in_code_gen_buffer(const void *p);

/* Access types for guest faults. */
typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/* User mode: raises the guest's SIGSEGV for `addr` (maperr: the page is
 * unmapped, else a protection fault) at the instruction of `ra` (0: the
 * state is already exact), through the front end's cpu_record_sigsegv. */
__attribute__((noreturn)) void cpu_loop_exit_sigsegv(CPUState *cpu, uint64_t addr,
                                                     MMUAccessType access_type, bool maperr,
                                                     uintptr_t ra);

/* The host return address of the current helper, for cpu_loop_exit_restore. */
#define GETPC() ((uintptr_t)__builtin_extract_return_addr(__builtin_return_address(0)))

/* Invalidate every TB that has code in guest [start, end). */
void tb_invalidate_phys_range(uint64_t start, uint64_t end);
/* Drop every TB and reset the code buffer (at the next safe point). */
void tb_flush(CPUState *cpu);

/* ---- provided by the front end (target/<arch>/) ---- */

/* Creates the IR globals (guest registers); called once by tcg_exec_init. */
void tcg_target_frontend_init(void);
/* The TB lookup key for the CPU's current state. */
void cpu_get_tb_cpu_state(CPUArchState *env, uint64_t *pc, uint64_t *cs_base,
                          uint32_t *flags);
/* Translates guest code at pc into IR for tb (via translator_loop). */
void gen_intermediate_code(CPUState *cpu, TranslationBlock *tb, int *max_insns,
                           uint64_t pc, void *host_pc);
/* Restores state from the insn_start words of the faulting instruction. */
void restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb, const uint64_t *data);
/* After a TB exit without chaining: make the guest pc match the TB's end
 * state if the TB exited early (may be a no-op). */
void cpu_synchronize_from_tb(CPUState *cpu, const TranslationBlock *tb);
/* Logs the CPU state (-d cpu, info registers). */
void cpu_dump_state(CPUState *cpu, FILE *f, int flags);
/* Disassembles guest code for -d in_asm. */
void target_disas(FILE *f, CPUState *cpu, uint64_t pc, size_t size);
/* Handles pending interrupt requests at a TB boundary; true if the CPU state
 * changed (system mode; user mode returns false). */
bool cpu_exec_interrupt(CPUState *cpu, int interrupt_request);
/* Delivers cpu->exception_index (system mode). */
void cpu_do_interrupt(CPUState *cpu);
/* User mode: records a guest page fault at addr (x86: exception_index =
 * EXCP0E_PAGE, error_code, cr2_fault_addr) so that cpu_exec returns it;
 * accel/tcg then restores state from ra and leaves with cpu_loop_exit. */
void cpu_record_sigsegv(CPUState *cpu, uint64_t addr, MMUAccessType access_type, bool maperr,
                        uintptr_t ra);

#endif
