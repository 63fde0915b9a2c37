/*
 * The i386 decoder: turns the bytes at pc into an X86DecodedInsn using the
 * rows of insn-table.h.  Knows encodings only; translate.c gives meaning.
 * SDM vol. 2A ch. 2 (instruction format, ModRM/SIB tables 2-1..2-3).
 */
#include <string.h>

#include "target/i386/decode.h"

/* Segment and register numbers, as in cpu.h (kept local: no CPU state here). */
enum { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS };
enum { REG_EAX, REG_ECX, REG_EDX, REG_EBX, REG_ESP, REG_EBP, REG_ESI, REG_EDI };

const X86OpRow x86_op_rows[X86_ROW_COUNT] = {
#define X(map, op, ext, nm, fl, im, fn, ag) \
    [X86_ROW_INDEX(map, op, ext)] = { .name = nm, .flags = (fl), .imm = (im), .arg = (ag) },
#include "target/i386/insn-table.h"
#undef X
};

/* x86 limits an instruction to 15 bytes (SDM vol. 2A, 2.3.11): fetching a
 * 16th byte is a #GP, reported without touching that byte. */
#define X86_MAX_INSN_LEN 15

typedef struct Fetcher {
    X86FetchFn fn;
    void *opaque;
    uint32_t pc, start;
    bool too_long;
} Fetcher;

static uint8_t fetch8(Fetcher *f)
{
    if (f->pc - f->start >= X86_MAX_INSN_LEN) {
        f->too_long = true;
        return 0;
    }
    return f->fn(f->opaque, f->pc++);
}

static uint32_t fetch16(Fetcher *f)
{
    uint32_t lo = fetch8(f);
    return lo | ((uint32_t)fetch8(f) << 8);
}

static uint32_t fetch32(Fetcher *f)
{
    uint32_t lo = fetch16(f);
    return lo | (fetch16(f) << 16);
}

/* 16-bit addressing forms, by ModRM.rm (SDM vol. 2A, table 2-1). */
static const int8_t ea16_base[8] = { REG_EBX, REG_EBX, REG_EBP, REG_EBP,
                                     REG_ESI, REG_EDI, REG_EBP, REG_EBX };
static const int8_t ea16_index[8] = { REG_ESI, REG_EDI, REG_ESI, REG_EDI, -1, -1, -1, -1 };

static void decode_modrm_mem16(X86DecodedInsn *d, Fetcher *f)
{
    d->ea_base = ea16_base[d->rm];
    d->ea_index = ea16_index[d->rm];
    d->ea_scale = 0;
    d->ea_default_seg = (d->rm == 2 || d->rm == 3 || d->rm == 6) ? SEG_SS : SEG_DS;
    if (d->mod == 0 && d->rm == 6) {
        d->ea_base = -1;
        d->ea_default_seg = SEG_DS;
        d->disp = (int16_t)fetch16(f);
    } else if (d->mod == 1) {
        d->disp = (int8_t)fetch8(f);
    } else if (d->mod == 2) {
        d->disp = (int16_t)fetch16(f);
    }
}

static void decode_modrm_mem32(X86DecodedInsn *d, Fetcher *f)
{
    int base = d->rm;

    d->ea_index = -1;
    d->ea_scale = 0;
    if (base == 4) {
        uint8_t sib = fetch8(f);
        int index = (sib >> 3) & 7;
        d->ea_scale = sib >> 6;
        d->ea_index = index == 4 ? -1 : index;  /* index 100b: none */
        base = sib & 7;
        if (base == 5 && d->mod == 0) {
            base = -1;                          /* disp32, no base */
            d->disp = (int32_t)fetch32(f);
        }
    } else if (base == 5 && d->mod == 0) {
        base = -1;                              /* disp32 absolute */
        d->disp = (int32_t)fetch32(f);
    }
    d->ea_base = base;
    /* EBP/ESP-based addresses default to SS (SDM vol. 1, 3.7.4). */
    d->ea_default_seg = (base == REG_ESP || base == REG_EBP) ? SEG_SS : SEG_DS;
    if (d->mod == 1) {
        d->disp = (int8_t)fetch8(f);
    } else if (d->mod == 2) {
        d->disp = (int32_t)fetch32(f);
    }
}

static void decode_modrm(X86DecodedInsn *d, Fetcher *f, bool rm_is_reg)
{
    d->has_modrm = true;
    d->modrm = fetch8(f);
    /* MOV CR/DR: "the mod field is ignored" (SDM vol. 2B, MOV) */
    d->mod = rm_is_reg ? 3 : d->modrm >> 6;
    d->reg = (d->modrm >> 3) & 7;
    d->rm = d->modrm & 7;
    d->ea_base = d->ea_index = -1;
    if (d->mod != 3) {
        if (d->addr32) {
            decode_modrm_mem32(d, f);
        } else {
            decode_modrm_mem16(d, f);
        }
    }
}

