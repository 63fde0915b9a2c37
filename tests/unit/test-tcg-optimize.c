/*
 * Optimizer tests: specific folds shrink the op list without changing
 * results, and a seeded random differential test runs random op sequences
 * with and without the optimizer and compares the guest-visible state.
 */
#include <glib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"

typedef struct FakeEnv {
    uint32_t r[6];
    uint64_t q[3];
} FakeEnv;

static FakeEnv env;
static TCGv_i32 g32[6];
static TCGv_i64 g64[3];

static void setup(void)
{
    static bool done;
    if (done) {
        return;
    }
    done = true;
    tcg_context_init(16 * 1024 * 1024);
    static const char *n32[6] = { "r0", "r1", "r2", "r3", "r4", "r5" };
    static const char *n64[3] = { "q0", "q1", "q2" };
    for (int i = 0; i < 6; i++) {
        g32[i] = tcg_global_mem_new_i32(tcg_env, offsetof(FakeEnv, r[i]), n32[i]);
    }
    for (int i = 0; i < 3; i++) {
        g64[i] = tcg_global_mem_new_i64(tcg_env, offsetof(FakeEnv, q[i]), n64[i]);
    }
}

static void begin(void)
{
    setup();
    tcg_code_buffer_reset();
    tcg_func_start();
}

static int live_ops(void)
{
    int n = 0;
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        n += tcg_ctx->ops[i].opc != INDEX_op_nop;
    }
    return n;
}

/* Compiles and runs the current IR; returns the op count left after the
 * optimizer and liveness. */
static int finish_and_run(bool optimize)
{
    tcg_gen_exit_tb(NULL, 0);
    tcg_ctx->optimize = optimize;
    uint8_t *code = tcg_ctx->code_gen_ptr;
    g_assert_cmpint(tcg_gen_code(), >, 0);
    tcg_ctx->optimize = true;
    tcg_qemu_tb_exec(&env, code);
    return live_ops();
}

static void test_identities_fold_away(void)
{
    for (int opt = 0; opt < 2; opt++) {
        begin();
        env.r[0] = 0x1234;
        env.r[1] = 0;
        TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
        tcg_gen_add_i32(t, g32[0], tcg_constant_i32(0));     /* x + 0 */
        tcg_gen_mul_i32(t, t, tcg_constant_i32(1));          /* x * 1 */
        tcg_gen_and_i32(t, t, tcg_constant_i32(-1));         /* x & -1 */
        tcg_gen_shl_i32(t, t, tcg_constant_i32(0));          /* x << 0 */
        tcg_gen_xor_i32(u, t, t);                            /* x ^ x */
        tcg_gen_or_i32(g32[1], t, u);                        /* x | 0 */
        int n = finish_and_run(opt);
        g_assert_cmphex(env.r[1], ==, 0x1234);
        if (opt) {
            /* exit check-free TB: mov r1 <- r0 (plus exit_tb) */
            g_assert_cmpint(n, <=, 2);
        } else {
            g_assert_cmpint(n, >=, 6);
        }
    }
}

static void test_constants_propagate_through_chain(void)
{
    begin();
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 w = tcg_temp_new_i64();
    tcg_gen_movi_i32(t, 7);
    tcg_gen_shli_i32(t, t, 4);                        /* 0x70 */
    tcg_gen_addi_i32(t, t, -1);                       /* 0x6f */
    tcg_gen_not_i32(t, t);                            /* 0xffffff90 */
    tcg_gen_ext8u_i32(t, t);                          /* 0x90 */
    tcg_gen_bswap32_i32(t, t);                        /* 0x90000000 */
    tcg_gen_sari_i32(t, t, 4);                        /* 0xf9000000 */
    tcg_gen_ext_i32_i64(w, t);
    tcg_gen_mov_i32(g32[2], t);
    tcg_gen_mov_i64(g64[0], w);
    int n = finish_and_run(true);
    g_assert_cmphex(env.r[2], ==, 0xf9000000);
    g_assert_cmphex(env.q[0], ==, 0xfffffffff9000000ull);
    g_assert_cmpint(n, <=, 3); /* two constant stores + exit */
}

