/*
 * The IR optimizer: one forward pass over a TB's ops that
 *   - propagates constants and copies (an input is replaced by the best
 *     equivalent temp: a constant, else a global, else a TB temp),
 *   - folds ops whose inputs are known (fold_<op>() below, one per op; each
 *     may turn the op into a constant move, then into a copy, then record
 *     facts about its result: the bits that may be non-zero),
 *   - applies algebraic identities (x+0, x&-1, x^x, x*1, shift by 0,
 *     extensions of already-extended values, x cond x),
 *   - folds branches on constants and drops code after unconditional exits
 *     and labels nobody branches to.
 * Dead code left behind (ops whose results are unused) is removed by the
 * liveness pass that follows.
 *
 * Facts are reset at labels (several predecessors) and for globals after
 * helpers that may write them.
 */
#include <string.h>

#include "tcg/tcg.h"

typedef struct OptInfo {
    bool is_const;
    uint64_t val;          /* when is_const; i32 values zero-extended */
    uint64_t z_mask;       /* bits that may be 1 */
    TCGTemp *next_copy;    /* circular list of temps holding the same value */
    TCGTemp *prev_copy;
    uint32_t def_seq;      /* when the value was last written */
} OptInfo;

static uint32_t opt_seq;

static OptInfo infos[TCG_MAX_TEMPS];
static int infos_valid; /* temps [0, infos_valid) have info this pass */

static inline OptInfo *ti(TCGTemp *ts)
{
    return &infos[ts - tcg_ctx->temps];
}

