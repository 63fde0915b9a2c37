/*
 * Random blocks of MMX/SSE/SSE2 and a few x87 instructions, compared with
 * the host: each block (1..24 instructions from the table below, random
 * registers, register or aligned memory operands, random imm8) runs from
 * a random FPU/SSE state (loaded with FXRSTOR: x87 registers and TOP,
 * XMM0-7, MXCSR with every exception masked and random RC/FTZ/DAZ) and
 * random EAX/ECX/EDX/EDI and data; afterwards FXSAVE, FNSTENV (full tag
 * word), the four GPRs, the status flags and the data are hashed.  One
 * line per 100 blocks; with SSE_RANDOM_VERBOSE=1 one line per block,
 * SSE_RANDOM_DUMP=N prints block N's bytes and final state.  This
 * exercises the translator's inline paths (MMX runs between x87
 * instructions and EMMS, 128-bit moves and logic, PCMPEQB/PMOVMSKB) in
 * combinations the per-instruction tests do not.
 *
 *   sse-random [SEED [COUNT]]
 */
#include "common.h"

#include <stdbool.h>
#include <sys/mman.h>

/* Operand forms: d = destination, s = source (SDM notation, A.2.1) */
enum {
    VW,     /* xmm, xmm/m128 */
    VWS,    /* xmm, xmm/m32 (scalar single) */
    VWD,    /* xmm, xmm/m64 */
    PQ,     /* mm, mm/m64 */
    VE,     /* xmm, r32/m32 */
    PE,     /* mm, r32/m32 */
    EV,     /* r32/m32, xmm */
    EP,     /* r32/m32, mm */
    GU,     /* r32, xmm (register only) */
    GN,     /* r32, mm (register only) */
    GW,     /* r32, xmm/m32|m64 */
    WV,     /* xmm/m128, xmm */
    QP,     /* mm/m64, mm */
    MV,     /* m, xmm */
    VM,     /* xmm, m */
    PW,     /* mm, xmm/m */
    VQ,     /* xmm, mm/m64 */
    VN,     /* xmm, mm register */
    PU,     /* mm, xmm register */
    SHU,    /* group 71..73 on an xmm register, imm8 */
    SHN,    /* group 71..73 on an mm register, imm8 */
    MG,     /* m32, r32 (MOVNTI) */
    MP,     /* m64, mm (MOVNTQ) */
    MASK,   /* MASKMOVQ/MASKMOVDQU: EDI set to the data first */
    RAW,    /* fixed bytes (x87, EMMS) */
};

typedef struct Tmpl {
    uint8_t pfx, op, form, imm, ext;   /* ext: ModRM.reg of a shift group */
    uint8_t unaligned;                 /* memory operand at any byte offset */
} Tmpl;

