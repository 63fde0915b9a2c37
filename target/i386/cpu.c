/*
 * The i386 CPU object: models for -cpu, feature parsing, reset, CPUID,
 * hflags, the state hooks accel/tcg calls (TB key, state restore, dumps).
 *
 * CPUID advertises only what Q86 implements: the integer ISA of a P6
 * (CMOV, CMPXCHG8B, RDTSC), the x87, MMX, SSE, SSE2 and SSE3 in both
 * binaries, plus the
 * system-level features (paging extensions, MSRs, SYSENTER, MTRRs, PAT,
 * the local APIC) in qemu-system-i386.  A guest that probes CPUID picks
 * code paths that work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "qemu/log.h"
#ifndef CONFIG_USER_ONLY
#include "exec/cputlb.h"
#include "hw/i386/apic.h"
#endif

/* Features Q86 executes in both binaries
 * (x87, MMX, SSE, SSE2 included); a model never advertises more by default. */
#define COMMON_IMPLEMENTED_FEATURES (CPUID_FP87 | CPUID_TSC | CPUID_CX8 | CPUID_CMOV | CPUID_MMX | \
                                     CPUID_FXSR | CPUID_SSE | CPUID_SSE2)
#ifdef CONFIG_USER_ONLY
#define IMPLEMENTED_FEATURES COMMON_IMPLEMENTED_FEATURES
#else
/* System level: DE (CR4.DE), PSE/PSE-36/PAE/PGE paging, RDMSR/WRMSR, MCE
 * (CR4.MCE; no machine check is ever signalled), the local APIC (leaf 1
 * shows it only while one exists and is enabled), SYSENTER/SYSEXIT, MTRR
 * and PAT MSRs (kept, caching is not modelled), CLFLUSH (a no-op). */
#define IMPLEMENTED_FEATURES (COMMON_IMPLEMENTED_FEATURES | CPUID_DE | CPUID_PSE | CPUID_MSR | \
                              CPUID_PAE | CPUID_MCE | CPUID_APIC | CPUID_SEP | CPUID_MTRR |    \
                              CPUID_PGE | CPUID_PAT | CPUID_PSE36 | CPUID_CLFLUSH)
#endif
/* CPUID.80000001H:EDX bits: NX (XD) is implemented by the PAE page walk. */
#define CPUID_EXT2_NX (1u << 20)
#define IMPLEMENTED_EXT2_FEATURES CPUID_EXT2_NX

/* CPUID.1:ECX bits Q86 executes: SSE3 (sse_helper.c runs it on the host's
 * own SSE3 unit, so only when the host has SSE3: the first x86-64 CPUs did
 * not).  MONITOR/MWAIT are not implemented (#UD), so bit 3 stays clear. */
static uint32_t implemented_ecx_features(void)
{
    return __builtin_cpu_supports("sse3") ? CPUID_ECX_SSE3 : 0;
}

/* The feature words -cpu edits; a feature is word * 32 + bit. */
enum { FEAT_1_EDX, FEAT_1_ECX, FEAT_8000_0001_EDX, FEAT_WORDS };

typedef struct X86CPUModel {
    const char *name;
    const char *desc;
    int family, model, stepping;
    uint32_t level;        /* highest basic CPUID leaf */
    uint32_t xlevel;       /* highest extended leaf (0: none) */
    uint32_t features;     /* CPUID.1:EDX, before masking */
    const char *model_id;  /* brand string (extended leaves 2..4) */
    uint32_t ext2_features; /* CPUID.80000001H:EDX beyond the leaf 1 copy */
    uint32_t ext_features; /* CPUID.1:ECX, before masking */
} X86CPUModel;

/* The CPUID.1:EDX sets of the real processors (SDM vol. 2A, CPUID; the
 * processor identification application note, AP-485). */
#define P5_FEATURES (CPUID_FP87 | CPUID_VME | CPUID_DE | CPUID_PSE | CPUID_TSC | CPUID_MSR | \
                     CPUID_MCE | CPUID_CX8 | CPUID_APIC)
#define P6_FEATURES (P5_FEATURES | CPUID_PAE | CPUID_SEP | CPUID_MTRR | CPUID_PGE |          \
                     CPUID_MCA | CPUID_CMOV | CPUID_PAT | CPUID_PSE36 | CPUID_MMX | CPUID_FXSR)

