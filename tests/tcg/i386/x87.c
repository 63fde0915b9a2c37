/*
 * x87 FPU differential test: every instruction runs from a known state
 * (FNINIT, FLDCW, operands loaded with FLD m80fp) and the whole FPU state
 * is then stored with FNSAVE and printed (or hashed, for the big sweeps):
 * control, status (flags, condition codes, TOP), tag word, the instruction
 * and data pointers, and the eight 80-bit registers.  The sweeps cover edge
 * operands (signed zeros, denormals, infinities, NaNs with payloads, huge
 * and tiny values, values that need rounding) under the four rounding
 * modes and three precision controls (SDM vol. 1, 8.1.5).
 */
#include "common.h"
#include "sigcatch.h"

typedef struct { uint8_t b[10]; } F80;

/* FNSAVE image, 32-bit protected mode (SDM vol. 1, fig. 8-9) */
static uint8_t img[108] __attribute__((aligned(16)));
static uint32_t out_flags;

#define V(m, e) { { (uint8_t)(m), (uint8_t)((uint64_t)(m) >> 8), (uint8_t)((uint64_t)(m) >> 16), \
    (uint8_t)((uint64_t)(m) >> 24), (uint8_t)((uint64_t)(m) >> 32), (uint8_t)((uint64_t)(m) >> 40), \
    (uint8_t)((uint64_t)(m) >> 48), (uint8_t)((uint64_t)(m) >> 56), (uint8_t)(e), (uint8_t)((e) >> 8) } }

static const F80 vals[] = {
    V(0, 0),                                   /* +0 */
    V(0, 0x8000),                              /* -0 */
    V(0x8000000000000000ull, 0x3fff),          /* 1 */
    V(0xc000000000000000ull, 0xbfff),          /* -1.5 */
    V(0xaaaaaaaaaaaaaaabull, 0x3ffd),          /* ~1/3 */
    V(0xc90fdaa22168c235ull, 0x4000),          /* ~pi */
    V(0x0000000000000001ull, 0x0000),          /* smallest denormal */
    V(0x4000000000000000ull, 0x8000),          /* -denormal */
    V(0x8000000000000000ull, 0x7fff),          /* +inf */
    V(0x8000000000000000ull, 0xffff),          /* -inf */
    V(0xc000000000001234ull, 0x7fff),          /* QNaN, payload */
    V(0xa000000000005678ull, 0xffff),          /* SNaN, payload */
    V(0xffffffffffffffffull, 0x7ffe),          /* largest finite */
    V(0x8000000000000000ull, 0x0001),          /* smallest normal */
    V(0x8000000000000001ull, 0x403e),          /* 2^63 + 1 */
    V(0xfffffffffffff801ull, 0x3ffe),          /* needs rounding to 53/24 bits */
    V(0x8000000000000000ull, 0xc03f),          /* -2^64 */
    V(0x9000000000000000ull, 0x4002),          /* 9 */
};
#define N_F80 (int)(sizeof(vals) / sizeof(vals[0]))

static uint32_t hash;

/* Tag of ST(r) from the full tag word (physical register TOP + r). */
static int st_tag(int r)
{
    int top = (img[5] >> 3) & 7;
    return ((img[8] | img[9] << 8) >> (2 * ((top + r) & 7))) & 3;
}

/* Empty registers keep stale contents that a context switch may clear
 * (XRSTOR of the x87 init state), so they are left out.  So are the
 * instruction and data pointers: AMD processors save them only while an
 * exception is pending, so a context switch may zero them. */
static void hash_image(void)
{
    memset(img + 12, 0, 16);
    for (int r = 0; r < 8; r++) {
        if (st_tag(r) == 3) {
            memset(img + 28 + 10 * r, 0, 10);
        }
    }
    for (int i = 0; i < (int)sizeof(img); i++) {
        hash = (hash ^ img[i]) * 16777619u;
    }
    hash = (hash ^ out_flags) * 16777619u;
}

