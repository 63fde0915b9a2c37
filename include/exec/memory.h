/*
 * The Memory API: how guest physical address spaces are built and accessed.
 *
 * A tree of MemoryRegions describes what the guest sees.  Leaves are RAM,
 * ROM, ROM devices or I/O regions (callbacks); inner nodes are containers;
 * aliases show a window of another region somewhere else.  Every subregion
 * has an offset in its container and a priority: where siblings overlap the
 * higher priority wins, and among equal priorities the one added last.
 *
 * An AddressSpace is a root region plus its FlatView: the tree rendered into
 * sorted, non-overlapping ranges, each pointing at the leaf that answers
 * there.  Every change to the tree happens inside a transaction; when the
 * outermost transaction commits, the FlatViews are re-rendered once and the
 * MemoryListeners hear which ranges went away and which appeared.
 *
 * Locking: all calls are made with the big lock held (qemu/main-loop.h).
 * See docs/devel/memory-api.md.
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "exec/hwaddr.h"
#include "exec/memattrs.h"

typedef struct MemoryRegion MemoryRegion;
typedef struct MemoryRegionOps MemoryRegionOps;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;
typedef struct FlatRange FlatRange;
typedef struct MemoryListener MemoryListener;
typedef struct MemoryRegionSection MemoryRegionSection;
typedef struct RAMBlock RAMBlock;

/* Byte order of a device's registers; x86 is little-endian, so NATIVE == LITTLE. */
enum device_endian {
    DEVICE_NATIVE_ENDIAN,
    DEVICE_BIG_ENDIAN,
    DEVICE_LITTLE_ENDIAN,
};

/*
 * Callbacks of an I/O region.  Offsets are relative to the region.
 *
 * valid: which accesses the device accepts at all (sizes in bytes, default
 *   1..4; unaligned ones only if .unaligned).  Anything else fails with
 *   MEMTX_DECODE_ERROR, reads all-ones, and is logged under -d guest_errors.
 * impl: which accesses the callbacks implement (default 1..4).  Accepted
 *   accesses wider than impl.max_access_size are split, narrower than
 *   impl.min_access_size are widened: reads take the bytes out of an aligned
 *   wider read, writes read-modify-write the aligned wider unit.
 */
struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    /* Used instead of read/write when set: they may fail and see attrs. */
    MemTxResult (*read_with_attrs)(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs);
    MemTxResult (*write_with_attrs)(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs);
    enum device_endian endianness;
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
        /* Optional extra veto, e.g. for holes inside a register block. */
        bool (*accepts)(void *opaque, hwaddr addr, unsigned size, bool is_write,
                        MemTxAttrs attrs);
    } valid;
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
    } impl;
};

/* All fields are private to memory/; use the functions below. */
struct MemoryRegion {
    char *name;
    Int128 size;
    hwaddr addr;                 /* offset in the container */
    int priority;
    bool enabled;
    bool readonly;               /* writes are dropped (RAM/ROM only) */
    bool ram;                    /* RAM or ROM: backed by a RAMBlock */
    bool rom_device;             /* RAMBlock for reads in romd mode, ops else */
    bool romd_mode;
    bool terminates;             /* a leaf: answers accesses itself */
    bool may_overlap;            /* added with memory_region_add_subregion_overlap */
    bool owns_name;
    MemoryRegion *container;
    MemoryRegion *subregions;    /* highest priority first */
    MemoryRegion *next_sibling;
    MemoryRegion *alias;
    hwaddr alias_offset;
    unsigned alias_users;        /* aliases pointing here */
    const MemoryRegionOps *ops;
    void *opaque;
    RAMBlock *ram_block;
};

/* ---- Creating regions (size UINT64_MAX means the whole 2^64 space) ---- */

void memory_region_init(MemoryRegion *mr, const char *name, uint64_t size);
void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
/* RAM gets a RAMBlock named @name with zeroed host memory. */
void memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size);
/* ROM: RAM the guest can read but whose writes are dropped. */
void memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size);
/*
 * ROM device (e.g. flash): in romd mode reads come from its RAM and writes
 * go to @ops; in I/O mode both go to @ops.  Starts in romd mode.
 */
void memory_region_init_rom_device(MemoryRegion *mr, const MemoryRegionOps *ops,
                                   void *opaque, const char *name, uint64_t size);
/* A window [offset, offset + size) of @orig (which may itself be an alias). */
void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size);
/* Frees what init allocated (name, RAMBlock).  The region must be unmapped
 * and no alias may point at it. */
void memory_region_finalize(MemoryRegion *mr);

/* ---- The tree ---- */

/* Adds @sub at @offset, priority 0; it should not overlap its siblings. */
void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset, MemoryRegion *sub);
/* Adds @sub at @offset with @priority; overlaps are resolved by priority. */
void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *sub);

void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
/* Moves a mapped region to @addr in its container. */
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_size(MemoryRegion *mr, uint64_t size);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
/* ROM device: true = reads from RAM (romd), false = everything through ops. */
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode);

const char *memory_region_name(const MemoryRegion *mr);
/* Size in bytes; UINT64_MAX for a region spanning 2^64. */
uint64_t memory_region_size(const MemoryRegion *mr);
bool memory_region_is_ram(const MemoryRegion *mr);
bool memory_region_is_romd(const MemoryRegion *mr);
bool memory_region_is_mapped(const MemoryRegion *mr);
/* Host memory of a RAM, ROM or ROM device region (NULL for others). */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
/* Offset of the region's RAM in ram_addr_t space (dirty bitmaps), or
 * UINT64_MAX for regions without RAM. */
uint64_t memory_region_get_ram_addr(MemoryRegion *mr);
/* "ram", "rom", "romd" or "i/o", as `info mtree` prints it. */
const char *memory_region_type(const MemoryRegion *mr);

