/*
 * Interrupt and exception delivery in system mode (SDM vol. 3A ch. 6):
 * the real-mode IVT, protected-mode IDT interrupt/trap/task gates with the
 * stack switch through the TSS, interrupts from virtual-8086 mode, error
 * codes, the double-fault rules and the triple fault.
 *
 * cpu_do_interrupt (the accel/tcg hook) delivers cpu->exception_index as
 * raised by the helpers; x86_do_interrupt is also called by
 * cpu_exec_interrupt for external interrupts and NMI.  A fault while
 * delivering longjmps back to cpu_exec, which calls cpu_do_interrupt again
 * with the new vector: env->old_exception remembers the vector whose
 * delivery was under way, so the second call can apply the #DF rules.
 * linux-user delivers nothing here: its cpu loop turns exception_index
 * into signals (cpu.c keeps the user-mode cpu_do_interrupt).
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"
#include "qemu/log.h"
#ifndef CONFIG_USER_ONLY
#include "sysemu/runstate.h"
#endif

/* IDT gate types (S = 0), SDM vol. 3A, 6.11. */
#define GATE_TASK   5
#define GATE_INT16  6
#define GATE_TRAP16 7
#define GATE_INT32  14
#define GATE_TRAP32 15

__attribute__((noreturn))
static void fault(CPUX86State *env, int excp, uint32_t err)
{
    /* Delivery runs outside generated code: the state is exact. */
    raise_exception_err_ra(env, excp, (int)err, 0);
}

/* Vectors that push an error code (SDM vol. 3A, table 6-1). */
static bool has_error_code(int intno)
{
    switch (intno) {
    case EXCP08_DBLE: case EXCP0A_TSS: case EXCP0B_NOSEG: case EXCP0C_STACK:
    case EXCP0D_GPF: case EXCP0E_PAGE: case EXCP11_ALGN:
        return true;
    default:
        return false;
    }
}

/* Exception classes for the double-fault rules (SDM vol. 3A, 6.15,
 * Interrupt 8, tables 6-4 and 6-5). */
static bool is_contributory(int intno)
{
    return intno == EXCP00_DIVZ || (intno >= EXCP0A_TSS && intno <= EXCP0D_GPF);
}

/* ---- real mode */

static void deliver_real(CPUX86State *env, int intno, uint32_t ret_eip)
{
    int mmu = x86_sys_mmu_idx(env);
    uint32_t off, sel;
    X86Stack st;

    /* An IVT entry beyond the IDTR limit: #GP (SDM vol. 3A, 20.1.4). */
    if ((uint32_t)intno * 4 + 3 > env->idt.limit) {
        fault(env, EXCP0D_GPF, 0);
    }
    off = cpu_lduw_mmuidx_ra(env, env->idt.base + intno * 4, mmu, 0);
    sel = cpu_lduw_mmuidx_ra(env, env->idt.base + intno * 4 + 2, mmu, 0);
    st.base = env->segs[R_SS].base;
    st.mask = 0xffff;   /* real mode: SP, as the translator uses it */
    st.sp = env->regs[R_ESP];
    st.mmu_idx = mmu;
    x86_push(env, &st, cpu_compute_eflags(env), false, 0);
    x86_push(env, &st, env->segs[R_CS].selector, false, 0);
    x86_push(env, &st, ret_eip, false, 0);
    env->regs[R_ESP] = (env->regs[R_ESP] & ~st.mask) | (st.sp & st.mask);
    env->eflags &= ~(IF_MASK | TF_MASK | AC_MASK | RF_MASK);
    x86_load_seg_vm86(env, R_CS, sel);
    env->eip = off;
    x86_update_hflags(env);
}

/* ---- protected mode */