static void print_image(const char *what)
{
    printf("%-10s cw %04x sw %04x tw %04x", what,
           img[0] | img[1] << 8, img[4] | img[5] << 8, img[8] | img[9] << 8);
    for (int r = 0; r < 8; r++) {
        if (st_tag(r) == 3) {
            continue;
        }
        printf(" %d:", r);
        for (int i = 9; i >= 0; i--) {
            printf("%02x", img[28 + 10 * r + i]);
        }
    }
    printf(" fl %03x\n", out_flags);
}

/* Two operands: ST(0) = a, ST(1) = b; the instruction; FNSAVE.  The XOR
 * gives the flags a known state for the instructions that leave them. */
#define BINOP(name, insn)                                                    \
    static void name(const F80 *a, const F80 *b, uint16_t cw)               \
    {                                                                        \
        uint32_t fl;                                                         \
        __asm__ volatile("xor %[fl], %[fl]\n\tfninit\n\tfldcw %[cw]\n\t"    \
                         "fldt %[b]\n\tfldt %[a]\n\t"                        \
                         insn "\n\tpushf\n\tpop %[fl]\n\tfnsave %[img]"      \
                         : [fl] "=&r"(fl), [img] "=m"(img)                   \
                         : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw)            \
                         : "memory", "cc");                                  \
        out_flags = fl & 0x8d5;                                              \
    }

BINOP(op_fadd, "fadd %%st(1), %%st")
BINOP(op_fsub, "fsub %%st(1), %%st")
BINOP(op_fsubr, "fsubr %%st(1), %%st")
BINOP(op_fmul, "fmul %%st(1), %%st")
BINOP(op_fdiv, "fdiv %%st(1), %%st")
BINOP(op_fdivr, "fdivr %%st(1), %%st")
BINOP(op_faddp, "faddp")
BINOP(op_fdivp_st1, "fdivp %%st, %%st(1)")
BINOP(op_fprem, "fprem")
BINOP(op_fprem1, "fprem1")
BINOP(op_fscale, "fscale")
BINOP(op_fpatan, "fpatan")
BINOP(op_fyl2x, "fyl2x")
BINOP(op_fyl2xp1, "fyl2xp1")
BINOP(op_fcom, "fcom %%st(1)")
BINOP(op_fucompp, "fucompp")
BINOP(op_fcompp, "fcompp")
BINOP(op_fcomi, "fcomi %%st(1), %%st")
BINOP(op_fucomip, "fucomip %%st(1), %%st")
BINOP(op_fxch, "fxch")
BINOP(op_fcmovb, "stc\n\tfcmovb %%st(1), %%st")
BINOP(op_fcmovnbe, "cmp %%eax, %%eax\n\tfcmovnbe %%st(1), %%st")
BINOP(op_fcmovu, "fucomi %%st(1), %%st\n\tfcmovu %%st(1), %%st")
/* one operand in ST(0) (b is ST(1), left alone) */
BINOP(op_fsqrt, "fsqrt")
BINOP(op_fsin, "fsin")
BINOP(op_fcos, "fcos")
BINOP(op_fsincos, "fsincos")
BINOP(op_fptan, "fptan")
BINOP(op_f2xm1, "f2xm1")
BINOP(op_frndint, "frndint")
BINOP(op_fxtract, "fxtract")
BINOP(op_fchs, "fchs")
BINOP(op_fabs, "fabs")
BINOP(op_ftst, "ftst")
BINOP(op_fxam, "fxam")
BINOP(op_fst_st3, "fst %%st(3)")
BINOP(op_ffree, "ffree %%st(1)\n\tfincstp\n\tfdecstp\n\tfdecstp")
BINOP(op_fld1_pi, "fld1\n\tfldpi\n\tfldl2e\n\tfldl2t\n\tfldlg2\n\tfldln2")

