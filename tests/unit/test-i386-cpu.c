/*
 * The i386 CPU object (target/i386/cpu.c): -cpu models and +feat/-feat
 * parsing, CPUID contents, user-mode reset state and hflags, and the EFLAGS
 * round trip through the lazy flags.
 */
#include <glib.h>
#include <string.h>

#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"

static void cpuid(CPUX86State *env, uint32_t leaf, uint32_t r[4])
{
    x86_cpuid(env, leaf, 0, &r[0], &r[1], &r[2], &r[3]);
}

/* Built with CONFIG_USER_ONLY: the CPUID of qemu-i386, which advertises
 * what user mode executes (the paging, MSR and APIC bits are system-only). */
static void test_default_model_is_p6_integer_core(void)
{
    X86CPU *cpu = cpu_x86_create(NULL);
    uint32_t r[4];
    char vendor[13];

    g_assert_nonnull(cpu);
    cpuid(&cpu->env, 0, r);
    memcpy(vendor, &r[1], 4);
    memcpy(vendor + 4, &r[3], 4);
    memcpy(vendor + 8, &r[2], 4);
    vendor[12] = 0;
    g_assert_cmpstr(vendor, ==, "GenuineIntel");
    cpuid(&cpu->env, 1, r);
    g_assert_cmpuint((r[0] >> 8) & 0xf, ==, 6);               /* family 6 */
    g_assert_cmphex(r[3], ==, CPUID_FP87 | CPUID_TSC | CPUID_CX8 | CPUID_CMOV | CPUID_MMX |
                              CPUID_FXSR | CPUID_SSE | CPUID_SSE2);
    g_assert_cmphex(r[3] & (CPUID_PSE | CPUID_PAE | CPUID_MSR | CPUID_APIC | CPUID_SEP), ==, 0);
    free(cpu);
}

static void test_feature_flags_parse(void)
{
    X86CPU *cpu = cpu_x86_create("pentium3,-cmov,tsc=off");
    uint32_t r[4];

    g_assert_nonnull(cpu);
    cpuid(&cpu->env, 1, r);
    g_assert_cmphex(r[3], ==, CPUID_FP87 | CPUID_CX8 | CPUID_MMX | CPUID_FXSR | CPUID_SSE);
    free(cpu);
    /* An extended-leaf feature: NX in CPUID.80000001H:EDX bit 20. */
    cpu = cpu_x86_create("qemu32,+nx");
    g_assert_nonnull(cpu);
    cpuid(&cpu->env, 0x80000001u, r);
    g_assert_cmphex(r[3] & (1u << 20), ==, 1u << 20);
    free(cpu);
    cpu = cpu_x86_create("coreduo,nx=off");
    g_assert_nonnull(cpu);
    cpuid(&cpu->env, 0x80000001u, r);
    g_assert_cmphex(r[3] & (1u << 20), ==, 0);
    free(cpu);
    g_assert_null(cpu_x86_create("pentium3,+nosuchflag"));
    g_assert_null(cpu_x86_create("nosuchcpu"));
    g_assert_null(cpu_x86_create("pentium3,cmov=maybe"));
}

/* CPUID.1:ECX: SSE3 (bit 0) on qemu32 and coreduo -- when the host has it,
 * as helper_sse runs it on the host -- and nothing else; -sse3/pni=off
 * clear it, +pni sets it; MONITOR (bit 3) is never advertised. */
static uint32_t leaf1_ecx(const char *model)
{
    X86CPU *cpu = cpu_x86_create(model);
    uint32_t r[4];

    g_assert_nonnull(cpu);
    cpuid(&cpu->env, 1, r);
    g_assert_cmphex(r[2], ==, cpu->env.cpuid_ext_features);
    free(cpu);
    return r[2];
}

static void test_sse3_in_leaf1_ecx(void)
{
    uint32_t sse3 = __builtin_cpu_supports("sse3") ? CPUID_ECX_SSE3 : 0;

    if (!sse3) {
        g_test_message("host without SSE3: it must not be advertised");
    }
    g_assert_cmphex(leaf1_ecx(NULL), ==, sse3);
    g_assert_cmphex(leaf1_ecx("qemu32"), ==, sse3);
    g_assert_cmphex(leaf1_ecx("coreduo"), ==, sse3);
    g_assert_cmphex(leaf1_ecx("pentium3"), ==, 0);
    g_assert_cmphex(leaf1_ecx("qemu32,-sse3"), ==, 0);
    g_assert_cmphex(leaf1_ecx("coreduo,pni=off"), ==, 0);
    g_assert_cmphex(leaf1_ecx("pentium3,+pni"), ==, sse3);
    g_assert_cmphex(leaf1_ecx("qemu32,-sse3,sse3=on"), ==, sse3);
    g_assert_cmphex(leaf1_ecx("qemu32,+monitor,+ssse3"), ==, sse3);
    g_assert_null(cpu_x86_create("qemu32,+sse5"));
}