#define I(p, o, f) { p, o, f, 0, 0, 0 },
#define IB(p, o, f) { p, o, f, 1, 0, 0 },
#define IU(p, o, f) { p, o, f, 0, 0, 1 },
#define SH(p, o, f, e) { p, o, f, 1, e, 0 },
static const Tmpl tmpls[] = {
    /* moves */
    I(0, 0x10, VW) I(0x66, 0x10, VW) I(0xf3, 0x10, VWS) I(0xf2, 0x10, VWD)
    I(0, 0x11, WV) I(0x66, 0x11, WV) I(0, 0x28, VW) I(0x66, 0x29, WV) I(0, 0x12, VWD)
    I(0, 0x16, VWD) I(0x66, 0x12, VM) I(0x66, 0x16, VM) I(0, 0x13, MV) I(0, 0x17, MV)
    I(0x66, 0x6f, VW) I(0xf3, 0x6f, VW) I(0x66, 0x7f, WV) I(0xf3, 0x7f, WV) I(0, 0x2b, MV)
    I(0x66, 0xe7, MV) I(0, 0xe7, MP) I(0, 0x6f, PQ) I(0, 0x7f, QP) I(0, 0x6e, PE)
    I(0, 0x7e, EP) I(0x66, 0x6e, VE) I(0x66, 0x7e, EV) I(0xf3, 0x7e, VWD) I(0x66, 0xd6, WV)
    I(0xf3, 0xd6, VN) I(0xf2, 0xd6, PU) I(0, 0x50, GU) I(0x66, 0x50, GU) I(0x66, 0xd7, GU)
    I(0, 0xd7, GN) I(0, 0xc3, MG)
    /* floating point */
    I(0, 0x58, VW) I(0x66, 0x58, VW) I(0xf3, 0x58, VWS) I(0xf2, 0x58, VWD)
    I(0, 0x59, VW) I(0xf2, 0x59, VWD) I(0, 0x5c, VW) I(0xf3, 0x5c, VWS) I(0x66, 0x5e, VW)
    I(0xf2, 0x5e, VWD) I(0, 0x5d, VW) I(0xf2, 0x5f, VWD) I(0, 0x51, VW) I(0xf2, 0x51, VWD)
    I(0, 0x53, VW) I(0xf3, 0x52, VWS) I(0, 0x54, VW) I(0x66, 0x55, VW) I(0, 0x56, VW)
    I(0x66, 0x57, VW) I(0, 0x14, VW) I(0x66, 0x15, VW) IB(0, 0xc6, VW) IB(0x66, 0xc6, VW)
    IB(0, 0xc2, VW) IB(0xf2, 0xc2, VWD) I(0, 0x2e, VWS) I(0x66, 0x2f, VWD)
    I(0, 0x5a, VWD) I(0x66, 0x5a, VW) I(0xf3, 0x5a, VWS) I(0xf2, 0x5a, VWD) I(0, 0x5b, VW)
    I(0x66, 0x5b, VW) I(0xf3, 0x5b, VW) I(0xf3, 0xe6, VWD) I(0xf2, 0xe6, VW) I(0x66, 0xe6, VW)
    I(0xf3, 0x2a, VE) I(0xf2, 0x2a, VE) I(0, 0x2a, VQ) I(0x66, 0x2a, VQ) I(0xf3, 0x2d, GW)
    I(0xf2, 0x2c, GW) I(0, 0x2d, PW) I(0x66, 0x2c, PW)
    /* integer, xmm */
    I(0x66, 0xfc, VW) I(0x66, 0xfe, VW) I(0x66, 0xd4, VW) I(0x66, 0xf9, VW) I(0x66, 0xfb, VW)
    I(0x66, 0xec, VW) I(0x66, 0xdd, VW) I(0x66, 0xe9, VW) I(0x66, 0xd8, VW) I(0x66, 0xd5, VW)
    I(0x66, 0xe5, VW) I(0x66, 0xf4, VW) I(0x66, 0xf5, VW) I(0x66, 0xf6, VW) I(0x66, 0xe0, VW)
    I(0x66, 0xda, VW) I(0x66, 0xee, VW) I(0x66, 0xdb, VW) I(0x66, 0xdf, VW) I(0x66, 0xeb, VW)
    I(0x66, 0xef, VW) I(0x66, 0x74, VW) I(0x66, 0x75, VW) I(0x66, 0x66, VW) I(0x66, 0x63, VW)
    I(0x66, 0x67, VW) I(0x66, 0x6b, VW) I(0x66, 0x60, VW) I(0x66, 0x69, VW) I(0x66, 0x6c, VW)
    I(0x66, 0x6d, VW) I(0x66, 0xd1, VW) I(0x66, 0xe2, VW) I(0x66, 0xf3, VW) IB(0x66, 0x70, VW)
    IB(0xf3, 0x70, VW) IB(0xf2, 0x70, VW) IB(0x66, 0xc5, GU) IB(0x66, 0xc4, VE)
    SH(0x66, 0x71, SHU, 2) SH(0x66, 0x72, SHU, 4) SH(0x66, 0x73, SHU, 6)
    SH(0x66, 0x73, SHU, 3) SH(0x66, 0x73, SHU, 7)
    /* integer, mm */
    I(0, 0xfc, PQ) I(0, 0xfd, PQ) I(0, 0xfe, PQ) I(0, 0xd4, PQ) I(0, 0xf8, PQ) I(0, 0xfa, PQ)
    I(0, 0xfb, PQ) I(0, 0xdb, PQ) I(0, 0xdf, PQ) I(0, 0xeb, PQ) I(0, 0xef, PQ) I(0, 0xd3, PQ)
    I(0, 0xf3, PQ) I(0, 0xe1, PQ) I(0, 0xec, PQ) I(0, 0xd9, PQ) I(0, 0xe5, PQ) I(0, 0xf4, PQ)
    I(0, 0x63, PQ) I(0, 0x68, PQ) I(0, 0x62, PQ) I(0, 0x75, PQ) I(0, 0xe0, PQ) I(0, 0xf6, PQ)
    IB(0, 0x70, PQ) IB(0, 0xc5, GN) IB(0, 0xc4, PE)
    SH(0, 0x73, SHN, 2) SH(0, 0x73, SHN, 6) SH(0, 0x71, SHN, 6) SH(0, 0x72, SHN, 4)
    /* unaligned memory operands */
    IU(0, 0x10, VW) IU(0x66, 0x10, VW) IU(0xf3, 0x6f, VW) IU(0, 0x11, WV) IU(0xf3, 0x7f, WV)
    IU(0x66, 0x11, WV) IU(0xf3, 0x10, VWS) IU(0xf2, 0x11, WV) IU(0xf3, 0x58, VWS)
    IU(0xf2, 0x59, VWD) IU(0, 0x6f, PQ) IU(0, 0x7f, QP) IU(0x66, 0x6e, VE) IU(0x66, 0x7e, EV)
    IU(0, 0x12, VWD) IU(0, 0x17, MV) IU(0x66, 0xd6, WV) IU(0, 0xfc, PQ) IU(0, 0xc3, MG)
    /* more floating point */
    I(0, 0x15, VW) I(0, 0x2f, VWS) I(0x66, 0x2e, VWD) I(0xf3, 0x2c, GW) I(0xf2, 0x2d, GW)
    I(0, 0x2c, PW) I(0x66, 0x2d, PW) I(0, 0x52, VW) I(0xf3, 0x53, VWS) I(0xf3, 0x51, VWS)
    I(0xf3, 0x5d, VWS) I(0xf3, 0x5f, VWS) I(0x66, 0x5c, VW) I(0x66, 0x5d, VW)
    I(0x66, 0x5f, VW) I(0x66, 0x59, VW) I(0x66, 0x51, VW) I(0x66, 0x54, VW) I(0x66, 0x56, VW)
    I(0, 0x55, VW) I(0, 0x57, VW) I(0x66, 0x14, VW) IB(0x66, 0xc2, VW) IB(0xf3, 0xc2, VWS)
    I(0xf3, 0x59, VWS) I(0xf2, 0x5c, VWD) I(0xf3, 0x5e, VWS) I(0xf2, 0x5d, VWD)
    /* more integer, xmm */
    I(0x66, 0xfd, VW) I(0x66, 0xfa, VW) I(0x66, 0xf8, VW) I(0x66, 0xd9, VW) I(0x66, 0xed, VW)
    I(0x66, 0xe8, VW) I(0x66, 0xdc, VW) I(0x66, 0xe4, VW) I(0x66, 0xe3, VW) I(0x66, 0xde, VW)
    I(0x66, 0xea, VW) I(0x66, 0x64, VW) I(0x66, 0x65, VW) I(0x66, 0x76, VW) I(0x66, 0x61, VW)
    I(0x66, 0x62, VW) I(0x66, 0x68, VW) I(0x66, 0x6a, VW) I(0x66, 0xd2, VW) I(0x66, 0xd3, VW)
    I(0x66, 0xe1, VW) I(0x66, 0xf1, VW) I(0x66, 0xf2, VW)
    SH(0x66, 0x71, SHU, 4) SH(0x66, 0x71, SHU, 6) SH(0x66, 0x72, SHU, 2) SH(0x66, 0x72, SHU, 6)
    SH(0x66, 0x73, SHU, 2)
    /* more integer, mm */
    I(0, 0xe4, PQ) I(0, 0xe3, PQ) I(0, 0xde, PQ) I(0, 0xda, PQ) I(0, 0xea, PQ) I(0, 0xee, PQ)
    I(0, 0x64, PQ) I(0, 0x65, PQ) I(0, 0x66, PQ) I(0, 0x67, PQ) I(0, 0x69, PQ) I(0, 0x6a, PQ)
    I(0, 0x6b, PQ) I(0, 0x60, PQ) I(0, 0x61, PQ) I(0, 0x74, PQ) I(0, 0x76, PQ) I(0, 0xd1, PQ)
    I(0, 0xd2, PQ) I(0, 0xe2, PQ) I(0, 0xf1, PQ) I(0, 0xf2, PQ) I(0, 0xd5, PQ) I(0, 0xd8, PQ)
    I(0, 0xdc, PQ) I(0, 0xdd, PQ) I(0, 0xe8, PQ) I(0, 0xe9, PQ) I(0, 0xed, PQ) I(0, 0xf5, PQ)
    I(0, 0xf9, PQ) I(0, 0xd7, GN)
    SH(0, 0x71, SHN, 2) SH(0, 0x71, SHN, 4) SH(0, 0x72, SHN, 2) SH(0, 0x72, SHN, 6)
    { 0, 0xf7, MASK, 0, 0, 0 }, { 0x66, 0xf7, MASK, 0, 0, 0 },
    /* x87 and EMMS (RAW: ext = index into raw_insns) */
    { 0, 0, RAW, 0, 0, 0 }, { 0, 0, RAW, 0, 1, 0 }, { 0, 0, RAW, 0, 2, 0 },
    { 0, 0, RAW, 0, 3, 0 }, { 0, 0, RAW, 0, 4, 0 }, { 0, 0, RAW, 0, 5, 0 },
    { 0, 0, RAW, 0, 5, 0 },
};
#define N_TMPLS ((int)(sizeof(tmpls) / sizeof(tmpls[0])))

