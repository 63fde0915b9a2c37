/*
 * Intel 8259A Programmable Interrupt Controller (8259A datasheet, order
 * number 231468), plus the Edge/Level Control Registers of the PIIX
 * (82371SB datasheet, section 2.7.3 "ELCR").
 *
 * A0 = 0: ICW1 (D4 = 1), OCW2 (D4 = D3 = 0), OCW3 (D4 = 0, D3 = 1);
 *         reads give IRR or ISR (or the poll word after OCW3 P).
 * A0 = 1: ICW2..ICW4 during initialization, then OCW1 (IMR); reads give IMR.
 */
#include <stdio.h>

#include "hw/intc/i8259.h"
#include "qemu/log.h"

#define ICW1_IC4   0x01
#define ICW1_SNGL  0x02
#define ICW1_LTIM  0x08
#define ICW1_INIT  0x10
#define ICW4_AEOI  0x02
#define ICW4_SFNM  0x10
#define OCW3_RIS   0x01
#define OCW3_RR    0x02
#define OCW3_P     0x04
#define OCW3_SEL   0x08
#define OCW3_SMM   0x20
#define OCW3_ESMM  0x40

static PICState *master_pic;

/* Highest priority bit set in @mask, as an offset from priority_add; 8 = none. */
static int get_priority(PICState *s, uint8_t mask)
{
    int p = 0;

    if (!mask) {
        return 8;
    }
    while (!(mask & (1 << ((p + s->priority_add) & 7)))) {
        p++;
    }
    return p;
}

/* The IR that would be delivered now, or -1 (datasheet: "Priority Resolver"). */
static int pic_get_irq(PICState *s)
{
    uint8_t mask = s->irr & ~s->imr;
    int priority = get_priority(s, mask);
    uint8_t in_service;
    int cur;

    if (priority == 8) {
        return -1;
    }
    in_service = s->isr;
    if (s->special_mask) {
        /* Special Mask Mode: masked levels in service don't block others. */
        in_service &= ~s->imr;
    }
    if (s->special_fully_nested && s->master) {
        /* SFNM: the cascade input may interrupt its own service. */
        in_service &= ~(1 << 2);
    }
    cur = get_priority(s, in_service);
    if (priority < cur) {
        return (priority + s->priority_add) & 7;
    }
    return -1;
}

static void pic_update(PICState *s)
{
    bool level = pic_get_irq(s) >= 0;

    s->int_level = level;
    qemu_set_irq(s->int_out, level);
}

static void pic_set_irq(void *opaque, int n, int level)
{
    PICState *s = opaque;
    uint8_t mask = 1 << n;

    if ((s->elcr & mask) || s->ltim) {
        /* Level sensitive: IRR follows the input. */
        if (level) {
            s->irr |= mask;
            s->last_irr |= mask;
        } else {
            s->irr &= ~mask;
            s->last_irr &= ~mask;
        }
    } else {
        /* Edge triggered: a rising edge latches a request. */
        if (level) {
            if (!(s->last_irr & mask)) {
                s->irr |= mask;
            }
            s->last_irr |= mask;
        } else {
            s->last_irr &= ~mask;
        }
    }
    pic_update(s);
}

/* The acknowledge part of an INTA cycle (or a poll) for @irq. */
static void pic_intack(PICState *s, int irq)
{
    if (s->auto_eoi) {
        if (s->rotate_on_auto_eoi) {
            s->priority_add = (irq + 1) & 7;
        }
    } else {
        s->isr |= 1 << irq;
    }
    /* Edge requests are consumed; level ones stay while the input is high. */
    if (!(s->elcr & (1 << irq)) && !s->ltim) {
        s->irr &= ~(1 << irq);
    }
}

int pic_read_irq(PICState *m)
{
    int irq = pic_get_irq(m);
    int irq2, vector;

    if (irq < 0) {
        /* Spurious: the request went away before INTA (datasheet: IR7). */
        return m->icw2_vector + 7;
    }
    if (irq == 2 && m->slave && !m->single_mode) {
        PICState *sl = m->slave;
        irq2 = pic_get_irq(sl);
        if (irq2 >= 0) {
            pic_intack(sl, irq2);
        } else {
            irq2 = 7;
        }
        vector = sl->icw2_vector + irq2;
        pic_update(sl);
    } else {
        vector = m->icw2_vector + irq;
    }
    pic_intack(m, irq);
    pic_update(m);
    return vector;
}

