/*
 * Control registers, debug registers, model-specific registers and TLB
 * maintenance: the helpers of MOV CRn/DRn, LMSW, CLTS, INVLPG, RDMSR and
 * WRMSR (helper-sys.h), and the CR0/CR3/CR4 updates other files share.
 *
 * Privilege (CPL 0) is checked by the translator before it calls these;
 * the helpers check operand values (reserved bits, invalid combinations).
 * The translator ends the TB after each helper except get_dr, so a change
 * of hflags or of the address translation takes effect at once.
 */
#include <stdio.h>

#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "qemu/log.h"
#ifndef CONFIG_USER_ONLY
#include "exec/cputlb.h"
#include "hw/i386/apic.h"
#endif

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

/* ---- TLB maintenance (user mode has no TLB: nothing to do) ---- */

static void flush_all(CPUX86State *env)
{
#ifndef CONFIG_USER_ONLY
    tlb_flush(env_cpu(env));
#endif
}

static void flush_nonglobal(CPUX86State *env)
{
#ifndef CONFIG_USER_ONLY
    tlb_flush_nonglobal(env_cpu(env));
#endif
}

/* ---- control registers (SDM vol. 3A, 2.5) ---- */

/* The CR0 bits a 32-bit processor implements; writes to the others are
 * ignored (SDM vol. 3A, 2.5: reserved CR0 bits keep their value). */
#define CR0_CD_MASK 0x40000000u
#define CR0_NW_MASK 0x20000000u
#define CR0_DEFINED (CR0_PE_MASK | CR0_MP_MASK | CR0_EM_MASK | CR0_TS_MASK | CR0_ET_MASK | \
                     CR0_NE_MASK | CR0_WP_MASK | CR0_AM_MASK | CR0_NW_MASK | CR0_CD_MASK |  \
                     CR0_PG_MASK)

void cpu_x86_update_cr0(CPUX86State *env, uint32_t new_cr0)
{
    uint32_t changed = env->cr[0] ^ new_cr0;

    /* Every cached translation depends on PG, and its permissions on WP
     * (SDM vol. 3A, 4.10.4.1: a change of PG or WP needs no INVLPG because
     * the processor invalidates; we simply flush everything). */
    if (changed & (CR0_PG_MASK | CR0_WP_MASK | CR0_PE_MASK)) {
        flush_all(env);
    }
    /* ET is hardwired to 1 on P6 and later (SDM vol. 3A, 2.5). */
    env->cr[0] = new_cr0 | CR0_ET_MASK;
    x86_update_hflags(env);
}

void cpu_x86_update_cr3(CPUX86State *env, uint32_t new_cr3)
{
    env->cr[3] = new_cr3;
    if (env->cr[0] & CR0_PG_MASK) {
        /* Global translations survive a CR3 load when CR4.PGE (SDM vol. 3A,
         * 4.10.4.1); entries are only marked global while PGE is set. */
        if (env->cr[4] & CR4_PGE_MASK) {
            flush_nonglobal(env);
        } else {
            flush_all(env);
        }
    }
}

void cpu_x86_update_cr4(CPUX86State *env, uint32_t new_cr4)
{
    /* PGE toggles flush global entries too; PSE/PAE change the walk. */
    if ((env->cr[4] ^ new_cr4) & (CR4_PGE_MASK | CR4_PAE_MASK | CR4_PSE_MASK)) {
        flush_all(env);
    }
    env->cr[4] = new_cr4;
    x86_update_hflags(env);
}

/* The CR4 bits this CPU model has (a set reserved bit is #GP(0), SDM
 * vol. 2B, MOV to CR4).  A bit exists only with the feature behind it. */
