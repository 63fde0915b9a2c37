/*
 * Conditions: SETcc, Jcc (rel8 and rel32) and CMOVcc (16/32, reg and mem
 * sources) for all 16 conditions over all 64 combinations of CF PF AF ZF SF
 * OF loaded with POPF; then the same conditions consumed directly after
 * flag-producing instructions (no POPF/PUSHF in between, the path where an
 * emulator keeps flags lazily or in host EFLAGS); then LOOP, LOOPE, LOOPNE,
 * JECXZ, JCXZ and the address-size (0x67, CX-counting) LOOP.
 *
 * After an instruction that leaves a flag undefined, the conditions reading
 * that flag are masked out (bit cleared in both the value and the mask):
 * O/NO read OF; B/AE CF; E/NE ZF; BE/A CF,ZF; S/NS SF; P/NP PF; L/GE SF,OF;
 * LE/G ZF,SF,OF (SDM Vol. 2A Jcc, Table "Jump if ..." and Vol. 1 B.1).
 */
#include "common.h"

/* Bit i of a result = condition i (0=O 1=NO 2=B 3=AE 4=E 5=NE 6=BE 7=A
 * 8=S 9=NS 10=P 11=NP 12=L 13=GE 14=LE 15=G) holds.  Nothing between the
 * flag producer and the consumers may change the flags: SETcc writes bytes
 * of an array, Jcc skips a flag-neutral LEA, CMOVcc results are stored with
 * MOV. */
#define SET1(cc, i) "set" #cc " " #i "(%[p])\n\t"
#define ALLSET SET1(o, 0) SET1(no, 1) SET1(b, 2) SET1(ae, 3) SET1(e, 4) SET1(ne, 5) \
    SET1(be, 6) SET1(a, 7) SET1(s, 8) SET1(ns, 9) SET1(p, 10) SET1(np, 11) SET1(l, 12) \
    SET1(ge, 13) SET1(le, 14) SET1(g, 15)

static uint32_t pack(const uint8_t *b)
{
    uint32_t r = 0;
    for (int i = 0; i < 16; i++) {
        r |= (uint32_t)(b[i] & 0xff) << i;
    }
    return r;
}

static uint32_t setcc_all(uint32_t fi)
{
    uint8_t b[16];
    asm volatile("push %[fi]\n\tpopf\n\t" ALLSET : : [p] "r"(b), [fi] "r"(fi) : "cc", "memory");
    return pack(b);
}

/* Jcc with short (rel8) displacements: each condition jumps over a LEA that
 * sets its bit. */
#define J8(cc, i) "j" #cc " 1f\n\tlea (1<<" #i ")(%%eax), %%eax\n1:\n\t"
/* Jcc rel32: the skipped code is padded beyond 127 bytes. */
#define J32(cc, i) "j" #cc " 1f\n\tlea (1<<" #i ")(%%eax), %%eax\n\t.fill 130, 1, 0x90\n1:\n\t"
#define ALLJ(J) J(o, 0) J(no, 1) J(b, 2) J(ae, 3) J(e, 4) J(ne, 5) J(be, 6) J(a, 7) J(s, 8) \
    J(ns, 9) J(p, 10) J(np, 11) J(l, 12) J(ge, 13) J(le, 14) J(g, 15)

/* Each condition's bit is set when the jump is NOT taken; invert. */
static uint32_t jcc8_all(uint32_t fi)
{
    uint32_t r = 0;
    asm volatile("push %[fi]\n\tpopf\n\t" ALLJ(J8) : "+a"(r) : [fi] "r"(fi) : "cc");
    return ~r & 0xffff;
}
static uint32_t jcc32_all(uint32_t fi)
{
    uint32_t r = 0;
    asm volatile("push %[fi]\n\tpopf\n\t" ALLJ(J32) : "+a"(r) : [fi] "r"(fi) : "cc");
    return ~r & 0xffff;
}

/* CMOVcc: 32-bit reg source into a register holding 0; 16-bit mem source
 * into a register whose upper half must survive. */
