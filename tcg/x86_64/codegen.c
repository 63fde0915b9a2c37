/*
 * x86-64 code generator: register conventions, per-op operand constraints
 * for the register allocator, the lowering of each IR op to host
 * instructions, helper calls, TB exits and chaining, the prologue.
 */
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/x86_64/emit.h"
#include "exec/cputlb-defs.h"
#include "exec/page-protection.h"

#define ALL_GENERAL ((uint32_t)0xffff & ~(1u << TCG_REG_RSP))
#define R(x) (1u << TCG_REG_##x)

bool have_lzcnt, have_bmi1, have_bmi2, have_popcnt, have_movbe;

const TCGReg tcg_target_call_iarg_regs[6] = {
    TCG_REG_RDI, TCG_REG_RSI, TCG_REG_RDX, TCG_REG_RCX, TCG_REG_R8, TCG_REG_R9,
};
const TCGReg tcg_target_call_oarg_reg = TCG_REG_RAX;
uint32_t tcg_target_call_clobber_regs =
    R(RAX) | R(RCX) | R(RDX) | R(RSI) | R(RDI) | R(R8) | R(R9) | R(R10) | R(R11);

/* Callee-saved first (they survive helper calls), argument registers last
 * (they are the first to be needed at a call). */
const TCGReg tcg_target_reg_alloc_order[] = {
    TCG_REG_RBX, TCG_REG_RBP, TCG_REG_R12, TCG_REG_R13,
    TCG_REG_R10, TCG_REG_RAX, TCG_REG_R9, TCG_REG_R8,
    TCG_REG_RCX, TCG_REG_RDX, TCG_REG_RSI, TCG_REG_RDI,
};
const int tcg_target_reg_alloc_order_size =
    sizeof(tcg_target_reg_alloc_order) / sizeof(tcg_target_reg_alloc_order[0]);

const char *const tcg_target_reg_names[TCG_TARGET_NB_REGS] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

/* Frame: 6 pushes + return address = 56 bytes; rsp must be 16-aligned at
 * helper calls (SysV ABI 3.2.2), so the frame size is 8 mod 16. */
#define PUSH_SIZE (7 * 8)
#define FRAME_SIZE \
    ((PUSH_SIZE + TCG_STATIC_CALL_ARGS_SIZE + TCG_STATIC_FRAME_SIZE + 15) / 16 * 16 - PUSH_SIZE)

static TCGOpConstraint op_constraints[NB_OPS];

static void detect_host_features(void)
{
    unsigned a, b, c, d;

    if (__get_cpuid(1, &a, &b, &c, &d)) {
        have_popcnt = (c >> 23) & 1;
        have_movbe = (c >> 22) & 1;
    }
    if (__get_cpuid_max(0, NULL) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        have_bmi1 = (b >> 3) & 1;
        have_bmi2 = (b >> 8) & 1;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        have_lzcnt = (c >> 5) & 1; /* ABM */
    }
}

/* Constraint builders. */
static void c_out(TCGOpConstraint *c, int i, uint32_t regs)
{
    c->args[i].regs = regs;
}

static void c_out_alias(TCGOpConstraint *c, int i, int nb_o, int input)
{
    c->args[i].ct = TCG_CT_ALIAS;
    c->args[i].alias_index = input;
    c->args[nb_o + input].ct |= TCG_CT_IALIAS;
}

static void c_in(TCGOpConstraint *c, int i, uint32_t regs, unsigned ct)
{
    c->args[i].regs = regs;
    c->args[i].ct |= ct;
}