static void test_branch_on_constant_folds(void)
{
    for (int taken = 0; taken < 2; taken++) {
        begin();
        env.r[3] = 0;
        TCGLabel *l = gen_new_label();
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_movi_i32(t, taken ? 5 : 4);
        tcg_gen_movi_i32(g32[3], 1);
        tcg_gen_brcondi_i32(TCG_COND_EQ, t, 5, l);
        tcg_gen_movi_i32(g32[3], 2);
        gen_set_label(l);
        int n = finish_and_run(true);
        g_assert_cmpuint(env.r[3], ==, taken ? 1 : 2);
        for (int i = 0; i < tcg_ctx->nb_ops; i++) {
            g_assert_cmpint(tcg_ctx->ops[i].opc, !=, INDEX_op_brcond_i32);
        }
        g_assert_cmpint(n, <=, 4);
    }
}

static void test_known_extended_values_skip_extension(void)
{
    begin();
    env.r[0] = 0xabcdef;
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_ext8u_i32(t, g32[0]);
    tcg_gen_ext16u_i32(t, t);          /* already 8 bits wide */
    tcg_gen_andi_i32(t, t, 0x1ff);     /* nothing to clear */
    tcg_gen_mov_i32(g32[4], t);
    finish_and_run(true);
    g_assert_cmphex(env.r[4], ==, 0xef);
    int exts = 0;
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        int o = tcg_ctx->ops[i].opc;
        exts += o == INDEX_op_ext8u_i32 || o == INDEX_op_ext16u_i32 || o == INDEX_op_and_i32;
    }
    g_assert_cmpint(exts, ==, 1);
}

/* ---- random differential test ---- */

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

static TCGCond rnd_cond(void)
{
    return conds[rnd() % 12];
}

static const uint32_t interesting[] = { 0, 1, 2, 31, 0x80, 0xff, 0x8000, 0xffff, 0x7fffffff,
                                        0x80000000, 0xfffffffe, 0xffffffff };

/* An i32 operand: a global, a temp, or a constant. */
static TCGv_i32 pick32(TCGv_i32 *tmps)
{
    switch (rnd() % 3) {
    case 0:
        return g32[rnd() % 6];
    case 1:
        return tmps[rnd() % 4];
    default:
        return rnd() % 2 ? tcg_constant_i32(interesting[rnd() % 12])
                         : tcg_constant_i32((int32_t)rnd());
    }
}

static TCGv_i32 pickdst32(TCGv_i32 *tmps)
{
    return rnd() % 2 ? g32[rnd() % 6] : tmps[rnd() % 4];
}

static void gen_random_block(uint64_t seed)
{
    TCGv_i32 tmps[4];
    TCGLabel *pending = NULL;

    rng = seed * 0x9e3779b97f4a7c15ull + 1;
    for (int i = 0; i < 4; i++) {
        tmps[i] = tcg_temp_new_i32();
        tcg_gen_movi_i32(tmps[i], (int32_t)rnd());
    }
    for (int k = 0; k < 40; k++) {
        TCGv_i32 d = pickdst32(tmps), a = pick32(tmps), b = pick32(tmps);
        switch (rnd() % 24) {
        case 0: tcg_gen_add_i32(d, a, b); break;
        case 1: tcg_gen_sub_i32(d, a, b); break;
        case 2: tcg_gen_mul_i32(d, a, b); break;
        case 3: tcg_gen_and_i32(d, a, b); break;
        case 4: tcg_gen_or_i32(d, a, b); break;
        case 5: tcg_gen_xor_i32(d, a, b); break;
        case 6: tcg_gen_andc_i32(d, a, b); break;
        case 7: tcg_gen_orc_i32(d, a, b); break;
        case 8: tcg_gen_shli_i32(d, a, rnd() % 32); break;
        case 9: tcg_gen_shri_i32(d, a, rnd() % 32); break;
        case 10: tcg_gen_sari_i32(d, a, rnd() % 32); break;
        case 11: tcg_gen_rotli_i32(d, a, rnd() % 32); break;
        case 12: tcg_gen_not_i32(d, a); break;
        case 13: tcg_gen_neg_i32(d, a); break;
        case 14: tcg_gen_ext8s_i32(d, a); break;
        case 15: tcg_gen_ext16u_i32(d, a); break;
        case 16: tcg_gen_setcond_i32(rnd_cond(), d, a, b);
            break;
        case 17: tcg_gen_movcond_i32(rnd_cond(), d, a, b, pick32(tmps),
                                     pick32(tmps));
            break;
        case 18: {
            unsigned ofs = rnd() % 32, len = 1 + rnd() % (32 - ofs);
            tcg_gen_deposit_i32(d, a, b, ofs, len);
            break;
        }
        case 19: {
            unsigned ofs = rnd() % 32, len = 1 + rnd() % (32 - ofs);
            rnd() % 2 ? tcg_gen_extract_i32(d, a, ofs, len) : tcg_gen_sextract_i32(d, a, ofs, len);
            break;
        }
        case 20: {
            TCGv_i32 nz = tcg_temp_ebb_new_i32();
            tcg_gen_ori_i32(nz, b, 1); /* never divide by zero */
            tcg_gen_divu_i32(d, a, nz);
            break;
        }
        case 21:
            tcg_gen_clzi_i32(d, a, 32);
            break;
        case 22:
            /* A forward branch over the next few ops. */
            if (!pending) {
                pending = gen_new_label();
                tcg_gen_brcond_i32(rnd_cond(), a, b, pending);
            }
            break;
        default:
            if (pending) {
                gen_set_label(pending);
                pending = NULL;
            }
            tcg_gen_mov_i32(d, a);
            break;
        }
    }
    if (pending) {
        gen_set_label(pending);
    }
    for (int i = 0; i < 4; i++) {
        tcg_gen_xor_i32(g32[i], g32[i], tmps[i]);
    }
}

