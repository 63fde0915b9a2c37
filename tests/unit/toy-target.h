/*
 * A toy guest for the accel/tcg unit tests (test-tcg-exec.c in user mode,
 * test-cputlb.c in system mode), so they do not depend on the i386 front
 * end: its CPU, the front-end hooks accel/tcg calls, and the translator.
 *
 * Toy ISA: 4-byte instructions [op, reg, imm16 little-endian].  This file
 * translates the instructions both tests use:
 *   01 ADDI r, imm    r += sign-extended imm
 *   02 JNZ  r, addr   if r != 0 goto addr (else next)
 *   03 HALT           pc = next; exception 0x99
 *   05 STB  r, imm    guest byte [r] = imm
 *   07 LD   r         r = guest dword [r]
 * and asks the including test's toy_translate_more() for any other opcode.
 *
 * The including file defines TOY_MMU_IDX (the mmu_idx of guest accesses)
 * and, before including this file,
 *   static bool toy_translate_more(DisasContextBase *db, unsigned op,
 *                                  unsigned r, int32_t imm, uint32_t next);
 * which returns false for an opcode it does not know.
 */
#ifndef TESTS_UNIT_TOY_TARGET_H
#define TESTS_UNIT_TOY_TARGET_H

#include <glib.h>
#include <stdio.h>

#include "exec/exec-all.h"
#include "exec/translator.h"
#include "tcg/tcg.h"

struct CPUArchState {
    uint32_t pc;
    uint32_t r[4];
    uint32_t fault_addr;
};

typedef struct ToyCPU {
    CPUState parent;
    CPUNegativeOffsetState neg;
    CPUArchState env;
} ToyCPU;

static ToyCPU toy;
static TCGv_i32 cpu_pc, cpu_r[4];

static bool toy_translate_more(DisasContextBase *db, unsigned op, unsigned r, int32_t imm,
                               uint32_t next);

/* ---- front-end hooks ---- */

void tcg_target_frontend_init(void)
{
    static const char *names[4] = { "r0", "r1", "r2", "r3" };
    cpu_pc = tcg_global_mem_new_i32(tcg_env, offsetof(CPUArchState, pc), "pc");
    for (int i = 0; i < 4; i++) {
        cpu_r[i] = tcg_global_mem_new_i32(tcg_env, offsetof(CPUArchState, r[i]), names[i]);
    }
}

void cpu_get_tb_cpu_state(CPUArchState *env, uint64_t *pc, uint64_t *cs_base, uint32_t *flags)
{
    *pc = env->pc;
    *cs_base = 0;
    *flags = 0;
}

void restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb, const uint64_t *data)
{
    toy.env.pc = (uint32_t)data[0];
}

void cpu_synchronize_from_tb(CPUState *cpu, const TranslationBlock *tb)
{
    toy.env.pc = (uint32_t)tb->pc;
}

void cpu_dump_state(CPUState *cpu, FILE *f, int flags)
{
    fprintf(f, "pc=%08x r0=%08x r1=%08x r2=%08x r3=%08x\n", toy.env.pc, toy.env.r[0],
            toy.env.r[1], toy.env.r[2], toy.env.r[3]);
}

void target_disas(FILE *f, CPUState *cpu, uint64_t pc, size_t size)
{
    fprintf(f, "0x%08llx: %zu bytes of toy code\n", (unsigned long long)pc, size);
}

/* ---- the translator ---- */

static __attribute__((noreturn)) void helper_halt(CPUArchState *env)
{
    toy.parent.exception_index = 0x99;
    cpu_loop_exit(&toy.parent);
}

#define TM(code, slot) ((unsigned)(code) << ((slot) * 3))
static const TCGHelperInfo halt_info = { (void *)helper_halt, "halt", TCG_CALL_NO_RETURN,
                                         TM(dh_typecode_ptr, 1) };

static void toy_init_disas_context(DisasContextBase *db, CPUState *cpu) {}
static void toy_tb_start(DisasContextBase *db, CPUState *cpu) {}

static void toy_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0);
}

static void gen_goto(DisasContextBase *db, int n, uint32_t dest)
{
    if (translator_use_goto_tb(db, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i32(cpu_pc, dest);
        tcg_gen_exit_tb(db->tb, n);
    } else {
        tcg_gen_movi_i32(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void toy_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    uint32_t pc = (uint32_t)db->pc_next;
    uint32_t insn = translator_ldl(cpu->env_ptr, db, pc);
    unsigned op = insn & 0xff, r = (insn >> 8) & 3;
    int32_t imm = (int16_t)(insn >> 16);
    uint32_t next = pc + 4;
    TCGTemp *envarg[1] = { tcgv_ptr_temp(tcg_env) };

    db->pc_next = next;
    switch (op) {
    case 1:
        tcg_gen_addi_i32(cpu_r[r], cpu_r[r], imm);
        break;
    case 2: {
        TCGLabel *taken = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_r[r], 0, taken);
        gen_goto(db, 0, next);
        gen_set_label(taken);
        gen_goto(db, 1, (uint32_t)(uint16_t)imm);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
    case 3:
        tcg_gen_movi_i32(cpu_pc, next);
        tcg_gen_callN(&halt_info, NULL, envarg);
        db->is_jmp = DISAS_NORETURN;
        break;
    case 5:
        tcg_gen_qemu_st_i32(tcg_constant_i32(imm & 0xff), cpu_r[r], TOY_MMU_IDX, MO_UB);
        break;
    case 7:
        tcg_gen_qemu_ld_i32(cpu_r[r], cpu_r[r], TOY_MMU_IDX, MO_UL);
        break;
    default:
        if (!toy_translate_more(db, op, r, imm, next)) {
            g_error("toy: bad opcode %#x at %#x", op, pc);
        }
        break;
    }
}

static void toy_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    if (db->is_jmp == DISAS_TOO_MANY || db->is_jmp == DISAS_NEXT) {
        gen_goto(db, 0, (uint32_t)db->pc_next);
    }
}

static const TranslatorOps toy_ops = {
    .init_disas_context = toy_init_disas_context,
    .tb_start = toy_tb_start,
    .insn_start = toy_insn_start,
    .translate_insn = toy_translate_insn,
    .tb_stop = toy_tb_stop,
};

void gen_intermediate_code(CPUState *cpu, TranslationBlock *tb, int *max_insns, uint64_t pc,
                           void *host_pc)
{
    DisasContextBase db;
    translator_loop(cpu, tb, max_insns, pc, host_pc, &toy_ops, &db);
}

#endif
