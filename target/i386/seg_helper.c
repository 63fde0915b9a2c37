/*
 * Segmentation: segment-register loads, far JMP/CALL/RET and IRET in every
 * mode (real, vm86, protected; call gates, inter-privilege returns, task
 * gates), LLDT/LTR, LAR/LSL/VERR/VERW, BOUND, SYSENTER/SYSEXIT.
 *
 * The same helpers run in linux-user (flat CPL 3 protected mode: only the
 * same-privilege paths are reachable there) and in system mode.  Descriptor
 * tables and the TSS are read with supervisor rights whatever the CPL.
 * SDM vol. 3A ch. 3 (descriptors), 5.8 (calls, gates), 5.10 (SYSENTER),
 * 7 (tasks), vol. 2 (JMP, CALL, RET, IRET, MOV, LLDT, LTR, SYSENTER).
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"
#include "qemu/log.h"

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

/* System descriptor types (S = 0), SDM vol. 3A, table 3-2. */
#define SYS_TSS16_AVAIL 1
#define SYS_LDT         2
#define SYS_TSS16_BUSY  3
#define SYS_CALLGATE16  4
#define SYS_TASKGATE    5
#define SYS_TSS32_AVAIL 9
#define SYS_TSS32_BUSY  11
#define SYS_CALLGATE32  12

static inline int cur_cpl(CPUX86State *env)
{
    return env->hflags & HF_CPL_MASK;
}

static inline bool protected_mode(CPUX86State *env)
{
    return (env->cr[0] & CR0_PE_MASK) && !(env->eflags & VM_MASK);
}

static inline int desc_dpl(uint32_t e2)
{
    return (e2 >> DESC_DPL_SHIFT) & 3;
}

static inline int sys_type(uint32_t e2)
{
    return (e2 >> DESC_TYPE_SHIFT) & 0xf;
}

__attribute__((noreturn))
static void fault(CPUX86State *env, int excp, uint32_t err, uintptr_t ra)
{
    raise_exception_err_ra(env, excp, (int)err, ra);
}

/* ---- descriptors */

bool x86_read_descriptor(CPUX86State *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                         uintptr_t ra)
{
    SegmentCache *dt = (sel & 4) ? &env->ldt : &env->gdt;
    uint32_t index = sel & 0xfff8u;
    int mmu = x86_sys_mmu_idx(env);

    if (index + 7 > dt->limit) {
        return false;
    }
    *e1 = cpu_ldl_mmuidx_ra(env, dt->base + index, mmu, ra);
    *e2 = cpu_ldl_mmuidx_ra(env, dt->base + index + 4, mmu, ra);
    return true;
}

void x86_write_descriptor_high(CPUX86State *env, uint32_t sel, uint32_t e2, uintptr_t ra)
{
    SegmentCache *dt = (sel & 4) ? &env->ldt : &env->gdt;

    cpu_stl_mmuidx_ra(env, dt->base + (sel & 0xfff8u) + 4, e2, x86_sys_mmu_idx(env), ra);
}

void x86_load_seg_desc(CPUX86State *env, int seg, uint32_t sel, uint32_t e1, uint32_t e2,
                       uintptr_t ra)
{
#ifndef CONFIG_USER_ONLY
    /* The processor sets the accessed bit of a code/data descriptor when
     * it loads it (SDM vol. 3A, 3.4.5.1).  linux-user's GDT is the
     * emulator's, written by set_thread_area only. */
    if ((e2 & DESC_S_MASK) && !(e2 & DESC_A_MASK)) {
        e2 |= DESC_A_MASK;
        x86_write_descriptor_high(env, sel, e2, ra);
    }
#endif
    cpu_x86_load_seg_cache(env, seg, sel, seg_desc_base(e1, e2), seg_desc_limit(e1, e2),
                           e2 & 0x00ffff00u);
}

void x86_load_seg_vm86(CPUX86State *env, int seg, uint32_t sel)
{
    SegmentCache *sc = &env->segs[seg];

    sel &= 0xffff;
    if (env->eflags & VM_MASK) {
        /* vm86: a 64 KiB, DPL 3, writable segment (SDM vol. 3A, 20.1.1). */
        uint32_t flags = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | DESC_A_MASK |
                         (3 << DESC_DPL_SHIFT);
        if (seg == R_CS) {
            flags |= DESC_CS_MASK | DESC_R_MASK;
        }
        cpu_x86_load_seg_cache(env, seg, sel, sel << 4, 0xffff, flags);
    } else {
        /* Real mode changes only selector and base: the cached limit and
         * attributes stay ("unreal" mode, SDM vol. 3A, 9.9.2). */
        sc->selector = sel;
        sc->base = sel << 4;
    }
}

/* ---- the TSS's inner stacks */

