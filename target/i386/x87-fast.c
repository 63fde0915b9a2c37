/*
 * The x87 fast path: the instructions compiled code runs most (loads and
 * stores of single/double/extended reals and integers, register moves,
 * FXCH, FCMOVcc, FCHS/FABS, FXAM, FRNDINT, the compares, FLDCW/FNSTCW/
 * FNSTSW, FFREE(P), FINCSTP/FDECSTP, FNOP and add/subtract/multiply/
 * divide/square root) executed directly on the state (x87-exec.h).  Moves and conversions that are exact, and the compares,
 * are done in C; the arithmetic loads just its operands into the host's
 * x87 as 80-bit values (FLD m80 is exact and signals nothing, SDM vol. 2A
 * "FLD") instead of the whole state with FRSTOR/FNSAVE.
 *
 * Whatever the outcome would need beyond that, the fast path declines and
 * leaves the instruction to x87_host_exec: stack overflow/underflow, SNaN
 * or denormal memory operands, NaN/denormal/unsupported compare operands,
 * stores that overflow, underflow or are out of integer range, and any
 * exception that is unmasked.  The condition codes follow the instruction
 * pages of SDM vol. 2A (C1 = 0 unless it reports a round-up; C0/C2/C3 kept
 * where they are "undefined", as the processors do).
 */
#include "target/i386/x87-exec.h"

#include <stdbool.h>

#if !defined(__x86_64__)
#error "x87-fast.c uses the x86-64 host's x87 for arithmetic"
#endif

/* Status word bits */
#define SW_IE   0x0001
#define SW_C0   0x0100
#define SW_C1   0x0200
#define SW_C2   0x0400
#define SW_C3   0x4000
#define SW_TOP_SHIFT 11

#define TAG_VALID   0
#define TAG_ZERO    1
#define TAG_SPECIAL 2
#define TAG_EMPTY   3

#define EXP_MAX  0x7fff
#define EXP_BIAS 16383
#define J_BIT    (1ull << 63)

/* EFLAGS bits written by FCOMI */
#define EFL_CF 0x01
#define EFL_PF 0x04
#define EFL_ZF 0x40

typedef struct F80 {
    uint64_t mant;      /* significand with its explicit integer bit (J) */
    uint64_t sign_exp;  /* sign in bit 15, biased exponent in 0..14; 64 bits
                         * wide so copies of an F80 are two whole words */
} F80;

/* The CW, SW and TW fields are read and written as the 32-bit words of the
 * image (bits 16..31 as FNSAVE left them), CW and SW with one 64-bit access,
 * so that each instruction's loads are forwarded from the previous one's
 * stores (a load spanning two stores stalls). */
typedef struct X87Img {
    uint8_t *img;
    uint32_t cw, sw, tw;
    int top;
    X87StoreFn *store;
    void *store_opaque;
} X87Img;

/* --- the image ------------------------------------------------------- */

static int phys(const X87Img *x, int i)
{
    return (x->top + i) & 7;
}

static F80 st_get(const X87Img *x, int i)
{
    F80 v;

    const uint8_t *r = x->img + X87_IMG_REGS + 10 * phys(x, i);

    memcpy(&v.mant, r, 8);
    v.sign_exp = x87_img_ld16(r, 8);
    return v;
}

static void st_put(X87Img *x, int i, F80 v)
{
    uint8_t *r = x->img + X87_IMG_REGS + 10 * phys(x, i);

    memcpy(r, &v.mant, 8);
    x87_img_st16(r, 8, (uint16_t)v.sign_exp);
}

static int tag_get(const X87Img *x, int i)
{
    return (x->tw >> (2 * phys(x, i))) & 3;
}

/* The tag FNSAVE reports for a register's contents (SDM vol. 1, 8.1.7) */
static int tag_of(F80 v)
{
    int exp = v.sign_exp & EXP_MAX;

    if (exp == EXP_MAX) {
        return TAG_SPECIAL;
    }
    if (exp == 0) {
        return v.mant ? TAG_SPECIAL : TAG_ZERO;
    }
    return (v.mant & J_BIT) ? TAG_VALID : TAG_SPECIAL;
}

