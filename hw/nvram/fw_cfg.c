/*
 * fw_cfg, the firmware configuration interface, as QEMU's
 * docs/specs/fw_cfg.rst describes it for x86:
 *
 *   0x510  selector (16 bit, write)
 *   0x511  data (8 bit; each read returns the next byte of the item)
 *   0x514  DMA address (big-endian 64 bit; a write of the low half at
 *          0x518 starts the transfer; reading gives "QEMU CFG")
 *
 * Items 0x00-0x1f are the standard ones, 0x20 on the files listed in the
 * directory item 0x19 (sorted by name), 0x8000 on arch-local ones.
 */
#include <stdio.h>
#include <string.h>

#include "hw/nvram/fw_cfg.h"
#include "qemu/log.h"

static FWCfgState *the_fw_cfg;

static inline void stl_be(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static inline void stw_be(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8; p[1] = v;
}

static FWCfgEntry *fw_cfg_get_entry(FWCfgState *s, uint16_t key)
{
    int arch = !!(key & FW_CFG_ARCH_LOCAL);
    uint16_t idx = key & FW_CFG_ENTRY_MASK;

    if (key == FW_CFG_INVALID || idx >= FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS) {
        return NULL;
    }
    return &s->entries[arch][idx];
}

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, void *data, size_t len)
{
    FWCfgEntry *e = fw_cfg_get_entry(s, key);

    g_assert(e);
    e->data = data;
    e->len = (uint32_t)len;
}

void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value)
{
    fw_cfg_add_bytes(s, key, g_strdup(value), strlen(value) + 1);
}

void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    uint8_t *p = g_malloc(2);

    p[0] = value;
    p[1] = value >> 8;
    fw_cfg_add_bytes(s, key, p, 2);
}

void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    uint8_t *p = g_malloc(4);

    for (int i = 0; i < 4; i++) {
        p[i] = value >> (8 * i);
    }
    fw_cfg_add_bytes(s, key, p, 4);
}

void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    uint8_t *p = g_malloc(8);

    for (int i = 0; i < 8; i++) {
        p[i] = value >> (8 * i);
    }
    fw_cfg_add_bytes(s, key, p, 8);
}

/* Rebuilds the directory and the file selectors (files are kept sorted). */
static void fw_cfg_rebuild_dir(FWCfgState *s)
{
    size_t dirlen = 4 + (size_t)s->nr_files * 64;

    s->dir = g_realloc(s->dir, dirlen);
    memset(s->dir, 0, dirlen);
    stl_be(s->dir, s->nr_files);
    for (int i = 0; i < s->nr_files; i++) {
        uint8_t *ent = s->dir + 4 + i * 64;
        FWCfgEntry *e = &s->entries[0][FW_CFG_FILE_FIRST + i];
        stl_be(ent, s->files[i].len);
        stw_be(ent + 4, FW_CFG_FILE_FIRST + i);
        memcpy(ent + 8, s->files[i].name, FW_CFG_MAX_FILE_PATH);
        e->data = s->files[i].data;
        e->len = s->files[i].len;
        e->allow_write = s->files[i].allow_write;
    }
    s->entries[0][FW_CFG_FILE_DIR].data = s->dir;
    s->entries[0][FW_CFG_FILE_DIR].len = dirlen;
}

static void add_file(FWCfgState *s, const char *filename, void *data, size_t len, bool writable)
{
    int pos;

    g_assert(s->nr_files < FW_CFG_FILE_SLOTS);
    g_assert(strlen(filename) < FW_CFG_MAX_FILE_PATH);
    for (pos = 0; pos < s->nr_files; pos++) {
        int c = strcmp(filename, s->files[pos].name);
        g_assert(c != 0);
        if (c < 0) {
            break;
        }
    }
    s->files = g_renew(FWCfgFile, s->files, s->nr_files + 1);
    memmove(&s->files[pos + 1], &s->files[pos], (s->nr_files - pos) * sizeof(FWCfgFile));
    memset(&s->files[pos], 0, sizeof(FWCfgFile));
    g_strlcpy(s->files[pos].name, filename, FW_CFG_MAX_FILE_PATH);
    s->files[pos].data = data;
    s->files[pos].len = (uint32_t)len;
    s->files[pos].allow_write = writable;
    s->nr_files++;
    fw_cfg_rebuild_dir(s);
}

void fw_cfg_add_file(FWCfgState *s, const char *filename, void *data, size_t len)
{
    add_file(s, filename, data, len, false);
}

void fw_cfg_add_file_writable(FWCfgState *s, const char *filename, void *data, size_t len)
{
    add_file(s, filename, data, len, true);
}

