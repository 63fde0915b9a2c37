/*
 * Shifts and rotates: SHL SHR SAR ROL ROR RCL RCR at 8/16/32 bits, by 1
 * (D0/D1), by imm8 (C0/C1, including the C1 /4 01 spelling of "by one"), by
 * CL with counts 0..33 and counts whose low five bits matter (0x20, 0x21,
 * 0x3f, 0xff), register and memory destinations; SHLD/SHRD 16/32 by imm and
 * CL, register and memory destinations.
 *
 * Undefined flags (SDM Vol. 2B, SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR,
 * SHLD, SHRD "Flags Affected"):
 *  - the count is masked to 5 bits; a masked count of 0 affects no flags;
 *  - SHL/SHR/SAR: AF undefined for a non-zero count; OF defined only for
 *    count 1; CF undefined for SHL and SHR when count >= operand size;
 *  - ROL/ROR/RCL/RCR: only CF and OF are affected; OF defined only for
 *    count 1 (RCL/RCR: a zero-bit rotate affects no flags);
 *  - SHLD/SHRD: AF undefined; OF defined only for count 1; if the count is
 *    greater than the operand size (16-bit forms, counts 17..31) the result
 *    and all flags are undefined: those cases print only "undef".
 */
#include "common.h"

typedef uint32_t (*sh_fn)(uint32_t a, uint32_t cnt, uint32_t fi, uint32_t *fo);
typedef uint32_t (*dsh_fn)(uint32_t a, uint32_t b, uint32_t cnt, uint32_t fi, uint32_t *fo);

#define PRE  "push %[fi]\n\tpopf\n\t"
#define POST "\n\tpushf\n\tpop %[fo]"

#define GEN_CL(op, s, T, m, c)                                                \
static uint32_t op##s##_cl(uint32_t a, uint32_t n, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    asm volatile(PRE #op #s " %%cl, %" m "[x]" POST                           \
                 : [x] "+" c(x), [fo] "=r"(fo) : "c"(n), [fi] "r"(fi) : "cc"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}                                                                             \
static uint32_t op##s##_mcl(uint32_t a, uint32_t n, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    asm volatile(PRE #op #s " %%cl, (%[p])" POST                              \
                 : [fo] "=r"(fo) : [p] "r"(&x), "c"(n), [fi] "r"(fi) : "cc", "memory"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
#define GEN_IMM(op, s, T, m, c, imm)                                          \
static uint32_t op##s##_i##imm(uint32_t a, uint32_t n, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    (void)n;                                                                  \
    asm volatile(PRE #op #s " $" #imm ", %" m "[x]" POST                      \
                 : [x] "+" c(x), [fo] "=r"(fo) : [fi] "r"(fi) : "cc");        \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
/* The D0/D1 "by one" forms (no immediate byte). */
#define GEN_ONE(op, s, T, m, c)                                               \
static uint32_t op##s##_one(uint32_t a, uint32_t n, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    (void)n;                                                                  \
    asm volatile(PRE #op #s " %" m "[x]" POST                                 \
                 : [x] "+" c(x), [fo] "=r"(fo) : [fi] "r"(fi) : "cc");        \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
/* C1 /r ib with ib = 1, on %eax (the assembler would pick D1). */
#define GEN_C1ONE(op, modrm)                                                  \
static uint32_t op##l_c1one(uint32_t a, uint32_t n, uint32_t fi, uint32_t *pf) \
{                                                                             \
    uint32_t x = a, fo;                                                       \
    (void)n;                                                                  \
    asm volatile(PRE ".byte 0xc1, " #modrm ", 0x01" POST                      \
                 : "+a"(x), [fo] "=r"(fo) : [fi] "r"(fi) : "cc");             \
    *pf = fo;                                                                 \
    return x;                                                                 \
}

#define GEN_SIZE(op, s, T, m, c)                                              \
    GEN_CL(op, s, T, m, c) GEN_ONE(op, s, T, m, c) GEN_IMM(op, s, T, m, c, 2)  \
    GEN_IMM(op, s, T, m, c, 8) GEN_IMM(op, s, T, m, c, 17) GEN_IMM(op, s, T, m, c, 31)
#define GEN_OP(op) GEN_SIZE(op, b, uint8_t, "b", "q") GEN_SIZE(op, w, uint16_t, "w", "r") \
    GEN_SIZE(op, l, uint32_t, "k", "r")
