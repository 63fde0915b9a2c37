/*
 * The tcg_gen_* builders (include/tcg/tcg-op.h): each appends IR ops to the
 * current TB.  The immediate forms do the trivial simplifications on the
 * spot (x + 0, x & -1, shift by 0, ...) so the optimizer sees less.
 */
#include <stdlib.h>

#include "tcg/tcg.h"
#include <stddef.h>

#include "exec/translation-block.h"
#include "hw/core/cpu.h"

#define T32(v) tcgv_i32_arg(v)
#define T64(v) tcgv_i64_arg(v)
#define TP(v) tcgv_ptr_arg(v)
#define C32(x) tcgv_i32_arg(tcg_constant_i32(x))
#define C64(x) tcgv_i64_arg(tcg_constant_i64(x))

static __attribute__((noreturn)) void bad_args(const char *what)
{
    fprintf(stderr, "q86: IR builder misuse: %s\n", what);
    abort();
}

static void check_field(unsigned ofs, unsigned len, unsigned bits, const char *op)
{
    if (len < 1 || ofs >= bits || len > bits - ofs) {
        fprintf(stderr, "q86: IR builder misuse: %s with ofs=%u len=%u\n", op, ofs, len);
        abort();
    }
}

/* ---- labels and branches ---- */

void gen_set_label(TCGLabel *l)
{
    tcg_gen_op1(INDEX_op_set_label, label_arg(l));
}

void tcg_gen_br(TCGLabel *l)
{
    l->refs++;
    tcg_gen_op1(INDEX_op_br, label_arg(l));
}

/* ---- 32-bit ---- */

void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 arg)
{
    if (ret != arg) {
        tcg_gen_op2(INDEX_op_mov_i32, T32(ret), T32(arg));
    }
}

void tcg_gen_movi_i32(TCGv_i32 ret, int32_t arg)
{
    tcg_gen_op2(INDEX_op_mov_i32, T32(ret), C32(arg));
}

void tcg_gen_add_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_add_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_mov_i32(ret, a);
    } else {
        tcg_gen_op3(INDEX_op_add_i32, T32(ret), T32(a), C32(b));
    }
}

void tcg_gen_sub_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_sub_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_addi_i32(ret, a, (int32_t)(0u - (uint32_t)b));
}

void tcg_gen_subfi_i32(TCGv_i32 ret, int32_t a, TCGv_i32 b)
{
    if (a == 0) {
        tcg_gen_neg_i32(ret, b);
    } else {
        tcg_gen_op3(INDEX_op_sub_i32, T32(ret), C32(a), T32(b));
    }
}

void tcg_gen_neg_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_neg_i32, T32(ret), T32(a));
}

void tcg_gen_mul_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_mul_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_movi_i32(ret, 0);
    } else if (b == 1) {
        tcg_gen_mov_i32(ret, a);
    } else if ((b & (b - 1)) == 0 && b > 0) {
        tcg_gen_shli_i32(ret, a, __builtin_ctz((uint32_t)b));
    } else {
        tcg_gen_op3(INDEX_op_mul_i32, T32(ret), T32(a), C32(b));
    }
}

void tcg_gen_div_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_div_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_rem_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_rem_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_divu_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_divu_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_remu_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_remu_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_and_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_and_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    switch (b) {
    case 0:
        tcg_gen_movi_i32(ret, 0);
        break;
    case -1:
        tcg_gen_mov_i32(ret, a);
        break;
    case 0xff:
        tcg_gen_ext8u_i32(ret, a);
        break;
    case 0xffff:
        tcg_gen_ext16u_i32(ret, a);
        break;
    default:
        tcg_gen_op3(INDEX_op_and_i32, T32(ret), T32(a), C32(b));
        break;
    }
}

void tcg_gen_or_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_or_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_mov_i32(ret, a);
    } else if (b == -1) {
        tcg_gen_movi_i32(ret, -1);
    } else {
        tcg_gen_op3(INDEX_op_or_i32, T32(ret), T32(a), C32(b));
    }
}

void tcg_gen_xor_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_xor_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) {
        tcg_gen_mov_i32(ret, a);
    } else if (b == -1) {
        tcg_gen_not_i32(ret, a);
    } else {
        tcg_gen_op3(INDEX_op_xor_i32, T32(ret), T32(a), C32(b));
    }
}

