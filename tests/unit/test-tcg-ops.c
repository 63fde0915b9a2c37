/*
 * Unit tests of the IR + x86-64 back end: build IR by hand against a small
 * fake env, compile it, run it through the prologue, compare with C.
 * Every op test runs twice: with the host's ISA extensions (LZCNT, BMI...)
 * and with the baseline x86-64 encodings.
 */
#include <glib.h>
#include <stddef.h>
#include <string.h>

#include "tcg/tcg.h"

typedef struct FakeEnv {
    uint32_t r[8];
    uint64_t q[8];
    uint32_t scratch32[4];
    uint64_t scratch64[4];
} FakeEnv;

static FakeEnv env;
static TCGv_i32 g32[8];
static TCGv_i64 g64[8];
static bool baseline_isa;

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

static const uint32_t edge32[] = { 0, 1, 2, 7, 31, 32, 0x7f, 0x80, 0xff, 0x7fff, 0x8000,
                                   0xffff, 0x12345678, 0x7fffffff, 0x80000000, 0x80000001,
                                   0xfffffffe, 0xffffffff };
#define N32 (sizeof(edge32) / sizeof(edge32[0]))

static const uint64_t edge64[] = { 0, 1, 2, 63, 64, 0x7f, 0x80, 0xffff, 0x7fffffff,
                                   0x80000000ull, 0xffffffffull, 0x100000000ull,
                                   0x123456789abcdef0ull, 0x7fffffffffffffffull,
                                   0x8000000000000000ull, 0x8000000000000001ull,
                                   0xfffffffffffffffeull, 0xffffffffffffffffull };
#define N64 (sizeof(edge64) / sizeof(edge64[0]))

/* ---- generic drivers: r2 = op(r0, r1) with b in a register or constant ---- */

