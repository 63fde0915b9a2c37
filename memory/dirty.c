/* Dirty bitmaps of guest RAM pages, one per client (see exec/ram_addr.h). */
#include <string.h>

#include <glib.h>

#include "exec/ram_addr.h"

#define BITS_PER_WORD 64

/* Words are updated atomically: a vCPU thread may write RAM while the main
 * loop reads the bitmaps. */
static uint64_t *dirty_bitmap[DIRTY_MEMORY_NUM];
static uint64_t dirty_pages; /* pages covered by the bitmaps */
static RamCodeWriteHook *code_write_hook;

void ram_dirty_bitmaps_grow(ram_addr_t end)
{
    uint64_t pages = (end + (1ULL << RAM_DIRTY_PAGE_BITS) - 1) >> RAM_DIRTY_PAGE_BITS;
    uint64_t old_words = (dirty_pages + BITS_PER_WORD - 1) / BITS_PER_WORD;
    uint64_t new_words = (pages + BITS_PER_WORD - 1) / BITS_PER_WORD;

    if (pages <= dirty_pages) {
        return;
    }
    for (unsigned c = 0; c < DIRTY_MEMORY_NUM; c++) {
        dirty_bitmap[c] = g_renew(uint64_t, dirty_bitmap[c], new_words);
        memset(dirty_bitmap[c] + old_words, 0, (new_words - old_words) * sizeof(uint64_t));
    }
    dirty_pages = pages;
}

/* Calls @fn(word index, mask) for each bitmap word the page range touches. */
#define FOR_EACH_WORD(start, len, body)                                             \
    do {                                                                            \
        uint64_t first_ = (start) >> RAM_DIRTY_PAGE_BITS;                           \
        uint64_t end_ = ((start) + (len) + (1ULL << RAM_DIRTY_PAGE_BITS) - 1)       \
                        >> RAM_DIRTY_PAGE_BITS;                                     \
        if (end_ > dirty_pages) {                                                   \
            end_ = dirty_pages;                                                     \
        }                                                                           \
        for (uint64_t p_ = first_; p_ < end_;) {                                    \
            uint64_t w_ = p_ / BITS_PER_WORD;                                       \
            unsigned b_ = p_ % BITS_PER_WORD;                                       \
            unsigned n_ = BITS_PER_WORD - b_;                                       \
            if (n_ > end_ - p_) {                                                   \
                n_ = (unsigned)(end_ - p_);                                         \
            }                                                                       \
            uint64_t mask_ = (n_ == 64 ? ~0ULL : ((1ULL << n_) - 1)) << b_;         \
            body;                                                                   \
            p_ += n_;                                                               \
        }                                                                           \
    } while (0)

bool cpu_physical_memory_get_dirty(ram_addr_t start, ram_addr_t len, unsigned client)
{
    bool dirty = false;

    if (len == 0) {
        return false;
    }
    FOR_EACH_WORD(start, len, {
        if (__atomic_load_n(&dirty_bitmap[client][w_], __ATOMIC_RELAXED) & mask_) {
            dirty = true;
        }
    });
    return dirty;
}

bool cpu_physical_memory_get_dirty_flag(ram_addr_t addr, unsigned client)
{
    return cpu_physical_memory_get_dirty(addr, 1, client);
}

void cpu_physical_memory_set_dirty_range(ram_addr_t start, ram_addr_t len, unsigned clients)
{
    if (len == 0) {
        return;
    }
    for (unsigned c = 0; c < DIRTY_MEMORY_NUM; c++) {
        if (!(clients & (1U << c))) {
            continue;
        }
        FOR_EACH_WORD(start, len, {
            __atomic_fetch_or(&dirty_bitmap[c][w_], mask_, __ATOMIC_RELAXED);
        });
    }
}

bool cpu_physical_memory_test_and_clear_dirty(ram_addr_t start, ram_addr_t len,
                                              unsigned client)
{
    bool was_dirty = false;

    if (len == 0) {
        return false;
    }
    FOR_EACH_WORD(start, len, {
        if (__atomic_fetch_and(&dirty_bitmap[client][w_], ~mask_, __ATOMIC_RELAXED) & mask_) {
            was_dirty = true;
        }
    });
    return was_dirty;
}

void ram_set_code_write_hook(RamCodeWriteHook *hook)
{
    code_write_hook = hook;
}

void ram_note_write(ram_addr_t start, ram_addr_t len)
{
    if (len == 0) {
        return;
    }
    /* A page whose CODE bit is clear holds translated code: tell the cache
     * before the bit is set again. */
    if (code_write_hook) {
        bool all_dirty = true;
        FOR_EACH_WORD(start, len, {
            if ((__atomic_load_n(&dirty_bitmap[DIRTY_MEMORY_CODE][w_], __ATOMIC_RELAXED)
                 & mask_) != mask_) {
                all_dirty = false;
            }
        });
        if (!all_dirty) {
            code_write_hook(start, len);
        }
    }
    cpu_physical_memory_set_dirty_range(start, len, DIRTY_CLIENTS_ALL);
}
