/*
 * -kernel / -initrd / -append for the PC.
 *
 * Nothing is written into guest RAM here: like QEMU's pc, the machine puts
 * the pieces in fw_cfg items and adds an option ROM (from Debian's
 * qemu-system-data, found on the -L search path like the BIOS) as
 * "genroms/<name>", which SeaBIOS runs and boots first ("bootorder").
 * The ROM reads the items and starts the kernel.  The item contract, as
 * those ROMs read it:
 *
 *   Linux (linuxboot_dma.bin): SETUP_ADDR/SIZE/DATA is the real-mode part
 *   (boot sector + setup, header filled in); KERNEL_ADDR/SIZE/DATA the
 *   protected-mode part; INITRD_*; CMDLINE_ADDR/SIZE/DATA (NUL included).
 *   The ROM jumps to (SETUP_ADDR >> 4) + 0x20 : 0 with the stack just below
 *   CMDLINE_ADDR, and may move the initrd to the top of RAM (it patches
 *   ramdisk_image itself then).
 *
 *   Multiboot (multiboot_dma.bin): INITRD_ADDR/SIZE/DATA is the multiboot
 *   information block (the ROM reads it in real mode, so below 1 MiB), with
 *   mmap_addr pointing at a free 16-byte aligned buffer where the ROM
 *   stores the BIOS's E820 map, and mem_lower/mem_upper filled by the ROM;
 *   KERNEL_ADDR/SIZE/DATA is the kernel image followed by its modules;
 *   KERNEL_ENTRY the entry point (EAX = 0x2BADB002, EBX = the info block).
 *
 * Formats: the Multiboot Specification 0.6.96 (header in the first 8 KiB,
 * ELF or the a.out-kludge address fields) and the Linux x86 boot protocol
 * (Documentation/arch/x86/boot.rst), 2.02 and later.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hw/boards.h"
#include "hw/i386/x86-boot.h"

/* ---- little-endian access to byte buffers ---- */