static const X86CPUModel x86_cpu_models[] = {
    { "qemu32", "QEMU Virtual CPU version 2.5+ (P6 family)",
      6, 6, 3, 4, 0x80000004,
      CPUID_FP87 | CPUID_DE | CPUID_PSE | CPUID_TSC | CPUID_MSR | CPUID_PAE | CPUID_MCE |
      CPUID_CX8 | CPUID_APIC | CPUID_SEP | CPUID_MTRR | CPUID_PGE | CPUID_CMOV | CPUID_PAT |
      CPUID_MMX | CPUID_FXSR | CPUID_SSE | CPUID_SSE2,
      "QEMU Virtual CPU version 2.5+", 0, CPUID_ECX_SSE3 },
    { "pentium", "Intel Pentium (P5, no CMOV)",
      5, 4, 3, 1, 0, P5_FEATURES | CPUID_MMX, "", 0 },
    { "pentiumpro", "Intel Pentium Pro (P6)",
      6, 1, 9, 2, 0, P6_FEATURES & ~(CPUID_MMX | CPUID_FXSR), "", 0 },
    { "pentium2", "Intel Pentium II",
      6, 5, 2, 2, 0, P6_FEATURES, "", 0 },
    { "pentium3", "Intel Pentium III",
      6, 7, 3, 3, 0, P6_FEATURES | CPUID_SSE, "", 0 },
    { "coreduo", "Genuine Intel(R) CPU T2600 @ 2.16GHz (Core Duo, Yonah)",
      6, 14, 8, 10, 0x80000008,
      P6_FEATURES | CPUID_CLFLUSH | CPUID_SSE | CPUID_SSE2,
      "Genuine Intel(R) CPU           T2600  @ 2.16GHz", CPUID_EXT2_NX,
      CPUID_ECX_SSE3 },     /* Yonah: the first Core with SSE3 */
};

/* Names for +feature/-feature: CPUID.1:EDX and CPUID.1:ECX in bit order
 * (SDM vol. 2A, CPUID, tables 3-10 and 3-11; the names Linux shows in
 * /proc/cpuinfo), then the CPUID.80000001H:EDX ones. */
static const char *const edx_feature_names[32] = {
    "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce",
    "cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
    "pat", "pse36", NULL, "clflush", NULL, "ds", "acpi", "mmx",
    "fxsr", "sse", "sse2", "ss", "ht", "tm", NULL, "pbe",
};
static const char *const ecx_feature_names[32] = {
    "sse3", "pclmulqdq", "dtes64", "monitor", "ds-cpl", "vmx", "smx", "est",
    "tm2", "ssse3", "cid", NULL, "fma", "cx16", "xtpr", "pdcm",
    NULL, "pcid", "dca", "sse4.1", "sse4.2", "x2apic", "movbe", "popcnt",
    "tsc-deadline", "aes", "xsave", "osxsave", "avx", "f16c", "rdrand", "hypervisor",
};
/* Other names: aliases and the CPUID.80000001H:EDX bits */
static const struct { const char *name; int feature; } other_feature_names[] = {
    { "pni", FEAT_1_ECX * 32 + 0 },     /* SSE3's first name, "Prescott New Instructions" */
    { "nx", FEAT_8000_0001_EDX * 32 + 20 }, { "xd", FEAT_8000_0001_EDX * 32 + 20 },
};

void x86_cpu_list(FILE *f)
{
    fprintf(f, "Available CPUs:\n");
    for (size_t i = 0; i < sizeof(x86_cpu_models) / sizeof(x86_cpu_models[0]); i++) {
        fprintf(f, "x86 %-16s %s%s\n", x86_cpu_models[i].name, x86_cpu_models[i].desc,
                i == 0 ? " (default)" : "");
    }
    fprintf(f, "\nRecognized CPUID flags (+flag / -flag / flag=on|off):\n ");
    for (int i = 0; i < 32; i++) {
        if (edx_feature_names[i]) {
            fprintf(f, " %s", edx_feature_names[i]);
        }
    }
    fprintf(f, "\n ");
    for (int i = 0; i < 32; i++) {
        if (ecx_feature_names[i]) {
            fprintf(f, " %s", ecx_feature_names[i]);
        }
    }
    fprintf(f, " pni\n  nx xd\n");
}

