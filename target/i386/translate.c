/*
 * i386 translator: decoded instructions (decode.c) -> IR (tcg-op.h).
 *
 * Each row of insn-table.h names a gen_* handler below; the dispatcher
 * checks prefixes (LOCK) and calls it.  Conventions:
 *  - s->T0/T1 hold operands, s->A0 the linear address of the memory operand
 *    (computed once per instruction by gen_ea()).
 *  - Lazy flags: s->cc_op is the CCOp known at translation time (or
 *    CC_OP_DYNAMIC: env->cc_op holds it).  An instruction changes cc_dst/
 *    cc_src/cc_src2 and s->cc_op only after its last possible fault, so the
 *    (pc, cc_op) recorded by insn_start always describes valid state.
 *  - Conditions are computed from the operands where cheap (gen_prepare_cc)
 *    and from the full flags (helper cc_compute_all) otherwise.
 *  - LOCK: while guest threads run one at a time, a LOCKed read-modify-write
 *    is load, op, store between full barriers: nothing else runs in
 *    between.  TBs translated with CF_PARALLEL (threads on several host
 *    threads) do the memory update in an atomic helper instead
 *    (atomic_helper.c) and recompute the result for the flags inline.
 */
#include <stddef.h>
#include <string.h>

#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "target/i386/decode.h"
#include "target/i386/atomic-ops.h"
#include "target/i386/x87.h"
#include "exec/exec-all.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "qemu/log.h"

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"
#include "exec/helper-gen.h"

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

/* Front-end specific ends of a TB. */
#define DISAS_EOB_NEXT DISAS_TARGET_0  /* state changed: exit, resume at next insn */
#define DISAS_EOB_ONLY DISAS_TARGET_1  /* eip already stored (far jumps): exit */
#define DISAS_EOB_INHIBIT DISAS_TARGET_2 /* MOV SS/POP SS: exit, shadow for the next insn */

static TCGv_i32 cpu_regs[8];
static TCGv_i32 cpu_seg_base[6];
static TCGv_i32 cpu_cc_dst, cpu_cc_src, cpu_cc_src2, cpu_cc_op;

typedef struct DisasContext {
    DisasContextBase base;
    CPUX86State *env;
    X86DecodedInsn d;

    uint32_t cs_base;
    uint32_t flags;         /* hflags of the TB */
    int cpl, iopl;
    bool code32, ss32, addseg, pe, vm86;
    bool parallel;          /* CF_PARALLEL: LOCKed RMW through atomic helpers */
    bool tf;                /* EFLAGS.TF: single-step trap after each insn */
    bool inhibit_irq;       /* the TB runs in an interrupt shadow: one insn, no chaining */
    bool smm;               /* system-management mode */
    int mem_index;
    uint32_t features;      /* CPUID.1:EDX of the model */

    CCOp cc_op;
    bool cc_op_dirty;       /* cpu_cc_op does not hold cc_op yet */

    TCGv_i32 A0, T0, T1;
    bool a0_ready;
    int pop_esp_adjust;     /* POP Ev with an ESP base: ESP after the pop */
    /* translate-sse.c: pc after the last inline MMX insn of this TB (0: none)
     * and the MMX registers written inline since its state check */
    uint32_t mmx_chain_pc;
    uint8_t mmx_chain_written;
} DisasContext;

typedef void (*X86GenFn)(DisasContext *s, X86DecodedInsn *d);
static void gen_sse(DisasContext *s, X86DecodedInsn *d);  /* translate-sse.c */

enum { OP_ADD, OP_OR, OP_ADC, OP_SBB, OP_AND, OP_SUB, OP_XOR, OP_CMP, OP_TEST };
enum { JCC_O, JCC_B, JCC_Z, JCC_BE, JCC_S, JCC_P, JCC_L, JCC_LE };

/*
 * Temps of the instruction being translated.  They are EBB temps (no
 * handler keeps one live across a label or branch, so the register
 * allocator never has to spill them at block ends) and are freed when the
 * instruction is done, so a long TB stays far below TCG_MAX_TEMPS.
 * Translation is serialised by accel/tcg, hence one static pool.
 */
#define MAX_INSN_TEMPS 96
static struct {
    TCGv_i32 t32[MAX_INSN_TEMPS];
    TCGv_i64 t64[MAX_INSN_TEMPS];
    int n32, n64;
} insn_temps;

static TCGv_i32 tmp_i32(void)
{
    TCGv_i32 t = tcg_temp_ebb_new_i32();
    if (insn_temps.n32 < MAX_INSN_TEMPS) {
        insn_temps.t32[insn_temps.n32++] = t;
    }
    return t;
}

static TCGv_i64 tmp_i64(void)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();
    if (insn_temps.n64 < MAX_INSN_TEMPS) {
        insn_temps.t64[insn_temps.n64++] = t;
    }
    return t;
}

static void free_insn_temps(void)
{
    for (int i = 0; i < insn_temps.n32; i++) {
        tcg_temp_free_i32(insn_temps.t32[i]);
    }
    for (int i = 0; i < insn_temps.n64; i++) {
        tcg_temp_free_i64(insn_temps.t64[i]);
    }
    insn_temps.n32 = insn_temps.n64 = 0;
}

/* ---------------------------------------------------------------- basics */

static inline uint32_t cur_eip(DisasContext *s)
{
    return s->d.pc - s->cs_base;
}

static inline uint32_t next_eip(DisasContext *s)
{
    return s->d.pc + s->d.len - s->cs_base;
}

static inline uint32_t size_mask(MemOp ot)
{
    return ot == MO_8 ? 0xff : ot == MO_16 ? 0xffff : 0xffffffffu;
}

static inline uint32_t sign_bit(MemOp ot)
{
    return 1u << ((8 << ot) - 1);
}

static inline MemOp data_ot(X86DecodedInsn *d)
{
    return d->data32 ? MO_32 : MO_16;
}

static void gen_update_cc_op(DisasContext *s)
{
    if (s->cc_op_dirty) {
        tcg_gen_movi_i32(cpu_cc_op, s->cc_op);
        s->cc_op_dirty = false;
    }
}

/* Called once an instruction's flags are final (see the header comment). */
static void set_cc_op(DisasContext *s, CCOp op)
{
    if (s->cc_op != op) {
        s->cc_op = op;
        s->cc_op_dirty = op != CC_OP_DYNAMIC;
    }
}

static void gen_jmp_im(DisasContext *s, uint32_t eip)
{
    tcg_gen_st_i32(tcg_constant_i32(eip), tcg_env, offsetof(CPUX86State, eip));
}

static void gen_set_hflag(DisasContext *s, uint32_t mask)
{
    TCGv_i32 t = tmp_i32();
    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUX86State, hflags));
    tcg_gen_ori_i32(t, t, mask);
    tcg_gen_st_i32(t, tcg_env, offsetof(CPUX86State, hflags));
}

static void gen_reset_hflag(DisasContext *s, uint32_t mask)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUX86State, hflags));
    tcg_gen_andi_i32(t, t, ~mask);
    tcg_gen_st_i32(t, tcg_env, offsetof(CPUX86State, hflags));
    tcg_temp_free_i32(t);
}

static void gen_exception_err(DisasContext *s, int excp, int err)
{
    gen_update_cc_op(s);
    gen_jmp_im(s, cur_eip(s));
    gen_helper_raise_exception_err(tcg_env, tcg_constant_i32(excp), tcg_constant_i32(err));
    s->base.is_jmp = DISAS_NORETURN;
}

static void gen_exception(DisasContext *s, int excp)
{
    gen_exception_err(s, excp, 0);
}

static void gen_illegal_opcode(DisasContext *s)
{
    gen_exception(s, EXCP06_ILLOP);
}

static void gen_unimplemented(DisasContext *s, const char *what)
{
    qemu_log_mask(LOG_UNIMP, "i386: unimplemented %s at %08x (opcode %s%02x)\n", what,
                  s->d.pc, s->d.map == 1 ? "0f " : s->d.map == 2 ? "0f 38 " :
                  s->d.map == 3 ? "0f 3a " : "", s->d.op);
    gen_illegal_opcode(s);
}

/* TF set: the single-step trap (#DB) after the instruction, with eip
 * already pointing at the next one (SDM vol. 3B, 17.3.1.4). */
static void gen_single_step_trap(DisasContext *s)
{
    gen_helper_single_step(tcg_env);   /* sets DR6.BS, raises #DB */
}

static void gen_gp0(DisasContext *s)
{
    gen_exception_err(s, EXCP0D_GPF, 0);
}

/* ---------------------------------------------------- registers, memory */

static void gen_op_mov_v_reg(MemOp ot, TCGv_i32 t, int reg)
{
    switch (ot) {
    case MO_8:
        if (reg < 4) {
            tcg_gen_ext8u_i32(t, cpu_regs[reg]);
        } else {
            tcg_gen_extract_i32(t, cpu_regs[reg - 4], 8, 8);  /* AH..BH */
        }
        break;
    case MO_16:
        tcg_gen_ext16u_i32(t, cpu_regs[reg]);
        break;
    default:
        tcg_gen_mov_i32(t, cpu_regs[reg]);
        break;
    }
}

static void gen_op_mov_reg_v(MemOp ot, int reg, TCGv_i32 t)
{
    switch (ot) {
    case MO_8:
        if (reg < 4) {
            tcg_gen_deposit_i32(cpu_regs[reg], cpu_regs[reg], t, 0, 8);
        } else {
            tcg_gen_deposit_i32(cpu_regs[reg - 4], cpu_regs[reg - 4], t, 8, 8);
        }
        break;
    case MO_16:
        tcg_gen_deposit_i32(cpu_regs[reg], cpu_regs[reg], t, 0, 16);
        break;
    default:
        tcg_gen_mov_i32(cpu_regs[reg], t);
        break;
    }
}

/* Writes a register under an address size (ECX/ESI/EDI of string ops). */
static void gen_op_mov_reg_a(bool a32, int reg, TCGv_i32 t)
{
    gen_op_mov_reg_v(a32 ? MO_32 : MO_16, reg, t);
}

/* Adds the base of segment `seg` when it can be non-zero: always for FS/GS,
 * for the others only if hflags say some base is non-zero. */
static void gen_add_seg_base(DisasContext *s, TCGv_i32 a, int seg)
{
    if (seg >= 0 && (s->addseg || seg == R_FS || seg == R_GS)) {
        tcg_gen_add_i32(a, a, cpu_seg_base[seg]);
    }
}

/* The effective address (offset within the segment) of the ModRM memory
 * operand, wrapped to the address size. */
static void gen_lea_offset(DisasContext *s, X86DecodedInsn *d, TCGv_i32 a)
{
    int32_t disp = d->disp;

    if (d->ea_base == R_ESP && s->pop_esp_adjust) {
        disp += s->pop_esp_adjust;
    }
    if (d->ea_base >= 0) {
        tcg_gen_addi_i32(a, cpu_regs[d->ea_base], disp);
    } else {
        tcg_gen_movi_i32(a, disp);
    }
    if (d->ea_index >= 0) {
        TCGv_i32 t = tmp_i32();
        tcg_gen_shli_i32(t, cpu_regs[d->ea_index], d->ea_scale);
        tcg_gen_add_i32(a, a, t);
    }
    if (!d->addr32) {
        tcg_gen_ext16u_i32(a, a);
    }
}

static inline int ea_seg(X86DecodedInsn *d)
{
    return d->seg_override >= 0 ? d->seg_override : d->ea_default_seg;
}

/* Computes s->A0 = linear address of the ModRM memory operand, once. */
static TCGv_i32 gen_ea(DisasContext *s, X86DecodedInsn *d)
{
    if (!s->a0_ready) {
        gen_lea_offset(s, d, s->A0);
        gen_add_seg_base(s, s->A0, ea_seg(d));
        s->a0_ready = true;
    }
    return s->A0;
}

static void gen_ld(DisasContext *s, MemOp ot, TCGv_i32 v, TCGv_i32 addr)
{
    tcg_gen_qemu_ld_i32(v, addr, s->mem_index, ot | MO_LE);
}

static void gen_st(DisasContext *s, MemOp ot, TCGv_i32 v, TCGv_i32 addr)
{
    tcg_gen_qemu_st_i32(v, addr, s->mem_index, ot | MO_LE);
}

/* Loads the ModRM r/m operand (register or memory) zero-extended. */
static void gen_ld_E(DisasContext *s, X86DecodedInsn *d, MemOp ot, TCGv_i32 v)
{
    if (d->mod == 3) {
        gen_op_mov_v_reg(ot, v, d->rm);
    } else {
        gen_ld(s, ot, v, gen_ea(s, d));
    }
}

static void gen_st_E(DisasContext *s, X86DecodedInsn *d, MemOp ot, TCGv_i32 v)
{
    if (d->mod == 3) {
        gen_op_mov_reg_v(ot, d->rm, v);
    } else {
        gen_st(s, ot, v, gen_ea(s, d));
    }
}

static bool is_locked(X86DecodedInsn *d)
{
    return d->prefix & PREFIX_LOCK;
}

/* True if this LOCKed (or implicitly locked) memory RMW must be done by an
 * atomic helper: other guest threads may run at the same time. */
static bool use_atomic(DisasContext *s, X86DecodedInsn *d, bool implicit_lock)
{
    return s->parallel && d->mod != 3 && (implicit_lock || (d->prefix & PREFIX_LOCK));
}

/* old = [A0]; [A0] = op(old, src, carry) atomically. */
static void gen_atomic_rmw(DisasContext *s, X86DecodedInsn *d, TCGv_i32 old, X86AtomicOp op,
                           MemOp ot, TCGv_i32 src, TCGv_i32 carry)
{
    TCGv_i32 arg = tmp_i32();

    tcg_gen_movi_i32(arg, op | (ot << 4));
    if (carry) {
        TCGv_i32 c = tmp_i32();
        tcg_gen_shli_i32(c, carry, 8);
        tcg_gen_or_i32(arg, arg, c);
    }
    gen_helper_atomic_rmw(old, tcg_env, gen_ea(s, d), src ? src : tcg_constant_i32(0), arg);
}

static void gen_lock_barrier(X86DecodedInsn *d)
{
    if (is_locked(d)) {
        tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
    }
}

/* ------------------------------------------------------------------ stack */

/* addr = SS base + sp, sp wrapped to the stack size. */
static void gen_stack_addr(DisasContext *s, TCGv_i32 addr, TCGv_i32 sp)
{
    if (s->ss32) {
        tcg_gen_mov_i32(addr, sp);
    } else {
        tcg_gen_ext16u_i32(addr, sp);
    }
    gen_add_seg_base(s, addr, R_SS);
}

static void gen_set_esp(DisasContext *s, TCGv_i32 sp)
{
    gen_op_mov_reg_v(s->ss32 ? MO_32 : MO_16, R_ESP, sp);
}

static void gen_add_esp(DisasContext *s, int32_t delta)
{
    if (s->ss32) {
        tcg_gen_addi_i32(cpu_regs[R_ESP], cpu_regs[R_ESP], delta);
    } else {
        TCGv_i32 t = tmp_i32();
        tcg_gen_addi_i32(t, cpu_regs[R_ESP], delta);
        gen_set_esp(s, t);
    }
}

/* PUSH: the store happens before ESP changes, so a fault is restartable. */
static void gen_push_v(DisasContext *s, MemOp ot, TCGv_i32 v)
{
    TCGv_i32 sp = tmp_i32();
    TCGv_i32 addr = tmp_i32();

    tcg_gen_subi_i32(sp, cpu_regs[R_ESP], 1 << ot);
    gen_stack_addr(s, addr, sp);
    gen_st(s, ot, v, addr);
    gen_set_esp(s, sp);
}

/* Loads the value at the top of the stack; ESP is updated by the caller
 * (gen_add_esp) after anything else that may fault. */
static void gen_pop_v(DisasContext *s, MemOp ot, TCGv_i32 v)
{
    TCGv_i32 addr = tmp_i32();
    gen_stack_addr(s, addr, cpu_regs[R_ESP]);
    gen_ld(s, ot, v, addr);
}

/* ----------------------------------------------------------- lazy flags */

/* Full arithmetic flags of the current state into `dst`, without changing
 * the lazy state. */