static void tag_set(X87Img *x, int i, int tag)
{
    int shift = 2 * phys(x, i);

    x->tw = (x->tw & ~(3u << shift)) | (unsigned)tag << shift;
}

static void st_write(X87Img *x, int i, F80 v)
{
    st_put(x, i, v);
    tag_set(x, i, tag_of(v));
}

/* Pushing makes the physical register below TOP the new ST(0) */
static void push(X87Img *x, F80 v)
{
    x->top = (x->top - 1) & 7;
    st_write(x, 0, v);
}

/* Popping empties ST(0); its contents stay in the physical register. */
static void pop(X87Img *x)
{
    tag_set(x, 0, TAG_EMPTY);
    x->top = (x->top + 1) & 7;
}

static void commit(X87Img *x)
{
    uint64_t cw_sw;

    x->sw = (x->sw & ~(7u << SW_TOP_SHIFT)) | (unsigned)x->top << SW_TOP_SHIFT;
    cw_sw = x->cw | (uint64_t)x->sw << 32;
    memcpy(x->img + X87_IMG_CW, &cw_sw, 8);
    x87_img_st32(x->img, X87_IMG_TW, x->tw);
}

/* The flags an instruction raised, if all of them are masked (an unmasked
 * one makes the processor set ES and keep the operands, which only the
 * host path models), and C1. */
static bool may_raise(const X87Img *x, unsigned raised)
{
    return !(raised & ~x->cw & 0x3f);
}

/* Arithmetic runs on the host only under a fully masked control word: an
 * unmasked exception changes the result (SDM vol. 1, 4.9.2: e.g. underflow
 * is then signalled for exact tiny results, and the destination gets a
 * rebiased exponent). */
static bool all_masked(const X87Img *x)
{
    return (x->cw & 0x3f) == 0x3f;
}

static void set_flags(X87Img *x, unsigned raised, bool c1)
{
    x->sw = (x->sw & ~SW_C1) | raised | (c1 ? SW_C1 : 0);
}

/* --- values ---------------------------------------------------------- */

static bool f80_sign(F80 v)
{
    return (v.sign_exp >> 15) & 1;
}

static int f80_exp(F80 v)
{
    return v.sign_exp & EXP_MAX;
}

static bool f80_is_zero(F80 v)
{
    return f80_exp(v) == 0 && v.mant == 0;
}

static bool f80_is_inf(F80 v)
{
    return f80_exp(v) == EXP_MAX && v.mant == J_BIT;
}

/* A normalized finite nonzero value */
static bool f80_is_normal(F80 v)
{
    return f80_exp(v) != 0 && f80_exp(v) != EXP_MAX && (v.mant & J_BIT);
}

/* Zero, normal or infinity: what compares and conversions handle here. */
static bool f80_is_ordinary(F80 v)
{
    return f80_is_zero(v) || f80_is_normal(v) || f80_is_inf(v);
}

/* A QNaN in the 80-bit format (J set, fraction's top bit set) */
static bool f80_is_qnan(F80 v)
{
    return f80_exp(v) == EXP_MAX && (v.mant >> 62) == 3;
}

static F80 f80_make(bool sign, int exp, uint64_t mant)
{
    return (F80){ mant, (uint64_t)((sign ? 0x8000 : 0) | exp) };
}

static F80 f80_from_int(int64_t i)
{
    uint64_t mag = i < 0 ? -(uint64_t)i : (uint64_t)i;
    int lz;

    if (mag == 0) {
        return f80_make(false, 0, 0);
    }
    lz = __builtin_clzll(mag);
    return f80_make(i < 0, EXP_BIAS + 63 - lz, mag << lz);
}

/* A single or double real (frac_bits 23 or 52, exp_bits 8 or 11), exactly;
 * false for denormals (#D) and SNaNs (#IA). */
static bool f80_from_real(uint64_t bits, int frac_bits, int exp_bits, F80 *out)
{
    bool sign = (bits >> (frac_bits + exp_bits)) & 1;
    int emax = (1 << exp_bits) - 1;
    int exp = (int)(bits >> frac_bits) & emax;
    uint64_t frac = bits & ((1ull << frac_bits) - 1);
    uint64_t mant = J_BIT | frac << (63 - frac_bits);

    if (exp == 0) {
        if (frac) {
            return false;
        }
        *out = f80_make(sign, 0, 0);
    } else if (exp == emax) {
        if (frac && !(frac >> (frac_bits - 1))) {
            return false;
        }
        *out = f80_make(sign, EXP_MAX, mant);
    } else {
        *out = f80_make(sign, exp - (emax >> 1) + EXP_BIAS, mant);
    }
    return true;
}