static const X86CPUModel *find_model(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof(x86_cpu_models) / sizeof(x86_cpu_models[0]); i++) {
        if (strlen(x86_cpu_models[i].name) == len &&
            strncmp(x86_cpu_models[i].name, name, len) == 0) {
            return &x86_cpu_models[i];
        }
    }
    return NULL;
}

static bool name_is(const char *known, const char *name, size_t len)
{
    return known && strlen(known) == len && strncmp(known, name, len) == 0;
}

/* Feature of a name (word * 32 + bit, FEAT_*), or -1. */
static int feature_bit(const char *name, size_t len)
{
    for (int i = 0; i < 32; i++) {
        if (name_is(edx_feature_names[i], name, len)) {
            return FEAT_1_EDX * 32 + i;
        }
        if (name_is(ecx_feature_names[i], name, len)) {
            return FEAT_1_ECX * 32 + i;
        }
    }
    for (size_t i = 0; i < sizeof(other_feature_names) / sizeof(other_feature_names[0]); i++) {
        if (name_is(other_feature_names[i].name, name, len)) {
            return other_feature_names[i].feature;
        }
    }
    return -1;
}

/*
 * Applies one "+feat", "-feat", "feat=on|off" item to features[FEAT_WORDS].
 * Returns false (and says why on stderr) for an unknown item.  Enabling an
 * EDX feature Q86 does not implement is allowed but warned about: the
 * guest will then meet #UD on those instructions.  An unimplemented
 * CPUID.1:ECX feature is never advertised (a warning says so): software
 * picks SSE4/AVX/MONITOR code paths from those bits.
 */
static bool apply_feature(const char *item, size_t len, uint32_t features[FEAT_WORDS])
{
    bool on;
    const char *name = item;
    size_t nlen = len;
    const char *eq = memchr(item, '=', len);
    int bit;

    if (len && (item[0] == '+' || item[0] == '-')) {
        on = item[0] == '+';
        name++;
        nlen--;
    } else if (eq) {
        const char *val = eq + 1;
        size_t vlen = len - (size_t)(val - item);
        nlen = (size_t)(eq - item);
        if (vlen == 2 && strncmp(val, "on", 2) == 0) {
            on = true;
        } else if (vlen == 3 && strncmp(val, "off", 3) == 0) {
            on = false;
        } else {
            fprintf(stderr, "qemu: -cpu: bad value in '%.*s' (on/off)\n", (int)len, item);
            return false;
        }
    } else {
        on = true;
    }
    bit = feature_bit(name, nlen);
    if (bit < 0) {
        fprintf(stderr, "qemu: -cpu: unknown CPU feature '%.*s'\n", (int)nlen, name);
        return false;
    }
    if (on) {
        const uint32_t implemented[FEAT_WORDS] = {
            IMPLEMENTED_FEATURES, implemented_ecx_features(), IMPLEMENTED_EXT2_FEATURES,
        };
        if (!(implemented[bit / 32] & (1u << (bit % 32)))) {
            if (bit / 32 == FEAT_1_ECX) {
                fprintf(stderr, "qemu: warning: -cpu: feature '%.*s' is not implemented%s; "
                        "not advertised\n", (int)nlen, name,
                        bit == FEAT_1_ECX * 32 ? " on this host" : "");
                return true;
            }
            fprintf(stderr, "qemu: warning: -cpu: feature '%.*s' is advertised but not "
                    "implemented\n", (int)nlen, name);
        }
        features[bit / 32] |= 1u << (bit % 32);
    } else {
        features[bit / 32] &= ~(1u << (bit % 32));
    }
    return true;
}

static void set_vendor(CPUX86State *env, const char *v)
{
    memcpy(&env->cpuid_vendor[0], v, 4);      /* EBX */
    memcpy(&env->cpuid_vendor[1], v + 4, 4);  /* EDX */
    memcpy(&env->cpuid_vendor[2], v + 8, 4);  /* ECX */
}

