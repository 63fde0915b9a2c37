/*
 * Integer helpers too rare or too branchy to inline: DIV/IDIV (with #DE),
 * the BCD adjustments, RCL/RCR.  SDM vol. 2A/2B, the instruction pages.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

/* ---- DIV / IDIV: #DE on a zero divisor or a quotient that does not fit */

void HELPER(divb_AL)(CPUX86State *env, uint32_t divisor)
{
    uint32_t num = env->regs[R_EAX] & 0xffff;
    uint32_t den = divisor & 0xff, q;

    if (den == 0 || (q = num / den) > 0xff) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | ((num % den) << 8) | q;
}

void HELPER(idivb_AL)(CPUX86State *env, uint32_t divisor)
{
    int32_t num = (int16_t)env->regs[R_EAX];
    int32_t den = (int8_t)divisor, q;

    if (den == 0) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q != (int8_t)q) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (((num % den) & 0xff) << 8) |
                       (q & 0xff);
}

void HELPER(divw_AX)(CPUX86State *env, uint32_t divisor)
{
    uint32_t num = (env->regs[R_EAX] & 0xffff) | ((env->regs[R_EDX] & 0xffff) << 16);
    uint32_t den = divisor & 0xffff, q;

    if (den == 0 || (q = num / den) > 0xffff) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | q;
    env->regs[R_EDX] = (env->regs[R_EDX] & ~0xffffu) | (num % den);
}

void HELPER(idivw_AX)(CPUX86State *env, uint32_t divisor)
{
    int32_t num = (int32_t)((env->regs[R_EAX] & 0xffff) | (env->regs[R_EDX] << 16));
    int32_t den = (int16_t)divisor, q;

    /* INT32_MIN / -1 would trap on the host: it overflows 16 bits anyway */
    if (den == 0 || (den == -1 && num == INT32_MIN)) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q != (int16_t)q) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (q & 0xffff);
    env->regs[R_EDX] = (env->regs[R_EDX] & ~0xffffu) | ((num % den) & 0xffff);
}

void HELPER(divl_EAX)(CPUX86State *env, uint32_t divisor)
{
    uint64_t num = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    uint64_t q;

    if (divisor == 0 || (q = num / divisor) > 0xffffffffu) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (uint32_t)q;
    env->regs[R_EDX] = (uint32_t)(num % divisor);
}

void HELPER(idivl_EAX)(CPUX86State *env, uint32_t divisor)
{
    int64_t num = (int64_t)(((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX]);
    int64_t den = (int32_t)divisor, q;

    if (den == 0 || (den == -1 && num == INT64_MIN)) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / den;
    if (q != (int32_t)q) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (uint32_t)q;
    env->regs[R_EDX] = (uint32_t)(num % den);
}

/* ---- BCD.  Each helper reads the flags, sets all six (undefined ones to
 * what this code computes) and leaves them in CC_OP_EFLAGS form. */

static uint32_t szp_of_byte(uint32_t v)
{
    uint32_t f = (__builtin_popcount(v & 0xff) & 1) ? 0 : CC_P;
    if ((v & 0xff) == 0) {
        f |= CC_Z;
    }
    return f | (v & 0x80 ? CC_S : 0);
}

static void set_al_flags(CPUX86State *env, uint32_t al, uint32_t f)
{
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffu) | (al & 0xff);
    env->cc_src = f;
    env->cc_op = CC_OP_EFLAGS;
}

static uint32_t cur_flags(CPUX86State *env)
{
    return cc_compute_all(env->cc_dst, env->cc_src, env->cc_src2, env->cc_op);
}

void HELPER(daa)(CPUX86State *env)
{
    uint32_t fl = cur_flags(env);
    uint32_t old_al = env->regs[R_EAX] & 0xff, al = old_al, f = 0;

    if ((al & 0xf) > 9 || (fl & CC_A)) {
        f |= CC_A | ((fl & CC_C) || al > 0xf9 ? CC_C : 0);
        al = (al + 6) & 0xff;
    }
    if (old_al > 0x99 || (fl & CC_C)) {
        al = (al + 0x60) & 0xff;
        f |= CC_C;
    } else {
        f &= ~CC_C;
    }
    set_al_flags(env, al, f | szp_of_byte(al));
}

