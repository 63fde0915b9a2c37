/*
 * MMX compared with the host: every MMX instruction over saturation edge
 * values and random operands (register and memory forms, shifts by
 * register, memory and immediate, counts past the element size), and the
 * aliasing of the MMX registers with the x87 registers (SDM vol. 1, 9.5):
 * an MMX write sets TOP to 0, every tag valid and exponent bits all ones;
 * MMX reads see the mantissas of values loaded by the x87; EMMS empties the
 * tag word; a pending x87 exception faults the next MMX instruction.
 */
#include "sse-common.h"

#define MM(n) MOP(m_##n, #n " %%mm1, %%mm0")
MM(paddb) MM(paddw) MM(paddd) MM(paddq) MM(psubb) MM(psubw) MM(psubd) MM(psubq)
MM(paddsb) MM(paddsw) MM(paddusb) MM(paddusw) MM(psubsb) MM(psubsw) MM(psubusb) MM(psubusw)
MM(pmullw) MM(pmulhw) MM(pmaddwd) MM(pmuludq) MM(pand) MM(pandn) MM(por) MM(pxor)
MM(pcmpeqb) MM(pcmpeqw) MM(pcmpeqd) MM(pcmpgtb) MM(pcmpgtw) MM(pcmpgtd)
MM(packsswb) MM(packssdw) MM(packuswb) MM(punpcklbw) MM(punpcklwd) MM(punpckldq)
MM(punpckhbw) MM(punpckhwd) MM(punpckhdq) MM(psllw) MM(pslld) MM(psllq) MM(psrlw)
MM(psrld) MM(psrlq) MM(psraw) MM(psrad)
MOP(m_psllw_i, "psllw $4, %%mm0")
MOP(m_pslld_i, "pslld $31, %%mm0")
MOP(m_psllq_i, "psllq $63, %%mm0")
MOP(m_psrlw_i, "psrlw $16, %%mm0")
MOP(m_psrld_i, "psrld $7, %%mm0")
MOP(m_psrlq_i, "psrlq $33, %%mm0")
MOP(m_psraw_i, "psraw $15, %%mm0")
MOP(m_psrad_i, "psrad $99, %%mm0")
MOP(m_movq, "movq %%mm1, %%mm0")
MOP(m_movd, "movd %%mm1, %%eax\n\tmovd %%eax, %%mm0")
MOP(mm_paddsw, "paddsw %[s], %%mm0")
MOP(mm_pmaddwd, "pmaddwd %[s], %%mm0")
MOP(mm_packuswb, "packuswb %[s], %%mm0")
MOP(mm_punpckhbw, "punpckhbw %[s], %%mm0")
MOP(mm_punpcklwd, "punpcklwd %[s], %%mm0")
MOP(mm_psrlq, "psrlq %[s], %%mm0")
MOP(mm_movd, "movd %[s], %%mm0")
MOP(mm_movq, "movq %[s], %%mm0")

#define MC(n) { #n, m_##n },
static const vec_case mmx_cases[] = {
    MC(paddb) MC(paddw) MC(paddd) MC(paddq) MC(psubb) MC(psubw) MC(psubd) MC(psubq)
    MC(paddsb) MC(paddsw) MC(paddusb) MC(paddusw) MC(psubsb) MC(psubsw) MC(psubusb)
    MC(psubusw) MC(pmullw) MC(pmulhw) MC(pmaddwd) MC(pmuludq) MC(pand) MC(pandn) MC(por)
    MC(pxor) MC(pcmpeqb) MC(pcmpeqw) MC(pcmpeqd) MC(pcmpgtb) MC(pcmpgtw) MC(pcmpgtd)
    MC(packsswb) MC(packssdw) MC(packuswb) MC(punpcklbw) MC(punpcklwd) MC(punpckldq)
    MC(punpckhbw) MC(punpckhwd) MC(punpckhdq) MC(psllw) MC(pslld) MC(psllq) MC(psrlw)
    MC(psrld) MC(psrlq) MC(psraw) MC(psrad) MC(psllw_i) MC(pslld_i) MC(psllq_i)
    MC(psrlw_i) MC(psrld_i) MC(psrlq_i) MC(psraw_i) MC(psrad_i) MC(movq) MC(movd)
    { "m:paddsw", mm_paddsw }, { "m:pmaddwd", mm_pmaddwd }, { "m:packuswb", mm_packuswb },
    { "m:punpckhbw", mm_punpckhbw }, { "m:punpcklwd", mm_punpcklwd },
    { "m:psrlq", mm_psrlq }, { "m:movd", mm_movd }, { "m:movq", mm_movq },
};

