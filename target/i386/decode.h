/*
 * The i386 instruction decoder: prefixes, opcode maps, ModRM/SIB,
 * displacement and immediates, from the one table in insn-table.h.
 * Pure logic: it fetches bytes through a callback and knows nothing of the
 * IR, so tests/unit can check it on byte arrays.
 */
#ifndef I386_DECODE_H
#define I386_DECODE_H

#include <stdbool.h>
#include <stdint.h>

/* Row flags (insn-table.h). */
enum {
    X_M    = 1 << 0,   /* has a ModRM byte */
    X_B    = 1 << 1,   /* byte operands */
    X_W    = 1 << 2,   /* 16-bit operands whatever the operand size */
    X_GRP  = 1 << 3,   /* ModRM.reg selects the row (an opcode group) */
    X_DIR  = 1 << 4,   /* the ModRM.reg operand is the destination */
    X_LOCK = 1 << 5,   /* LOCK allowed (with a memory destination) */
    X_MEM  = 1 << 6,   /* ModRM must name memory (mod != 3), else #UD */
    X_UD   = 1 << 7,   /* decoded for its length only: #UD (x87/MMX/SSE: issue 4) */
    X_RM_REG = 1 << 8, /* ModRM.mod is ignored, r/m is a register (MOV CR/DR) */
};

/* Immediate kinds. */
enum {
    IMM_NONE,
    IMM_B,      /* imm8, sign-extended */
    IMM_UB,     /* imm8, zero-extended */
    IMM_W,      /* imm16, zero-extended */
    IMM_Z,      /* imm16/imm32 by operand size, sign-extended */
    IMM_WB,     /* imm16 (imm) then imm8 (imm2): ENTER */
    IMM_AP,     /* offset16/32 (imm) then selector16 (imm2): far pointer */
    IMM_MOFFS,  /* offset16/32 by address size: MOV AL, moffs */
    IMM_JB,     /* rel8, sign-extended */
    IMM_JZ,     /* rel16/rel32 by operand size, sign-extended */
};

/* Prefix bits of X86DecodedInsn.prefix. */
enum {
    PREFIX_REPZ  = 1 << 0,
    PREFIX_REPNZ = 1 << 1,
    PREFIX_LOCK  = 1 << 2,
    PREFIX_DATA  = 1 << 3,
    PREFIX_ADR   = 1 << 4,
};

typedef struct X86OpRow {
    const char *name;   /* NULL: no such instruction (#UD) */
    uint16_t flags;
    uint8_t imm;
    uint8_t arg;        /* handler argument: ALU op, condition, register... */
} X86OpRow;

/* Maps: 0 one-byte, 1 0F xx.  (0F 38 / 0F 3A are SSSE3+: #UD, no rows.) */
#define X86_ROW_INDEX(map, op, ext) ((((map) * 256) + (op)) * 9 + ((ext) + 1))
#define X86_ROW_COUNT (2 * 256 * 9)

extern const X86OpRow x86_op_rows[X86_ROW_COUNT];

typedef struct X86DecodedInsn {
    uint32_t pc;            /* linear address of the first byte */
    uint8_t len;            /* total length in bytes */
    uint8_t map;            /* 0 one-byte, 1 0F, 2 0F38, 3 0F3A */
    uint8_t op;             /* opcode byte within the map */
    uint8_t prefix;         /* PREFIX_* */
    int8_t seg_override;    /* R_ES..R_GS, or -1 */
    bool data32, addr32;    /* operand and address size after prefixes */
    uint8_t ot;             /* MO_8/MO_16/MO_32: this insn's operand size */
    int row;                /* X86_ROW_INDEX of the row used, -1 if none */

    bool has_modrm;
    uint8_t modrm, mod, reg, rm;
    /* Memory operand (mod != 3): base + index * 2^scale + disp. */
    int8_t ea_base, ea_index;   /* registers, or -1 */
    uint8_t ea_scale;
    int8_t ea_default_seg;      /* R_DS or R_SS */
    int32_t disp;

    uint32_t imm, imm2;
} X86DecodedInsn;

/* Decode outcomes. */
enum {
    X86_DECODE_OK = 0,
    X86_DECODE_UD = 1,        /* no such opcode: #UD (length still valid) */
    X86_DECODE_TOO_LONG = 2,  /* more than 15 bytes: #GP(0) */
};

typedef uint8_t (*X86FetchFn)(void *opaque, uint32_t pc);

/* Decodes the instruction at pc; code32 is CS.D. */
int x86_decode(X86DecodedInsn *d, uint32_t pc, bool code32, X86FetchFn fetch, void *opaque);

static inline const X86OpRow *x86_decoded_row(const X86DecodedInsn *d)
{
    return d->row >= 0 ? &x86_op_rows[d->row] : NULL;
}

#endif