static void init_constraints(void)
{
    const uint32_t R_ = ALL_GENERAL;

    for (int w = 0; w < 2; w++) {
        int d = w ? OPC_I64_DELTA : 0;
        TCGOpConstraint *c;

#define C(op) (c = &op_constraints[INDEX_op_##op##_i32 + d])
        /* ld/st of host memory: out, base / val, base. */
        static const TCGOpcode lds[] = { INDEX_op_ld8u_i32, INDEX_op_ld8s_i32,
                                         INDEX_op_ld16u_i32, INDEX_op_ld16s_i32,
                                         INDEX_op_ld_i32 };
        for (unsigned i = 0; i < 5; i++) {
            c = &op_constraints[lds[i] + d];
            c_out(c, 0, R_);
            c_in(c, 1, R_, 0);
        }
        static const TCGOpcode sts[] = { INDEX_op_st8_i32, INDEX_op_st16_i32, INDEX_op_st_i32 };
        for (unsigned i = 0; i < 3; i++) {
            c = &op_constraints[sts[i] + d];
            c_in(c, 0, R_, TCG_CT_CONST_S32);
            c_in(c, 1, R_, 0);
        }

        /* add: three-operand via LEA. */
        C(add);
        c_out(c, 0, R_);
        c_in(c, 1, R_, 0);
        c_in(c, 2, R_, TCG_CT_CONST_S32);

        /* Two-operand ALU ops: out = in0 op in1. */
        static const TCGOpcode alu2[] = { INDEX_op_sub_i32, INDEX_op_and_i32, INDEX_op_or_i32,
                                          INDEX_op_xor_i32, INDEX_op_mul_i32 };
        for (unsigned i = 0; i < 5; i++) {
            c = &op_constraints[alu2[i] + d];
            c_in(c, 1, R_, 0);
            c_in(c, 2, R_, TCG_CT_CONST_S32);
            c_out(c, 0, R_);
            c_out_alias(c, 0, 1, 0);
        }

        /* andc/orc: out = in0 op ~in1; out is written before in0 is read. */
        C(andc);
        c_out(c, 0, R_);
        c->args[0].ct = have_bmi1 ? 0 : TCG_CT_NEWREG;
        c_in(c, 1, R_, 0);
        c_in(c, 2, R_, have_bmi1 ? 0 : TCG_CT_CONST_S32);
        C(orc);
        c_out(c, 0, R_);
        c->args[0].ct = TCG_CT_NEWREG;
        c_in(c, 1, R_, 0);
        c_in(c, 2, R_, TCG_CT_CONST_S32);

        /* Shifts and rotates: count in CL unless BMI2 (shl/shr/sar) or
         * constant. */
        static const TCGOpcode shifts[] = { INDEX_op_shl_i32, INDEX_op_shr_i32,
                                            INDEX_op_sar_i32, INDEX_op_rotl_i32,
                                            INDEX_op_rotr_i32 };
        for (unsigned i = 0; i < 5; i++) {
            c = &op_constraints[shifts[i] + d];
            if (have_bmi2 && i < 3) {
                c_out(c, 0, R_);
                c_in(c, 1, R_, 0);
                c_in(c, 2, R_, TCG_CT_CONST_ANY);
            } else {
                c_in(c, 1, R_ & ~R(RCX), 0);
                c_in(c, 2, R(RCX), TCG_CT_CONST_ANY);
                c_out(c, 0, R_ & ~R(RCX));
                c_out_alias(c, 0, 1, 0);
            }
        }

        /* One-operand in place. */
        static const TCGOpcode unary_inplace[] = { INDEX_op_not_i32, INDEX_op_neg_i32,
                                                   INDEX_op_bswap16_i32,
                                                   INDEX_op_bswap32_i32 };
        for (unsigned i = 0; i < 4; i++) {
            c = &op_constraints[unary_inplace[i] + d];
            c_in(c, 1, R_, 0);
            c_out(c, 0, R_);
            c_out_alias(c, 0, 1, 0);
        }

        /* out = f(in), any registers. */
        static const TCGOpcode unary[] = { INDEX_op_ext8s_i32, INDEX_op_ext8u_i32,
                                           INDEX_op_ext16s_i32, INDEX_op_ext16u_i32,
                                           INDEX_op_extract_i32, INDEX_op_sextract_i32,
                                           INDEX_op_ctpop_i32 };
        for (unsigned i = 0; i < 7; i++) {
            c = &op_constraints[unary[i] + d];
            c_out(c, 0, R_);
            c_in(c, 1, R_, 0);
        }

        /* clz/ctz: out must differ from the zero value (written last). */
        C(clz);
        c_out(c, 0, R_);
        c->args[0].ct = TCG_CT_NEWREG;
        c_in(c, 1, R_, 0);
        c_in(c, 2, R_, have_lzcnt ? TCG_CT_CONST_WSZ : 0);
        C(ctz);
        c_out(c, 0, R_);
        c->args[0].ct = TCG_CT_NEWREG;
        c_in(c, 1, R_, 0);
        c_in(c, 2, R_, have_bmi1 ? TCG_CT_CONST_WSZ : 0);

        C(deposit);
        c_in(c, 1, R_, 0);
        c_in(c, 2, R_, TCG_CT_CONST_ANY);
        c_out(c, 0, R_);
        c_out_alias(c, 0, 2, 0);

        C(setcond);
        c_out(c, 0, R_);
        c_in(c, 1, R_, 0);
        c_in(c, 2, R_, TCG_CT_CONST_S32);

        C(movcond); /* out = c1 cond c2 ? v1 : v2, out aliases v2 */
        c_in(c, 1, R_, 0);
        c_in(c, 2, R_, TCG_CT_CONST_S32);
        c_in(c, 3, R_, 0);
        c_in(c, 4, R_, 0);
        c_out(c, 0, R_);
        c_out_alias(c, 0, 1, 3);

        C(brcond);
        c_in(c, 0, R_, 0);
        c_in(c, 1, R_, TCG_CT_CONST_S32);

        /* Full products: RDX:RAX = RAX * r/m (MUL/IMUL one-operand). */
        C(mulu2);
        c_in(c, 2, R(RAX), 0);
        c_in(c, 3, R_, 0);
        c_out(c, 0, R(RAX));
        c_out_alias(c, 0, 2, 0);
        c_out(c, 1, R(RDX));
        C(muls2);
        c_in(c, 2, R(RAX), 0);
        c_in(c, 3, R_, 0);
        c_out(c, 0, R(RAX));
        c_out_alias(c, 0, 2, 0);
        c_out(c, 1, R(RDX));

        /* Division: dividend in (R|E)DX:(R|E)AX, quotient RAX, remainder RDX. */
        static const TCGOpcode divs[] = { INDEX_op_div_i32, INDEX_op_divu_i32,
                                          INDEX_op_rem_i32, INDEX_op_remu_i32 };
        for (unsigned i = 0; i < 4; i++) {
            c = &op_constraints[divs[i] + d];
            c_in(c, 1, R(RAX), TCG_CT_IALIAS);
            c_in(c, 2, R_ & ~(R(RAX) | R(RDX)), 0);
            c->clobbers = R(RDX);
            if (i < 2) {
                c_out(c, 0, R(RAX));
                c_out_alias(c, 0, 1, 0);
            } else {
                c_out(c, 0, R(RDX));
            }
        }

        /* Double-word add/sub: outputs written before all inputs are read. */
        static const TCGOpcode dw[] = { INDEX_op_add2_i32, INDEX_op_sub2_i32 };
        for (unsigned i = 0; i < 2; i++) {
            c = &op_constraints[dw[i] + d];
            c_out(c, 0, R_);
            c_out(c, 1, R_);
            c->args[0].ct = c->args[1].ct = TCG_CT_NEWREG;
            c_in(c, 2, R_, 0);
            c_in(c, 3, R_, 0);
            c_in(c, 4, R_, TCG_CT_CONST_S32);
            c_in(c, 5, R_, TCG_CT_CONST_S32);
        }

        C(qemu_ld);
        c_out(c, 0, R_);
        c_in(c, 1, R_, 0);
        C(qemu_st);
        c_in(c, 0, R_, TCG_CT_CONST_S32);
        c_in(c, 1, R_, 0);
#undef C
    }

    TCGOpConstraint *c;
    c = &op_constraints[INDEX_op_ld32u_i64];
    c_out(c, 0, R_);
    c_in(c, 1, R_, 0);
    c = &op_constraints[INDEX_op_ld32s_i64];
    c_out(c, 0, R_);
    c_in(c, 1, R_, 0);
    c = &op_constraints[INDEX_op_st32_i64];
    c_in(c, 0, R_, TCG_CT_CONST_S32);
    c_in(c, 1, R_, 0);
    static const TCGOpcode unary64[] = { INDEX_op_ext32s_i64, INDEX_op_ext32u_i64,
                                         INDEX_op_ext_i32_i64, INDEX_op_extu_i32_i64,
                                         INDEX_op_extrl_i64_i32 };
    for (unsigned i = 0; i < 5; i++) {
        c = &op_constraints[unary64[i]];
        c_out(c, 0, R_);
        c_in(c, 1, R_, 0);
    }
    c = &op_constraints[INDEX_op_bswap64_i64];
    c_in(c, 1, R_, 0);
    c_out(c, 0, R_);
    c_out_alias(c, 0, 1, 0);
    c = &op_constraints[INDEX_op_extrh_i64_i32];
    c_in(c, 1, R_, 0);
    c_out(c, 0, R_);
    c_out_alias(c, 0, 1, 0);
    c = &op_constraints[INDEX_op_goto_ptr];
    c_in(c, 0, R_, 0);
}

static bool host_lzcnt, host_bmi1, host_bmi2, host_popcnt, host_movbe;

void tcg_target_set_baseline_isa(bool baseline)
{
    have_lzcnt = !baseline && host_lzcnt;
    have_bmi1 = !baseline && host_bmi1;
    have_bmi2 = !baseline && host_bmi2;
    have_popcnt = !baseline && host_popcnt;
    have_movbe = !baseline && host_movbe;
    memset(op_constraints, 0, sizeof(op_constraints));
    init_constraints();
}

void tcg_target_init(TCGContext *s)
{
    detect_host_features();
    host_lzcnt = have_lzcnt;
    host_bmi1 = have_bmi1;
    host_bmi2 = have_bmi2;
    host_popcnt = have_popcnt;
    host_movbe = have_movbe;
    init_constraints();
    s->reserved_regs = R(RSP) | R(R14) | R(R15) | R(R11);
}

const TCGOpConstraint *tcg_target_op_constraint(TCGContext *s, TCGOpcode opc)
{
    return &op_constraints[opc];
}

/* ---- moves, loads, stores ---- */

void tcg_out_mov(TCGContext *s, TCGType type, TCGReg dst, TCGReg src)
{
    if (dst == src) {
        return; /* i32 values are kept zero-extended: nothing to do */
    }
    tcg_out_modrm(s, OPC_MOVL_GvEv | (type == TCG_TYPE_I64 ? OPC_REXW : 0), dst, src);
}