static TCGv_i32 gen_ext(MemOp ot, TCGv_i32 v, bool sign)
{
    TCGv_i32 t;
    if (ot == MO_32) {
        return v;
    }
    t = tmp_i32();
    if (ot == MO_8) {
        if (sign) {
            tcg_gen_ext8s_i32(t, v);
        } else {
            tcg_gen_ext8u_i32(t, v);
        }
    } else if (sign) {
        tcg_gen_ext16s_i32(t, v);
    } else {
        tcg_gen_ext16u_i32(t, v);
    }
    return t;
}

/* f |= (bit `from` of v) << to */
static void gen_or_bit(TCGv_i32 f, TCGv_i32 v, int from, int to)
{
    TCGv_i32 t = tmp_i32();
    tcg_gen_extract_i32(t, v, from, 1);
    if (to) {
        tcg_gen_shli_i32(t, t, to);
    }
    tcg_gen_or_i32(f, f, t);
}

/*
 * The full flags of a known cc_op computed inline, for the ops whose
 * definition is short (same formulas as cc_helper.c).  Rotates, BT, LAHF,
 * PUSHF... need all flags; after logic/shift/add/sub/inc/dec this avoids
 * a helper call.  Returns false for the other ops.
 */
static bool gen_eflags_inline(DisasContext *s, TCGv_i32 f)
{
    CCOp op = s->cc_op;
    MemOp ot;
    int msb;
    TCGv_i32 t, a;

    if (op < CC_OP_ADDB || op > CC_OP_SARL || (op >= CC_OP_ADCB && op <= CC_OP_ADCL) ||
        (op >= CC_OP_SBBB && op <= CC_OP_SBBL)) {
        return false;
    }
    ot = (MemOp)((op - CC_OP_ADDB) % 3);
    op = (CCOp)(op - ot);
    msb = (8 << ot) - 1;
    t = tmp_i32();

    /* ZF, SF, PF from the result */
    tcg_gen_andi_i32(t, cpu_cc_dst, size_mask(ot));
    tcg_gen_setcondi_i32(TCG_COND_EQ, f, t, 0);
    tcg_gen_shli_i32(f, f, 6);
    gen_or_bit(f, cpu_cc_dst, msb, 7);
    tcg_gen_andi_i32(t, cpu_cc_dst, 0xff);
    tcg_gen_ctpop_i32(t, t);
    tcg_gen_andi_i32(t, t, 1);
    tcg_gen_xori_i32(t, t, 1);
    tcg_gen_shli_i32(t, t, 2);
    tcg_gen_or_i32(f, f, t);

    switch (op) {
    case CC_OP_LOGICB:
        break;
    case CC_OP_SHLB:
        gen_or_bit(f, cpu_cc_src, msb, 0);                  /* CF */
        tcg_gen_xor_i32(t, cpu_cc_dst, cpu_cc_src);
        gen_or_bit(f, t, msb, 11);                          /* OF */
        break;
    case CC_OP_SARB:
        gen_or_bit(f, cpu_cc_src, 0, 0);
        tcg_gen_xor_i32(t, cpu_cc_dst, cpu_cc_src);
        gen_or_bit(f, t, msb, 11);
        break;
    case CC_OP_INCB:
    case CC_OP_DECB:
        tcg_gen_or_i32(f, f, cpu_cc_src);                   /* CF, 0 or 1 */
        /* AF: the low nibble wrapped; OF: the result is 0x80.. (INC) or
         * 0x7f.. (DEC) */
        tcg_gen_andi_i32(t, cpu_cc_dst, 0xf);
        tcg_gen_setcondi_i32(TCG_COND_EQ, t, t, op == CC_OP_INCB ? 0 : 0xf);
        tcg_gen_shli_i32(t, t, 4);
        tcg_gen_or_i32(f, f, t);
        tcg_gen_andi_i32(t, cpu_cc_dst, size_mask(ot));
        tcg_gen_setcondi_i32(TCG_COND_EQ, t, t,
                             op == CC_OP_INCB ? sign_bit(ot) : sign_bit(ot) - 1);
        tcg_gen_shli_i32(t, t, 11);
        tcg_gen_or_i32(f, f, t);
        break;
    case CC_OP_ADDB:
    case CC_OP_SUBB:
        /* a = the first operand; CF from the truncated operands */
        a = tmp_i32();
        if (op == CC_OP_ADDB) {
            tcg_gen_sub_i32(a, cpu_cc_dst, cpu_cc_src);
            tcg_gen_setcond_i32(TCG_COND_LTU, t, gen_ext(ot, cpu_cc_dst, false),
                                gen_ext(ot, cpu_cc_src, false));
        } else {
            tcg_gen_add_i32(a, cpu_cc_dst, cpu_cc_src);
            tcg_gen_setcond_i32(TCG_COND_LTU, t, gen_ext(ot, a, false),
                                gen_ext(ot, cpu_cc_src, false));
        }
        tcg_gen_or_i32(f, f, t);
        /* AF = bit 4 of a ^ b ^ result */
        tcg_gen_xor_i32(t, a, cpu_cc_src);
        tcg_gen_xor_i32(t, t, cpu_cc_dst);
        tcg_gen_andi_i32(t, t, CC_A);
        tcg_gen_or_i32(f, f, t);
        /* OF: ADD (a ^ ~b) & (a ^ r); SUB (a ^ b) & (a ^ r) */
        if (op == CC_OP_ADDB) {
            tcg_gen_xor_i32(t, a, cpu_cc_src);
            tcg_gen_not_i32(t, t);
        } else {
            tcg_gen_xor_i32(t, a, cpu_cc_src);
        }
        tcg_gen_xor_i32(a, a, cpu_cc_dst);
        tcg_gen_and_i32(t, t, a);
        gen_or_bit(f, t, msb, 11);
        break;
    default:
        return false;   /* not reached: filtered above */
    }
    return true;
}

static void gen_eflags_value(DisasContext *s, TCGv_i32 dst)
{
    if (s->cc_op == CC_OP_EFLAGS) {
        tcg_gen_andi_i32(dst, cpu_cc_src, CC_ARITH_MASK);
        return;
    }
    if (gen_eflags_inline(s, dst)) {
        return;
    }
    gen_helper_cc_compute_all(dst, cpu_cc_dst, cpu_cc_src, cpu_cc_src2,
                              s->cc_op == CC_OP_DYNAMIC ? cpu_cc_op
                                                        : tcg_constant_i32(s->cc_op));
}

/* Finishes an instruction whose new flags are in `flags` (EFLAGS form). */
static void gen_set_eflags_result(DisasContext *s, TCGv_i32 flags)
{
    tcg_gen_mov_i32(cpu_cc_src, flags);
    set_cc_op(s, CC_OP_EFLAGS);
}

typedef struct CCPrepare {
    TCGCond cond;
    TCGv_i32 a, b;
} CCPrepare;

static CCPrepare cc_cmp(TCGCond cond, TCGv_i32 a, TCGv_i32 b)
{
    return (CCPrepare){ cond, a, b };
}

static CCPrepare cc_cmpi(TCGCond cond, TCGv_i32 a, int32_t b)
{
    return (CCPrepare){ cond, a, tcg_constant_i32(b) };
}

/* (v & mask) != 0 */
static CCPrepare cc_test(TCGv_i32 v, uint32_t mask)
{
    TCGv_i32 t = tmp_i32();
    tcg_gen_andi_i32(t, v, mask);
    return cc_cmpi(TCG_COND_NE, t, 0);
}


/* Condition from EFLAGS-form flags in `f` (base condition, not inverted). */
static CCPrepare cc_from_eflags(TCGv_i32 f, int jcc)
{
    TCGv_i32 t;

    switch (jcc) {
    case JCC_O: return cc_test(f, CC_O);
    case JCC_B: return cc_test(f, CC_C);
    case JCC_Z: return cc_test(f, CC_Z);
    case JCC_BE: return cc_test(f, CC_C | CC_Z);
    case JCC_S: return cc_test(f, CC_S);
    case JCC_P: return cc_test(f, CC_P);
    case JCC_L:
    case JCC_LE:
        /* SF is bit 7, OF bit 11: bit 7 of f ^ (f >> 4) is SF != OF. */
        t = tmp_i32();
        tcg_gen_shri_i32(t, f, 4);
        tcg_gen_xor_i32(t, t, f);
        /* bit 6 of t is ZF ^ bit 10 of f, and f holds arithmetic flags
         * only, so it is ZF: LE is (SF != OF) || ZF. */
        return cc_test(t, jcc == JCC_LE ? (CC_S | CC_Z) : CC_S);
    }
    return cc_cmpi(TCG_COND_NEVER, f, 0);
}

/*
 * The condition `jcc` (0..15, the low nibble of Jcc/SETcc/CMOVcc; odd
 * codes are the inverses) as a comparison.  Computed directly from the
 * lazy operands where that is cheap; otherwise from the full flags.
 */
static CCPrepare gen_prepare_cc(DisasContext *s, int jcc)
{
    int base = jcc >> 1;
    CCOp op = s->cc_op;
    MemOp ot = MO_32;
    CCPrepare p;
    TCGv_i32 f, a;
    bool done = true;

    if (op >= CC_OP_ADDB && op < CC_OP_NB) {
        ot = (MemOp)((op - CC_OP_ADDB) % 3);
        op = (CCOp)(op - ot);
    }
    /* ZF and SF come straight from cc_dst for every op with a result. */
    if (op == CC_OP_ADDB || op == CC_OP_ADCB || op == CC_OP_SUBB || op == CC_OP_SBBB ||
        op == CC_OP_LOGICB || op == CC_OP_INCB || op == CC_OP_DECB ||
        op == CC_OP_SHLB || op == CC_OP_SARB) {
        if (base == JCC_Z) {
            p = cc_test(cpu_cc_dst, size_mask(ot));
            p.cond = TCG_COND_EQ;
            goto out;
        }
        if (base == JCC_S) {
            p = cc_test(cpu_cc_dst, sign_bit(ot));
            goto out;
        }
    }
    switch (op) {
    case CC_OP_SUBB:
        /* cc_dst = a - b, cc_src = b: compare a and b themselves. */
        a = tmp_i32();
        tcg_gen_add_i32(a, cpu_cc_dst, cpu_cc_src);
        switch (base) {
        case JCC_B:
            p = cc_cmp(TCG_COND_LTU, gen_ext(ot, a, false), gen_ext(ot, cpu_cc_src, false));
            break;
        case JCC_BE:
            p = cc_cmp(TCG_COND_LEU, gen_ext(ot, a, false), gen_ext(ot, cpu_cc_src, false));
            break;
        case JCC_L:
            p = cc_cmp(TCG_COND_LT, gen_ext(ot, a, true), gen_ext(ot, cpu_cc_src, true));
            break;
        case JCC_LE:
            p = cc_cmp(TCG_COND_LE, gen_ext(ot, a, true), gen_ext(ot, cpu_cc_src, true));
            break;
        default:
            done = false;
            break;
        }
        break;
    case CC_OP_ADDB:
        if (base == JCC_B) {
            /* carry out iff the truncated sum is below an addend */
            p = cc_cmp(TCG_COND_LTU, gen_ext(ot, cpu_cc_dst, false),
                       gen_ext(ot, cpu_cc_src, false));
        } else {
            done = false;
        }
        break;
    case CC_OP_LOGICB:
        switch (base) {
        case JCC_O:
        case JCC_B:
            p = cc_cmpi(TCG_COND_NEVER, cpu_cc_dst, 0);
            break;
        case JCC_BE:
            p = cc_test(cpu_cc_dst, size_mask(ot));
            p.cond = TCG_COND_EQ;
            break;
        case JCC_L:
            p = cc_test(cpu_cc_dst, sign_bit(ot));
            break;
        case JCC_LE:
            p = cc_cmpi(TCG_COND_LE, gen_ext(ot, cpu_cc_dst, true), 0);
            break;
        default:
            done = false;
            break;
        }
        break;
    case CC_OP_INCB:
    case CC_OP_DECB:
        if (base == JCC_B) {
            p = cc_cmpi(TCG_COND_NE, cpu_cc_src, 0);
        } else {
            done = false;
        }
        break;
    case CC_OP_SHLB:
        if (base == JCC_B) {
            p = cc_test(cpu_cc_src, sign_bit(ot));
        } else {
            done = false;
        }
        break;
    case CC_OP_SARB:
        if (base == JCC_B) {
            p = cc_test(cpu_cc_src, 1);
        } else {
            done = false;
        }
        break;
    case CC_OP_MULB:
        if (base == JCC_B || base == JCC_O) {
            p = cc_cmpi(TCG_COND_NE, cpu_cc_src, 0);
        } else {
            done = false;
        }
        break;
    case CC_OP_EFLAGS:
        p = cc_from_eflags(cpu_cc_src, base);
        break;
    default:
        done = false;
        break;
    }
    if (!done) {
        f = tmp_i32();
        gen_eflags_value(s, f);
        p = cc_from_eflags(f, base);
    }
out:
    if (jcc & 1) {
        p.cond = tcg_invert_cond(p.cond);
    }
    return p;
}

/*
 * A condition at the start of a TB usually finds cc_op DYNAMIC (the flags
 * were set before the previous TB ended, typically CMP; Jcc; Jcc).  Rather
 * than computing all flags, test at run time for the common ops (CMP/SUB,
 * logic/TEST, ADD) and use their direct comparisons.  The branches kill EBB
 * temps, so only callers with no live temps use this: Jcc, SETcc, and
 * CMOVcc and the carry-in of INC/DEC/ADC/SBB computed before their
 * operands are loaded.
 */
static CCPrepare gen_prepare_cc_branchy(DisasContext *s, int jcc)
{
    static const CCOp fast_ops[3] = { CC_OP_SUBL, CC_OP_LOGICL, CC_OP_ADDL };
    int base = jcc >> 1;
    TCGv_i32 res;
    TCGLabel *done;

    if (s->cc_op != CC_OP_DYNAMIC || base == JCC_O || base == JCC_P) {
        return gen_prepare_cc(s, jcc);
    }
    res = tcg_temp_new_i32();     /* TB temp: lives across the labels */
    done = gen_new_label();
    for (int i = 0; i < 3; i++) {
        TCGLabel *next = gen_new_label();
        CCPrepare p;
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_cc_op, fast_ops[i], next);
        s->cc_op = fast_ops[i];
        p = gen_prepare_cc(s, base << 1);
        if (p.cond == TCG_COND_NEVER || p.cond == TCG_COND_ALWAYS) {
            tcg_gen_movi_i32(res, p.cond == TCG_COND_ALWAYS);
        } else {
            tcg_gen_setcond_i32(p.cond, res, p.a, p.b);
        }
        tcg_gen_br(done);
        gen_set_label(next);
    }
    s->cc_op = CC_OP_DYNAMIC;
    {
        CCPrepare p = gen_prepare_cc(s, base << 1);
        tcg_gen_setcond_i32(p.cond, res, p.a, p.b);
    }
    gen_set_label(done);
    return cc_cmpi((jcc & 1) ? TCG_COND_EQ : TCG_COND_NE, res, 0);
}

static void gen_setcc_value(DisasContext *s, int jcc, TCGv_i32 v)
{
    CCPrepare p = gen_prepare_cc(s, jcc);
    if (p.cond == TCG_COND_NEVER) {
        tcg_gen_movi_i32(v, 0);
    } else if (p.cond == TCG_COND_ALWAYS) {
        tcg_gen_movi_i32(v, 1);
    } else {
        tcg_gen_setcond_i32(p.cond, v, p.a, p.b);
    }
}

