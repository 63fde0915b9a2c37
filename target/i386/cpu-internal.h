/*
 * Declarations shared between the files of target/i386 only.
 */
#ifndef I386_CPU_INTERNAL_H
#define I386_CPU_INTERNAL_H

#include <stdint.h>
#include <string.h>
#include "target/i386/cpu.h"

/* The arithmetic flags that live in cc_* while flags are lazy. */
#define CC_ARITH_MASK (CC_O | CC_S | CC_Z | CC_A | CC_P | CC_C)

/* excp_helper.c: leave the guest with an exception.  ra is GETPC() of the
 * helper (0: state already exact). */
__attribute__((noreturn))
void raise_exception_err_ra(CPUX86State *env, int excp, int error_code, uintptr_t ra);
__attribute__((noreturn))
void raise_exception_ra(CPUX86State *env, int excp, uintptr_t ra);

/* The si_code of the SIGFPE Linux sends for the unmasked x87/SSE exception
 * flags `err` (bits 0..5: IE DE ZE OE UE PE): the first in the order of
 * arch/x86/kernel/fpu/core.c (fpu__exception_code): invalid, divide by
 * zero, overflow, underflow or denormal, precision.  0: none. */
static inline int x86_fpe_si_code(int err)
{
    if (err & 0x01) {
        return 7;   /* FPE_FLTINV */
    }
    if (err & 0x04) {
        return 3;   /* FPE_FLTDIV */
    }
    if (err & 0x08) {
        return 4;   /* FPE_FLTOVF */
    }
    if (err & 0x12) {
        return 5;   /* FPE_FLTUND */
    }
    if (err & 0x20) {
        return 6;   /* FPE_FLTRES */
    }
    return 0;
}

/* cc_helper.c */
uint32_t cc_compute_all(uint32_t dst, uint32_t src, uint32_t src2, int op);

/* seg_helper.c */
void x86_load_seg_ra(CPUX86State *env, int seg_reg, int selector, uintptr_t ra);

/* sse_helper.c: guest data of `size` bytes (a multiple of 2) into buf,
 * through the data segment's accesses (faults at ra) */
void x86_read_guest_buf(CPUX86State *env, uint32_t addr, uint8_t *buf, int size, uintptr_t ra);

/* ---- system-level segmentation, shared by seg_helper.c, interrupt.c and
 * task_switch.c (SDM vol. 3A ch. 3, 5-7) ---- */
#define DESC_C_MASK (1u << 10)   /* code: conforming */
#define DESC_TSS_BUSY_MASK (1u << 9)  /* TSS type 1/9 -> 3/11 */

static inline uint32_t seg_desc_base(uint32_t e1, uint32_t e2)
{
    return (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000u);
}

/* Byte-granular limit (G applied). */
static inline uint32_t seg_desc_limit(uint32_t e1, uint32_t e2)
{
    uint32_t limit = (e1 & 0xffff) | (e2 & 0x000f0000u);
    return (e2 & DESC_G_MASK) ? (limit << 12) | 0xfff : limit;
}

/* mmu_idx of implicit supervisor accesses (GDT/LDT/IDT/TSS): the kernel
 * TLB, or the SMM one (SMRAM visible) in system-management mode. */
static inline int x86_sys_mmu_idx(CPUX86State *env)
{
    return (env->hflags & HF_SMM_MASK) ? MMU_SMM_IDX : MMU_KSMAP_IDX;
}

/* mmu_idx of stack accesses made at privilege level cpl. */
static inline int x86_stack_mmu_idx(CPUX86State *env, int cpl)
{
    if (env->hflags & HF_SMM_MASK) {
        return MMU_SMM_IDX;
    }
    return cpl == 3 ? MMU_USER_IDX : MMU_KSMAP_IDX;
}

/* Reads the 8-byte descriptor of sel from the GDT or LDT; false if it lies
 * outside the table's limit. */
bool x86_read_descriptor(CPUX86State *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                         uintptr_t ra);
/* Writes the descriptor's high dword back (accessed/busy bits). */
void x86_write_descriptor_high(CPUX86State *env, uint32_t sel, uint32_t e2, uintptr_t ra);
/* Loads a segment cache from a descriptor (no checks) and sets the
 * descriptor's accessed bit in memory (system mode). */