static uint32_t cr4_valid_bits(CPUX86State *env)
{
    uint32_t f = env->cpuid_features;
    uint32_t valid = CR4_TSD_MASK | CR4_DE_MASK | CR4_PCE_MASK;

    if (f & CPUID_VME) {
        valid |= CR4_VME_MASK | CR4_PVI_MASK;
    }
    if (f & CPUID_PSE) {
        valid |= CR4_PSE_MASK;
    }
    if (f & CPUID_PAE) {
        valid |= CR4_PAE_MASK;
    }
    if (f & CPUID_MCE) {
        valid |= CR4_MCE_MASK;
    }
    if (f & CPUID_PGE) {
        valid |= CR4_PGE_MASK;
    }
    if (f & CPUID_FXSR) {
        valid |= CR4_OSFXSR_MASK;
    }
    if (f & CPUID_SSE) {
        valid |= CR4_OSXMMEXCPT_MASK;
    }
    return valid;
}

/* A MOV to CR0/CR3/CR4 that leaves PAE paging on (PG and PAE set) reloads
 * the PDPTEs when it writes CR3 or changes a bit 4.4.1 lists (`reload`);
 * true if they are unusable. */
static bool pdptes_reload_fails(CPUX86State *env, uint32_t cr0, uint32_t cr3, uint32_t cr4,
                                bool reload)
{
#ifndef CONFIG_USER_ONLY
    if (reload && (cr0 & CR0_PG_MASK) && (cr4 & CR4_PAE_MASK)) {
        return !x86_pae_pdptes_valid(env, cr3);
    }
#endif
    return false;
}

void HELPER(write_crN)(CPUX86State *env, int reg, uint32_t val)
{
    switch (reg) {
    case 0:
        val &= CR0_DEFINED;
        /* PG without PE, and NW without CD, are #GP(0) (SDM vol. 2B, MOV CR). */
        if ((val & CR0_PG_MASK) && !(val & CR0_PE_MASK)) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
        }
        if ((val & CR0_NW_MASK) && !(val & CR0_CD_MASK)) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
        }
        if (pdptes_reload_fails(env, val, env->cr[3], env->cr[4],
                                (val ^ env->cr[0]) & (CR0_PG_MASK | CR0_CD_MASK | CR0_NW_MASK))) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
        }
        cpu_x86_update_cr0(env, val);
        break;
    case 2:
        env->cr[2] = val;
        break;
    case 3:
        if (pdptes_reload_fails(env, env->cr[0], val, env->cr[4], true)) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
        }
        cpu_x86_update_cr3(env, val);
        break;
    case 4:
        if (val & ~cr4_valid_bits(env)) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
        }
        if (pdptes_reload_fails(env, env->cr[0], env->cr[3], val,
                                (val ^ env->cr[4]) &
                                    (CR4_PAE_MASK | CR4_PGE_MASK | CR4_PSE_MASK))) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
        }
        cpu_x86_update_cr4(env, val);
        break;
    default:
        raise_exception_ra(env, EXCP06_ILLOP, GETPC());
    }
}

/* LMSW loads CR0 bits 3..0 but can set PE, never clear it (SDM vol. 2A). */
void HELPER(lmsw)(CPUX86State *env, uint32_t val)
{
    cpu_x86_update_cr0(env, (env->cr[0] & ~0xeu) | (val & 0xfu));
}

void HELPER(clts)(CPUX86State *env)
{
    env->cr[0] &= ~CR0_TS_MASK;
    env->hflags &= ~HF_TS_MASK;
}

void HELPER(invlpg)(CPUX86State *env, uint32_t addr)
{
#ifndef CONFIG_USER_ONLY
    /* Also drops a global translation (SDM vol. 3A, 4.10.4.1). */
    tlb_flush_page(env_cpu(env), addr);
#endif
}

/* ---- debug registers (SDM vol. 3B, 18.2) ----
 * The values are kept and read back; breakpoints in DR7 do not fire yet
 * (docs/devel/i386-frontend.md says so). */