/* Branches to l when condition jcc holds. */
static void gen_jcc_branch(DisasContext *s, int jcc, TCGLabel *l)
{
    CCPrepare p = gen_prepare_cc(s, jcc);
    if (p.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (p.cond != TCG_COND_NEVER) {
        tcg_gen_brcond_i32(p.cond, p.a, p.b, l);
    }
}

/* CF as 0/1 into v. */
static void gen_compute_cf(DisasContext *s, TCGv_i32 v)
{
    gen_setcc_value(s, JCC_B << 1, v);
}

/* CF as 0/1 into a new temp, computed with the run-time fast paths: call
 * before anything else of the instruction is live. */
static TCGv_i32 gen_compute_cf_first(DisasContext *s)
{
    CCPrepare p = gen_prepare_cc_branchy(s, JCC_B << 1);
    TCGv_i32 cf = tmp_i32();

    if (p.cond == TCG_COND_NEVER || p.cond == TCG_COND_ALWAYS) {
        tcg_gen_movi_i32(cf, p.cond == TCG_COND_ALWAYS);
    } else {
        tcg_gen_setcond_i32(p.cond, cf, p.a, p.b);
    }
    return cf;
}

/* ------------------------------------------------------------- control */

static void gen_goto_tb(DisasContext *s, int slot, uint32_t eip)
{
    uint64_t pc = (uint32_t)(s->cs_base + eip);

    if (s->tf) {
        gen_jmp_im(s, eip);
        gen_single_step_trap(s);
    } else if (s->inhibit_irq) {
        gen_jmp_im(s, eip);
        tcg_gen_exit_tb(NULL, 0);   /* back to cpu_exec: interrupts */
    } else if (translator_use_goto_tb(&s->base, pc)) {
        tcg_gen_goto_tb(slot);
        gen_jmp_im(s, eip);
        tcg_gen_exit_tb(s->base.tb, slot);
    } else {
        gen_jmp_im(s, eip);
        if (s->base.tb->cflags & CF_NO_GOTO_PTR) {
            tcg_gen_exit_tb(NULL, 0);
        } else {
            tcg_gen_lookup_and_goto_ptr();
        }
    }
}

/* Direct jump to eip, ending the TB. */
static void gen_jmp_direct(DisasContext *s, uint32_t eip)
{
    gen_update_cc_op(s);
    gen_goto_tb(s, 0, eip);
    s->base.is_jmp = DISAS_NORETURN;
}

/* Indirect near jump (JMP/CALL r/m, RET): eip from a value.  CS and the
 * TB flags stay the same, so the jump cache can be probed inline. */
static void gen_jmp_indirect(DisasContext *s, TCGv_i32 eip)
{
    gen_update_cc_op(s);
    tcg_gen_st_i32(eip, tcg_env, offsetof(CPUX86State, eip));
    if (s->tf) {
        gen_single_step_trap(s);
    } else if ((s->base.tb->cflags & CF_NO_GOTO_PTR) || s->inhibit_irq) {
        tcg_gen_exit_tb(NULL, 0);
    } else if (s->cs_base == 0) {
        tcg_gen_lookup_and_goto_ptr_pc(eip);
    } else {
        TCGv_i32 pc = tmp_i32();
        tcg_gen_addi_i32(pc, eip, s->cs_base);
        tcg_gen_lookup_and_goto_ptr_pc(pc);
    }
    s->base.is_jmp = DISAS_NORETURN;
}

static uint32_t rel_target(DisasContext *s, X86DecodedInsn *d)
{
    uint32_t t = next_eip(s) + d->imm;
    return d->data32 ? t : (t & 0xffff);
}

static void gen_jcc(DisasContext *s, X86DecodedInsn *d)
{
    const X86OpRow *row = x86_decoded_row(d);
    TCGLabel *taken = gen_new_label();
    uint32_t target = rel_target(s, d);

    CCPrepare p;

    gen_update_cc_op(s);
    p = gen_prepare_cc_branchy(s, row->arg);
    if (p.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(taken);
    } else if (p.cond != TCG_COND_NEVER) {
        tcg_gen_brcond_i32(p.cond, p.a, p.b, taken);
    }
    gen_goto_tb(s, 0, next_eip(s));
    gen_set_label(taken);
    gen_goto_tb(s, 1, target);
    s->base.is_jmp = DISAS_NORETURN;
}

static void gen_jmp_rel(DisasContext *s, X86DecodedInsn *d)
{
    gen_jmp_direct(s, rel_target(s, d));
}

static void gen_call_rel(DisasContext *s, X86DecodedInsn *d)
{
    gen_push_v(s, data_ot(d), tcg_constant_i32(next_eip(s)));
    gen_jmp_direct(s, rel_target(s, d));
}

static void gen_call_rm(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    gen_ld_E(s, d, ot, s->T0);
    gen_push_v(s, ot, tcg_constant_i32(next_eip(s)));
    gen_jmp_indirect(s, s->T0);
}

static void gen_jmp_rm(DisasContext *s, X86DecodedInsn *d)
{
    gen_ld_E(s, d, data_ot(d), s->T0);
    gen_jmp_indirect(s, s->T0);
}

static void gen_ret(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    gen_pop_v(s, ot, s->T0);
    gen_add_esp(s, (1 << ot) + (d->op == 0xc2 ? (int32_t)d->imm : 0));
    gen_jmp_indirect(s, s->T0);
}

/* LOOP/LOOPE/LOOPNE/JCXZ: the count register is CX or ECX by address size. */
static void gen_loop(DisasContext *s, X86DecodedInsn *d)
{
    int kind = x86_decoded_row(d)->arg;   /* 0 loopne, 1 loope, 2 loop, 3 jcxz */
    TCGLabel *taken = gen_new_label(), *not_taken = gen_new_label();
    TCGv_i32 cnt = tmp_i32();
    uint32_t target = rel_target(s, d);

    gen_update_cc_op(s);
    if (kind == 3) {
        tcg_gen_andi_i32(cnt, cpu_regs[R_ECX], d->addr32 ? 0xffffffffu : 0xffff);
        tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, taken);
        tcg_gen_br(not_taken);
    } else {
        tcg_gen_subi_i32(cnt, cpu_regs[R_ECX], 1);
        gen_op_mov_reg_a(d->addr32, R_ECX, cnt);
        tcg_gen_andi_i32(cnt, cnt, d->addr32 ? 0xffffffffu : 0xffff);
        tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, not_taken);
        if (kind == 0) {
            gen_jcc_branch(s, (JCC_Z << 1), not_taken);       /* exit when ZF=1 */
        } else if (kind == 1) {
            gen_jcc_branch(s, (JCC_Z << 1) | 1, not_taken);   /* exit when ZF=0 */
        }
        tcg_gen_br(taken);
    }
    gen_set_label(not_taken);
    gen_goto_tb(s, 0, next_eip(s));
    gen_set_label(taken);
    gen_goto_tb(s, 1, target);
    s->base.is_jmp = DISAS_NORETURN;
}

/* ------------------------------------------------------------ ALU ops */

/* Where an instruction's destination is: a register or the memory operand. */
typedef struct Dest {
    bool mem;
    int reg;
} Dest;

static Dest dest_E(X86DecodedInsn *d)
{
    return (Dest){ d->mod != 3, d->rm };
}

static Dest dest_reg(int reg)
{
    return (Dest){ false, reg };
}

static void gen_ld_dest(DisasContext *s, X86DecodedInsn *d, MemOp ot, Dest t, TCGv_i32 v)
{
    if (t.mem) {
        gen_ld(s, ot, v, gen_ea(s, d));
    } else {
        gen_op_mov_v_reg(ot, v, t.reg);
    }
}

static void gen_st_dest(DisasContext *s, X86DecodedInsn *d, MemOp ot, Dest t, TCGv_i32 v)
{
    if (t.mem) {
        gen_st(s, ot, v, gen_ea(s, d));
    } else {
        gen_op_mov_reg_v(ot, t.reg, v);
    }
}

/* The two operands of a two-operand row: destination, and source in T1. */
static Dest gen_alu_operands(DisasContext *s, X86DecodedInsn *d, MemOp ot)
{
    const X86OpRow *row = x86_decoded_row(d);

    if (row->imm != IMM_NONE) {
        tcg_gen_movi_i32(s->T1, d->imm);
        return d->has_modrm ? dest_E(d) : dest_reg(R_EAX);
    }
    if (row->flags & X_DIR) {
        gen_ld_E(s, d, ot, s->T1);
        return dest_reg(d->reg);
    }
    gen_op_mov_v_reg(ot, s->T1, d->reg);
    return dest_E(d);
}

static void gen_alu(DisasContext *s, X86DecodedInsn *d)
{
    int op = x86_decoded_row(d)->arg;
    MemOp ot = d->ot;
    /* the carry-in first: it may branch (gen_prepare_cc_branchy) */
    TCGv_i32 carry = (op == OP_ADC || op == OP_SBB) ? gen_compute_cf_first(s) : NULL;
    Dest dst = gen_alu_operands(s, d, ot);

    bool atomic = dst.mem && op != OP_CMP && op != OP_TEST && use_atomic(s, d, false);

    gen_lock_barrier(d);
    if (atomic) {
        gen_atomic_rmw(s, d, s->T0, (X86AtomicOp)op, ot, s->T1, carry);
    } else {
        gen_ld_dest(s, d, ot, dst, s->T0);
    }
    switch (op) {
    case OP_ADD:
        tcg_gen_add_i32(s->T0, s->T0, s->T1);
        break;
    case OP_ADC:
        tcg_gen_add_i32(s->T0, s->T0, s->T1);
        tcg_gen_add_i32(s->T0, s->T0, carry);
        break;
    case OP_SBB:
        tcg_gen_sub_i32(s->T0, s->T0, s->T1);
        tcg_gen_sub_i32(s->T0, s->T0, carry);
        break;
    case OP_SUB:
    case OP_CMP:
        tcg_gen_sub_i32(s->T0, s->T0, s->T1);
        break;
    case OP_AND:
    case OP_TEST:
        tcg_gen_and_i32(s->T0, s->T0, s->T1);
        break;
    case OP_OR:
        tcg_gen_or_i32(s->T0, s->T0, s->T1);
        break;
    case OP_XOR:
        tcg_gen_xor_i32(s->T0, s->T0, s->T1);
        break;
    }
    if (op != OP_CMP && op != OP_TEST && !atomic) {
        gen_st_dest(s, d, ot, dst, s->T0);
    }
    gen_lock_barrier(d);

    /* flags, after the last possible fault */
    tcg_gen_mov_i32(cpu_cc_dst, s->T0);
    switch (op) {
    case OP_ADD:
        tcg_gen_mov_i32(cpu_cc_src, s->T1);
        set_cc_op(s, CC_OP_ADDB + ot);
        break;
    case OP_ADC:
        tcg_gen_mov_i32(cpu_cc_src, s->T1);
        tcg_gen_mov_i32(cpu_cc_src2, carry);
        set_cc_op(s, CC_OP_ADCB + ot);
        break;
    case OP_SBB:
        tcg_gen_mov_i32(cpu_cc_src, s->T1);
        tcg_gen_mov_i32(cpu_cc_src2, carry);
        set_cc_op(s, CC_OP_SBBB + ot);
        break;
    case OP_SUB:
    case OP_CMP:
        tcg_gen_mov_i32(cpu_cc_src, s->T1);
        set_cc_op(s, CC_OP_SUBB + ot);
        break;
    default:
        set_cc_op(s, CC_OP_LOGICB + ot);
        break;
    }
}

/* INC/DEC: like ADD/SUB 1 but CF is preserved (kept in cc_src). */
static void gen_inc_dec(DisasContext *s, X86DecodedInsn *d, MemOp ot, Dest dst, bool dec)
{
    TCGv_i32 cf = gen_compute_cf_first(s);   /* may branch: first */
    bool atomic = dst.mem && use_atomic(s, d, false);

    gen_lock_barrier(d);
    if (atomic) {
        gen_atomic_rmw(s, d, s->T0, dec ? ATOMIC_DEC : ATOMIC_INC, ot, NULL, NULL);
    } else {
        gen_ld_dest(s, d, ot, dst, s->T0);
    }
    tcg_gen_addi_i32(s->T0, s->T0, dec ? -1 : 1);
    if (!atomic) {
        gen_st_dest(s, d, ot, dst, s->T0);
    }
    gen_lock_barrier(d);
    tcg_gen_mov_i32(cpu_cc_dst, s->T0);
    tcg_gen_mov_i32(cpu_cc_src, cf);
    set_cc_op(s, (dec ? CC_OP_DECB : CC_OP_INCB) + ot);
}

static void gen_inc_reg(DisasContext *s, X86DecodedInsn *d)
{
    gen_inc_dec(s, d, data_ot(d), dest_reg(x86_decoded_row(d)->arg), false);
}

static void gen_dec_reg(DisasContext *s, X86DecodedInsn *d)
{
    gen_inc_dec(s, d, data_ot(d), dest_reg(x86_decoded_row(d)->arg), true);
}

static void gen_inc_dec_rm(DisasContext *s, X86DecodedInsn *d)
{
    gen_inc_dec(s, d, d->ot, dest_E(d), x86_decoded_row(d)->arg == 1);
}

static void gen_not_neg(DisasContext *s, X86DecodedInsn *d)
{
    bool neg = x86_decoded_row(d)->arg == 1;
    MemOp ot = d->ot;
    bool atomic = use_atomic(s, d, false);

    gen_lock_barrier(d);
    if (atomic) {
        gen_atomic_rmw(s, d, s->T0, neg ? ATOMIC_NEG : ATOMIC_NOT, ot, NULL, NULL);
    } else {
        gen_ld_E(s, d, ot, s->T0);
    }
    if (!neg) {
        tcg_gen_not_i32(s->T0, s->T0);
        if (!atomic) {
            gen_st_E(s, d, ot, s->T0);
        }
        gen_lock_barrier(d);
        return;   /* NOT changes no flags */
    }
    tcg_gen_mov_i32(s->T1, s->T0);
    tcg_gen_neg_i32(s->T0, s->T0);
    if (!atomic) {
        gen_st_E(s, d, ot, s->T0);
    }
    gen_lock_barrier(d);
    /* NEG x is SUB 0 - x for the flags (CF = x != 0). */
    tcg_gen_mov_i32(cpu_cc_dst, s->T0);
    tcg_gen_mov_i32(cpu_cc_src, s->T1);
    set_cc_op(s, CC_OP_SUBB + ot);
}

/* -------------------------------------------------- multiply and divide */

/* Sets MUL/IMUL flags: cc_dst = low result, cc_src != 0 iff overflow. */
static void gen_mul_flags(DisasContext *s, MemOp ot, TCGv_i32 lo, TCGv_i32 overflow)
{
    tcg_gen_mov_i32(cpu_cc_dst, lo);
    tcg_gen_mov_i32(cpu_cc_src, overflow);
    set_cc_op(s, CC_OP_MULB + ot);
}

/* Signed product of two values of size ot (sign-extended inputs) into lo
 * and hi; `ovf` becomes non-zero iff the product does not fit in ot. */
static void gen_imul_core(MemOp ot, TCGv_i32 lo, TCGv_i32 hi, TCGv_i32 ovf,
                          TCGv_i32 a, TCGv_i32 b)
{
    if (ot == MO_32) {
        TCGv_i32 sx = tmp_i32();
        tcg_gen_muls2_i32(lo, hi, a, b);
        tcg_gen_sari_i32(sx, lo, 31);
        tcg_gen_sub_i32(ovf, hi, sx);
    } else {
        TCGv_i32 ea = gen_ext(ot, a, true), eb = gen_ext(ot, b, true);
        TCGv_i32 sx;
        tcg_gen_mul_i32(lo, ea, eb);          /* exact in 32 bits */
        sx = gen_ext(ot, lo, true);
        tcg_gen_sub_i32(ovf, lo, sx);
        tcg_gen_shri_i32(hi, lo, 8 << ot);
    }
}

static void gen_mul_div(DisasContext *s, X86DecodedInsn *d)
{
    int kind = x86_decoded_row(d)->arg;   /* 0 mul, 1 imul, 2 div, 3 idiv */
    MemOp ot = d->ot;
    TCGv_i32 lo = tmp_i32(), hi = tmp_i32(), ovf = tmp_i32();
    TCGv_i32 acc = tmp_i32();

    gen_ld_E(s, d, ot, s->T0);
    switch (kind) {
    case 0:
        gen_op_mov_v_reg(ot, acc, R_EAX);
        if (ot == MO_32) {
            tcg_gen_mulu2_i32(lo, hi, acc, s->T0);
            tcg_gen_mov_i32(ovf, hi);
        } else {
            tcg_gen_mul_i32(lo, acc, s->T0);
            tcg_gen_shri_i32(hi, lo, 8 << ot);
            tcg_gen_mov_i32(ovf, hi);
        }
        break;
    case 1:
        gen_op_mov_v_reg(ot, acc, R_EAX);
        gen_imul_core(ot, lo, hi, ovf, acc, s->T0);
        break;
    case 2:
    case 3: {
        static void (*const div_fns[2][3])(TCGv_ptr, TCGv_i32) = {
            { gen_helper_divb_AL, gen_helper_divw_AX, gen_helper_divl_EAX },
            { gen_helper_idivb_AL, gen_helper_idivw_AX, gen_helper_idivl_EAX },
        };
        /* #DE comes from the helper; flags are undefined and left alone. */
        div_fns[kind - 2][ot](tcg_env, s->T0);
        return;
    }
    }
    if (ot == MO_8) {
        gen_op_mov_reg_v(MO_16, R_EAX, lo);    /* AX = AL * r/m8 */
    } else {
        gen_op_mov_reg_v(ot, R_EAX, lo);
        gen_op_mov_reg_v(ot, R_EDX, hi);
    }
    gen_mul_flags(s, ot, lo, ovf);
}