void tcg_gen_not_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_not_i32, T32(ret), T32(a));
}

void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_andc_i32, T32(ret), T32(a), T32(b));
}

void tcg_gen_orc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_orc_i32, T32(ret), T32(a), T32(b));
}

#define SHIFT_I32(name, OPC)                                          \
    void tcg_gen_##name##_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)   \
    {                                                                 \
        tcg_gen_op3(OPC, T32(ret), T32(a), T32(b));                   \
    }                                                                 \
    void tcg_gen_##name##i_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)   \
    {                                                                 \
        b &= 31; /* out-of-range counts are unspecified; never crash */ \
        if (b == 0) {                                                 \
            tcg_gen_mov_i32(ret, a);                                  \
        } else {                                                      \
            tcg_gen_op3(OPC, T32(ret), T32(a), C32(b));               \
        }                                                             \
    }
SHIFT_I32(shl, INDEX_op_shl_i32)
SHIFT_I32(shr, INDEX_op_shr_i32)
SHIFT_I32(sar, INDEX_op_sar_i32)
SHIFT_I32(rotl, INDEX_op_rotl_i32)
SHIFT_I32(rotr, INDEX_op_rotr_i32)

void tcg_gen_ext8s_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext8s_i32, T32(ret), T32(a));
}

void tcg_gen_ext8u_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext8u_i32, T32(ret), T32(a));
}

void tcg_gen_ext16s_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext16s_i32, T32(ret), T32(a));
}

void tcg_gen_ext16u_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext16u_i32, T32(ret), T32(a));
}

void tcg_gen_bswap16_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_bswap16_i32, T32(ret), T32(a));
}

void tcg_gen_bswap32_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_bswap32_i32, T32(ret), T32(a));
}

void tcg_gen_clz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 zero_val)
{
    tcg_gen_op3(INDEX_op_clz_i32, T32(ret), T32(a), T32(zero_val));
}

void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t zero_val)
{
    tcg_gen_op3(INDEX_op_clz_i32, T32(ret), T32(a), C32((int32_t)zero_val));
}

void tcg_gen_ctz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 zero_val)
{
    tcg_gen_op3(INDEX_op_ctz_i32, T32(ret), T32(a), T32(zero_val));
}

void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t zero_val)
{
    tcg_gen_op3(INDEX_op_ctz_i32, T32(ret), T32(a), C32((int32_t)zero_val));
}

/* Population count without POPCNT: a helper. */
static uint32_t ctpop32_fallback(uint32_t x)
{
    return (uint32_t)__builtin_popcount(x);
}

static uint64_t ctpop64_fallback(uint64_t x)
{
    return (uint64_t)__builtin_popcountll(x);
}

static const TCGHelperInfo ctpop32_info = {
    .func = (void *)ctpop32_fallback, .name = "ctpop32", .flags = TCG_CALL_NO_RWG_SE,
    .typemask = (dh_typecode_i32) | (dh_typecode_i32 << 3),
};
static const TCGHelperInfo ctpop64_info = {
    .func = (void *)ctpop64_fallback, .name = "ctpop64", .flags = TCG_CALL_NO_RWG_SE,
    .typemask = (dh_typecode_i64) | (dh_typecode_i64 << 3),
};

void tcg_gen_ctpop_i32(TCGv_i32 ret, TCGv_i32 a)
{
    if (have_popcnt) {
        tcg_gen_op2(INDEX_op_ctpop_i32, T32(ret), T32(a));
    } else {
        TCGTemp *args[1] = { tcgv_i32_temp(a) };
        tcg_gen_callN(&ctpop32_info, tcgv_i32_temp(ret), args);
    }
}

void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len)
{
    check_field(ofs, len, 32, "extract_i32");
    if (len == 32) {
        tcg_gen_mov_i32(ret, a);
    } else {
        tcg_gen_op4(INDEX_op_extract_i32, T32(ret), T32(a), ofs, len);
    }
}

void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len)
{
    check_field(ofs, len, 32, "sextract_i32");
    if (len == 32) {
        tcg_gen_mov_i32(ret, a);
    } else {
        tcg_gen_op4(INDEX_op_sextract_i32, T32(ret), T32(a), ofs, len);
    }
}

