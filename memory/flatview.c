/*
 * FlatView: a region tree rendered into sorted, non-overlapping ranges, and
 * the lookup that dispatch uses.
 *
 * Rendering walks the tree from the root, highest priority first; each leaf
 * fills only the parts of its extent (clipped by every container and alias
 * above it) that nothing rendered earlier already covers.  A leaf's own
 * subregions are rendered before the leaf, so they sit on top of it.
 */
#include <string.h>

#include <glib.h>

#include "exec/memory.h"
#include "memory-internal.h"

#define SPACE_END ((Int128)1 << 64) /* one past the last address */

typedef __int128 SInt128;

void flatview_ref(FlatView *fv)
{
    fv->ref++;
}

void flatview_unref(FlatView *fv)
{
    if (fv && --fv->ref == 0) {
        g_free(fv->ranges);
        g_free(fv);
    }
}

bool flatrange_equal(const FlatRange *a, const FlatRange *b)
{
    return a->start == b->start && a->last == b->last && a->mr == b->mr &&
           a->offset_in_region == b->offset_in_region &&
           a->readonly == b->readonly && a->romd_mode == b->romd_mode;
}

static void insert_range(FlatView *fv, unsigned pos, const FlatRange *fr)
{
    if (fv->nr == fv->nr_alloc) {
        fv->nr_alloc = fv->nr_alloc ? fv->nr_alloc * 2 : 16;
        fv->ranges = g_renew(FlatRange, fv->ranges, fv->nr_alloc);
    }
    memmove(&fv->ranges[pos + 1], &fv->ranges[pos], (fv->nr - pos) * sizeof(FlatRange));
    fv->ranges[pos] = *fr;
    fv->nr++;
}

