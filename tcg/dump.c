/*
 * Text form of the IR for -d op / -d op_opt, in the style of QEMU's logs:
 *   ---- <guest pc> <word 1>            (insn_start)
 *   add_i32 tmp2,eax,$0x4               dead: 1  sync: 0
 * Temps print as their global name, locN (TB temps), tmpN (EBB temps),
 * or $value (constants).
 */
#include <inttypes.h>

#include "tcg/tcg.h"

static const char *const cond_names[16] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge", [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu", [TCG_COND_LEU] = "leu",
    [TCG_COND_GTU] = "gtu", [TCG_COND_TSTEQ] = "tsteq", [TCG_COND_TSTNE] = "tstne",
};

const char *tcg_cond_name(TCGCond c)
{
    return (unsigned)c < 16 && cond_names[c] ? cond_names[c] : "?";
}

static int temp_name(TCGContext *s, char *buf, size_t n, TCGTemp *ts)
{
    int idx = (int)(ts - s->temps);
    switch (ts->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        return snprintf(buf, n, "%s", ts->name);
    case TEMP_TB:
        return snprintf(buf, n, "loc%d", idx - s->nb_globals);
    case TEMP_EBB:
        return snprintf(buf, n, "tmp%d", idx - s->nb_globals);
    default:
        if (ts->type == TCG_TYPE_I32) {
            return snprintf(buf, n, "$0x%" PRIx32, (uint32_t)ts->val);
        }
        return snprintf(buf, n, "$0x%" PRIx64, (uint64_t)ts->val);
    }
}

static const char *memop_name(MemOp op, char *buf, size_t n)
{
    static const char *const sizes[] = { "b", "w", "l", "q", "o" };
    unsigned sz = op & MO_SIZE;
    snprintf(buf, n, "%s%s%s%s", (op & MO_BSWAP) ? "be" : "le", (op & MO_SIGN) ? "s" : "u",
             sz < 5 ? sizes[sz] : "?", (op & MO_AMASK) ? "+al" : "");
    return buf;
}

void tcg_dump_ops(TCGContext *s, FILE *f, bool have_life)
{
    char buf[64];

    for (int oi = 0; oi < s->nb_ops; oi++) {
        TCGOp *op = &s->ops[oi];
        TCGOpcode opc = op->opc;
        const TCGOpDef *def = &tcg_op_defs[opc];
        int col = 0;

        if (opc == INDEX_op_nop) {
            continue;
        }
        if (opc == INDEX_op_insn_start) {
            fprintf(f, "\n ---- %016" PRIx64 " %016" PRIx64 "\n", (uint64_t)op->args[0],
                    (uint64_t)op->args[1]);
            continue;
        }
        if (opc == INDEX_op_set_label) {
            fprintf(f, " set_label $L%d\n", arg_label(op->args[0])->id);
            continue;
        }

        int nb_o = op->nb_oargs, nb_i = op->nb_iargs;
        if (opc == INDEX_op_call) {
            const TCGHelperInfo *info = tcg_call_info(op);
            col += fprintf(f, " call %s,$0x%x,$%d", info->name, info->flags, nb_o);
            for (int i = 0; i < nb_o + nb_i; i++) {
                temp_name(s, buf, sizeof(buf), arg_temp(op->args[i]));
                col += fprintf(f, ",%s", buf);
            }
        } else {
            col += fprintf(f, " %s ", def->name);
            int k = 0;
            for (int i = 0; i < nb_o + nb_i; i++, k++) {
                temp_name(s, buf, sizeof(buf), arg_temp(op->args[i]));
                col += fprintf(f, "%s%s", k ? "," : "", buf);
            }
            const TCGArg *c = &op->args[nb_o + nb_i];
            switch (opc) {
            case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
            case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
                col += fprintf(f, ",%s", tcg_cond_name((TCGCond)c[0]));
                break;
            case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
                col += fprintf(f, ",%s,$L%d", tcg_cond_name((TCGCond)c[0]),
                               arg_label(c[1])->id);
                break;
            case INDEX_op_br:
                col += fprintf(f, "$L%d", arg_label(c[0])->id);
                break;
            case INDEX_op_qemu_ld_i32: case INDEX_op_qemu_ld_i64:
            case INDEX_op_qemu_st_i32: case INDEX_op_qemu_st_i64:
                col += fprintf(f, ",%s,%d", memop_name((MemOp)c[0], buf, sizeof(buf)),
                               (int)c[1]);
                break;
            case INDEX_op_exit_tb:
                col += fprintf(f, "$0x%" PRIxPTR, c[0]);
                break;
            default:
                for (int i = 0; i < def->nb_cargs; i++, k++) {
                    col += fprintf(f, "%s$0x%" PRIxPTR, k ? "," : "", c[i]);
                }
                break;
            }
        }

        if (have_life && op->life) {
            fprintf(f, "%*s", col < 40 ? 40 - col : 1, "");
            uint32_t life = op->life;
            if (life >> 4) {
                fprintf(f, " dead:");
                for (int i = 0; i < TCG_MAX_OP_ARGS; i++) {
                    if (IS_DEAD_ARG(life, i)) {
                        fprintf(f, " %d", i);
                    }
                }
            }
            if (life & 0xf) {
                fprintf(f, " sync:");
                for (int i = 0; i < 4; i++) {
                    if (NEED_SYNC_ARG(life, i)) {
                        fprintf(f, " %d", i);
                    }
                }
            }
        }
        fprintf(f, "\n");
    }
}