static uint16_t get_le16(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static void *memdup(const void *src, size_t len)
{
    void *p = g_malloc(len ? len : 1);

    memcpy(p, src, len);
    return p;
}

/* Grows @a to @len bytes, the new ones zero. */
static void byte_array_grow_zeroed(GByteArray *a, size_t len)
{
    size_t old = a->len;

    g_byte_array_set_size(a, len);
    if (len > old) {
        memset(a->data + old, 0, len - old);
    }
}

/* ---- Multiboot (spec 0.6.96, sections 3.1 and 3.3) ---- */

#define MB_HEADER_MAGIC     0x1badb002u
#define MB_SEARCH_LEN       8192
#define MB_FLAG_PAGE_ALIGN  (1u << 0)
#define MB_FLAG_MEMORY_INFO (1u << 1)
#define MB_FLAG_VIDEO_MODE  (1u << 2)
#define MB_FLAG_AOUT_KLUDGE (1u << 16)
/* Bits 0-15 are requirements: a loader that does not know one must refuse. */
#define MB_FLAGS_KNOWN      (MB_FLAG_PAGE_ALIGN | MB_FLAG_MEMORY_INFO | MB_FLAG_VIDEO_MODE)

/* multiboot_info fields (offsets) and flags */
#define MBI_FLAGS        0
#define MBI_MEM_LOWER    4
#define MBI_MEM_UPPER    8
#define MBI_CMDLINE      16
#define MBI_MODS_COUNT   20
#define MBI_MODS_ADDR    24
#define MBI_MMAP_LENGTH  44
#define MBI_MMAP_ADDR    48
#define MBI_LOADER_NAME  64
#define MBI_SIZE         88      /* up to the VBE fields */
#define MBI_F_MEMORY     (1u << 0)
#define MBI_F_CMDLINE    (1u << 2)
#define MBI_F_MODS       (1u << 3)
#define MBI_F_MMAP       (1u << 6)
#define MBI_F_LOADER_NAME (1u << 9)
#define MB_MODULE_SIZE   16      /* mod_start, mod_end, string, reserved */

/*
 * The information block sits in conventional memory the BIOS leaves free
 * at boot time (0x7e00 up to the EBDA); 16-byte aligned, since the ROM
 * addresses it and the E820 buffer through real-mode segments.
 */
#define MB_BOOTINFO_ADDR 0x9000u
#define MB_BOOTINFO_END  0x80000u
#define MB_MMAP_BUF_SIZE 0x600u  /* 64 E820 entries of 24 bytes */

/* Kernels load above the first MiB: below it are the BIOS, the option ROM and the info block. */
#define MB_LOWEST_LOAD 0x100000u

#define ELF_PT_LOAD 1
#define ELF_EM_386  3

typedef struct LoadedImage {
    uint32_t load_addr;          /* physical address of data[0] */
    uint32_t entry;
    GByteArray *data;            /* the image as it lies in memory, BSS included */
} LoadedImage;

/* Offset of the multiboot header in @buf, or -1. */
static long multiboot_find_header(const uint8_t *buf, size_t len)
{
    size_t limit = MIN(len, (size_t)MB_SEARCH_LEN);

    for (size_t off = 0; off + 12 <= limit; off += 4) {
        uint32_t magic = get_le32(buf + off), flags = get_le32(buf + off + 4);
        if (magic == MB_HEADER_MAGIC && magic + flags + get_le32(buf + off + 8) == 0) {
            return (long)off;
        }
    }
    return -1;
}

/* The a.out kludge: the header's address fields say what to load where (3.1.3). */
static bool multiboot_load_aout(const uint8_t *buf, size_t len, size_t hdr, LoadedImage *img,
                                char **errp)
{
    uint32_t header_addr, load_addr, load_end_addr, bss_end_addr;
    uint64_t file_off, load_size, mem_size;

    if (hdr + 32 > len) {
        *errp = g_strdup("multiboot: header truncated (the a.out kludge needs 32 bytes)");
        return false;
    }
    header_addr = get_le32(buf + hdr + 12);
    load_addr = get_le32(buf + hdr + 16);
    load_end_addr = get_le32(buf + hdr + 20);
    bss_end_addr = get_le32(buf + hdr + 24);
    if (header_addr < load_addr || header_addr - load_addr > hdr) {
        *errp = g_strdup_printf("multiboot: header_addr %#x and load_addr %#x do not match the "
                                "header's offset %#zx", header_addr, load_addr, hdr);
        return false;
    }
    file_off = hdr - (header_addr - load_addr);
    load_size = load_end_addr ? (uint64_t)load_end_addr - load_addr : len - file_off;
    if (load_end_addr && load_end_addr < load_addr) {
        *errp = g_strdup_printf("multiboot: load_end_addr %#x below load_addr %#x",
                                load_end_addr, load_addr);
        return false;
    }
    if (file_off + load_size > len) {
        *errp = g_strdup_printf("multiboot: load_end_addr %#x is beyond the end of the file",
                                load_end_addr);
        return false;
    }
    mem_size = load_size;
    if (bss_end_addr) {
        if (bss_end_addr < load_addr + load_size) {
            *errp = g_strdup_printf("multiboot: bss_end_addr %#x below the loaded image",
                                    bss_end_addr);
            return false;
        }
        mem_size = (uint64_t)bss_end_addr - load_addr;
    }
    img->load_addr = load_addr;
    img->entry = get_le32(buf + hdr + 28);
    img->data = g_byte_array_sized_new(mem_size);
    g_byte_array_append(img->data, buf + file_off, load_size);
    byte_array_grow_zeroed(img->data, mem_size);
    return true;
}

/* A 32-bit little-endian i386 ELF: its PT_LOAD segments at their physical addresses. */
static bool multiboot_load_elf(const uint8_t *buf, size_t len, LoadedImage *img, char **errp)
{
    uint32_t phoff, entry;
    uint16_t phentsize, phnum;
    uint64_t lo = UINT64_MAX, hi = 0;

    if (len < 52 || memcmp(buf, "\177ELF", 4) != 0) {
        *errp = g_strdup("multiboot: not an ELF file and the header has no address fields "
                         "(flag bit 16)");
        return false;
    }
    if (buf[4] != 1 || buf[5] != 1 || get_le16(buf + 18) != ELF_EM_386) {
        *errp = g_strdup("multiboot: only 32-bit little-endian i386 ELF kernels can be loaded");
        return false;
    }
    entry = get_le32(buf + 24);
    img->entry = entry;
    phoff = get_le32(buf + 28);
    phentsize = get_le16(buf + 42);
    phnum = get_le16(buf + 44);
    if (phentsize < 32 || (uint64_t)phoff + (uint64_t)phnum * phentsize > len) {
        *errp = g_strdup("multiboot: ELF program headers out of the file");
        return false;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < phnum; i++) {
            const uint8_t *ph = buf + phoff + (size_t)i * phentsize;
            uint32_t offset = get_le32(ph + 4), vaddr = get_le32(ph + 8);
            uint32_t paddr = get_le32(ph + 12), filesz = get_le32(ph + 16);
            uint32_t memsz = get_le32(ph + 20);

            if (get_le32(ph) != ELF_PT_LOAD || memsz == 0) {
                continue;
            }
            if (pass == 0) {
                if (filesz > memsz || (uint64_t)offset + filesz > len) {
                    *errp = g_strdup_printf("multiboot: ELF segment %u out of the file", i);
                    return false;
                }
                lo = MIN(lo, paddr);
                hi = MAX(hi, (uint64_t)paddr + memsz);
                /* The entry is a virtual address: translate it with its segment. */
                if (entry >= vaddr && entry - vaddr < memsz) {
                    img->entry = paddr + (entry - vaddr);
                }
            } else {
                memcpy(img->data->data + (paddr - lo), buf + offset, filesz);
            }
        }
        if (pass == 0) {
            if (lo == UINT64_MAX) {
                *errp = g_strdup("multiboot: the ELF file has no loadable segment");
                return false;
            }
            if (hi > 0x100000000ULL) {
                *errp = g_strdup("multiboot: ELF segments beyond 4 GiB");
                return false;
            }
            img->load_addr = lo;
            img->data = g_byte_array_sized_new(hi - lo);
            byte_array_grow_zeroed(img->data, hi - lo);
        }
    }
    return true;
}

