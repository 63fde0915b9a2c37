/*
 * System-management mode: SMI entry and RSM (SDM vol. 3C, chapter 34).
 *
 * On an SMI the processor saves its state in the state save map at the
 * top of SMRAM, SMBASE + 8000H + 7E00H .. 7FFFH, and runs the handler at
 * SMBASE + 8000H in a real-mode-like state with 4 GiB segment limits.
 * RSM reloads the state from the map, which the handler may have edited.
 *
 * The map has the IA-32 layout of SDM vol. 3C, table 34-1 (CR0 at 7FFCH
 * down to the segment selectors at 7FA8H, SMBASE at 7EF8H, revision at
 * 7EFCH).  The descriptor caches and the other registers the table does
 * not place go in its reserved area, at offsets of our own (below).
 * SeaBIOS reads and writes EAX..EFLAGS and SMBASE, checks the revision
 * (bits 15..0 = 0: this layout; bit 17: SMBASE relocation), and copies
 * whole 512-byte maps between SMIs, so everything RSM needs lives inside
 * the map.
 *
 * The map is accessed in the CPU's SMM address space (where SMRAM is
 * visible) at physical addresses, as the processor writes it.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "qemu/log.h"

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

#ifdef CONFIG_USER_ONLY

void do_smm_enter(CPUX86State *env)
{
}

/* RSM outside SMM is #UD (SDM vol. 2B, RSM); a process is never in SMM. */
void HELPER(rsm)(CPUX86State *env)
{
    raise_exception_ra(env, EXCP06_ILLOP, GETPC());
}

#else

#include "exec/cputlb.h"
#include "exec/memory.h"

/* Offsets in the map, from SMBASE + 8000H (SDM vol. 3C, table 34-1). */
#define SMM_CR0         0x7ffc
#define SMM_CR3         0x7ff8
#define SMM_EFLAGS      0x7ff4
#define SMM_EIP         0x7ff0
#define SMM_EDI         0x7fec  /* EDI, ESI, EBP, ESP, EBX, EDX, ECX, EAX downwards */
#define SMM_EAX         0x7fd0
#define SMM_DR6         0x7fcc
#define SMM_DR7         0x7fc8
#define SMM_TR_SEL      0x7fc4
#define SMM_GS_SEL      0x7fbc  /* GS, FS, DS, SS, CS, ES downwards */
#define SMM_ES_SEL      0x7fa8
#define SMM_IO_STATE    0x7fa4
#define SMM_IO_ADDR     0x7fa0
#define SMM_AUTO_HALT   0x7f02  /* word: bit 0 = interrupted in HLT */
#define SMM_IO_RESTART  0x7f00  /* word */
#define SMM_REVISION    0x7efc
#define SMM_SMBASE      0x7ef8

/* Q86's own fields in the reserved area (7E00H..7EF7H). */
#define SMM_SEG_CACHE   0x7e00  /* ES..GS, LDTR, TR: base, limit, flags (12 bytes each) */
#define SMM_GDT_BASE    0x7e60
#define SMM_GDT_LIMIT   0x7e64
#define SMM_IDT_BASE    0x7e68
#define SMM_IDT_LIMIT   0x7e6c
#define SMM_LDT_SEL     0x7e70
#define SMM_CR4         0x7e74
#define SMM_EFER        0x7e78

/* Revision identifier: IA-32 map, SMBASE relocation supported (bit 17). */
#define SMM_REVISION_ID 0x00020000u

typedef struct SmmMap {
    AddressSpace *as;
    hwaddr base;        /* SMBASE + 8000H */
} SmmMap;

static uint32_t map_ld(SmmMap *m, int off)
{
    return (uint32_t)address_space_ldl_le(m->as, m->base + off, (MemTxAttrs){ .secure = 1 },
                                          NULL);
}

static void map_st(SmmMap *m, int off, uint32_t val)
{
    address_space_stl_le(m->as, m->base + off, val, (MemTxAttrs){ .secure = 1 }, NULL);
}

