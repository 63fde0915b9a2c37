/* Conventional PCI bus: see include/hw/pci/pci.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hw/pci/pci.h"
#include "qemu/log.h"

static const Property pci_bus_props[] = {
    DEFINE_PROP(("addr"), PROP_PCI_DEVFN, PCIDevice, devfn, -1),
    DEFINE_PROP_STRING("romfile", PCIDevice, romfile),
    DEFINE_PROP_BOOL("multifunction", PCIDevice, multifunction, false),
    DEFINE_PROP_END_OF_LIST(),
};

static const char *pci_class_name(uint16_t class_id)
{
    switch (class_id) {
    case PCI_CLASS_STORAGE_IDE: return "IDE controller";
    case PCI_CLASS_BRIDGE_HOST: return "Host bridge";
    case PCI_CLASS_BRIDGE_ISA: return "ISA bridge";
    case PCI_CLASS_BRIDGE_OTHER: return "Bridge";
    case 0x0300: return "VGA controller";
    case 0x0200: return "Ethernet controller";
    default: return NULL;
    }
}

static void pci_bus_print_dev(GString *out, DeviceState *qdev, int indent)
{
    PCIDevice *d = PCI_DEVICE(qdev);
    uint16_t class_id = pci_get_word(d->config + PCI_CLASS_DEVICE);
    const char *cname = pci_class_name(class_id);

    if (cname) {
        g_string_append_printf(out, "%*sclass %s, addr %02x:%02x.%x, pci id %04x:%04x (sub %04x:%04x)\n",
                               indent, "", cname, 0, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn),
                               pci_get_word(d->config + PCI_VENDOR_ID),
                               pci_get_word(d->config + PCI_DEVICE_ID),
                               pci_get_word(d->config + PCI_SUBSYSTEM_VENDOR_ID),
                               pci_get_word(d->config + PCI_SUBSYSTEM_ID));
    } else {
        g_string_append_printf(out, "%*sclass Class %04x, addr %02x:%02x.%x, pci id %04x:%04x (sub %04x:%04x)\n",
                               indent, "", class_id, 0, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn),
                               pci_get_word(d->config + PCI_VENDOR_ID),
                               pci_get_word(d->config + PCI_DEVICE_ID),
                               pci_get_word(d->config + PCI_SUBSYSTEM_VENDOR_ID),
                               pci_get_word(d->config + PCI_SUBSYSTEM_ID));
    }
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &d->io_regions[i];
        if (!r->size) {
            continue;
        }
        g_string_append_printf(out, "%*sbar %d: %s at 0x%" PRIx64 " [0x%" PRIx64 "]\n",
                               indent, "", i,
                               (r->type & PCI_BASE_ADDRESS_SPACE_IO) ? "i/o" : "mem",
                               r->addr, r->addr + r->size - 1);
    }
}

static bool pci_bus_pre_realize(BusState *qbus, DeviceState *qdev, GError **errp)
{
    PCIBus *bus = (PCIBus *)qbus;
    PCIDevice *d = PCI_DEVICE(qdev);
    const PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(d);

    if (d->devfn < 0) {
        for (int devfn = 0; devfn < 256; devfn += 8) {
            if (!bus->devices[devfn]) {
                d->devfn = devfn;
                break;
            }
        }
        if (d->devfn < 0) {
            g_set_error(errp, QDEV_ERROR, 0, "PCI: no slot/function available for %s, all in use",
                        qdev->klass->name);
            return false;
        }
    } else if (bus->devices[d->devfn]) {
        g_set_error(errp, QDEV_ERROR, 0,
                    "PCI: slot %d function %d not available for %s, in use by %s",
                    PCI_SLOT(d->devfn), PCI_FUNC(d->devfn), qdev->klass->name,
                    bus->devices[d->devfn]->qdev.klass->name);
        return false;
    }
    d->bus = bus;
    bus->devices[d->devfn] = d;

    pci_set_word(d->config + PCI_VENDOR_ID, pc->vendor_id);
    pci_set_word(d->config + PCI_DEVICE_ID, pc->device_id);
    pci_set_byte(d->config + PCI_REVISION_ID, pc->revision);
    pci_set_word(d->config + PCI_CLASS_DEVICE, pc->class_id);
    pci_set_word(d->config + PCI_SUBSYSTEM_VENDOR_ID,
                 pc->subsystem_vendor_id ? pc->subsystem_vendor_id
                                         : PCI_SUBVENDOR_ID_REDHAT_QUMRANET);
    pci_set_word(d->config + PCI_SUBSYSTEM_ID,
                 pc->subsystem_vendor_id ? pc->subsystem_id : PCI_SUBDEVICE_ID_QEMU);
    if (d->multifunction) {
        d->config[PCI_HEADER_TYPE] |= PCI_HEADER_TYPE_MULTI_FUNCTION;
    }
    /* Command: I/O, memory, bus master, SERR#, INTx disable are writable. */
    pci_set_word(d->wmask + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
                 PCI_COMMAND_MASTER | PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE);
    /* Status: the error bits are write-1-to-clear. */
    pci_set_word(d->w1cmask + PCI_STATUS, 0xf900);
    d->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    d->wmask[PCI_LATENCY_TIMER] = 0xff;
    d->wmask[PCI_INTERRUPT_LINE] = 0xff;
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        d->io_regions[i].addr = PCI_BAR_UNMAPPED;
    }
    if (pc->realize && !pc->realize(d, errp)) {
        bus->devices[d->devfn] = NULL;
        return false;
    }
    return true;
}

