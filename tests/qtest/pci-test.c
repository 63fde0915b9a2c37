/*
 * The pc machine's PCI bus as a chipset engineer checks it: every function
 * enumerated through configuration mechanism #1, identities and subsystem
 * IDs, BARs that move when config space changes, the PIIX4 PM I/O space
 * and its timer, the ELCRs, and the PIIX3 Reset Control register.
 */
#include <string.h>

#include "pci-helpers.h"

typedef struct Expected {
    int devfn;
    uint16_t vendor, device, class_id;
} Expected;

static const Expected pc_functions[] = {
    { DEVFN(0, 0), 0x8086, 0x1237, 0x0600 },  /* i440FX PMC */
    { DEVFN(1, 0), 0x8086, 0x7000, 0x0601 },  /* PIIX3 ISA bridge */
    { DEVFN(1, 1), 0x8086, 0x7010, 0x0101 },  /* PIIX3 IDE */
    { DEVFN(1, 3), 0x8086, 0x7113, 0x0680 },  /* PIIX4 PM */
};

static void pci_enumeration_finds_exactly_the_pc_functions(void)
{
    QTestState *s = qtest_init("-nodefaults");
    int found = 0;

    for (int devfn = 0; devfn < 256; devfn++) {
        uint32_t id = pci_cfg_readl(s, devfn, 0);
        const Expected *e = NULL;
        for (size_t i = 0; i < G_N_ELEMENTS(pc_functions); i++) {
            if (pc_functions[i].devfn == devfn) {
                e = &pc_functions[i];
            }
        }
        if (!e) {
            if (id != 0xffffffff) {
                g_test_message("unexpected function %02x.%x: id %08x", devfn >> 3, devfn & 7, id);
            }
            g_assert_cmphex(id, ==, 0xffffffff);
            continue;
        }
        g_test_message("%02x.%x: id %08x class %04x", devfn >> 3, devfn & 7, id,
                       pci_cfg_readw(s, devfn, 0x0a));
        g_assert_cmphex(id & 0xffff, ==, e->vendor);
        g_assert_cmphex(id >> 16, ==, e->device);
        g_assert_cmphex(pci_cfg_readw(s, devfn, 0x0a), ==, e->class_id);
        /* SeaBIOS recognises a QEMU platform by the host bridge's subsystem IDs. */
        g_assert_cmphex(pci_cfg_readw(s, devfn, 0x2c), ==, 0x1af4);
        g_assert_cmphex(pci_cfg_readw(s, devfn, 0x2e), ==, 0x1100);
        found++;
    }
    g_assert_cmpint(found, ==, G_N_ELEMENTS(pc_functions));
    /* The PIIX3 is multi-function: header type bit 7. */
    g_assert_cmphex(pci_cfg_readb(s, DEVFN(1, 0), 0x0e) & 0x80, ==, 0x80);
    qtest_quit(s);
}

static void config_address_needs_dword_access_and_enable_bit(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_outl(s, 0xcf8, 0x80000000);
    g_assert_cmphex(qtest_inl(s, 0xcf8), ==, 0x80000000);
    /* A byte write at 0xcf8 is not CONFIG_ADDRESS. */
    qtest_outb(s, 0xcf8, 0x12);
    g_assert_cmphex(qtest_inl(s, 0xcf8), ==, 0x80000000);
    /* With bit 31 clear, CONFIG_DATA reads all ones. */
    qtest_outl(s, 0xcf8, 0x00000000);
    g_assert_cmphex(qtest_inl(s, 0xcfc), ==, 0xffffffff);
    qtest_quit(s);
}