static SmmMap smm_map(CPUX86State *env)
{
    return (SmmMap){ cpu_get_address_space(env_cpu(env), 1), (hwaddr)env->smbase + 0x8000 };
}

static void save_cache(SmmMap *m, int index, const SegmentCache *sc)
{
    map_st(m, SMM_SEG_CACHE + index * 12, sc->base);
    map_st(m, SMM_SEG_CACHE + index * 12 + 4, sc->limit);
    map_st(m, SMM_SEG_CACHE + index * 12 + 8, sc->flags);
}

static void load_cache(SmmMap *m, int index, SegmentCache *sc)
{
    sc->base = map_ld(m, SMM_SEG_CACHE + index * 12);
    sc->limit = map_ld(m, SMM_SEG_CACHE + index * 12 + 4);
    sc->flags = map_ld(m, SMM_SEG_CACHE + index * 12 + 8);
}

void do_smm_enter(CPUX86State *env)
{
    CPUState *cs = env_cpu(env);
    SmmMap m = smm_map(env);
    uint32_t data_flags = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | DESC_A_MASK;

    qemu_log_mask(CPU_LOG_INT, "SMM: enter, SMBASE=%08x EIP=%08x\n", env->smbase, env->eip);

    /* The state save map. */
    map_st(&m, SMM_CR0, env->cr[0]);
    map_st(&m, SMM_CR3, env->cr[3]);
    map_st(&m, SMM_EFLAGS, cpu_compute_eflags(env));
    map_st(&m, SMM_EIP, env->eip);
    for (int i = 0; i < 8; i++) {
        map_st(&m, SMM_EAX + i * 4, env->regs[i]);    /* EAX, ECX, EDX, EBX, ESP, ... */
    }
    map_st(&m, SMM_DR6, env->dr[6]);
    map_st(&m, SMM_DR7, env->dr[7]);
    map_st(&m, SMM_TR_SEL, env->tr.selector);
    for (int i = 0; i < 6; i++) {
        map_st(&m, SMM_ES_SEL + i * 4, env->segs[i].selector);
        save_cache(&m, i, &env->segs[i]);
    }
    save_cache(&m, 6, &env->ldt);
    save_cache(&m, 7, &env->tr);
    map_st(&m, SMM_GDT_BASE, env->gdt.base);
    map_st(&m, SMM_GDT_LIMIT, env->gdt.limit);
    map_st(&m, SMM_IDT_BASE, env->idt.base);
    map_st(&m, SMM_IDT_LIMIT, env->idt.limit);
    map_st(&m, SMM_LDT_SEL, env->ldt.selector);
    map_st(&m, SMM_CR4, env->cr[4]);
    map_st(&m, SMM_EFER, (uint32_t)env->efer);
    map_st(&m, SMM_IO_STATE, 0);
    map_st(&m, SMM_IO_ADDR, 0);
    /* Auto HALT restart (34.13.1) in the low word, I/O restart 0. */
    map_st(&m, SMM_IO_RESTART, cs->halted ? 0x10000u : 0);
    map_st(&m, SMM_REVISION, SMM_REVISION_ID);
    map_st(&m, SMM_SMBASE, env->smbase);
    cs->halted = false;

    /* NMIs are blocked in SMM; remember whether one was already blocked
     * (34.8), so RSM keeps it blocked. */
    if (env->hflags2 & HF2_NMI_MASK) {
        env->hflags2 |= HF2_SMM_INSIDE_NMI_MASK;
    } else {
        env->hflags2 |= HF2_NMI_MASK;
    }

    /* The SMM execution state (table 34-4). */
    env->hflags |= HF_SMM_MASK;
    cpu_load_eflags(env, 0x2, ~0u);
    env->eip = 0x8000;
    cpu_x86_load_seg_cache(env, R_CS, (env->smbase >> 4) & 0xffff, env->smbase, 0xffffffffu,
                           DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK | DESC_R_MASK | DESC_A_MASK);
    for (int i = 0; i < 6; i++) {
        if (i != R_CS) {
            cpu_x86_load_seg_cache(env, i, 0, 0, 0xffffffffu, data_flags);
        }
    }
    env->dr[7] = 0x400;
    env->efer = 0;
    cpu_x86_update_cr4(env, 0);
    cpu_x86_update_cr0(env, env->cr[0] &
                       ~(CR0_PE_MASK | CR0_EM_MASK | CR0_TS_MASK | CR0_PG_MASK));
    x86_update_hflags(env);
}

