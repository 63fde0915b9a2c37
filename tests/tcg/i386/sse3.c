/*
 * SSE3 compared with the host: ADDSUBPS/PD, HADDPS/PD, HSUBPS/PD over edge
 * operands (NaN payloads with SNaNs, denormals, infinities, signed zeros,
 * values that need rounding) under the four rounding modes x FTZ x DAZ,
 * register, same-register and memory forms, with the MXCSR flags read
 * back; MOVSLDUP, MOVSHDUP, MOVDDUP, LDDQU (no arithmetic: SNaNs and
 * denormals pass unchanged, no flag); alignment (#GP -> SIGSEGV for the
 * 16-byte forms, none for MOVDDUP's m64 and LDDQU), page-crossing loads,
 * LDDQU's register form (#UD); unmasked exceptions as SIGFPE with the
 * destination unchanged; FISTTP m16/m32/m64 (truncation whatever the
 * rounding control, integer indefinite for NaN and out-of-range values)
 * with the FNSAVE image after it.
 *
 * Exits 77 (skip) when the CPU does not report SSE3 in CPUID.1:ECX[0].
 */
#include "sse-common.h"

#include <sys/mman.h>

XOP(x_addsubps, "addsubps %%xmm1, %%xmm0")
XOP(x_haddps, "haddps %%xmm1, %%xmm0")
XOP(x_hsubps, "hsubps %%xmm1, %%xmm0")
XOP(s_haddps, "haddps %%xmm0, %%xmm0")
XOP(s_hsubps, "hsubps %%xmm0, %%xmm0")
XOP(m_addsubps, "addsubps %[s], %%xmm0")
XOP(m_haddps, "haddps %[s], %%xmm0")
XOP(m_hsubps, "hsubps %[s], %%xmm0")
XOP(x_addsubpd, "addsubpd %%xmm1, %%xmm0")
XOP(x_haddpd, "haddpd %%xmm1, %%xmm0")
XOP(x_hsubpd, "hsubpd %%xmm1, %%xmm0")
XOP(s_addsubpd, "addsubpd %%xmm0, %%xmm0")
XOP(s_hsubpd, "hsubpd %%xmm0, %%xmm0")
XOP(m_addsubpd, "addsubpd %[s], %%xmm0")
XOP(m_haddpd, "haddpd %[s], %%xmm0")
XOP(m_hsubpd, "hsubpd %[s], %%xmm0")

static const vec_case fp32_cases[] = {
    { "addsubps", x_addsubps }, { "haddps", x_haddps }, { "hsubps", x_hsubps },
    { "s:haddps", s_haddps }, { "s:hsubps", s_hsubps }, { "m:addsubps", m_addsubps },
    { "m:haddps", m_haddps }, { "m:hsubps", m_hsubps },
};

static const vec_case fp64_cases[] = {
    { "addsubpd", x_addsubpd }, { "haddpd", x_haddpd }, { "hsubpd", x_hsubpd },
    { "s:addsubpd", s_addsubpd }, { "s:hsubpd", s_hsubpd }, { "m:addsubpd", m_addsubpd },
    { "m:haddpd", m_haddpd }, { "m:hsubpd", m_hsubpd },
};

XOP(x_movsldup, "movsldup %%xmm1, %%xmm0")
XOP(x_movshdup, "movshdup %%xmm1, %%xmm0")
XOP(x_movddup, "movddup %%xmm1, %%xmm0")
XOP(s_movshdup, "movshdup %%xmm0, %%xmm0")
XOP(m_movsldup, "movsldup %[s], %%xmm0")
XOP(m_movshdup, "movshdup %[s], %%xmm0")
XOP(m_movddup, "movddup %[s], %%xmm0")
XOP(m_lddqu, "lddqu %[s], %%xmm0")

static const vec_case move_cases[] = {
    { "movsldup", x_movsldup }, { "movshdup", x_movshdup }, { "movddup", x_movddup },
    { "s:movshdup", s_movshdup }, { "m:movsldup", m_movsldup }, { "m:movshdup", m_movshdup },
    { "m:movddup", m_movddup }, { "m:lddqu", m_lddqu },
};

