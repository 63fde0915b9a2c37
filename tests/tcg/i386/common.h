/*
 * Shared helpers of the tests/tcg/i386 differential programs.
 *
 * Every program prints compact hex lines; tests/tcg/run-diff.sh compares the
 * output of a native run with the output under the emulator.  Flags that the
 * Intel SDM leaves undefined for an instruction are masked before printing,
 * so only architecturally defined behaviour is compared.
 */
#ifndef TCG_I386_COMMON_H
#define TCG_I386_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* REG_EIP, MAP_ANONYMOUS, ... */
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* EFLAGS status flags (SDM Vol. 1, 3.4.3.1). */
#define F_CF 0x0001u
#define F_PF 0x0004u
#define F_AF 0x0010u
#define F_ZF 0x0040u
#define F_SF 0x0080u
#define F_OF 0x0800u
#define F_DF 0x0400u
#define F_STATUS (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)
/* Bit 1 is always 1; IF=1 in user mode.  Input EFLAGS are built from these
 * plus status flags only (never TF/AC/DF unless a test means it). */
#define F_BASE 0x0202u

/* The two input flag states every flag-producing test runs with: all status
 * flags clear and all set, so a flag that should be preserved (e.g. CF over
 * INC) or carried in (ADC) is observed both ways. */
static const uint32_t flags_in[2] = { F_BASE, F_BASE | F_STATUS };

/* Deterministic PRNG (xorshift32); programs never use rand(). */
static uint32_t prng_state = 0x12345678u;
static inline uint32_t prng(void)
{
    uint32_t x = prng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return prng_state = x;
}

/* FNV-1a, for hashing memory regions into one printed word. */
static inline uint32_t fnv1a(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint32_t h = 0x811c9dc5u;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x01000193u;
    }
    return h;
}

/* Interesting operand values for each width: zero, one, small, nibble and
 * byte boundaries, signed min/max neighbours, all ones, alternating bits and
 * a couple of arbitrary values. */
static const uint32_t vals8[] = {
    0x00, 0x01, 0x02, 0x07, 0x0f, 0x10, 0x3c, 0x55,
    0x7e, 0x7f, 0x80, 0x81, 0x99, 0xaa, 0xfe, 0xff,
};
static const uint32_t vals16[] = {
    0x0000, 0x0001, 0x0002, 0x000f, 0x00ff, 0x0100, 0x1234, 0x5555,
    0x7ffe, 0x7fff, 0x8000, 0x8001, 0xaaaa, 0xc0de, 0xfffe, 0xffff,
};
static const uint32_t vals32[] = {
    0x00000000, 0x00000001, 0x00000002, 0x0000ffff, 0x00010000, 0x12345678,
    0x55555555, 0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001, 0xaaaaaaaa,
    0xdeadbeef, 0xfedcba98, 0xfffffffe, 0xffffffff,
};
#define NVALS 16

static inline const uint32_t *vals_for(int bits)
{
    return bits == 8 ? vals8 : bits == 16 ? vals16 : vals32;
}

/* Unbuffered stdout would make emulated runs slow; a large buffer and an
 * explicit flush at exit keep the ordering with signals deterministic. */
static inline void setup_stdout(void)
{
    static char buf[1 << 16];
    /* TCG_TEST_UNBUFFERED=1 helps locate where an emulated run dies. */
    if (getenv("TCG_TEST_UNBUFFERED")) {
        setvbuf(stdout, NULL, _IONBF, 0);
    } else {
        setvbuf(stdout, buf, _IOFBF, sizeof(buf));
    }
}

#endif