typedef void (*BinFn)(const F80 *, const F80 *, uint16_t);
static const struct { const char *name; BinFn fn; } binops[] = {
#define E(n) { #n, op_##n }
    E(fadd), E(fsub), E(fsubr), E(fmul), E(fdiv), E(fdivr), E(faddp), E(fdivp_st1),
    E(fprem), E(fprem1), E(fscale), E(fpatan), E(fyl2x), E(fyl2xp1), E(fcom),
    E(fucompp), E(fcompp), E(fcomi), E(fucomip), E(fxch), E(fcmovb), E(fcmovnbe),
    E(fcmovu), E(fsqrt), E(fsin), E(fcos), E(fsincos), E(fptan), E(f2xm1),
    E(frndint), E(fxtract), E(fchs), E(fabs), E(ftst), E(fxam), E(fst_st3),
    E(ffree), E(fld1_pi),
#undef E
};

/* CW with all exceptions masked: precision control pc, rounding rc. */
static uint16_t masked_cw(int pc, int rc)
{
    return (uint16_t)(0x7f | pc << 8 | rc << 10);
}

static const int pcs[3] = { 0, 2, 3 };

static void sweep_binops(void)
{
    for (int o = 0; o < (int)(sizeof(binops) / sizeof(binops[0])); o++) {
        for (int p = 0; p < 3; p++) {
            for (int rc = 0; rc < 4; rc++) {
                hash = 2166136261u;
                for (int i = 0; i < N_F80; i++) {
                    for (int j = 0; j < N_F80; j++) {
                        binops[o].fn(&vals[i], &vals[j], masked_cw(pcs[p], rc));
                        hash_image();
                    }
                }
                printf("%-9s pc %d rc %d: %08x\n", binops[o].name, pcs[p], rc, hash);
            }
        }
    }
    /* the default CW in full, over a few operand pairs */
    for (int o = 0; o < (int)(sizeof(binops) / sizeof(binops[0])); o++) {
        for (int i = 0; i < N_F80; i += 3) {
            binops[o].fn(&vals[i], &vals[(i + 5) % N_F80], 0x37f);
            print_image(binops[o].name);
        }
    }
}

/* Memory operand forms: loads from and stores to `mem`. */
static uint8_t mem[16];

#define MEMOP(name, insn)                                                    \
    static void name(const F80 *a, uint16_t cw)                             \
    {                                                                        \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn      \
                         "\n\tfnsave %[img]"                                 \
                         : [img] "=m"(img), [m] "+m"(mem)                    \
                         : [a] "m"(*a), [cw] "m"(cw)                         \
                         : "memory");                                        \
        out_flags = 0;                                                       \
    }

MEMOP(m_fsts, "fsts %[m]")
MEMOP(m_fstl, "fstl %[m]")
MEMOP(m_fstpt, "fstpt %[m]")
MEMOP(m_fists, "fists %[m]")
MEMOP(m_fistl, "fistl %[m]")
MEMOP(m_fistpll, "fistpll %[m]")
MEMOP(m_fbstp, "fbstp %[m]")
MEMOP(m_fadds, "fadds %[m]")
MEMOP(m_fmull, "fmull %[m]")
MEMOP(m_fidivl, "fidivl %[m]")
MEMOP(m_fisubrs, "fisubrs %[m]")
MEMOP(m_flds, "flds %[m]")
MEMOP(m_fldl, "fldl %[m]")
MEMOP(m_filds, "filds %[m]")
MEMOP(m_fildl, "fildl %[m]")
MEMOP(m_fildll, "fildll %[m]")
MEMOP(m_fbld, "fbld %[m]")
MEMOP(m_fcoms, "fcoms %[m]")
MEMOP(m_fcompl, "fcompl %[m]")
MEMOP(m_ficoml, "ficoml %[m]")
MEMOP(m_ficomps, "ficomps %[m]")