/*
 * Splits -initrd for multiboot: modules separated by ',', ",," standing for
 * a comma; each is "FILE [ARGS]", and the whole text is the module's string.
 */
static GPtrArray *multiboot_split_modules(const char *spec)
{
    GPtrArray *mods = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);

    for (const char *p = spec; ; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',' || *p == '\0') {
            g_ptr_array_add(mods, g_string_free(cur, FALSE));
            if (*p == '\0') {
                break;
            }
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *p);
        }
    }
    return mods;
}

static uint32_t align_up(uint64_t v, uint32_t a)
{
    return (v + a - 1) & ~(uint64_t)(a - 1);
}

static bool add_option_rom(FWCfgState *fw, const char *name, char **errp);

static bool multiboot_setup(FWCfgState *fw, const uint8_t *buf, size_t len, size_t hdr,
                            uint64_t below_4g, char **errp)
{
    uint32_t flags = get_le32(buf + hdr + 4);
    LoadedImage img = { 0 };
    GPtrArray *mods = NULL;
    GByteArray *info;
    GString *strings;
    uint32_t nmods, strings_addr, mmap_addr, info_size, image_end;
    uint8_t *mbi;
    char *cmdline;
    bool ok = false;

    if (flags & 0xffff & ~MB_FLAGS_KNOWN) {
        *errp = g_strdup_printf("multiboot: the kernel requires features this loader lacks "
                                "(header flags %#x)", flags);
        return false;
    }
    if (flags & MB_FLAG_AOUT_KLUDGE) {
        ok = multiboot_load_aout(buf, len, hdr, &img, errp);
    } else {
        ok = multiboot_load_elf(buf, len, &img, errp);
    }
    if (!ok) {
        goto out;
    }
    ok = false;
    if (img.load_addr < MB_LOWEST_LOAD) {
        *errp = g_strdup_printf("multiboot: load address %#x is below 1 MiB (not supported)",
                                img.load_addr);
        goto out;
    }
    if ((uint64_t)img.load_addr + img.data->len > below_4g) {
        *errp = g_strdup_printf("multiboot: the kernel (%#x + %#x bytes) does not fit in %"
                                PRIu64 " MiB of RAM", img.load_addr, img.data->len,
                                below_4g >> 20);
        goto out;
    }

    /* Modules follow the image, each on a page boundary (flag bit 0 or not). */
    mods = hw_options.initrd_filename ? multiboot_split_modules(hw_options.initrd_filename)
                                      : g_ptr_array_new_with_free_func(g_free);
    nmods = mods->len;
    cmdline = hw_options.kernel_cmdline && *hw_options.kernel_cmdline
              ? g_strdup_printf("%s %s", hw_options.kernel_filename, hw_options.kernel_cmdline)
              : g_strdup(hw_options.kernel_filename);

    /* The information block: mbi, module list, strings, then the E820 buffer. */
    strings_addr = MB_BOOTINFO_ADDR + MBI_SIZE + nmods * MB_MODULE_SIZE;
    strings = g_string_new(NULL);
    info = g_byte_array_new();
    byte_array_grow_zeroed(info, MBI_SIZE + nmods * MB_MODULE_SIZE);

    g_string_append_len(strings, cmdline, strlen(cmdline) + 1);
    g_free(cmdline);
    for (uint32_t i = 0; i < nmods; i++) {
        const char *spec = g_ptr_array_index(mods, i);
        char *path = g_strndup(spec, strcspn(spec, " "));
        gchar *contents = NULL;
        gsize size = 0;
        uint8_t *m = info->data + MBI_SIZE + i * MB_MODULE_SIZE;
        uint32_t start = align_up(img.load_addr + img.data->len, 4096);

        if (!*path || !g_file_get_contents(path, &contents, &size, NULL)) {
            *errp = g_strdup_printf("-initrd: could not read multiboot module '%s'", path);
            g_free(path);
            goto out_info;
        }
        g_free(path);
        if ((uint64_t)start + size > below_4g) {
            *errp = g_strdup_printf("-initrd: module '%s' does not fit in RAM", spec);
            g_free(contents);
            goto out_info;
        }
        byte_array_grow_zeroed(img.data, start - img.load_addr);
        g_byte_array_append(img.data, (uint8_t *)contents, size);
        g_free(contents);
        put_le32(m + 0, start);
        put_le32(m + 4, start + size);
        put_le32(m + 8, strings_addr + strings->len);
        g_string_append_len(strings, spec, strlen(spec) + 1);
    }
    put_le32(info->data + MBI_CMDLINE, strings_addr);
    put_le32(info->data + MBI_LOADER_NAME, strings_addr + strings->len);
    g_string_append_len(strings, "Q86", 4);
    g_byte_array_append(info, (uint8_t *)strings->str, strings->len);
    mbi = info->data;
    mmap_addr = align_up(MB_BOOTINFO_ADDR + info->len, 16);
    info_size = info->len;
    if (mmap_addr + MB_MMAP_BUF_SIZE > MB_BOOTINFO_END) {
        *errp = g_strdup("-append/-initrd: multiboot command lines too long for the "
                         "information block");
        goto out_info;
    }
    put_le32(mbi + MBI_FLAGS, MBI_F_MEMORY | MBI_F_CMDLINE | MBI_F_MODS | MBI_F_MMAP |
                              MBI_F_LOADER_NAME);
    /* mem_lower/mem_upper and the map: the ROM asks the BIOS (INT 12h, E820). */
    put_le32(mbi + MBI_MEM_LOWER, 640);
    put_le32(mbi + MBI_MEM_UPPER, (uint32_t)((below_4g - 0x100000) / 1024));
    put_le32(mbi + MBI_MODS_COUNT, nmods);
    put_le32(mbi + MBI_MODS_ADDR, MB_BOOTINFO_ADDR + MBI_SIZE);
    put_le32(mbi + MBI_MMAP_LENGTH, 0);
    put_le32(mbi + MBI_MMAP_ADDR, mmap_addr);

    image_end = img.load_addr + img.data->len;   /* modules checked: within RAM */
    if (!add_option_rom(fw, "multiboot_dma.bin", errp)) {
        goto out_info;
    }
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_ADDR, img.load_addr);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_SIZE, img.data->len);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_ENTRY, img.entry);
    fw_cfg_add_bytes(fw, FW_CFG_KERNEL_DATA, g_byte_array_free(img.data, FALSE),
                     image_end - img.load_addr);
    img.data = NULL;
    fw_cfg_add_i32(fw, FW_CFG_INITRD_ADDR, MB_BOOTINFO_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_INITRD_SIZE, info_size);
    fw_cfg_add_bytes(fw, FW_CFG_INITRD_DATA, g_byte_array_free(info, FALSE), info_size);
    info = NULL;
    ok = true;