uint16_t fw_cfg_file_key(FWCfgState *s, const char *filename)
{
    for (int i = 0; i < s->nr_files; i++) {
        if (strcmp(s->files[i].name, filename) == 0) {
            return FW_CFG_FILE_FIRST + i;
        }
    }
    return FW_CFG_INVALID;
}

static void fw_cfg_select(FWCfgState *s, uint16_t key)
{
    s->cur_offset = 0;
    if (!fw_cfg_get_entry(s, key)) {
        qemu_log_mask(LOG_GUEST_ERROR, "fw_cfg: select of invalid key %#x\n", key);
        s->cur_entry = FW_CFG_INVALID;
    } else {
        s->cur_entry = key;
    }
}

static uint8_t fw_cfg_read_byte(FWCfgState *s)
{
    FWCfgEntry *e = fw_cfg_get_entry(s, s->cur_entry);

    if (!e || !e->data || s->cur_offset >= e->len) {
        return 0;
    }
    return e->data[s->cur_offset++];
}

/* The combined port pair: offset 0 is the selector, offset 1 the data byte. */
static uint64_t fw_cfg_comb_read(void *opaque, hwaddr addr, unsigned size)
{
    FWCfgState *s = opaque;

    if (addr == 1 && size == 1) {
        return fw_cfg_read_byte(s);
    }
    /* The selector is write-only. */
    return 0;
}

static void fw_cfg_comb_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    FWCfgState *s = opaque;

    if (addr == 0) {
        fw_cfg_select(s, (uint16_t)val);
    } else {
        /* Writes through the data port were removed (fw_cfg.rst: use DMA). */
        qemu_log_mask(LOG_GUEST_ERROR, "fw_cfg: write to the data port ignored\n");
    }
}

/* Runs one FWCfgDmaAccess at @dma_addr (fw_cfg.rst, "DMA interface"). */
static void fw_cfg_dma_transfer(FWCfgState *s)
{
    uint8_t hdr[16];
    uint32_t control, length;
    uint64_t address;
    FWCfgEntry *e;
    MemTxAttrs attrs = MEMTXATTRS_UNSPECIFIED;
    uint8_t status[4] = { 0 };

    if (address_space_read(s->dma_as, s->dma_addr, attrs, hdr, sizeof(hdr)) != MEMTX_OK) {
        qemu_log_mask(LOG_GUEST_ERROR, "fw_cfg: DMA descriptor unreadable at %#" PRIx64 "\n",
                      s->dma_addr);
        return;
    }
    control = (uint32_t)hdr[0] << 24 | hdr[1] << 16 | hdr[2] << 8 | hdr[3];
    length = (uint32_t)hdr[4] << 24 | hdr[5] << 16 | hdr[6] << 8 | hdr[7];
    address = 0;
    for (int i = 0; i < 8; i++) {
        address = address << 8 | hdr[8 + i];
    }
    if (control & FW_CFG_DMA_CTL_SELECT) {
        fw_cfg_select(s, control >> 16);
    }
    e = fw_cfg_get_entry(s, s->cur_entry);
    while (length > 0 && !(control & FW_CFG_DMA_CTL_ERROR)) {
        uint32_t avail = (e && e->data && s->cur_offset < e->len) ? e->len - s->cur_offset : 0;
        uint32_t n = avail ? MIN(avail, length) : length;
        uint8_t chunk[256];
        n = MIN(n, (uint32_t)sizeof(chunk));
        if (control & FW_CFG_DMA_CTL_READ) {
            /* Past the end of the item, reads give zeros. */
            if (avail) {
                memcpy(chunk, e->data + s->cur_offset, n);
                s->cur_offset += n;
            } else {
                memset(chunk, 0, n);
            }
            if (address_space_write(s->dma_as, address, attrs, chunk, n) != MEMTX_OK) {
                control |= FW_CFG_DMA_CTL_ERROR;
            }
        } else if (control & FW_CFG_DMA_CTL_WRITE) {
            if (!e || !e->allow_write || !avail) {
                control |= FW_CFG_DMA_CTL_ERROR;
                break;
            }
            if (address_space_read(s->dma_as, address, attrs, chunk, n) != MEMTX_OK) {
                control |= FW_CFG_DMA_CTL_ERROR;
                break;
            }
            memcpy(e->data + s->cur_offset, chunk, n);
            s->cur_offset += n;
        } else if (control & FW_CFG_DMA_CTL_SKIP) {
            if (avail) {
                s->cur_offset += n;
            }
        } else {
            break;
        }
        address += n;
        length -= n;
    }
    /* Completion: control becomes 0, or has only the error bit. */
    status[3] = control & FW_CFG_DMA_CTL_ERROR;
    address_space_write(s->dma_as, s->dma_addr, attrs, status, 4);
}

