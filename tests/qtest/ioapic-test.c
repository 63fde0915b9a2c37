/*
 * The 82093AA I/O APIC: its registers through IOREGSEL/IOWIN, and the
 * GSI wiring QEMU-style qtests rely on ("irq_intercept_in ioapic", then
 * ISA IRQ numbers), including the PIT on ISA IRQ0 and the RTC on IRQ8.
 */
#include "libqtest.h"

#define IOAPIC 0xfec00000ULL

static uint32_t ioapic_read(QTestState *s, uint8_t reg)
{
    qtest_writel(s, IOAPIC, reg);
    return qtest_readl(s, IOAPIC + 0x10);
}

static void ioapic_write(QTestState *s, uint8_t reg, uint32_t v)
{
    qtest_writel(s, IOAPIC, reg);
    qtest_writel(s, IOAPIC + 0x10, v);
}

static void ioapic_version_and_masked_entries_after_reset(void)
{
    QTestState *s = qtest_init("-nodefaults");

    g_assert_cmphex(ioapic_read(s, 0x01), ==, 0x00170011);
    for (int i = 0; i < 24; i++) {
        g_assert_cmphex(ioapic_read(s, 0x10 + 2 * i), ==, 0x00010000);
    }
    ioapic_write(s, 0x00, 0x0f000000);
    g_assert_cmphex(ioapic_read(s, 0x00), ==, 0x0f000000);
    qtest_quit(s);
}

static void ioapic_redirection_entry_keeps_read_only_bits(void)
{
    QTestState *s = qtest_init("-nodefaults");

    ioapic_write(s, 0x10 + 2 * 4, 0x0000a030 | 0x5000);   /* tries DELIVS and Remote IRR */
    g_assert_cmphex(ioapic_read(s, 0x10 + 2 * 4), ==, 0x0000a030);
    ioapic_write(s, 0x11 + 2 * 4, 0xff123456);            /* only the destination is writable */
    g_assert_cmphex(ioapic_read(s, 0x11 + 2 * 4), ==, 0xff000000);
    qtest_quit(s);
}

/* The message reaches local APIC 0 (the pc has one even under qtest). */
static void unmasked_request_reaches_the_local_apic_irr(void)
{
    QTestState *s = qtest_init("-nodefaults");

    ioapic_write(s, 0x10 + 2 * 5, 0x00000035);            /* pin 5, edge, vector 35h */
    ioapic_write(s, 0x11 + 2 * 5, 0x00000000);            /* physical destination 0 */
    g_assert_cmphex(qtest_readl(s, 0xfee00210) & (1u << (0x35 - 32)), ==, 0);
    qtest_set_irq_in(s, "ioapic", NULL, 5, 1);
    g_assert_cmphex(ioapic_read(s, 0x10 + 2 * 5) & 0x1000, ==, 0);   /* delivered */
    g_assert_cmphex(qtest_readl(s, 0xfee00210) & (1u << (0x35 - 32)), ==, 1u << (0x35 - 32));
    ioapic_write(s, 0x11 + 2 * 5, 0x05000000);            /* an absent APIC: lost */
    qtest_set_irq_in(s, "ioapic", NULL, 5, 0);
    qtest_set_irq_in(s, "ioapic", NULL, 5, 1);
    g_assert_cmphex(ioapic_read(s, 0x10 + 2 * 5) & 0x1000, ==, 0);
    qtest_quit(s);
}

static void intercepted_ioapic_sees_rtc_on_irq8_and_pit_on_irq0(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_irq_intercept_in(s, "ioapic");
    qtest_outb(s, 0x70, 0x0c);
    qtest_inb(s, 0x71);
    qtest_outb(s, 0x70, 0x0b);
    qtest_outb(s, 0x71, 0x12);                             /* RTC UIE */
    qtest_clock_step(s, 1000000000);
    g_assert_true(qtest_get_irq(s, 8));
    qtest_outb(s, 0x43, 0x34);                             /* PIT counter 0, mode 2 */
    qtest_outb(s, 0x40, 0x00);
    qtest_outb(s, 0x40, 0x10);
    qtest_clock_step(s, 5000000);
    g_assert_cmpuint(qtest_irq_raise_count(s, 0), >=, 1);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ioapic/version_and_masked_entries_after_reset",
                    ioapic_version_and_masked_entries_after_reset);
    g_test_add_func("/ioapic/redirection_entry_keeps_read_only_bits",
                    ioapic_redirection_entry_keeps_read_only_bits);
    g_test_add_func("/ioapic/unmasked_request_reaches_the_local_apic_irr",
                    unmasked_request_reaches_the_local_apic_irr);
    g_test_add_func("/ioapic/intercepted_ioapic_sees_rtc_on_irq8_and_pit_on_irq0",
                    intercepted_ioapic_sees_rtc_on_irq8_and_pit_on_irq0);
    return g_test_run();
}
