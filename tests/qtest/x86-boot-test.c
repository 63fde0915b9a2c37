/*
 * -kernel/-initrd/-append on the pc machine: the fw_cfg items the option
 * ROMs read (hw/i386/x86-boot.c) hold what the kernel's header says, for
 * a Linux bzImage (boot protocol 2.x setup header) and multiboot kernels
 * (ELF and a.out kludge, with modules); bad input is a one-line error.
 * The kernels are small synthetic images written by the test.
 */
#include <string.h>
#include <sys/wait.h>

#include "libqtest.h"

#define FW_CFG_CTL  0x510
#define FW_CFG_DATA 0x511

#define FW_CFG_KERNEL_ADDR   0x07
#define FW_CFG_KERNEL_SIZE   0x08
#define FW_CFG_INITRD_ADDR   0x0a
#define FW_CFG_INITRD_SIZE   0x0b
#define FW_CFG_KERNEL_ENTRY  0x10
#define FW_CFG_KERNEL_DATA   0x11
#define FW_CFG_INITRD_DATA   0x12
#define FW_CFG_CMDLINE_ADDR  0x13
#define FW_CFG_CMDLINE_SIZE  0x14
#define FW_CFG_CMDLINE_DATA  0x15
#define FW_CFG_SETUP_ADDR    0x16
#define FW_CFG_SETUP_SIZE    0x17
#define FW_CFG_SETUP_DATA    0x18
#define FW_CFG_FILE_DIR      0x19