typedef void (*MemFn)(const F80 *, uint16_t);
static const struct { const char *name; MemFn fn; } memops[] = {
#define E(n) { #n, m_##n }
    E(fsts), E(fstl), E(fstpt), E(fists), E(fistl), E(fistpll), E(fbstp),
    E(fadds), E(fmull), E(fidivl), E(fisubrs), E(flds), E(fldl), E(filds),
    E(fildl), E(fildll), E(fbld), E(fcoms), E(fcompl), E(ficoml), E(ficomps),
#undef E
};

/* memory operand patterns: float/double/int/BCD edge bit patterns */
static const uint8_t mem_patterns[][10] = {
    { 0 },
    { 0x01, 0, 0, 0, 0, 0, 0, 0 },                          /* denormals */
    { 0x00, 0x00, 0x80, 0x7f, 0, 0, 0xf0, 0x7f },           /* inf */
    { 0x34, 0x12, 0xc0, 0x7f, 0x34, 0x12, 0xf8, 0x7f },     /* QNaN payloads */
    { 0x34, 0x12, 0xa0, 0x7f, 0x34, 0x12, 0xf4, 0x7f },     /* SNaN payloads */
    { 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xef, 0xff },     /* -max */
    { 0x00, 0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80 },     /* negative ints */
    { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x80 },  /* BCD */
    { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0xaa, 0x00 },  /* bad BCD */
};

static void sweep_memops(void)
{
    for (int o = 0; o < (int)(sizeof(memops) / sizeof(memops[0])); o++) {
        for (int p = 0; p < 3; p++) {
            for (int rc = 0; rc < 4; rc++) {
                hash = 2166136261u;
                for (int k = 0; k < (int)(sizeof(mem_patterns) / sizeof(mem_patterns[0])); k++) {
                    for (int i = 0; i < N_F80; i++) {
                        memset(mem, 0, sizeof(mem));
                        memcpy(mem, mem_patterns[k], 10);
                        memops[o].fn(&vals[i], masked_cw(pcs[p], rc));
                        hash_image();
                        for (int b = 0; b < (int)sizeof(mem); b++) {
                            hash = (hash ^ mem[b]) * 16777619u;
                        }
                    }
                }
                printf("%-9s pc %d rc %d: %08x\n", memops[o].name, pcs[p], rc, hash);
            }
        }
    }
    for (int o = 0; o < (int)(sizeof(memops) / sizeof(memops[0])); o++) {
        for (int i = 0; i < N_F80; i += 4) {
            memcpy(mem, mem_patterns[(i / 4 + o) % 9], 10);
            memops[o].fn(&vals[i], 0x37f);
            print_image(memops[o].name);
            printf("  mem");
            for (int b = 0; b < 10; b++) {
                printf(" %02x", mem[b]);
            }
            printf("\n");
        }
    }
}

/* Stack overflow and underflow with masked exceptions: IE + SF, C1, and
 * the QNaN indefinite (SDM vol. 1, 8.5.1.1). */
static void stack_faults(void)
{
    __asm__ volatile("fninit\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\t"
                     "fld1\n\tfldpi\n\tfnsave %0" : "=m"(img) :: "memory");
    print_image("overflow");
    __asm__ volatile("fninit\n\tfadd %%st(1), %%st\n\tfnsave %0" : "=m"(img) :: "memory");
    print_image("underflow");
    __asm__ volatile("fninit\n\tfstps %1\n\tfnsave %0" : "=m"(img), "=m"(mem) :: "memory");
    print_image("fstp-empty");
}

