/*
 * String instructions: MOVS STOS LODS SCAS CMPS at 8/16/32 bits, without a
 * prefix, with REP/REPE and with REPNE (SCAS/CMPS), with DF=0 and DF=1, for
 * counts 0, 1, 3, 17 and 40, on separate and on overlapping buffers (REP MOVS
 * with the destination one element above the source must replicate element
 * by element, SDM Vol. 2B MOVS: each iteration moves one element).  Prints
 * the final ESI/EDI (as offsets), ECX, EAX, flags and hashes of the buffers.
 *
 * All flags printed are defined: MOVS/STOS/LODS affect none, SCAS/CMPS set
 * them like CMP (SDM Vol. 2B), and a REP with ECX=0 executes no iteration
 * and leaves them unchanged.
 */
#include "common.h"

struct sregs {
    uint32_t si, di, cx, ax, f;
};

typedef void (*str_fn)(struct sregs *r, uint32_t fi);

#define GEN_STR(name, insn)                                                   \
static void name(struct sregs *r, uint32_t fi)                                \
{                                                                             \
    uint32_t si = r->si, di = r->di, cx = r->cx, ax = r->ax, fo;              \
    asm volatile("push %[fi]\n\tpopf\n\t" insn "\n\tpushf\n\tpop %[fo]\n\tcld" \
                 : "+S"(si), "+D"(di), "+c"(cx), "+a"(ax), [fo] "=r"(fo)     \
                 : [fi] "r"(fi) : "cc", "memory");                            \
    r->si = si; r->di = di; r->cx = cx; r->ax = ax; r->f = fo;               \
}
#define GEN_SIZES(op, pfx, id)                                                \
    GEN_STR(op##b_##id, pfx #op "b") GEN_STR(op##w_##id, pfx #op "w")          \
    GEN_STR(op##l_##id, pfx #op "l")
GEN_SIZES(movs, "", n) GEN_SIZES(movs, "rep ", rep)
GEN_SIZES(stos, "", n) GEN_SIZES(stos, "rep ", rep)
GEN_SIZES(lods, "", n) GEN_SIZES(lods, "rep ", rep)
GEN_SIZES(scas, "", n) GEN_SIZES(scas, "repe ", rep) GEN_SIZES(scas, "repne ", repne)
GEN_SIZES(cmps, "", n) GEN_SIZES(cmps, "repe ", rep) GEN_SIZES(cmps, "repne ", repne)

#define ROW(op, id) { #op "." #id, { op##b_##id, op##w_##id, op##l_##id } }
static const struct {
    const char *name;
    str_fn f[3];
} ops[] = {
    ROW(movs, n), ROW(movs, rep), ROW(stos, n), ROW(stos, rep), ROW(lods, n),
    ROW(lods, rep), ROW(scas, n), ROW(scas, rep), ROW(scas, repne), ROW(cmps, n),
    ROW(cmps, rep), ROW(cmps, repne),
};

static uint8_t bufa[512], bufb[512];

/* Buffers: bufb is a copy of bufa except for every 7th byte, so REPE CMPS
 * stops early and REPNE CMPS runs a while; bytes 0x3c recur so SCAS finds
 * them. */
static void fill(void)
{
    for (int i = 0; i < 512; i++) {
        bufa[i] = (uint8_t)(i * 7 + (i >> 3));
        if (i % 11 == 5) {
            bufa[i] = 0x3c;
        }
        bufb[i] = bufa[i];
        if (i % 7 == 3) {
            bufb[i] ^= 0x40;
        }
    }
}

int main(void)
{
    static const uint32_t counts[] = { 0, 1, 3, 17, 40 };
    static const char sz[3] = { 'b', 'w', 'l' };
    setup_stdout();
    for (size_t o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (int s = 0; s < 3; s++) {
            for (int df = 0; df < 2; df++) {
                for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
                    for (int mode = 0; mode < 3; mode++) {
                        /* mode 0: ESI in bufa, EDI in bufb; mode 1: EDI in
                         * bufa one element past ESI (overlap); mode 2: EAX
                         * chosen to match an element (SCAS) */
                        struct sregs r;
                        uint32_t fi = F_BASE | (df ? F_DF : 0) | ((c & 1) ? F_STATUS : 0);
                        uint32_t start = df ? 256 : 128;
                        int esz = 1 << s;
                        fill();
                        r.si = (uint32_t)(uintptr_t)(bufa + start);
                        r.di = mode == 1 ? r.si + (df ? -esz : esz)
                                         : (uint32_t)(uintptr_t)(bufb + start);
                        r.cx = counts[c];
                        r.ax = mode == 2 ? 0x3c3c3c3c : 0x11223344;
                        if (mode == 2) {
                            /* make EAX equal to the element at start+5*esz */
                            memcpy(&r.ax, bufb + start + (df ? -5 : 5) * esz, esz);
                        }
                        ops[o].f[s](&r, fi);
                        printf("%s%c df%d n%u m%d -> si%+d di%+d cx%x ax%x f%03x %08x %08x\n",
                               ops[o].name, sz[s], df, counts[c], mode,
                               (int)(r.si - (uint32_t)(uintptr_t)bufa),
                               (int)(r.di - (uint32_t)(uintptr_t)(mode == 1 ? bufa : bufb)),
                               r.cx, r.ax, r.f & (F_STATUS | F_DF), fnv1a(bufa, 512),
                               fnv1a(bufb, 512));
                    }
                }
            }
        }
    }
    return 0;
}