static const uint8_t raw_insns[][3] = {
    { 2, 0xd9, 0xe8 },  /* fld1 */
    { 2, 0xd9, 0xee },  /* fldz */
    { 2, 0xdd, 0xd8 },  /* fstp st(0) */
    { 2, 0xde, 0xc1 },  /* faddp */
    { 2, 0xd9, 0xc9 },  /* fxch */
    { 2, 0x0f, 0x77 },  /* emms */
};

typedef struct State {
    uint8_t fx[512];            /* FXRSTOR in, FXSAVE out */
    uint8_t env[28];            /* FNSTENV out */
    uint32_t gpr[4];            /* EAX ECX EDX EDI in and out */
    uint32_t eflags;
} __attribute__((aligned(16))) State;

/* Named in the asm: global */
State st_in, st_out;
uint8_t data[128 + 16] __attribute__((aligned(16)));

/* GPR operands: EAX ECX EDX EDI (EBX holds the state pointer, ESI the data) */
static const uint8_t gprs[4] = { 0, 1, 2, 7 };

static bool unaligned_disp;

static uint8_t *emit_modrm(uint8_t *p, int reg, int rm_reg, bool mem)
{
    if (mem) {
        *p++ = (uint8_t)(0x40 | reg << 3 | 6);   /* [esi + disp8] */
        *p++ = (uint8_t)(unaligned_disp ? prng() % 113 : 16 * (prng() % 8));
    } else {
        *p++ = (uint8_t)(0xc0 | reg << 3 | rm_reg);
    }
    return p;
}

