/*
 * i440FX PAM and SMRAM: which reads and writes reach DRAM and which reach
 * PCI (the BIOS ROM or nothing), for all four PAM modes on several
 * segments, and SMRAM open, closed and locked.
 *
 * On PCI, 0xe0000-0xfffff shows the last 128 KiB of the BIOS (the same
 * bytes as 0xfffe0000-0xffffffff); 0xc0000-0xdffff has nothing (0xff).
 */
#include <string.h>

#include "pci-helpers.h"

#define PMC DEVFN(0, 0)

typedef struct Segment {
    uint32_t base;
    int reg;                     /* PAM register */
    int shift;                   /* 0: low nibble, 4: high nibble */
} Segment;

static const Segment segments[] = {
    { 0xf0000, 0x59, 4 },
    { 0xc0000, 0x5a, 0 },
    { 0xc4000, 0x5a, 4 },
    { 0xd8000, 0x5d, 0 },
    { 0xe8000, 0x5f, 0 },
    { 0xec000, 0x5f, 4 },
};

static void set_pam(QTestState *s, const Segment *seg, int mode)
{
    uint8_t v = pci_cfg_readb(s, PMC, seg->reg);

    v &= ~(0x3 << seg->shift);
    v |= mode << seg->shift;
    pci_cfg_writeb(s, PMC, seg->reg, v);
    g_assert_cmphex((pci_cfg_readb(s, PMC, seg->reg) >> seg->shift) & 3, ==, mode);
}

/* What PCI answers at @addr. */
static uint8_t pci_view(QTestState *s, uint32_t addr)
{
    if (addr >= 0xe0000) {
        return qtest_readb(s, 0xfff00000u + addr);
    }
    return 0xff;
}

/*
 * Writes a DRAM pattern with the segment in RW mode, switches to @mode,
 * reads and writes once, then looks at DRAM again in RW mode.
 */
static void check_mode(QTestState *s, const Segment *seg, int mode)
{
    uint32_t addr = seg->base + 0x123;
    uint8_t pci = pci_view(s, addr);
    uint8_t ram = pci ^ 0x5a;
    uint8_t newval = pci ^ 0xa5;
    uint8_t got;

    set_pam(s, seg, 3);
    qtest_writeb(s, addr, ram);
    g_assert_cmphex(qtest_readb(s, addr), ==, ram);

    set_pam(s, seg, mode);
    got = qtest_readb(s, addr);
    g_test_message("segment %#x mode %d: read %#x (DRAM %#x, PCI %#x)", seg->base, mode, got, ram,
                   pci);
    g_assert_cmphex(got, ==, (mode & 1) ? ram : pci);
    qtest_writeb(s, addr, newval);

    set_pam(s, seg, 3);
    got = qtest_readb(s, addr);
    g_test_message("segment %#x mode %d: DRAM after write %#x (wrote %#x)", seg->base, mode, got,
                   newval);
    g_assert_cmphex(got, ==, (mode & 2) ? newval : ram);
    /* The PCI side never changes (ROM). */
    g_assert_cmphex(pci_view(s, addr), ==, pci);
}

static void run_mode(int mode)
{
    QTestState *s = qtest_init("-nodefaults");

    for (size_t i = 0; i < G_N_ELEMENTS(segments); i++) {
        check_mode(s, &segments[i], mode);
    }
    qtest_quit(s);
}

static void pam_disabled_sends_reads_and_writes_to_pci(void)
{
    run_mode(0);
}

static void pam_read_only_reads_ram_and_keeps_writes_from_it(void)
{
    run_mode(1);
}

static void pam_write_only_reads_rom(void)
{
    run_mode(2);
}

static void pam_read_write_is_plain_ram(void)
{
    run_mode(3);
}

static void pam_registers_reset_to_pci_and_bios_is_visible(void)
{
    QTestState *s = qtest_init("-nodefaults");

    for (int reg = 0x59; reg <= 0x5f; reg++) {
        g_assert_cmphex(pci_cfg_readb(s, PMC, reg), ==, 0);
    }
    /* The reset vector's bytes are the same at 0xffff0 and 0xfffffff0. */
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, qtest_readl(s, 0xfffffff0u));
    qtest_quit(s);
}

