/*
 * MMX, SSE, SSE2 and SSE3, executed by the host's own SSE unit (the host is
 * x86-64, so it has SSE2; SSE3 is advertised to the guest only when the
 * host has it, see cpu.c).
 *
 * helper_sse gets the opcode, its mandatory-prefix class, the ModRM byte,
 * the imm8 and the linear address of the memory operand.  One table row per
 * (prefix, opcode) says which operands the instruction has (xmm, mm, GPR,
 * memory of a given size, imm8), which CPUID feature it needs and which
 * function computes it.  Operands are copied into 16-byte aligned buffers,
 * the function runs the very same instruction on the host (floating point
 * under the guest's MXCSR, with its flags read back), and the results are
 * written to memory first, then to registers, so a fault leaves the state
 * as it was.  Results, NaN payloads, DAZ/FTZ, rounding and exception flags
 * are the hardware's.  MMX operations run as the SSE2 operation on the low
 * quadword of an xmm register (the host never enters MMX mode); the few
 * whose 64-bit form is not the low half of the 128-bit one (PACK*,
 * PUNPCKH*, PSHUFW, PEXTRW/PINSRW) rearrange their operands first.
 *
 * MMX registers are the x87 registers' mantissas (SDM vol. 1, 9.5): an
 * instruction that names one first checks for a pending x87 exception
 * (#MF), and on completion sets TOP to 0 and makes every register valid;
 * a written MMX register gets exponent and sign bits all ones; EMMS sets
 * TOP to 0 and every register empty.
 *
 * Unmasked SIMD exceptions (SDM vol. 1, 11.5.2): the instruction runs with
 * every exception masked; if a flag it raised is unmasked in the guest's
 * MXCSR, the destination is left unchanged, the pre-computation flags (IE,
 * DE, ZE) -- or, without an unmasked one of those, all flags -- are set in
 * MXCSR and #XM (CR4.OSXMMEXCPT clear: #UD) is raised.  An unmasked
 * underflow is signalled for any tiny result, exact or not (SDM vol. 1,
 * 4.9.1.5): see run_fp.  With an unmasked overflow or underflow, PE means
 * that the result rounded to the destination's precision with an
 * unbounded exponent is inexact (the IEEE 754 trapped result), not what
 * the masked host run reports (an infinity or a flushed zero is inexact):
 * for F_SUM rows the elements are added again on the host's x87 (64-bit
 * significand, 15-bit exponent) to find it.  Not modelled: that PE for
 * the other operations (MULPS, DIVPS, CVTPD2PS...): the host run's with
 * an unmasked overflow, none with an unmasked underflow.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "target/i386/sse.h"
#include "target/i386/x87-exec.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"

#include <string.h>

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

#if !defined(__x86_64__)
#error "sse_helper.c runs the guest's SSE instructions on an x86-64 host"
#endif

typedef long long SseHostVec __attribute__((vector_size(16)));

typedef union SseVec {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t l[4];
    uint64_t q[2];
    SseHostVec x;
} SseVec;

/* a: destination (loaded with its old value when it is a register),
 * b: source; imm: the imm8; mem: the source or destination is memory. */
typedef void (*SseFn)(SseVec *a, const SseVec *b, int imm, int mem);

/* Operand kinds, named as in the SDM opcode map (vol. 2D, A.2.1). */
enum {
    K_NONE,
    K_V,    /* xmm in ModRM.reg */
    K_W,    /* xmm in ModRM.rm or memory */
    K_U,    /* xmm in ModRM.rm, register form only */
    K_P,    /* mm in ModRM.reg */
    K_Q,    /* mm in ModRM.rm or memory */
    K_N,    /* mm in ModRM.rm, register form only */
    K_G,    /* GPR in ModRM.reg */
    K_E,    /* GPR in ModRM.rm or memory */
    K_M,    /* memory only */
    K_I,    /* the imm8 (shift groups 71..73) */
};

#define F_FP     0x01   /* floating point: guest MXCSR, may raise #XM */
#define F_ALIGN  0x02   /* a 16-byte memory operand must be aligned: #GP */
#define F_EFL    0x04   /* COMISS & co.: the result is EFLAGS */
#define F_NOFPU  0x08   /* MOVNTI: an integer instruction, no CR0/CR4 checks */
#define F_ECX    0x10   /* feature is a CPUID.1:ECX bit (SSE3), not EDX */
#define F_SUM    0x20   /* results are sums/differences (PE of a trapped result) */
#define F_F64    0x40   /* with F_SUM: the elements are doubles */

/* MXCSR bits (SDM vol. 1, 10.2.3) */
#define MXCSR_OE  0x0008u
#define MXCSR_UE  0x0010u
#define MXCSR_PE  0x0020u
#define MXCSR_DAZ 0x0040u
#define MXCSR_UM  0x0800u
#define MXCSR_FTZ 0x8000u

typedef struct SseInsn {
    uint8_t dst, src;
    uint8_t msize;      /* bytes of the memory operand */
    uint8_t flags;
    uint32_t feature;   /* CPUID.1:EDX bit it needs (ECX with F_ECX) */
    SseFn fn;
} SseInsn;

/* ------------------------------------------------ host instructions */

#define HOST2(name, insn)                                                   \
    static void name(SseVec *a, const SseVec *b, int imm, int mem)         \
    {                                                                       \
        __asm__ volatile(insn " %1, %0" : "+x"(a->x) : "x"(b->x));          \
    }

/* packed/scalar single/double arithmetic */
HOST2(h_addps, "addps") HOST2(h_addpd, "addpd") HOST2(h_addss, "addss") HOST2(h_addsd, "addsd")
HOST2(h_subps, "subps") HOST2(h_subpd, "subpd") HOST2(h_subss, "subss") HOST2(h_subsd, "subsd")
HOST2(h_mulps, "mulps") HOST2(h_mulpd, "mulpd") HOST2(h_mulss, "mulss") HOST2(h_mulsd, "mulsd")
HOST2(h_divps, "divps") HOST2(h_divpd, "divpd") HOST2(h_divss, "divss") HOST2(h_divsd, "divsd")
HOST2(h_minps, "minps") HOST2(h_minpd, "minpd") HOST2(h_minss, "minss") HOST2(h_minsd, "minsd")
HOST2(h_maxps, "maxps") HOST2(h_maxpd, "maxpd") HOST2(h_maxss, "maxss") HOST2(h_maxsd, "maxsd")
HOST2(h_sqrtps, "sqrtps") HOST2(h_sqrtpd, "sqrtpd") HOST2(h_sqrtss, "sqrtss")
HOST2(h_sqrtsd, "sqrtsd")
HOST2(h_rsqrtps, "rsqrtps") HOST2(h_rsqrtss, "rsqrtss")
HOST2(h_rcpps, "rcpps") HOST2(h_rcpss, "rcpss")
HOST2(h_andps, "andps") HOST2(h_andnps, "andnps") HOST2(h_orps, "orps") HOST2(h_xorps, "xorps")
HOST2(h_unpcklps, "unpcklps") HOST2(h_unpckhps, "unpckhps")
HOST2(h_unpcklpd, "unpcklpd") HOST2(h_unpckhpd, "unpckhpd")
/* conversions */
HOST2(h_cvtps2pd, "cvtps2pd") HOST2(h_cvtpd2ps, "cvtpd2ps")
HOST2(h_cvtss2sd, "cvtss2sd") HOST2(h_cvtsd2ss, "cvtsd2ss")
HOST2(h_cvtdq2ps, "cvtdq2ps") HOST2(h_cvtps2dq, "cvtps2dq") HOST2(h_cvttps2dq, "cvttps2dq")
HOST2(h_cvtdq2pd, "cvtdq2pd") HOST2(h_cvtpd2dq, "cvtpd2dq") HOST2(h_cvttpd2dq, "cvttpd2dq")
/* integer SIMD */
HOST2(h_punpcklbw, "punpcklbw") HOST2(h_punpcklwd, "punpcklwd") HOST2(h_punpckldq, "punpckldq")
HOST2(h_punpckhbw, "punpckhbw") HOST2(h_punpckhwd, "punpckhwd") HOST2(h_punpckhdq, "punpckhdq")
HOST2(h_punpcklqdq, "punpcklqdq") HOST2(h_punpckhqdq, "punpckhqdq")
HOST2(h_packsswb, "packsswb") HOST2(h_packuswb, "packuswb") HOST2(h_packssdw, "packssdw")
HOST2(h_pcmpgtb, "pcmpgtb") HOST2(h_pcmpgtw, "pcmpgtw") HOST2(h_pcmpgtd, "pcmpgtd")
HOST2(h_pcmpeqb, "pcmpeqb") HOST2(h_pcmpeqw, "pcmpeqw") HOST2(h_pcmpeqd, "pcmpeqd")
HOST2(h_psrlw, "psrlw") HOST2(h_psrld, "psrld") HOST2(h_psrlq, "psrlq")
HOST2(h_psraw, "psraw") HOST2(h_psrad, "psrad")
HOST2(h_psllw, "psllw") HOST2(h_pslld, "pslld") HOST2(h_psllq, "psllq")
HOST2(h_paddb, "paddb") HOST2(h_paddw, "paddw") HOST2(h_paddd, "paddd") HOST2(h_paddq, "paddq")
HOST2(h_psubb, "psubb") HOST2(h_psubw, "psubw") HOST2(h_psubd, "psubd") HOST2(h_psubq, "psubq")
HOST2(h_paddsb, "paddsb") HOST2(h_paddsw, "paddsw") HOST2(h_paddusb, "paddusb")
HOST2(h_paddusw, "paddusw")
HOST2(h_psubsb, "psubsb") HOST2(h_psubsw, "psubsw") HOST2(h_psubusb, "psubusb")
HOST2(h_psubusw, "psubusw")
HOST2(h_pmullw, "pmullw") HOST2(h_pmulhw, "pmulhw") HOST2(h_pmulhuw, "pmulhuw")
HOST2(h_pmuludq, "pmuludq") HOST2(h_pmaddwd, "pmaddwd") HOST2(h_psadbw, "psadbw")
HOST2(h_pavgb, "pavgb") HOST2(h_pavgw, "pavgw")
HOST2(h_pminub, "pminub") HOST2(h_pmaxub, "pmaxub")
HOST2(h_pminsw, "pminsw") HOST2(h_pmaxsw, "pmaxsw")
HOST2(h_pand, "pand") HOST2(h_pandn, "pandn") HOST2(h_por, "por") HOST2(h_pxor, "pxor")

