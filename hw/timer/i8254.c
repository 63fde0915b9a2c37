/*
 * Intel 8254 Programmable Interval Timer (8254 datasheet, order number
 * 231164), clocked at 1.193182 MHz as in the PC.
 *
 * Port base+0..2: counters 0..2; base+3: the Control Word Register.
 * Counter 0's OUT drives IRQ0; counter 2's gate and OUT are on port 0x61.
 *
 * Counting is computed from the virtual clock rather than simulated tick by
 * tick: the count at time t is a function of the count loaded and the
 * ticks since it was loaded.  Counter 0 arms a timer for its next OUT
 * transition so IRQ0 edges happen at the right virtual times.
 *
 * Gate (datasheet, "Gate Pin Operations Summary"): low pauses modes 0 and
 * 4; a rising edge triggers modes 1 and 5 (which wait for it even with the
 * gate held high) and restarts modes 2 and 3, which low stops with OUT high.
 * In mode 0 the first byte of a two-byte count stops counting and drives
 * OUT low until the second byte arrives.
 */
#include <stdio.h>

#include "hw/timer/i8254.h"
#include "qemu/log.h"

#define RW_LATCH 0
#define RW_LSB   1
#define RW_MSB   2
#define RW_WORD  3
#define RW_WORD1 4               /* second byte of an RW_WORD access */

#define STATUS_OUT       0x80
#define STATUS_NULLCOUNT 0x40

static uint64_t ns_to_ticks(int64_t ns)
{
    return (unsigned __int128)ns * PIT_FREQ / NANOSECONDS_PER_SECOND;
}

/* The first virtual time at which @ticks ticks have elapsed since load. */
static int64_t ticks_to_time(PITChannelState *c, uint64_t ticks)
{
    unsigned __int128 ns = ((unsigned __int128)ticks * NANOSECONDS_PER_SECOND + PIT_FREQ - 1) /
                           PIT_FREQ;

    return c->count_load_time + (int64_t)ns;
}

static uint32_t reload(PITChannelState *c)
{
    if (c->count) {
        return c->count;
    }
    return c->bcd ? 10000 : 0x10000;
}

static uint64_t elapsed(PITChannelState *c, int64_t now)
{
    if (c->paused_ticks >= 0) {
        return (uint64_t)c->paused_ticks;
    }
    return now > c->count_load_time ? ns_to_ticks(now - c->count_load_time) : 0;
}

/* Is the counter running?  Modes 1 and 5 wait for a gate trigger; 2, 3 stop with gate low. */
static bool counting(PITChannelState *c)
{
    if (!c->armed) {
        return false;
    }
    if ((c->mode == 2 || c->mode == 3) && !c->gate) {
        return false;
    }
    return true;
}

