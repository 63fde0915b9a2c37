/*
 * Bit instructions: BT BTS BTR BTC (reg,reg and reg,imm at 16/32 bits; mem,reg
 * with bit offsets far outside the addressed word in both directions; mem,imm;
 * LOCK mem forms), BSF BSR (16/32, reg and mem), BSWAP.
 *
 * Flags (SDM Vol. 2A BT/BTS/BTR/BTC): CF = the selected bit; ZF unaffected;
 * OF, SF, AF, PF undefined.  The register and immediate forms take the bit
 * offset modulo the operand size; the memory,register form uses the full
 * signed offset (SDM Vol. 2A BT, "bit base + offset": -2^31..2^31-1 for
 * 32-bit, -2^15..2^15-1 for 16-bit operands).
 * BSF/BSR (SDM Vol. 2A): ZF = source is zero; CF, OF, SF, AF, PF undefined;
 * the destination is undefined when the source is zero (not printed).
 * BSWAP of a 16-bit register is undefined (not tested).
 */
#include "common.h"

#define PRE  "push %[fi]\n\tpopf\n\t"
#define POST "\n\tpushf\n\tpop %[fo]"
#define BTMASK (F_CF | F_ZF)

#define GEN_BT(op)                                                            \
static uint32_t op##w_rr(uint32_t a, uint32_t n, uint32_t fi, uint32_t *pf)   \
{                                                                             \
    uint16_t x = a;                                                           \
    uint32_t fo;                                                              \
    asm volatile(PRE #op "w %w[n], %w[x]" POST : [x] "+r"(x), [fo] "=r"(fo)   \
                 : [n] "r"(n), [fi] "r"(fi) : "cc");                          \
    *pf = fo;                                                                 \
    return x;                                                                 \
}                                                                             \
static uint32_t op##l_rr(uint32_t a, uint32_t n, uint32_t fi, uint32_t *pf)   \
{                                                                             \
    uint32_t x = a, fo;                                                       \
    asm volatile(PRE #op "l %[n], %[x]" POST : [x] "+r"(x), [fo] "=r"(fo)     \
                 : [n] "r"(n), [fi] "r"(fi) : "cc");                          \
    *pf = fo;                                                                 \
    return x;                                                                 \
}                                                                             \
static uint32_t op##w_mr(void *p, uint32_t n, uint32_t fi)                    \
{                                                                             \
    uint32_t fo;                                                              \
    asm volatile(PRE #op "w %w[n], (%[p])" POST : [fo] "=r"(fo)               \
                 : [n] "r"(n), [p] "r"(p), [fi] "r"(fi) : "cc", "memory");    \
    return fo;                                                                \
}                                                                             \
static uint32_t op##l_mr(void *p, uint32_t n, uint32_t fi)                    \
{                                                                             \
    uint32_t fo;                                                              \
    asm volatile(PRE #op "l %[n], (%[p])" POST : [fo] "=r"(fo)                \
                 : [n] "r"(n), [p] "r"(p), [fi] "r"(fi) : "cc", "memory");    \
    return fo;                                                                \
}                                                                             \
static uint32_t op##w_i(uint32_t a, uint32_t fi, uint32_t *pf)                \
{                                                                             \
    uint16_t x = a;                                                           \
    uint32_t fo, r = 0;                                                       \
    asm volatile(PRE #op "w $3, %w[x]" POST : [x] "+r"(x), [fo] "=r"(fo)      \
                 : [fi] "r"(fi) : "cc");                                      \
    r = fo & BTMASK;                                                          \
    asm volatile(PRE #op "w $15, %w[x]" POST : [x] "+r"(x), [fo] "=r"(fo)     \
                 : [fi] "r"(fi) : "cc");                                      \
    r |= (fo & BTMASK) << 12;                                                 \
    asm volatile(PRE #op "w $0x13, %w[x]" POST : [x] "+r"(x), [fo] "=r"(fo)   \
                 : [fi] "r"(fi) : "cc");                                      \
    r |= (fo & BTMASK) << 20;                                                 \
    *pf = r;                                                                  \
    return x;                                                                 \
}                                                                             \
static uint32_t op##l_i(uint32_t a, uint32_t fi, uint32_t *pf)                \
{                                                                             \
    uint32_t x = a, fo, r = 0;                                                \
    asm volatile(PRE #op "l $0, %[x]" POST : [x] "+r"(x), [fo] "=r"(fo)       \
                 : [fi] "r"(fi) : "cc");                                      \
    r = fo & BTMASK;                                                          \
    asm volatile(PRE #op "l $31, %[x]" POST : [x] "+r"(x), [fo] "=r"(fo)      \
                 : [fi] "r"(fi) : "cc");                                      \
    r |= (fo & BTMASK) << 12;                                                 \
    asm volatile(PRE #op "l $0x45, %[x]" POST : [x] "+r"(x), [fo] "=r"(fo)    \
                 : [fi] "r"(fi) : "cc");                                      \
    r |= (fo & BTMASK) << 20;                                                 \
    *pf = r;                                                                  \
    return x;                                                                 \
}                                                                             \
static uint32_t op##l_mi(void *p, uint32_t fi)                                \
{                                                                             \
    uint32_t fo, r;                                                           \
    asm volatile(PRE #op "l $5, (%[p])" POST : [fo] "=r"(fo)                  \
                 : [p] "r"(p), [fi] "r"(fi) : "cc", "memory");                \
    r = fo & BTMASK;                                                          \
    asm volatile(PRE #op "l $0x3e, (%[p])" POST : [fo] "=r"(fo)               \
                 : [p] "r"(p), [fi] "r"(fi) : "cc", "memory");                \
    r |= (fo & BTMASK) << 12;                                                 \
    asm volatile(PRE #op "w $0x1d, (%[p])" POST : [fo] "=r"(fo)               \
                 : [p] "r"(p), [fi] "r"(fi) : "cc", "memory");                \
    return r | (fo & BTMASK) << 20;                                           \
}

