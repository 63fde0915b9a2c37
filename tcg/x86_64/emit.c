/*
 * x86-64 instruction encoders: prefixes, REX, ModR/M, SIB, VEX, and the
 * handful of multi-form instructions (moves, immediates, ALU ops) whose
 * shortest encoding depends on the operands.
 */
#include <stdlib.h>

#include "tcg/x86_64/emit.h"

/* Prefixes, REX and the opcode bytes (SDM vol. 2, 2.1-2.2.1). */
void tcg_out_opc(TCGContext *s, int opc, int r, int rm, int x)
{
    int rex = 0;

    if (opc & OPC_66) {
        tcg_out8(s, 0x66);
    }
    if (opc & OPC_F3) {
        tcg_out8(s, 0xf3);
    } else if (opc & OPC_F2) {
        tcg_out8(s, 0xf2);
    }
    rex |= (opc & OPC_REXW) ? 0x08 : 0;
    rex |= (r & 8) >> 1;   /* REX.R */
    rex |= (x & 8) >> 2;   /* REX.X */
    rex |= (rm & 8) >> 3;  /* REX.B */
    /* SPL/BPL/SIL/DIL exist only with a REX prefix; without one, byte
     * registers 4-7 mean AH/CH/DH/BH (SDM vol. 2, 3.7.2.1 / table 3-1). */
    if ((opc & OPC_BYTE_R) && r >= 4) {
        rex |= 0x40;
    }
    if ((opc & OPC_BYTE_RM) && rm >= 4) {
        rex |= 0x40;
    }
    if (rex) {
        tcg_out8(s, 0x40 | rex);
    }
    if (opc & (OPC_0F | OPC_0F38)) {
        tcg_out8(s, 0x0f);
        if (opc & OPC_0F38) {
            tcg_out8(s, 0x38);
        }
    }
    tcg_out8(s, opc & 0xff);
}

