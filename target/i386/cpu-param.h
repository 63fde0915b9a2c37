/* Size parameters of the i386 guest. */
#ifndef I386_CPU_PARAM_H
#define I386_CPU_PARAM_H

#include <stdint.h>

#define TARGET_LONG_BITS 32
typedef uint32_t target_ulong;
typedef int32_t target_long;

/* insn_start words per instruction: the linear pc and cc_op. */
#define TARGET_INSN_START_WORDS 2

/* mmu indexes (system mode TLBs; user mode uses MMU_USER_IDX only). */
#define MMU_KSMAP_IDX 0
#define MMU_USER_IDX  1
#define MMU_KNOSMAP_IDX 2
#define MMU_SMM_IDX   3
#define NB_MMU_MODES  4

#endif