typedef void (*Gen32)(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void (*Gen64)(TCGv_i64, TCGv_i64, TCGv_i64);

static uint32_t run32(Gen32 gen, uint32_t a, uint32_t b, int mode)
{
    begin();
    env.r[0] = a;
    env.r[1] = b;
    env.r[2] = 0xdeadbeef;
    switch (mode) {
    case 0: /* both registers, distinct output */
        gen(g32[2], g32[0], g32[1]);
        break;
    case 1: /* constant b */
        gen(g32[2], g32[0], tcg_constant_i32(b));
        break;
    case 2: /* output overwrites input a (through a TB temp) */
    {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_mov_i32(t, g32[0]);
        gen(t, t, g32[1]);
        tcg_gen_mov_i32(g32[2], t);
        break;
    }
    default: /* output overwrites input b */
    {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_mov_i32(t, g32[1]);
        gen(t, g32[0], t);
        tcg_gen_mov_i32(g32[2], t);
        break;
    }
    }
    finish_and_run();
    return env.r[2];
}

static uint64_t run64(Gen64 gen, uint64_t a, uint64_t b, int mode)
{
    begin();
    env.q[0] = a;
    env.q[1] = b;
    env.q[2] = 0xdeadbeefdeadbeefull;
    switch (mode) {
    case 0:
        gen(g64[2], g64[0], g64[1]);
        break;
    case 1:
        gen(g64[2], g64[0], tcg_constant_i64(b));
        break;
    case 2: {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_mov_i64(t, g64[0]);
        gen(t, t, g64[1]);
        tcg_gen_mov_i64(g64[2], t);
        break;
    }
    default: {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_mov_i64(t, g64[1]);
        gen(t, g64[0], t);
        tcg_gen_mov_i64(g64[2], t);
        break;
    }
    }
    finish_and_run();
    return env.q[2];
}

#define CHECK32(gen, a, b, expect)                                                    \
    do {                                                                              \
        for (int m_ = 0; m_ < 4; m_++) {                                              \
            uint32_t got_ = run32(gen, a, b, m_);                                     \
            if (got_ != (uint32_t)(expect)) {                                         \
                g_error("%s(%#x, %#x) mode %d: got %#x, want %#x%s", #gen, a, b, m_,  \
                        got_, (uint32_t)(expect), baseline_isa ? " (baseline)" : ""); \
            }                                                                         \
        }                                                                             \
    } while (0)

#define CHECK64(gen, a, b, expect)                                                         \
    do {                                                                                   \
        for (int m_ = 0; m_ < 4; m_++) {                                                   \
            uint64_t got_ = run64(gen, a, b, m_);                                          \
            if (got_ != (uint64_t)(expect)) {                                              \
                g_error("%s(%#llx, %#llx) mode %d: got %#llx, want %#llx%s", #gen,          \
                        (unsigned long long)(a), (unsigned long long)(b), m_,              \
                        (unsigned long long)got_, (unsigned long long)(expect),            \
                        baseline_isa ? " (baseline)" : "");                                \
            }                                                                              \
        }                                                                                  \
    } while (0)

static void test_arith_logic_i32(void)
{
    for (unsigned i = 0; i < N32; i++) {
        for (unsigned j = 0; j < N32; j++) {
            uint32_t a = edge32[i], b = edge32[j];
            CHECK32(tcg_gen_add_i32, a, b, a + b);
            CHECK32(tcg_gen_sub_i32, a, b, a - b);
            CHECK32(tcg_gen_and_i32, a, b, a & b);
            CHECK32(tcg_gen_or_i32, a, b, a | b);
            CHECK32(tcg_gen_xor_i32, a, b, a ^ b);
            CHECK32(tcg_gen_mul_i32, a, b, a * b);
            CHECK32(tcg_gen_andc_i32, a, b, a & ~b);
            CHECK32(tcg_gen_orc_i32, a, b, a | ~b);
        }
    }
}

static void test_arith_logic_i64(void)
{
    for (unsigned i = 0; i < N64; i++) {
        for (unsigned j = 0; j < N64; j++) {
            uint64_t a = edge64[i], b = edge64[j];
            CHECK64(tcg_gen_add_i64, a, b, a + b);
            CHECK64(tcg_gen_sub_i64, a, b, a - b);
            CHECK64(tcg_gen_and_i64, a, b, a & b);
            CHECK64(tcg_gen_or_i64, a, b, a | b);
            CHECK64(tcg_gen_xor_i64, a, b, a ^ b);
            CHECK64(tcg_gen_mul_i64, a, b, a * b);
            CHECK64(tcg_gen_andc_i64, a, b, a & ~b);
            CHECK64(tcg_gen_orc_i64, a, b, a | ~b);
        }
    }
}

static uint32_t rol32(uint32_t x, unsigned n) { return n ? (x << n) | (x >> (32 - n)) : x; }
static uint32_t ror32(uint32_t x, unsigned n) { return n ? (x >> n) | (x << (32 - n)) : x; }
static uint64_t rol64(uint64_t x, unsigned n) { return n ? (x << n) | (x >> (64 - n)) : x; }
static uint64_t ror64(uint64_t x, unsigned n) { return n ? (x >> n) | (x << (64 - n)) : x; }

static void test_shifts_all_counts(void)
{
    static const uint32_t vals[] = { 1, 0x80000000, 0x12345678, 0xfedcba98, 0xffffffff };
    for (unsigned i = 0; i < 5; i++) {
        for (uint32_t n = 0; n < 32; n++) {
            uint32_t a = vals[i];
            CHECK32(tcg_gen_shl_i32, a, n, a << n);
            CHECK32(tcg_gen_shr_i32, a, n, a >> n);
            CHECK32(tcg_gen_sar_i32, a, n, (uint32_t)((int32_t)a >> n));
            CHECK32(tcg_gen_rotl_i32, a, n, rol32(a, n));
            CHECK32(tcg_gen_rotr_i32, a, n, ror32(a, n));
        }
    }
    static const uint64_t v64[] = { 1, 0x8000000000000000ull, 0x123456789abcdef0ull,
                                    0xffffffffffffffffull };
    for (unsigned i = 0; i < 4; i++) {
        for (uint64_t n = 0; n < 64; n++) {
            uint64_t a = v64[i];
            CHECK64(tcg_gen_shl_i64, a, n, a << n);
            CHECK64(tcg_gen_shr_i64, a, n, a >> n);
            CHECK64(tcg_gen_sar_i64, a, n, (uint64_t)((int64_t)a >> n));
            CHECK64(tcg_gen_rotl_i64, a, n, rol64(a, n));
            CHECK64(tcg_gen_rotr_i64, a, n, ror64(a, n));
        }
    }
}

static void test_div_rem_signed_unsigned(void)
{
    for (unsigned i = 0; i < N32; i++) {
        for (unsigned j = 0; j < N32; j++) {
            uint32_t a = edge32[i], b = edge32[j];
            if (b == 0) {
                continue;
            }
            CHECK32(tcg_gen_divu_i32, a, b, a / b);
            CHECK32(tcg_gen_remu_i32, a, b, a % b);
            if (!(a == 0x80000000 && b == 0xffffffff)) {
                CHECK32(tcg_gen_div_i32, a, b, (uint32_t)((int32_t)a / (int32_t)b));
                CHECK32(tcg_gen_rem_i32, a, b, (uint32_t)((int32_t)a % (int32_t)b));
            }
        }
    }
    for (unsigned i = 0; i < N64; i++) {
        for (unsigned j = 0; j < N64; j++) {
            uint64_t a = edge64[i], b = edge64[j];
            if (b == 0) {
                continue;
            }
            CHECK64(tcg_gen_divu_i64, a, b, a / b);
            CHECK64(tcg_gen_remu_i64, a, b, a % b);
            if (!(a == 0x8000000000000000ull && b == ~0ull)) {
                CHECK64(tcg_gen_div_i64, a, b, (uint64_t)((int64_t)a / (int64_t)b));
                CHECK64(tcg_gen_rem_i64, a, b, (uint64_t)((int64_t)a % (int64_t)b));
            }
        }
    }
}

static void test_double_word_mul_add_sub(void)
{
    for (unsigned i = 0; i < N32; i++) {
        for (unsigned j = 0; j < N32; j++) {
            uint32_t a = edge32[i], b = edge32[j];
            for (int cb = 0; cb < 2; cb++) {
                begin();
                env.r[0] = a;
                env.r[1] = b;
                TCGv_i32 bb = cb ? tcg_constant_i32(b) : g32[1];
                tcg_gen_mulu2_i32(g32[2], g32[3], g32[0], bb);
                tcg_gen_muls2_i32(g32[4], g32[5], g32[0], bb);
                tcg_gen_add2_i32(g32[6], g32[7], g32[0], g32[1], g32[1], g32[0]);
                finish_and_run();
                uint64_t pu = (uint64_t)a * b;
                int64_t ps = (int64_t)(int32_t)a * (int32_t)b;
                g_assert_cmphex(env.r[2], ==, (uint32_t)pu);
                g_assert_cmphex(env.r[3], ==, (uint32_t)(pu >> 32));
                g_assert_cmphex(env.r[4], ==, (uint32_t)ps);
                g_assert_cmphex(env.r[5], ==, (uint32_t)((uint64_t)ps >> 32));
                uint64_t x = ((uint64_t)b << 32) | a, y = ((uint64_t)a << 32) | b;
                g_assert_cmphex(((uint64_t)env.r[7] << 32) | env.r[6], ==, x + y);

                begin();
                env.r[0] = a;
                env.r[1] = b;
                tcg_gen_sub2_i32(g32[6], g32[7], g32[0], g32[1], g32[1], g32[0]);
                finish_and_run();
                g_assert_cmphex(((uint64_t)env.r[7] << 32) | env.r[6], ==, x - y);
            }
        }
    }
    for (unsigned i = 0; i < N64; i++) {
        for (unsigned j = 0; j < N64; j++) {
            uint64_t a = edge64[i], b = edge64[j];
            begin();
            env.q[0] = a;
            env.q[1] = b;
            tcg_gen_mulu2_i64(g64[2], g64[3], g64[0], g64[1]);
            tcg_gen_muls2_i64(g64[4], g64[5], g64[0], g64[1]);
            finish_and_run();
            unsigned __int128 pu = (unsigned __int128)a * b;
            __int128 ps = (__int128)(int64_t)a * (int64_t)b;
            g_assert_cmphex(env.q[2], ==, (uint64_t)pu);
            g_assert_cmphex(env.q[3], ==, (uint64_t)(pu >> 64));
            g_assert_cmphex(env.q[4], ==, (uint64_t)ps);
            g_assert_cmphex(env.q[5], ==, (uint64_t)((unsigned __int128)ps >> 64));
        }
    }
}

/* ---- unary ops ---- */

typedef void (*Un32)(TCGv_i32, TCGv_i32);
typedef void (*Un64)(TCGv_i64, TCGv_i64);

static uint32_t un32(Un32 gen, uint32_t a, bool inplace)
{
    begin();
    env.r[0] = a;
    if (inplace) {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_mov_i32(t, g32[0]);
        gen(t, t);
        tcg_gen_mov_i32(g32[2], t);
    } else {
        gen(g32[2], g32[0]);
    }
    finish_and_run();
    return env.r[2];
}

static uint64_t un64(Un64 gen, uint64_t a, bool inplace)
{
    begin();
    env.q[0] = a;
    if (inplace) {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_mov_i64(t, g64[0]);
        gen(t, t);
        tcg_gen_mov_i64(g64[2], t);
    } else {
        gen(g64[2], g64[0]);
    }
    finish_and_run();
    return env.q[2];
}

#define UCHECK32(gen, a, expect)                                                  \
    for (int ip_ = 0; ip_ < 2; ip_++) {                                           \
        uint32_t got_ = un32(gen, a, ip_);                                        \
        if (got_ != (uint32_t)(expect)) {                                         \
            g_error("%s(%#x)%s: got %#x, want %#x", #gen, a, ip_ ? " in place" : "", \
                    got_, (uint32_t)(expect));                                    \
        }                                                                         \
    }
#define UCHECK64(gen, a, expect)                                                          \
    for (int ip_ = 0; ip_ < 2; ip_++) {                                                   \
        uint64_t got_ = un64(gen, a, ip_);                                                \
        if (got_ != (uint64_t)(expect)) {                                                 \
            g_error("%s(%#llx)%s: got %#llx, want %#llx", #gen, (unsigned long long)(a),   \
                    ip_ ? " in place" : "", (unsigned long long)got_,                     \
                    (unsigned long long)(expect));                                        \
        }                                                                                 \
    }

static void gen_ctpop32(TCGv_i32 r, TCGv_i32 a) { tcg_gen_ctpop_i32(r, a); }
static void gen_ctpop64(TCGv_i64 r, TCGv_i64 a) { tcg_gen_ctpop_i64(r, a); }
static void gen_clz32_w(TCGv_i32 r, TCGv_i32 a) { tcg_gen_clzi_i32(r, a, 32); }
static void gen_ctz32_w(TCGv_i32 r, TCGv_i32 a) { tcg_gen_ctzi_i32(r, a, 32); }
static void gen_clz32_99(TCGv_i32 r, TCGv_i32 a) { tcg_gen_clzi_i32(r, a, 99); }
static void gen_ctz32_99(TCGv_i32 r, TCGv_i32 a) { tcg_gen_ctzi_i32(r, a, 99); }
static void gen_clz64_w(TCGv_i64 r, TCGv_i64 a) { tcg_gen_clzi_i64(r, a, 64); }
static void gen_ctz64_w(TCGv_i64 r, TCGv_i64 a) { tcg_gen_ctzi_i64(r, a, 64); }
static void gen_clz64_7(TCGv_i64 r, TCGv_i64 a) { tcg_gen_clzi_i64(r, a, 7); }
static void gen_ctz64_7(TCGv_i64 r, TCGv_i64 a) { tcg_gen_ctzi_i64(r, a, 7); }
static void gen_clz32_reg(TCGv_i32 r, TCGv_i32 a) { tcg_gen_clz_i32(r, a, g32[5]); }

static void test_unary_ext_bswap_counts(void)
{
    env.r[5] = 1234;
    for (unsigned i = 0; i < N32; i++) {
        uint32_t a = edge32[i];
        UCHECK32(tcg_gen_neg_i32, a, -a);
        UCHECK32(tcg_gen_not_i32, a, ~a);
        UCHECK32(tcg_gen_ext8s_i32, a, (uint32_t)(int8_t)a);
        UCHECK32(tcg_gen_ext8u_i32, a, (uint8_t)a);
        UCHECK32(tcg_gen_ext16s_i32, a, (uint32_t)(int16_t)a);
        UCHECK32(tcg_gen_ext16u_i32, a, (uint16_t)a);
        UCHECK32(tcg_gen_bswap16_i32, a, __builtin_bswap16((uint16_t)a));
        UCHECK32(tcg_gen_bswap32_i32, a, __builtin_bswap32(a));
        UCHECK32(gen_ctpop32, a, __builtin_popcount(a));
        UCHECK32(gen_clz32_w, a, a ? __builtin_clz(a) : 32);
        UCHECK32(gen_ctz32_w, a, a ? __builtin_ctz(a) : 32);
        UCHECK32(gen_clz32_99, a, a ? __builtin_clz(a) : 99);
        UCHECK32(gen_ctz32_99, a, a ? __builtin_ctz(a) : 99);
        env.r[5] = 1234;
        UCHECK32(gen_clz32_reg, a, a ? __builtin_clz(a) : 1234);
    }
    for (unsigned i = 0; i < N64; i++) {
        uint64_t a = edge64[i];
        UCHECK64(tcg_gen_neg_i64, a, -a);
        UCHECK64(tcg_gen_not_i64, a, ~a);
        UCHECK64(tcg_gen_ext8s_i64, a, (uint64_t)(int8_t)a);
        UCHECK64(tcg_gen_ext8u_i64, a, (uint8_t)a);
        UCHECK64(tcg_gen_ext16s_i64, a, (uint64_t)(int16_t)a);
        UCHECK64(tcg_gen_ext16u_i64, a, (uint16_t)a);
        UCHECK64(tcg_gen_ext32s_i64, a, (uint64_t)(int32_t)a);
        UCHECK64(tcg_gen_ext32u_i64, a, (uint32_t)a);
        UCHECK64(tcg_gen_bswap64_i64, a, __builtin_bswap64(a));
        UCHECK64(gen_ctpop64, a, __builtin_popcountll(a));
        UCHECK64(gen_clz64_w, a, a ? __builtin_clzll(a) : 64);
        UCHECK64(gen_ctz64_w, a, a ? __builtin_ctzll(a) : 64);
        UCHECK64(gen_clz64_7, a, a ? __builtin_clzll(a) : 7);
        UCHECK64(gen_ctz64_7, a, a ? __builtin_ctzll(a) : 7);
    }
}

static void test_width_conversions(void)
{
    for (unsigned i = 0; i < N64; i++) {
        uint64_t a = edge64[i];
        uint32_t a32 = (uint32_t)a;
        begin();
        env.q[0] = a;
        env.r[0] = a32;
        tcg_gen_extu_i32_i64(g64[1], g32[0]);
        tcg_gen_ext_i32_i64(g64[2], g32[0]);
        tcg_gen_extrl_i64_i32(g32[1], g64[0]);
        tcg_gen_extrh_i64_i32(g32[2], g64[0]);
        tcg_gen_extr_i64_i32(g32[3], g32[4], g64[0]);
        tcg_gen_concat_i32_i64(g64[3], g32[0], g32[0]);
        finish_and_run();
        g_assert_cmphex(env.q[1], ==, a32);
        g_assert_cmphex(env.q[2], ==, (uint64_t)(int32_t)a32);
        g_assert_cmphex(env.r[1], ==, a32);
        g_assert_cmphex(env.r[2], ==, (uint32_t)(a >> 32));
        g_assert_cmphex(env.r[3], ==, a32);
        g_assert_cmphex(env.r[4], ==, (uint32_t)(a >> 32));
        g_assert_cmphex(env.q[3], ==, ((uint64_t)a32 << 32) | a32);
    }
}

/* An i32 result must be zero-extended in its host register: it is used
 * directly as a guest address.  Check through an i32 -> i64 zero
 * extension of values produced by each kind of op. */
static void test_i32_results_stay_zero_extended(void)
{
    begin();
    env.r[0] = 0xffffffff;
    env.r[1] = 0x80000000;
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_add_i32(t, g32[0], g32[0]);        /* lea */
    tcg_gen_extu_i32_i64(g64[0], t);
    tcg_gen_neg_i32(t, g32[1]);
    tcg_gen_extu_i32_i64(g64[1], t);
    tcg_gen_sari_i32(t, g32[1], 3);
    tcg_gen_extu_i32_i64(g64[2], t);
    tcg_gen_ext16s_i32(t, g32[0]);
    tcg_gen_extu_i32_i64(g64[3], t);
    tcg_gen_movi_i32(t, -5);
    tcg_gen_extu_i32_i64(g64[4], t);
    finish_and_run();
    g_assert_cmphex(env.q[0], ==, 0xfffffffeull);
    g_assert_cmphex(env.q[1], ==, 0x80000000ull);
    g_assert_cmphex(env.q[2], ==, 0xf0000000ull);
    g_assert_cmphex(env.q[3], ==, 0xffffffffull);
    g_assert_cmphex(env.q[4], ==, 0xfffffffbull);
}

/* ---- bit fields ---- */

static void test_extract_deposit_all_fields(void)
{
    static const uint32_t av[] = { 0x89abcdef, 0x7654321f };
    static const uint32_t bv[] = { 0xffffffff, 0x5a5a5a5a };
    for (unsigned ofs = 0; ofs < 32; ofs++) {
        for (unsigned len = 1; len <= 32 - ofs; len++) {
            uint32_t mask = len == 32 ? ~0u : ((1u << len) - 1);
            for (int v = 0; v < 2; v++) {
                uint32_t a = av[v], b = bv[v];
                begin();
                env.r[0] = a;
                env.r[1] = b;
                tcg_gen_extract_i32(g32[2], g32[0], ofs, len);
                tcg_gen_sextract_i32(g32[3], g32[0], ofs, len);
                tcg_gen_deposit_i32(g32[4], g32[0], g32[1], ofs, len);
                tcg_gen_deposit_i32(g32[5], g32[0], tcg_constant_i32(b), ofs, len);
                TCGv_i32 t = tcg_temp_new_i32();
                tcg_gen_mov_i32(t, g32[0]);
                tcg_gen_deposit_i32(t, t, t, ofs, len);
                tcg_gen_mov_i32(g32[6], t);
                finish_and_run();
                uint32_t ex = (a >> ofs) & mask;
                uint32_t sx = (uint32_t)(((int64_t)(int32_t)(a << (32 - ofs - len))) >> (32 - len));
                uint32_t dep = (a & ~(mask << ofs)) | ((b & mask) << ofs);
                uint32_t self = (a & ~(mask << ofs)) | ((a & mask) << ofs);
                if (env.r[2] != ex || env.r[3] != sx || env.r[4] != dep || env.r[5] != dep ||
                    env.r[6] != self) {
                    g_error("ofs %u len %u: extract %#x/%#x sextract %#x/%#x deposit %#x/%#x "
                            "const %#x self %#x/%#x", ofs, len, env.r[2], ex, env.r[3], sx,
                            env.r[4], dep, env.r[5], env.r[6], self);
                }
            }
        }
    }
    const uint64_t a = 0x89abcdef01234567ull, b = 0xfedcba9876543210ull;
    for (unsigned ofs = 0; ofs < 64; ofs += 3) {
        for (unsigned len = 1; len <= 64 - ofs; len += (len < 8 ? 1 : 5)) {
            uint64_t mask = len == 64 ? ~0ull : ((1ull << len) - 1);
            begin();
            env.q[0] = a;
            env.q[1] = b;
            tcg_gen_extract_i64(g64[2], g64[0], ofs, len);
            tcg_gen_sextract_i64(g64[3], g64[0], ofs, len);
            tcg_gen_deposit_i64(g64[4], g64[0], g64[1], ofs, len);
            tcg_gen_deposit_i64(g64[5], g64[0], tcg_constant_i64(b), ofs, len);
            finish_and_run();
            uint64_t ex = (a >> ofs) & mask;
            uint64_t sx = (uint64_t)(((__int128)(int64_t)(a << (64 - ofs - len))) >> (64 - len));
            uint64_t dep = (a & ~(mask << ofs)) | ((b & mask) << ofs);
            g_assert_cmphex(env.q[2], ==, ex);
            g_assert_cmphex(env.q[3], ==, sx);
            g_assert_cmphex(env.q[4], ==, dep);
            g_assert_cmphex(env.q[5], ==, dep);
        }
    }
}

/* ---- conditions ---- */

static const TCGCond all_conds[] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU, TCG_COND_TSTEQ, TCG_COND_TSTNE,
    TCG_COND_ALWAYS, TCG_COND_NEVER,
};