/* The Counting Element (CE) now, binary; BCD counters report the BCD form. */
static uint16_t pit_get_count(PITChannelState *c)
{
    uint32_t n = reload(c);
    uint64_t d;
    uint32_t v;

    if (!counting(c) || c->count_load_time < 0) {
        v = c->count;
        goto encode;
    }
    d = elapsed(c, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
    switch (c->mode) {
    case 2:
        v = n - d % n;
        break;
    case 3:
        /* Mode 3 counts down by two, twice per period (datasheet, "Mode 3"). */
        v = n - (2 * d) % n;
        break;
    default:
        /* Modes 0, 1, 4, 5 wrap after reaching 0 (and keep counting). */
        {
            uint32_t m = c->bcd ? 10000 : 0x10000;
            v = (uint32_t)(((int64_t)n - (int64_t)(d % m) + m) % m);
        }
        break;
    }
encode:
    if (c->bcd) {
        v %= 10000;
        return (v / 1000) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | v % 10;
    }
    return v & 0xffff;
}

/* OUT at tick @d after the load (datasheet, "Mode Definitions"). */
static bool out_at(PITChannelState *c, uint64_t d)
{
    uint32_t n = reload(c);

    switch (c->mode) {
    case 0:
        return d >= n;           /* low until terminal count, then high */
    case 1:
        return d >= n;           /* low from trigger to terminal count */
    case 2:
        return d % n != n - 1;   /* low for one clock at count 1 */
    case 3:
        return d % n < (n + 1) / 2;
    default: /* 4, 5 */
        return d != n;           /* a one-clock strobe at terminal count */
    }
}

static bool channel_out(PITChannelState *c, int64_t now)
{
    if (!c->armed) {
        /* After a control word: mode 0 sets OUT low, the others high. */
        return c->mode != 0;
    }
    if ((c->mode == 2 || c->mode == 3) && !c->gate) {
        return true;
    }
    if (c->count_load_time < 0) {
        /* Modes 1 and 5 waiting for their trigger. */
        return true;
    }
    return out_at(c, elapsed(c, now));
}

/* Tick count of the next OUT transition after tick @d, or 0 if none. */
static uint64_t next_transition(PITChannelState *c, uint64_t d)
{
    uint32_t n = reload(c);
    uint64_t base, r;

    switch (c->mode) {
    case 0:
    case 1:
        return d < n ? n : 0;
    case 2:
        r = d % n;
        base = d - r;
        return r < n - 1 ? base + n - 1 : base + n;
    case 3:
        r = d % n;
        base = d - r;
        return r < (n + 1) / 2 ? base + (n + 1) / 2 : base + n;
    default:
        if (d < n) {
            return n;
        }
        return d == n ? n + 1 : 0;
    }
}

static void pit_irq_update(PITChannelState *c)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    bool out = channel_out(c, now);
    uint64_t next;

    if (out != c->out) {
        c->out = out;
        qemu_set_irq(c->irq, out);
    } else if (counting(c) && c->count_load_time >= 0 && c->paused_ticks < 0 &&
               c->out_load_time == c->count_load_time) {
        /* The timer ran late and OUT is back where it was: the short phase
         * in between (mode 2's one-clock low, a mode 4/5 strobe, a whole
         * mode 3 half period) must still reach the IRQ line, or the edge-
         * triggered 8259 and the APIC's LINT0 never see the tick. */
        uint64_t t = next_transition(c, c->out_ticks);
        if (t && t <= elapsed(c, now)) {
            qemu_set_irq(c->irq, !out);
            qemu_set_irq(c->irq, out);
        }
    }
    c->out_load_time = c->count_load_time;
    c->out_ticks = c->count_load_time >= 0 ? elapsed(c, now) : 0;
    if (!c->irq_timer) {
        return;
    }
    if (!counting(c) || c->count_load_time < 0 || c->paused_ticks >= 0) {
        timer_del(c->irq_timer);
        return;
    }
    next = next_transition(c, elapsed(c, now));
    if (next) {
        timer_mod_ns(c->irq_timer, ticks_to_time(c, next));
    } else {
        timer_del(c->irq_timer);
    }
}

static void pit_irq_timer(void *opaque)
{
    pit_irq_update(opaque);
}

static void pit_load_count(PITChannelState *c, uint32_t val)
{
    if (c->bcd) {
        /* A BCD counter is loaded with four BCD digits (0 means 10000). */
        val = ((val >> 12) & 0xf) * 1000 + ((val >> 8) & 0xf) * 100 + ((val >> 4) & 0xf) * 10 +
              (val & 0xf);
    }
    c->count = val;
    c->count_load_time = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    c->armed = true;
    c->null_count = false;
    c->paused_ticks = -1;
    if (c->mode == 1 || c->mode == 5) {
        /* Waits for a trigger (a rising edge) on the gate. */
        c->count_load_time = -1;
    } else if ((c->mode == 0 || c->mode == 4) && !c->gate) {
        c->paused_ticks = 0;     /* loaded, but counting waits for GATE */
    }
    pit_irq_update(c);
}

static void pit_latch_count(PITChannelState *c)
{
    if (!c->count_latched) {
        c->latched_count = pit_get_count(c);
        c->count_latched = true;
        c->latch_rw = c->rw_mode;
        c->read_state = c->rw_mode == RW_WORD ? RW_LSB : c->rw_mode;
    }
}

