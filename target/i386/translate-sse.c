/*
 * MMX, SSE and SSE2 in the translator (issue 4).  Included by translate.c
 * (it uses DisasContext and the gen_* basics); not compiled on its own.
 *
 * Every 0F-map MMX/SSE/SSE2 row of insn-table.h names gen_sse, as do
 * EMMS, MOVNTI and the memory forms 0..3 of group 15 (FXSAVE, FXRSTOR,
 * LDMXCSR, STMXCSR).  gen_sse passes the opcode, the mandatory-prefix class,
 * ModRM, imm8 and the memory operand's address to helper_sse
 * (sse_helper.c), which knows each instruction's operands and runs it on
 * the host's SSE unit.
 */
#include "target/i386/sse.h"

/* F2 and F3 select the instruction over 66 (SDM vol. 2A, 2.1.2) */
static int sse_prefix(X86DecodedInsn *d)
{
    if (d->prefix & PREFIX_REPNZ) {
        return SSE_PFX_F2;
    }
    if (d->prefix & PREFIX_REPZ) {
        return SSE_PFX_F3;
    }
    return d->prefix & PREFIX_DATA ? SSE_PFX_66 : SSE_PFX_NONE;
}

static void gen_sse(DisasContext *s, X86DecodedInsn *d)
{
    int pfx = sse_prefix(d), seg = R_DS;
    TCGv_i32 addr, ret = tmp_i32();

    if (d->op == 0xf7) {
        /* MASKMOVQ/MASKMOVDQU store to DS:(E)DI, DS overridable */
        seg = d->seg_override >= 0 ? d->seg_override : R_DS;
        addr = s->A0;
        if (d->addr32) {
            tcg_gen_mov_i32(addr, cpu_regs[R_EDI]);
        } else {
            tcg_gen_ext16u_i32(addr, cpu_regs[R_EDI]);
        }
        gen_add_seg_base(s, addr, seg);
    } else if (d->has_modrm && d->mod != 3) {
        addr = gen_ea(s, d);
        seg = ea_seg(d);
    } else {
        addr = tcg_constant_i32(0);
    }
    gen_update_cc_op(s);
    gen_helper_sse(ret, tcg_env,
                   tcg_constant_i32(SSE_CODE(d->op, pfx, d->has_modrm ? d->modrm : 0, d->imm,
                                             seg)),
                   addr);
    if (d->op == 0x2e || d->op == 0x2f) {
        gen_set_eflags_result(s, ret);   /* (U)COMISS/(U)COMISD */
    }
}