void tcg_out_movi(TCGContext *s, TCGType type, TCGReg dst, int64_t val)
{
    if (type == TCG_TYPE_I32) {
        val = (uint32_t)val;
    }
    if (val == 0) {
        tcg_out_arith(s, ARITH_XOR, 0, dst, dst); /* clears all 64 bits */
    } else if (val == (int64_t)(uint32_t)val) {
        tcg_out_opc(s, OPC_MOVL_Iv + (dst & 7), 0, dst, 0);
        tcg_out32(s, (uint32_t)val);
    } else if (val == (int32_t)val) {
        tcg_out_modrm(s, OPC_MOVL_EvIz | OPC_REXW, 0, dst);
        tcg_out32(s, (uint32_t)val);
    } else {
        intptr_t disp = (intptr_t)((uintptr_t)val - (uintptr_t)(s->code_ptr + 7));
        if (disp == (int32_t)disp) { /* lea dst, [rip + disp] */
            tcg_out_opc(s, OPC_LEA | OPC_REXW, dst, 0, 0);
            tcg_out8(s, ((dst & 7) << 3) | 5);
            tcg_out32(s, (uint32_t)disp);
        } else {
            tcg_out_opc(s, (OPC_MOVL_Iv + (dst & 7)) | OPC_REXW, 0, dst, 0);
            tcg_out64(s, (uint64_t)val);
        }
    }
}

void tcg_out_ld(TCGContext *s, TCGType type, TCGReg dst, TCGReg base, intptr_t ofs)
{
    tcg_out_modrm_offset(s, OPC_MOVL_GvEv | (type == TCG_TYPE_I64 ? OPC_REXW : 0), dst, base,
                         ofs);
}

void tcg_out_st(TCGContext *s, TCGType type, TCGReg src, TCGReg base, intptr_t ofs)
{
    tcg_out_modrm_offset(s, OPC_MOVL_EvGv | (type == TCG_TYPE_I64 ? OPC_REXW : 0), src, base,
                         ofs);
}

bool tcg_out_sti(TCGContext *s, TCGType type, int64_t val, TCGReg base, intptr_t ofs)
{
    if (type == TCG_TYPE_I64 && val != (int32_t)val) {
        return false;
    }
    tcg_out_modrm_offset(s, OPC_MOVL_EvIz | (type == TCG_TYPE_I64 ? OPC_REXW : 0), 0, base, ofs);
    tcg_out32(s, (uint32_t)val);
    return true;
}

void tcg_out_zext_i32_ret(TCGContext *s, TCGReg reg)
{
    tcg_out_modrm(s, OPC_MOVL_GvEv, reg, reg);
}

void tcg_out_call(TCGContext *s, const void *func)
{
    intptr_t disp = (intptr_t)((uintptr_t)func - (uintptr_t)(s->code_ptr + 5));
    if (disp == (int32_t)disp) {
        tcg_out8(s, OPC_CALL_Jz);
        tcg_out32(s, (uint32_t)disp);
    } else {
        tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_TMP, (intptr_t)func);
        tcg_out_modrm(s, OPC_GRP5, EXT5_CALL, TCG_REG_TMP);
    }
}

/* ---- conditions ---- */

static int cond_to_jcc(TCGCond c)
{
    switch (c) {
    case TCG_COND_EQ: case TCG_COND_TSTEQ: return JCC_JE;
    case TCG_COND_NE: case TCG_COND_TSTNE: return JCC_JNE;
    case TCG_COND_LT: return JCC_JL;
    case TCG_COND_GE: return JCC_JGE;
    case TCG_COND_LE: return JCC_JLE;
    case TCG_COND_GT: return JCC_JG;
    case TCG_COND_LTU: return JCC_JB;
    case TCG_COND_GEU: return JCC_JAE;
    case TCG_COND_LEU: return JCC_JBE;
    case TCG_COND_GTU: return JCC_JA;
    default:
        fprintf(stderr, "q86: x86-64 back end: bad condition %d\n", c);
        abort();
    }
}

/* Sets the flags for `a cond b`. */
static void tcg_out_cmp(TCGContext *s, TCGCond cond, int rexw, TCGReg a, TCGArg b, int bconst)
{
    bool tst = cond == TCG_COND_TSTEQ || cond == TCG_COND_TSTNE;
    if (bconst) {
        int64_t v = rexw ? (int64_t)b : (int32_t)b;
        if (tst) {
            tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_TEST, a);
            tcg_out32(s, (uint32_t)v);
        } else if (v == 0 && (cond == TCG_COND_EQ || cond == TCG_COND_NE ||
                              cond == TCG_COND_LT || cond == TCG_COND_GE)) {
            tcg_out_modrm(s, OPC_TEST_EvGv | rexw, a, a);
        } else {
            tcg_out_arithi(s, ARITH_CMP, rexw, a, v);
        }
    } else if (tst) {
        tcg_out_modrm(s, OPC_TEST_EvGv | rexw, (TCGReg)b, a);
    } else {
        tcg_out_arith(s, ARITH_CMP, rexw, a, (TCGReg)b);
    }
}

static void tcg_out_jcc_label(TCGContext *s, int jcc, TCGLabel *l)
{
    if (jcc < 0) {
        tcg_out8(s, OPC_JMP_long);
    } else {
        tcg_out_opc(s, OPC_JCC_long + jcc, 0, 0, 0);
    }
    tcg_out_label_reloc(s, l, s->code_ptr);
    tcg_out32(s, 0);
}

/* ---- guest memory (user mode: [guest_base + zero-extended addr]) ---- */

/* The access itself: [base + addr] (addr zero-extended).  User mode:
 * base = guest_base (r15), scratch r11; softmmu: base = the TLB entry's
 * addend (r11), scratch r15. */
static void tcg_out_qemu_ld_direct(TCGContext *s, TCGReg val, TCGReg base, TCGReg addr,
                                   MemOp mop, bool is64)
{
    int rexw = is64 ? OPC_REXW : 0;

    switch (mop & (MO_SIZE | MO_SIGN)) {
    case MO_UB:
        tcg_out_modrm_sib(s, OPC_MOVZBL, val, base, addr, 0, 0);
        break;
    case MO_SB:
        tcg_out_modrm_sib(s, OPC_MOVSBL | rexw, val, base, addr, 0, 0);
        break;
    case MO_UW:
        tcg_out_modrm_sib(s, OPC_MOVZWL, val, base, addr, 0, 0);
        if (mop & MO_BSWAP) {
            tcg_out_modrm(s, OPC_SHIFT_Ib | OPC_66, SHIFT_ROL, val);
            tcg_out8(s, 8);
            tcg_out_ext16u(s, val, val);
        }
        break;
    case MO_SW:
        if (mop & MO_BSWAP) {
            tcg_out_modrm_sib(s, OPC_MOVZWL, val, base, addr, 0, 0);
            tcg_out_modrm(s, OPC_SHIFT_Ib | OPC_66, SHIFT_ROL, val);
            tcg_out8(s, 8);
            tcg_out_ext16s(s, rexw, val, val);
        } else {
            tcg_out_modrm_sib(s, OPC_MOVSWL | rexw, val, base, addr, 0, 0);
        }
        break;
    case MO_UL:
        tcg_out_modrm_sib(s, OPC_MOVL_GvEv, val, base, addr, 0, 0);
        if (mop & MO_BSWAP) {
            tcg_out_opc(s, OPC_BSWAP + (val & 7), 0, val, 0);
        }
        break;
    case MO_SL:
        if (mop & MO_BSWAP) {
            tcg_out_modrm_sib(s, OPC_MOVL_GvEv, val, base, addr, 0, 0);
            tcg_out_opc(s, OPC_BSWAP + (val & 7), 0, val, 0);
            if (is64) {
                tcg_out_modrm(s, OPC_MOVSLQ | OPC_REXW, val, val);
            }
        } else if (is64) {
            tcg_out_modrm_sib(s, OPC_MOVSLQ | OPC_REXW, val, base, addr, 0, 0);
        } else {
            tcg_out_modrm_sib(s, OPC_MOVL_GvEv, val, base, addr, 0, 0);
        }
        break;
    default: /* MO_64 */
        tcg_out_modrm_sib(s, OPC_MOVL_GvEv | OPC_REXW, val, base, addr, 0, 0);
        if (mop & MO_BSWAP) {
            tcg_out_opc(s, OPC_BSWAP + (val & 7) + OPC_REXW, 0, val, 0);
        }
        break;
    }
}