static uint8_t pit_status(PITChannelState *c)
{
    return (channel_out(c, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)) ? STATUS_OUT : 0) |
           (c->null_count ? STATUS_NULLCOUNT : 0) | c->rw_mode << 4 | c->mode << 1 | c->bcd;
}

static void pit_control_word(PITState *pit, uint8_t val)
{
    int sc = val >> 6;
    int rw = (val >> 4) & 3;

    if (sc == 3) {
        /* Read-Back command (datasheet, "Read-Back Command"): bit 5 = !COUNT, bit 4 = !STATUS. */
        for (int i = 0; i < 3; i++) {
            PITChannelState *c = &pit->channels[i];
            if (!(val & (2 << i))) {
                continue;
            }
            if (!(val & 0x20)) {
                pit_latch_count(c);
            }
            if (!(val & 0x10) && !c->status_latched) {
                c->status = pit_status(c);
                c->status_latched = true;
            }
        }
        return;
    }
    PITChannelState *c = &pit->channels[sc];
    if (rw == RW_LATCH) {
        pit_latch_count(c);
        return;
    }
    c->rw_mode = rw;
    c->read_state = rw == RW_WORD ? RW_LSB : rw;
    c->write_state = rw == RW_WORD ? RW_LSB : rw;
    c->mode = (val >> 1) & 7;
    if (c->mode > 5) {
        c->mode -= 4;            /* 110 and 111 are modes 2 and 3 */
    }
    c->bcd = val & 1;
    c->armed = false;
    c->paused_ticks = -1;
    c->null_count = true;
    c->count_latched = false;
    c->status_latched = false;
    pit_irq_update(c);
}

static void pit_ioport_write(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    PITState *pit = opaque;
    uint8_t val = val64;
    PITChannelState *c;

    if (addr == 3) {
        pit_control_word(pit, val);
        return;
    }
    c = &pit->channels[addr];
    switch (c->write_state) {
    case RW_LSB:
        if (c->rw_mode == RW_WORD) {
            c->write_latch = val;
            c->write_state = RW_WORD1;
            if (c->mode == 0) {
                /* Mode 0: the first byte stops counting and sets OUT low. */
                c->armed = false;
                c->null_count = true;
                pit_irq_update(c);
            }
        } else {
            pit_load_count(c, val);
        }
        break;
    case RW_MSB:
        pit_load_count(c, val << 8);
        break;
    case RW_WORD1:
        c->write_state = RW_LSB;
        pit_load_count(c, c->write_latch | val << 8);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "i8254: count written before a control word\n");
        break;
    }
}

static uint64_t pit_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PITState *pit = opaque;
    PITChannelState *c;
    uint16_t v;
    uint8_t ret;

    if (addr == 3) {
        /* The Control Word Register is write-only. */
        qemu_log_mask(LOG_GUEST_ERROR, "i8254: read of the control word register\n");
        return 0xff;
    }
    c = &pit->channels[addr];
    if (c->status_latched) {
        c->status_latched = false;
        return c->status;
    }
    if (c->count_latched) {
        v = c->latched_count;
        switch (c->read_state) {
        case RW_MSB:
            c->count_latched = false;
            return v >> 8;
        case RW_WORD1:
            c->count_latched = false;
            c->read_state = RW_LSB;
            return v >> 8;
        case RW_LSB:
        default:
            if (c->latch_rw == RW_WORD) {
                c->read_state = RW_WORD1;
            } else {
                c->count_latched = false;
            }
            return v & 0xff;
        }
    }
    v = pit_get_count(c);
    switch (c->read_state) {
    case RW_MSB:
        ret = v >> 8;
        break;
    case RW_WORD1:
        ret = v >> 8;
        c->read_state = RW_LSB;
        break;
    case RW_LSB:
    default:
        ret = v & 0xff;
        if (c->rw_mode == RW_WORD) {
            c->read_state = RW_WORD1;
        }
        break;
    }
    return ret;
}

