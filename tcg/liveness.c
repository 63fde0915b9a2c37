/*
 * Liveness analysis: one backward pass over the ops of a TB.  For each op
 * it records which arguments die there (the register can be reused) and
 * which outputs must be written back to memory (globals, TB temps crossing
 * a block end); ops with no side effects whose outputs are all dead are
 * turned into nops.
 *
 * Per-temp state while walking backwards:
 *   TS_DEAD  the value is not needed by any later op
 *   TS_MEM   a later point needs the value in memory (block end, helper)
 */
#include "tcg/tcg.h"

enum {
    TS_DEAD = 1,
    TS_MEM = 2,
};

/* End of the TB or an unconditional block end: globals and TB temps must
 * be in memory, EBB temps are dead. */
static void la_bb_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        switch (ts->kind) {
        case TEMP_GLOBAL:
        case TEMP_TB:
            ts->state = TS_DEAD | TS_MEM;
            break;
        default:
            ts->state = TS_DEAD;
            break;
        }
    }
}

/* Leaving the TB (exit_tb, goto_ptr, the end): only globals matter. */
static void la_func_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->state = ts->kind == TEMP_GLOBAL ? TS_DEAD | TS_MEM : TS_DEAD;
    }
}

/* Conditional branch: the target needs globals and TB temps in memory; the
 * fall-through keeps whatever it needs. */
static void la_bb_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_GLOBAL || ts->kind == TEMP_TB) {
            ts->state |= TS_MEM;
        }
    }
}

static void la_global_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_GLOBAL) {
            ts->state |= TS_MEM;
        }
    }
}

/* A helper that may write globals: their registers are invalid after it
 * and the values must be in memory before it. */
static void la_global_kill(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_GLOBAL) {
            ts->state = TS_DEAD | TS_MEM;
        }
    }
}

/*
 * TB temps whose every use lies in one extended basic block (between two
 * labels) behave as EBB temps: demote them so they never go to memory at
 * conditional branches.  Front ends may then use tcg_temp_new_*() freely.
 */
void tcg_liveness_demote_tb_temps(TCGContext *s)
{
    enum { UNSEEN = -1, MULTI = -2 };
    static int ebb_of[TCG_MAX_TEMPS];
    int ebb = 0;

    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        ebb_of[i] = UNSEEN;
    }
    for (int oi = 0; oi < s->nb_ops; oi++) {
        TCGOp *op = &s->ops[oi];
        if (op->opc == INDEX_op_set_label) {
            ebb++;
            continue;
        }
        if (op->opc == INDEX_op_insn_start || op->opc == INDEX_op_nop) {
            continue;
        }
        int n = op->nb_oargs + op->nb_iargs;
        for (int i = 0; i < n; i++) {
            TCGTemp *ts = arg_temp(op->args[i]);
            if (ts->kind != TEMP_TB) {
                continue;
            }
            int idx = (int)(ts - s->temps);
            if (ebb_of[idx] == UNSEEN) {
                ebb_of[idx] = ebb;
            } else if (ebb_of[idx] != ebb) {
                ebb_of[idx] = MULTI;
            }
        }
    }
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        if (s->temps[i].kind == TEMP_TB && ebb_of[i] >= 0) {
            s->temps[i].kind = TEMP_EBB;
        }
    }
}

void tcg_liveness_analysis(TCGContext *s)
{
    la_func_end(s);

    for (int oi = s->nb_ops - 1; oi >= 0; oi--) {
        TCGOp *op = &s->ops[oi];
        TCGOpcode opc = op->opc;
        const TCGOpDef *def = &tcg_op_defs[opc];
        int nb_o = op->nb_oargs, nb_i = op->nb_iargs;
        uint32_t life = 0;

        switch (opc) {
        case INDEX_op_nop:
        case INDEX_op_insn_start:
            continue;
        case INDEX_op_set_label:
            la_bb_end(s);
            continue;
        case INDEX_op_discard:
            arg_temp(op->args[0])->state = TS_DEAD;
            continue;
        case INDEX_op_call: {
            const TCGHelperInfo *info = tcg_call_info(op);
            unsigned flags = info->flags;
            if ((flags & TCG_CALL_NO_SIDE_EFFECTS) && nb_o == 1 &&
                arg_temp(op->args[0])->state == TS_DEAD) {
                op->opc = INDEX_op_nop;
                continue;
            }
            if ((flags & TCG_CALL_NO_SIDE_EFFECTS) && nb_o == 0) {
                op->opc = INDEX_op_nop;
                continue;
            }
            for (int i = 0; i < nb_o; i++) {
                TCGTemp *ts = arg_temp(op->args[i]);
                if (ts->state & TS_DEAD) {
                    life |= DEAD_ARG << i;
                }
                if (ts->state & TS_MEM) {
                    life |= SYNC_ARG << i;
                }
                ts->state = TS_DEAD;
            }
            if (flags & TCG_CALL_NO_RETURN) {
                /* Nothing after it runs; the exception path reads env. */
                la_func_end(s);
            }
            if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
                if (flags & TCG_CALL_NO_WRITE_GLOBALS) {
                    la_global_sync(s);
                } else {
                    la_global_kill(s);
                }
            }
            for (int i = nb_o; i < nb_o + nb_i; i++) {
                TCGTemp *ts = arg_temp(op->args[i]);
                if (ts->state & TS_DEAD) {
                    life |= DEAD_ARG << i;
                }
            }
            for (int i = nb_o; i < nb_o + nb_i; i++) {
                arg_temp(op->args[i])->state &= ~TS_DEAD;
            }
            op->life = life;
            continue;
        }
        default:
            break;
        }

        /* Pure ops with all outputs dead go away. */
        if (nb_o > 0 && !(def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END |
                                        TCG_OPF_GUEST_MEM))) {
            bool all_dead = true;
            for (int i = 0; i < nb_o; i++) {
                if (arg_temp(op->args[i])->state != TS_DEAD) {
                    all_dead = false;
                    break;
                }
            }
            if (all_dead) {
                op->opc = INDEX_op_nop;
                continue;
            }
        }

        for (int i = 0; i < nb_o; i++) {
            TCGTemp *ts = arg_temp(op->args[i]);
            if (ts->state & TS_DEAD) {
                life |= DEAD_ARG << i;
            }
            if (ts->state & TS_MEM) {
                life |= SYNC_ARG << i;
            }
            ts->state = TS_DEAD;
        }

        if (opc == INDEX_op_goto_tb) {
            /* Chained, the next TB reads the globals from env; unchained,
             * the code after it just goes on. */
            la_global_sync(s);
        } else if (def->flags & TCG_OPF_BB_EXIT) {
            la_func_end(s);
        } else if (def->flags & TCG_OPF_BB_END) {
            if (def->flags & TCG_OPF_COND_BRANCH) {
                la_bb_sync(s);
            } else {
                la_bb_end(s);
            }
        } else if (def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_GUEST_MEM)) {
            la_global_sync(s);
        }

        for (int i = nb_o; i < nb_o + nb_i; i++) {
            TCGTemp *ts = arg_temp(op->args[i]);
            if (ts->state & TS_DEAD) {
                life |= DEAD_ARG << i;
            }
        }
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            arg_temp(op->args[i])->state &= ~TS_DEAD;
        }
        op->life = life;
    }
}
