/*
 * SSE2 compared with the host: double-precision arithmetic, compares and
 * conversions (MXCSR-rounded and truncating, the integer indefinite
 * 0x80000000) over edge values under the four rounding modes and FTZ/DAZ,
 * with exception flags read back; the 128-bit integer instructions over
 * saturation edge values; moves, shuffles, byte shifts, MOVMSKPD/PMOVMSKB,
 * MASKMOVDQU, MOVNTI/MOVNTDQ, fences; unmasked exceptions as SIGFPE.
 */
#include "sse-common.h"

#include <sys/mman.h>

XOP(x_addpd, "addpd %%xmm1, %%xmm0")
XOP(x_addsd, "addsd %%xmm1, %%xmm0")
XOP(x_subpd, "subpd %%xmm1, %%xmm0")
XOP(x_subsd, "subsd %%xmm1, %%xmm0")
XOP(x_mulpd, "mulpd %%xmm1, %%xmm0")
XOP(x_mulsd, "mulsd %%xmm1, %%xmm0")
XOP(x_divpd, "divpd %%xmm1, %%xmm0")
XOP(x_divsd, "divsd %%xmm1, %%xmm0")
XOP(x_minpd, "minpd %%xmm1, %%xmm0")
XOP(x_minsd, "minsd %%xmm1, %%xmm0")
XOP(x_maxpd, "maxpd %%xmm1, %%xmm0")
XOP(x_maxsd, "maxsd %%xmm1, %%xmm0")
XOP(x_sqrtpd, "sqrtpd %%xmm1, %%xmm0")
XOP(x_sqrtsd, "sqrtsd %%xmm1, %%xmm0")
XOP(x_cmpeqpd, "cmpeqpd %%xmm1, %%xmm0")
XOP(x_cmpltpd, "cmpltpd %%xmm1, %%xmm0")
XOP(x_cmplepd, "cmplepd %%xmm1, %%xmm0")
XOP(x_cmpunordpd, "cmpunordpd %%xmm1, %%xmm0")
XOP(x_cmpneqsd, "cmpneqsd %%xmm1, %%xmm0")
XOP(x_cmpnltsd, "cmpnltsd %%xmm1, %%xmm0")
XOP(x_cmpnlesd, "cmpnlesd %%xmm1, %%xmm0")
XOP(x_cmpordsd, "cmpordsd %%xmm1, %%xmm0")
XOP(x_cvtpd2ps, "cvtpd2ps %%xmm1, %%xmm0")
XOP(x_cvtsd2ss, "cvtsd2ss %%xmm1, %%xmm0")
XOP(x_cvtpd2dq, "cvtpd2dq %%xmm1, %%xmm0")
XOP(x_cvttpd2dq, "cvttpd2dq %%xmm1, %%xmm0")
XOP(x_cvtpd2pi, "cvtpd2pi %%xmm1, %%mm2\n\tmovq2dq %%mm2, %%xmm0\n\temms")
XOP(x_cvttpd2pi, "cvttpd2pi %%xmm1, %%mm2\n\tmovq2dq %%mm2, %%xmm0\n\temms")
XOP(x_cvtsi2sd, "movd %%xmm1, %%eax\n\tcvtsi2sd %%eax, %%xmm0")
XOP(x_unpcklpd, "unpcklpd %%xmm1, %%xmm0")
XOP(x_unpckhpd, "unpckhpd %%xmm1, %%xmm0")
XOP(x_shufpd, "shufpd $1, %%xmm1, %%xmm0")
XOP(x_andpd, "andpd %%xmm1, %%xmm0")
XOP(x_andnpd, "andnpd %%xmm1, %%xmm0")
XOP(x_orpd, "orpd %%xmm1, %%xmm0")
XOP(x_xorpd, "xorpd %%xmm1, %%xmm0")
XOP(x_movsd, "movsd %%xmm1, %%xmm0")
XOP(m_addpd, "addpd %[s], %%xmm0")
XOP(m_mulsd, "mulsd %[s], %%xmm0")
XOP(m_cmpltsd, "cmpltsd %[s], %%xmm0")
XOP(m_movsd, "movsd %[s], %%xmm0")
XOP(m_movlpd, "movlpd %[s], %%xmm0")
XOP(m_movhpd, "movhpd %[s], %%xmm0")
XOP(m_cvtsd2ss, "cvtsd2ss %[s], %%xmm0")
XOP(m_sqrtpd, "sqrtpd %[s], %%xmm0")

