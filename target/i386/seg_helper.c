/*
 * Segmentation: loading segment registers from GDT/LDT descriptors in guest
 * memory, far JMP/CALL/RET and IRET, LAR/LSL/VERR/VERW, BOUND.
 *
 * Implemented: real mode, virtual-8086 selector loads, and protected-mode
 * transfers that stay at the current privilege level (all user mode can
 * do).  Call gates, task switches and inter-privilege RET/IRET belong to
 * system mode (issue 7): they raise #GP and log under -d unimp for now.
 * SDM vol. 3A ch. 3 (descriptors), 5.8 (calls), vol. 2 (JMP, CALL, RET, IRET).
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"
#include "qemu/log.h"

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

#define DESC_C_MASK (1u << 10)   /* code: conforming */

/* Descriptor tables are read with supervisor rights (system mode). */
static uint32_t ld_sys_l(CPUX86State *env, uint32_t addr, uintptr_t ra)
{
    return cpu_ldl_mmuidx_ra(env, addr, MMU_KSMAP_IDX, ra);
}

/* Reads the 8-byte descriptor for selector; false if it is outside the
 * GDT/LDT limit. */
static bool load_descriptor(CPUX86State *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                            uintptr_t ra)
{
    SegmentCache *dt = (sel & 4) ? &env->ldt : &env->gdt;
    uint32_t index = sel & ~7u;

    if (index + 7 > dt->limit) {
        return false;
    }
    *e1 = ld_sys_l(env, dt->base + index, ra);
    *e2 = ld_sys_l(env, dt->base + index + 4, ra);
    return true;
}

static uint32_t desc_base(uint32_t e1, uint32_t e2)
{
    return (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000u);
}

static uint32_t desc_limit(uint32_t e1, uint32_t e2)
{
    uint32_t limit = (e1 & 0xffff) | (e2 & 0x000f0000u);
    return (e2 & DESC_G_MASK) ? (limit << 12) | 0xfff : limit;
}

static void load_seg_from_desc(CPUX86State *env, int seg, uint32_t sel, uint32_t e1,
                               uint32_t e2)
{
    cpu_x86_load_seg_cache(env, seg, sel, desc_base(e1, e2), desc_limit(e1, e2),
                           e2 & 0x00ffff00u);
}

static inline int cur_cpl(CPUX86State *env)
{
    return env->hflags & HF_CPL_MASK;
}

static inline bool protected_mode(CPUX86State *env)
{
    return (env->cr[0] & CR0_PE_MASK) && !(env->eflags & VM_MASK);
}

