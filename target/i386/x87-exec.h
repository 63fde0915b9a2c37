/*
 * The x87 state as the emulator keeps it (env->fpu_image, X87_STATE_SIZE
 * bytes): the 28-byte environment of the FNSAVE image (32-bit protected
 * mode, SDM vol. 1, fig. 8-9), then the eight physical registers R0..R7,
 * where FNSAVE lists ST(0)..ST(7) (ST(i) is R((TOP + i) mod 8)).  Pushes
 * and pops then move no data, and MMX register i is always R(i).
 *
 * One x87 instruction is executed on that state, with nothing else of the
 * CPU (fpu_helper.c supplies the memory operand, the exceptions and the
 * pointers' guest values), in one of two ways:
 *   x87_host_exec  the host's own x87 runs the instruction (x87-host.c);
 *                  every valid encoding, exact by construction;
 *   x87_fast_exec  the common loads, stores, moves, compares and the four
 *                  basic operations, in C and a few host instructions
 *                  (x87-fast.c).  It declines, changing nothing, whenever
 *                  the outcome would need more than it models (stack
 *                  faults, NaN/denormal cases, unmasked exceptions...).
 * Both must leave identical states: tests/unit/test-x87-fast.c checks it.
 */
#ifndef I386_X87_EXEC_H
#define I386_X87_EXEC_H

#include <stdint.h>
#include <string.h>

/* Offsets in the state and in the FNSAVE image */
#define X87_IMG_CW   0
#define X87_IMG_SW   4
#define X87_IMG_TW   8
#define X87_IMG_FIP  12
#define X87_IMG_FCS  16   /* selector in bits 0..15, opcode in bits 16..26 */
#define X87_IMG_FDP  20
#define X87_IMG_FDS  24
#define X87_IMG_REGS 28   /* FNSAVE: ST(i) at 28 + 10 * i; state: R(i) there */
#define X87_IMG_SIZE 108  /* both */

/* Image fields, little-endian like the host.  Each is accessed with its
 * own width: the next instruction's loads are then forwarded from these
 * stores (a wider load over a narrower store stalls). */
static inline uint16_t x87_img_ld16(const uint8_t *img, int off)
{
    uint16_t v;
    memcpy(&v, img + off, 2);
    return v;
}

static inline uint32_t x87_img_ld32(const uint8_t *img, int off)
{
    uint32_t v;
    memcpy(&v, img + off, 4);
    return v;
}

static inline void x87_img_st16(uint8_t *img, int off, uint16_t v)
{
    memcpy(img + off, &v, 2);
}

static inline void x87_img_st32(uint8_t *img, int off, uint32_t v)
{
    memcpy(img + off, &v, 4);
}

/* The tag FNSAVE reports for a non-empty register's 10 bytes (SDM vol. 1,
 * 8.1.7): 0 valid, 1 zero, 2 special (NaN, infinity, denormal, unnormal). */
static inline int x87_reg_tag(const uint8_t *reg)
{
    int exp = x87_img_ld16(reg, 8) & 0x7fff;
    uint64_t m;

    memcpy(&m, reg, 8);
    if (exp == 0x7fff) {
        return 2;
    }
    if (exp == 0) {
        return m ? 2 : 1;
    }
    return (m >> 63) ? 0 : 2;
}

static inline int x87_img_top(const uint8_t *img)
{
    return (x87_img_ld16(img, X87_IMG_SW) >> 11) & 7;
}

/* The FNSAVE image of a state, and back */
static inline void x87_state_to_fnsave(const uint8_t *state, uint8_t *fnsave)
{
    int top = x87_img_top(state);

    memcpy(fnsave, state, X87_IMG_REGS);
    for (int i = 0; i < 8; i++) {
        memcpy(fnsave + X87_IMG_REGS + 10 * i, state + X87_IMG_REGS + 10 * ((top + i) & 7), 10);
    }
}

static inline void x87_state_from_fnsave(uint8_t *state, const uint8_t *fnsave)
{
    int top = x87_img_top(fnsave);

    memcpy(state, fnsave, X87_IMG_REGS);
    for (int i = 0; i < 8; i++) {
        memcpy(state + X87_IMG_REGS + 10 * ((top + i) & 7), fnsave + X87_IMG_REGS + 10 * i, 10);
    }
}

/* What the instruction did to the last-instruction pointers: the image's
 * FIP/FCS/FOP (resp. FDP/FDS) fields hold meaningless values then, which
 * the caller replaces with the guest's. */
#define X87_SETS_FIP 1
#define X87_SETS_FDP 2

#define X87_DECLINED (-1)

/*
 * Escape opcode `op` (0xd8..0xdf) with ModRM byte `modrm`, a valid
 * encoding (x87_form() != 0); memory forms address `mem`, which holds the
 * operand for loads and receives it for stores.  `eflags`: CF/PF/ZF in
 * (FCMOVcc), the host's arithmetic flags out (FCOMI family).  Returns
 * X87_SETS_* bits.
 */
int x87_host_exec(uint8_t state[X87_IMG_SIZE], int op, int modrm, int data16, uint8_t *mem,
                  uint64_t *eflags);

/*
 * The same for the forms the fast path takes, working on the state in
 * place; or X87_DECLINED, having changed nothing.  A store form hands its
 * operand to `store` (size bytes) before it changes the state, so a store
 * that faults (longjmps) leaves the FPU state as it was.
 */
typedef void X87StoreFn(void *opaque, const uint8_t *data, int size);

int x87_fast_exec(uint8_t state[X87_IMG_SIZE], int op, int modrm, const uint8_t *mem,
                  uint64_t *eflags, X87StoreFn *store, void *opaque);

#endif