out_info:
    if (info) {
        g_byte_array_free(info, TRUE);
    }
    g_string_free(strings, TRUE);
out:
    if (img.data) {
        g_byte_array_free(img.data, TRUE);
    }
    if (mods) {
        g_ptr_array_free(mods, TRUE);
    }
    return ok;
}

/* ---- Linux (boot.rst, "The real-mode kernel header") ---- */

#define LINUX_SETUP_SECTS     0x1f1
#define LINUX_VID_MODE        0x1fa
#define LINUX_HEADER_MAGIC    0x202   /* "HdrS" */
#define LINUX_VERSION         0x206
#define LINUX_TYPE_OF_LOADER  0x210
#define LINUX_LOADFLAGS       0x211
#define LINUX_RAMDISK_IMAGE   0x218
#define LINUX_RAMDISK_SIZE    0x21c
#define LINUX_HEAP_END_PTR    0x224
#define LINUX_CMD_LINE_PTR    0x228
#define LINUX_INITRD_ADDR_MAX 0x22c
#define LINUX_CMDLINE_SIZE    0x238
#define LINUX_HEADER_END      0x240

#define LINUX_LOADED_HIGH     0x01
#define LINUX_CAN_USE_HEAP    0x80
#define LINUX_LOADER_QEMU     0xb0    /* boot.rst loader ID B ("Qemu"), version 0 */