/* The four rounding modes, each with neither, FTZ, DAZ and both */
static uint32_t modes16[16];

static bool cpu_has_sse3(void)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0));
    if (a < 1) {
        return false;
    }
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    return c & 1;
}

/* Faults: the signal, si_code, si_addr, and xmm0 and MXCSR as the signal
 * frame shows them (struct _fpstate_32: the FXSAVE image at byte 112, so
 * MXCSR at 136 and xmm0 at 272) -- the register state of the faulting
 * instruction, which must not have changed it. */
static volatile uint32_t frame_mxcsr;
static vec frame_xmm0;

static void frame_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
    fault_sig = sig;
    fault_code = si->si_code;
    fault_addr = (uint32_t)(uintptr_t)si->si_addr;
    frame_mxcsr = fp ? *(const uint32_t *)(fp + 136) : 0xdead;
    if (fp) {
        memcpy(&frame_xmm0, fp + 272, 16);
    } else {
        memset(&frame_xmm0, 0xde, 16);
    }
    siglongjmp(fault_jb, 1);
}

static void frame_catch(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = frame_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* One instruction on the 16-byte operand at m: xmm0 = *in, the
 * instruction, *out = xmm0 (left alone when it faults) */
#define AT(insn)                                                            \
    __asm__ volatile("movups %[i], %%xmm0\n\t" insn " (%[m]), %%xmm0\n\t"  \
                     "movups %%xmm0, %[o]"                                  \
                     : [o] "=m"(*out) : [i] "m"(*in), [m] "r"(m) : "xmm0", "memory"); \
    break
static void run_at(int k, const void *m, const vec *in, vec *out)
{
    switch (k) {
    case 0: AT("addsubps");
    case 1: AT("addsubpd");
    case 2: AT("haddps");
    case 3: AT("haddpd");
    case 4: AT("hsubps");
    case 5: AT("hsubpd");
    case 6: AT("movsldup");
    case 7: AT("movshdup");
    case 8: AT("movddup");
    default: AT("lddqu");
    }
}
#undef AT
static const char *const at_names[] = { "addsubps", "addsubpd", "haddps", "haddpd", "hsubps",
                                        "hsubpd", "movsldup", "movshdup", "movddup", "lddqu" };
#define N_AT 10

/* Misaligned 16-byte operands: #GP (SIGSEGV) for every form but MOVDDUP
 * (8 bytes) and LDDQU; the result of those shows they read the right bytes */
static void alignment(void)
{
    static vec buf[3];
    static const vec in = { .l = { 0x3f800000, 0x40000000, 0x40400000, 0x40800000 } };
    for (int i = 0; i < 48; i++) {
        buf[i / 16].b[i % 16] = (uint8_t)(0x3f + 7 * i);
    }
    frame_catch(SIGSEGV);
    for (int k = 0; k < N_AT; k++) {
        for (int off = 0; off < 16; off += (off < 4 ? 1 : 4)) {
            vec out;
            fault_sig = fault_code = 0;
            memset(&out, 0, sizeof(out));
            memset(&frame_xmm0, 0, sizeof(frame_xmm0));
            if (sigsetjmp(fault_jb, 1) == 0) {
                run_at(k, &buf[1].b[off], &in, &out);
            }
            printf("%s +%d: signal %d code %d xmm0 %08x %08x %08x %08x frame xmm0 %s\n",
                   at_names[k], off, fault_sig, fault_code, out.l[0], out.l[1], out.l[2],
                   out.l[3], !fault_sig ? "-" : memcmp(&frame_xmm0, &in, 16) ? "changed"
                                                                              : "unchanged");
        }
    }
}

/* Loads that cross into an inaccessible page fault with si_addr = the first
 * byte of that page; the destination register keeps its value. */
static void page_crossing(void)
{
    uint8_t *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + 4096, 4096, PROT_NONE) != 0) {
        printf("page_crossing: mmap/mprotect failed\n");
        return;
    }
    for (int i = 0; i < 32; i++) {
        p[4096 - 32 + i] = (uint8_t)(0xa0 + i);
    }
    frame_catch(SIGSEGV);
    for (int k = 0; k < N_AT; k++) {
        for (int back = 1; back <= 16; back += 3) {
            static const vec in = { .l = { 1, 2, 3, 4 } };
            vec out = { .l = { 0, 0, 0, 0 } };
            const uint8_t *at = p + 4096 - back;
            if (k < 8 && back != 16) {
                if (back != 1) {
                    continue;
                }
                at = p + 4096;    /* the aligned forms: the first byte faults */
            }
            fault_sig = fault_code = 0;
            fault_addr = 0;
            memset(&frame_xmm0, 0, sizeof(frame_xmm0));
            if (sigsetjmp(fault_jb, 1) == 0) {
                run_at(k, at, &in, &out);
            }
            printf("%s at end-%d: signal %d code %d addr %s xmm0 %08x %08x %08x %08x "
                   "frame xmm0 %s\n", at_names[k], (int)(p + 4096 - at), fault_sig, fault_code,
                   fault_sig ? (fault_addr == (uint32_t)(uintptr_t)(p + 4096) ? "=page2" : "other")
                             : "-",
                   out.l[0], out.l[1], out.l[2], out.l[3],
                   !fault_sig ? "-" : memcmp(&frame_xmm0, &in, 16) ? "changed" : "unchanged");
        }
    }
    munmap(p, 8192);
}