void tcg_out_modrm(TCGContext *s, int opc, int r, int rm)
{
    tcg_out_opc(s, opc, r, rm, 0);
    tcg_out8(s, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

/* [base + ofs].  RSP/R12 as base need a SIB byte; RBP/R13 with mod=00
 * would mean RIP-relative / no base, so they always take a displacement. */
void tcg_out_modrm_offset(TCGContext *s, int opc, int r, int base, intptr_t ofs)
{
    int mod;

    if (ofs != (int32_t)ofs) {
        fprintf(stderr, "q86: x86-64 back end: displacement %#lx out of range\n", (long)ofs);
        abort();
    }
    tcg_out_opc(s, opc, r, base, 0);
    if (ofs == 0 && (base & 7) != 5) {
        mod = 0x00;
    } else if (ofs == (int8_t)ofs) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if ((base & 7) == 4) {
        tcg_out8(s, mod | ((r & 7) << 3) | 4);
        tcg_out8(s, 0x24); /* SIB: no index, base = rsp/r12 */
    } else {
        tcg_out8(s, mod | ((r & 7) << 3) | (base & 7));
    }
    if (mod == 0x40) {
        tcg_out8(s, (uint8_t)ofs);
    } else if (mod == 0x80) {
        tcg_out32(s, (uint32_t)ofs);
    }
}

/* [base + index << shift + ofs]; index must not be RSP. */
void tcg_out_modrm_sib(TCGContext *s, int opc, int r, int base, int index, int shift,
                       intptr_t ofs)
{
    int mod;

    tcg_out_opc(s, opc, r, base, index);
    if (ofs == 0 && (base & 7) != 5) {
        mod = 0x00;
    } else if (ofs == (int8_t)ofs) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    tcg_out8(s, mod | ((r & 7) << 3) | 4);
    tcg_out8(s, (shift << 6) | ((index & 7) << 3) | (base & 7));
    if (mod == 0x40) {
        tcg_out8(s, (uint8_t)ofs);
    } else if (mod == 0x80) {
        tcg_out32(s, (uint32_t)ofs);
    }
}

/* Three-byte VEX form, map 0F38 (SDM vol. 2, 2.3.5): used for the BMI
 * instructions.  pp: 0 none, 1 66, 2 F3, 3 F2.  Register fields in VEX
 * are stored inverted. */
void tcg_out_vex_modrm(TCGContext *s, int opc, int pp, bool w, int r, int v, int rm)
{
    tcg_out8(s, 0xc4);
    tcg_out8(s, ((~r & 8) << 4) | 0x40 /* ~X */ | ((~rm & 8) << 2) | 0x02 /* map 0F38 */);
    tcg_out8(s, (w ? 0x80 : 0) | ((~v & 15) << 3) | (pp & 3));
    tcg_out8(s, opc & 0xff);
    tcg_out8(s, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

void tcg_out_arith(TCGContext *s, int ext, int rexw, int dst, int src)
{
    tcg_out_modrm(s, (OPC_ARITH_GvEv + (ext << 3)) | rexw, dst, src);
}

/* ALU op with an immediate: imm8 when it fits (SDM: 83 /ext ib is sign
 * extended), imm32 otherwise (sign extended to 64 bits with REX.W). */
void tcg_out_arithi(TCGContext *s, int ext, int rexw, int r, int64_t val)
{
    if (!rexw) {
        val = (int32_t)val;
    }
    if (val == (int8_t)val) {
        tcg_out_modrm(s, OPC_ARITH_EvIb | rexw, ext, r);
        tcg_out8(s, (uint8_t)val);
    } else if (val == (int32_t)val) {
        tcg_out_modrm(s, OPC_ARITH_EvIz | rexw, ext, r);
        tcg_out32(s, (uint32_t)val);
    } else {
        fprintf(stderr, "q86: x86-64 back end: immediate %#llx does not fit\n",
                (unsigned long long)val);
        abort();
    }
}

void tcg_out_shifti(TCGContext *s, int ext, int rexw, int r, int count)
{
    if (count == 1) {
        tcg_out_modrm(s, OPC_SHIFT_1 | rexw, ext, r);
    } else {
        tcg_out_modrm(s, OPC_SHIFT_Ib | rexw, ext, r);
        tcg_out8(s, (uint8_t)count);
    }
}

void tcg_out_ext8u(TCGContext *s, int dst, int src)
{
    tcg_out_modrm(s, OPC_MOVZBL | OPC_BYTE_RM, dst, src);
}

void tcg_out_ext16u(TCGContext *s, int dst, int src)
{
    tcg_out_modrm(s, OPC_MOVZWL, dst, src);
}

void tcg_out_ext8s(TCGContext *s, int rexw, int dst, int src)
{
    tcg_out_modrm(s, OPC_MOVSBL | OPC_BYTE_RM | rexw, dst, src);
}

void tcg_out_ext16s(TCGContext *s, int rexw, int dst, int src)
{
    tcg_out_modrm(s, OPC_MOVSWL | rexw, dst, src);
}

void tcg_out_jmp_to(TCGContext *s, const void *dest)
{
    intptr_t disp = (intptr_t)((uintptr_t)dest - (uintptr_t)(s->code_ptr + 2));
    if (disp == (int8_t)disp) {
        tcg_out8(s, OPC_JMP_short);
        tcg_out8(s, (uint8_t)disp);
        return;
    }
    disp = (intptr_t)((uintptr_t)dest - (uintptr_t)(s->code_ptr + 5));
    if (disp == (int32_t)disp) {
        tcg_out8(s, OPC_JMP_long);
        tcg_out32(s, (uint32_t)disp);
        return;
    }
    tcg_out8(s, 0x49); /* REX.W+B: movabs r11, imm64 */
    tcg_out8(s, 0xb8 + (TCG_REG_TMP & 7));
    tcg_out64(s, (uint64_t)(uintptr_t)dest);
    tcg_out_modrm(s, OPC_GRP5, EXT5_JMP, TCG_REG_TMP);
}

/* Recommended multi-byte NOPs (SDM vol. 2, NOP: table 4-12). */
void tcg_out_nopn(TCGContext *s, int n)
{
    static const uint8_t nops[8][8] = {
        { 0 },
        { 0x90 },
        { 0x66, 0x90 },
        { 0x0f, 0x1f, 0x00 },
        { 0x0f, 0x1f, 0x40, 0x00 },
        { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
    };
    while (n > 0) {
        int k = n > 7 ? 7 : n;
        memcpy(s->code_ptr, nops[k], k);
        s->code_ptr += k;
        n -= k;
    }
}
