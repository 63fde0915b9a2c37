/*
 * BCD adjust instructions: DAA DAS (every AL with every CF/AF input), AAA AAS
 * (every AL, two AH values, every CF/AF input), AAM and AAD with bases 10,
 * 16, 7 and 255 (AAM 0 raises #DE: SIGFPE).
 *
 * Undefined flags (SDM Vol. 2A "Flags Affected"):
 *  DAA/DAS: OF undefined.
 *  AAA/AAS: OF, SF, ZF, PF undefined (AF and CF defined).
 *  AAM/AAD: OF, AF, CF undefined (SF, ZF, PF defined).
 * AAA/AAS: newer SDMs describe the adjustment as AX <- AX + 106H (AAA) and
 * AX <- AX - 106H (AAS); the result for AL values above F9H follows from it,
 * so all AL values are compared.
 */
#include "common.h"
#include "sigcatch.h"

#define PRE  "push %[fi]\n\tpopf\n\t"
#define POST "\n\tpushf\n\tpop %[fo]"

/* The four CF/AF input combinations. */
static const uint32_t cfaf[4] = { F_BASE, F_BASE | F_CF, F_BASE | F_AF, F_BASE | F_CF | F_AF };

#define ADJ(insn, name)                                                       \
static uint32_t name(uint32_t ax, uint32_t fi, uint32_t *pf)                  \
{                                                                             \
    uint32_t fo;                                                              \
    asm volatile(PRE insn POST : "+a"(ax), [fo] "=r"(fo) : [fi] "r"(fi) : "cc"); \
    *pf = fo;                                                                 \
    return ax;                                                                \
}
ADJ("daa", do_daa)
ADJ("das", do_das)
ADJ("aaa", do_aaa)
ADJ("aas", do_aas)
ADJ("aam", do_aam10)
ADJ("aam $16", do_aam16)
ADJ("aam $7", do_aam7)
ADJ("aam $255", do_aam255)
ADJ("aad", do_aad10)
ADJ("aad $16", do_aad16)
ADJ("aad $7", do_aad7)
ADJ("aad $255", do_aad255)

typedef uint32_t (*adj_fn)(uint32_t, uint32_t, uint32_t *);

static void run4(const char *name, adj_fn f, uint32_t ax, uint32_t mask)
{
    printf("%s %04x:", name, ax & 0xffff);
    for (int k = 0; k < 4; k++) {
        uint32_t fo, r = f(0xabcd0000 | ax, cfaf[k], &fo);
        printf(" %x/%03x", r, fo & mask);
    }
    printf("\n");
}

int main(void)
{
    setup_stdout();
    const uint32_t m_daa = F_STATUS & ~F_OF;
    const uint32_t m_aaa = F_AF | F_CF;
    const uint32_t m_aam = F_SF | F_ZF | F_PF;
    for (uint32_t al = 0; al < 256; al++) {
        run4("daa", do_daa, 0x5a00 | al, m_daa);
        run4("das", do_das, 0x5a00 | al, m_daa);
        run4("aaa", do_aaa, 0x0300 | al, m_aaa);
        run4("aaa", do_aaa, 0xff00 | al, m_aaa);
        run4("aas", do_aas, 0x0300 | al, m_aaa);
        run4("aas", do_aas, 0x0000 | al, m_aaa);
        run4("aam10", do_aam10, 0x7700 | al, m_aam);
        run4("aam16", do_aam16, 0x7700 | al, m_aam);
        run4("aam7", do_aam7, al, m_aam);
        run4("aam255", do_aam255, al, m_aam);
        run4("aad10", do_aad10, (al * 0x3b & 0xff00) | al, m_aam);
        run4("aad16", do_aad16, 0x0900 | al, m_aam);
        run4("aad7", do_aad7, 0xff00 | al, m_aam);
        run4("aad255", do_aad255, 0x1200 | al, m_aam);
    }
    /* AAM 0: #DE (SDM Vol. 2A AAM: "If ... imm8 = 0 ... #DE"). */
    fault_catch(SIGFPE);
    for (int i = 0; i < 2; i++) {
        uint32_t ax = 0x1234 + i;
        if (sigsetjmp(fault_jb, 1) == 0) {
            asm volatile("movl $1f, %[e]\n1:\taam $0" : "+a"(ax), [e] "=m"(fault_expect)
                         : : "cc", "memory");
            printf("aam0 -> %x (no fault)\n", ax);
        } else {
            fault_print("aam0 #DE");
        }
    }
    return 0;
}
