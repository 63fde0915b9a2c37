/*
 * The i386 CPU state.  Fields marked [shared] are read or written outside
 * target/i386 (linux-user: syscalls, signal frames, TLS; accel/tcg via the
 * hooks in exec/exec-all.h) and keep their meaning; target/i386 may add any
 * field it needs.
 */
#ifndef I386_CPU_H
#define I386_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include "target/i386/cpu-param.h"
#include "hw/core/cpu.h"

/* General registers, in encoding order. */
enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
/* Segment registers, in encoding order. */
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS };

/* EFLAGS bits (SDM vol. 1, 3.4.3). */
#define CC_C    0x0001
#define CC_P    0x0004
#define CC_A    0x0010
#define CC_Z    0x0040
#define CC_S    0x0080
#define CC_O    0x0800
#define TF_MASK 0x00000100
#define IF_MASK 0x00000200
#define DF_MASK 0x00000400
#define IOPL_MASK 0x00003000
#define NT_MASK 0x00004000
#define RF_MASK 0x00010000
#define VM_MASK 0x00020000
#define AC_MASK 0x00040000
#define VIF_MASK 0x00080000
#define VIP_MASK 0x00100000
#define ID_MASK 0x00200000

/* Architectural exception vectors (SDM vol. 3, 6.3.1). */
#define EXCP00_DIVZ  0
#define EXCP01_DB    1
#define EXCP02_NMI   2
#define EXCP03_INT3  3
#define EXCP04_INTO  4
#define EXCP05_BOUND 5
#define EXCP06_ILLOP 6
#define EXCP07_PREX  7
#define EXCP08_DBLE  8
#define EXCP09_XERR  9
#define EXCP0A_TSS   10
#define EXCP0B_NOSEG 11
#define EXCP0C_STACK 12
#define EXCP0D_GPF   13
#define EXCP0E_PAGE  14
#define EXCP10_COPR  16
#define EXCP11_ALGN  17
#define EXCP12_MCHK  18
#define EXCP13_XMM   19

/* Lazy condition codes: how cc_dst/cc_src/cc_src2 encode the arithmetic
 * flags (target/i386 private).  The B/W/L variants of an op are consecutive
 * so that `CC_OP_ADDB + ot` (ot = MO_8/16/32) names the sized op. */
typedef enum CCOp {
    CC_OP_DYNAMIC,  /* translate time only: env->cc_op holds the op */
    CC_OP_EFLAGS,   /* cc_src = O,S,Z,A,P,C exactly as in EFLAGS */
    CC_OP_ADDB, CC_OP_ADDW, CC_OP_ADDL,   /* dst = result, src = addend */
    CC_OP_ADCB, CC_OP_ADCW, CC_OP_ADCL,   /* ... src2 = carry in */
    CC_OP_SUBB, CC_OP_SUBW, CC_OP_SUBL,   /* dst = result, src = subtrahend */
    CC_OP_SBBB, CC_OP_SBBW, CC_OP_SBBL,   /* ... src2 = borrow in */
    CC_OP_LOGICB, CC_OP_LOGICW, CC_OP_LOGICL, /* dst = result; CF=OF=0 */
    CC_OP_INCB, CC_OP_INCW, CC_OP_INCL,   /* dst = result, src = old CF */
    CC_OP_DECB, CC_OP_DECW, CC_OP_DECL,   /* dst = result, src = old CF */
    CC_OP_SHLB, CC_OP_SHLW, CC_OP_SHLL,   /* dst = result, src = x << (n-1) */
    CC_OP_SARB, CC_OP_SARW, CC_OP_SARL,   /* dst = result, src = x >> (n-1) */
    CC_OP_MULB, CC_OP_MULW, CC_OP_MULL,   /* dst = low result, src != 0: CF=OF=1 */
    CC_OP_NB,
} CCOp;

