/*
 * Intel 82441FX PCI and Memory Controller (82441FX/82442FX datasheet,
 * order number 290549), the host bridge of the i440FX chipset.
 *
 * Configuration Mechanism #1 (PCI Local Bus Specification 2.1, 3.7.4.1):
 * a dword write to CONFIG_ADDRESS (0xcf8) selects bus/device/function/
 * register when bit 31 is set; CONFIG_DATA (0xcfc-0xcff) then reaches the
 * register.  Other sizes at 0xcf8 are not CONFIG_ADDRESS and pass through
 * (0xcf9 is the PIIX's Reset Control register).
 *
 * PAM0-PAM6 (0x59-0x5f) steer 0xc0000-0xfffff in thirteen segments between
 * DRAM and PCI; SMRAM (0x72) decides whether 0xa0000-0xbffff shows DRAM or
 * the PCI (VGA) window.  Each is implemented as enabling one of a set of
 * alternative memory regions, so `info mtree` shows the current state.
 */
#include <stdio.h>
#include <string.h>

#include "hw/pci-host/i440fx.h"
#include "qemu/log.h"

#define CONFIG_ADDRESS_ENABLE 0x80000000u

/* ---- PAM ---- */

static uint64_t pam_wo_read(void *opaque, hwaddr addr, unsigned size)
{
    PAMMemoryRegion *pam = opaque;
    uint64_t v = 0;

    /* WE only: reads are forwarded to PCI. */
    address_space_read(&pam->owner->pci_as, pam->start + addr, MEMTXATTRS_UNSPECIFIED, &v, size);
    return v;
}

static void pam_wo_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PAMMemoryRegion *pam = opaque;
    uint8_t *ram = memory_region_get_ram_ptr(pam->owner->ram);

    /* WE only: writes go to DRAM. */
    memcpy(ram + pam->start + addr, &val, size);
}

static const MemoryRegionOps pam_wo_ops = {
    .read = pam_wo_read,
    .write = pam_wo_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
};

static void pam_init(I440FXState *d, PAMMemoryRegion *pam, hwaddr start, uint64_t size)
{
    char name[32];

    pam->start = start;
    pam->size = size;
    pam->owner = d;
    snprintf(name, sizeof(name), "pam-pci");
    memory_region_init_alias(&pam->alias_pci, name, d->pci_address_space, start, size);
    /*
     * RE only: reads from DRAM; writes should be forwarded to PCI.  In the
     * PC nothing on PCI decodes writes here (the BIOS and option ROMs are
     * read-only), so a read-only DRAM alias drops them just the same, and
     * keeps shadowed BIOS code on the fast RAM path.
     */
    memory_region_init_alias(&pam->alias_rom, "pam-rom", d->ram, start, size);
    memory_region_set_readonly(&pam->alias_rom, true);
    memory_region_init_io(&pam->io_wo, &pam_wo_ops, pam, "pam-wo", size);
    memory_region_init_alias(&pam->alias_ram, "pam-ram", d->ram, start, size);
    memory_region_set_enabled(&pam->alias_pci, true);
    memory_region_set_enabled(&pam->alias_rom, false);
    memory_region_set_enabled(&pam->io_wo, false);
    memory_region_set_enabled(&pam->alias_ram, false);
    memory_region_add_subregion_overlap(d->system_memory, start, &pam->alias_pci, 1);
    memory_region_add_subregion_overlap(d->system_memory, start, &pam->alias_rom, 1);
    memory_region_add_subregion_overlap(d->system_memory, start, &pam->io_wo, 1);
    memory_region_add_subregion_overlap(d->system_memory, start, &pam->alias_ram, 1);
    pam->current = 0;
}

static void pam_update(PAMMemoryRegion *pam, unsigned mode)
{
    MemoryRegion *regions[4] = { &pam->alias_pci, &pam->alias_rom, &pam->io_wo,
                                 &pam->alias_ram };

    for (unsigned i = 0; i < 4; i++) {
        memory_region_set_enabled(regions[i], i == mode);
    }
    pam->current = mode;
}

/* The attribute nibble of segment @seg: 0 is PAM0[5:4], then PAM1[3:0], PAM1[7:4], ... */
static unsigned pam_mode(I440FXState *d, int seg)
{
    if (seg == 0) {
        return (d->parent_obj.config[I440FX_PAM] >> 4) & 3;
    }
    uint8_t reg = d->parent_obj.config[I440FX_PAM + (seg + 1) / 2];
    return ((seg & 1) ? reg : reg >> 4) & 3;
}