/* Rounds the significand of `v` to `keep` leading bits by rounding
 * control `rc` (SDM vol. 1, 4.8.4): the kept bits, whether bits were lost,
 * whether the magnitude was rounded up. */
static uint64_t round_mant(F80 v, int keep, int rc, bool *inexact, bool *up)
{
    uint64_t kept = v.mant >> (64 - keep);
    uint64_t rest = v.mant << keep;     /* the lost bits, left-aligned */

    *inexact = rest != 0;
    switch (rc) {
    case 0:                             /* to nearest, ties to even */
        *up = rest > J_BIT || (rest == J_BIT && (kept & 1));
        break;
    case 1:                             /* down, towards -inf */
        *up = *inexact && f80_sign(v);
        break;
    case 2:                             /* up, towards +inf */
        *up = *inexact && !f80_sign(v);
        break;
    default:                            /* towards zero */
        *up = false;
        break;
    }
    return kept + *up;
}

/* ST(0) as a single or double real by the rounding control; false when
 * the store would overflow, underflow, or meet an SNaN or unsupported
 * value. */
static bool f80_to_real(F80 v, int frac_bits, int exp_bits, int rc, uint64_t *bits,
                        bool *inexact, bool *up)
{
    int emax = (1 << exp_bits) - 1, bias = emax >> 1;
    uint64_t sign = (uint64_t)f80_sign(v) << (frac_bits + exp_bits);
    uint64_t frac_mask = (1ull << frac_bits) - 1;

    *inexact = *up = false;
    if (f80_is_zero(v)) {
        *bits = sign;
    } else if (f80_is_inf(v) || f80_is_qnan(v)) {
        /* a QNaN keeps the top of its payload */
        *bits = sign | (uint64_t)emax << frac_bits | ((v.mant >> (63 - frac_bits)) & frac_mask);
    } else if (f80_is_normal(v)) {
        int exp = f80_exp(v) - EXP_BIAS;
        uint64_t mant = round_mant(v, frac_bits + 1, rc, inexact, up);

        if (mant >> (frac_bits + 1)) {  /* rounded up to the next power of two */
            mant >>= 1;
            exp++;
        }
        if (exp < 1 - bias || exp > bias) {
            return false;               /* denormal result or overflow */
        }
        *bits = sign | (uint64_t)(exp + bias) << frac_bits | (mant & frac_mask);
    } else {
        return false;
    }
    return true;
}

/* ST(0) as a `bits`-wide integer by the rounding control; false when out
 * of range (#IA) or not an ordinary finite value. */
static bool f80_to_int(F80 v, int bits, int rc, int64_t *out, bool *inexact, bool *up)
{
    int exp = f80_exp(v) - EXP_BIAS;
    uint64_t mag, limit = 1ull << (bits - 1);

    *inexact = *up = false;
    if (f80_is_zero(v)) {
        *out = 0;
        return true;
    }
    if (!f80_is_normal(v) || exp >= 63) {
        return false;
    }
    if (exp < 0) {
        /* |v| < 1: only the rounding decides between 0 and 1 */
        *inexact = true;
        switch (rc) {
        case 0:                 /* above one half; a tie goes to the even 0 */
            *up = exp == -1 && v.mant > J_BIT;
            break;
        case 1:
            *up = f80_sign(v);
            break;
        case 2:
            *up = !f80_sign(v);
            break;
        default:
            *up = false;
            break;
        }
        mag = *up;
    } else {
        mag = round_mant(v, exp + 1, rc, inexact, up);
    }
    if (mag > limit - !f80_sign(v)) {
        return false;
    }
    *out = f80_sign(v) ? -(int64_t)mag : (int64_t)mag;
    return true;
}