X86CPU *cpu_x86_create(const char *cpu_model)
{
    const char *spec = cpu_model ? cpu_model : "qemu32";
    size_t nlen = strcspn(spec, ",");
    const X86CPUModel *m = find_model(spec, nlen);
    uint32_t features[FEAT_WORDS];
    X86CPU *cpu;
    CPUX86State *env;

    if (!m) {
        return NULL;
    }
    features[FEAT_1_EDX] = m->features & IMPLEMENTED_FEATURES;
    features[FEAT_1_ECX] = m->ext_features & implemented_ecx_features();
    features[FEAT_8000_0001_EDX] = m->ext2_features & IMPLEMENTED_EXT2_FEATURES;
    for (const char *p = spec + nlen; *p == ',';) {
        size_t len = strcspn(p + 1, ",");
        if (!apply_feature(p + 1, len, features)) {
            return NULL;
        }
        p += len + 1;
    }

    cpu = calloc(1, sizeof(*cpu));
    if (!cpu) {
        return NULL;
    }
    env = &cpu->env;
    cpu->parent_obj.env_ptr = env;
    cpu->parent_obj.neg = &cpu->neg;
    cpu->parent_obj.exception_index = -1;

    set_vendor(env, "GenuineIntel");
    env->cpuid_level = m->level;
    env->cpuid_version = (m->family << 8) | (m->model << 4) | m->stepping;
    env->cpuid_features = features[FEAT_1_EDX];
    env->cpuid_ext_features = features[FEAT_1_ECX];
    /* Leaf 80000001H:EDX repeats the leaf 1 bits QEMU's models repeat,
     * plus NX. */
    env->cpuid_ext2_features = m->xlevel ? ((features[FEAT_1_EDX] & 0x0183f3ffu) |
                                            features[FEAT_8000_0001_EDX]) : 0;
    snprintf(env->cpuid_model_id, sizeof(env->cpuid_model_id), "%s", m->model_id);
    env->cpuid_xlevel = m->xlevel;
    x86_cpu_reset(cpu);
    return cpu;
}

/* CPUID (SDM vol. 2A, CPUID).  Leaves above the maximum return the highest
 * basic leaf, as Intel processors do. */
void x86_cpuid(CPUX86State *env, uint32_t leaf, uint32_t sub,
               uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    uint32_t xlevel = env->cpuid_xlevel;

    if (leaf >= 0x80000000u) {
        if (xlevel == 0 || leaf > xlevel) {
            leaf = env->cpuid_level;
        }
    } else if (leaf > env->cpuid_level) {
        leaf = env->cpuid_level;
    }
    *eax = *ebx = *ecx = *edx = 0;
    switch (leaf) {
    case 0:
        *eax = env->cpuid_level;
        *ebx = env->cpuid_vendor[0];
        *edx = env->cpuid_vendor[1];
        *ecx = env->cpuid_vendor[2];
        break;
    case 1:
        *eax = env->cpuid_version;
        *ebx = (uint32_t)env_cpu(env)->cpu_index << 24; /* initial APIC id */
        if (env->cpuid_features & CPUID_CLFLUSH) {
            *ebx |= 8 << 8;     /* CLFLUSH line size in 8-byte units: 64 */
        }
        *ecx = env->cpuid_ext_features;
        *edx = env->cpuid_features;
        /* The APIC bit follows IA32_APIC_BASE's global enable, and is
         * clear when the machine has no local APIC (SDM vol. 3A, 10.4.3). */
        if (!env->apic || !(env->apic_base_msr & (1u << 11))) {
            *edx &= ~CPUID_APIC;
        }
        break;
    case 2:
        /* One iteration, no cache/TLB descriptors reported. */
        *eax = 1;
        break;
    case 0x80000000u:
        *eax = xlevel;
        break;
    case 0x80000001u:
        *edx = env->cpuid_ext2_features;
        break;
    case 0x80000002u:
    case 0x80000003u:
    case 0x80000004u: {
        const char *id = env->cpuid_model_id + (leaf - 0x80000002u) * 16;
        memcpy(eax, id, 4);
        memcpy(ebx, id + 4, 4);
        memcpy(ecx, id + 8, 4);
        memcpy(edx, id + 12, 4);
        break;
    }
    default:
        break;
    }
    (void)sub;
}

/* Power-on state (SDM vol. 3A, 9.1.1, table 9-1).  linux-user overrides
 * registers, segments and CR0 for a flat protected-mode user process. */
