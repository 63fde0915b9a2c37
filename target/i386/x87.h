/*
 * x87 (escape opcodes D8..DF): which encodings exist and what each one
 * touches, shared by the translator (translate.c) and the helper
 * (fpu_helper.c).  Opcode map: SDM vol. 2D, A.5 "Escape opcode
 * instructions"; memory operand sizes: the vol. 2 instruction pages.
 */
#ifndef I386_X87_H
#define I386_X87_H

#include <stdint.h>

#define X87_VALID       0x0001
#define X87_NOWAIT      0x0002  /* FN* control forms: no pending-#MF check */
#define X87_LOAD        0x0004  /* reads its memory operand */
#define X87_STORE       0x0008  /* writes its memory operand */
#define X87_EFLAGS_OUT  0x0010  /* FCOMI family: result goes to ZF/PF/CF */
#define X87_EFLAGS_IN   0x0020  /* FCMOVcc: reads CF/ZF/PF */
#define X87_AX_OUT      0x0040  /* FNSTSW AX */
#define X87_SIZE_SHIFT  8       /* bits 8..15: memory operand size in bytes */

static inline int x87_mem_size(int form)
{
    return (form >> X87_SIZE_SHIFT) & 0xff;
}

/* The form of escape opcode `op` (0xd8..0xdf) with ModRM byte `modrm`;
 * data16: 16-bit operand size (FLDENV/FNSTENV/FRSTOR/FNSAVE formats);
 * features/ext_features: CPUID.1 EDX/ECX of the guest CPU.  Returns 0 for
 * an encoding that is #UD. */
int x87_form(int op, int modrm, int data16, uint32_t features, uint32_t ext_features);

#endif
