/*
 * SSE (single precision, MXCSR, the MMX extensions, FXSAVE) compared with
 * the host: every instruction over edge values (NaN payloads, denormals,
 * infinities, signed zeros, int32 limits) under the four rounding modes and
 * FTZ/DAZ, with the exception flags read back; memory forms; unmasked
 * exceptions as SIGFPE with the kernel's si_code and the MXCSR of the
 * signal frame; #GP for misaligned operands and reserved MXCSR bits.
 */
#include "sse-common.h"

XOP(x_addps, "addps %%xmm1, %%xmm0")
XOP(x_addss, "addss %%xmm1, %%xmm0")
XOP(x_subps, "subps %%xmm1, %%xmm0")
XOP(x_subss, "subss %%xmm1, %%xmm0")
XOP(x_mulps, "mulps %%xmm1, %%xmm0")
XOP(x_mulss, "mulss %%xmm1, %%xmm0")
XOP(x_divps, "divps %%xmm1, %%xmm0")
XOP(x_divss, "divss %%xmm1, %%xmm0")
XOP(x_minps, "minps %%xmm1, %%xmm0")
XOP(x_minss, "minss %%xmm1, %%xmm0")
XOP(x_maxps, "maxps %%xmm1, %%xmm0")
XOP(x_maxss, "maxss %%xmm1, %%xmm0")
XOP(x_sqrtps, "sqrtps %%xmm1, %%xmm0")
XOP(x_sqrtss, "sqrtss %%xmm1, %%xmm0")
XOP(x_rcpps, "rcpps %%xmm1, %%xmm0")
XOP(x_rcpss, "rcpss %%xmm1, %%xmm0")
XOP(x_rsqrtps, "rsqrtps %%xmm1, %%xmm0")
XOP(x_rsqrtss, "rsqrtss %%xmm1, %%xmm0")
XOP(x_andps, "andps %%xmm1, %%xmm0")
XOP(x_andnps, "andnps %%xmm1, %%xmm0")
XOP(x_orps, "orps %%xmm1, %%xmm0")
XOP(x_xorps, "xorps %%xmm1, %%xmm0")
XOP(x_unpcklps, "unpcklps %%xmm1, %%xmm0")
XOP(x_unpckhps, "unpckhps %%xmm1, %%xmm0")
XOP(x_shufps1b, "shufps $0x1b, %%xmm1, %%xmm0")
XOP(x_shufpse4, "shufps $0xe4, %%xmm1, %%xmm0")
XOP(x_movss, "movss %%xmm1, %%xmm0")
XOP(x_movhlps, "movhlps %%xmm1, %%xmm0")
XOP(x_movlhps, "movlhps %%xmm1, %%xmm0")
XOP(x_cmpeqps, "cmpeqps %%xmm1, %%xmm0")
XOP(x_cmpltps, "cmpltps %%xmm1, %%xmm0")
XOP(x_cmpleps, "cmpleps %%xmm1, %%xmm0")
XOP(x_cmpunordps, "cmpunordps %%xmm1, %%xmm0")
XOP(x_cmpneqps, "cmpneqps %%xmm1, %%xmm0")
XOP(x_cmpnltps, "cmpnltps %%xmm1, %%xmm0")
XOP(x_cmpnleps, "cmpnleps %%xmm1, %%xmm0")
XOP(x_cmpordps, "cmpordps %%xmm1, %%xmm0")
XOP(x_cmpltss, "cmpltss %%xmm1, %%xmm0")
XOP(x_cmpunordss, "cmpunordss %%xmm1, %%xmm0")
XOP(x_cvtsi2ss, "movd %%xmm1, %%eax\n\tcvtsi2ss %%eax, %%xmm0")
XOP(x_cvtpi2ps, "movdq2q %%xmm1, %%mm2\n\tcvtpi2ps %%mm2, %%xmm0\n\temms")
XOP(x_cvtps2pi, "cvtps2pi %%xmm1, %%mm2\n\tmovq2dq %%mm2, %%xmm0\n\temms")
XOP(x_cvttps2pi, "cvttps2pi %%xmm1, %%mm2\n\tmovq2dq %%mm2, %%xmm0\n\temms")
/* memory forms */
XOP(m_addps, "addps %[s], %%xmm0")
XOP(m_addss, "addss %[s], %%xmm0")
XOP(m_divss, "divss %[s], %%xmm0")
XOP(m_maxps, "maxps %[s], %%xmm0")
XOP(m_cmpleps, "cmpleps %[s], %%xmm0")
XOP(m_movss, "movss %[s], %%xmm0")
XOP(m_movlps, "movlps %[s], %%xmm0")
XOP(m_movhps, "movhps %[s], %%xmm0")
XOP(m_shufps, "shufps $0x72, %[s], %%xmm0")
XOP(m_cvtpi2ps, "cvtpi2ps %[s], %%xmm0")
XOP(m_cvtsi2ss, "cvtsi2ssl %[s], %%xmm0")
XOP(m_sqrtss, "sqrtss %[s], %%xmm0")

