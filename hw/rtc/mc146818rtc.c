/*
 * MC146818 / DS12887 real-time clock and CMOS RAM (Dallas DS12887
 * datasheet; Motorola MC146818A datasheet for the original behaviour).
 *
 * Port 0x70: index (bit 7 masks NMI on the PC); port 0x71: data.
 * Registers 0x00-0x09 hold the time and alarm, 0x0a-0x0d control and
 * status (A, B, C, D), the rest is battery-backed RAM.
 *
 * The time is kept as seconds since the epoch at a virtual-clock reference
 * point; the registers are computed from it when read.  The once-a-second
 * update cycle is a timer: it sets UF (and AF when the alarm matches),
 * interrupting on IRQ8 when enabled.  PF is set at every edge of the
 * selected periodic rate whether or not PIE is set (DS12887, "Periodic
 * Interrupt"); it is computed when register C is read.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hw/rtc/mc146818rtc.h"
#include "qemu/log.h"

#define RTC_CLOCK_RATE 32768
#define UIP_WINDOW_NS 244000     /* UIP is set 244 us before an update */

static bool divider_running(RTCState *s)
{
    /* DV2-DV0 = 010: the 32.768 kHz time base, oscillator on, counting. */
    return ((s->cmos_data[RTC_REG_A] >> 4) & 7) == 2;
}

static bool clock_counts(RTCState *s)
{
    return divider_running(s) && !(s->cmos_data[RTC_REG_B] & REG_B_SET);
}

static int64_t rtc_seconds(RTCState *s, int64_t now)
{
    if (s->frozen) {
        return s->frozen_rtc;
    }
    return s->base_rtc + (now - s->base_clock) / NANOSECONDS_PER_SECOND;
}

static void rtc_update_irq(RTCState *s)
{
    uint8_t c = s->cmos_data[RTC_REG_C] & (REG_C_PF | REG_C_AF | REG_C_UF);
    uint8_t b = s->cmos_data[RTC_REG_B];
    bool irqf = ((c & REG_C_PF) && (b & REG_B_PIE)) || ((c & REG_C_AF) && (b & REG_B_AIE)) ||
                ((c & REG_C_UF) && (b & REG_B_UIE));

    if (irqf) {
        s->cmos_data[RTC_REG_C] |= REG_C_IRQF;
    } else {
        s->cmos_data[RTC_REG_C] &= ~REG_C_IRQF;
    }
    qemu_set_irq(s->irq, irqf);
}

static int to_reg(RTCState *s, int v)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_DM) {
        return v;
    }
    return ((v / 10) << 4) | (v % 10);
}

static int from_reg(RTCState *s, int v)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_DM) {
        return v;
    }
    return ((v >> 4) & 0x0f) * 10 + (v & 0x0f);
}

static int hour_to_reg(RTCState *s, int hour)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_24H) {
        return to_reg(s, hour);
    }
    /* 12-hour mode: 1..12 with bit 7 = PM. */
    int h = hour % 12 ? hour % 12 : 12;
    return to_reg(s, h) | (hour >= 12 ? 0x80 : 0);
}

static int hour_from_reg(RTCState *s, int v)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_24H) {
        return from_reg(s, v & 0x7f);
    }
    int h = from_reg(s, v & 0x7f) % 12;
    return (v & 0x80) ? h + 12 : h;
}

/* Writes the time of @t into registers 0, 2, 4, 6-9 and the century byte. */
static void rtc_fill_time(RTCState *s, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    int year;

    gmtime_r(&tt, &tm);
    year = tm.tm_year + 1900;
    s->cmos_data[RTC_SECONDS] = to_reg(s, tm.tm_sec);
    s->cmos_data[RTC_MINUTES] = to_reg(s, tm.tm_min);
    s->cmos_data[RTC_HOURS] = hour_to_reg(s, tm.tm_hour);
    s->cmos_data[RTC_DAY_OF_WEEK] = to_reg(s, tm.tm_wday + 1);
    s->cmos_data[RTC_DAY_OF_MONTH] = to_reg(s, tm.tm_mday);
    s->cmos_data[RTC_MONTH] = to_reg(s, tm.tm_mon + 1);
    s->cmos_data[RTC_YEAR] = to_reg(s, (year - s->base_year) % 100);
    s->cmos_data[RTC_CENTURY] = to_reg(s, (year - s->base_year) / 100 + s->base_year / 100);
}