/* The x87 state as FNSTENV/FNSAVE see it */
static void print_fpu(const char *what)
{
    uint8_t img[108];
    __asm__ volatile("fnsave %0\n\tfrstor %0" : "=m"(img) :: "memory");
    printf("%s: sw %04x tw %04x\n", what, *(uint16_t *)(img + 4), *(uint16_t *)(img + 8));
    for (int i = 0; i < 8; i++) {
        printf("  st%d %04x %08x%08x\n", i, *(uint16_t *)(img + 28 + 10 * i + 8),
               *(uint32_t *)(img + 28 + 10 * i + 4), *(uint32_t *)(img + 28 + 10 * i));
    }
}

static void aliasing(void)
{
    static const uint64_t v = 0x8877665544332211ull;
    uint64_t out[3];
    long double one = 1.0L, big = 12345.678L;

    /* x87 values seen as MMX registers: ST0 after two pushes is physical
     * register 6, which is mm6 */
    __asm__ volatile("fninit\n\tfldt %[a]\n\tfldt %[b]\n\t"
                     "movq %%mm7, %[o0]\n\tmovq %%mm6, %[o1]"
                     : [o0] "=m"(out[0]), [o1] "=m"(out[1])
                     : [a] "m"(one), [b] "m"(big) : "memory");
    printf("x87 as mmx: mm7 %016llx mm6 %016llx\n", (unsigned long long)out[0],
           (unsigned long long)out[1]);
    print_fpu("after mmx reads");
    __asm__ volatile("emms\n\tfninit\n\tfld1\n\tfldz\n\tmovq %[v], %%mm3" :: [v] "m"(v) : "memory");
    print_fpu("after movq to mm3");
    /* x87 reads of an MMX value: a NaN/infinity pattern with the mantissa */
    __asm__ volatile("emms\n\tfninit\n\tmovq %[v], %%mm0\n\tmovq %[v], %%mm1\n\t"
                     "paddb %%mm0, %%mm1\n\tfstpt %[o]\n\tfninit"
                     : [o] "=m"(*(long double *)out) : [v] "m"(v) : "memory");
    printf("fstpt of mm0: %016llx %04x\n", (unsigned long long)out[0], (unsigned)(uint16_t)out[1]);
    __asm__ volatile("fninit\n\tmovq %[v], %%mm5\n\temms" :: [v] "m"(v) : "memory");
    print_fpu("after emms");
    /* x87 and EMMS between MMX instructions of one block: each MMX
     * instruction after them makes the transition again */
    __asm__ volatile("fninit\n\tmovq %[v], %%mm0\n\tfld1\n\tpaddb %%mm0, %%mm0\n\t"
                     "fldpi\n\tfldz\n\tpxor %%mm1, %%mm1\n\tmovq %%mm0, %%mm2\n\temms\n\t"
                     "por %%mm2, %%mm0\n\tfld1\n\tfstp %%st(0)\n\tpsllq $4, %%mm0"
                     :: [v] "m"(v) : "memory");
    print_fpu("x87 and emms between mmx");
    /* FXSAVE abridged tags after MMX, after EMMS */
    static uint8_t fx[512] __attribute__((aligned(16)));
    __asm__ volatile("fninit\n\tfld1\n\tmovq %[v], %%mm2\n\tfxsave %[f]\n\temms\n\tfninit"
                     : [f] "=m"(fx) : [v] "m"(v) : "memory");
    printf("fxsave after mmx: sw %04x ftw %02x mm2 %04x %016llx\n", *(uint16_t *)(fx + 2), fx[4],
           *(uint16_t *)(fx + 32 + 2 * 16 + 8), *(unsigned long long *)(fx + 32 + 2 * 16));
}

/* A pending unmasked x87 exception makes the next MMX instruction fault
 * with #MF (SIGFPE), before it changes anything. */
static void pending(void)
{
    uint16_t cw = 0x37b;   /* ZE unmasked */
    fault_catch(SIGFPE);
    fault_sig = fault_code = 0;
    if (sigsetjmp(fault_jb, 1) == 0) {
        __asm__ volatile("fninit\n\tfldcw %0\n\tfld1\n\tfldz\n\tfdivrp\n\tpaddb %%mm1, %%mm1"
                         :: "m"(cw) : "memory");
    }
    printf("mmx with pending x87 exception: signal %d code %d\n", fault_sig, fault_code);
    __asm__ volatile("fninit\n\temms");
}

int main(void)
{
    sse_init();
    for (int i = 0; i < (int)(sizeof(mmx_cases) / sizeof(mmx_cases[0])); i++) {
        sweep_int(&mmx_cases[i]);
    }
    aliasing();
    pending();
    return 0;
}
