/*
 * The 8042 keyboard controller, its PS/2 devices, and port 0x92: self
 * test, the command byte, the output port (A20, reset), keyboard and mouse
 * commands with IRQ1/IRQ12, and the fast A20 gate and fast reset.
 */
#include <string.h>

#include "libqtest.h"

#define DATA 0x60
#define STATUS 0x64
#define CMD 0x64

/* Waits (by polling the status register) for output and reads it. */
static uint8_t kbc_read(QTestState *s)
{
    for (int i = 0; i < 100; i++) {
        if (qtest_inb(s, STATUS) & 0x01) {
            return qtest_inb(s, DATA);
        }
    }
    g_error("i8042: no output byte (status %#x)", qtest_inb(s, STATUS));
}

static void i8042_self_test_returns_55_and_sets_system_flag(void)
{
    QTestState *s = qtest_init("-nodefaults");

    g_assert_cmphex(qtest_inb(s, STATUS) & 0x01, ==, 0);
    qtest_outb(s, CMD, 0xaa);
    g_assert_cmphex(kbc_read(s), ==, 0x55);
    g_assert_cmphex(qtest_inb(s, STATUS) & 0x04, ==, 0x04);
    qtest_outb(s, CMD, 0xab);                  /* keyboard interface test */
    g_assert_cmphex(kbc_read(s), ==, 0x00);
    qtest_outb(s, CMD, 0xa9);                  /* aux interface test */
    g_assert_cmphex(kbc_read(s), ==, 0x00);
    qtest_quit(s);
}

static void i8042_command_byte_reads_back(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_outb(s, CMD, 0x60);
    qtest_outb(s, DATA, 0x65);                 /* XLATE, SYS, both interrupts */
    qtest_outb(s, CMD, 0x20);
    g_assert_cmphex(kbc_read(s), ==, 0x65);
    qtest_outb(s, CMD, 0xad);                  /* disable keyboard: bit 4 */
    qtest_outb(s, CMD, 0x20);
    g_assert_cmphex(kbc_read(s), ==, 0x75);
    qtest_quit(s);
}

static void i8042_keyboard_reset_and_identify_raise_irq1(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_irq_intercept_in(s, "/machine/unattached/pic-master");
    qtest_outb(s, DATA, 0xff);                 /* keyboard reset */
    g_assert_true(qtest_get_irq(s, 1));
    g_assert_cmphex(kbc_read(s), ==, 0xfa);
    g_assert_cmphex(kbc_read(s), ==, 0xaa);
    g_assert_false(qtest_get_irq(s, 1));
    qtest_outb(s, DATA, 0xf2);                 /* identify: MF2, untranslated */
    g_assert_cmphex(kbc_read(s), ==, 0xfa);
    g_assert_cmphex(kbc_read(s), ==, 0xab);
    g_assert_cmphex(kbc_read(s), ==, 0x83);
    qtest_outb(s, DATA, 0xee);                 /* echo */
    g_assert_cmphex(kbc_read(s), ==, 0xee);
    qtest_quit(s);
}

static void i8042_mouse_bytes_come_with_mobf_and_irq12(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_irq_intercept_in(s, "/machine/unattached/pic-slave");
    qtest_outb(s, CMD, 0xd4);
    qtest_outb(s, DATA, 0xff);                 /* mouse reset */
    g_assert_true(qtest_get_irq(s, 4));        /* IRQ12 = slave IR4 */
    g_assert_cmphex(qtest_inb(s, STATUS) & 0x21, ==, 0x21);
    g_assert_cmphex(kbc_read(s), ==, 0xfa);
    g_assert_cmphex(kbc_read(s), ==, 0xaa);
    g_assert_cmphex(kbc_read(s), ==, 0x00);
    qtest_outb(s, CMD, 0xd4);
    qtest_outb(s, DATA, 0xf2);                 /* get device ID */
    g_assert_cmphex(kbc_read(s), ==, 0xfa);
    g_assert_cmphex(kbc_read(s), ==, 0x00);
    qtest_quit(s);
}

static void i8042_output_port_controls_a20_and_reset(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *ev;

    qtest_outb(s, CMD, 0xd0);
    g_assert_cmphex(kbc_read(s) & 0x03, ==, 0x03);   /* not in reset, A20 on */
    qtest_outb(s, CMD, 0xd1);
    qtest_outb(s, DATA, 0xcd);                        /* A20 off */
    qtest_outb(s, CMD, 0xd0);
    g_assert_cmphex(kbc_read(s) & 0x03, ==, 0x01);
    qtest_outb(s, CMD, 0xfe);                        /* pulse reset */
    ev = qtest_qmp_eventwait(s, "RESET");
    g_free(ev);
    qtest_outb(s, CMD, 0xd0);
    g_assert_cmphex(kbc_read(s) & 0x03, ==, 0x03);
    qtest_quit(s);
}

static void port92_a20_gate_reads_back(void)
{
    QTestState *s = qtest_init("-nodefaults");

    g_assert_cmphex(qtest_inb(s, 0x92), ==, 0x00);
    qtest_outb(s, 0x92, 0x02);
    g_assert_cmphex(qtest_inb(s, 0x92), ==, 0x02);
    qtest_outb(s, 0x92, 0x00);
    g_assert_cmphex(qtest_inb(s, 0x92), ==, 0x00);
    qtest_quit(s);
}

static void port92_fast_reset_resets_the_machine(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *ev;

    qtest_outb(s, 0x92, 0x02);
    qtest_outb(s, 0x92, 0x03);
    ev = qtest_qmp_eventwait(s, "RESET");
    g_test_message("%s", ev);
    g_free(ev);
    g_assert_cmphex(qtest_inb(s, 0x92), ==, 0x00);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i8042/self_test_returns_55_and_sets_system_flag",
                    i8042_self_test_returns_55_and_sets_system_flag);
    g_test_add_func("/i8042/command_byte_reads_back", i8042_command_byte_reads_back);
    g_test_add_func("/i8042/keyboard_reset_and_identify_raise_irq1",
                    i8042_keyboard_reset_and_identify_raise_irq1);
    g_test_add_func("/i8042/mouse_bytes_come_with_mobf_and_irq12",
                    i8042_mouse_bytes_come_with_mobf_and_irq12);
    g_test_add_func("/i8042/output_port_controls_a20_and_reset",
                    i8042_output_port_controls_a20_and_reset);
    g_test_add_func("/port92/a20_gate_reads_back", port92_a20_gate_reads_back);
    g_test_add_func("/port92/fast_reset_resets_the_machine", port92_fast_reset_resets_the_machine);
    return g_test_run();
}
