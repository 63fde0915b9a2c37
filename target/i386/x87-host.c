/*
 * One x87 instruction run by the host's own x87 (the host is x86-64): the
 * guest's state, as an FNSAVE image, goes in with FRSTOR, the very instruction the guest
 * executes runs from a table of stubs (one per escape opcode and ModRM
 * byte, memory forms addressing the operand buffer through [rdi]), and the
 * image comes back with FNSAVE, which also leaves the host FPU
 * initialized, as the emulator's own code expects it.  Results, flags, NaN
 * payloads, precision and rounding control are therefore the hardware's.
 */
#include "target/i386/x87-exec.h"

#include <string.h>

#if !defined(__x86_64__)
#error "x87-host.c runs the guest's x87 instructions on an x86-64 host"
#endif

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

/*
 * Runs the host stub `stub` on the FNSAVE image `img` with `mem` as its
 * memory operand.  `eflags` supplies CF/PF/ZF (FCMOVcc) and returns the
 * host's flags afterwards (FCOMI).
 */
static void x87_run_on_host(uint8_t *img, const uint8_t *stub, uint8_t *mem, uint64_t *eflags)
{
    uint64_t fl = *eflags & 0x45;   /* CF, PF, ZF */

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
        : [fl] "+r"(fl), [img] "+m"(*(uint8_t(*)[X87_IMG_SIZE])img), "+D"(mem)
        : [stub] "r"(stub)
        : "memory", "cc");
    *eflags = fl;
}

int x87_host_exec(uint8_t state[X87_IMG_SIZE], int op, int modrm, int data16, uint8_t *mem,
                  uint64_t *eflags)
{
    uint8_t img[X87_IMG_SIZE] __attribute__((aligned(16)));
    int reg = (modrm >> 3) & 7, sets = 0;
    const uint8_t *stub;

    if (data16 && (modrm >> 6) != 3 && (op == 0xd9 || op == 0xdd) && (reg == 4 || reg == 6)) {
        stub = x87_host_stubs16 + ((op == 0xdd) * 2 + (reg == 6)) * STUB_SIZE;
    } else {
        stub = x87_host_stubs + ((op - 0xd8) * 256 + modrm) * STUB_SIZE;
    }
    x87_state_to_fnsave(state, img);
    x87_run_on_host(img, stub, mem, eflags);
    x87_state_from_fnsave(state, img);

    /* The host records the pointers (into the emulator) exactly when the
     * guest's processor records its own. */
    if (x87_img_ld32(img, X87_IMG_FIP) == (uint32_t)(uintptr_t)stub) {
        sets |= X87_SETS_FIP;
    }
    if (x87_img_ld32(img, X87_IMG_FDP) == (uint32_t)(uintptr_t)mem) {
        sets |= X87_SETS_FDP;
    }
    return sets;
}