static const vec_case fp_cases[] = {
    { "addps", x_addps }, { "addss", x_addss }, { "subps", x_subps }, { "subss", x_subss },
    { "mulps", x_mulps }, { "mulss", x_mulss }, { "divps", x_divps }, { "divss", x_divss },
    { "minps", x_minps }, { "minss", x_minss }, { "maxps", x_maxps }, { "maxss", x_maxss },
    { "sqrtps", x_sqrtps }, { "sqrtss", x_sqrtss }, { "rcpps", x_rcpps }, { "rcpss", x_rcpss },
    { "rsqrtps", x_rsqrtps }, { "rsqrtss", x_rsqrtss },
    { "cmpeqps", x_cmpeqps }, { "cmpltps", x_cmpltps }, { "cmpleps", x_cmpleps },
    { "cmpunordps", x_cmpunordps }, { "cmpneqps", x_cmpneqps }, { "cmpnltps", x_cmpnltps },
    { "cmpnleps", x_cmpnleps }, { "cmpordps", x_cmpordps }, { "cmpltss", x_cmpltss },
    { "cmpunordss", x_cmpunordss }, { "cvtsi2ss", x_cvtsi2ss }, { "cvtpi2ps", x_cvtpi2ps },
    { "cvtps2pi", x_cvtps2pi }, { "cvttps2pi", x_cvttps2pi },
    { "m:addps", m_addps }, { "m:addss", m_addss }, { "m:divss", m_divss },
    { "m:maxps", m_maxps }, { "m:cmpleps", m_cmpleps }, { "m:cvtpi2ps", m_cvtpi2ps },
    { "m:cvtsi2ss", m_cvtsi2ss }, { "m:sqrtss", m_sqrtss },
};

static const vec_case move_cases[] = {
    { "andps", x_andps }, { "andnps", x_andnps }, { "orps", x_orps }, { "xorps", x_xorps },
    { "unpcklps", x_unpcklps }, { "unpckhps", x_unpckhps }, { "shufps1b", x_shufps1b },
    { "shufpse4", x_shufpse4 }, { "movss", x_movss }, { "movhlps", x_movhlps },
    { "movlhps", x_movlhps }, { "m:movss", m_movss }, { "m:movlps", m_movlps },
    { "m:movhps", m_movhps }, { "m:shufps", m_shufps },
};

XGPR(g_cvtss2si, "cvtss2si %%xmm1, %[r]")
XGPR(g_cvttss2si, "cvttss2si %%xmm1, %[r]")
XGPR(g_movmskps, "movmskps %%xmm1, %[r]")
XFLAGS(f_comiss, "comiss %%xmm1, %%xmm0")
XFLAGS(f_ucomiss, "ucomiss %%xmm1, %%xmm0")
XFLAGS(fm_comiss, "comiss %[s], %%xmm0")

static const gpr_case gpr_cases[] = {
    { "cvtss2si", g_cvtss2si }, { "cvttss2si", g_cvttss2si }, { "movmskps", g_movmskps },
    { "comiss", f_comiss }, { "ucomiss", f_ucomiss }, { "m:comiss", fm_comiss },
};