/* The time the registers (as the guest set them) describe. */
static int64_t rtc_regs_time(RTCState *s)
{
    struct tm tm = { 0 };
    int century = from_reg(s, s->cmos_data[RTC_CENTURY]);

    tm.tm_sec = from_reg(s, s->cmos_data[RTC_SECONDS]);
    tm.tm_min = from_reg(s, s->cmos_data[RTC_MINUTES]);
    tm.tm_hour = hour_from_reg(s, s->cmos_data[RTC_HOURS]);
    tm.tm_mday = from_reg(s, s->cmos_data[RTC_DAY_OF_MONTH]);
    tm.tm_mon = from_reg(s, s->cmos_data[RTC_MONTH]) - 1;
    tm.tm_year = century * 100 + from_reg(s, s->cmos_data[RTC_YEAR]) - 1900;
    if (century < 19 || century > 99) {
        tm.tm_year = s->base_year + from_reg(s, s->cmos_data[RTC_YEAR]) - 1900;
    }
    return (int64_t)timegm(&tm);
}

static bool alarm_matches(RTCState *s)
{
    static const int pairs[3][2] = {
        { RTC_SECONDS_ALARM, RTC_SECONDS },
        { RTC_MINUTES_ALARM, RTC_MINUTES },
        { RTC_HOURS_ALARM, RTC_HOURS },
    };

    for (int i = 0; i < 3; i++) {
        uint8_t a = s->cmos_data[pairs[i][0]];
        /* 11xxxxxx is "don't care" (DS12887, "Alarm"). */
        if ((a & 0xc0) == 0xc0) {
            continue;
        }
        if (a != s->cmos_data[pairs[i][1]]) {
            return false;
        }
    }
    return true;
}

static void rtc_arm_update(RTCState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    int64_t since;

    if (s->frozen) {
        timer_del(s->update_timer);
        return;
    }
    since = now - s->base_clock;
    timer_mod_ns(s->update_timer,
                 s->base_clock + (since / NANOSECONDS_PER_SECOND + 1) * NANOSECONDS_PER_SECOND);
}

/* The end of an update cycle. */
static void rtc_update_timer(void *opaque)
{
    RTCState *s = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    if (s->frozen) {
        return;
    }
    rtc_fill_time(s, rtc_seconds(s, now));
    s->cmos_data[RTC_REG_C] |= REG_C_UF;
    if (alarm_matches(s)) {
        s->cmos_data[RTC_REG_C] |= REG_C_AF;
    }
    rtc_update_irq(s);
    rtc_arm_update(s);
}

/* Periodic rate in 32.768 kHz ticks, or 0 if none (DS12887, Table 3). */
static int64_t periodic_ticks(RTCState *s)
{
    int rs = s->cmos_data[RTC_REG_A] & 0x0f;

    if (rs == 0 || !divider_running(s)) {
        return 0;
    }
    if (rs <= 2) {
        rs += 7;                 /* 0001, 0010: 256 Hz and 128 Hz */
    }
    return 1LL << (rs - 1);
}

static int64_t period_ns(RTCState *s)
{
    return periodic_ticks(s) * NANOSECONDS_PER_SECOND / RTC_CLOCK_RATE;
}

static void rtc_arm_periodic(RTCState *s)
{
    int64_t p = period_ns(s);
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    if (!p || !(s->cmos_data[RTC_REG_B] & REG_B_PIE)) {
        timer_del(s->periodic_timer);
        return;
    }
    timer_mod_ns(s->periodic_timer, now + p - (now % p));
}

static void rtc_periodic_timer(void *opaque)
{
    RTCState *s = opaque;

    s->cmos_data[RTC_REG_C] |= REG_C_PF;
    rtc_update_irq(s);
    rtc_arm_periodic(s);
}

static void rtc_freeze(RTCState *s)
{
    if (!s->frozen) {
        s->frozen_rtc = rtc_seconds(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
        s->frozen = true;
    }
}

static void rtc_unfreeze(RTCState *s, int64_t t, int64_t first_update_delay)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    s->frozen = false;
    s->base_rtc = t;
    s->base_clock = now - NANOSECONDS_PER_SECOND + first_update_delay;
    rtc_arm_update(s);
}