static inline uint64_t type_mask(TCGType t)
{
    return t == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

static void reset_temp(TCGTemp *ts)
{
    OptInfo *i = ti(ts);
    /* Leave the copy list. */
    ti(i->next_copy)->prev_copy = i->prev_copy;
    ti(i->prev_copy)->next_copy = i->next_copy;
    i->next_copy = i->prev_copy = ts;
    i->def_seq = ++opt_seq;
    if (ts->kind == TEMP_CONST) {
        i->is_const = true;
        i->val = (uint64_t)ts->val & type_mask(ts->type);
        i->z_mask = i->val;
    } else {
        i->is_const = false;
        i->z_mask = type_mask(ts->type);
    }
}

static void init_temp(TCGTemp *ts)
{
    OptInfo *i = ti(ts);
    i->next_copy = i->prev_copy = ts;
    reset_temp(ts);
}

static void reset_all(TCGContext *s, bool globals_only)
{
    int n = globals_only ? s->nb_globals : infos_valid;
    for (int i = 0; i < n; i++) {
        reset_temp(&s->temps[i]);
    }
}

static inline bool is_const(TCGTemp *ts)
{
    return ti(ts)->is_const;
}

static inline uint64_t cval(TCGTemp *ts)
{
    return ti(ts)->val;
}

static inline bool temps_are_copies(TCGTemp *a, TCGTemp *b)
{
    if (a == b) {
        return true;
    }
    if (is_const(a) && is_const(b) && a->type == b->type) {
        return cval(a) == cval(b);
    }
    for (TCGTemp *t = ti(a)->next_copy; t != a; t = ti(t)->next_copy) {
        if (t == b) {
            return true;
        }
    }
    return false;
}

/* The best stand-in for ts: constants, then globals/fixed, then TB temps. */
static TCGTemp *find_better_copy(TCGTemp *ts)
{
    TCGTemp *best = ts;
    for (TCGTemp *t = ti(ts)->next_copy; t != ts; t = ti(t)->next_copy) {
        /* On a tie, the one written first: the copies come from it. */
        if (t->kind > best->kind ||
            (t->kind == best->kind && ti(t)->def_seq < ti(best)->def_seq)) {
            best = t;
        }
    }
    return best;
}

/* ---- rewriting the current op ---- */

typedef struct OptContext {
    TCGContext *s;
    TCGOp *op;
    TCGType type;       /* of the op's output / operation */
    bool is64;
} OptContext;

static void record_mov(TCGTemp *dst, TCGTemp *src)
{
    reset_temp(dst);
    OptInfo *di = ti(dst), *si = ti(src);
    di->z_mask = si->z_mask;
    if (si->is_const) {
        di->is_const = true;
        di->val = si->val;
    }
    if (dst->type == src->type) {
        /* Join src's copy list. */
        di->next_copy = si->next_copy;
        di->prev_copy = src;
        ti(si->next_copy)->prev_copy = dst;
        si->next_copy = dst;
    }
}

static bool fold_to_mov(OptContext *ctx, TCGTemp *dst, TCGTemp *src)
{
    TCGOp *op = ctx->op;
    if (temps_are_copies(dst, src)) {
        op->opc = INDEX_op_nop;
        return true;
    }
    op->opc = dst->type == TCG_TYPE_I32 ? INDEX_op_mov_i32 : INDEX_op_mov_i64;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[0] = temp_arg(dst);
    op->args[1] = temp_arg(src);
    record_mov(dst, src);
    return true;
}

/* An interned constant, with its info if the pass just created it. */
static TCGTemp *opt_constant(TCGType type, uint64_t val)
{
    TCGTemp *c = tcg_constant_internal(type, (int64_t)val);
    int idx = (int)(c - tcg_ctx->temps);
    while (infos_valid <= idx) {
        init_temp(&tcg_ctx->temps[infos_valid++]);
    }
    return c;
}

static bool fold_to_const(OptContext *ctx, TCGTemp *dst, uint64_t val)
{
    return fold_to_mov(ctx, dst, opt_constant(dst->type, val));
}

static inline TCGTemp *oarg(OptContext *ctx, int i)
{
    return arg_temp(ctx->op->args[i]);
}

/* Records the result's known-zero bits. */
static bool finish_z(OptContext *ctx, uint64_t z_mask)
{
    TCGTemp *out = oarg(ctx, 0);
    reset_temp(out);
    ti(out)->z_mask = z_mask & type_mask(out->type);
    return true;
}

/* ---- constant evaluation ---- */

static uint64_t eval_op(TCGOpcode opc32, bool is64, uint64_t x, uint64_t y)
{
    unsigned bits = is64 ? 64 : 32;
    uint64_t m = is64 ? ~0ull : 0xffffffffull;
    int64_t sx = is64 ? (int64_t)x : (int32_t)x, sy = is64 ? (int64_t)y : (int32_t)y;
    unsigned n = (unsigned)(y & (bits - 1));

    switch (opc32) {
    case INDEX_op_add_i32: return (x + y) & m;
    case INDEX_op_sub_i32: return (x - y) & m;
    case INDEX_op_mul_i32: return (x * y) & m;
    case INDEX_op_and_i32: return x & y;
    case INDEX_op_or_i32: return x | y;
    case INDEX_op_xor_i32: return x ^ y;
    case INDEX_op_andc_i32: return x & ~y & m;
    case INDEX_op_orc_i32: return (x | ~y) & m;
    case INDEX_op_shl_i32: return (x << n) & m;
    case INDEX_op_shr_i32: return (x & m) >> n;
    case INDEX_op_sar_i32: return (uint64_t)(sx >> n) & m;
    case INDEX_op_rotl_i32: return n ? ((x << n) | (x >> (bits - n))) & m : x;
    case INDEX_op_rotr_i32: return n ? ((x >> n) | (x << (bits - n))) & m : x;
    case INDEX_op_div_i32: return (uint64_t)(sx / sy) & m;
    case INDEX_op_rem_i32: return (uint64_t)(sx % sy) & m;
    case INDEX_op_divu_i32: return (x / y) & m;
    case INDEX_op_remu_i32: return (x % y) & m;
    case INDEX_op_not_i32: return ~x & m;
    case INDEX_op_neg_i32: return -x & m;
    case INDEX_op_ext8s_i32: return (uint64_t)(int64_t)(int8_t)x & m;
    case INDEX_op_ext8u_i32: return (uint8_t)x;
    case INDEX_op_ext16s_i32: return (uint64_t)(int64_t)(int16_t)x & m;
    case INDEX_op_ext16u_i32: return (uint16_t)x;
    case INDEX_op_bswap16_i32: return __builtin_bswap16((uint16_t)x);
    case INDEX_op_bswap32_i32: return __builtin_bswap32((uint32_t)x);
    case INDEX_op_ctpop_i32: return (uint64_t)__builtin_popcountll(x & m);
    case INDEX_op_clz_i32:
        return x ? (uint64_t)(is64 ? __builtin_clzll(x) : __builtin_clz((uint32_t)x)) : y;
    case INDEX_op_ctz_i32: return x ? (uint64_t)__builtin_ctzll(x) : y;
    default:
        return 0;
    }
}

/* Is the division foldable without trapping? */
static bool div_ok(bool is64, uint64_t x, uint64_t y, bool sign)
{
    if (y == 0) {
        return false;
    }
    if (sign && (is64 ? (x == 0x8000000000000000ull && y == ~0ull)
                      : (x == 0x80000000ull && y == 0xffffffffull))) {
        return false;
    }
    return true;
}

static bool eval_cond(TCGCond c, bool is64, uint64_t x, uint64_t y)
{
    int64_t sx = is64 ? (int64_t)x : (int32_t)x, sy = is64 ? (int64_t)y : (int32_t)y;
    switch (c) {
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_NEVER: return false;
    case TCG_COND_EQ: return x == y;
    case TCG_COND_NE: return x != y;
    case TCG_COND_LT: return sx < sy;
    case TCG_COND_GE: return sx >= sy;
    case TCG_COND_LE: return sx <= sy;
    case TCG_COND_GT: return sx > sy;
    case TCG_COND_LTU: return x < y;
    case TCG_COND_GEU: return x >= y;
    case TCG_COND_LEU: return x <= y;
    case TCG_COND_GTU: return x > y;
    case TCG_COND_TSTEQ: return (x & y) == 0;
    case TCG_COND_TSTNE: return (x & y) != 0;
    }
    return false;
}

/* -1: unknown; else the value of (a cond b). */
static int fold_cond(TCGCond c, bool is64, TCGTemp *a, TCGTemp *b)
{
    if (c == TCG_COND_ALWAYS) {
        return 1;
    }
    if (c == TCG_COND_NEVER) {
        return 0;
    }
    if (is_const(a) && is_const(b)) {
        return eval_cond(c, is64, cval(a), cval(b));
    }
    if (temps_are_copies(a, b)) {
        switch (c) {
        case TCG_COND_EQ: case TCG_COND_LE: case TCG_COND_GE:
        case TCG_COND_LEU: case TCG_COND_GEU:
            return 1;
        case TCG_COND_NE: case TCG_COND_LT: case TCG_COND_GT:
        case TCG_COND_LTU: case TCG_COND_GTU:
            return 0;
        default:
            break;
        }
    }
    if (is_const(b) && cval(b) == 0) {
        if (c == TCG_COND_LTU) {
            return 0; /* nothing is below 0 */
        }
        if (c == TCG_COND_GEU || c == TCG_COND_TSTEQ) {
            return 1;
        }
        if (c == TCG_COND_TSTNE) {
            return 0;
        }
    }
    return -1;
}

/* ---- one fold per op (i32 and i64 share them) ---- */

static bool fold_binary_const(OptContext *ctx, TCGOpcode opc32)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    if (is_const(a) && is_const(b)) {
        return fold_to_const(ctx, oarg(ctx, 0), eval_op(opc32, ctx->is64, cval(a), cval(b)));
    }
    return false;
}

