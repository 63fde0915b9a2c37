/*
 * Register allocation and emission: one forward pass over the ops of a TB,
 * driven by the liveness results (which args die, which outputs must be
 * written back).  Each temp is in a host register, in memory (its env field
 * or a spill slot in the frame), or a known constant.
 *
 * Conventions the back end relies on:
 *  - An output may share a register with any input unless its constraint
 *    says TCG_CT_NEWREG; the emitter reads inputs before writing outputs.
 *  - An input marked TCG_CT_IALIAS is in a register the op may destroy.
 *  - i32 values in host registers are always zero-extended to 64 bits (the
 *    back end emits 32-bit operations for i32 ops), so a guest address can
 *    be used directly as an index in user mode.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"
#include "qemu/log.h"

#define ALL_REGS 0xffffu

static inline bool temp_readonly(const TCGTemp *ts)
{
    return ts->kind >= TEMP_FIXED;
}

static void temp_allocate_frame(TCGContext *s, TCGTemp *ts)
{
    intptr_t off = (s->frame_cur + 7) & ~(intptr_t)7;
    if (off + 8 > s->frame_end) {
        tcg_raise_overflow(TCG_OVERFLOW_TB);
    }
    ts->mem_base = s->frame_temp;
    ts->mem_offset = off;
    ts->mem_allocated = true;
    s->frame_cur = off + 8;
}

/* free_or_dead < 0: the value stays valid in memory; > 0: the value is dead. */
static void temp_free_or_dead(TCGContext *s, TCGTemp *ts, int free_or_dead)
{
    if (temp_readonly(ts)) {
        return;
    }
    if (ts->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ts->reg] = NULL;
    }
    if (ts->kind == TEMP_GLOBAL || ts->kind == TEMP_TB || free_or_dead < 0) {
        ts->val_type = ts->mem_allocated ? TEMP_VAL_MEM : TEMP_VAL_DEAD;
    } else {
        ts->val_type = TEMP_VAL_DEAD;
    }
}

static inline void temp_dead(TCGContext *s, TCGTemp *ts)
{
    temp_free_or_dead(s, ts, 1);
}

static TCGReg tcg_reg_alloc(TCGContext *s, uint32_t required, uint32_t allocated);

/* Copies ts's current value into reg without changing where ts lives. */
static void temp_copy_to(TCGContext *s, TCGTemp *ts, TCGReg reg)
{
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        tcg_out_mov(s, ts->type, reg, ts->reg);
        break;
    case TEMP_VAL_CONST:
        tcg_out_movi(s, ts->type, reg, ts->val);
        break;
    case TEMP_VAL_MEM:
        tcg_out_ld(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
        break;
    default: /* never written: any value will do */
        tcg_out_movi(s, ts->type, reg, 0);
        break;
    }
}

/* Writes ts's value to its memory slot if that copy is stale; then frees
 * or kills it according to free_or_dead. */
static void temp_sync(TCGContext *s, TCGTemp *ts, uint32_t allocated, int free_or_dead)
{
    if (temp_readonly(ts)) {
        return;
    }
    if (!ts->mem_coherent) {
        if (!ts->mem_allocated) {
            temp_allocate_frame(s, ts);
        }
        switch (ts->val_type) {
        case TEMP_VAL_CONST:
            if (tcg_out_sti(s, ts->type, ts->val, ts->mem_base->reg, ts->mem_offset)) {
                break;
            }
            {
                TCGReg r = tcg_reg_alloc(s, ALL_REGS, allocated);
                tcg_out_movi(s, ts->type, r, ts->val);
                tcg_out_st(s, ts->type, r, ts->mem_base->reg, ts->mem_offset);
            }
            break;
        case TEMP_VAL_REG:
            tcg_out_st(s, ts->type, ts->reg, ts->mem_base->reg, ts->mem_offset);
            break;
        default:
            break;
        }
        ts->mem_coherent = true;
    }
    if (free_or_dead) {
        temp_free_or_dead(s, ts, free_or_dead);
    }
}

