/*
 * Lazy EFLAGS: computing the arithmetic flags from cc_op and its operands
 * (see CCOp in cpu.h for what cc_dst/cc_src/cc_src2 hold per op), and the
 * EFLAGS read/write helpers that PUSHF/POPF/LAHF/SAHF use.
 *
 * Definitions of each flag per instruction: SDM vol. 2, the "Flags
 * Affected" section of each instruction; AF is the carry/borrow out of
 * bit 3 (SDM vol. 1, 3.4.3.1).
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

/* PF: set when the low byte of the result has an even number of 1 bits. */
static inline uint32_t parity_flag(uint32_t v)
{
    return (__builtin_popcount(v & 0xff) & 1) ? 0 : CC_P;
}

static inline uint32_t size_mask(int size)
{
    return size == 0 ? 0xffu : size == 1 ? 0xffffu : 0xffffffffu;
}

static inline uint32_t sign_bit(int size)
{
    return 1u << ((8 << size) - 1);
}

/* ZF, SF, PF of a result of `size` (0 = byte, 1 = word, 2 = dword). */
static inline uint32_t zsp_flags(uint32_t res, int size)
{
    uint32_t f = parity_flag(res);
    res &= size_mask(size);
    if (res == 0) {
        f |= CC_Z;
    }
    if (res & sign_bit(size)) {
        f |= CC_S;
    }
    return f;
}

static uint32_t flags_add(uint32_t dst, uint32_t b, uint32_t carry, int size)
{
    uint32_t m = size_mask(size);
    uint32_t a = dst - b - carry;
    uint32_t f = zsp_flags(dst, size);
    uint32_t d = dst & m;
    a &= m;
    b &= m;
    if (carry ? d <= a : d < a) {
        f |= CC_C;
    }
    f |= (a ^ b ^ d) & CC_A;
    if (~(a ^ b) & (a ^ d) & sign_bit(size)) {
        f |= CC_O;
    }
    return f;
}

static uint32_t flags_sub(uint32_t dst, uint32_t b, uint32_t borrow, int size)
{
    uint32_t m = size_mask(size);
    uint32_t a = dst + b + borrow;
    uint32_t f = zsp_flags(dst, size);
    uint32_t d = dst & m;
    a &= m;
    b &= m;
    if (borrow ? a <= b : a < b) {
        f |= CC_C;
    }
    f |= (a ^ b ^ d) & CC_A;
    if ((a ^ b) & (a ^ d) & sign_bit(size)) {
        f |= CC_O;
    }
    return f;
}

uint32_t cc_compute_all(uint32_t dst, uint32_t src, uint32_t src2, int op)
{
    int size;
    uint32_t f;

    if (op == CC_OP_EFLAGS) {
        return src & CC_ARITH_MASK;
    }
    if (op < CC_OP_ADDB || op >= CC_OP_NB) {
        return 0; /* CC_OP_DYNAMIC never reaches run time */
    }
    size = (op - CC_OP_ADDB) % 3;
    switch (op - size) {
    case CC_OP_ADDB:
        return flags_add(dst, src, 0, size);
    case CC_OP_ADCB:
        return flags_add(dst, src, src2 & 1, size);
    case CC_OP_SUBB:
        return flags_sub(dst, src, 0, size);
    case CC_OP_SBBB:
        return flags_sub(dst, src, src2 & 1, size);
    case CC_OP_LOGICB:
        return zsp_flags(dst, size);
    case CC_OP_INCB:
        f = zsp_flags(dst, size) | (src & 1 ? CC_C : 0);
        if ((dst & 0xf) == 0) {
            f |= CC_A;                       /* carry out of bit 3 */
        }
        if ((dst & size_mask(size)) == sign_bit(size)) {
            f |= CC_O;                       /* 0x7f..f + 1 */
        }
        return f;
    case CC_OP_DECB:
        f = zsp_flags(dst, size) | (src & 1 ? CC_C : 0);
        if ((dst & 0xf) == 0xf) {
            f |= CC_A;                       /* borrow into bit 3 */
        }
        if ((dst & size_mask(size)) == sign_bit(size) - 1) {
            f |= CC_O;                       /* 0x80..0 - 1 */
        }
        return f;
    case CC_OP_SHLB:
        f = zsp_flags(dst, size);
        if (src & sign_bit(size)) {
            f |= CC_C;
        }
        /* OF = MSB(result) XOR CF (defined for 1-bit shifts only) */
        if (((dst ^ src) & sign_bit(size))) {
            f |= CC_O;
        }
        return f;
    case CC_OP_SARB:
        f = zsp_flags(dst, size) | (src & 1 ? CC_C : 0);
        /* SHR: OF = MSB of the original; SAR: 0 (1-bit shifts) */
        if ((dst ^ src) & sign_bit(size)) {
            f |= CC_O;
        }
        return f;
    case CC_OP_MULB:
        f = zsp_flags(dst, size);
        if (src != 0) {
            f |= CC_C | CC_O;
        }
        return f;
    }
    return 0;
}

uint32_t HELPER(cc_compute_all)(uint32_t dst, uint32_t src, uint32_t src2, int op)
{
    return cc_compute_all(dst, src, src2, op);
}

uint32_t HELPER(cc_compute_c)(uint32_t dst, uint32_t src, uint32_t src2, int op)
{
    return cc_compute_all(dst, src, src2, op) & CC_C;
}

uint32_t cpu_compute_eflags(CPUX86State *env)
{
    uint32_t f = env->eflags & ~(CC_ARITH_MASK | DF_MASK);
    f |= cc_compute_all(env->cc_dst, env->cc_src, env->cc_src2, env->cc_op);
    if (env->df < 0) {
        f |= DF_MASK;
    }
    return f | 0x2; /* bit 1 always reads 1 */
}

void cpu_load_eflags(CPUX86State *env, uint32_t eflags, uint32_t update_mask)
{
    uint32_t full = cpu_compute_eflags(env);
    full = (full & ~update_mask) | (eflags & update_mask);
    env->cc_src = full & CC_ARITH_MASK;
    env->cc_op = CC_OP_EFLAGS;
    env->df = (full & DF_MASK) ? -1 : 1;
    /* Bits 3, 5, 15 and 22..31 are reserved zero, bit 1 reserved one. */
    env->eflags = ((full & ~CC_ARITH_MASK) & 0x003f7fd7u) | 0x2;
    x86_update_hflags(env);
}

uint32_t HELPER(read_eflags)(CPUX86State *env)
{
    /* RF and VM read as 0 through PUSHF (SDM vol. 2B, PUSHF). */
    return cpu_compute_eflags(env) & ~(RF_MASK | VM_MASK);
}

/* POPF/SAHF/IRET: mask says which bits this privilege level may change;
 * the translator computes it from CPL, IOPL and the operand size. */
void HELPER(write_eflags)(CPUX86State *env, uint32_t val, uint32_t mask)
{
    cpu_load_eflags(env, val, mask);
}