static void cmos_ioport_write(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    RTCState *s = opaque;
    uint8_t val = val64;
    uint8_t old;

    if (addr == 0) {
        s->cmos_index = val & 0x7f;
        s->nmi_masked = val & 0x80;
        return;
    }
    switch (s->cmos_index) {
    case RTC_SECONDS_ALARM:
    case RTC_MINUTES_ALARM:
    case RTC_HOURS_ALARM:
        s->cmos_data[s->cmos_index] = val;
        break;
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
    case RTC_CENTURY:
        if (!s->frozen) {
            rtc_fill_time(s, rtc_seconds(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)));
        }
        s->cmos_data[s->cmos_index] = val;
        if (!s->frozen) {
            /* Writing while running: the new value counts from now. */
            rtc_unfreeze(s, rtc_regs_time(s), NANOSECONDS_PER_SECOND);
        }
        break;
    case RTC_REG_A:
        old = s->cmos_data[RTC_REG_A];
        s->cmos_data[RTC_REG_A] = (val & ~REG_A_UIP) | (old & REG_A_UIP);
        if (!divider_running(s)) {
            rtc_freeze(s);
        } else if (s->frozen && !(s->cmos_data[RTC_REG_B] & REG_B_SET)) {
            /* Leaving divider reset: the first update comes 500 ms later. */
            rtc_unfreeze(s, s->frozen_rtc, NANOSECONDS_PER_SECOND / 2);
        }
        rtc_arm_periodic(s);
        break;
    case RTC_REG_B:
        old = s->cmos_data[RTC_REG_B];
        if (val & REG_B_SET) {
            /* SET aborts an update in progress and clears UIE. */
            val &= ~REG_B_UIE;
            if (!s->frozen) {
                rtc_fill_time(s, rtc_seconds(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)));
                rtc_freeze(s);
            }
        }
        if ((old ^ val) & (REG_B_DM | REG_B_24H)) {
            /* Changing the data mode reinterprets the registers; refresh them. */
            s->cmos_data[RTC_REG_B] = val;
            rtc_fill_time(s, rtc_seconds(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)));
        }
        s->cmos_data[RTC_REG_B] = val;
        if ((old & REG_B_SET) && !(val & REG_B_SET) && divider_running(s)) {
            rtc_unfreeze(s, rtc_regs_time(s), NANOSECONDS_PER_SECOND);
        }
        rtc_update_irq(s);
        rtc_arm_periodic(s);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        /* Read-only. */
        qemu_log_mask(LOG_GUEST_ERROR, "mc146818rtc: write to read-only register %#x\n",
                      s->cmos_index);
        break;
    default:
        s->cmos_data[s->cmos_index] = val;
        break;
    }
}

static uint64_t cmos_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    RTCState *s = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint8_t ret;

    if (addr == 0) {
        /* The index register is write-only; reads float. */
        return 0xff;
    }
    switch (s->cmos_index) {
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
    case RTC_CENTURY:
        if (!s->frozen) {
            rtc_fill_time(s, rtc_seconds(s, now));
        }
        return s->cmos_data[s->cmos_index];
    case RTC_REG_A:
        ret = s->cmos_data[RTC_REG_A] & ~REG_A_UIP;
        if (clock_counts(s) && !s->frozen) {
            int64_t into = (now - s->base_clock) % NANOSECONDS_PER_SECOND;
            if (into >= NANOSECONDS_PER_SECOND - UIP_WINDOW_NS) {
                ret |= REG_A_UIP;
            }
        }
        return ret;
    case RTC_REG_C: {
        int64_t p = period_ns(s);
        if (p && now / p != s->last_c_read / p) {
            s->cmos_data[RTC_REG_C] |= REG_C_PF;
        }
        s->last_c_read = now;
        ret = s->cmos_data[RTC_REG_C];
        s->cmos_data[RTC_REG_C] = 0;
        rtc_update_irq(s);
        return ret;
    }
    case RTC_REG_D:
        return REG_D_VRT;
    default:
        return s->cmos_data[s->cmos_index];
    }
}