static void fw_cfg_read(QTestState *s, uint16_t key, void *buf, size_t len)
{
    uint8_t *p = buf;

    qtest_outw(s, FW_CFG_CTL, key);
    for (size_t i = 0; i < len; i++) {
        p[i] = qtest_inb(s, FW_CFG_DATA);
    }
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static uint32_t fw_cfg_u32(QTestState *s, uint16_t key)
{
    uint8_t b[4];

    fw_cfg_read(s, key, b, 4);
    return le32(b);
}

/* A file's contents (g_free), or NULL if the directory has no such file. */
static uint8_t *fw_cfg_file(QTestState *s, const char *name, uint32_t *size)
{
    uint8_t be[4];
    uint32_t count;

    fw_cfg_read(s, FW_CFG_FILE_DIR, be, 4);
    count = (uint32_t)be[0] << 24 | be[1] << 16 | be[2] << 8 | be[3];
    for (uint32_t f = 0; f < count; f++) {
        uint8_t e[64];
        for (int i = 0; i < 64; i++) {
            e[i] = qtest_inb(s, FW_CFG_DATA);
        }
        if (!strncmp((char *)e + 8, name, 56)) {
            uint16_t key = e[4] << 8 | e[5];
            uint8_t *data;
            *size = (uint32_t)e[0] << 24 | e[1] << 16 | e[2] << 8 | e[3];
            data = g_malloc(*size + 1);
            fw_cfg_read(s, key, data, *size);
            data[*size] = 0;
            return data;
        }
    }
    return NULL;
}

static char *write_temp(const void *data, size_t len)
{
    GError *err = NULL;
    char *path = NULL;
    int fd = g_file_open_tmp("q86-x86-boot-XXXXXX", &path, &err);

    g_assert_no_error(err);
    close(fd);
    g_assert_true(g_file_set_contents(path, data, len, &err));
    return path;
}

static void fill_pattern(uint8_t *p, size_t len, unsigned seed)
{
    for (size_t i = 0; i < len; i++) {
        p[i] = (uint8_t)(i * 7 + seed + (i >> 8));
    }
}

static void check_option_rom(QTestState *s, const char *name)
{
    char *file = g_strdup_printf("genroms/%s", name);
    char *order = g_strdup_printf("/rom@genroms/%s", name);
    uint32_t size = 0;
    uint8_t *rom = fw_cfg_file(s, file, &size);
    uint8_t *boot;

    g_assert_nonnull(rom);
    g_assert_cmpuint(size, >=, 512);
    g_assert_cmphex(rom[0], ==, 0x55);
    g_assert_cmphex(rom[1], ==, 0xaa);
    boot = fw_cfg_file(s, "bootorder", &size);
    g_assert_nonnull(boot);
    g_assert_nonnull(strstr((char *)boot, order));   /* the ROM boots first */
    g_free(rom);
    g_free(boot);
    g_free(file);
    g_free(order);
}

/* ---- Linux ---- */

#define SETUP_SECTS 4
#define SETUP_SIZE ((SETUP_SECTS + 1) * 512)
#define PROT_SIZE 6000
#define INITRD_LEN 5000

static void linux_items_follow_the_setup_header(void)
{
    static uint8_t image[SETUP_SIZE + PROT_SIZE];
    static uint8_t initrd[INITRD_LEN];
    const char *cmdline = "console=ttyS0 root=/dev/ram0 quiet";
    uint8_t setup[SETUP_SIZE], prot[PROT_SIZE], got_initrd[INITRD_LEN];
    char got_cmdline[64];
    uint32_t initrd_addr, cmdline_addr;
    char *kernel, *rd;
    QTestState *s;

    fill_pattern(image, sizeof(image), 1);
    fill_pattern(initrd, sizeof(initrd), 2);
    image[0x1f1] = SETUP_SECTS;
    put16(image + 0x1fa, 0x1234);             /* vid_mode: the loader writes it */
    put16(image + 0x1fe, 0xaa55);
    memcpy(image + 0x202, "HdrS", 4);
    put16(image + 0x206, 0x020f);             /* protocol 2.15 */
    image[0x210] = 0;
    image[0x211] = 0x01;                      /* LOADED_HIGH */
    put32(image + 0x218, 0);
    put32(image + 0x21c, 0);
    put32(image + 0x228, 0);
    put32(image + 0x22c, 0x07ffffff);         /* initrd_addr_max: 128 MiB */
    put32(image + 0x238, 2047);               /* cmdline_size */
    kernel = write_temp(image, sizeof(image));
    rd = write_temp(initrd, sizeof(initrd));

    s = qtest_initf("-nodefaults -m 256 -kernel %s -initrd %s -append '%s'", kernel, rd, cmdline);
    g_assert_cmphex(fw_cfg_u32(s, FW_CFG_SETUP_ADDR), ==, 0x10000);
    g_assert_cmpuint(fw_cfg_u32(s, FW_CFG_SETUP_SIZE), ==, SETUP_SIZE);
    g_assert_cmphex(fw_cfg_u32(s, FW_CFG_KERNEL_ADDR), ==, 0x100000);
    g_assert_cmpuint(fw_cfg_u32(s, FW_CFG_KERNEL_SIZE), ==, PROT_SIZE);
    fw_cfg_read(s, FW_CFG_KERNEL_DATA, prot, sizeof(prot));
    g_assert_cmpmem(prot, sizeof(prot), image + SETUP_SIZE, PROT_SIZE);

    cmdline_addr = fw_cfg_u32(s, FW_CFG_CMDLINE_ADDR);
    g_assert_cmpuint(fw_cfg_u32(s, FW_CFG_CMDLINE_SIZE), ==, strlen(cmdline) + 1);
    fw_cfg_read(s, FW_CFG_CMDLINE_DATA, got_cmdline, strlen(cmdline) + 1);
    g_assert_cmpstr(got_cmdline, ==, cmdline);
    /* The ROM's stack sits below the command line, in the setup's 64 KiB. */
    g_assert_cmphex(cmdline_addr, >, 0x10000 + SETUP_SIZE);
    g_assert_cmphex(cmdline_addr - 0x10000, <=, 0x10000);

    initrd_addr = fw_cfg_u32(s, FW_CFG_INITRD_ADDR);
    g_assert_cmpuint(fw_cfg_u32(s, FW_CFG_INITRD_SIZE), ==, INITRD_LEN);
    g_assert_cmphex(initrd_addr & 0xfff, ==, 0);
    g_assert_cmphex(initrd_addr, >=, 0x100000 + PROT_SIZE);
    g_assert_cmphex(initrd_addr + INITRD_LEN - 1, <=, 0x07ffffff);   /* initrd_addr_max */
    /* RAM reaches beyond initrd_addr_max: the initrd ends in its page, where
     * linuxboot_dma.bin leaves it (it moves it to the top of RAM otherwise). */
    g_assert_cmphex((initrd_addr + INITRD_LEN) & ~0xfffu, ==, 0x07fff000);
    fw_cfg_read(s, FW_CFG_INITRD_DATA, got_initrd, sizeof(got_initrd));
    g_assert_cmpmem(got_initrd, sizeof(got_initrd), initrd, INITRD_LEN);

    /* The setup part with the loader's fields filled in (boot.rst). */
    fw_cfg_read(s, FW_CFG_SETUP_DATA, setup, sizeof(setup));
    g_assert_cmphex(setup[0x210], ==, 0xb0);             /* type_of_loader */
    g_assert_cmphex(setup[0x211], ==, 0x81);             /* LOADED_HIGH | CAN_USE_HEAP */
    g_assert_cmphex(setup[0x1fa] | setup[0x1fb] << 8, ==, 0xffff);   /* vid_mode normal */
    g_assert_cmphex(le32(setup + 0x228), ==, cmdline_addr);          /* cmd_line_ptr */
    g_assert_cmphex(le32(setup + 0x218), ==, initrd_addr);           /* ramdisk_image */
    g_assert_cmpuint(le32(setup + 0x21c), ==, INITRD_LEN);           /* ramdisk_size */
    g_assert_cmphex(setup[0x224] | setup[0x225] << 8, ==, cmdline_addr - 0x10000 - 0x200);
    g_assert_cmpmem(setup, 0x1f0, image, 0x1f0);                     /* the rest as is */
    g_assert_cmpmem(setup + 0x240, SETUP_SIZE - 0x240, image + 0x240, SETUP_SIZE - 0x240);
    check_option_rom(s, "linuxboot_dma.bin");
    qtest_quit(s);
    unlink(kernel);
    unlink(rd);
    g_free(kernel);
    g_free(rd);
}

/* ---- Multiboot ---- */

#define MB_MAGIC 0x1badb002u

static void put_mb_header(uint8_t *p, uint32_t flags)
{
    put32(p, MB_MAGIC);
    put32(p + 4, flags);
    put32(p + 8, -(MB_MAGIC + flags));
}

/* Reads the NUL-terminated string at guest address @addr inside the info block. */
static const char *info_string(const uint8_t *info, uint32_t info_addr, uint32_t info_size,
                               uint32_t addr)
{
    g_assert_cmphex(addr, >=, info_addr);
    g_assert_cmphex(addr, <, info_addr + info_size);
    g_assert_nonnull(memchr(info + (addr - info_addr), 0, info_size - (addr - info_addr)));
    return (const char *)info + (addr - info_addr);
}

static void multiboot_elf_with_modules(void)
{
    static uint8_t elf[0x1100];
    static uint8_t mod_a[100], mod_b[5000];
    uint8_t *ph = elf + 52, *info, *kdata;
    uint32_t kaddr, ksize, iaddr, isize, mods, mmap_addr;
    char *kernel, *pa, *pb, *modspec, *expect;
    QTestState *s;

    /* ELF header: 32-bit LE i386 executable, one PT_LOAD at paddr 1 MiB,
     * vaddr 0xc0100000 (the entry must be translated). */
    memcpy(elf, "\177ELF\1\1\1", 7);
    put16(elf + 16, 2);
    put16(elf + 18, 3);
    put32(elf + 20, 1);
    put32(elf + 24, 0xc0100020);              /* e_entry */
    put32(elf + 28, 52);                      /* e_phoff */
    put16(elf + 40, 52);
    put16(elf + 42, 32);                      /* e_phentsize */
    put16(elf + 44, 1);                       /* e_phnum */
    put32(ph + 0, 1);                         /* PT_LOAD */
    put32(ph + 4, 0x1000);                    /* p_offset */
    put32(ph + 8, 0xc0100000);
    put32(ph + 12, 0x100000);                 /* p_paddr */
    put32(ph + 16, 0x100);                    /* p_filesz */
    put32(ph + 20, 0x3000);                   /* p_memsz: BSS after it */
    fill_pattern(elf + 0x1000, 0x100, 3);
    put_mb_header(elf + 0x1004, 0x3);         /* page-align modules, memory info */
    kernel = write_temp(elf, sizeof(elf));
    fill_pattern(mod_a, sizeof(mod_a), 4);
    fill_pattern(mod_b, sizeof(mod_b), 5);
    pa = write_temp(mod_a, sizeof(mod_a));
    pb = write_temp(mod_b, sizeof(mod_b));
    modspec = g_strdup_printf("%s first,,module,%s", pa, pb);

    s = qtest_initf("-nodefaults -m 64 -kernel %s -append 'loglevel=3 x' -initrd '%s'",
                    kernel, modspec);
    kaddr = fw_cfg_u32(s, FW_CFG_KERNEL_ADDR);
    ksize = fw_cfg_u32(s, FW_CFG_KERNEL_SIZE);
    g_assert_cmphex(kaddr, ==, 0x100000);
    g_assert_cmphex(fw_cfg_u32(s, FW_CFG_KERNEL_ENTRY), ==, 0x100020);
    g_assert_cmpuint(ksize, >=, 0x3000);
    kdata = g_malloc(ksize);
    fw_cfg_read(s, FW_CFG_KERNEL_DATA, kdata, ksize);
    g_assert_cmpmem(kdata, 0x100, elf + 0x1000, 0x100);
    for (uint32_t i = 0x100; i < 0x3000; i++) {
        g_assert_cmphex(kdata[i], ==, 0);     /* BSS */
    }

    /* The information block: read in real mode, so below 1 MiB. */
    iaddr = fw_cfg_u32(s, FW_CFG_INITRD_ADDR);
    isize = fw_cfg_u32(s, FW_CFG_INITRD_SIZE);
    g_assert_cmphex(iaddr & 0xf, ==, 0);
    g_assert_cmphex(iaddr + isize, <, 0xa0000);
    g_assert_cmpuint(isize, >=, 52);
    info = g_malloc(isize);
    fw_cfg_read(s, FW_CFG_INITRD_DATA, info, isize);
    g_assert_cmphex(le32(info) & 0x4d, ==, 0x4d);          /* MEMORY CMDLINE MODS MMAP */
    expect = g_strdup_printf("%s loglevel=3 x", kernel);
    g_assert_cmpstr(info_string(info, iaddr, isize, le32(info + 16)), ==, expect);
    g_free(expect);
    g_assert_cmpuint(le32(info + 20), ==, 2);              /* mods_count */
    mods = le32(info + 24);
    g_assert_cmphex(mods, >=, iaddr);
    g_assert_cmphex(mods + 32, <=, iaddr + isize);
    for (int m = 0; m < 2; m++) {
        const uint8_t *e = info + (mods - iaddr) + 16 * m;
        uint32_t start = le32(e), end = le32(e + 4);
        const uint8_t *want = m ? mod_b : mod_a;
        size_t want_len = m ? sizeof(mod_b) : sizeof(mod_a);

        g_assert_cmphex(start & 0xfff, ==, 0);
        g_assert_cmphex(start, >=, kaddr + 0x3000);
        g_assert_cmpuint(end - start, ==, want_len);
        g_assert_cmphex(end, <=, kaddr + ksize);
        g_assert_cmpmem(kdata + (start - kaddr), want_len, want, want_len);
        expect = m ? g_strdup(pb) : g_strdup_printf("%s first,module", pa);
        g_assert_cmpstr(info_string(info, iaddr, isize, le32(e + 8)), ==, expect);
        g_free(expect);
    }
    /* The E820 buffer the ROM fills: aligned, below 1 MiB, not over the block. */
    mmap_addr = le32(info + 48);
    g_assert_cmphex(mmap_addr & 0xf, ==, 0);
    g_assert_cmphex(mmap_addr, <, 0xa0000);
    g_assert_true(mmap_addr >= iaddr + isize || mmap_addr + 0x400 <= iaddr);
    check_option_rom(s, "multiboot_dma.bin");
    qtest_quit(s);

    g_free(info);
    g_free(kdata);
    g_free(modspec);
    unlink(kernel);
    unlink(pa);
    unlink(pb);
    g_free(kernel);
    g_free(pa);
    g_free(pb);
}

static void multiboot_aout_kludge_uses_the_address_fields(void)
{
    static uint8_t image[0x600];
    uint8_t kdata[0x1000];
    char *kernel;
    QTestState *s;

    fill_pattern(image, sizeof(image), 6);
    put_mb_header(image + 0x40, 0x10000);
    put32(image + 0x40 + 12, 0x200040);       /* header_addr */
    put32(image + 0x40 + 16, 0x200000);       /* load_addr: file offset 0 */
    put32(image + 0x40 + 20, 0x200400);       /* load_end_addr */
    put32(image + 0x40 + 24, 0x201000);       /* bss_end_addr */
    put32(image + 0x40 + 28, 0x200080);       /* entry_addr */
    kernel = write_temp(image, sizeof(image));

    s = qtest_initf("-nodefaults -kernel %s", kernel);
    g_assert_cmphex(fw_cfg_u32(s, FW_CFG_KERNEL_ADDR), ==, 0x200000);
    g_assert_cmphex(fw_cfg_u32(s, FW_CFG_KERNEL_SIZE), ==, 0x1000);
    g_assert_cmphex(fw_cfg_u32(s, FW_CFG_KERNEL_ENTRY), ==, 0x200080);
    fw_cfg_read(s, FW_CFG_KERNEL_DATA, kdata, sizeof(kdata));
    g_assert_cmpmem(kdata, 0x400, image, 0x400);
    for (int i = 0x400; i < 0x1000; i++) {
        g_assert_cmphex(kdata[i], ==, 0);
    }
    qtest_quit(s);
    unlink(kernel);
    g_free(kernel);
}

/* ---- bad input ---- */

/* Runs the emulator to its exit; asserts a non-zero status and one stderr line with @what. */
static void expect_one_line_error(const char *args, const char *what)
{
    const char *bin = getenv("QTEST_QEMU_BINARY");
    char *cmd = g_strdup_printf("%s -M pc -accel qtest -display none -nodefaults %s", bin, args);
    char *out = NULL, *err = NULL;
    GError *gerr = NULL;
    int status = 0;

    g_assert_true(g_spawn_command_line_sync(cmd, &out, &err, &status, &gerr));
    g_assert_no_error(gerr);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), !=, 0);
    g_assert_nonnull(strstr(err, what));
    g_assert_nonnull(strchr(err, '\n'));
    g_assert_cmpstr(strchr(err, '\n') + 1, ==, "");    /* exactly one line */
    g_free(cmd);
    g_free(out);
    g_free(err);
}

