/*
 * Dispatch: reads and writes through an AddressSpace or straight to a
 * region, with I/O accesses checked against what the device accepts and
 * adapted to what its callbacks implement.
 *
 * Inside, an access is a run of bytes in address order (x86 is
 * little-endian); a device's value is built from those bytes in the
 * device's byte order, so splitting, widening and byte swapping are one
 * mechanism.
 */
#include <string.h>

#include <glib.h>

#include "exec/memory.h"
#include "exec/ram_addr.h"
#include "exec/ramblock.h"
#include "memory-internal.h"
#include "qemu/log.h"

static uint64_t bytes_to_value(const uint8_t *b, unsigned n, bool big_endian)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)b[i] << (8 * (big_endian ? n - 1 - i : i));
    }
    return v;
}

static void value_to_bytes(uint8_t *b, uint64_t v, unsigned n, bool big_endian)
{
    for (unsigned i = 0; i < n; i++) {
        b[i] = (uint8_t)(v >> (8 * (big_endian ? n - 1 - i : i)));
    }
}

static unsigned pow2_floor(uint64_t n)
{
    unsigned p = 1;

    while ((uint64_t)p * 2 <= n && p < 8) {
        p *= 2;
    }
    return p;
}

static bool access_valid(MemoryRegion *mr, hwaddr addr, unsigned size, bool is_write,
                         MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned min = ops->valid.min_access_size ? ops->valid.min_access_size : 1;
    unsigned max = ops->valid.max_access_size ? ops->valid.max_access_size : 4;
    const char *reason = NULL;

    if (size < min || size > max) {
        reason = "invalid size";
    } else if (!ops->valid.unaligned && (addr & (size - 1))) {
        reason = "unaligned";
    } else if (ops->valid.accepts &&
               !ops->valid.accepts(mr->opaque, addr, size, is_write, attrs)) {
        reason = "rejected";
    }
    if (reason) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "Invalid %s at addr 0x%" PRIX64 ", size %u, region '%s', reason: %s\n",
                      is_write ? "write" : "read", addr, size, mr->name, reason);
        return false;
    }
    return true;
}

/* One call of the device's callbacks, @n bytes at @addr. */
static MemTxResult call_read(MemoryRegion *mr, hwaddr addr, uint8_t *bytes, unsigned n,
                             MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    uint64_t v = UINT64_MAX;
    MemTxResult r = MEMTX_OK;

    if (ops->read_with_attrs) {
        r = ops->read_with_attrs(mr->opaque, addr, &v, n, attrs);
    } else if (ops->read) {
        v = ops->read(mr->opaque, addr, n);
    } else {
        r = MEMTX_DECODE_ERROR;
    }
    value_to_bytes(bytes, v, n, ops->endianness == DEVICE_BIG_ENDIAN);
    return r;
}

static MemTxResult call_write(MemoryRegion *mr, hwaddr addr, const uint8_t *bytes, unsigned n,
                              MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    uint64_t v = bytes_to_value(bytes, n, ops->endianness == DEVICE_BIG_ENDIAN);

    if (ops->write_with_attrs) {
        return ops->write_with_attrs(mr->opaque, addr, v, n, attrs);
    }
    if (ops->write) {
        ops->write(mr->opaque, addr, v, n);
        return MEMTX_OK;
    }
    return MEMTX_DECODE_ERROR;
}

/*
 * Carries out an accepted access of @size bytes with calls the device
 * implements: pieces of at most impl.max bytes (aligned unless
 * impl.unaligned); a piece narrower than impl.min becomes an aligned
 * impl.min access, read-modify-write for writes.
 */
