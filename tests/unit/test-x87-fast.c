/*
 * The x87 fast path (target/i386/x87-fast.c) against the host's x87
 * (x87-host.c, FRSTOR + the instruction + FNSAVE): for random FPU states
 * and operands, every form the fast path handles must leave the same
 * image, memory operand, EFLAGS and pointer updates as the hardware, and
 * when it declines it must have changed nothing.  Each form must also be
 * taken by the fast path in a fair share of the cases, so a fast path
 * that quietly declines everything fails too.
 */
#include "target/i386/x87-exec.h"

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

#define ITERATIONS_PER_FORM 3000

static GRand *rng;

static uint32_t rnd(uint32_t n)
{
    return g_rand_int_range(rng, 0, (gint32)n);
}

static uint64_t rnd64(void)
{
    return (uint64_t)g_rand_int(rng) << 32 | g_rand_int(rng);
}

/* A significand: random, or with the low bits clear (exact as a double or
 * single), or a rounding tie / just either side of one. */
static uint64_t rnd_mant(void)
{
    uint64_t m = rnd64() | 1ull << 63;

    switch (rnd(6)) {
    case 0:
        return m & ~0x7ffull;
    case 1:
        return m & ~0xffffffffffull;
    case 2:
        return (m & ~0x7ffull) | 0x400;
    case 3:
        return (m & ~0x7ffull) | (0x400 + rnd(3) - 1);
    default:
        return m;
    }
}

/* An 80-bit value in the image's byte order: every class, and exponents
 * around the single, double and integer ranges. */
static void rnd_f80(uint8_t out[10])
{
    static const int exps[] = { 16383, 16382, 16384, 16383 + 15, 16383 + 31, 16383 + 62,
                                16383 + 63, 16383 - 126, 16383 - 127, 16383 + 127,
                                16383 + 128, 16383 - 1022, 16383 - 1023, 16383 + 1023,
                                16383 + 1024, 16383 - 1 };
    uint64_t m;
    int e, sign = rnd(2) << 15;

    switch (rnd(12)) {
    case 0:
        m = 0, e = 0;                                   /* zero */
        break;
    case 1:
        m = 1ull << 63, e = 0x7fff;                     /* infinity */
        break;
    case 2:
        m = rnd64() | 3ull << 62, e = 0x7fff;           /* QNaN */
        break;
    case 3:
        m = (rnd64() & ~(1ull << 62)) | 1ull << 63 | 1, e = 0x7fff;   /* SNaN */
        break;
    case 4:
        m = rnd64() >> rnd(64), e = 0;                  /* denormal (or zero) */
        break;
    case 5:
        m = rnd64() >> 1, e = 1 + rnd(0x7ffe);          /* unnormal */
        break;
    case 6:
        m = rnd_mant(), e = 1 + rnd(0x7ffe);
        break;
    default:
        m = rnd_mant(), e = exps[rnd(G_N_ELEMENTS(exps))] + (int)rnd(5) - 2;
        break;
    }
    memcpy(out, &m, 8);
    x87_img_st16(out, 8, (uint16_t)(sign | e));
}

/* A random state (x87-exec.h) as FNSAVE would store it: control word with all
 * exceptions masked or, sometimes, some unmasked; no exception pending
 * (the helper raises #MF before the instruction then); tags consistent
 * with the contents, a few registers empty. */
