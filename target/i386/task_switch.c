/*
 * Hardware task switches (SDM vol. 3A, 7.3): JMP/CALL to a TSS or a task
 * gate, INT/exception through a task gate, IRET with EFLAGS.NT.
 *
 * Order of work, as the SDM's list in 7.3 gives it: the new TSS is checked
 * and read completely first (a fault there leaves the old task untouched),
 * then the old task's state is saved, busy bits and the back link are
 * updated, TR/CR3/EFLAGS/registers/LDTR are loaded, and last the segment
 * descriptors are checked -- faults from that point on are taken in the
 * context of the new task, so they are raised without restoring the old
 * instruction's state (ra = 0).
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"
#include "qemu/log.h"

/* TSS layouts (SDM vol. 3A, figures 7-2 and 7-11). */
#define TSS32_CR3    0x1c
#define TSS32_EIP    0x20
#define TSS32_EFLAGS 0x24
#define TSS32_REGS   0x28   /* EAX..EDI, 4 bytes each */
#define TSS32_SEGS   0x48   /* ES, CS, SS, DS, FS, GS, 4 bytes apart */
#define TSS32_LDT    0x60
#define TSS32_MIN_LIMIT 0x67
#define TSS16_IP     0x0e
#define TSS16_FLAGS  0x10
#define TSS16_REGS   0x12   /* AX..DI, 2 bytes each */
#define TSS16_SEGS   0x22   /* ES, CS, SS, DS */
#define TSS16_LDT    0x2a
#define TSS16_MIN_LIMIT 0x2b

/* DR7 L0-L3 and LE: the local breakpoints of the old task (SDM vol. 3A,
 * 17.2.4: cleared on a task switch). */
#define DR7_LOCAL_BITS 0x155u

typedef struct TaskState {
    uint32_t cr3, eip, eflags, regs[8], segs[6], ldt;
} TaskState;

__attribute__((noreturn))
static void fault(CPUX86State *env, int excp, uint32_t err, uintptr_t ra)
{
    raise_exception_err_ra(env, excp, (int)err, ra);
}

static void read_tss(CPUX86State *env, uint32_t base, bool tss32, TaskState *ts,
                     uintptr_t ra)
{
    int mmu = x86_sys_mmu_idx(env);

    if (tss32) {
        ts->cr3 = cpu_ldl_mmuidx_ra(env, base + TSS32_CR3, mmu, ra);
        ts->eip = cpu_ldl_mmuidx_ra(env, base + TSS32_EIP, mmu, ra);
        ts->eflags = cpu_ldl_mmuidx_ra(env, base + TSS32_EFLAGS, mmu, ra);
        for (int i = 0; i < 8; i++) {
            ts->regs[i] = cpu_ldl_mmuidx_ra(env, base + TSS32_REGS + 4 * i, mmu, ra);
        }
        for (int i = 0; i < 6; i++) {
            ts->segs[i] = cpu_lduw_mmuidx_ra(env, base + TSS32_SEGS + 4 * i, mmu, ra);
        }
        ts->ldt = cpu_lduw_mmuidx_ra(env, base + TSS32_LDT, mmu, ra);
    } else {
        ts->cr3 = 0;
        ts->eip = cpu_lduw_mmuidx_ra(env, base + TSS16_IP, mmu, ra);
        ts->eflags = cpu_lduw_mmuidx_ra(env, base + TSS16_FLAGS, mmu, ra);
        for (int i = 0; i < 8; i++) {
            /* The high halves of the registers are not in a 16-bit TSS:
             * they keep their values. */
            ts->regs[i] = (env->regs[i] & 0xffff0000u) |
                          cpu_lduw_mmuidx_ra(env, base + TSS16_REGS + 2 * i, mmu, ra);
        }
        for (int i = 0; i < 4; i++) {
            ts->segs[i] = cpu_lduw_mmuidx_ra(env, base + TSS16_SEGS + 2 * i, mmu, ra);
        }
        ts->segs[R_FS] = ts->segs[R_GS] = 0;
        ts->ldt = cpu_lduw_mmuidx_ra(env, base + TSS16_LDT, mmu, ra);
    }
}

