/*
 * The 8259A pair on its own (no machine): requests through the ISA IRQ
 * inputs, INT observed on the master's output, acknowledged with the
 * INTA cycle (pic_read_irq) the CPU will use.
 */
#include "hw/intc/i8259.h"
#include "test-isa-helpers.h"

static int int_level;
static qemu_irq *isa_irqs;

static void int_handler(void *opaque, int n, int level)
{
    int_level = level;
}

static void setup(void)
{
    if (!isa_irqs) {
        isa_irqs = i8259_init(test_isa_bus(), qemu_allocate_irq(int_handler, NULL, 0));
    }
    qdev_reset_system();
    for (int i = 0; i < 16; i++) {
        qemu_set_irq(isa_irqs[i], 0);
    }
    /* Standard PC initialization: vectors 0x08 and 0x70, slave on IR2. */
    io_out(0x20, 0x11); io_out(0x21, 0x08); io_out(0x21, 0x04); io_out(0x21, 0x01);
    io_out(0xa0, 0x11); io_out(0xa1, 0x70); io_out(0xa1, 0x02); io_out(0xa1, 0x01);
    io_out(0x21, 0x00); io_out(0xa1, 0x00);
}

static void inta_returns_icw2_vector_plus_level(void)
{
    setup();
    qemu_irq_raise(isa_irqs[6]);
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmpint(pic_read_irq(i8259_master()), ==, 0x08 + 6);
    g_assert_cmpint(int_level, ==, 0);
    io_out(0x20, 0x20);
}

static void inta_for_slave_request_returns_slave_vector(void)
{
    setup();
    qemu_irq_raise(isa_irqs[14]);
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmpint(pic_read_irq(i8259_master()), ==, 0x70 + 6);
    /* Both in service until both get an EOI. */
    io_out(0x20, 0x0b);
    g_assert_cmphex(io_in(0x20), ==, 0x04);
    io_out(0xa0, 0x0b);
    g_assert_cmphex(io_in(0xa0), ==, 0x40);
}

static void request_gone_before_inta_is_spurious_irq7(void)
{
    setup();
    /* ELCR level mode so lowering the line withdraws the request. */
    io_out(0x4d0, 0x20);
    qemu_irq_raise(isa_irqs[5]);
    g_assert_cmpint(int_level, ==, 1);
    qemu_irq_lower(isa_irqs[5]);
    g_assert_cmpint(int_level, ==, 0);
    g_assert_cmpint(pic_read_irq(i8259_master()), ==, 0x08 + 7);
    io_out(0x20, 0x0b);
    g_assert_cmphex(io_in(0x20), ==, 0x00);     /* spurious: nothing in service */
    io_out(0x4d0, 0x00);
}

static void imr_reads_back_and_icw1_clears_it(void)
{
    setup();
    io_out(0x21, 0xa5);
    g_assert_cmphex(io_in(0x21), ==, 0xa5);
    io_out(0x20, 0x11);
    g_assert_cmphex(io_in(0x21), ==, 0x00);
}

static void rotate_on_nonspecific_eoi_makes_served_level_lowest(void)
{
    setup();
    qemu_irq_raise(isa_irqs[3]);
    g_assert_cmpint(pic_read_irq(i8259_master()), ==, 0x08 + 3);
    qemu_irq_lower(isa_irqs[3]);
    io_out(0x20, 0xa0);                         /* rotate on non-specific EOI */
    qemu_irq_raise(isa_irqs[3]);
    qemu_irq_raise(isa_irqs[4]);
    /* IR3 is now the lowest: IR4 goes first. */
    g_assert_cmpint(pic_read_irq(i8259_master()), ==, 0x08 + 4);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i8259/inta_returns_icw2_vector_plus_level", inta_returns_icw2_vector_plus_level);
    g_test_add_func("/i8259/inta_for_slave_request_returns_slave_vector",
                    inta_for_slave_request_returns_slave_vector);
    g_test_add_func("/i8259/request_gone_before_inta_is_spurious_irq7",
                    request_gone_before_inta_is_spurious_irq7);
    g_test_add_func("/i8259/imr_reads_back_and_icw1_clears_it", imr_reads_back_and_icw1_clears_it);
    g_test_add_func("/i8259/rotate_on_nonspecific_eoi_makes_served_level_lowest",
                    rotate_on_nonspecific_eoi_makes_served_level_lowest);
    return g_test_run();
}
