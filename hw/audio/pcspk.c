/*
 * Port 0x61, the NMI Status and Control register of the PIIX (82371SB
 * datasheet, section 4.7.1 "NMISC"): the gate of 8254 counter 2 and the
 * speaker data enable, with counter 2's OUT and the refresh toggle to read.
 * The speaker itself makes no sound here.
 */
#include "exec/memory.h"
#include "hw/isa/isa.h"
#include "hw/timer/i8254.h"
#include "qemu/timer.h"

#define TYPE_PCSPK "isa-pcspk"

#define NMISC_TIM2_GATE   0x01   /* Timer Counter 2 Enable */
#define NMISC_SPKR_DATA   0x02   /* Speaker Data Enable */
#define NMISC_PCI_SERR_EN 0x04
#define NMISC_IOCHK_EN    0x08
#define NMISC_REFRESH     0x10   /* Refresh Cycle Toggle */
#define NMISC_OUT2        0x20   /* Timer Counter 2 OUT Status */
#define NMISC_WRITABLE    0x0f

/* The refresh request toggles every 15.085 us (counter 1 in the original PC). */
#define REFRESH_PERIOD_NS 15085

typedef struct PCSpkState {
    ISADevice parent_obj;
    uint32_t iobase;
    MemoryRegion io;
    PITState *pit;
    uint8_t nmisc;
} PCSpkState;

static uint64_t pcspk_read(void *opaque, hwaddr addr, unsigned size)
{
    PCSpkState *s = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint8_t v = s->nmisc & NMISC_WRITABLE;

    if ((now / REFRESH_PERIOD_NS) & 1) {
        v |= NMISC_REFRESH;
    }
    if (s->pit && pit_get_out(s->pit, 2)) {
        v |= NMISC_OUT2;
    }
    return v;
}

static void pcspk_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PCSpkState *s = opaque;

    s->nmisc = val & NMISC_WRITABLE;
    if (s->pit) {
        pit_set_gate(s->pit, 2, val & NMISC_TIM2_GATE);
    }
}

static const MemoryRegionOps pcspk_ops = {
    .read = pcspk_read,
    .write = pcspk_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static bool pcspk_realize(DeviceState *dev, GError **errp)
{
    PCSpkState *s = (PCSpkState *)dev;

    memory_region_init_io(&s->io, &pcspk_ops, s, "pcspk", 1);
    isa_register_ioport(&s->parent_obj, &s->io, s->iobase);
    s->pit = (PITState *)qdev_find(TYPE_I8254);
    return true;
}

static void pcspk_reset(DeviceState *dev)
{
    PCSpkState *s = (PCSpkState *)dev;

    s->nmisc = 0;
    if (s->pit) {
        pit_set_gate(s->pit, 2, false);
    }
}

static const Property pcspk_props[] = {
    DEFINE_PROP_UINT32("iobase", PCSpkState, iobase, 0x61),
    DEFINE_PROP_END_OF_LIST(),
};

static const DeviceClass pcspk_class = {
    .name = TYPE_PCSPK,
    .desc = "PC speaker and NMI status/control (port 0x61)",
    .bus_type = "ISA",
    .instance_size = sizeof(PCSpkState),
    .props = pcspk_props,
    .realize = pcspk_realize,
    .reset = pcspk_reset,
};

static void pcspk_register(void)
{
    type_register_static(&pcspk_class);
}
type_init(pcspk_register)
