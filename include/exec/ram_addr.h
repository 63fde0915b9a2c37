/*
 * Dirty tracking of guest RAM pages, per client, in ram_addr_t space.
 *
 * The code client is how the code cache hears about writes to pages it has
 * translated: translating a page clears its CODE bit
 * (cpu_physical_memory_test_and_clear_dirty); a write through the memory
 * API to a page whose CODE bit is clear calls the code-write hook before
 * setting the bit again.  The softmmu TLB uses the same bits to send writes
 * to code pages down its slow path.
 */
#ifndef EXEC_RAM_ADDR_H
#define EXEC_RAM_ADDR_H

#include <stdbool.h>

#include "exec/ramblock.h"

/* Dirty bits are kept per 4 KiB page, the x86 page size. */
#define RAM_DIRTY_PAGE_BITS 12

enum {
    DIRTY_MEMORY_VGA,
    DIRTY_MEMORY_CODE,
    DIRTY_MEMORY_MIGRATION,
    DIRTY_MEMORY_NUM,
};
#define DIRTY_CLIENTS_ALL ((1U << DIRTY_MEMORY_NUM) - 1)
#define DIRTY_CLIENTS_NOCODE (DIRTY_CLIENTS_ALL & ~(1U << DIRTY_MEMORY_CODE))

bool cpu_physical_memory_get_dirty_flag(ram_addr_t addr, unsigned client);
/* True if any page of [start, start + len) is dirty for @client. */
bool cpu_physical_memory_get_dirty(ram_addr_t start, ram_addr_t len, unsigned client);
void cpu_physical_memory_set_dirty_range(ram_addr_t start, ram_addr_t len, unsigned clients);
/* Clears @client's bits in the range; returns true if any was set. */
bool cpu_physical_memory_test_and_clear_dirty(ram_addr_t start, ram_addr_t len,
                                              unsigned client);

/*
 * Called before a write through the memory API reaches RAM whose pages are
 * clean for DIRTY_MEMORY_CODE (the TB cache invalidates translations there).
 */
typedef void RamCodeWriteHook(ram_addr_t start, ram_addr_t len);
void ram_set_code_write_hook(RamCodeWriteHook *hook);

/* Marks [start, start + len) written: runs the code hook if needed, then
 * sets every client's dirty bit. */
void ram_note_write(ram_addr_t start, ram_addr_t len);

/* Grows the bitmaps to cover @end (called when a RAMBlock is added). */
void ram_dirty_bitmaps_grow(ram_addr_t end);

#endif