static void tcg_reg_free(TCGContext *s, TCGReg reg, uint32_t allocated)
{
    TCGTemp *ts = s->reg_to_temp[reg];
    if (ts) {
        temp_sync(s, ts, allocated | (1u << reg), -1);
    }
}

/* A register from `required` not in `allocated`, spilling if needed. */
static TCGReg tcg_reg_alloc(TCGContext *s, uint32_t required, uint32_t allocated)
{
    uint32_t set = required & ~allocated;
    int n = tcg_target_reg_alloc_order_size;

    for (int i = 0; i < n; i++) {
        TCGReg r = tcg_target_reg_alloc_order[i];
        if ((set >> r) & 1 && !s->reg_to_temp[r]) {
            return r;
        }
    }
    /* Prefer evicting a value whose memory copy is current (no store). */
    for (int i = 0; i < n; i++) {
        TCGReg r = tcg_target_reg_alloc_order[i];
        if ((set >> r) & 1 && s->reg_to_temp[r]->mem_coherent) {
            tcg_reg_free(s, r, allocated);
            return r;
        }
    }
    for (int i = 0; i < n; i++) {
        TCGReg r = tcg_target_reg_alloc_order[i];
        if ((set >> r) & 1) {
            tcg_reg_free(s, r, allocated);
            return r;
        }
    }
    fprintf(stderr, "q86: register allocation failed (required %#x, allocated %#x)\n",
            required, allocated);
    abort();
}

/* Puts ts in a register from `desired`; returns it.  Read-only temps
 * (constants, env) are copied to a scratch register instead of moved. */
static TCGReg temp_load(TCGContext *s, TCGTemp *ts, uint32_t desired, uint32_t allocated)
{
    if (ts->val_type == TEMP_VAL_REG && ((desired >> ts->reg) & 1)) {
        return ts->reg;
    }
    TCGReg reg = tcg_reg_alloc(s, desired, allocated);
    if (temp_readonly(ts)) {
        temp_copy_to(s, ts, reg);
        return reg;
    }
    switch (ts->val_type) {
    case TEMP_VAL_CONST:
        tcg_out_movi(s, ts->type, reg, ts->val);
        ts->mem_coherent = false;
        break;
    case TEMP_VAL_MEM:
        tcg_out_ld(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
        ts->mem_coherent = true;
        break;
    case TEMP_VAL_REG:
        tcg_out_mov(s, ts->type, reg, ts->reg);
        s->reg_to_temp[ts->reg] = NULL;
        break;
    default:
        /* Read before any write (a front-end slip): define it as 0. */
        tcg_out_movi(s, ts->type, reg, 0);
        ts->mem_coherent = false;
        break;
    }
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    s->reg_to_temp[reg] = ts;
    return reg;
}

static void sync_globals(TCGContext *s, uint32_t allocated)
{
    for (int i = 0; i < s->nb_globals; i++) {
        temp_sync(s, &s->temps[i], allocated, 0);
    }
}

static void save_globals(TCGContext *s, uint32_t allocated)
{
    for (int i = 0; i < s->nb_globals; i++) {
        temp_sync(s, &s->temps[i], allocated, -1);
    }
}

/* End of a basic block: globals and TB temps to memory, registers empty. */
static void tcg_reg_alloc_bb_end(TCGContext *s, uint32_t allocated)
{
    save_globals(s, allocated);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_TB) {
            temp_sync(s, ts, allocated, -1);
        } else if (ts->kind == TEMP_EBB) {
            temp_dead(s, ts);
        }
    }
}

/* Conditional branch: the target sees memory; the fall-through keeps the
 * registers (EBB temps stay valid there). */
static void tcg_reg_alloc_cbranch(TCGContext *s, uint32_t allocated)
{
    sync_globals(s, allocated);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_TB) {
            temp_sync(s, ts, allocated, 0);
        }
    }
}