/* A commutative op keeps a constant operand second, where the back end
 * can encode it as an immediate. */
static void commute_const_second(OptContext *ctx, TCGTemp **a, TCGTemp **b)
{
    if (is_const(*a)) {
        TCGTemp *t = *a;
        *a = *b;
        *b = t;
        ctx->op->args[1] = temp_arg(*a);
        ctx->op->args[2] = temp_arg(*b);
    }
}

static bool fold_add(OptContext *ctx)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    if (fold_binary_const(ctx, INDEX_op_add_i32)) {
        return true;
    }
    commute_const_second(ctx, &a, &b);
    if (is_const(b) && cval(b) == 0) {
        return fold_to_mov(ctx, oarg(ctx, 0), a);
    }
    return finish_z(ctx, ~0ull);
}

static bool fold_sub(OptContext *ctx)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    if (fold_binary_const(ctx, INDEX_op_sub_i32)) {
        return true;
    }
    if (temps_are_copies(a, b)) {
        return fold_to_const(ctx, oarg(ctx, 0), 0);
    }
    if (is_const(b)) {
        if (cval(b) == 0) {
            return fold_to_mov(ctx, oarg(ctx, 0), a);
        }
        /* x - c = x + -c: three-operand LEA on the host. */
        TCGTemp *nc = opt_constant(ctx->type, -cval(b));
        ctx->op->opc = ctx->is64 ? INDEX_op_add_i64 : INDEX_op_add_i32;
        ctx->op->args[2] = temp_arg(nc);
    }
    return finish_z(ctx, ~0ull);
}