static void pic_init_reset(PICState *s)
{
    s->last_irr = 0;
    s->irr &= s->elcr;           /* level requests survive (they follow inputs) */
    s->imr = 0;
    s->isr = 0;
    s->priority_add = 0;
    s->icw2_vector = 0;
    s->read_isr = false;
    s->poll = false;
    s->special_mask = false;
    s->init_state = 0;
    s->auto_eoi = false;
    s->rotate_on_auto_eoi = false;
    s->special_fully_nested = false;
    s->icw4_needed = false;
    s->single_mode = false;
    s->ltim = false;
    pic_update(s);
}

static void pic_reset(DeviceState *dev)
{
    PICState *s = (PICState *)dev;

    s->irr = 0;
    s->elcr = 0;
    pic_init_reset(s);
}

/* OCW2: EOI and rotation commands (datasheet, Figure 8 "OCW2"). */
static void pic_ocw2(PICState *s, uint8_t val)
{
    int cmd = val >> 5;
    int level = val & 7;
    int priority, irq;

    switch (cmd) {
    case 0: /* rotate in automatic EOI mode (clear) */
    case 4: /* rotate in automatic EOI mode (set) */
        s->rotate_on_auto_eoi = cmd >> 2;
        break;
    case 1: /* non-specific EOI */
    case 5: /* rotate on non-specific EOI */
        priority = get_priority(s, s->isr);
        if (priority != 8) {
            irq = (priority + s->priority_add) & 7;
            s->isr &= ~(1 << irq);
            if (cmd == 5) {
                s->priority_add = (irq + 1) & 7;
            }
            pic_update(s);
        }
        break;
    case 3: /* specific EOI */
        s->isr &= ~(1 << level);
        pic_update(s);
        break;
    case 6: /* set priority: L2-L0 becomes the lowest */
        s->priority_add = (level + 1) & 7;
        pic_update(s);
        break;
    case 7: /* rotate on specific EOI */
        s->isr &= ~(1 << level);
        s->priority_add = (level + 1) & 7;
        pic_update(s);
        break;
    default: /* 2: no operation */
        break;
    }
}

static void pic_ioport_write(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    PICState *s = opaque;
    uint8_t val = val64;

    if (addr == 0) {
        if (val & ICW1_INIT) {
            pic_init_reset(s);
            s->init_state = 1;
            s->icw4_needed = val & ICW1_IC4;
            s->single_mode = val & ICW1_SNGL;
            s->ltim = val & ICW1_LTIM;
            if (val & 0x04) {
                /* ADI: call address interval 4 only matters in 8080 mode. */
                qemu_log_mask(LOG_UNIMP, "i8259: ICW1 ADI (8080 mode) not supported\n");
            }
        } else if (val & OCW3_SEL) {
            /* OCW3 */
            if (val & OCW3_P) {
                s->poll = true;
            }
            if (val & OCW3_RR) {
                s->read_isr = val & OCW3_RIS;
            }
            if (val & OCW3_ESMM) {
                s->special_mask = val & OCW3_SMM;
            }
            pic_update(s);
        } else {
            pic_ocw2(s, val);
        }
        return;
    }
    switch (s->init_state) {
    case 0: /* OCW1 */
        s->imr = val;
        pic_update(s);
        break;
    case 1: /* ICW2 */
        s->icw2_vector = val & 0xf8;
        s->init_state = s->single_mode ? (s->icw4_needed ? 3 : 0) : 2;
        break;
    case 2: /* ICW3 */
        s->icw3 = val;
        s->init_state = s->icw4_needed ? 3 : 0;
        break;
    case 3: /* ICW4 */
        s->special_fully_nested = val & ICW4_SFNM;
        s->auto_eoi = val & ICW4_AEOI;
        if (!(val & 0x01)) {
            qemu_log_mask(LOG_UNIMP, "i8259: ICW4 8080/8085 mode not supported\n");
        }
        s->init_state = 0;
        break;
    }
}

/* The poll command: acts as INTA and returns 1000 0www (datasheet, "The Poll Command"). */
static uint8_t pic_poll_read(PICState *s)
{
    int irq = pic_get_irq(s);

    if (irq < 0) {
        return 0;
    }
    if (irq == 2 && s->master && s->slave) {
        PICState *sl = s->slave;
        int irq2 = pic_get_irq(sl);
        if (irq2 >= 0) {
            pic_intack(sl, irq2);
            pic_update(sl);
        }
    }
    pic_intack(s, irq);
    pic_update(s);
    return 0x80 | irq;
}

static uint64_t pic_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PICState *s = opaque;

    if (s->poll) {
        s->poll = false;
        return pic_poll_read(s);
    }
    if (addr == 0) {
        return s->read_isr ? s->isr : s->irr;
    }
    return s->imr;
}