static bool eval_cond64(TCGCond c, uint64_t a, uint64_t b, bool is64)
{
    int64_t sa = is64 ? (int64_t)a : (int32_t)a, sb = is64 ? (int64_t)b : (int32_t)b;
    if (!is64) {
        a = (uint32_t)a;
        b = (uint32_t)b;
    }
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
    case TCG_COND_ALWAYS: return true;
    default: return false;
    }
}

static void test_setcond_movcond_brcond_all_conditions(void)
{
    for (unsigned ci = 0; ci < sizeof(all_conds) / sizeof(all_conds[0]); ci++) {
        TCGCond c = all_conds[ci];
        for (unsigned i = 0; i < N32; i += 2) {
            for (unsigned j = 0; j < N32; j += 3) {
                uint32_t a = edge32[i], b = edge32[j];
                for (int cb = 0; cb < 2; cb++) {
                    begin();
                    env.r[0] = a;
                    env.r[1] = b;
                    env.r[5] = 0;
                    TCGv_i32 bb = cb ? tcg_constant_i32(b) : g32[1];
                    tcg_gen_setcond_i32(c, g32[2], g32[0], bb);
                    tcg_gen_movcond_i32(c, g32[3], g32[0], bb, tcg_constant_i32(111), g32[0]);
                    TCGLabel *l = gen_new_label();
                    tcg_gen_movi_i32(g32[4], 1);
                    tcg_gen_brcond_i32(c, g32[0], bb, l);
                    tcg_gen_movi_i32(g32[4], 0);
                    gen_set_label(l);
                    finish_and_run();
                    bool want = eval_cond64(c, a, b, false);
                    if (env.r[2] != want || env.r[3] != (want ? 111 : a) || env.r[4] != want) {
                        g_error("cond %s(%#x, %#x)%s: setcond %u movcond %#x brcond %u, want %d",
                                tcg_cond_name(c), a, b, cb ? " const" : "", env.r[2], env.r[3],
                                env.r[4], want);
                    }
                }
            }
        }
        for (unsigned i = 0; i < N64; i += 2) {
            for (unsigned j = 0; j < N64; j += 3) {
                uint64_t a = edge64[i], b = edge64[j];
                for (int cb = 0; cb < 2; cb++) {
                    begin();
                    env.q[0] = a;
                    env.q[1] = b;
                    TCGv_i64 bb = cb ? tcg_constant_i64(b) : g64[1];
                    tcg_gen_setcond_i64(c, g64[2], g64[0], bb);
                    tcg_gen_movcond_i64(c, g64[3], g64[0], bb, g64[1], g64[0]);
                    TCGLabel *l = gen_new_label();
                    tcg_gen_movi_i64(g64[4], 1);
                    tcg_gen_brcond_i64(c, g64[0], bb, l);
                    tcg_gen_movi_i64(g64[4], 0);
                    gen_set_label(l);
                    finish_and_run();
                    bool want = eval_cond64(c, a, b, true);
                    if (env.q[2] != want || env.q[3] != (want ? b : a) || env.q[4] != want) {
                        g_error("cond %s(%#llx, %#llx)%s: setcond %llu movcond %#llx brcond %llu",
                                tcg_cond_name(c), (unsigned long long)a, (unsigned long long)b,
                                cb ? " const" : "", (unsigned long long)env.q[2],
                                (unsigned long long)env.q[3], (unsigned long long)env.q[4]);
                    }
                }
            }
        }
    }
}