static bool fold_mul(OptContext *ctx)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    if (fold_binary_const(ctx, INDEX_op_mul_i32)) {
        return true;
    }
    commute_const_second(ctx, &a, &b);
    if (is_const(b) && cval(b) == 0) {
        return fold_to_const(ctx, oarg(ctx, 0), 0);
    }
    if (is_const(b) && cval(b) == 1) {
        return fold_to_mov(ctx, oarg(ctx, 0), a);
    }
    return finish_z(ctx, ~0ull);
}

static bool fold_divrem(OptContext *ctx, TCGOpcode opc32)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    bool sign = opc32 == INDEX_op_div_i32 || opc32 == INDEX_op_rem_i32;
    bool rem = opc32 == INDEX_op_rem_i32 || opc32 == INDEX_op_remu_i32;
    if (is_const(a) && is_const(b) && div_ok(ctx->is64, cval(a), cval(b), sign)) {
        return fold_to_const(ctx, oarg(ctx, 0), eval_op(opc32, ctx->is64, cval(a), cval(b)));
    }
    if (is_const(b) && cval(b) == 1) {
        return rem ? fold_to_const(ctx, oarg(ctx, 0), 0) : fold_to_mov(ctx, oarg(ctx, 0), a);
    }
    return finish_z(ctx, ~0ull);
}

static bool fold_and(OptContext *ctx)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    if (fold_binary_const(ctx, INDEX_op_and_i32)) {
        return true;
    }
    commute_const_second(ctx, &a, &b);
    if (temps_are_copies(a, b)) {
        return fold_to_mov(ctx, oarg(ctx, 0), a);
    }
    if (is_const(b)) {
        uint64_t c = cval(b);
        if (c == 0) {
            return fold_to_const(ctx, oarg(ctx, 0), 0);
        }
        if ((ti(a)->z_mask & ~c) == 0) {
            return fold_to_mov(ctx, oarg(ctx, 0), a); /* no bit to clear */
        }
        return finish_z(ctx, ti(a)->z_mask & c);
    }
    return finish_z(ctx, ti(a)->z_mask & ti(b)->z_mask);
}

static bool fold_or_xor(OptContext *ctx, TCGOpcode opc32)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    bool is_xor = opc32 == INDEX_op_xor_i32;
    if (fold_binary_const(ctx, opc32)) {
        return true;
    }
    commute_const_second(ctx, &a, &b);
    if (temps_are_copies(a, b)) {
        return is_xor ? fold_to_const(ctx, oarg(ctx, 0), 0) : fold_to_mov(ctx, oarg(ctx, 0), a);
    }
    if (is_const(b)) {
        uint64_t c = cval(b);
        if (c == 0) {
            return fold_to_mov(ctx, oarg(ctx, 0), a);
        }
        if (!is_xor && c == type_mask(ctx->type)) {
            return fold_to_const(ctx, oarg(ctx, 0), c);
        }
        if (is_xor && c == type_mask(ctx->type)) {
            ctx->op->opc = ctx->is64 ? INDEX_op_not_i64 : INDEX_op_not_i32;
            ctx->op->nb_iargs = 1;
            return finish_z(ctx, ~0ull);
        }
    }
    return finish_z(ctx, ti(a)->z_mask | ti(b)->z_mask);
}

