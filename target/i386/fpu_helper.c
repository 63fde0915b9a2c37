/*
 * The x87 FPU, executed by the host's own x87 (the host is x86-64).
 *
 * The guest's FPU state lives in env->fpu_image as a 108-byte FNSAVE
 * image.  helper_x87 loads it into the host FPU with FRSTOR, runs the very
 * instruction the guest executes from a table of stubs (one per escape
 * opcode and ModRM byte, memory forms addressing a copy of the operand
 * through [rdi]) and stores the image back with FNSAVE, which also leaves
 * the host FPU initialized, as the emulator's own code expects it.
 * Results, flags, NaN payloads, precision and rounding control are
 * therefore those of the hardware.
 *
 * Unmasked exceptions: the x87 reports them only at the next waiting
 * instruction (SDM vol. 1, 8.6).  The host never gets there with the
 * guest's state: FNSAVE does not wait, and before every waiting guest
 * instruction the helper checks for a pending exception itself and raises
 * #MF (EXCP10_COPR) in the guest instead.  The decoder (translate-x87.c)
 * lets through only encodings the processor executes: the host never
 * meets an invalid one.
 *
 * The instruction/data pointers and opcode (FIP, FCS, FOP, FDP, FDS) that
 * the host records point into the emulator; where the host updated them,
 * the guest's values replace them, so the guest sees exactly the updates
 * its hardware makes.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "target/i386/x87.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"

#include <string.h>

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

#if !defined(__x86_64__)
#error "fpu_helper.c runs the guest's x87 instructions on an x86-64 host"
#endif

/* FNSAVE image offsets, 32-bit protected mode (SDM vol. 1, fig. 8-9) */
#define IMG_CW   0
#define IMG_SW   4
#define IMG_TW   8
#define IMG_FIP  12
#define IMG_FCS  16   /* selector in bits 0..15, opcode in bits 16..26 */
#define IMG_FDP  20
#define IMG_FDS  24
#define IMG_SIZE 108

#define SW_ES 0x0080  /* exception summary: an unmasked exception is pending */

#define STUB_SIZE 4

/* x87_host_stubs[(op - 0xd8) * 256 + modrm]: the instruction then RET.
 * Memory forms keep the reg field and address [rdi] (mod 0, r/m 7).
 * x87_host_stubs16: FLDENV, FNSTENV, FRSTOR, FNSAVE with an operand-size
 * prefix (the 14- and 94-byte formats). */
__asm__(
    "    .pushsection .text\n"
    "    .balign 16\n"
    "    .type x87_host_stubs, @function\n"
    "x87_host_stubs:\n"
    "    .irp op, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf\n"
    "    .set x87_m, 0\n"
    "    .rept 256\n"
    "    .if x87_m >= 0xc0\n"
    "    .byte \\op, x87_m, 0xc3, 0x90\n"
    "    .else\n"
    "    .byte \\op, (x87_m & 0x38) | 7, 0xc3, 0x90\n"
    "    .endif\n"
    "    .set x87_m, x87_m + 1\n"
    "    .endr\n"
    "    .endr\n"
    "x87_host_stubs16:\n"
    "    .byte 0x66, 0xd9, 0x27, 0xc3\n"
    "    .byte 0x66, 0xd9, 0x37, 0xc3\n"
    "    .byte 0x66, 0xdd, 0x27, 0xc3\n"
    "    .byte 0x66, 0xdd, 0x37, 0xc3\n"
    "    .size x87_host_stubs, . - x87_host_stubs\n"
    "    .popsection\n");

extern const uint8_t x87_host_stubs[] __attribute__((visibility("hidden")));
extern const uint8_t x87_host_stubs16[] __attribute__((visibility("hidden")));

static inline uint16_t img_ld16(const uint8_t *img, int off)
{
    return (uint16_t)(img[off] | img[off + 1] << 8);
}

static inline uint32_t img_ld32(const uint8_t *img, int off)
{
    uint32_t v;
    memcpy(&v, img + off, 4);
    return v;
}

static inline void img_st16(uint8_t *img, int off, uint16_t v)
{
    img[off] = (uint8_t)v;
    img[off + 1] = (uint8_t)(v >> 8);
}

static inline void img_st32(uint8_t *img, int off, uint32_t v)
{
    memcpy(img + off, &v, 4);
}

/*
 * Runs the host stub `stub` on the FNSAVE image `img` with `mem` as its
 * memory operand.  `eflags` supplies CF/PF/ZF (FCMOVcc) and returns the
 * host's flags afterwards (FCOMI).
 */
static void x87_run_on_host(uint8_t *img, const uint8_t *stub, uint8_t *mem, uint64_t *eflags)
{
    uint64_t fl = *eflags & (CC_C | CC_P | CC_Z);

    /* The emulator's own code never uses the x87: between calls its state
     * is the ABI's (empty stack, CW 0x037f, no pending exception; the
     * SysV x86-64 ABI, 3.2.3), which is exactly what the closing FNSAVE
     * leaves (it reinitializes the FPU as FNINIT does), so the host state
     * needs no saving.  The red zone below %rsp may hold the compiler's
     * data: the call stays clear of it. */
    __asm__ volatile(
        "frstor %[img]\n\t"
        "sub $128, %%rsp\n\t"
        "push %[fl]\n\t"
        "popfq\n\t"
        "call *%[stub]\n\t"
        "pushfq\n\t"
        "pop %[fl]\n\t"
        "add $128, %%rsp\n\t"
        "fnsave %[img]\n\t"
        : [fl] "+r"(fl), [img] "+m"(*(uint8_t(*)[IMG_SIZE])img), "+D"(mem)
        : [stub] "r"(stub)
        : "memory", "cc");
    *eflags = fl;
}

