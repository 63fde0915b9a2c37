/*
 * The x87 FPU: the guest's state lives in env->fpu_image, laid out as
 * x87-exec.h says; helper_x87 runs one instruction on it, through the fast
 * path in C when it applies (x87-fast.c), otherwise on the host's own x87
 * (x87-host.c).  Either way results, flags, NaN payloads, precision and
 * rounding are the hardware's.
 *
 * Unmasked exceptions: the x87 reports them only at the next waiting
 * instruction (SDM vol. 1, 8.6).  The host never gets there with the
 * guest's state: FNSAVE does not wait, and before every waiting guest
 * instruction the helper checks for a pending exception itself and raises
 * #MF (EXCP10_COPR) in the guest instead.  The decoder (translate-x87.c)
 * lets through only encodings the processor executes: the host never
 * meets an invalid one.
 *
 * The instruction/data pointers and opcode (FIP, FCS, FOP, FDP, FDS) are
 * set to the guest's values where the instruction updates them.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "target/i386/x87.h"
#include "target/i386/x87-exec.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"

#include <string.h>

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

#define SW_ES 0x0080  /* exception summary: an unmasked exception is pending */

/* #MF before a waiting instruction while an unmasked exception is pending
 * (SDM vol. 1, 8.6).  Unmasked flags count even with ES clear (an image
 * from FRSTOR or a signal frame may be inconsistent): the host must never
 * execute a waiting instruction with an exception pending. */
static void x87_check_pending(CPUX86State *env, uintptr_t ra)
{
    uint16_t sw = x87_img_ld16(env->fpu_image, X87_IMG_SW);

    if ((sw & SW_ES) || (sw & ~env->fpuc & 0x3f)) {
        raise_exception_ra(env, EXCP10_COPR, ra);
    }
}

void HELPER(fwait)(CPUX86State *env)
{
    uintptr_t ra = GETPC();

    /* WAIT faults with #NM only if CR0.TS and CR0.MP (SDM vol. 3A, 2.5) */
    if ((env->cr[0] & (CR0_TS_MASK | CR0_MP_MASK)) == (CR0_TS_MASK | CR0_MP_MASK)) {
        raise_exception_ra(env, EXCP07_PREX, ra);
    }
    x87_check_pending(env, ra);
}

/* The operand buffer -> guest memory, in the widest little-endian pieces
 * (operands are 2..108 bytes; x86_read_guest_buf reads them). */
static void x87_mem_write(CPUX86State *env, uint32_t addr, const uint8_t *buf, int size,
                          uintptr_t ra)
{
    int i = 0;

    for (; i + 8 <= size; i += 8) {
        uint64_t v;
        memcpy(&v, buf + i, 8);
        cpu_stq_data_ra(env, addr + i, v, ra);
    }
    if (i + 4 <= size) {
        cpu_stl_data_ra(env, addr + i, x87_img_ld32(buf, i), ra);
        i += 4;
    }
    if (i + 2 <= size) {
        cpu_stw_data_ra(env, addr + i, x87_img_ld16(buf, i), ra);
        i += 2;
    }
}

/* The fast path's stores go straight to guest memory. */
typedef struct X87Store {
    CPUX86State *env;
    uint32_t addr;
    uintptr_t ra;
} X87Store;

static void x87_store_to_guest(void *opaque, const uint8_t *data, int size)
{
    X87Store *st = opaque;

    x87_mem_write(st->env, st->addr, data, size, st->ra);
}

/* The guest's values for the pointers the instruction updated */
static void x87_set_pointers(CPUX86State *env, uint8_t *img, int sets, int op, int modrm,
                             int seg, uint32_t addr, uint32_t eip)
{
    if (sets & X87_SETS_FIP) {
        x87_img_st32(img, X87_IMG_FIP, eip);
        x87_img_st32(img, X87_IMG_FCS, (uint32_t)env->segs[R_CS].selector |
                                       (uint32_t)(((op & 7) << 8) | modrm) << 16);
    }
    if (sets & X87_SETS_FDP) {
        x87_img_st32(img, X87_IMG_FDP, addr - env->segs[seg].base);
        /* bits 16..31 stay as FNSAVE stores them (all ones) */
        x87_img_st16(img, X87_IMG_FDS, env->segs[seg].selector);
    }
}