/* Environment and state images in both operand sizes, and restoring them. */
static void env_images(void)
{
    static uint8_t buf[108];
    static const F80 *a = &vals[4];

    __asm__ volatile("fninit\n\tfldt %1\n\tfldpi\n\tfdiv %%st(1), %%st\n\t"
                     "fnstenv %0" : "=m"(buf) : "m"(*a) : "memory");
    printf("fnstenv");
    for (int i = 0; i < 28; i++) {
        printf(" %02x", buf[i]);
    }
    printf("\n");
    __asm__ volatile("fldenv %1\n\tfnsave %0" : "=m"(img) : "m"(buf) : "memory");
    print_image("fldenv");
    memset(buf, 0, sizeof(buf));
    __asm__ volatile("fninit\n\tfldt %1\n\tfldpi\n\tfdiv %%st(1), %%st\n\t"
                     "data16 fnstenv %0" : "=m"(buf) : "m"(*a) : "memory");
    printf("fnstenv16");
    for (int i = 0; i < 14; i++) {
        printf(" %02x", buf[i]);
    }
    printf("\n");
    __asm__ volatile("fninit\n\tfldt %1\n\tfsqrt\n\tfnsave %0\n\tfrstor %0\n\t"
                     "fld1\n\tfnsave %0" : "+m"(img) : "m"(*a) : "memory");
    print_image("frstor");
    uint16_t sw, cw;
    __asm__ volatile("fninit\n\tfld1\n\tfldz\n\tfdivr %%st(1), %%st\n\tfnstsw %%ax\n\t"
                     "fnstcw %1\n\tfninit" : "=a"(sw), "=m"(cw) :: "memory");
    printf("fnstsw ax %04x cw %04x\n", sw, cw);
}

/* Unmasked exceptions: reported at the next waiting instruction as SIGFPE
 * with the kernel's si_code for the exception. */
static void unmasked(void)
{
    static const struct { const char *name; uint16_t cw; int op; } cases[] = {
        { "zdiv", 0x37b, 0 }, { "invalid", 0x37e, 1 }, { "overflow", 0x377, 2 },
        { "underflow", 0x36f, 3 }, { "precision", 0x35f, 4 }, { "denormal", 0x37d, 5 },
    };
    fault_catch(SIGFPE);
    for (int i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
        volatile uint16_t cw = cases[i].cw;
        fault_sig = fault_code = 0;
        if (sigsetjmp(fault_jb, 1) == 0) {
            switch (cases[i].op) {
            case 0:
                __asm__ volatile("fninit\n\tfldcw %0\n\tfld1\n\tfldz\n\tfdivr %%st(1), %%st"
                                 :: "m"(cw));
                break;
            case 1:
                __asm__ volatile("fninit\n\tfldcw %0\n\tfld1\n\tfchs\n\tfsqrt" :: "m"(cw));
                break;
            case 2:
                __asm__ volatile("fninit\n\tfldcw %0\n\tfldt %1\n\tfmul %%st(0), %%st"
                                 :: "m"(cw), "m"(vals[12]));
                break;
            case 3:
                __asm__ volatile("fninit\n\tfldcw %0\n\tfldt %1\n\tfmul %%st(0), %%st"
                                 :: "m"(cw), "m"(vals[13]));
                break;
            case 4:
                __asm__ volatile("fninit\n\tfldcw %0\n\tfldt %1\n\tfsqrt" :: "m"(cw), "m"(vals[4]));
                break;
            default:
                __asm__ volatile("fninit\n\tfldcw %0\n\tfldt %1\n\tfld1\n\tfadd %%st(1), %%st"
                                 :: "m"(cw), "m"(vals[6]));
                break;
            }
            __asm__ volatile("fnsave %0\n\tfrstor %0" : "+m"(img) :: "memory");
            print_image(cases[i].name);
            __asm__ volatile("fwait");
            printf("%s: no signal\n", cases[i].name);
        } else {
            printf("%s: signal %d code %d\n", cases[i].name, fault_sig, fault_code);
        }
        __asm__ volatile("fninit");
    }
}

/* FCOMI results read by conditional jumps and SETcc, and the older
 * FNSTSW AX + SAHF idiom. */