/* -1, 0, 1 for two ordinary values (zeros of either sign are equal) */
static int f80_compare(F80 a, F80 b)
{
    __int128 ka = 0, kb = 0;

    if (!f80_is_zero(a)) {
        ka = (__int128)f80_exp(a) << 64 | a.mant;
        ka = f80_sign(a) ? -ka : ka;
    }
    if (!f80_is_zero(b)) {
        kb = (__int128)f80_exp(b) << 64 | b.mant;
        kb = f80_sign(b) ? -kb : kb;
    }
    return (ka > kb) - (ka < kb);
}

/* --- arithmetic on the host ----------------------------------------- */

enum { HOST_ADD, HOST_MUL, HOST_SUB, HOST_DIV, HOST_SQRT };

/* The emulator's own x87 control word (the ABI's, SysV x86-64 3.2.3) */
static const uint16_t host_cw = 0x037f;

/* a OP b (a alone for HOST_SQRT) on the host's x87 under control word cw
 * with every exception masked: the result is the masked response, and the
 * status word's flags and C1 say what happened (read before the stores,
 * which clear C1).  The host FPU is left
 * empty, with clear flags and its own control word. */
#define HOST_OP(insn)                                                        \
    __asm__ volatile("fldcw %[cw]\n\t"                                       \
                     "fldt %[b]\n\t"                                         \
                     "fldt %[a]\n\t"                                         \
                     insn "\n\t"                                             \
                     "fnstsw %[sw]\n\t"                                      \
                     "fstpt %[r]\n\t"                                        \
                     "fstp %%st(0)\n\t"                                      \
                     "fnclex\n\t"                                            \
                     "fldcw %[hcw]"                                          \
                     : [r] "=m"(*r), [sw] "=m"(sw)                           \
                     : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw), [hcw] "m"(host_cw))

static uint16_t host_arith(int kind, const F80 *a, const F80 *b, uint16_t cw, F80 *r)
{
    uint16_t sw;

    cw |= 0x3f;
    switch (kind) {
    case HOST_ADD:
        HOST_OP("fadd %%st(1), %%st");
        break;
    case HOST_MUL:
        HOST_OP("fmul %%st(1), %%st");
        break;
    case HOST_SUB:
        HOST_OP("fsub %%st(1), %%st");
        break;
    case HOST_DIV:
        HOST_OP("fdiv %%st(1), %%st");
        break;
    default:
        HOST_OP("fsqrt");
        break;
    }
    r->sign_exp &= 0xffff;      /* FSTP m80 wrote its low 16 bits only */
    return sw;
}

/* --- instructions ---------------------------------------------------- */

static int sets_fip(bool has_mem)
{
    return X87_SETS_FIP | (has_mem ? X87_SETS_FDP : 0);
}

/* FLD/FILD/FLD1/FLDZ: push v (stack overflow declines). */
static int do_load(X87Img *x, F80 v, bool has_mem)
{
    if (tag_get(x, 7) != TAG_EMPTY) {
        return X87_DECLINED;
    }
    push(x, v);
    set_flags(x, 0, false);
    return sets_fip(has_mem);
}

static uint64_t mem_ld(const uint8_t *mem, int size)
{
    uint64_t v = 0;

    memcpy(&v, mem, size);
    return v;
}

/* The memory operand of a load form as an 80-bit value */
static bool mem_value(int op, int reg, const uint8_t *mem, F80 *v)
{
    switch (op) {
    case 0xd8:              /* m32fp arithmetic */
    case 0xd9:              /* FLD m32fp */
        return f80_from_real(mem_ld(mem, 4), 23, 8, v);
    case 0xdc:
    case 0xdd:
        return f80_from_real(mem_ld(mem, 8), 52, 11, v);
    case 0xda:              /* m32int arithmetic */
        *v = f80_from_int((int32_t)mem_ld(mem, 4));
        return true;
    case 0xdb:
        if (reg == 5) {     /* FLD m80fp */
            memcpy(&v->mant, mem, 8);
            v->sign_exp = x87_img_ld16(mem, 8);
        } else {            /* FILD m32int */
            *v = f80_from_int((int32_t)mem_ld(mem, 4));
        }
        return true;
    case 0xde:              /* m16int arithmetic */
        *v = f80_from_int((int16_t)mem_ld(mem, 2));
        return true;
    default:                /* 0xdf: FILD m16int / m64int */
        *v = f80_from_int(reg == 5 ? (int64_t)mem_ld(mem, 8) : (int16_t)mem_ld(mem, 2));
        return true;
    }
}