/* An i64 operand: a global, a temp, or a constant. */
static TCGv_i64 pick64(TCGv_i64 *tmps)
{
    switch (rnd() % 3) {
    case 0:
        return g64[rnd() % 3];
    case 1:
        return tmps[rnd() % 3];
    default:
        return rnd() % 2 ? tcg_constant_i64((int64_t)(int32_t)interesting[rnd() % 12])
                         : tcg_constant_i64((int64_t)rnd());
    }
}

static void gen_random_block64(uint64_t seed)
{
    TCGv_i64 tmps[3];
    TCGv_i32 t32 = tcg_temp_new_i32();

    rng = seed * 0xd1b54a32d192ed03ull + 7;
    for (int i = 0; i < 3; i++) {
        tmps[i] = tcg_temp_new_i64();
        tcg_gen_movi_i64(tmps[i], (int64_t)rnd());
    }
    for (int k = 0; k < 40; k++) {
        TCGv_i64 d = rnd() % 2 ? g64[rnd() % 3] : tmps[rnd() % 3];
        TCGv_i64 a = pick64(tmps), b = pick64(tmps);
        switch (rnd() % 18) {
        case 0: tcg_gen_add_i64(d, a, b); break;
        case 1: tcg_gen_sub_i64(d, a, b); break;
        case 2: tcg_gen_mul_i64(d, a, b); break;
        case 3: tcg_gen_and_i64(d, a, b); break;
        case 4: tcg_gen_or_i64(d, a, b); break;
        case 5: tcg_gen_xor_i64(d, a, b); break;
        case 6: tcg_gen_shli_i64(d, a, rnd() % 64); break;
        case 7: tcg_gen_sari_i64(d, a, rnd() % 64); break;
        case 8: tcg_gen_rotri_i64(d, a, rnd() % 64); break;
        case 9: tcg_gen_ext32s_i64(d, a); break;
        case 10: tcg_gen_ext32u_i64(d, a); break;
        case 11: tcg_gen_extrl_i64_i32(t32, a); tcg_gen_ext_i32_i64(d, t32); break;
        case 12: tcg_gen_extrh_i64_i32(t32, a); tcg_gen_extu_i32_i64(d, t32); break;
        case 13: tcg_gen_setcond_i64(rnd_cond(), d, a, b); break;
        case 14: tcg_gen_movcond_i64(rnd_cond(), d, a, b, pick64(tmps), pick64(tmps)); break;
        case 15: {
            unsigned ofs = rnd() % 64, len = 1 + rnd() % (64 - ofs);
            tcg_gen_deposit_i64(d, a, b, ofs, len);
            break;
        }
        case 16: {
            unsigned ofs = rnd() % 64, len = 1 + rnd() % (64 - ofs);
            rnd() % 2 ? tcg_gen_extract_i64(d, a, ofs, len) : tcg_gen_sextract_i64(d, a, ofs, len);
            break;
        }
        default:
            tcg_gen_bswap64_i64(d, a);
            break;
        }
    }
    for (int i = 0; i < 3; i++) {
        tcg_gen_xor_i64(g64[i], g64[i], tmps[i]);
    }
}

