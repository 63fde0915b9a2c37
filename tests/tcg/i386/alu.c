/*
 * ALU instructions: ADD ADC SUB SBB AND OR XOR CMP TEST at 8/16/32 bits in
 * every operand form (reg,reg  reg,mem  mem,reg  LOCK mem,reg  acc,imm
 * reg,imm with imm8 sign-extended and full immediates), and INC DEC NEG NOT
 * (reg, mem, LOCK mem).  Each case runs from two input flag states (all
 * status flags clear / all set) and prints the result and the output flags.
 *
 * Undefined flags: AND/OR/XOR/TEST leave AF undefined (SDM Vol. 2A/2B, the
 * "Flags Affected" section of each instruction); everything else here is
 * fully defined.  INC/DEC preserve CF and NOT affects no flags, which the two
 * input states check.
 */
#include "common.h"

typedef uint32_t (*alu_fn)(uint32_t a, uint32_t b, uint32_t fi, uint32_t *fo);

#define PRE  "push %[fi]\n\tpopf\n\t"
#define POST "\n\tpushf\n\tpop %[fo]"

/* reg,reg */
#define GEN_RR(op, s, T, m, c)                                                \
static uint32_t op##s##_rr(uint32_t a, uint32_t b, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a, y = b;                                                           \
    uint32_t fo;                                                              \
    asm volatile(PRE #op #s " %" m "[y], %" m "[x]" POST                      \
                 : [x] "+" c(x), [fo] "=r"(fo) : [y] c(y), [fi] "r"(fi) : "cc"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
/* reg,mem (source operand in memory) */
#define GEN_RM(op, s, T, m, c)                                                \
static uint32_t op##s##_rm(uint32_t a, uint32_t b, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a, y = b;                                                           \
    uint32_t fo;                                                              \
    asm volatile(PRE #op #s " (%[p]), %" m "[x]" POST                         \
                 : [x] "+" c(x), [fo] "=r"(fo) : [p] "r"(&y), [fi] "r"(fi)    \
                 : "cc", "memory");                                           \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
/* mem,reg (destination in memory); pfx is "" or "lock; " */
#define GEN_MR(op, s, T, m, c, name, pfx)                                     \
static uint32_t op##s##_##name(uint32_t a, uint32_t b, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a, y = b;                                                           \
    uint32_t fo;                                                              \
    asm volatile(PRE pfx #op #s " %" m "[y], (%[p])" POST                     \
                 : [fo] "=r"(fo) : [y] c(y), [p] "r"(&x), [fi] "r"(fi)        \
                 : "cc", "memory");                                           \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
/* reg,imm; c selects the register: "a" for the accumulator short forms */
#define GEN_RI(op, s, T, m, c, name, imm)                                     \
static uint32_t op##s##_##name(uint32_t a, uint32_t b, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    (void)b;                                                                  \
    asm volatile(PRE #op #s " $" #imm ", %" m "[x]" POST                      \
                 : [x] "+" c(x), [fo] "=r"(fo) : [fi] "r"(fi) : "cc");        \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
/* mem,imm */
#define GEN_MI(op, s, T, name, imm)                                           \
static uint32_t op##s##_##name(uint32_t a, uint32_t b, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    (void)b;                                                                  \
    asm volatile(PRE #op #s " $" #imm ", (%[p])" POST                         \
                 : [fo] "=r"(fo) : [p] "r"(&x), [fi] "r"(fi) : "cc", "memory"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}
/* unary reg / mem / lock mem */
#define GEN_UN(op, s, T, m, c)                                                \
static uint32_t op##s##_r(uint32_t a, uint32_t b, uint32_t fi, uint32_t *pf)  \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    (void)b;                                                                  \
    asm volatile(PRE #op #s " %" m "[x]" POST                                 \
                 : [x] "+" c(x), [fo] "=r"(fo) : [fi] "r"(fi) : "cc");        \
    *pf = fo;                                                                 \
    return x;                                                                 \
}                                                                             \
static uint32_t op##s##_m(uint32_t a, uint32_t b, uint32_t fi, uint32_t *pf)  \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    (void)b;                                                                  \
    asm volatile(PRE #op #s " (%[p])" POST                                    \
                 : [fo] "=r"(fo) : [p] "r"(&x), [fi] "r"(fi) : "cc", "memory"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}                                                                             \