static bool fold_andc_orc(OptContext *ctx, TCGOpcode opc32)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    bool is_orc = opc32 == INDEX_op_orc_i32;
    if (fold_binary_const(ctx, opc32)) {
        return true;
    }
    if (temps_are_copies(a, b)) {
        return fold_to_const(ctx, oarg(ctx, 0), is_orc ? type_mask(ctx->type) : 0);
    }
    if (is_const(b)) {
        /* Becomes and/or with the complemented constant. */
        TCGTemp *nc = opt_constant(ctx->type, ~cval(b));
        ctx->op->opc = (is_orc ? INDEX_op_or_i32 : INDEX_op_and_i32) +
                       (ctx->is64 ? OPC_I64_DELTA : 0);
        ctx->op->args[2] = temp_arg(nc);
        return is_orc ? fold_or_xor(ctx, INDEX_op_or_i32) : fold_and(ctx);
    }
    return finish_z(ctx, ~0ull);
}

static bool fold_shift(OptContext *ctx, TCGOpcode opc32)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    if (fold_binary_const(ctx, opc32)) {
        return true;
    }
    if (is_const(b) && (cval(b) & (ctx->is64 ? 63 : 31)) == 0) {
        return fold_to_mov(ctx, oarg(ctx, 0), a);
    }
    if (is_const(a) && cval(a) == 0 && opc32 != INDEX_op_sar_i32) {
        return fold_to_const(ctx, oarg(ctx, 0), 0);
    }
    if (opc32 == INDEX_op_shr_i32 && is_const(b)) {
        return finish_z(ctx, ti(a)->z_mask >> (cval(b) & (ctx->is64 ? 63 : 31)));
    }
    if (opc32 == INDEX_op_shl_i32 && is_const(b)) {
        return finish_z(ctx, ti(a)->z_mask << (cval(b) & (ctx->is64 ? 63 : 31)));
    }
    return finish_z(ctx, ~0ull);
}

static bool fold_unary(OptContext *ctx, TCGOpcode opc32)
{
    TCGTemp *a = oarg(ctx, 1);
    if (is_const(a)) {
        return fold_to_const(ctx, oarg(ctx, 0), eval_op(opc32, ctx->is64, cval(a), 0));
    }
    uint64_t z = ti(a)->z_mask;
    switch (opc32) {
    case INDEX_op_ext8u_i32:
        if ((z & ~0xffull) == 0) {
            return fold_to_mov(ctx, oarg(ctx, 0), a);
        }
        return finish_z(ctx, z & 0xff);
    case INDEX_op_ext16u_i32:
        if ((z & ~0xffffull) == 0) {
            return fold_to_mov(ctx, oarg(ctx, 0), a);
        }
        return finish_z(ctx, z & 0xffff);
    case INDEX_op_ext8s_i32:
        if ((z & ~0x7full) == 0) {
            return fold_to_mov(ctx, oarg(ctx, 0), a);
        }
        return finish_z(ctx, ~0ull);
    case INDEX_op_ext16s_i32:
        if ((z & ~0x7fffull) == 0) {
            return fold_to_mov(ctx, oarg(ctx, 0), a);
        }
        return finish_z(ctx, ~0ull);
    case INDEX_op_bswap16_i32:
        return finish_z(ctx, 0xffff);
    case INDEX_op_ctpop_i32:
        return finish_z(ctx, 0x7f);
    default:
        return finish_z(ctx, ~0ull);
    }
}

static bool fold_count_zeros(OptContext *ctx, TCGOpcode opc32)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    if (is_const(a)) {
        if (cval(a) != 0) {
            return fold_to_const(ctx, oarg(ctx, 0), eval_op(opc32, ctx->is64, cval(a), 0));
        }
        return fold_to_mov(ctx, oarg(ctx, 0), b);
    }
    return finish_z(ctx, ~0ull);
}

