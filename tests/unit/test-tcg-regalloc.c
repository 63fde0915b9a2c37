/*
 * Register allocator stress: seeded random programs over more live values
 * than the host has registers (globals, TB temps, constants), with forward
 * branches and helper calls of every global-access kind, are compiled and
 * run, and the final guest state is compared with a C interpreter of the
 * same program.  Unlike the optimizer test (optimized vs unoptimized), this
 * one catches allocator bugs that both versions would share.
 */
#include <glib.h>
#include <stddef.h>
#include <string.h>

#include "tcg/tcg.h"

#define NG 6   /* globals */
#define NT 14  /* TB temps: NG + NT > the 12 allocatable host registers */
#define NV (NG + NT)
#define NINSN 60

typedef struct FakeEnv {
    uint32_t g[NG];
} FakeEnv;

static FakeEnv env;
static TCGv_i32 glob[NG];

typedef enum {
    K_ADD, K_SUB, K_MUL, K_AND, K_OR, K_XOR, K_SHL, K_SHR, K_SAR, K_SHLV, K_SETCOND,
    K_MOVCOND, K_DIVU, K_MULU2, K_DEPOSIT, K_EXTRACT, K_CALL, K_BRANCH, K_MOV, K_NKINDS
} Kind;

typedef struct Insn {
    Kind kind;
    int d, d2, a, b, c, e;     /* value slots; -1 - k: constant k */
    uint32_t ca, cb;           /* constants */
    TCGCond cond;
    unsigned ofs, len;
    int skip;                  /* K_BRANCH: insns skipped when taken */
    unsigned call_flags;
} Insn;

static uint64_t rng;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const TCGCond conds[] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU, TCG_COND_TSTEQ, TCG_COND_TSTNE,
};

static bool cond_true(TCGCond c, uint32_t a, uint32_t b)
{
    int32_t sa = (int32_t)a, sb = (int32_t)b;
    switch (c) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    case TCG_COND_TSTEQ: return (a & b) == 0;
    case TCG_COND_TSTNE: return (a & b) != 0;
    default: return false;
    }
}

/* The helper every K_CALL calls: mixes its arguments and, unless its
 * flags promise otherwise, reads and writes globals through env. */
static uint32_t helper_mix(void *e, uint32_t x, uint32_t y)
{
    FakeEnv *fe = e;
    return x * 31 + (y ^ 0x5a5a5a5a) + fe->g[0];
}

static void helper_touch_env(void *e, uint32_t x)
{
    FakeEnv *fe = e;
    fe->g[1] = fe->g[1] * 3 + x;
    fe->g[2] ^= fe->g[3];
}

#define TM(code, slot) ((unsigned)(code) << ((slot) * 3))
static const TCGHelperInfo mix_nwg = { (void *)helper_mix, "mix", TCG_CALL_NO_WG,
                                       TM(dh_typecode_i32, 0) | TM(dh_typecode_ptr, 1) |
                                           TM(dh_typecode_i32, 2) | TM(dh_typecode_i32, 3) };
static const TCGHelperInfo touch_rw = { (void *)helper_touch_env, "touch", 0,
                                        TM(dh_typecode_ptr, 1) | TM(dh_typecode_i32, 2) };

static void gen_program(Insn *p, int n)
{
    for (int i = 0; i < n; i++) {
        Insn *in = &p[i];
        memset(in, 0, sizeof(*in));
        in->kind = (Kind)(rnd() % K_NKINDS);
        in->d = (int)(rnd() % NV);
        do {
            in->d2 = (int)(rnd() % NV);
        } while (in->d2 == in->d);
        in->a = (int)(rnd() % NV);
        in->b = rnd() % 4 ? (int)(rnd() % NV) : -1;
        in->c = (int)(rnd() % NV);
        in->e = (int)(rnd() % NV);
        in->cb = (uint32_t)rnd();
        in->cond = conds[rnd() % 12];
        in->ofs = (unsigned)(rnd() % 32);
        in->len = 1 + (unsigned)(rnd() % (32 - in->ofs));
        in->skip = 1 + (int)(rnd() % 5);
        in->call_flags = (unsigned)(rnd() % 2);
        if (in->kind == K_BRANCH && i + in->skip >= n) {
            in->kind = K_MOV;
        }
    }
}