/* hflags: the translation-relevant CPU state, part of the TB key. */
#define HF_CPL_MASK      0x0003u  /* current privilege level */
#define HF_CS32_MASK     0x0010u  /* CS.D: 32-bit code */
#define HF_SS32_MASK     0x0020u  /* SS.B: 32-bit stack */
#define HF_ADDSEG_MASK   0x0040u  /* DS/ES/SS/CS base may be non-zero: add it */
#define HF_PE_MASK       0x0080u  /* CR0.PE */
#define HF_TF_MASK       0x0100u  /* == TF_MASK: single-step trap after each insn */
#define HF_INHIBIT_IRQ_MASK 0x0200u /* after MOV SS / STI (system mode) */
#define HF_VM_MASK       0x0400u  /* virtual-8086 mode */
#define HF_IOPL_SHIFT    12       /* == EFLAGS.IOPL, copied in for CLI/STI/IN/OUT */
#define HF_IOPL_MASK     (3u << HF_IOPL_SHIFT)
#define HF_TSD_MASK      0x4000u  /* CR4.TSD: RDTSC privileged */
#define HF_PCE_MASK      0x8000u  /* CR4.PCE: RDPMC allowed at CPL 3 */
#define HF_SMM_MASK      0x10000u /* in system-management mode (mmu_idx MMU_SMM_IDX) */
#define HF_MP_MASK       0x20000u /* CR0.MP: WAIT/FWAIT honour TS */
#define HF_EM_MASK       0x40000u /* CR0.EM: x87/MMX/SSE raise #NM/#UD */
#define HF_TS_MASK       0x80000u /* CR0.TS: x87/MMX/SSE raise #NM */
#define HF_OSFXSR_MASK   0x100000u /* CR4.OSFXSR: SSE enabled, FXSAVE saves XMM */

/* hflags2: CPU state that is not part of the TB key. */
#define HF2_NMI_MASK     0x0001u  /* NMI blocked (until the next IRET) */
#define HF2_SMM_INSIDE_NMI_MASK 0x0002u /* SMI taken while NMIs were blocked */

#define CR0_PE_MASK 0x00000001u
#define CR0_MP_MASK 0x00000002u
#define CR0_EM_MASK 0x00000004u
#define CR0_TS_MASK 0x00000008u
#define CR0_ET_MASK 0x00000010u
#define CR0_NE_MASK 0x00000020u
#define CR0_WP_MASK 0x00010000u
#define CR0_AM_MASK 0x00040000u
#define CR0_PG_MASK 0x80000000u
#define CR4_VME_MASK 0x00000001u
#define CR4_PVI_MASK 0x00000002u
#define CR4_TSD_MASK 0x00000004u
#define CR4_DE_MASK  0x00000008u
#define CR4_PSE_MASK 0x00000010u
#define CR4_PAE_MASK 0x00000020u
#define CR4_MCE_MASK 0x00000040u
#define CR4_PGE_MASK 0x00000080u
#define CR4_PCE_MASK 0x00000100u
#define CR4_OSFXSR_MASK 0x00000200u
#define CR4_OSXMMEXCPT_MASK 0x00000400u

/* EFER bits (SDM vol. 3A, 2.2.1). */
#define EFER_SCE 0x0001u
#define EFER_NXE 0x0800u

/* CPUID.1:EDX feature bits (SDM vol. 2A, CPUID, table 3-11). */
#define CPUID_FP87  (1u << 0)
#define CPUID_VME   (1u << 1)
#define CPUID_DE    (1u << 2)
#define CPUID_PSE   (1u << 3)
#define CPUID_TSC   (1u << 4)
#define CPUID_MSR   (1u << 5)
#define CPUID_PAE   (1u << 6)
#define CPUID_MCE   (1u << 7)
#define CPUID_CX8   (1u << 8)
#define CPUID_APIC  (1u << 9)
#define CPUID_SEP   (1u << 11)
#define CPUID_MTRR  (1u << 12)
#define CPUID_PGE   (1u << 13)
#define CPUID_MCA   (1u << 14)
#define CPUID_CMOV  (1u << 15)
#define CPUID_PAT   (1u << 16)
#define CPUID_PSE36 (1u << 17)
#define CPUID_CLFLUSH (1u << 19)
#define CPUID_MMX   (1u << 23)
#define CPUID_FXSR  (1u << 24)
#define CPUID_SSE   (1u << 25)
#define CPUID_SSE2  (1u << 26)
/* CPUID.1:ECX (env->cpuid_ext_features): SSE3, with FISTTP (same table) */
#define CPUID_ECX_SSE3 (1u << 0)