/*
 * A 2.02+ bzImage's real-mode part goes at 0x10000 with its 64 KiB of
 * heap and stack, the command line right above it, the protected-mode
 * part at 1 MiB (boot.rst, "Loading the rest of the kernel" and the
 * sample configuration).
 */
#define LINUX_SETUP_ADDR   0x10000u
#define LINUX_CMDLINE_ADDR 0x20000u
#define LINUX_PROT_ADDR    0x100000u
#define LINUX_MAX_CMDLINE  0x10000u   /* what fits between 0x20000 and free RAM we trust */
/* SeaBIOS keeps its tables at the top of RAM: the initrd stays below them. */
#define LINUX_INITRD_TOP_RESERVE 0x100000u

/* vga= on the command line selects the mode for the setup code (boot.rst "vid_mode"). */
static uint16_t linux_vid_mode(const char *cmdline)
{
    const char *p = cmdline ? strstr(cmdline, "vga=") : NULL;

    if (!p || (p != cmdline && p[-1] != ' ')) {
        return 0xffff;           /* "normal" */
    }
    p += 4;
    if (g_str_has_prefix(p, "normal")) {
        return 0xffff;
    }
    if (g_str_has_prefix(p, "ext")) {
        return 0xfffe;
    }
    if (g_str_has_prefix(p, "ask")) {
        return 0xfffd;
    }
    return (uint16_t)strtoul(p, NULL, 0);
}

