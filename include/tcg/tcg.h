/*
 * The IR core: the translation context, temps, ops, labels, and the passes
 * that turn a TB's ops into host code (liveness, optimizer, register
 * allocator + back end).  Front ends use tcg-op.h only; accel/tcg and the
 * unit tests use this header too.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/tcg-types.h"
#include "tcg/tcg-op.h"
#include "tcg/x86_64/tcg-target.h"

typedef uintptr_t TCGArg;
typedef int TCGReg;

/* ---- opcodes ---- */

enum {
    TCG_OPF_BB_END        = 0x01,
    TCG_OPF_BB_EXIT       = 0x02,
    TCG_OPF_SIDE_EFFECTS  = 0x04,
    TCG_OPF_64BIT         = 0x08,
    TCG_OPF_CALL_CLOBBER  = 0x10,
    TCG_OPF_NOT_PRESENT   = 0x20, /* handled by the register allocator itself */
    TCG_OPF_COND_BRANCH   = 0x40,
    TCG_OPF_GUEST_MEM     = 0x80,
};

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

/* The i64 twin of an i32 op (same position in the two groups). */
#define OPC_I64_DELTA (INDEX_op_mov_i64 - INDEX_op_mov_i32)

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, nb_args;
    uint8_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/* ---- temps ---- */

typedef enum TCGTempKind {
    TEMP_EBB,    /* dies at the end of the extended basic block (labels) */
    TEMP_TB,     /* lives for the whole TB (saved to the frame at BB ends) */
    TEMP_GLOBAL, /* backed by memory (an env field); synced at BB ends */
    TEMP_FIXED,  /* a reserved host register (env, the frame pointer) */
    TEMP_CONST,  /* an interned constant; read-only */
} TCGTempKind;

typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

struct TCGTemp {
    uint8_t type;        /* TCGType */
    uint8_t kind;        /* TCGTempKind */
    uint8_t val_type;    /* TCGTempVal: where the value is right now */
    int8_t reg;          /* host register if val_type == TEMP_VAL_REG */
    bool mem_coherent;   /* the memory copy equals the register copy */
    bool mem_allocated;  /* mem_base/mem_offset are valid */
    bool allocated;      /* in use (not on a free list) */
    int64_t val;         /* the value if val_type == TEMP_VAL_CONST */
    TCGTemp *mem_base;   /* a TEMP_FIXED temp (env or the frame) */
    intptr_t mem_offset;
    const char *name;    /* globals only */

    /* Scratch state of the passes. */
    uint32_t state;      /* liveness: TS_DEAD / TS_MEM */
    void *state_ptr;     /* optimizer: per-temp facts */
    TCGTemp *next;       /* free list / constant hash chain */
};

/* ---- ops ---- */

#define TCG_MAX_OP_ARGS 12

