/*
 * Intel 82371SB PIIX3, function 0: the PCI-to-ISA bridge (82371FB/SB
 * datasheet, order number 290550).
 *
 * Implemented: identity, PIRQ[A:D] routing to ISA IRQs (PIRQRC, 0x60-0x63,
 * section 2.2.10), the Reset Control register at I/O 0xcf9 (section 4.1.1).
 * The ELCRs at 0x4d0/0x4d1 belong to the PIC model (hw/intc/i8259.c).
 * Other registers (TOM, XBCS, APIC base, SMI control) are plain storage.
 */
#include <stdio.h>

#include "hw/southbridge/piix.h"
#include "qemu/log.h"
#include "sysemu/runstate.h"

int pci_slot_get_pirq(PCIDevice *dev, int intx)
{
    /* Slot 1 INTA# is PIRQA#, and each slot rotates by one (the PC wiring). */
    return (PCI_SLOT(dev->devfn) - 1 + intx) & 3;
}

/* Recomputes which ISA IRQs the PIRQs drive and updates the lines that changed. */
static void piix3_update_irq_levels(PIIX3State *s)
{
    uint16_t levels = 0;
    uint16_t routed = 0;

    for (int p = 0; p < PIIX_NUM_PIRQS; p++) {
        uint8_t rc = s->parent_obj.config[PIIX_PIRQCA + p];
        int irq = rc & 0x0f;
        /* IRQ0-2, 8 and 13 are reserved routing values (82371SB, PIRQRC). */
        if ((rc & PIIX_PIRQRC_IRQROUTEN) || irq < 3 || irq == 8 || irq == 13) {
            continue;
        }
        routed |= 1 << irq;
        if (s->pirq_level[p]) {
            levels |= 1 << irq;
        }
    }
    for (int irq = 0; irq < ISA_NUM_IRQS; irq++) {
        uint16_t bit = 1 << irq;
        if ((levels ^ s->pic_levels) & bit) {
            qemu_set_irq(s->isa_irqs[irq], (levels & bit) != 0);
        }
    }
    (void)routed;
    s->pic_levels = levels;
}

void piix3_set_pirq(void *opaque, int pirq, int level)
{
    PIIX3State *s = opaque;

    s->pirq_level[pirq] = level;
    piix3_update_irq_levels(s);
}

static void piix3_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    pci_default_write_config(dev, addr, val, len);
    if (addr < PIIX_PIRQCA + 4 && addr + len > PIIX_PIRQCA) {
        piix3_update_irq_levels((PIIX3State *)dev);
    }
}

uint64_t piix3_rcr_read(void *opaque)
{
    return ((PIIX3State *)opaque)->rcr;
}

void piix3_rcr_write(void *opaque, uint8_t val)
{
    PIIX3State *s = opaque;

    if ((val & RCR_RCPU) && !(s->rcr & RCR_RCPU)) {
        /* A hard (SRST) or soft reset: both restart the machine here. */
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        s->rcr = val & RCR_SRST;
        return;
    }
    s->rcr = val & (RCR_SRST | RCR_RCPU);
}

static bool piix3_realize(PCIDevice *dev, GError **errp)
{
    /* Everything from 0x40 up is read/write storage (the datasheet's defaults below). */
    for (int i = 0x40; i < PCI_CONFIG_SPACE_SIZE; i++) {
        dev->wmask[i] = 0xff;
    }
    return true;
}

static void piix3_reset(DeviceState *qdev)
{
    PIIX3State *s = (PIIX3State *)qdev;
    uint8_t *c = s->parent_obj.config;

    pci_device_reset(&s->parent_obj);
    pci_set_word(c + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                 PCI_COMMAND_SPECIAL);
    pci_set_word(c + PCI_STATUS, PCI_STATUS_DEVSEL_MEDIUM);
    c[0x4c] = 0x4d;              /* IORT */
    c[0x4e] = 0x03;              /* XBCS */
    c[0x4f] = 0x00;
    for (int i = 0; i < PIIX_NUM_PIRQS; i++) {
        c[PIIX_PIRQCA + i] = PIIX_PIRQRC_IRQROUTEN;
    }
    c[0x69] = 0x02;              /* TOM */
    c[0x70] = 0x80;              /* MBIRQ0 */
    c[0x76] = 0x0c;              /* MBDMA */
    c[0x77] = 0x0c;
    c[0x78] = 0x02;              /* PCSC */
    c[0x79] = 0x00;
    c[0x80] = 0x00;              /* APICBASE */
    c[0x82] = 0x00;              /* DLC */
    c[0xa0] = 0x08;              /* SMICNTL */
    c[0xa2] = c[0xa3] = 0x00;
    c[0xa4] = c[0xa5] = c[0xa6] = c[0xa7] = 0x00;
    c[0xa8] = 0x0f;
    c[0xaa] = c[0xab] = c[0xac] = c[0xae] = 0x00;
    for (int i = 0; i < PIIX_NUM_PIRQS; i++) {
        s->pirq_level[i] = 0;
    }
    piix3_update_irq_levels(s);
    s->rcr = 0;
}

static const PCIDeviceClass piix3_class = {
    .parent = {
        .name = TYPE_PIIX3_PCI_DEVICE,
        .desc = "Intel 82371SB PIIX3 PCI-to-ISA bridge",
        .bus_type = "PCI",
        .instance_size = sizeof(PIIX3State),
        .reset = piix3_reset,
    },
    .vendor_id = PCI_VENDOR_ID_INTEL,
    .device_id = 0x7000,
    .class_id = PCI_CLASS_BRIDGE_ISA,
    .realize = piix3_realize,
    .config_write = piix3_write_config,
};

static void piix3_register(void)
{
    type_register_static(&piix3_class.parent);
}
type_init(piix3_register)

PIIX3State *piix3_create(PCIBus *bus, int devfn, MemoryRegion *io)
{
    DeviceState *dev = qdev_new(TYPE_PIIX3_PCI_DEVICE);
    PIIX3State *s = (PIIX3State *)dev;

    qdev_prop_set_int32(dev, "addr", devfn);
    qdev_prop_set_bit(dev, "multifunction", true);
    qdev_realize_or_die(dev, &bus->qbus);
    s->isa_bus = isa_bus_new(dev, io);
    pci_bus_irqs(bus, piix3_set_pirq, pci_slot_get_pirq, s);
    return s;
}

void piix3_connect_irqs(PIIX3State *s, qemu_irq *pic_irqs)
{
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        s->isa_irqs[i] = pic_irqs[i];
    }
    isa_bus_irqs(s->isa_bus, pic_irqs);
}