static void compare_consumers(void)
{
    for (int i = 0; i < N_F80; i += 2) {
        for (int j = 0; j < N_F80; j += 3) {
            uint8_t above, below, unord, eq;
            uint16_t ax;
            __asm__ volatile("fninit\n\tfldt %[b]\n\tfldt %[a]\n\t"
                             "fucomi %%st(1), %%st\n\tseta %[ab]\n\tsetb %[be]\n\t"
                             "setp %[un]\n\tjne 1f\n\tmovb $1, %[eq]\n\tjmp 2f\n"
                             "1:\tmovb $0, %[eq]\n2:\tfcom %%st(1)\n\tfnstsw %%ax\n\tsahf\n\t"
                             "setbe %%al\n\tfninit"
                             : [ab] "=&q"(above), [be] "=&q"(below), [un] "=&q"(unord),
                               [eq] "=&m"(eq), "=&a"(ax)
                             : [a] "m"(vals[i]), [b] "m"(vals[j])
                             : "memory", "cc");
            printf("cmp %2d %2d: a%d b%d u%d e%d sahf %04x\n", i, j, above, below, unord, eq, ax);
        }
    }
}

/* A store that faults leaves the FPU as before the instruction (SDM vol.
 * 1, 8.1.8): the signal frame's FPU state (struct _libc_fpstate, whose
 * first 108 bytes are in FNSAVE format on every kernel) still has the value
 * on the stack. */
static uint8_t frame_fpu[108];
static volatile uintptr_t frame_fpstate;

static void fpstate_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    frame_fpstate = (uintptr_t)uc->uc_mcontext.fpregs;
    if (uc->uc_mcontext.fpregs) {
        memcpy(frame_fpu, uc->uc_mcontext.fpregs, sizeof(frame_fpu));
    }
    fault_sig = sig;
    siglongjmp(fault_jb, 1);
}

static void faulting_store(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fpstate_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(fault_jb, 1) == 0) {
        __asm__ volatile("fninit\n\tfld1\n\tfldpi\n\tfstpl 16" ::: "memory");
        printf("fstp to page 0: no fault\n");
    } else {
        memcpy(img, frame_fpu, sizeof(img));
        printf("fstp to page 0: signal %d fpstate %s\n", fault_sig, frame_fpstate ? "set" : "none");
        print_image("frame");
    }
    __asm__ volatile("fninit");
}

/* Every register form (ModRM C0..FF of D8..DF) on a stack of four mixed
 * values, from a table of "op modrm; ret" stubs.  The blank ones of the
 * SDM's opcode map raise SIGILL or run as the processor's aliases:
 * either way the emulator must do what the processor does. */
__asm__(".pushsection .text\n"
        "reg_form_stubs:\n"
        "    .irp op, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf\n"
        "    .set rf_m, 0xc0\n"
        "    .rept 64\n"
        "    .byte \\op, rf_m, 0xc3, 0x90\n"
        "    .set rf_m, rf_m + 1\n"
        "    .endr\n"
        "    .endr\n"
        "    .popsection\n");
extern const uint8_t reg_form_stubs[];

static void reg_forms(void)
{
    fault_catch(SIGILL);
    for (int op = 0; op < 8; op++) {
        for (int m = 0; m < 64; m++) {
            const uint8_t *stub = reg_form_stubs + (op * 64 + m) * 4;
            uint32_t fl, ax;

            if (sigsetjmp(fault_jb, 1) != 0) {
                printf("%02x %02x: signal %d\n", 0xd8 + op, 0xc0 + m, fault_sig);
                __asm__ volatile("fninit");
                continue;
            }
            __asm__ volatile("fninit\n\tfldt %[v0]\n\tfldt %[v1]\n\tfldt %[v2]\n\t"
                             "fldt %[v3]\n\tmov $0x1234, %%eax\n\tstc\n\t"
                             "call *%[stub]\n\tpushf\n\tpop %[fl]\n\tfnsave %[img]"
                             : [fl] "=&r"(fl), [img] "=m"(img), "=&a"(ax)
                             : [stub] "r"(stub), [v0] "m"(vals[3]), [v1] "m"(vals[10]),
                               [v2] "m"(vals[5]), [v3] "m"(vals[6])
                             : "memory", "cc");
            out_flags = fl & 0x8d5;
            hash = 2166136261u;
            hash_image();
            printf("%02x %02x: sw %04x tw %04x ax %04x fl %03x %08x\n", 0xd8 + op, 0xc0 + m,
                   img[4] | img[5] << 8, img[8] | img[9] << 8, ax & 0xffff, out_flags, hash);
        }
    }
}