#define CM1(cc, i) "movl $0, %%edx\n\tcmov" #cc " %%ecx, %%edx\n\tmovl %%edx, 4*" #i "(%[p])\n\t" \
    "movl $0xabcd0000, %%edx\n\tcmov" #cc "w (%%esi), %%dx\n\tmovl %%edx, 64+4*" #i "(%[p])\n\t"
#define ALLCM CM1(o, 0) CM1(no, 1) CM1(b, 2) CM1(ae, 3) CM1(e, 4) CM1(ne, 5) CM1(be, 6) \
    CM1(a, 7) CM1(s, 8) CM1(ns, 9) CM1(p, 10) CM1(np, 11) CM1(l, 12) CM1(ge, 13) \
    CM1(le, 14) CM1(g, 15)

static uint32_t cmov_all(uint32_t fi, uint32_t *other)
{
    uint32_t v[32], r = 0, h = 0;
    static const uint16_t one = 0x8001;
    asm volatile("push %[fi]\n\tpopf\n\t" ALLCM
                 : : [p] "r"(v), [fi] "r"(fi), "c"(1), "S"(&one) : "edx", "cc", "memory");
    for (int i = 0; i < 16; i++) {
        r |= (v[i] & 1) << i;
        r |= (v[16 + i] == 0xabcd8001) << (16 + i);
        h |= (v[16 + i] == 0xabcd0000) << i;
    }
    *other = h;
    return r;
}

/* The conditions each flag feeds (bit masks over the 16 conditions). */
static uint32_t conds_reading(uint32_t flags)
{
    uint32_t m = 0;
    if (flags & F_OF) m |= 0x3 | 0x3000 | 0xc000;
    if (flags & F_CF) m |= 0xc | 0xc0;
    if (flags & F_ZF) m |= 0x30 | 0xc0 | 0xc000;
    if (flags & F_SF) m |= 0x300 | 0x3000 | 0xc000;
    if (flags & F_PF) m |= 0xc00;
    return m;
}

static void all_flag_combos(void)
{
    for (uint32_t c = 0; c < 64; c++) {
        /* spread the 6 bits over CF PF AF ZF SF OF */
        uint32_t f = F_BASE | ((c & 1) ? F_CF : 0) | ((c & 2) ? F_PF : 0) | ((c & 4) ? F_AF : 0) |
                     ((c & 8) ? F_ZF : 0) | ((c & 16) ? F_SF : 0) | ((c & 32) ? F_OF : 0);
        uint32_t other;
        uint32_t s = setcc_all(f), j8 = jcc8_all(f), j32 = jcc32_all(f);
        uint32_t cm = cmov_all(f, &other);
        printf("flags %03x: set %04x j8 %04x j32 %04x cmov %08x %08x\n", f & F_STATUS, s, j8, j32,
               cm, other);
    }
}

