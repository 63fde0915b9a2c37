/*
 * TB cache maintenance: the global hash table keyed by (pc, cs_base,
 * flags, cflags), the per-CPU jump cache, the per-page TB lists used for
 * invalidation, direct-jump chaining and unchaining.
 *
 * Lists use tagged pointers: (tb | n) names slot/page n of tb.
 * Everything here runs under tb_lock (see internal.h); readers in
 * generated code (helper_lookup_tb_ptr) only read the hash and the jump
 * cache, which invalidation keeps consistent before freeing anything (TB
 * memory is only reused after a tb_flush).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/internal.h"
#include "exec/page-protection.h"
#include "tcg/tcg.h"

/* ---- hash table ---- */

static TranslationBlock **tb_hash;
static unsigned tb_hash_bits;
static unsigned tb_hash_count;

static inline unsigned tb_hash_func(uint64_t pc, uint64_t cs_base, uint32_t flags,
                                    uint32_t cflags)
{
    uint64_t h = pc * 0x9e3779b97f4a7c15ull;
    h ^= (cs_base + flags) * 0xc2b2ae3d27d4eb4full;
    h ^= (uint64_t)cflags * 0x165667b19e3779f9ull;
    h ^= h >> 29;
    return (unsigned)(h >> (64 - tb_hash_bits));
}

void tb_htable_init(void)
{
    tb_hash_bits = 15;
    tb_hash = calloc(1u << tb_hash_bits, sizeof(*tb_hash));
    tb_hash_count = 0;
    if (!tb_hash) {
        abort();
    }
}

static void tb_htable_grow(void)
{
    unsigned old_bits = tb_hash_bits;
    TranslationBlock **old = tb_hash;
    TranslationBlock **n = calloc(1u << (old_bits + 1), sizeof(*n));
    if (!n) {
        return; /* keep the longer chains */
    }
    tb_hash = n;
    tb_hash_bits = old_bits + 1;
    for (unsigned i = 0; i < (1u << old_bits); i++) {
        TranslationBlock *tb = old[i];
        while (tb) {
            TranslationBlock *next = tb->hash_next;
            unsigned h = tb_hash_func(tb->pc, tb->cs_base, tb->flags, tb->cflags & CF_HASH_MASK);
            tb->hash_next = tb_hash[h];
            tb_hash[h] = tb;
            tb = next;
        }
    }
    free(old);
}

TranslationBlock *tb_htable_lookup(uint64_t pc, uint64_t cs_base, uint32_t flags,
                                   uint32_t cflags, uint64_t phys_pc)
{
    cflags &= CF_HASH_MASK;
    for (TranslationBlock *tb = tb_hash[tb_hash_func(pc, cs_base, flags, cflags)]; tb;
         tb = tb->hash_next) {
        if (tb->pc == pc && tb->phys_pc == phys_pc && tb->cs_base == cs_base &&
            tb->flags == flags &&
            (tb->cflags & (CF_HASH_MASK | CF_INVALID)) == cflags) {
            return tb;
        }
    }
    return NULL;
}

void tb_htable_insert(TranslationBlock *tb)
{
    unsigned h = tb_hash_func(tb->pc, tb->cs_base, tb->flags, tb->cflags & CF_HASH_MASK);
    tb->hash_next = tb_hash[h];
    tb_hash[h] = tb;
    if (++tb_hash_count > (2u << tb_hash_bits)) {
        tb_htable_grow();
    }
}

static void tb_htable_remove(TranslationBlock *tb)
{
    unsigned h = tb_hash_func(tb->pc, tb->cs_base, tb->flags, tb->cflags & CF_HASH_MASK);
    for (TranslationBlock **p = &tb_hash[h]; *p; p = &(*p)->hash_next) {
        if (*p == tb) {
            *p = tb->hash_next;
            tb_hash_count--;
            return;
        }
    }
}

TranslationBlock *tb_lookup_slow(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                                 uint32_t cflags)
{
    uint64_t phys_pc = pc;
#ifndef CONFIG_USER_ONLY
    /* The same virtual pc may map other code now: the key includes the
     * RAM address (a probing fill: a fault is raised when translating). */
    ram_addr_t ram_page;
    if (!tlb_code_page(cpu->env_ptr, pc, cpu_mmu_index(cpu->env_ptr, true), true, &ram_page) ||
        ram_page == RAM_ADDR_INVALID) {
        return NULL;
    }
    phys_pc = ram_page | (pc & ~TARGET_PAGE_MASK);
#endif
    /* Under the lock: another thread may be inserting or growing. */
    tb_lock();
    TranslationBlock *tb = tb_htable_lookup(pc, cs_base, flags, cflags, phys_pc);
    tb_unlock();
    if (tb) {
        cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)] = tb;
    }
    return tb;
}