static MemTxResult adjusted_access(MemoryRegion *mr, hwaddr addr, uint8_t *buf,
                                   unsigned size, bool is_write, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned imin = ops->impl.min_access_size ? ops->impl.min_access_size : 1;
    unsigned imax = ops->impl.max_access_size ? ops->impl.max_access_size : 4;
    MemTxResult r = MEMTX_OK;

    g_assert(imin <= imax && imax <= 8);
    for (unsigned pos = 0; pos < size;) {
        hwaddr a = addr + pos;
        unsigned n = pow2_floor(MIN(size - pos, imax));
        if (!ops->impl.unaligned) {
            while (a & (n - 1)) {
                n /= 2;
            }
        }
        if (n >= imin) {
            r |= is_write ? call_write(mr, a, buf + pos, n, attrs)
                          : call_read(mr, a, buf + pos, n, attrs);
            pos += n;
            continue;
        }
        uint8_t unit[8];
        hwaddr base = a & ~(hwaddr)(imin - 1);
        unsigned k = MIN(size - pos, (unsigned)(base + imin - a));
        r |= call_read(mr, base, unit, imin, attrs);
        if (is_write) {
            memcpy(unit + (a - base), buf + pos, k);
            r |= call_write(mr, base, unit, imin, attrs);
        } else {
            memcpy(buf + pos, unit + (a - base), k);
        }
        pos += k;
    }
    return r;
}

/* Follows aliases to the leaf; adjusts @addr into it. */
static MemoryRegion *resolve_alias(MemoryRegion *mr, hwaddr *addr)
{
    while (mr->alias) {
        *addr += mr->alias_offset;
        mr = mr->alias;
    }
    return mr;
}

static MemTxResult region_access(MemoryRegion *mr, hwaddr addr, uint8_t *buf, unsigned size,
                                 bool is_write, bool readonly, MemTxAttrs attrs)
{
    if (mr->ram || (mr->rom_device && mr->romd_mode && !is_write)) {
        uint8_t *host = mr->ram_block->host + addr;
        if (!is_write) {
            memcpy(buf, host, size);
        } else if (!readonly && !mr->readonly) {
            ram_note_write(mr->ram_block->offset + addr, size);
            memcpy(host, buf, size);
        }
        /* A write to ROM is dropped, as the bus cycle goes nowhere. */
        return MEMTX_OK;
    }
    if (!mr->terminates) {
        memset(buf, 0xff, size);
        return MEMTX_DECODE_ERROR;
    }
    if (!access_valid(mr, addr, size, is_write, attrs)) {
        if (!is_write) {
            memset(buf, 0xff, size);
        }
        return MEMTX_DECODE_ERROR;
    }
    return adjusted_access(mr, addr, buf, size, is_write, attrs);
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr, uint64_t *data,
                                        unsigned size, MemTxAttrs attrs)
{
    uint8_t buf[8];
    MemTxResult r;

    g_assert(size >= 1 && size <= 8);
    mr = resolve_alias(mr, &addr);
    r = region_access(mr, addr, buf, size, false, false, attrs);
    *data = bytes_to_value(buf, size, false);
    return r;
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr, uint64_t data,
                                         unsigned size, MemTxAttrs attrs)
{
    uint8_t buf[8];

    g_assert(size >= 1 && size <= 8);
    mr = resolve_alias(mr, &addr);
    value_to_bytes(buf, data, size, false);
    return region_access(mr, addr, buf, size, true, false, attrs);
}

/* Largest piece of a buffer access an I/O region accepts in one go. */
static unsigned io_chunk_size(const MemoryRegion *mr, hwaddr addr, hwaddr len)
{
    unsigned max = mr->ops->valid.max_access_size ? mr->ops->valid.max_access_size : 4;
    unsigned n = pow2_floor(MIN(len, (hwaddr)max));

    if (!mr->ops->valid.unaligned) {
        while (addr & (n - 1)) {
            n /= 2;
        }
    }
    return n;
}

static MemTxResult flat_range_access(const FlatRange *fr, hwaddr addr, uint8_t *buf,
                                     hwaddr len, bool is_write, MemTxAttrs attrs)
{
    MemoryRegion *mr = fr->mr;
    hwaddr off = fr->offset_in_region + (addr - fr->start);
    MemTxResult r = MEMTX_OK;

    if (mr->ram || (mr->rom_device && fr->romd_mode && !is_write)) {
        uint8_t *host = mr->ram_block->host + off;
        if (!is_write) {
            memcpy(buf, host, len);
        } else if (!fr->readonly) {
            ram_note_write(mr->ram_block->offset + off, len);
            memcpy(host, buf, len);
        }
        return MEMTX_OK;
    }
    while (len) {
        unsigned n = io_chunk_size(mr, off, len);
        r |= region_access(mr, off, buf, n, is_write, fr->readonly, attrs);
        off += n;
        buf += n;
        len -= n;
    }
    return r;
}