/* A segment register with its descriptor cache. */
typedef struct SegmentCache {
    uint32_t selector;
    uint32_t base;
    uint32_t limit;   /* byte granular (G already applied) */
    uint32_t flags;   /* descriptor high word bits 8..23, as in the descriptor */
} SegmentCache;

/* Descriptor bits in SegmentCache.flags / the descriptor's high dword. */
#define DESC_G_MASK   (1 << 23)
#define DESC_B_MASK   (1 << 22)  /* D/B: 32-bit segment */
#define DESC_AVL_MASK (1 << 20)
#define DESC_P_MASK   (1 << 15)
#define DESC_DPL_SHIFT 13
#define DESC_DPL_MASK (3 << DESC_DPL_SHIFT)
#define DESC_S_MASK   (1 << 12)
#define DESC_TYPE_SHIFT 8
#define DESC_A_MASK   (1 << 8)
#define DESC_CS_MASK  (1 << 11)  /* code segment */
#define DESC_W_MASK   (1 << 9)   /* data: writable */
#define DESC_R_MASK   (1 << 9)   /* code: readable */

typedef struct CPUArchState {
    /* [shared] Guest registers: the syscall ABI and signal frames use them. */
    uint32_t regs[8];
    uint32_t eip;
    /* [shared] EFLAGS without the arithmetic flags while lazy flags are in
     * cc_*; use cpu_compute_eflags()/cpu_load_eflags() to read/write all. */
    uint32_t eflags;

    /* Lazy condition codes (target/i386 private). */
    uint32_t cc_dst;
    uint32_t cc_src;
    uint32_t cc_src2;
    uint32_t cc_op;
    int32_t df;         /* 1 or -1: the string direction */
    uint32_t cc_tmp;    /* flags handed from a helper to the translator */

    /* [shared] Segment registers (base used for FS/GS TLS). */
    SegmentCache segs[6];
    SegmentCache ldt;
    SegmentCache tr;
    SegmentCache gdt;   /* only base, limit used */
    SegmentCache idt;   /* only base, limit used */

    uint32_t hflags;    /* translation-relevant state (target/i386 private) */
    uint32_t hflags2;

    uint32_t cr[5];
    uint64_t efer;

    /* System state (system mode; linux-user leaves it at reset values). */
    uint32_t dr[8];            /* debug registers (DR4/DR5 alias DR6/DR7) */
    uint32_t a20_mask;         /* ~0, or ~(1 << 20) while A20 is masked */
    uint32_t smbase;           /* SMRAM state-save base (reset 0x30000) */
    uint32_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t pat;              /* IA32_PAT */
    uint64_t mtrr_fixed[11];   /* MTRRfix64K_00000 .. MTRRfix4K_F8000 */
    uint64_t mtrr_var_base[8], mtrr_var_mask[8];
    uint64_t mtrr_deftype;
    uint64_t misc_enable;      /* IA32_MISC_ENABLE */
    uint64_t apic_base_msr;    /* IA32_APIC_BASE as last written (the APIC keeps the live copy) */
    struct DeviceState *apic;  /* local APIC (hw/intc/apic.c), NULL in linux-user */
    int old_exception;         /* vector being delivered, for #DF/triple fault (-1: none) */

    /* [shared] Exception in progress: set before cpu_loop_exit; linux-user
     * reads them in its cpu loop.  For INT n, exception_is_int is 1 and
     * exception_next_eip the eip after the instruction (int $0x80). */
    int error_code;
    int exception_is_int;
    uint32_t exception_next_eip;
    uint32_t cr2_fault_addr;  /* faulting address of #PF (user mode: si_addr) */

    /* CPUID model. */
    uint32_t cpuid_level;
    uint32_t cpuid_xlevel;  /* highest extended leaf, 0: none */
    uint32_t cpuid_vendor[3];
    uint32_t cpuid_version;
    uint32_t cpuid_features;
    uint32_t cpuid_ext_features;
    uint32_t cpuid_ext2_features;
    char cpuid_model_id[48];

    uint64_t tsc_offset;

    /* x87 control word: only FNINIT/FNSTCW/FLDCW touch it until the FPU
     * arrives (issue 4). */
    uint16_t fpuc;
    /* x87 registers and environment (target/i386/x87-exec.h): the 28-byte
     * environment of the FNSAVE image of 32-bit protected mode (SDM vol. 1,
     * 8.1.10): CW (equal to fpuc), SW with TOP, full tag word, FIP,
     * FCS + opcode, FDP, FDS; then the physical registers R0..R7 as 80-bit
     * values (FNSAVE lists ST(0)..ST(7) instead). */
    uint8_t fpu_image[108];

    /* SSE state (sse_helper.c): XMM0..XMM7 as little-endian bytes (the
     * helpers copy them to aligned buffers) and MXCSR.  MMX register i is
     * the mantissa of R(i) in fpu_image. */
    uint64_t xmm_regs[8][2];
    uint32_t mxcsr;
} CPUArchState;