static void tcg_out_qemu_st_direct(TCGContext *s, TCGArg val, int vconst, TCGReg base,
                                   TCGReg scratch, TCGReg addr, MemOp mop)
{
    unsigned size = mop & MO_SIZE;

    if (vconst) {
        int64_t v = (int64_t)val;
        if (mop & MO_BSWAP) {
            switch (size) {
            case MO_16: v = __builtin_bswap16((uint16_t)v); break;
            case MO_32: v = (int32_t)__builtin_bswap32((uint32_t)v); break;
            case MO_64: v = (int64_t)__builtin_bswap64((uint64_t)v); break;
            default: break;
            }
            if (size == MO_64 && v != (int32_t)v) {
                tcg_out_movi(s, TCG_TYPE_I64, scratch, v);
                tcg_out_modrm_sib(s, OPC_MOVL_EvGv | OPC_REXW, scratch, base, addr, 0, 0);
                return;
            }
        }
        switch (size) {
        case MO_8:
            tcg_out_modrm_sib(s, OPC_MOVB_EbIb, 0, base, addr, 0, 0);
            tcg_out8(s, (uint8_t)v);
            break;
        case MO_16:
            tcg_out_modrm_sib(s, OPC_MOVL_EvIz | OPC_66, 0, base, addr, 0, 0);
            tcg_out16(s, (uint16_t)v);
            break;
        case MO_32:
            tcg_out_modrm_sib(s, OPC_MOVL_EvIz, 0, base, addr, 0, 0);
            tcg_out32(s, (uint32_t)v);
            break;
        default:
            tcg_out_modrm_sib(s, OPC_MOVL_EvIz | OPC_REXW, 0, base, addr, 0, 0);
            tcg_out32(s, (uint32_t)v);
            break;
        }
        return;
    }
    TCGReg r = (TCGReg)val;
    if (mop & MO_BSWAP && size != MO_8) {
        tcg_out_mov(s, TCG_TYPE_I64, scratch, r);
        r = scratch;
        if (size == MO_16) {
            tcg_out_modrm(s, OPC_SHIFT_Ib | OPC_66, SHIFT_ROL, r);
            tcg_out8(s, 8);
        } else {
            tcg_out_opc(s, OPC_BSWAP + (r & 7) + (size == MO_64 ? OPC_REXW : 0), 0, r, 0);
        }
    }
    switch (size) {
    case MO_8:
        tcg_out_modrm_sib(s, OPC_MOVB_EbGb | OPC_BYTE_R, r, base, addr, 0, 0);
        break;
    case MO_16:
        tcg_out_modrm_sib(s, OPC_MOVL_EvGv | OPC_66, r, base, addr, 0, 0);
        break;
    case MO_32:
        tcg_out_modrm_sib(s, OPC_MOVL_EvGv, r, base, addr, 0, 0);
        break;
    default:
        tcg_out_modrm_sib(s, OPC_MOVL_EvGv | OPC_REXW, r, base, addr, 0, 0);
        break;
    }
}

/* ---- softmmu: inline TLB probe, out-of-line slow paths ---- */

/* One guest access's slow path, emitted after the TB's code. */
typedef struct LdstLabel {
    bool is_ld, is64, vconst;
    MemOp mop;
    int mmu_idx;
    TCGReg addr;
    TCGArg val;             /* ld: destination; st: register or constant */
    uint8_t *jne_field;     /* rel32 of the fast path's miss branch */
    uint8_t *raddr;         /* where the fast path continues */
} LdstLabel;

static LdstLabel *ldst_labels;
static int nb_ldst_labels, max_ldst_labels;

void tcg_out_ldst_begin(TCGContext *s)
{
    nb_ldst_labels = 0;
}

static LdstLabel *new_ldst_label(void)
{
    if (nb_ldst_labels == max_ldst_labels) {
        max_ldst_labels = max_ldst_labels ? 2 * max_ldst_labels : 256;
        ldst_labels = realloc(ldst_labels, sizeof(*ldst_labels) * (size_t)max_ldst_labels);
        if (!ldst_labels) {
            fprintf(stderr, "q86: out of memory (TLB slow paths)\n");
            abort();
        }
    }
    return &ldst_labels[nb_ldst_labels++];
}

/*
 * r11 = &table[(addr >> 12) & mask]; r15 = (addr + size - 1) & page mask;
 * compare with the entry's comparator; on a hit r11 = addend.  A miss,
 * a flagged page (MMIO, code, invalid) or a page-crossing access branches
 * to the slow path.  (Layout: include/exec/cputlb-defs.h.)
 */
static void tcg_out_tlb_probe(TCGContext *s, LdstLabel *l, TCGReg addr, MemOp mop, int mmu_idx,
                              bool is_ld)
{
    intptr_t fast = s->tlb_fast_env_offset + (intptr_t)(mmu_idx * sizeof(CPUTLBDescFast));
    unsigned size = 1u << (mop & MO_SIZE);
    int cmp_ofs = is_ld ? (int)offsetof(CPUTLBEntry, addr_read)
                        : (int)offsetof(CPUTLBEntry, addr_write);

    tcg_out_modrm(s, OPC_MOVL_GvEv, TCG_REG_R11, addr);            /* mov r11d, addr */
    tcg_out_shifti(s, SHIFT_SHR, OPC_REXW, TCG_REG_R11, TARGET_PAGE_BITS - CPU_TLB_ENTRY_BITS);
    tcg_out_modrm_offset(s, OPC_ARITH_GvEv + (ARITH_AND << 3) + OPC_REXW, TCG_REG_R11, TCG_AREG0,
                         fast + (intptr_t)offsetof(CPUTLBDescFast, mask));
    tcg_out_modrm_offset(s, OPC_ARITH_GvEv + (ARITH_ADD << 3) + OPC_REXW, TCG_REG_R11, TCG_AREG0,
                         fast + (intptr_t)offsetof(CPUTLBDescFast, table));
    if (size == 1) {
        tcg_out_modrm(s, OPC_MOVL_GvEv, TCG_REG_R15, addr);
    } else {
        tcg_out_modrm_offset(s, OPC_LEA | OPC_REXW, TCG_REG_R15, addr, size - 1);
    }
    tcg_out_arithi(s, ARITH_AND, OPC_REXW, TCG_REG_R15, (int64_t)(int32_t)TARGET_PAGE_MASK);
    tcg_out_modrm_offset(s, OPC_ARITH_GvEv + (ARITH_CMP << 3) + OPC_REXW, TCG_REG_R15,
                         TCG_REG_R11, cmp_ofs);
    tcg_out_opc(s, OPC_JCC_long + JCC_JNE, 0, 0, 0);
    l->jne_field = s->code_ptr;
    tcg_out32(s, 0);
    tcg_out_modrm_offset(s, OPC_MOVL_GvEv | OPC_REXW, TCG_REG_R11, TCG_REG_R11,
                         (intptr_t)offsetof(CPUTLBEntry, addend));
}