/*
 * One x87 instruction.  code: bits 0..7 ModRM, 8..15 the escape opcode,
 * bit 16 16-bit operand size, bits 20..22 the segment of the memory
 * operand.  addr: its linear address; eip: the instruction's; form: what
 * x87_form() said of it at translation (the CPUID features it depends on
 * are fixed for the CPU's life).  Returns the new arithmetic EFLAGS
 * (FCOMI family) or AX (FNSTSW AX).  env->fpuc and the image's CW are
 * always equal.
 */
uint32_t HELPER(x87)(CPUX86State *env, uint32_t code, uint32_t addr, uint32_t eip, uint32_t form)
{
    uintptr_t ra = GETPC();
    int modrm = code & 0xff, op = (code >> 8) & 0xff;
    int data16 = (code >> 16) & 1, seg = (code >> 20) & 7;
    uint8_t img[X87_IMG_SIZE] __attribute__((aligned(16)));
    uint8_t mem[X87_IMG_SIZE] __attribute__((aligned(16)));
    X87Store store = { env, addr, ra };
    uint64_t eflags = 0;
    int sets;

    /* CR0.EM (no FPU) or CR0.TS (state switched out): #NM, SDM vol. 3A, 2.5 */
    if (env->cr[0] & (CR0_EM_MASK | CR0_TS_MASK)) {
        raise_exception_ra(env, EXCP07_PREX, ra);
    }
    if (!(form & X87_NOWAIT)) {
        x87_check_pending(env, ra);
    }
    if (form & X87_AX_OUT) {
        return x87_img_ld16(env->fpu_image, X87_IMG_SW);  /* FNSTSW AX */
    }
    if (form & X87_LOAD) {
        x86_read_guest_buf(env, addr, mem, x87_mem_size(form), ra);
    }
    if (form & X87_EFLAGS_IN) {
        eflags = cpu_compute_eflags(env);   /* FCMOVcc */
    }

    sets = x87_fast_exec(env->fpu_image, op, modrm, mem, &eflags, x87_store_to_guest, &store);
    if (sets != X87_DECLINED) {
        x87_set_pointers(env, env->fpu_image, sets, op, modrm, seg, addr, eip);
        env->fpuc = x87_img_ld16(env->fpu_image, X87_IMG_CW);
        return (uint32_t)eflags & CC_ARITH_MASK;
    }

    /* The host's x87 on a copy: a faulting store must leave the state. */
    memcpy(img, env->fpu_image, X87_IMG_SIZE);
    sets = x87_host_exec(img, op, modrm, data16, mem, &eflags);
    x87_set_pointers(env, img, sets, op, modrm, seg, addr, eip);
    /* An unmasked invalid-operation, denormal, overflow or underflow
     * exception of a store (FIST, FISTTP, FST...) leaves memory unchanged
     * (SDM vol. 1, 8.5.1.2, 8.5.4, 8.5.5): the host did not write mem
     * either.  (An unmasked precision exception still stores.)  A waiting
     * store started with none pending, so any unmasked flag is its own;
     * the no-wait stores (FNSTSW, FNSTCW, FNSTENV, FNSAVE) always write. */
    if ((form & X87_STORE) &&
        ((form & X87_NOWAIT) ||
         !(x87_img_ld16(img, X87_IMG_SW) & ~x87_img_ld16(img, X87_IMG_CW) & 0x1f))) {
        x87_mem_write(env, addr, mem, x87_mem_size(form), ra);
    }
    memcpy(env->fpu_image, img, X87_IMG_SIZE);
    env->fpuc = x87_img_ld16(img, X87_IMG_CW);
    return (uint32_t)eflags & CC_ARITH_MASK;
}
