/*
 * fw_cfg as SeaBIOS reads it: the signature and ID through the selector
 * and data ports, the standard items, the sorted file directory, etc/e820,
 * the SMBIOS anchor, a DMA transfer, and console redirection under
 * -nographic.
 */
#include <string.h>

#include "libqtest.h"

#define FW_CFG_CTL 0x510
#define FW_CFG_DATA 0x511
#define FW_CFG_DMA_HI 0x514
#define FW_CFG_DMA_LO 0x518

static void fw_cfg_read(QTestState *s, uint16_t key, void *buf, size_t len)
{
    uint8_t *p = buf;

    qtest_outw(s, FW_CFG_CTL, key);
    for (size_t i = 0; i < len; i++) {
        p[i] = qtest_inb(s, FW_CFG_DATA);
    }
}

static uint64_t fw_cfg_read_le(QTestState *s, uint16_t key, int len)
{
    uint8_t b[8] = { 0 };
    uint64_t v = 0;

    fw_cfg_read(s, key, b, len);
    for (int i = len - 1; i >= 0; i--) {
        v = v << 8 | b[i];
    }
    return v;
}

/* Finds a file in the directory: returns its selector and size. */
static bool fw_cfg_find_file(QTestState *s, const char *name, uint16_t *key, uint32_t *size)
{
    uint8_t be[4];
    uint32_t count;

    qtest_outw(s, FW_CFG_CTL, 0x19);
    for (int i = 0; i < 4; i++) {
        be[i] = qtest_inb(s, FW_CFG_DATA);
    }
    count = (uint32_t)be[0] << 24 | be[1] << 16 | be[2] << 8 | be[3];
    for (uint32_t f = 0; f < count; f++) {
        uint8_t e[64];
        for (int i = 0; i < 64; i++) {
            e[i] = qtest_inb(s, FW_CFG_DATA);
        }
        if (!strncmp((char *)e + 8, name, 56)) {
            *size = (uint32_t)e[0] << 24 | e[1] << 16 | e[2] << 8 | e[3];
            *key = e[4] << 8 | e[5];
            return true;
        }
    }
    return false;
}