static uint32_t op##s##_lock(uint32_t a, uint32_t b, uint32_t fi, uint32_t *pf) \
{                                                                             \
    T x = a;                                                                  \
    uint32_t fo;                                                              \
    (void)b;                                                                  \
    asm volatile(PRE "lock; " #op #s " (%[p])" POST                           \
                 : [fo] "=r"(fo) : [p] "r"(&x), [fi] "r"(fi) : "cc", "memory"); \
    *pf = fo;                                                                 \
    return x;                                                                 \
}

/* Immediates: imm8 forms (0x83: sign-extended, so 0x7f, -1, -128) and full
 * immediates.  8-bit ops take the low byte. */
#define GEN_IMMS(op, s, T, m, c, big)                                         \
    GEN_RI(op, s, T, m, "a", ai1, 1)  GEN_RI(op, s, T, m, "a", ai7f, 0x7f)    \
    GEN_RI(op, s, T, m, "a", aim1, -1) GEN_RI(op, s, T, m, "a", aibig, big)   \
    GEN_RI(op, s, T, m, "d", ri1, 1)  GEN_RI(op, s, T, m, "d", ri80, -128)    \
    GEN_RI(op, s, T, m, "d", rim1, -1) GEN_RI(op, s, T, m, "d", ribig, big)   \
    GEN_MI(op, s, T, mi80, -128) GEN_MI(op, s, T, mibig, big)

#define GEN_ALL_SIZES(op)                                                     \
    GEN_RR(op, b, uint8_t, "b", "q") GEN_RR(op, w, uint16_t, "w", "r")        \
    GEN_RR(op, l, uint32_t, "k", "r")                                         \
    GEN_RM(op, b, uint8_t, "b", "q") GEN_RM(op, w, uint16_t, "w", "r")        \
    GEN_RM(op, l, uint32_t, "k", "r")                                         \
    GEN_MR(op, b, uint8_t, "b", "q", mr, "") GEN_MR(op, w, uint16_t, "w", "r", mr, "") \
    GEN_MR(op, l, uint32_t, "k", "r", mr, "")                                 \
    GEN_IMMS(op, b, uint8_t, "b", "q", 0xc3)                                  \
    GEN_IMMS(op, w, uint16_t, "w", "r", 0x8765)                               \
    GEN_IMMS(op, l, uint32_t, "k", "r", 0x87654321)

#define GEN_LOCK(op)                                                          \
    GEN_MR(op, b, uint8_t, "b", "q", lock, "lock; ")                          \
    GEN_MR(op, w, uint16_t, "w", "r", lock, "lock; ")                         \
    GEN_MR(op, l, uint32_t, "k", "r", lock, "lock; ")

#define FOR_BINOPS(X) X(add) X(adc) X(sub) X(sbb) X(and) X(or) X(xor) X(cmp) X(test)
#define FOR_LOCKOPS(X) X(add) X(adc) X(sub) X(sbb) X(and) X(or) X(xor)
#define FOR_UNOPS(X) X(inc) X(dec) X(neg) X(not)

FOR_BINOPS(GEN_ALL_SIZES)
FOR_LOCKOPS(GEN_LOCK)
#define GEN_UN_ALL(op) GEN_UN(op, b, uint8_t, "b", "q") GEN_UN(op, w, uint16_t, "w", "r") \
    GEN_UN(op, l, uint32_t, "k", "r")
FOR_UNOPS(GEN_UN_ALL)

/* TEST has no reg,mem encoding distinct from mem,reg and no imm8 form, but
 * the assembler accepts the spellings above and encodes 84/85 and F6/F7/A8/A9,
 * which is what we want to run anyway. */

struct binop {
    const char *name;
    int logical;           /* AF undefined */
    alu_fn f[3][14];       /* [size][form] */
};