GEN_OP(shl) GEN_OP(shr) GEN_OP(sar) GEN_OP(rol) GEN_OP(ror) GEN_OP(rcl) GEN_OP(rcr)
/* ModRM 11 /r 000: rol=0 ror=1 rcl=2 rcr=3 shl=4 shr=5 sar=7, rm=eax */
GEN_C1ONE(rol, 0xc0) GEN_C1ONE(ror, 0xc8) GEN_C1ONE(rcl, 0xd0) GEN_C1ONE(rcr, 0xd8)
GEN_C1ONE(shl, 0xe0) GEN_C1ONE(shr, 0xe8) GEN_C1ONE(sar, 0xf8)

#define GEN_DSH(op, s, T, m)                                                  \
static uint32_t op##s##_cl(uint32_t a, uint32_t b, uint32_t n, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a, y = b;                                                           \
    uint32_t fo;                                                              \
    asm volatile(PRE #op #s " %%cl, %" m "[y], %" m "[x]" POST                \
                 : [x] "+r"(x), [fo] "=r"(fo) : [y] "r"(y), "c"(n), [fi] "r"(fi) : "cc"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}                                                                             \
static uint32_t op##s##_mcl(uint32_t a, uint32_t b, uint32_t n, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a, y = b;                                                           \
    uint32_t fo;                                                              \
    asm volatile(PRE #op #s " %%cl, %" m "[y], (%[p])" POST                   \
                 : [fo] "=r"(fo) : [y] "r"(y), [p] "r"(&x), "c"(n), [fi] "r"(fi) \
                 : "cc", "memory");                                           \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
