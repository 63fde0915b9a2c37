/*
 * The dual 8259A and the 8254 through the PC's wiring: the master PIC's
 * INT output is intercepted (it would go to the CPU), requests are made
 * with set_irq_in or by the PIT itself, and the CPU's INTA cycle is
 * replaced by the 8259A's poll command (OCW3 P), which acknowledges the
 * same way.
 */
#include <string.h>

#include "libqtest.h"

#define MASTER "/machine/unattached/pic-master"
#define SLAVE "/machine/unattached/pic-slave"
#define PIT_HZ 1193182

static void pic_init(QTestState *s)
{
    /* ICW1: edge, cascade, ICW4; ICW2: vectors 0x08/0x70; ICW3: slave on IR2; ICW4: 8086 */
    qtest_outb(s, 0x20, 0x11);
    qtest_outb(s, 0x21, 0x08);
    qtest_outb(s, 0x21, 0x04);
    qtest_outb(s, 0x21, 0x01);
    qtest_outb(s, 0xa0, 0x11);
    qtest_outb(s, 0xa1, 0x70);
    qtest_outb(s, 0xa1, 0x02);
    qtest_outb(s, 0xa1, 0x01);
    qtest_outb(s, 0x21, 0x00);
    qtest_outb(s, 0xa1, 0x00);
}

/* The poll command: returns 0x80 | level if a request is pending (and acknowledges it). */
static uint8_t pic_poll(QTestState *s, uint16_t base)
{
    qtest_outb(s, base, 0x0c);
    return qtest_inb(s, base);
}

static uint8_t pic_read_isr(QTestState *s, uint16_t base)
{
    qtest_outb(s, base, 0x0b);
    return qtest_inb(s, base);
}

static uint8_t pic_read_irr(QTestState *s, uint16_t base)
{
    qtest_outb(s, base, 0x0a);
    return qtest_inb(s, base);
}

static QTestState *start(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_irq_intercept_out(s, MASTER);
    pic_init(s);
    return s;
}

static void raise_ir(QTestState *s, const char *pic, int n)
{
    qtest_set_irq_in(s, pic, NULL, n, 1);
}

static void lower_ir(QTestState *s, const char *pic, int n)
{
    qtest_set_irq_in(s, pic, NULL, n, 0);
}

static void pic_masked_request_stays_in_irr_until_unmasked(void)
{
    QTestState *s = start();

    qtest_outb(s, 0x21, 0x08);                 /* mask IR3 */
    raise_ir(s, MASTER, 3);
    g_assert_false(qtest_get_irq(s, 0));
    g_assert_cmphex(pic_read_irr(s, 0x20) & 0x08, ==, 0x08);
    qtest_outb(s, 0x21, 0x00);
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x83);
    g_assert_false(qtest_get_irq(s, 0));
    qtest_quit(s);
}

static void pic_higher_priority_first_and_eoi_releases_lower(void)
{
    QTestState *s = start();

    raise_ir(s, MASTER, 5);
    raise_ir(s, MASTER, 3);
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x83);
    g_assert_cmphex(pic_read_isr(s, 0x20), ==, 0x08);
    /* IR5 waits while IR3 is in service. */
    g_assert_false(qtest_get_irq(s, 0));
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x00);
    /* Non-specific EOI clears IR3; IR5 comes through. */
    qtest_outb(s, 0x20, 0x20);
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x85);
    qtest_outb(s, 0x20, 0x65);                 /* specific EOI for IR5 */
    g_assert_cmphex(pic_read_isr(s, 0x20), ==, 0x00);
    qtest_quit(s);
}

static void pic_higher_priority_request_interrupts_lower_service(void)
{
    QTestState *s = start();

    raise_ir(s, MASTER, 6);
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x86);
    raise_ir(s, MASTER, 1);
    g_assert_true(qtest_get_irq(s, 0));        /* nested: IR1 beats IR6 in service */
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x81);
    g_assert_cmphex(pic_read_isr(s, 0x20), ==, 0x42);
    qtest_quit(s);
}

