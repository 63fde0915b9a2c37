/*
 * IR builders: the only way a front end (target/i386) emits IR.
 *
 * The semantics of every op are specified in docs/devel/tcg-ir.md.  Short
 * version of the rules that matter to a front end:
 *  - i32 ops compute on 32 bits, i64 ops on 64 bits, wrapping.
 *  - Shift/rotate counts must be in [0, bits-1]; other counts give an
 *    unspecified result (but never a crash).  The front end masks.
 *  - div/rem by zero and INT_MIN / -1 are unspecified (may trap on the
 *    host!): the front end must test and raise #DE before emitting them.
 *  - extract/sextract/deposit take constant positions with
 *    0 <= ofs, 1 <= len, ofs + len <= bits.
 *  - Temps from tcg_temp_new_*() live for the whole TB; temps from
 *    tcg_temp_ebb_new_*() die at the next label or branch (cheaper: never
 *    spilled at block ends).  Freeing is optional; all temps die with the TB.
 *  - Globals (tcg_global_mem_new_*) mirror env fields; the IR keeps them in
 *    host registers and writes them back before helper calls that may read
 *    them, before guest memory accesses that may fault, and at TB exits.
 */
#ifndef TCG_OP_H
#define TCG_OP_H

#include <stdint.h>
#include "tcg/tcg-types.h"

struct TranslationBlock;

/* ---- temps, constants, globals, labels ---- */

extern TCGv_ptr tcg_env; /* the CPU state pointer, in a reserved host register */

TCGv_i32 tcg_temp_new_i32(void);
TCGv_i64 tcg_temp_new_i64(void);
TCGv_ptr tcg_temp_new_ptr(void);
TCGv_i32 tcg_temp_ebb_new_i32(void);
TCGv_i64 tcg_temp_ebb_new_i64(void);
TCGv_ptr tcg_temp_ebb_new_ptr(void);
void tcg_temp_free_i32(TCGv_i32 t);
void tcg_temp_free_i64(TCGv_i64 t);
void tcg_temp_free_ptr(TCGv_ptr t);

/* Read-only constants, interned per TB: never write to them. */
TCGv_i32 tcg_constant_i32(int32_t val);
TCGv_i64 tcg_constant_i64(int64_t val);
TCGv_ptr tcg_constant_ptr(intptr_t val);

/* Globals backed by memory at base + offset (base is normally tcg_env).
 * Created once at start-up, before any TB is translated. */
TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset, const char *name);

TCGLabel *gen_new_label(void);
void gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);

/* Handles <-> generic temps, for helper calls. */
TCGTemp *tcgv_i32_temp(TCGv_i32 v);
TCGTemp *tcgv_i64_temp(TCGv_i64 v);
TCGTemp *tcgv_ptr_temp(TCGv_ptr v);

/* ---- 32-bit ops ---- */

void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_movi_i32(TCGv_i32 ret, int32_t arg);
void tcg_gen_add_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_sub_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_subfi_i32(TCGv_i32 ret, int32_t a, TCGv_i32 b); /* ret = a - b */
void tcg_gen_neg_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_mul_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_div_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);   /* signed */
void tcg_gen_rem_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_divu_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);  /* unsigned */
void tcg_gen_remu_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_and_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_or_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_xor_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_not_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);  /* a & ~b */
void tcg_gen_orc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);   /* a | ~b */
void tcg_gen_shl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_shr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shri_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_sar_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_sari_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_rotl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rotli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_rotr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rotri_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_ext8s_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext8u_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext16s_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext16u_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_bswap16_i32(TCGv_i32 ret, TCGv_i32 a);  /* low 16 bits swapped, high 16 zero */
void tcg_gen_bswap32_i32(TCGv_i32 ret, TCGv_i32 a);
/* Count leading/trailing zeros; result is `zero_val` when a == 0. */
void tcg_gen_clz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 zero_val);
void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t zero_val);
void tcg_gen_ctz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 zero_val);
void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t zero_val);
void tcg_gen_ctpop_i32(TCGv_i32 ret, TCGv_i32 a);
/* ret = (a >> ofs) & ((1 << len) - 1), zero- or sign-extended */
void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len);
void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len);
/* ret = a with bits [ofs, ofs+len) replaced by the low len bits of b */
void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned ofs, unsigned len);
/* ret = 1 if (a cond b) else 0 */
void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b);
/* ret = (c1 cond c2) ? v1 : v2 */
void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2,
                         TCGv_i32 v1, TCGv_i32 v2);
void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l);
/* Full products: rh:rl = a * b (unsigned / signed) */
void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b);
/* Double-word add/sub: rh:rl = ah:al +/- bh:bl */
void tcg_gen_add2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah,
                      TCGv_i32 bl, TCGv_i32 bh);