static void decode_imm(X86DecodedInsn *d, Fetcher *f, int kind)
{
    switch (kind) {
    case IMM_B:
    case IMM_JB:
        d->imm = (uint32_t)(int8_t)fetch8(f);
        break;
    case IMM_UB:
        d->imm = fetch8(f);
        break;
    case IMM_W:
        d->imm = fetch16(f);
        break;
    case IMM_Z:
    case IMM_JZ:
        d->imm = d->data32 ? fetch32(f) : (uint32_t)(int16_t)fetch16(f);
        break;
    case IMM_WB:
        d->imm = fetch16(f);
        d->imm2 = fetch8(f);
        break;
    case IMM_AP:
        d->imm = d->data32 ? fetch32(f) : fetch16(f);
        d->imm2 = fetch16(f);
        break;
    case IMM_MOFFS:
        d->imm = d->addr32 ? fetch32(f) : fetch16(f);
        break;
    default:
        break;
    }
}

int x86_decode(X86DecodedInsn *d, uint32_t pc, bool code32, X86FetchFn fetch, void *opaque)
{
    Fetcher f = { .fn = fetch, .opaque = opaque, .pc = pc, .start = pc };
    const X86OpRow *row;
    uint8_t b;
    int idx, result = X86_DECODE_OK;

    memset(d, 0, sizeof(*d));
    d->pc = pc;
    d->seg_override = -1;
    d->row = -1;
    d->ea_base = d->ea_index = -1;

    /* Legacy prefixes, any order (SDM vol. 2A, 2.1.1).  Of F2/F3 the last
     * one counts, as on the hardware. */
    for (;;) {
        b = fetch8(&f);
        if (f.too_long) {
            goto too_long;
        }
        switch (b) {
        case 0xf0: d->prefix |= PREFIX_LOCK; continue;
        case 0xf2: d->prefix = (d->prefix & ~PREFIX_REPZ) | PREFIX_REPNZ; continue;
        case 0xf3: d->prefix = (d->prefix & ~PREFIX_REPNZ) | PREFIX_REPZ; continue;
        case 0x66: d->prefix |= PREFIX_DATA; continue;
        case 0x67: d->prefix |= PREFIX_ADR; continue;
        case 0x26: d->seg_override = SEG_ES; continue;
        case 0x2e: d->seg_override = SEG_CS; continue;
        case 0x36: d->seg_override = SEG_SS; continue;
        case 0x3e: d->seg_override = SEG_DS; continue;
        case 0x64: d->seg_override = SEG_FS; continue;
        case 0x65: d->seg_override = SEG_GS; continue;
        default:
            break;
        }
        break;
    }
    d->data32 = code32 ^ !!(d->prefix & PREFIX_DATA);
    d->addr32 = code32 ^ !!(d->prefix & PREFIX_ADR);

    if (b == 0x0f) {
        b = fetch8(&f);
        if (b == 0x38 || b == 0x3a) {
            /* Three-byte maps (SSSE3 and later): ModRM, imm8 for 0F 3A. */
            d->map = b == 0x38 ? 2 : 3;
            d->op = fetch8(&f);
            decode_modrm(d, &f, false);
            if (d->map == 3) {
                decode_imm(d, &f, IMM_UB);
            }
            d->ot = d->data32 ? 2 : 1;
            result = X86_DECODE_UD;
            goto done;
        }
        d->map = 1;
    }
    d->op = b;
    idx = X86_ROW_INDEX(d->map, b, -1);
    row = &x86_op_rows[idx];
    if (!row->name) {
        result = X86_DECODE_UD;
        d->ot = d->data32 ? 2 : 1;
        goto done;
    }
    if (row->flags & X_GRP) {
        decode_modrm(d, &f, false);
        idx = X86_ROW_INDEX(d->map, b, d->reg);
        row = &x86_op_rows[idx];
        if (!row->name) {
            result = X86_DECODE_UD;
            d->ot = d->data32 ? 2 : 1;
            goto done;
        }
    } else if (row->flags & X_M) {
        decode_modrm(d, &f, row->flags & X_RM_REG);
    }
    d->row = idx;
    d->ot = (row->flags & X_B) ? 0 : (row->flags & X_W) ? 1 : d->data32 ? 2 : 1;
    decode_imm(d, &f, row->imm);
    if ((row->flags & X_MEM) && d->mod == 3) {
        result = X86_DECODE_UD;
    }
done:
    if (f.too_long) {
        goto too_long;
    }
    d->len = (uint8_t)(f.pc - pc);
    return result;

too_long:
    d->len = X86_MAX_INSN_LEN;
    return X86_DECODE_TOO_LONG;
}
