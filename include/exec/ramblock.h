/*
 * RAMBlocks: the host memory behind guest RAM and ROM.  Each block has a
 * name, a size, an offset in the flat ram_addr_t space (which the dirty
 * bitmaps and, later, migration index) and host memory.  The registry keeps
 * blocks largest first, as `info ramblock` lists them.
 */
#ifndef EXEC_RAMBLOCK_H
#define EXEC_RAMBLOCK_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "exec/hwaddr.h"

typedef uint64_t ram_addr_t;
#define RAM_ADDR_INVALID UINT64_MAX

typedef struct MemoryRegion MemoryRegion;
typedef struct RAMBlock RAMBlock;

struct RAMBlock {
    char idstr[256];
    MemoryRegion *mr;
    uint8_t *host;
    ram_addr_t offset;
    uint64_t used_length;
    uint64_t max_length;
    size_t page_size;
    RAMBlock *next;
};

/* Allocates @size bytes of zeroed host memory and registers the block. */
RAMBlock *qemu_ram_alloc(uint64_t size, const char *name, MemoryRegion *mr);
void qemu_ram_free(RAMBlock *block);

/* The block holding @addr in ram_addr_t space, or NULL. */
RAMBlock *qemu_ram_block_from_addr(ram_addr_t addr);
RAMBlock *qemu_ram_block_by_name(const char *name);
/* Blocks in registry order (largest first). */
RAMBlock *qemu_ram_first(void);
/* End of the highest block in ram_addr_t space. */
ram_addr_t last_ram_offset(void);

/* `info ramblock`. */
void ram_block_format(GString *out);

#endif