GEN_BT(bt) GEN_BT(bts) GEN_BT(btr) GEN_BT(btc)

#define GEN_LOCKBT(op)                                                        \
static uint32_t op##_lock(void *p, uint32_t n, uint32_t fi)                   \
{                                                                             \
    uint32_t fo;                                                              \
    asm volatile(PRE "lock; " #op "l %[n], (%[p])" POST : [fo] "=r"(fo)       \
                 : [n] "r"(n), [p] "r"(p), [fi] "r"(fi) : "cc", "memory");    \
    return fo;                                                                \
}
GEN_LOCKBT(bts) GEN_LOCKBT(btr) GEN_LOCKBT(btc)

static uint8_t area[1024];

static void fill_area(void)
{
    for (size_t i = 0; i < sizeof(area); i++) {
        area[i] = (uint8_t)(i * 0x9d + 0x3b);
    }
}

static void run_bt(void)
{
    struct {
        const char *name;
        uint32_t (*rrw)(uint32_t, uint32_t, uint32_t, uint32_t *);
        uint32_t (*rrl)(uint32_t, uint32_t, uint32_t, uint32_t *);
        uint32_t (*mrw)(void *, uint32_t, uint32_t);
        uint32_t (*mrl)(void *, uint32_t, uint32_t);
        uint32_t (*iw)(uint32_t, uint32_t, uint32_t *);
        uint32_t (*il)(uint32_t, uint32_t, uint32_t *);
        uint32_t (*mil)(void *, uint32_t);
        uint32_t (*lock)(void *, uint32_t, uint32_t);
    } t[] = {
        { "bt", btw_rr, btl_rr, btw_mr, btl_mr, btw_i, btl_i, btl_mi, NULL },
        { "bts", btsw_rr, btsl_rr, btsw_mr, btsl_mr, btsw_i, btsl_i, btsl_mi, bts_lock },
        { "btr", btrw_rr, btrl_rr, btrw_mr, btrl_mr, btrw_i, btrl_i, btrl_mi, btr_lock },
        { "btc", btcw_rr, btcl_rr, btcw_mr, btcl_mr, btcw_i, btcl_i, btcl_mi, btc_lock },
    };
    static const uint32_t offs[] = {
        0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 100, 1000, 2047, 4000,
        (uint32_t)-1, (uint32_t)-8, (uint32_t)-9, (uint32_t)-16, (uint32_t)-17,
        (uint32_t)-33, (uint32_t)-100, (uint32_t)-1000, (uint32_t)-4000,
    };
    for (size_t o = 0; o < 4; o++) {
        for (int i = 0; i < NVALS; i += 3) {
            for (size_t n = 0; n < sizeof(offs) / sizeof(offs[0]); n++) {
                for (int k = 0; k < 2; k++) {
                    uint32_t fw, fl;
                    uint32_t rw = t[o].rrw(vals16[i], offs[n], flags_in[k], &fw);
                    uint32_t rl = t[o].rrl(vals32[i], offs[n], flags_in[k], &fl);
                    printf("%s.rr %x %x %x %d -> %x %03x %x %03x\n", t[o].name, vals16[i],
                           vals32[i], offs[n], k, rw, fw & BTMASK, rl, fl & BTMASK);
                }
            }
            for (int k = 0; k < 2; k++) {
                uint32_t fw, fl;
                uint32_t rw = t[o].iw(vals16[i], flags_in[k], &fw);
                uint32_t rl = t[o].il(vals32[i], flags_in[k], &fl);
                printf("%s.i %x %x %d -> %x %x %x %x\n", t[o].name, vals16[i], vals32[i], k, rw,
                       fw, rl, fl);
            }
        }
        /* Memory forms: the base is the middle of area, offsets reach
         * 500 bytes either way. */
        fill_area();
        uint8_t *mid = area + 512;
        for (size_t n = 0; n < sizeof(offs) / sizeof(offs[0]); n++) {
            uint32_t off = offs[n];
            for (int k = 0; k < 2; k++) {
                uint32_t fw = t[o].mrw(mid, off, flags_in[k]);
                uint32_t fl = t[o].mrl(mid, off, flags_in[k]);
                uint32_t fx = t[o].lock ? t[o].lock(mid, off ^ 5, flags_in[k]) : 0;
                printf("%s.mr %x %d -> %03x %03x %03x %08x\n", t[o].name, off, k, fw & BTMASK,
                       fl & BTMASK, fx & BTMASK, fnv1a(area, sizeof(area)));
            }
        }
        for (int k = 0; k < 2; k++) {
            uint32_t f = t[o].mil(mid, flags_in[k]);
            printf("%s.mi %d -> %x %08x\n", t[o].name, k, f, fnv1a(area, sizeof(area)));
        }
    }
}