static void i440fx_update_memory_mappings(I440FXState *d)
{
    uint8_t smram = d->parent_obj.config[I440FX_SMRAM];

    memory_region_transaction_begin();
    for (int i = 0; i < PAM_NR_SEGMENTS; i++) {
        pam_update(&d->pam[i], pam_mode(d, i));
    }
    /*
     * D_OPEN makes SMRAM visible to non-SMM accesses.  SeaBIOS opens it
     * before setting G_SMRAME to copy its SMI handler in, so D_OPEN alone
     * decides, as in QEMU.
     */
    memory_region_set_enabled(&d->smram_region, !(smram & SMRAM_D_OPEN));
    memory_region_set_enabled(&d->low_smram, smram & SMRAM_G_SMRAME);
    memory_region_transaction_commit();
}

/* SMRAM writes: D_LCK makes D_OPEN 0 and read-only, G_SMRAME read-only; only reset clears it. */
static uint8_t smram_write(uint8_t old, uint8_t val)
{
    uint8_t v;

    if (old & SMRAM_D_LCK) {
        v = (old & ~SMRAM_D_CLS) | (val & SMRAM_D_CLS);
        v &= ~SMRAM_D_OPEN;
    } else {
        v = val & (SMRAM_D_OPEN | SMRAM_D_CLS | SMRAM_D_LCK | SMRAM_G_SMRAME);
        if (v & SMRAM_D_LCK) {
            v &= ~SMRAM_D_OPEN;
        }
    }
    if ((v & SMRAM_D_OPEN) && (v & SMRAM_D_CLS)) {
        qemu_log_mask(LOG_GUEST_ERROR, "i440fx: SMRAM D_OPEN and D_CLS both set\n");
    }
    return v | SMRAM_C_BASE_SEG;
}

static void i440fx_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    I440FXState *d = (I440FXState *)dev;
    uint8_t old_smram = dev->config[I440FX_SMRAM];

    pci_default_write_config(dev, addr, val, len);
    if (addr <= I440FX_SMRAM && addr + len > I440FX_SMRAM) {
        dev->config[I440FX_SMRAM] = smram_write(old_smram, val >> (8 * (I440FX_SMRAM - addr)));
    }
    if ((addr < I440FX_PAM + I440FX_PAM_SIZE && addr + len > I440FX_PAM) ||
        (addr <= I440FX_SMRAM && addr + len > I440FX_SMRAM)) {
        i440fx_update_memory_mappings(d);
    }
}

static bool i440fx_pci_realize(PCIDevice *dev, GError **errp)
{
    /* PAM0 has only bits 7:4 defined as PAM, the rest writable per nibble. */
    dev->wmask[I440FX_PAM] = 0x30;
    for (int i = 1; i < I440FX_PAM_SIZE; i++) {
        dev->wmask[I440FX_PAM + i] = 0x33;
    }
    dev->wmask[I440FX_SMRAM] = 0;  /* handled by smram_write */
    dev->config[I440FX_SMRAM] = SMRAM_C_BASE_SEG;
    return true;
}

static void i440fx_reset(DeviceState *qdev)
{
    PCIDevice *dev = PCI_DEVICE(qdev);

    pci_device_reset(dev);
    memset(dev->config + I440FX_PAM, 0, I440FX_PAM_SIZE);
    dev->config[I440FX_SMRAM] = SMRAM_C_BASE_SEG;
    if (((I440FXState *)dev)->ram) {
        i440fx_update_memory_mappings((I440FXState *)dev);
    }
}

static const PCIDeviceClass i440fx_pci_class = {
    .parent = {
        .name = TYPE_I440FX_PCI_DEVICE,
        .desc = "Intel 82441FX PMC (i440FX host bridge function)",
        .bus_type = "PCI",
        .instance_size = sizeof(I440FXState),
        .reset = i440fx_reset,
    },
    .vendor_id = PCI_VENDOR_ID_INTEL,
    .device_id = 0x1237,
    .revision = 0x02,
    .class_id = PCI_CLASS_BRIDGE_HOST,
    .realize = i440fx_pci_realize,
    .config_write = i440fx_write_config,
};

/* ---- The host bridge: configuration mechanism #1 ---- */

static uint64_t conf_read(void *opaque, hwaddr addr, unsigned size)
{
    I440FXHostState *h = opaque;

    if (size == 4 && addr == 0) {
        return h->config_reg;
    }
    if (size == 1 && addr == 1 && h->rcr_read) {
        return h->rcr_read(h->rcr_opaque);
    }
    return (1ULL << (8 * size)) - 1;
}

static void conf_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    I440FXHostState *h = opaque;

    if (size == 4 && addr == 0) {
        /* Bits 1:0 are reserved and read back as 0. */
        h->config_reg = (uint32_t)val & ~3u;
    } else if (size == 1 && addr == 1 && h->rcr_write) {
        h->rcr_write(h->rcr_opaque, val);
    } else {
        qemu_log_mask(LOG_GUEST_ERROR, "i440fx: %u-byte write to 0x%x ignored\n", size,
                      (unsigned)(0xcf8 + addr));
    }
}