void x86_load_seg_desc(CPUX86State *env, int seg, uint32_t sel, uint32_t e1, uint32_t e2,
                       uintptr_t ra);
/* Real-mode / vm86 segment load: base = sel << 4. */
void x86_load_seg_vm86(CPUX86State *env, int seg, uint32_t sel);
/* Inner-level stack of privilege dpl from the current TSS (SS, ESP); #TS
 * with the TSS selector (| ext) when the TSS is too short. */
void x86_tss_inner_stack(CPUX86State *env, int dpl, uint32_t *ss, uint32_t *esp, int ext,
                         uintptr_t ra);
/* Checks the SS of an inner-level stack switch (#TS/#SS with ss | ext) and
 * returns its descriptor. */
void x86_check_inner_ss(CPUX86State *env, uint32_t ss, int dpl, int ext, uint32_t *e1,
                        uint32_t *e2, uintptr_t ra);

/* Stack accesses of the far transfers and interrupt delivery: sp wraps at
 * mask (SS.B clear: 0xffff). */
typedef struct X86Stack {
    uint32_t base, sp, mask;
    int mmu_idx;
} X86Stack;
void x86_push(CPUX86State *env, X86Stack *st, uint32_t val, bool is32, uintptr_t ra);
uint32_t x86_pop(CPUX86State *env, X86Stack *st, bool is32, uintptr_t ra);

/* task_switch.c: a hardware task switch to the TSS whose descriptor is
 * e1/e2 (SDM vol. 3A, 7.3).  next_eip is the EIP saved in the old TSS. */
typedef enum X86TaskSource {
    TASK_FROM_JMP, TASK_FROM_CALL, TASK_FROM_IRET, TASK_FROM_INT,
} X86TaskSource;
void x86_task_switch(CPUX86State *env, uint32_t tss_sel, uint32_t e1, uint32_t e2,
                     X86TaskSource source, uint32_t next_eip, uintptr_t ra);

/* interrupt.c: delivers vector intno (SDM vol. 3A ch. 6).  is_int: INT n /
 * INT3 / INTO (a trap: next_eip is pushed); is_hw: external interrupt or
 * NMI (no error code, EIP pushed); otherwise an exception with error_code
 * when the vector has one, pushing EIP. */
void x86_do_interrupt(CPUX86State *env, int intno, bool is_int, int error_code,
                      uint32_t next_eip, bool is_hw);

/* sys_helper.c: control-register writes with their side effects (hflags,
 * TLB flushes).  They do not check privilege or reserved bits: the
 * helpers (MOV CRn) do; task switches and RSM call them directly. */
void cpu_x86_update_cr0(CPUX86State *env, uint32_t new_cr0);
#ifndef CONFIG_USER_ONLY
/* paging.c: may PAE paging use the PDPTEs at cr3? (#GP(0) otherwise) */
bool x86_pae_pdptes_valid(CPUX86State *env, uint32_t cr3);
#endif
void cpu_x86_update_cr3(CPUX86State *env, uint32_t new_cr3);
void cpu_x86_update_cr4(CPUX86State *env, uint32_t new_cr4);

/* smm_helper.c: enter SMM (the state save map at SMBASE + 0xfe00). */
void do_smm_enter(CPUX86State *env);

#ifndef CONFIG_USER_ONLY
/* hw/i386/x86-irq.c: acknowledges the highest pending
 * external interrupt (APIC, then 8259) and returns its vector, or -1.
 * Called under the BQL. */
int cpu_get_pic_interrupt(CPUX86State *env);
#endif

/* cpu.c: the -cpu model table, for CPUID */
void x86_cpuid(CPUX86State *env, uint32_t leaf, uint32_t sub,
               uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx);

/* The x87 state after RESET/FNINIT (CW 0x037f, SW 0, all registers empty);
 * env->fpu_image is an FNSAVE image (fpu_helper.c). */
static inline void x87_reset(CPUX86State *env)
{
    memset(env->fpu_image, 0, sizeof(env->fpu_image));
    env->fpuc = 0x37f;
    env->fpu_image[0] = 0x7f;   /* CW */
    env->fpu_image[1] = 0x03;
    env->fpu_image[8] = 0xff;   /* TW: all empty */
    env->fpu_image[9] = 0xff;
}

#endif