void tcg_gen_sub2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah,
                      TCGv_i32 bl, TCGv_i32 bh);
/* Loads/stores of host memory at base + offset (normally env fields). */
void tcg_gen_ld8u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld8s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld16u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld16s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st8_i32(TCGv_i32 arg, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st16_i32(TCGv_i32 arg, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st_i32(TCGv_i32 arg, TCGv_ptr base, intptr_t ofs);
void tcg_gen_discard_i32(TCGv_i32 arg); /* the value is dead from here */

/* ---- 64-bit ops (same meaning as the 32-bit ones) ---- */

void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_movi_i64(TCGv_i64 ret, int64_t arg);
void tcg_gen_add_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_addi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_sub_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_subi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_neg_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_mul_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_muli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_div_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rem_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_divu_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_remu_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_and_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_andi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_or_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_ori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_xor_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_xori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_not_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_andc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_orc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shl_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_shr_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shri_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_sar_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_sari_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_rotl_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rotli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_rotr_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rotri_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_ext8s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext8u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext16s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext16u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_clzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t zero_val);
void tcg_gen_ctzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t zero_val);
void tcg_gen_ctpop_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_extract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len);
void tcg_gen_sextract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len);
void tcg_gen_deposit_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b, unsigned ofs, unsigned len);
void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1, TCGv_i64 c2,
                         TCGv_i64 v1, TCGv_i64 v2);
void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l);
void tcg_gen_mulu2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_muls2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_ld8u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld8s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld16u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld16s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st8_i64(TCGv_i64 arg, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st16_i64(TCGv_i64 arg, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st32_i64(TCGv_i64 arg, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st_i64(TCGv_i64 arg, TCGv_ptr base, intptr_t ofs);
void tcg_gen_discard_i64(TCGv_i64 arg);

/* ---- conversions between widths ---- */

void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a);  /* zero-extend */
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a);   /* sign-extend */
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a); /* low half */
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a); /* high half */
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a);
void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi);

/* ---- host pointers ---- */

void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st_ptr(TCGv_ptr arg, TCGv_ptr base, intptr_t ofs);
void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b);
void tcg_gen_add_ptr(TCGv_ptr ret, TCGv_ptr a, TCGv_ptr b);
void tcg_gen_ext_i32_ptr(TCGv_ptr ret, TCGv_i32 a);   /* zero-extends */

/* ---- guest memory ----
 * addr is a guest virtual address (32-bit guest: TCGv_i32).  mmu_idx selects
 * the TLB in system mode and is ignored in user mode.  May fault: the guest
 * state is then restored from the last insn_start. */
void tcg_gen_qemu_ld_i32(TCGv_i32 val, TCGv_i32 addr, int mmu_idx, MemOp op);
void tcg_gen_qemu_st_i32(TCGv_i32 val, TCGv_i32 addr, int mmu_idx, MemOp op);
void tcg_gen_qemu_ld_i64(TCGv_i64 val, TCGv_i32 addr, int mmu_idx, MemOp op);
void tcg_gen_qemu_st_i64(TCGv_i64 val, TCGv_i32 addr, int mmu_idx, MemOp op);

/* ---- control flow and misc ---- */

/* Marks the start of a guest instruction; the words are what
 * restore_state_to_opc() receives if something in it faults. */
void tcg_gen_insn_start(uint64_t w0, uint64_t w1);
/* Leaves the TB returning (tb | idx) to cpu_exec; idx is a chaining slot
 * (0/1, after goto_tb idx) or TB_EXIT_REQUESTED.  tb == NULL returns 0. */
void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx);
/* A patchable direct jump (slot 0 or 1) to the next TB; must be followed by
 * the guest-state update and tcg_gen_exit_tb(tb, idx) for the unchained case. */
void tcg_gen_goto_tb(unsigned idx);
/* Jumps to host code at `dest` (from a TB lookup helper). */
void tcg_gen_goto_ptr(TCGv_ptr dest);
/* Looks up the TB for the current guest state and jumps to it, or back to
 * cpu_exec if it isn't translated yet (the fast indirect-jump path). */
void tcg_gen_lookup_and_goto_ptr(void);
/* The same, given the new TB lookup pc (cpu_get_tb_cpu_state's *pc, i.e.
 * linear eip + cs_base), already stored in the guest state: probes the
 * CPU's jump cache inline and calls the lookup helper only on a miss.
 * Assumes the instruction changed neither cs_base nor the TB flags (insns
 * that do must leave with tcg_gen_exit_tb(NULL, 0), as usual). */
void tcg_gen_lookup_and_goto_ptr_pc(TCGv_i32 pc);
void tcg_gen_mb(TCGBar type);

/* Calls a helper: args[] has as many entries as info->typemask declares. */
void tcg_gen_callN(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args);

#endif