static void pic_set_priority_makes_next_level_highest(void)
{
    QTestState *s = start();

    qtest_outb(s, 0x20, 0xc4);                 /* OCW2: IR4 lowest, so IR5 highest */
    raise_ir(s, MASTER, 3);
    raise_ir(s, MASTER, 5);
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x85);
    qtest_outb(s, 0x20, 0x20);
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x83);
    qtest_quit(s);
}

static void pic_slave_request_arrives_through_ir2(void)
{
    QTestState *s = start();

    raise_ir(s, SLAVE, 0);                     /* IRQ8 */
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x82);
    g_assert_cmphex(pic_read_isr(s, 0xa0), ==, 0x01);
    /* Masking IRQ8 at the slave keeps the master quiet. */
    qtest_outb(s, 0xa0, 0x20);
    qtest_outb(s, 0x20, 0x20);
    lower_ir(s, SLAVE, 0);
    qtest_outb(s, 0xa1, 0x01);
    raise_ir(s, SLAVE, 0);
    g_assert_false(qtest_get_irq(s, 0));
    qtest_quit(s);
}

static void pic_edge_request_latches_and_level_request_follows_the_line(void)
{
    QTestState *s = start();

    /* IRQ10 edge: a pulse is remembered. */
    raise_ir(s, SLAVE, 2);
    lower_ir(s, SLAVE, 2);
    g_assert_cmphex(pic_read_irr(s, 0xa0) & 0x04, ==, 0x04);
    pic_poll(s, 0x20);
    qtest_outb(s, 0xa0, 0x20);
    qtest_outb(s, 0x20, 0x20);
    /* IRQ10 level (ELCR2 bit 2): the request goes away with the line. */
    qtest_outb(s, 0x4d1, 0x04);
    raise_ir(s, SLAVE, 2);
    g_assert_cmphex(pic_read_irr(s, 0xa0) & 0x04, ==, 0x04);
    lower_ir(s, SLAVE, 2);
    g_assert_cmphex(pic_read_irr(s, 0xa0) & 0x04, ==, 0x00);
    /* (The master's IR2 is edge triggered and keeps its latched request.) */
    qtest_quit(s);
}

static void pic_auto_eoi_leaves_isr_clear(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_irq_intercept_out(s, MASTER);
    qtest_outb(s, 0x20, 0x11);
    qtest_outb(s, 0x21, 0x08);
    qtest_outb(s, 0x21, 0x04);
    qtest_outb(s, 0x21, 0x03);                 /* ICW4: AEOI */
    qtest_outb(s, 0x21, 0x00);
    raise_ir(s, MASTER, 4);
    g_assert_cmphex(pic_poll(s, 0x20), ==, 0x84);
    g_assert_cmphex(pic_read_isr(s, 0x20), ==, 0x00);
    qtest_quit(s);
}

static void pit_channel0_raises_irq0_at_the_programmed_rate(void)
{
    QTestState *s = start();
    const int count = 1193;                    /* ~1000.15 Hz */
    int interrupts = 0;

    qtest_outb(s, 0x21, 0xfe);                 /* only IRQ0 */
    qtest_outb(s, 0x43, 0x34);                 /* counter 0, LSB/MSB, mode 2 */
    qtest_outb(s, 0x40, count & 0xff);
    qtest_outb(s, 0x40, count >> 8);
    /* 200 ms in 50 us steps; acknowledge each interrupt like a CPU would. */
    for (int i = 0; i < 4000; i++) {
        qtest_clock_step(s, 50000);
        if (qtest_get_irq(s, 0)) {
            g_assert_cmphex(pic_poll(s, 0x20), ==, 0x80);
            qtest_outb(s, 0x20, 0x20);
            interrupts++;
        }
    }
    g_test_message("IRQ0 in 200 ms at count %d: %d (expected %.1f)", count, interrupts,
                   0.2 * PIT_HZ / count);
    g_assert_cmpint(interrupts, >=, 199);
    g_assert_cmpint(interrupts, <=, 201);
    qtest_quit(s);
}