/* FST/FSTP m32fp/m64fp/m80fp, FIST/FISTP m16/m32/m64int */
static int do_store(X87Img *x, int op, int reg)
{
    int rc = (x->cw >> 10) & 3;
    bool inexact = false, up = false, ok = true;
    uint8_t data[10];
    uint64_t bits = 0;
    int64_t ival = 0;
    int size;
    F80 v;

    if (tag_get(x, 0) == TAG_EMPTY) {
        return X87_DECLINED;
    }
    v = st_get(x, 0);
    switch (op) {
    case 0xd9:
        ok = f80_to_real(v, 23, 8, rc, &bits, &inexact, &up);
        size = 4;
        break;
    case 0xdd:
        ok = f80_to_real(v, 52, 11, rc, &bits, &inexact, &up);
        size = 8;
        break;
    case 0xdb:
        if (reg == 7) {                 /* FSTP m80fp: exact */
            memcpy(data, &v.mant, 8);
            x87_img_st16(data, 8, (uint16_t)v.sign_exp);
            size = 10;
            break;
        }
        ok = f80_to_int(v, 32, rc, &ival, &inexact, &up);
        bits = (uint64_t)ival;
        size = 4;
        break;
    default:                            /* 0xdf */
        ok = f80_to_int(v, reg == 7 ? 64 : 16, rc, &ival, &inexact, &up);
        bits = (uint64_t)ival;
        size = reg == 7 ? 8 : 2;
        break;
    }
    if (!ok || !may_raise(x, inexact ? 0x20 : 0)) {
        return X87_DECLINED;
    }
    if (size < 10) {
        memcpy(data, &bits, size);
    }
    x->store(x->store_opaque, data, size);
    set_flags(x, inexact ? 0x20 : 0, up);
    if (reg != 2) {                     /* FSTP/FISTP */
        pop(x);
    }
    return sets_fip(true);
}

/* FCOM-type compares of ST(0) with v: C3/C2/C0 or ZF/PF/CF; `pops` times
 * pop.  Operands other than zeros, normals and infinities decline (NaNs
 * raise #IA or report unordered; denormals raise #D). */
static int do_compare(X87Img *x, F80 v, int pops, uint64_t *eflags, bool has_mem)
{
    F80 a;
    int c;

    if (tag_get(x, 0) == TAG_EMPTY) {
        return X87_DECLINED;
    }
    a = st_get(x, 0);
    if (!f80_is_ordinary(a) || !f80_is_ordinary(v)) {
        return X87_DECLINED;
    }
    c = f80_compare(a, v);
    if (eflags) {
        /* C1 is left as it was: so this host's processor does it, though
         * the SDM's FCOMI page says "set to 0" */
        *eflags = c < 0 ? EFL_CF : c == 0 ? EFL_ZF : 0;
    } else {
        x->sw &= ~(uint32_t)(SW_C0 | SW_C2 | SW_C3);
        x->sw |= c < 0 ? SW_C0 : c == 0 ? SW_C3 : 0;
        set_flags(x, 0, false);
    }
    while (pops--) {
        pop(x);
    }
    return sets_fip(has_mem);
}

/* The basic operations: reg field 0 add, 1 mul, 4/5 sub, 6/7 div, the odd
 * ones with the operands reversed.  `other` is ST(i) or the memory
 * operand; the result goes to ST(dest), then `pop` pops. */
static int do_arith(X87Img *x, int reg, F80 other, int dest, bool pop_after, bool has_mem)
{
    static const int kinds[8] = { HOST_ADD, HOST_MUL, -1, -1, HOST_SUB, HOST_SUB,
                                  HOST_DIV, HOST_DIV };
    F80 st0, r;
    uint16_t hsw;

    if (tag_get(x, 0) == TAG_EMPTY || !all_masked(x)) {
        return X87_DECLINED;
    }
    st0 = st_get(x, 0);
    hsw = (reg & 1) && reg >= 4 ? host_arith(kinds[reg], &other, &st0, (uint16_t)x->cw, &r)
                                : host_arith(kinds[reg], &st0, &other, (uint16_t)x->cw, &r);
    st_write(x, dest, r);
    set_flags(x, hsw & 0x3f, hsw & SW_C1);
    if (pop_after) {
        pop(x);
    }
    return sets_fip(has_mem);
}