#define GEN_DSHI(op, s, T, m, imm)                                            \
static uint32_t op##s##_i##imm(uint32_t a, uint32_t b, uint32_t n, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a, y = b;                                                           \
    uint32_t fo;                                                              \
    (void)n;                                                                  \
    asm volatile(PRE #op #s " $" #imm ", %" m "[y], %" m "[x]" POST           \
                 : [x] "+r"(x), [fo] "=r"(fo) : [y] "r"(y), [fi] "r"(fi) : "cc"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
GEN_DSH(shld, w, uint16_t, "w") GEN_DSH(shld, l, uint32_t, "k")
GEN_DSH(shrd, w, uint16_t, "w") GEN_DSH(shrd, l, uint32_t, "k")
GEN_DSHI(shld, w, uint16_t, "w", 1) GEN_DSHI(shld, w, uint16_t, "w", 4)
GEN_DSHI(shld, w, uint16_t, "w", 16) GEN_DSHI(shld, l, uint32_t, "k", 1)
GEN_DSHI(shld, l, uint32_t, "k", 13) GEN_DSHI(shld, l, uint32_t, "k", 31)
GEN_DSHI(shrd, w, uint16_t, "w", 1) GEN_DSHI(shrd, w, uint16_t, "w", 4)
GEN_DSHI(shrd, w, uint16_t, "w", 16) GEN_DSHI(shrd, l, uint32_t, "k", 1)
GEN_DSHI(shrd, l, uint32_t, "k", 13) GEN_DSHI(shrd, l, uint32_t, "k", 31)

enum { SHL, SHR, SAR, ROL, ROR, RCL, RCR };

static uint32_t shift_mask(int op, int bits, uint32_t count)
{
    uint32_t c = count & 31, m = F_STATUS;
    if (c == 0) {
        return m;
    }
    if (op <= SAR) {
        m &= ~F_AF;
        if (op != SAR && c >= (uint32_t)bits) {
            m &= ~F_CF;
        }
    }
    if (c != 1) {
        m &= ~F_OF;
    }
    return m;
}

struct shop {
    const char *name;
    int op;
    sh_fn cl[3], mcl[3], one[3], i2[3], i8[3], i17[3], i31[3], c1one;
};
#define SH(op, id) { #op, id, { op##b_cl, op##w_cl, op##l_cl }, { op##b_mcl, op##w_mcl, op##l_mcl }, \
    { op##b_one, op##w_one, op##l_one }, { op##b_i2, op##w_i2, op##l_i2 },                       \
    { op##b_i8, op##w_i8, op##l_i8 }, { op##b_i17, op##w_i17, op##l_i17 },                       \
    { op##b_i31, op##w_i31, op##l_i31 }, op##l_c1one }
static const struct shop shops[] = {
    SH(shl, SHL), SH(shr, SHR), SH(sar, SAR), SH(rol, ROL), SH(ror, ROR), SH(rcl, RCL), SH(rcr, RCR),
};

static const uint32_t counts[] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18,
    19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 0x3f, 0xff, 0x101,
};
#define NCOUNTS (sizeof(counts) / sizeof(counts[0]))
static const char sfx[3] = { 'b', 'w', 'l' };
static const int bits_of[3] = { 8, 16, 32 };
/* Values for the shift sweeps: a subset of the common tables. */
static const int vidx[] = { 1, 7, 9, 10, 12, 13, 15 };

static void one(const char *name, char s, const char *form, sh_fn f, uint32_t a, uint32_t cnt,
                int op, int bits)
{
    for (int k = 0; k < 2; k++) {
        uint32_t fo;
        uint32_t r = f(a, cnt, flags_in[k], &fo);
        printf("%s%c.%s %x %x %d -> %x %03x\n", name, s, form, a, cnt, k, r,
               fo & shift_mask(op, bits, cnt));
    }
}

static void run_shifts(void)
{
    for (size_t o = 0; o < sizeof(shops) / sizeof(shops[0]); o++) {
        const struct shop *sp = &shops[o];
        for (int sz = 0; sz < 3; sz++) {
            const uint32_t *v = vals_for(bits_of[sz]);
            int b = bits_of[sz];
            for (size_t i = 0; i < sizeof(vidx) / sizeof(vidx[0]); i++) {
                uint32_t a = v[vidx[i]];
                for (size_t c = 0; c < NCOUNTS; c++) {
                    one(sp->name, sfx[sz], "cl", sp->cl[sz], a, counts[c], sp->op, b);
                }
                for (size_t c = 0; c < NCOUNTS; c += 3) {
                    one(sp->name, sfx[sz], "mcl", sp->mcl[sz], a, counts[c], sp->op, b);
                }
                one(sp->name, sfx[sz], "one", sp->one[sz], a, 1, sp->op, b);
                one(sp->name, sfx[sz], "i2", sp->i2[sz], a, 2, sp->op, b);
                one(sp->name, sfx[sz], "i8", sp->i8[sz], a, 8, sp->op, b);
                one(sp->name, sfx[sz], "i17", sp->i17[sz], a, 17, sp->op, b);
                one(sp->name, sfx[sz], "i31", sp->i31[sz], a, 31, sp->op, b);
                if (sz == 2) {
                    one(sp->name, 'l', "c1one", sp->c1one, a, 1, sp->op, b);
                }
            }
        }
    }
}

static void done(const char *name, const char *form, dsh_fn f, int bits, uint32_t a, uint32_t b,
                 uint32_t cnt)
{
    uint32_t c = cnt & 31;
    for (int k = 0; k < 2; k++) {
        uint32_t fo, m = F_STATUS;
        if (bits == 16 && c > 16) {
            printf("%s.%s %x %x %x %d -> undef\n", name, form, a, b, cnt, k);
            continue;
        }
        uint32_t r = f(a, b, cnt, flags_in[k], &fo);
        if (c != 0) {
            m &= ~F_AF;
            if (c != 1) {
                m &= ~F_OF;
            }
        }
        printf("%s.%s %x %x %x %d -> %x %03x\n", name, form, a, b, cnt, k, r, fo & m);
    }
}

static void run_double(void)
{
    static const int ai[] = { 1, 6, 9, 10, 12, 15 };
    static const int bi[] = { 0, 11, 13 };
    struct {
        const char *name;
        int bits;
        dsh_fn cl, mcl, i1, i4, ibig;
        uint32_t big;
    } d[] = {
        { "shldw", 16, shldw_cl, shldw_mcl, shldw_i1, shldw_i4, shldw_i16, 16 },
        { "shldl", 32, shldl_cl, shldl_mcl, shldl_i1, shldl_i13, shldl_i31, 31 },
        { "shrdw", 16, shrdw_cl, shrdw_mcl, shrdw_i1, shrdw_i4, shrdw_i16, 16 },
        { "shrdl", 32, shrdl_cl, shrdl_mcl, shrdl_i1, shrdl_i13, shrdl_i31, 31 },
    };
    for (size_t o = 0; o < 4; o++) {
        const uint32_t *v = vals_for(d[o].bits);
        for (size_t i = 0; i < sizeof(ai) / sizeof(ai[0]); i++) {
            for (size_t j = 0; j < sizeof(bi) / sizeof(bi[0]); j++) {
                uint32_t a = v[ai[i]], b = v[bi[j]];
                for (size_t c = 0; c < NCOUNTS; c++) {
                    done(d[o].name, "cl", d[o].cl, d[o].bits, a, b, counts[c]);
                }
                for (size_t c = 0; c < NCOUNTS; c += 4) {
                    done(d[o].name, "mcl", d[o].mcl, d[o].bits, a, b, counts[c]);
                }
                done(d[o].name, "i1", d[o].i1, d[o].bits, a, b, 1);
                done(d[o].name, "imid", d[o].i4, d[o].bits, a, b, d[o].bits == 16 ? 4 : 13);
                done(d[o].name, "ibig", d[o].ibig, d[o].bits, a, b, d[o].big);
            }
        }
    }
}

int main(void)
{
    setup_stdout();
    run_shifts();
    run_double();
    return 0;
}