void x86_tss_inner_stack(CPUX86State *env, int dpl, uint32_t *ss, uint32_t *esp, int ext,
                         uintptr_t ra)
{
    bool tss32 = sys_type(env->tr.flags) & 8;
    int mmu = x86_sys_mmu_idx(env);
    /* 32-bit TSS: ESPn at 4 + 8n, SSn at 8 + 8n; 16-bit TSS: SPn at 2 + 4n,
     * SSn at 4 + 4n (SDM vol. 3A, figures 7-2 and 7-11). */
    uint32_t off = tss32 ? 4 + 8 * dpl : 2 + 4 * dpl;

    if (!(env->tr.flags & DESC_P_MASK) || off + (tss32 ? 5 : 3) > env->tr.limit) {
        fault(env, EXCP0A_TSS, (env->tr.selector & 0xfffc) | ext, ra);
    }
    if (tss32) {
        *esp = cpu_ldl_mmuidx_ra(env, env->tr.base + off, mmu, ra);
        *ss = cpu_lduw_mmuidx_ra(env, env->tr.base + off + 4, mmu, ra);
    } else {
        *esp = cpu_lduw_mmuidx_ra(env, env->tr.base + off, mmu, ra);
        *ss = cpu_lduw_mmuidx_ra(env, env->tr.base + off + 2, mmu, ra);
    }
}

void x86_check_inner_ss(CPUX86State *env, uint32_t ss, int dpl, int ext, uint32_t *e1,
                        uint32_t *e2, uintptr_t ra)
{
    uint32_t err = (ss & 0xfffc) | ext;

    if ((ss & 0xfffc) == 0) {
        fault(env, EXCP0A_TSS, ext, ra);
    }
    if ((int)(ss & 3) != dpl || !x86_read_descriptor(env, ss, e1, e2, ra)) {
        fault(env, EXCP0A_TSS, err, ra);
    }
    if (desc_dpl(*e2) != dpl || !(*e2 & DESC_S_MASK) || (*e2 & DESC_CS_MASK) ||
        !(*e2 & DESC_W_MASK)) {
        fault(env, EXCP0A_TSS, err, ra);
    }
    if (!(*e2 & DESC_P_MASK)) {
        fault(env, EXCP0C_STACK, err, ra);
    }
}

/* ---- stacks */

void x86_push(CPUX86State *env, X86Stack *st, uint32_t val, bool is32, uintptr_t ra)
{
    st->sp -= is32 ? 4 : 2;
    if (is32) {
        cpu_stl_mmuidx_ra(env, st->base + (st->sp & st->mask), val, st->mmu_idx, ra);
    } else {
        cpu_stw_mmuidx_ra(env, st->base + (st->sp & st->mask), val, st->mmu_idx, ra);
    }
}

uint32_t x86_pop(CPUX86State *env, X86Stack *st, bool is32, uintptr_t ra)
{
    uint32_t v;

    if (is32) {
        v = cpu_ldl_mmuidx_ra(env, st->base + (st->sp & st->mask), st->mmu_idx, ra);
    } else {
        v = cpu_lduw_mmuidx_ra(env, st->base + (st->sp & st->mask), st->mmu_idx, ra);
    }
    st->sp += is32 ? 4 : 2;
    return v;
}

/* The current stack, accessed at the current privilege level. */
static X86Stack cur_stack(CPUX86State *env)
{
    X86Stack st;

    /* HF_SS32 (SS.B, in protected mode only) as the translator sees it. */
    st.mask = (env->hflags & HF_SS32_MASK) ? 0xffffffffu : 0xffffu;
    st.sp = env->regs[R_ESP];
    st.base = env->segs[R_SS].base;
    st.mmu_idx = x86_stack_mmu_idx(env, cur_cpl(env));
    return st;
}

/* Commits the stack pointer, keeping the high half for a 16-bit stack. */
static void stack_commit(CPUX86State *env, const X86Stack *st)
{
    env->regs[R_ESP] = (env->regs[R_ESP] & ~st->mask) | (st->sp & st->mask);
}

/* ---- MOV/POP Sreg, LDS...: segment-register loads */