void x86_cpu_reset(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    uint32_t data_flags = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | DESC_A_MASK;

    env->hflags = 0;    /* leaves SMM, drops an interrupt shadow */
    env->hflags2 = 0;
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[R_EDX] = env->cpuid_version;
    env->eip = 0xfff0;
    env->eflags = 0x2;
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = env->cc_dst = env->cc_src2 = 0;
    env->df = 1;
    env->cr[0] = CR0_ET_MASK | 0x60000000u; /* CD, NW set */
    env->cr[2] = env->cr[3] = env->cr[4] = 0;
    env->efer = 0;
    for (int i = 0; i < 6; i++) {
        cpu_x86_load_seg_cache(env, i, 0, 0, 0xffff, data_flags);
    }
    cpu_x86_load_seg_cache(env, R_CS, 0xf000, 0xffff0000u, 0xffff,
                           DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK | DESC_R_MASK |
                           DESC_A_MASK);
    env->ldt = (SegmentCache){ 0, 0, 0xffff, DESC_P_MASK | (2 << DESC_TYPE_SHIFT) };
    env->tr = (SegmentCache){ 0, 0, 0xffff, DESC_P_MASK | (11 << DESC_TYPE_SHIFT) };
    env->gdt = (SegmentCache){ 0, 0, 0xffff, 0 };
    env->idt = (SegmentCache){ 0, 0, 0xffff, 0 };
    env->fpuc = 0x37f;
    x87_reset(env);
    memset(env->xmm_regs, 0, sizeof(env->xmm_regs));
    env->mxcsr = 0x1f80;   /* all SIMD exceptions masked (SDM vol. 1, 10.2.3.4) */
    /* The rest of table 9-1: debug registers, SMBASE, MSRs. */
    memset(env->dr, 0, sizeof(env->dr));
    env->dr[6] = 0xffff0ff0u;
    env->dr[7] = 0x00000400u;
    env->a20_mask = ~0u;
    env->smbase = 0x30000;
    env->sysenter_cs = env->sysenter_esp = env->sysenter_eip = 0;
    env->pat = 0x0007040600070406ull;   /* WB WT UC- UC, twice (SDM vol. 3A, 11.12.4) */
    memset(env->mtrr_fixed, 0, sizeof(env->mtrr_fixed));
    memset(env->mtrr_var_base, 0, sizeof(env->mtrr_var_base));
    memset(env->mtrr_var_mask, 0, sizeof(env->mtrr_var_mask));
    env->mtrr_deftype = 0;
    env->misc_enable = 1;               /* fast-string operations enabled */
    /* APIC at 0xfee00000, globally enabled; BSP for CPU 0 (10.4.4). */
    env->apic_base_msr = 0xfee00000u | (1u << 11) |
                         (env_cpu(env)->cpu_index == 0 ? (1u << 8) : 0);
    env->old_exception = -1;
#ifndef CONFIG_USER_ONLY
    env_cpu(env)->halted = false;
    if (env_cpu(env)->tlb) {    /* not yet created when cpu_x86_create resets */
        tlb_flush(env_cpu(env));
    }
#endif
    env->error_code = 0;
    env->exception_is_int = 0;
    env->exception_next_eip = 0;
    env->tsc_offset = 0;
#ifdef CONFIG_USER_ONLY
    /* A Linux process runs in protected mode with paging, whatever its
     * loader does next with the segments (it loads flat CPL 3 ones). */
    env->cr[0] = CR0_PE_MASK | CR0_MP_MASK | CR0_ET_MASK | CR0_NE_MASK | CR0_WP_MASK |
                 CR0_AM_MASK | CR0_PG_MASK;
    env->regs[R_EDX] = 0;
    env->eip = 0;
    env->segs[R_CS].flags |= DESC_B_MASK;
    env->segs[R_SS].flags |= DESC_B_MASK;
    /* No LDT until modify_ldt: every LDT selector is then invalid. */
    env->ldt = (SegmentCache){ 0, 0, 0, 0 };
    /* The kernel enables FXSAVE/SSE and #XM for every process */
    env->cr[4] = CR4_OSFXSR_MASK | CR4_OSXMMEXCPT_MASK;
#endif
    x86_update_hflags(env);
}

void x86_cpu_set_a20(X86CPU *cpu, bool enabled)
{
    CPUX86State *env = &cpu->env;
    uint32_t mask = enabled ? ~0u : ~(1u << 20);

    if (env->a20_mask != mask) {
        env->a20_mask = mask;
#ifndef CONFIG_USER_ONLY
        /* Every cached translation may now point to the other megabyte. */
        tlb_flush(env_cpu(env));
#endif
    }
}

/* hflags from the architectural state.  CPL is CS.RPL: loading CS always
 * sets its RPL to the CPL (SDM vol. 3A, 5.5). */