static const MemoryRegionOps cmos_ops = {
    .read = cmos_ioport_read,
    .write = cmos_ioport_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

void rtc_set_memory(ISADevice *dev, int addr, int val)
{
    RTCState *s = (RTCState *)dev;

    if (addr >= 0 && addr < RTC_CMOS_SIZE) {
        s->cmos_data[addr] = val;
    }
}

int rtc_get_memory(ISADevice *dev, int addr)
{
    RTCState *s = (RTCState *)dev;

    return addr >= 0 && addr < RTC_CMOS_SIZE ? s->cmos_data[addr] : 0xff;
}

static int64_t rtc_start_time(RTCState *s)
{
    int64_t host = qemu_clock_get_ns(QEMU_CLOCK_HOST) / NANOSECONDS_PER_SECOND;

    if (!s->base || !strcmp(s->base, "utc")) {
        return host;
    }
    if (!strcmp(s->base, "localtime")) {
        time_t t = (time_t)host;
        struct tm tm;
        localtime_r(&t, &tm);
        return (int64_t)timegm(&tm);
    }
    {
        struct tm tm = { 0 };
        if (sscanf(s->base, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) >= 3) {
            tm.tm_year -= 1900;
            tm.tm_mon -= 1;
            return (int64_t)timegm(&tm);
        }
    }
    return host;
}

/*
 * RESET (DS12887, "RESET"): clears PIE, AIE, UIE, SQWE and the flags of
 * register C; the time, the other bits and the RAM are unaffected.
 */
static void rtc_reset(DeviceState *dev)
{
    RTCState *s = (RTCState *)dev;

    s->cmos_data[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_UIE | REG_B_SQWE);
    s->cmos_data[RTC_REG_C] = 0;
    rtc_update_irq(s);
    rtc_arm_periodic(s);
}

static void rtc_instance_init(DeviceState *dev)
{
    RTCState *s = (RTCState *)dev;

    qdev_init_gpio_out(dev, &s->irq, 1);
}

static bool rtc_realize(DeviceState *dev, GError **errp)
{
    RTCState *s = (RTCState *)dev;

    memory_region_init_io(&s->io, &cmos_ops, s, "rtc", 2);
    isa_register_ioport(&s->parent_obj, &s->io, s->iobase);
    s->update_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, rtc_update_timer, s);
    s->periodic_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, rtc_periodic_timer, s);
    /* Power-on state as the BIOS leaves it: 32.768 kHz, 1024 Hz, 24 h BCD. */
    s->cmos_data[RTC_REG_A] = 0x26;
    s->cmos_data[RTC_REG_B] = REG_B_24H;
    s->cmos_data[RTC_REG_C] = 0;
    s->cmos_data[RTC_REG_D] = REG_D_VRT;
    s->frozen = false;
    s->base_rtc = rtc_start_time(s);
    s->base_clock = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    rtc_fill_time(s, s->base_rtc);
    rtc_arm_update(s);
    return true;
}

static const Property rtc_props[] = {
    DEFINE_PROP_UINT32("iobase", RTCState, iobase, 0x70),
    DEFINE_PROP_INT32("base_year", RTCState, base_year, 1980),
    DEFINE_PROP_STRING("base", RTCState, base),
    DEFINE_PROP_END_OF_LIST(),
};

static const DeviceClass rtc_class = {
    .name = TYPE_MC146818_RTC,
    .desc = "MC146818 RTC with CMOS RAM",
    .bus_type = "ISA",
    .instance_size = sizeof(RTCState),
    .props = rtc_props,
    .instance_init = rtc_instance_init,
    .realize = rtc_realize,
    .reset = rtc_reset,
};

static void rtc_register(void)
{
    type_register_static(&rtc_class);
}
type_init(rtc_register)

ISADevice *mc146818_rtc_init(ISABus *bus, int base_year, qemu_irq intercept_irq)
{
    DeviceState *dev = qdev_new(TYPE_MC146818_RTC);

    qdev_prop_set_int32(dev, "base_year", base_year);
    qdev_set_path(dev, "/machine/unattached/rtc");
    qdev_realize_or_die(dev, &bus->qbus);
    qdev_connect_gpio_out(dev, 0, intercept_irq ? intercept_irq
                                                : isa_get_irq(ISA_DEVICE(dev), RTC_ISA_IRQ));
    return ISA_DEVICE(dev);
}