void x86_load_seg_ra(CPUX86State *env, int seg, int selector, uintptr_t ra)
{
    uint32_t sel = selector & 0xffff, e1, e2, err = sel & 0xfffc;
    int cpl = cur_cpl(env), rpl, dpl;

    if (!protected_mode(env)) {
        x86_load_seg_vm86(env, seg, sel);
        x86_update_hflags(env);
        return;
    }
    if ((sel & 0xfffc) == 0) {
        /* A null selector may be loaded into DS/ES/FS/GS, not SS
         * (SDM vol. 2B, MOV); using it later faults. */
        if (seg == R_SS) {
            fault(env, EXCP0D_GPF, 0, ra);
        }
        cpu_x86_load_seg_cache(env, seg, sel, 0, 0, 0);
        x86_update_hflags(env);
        return;
    }
    if (!x86_read_descriptor(env, sel, &e1, &e2, ra)) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    rpl = sel & 3;
    dpl = desc_dpl(e2);
    if (!(e2 & DESC_S_MASK)) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (seg == R_SS) {
        /* SS: a writable data segment at exactly CPL. */
        if ((e2 & DESC_CS_MASK) || !(e2 & DESC_W_MASK) || rpl != cpl || dpl != cpl) {
            fault(env, EXCP0D_GPF, err, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            fault(env, EXCP0C_STACK, err, ra);
        }
    } else {
        /* Data or readable code; privilege checked unless conforming code. */
        if ((e2 & (DESC_CS_MASK | DESC_R_MASK)) == DESC_CS_MASK) {
            fault(env, EXCP0D_GPF, err, ra);
        }
        if (!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) {
            if (dpl < cpl || dpl < rpl) {
                fault(env, EXCP0D_GPF, err, ra);
            }
        }
        if (!(e2 & DESC_P_MASK)) {
            fault(env, EXCP0B_NOSEG, err, ra);
        }
    }
    x86_load_seg_desc(env, seg, sel, e1, e2, ra);
    x86_update_hflags(env);
}

void cpu_x86_load_seg(CPUX86State *env, int seg_reg, int selector)
{
    x86_load_seg_ra(env, seg_reg, selector, 0);
}

void HELPER(load_seg)(CPUX86State *env, int seg_reg, uint32_t selector)
{
    x86_load_seg_ra(env, seg_reg, selector, GETPC());
}

/* ---- far JMP / CALL */

/* Checks a code segment reached directly (no gate) by JMP/CALL: conforming
 * with DPL <= CPL, or nonconforming with DPL == CPL and RPL <= CPL, and
 * present; faults otherwise. */
static void check_direct_code(CPUX86State *env, uint32_t sel, uint32_t e2, uintptr_t ra)
{
    int cpl = cur_cpl(env), dpl = desc_dpl(e2), rpl = sel & 3;
    uint32_t err = sel & 0xfffc;

    if (!(e2 & DESC_S_MASK) || !(e2 & DESC_CS_MASK)) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (e2 & DESC_C_MASK) {
        if (dpl > cpl) {
            fault(env, EXCP0D_GPF, err, ra);
        }
    } else if (rpl > cpl || dpl != cpl) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, err, ra);
    }
}

/* The descriptor a far transfer names: a null selector is #GP(0), one
 * outside its table #GP(selector). */
