/*
 * Address spaces, transactions and listeners: when the outermost
 * transaction commits after a change, every address space is re-rendered
 * (spaces with the same effective root share one FlatView) and its
 * listeners are told the difference between the old and the new view.
 */
#include <string.h>

#include <glib.h>

#include "exec/memory.h"
#include "memory-internal.h"

static AddressSpace *address_spaces; /* creation order */
static unsigned transaction_depth;
static bool topology_pending;
static uint64_t render_count;

AddressSpace address_space_memory;
AddressSpace address_space_io;
static MemoryRegion system_memory;
static MemoryRegion system_io;

void memory_topology_changed(void)
{
    topology_pending = true;
}

uint64_t memory_render_count(void)
{
    return render_count;
}

AddressSpace *address_space_first(void)
{
    return address_spaces;
}

FlatView *address_space_to_flatview(AddressSpace *as)
{
    return as->current_map;
}

static MemoryRegionSection section_of(AddressSpace *as, const FlatRange *fr)
{
    return (MemoryRegionSection){
        .mr = fr->mr,
        .as = as,
        .offset_within_region = fr->offset_in_region,
        .offset_within_address_space = fr->start,
        .size = (Int128)(fr->last - fr->start) + 1,
        .readonly = fr->readonly,
    };
}

/* True if @b holds a range identical to @fr; *j walks @b in step with the
 * caller's walk of its own sorted view. */
static bool view_has_range(const FlatView *b, const FlatRange *fr, unsigned *j)
{
    while (b && *j < b->nr && b->ranges[*j].start < fr->start) {
        (*j)++;
    }
    return b && *j < b->nr && flatrange_equal(fr, &b->ranges[*j]);
}

static void notify_listeners(AddressSpace *as, FlatView *old_fv, FlatView *new_fv)
{
    unsigned j = 0;

    /* Removals first, so a listener never sees two ranges at one address. */
    for (unsigned i = 0; old_fv && i < old_fv->nr; i++) {
        if (!view_has_range(new_fv, &old_fv->ranges[i], &j)) {
            MemoryRegionSection s = section_of(as, &old_fv->ranges[i]);
            for (MemoryListener *l = as->listeners; l; l = l->next) {
                if (l->region_del) {
                    l->region_del(l, &s);
                }
            }
        }
    }
    j = 0;
    for (unsigned i = 0; i < new_fv->nr; i++) {
        bool kept = view_has_range(old_fv, &new_fv->ranges[i], &j);
        MemoryRegionSection s = section_of(as, &new_fv->ranges[i]);
        for (MemoryListener *l = as->listeners; l; l = l->next) {
            if (kept && l->region_nop) {
                l->region_nop(l, &s);
            } else if (!kept && l->region_add) {
                l->region_add(l, &s);
            }
        }
    }
}

static void render_all(void)
{
    GHashTable *by_root = g_hash_table_new(g_direct_hash, g_direct_equal);
    FlatView *empty = NULL;

    for (AddressSpace *as = address_spaces; as; as = as->next) {
        for (MemoryListener *l = as->listeners; l; l = l->next) {
            if (l->begin) {
                l->begin(l);
            }
        }
    }
    for (AddressSpace *as = address_spaces; as; as = as->next) {
        MemoryRegion *root = flatview_effective_root(as->root);
        FlatView *fv = root ? g_hash_table_lookup(by_root, root) : empty;
        if (!fv) {
            fv = flatview_render(as->root);
            if (root) {
                g_hash_table_insert(by_root, root, fv);
            } else {
                empty = fv;
            }
        } else {
            flatview_ref(fv);
        }
        FlatView *old_fv = as->current_map;
        as->current_map = fv;
        notify_listeners(as, old_fv, fv);
        flatview_unref(old_fv);
    }
    for (AddressSpace *as = address_spaces; as; as = as->next) {
        for (MemoryListener *l = as->listeners; l; l = l->next) {
            if (l->commit) {
                l->commit(l);
            }
        }
    }
    g_hash_table_destroy(by_root);
    render_count++;
}

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

void memory_region_transaction_commit(void)
{
    g_assert(transaction_depth > 0);
    if (--transaction_depth == 0 && topology_pending) {
        topology_pending = false;
        render_all();
    }
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    AddressSpace **link = &address_spaces;

    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name);
    as->root = root;
    /* empty until rendered (at once, or when the open transaction ends) */
    as->current_map = g_new0(FlatView, 1);
    as->current_map->ref = 1;
    while (*link) {
        link = &(*link)->next;
    }
    *link = as;
    memory_region_transaction_begin();
    memory_topology_changed();
    memory_region_transaction_commit();
}

void address_space_destroy(AddressSpace *as)
{
    while (as->listeners) {
        memory_listener_unregister(as->listeners);
    }
    for (AddressSpace **link = &address_spaces; *link; link = &(*link)->next) {
        if (*link == as) {
            *link = as->next;
            break;
        }
    }
    flatview_unref(as->current_map);
    g_free(as->name);
    memset(as, 0, sizeof(*as));
}

void memory_listener_register(MemoryListener *listener, AddressSpace *as)
{
    MemoryListener **link = &as->listeners;

    listener->as = as;
    listener->next = NULL;
    while (*link) {
        link = &(*link)->next;
    }
    *link = listener;
    /* Replay what is already mapped, as if it had just appeared. */
    if (listener->begin) {
        listener->begin(listener);
    }
    FlatView *fv = as->current_map;
    for (unsigned i = 0; fv && i < fv->nr; i++) {
        MemoryRegionSection s = section_of(as, &fv->ranges[i]);
        if (listener->region_add) {
            listener->region_add(listener, &s);
        }
    }
    if (listener->commit) {
        listener->commit(listener);
    }
}

void memory_listener_unregister(MemoryListener *listener)
{
    AddressSpace *as = listener->as;

    if (!as) {
        return;
    }
    for (MemoryListener **link = &as->listeners; *link; link = &(*link)->next) {
        if (*link == listener) {
            *link = listener->next;
            break;
        }
    }
    listener->as = NULL;
    listener->next = NULL;
}

/*
 * The machine's roots, named as in QEMU: "system" is an empty 2^64
 * container; "io" is the 64 KiB x86 port space, itself an I/O region so
 * that ports nobody claims still answer (reading all-ones, see access.c).
 */
static uint64_t unassigned_io_read(void *opaque, hwaddr addr, unsigned size)
{
    return UINT64_MAX;
}

static void unassigned_io_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
}

static const MemoryRegionOps unassigned_io_ops = {
    .read = unassigned_io_read,
    .write = unassigned_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

void memory_map_init(void)
{
    memory_region_init(&system_memory, "system", UINT64_MAX);
    address_space_init(&address_space_memory, &system_memory, "memory");
    memory_region_init_io(&system_io, &unassigned_io_ops, NULL, "io", 0x10000);
    address_space_init(&address_space_io, &system_io, "I/O");
}

MemoryRegion *get_system_memory(void)
{
    return &system_memory;
}

MemoryRegion *get_system_io(void)
{
    return &system_io;
}
