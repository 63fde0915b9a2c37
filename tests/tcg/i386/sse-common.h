/*
 * Shared parts of the MMX/SSE/SSE2 differential programs (mmx.c, sse.c,
 * sse2.c): a 16-byte vector type, edge-value tables, runners that execute
 * one instruction between xmm0 (destination) and xmm1 or memory (source)
 * under a given MXCSR and read back the result and MXCSR, and the sweep
 * that prints one hash line per instruction and MXCSR setting.
 *
 * Set SSE_VERBOSE=1 in the environment to print every case instead.
 */
#ifndef TCG_I386_SSE_COMMON_H
#define TCG_I386_SSE_COMMON_H

#pragma GCC target("sse2")

#include "common.h"
#include "sigcatch.h"

#include <stdbool.h>

typedef union vec {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t l[4];
    uint64_t q[2];
} __attribute__((aligned(16))) vec;

/* Single-precision edge values: zeros, ones, denormals, smallest/largest
 * normals, infinities, quiet NaNs with payloads, signalling NaNs, halfway
 * cases for rounding, values at the int32 limits. */
static const uint32_t f32_vals[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40200000, 0xc0200000,
    0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc12345, 0x7f812345, 0xff800001, 0x3eaaaaab, 0x4effffff, 0x4f000000,
    0xcf000000, 0xcf000001, 0x5f000000, 0x33d6bf95, 0x0c000000,
};
#define N_F32 ((int)(sizeof(f32_vals) / sizeof(f32_vals[0])))

/* Double-precision edge values, same idea. */
static const uint64_t f64_vals[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
    0xbff0000000000000ull, 0x3ff8000000000000ull, 0x4004000000000000ull,
    0xc004000000000000ull, 0x0000000000000001ull, 0x800fffffffffffffull,
    0x0010000000000000ull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0xfff8000000012345ull, 0x7ff0000000012345ull, 0xfff0000000000001ull,
    0x3fd5555555555555ull, 0x41dfffffffc00000ull, 0x41e0000000000000ull,
    0xc1e0000000000000ull, 0xc1e0000000200000ull, 0x36a0000000000000ull,
    0x3690000000000001ull, 0x47efffffe0000000ull, 0x380fffffe0000000ull,
};
#define N_F64 ((int)(sizeof(f64_vals) / sizeof(f64_vals[0])))

/* Integer edge values for the integer SIMD ops (bytes/words at the
 * saturation limits in every lane position). */
static const uint32_t i32_vals[] = {
    0x00000000, 0xffffffff, 0x80000000, 0x7fffffff, 0x00000001, 0x80808080, 0x7f7f7f7f,
    0x01ff80fe, 0x8000ffff, 0x7fff0001, 0x12345678, 0xfedcba98, 0x00ff00ff, 0xff00ff00,
    0x00010000, 0x0000ffff,
};
#define N_I32 ((int)(sizeof(i32_vals) / sizeof(i32_vals[0])))

/* MXCSR settings every floating-point op runs under: the four rounding
 * modes with all exceptions masked, then FTZ+DAZ with round-to-nearest and
 * round-toward-zero. */
static const uint32_t mxcsr_modes[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0, 0xffc0 };
#define N_MODES ((int)(sizeof(mxcsr_modes) / sizeof(mxcsr_modes[0])))

static int sse_verbose;

static inline void sse_init(void)
{
    const char *v = getenv("SSE_VERBOSE");
    sse_verbose = v && *v == '1';
}

/* Runners.  fn(d, s, csr): d is xmm0 in and out, s is xmm1 (or the memory
 * operand), *csr the MXCSR in and out; the GPR/EFLAGS forms return it. */
typedef void (*vec_fn)(vec *d, const vec *s, uint32_t *csr);
typedef uint32_t (*gpr_fn)(const vec *d, const vec *s, uint32_t *csr);