static uint8_t *emit_insn(uint8_t *p, const Tmpl *t)
{
    int r = prng() % 8, m = prng() % 8, g = gprs[prng() % 4];
    bool mem = prng() % 3 == 0;

    unaligned_disp = t->unaligned;
    if (t->form == MASK) {
        uint32_t edi = (uint32_t)(uintptr_t)data + prng() % 113;
        *p++ = 0xbf;                              /* mov $data+n, %edi */
        memcpy(p, &edi, 4);
        p += 4;
        if (t->pfx) {
            *p++ = t->pfx;
        }
        *p++ = 0x0f;
        *p++ = 0xf7;
        *p++ = (uint8_t)(0xc0 | r << 3 | m);
        return p;
    }
    if (t->form == RAW) {
        memcpy(p, &raw_insns[t->ext][1], raw_insns[t->ext][0]);
        return p + raw_insns[t->ext][0];
    }
    if (t->pfx) {
        *p++ = t->pfx;
    }
    *p++ = 0x0f;
    *p++ = t->op;
    switch (t->form) {
    case GU: case GN:
        p = emit_modrm(p, g, m, false);
        break;
    case GW:
        p = emit_modrm(p, g, m, mem);
        break;
    case VE: case PE:
        p = emit_modrm(p, r, g, mem);
        break;
    case EV: case EP:
        p = emit_modrm(p, r, g, mem);
        break;
    case MV: case VM: case MP:
        p = emit_modrm(p, r, 0, true);
        break;
    case MG:
        p = emit_modrm(p, g, 0, true);
        break;
    case VN: case PU:
        p = emit_modrm(p, r, m, false);
        break;
    case SHU: case SHN:
        p = emit_modrm(p, t->ext, m, false);
        break;
    default:
        p = emit_modrm(p, r, m, mem);
        break;
    }
    if (t->imm) {
        /* CMPPS & co.: imm8 bits 7..3 are reserved in the legacy encoding */
        *p++ = (uint8_t)(t->op == 0xc2 ? prng() % 8 : prng());
    }
    return p;
}