static void tcg_reg_alloc_start(TCGContext *s)
{
    memset(s->reg_to_temp, 0, sizeof(s->reg_to_temp));
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        switch (ts->kind) {
        case TEMP_FIXED:
            break;
        case TEMP_GLOBAL:
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
            break;
        case TEMP_CONST:
            ts->val_type = TEMP_VAL_CONST;
            break;
        default:
            ts->val_type = TEMP_VAL_DEAD;
            ts->mem_allocated = false;
            ts->mem_coherent = false;
            break;
        }
    }
    s->frame_cur = s->frame_start;
}

static bool const_fits(int64_t val, TCGType type, unsigned ct)
{
    if (ct & TCG_CT_CONST_ANY) {
        return true;
    }
    if ((ct & TCG_CT_CONST_WSZ) && val == (type == TCG_TYPE_I32 ? 32 : 64)) {
        return true;
    }
    if (type == TCG_TYPE_I32) {
        return (ct & (TCG_CT_CONST_S32 | TCG_CT_CONST_U32)) != 0;
    }
    if ((ct & TCG_CT_CONST_S32) && val == (int32_t)val) {
        return true;
    }
    if ((ct & TCG_CT_CONST_U32) && val == (int64_t)(uint32_t)val) {
        return true;
    }
    return false;
}

static void tcg_reg_alloc_mov(TCGContext *s, const TCGOp *op)
{
    uint32_t life = op->life;
    uint32_t allocated = s->reserved_regs;
    TCGTemp *ots = arg_temp(op->args[0]);
    TCGTemp *ts = arg_temp(op->args[1]);
    TCGType otype = ots->type;

    if (ts->val_type == TEMP_VAL_CONST) {
        /* The output becomes a known constant: no code unless it must be
         * written back. */
        int64_t val = ts->val;
        if (IS_DEAD_ARG(life, 1)) {
            temp_dead(s, ts);
        }
        if (ots->val_type == TEMP_VAL_REG) {
            s->reg_to_temp[ots->reg] = NULL;
        }
        ots->val_type = TEMP_VAL_CONST;
        ots->val = otype == TCG_TYPE_I32 ? (int32_t)val : val;
        ots->mem_coherent = false;
        if (NEED_SYNC_ARG(life, 0)) {
            temp_sync(s, ots, allocated, IS_DEAD_ARG(life, 0));
        } else if (IS_DEAD_ARG(life, 0)) {
            temp_dead(s, ots);
        }
        return;
    }

    TCGReg ireg = temp_load(s, ts, ALL_REGS, allocated);

    if (IS_DEAD_ARG(life, 0)) {
        /* Only the write-back matters. */
        if (NEED_SYNC_ARG(life, 0)) {
            if (!ots->mem_allocated) {
                temp_allocate_frame(s, ots);
            }
            tcg_out_st(s, otype, ireg, ots->mem_base->reg, ots->mem_offset);
            if (ots->val_type == TEMP_VAL_REG) {
                s->reg_to_temp[ots->reg] = NULL;
            }
            ots->val_type = TEMP_VAL_MEM;
            ots->mem_coherent = true;
        }
        temp_dead(s, ots);
        if (IS_DEAD_ARG(life, 1)) {
            temp_dead(s, ts);
        }
        return;
    }

    TCGReg oreg;
    if (IS_DEAD_ARG(life, 1) && !temp_readonly(ts) && ts->val_type == TEMP_VAL_REG &&
        ts->reg == ireg) {
        /* Steal the dying input's register. */
        temp_dead(s, ts);
        if (ots->val_type == TEMP_VAL_REG) {
            s->reg_to_temp[ots->reg] = NULL;
        }
        oreg = ireg;
        if (ts->type != otype) {
            tcg_out_mov(s, otype, oreg, oreg);
        }
    } else {
        if (ots->val_type == TEMP_VAL_REG && ots->reg != ireg) {
            oreg = ots->reg;
        } else {
            if (ots->val_type == TEMP_VAL_REG) {
                s->reg_to_temp[ots->reg] = NULL;
            }
            oreg = tcg_reg_alloc(s, ALL_REGS, allocated | (1u << ireg));
        }
        tcg_out_mov(s, otype, oreg, ireg);
        if (IS_DEAD_ARG(life, 1)) {
            temp_dead(s, ts);
        }
    }
    ots->val_type = TEMP_VAL_REG;
    ots->reg = oreg;
    ots->mem_coherent = false;
    s->reg_to_temp[oreg] = ots;
    if (NEED_SYNC_ARG(life, 0)) {
        temp_sync(s, ots, allocated, 0);
    }
}