void x86_update_hflags(CPUX86State *env)
{
    uint32_t hf = 0;
    bool pe = env->cr[0] & CR0_PE_MASK;
    bool vm = pe && (env->eflags & VM_MASK);

    if (pe) {
        hf |= HF_PE_MASK;
        hf |= vm ? 3 : (env->segs[R_CS].selector & 3);
    }
    if (vm) {
        hf |= HF_VM_MASK;
    }
    if (pe && !vm) {
        if (env->segs[R_CS].flags & DESC_B_MASK) {
            hf |= HF_CS32_MASK;
        }
        if (env->segs[R_SS].flags & DESC_B_MASK) {
            hf |= HF_SS32_MASK;
        }
    }
    /* Segment bases are added to addresses only when one may be non-zero;
     * FS/GS overrides always add theirs. */
    if (!pe || vm || env->segs[R_DS].base || env->segs[R_ES].base ||
        env->segs[R_SS].base || env->segs[R_CS].base) {
        hf |= HF_ADDSEG_MASK;
    }
    hf |= env->eflags & IOPL_MASK;  /* HF_IOPL_SHIFT == 12 */
    hf |= env->eflags & TF_MASK;    /* HF_TF_MASK == TF_MASK */
    if (env->cr[4] & CR4_TSD_MASK) {
        hf |= HF_TSD_MASK;
    }
    if (env->cr[4] & CR4_PCE_MASK) {
        hf |= HF_PCE_MASK;
    }
    if (env->cr[0] & CR0_MP_MASK) {
        hf |= HF_MP_MASK;
    }
    if (env->cr[0] & CR0_EM_MASK) {
        hf |= HF_EM_MASK;
    }
    if (env->cr[0] & CR0_TS_MASK) {
        hf |= HF_TS_MASK;
    }
    if (env->cr[4] & CR4_OSFXSR_MASK) {
        hf |= HF_OSFXSR_MASK;
    }
    /* Not derived from other registers: SMM (entered by an SMI, left by
     * RSM) and the interrupt shadow. */
    hf |= env->hflags & (HF_INHIBIT_IRQ_MASK | HF_SMM_MASK);
    env->hflags = hf;
}

void cpu_get_tb_cpu_state(CPUArchState *env, uint64_t *pc, uint64_t *cs_base, uint32_t *flags)
{
    *cs_base = env->segs[R_CS].base;
    *pc = (uint32_t)(*cs_base + env->eip);
    *flags = env->hflags;
}

void restore_state_to_opc(CPUState *cs, const TranslationBlock *tb, const uint64_t *data)
{
    CPUX86State *env = cpu_env(cs);

    env->eip = (uint32_t)(data[0] - tb->cs_base);
    if (data[1] != CC_OP_DYNAMIC) {
        env->cc_op = (uint32_t)data[1];
    }
}

void cpu_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    cpu_env(cs)->eip = (uint32_t)(tb->pc - tb->cs_base);
}

#ifdef CONFIG_USER_ONLY
bool cpu_exec_interrupt(CPUState *cs, int interrupt_request)
{
    return false; /* no interrupts in user mode */
}

void cpu_do_interrupt(CPUState *cs)
{
    /* linux-user's cpu loop turns exception_index into signals/syscalls */
}
#else
/* INIT (SDM vol. 3A, 9.1, table 9-1): the reset state, except that the
 * x87/SSE state, the MTRRs, PAT, SMBASE, SYSENTER MSRs and IA32_APIC_BASE
 * keep their values.  An application processor then waits for a SIPI; the
 * bootstrap processor starts at the reset vector. */
static void x86_cpu_init_signal(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    CPUX86State saved = *env;

    x86_cpu_reset(cpu);
    memcpy(env->fpu_image, saved.fpu_image, sizeof(env->fpu_image));
    env->fpuc = saved.fpuc;
    memcpy(env->xmm_regs, saved.xmm_regs, sizeof(env->xmm_regs));
    env->mxcsr = saved.mxcsr;
    memcpy(env->mtrr_fixed, saved.mtrr_fixed, sizeof(env->mtrr_fixed));
    memcpy(env->mtrr_var_base, saved.mtrr_var_base, sizeof(env->mtrr_var_base));
    memcpy(env->mtrr_var_mask, saved.mtrr_var_mask, sizeof(env->mtrr_var_mask));
    env->mtrr_deftype = saved.mtrr_deftype;
    env->pat = saved.pat;
    env->smbase = saved.smbase;
    env->sysenter_cs = saved.sysenter_cs;
    env->sysenter_esp = saved.sysenter_esp;
    env->sysenter_eip = saved.sysenter_eip;
    env->apic_base_msr = saved.apic_base_msr;
    env->a20_mask = saved.a20_mask;     /* the A20 gate is the chipset's */
    if (env->apic) {
        apic_init_reset(env->apic);
    }
    if (!(env->apic_base_msr & (1u << 8))) {
        env_cpu(env)->halted = true;    /* wait-for-SIPI */
    }
}