/* ---- the C interpreter ---- */

static void interpret(const Insn *p, int n, uint32_t *v)
{
    for (int i = 0; i < n; i++) {
        const Insn *in = &p[i];
        uint32_t a = v[in->a], b = in->b < 0 ? in->cb : v[in->b];
        uint32_t *d = &v[in->d];
        switch (in->kind) {
        case K_ADD: *d = a + b; break;
        case K_SUB: *d = a - b; break;
        case K_MUL: *d = a * b; break;
        case K_AND: *d = a & b; break;
        case K_OR: *d = a | b; break;
        case K_XOR: *d = a ^ b; break;
        case K_SHL: *d = a << (in->cb & 31); break;
        case K_SHR: *d = a >> (in->cb & 31); break;
        case K_SAR: *d = (uint32_t)((int32_t)a >> (in->cb & 31)); break;
        case K_SHLV: *d = a << (b & 31); break;
        case K_SETCOND: *d = cond_true(in->cond, a, b); break;
        case K_MOVCOND: *d = cond_true(in->cond, a, b) ? v[in->c] : v[in->e]; break;
        case K_DIVU: *d = a / (b | 1); break;
        case K_MULU2: {
            uint64_t pr = (uint64_t)a * b;
            v[in->d] = (uint32_t)pr;
            v[in->d2] = (uint32_t)(pr >> 32);
            break;
        }
        case K_DEPOSIT: {
            uint32_t m = in->len == 32 ? ~0u : ((1u << in->len) - 1);
            *d = (a & ~(m << in->ofs)) | ((b & m) << in->ofs);
            break;
        }
        case K_EXTRACT: {
            uint32_t m = in->len == 32 ? ~0u : ((1u << in->len) - 1);
            *d = (a >> in->ofs) & m;
            break;
        }
        case K_CALL:
            if (in->call_flags) {
                /* mix reads g[0] through env: pass the current value. */
                *d = a * 31 + (b ^ 0x5a5a5a5a) + v[0];
            } else {
                v[1] = v[1] * 3 + a;
                v[2] ^= v[3];
            }
            break;
        case K_BRANCH:
            if (cond_true(in->cond, a, b)) {
                i += in->skip;
            }
            break;
        default:
            *d = a;
            break;
        }
    }
}

/* ---- the IR ---- */

static void emit(const Insn *p, int n, TCGv_i32 *v)
{
    TCGLabel *labels[NINSN + 8] = { 0 };

    for (int i = 0; i < n; i++) {
        const Insn *in = &p[i];
        if (labels[i]) {
            gen_set_label(labels[i]);
        }
        TCGv_i32 a = v[in->a], b = in->b < 0 ? tcg_constant_i32((int32_t)in->cb) : v[in->b];
        TCGv_i32 d = v[in->d];
        switch (in->kind) {
        case K_ADD: tcg_gen_add_i32(d, a, b); break;
        case K_SUB: tcg_gen_sub_i32(d, a, b); break;
        case K_MUL: tcg_gen_mul_i32(d, a, b); break;
        case K_AND: tcg_gen_and_i32(d, a, b); break;
        case K_OR: tcg_gen_or_i32(d, a, b); break;
        case K_XOR: tcg_gen_xor_i32(d, a, b); break;
        case K_SHL: tcg_gen_shli_i32(d, a, in->cb & 31); break;
        case K_SHR: tcg_gen_shri_i32(d, a, in->cb & 31); break;
        case K_SAR: tcg_gen_sari_i32(d, a, in->cb & 31); break;
        case K_SHLV: {
            TCGv_i32 cnt = tcg_temp_ebb_new_i32();
            tcg_gen_andi_i32(cnt, b, 31);
            tcg_gen_shl_i32(d, a, cnt);
            tcg_temp_free_i32(cnt);
            break;
        }
        case K_SETCOND: tcg_gen_setcond_i32(in->cond, d, a, b); break;
        case K_MOVCOND: tcg_gen_movcond_i32(in->cond, d, a, b, v[in->c], v[in->e]); break;
        case K_DIVU: {
            TCGv_i32 nz = tcg_temp_ebb_new_i32();
            tcg_gen_ori_i32(nz, b, 1);
            tcg_gen_divu_i32(d, a, nz);
            tcg_temp_free_i32(nz);
            break;
        }
        case K_MULU2: tcg_gen_mulu2_i32(d, v[in->d2], a, b); break;
        case K_DEPOSIT: tcg_gen_deposit_i32(d, a, b, in->ofs, in->len); break;
        case K_EXTRACT: tcg_gen_extract_i32(d, a, in->ofs, in->len); break;
        case K_CALL:
            if (in->call_flags) {
                TCGTemp *args[3] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(a),
                                     tcgv_i32_temp(b) };
                tcg_gen_callN(&mix_nwg, tcgv_i32_temp(d), args);
            } else {
                TCGTemp *args[2] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(a) };
                tcg_gen_callN(&touch_rw, NULL, args);
            }
            break;
        case K_BRANCH: {
            int target = i + 1 + in->skip;
            if (!labels[target]) {
                labels[target] = gen_new_label();
            }
            tcg_gen_brcond_i32(in->cond, a, b, labels[target]);
            break;
        }
        default:
            tcg_gen_mov_i32(d, a);
            break;
        }
    }
    if (labels[n]) {
        gen_set_label(labels[n]);
    }
}