static uint64_t fw_cfg_dma_read(void *opaque, hwaddr addr, unsigned size)
{
    /* The big-endian signature "QEMU CFG", as the region is big-endian. */
    unsigned shift = (8 - size - (unsigned)addr) * 8;

    if (addr + size > 8) {
        return 0;
    }
    return (FW_CFG_DMA_SIGNATURE >> shift) & (size == 8 ? ~0ULL : (1ULL << (size * 8)) - 1);
}

static void fw_cfg_dma_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    FWCfgState *s = opaque;

    if (size == 4) {
        if (addr == 0) {
            s->dma_addr = val << 32;      /* the high half */
        } else if (addr == 4) {
            s->dma_addr |= (uint32_t)val; /* the low half starts the transfer */
            fw_cfg_dma_transfer(s);
            /* The register reads back 0 once a transfer is done
             * (docs/specs/fw_cfg.rst): a guest that writes only the low
             * half next time (SeaBIOS below 4 GiB) must not inherit the
             * old address. */
            s->dma_addr = 0;
        }
    } else if (size == 8 && addr == 0) {
        s->dma_addr = val;
        fw_cfg_dma_transfer(s);
        s->dma_addr = 0;
    } else {
        qemu_log_mask(LOG_GUEST_ERROR, "fw_cfg: DMA register write of size %u at %" PRIu64 "\n",
                      size, addr);
    }
}

static const MemoryRegionOps fw_cfg_comb_ops = {
    .read = fw_cfg_comb_read,
    .write = fw_cfg_comb_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
    .impl = { .min_access_size = 1, .max_access_size = 2 },
};

static const MemoryRegionOps fw_cfg_dma_ops = {
    .read = fw_cfg_dma_read,
    .write = fw_cfg_dma_write,
    .endianness = DEVICE_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

static bool fw_cfg_realize(DeviceState *dev, GError **errp)
{
    FWCfgState *s = (FWCfgState *)dev;

    memory_region_init_io(&s->comb_io, &fw_cfg_comb_ops, s, "fwcfg", 2);
    memory_region_add_subregion(get_system_io(), s->iobase, &s->comb_io);
    if (s->dma_enabled) {
        memory_region_init_io(&s->dma_io, &fw_cfg_dma_ops, s, "fwcfg.dma", 8);
        memory_region_add_subregion(get_system_io(), s->dma_iobase, &s->dma_io);
    }
    fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, g_memdup2("QEMU", 4), 4);
    fw_cfg_add_i32(s, FW_CFG_ID, FW_CFG_VERSION | (s->dma_enabled ? FW_CFG_VERSION_DMA : 0));
    fw_cfg_add_bytes(s, FW_CFG_UUID, g_malloc0(16), 16);
    fw_cfg_rebuild_dir(s);
    return true;
}

static void fw_cfg_reset(DeviceState *dev)
{
    FWCfgState *s = (FWCfgState *)dev;

    s->cur_entry = FW_CFG_SIGNATURE;
    s->cur_offset = 0;
    s->dma_addr = 0;
}

static const Property fw_cfg_props[] = {
    DEFINE_PROP_UINT32("iobase", FWCfgState, iobase, 0x510),
    DEFINE_PROP_UINT32("dma_iobase", FWCfgState, dma_iobase, 0x514),
    DEFINE_PROP_BOOL("dma_enabled", FWCfgState, dma_enabled, true),
    DEFINE_PROP_END_OF_LIST(),
};

static const DeviceClass fw_cfg_class = {
    .name = TYPE_FW_CFG_IO,
    .desc = "QEMU firmware configuration (I/O ports)",
    .instance_size = sizeof(FWCfgState),
    .props = fw_cfg_props,
    .realize = fw_cfg_realize,
    .reset = fw_cfg_reset,
};

static void fw_cfg_register(void)
{
    type_register_static(&fw_cfg_class);
}
type_init(fw_cfg_register)

FWCfgState *fw_cfg_init_io_dma(uint32_t iobase, uint32_t dma_iobase, AddressSpace *dma_as)
{
    DeviceState *dev = qdev_new(TYPE_FW_CFG_IO);
    FWCfgState *s = (FWCfgState *)dev;

    qdev_prop_set_uint32(dev, "iobase", iobase);
    qdev_prop_set_uint32(dev, "dma_iobase", dma_iobase);
    qdev_set_path(dev, "/machine/fw_cfg");
    s->dma_as = dma_as;
    qdev_realize_or_die(dev, NULL);
    the_fw_cfg = s;
    return s;
}

FWCfgState *fw_cfg_find(void)
{
    return the_fw_cfg;
}