/*
 * Takes the highest-priority pending event at an instruction boundary
 * (SDM vol. 3A, 6.9, table 6-2): INIT and SIPI, then SMI, then NMI, then
 * a maskable interrupt when EFLAGS.IF is set and no MOV SS/POP SS/STI
 * shadow is active (the translator clears HF_INHIBIT_IRQ_MASK after the
 * next instruction).  Runs under the BQL.  CPU_INTERRUPT_HARD is a level
 * that the APIC/8259 models keep up to date: it is not cleared here, the
 * acknowledge in cpu_get_pic_interrupt updates it.
 */
bool cpu_exec_interrupt(CPUState *cs, int request)
{
    CPUX86State *env = cpu_env(cs);

    if (request & CPU_INTERRUPT_INIT) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_INIT);
        qemu_log_mask(CPU_LOG_INT, "INIT\n");
        x86_cpu_init_signal(env_archcpu(env));
        return true;
    }
    if (request & CPU_INTERRUPT_SIPI) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_SIPI);
        /* Only an application processor takes it (it waits for one after
         * INIT; the wait itself is not modelled beyond HLT: -smp 1). */
        if (env->apic && !(env->apic_base_msr & (1u << 8))) {
            int vector = apic_get_sipi_vector(env->apic);
            qemu_log_mask(CPU_LOG_INT, "SIPI vector %#x\n", vector);
            cpu_x86_load_seg_cache(env, R_CS, (uint32_t)vector << 8, (uint32_t)vector << 12,
                                   0xffff, env->segs[R_CS].flags);
            env->eip = 0;
            cs->halted = false;
            x86_update_hflags(env);
            return true;
        }
        return false;
    }
    if ((request & CPU_INTERRUPT_SMI) && !(env->hflags & HF_SMM_MASK)) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_SMI);
        do_smm_enter(env);
        return true;
    }
    if ((request & CPU_INTERRUPT_NMI) && !(env->hflags2 & HF2_NMI_MASK) &&
        !(env->hflags & HF_INHIBIT_IRQ_MASK)) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_NMI);
        env->hflags2 |= HF2_NMI_MASK;   /* until the next IRET */
        qemu_log_mask(CPU_LOG_INT, "Servicing NMI\n");
        x86_do_interrupt(env, EXCP02_NMI, false, 0, 0, true);
        return true;
    }
    if ((request & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK) &&
        !(env->hflags & HF_INHIBIT_IRQ_MASK)) {
        int intno = cpu_get_pic_interrupt(env);
        if (intno < 0) {
            return false;
        }
        qemu_log_mask(CPU_LOG_INT, "Servicing hardware INT=%#04x\n", intno);
        x86_do_interrupt(env, intno, false, 0, 0, true);
        return true;
    }
    return false;
}

/* cpu_do_interrupt: interrupt.c */
#endif

static const char *const cc_op_names[CC_OP_NB] = {
    "DYNAMIC", "EFLAGS",
    "ADDB", "ADDW", "ADDL", "ADCB", "ADCW", "ADCL",
    "SUBB", "SUBW", "SUBL", "SBBB", "SBBW", "SBBL",
    "LOGICB", "LOGICW", "LOGICL", "INCB", "INCW", "INCL",
    "DECB", "DECW", "DECL", "SHLB", "SHLW", "SHLL",
    "SARB", "SARW", "SARL", "MULB", "MULW", "MULL",
};

/* One segment line: selector, base, limit, attributes (the descriptor's
 * high dword bits 8..23), then in protected mode a decoded summary. */