static const char *const form_names[14] = {
    "rr", "rm", "mr", "ai1", "ai7f", "aim1", "aibig", "ri1", "ri80", "rim1",
    "ribig", "mi80", "mibig", "lock",
};
static const uint32_t form_imm[3][14] = {
    { 0, 0, 0, 1, 0x7f, 0xff, 0xc3, 1, 0x80, 0xff, 0xc3, 0x80, 0xc3, 0 },
    { 0, 0, 0, 1, 0x7f, 0xffff, 0x8765, 1, 0xff80, 0xffff, 0x8765, 0xff80, 0x8765, 0 },
    { 0, 0, 0, 1, 0x7f, 0xffffffff, 0x87654321, 1, 0xffffff80, 0xffffffff,
      0x87654321, 0xffffff80, 0x87654321, 0 },
};

#define FORMS(op, s) { op##s##_rr, op##s##_rm, op##s##_mr, op##s##_ai1,         \
    op##s##_ai7f, op##s##_aim1, op##s##_aibig, op##s##_ri1, op##s##_ri80,       \
    op##s##_rim1, op##s##_ribig, op##s##_mi80, op##s##_mibig, NULL }
#define BINOP(op, logical) { #op, logical, { FORMS(op, b), FORMS(op, w), FORMS(op, l) } }

static struct binop binops[] = {
    BINOP(add, 0), BINOP(adc, 0), BINOP(sub, 0), BINOP(sbb, 0), BINOP(and, 1),
    BINOP(or, 1), BINOP(xor, 1), BINOP(cmp, 0), BINOP(test, 1),
};

static const char sfx[3] = { 'b', 'w', 'l' };
static const int bits_of[3] = { 8, 16, 32 };

static void run_binop(const struct binop *op)
{
    uint32_t mask = F_STATUS & ~(op->logical ? F_AF : 0);
    for (int sz = 0; sz < 3; sz++) {
        const uint32_t *v = vals_for(bits_of[sz]);
        for (int form = 0; form < 14; form++) {
            alu_fn fn = op->f[sz][form];
            if (!fn) {
                continue;
            }
            int imm = form >= 3 && form <= 12;
            /* reg,reg gets the full cross product; the other forms the
             * even-indexed half of the values (imm forms: every value). */
            int step_a = form == 0 || imm ? 1 : 2;
            int step_b = form == 0 ? 1 : 2;
            for (int i = 0; i < NVALS; i += step_a) {
                for (int j = 0; j < (imm ? 1 : NVALS); j += step_b) {
                    uint32_t b = imm ? form_imm[sz][form] : v[j];
                    for (int k = 0; k < 2; k++) {
                        uint32_t fo;
                        uint32_t r = fn(v[i], b, flags_in[k], &fo);
                        printf("%s%c.%s %x %x %d -> %x %03x\n", op->name, sfx[sz],
                               form_names[form], v[i], b, k, r, fo & mask);
                    }
                }
            }
        }
    }
}

static void run_lock(const char *name, alu_fn fb, alu_fn fw, alu_fn fl, int logical)
{
    alu_fn fns[3] = { fb, fw, fl };
    uint32_t mask = F_STATUS & ~(logical ? F_AF : 0);
    for (int sz = 0; sz < 3; sz++) {
        const uint32_t *v = vals_for(bits_of[sz]);
        for (int i = 0; i < NVALS; i += 2) {
            for (int j = 1; j < NVALS; j += 2) {
                for (int k = 0; k < 2; k++) {
                    uint32_t fo;
                    uint32_t r = fns[sz](v[i], v[j], flags_in[k], &fo);
                    printf("%s%c.lock %x %x %d -> %x %03x\n", name, sfx[sz], v[i], v[j],
                           k, r, fo & mask);
                }
            }
        }
    }
}

