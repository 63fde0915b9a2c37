/*
 * Guest memory access from C helpers.  `ra` is the helper's GETPC() so a
 * fault is reported at the right guest instruction (0: not from generated
 * code, state is already exact).
 *
 * User mode: guest address a lives at host address guest_base + a, inside a
 * 4 GiB reservation; g2h/h2g convert.
 */
#ifndef EXEC_CPU_LDST_H
#define EXEC_CPU_LDST_H

#include <stdint.h>

typedef struct CPUArchState CPUArchState;

#ifdef CONFIG_USER_ONLY
extern uintptr_t guest_base;

static inline void *g2h_untagged(uint32_t addr)
{
    return (void *)(guest_base + (uintptr_t)addr);
}

static inline uint32_t h2g(const void *p)
{
    return (uint32_t)((uintptr_t)p - guest_base);
}

/* While a cpu_ld.../cpu_st... helper accesses guest memory: the `ra` it was given
 * (GETPC() of the calling helper), 0 otherwise.  A host fault outside
 * generated code with helper_retaddr set is a guest fault at that insn. */
extern __thread uintptr_t helper_retaddr;
#endif

uint32_t cpu_ldub_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra);
int32_t cpu_ldsb_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra);
uint32_t cpu_lduw_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra);
int32_t cpu_ldsw_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra);
uint32_t cpu_ldl_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra);
uint64_t cpu_ldq_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra);
void cpu_stb_data_ra(CPUArchState *env, uint64_t addr, uint32_t val, uintptr_t ra);
void cpu_stw_data_ra(CPUArchState *env, uint64_t addr, uint32_t val, uintptr_t ra);
void cpu_stl_data_ra(CPUArchState *env, uint64_t addr, uint32_t val, uintptr_t ra);
void cpu_stq_data_ra(CPUArchState *env, uint64_t addr, uint64_t val, uintptr_t ra);

/* With an explicit mmu_idx (system mode: kernel/user/SMM; ignored in user mode). */
uint32_t cpu_ldub_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra);
uint32_t cpu_lduw_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra);
uint32_t cpu_ldl_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra);
uint64_t cpu_ldq_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra);
void cpu_stb_mmuidx_ra(CPUArchState *env, uint64_t addr, uint32_t val, int mmu_idx, uintptr_t ra);
void cpu_stw_mmuidx_ra(CPUArchState *env, uint64_t addr, uint32_t val, int mmu_idx, uintptr_t ra);
void cpu_stl_mmuidx_ra(CPUArchState *env, uint64_t addr, uint32_t val, int mmu_idx, uintptr_t ra);
void cpu_stq_mmuidx_ra(CPUArchState *env, uint64_t addr, uint64_t val, int mmu_idx, uintptr_t ra);

#endif