/* The reserved memory forms (D9 /1, DB /4, DB /6, DD /5) are #UD. */
static void reserved_mem_forms(void)
{
    static const uint8_t forms[][2] = { { 0xd9, 0x08 }, { 0xdb, 0x20 }, { 0xdb, 0x30 },
                                        { 0xdd, 0x28 } };
    static uint8_t code[8] __attribute__((aligned(16)));

    fault_catch(SIGILL);
    for (int i = 0; i < 4; i++) {
        /* ModRM mod 0, r/m 0: the operand is [eax] */
        if (sigsetjmp(fault_jb, 1) != 0) {
            printf("%02x /%d: signal %d\n", forms[i][0], forms[i][1] >> 3, fault_sig);
            continue;
        }
        switch (i) {
        case 0: __asm__ volatile("fninit\n\t.byte 0xd9, 0x08" :: "a"(code) : "memory"); break;
        case 1: __asm__ volatile("fninit\n\t.byte 0xdb, 0x20" :: "a"(code) : "memory"); break;
        case 2: __asm__ volatile("fninit\n\t.byte 0xdb, 0x30" :: "a"(code) : "memory"); break;
        default: __asm__ volatile("fninit\n\t.byte 0xdd, 0x28" :: "a"(code) : "memory"); break;
        }
        printf("%02x /%d: no signal\n", forms[i][0], forms[i][1] >> 3);
    }
    __asm__ volatile("fninit");
}

/* Which instructions report a pending unmasked exception: the waiting
 * ones do, the FN* control forms do not (SDM vol. 1, 8.6, 8.3.11). */
static void pending_reporters(void)
{
    static const char *const names[] = { "fnop", "fldcw", "fnstenv", "fnstsw", "fnstcw",
                                         "fnclex", "fld1", "fldenv", "fxam", "fwait" };
    static uint8_t env[28];
    uint16_t cw = 0x37b;

    fault_catch(SIGFPE);
    for (int k = 0; k < 10; k++) {
        fault_sig = 0;
        if (sigsetjmp(fault_jb, 1) == 0) {
            __asm__ volatile("fninit\n\tfldcw %0\n\tfld1\n\tfldz\n\tfdivr %%st(1), %%st\n\t"
                             "fnstenv %1\n\tfldenv %1" :: "m"(cw), "m"(env) : "memory");
            switch (k) {
            case 0: __asm__ volatile("fnop"); break;
            case 1: __asm__ volatile("fldcw %0" :: "m"(cw)); break;
            case 2: __asm__ volatile("fnstenv %0" : "=m"(env)); break;
            case 3: { uint16_t sw; __asm__ volatile("fnstsw %0" : "=m"(sw)); break; }
            case 4: { uint16_t c; __asm__ volatile("fnstcw %0" : "=m"(c)); break; }
            case 5: __asm__ volatile("fnclex"); break;
            case 6: __asm__ volatile("fld1"); break;
            case 7: __asm__ volatile("fldenv %0" :: "m"(env)); break;
            case 8: __asm__ volatile("fxam"); break;
            default: __asm__ volatile("fwait"); break;
            }
            printf("pending + %s: no signal\n", names[k]);
        } else {
            printf("pending + %s: signal %d code %d\n", names[k], fault_sig, fault_code);
        }
        __asm__ volatile("fninit");
    }
}