static void tcg_reg_alloc_op(TCGContext *s, const TCGOp *op)
{
    TCGOpcode opc = op->opc;
    const TCGOpDef *def = &tcg_op_defs[opc];
    const TCGOpConstraint *con = tcg_target_op_constraint(s, opc);
    uint32_t life = op->life;
    uint32_t i_allocated = s->reserved_regs;
    uint32_t o_allocated = s->reserved_regs;
    int nb_o = def->nb_oargs, nb_i = def->nb_iargs;
    TCGArg new_args[TCG_MAX_OP_ARGS];
    int const_args[TCG_MAX_OP_ARGS];

    memcpy(new_args + nb_o + nb_i, op->args + nb_o + nb_i, def->nb_cargs * sizeof(TCGArg));
    memset(const_args, 0, sizeof(const_args));

    for (int k = 0; k < nb_i; k++) {
        int idx = nb_o + k;
        const TCGArgConstraint *c = &con->args[idx];
        TCGTemp *ts = arg_temp(op->args[idx]);
        TCGReg reg;

        if (ts->val_type == TEMP_VAL_CONST && const_fits(ts->val, ts->type, c->ct)) {
            const_args[idx] = 1;
            new_args[idx] = (TCGArg)ts->val;
            continue;
        }
        if (c->ct & TCG_CT_IALIAS) {
            /* The op destroys this register: reuse a dying input's register,
             * else work on a copy. */
            if (ts->val_type == TEMP_VAL_REG && IS_DEAD_ARG(life, idx) && !temp_readonly(ts) &&
                ((c->regs >> ts->reg) & 1) && !((i_allocated >> ts->reg) & 1)) {
                reg = ts->reg;
            } else {
                reg = tcg_reg_alloc(s, c->regs, i_allocated);
                temp_copy_to(s, ts, reg);
            }
        } else {
            reg = temp_load(s, ts, c->regs, i_allocated);
        }
        i_allocated |= 1u << reg;
        new_args[idx] = reg;
    }

    if (opc == INDEX_op_goto_tb) {
        /* The jump may leave for another TB (globals in env); the code
         * after it runs when unchained, with the registers as they are. */
        sync_globals(s, i_allocated);
    } else if (def->flags & TCG_OPF_BB_END) {
        if (def->flags & TCG_OPF_COND_BRANCH) {
            tcg_reg_alloc_cbranch(s, i_allocated);
        } else {
            tcg_reg_alloc_bb_end(s, i_allocated);
        }
    } else {
        for (int k = 0; k < nb_i; k++) {
            if (IS_DEAD_ARG(life, nb_o + k)) {
                temp_dead(s, arg_temp(op->args[nb_o + k]));
            }
        }
        uint32_t clobbers = con->clobbers;
        if ((def->flags & TCG_OPF_GUEST_MEM) && s->softmmu) {
            /* The TLB-miss slow path (issue 7) calls a helper. */
            clobbers |= tcg_target_call_clobber_regs & ~s->reserved_regs;
        }
        if (clobbers) {
            for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
                if ((clobbers >> r) & 1) {
                    tcg_reg_free(s, r, i_allocated);
                }
            }
        }
        if (def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_GUEST_MEM)) {
            /* A store to env may alias a global; a guest access may fault
             * and the fault handler reads the globals from env. */
            sync_globals(s, i_allocated);
        }
    }

    for (int k = 0; k < nb_o; k++) {
        const TCGArgConstraint *c = &con->args[k];
        TCGTemp *ts = arg_temp(op->args[k]);
        TCGReg reg;

        if (ts->val_type == TEMP_VAL_REG) {
            /* The old value is being overwritten. */
            s->reg_to_temp[ts->reg] = NULL;
            ts->val_type = TEMP_VAL_DEAD;
        }
        if (c->ct & TCG_CT_ALIAS) {
            reg = (TCGReg)new_args[nb_o + c->alias_index];
            if (s->reg_to_temp[reg]) {
                tcg_reg_free(s, reg, o_allocated);
            }
        } else if (c->ct & TCG_CT_NEWREG) {
            reg = tcg_reg_alloc(s, c->regs, i_allocated | o_allocated);
        } else {
            reg = tcg_reg_alloc(s, c->regs, o_allocated);
        }
        o_allocated |= 1u << reg;
        ts->val_type = TEMP_VAL_REG;
        ts->reg = reg;
        ts->mem_coherent = false;
        s->reg_to_temp[reg] = ts;
        new_args[k] = reg;
    }

    tcg_out_op(s, opc, new_args, const_args);

    if (def->flags & TCG_OPF_COND_BRANCH) {
        /* Inputs dying at a conditional branch: free their registers for
         * the fall-through (they were kept for the compare). */
        for (int k = 0; k < nb_i; k++) {
            if (IS_DEAD_ARG(life, nb_o + k)) {
                temp_dead(s, arg_temp(op->args[nb_o + k]));
            }
        }
    }

    for (int k = 0; k < nb_o; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);
        if (NEED_SYNC_ARG(life, k)) {
            temp_sync(s, ts, o_allocated, IS_DEAD_ARG(life, k));
        } else if (IS_DEAD_ARG(life, k)) {
            temp_dead(s, ts);
        }
    }
}