typedef struct TCGOp {
    uint8_t opc;             /* TCGOpcode */
    uint8_t nb_oargs;        /* calls only: counts vary */
    uint8_t nb_iargs;
    uint8_t pad;
    uint32_t life;           /* liveness result, see DEAD_ARG/SYNC_ARG */
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

/* life bits: argument i is dead after the op; output i must be synced. */
#define DEAD_ARG   (1u << 4)
#define SYNC_ARG   1u
#define IS_DEAD_ARG(life, n) (((life) >> ((n) + 4)) & 1)
#define NEED_SYNC_ARG(life, n) (((life) >> (n)) & 1)

static inline TCGTemp *arg_temp(TCGArg a)
{
    return (TCGTemp *)a;
}

static inline TCGArg temp_arg(TCGTemp *ts)
{
    return (TCGArg)ts;
}

/* Call ops: args = outputs, inputs, then the TCGHelperInfo pointer. */
static inline const TCGHelperInfo *tcg_call_info(const TCGOp *op)
{
    return (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
}

/* ---- labels and code relocations ---- */

struct TCGLabel {
    int id;
    bool has_value;
    int refs;            /* branches to it still present (optimizer) */
    uintptr_t value;     /* host code address once placed */
};

typedef struct TCGReloc {
    TCGLabel *label;
    uint8_t *where;      /* the 4-byte rel32 field to patch */
} TCGReloc;

/* ---- the context ---- */

#define TCG_MAX_TEMPS   2048
#define TCG_MAX_LABELS  1024
#define TCG_MAX_RELOCS  4096
#define TCG_MAX_INSNS   512
#define TCG_MAX_OPS     32768
#define TCG_TARGET_NB_REGS 16

/* Reasons tcg_gen_code() or the builders give up on a TB. */
enum {
    TCG_OVERFLOW_CODE = 1,  /* code buffer full: flush and retry */
    TCG_OVERFLOW_TB = 2,    /* too many ops/temps/labels/spills: retry smaller */
    TCG_TRUNCATE_TB = 3,    /* retry with truncate_insns guest insns (code fetch
                             * fault after the first insn) */
};

typedef struct TCGContext {
    /* IR of the TB being built. */
    int nb_globals;
    int nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];
    TCGTemp *free_temps[2][2];     /* [type][kind == TEMP_TB] */
    TCGTemp *const_hash[256];

    TCGOp *ops;
    int nb_ops;
    int ops_capacity;

    TCGLabel labels[TCG_MAX_LABELS];
    int nb_labels;
    TCGReloc relocs[TCG_MAX_RELOCS];
    int nb_relocs;

    /* insn_start bookkeeping: ops and host code ends of each guest insn. */
    int nb_insns;
    uint64_t insn_data[TCG_MAX_INSNS][2];
    uint32_t insn_end_off[TCG_MAX_INSNS];

    /* Translation bail-out (see TCG_OVERFLOW_*); set by whoever calls the
     * builders for a TB (accel/tcg's tb_gen_code). */
    sigjmp_buf *jmp_trans;
    int truncate_insns;

    /* The code buffer. */
    uint8_t *code_gen_buffer;
    size_t code_gen_buffer_size;
    uint8_t *code_gen_ptr;          /* where the next TB goes */
    uint8_t *code_gen_highwater;    /* stop emitting past this */
    uint8_t *code_buf;              /* start of the TB being emitted */
    uint8_t *code_ptr;              /* emission cursor */
    uint8_t *code_gen_prologue_end;  /* first byte after the prologue */
    const void *code_gen_prologue;  /* uintptr_t (*)(env, tc_ptr) */
    const void *code_gen_epilogue;  /* exit returning 0 (goto_ptr miss) */
    const void *tb_ret_addr;        /* exit with the value in rax */

    /* goto_tb slots of the TB being emitted (offsets from code_buf). */
    uint16_t goto_tb_insn_off[2];
    uint16_t goto_tb_reset_off[2];

    /* Register allocator state. */
    TCGTemp *reg_to_temp[TCG_TARGET_NB_REGS];
    uint32_t reserved_regs;
    TCGTemp *frame_temp;
    intptr_t frame_start, frame_end, frame_cur;
    uint8_t *last_call_end;         /* see the insn_start handling */

    /* Mode: user mode addresses guest memory as guest_base + addr;
     * softmmu probes the TLB inline (include/exec/cputlb-defs.h) with an
     * out-of-line slow path per access, emitted after the TB's code. */
    bool softmmu;
    intptr_t tlb_fast_env_offset;   /* env offset of neg.tlb_fast[0] (accel sets it) */
    const void *tlb_ld_helper;      /* helper_ld_mmu / helper_st_mmu (accel sets them) */
    const void *tlb_st_helper;
    uintptr_t guest_base;           /* copied here by accel/tcg */

    /* The TB being translated: its cflags (CF_NO_GOTO_TB...), and the
     * helper behind lookup_and_goto_ptr (accel/tcg; NULL: exit instead). */
    uint32_t tb_cflags;
    const TCGHelperInfo *lookup_tb_ptr_info;
    const struct TranslationBlock *gen_tb;   /* the TB being translated */
    /* Offset from env of the translating CPU's tb_jmp_cache (accel/tcg
     * sets it per TB; 0: unknown, no inline probe). */
    intptr_t jmp_cache_env_offset;
    bool inline_jmp_cache;                   /* allow the inline probe */

    /* Statistics for -d and tests. */
    int nb_ops_before_opt;
    bool optimize;                  /* run tcg_optimize (default true) */
} TCGContext;

extern TCGContext tcg_ctx_storage;
#define tcg_ctx (&tcg_ctx_storage)

/* ---- core API (tcg/tcg.c) ---- */

/* Once at start-up: allocates the code buffer (0 = default size), sets up
 * env as a fixed temp, emits the prologue. */
void tcg_context_init(size_t code_buffer_size);
/* Starts the IR of a new TB (drops per-TB temps, constants, labels, ops). */
void tcg_func_start(void);
/* Compiles the current IR to host code at tcg_ctx->code_gen_ptr.  Returns
 * the code size, or -TCG_OVERFLOW_* (nothing is emitted then). */
int tcg_gen_code(void);
/* True when the op buffer is nearly full (the translator loop stops). */
bool tcg_op_buf_full(void);
/* Resets the code buffer to just after the prologue. */
void tcg_code_buffer_reset(void);
/* Runs host code at tc_ptr with env until a TB exits; returns exit_tb's value. */
uintptr_t tcg_qemu_tb_exec(void *env, const void *tc_ptr);
/* Aborts the TB being built (longjmp through jmp_trans). */
__attribute__((noreturn)) void tcg_raise_overflow(int reason);

TCGOp *tcg_emit_op(TCGOpcode opc);
void tcg_gen_op1(TCGOpcode opc, TCGArg a1);
void tcg_gen_op2(TCGOpcode opc, TCGArg a1, TCGArg a2);
void tcg_gen_op3(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3);
void tcg_gen_op4(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4);
void tcg_gen_op5(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4, TCGArg a5);
void tcg_gen_op6(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4, TCGArg a5,
                 TCGArg a6);
TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
void tcg_temp_free_internal(TCGTemp *ts);
TCGTemp *tcg_constant_internal(TCGType type, int64_t val);
TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGTemp *base, intptr_t offset,
                                     const char *name);

