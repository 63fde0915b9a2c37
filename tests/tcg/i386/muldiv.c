/*
 * MUL, IMUL (one-operand 8/16/32, two-operand reg,reg and reg,mem 16/32,
 * three-operand with imm8 and imm16/imm32), DIV and IDIV (8/16/32, reg and
 * mem), including #DE for division by zero and quotient overflow (delivered
 * to linux-user programs as SIGFPE, si_code FPE_INTDIV, EIP and si_addr at
 * the faulting DIV: SDM Vol. 3A, 6.15 "Interrupt 0—Divide Error Exception
 * (#DE)" says the saved EIP points to the faulting instruction).
 *
 * Undefined flags (SDM Vol. 2A/2B "Flags Affected"): MUL and IMUL define
 * only CF and OF (SF, ZF, AF, PF undefined); DIV and IDIV leave all six
 * status flags undefined, so only quotient and remainder are printed.
 */
#include "common.h"
#include "sigcatch.h"

#define PRE  "push %[fi]\n\tpopf\n\t"
#define POST "\n\tpushf\n\tpop %[fo]"
#define MULMASK (F_CF | F_OF)

static void mul1(void)
{
    static const char *const n[2] = { "mul", "imul" };
    for (int op = 0; op < 2; op++) {
        for (int i = 0; i < NVALS; i++) {
            for (int j = 0; j < NVALS; j++) {
                uint32_t fi = flags_in[(i + j) & 1], fo, a, d;
                /* 8-bit: AX = AL * r/m8 */
                a = 0xdead0000 | vals8[i];
                if (op == 0) {
                    asm volatile(PRE "mulb %b[b]" POST : "+a"(a), [fo] "=r"(fo)
                                 : [b] "q"(vals8[j]), [fi] "r"(fi) : "cc");
                } else {
                    asm volatile(PRE "imulb %b[b]" POST : "+a"(a), [fo] "=r"(fo)
                                 : [b] "q"(vals8[j]), [fi] "r"(fi) : "cc");
                }
                printf("%sb %x %x -> %x %03x\n", n[op], vals8[i], vals8[j], a, fo & MULMASK);
                /* 16-bit: DX:AX = AX * r/m16 (memory operand) */
                uint16_t m16 = vals16[j];
                a = 0xdead0000 | vals16[i];
                d = 0xbeef1234;
                if (op == 0) {
                    asm volatile(PRE "mulw (%[p])" POST : "+a"(a), "+d"(d), [fo] "=r"(fo)
                                 : [p] "r"(&m16), [fi] "r"(fi) : "cc", "memory");
                } else {
                    asm volatile(PRE "imulw (%[p])" POST : "+a"(a), "+d"(d), [fo] "=r"(fo)
                                 : [p] "r"(&m16), [fi] "r"(fi) : "cc", "memory");
                }
                printf("%sw %x %x -> %x %x %03x\n", n[op], vals16[i], vals16[j], d, a,
                       fo & MULMASK);
                /* 32-bit: EDX:EAX = EAX * r/m32, register and memory */
                uint32_t m32 = vals32[j];
                a = vals32[i];
                if (op == 0) {
                    asm volatile(PRE "mull %[b]" POST : "+a"(a), "=d"(d), [fo] "=r"(fo)
                                 : [b] "r"(vals32[j]), [fi] "r"(fi) : "cc");
                } else {
                    asm volatile(PRE "imull %[b]" POST : "+a"(a), "=d"(d), [fo] "=r"(fo)
                                 : [b] "r"(vals32[j]), [fi] "r"(fi) : "cc");
                }
                printf("%sl %x %x -> %x %x %03x\n", n[op], vals32[i], vals32[j], d, a,
                       fo & MULMASK);
                a = vals32[i];
                if (op == 0) {
                    asm volatile(PRE "mull (%[p])" POST : "+a"(a), "=d"(d), [fo] "=r"(fo)
                                 : [p] "r"(&m32), [fi] "r"(fi) : "cc", "memory");
                } else {
                    asm volatile(PRE "imull (%[p])" POST : "+a"(a), "=d"(d), [fo] "=r"(fo)
                                 : [p] "r"(&m32), [fi] "r"(fi) : "cc", "memory");
                }
                printf("%sl.m %x %x -> %x %x %03x\n", n[op], vals32[i], vals32[j], d, a,
                       fo & MULMASK);
            }
        }
    }
}