static void rnd_state(uint8_t img[X87_IMG_SIZE])
{
    int top = rnd(8), empty_odds = 1 + rnd(6);
    uint16_t cw = (uint16_t)(0x1040 | rnd(4) << 8 | rnd(4) << 10 | 0x3f);
    uint16_t sw, tw = 0;

    if (rnd(4) == 0) {
        cw &= (uint16_t)~(1u << rnd(6));
    }
    sw = (uint16_t)((rnd(16) << 8 & 0x0700) | (rnd(2) << 14) | (rnd(64) & cw & 0x3f) |
                    top << 11);
    for (int i = 0; i < X87_IMG_SIZE; i++) {
        img[i] = (uint8_t)rnd(256);
    }
    for (int i = 0; i < 8; i++) {
        uint8_t *reg = img + X87_IMG_REGS + 10 * i;    /* R(i) */
        int tag;

        rnd_f80(reg);
        tag = rnd(empty_odds) == 0 ? 3 : x87_reg_tag(reg);
        tw |= (uint16_t)(tag << (2 * i));
    }
    /* FNSAVE stores the reserved bits of the opcode field as 0 and of
     * the FDS and control/status/tag fields as 1. */
    img[X87_IMG_FCS + 3] &= 0x07;
    x87_img_st16(img, X87_IMG_FDS + 2, 0xffff);
    x87_img_st32(img, X87_IMG_CW, 0xffff0000u | cw);
    x87_img_st32(img, X87_IMG_SW, 0xffff0000u | sw);
    x87_img_st32(img, X87_IMG_TW, 0xffff0000u | tw);
}

/* A memory operand: floats, doubles, integers and 80-bit values of every
 * class, in the first 10 bytes. */
static void rnd_mem(uint8_t mem[X87_IMG_SIZE])
{
    uint64_t v;

    for (int i = 0; i < X87_IMG_SIZE; i++) {
        mem[i] = (uint8_t)rnd(256);
    }
    switch (rnd(6)) {
    case 5:                         /* a control word as programs write them */
        x87_img_st16(mem, 0, (uint16_t)(0x0040 | rnd(2) << 12 | rnd(16) << 8 |
                                        (rnd(4) ? 0x3f : rnd(64))));
        break;
    case 0: {                       /* a single from a rounded 80-bit value */
        uint32_t s = (uint32_t)rnd(2) << 31 | (uint32_t)rnd(256) << 23 | (rnd64() & 0x7fffff);
        if (rnd(2)) {
            s &= 0xff800000u;       /* zero, infinity, power of two */
        }
        memcpy(mem, &s, 4);
        break;
    }
    case 1:
        v = (uint64_t)rnd(2) << 63 | (uint64_t)rnd(2048) << 52 | (rnd64() >> 12);
        if (rnd(3) == 0) {
            v = (v & 0x800fffffffffffffull) | (uint64_t)(1023 + rnd(64) - 32) << 52;
        }
        if (rnd(4) == 0) {
            v &= 0xfff0000000000000ull;
        }
        memcpy(mem, &v, 8);
        break;
    case 2:                         /* small or boundary integers */
        v = rnd(2) ? (uint64_t)(int64_t)((int)rnd(200) - 100) : rnd64() >> rnd(64);
        memcpy(mem, &v, 8);
        break;
    default:
        rnd_f80(mem);
        break;
    }
}

typedef struct Form {
    int op, modrm;
    int tried, fast;
} Form;

static GArray *forms;

static void add_form(int op, int modrm)
{
    Form f = { op, modrm, 0, 0 };
    g_array_append_val(forms, f);
}