static void test_random_programs_match_interpreter(void)
{
    tcg_context_init(16 * 1024 * 1024);
    static const char *names[NG] = { "g0", "g1", "g2", "g3", "g4", "g5" };
    for (int i = 0; i < NG; i++) {
        glob[i] = tcg_global_mem_new_i32(tcg_env, offsetof(FakeEnv, g[i]), names[i]);
    }

    for (uint64_t seed = 1; seed <= 600; seed++) {
        Insn prog[NINSN];
        uint32_t init[NV], want[NV];

        rng = seed * 0x9e3779b97f4a7c15ull + 3;
        for (int i = 0; i < NV; i++) {
            init[i] = rnd() % 3 ? (uint32_t)rnd() : (uint32_t)(rnd() % 40);
        }
        gen_program(prog, NINSN);
        memcpy(want, init, sizeof(want));
        interpret(prog, NINSN, want);

        for (int opt = 0; opt < 2; opt++) {
            TCGv_i32 v[NV];
            tcg_code_buffer_reset();
            tcg_func_start();
            for (int i = 0; i < NG; i++) {
                v[i] = glob[i];
                env.g[i] = init[i];
            }
            for (int i = NG; i < NV; i++) {
                v[i] = tcg_temp_new_i32();
                tcg_gen_movi_i32(v[i], (int32_t)init[i]);
            }
            emit(prog, NINSN, v);
            /* Fold the temps into the result so they are all live. */
            for (int i = NG; i < NV; i++) {
                tcg_gen_rotli_i32(glob[i % NG], glob[i % NG], 5);
                tcg_gen_xor_i32(glob[i % NG], glob[i % NG], v[i]);
            }
            tcg_gen_exit_tb(NULL, 0);
            tcg_ctx->optimize = opt;
            uint8_t *code = tcg_ctx->code_gen_ptr;
            g_assert_cmpint(tcg_gen_code(), >, 0);
            tcg_ctx->optimize = true;
            tcg_qemu_tb_exec(&env, code);

            uint32_t expect[NG];
            memcpy(expect, want, sizeof(expect));
            for (int i = NG; i < NV; i++) {
                uint32_t x = expect[i % NG];
                expect[i % NG] = ((x << 5) | (x >> 27)) ^ want[i];
            }
            for (int i = 0; i < NG; i++) {
                if (env.g[i] != expect[i]) {
                    g_error("seed %llu%s: g%d = %#x, interpreter says %#x",
                            (unsigned long long)seed, opt ? " (optimized)" : "", i, env.g[i],
                            expect[i]);
                }
            }
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/regalloc/random-programs-match-interpreter",
                    test_random_programs_match_interpreter);
    return g_test_run();
}