/* Saves the dynamic fields of the outgoing task (SDM vol. 3A, 7.2.1). */
static void save_tss(CPUX86State *env, uint32_t base, bool tss32, uint32_t eip,
                     uint32_t eflags, uintptr_t ra)
{
    int mmu = x86_sys_mmu_idx(env);

    if (tss32) {
        cpu_stl_mmuidx_ra(env, base + TSS32_EIP, eip, mmu, ra);
        cpu_stl_mmuidx_ra(env, base + TSS32_EFLAGS, eflags, mmu, ra);
        for (int i = 0; i < 8; i++) {
            cpu_stl_mmuidx_ra(env, base + TSS32_REGS + 4 * i, env->regs[i], mmu, ra);
        }
        for (int i = 0; i < 6; i++) {
            cpu_stw_mmuidx_ra(env, base + TSS32_SEGS + 4 * i, env->segs[i].selector, mmu, ra);
        }
    } else {
        cpu_stw_mmuidx_ra(env, base + TSS16_IP, eip, mmu, ra);
        cpu_stw_mmuidx_ra(env, base + TSS16_FLAGS, eflags, mmu, ra);
        for (int i = 0; i < 8; i++) {
            cpu_stw_mmuidx_ra(env, base + TSS16_REGS + 2 * i, env->regs[i], mmu, ra);
        }
        for (int i = 0; i < 4; i++) {
            cpu_stw_mmuidx_ra(env, base + TSS16_SEGS + 2 * i, env->segs[i].selector, mmu, ra);
        }
    }
}

/* LDTR of the new task: null, or an LDT descriptor in the GDT (#TS). */
static void load_task_ldt(CPUX86State *env, uint32_t sel)
{
    uint32_t e1, e2;

    sel &= 0xffff;
    if ((sel & 0xfffc) == 0) {
        env->ldt = (SegmentCache){ sel, 0, 0, 0 };
        return;
    }
    if ((sel & 4) || !x86_read_descriptor(env, sel, &e1, &e2, 0) ||
        (e2 & DESC_S_MASK) || ((e2 >> DESC_TYPE_SHIFT) & 0xf) != 2 ||
        !(e2 & DESC_P_MASK)) {
        fault(env, EXCP0A_TSS, sel & 0xfffc, 0);
    }
    env->ldt = (SegmentCache){ sel, seg_desc_base(e1, e2), seg_desc_limit(e1, e2),
                               e2 & 0x00ffff00u };
}

/* Checks and loads one segment register of the new task (protected mode,
 * SDM vol. 3A, table 7-1 "Exception Conditions Checked During a Task
 * Switch"): #TS for a bad descriptor, #NP (#SS for SS) if not present. */
static void load_task_seg(CPUX86State *env, int seg, uint32_t sel, int cpl)
{
    uint32_t e1, e2, err = sel & 0xfffc;
    int dpl, rpl = sel & 3;

    if ((sel & 0xfffc) == 0) {
        if (seg == R_CS || seg == R_SS) {
            fault(env, EXCP0A_TSS, 0, 0);
        }
        cpu_x86_load_seg_cache(env, seg, sel, 0, 0, 0);
        return;
    }
    if (!x86_read_descriptor(env, sel, &e1, &e2, 0) || !(e2 & DESC_S_MASK)) {
        fault(env, EXCP0A_TSS, err, 0);
    }
    dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    switch (seg) {
    case R_CS:
        if (!(e2 & DESC_CS_MASK) || ((e2 & DESC_C_MASK) ? dpl > rpl : dpl != rpl)) {
            fault(env, EXCP0A_TSS, err, 0);
        }
        break;
    case R_SS:
        if ((e2 & DESC_CS_MASK) || !(e2 & DESC_W_MASK) || dpl != cpl || rpl != cpl) {
            fault(env, EXCP0A_TSS, err, 0);
        }
        break;
    default:
        if ((e2 & (DESC_CS_MASK | DESC_R_MASK)) == DESC_CS_MASK) {
            fault(env, EXCP0A_TSS, err, 0);
        }
        if ((!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) && (dpl < cpl || dpl < rpl)) {
            fault(env, EXCP0A_TSS, err, 0);
        }
        break;
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, seg == R_SS ? EXCP0C_STACK : EXCP0B_NOSEG, err, 0);
    }
    x86_load_seg_desc(env, seg, sel, e1, e2, 0);
}

