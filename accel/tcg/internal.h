/*
 * Private interfaces between the files of accel/tcg: the TB cache and its
 * maintenance (tb-maint.c), translation (translate-all.c), the execution
 * loop (cpu-exec.c) and user-mode memory (user-exec.c).
 */
#ifndef ACCEL_TCG_INTERNAL_H
#define ACCEL_TCG_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/exec-all.h"
#include "tcg/tcg-types.h"

/* cflags bits that are part of the TB lookup key. */
#define CF_HASH_MASK CF_HASH_MASK_TCG

/* The one lock around TB generation and invalidation (issue 4 makes the
 * rest of accel/tcg thread-safe around it).  Recursive per thread. */
void tb_lock(void);
void tb_unlock(void);
bool tb_lock_held(void);
/* After a longjmp out of translation or invalidation: drop the lock. */
void tb_lock_reset(void);

/* cflags for TBs translated now (adds CF_NO_GOTO_* for -d nochain...):
 * computed at each cpu_exec entry, cached per thread. */
uint32_t curr_cflags_compute(CPUState *cpu);
extern __thread uint32_t curr_cflags_cached;
static inline uint32_t curr_cflags(CPUState *cpu)
{
    return curr_cflags_cached;
}

/* tb-maint.c */
void tb_htable_init(void);
TranslationBlock *tb_htable_lookup(uint64_t pc, uint64_t cs_base, uint32_t flags,
                                   uint32_t cflags, uint64_t phys_pc);
void tb_htable_insert(TranslationBlock *tb);
void tb_link_pages(TranslationBlock *tb);
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next);
void tb_phys_invalidate(TranslationBlock *tb);
/* Invalidates the TBs on one guest page; returns true if the TB holding
 * host pc `current_pc` (0: none) was among them. */
bool tb_invalidate_page(uint64_t page_addr, uintptr_t current_pc);
bool page_has_tbs(uint64_t page_addr);
void tb_maint_flush(void);
void tb_jmp_cache_clear_all(void);

static inline unsigned tb_jmp_cache_hash(uint64_t pc)
{
    return (unsigned)((pc ^ (pc >> TB_JMP_CACHE_BITS)) & (TB_JMP_CACHE_SIZE - 1));
}

TranslationBlock *tb_lookup_slow(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                                 uint32_t cflags);

/* Fast lookup for the CPU's next TB: jump cache, then the hash table. */
static inline TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                                          uint32_t flags, uint32_t cflags)
{
    TranslationBlock *tb = cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)];

    if (__builtin_expect(tb && tb->pc == pc && tb->cs_base == cs_base && tb->flags == flags &&
                         (tb->cflags & (CF_HASH_MASK | CF_INVALID)) == (cflags & CF_HASH_MASK),
                         1)) {
        return tb;
    }
    return tb_lookup_slow(cpu, pc, cs_base, flags, cflags);
}

#ifndef CONFIG_USER_ONLY
/* cputlb.c (system mode) */
#include "exec/cputlb.h"
#include "exec/ramblock.h"
void tlb_flush_if_pending(CPUState *cpu);
/* A TB is being made from this RAM page: send writes to it down the slow path. */
void tlb_note_code_page(ram_addr_t ram_page);
/* Host address of the code page of addr (filling the TLB; raises the
 * guest's fault unless probe), its RAM page in *ram_page; NULL when
 * probing fails or the page is not RAM/ROM (*ram_page = RAM_ADDR_INVALID). */
void *tlb_code_page(CPUArchState *env, uint64_t addr, int mmu_idx, bool probe,
                    ram_addr_t *ram_page);
/* A byte of code from a page that is not RAM/ROM (MMIO, or nothing: the
 * bus answers), read through the memory API. */
uint8_t tlb_code_ldub_io(CPUArchState *env, uint64_t addr, int mmu_idx);
/* The RAM page the code TLB maps addr to, without filling (lookups). */
ram_addr_t tlb_code_ram_page_nofill(CPUArchState *env, uint64_t addr, int mmu_idx);
#endif

/* translate-all.c */
TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                              uint32_t cflags);
/* The TB whose host code contains host pc (NULL if none). */
TranslationBlock *tcg_tb_lookup(uintptr_t host_pc);
/* The flush generation: changes at every tb_flush. */
extern unsigned tb_flush_count;
extern bool tb_flush_pending;
void do_tb_flush(void);
void tb_flush_if_pending(void);

/* translator.c: the host code page(s) a TB covers are recorded through
 * this while translating. */
void tb_record_page(TranslationBlock *tb, uint64_t page_addr);

/* user-exec.c: called when a TB has been added on a guest page (write
 * protects it on the host so writes can be caught). */
void page_protect_for_tb(uint64_t page_addr);

/* cpu-exec.c */
extern uint32_t tcg_cflags_global;
/* cflags for the next TB this thread's CPU runs (-1: the usual ones);
 * set when a TB modified its own code. */
extern __thread uint32_t cflags_next_tb;

/* tcg-runtime.c */
extern const TCGHelperInfo helper_lookup_tb_ptr_info;

/* The mode this copy of accel/tcg is built for. */
#ifdef CONFIG_USER_ONLY
#include "exec/cpu-ldst.h"
static inline bool tcg_mode_is_softmmu(void) { return false; }
static inline uintptr_t tcg_guest_base_value(void) { return guest_base; }
#else
static inline bool tcg_mode_is_softmmu(void) { return true; }
static inline uintptr_t tcg_guest_base_value(void) { return 0; }
#endif

#endif
