/*
 * The ISA bus: I/O ports in the system I/O space and the 16 ISA IRQ lines
 * (wired to the PICs by the machine).
 */
#ifndef HW_ISA_ISA_H
#define HW_ISA_ISA_H

#include <stdint.h>

#include "exec/memory.h"
#include "hw/qdev-core.h"

#define ISA_NUM_IRQS 16

typedef struct ISABus {
    BusState qbus;               /* must be first */
    MemoryRegion *address_space_io;
    qemu_irq irqs[ISA_NUM_IRQS];
} ISABus;

typedef struct ISADevice {
    DeviceState qdev;
    int isairq[2];               /* for `info qtree`; -1 = none */
    int nirqs;
    int ioport_id;               /* the first port registered */
} ISADevice;

#define ISA_DEVICE(obj) ((ISADevice *)(obj))

extern const BusClass isa_bus_class;

ISABus *isa_bus_new(DeviceState *parent, MemoryRegion *io);
void isa_bus_irqs(ISABus *bus, qemu_irq *irqs);
ISABus *isa_bus_from_device(ISADevice *dev);
/* The ISA IRQ line @isairq, remembered for `info qtree`. */
qemu_irq isa_get_irq(ISADevice *dev, int isairq);
void isa_register_ioport(ISADevice *dev, MemoryRegion *io, uint16_t start);
ISADevice *isa_create_simple(ISABus *bus, const char *type);

#endif