/* The forms the fast path takes (x87-fast.c's header comment) */
static void list_forms(void)
{
    static const int mem_forms[][2] = {
        { 0xd9, 0 }, { 0xd9, 2 }, { 0xd9, 3 }, { 0xd9, 5 }, { 0xd9, 7 },
        { 0xdd, 0 }, { 0xdd, 2 }, { 0xdd, 3 }, { 0xdd, 7 },
        { 0xdb, 0 }, { 0xdb, 2 }, { 0xdb, 3 }, { 0xdb, 5 }, { 0xdb, 7 },
        { 0xdf, 0 }, { 0xdf, 2 }, { 0xdf, 3 }, { 0xdf, 5 }, { 0xdf, 7 },
    };

    forms = g_array_new(FALSE, FALSE, sizeof(Form));
    for (size_t i = 0; i < G_N_ELEMENTS(mem_forms); i++) {
        add_form(mem_forms[i][0], mem_forms[i][1] << 3 | (i & 1 ? 0x47 : 0x04));
    }
    for (int op = 0xd8; op <= 0xde; op += 2) {      /* D8, DA, DC, DE: /0../7 */
        for (int reg = 0; reg < 8; reg++) {
            add_form(op, reg << 3 | 0x80 | reg);
        }
    }
    for (int m = 0xc0; m < 0x100; m++) {
        add_form(0xd8, m);
        if (m < 0xd0 || m >= 0xe0) {
            add_form(0xdc, m);
        }
        if (m < 0xd0 || m >= 0xe0 || m == 0xd9) {
            add_form(0xde, m);
        }
        if (m < 0xd0 && m != 0xc7) {    /* FLD ST(7) always overflows */
            add_form(0xd9, m);
        }
        if (m >= 0xd0 && m < 0xf0) {
            add_form(0xdd, m);
        }
        if (m >= 0xe8 && m < 0xf8) {
            add_form(0xdb, m);
            add_form(0xdf, m);
        }
    }
    for (int m = 0xc0; m < 0xe0; m++) {      /* FCMOVcc */
        add_form(0xda, m);
        add_form(0xdb, m);
    }
    for (int m = 0xc0; m < 0xc8; m++) {      /* FFREE, FFREEP */
        add_form(0xdd, m);
        add_form(0xdf, m);
    }
    add_form(0xd9, 0xd0);
    add_form(0xd9, 0xe5);
    add_form(0xd9, 0xf6);
    add_form(0xd9, 0xf7);
    add_form(0xd9, 0xfc);
    add_form(0xd9, 0xe0);
    add_form(0xd9, 0xe1);
    add_form(0xd9, 0xe4);
    add_form(0xd9, 0xe8);
    add_form(0xd9, 0xee);
    add_form(0xd9, 0xfa);
    add_form(0xda, 0xe9);
}

static void dump(const char *what, const uint8_t *img, const uint8_t *mem, uint64_t fl, int sets)
{
    fprintf(stderr, "  %s: sets %d eflags %03x cw %04x sw %04x tw %04x\n   ", what, sets,
            (unsigned)(fl & 0x8d5), x87_img_ld16(img, 0), x87_img_ld16(img, 4),
            x87_img_ld16(img, 8));
    for (int r = 0; r < 8; r++) {
        fprintf(stderr, " ");
        for (int i = 9; i >= 0; i--) {
            fprintf(stderr, "%02x", img[X87_IMG_REGS + 10 * r + i]);
        }
    }
    fprintf(stderr, "\n    mem");
    for (int i = 0; i < 10; i++) {
        fprintf(stderr, " %02x", mem[i]);
    }
    fprintf(stderr, "\n");
}

/* The fast path's stores land in this buffer */
static void store_to(void *opaque, const uint8_t *data, int size)
{
    memcpy(opaque, data, size);
}

static bool pointers_lost(const uint8_t *img, int off, int len)
{
    static const uint8_t zero[8];

    return !memcmp(img + off, zero, len);
}

