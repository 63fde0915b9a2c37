/*
 * Intel 82093AA I/O Advanced Programmable Interrupt Controller (82093AA
 * datasheet, order number 290566).
 *
 * Two registers in memory space: IOREGSEL (base + 0x00) selects, IOWIN
 * (base + 0x10) reads or writes the selected 32-bit register:
 *   0x00 IOAPICID   0x01 IOAPICVER (0x00170011: 24 entries, version 0x11)
 *   0x02 IOAPICARB  0x10-0x3f IOREDTBL[0..23], two registers each
 *
 * The machine wires ISA IRQ n to pin n, except that ISA IRQ0 (the PIT)
 * reaches pin 2 (the override fw_cfg reports in FW_CFG_IRQ0_OVERRIDE).
 * Each redirection entry goes out as an interrupt message to the local
 * APICs (apic_deliver_irq); a level-triggered one then waits with Remote
 * IRR set until a local APIC's EOI for its vector (ioapic_eoi_broadcast).
 */
#include <stdio.h>

#include "hw/i386/apic.h"
#include "hw/intc/ioapic.h"
#include "qemu/log.h"

#define IOAPIC_REG_ID   0x00
#define IOAPIC_REG_VER  0x01
#define IOAPIC_REG_ARB  0x02
#define IOAPIC_REG_REDTBL_BASE 0x10

#define IOAPIC_VERSION  0x11

/* IOREDTBL bits (82093AA, "I/O Redirection Table Registers") */
#define IOREDTBL_VECTOR      0x00000000000000ffULL
#define IOREDTBL_DELIVS      (1ULL << 12)   /* Delivery Status (RO) */
#define IOREDTBL_INTPOL      (1ULL << 13)   /* 1 = active low */
#define IOREDTBL_REMOTE_IRR  (1ULL << 14)   /* RO, level only */
#define IOREDTBL_TRIGGER     (1ULL << 15)   /* 1 = level */
#define IOREDTBL_MASK        (1ULL << 16)
#define IOREDTBL_RO_BITS     (IOREDTBL_DELIVS | IOREDTBL_REMOTE_IRR)

#define IOREDTBL_DM_SHIFT    8
#define IOREDTBL_DESTMOD     (1ULL << 11)   /* 1 = logical */
#define IOREDTBL_DEST_SHIFT  56

static IOAPICState *the_ioapic;

static void ioapic_send(uint64_t e)
{
    apic_deliver_irq(e >> IOREDTBL_DEST_SHIFT,
                     (e & IOREDTBL_DESTMOD) ? APIC_DESTMODE_LOGICAL : APIC_DESTMODE_PHYSICAL,
                     (e >> IOREDTBL_DM_SHIFT) & 7, e & IOREDTBL_VECTOR,
                     (e & IOREDTBL_TRIGGER) ? APIC_TRIGGER_LEVEL : APIC_TRIGGER_EDGE);
}

static void ioapic_service(IOAPICState *s)
{
    for (int pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        uint64_t *e = &s->ioredtbl[pin];
        bool level_trig = *e & IOREDTBL_TRIGGER;

        if (!(s->irr & (1u << pin)) || (*e & IOREDTBL_MASK)) {
            continue;
        }
        if (level_trig && (*e & IOREDTBL_REMOTE_IRR)) {
            continue;            /* waiting for the EOI of the last one */
        }
        /* The message is accepted at once: Delivery Status stays idle. */
        *e &= ~IOREDTBL_DELIVS;
        if (level_trig) {
            *e |= IOREDTBL_REMOTE_IRR;
        } else {
            s->irr &= ~(1u << pin);
        }
        ioapic_send(*e);
    }
}

void ioapic_eoi_broadcast(int vector)
{
    IOAPICState *s = the_ioapic;

    if (!s) {
        return;
    }
    for (int pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        uint64_t *e = &s->ioredtbl[pin];
        if ((*e & IOREDTBL_TRIGGER) && (*e & IOREDTBL_VECTOR) == (uint64_t)vector) {
            *e &= ~IOREDTBL_REMOTE_IRR;
        }
    }
    /* A level still asserted is a new request (82093AA, "Remote IRR"). */
    ioapic_service(s);
}

static void ioapic_set_irq(void *opaque, int pin, int level)
{
    IOAPICState *s = opaque;
    uint32_t mask;
    uint64_t e;
    bool active;

    /* ISA IRQ0 is wired to pin 2. */
    if (pin == 0) {
        pin = 2;
    }
    mask = 1u << pin;
    e = s->ioredtbl[pin];
    active = (e & IOREDTBL_INTPOL) ? !level : level;
    if (e & IOREDTBL_TRIGGER) {
        if (active) {
            s->irr |= mask;
        } else {
            s->irr &= ~mask;
            s->ioredtbl[pin] &= ~IOREDTBL_DELIVS;
        }
    } else if (active && !(s->level & mask)) {
        s->irr |= mask;          /* edge: the rising edge is the request */
    }
    if (active) {
        s->level |= mask;
    } else {
        s->level &= ~mask;
    }
    ioapic_service(s);
}

