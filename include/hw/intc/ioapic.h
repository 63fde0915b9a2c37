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
 * Delivers the interrupt of redirection entry @entry; returns false if it
 * could not be delivered (it stays pending).  Set by the local APIC code;
 * with no CPU there is nobody to deliver to.
 */
typedef bool IOAPICDeliverFn(uint64_t entry);
extern IOAPICDeliverFn *ioapic_deliver;

IOAPICState *ioapic_init(MemoryRegion *system_memory, hwaddr base);

#endif