static void read_nonnull_descriptor(CPUX86State *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                                    uintptr_t ra)
{
    if ((sel & 0xfffc) == 0) {
        fault(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_read_descriptor(env, sel, e1, e2, ra)) {
        fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
}

/* The code segment named by a call gate: a present code segment with
 * DPL <= CPL (JMP: a nonconforming one must have DPL == CPL). */
static void check_gate_code(CPUX86State *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                            bool is_call, uintptr_t ra)
{
    int cpl = cur_cpl(env), dpl;
    uint32_t err = sel & 0xfffc;

    read_nonnull_descriptor(env, sel, e1, e2, ra);
    dpl = desc_dpl(*e2);
    if (!(*e2 & DESC_S_MASK) || !(*e2 & DESC_CS_MASK) || dpl > cpl) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (!is_call && !(*e2 & DESC_C_MASK) && dpl != cpl) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (!(*e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, err, ra);
    }
}

/* JMP/CALL to a TSS descriptor or a task gate: resolves the gate and
 * switches tasks (SDM vol. 3A, 7.3). */
static void far_to_task(CPUX86State *env, uint32_t sel, uint32_t e1, uint32_t e2,
                        X86TaskSource source, uint32_t next_eip, uintptr_t ra)
{
    int cpl = cur_cpl(env), dpl = desc_dpl(e2);
    uint32_t err = sel & 0xfffc;

    if (dpl < cpl || dpl < (int)(sel & 3)) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, err, ra);
    }
    if (sys_type(e2) == SYS_TASKGATE) {
        sel = (e1 >> 16) & 0xffff;
        err = sel & 0xfffc;
        if ((sel & 4) || !x86_read_descriptor(env, sel, &e1, &e2, ra)) {
            fault(env, EXCP0D_GPF, err, ra);
        }
        if ((e2 & DESC_S_MASK) ||
            (sys_type(e2) != SYS_TSS16_AVAIL && sys_type(e2) != SYS_TSS32_AVAIL)) {
            fault(env, EXCP0D_GPF, err, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            fault(env, EXCP0B_NOSEG, err, ra);
        }
    } else if (sel & 4) {
        /* TSS descriptors live in the GDT only. */
        fault(env, EXCP0D_GPF, err, ra);
    }
    x86_task_switch(env, sel, e1, e2, source, next_eip, ra);
}

void HELPER(ljmp_protected)(CPUX86State *env, uint32_t sel, uint32_t eip,
                            uint32_t next_eip_addend)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2, gsel, ge1, ge2;
    int cpl = cur_cpl(env);

    sel &= 0xffff;
    if (!protected_mode(env)) {
        x86_load_seg_vm86(env, R_CS, sel);
        env->eip = eip;
        x86_update_hflags(env);
        return;
    }
    read_nonnull_descriptor(env, sel, &e1, &e2, ra);
    if (e2 & DESC_S_MASK) {
        check_direct_code(env, sel, e2, ra);
        if (eip > seg_desc_limit(e1, e2)) {
            fault(env, EXCP0D_GPF, 0, ra);
        }
        x86_load_seg_desc(env, R_CS, (sel & 0xfffc) | cpl, e1, e2, ra);
        env->eip = eip;
        x86_update_hflags(env);
        return;
    }
    switch (sys_type(e2)) {
    case SYS_TSS16_AVAIL:
    case SYS_TSS32_AVAIL:
    case SYS_TASKGATE:
        far_to_task(env, sel, e1, e2, TASK_FROM_JMP, env->eip + next_eip_addend, ra);
        return;
    case SYS_CALLGATE16:
    case SYS_CALLGATE32:
        if (desc_dpl(e2) < cpl || desc_dpl(e2) < (int)(sel & 3)) {
            fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
        }
        gsel = e1 >> 16;
        eip = e1 & 0xffff;
        if (sys_type(e2) == SYS_CALLGATE32) {
            eip |= e2 & 0xffff0000u;
        }
        check_gate_code(env, gsel, &ge1, &ge2, false, ra);
        if (eip > seg_desc_limit(ge1, ge2)) {
            fault(env, EXCP0D_GPF, 0, ra);
        }
        /* JMP through a gate never changes the privilege level. */
        x86_load_seg_desc(env, R_CS, (gsel & 0xfffc) | cpl, ge1, ge2, ra);
        env->eip = eip;
        x86_update_hflags(env);
        return;
    default:
        fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
}

/* CALL through a call gate (SDM vol. 3A, 5.8.5 and 5.8.6). */
static void call_gate(CPUX86State *env, uint32_t sel, uint32_t e1, uint32_t e2,
                      uint32_t next_eip, uintptr_t ra)
{
    int cpl = cur_cpl(env), dpl;
    bool gate32 = sys_type(e2) == SYS_CALLGATE32;
    uint32_t csel = e1 >> 16, eip = e1 & 0xffff, ce1, ce2;
    X86Stack old = cur_stack(env);

    if (desc_dpl(e2) < cpl || desc_dpl(e2) < (int)(sel & 3)) {
        fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
    if (gate32) {
        eip |= e2 & 0xffff0000u;
    }
    check_gate_code(env, csel, &ce1, &ce2, true, ra);
    dpl = desc_dpl(ce2);
    if (eip > seg_desc_limit(ce1, ce2)) {
        fault(env, EXCP0D_GPF, 0, ra);
    }
    if (!(ce2 & DESC_C_MASK) && dpl < cpl) {
        /* To an inner level: a new stack from the TSS, then the caller's
         * SS:ESP, the gate's parameters copied from the old stack, CS:EIP. */
        uint32_t ss, esp, se1, se2;
        int count = e2 & 0x1f;
        X86Stack st;

        x86_tss_inner_stack(env, dpl, &ss, &esp, 0, ra);
        x86_check_inner_ss(env, ss, dpl, 0, &se1, &se2, ra);
        st.base = seg_desc_base(se1, se2);
        st.mask = (se2 & DESC_B_MASK) ? 0xffffffffu : 0xffffu;
        st.sp = esp;
        st.mmu_idx = x86_stack_mmu_idx(env, dpl);
        x86_push(env, &st, env->segs[R_SS].selector, gate32, ra);
        x86_push(env, &st, env->regs[R_ESP], gate32, ra);
        for (int i = count - 1; i >= 0; i--) {
            X86Stack src = old;
            src.sp += i * (gate32 ? 4 : 2);
            x86_push(env, &st, x86_pop(env, &src, gate32, ra), gate32, ra);
        }
        x86_push(env, &st, env->segs[R_CS].selector, gate32, ra);
        x86_push(env, &st, next_eip, gate32, ra);
        x86_load_seg_desc(env, R_SS, (ss & 0xfffc) | dpl, se1, se2, ra);
        env->regs[R_ESP] = (esp & ~st.mask) | (st.sp & st.mask);
        x86_load_seg_desc(env, R_CS, (csel & 0xfffc) | dpl, ce1, ce2, ra);
    } else {
        x86_push(env, &old, env->segs[R_CS].selector, gate32, ra);
        x86_push(env, &old, next_eip, gate32, ra);
        stack_commit(env, &old);
        x86_load_seg_desc(env, R_CS, (csel & 0xfffc) | cpl, ce1, ce2, ra);
    }
    env->eip = eip;
    x86_update_hflags(env);
}

void HELPER(lcall_protected)(CPUX86State *env, uint32_t sel, uint32_t eip,
                             uint32_t next_eip_addend, int is32)
{
    uintptr_t ra = GETPC();
    X86Stack st = cur_stack(env);
    uint32_t e1, e2, next_eip = env->eip + next_eip_addend;

    sel &= 0xffff;
    if (!protected_mode(env)) {
        /* Pushes may fault: nothing is committed before they are done. */
        x86_push(env, &st, env->segs[R_CS].selector, is32, ra);
        x86_push(env, &st, next_eip, is32, ra);
        stack_commit(env, &st);
        x86_load_seg_vm86(env, R_CS, sel);
        env->eip = is32 ? eip : (eip & 0xffff);
        x86_update_hflags(env);
        return;
    }
    read_nonnull_descriptor(env, sel, &e1, &e2, ra);
    if (e2 & DESC_S_MASK) {
        check_direct_code(env, sel, e2, ra);
        if (eip > seg_desc_limit(e1, e2)) {
            fault(env, EXCP0D_GPF, 0, ra);
        }
        x86_push(env, &st, env->segs[R_CS].selector, is32, ra);
        x86_push(env, &st, next_eip, is32, ra);
        stack_commit(env, &st);
        x86_load_seg_desc(env, R_CS, (sel & 0xfffc) | cur_cpl(env), e1, e2, ra);
        env->eip = eip;
        x86_update_hflags(env);
        return;
    }
    switch (sys_type(e2)) {
    case SYS_TSS16_AVAIL:
    case SYS_TSS32_AVAIL:
    case SYS_TASKGATE:
        far_to_task(env, sel, e1, e2, TASK_FROM_CALL, next_eip, ra);
        return;
    case SYS_CALLGATE16:
    case SYS_CALLGATE32:
        call_gate(env, sel, e1, e2, next_eip, ra);
        return;
    default:
        fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
}

/* ---- RETF / IRET */

/* Returning to an outer level: DS/ES/FS/GS that the outer level may not
 * use (data or nonconforming code with DPL < CPL) become null
 * (SDM vol. 2B, RET, "RETURN-TO-OUTER-PRIVILEGE-LEVEL"). */
static void null_inaccessible_segs(CPUX86State *env, int cpl)
{
    static const int segs[] = { R_ES, R_DS, R_FS, R_GS };

    for (int i = 0; i < 4; i++) {
        SegmentCache *sc = &env->segs[segs[i]];
        bool conforming = (sc->flags & DESC_CS_MASK) && (sc->flags & DESC_C_MASK);
        if (!conforming && desc_dpl(sc->flags) < cpl) {
            cpu_x86_load_seg_cache(env, segs[i], 0, 0, 0, 0);
        }
    }
}

/* The CS popped by RETF/IRET in protected mode: code, present, RPL >= CPL,
 * nonconforming DPL == RPL, conforming DPL <= RPL. */
static void check_return_cs(CPUX86State *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                            uintptr_t ra)
{
    int rpl = sel & 3, dpl;
    uint32_t err = sel & 0xfffc;

    read_nonnull_descriptor(env, sel, e1, e2, ra);
    dpl = desc_dpl(*e2);
    if (!(*e2 & DESC_S_MASK) || !(*e2 & DESC_CS_MASK) || rpl < cur_cpl(env)) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if ((*e2 & DESC_C_MASK) ? dpl > rpl : dpl != rpl) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (!(*e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, err, ra);
    }
}

/* The SS popped when returning to outer level rpl. */
static void check_return_ss(CPUX86State *env, uint32_t ss, int rpl, uint32_t *e1,
                            uint32_t *e2, uintptr_t ra)
{
    uint32_t err = ss & 0xfffc;

    if ((ss & 0xfffc) == 0) {
        fault(env, EXCP0D_GPF, 0, ra);
    }
    if ((int)(ss & 3) != rpl || !x86_read_descriptor(env, ss, e1, e2, ra)) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (!(*e2 & DESC_S_MASK) || (*e2 & DESC_CS_MASK) || !(*e2 & DESC_W_MASK) ||
        desc_dpl(*e2) != rpl) {
        fault(env, EXCP0D_GPF, err, ra);
    }
    if (!(*e2 & DESC_P_MASK)) {
        fault(env, EXCP0C_STACK, err, ra);
    }
}

/* Common tail of RETF/IRET in protected mode once CS:EIP are popped:
 * same level or outer level (then SS:ESP are popped too). */
static void return_protected(CPUX86State *env, X86Stack *st, uint32_t sel, uint32_t eip,
                             bool is32, int addend, uintptr_t ra)
{
    uint32_t e1, e2, se1, se2, ss, esp;
    int rpl = sel & 3;

    check_return_cs(env, sel, &e1, &e2, ra);
    if (eip > seg_desc_limit(e1, e2)) {
        fault(env, EXCP0D_GPF, 0, ra);
    }
    st->sp += addend;
    if (rpl == cur_cpl(env)) {
        stack_commit(env, st);
        x86_load_seg_desc(env, R_CS, sel, e1, e2, ra);
        env->eip = eip;
        x86_update_hflags(env);
        return;
    }
    esp = x86_pop(env, st, is32, ra);
    ss = x86_pop(env, st, is32, ra) & 0xffff;
    check_return_ss(env, ss, rpl, &se1, &se2, ra);
    x86_load_seg_desc(env, R_CS, sel, e1, e2, ra);
    x86_load_seg_desc(env, R_SS, ss, se1, se2, ra);
    /* RETF imm16 releases the parameters on the outer stack as well. */
    esp += addend;
    if (se2 & DESC_B_MASK) {
        env->regs[R_ESP] = esp;
    } else {
        env->regs[R_ESP] = (env->regs[R_ESP] & 0xffff0000u) | (esp & 0xffff);
    }
    env->eip = eip;
    x86_update_hflags(env);
    null_inaccessible_segs(env, rpl);
    x86_update_hflags(env);
}

/* RETF [imm16]: `addend` is the immediate (bytes released after CS:EIP). */
void HELPER(lret_protected)(CPUX86State *env, int is32, int addend)
{
    uintptr_t ra = GETPC();
    X86Stack st = cur_stack(env);
    uint32_t eip, sel;

    eip = x86_pop(env, &st, is32, ra);
    sel = x86_pop(env, &st, is32, ra) & 0xffff;
    if (!protected_mode(env)) {
        st.sp += addend;
        stack_commit(env, &st);
        x86_load_seg_vm86(env, R_CS, sel);
        env->eip = eip;
        x86_update_hflags(env);
        return;
    }
    return_protected(env, &st, sel, eip, is32, addend, ra);
}

/* IRET with EFLAGS.NT: return to the task in the TSS back link. */
static void iret_task(CPUX86State *env, bool is32, uintptr_t ra)
{
    /* The outgoing task resumes after the IRET: one byte, two with an
     * operand-size prefix. */
    uint32_t len = 1 + (is32 != !!(env->hflags & HF_CS32_MASK));
    uint32_t sel, e1, e2;
    int type;

    sel = cpu_lduw_mmuidx_ra(env, env->tr.base, x86_sys_mmu_idx(env), ra);
    if (sel & 4) {
        fault(env, EXCP0A_TSS, sel & 0xfffc, ra);
    }
    if (!x86_read_descriptor(env, sel, &e1, &e2, ra)) {
        fault(env, EXCP0A_TSS, sel & 0xfffc, ra);
    }
    type = sys_type(e2);
    if ((e2 & DESC_S_MASK) || (type != SYS_TSS16_BUSY && type != SYS_TSS32_BUSY)) {
        fault(env, EXCP0A_TSS, sel & 0xfffc, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
    x86_task_switch(env, sel, e1, e2, TASK_FROM_IRET, env->eip + len, ra);
}

/* IRET from CPL 0 to a frame with EFLAGS.VM (SDM vol. 2A, IRET,
 * RETURN-TO-VIRTUAL-8086-MODE): ESP, SS, ES, DS, FS, GS follow EFLAGS. */
static void iret_to_vm86(CPUX86State *env, X86Stack *st, uint32_t sel, uint32_t eip,
                         uint32_t fl, uintptr_t ra)
{
    uint32_t esp, ss, es, ds, fs, gs;

    esp = x86_pop(env, st, true, ra);
    ss = x86_pop(env, st, true, ra);
    es = x86_pop(env, st, true, ra);
    ds = x86_pop(env, st, true, ra);
    fs = x86_pop(env, st, true, ra);
    gs = x86_pop(env, st, true, ra);
    cpu_load_eflags(env, fl, CC_ARITH_MASK | TF_MASK | IF_MASK | DF_MASK | IOPL_MASK |
                    NT_MASK | RF_MASK | VM_MASK | AC_MASK | VIF_MASK | VIP_MASK | ID_MASK);
    x86_load_seg_vm86(env, R_CS, sel);
    x86_load_seg_vm86(env, R_SS, ss);
    x86_load_seg_vm86(env, R_ES, es);
    x86_load_seg_vm86(env, R_DS, ds);
    x86_load_seg_vm86(env, R_FS, fs);
    x86_load_seg_vm86(env, R_GS, gs);
    env->regs[R_ESP] = esp;
    env->eip = eip & 0xffff;
    x86_update_hflags(env);
}

void HELPER(iret_protected)(CPUX86State *env, int is32)
{
    uintptr_t ra = GETPC();
    X86Stack st = cur_stack(env);
    uint32_t eip, sel, fl, mask;
    int cpl = cur_cpl(env), iopl = (env->eflags & IOPL_MASK) >> 12;

    if (env->eflags & VM_MASK) {
        /* vm86 with IOPL < 3 traps IRET to the monitor (SDM vol. 3A,
         * 20.2.7). */
        if (iopl != 3) {
            fault(env, EXCP0D_GPF, 0, ra);
        }
    }
    /* IRET ends NMI blocking (SDM vol. 3A, 6.7.1). */
    env->hflags2 &= ~HF2_NMI_MASK;
    if (protected_mode(env) && (env->eflags & NT_MASK)) {
        iret_task(env, is32, ra);
        return;
    }
    eip = x86_pop(env, &st, is32, ra);
    sel = x86_pop(env, &st, is32, ra) & 0xffff;
    fl = x86_pop(env, &st, is32, ra);
    if (protected_mode(env) && is32 && (fl & VM_MASK) && cpl == 0) {
        iret_to_vm86(env, &st, sel, eip, fl, ra);
        return;
    }
    /* Which EFLAGS bits IRET may change (SDM vol. 2A, IRET operation). */
    mask = CC_ARITH_MASK | TF_MASK | DF_MASK | NT_MASK;
    if (is32) {
        mask |= AC_MASK | ID_MASK | RF_MASK;
    }
    if (cpl <= iopl) {
        mask |= IF_MASK;
    }
    if (cpl == 0) {
        mask |= IOPL_MASK;
        if (is32 && protected_mode(env)) {
            mask |= VIF_MASK | VIP_MASK;
        }
    }
    if (!is32) {
        mask &= 0xffff;
    }
    if (!protected_mode(env)) {
        if (env->eflags & VM_MASK) {
            mask &= ~IOPL_MASK;
        }
        stack_commit(env, &st);
        x86_load_seg_vm86(env, R_CS, sel);
        env->eip = eip;
        cpu_load_eflags(env, fl, mask);
        return;
    }
    return_protected(env, &st, sel, eip, is32, 0, ra);
    cpu_load_eflags(env, fl, mask);
}

/* ---- LAR / LSL / VERR / VERW: report success in ZF (cc_src, EFLAGS form) */

static void set_zf(CPUX86State *env, bool z)
{
    uint32_t f = cc_compute_all(env->cc_dst, env->cc_src, env->cc_src2, env->cc_op);
    env->cc_src = z ? (f | CC_Z) : (f & ~CC_Z);
    env->cc_op = CC_OP_EFLAGS;
}

/* Common visibility rule: the descriptor is readable at CPL/RPL unless it
 * is a conforming code segment. */
static bool desc_visible(CPUX86State *env, uint32_t sel, uint32_t e2)
{
    int dpl = desc_dpl(e2);
    bool conforming = (e2 & DESC_S_MASK) && (e2 & DESC_CS_MASK) && (e2 & DESC_C_MASK);
    return conforming || (dpl >= cur_cpl(env) && dpl >= (int)(sel & 3));
}

/* System descriptor types valid for LAR (LSL accepts those with a limit). */
static bool sys_type_ok(uint32_t e2, bool for_lsl)
{
    switch (sys_type(e2)) {
    case SYS_TSS16_AVAIL: case SYS_LDT: case SYS_TSS16_BUSY:
    case SYS_TSS32_AVAIL: case SYS_TSS32_BUSY:
        return true;
    case SYS_CALLGATE16: case SYS_TASKGATE: case SYS_CALLGATE32:
        return !for_lsl;
    default:
        return false;
    }
}

static bool lookup_for_lar_lsl(CPUX86State *env, uint32_t sel, bool for_lsl, uint32_t *e1,
                               uint32_t *e2, uintptr_t ra)
{
    sel &= 0xffff;
    if ((sel & 0xfffc) == 0 || !x86_read_descriptor(env, sel, e1, e2, ra)) {
        return false;
    }
    if (!(*e2 & DESC_S_MASK) && !sys_type_ok(*e2, for_lsl)) {
        return false;
    }
    return desc_visible(env, sel, *e2);
}

uint32_t HELPER(lar)(CPUX86State *env, uint32_t sel)
{
    uint32_t e1, e2;
    bool ok = lookup_for_lar_lsl(env, sel, false, &e1, &e2, GETPC());
    set_zf(env, ok);
    return ok ? (e2 & 0x00f0ff00u) : 0;
}

uint32_t HELPER(lsl)(CPUX86State *env, uint32_t sel)
{
    uint32_t e1, e2;
    bool ok = lookup_for_lar_lsl(env, sel, true, &e1, &e2, GETPC());
    set_zf(env, ok);
    return ok ? seg_desc_limit(e1, e2) : 0;
}

static void verify_seg(CPUX86State *env, uint32_t sel, bool write, uintptr_t ra)
{
    uint32_t e1, e2;
    bool ok = false;

    sel &= 0xffff;
    if ((sel & 0xfffc) != 0 && x86_read_descriptor(env, sel, &e1, &e2, ra) &&
        (e2 & DESC_S_MASK) && desc_visible(env, sel, e2)) {
        if (e2 & DESC_CS_MASK) {
            ok = !write && (e2 & DESC_R_MASK);
        } else {
            ok = !write || (e2 & DESC_W_MASK);
        }
    }
    set_zf(env, ok);
}

void HELPER(verr)(CPUX86State *env, uint32_t sel)
{
    verify_seg(env, sel, false, GETPC());
}

void HELPER(verw)(CPUX86State *env, uint32_t sel)
{
    verify_seg(env, sel, true, GETPC());
}

/* BOUND r, m: #BR unless lower <= index <= upper (signed). */
void HELPER(bound)(CPUX86State *env, uint32_t index, uint32_t addr, int is32)
{
    uintptr_t ra = GETPC();
    int32_t lo, hi, idx;

    if (is32) {
        lo = (int32_t)cpu_ldl_data_ra(env, addr, ra);
        hi = (int32_t)cpu_ldl_data_ra(env, addr + 4, ra);
        idx = (int32_t)index;
    } else {
        lo = cpu_ldsw_data_ra(env, addr, ra);
        hi = cpu_ldsw_data_ra(env, addr + 2, ra);
        idx = (int16_t)index;
    }
    if (idx < lo || idx > hi) {
        raise_exception_ra(env, EXCP05_BOUND, ra);
    }
}

/* ---- LLDT / LTR (CPL 0, protected mode; the translator raises #UD in
 * real mode and vm86) */

void HELPER(lldt)(CPUX86State *env, uint32_t sel)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;

    sel &= 0xffff;
    if (!protected_mode(env)) {
        fault(env, EXCP06_ILLOP, 0, ra);
    }
    if (cur_cpl(env) != 0) {
        fault(env, EXCP0D_GPF, 0, ra);
    }
    if ((sel & 0xfffc) == 0) {
        /* A null LDT: every later LDT reference faults. */
        env->ldt = (SegmentCache){ sel, 0, 0, 0 };
        return;
    }
    if ((sel & 4) || !x86_read_descriptor(env, sel, &e1, &e2, ra)) {
        fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if ((e2 & DESC_S_MASK) || sys_type(e2) != SYS_LDT) {
        fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
    env->ldt = (SegmentCache){ sel, seg_desc_base(e1, e2), seg_desc_limit(e1, e2),
                               e2 & 0x00ffff00u };
}

void HELPER(ltr)(CPUX86State *env, uint32_t sel)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    int type;

    sel &= 0xffff;
    if (!protected_mode(env)) {
        fault(env, EXCP06_ILLOP, 0, ra);
    }
    if (cur_cpl(env) != 0 || (sel & 0xfffc) == 0) {
        fault(env, EXCP0D_GPF, 0, ra);
    }
    if ((sel & 4) || !x86_read_descriptor(env, sel, &e1, &e2, ra)) {
        fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    type = sys_type(e2);
    if ((e2 & DESC_S_MASK) || (type != SYS_TSS16_AVAIL && type != SYS_TSS32_AVAIL)) {
        fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
    /* LTR marks the TSS busy (SDM vol. 2A, LTR). */
    e2 |= DESC_TSS_BUSY_MASK;
    x86_write_descriptor_high(env, sel, e2, ra);
    env->tr = (SegmentCache){ sel, seg_desc_base(e1, e2), seg_desc_limit(e1, e2),
                              e2 & 0x00ffff00u };
}

/* ---- SYSENTER / SYSEXIT (SDM vol. 2B): flat segments derived from
 * IA32_SYSENTER_CS, no descriptor is read. */

#define FLAT_SEG_FLAGS (DESC_G_MASK | DESC_B_MASK | DESC_P_MASK | DESC_S_MASK | DESC_A_MASK)

void HELPER(sysenter)(CPUX86State *env)
{
    uintptr_t ra = GETPC();
    uint32_t cs = env->sysenter_cs & 0xfffc;

    if (!(env->cr[0] & CR0_PE_MASK) || cs == 0) {
        fault(env, EXCP0D_GPF, 0, ra);
    }
    env->eflags &= ~(VM_MASK | IF_MASK | RF_MASK);
    cpu_x86_load_seg_cache(env, R_CS, cs, 0, 0xffffffffu,
                           FLAT_SEG_FLAGS | DESC_CS_MASK | DESC_R_MASK);
    cpu_x86_load_seg_cache(env, R_SS, (cs + 8) & 0xfffc, 0, 0xffffffffu,
                           FLAT_SEG_FLAGS | DESC_W_MASK);
    env->regs[R_ESP] = env->sysenter_esp;
    env->eip = env->sysenter_eip;
    x86_update_hflags(env);
}

void HELPER(sysexit)(CPUX86State *env)
{
    uintptr_t ra = GETPC();
    uint32_t cs = env->sysenter_cs & 0xfffc;

    if (!protected_mode(env) || cur_cpl(env) != 0 || cs == 0) {
        fault(env, EXCP0D_GPF, 0, ra);
    }
    cpu_x86_load_seg_cache(env, R_CS, ((cs + 16) & 0xfffc) | 3, 0, 0xffffffffu,
                           FLAT_SEG_FLAGS | (3 << DESC_DPL_SHIFT) | DESC_CS_MASK | DESC_R_MASK);
    cpu_x86_load_seg_cache(env, R_SS, ((cs + 24) & 0xfffc) | 3, 0, 0xffffffffu,
                           FLAT_SEG_FLAGS | (3 << DESC_DPL_SHIFT) | DESC_W_MASK);
    env->regs[R_ESP] = env->regs[R_ECX];
    env->eip = env->regs[R_EDX];
    x86_update_hflags(env);
}