static MemTxResult unassigned_access(AddressSpace *as, hwaddr addr, uint8_t *buf, hwaddr len,
                                     bool is_write)
{
    qemu_log_mask(LOG_GUEST_ERROR,
                  "Unassigned %s at addr 0x%" PRIX64 ", size %" PRIu64 ", address space '%s'\n",
                  is_write ? "write" : "read", addr, len, as->name);
    /* Nothing drives the bus: a PC reads all-ones. */
    if (!is_write) {
        memset(buf, 0xff, len);
    }
    return MEMTX_DECODE_ERROR;
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write)
{
    FlatView *fv = as->current_map;
    uint8_t *p = buf;
    MemTxResult r = MEMTX_OK;

    /*
     * A device callback for one piece may change the memory map and
     * replace as->current_map; hold this view until the access is done.
     */
    flatview_ref(fv);
    while (len) {
        const FlatRange *fr = flatview_first_at_or_after(fv, addr);
        hwaddr n;
        if (!fr || fr->start > addr) {
            /* The gap ends where the next range starts (or at 2^64). */
            n = fr ? MIN(len, fr->start - addr) : len;
            r |= unassigned_access(as, addr, p, n, is_write);
        } else {
            n = fr->last - addr < len - 1 ? fr->last - addr + 1 : len;
            r |= flat_range_access(fr, addr, p, n, is_write, attrs);
        }
        addr += n;
        p += n;
        len -= n;
    }
    flatview_unref(fv);
    return r;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, hwaddr len)
{
    return address_space_rw(as, addr, attrs, buf, len, false);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, hwaddr len)
{
    return address_space_rw(as, addr, attrs, (void *)buf, len, true);
}

uint64_t address_space_load(AddressSpace *as, hwaddr addr, unsigned size, bool big_endian,
                            MemTxAttrs attrs, MemTxResult *result)
{
    const FlatRange *fr = flatview_lookup(as->current_map, addr);
    uint8_t buf[8];
    MemTxResult r;

    g_assert(size >= 1 && size <= 8);
    if (fr && fr->last - addr >= size - 1) {
        MemoryRegion *mr = fr->mr;
        hwaddr off = fr->offset_in_region + (addr - fr->start);
        if (mr->ram || (mr->rom_device && fr->romd_mode)) {
            /* The fast path: RAM needs no dispatch. */
            memcpy(buf, mr->ram_block->host + off, size);
            r = MEMTX_OK;
        } else {
            /* One device access of the full width, as a CPU would make. */
            r = region_access(mr, off, buf, size, false, fr->readonly, attrs);
        }
    } else {
        r = address_space_rw(as, addr, attrs, buf, size, false);
    }
    if (result) {
        *result = r;
    }
    return bytes_to_value(buf, size, big_endian);
}

void address_space_store(AddressSpace *as, hwaddr addr, uint64_t val, unsigned size,
                         bool big_endian, MemTxAttrs attrs, MemTxResult *result)
{
    const FlatRange *fr = flatview_lookup(as->current_map, addr);
    uint8_t buf[8];
    MemTxResult r;

    g_assert(size >= 1 && size <= 8);
    value_to_bytes(buf, val, size, big_endian);
    if (fr && fr->last - addr >= size - 1) {
        hwaddr off = fr->offset_in_region + (addr - fr->start);
        r = region_access(fr->mr, off, buf, size, true, fr->readonly, attrs);
    } else {
        r = address_space_rw(as, addr, attrs, buf, size, true);
    }
    if (result) {
        *result = r;
    }
}

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr, hwaddr *xlat,
                                      hwaddr *plen, bool is_write, bool *readonly)
{
    const FlatRange *fr = flatview_first_at_or_after(as->current_map, addr);

    if (!fr || fr->start > addr) {
        if (fr && fr->start - addr < *plen) {
            *plen = fr->start - addr;
        }
        *xlat = addr;
        if (readonly) {
            *readonly = false;
        }
        return NULL;
    }
    if (fr->last - addr < *plen - 1) {
        *plen = fr->last - addr + 1;
    }
    *xlat = fr->offset_in_region + (addr - fr->start);
    if (readonly) {
        *readonly = fr->readonly;
    }
    return fr->mr;
}