/* Index of the first range whose end is at or after @addr. */
static unsigned first_range_ending_at_or_after(const FlatView *fv, Int128 addr)
{
    unsigned lo = 0, hi = fv->nr;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if ((Int128)fv->ranges[mid].last < addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Gives leaf @mr, whose offset 0 sits at @origin, the uncovered parts of
 * [lo, end). */
static void fill_gaps(FlatView *fv, MemoryRegion *mr, SInt128 origin, Int128 lo,
                      Int128 end, bool readonly)
{
    unsigned i = first_range_ending_at_or_after(fv, lo);
    Int128 pos = lo;

    while (pos < end) {
        if (i < fv->nr && (Int128)fv->ranges[i].start <= pos) {
            pos = (Int128)fv->ranges[i].last + 1;
            i++;
            continue;
        }
        Int128 gap_end = end;
        if (i < fv->nr && (Int128)fv->ranges[i].start < end) {
            gap_end = fv->ranges[i].start;
        }
        FlatRange fr = {
            .start = (hwaddr)pos,
            .last = (hwaddr)(gap_end - 1),
            .mr = mr,
            .offset_in_region = (hwaddr)((SInt128)pos - origin),
            .readonly = readonly,
            .romd_mode = mr->romd_mode,
        };
        insert_range(fv, i, &fr);
        i++;
        pos = gap_end;
    }
}

/*
 * Renders @mr with its offset 0 at @origin (which can lie below 0 or past
 * 2^64 when an alias shifts it), visible only inside [clip_lo, clip_end).
 */
static void render_region(FlatView *fv, MemoryRegion *mr, SInt128 origin,
                          Int128 clip_lo, Int128 clip_end, bool readonly)
{
    SInt128 lo = origin > (SInt128)clip_lo ? origin : (SInt128)clip_lo;
    SInt128 end = origin + (SInt128)mr->size;

    if (!mr->enabled) {
        return;
    }
    if (end > (SInt128)clip_end) {
        end = (SInt128)clip_end;
    }
    if (lo >= end) {
        return;
    }
    clip_lo = (Int128)lo;
    clip_end = (Int128)end;
    readonly |= mr->readonly;

    if (mr->alias) {
        /* The alias's window starts at alias_offset of its target. */
        render_region(fv, mr->alias, origin - (SInt128)mr->alias_offset,
                      clip_lo, clip_end, readonly);
        return;
    }
    for (MemoryRegion *sub = mr->subregions; sub; sub = sub->next_sibling) {
        render_region(fv, sub, origin + (SInt128)sub->addr, clip_lo, clip_end, readonly);
    }
    if (mr->terminates) {
        fill_gaps(fv, mr, origin, clip_lo, clip_end, readonly);
    }
}

/* Joins neighbours that are one piece of the same leaf. */
static void flatview_simplify(FlatView *fv)
{
    unsigned out = 0;

    for (unsigned i = 0; i < fv->nr; i++) {
        FlatRange *prev = out ? &fv->ranges[out - 1] : NULL;
        FlatRange *cur = &fv->ranges[i];
        if (prev && prev->mr == cur->mr && prev->last + 1 == cur->start &&
            prev->offset_in_region + (prev->last - prev->start) + 1 == cur->offset_in_region &&
            prev->readonly == cur->readonly && prev->romd_mode == cur->romd_mode) {
            prev->last = cur->last;
        } else {
            fv->ranges[out++] = *cur;
        }
    }
    fv->nr = out;
}

/*
 * An address space whose root only wraps another region (an alias of all
 * of it, or a container with one enabled child at offset 0 that it fully
 * contains) renders exactly like that region, so views can be shared and
 * `info mtree -f` names the region that really answers, as QEMU does.
 * NULL: nothing enabled, the view is empty.
 */
MemoryRegion *flatview_effective_root(MemoryRegion *mr)
{
    /* a read-only wrapper changes what it wraps: render it as it is */
    while (mr && mr->enabled) {
        if (mr->readonly) {
            return mr;
        }
        if (mr->alias) {
            if (mr->alias_offset == 0 && mr->size >= mr->alias->size) {
                mr = mr->alias;
                continue;
            }
            return mr;
        }
        if (mr->terminates) {
            return mr;
        }
        MemoryRegion *only = NULL;
        unsigned enabled = 0;
        for (MemoryRegion *sub = mr->subregions; sub; sub = sub->next_sibling) {
            if (sub->enabled) {
                enabled++;
                only = sub;
            }
        }
        if (enabled == 0) {
            return NULL;
        }
        if (enabled == 1 && only->addr == 0 && mr->size >= only->size) {
            mr = only;
            continue;
        }
        return mr;
    }
    return NULL;
}

FlatView *flatview_render(MemoryRegion *root)
{
    FlatView *fv = g_new0(FlatView, 1);

    fv->ref = 1;
    fv->root = flatview_effective_root(root);
    if (fv->root) {
        render_region(fv, fv->root, 0, 0, SPACE_END, false);
        flatview_simplify(fv);
    }
    return fv;
}

const FlatRange *flatview_first_at_or_after(FlatView *fv, hwaddr addr)
{
    unsigned i = first_range_ending_at_or_after(fv, addr);

    return i < fv->nr ? &fv->ranges[i] : NULL;
}

const FlatRange *flatview_lookup(FlatView *fv, hwaddr addr)
{
    unsigned hint = __atomic_load_n(&fv->mru, __ATOMIC_RELAXED);
    unsigned lo = 0, hi = fv->nr;

    /* Accesses cluster (a device's registers, a RAM copy): try the last hit. */
    if (hint < fv->nr && addr - fv->ranges[hint].start <=
                         fv->ranges[hint].last - fv->ranges[hint].start) {
        return &fv->ranges[hint];
    }
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (fv->ranges[mid].last < addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < fv->nr && fv->ranges[lo].start <= addr) {
        __atomic_store_n(&fv->mru, lo, __ATOMIC_RELAXED);
        return &fv->ranges[lo];
    }
    return NULL;
}