/* SSE3 (SDM vol. 2: ADDSUBPS, HADDPS, ...) */
HOST2(h_addsubps, "addsubps") HOST2(h_addsubpd, "addsubpd")
HOST2(h_haddps, "haddps") HOST2(h_haddpd, "haddpd")
HOST2(h_hsubps, "hsubps") HOST2(h_hsubpd, "hsubpd")

/* CMPPS & co.: the predicate is imm8 bits 2..0 (bits 7..3 are reserved in
 * the legacy SSE encoding, SDM vol. 2A, CMPPS). */
#define CMP_CASE(insn, n)                                                   \
    case n:                                                                 \
        __asm__ volatile(insn " $" #n ", %1, %0" : "+x"(a->x) : "x"(b->x)); \
        break;
#define HOST_CMP(name, insn)                                                \
    static void name(SseVec *a, const SseVec *b, int imm, int mem)         \
    {                                                                       \
        switch (imm & 7) {                                                  \
        CMP_CASE(insn, 0) CMP_CASE(insn, 1) CMP_CASE(insn, 2) CMP_CASE(insn, 3) \
        CMP_CASE(insn, 4) CMP_CASE(insn, 5) CMP_CASE(insn, 6) CMP_CASE(insn, 7) \
        }                                                                   \
    }
HOST_CMP(h_cmpps, "cmpps") HOST_CMP(h_cmppd, "cmppd")
HOST_CMP(h_cmpss, "cmpss") HOST_CMP(h_cmpsd, "cmpsd")

/* COMISS & co.: ZF, PF, CF as the host sets them; OF, SF, AF cleared. */
#define HOST_COMI(name, insn)                                               \
    static void name(SseVec *a, const SseVec *b, int imm, int mem)         \
    {                                                                       \
        uint8_t z, p, c;                                                    \
        __asm__ volatile(insn " %3, %4"                                     \
                         : "=@ccz"(z), "=@ccp"(p), "=@ccc"(c)               \
                         : "x"(b->x), "x"(a->x));                           \
        a->l[0] = (z ? CC_Z : 0) | (p ? CC_P : 0) | (c ? CC_C : 0);         \
    }
HOST_COMI(h_comiss, "comiss") HOST_COMI(h_ucomiss, "ucomiss")
HOST_COMI(h_comisd, "comisd") HOST_COMI(h_ucomisd, "ucomisd")

/* To a GPR: the result in a->l[0]. */
#define HOST_TO_GPR(name, insn)                                             \
    static void name(SseVec *a, const SseVec *b, int imm, int mem)         \
    {                                                                       \
        uint32_t r;                                                         \
        __asm__ volatile(insn " %1, %0" : "=r"(r) : "x"(b->x));             \
        a->l[0] = r;                                                        \
    }
HOST_TO_GPR(h_cvtss2si, "cvtss2si") HOST_TO_GPR(h_cvttss2si, "cvttss2si")
HOST_TO_GPR(h_cvtsd2si, "cvtsd2si") HOST_TO_GPR(h_cvttsd2si, "cvttsd2si")
HOST_TO_GPR(h_movmskps, "movmskps") HOST_TO_GPR(h_movmskpd, "movmskpd")
HOST_TO_GPR(h_pmovmskb, "pmovmskb")

static void h_cvtsi2ss(SseVec *a, const SseVec *b, int imm, int mem)
{
    __asm__ volatile("cvtsi2ssl %1, %0" : "+x"(a->x) : "r"(b->l[0]));
}

static void h_cvtsi2sd(SseVec *a, const SseVec *b, int imm, int mem)
{
    __asm__ volatile("cvtsi2sdl %1, %0" : "+x"(a->x) : "r"(b->l[0]));
}

/* CVTPI2PS xmm, m64: the memory form, which leaves the host's x87 alone */
static void h_cvtpi2ps(SseVec *a, const SseVec *b, int imm, int mem)
{
    __asm__ volatile("cvtpi2ps %1, %0" : "+x"(a->x) : "m"(b->q[0]));
}

/* CVTPI2PD: CVTDQ2PD of the low quadword (exact, both write 128 bits) */
#define h_cvtpi2pd h_cvtdq2pd

/* CVT(T)PS2PI mm, xmm/m64: the packed-dword conversion of the two low
 * singles (the upper two are zeros, which convert without a flag). */
static void h_cvtps2pi(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec t = { .q = { b->q[0], 0 } };
    h_cvtps2dq(&t, &t, 0, 0);
    a->q[0] = t.q[0];
}

static void h_cvttps2pi(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec t = { .q = { b->q[0], 0 } };
    h_cvttps2dq(&t, &t, 0, 0);
    a->q[0] = t.q[0];
}

static void h_cvtpd2pi(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec t = *b;
    h_cvtpd2dq(&t, &t, 0, 0);
    a->q[0] = t.q[0];
}

static void h_cvttpd2pi(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec t = *b;
    h_cvttpd2dq(&t, &t, 0, 0);
    a->q[0] = t.q[0];
}

/* ------------------------------------------------- moves and shuffles */

static void mov128(SseVec *a, const SseVec *b, int imm, int mem)
{
    *a = *b;
}

/* MOVQ mm, MOVDQ2Q: the low quadword */
static void mov64(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->q[0] = b->q[0];
}

/* MOVQ xmm (F3 0F 7E, 66 0F D6, MOVQ2DQ): the low quadword, upper zeroed */
static void mov64_zx(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->q[0] = b->q[0];
    a->q[1] = 0;
}

/* MOVD to xmm/mm (zero-extended), MOVD from xmm/mm, MOVNTI */
static void movd_zx(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->q[0] = b->l[0];
    a->q[1] = 0;
}

/* MOVSS: a load from memory zeroes bits 127..32, register forms merge */
static void movss(SseVec *a, const SseVec *b, int imm, int mem)
{
    if (mem) {
        a->q[0] = a->q[1] = 0;
    }
    a->l[0] = b->l[0];
}

static void movsd(SseVec *a, const SseVec *b, int imm, int mem)
{
    if (mem) {
        a->q[1] = 0;
    }
    a->q[0] = b->q[0];
}

/* 0F 12: MOVLPS xmm, m64 / MOVHLPS xmm, xmm; 66 0F 12 MOVLPD; 0F 13 */
static void movlps(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->q[0] = mem ? b->q[0] : b->q[1];
}

/* 0F 16: MOVHPS xmm, m64 / MOVLHPS xmm, xmm; 66 0F 16 MOVHPD */
static void movhps(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->q[1] = b->q[0];
}

/* 0F 17 MOVHPS m64, xmm: the high quadword to memory */
static void movhps_st(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->q[0] = b->q[1];
}

/* SSE3 MOVSLDUP / MOVSHDUP: the even / odd singles, each twice */
static void movsldup(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec r = { .l = { b->l[0], b->l[0], b->l[2], b->l[2] } };
    *a = r;
}

static void movshdup(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec r = { .l = { b->l[1], b->l[1], b->l[3], b->l[3] } };
    *a = r;
}

/* SSE3 MOVDDUP: the low double (or the m64) twice */
static void movddup(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->q[0] = a->q[1] = b->q[0];
}

static void shufps(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec r;
    r.l[0] = a->l[imm & 3];
    r.l[1] = a->l[(imm >> 2) & 3];
    r.l[2] = b->l[(imm >> 4) & 3];
    r.l[3] = b->l[(imm >> 6) & 3];
    *a = r;
}

static void shufpd(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec r = { .q = { a->q[imm & 1], b->q[(imm >> 1) & 1] } };
    *a = r;
}

static void pshufd(SseVec *a, const SseVec *b, int imm, int mem)
{
    for (int i = 0; i < 4; i++) {
        a->l[i] = b->l[(imm >> (2 * i)) & 3];
    }
}

static void pshuflw(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec r = *b;
    for (int i = 0; i < 4; i++) {
        r.w[i] = b->w[(imm >> (2 * i)) & 3];
    }
    *a = r;
}

static void pshufhw(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec r = *b;
    for (int i = 0; i < 4; i++) {
        r.w[4 + i] = b->w[4 + ((imm >> (2 * i)) & 3)];
    }
    *a = r;
}

/* PSHUFW mm: PSHUFLW of the low quadword */
static void pshufw(SseVec *a, const SseVec *b, int imm, int mem)
{
    SseVec r;
    pshuflw(&r, b, imm, mem);
    a->q[0] = r.q[0];
}

static void pextrw_mmx(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->l[0] = b->w[imm & 3];
}

static void pextrw_xmm(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->l[0] = b->w[imm & 7];
}

static void pinsrw_mmx(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->w[imm & 3] = b->w[0];
}

static void pinsrw_xmm(SseVec *a, const SseVec *b, int imm, int mem)
{
    a->w[imm & 7] = b->w[0];
}

/* PSRLDQ/PSLLDQ xmm, imm8: byte shifts (count > 15 clears) */
static void psrldq(SseVec *a, const SseVec *b, int imm, int mem)
{
    unsigned n = b->l[0] > 16 ? 16 : b->l[0];
    SseVec r = { .q = { 0, 0 } };
    memcpy(r.b, a->b + n, 16 - n);
    *a = r;
}

static void pslldq(SseVec *a, const SseVec *b, int imm, int mem)
{
    unsigned n = b->l[0] > 16 ? 16 : b->l[0];
    SseVec r = { .q = { 0, 0 } };
    memcpy(r.b + n, a->b, 16 - n);
    *a = r;
}

/* MMX PACK*: pack [dst, src] as one 128-bit register, keep the low half */
#define MMX_PACK(name, fn)                                                  \
    static void name(SseVec *a, const SseVec *b, int imm, int mem)         \
    {                                                                       \
        a->q[1] = b->q[0];                                                  \
        fn(a, a, imm, mem);                                                 \
    }
MMX_PACK(m_packsswb, h_packsswb) MMX_PACK(m_packuswb, h_packuswb)
MMX_PACK(m_packssdw, h_packssdw)

/* MMX PUNPCKH*: PUNPCKL* of the high doublewords */
#define MMX_UNPCKH(name, fn)                                                \
    static void name(SseVec *a, const SseVec *b, int imm, int mem)         \
    {                                                                       \
        SseVec t = { .q = { b->q[0] >> 32, 0 } };                           \
        a->q[0] >>= 32;                                                     \
        fn(a, &t, imm, mem);                                                \
    }
MMX_UNPCKH(m_punpckhbw, h_punpcklbw) MMX_UNPCKH(m_punpckhwd, h_punpcklwd)
MMX_UNPCKH(m_punpckhdq, h_punpckldq)

/* ------------------------------------------------------------ the table */

#define MMX CPUID_MMX
#define SSE CPUID_SSE
#define SSE2 CPUID_SSE2

#define ROW(pfx, op, d, s, sz, fl, feat, f) [pfx][op] = { d, s, sz, fl, feat, f },
/* ps, pd, ss, sd forms of a floating-point operation */
#define FP4(op, ps, pd, ss, sd)                                             \
    ROW(0, op, K_V, K_W, 16, F_FP | F_ALIGN, SSE, ps)                      \
    ROW(1, op, K_V, K_W, 16, F_FP | F_ALIGN, SSE2, pd)                     \
    ROW(2, op, K_V, K_W, 4, F_FP, SSE, ss)                                 \
    ROW(3, op, K_V, K_W, 8, F_FP, SSE2, sd)
/* ps, pd forms of a bitwise or shuffle operation */
#define PSPD(op, ps, pd)                                                    \
    ROW(0, op, K_V, K_W, 16, F_ALIGN, SSE, ps)                             \
    ROW(1, op, K_V, K_W, 16, F_ALIGN, SSE2, pd)
/* An SSE3 row: the feature is CPUID.1:ECX.SSE3[bit 0] */
#define SSE3_ROW(pfx, op, d, s, sz, fl, f) ROW(pfx, op, d, s, sz, (fl) | F_ECX, CPUID_ECX_SSE3, f)
/* ADDPS & co. (F_SUM) */
#define FP4_SUM(op, ps, pd, ss, sd)                                         \
    ROW(0, op, K_V, K_W, 16, F_FP | F_ALIGN | F_SUM, SSE, ps)              \
    ROW(1, op, K_V, K_W, 16, F_FP | F_ALIGN | F_SUM | F_F64, SSE2, pd)     \
    ROW(2, op, K_V, K_W, 4, F_FP | F_SUM, SSE, ss)                         \
    ROW(3, op, K_V, K_W, 8, F_FP | F_SUM | F_F64, SSE2, sd)
/* An integer operation: mm (feature fm) and xmm (SSE2) forms */
#define INT2(op, fm, mmx_fn, xmm_fn)                                        \
    ROW(0, op, K_P, K_Q, 8, 0, fm, mmx_fn)                                 \
    ROW(1, op, K_V, K_W, 16, F_ALIGN, SSE2, xmm_fn)

static const SseInsn sse_insns[4][256] = {
    ROW(0, 0x10, K_V, K_W, 16, 0, SSE, mov128)              /* MOVUPS */
    ROW(1, 0x10, K_V, K_W, 16, 0, SSE2, mov128)             /* MOVUPD */
    ROW(2, 0x10, K_V, K_W, 4, 0, SSE, movss)
    ROW(3, 0x10, K_V, K_W, 8, 0, SSE2, movsd)
    ROW(0, 0x11, K_W, K_V, 16, 0, SSE, mov128)
    ROW(1, 0x11, K_W, K_V, 16, 0, SSE2, mov128)
    ROW(2, 0x11, K_W, K_V, 4, 0, SSE, movss)
    ROW(3, 0x11, K_W, K_V, 8, 0, SSE2, movsd)
    ROW(0, 0x12, K_V, K_W, 8, 0, SSE, movlps)               /* MOVLPS, MOVHLPS */
    ROW(1, 0x12, K_V, K_M, 8, 0, SSE2, movlps)              /* MOVLPD */
    /* MOVSLDUP/MOVSHDUP: 16-byte alignment in the legacy form (SDM vol. 2B,
     * exceptions type 4); MOVDDUP reads only 8 bytes (type 5): none */
    SSE3_ROW(2, 0x12, K_V, K_W, 16, F_ALIGN, movsldup)
    SSE3_ROW(3, 0x12, K_V, K_W, 8, 0, movddup)
    ROW(0, 0x13, K_M, K_V, 8, 0, SSE, mov64)
    ROW(1, 0x13, K_M, K_V, 8, 0, SSE2, mov64)
    PSPD(0x14, h_unpcklps, h_unpcklpd)
    PSPD(0x15, h_unpckhps, h_unpckhpd)
    ROW(0, 0x16, K_V, K_W, 8, 0, SSE, movhps)               /* MOVHPS, MOVLHPS */
    ROW(1, 0x16, K_V, K_M, 8, 0, SSE2, movhps)              /* MOVHPD */
    SSE3_ROW(2, 0x16, K_V, K_W, 16, F_ALIGN, movshdup)
    ROW(0, 0x17, K_M, K_V, 8, 0, SSE, movhps_st)
    ROW(1, 0x17, K_M, K_V, 8, 0, SSE2, movhps_st)
    ROW(0, 0x28, K_V, K_W, 16, F_ALIGN, SSE, mov128)        /* MOVAPS */
    ROW(1, 0x28, K_V, K_W, 16, F_ALIGN, SSE2, mov128)
    ROW(0, 0x29, K_W, K_V, 16, F_ALIGN, SSE, mov128)
    ROW(1, 0x29, K_W, K_V, 16, F_ALIGN, SSE2, mov128)
    ROW(0, 0x2a, K_V, K_Q, 8, F_FP, SSE, h_cvtpi2ps)
    ROW(1, 0x2a, K_V, K_Q, 8, F_FP, SSE2, h_cvtpi2pd)
    ROW(2, 0x2a, K_V, K_E, 4, F_FP, SSE, h_cvtsi2ss)
    ROW(3, 0x2a, K_V, K_E, 4, F_FP, SSE2, h_cvtsi2sd)
    ROW(0, 0x2b, K_M, K_V, 16, F_ALIGN, SSE, mov128)        /* MOVNTPS */
    ROW(1, 0x2b, K_M, K_V, 16, F_ALIGN, SSE2, mov128)
    ROW(0, 0x2c, K_P, K_W, 8, F_FP, SSE, h_cvttps2pi)
    ROW(1, 0x2c, K_P, K_W, 16, F_FP | F_ALIGN, SSE2, h_cvttpd2pi)
    ROW(2, 0x2c, K_G, K_W, 4, F_FP, SSE, h_cvttss2si)
    ROW(3, 0x2c, K_G, K_W, 8, F_FP, SSE2, h_cvttsd2si)
    ROW(0, 0x2d, K_P, K_W, 8, F_FP, SSE, h_cvtps2pi)
    ROW(1, 0x2d, K_P, K_W, 16, F_FP | F_ALIGN, SSE2, h_cvtpd2pi)
    ROW(2, 0x2d, K_G, K_W, 4, F_FP, SSE, h_cvtss2si)
    ROW(3, 0x2d, K_G, K_W, 8, F_FP, SSE2, h_cvtsd2si)
    ROW(0, 0x2e, K_V, K_W, 4, F_FP | F_EFL, SSE, h_ucomiss)
    ROW(1, 0x2e, K_V, K_W, 8, F_FP | F_EFL, SSE2, h_ucomisd)
    ROW(0, 0x2f, K_V, K_W, 4, F_FP | F_EFL, SSE, h_comiss)
    ROW(1, 0x2f, K_V, K_W, 8, F_FP | F_EFL, SSE2, h_comisd)
    ROW(0, 0x50, K_G, K_U, 16, 0, SSE, h_movmskps)
    ROW(1, 0x50, K_G, K_U, 16, 0, SSE2, h_movmskpd)
    FP4(0x51, h_sqrtps, h_sqrtpd, h_sqrtss, h_sqrtsd)
    ROW(0, 0x52, K_V, K_W, 16, F_FP | F_ALIGN, SSE, h_rsqrtps)
    ROW(2, 0x52, K_V, K_W, 4, F_FP, SSE, h_rsqrtss)
    ROW(0, 0x53, K_V, K_W, 16, F_FP | F_ALIGN, SSE, h_rcpps)
    ROW(2, 0x53, K_V, K_W, 4, F_FP, SSE, h_rcpss)
    PSPD(0x54, h_andps, h_andps)
    PSPD(0x55, h_andnps, h_andnps)
    PSPD(0x56, h_orps, h_orps)
    PSPD(0x57, h_xorps, h_xorps)
    FP4_SUM(0x58, h_addps, h_addpd, h_addss, h_addsd)
    FP4(0x59, h_mulps, h_mulpd, h_mulss, h_mulsd)
    ROW(0, 0x5a, K_V, K_W, 8, F_FP, SSE2, h_cvtps2pd)
    ROW(1, 0x5a, K_V, K_W, 16, F_FP | F_ALIGN, SSE2, h_cvtpd2ps)
    ROW(2, 0x5a, K_V, K_W, 4, F_FP, SSE2, h_cvtss2sd)
    ROW(3, 0x5a, K_V, K_W, 8, F_FP, SSE2, h_cvtsd2ss)
    ROW(0, 0x5b, K_V, K_W, 16, F_FP | F_ALIGN, SSE2, h_cvtdq2ps)
    ROW(1, 0x5b, K_V, K_W, 16, F_FP | F_ALIGN, SSE2, h_cvtps2dq)
    ROW(2, 0x5b, K_V, K_W, 16, F_FP | F_ALIGN, SSE2, h_cvttps2dq)
    FP4_SUM(0x5c, h_subps, h_subpd, h_subss, h_subsd)
    FP4(0x5d, h_minps, h_minpd, h_minss, h_minsd)
    FP4(0x5e, h_divps, h_divpd, h_divss, h_divsd)
    FP4(0x5f, h_maxps, h_maxpd, h_maxss, h_maxsd)
    /* MMX PUNPCKL* read 32 bits of memory (SDM vol. 2B, PUNPCKLBW) */
    ROW(0, 0x60, K_P, K_Q, 4, 0, MMX, h_punpcklbw)
    ROW(1, 0x60, K_V, K_W, 16, F_ALIGN, SSE2, h_punpcklbw)
    ROW(0, 0x61, K_P, K_Q, 4, 0, MMX, h_punpcklwd)
    ROW(1, 0x61, K_V, K_W, 16, F_ALIGN, SSE2, h_punpcklwd)
    ROW(0, 0x62, K_P, K_Q, 4, 0, MMX, h_punpckldq)
    ROW(1, 0x62, K_V, K_W, 16, F_ALIGN, SSE2, h_punpckldq)
    INT2(0x63, MMX, m_packsswb, h_packsswb)
    INT2(0x64, MMX, h_pcmpgtb, h_pcmpgtb)
    INT2(0x65, MMX, h_pcmpgtw, h_pcmpgtw)
    INT2(0x66, MMX, h_pcmpgtd, h_pcmpgtd)
    INT2(0x67, MMX, m_packuswb, h_packuswb)
    INT2(0x68, MMX, m_punpckhbw, h_punpckhbw)
    INT2(0x69, MMX, m_punpckhwd, h_punpckhwd)
    INT2(0x6a, MMX, m_punpckhdq, h_punpckhdq)
    INT2(0x6b, MMX, m_packssdw, h_packssdw)
    ROW(1, 0x6c, K_V, K_W, 16, F_ALIGN, SSE2, h_punpcklqdq)
    ROW(1, 0x6d, K_V, K_W, 16, F_ALIGN, SSE2, h_punpckhqdq)
    ROW(0, 0x6e, K_P, K_E, 4, 0, MMX, movd_zx)
    ROW(1, 0x6e, K_V, K_E, 4, 0, SSE2, movd_zx)
    ROW(0, 0x6f, K_P, K_Q, 8, 0, MMX, mov64)
    ROW(1, 0x6f, K_V, K_W, 16, F_ALIGN, SSE2, mov128)       /* MOVDQA */
    ROW(2, 0x6f, K_V, K_W, 16, 0, SSE2, mov128)             /* MOVDQU */
    ROW(0, 0x70, K_P, K_Q, 8, 0, SSE, pshufw)
    ROW(1, 0x70, K_V, K_W, 16, F_ALIGN, SSE2, pshufd)
    ROW(2, 0x70, K_V, K_W, 16, F_ALIGN, SSE2, pshufhw)
    ROW(3, 0x70, K_V, K_W, 16, F_ALIGN, SSE2, pshuflw)
    INT2(0x74, MMX, h_pcmpeqb, h_pcmpeqb)
    INT2(0x75, MMX, h_pcmpeqw, h_pcmpeqw)
    INT2(0x76, MMX, h_pcmpeqd, h_pcmpeqd)
    /* HADDPD/HADDPS, HSUBPD/HSUBPS (exceptions type 2: aligned) */
    SSE3_ROW(1, 0x7c, K_V, K_W, 16, F_FP | F_ALIGN | F_SUM | F_F64, h_haddpd)
    SSE3_ROW(3, 0x7c, K_V, K_W, 16, F_FP | F_ALIGN | F_SUM, h_haddps)
    SSE3_ROW(1, 0x7d, K_V, K_W, 16, F_FP | F_ALIGN | F_SUM | F_F64, h_hsubpd)
    SSE3_ROW(3, 0x7d, K_V, K_W, 16, F_FP | F_ALIGN | F_SUM, h_hsubps)
    ROW(0, 0x7e, K_E, K_P, 4, 0, MMX, movd_zx)
    ROW(1, 0x7e, K_E, K_V, 4, 0, SSE2, movd_zx)
    ROW(2, 0x7e, K_V, K_W, 8, 0, SSE2, mov64_zx)            /* MOVQ xmm, xmm/m64 */
    ROW(0, 0x7f, K_Q, K_P, 8, 0, MMX, mov64)
    ROW(1, 0x7f, K_W, K_V, 16, F_ALIGN, SSE2, mov128)
    ROW(2, 0x7f, K_W, K_V, 16, 0, SSE2, mov128)
    ROW(0, 0xc2, K_V, K_W, 16, F_FP | F_ALIGN, SSE, h_cmpps)
    ROW(1, 0xc2, K_V, K_W, 16, F_FP | F_ALIGN, SSE2, h_cmppd)
    ROW(2, 0xc2, K_V, K_W, 4, F_FP, SSE, h_cmpss)
    ROW(3, 0xc2, K_V, K_W, 8, F_FP, SSE2, h_cmpsd)
    ROW(0, 0xc3, K_M, K_G, 4, F_NOFPU, SSE2, movd_zx)       /* MOVNTI */
    ROW(0, 0xc4, K_P, K_E, 2, 0, SSE, pinsrw_mmx)
    ROW(1, 0xc4, K_V, K_E, 2, 0, SSE2, pinsrw_xmm)
    ROW(0, 0xc5, K_G, K_N, 8, 0, SSE, pextrw_mmx)
    ROW(1, 0xc5, K_G, K_U, 16, 0, SSE2, pextrw_xmm)
    PSPD(0xc6, shufps, shufpd)
    SSE3_ROW(1, 0xd0, K_V, K_W, 16, F_FP | F_ALIGN | F_SUM | F_F64, h_addsubpd)
    SSE3_ROW(3, 0xd0, K_V, K_W, 16, F_FP | F_ALIGN | F_SUM, h_addsubps)
    INT2(0xd1, MMX, h_psrlw, h_psrlw)
    INT2(0xd2, MMX, h_psrld, h_psrld)
    INT2(0xd3, MMX, h_psrlq, h_psrlq)
    INT2(0xd4, SSE2, h_paddq, h_paddq)
    INT2(0xd5, MMX, h_pmullw, h_pmullw)
    ROW(1, 0xd6, K_W, K_V, 8, 0, SSE2, mov64_zx)            /* MOVQ xmm/m64, xmm */
    ROW(2, 0xd6, K_V, K_N, 8, 0, SSE2, mov64_zx)            /* MOVQ2DQ */
    ROW(3, 0xd6, K_P, K_U, 16, 0, SSE2, mov64)              /* MOVDQ2Q */
    ROW(0, 0xd7, K_G, K_N, 8, 0, SSE, h_pmovmskb)
    ROW(1, 0xd7, K_G, K_U, 16, 0, SSE2, h_pmovmskb)
    INT2(0xd8, MMX, h_psubusb, h_psubusb)
    INT2(0xd9, MMX, h_psubusw, h_psubusw)
    INT2(0xda, SSE, h_pminub, h_pminub)
    INT2(0xdb, MMX, h_pand, h_pand)
    INT2(0xdc, MMX, h_paddusb, h_paddusb)
    INT2(0xdd, MMX, h_paddusw, h_paddusw)
    INT2(0xde, SSE, h_pmaxub, h_pmaxub)
    INT2(0xdf, MMX, h_pandn, h_pandn)
    INT2(0xe0, SSE, h_pavgb, h_pavgb)
    INT2(0xe1, MMX, h_psraw, h_psraw)
    INT2(0xe2, MMX, h_psrad, h_psrad)
    INT2(0xe3, SSE, h_pavgw, h_pavgw)
    INT2(0xe4, SSE, h_pmulhuw, h_pmulhuw)
    INT2(0xe5, MMX, h_pmulhw, h_pmulhw)
    ROW(1, 0xe6, K_V, K_W, 16, F_FP | F_ALIGN, SSE2, h_cvttpd2dq)
    ROW(2, 0xe6, K_V, K_W, 8, F_FP, SSE2, h_cvtdq2pd)
    ROW(3, 0xe6, K_V, K_W, 16, F_FP | F_ALIGN, SSE2, h_cvtpd2dq)
    ROW(0, 0xe7, K_M, K_P, 8, 0, SSE, mov64)                /* MOVNTQ */
    ROW(1, 0xe7, K_M, K_V, 16, F_ALIGN, SSE2, mov128)       /* MOVNTDQ */
    INT2(0xe8, MMX, h_psubsb, h_psubsb)
    INT2(0xe9, MMX, h_psubsw, h_psubsw)
    INT2(0xea, SSE, h_pminsw, h_pminsw)
    INT2(0xeb, MMX, h_por, h_por)
    INT2(0xec, MMX, h_paddsb, h_paddsb)
    INT2(0xed, MMX, h_paddsw, h_paddsw)
    INT2(0xee, SSE, h_pmaxsw, h_pmaxsw)
    INT2(0xef, MMX, h_pxor, h_pxor)
    /* LDDQU: memory only, any alignment (SDM vol. 2A, LDDQU) */
    SSE3_ROW(3, 0xf0, K_V, K_M, 16, 0, mov128)
    INT2(0xf1, MMX, h_psllw, h_psllw)
    INT2(0xf2, MMX, h_pslld, h_pslld)
    INT2(0xf3, MMX, h_psllq, h_psllq)
    INT2(0xf4, SSE2, h_pmuludq, h_pmuludq)
    INT2(0xf5, MMX, h_pmaddwd, h_pmaddwd)
    INT2(0xf6, SSE, h_psadbw, h_psadbw)
    INT2(0xf8, MMX, h_psubb, h_psubb)
    INT2(0xf9, MMX, h_psubw, h_psubw)
    INT2(0xfa, MMX, h_psubd, h_psubd)
    INT2(0xfb, SSE2, h_psubq, h_psubq)
    INT2(0xfc, MMX, h_paddb, h_paddb)
    INT2(0xfd, MMX, h_paddw, h_paddw)
    INT2(0xfe, MMX, h_paddd, h_paddd)
};

/* Shift groups 0F 71..73 by ModRM.reg: [op - 0x71][xmm][reg] */
#define SHIFT_ROWS(reg, mfn, xfn, mfeat)                                    \
    [0][reg] = { K_N, K_I, 0, 0, mfeat, mfn },                             \
    [1][reg] = { K_U, K_I, 0, 0, SSE2, xfn },
static const SseInsn sse_shift_insns[3][2][8] = {
    { SHIFT_ROWS(2, h_psrlw, h_psrlw, MMX) SHIFT_ROWS(4, h_psraw, h_psraw, MMX)
      SHIFT_ROWS(6, h_psllw, h_psllw, MMX) },
    { SHIFT_ROWS(2, h_psrld, h_psrld, MMX) SHIFT_ROWS(4, h_psrad, h_psrad, MMX)
      SHIFT_ROWS(6, h_pslld, h_pslld, MMX) },
    { SHIFT_ROWS(2, h_psrlq, h_psrlq, MMX) SHIFT_ROWS(6, h_psllq, h_psllq, MMX)
      [1][3] = { K_U, K_I, 0, 0, SSE2, psrldq },
      [1][7] = { K_U, K_I, 0, 0, SSE2, pslldq } },
};

int sse_fast_form(int op)
{
    const SseInsn *in = &sse_insns[SSE_PFX_66][op & 0xff];

    if (!in->fn || (in->flags & (F_FP | F_ECX)) || in->feature != CPUID_SSE2) {
        return 0;
    }
    if (in->dst == K_V && in->src == K_W && in->msize == 16) {
        return SSE_FAST_XMM | (in->flags & F_ALIGN ? SSE_FAST_ALIGN : 0);
    }
    if (in->dst == K_G && in->src == K_U) {
        return SSE_FAST_GPR;
    }
    return 0;
}

/* The fast path's integer operation: code = op | reg << 8 | imm << 16, the
 * source operand in lo/hi.  Returns the GPR result (SSE_FAST_GPR). */
uint32_t HELPER(sse_xmm_int)(CPUX86State *env, uint32_t code, uint64_t lo, uint64_t hi)
{
    const SseInsn *in = &sse_insns[SSE_PFX_66][code & 0xff];
    int reg = (code >> 8) & 7, imm = (code >> 16) & 0xff;
    SseVec a __attribute__((aligned(16))), b __attribute__((aligned(16)));

    b.q[0] = lo;
    b.q[1] = hi;
    if (in->dst == K_G) {
        a.q[0] = a.q[1] = 0;
        in->fn(&a, &b, imm, 0);
        return a.l[0];
    }
    memcpy(a.b, env->xmm_regs[reg], 16);
    in->fn(&a, &b, imm, 0);
    memcpy(env->xmm_regs[reg], a.b, 16);
    return 0;
}

/* ------------------------------------------------------ x87/MMX state */

#define SW_ES 0x0080

static uint16_t img_ld16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static void img_st16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static int x87_top(CPUX86State *env)
{
    return (img_ld16(env->fpu_image + X87_IMG_SW) >> 11) & 7;
}

/* Physical register `phys` in the state (x87-exec.h) */
static uint8_t *x87_phys_reg(CPUX86State *env, int phys)
{
    return env->fpu_image + X87_IMG_REGS + 10 * phys;
}

/* Full tag word from the abridged one (bit per physical register:
 * non-empty), as FXRSTOR computes it. */
static uint16_t x87_full_tags(CPUX86State *env, uint8_t abridged)
{
    uint16_t tw = 0;

    for (int p = 0; p < 8; p++) {
        int tag = (abridged >> p) & 1 ? x87_reg_tag(x87_phys_reg(env, p)) : 3;
        tw |= (uint16_t)(tag << (2 * p));
    }
    return tw;
}

static uint8_t x87_abridged_tags(CPUX86State *env)
{
    uint16_t tw = img_ld16(env->fpu_image + X87_IMG_TW);
    uint8_t ab = 0;

    for (int p = 0; p < 8; p++) {
        if (((tw >> (2 * p)) & 3) != 3) {
            ab |= (uint8_t)(1 << p);
        }
    }
    return ab;
}

static uint64_t mmx_get(CPUX86State *env, int i)
{
    uint64_t v;
    memcpy(&v, x87_phys_reg(env, i), 8);
    return v;
}

/* An MMX instruction completes: TOP = 0, every register valid (SDM vol. 1,
 * 9.5.1), then the written register (or -1) gets its value with exponent
 * and sign all ones. */
static void mmx_commit(CPUX86State *env, int reg, uint64_t v)
{
    uint8_t *img = env->fpu_image;
    int top = x87_top(env);

    if (top) {
        img_st16(img + X87_IMG_SW, img_ld16(img + X87_IMG_SW) & ~(7u << 11));
    }
    if (reg >= 0) {
        memcpy(img + X87_IMG_REGS + 10 * reg, &v, 8);
        img_st16(img + X87_IMG_REGS + 10 * reg + 8, 0xffff);
    }
    if (top) {
        img_st16(img + X87_IMG_TW, x87_full_tags(env, 0xff));
    } else {
        /* Steady state of MMX code: only the written register's tag
         * changes (exponent all ones: special) and no register is empty */
        uint16_t tw = img_ld16(img + X87_IMG_TW);
        uint16_t empty = tw & (tw >> 1) & 0x5555;
        if (reg >= 0) {
            tw = (uint16_t)((tw & ~(3u << (2 * reg))) | (2u << (2 * reg)));
            empty &= (uint16_t)~(1u << (2 * reg));
        }
        for (int p = 0; empty; p++, empty >>= 2) {
            if (empty & 1) {
                tw = (uint16_t)((tw & ~(3u << (2 * p))) |
                                (unsigned)x87_reg_tag(img + X87_IMG_REGS + 10 * p) << (2 * p));
            }
        }
        img_st16(img + X87_IMG_TW, tw);
    }
}

/* #MF before an MMX instruction while an x87 exception is pending */
static void mmx_check_pending(CPUX86State *env, uintptr_t ra)
{
    uint16_t sw = img_ld16(env->fpu_image + X87_IMG_SW);

    if ((sw & SW_ES) || (sw & ~env->fpuc & 0x3f)) {
        raise_exception_ra(env, EXCP10_COPR, ra);
    }
}

/* The translator's MMX fast path found TOP != 0, a pending x87 exception
 * or an empty register: #MF, or the MMX transition (TOP = 0, all valid). */
void HELPER(mmx_prepare)(CPUX86State *env)
{
    mmx_check_pending(env, GETPC());
    mmx_commit(env, -1, 0);
}

/* ------------------------------------------------------------- checks */

/* CR4.OSFXSR / OSXMMEXCPT: a Linux process always has both. */
static bool sse_os_enabled(CPUX86State *env)
{
#ifdef CONFIG_USER_ONLY
    return true;
#else
    return env->cr[4] & CR4_OSFXSR_MASK;
#endif
}

static bool sse_os_xmm_exceptions(CPUX86State *env)
{
#ifdef CONFIG_USER_ONLY
    return true;
#else
    return env->cr[4] & CR4_OSXMMEXCPT_MASK;
#endif
}

/* CPUID, CR0.EM, CR4.OSFXSR: #UD; CR0.TS: #NM (SDM vol. 2, table 22-7 and
 * vol. 1, 13.1.3 for the SSE forms). */
static void sse_check_enabled(CPUX86State *env, bool cpuid_has, bool uses_xmm, uintptr_t ra)
{
    if (!cpuid_has || (env->cr[0] & CR0_EM_MASK) ||
        (uses_xmm && !sse_os_enabled(env))) {
        raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    if (env->cr[0] & CR0_TS_MASK) {
        raise_exception_ra(env, EXCP07_PREX, ra);
    }
}

/* ------------------------------------------------------ guest memory */

/* Guest data (size: a multiple of 2) into buf, in the widest little-endian
 * pieces; the x87 helper reads its operands with it too. */
void x86_read_guest_buf(CPUX86State *env, uint32_t addr, uint8_t *buf, int size, uintptr_t ra)
{
    int i = 0;

    for (; i + 8 <= size; i += 8) {
        uint64_t v = cpu_ldq_data_ra(env, addr + i, ra);
        memcpy(buf + i, &v, 8);
    }
    if (i + 4 <= size) {
        uint32_t v = cpu_ldl_data_ra(env, addr + i, ra);
        memcpy(buf + i, &v, 4);
        i += 4;
    }
    if (i + 2 <= size) {
        img_st16(buf + i, (uint16_t)cpu_lduw_data_ra(env, addr + i, ra));
    }
}

/* Stores of several pieces first rewrite the first byte and, when the
 * store crosses into the next 4 KiB page, that page's first byte with
 * their own values: a fault comes before any change and names the first
 * inaccessible byte, as the hardware reports it. */
static void mem_write(CPUX86State *env, uint32_t addr, const uint8_t *buf, int size,
                      uintptr_t ra)
{
    int i = 0;

    if (size > 8) {
        uint32_t next_page = (addr + size - 1) & ~0xfffu;
        cpu_stb_data_ra(env, addr, cpu_ldub_data_ra(env, addr, ra), ra);
        if (next_page != (addr & ~0xfffu)) {
            cpu_stb_data_ra(env, next_page, cpu_ldub_data_ra(env, next_page, ra), ra);
        }
    }
    for (; i + 8 <= size; i += 8) {
        uint64_t v;
        memcpy(&v, buf + i, 8);
        cpu_stq_data_ra(env, addr + i, v, ra);
    }
    if (i + 4 <= size) {
        uint32_t v;
        memcpy(&v, buf + i, 4);
        cpu_stl_data_ra(env, addr + i, v, ra);
        i += 4;
    }
    if (i + 2 <= size) {
        cpu_stw_data_ra(env, addr + i, img_ld16(buf + i), ra);
    }
}

/* ----------------------------------------------------------- running */

static bool kind_is_mem(int kind, int mod)
{
    return kind == K_M || (mod != 3 && (kind == K_W || kind == K_Q || kind == K_E));
}

static bool kind_is_mmx(int kind, int mod)
{
    return kind == K_P || kind == K_N || (kind == K_Q && mod == 3);
}

static bool kind_is_xmm(int kind)
{
    return kind == K_V || kind == K_W || kind == K_U;
}

/* The register an operand of this kind names */
static int kind_reg(int kind, int reg, int rm)
{
    return kind == K_V || kind == K_P || kind == K_G ? reg : rm;
}

static void load_reg_operand(CPUX86State *env, int kind, int r, SseVec *v)
{
    v->q[0] = v->q[1] = 0;
    switch (kind) {
    case K_V: case K_W: case K_U:
        memcpy(v->b, env->xmm_regs[r], 16);
        break;
    case K_P: case K_Q: case K_N:
        v->q[0] = mmx_get(env, r);
        break;
    case K_G: case K_E:
        v->l[0] = env->regs[r];
        break;
    }
}

/* Runs fn under the guest's MXCSR (all exceptions masked, flags clear)
 * and returns the exception flags it raised.  While the guest unmasks
 * underflow, any tiny result, exact or not, underflows (SDM vol. 1,
 * 4.9.1.5) -- and the guest's FTZ does not apply (10.2.3.3); a masked
 * host run flags only inexact tiny results, unless FTZ is set: then it
 * flushes every tiny result and sets UE.  The result is not used then
 * (#XM), so the host run gets FTZ. */
static uint32_t run_fp(CPUX86State *env, SseFn fn, SseVec *a, const SseVec *b, int imm, int mem)
{
    uint32_t host_mxcsr, guest = (env->mxcsr & ~0x3fu) | 0x1f80u, flags;

    if (!(env->mxcsr & MXCSR_UM)) {
        guest |= MXCSR_FTZ;
    }

    __asm__ volatile("stmxcsr %0" : "=m"(host_mxcsr));
    __asm__ volatile("ldmxcsr %0" : : "m"(guest) : "memory");
    fn(a, b, imm, mem);
    __asm__ volatile("stmxcsr %0" : "=m"(flags) : : "memory");
    __asm__ volatile("ldmxcsr %0" : : "m"(host_mxcsr) : "memory");
    return flags & 0x3f;
}

/* Whether x + y (x87, exact operands) is not representable with a
 * `bits`-bit significand and an unbounded exponent. */
static bool sum_inexact(long double x, long double y, int bits)
{
    long double r;
    uint16_t sw;
    uint64_t mant;

    /* the x87's own precision exception says whether the 64-bit sum is
     * inexact; FNCLEX leaves the host x87 as the ABI wants it */
    __asm__ volatile("fldt %[y]\n\tfldt %[x]\n\tfnclex\n\tfaddp\n\t"
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfnclex"
                     : [r] "=m"(r), [sw] "=am"(sw) : [x] "m"(x), [y] "m"(y));
    if (sw & 0x20) {
        return true;
    }
    memcpy(&mant, &r, 8);
    return (mant << bits) != 0;     /* a set bit below the top `bits` */
}

static bool elem_is_special(const SseVec *v, int i, bool f64)
{
    return f64 ? (v->q[i] & 0x7ff0000000000000ull) == 0x7ff0000000000000ull
               : (v->l[i] & 0x7f800000u) == 0x7f800000u;
}

/* An element as an exact long double; DAZ reads a denormal as zero */
static long double sum_elem(const SseVec *v, int i, bool f64, bool daz)
{
    if (f64) {
        double d;
        memcpy(&d, &v->q[i], 8);
        if (daz && !(v->q[i] & 0x7ff0000000000000ull)) {
            d = (v->q[i] >> 63) ? -0.0 : 0.0;
        }
        return d;
    } else {
        float f;
        memcpy(&f, &v->l[i], 4);
        if (daz && !(v->l[i] & 0x7f800000u)) {
            f = (v->l[i] >> 31) ? -0.0f : 0.0f;
        }
        return f;
    }
}

/*
 * F_SUM rows: PE of the trapped result (unmasked overflow or underflow):
 * whether any element's exact sum or difference needs more than 24 (53)
 * significand bits.  a, b: the operands before the operation.
 */
static bool sum_trapped_inexact(const SseInsn *in, uint32_t mxcsr, const SseVec *a,
                                const SseVec *b)
{
    bool f64 = in->flags & F_F64, daz = mxcsr & MXCSR_DAZ;
    int n = in->msize < 16 ? 1 : (f64 ? 2 : 4);
    SseFn fn = in->fn;
    bool hsum = fn == h_haddps || fn == h_haddpd || fn == h_hsubps || fn == h_hsubpd;
    bool sub = fn == h_subps || fn == h_subpd || fn == h_subss || fn == h_subsd ||
               fn == h_hsubps || fn == h_hsubpd;

    for (int i = 0; i < n; i++) {
        bool neg = sub || ((fn == h_addsubps || fn == h_addsubpd) && !(i & 1));
        /* HADDPS: a0+a1, a2+a3, b0+b1, b2+b3 (SDM vol. 2A, HADDPS) */
        const SseVec *xv = hsum ? (i < n / 2 ? a : b) : a, *yv = hsum ? xv : b;
        int xi = hsum ? 2 * (i % (n / 2)) : i, yi = hsum ? xi + 1 : i;
        long double x, y;

        if (elem_is_special(xv, xi, f64) || elem_is_special(yv, yi, f64)) {
            continue;       /* NaN or infinity: an exact result */
        }
        x = sum_elem(xv, xi, f64, daz);
        y = sum_elem(yv, yi, f64, daz);
        if (sum_inexact(x, neg ? -y : y, f64 ? 53 : 24)) {
            return true;
        }
    }
    return false;
}

/* Sets the flags of an FP instruction; raises #XM for an unmasked one.
 * pe_trapped: flags' PE is already the one of the trapped result. */
static void sse_raise_flags(CPUX86State *env, uint32_t flags, bool pe_trapped, uintptr_t ra)
{
    uint32_t unmasked = flags & ~(env->mxcsr >> 7) & 0x3f;

    if (unmasked) {
        uint32_t pre = flags & 0x07;    /* IE, DE, ZE */
        if (pre & unmasked) {
            flags = pre;
        } else if ((unmasked & 0x10) && !pe_trapped) {
            flags &= ~0x20u;    /* unmasked underflow: PE not reported (as the host) */
        }
        env->mxcsr |= flags;
        raise_exception_ra(env, sse_os_xmm_exceptions(env) ? EXCP13_XMM : EXCP06_ILLOP, ra);
    }
    env->mxcsr |= flags;
}

static void sse_emms(CPUX86State *env, uintptr_t ra)
{
    sse_check_enabled(env, env->cpuid_features & CPUID_MMX, false, ra);
    mmx_check_pending(env, ra);
    /* EMMS is an MMX instruction: TOP = 0 too (SDM vol. 3A, 12.2) */
    mmx_commit(env, -1, 0);
    img_st16(env->fpu_image + X87_IMG_TW, 0xffff);
}

/* MASKMOVQ / MASKMOVDQU: bytes of the source whose mask byte has bit 7 set
 * go to DS:EDI (addr); the others are not written (no fault for them). */
static void sse_maskmov(CPUX86State *env, int pfx, int modrm, uint32_t addr, uintptr_t ra)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;
    bool xmm = pfx == SSE_PFX_66;
    SseVec data, mask;

    if ((modrm >> 6) != 3 || (pfx != SSE_PFX_NONE && !xmm)) {
        raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    sse_check_enabled(env, env->cpuid_features & (xmm ? CPUID_SSE2 : CPUID_SSE), xmm, ra);
    if (!xmm) {
        mmx_check_pending(env, ra);
    }
    load_reg_operand(env, xmm ? K_V : K_P, reg, &data);
    load_reg_operand(env, xmm ? K_U : K_N, rm, &mask);
    for (int i = 0; i < (xmm ? 16 : 8); i++) {
        if (mask.b[i] & 0x80) {
            cpu_stb_data_ra(env, addr + i, data.b[i], ra);
        }
    }
    if (!xmm) {
        mmx_commit(env, -1, 0);
    }
}

/* FXSAVE/FXRSTOR image, 32-bit format (SDM vol. 2A, FXSAVE, table 3-53):
 * bytes 288..511 are neither read nor written outside 64-bit mode. */
void x86_fxsave_image(CPUX86State *env, uint8_t buf[FXSAVE_IMAGE_USED])
{
    const uint8_t *img = env->fpu_image;
    uint32_t fcs, v;

    memset(buf, 0, FXSAVE_IMAGE_USED);
    img_st16(buf + 0, env->fpuc);
    img_st16(buf + 2, img_ld16(img + X87_IMG_SW));
    buf[4] = x87_abridged_tags(env);
    memcpy(&fcs, img + X87_IMG_FCS, 4);
    img_st16(buf + 6, (uint16_t)((fcs >> 16) & 0x7ff));      /* FOP */
    memcpy(buf + 8, img + X87_IMG_FIP, 4);
    img_st16(buf + 12, (uint16_t)fcs);
    memcpy(buf + 16, img + X87_IMG_FDP, 4);
    memcpy(buf + 20, img + X87_IMG_FDS, 2);
    memcpy(buf + 24, &env->mxcsr, 4);
    v = MXCSR_MASK_BITS;
    memcpy(buf + 28, &v, 4);
    for (int i = 0; i < 8; i++) {       /* ST(i) */
        memcpy(buf + 32 + 16 * i, x87_phys_reg(env, (x87_top(env) + i) & 7), 10);
    }
    memcpy(buf + 160, env->xmm_regs, 128);
}

void x86_fxrstor_image(CPUX86State *env, const uint8_t buf[FXSAVE_IMAGE_USED])
{
    uint8_t *img = env->fpu_image;
    uint32_t mxcsr, fcs;
    uint16_t fop;

    memcpy(&mxcsr, buf + 24, 4);
    env->fpuc = img_ld16(buf + 0);
    img_st16(img + 0, env->fpuc);
    img_st16(img + X87_IMG_SW, img_ld16(buf + 2));
    for (int i = 0; i < 8; i++) {       /* ST(i), by the new TOP */
        memcpy(x87_phys_reg(env, (x87_top(env) + i) & 7), buf + 32 + 16 * i, 10);
    }
    img_st16(img + X87_IMG_TW, x87_full_tags(env, buf[4]));
    fop = img_ld16(buf + 6) & 0x7ff;
    memcpy(img + X87_IMG_FIP, buf + 8, 4);
    fcs = img_ld16(buf + 12) | (uint32_t)fop << 16;
    memcpy(img + X87_IMG_FCS, &fcs, 4);
    memcpy(img + X87_IMG_FDP, buf + 16, 4);
    memset(img + X87_IMG_FDS, 0xff, 4);     /* bits 16..31 as FNSAVE shows them */
    memcpy(img + X87_IMG_FDS, buf + 20, 2);
    env->mxcsr = mxcsr & MXCSR_MASK_BITS;
    memcpy(env->xmm_regs, buf + 160, 128);
}

static void sse_fxsave(CPUX86State *env, uint32_t addr, int seg, uintptr_t ra)
{
    uint8_t buf[FXSAVE_IMAGE_USED];

    x86_fxsave_image(env, buf);
    mem_write(env, addr, buf, FXSAVE_IMAGE_USED, ra);
}

static void sse_fxrstor(CPUX86State *env, uint32_t addr, uintptr_t ra)
{
    uint8_t buf[FXSAVE_IMAGE_USED];
    uint32_t mxcsr;

    x86_read_guest_buf(env, addr, buf, FXSAVE_IMAGE_USED, ra);
    memcpy(&mxcsr, buf + 24, 4);
    if (mxcsr & ~MXCSR_MASK_BITS) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);   /* reserved MXCSR bits */
    }
    x86_fxrstor_image(env, buf);
}