/* ---- memory ---- */

static void test_env_loads_stores(void)
{
    begin();
    env.scratch32[0] = 0x8091a2b3;
    env.scratch64[0] = 0xf0e1d2c3b4a59687ull;
    const intptr_t s32 = offsetof(FakeEnv, scratch32), s64 = offsetof(FakeEnv, scratch64);
    tcg_gen_ld8u_i32(g32[0], tcg_env, s32);
    tcg_gen_ld8s_i32(g32[1], tcg_env, s32);
    tcg_gen_ld16u_i32(g32[2], tcg_env, s32 + 2);
    tcg_gen_ld16s_i32(g32[3], tcg_env, s32 + 2);
    tcg_gen_ld_i32(g32[4], tcg_env, s32);
    tcg_gen_ld8s_i64(g64[0], tcg_env, s64);
    tcg_gen_ld16s_i64(g64[1], tcg_env, s64);
    tcg_gen_ld32u_i64(g64[2], tcg_env, s64 + 4);
    tcg_gen_ld32s_i64(g64[3], tcg_env, s64 + 4);
    tcg_gen_ld_i64(g64[4], tcg_env, s64);
    tcg_gen_st8_i32(tcg_constant_i32(0x11), tcg_env, s32 + 4);
    tcg_gen_st16_i32(g32[4], tcg_env, s32 + 6);
    tcg_gen_st_i32(tcg_constant_i32(-2), tcg_env, s32 + 8);
    tcg_gen_st32_i64(g64[4], tcg_env, s64 + 8);
    tcg_gen_st_i64(tcg_constant_i64(-3), tcg_env, s64 + 16);
    tcg_gen_st8_i64(g64[4], tcg_env, s64 + 24);
    finish_and_run();
    g_assert_cmphex(env.r[0], ==, 0xb3);
    g_assert_cmphex(env.r[1], ==, 0xffffffb3);
    g_assert_cmphex(env.r[2], ==, 0x8091);
    g_assert_cmphex(env.r[3], ==, 0xffff8091);
    g_assert_cmphex(env.r[4], ==, 0x8091a2b3);
    g_assert_cmphex(env.q[0], ==, 0xffffffffffffff87ull);
    g_assert_cmphex(env.q[1], ==, 0xffffffffffff9687ull);
    g_assert_cmphex(env.q[2], ==, 0xf0e1d2c3ull);
    g_assert_cmphex(env.q[3], ==, 0xfffffffff0e1d2c3ull);
    g_assert_cmphex(env.q[4], ==, 0xf0e1d2c3b4a59687ull);
    g_assert_cmphex(env.scratch32[1] & 0xff, ==, 0x11);
    g_assert_cmphex(env.scratch32[1] >> 16, ==, 0xa2b3);
    g_assert_cmphex(env.scratch32[2], ==, 0xfffffffe);
    g_assert_cmphex(env.scratch64[1] & 0xffffffff, ==, 0xb4a59687);
    g_assert_cmphex(env.scratch64[2], ==, ~2ull);
    g_assert_cmphex(env.scratch64[3] & 0xff, ==, 0x87);
}