static void run_unop(const char *name, alu_fn f[3][3])
{
    static const char *const fn[3] = { "r", "m", "lock" };
    for (int sz = 0; sz < 3; sz++) {
        const uint32_t *v = vals_for(bits_of[sz]);
        for (int form = 0; form < 3; form++) {
            for (int i = 0; i < NVALS; i++) {
                for (int k = 0; k < 2; k++) {
                    uint32_t fo;
                    uint32_t r = f[sz][form](v[i], 0, flags_in[k], &fo);
                    printf("%s%c.%s %x %d -> %x %03x\n", name, sfx[sz], fn[form], v[i], k, r,
                           fo & F_STATUS);
                }
            }
        }
    }
}

/*
 * High-byte registers (AH CH DH BH: ModRM register numbers 4-7 at 8 bits),
 * as destination and source, against each other and against low bytes.
 * The other bytes of both registers must be preserved.
 */
#define GEN_HI(op)                                                            \
static void op##_hi(uint32_t a, uint32_t b, uint32_t fi, uint32_t *r)         \
{                                                                             \
    uint32_t x = a, y = b, fo;                                                \
    asm volatile(PRE #op "b %h[y], %h[x]" POST                                \
                 : [x] "+Q"(x), [fo] "=r"(fo) : [y] "Q"(y), [fi] "r"(fi) : "cc"); \
    r[0] = x; r[1] = fo;                                                      \
    x = a;                                                                    \
    asm volatile(PRE #op "b %b[y], %h[x]" POST                                \
                 : [x] "+Q"(x), [fo] "=r"(fo) : [y] "Q"(y), [fi] "r"(fi) : "cc"); \
    r[2] = x; r[3] = fo;                                                      \
    x = a;                                                                    \
    asm volatile(PRE #op "b %h[y], %b[x]" POST                                \
                 : [x] "+Q"(x), [fo] "=r"(fo) : [y] "Q"(y), [fi] "r"(fi) : "cc"); \
    r[4] = x; r[5] = fo;                                                      \
}
FOR_BINOPS(GEN_HI)

static void run_hi(void)
{
    static const struct {
        const char *name;
        void (*f)(uint32_t, uint32_t, uint32_t, uint32_t *);
        int logical;
    } t[] = {
        { "add", add_hi, 0 }, { "adc", adc_hi, 0 }, { "sub", sub_hi, 0 }, { "sbb", sbb_hi, 0 },
        { "and", and_hi, 1 }, { "or", or_hi, 1 },   { "xor", xor_hi, 1 }, { "cmp", cmp_hi, 0 },
        { "test", test_hi, 1 },
    };
    for (size_t o = 0; o < sizeof(t) / sizeof(t[0]); o++) {
        uint32_t mask = F_STATUS & ~(t[o].logical ? F_AF : 0);
        for (int i = 0; i < NVALS; i += 3) {
            for (int j = 1; j < NVALS; j += 2) {
                uint32_t a = vals32[i] ^ vals8[j] << 8, b = vals32[j] ^ vals8[i] << 8, r[6];
                t[o].f(a, b, flags_in[(i + j) & 1], r);
                printf("%sb.hi %x %x -> %x %03x %x %03x %x %03x\n", t[o].name, a, b, r[0],
                       r[1] & mask, r[2], r[3] & mask, r[4], r[5] & mask);
            }
        }
    }
}

#define UNFNS(op) { { op##b_r, op##b_m, op##b_lock }, { op##w_r, op##w_m, op##w_lock }, \
                    { op##l_r, op##l_m, op##l_lock } }

int main(void)
{
    setup_stdout();
    for (size_t i = 0; i < sizeof(binops) / sizeof(binops[0]); i++) {
        run_binop(&binops[i]);
    }
#define LOCK(op, logical) run_lock(#op, op##b_lock, op##w_lock, op##l_lock, logical);
    LOCK(add, 0) LOCK(adc, 0) LOCK(sub, 0) LOCK(sbb, 0) LOCK(and, 1) LOCK(or, 1) LOCK(xor, 1)
    alu_fn inc[3][3] = UNFNS(inc), dec[3][3] = UNFNS(dec), neg[3][3] = UNFNS(neg),
           not[3][3] = UNFNS(not);
    run_unop("inc", inc);
    run_unop("dec", dec);
    run_unop("neg", neg);
    run_unop("not", not);
    run_hi();
    return 0;
}