static void test_random_i64_sequences_same_with_and_without_optimizer(void)
{
    for (uint64_t seed = 1; seed <= 300; seed++) {
        FakeEnv init, res[2];
        rng = seed + 1000;
        for (int i = 0; i < 3; i++) {
            init.q[i] = rnd();
        }
        for (int opt = 0; opt < 2; opt++) {
            begin();
            gen_random_block64(seed);
            env = init;
            finish_and_run(opt);
            res[opt] = env;
        }
        for (int i = 0; i < 3; i++) {
            if (res[0].q[i] != res[1].q[i]) {
                g_error("seed %llu: q%d unoptimized %#llx optimized %#llx",
                        (unsigned long long)seed, i, (unsigned long long)res[0].q[i],
                        (unsigned long long)res[1].q[i]);
            }
        }
    }
}

static void test_random_sequences_same_with_and_without_optimizer(void)
{
    for (uint64_t seed = 1; seed <= 400; seed++) {
        FakeEnv init, res[2];
        int ops[2];
        rng = seed;
        for (int i = 0; i < 6; i++) {
            init.r[i] = (uint32_t)rnd();
        }
        for (int opt = 0; opt < 2; opt++) {
            begin();
            gen_random_block(seed);
            env = init;
            ops[opt] = finish_and_run(opt);
            res[opt] = env;
        }
        if (memcmp(res[0].r, res[1].r, sizeof(res[0].r)) != 0) {
            for (int i = 0; i < 6; i++) {
                g_printerr("r%d: unoptimized %#x optimized %#x\n", i, res[0].r[i], res[1].r[i]);
            }
            g_error("seed %llu: optimized code computes different results",
                    (unsigned long long)seed);
        }
        g_assert_cmpint(ops[1], <=, ops[0]);
    }
}

static void test_dump_names_temps_consts_and_life(void)
{
    begin();
    TCGv_i32 t = tcg_temp_ebb_new_i32();
    TCGLabel *l = gen_new_label();
    tcg_gen_insn_start(0x8048000, 7);
    tcg_gen_addi_i32(t, g32[0], 0x10);
    tcg_gen_brcondi_i32(TCG_COND_LTU, t, 5, l);
    tcg_gen_mov_i32(g32[1], t);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tcg_dump_ops(tcg_ctx, f, false);
    tcg_liveness_analysis(tcg_ctx);
    fprintf(f, "--\n");
    tcg_dump_ops(tcg_ctx, f, true);
    fclose(f);
    g_assert_nonnull(strstr(buf, " ---- 0000000008048000 0000000000000007"));
    g_assert_nonnull(strstr(buf, " add_i32 tmp0,r0,$0x10"));
    g_assert_nonnull(strstr(buf, " brcond_i32 tmp0,$0x5,ltu,$L0"));
    g_assert_nonnull(strstr(buf, " set_label $L0"));
    g_assert_nonnull(strstr(buf, " exit_tb $0x0"));
    /* After liveness: tmp0 dies at the mov; r1 is written back. */
    const char *after = strstr(buf, "--");
    g_assert_nonnull(strstr(after, "dead:"));
    g_assert_nonnull(strstr(after, "sync: 0"));
    free(buf);
    tcg_func_start();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/dump/names-temps-consts-and-life",
                    test_dump_names_temps_consts_and_life);
    g_test_add_func("/tcg/optimize/identities-fold-away", test_identities_fold_away);
    g_test_add_func("/tcg/optimize/constants-propagate-through-chain",
                    test_constants_propagate_through_chain);
    g_test_add_func("/tcg/optimize/branch-on-constant-folds", test_branch_on_constant_folds);
    g_test_add_func("/tcg/optimize/known-extended-values-skip-extension",
                    test_known_extended_values_skip_extension);
    g_test_add_func("/tcg/optimize/random-sequences-same-with-and-without-optimizer",
                    test_random_sequences_same_with_and_without_optimizer);
    g_test_add_func("/tcg/optimize/random-i64-sequences-same-with-and-without-optimizer",
                    test_random_i64_sequences_same_with_and_without_optimizer);
    return g_test_run();
}