static void ide_bar4_moves_with_config_writes(void)
{
    QTestState *s = qtest_init("-nodefaults");
    int ide = DEVFN(1, 1);
    uint32_t size_mask;

    /* Sizing: all ones back gives the 16-byte I/O BAR. */
    pci_cfg_writel(s, ide, 0x20, 0xffffffff);
    size_mask = pci_cfg_readl(s, ide, 0x20);
    g_assert_cmphex(size_mask, ==, 0xfffffff1);
    pci_cfg_writel(s, ide, 0x20, 0xc040);
    g_assert_cmphex(pci_cfg_readl(s, ide, 0x20), ==, 0xc041);
    /* I/O decoding still off: nothing answers there. */
    g_assert_cmphex(qtest_inb(s, 0xc040), ==, 0xff);
    pci_cfg_writew(s, ide, 0x04, 0x0001);
    g_assert_cmphex(qtest_inb(s, 0xc040), ==, 0x00);
    /* Move it: the old address goes dead, the new one answers. */
    pci_cfg_writel(s, ide, 0x20, 0xd000);
    g_assert_cmphex(qtest_inb(s, 0xc040), ==, 0xff);
    g_assert_cmphex(qtest_inb(s, 0xd000), ==, 0x00);
    /* Clearing I/O space enable unmaps it. */
    pci_cfg_writew(s, ide, 0x04, 0x0000);
    g_assert_cmphex(qtest_inb(s, 0xd000), ==, 0xff);
    qtest_quit(s);
}

static void piix4_pm_timer_counts_at_3_58_mhz_once_enabled(void)
{
    QTestState *s = qtest_init("-nodefaults");
    int pm = DEVFN(1, 3);
    uint32_t t0, t1;

    g_assert_cmphex(qtest_inl(s, 0x608), ==, 0xffffffff);
    pci_cfg_writel(s, pm, 0x40, 0x0601);      /* PMBA */
    g_assert_cmphex(pci_cfg_readl(s, pm, 0x40), ==, 0x0601);
    g_assert_cmphex(qtest_inl(s, 0x608), ==, 0xffffffff);
    pci_cfg_writeb(s, pm, 0x80, 0x01);        /* PMREGMISC.PMIOSE */
    t0 = qtest_inl(s, 0x608);
    qtest_clock_step(s, 1000000000);
    t1 = qtest_inl(s, 0x608);
    g_test_message("PMTMR %u -> %u", t0, t1);
    g_assert_cmpuint((t1 - t0) & 0xffffff, ==, 3579545);
    g_assert_cmpuint(t1 & ~0xffffffu, ==, 0);
    qtest_quit(s);
}

static void piix4_timer_overflow_raises_sci_on_irq9(void)
{
    QTestState *s = qtest_init("-nodefaults");
    int pm = DEVFN(1, 3);

    qtest_irq_intercept_in(s, "/machine/unattached/pic-slave");   /* IRQ9 = IR1 */
    pci_cfg_writel(s, pm, 0x40, 0x0601);
    pci_cfg_writeb(s, pm, 0x80, 0x01);
    qtest_outw(s, 0x602, 0x0001);              /* PMEN.TMROF_EN */
    /* Bit 23 of PMTMR toggles every 2^23 / 3.579545 MHz = 2.34 s. */
    qtest_clock_step(s, 2000000000);
    g_assert_false(qtest_get_irq(s, 1));
    qtest_clock_step(s, 400000000);
    g_assert_true(qtest_get_irq(s, 1));
    g_assert_cmphex(qtest_inw(s, 0x600) & 0x0001, ==, 0x0001);
    qtest_outw(s, 0x600, 0x0001);              /* write 1 to clear */
    g_assert_false(qtest_get_irq(s, 1));
    g_assert_cmphex(qtest_inw(s, 0x600) & 0x0001, ==, 0x0000);
    qtest_quit(s);
}

static void apm_port_enables_and_disables_acpi_mode(void)
{
    QTestState *s = qtest_init("-nodefaults");
    int pm = DEVFN(1, 3);

    pci_cfg_writel(s, pm, 0x40, 0x0601);
    pci_cfg_writeb(s, pm, 0x80, 0x01);
    g_assert_cmphex(qtest_inw(s, 0x604) & 1, ==, 0);
    qtest_outb(s, 0xb2, 0xf1);                 /* ACPI enable: SCI_EN */
    g_assert_cmphex(qtest_inw(s, 0x604) & 1, ==, 1);
    g_assert_cmphex(qtest_inb(s, 0xb2), ==, 0xf1);
    qtest_outb(s, 0xb2, 0xf0);
    g_assert_cmphex(qtest_inw(s, 0x604) & 1, ==, 0);
    qtest_outb(s, 0xb3, 0x5a);                 /* APMS is plain storage */
    g_assert_cmphex(qtest_inb(s, 0xb3), ==, 0x5a);
    qtest_quit(s);
}

