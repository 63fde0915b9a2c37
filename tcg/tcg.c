/*
 * The IR core: the translation context, temps, constants, labels, op
 * emission, the code buffer, and the pipeline that turns a TB's ops into
 * host code (liveness -> optimizer -> liveness -> register allocation and
 * emission).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tcg/tcg.h"
#include "qemu/log.h"

TCGContext tcg_ctx_storage;
TCGv_ptr tcg_env;

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) \
    [INDEX_op_##n] = { .name = #n, .nb_oargs = o, .nb_iargs = i, .nb_cargs = c, \
                       .nb_args = o + i + c, .flags = f },
#include "tcg/tcg-opc.h"
#undef DEF
};

#define DEFAULT_CODE_BUFFER_SIZE (256u * 1024 * 1024)
/* Room kept free at the end of the buffer: a TB's code, its TB struct and
 * restore data must fit once emission has started below the highwater. */
#define CODE_BUFFER_SLACK (64u * 1024)

__attribute__((noreturn)) void tcg_raise_overflow(int reason)
{
    TCGContext *s = tcg_ctx;
    if (!s->jmp_trans) {
        fprintf(stderr, "q86: TCG overflow (%s) with no recovery point\n",
                reason == TCG_OVERFLOW_CODE ? "code buffer" : "TB too large");
        abort();
    }
    siglongjmp(*s->jmp_trans, reason);
}

/* Maps the code buffer close to our own text when possible, so helper
 * calls and the prologue are reachable with rel32 calls. */
static uint8_t *alloc_code_buffer(size_t size)
{
    int prot = PROT_READ | PROT_WRITE | PROT_EXEC;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    uintptr_t text = (uintptr_t)&alloc_code_buffer;
    void *p = MAP_FAILED;

    /* Try a few spots within +-1 GiB of the text (the heap grows above it). */
    static const intptr_t tries[] = { -0x30000000, -0x20000000, 0x30000000, 0x38000000 };
    for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]) && p == MAP_FAILED; i++) {
        uintptr_t hint = (text + tries[i]) & ~(uintptr_t)0xffffff;
        if ((intptr_t)tries[i] < 0 && hint > text) {
            continue;
        }
        p = mmap((void *)hint, size, prot, flags | MAP_FIXED_NOREPLACE, -1, 0);
        if (p != MAP_FAILED && p != (void *)hint) {
            munmap(p, size);
            p = MAP_FAILED;
        }
    }
    if (p == MAP_FAILED) {
        p = mmap(NULL, size, prot, flags, -1, 0);
    }
    if (p == MAP_FAILED) {
        perror("q86: cannot allocate the code buffer (RWX mmap)");
        exit(1);
    }
    return p;
}

void tcg_context_init(size_t code_buffer_size)
{
    TCGContext *s = tcg_ctx;

    if (s->code_gen_buffer) {
        return;
    }
    memset(s, 0, sizeof(*s));
    s->optimize = true;
    if (code_buffer_size == 0) {
        code_buffer_size = DEFAULT_CODE_BUFFER_SIZE;
    }
    if (code_buffer_size < 4 * CODE_BUFFER_SLACK) {
        code_buffer_size = 4 * CODE_BUFFER_SLACK;
    }
    s->code_gen_buffer = alloc_code_buffer(code_buffer_size);
    s->code_gen_buffer_size = code_buffer_size;
    s->ops_capacity = 1024;
    s->ops = calloc(s->ops_capacity, sizeof(TCGOp));
    if (!s->ops) {
        abort();
    }

    tcg_target_init(s);

    /* env: a fixed temp in its reserved register. */
    TCGTemp *env = &s->temps[s->nb_temps++];
    env->type = TCG_TYPE_PTR;
    env->kind = TEMP_FIXED;
    env->val_type = TEMP_VAL_REG;
    env->reg = TCG_AREG0;
    env->name = "env";
    env->allocated = true;
    tcg_env = (TCGv_ptr)env;

    /* The spill frame, addressed from the stack pointer. */
    TCGTemp *frame = &s->temps[s->nb_temps++];
    frame->type = TCG_TYPE_PTR;
    frame->kind = TEMP_FIXED;
    frame->val_type = TEMP_VAL_REG;
    frame->reg = TCG_REG_CALL_STACK;
    frame->name = "_frame";
    frame->allocated = true;
    s->frame_temp = frame;
    s->frame_start = TCG_STATIC_CALL_ARGS_SIZE;
    s->frame_end = TCG_STATIC_CALL_ARGS_SIZE + TCG_STATIC_FRAME_SIZE;
    s->nb_globals = s->nb_temps;

    /* Prologue and epilogue at the start of the buffer. */
    s->code_buf = s->code_ptr = s->code_gen_buffer;
    tcg_target_qemu_prologue(s);
    s->code_gen_ptr = (uint8_t *)(((uintptr_t)s->code_ptr + 63) & ~(uintptr_t)63);
    s->code_gen_highwater = s->code_gen_buffer + code_buffer_size - CODE_BUFFER_SLACK;
    s->code_gen_prologue_end = s->code_gen_ptr;
    if (qemu_loglevel_mask(CPU_LOG_TB_OUT_ASM)) {
        FILE *f = qemu_log_stream();
        fprintf(f, "PROLOGUE: [size=%zu]\n", (size_t)(s->code_ptr - s->code_gen_buffer));
        tcg_disas_host(f, s->code_gen_buffer, s->code_ptr - s->code_gen_buffer);
        fprintf(f, "\n");
    }
}