static void bad_kernels_are_one_line_errors(void)
{
    static uint8_t junk[4096];
    static uint8_t mb[64];
    char *junk_path, *mb_path, *args;

    fill_pattern(junk, sizeof(junk), 7);
    junk_path = write_temp(junk, sizeof(junk));
    put_mb_header(mb, 0x10000);               /* a.out kludge, addresses missing */
    mb_path = write_temp(mb, 16);

    expect_one_line_error("-kernel /nonexistent/vmlinuz", "-kernel");
    args = g_strdup_printf("-kernel %s", junk_path);
    expect_one_line_error(args, "-kernel");
    g_free(args);
    args = g_strdup_printf("-kernel %s", mb_path);
    expect_one_line_error(args, "multiboot");
    g_free(args);
    expect_one_line_error("-initrd /etc/hostname", "-initrd");
    expect_one_line_error("-append quiet", "-append");
    unlink(junk_path);
    unlink(mb_path);
    g_free(junk_path);
    g_free(mb_path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86-boot/linux_items_follow_the_setup_header",
                    linux_items_follow_the_setup_header);
    g_test_add_func("/x86-boot/multiboot_elf_with_modules", multiboot_elf_with_modules);
    g_test_add_func("/x86-boot/multiboot_aout_kludge_uses_the_address_fields",
                    multiboot_aout_kludge_uses_the_address_fields);
    g_test_add_func("/x86-boot/bad_kernels_are_one_line_errors", bad_kernels_are_one_line_errors);
    return g_test_run();
}