/* ---- per-page TB lists ----
 * Two-level table indexed by guest page number (36-bit addresses). */

#define L2_BITS 10
#define L1_BITS (36 - TARGET_PAGE_BITS - L2_BITS)

static uintptr_t *page_tb_l1[1u << L1_BITS];

static uintptr_t *page_tb_head(uint64_t page_addr, bool alloc)
{
    uint64_t index = page_addr >> TARGET_PAGE_BITS;
    uint64_t i1 = index >> L2_BITS;
    if (i1 >= (1u << L1_BITS)) {
        fprintf(stderr, "q86: TB page address %#llx beyond 36 bits\n",
                (unsigned long long)page_addr);
        abort();
    }
    uintptr_t *l2 = page_tb_l1[i1];
    if (!l2) {
        if (!alloc) {
            return NULL;
        }
        l2 = calloc(1u << L2_BITS, sizeof(uintptr_t));
        if (!l2) {
            abort();
        }
        page_tb_l1[i1] = l2;
    }
    return &l2[index & ((1u << L2_BITS) - 1)];
}

bool page_has_tbs(uint64_t page_addr)
{
    uintptr_t *head = page_tb_head(page_addr & TARGET_PAGE_MASK, false);
    return head && *head;
}

void tb_link_pages(TranslationBlock *tb)
{
    for (int n = 0; n < 2; n++) {
        if (tb->page_addr[n] == (uint64_t)-1) {
            continue;
        }
        uintptr_t *head = page_tb_head(tb->page_addr[n], true);
        tb->page_next[n] = (TranslationBlock *)*head;
        *head = (uintptr_t)tb | n;
    }
}

static void page_list_remove(TranslationBlock *tb, int n)
{
    uintptr_t *p = page_tb_head(tb->page_addr[n], false);
    uintptr_t want = (uintptr_t)tb | n;
    while (p && *p) {
        TranslationBlock *t = (TranslationBlock *)(*p & ~(uintptr_t)3);
        int tn = (int)(*p & 3);
        if (*p == want) {
            *p = (uintptr_t)t->page_next[tn];
            return;
        }
        p = (uintptr_t *)&t->page_next[tn];
    }
}

/* ---- chaining ---- */

void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next)
{
    /* A CF_VERIFY TB is only entered from cpu_exec, which checks it. */
    if (tb->jmp_dest[n] || tb->jmp_insn_offset[n] == 0xffff ||
        ((tb->cflags | tb_next->cflags) & CF_INVALID) || (tb_next->cflags & CF_VERIFY)) {
        return;
    }
    tb->jmp_dest[n] = tb_next;
    tb->jmp_list_next[n] = tb_next->jmp_list_head;
    tb_next->jmp_list_head = (uintptr_t)tb | n;
    tb_target_set_jmp_target((uintptr_t)tb->tc_ptr + tb->jmp_insn_offset[n],
                             (uintptr_t)tb_next->tc_ptr);
}

static void tb_reset_jump(TranslationBlock *tb, int n)
{
    tb_target_set_jmp_target((uintptr_t)tb->tc_ptr + tb->jmp_insn_offset[n],
                             (uintptr_t)tb->tc_ptr + tb->jmp_reset_offset[n]);
    tb->jmp_dest[n] = NULL;
}

/* Drops tb's outgoing jump n from its destination's incoming list. */
static void tb_unlink_outgoing(TranslationBlock *tb, int n)
{
    TranslationBlock *dest = tb->jmp_dest[n];
    if (!dest) {
        return;
    }
    uintptr_t want = (uintptr_t)tb | n;
    uintptr_t *p = &dest->jmp_list_head;
    while (*p) {
        TranslationBlock *t = (TranslationBlock *)(*p & ~(uintptr_t)3);
        int tn = (int)(*p & 3);
        if (*p == want) {
            *p = t->jmp_list_next[tn];
            break;
        }
        p = &t->jmp_list_next[tn];
    }
    tb->jmp_dest[n] = NULL;
}

/* ---- invalidation ---- */

