/* Shared between the files of memory/ only. */
#ifndef MEMORY_INTERNAL_H
#define MEMORY_INTERNAL_H

#include "exec/memory.h"

/* The tree changed: re-render at the end of the outermost transaction. */
void memory_topology_changed(void);

/* The region a FlatView of @root really starts from (see flatview.c). */
MemoryRegion *flatview_effective_root(MemoryRegion *root);
/* Renders @root into a new FlatView holding one reference. */
FlatView *flatview_render(MemoryRegion *root);
void flatview_ref(FlatView *fv);
void flatview_unref(FlatView *fv);
/* The first range ending at or after @addr (it may start later), or NULL. */
const FlatRange *flatview_first_at_or_after(FlatView *fv, hwaddr addr);
bool flatrange_equal(const FlatRange *a, const FlatRange *b);

#endif