/* LDDQU has no register form (F2 0F F0 /r with mod 3): #UD, SIGILL */
static void lddqu_reg(void)
{
    frame_catch(SIGILL);
    fault_sig = fault_code = 0;
    if (sigsetjmp(fault_jb, 1) == 0) {
        __asm__ volatile(".byte 0xf2, 0x0f, 0xf0, 0xc1" ::: "xmm0");   /* lddqu %xmm1, %xmm0 */
    }
    printf("lddqu xmm, xmm: signal %d code %d\n", fault_sig, fault_code);
}

/* Unmasked exceptions: SIGFPE with the kernel's si_code, the MXCSR in the
 * signal frame, and the destination register unchanged */
static void unmasked(void)
{
    static const struct {
        const char *name;
        uint32_t csr;
        int op;
        vec d, s;
    } cases[] = {
        /* inf + -inf, IM clear */
        { "haddps inv", 0x1f00, 0, { .l = { 0x7f800000, 0xff800000, 0x3f800000, 0 } },
          { .l = { 0x3f800000, 0x3f800000, 0, 0 } } },
        { "haddps inv masked", 0x1f80, 0, { .l = { 0x7f800000, 0xff800000, 0x3f800000, 0 } },
          { .l = { 0x3f800000, 0x3f800000, 0, 0 } } },
        /* SNaN operand, IM clear */
        { "hsubps snan", 0x1f00, 1, { .l = { 0x7f812345, 0x3f800000, 0, 0 } },
          { .l = { 0, 0, 0, 0 } } },
        /* overflow in the add lane, OM clear */
        { "addsubps ovf", 0x1b80, 2, { .l = { 0x3f800000, 0x7f7fffff, 0, 0 } },
          { .l = { 0x3f800000, 0x7f7fffff, 0, 0 } } },
        /* denormal operand, DM clear */
        { "addsubpd den", 0x1e80, 3, { .q = { 1, 0x3ff0000000000000ull } },
          { .q = { 0x3ff0000000000000ull, 0x3ff0000000000000ull } } },
        /* denormal operand, DM clear, but DAZ: no DE */
        { "addsubpd den daz", 0x1ec0, 3, { .q = { 1, 0x3ff0000000000000ull } },
          { .q = { 0x3ff0000000000000ull, 0x3ff0000000000000ull } } },
        /* 1 + 2^-60: inexact, PM clear */
        { "haddpd prec", 0x0f80, 4, { .q = { 0x3ff0000000000000ull, 0x3c30000000000000ull } },
          { .q = { 0, 0 } } },
        /* exact tiny difference 1.5 * 2^-126 - 2^-126, UM clear: underflow */
        { "hsubps tiny", 0x1780, 1, { .l = { 0x00c00000, 0x00800000, 0, 0 } },
          { .l = { 0, 0, 0, 0 } } },
        /* the same with UM masked: no flag at all (exact), FTZ not applied */
        { "hsubps tiny masked", 0x1f80, 1, { .l = { 0x00c00000, 0x00800000, 0, 0 } },
          { .l = { 0, 0, 0, 0 } } },
        /* UM clear and FTZ: FTZ does not apply, #XM */
        { "hsubps tiny ftz", 0x9780, 1, { .l = { 0x00c00000, 0x00800000, 0, 0 } },
          { .l = { 0, 0, 0, 0 } } },
        /* exact tiny double: 2^-1022 + (-1.5 * 2^-1023) in the add lane */
        { "addsubpd tiny", 0x1780, 3, { .q = { 0, 0x0010000000000000ull } },
          { .q = { 0, 0x800c000000000000ull } } },
        /* ADDPS (SSE) gets the same exact-tiny rule */
        { "addps tiny", 0x1780, 5, { .l = { 0x00c00000, 0, 0, 0 } },
          { .l = { 0x80800000, 0, 0, 0 } } },
        /* an exact overflow (no PE) next to 1 + denormal: inexact, unless
         * DAZ reads the denormal as zero */
        { "addpd ovf", 0x1b80, 7, { .q = { 0x7fe0000000000000ull, 0x3ff0000000000000ull } },
          { .q = { 0x7fe0000000000000ull, 1 } } },
        { "addpd ovf daz", 0x1bc0, 7, { .q = { 0x7fe0000000000000ull, 0x3ff0000000000000ull } },
          { .q = { 0x7fe0000000000000ull, 1 } } },
        { "haddps ovf daz", 0x1bc0, 0, { .l = { 0x7f000000, 0x7f000000, 0x3f800000, 1 } },
          { .l = { 0, 0, 0, 0 } } },
        { "haddps ovf", 0x1b80, 0, { .l = { 0x7f000000, 0x7f000000, 0x3f800000, 1 } },
          { .l = { 0, 0, 0, 0 } } },
        /* several at once: IE in one lane, PE in another, IM and PM clear */
        { "hsubpd inv+prec", 0x0f00, 6,
          { .q = { 0x7ff0000000000000ull, 0x7ff0000000000000ull } },
          { .q = { 0x3ff0000000000000ull, 0x3c30000000000000ull } } },
    };
    frame_catch(SIGFPE);
    for (int i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
        static vec d, s;
        uint32_t after;
        d = cases[i].d;
        s = cases[i].s;
        fault_sig = fault_code = 0;
        frame_mxcsr = 0;
        memset(&frame_xmm0, 0, sizeof(frame_xmm0));
        if (sigsetjmp(fault_jb, 1) == 0) {
            volatile uint32_t csr = cases[i].csr;
#define UOP(insn)                                                               \
    __asm__ volatile("ldmxcsr %2\n\tmovups %0, %%xmm0\n\t" insn " %1, %%xmm0\n\t" \
                     "movups %%xmm0, %0" : "+m"(d) : "m"(s), "m"(csr) : "xmm0"); \
    break
            switch (cases[i].op) {
            case 0: UOP("haddps");
            case 1: UOP("hsubps");
            case 2: UOP("addsubps");
            case 3: UOP("addsubpd");
            case 4: UOP("haddpd");
            case 5: UOP("addps");
            case 7: UOP("addpd");
            default: UOP("hsubpd");
            }
#undef UOP
        }
        __asm__ volatile("stmxcsr %0\n\tldmxcsr %1" : "=m"(after) : "m"(mxcsr_modes[0]));
        printf("%s: signal %d code %d frame mxcsr %08x; after %08x; d %08x %08x %08x %08x "
               "frame xmm0 %s\n", cases[i].name, fault_sig, fault_code, frame_mxcsr, after,
               d.l[0], d.l[1], d.l[2], d.l[3],
               !fault_sig ? "-" : memcmp(&frame_xmm0, &cases[i].d, 16) ? "changed"
                                                                       : "unchanged");
    }
}