void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned ofs, unsigned len)
{
    check_field(ofs, len, 32, "deposit_i32");
    if (len == 32) {
        tcg_gen_mov_i32(ret, b);
    } else {
        tcg_gen_op5(INDEX_op_deposit_i32, T32(ret), T32(a), T32(b), ofs, len);
    }
}

void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        tcg_gen_movi_i32(ret, cond == TCG_COND_ALWAYS);
    } else {
        tcg_gen_op4(INDEX_op_setcond_i32, T32(ret), T32(a), T32(b), cond);
    }
}

void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_setcond_i32(cond, ret, a, tcg_constant_i32(b));
}

void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2, TCGv_i32 v1,
                         TCGv_i32 v2)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_mov_i32(ret, v1);
    } else if (cond == TCG_COND_NEVER) {
        tcg_gen_mov_i32(ret, v2);
    } else {
        tcg_gen_op6(INDEX_op_movcond_i32, T32(ret), T32(c1), T32(c2), T32(v1), T32(v2), cond);
    }
}

void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond_i32, T32(a), T32(b), cond, label_arg(l));
    }
}

void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l)
{
    tcg_gen_brcond_i32(cond, a, tcg_constant_i32(b), l);
}

void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    if (rl == rh) {
        bad_args("mulu2_i32 with rl == rh");
    }
    tcg_gen_op4(INDEX_op_mulu2_i32, T32(rl), T32(rh), T32(a), T32(b));
}

void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    if (rl == rh) {
        bad_args("muls2_i32 with rl == rh");
    }
    tcg_gen_op4(INDEX_op_muls2_i32, T32(rl), T32(rh), T32(a), T32(b));
}

void tcg_gen_add2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl,
                      TCGv_i32 bh)
{
    if (rl == rh) {
        bad_args("add2_i32 with rl == rh");
    }
    tcg_gen_op6(INDEX_op_add2_i32, T32(rl), T32(rh), T32(al), T32(ah), T32(bl), T32(bh));
}

void tcg_gen_sub2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl,
                      TCGv_i32 bh)
{
    if (rl == rh) {
        bad_args("sub2_i32 with rl == rh");
    }
    tcg_gen_op6(INDEX_op_sub2_i32, T32(rl), T32(rh), T32(al), T32(ah), T32(bl), T32(bh));
}

#define LDST_I32(name, OPC)                                                  \
    void tcg_gen_##name(TCGv_i32 v, TCGv_ptr base, intptr_t ofs)             \
    {                                                                        \
        tcg_gen_op3(OPC, T32(v), TP(base), (TCGArg)ofs);                     \
    }
LDST_I32(ld8u_i32, INDEX_op_ld8u_i32)
LDST_I32(ld8s_i32, INDEX_op_ld8s_i32)
LDST_I32(ld16u_i32, INDEX_op_ld16u_i32)
LDST_I32(ld16s_i32, INDEX_op_ld16s_i32)
LDST_I32(ld_i32, INDEX_op_ld_i32)
LDST_I32(st8_i32, INDEX_op_st8_i32)
LDST_I32(st16_i32, INDEX_op_st16_i32)
LDST_I32(st_i32, INDEX_op_st_i32)

void tcg_gen_discard_i32(TCGv_i32 arg)
{
    tcg_gen_op1(INDEX_op_discard, T32(arg));
}

/* ---- 64-bit ---- */

void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 arg)
{
    if (ret != arg) {
        tcg_gen_op2(INDEX_op_mov_i64, T64(ret), T64(arg));
    }
}

void tcg_gen_movi_i64(TCGv_i64 ret, int64_t arg)
{
    tcg_gen_op2(INDEX_op_mov_i64, T64(ret), C64(arg));
}

void tcg_gen_add_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_add_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_addi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov_i64(ret, a);
    } else {
        tcg_gen_op3(INDEX_op_add_i64, T64(ret), T64(a), C64(b));
    }
}

void tcg_gen_sub_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_sub_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_subi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_addi_i64(ret, a, (int64_t)(0ull - (uint64_t)b));
}

