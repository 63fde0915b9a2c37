/*
 * PIIX3 function 1: the IDE controller's PCI identity (82371SB datasheet,
 * section 2.3).  The legacy IDE ports and drives are not emulated yet; the
 * bus master IDE registers (BMIBA, BAR4) decode 16 bytes that read as 0.
 */
#include "hw/southbridge/piix.h"
#include "qemu/log.h"

typedef struct PIIXIDEState {
    PCIDevice parent_obj;
    MemoryRegion bmdma;
} PIIXIDEState;

static uint64_t bmdma_read(void *opaque, hwaddr addr, unsigned size)
{
    qemu_log_mask(LOG_UNIMP, "piix3-ide: bus master IDE register %#x read\n", (unsigned)addr);
    return 0;
}

static void bmdma_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    qemu_log_mask(LOG_UNIMP, "piix3-ide: bus master IDE register %#x write\n", (unsigned)addr);
}

static const MemoryRegionOps bmdma_ops = {
    .read = bmdma_read,
    .write = bmdma_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static bool piix_ide_realize(PCIDevice *dev, GError **errp)
{
    PIIXIDEState *s = (PIIXIDEState *)dev;

    dev->config[PCI_CLASS_PROG] = 0x80;   /* bus master capable, legacy mode */
    /* IDETIM (0x40-0x43) and SIDETIM (0x44) are writable. */
    for (int i = 0x40; i <= 0x44; i++) {
        dev->wmask[i] = 0xff;
    }
    memory_region_init_io(&s->bmdma, &bmdma_ops, s, "piix-bmdma-container", 16);
    pci_register_bar(dev, 4, PCI_BASE_ADDRESS_SPACE_IO, &s->bmdma);
    return true;
}

static void piix_ide_reset(DeviceState *qdev)
{
    PCIDevice *dev = PCI_DEVICE(qdev);

    pci_device_reset(dev);
    pci_set_word(dev->config + PCI_STATUS, PCI_STATUS_FAST_BACK | PCI_STATUS_DEVSEL_MEDIUM);
    pci_set_long(dev->config + PCI_BASE_ADDRESS_0 + 4 * 4, PCI_BASE_ADDRESS_SPACE_IO);
}

static const PCIDeviceClass piix3_ide_class = {
    .parent = {
        .name = TYPE_PIIX3_IDE,
        .desc = "Intel 82371SB PIIX3 IDE",
        .bus_type = "PCI",
        .instance_size = sizeof(PIIXIDEState),
        .reset = piix_ide_reset,
    },
    .vendor_id = PCI_VENDOR_ID_INTEL,
    .device_id = 0x7010,
    .class_id = PCI_CLASS_STORAGE_IDE,
    .realize = piix_ide_realize,
};

static void piix_ide_register(void)
{
    type_register_static(&piix3_ide_class.parent);
}
type_init(piix_ide_register)