/* 0F AE memory forms 0..3: FXSAVE, FXRSTOR, LDMXCSR, STMXCSR */
static void sse_grp15(CPUX86State *env, int pfx, int modrm, uint32_t addr, int seg,
                      uintptr_t ra)
{
    int reg = (modrm >> 3) & 7;

    if ((modrm >> 6) == 3 || reg > 3 || pfx != SSE_PFX_NONE) {
        raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    if (reg <= 1) {
        /* FXSAVE/FXRSTOR: #UD without FXSR or with CR0.EM, #NM with
         * CR0.TS, #GP if not 16-byte aligned (SDM vol. 2A, FXSAVE) */
        if (!(env->cpuid_features & CPUID_FXSR) || (env->cr[0] & CR0_EM_MASK)) {
            raise_exception_ra(env, EXCP06_ILLOP, ra);
        }
        if (env->cr[0] & CR0_TS_MASK) {
            raise_exception_ra(env, EXCP07_PREX, ra);
        }
        if (addr & 15) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
        }
        if (reg == 0) {
            sse_fxsave(env, addr, seg, ra);
        } else {
            sse_fxrstor(env, addr, ra);
        }
        return;
    }
    sse_check_enabled(env, env->cpuid_features & CPUID_SSE, true, ra);
    if (reg == 2) {
        uint32_t v = cpu_ldl_data_ra(env, addr, ra);
        if (v & ~MXCSR_MASK_BITS) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);   /* reserved bits */
        }
        env->mxcsr = v;
    } else {
        cpu_stl_data_ra(env, addr, env->mxcsr, ra);
    }
}

