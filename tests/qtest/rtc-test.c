/*
 * MC146818 RTC and CMOS RAM: the time registers against the host clock,
 * time that moves only with the virtual clock, BCD/binary and 12/24-hour
 * formats, the update, alarm and periodic interrupts on IRQ8, and the
 * memory-size, CPU-count and boot bytes the firmware reads.
 */
#include <string.h>
#include <time.h>

#include "libqtest.h"

#define NS_PER_SEC 1000000000LL

static uint8_t cmos_read(QTestState *s, uint8_t reg)
{
    qtest_outb(s, 0x70, reg);
    return qtest_inb(s, 0x71);
}

static void cmos_write(QTestState *s, uint8_t reg, uint8_t val)
{
    qtest_outb(s, 0x70, reg);
    qtest_outb(s, 0x71, val);
}

static int bcd(uint8_t v)
{
    return (v >> 4) * 10 + (v & 0xf);
}

/* Sets 2026-12-31 23:59:58 in BCD, 24-hour mode. */
static void set_new_year_eve(QTestState *s)
{
    cmos_write(s, 0x0b, 0x82);   /* SET, 24h, BCD */
    cmos_write(s, 0x00, 0x58);
    cmos_write(s, 0x02, 0x59);
    cmos_write(s, 0x04, 0x23);
    cmos_write(s, 0x07, 0x31);
    cmos_write(s, 0x08, 0x12);
    cmos_write(s, 0x09, 0x26);
    cmos_write(s, 0x32, 0x20);
    cmos_write(s, 0x0b, 0x02);   /* run */
}

static void rtc_time_matches_host_at_start(void)
{
    QTestState *s = qtest_init("-nodefaults");
    time_t now = time(NULL);
    struct tm tm, guest = { 0 };
    time_t t;

    gmtime_r(&now, &tm);
    g_assert_cmphex(cmos_read(s, 0x0b), ==, 0x02);   /* 24h, BCD */
    g_assert_cmphex(cmos_read(s, 0x0d), ==, 0x80);   /* VRT */
    guest.tm_sec = bcd(cmos_read(s, 0x00));
    guest.tm_min = bcd(cmos_read(s, 0x02));
    guest.tm_hour = bcd(cmos_read(s, 0x04));
    guest.tm_mday = bcd(cmos_read(s, 0x07));
    guest.tm_mon = bcd(cmos_read(s, 0x08)) - 1;
    guest.tm_year = bcd(cmos_read(s, 0x32)) * 100 + bcd(cmos_read(s, 0x09)) - 1900;
    t = timegm(&guest);
    g_test_message("guest %lld host %lld", (long long)t, (long long)now);
    g_assert_cmpint(llabs((long long)(t - now)), <=, 5);
    qtest_quit(s);
}

static void rtc_time_advances_only_with_the_virtual_clock(void)
{
    QTestState *s = qtest_init("-nodefaults");

    set_new_year_eve(s);
    g_assert_cmphex(cmos_read(s, 0x00), ==, 0x58);
    g_usleep(1200000);           /* host time passes; virtual time does not */
    g_assert_cmphex(cmos_read(s, 0x00), ==, 0x58);
    qtest_clock_step(s, 3 * NS_PER_SEC);
    /* 23:59:58 + 3 s = 00:00:01 on 2027-01-01. */
    g_assert_cmphex(cmos_read(s, 0x00), ==, 0x01);
    g_assert_cmphex(cmos_read(s, 0x02), ==, 0x00);
    g_assert_cmphex(cmos_read(s, 0x04), ==, 0x00);
    g_assert_cmphex(cmos_read(s, 0x07), ==, 0x01);
    g_assert_cmphex(cmos_read(s, 0x08), ==, 0x01);
    g_assert_cmphex(cmos_read(s, 0x09), ==, 0x27);
    g_assert_cmphex(cmos_read(s, 0x32), ==, 0x20);
    qtest_quit(s);
}