static uint32_t ioapic_read_reg(IOAPICState *s, uint8_t reg)
{
    switch (reg) {
    case IOAPIC_REG_ID:
    case IOAPIC_REG_ARB:
        return (uint32_t)(s->id & 0x0f) << 24;
    case IOAPIC_REG_VER:
        return (IOAPIC_NUM_PINS - 1) << 16 | IOAPIC_VERSION;
    default:
        if (reg >= IOAPIC_REG_REDTBL_BASE && reg < IOAPIC_REG_REDTBL_BASE + 2 * IOAPIC_NUM_PINS) {
            int idx = (reg - IOAPIC_REG_REDTBL_BASE) / 2;
            return (reg & 1) ? s->ioredtbl[idx] >> 32 : (uint32_t)s->ioredtbl[idx];
        }
        qemu_log_mask(LOG_GUEST_ERROR, "ioapic: read of undefined register %#x\n", reg);
        return 0xffffffff;
    }
}

static void ioapic_write_reg(IOAPICState *s, uint8_t reg, uint32_t val)
{
    switch (reg) {
    case IOAPIC_REG_ID:
        s->id = (val >> 24) & 0x0f;
        break;
    case IOAPIC_REG_VER:
    case IOAPIC_REG_ARB:
        break;                   /* read-only */
    default:
        if (reg >= IOAPIC_REG_REDTBL_BASE && reg < IOAPIC_REG_REDTBL_BASE + 2 * IOAPIC_NUM_PINS) {
            int idx = (reg - IOAPIC_REG_REDTBL_BASE) / 2;
            uint64_t e = s->ioredtbl[idx];
            uint64_t ro = e & IOREDTBL_RO_BITS;
            if (reg & 1) {
                e = (e & 0xffffffffULL) | (uint64_t)(val & 0xff000000u) << 32;
            } else {
                e = (e & ~0xffffffffULL) | val;
            }
            s->ioredtbl[idx] = (e & ~IOREDTBL_RO_BITS) | ro;
            if (!(s->ioredtbl[idx] & IOREDTBL_TRIGGER)) {
                s->ioredtbl[idx] &= ~IOREDTBL_REMOTE_IRR;
            }
            ioapic_service(s);
            break;
        }
        qemu_log_mask(LOG_GUEST_ERROR, "ioapic: write to undefined register %#x\n", reg);
        break;
    }
}

static uint64_t ioapic_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    IOAPICState *s = opaque;

    switch (addr) {
    case 0x00:
        return s->ioregsel;
    case 0x10:
        return ioapic_read_reg(s, s->ioregsel);
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "ioapic: read at offset %#x\n", (unsigned)addr);
        return 0;
    }
}

static void ioapic_mem_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    IOAPICState *s = opaque;

    switch (addr) {
    case 0x00:
        s->ioregsel = val;
        break;
    case 0x10:
        ioapic_write_reg(s, s->ioregsel, (uint32_t)val);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "ioapic: write at offset %#x\n", (unsigned)addr);
        break;
    }
}

/* The datasheet allows only aligned 32-bit accesses (82093AA, "Register Description"). */
static const MemoryRegionOps ioapic_ops = {
    .read = ioapic_mem_read,
    .write = ioapic_mem_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static void ioapic_reset(DeviceState *dev)
{
    IOAPICState *s = (IOAPICState *)dev;

    s->id = 0;
    s->ioregsel = 0;
    s->irr = 0;
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        s->ioredtbl[i] = IOREDTBL_MASK;
    }
}

static void ioapic_instance_init(DeviceState *dev)
{
    qdev_init_gpio_in(dev, ioapic_set_irq, IOAPIC_NUM_PINS);
}

static const DeviceClass ioapic_class = {
    .name = TYPE_IOAPIC,
    .desc = "Intel 82093AA I/O APIC",
    .instance_size = sizeof(IOAPICState),
    .instance_init = ioapic_instance_init,
    .reset = ioapic_reset,
};

static void ioapic_register(void)
{
    type_register_static(&ioapic_class);
}
type_init(ioapic_register)

IOAPICState *ioapic_init(MemoryRegion *system_memory, hwaddr base)
{
    DeviceState *dev = qdev_new(TYPE_IOAPIC);
    IOAPICState *s = (IOAPICState *)dev;

    the_ioapic = s;
    qdev_set_path(dev, "/machine/ioapic");
    qdev_realize_or_die(dev, NULL);
    memory_region_init_io(&s->io, &ioapic_ops, s, "ioapic", 0x1000);
    memory_region_add_subregion(system_memory, base, &s->io);
    return s;
}