uint8_t *code_ptr;

/* Runs the block at code_ptr: EBX = &st_out, ESI = data; globals only, as
 * ESP moves */
static void run_block(void)
{
    __asm__ volatile(
        "pushl %%ebp\n\t"
        "pushl %%ebx\n\t"
        "pushl %%esi\n\t"
        "pushl %%edi\n\t"
        "movl $st_in, %%ebx\n\t"
        "movl $data, %%esi\n\t"
        "fxrstor (%%ebx)\n\t"
        "movl 540(%%ebx), %%eax\n\t"
        "movl 544(%%ebx), %%ecx\n\t"
        "movl 548(%%ebx), %%edx\n\t"
        "movl 552(%%ebx), %%edi\n\t"
        "movl $st_out, %%ebx\n\t"
        "pushl $0x202\n\t"
        "popfl\n\t"
        "call *code_ptr\n\t"
        "pushfl\n\t"
        "popl 556(%%ebx)\n\t"
        "fxsave (%%ebx)\n\t"
        "fnstenv 512(%%ebx)\n\t"
        "movl %%eax, 540(%%ebx)\n\t"
        "movl %%ecx, 544(%%ebx)\n\t"
        "movl %%edx, 548(%%ebx)\n\t"
        "movl %%edi, 552(%%ebx)\n\t"
        "emms\n\t"
        "fninit\n\t"
        "popl %%edi\n\t"
        "popl %%esi\n\t"
        "popl %%ebx\n\t"
        "popl %%ebp"
        ::: "eax", "ecx", "edx", "memory", "cc");
}

/* Random x87 registers: small integers, NaN/infinity patterns, MMX-like
 * values (exponent all ones); a random TOP and tags; masked exceptions */