static void tcg_out_qemu_ld(TCGContext *s, TCGReg val, TCGReg addr, MemOp mop, bool is64,
                            int mmu_idx)
{
    if (!s->softmmu) {
        tcg_out_qemu_ld_direct(s, val, TCG_REG_GUEST_BASE, addr, mop, is64);
        return;
    }
    LdstLabel *l = new_ldst_label();
    *l = (LdstLabel){ .is_ld = true, .is64 = is64, .mop = mop, .mmu_idx = mmu_idx,
                      .addr = addr, .val = val };
    tcg_out_tlb_probe(s, l, addr, mop, mmu_idx, true);
    tcg_out_qemu_ld_direct(s, val, TCG_REG_R11, addr, mop, is64);
    l->raddr = s->code_ptr;
    s->last_call_end = s->code_ptr;   /* raddr is a return address: see insn_start */
}

static void tcg_out_qemu_st(TCGContext *s, TCGArg val, int vconst, TCGReg addr, MemOp mop,
                            int mmu_idx)
{
    if (!s->softmmu) {
        tcg_out_qemu_st_direct(s, val, vconst, TCG_REG_GUEST_BASE, TCG_REG_TMP, addr, mop);
        return;
    }
    LdstLabel *l = new_ldst_label();
    *l = (LdstLabel){ .is_ld = false, .vconst = vconst != 0, .mop = mop, .mmu_idx = mmu_idx,
                      .addr = addr, .val = val };
    tcg_out_tlb_probe(s, l, addr, mop, mmu_idx, false);
    tcg_out_qemu_st_direct(s, val, vconst, TCG_REG_R11, TCG_REG_R15, addr, mop);
    l->raddr = s->code_ptr;
    s->last_call_end = s->code_ptr;
}

bool tcg_out_ldst_finalize(TCGContext *s)
{
    const uint8_t *limit = s->code_gen_buffer + s->code_gen_buffer_size - 16 * 1024;

    for (int i = 0; i < nb_ldst_labels; i++) {
        LdstLabel *l = &ldst_labels[i];
        int32_t disp;

        if (s->code_ptr + 96 > limit) {
            return false;
        }
        disp = (int32_t)(s->code_ptr - (l->jne_field + 4));
        memcpy(l->jne_field, &disp, 4);

        /* Arguments: env, addr, [val,] oi, ra.  The inputs may sit in the
         * argument registers: park them in the scratch registers first. */
        tcg_out_modrm(s, OPC_MOVL_GvEv, TCG_REG_R11, l->addr);     /* zero-extends */
        if (!l->is_ld) {
            if (l->vconst) {
                tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_R15, (int64_t)l->val);
            } else {
                tcg_out_mov(s, TCG_TYPE_I64, TCG_REG_R15, (TCGReg)l->val);
            }
        }
        tcg_out_mov(s, TCG_TYPE_PTR, tcg_target_call_iarg_regs[0], TCG_AREG0);
        tcg_out_mov(s, TCG_TYPE_I64, tcg_target_call_iarg_regs[1], TCG_REG_R11);
        int a = 2;
        if (!l->is_ld) {
            tcg_out_mov(s, TCG_TYPE_I64, tcg_target_call_iarg_regs[a++], TCG_REG_R15);
        }
        tcg_out_movi(s, TCG_TYPE_I32, tcg_target_call_iarg_regs[a++],
                     MAKE_MEMOP_IDX(l->mop & ~MO_SIGN, l->mmu_idx));
        tcg_out_movi(s, TCG_TYPE_I64, tcg_target_call_iarg_regs[a], (intptr_t)l->raddr);
        tcg_out_call(s, l->is_ld ? s->tlb_ld_helper : s->tlb_st_helper);
        if (l->is_ld) {
            TCGReg v = (TCGReg)l->val;
            int rexw = l->is64 ? OPC_REXW : 0;
            switch (l->mop & (MO_SIZE | MO_SIGN)) {
            case MO_SB:
                tcg_out_ext8s(s, rexw, v, TCG_REG_RAX);
                break;
            case MO_SW:
                tcg_out_ext16s(s, rexw, v, TCG_REG_RAX);
                break;
            case MO_SL:
                if (l->is64) {
                    tcg_out_modrm(s, OPC_MOVSLQ | OPC_REXW, v, TCG_REG_RAX);
                } else {
                    tcg_out_mov(s, TCG_TYPE_I32, v, TCG_REG_RAX);
                }
                break;
            case MO_64:
                tcg_out_mov(s, TCG_TYPE_I64, v, TCG_REG_RAX);
                break;
            default:   /* the helper returns the value zero-extended */
                tcg_out_mov(s, l->is64 ? TCG_TYPE_I64 : TCG_TYPE_I32, v, TCG_REG_RAX);
                break;
            }
        }
        tcg_out_jmp_to(s, l->raddr);
    }
    nb_ldst_labels = 0;
    return true;
}

/* ---- per-op emitters ---- */

static void tcg_out_deposit(TCGContext *s, int rexw, TCGReg out, TCGArg b, int bconst,
                            unsigned ofs, unsigned len)
{
    unsigned bits = rexw ? 64 : 32;

    if (bconst) {
        uint64_t mask = len == 64 ? ~0ull : ((1ull << len) - 1);
        uint64_t clear = ~(mask << ofs), set = ((uint64_t)b & mask) << ofs;
        if (!rexw) {
            clear = (uint32_t)clear;
            set = (uint32_t)set;
        }
        if (!rexw || (int64_t)clear == (int32_t)clear) {
            tcg_out_arithi(s, ARITH_AND, rexw, out, rexw ? (int64_t)clear : (int32_t)clear);
        } else {
            tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_TMP, (int64_t)clear);
            tcg_out_arith(s, ARITH_AND, rexw, out, TCG_REG_TMP);
        }
        if (set == 0) {
            return;
        }
        if (!rexw || (int64_t)set == (int32_t)set) {
            tcg_out_arithi(s, ARITH_OR, rexw, out, rexw ? (int64_t)set : (int32_t)set);
        } else {
            tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_TMP, (int64_t)set);
            tcg_out_arith(s, ARITH_OR, rexw, out, TCG_REG_TMP);
        }
        return;
    }
    TCGReg rb = (TCGReg)b;
    if (ofs == 0 && len == 8) {
        tcg_out_modrm(s, OPC_MOVB_EbGb | OPC_BYTE_R | OPC_BYTE_RM, rb, out);
        return;
    }
    if (ofs == 0 && len == 16) {
        tcg_out_modrm(s, OPC_MOVL_EvGv | OPC_66, rb, out);
        return;
    }
    if (len == bits) {
        tcg_out_mov(s, rexw ? TCG_TYPE_I64 : TCG_TYPE_I32, out, rb);
        return;
    }
    if (rb == out) {
        tcg_out_mov(s, TCG_TYPE_I64, TCG_REG_TMP, rb);
        rb = TCG_REG_TMP;
    }
    /* Rotate the field to the bottom, shift it out while SHRD shifts the
     * new bits in at the top, rotate back (SDM vol. 2, SHRD). */
    if (ofs) {
        tcg_out_shifti(s, SHIFT_ROR, rexw, out, ofs);
    }
    tcg_out_modrm(s, OPC_SHRD_Ib | rexw, rb, out);
    tcg_out8(s, len);
    tcg_out_shifti(s, SHIFT_ROL, rexw, out, (ofs + len) & (bits - 1));
}