static void rtc_set_bit_freezes_time(void)
{
    QTestState *s = qtest_init("-nodefaults");

    set_new_year_eve(s);
    cmos_write(s, 0x0b, 0x82);
    qtest_clock_step(s, 5 * NS_PER_SEC);
    g_assert_cmphex(cmos_read(s, 0x00), ==, 0x58);
    cmos_write(s, 0x0b, 0x02);
    qtest_clock_step(s, 1 * NS_PER_SEC);
    g_assert_cmphex(cmos_read(s, 0x00), ==, 0x59);
    qtest_quit(s);
}

static void rtc_binary_and_12_hour_formats(void)
{
    QTestState *s = qtest_init("-nodefaults");

    set_new_year_eve(s);
    cmos_write(s, 0x0b, 0x06);   /* binary, 24h */
    g_assert_cmphex(cmos_read(s, 0x00), ==, 58);
    g_assert_cmphex(cmos_read(s, 0x04), ==, 23);
    g_assert_cmphex(cmos_read(s, 0x09), ==, 26);
    cmos_write(s, 0x0b, 0x04);   /* binary, 12h: 11 PM */
    g_assert_cmphex(cmos_read(s, 0x04), ==, 0x80 | 11);
    cmos_write(s, 0x0b, 0x00);   /* BCD, 12h */
    g_assert_cmphex(cmos_read(s, 0x04), ==, 0x91);
    qtest_quit(s);
}

static void rtc_update_interrupt_raises_irq8_once_a_second(void)
{
    QTestState *s = qtest_init("-nodefaults");
    uint8_t c;

    /* IRQ8 is the slave PIC's IR0. */
    qtest_irq_intercept_in(s, "/machine/unattached/pic-slave");
    set_new_year_eve(s);
    cmos_read(s, 0x0c);
    cmos_write(s, 0x0b, 0x12);   /* UIE */
    g_assert_false(qtest_get_irq(s, 0));
    qtest_clock_step(s, NS_PER_SEC);
    g_assert_true(qtest_get_irq(s, 0));
    c = cmos_read(s, 0x0c);
    g_test_message("register C after update: %#x", c);
    g_assert_cmphex(c & 0x90, ==, 0x90);   /* IRQF | UF */
    g_assert_false(qtest_get_irq(s, 0));   /* reading C lowers the line */
    g_assert_cmphex(cmos_read(s, 0x0c), ==, 0x00);
    qtest_clock_step(s, NS_PER_SEC);
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmpuint(qtest_irq_raise_count(s, 0), ==, 2);
    qtest_quit(s);
}

static void rtc_alarm_interrupt_fires_at_the_alarm_time(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_irq_intercept_in(s, "/machine/unattached/pic-slave");
    set_new_year_eve(s);
    cmos_write(s, 0x01, 0x00);   /* alarm 00:00:00 */
    cmos_write(s, 0x03, 0x00);
    cmos_write(s, 0x05, 0x00);
    cmos_read(s, 0x0c);
    cmos_write(s, 0x0b, 0x22);   /* AIE */
    qtest_clock_step(s, NS_PER_SEC);          /* 23:59:59 */
    g_assert_false(qtest_get_irq(s, 0));
    qtest_clock_step(s, NS_PER_SEC);          /* 00:00:00 */
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmphex(cmos_read(s, 0x0c) & 0xa0, ==, 0xa0);   /* IRQF | AF */
    qtest_quit(s);
}

static void rtc_periodic_interrupt_at_1024_hz(void)
{
    QTestState *s = qtest_init("-nodefaults");
    int raises = 0;

    qtest_irq_intercept_in(s, "/machine/unattached/pic-slave");
    g_assert_cmphex(cmos_read(s, 0x0a) & 0x0f, ==, 0x06);   /* RS = 1024 Hz */
    cmos_read(s, 0x0c);
    cmos_write(s, 0x0b, 0x42);   /* PIE */
    /* 100 ms in 100 us steps: about 102 periods, each acknowledged by reading C. */
    for (int i = 0; i < 1000; i++) {
        qtest_clock_step(s, 100000);
        if (qtest_get_irq(s, 0)) {
            raises++;
            g_assert_cmphex(cmos_read(s, 0x0c) & 0xc0, ==, 0xc0);   /* IRQF | PF */
        }
    }
    g_test_message("periodic interrupts in 100 ms: %d", raises);
    g_assert_cmpint(raises, >=, 101);
    g_assert_cmpint(raises, <=, 103);
    qtest_quit(s);
}