/* IMUL Gv, Ev, imm and IMUL Gv, Ev: the truncated product into Gv. */
static void gen_imul_to_reg(DisasContext *s, X86DecodedInsn *d, TCGv_i32 b)
{
    MemOp ot = d->ot;
    TCGv_i32 lo = tmp_i32(), hi = tmp_i32(), ovf = tmp_i32();

    gen_ld_E(s, d, ot, s->T0);
    gen_imul_core(ot, lo, hi, ovf, s->T0, b);
    gen_op_mov_reg_v(ot, d->reg, lo);
    gen_mul_flags(s, ot, lo, ovf);
}

static void gen_imul3(DisasContext *s, X86DecodedInsn *d)
{
    gen_imul_to_reg(s, d, tcg_constant_i32(d->imm));
}

static void gen_imul2(DisasContext *s, X86DecodedInsn *d)
{
    gen_op_mov_v_reg(d->ot, s->T1, d->reg);
    gen_imul_to_reg(s, d, s->T1);
}

/* ----------------------------------------------------- shifts, rotates */

enum { SH_ROL, SH_ROR, SH_RCL, SH_RCR, SH_SHL, SH_SHR, SH_SAL, SH_SAR };

/* ROL/ROR of an ot-sized value by a run-time count in [0, 31]: the value is
 * replicated over 32 bits so a 32-bit rotate gives the sized rotate. */
static void gen_rotate_value(MemOp ot, TCGv_i32 v, TCGv_i32 count, bool left)
{
    if (ot == MO_8) {
        tcg_gen_muli_i32(v, v, 0x01010101);
    } else if (ot == MO_16) {
        tcg_gen_muli_i32(v, v, 0x00010001);
    }
    if (left) {
        tcg_gen_rotl_i32(v, v, count);
    } else {
        tcg_gen_rotr_i32(v, v, count);
    }
    if (ot != MO_32) {
        tcg_gen_andi_i32(v, v, size_mask(ot));
    }
}

/* New CF/OF of ROL/ROR from the result (SDM vol. 2B, RCL/RCR/ROL/ROR):
 * ROL: CF = LSB, OF = MSB ^ CF.  ROR: CF = MSB, OF = MSB ^ (MSB-1). */
static void gen_rotate_flags(MemOp ot, TCGv_i32 flags, TCGv_i32 res, bool left)
{
    int msb = (8 << ot) - 1;
    TCGv_i32 cf = tmp_i32(), of = tmp_i32();

    if (left) {
        tcg_gen_andi_i32(cf, res, 1);
        tcg_gen_shri_i32(of, res, msb);
        tcg_gen_andi_i32(of, of, 1);
        tcg_gen_xor_i32(of, of, cf);
    } else {
        tcg_gen_shri_i32(cf, res, msb);
        tcg_gen_andi_i32(cf, cf, 1);
        tcg_gen_shri_i32(of, res, msb - 1);
        tcg_gen_xor_i32(of, of, cf);
        tcg_gen_andi_i32(of, of, 1);
    }
    tcg_gen_andi_i32(flags, flags, ~(CC_C | CC_O));
    tcg_gen_or_i32(flags, flags, cf);
    tcg_gen_shli_i32(of, of, 11);            /* OF is bit 11 */
    tcg_gen_or_i32(flags, flags, of);
}

/* The lazy flags of a shift whose result is s->T0 and whose last bit out
 * is tracked in src.  A count from CL may be 0: then the flags, and so the
 * whole lazy state, stay as they were (SDM vol. 2B, SAL/SAR/SHL/SHR). */
static void gen_shift_flags(DisasContext *s, bool by_cl, TCGv_i32 count, TCGv_i32 src,
                            CCOp new_op)
{
    if (!by_cl) {
        tcg_gen_mov_i32(cpu_cc_dst, s->T0);
        tcg_gen_mov_i32(cpu_cc_src, src);
        set_cc_op(s, new_op);
        return;
    }
    gen_update_cc_op(s);
    tcg_gen_movcond_i32(TCG_COND_NE, cpu_cc_dst, count, tcg_constant_i32(0), s->T0,
                        cpu_cc_dst);
    tcg_gen_movcond_i32(TCG_COND_NE, cpu_cc_src, count, tcg_constant_i32(0), src,
                        cpu_cc_src);
    tcg_gen_movcond_i32(TCG_COND_NE, cpu_cc_op, count, tcg_constant_i32(0),
                        tcg_constant_i32(new_op), cpu_cc_op);
    set_cc_op(s, CC_OP_DYNAMIC);
}

static void gen_shift(DisasContext *s, X86DecodedInsn *d)
{
    int op = x86_decoded_row(d)->arg;
    MemOp ot = d->ot;
    Dest dst = dest_E(d);
    bool by_cl = d->op == 0xd2 || d->op == 0xd3;
    int cimm = d->op == 0xc0 || d->op == 0xc1 ? (d->imm & 0x1f) : 1;
    TCGv_i32 count = tmp_i32(), src = tmp_i32();
    TCGv_i32 flags = tmp_i32(), cm1 = tmp_i32();
    CCOp new_op;

    if (op == SH_SAL) {
        op = SH_SHL;
    }
    gen_ld_dest(s, d, ot, dst, s->T0);
    if (!by_cl && cimm == 0) {
        return;   /* a masked count of 0 changes nothing */
    }
    if (by_cl) {
        tcg_gen_andi_i32(count, cpu_regs[R_ECX], 0x1f);
    } else {
        tcg_gen_movi_i32(count, cimm);
    }

    if (op == SH_RCL || op == SH_RCR) {
        /* Rare: a helper, which reads the flags and leaves new ones in
         * env->cc_tmp (moved into cc_src after our store). */
        TCGv_i32 arg = tmp_i32();
        gen_update_cc_op(s);
        tcg_gen_shli_i32(arg, count, 8);
        tcg_gen_ori_i32(arg, arg, ot);
        if (op == SH_RCL) {
            gen_helper_rcl(s->T0, tcg_env, s->T0, arg);
        } else {
            gen_helper_rcr(s->T0, tcg_env, s->T0, arg);
        }
        gen_st_dest(s, d, ot, dst, s->T0);
        tcg_gen_ld_i32(flags, tcg_env, offsetof(CPUX86State, cc_tmp));
        gen_set_eflags_result(s, flags);
        return;
    }

    if (op == SH_ROL || op == SH_ROR) {
        TCGv_i32 newf = tmp_i32();
        gen_eflags_value(s, flags);
        gen_rotate_value(ot, s->T0, count, op == SH_ROL);
        gen_st_dest(s, d, ot, dst, s->T0);
        tcg_gen_mov_i32(newf, flags);
        gen_rotate_flags(ot, newf, s->T0, op == SH_ROL);
        if (by_cl) {
            /* count 0: flags unchanged */
            tcg_gen_movcond_i32(TCG_COND_NE, newf, count, tcg_constant_i32(0), newf, flags);
        }
        gen_set_eflags_result(s, newf);
        return;
    }

    /* SHL/SHR/SAR: src = value shifted by count-1 gives CF (see CCOp). */
    if (op == SH_SAR) {
        TCGv_i32 sx = gen_ext(ot, s->T0, true);
        tcg_gen_mov_i32(s->T0, sx);
    }
    tcg_gen_subi_i32(cm1, count, 1);
    tcg_gen_andi_i32(cm1, cm1, 0x1f);
    if (op == SH_SHL) {
        tcg_gen_shl_i32(src, s->T0, cm1);
        tcg_gen_shl_i32(s->T0, s->T0, count);
        new_op = CC_OP_SHLB + ot;
    } else if (op == SH_SHR) {
        tcg_gen_shr_i32(src, s->T0, cm1);
        tcg_gen_shr_i32(s->T0, s->T0, count);
        new_op = CC_OP_SARB + ot;
    } else {
        tcg_gen_sar_i32(src, s->T0, cm1);
        tcg_gen_sar_i32(s->T0, s->T0, count);
        new_op = CC_OP_SARB + ot;
    }
    gen_st_dest(s, d, ot, dst, s->T0);
    gen_shift_flags(s, by_cl, count, src, new_op);
}

/* SHLD/SHRD (SDM vol. 2B): the double-width value is shifted in 64 bits;
 * the flags are those of SHL/SHR of the destination. */
static void gen_shld_shrd(DisasContext *s, X86DecodedInsn *d)
{
    bool right = x86_decoded_row(d)->arg == 1;
    bool by_cl = d->op == 0xa5 || d->op == 0xad;
    MemOp ot = d->ot;
    Dest dst = dest_E(d);
    TCGv_i32 count = tmp_i32(), cm1 = tmp_i32(), src = tmp_i32();
    TCGv_i64 w = tmp_i64(), t64 = tmp_i64(), c64 = tmp_i64();
    CCOp new_op = (right ? CC_OP_SARB : CC_OP_SHLB) + ot;

    TCGv_i32 orig = tmp_i32();

    gen_ld_dest(s, d, ot, dst, s->T0);
    tcg_gen_mov_i32(orig, s->T0);
    gen_op_mov_v_reg(ot, s->T1, d->reg);
    if (!by_cl && (d->imm & 0x1f) == 0) {
        return;
    }
    if (by_cl) {
        tcg_gen_andi_i32(count, cpu_regs[R_ECX], 0x1f);
    } else {
        tcg_gen_movi_i32(count, d->imm & 0x1f);
    }
    tcg_gen_subi_i32(cm1, count, 1);
    tcg_gen_andi_i32(cm1, cm1, 0x1f);
    tcg_gen_extu_i32_i64(c64, cm1);

    if (ot == MO_32) {
        if (right) {
            tcg_gen_concat_i32_i64(w, s->T0, s->T1);   /* src:dst, dst low */
        } else {
            tcg_gen_concat_i32_i64(w, s->T1, s->T0);   /* dst:src, dst high */
        }
    } else {
        /* 16-bit: a 32-bit dst:src (or src:dst) value, zero above. */
        TCGv_i32 v = tmp_i32();
        if (right) {
            tcg_gen_deposit_i32(v, s->T0, s->T1, 16, 16);
        } else {
            tcg_gen_deposit_i32(v, s->T1, s->T0, 16, 16);
        }
        tcg_gen_extu_i32_i64(w, v);
    }
    if (right) {
        tcg_gen_shr_i64(t64, w, c64);               /* by count-1 */
        tcg_gen_extrl_i64_i32(src, t64);
        tcg_gen_shri_i64(t64, t64, 1);
        tcg_gen_extrl_i64_i32(s->T0, t64);
    } else {
        tcg_gen_shl_i64(t64, w, c64);
        if (ot == MO_32) {
            tcg_gen_extrh_i64_i32(src, t64);
            tcg_gen_shli_i64(t64, t64, 1);
            tcg_gen_extrh_i64_i32(s->T0, t64);
        } else {
            TCGv_i64 hi16 = tmp_i64();
            tcg_gen_shri_i64(hi16, t64, 16);
            tcg_gen_extrl_i64_i32(src, hi16);
            tcg_gen_shli_i64(t64, t64, 1);
            tcg_gen_shri_i64(t64, t64, 16);
            tcg_gen_extrl_i64_i32(s->T0, t64);
        }
    }
    if (by_cl) {
        /* a count of 0 leaves the destination as it was */
        tcg_gen_movcond_i32(TCG_COND_EQ, s->T0, count, tcg_constant_i32(0), orig, s->T0);
    }
    gen_st_dest(s, d, ot, dst, s->T0);
    gen_shift_flags(s, by_cl, count, src, new_op);
}

/* --------------------------------------------------------- bit tests */

/* BT/BTS/BTR/BTC (SDM vol. 2A, BT): with a register bit offset and a
 * memory operand, the offset is signed and selects a word/dword relative
 * to the operand.  CF = the bit; ZF unchanged; OF/SF/AF/PF are undefined
 * (kept unchanged here). */
static void gen_bt(DisasContext *s, X86DecodedInsn *d)
{
    int kind = x86_decoded_row(d)->arg;   /* 0 bt, 1 bts, 2 btr, 3 btc */
    MemOp ot = d->ot;
    int bits = 8 << ot;
    TCGv_i32 off = tmp_i32(), bit = tmp_i32(), mask = tmp_i32();
    TCGv_i32 cf = tmp_i32(), flags = tmp_i32();
    Dest dst = dest_E(d);

    if (d->map == 1 && d->op == 0xba) {
        tcg_gen_movi_i32(off, d->imm & (bits - 1));
    } else {
        gen_op_mov_v_reg(ot, off, d->reg);
        if (dst.mem) {
            /* address += (signed offset >> log2(bits)) * (bits / 8) */
            TCGv_i32 disp = tmp_i32();
            TCGv_i32 soff = gen_ext(ot, off, true);
            gen_ea(s, d);
            tcg_gen_sari_i32(disp, soff, 3 + ot);
            tcg_gen_shli_i32(disp, disp, ot);
            tcg_gen_add_i32(s->A0, s->A0, disp);
        }
    }
    tcg_gen_andi_i32(bit, off, bits - 1);
    gen_lock_barrier(d);
    if (kind != 0 && dst.mem && use_atomic(s, d, false)) {
        static const X86AtomicOp bt_ops[4] = { 0, ATOMIC_BTS, ATOMIC_BTR, ATOMIC_BTC };
        tcg_gen_shl_i32(mask, tcg_constant_i32(1), bit);
        gen_atomic_rmw(s, d, s->T0, bt_ops[kind], ot, mask, NULL);
        tcg_gen_shr_i32(cf, s->T0, bit);
        tcg_gen_andi_i32(cf, cf, 1);
    } else {
        gen_ld_dest(s, d, ot, dst, s->T0);
        tcg_gen_shr_i32(cf, s->T0, bit);
        tcg_gen_andi_i32(cf, cf, 1);
    }
    if (kind != 0 && !(dst.mem && use_atomic(s, d, false))) {
        tcg_gen_shl_i32(mask, tcg_constant_i32(1), bit);
        if (kind == 1) {
            tcg_gen_or_i32(s->T0, s->T0, mask);
        } else if (kind == 2) {
            tcg_gen_andc_i32(s->T0, s->T0, mask);
        } else {
            tcg_gen_xor_i32(s->T0, s->T0, mask);
        }
        gen_st_dest(s, d, ot, dst, s->T0);
    }
    gen_lock_barrier(d);
    gen_eflags_value(s, flags);
    tcg_gen_andi_i32(flags, flags, ~CC_C);
    tcg_gen_or_i32(flags, flags, cf);
    gen_set_eflags_result(s, flags);
}

/* BSF/BSR: ZF=1 and the destination unchanged for a zero source (what
 * Intel and AMD processors do; the SDM leaves the value undefined). */
static void gen_bsf_bsr(DisasContext *s, X86DecodedInsn *d)
{
    bool bsr = x86_decoded_row(d)->arg == 1;
    MemOp ot = d->ot;
    TCGv_i32 res = tmp_i32(), old = tmp_i32();

    gen_ld_E(s, d, ot, s->T0);
    gen_op_mov_v_reg(ot, old, d->reg);
    if (bsr) {
        tcg_gen_clzi_i32(res, s->T0, 32);
        tcg_gen_xori_i32(res, res, 31);        /* 31 - clz */
    } else {
        tcg_gen_ctzi_i32(res, s->T0, 32);
    }
    tcg_gen_movcond_i32(TCG_COND_EQ, res, s->T0, tcg_constant_i32(0), old, res);
    gen_op_mov_reg_v(ot, d->reg, res);
    /* ZF from the source; CF/OF/SF/AF/PF are undefined. */
    tcg_gen_mov_i32(cpu_cc_dst, s->T0);
    set_cc_op(s, CC_OP_LOGICB + ot);
}