/* Every edge pair with one exception unmasked at a time (and all of
 * them), with and without FTZ+DAZ: whether SIGFPE came, its si_code, the
 * frame's MXCSR and whether the frame's xmm0 is the old destination, or
 * the result and MXCSR when none came.  The ADD/SUB rows of SSE and SSE2
 * are here too: they share the unmasked overflow/underflow handling. */
XOP(x_addps, "addps %%xmm1, %%xmm0")
XOP(x_subps, "subps %%xmm1, %%xmm0")
XOP(x_addss, "addss %%xmm1, %%xmm0")
XOP(x_subss, "subss %%xmm1, %%xmm0")
XOP(x_addpd, "addpd %%xmm1, %%xmm0")
XOP(x_subpd, "subpd %%xmm1, %%xmm0")
XOP(x_addsd, "addsd %%xmm1, %%xmm0")
XOP(x_subsd, "subsd %%xmm1, %%xmm0")

static const vec_case unmasked32[] = {
    { "addsubps", x_addsubps }, { "haddps", x_haddps }, { "hsubps", x_hsubps },
    { "s:hsubps", s_hsubps }, { "m:haddps", m_haddps }, { "addps", x_addps },
    { "subps", x_subps }, { "addss", x_addss }, { "subss", x_subss },
};
static const vec_case unmasked64[] = {
    { "addsubpd", x_addsubpd }, { "haddpd", x_haddpd }, { "hsubpd", x_hsubpd },
    { "s:addsubpd", s_addsubpd }, { "m:hsubpd", m_hsubpd }, { "addpd", x_addpd },
    { "subpd", x_subpd }, { "addsd", x_addsd }, { "subsd", x_subsd },
};