static uint8_t guest_mem[4096] __attribute__((aligned(64)));

static void test_guest_memory_sizes_signs_byteswap(void)
{
    setup();
    tcg_ctx->guest_base = (uintptr_t)guest_mem;
    static const uint8_t pattern[16] = { 0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8,
                                         0x09, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f, 0x70 };
    static const MemOp ops[] = { MO_UB, MO_SB, MO_UW, MO_SW, MO_UL, MO_SL, MO_UQ,
                                 MO_UW | MO_BSWAP, MO_SW | MO_BSWAP, MO_UL | MO_BSWAP,
                                 MO_SL | MO_BSWAP, MO_UQ | MO_BSWAP };
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
        MemOp op = ops[k];
        unsigned size = memop_size(op);
        for (uint32_t addr = 100; addr < 103; addr++) { /* unaligned too */
            memset(guest_mem, 0, sizeof(guest_mem));
            memcpy(guest_mem + addr, pattern, 16);
            uint64_t raw = 0;
            memcpy(&raw, pattern, size);
            if (op & MO_BSWAP) {
                raw = __builtin_bswap64(raw) >> (64 - 8 * size);
            }
            uint64_t want64 = raw;
            if (op & MO_SIGN) {
                want64 = (uint64_t)((int64_t)(raw << (64 - 8 * size)) >> (64 - 8 * size));
            }
            begin();
            env.r[0] = addr;
            if (size <= 4) {
                tcg_gen_qemu_ld_i32(g32[1], g32[0], 1, op);
                tcg_gen_qemu_st_i32(g32[1], tcg_constant_i32(200), 1, op);
                tcg_gen_qemu_st_i32(tcg_constant_i32(0x7f6e5d4c), tcg_constant_i32(300), 1, op);
            }
            tcg_gen_qemu_ld_i64(g64[1], g32[0], 1, op);
            tcg_gen_qemu_st_i64(g64[1], tcg_constant_i32(400), 1, op);
            finish_and_run();
            if (size <= 4) {
                g_assert_cmphex(env.r[1], ==, (uint32_t)want64);
                g_assert_cmpmem(guest_mem + 200, size, pattern, size);
                uint64_t c = 0x7f6e5d4c;
                if (op & MO_BSWAP) {
                    c = __builtin_bswap64(c) >> (64 - 8 * size);
                }
                g_assert_cmpmem(guest_mem + 300, size, &c, size);
            }
            g_assert_cmphex(env.q[1], ==, want64);
            g_assert_cmpmem(guest_mem + 400, size, pattern, size);
        }
    }
}