static void gen_bswap(DisasContext *s, X86DecodedInsn *d)
{
    int reg = x86_decoded_row(d)->arg;
    if (d->data32) {
        tcg_gen_bswap32_i32(cpu_regs[reg], cpu_regs[reg]);
    } else {
        /* BSWAP r16 is undefined; processors clear the low word. */
        tcg_gen_andi_i32(cpu_regs[reg], cpu_regs[reg], 0xffff0000u);
    }
}

/* ----------------------------------------------------- data movement */

static void gen_mov(DisasContext *s, X86DecodedInsn *d)
{
    const X86OpRow *row = x86_decoded_row(d);
    MemOp ot = d->ot;

    if (row->imm != IMM_NONE) {
        gen_st_E(s, d, ot, tcg_constant_i32(d->imm));
    } else if (row->flags & X_DIR) {
        gen_ld_E(s, d, ot, s->T0);
        gen_op_mov_reg_v(ot, d->reg, s->T0);
    } else {
        gen_op_mov_v_reg(ot, s->T0, d->reg);
        gen_st_E(s, d, ot, s->T0);
    }
}

static void gen_mov_reg_imm(DisasContext *s, X86DecodedInsn *d)
{
    gen_op_mov_reg_v(d->ot, x86_decoded_row(d)->arg, tcg_constant_i32(d->imm));
}

static void gen_mov_moffs(DisasContext *s, X86DecodedInsn *d)
{
    bool store = x86_decoded_row(d)->arg == 1;

    tcg_gen_movi_i32(s->A0, d->imm);
    gen_add_seg_base(s, s->A0, d->seg_override >= 0 ? d->seg_override : R_DS);
    if (store) {
        gen_op_mov_v_reg(d->ot, s->T0, R_EAX);
        gen_st(s, d->ot, s->T0, s->A0);
    } else {
        gen_ld(s, d->ot, s->T0, s->A0);
        gen_op_mov_reg_v(d->ot, R_EAX, s->T0);
    }
}

static void gen_lea(DisasContext *s, X86DecodedInsn *d)
{
    gen_lea_offset(s, d, s->T0);
    gen_op_mov_reg_v(d->ot, d->reg, s->T0);
}

/* MOVZX/MOVSX: arg bit 0 = word source, bit 1 = sign-extend. */
static void gen_movx(DisasContext *s, X86DecodedInsn *d)
{
    int arg = x86_decoded_row(d)->arg;
    MemOp src_ot = (arg & 1) ? MO_16 : MO_8;

    gen_ld_E(s, d, src_ot, s->T0);
    if (arg & 2) {
        TCGv_i32 t = gen_ext(src_ot, s->T0, true);
        tcg_gen_mov_i32(s->T0, t);
    }
    gen_op_mov_reg_v(d->ot, d->reg, s->T0);
}

static void gen_xchg(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = d->ot;

    gen_op_mov_v_reg(ot, s->T1, d->reg);
    if (d->mod == 3) {
        gen_op_mov_v_reg(ot, s->T0, d->rm);
        gen_op_mov_reg_v(ot, d->rm, s->T1);
        gen_op_mov_reg_v(ot, d->reg, s->T0);
        return;
    }
    /* XCHG with memory is locked whether or not LOCK is given. */
    if (use_atomic(s, d, true)) {
        gen_atomic_rmw(s, d, s->T0, ATOMIC_XCHG, ot, s->T1, NULL);
    } else {
        tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
        gen_ld(s, ot, s->T0, gen_ea(s, d));
        gen_st(s, ot, s->T1, s->A0);
        tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
    }
    gen_op_mov_reg_v(ot, d->reg, s->T0);
}

static void gen_xchg_eax(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    int reg = x86_decoded_row(d)->arg;

    gen_op_mov_v_reg(ot, s->T0, R_EAX);
    gen_op_mov_v_reg(ot, s->T1, reg);
    gen_op_mov_reg_v(ot, R_EAX, s->T1);
    gen_op_mov_reg_v(ot, reg, s->T0);
}

static void gen_nop90(DisasContext *s, X86DecodedInsn *d)
{
    /* NOP, PAUSE (F3 90) and XCHG (E)AX,(E)AX: nothing to do */
}

static void gen_nop_rm(DisasContext *s, X86DecodedInsn *d)
{
    /* hint NOPs (0F 18..1F, 0F 0D): no memory access */
}

static void gen_xadd(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = d->ot;
    TCGv_i32 sum = tmp_i32();

    bool atomic = use_atomic(s, d, false);

    gen_op_mov_v_reg(ot, s->T1, d->reg);
    gen_lock_barrier(d);
    if (atomic) {
        gen_atomic_rmw(s, d, s->T0, ATOMIC_ADD, ot, s->T1, NULL);
    } else {
        gen_ld_E(s, d, ot, s->T0);
    }
    tcg_gen_add_i32(sum, s->T0, s->T1);
    if (atomic) {
        gen_op_mov_reg_v(ot, d->reg, s->T0);
    } else if (d->mod == 3) {
        /* SRC <- DEST, then DEST <- sum (the same register gets the sum) */
        gen_op_mov_reg_v(ot, d->reg, s->T0);
        gen_op_mov_reg_v(ot, d->rm, sum);
    } else {
        gen_st(s, ot, sum, s->A0);
        gen_lock_barrier(d);
        gen_op_mov_reg_v(ot, d->reg, s->T0);
    }
    tcg_gen_mov_i32(cpu_cc_dst, sum);
    tcg_gen_mov_i32(cpu_cc_src, s->T1);
    set_cc_op(s, CC_OP_ADDB + ot);
}

/* CMPXCHG: flags of CMP accumulator, destination.  Memory is always
 * written (the old value when the comparison fails), as on the hardware. */
static void gen_cmpxchg(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = d->ot;
    TCGv_i32 acc = tmp_i32(), newv = tmp_i32();
    TCGv_i32 diff = tmp_i32();

    gen_op_mov_v_reg(ot, acc, R_EAX);
    gen_op_mov_v_reg(ot, s->T1, d->reg);
    gen_lock_barrier(d);
    if (use_atomic(s, d, false)) {
        gen_helper_atomic_cmpxchg(s->T0, tcg_env, gen_ea(s, d), acc, s->T1,
                                  tcg_constant_i32(ot));
        gen_op_mov_reg_v(ot, R_EAX, s->T0);   /* no-op when equal */
    } else if (d->mod == 3) {
        gen_ld_E(s, d, ot, s->T0);
        tcg_gen_movcond_i32(TCG_COND_EQ, newv, s->T0, acc, s->T1, s->T0);
        gen_op_mov_reg_v(ot, R_EAX, s->T0);   /* no-op when equal */
        gen_op_mov_reg_v(ot, d->rm, newv);
    } else {
        gen_ld_E(s, d, ot, s->T0);
        tcg_gen_movcond_i32(TCG_COND_EQ, newv, s->T0, acc, s->T1, s->T0);
        gen_st(s, ot, newv, s->A0);
        gen_lock_barrier(d);
        gen_op_mov_reg_v(ot, R_EAX, s->T0);
    }
    tcg_gen_sub_i32(diff, acc, s->T0);
    tcg_gen_mov_i32(cpu_cc_dst, diff);
    tcg_gen_mov_i32(cpu_cc_src, s->T0);
    set_cc_op(s, CC_OP_SUBB + ot);
}

static void gen_cmpxchg8b(DisasContext *s, X86DecodedInsn *d)
{
    TCGv_i64 mem = tmp_i64(), cmp = tmp_i64(), nv = tmp_i64();
    TCGv_i64 out = tmp_i64();
    TCGv_i32 eq = tmp_i32(), flags = tmp_i32();
    TCGv_i32 lo = tmp_i32(), hi = tmp_i32();

    if (!(s->features & CPUID_CX8)) {
        gen_illegal_opcode(s);
        return;
    }
    gen_ea(s, d);
    tcg_gen_concat_i32_i64(cmp, cpu_regs[R_EAX], cpu_regs[R_EDX]);
    if (use_atomic(s, d, false)) {
        gen_helper_atomic_cmpxchg8b(mem, tcg_env, s->A0);
    } else {
        tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
        tcg_gen_qemu_ld_i64(mem, s->A0, s->mem_index, MO_LEUQ | MO_ATOM_WHOLE);
        tcg_gen_concat_i32_i64(nv, cpu_regs[R_EBX], cpu_regs[R_ECX]);
        tcg_gen_movcond_i64(TCG_COND_EQ, out, mem, cmp, nv, mem);
        tcg_gen_qemu_st_i64(out, s->A0, s->mem_index, MO_LEUQ | MO_ATOM_WHOLE);
        tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
    }
    tcg_gen_extr_i64_i32(lo, hi, mem);
    tcg_gen_mov_i32(cpu_regs[R_EAX], lo);     /* equal: unchanged values */
    tcg_gen_mov_i32(cpu_regs[R_EDX], hi);
    {
        TCGv_i64 e64 = tmp_i64();
        tcg_gen_setcond_i64(TCG_COND_EQ, e64, mem, cmp);
        tcg_gen_extrl_i64_i32(eq, e64);
    }
    /* only ZF changes */
    gen_eflags_value(s, flags);
    tcg_gen_andi_i32(flags, flags, ~CC_Z);
    tcg_gen_shli_i32(eq, eq, 6);
    tcg_gen_or_i32(flags, flags, eq);
    gen_set_eflags_result(s, flags);
}

static void gen_cmov(DisasContext *s, X86DecodedInsn *d)
{
    CCPrepare p;

    if (!(s->features & CPUID_CMOV)) {
        gen_illegal_opcode(s);
        return;
    }
    /* the condition first: it may branch (gen_prepare_cc_branchy) */
    p = gen_prepare_cc_branchy(s, x86_decoded_row(d)->arg);
    gen_ld_E(s, d, d->ot, s->T0);     /* read (and may fault) even if false */
    gen_op_mov_v_reg(d->ot, s->T1, d->reg);
    if (p.cond == TCG_COND_NEVER) {
        return;
    }
    if (p.cond != TCG_COND_ALWAYS) {
        tcg_gen_movcond_i32(p.cond, s->T0, p.a, p.b, s->T0, s->T1);
    }
    gen_op_mov_reg_v(d->ot, d->reg, s->T0);
}

static void gen_setcc(DisasContext *s, X86DecodedInsn *d)
{
    CCPrepare p = gen_prepare_cc_branchy(s, x86_decoded_row(d)->arg);

    /* nothing is live yet: the condition may branch (see above) */
    if (p.cond == TCG_COND_NEVER || p.cond == TCG_COND_ALWAYS) {
        tcg_gen_movi_i32(s->T0, p.cond == TCG_COND_ALWAYS);
    } else {
        tcg_gen_setcond_i32(p.cond, s->T0, p.a, p.b);
    }
    gen_st_E(s, d, MO_8, s->T0);
}

static void gen_cbw(DisasContext *s, X86DecodedInsn *d)
{
    if (d->data32) {
        tcg_gen_ext16s_i32(cpu_regs[R_EAX], cpu_regs[R_EAX]);
    } else {
        tcg_gen_ext8s_i32(s->T0, cpu_regs[R_EAX]);
        gen_op_mov_reg_v(MO_16, R_EAX, s->T0);
    }
}

static void gen_cwd(DisasContext *s, X86DecodedInsn *d)
{
    if (d->data32) {
        tcg_gen_sari_i32(cpu_regs[R_EDX], cpu_regs[R_EAX], 31);
    } else {
        tcg_gen_ext16s_i32(s->T0, cpu_regs[R_EAX]);
        tcg_gen_sari_i32(s->T0, s->T0, 15);
        gen_op_mov_reg_v(MO_16, R_EDX, s->T0);
    }
}

static void gen_xlat(DisasContext *s, X86DecodedInsn *d)
{
    tcg_gen_ext8u_i32(s->A0, cpu_regs[R_EAX]);
    tcg_gen_add_i32(s->A0, s->A0, cpu_regs[R_EBX]);
    if (!d->addr32) {
        tcg_gen_ext16u_i32(s->A0, s->A0);
    }
    gen_add_seg_base(s, s->A0, d->seg_override >= 0 ? d->seg_override : R_DS);
    gen_ld(s, MO_8, s->T0, s->A0);
    gen_op_mov_reg_v(MO_8, R_EAX, s->T0);
}

/* SALC (undocumented D6): AL = CF ? 0xff : 0. */
static void gen_salc(DisasContext *s, X86DecodedInsn *d)
{
    gen_compute_cf(s, s->T0);
    tcg_gen_neg_i32(s->T0, s->T0);
    gen_op_mov_reg_v(MO_8, R_EAX, s->T0);
}

/* -------------------------------------------------------------- stack */

static void gen_push_reg(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    /* PUSH ESP pushes the value before the push. */
    gen_op_mov_v_reg(ot, s->T0, x86_decoded_row(d)->arg);
    gen_push_v(s, ot, s->T0);
}

static void gen_pop_reg(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    gen_pop_v(s, ot, s->T0);
    gen_add_esp(s, 1 << ot);
    /* POP ESP: the popped value wins over the increment. */
    gen_op_mov_reg_v(ot, x86_decoded_row(d)->arg, s->T0);
}

static void gen_push_imm(DisasContext *s, X86DecodedInsn *d)
{
    gen_push_v(s, data_ot(d), tcg_constant_i32(d->imm));
}

static void gen_push_rm(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    gen_ld_E(s, d, ot, s->T0);
    gen_push_v(s, ot, s->T0);
}

/* POP Ev: an ESP-based address uses ESP after the pop (SDM vol. 2B, POP);
 * ESP is committed after the store so a fault is restartable. */
static void gen_pop_rm(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);

    gen_pop_v(s, ot, s->T0);
    if (d->mod == 3) {
        gen_add_esp(s, 1 << ot);
        gen_op_mov_reg_v(ot, d->rm, s->T0);
        return;
    }
    s->pop_esp_adjust = 1 << ot;
    gen_st(s, ot, s->T0, gen_ea(s, d));
    s->pop_esp_adjust = 0;
    gen_add_esp(s, 1 << ot);
}

static void gen_pusha(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    int size = 1 << ot;
    TCGv_i32 sp = tmp_i32(), addr = tmp_i32();

    /* EAX first (highest address) ... EDI last; ESP as it was before. */
    for (int i = 0; i < 8; i++) {
        tcg_gen_subi_i32(sp, cpu_regs[R_ESP], (i + 1) * size);
        gen_stack_addr(s, addr, sp);
        gen_st(s, ot, cpu_regs[i], addr);
    }
    gen_set_esp(s, sp);
}

static void gen_popa(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    int size = 1 << ot;
    TCGv_i32 vals[8], sp = tmp_i32(), addr = tmp_i32();

    /* Load all first: a fault leaves every register untouched. */
    for (int i = 0; i < 8; i++) {
        vals[i] = tmp_i32();
        if (i == R_ESP) {
            continue;   /* the saved ESP is skipped */
        }
        tcg_gen_addi_i32(sp, cpu_regs[R_ESP], (7 - i) * size);
        gen_stack_addr(s, addr, sp);
        gen_ld(s, ot, vals[i], addr);
    }
    for (int i = 0; i < 8; i++) {
        if (i != R_ESP) {
            gen_op_mov_reg_v(ot, i, vals[i]);
        }
    }
    gen_add_esp(s, 8 * size);
}

/* ENTER imm16, imm8 (SDM vol. 2A, ENTER): nesting level mod 32. */
static void gen_enter(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    int size = 1 << ot, level = d->imm2 & 31;
    TCGv_i32 frame = tmp_i32(), sp = tmp_i32();
    TCGv_i32 addr = tmp_i32(), t = tmp_i32();

    tcg_gen_subi_i32(frame, cpu_regs[R_ESP], size);
    gen_stack_addr(s, addr, frame);
    gen_st(s, ot, cpu_regs[R_EBP], addr);
    tcg_gen_mov_i32(sp, frame);
    if (level > 0) {
        for (int i = 1; i < level; i++) {
            tcg_gen_subi_i32(t, cpu_regs[R_EBP], i * size);
            gen_stack_addr(s, addr, t);
            gen_ld(s, ot, t, addr);
            tcg_gen_subi_i32(sp, sp, size);
            gen_stack_addr(s, addr, sp);
            gen_st(s, ot, t, addr);
        }
        tcg_gen_subi_i32(sp, sp, size);
        gen_stack_addr(s, addr, sp);
        gen_st(s, ot, frame, addr);
    }
    /* EBP or BP by the stack size, not the operand size */
    gen_op_mov_reg_v(s->ss32 ? MO_32 : MO_16, R_EBP, frame);
    tcg_gen_subi_i32(sp, sp, d->imm);
    gen_set_esp(s, sp);
}