static void random_state(void)
{
    static const uint32_t mxcsr_ctl[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0, 0x1fc0 };
    memset(&st_in, 0, sizeof(st_in));
    st_in.fx[0] = 0x7f;     /* FCW 0x037f */
    st_in.fx[1] = 0x03;
    st_in.fx[3] = (uint8_t)((prng() % 8) << 3);   /* FSW: TOP */
    st_in.fx[4] = (uint8_t)prng();                /* abridged tags */
    uint32_t csr = mxcsr_ctl[prng() % 6];
    memcpy(st_in.fx + 24, &csr, 4);
    for (int i = 0; i < 8; i++) {
        uint8_t *r = st_in.fx + 32 + 16 * i;
        uint32_t lo = prng(), hi = prng() | 0x80000000u;
        uint16_t exp;
        switch (prng() % 4) {
        case 0: exp = 0xffff; break;
        case 1: exp = 0x3fff + prng() % 16; break;
        case 2: exp = 0x7fff; break;
        default: exp = 0; hi = 0; lo = 0; break;
        }
        memcpy(r, &lo, 4);
        memcpy(r + 4, &hi, 4);
        memcpy(r + 8, &exp, 2);
    }
    for (int i = 0; i < 32; i++) {
        uint32_t v = prng();
        if (prng() % 4 == 0) {
            v = (prng() & 0x80000000u) | 0x3f800000u | (prng() & 0x7fffff);
        }
        memcpy(st_in.fx + 160 + 4 * i, &v, 4);
    }
    for (int i = 0; i < 4; i++) {
        st_in.gpr[i] = prng();
    }
    for (int i = 0; i < (int)sizeof(data); i++) {
        data[i] = (uint8_t)prng();
    }
}

int main(int argc, char **argv)
{
    uint32_t seed = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 1;
    int count = argc > 2 ? atoi(argv[2]) : 2000;
    const char *v = getenv("SSE_RANDOM_VERBOSE");
    bool verbose = v && *v == '1';
    const char *dv = getenv("SSE_RANDOM_DUMP");      /* block number to dump */
    int dump = dv ? atoi(dv) : -1;
    uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    code_ptr = code;
    uint32_t h = 0x811c9dc5u;

    if (code == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    prng_state = seed ? seed : 1;
    for (int b = 0; b < count; b++) {
        int n = 1 + prng() % 24;
        uint8_t *p = code;
        random_state();
        for (int i = 0; i < n; i++) {
            p = emit_insn(p, &tmpls[prng() % N_TMPLS]);
        }
        *p++ = 0xc3;
        run_block();
        /* FOP/FIP/FCS/FDP/FDS differ between processors (FXSAVE bytes
         * 6..23, FNSTENV bytes 12..27); the MXCSR_MASK beyond bit 15 too */
        memset(st_out.fx + 6, 0, 18);
        st_out.fx[30] = st_out.fx[31] = 0;
        memset(st_out.env + 12, 0, 16);
        st_out.eflags &= 0x8d5;
        uint32_t hb = fnv1a(st_out.fx, 288) ^ fnv1a(st_out.env, 28) * 3 ^
                      fnv1a(st_out.gpr, 20) * 5 ^ fnv1a(data, sizeof(data)) * 7;
        h = (h ^ hb) * 0x01000193u;
        if (verbose) {
            printf("block %d (%d insns): %08x\n", b, n, hb);
        }
        if (dump == b) {
            printf("code:");
            for (uint8_t *q = code; q < p; q++) {
                printf(" %02x", *q);
            }
            printf("\nin  fsw %02x%02x ftw %02x mxcsr %02x%02x\n", st_in.fx[3], st_in.fx[2],
                   st_in.fx[4], st_in.fx[25], st_in.fx[24]);
            for (int i = 0; i < 288; i += 16) {
                printf("out %03x:", i);
                for (int j = 0; j < 16; j++) {
                    printf(" %02x", st_out.fx[i + j]);
                }
                printf("\n");
            }
            printf("env tw %02x%02x gpr %08x %08x %08x %08x eflags %03x data %08x\n",
                   st_out.env[9], st_out.env[8], st_out.gpr[0], st_out.gpr[1], st_out.gpr[2],
                   st_out.gpr[3], st_out.eflags, fnv1a(data, sizeof(data)));
        }
        if ((b + 1) % 100 == 0) {
            printf("blocks %d: %08x\n", b + 1, h);
        }
    }
    printf("seed %u count %d: %08x\n", seed, count, h);
    return 0;
}
