/*
 * `info mtree`: the region trees of the address spaces, or (-f) their
 * FlatViews.  The layout follows QEMU's (QEMU 7.2 output observed on
 * Debian's qemu-system-i386, and QEMU's monitor documentation):
 *
 *   address-space: memory
 *     0000000000000000-ffffffffffffffff (prio 0, i/o): system
 *       0000000000000000-0000000007ffffff (prio 0, ram): alias ram-below-4g @pc.ram 0000000000000000-0000000007ffffff
 *
 *   memory-region: pc.ram
 *     0000000000000000-0000000007ffffff (prio 0, ram): pc.ram
 *
 * Children are listed by address, then by falling priority; a disabled
 * region's line is left out (unless -D) but its children are still
 * listed.  Every region some alias points at gets its own
 * "memory-region:" section after the address spaces.  Address spaces with
 * the same root share one tree (their names are listed together).
 * Address spaces are listed in creation order (QEMU's order is that of a
 * hash table).
 */
#include <glib.h>

#include "exec/memory.h"
#include "memory-internal.h"

#define INDENT "  "

/* Last address of a region placed at @start: size 0 prints as start. */
static hwaddr region_last(hwaddr start, Int128 size)
{
    return size ? (hwaddr)(start + size - 1) : start;
}

static gint by_address_then_priority(gconstpointer pa, gconstpointer pb)
{
    const MemoryRegion *a = *(MemoryRegion *const *)pa;
    const MemoryRegion *b = *(MemoryRegion *const *)pb;

    if (a->addr != b->addr) {
        return a->addr < b->addr ? -1 : 1;
    }
    return a->priority > b->priority ? -1 : a->priority < b->priority;
}

static void print_region(GString *out, MemoryRegion *mr, unsigned level, hwaddr base,
                         GPtrArray *alias_targets, bool disabled)
{
    hwaddr start = base + mr->addr;
    hwaddr last = region_last(start, mr->size);

    if (mr->alias && !g_ptr_array_find(alias_targets, mr->alias, NULL)) {
        g_ptr_array_add(alias_targets, mr->alias);
    }
    if (mr->enabled || disabled) {
        for (unsigned i = 0; i < level; i++) {
            g_string_append(out, INDENT);
        }
        g_string_append_printf(out, HWADDR_FMT_plx "-" HWADDR_FMT_plx " (prio %d, %s): ",
                               start, last, mr->priority, memory_region_type(mr));
        if (mr->alias) {
            g_string_append_printf(out, "alias %s @%s " HWADDR_FMT_plx "-" HWADDR_FMT_plx,
                                   mr->name, mr->alias->name, mr->alias_offset,
                                   region_last(mr->alias_offset, mr->size));
        } else {
            g_string_append(out, mr->name);
        }
        g_string_append(out, mr->enabled ? "\n" : " [disabled]\n");
    }

    /* Stable sort: equal address and priority keep the tree's order. */
    GPtrArray *children = g_ptr_array_new();
    for (MemoryRegion *sub = mr->subregions; sub; sub = sub->next_sibling) {
        g_ptr_array_add(children, sub);
    }
    g_ptr_array_sort(children, by_address_then_priority);
    for (unsigned i = 0; i < children->len; i++) {
        print_region(out, g_ptr_array_index(children, i), level + 1, start,
                     alias_targets, disabled);
    }
    g_ptr_array_free(children, TRUE);
}

static void print_trees(GString *out, bool disabled)
{
    GPtrArray *alias_targets = g_ptr_array_new();
    GPtrArray *done_roots = g_ptr_array_new();

    for (AddressSpace *as = address_space_first(); as; as = as->next) {
        if (g_ptr_array_find(done_roots, as->root, NULL)) {
            continue;
        }
        g_ptr_array_add(done_roots, as->root);
        for (AddressSpace *o = as; o; o = o->next) {
            if (o->root == as->root) {
                g_string_append_printf(out, "address-space: %s\n", o->name);
            }
        }
        print_region(out, as->root, 1, 0, alias_targets, disabled);
        g_string_append(out, "\n");
    }
    /* The list grows while we walk it: targets of aliases inside targets. */
    for (unsigned i = 0; i < alias_targets->len; i++) {
        MemoryRegion *mr = g_ptr_array_index(alias_targets, i);
        g_string_append_printf(out, "memory-region: %s\n", mr->name);
        print_region(out, mr, 1, 0, alias_targets, disabled);
        g_string_append(out, "\n");
    }
    g_ptr_array_free(done_roots, TRUE);
    g_ptr_array_free(alias_targets, TRUE);
}

static void print_flatviews(GString *out)
{
    GPtrArray *done = g_ptr_array_new();
    unsigned counter = 0;

    for (AddressSpace *as = address_space_first(); as; as = as->next) {
        FlatView *fv = as->current_map;
        if (g_ptr_array_find(done, fv, NULL)) {
            continue;
        }
        g_ptr_array_add(done, fv);
        g_string_append_printf(out, "FlatView #%u\n", counter++);
        for (AddressSpace *o = as; o; o = o->next) {
            if (o->current_map != fv) {
                continue;
            }
            g_string_append_printf(out, " AS \"%s\", root: %s", o->name, o->root->name);
            if (o->root->alias) {
                g_string_append_printf(out, ", alias %s", o->root->alias->name);
            }
            g_string_append(out, "\n");
        }
        g_string_append_printf(out, " Root memory region: %s\n",
                               fv->root ? fv->root->name : "(none)");
        if (fv->nr == 0) {
            g_string_append(out, INDENT "No rendered FlatView\n\n");
            continue;
        }
        for (unsigned i = 0; i < fv->nr; i++) {
            const FlatRange *fr = &fv->ranges[i];
            g_string_append_printf(out, INDENT HWADDR_FMT_plx "-" HWADDR_FMT_plx
                                   " (prio %d, %s): %s",
                                   fr->start, fr->last, fr->mr->priority,
                                   fr->readonly ? "rom" : memory_region_type(fr->mr),
                                   fr->mr->name);
            if (fr->offset_in_region) {
                g_string_append_printf(out, " @" HWADDR_FMT_plx, fr->offset_in_region);
            }
            g_string_append(out, "\n");
        }
        g_string_append(out, "\n");
    }
    g_ptr_array_free(done, TRUE);
}

void mtree_info(GString *out, bool flatview, bool disabled)
{
    if (flatview) {
        print_flatviews(out);
    } else {
        print_trees(out, disabled);
    }
}