static inline TCGArg tcgv_i32_arg(TCGv_i32 v) { return (TCGArg)v; }
static inline TCGArg tcgv_i64_arg(TCGv_i64 v) { return (TCGArg)v; }
static inline TCGArg tcgv_ptr_arg(TCGv_ptr v) { return (TCGArg)v; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)t; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)t; }
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)a; }

/* Position of insn_start's host code end offsets and data, after
 * tcg_gen_code: nb_insns entries. */

/* ---- passes ---- */

void tcg_liveness_analysis(TCGContext *s);   /* tcg/liveness.c */
void tcg_liveness_demote_tb_temps(TCGContext *s);
void tcg_optimize(TCGContext *s);            /* tcg/optimize.c */
void tcg_dump_ops(TCGContext *s, FILE *f, bool have_life); /* tcg/dump.c */
const char *tcg_cond_name(TCGCond c);
/* Disassembles host code (capstone) for -d out_asm. */
void tcg_disas_host(FILE *f, const void *code, size_t size);

/* Register allocation + emission of the current ops (tcg/regalloc.c);
 * returns false on frame or code buffer overflow. */
int tcg_reg_alloc_and_emit(TCGContext *s);

/* ---- back end (tcg/x86_64/) ---- */

typedef struct TCGArgConstraint {
    uint32_t regs;       /* allowed host registers */
    uint8_t ct;          /* TCG_CT_* */
    int8_t alias_index;  /* output: the input it must share a register with */
} TCGArgConstraint;

enum {
    TCG_CT_CONST_S32 = 0x01,  /* a constant that sign-extends from 32 bits */
    TCG_CT_CONST_U32 = 0x02,  /* a constant that zero-extends from 32 bits */
    TCG_CT_CONST_ANY = 0x04,  /* any constant */
    TCG_CT_NEWREG    = 0x08,  /* output: a register no input uses */
    TCG_CT_ALIAS     = 0x10,  /* output: aliases alias_index's register */
    TCG_CT_IALIAS    = 0x20,  /* input: the op destroys its register */
    TCG_CT_CONST_WSZ = 0x40,  /* the constant equal to the op width (32/64) */
};

typedef struct TCGOpConstraint {
    TCGArgConstraint args[TCG_MAX_OP_ARGS];
    uint32_t clobbers;        /* host registers the op's code destroys */
} TCGOpConstraint;

void tcg_target_init(TCGContext *s);
const TCGOpConstraint *tcg_target_op_constraint(TCGContext *s, TCGOpcode opc);
void tcg_target_qemu_prologue(TCGContext *s);
/* Emits op with allocated registers args[] (const_args[i]: args[i] is a
 * constant value instead of a register). */
void tcg_out_op(TCGContext *s, TCGOpcode opc, const TCGArg *args, const int *const_args);
void tcg_out_mov(TCGContext *s, TCGType type, TCGReg dst, TCGReg src);
void tcg_out_movi(TCGContext *s, TCGType type, TCGReg dst, int64_t val);
void tcg_out_ld(TCGContext *s, TCGType type, TCGReg dst, TCGReg base, intptr_t ofs);
void tcg_out_st(TCGContext *s, TCGType type, TCGReg src, TCGReg base, intptr_t ofs);
/* Stores a constant to memory if the host can do it in one insn. */
bool tcg_out_sti(TCGContext *s, TCGType type, int64_t val, TCGReg base, intptr_t ofs);
void tcg_out_call(TCGContext *s, const void *func);
void tcg_out_label_reloc(TCGContext *s, TCGLabel *l, uint8_t *rel32_field);
void tcg_out_zext_i32_ret(TCGContext *s, TCGReg reg);
void tcg_out_nopn(TCGContext *s, int n);
/* Softmmu: forget the previous TB's slow paths / emit this TB's (after its
 * code; returns false if they do not fit below the high-water mark). */
void tcg_out_ldst_begin(TCGContext *s);
bool tcg_out_ldst_finalize(TCGContext *s);
/* Patches the goto_tb jump at jmp_rx to jump to addr (atomically). */
void tb_target_set_jmp_target(uintptr_t jmp_insn_addr, uintptr_t addr);

extern const TCGReg tcg_target_call_iarg_regs[6];
extern const TCGReg tcg_target_call_oarg_reg;
extern const TCGReg tcg_target_reg_alloc_order[];
extern const int tcg_target_reg_alloc_order_size;
extern uint32_t tcg_target_call_clobber_regs;
extern const char *const tcg_target_reg_names[TCG_TARGET_NB_REGS];

/* Tests: use only baseline x86-64 encodings (no LZCNT/BMI/POPCNT), or
 * the host's again.  Only between TBs. */
void tcg_target_set_baseline_isa(bool baseline);

/* Host CPU features found at start-up (CPUID). */
extern bool have_lzcnt, have_bmi1, have_bmi2, have_popcnt, have_movbe;

#endif
