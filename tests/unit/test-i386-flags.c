/*
 * Lazy-flag computation (target/i386/cc_helper.c) against the host CPU:
 * the host is x86, so each operation is also executed natively and the
 * architecturally defined flags compared, for 8/16/32-bit operands over
 * boundary values.  The lazy operands are encoded as translate.c does.
 */
#include <glib.h>
#include <stdint.h>

#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"

static const uint32_t vals[] = {
    0, 1, 2, 0x0f, 0x10, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x100, 0x7fff, 0x8000,
    0x8001, 0xffff, 0x10000, 0x12345678, 0x7fffffff, 0x80000000, 0x80000001,
    0xdeadbeef, 0xfffffffe, 0xffffffff,
};

#define STATUS (CC_O | CC_S | CC_Z | CC_A | CC_P | CC_C)

/* Runs `insn` on (a, b) with the given input CF, returns the result and the
 * flags. */
#define HOST_BINOP(name, insn, sfx, reg_a, reg_b)                             \
static uint32_t name(uint32_t a, uint32_t b, int cf_in, uint32_t *flags)       \
{                                                                              \
    uint64_t f;                                                                \
    asm volatile("bt $0, %q[cf]\n\t" insn sfx " %" reg_b "[b], %" reg_a "[a]\n\t" \
                 "pushfq\n\tpopq %[f]"                                         \
                 : [a] "+r"(a), [f] "=r"(f)                                    \
                 : [b] "r"(b), [cf] "r"((uint64_t)cf_in) : "cc");              \
    *flags = (uint32_t)f & STATUS;                                             \
    return a;                                                                  \
}

#define HOST_OPS(sfx, ra, rb, tag)                                            \
    HOST_BINOP(host_add##tag, "add", sfx, ra, rb)                              \
    HOST_BINOP(host_adc##tag, "adc", sfx, ra, rb)                              \
    HOST_BINOP(host_sub##tag, "sub", sfx, ra, rb)                              \
    HOST_BINOP(host_sbb##tag, "sbb", sfx, ra, rb)                              \
    HOST_BINOP(host_and##tag, "and", sfx, ra, rb)

HOST_OPS("b", "b", "b", 8)
HOST_OPS("w", "w", "w", 16)
HOST_OPS("l", "k", "k", 32)

typedef uint32_t (*HostOp)(uint32_t, uint32_t, int, uint32_t *);

typedef struct BinOpCase {
    const char *name;
    HostOp host[3];
    int cc_base;         /* CC_OP_xxxB */
    bool carry_in;
} BinOpCase;

static const BinOpCase binops[] = {
    { "add", { host_add8, host_add16, host_add32 }, CC_OP_ADDB, false },
    { "adc", { host_adc8, host_adc16, host_adc32 }, CC_OP_ADCB, true },
    { "sub", { host_sub8, host_sub16, host_sub32 }, CC_OP_SUBB, false },
    { "sbb", { host_sbb8, host_sbb16, host_sbb32 }, CC_OP_SBBB, true },
    { "and", { host_and8, host_and16, host_and32 }, CC_OP_LOGICB, false },
};

static void test_binops_match_host(void)
{
    for (size_t k = 0; k < G_N_ELEMENTS(binops); k++) {
        for (int size = 0; size < 3; size++) {
            for (size_t i = 0; i < G_N_ELEMENTS(vals); i++) {
                for (size_t j = 0; j < G_N_ELEMENTS(vals); j++) {
                    for (int cf = 0; cf < 2; cf++) {
                        uint32_t hf, a = vals[i], b = vals[j];
                        uint32_t res = binops[k].host[size](a, b, cf, &hf);
                        /* lazy encoding as in translate.c gen_alu: dst is
                         * the untruncated 32-bit result of the IR ops */
                        uint32_t dst = k == 0 ? a + b : k == 1 ? a + b + cf :
                                       k == 2 ? a - b : k == 3 ? a - b - cf : a & b;
                        uint32_t ef = cc_compute_all(dst, b, binops[k].carry_in ? cf : 0,
                                                     binops[k].cc_base + size);
                        (void)res;
                        if (ef != hf) {
                            g_test_message("%s size %d a=%x b=%x cf=%d: lazy %03x host %03x",
                                           binops[k].name, 8 << size, a, b, cf, ef, hf);
                        }
                        g_assert_cmphex(ef, ==, hf);
                    }
                }
            }
        }
    }
}

/* INC/DEC: CF preserved; the rest defined. */
static void test_inc_dec_match_host(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(vals); i++) {
        for (int cf = 0; cf < 2; cf++) {
            uint32_t a = vals[i], b = vals[i];
            uint64_t f1, f2;
            asm volatile("bt $0, %q[cf]\n\tincl %k[a]\n\tpushfq\n\tpopq %[f]"
                         : [a] "+r"(a), [f] "=r"(f1) : [cf] "r"((uint64_t)cf) : "cc");
            asm volatile("bt $0, %q[cf]\n\tdecl %k[a]\n\tpushfq\n\tpopq %[f]"
                         : [a] "+r"(b), [f] "=r"(f2) : [cf] "r"((uint64_t)cf) : "cc");
            g_assert_cmphex(cc_compute_all(vals[i] + 1, cf, 0, CC_OP_INCL), ==,
                            (uint32_t)f1 & STATUS);
            g_assert_cmphex(cc_compute_all(vals[i] - 1, cf, 0, CC_OP_DECL), ==,
                            (uint32_t)f2 & STATUS);
        }
    }
}

/* 1-bit SHL/SHR/SAR: every flag but AF is defined. */
static void test_shift_by_one_match_host(void)
{
    const uint32_t mask = STATUS & ~CC_A;
    for (size_t i = 0; i < G_N_ELEMENTS(vals); i++) {
        uint32_t v = vals[i], r;
        uint64_t f;

        r = v;
        asm volatile("shll $1, %k[a]\n\tpushfq\n\tpopq %[f]" : [a] "+r"(r), [f] "=r"(f)
                     :: "cc");
        g_assert_cmphex(cc_compute_all(v << 1, v, 0, CC_OP_SHLL) & mask, ==,
                        (uint32_t)f & mask);
        r = v;
        asm volatile("shrl $1, %k[a]\n\tpushfq\n\tpopq %[f]" : [a] "+r"(r), [f] "=r"(f)
                     :: "cc");
        g_assert_cmphex(cc_compute_all(v >> 1, v, 0, CC_OP_SARL) & mask, ==,
                        (uint32_t)f & mask);
        r = v;
        asm volatile("sarl $1, %k[a]\n\tpushfq\n\tpopq %[f]" : [a] "+r"(r), [f] "=r"(f)
                     :: "cc");
        g_assert_cmphex(cc_compute_all((uint32_t)((int32_t)v >> 1), v, 0, CC_OP_SARL) & mask,
                        ==, (uint32_t)f & mask);
    }
}

static void test_eflags_form_passes_through(void)
{
    g_assert_cmphex(cc_compute_all(0, 0xffffffff, 0, CC_OP_EFLAGS), ==, STATUS);
    g_assert_cmphex(cc_compute_all(0, CC_Z | CC_P, 0, CC_OP_EFLAGS), ==, CC_Z | CC_P);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i386/flags/add_adc_sub_sbb_and_match_host", test_binops_match_host);
    g_test_add_func("/i386/flags/inc_dec_match_host", test_inc_dec_match_host);
    g_test_add_func("/i386/flags/shift_by_one_match_host", test_shift_by_one_match_host);
    g_test_add_func("/i386/flags/eflags_form_passes_through", test_eflags_form_passes_through);
    return g_test_run();
}