/* ---- Transactions: changes inside are rendered once, at the outer commit ---- */

void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);
/* How many times the FlatViews have been re-rendered (tests, benchmarks). */
uint64_t memory_render_count(void);

/* ---- Accessing a region directly (device-to-device, CPU slow path) ---- */

/* @data is in guest (little-endian) order; @size 1, 2, 4 or 8. */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr, uint64_t *data,
                                        unsigned size, MemTxAttrs attrs);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr, uint64_t data,
                                         unsigned size, MemTxAttrs attrs);

/* ---- FlatViews ---- */

struct FlatRange {
    hwaddr start;
    hwaddr last;                 /* inclusive, so a range may reach 2^64 - 1 */
    MemoryRegion *mr;            /* the leaf answering here */
    hwaddr offset_in_region;     /* of @start */
    bool readonly;
    bool romd_mode;
};

struct FlatView {
    unsigned ref;
    FlatRange *ranges;
    unsigned nr;
    unsigned nr_alloc;
    MemoryRegion *root;          /* the region actually rendered (see flatview.c) */
    unsigned mru;                /* index of the last range looked up (a hint) */
};

/* The range holding @addr, or NULL if nothing is mapped there. */
const FlatRange *flatview_lookup(FlatView *fv, hwaddr addr);

/* ---- Address spaces ---- */

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current_map;
    MemoryListener *listeners;
    AddressSpace *next;
};

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);
/* The registered address spaces, in the order they were created. */
AddressSpace *address_space_first(void);

FlatView *address_space_to_flatview(AddressSpace *as);

/*
 * Reads or writes @len bytes.  Pieces hitting nothing read as 0xff and are
 * ignored on write; the result ORs the failures of all pieces.
 */
MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write);
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, hwaddr len);

/*
 * Typed loads and stores.  @result may be NULL.  The _le/_be suffix is the
 * byte order in guest memory; without a suffix it is the guest's (little).
 */
uint64_t address_space_load(AddressSpace *as, hwaddr addr, unsigned size, bool big_endian,
                            MemTxAttrs attrs, MemTxResult *result);
void address_space_store(AddressSpace *as, hwaddr addr, uint64_t val, unsigned size,
                         bool big_endian, MemTxAttrs attrs, MemTxResult *result);

#define DEFINE_AS_LDST(ldname, stname, size, be)                                    \
    static inline uint64_t address_space_ld##ldname(AddressSpace *as, hwaddr addr,  \
                                                    MemTxAttrs attrs,               \
                                                    MemTxResult *r)                 \
    {                                                                               \
        return address_space_load(as, addr, size, be, attrs, r);                    \
    }                                                                               \
    static inline void address_space_st##stname(AddressSpace *as, hwaddr addr,      \
                                                uint64_t val, MemTxAttrs attrs,     \
                                                MemTxResult *r)                     \
    {                                                                               \
        address_space_store(as, addr, val, size, be, attrs, r);                     \
    }
DEFINE_AS_LDST(ub, b, 1, false)
DEFINE_AS_LDST(uw_le, w_le, 2, false)
DEFINE_AS_LDST(l_le, l_le, 4, false)
DEFINE_AS_LDST(q_le, q_le, 8, false)
DEFINE_AS_LDST(uw_be, w_be, 2, true)
DEFINE_AS_LDST(l_be, l_be, 4, true)
DEFINE_AS_LDST(q_be, q_be, 8, true)
DEFINE_AS_LDST(uw, w, 2, false)
DEFINE_AS_LDST(l, l, 4, false)
DEFINE_AS_LDST(q, q, 8, false)
#undef DEFINE_AS_LDST

/*
 * Finds what answers at @addr for a TLB fill or DMA: returns the leaf
 * region, sets *xlat to the offset inside it and clips *plen to the flat
 * range.  Returns NULL (and *plen = bytes to the next mapped range, or
 * the rest of the space) if nothing is mapped.
 */
MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr, hwaddr *xlat,
                                      hwaddr *plen, bool is_write, bool *readonly);

/* ---- Listeners ---- */

/* One flat range as a listener sees it. */
struct MemoryRegionSection {
    MemoryRegion *mr;
    AddressSpace *as;
    hwaddr offset_within_region;
    hwaddr offset_within_address_space;
    Int128 size;
    bool readonly;
};

/*
 * Told about FlatView changes of one address space.  On every outermost
 * commit that changed the tree: begin(), then region_del() for each range
 * gone, region_nop() for each kept, region_add() for each new one, then
 * commit().  Registering replays region_add() for the current ranges.
 */
struct MemoryListener {
    void (*begin)(MemoryListener *listener);
    void (*commit)(MemoryListener *listener);
    void (*region_add)(MemoryListener *listener, MemoryRegionSection *section);
    void (*region_del)(MemoryListener *listener, MemoryRegionSection *section);
    void (*region_nop)(MemoryListener *listener, MemoryRegionSection *section);
    const char *name;
    /* private */
    AddressSpace *as;
    MemoryListener *next;
};

void memory_listener_register(MemoryListener *listener, AddressSpace *as);
void memory_listener_unregister(MemoryListener *listener);

/* ---- The machine's two root spaces (created by memory_map_init) ---- */

void memory_map_init(void);
MemoryRegion *get_system_memory(void);
MemoryRegion *get_system_io(void);
extern AddressSpace address_space_memory;
extern AddressSpace address_space_io;

/* ---- Monitor output ---- */

/* `info mtree [-f] [-D]`: @flatview prints the FlatViews, @disabled also
 * prints disabled regions. */
void mtree_info(GString *out, bool flatview, bool disabled);

#endif