/* xmm0 = xmm0 OP xmm1 (REG) or xmm0 OP m (MEM); insn names %%xmm0, %%xmm1
 * or %[s] */
#define XOP(fname, insn)                                                    \
    static void fname(vec *d, const vec *s, uint32_t *csr)                 \
    {                                                                       \
        __asm__ volatile("ldmxcsr %[c]\n\tmovups %[d], %%xmm0\n\t"          \
                         "movups %[s], %%xmm1\n\t" insn "\n\t"              \
                         "movups %%xmm0, %[d]\n\tstmxcsr %[c]"              \
                         : [d] "+m"(*d), [c] "+m"(*csr)                     \
                         : [s] "m"(*s)                                      \
                         : "xmm0", "xmm1", "eax", "memory");                \
    }

/* r = OP(xmm1) with xmm0 also loaded (COMISS reads both); insn writes
 * %[r] (a GPR) or leaves EFLAGS, which are read back with PUSHF. */
#define XGPR(fname, insn)                                                   \
    static uint32_t fname(const vec *d, const vec *s, uint32_t *csr)       \
    {                                                                       \
        uint32_t r = 0x5a5a5a5a;                                            \
        __asm__ volatile("ldmxcsr %[c]\n\tmovups %[d], %%xmm0\n\t"          \
                         "movups %[s], %%xmm1\n\t" insn "\n\t"              \
                         "stmxcsr %[c]"                                     \
                         : [r] "+r"(r), [c] "+m"(*csr)                      \
                         : [d] "m"(*d), [s] "m"(*s)                         \
                         : "xmm0", "xmm1", "memory", "cc");                 \
        return r;                                                           \
    }
#define XFLAGS(fname, insn)                                                 \
    static uint32_t fname(const vec *d, const vec *s, uint32_t *csr)       \
    {                                                                       \
        uint32_t r;                                                         \
        __asm__ volatile("ldmxcsr %[c]\n\tmovups %[d], %%xmm0\n\t"          \
                         "movups %[s], %%xmm1\n\t"                          \
                         "pushfl\n\torl $0x8d5, (%%esp)\n\tpopfl\n\t"       \
                         insn "\n\tpushfl\n\tpopl %[r]\n\t"                 \
                         "stmxcsr %[c]"                                     \
                         : [r] "=r"(r), [c] "+m"(*csr)                      \
                         : [d] "m"(*d), [s] "m"(*s)                         \
                         : "xmm0", "xmm1", "memory", "cc");                 \
        return r & 0x8d5;                                                   \
    }

/* MMX: mm0 = mm0 OP mm1 (or m64), then EMMS */
#define MOP(fname, insn)                                                    \
    static void fname(vec *d, const vec *s, uint32_t *csr)                 \
    {                                                                       \
        __asm__ volatile("movq %[d], %%mm0\n\tmovq %[s], %%mm1\n\t"         \
                         insn "\n\tmovq %%mm0, %[d]\n\temms"                \
                         : [d] "+m"(d->q[0])                                \
                         : [s] "m"(*s)                                      \
                         : "mm0", "mm1", "eax", "memory");                  \
    }

typedef struct vec_case {
    const char *name;
    vec_fn fn;
} vec_case;

typedef struct gpr_case {
    const char *name;
    gpr_fn fn;
} gpr_case;

/* Operand pairs for a sweep: lane k of the destination and of the source
 * walk the value table at different strides, so every value meets every
 * other in lane 0 and mixed lanes elsewhere. */
static inline void fill_pair32(vec *d, vec *s, const uint32_t *vals, int n, int i, int j)
{
    for (int k = 0; k < 4; k++) {
        d->l[k] = vals[(i + 3 * k) % n];
        s->l[k] = vals[(j + 5 * k) % n];
    }
}

static inline void fill_pair64(vec *d, vec *s, const uint64_t *vals, int n, int i, int j)
{
    for (int k = 0; k < 2; k++) {
        d->q[k] = vals[(i + 7 * k) % n];
        s->q[k] = vals[(j + 11 * k) % n];
    }
}