static void check_memory_bytes(const char *args, uint16_t ext_kib, uint16_t above16_64k,
                               uint32_t above4g_64k)
{
    QTestState *s = qtest_init(args);
    uint16_t base = cmos_read(s, 0x15) | cmos_read(s, 0x16) << 8;
    uint16_t ext = cmos_read(s, 0x17) | cmos_read(s, 0x18) << 8;
    uint16_t ext2 = cmos_read(s, 0x30) | cmos_read(s, 0x31) << 8;
    uint16_t a16 = cmos_read(s, 0x34) | cmos_read(s, 0x35) << 8;
    uint32_t a4g = cmos_read(s, 0x5b) | cmos_read(s, 0x5c) << 8 | cmos_read(s, 0x5d) << 16;

    g_test_message("%s: base %u ext %u/%u above16M %u above4G %u", args, base, ext, ext2, a16, a4g);
    g_assert_cmpuint(base, ==, 640);
    g_assert_cmpuint(ext, ==, ext_kib);
    g_assert_cmpuint(ext2, ==, ext_kib);
    g_assert_cmpuint(a16, ==, above16_64k);
    g_assert_cmpuint(a4g, ==, above4g_64k);
    qtest_quit(s);
}

static void cmos_memory_size_bytes_for_several_ram_sizes(void)
{
    check_memory_bytes("-nodefaults -m 16", 15 * 1024, 0, 0);
    check_memory_bytes("-nodefaults -m 32", 31 * 1024, 256, 0);
    check_memory_bytes("-nodefaults -m 128", 65535, 1792, 0);
    /* 3.75 GiB: 3 GiB below 4 GiB, 768 MiB above. */
    check_memory_bytes("-nodefaults -m 3840", 65535, (0xc0000000u - 0x1000000u) / 65536,
                       768 * 16);
}

static void cmos_cpu_count_and_boot_order_bytes(void)
{
    QTestState *s = qtest_init("-nodefaults -smp 4 -boot order=dcn");

    g_assert_cmphex(cmos_read(s, 0x5f), ==, 3);
    g_assert_cmphex(cmos_read(s, 0x3d), ==, 0x23);          /* CD-ROM, then disk */
    g_assert_cmphex(cmos_read(s, 0x38) & 0xf0, ==, 0x40);   /* then network */
    qtest_quit(s);
}

static void cmos_ram_holds_data_and_nmi_bit_is_not_an_index_bit(void)
{
    QTestState *s = qtest_init("-nodefaults");

    cmos_write(s, 0x50, 0xa5);
    qtest_outb(s, 0x70, 0x80 | 0x50);
    g_assert_cmphex(qtest_inb(s, 0x71), ==, 0xa5);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rtc/time_matches_host_at_start", rtc_time_matches_host_at_start);
    g_test_add_func("/rtc/time_advances_only_with_the_virtual_clock",
                    rtc_time_advances_only_with_the_virtual_clock);
    g_test_add_func("/rtc/set_bit_freezes_time", rtc_set_bit_freezes_time);
    g_test_add_func("/rtc/binary_and_12_hour_formats", rtc_binary_and_12_hour_formats);
    g_test_add_func("/rtc/update_interrupt_raises_irq8_once_a_second",
                    rtc_update_interrupt_raises_irq8_once_a_second);
    g_test_add_func("/rtc/alarm_interrupt_fires_at_the_alarm_time",
                    rtc_alarm_interrupt_fires_at_the_alarm_time);
    g_test_add_func("/rtc/periodic_interrupt_at_1024_hz", rtc_periodic_interrupt_at_1024_hz);
    g_test_add_func("/cmos/memory_size_bytes_for_several_ram_sizes",
                    cmos_memory_size_bytes_for_several_ram_sizes);
    g_test_add_func("/cmos/cpu_count_and_boot_order_bytes", cmos_cpu_count_and_boot_order_bytes);
    g_test_add_func("/cmos/ram_holds_data_and_nmi_bit_is_not_an_index_bit",
                    cmos_ram_holds_data_and_nmi_bit_is_not_an_index_bit);
    return g_test_run();
}