/* The MMX extensions of SSE (integer ops on mm registers) */
MOP(mm_pavgb, "pavgb %%mm1, %%mm0")
MOP(mm_pavgw, "pavgw %%mm1, %%mm0")
MOP(mm_pminub, "pminub %%mm1, %%mm0")
MOP(mm_pmaxub, "pmaxub %%mm1, %%mm0")
MOP(mm_pminsw, "pminsw %%mm1, %%mm0")
MOP(mm_pmaxsw, "pmaxsw %%mm1, %%mm0")
MOP(mm_pmulhuw, "pmulhuw %%mm1, %%mm0")
MOP(mm_psadbw, "psadbw %%mm1, %%mm0")
MOP(mm_pshufw, "pshufw $0x9c, %%mm1, %%mm0")
MOP(mm_pshufw_m, "pshufw $0x4e, %[s], %%mm0")
MOP(mm_pinsrw, "movd %%mm1, %%eax\n\tpinsrw $2, %%eax, %%mm0")
MOP(mm_pinsrw_m, "pinsrw $7, %[s], %%mm0")
MOP(mm_pextrw, "pextrw $3, %%mm1, %%eax\n\tmovd %%eax, %%mm0")
MOP(mm_pmovmskb, "pmovmskb %%mm1, %%eax\n\tmovd %%eax, %%mm0")

static const vec_case mmx_ext_cases[] = {
    { "pavgb", mm_pavgb }, { "pavgw", mm_pavgw }, { "pminub", mm_pminub },
    { "pmaxub", mm_pmaxub }, { "pminsw", mm_pminsw }, { "pmaxsw", mm_pmaxsw },
    { "pmulhuw", mm_pmulhuw }, { "psadbw", mm_psadbw }, { "pshufw", mm_pshufw },
    { "m:pshufw", mm_pshufw_m }, { "pinsrw", mm_pinsrw }, { "m:pinsrw", mm_pinsrw_m },
    { "pextrw", mm_pextrw }, { "pmovmskb", mm_pmovmskb },
};

/* MASKMOVQ, MOVNTQ, MOVNTPS, MOVUPS/MOVAPS stores, SFENCE, PREFETCHh */
static void stores(void)
{
    static vec buf[4];
    vec src = { .l = { 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00 } };
    uint64_t mask = 0x8000ff7f0180807full;

    memset(buf, 0xee, sizeof(buf));
    __asm__ volatile("movq %[s], %%mm0\n\tmovq %[m], %%mm1\n\tmaskmovq %%mm1, %%mm0\n\temms"
                     :: [s] "m"(src.q[0]), [m] "m"(mask), "D"(&buf[0].b[3])
                     : "mm0", "mm1", "memory");
    __asm__ volatile("movq %[s], %%mm0\n\tmovntq %%mm0, %[d]\n\temms\n\tsfence"
                     : [d] "=m"(buf[1].q[1]) : [s] "m"(src.q[1]) : "mm0", "memory");
    __asm__ volatile("movups %[s], %%xmm0\n\tmovntps %%xmm0, %[d]\n\tprefetchnta %[d]\n\t"
                     "prefetcht0 %[d]\n\tprefetcht1 %[d]\n\tprefetcht2 %[d]"
                     : [d] "=m"(buf[2]) : [s] "m"(src) : "xmm0", "memory");
    __asm__ volatile("movups %[s], %%xmm0\n\tmovups %%xmm0, %[d]\n\tmovss %%xmm0, %[e]\n\t"
                     "movhps %%xmm0, %[f]"
                     : [d] "=m"(*(vec *)&buf[3].b[1]), [e] "=m"(buf[1].l[0]),
                       [f] "=m"(buf[1].l[1])
                     : [s] "m"(src) : "xmm0", "memory");
    for (int i = 0; i < 4; i++) {
        printf("stores %d: %08x %08x %08x %08x\n", i, buf[i].l[0], buf[i].l[1], buf[i].l[2],
               buf[i].l[3]);
    }
}

/* LDMXCSR/STMXCSR round trip of every defined bit; the flags stay sticky */
static void mxcsr_bits(void)
{
    for (int bit = 0; bit < 16; bit++) {
        uint32_t in = 0x1f80 | (1u << bit), out;
        __asm__ volatile("ldmxcsr %1\n\tstmxcsr %0\n\tldmxcsr %2" : "=m"(out) : "m"(in),
                         "m"(mxcsr_modes[0]));
        printf("mxcsr bit %2d: %08x\n", bit, out);
    }
}