void tcg_gen_neg_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_neg_i64, T64(ret), T64(a));
}

void tcg_gen_mul_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_mul_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_muli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_movi_i64(ret, 0);
    } else if (b == 1) {
        tcg_gen_mov_i64(ret, a);
    } else if (b > 0 && (b & (b - 1)) == 0) {
        tcg_gen_shli_i64(ret, a, __builtin_ctzll((uint64_t)b));
    } else {
        tcg_gen_op3(INDEX_op_mul_i64, T64(ret), T64(a), C64(b));
    }
}

void tcg_gen_div_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_div_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_rem_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_rem_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_divu_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_divu_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_remu_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_remu_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_and_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_and_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_andi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    switch (b) {
    case 0:
        tcg_gen_movi_i64(ret, 0);
        break;
    case -1:
        tcg_gen_mov_i64(ret, a);
        break;
    case 0xff:
        tcg_gen_ext8u_i64(ret, a);
        break;
    case 0xffff:
        tcg_gen_ext16u_i64(ret, a);
        break;
    case 0xffffffffll:
        tcg_gen_ext32u_i64(ret, a);
        break;
    default:
        tcg_gen_op3(INDEX_op_and_i64, T64(ret), T64(a), C64(b));
        break;
    }
}

void tcg_gen_or_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_or_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_ori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov_i64(ret, a);
    } else if (b == -1) {
        tcg_gen_movi_i64(ret, -1);
    } else {
        tcg_gen_op3(INDEX_op_or_i64, T64(ret), T64(a), C64(b));
    }
}

void tcg_gen_xor_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_xor_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_xori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov_i64(ret, a);
    } else if (b == -1) {
        tcg_gen_not_i64(ret, a);
    } else {
        tcg_gen_op3(INDEX_op_xor_i64, T64(ret), T64(a), C64(b));
    }
}

void tcg_gen_not_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_not_i64, T64(ret), T64(a));
}

void tcg_gen_andc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_andc_i64, T64(ret), T64(a), T64(b));
}

void tcg_gen_orc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_orc_i64, T64(ret), T64(a), T64(b));
}

#define SHIFT_I64(name, OPC)                                          \
    void tcg_gen_##name##_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)   \
    {                                                                 \
        tcg_gen_op3(OPC, T64(ret), T64(a), T64(b));                   \
    }                                                                 \
    void tcg_gen_##name##i_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)   \
    {                                                                 \
        b &= 63;                                                      \
        if (b == 0) {                                                 \
            tcg_gen_mov_i64(ret, a);                                  \
        } else {                                                      \
            tcg_gen_op3(OPC, T64(ret), T64(a), C64(b));               \
        }                                                             \
    }
SHIFT_I64(shl, INDEX_op_shl_i64)
SHIFT_I64(shr, INDEX_op_shr_i64)
SHIFT_I64(sar, INDEX_op_sar_i64)
SHIFT_I64(rotl, INDEX_op_rotl_i64)
SHIFT_I64(rotr, INDEX_op_rotr_i64)

#define UNARY_I64(name)                                          \
    void tcg_gen_##name##_i64(TCGv_i64 ret, TCGv_i64 a)          \
    {                                                            \
        tcg_gen_op2(INDEX_op_##name##_i64, T64(ret), T64(a));    \
    }
UNARY_I64(ext8s)
UNARY_I64(ext8u)
UNARY_I64(ext16s)
UNARY_I64(ext16u)
UNARY_I64(ext32s)
UNARY_I64(ext32u)
UNARY_I64(bswap64)

void tcg_gen_clzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t zero_val)
{
    tcg_gen_op3(INDEX_op_clz_i64, T64(ret), T64(a), C64((int64_t)zero_val));
}

void tcg_gen_ctzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t zero_val)
{
    tcg_gen_op3(INDEX_op_ctz_i64, T64(ret), T64(a), C64((int64_t)zero_val));
}

void tcg_gen_ctpop_i64(TCGv_i64 ret, TCGv_i64 a)
{
    if (have_popcnt) {
        tcg_gen_op2(INDEX_op_ctpop_i64, T64(ret), T64(a));
    } else {
        TCGTemp *args[1] = { tcgv_i64_temp(a) };
        tcg_gen_callN(&ctpop64_info, tcgv_i64_temp(ret), args);
    }
}

