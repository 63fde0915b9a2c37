/*
 * The 8254 on its own under the manual (qtest) virtual clock: OUT edges
 * of counter 0 in each periodic mode, BCD counting, and reads of a count
 * in LSB/MSB order.
 */
#include "hw/timer/i8254.h"
#include "test-isa-helpers.h"

static int rises, level;
static ISADevice *pit;

static void irq0(void *opaque, int n, int l)
{
    if (l && !level) {
        rises++;
    }
    level = l;
}

static void setup(void)
{
    if (!pit) {
        pit = i8254_pit_init(test_isa_bus(), 0x40, 0);
        qdev_connect_gpio_out(DEVICE(pit), 0, qemu_allocate_irq(irq0, NULL, 0));
    }
    qdev_reset_system();
    rises = 0;
}

static int64_t ticks_ns(uint64_t ticks)
{
    return (int64_t)((ticks * 1000000000ULL + PIT_FREQ - 1) / PIT_FREQ);
}

static void mode2_gives_one_rising_edge_per_count(void)
{
    setup();
    io_out(0x43, 0x34);
    io_out(0x40, 100);
    io_out(0x40, 0);
    rises = 0;
    qtest_clock_step(ticks_ns(100 * 50));
    g_assert_cmpint(rises, ==, 50);
}

static void mode3_square_wave_is_high_for_half_the_period(void)
{
    setup();
    io_out(0x43, 0x36);
    io_out(0x40, 100);
    io_out(0x40, 0);
    qtest_clock_step(ticks_ns(10));
    g_assert_true(pit_get_out((PITState *)pit, 0));
    qtest_clock_step(ticks_ns(50));
    g_assert_false(pit_get_out((PITState *)pit, 0));
    qtest_clock_step(ticks_ns(40));
    g_assert_true(pit_get_out((PITState *)pit, 0));
}

static void mode0_interrupts_once_at_terminal_count(void)
{
    setup();
    io_out(0x43, 0x30);
    io_out(0x40, 10);
    io_out(0x40, 0);
    g_assert_cmpint(level, ==, 0);
    rises = 0;
    qtest_clock_step(ticks_ns(1000));
    g_assert_cmpint(rises, ==, 1);
    g_assert_cmpint(level, ==, 1);
}

static void bcd_count_reads_back_in_bcd(void)
{
    uint16_t v;

    setup();
    io_out(0x43, 0x35);                         /* counter 0, LSB/MSB, mode 2, BCD */
    io_out(0x40, 0x00);
    io_out(0x40, 0x10);                         /* 1000 decimal */
    qtest_clock_step(ticks_ns(1));              /* one tick */
    io_out(0x43, 0x00);
    v = io_in(0x40);
    v |= io_in(0x40) << 8;
    g_assert_cmphex(v, ==, 0x0999);
}

static uint16_t read_count(int port)
{
    uint16_t v;

    io_out(0x43, (port - 0x40) << 6);           /* counter latch */
    v = io_in(port);
    v |= io_in(port) << 8;
    return v;
}

static void gate_low_pauses_mode0_and_high_resumes(void)
{
    PITState *p;

    setup();
    p = (PITState *)pit;
    io_out(0x43, 0xb0);                         /* counter 2, LSB/MSB, mode 0 */
    io_out(0x42, 100);
    io_out(0x42, 0);
    qtest_clock_step(ticks_ns(30));
    g_assert_cmpuint(read_count(0x42), ==, 100);   /* gate low since reset: not counting */
    pit_set_gate(p, 2, true);
    qtest_clock_step(ticks_ns(40));
    g_assert_cmpuint(read_count(0x42), ==, 60);
    pit_set_gate(p, 2, false);
    qtest_clock_step(ticks_ns(500));
    g_assert_cmpuint(read_count(0x42), ==, 60);
    g_assert_false(pit_get_out(p, 2));
    pit_set_gate(p, 2, true);
    qtest_clock_step(ticks_ns(60));
    g_assert_true(pit_get_out(p, 2));
}

static void mode1_waits_for_a_gate_trigger(void)
{
    PITState *p;

    setup();
    p = (PITState *)pit;
    io_out(0x43, 0x32);                         /* counter 0, LSB/MSB, mode 1 */
    io_out(0x40, 50);
    io_out(0x40, 0);
    qtest_clock_step(ticks_ns(100));
    g_assert_true(pit_get_out(p, 0));           /* no trigger yet: OUT high */
    g_assert_cmpuint(read_count(0x40), ==, 50);
    pit_set_gate(p, 0, false);
    pit_set_gate(p, 0, true);                   /* the trigger */
    qtest_clock_step(ticks_ns(10));
    g_assert_false(pit_get_out(p, 0));
    qtest_clock_step(ticks_ns(40));
    g_assert_true(pit_get_out(p, 0));
}

static void mode0_first_byte_of_new_count_drives_out_low(void)
{
    setup();
    io_out(0x43, 0x30);
    io_out(0x40, 10);
    io_out(0x40, 0);
    qtest_clock_step(ticks_ns(20));
    g_assert_cmpint(level, ==, 1);              /* terminal count reached */
    io_out(0x40, 50);                           /* LSB of a new count */
    g_assert_cmpint(level, ==, 0);
    io_out(0x40, 0);                            /* MSB: counting restarts */
    qtest_clock_step(ticks_ns(51));
    g_assert_cmpint(level, ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i8254/mode2_gives_one_rising_edge_per_count",
                    mode2_gives_one_rising_edge_per_count);
    g_test_add_func("/i8254/mode3_square_wave_is_high_for_half_the_period",
                    mode3_square_wave_is_high_for_half_the_period);
    g_test_add_func("/i8254/mode0_interrupts_once_at_terminal_count",
                    mode0_interrupts_once_at_terminal_count);
    g_test_add_func("/i8254/bcd_count_reads_back_in_bcd", bcd_count_reads_back_in_bcd);
    g_test_add_func("/i8254/gate_low_pauses_mode0_and_high_resumes",
                    gate_low_pauses_mode0_and_high_resumes);
    g_test_add_func("/i8254/mode1_waits_for_a_gate_trigger", mode1_waits_for_a_gate_trigger);
    g_test_add_func("/i8254/mode0_first_byte_of_new_count_drives_out_low",
                    mode0_first_byte_of_new_count_drives_out_low);
    return g_test_run();
}