static bool fold_extract(OptContext *ctx, bool sign)
{
    TCGTemp *a = oarg(ctx, 1);
    unsigned ofs = ctx->op->args[2], len = ctx->op->args[3];
    uint64_t mask = len == 64 ? ~0ull : ((1ull << len) - 1);
    if (is_const(a)) {
        uint64_t v = (cval(a) >> ofs) & mask;
        if (sign && len < 64 && (v >> (len - 1)) & 1) {
            v |= ~mask;
        }
        return fold_to_const(ctx, oarg(ctx, 0), v & type_mask(ctx->type));
    }
    if (!sign && ofs == 0 && (ti(a)->z_mask & ~mask) == 0) {
        return fold_to_mov(ctx, oarg(ctx, 0), a);
    }
    return finish_z(ctx, sign ? ~0ull : mask);
}

static bool fold_deposit(OptContext *ctx)
{
    TCGTemp *a = oarg(ctx, 1), *b = oarg(ctx, 2);
    unsigned ofs = ctx->op->args[3], len = ctx->op->args[4];
    uint64_t mask = len == 64 ? ~0ull : ((1ull << len) - 1);
    if (is_const(a) && is_const(b)) {
        uint64_t v = (cval(a) & ~(mask << ofs)) | ((cval(b) & mask) << ofs);
        return fold_to_const(ctx, oarg(ctx, 0), v & type_mask(ctx->type));
    }
    return finish_z(ctx, ti(a)->z_mask | (mask << ofs));
}

static bool fold_setcond(OptContext *ctx)
{
    int r = fold_cond((TCGCond)ctx->op->args[3], ctx->is64, oarg(ctx, 1), oarg(ctx, 2));
    if (r >= 0) {
        return fold_to_const(ctx, oarg(ctx, 0), (uint64_t)r);
    }
    return finish_z(ctx, 1);
}

static bool fold_movcond(OptContext *ctx)
{
    TCGTemp *v1 = oarg(ctx, 3), *v2 = oarg(ctx, 4);
    int r = fold_cond((TCGCond)ctx->op->args[5], ctx->is64, oarg(ctx, 1), oarg(ctx, 2));
    if (r >= 0) {
        return fold_to_mov(ctx, oarg(ctx, 0), r ? v1 : v2);
    }
    if (temps_are_copies(v1, v2)) {
        return fold_to_mov(ctx, oarg(ctx, 0), v1);
    }
    return finish_z(ctx, ti(v1)->z_mask | ti(v2)->z_mask);
}

/* Returns true if the code after this op is unreachable. */
static bool fold_brcond(OptContext *ctx)
{
    TCGOp *op = ctx->op;
    TCGLabel *l = arg_label(op->args[3]);
    int r = fold_cond((TCGCond)op->args[2], ctx->is64, oarg(ctx, 0), oarg(ctx, 1));
    if (r == 0) {
        op->opc = INDEX_op_nop;
        l->refs--;
        return false;
    }
    if (r == 1) {
        op->opc = INDEX_op_br;
        op->nb_iargs = 0;
        op->args[0] = label_arg(l);
        return true;
    }
    return false;
}

/* ---- the pass ---- */