void HELPER(das)(CPUX86State *env)
{
    uint32_t fl = cur_flags(env);
    uint32_t old_al = env->regs[R_EAX] & 0xff, al = old_al, f = 0;

    if ((al & 0xf) > 9 || (fl & CC_A)) {
        f |= CC_A | ((fl & CC_C) || al < 6 ? CC_C : 0);
        al = (al - 6) & 0xff;
    }
    if (old_al > 0x99 || (fl & CC_C)) {
        al = (al - 0x60) & 0xff;
        f |= CC_C;
    }
    set_al_flags(env, al, f | szp_of_byte(al));
}

/* Newer SDMs: AAA adds 106H to AX, AAS subtracts 106H. */
static void ascii_adjust(CPUX86State *env, int32_t delta)
{
    uint32_t fl = cur_flags(env);
    uint32_t ax = env->regs[R_EAX] & 0xffff, f = 0;

    if ((ax & 0xf) > 9 || (fl & CC_A)) {
        ax = (ax + delta) & 0xffff;
        f = CC_A | CC_C;
    }
    ax &= 0xff0f;
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | ax;
    env->cc_src = f | szp_of_byte(ax);
    env->cc_op = CC_OP_EFLAGS;
}

void HELPER(aaa)(CPUX86State *env)
{
    ascii_adjust(env, 0x106);
}

void HELPER(aas)(CPUX86State *env)
{
    ascii_adjust(env, -0x106);
}

void HELPER(aam)(CPUX86State *env, int base)
{
    uint32_t al = env->regs[R_EAX] & 0xff;

    if (base == 0) {
        raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | ((al / base) << 8) | (al % base);
    env->cc_src = szp_of_byte(al % base);
    env->cc_op = CC_OP_EFLAGS;
}

void HELPER(aad)(CPUX86State *env, int base)
{
    uint32_t ax = env->regs[R_EAX];
    uint32_t al = ((ax & 0xff) + ((ax >> 8) & 0xff) * base) & 0xff;

    env->regs[R_EAX] = (ax & ~0xffffu) | al;
    env->cc_src = szp_of_byte(al);
    env->cc_op = CC_OP_EFLAGS;
}

/* ---- RCL / RCR through CF.  `arg` packs the operand size (bits 0..1, as
 * MO_8/16/32) and the raw count (bits 8..); the result is returned and the
 * new flags left in env->cc_tmp: the translator moves them into cc_src
 * after its store, so a faulting store leaves the lazy flags untouched.  A masked count of 0 leaves flags
 * unchanged (SDM vol. 2B, RCL/RCR/ROL/ROR). */
static uint32_t rotate_through_carry(CPUX86State *env, uint32_t val, uint32_t arg, bool left)
{
    int size = arg & 3, bits = 8 << size;
    int count = (arg >> 8) & 0x1f;
    uint32_t fl = cur_flags(env);
    uint64_t m = (1ull << bits) - 1;
    uint64_t v = val & m, cf = fl & CC_C ? 1 : 0;
    uint64_t wide;                       /* CF:value as a (bits+1)-bit number */

    if (bits == 8) {
        count %= 9;
    } else if (bits == 16) {
        count %= 17;
    }
    if (count == 0) {
        env->cc_tmp = fl;
        return (uint32_t)v;
    }
    wide = (cf << bits) | v;
    if (left) {
        wide = ((wide << count) | (wide >> (bits + 1 - count))) & ((m << 1) | 1);
    } else {
        wide = ((wide >> count) | (wide << (bits + 1 - count))) & ((m << 1) | 1);
    }
    v = wide & m;
    cf = wide >> bits;
    fl &= ~(CC_C | CC_O);
    fl |= cf ? CC_C : 0;
    if (left) {
        /* OF = MSB(result) XOR CF */
        if (((v >> (bits - 1)) & 1) ^ cf) {
            fl |= CC_O;
        }
    } else {
        /* OF = XOR of the two most significant bits of the result */
        if (((v >> (bits - 1)) ^ (v >> (bits - 2))) & 1) {
            fl |= CC_O;
        }
    }
    env->cc_tmp = fl;
    return (uint32_t)v;
}

uint32_t HELPER(rcl)(CPUX86State *env, uint32_t val, uint32_t arg)
{
    return rotate_through_carry(env, val, arg, true);
}

uint32_t HELPER(rcr)(CPUX86State *env, uint32_t val, uint32_t arg)
{
    return rotate_through_carry(env, val, arg, false);
}