/* The last-instruction pointers (SDM vol. 1, 8.1.8): after each step of a
 * sequence mixing common instructions with rarer ones, FNSTENV must show
 * FIP at that step's instruction (or the last non-control one before it:
 * FLDCW, FNSTSW and FNCLEX leave the pointers), FDP at the last memory
 * operand, and the opcode.  A host context switch on AMD keeps the
 * pointers only while an exception is pending, so a native step that
 * shows FIP 0 is retried. */
static void pointers(void)
{
    static double d1 = 1.5, d2;
    static uint16_t cw = 0x37f, sw;
    static uint8_t env[28];
    uint32_t expect_ip[7], ip, dp, fop;

    for (int step = 0; step < 7; step++) {
        for (int attempt = 0; attempt < 5; attempt++) {
            __asm__ volatile(
                "fninit\n\t"
                "lea 1f, %%eax\n\tmov %%eax, 0(%[ips])\n\t"
                "lea 2f, %%eax\n\tmov %%eax, 4(%[ips])\n\t"
                "lea 3f, %%eax\n\tmov %%eax, 8(%[ips])\n\t"
                "lea 4f, %%eax\n\tmov %%eax, 12(%[ips])\n\t"
                "lea 5f, %%eax\n\tmov %%eax, 16(%[ips])\n\t"
                "lea 6f, %%eax\n\tmov %%eax, 20(%[ips])\n\t"
                "lea 7f, %%eax\n\tmov %%eax, 24(%[ips])\n\t"
                "1: fldl %[d1]\n\t"           /* fast path, memory */
                "cmp $0, %[step]\n\tje 9f\n\t"
                "2: fld %%st(0)\n\t"          /* fast path, register */
                "cmp $1, %[step]\n\tje 9f\n\t"
                "3: fldcw %[cw]\n\t"          /* control: pointers stay */
                "cmp $2, %[step]\n\tje 9f\n\t"
                "4: fsin\n\t"                 /* host path */
                "cmp $3, %[step]\n\tje 9f\n\t"
                "5: fnstsw %[sw]\n\t"         /* control */
                "cmp $4, %[step]\n\tje 9f\n\t"
                "6: fstpl %[d2]\n\t"          /* fast path, store */
                "cmp $5, %[step]\n\tje 9f\n\t"
                "7: fsubrl %[d1]\n\t"         /* fast path, arithmetic */
                "9: fnstenv %[env]\n\t"
                "fninit"
                : [env] "=m"(env), [sw] "=m"(sw), [d2] "=m"(d2)
                : [d1] "m"(d1), [cw] "m"(cw), [step] "r"(step), [ips] "r"(expect_ip)
                : "eax", "memory", "cc");
            memcpy(&ip, env + 12, 4);
            if (ip) {
                break;
            }
        }
        memcpy(&ip, env + 12, 4);
        memcpy(&fop, env + 16, 4);
        memcpy(&dp, env + 20, 4);
        {
            static const int last_noncontrol[7] = { 0, 1, 1, 3, 3, 5, 6 };
            static const int last_mem[7] = { 0, 0, 0, 0, 0, 5, 6 };
            uintptr_t mems[7] = { (uintptr_t)&d1, 0, 0, 0, 0, (uintptr_t)&d2, (uintptr_t)&d1 };

            printf("pointers step %d: fip %s, fdp %s, fop %03x\n", step,
                   ip == expect_ip[last_noncontrol[step]] ? "ok" : "WRONG",
                   dp == (uint32_t)mems[last_mem[step]] ? "ok" : "WRONG", (fop >> 16) & 0x7ff);
        }
    }
}

int main(void)
{
    pointers();
    compare_consumers();
    faulting_store();
    reg_forms();
    reserved_mem_forms();
    pending_reporters();
    stack_faults();
    env_images();
    unmasked();
    sweep_memops();
    sweep_binops();
    return 0;
}
