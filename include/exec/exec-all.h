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

/* Leave generated code / a helper: longjmp to cpu_exec.  The _restore form
 * first restores guest state for the host return address `ra` (GETPC()). */
__attribute__((noreturn)) void cpu_loop_exit(CPUState *cpu);
__attribute__((noreturn)) void cpu_loop_exit_restore(CPUState *cpu, uintptr_t ra);
__attribute__((noreturn)) void cpu_loop_exit_noexc(CPUState *cpu);

/* Restores guest state (pc, cc_op...) from the TB containing host pc `ra`.
 * Returns false if ra is not in generated code. */
bool cpu_restore_state(CPUState *cpu, uintptr_t ra);

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

#endif