typedef CPUArchState CPUX86State;

typedef struct X86CPU {
    CPUState parent_obj;
    CPUNegativeOffsetState neg;  /* must sit right before env */
    CPUX86State env;
} X86CPU;

static inline X86CPU *env_archcpu(CPUX86State *env)
{
    return (X86CPU *)((char *)env - __builtin_offsetof(X86CPU, env));
}

static inline CPUState *env_cpu(CPUX86State *env)
{
    return &env_archcpu(env)->parent_obj;
}

static inline CPUX86State *cpu_env(CPUState *cs)
{
    return (CPUX86State *)cs->env_ptr;
}

/* Creates a CPU of the named model ("qemu32", "pentium3", ..., NULL for the
 * default), reset and ready.  Returns NULL for an unknown model. */
X86CPU *cpu_x86_create(const char *cpu_model);
void x86_cpu_reset(X86CPU *cpu);
/* Prints the models -cpu help lists. */
void x86_cpu_list(FILE *f);

/* [shared] Full EFLAGS <-> CPU state (arithmetic flags live in cc_*). */
uint32_t cpu_compute_eflags(CPUX86State *env);
/* Loads EFLAGS bits selected by update_mask (e.g. for sigreturn). */
void cpu_load_eflags(CPUX86State *env, uint32_t eflags, uint32_t update_mask);

/* [shared] Loads a segment register from a selector, as MOV Sreg does
 * (user mode: reads the descriptor from the GDT/LDT in guest memory).
 * Raises the guest's #GP/#NP on a bad selector. */
void cpu_x86_load_seg(CPUX86State *env, int seg_reg, int selector);

/* Sets a segment cache directly (linux-user start-up). */
static inline void cpu_x86_load_seg_cache(CPUX86State *env, int seg_reg, uint32_t selector,
                                          uint32_t base, uint32_t limit, uint32_t flags)
{
    SegmentCache *sc = &env->segs[seg_reg];
    sc->selector = selector;
    sc->base = base;
    sc->limit = limit;
    sc->flags = flags;
}

/* The A20 gate (port 0x92, i8042): masked, physical address bit 20 reads
 * as 0 for every CPU access.  Flushes the TLB (softmmu). */
void x86_cpu_set_a20(X86CPU *cpu, bool enabled);

/* Recomputes hflags after a direct change of segments/CR0/EFLAGS. */
void x86_update_hflags(CPUX86State *env);

#endif