static void sweep_unmasked(const vec_case *c, bool f64)
{
    static const uint32_t masks[] = { 0x1f00, 0x1e80, 0x1b80, 0x1780, 0x0f80, 0x0000 };
    int n = f64 ? N_F64 : N_F32;
    frame_catch(SIGFPE);
    for (int m = 0; m < (int)(sizeof(masks) / sizeof(masks[0])); m++) {
        for (int fd = 0; fd < 2; fd++) {
            uint32_t h = 0x811c9dc5u, nsig = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    static vec d, s, d0;
                    uint32_t csr = masks[m] | (fd ? 0x8040 : 0), line[7];
                    if (f64) {
                        fill_pair64(&d, &s, f64_vals, n, i, j);
                    } else {
                        fill_pair32(&d, &s, f32_vals, n, i, j);
                    }
                    d0 = d;
                    fault_sig = fault_code = 0;
                    frame_mxcsr = 0;
                    memset(&frame_xmm0, 0, sizeof(frame_xmm0));
                    if (sigsetjmp(fault_jb, 1) == 0) {
                        c->fn(&d, &s, &csr);
                    } else {
                        nsig++;
                        csr = frame_mxcsr;
                    }
                    line[0] = (uint32_t)fault_sig << 8 | (uint32_t)fault_code;
                    line[1] = csr;
                    line[2] = fault_sig ? (uint32_t)memcmp(&frame_xmm0, &d0, 16) != 0 : 0;
                    memcpy(&line[3], &d, 16);
                    if (sse_verbose) {
                        printf("  %s %04x %d %d: sig %04x csr %04x xmm0 %s %08x %08x %08x %08x\n",
                               c->name, masks[m] | (fd ? 0x8040 : 0), i, j, line[0], line[1],
                               line[2] ? "changed" : "same", d.l[0], d.l[1], d.l[2], d.l[3]);
                    }
                    h = (h ^ fnv1a(line, sizeof(line))) * 0x01000193u;
                }
            }
            printf("unmasked %-10s mxcsr %04x: %08x, %u signals\n", c->name,
                   masks[m] | (fd ? 0x8040 : 0), h, nsig);
        }
    }
    __asm__ volatile("ldmxcsr %0" :: "m"(mxcsr_modes[0]));
}