const BusClass pci_bus_class = {
    .name = "PCI",
    .props = pci_bus_props,
    .print_dev = pci_bus_print_dev,
    .pre_realize = pci_bus_pre_realize,
};

static void __attribute__((constructor)) pci_bus_register(void)
{
    qbus_register_class(&pci_bus_class);
}

static PCIBus *root_bus;

PCIBus *pci_root_bus_new(DeviceState *parent, const char *name, MemoryRegion *mem,
                         MemoryRegion *io)
{
    PCIBus *bus = g_new0(PCIBus, 1);

    qbus_init(&bus->qbus, &pci_bus_class, parent, name);
    bus->address_space_mem = mem;
    bus->address_space_io = io;
    if (!root_bus) {
        root_bus = bus;
    }
    return bus;
}

PCIBus *pci_find_root_bus(void)
{
    return root_bus;
}

void pci_bus_irqs(PCIBus *bus, pci_set_irq_fn set_irq, pci_map_irq_fn map_irq, void *opaque)
{
    bus->set_irq = set_irq;
    bus->map_irq = map_irq;
    bus->irq_opaque = opaque;
}

static PCIDevice *create(PCIBus *bus, int devfn, const char *type, bool multifunction)
{
    DeviceState *dev = qdev_new(type);

    qdev_prop_set_int32(dev, "addr", devfn);
    if (multifunction) {
        qdev_prop_set_bit(dev, "multifunction", true);
    }
    qdev_realize_or_die(dev, &bus->qbus);
    return PCI_DEVICE(dev);
}

PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *type)
{
    return create(bus, devfn, type, false);
}

PCIDevice *pci_create_simple_multifunction(PCIBus *bus, int devfn, const char *type)
{
    return create(bus, devfn, type, true);
}

void pci_register_bar(PCIDevice *d, int region, uint8_t type, MemoryRegion *mr)
{
    PCIIORegion *r = &d->io_regions[region];
    uint64_t size = memory_region_size(mr);
    int off = region == PCI_ROM_SLOT ? PCI_ROM_ADDRESS : PCI_BASE_ADDRESS_0 + region * 4;
    uint64_t wmask;

    g_assert(size && (size & (size - 1)) == 0);
    r->size = size;
    r->type = type;
    r->memory = mr;
    r->addr = PCI_BAR_UNMAPPED;
    r->address_space = (type & PCI_BASE_ADDRESS_SPACE_IO) ? d->bus->address_space_io
                                                          : d->bus->address_space_mem;
    wmask = ~(size - 1);
    if (region == PCI_ROM_SLOT) {
        wmask = (wmask & 0xfffff800) | PCI_ROM_ADDRESS_ENABLE;
    } else if (type & PCI_BASE_ADDRESS_SPACE_IO) {
        wmask &= 0xfffffffc;
    } else {
        wmask &= 0xfffffff0;
    }
    pci_set_long(d->config + off, region == PCI_ROM_SLOT ? 0 : type);
    pci_set_long(d->wmask + off, (uint32_t)wmask);
    if (type & PCI_BASE_ADDRESS_MEM_TYPE_64) {
        pci_set_long(d->wmask + off + 4, (uint32_t)(wmask >> 32));
    }
}

uint64_t pci_get_bar_addr(PCIDevice *d, int region)
{
    return d->io_regions[region].addr;
}