/* RSM: restores the state from the map (34.12).  An inconsistent CR0/CR4
 * is a shutdown on hardware; we log it and leave the bad bits out. */
void HELPER(rsm)(CPUX86State *env)
{
    CPUState *cs = env_cpu(env);
    SmmMap m;
    uint32_t cr0, cr4, revision, auto_halt;

    if (!(env->hflags & HF_SMM_MASK)) {
        raise_exception_ra(env, EXCP06_ILLOP, GETPC());
    }
    m = smm_map(env);
    cr0 = map_ld(&m, SMM_CR0);
    cr4 = map_ld(&m, SMM_CR4);
    if ((cr0 & CR0_PG_MASK) && !(cr0 & CR0_PE_MASK)) {
        qemu_log_mask(LOG_GUEST_ERROR, "SMM: RSM with CR0.PG and not PE (%08x)\n", cr0);
        cr0 &= ~CR0_PG_MASK;
    }

    for (int i = 0; i < 8; i++) {
        env->regs[i] = map_ld(&m, SMM_EAX + i * 4);
    }
    env->eip = map_ld(&m, SMM_EIP);
    env->dr[6] = map_ld(&m, SMM_DR6);
    env->dr[7] = map_ld(&m, SMM_DR7);
    for (int i = 0; i < 6; i++) {
        load_cache(&m, i, &env->segs[i]);
        env->segs[i].selector = map_ld(&m, SMM_ES_SEL + i * 4) & 0xffff;
    }
    load_cache(&m, 6, &env->ldt);
    env->ldt.selector = map_ld(&m, SMM_LDT_SEL) & 0xffff;
    load_cache(&m, 7, &env->tr);
    env->tr.selector = map_ld(&m, SMM_TR_SEL) & 0xffff;
    env->gdt.base = map_ld(&m, SMM_GDT_BASE);
    env->gdt.limit = map_ld(&m, SMM_GDT_LIMIT) & 0xffff;
    env->idt.base = map_ld(&m, SMM_IDT_BASE);
    env->idt.limit = map_ld(&m, SMM_IDT_LIMIT) & 0xffff;
    env->efer = map_ld(&m, SMM_EFER) & EFER_NXE;
    revision = map_ld(&m, SMM_REVISION);
    auto_halt = map_ld(&m, SMM_IO_RESTART) >> 16;
    /* SMBASE relocation (34.11): the handler's value takes effect now. */
    if (revision & (1u << 17)) {
        env->smbase = map_ld(&m, SMM_SMBASE);
    }

    /* Control registers last: CR4 before CR0 so PG never meets a stale
     * PAE, then CR3 (each flushes the TLB as needed). */
    cpu_x86_update_cr4(env, cr4);
    cpu_x86_update_cr0(env, cr0);
    cpu_x86_update_cr3(env, map_ld(&m, SMM_CR3));
    env->hflags &= ~HF_SMM_MASK;
    cpu_load_eflags(env, map_ld(&m, SMM_EFLAGS), ~0u);   /* also recomputes hflags */

    if (env->hflags2 & HF2_SMM_INSIDE_NMI_MASK) {
        env->hflags2 &= ~HF2_SMM_INSIDE_NMI_MASK;
    } else {
        env->hflags2 &= ~HF2_NMI_MASK;
    }
    qemu_log_mask(CPU_LOG_INT, "SMM: RSM to %04x:%08x, SMBASE=%08x\n",
                  env->segs[R_CS].selector, env->eip, env->smbase);

    if (auto_halt & 1) {
        /* Back to the HLT the SMI interrupted (34.13.1). */
        cs->halted = true;
        cs->exception_index = EXCP_HLT;
        cpu_loop_exit(cs);
    }
}

#endif /* !CONFIG_USER_ONLY */