static void piix4_soft_off_powers_the_machine_down(void)
{
    QTestState *s = qtest_init("-nodefaults");
    int pm = DEVFN(1, 3);
    char *ev;

    pci_cfg_writel(s, pm, 0x40, 0x0601);
    pci_cfg_writeb(s, pm, 0x80, 0x01);
    qtest_outw(s, 0x604, 0x2000);              /* SUS_EN with SUS_TYP 0: S5 */
    ev = qtest_qmp_eventwait(s, "SHUTDOWN");
    g_test_message("%s", ev);
    g_assert_nonnull(strstr(ev, "\"guest\": true"));
    g_assert_nonnull(strstr(ev, "guest-shutdown"));
    g_free(ev);
    qtest_quit(s);
}

static void elcr_bits_of_edge_only_irqs_stay_zero(void)
{
    QTestState *s = qtest_init("-nodefaults");

    qtest_outb(s, 0x4d0, 0xff);
    qtest_outb(s, 0x4d1, 0xff);
    /* IRQ0-2 and IRQ8, IRQ13 are always edge (82371SB ELCR1/ELCR2). */
    g_assert_cmphex(qtest_inb(s, 0x4d0), ==, 0xf8);
    g_assert_cmphex(qtest_inb(s, 0x4d1), ==, 0xde);
    qtest_quit(s);
}

static void piix3_pirq_routing_registers_reset_to_disabled(void)
{
    QTestState *s = qtest_init("-nodefaults");

    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(pci_cfg_readb(s, DEVFN(1, 0), 0x60 + i), ==, 0x80);
    }
    pci_cfg_writeb(s, DEVFN(1, 0), 0x61, 0x0b);
    g_assert_cmphex(pci_cfg_readb(s, DEVFN(1, 0), 0x61), ==, 0x0b);
    qtest_quit(s);
}

static void reset_control_register_resets_the_machine(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *ev;

    qtest_outb(s, 0x21, 0x33);
    qtest_outb(s, 0xcf9, 0x06);
    ev = qtest_qmp_eventwait(s, "RESET");
    g_test_message("%s", ev);
    g_free(ev);
    g_assert_cmphex(qtest_inb(s, 0x21), ==, 0x00);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pci/enumeration_finds_exactly_the_pc_functions",
                    pci_enumeration_finds_exactly_the_pc_functions);
    g_test_add_func("/pci/config_address_needs_dword_access_and_enable_bit",
                    config_address_needs_dword_access_and_enable_bit);
    g_test_add_func("/pci/ide_bar4_moves_with_config_writes", ide_bar4_moves_with_config_writes);
    g_test_add_func("/pci/piix4_pm_timer_counts_at_3_58_mhz_once_enabled",
                    piix4_pm_timer_counts_at_3_58_mhz_once_enabled);
    g_test_add_func("/pci/piix4_timer_overflow_raises_sci_on_irq9",
                    piix4_timer_overflow_raises_sci_on_irq9);
    g_test_add_func("/pci/apm_port_enables_and_disables_acpi_mode",
                    apm_port_enables_and_disables_acpi_mode);
    g_test_add_func("/pci/piix4_soft_off_powers_the_machine_down",
                    piix4_soft_off_powers_the_machine_down);
    g_test_add_func("/pci/elcr_bits_of_edge_only_irqs_stay_zero",
                    elcr_bits_of_edge_only_irqs_stay_zero);
    g_test_add_func("/pci/piix3_pirq_routing_registers_reset_to_disabled",
                    piix3_pirq_routing_registers_reset_to_disabled);
    g_test_add_func("/pci/reset_control_register_resets_the_machine",
                    reset_control_register_resets_the_machine);
    return g_test_run();
}
