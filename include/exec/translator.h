/*
 * The generic translator loop (accel/tcg/translator.c) and the hooks a
 * front end fills in.  The loop handles instruction counting, the TB-start
 * exit check, page boundaries, -d in_asm logging; the hooks translate.
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include <stdbool.h>
#include <stdint.h>
#include "exec/translation-block.h"

typedef struct CPUState CPUState;
typedef struct CPUArchState CPUArchState;

typedef enum DisasJumpType {
    DISAS_NEXT,      /* go on with the next instruction */
    DISAS_TOO_MANY,  /* stop: size/insn limit; the loop emits a goto to pc_next */
    DISAS_NORETURN,  /* the last insn left the TB (exception, jump) */
    DISAS_TARGET_0,  /* front-end specific values from here */
    DISAS_TARGET_1,
    DISAS_TARGET_2,
    DISAS_TARGET_3,
    DISAS_TARGET_4,
    DISAS_TARGET_5,
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    uint64_t pc_first;   /* guest pc of the first insn */
    uint64_t pc_next;    /* guest pc of the next insn to translate */
    DisasJumpType is_jmp;
    int num_insns;
    int max_insns;
    bool singlestep_enabled;
    /* Host address of the first code page (user mode), for fast fetches. */
    void *host_addr[2];
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUState *cpu);
    void (*tb_start)(DisasContextBase *db, CPUState *cpu);
    void (*insn_start)(DisasContextBase *db, CPUState *cpu); /* emit insn_start */
    void (*translate_insn)(DisasContextBase *db, CPUState *cpu);
    void (*tb_stop)(DisasContextBase *db, CPUState *cpu);
} TranslatorOps;

/* Runs the loop; on return the TB's IR is complete (tb->size/icount set). */
void translator_loop(CPUState *cpu, TranslationBlock *tb, int *max_insns,
                     uint64_t pc, void *host_pc, const TranslatorOps *ops,
                     DisasContextBase *db);

/* True if a direct goto_tb to `dest` is allowed: chaining not disabled,
 * and (system mode) dest on the TB's first page; user mode allows any page
 * (page changes invalidate and unchain). */
bool translator_use_goto_tb(DisasContextBase *db, uint64_t dest);

/* Code fetches for the decoder.  They record the pages the TB covers (for
 * invalidation) and raise the guest fault (#PF / SIGSEGV) at the right
 * instruction if the code is not readable or executable. */
uint8_t translator_ldub(CPUArchState *env, DisasContextBase *db, uint64_t pc);
uint16_t translator_lduw(CPUArchState *env, DisasContextBase *db, uint64_t pc);
uint32_t translator_ldl(CPUArchState *env, DisasContextBase *db, uint64_t pc);
uint64_t translator_ldq(CPUArchState *env, DisasContextBase *db, uint64_t pc);

#endif