static void tcg_out_extract(TCGContext *s, int rexw, TCGReg out, TCGReg a, unsigned ofs,
                            unsigned len, bool sign)
{
    unsigned bits = rexw ? 64 : 32;
    TCGType type = rexw ? TCG_TYPE_I64 : TCG_TYPE_I32;

    if (ofs == 0 && (len == 8 || len == 16 || len == 32)) {
        if (len == 8) {
            sign ? tcg_out_ext8s(s, rexw, out, a) : tcg_out_ext8u(s, out, a);
        } else if (len == 16) {
            sign ? tcg_out_ext16s(s, rexw, out, a) : tcg_out_ext16u(s, out, a);
        } else if (len == bits) {
            tcg_out_mov(s, type, out, a);
        } else {
            sign ? tcg_out_modrm(s, OPC_MOVSLQ | OPC_REXW, out, a)
                 : tcg_out_modrm(s, OPC_MOVL_GvEv, out, a);
        }
        return;
    }
    tcg_out_mov(s, type, out, a);
    if (sign) {
        if (bits - ofs - len) {
            tcg_out_shifti(s, SHIFT_SHL, rexw, out, bits - ofs - len);
        }
        tcg_out_shifti(s, SHIFT_SAR, rexw, out, bits - len);
    } else if (ofs + len == bits) {
        tcg_out_shifti(s, SHIFT_SHR, rexw, out, ofs);
    } else if (len < 32) {
        if (ofs) {
            tcg_out_shifti(s, SHIFT_SHR, rexw, out, ofs);
        }
        tcg_out_arithi(s, ARITH_AND, 0, out, (int32_t)((1u << len) - 1)); /* zero-extends */
    } else {
        tcg_out_shifti(s, SHIFT_SHL, rexw, out, bits - ofs - len);
        tcg_out_shifti(s, SHIFT_SHR, rexw, out, bits - len);
    }
}

static void tcg_out_shift(TCGContext *s, TCGOpcode opc32, int rexw, TCGReg out, TCGReg a,
                          TCGArg b, int bconst)
{
    static const int ext[5] = { SHIFT_SHL, SHIFT_SHR, SHIFT_SAR, SHIFT_ROL, SHIFT_ROR };
    int i = opc32 - INDEX_op_shl_i32;
    unsigned mask = rexw ? 63 : 31;

    if (bconst) {
        tcg_out_mov(s, rexw ? TCG_TYPE_I64 : TCG_TYPE_I32, out, a);
        if ((b & mask) != 0) {
            tcg_out_shifti(s, ext[i], rexw, out, (int)(b & mask));
        }
        return;
    }
    if (have_bmi2 && i < 3) {
        /* SHLX/SHRX/SARX: pp = 66/F2/F3 (SDM vol. 2, SARX/SHLX/SHRX). */
        static const int pp[3] = { 1, 3, 2 };
        tcg_out_vex_modrm(s, 0xf7, pp[i], rexw != 0, out, (TCGReg)b, a);
        return;
    }
    /* out aliases a, b is in CL. */
    tcg_out_modrm(s, OPC_SHIFT_cl | rexw, ext[i], out);
}

static void tcg_out_clz_ctz(TCGContext *s, bool clz, int rexw, TCGReg out, TCGReg a, TCGArg b,
                            int bconst)
{
    unsigned bits = rexw ? 64 : 32;

    if (clz ? have_lzcnt : have_bmi1) {
        /* LZCNT/TZCNT give the width for 0 and set CF then. */
        tcg_out_modrm(s, (clz ? OPC_LZCNT : OPC_TZCNT) | rexw, out, a);
        if (!bconst) {
            tcg_out_modrm(s, (OPC_CMOVCC + JCC_JB) | rexw, out, (TCGReg)b);
        } else if ((uint64_t)b != bits) {
            abort(); /* excluded by the constraint */
        }
        return;
    }
    /* BSR/BSF leave the destination undefined and set ZF for 0. */
    if (clz) {
        tcg_out_modrm(s, OPC_BSR | rexw, out, a);
        tcg_out_arithi(s, ARITH_XOR, rexw, out, bits - 1);
        tcg_out_modrm(s, OPC_TEST_EvGv | rexw, a, a);
    } else {
        tcg_out_modrm(s, OPC_BSF | rexw, out, a);
    }
    tcg_out_modrm(s, (OPC_CMOVCC + JCC_JE) | rexw, out, (TCGReg)b);
}