void x86_task_switch(CPUX86State *env, uint32_t tss_sel, uint32_t e1, uint32_t e2,
                     X86TaskSource source, uint32_t next_eip, uintptr_t ra)
{
    int type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
    bool new32 = type & 8, old32 = (env->tr.flags >> DESC_TYPE_SHIFT) & 8;
    uint32_t base = seg_desc_base(e1, e2), limit = seg_desc_limit(e1, e2);
    uint32_t old_sel = env->tr.selector, old_eflags;
    TaskState ts;

    tss_sel &= 0xffff;
    if (qemu_loglevel_mask(CPU_LOG_INT)) {
        static const char *const how[] = { "jmp", "call", "iret", "int" };
        qemu_log("task switch (%s) from TSS %04x to TSS %04x at %08x\n", how[source],
                 old_sel, tss_sel, seg_desc_base(e1, e2));
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, tss_sel & 0xfffc, ra);
    }
    if (limit < (new32 ? TSS32_MIN_LIMIT : TSS16_MIN_LIMIT)) {
        fault(env, EXCP0A_TSS, tss_sel & 0xfffc, ra);
    }
    if (env->tr.limit < (old32 ? TSS32_MIN_LIMIT : TSS16_MIN_LIMIT)) {
        fault(env, EXCP0A_TSS, old_sel & 0xfffc, ra);
    }
    read_tss(env, base, new32, &ts, ra);

    /* Leaving the old task. */
    old_eflags = cpu_compute_eflags(env);
    if (source == TASK_FROM_JMP || source == TASK_FROM_IRET) {
        uint32_t oe1, oe2;
        if (x86_read_descriptor(env, old_sel & ~4u, &oe1, &oe2, ra)) {
            x86_write_descriptor_high(env, old_sel & ~4u, oe2 & ~DESC_TSS_BUSY_MASK, ra);
        }
    }
    if (source == TASK_FROM_IRET) {
        old_eflags &= ~NT_MASK;
    }
    save_tss(env, env->tr.base, old32, next_eip, old_eflags, ra);
    if (source == TASK_FROM_CALL || source == TASK_FROM_INT) {
        /* Nesting: the back link names the old task, NT marks the new. */
        cpu_stw_mmuidx_ra(env, base, old_sel, x86_sys_mmu_idx(env), ra);
        ts.eflags |= NT_MASK;
    }
    if (source != TASK_FROM_IRET) {
        e2 |= DESC_TSS_BUSY_MASK;
        x86_write_descriptor_high(env, tss_sel, e2, ra);
    }

    /* Entering the new task: from here faults belong to it. */
    env->tr = (SegmentCache){ tss_sel, base, limit, e2 & 0x00ffff00u };
#ifndef CONFIG_USER_ONLY
    /* CR0.TS lets the OS save the FPU state lazily (SDM vol. 3A, 2.5). */
    cpu_x86_update_cr0(env, env->cr[0] | CR0_TS_MASK);
    if (new32 && (env->cr[0] & CR0_PG_MASK)) {
        cpu_x86_update_cr3(env, ts.cr3);
    }
#else
    env->cr[0] |= CR0_TS_MASK;
#endif
    memcpy(env->regs, ts.regs, sizeof(env->regs));
    env->eip = new32 ? ts.eip : (ts.eip & 0xffff);
    /* A 16-bit TSS holds FLAGS only: the high bits (VM, RF, AC...) clear. */
    cpu_load_eflags(env, new32 ? ts.eflags : (ts.eflags & 0xffff), 0xffffffffu);
    /* Selectors first, so that a fault below shows the new task's. */
    for (int i = 0; i < 6; i++) {
        if (env->eflags & VM_MASK) {
            x86_load_seg_vm86(env, i, ts.segs[i]);
        } else {
            env->segs[i].selector = ts.segs[i];
        }
    }
    env->dr[7] &= ~DR7_LOCAL_BITS;
    x86_update_hflags(env);
    load_task_ldt(env, ts.ldt);
    if (!(env->eflags & VM_MASK)) {
        int cpl = ts.segs[R_CS] & 3;
        load_task_seg(env, R_CS, ts.segs[R_CS], cpl);
        load_task_seg(env, R_SS, ts.segs[R_SS], cpl);
        load_task_seg(env, R_ES, ts.segs[R_ES], cpl);
        load_task_seg(env, R_DS, ts.segs[R_DS], cpl);
        load_task_seg(env, R_FS, ts.segs[R_FS], cpl);
        load_task_seg(env, R_GS, ts.segs[R_GS], cpl);
    }
    x86_update_hflags(env);
    if (env->eip > env->segs[R_CS].limit) {
        fault(env, EXCP0D_GPF, 0, 0);
    }
}