void tcg_gen_extract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len)
{
    check_field(ofs, len, 64, "extract_i64");
    if (len == 64) {
        tcg_gen_mov_i64(ret, a);
    } else {
        tcg_gen_op4(INDEX_op_extract_i64, T64(ret), T64(a), ofs, len);
    }
}

void tcg_gen_sextract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len)
{
    check_field(ofs, len, 64, "sextract_i64");
    if (len == 64) {
        tcg_gen_mov_i64(ret, a);
    } else {
        tcg_gen_op4(INDEX_op_sextract_i64, T64(ret), T64(a), ofs, len);
    }
}

void tcg_gen_deposit_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b, unsigned ofs, unsigned len)
{
    check_field(ofs, len, 64, "deposit_i64");
    if (len == 64) {
        tcg_gen_mov_i64(ret, b);
    } else {
        tcg_gen_op5(INDEX_op_deposit_i64, T64(ret), T64(a), T64(b), ofs, len);
    }
}

void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        tcg_gen_movi_i64(ret, cond == TCG_COND_ALWAYS);
    } else {
        tcg_gen_op4(INDEX_op_setcond_i64, T64(ret), T64(a), T64(b), cond);
    }
}

void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_setcond_i64(cond, ret, a, tcg_constant_i64(b));
}

void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1, TCGv_i64 c2, TCGv_i64 v1,
                         TCGv_i64 v2)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_mov_i64(ret, v1);
    } else if (cond == TCG_COND_NEVER) {
        tcg_gen_mov_i64(ret, v2);
    } else {
        tcg_gen_op6(INDEX_op_movcond_i64, T64(ret), T64(c1), T64(c2), T64(v1), T64(v2), cond);
    }
}

void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond_i64, T64(a), T64(b), cond, label_arg(l));
    }
}

void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l)
{
    tcg_gen_brcond_i64(cond, a, tcg_constant_i64(b), l);
}

void tcg_gen_mulu2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b)
{
    if (rl == rh) {
        bad_args("mulu2_i64 with rl == rh");
    }
    tcg_gen_op4(INDEX_op_mulu2_i64, T64(rl), T64(rh), T64(a), T64(b));
}

void tcg_gen_muls2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b)
{
    if (rl == rh) {
        bad_args("muls2_i64 with rl == rh");
    }
    tcg_gen_op4(INDEX_op_muls2_i64, T64(rl), T64(rh), T64(a), T64(b));
}

#define LDST_I64(name, OPC)                                                  \
    void tcg_gen_##name(TCGv_i64 v, TCGv_ptr base, intptr_t ofs)             \
    {                                                                        \
        tcg_gen_op3(OPC, T64(v), TP(base), (TCGArg)ofs);                     \
    }
LDST_I64(ld8u_i64, INDEX_op_ld8u_i64)
LDST_I64(ld8s_i64, INDEX_op_ld8s_i64)
LDST_I64(ld16u_i64, INDEX_op_ld16u_i64)
LDST_I64(ld16s_i64, INDEX_op_ld16s_i64)
LDST_I64(ld32u_i64, INDEX_op_ld32u_i64)
LDST_I64(ld32s_i64, INDEX_op_ld32s_i64)
LDST_I64(ld_i64, INDEX_op_ld_i64)
LDST_I64(st8_i64, INDEX_op_st8_i64)
LDST_I64(st16_i64, INDEX_op_st16_i64)
LDST_I64(st32_i64, INDEX_op_st32_i64)
LDST_I64(st_i64, INDEX_op_st_i64)

void tcg_gen_discard_i64(TCGv_i64 arg)
{
    tcg_gen_op1(INDEX_op_discard, T64(arg));
}

/* ---- conversions ---- */

void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_extu_i32_i64, T64(ret), T32(a));
}

void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext_i32_i64, T64(ret), T32(a));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_extrl_i64_i32, T32(ret), T64(a));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_extrh_i64_i32, T32(ret), T64(a));
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a)
{
    if (lo == hi) {
        bad_args("extr_i64_i32 with lo == hi");
    }
    tcg_gen_extrl_i64_i32(lo, a);
    tcg_gen_extrh_i64_i32(hi, a);
}