static void dump_seg(CPUX86State *env, FILE *f, const char *name, const SegmentCache *sc,
                     bool system)
{
    static const char *const sys_types[16] = {
        "Reserved", "TSS16-avl", "LDT", "TSS16-busy", "CallGate16", "TaskGate",
        "IntGate16", "TrapGate16", "Reserved", "TSS32-avl", "Reserved", "TSS32-busy",
        "CallGate32", "Reserved", "IntGate32", "TrapGate32",
    };
    uint32_t fl = sc->flags;

    fprintf(f, "%-3s=%04x %08x %08x %08x", name, sc->selector & 0xffff, sc->base, sc->limit,
            fl & 0x00ffff00u);
    if ((env->cr[0] & CR0_PE_MASK) && !(env->eflags & VM_MASK) && (fl & DESC_P_MASK)) {
        fprintf(f, " DPL=%u ", (fl & DESC_DPL_MASK) >> DESC_DPL_SHIFT);
        if (!(fl & DESC_S_MASK) || system) {
            fprintf(f, "%s", sys_types[(fl >> DESC_TYPE_SHIFT) & 15]);
        } else if (fl & DESC_CS_MASK) {
            fprintf(f, "%s [%c%c%c]", fl & DESC_B_MASK ? "CS32" : "CS16",
                    fl & (1u << 10) ? 'C' : '-', fl & DESC_R_MASK ? 'R' : '-',
                    fl & DESC_A_MASK ? 'A' : '-');
        } else {
            fprintf(f, "%s [%c%c%c]", fl & DESC_B_MASK ? "DS  " : "DS16",
                    fl & (1u << 10) ? 'E' : '-', fl & DESC_W_MASK ? 'W' : '-',
                    fl & DESC_A_MASK ? 'A' : '-');
        }
    }
    fprintf(f, "\n");
}

/* The register dump of -d cpu and `info registers`, laid out as QEMU's. */
void cpu_dump_state(CPUState *cs, FILE *f, int flags)
{
    CPUX86State *env = cpu_env(cs);
    uint32_t ef = cpu_compute_eflags(env);
    static const char *const seg_names[6] = { "ES", "CS", "SS", "DS", "FS", "GS" };

    fprintf(f, "EAX=%08x EBX=%08x ECX=%08x EDX=%08x\n", env->regs[R_EAX],
            env->regs[R_EBX], env->regs[R_ECX], env->regs[R_EDX]);
    fprintf(f, "ESI=%08x EDI=%08x EBP=%08x ESP=%08x\n", env->regs[R_ESI],
            env->regs[R_EDI], env->regs[R_EBP], env->regs[R_ESP]);
    fprintf(f, "EIP=%08x EFL=%08x [%c%c%c%c%c%c%c] CPL=%d II=%d A20=%d SMM=%d HLT=%d\n",
            env->eip, ef, ef & DF_MASK ? 'D' : '-', ef & CC_O ? 'O' : '-',
            ef & CC_S ? 'S' : '-', ef & CC_Z ? 'Z' : '-', ef & CC_A ? 'A' : '-',
            ef & CC_P ? 'P' : '-', ef & CC_C ? 'C' : '-', env->hflags & HF_CPL_MASK,
            !!(env->hflags & HF_INHIBIT_IRQ_MASK), (env->a20_mask >> 20) & 1,
            !!(env->hflags & HF_SMM_MASK), cs->halted);
    for (int i = 0; i < 6; i++) {
        dump_seg(env, f, seg_names[i], &env->segs[i], false);
    }
    dump_seg(env, f, "LDT", &env->ldt, true);
    dump_seg(env, f, "TR", &env->tr, true);
    fprintf(f, "GDT=     %08x %08x\n", env->gdt.base, env->gdt.limit);
    fprintf(f, "IDT=     %08x %08x\n", env->idt.base, env->idt.limit);
    fprintf(f, "CR0=%08x CR2=%08x CR3=%08x CR4=%08x\n", env->cr[0], env->cr[2],
            env->cr[3], env->cr[4]);
    fprintf(f, "DR0=%08x DR1=%08x DR2=%08x DR3=%08x\n", env->dr[0], env->dr[1], env->dr[2],
            env->dr[3]);
    fprintf(f, "DR6=%08x DR7=%08x\n", env->dr[6], env->dr[7]);
    fprintf(f, "CCS=%08x CCD=%08x CCO=%-8s\n", env->cc_src, env->cc_dst,
            env->cc_op < CC_OP_NB ? cc_op_names[env->cc_op] : "???");
    fprintf(f, "EFER=%016llx\n", (unsigned long long)env->efer);
}
