/*
 * MMX, SSE and SSE2 (0F-map opcodes with their mandatory prefixes), shared
 * by the translator (translate-sse.c) and the helper (sse_helper.c).
 */
#ifndef I386_SSE_H
#define I386_SSE_H

#include <stdint.h>

/* The mandatory-prefix class of an MMX/SSE opcode: none, 66, F3, F2
 * (F2/F3 win over 66, SDM vol. 2A, 2.1.2). */
enum { SSE_PFX_NONE, SSE_PFX_66, SSE_PFX_F3, SSE_PFX_F2 };

/* helper_sse's code argument: opcode, prefix class, ModRM, imm8, and the
 * segment of the memory operand (FXSAVE's FDS). */
#define SSE_CODE(op, pfx, modrm, imm, seg) \
    ((uint32_t)(op) | (uint32_t)(pfx) << 8 | (uint32_t)(modrm) << 10 | \
     (uint32_t)((imm) & 0xff) << 18 | (uint32_t)(seg) << 26)

/* MXCSR (SDM vol. 1, 10.2.3): flags 0..5, DAZ 6, masks 7..12, RC 13..14,
 * FZ 15.  The bits a P4 with DAZ implements: FXSAVE's MXCSR_MASK. */
#define MXCSR_MASK_BITS 0x0000ffffu
#define MXCSR_RESET 0x1f80u

/* The bytes of an FXSAVE image (SDM vol. 2A, FXSAVE, table 3-53) that a
 * 32-bit processor reads and writes: x87 environment, MXCSR, MXCSR_MASK,
 * ST0..ST7, XMM0..XMM7. */
#define FXSAVE_IMAGE_USED 288

#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"

/* The guest's x87/SSE state as an FXSAVE image and back (FXSAVE/FXRSTOR,
 * linux-user signal frames).  x86_fxrstor_image ignores reserved MXCSR bits
 * (FXRSTOR checks them first, raising #GP). */
void x86_fxsave_image(CPUX86State *env, uint8_t buf[FXSAVE_IMAGE_USED]);
void x86_fxrstor_image(CPUX86State *env, const uint8_t buf[FXSAVE_IMAGE_USED]);

/* The translator's fast path (user mode, where CR0.EM/TS and CR4.OSFXSR
 * are fixed): whether the 66-prefixed opcode `op` is an integer operation
 * on xmm registers only -- xmm/m128 source into the ModRM.reg xmm, or an
 * xmm into a GPR (PMOVMSKB, PEXTRW) -- that helper_sse_xmm_int runs:
 * SSE_FAST_* flags, 0 if not. */
#define SSE_FAST_XMM   1   /* xmm destination, xmm/m128 source */
#define SSE_FAST_GPR   2   /* GPR destination, xmm register source */
#define SSE_FAST_ALIGN 4   /* the m128 operand must be 16-byte aligned */
int sse_fast_form(int op);

/* si_code of the SIGFPE Linux sends for #XM: the first unmasked exception
 * flag in MXCSR, in the order of arch/x86/kernel/fpu/core.c
 * (fpu__exception_code): invalid, divide by zero, overflow, underflow or
 * denormal, precision.  0: none. */
static inline int sse_sigfpe_code(uint32_t mxcsr)
{
    return x86_fpe_si_code((int)(mxcsr & ~(mxcsr >> 7) & 0x3f));
}

#endif