static const vec_case fp64_cases[] = {
    { "addpd", x_addpd }, { "addsd", x_addsd }, { "subpd", x_subpd }, { "subsd", x_subsd },
    { "mulpd", x_mulpd }, { "mulsd", x_mulsd }, { "divpd", x_divpd }, { "divsd", x_divsd },
    { "minpd", x_minpd }, { "minsd", x_minsd }, { "maxpd", x_maxpd }, { "maxsd", x_maxsd },
    { "sqrtpd", x_sqrtpd }, { "sqrtsd", x_sqrtsd }, { "cmpeqpd", x_cmpeqpd },
    { "cmpltpd", x_cmpltpd }, { "cmplepd", x_cmplepd }, { "cmpunordpd", x_cmpunordpd },
    { "cmpneqsd", x_cmpneqsd }, { "cmpnltsd", x_cmpnltsd }, { "cmpnlesd", x_cmpnlesd },
    { "cmpordsd", x_cmpordsd }, { "cvtpd2ps", x_cvtpd2ps }, { "cvtsd2ss", x_cvtsd2ss },
    { "cvtpd2dq", x_cvtpd2dq }, { "cvttpd2dq", x_cvttpd2dq }, { "cvtpd2pi", x_cvtpd2pi },
    { "cvttpd2pi", x_cvttpd2pi }, { "m:addpd", m_addpd }, { "m:mulsd", m_mulsd },
    { "m:cmpltsd", m_cmpltsd }, { "m:cvtsd2ss", m_cvtsd2ss }, { "m:sqrtpd", m_sqrtpd },
};

static const vec_case move64_cases[] = {
    { "unpcklpd", x_unpcklpd }, { "unpckhpd", x_unpckhpd }, { "shufpd", x_shufpd },
    { "andpd", x_andpd }, { "andnpd", x_andnpd }, { "orpd", x_orpd }, { "xorpd", x_xorpd },
    { "movsd", x_movsd }, { "m:movsd", m_movsd }, { "m:movlpd", m_movlpd },
    { "m:movhpd", m_movhpd },
};

/* single-precision sources: the conversions from float and to double */
XOP(x_cvtps2pd, "cvtps2pd %%xmm1, %%xmm0")
XOP(x_cvtss2sd, "cvtss2sd %%xmm1, %%xmm0")
XOP(x_cvtps2dq, "cvtps2dq %%xmm1, %%xmm0")
XOP(x_cvttps2dq, "cvttps2dq %%xmm1, %%xmm0")
XOP(x_cvtdq2ps, "cvtdq2ps %%xmm1, %%xmm0")
XOP(x_cvtdq2pd, "cvtdq2pd %%xmm1, %%xmm0")
XOP(x_cvtpi2pd, "movdq2q %%xmm1, %%mm3\n\tcvtpi2pd %%mm3, %%xmm0\n\temms")
XOP(m_cvtps2pd, "cvtps2pd %[s], %%xmm0")
XOP(m_cvtdq2pd, "cvtdq2pd %[s], %%xmm0")
XOP(m_cvtpi2pd, "cvtpi2pd %[s], %%xmm0")

static const vec_case fp32_src_cases[] = {
    { "cvtps2pd", x_cvtps2pd }, { "cvtss2sd", x_cvtss2sd }, { "cvtps2dq", x_cvtps2dq },
    { "cvttps2dq", x_cvttps2dq }, { "cvtdq2ps", x_cvtdq2ps }, { "cvtdq2pd", x_cvtdq2pd },
    { "cvtpi2pd", x_cvtpi2pd }, { "cvtsi2sd", x_cvtsi2sd }, { "m:cvtps2pd", m_cvtps2pd },
    { "m:cvtdq2pd", m_cvtdq2pd },
    { "m:cvtpi2pd", m_cvtpi2pd },
};

