/* MemoryRegion: creating regions and editing the tree. */
#include <string.h>

#include <glib.h>

#include "exec/memory.h"
#include "exec/ramblock.h"
#include "memory-internal.h"

/* UINT64_MAX as a size means "all of 2^64", as callers cannot say 2^64. */
static Int128 size_from_u64(uint64_t size)
{
    return size == UINT64_MAX ? (Int128)1 << 64 : (Int128)size;
}

void memory_region_init(MemoryRegion *mr, const char *name, uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = g_strdup(name ? name : "anonymous");
    mr->size = size_from_u64(size);
    mr->enabled = true;
    mr->romd_mode = true;
}

/* Stands in for missing ops: nothing there, like an unclaimed bus cycle. */
static const MemoryRegionOps no_ops;

void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size)
{
    memory_region_init(mr, name, size);
    mr->ops = ops ? ops : &no_ops;
    mr->opaque = opaque;
    mr->terminates = true;
}

void memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size)
{
    memory_region_init(mr, name, size);
    mr->ram = true;
    mr->terminates = true;
    mr->ram_block = qemu_ram_alloc(size, mr->name, mr);
}

void memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size)
{
    memory_region_init_ram(mr, name, size);
    mr->readonly = true;
}

void memory_region_init_rom_device(MemoryRegion *mr, const MemoryRegionOps *ops,
                                   void *opaque, const char *name, uint64_t size)
{
    memory_region_init(mr, name, size);
    mr->ops = ops ? ops : &no_ops;
    mr->opaque = opaque;
    mr->rom_device = true;
    mr->terminates = true;
    mr->ram_block = qemu_ram_alloc(size, mr->name, mr);
}

void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size)
{
    memory_region_init(mr, name, size);
    mr->alias = orig;
    mr->alias_offset = offset;
    orig->alias_users++;
}

void memory_region_finalize(MemoryRegion *mr)
{
    g_assert(!mr->container);
    g_assert(mr->alias_users == 0);
    while (mr->subregions) {
        memory_region_del_subregion(mr, mr->subregions);
    }
    if (mr->alias) {
        mr->alias->alias_users--;
    }
    qemu_ram_free(mr->ram_block);
    g_free(mr->name);
    memset(mr, 0, sizeof(*mr));
}

/* Siblings stay sorted by falling priority; a newcomer goes before its
 * equals so that, where equal priorities overlap, the latest one wins. */
static void link_subregion(MemoryRegion *mr, MemoryRegion *sub)
{
    MemoryRegion **link = &mr->subregions;

    while (*link && (*link)->priority > sub->priority) {
        link = &(*link)->next_sibling;
    }
    sub->next_sibling = *link;
    *link = sub;
}

static void unlink_subregion(MemoryRegion *mr, MemoryRegion *sub)
{
    for (MemoryRegion **link = &mr->subregions; *link; link = &(*link)->next_sibling) {
        if (*link == sub) {
            *link = sub->next_sibling;
            sub->next_sibling = NULL;
            return;
        }
    }
    g_assert_not_reached();
}

static void add_subregion(MemoryRegion *mr, hwaddr offset, MemoryRegion *sub)
{
    g_assert(!sub->container);
    g_assert(!mr->alias);
    memory_region_transaction_begin();
    sub->container = mr;
    sub->addr = offset;
    link_subregion(mr, sub);
    memory_topology_changed();
    memory_region_transaction_commit();
}

void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset, MemoryRegion *sub)
{
    sub->may_overlap = false;
    sub->priority = 0;
    add_subregion(mr, offset, sub);
}

void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    sub->may_overlap = true;
    sub->priority = priority;
    add_subregion(mr, offset, sub);
}

void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *sub)
{
    g_assert(sub->container == mr);
    memory_region_transaction_begin();
    unlink_subregion(mr, sub);
    sub->container = NULL;
    memory_topology_changed();
    memory_region_transaction_commit();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled == enabled) {
        return;
    }
    memory_region_transaction_begin();
    mr->enabled = enabled;
    memory_topology_changed();
    memory_region_transaction_commit();
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly == readonly) {
        return;
    }
    memory_region_transaction_begin();
    mr->readonly = readonly;
    memory_topology_changed();
    memory_region_transaction_commit();
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr == addr) {
        return;
    }
    memory_region_transaction_begin();
    mr->addr = addr;
    memory_topology_changed();
    memory_region_transaction_commit();
}

void memory_region_set_size(MemoryRegion *mr, uint64_t size)
{
    Int128 s = size_from_u64(size);

    if (mr->size == s) {
        return;
    }
    /* RAM cannot outgrow the host memory behind it */
    g_assert(!mr->ram_block || s <= mr->ram_block->max_length);
    memory_region_transaction_begin();
    mr->size = s;
    memory_topology_changed();
    memory_region_transaction_commit();
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    g_assert(mr->alias);
    if (mr->alias_offset == offset) {
        return;
    }
    memory_region_transaction_begin();
    mr->alias_offset = offset;
    memory_topology_changed();
    memory_region_transaction_commit();
}

void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode)
{
    g_assert(mr->rom_device);
    if (mr->romd_mode == romd_mode) {
        return;
    }
    memory_region_transaction_begin();
    mr->romd_mode = romd_mode;
    memory_topology_changed();
    memory_region_transaction_commit();
}

const char *memory_region_name(const MemoryRegion *mr)
{
    return mr->name;
}

uint64_t memory_region_size(const MemoryRegion *mr)
{
    return mr->size >> 64 ? UINT64_MAX : (uint64_t)mr->size;
}

bool memory_region_is_ram(const MemoryRegion *mr)
{
    return mr->ram;
}

bool memory_region_is_romd(const MemoryRegion *mr)
{
    return mr->rom_device && mr->romd_mode;
}

bool memory_region_is_mapped(const MemoryRegion *mr)
{
    return mr->container != NULL;
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    while (mr->alias) {
        mr = mr->alias;
    }
    return mr->ram_block ? mr->ram_block->host : NULL;
}

uint64_t memory_region_get_ram_addr(MemoryRegion *mr)
{
    while (mr->alias) {
        mr = mr->alias;
    }
    return mr->ram_block ? mr->ram_block->offset : UINT64_MAX;
}

const char *memory_region_type(const MemoryRegion *mr)
{
    while (mr->alias) {
        mr = mr->alias;
    }
    if (memory_region_is_romd(mr)) {
        return "romd";
    }
    if (mr->ram) {
        return mr->readonly ? "rom" : "ram";
    }
    return "i/o";
}