void tcg_code_buffer_reset(void)
{
    tcg_ctx->code_gen_ptr = tcg_ctx->code_gen_prologue_end;
}

uintptr_t tcg_qemu_tb_exec(void *env, const void *tc_ptr)
{
    uintptr_t (*entry)(void *, const void *) =
        (uintptr_t (*)(void *, const void *))tcg_ctx->code_gen_prologue;
    return entry(env, tc_ptr);
}

/* ---- temps ---- */

static TCGTemp *tcg_temp_alloc(TCGContext *s)
{
    if (s->nb_temps >= TCG_MAX_TEMPS) {
        tcg_raise_overflow(TCG_OVERFLOW_TB);
    }
    TCGTemp *ts = &s->temps[s->nb_temps++];
    memset(ts, 0, sizeof(*ts));
    return ts;
}

TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGTemp *base, intptr_t offset,
                                     const char *name)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_temps != s->nb_globals) {
        fprintf(stderr, "q86: global %s created after TB temps\n", name);
        abort();
    }
    if (base->kind != TEMP_FIXED) {
        fprintf(stderr, "q86: global %s: base must be a fixed register (env)\n", name);
        abort();
    }
    TCGTemp *ts = tcg_temp_alloc(s);
    ts->type = type;
    ts->kind = TEMP_GLOBAL;
    ts->val_type = TEMP_VAL_MEM;
    ts->mem_base = base;
    ts->mem_offset = offset;
    ts->mem_allocated = true;
    ts->mem_coherent = true;
    ts->name = name;
    ts->allocated = true;
    s->nb_globals = s->nb_temps;
    return ts;
}

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    TCGTemp **freelist = &s->free_temps[type == TCG_TYPE_I64][kind == TEMP_TB];
    TCGTemp *ts = *freelist;

    if (ts) {
        *freelist = ts->next;
    } else {
        ts = tcg_temp_alloc(s);
        ts->type = type;
        ts->kind = kind;
    }
    ts->allocated = true;
    ts->next = NULL;
    return ts;
}

void tcg_temp_free_internal(TCGTemp *ts)
{
    TCGContext *s = tcg_ctx;
    if (ts->kind != TEMP_EBB && ts->kind != TEMP_TB) {
        return; /* globals, constants, env: never freed */
    }
    if (!ts->allocated) {
        fprintf(stderr, "q86: temp freed twice\n");
        abort();
    }
    ts->allocated = false;
    TCGTemp **freelist = &s->free_temps[ts->type == TCG_TYPE_I64][ts->kind == TEMP_TB];
    ts->next = *freelist;
    *freelist = ts;
}

TCGTemp *tcg_constant_internal(TCGType type, int64_t val)
{
    TCGContext *s = tcg_ctx;
    if (type == TCG_TYPE_I32) {
        val = (int32_t)val; /* one canonical form per 32-bit value */
    }
    unsigned h = (unsigned)((uint64_t)val * 0x9e3779b97f4a7c15ull >> 56) ^ type;
    h &= 255;
    for (TCGTemp *ts = s->const_hash[h]; ts; ts = ts->next) {
        if (ts->val == val && ts->type == type) {
            return ts;
        }
    }
    TCGTemp *ts = tcg_temp_alloc(s);
    ts->type = type;
    ts->kind = TEMP_CONST;
    ts->val_type = TEMP_VAL_CONST;
    ts->val = val;
    ts->allocated = true;
    ts->next = s->const_hash[h];
    s->const_hash[h] = ts;
    return ts;
}

TCGv_i32 tcg_temp_new_i32(void) { return (TCGv_i32)tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB); }
TCGv_i64 tcg_temp_new_i64(void) { return (TCGv_i64)tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB); }
TCGv_ptr tcg_temp_new_ptr(void) { return (TCGv_ptr)tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_TB); }
TCGv_i32 tcg_temp_ebb_new_i32(void)
{
    return (TCGv_i32)tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB);
}
TCGv_i64 tcg_temp_ebb_new_i64(void)
{
    return (TCGv_i64)tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB);
}
TCGv_ptr tcg_temp_ebb_new_ptr(void)
{
    return (TCGv_ptr)tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_EBB);
}
void tcg_temp_free_i32(TCGv_i32 t) { tcg_temp_free_internal((TCGTemp *)t); }
void tcg_temp_free_i64(TCGv_i64 t) { tcg_temp_free_internal((TCGTemp *)t); }
void tcg_temp_free_ptr(TCGv_ptr t) { tcg_temp_free_internal((TCGTemp *)t); }