static void gen_leave(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    TCGv_i32 addr = tmp_i32(), sp = tmp_i32();

    gen_stack_addr(s, addr, cpu_regs[R_EBP]);
    gen_ld(s, ot, s->T0, addr);
    tcg_gen_addi_i32(sp, cpu_regs[R_EBP], 1 << ot);
    gen_set_esp(s, sp);
    gen_op_mov_reg_v(ot, R_EBP, s->T0);
}

/* --------------------------------------------------- segment registers */

static void gen_ld_selector(TCGv_i32 v, int seg)
{
    tcg_gen_ld_i32(v, tcg_env, offsetof(CPUX86State, segs[seg].selector));
}

/* Loads a segment register; in protected mode the TB ends after the
 * instruction because hflags (stack size, ADDSEG) may change.  In real and
 * virtual-8086 mode a load changes only selector and base, ADDSEG is set
 * anyway and the stack size stays: the TB goes on, except after SS (kept
 * simple: MOV/POP SS end it for the interrupt shadow regardless). */
static void gen_load_seg(DisasContext *s, int seg, TCGv_i32 sel)
{
    gen_helper_load_seg(tcg_env, tcg_constant_i32(seg), sel);
    if ((s->pe && !s->vm86) || seg == R_SS) {
        s->base.is_jmp = DISAS_EOB_NEXT;
    }
}

/* MOV SS and POP SS hold off interrupts (and debug traps) until after
 * the next instruction, so that SS:ESP can be loaded by a pair of
 * instructions (SDM vol. 3A, 6.8.3).  A second one in the shadow does not
 * extend it.  System mode only: user mode has no interrupts. */
static void gen_ss_shadow(DisasContext *s)
{
#ifdef CONFIG_SOFTMMU
    if (!s->inhibit_irq) {
        s->base.is_jmp = DISAS_EOB_INHIBIT;
    }
#endif
}

static void gen_push_seg(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    TCGv_i32 sp = tmp_i32(), addr = tmp_i32();

    /* A 32-bit push of a selector: the SDM (vol. 2B, PUSH) allows either a
     * zero-extended 32-bit write or a 16-bit move; the processors we are
     * compared with write the zero-extended value. */
    gen_ld_selector(s->T0, x86_decoded_row(d)->arg);
    tcg_gen_subi_i32(sp, cpu_regs[R_ESP], 1 << ot);
    gen_stack_addr(s, addr, sp);
    gen_st(s, ot, s->T0, addr);
    gen_set_esp(s, sp);
}

static void gen_pop_seg(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    gen_pop_v(s, ot, s->T0);
    tcg_gen_ext16u_i32(s->T0, s->T0);
    gen_load_seg(s, x86_decoded_row(d)->arg, s->T0);
    gen_add_esp(s, 1 << ot);
    if (x86_decoded_row(d)->arg == R_SS) {
        gen_ss_shadow(s);
    }
}

static void gen_mov_from_seg(DisasContext *s, X86DecodedInsn *d)
{
    if (d->reg > R_GS) {
        gen_illegal_opcode(s);
        return;
    }
    gen_ld_selector(s->T0, d->reg);
    /* register: zero-extended to the operand size; memory: 16 bits */
    gen_st_E(s, d, d->mod == 3 ? data_ot(d) : MO_16, s->T0);
}

static void gen_mov_to_seg(DisasContext *s, X86DecodedInsn *d)
{
    if (d->reg > R_GS || d->reg == R_CS) {
        gen_illegal_opcode(s);
        return;
    }
    gen_ld_E(s, d, MO_16, s->T0);
    gen_load_seg(s, d->reg, s->T0);
    if (d->reg == R_SS) {
        gen_ss_shadow(s);
    }
}

/* LES/LDS/LSS/LFS/LGS Gv, Mp: offset then selector. */
static void gen_load_far_ptr(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    TCGv_i32 addr = tmp_i32();

    gen_ld(s, ot, s->T1, gen_ea(s, d));
    tcg_gen_addi_i32(addr, s->A0, 1 << ot);
    gen_ld(s, MO_16, s->T0, addr);
    gen_load_seg(s, x86_decoded_row(d)->arg, s->T0);
    gen_op_mov_reg_v(ot, d->reg, s->T1);
}

/* ------------------------------------------------------ far transfers */

static void gen_far_jump(DisasContext *s, X86DecodedInsn *d, bool call, TCGv_i32 sel,
                         TCGv_i32 off)
{
    /* The helpers read the current eip and take the fault themselves. */
    gen_update_cc_op(s);
    gen_jmp_im(s, cur_eip(s));
    if (call) {
        gen_helper_lcall_protected(tcg_env, sel, off, tcg_constant_i32(d->len),
                                   tcg_constant_i32(d->data32));
    } else {
        gen_helper_ljmp_protected(tcg_env, sel, off, tcg_constant_i32(d->len));
    }
    s->base.is_jmp = DISAS_EOB_ONLY;
}

static void gen_far_imm(DisasContext *s, X86DecodedInsn *d)
{
    gen_far_jump(s, d, x86_decoded_row(d)->arg == 1, tcg_constant_i32(d->imm2),
                 tcg_constant_i32(d->imm));
}

static void gen_far_rm(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    TCGv_i32 addr = tmp_i32();

    gen_ld(s, ot, s->T1, gen_ea(s, d));
    tcg_gen_addi_i32(addr, s->A0, 1 << ot);
    gen_ld(s, MO_16, s->T0, addr);
    gen_far_jump(s, d, x86_decoded_row(d)->arg == 1, s->T0, s->T1);
}

static void gen_retf(DisasContext *s, X86DecodedInsn *d)
{
    gen_update_cc_op(s);
    gen_jmp_im(s, cur_eip(s));
    gen_helper_lret_protected(tcg_env, tcg_constant_i32(d->data32),
                              tcg_constant_i32(d->op == 0xca ? d->imm : 0));
    s->base.is_jmp = DISAS_EOB_ONLY;
}

static void gen_iret(DisasContext *s, X86DecodedInsn *d)
{
    if (s->vm86 && s->iopl != 3) {
        gen_gp0(s);   /* IOPL-sensitive in virtual-8086 mode (no VME) */
        return;
    }
    gen_update_cc_op(s);
    gen_jmp_im(s, cur_eip(s));
    gen_helper_iret_protected(tcg_env, tcg_constant_i32(d->data32));
    set_cc_op(s, CC_OP_EFLAGS);
    s->cc_op_dirty = false;   /* the helper stored cc_op */
    s->base.is_jmp = DISAS_EOB_ONLY;
}

/* ------------------------------------------------------------- flags */

static void gen_pushf(DisasContext *s, X86DecodedInsn *d)
{
    if (s->vm86 && s->iopl != 3) {
        gen_gp0(s);
        return;
    }
    gen_update_cc_op(s);
    gen_helper_read_eflags(s->T0, tcg_env);
    /* VM and RF read as 0 in the pushed image (SDM vol. 2B, PUSHF) */
    tcg_gen_andi_i32(s->T0, s->T0, ~(VM_MASK | RF_MASK));
    gen_push_v(s, data_ot(d), s->T0);
}

/* POPF: which bits may change depends on CPL and IOPL (SDM vol. 2B, POPF):
 * IF only if CPL <= IOPL, IOPL only at CPL 0; VM/VIF/VIP never. */
static void gen_popf(DisasContext *s, X86DecodedInsn *d)
{
    MemOp ot = data_ot(d);
    uint32_t mask = CC_ARITH_MASK | TF_MASK | DF_MASK | NT_MASK | AC_MASK | ID_MASK;

    if (s->vm86 && s->iopl != 3) {
        gen_gp0(s);
        return;
    }
    if (s->cpl == 0) {
        mask |= IF_MASK | IOPL_MASK;
    } else if (s->cpl <= s->iopl) {
        mask |= IF_MASK;
    }
    if (ot == MO_16) {
        mask &= 0xffff;
    }
    gen_pop_v(s, ot, s->T0);
    gen_update_cc_op(s);
    gen_helper_write_eflags(tcg_env, s->T0, tcg_constant_i32(mask));
    gen_add_esp(s, 1 << ot);
    set_cc_op(s, CC_OP_EFLAGS);
    s->cc_op_dirty = false;   /* the helper stored cc_op */
    s->base.is_jmp = DISAS_EOB_NEXT;   /* TF/AC/IOPL may have changed */
}

/* LAHF: AH = SF:ZF:0:AF:0:PF:1:CF. */
static void gen_lahf(DisasContext *s, X86DecodedInsn *d)
{
    gen_eflags_value(s, s->T0);
    tcg_gen_ori_i32(s->T0, s->T0, 2);
    gen_op_mov_reg_v(MO_8, 4 /* AH */, s->T0);
}

static void gen_sahf(DisasContext *s, X86DecodedInsn *d)
{
    TCGv_i32 flags = tmp_i32();
    gen_eflags_value(s, flags);
    tcg_gen_andi_i32(flags, flags, CC_O);
    gen_op_mov_v_reg(MO_8, s->T0, 4 /* AH */);
    tcg_gen_andi_i32(s->T0, s->T0, CC_S | CC_Z | CC_A | CC_P | CC_C);
    tcg_gen_or_i32(flags, flags, s->T0);
    gen_set_eflags_result(s, flags);
}

static void gen_set_df(DisasContext *s, bool set)
{
    TCGv_i32 t = tmp_i32();
    tcg_gen_st_i32(tcg_constant_i32(set ? -1 : 1), tcg_env, offsetof(CPUX86State, df));
    /* env->eflags mirrors DF for code that reads it directly */
    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUX86State, eflags));
    if (set) {
        tcg_gen_ori_i32(t, t, DF_MASK);
    } else {
        tcg_gen_andi_i32(t, t, ~DF_MASK);
    }
    tcg_gen_st_i32(t, tcg_env, offsetof(CPUX86State, eflags));
}

/* CMC, CLC, STC, CLD, STD */
static void gen_flag_op(DisasContext *s, X86DecodedInsn *d)
{
    int kind = x86_decoded_row(d)->arg;
    TCGv_i32 flags;

    if (kind >= 3) {
        gen_set_df(s, kind == 4);
        return;
    }
    flags = tmp_i32();
    gen_eflags_value(s, flags);
    if (kind == 0) {
        tcg_gen_xori_i32(flags, flags, CC_C);
    } else if (kind == 1) {
        tcg_gen_andi_i32(flags, flags, ~CC_C);
    } else {
        tcg_gen_ori_i32(flags, flags, CC_C);
    }
    gen_set_eflags_result(s, flags);
}

/* CLI/STI: allowed when CPL <= IOPL (protected mode); user mode: #GP. */
static void gen_cli_sti(DisasContext *s, X86DecodedInsn *d)
{
    TCGv_i32 t = tmp_i32();

    if (s->pe && s->cpl > s->iopl) {
        gen_gp0(s);
        return;
    }
    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUX86State, eflags));
    if (x86_decoded_row(d)->arg) {
#ifdef CONFIG_SOFTMMU
        /* STI with IF 0: interrupts stay masked until after the next
         * instruction (SDM vol. 2B, STI), so STI; HLT or STI; RET are
         * atomic.  Not when already in a shadow. */
        if (!s->inhibit_irq) {
            TCGv_i32 was_clear = tmp_i32(), hf = tmp_i32();
            tcg_gen_andi_i32(was_clear, t, IF_MASK);
            tcg_gen_setcondi_i32(TCG_COND_EQ, was_clear, was_clear, 0);
            tcg_gen_shli_i32(was_clear, was_clear, __builtin_ctz(HF_INHIBIT_IRQ_MASK));
            tcg_gen_ld_i32(hf, tcg_env, offsetof(CPUX86State, hflags));
            tcg_gen_or_i32(hf, hf, was_clear);
            tcg_gen_st_i32(hf, tcg_env, offsetof(CPUX86State, hflags));
        }
#endif
        tcg_gen_ori_i32(t, t, IF_MASK);
    } else {
        tcg_gen_andi_i32(t, t, ~IF_MASK);
    }
    tcg_gen_st_i32(t, tcg_env, offsetof(CPUX86State, eflags));
    if (x86_decoded_row(d)->arg) {
        s->base.is_jmp = DISAS_EOB_NEXT;   /* STI: interrupts may now be taken */
    }                                      /* CLI: the TB goes on */
}

/* ----------------------------------------------------- string insns */

enum { STR_MOVS, STR_CMPS, STR_STOS, STR_LODS, STR_SCAS, STR_INS, STR_OUTS };

/* addr = seg base + reg, reg wrapped to the address size. */
static void gen_string_addr(DisasContext *s, X86DecodedInsn *d, TCGv_i32 addr, int reg,
                            int seg)
{
    if (d->addr32) {
        tcg_gen_mov_i32(addr, cpu_regs[reg]);
    } else {
        tcg_gen_ext16u_i32(addr, cpu_regs[reg]);
    }
    gen_add_seg_base(s, addr, seg);
}

static void gen_string_advance(X86DecodedInsn *d, int reg, TCGv_i32 delta)
{
    TCGv_i32 t = tmp_i32();
    tcg_gen_add_i32(t, cpu_regs[reg], delta);
    gen_op_mov_reg_a(d->addr32, reg, t);
}

/* One iteration of a string instruction. */
static void gen_string_once(DisasContext *s, X86DecodedInsn *d, int op)
{
    MemOp ot = d->ot;
    int src_seg = d->seg_override >= 0 ? d->seg_override : R_DS;
    TCGv_i32 delta = tmp_i32(), addr = tmp_i32();

    tcg_gen_ld_i32(delta, tcg_env, offsetof(CPUX86State, df));
    tcg_gen_shli_i32(delta, delta, ot);

    switch (op) {
    case STR_MOVS:
        gen_string_addr(s, d, addr, R_ESI, src_seg);
        gen_ld(s, ot, s->T0, addr);
        gen_string_addr(s, d, addr, R_EDI, R_ES);
        gen_st(s, ot, s->T0, addr);
        gen_string_advance(d, R_ESI, delta);
        gen_string_advance(d, R_EDI, delta);
        break;
    case STR_STOS:
        gen_string_addr(s, d, addr, R_EDI, R_ES);
        gen_st(s, ot, cpu_regs[R_EAX], addr);
        gen_string_advance(d, R_EDI, delta);
        break;
    case STR_LODS:
        gen_string_addr(s, d, addr, R_ESI, src_seg);
        gen_ld(s, ot, s->T0, addr);
        gen_op_mov_reg_v(ot, R_EAX, s->T0);
        gen_string_advance(d, R_ESI, delta);
        break;
    case STR_CMPS:
        /* flags of [ESI] - [EDI] */
        gen_string_addr(s, d, addr, R_ESI, src_seg);
        gen_ld(s, ot, s->T0, addr);
        gen_string_addr(s, d, addr, R_EDI, R_ES);
        gen_ld(s, ot, s->T1, addr);
        gen_string_advance(d, R_ESI, delta);
        gen_string_advance(d, R_EDI, delta);
        tcg_gen_sub_i32(cpu_cc_dst, s->T0, s->T1);
        tcg_gen_mov_i32(cpu_cc_src, s->T1);
        set_cc_op(s, CC_OP_SUBB + ot);
        break;
    case STR_SCAS:
        gen_string_addr(s, d, addr, R_EDI, R_ES);
        gen_ld(s, ot, s->T1, addr);
        gen_op_mov_v_reg(ot, s->T0, R_EAX);
        gen_string_advance(d, R_EDI, delta);
        tcg_gen_sub_i32(cpu_cc_dst, s->T0, s->T1);
        tcg_gen_mov_i32(cpu_cc_src, s->T1);
        set_cc_op(s, CC_OP_SUBB + ot);
        break;
#ifdef CONFIG_SOFTMMU
    case STR_INS:
        /* ES:[DI] <- port DX.  The destination is written once with 0
         * before the port is read, so a fault on it happens before the
         * read's side effects and the restart reads the port only once. */
        gen_string_addr(s, d, addr, R_EDI, R_ES);
        gen_st(s, ot, tcg_constant_i32(0), addr);
        tcg_gen_ext16u_i32(s->T1, cpu_regs[R_EDX]);
        gen_helper_port_in(s->T0, tcg_env, s->T1, tcg_constant_i32(ot));
        gen_st(s, ot, s->T0, addr);
        gen_string_advance(d, R_EDI, delta);
        break;
    case STR_OUTS:
        gen_string_addr(s, d, addr, R_ESI, src_seg);
        gen_ld(s, ot, s->T0, addr);
        tcg_gen_ext16u_i32(s->T1, cpu_regs[R_EDX]);
        gen_helper_port_out(tcg_env, s->T1, s->T0, tcg_constant_i32(ot));
        gen_string_advance(d, R_ESI, delta);
        break;
#endif
    }
}