static bool linux_setup(FWCfgState *fw, const uint8_t *buf, size_t len, uint64_t below_4g,
                        char **errp)
{
    uint16_t version = get_le16(buf + LINUX_VERSION);
    uint8_t loadflags = buf[LINUX_LOADFLAGS];
    uint32_t setup_size = ((buf[LINUX_SETUP_SECTS] ? buf[LINUX_SETUP_SECTS] : 4) + 1) * 512;
    const char *cmdline = hw_options.kernel_cmdline ? hw_options.kernel_cmdline : "";
    size_t cmdline_len = strlen(cmdline);
    uint32_t cmdline_max, kernel_size, initrd_max;
    uint8_t *setup;
    gchar *initrd = NULL;
    gsize initrd_size = 0;
    uint32_t initrd_addr = 0;

    if (version < 0x202 || !(loadflags & LINUX_LOADED_HIGH)) {
        *errp = g_strdup_printf("-kernel: Linux boot protocol %x.%02x %s: only bzImage kernels "
                                "with protocol 2.02 or later are supported",
                                version >> 8, version & 0xff,
                                (loadflags & LINUX_LOADED_HIGH) ? "" : "(zImage)");
        return false;
    }
    if (setup_size >= len || setup_size + 0x200 > LINUX_CMDLINE_ADDR - LINUX_SETUP_ADDR) {
        *errp = g_strdup_printf("-kernel: bad setup size %u for a %zu-byte kernel",
                                setup_size, len);
        return false;
    }
    cmdline_max = version >= 0x206 ? get_le32(buf + LINUX_CMDLINE_SIZE) : 255;
    cmdline_max = MIN(cmdline_max, LINUX_MAX_CMDLINE - 1);
    if (cmdline_len > cmdline_max) {
        *errp = g_strdup_printf("-append: the command line is %zu bytes; the kernel takes at "
                                "most %u", cmdline_len, cmdline_max);
        return false;
    }
    kernel_size = len - setup_size;
    if ((uint64_t)LINUX_PROT_ADDR + kernel_size > below_4g) {
        *errp = g_strdup_printf("-kernel: a %u-byte kernel does not fit in RAM", kernel_size);
        return false;
    }

    if (hw_options.initrd_filename) {
        uint64_t top;
        if (!g_file_get_contents(hw_options.initrd_filename, &initrd, &initrd_size, NULL)) {
            *errp = g_strdup_printf("-initrd: could not read '%s'", hw_options.initrd_filename);
            return false;
        }
        initrd_max = version >= 0x203 ? get_le32(buf + LINUX_INITRD_ADDR_MAX) : 0x37ffffff;
        /*
         * initrd_addr_max is the highest address the initrd may occupy.
         * Ending in the page of initrd_addr_max also tells linuxboot_dma.bin
         * to keep it there; ending anywhere else, the ROM moves it to the
         * top of RAM (E801), so that only happens when RAM ends below it.
         */
        top = MIN((uint64_t)initrd_max, below_4g - LINUX_INITRD_TOP_RESERVE);
        if (initrd_size > top || ((top - initrd_size) & ~0xfffULL) <
                                 (uint64_t)LINUX_PROT_ADDR + kernel_size) {
            *errp = g_strdup_printf("-initrd: '%s' (%zu bytes) does not fit in RAM below %#x",
                                    hw_options.initrd_filename, (size_t)initrd_size,
                                    (uint32_t)top);
            g_free(initrd);
            return false;
        }
        initrd_addr = (top - initrd_size) & ~0xfffULL;
    }
    if (!add_option_rom(fw, "linuxboot_dma.bin", errp)) {
        g_free(initrd);
        return false;
    }

    setup = memdup(buf, setup_size);
    put_le16(setup + LINUX_VID_MODE, linux_vid_mode(cmdline));
    setup[LINUX_TYPE_OF_LOADER] = LINUX_LOADER_QEMU;
    setup[LINUX_LOADFLAGS] |= LINUX_CAN_USE_HEAP;
    put_le16(setup + LINUX_HEAP_END_PTR, LINUX_CMDLINE_ADDR - LINUX_SETUP_ADDR - 0x200);
    put_le32(setup + LINUX_CMD_LINE_PTR, LINUX_CMDLINE_ADDR);
    put_le32(setup + LINUX_RAMDISK_IMAGE, initrd_addr);
    put_le32(setup + LINUX_RAMDISK_SIZE, initrd_size);

    fw_cfg_add_i32(fw, FW_CFG_SETUP_ADDR, LINUX_SETUP_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_SETUP_SIZE, setup_size);
    fw_cfg_add_bytes(fw, FW_CFG_SETUP_DATA, setup, setup_size);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_ADDR, LINUX_PROT_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_SIZE, kernel_size);
    fw_cfg_add_bytes(fw, FW_CFG_KERNEL_DATA, memdup(buf + setup_size, kernel_size),
                     kernel_size);
    fw_cfg_add_i32(fw, FW_CFG_CMDLINE_ADDR, LINUX_CMDLINE_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_CMDLINE_SIZE, cmdline_len + 1);
    fw_cfg_add_string(fw, FW_CFG_CMDLINE_DATA, cmdline);
    fw_cfg_add_i32(fw, FW_CFG_INITRD_ADDR, initrd_addr);
    fw_cfg_add_i32(fw, FW_CFG_INITRD_SIZE, initrd_size);
    fw_cfg_add_bytes(fw, FW_CFG_INITRD_DATA, initrd ? (void *)initrd : g_malloc0(1),
                     initrd_size);
    return true;
}