static void pit_square_wave_rate_follows_a_new_count(void)
{
    QTestState *s = start();
    int interrupts = 0;

    qtest_outb(s, 0x21, 0xfe);
    qtest_outb(s, 0x43, 0x36);                 /* counter 0, LSB/MSB, mode 3 */
    qtest_outb(s, 0x40, 0x00);
    qtest_outb(s, 0x40, 0x00);                 /* 65536: 18.2 Hz */
    for (int i = 0; i < 100; i++) {            /* 1 s in 10 ms steps */
        qtest_clock_step(s, 10000000);
        if (qtest_get_irq(s, 0)) {
            pic_poll(s, 0x20);
            qtest_outb(s, 0x20, 0x20);
            interrupts++;
        }
    }
    g_test_message("IRQ0 in 1 s at count 65536: %d", interrupts);
    g_assert_cmpint(interrupts, >=, 18);
    g_assert_cmpint(interrupts, <=, 19);
    qtest_quit(s);
}

static void pit_latched_count_reflects_elapsed_ticks(void)
{
    QTestState *s = qtest_init("-nodefaults");
    uint16_t v;

    qtest_outb(s, 0x43, 0x34);                 /* counter 0, mode 2 */
    qtest_outb(s, 0x40, 0x00);
    qtest_outb(s, 0x40, 0x10);                 /* 0x1000 */
    /* 1000 ticks later: 0x1000 - 1000. */
    qtest_clock_step(s, (int64_t)1000 * 1000000000 / PIT_HZ + 1);
    qtest_outb(s, 0x43, 0x00);                 /* counter latch */
    v = qtest_inb(s, 0x40);
    v |= qtest_inb(s, 0x40) << 8;
    g_assert_cmphex(v, ==, 0x1000 - 1000);
    qtest_quit(s);
}

static void pit_read_back_status_shows_mode_and_out(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_outb(s, 0x43, 0xb0);                 /* counter 2, LSB/MSB, mode 0 */
    qtest_outb(s, 0x42, 100);
    qtest_outb(s, 0x42, 0);
    qtest_outb(s, 0x61, 0x01);                 /* gate counter 2 */
    qtest_outb(s, 0x43, 0xe8);                 /* read-back status of counter 2 */
    g_assert_cmphex(qtest_inb(s, 0x42), ==, 0x30);   /* OUT low, LSB/MSB, mode 0 */
    g_assert_cmphex(qtest_inb(s, 0x61) & 0x20, ==, 0x00);
    qtest_clock_step(s, (int64_t)101 * 1000000000 / PIT_HZ + 1);
    /* Terminal count: OUT goes high, seen in the status and at port 0x61 bit 5. */
    qtest_outb(s, 0x43, 0xe8);
    g_assert_cmphex(qtest_inb(s, 0x42), ==, 0xb0);
    g_assert_cmphex(qtest_inb(s, 0x61) & 0x20, ==, 0x20);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pic/masked_request_stays_in_irr_until_unmasked",
                    pic_masked_request_stays_in_irr_until_unmasked);
    g_test_add_func("/pic/higher_priority_first_and_eoi_releases_lower",
                    pic_higher_priority_first_and_eoi_releases_lower);
    g_test_add_func("/pic/higher_priority_request_interrupts_lower_service",
                    pic_higher_priority_request_interrupts_lower_service);
    g_test_add_func("/pic/set_priority_makes_next_level_highest",
                    pic_set_priority_makes_next_level_highest);
    g_test_add_func("/pic/slave_request_arrives_through_ir2", pic_slave_request_arrives_through_ir2);
    g_test_add_func("/pic/edge_request_latches_and_level_request_follows_the_line",
                    pic_edge_request_latches_and_level_request_follows_the_line);
    g_test_add_func("/pic/auto_eoi_leaves_isr_clear", pic_auto_eoi_leaves_isr_clear);
    g_test_add_func("/pit/channel0_raises_irq0_at_the_programmed_rate",
                    pit_channel0_raises_irq0_at_the_programmed_rate);
    g_test_add_func("/pit/square_wave_rate_follows_a_new_count",
                    pit_square_wave_rate_follows_a_new_count);
    g_test_add_func("/pit/latched_count_reflects_elapsed_ticks",
                    pit_latched_count_reflects_elapsed_ticks);
    g_test_add_func("/pit/read_back_status_shows_mode_and_out",
                    pit_read_back_status_shows_mode_and_out);
    return g_test_run();
}