void tcg_out_op(TCGContext *s, TCGOpcode opc, const TCGArg *args, const int *const_args)
{
    const TCGOpDef *def = &tcg_op_defs[opc];
    int rexw = (def->flags & TCG_OPF_64BIT) ? OPC_REXW : 0;
    TCGType type = rexw ? TCG_TYPE_I64 : TCG_TYPE_I32;
    TCGOpcode opc32 = opc;
    TCGReg a0 = (TCGReg)args[0], a1 = (TCGReg)args[1], a2 = (TCGReg)args[2];

    if (opc >= INDEX_op_mov_i64 && opc <= INDEX_op_qemu_st_i64) {
        opc32 = opc - OPC_I64_DELTA;
    }

    switch (opc32) {
    case INDEX_op_exit_tb: {
        uintptr_t val = args[0];
        if (val == 0) {
            tcg_out_jmp_to(s, s->code_gen_epilogue);
        } else {
            tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_RAX, (int64_t)val);
            tcg_out_jmp_to(s, s->tb_ret_addr);
        }
        break;
    }
    case INDEX_op_goto_tb: {
        unsigned n = args[0];
        /* The rel32 must be 4-aligned so the patch is one atomic store. */
        int pad = (int)((-(uintptr_t)(s->code_ptr + 1)) & 3);
        tcg_out_nopn(s, pad);
        s->goto_tb_insn_off[n] = (uint16_t)(s->code_ptr - s->code_buf);
        tcg_out8(s, OPC_JMP_long);
        tcg_out32(s, 0);
        s->goto_tb_reset_off[n] = (uint16_t)(s->code_ptr - s->code_buf);
        break;
    }
    case INDEX_op_goto_ptr:
        tcg_out_modrm(s, OPC_GRP5, EXT5_JMP, a0);
        break;
    case INDEX_op_br:
        tcg_out_jcc_label(s, -1, arg_label(args[0]));
        break;
    case INDEX_op_mb:
        if (args[0] & (TCG_MO_ST_LD | TCG_BAR_SC)) {
            /* x86 only reorders stores with later loads (SDM vol. 3, 9.2.2). */
            tcg_out8(s, 0x0f);
            tcg_out8(s, 0xae);
            tcg_out8(s, 0xf0); /* mfence */
        }
        break;

    case INDEX_op_ld8u_i32:
        tcg_out_modrm_offset(s, OPC_MOVZBL, a0, a1, args[2]);
        break;
    case INDEX_op_ld8s_i32:
        tcg_out_modrm_offset(s, OPC_MOVSBL | rexw, a0, a1, args[2]);
        break;
    case INDEX_op_ld16u_i32:
        tcg_out_modrm_offset(s, OPC_MOVZWL, a0, a1, args[2]);
        break;
    case INDEX_op_ld16s_i32:
        tcg_out_modrm_offset(s, OPC_MOVSWL | rexw, a0, a1, args[2]);
        break;
    case INDEX_op_ld_i32:
        tcg_out_ld(s, type, a0, a1, args[2]);
        break;
    case INDEX_op_st8_i32:
        if (const_args[0]) {
            tcg_out_modrm_offset(s, OPC_MOVB_EbIb, 0, a1, args[2]);
            tcg_out8(s, (uint8_t)args[0]);
        } else {
            tcg_out_modrm_offset(s, OPC_MOVB_EbGb | OPC_BYTE_R, a0, a1, args[2]);
        }
        break;
    case INDEX_op_st16_i32:
        if (const_args[0]) {
            tcg_out_modrm_offset(s, OPC_MOVL_EvIz | OPC_66, 0, a1, args[2]);
            tcg_out16(s, (uint16_t)args[0]);
        } else {
            tcg_out_modrm_offset(s, OPC_MOVL_EvGv | OPC_66, a0, a1, args[2]);
        }
        break;
    case INDEX_op_st_i32:
        if (const_args[0]) {
            tcg_out_sti(s, type, (int64_t)args[0], a1, args[2]);
        } else {
            tcg_out_st(s, type, a0, a1, args[2]);
        }
        break;

    case INDEX_op_add_i32:
        if (const_args[2]) {
            int64_t v = rexw ? (int64_t)args[2] : (int32_t)args[2];
            if (a0 == a1) {
                if (v) {
                    tcg_out_arithi(s, ARITH_ADD, rexw, a0, v);
                }
            } else {
                tcg_out_modrm_offset(s, OPC_LEA | rexw, a0, a1, v);
            }
        } else if (a0 == a1) {
            tcg_out_arith(s, ARITH_ADD, rexw, a0, a2);
        } else if (a0 == a2) {
            tcg_out_arith(s, ARITH_ADD, rexw, a0, a1);
        } else {
            tcg_out_modrm_sib(s, OPC_LEA | rexw, a0, a1, a2, 0, 0);
        }
        break;
    case INDEX_op_sub_i32:
    case INDEX_op_and_i32:
    case INDEX_op_or_i32:
    case INDEX_op_xor_i32: {
        static const int ext[] = { [INDEX_op_sub_i32 - INDEX_op_sub_i32] = ARITH_SUB,
                                   [INDEX_op_and_i32 - INDEX_op_sub_i32] = ARITH_AND,
                                   [INDEX_op_or_i32 - INDEX_op_sub_i32] = ARITH_OR,
                                   [INDEX_op_xor_i32 - INDEX_op_sub_i32] = ARITH_XOR };
        int e = ext[opc32 - INDEX_op_sub_i32];
        if (const_args[2]) {
            tcg_out_arithi(s, e, rexw, a0, rexw ? (int64_t)args[2] : (int32_t)args[2]);
        } else {
            tcg_out_arith(s, e, rexw, a0, a2);
        }
        break;
    }
    case INDEX_op_mul_i32:
        if (const_args[2]) {
            int64_t v = rexw ? (int64_t)args[2] : (int32_t)args[2];
            if (v == (int8_t)v) {
                tcg_out_modrm(s, OPC_IMUL_GvEvIb | rexw, a0, a0);
                tcg_out8(s, (uint8_t)v);
            } else {
                tcg_out_modrm(s, OPC_IMUL_GvEvIz | rexw, a0, a0);
                tcg_out32(s, (uint32_t)v);
            }
        } else {
            tcg_out_modrm(s, OPC_IMUL_GvEv | rexw, a0, a2);
        }
        break;
    case INDEX_op_andc_i32:
        if (have_bmi1 && !const_args[2]) {
            /* ANDN out, b, a = ~b & a (VEX.0F38 F2, SDM vol. 2, ANDN). */
            tcg_out_vex_modrm(s, 0xf2, 0, rexw != 0, a0, a2, a1);
        } else if (const_args[2]) {
            tcg_out_mov(s, type, a0, a1);
            tcg_out_arithi(s, ARITH_AND, rexw, a0, ~(int64_t)args[2]);
        } else {
            tcg_out_mov(s, type, a0, a2);
            tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_NOT, a0);
            tcg_out_arith(s, ARITH_AND, rexw, a0, a1);
        }
        break;
    case INDEX_op_orc_i32:
        if (const_args[2]) {
            tcg_out_mov(s, type, a0, a1);
            tcg_out_arithi(s, ARITH_OR, rexw, a0, ~(int64_t)args[2]);
        } else {
            tcg_out_mov(s, type, a0, a2);
            tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_NOT, a0);
            tcg_out_arith(s, ARITH_OR, rexw, a0, a1);
        }
        break;
    case INDEX_op_div_i32:
    case INDEX_op_rem_i32:
        tcg_out_opc(s, OPC_CDQ | rexw, 0, 0, 0);
        tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_IDIV, a2);
        break;
    case INDEX_op_divu_i32:
    case INDEX_op_remu_i32:
        tcg_out_arith(s, ARITH_XOR, 0, TCG_REG_RDX, TCG_REG_RDX);
        tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_DIV, a2);
        break;
    case INDEX_op_mulu2_i32:
        tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_MUL, (TCGReg)args[3]);
        break;
    case INDEX_op_muls2_i32:
        tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_IMUL, (TCGReg)args[3]);
        break;
    case INDEX_op_add2_i32:
    case INDEX_op_sub2_i32: {
        bool add = opc32 == INDEX_op_add2_i32;
        tcg_out_mov(s, type, a0, a2);
        tcg_out_mov(s, type, a1, (TCGReg)args[3]);
        if (const_args[4]) {
            tcg_out_arithi(s, add ? ARITH_ADD : ARITH_SUB, rexw, a0,
                           rexw ? (int64_t)args[4] : (int32_t)args[4]);
        } else {
            tcg_out_arith(s, add ? ARITH_ADD : ARITH_SUB, rexw, a0, (TCGReg)args[4]);
        }
        /* The carry-consuming op must not be shortened away, so always
         * emit it (imm8/imm32 forms keep CF semantics). */
        if (const_args[5]) {
            tcg_out_arithi(s, add ? ARITH_ADC : ARITH_SBB, rexw, a1,
                           rexw ? (int64_t)args[5] : (int32_t)args[5]);
        } else {
            tcg_out_arith(s, add ? ARITH_ADC : ARITH_SBB, rexw, a1, (TCGReg)args[5]);
        }
        break;
    }
    case INDEX_op_shl_i32:
    case INDEX_op_shr_i32:
    case INDEX_op_sar_i32:
    case INDEX_op_rotl_i32:
    case INDEX_op_rotr_i32:
        tcg_out_shift(s, opc32, rexw, a0, a1, args[2], const_args[2]);
        break;
    case INDEX_op_not_i32:
        tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_NOT, a0);
        break;
    case INDEX_op_neg_i32:
        tcg_out_modrm(s, OPC_GRP3_Ev | rexw, EXT3_NEG, a0);
        break;
    case INDEX_op_ext8s_i32:
        tcg_out_ext8s(s, rexw, a0, a1);
        break;
    case INDEX_op_ext8u_i32:
        tcg_out_ext8u(s, a0, a1);
        break;
    case INDEX_op_ext16s_i32:
        tcg_out_ext16s(s, rexw, a0, a1);
        break;
    case INDEX_op_ext16u_i32:
        tcg_out_ext16u(s, a0, a1);
        break;
    case INDEX_op_bswap16_i32:
        tcg_out_modrm(s, OPC_SHIFT_Ib | OPC_66, SHIFT_ROL, a0);
        tcg_out8(s, 8);
        tcg_out_ext16u(s, a0, a0);
        break;
    case INDEX_op_bswap32_i32:
        tcg_out_opc(s, OPC_BSWAP + (a0 & 7), 0, a0, 0);
        break;
    case INDEX_op_clz_i32:
    case INDEX_op_ctz_i32:
        tcg_out_clz_ctz(s, opc32 == INDEX_op_clz_i32, rexw, a0, a1, args[2], const_args[2]);
        break;
    case INDEX_op_ctpop_i32:
        tcg_out_modrm(s, OPC_POPCNT | rexw, a0, a1);
        break;
    case INDEX_op_extract_i32:
        tcg_out_extract(s, rexw, a0, a1, args[2], args[3], false);
        break;
    case INDEX_op_sextract_i32:
        tcg_out_extract(s, rexw, a0, a1, args[2], args[3], true);
        break;
    case INDEX_op_deposit_i32:
        tcg_out_deposit(s, rexw, a0, args[2], const_args[2], args[3], args[4]);
        break;
    case INDEX_op_setcond_i32: {
        TCGCond cond = (TCGCond)args[3];
        if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
            tcg_out_movi(s, TCG_TYPE_I32, a0, cond == TCG_COND_ALWAYS);
            break;
        }
        tcg_out_cmp(s, cond, rexw, a1, args[2], const_args[2]);
        tcg_out_modrm(s, (OPC_SETCC + cond_to_jcc(cond)) | OPC_BYTE_RM, 0, a0);
        tcg_out_ext8u(s, a0, a0);
        break;
    }
    case INDEX_op_movcond_i32: {
        TCGCond cond = (TCGCond)args[5];
        if (cond == TCG_COND_NEVER) {
            break; /* out already holds v2 */
        }
        if (cond == TCG_COND_ALWAYS) {
            tcg_out_mov(s, type, a0, (TCGReg)args[3]);
            break;
        }
        tcg_out_cmp(s, cond, rexw, a1, args[2], const_args[2]);
        tcg_out_modrm(s, (OPC_CMOVCC + cond_to_jcc(cond)) | rexw, a0, (TCGReg)args[3]);
        break;
    }
    case INDEX_op_brcond_i32: {
        TCGCond cond = (TCGCond)args[2];
        TCGLabel *l = arg_label(args[3]);
        if (cond == TCG_COND_NEVER) {
            break;
        }
        if (cond == TCG_COND_ALWAYS) {
            tcg_out_jcc_label(s, -1, l);
            break;
        }
        tcg_out_cmp(s, cond, rexw, a0, args[1], const_args[1]);
        tcg_out_jcc_label(s, cond_to_jcc(cond), l);
        break;
    }
    case INDEX_op_qemu_ld_i32:
        tcg_out_qemu_ld(s, a0, a1, (MemOp)args[2], rexw != 0, (int)args[3]);
        break;
    case INDEX_op_qemu_st_i32:
        tcg_out_qemu_st(s, args[0], const_args[0], a1, (MemOp)args[2], (int)args[3]);
        break;

    /* 64-bit only */
    case INDEX_op_ld32u_i64:
        tcg_out_ld(s, TCG_TYPE_I32, a0, a1, args[2]);
        break;
    case INDEX_op_ld32s_i64:
        tcg_out_modrm_offset(s, OPC_MOVSLQ | OPC_REXW, a0, a1, args[2]);
        break;
    case INDEX_op_st32_i64:
        if (const_args[0]) {
            tcg_out_sti(s, TCG_TYPE_I32, (int64_t)args[0], a1, args[2]);
        } else {
            tcg_out_st(s, TCG_TYPE_I32, a0, a1, args[2]);
        }
        break;
    case INDEX_op_ext32s_i64:
    case INDEX_op_ext_i32_i64:
        tcg_out_modrm(s, OPC_MOVSLQ | OPC_REXW, a0, a1);
        break;
    case INDEX_op_ext32u_i64:
    case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        tcg_out_modrm(s, OPC_MOVL_GvEv, a0, a1); /* 32-bit mov zero-extends */
        break;
    case INDEX_op_extrh_i64_i32:
        tcg_out_shifti(s, SHIFT_SHR, OPC_REXW, a0, 32);
        break;
    case INDEX_op_bswap64_i64:
        tcg_out_opc(s, OPC_BSWAP + (a0 & 7) + OPC_REXW, 0, a0, 0);
        break;
    default:
        fprintf(stderr, "q86: x86-64 back end: no emitter for op %s\n", def->name);
        abort();
    }
}