/* ---- helper calls ---- */

static uint64_t seen[8];
static unsigned seen_n;

static uint32_t h_i32_1(uint32_t a) { seen[0] = a; seen_n = 1; return a * 3 + 0x80000000u; }
static uint64_t h_i64_2(uint64_t a, uint32_t b)
{
    seen[0] = a; seen[1] = b; seen_n = 2;
    return a ^ ((uint64_t)b << 32);
}
static uint32_t h_mix_6(uint32_t a, uint64_t b, uint32_t c, uint64_t d, uint32_t e, uint64_t f)
{
    seen[0] = a; seen[1] = b; seen[2] = c; seen[3] = d; seen[4] = e; seen[5] = f; seen_n = 6;
    return (uint32_t)(a + b + c + d + e + f);
}
static int32_t h_neg_s32(int32_t a) { return -a; }
static void h_env_reads_writes(void *e)
{
    FakeEnv *fe = e;
    seen[0] = fe->r[0];
    fe->r[1] = 0xc0ffee;
}

#define TM(code, slot) ((unsigned)(code) << ((slot) * 3))
static const TCGHelperInfo info_i32_1 = { (void *)h_i32_1, "i32_1", TCG_CALL_NO_RWG,
                                          TM(dh_typecode_i32, 0) | TM(dh_typecode_i32, 1) };
static const TCGHelperInfo info_i64_2 = { (void *)h_i64_2, "i64_2", TCG_CALL_NO_RWG,
                                          TM(dh_typecode_i64, 0) | TM(dh_typecode_i64, 1) |
                                              TM(dh_typecode_i32, 2) };
