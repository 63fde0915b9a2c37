/*
 * A translation block: a run of guest instructions translated together into
 * one piece of host code.  The front end reads pc/cs_base/flags/cflags and
 * fills size/icount; everything else belongs to accel/tcg.
 */
#ifndef EXEC_TRANSLATION_BLOCK_H
#define EXEC_TRANSLATION_BLOCK_H

#include <stdint.h>
#include <stddef.h>

/* cflags: how a TB is compiled. */
#define CF_COUNT_MASK   0x000001ff  /* max guest insns (0 = default limit) */
#define CF_NO_GOTO_TB   0x00000200  /* do not chain with goto_tb */
#define CF_NO_GOTO_PTR  0x00000400  /* do not use lookup_and_goto_ptr */
#define CF_SINGLE_STEP  0x00000800  /* one insn per TB (gdbstub, -singlestep) */
#define CF_NOIRQ        0x00001000  /* no interrupt check at the TB start */
#define CF_PARALLEL     0x00008000  /* other vCPUs/threads may run alongside */
#define CF_INVALID      0x00040000  /* the TB was invalidated */
#define CF_VERIFY       0x00080000  /* guest code re-checked at each entry (shared mapping) */
#define CF_MMIO_CODE    0x00100000  /* code read from MMIO: run once, never cached */

/* cflags bits that are part of the TB lookup key. */
#define CF_HASH_MASK_TCG (CF_COUNT_MASK | CF_NO_GOTO_TB | CF_NO_GOTO_PTR | CF_SINGLE_STEP | \
                          CF_NOIRQ | CF_PARALLEL)

/* Values of the low bits of an exit_tb return value. */
#define TB_EXIT_MASK      3
#define TB_EXIT_IDX0      0
#define TB_EXIT_IDX1      1
#define TB_EXIT_IDXMAX    1
#define TB_EXIT_REQUESTED 3  /* the exit flag was set at the TB start */

typedef struct TranslationBlock TranslationBlock;

struct TranslationBlock {
    /* Lookup key (set before translation). */
    uint64_t pc;        /* guest linear address of the first insn */
    uint64_t cs_base;   /* CS base (x86) */
    uint32_t flags;     /* target state the code depends on (x86: hflags) */
    uint32_t cflags;

    /* Filled by the front end. */
    uint32_t size;      /* guest bytes covered */
    uint16_t icount;    /* guest instructions */

    /* accel/tcg private from here on. */
    const void *tc_ptr;      /* host code */
    size_t tc_size;
    uint64_t page_addr[2];   /* pages the code was read from (-1: none): guest
                              * pages in user mode, RAM pages (ram_addr_t) in
                              * system mode */
    uint64_t phys_pc;        /* pc in the space of page_addr (user mode: pc) */

    /* Direct jumps (goto_tb slots): offset in tc of the patchable jump and
     * of the unchained fall-through; the TB each slot points to. */
    uint16_t jmp_insn_offset[2];
    uint16_t jmp_reset_offset[2];
    struct TranslationBlock *jmp_dest[2];
    /* TBs that jump to this one: list through their jmp_next[slot]. */
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[2];

    struct TranslationBlock *hash_next;     /* hash chain */
    struct TranslationBlock *page_next[2];  /* per-page TB lists */

    /* Search data for restoring guest state from a host pc (see
     * cpu_restore_state): encoded insn_start words and host offsets. */
    const uint8_t *restore_data;
    /* CF_VERIFY: the guest bytes the TB was translated from. */
    const uint8_t *verify_copy;
};

#endif
