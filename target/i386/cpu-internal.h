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

/* cc_helper.c */
uint32_t cc_compute_all(uint32_t dst, uint32_t src, uint32_t src2, int op);

/* seg_helper.c */
void x86_load_seg_ra(CPUX86State *env, int seg_reg, int selector, uintptr_t ra);

/* sys_helper.c: control-register writes with their side effects (hflags,
 * TLB flushes).  They do not check privilege or reserved bits: the
 * helpers (MOV CRn) do; task switches and RSM call them directly. */
void cpu_x86_update_cr0(CPUX86State *env, uint32_t new_cr0);
void cpu_x86_update_cr3(CPUX86State *env, uint32_t new_cr3);
void cpu_x86_update_cr4(CPUX86State *env, uint32_t new_cr4);

/* smm_helper.c: enter SMM (the state save map at SMBASE + 0xfe00). */
void do_smm_enter(CPUX86State *env);

#ifndef CONFIG_USER_ONLY
/* hw/i386/x86-irq.c (apic engineer): acknowledges the highest pending
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