/* Where BAR @i decodes now, or PCI_BAR_UNMAPPED (PCI 3.0, 6.2.5.1). */
static uint64_t bar_decode(PCIDevice *d, int i)
{
    PCIIORegion *r = &d->io_regions[i];
    uint16_t cmd = pci_get_word(d->config + PCI_COMMAND);
    uint64_t addr;

    if (i == PCI_ROM_SLOT) {
        uint32_t v = pci_get_long(d->config + PCI_ROM_ADDRESS);
        if (!(cmd & PCI_COMMAND_MEMORY) || !(v & PCI_ROM_ADDRESS_ENABLE)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = v & ~(r->size - 1) & 0xfffff800;
    } else if (r->type & PCI_BASE_ADDRESS_SPACE_IO) {
        if (!(cmd & PCI_COMMAND_IO)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = pci_get_long(d->config + PCI_BASE_ADDRESS_0 + i * 4) & ~(r->size - 1) & ~3u;
        if (addr + r->size > 0x10000) {
            return PCI_BAR_UNMAPPED;
        }
    } else {
        if (!(cmd & PCI_COMMAND_MEMORY)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = pci_get_long(d->config + PCI_BASE_ADDRESS_0 + i * 4);
        if (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) {
            addr |= (uint64_t)pci_get_long(d->config + PCI_BASE_ADDRESS_0 + i * 4 + 4) << 32;
        }
        addr &= ~(r->size - 1) & ~(uint64_t)0xf;
    }
    /* A BAR still holding its sizing value (all ones) or 0 decodes nothing. */
    if (addr == 0 || addr + r->size - 1 < addr) {
        return PCI_BAR_UNMAPPED;
    }
    if (!(r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) && !(r->type & PCI_BASE_ADDRESS_SPACE_IO) &&
        addr + r->size > 0x100000000ULL) {
        return PCI_BAR_UNMAPPED;
    }
    return addr;
}

static void pci_update_mappings(PCIDevice *d)
{
    memory_region_transaction_begin();
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &d->io_regions[i];
        uint64_t addr;
        if (!r->size) {
            continue;
        }
        addr = bar_decode(d, i);
        if (addr == r->addr) {
            continue;
        }
        if (r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(r->address_space, r->memory);
        }
        r->addr = addr;
        if (addr != PCI_BAR_UNMAPPED) {
            memory_region_add_subregion_overlap(r->address_space, addr, r->memory, 1);
        }
    }
    memory_region_transaction_commit();
}

uint32_t pci_default_read_config(PCIDevice *d, uint32_t addr, int len)
{
    uint32_t v = 0;

    for (int i = 0; i < len && addr + i < PCI_CONFIG_SPACE_SIZE; i++) {
        v |= (uint32_t)d->config[addr + i] << (8 * i);
    }
    return v;
}

static bool ranges_overlap(uint32_t a, int alen, uint32_t b, int blen)
{
    return a < b + blen && b < a + alen;
}

void pci_default_write_config(PCIDevice *d, uint32_t addr, uint32_t val, int len)
{
    uint16_t old_cmd = pci_get_word(d->config + PCI_COMMAND);

    for (int i = 0; i < len && addr + i < PCI_CONFIG_SPACE_SIZE; i++) {
        uint8_t wm = d->wmask[addr + i], w1c = d->w1cmask[addr + i];
        uint8_t b = val >> (8 * i);
        d->config[addr + i] = (d->config[addr + i] & ~wm) | (b & wm);
        d->config[addr + i] &= ~(b & w1c);
    }
    if (ranges_overlap(addr, len, PCI_BASE_ADDRESS_0, 24) ||
        ranges_overlap(addr, len, PCI_ROM_ADDRESS, 4) ||
        ranges_overlap(addr, len, PCI_COMMAND, 2)) {
        pci_update_mappings(d);
    }
    if ((old_cmd ^ pci_get_word(d->config + PCI_COMMAND)) & PCI_COMMAND_INTX_DISABLE) {
        /* Re-evaluate the pin now that INTx may be (un)masked. */
        int level = d->irq_state;
        d->irq_state = 0;
        pci_set_irq(d, level);
    }
}

uint32_t pci_host_config_read(PCIBus *bus, uint8_t busnr, uint8_t devfn, uint32_t addr, int len)
{
    PCIDevice *d = busnr == 0 ? bus->devices[devfn] : NULL;
    const PCIDeviceClass *pc;

    if (!d) {
        return len == 4 ? 0xffffffff : (1u << (8 * len)) - 1;
    }
    pc = PCI_DEVICE_GET_CLASS(d);
    return pc->config_read ? pc->config_read(d, addr, len)
                           : pci_default_read_config(d, addr, len);
}

void pci_host_config_write(PCIBus *bus, uint8_t busnr, uint8_t devfn, uint32_t addr,
                           uint32_t val, int len)
{
    PCIDevice *d = busnr == 0 ? bus->devices[devfn] : NULL;
    const PCIDeviceClass *pc;

    if (!d) {
        return;
    }
    pc = PCI_DEVICE_GET_CLASS(d);
    if (pc->config_write) {
        pc->config_write(d, addr, val, len);
    } else {
        pci_default_write_config(d, addr, val, len);
    }
}

static void pci_change_irq_level(PCIDevice *d, int change)
{
    PCIBus *bus = d->bus;
    int pin = d->config[PCI_INTERRUPT_PIN];
    int line;

    if (!pin || pin > 4 || !bus->map_irq) {
        return;
    }
    line = bus->map_irq(d, pin - 1);
    if (line < 0 || line >= PCI_NUM_PINS) {
        return;
    }
    bus->irq_count[line] += change;
    if (bus->set_irq) {
        bus->set_irq(bus->irq_opaque, line, bus->irq_count[line] != 0);
    }
}

/*
 * INTx: the Interrupt Status bit follows the device's request; the pin is
 * driven only while Interrupt Disable is clear (PCI 3.0, 6.2.2 and 6.2.3).
 */
void pci_set_irq(PCIDevice *d, int level)
{
    bool masked = pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE;
    bool assert_pin = level && !masked;

    d->irq_state = level != 0;
    if (level) {
        d->config[PCI_STATUS] |= PCI_STATUS_INTERRUPT;
    } else {
        d->config[PCI_STATUS] &= ~PCI_STATUS_INTERRUPT;
    }
    if (assert_pin != d->irq_asserted) {
        d->irq_asserted = assert_pin;
        pci_change_irq_level(d, assert_pin ? 1 : -1);
    }
}

void pci_device_reset(PCIDevice *d)
{
    if (d->irq_asserted) {
        d->irq_asserted = false;
        pci_change_irq_level(d, -1);
    }
    d->irq_state = 0;
    /* Writable bits of the header return to 0; BARs keep their type bits. */
    for (int i = 0; i < 0x40; i++) {
        if (i == PCI_INTERRUPT_LINE) {
            continue;
        }
        d->config[i] &= ~d->wmask[i];
        d->config[i] &= ~d->w1cmask[i];
    }
    d->config[PCI_STATUS] &= ~PCI_STATUS_INTERRUPT;
    d->config[PCI_INTERRUPT_LINE] = 0;
    pci_update_mappings(d);
}

static void info_pci_dev(GString *out, PCIDevice *d)
{
    uint16_t class_id = pci_get_word(d->config + PCI_CLASS_DEVICE);
    const char *cname = pci_class_name(class_id);

    g_string_append_printf(out, "  Bus %2d, device %3d, function %d:\n", 0,
                           PCI_SLOT(d->devfn), PCI_FUNC(d->devfn));
    if (cname) {
        g_string_append_printf(out, "    %s: ", cname);
    } else {
        g_string_append_printf(out, "    Class %04x: ", class_id);
    }
    g_string_append_printf(out, "PCI device %04x:%04x\n", pci_get_word(d->config + PCI_VENDOR_ID),
                           pci_get_word(d->config + PCI_DEVICE_ID));
    g_string_append_printf(out, "      PCI subsystem %04x:%04x\n",
                           pci_get_word(d->config + PCI_SUBSYSTEM_VENDOR_ID),
                           pci_get_word(d->config + PCI_SUBSYSTEM_ID));
    if (d->config[PCI_INTERRUPT_PIN]) {
        g_string_append_printf(out, "      IRQ %d, pin %c\n", d->config[PCI_INTERRUPT_LINE],
                               'A' + d->config[PCI_INTERRUPT_PIN] - 1);
    }
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &d->io_regions[i];
        if (!r->size) {
            continue;
        }
        if (r->type & PCI_BASE_ADDRESS_SPACE_IO) {
            g_string_append_printf(out, "      BAR%d: I/O at 0x%04" PRIx64 " [0x%04" PRIx64 "].\n",
                                   i, r->addr, r->addr + r->size - 1);
        } else {
            g_string_append_printf(out, "      BAR%d: %d bit%s memory at 0x%08" PRIx64
                                   " [0x%08" PRIx64 "].\n", i,
                                   (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) ? 64 : 32,
                                   (r->type & PCI_BASE_ADDRESS_MEM_PREFETCH) ? " prefetchable" : "",
                                   r->addr, r->addr + r->size - 1);
        }
    }
    g_string_append_printf(out, "      id \"%s\"\n", d->qdev.id ? d->qdev.id : "");
}

void pci_info(GString *out, PCIBus *bus)
{
    if (!bus) {
        return;
    }
    for (int devfn = 0; devfn < 256; devfn++) {
        if (bus->devices[devfn]) {
            info_pci_dev(out, bus->devices[devfn]);
        }
    }
}
