/*
 * Unit tests of the IR + x86-64 back end: build IR by hand against a small
 * fake env, compile it, run it through the prologue, compare with C.
 */
#include <glib.h>
#include <stddef.h>
#include <string.h>

#include "tcg/tcg.h"

typedef struct FakeEnv {
    uint32_t r[8];
    uint64_t q[8];
    uint32_t out32[4];
    uint64_t out64[4];
} FakeEnv;

static FakeEnv env;
static TCGv_i32 g32[8];
static TCGv_i64 g64[8];

static void setup(void)
{
    static bool done;
    if (done) {
        return;
    }
    done = true;
    tcg_context_init(32 * 1024 * 1024);
    static const char *n32[8] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
    static const char *n64[8] = { "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7" };
    for (int i = 0; i < 8; i++) {
        g32[i] = tcg_global_mem_new_i32(tcg_env, offsetof(FakeEnv, r[i]), n32[i]);
        g64[i] = tcg_global_mem_new_i64(tcg_env, offsetof(FakeEnv, q[i]), n64[i]);
    }
}

static void begin(void)
{
    setup();
    tcg_code_buffer_reset();
    tcg_func_start();
}

static uintptr_t finish_and_run(void)
{
    tcg_gen_exit_tb(NULL, 0);
    uint8_t *code = tcg_ctx->code_gen_ptr;
    int n = tcg_gen_code();
    g_assert_cmpint(n, >, 0);
    return tcg_qemu_tb_exec(&env, code);
}

/* r2 = r0 OP r1, once with registers and once with an immediate b. */
typedef void (*BinGen32)(TCGv_i32, TCGv_i32, TCGv_i32);

static uint32_t run_bin32(BinGen32 gen, uint32_t a, uint32_t b, bool const_b)
{
    begin();
    env.r[0] = a;
    env.r[1] = b;
    env.r[2] = 0xdeadbeef;
    gen(g32[2], g32[0], const_b ? tcg_constant_i32(b) : g32[1]);
    finish_and_run();
    return env.r[2];
}

static const uint32_t edge32[] = { 0, 1, 2, 7, 31, 32, 0x7f, 0x80, 0xff, 0x7fff, 0x8000,
                                   0xffff, 0x12345678, 0x7fffffff, 0x80000000, 0x80000001,
                                   0xfffffffe, 0xffffffff };
#define N_EDGE32 (sizeof(edge32) / sizeof(edge32[0]))

static void test_add_sub_logic_i32(void)
{
    for (unsigned i = 0; i < N_EDGE32; i++) {
        for (unsigned j = 0; j < N_EDGE32; j++) {
            uint32_t a = edge32[i], b = edge32[j];
            for (int c = 0; c < 2; c++) {
                g_assert_cmphex(run_bin32(tcg_gen_add_i32, a, b, c), ==, a + b);
                g_assert_cmphex(run_bin32(tcg_gen_sub_i32, a, b, c), ==, a - b);
                g_assert_cmphex(run_bin32(tcg_gen_and_i32, a, b, c), ==, a & b);
                g_assert_cmphex(run_bin32(tcg_gen_or_i32, a, b, c), ==, a | b);
                g_assert_cmphex(run_bin32(tcg_gen_xor_i32, a, b, c), ==, a ^ b);
                g_assert_cmphex(run_bin32(tcg_gen_mul_i32, a, b, c), ==, a * b);
                g_assert_cmphex(run_bin32(tcg_gen_andc_i32, a, b, c), ==, a & ~b);
                g_assert_cmphex(run_bin32(tcg_gen_orc_i32, a, b, c), ==, a | ~b);
            }
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/ops/add-sub-logic-i32", test_add_sub_logic_i32);
    return g_test_run();
}