static void fw_cfg_signature_and_id(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char sig[5] = { 0 };

    fw_cfg_read(s, 0x0000, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    /* Bit 0: traditional interface; bit 1: DMA. */
    g_assert_cmphex(fw_cfg_read_le(s, 0x0001, 4), ==, 0x3);
    /* Reading past the end of an item gives zeros. */
    qtest_outw(s, FW_CFG_CTL, 0x0000);
    for (int i = 0; i < 4; i++) {
        qtest_inb(s, FW_CFG_DATA);
    }
    g_assert_cmphex(qtest_inb(s, FW_CFG_DATA), ==, 0);
    qtest_quit(s);
}

static void fw_cfg_ram_size_and_cpu_items(void)
{
    QTestState *s = qtest_init("-nodefaults -m 96 -smp 3,maxcpus=4");

    g_assert_cmphex(fw_cfg_read_le(s, 0x0003, 8), ==, 96ULL << 20);
    g_assert_cmpuint(fw_cfg_read_le(s, 0x0005, 2), ==, 3);
    g_assert_cmpuint(fw_cfg_read_le(s, 0x000f, 2), ==, 4);
    g_assert_cmpuint(fw_cfg_read_le(s, 0x000e, 2), ==, 0);   /* no boot menu */
    qtest_quit(s);
}

static void fw_cfg_file_directory_is_sorted_and_complete(void)
{
    QTestState *s = qtest_init("-nodefaults");
    uint8_t be[4];
    uint32_t count;
    char prev[57] = "";
    bool e820 = false, tables = false, anchor = false;

    qtest_outw(s, FW_CFG_CTL, 0x19);
    for (int i = 0; i < 4; i++) {
        be[i] = qtest_inb(s, FW_CFG_DATA);
    }
    count = (uint32_t)be[0] << 24 | be[1] << 16 | be[2] << 8 | be[3];
    g_assert_cmpuint(count, >=, 3);
    for (uint32_t f = 0; f < count; f++) {
        uint8_t e[64];
        char name[57] = { 0 };
        for (int i = 0; i < 64; i++) {
            e[i] = qtest_inb(s, FW_CFG_DATA);
        }
        memcpy(name, e + 8, 56);
        g_test_message("file %u: %s (select %#x, %u bytes)", f, name, e[4] << 8 | e[5],
                       (uint32_t)e[0] << 24 | e[1] << 16 | e[2] << 8 | e[3]);
        g_assert_cmpint(strcmp(prev, name), <, 0);
        g_assert_cmpuint(e[4] << 8 | e[5], ==, 0x20 + f);
        strcpy(prev, name);
        e820 |= !strcmp(name, "etc/e820");
        tables |= !strcmp(name, "etc/smbios/smbios-tables");
        anchor |= !strcmp(name, "etc/smbios/smbios-anchor");
    }
    g_assert_true(e820 && tables && anchor);
    qtest_quit(s);
}

static void fw_cfg_e820_describes_ram_around_the_pci_hole(void)
{
    QTestState *s = qtest_init("-nodefaults -m 3840");
    uint16_t key;
    uint32_t size;
    uint8_t e[40];
    uint64_t a0 = 0, l0 = 0, a1 = 0, l1 = 0;

    g_assert_true(fw_cfg_find_file(s, "etc/e820", &key, &size));
    g_assert_cmpuint(size, ==, 40);
    fw_cfg_read(s, key, e, 40);
    for (int i = 7; i >= 0; i--) {
        a0 = a0 << 8 | e[i];
        l0 = l0 << 8 | e[8 + i];
        a1 = a1 << 8 | e[20 + i];
        l1 = l1 << 8 | e[28 + i];
    }
    g_assert_cmphex(a0, ==, 0);
    g_assert_cmphex(l0, ==, 0xc0000000ULL);
    g_assert_cmphex(a1, ==, 0x100000000ULL);
    g_assert_cmphex(l1, ==, 768ULL << 20);
    g_assert_cmpuint(e[16], ==, 1);          /* E820_RAM */
    qtest_quit(s);
}

static void fw_cfg_smbios_anchor_is_an_sm_entry_point(void)
{
    QTestState *s = qtest_init("-nodefaults");
    uint16_t key;
    uint32_t size;
    uint8_t ep[31];

    g_assert_true(fw_cfg_find_file(s, "etc/smbios/smbios-anchor", &key, &size));
    g_assert_cmpuint(size, ==, 31);
    fw_cfg_read(s, key, ep, sizeof(ep));
    g_assert_cmpmem(ep, 4, "_SM_", 4);
    g_assert_cmpmem(ep + 16, 5, "_DMI_", 5);
    g_assert_cmpuint(ep[6], ==, 2);
    g_assert_cmpuint(ep[7], ==, 8);
    qtest_quit(s);
}

static void fw_cfg_dma_reads_an_item_into_guest_memory(void)
{
    QTestState *s = qtest_init("-nodefaults -m 64");
    const uint64_t desc = 0x1000, buf = 0x2000;
    uint8_t d[16];
    char sig[5] = { 0 };
    uint32_t control = (0x0000u << 16) | 0x08 | 0x02;   /* select key 0, read */

    /* DMA signature: "QEMU CFG" big-endian at 0x514. */
    g_assert_cmphex(qtest_inl(s, FW_CFG_DMA_HI), ==, 0x554d4551);  /* "QEMU" as LE bytes */
    memset(d, 0, sizeof(d));
    d[0] = control >> 24; d[1] = control >> 16; d[2] = control >> 8; d[3] = control;
    d[7] = 6;                                            /* length 6 (2 past the end) */
    for (int i = 0; i < 8; i++) {
        d[8 + i] = buf >> (56 - 8 * i);
    }
    qtest_memwrite(s, desc, d, sizeof(d));
    qtest_memset(s, buf, 0xaa, 8);
    qtest_outl(s, FW_CFG_DMA_HI, 0);
    qtest_outl(s, FW_CFG_DMA_LO, __builtin_bswap32((uint32_t)desc));
    qtest_memread(s, buf, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    /* Past the end of the item: zeros; beyond the length: untouched. */
    g_assert_cmphex(qtest_readw(s, buf + 4), ==, 0x0000);
    g_assert_cmphex(qtest_readw(s, buf + 6), ==, 0xaaaa);
    /* Completed: control reads 0. */
    g_assert_cmphex(qtest_readl(s, desc), ==, 0);
    qtest_quit(s);
}

static void fw_cfg_dma_write_to_read_only_item_reports_error(void)
{
    QTestState *s = qtest_init("-nodefaults -m 64");
    uint8_t d[16] = { 0 };
    uint32_t control = (0x0000u << 16) | 0x08 | 0x10;   /* select key 0, write */

    d[0] = control >> 24; d[1] = control >> 16; d[2] = control >> 8; d[3] = control;
    d[7] = 4;
    d[14] = 0x20;                                        /* address 0x2000 */
    qtest_memwrite(s, 0x1000, d, sizeof(d));
    qtest_outl(s, FW_CFG_DMA_HI, 0);
    qtest_outl(s, FW_CFG_DMA_LO, __builtin_bswap32(0x1000));
    g_assert_cmphex(qtest_readl(s, 0x1000), ==, __builtin_bswap32(1));   /* error bit */
    qtest_quit(s);
}

static void fw_cfg_nographic_redirects_the_bios_console(void)
{
    QTestState *s = qtest_init("-nodefaults -nographic");
    uint16_t key;
    uint32_t size;

    g_assert_true(fw_cfg_find_file(s, "etc/sercon-port", &key, &size));
    g_assert_cmpuint(size, ==, 2);
    g_assert_cmphex(fw_cfg_read_le(s, key, 2), ==, 0x3f8);
    g_assert_cmpuint(fw_cfg_read_le(s, 0x0004, 2), ==, 1);   /* NOGRAPHIC */
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fw_cfg/signature_and_id", fw_cfg_signature_and_id);
    g_test_add_func("/fw_cfg/ram_size_and_cpu_items", fw_cfg_ram_size_and_cpu_items);
    g_test_add_func("/fw_cfg/file_directory_is_sorted_and_complete",
                    fw_cfg_file_directory_is_sorted_and_complete);
    g_test_add_func("/fw_cfg/e820_describes_ram_around_the_pci_hole",
                    fw_cfg_e820_describes_ram_around_the_pci_hole);
    g_test_add_func("/fw_cfg/smbios_anchor_is_an_sm_entry_point",
                    fw_cfg_smbios_anchor_is_an_sm_entry_point);
    g_test_add_func("/fw_cfg/dma_reads_an_item_into_guest_memory",
                    fw_cfg_dma_reads_an_item_into_guest_memory);
    g_test_add_func("/fw_cfg/dma_write_to_read_only_item_reports_error",
                    fw_cfg_dma_write_to_read_only_item_reports_error);
    g_test_add_func("/fw_cfg/nographic_redirects_the_bios_console",
                    fw_cfg_nographic_redirects_the_bios_console);
    return g_test_run();
}