static void test_pentium_has_no_cmov(void)
{
    X86CPU *cpu = cpu_x86_create("pentium");
    uint32_t r[4];

    cpuid(&cpu->env, 1, r);
    g_assert_cmpuint((r[0] >> 8) & 0xf, ==, 5);
    g_assert_cmphex(r[3] & CPUID_CMOV, ==, 0);
    free(cpu);
}

static void test_leaf_above_max_returns_highest_basic_leaf(void)
{
    X86CPU *cpu = cpu_x86_create("pentium2");
    uint32_t hi[4], top[4];

    cpuid(&cpu->env, 2, top);
    cpuid(&cpu->env, 7, hi);
    g_assert_cmpmem(hi, sizeof(hi), top, sizeof(top));
    free(cpu);
}

static void test_brand_string(void)
{
    X86CPU *cpu = cpu_x86_create("qemu32");
    uint32_t r[4];
    char brand[49] = { 0 };

    cpuid(&cpu->env, 0x80000000u, r);
    g_assert_cmphex(r[0], ==, 0x80000004u);
    for (uint32_t i = 0; i < 3; i++) {
        cpuid(&cpu->env, 0x80000002u + i, r);
        memcpy(brand + 16 * i, r, 16);
    }
    g_assert_true(g_str_has_prefix(brand, "QEMU Virtual CPU"));
    free(cpu);
}

/* What linux-user sets up: flat CPL 3 segments in protected mode. */
static void test_user_mode_hflags(void)
{
    X86CPU *cpu = cpu_x86_create(NULL);
    CPUX86State *env = &cpu->env;
    uint32_t code = 0x00cffb00u & 0x00f0ff00u, data = 0x00cff300u & 0x00f0ff00u;

    env->cr[0] |= CR0_PE_MASK;   /* user-mode reset does this; system reset does not */
    cpu_x86_load_seg_cache(env, R_CS, 0x23, 0, 0xffffffffu, code);
    cpu_x86_load_seg_cache(env, R_SS, 0x2b, 0, 0xffffffffu, data);
    cpu_x86_load_seg_cache(env, R_DS, 0x2b, 0, 0xffffffffu, data);
    cpu_x86_load_seg_cache(env, R_ES, 0x2b, 0, 0xffffffffu, data);
    x86_update_hflags(env);
    g_assert_cmpuint(env->hflags & HF_CPL_MASK, ==, 3);
    g_assert_true(env->hflags & HF_CS32_MASK);
    g_assert_true(env->hflags & HF_SS32_MASK);
    g_assert_true(env->hflags & HF_PE_MASK);
    g_assert_false(env->hflags & HF_ADDSEG_MASK);   /* flat: no base adds */
    /* a non-zero DS base turns base adds on */
    cpu_x86_load_seg_cache(env, R_DS, 0x2b, 0x1000, 0xffffffffu, data);
    x86_update_hflags(env);
    g_assert_true(env->hflags & HF_ADDSEG_MASK);
    free(cpu);
}

static void test_eflags_round_trip(void)
{
    X86CPU *cpu = cpu_x86_create(NULL);
    CPUX86State *env = &cpu->env;
    uint32_t in = 0x2 | IF_MASK | DF_MASK | CC_O | CC_Z | CC_C | AC_MASK | ID_MASK;

    cpu_load_eflags(env, in, ~0u);
    g_assert_cmphex(cpu_compute_eflags(env), ==, in);
    g_assert_cmpint(env->df, ==, -1);
    /* only the selected bits change */
    cpu_load_eflags(env, 0x2, CC_Z | DF_MASK);
    g_assert_cmphex(cpu_compute_eflags(env), ==, in & ~(CC_Z | DF_MASK));
    free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i386/cpu/default_model_is_p6_integer_core",
                    test_default_model_is_p6_integer_core);
    g_test_add_func("/i386/cpu/feature_flags_parse", test_feature_flags_parse);
    g_test_add_func("/i386/cpu/pentium_has_no_cmov", test_pentium_has_no_cmov);
    g_test_add_func("/i386/cpu/sse3_in_leaf1_ecx", test_sse3_in_leaf1_ecx);
    g_test_add_func("/i386/cpu/leaf_above_max_returns_highest_basic_leaf",
                    test_leaf_above_max_returns_highest_basic_leaf);
    g_test_add_func("/i386/cpu/brand_string", test_brand_string);
    g_test_add_func("/i386/cpu/user_mode_hflags", test_user_mode_hflags);
    g_test_add_func("/i386/cpu/eflags_round_trip", test_eflags_round_trip);
    return g_test_run();
}