/* Conditions read straight after an instruction. */
#define AFTER(name, insn, undef)                                              \
static uint32_t name(uint32_t a, uint32_t b, uint32_t fi)                     \
{                                                                             \
    uint8_t v[16];                                                            \
    asm volatile("push %[fi]\n\tpopf\n\t" insn "\n\t" ALLSET                  \
                 : "+b"(a) : "c"(b), [p] "r"(v), [fi] "r"(fi) : "cc", "memory"); \
    return pack(v) & ~conds_reading(undef);                                   \
}                                                                             \
static uint32_t name##_j(uint32_t a, uint32_t b, uint32_t fi)                 \
{                                                                             \
    uint32_t r = 0;                                                           \
    asm volatile("push %[fi]\n\tpopf\n\t" insn "\n\t" ALLJ(J8)               \
                 : "+a"(r), "+b"(a) : "c"(b), [fi] "r"(fi) : "cc");           \
    return ~r & 0xffff & ~conds_reading(undef);                               \
}
AFTER(a_add, "addl %%ecx, %%ebx", 0)
AFTER(a_addb, "addb %%cl, %%bl", 0)
AFTER(a_adc, "adcw %%cx, %%bx", 0)
AFTER(a_sub, "subl %%ecx, %%ebx", 0)
AFTER(a_sbb, "sbbb %%cl, %%bl", 0)
AFTER(a_cmp, "cmpl %%ecx, %%ebx", 0)
AFTER(a_cmpw, "cmpw %%cx, %%bx", 0)
AFTER(a_and, "andl %%ecx, %%ebx", F_AF)
AFTER(a_or, "orb %%cl, %%bl", F_AF)
AFTER(a_xor, "xorw %%cx, %%bx", F_AF)
AFTER(a_test, "testl %%ecx, %%ebx", F_AF)
AFTER(a_inc, "incl %%ebx", 0)
AFTER(a_dec, "decb %%bl", 0)
AFTER(a_neg, "negl %%ebx", 0)
AFTER(a_shl1, "shll $1, %%ebx", F_AF)
AFTER(a_shr5, "shrl $5, %%ebx", F_AF | F_OF)
AFTER(a_sar1, "sarb $1, %%bl", F_AF)
AFTER(a_rol1, "roll $1, %%ebx", 0)
AFTER(a_rcr1, "rcrw $1, %%bx", 0)
AFTER(a_bt, "btl %%ecx, %%ebx", F_OF | F_SF | F_AF | F_PF)
AFTER(a_imul, "imull %%ecx, %%ebx", F_SF | F_ZF | F_AF | F_PF)
AFTER(a_addsub, "addl %%ecx, %%ebx\n\tsubl %%ecx, %%ebx", 0)
AFTER(a_movkeep, "cmpl %%ecx, %%ebx\n\tmovl $0, %%ebx\n\tleal 1(%%ebx), %%ebx", 0)

/* Flags produced in one block and consumed in another: the producer is
 * followed by a CALL, a RET, an indirect JMP or a JMP to the next
 * instruction, and only then by the SETcc consumers. */
void set_all_at_edi(void);
asm(".text\n"
    "set_all_at_edi:\n\t"
    "seto 0(%edi)\n\tsetno 1(%edi)\n\tsetb 2(%edi)\n\tsetae 3(%edi)\n\t"
    "sete 4(%edi)\n\tsetne 5(%edi)\n\tsetbe 6(%edi)\n\tseta 7(%edi)\n\t"
    "sets 8(%edi)\n\tsetns 9(%edi)\n\tsetp 10(%edi)\n\tsetnp 11(%edi)\n\t"
    "setl 12(%edi)\n\tsetge 13(%edi)\n\tsetle 14(%edi)\n\tsetg 15(%edi)\n\tret\n"
    "produce_sub_ret:\n\t"
    "subl %ecx, %ebx\n\tret\n");

static void across_blocks(void)
{
    for (int i = 0; i < NVALS; i += 2) {
        for (int j = 1; j < NVALS; j += 3) {
            uint8_t v[4][16];
            uint32_t a = vals32[i], b = vals32[j];
            /* ADD, then CALL to the consumer */
            asm volatile("addl %%ecx, %%ebx\n\tcall set_all_at_edi"
                         : "+b"(a) : "c"(b), "D"(v[0]) : "cc", "memory");
            a = vals32[i];
            /* SUB inside a function, consumed after its RET */
            asm volatile("call produce_sub_ret\n\t" ALLSET
                         : "+b"(a) : "c"(b), [p] "r"(v[1]) : "cc", "memory");
            a = vals32[i];
            /* CMP then SBB (reads CF), an indirect JMP, then the consumers */
            asm volatile("cmpl %%ecx, %%ebx\n\tsbbb %%cl, %%bl\n\tmovl $2f, %%edx\n\t"
                         "jmp *%%edx\n2:\n\t" ALLSET
                         : "+b"(a) : "c"(b), [p] "r"(v[2]) : "edx", "cc", "memory");
            a = vals32[i];
            /* INC (CF from before kept) then JMP to the next instruction */
            asm volatile("cmpl %%ecx, %%ebx\n\tincl %%ebx\n\tjmp 3f\n3:\n\t" ALLSET
                         : "+b"(a) : "c"(b), [p] "r"(v[3]) : "cc", "memory");
            printf("across blocks %x %x: call %04x ret %04x jmp* %04x jmp %04x\n", vals32[i],
                   vals32[j], pack(v[0]), pack(v[1]), pack(v[2]), pack(v[3]));
        }
    }
}

