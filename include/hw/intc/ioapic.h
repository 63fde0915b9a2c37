/* Intel 82093AA I/O APIC. */
#ifndef HW_INTC_IOAPIC_H
#define HW_INTC_IOAPIC_H

#include "exec/memory.h"
#include "hw/qdev-core.h"

#define TYPE_IOAPIC "ioapic"
#define IOAPIC_NUM_PINS 24
#define IOAPIC_DEFAULT_BASE 0xfec00000ULL

typedef struct IOAPICState {
    DeviceState parent_obj;
    MemoryRegion io;
    uint8_t id;
    uint8_t ioregsel;
    uint32_t irr;                /* pins with a request waiting for delivery */
    uint32_t level;              /* input levels */
    uint64_t ioredtbl[IOAPIC_NUM_PINS];
} IOAPICState;

/*
 * A local APIC's EOI for a level-triggered @vector: clears Remote IRR of the
 * level-triggered entries with that vector, so a still-asserted input is
 * delivered again.  Entries go out through apic_deliver_irq (hw/i386/apic.h).
 */
void ioapic_eoi_broadcast(int vector);

IOAPICState *ioapic_init(MemoryRegion *system_memory, hwaddr base);

#endif