#define GEN_IMUL3(s, T, m, name, imm)                                         \
static uint32_t imul3##s##_##name(uint32_t b, uint32_t fi, uint32_t *pf)      \
{                                                                             \
    T x, y = b;                                                               \
    uint32_t fo;                                                              \
    asm volatile(PRE "imul" #s " $" #imm ", %" m "[y], %" m "[x]" POST        \
                 : [x] "=&r"(x), [fo] "=r"(fo) : [y] "r"(y), [fi] "r"(fi) : "cc"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
/* 6B /r ib (sign-extended imm8) and 69 /r iw/id */
GEN_IMUL3(w, uint16_t, "w", 3, 3) GEN_IMUL3(w, uint16_t, "w", m128, -128)
GEN_IMUL3(w, uint16_t, "w", 7fff, 0x7fff) GEN_IMUL3(w, uint16_t, "w", m1000, -1000)
GEN_IMUL3(l, uint32_t, "k", 3, 3) GEN_IMUL3(l, uint32_t, "k", m128, -128)
GEN_IMUL3(l, uint32_t, "k", 7fffffff, 0x7fffffff) GEN_IMUL3(l, uint32_t, "k", m100000, -100000)

static void imul2(void)
{
    for (int i = 0; i < NVALS; i++) {
        for (int j = 0; j < NVALS; j++) {
            uint32_t fi = flags_in[(i ^ j) & 1], fo;
            uint16_t x16 = vals16[i], m16 = vals16[j];
            uint32_t x32 = vals32[i], m32 = vals32[j];
            asm volatile(PRE "imulw %w[y], %w[x]" POST : [x] "+r"(x16), [fo] "=r"(fo)
                         : [y] "r"((uint16_t)vals16[j]), [fi] "r"(fi) : "cc");
            printf("imul2w %x %x -> %x %03x\n", vals16[i], vals16[j], x16, fo & MULMASK);
            x16 = vals16[i];
            asm volatile(PRE "imulw (%[p]), %w[x]" POST : [x] "+r"(x16), [fo] "=r"(fo)
                         : [p] "r"(&m16), [fi] "r"(fi) : "cc", "memory");
            printf("imul2w.m %x %x -> %x %03x\n", vals16[i], vals16[j], x16, fo & MULMASK);
            asm volatile(PRE "imull %[y], %[x]" POST : [x] "+r"(x32), [fo] "=r"(fo)
                         : [y] "r"(vals32[j]), [fi] "r"(fi) : "cc");
            printf("imul2l %x %x -> %x %03x\n", vals32[i], vals32[j], x32, fo & MULMASK);
            x32 = vals32[i];
            asm volatile(PRE "imull (%[p]), %[x]" POST : [x] "+r"(x32), [fo] "=r"(fo)
                         : [p] "r"(&m32), [fi] "r"(fi) : "cc", "memory");
            printf("imul2l.m %x %x -> %x %03x\n", vals32[i], vals32[j], x32, fo & MULMASK);
        }
    }
}

static void imul3(void)
{
    struct {
        const char *name;
        uint32_t (*f)(uint32_t, uint32_t, uint32_t *);
        int bits;
    } t[] = {
        { "imul3w $3", imul3w_3, 16 },           { "imul3w $-128", imul3w_m128, 16 },
        { "imul3w $0x7fff", imul3w_7fff, 16 },   { "imul3w $-1000", imul3w_m1000, 16 },
        { "imul3l $3", imul3l_3, 32 },           { "imul3l $-128", imul3l_m128, 32 },
        { "imul3l $0x7fffffff", imul3l_7fffffff, 32 },
        { "imul3l $-100000", imul3l_m100000, 32 },
    };
    for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
        const uint32_t *v = vals_for(t[k].bits);
        for (int i = 0; i < NVALS; i++) {
            uint32_t fo, r = t[k].f(v[i], flags_in[i & 1], &fo);
            printf("%s %x -> %x %03x\n", t[k].name, v[i], r, fo & MULMASK);
        }
    }
}

/*
 * Division.  Each case sets fault_expect to the DIV's address just before
 * it; on #DE the handler longjmps back and the fault line is printed.
 * Results: 8-bit AL=quotient AH=remainder; 16/32-bit (E)AX=quotient
 * (E)DX=remainder.  The upper half of EAX/EDX beyond the operand size must
 * be preserved and is printed too.
 */
enum { D8, D16, D32, D8M, D16M, D32M };

static int do_div(int sgn, int form, uint32_t *a, uint32_t *d, uint32_t b)
{
    uint32_t aa = *a, dd = *d;
    uint8_t m8 = b;
    uint16_t m16 = b;
    uint32_t m32 = b;
    if (sigsetjmp(fault_jb, 1)) {
        return 1;
    }
#define DIV1(insn, opnd, cons, val)                                           \
    asm volatile("movl $1f, %[e]\n1:\t" insn " " opnd                          \
                 : "+a"(aa), "+d"(dd), [e] "=m"(fault_expect)                  \
                 : [b] cons(val), [p] "r"(&m32), [p8] "r"(&m8), [p16] "r"(&m16)  \
                 : "cc", "memory")
    if (!sgn) {
        switch (form) {
        case D8: DIV1("divb", "%b[b]", "q", m8); break;
        case D16: DIV1("divw", "%w[b]", "q", m16); break;
        case D32: DIV1("divl", "%[b]", "r", m32); break;
        case D8M: DIV1("divb", "(%[p8])", "i", 0); break;
        case D16M: DIV1("divw", "(%[p16])", "i", 0); break;
        case D32M: DIV1("divl", "(%[p])", "i", 0); break;
        }
    } else {
        switch (form) {
        case D8: DIV1("idivb", "%b[b]", "q", m8); break;
        case D16: DIV1("idivw", "%w[b]", "q", m16); break;
        case D32: DIV1("idivl", "%[b]", "r", m32); break;
        case D8M: DIV1("idivb", "(%[p8])", "i", 0); break;
        case D16M: DIV1("idivw", "(%[p16])", "i", 0); break;
        case D32M: DIV1("idivl", "(%[p])", "i", 0); break;
        }
    }
    *a = aa;
    *d = dd;
    return 0;
}

/*
 * IDIV whose quotient does not fit (divisor != 0): #DE natively.  QEMU 7.2
 * computes some of these with a host IDIV that overflows too, so QEMU itself
 * dies of SIGFPE; these cases run last so that validating the rest of the
 * output against QEMU stays possible.
 */
static int signed_overflow(int bits, uint32_t d, uint32_t a, uint32_t b)
{
    int64_t num, den, q, lim = (int64_t)1 << (bits - 1);
    if (bits == 8) {
        num = (int16_t)a;
        den = (int8_t)b;
    } else if (bits == 16) {
        num = (int32_t)((d << 16) | (a & 0xffff));
        den = (int16_t)b;
    } else {
        uint64_t u = ((uint64_t)d << 32) | a;
        if (u == 0x8000000000000000ull) {
            return (int32_t)b != 0;
        }
        num = (int64_t)u;
        den = (int32_t)b;
    }
    if (den == 0) {
        return 0;
    }
    q = num / den;
    return q >= lim || q < -lim;
}

static void divs(void)
{
    static const char *const fn[6] = { "b", "w", "l", "b.m", "w.m", "l.m" };
    static const uint32_t hi16[] = { 0x0000, 0x0001, 0x7fff, 0x8000, 0xffff };
    static const uint32_t hi32[] = { 0x00000000, 0x00000001, 0x7fffffff, 0x80000000,
                                     0xffffffff };
    fault_catch(SIGFPE);
    /* Pass 0: everything but signed quotient overflow; pass 1: only those
     * (see signed_overflow()). */
    for (int pass = 0; pass < 2; pass++)
    for (int sgn = 0; sgn < 2; sgn++) {
        for (int form = 0; form < 6; form++) {
            int bits = (form % 3 == 0) ? 8 : (form % 3 == 1) ? 16 : 32;
            int nhi = bits == 8 ? 1 : 5;
            const uint32_t *lo = bits == 8 ? vals16 : vals_for(bits);
            const uint32_t *dv = vals_for(bits);
            int step = form >= D8M ? 3 : 1;
            for (int h = 0; h < nhi; h++) {
                for (int i = 0; i < NVALS; i += step) {
                    for (int j = 0; j < NVALS; j++) {
                        uint32_t a, d;
                        if (bits == 8) {
                            a = 0x12340000 | lo[i];
                            d = 0x5678abcd;
                        } else if (bits == 16) {
                            a = 0x12340000 | lo[i];
                            d = 0x56780000 | hi16[h];
                        } else {
                            a = lo[i];
                            d = hi32[h];
                        }
                        if (sgn && signed_overflow(bits, d, a, dv[j]) != pass) {
                            continue;
                        }
                        if (pass) {
                            fflush(stdout);
                        }
                        printf("%sdiv%s %x:%x / %x -> ", sgn ? "i" : "", fn[form], d, a, dv[j]);
                        if (do_div(sgn, form, &a, &d, dv[j])) {
                            fault_print("#DE");
                        } else {
                            printf("%x %x\n", a, d);
                        }
                    }
                }
            }
        }
    }
    uint32_t a, d;
    a = 0x80000000;
    d = 0xffffffff;
    fflush(stdout);
    printf("idivl INT_MIN/-1 -> ");
    if (do_div(1, D32, &a, &d, 0xffffffff)) {
        fault_print("#DE");
    } else {
        printf("%x %x\n", a, d);
    }
}

int main(void)
{
    setup_stdout();
    mul1();
    imul2();
    imul3();
    divs();
    return 0;
}