TCGv_i32 tcg_constant_i32(int32_t val) { return (TCGv_i32)tcg_constant_internal(TCG_TYPE_I32, val); }
TCGv_i64 tcg_constant_i64(int64_t val) { return (TCGv_i64)tcg_constant_internal(TCG_TYPE_I64, val); }
TCGv_ptr tcg_constant_ptr(intptr_t val) { return (TCGv_ptr)tcg_constant_internal(TCG_TYPE_PTR, val); }

TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name)
{
    return (TCGv_i32)tcg_global_mem_new_internal(TCG_TYPE_I32, (TCGTemp *)base, offset, name);
}
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name)
{
    return (TCGv_i64)tcg_global_mem_new_internal(TCG_TYPE_I64, (TCGTemp *)base, offset, name);
}
TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset, const char *name)
{
    return (TCGv_ptr)tcg_global_mem_new_internal(TCG_TYPE_PTR, (TCGTemp *)base, offset, name);
}

TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return (TCGTemp *)v; }
TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return (TCGTemp *)v; }
TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return (TCGTemp *)v; }

/* ---- labels ---- */

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_labels >= TCG_MAX_LABELS) {
        tcg_raise_overflow(TCG_OVERFLOW_TB);
    }
    TCGLabel *l = &s->labels[s->nb_labels];
    memset(l, 0, sizeof(*l));
    l->id = s->nb_labels++;
    return l;
}

/* ---- ops ---- */

TCGOp *tcg_emit_op(TCGOpcode opc)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_ops >= s->ops_capacity) {
        if (s->ops_capacity >= TCG_MAX_OPS) {
            tcg_raise_overflow(TCG_OVERFLOW_TB);
        }
        int cap = s->ops_capacity * 2;
        TCGOp *ops = realloc(s->ops, cap * sizeof(TCGOp));
        if (!ops) {
            abort();
        }
        s->ops = ops;
        s->ops_capacity = cap;
    }
    TCGOp *op = &s->ops[s->nb_ops++];
    op->opc = opc;
    op->nb_oargs = tcg_op_defs[opc].nb_oargs;
    op->nb_iargs = tcg_op_defs[opc].nb_iargs;
    op->pad = 0;
    op->life = 0;
    return op;
}

bool tcg_op_buf_full(void)
{
    /* Leave room for the largest guest insn's ops and the TB epilogue. */
    return tcg_ctx->nb_ops > TCG_MAX_OPS - 2048 || tcg_ctx->nb_temps > TCG_MAX_TEMPS - 256 ||
           tcg_ctx->nb_labels > TCG_MAX_LABELS - 64;
}

void tcg_gen_op1(TCGOpcode opc, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
}

void tcg_gen_op2(TCGOpcode opc, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
}

void tcg_gen_op3(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
}

void tcg_gen_op4(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
}

void tcg_gen_op5(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4, TCGArg a5)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
}

void tcg_gen_op6(TCGOpcode opc, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4, TCGArg a5,
                 TCGArg a6)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    op->args[5] = a6;
}

void tcg_gen_callN(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    TCGOp *op = tcg_emit_op(INDEX_op_call);
    int n = 0, nargs = 0;

    for (int i = 1; i <= 7; i++) {
        if ((info->typemask >> (i * 3)) & 7) {
            nargs = i;
        }
    }
    if (nargs > 6) {
        fprintf(stderr, "q86: helper %s has more than 6 arguments\n", info->name);
        abort();
    }
    op->nb_oargs = ret ? 1 : 0;
    if (ret) {
        op->args[n++] = temp_arg(ret);
    }
    for (int i = 0; i < nargs; i++) {
        op->args[n++] = temp_arg(args[i]);
    }
    op->nb_iargs = nargs;
    op->args[n] = (TCGArg)info;
}

/* ---- code generation ---- */

void tcg_func_start(void)
{
    TCGContext *s = tcg_ctx;

    s->nb_temps = s->nb_globals;
    memset(s->free_temps, 0, sizeof(s->free_temps));
    memset(s->const_hash, 0, sizeof(s->const_hash));
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->nb_relocs = 0;
    s->nb_insns = 0;
}

int tcg_gen_code(void)
{
    TCGContext *s = tcg_ctx;
    bool log_op = qemu_loglevel_mask(CPU_LOG_TB_OP);
    bool log_opt = qemu_loglevel_mask(CPU_LOG_TB_OP_OPT);

    if (log_op) {
        FILE *f = qemu_log_stream();
        fprintf(f, "OP:\n");
        tcg_dump_ops(s, f, false);
        fprintf(f, "\n");
    }
    s->nb_ops_before_opt = s->nb_ops;
    tcg_liveness_demote_tb_temps(s);
    if (s->optimize) {
        tcg_optimize(s);
    }
    tcg_liveness_analysis(s);
    if (log_opt) {
        FILE *f = qemu_log_stream();
        fprintf(f, "OP after optimization and liveness analysis:\n");
        tcg_dump_ops(s, f, true);
        fprintf(f, "\n");
    }
    return tcg_reg_alloc_and_emit(s);
}