/* FCMOVcc ST(0), ST(i): DA C0..DF (B, E, BE, U), DB C0..DF (the negations),
 * from CF/ZF/PF (SDM vol. 2A, FCMOVcc). */
static int do_fcmov(X87Img *x, int op, int modrm, const uint64_t *eflags)
{
    static const uint64_t tested[4] = { EFL_CF, EFL_ZF, EFL_CF | EFL_ZF, EFL_PF };
    int i = modrm & 7;
    bool cond = (*eflags & tested[(modrm >> 3) & 3]) != 0;

    if (tag_get(x, 0) == TAG_EMPTY || tag_get(x, i) == TAG_EMPTY) {
        return X87_DECLINED;
    }
    if (cond == (op == 0xda)) {
        st_write(x, 0, st_get(x, i));
    }
    return X87_SETS_FIP;                    /* C1 as it was, as the host does */
}

/* FXAM: the class of ST(0) in C3/C2/C0 and its sign in C1 (SDM vol. 2A,
 * FXAM); empty and unsupported registers are left to the host. */
static int do_fxam(X87Img *x)
{
    F80 v;
    uint32_t cc;

    if (tag_get(x, 0) == TAG_EMPTY) {
        return X87_DECLINED;
    }
    v = st_get(x, 0);
    if (f80_is_zero(v)) {
        cc = SW_C3;
    } else if (f80_is_normal(v)) {
        cc = SW_C2;
    } else if (f80_is_inf(v)) {
        cc = SW_C2 | SW_C0;
    } else if (f80_exp(v) == EXP_MAX && (v.mant & J_BIT)) {
        cc = SW_C0;                         /* NaN */
    } else if (f80_exp(v) == 0 && !(v.mant & J_BIT)) {
        cc = SW_C3 | SW_C2;                 /* denormal */
    } else {
        return X87_DECLINED;
    }
    x->sw = (x->sw & ~(uint32_t)(SW_C0 | SW_C1 | SW_C2 | SW_C3)) | cc |
            (f80_sign(v) ? SW_C1 : 0);
    return X87_SETS_FIP;
}

/* FRNDINT: ST(0) rounded to an integer by the rounding control */
static int do_frndint(X87Img *x)
{
    bool inexact = false, up = false;
    F80 v, r;
    int exp;

    if (tag_get(x, 0) == TAG_EMPTY) {
        return X87_DECLINED;
    }
    v = st_get(x, 0);
    exp = f80_exp(v) - EXP_BIAS;
    if (!f80_is_normal(v) || exp >= 63) {
        /* zeros, infinities and large values are integers already;
         * NaNs, denormals and unsupported values need the host */
        if (!f80_is_zero(v) && !f80_is_inf(v) && !(f80_is_normal(v) && exp >= 63)) {
            return X87_DECLINED;
        }
        r = v;
    } else {
        int64_t i;

        if (!f80_to_int(v, 64, (x->cw >> 10) & 3, &i, &inexact, &up)) {
            return X87_DECLINED;            /* rounds to +2^63 */
        }
        r = f80_from_int(i);
        if (i == 0 && f80_sign(v)) {
            r.sign_exp |= 0x8000;           /* e.g. -0.3 rounds to -0 */
        }
    }
    if (!may_raise(x, inexact ? 0x20 : 0)) {
        return X87_DECLINED;
    }
    st_write(x, 0, r);
    set_flags(x, inexact ? 0x20 : 0, up);
    return X87_SETS_FIP;
}