/* ---------------------------------------------------------------- FISTTP */

typedef struct { uint8_t b[10]; } F80;

#define V(m, e) { { (uint8_t)(m), (uint8_t)((uint64_t)(m) >> 8), (uint8_t)((uint64_t)(m) >> 16), \
    (uint8_t)((uint64_t)(m) >> 24), (uint8_t)((uint64_t)(m) >> 32), (uint8_t)((uint64_t)(m) >> 40), \
    (uint8_t)((uint64_t)(m) >> 48), (uint8_t)((uint64_t)(m) >> 56), (uint8_t)(e), (uint8_t)((e) >> 8) } }

/* Values around the limits of int16/int32/int64, halves (which FIST would
 * round), zeros, denormals, infinities, NaNs, unsupported encodings */
static const F80 fvals[] = {
    V(0, 0), V(0, 0x8000),                              /* +0, -0 */
    V(0xc000000000000000ull, 0x3fff),                   /* 1.5 */
    V(0xc000000000000000ull, 0xbfff),                   /* -1.5 */
    V(0xa000000000000000ull, 0x4000),                   /* 2.5 */
    V(0xeccccccccccccccdull, 0xbffe),                   /* -0.925 */
    V(0xfffe000000000000ull, 0x400d),                   /* 32767 */
    V(0xffff000000000000ull, 0x400d),                   /* 32767.5 */
    V(0x8000000000000000ull, 0x400e),                   /* 32768 */
    V(0x8000800000000000ull, 0xc00e),                   /* -32768.5 */
    V(0x8001000000000000ull, 0xc00e),                   /* -32769 */
    V(0xffffffff80000000ull, 0x401d),                   /* 2^31 - 0.5 */
    V(0x8000000000000000ull, 0x401e),                   /* 2^31 */
    V(0x8000000080000000ull, 0xc01e),                   /* -2^31 - 0.5 */
    V(0x8000000100000000ull, 0xc01e),                   /* -2^31 - 1 */
    V(0xffffffffffffffffull, 0x403d),                   /* 2^63 - 0.5 */
    V(0x8000000000000000ull, 0x403e),                   /* 2^63 */
    V(0x8000000000000000ull, 0xc03e),                   /* -2^63 */
    V(0x8000000000000001ull, 0xc03e),                   /* -2^63 - 1 */
    V(0x8000000000000000ull, 0x7fff),                   /* +inf */
    V(0x8000000000000000ull, 0xffff),                   /* -inf */
    V(0xc000000000001234ull, 0x7fff),                   /* QNaN */
    V(0xa000000000005678ull, 0xffff),                   /* SNaN */
    V(0x0000000000000001ull, 0x0000),                   /* denormal */
    V(0x8000000000000000ull, 0x0000),                   /* pseudo-denormal */
    V(0x4000000000000000ull, 0x3fff),                   /* unnormal: invalid */
    V(0xffffffffffffffffull, 0x7ffe),                   /* largest finite */
};
#define N_FV (int)(sizeof(fvals) / sizeof(fvals[0]))

/* FNSAVE image, 32-bit protected mode (SDM vol. 1, fig. 8-9) */
static uint8_t img[108] __attribute__((aligned(16)));
static union { uint16_t w; uint32_t l; uint64_t q; } fout;

/* FISTTP to fout under control word cw with 1.0 below the operand, then
 * FNSAVE.  The pointers (bytes 12..27) are left out: AMD saves them only
 * while an exception is pending.  Empty registers are left out too. */