static void deliver_protected(CPUX86State *env, int intno, bool is_int, bool push_err,
                              uint32_t error_code, uint32_t ret_eip, int ext)
{
    int cpl = env->hflags & HF_CPL_MASK, type, dpl, new_cpl;
    bool vm86 = env->eflags & VM_MASK, gate32, inner;
    uint32_t e1, e2, ce1, ce2, sel, offset, vec_err = intno * 8 + 2 + ext;
    int mmu = x86_sys_mmu_idx(env);
    uint32_t old_ss = env->segs[R_SS].selector, old_esp = env->regs[R_ESP];
    uint32_t ss = 0, esp = 0, se1 = 0, se2 = 0;
    X86Stack st;

    if ((uint32_t)intno * 8 + 7 > env->idt.limit) {
        fault(env, EXCP0D_GPF, vec_err);
    }
    e1 = cpu_ldl_mmuidx_ra(env, env->idt.base + intno * 8, mmu, 0);
    e2 = cpu_ldl_mmuidx_ra(env, env->idt.base + intno * 8 + 4, mmu, 0);
    type = (e2 >> DESC_TYPE_SHIFT) & 0x1f;   /* with the S bit: must be 0 */
    switch (type) {
    case GATE_TASK: case GATE_INT16: case GATE_TRAP16: case GATE_INT32: case GATE_TRAP32:
        break;
    default:
        fault(env, EXCP0D_GPF, vec_err);
    }
    /* Software interrupts may use only gates with DPL >= CPL
     * (SDM vol. 3A, 6.12.1.1). */
    if (is_int && (int)((e2 >> DESC_DPL_SHIFT) & 3) < cpl) {
        fault(env, EXCP0D_GPF, vec_err);
    }
    if (!(e2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, vec_err);
    }

    if (type == GATE_TASK) {
        uint32_t te1, te2;
        int ttype;

        sel = (e1 >> 16) & 0xffff;
        if ((sel & 4) || !x86_read_descriptor(env, sel, &te1, &te2, 0)) {
            fault(env, EXCP0A_TSS, (sel & 0xfffc) | ext);
        }
        ttype = (te2 >> DESC_TYPE_SHIFT) & 0x1f;
        if (ttype != 1 && ttype != 9) {
            /* not an available TSS (busy: a recursive task) */
            fault(env, EXCP0D_GPF, (sel & 0xfffc) | ext);
        }
        if (!(te2 & DESC_P_MASK)) {
            fault(env, EXCP0B_NOSEG, (sel & 0xfffc) | ext);
        }
        x86_task_switch(env, sel, te1, te2, TASK_FROM_INT, ret_eip, 0);
        if (push_err) {
            /* The error code goes on the new task's stack, sized by its
             * TSS (SDM vol. 3A, 6.12.2). */
            st.base = env->segs[R_SS].base;
            st.mask = (env->segs[R_SS].flags & DESC_B_MASK) ? 0xffffffffu : 0xffffu;
            st.sp = env->regs[R_ESP];
            st.mmu_idx = x86_stack_mmu_idx(env, env->hflags & HF_CPL_MASK);
            x86_push(env, &st, error_code, ttype & 8, 0);
            env->regs[R_ESP] = (env->regs[R_ESP] & ~st.mask) | (st.sp & st.mask);
        }
        return;
    }

    /* Interrupt or trap gate: the handler's code segment. */
    gate32 = type & 8;
    sel = (e1 >> 16) & 0xffff;
    offset = e1 & 0xffff;
    if (gate32) {
        offset |= e2 & 0xffff0000u;
    }
    if ((sel & 0xfffc) == 0) {
        fault(env, EXCP0D_GPF, ext);
    }
    if (!x86_read_descriptor(env, sel, &ce1, &ce2, 0) || !(ce2 & DESC_S_MASK) ||
        !(ce2 & DESC_CS_MASK)) {
        fault(env, EXCP0D_GPF, (sel & 0xfffc) | ext);
    }
    dpl = (ce2 >> DESC_DPL_SHIFT) & 3;
    if (dpl > cpl) {
        fault(env, EXCP0D_GPF, (sel & 0xfffc) | ext);
    }
    if (!(ce2 & DESC_P_MASK)) {
        fault(env, EXCP0B_NOSEG, (sel & 0xfffc) | ext);
    }
    inner = !(ce2 & DESC_C_MASK) && dpl < cpl;
    /* From vm86 the handler must run at CPL 0 on the ring-0 stack
     * (SDM vol. 3A, 20.3.1.1). */
    if (vm86 && (!inner || dpl != 0)) {
        fault(env, EXCP0D_GPF, (sel & 0xfffc) | ext);
    }
    if (offset > seg_desc_limit(ce1, ce2)) {
        fault(env, EXCP0D_GPF, ext);
    }
    if (inner) {
        new_cpl = dpl;
        x86_tss_inner_stack(env, dpl, &ss, &esp, ext, 0);
        x86_check_inner_ss(env, ss, dpl, ext, &se1, &se2, 0);
        st.base = seg_desc_base(se1, se2);
        st.mask = (se2 & DESC_B_MASK) ? 0xffffffffu : 0xffffu;
        st.sp = esp;
    } else {
        new_cpl = cpl;
        st.base = env->segs[R_SS].base;
        st.mask = (env->segs[R_SS].flags & DESC_B_MASK) ? 0xffffffffu : 0xffffu;
        st.sp = old_esp;
    }
    st.mmu_idx = x86_stack_mmu_idx(env, new_cpl);

    /* The frame (SDM vol. 3A, figure 6-4; from vm86 figure 20-5). */
    if (vm86) {
        x86_push(env, &st, env->segs[R_GS].selector, gate32, 0);
        x86_push(env, &st, env->segs[R_FS].selector, gate32, 0);
        x86_push(env, &st, env->segs[R_DS].selector, gate32, 0);
        x86_push(env, &st, env->segs[R_ES].selector, gate32, 0);
    }
    if (inner) {
        x86_push(env, &st, old_ss, gate32, 0);
        x86_push(env, &st, old_esp, gate32, 0);
    }
    x86_push(env, &st, cpu_compute_eflags(env), gate32, 0);
    x86_push(env, &st, env->segs[R_CS].selector, gate32, 0);
    x86_push(env, &st, ret_eip, gate32, 0);
    if (push_err) {
        x86_push(env, &st, error_code, gate32, 0);
    }

    /* Commit. */
    if (vm86) {
        for (int seg = R_ES; seg <= R_GS; seg++) {
            if (seg != R_CS && seg != R_SS) {
                cpu_x86_load_seg_cache(env, seg, 0, 0, 0, 0);
            }
        }
    }
    if (inner) {
        x86_load_seg_desc(env, R_SS, (ss & 0xfffc) | new_cpl, se1, se2, 0);
        env->regs[R_ESP] = (esp & ~st.mask) | (st.sp & st.mask);
    } else {
        env->regs[R_ESP] = (old_esp & ~st.mask) | (st.sp & st.mask);
    }
    x86_load_seg_desc(env, R_CS, (sel & 0xfffc) | new_cpl, ce1, ce2, 0);
    env->eip = offset;
    /* Interrupt gates also clear IF (SDM vol. 3A, 6.12.1.3). */
    env->eflags &= ~(TF_MASK | VM_MASK | RF_MASK | NT_MASK);
    if (type == GATE_INT16 || type == GATE_INT32) {
        env->eflags &= ~IF_MASK;
    }
    x86_update_hflags(env);
}