/* Reserved MXCSR bits and misaligned 16-byte operands: #GP, SIGSEGV */
static void gp_faults(void)
{
    static vec buf[3];
    fault_catch(SIGSEGV);
    for (int i = 0; i < 4; i++) {
        volatile uint32_t bad = 0x1f80 | (0x10000u << (i * 5));
        fault_sig = fault_code = 0;
        if (sigsetjmp(fault_jb, 1) == 0) {
            __asm__ volatile("ldmxcsr %0" :: "m"(bad));
        }
        printf("ldmxcsr %08x: signal %d code %d\n", bad, fault_sig, fault_code);
    }
    for (int off = 0; off < 16; off += 4) {
        fault_sig = fault_code = 0;
        if (sigsetjmp(fault_jb, 1) == 0) {
            __asm__ volatile("movaps %0, %%xmm0" :: "m"(*(vec *)&buf[0].b[off]) : "xmm0");
        }
        printf("movaps load +%d: signal %d code %d\n", off, fault_sig, fault_code);
        fault_sig = fault_code = 0;
        if (sigsetjmp(fault_jb, 1) == 0) {
            __asm__ volatile("addps %0, %%xmm0" :: "m"(*(vec *)&buf[1].b[off]) : "xmm0");
        }
        printf("addps m128 +%d: signal %d code %d\n", off, fault_sig, fault_code);
        fault_sig = fault_code = 0;
        if (sigsetjmp(fault_jb, 1) == 0) {
            __asm__ volatile("addss %0, %%xmm0" :: "m"(*(vec *)&buf[1].b[off + 1]) : "xmm0");
        }
        printf("addss m32 +%d: signal %d code %d\n", off + 1, fault_sig, fault_code);
    }
}

/* Unmasked exceptions: SIGFPE with si_code from MXCSR; the frame's MXCSR
 * holds the flags; the destination is unchanged. */
static volatile uint32_t frame_mxcsr, frame_magic;

static void fpe_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
    uint32_t now;
    fault_sig = sig;
    fault_code = si->si_code;
    frame_magic = fp ? *(const uint16_t *)(fp + 110) : 0xdead;
    frame_mxcsr = fp && frame_magic == 0 ? *(const uint32_t *)(fp + 136) : 0xdead;
    __asm__ volatile("stmxcsr %0" : "=m"(now));
    printf("  handler mxcsr %08x\n", now);
    siglongjmp(fault_jb, 1);
}

static void unmasked(void)
{
    static const struct { const char *name; uint32_t csr; uint32_t a, b; int op; } cases[] = {
        { "invalid 0/0", 0x1f00, 0x00000000, 0x00000000, 0 },
        { "invalid snan", 0x1f00, 0x7f800001, 0x3f800000, 1 },
        { "zdiv 1/0", 0x1d80, 0x3f800000, 0x00000000, 0 },
        { "overflow", 0x1b80, 0x7f7fffff, 0x7f7fffff, 2 },
        { "underflow", 0x1780, 0x00800000, 0x3f000001, 2 },
        { "precision", 0x0f80, 0x3f800000, 0x40400000, 0 },
        { "denormal", 0x1e80, 0x00000001, 0x3f800000, 1 },
        { "masked", 0x1f80, 0x00000000, 0x00000000, 0 },
        { "inv+prec", 0x0f00, 0x7f800001, 0x40400000, 0 },
    };
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fpe_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    for (int i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
        static vec d, s;
        uint32_t after;
        d.l[0] = cases[i].a;
        s.l[0] = cases[i].b;
        d.l[1] = d.l[2] = d.l[3] = 0x3f800000;
        s.l[1] = s.l[2] = s.l[3] = 0x3f800000;
        fault_sig = fault_code = 0;
        frame_mxcsr = frame_magic = 0;
        if (sigsetjmp(fault_jb, 1) == 0) {
            volatile uint32_t csr = cases[i].csr;
            switch (cases[i].op) {
            case 0:
                __asm__ volatile("ldmxcsr %2\n\tmovups %0, %%xmm0\n\tdivps %1, %%xmm0\n\t"
                                 "movups %%xmm0, %0" : "+m"(d) : "m"(s), "m"(csr) : "xmm0");
                break;
            case 1:
                __asm__ volatile("ldmxcsr %2\n\tmovups %0, %%xmm0\n\taddss %1, %%xmm0\n\t"
                                 "movups %%xmm0, %0" : "+m"(d) : "m"(s), "m"(csr) : "xmm0");
                break;
            default:
                __asm__ volatile("ldmxcsr %2\n\tmovups %0, %%xmm0\n\tmulps %1, %%xmm0\n\t"
                                 "movups %%xmm0, %0" : "+m"(d) : "m"(s), "m"(csr) : "xmm0");
                break;
            }
        }
        __asm__ volatile("stmxcsr %0\n\tldmxcsr %1" : "=m"(after) : "m"(mxcsr_modes[0]));
        printf("%s: signal %d code %d frame magic %04x mxcsr %08x; after %08x; d %08x %08x\n",
               cases[i].name, fault_sig, fault_code, frame_magic, frame_mxcsr, after, d.l[0],
               d.l[1]);
    }
}