void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();
    tcg_gen_extu_i32_i64(t, hi);
    tcg_gen_extu_i32_i64(ret, lo);
    tcg_gen_shli_i64(t, t, 32);
    tcg_gen_or_i64(ret, ret, t);
    tcg_temp_free_i64(t);
}

/* ---- host pointers ---- */

void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t ofs)
{
    tcg_gen_op3(INDEX_op_ld_i64, TP(ret), TP(base), (TCGArg)ofs);
}

void tcg_gen_st_ptr(TCGv_ptr arg, TCGv_ptr base, intptr_t ofs)
{
    tcg_gen_op3(INDEX_op_st_i64, TP(arg), TP(base), (TCGArg)ofs);
}

void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b)
{
    tcg_gen_addi_i64((TCGv_i64)ret, (TCGv_i64)a, b);
}

void tcg_gen_add_ptr(TCGv_ptr ret, TCGv_ptr a, TCGv_ptr b)
{
    tcg_gen_add_i64((TCGv_i64)ret, (TCGv_i64)a, (TCGv_i64)b);
}

void tcg_gen_ext_i32_ptr(TCGv_ptr ret, TCGv_i32 a)
{
    tcg_gen_extu_i32_i64((TCGv_i64)ret, a);
}

/* ---- guest memory ---- */

static MemOp canonical_memop(MemOp op, bool is64, bool st)
{
    unsigned size = op & MO_SIZE;
    if (size > (is64 ? MO_64 : MO_32)) {
        bad_args("qemu_ld/st wider than the value");
    }
    if (st || size == (is64 ? MO_64 : MO_32)) {
        op &= ~MO_SIGN; /* no extension to do */
    }
    if (size == MO_8) {
        op &= ~MO_BSWAP;
    }
    return op;
}

void tcg_gen_qemu_ld_i32(TCGv_i32 val, TCGv_i32 addr, int mmu_idx, MemOp op)
{
    op = canonical_memop(op, false, false);
    tcg_gen_op4(INDEX_op_qemu_ld_i32, T32(val), T32(addr), op, (TCGArg)mmu_idx);
}

void tcg_gen_qemu_st_i32(TCGv_i32 val, TCGv_i32 addr, int mmu_idx, MemOp op)
{
    op = canonical_memop(op, false, true);
    tcg_gen_op4(INDEX_op_qemu_st_i32, T32(val), T32(addr), op, (TCGArg)mmu_idx);
}

void tcg_gen_qemu_ld_i64(TCGv_i64 val, TCGv_i32 addr, int mmu_idx, MemOp op)
{
    op = canonical_memop(op, true, false);
    tcg_gen_op4(INDEX_op_qemu_ld_i64, T64(val), T32(addr), op, (TCGArg)mmu_idx);
}

void tcg_gen_qemu_st_i64(TCGv_i64 val, TCGv_i32 addr, int mmu_idx, MemOp op)
{
    op = canonical_memop(op, true, true);
    tcg_gen_op4(INDEX_op_qemu_st_i64, T64(val), T32(addr), op, (TCGArg)mmu_idx);
}

/* ---- control flow ---- */

void tcg_gen_insn_start(uint64_t w0, uint64_t w1)
{
    tcg_gen_op2(INDEX_op_insn_start, (TCGArg)w0, (TCGArg)w1);
}

void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx)
{
    uintptr_t val = tb ? (uintptr_t)tb + idx : 0;
    if (!tb && idx != 0) {
        bad_args("exit_tb(NULL, idx != 0)");
    }
    if (idx > 3 || ((uintptr_t)tb & 3)) {
        bad_args("exit_tb: bad slot or misaligned TB");
    }
    tcg_gen_op1(INDEX_op_exit_tb, val);
}

void tcg_gen_goto_tb(unsigned idx)
{
    if (idx > 1) {
        bad_args("goto_tb slot > 1");
    }
    if (tcg_ctx->tb_cflags & CF_NO_GOTO_TB) {
        return; /* the following exit_tb does the job unchained */
    }
    tcg_gen_op1(INDEX_op_goto_tb, idx);
}

