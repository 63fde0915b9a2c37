/*
 * Types shared by the IR builders (tcg-op.h), the IR itself (tcg/) and its
 * users.  Nothing here knows the guest or the host ISA.
 */
#ifndef TCG_TYPES_H
#define TCG_TYPES_H

#include <stdbool.h>
#include <stdint.h>

/* Typed handles to IR temps.  They point into the TCGContext's temp array;
 * the distinct struct types make the compiler catch i32/i64/ptr mix-ups. */
typedef struct TCGTemp TCGTemp;
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;
typedef struct TCGLabel TCGLabel;

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_PTR = TCG_TYPE_I64, /* the host (x86-64) is 64-bit */
} TCGType;

/* Conditions.  Each pairs with its inverse in the low bit (see
 * tcg_invert_cond); LTU..GTU are the unsigned comparisons. */
typedef enum TCGCond {
    TCG_COND_NEVER  = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ     = 2,
    TCG_COND_NE     = 3,
    TCG_COND_LT     = 4,
    TCG_COND_GE     = 5,
    TCG_COND_LE     = 6,
    TCG_COND_GT     = 7,
    TCG_COND_LTU    = 12,
    TCG_COND_GEU    = 13,
    TCG_COND_LEU    = 14,
    TCG_COND_GTU    = 15,
    /* (a & b) ==/!= 0, for flag tests */
    TCG_COND_TSTEQ  = 8,
    TCG_COND_TSTNE  = 9,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c)
{
    return (TCGCond)(c ^ 1);
}

static inline TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;
    }
}

/*
 * Guest memory operation: size, sign, byte order, alignment.
 * The host is little-endian and so is x86; MO_BSWAP exists for completeness.
 */
typedef enum MemOp {
    MO_8     = 0,
    MO_16    = 1,
    MO_32    = 2,
    MO_64    = 3,
    MO_128   = 4,
    MO_SIZE  = 7,
    MO_SIGN  = 8,
    MO_BSWAP = 16,
    MO_LE    = 0,

    /* Alignment requirement: 0 = none (x86 default), else fault unless
     * the address is aligned to the access size (MO_ALIGN) or 2^n bytes. */
    MO_ASHIFT = 5,
    MO_AMASK  = 7 << MO_ASHIFT,
    MO_UNALN  = 0,
    MO_ALIGN  = 1 << MO_ASHIFT,  /* aligned to the access size */

    /* Access must be atomic as a whole (e.g. LOCK-prefixed, CMPXCHG8B). */
    MO_ATOM_WHOLE = 1 << 8,

    MO_UB = MO_8,
    MO_UW = MO_16,
    MO_UL = MO_32,
    MO_UQ = MO_64,
    MO_SB = MO_SIGN | MO_8,
    MO_SW = MO_SIGN | MO_16,
    MO_SL = MO_SIGN | MO_32,
    MO_LEUW = MO_LE | MO_UW,
    MO_LEUL = MO_LE | MO_UL,
    MO_LEUQ = MO_LE | MO_UQ,
} MemOp;

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

/* Memory barrier kinds for tcg_gen_mb(). */
typedef enum TCGBar {
    TCG_MO_LD_LD = 0x01,
    TCG_MO_ST_LD = 0x02,
    TCG_MO_LD_ST = 0x04,
    TCG_MO_ST_ST = 0x08,
    TCG_MO_ALL   = 0x0f,
    TCG_BAR_SC   = 0x30, /* sequentially consistent (e.g. MFENCE, LOCK) */
} TCGBar;

/*
 * Helper calls.  `flags` says what the IR may assume about a helper;
 * `typemask` packs 3 bits per slot, slot 0 the return value and slots 1..7
 * the arguments, with the dh_typecode_* values below.
 */
enum {
    /* The helper reads no guest global (globals need not be saved first). */
    TCG_CALL_NO_READ_GLOBALS  = 0x0001,
    /* The helper writes no guest global (globals stay valid in registers). */
    TCG_CALL_NO_WRITE_GLOBALS = 0x0002,
    /* No side effects: the call may be removed if its result is unused. */
    TCG_CALL_NO_SIDE_EFFECTS  = 0x0004,
    /* The helper never returns normally (raises an exception / longjmps). */
    TCG_CALL_NO_RETURN        = 0x0008,

    TCG_CALL_NO_RWG = TCG_CALL_NO_READ_GLOBALS,
    TCG_CALL_NO_WG  = TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_SE  = TCG_CALL_NO_SIDE_EFFECTS,
    TCG_CALL_NO_RWG_SE = TCG_CALL_NO_RWG | TCG_CALL_NO_SE,
    TCG_CALL_NO_WG_SE  = TCG_CALL_NO_WG | TCG_CALL_NO_SE,
};

enum {
    dh_typecode_void = 0,
    dh_typecode_i32  = 2,   /* uint32_t */
    dh_typecode_s32  = 3,   /* int32_t: sign-extended when passed */
    dh_typecode_i64  = 4,   /* uint64_t */
    dh_typecode_s64  = 5,
    dh_typecode_ptr  = 6,   /* host pointer */
};

typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    unsigned flags;
    unsigned typemask;
} TCGHelperInfo;

#endif