/*
 * REP prefixes: REP MOVS/STOS run in a helper; the others execute one
 * iteration per pass and jump back to the instruction itself while the
 * count (and for CMPS/SCAS the ZF condition) says so.  Every pass leaves
 * ECX/ESI/EDI exact, so faults and interrupts between passes are precise.
 */
static void gen_rep_string(DisasContext *s, X86DecodedInsn *d, int op);

static void gen_string(DisasContext *s, X86DecodedInsn *d)
{
    int op = x86_decoded_row(d)->arg;
    bool rep = d->prefix & (PREFIX_REPZ | PREFIX_REPNZ);

    if (!rep) {
        gen_string_once(s, d, op);
        return;
    }
    if (op == STR_MOVS || op == STR_STOS) {
        int mode = d->ot | (d->addr32 ? 4 : 0) | (s->addseg ? 8 : 0);
        int src_seg = d->seg_override >= 0 ? d->seg_override : R_DS;
        if (op == STR_MOVS && (s->addseg || src_seg == R_FS || src_seg == R_GS)) {
            mode |= (src_seg + 1) << 4;
        }
        TCGLabel *done = gen_new_label();
        TCGv_i32 cnt = tmp_i32();
        gen_update_cc_op(s);
        if (op == STR_MOVS) {
            gen_helper_rep_movs(tcg_env, tcg_constant_i32(mode));
        } else {
            gen_helper_rep_stos(tcg_env, tcg_constant_i32(mode));
        }
        /* The helper does a bounded share of the count: run it again
         * while ECX says so (interrupts and exit requests in between). */
        tcg_gen_andi_i32(cnt, cpu_regs[R_ECX], d->addr32 ? 0xffffffffu : 0xffff);
        tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, done);
        gen_goto_tb(s, 0, cur_eip(s));
        gen_set_label(done);
        gen_goto_tb(s, 1, next_eip(s));
        s->base.is_jmp = DISAS_NORETURN;
        return;
    }
    gen_rep_string(s, d, op);
}

/* The REP loop of CMPS/SCAS/LODS/INS/OUTS: one iteration per pass. */
static void gen_rep_string(DisasContext *s, X86DecodedInsn *d, int op)
{
    TCGLabel *done;
    TCGv_i32 cnt;

    done = gen_new_label();
    cnt = tmp_i32();
    gen_update_cc_op(s);
    tcg_gen_andi_i32(cnt, cpu_regs[R_ECX], d->addr32 ? 0xffffffffu : 0xffff);
    tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, done);

    gen_string_once(s, d, op);
    tcg_gen_subi_i32(cnt, cpu_regs[R_ECX], 1);
    gen_op_mov_reg_a(d->addr32, R_ECX, cnt);
    gen_update_cc_op(s);
    if (op == STR_CMPS || op == STR_SCAS) {
        /* REPE stops on ZF=0, REPNE on ZF=1 */
        bool repz = d->prefix & PREFIX_REPZ;
        gen_jcc_branch(s, (JCC_Z << 1) | (repz ? 1 : 0), done);
    }
    cnt = tmp_i32();   /* EBB temps do not survive the branch above */
    tcg_gen_andi_i32(cnt, cpu_regs[R_ECX], d->addr32 ? 0xffffffffu : 0xffff);
    tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, done);
    gen_goto_tb(s, 0, cur_eip(s));
    gen_set_label(done);
    gen_goto_tb(s, 1, next_eip(s));
    set_cc_op(s, CC_OP_DYNAMIC);
    s->base.is_jmp = DISAS_NORETURN;
}

/* ------------------------------------------------- interrupts, system */

static void gen_int(DisasContext *s, X86DecodedInsn *d)
{
    int kind = x86_decoded_row(d)->arg;  /* 0 int3, 1 int n, 2 into, 3 int1 */
    int vec = kind == 0 ? EXCP03_INT3 : kind == 1 ? (int)d->imm :
              kind == 2 ? EXCP04_INTO : EXCP01_DB;
    TCGLabel *skip = NULL;

    if (kind == 1 && s->vm86 && s->iopl != 3) {
        gen_gp0(s);
        return;
    }
    gen_update_cc_op(s);
    if (kind == 3) {
        /* INT1/ICEBP: a #DB trap, reported after the instruction */
        gen_jmp_im(s, next_eip(s));
        gen_helper_raise_exception(tcg_env, tcg_constant_i32(EXCP01_DB));
        s->base.is_jmp = DISAS_NORETURN;
        return;
    }
    if (kind == 2) {
        skip = gen_new_label();
        gen_jcc_branch(s, (JCC_O << 1) | 1, skip);   /* no overflow: no trap */
    }
    gen_jmp_im(s, cur_eip(s));
    gen_helper_raise_interrupt(tcg_env, tcg_constant_i32(vec), tcg_constant_i32(d->len));
    if (kind == 2) {
        gen_set_label(skip);
        s->base.is_jmp = DISAS_TOO_MANY;
    } else {
        s->base.is_jmp = DISAS_NORETURN;
    }
}

/* CPL 0 or #GP(0).  Real mode runs at CPL 0, virtual-8086 mode at 3. */
static bool check_cpl0(DisasContext *s)
{
    if (s->cpl != 0) {
        gen_gp0(s);
        return false;
    }
    return true;
}

#ifdef CONFIG_SOFTMMU
/* Before a system helper that may fault with ra 0 or reads eip/flags:
 * the exact eip and cc_op in env. */
static void gen_sync_state(DisasContext *s)
{
    gen_update_cc_op(s);
    gen_jmp_im(s, cur_eip(s));
}

/* MOV CRn, r32 / MOV r32, CRn (0F 22 / 0F 20; SDM vol. 2B, MOV--Move
 * to/from Control Registers): CR0, CR2, CR3, CR4; CR1 and CR5..7 are
 * #UD.  The operand is always 32 bits, ModRM.mod is ignored. */
static void gen_mov_cr(DisasContext *s, X86DecodedInsn *d, bool to_cr)
{
    int n = d->reg;

    if (n == 1 || n > 4) {
        gen_illegal_opcode(s);
        return;
    }
    if (to_cr) {
        gen_sync_state(s);
        gen_helper_write_crN(tcg_env, tcg_constant_i32(n), cpu_regs[d->rm]);
        s->base.is_jmp = DISAS_EOB_NEXT;   /* paging, PE, TS/EM/MP, TSD/PCE */
    } else {
        tcg_gen_ld_i32(cpu_regs[d->rm], tcg_env, offsetof(CPUX86State, cr[n]));
    }
}

/* MOV DRn, r32 / MOV r32, DRn (0F 23 / 0F 21): the helpers handle the
 * DR4/DR5 aliases and CR4.DE. */
static void gen_mov_dr(DisasContext *s, X86DecodedInsn *d, bool to_dr)
{
    gen_sync_state(s);
    if (to_dr) {
        gen_helper_set_dr(tcg_env, tcg_constant_i32(d->reg), cpu_regs[d->rm]);
        s->base.is_jmp = DISAS_EOB_NEXT;   /* breakpoints may be armed */
    } else {
        gen_helper_get_dr(s->T0, tcg_env, tcg_constant_i32(d->reg));
        tcg_gen_mov_i32(cpu_regs[d->rm], s->T0);
    }
}
#endif

/* HLT, CLTS, INVD, WBINVD, MOV CR/DR, RDMSR/WRMSR, SYSEXIT: CPL 0 only
 * (#GP(0) otherwise, which is all user mode ever sees). */
static void gen_privileged(DisasContext *s, X86DecodedInsn *d)
{
    if (!check_cpl0(s)) {
        return;
    }
#ifdef CONFIG_SOFTMMU
    switch (d->map << 8 | d->op) {
    case 0x0f4:     /* HLT: stop with eip after it */
        gen_sync_state(s);
        gen_helper_hlt(tcg_env, tcg_constant_i32(d->len));
        s->base.is_jmp = DISAS_NORETURN;
        return;
    case 0x106:     /* CLTS */
        gen_sync_state(s);
        gen_helper_clts(tcg_env);
        s->base.is_jmp = DISAS_EOB_NEXT;
        return;
    case 0x108:     /* INVD */
    case 0x109:     /* WBINVD: caches are not modelled */
        return;
    case 0x120:
    case 0x122:
        gen_mov_cr(s, d, d->op == 0x22);
        return;
    case 0x121:
    case 0x123:
        gen_mov_dr(s, d, d->op == 0x23);
        return;
    case 0x130:     /* WRMSR: may change SYSENTER, EFER, APIC base... */
        gen_sync_state(s);
        gen_helper_wrmsr(tcg_env);
        s->base.is_jmp = DISAS_EOB_NEXT;
        return;
    case 0x132:     /* RDMSR */
        gen_sync_state(s);
        gen_helper_rdmsr(tcg_env);
        return;
    case 0x135:     /* SYSEXIT: #UD without SEP, #GP(0) in real mode */
        if (!(s->features & CPUID_SEP)) {
            gen_illegal_opcode(s);
            return;
        }
        if (!s->pe) {
            gen_gp0(s);
            return;
        }
        gen_sync_state(s);
        gen_helper_sysexit(tcg_env);
        s->base.is_jmp = DISAS_EOB_ONLY;
        return;
    }
#endif
    gen_unimplemented(s, x86_decoded_row(d)->name);
}

/* SYSENTER (0F 34): system mode only; the helper raises #GP(0) in real
 * mode or with IA32_SYSENTER_CS 0.  Linux-user keeps #UD. */
static void gen_sysenter(DisasContext *s, X86DecodedInsn *d)
{
#ifdef CONFIG_SOFTMMU
    if (!(s->features & CPUID_SEP)) {
        gen_illegal_opcode(s);
        return;
    }
    gen_sync_state(s);
    gen_helper_sysenter(tcg_env);
    s->base.is_jmp = DISAS_EOB_ONLY;
#else
    gen_unimplemented(s, "sysenter");
#endif
}

/* RSM (0F AA): only in system-management mode, #UD elsewhere. */
static void gen_rsm(DisasContext *s, X86DecodedInsn *d)
{
#ifdef CONFIG_SOFTMMU
    if (!s->smm) {
        gen_illegal_opcode(s);
        return;
    }
    gen_sync_state(s);
    gen_helper_rsm(tcg_env);
    set_cc_op(s, CC_OP_DYNAMIC);   /* the helper loaded EFLAGS */
    s->base.is_jmp = DISAS_EOB_ONLY;
#else
    gen_illegal_opcode(s);
#endif
}

#ifdef CONFIG_SOFTMMU
/* The I/O permission check (SDM vol. 1, 19.5): needed only when CPL > IOPL
 * or in virtual-8086 mode, then the TSS bitmap decides (#GP(0)). */
static void gen_check_io(DisasContext *s, TCGv_i32 port, MemOp ot)
{
    if (s->pe && (s->vm86 || s->cpl > s->iopl)) {
        gen_sync_state(s);
        gen_helper_check_io(tcg_env, port, tcg_constant_i32(1 << ot));
    }
}
#endif

/* IN/OUT (E4..E7 imm8 port, EC..EF DX port) and INS/OUTS (6C..6F, REP
 * allowed).  A port write may raise an interrupt, reset the machine or
 * change the memory map: the TB ends after OUT/OUTS.  User mode: #GP when
 * CPL > IOPL (always, for a Linux process). */
static void gen_io(DisasContext *s, X86DecodedInsn *d)
{
#ifdef CONFIG_SOFTMMU
    MemOp ot = d->ot;
    bool out = d->op & 2;
    TCGv_i32 port;

    if (d->op < 0xe0) {
        port = tmp_i32();
        tcg_gen_ext16u_i32(port, cpu_regs[R_EDX]);
        gen_check_io(s, port, ot);
        if (d->prefix & (PREFIX_REPZ | PREFIX_REPNZ)) {
            gen_rep_string(s, d, out ? STR_OUTS : STR_INS);
            return;
        }
        gen_string_once(s, d, out ? STR_OUTS : STR_INS);
        if (out) {
            s->base.is_jmp = DISAS_EOB_NEXT;
        }
        return;
    }
    if (d->op & 8) {
        port = tmp_i32();
        tcg_gen_ext16u_i32(port, cpu_regs[R_EDX]);
    } else {
        port = tcg_constant_i32(d->imm & 0xff);
    }
    gen_check_io(s, port, ot);
    if (out) {
        gen_op_mov_v_reg(ot, s->T0, R_EAX);
        gen_helper_port_out(tcg_env, port, s->T0, tcg_constant_i32(ot));
        s->base.is_jmp = DISAS_EOB_NEXT;
    } else {
        gen_helper_port_in(s->T0, tcg_env, port, tcg_constant_i32(ot));
        gen_op_mov_reg_v(ot, R_EAX, s->T0);
    }
#else
    if (s->pe && (s->vm86 || s->cpl > s->iopl)) {
        gen_gp0(s);
        return;
    }
    gen_unimplemented(s, "port I/O");
#endif
}

static void gen_illegal(DisasContext *s, X86DecodedInsn *d)
{
    const char *name = x86_decoded_row(d)->name;
    if (name[0] == 'u' && name[1] == 'd') {
        gen_illegal_opcode(s);         /* UD0/UD1/UD2: #UD by definition */
    } else {
        gen_unimplemented(s, name);
    }
}

static void gen_cpuid(DisasContext *s, X86DecodedInsn *d)
{
    gen_helper_cpuid(tcg_env);
}

static void gen_rdtsc(DisasContext *s, X86DecodedInsn *d)
{
    if (!(s->features & CPUID_TSC)) {
        gen_illegal_opcode(s);
        return;
    }
    if ((s->flags & HF_TSD_MASK) && s->cpl != 0) {
        gen_gp0(s);
        return;
    }
    gen_helper_rdtsc(tcg_env);
}

static void gen_rdpmc(DisasContext *s, X86DecodedInsn *d)
{
    if (!(s->flags & HF_PCE_MASK) && s->cpl != 0) {
        gen_gp0(s);
        return;
    }
#ifdef CONFIG_SOFTMMU
    gen_sync_state(s);
    gen_helper_rdpmc(tcg_env);
#else
    gen_unimplemented(s, "rdpmc");
#endif
}

/* 0F 00: SLDT/STR/LLDT/LTR/VERR/VERW (protected mode only). */
static void gen_grp6(DisasContext *s, X86DecodedInsn *d)
{
    int kind = x86_decoded_row(d)->arg;

    if (!s->pe || s->vm86) {
        gen_illegal_opcode(s);
        return;
    }
    switch (kind) {
    case 0:
    case 1:
        tcg_gen_ld_i32(s->T0, tcg_env, kind == 0 ? offsetof(CPUX86State, ldt.selector)
                                                 : offsetof(CPUX86State, tr.selector));
        gen_st_E(s, d, d->mod == 3 ? data_ot(d) : MO_16, s->T0);
        break;
    case 2:
    case 3:
        if (!check_cpl0(s)) {
            break;
        }
#ifdef CONFIG_SOFTMMU
        /* LLDT/LTR: descriptor checks and the busy bit in the helpers */
        gen_ld_E(s, d, MO_16, s->T0);
        gen_sync_state(s);
        if (kind == 2) {
            gen_helper_lldt(tcg_env, s->T0);
        } else {
            gen_helper_ltr(tcg_env, s->T0);
        }
#else
        gen_privileged(s, d);
#endif
        break;
    default:
        gen_ld_E(s, d, MO_16, s->T0);
        gen_update_cc_op(s);
        if (kind == 4) {
            gen_helper_verr(tcg_env, s->T0);
        } else {
            gen_helper_verw(tcg_env, s->T0);
        }
        set_cc_op(s, CC_OP_EFLAGS);
        s->cc_op_dirty = false;
        break;
    }
}