static int fast_mem(X87Img *x, int op, int reg, const uint8_t *mem)
{
    F80 v;

    switch (op << 4 | reg) {
    case 0xd90: case 0xdd0: case 0xdb5: case 0xdf0: case 0xdb0: case 0xdf5:
        /* FLD m32/m64/m80fp, FILD m16/m32/m64int */
        if (!mem_value(op, reg, mem, &v)) {
            return X87_DECLINED;
        }
        return do_load(x, v, true);
    case 0xd92: case 0xd93: case 0xdd2: case 0xdd3: case 0xdb7:
    case 0xdb2: case 0xdb3: case 0xdf2: case 0xdf3: case 0xdf7:
        return do_store(x, op, reg);
    case 0xd95: {                       /* FLDCW */
        uint16_t cw = x87_img_ld16(mem, 0);

        /* Only the usual words: reserved bits 13..15 and 7 clear, bit 6
         * set (as FNSTCW reads them), and no pending flag newly unmasked
         * (which would set ES). */
        if ((cw & 0xe0c0) != 0x0040 || (x->sw & ~cw & 0x3f)) {
            return X87_DECLINED;
        }
        x->cw = (x->cw & 0xffff0000u) | cw;
        return 0;                       /* a control instruction */
    }
    case 0xd97:                         /* FNSTCW */
    case 0xdd7: {                       /* FNSTSW m16 */
        uint8_t data[2];

        x87_img_st16(data, 0, (uint16_t)(op == 0xd9 ? x->cw : x->sw));
        x->store(x->store_opaque, data, 2);
        return 0;
    }
    }
    if (op == 0xd8 || op == 0xdc || op == 0xda || op == 0xde) {
        if (!mem_value(op, reg, mem, &v)) {
            return X87_DECLINED;
        }
        if (reg == 2 || reg == 3) {     /* FCOM/FCOMP, FICOM/FICOMP */
            return do_compare(x, v, reg == 3, NULL, true);
        }
        return do_arith(x, reg, v, 0, false, true);
    }
    return X87_DECLINED;
}

