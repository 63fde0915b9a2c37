/*
 * The local APIC's register page on the pc machine at 0xfee00000 (under
 * qtest there is no CPU, but the APIC is there): the power-up registers,
 * the software-disabled LVT masks, the timer on the qtest clock, and an
 * I/O APIC message landing in its IRR.
 */
#include "libqtest.h"

#define APIC 0xfee00000ULL

static void registers_after_power_up(void)
{
    QTestState *s = qtest_init("-nodefaults");

    g_assert_cmphex(qtest_readl(s, APIC + 0x20), ==, 0);            /* ID 0 */
    g_assert_cmphex(qtest_readl(s, APIC + 0x30), ==, 0x00050014);   /* version */
    g_assert_cmphex(qtest_readl(s, APIC + 0x80), ==, 0);            /* TPR */
    g_assert_cmphex(qtest_readl(s, APIC + 0xe0), ==, 0xffffffff);   /* DFR */
    g_assert_cmphex(qtest_readl(s, APIC + 0xf0), ==, 0xff);         /* SVR: disabled */
    for (uint64_t off = 0x320; off <= 0x370; off += 0x10) {
        g_assert_cmphex(qtest_readl(s, APIC + off), ==, 0x10000);
    }
    /* software disabled: the masks cannot be cleared */
    qtest_writel(s, APIC + 0x350, 0x700);
    g_assert_cmphex(qtest_readl(s, APIC + 0x350), ==, 0x10700);
    qtest_writel(s, APIC + 0xf0, 0x1ff);
    qtest_writel(s, APIC + 0x350, 0x700);
    g_assert_cmphex(qtest_readl(s, APIC + 0x350), ==, 0x700);
    qtest_quit(s);
}

static void timer_counts_on_the_virtual_clock(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_writel(s, APIC + 0xf0, 0x1ff);
    qtest_writel(s, APIC + 0x3e0, 0x3);                   /* divide by 16 */
    qtest_writel(s, APIC + 0x320, 0x50);                  /* one-shot, vector 0x50 */
    qtest_writel(s, APIC + 0x380, 1000);
    qtest_clock_step(s, 1600);                            /* 100 ticks */
    g_assert_cmpuint(qtest_readl(s, APIC + 0x390), ==, 900);
    g_assert_cmphex(qtest_readl(s, APIC + 0x220) & 0x10000, ==, 0);
    qtest_clock_step(s, 16000);
    g_assert_cmpuint(qtest_readl(s, APIC + 0x390), ==, 0);
    g_assert_cmphex(qtest_readl(s, APIC + 0x220) & 0x10000, ==, 0x10000);   /* IRR 0x50 */
    qtest_quit(s);
}

static void ioapic_message_lands_in_irr(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_writel(s, APIC + 0xf0, 0x1ff);
    qtest_writel(s, 0xfec00000, 0x10 + 2 * 8);            /* RTC pin: edge, vector 0x68 */
    qtest_writel(s, 0xfec00010, 0x68);
    qtest_outb(s, 0x70, 0x0b);
    qtest_outb(s, 0x71, 0x12);                            /* RTC update-ended interrupt */
    qtest_clock_step(s, 1100000000);
    g_assert_cmphex(qtest_readl(s, APIC + 0x230) & (1u << 8), ==, 1u << 8);   /* IRR 0x68 */
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/apic/registers_after_power_up", registers_after_power_up);
    g_test_add_func("/apic/timer_counts_on_the_virtual_clock", timer_counts_on_the_virtual_clock);
    g_test_add_func("/apic/ioapic_message_lands_in_irr", ioapic_message_lands_in_irr);
    return g_test_run();
}