static void log_delivery(CPUX86State *env, int intno, bool is_int, bool is_hw,
                         bool push_err, uint32_t error_code, uint32_t ret_eip)
{
    const char *kind = is_hw ? (intno == EXCP02_NMI ? "nmi" : "irq")
                             : is_int ? "int" : "exception";

    qemu_log("int: vector %#04x (%s) at %04x:%08x cpl %d", intno, kind,
             env->segs[R_CS].selector, env->eip, env->hflags & HF_CPL_MASK);
    if (is_int) {
        qemu_log(" next %08x", ret_eip);
    }
    if (push_err) {
        qemu_log(" error %#x", error_code);
    }
    if (intno == EXCP0E_PAGE && !is_int && !is_hw) {
        qemu_log(" cr2 %08x", env->cr[2]);
    }
    qemu_log(" eflags %08x esp %04x:%08x%s\n", cpu_compute_eflags(env),
             env->segs[R_SS].selector, env->regs[R_ESP],
             !(env->cr[0] & CR0_PE_MASK) ? " real" : (env->eflags & VM_MASK) ? " vm86" : "");
}

void x86_do_interrupt(CPUX86State *env, int intno, bool is_int, int error_code,
                      uint32_t next_eip, bool is_hw)
{
    bool exception = !is_int && !is_hw;
    uint32_t ret_eip = is_int ? next_eip : env->eip;
    bool push_err;

    if (exception) {
        int old = env->old_exception;
        /* A fault while delivering an earlier exception (SDM vol. 3A,
         * table 6-5): during #DF it is a triple fault (shutdown); a
         * contributory one after a contributory one, or a contributory
         * one or #PF after #PF, becomes #DF; anything else is delivered
         * on its own. */
        if (old == EXCP08_DBLE) {
            CPUState *cs = env_cpu(env);
            qemu_log_mask(CPU_LOG_INT | LOG_GUEST_ERROR,
                          "int: triple fault (vector %#x while delivering #DF) at "
                          "%04x:%08x: reset\n", intno, env->segs[R_CS].selector, env->eip);
            env->old_exception = -1;
#ifndef CONFIG_USER_ONLY
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
#endif
            /* Shutdown: the CPU stops until the reset. */
            cs->halted = true;
            cs->exception_index = EXCP_HLT;
            cpu_loop_exit(cs);
        }
        if ((is_contributory(old) && is_contributory(intno)) ||
            (old == EXCP0E_PAGE && (is_contributory(intno) || intno == EXCP0E_PAGE))) {
            intno = EXCP08_DBLE;
            error_code = 0;
        }
        env->old_exception = (is_contributory(intno) || intno == EXCP0E_PAGE ||
                              intno == EXCP08_DBLE) ? intno : -1;
    } else {
        env->old_exception = -1;
    }
    /* Real mode pushes no error code. */
    push_err = exception && has_error_code(intno) && (env->cr[0] & CR0_PE_MASK);
    if (is_hw && intno == EXCP02_NMI) {
        /* NMIs stay blocked until the next IRET (SDM vol. 3A, 6.7.1). */
        env->hflags2 |= HF2_NMI_MASK;
    }

    if (qemu_loglevel_mask(CPU_LOG_INT)) {
        log_delivery(env, intno, is_int, is_hw, push_err, error_code, ret_eip);
    }

    if (!(env->cr[0] & CR0_PE_MASK)) {
        deliver_real(env, intno, ret_eip);
    } else {
        /* INT n in vm86 with IOPL < 3 goes to the vm86 monitor as #GP(0)
         * (SDM vol. 3A, 20.3.3, CR4.VME clear).  INT3 and INTO (one byte)
         * are not IOPL-sensitive. */
        if (is_int && (env->eflags & VM_MASK) && (env->eflags & IOPL_MASK) != IOPL_MASK &&
            next_eip - env->eip != 1) {
            fault(env, EXCP0D_GPF, 0);
        }
        deliver_protected(env, intno, is_int, push_err, (uint32_t)error_code, ret_eip,
                          exception || is_hw);
    }
    env->old_exception = -1;
    /* Delivery ends an interrupt shadow (MOV SS/STI). */
    env->hflags &= ~HF_INHIBIT_IRQ_MASK;
}

#ifndef CONFIG_USER_ONLY
void cpu_do_interrupt(CPUState *cs)
{
    CPUX86State *env = cpu_env(cs);

    if (env->exception_is_int) {
        x86_do_interrupt(env, cs->exception_index, true, 0, env->exception_next_eip, false);
    } else {
        x86_do_interrupt(env, cs->exception_index, false, env->error_code, 0, false);
    }
    env->exception_is_int = 0;
}
#endif