void tcg_gen_goto_ptr(TCGv_ptr dest)
{
    tcg_gen_op1(INDEX_op_goto_ptr, TP(dest));
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGContext *s = tcg_ctx;
    if (!s->lookup_tb_ptr_info || (s->tb_cflags & CF_NO_GOTO_PTR)) {
        tcg_gen_exit_tb(NULL, 0);
        return;
    }
    TCGv_ptr ptr = tcg_temp_ebb_new_ptr();
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_env) };
    tcg_gen_callN(s->lookup_tb_ptr_info, tcgv_ptr_temp(ptr), args);
    tcg_gen_goto_ptr(ptr);
    tcg_temp_free_ptr(ptr);
}

void tcg_gen_lookup_and_goto_ptr_pc(TCGv_i32 pc)
{
    TCGContext *s = tcg_ctx;
    const TranslationBlock *tb = s->gen_tb;

    if (!s->lookup_tb_ptr_info || (s->tb_cflags & CF_NO_GOTO_PTR)) {
        tcg_gen_exit_tb(NULL, 0);
        return;
    }
    if (!tb || !s->jmp_cache_env_offset || !s->inline_jmp_cache) {
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    /* tb = jmp_cache[(pc ^ pc >> TB_JMP_CACHE_BITS) & (SIZE - 1)], as in
     * accel/tcg's tb_jmp_cache_hash(); then the same key checks as
     * tb_lookup() against this TB's cs_base/flags/cflags. */
    TCGLabel *miss = gen_new_label();
    TCGv_i32 h = tcg_temp_ebb_new_i32();
    TCGv_i64 t = tcg_temp_ebb_new_i64(), pc64 = tcg_temp_ebb_new_i64();
    TCGv_ptr p = tcg_temp_ebb_new_ptr();

    tcg_gen_shri_i32(h, pc, TB_JMP_CACHE_BITS);
    tcg_gen_xor_i32(h, h, pc);
    tcg_gen_andi_i32(h, h, TB_JMP_CACHE_SIZE - 1);
    tcg_gen_ext_i32_ptr(p, h);
    tcg_gen_shli_i64((TCGv_i64)p, (TCGv_i64)p, 3);
    tcg_gen_add_ptr(p, p, tcg_env);
    tcg_gen_ld_ptr(p, p, s->jmp_cache_env_offset);
    tcg_gen_brcondi_i64(TCG_COND_EQ, (TCGv_i64)p, 0, miss);
    tcg_gen_ld_i64(t, p, offsetof(TranslationBlock, pc));
    tcg_gen_extu_i32_i64(pc64, pc);
    tcg_gen_brcond_i64(TCG_COND_NE, t, pc64, miss);
    tcg_gen_ld_i64(t, p, offsetof(TranslationBlock, cs_base));
    tcg_gen_brcondi_i64(TCG_COND_NE, t, (int64_t)tb->cs_base, miss);
    tcg_gen_ld_i32(h, p, offsetof(TranslationBlock, flags));
    tcg_gen_brcondi_i32(TCG_COND_NE, h, (int32_t)tb->flags, miss);
    tcg_gen_ld_i32(h, p, offsetof(TranslationBlock, cflags));
    tcg_gen_andi_i32(h, h, (int32_t)(CF_HASH_MASK_TCG | CF_INVALID | CF_VERIFY));
    tcg_gen_brcondi_i32(TCG_COND_NE, h, (int32_t)(s->tb_cflags & CF_HASH_MASK_TCG), miss);
    tcg_gen_ld_ptr(p, p, offsetof(TranslationBlock, tc_ptr));
    tcg_gen_goto_ptr(p);
    gen_set_label(miss);
    tcg_gen_lookup_and_goto_ptr();
    tcg_temp_free_i32(h);
    tcg_temp_free_i64(t);
    tcg_temp_free_i64(pc64);
    tcg_temp_free_ptr(p);
}

void tcg_gen_mb(TCGBar type)
{
    /* Barriers order this vCPU's accesses against other threads' only;
     * without CF_PARALLEL nothing runs alongside (as in QEMU). */
    if (tcg_ctx->tb_cflags & CF_PARALLEL) {
        tcg_gen_op1(INDEX_op_mb, type);
    }
}