/* One line per (instruction, MXCSR mode): hash of all results and of all
 * MXCSR values read back, and the OR of the exception flags. */
static inline void sweep_vec(const vec_case *c, bool f64, const uint32_t *modes, int nmodes)
{
    int n = f64 ? N_F64 : N_F32;
    for (int m = 0; m < nmodes; m++) {
        uint32_t hr = 0x811c9dc5u, hc = 0x811c9dc5u, orflags = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                vec d, s;
                uint32_t csr = modes[m];
                if (f64) {
                    fill_pair64(&d, &s, f64_vals, n, i, j);
                } else {
                    fill_pair32(&d, &s, f32_vals, n, i, j);
                }
                c->fn(&d, &s, &csr);
                if (sse_verbose) {
                    printf("  %s %04x %d %d: %08x %08x %08x %08x csr %04x\n", c->name, modes[m],
                           i, j, d.l[0], d.l[1], d.l[2], d.l[3], csr);
                }
                hr = (hr ^ fnv1a(&d, 16)) * 0x01000193u;
                hc = (hc ^ csr) * 0x01000193u;
                orflags |= csr & 0x3f;
            }
        }
        printf("%-10s mxcsr %04x: results %08x flags %08x or %02x\n", c->name, modes[m], hr, hc,
               orflags);
    }
}

static inline void sweep_gpr(const gpr_case *c, bool f64, const uint32_t *modes, int nmodes)
{
    int n = f64 ? N_F64 : N_F32;
    for (int m = 0; m < nmodes; m++) {
        uint32_t hr = 0x811c9dc5u, hc = 0x811c9dc5u, orflags = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                vec d, s;
                uint32_t csr = modes[m], r;
                if (f64) {
                    fill_pair64(&d, &s, f64_vals, n, i, j);
                } else {
                    fill_pair32(&d, &s, f32_vals, n, i, j);
                }
                r = c->fn(&d, &s, &csr);
                if (sse_verbose) {
                    printf("  %s %04x %d %d: %08x csr %04x\n", c->name, modes[m], i, j, r, csr);
                }
                hr = (hr ^ r) * 0x01000193u;
                hc = (hc ^ csr) * 0x01000193u;
                orflags |= csr & 0x3f;
            }
        }
        printf("%-10s mxcsr %04x: results %08x flags %08x or %02x\n", c->name, modes[m], hr, hc,
               orflags);
    }
}

/* Integer ops: every pair of integer edge values, plus random vectors */
static inline void sweep_int(const vec_case *c)
{
    uint32_t hr = 0x811c9dc5u;
    uint32_t saved = prng_state;
    for (int i = 0; i < N_I32; i++) {
        for (int j = 0; j < N_I32; j++) {
            vec d, s;
            uint32_t csr = 0x1f80;
            fill_pair32(&d, &s, i32_vals, N_I32, i, j);
            c->fn(&d, &s, &csr);
            if (sse_verbose) {
                printf("  %s %d %d: %08x %08x %08x %08x\n", c->name, i, j, d.l[0], d.l[1],
                       d.l[2], d.l[3]);
            }
            hr = (hr ^ fnv1a(&d, 16)) * 0x01000193u;
        }
    }
    for (int i = 0; i < 200; i++) {
        vec d, s;
        uint32_t csr = 0x1f80;
        for (int k = 0; k < 4; k++) {
            d.l[k] = prng();
            s.l[k] = prng();
        }
        /* small shift counts half of the time */
        if (i & 1) {
            s.q[0] &= 0x3f;
        }
        c->fn(&d, &s, &csr);
        hr = (hr ^ fnv1a(&d, 16)) * 0x01000193u;
    }
    prng_state = saved;
    printf("%-10s results %08x\n", c->name, hr);
}

#endif