/* DR4/DR5 are DR6/DR7 unless CR4.DE, when they are #UD. */
static int dr_index(CPUX86State *env, int reg, uintptr_t ra)
{
    if (reg == 4 || reg == 5) {
        if (env->cr[4] & CR4_DE_MASK) {
            raise_exception_ra(env, EXCP06_ILLOP, ra);
        }
        reg += 2;
    }
    if (reg < 0 || reg > 7) {
        raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    return reg;
}

/* DR6: bits 4..11 and 16..31 read as 1, bit 12 as 0 (P6 family).
 * DR7: bit 10 reads as 1; bits 11, 12, 14, 15 as 0 (SDM vol. 3B, 18.2.4/5). */
#define DR6_FIXED_1 0xffff0ff0u
#define DR6_WRITABLE 0x0000e00fu
#define DR7_FIXED_1 0x00000400u
#define DR7_WRITABLE 0xffff23ffu

void HELPER(set_dr)(CPUX86State *env, int reg, uint32_t val)
{
    reg = dr_index(env, reg, GETPC());
    if (reg == 6) {
        val = (val & DR6_WRITABLE) | DR6_FIXED_1;
    } else if (reg == 7) {
        val = (val & DR7_WRITABLE) | DR7_FIXED_1;
        if (val & 0xff) {
            qemu_log_mask(LOG_UNIMP, "i386: DR7=%08x enables breakpoints; they do not fire\n",
                          val);
        }
    }
    env->dr[reg] = val;
}

/* DR6.BS (bit 14): the #DB comes from single-stepping (SDM vol. 3B,
 * 17.2.3).  The other status bits are left as they are: the processor
 * never clears them itself. */
#define DR6_BS 0x4000u

void HELPER(single_step)(CPUX86State *env)
{
    env->dr[6] |= DR6_BS;
    raise_exception_ra(env, EXCP01_DB, 0);
}

uint32_t HELPER(get_dr)(CPUX86State *env, int reg)
{
    return env->dr[dr_index(env, reg, GETPC())];
}

/* ---- MSRs (SDM vol. 4, table 2-2 and the P6 family tables) ---- */

#define MSR_IA32_TSC             0x10
#define MSR_IA32_PLATFORM_ID     0x17
#define MSR_IA32_APICBASE        0x1b
#define MSR_IA32_BIOS_UPDT_TRIG  0x79
#define MSR_IA32_BIOS_SIGN_ID    0x8b
#define MSR_MTRRcap              0xfe
#define MSR_IA32_SYSENTER_CS     0x174
#define MSR_IA32_SYSENTER_ESP    0x175
#define MSR_IA32_SYSENTER_EIP    0x176
#define MSR_IA32_MCG_CAP         0x179
#define MSR_IA32_MCG_STATUS      0x17a
#define MSR_IA32_MISC_ENABLE     0x1a0
#define MSR_MTRRphysBase0        0x200
#define MSR_MTRRfix64K_00000     0x250
#define MSR_MTRRfix16K_80000     0x258
#define MSR_MTRRfix16K_A0000     0x259
#define MSR_MTRRfix4K_C0000      0x268
#define MSR_MTRRfix4K_F8000      0x26f
#define MSR_IA32_PAT             0x277
#define MSR_MTRRdefType          0x2ff
#define MSR_EFER                 0xc0000080u

/* IA32_MTRRCAP: 8 variable ranges, fixed ranges and write-combining
 * supported, no SMRR (SDM vol. 3A, 11.11.1). */
#define MTRRCAP_VALUE 0x508u

/* Index into env->mtrr_fixed[] of a fixed-range MTRR, or -1. */
static int mtrr_fixed_index(uint32_t msr)
{
    if (msr == MSR_MTRRfix64K_00000) {
        return 0;
    }
    if (msr == MSR_MTRRfix16K_80000 || msr == MSR_MTRRfix16K_A0000) {
        return 1 + (int)(msr - MSR_MTRRfix16K_80000);
    }
    if (msr >= MSR_MTRRfix4K_C0000 && msr <= MSR_MTRRfix4K_F8000) {
        return 3 + (int)(msr - MSR_MTRRfix4K_C0000);
    }
    return -1;
}

/* EFER bits a write may set: NXE when the model advertises NX
 * (CPUID.80000001H:EDX bit 20).  SYSCALL/LME do not exist on IA-32. */
#define CPUID_EXT2_NX (1u << 20)
static uint64_t efer_valid_bits(CPUX86State *env)
{
    return (env->cpuid_ext2_features & CPUID_EXT2_NX) ? EFER_NXE : 0;
}

static bool has_efer(CPUX86State *env)
{
    return env->cpuid_xlevel >= 0x80000001u;
}

static uint64_t read_tsc(CPUX86State *env)
{
    return __builtin_ia32_rdtsc() + env->tsc_offset;
}

/* Reads MSR msr into *val; false if the MSR does not exist (#GP). */
static bool msr_read(CPUX86State *env, uint32_t msr, uint64_t *val)
{
    uint32_t f = env->cpuid_features;
    int fix;

    switch (msr) {
    case MSR_IA32_TSC:
        *val = read_tsc(env);
        return true;
    case MSR_IA32_PLATFORM_ID:
    case MSR_IA32_BIOS_SIGN_ID:
        *val = 0;   /* no microcode loaded */
        return true;
    case MSR_IA32_APICBASE:
#ifndef CONFIG_USER_ONLY
        if (env->apic) {
            *val = cpu_get_apic_base(env->apic);
            return true;
        }
#endif
        *val = env->apic_base_msr;
        return true;
    case MSR_IA32_SYSENTER_CS:
    case MSR_IA32_SYSENTER_ESP:
    case MSR_IA32_SYSENTER_EIP:
        if (!(f & CPUID_SEP)) {
            return false;
        }
        *val = msr == MSR_IA32_SYSENTER_CS    ? env->sysenter_cs
               : msr == MSR_IA32_SYSENTER_ESP ? env->sysenter_esp
                                              : env->sysenter_eip;
        return true;
    case MSR_IA32_MCG_CAP:
    case MSR_IA32_MCG_STATUS:
        if (!(f & CPUID_MCA)) {
            return false;
        }
        *val = 0;   /* no banks, no machine check in progress */
        return true;
    case MSR_IA32_MISC_ENABLE:
        *val = env->misc_enable;
        return true;
    case MSR_IA32_PAT:
        if (!(f & CPUID_PAT)) {
            return false;
        }
        *val = env->pat;
        return true;
    case MSR_EFER:
        if (!has_efer(env)) {
            return false;
        }
        *val = env->efer;
        return true;
    }
    if (f & CPUID_MTRR) {
        if (msr == MSR_MTRRcap) {
            *val = MTRRCAP_VALUE;
            return true;
        }
        if (msr == MSR_MTRRdefType) {
            *val = env->mtrr_deftype;
            return true;
        }
        fix = mtrr_fixed_index(msr);
        if (fix >= 0) {
            *val = env->mtrr_fixed[fix];
            return true;
        }
        if (msr >= MSR_MTRRphysBase0 && msr < MSR_MTRRphysBase0 + 16) {
            uint32_t n = (msr - MSR_MTRRphysBase0) / 2;
            *val = (msr & 1) ? env->mtrr_var_mask[n] : env->mtrr_var_base[n];
            return true;
        }
    }
    return false;
}

/* Physical-address bits above MAXPHYADDR in an MTRR are reserved. */
static uint64_t phys_addr_mask(CPUX86State *env)
{
    bool wide = env->cpuid_features & (CPUID_PAE | CPUID_PSE36);
    return wide ? 0xfffffffffull : 0xffffffffull;
}

/* Memory types an MTRR or the PAT may hold: UC WC WT WP WB (0 1 4 5 6);
 * the PAT also UC- (7) (SDM vol. 3A, 11.11.2.2 and 11.12.2). */
static bool valid_mtrr_type(unsigned t)
{
    return t == 0 || t == 1 || t == 4 || t == 5 || t == 6;
}

static bool valid_mtrr_types_in(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        if (!valid_mtrr_type((v >> (i * 8)) & 0xff)) {
            return false;
        }
    }
    return true;
}