static const MemoryRegionOps pic_base_ops = {
    .read = pic_ioport_read,
    .write = pic_ioport_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static uint64_t elcr_read(void *opaque, hwaddr addr, unsigned size)
{
    PICState *s = opaque;

    return s->elcr;
}

static void elcr_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PICState *s = opaque;

    s->elcr = val & s->elcr_mask;
    pic_update(s);
}

static const MemoryRegionOps pic_elcr_ops = {
    .read = elcr_read,
    .write = elcr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void pic_instance_init(DeviceState *dev)
{
    PICState *s = (PICState *)dev;

    qdev_init_gpio_in(dev, pic_set_irq, 8);
    qdev_init_gpio_out(dev, &s->int_out, 1);
}

static bool pic_realize(DeviceState *dev, GError **errp)
{
    PICState *s = (PICState *)dev;

    memory_region_init_io(&s->base_io, &pic_base_ops, s, "pic", 2);
    memory_region_init_io(&s->elcr_io, &pic_elcr_ops, s, "elcr", 1);
    isa_register_ioport(&s->parent_obj, &s->base_io, s->iobase);
    if (s->elcr_addr != (uint32_t)-1) {
        isa_register_ioport(&s->parent_obj, &s->elcr_io, s->elcr_addr);
    }
    return true;
}

static const Property pic_props[] = {
    DEFINE_PROP_UINT32("iobase", PICState, iobase, -1),
    DEFINE_PROP_UINT32("elcr_addr", PICState, elcr_addr, -1),
    DEFINE_PROP_UINT8("elcr_mask", PICState, elcr_mask, 0xff),
    DEFINE_PROP_BOOL("master", PICState, master, false),
    DEFINE_PROP_END_OF_LIST(),
};

static const DeviceClass pic_class = {
    .name = TYPE_I8259,
    .desc = "Intel 8259A PIC",
    .bus_type = "ISA",
    .instance_size = sizeof(PICState),
    .props = pic_props,
    .instance_init = pic_instance_init,
    .realize = pic_realize,
    .reset = pic_reset,
};

static void pic_register(void)
{
    type_register_static(&pic_class);
}
type_init(pic_register)

qemu_irq *i8259_init(ISABus *bus, qemu_irq parent_irq)
{
    qemu_irq *irqs = g_new0(qemu_irq, 16);
    DeviceState *m = qdev_new(TYPE_I8259);
    DeviceState *sl = qdev_new(TYPE_I8259);

    qdev_prop_set_uint32(m, "iobase", 0x20);
    qdev_prop_set_uint32(m, "elcr_addr", 0x4d0);
    /* IRQ0, 1 and 2 are always edge triggered (82371SB, ELCR1). */
    qdev_prop_set_uint32(m, "elcr_mask", 0xf8);
    qdev_prop_set_bit(m, "master", true);
    qdev_set_path(m, "/machine/unattached/pic-master");
    qdev_realize_or_die(m, &bus->qbus);
    qdev_connect_gpio_out(m, 0, parent_irq);

    qdev_prop_set_uint32(sl, "iobase", 0xa0);
    qdev_prop_set_uint32(sl, "elcr_addr", 0x4d1);
    /* IRQ8 and IRQ13 are always edge triggered (82371SB, ELCR2). */
    qdev_prop_set_uint32(sl, "elcr_mask", 0xde);
    qdev_set_path(sl, "/machine/unattached/pic-slave");
    qdev_realize_or_die(sl, &bus->qbus);
    qdev_connect_gpio_out(sl, 0, qdev_get_gpio_in(m, 2));

    master_pic = (PICState *)m;
    master_pic->slave = (PICState *)sl;
    for (int i = 0; i < 8; i++) {
        irqs[i] = qdev_get_gpio_in(m, i);
        irqs[8 + i] = qdev_get_gpio_in(sl, i);
    }
    return irqs;
}

PICState *i8259_master(void)
{
    return master_pic;
}

void pic_info(GString *out)
{
    PICState *pics[2] = { master_pic, master_pic ? master_pic->slave : NULL };

    for (int i = 0; i < 2; i++) {
        PICState *s = pics[i];
        if (!s) {
            continue;
        }
        g_string_append_printf(out, "pic%d: irr=%02x imr=%02x isr=%02x hprio=%d "
                               "irq_base=%02x rr_sel=%d elcr=%02x fnm=%d\n",
                               i, s->irr, s->imr, s->isr, s->priority_add,
                               s->icw2_vector, s->read_isr, s->elcr, s->special_fully_nested);
    }
}