static int fast_reg(X87Img *x, int op, int modrm, uint64_t *eflags)
{
    int reg = (modrm >> 3) & 7, i = modrm & 7;
    F80 v;

    switch (op) {
    case 0xd8:                          /* ST(0) = ST(0) op ST(i) */
    case 0xdc:                          /* ST(i) = ST(i) op ST(0) */
    case 0xde:                          /* the same, then pop */
        if (reg == 2 || reg == 3) {
            /* FCOM/FCOMP (and their DC/DE aliases), FCOMPP */
            if (op == 0xde && modrm != 0xd9) {
                break;
            }
            if (tag_get(x, i) == TAG_EMPTY) {
                return X87_DECLINED;
            }
            return do_compare(x, st_get(x, i), op == 0xde ? 2 : reg == 3, NULL, false);
        }
        if (tag_get(x, i) == TAG_EMPTY) {
            return X87_DECLINED;
        }
        return do_arith(x, reg, st_get(x, i), op == 0xd8 ? 0 : i, op == 0xde, false);
    case 0xd9:
        if (reg == 0) {                 /* FLD ST(i) */
            if (tag_get(x, i) == TAG_EMPTY) {
                return X87_DECLINED;
            }
            return do_load(x, st_get(x, i), false);
        }
        if (reg == 1) {                 /* FXCH ST(i) */
            F80 a;
            int ta, tb;

            ta = tag_get(x, 0);
            tb = tag_get(x, i);
            if (ta == TAG_EMPTY || tb == TAG_EMPTY) {
                return X87_DECLINED;
            }
            a = st_get(x, 0);
            st_put(x, 0, st_get(x, i));
            st_put(x, i, a);
            tag_set(x, 0, tb);
            tag_set(x, i, ta);
            set_flags(x, 0, false);
            return X87_SETS_FIP;
        }
        switch (modrm) {
        case 0xe0:                      /* FCHS */
        case 0xe1:                      /* FABS */
            if (tag_get(x, 0) == TAG_EMPTY) {
                return X87_DECLINED;
            }
            v = st_get(x, 0);
            v.sign_exp = modrm == 0xe0 ? v.sign_exp ^ 0x8000 : v.sign_exp & 0x7fff;
            st_put(x, 0, v);
            set_flags(x, 0, false);
            return X87_SETS_FIP;
        case 0xd0:                      /* FNOP */
            return X87_SETS_FIP;
        case 0xe5:                      /* FXAM */
            return do_fxam(x);
        case 0xf6:                      /* FDECSTP */
        case 0xf7:                      /* FINCSTP */
            x->top = (x->top + (modrm == 0xf7 ? 1 : -1)) & 7;
            set_flags(x, 0, false);
            return X87_SETS_FIP;
        case 0xfc:                      /* FRNDINT */
            return do_frndint(x);
        case 0xe4:                      /* FTST */
            return do_compare(x, f80_make(false, 0, 0), 0, NULL, false);
        case 0xe8:                      /* FLD1 */
            return do_load(x, f80_make(false, EXP_BIAS, J_BIT), false);
        case 0xee:                      /* FLDZ */
            return do_load(x, f80_make(false, 0, 0), false);
        case 0xfa: {                    /* FSQRT */
            F80 a, r;
            uint16_t hsw;

            if (tag_get(x, 0) == TAG_EMPTY || !all_masked(x)) {
                return X87_DECLINED;
            }
            a = st_get(x, 0);
            hsw = host_arith(HOST_SQRT, &a, &a, (uint16_t)x->cw, &r);
            st_write(x, 0, r);
            set_flags(x, hsw & 0x3f, hsw & SW_C1);
            return X87_SETS_FIP;
        }
        }
        break;
    case 0xda:
        if (modrm < 0xe0) {
            return do_fcmov(x, op, modrm, eflags);
        }
        if (modrm == 0xe9) {            /* FUCOMPP */
            if (tag_get(x, 1) == TAG_EMPTY) {
                return X87_DECLINED;
            }
            return do_compare(x, st_get(x, 1), 2, NULL, false);
        }
        break;
    case 0xdb:
    case 0xdf:
        if (op == 0xdb && modrm < 0xe0) {
            return do_fcmov(x, op, modrm, eflags);
        }
        if (op == 0xdf && modrm < 0xc8) {   /* FFREEP ST(i) */
            tag_set(x, i, TAG_EMPTY);
            set_flags(x, 0, false);
            pop(x);
            return X87_SETS_FIP;
        }
        if (modrm >= 0xe8 && modrm < 0xf8) {
            /* FUCOMI/FCOMI, FUCOMIP/FCOMIP ST(0), ST(i) */
            if (tag_get(x, i) == TAG_EMPTY) {
                return X87_DECLINED;
            }
            return do_compare(x, st_get(x, i), op == 0xdf, eflags, false);
        }
        break;
    case 0xdd:
        if (reg == 0) {                 /* FFREE ST(i) */
            tag_set(x, i, TAG_EMPTY);
            set_flags(x, 0, false);     /* C1 cleared, as the host does */
            return X87_SETS_FIP;
        }
        if (reg == 2 || reg == 3) {     /* FST/FSTP ST(i) */
            if (tag_get(x, 0) == TAG_EMPTY) {
                return X87_DECLINED;
            }
            st_write(x, i, st_get(x, 0));
            set_flags(x, 0, false);
            if (reg == 3) {
                pop(x);
            }
            return X87_SETS_FIP;
        }
        if (reg == 4 || reg == 5) {     /* FUCOM/FUCOMP ST(i) */
            if (tag_get(x, i) == TAG_EMPTY) {
                return X87_DECLINED;
            }
            return do_compare(x, st_get(x, i), reg == 5, NULL, false);
        }
        break;
    }
    return X87_DECLINED;
}

/* Flattened: with every step inlined the X87Img lives in registers, and
 * no step reloads a field, or an F80 returned through a pointer, just
 * stored to memory in other pieces (a missed store forwarding). */
__attribute__((flatten))
int x87_fast_exec(uint8_t state[X87_IMG_SIZE], int op, int modrm, const uint8_t *mem,
                  uint64_t *eflags, X87StoreFn *store, void *opaque)
{
    X87Img x;
    uint64_t cw_sw;
    int sets;

    x.img = state;
    x.store = store;
    x.store_opaque = opaque;
    memcpy(&cw_sw, state + X87_IMG_CW, 8);
    x.cw = (uint32_t)cw_sw;
    x.sw = (uint32_t)(cw_sw >> 32);
    x.tw = x87_img_ld32(state, X87_IMG_TW);
    x.top = (x.sw >> SW_TOP_SHIFT) & 7;

    /* Every path decides, and stores, before it changes the image. */
    sets = (modrm >> 6) == 3 ? fast_reg(&x, op, modrm, eflags)
                             : fast_mem(&x, op, (modrm >> 3) & 7, mem);
    if (sets != X87_DECLINED) {
        commit(&x);
    }
    return sets;
}
