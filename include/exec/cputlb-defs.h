/*
 * The softmmu TLB's data layout, shared by accel/tcg/cputlb.c and the
 * back end's inline fast path (tcg/x86_64).  Only system mode has a TLB.
 *
 * The fast path for an access of `size` bytes at guest virtual `addr`:
 *     entry = fast[mmu_idx].table + ((addr >> TARGET_PAGE_BITS) & (TLB_ENTRIES - 1))
 *     if (((addr + size - 1) & TARGET_PAGE_MASK) == entry->addr_read/write)
 *         host = entry->addend + addr
 * A comparator with any TLB_FLAG_MASK bit set never matches, so such pages
 * (MMIO, ROM writes, code pages under watch, invalid) always take the slow
 * path; so does an access crossing a page boundary.
 */
#ifndef EXEC_CPUTLB_DEFS_H
#define EXEC_CPUTLB_DEFS_H

#include <stdint.h>

#define CPU_TLB_BITS 10
#define CPU_TLB_ENTRIES (1u << CPU_TLB_BITS)
#define CPU_TLB_ENTRY_BITS 5      /* sizeof(CPUTLBEntry) == 32 */
#define CPU_TLB_MAX_MMU_MODES 8

/* Flag bits in the low (in-page) bits of a comparator. */
#define TLB_INVALID_MASK (1u << 11)  /* no valid mapping for this access kind */
#define TLB_MMIO         (1u << 10)  /* go through the memory API */
#define TLB_NOTDIRTY     (1u << 9)   /* RAM holding translated code: watch writes */
#define TLB_FLAG_MASK    (TLB_INVALID_MASK | TLB_MMIO | TLB_NOTDIRTY)

typedef struct CPUTLBEntry {
    uint64_t addr_read;     /* page | flags, or -1 */
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;       /* host address - guest virtual address (RAM) */
} CPUTLBEntry;

_Static_assert(sizeof(CPUTLBEntry) == (1u << CPU_TLB_ENTRY_BITS), "TLB entry size");

/* What generated code reads, in CPUNegativeOffsetState (next to env). */
typedef struct CPUTLBDescFast {
    uintptr_t mask;         /* (entries - 1) << CPU_TLB_ENTRY_BITS */
    CPUTLBEntry *table;
} CPUTLBDescFast;

/* The slow-path helpers the inline fast path calls on a miss.  oi packs
 * the MemOp (low 16 bits) and the mmu_idx (bits 16..23); ra is the host
 * address in the TB the access belongs to (for state restore on a fault). */
#define MAKE_MEMOP_IDX(memop, idx) (((uint32_t)(memop) & 0xffff) | ((uint32_t)(idx) << 16))
#define MEMOP_IDX_MEMOP(oi) ((oi) & 0xffff)
#define MEMOP_IDX_MMU(oi) ((int)((oi) >> 16))
uint64_t helper_ld_mmu(void *env, uint64_t addr, uint32_t oi, uintptr_t ra);
void helper_st_mmu(void *env, uint64_t addr, uint64_t val, uint32_t oi, uintptr_t ra);

#endif