/* ---- common ---- */

/* The option ROM as "genroms/NAME", and the first boot entry. */
static bool add_option_rom(FWCfgState *fw, const char *name, char **errp)
{
    char *path = qemu_find_file(name);
    gchar *rom = NULL;
    gsize size = 0;
    char *entry;

    if (!path || !g_file_get_contents(path, &rom, &size, NULL)) {
        *errp = g_strdup_printf("could not find the option ROM '%s' for -kernel "
                                "(Debian package qemu-system-data, or point -L at it)", name);
        g_free(path);
        return false;
    }
    g_free(path);
    if (size < 512 || (uint8_t)rom[0] != 0x55 || (uint8_t)rom[1] != 0xaa) {
        *errp = g_strdup_printf("option ROM '%s' has no 55AA signature", name);
        g_free(rom);
        return false;
    }
    entry = g_strdup_printf("genroms/%s", name);
    fw_cfg_add_file(fw, entry, rom, size);
    g_free(entry);
    if (fw_cfg_file_key(fw, "bootorder") == FW_CFG_INVALID) {
        /* SeaBIOS's device path for a fw_cfg ROM: /rom@<file name>. */
        char *order = g_strdup_printf("/rom@genroms/%s\n", name);
        fw_cfg_add_file(fw, "bootorder", order, strlen(order) + 1);
    }
    return true;
}

bool x86_boot_setup(FWCfgState *fw, uint64_t below_4g_mem_size, char **errp)
{
    const char *kernel = hw_options.kernel_filename;
    gchar *buf = NULL;
    gsize len = 0;
    long mb_header;
    bool ok;

    if (!kernel) {
        if (hw_options.initrd_filename) {
            *errp = g_strdup("-initrd cannot be used without -kernel");
            return false;
        }
        if (hw_options.kernel_cmdline) {
            *errp = g_strdup("-append cannot be used without -kernel");
            return false;
        }
        return true;
    }
    if (!g_file_get_contents(kernel, &buf, &len, NULL)) {
        *errp = g_strdup_printf("-kernel: could not read '%s'", kernel);
        return false;
    }
    mb_header = multiboot_find_header((uint8_t *)buf, len);
    if (mb_header >= 0) {
        ok = multiboot_setup(fw, (uint8_t *)buf, len, mb_header, below_4g_mem_size, errp);
    } else if (len > LINUX_HEADER_END && !memcmp(buf + LINUX_HEADER_MAGIC, "HdrS", 4)) {
        ok = linux_setup(fw, (uint8_t *)buf, len, below_4g_mem_size, errp);
    } else {
        *errp = g_strdup_printf("-kernel: '%s' is neither a multiboot kernel nor a Linux "
                                "bzImage", kernel);
        ok = false;
    }
    g_free(buf);
    return ok;
}