static void fisttp_run(int size, const F80 *v, uint16_t cw)
{
    fout.q = 0x5a5a5a5a5a5a5a5aull;
    switch (size) {
    case 2:
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldt %[v]\n\tfisttps %[o]\n\t"
                         "fnsave %[img]"
                         : [o] "=m"(fout.w), [img] "=m"(img) : [v] "m"(*v), [cw] "m"(cw));
        break;
    case 4:
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldt %[v]\n\tfisttpl %[o]\n\t"
                         "fnsave %[img]"
                         : [o] "=m"(fout.l), [img] "=m"(img) : [v] "m"(*v), [cw] "m"(cw));
        break;
    default:
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldt %[v]\n\tfisttpll %[o]\n\t"
                         "fnsave %[img]"
                         : [o] "=m"(fout.q), [img] "=m"(img) : [v] "m"(*v), [cw] "m"(cw));
        break;
    }
}

static int st_tag(int r)
{
    int top = (img[5] >> 3) & 7;
    return ((img[8] | img[9] << 8) >> (2 * ((top + r) & 7))) & 3;
}

static void fisttp_tests(void)
{
    /* all masked under each rounding control (FISTTP truncates whatever
     * RC says), then IM clear: no store, ES set (the #MF waits for the
     * next waiting x87 instruction, which FNINIT is not) */
    static const uint16_t cws[] = { 0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x037e };
    for (int c = 0; c < (int)(sizeof(cws) / sizeof(cws[0])); c++) {
        for (int size = 2; size <= 8; size *= 2) {
            for (int i = 0; i < N_FV; i++) {
                fisttp_run(size, &fvals[i], cws[c]);
                printf("fisttp m%d cw %04x v%d: %016llx cw %04x sw %04x tw %04x", size * 8,
                       cws[c], i, (unsigned long long)fout.q, img[0] | img[1] << 8,
                       img[4] | img[5] << 8, img[8] | img[9] << 8);
                for (int r = 0; r < 8; r++) {
                    if (st_tag(r) != 3) {
                        printf(" %d:", r);
                        for (int b = 9; b >= 0; b--) {
                            printf("%02x", img[28 + 10 * r + b]);
                        }
                    }
                }
                printf("\n");
            }
        }
    }
}

int main(void)
{
    if (!cpu_has_sse3()) {
        printf("sse3: CPUID.1:ECX.SSE3 is clear: skipped\n");
        return 77;
    }
    sse_init();
    for (int m = 0; m < 16; m++) {
        static const uint32_t ftz_daz[4] = { 0, 0x8000, 0x0040, 0x8040 };
        modes16[m] = 0x1f80 | (uint32_t)(m / 4) << 13 | ftz_daz[m % 4];
    }
    for (int i = 0; i < (int)(sizeof(fp32_cases) / sizeof(fp32_cases[0])); i++) {
        sweep_vec(&fp32_cases[i], false, modes16, 16);
    }
    for (int i = 0; i < (int)(sizeof(fp64_cases) / sizeof(fp64_cases[0])); i++) {
        sweep_vec(&fp64_cases[i], true, modes16, 16);
    }
    /* moves: the single and the double tables, plain and FTZ+DAZ */
    for (int i = 0; i < (int)(sizeof(move_cases) / sizeof(move_cases[0])); i++) {
        static const uint32_t move_modes[] = { 0x1f80, 0x9fc0 };
        sweep_vec(&move_cases[i], false, move_modes, 2);
        sweep_vec(&move_cases[i], true, move_modes, 2);
    }
    alignment();
    page_crossing();
    lddqu_reg();
    unmasked();
    for (int i = 0; i < (int)(sizeof(unmasked32) / sizeof(unmasked32[0])); i++) {
        sweep_unmasked(&unmasked32[i], false);
    }
    for (int i = 0; i < (int)(sizeof(unmasked64) / sizeof(unmasked64[0])); i++) {
        sweep_unmasked(&unmasked64[i], true);
    }
    fisttp_tests();
    return 0;
}