static const TCGHelperInfo info_mix_6 = {
    (void *)h_mix_6, "mix_6", 0,
    TM(dh_typecode_i32, 0) | TM(dh_typecode_i32, 1) | TM(dh_typecode_i64, 2) |
        TM(dh_typecode_i32, 3) | TM(dh_typecode_i64, 4) | TM(dh_typecode_i32, 5) |
        TM(dh_typecode_i64, 6)
};
static const TCGHelperInfo info_neg = { (void *)h_neg_s32, "neg_s32", TCG_CALL_NO_RWG_SE,
                                        TM(dh_typecode_s32, 0) | TM(dh_typecode_s32, 1) };
static const TCGHelperInfo info_env = { (void *)h_env_reads_writes, "env_rw", 0,
                                        TM(dh_typecode_ptr, 1) };

static void test_helper_calls_args_and_returns(void)
{
    begin();
    env.r[0] = 0x11111111;
    env.q[0] = 0x2222222233333333ull;
    TCGTemp *a1[1] = { tcgv_i32_temp(g32[0]) };
    tcg_gen_callN(&info_i32_1, tcgv_i32_temp(g32[2]), a1);
    TCGv_i64 r64 = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(r64, g32[2]); /* the i32 result must be zero-extended */
    tcg_gen_mov_i64(g64[2], r64);
    finish_and_run();
    g_assert_cmphex(seen[0], ==, 0x11111111);
    g_assert_cmphex(env.r[2], ==, 0xb3333333);
    g_assert_cmphex(env.q[2], ==, 0xb3333333ull);

    begin();
    TCGTemp *a2[2] = { tcgv_i64_temp(g64[0]), tcgv_i32_temp(tcg_constant_i32(-1)) };
    tcg_gen_callN(&info_i64_2, tcgv_i64_temp(g64[3]), a2);
    finish_and_run();
    g_assert_cmphex(seen[1], ==, 0xffffffff);
    g_assert_cmphex(env.q[3], ==, 0x2222222233333333ull ^ 0xffffffff00000000ull);

    /* Six arguments, some of them the same temp, some live after. */
    begin();
    env.r[3] = 5;
    env.q[4] = 0x100000000ull;
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_addi_i32(t, g32[3], 1);
    TCGTemp *a6[6] = { tcgv_i32_temp(t), tcgv_i64_temp(g64[4]), tcgv_i32_temp(g32[3]),
                       tcgv_i64_temp(tcg_constant_i64(-1)), tcgv_i32_temp(t),
                       tcgv_i64_temp(g64[4]) };
    tcg_gen_callN(&info_mix_6, tcgv_i32_temp(g32[6]), a6);
    tcg_gen_add_i32(g32[7], t, g32[3]); /* t and r3 survive the call */
    finish_and_run();
    g_assert_cmpuint(seen_n, ==, 6);
    g_assert_cmphex(seen[0], ==, 6);
    g_assert_cmphex(seen[1], ==, 0x100000000ull);
    g_assert_cmphex(seen[2], ==, 5);
    g_assert_cmphex(seen[3], ==, ~0ull);
    g_assert_cmphex(seen[4], ==, 6);
    g_assert_cmphex(seen[5], ==, 0x100000000ull);
    g_assert_cmphex(env.r[6], ==, (uint32_t)(6 + 5 + 6 - 1));
    g_assert_cmphex(env.r[7], ==, 11);

    begin();
    env.r[0] = 7;
    TCGTemp *an[1] = { tcgv_i32_temp(g32[0]) };
    tcg_gen_callN(&info_neg, tcgv_i32_temp(g32[1]), an);
    TCGv_i64 w = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(w, g32[1]);
    tcg_gen_mov_i64(g64[1], w);
    finish_and_run();
    g_assert_cmphex(env.r[1], ==, (uint32_t)-7);
    g_assert_cmphex(env.q[1], ==, 0xfffffff9ull);
}

static void test_globals_synced_around_calls(void)
{
    /* A helper that reads and writes env sees the IR's latest value of r0
     * and its write to r1 is what the IR reads afterwards. */
    begin();
    env.r[0] = 1;
    env.r[1] = 2;
    tcg_gen_addi_i32(g32[0], g32[0], 41);   /* r0 = 42, still in a register */
    tcg_gen_addi_i32(g32[1], g32[1], 1);    /* r1 = 3 in a register */
    TCGTemp *a[1] = { tcgv_ptr_temp(tcg_env) };
    tcg_gen_callN(&info_env, NULL, a);
    tcg_gen_addi_i32(g32[2], g32[1], 1);    /* must read the helper's r1 */
    finish_and_run();
    g_assert_cmphex(seen[0], ==, 42);
    g_assert_cmphex(env.r[1], ==, 0xc0ffee);
    g_assert_cmphex(env.r[2], ==, 0xc0ffef);
}

/* ---- register pressure and control flow ---- */

static void test_register_pressure_spills(void)
{
    enum { N = 40 };
    begin();
    TCGv_i32 t[N];
    env.r[0] = 3;
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i32();
        tcg_gen_muli_i32(t[i], g32[0], i + 1);
        tcg_gen_xori_i32(t[i], t[i], i * 0x1010101);
    }
    /* A call in the middle: everything live must survive in the frame. */
    TCGTemp *a1[1] = { tcgv_i32_temp(t[5]) };
    tcg_gen_callN(&info_i32_1, tcgv_i32_temp(g32[5]), a1);
    TCGv_i32 sum = tcg_temp_new_i32();
    tcg_gen_movi_i32(sum, 0);
    for (int i = 0; i < N; i++) {
        tcg_gen_add_i32(sum, sum, t[i]);
        tcg_gen_rotli_i32(sum, sum, 3);
    }
    tcg_gen_mov_i32(g32[1], sum);
    finish_and_run();
    uint32_t want = 0, v[N];
    for (int i = 0; i < N; i++) {
        v[i] = (3u * (i + 1)) ^ (uint32_t)(i * 0x1010101);
    }
    for (int i = 0; i < N; i++) {
        want = rol32(want + v[i], 3);
    }
    g_assert_cmphex(env.r[1], ==, want);
    g_assert_cmphex(env.r[5], ==, v[5] * 3 + 0x80000000u);
}