static const MemoryRegionOps conf_ops = {
    .read = conf_read,
    .write = conf_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static uint64_t data_read(void *opaque, hwaddr addr, unsigned size)
{
    I440FXHostState *h = opaque;
    uint32_t ca = h->config_reg;

    if (!(ca & CONFIG_ADDRESS_ENABLE)) {
        return (1ULL << (8 * size)) - 1;
    }
    return pci_host_config_read(h->bus, (ca >> 16) & 0xff, (ca >> 8) & 0xff,
                                (ca & 0xfc) + addr, size);
}

static void data_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    I440FXHostState *h = opaque;
    uint32_t ca = h->config_reg;

    if (!(ca & CONFIG_ADDRESS_ENABLE)) {
        return;
    }
    pci_host_config_write(h->bus, (ca >> 16) & 0xff, (ca >> 8) & 0xff, (ca & 0xfc) + addr,
                          (uint32_t)val, size);
}

static const MemoryRegionOps data_ops = {
    .read = data_read,
    .write = data_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
};

static void host_reset(DeviceState *dev)
{
    ((I440FXHostState *)dev)->config_reg = 0;
}

static const DeviceClass i440fx_host_class = {
    .name = TYPE_I440FX_PCI_HOST_BRIDGE,
    .desc = "i440FX PCI host bridge",
    .instance_size = sizeof(I440FXHostState),
    .reset = host_reset,
};

static void i440fx_register(void)
{
    type_register_static(&i440fx_host_class);
    type_register_static(&i440fx_pci_class.parent);
}
type_init(i440fx_register)

void i440fx_set_rcr_handler(I440FXHostState *h, PCIHostRCRRead rd, PCIHostRCRWrite wr,
                            void *opaque)
{
    h->rcr_read = rd;
    h->rcr_write = wr;
    h->rcr_opaque = opaque;
}

I440FXHostState *i440fx_init(MemoryRegion *system_memory, MemoryRegion *system_io,
                             MemoryRegion *pci_memory, MemoryRegion *ram)
{
    DeviceState *dev = qdev_new(TYPE_I440FX_PCI_HOST_BRIDGE);
    I440FXHostState *h = (I440FXHostState *)dev;
    DeviceState *pmc_dev;
    I440FXState *d;

    qdev_set_path(dev, "/machine/i440fx");
    qdev_realize_or_die(dev, NULL);
    memory_region_init_io(&h->conf_io, &conf_ops, h, "pci-conf-idx", 4);
    memory_region_init_io(&h->data_io, &data_ops, h, "pci-conf-data", 4);
    memory_region_add_subregion(system_io, 0xcf8, &h->conf_io);
    memory_region_add_subregion(system_io, 0xcfc, &h->data_io);
    h->bus = pci_root_bus_new(dev, "pci.0", pci_memory, system_io);

    pmc_dev = qdev_new(TYPE_I440FX_PCI_DEVICE);
    d = (I440FXState *)pmc_dev;
    d->system_memory = system_memory;
    d->pci_address_space = pci_memory;
    d->ram = ram;
    qdev_prop_set_int32(pmc_dev, "addr", PCI_DEVFN(0, 0));
    qdev_set_path(pmc_dev, "/machine/i440fx/pci.0/i440FX");
    address_space_init(&d->pci_as, pci_memory, "pci-memory");

    memory_region_transaction_begin();
    /* The PCI (VGA) window over 0xa0000 while SMRAM is closed. */
    memory_region_init_alias(&d->smram_region, "smram-region", pci_memory, 0xa0000, 0x20000);
    memory_region_add_subregion_overlap(system_memory, 0xa0000, &d->smram_region, 1);
    memory_region_set_enabled(&d->smram_region, true);
    /* What an SMM access sees at 0xa0000 when G_SMRAME is set. */
    memory_region_init(&d->smram, "smram", 4ULL << 30);
    memory_region_init_alias(&d->low_smram, "smram-low", ram, 0xa0000, 0x20000);
    memory_region_set_enabled(&d->low_smram, false);
    memory_region_add_subregion(&d->smram, 0xa0000, &d->low_smram);
    pam_init(d, &d->pam[0], 0xf0000, 0x10000);
    for (int i = 0; i < 12; i++) {
        pam_init(d, &d->pam[i + 1], 0xc0000 + i * 0x4000, 0x4000);
    }
    memory_region_transaction_commit();

    qdev_realize_or_die(pmc_dev, &h->bus->qbus);
    h->pmc = d;
    return h;
}
