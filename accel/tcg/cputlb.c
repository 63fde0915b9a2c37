/*
 * System mode guest memory for helpers (cpu_ld/cpu_st through the softmmu
 * TLB).  The TLB itself is issue 7; until then every entry point stops
 * with a clear message instead of touching memory wrongly.
 */
#ifndef CONFIG_USER_ONLY

#include <stdio.h>
#include <stdlib.h>

#include "exec/cpu-ldst.h"

static __attribute__((noreturn)) void softmmu_pending(const char *fn)
{
    fprintf(stderr, "q86: %s: system-mode guest memory access (softmmu TLB) is not "
            "implemented yet (issue 7)\n", fn);
    abort();
}

#define LD(name, ret)                                                              \
    ret cpu_##name##_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)       \
    {                                                                              \
        softmmu_pending(__func__);                                                 \
    }
LD(ldub, uint32_t)
LD(ldsb, int32_t)
LD(lduw, uint32_t)
LD(ldsw, int32_t)
LD(ldl, uint32_t)
LD(ldq, uint64_t)

#define ST(name, vt)                                                                      \
    void cpu_##name##_data_ra(CPUArchState *env, uint64_t addr, vt val, uintptr_t ra)     \
    {                                                                                     \
        softmmu_pending(__func__);                                                        \
    }
ST(stb, uint32_t)
ST(stw, uint32_t)
ST(stl, uint32_t)
ST(stq, uint64_t)

#define LDM(name, ret)                                                                       \
    ret cpu_##name##_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra) \
    {                                                                                        \
        softmmu_pending(__func__);                                                           \
    }
LDM(ldub, uint32_t)
LDM(lduw, uint32_t)
LDM(ldl, uint32_t)
LDM(ldq, uint64_t)

#define STM(name, vt)                                                                  \
    void cpu_##name##_mmuidx_ra(CPUArchState *env, uint64_t addr, vt val, int mmu_idx, \
                                uintptr_t ra)                                          \
    {                                                                                  \
        softmmu_pending(__func__);                                                     \
    }
STM(stb, uint32_t)
STM(stw, uint32_t)
STM(stl, uint32_t)
STM(stq, uint64_t)

#endif /* !CONFIG_USER_ONLY */