static void test_loop_with_tb_temps_across_labels(void)
{
    /* sum = 0; i = r0; do { sum += i * i; } while (--i != 0); */
    begin();
    env.r[0] = 100;
    TCGv_i32 sum = tcg_temp_new_i32(), i = tcg_temp_new_i32(), sq = tcg_temp_ebb_new_i32();
    tcg_gen_movi_i32(sum, 0);
    tcg_gen_mov_i32(i, g32[0]);
    TCGLabel *top = gen_new_label();
    gen_set_label(top);
    tcg_gen_mul_i32(sq, i, i);
    tcg_gen_add_i32(sum, sum, sq);
    tcg_gen_subi_i32(i, i, 1);
    tcg_gen_brcondi_i32(TCG_COND_NE, i, 0, top);
    tcg_gen_mov_i32(g32[1], sum);
    finish_and_run();
    g_assert_cmpuint(env.r[1], ==, 338350);
}

static void test_exit_tb_returns_tb_and_slot(void)
{
    static uint64_t fake_tb[8] __attribute__((aligned(64)));
    begin();
    tcg_gen_exit_tb((const struct TranslationBlock *)fake_tb, 1);
    uint8_t *code = tcg_ctx->code_gen_ptr;
    g_assert_cmpint(tcg_gen_code(), >, 0);
    g_assert_cmphex(tcg_qemu_tb_exec(&env, code), ==, (uintptr_t)fake_tb + 1);
}

/* Outputs that are also inputs, and one temp used as several operands:
 * the register allocator's aliasing and fixed-register paths. */
static void test_same_temp_in_several_operands(void)
{
    static const uint32_t vals[] = { 3, 0x80000001, 0xfffffff0, 0x12345678 };
    for (unsigned i = 0; i < 4; i++) {
        for (unsigned j = 0; j < 4; j++) {
            uint32_t a = vals[i], b = vals[j];
            begin();
            for (int k = 0; k < 8; k++) {
                env.r[k] = k & 1 ? b : a;
            }
            tcg_gen_shl_i32(g32[0], g32[0], g32[0]);          /* a << (a & 31) */
            tcg_gen_divu_i32(g32[1], g32[1], g32[1]);         /* b / b */
            tcg_gen_remu_i32(g32[2], g32[3], g32[2]);         /* b % a */
            tcg_gen_mulu2_i32(g32[4], g32[5], g32[5], g32[4]); /* b * a */
            tcg_gen_deposit_i32(g32[6], g32[7], g32[6], 8, 12);
            tcg_gen_sub_i32(g32[7], g32[7], g32[7]);
            finish_and_run();
            uint64_t p = (uint64_t)a * b;
            uint32_t dep = (b & ~(0xfffu << 8)) | ((a & 0xfff) << 8);
            if (env.r[0] != a << (a & 31) || env.r[1] != 1 || env.r[2] != b % a ||
                env.r[4] != (uint32_t)p || env.r[5] != (uint32_t)(p >> 32) ||
                env.r[6] != dep || env.r[7] != 0) {
                g_error("a=%#x b=%#x: shl %#x div %#x rem %#x mul %#x:%#x dep %#x sub %#x", a, b,
                        env.r[0], env.r[1], env.r[2], env.r[5], env.r[4], env.r[6], env.r[7]);
            }
        }
    }
}

/* ---- registration: each test with and without host ISA extensions ---- */

typedef struct OpTest {
    const char *name;
    void (*fn)(void);
} OpTest;

static const OpTest op_tests[] = {
    { "arith-logic-i32-edge-values", test_arith_logic_i32 },
    { "arith-logic-i64-edge-values", test_arith_logic_i64 },
    { "shifts-rotates-all-counts", test_shifts_all_counts },
    { "div-rem-signed-unsigned", test_div_rem_signed_unsigned },
    { "mulu2-muls2-add2-sub2", test_double_word_mul_add_sub },
    { "unary-ext-bswap-clz-ctz-ctpop", test_unary_ext_bswap_counts },
    { "width-conversions", test_width_conversions },
    { "i32-results-stay-zero-extended", test_i32_results_stay_zero_extended },
    { "extract-sextract-deposit-all-fields", test_extract_deposit_all_fields },
    { "setcond-movcond-brcond-all-conditions", test_setcond_movcond_brcond_all_conditions },
    { "env-loads-stores-all-widths", test_env_loads_stores },
    { "guest-memory-sizes-signs-byteswap", test_guest_memory_sizes_signs_byteswap },
    { "helper-calls-1-to-6-args-i32-i64", test_helper_calls_args_and_returns },
    { "globals-synced-around-calls", test_globals_synced_around_calls },
    { "register-pressure-spills", test_register_pressure_spills },
    { "loop-with-tb-temps-across-labels", test_loop_with_tb_temps_across_labels },
    { "exit-tb-returns-tb-and-slot", test_exit_tb_returns_tb_and_slot },
    { "same-temp-in-several-operands", test_same_temp_in_several_operands },
};

static void run_host_isa(gconstpointer p)
{
    setup();
    tcg_target_set_baseline_isa(false);
    baseline_isa = false;
    ((const OpTest *)p)->fn();
}

static void run_baseline_isa(gconstpointer p)
{
    setup();
    tcg_target_set_baseline_isa(true);
    baseline_isa = true;
    ((const OpTest *)p)->fn();
    tcg_target_set_baseline_isa(false);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (unsigned i = 0; i < sizeof(op_tests) / sizeof(op_tests[0]); i++) {
        char *n1 = g_strdup_printf("/tcg/ops/%s", op_tests[i].name);
        char *n2 = g_strdup_printf("/tcg/ops-baseline-isa/%s", op_tests[i].name);
        g_test_add_data_func(n1, &op_tests[i], run_host_isa);
        g_test_add_data_func(n2, &op_tests[i], run_baseline_isa);
        g_free(n1);
        g_free(n2);
    }
    return g_test_run();
}