static bool run_case(Form *f)
{
    uint8_t in[X87_IMG_SIZE], fast[X87_IMG_SIZE] __attribute__((aligned(16)));
    uint8_t host[X87_IMG_SIZE] __attribute__((aligned(16)));
    uint8_t mem_in[X87_IMG_SIZE], mem_fast[X87_IMG_SIZE], mem_host[X87_IMG_SIZE];
    bool fcomi = (f->op == 0xdb || f->op == 0xdf) && f->modrm >= 0xe8 && f->modrm < 0xf8;
    bool fcmov = (f->op == 0xda || f->op == 0xdb) && f->modrm >= 0xc0 && f->modrm < 0xe0;
    /* FCMOVcc reads CF/PF/ZF: both runs get the same random ones; the
     * others get a sentinel the fast path must not touch unless FCOMI */
    uint64_t fl_in = fcmov ? (uint64_t)(rnd(2) | rnd(2) << 2 | rnd(2) << 6) : 0x8d5;
    uint64_t fl_fast = fl_in, fl_host = fcmov ? fl_in : 0;
    int sets_fast, sets_host;

    rnd_state(in);
    rnd_mem(mem_in);
    memcpy(fast, in, sizeof(in));
    memcpy(mem_fast, mem_in, sizeof(mem_in));
    f->tried++;
    sets_fast = x87_fast_exec(fast, f->op, f->modrm, mem_fast, &fl_fast, store_to, mem_fast);
    if (sets_fast == X87_DECLINED) {
        if (memcmp(fast, in, sizeof(in)) || memcmp(mem_fast, mem_in, sizeof(mem_in)) ||
            fl_fast != fl_in) {
            fprintf(stderr, "%02x %02x: declined after changing the state\n", f->op, f->modrm);
            return false;
        }
        return true;
    }
    f->fast++;
    memcpy(host, in, sizeof(in));
    memcpy(mem_host, mem_in, sizeof(mem_in));
    sets_host = x87_host_exec(host, f->op, f->modrm, 0, mem_host, &fl_host);
    /* On AMD processors the kernel's context switch keeps the pointers
     * only while an exception is pending (XSAVE's FXSAVE-format rule), so
     * a preemption between the host run's FRSTOR and FNSAVE zeroes them:
     * zero pointers say nothing, not even whether the instruction set them.
     * Otherwise compare only whether it sets them: their values are the
     * caller's business. */
    if (pointers_lost(host, X87_IMG_FIP, 8)) {
        sets_host |= sets_fast & X87_SETS_FIP;
        memset(fast + X87_IMG_FIP, 0, 8);
    } else if (sets_host & X87_SETS_FIP) {
        memset(host + X87_IMG_FIP, 0, 8);
        memset(fast + X87_IMG_FIP, 0, 8);
    }
    if (pointers_lost(host, X87_IMG_FDP, 6)) {
        sets_host |= sets_fast & X87_SETS_FDP;
        memset(fast + X87_IMG_FDP, 0, 6);
    } else if (sets_host & X87_SETS_FDP) {
        memset(host + X87_IMG_FDP, 0, 8);
        memset(fast + X87_IMG_FDP, 0, 8);
    }
    if (sets_fast != sets_host || memcmp(fast, host, sizeof(host)) ||
        memcmp(mem_fast, mem_host, 10) || (fcomi && (fl_fast & 0x8d5) != (fl_host & 0x8d5))) {
        fprintf(stderr, "%02x %02x: fast path differs from the host\n", f->op, f->modrm);
        dump("before", in, mem_in, 0, 0);
        dump("host", host, mem_host, fl_host, sets_host);
        dump("fast", fast, mem_fast, fl_fast, sets_fast);
        fprintf(stderr, "  image bytes differing:");
        for (int i = 0; i < X87_IMG_SIZE; i++) {
            if (fast[i] != host[i]) {
                fprintf(stderr, " %d (%02x, host %02x)", i, fast[i], host[i]);
            }
        }
        fprintf(stderr, "\n");
        return false;
    }
    return true;
}

static void test_against_host(void)
{
    int failures = 0;

    for (guint i = 0; i < forms->len; i++) {
        Form *f = &g_array_index(forms, Form, i);

        for (int n = 0; n < ITERATIONS_PER_FORM && failures < 10; n++) {
            failures += !run_case(f);
        }
    }
    g_assert_cmpint(failures, ==, 0);
}

/* Random states make many cases decline (empty registers, NaNs, unmasked
 * exceptions); still, each form must take the fast path often. */
static void test_coverage(void)
{
    int thin = 0;

    for (guint i = 0; i < forms->len; i++) {
        Form *f = &g_array_index(forms, Form, i);

        if (f->fast * 10 < f->tried) {
            fprintf(stderr, "%02x %02x: fast in only %d of %d cases\n", f->op, f->modrm,
                    f->fast, f->tried);
            thin++;
        }
    }
    g_assert_cmpint(thin, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    rng = g_rand_new_with_seed(86);
    list_forms();
    g_test_add_func("/x87-fast/against-host", test_against_host);
    g_test_add_func("/x87-fast/coverage", test_coverage);
    return g_test_run();
}