static void tcg_reg_alloc_call(TCGContext *s, const TCGOp *op)
{
    const TCGHelperInfo *info = tcg_call_info(op);
    int nb_o = op->nb_oargs, nb_i = op->nb_iargs;
    uint32_t life = op->life;
    uint32_t allocated = s->reserved_regs;
    unsigned flags = info->flags;

    /* Arguments straight into the SysV argument registers. */
    for (int i = 0; i < nb_i; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_o + i]);
        TCGReg reg = tcg_target_call_iarg_regs[i];
        if (!(ts->val_type == TEMP_VAL_REG && ts->reg == reg)) {
            tcg_reg_free(s, reg, allocated);
            temp_copy_to(s, ts, reg);
        }
        allocated |= 1u << reg;
    }
    for (int i = 0; i < nb_i; i++) {
        if (IS_DEAD_ARG(life, nb_o + i)) {
            temp_dead(s, arg_temp(op->args[nb_o + i]));
        }
    }
    /* The callee destroys the caller-saved registers. */
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if ((tcg_target_call_clobber_regs >> r) & 1) {
            tcg_reg_free(s, r, allocated);
        }
    }
    /* NO_READ_GLOBALS implies NO_WRITE_GLOBALS (see docs/devel/tcg-ir.md). */
    if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
        if (flags & TCG_CALL_NO_WRITE_GLOBALS) {
            sync_globals(s, allocated);
        } else {
            save_globals(s, allocated);
        }
    }

    tcg_out_call(s, info->func);
    s->last_call_end = s->code_ptr;

    if (nb_o) {
        TCGTemp *ts = arg_temp(op->args[0]);
        TCGReg reg = tcg_target_call_oarg_reg;
        if (ts->val_type == TEMP_VAL_REG) {
            s->reg_to_temp[ts->reg] = NULL;
        }
        if (ts->type == TCG_TYPE_I32) {
            tcg_out_zext_i32_ret(s, reg);
        }
        ts->val_type = TEMP_VAL_REG;
        ts->reg = reg;
        ts->mem_coherent = false;
        s->reg_to_temp[reg] = ts;
        if (NEED_SYNC_ARG(life, 0)) {
            temp_sync(s, ts, s->reserved_regs, IS_DEAD_ARG(life, 0));
        } else if (IS_DEAD_ARG(life, 0)) {
            temp_dead(s, ts);
        }
    }
}