static void tb_jmp_cache_remove(TranslationBlock *tb)
{
    unsigned h = tb_jmp_cache_hash(tb->pc);
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next_cpu) {
        if (cpu->tb_jmp_cache[h] == tb) {
            cpu->tb_jmp_cache[h] = NULL;
        }
    }
    if (current_cpu && current_cpu->tb_jmp_cache[h] == tb) {
        current_cpu->tb_jmp_cache[h] = NULL;
    }
}

void tb_jmp_cache_clear_all(void)
{
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next_cpu) {
        memset(cpu->tb_jmp_cache, 0, sizeof(cpu->tb_jmp_cache));
    }
    if (current_cpu) {
        memset(current_cpu->tb_jmp_cache, 0, sizeof(current_cpu->tb_jmp_cache));
    }
}

void tb_phys_invalidate(TranslationBlock *tb)
{
    if (tb->cflags & CF_INVALID) {
        return;
    }
    tb_htable_remove(tb);
    __atomic_store_n(&tb->cflags, tb->cflags | CF_INVALID, __ATOMIC_RELEASE);
    for (int n = 0; n < 2; n++) {
        if (tb->page_addr[n] != (uint64_t)-1) {
            page_list_remove(tb, n);
        }
    }
    tb_jmp_cache_remove(tb);
    for (int n = 0; n < 2; n++) {
        tb_unlink_outgoing(tb, n);
    }
    uintptr_t in = tb->jmp_list_head;
    while (in) {
        TranslationBlock *src = (TranslationBlock *)(in & ~(uintptr_t)3);
        int n = (int)(in & 3);
        in = src->jmp_list_next[n];
        tb_reset_jump(src, n);
    }
    tb->jmp_list_head = 0;
}

bool tb_invalidate_page(uint64_t page_addr, uintptr_t current_pc)
{
    uintptr_t *head = page_tb_head(page_addr & TARGET_PAGE_MASK, false);
    TranslationBlock *current = current_pc ? tcg_tb_lookup(current_pc) : NULL;
    bool hit_current = false;

    while (head && *head) {
        TranslationBlock *tb = (TranslationBlock *)(*head & ~(uintptr_t)3);
        /* A one-insn TB may finish its own store: its code stays in the
         * buffer until a flush.  A longer one must stop and be redone one
         * insn at a time, or the store would fault again forever. */
        if (tb == current && (tb->cflags & CF_COUNT_MASK) != 1) {
            hit_current = true;
        }
        tb_phys_invalidate(tb); /* unlinks it from *head */
    }
    if (hit_current && current_cpu) {
        cflags_next_tb = 1 | CF_NOIRQ | curr_cflags(current_cpu);
    }
    return hit_current;
}

void tb_invalidate_phys_range(uint64_t start, uint64_t end)
{
    tb_lock();
    for (uint64_t p = start & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        uintptr_t *head = page_tb_head(p, false);
        uintptr_t cur = head ? *head : 0;
        while (cur) {
            TranslationBlock *tb = (TranslationBlock *)(cur & ~(uintptr_t)3);
            int n = (int)(cur & 3);
            cur = (uintptr_t)tb->page_next[n];
            /* A TB overlaps [start, end) if its bytes on this page do. */
            uint64_t tb_start = tb->phys_pc, tb_end = tb->phys_pc + (tb->size ? tb->size : 1);
            if (tb_end > tb->page_addr[0] + TARGET_PAGE_SIZE) {
                tb_end = tb->page_addr[0] + TARGET_PAGE_SIZE;
            }
            if (n == 1) {
                /* The bytes on the second page start at its beginning. */
                uint64_t first = TARGET_PAGE_SIZE - (tb->pc & ~TARGET_PAGE_MASK);
                tb_start = tb->page_addr[1];
                tb_end = tb->page_addr[1] + (tb->size - first);
            }
            if (tb_start < end && tb_end > start) {
                tb_phys_invalidate(tb);
            }
        }
    }
    tb_unlock();
}

void tb_maint_flush(void)
{
    memset(tb_hash, 0, sizeof(*tb_hash) << tb_hash_bits);
    tb_hash_count = 0;
    for (unsigned i = 0; i < (1u << L1_BITS); i++) {
        if (page_tb_l1[i]) {
            memset(page_tb_l1[i], 0, sizeof(uintptr_t) << L2_BITS);
        }
    }
    tb_jmp_cache_clear_all();
}
