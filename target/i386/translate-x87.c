/*
 * Decoding of the x87 escape opcodes D8..DF (SDM vol. 2D, A.5): for each
 * encoding, whether it exists on the guest CPU, its memory operand and
 * what besides the FPU it reads or writes.  The translator turns a valid
 * form into one call of helper_x87 (fpu_helper.c).
 */
#include "target/i386/x87.h"
#include "target/i386/cpu.h"

#define SZ(n) ((n) << X87_SIZE_SHIFT)
#define LD(n) (X87_VALID | X87_LOAD | SZ(n))
#define ST(n) (X87_VALID | X87_STORE | SZ(n))

/* Memory forms by [op - 0xd8][reg]; -1 marks the env/state forms whose
 * size depends on the operand size, 0 the reserved ones. */
static const int x87_mem_forms[8][8] = {
    /* D8: FADD..FDIVR m32fp */
    { LD(4), LD(4), LD(4), LD(4), LD(4), LD(4), LD(4), LD(4) },
    /* D9: FLD m32fp, -, FST, FSTP m32fp, FLDENV, FLDCW, FNSTENV, FNSTCW */
    { LD(4), 0, ST(4), ST(4), -1, LD(2), -1, ST(2) | X87_NOWAIT },
    /* DA: FIADD..FIDIVR m32int */
    { LD(4), LD(4), LD(4), LD(4), LD(4), LD(4), LD(4), LD(4) },
    /* DB: FILD, FISTTP, FIST, FISTP m32int, -, FLD m80fp, -, FSTP m80fp */
    { LD(4), ST(4), ST(4), ST(4), 0, LD(10), 0, ST(10) },
    /* DC: FADD..FDIVR m64fp */
    { LD(8), LD(8), LD(8), LD(8), LD(8), LD(8), LD(8), LD(8) },
    /* DD: FLD m64fp, FISTTP m64int, FST, FSTP m64fp, FRSTOR, -, FNSAVE, FNSTSW */
    { LD(8), ST(8), ST(8), ST(8), -1, 0, -1, ST(2) | X87_NOWAIT },
    /* DE: FIADD..FIDIVR m16int */
    { LD(2), LD(2), LD(2), LD(2), LD(2), LD(2), LD(2), LD(2) },
    /* DF: FILD, FISTTP, FIST, FISTP m16int, FBLD, FILD m64int, FBSTP, FISTP m64int */
    { LD(2), ST(2), ST(2), ST(2), LD(10), LD(8), ST(10), ST(8) },
};

static int x87_env_form(int op, int reg, int data16)
{
    /* SDM vol. 1, 8.1.10: 14/28-byte environment, 94/108-byte state */
    int size = op == 0xd9 ? (data16 ? 14 : 28) : (data16 ? 94 : 108);

    return reg == 4 ? LD(size) : ST(size) | X87_NOWAIT;
}

/* Register forms.  The SDM leaves some blank that every Intel and AMD
 * processor since the 387 executes as aliases (FSTP1 D9 D8+i, FCOM2 DC D0+i,
 * FCOMP3 DC D8+i, FXCH4 DD C8+i, FCOMP5 DE D0+i, FFREEP DF C0+i, FXCH7
 * DF C8+i, FSTP8/9 DF D0+i/D8+i); programs use FFREEP, so they are valid
 * here too and run as the host runs them. */
static int x87_reg_form(int op, int modrm, uint32_t features)
{
    int p6 = (features & CPUID_CMOV) != 0;   /* FCMOVcc, FCOMI: P6 and later */

    switch (op) {
    case 0xd8:
        return X87_VALID;
    case 0xd9:
        if (modrm <= 0xd0 || (modrm >= 0xd8 && modrm < 0xe0)) {
            return X87_VALID;               /* FLD ST(i), FXCH, FNOP, FSTP1 */
        }
        if (modrm < 0xe0 || modrm == 0xe2 || modrm == 0xe3 || modrm == 0xe6 ||
            modrm == 0xe7 || modrm == 0xef) {
            return 0;
        }
        return X87_VALID;
    case 0xda:
        if (modrm < 0xe0) {
            return p6 ? X87_VALID | X87_EFLAGS_IN : 0;
        }
        return modrm == 0xe9 ? X87_VALID : 0;  /* FUCOMPP */
    case 0xdb:
        if (modrm < 0xe0) {
            return p6 ? X87_VALID | X87_EFLAGS_IN : 0;
        }
        if (modrm <= 0xe4) {
            /* FENI, FDISI, FNCLEX, FNINIT, FSETPM: no-wait control forms */
            return X87_VALID | X87_NOWAIT;
        }
        if (modrm >= 0xe8 && modrm < 0xf8) {
            return p6 ? X87_VALID | X87_EFLAGS_OUT : 0;
        }
        return 0;
    case 0xdc:
        return X87_VALID;                   /* D0..DF: FCOM2, FCOMP3 */
    case 0xdd:
        if (modrm < 0xf0) {
            return X87_VALID;               /* FFREE, FXCH4, FST(P), FUCOM(P) */
        }
        return 0;
    case 0xde:
        if (modrm < 0xd8 || modrm >= 0xe0 || modrm == 0xd9) {
            return X87_VALID;               /* ...P forms, FCOMP5, FCOMPP */
        }
        return 0;
    default: /* 0xdf */
        if (modrm < 0xe0) {
            return X87_VALID;               /* FFREEP, FXCH7, FSTP8, FSTP9 */
        }
        if (modrm == 0xe0) {
            return X87_VALID | X87_NOWAIT | X87_AX_OUT;
        }
        if (modrm >= 0xe8 && modrm < 0xf8) {
            return p6 ? X87_VALID | X87_EFLAGS_OUT : 0;
        }
        return 0;
    }
}

int x87_form(int op, int modrm, int data16, uint32_t features, uint32_t ext_features)
{
    int reg = (modrm >> 3) & 7;
    int form;

    if (!(features & CPUID_FP87) || op < 0xd8 || op > 0xdf) {
        return 0;
    }
    if ((modrm >> 6) == 3) {
        return x87_reg_form(op, modrm, features);
    }
    form = x87_mem_forms[op - 0xd8][reg];
    if (form < 0) {
        return x87_env_form(op, reg, data16);
    }
    if (reg == 1 && (op & 1) && op != 0xd9 && !(ext_features & CPUID_ECX_SSE3)) {
        return 0;                           /* FISTTP */
    }
    return form;
}