/*
 * One MMX/SSE/SSE2/SSE3 instruction.  code: SSE_CODE(op, pfx, modrm, imm, seg);
 * addr: linear address of the memory operand (MASKMOV*: DS:EDI).  Returns
 * the arithmetic EFLAGS for COMISS & co.; GPR results go to env->regs.
 */
uint32_t HELPER(sse)(CPUX86State *env, uint32_t code, uint32_t addr)
{
    uintptr_t ra = GETPC();
    int op = code & 0xff, pfx = (code >> 8) & 3, modrm = (code >> 10) & 0xff;
    int imm = (code >> 18) & 0xff, seg = (code >> 26) & 7;
    int mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
    const SseInsn *in;
    SseVec a __attribute__((aligned(16))), b __attribute__((aligned(16)));
    bool dst_mem, src_mem, mmx, cpuid_has;
    uint32_t fp_flags = 0;

    switch (op) {
    case 0x77:
        if (pfx != SSE_PFX_NONE) {
            raise_exception_ra(env, EXCP06_ILLOP, ra);
        }
        sse_emms(env, ra);
        return 0;
    case 0xae:
        sse_grp15(env, pfx, modrm, addr, seg, ra);
        return 0;
    case 0xf7:
        sse_maskmov(env, pfx, modrm, addr, ra);
        return 0;
    case 0x71: case 0x72: case 0x73:
        in = pfx <= SSE_PFX_66 ? &sse_shift_insns[op - 0x71][pfx][reg] : NULL;
        break;
    default:
        in = &sse_insns[pfx][op];
        break;
    }
    if (!in || !in->fn) {
        raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    dst_mem = kind_is_mem(in->dst, mod);
    src_mem = kind_is_mem(in->src, mod);
    if ((mod == 3 && (in->dst == K_M || in->src == K_M)) ||
        (mod != 3 && (in->dst == K_U || in->dst == K_N || in->src == K_U ||
                      in->src == K_N || in->src == K_I))) {
        raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    mmx = kind_is_mmx(in->dst, mod) || kind_is_mmx(in->src, mod);
    cpuid_has = (in->flags & F_ECX ? env->cpuid_ext_features : env->cpuid_features) & in->feature;
    if (in->flags & F_NOFPU) {
        if (!cpuid_has) {
            raise_exception_ra(env, EXCP06_ILLOP, ra);
        }
    } else {
        sse_check_enabled(env, cpuid_has,
                          kind_is_xmm(in->dst) || kind_is_xmm(in->src) || (in->flags & F_FP),
                          ra);
        if (mmx) {
            mmx_check_pending(env, ra);
        }
    }
    if ((dst_mem || src_mem) && in->msize == 16 && (in->flags & F_ALIGN) && (addr & 15)) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }

    /* Operands */
    if (dst_mem) {
        a.q[0] = a.q[1] = 0;
    } else {
        load_reg_operand(env, in->dst, kind_reg(in->dst, reg, rm), &a);
    }
    if (in->src == K_I) {
        b.q[0] = (uint64_t)imm;
        b.q[1] = 0;
    } else if (src_mem) {
        b.q[0] = b.q[1] = 0;
        x86_read_guest_buf(env, addr, b.b, in->msize, ra);
    } else {
        load_reg_operand(env, in->src, kind_reg(in->src, reg, rm), &b);
    }

    if (in->flags & F_FP) {
        SseVec a_in = a;
        bool pe_trapped = false;

        fp_flags = run_fp(env, in->fn, &a, &b, imm, dst_mem || src_mem);
        if (in->flags & F_SUM) {
            if (fp_flags & ~(env->mxcsr >> 7) & (MXCSR_OE | MXCSR_UE)) {
                fp_flags &= ~MXCSR_PE;
                if (sum_trapped_inexact(in, env->mxcsr, &a_in, &b)) {
                    fp_flags |= MXCSR_PE;
                }
                pe_trapped = true;
            }
        }
        sse_raise_flags(env, fp_flags, pe_trapped, ra);
    } else {
        in->fn(&a, &b, imm, dst_mem || src_mem);
    }

    /* Results: memory first, then registers */
    if (in->flags & F_EFL) {
        return a.l[0];
    }
    if (dst_mem) {
        mem_write(env, addr, a.b, in->msize, ra);
    } else {
        int r = kind_reg(in->dst, reg, rm);
        switch (in->dst) {
        case K_V: case K_W: case K_U:
            memcpy(env->xmm_regs[r], a.b, 16);
            break;
        case K_G: case K_E:
            env->regs[r] = a.l[0];
            break;
        }
    }
    if (mmx) {
        bool mm_dst = !dst_mem && (in->dst == K_P || in->dst == K_Q || in->dst == K_N);
        mmx_commit(env, mm_dst ? kind_reg(in->dst, reg, rm) : -1, a.q[0]);
    }
    return 0;
}