static void after_ops(void)
{
    struct {
        const char *name;
        uint32_t (*s)(uint32_t, uint32_t, uint32_t), (*j)(uint32_t, uint32_t, uint32_t);
    } t[] = {
#define T(n) { #n, n, n##_j }
        T(a_add), T(a_addb), T(a_adc), T(a_sub), T(a_sbb), T(a_cmp), T(a_cmpw), T(a_and),
        T(a_or), T(a_xor), T(a_test), T(a_inc), T(a_dec), T(a_neg), T(a_shl1), T(a_shr5),
        T(a_sar1), T(a_rol1), T(a_rcr1), T(a_bt), T(a_imul), T(a_addsub), T(a_movkeep),
    };
    for (size_t o = 0; o < sizeof(t) / sizeof(t[0]); o++) {
        for (int i = 0; i < NVALS; i++) {
            printf("%s %x:", t[o].name, vals32[i]);
            for (int j = 0; j < NVALS; j += 3) {
                uint32_t fi = flags_in[(i + j) & 1];
                printf(" %04x/%04x", t[o].s(vals32[i], vals32[j], fi),
                       t[o].j(vals32[i], vals32[j], fi));
            }
            printf("\n");
        }
    }
}

static void loops(void)
{
    static const uint32_t cxs[] = { 0, 1, 2, 5, 0x10000, 0x10003, 0xffffffff };
    for (size_t i = 0; i < sizeof(cxs) / sizeof(cxs[0]); i++) {
        uint32_t cx, n;
        /* LOOP: counts iterations, at most 8 (ECX wraps from 0). */
        cx = cxs[i];
        n = 0;
        asm volatile("1:\n\tinc %[n]\n\tcmp $8, %[n]\n\tje 2f\n\tloop 1b\n2:"
                     : "+c"(cx), [n] "+r"(n) : : "cc");
        printf("loop %x -> n%u cx%x\n", cxs[i], n, cx);
        /* LOOP with the address-size prefix counts in CX only. */
        cx = cxs[i];
        n = 0;
        asm volatile("1:\n\tinc %[n]\n\tcmp $8, %[n]\n\tje 2f\n\taddr16 loop 1b\n2:"
                     : "+c"(cx), [n] "+r"(n) : : "cc");
        printf("loopw %x -> n%u cx%x\n", cxs[i], n, cx);
        /* LOOPE / LOOPNE: ZF from comparing n with 3. */
        cx = cxs[i];
        n = 0;
        asm volatile("1:\n\tinc %[n]\n\tcmp $8, %[n]\n\tje 2f\n\tcmp $3, %[n]\n\tloopne 1b\n2:"
                     : "+c"(cx), [n] "+r"(n) : : "cc");
        printf("loopne %x -> n%u cx%x\n", cxs[i], n, cx);
        cx = cxs[i];
        n = 0;
        asm volatile("1:\n\tinc %[n]\n\tcmp $8, %[n]\n\tje 2f\n\ttest $0, %[n]\n\tloope 1b\n2:"
                     : "+c"(cx), [n] "+r"(n) : : "cc");
        printf("loope %x -> n%u cx%x\n", cxs[i], n, cx);
        /* JECXZ / JCXZ (0x67 E3) */
        uint32_t t1 = 0, t2 = 0;
        cx = cxs[i];
        asm volatile("jecxz 1f\n\tmov $1, %[t]\n1:" : [t] "+r"(t1) : "c"(cx));
        asm volatile("jcxz 1f\n\tmov $1, %[t]\n1:" : [t] "+r"(t2) : "c"(cx));
        printf("jecxz/jcxz %x -> %u %u\n", cxs[i], t1, t2);
    }
}

int main(void)
{
    setup_stdout();
    all_flag_combos();
    after_ops();
    across_blocks();
    loops();
    return 0;
}