void x86_load_seg_ra(CPUX86State *env, int seg, int selector, uintptr_t ra)
{
    uint32_t sel = selector & 0xffff, e1, e2;
    int cpl = cur_cpl(env), rpl, dpl;

    if (!protected_mode(env)) {
        /* Real mode / vm86: base = selector * 16 (SDM vol. 3A, 20.1.1). */
        uint32_t flags = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | DESC_A_MASK;
        if (env->eflags & VM_MASK) {
            flags |= 3 << DESC_DPL_SHIFT;
        }
        cpu_x86_load_seg_cache(env, seg, sel, sel << 4, 0xffff, flags);
        x86_update_hflags(env);
        return;
    }
    if ((sel & 0xfffc) == 0) {
        /* A null selector may be loaded into DS/ES/FS/GS, not SS. */
        if (seg == R_SS) {
            raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
        }
        cpu_x86_load_seg_cache(env, seg, sel, 0, 0, 0);
        x86_update_hflags(env);
        return;
    }
    if (!load_descriptor(env, sel, &e1, &e2, ra)) {
        raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    rpl = sel & 3;
    dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    if (!(e2 & DESC_S_MASK)) {
        raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (seg == R_SS) {
        /* SS: a writable data segment at exactly CPL (SDM vol. 2B, MOV). */
        if ((e2 & DESC_CS_MASK) || !(e2 & DESC_W_MASK) || rpl != cpl || dpl != cpl) {
            raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err_ra(env, EXCP0C_STACK, sel & 0xfffc, ra);
        }
    } else {
        /* Data or readable code; privilege checked unless conforming code. */
        if ((e2 & (DESC_CS_MASK | DESC_R_MASK)) == DESC_CS_MASK) {
            raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        if (!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) {
            if (dpl < cpl || dpl < rpl) {
                raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
            }
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err_ra(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
        }
    }
    load_seg_from_desc(env, seg, sel, e1, e2);
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

/* ---- stack access for the far transfers (SS.B selects ESP or SP) */

typedef struct StackCursor {
    uint32_t sp, mask, base;
} StackCursor;

static StackCursor stack_cursor(CPUX86State *env)
{
    StackCursor c;
    c.mask = (env->segs[R_SS].flags & DESC_B_MASK) ? 0xffffffffu : 0xffffu;
    c.sp = env->regs[R_ESP];
    c.base = env->segs[R_SS].base;
    return c;
}

static void stack_push(CPUX86State *env, StackCursor *c, uint32_t v, bool is32, uintptr_t ra)
{
    int mmu = (cur_cpl(env) == 3) ? MMU_USER_IDX : MMU_KSMAP_IDX;
    c->sp -= is32 ? 4 : 2;
    if (is32) {
        cpu_stl_mmuidx_ra(env, c->base + (c->sp & c->mask), v, mmu, ra);
    } else {
        cpu_stw_mmuidx_ra(env, c->base + (c->sp & c->mask), v, mmu, ra);
    }
}

static uint32_t stack_pop(CPUX86State *env, StackCursor *c, bool is32, uintptr_t ra)
{
    int mmu = (cur_cpl(env) == 3) ? MMU_USER_IDX : MMU_KSMAP_IDX;
    uint32_t v;
    if (is32) {
        v = cpu_ldl_mmuidx_ra(env, c->base + (c->sp & c->mask), mmu, ra);
    } else {
        v = cpu_lduw_mmuidx_ra(env, c->base + (c->sp & c->mask), mmu, ra);
    }
    c->sp += is32 ? 4 : 2;
    return v;
}

/* Commits the stack pointer, keeping the high half for a 16-bit stack. */
static void stack_commit(CPUX86State *env, const StackCursor *c)
{
    env->regs[R_ESP] = (env->regs[R_ESP] & ~c->mask) | (c->sp & c->mask);
}

/* Checks a code-segment target of a same-privilege far JMP/CALL and
 * returns its descriptor.  Call gates / TSS: #GP (issue 7). */
static void check_code_target(CPUX86State *env, uint32_t sel, uint32_t eip, uint32_t *e1,
                              uint32_t *e2, uintptr_t ra)
{
    int cpl = cur_cpl(env), dpl, rpl = sel & 3;

    if ((sel & 0xfffc) == 0) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (!load_descriptor(env, sel, e1, e2, ra)) {
        raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    dpl = (*e2 >> DESC_DPL_SHIFT) & 3;
    if (!(*e2 & DESC_S_MASK) || !(*e2 & DESC_CS_MASK)) {
        if (!(*e2 & DESC_S_MASK)) {
            qemu_log_mask(LOG_UNIMP, "i386: far transfer through a gate/TSS (sel %04x)\n",
                          sel);
        }
        raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (*e2 & DESC_C_MASK) {
        if (dpl > cpl) {
            raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
    } else if (rpl > cpl || dpl != cpl) {
        raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(*e2 & DESC_P_MASK)) {
        raise_exception_err_ra(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
    if (eip > desc_limit(*e1, *e2)) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
}

static void load_cs_real(CPUX86State *env, uint32_t sel)
{
    cpu_x86_load_seg_cache(env, R_CS, sel & 0xffff, (sel & 0xffff) << 4,
                           env->segs[R_CS].limit, env->segs[R_CS].flags);
}

void HELPER(ljmp_protected)(CPUX86State *env, uint32_t sel, uint32_t eip,
                            uint32_t next_eip_addend)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;

    sel &= 0xffff;
    if (!protected_mode(env)) {
        load_cs_real(env, sel);
        env->eip = eip;
        x86_update_hflags(env);
        return;
    }
    check_code_target(env, sel, eip, &e1, &e2, ra);
    load_seg_from_desc(env, R_CS, (sel & 0xfffc) | cur_cpl(env), e1, e2);
    env->eip = eip;
    x86_update_hflags(env);
}

/* Also serves real mode and vm86 (no descriptor check there). */
void HELPER(lcall_protected)(CPUX86State *env, uint32_t sel, uint32_t eip,
                             uint32_t next_eip_addend, int is32)
{
    uintptr_t ra = GETPC();
    StackCursor c = stack_cursor(env);
    uint32_t e1, e2, next_eip = env->eip + next_eip_addend;

    sel &= 0xffff;
    if (protected_mode(env)) {
        check_code_target(env, sel, eip, &e1, &e2, ra);
    }
    /* Pushes may fault: nothing is committed before they are done. */
    stack_push(env, &c, env->segs[R_CS].selector, is32, ra);
    stack_push(env, &c, next_eip, is32, ra);
    stack_commit(env, &c);
    if (protected_mode(env)) {
        load_seg_from_desc(env, R_CS, (sel & 0xfffc) | cur_cpl(env), e1, e2);
    } else {
        load_cs_real(env, sel);
    }
    env->eip = eip;
    x86_update_hflags(env);
}

/* RETF [imm16]: `addend` is the immediate (bytes released after CS:EIP). */
void HELPER(lret_protected)(CPUX86State *env, int is32, int addend)
{
    uintptr_t ra = GETPC();
    StackCursor c = stack_cursor(env);
    uint32_t eip, sel, e1, e2;

    eip = stack_pop(env, &c, is32, ra);
    sel = stack_pop(env, &c, is32, ra) & 0xffff;
    if (protected_mode(env)) {
        if ((int)(sel & 3) != cur_cpl(env)) {
            qemu_log_mask(LOG_UNIMP, "i386: RETF to another privilege level\n");
            raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        check_code_target(env, sel, eip, &e1, &e2, ra);
        c.sp += addend;
        stack_commit(env, &c);
        load_seg_from_desc(env, R_CS, sel, e1, e2);
    } else {
        c.sp += addend;
        stack_commit(env, &c);
        load_cs_real(env, sel);
    }
    env->eip = eip;
    x86_update_hflags(env);
}

void HELPER(iret_protected)(CPUX86State *env, int is32)
{
    uintptr_t ra = GETPC();
    StackCursor c = stack_cursor(env);
    uint32_t eip, sel, fl, e1, e2, mask;
    int cpl = cur_cpl(env), iopl = (env->eflags & IOPL_MASK) >> 12;

    if (protected_mode(env) && (env->eflags & NT_MASK)) {
        qemu_log_mask(LOG_UNIMP, "i386: IRET with NT set (task return)\n");
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    eip = stack_pop(env, &c, is32, ra);
    sel = stack_pop(env, &c, is32, ra) & 0xffff;
    fl = stack_pop(env, &c, is32, ra);
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
    }
    if (!protected_mode(env)) {
        if (env->eflags & VM_MASK) {
            /* vm86 with IOPL < 3 traps IRET (SDM vol. 3A, 20.2.7) */
            if (iopl != 3) {
                raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
            }
            mask &= ~IOPL_MASK;
        }
        stack_commit(env, &c);
        load_cs_real(env, sel);
    } else {
        if ((int)(sel & 3) != cpl) {
            qemu_log_mask(LOG_UNIMP, "i386: IRET to another privilege level\n");
            raise_exception_err_ra(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        check_code_target(env, sel, eip, &e1, &e2, ra);
        stack_commit(env, &c);
        load_seg_from_desc(env, R_CS, sel, e1, e2);
    }
    env->eip = eip;
    cpu_load_eflags(env, fl, is32 ? mask : (mask & 0xffff));
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
    int dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    bool conforming = (e2 & DESC_S_MASK) && (e2 & DESC_CS_MASK) && (e2 & DESC_C_MASK);
    return conforming || (dpl >= cur_cpl(env) && dpl >= (int)(sel & 3));
}

/* System descriptor types valid for LAR (LSL accepts those with a limit). */
static bool sys_type_ok(uint32_t e2, bool for_lsl)
{
    int type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
    switch (type) {
    case 1: case 2: case 3: case 9: case 11:
        return true;
    case 4: case 5: case 12:
        return !for_lsl;
    default:
        return false;
    }
}

static bool lookup_for_lar_lsl(CPUX86State *env, uint32_t sel, bool for_lsl, uint32_t *e1,
                               uint32_t *e2, uintptr_t ra)
{
    sel &= 0xffff;
    if ((sel & 0xfffc) == 0 || !load_descriptor(env, sel, e1, e2, ra)) {
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
    return ok ? desc_limit(e1, e2) : 0;
}

static void verify_seg(CPUX86State *env, uint32_t sel, bool write, uintptr_t ra)
{
    uint32_t e1, e2;
    bool ok = false;

    sel &= 0xffff;
    if ((sel & 0xfffc) != 0 && load_descriptor(env, sel, &e1, &e2, ra) &&
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
