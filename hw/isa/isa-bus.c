/* The ISA bus: see include/hw/isa/isa.h. */
#include <stdio.h>

#include "hw/isa/isa.h"

static void isa_bus_print_dev(GString *out, DeviceState *qdev, int indent)
{
    ISADevice *d = ISA_DEVICE(qdev);

    for (int i = 0; i < d->nirqs; i++) {
        g_string_append_printf(out, "%*sisa irq %d\n", indent, "", d->isairq[i]);
    }
}

static bool isa_bus_pre_realize(BusState *bus, DeviceState *qdev, GError **errp)
{
    ISADevice *d = ISA_DEVICE(qdev);

    d->isairq[0] = d->isairq[1] = -1;
    d->nirqs = 0;
    d->ioport_id = -1;
    return true;
}

const BusClass isa_bus_class = {
    .name = "ISA",
    .print_dev = isa_bus_print_dev,
    .pre_realize = isa_bus_pre_realize,
};

static void __attribute__((constructor)) isa_bus_register(void)
{
    qbus_register_class(&isa_bus_class);
}

ISABus *isa_bus_new(DeviceState *parent, MemoryRegion *io)
{
    ISABus *bus = g_new0(ISABus, 1);

    qbus_init(&bus->qbus, &isa_bus_class, parent, "isa.0");
    bus->address_space_io = io;
    return bus;
}

void isa_bus_irqs(ISABus *bus, qemu_irq *irqs)
{
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        bus->irqs[i] = irqs[i];
    }
}

ISABus *isa_bus_from_device(ISADevice *dev)
{
    return (ISABus *)dev->qdev.parent_bus;
}

qemu_irq isa_get_irq(ISADevice *dev, int isairq)
{
    ISABus *bus = isa_bus_from_device(dev);

    g_assert(isairq >= 0 && isairq < ISA_NUM_IRQS);
    if (dev->nirqs < 2) {
        dev->isairq[dev->nirqs++] = isairq;
    }
    return bus->irqs[isairq];
}

void isa_register_ioport(ISADevice *dev, MemoryRegion *io, uint16_t start)
{
    ISABus *bus = isa_bus_from_device(dev);

    memory_region_add_subregion(bus->address_space_io, start, io);
    if (dev->ioport_id < 0) {
        dev->ioport_id = start;
    }
}

ISADevice *isa_create_simple(ISABus *bus, const char *type)
{
    DeviceState *dev = qdev_new(type);

    qdev_realize_or_die(dev, &bus->qbus);
    return ISA_DEVICE(dev);
}