/* FXSAVE of a known x87 + SSE state; FXRSTOR of a changed image */
static void fxsave_image(void)
{
    static uint8_t img[512] __attribute__((aligned(16)));
    static vec x = { .l = { 0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10 } };
    uint32_t csr = 0x3fa1;
    uint16_t cw = 0x0272;
    memset(img, 0xa5, sizeof(img));
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldpi\n\tfldz\n\tldmxcsr %[c]\n\t"
                     "movups %[x], %%xmm3\n\tmovups %[x], %%xmm7\n\tfxsave %[i]\n\t"
                     "fninit\n\tldmxcsr %[r]"
                     : [i] "=m"(img)
                     : [cw] "m"(cw), [c] "m"(csr), [x] "m"(x), [r] "m"(mxcsr_modes[0])
                     : "xmm3", "xmm7", "memory");
    /* FOP/FIP/FCS/FDP/FDS (bytes 6..23) differ between processors; the
     * MXCSR_MASK (28..31) too beyond the P4's 16 bits */
    memset(img + 6, 0, 18);
    img[30] = img[31] = 0;
    for (int i = 0; i < 512; i += 32) {
        printf("fxsave %03x:", i);
        for (int j = 0; j < 32; j++) {
            printf("%02x", img[i + j]);
        }
        printf("\n");
    }
    /* back: TOP 5 with three registers, xmm3, MXCSR */
    img[24] = 0x80;   /* MXCSR 0x3f80 */
    img[160 + 3 * 16] ^= 0xff;
    uint8_t fsave[108];
    vec x3;
    uint32_t c2;
    __asm__ volatile("fxrstor %[i]\n\tfnsave %[f]\n\tstmxcsr %[c]\n\tmovups %%xmm3, %[x]\n\t"
                     "fninit\n\tldmxcsr %[r]"
                     : [f] "=m"(fsave), [c] "=m"(c2), [x] "=m"(x3)
                     : [i] "m"(img), [r] "m"(mxcsr_modes[0])
                     : "xmm3", "memory");
    printf("fxrstor: cw %04x sw %04x tw %04x mxcsr %08x xmm3 %08x %08x st0 %08x%08x %04x\n",
           *(uint16_t *)fsave, *(uint16_t *)(fsave + 4), *(uint16_t *)(fsave + 8), c2, x3.l[0],
           x3.l[1], *(uint32_t *)(fsave + 32), *(uint32_t *)(fsave + 28),
           *(uint16_t *)(fsave + 36));
    /* misaligned FXSAVE, reserved MXCSR bits in FXRSTOR: #GP */
    fault_catch(SIGSEGV);
    fault_sig = 0;
    if (sigsetjmp(fault_jb, 1) == 0) {
        __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[512])(img + 0)) :: "memory");
        __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[400])(img + 8)) :: "memory");
    }
    printf("fxsave +8: signal %d\n", fault_sig);
    fault_sig = 0;
    img[26] = 1;
    if (sigsetjmp(fault_jb, 1) == 0) {
        __asm__ volatile("fxrstor %0" :: "m"(*(uint8_t(*)[512])img) : "memory");
    }
    printf("fxrstor reserved mxcsr: signal %d\n", fault_sig);
}

int main(void)
{
    sse_init();
    for (int i = 0; i < (int)(sizeof(fp_cases) / sizeof(fp_cases[0])); i++) {
        sweep_vec(&fp_cases[i], false, mxcsr_modes, N_MODES);
    }
    for (int i = 0; i < (int)(sizeof(move_cases) / sizeof(move_cases[0])); i++) {
        sweep_vec(&move_cases[i], false, mxcsr_modes, 1);
    }
    for (int i = 0; i < (int)(sizeof(gpr_cases) / sizeof(gpr_cases[0])); i++) {
        sweep_gpr(&gpr_cases[i], false, mxcsr_modes, N_MODES);
    }
    for (int i = 0; i < (int)(sizeof(mmx_ext_cases) / sizeof(mmx_ext_cases[0])); i++) {
        sweep_int(&mmx_ext_cases[i]);
    }
    stores();
    mxcsr_bits();
    gp_faults();
    unmasked();
    fxsave_image();
    return 0;
}