static void run_bsf(void)
{
    static const uint32_t v[] = {
        0, 1, 2, 0x80, 0x8000, 0x10000, 0x80000000, 0x00f000f0, 0xffffffff, 0x12345678,
        0x00010000, 0x0000ff00, 0x40000001,
    };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        for (int k = 0; k < 2; k++) {
            uint32_t r[4], f[4], m32 = v[i];
            uint16_t r16a = 0x5555, r16b = 0x5555, m16 = v[i];
            r[2] = r[3] = 0x5555aaaa;
            asm volatile(PRE "bsfw %w[s], %w[d]" POST : [d] "+r"(r16a), [fo] "=r"(f[0])
                         : [s] "r"(v[i]), [fi] "r"(flags_in[k]) : "cc");
            asm volatile(PRE "bsrw (%[p]), %w[d]" POST : [d] "+r"(r16b), [fo] "=r"(f[1])
                         : [p] "r"(&m16), [fi] "r"(flags_in[k]) : "cc", "memory");
            asm volatile(PRE "bsfl (%[p]), %[d]" POST : [d] "+r"(r[2]), [fo] "=r"(f[2])
                         : [p] "r"(&m32), [fi] "r"(flags_in[k]) : "cc", "memory");
            asm volatile(PRE "bsrl %[s], %[d]" POST : [d] "+r"(r[3]), [fo] "=r"(f[3])
                         : [s] "r"(v[i]), [fi] "r"(flags_in[k]) : "cc");
            r[0] = r16a;
            r[1] = r16b;
            printf("bsf/bsr %x %d ->", v[i], k);
            for (int j = 0; j < 4; j++) {
                int zero = j < 2 ? (v[i] & 0xffff) == 0 : v[i] == 0;
                if (zero) {
                    printf(" undef/%03x", f[j] & F_ZF);
                } else {
                    printf(" %x/%03x", r[j], f[j] & F_ZF);
                }
            }
            printf("\n");
        }
        uint32_t x = v[i], y = v[i] ^ 0x13572468;
        asm("bswap %0" : "+r"(x));
        asm("bswap %0" : "+a"(y));
        printf("bswap %x -> %x %x\n", v[i], x, y);
    }
}

int main(void)
{
    setup_stdout();
    run_bt();
    run_bsf();
    return 0;
}
