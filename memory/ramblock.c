/* The RAMBlock registry: host memory for guest RAM/ROM and `info ramblock`. */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "exec/memory.h"
#include "exec/ram_addr.h"
#include "exec/ramblock.h"

static RAMBlock *ram_blocks; /* largest max_length first */

/*
 * Blocks start on 256 KiB boundaries of ram_addr_t space so each block's
 * dirty bits begin on a whole 64-bit bitmap word (64 pages of 4 KiB); QEMU
 * aligns the same way, which is why its offsets look like ours.
 */
#define RAM_OFFSET_ALIGN (64ULL << RAM_DIRTY_PAGE_BITS)

static ram_addr_t align_up(ram_addr_t v, ram_addr_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* The smallest gap between existing blocks that holds @size (best fit). */
static ram_addr_t find_ram_offset(uint64_t size)
{
    ram_addr_t best = RAM_ADDR_INVALID;
    ram_addr_t best_gap = RAM_ADDR_INVALID;

    if (!ram_blocks) {
        return 0;
    }
    for (RAMBlock *b = ram_blocks; b; b = b->next) {
        ram_addr_t start = align_up(b->offset + b->max_length, RAM_OFFSET_ALIGN);
        ram_addr_t next = RAM_ADDR_INVALID;
        for (RAMBlock *o = ram_blocks; o; o = o->next) {
            if (o->offset >= start && o->offset < next) {
                next = o->offset;
            }
        }
        if (next - start >= size && next - start < best_gap) {
            best = start;
            best_gap = next - start;
        }
    }
    /* A gap before the lowest block counts too. */
    ram_addr_t lowest = RAM_ADDR_INVALID;
    for (RAMBlock *b = ram_blocks; b; b = b->next) {
        if (b->offset < lowest) {
            lowest = b->offset;
        }
    }
    if (lowest >= size && lowest < best_gap) {
        best = 0;
    }
    g_assert(best != RAM_ADDR_INVALID);
    return best;
}

RAMBlock *qemu_ram_alloc(uint64_t size, const char *name, MemoryRegion *mr)
{
    RAMBlock *block = g_new0(RAMBlock, 1);
    uint64_t map_size = align_up(size ? size : 1, (uint64_t)getpagesize());
    RAMBlock **link;

    g_strlcpy(block->idstr, name, sizeof(block->idstr));
    block->mr = mr;
    block->used_length = size;
    block->max_length = size;
    block->page_size = (size_t)getpagesize();
    block->offset = find_ram_offset(size);
    /* Anonymous memory is zero-filled; NORESERVE so a large -m costs nothing
     * until the guest touches it. */
    block->host = mmap(NULL, map_size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (block->host == MAP_FAILED) {
        g_error("cannot allocate %" PRIu64 " bytes of guest RAM for '%s'", size, name);
    }
    ram_dirty_bitmaps_grow(block->offset + size);
    /* Fresh memory has no translated code: every page starts dirty. */
    cpu_physical_memory_set_dirty_range(block->offset, size, DIRTY_CLIENTS_ALL);

    for (link = &ram_blocks; *link && (*link)->max_length >= size; link = &(*link)->next) {
    }
    block->next = *link;
    *link = block;
    return block;
}

void qemu_ram_free(RAMBlock *block)
{
    if (!block) {
        return;
    }
    for (RAMBlock **link = &ram_blocks; *link; link = &(*link)->next) {
        if (*link == block) {
            *link = block->next;
            break;
        }
    }
    munmap(block->host, align_up(block->max_length ? block->max_length : 1,
                                 (uint64_t)getpagesize()));
    g_free(block);
}

RAMBlock *qemu_ram_block_from_addr(ram_addr_t addr)
{
    for (RAMBlock *b = ram_blocks; b; b = b->next) {
        if (addr - b->offset < b->max_length) {
            return b;
        }
    }
    return NULL;
}

RAMBlock *qemu_ram_block_by_name(const char *name)
{
    for (RAMBlock *b = ram_blocks; b; b = b->next) {
        if (strcmp(b->idstr, name) == 0) {
            return b;
        }
    }
    return NULL;
}

RAMBlock *qemu_ram_first(void)
{
    return ram_blocks;
}

ram_addr_t last_ram_offset(void)
{
    ram_addr_t last = 0;

    for (RAMBlock *b = ram_blocks; b; b = b->next) {
        if (b->offset + b->max_length > last) {
            last = b->offset + b->max_length;
        }
    }
    return last;
}

/* "4 KiB", "2 MiB": sizes as QEMU's `info ramblock` prints them. */
static void append_size(GString *out, uint64_t size)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    unsigned u = 0;

    while (size >= 1024 && size % 1024 == 0 && u + 1 < G_N_ELEMENTS(units)) {
        size /= 1024;
        u++;
    }
    g_string_append_printf(out, "%" PRIu64 " %s", size, units[u]);
}

/*
 * Column layout as printed by QEMU 7.2's `info ramblock` (observed on
 * Debian's qemu-system-i386): name right-aligned in 24, page size in 8,
 * then offset, used and total length as 0x%016x.
 */
void ram_block_format(GString *out)
{
    g_string_append_printf(out, "%24s %8s  %18s %18s %18s\n",
                           "Block Name", "PSize", "Offset", "Used", "Total");
    for (RAMBlock *b = ram_blocks; b; b = b->next) {
        GString *psize = g_string_new(NULL);
        append_size(psize, b->page_size);
        g_string_append_printf(out, "%24s %8s  0x%016" PRIx64 " 0x%016" PRIx64
                               " 0x%016" PRIx64 "\n",
                               b->idstr, psize->str, b->offset, b->used_length,
                               b->max_length);
        g_string_free(psize, TRUE);
    }
}
