/*
 * x86-64 instruction encoders used by the code generator (codegen.c).
 * Encodings: Intel SDM vol. 2, chapter 2 (REX prefix 2.2.1, ModR/M and SIB
 * table 2-2/2-3, VEX 2.3) and the opcode maps of appendix A.
 */
#ifndef TCG_X86_64_EMIT_H
#define TCG_X86_64_EMIT_H

#include <string.h>
#include "tcg/tcg.h"

/* Opcode word: low byte is the opcode, the flags add prefixes. */
#define OPC_0F       0x100     /* two-byte opcode map (0F xx) */
#define OPC_0F38     0x200     /* three-byte map 0F 38 xx */
#define OPC_66       0x400     /* operand-size prefix: 16-bit operation */
#define OPC_REXW     0x800     /* REX.W: 64-bit operation */
#define OPC_BYTE_R   0x1000    /* ModR/M reg names a byte register */
#define OPC_BYTE_RM  0x2000    /* ModR/M rm names a byte register */
#define OPC_F3       0x4000    /* F3 prefix (LZCNT, TZCNT, POPCNT) */
#define OPC_F2       0x8000

/* One-byte opcodes (SDM vol. 2, appendix A, table A-2). */
#define OPC_ARITH_GvEv  0x03   /* + (ext << 3): ADD/OR/ADC/SBB/AND/SUB/XOR/CMP r, r/m */
#define OPC_ARITH_EvIz  0x81
#define OPC_ARITH_EvIb  0x83
#define OPC_TEST_EvGv   0x85
#define OPC_MOVB_EbGb   0x88
#define OPC_MOVL_EvGv   0x89
#define OPC_MOVL_GvEv   0x8b
#define OPC_LEA         0x8d
#define OPC_MOVSLQ      0x63
#define OPC_MOVL_Iv     0xb8
#define OPC_MOVB_EbIb   0xc6
#define OPC_MOVL_EvIz   0xc7
#define OPC_SHIFT_Ib    0xc1
#define OPC_SHIFT_1     0xd1
#define OPC_SHIFT_cl    0xd3
#define OPC_GRP3_Ev     0xf7   /* TEST imm /0, NOT /2, NEG /3, MUL /4, IMUL /5, DIV /6, IDIV /7 */
#define OPC_GRP5        0xff   /* CALL /2, JMP /4 */
#define OPC_IMUL_GvEvIz 0x69
#define OPC_IMUL_GvEvIb 0x6b
#define OPC_CDQ         0x99
#define OPC_JMP_long    0xe9
#define OPC_JMP_short   0xeb
#define OPC_CALL_Jz     0xe8
#define OPC_RET         0xc3
#define OPC_PUSH_r      0x50
#define OPC_POP_r       0x58

/* Two-byte opcodes (0F xx). */
#define OPC_IMUL_GvEv   (0xaf | OPC_0F)
#define OPC_MOVZBL      (0xb6 | OPC_0F)
#define OPC_MOVZWL      (0xb7 | OPC_0F)
#define OPC_MOVSBL      (0xbe | OPC_0F)
#define OPC_MOVSWL      (0xbf | OPC_0F)
#define OPC_BSF         (0xbc | OPC_0F)
#define OPC_BSR         (0xbd | OPC_0F)
#define OPC_TZCNT       (0xbc | OPC_0F | OPC_F3)
#define OPC_LZCNT       (0xbd | OPC_0F | OPC_F3)
#define OPC_POPCNT      (0xb8 | OPC_0F | OPC_F3)
#define OPC_BSWAP       (0xc8 | OPC_0F)
#define OPC_SETCC       (0x90 | OPC_0F)
#define OPC_CMOVCC      (0x40 | OPC_0F)
#define OPC_JCC_long    (0x80 | OPC_0F)
#define OPC_SHRD_Ib     (0xac | OPC_0F)

/* Group-1 and shift /ext values. */
enum { ARITH_ADD = 0, ARITH_OR, ARITH_ADC, ARITH_SBB, ARITH_AND, ARITH_SUB, ARITH_XOR,
       ARITH_CMP };
enum { SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_SHL = 4, SHIFT_SHR = 5, SHIFT_SAR = 7 };
enum { EXT3_TEST = 0, EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4, EXT3_IMUL = 5, EXT3_DIV = 6,
       EXT3_IDIV = 7 };
enum { EXT5_CALL = 2, EXT5_JMP = 4 };

/* x86 condition codes (tttn, SDM vol. 2 appendix B.1.4.7). */
enum { JCC_JO = 0, JCC_JB = 2, JCC_JAE = 3, JCC_JE = 4, JCC_JNE = 5, JCC_JBE = 6, JCC_JA = 7,
       JCC_JS = 8, JCC_JL = 0xc, JCC_JGE = 0xd, JCC_JLE = 0xe, JCC_JG = 0xf };

#define TCG_REG_TMP TCG_REG_R11   /* back-end scratch, never allocated */

static inline void tcg_out8(TCGContext *s, uint8_t v)
{
    *s->code_ptr++ = v;
}

static inline void tcg_out16(TCGContext *s, uint16_t v)
{
    memcpy(s->code_ptr, &v, 2);
    s->code_ptr += 2;
}

static inline void tcg_out32(TCGContext *s, uint32_t v)
{
    memcpy(s->code_ptr, &v, 4);
    s->code_ptr += 4;
}

static inline void tcg_out64(TCGContext *s, uint64_t v)
{
    memcpy(s->code_ptr, &v, 8);
    s->code_ptr += 8;
}

void tcg_out_opc(TCGContext *s, int opc, int r, int rm, int x);
void tcg_out_modrm(TCGContext *s, int opc, int r, int rm);
void tcg_out_modrm_offset(TCGContext *s, int opc, int r, int base, intptr_t ofs);
void tcg_out_modrm_sib(TCGContext *s, int opc, int r, int base, int index, int shift,
                       intptr_t ofs);
void tcg_out_vex_modrm(TCGContext *s, int opc, int pp, bool w, int r, int v, int rm);
void tcg_out_arith(TCGContext *s, int ext, int rexw, int dst, int src);
void tcg_out_arithi(TCGContext *s, int ext, int rexw, int r, int64_t val);
void tcg_out_shifti(TCGContext *s, int ext, int rexw, int r, int count);
void tcg_out_ext8u(TCGContext *s, int dst, int src);
void tcg_out_ext16u(TCGContext *s, int dst, int src);
void tcg_out_ext8s(TCGContext *s, int rexw, int dst, int src);
void tcg_out_ext16s(TCGContext *s, int rexw, int dst, int src);
void tcg_out_jmp_to(TCGContext *s, const void *dest);

#endif