void tcg_out_label_reloc(TCGContext *s, TCGLabel *l, uint8_t *rel32_field)
{
    if (s->nb_relocs >= TCG_MAX_RELOCS) {
        tcg_raise_overflow(TCG_OVERFLOW_TB);
    }
    s->relocs[s->nb_relocs].label = l;
    s->relocs[s->nb_relocs].where = rel32_field;
    s->nb_relocs++;
}

static void resolve_relocs(TCGContext *s)
{
    for (int i = 0; i < s->nb_relocs; i++) {
        TCGReloc *r = &s->relocs[i];
        if (!r->label->has_value) {
            fprintf(stderr, "q86: branch to label L%d that was never set\n", r->label->id);
            abort();
        }
        int32_t disp = (int32_t)((intptr_t)r->label->value - (intptr_t)(r->where + 4));
        memcpy(r->where, &disp, 4);
    }
}

int tcg_reg_alloc_and_emit(TCGContext *s)
{
    tcg_reg_alloc_start(s);
    s->code_buf = s->code_ptr = s->code_gen_ptr;
    s->goto_tb_insn_off[0] = s->goto_tb_insn_off[1] = 0xffff;
    s->goto_tb_reset_off[0] = s->goto_tb_reset_off[1] = 0xffff;
    s->nb_insns = 0;
    s->last_call_end = NULL;
    tcg_out_ldst_begin(s);

    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];

        /* Keep one TB's worst case away from the end of the buffer. */
        if (s->code_ptr > s->code_gen_highwater) {
            return -TCG_OVERFLOW_CODE;
        }
        /* goto_tb offsets are 16-bit (TranslationBlock.jmp_*_offset). */
        if (s->code_ptr - s->code_buf > 0xff00) {
            return -TCG_OVERFLOW_TB;
        }
        switch (op->opc) {
        case INDEX_op_nop:
            break;
        case INDEX_op_mov_i32:
        case INDEX_op_mov_i64:
            tcg_reg_alloc_mov(s, op);
            break;
        case INDEX_op_call:
            tcg_reg_alloc_call(s, op);
            break;
        case INDEX_op_discard:
            temp_dead(s, arg_temp(op->args[0]));
            break;
        case INDEX_op_set_label: {
            TCGLabel *l = arg_label(op->args[0]);
            tcg_reg_alloc_bb_end(s, s->reserved_regs);
            l->has_value = true;
            l->value = (uintptr_t)s->code_ptr;
            break;
        }
        case INDEX_op_insn_start:
            /* A return address must never equal an insn's end offset, so
             * cpu_restore_state can treat return addresses and faulting
             * pcs alike (see accel/tcg/translate-all.c). */
            if (s->code_ptr == s->last_call_end) {
                tcg_out_nopn(s, 1);
            }
            if (s->nb_insns > 0) {
                s->insn_end_off[s->nb_insns - 1] = (uint32_t)(s->code_ptr - s->code_buf);
            }
            if (s->nb_insns >= TCG_MAX_INSNS) {
                tcg_raise_overflow(TCG_OVERFLOW_TB);
            }
            s->insn_data[s->nb_insns][0] = op->args[0];
            s->insn_data[s->nb_insns][1] = op->args[1];
            s->nb_insns++;
            break;
        default:
            tcg_reg_alloc_op(s, op);
            break;
        }
    }
    if (s->code_ptr == s->last_call_end) {
        tcg_out_nopn(s, 1);
    }
    if (s->nb_insns > 0) {
        s->insn_end_off[s->nb_insns - 1] = (uint32_t)(s->code_ptr - s->code_buf);
    }
    if (s->code_ptr > s->code_gen_highwater || !tcg_out_ldst_finalize(s)) {
        return -TCG_OVERFLOW_CODE;
    }
    resolve_relocs(s);
    return (int)(s->code_ptr - s->code_buf);
}