void tcg_optimize(TCGContext *s)
{
    OptContext ctx = { .s = s };
    bool unreachable = false;

    for (int i = 0; i < s->nb_temps; i++) {
        init_temp(&s->temps[i]);
    }
    infos_valid = s->nb_temps;

    int last_op = -1; /* the last op still present, insn_start aside */
    for (int oi = 0; oi < s->nb_ops; oi++) {
        TCGOp *op = &s->ops[oi];
        TCGOpcode opc = op->opc;
        const TCGOpDef *def = &tcg_op_defs[opc];

        if (oi > 0 && s->ops[oi - 1].opc != INDEX_op_nop &&
            s->ops[oi - 1].opc != INDEX_op_insn_start) {
            last_op = oi - 1;
        }

        if (opc == INDEX_op_set_label) {
            TCGLabel *l = arg_label(op->args[0]);
            if (last_op >= 0 && s->ops[last_op].opc == INDEX_op_br &&
                arg_label(s->ops[last_op].args[0]) == l) {
                /* A branch to the very next op: falls through instead. */
                s->ops[last_op].opc = INDEX_op_nop;
                l->refs--;
                unreachable = false;
            }
            if (l->refs == 0) {
                /* Only the fall-through (if any) reaches it: facts hold. */
                op->opc = INDEX_op_nop;
                continue;
            }
            unreachable = false;
            reset_all(s, false);
            continue;
        }
        if (opc == INDEX_op_insn_start || opc == INDEX_op_nop) {
            continue;
        }
        if (unreachable) {
            /* Dead code after br/exit_tb/goto_ptr up to the next label. */
            if (opc == INDEX_op_br) {
                arg_label(op->args[0])->refs--;
            } else if (opc == INDEX_op_brcond_i32 || opc == INDEX_op_brcond_i64) {
                arg_label(op->args[3])->refs--;
            }
            op->opc = INDEX_op_nop;
            continue;
        }

        /* Copy propagation on the inputs. */
        int nb_o = op->nb_oargs, nb_i = op->nb_iargs;
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            TCGTemp *ts = arg_temp(op->args[i]);
            TCGTemp *better = find_better_copy(ts);
            if (better != ts) {
                op->args[i] = temp_arg(better);
            }
        }

        if (opc == INDEX_op_call) {
            unsigned flags = tcg_call_info(op)->flags;
            if (!(flags & (TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS))) {
                reset_all(s, true);
            }
            for (int i = 0; i < nb_o; i++) {
                reset_temp(arg_temp(op->args[i]));
            }
            if (flags & TCG_CALL_NO_RETURN) {
                unreachable = true;
            }
            continue;
        }
        if (opc == INDEX_op_discard) {
            reset_temp(arg_temp(op->args[0]));
            continue;
        }

        ctx.op = op;
        ctx.is64 = (def->flags & TCG_OPF_64BIT) != 0;
        ctx.type = ctx.is64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
        TCGOpcode opc32 = opc;
        if (opc >= INDEX_op_mov_i64 && opc <= INDEX_op_qemu_st_i64) {
            opc32 = opc - OPC_I64_DELTA;
        }

        bool done = false;
        switch (opc32) {
        case INDEX_op_mov_i32:
            done = fold_to_mov(&ctx, oarg(&ctx, 0), oarg(&ctx, 1));
            break;
        case INDEX_op_add_i32:
            done = fold_add(&ctx);
            break;
        case INDEX_op_sub_i32:
            done = fold_sub(&ctx);
            break;
        case INDEX_op_mul_i32:
            done = fold_mul(&ctx);
            break;
        case INDEX_op_div_i32: case INDEX_op_divu_i32:
        case INDEX_op_rem_i32: case INDEX_op_remu_i32:
            done = fold_divrem(&ctx, opc32);
            break;
        case INDEX_op_and_i32:
            done = fold_and(&ctx);
            break;
        case INDEX_op_or_i32: case INDEX_op_xor_i32:
            done = fold_or_xor(&ctx, opc32);
            break;
        case INDEX_op_andc_i32: case INDEX_op_orc_i32:
            done = fold_andc_orc(&ctx, opc32);
            break;
        case INDEX_op_shl_i32: case INDEX_op_shr_i32: case INDEX_op_sar_i32:
        case INDEX_op_rotl_i32: case INDEX_op_rotr_i32:
            done = fold_shift(&ctx, opc32);
            break;
        case INDEX_op_not_i32: case INDEX_op_neg_i32:
        case INDEX_op_ext8s_i32: case INDEX_op_ext8u_i32:
        case INDEX_op_ext16s_i32: case INDEX_op_ext16u_i32:
        case INDEX_op_bswap16_i32: case INDEX_op_bswap32_i32:
        case INDEX_op_ctpop_i32:
            done = fold_unary(&ctx, opc32);
            break;
        case INDEX_op_clz_i32: case INDEX_op_ctz_i32:
            done = fold_count_zeros(&ctx, opc32);
            break;
        case INDEX_op_extract_i32:
            done = fold_extract(&ctx, false);
            break;
        case INDEX_op_sextract_i32:
            done = fold_extract(&ctx, true);
            break;
        case INDEX_op_deposit_i32:
            done = fold_deposit(&ctx);
            break;
        case INDEX_op_setcond_i32:
            done = fold_setcond(&ctx);
            break;
        case INDEX_op_movcond_i32:
            done = fold_movcond(&ctx);
            break;
        case INDEX_op_brcond_i32:
            unreachable = fold_brcond(&ctx);
            done = true;
            break;
        case INDEX_op_ld8u_i32:
            done = finish_z(&ctx, 0xff);
            break;
        case INDEX_op_ld16u_i32:
            done = finish_z(&ctx, 0xffff);
            break;
        case INDEX_op_qemu_ld_i32: {
            MemOp mop = (MemOp)op->args[2];
            unsigned size = mop & MO_SIZE;
            done = finish_z(&ctx, (mop & MO_SIGN) || size == MO_64
                                      ? ~0ull : (1ull << (8 << size)) - 1);
            break;
        }
        default:
            break;
        }
        if (done) {
            if (op->opc == INDEX_op_br) {
                unreachable = true;
            }
            continue;
        }

        switch (opc) {
        case INDEX_op_ext32u_i64:
        case INDEX_op_extu_i32_i64: {
            TCGTemp *a = oarg(&ctx, 1);
            if (is_const(a)) {
                fold_to_const(&ctx, oarg(&ctx, 0), (uint32_t)cval(a));
            } else {
                finish_z(&ctx, ti(a)->z_mask & 0xffffffffull);
            }
            continue;
        }
        case INDEX_op_ext32s_i64:
        case INDEX_op_ext_i32_i64: {
            TCGTemp *a = oarg(&ctx, 1);
            if (is_const(a)) {
                fold_to_const(&ctx, oarg(&ctx, 0), (uint64_t)(int64_t)(int32_t)cval(a));
            } else if ((ti(a)->z_mask & ~0x7fffffffull) == 0) {
                finish_z(&ctx, ti(a)->z_mask);
            } else {
                finish_z(&ctx, ~0ull);
            }
            continue;
        }
        case INDEX_op_extrl_i64_i32:
        case INDEX_op_extrh_i64_i32: {
            TCGTemp *a = oarg(&ctx, 1);
            ctx.type = TCG_TYPE_I32;
            if (is_const(a)) {
                uint64_t v = opc == INDEX_op_extrl_i64_i32 ? cval(a) : cval(a) >> 32;
                fold_to_const(&ctx, oarg(&ctx, 0), (uint32_t)v);
            } else {
                finish_z(&ctx, ~0ull);
            }
            continue;
        }
        case INDEX_op_bswap64_i64: {
            TCGTemp *a = oarg(&ctx, 1);
            if (is_const(a)) {
                fold_to_const(&ctx, oarg(&ctx, 0), __builtin_bswap64(cval(a)));
            } else {
                finish_z(&ctx, ~0ull);
            }
            continue;
        }
        case INDEX_op_ld32u_i64:
            finish_z(&ctx, 0xffffffffull);
            continue;
        default:
            break;
        }

        /* Anything else: its outputs are unknown from here on. */
        for (int i = 0; i < nb_o; i++) {
            reset_temp(arg_temp(op->args[i]));
        }
        if (def->flags & TCG_OPF_BB_END) {
            if (opc == INDEX_op_br || opc == INDEX_op_exit_tb || opc == INDEX_op_goto_ptr) {
                unreachable = true;
            }
            if (!(def->flags & TCG_OPF_COND_BRANCH)) {
                reset_all(s, false);
            }
        }
    }
}
