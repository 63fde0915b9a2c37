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

/* For linux-user (signal frames, SIGFPE) */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "target/i386/x87-exec.h"

/* The FNSAVE image of the guest's x87 state (struct _fpstate_32 without
 * the status/magic words), as the kernel saves it in a signal frame. */
static inline void x87_get_fnsave(CPUX86State *env, uint8_t out[108])
{
    x87_state_to_fnsave(env->fpu_image, out);
    x87_img_st16(out, X87_IMG_CW, env->fpuc);
}

static inline void x87_set_fnsave(CPUX86State *env, const uint8_t in[108])
{
    x87_state_from_fnsave(env->fpu_image, in);
    env->fpuc = x87_img_ld16(in, X87_IMG_CW);
}

/* The status word, e.g. for _fpstate_32.status. */
static inline uint16_t x87_status_word(CPUX86State *env)
{
    return x87_img_ld16(env->fpu_image, X87_IMG_SW);
}

/* si_code of the SIGFPE for #MF: the first unmasked pending exception, in
 * the order Linux checks them (arch/x86/kernel/fpu/core.c,
 * fpu__exception_code): invalid (incl. stack fault), divide by zero,
 * overflow, underflow or denormal, precision.  0: none pending. */
static inline int x87_sigfpe_code(CPUX86State *env)
{
    return x86_fpe_si_code(x87_status_word(env) & ~(env->fpuc & 0x3f) & 0x3f);
}

#endif