static const MemoryRegionOps pit_ops = {
    .read = pit_ioport_read,
    .write = pit_ioport_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

void pit_set_gate(PITState *pit, int channel, bool level)
{
    PITChannelState *c = &pit->channels[channel];

    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    if (level && !c->gate && c->armed) {
        /* A rising edge triggers modes 1 and 5 and reloads modes 2 and 3. */
        if (c->mode == 1 || c->mode == 2 || c->mode == 3 || c->mode == 5) {
            c->count_load_time = now;
        } else if (c->paused_ticks >= 0) {
            /* Modes 0 and 4 resume where they stopped. */
            unsigned __int128 ns = ((unsigned __int128)c->paused_ticks * NANOSECONDS_PER_SECOND +
                                    PIT_FREQ - 1) / PIT_FREQ;
            c->count_load_time = now - (int64_t)ns;
            c->paused_ticks = -1;
        }
    } else if (!level && c->gate && c->armed && (c->mode == 0 || c->mode == 4) &&
               c->paused_ticks < 0) {
        c->paused_ticks = (int64_t)elapsed(c, now);
    }
    c->gate = level;
    pit_irq_update(c);
}

bool pit_get_gate(PITState *pit, int channel)
{
    return pit->channels[channel].gate;
}

bool pit_get_out(PITState *pit, int channel)
{
    return channel_out(&pit->channels[channel], qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
}

static void pit_reset(DeviceState *dev)
{
    PITState *pit = (PITState *)dev;

    for (int i = 0; i < 3; i++) {
        PITChannelState *c = &pit->channels[i];
        c->mode = 3;
        c->rw_mode = RW_WORD;
        c->read_state = c->write_state = RW_LSB;
        c->bcd = false;
        c->gate = i != 2;        /* counters 0 and 1 have their gates tied high */
        c->count_latched = c->status_latched = false;
        c->armed = false;
        c->null_count = true;
        c->count = 0;
        c->count_load_time = 0;
        c->paused_ticks = -1;
        pit_irq_update(c);
    }
}

static void pit_instance_init(DeviceState *dev)
{
    PITState *pit = (PITState *)dev;

    qdev_init_gpio_out(dev, &pit->irq_out, 1);
}

static void pit_ch0_irq(void *opaque, int n, int level)
{
    PITState *pit = opaque;

    qemu_set_irq(pit->irq_out, level);
}

static bool pit_realize(DeviceState *dev, GError **errp)
{
    PITState *pit = (PITState *)dev;

    memory_region_init_io(&pit->ioports, &pit_ops, pit, "pit", 4);
    isa_register_ioport(&pit->parent_obj, &pit->ioports, pit->iobase);
    pit->channels[0].irq = qemu_allocate_irq(pit_ch0_irq, pit, 0);
    pit->channels[0].irq_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, pit_irq_timer,
                                              &pit->channels[0]);
    return true;
}

static const Property pit_props[] = {
    DEFINE_PROP_UINT32("iobase", PITState, iobase, -1),
    DEFINE_PROP_END_OF_LIST(),
};

static const DeviceClass pit_class = {
    .name = TYPE_I8254,
    .desc = "Intel 8254 PIT",
    .bus_type = "ISA",
    .instance_size = sizeof(PITState),
    .props = pit_props,
    .instance_init = pit_instance_init,
    .realize = pit_realize,
    .reset = pit_reset,
};

static void pit_register(void)
{
    type_register_static(&pit_class);
}
type_init(pit_register)

ISADevice *i8254_pit_init(ISABus *bus, int base, int isairq)
{
    DeviceState *dev = qdev_new(TYPE_I8254);

    qdev_prop_set_uint32(dev, "iobase", base);
    qdev_realize_or_die(dev, &bus->qbus);
    qdev_connect_gpio_out(dev, 0, isa_get_irq(ISA_DEVICE(dev), isairq));
    return ISA_DEVICE(dev);
}