/* #MF before a waiting instruction while an unmasked exception is pending
 * (SDM vol. 1, 8.6).  Unmasked flags count even with ES clear (an image
 * from FRSTOR or a signal frame may be inconsistent): the host must never
 * execute a waiting instruction with an exception pending. */
static void x87_check_pending(CPUX86State *env, uintptr_t ra)
{
    uint16_t sw = img_ld16(env->fpu_image, IMG_SW);

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

/* Guest memory <-> the operand buffer, in the widest little-endian pieces
 * (operands are 2..108 bytes). */
static void x87_mem_read(CPUX86State *env, uint32_t addr, uint8_t *buf, int size, uintptr_t ra)
{
    int i = 0;

    for (; i + 8 <= size; i += 8) {
        uint64_t v = cpu_ldq_data_ra(env, addr + i, ra);
        memcpy(buf + i, &v, 8);
    }
    if (i + 4 <= size) {
        uint32_t v = cpu_ldl_data_ra(env, addr + i, ra);
        memcpy(buf + i, &v, 4);
        i += 4;
    }
    if (i + 2 <= size) {
        img_st16(buf, i, (uint16_t)cpu_lduw_data_ra(env, addr + i, ra));
        i += 2;
    }
}

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
        cpu_stl_data_ra(env, addr + i, img_ld32(buf, i), ra);
        i += 4;
    }
    if (i + 2 <= size) {
        cpu_stw_data_ra(env, addr + i, img_ld16(buf, i), ra);
        i += 2;
    }
}

/*
 * One x87 instruction.  code: bits 0..7 ModRM, 8..15 the escape opcode,
 * bit 16 16-bit operand size, bits 20..22 the segment of the memory
 * operand.  addr: its linear address; eip: the instruction's.  Returns
 * the new arithmetic EFLAGS (FCOMI family) or AX (FNSTSW AX).
 */
uint32_t HELPER(x87)(CPUX86State *env, uint32_t code, uint32_t addr, uint32_t eip)
{
    uintptr_t ra = GETPC();
    int modrm = code & 0xff, op = (code >> 8) & 0xff;
    int data16 = (code >> 16) & 1, seg = (code >> 20) & 7;
    int form = x87_form(op, modrm, data16, env->cpuid_features, env->cpuid_ext_features);
    int size = x87_mem_size(form);
    uint8_t img[IMG_SIZE] __attribute__((aligned(16)));
    uint8_t mem[IMG_SIZE] __attribute__((aligned(16)));
    const uint8_t *stub;
    uint64_t eflags = 0;
    uint32_t host_fip, host_fdp;

    if (!form) {
        raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    /* CR0.EM (no FPU) or CR0.TS (state switched out): #NM, SDM vol. 3A, 2.5 */
    if (env->cr[0] & (CR0_EM_MASK | CR0_TS_MASK)) {
        raise_exception_ra(env, EXCP07_PREX, ra);
    }
    if (!(form & X87_NOWAIT)) {
        x87_check_pending(env, ra);
    }
    memcpy(img, env->fpu_image, IMG_SIZE);
    img_st16(img, IMG_CW, env->fpuc);
    if (form & X87_AX_OUT) {
        return img_ld16(img, IMG_SW);   /* FNSTSW AX: no host register */
    }
    memset(mem, 0, sizeof(mem));
    if (form & X87_LOAD) {
        x87_mem_read(env, addr, mem, size, ra);
    }
    if (data16 && (modrm >> 6) != 3 && (op == 0xd9 || op == 0xdd) &&
        (((modrm >> 3) & 7) == 4 || ((modrm >> 3) & 7) == 6)) {
        stub = x87_host_stubs16 + ((op == 0xdd) * 2 + (((modrm >> 3) & 7) == 6)) * STUB_SIZE;
    } else {
        stub = x87_host_stubs + ((op - 0xd8) * 256 + modrm) * STUB_SIZE;
    }
    if (form & X87_EFLAGS_IN) {
        eflags = cpu_compute_eflags(env);
    }

    x87_run_on_host(img, stub, mem, &eflags);

    /* Pointers the host updated name the emulator: use the guest's. */
    host_fip = img_ld32(img, IMG_FIP);
    host_fdp = img_ld32(img, IMG_FDP);
    if (host_fip == (uint32_t)(uintptr_t)stub) {
        img_st32(img, IMG_FIP, eip);
        img_st32(img, IMG_FCS, (uint32_t)env->segs[R_CS].selector |
                               (uint32_t)(((op & 7) << 8) | modrm) << 16);
    }
    if (host_fdp == (uint32_t)(uintptr_t)mem) {
        img_st32(img, IMG_FDP, addr - env->segs[seg].base);
        img_st32(img, IMG_FDS, env->segs[seg].selector);
    }

    /* Memory first: a fault leaves the FPU state as before the instruction. */
    if (form & X87_STORE) {
        x87_mem_write(env, addr, mem, size, ra);
    }
    memcpy(env->fpu_image, img, IMG_SIZE);
    env->fpuc = img_ld16(img, IMG_CW);
    return (uint32_t)eflags & CC_ARITH_MASK;
}