XGPR(g_cvtsd2si, "cvtsd2si %%xmm1, %[r]")
XGPR(g_cvttsd2si, "cvttsd2si %%xmm1, %[r]")
XGPR(g_movmskpd, "movmskpd %%xmm1, %[r]")
XGPR(gm_cvtsd2si, "cvtsd2si %[s], %[r]")
XFLAGS(f_comisd, "comisd %%xmm1, %%xmm0")
XFLAGS(f_ucomisd, "ucomisd %%xmm1, %%xmm0")
XFLAGS(fm_ucomisd, "ucomisd %[s], %%xmm0")

static const gpr_case gpr64_cases[] = {
    { "cvtsd2si", g_cvtsd2si }, { "cvttsd2si", g_cvttsd2si }, { "movmskpd", g_movmskpd },
    { "m:cvtsd2si", gm_cvtsd2si }, { "comisd", f_comisd }, { "ucomisd", f_ucomisd },
    { "m:ucomisd", fm_ucomisd },
};

/* 128-bit integer instructions */
#define IOP(n) XOP(i_##n, #n " %%xmm1, %%xmm0")
IOP(paddb) IOP(paddw) IOP(paddd) IOP(paddq) IOP(psubb) IOP(psubw) IOP(psubd) IOP(psubq)
IOP(paddsb) IOP(paddsw) IOP(paddusb) IOP(paddusw) IOP(psubsb) IOP(psubsw) IOP(psubusb)
IOP(psubusw) IOP(pmullw) IOP(pmulhw) IOP(pmulhuw) IOP(pmuludq) IOP(pmaddwd) IOP(psadbw)
IOP(pavgb) IOP(pavgw) IOP(pminub) IOP(pmaxub) IOP(pminsw) IOP(pmaxsw) IOP(pand) IOP(pandn)
IOP(por) IOP(pxor) IOP(pcmpeqb) IOP(pcmpeqw) IOP(pcmpeqd) IOP(pcmpgtb) IOP(pcmpgtw)
IOP(pcmpgtd) IOP(packsswb) IOP(packssdw) IOP(packuswb) IOP(punpcklbw) IOP(punpcklwd)
IOP(punpckldq) IOP(punpcklqdq) IOP(punpckhbw) IOP(punpckhwd) IOP(punpckhdq)
IOP(punpckhqdq) IOP(psllw) IOP(pslld) IOP(psllq) IOP(psrlw) IOP(psrld) IOP(psrlq)
IOP(psraw) IOP(psrad)
XOP(i_psllw_i, "psllw $3, %%xmm0")
XOP(i_pslld_i, "pslld $17, %%xmm0")
XOP(i_psllq_i, "psllq $40, %%xmm0")
XOP(i_psrlw_i, "psrlw $15, %%xmm0")
XOP(i_psrld_i, "psrld $33, %%xmm0")
XOP(i_psrlq_i, "psrlq $1, %%xmm0")
XOP(i_psraw_i, "psraw $9, %%xmm0")
XOP(i_psrad_i, "psrad $31, %%xmm0")
XOP(i_psrad_big, "psrad $200, %%xmm0")
XOP(i_pslldq_3, "pslldq $3, %%xmm0")
XOP(i_pslldq_16, "pslldq $16, %%xmm0")
XOP(i_psrldq_7, "psrldq $7, %%xmm0")
XOP(i_psrldq_15, "psrldq $15, %%xmm0")
XOP(i_pshufd, "pshufd $0x1b, %%xmm1, %%xmm0")
XOP(i_pshufhw, "pshufhw $0xc6, %%xmm1, %%xmm0")
XOP(i_pshuflw, "pshuflw $0x39, %%xmm1, %%xmm0")
XOP(i_pinsrw, "movd %%xmm1, %%eax\n\tpinsrw $5, %%eax, %%xmm0")
XOP(i_pextrw, "pextrw $6, %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
XOP(i_pmovmskb, "pmovmskb %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
XOP(i_movd_to, "movd %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
XOP(i_movq, "movq %%xmm1, %%xmm0")
XOP(i_movq2dq, "movdq2q %%xmm1, %%mm1\n\tmovq2dq %%mm1, %%xmm0\n\temms")
XOP(i_movdqa, "movdqa %%xmm1, %%xmm0")
XOP(im_paddusb, "paddusb %[s], %%xmm0")
XOP(im_pcmpgtw, "pcmpgtw %[s], %%xmm0")
XOP(im_psrlw, "psrlw %[s], %%xmm0")
XOP(im_pshufd, "pshufd $0x93, %[s], %%xmm0")
XOP(im_movq, "movq %[s], %%xmm0")
XOP(im_movd, "movd %[s], %%xmm0")
XOP(im_pinsrw, "pinsrw $1, %[s], %%xmm0")
XOP(im_movdqu, "movdqu %[s], %%xmm0")
XOP(im_punpcklbw, "punpcklbw %[s], %%xmm0")
XOP(im_pcmpeqb, "pcmpeqb %[s], %%xmm0")
XOP(im_pxor, "pxor %[s], %%xmm0")
XOP(im_andnpd, "andnpd %[s], %%xmm0")

#define IC(n) { #n, i_##n },
static const vec_case int_cases[] = {
    IC(paddb) IC(paddw) IC(paddd) IC(paddq) IC(psubb) IC(psubw) IC(psubd) IC(psubq)
    IC(paddsb) IC(paddsw) IC(paddusb) IC(paddusw) IC(psubsb) IC(psubsw) IC(psubusb)
    IC(psubusw) IC(pmullw) IC(pmulhw) IC(pmulhuw) IC(pmuludq) IC(pmaddwd) IC(psadbw)
    IC(pavgb) IC(pavgw) IC(pminub) IC(pmaxub) IC(pminsw) IC(pmaxsw) IC(pand) IC(pandn)
    IC(por) IC(pxor) IC(pcmpeqb) IC(pcmpeqw) IC(pcmpeqd) IC(pcmpgtb) IC(pcmpgtw)
    IC(pcmpgtd) IC(packsswb) IC(packssdw) IC(packuswb) IC(punpcklbw) IC(punpcklwd)
    IC(punpckldq) IC(punpcklqdq) IC(punpckhbw) IC(punpckhwd) IC(punpckhdq)
    IC(punpckhqdq) IC(psllw) IC(pslld) IC(psllq) IC(psrlw) IC(psrld) IC(psrlq)
    IC(psraw) IC(psrad) IC(psllw_i) IC(pslld_i) IC(psllq_i) IC(psrlw_i) IC(psrld_i)
    IC(psrlq_i) IC(psraw_i) IC(psrad_i) IC(psrad_big) IC(pslldq_3) IC(pslldq_16)
    IC(psrldq_7) IC(psrldq_15) IC(pshufd) IC(pshufhw) IC(pshuflw) IC(pinsrw) IC(pextrw)
    IC(pmovmskb) IC(movd_to) IC(movq) IC(movq2dq) IC(movdqa)
    { "m:paddusb", im_paddusb }, { "m:pcmpgtw", im_pcmpgtw }, { "m:psrlw", im_psrlw },
    { "m:pshufd", im_pshufd }, { "m:movq", im_movq }, { "m:movd", im_movd },
    { "m:pinsrw", im_pinsrw }, { "m:movdqu", im_movdqu }, { "m:punpcklbw", im_punpcklbw },
    { "m:pcmpeqb", im_pcmpeqb }, { "m:pxor", im_pxor }, { "m:andnpd", im_andnpd },
};

/* Stores: MOVQ m64, MOVD m32, MOVNTI, MOVNTDQ, MOVNTPD, MOVDQU/MOVUPD at odd
 * addresses, MOVLPD/MOVHPD m64, MASKMOVDQU, the fences */
static void stores(void)
{
    static vec buf[5];
    vec src = { .l = { 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00 } };
    vec mask = { .l = { 0x80ff007f, 0x81000080, 0x00000000, 0xffffffff } };
    uint32_t gpr = 0xcafef00d;

    memset(buf, 0xee, sizeof(buf));
    __asm__ volatile("movdqu %[s], %%xmm0\n\tmovdqu %[m], %%xmm1\n\tmaskmovdqu %%xmm1, %%xmm0"
                     :: [s] "m"(src), [m] "m"(mask), "D"(&buf[0].b[1]) : "xmm0", "xmm1", "memory");
    __asm__ volatile("movdqu %[s], %%xmm0\n\tmovq %%xmm0, %[q]\n\tmovd %%xmm0, %[d]\n\t"
                     "movnti %[g], %[n]\n\tmfence\n\tlfence\n\tsfence"
                     : [q] "=m"(buf[1].q[0]), [d] "=m"(buf[1].l[2]), [n] "=m"(buf[1].l[3])
                     : [s] "m"(src), [g] "r"(gpr) : "xmm0", "memory");
    __asm__ volatile("movdqu %[s], %%xmm0\n\tmovntdq %%xmm0, %[a]\n\tmovntpd %%xmm0, %[b]\n\t"
                     "clflush %[a]"
                     : [a] "=m"(buf[2]), [b] "=m"(buf[4]) : [s] "m"(src) : "xmm0", "memory");
    __asm__ volatile("movdqu %[s], %%xmm0\n\tmovdqu %%xmm0, %[u]\n\tmovupd %%xmm0, %[v]\n\t"
                     "movlpd %%xmm0, %[l]\n\tmovhpd %%xmm0, %[h]"
                     : [u] "=m"(*(vec *)&buf[3].b[3]), [v] "=m"(*(vec *)&buf[3].b[9]),
                       [l] "=m"(buf[4].q[0]), [h] "=m"(buf[4].q[1])
                     : [s] "m"(src) : "xmm0", "memory");
    for (int i = 0; i < 5; i++) {
        printf("stores %d: %08x %08x %08x %08x\n", i, buf[i].l[0], buf[i].l[1], buf[i].l[2],
               buf[i].l[3]);
    }
}

/* Misaligned 16-byte operands of the aligned forms: #GP (SIGSEGV); the
 * unaligned forms and 64-bit operands work */
static void gp_faults(void)
{
    static vec buf[3];
    fault_catch(SIGSEGV);
    for (int off = 0; off < 16; off += 4) {
        const char *names[] = { "movdqa load", "movdqa store", "pcmpeqb", "pxor", "movntdq",
                                "pshufd", "movdqu store", "paddq m64 mmx" };
        for (int k = 0; k < 8; k++) {
            vec *m = (vec *)&buf[1].b[off];
            fault_sig = fault_code = 0;
            if (sigsetjmp(fault_jb, 1) == 0) {
                switch (k) {
                case 0: __asm__ volatile("movdqa %0, %%xmm0" :: "m"(*m) : "xmm0"); break;
                case 1: __asm__ volatile("movdqa %%xmm0, %0" : "=m"(*m)); break;
                case 2: __asm__ volatile("pcmpeqb %0, %%xmm0" :: "m"(*m) : "xmm0"); break;
                case 3: __asm__ volatile("pxor %0, %%xmm0" :: "m"(*m) : "xmm0"); break;
                case 4: __asm__ volatile("movntdq %%xmm0, %0" : "=m"(*m)); break;
                case 5: __asm__ volatile("pshufd $0, %0, %%xmm0" :: "m"(*m) : "xmm0"); break;
                case 6: __asm__ volatile("movdqu %%xmm0, %0" : "=m"(*m)); break;
                default: __asm__ volatile("paddq %0, %%mm0\n\temms" :: "m"(m->q[0]) : "mm0"); break;
                }
            }
            printf("%s +%d: signal %d code %d\n", names[k], off, fault_sig, fault_code);
        }
    }
}

/* Accesses crossing into an inaccessible page fault before writing
 * anything (the bytes on the accessible page stay as they were); si_addr
 * is the first byte of the inaccessible page. */
static void page_crossing(void)
{
    uint8_t *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static const char *names[] = { "movdqu store", "movups store", "movq store", "movdqu load",
                                   "movhps store", "movntdq store", "pcmpeqb m128" };
    if (p == MAP_FAILED || mprotect(p + 4096, 4096, PROT_NONE) != 0) {
        printf("page_crossing: mmap/mprotect failed\n");
        return;
    }
    fault_catch(SIGSEGV);
    for (int k = 0; k < 7; k++) {
        for (int back = 1; back <= 16; back += 5) {
            uint8_t *at = p + 4096 - back;
            if (k == 5) {
                at = p + 4096 - 16 + (back == 16 ? 0 : 16);   /* aligned: inside or past */
            }
            memset(p + 4096 - 32, 0x5a, 32);
            fault_sig = fault_code = 0;
            fault_addr = 0;
            if (sigsetjmp(fault_jb, 1) == 0) {
#define AT(insn) __asm__ volatile(insn :: "r"(at) : "xmm0", "memory"); break
                switch (k) {
                case 0: AT("pcmpeqd %%xmm0, %%xmm0\n\tmovdqu %%xmm0, (%0)");
                case 1: AT("pcmpeqd %%xmm0, %%xmm0\n\tmovups %%xmm0, (%0)");
                case 2: AT("pcmpeqd %%xmm0, %%xmm0\n\tmovq %%xmm0, (%0)");
                case 3: AT("movdqu (%0), %%xmm0");
                case 4: AT("pcmpeqd %%xmm0, %%xmm0\n\tmovhps %%xmm0, (%0)");
                case 5: AT("pcmpeqd %%xmm0, %%xmm0\n\tmovntdq %%xmm0, (%0)");
                default: AT("pcmpeqb (%0), %%xmm0");
                }
#undef AT
            }
            printf("%s at end-%d: signal %d code %d addr %s, first page %08x\n", names[k],
                   (int)(p + 4096 - at), fault_sig, fault_code,
                   fault_sig ? (fault_addr == (uint32_t)(uintptr_t)(p + 4096) ? "=page2" : "other")
                             : "-",
                   fnv1a(p + 4096 - 32, 32));
        }
    }
    munmap(p, 8192);
}

/* Unmasked exceptions of double-precision ops and conversions */
static volatile uint32_t frame_mxcsr;

static void fpe_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
    fault_sig = sig;
    fault_code = si->si_code;
    frame_mxcsr = fp ? *(const uint32_t *)(fp + 136) : 0xdead;
    siglongjmp(fault_jb, 1);
}

static void unmasked(void)
{
    static const struct { const char *name; uint32_t csr; uint64_t a, b; int op; } cases[] = {
        { "divpd 0/0", 0x1f00, 0, 0, 0 },
        { "divpd 1/0", 0x1d80, 0x3ff0000000000000ull, 0, 0 },
        { "divsd 1/3 prec", 0x0f80, 0x3ff0000000000000ull, 0x4008000000000000ull, 1 },
        { "cvttsd2si big", 0x1f00, 0, 0x41f0000000000000ull, 2 },
        { "cvttsd2si big masked", 0x1f80, 0, 0x41f0000000000000ull, 2 },
        { "cvtsd2ss ovf", 0x1b80, 0, 0x7fefffffffffffffull, 3 },
        { "divsd denormal", 0x1e80, 0x0000000000000001ull, 0x4008000000000000ull, 1 },
    };
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fpe_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    for (int i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
        static vec d, s;
        uint32_t after, r = 0x5a5a5a5a;
        d.q[0] = cases[i].a;
        s.q[0] = cases[i].b;
        d.q[1] = s.q[1] = 0x3ff0000000000000ull;
        fault_sig = fault_code = 0;
        frame_mxcsr = 0;
        if (sigsetjmp(fault_jb, 1) == 0) {
            volatile uint32_t csr = cases[i].csr;
            switch (cases[i].op) {
            case 0:
                __asm__ volatile("ldmxcsr %2\n\tmovupd %0, %%xmm0\n\tdivpd %1, %%xmm0\n\t"
                                 "movupd %%xmm0, %0" : "+m"(d) : "m"(s), "m"(csr) : "xmm0");
                break;
            case 1:
                __asm__ volatile("ldmxcsr %2\n\tmovupd %0, %%xmm0\n\tdivsd %1, %%xmm0\n\t"
                                 "movupd %%xmm0, %0" : "+m"(d) : "m"(s), "m"(csr) : "xmm0");
                break;
            case 2:
                __asm__ volatile("ldmxcsr %2\n\tcvttsd2si %1, %0" : "+r"(r) : "m"(s.q[0]),
                                 "m"(csr));
                break;
            default:
                __asm__ volatile("ldmxcsr %2\n\tmovupd %0, %%xmm0\n\tcvtsd2ss %1, %%xmm0\n\t"
                                 "movupd %%xmm0, %0" : "+m"(d) : "m"(s), "m"(csr) : "xmm0");
                break;
            }
        }
        __asm__ volatile("stmxcsr %0\n\tldmxcsr %1" : "=m"(after) : "m"(mxcsr_modes[0]));
        printf("%s: signal %d code %d frame mxcsr %08x; after %08x; d %08x%08x r %08x\n",
               cases[i].name, fault_sig, fault_code, frame_mxcsr, after, d.l[1], d.l[0], r);
    }
}

/* A value kept in xmm registers across a signal handler that uses SSE:
 * sigreturn restores the interrupted XMM state and MXCSR. */
static void handler_clobbers(int sig)
{
    uint32_t csr = 0x7f80;
    __asm__ volatile("pcmpeqd %%xmm5, %%xmm5\n\tldmxcsr %0" :: "m"(csr) : "xmm5");
}

static void signal_state(void)
{
    vec in = { .l = { 1, 2, 3, 4 } }, out;
    uint32_t csr = 0x3fc0, after;
    signal(SIGUSR1, handler_clobbers);
    __asm__ volatile("ldmxcsr %[c]\n\tmovdqu %[i], %%xmm5\n\t"
                     "movl $20, %%eax\n\tint $0x80\n\t"       /* getpid */
                     "movl %%eax, %%ebx\n\tmovl $10, %%ecx\n\tmovl $37, %%eax\n\tint $0x80\n\t"
                     "movdqu %%xmm5, %[o]\n\tstmxcsr %[a]\n\tldmxcsr %[r]"
                     : [o] "=m"(out), [a] "=m"(after)
                     : [c] "m"(csr), [i] "m"(in), [r] "m"(mxcsr_modes[0])
                     : "eax", "ebx", "ecx", "edx", "xmm5", "memory");
    printf("after signal: xmm5 %08x %08x %08x %08x mxcsr %08x\n", out.l[0], out.l[1], out.l[2],
           out.l[3], after);
}

int main(void)
{
    sse_init();
    for (int i = 0; i < (int)(sizeof(fp64_cases) / sizeof(fp64_cases[0])); i++) {
        sweep_vec(&fp64_cases[i], true, mxcsr_modes, N_MODES);
    }
    for (int i = 0; i < (int)(sizeof(move64_cases) / sizeof(move64_cases[0])); i++) {
        sweep_vec(&move64_cases[i], true, mxcsr_modes, 1);
    }
    for (int i = 0; i < (int)(sizeof(fp32_src_cases) / sizeof(fp32_src_cases[0])); i++) {
        sweep_vec(&fp32_src_cases[i], false, mxcsr_modes, N_MODES);
    }
    for (int i = 0; i < (int)(sizeof(gpr64_cases) / sizeof(gpr64_cases[0])); i++) {
        sweep_gpr(&gpr64_cases[i], true, mxcsr_modes, N_MODES);
    }
    for (int i = 0; i < (int)(sizeof(int_cases) / sizeof(int_cases[0])); i++) {
        sweep_int(&int_cases[i]);
    }
    stores();
    gp_faults();
    page_crossing();
    unmasked();
    signal_state();
    return 0;
}