/* 0F 01: SGDT/SIDT/SMSW work at any CPL (no UMIP on a P6); the loads are
 * privileged.  Register forms other than SMSW/LMSW are newer insns: #UD. */
static void gen_grp7(DisasContext *s, X86DecodedInsn *d)
{
    int kind = x86_decoded_row(d)->arg;
    TCGv_i32 addr;

    if (d->mod == 3 && kind != 4 && kind != 6) {
        gen_unimplemented(s, "0f 01 register form");
        return;
    }
    switch (kind) {
    case 0:
    case 1: {
        size_t base = kind == 0 ? offsetof(CPUX86State, gdt) : offsetof(CPUX86State, idt);
        addr = tmp_i32();
        tcg_gen_ld_i32(s->T0, tcg_env, base + offsetof(SegmentCache, limit));
        gen_st(s, MO_16, s->T0, gen_ea(s, d));
        tcg_gen_ld_i32(s->T0, tcg_env, base + offsetof(SegmentCache, base));
        if (!d->data32) {
            /* 16-bit operand size: 24 bits of base, the top byte 0 on the
             * 386 and later (SDM vol. 2B, SGDT) */
            tcg_gen_andi_i32(s->T0, s->T0, 0xffffff);
        }
        tcg_gen_addi_i32(addr, s->A0, 2);
        gen_st(s, MO_32, s->T0, addr);
        break;
    }
#ifdef CONFIG_SOFTMMU
    case 2:
    case 3: {
        /* LGDT/LIDT m16&32: limit, then base; with a 16-bit operand size
         * only 24 bits of the base are used (SDM vol. 2A, LGDT/LIDT).
         * Both loads come before the register changes. */
        size_t base = kind == 2 ? offsetof(CPUX86State, gdt) : offsetof(CPUX86State, idt);
        if (!check_cpl0(s)) {
            break;
        }
        addr = tmp_i32();
        gen_ld(s, MO_16, s->T1, gen_ea(s, d));
        tcg_gen_addi_i32(addr, s->A0, 2);
        gen_ld(s, MO_32, s->T0, addr);
        if (!d->data32) {
            tcg_gen_andi_i32(s->T0, s->T0, 0xffffff);
        }
        tcg_gen_st_i32(s->T0, tcg_env, base + offsetof(SegmentCache, base));
        tcg_gen_st_i32(s->T1, tcg_env, base + offsetof(SegmentCache, limit));
        break;
    }
    case 6:         /* LMSW r/m16: PE, MP, EM, TS; PE cannot be cleared */
        if (!check_cpl0(s)) {
            break;
        }
        gen_ld_E(s, d, MO_16, s->T0);
        gen_sync_state(s);
        gen_helper_lmsw(tcg_env, s->T0);
        s->base.is_jmp = DISAS_EOB_NEXT;
        break;
    case 7:         /* INVLPG m: the linear address of the operand */
        if (!check_cpl0(s)) {
            break;
        }
        gen_ea(s, d);
        gen_sync_state(s);
        gen_helper_invlpg(tcg_env, s->A0);
        s->base.is_jmp = DISAS_EOB_NEXT;
        break;
#endif
    case 4:
        tcg_gen_ld_i32(s->T0, tcg_env, offsetof(CPUX86State, cr[0]));
        gen_st_E(s, d, d->mod == 3 ? data_ot(d) : MO_16, s->T0);
        break;
    case 5:
        gen_illegal_opcode(s);
        break;
    default:
        gen_privileged(s, d);
        break;
    }
}

/* 0F AE: fences (register forms); CLFLUSH as a no-op; FXSAVE & co. with
 * the FPU (issue 4). */
static void gen_grp15(DisasContext *s, X86DecodedInsn *d)
{
    if (d->mod == 3) {
        if (d->reg >= 5) {
            tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);  /* LFENCE/MFENCE/SFENCE */
            return;
        }
        gen_illegal_opcode(s);
        return;
    }
    if (d->reg == 7) {
        return;   /* CLFLUSH: caches are not modelled */
    }
    if (d->reg <= 3) {
        gen_sse(s, d);   /* FXSAVE, FXRSTOR, LDMXCSR, STMXCSR */
        return;
    }
    gen_illegal_opcode(s);
}

static void gen_lar_lsl(DisasContext *s, X86DecodedInsn *d)
{
    TCGv_i32 zf = tmp_i32(), old = tmp_i32();

    if (!s->pe || s->vm86) {
        gen_illegal_opcode(s);
        return;
    }
    gen_ld_E(s, d, MO_16, s->T0);
    gen_update_cc_op(s);
    if (x86_decoded_row(d)->arg == 0) {
        gen_helper_lar(s->T1, tcg_env, s->T0);
    } else {
        gen_helper_lsl(s->T1, tcg_env, s->T0);
    }
    set_cc_op(s, CC_OP_EFLAGS);
    s->cc_op_dirty = false;
    /* the destination is written only on success (ZF=1) */
    tcg_gen_andi_i32(zf, cpu_cc_src, CC_Z);
    gen_op_mov_v_reg(d->ot, old, d->reg);
    tcg_gen_movcond_i32(TCG_COND_NE, s->T1, zf, tcg_constant_i32(0), s->T1, old);
    gen_op_mov_reg_v(d->ot, d->reg, s->T1);
}

/* ARPL Ew, Gw: raise the RPL of the destination selector to the source's. */
static void gen_arpl(DisasContext *s, X86DecodedInsn *d)
{
    TCGv_i32 adj = tmp_i32(), flags = tmp_i32();
    TCGv_i32 a = tmp_i32(), b = tmp_i32();

    if (!s->pe || s->vm86) {
        gen_illegal_opcode(s);
        return;
    }
    gen_ld_E(s, d, MO_16, s->T0);
    gen_op_mov_v_reg(MO_16, s->T1, d->reg);
    tcg_gen_andi_i32(a, s->T0, 3);
    tcg_gen_andi_i32(b, s->T1, 3);
    tcg_gen_setcond_i32(TCG_COND_LTU, adj, a, b);
    tcg_gen_andi_i32(s->T1, s->T0, ~3);
    tcg_gen_or_i32(s->T1, s->T1, b);
    tcg_gen_movcond_i32(TCG_COND_NE, s->T0, adj, tcg_constant_i32(0), s->T1, s->T0);
    gen_st_E(s, d, MO_16, s->T0);
    gen_eflags_value(s, flags);
    tcg_gen_andi_i32(flags, flags, ~CC_Z);
    tcg_gen_shli_i32(adj, adj, 6);
    tcg_gen_or_i32(flags, flags, adj);
    gen_set_eflags_result(s, flags);
}

static void gen_bound(DisasContext *s, X86DecodedInsn *d)
{
    gen_op_mov_v_reg(d->ot, s->T0, d->reg);
    gen_helper_bound(tcg_env, s->T0, gen_ea(s, d), tcg_constant_i32(d->data32));
}

static void gen_bcd(DisasContext *s, X86DecodedInsn *d)
{
    int kind = x86_decoded_row(d)->arg;

    gen_update_cc_op(s);   /* the helpers read the current flags */
    switch (kind) {
    case 0: gen_helper_daa(tcg_env); break;
    case 1: gen_helper_das(tcg_env); break;
    case 2: gen_helper_aaa(tcg_env); break;
    case 3: gen_helper_aas(tcg_env); break;
    case 4: gen_helper_aam(tcg_env, tcg_constant_i32(d->imm)); break;
    default: gen_helper_aad(tcg_env, tcg_constant_i32(d->imm)); break;
    }
    set_cc_op(s, CC_OP_EFLAGS);
    s->cc_op_dirty = false;  /* the helper stored cc_op */
}

static void gen_fwait(DisasContext *s, X86DecodedInsn *d)
{
    /* #MF if an unmasked x87 exception is pending (SDM vol. 1, 8.6) */
    gen_update_cc_op(s);
    gen_helper_fwait(tcg_env);
}

/* x87 (D8..DF): translate-x87.c decodes, fpu_helper.c executes. */
static void gen_x87(DisasContext *s, X86DecodedInsn *d)
{
    int form = x87_form(d->op, d->modrm, !d->data32, s->features,
                        s->env->cpuid_ext_features);
    TCGv_i32 addr = tcg_constant_i32(0), ret = tmp_i32();
    uint32_t code = d->op << 8 | d->modrm | !d->data32 << 16;

    if (!form) {
        gen_illegal_opcode(s);
        return;
    }
    if (d->mod != 3) {
        addr = gen_ea(s, d);
        code |= ea_seg(d) << 20;
    }
    gen_update_cc_op(s);   /* FCMOVcc reads the flags; faults restart */
    gen_helper_x87(ret, tcg_env, tcg_constant_i32(code), addr,
                   tcg_constant_i32(cur_eip(s)), tcg_constant_i32(form));
    if (form & X87_AX_OUT) {
        gen_op_mov_reg_v(MO_16, R_EAX, ret);
    }
    if (form & X87_EFLAGS_OUT) {
        gen_set_eflags_result(s, ret);
    }
}

#include "target/i386/translate-sse.c"

/* ------------------------------------------------------- dispatcher */

static const X86GenFn x86_gen_fns[X86_ROW_COUNT] = {
#define X(map, op, ext, nm, fl, im, fn, ag) [X86_ROW_INDEX(map, op, ext)] = fn,
#include "target/i386/insn-table.h"
#undef X
};

static uint8_t x86_fetch_code(void *opaque, uint32_t pc)
{
    DisasContext *s = opaque;
    return translator_ldub(s->env, &s->base, pc);
}

static void i386_tr_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = container_of(db, DisasContext, base);
    CPUX86State *env = cpu_env(cpu);
    uint32_t flags = db->tb->flags;

    s->env = env;
    s->cs_base = (uint32_t)db->tb->cs_base;
    s->flags = flags;
    s->cpl = flags & HF_CPL_MASK;
    s->iopl = (flags & HF_IOPL_MASK) >> HF_IOPL_SHIFT;
    s->code32 = flags & HF_CS32_MASK;
    s->ss32 = flags & HF_SS32_MASK;
    s->addseg = flags & HF_ADDSEG_MASK;
    s->pe = flags & HF_PE_MASK;
    s->vm86 = flags & HF_VM_MASK;
    s->smm = flags & HF_SMM_MASK;
    /* Same choice as cpu_mmu_index (cpu.c): SMM, else user at CPL 3. */
    s->mem_index = s->smm ? MMU_SMM_IDX : s->cpl == 3 ? MMU_USER_IDX : MMU_KSMAP_IDX;
    s->features = env->cpuid_features;
    s->parallel = db->tb->cflags & CF_PARALLEL;
    s->tf = flags & HF_TF_MASK;
    if (s->tf) {
        db->max_insns = 1;   /* a #DB trap follows every instruction */
    }
    /* The instruction after STI (IF was 0), MOV SS or POP SS runs with
     * maskable interrupts held off (SDM vol. 3A, 6.8.3; vol. 2B, STI):
     * alone in its TB, which clears the shadow and returns to cpu_exec so
     * a pending interrupt is taken right after it. */
    s->inhibit_irq = flags & HF_INHIBIT_IRQ_MASK;
    if (s->inhibit_irq) {
        db->max_insns = 1;
    }
    s->cc_op = CC_OP_DYNAMIC;
    s->cc_op_dirty = false;
    insn_temps.n32 = insn_temps.n64 = 0;
}

static void i386_tr_tb_start(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = container_of(db, DisasContext, base);

    if (s->inhibit_irq) {
        /* cpu_exec checks interrupts only between TBs, and this TB ends
         * after its one instruction: the shadow can end here already. */
        gen_reset_hflag(s, HF_INHIBIT_IRQ_MASK);
    }
}

static void i386_tr_insn_start(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = container_of(db, DisasContext, base);
    tcg_gen_insn_start(db->pc_next, s->cc_op);
}

static void i386_translate_one(DisasContextBase *db);

static void i386_tr_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    i386_translate_one(db);
    free_insn_temps();
}

static void i386_translate_one(DisasContextBase *db)
{
    DisasContext *s = container_of(db, DisasContext, base);
    X86DecodedInsn *d = &s->d;
    uint32_t pc = (uint32_t)db->pc_next;
    const X86OpRow *row;
    int rc;

    rc = x86_decode(d, pc, s->code32, x86_fetch_code, s);
    db->pc_next = pc + d->len;
    s->a0_ready = false;
    s->pop_esp_adjust = 0;
    s->A0 = tmp_i32();
    s->T0 = tmp_i32();
    s->T1 = tmp_i32();

    if (rc == X86_DECODE_TOO_LONG) {
        gen_gp0(s);
        return;
    }
    row = x86_decoded_row(d);
    if (rc == X86_DECODE_UD || !row) {
        if (d->map >= 2) {
            gen_unimplemented(s, "SSSE3+ three-byte opcode");
        } else if (row && (row->flags & X_UD)) {
            gen_illegal(s, d);
        } else {
            gen_illegal_opcode(s);
        }
        return;
    }
    /* LOCK only on the read-modify-write forms with a memory destination
     * (SDM vol. 2A, LOCK); anything else is #UD. */
    if ((d->prefix & PREFIX_LOCK) && (!(row->flags & X_LOCK) || d->mod == 3)) {
        gen_illegal_opcode(s);
        return;
    }
    x86_gen_fns[d->row](s, d);
}

static void i386_tr_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = container_of(db, DisasContext, base);

    switch (db->is_jmp) {
    case DISAS_NORETURN:
        break;
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_update_cc_op(s);
        gen_goto_tb(s, 0, (uint32_t)db->pc_next - s->cs_base);
        break;
    case DISAS_EOB_INHIBIT:
        /* MOV SS/POP SS also hold off the single-step trap until after
         * the next instruction (SDM vol. 3A, 6.8.3): no #DB here, the
         * next TB (one instruction, TF still set) raises it. */
        gen_set_hflag(s, HF_INHIBIT_IRQ_MASK);
        gen_update_cc_op(s);
        gen_jmp_im(s, (uint32_t)db->pc_next - s->cs_base);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_EOB_NEXT:
        gen_update_cc_op(s);
        gen_jmp_im(s, (uint32_t)db->pc_next - s->cs_base);
        if (s->tf) {
            gen_single_step_trap(s);
        } else {
            tcg_gen_exit_tb(NULL, 0);
        }
        break;
    case DISAS_EOB_ONLY:
    default:
        gen_update_cc_op(s);
        if (s->tf) {
            gen_single_step_trap(s);
        } else {
            tcg_gen_exit_tb(NULL, 0);
        }
        break;
    }
}

static const TranslatorOps i386_tr_ops = {
    .init_disas_context = i386_tr_init_disas_context,
    .tb_start = i386_tr_tb_start,
    .insn_start = i386_tr_insn_start,
    .translate_insn = i386_tr_translate_insn,
    .tb_stop = i386_tr_tb_stop,
};

void gen_intermediate_code(CPUState *cpu, TranslationBlock *tb, int *max_insns,
                           uint64_t pc, void *host_pc)
{
    DisasContext dc;

    memset(&dc, 0, sizeof(dc));
    translator_loop(cpu, tb, max_insns, pc, host_pc, &i386_tr_ops, &dc.base);
}

void tcg_target_frontend_init(void)
{
    static const char *const reg_names[8] = {
        "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    };
    static const char *const seg_names[6] = {
        "es_base", "cs_base", "ss_base", "ds_base", "fs_base", "gs_base",
    };

    for (int i = 0; i < 8; i++) {
        cpu_regs[i] = tcg_global_mem_new_i32(tcg_env, offsetof(CPUX86State, regs[i]),
                                             reg_names[i]);
    }
    for (int i = 0; i < 6; i++) {
        cpu_seg_base[i] = tcg_global_mem_new_i32(tcg_env,
                                                 offsetof(CPUX86State, segs[i].base),
                                                 seg_names[i]);
    }
    cpu_cc_dst = tcg_global_mem_new_i32(tcg_env, offsetof(CPUX86State, cc_dst), "cc_dst");
    cpu_cc_src = tcg_global_mem_new_i32(tcg_env, offsetof(CPUX86State, cc_src), "cc_src");
    cpu_cc_src2 = tcg_global_mem_new_i32(tcg_env, offsetof(CPUX86State, cc_src2), "cc_src2");
    cpu_cc_op = tcg_global_mem_new_i32(tcg_env, offsetof(CPUX86State, cc_op), "cc_op");
}