static void smram_closed_shows_pci_and_open_shows_dram(void)
{
    QTestState *s = qtest_init("-nodefaults");

    g_assert_cmphex(pci_cfg_readb(s, PMC, 0x72), ==, 0x02);
    /* Closed: the VGA window on PCI, where nothing answers. */
    qtest_writeb(s, 0xa0000, 0x42);
    g_assert_cmphex(qtest_readb(s, 0xa0000), ==, 0xff);
    /* Open: DRAM. */
    pci_cfg_writeb(s, PMC, 0x72, 0x4a);
    g_assert_cmphex(pci_cfg_readb(s, PMC, 0x72), ==, 0x4a);
    qtest_writeb(s, 0xa0000, 0x42);
    qtest_writeb(s, 0xbffff, 0x24);
    g_assert_cmphex(qtest_readb(s, 0xa0000), ==, 0x42);
    /* Closed again: hidden, but kept. */
    pci_cfg_writeb(s, PMC, 0x72, 0x0a);
    g_assert_cmphex(qtest_readb(s, 0xa0000), ==, 0xff);
    pci_cfg_writeb(s, PMC, 0x72, 0x4a);
    g_assert_cmphex(qtest_readb(s, 0xa0000), ==, 0x42);
    g_assert_cmphex(qtest_readb(s, 0xbffff), ==, 0x24);
    qtest_quit(s);
}

static void smram_lock_closes_and_survives_until_reset(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *ev;

    pci_cfg_writeb(s, PMC, 0x72, 0x4a);
    qtest_writeb(s, 0xa8000, 0x99);
    /* D_LCK: D_OPEN is cleared and can no longer be set; G_SMRAME is frozen. */
    pci_cfg_writeb(s, PMC, 0x72, 0x5a);
    g_assert_cmphex(pci_cfg_readb(s, PMC, 0x72), ==, 0x1a);
    pci_cfg_writeb(s, PMC, 0x72, 0x42);
    g_assert_cmphex(pci_cfg_readb(s, PMC, 0x72), ==, 0x1a);
    g_assert_cmphex(qtest_readb(s, 0xa8000), ==, 0xff);
    /* C_BASE_SEG is fixed at 010. */
    g_assert_cmphex(pci_cfg_readb(s, PMC, 0x72) & 7, ==, 2);
    g_free(qtest_qmp(s, "{\"execute\": \"system_reset\"}"));
    ev = qtest_qmp_eventwait(s, "RESET");
    g_free(ev);
    g_assert_cmphex(pci_cfg_readb(s, PMC, 0x72), ==, 0x02);
    pci_cfg_writeb(s, PMC, 0x72, 0x4a);
    g_assert_cmphex(qtest_readb(s, 0xa8000), ==, 0x99);
    qtest_quit(s);
}

static void info_mtree_shows_pam_and_smram_aliases(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *out;

    pci_cfg_writeb(s, PMC, 0x5a, 0x31);    /* c0000 RE, c4000 RW */
    out = qtest_hmp(s, "info mtree");
    g_assert_nonnull(strstr(out, "alias pam-rom @ram 00000000000c0000-00000000000c3fff"));
    g_assert_nonnull(strstr(out, "alias pam-ram @ram 00000000000c4000-00000000000c7fff"));
    g_assert_nonnull(strstr(out, "alias smram-region @pci"));
    g_assert_nonnull(strstr(out, "alias isa-bios @pc.bios"));
    g_free(out);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i440fx/pam_disabled_sends_reads_and_writes_to_pci",
                    pam_disabled_sends_reads_and_writes_to_pci);
    g_test_add_func("/i440fx/pam_read_only_reads_ram_and_keeps_writes_from_it",
                    pam_read_only_reads_ram_and_keeps_writes_from_it);
    g_test_add_func("/i440fx/pam_write_only_reads_rom", pam_write_only_reads_rom);
    g_test_add_func("/i440fx/pam_read_write_is_plain_ram", pam_read_write_is_plain_ram);
    g_test_add_func("/i440fx/pam_registers_reset_to_pci_and_bios_is_visible",
                    pam_registers_reset_to_pci_and_bios_is_visible);
    g_test_add_func("/i440fx/smram_closed_shows_pci_and_open_shows_dram",
                    smram_closed_shows_pci_and_open_shows_dram);
    g_test_add_func("/i440fx/smram_lock_closes_and_survives_until_reset",
                    smram_lock_closes_and_survives_until_reset);
    g_test_add_func("/i440fx/info_mtree_shows_pam_and_smram_aliases",
                    info_mtree_shows_pam_and_smram_aliases);
    return g_test_run();
}