void tb_target_set_jmp_target(uintptr_t jmp_insn_addr, uintptr_t addr)
{
    int32_t disp = (int32_t)(addr - (jmp_insn_addr + 5));
    /* Aligned 4-byte store: atomic for concurrent executors (SDM vol. 3,
     * 9.1.1); cross-modifying code on the same CPU needs no fence. */
    __atomic_store_n((int32_t *)(jmp_insn_addr + 1), disp, __ATOMIC_RELAXED);
}

/* Prologue: save callee-saved registers, load env and guest_base, set up
 * the frame, jump to the TB.  Epilogue: return rax (or 0). */
void tcg_target_qemu_prologue(TCGContext *s)
{
    static const int saved[] = { TCG_REG_RBP, TCG_REG_RBX, TCG_REG_R12, TCG_REG_R13,
                                 TCG_REG_R14, TCG_REG_R15 };

    s->code_gen_prologue = s->code_ptr;
    for (int i = 0; i < 6; i++) {
        tcg_out_opc(s, OPC_PUSH_r + (saved[i] & 7), 0, saved[i], 0);
    }
    tcg_out_mov(s, TCG_TYPE_PTR, TCG_AREG0, tcg_target_call_iarg_regs[0]);
    tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_GUEST_BASE, (intptr_t)&s->guest_base);
    tcg_out_ld(s, TCG_TYPE_I64, TCG_REG_GUEST_BASE, TCG_REG_GUEST_BASE, 0);
    tcg_out_arithi(s, ARITH_SUB, OPC_REXW, TCG_REG_RSP, FRAME_SIZE);
    tcg_out_modrm(s, OPC_GRP5, EXT5_JMP, tcg_target_call_iarg_regs[1]);

    s->code_gen_epilogue = s->code_ptr;
    tcg_out_arith(s, ARITH_XOR, 0, TCG_REG_RAX, TCG_REG_RAX);
    s->tb_ret_addr = s->code_ptr;
    tcg_out_arithi(s, ARITH_ADD, OPC_REXW, TCG_REG_RSP, FRAME_SIZE);
    for (int i = 5; i >= 0; i--) {
        tcg_out_opc(s, OPC_POP_r + (saved[i] & 7), 0, saved[i], 0);
    }
    tcg_out8(s, OPC_RET);
}