/* Writes MSR msr; false if it does not exist or val sets a reserved bit. */
static bool msr_write(CPUX86State *env, uint32_t msr, uint64_t val)
{
    uint32_t f = env->cpuid_features;
    int fix;

    switch (msr) {
    case MSR_IA32_TSC:
        env->tsc_offset = val - __builtin_ia32_rdtsc();
        return true;
    case MSR_IA32_BIOS_UPDT_TRIG:
    case MSR_IA32_BIOS_SIGN_ID:
        return true;    /* a microcode update: accepted and ignored */
    case MSR_IA32_APICBASE:
#ifndef CONFIG_USER_ONLY
        if (env->apic) {
            if (!apic_base_valid(val)) {
                return false;
            }
            cpu_set_apic_base(env->apic, val);
        }
#endif
        env->apic_base_msr = val;
        return true;
    case MSR_IA32_SYSENTER_CS:
    case MSR_IA32_SYSENTER_ESP:
    case MSR_IA32_SYSENTER_EIP:
        if (!(f & CPUID_SEP)) {
            return false;
        }
        if (msr == MSR_IA32_SYSENTER_CS) {
            env->sysenter_cs = (uint32_t)val;
        } else if (msr == MSR_IA32_SYSENTER_ESP) {
            env->sysenter_esp = (uint32_t)val;
        } else {
            env->sysenter_eip = (uint32_t)val;
        }
        return true;
    case MSR_IA32_MCG_STATUS:
        return (f & CPUID_MCA) != 0;
    case MSR_IA32_MISC_ENABLE:
        env->misc_enable = val;
        return true;
    case MSR_IA32_PAT:
        if (!(f & CPUID_PAT)) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            unsigned t = (val >> (i * 8)) & 0xff;
            if (!valid_mtrr_type(t) && t != 7) {
                return false;
            }
        }
        env->pat = val;
        return true;
    case MSR_EFER:
        if (!has_efer(env) || (val & ~efer_valid_bits(env))) {
            return false;
        }
        if ((env->efer ^ val) & EFER_NXE) {
            flush_all(env);     /* XD bits become meaningful or reserved */
        }
        env->efer = val;
        return true;
    }
    if (f & CPUID_MTRR) {
        if (msr == MSR_MTRRdefType) {
            /* type in 7:0, FE bit 10, E bit 11 */
            if ((val & ~0xcffull) || !valid_mtrr_type(val & 0xff)) {
                return false;
            }
            env->mtrr_deftype = val;
            return true;
        }
        fix = mtrr_fixed_index(msr);
        if (fix >= 0) {
            if (!valid_mtrr_types_in(val)) {
                return false;
            }
            env->mtrr_fixed[fix] = val;
            return true;
        }
        if (msr >= MSR_MTRRphysBase0 && msr < MSR_MTRRphysBase0 + 16) {
            uint32_t n = (msr - MSR_MTRRphysBase0) / 2;
            uint64_t addr_bits = phys_addr_mask(env) & ~0xfffull;
            if (msr & 1) {
                /* PhysMask: V in bit 11 */
                if (val & ~(addr_bits | 0x800)) {
                    return false;
                }
                env->mtrr_var_mask[n] = val;
            } else {
                if ((val & ~(addr_bits | 0xff)) || !valid_mtrr_type(val & 0xff)) {
                    return false;
                }
                env->mtrr_var_base[n] = val;
            }
            return true;
        }
    }
    return false;
}

void HELPER(rdmsr)(CPUX86State *env)
{
    uint32_t msr = env->regs[R_ECX];
    uint64_t val;

    if (!msr_read(env, msr, &val)) {
        qemu_log_mask(LOG_UNIMP, "i386: RDMSR of unknown MSR %#x: #GP(0)\n", msr);
        raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->regs[R_EAX] = (uint32_t)val;
    env->regs[R_EDX] = (uint32_t)(val >> 32);
}

void HELPER(wrmsr)(CPUX86State *env)
{
    uint32_t msr = env->regs[R_ECX];
    uint64_t val = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];

    if (!msr_write(env, msr, val)) {
        qemu_log_mask(LOG_UNIMP, "i386: WRMSR %#x <- %#llx refused (unknown MSR or reserved "
                      "bits): #GP(0)\n", msr, (unsigned long long)val);
        raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
}
