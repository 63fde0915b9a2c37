/*
 * The memory API: priorities and overlaps, aliases, nested containers,
 * ROM devices, access-size adaptation, transactions, listeners, dirty
 * tracking and `info mtree` output.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "exec/memory.h"
#include "exec/ram_addr.h"
#include "exec/ramblock.h"
#include "qemu/log.h"

#define ATTRS MEMTXATTRS_UNSPECIFIED

/* ---- a register file device that records every callback ---- */

typedef struct RegFile {
    uint8_t bytes[256];
    bool big_endian;
    GString *log; /* "r0+4 w2+1 ..." */
} RegFile;

static uint64_t regfile_read(void *opaque, hwaddr addr, unsigned size)
{
    RegFile *rf = opaque;
    uint64_t v = 0;

    g_string_append_printf(rf->log, "r%" PRIx64 "+%u ", addr, size);
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)rf->bytes[addr + i] << (8 * (rf->big_endian ? size - 1 - i : i));
    }
    return v;
}

static void regfile_write(void *opaque, hwaddr addr, uint64_t v, unsigned size)
{
    RegFile *rf = opaque;

    g_string_append_printf(rf->log, "w%" PRIx64 "+%u ", addr, size);
    for (unsigned i = 0; i < size; i++) {
        rf->bytes[addr + i] = (uint8_t)(v >> (8 * (rf->big_endian ? size - 1 - i : i)));
    }
}

static RegFile *regfile_new(void)
{
    RegFile *rf = g_new0(RegFile, 1);

    rf->log = g_string_new(NULL);
    for (unsigned i = 0; i < sizeof(rf->bytes); i++) {
        rf->bytes[i] = (uint8_t)(0x80 + i);
    }
    return rf;
}

static void regfile_free(RegFile *rf)
{
    g_string_free(rf->log, TRUE);
    g_free(rf);
}

static const char *regfile_take_log(RegFile *rf)
{
    static char buf[512];

    g_strlcpy(buf, rf->log->str, sizeof(buf));
    g_string_truncate(rf->log, 0);
    return buf;
}

/* ---- a fresh address space per test ---- */

typedef struct Fixture {
    MemoryRegion root;
    AddressSpace as;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    memory_region_init(&f->root, "root", 0x100000);
    address_space_init(&f->as, &f->root, "test");
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    address_space_destroy(&f->as);
    while (f->root.subregions) {
        memory_region_del_subregion(&f->root, f->root.subregions);
    }
    memory_region_finalize(&f->root);
}

static uint8_t read8(Fixture *f, hwaddr addr)
{
    return (uint8_t)address_space_ldub(&f->as, addr, ATTRS, NULL);
}

static void fill_ram(MemoryRegion *mr, uint8_t seed)
{
    uint8_t *p = memory_region_get_ram_ptr(mr);

    for (uint64_t i = 0; i < memory_region_size(mr); i++) {
        p[i] = (uint8_t)(seed + i * 7);
    }
}

/* ---- priorities and overlaps ---- */

static void test_higher_priority_wins_overlap(Fixture *f, gconstpointer data)
{
    MemoryRegion low, high;

    memory_region_init_ram(&low, "low", 0x1000);
    memory_region_init_ram(&high, "high", 0x1000);
    memset(memory_region_get_ram_ptr(&low), 0x11, 0x1000);
    memset(memory_region_get_ram_ptr(&high), 0x22, 0x1000);
    /* high added first, so only priority can put it on top */
    memory_region_add_subregion_overlap(&f->root, 0x800, &high, 1);
    memory_region_add_subregion_overlap(&f->root, 0x0, &low, 0);
    g_assert_cmphex(read8(f, 0x7ff), ==, 0x11);
    g_assert_cmphex(read8(f, 0x800), ==, 0x22);
    g_assert_cmphex(read8(f, 0x17ff), ==, 0x22);

    /* dropping high's priority below low's uncovers low underneath */
    memory_region_del_subregion(&f->root, &high);
    memory_region_add_subregion_overlap(&f->root, 0x800, &high, -1);
    g_assert_cmphex(read8(f, 0x800), ==, 0x11);
    g_assert_cmphex(read8(f, 0xfff), ==, 0x11);
    g_assert_cmphex(read8(f, 0x1000), ==, 0x22);

    memory_region_del_subregion(&f->root, &high);
    memory_region_del_subregion(&f->root, &low);
    memory_region_finalize(&high);
    memory_region_finalize(&low);
}

static void test_equal_priority_latest_added_wins(Fixture *f, gconstpointer data)
{
    MemoryRegion a, b;

    memory_region_init_ram(&a, "a", 0x100);
    memory_region_init_ram(&b, "b", 0x100);
    memset(memory_region_get_ram_ptr(&a), 0xaa, 0x100);
    memset(memory_region_get_ram_ptr(&b), 0xbb, 0x100);
    memory_region_add_subregion_overlap(&f->root, 0, &a, 3);
    memory_region_add_subregion_overlap(&f->root, 0x80, &b, 3);
    g_assert_cmphex(read8(f, 0x7f), ==, 0xaa);
    g_assert_cmphex(read8(f, 0x80), ==, 0xbb);
    memory_region_del_subregion(&f->root, &a);
    memory_region_add_subregion_overlap(&f->root, 0, &a, 3);
    g_assert_cmphex(read8(f, 0x80), ==, 0xaa);
    g_assert_cmphex(read8(f, 0x100), ==, 0xbb);
    memory_region_del_subregion(&f->root, &a);
    memory_region_del_subregion(&f->root, &b);
    memory_region_finalize(&a);
    memory_region_finalize(&b);
}

static void test_leaf_subregion_sits_on_top_of_leaf(Fixture *f, gconstpointer data)
{
    MemoryRegion big, hole;
    RegFile *rf = regfile_new();
    static const MemoryRegionOps ops = { .read = regfile_read, .write = regfile_write };

    memory_region_init_ram(&big, "big", 0x1000);
    memset(memory_region_get_ram_ptr(&big), 0x5a, 0x1000);
    memory_region_init_io(&hole, &ops, rf, "hole", 0x10);
    memory_region_add_subregion(&big, 0x100, &hole);
    memory_region_add_subregion(&f->root, 0x4000, &big);
    g_assert_cmphex(read8(f, 0x40ff), ==, 0x5a);
    g_assert_cmphex(read8(f, 0x4100), ==, 0x80);
    g_assert_cmphex(read8(f, 0x410f), ==, 0x8f);
    g_assert_cmphex(read8(f, 0x4110), ==, 0x5a);
    memory_region_del_subregion(&f->root, &big);
    memory_region_del_subregion(&big, &hole);
    memory_region_finalize(&hole);
    memory_region_finalize(&big);
    regfile_free(rf);
}

/* ---- aliases and containers ---- */

static void test_alias_of_alias_reaches_target_bytes(Fixture *f, gconstpointer data)
{
    MemoryRegion ram, a1, a2;

    memory_region_init_ram(&ram, "backing", 0x1000);
    fill_ram(&ram, 3);
    memory_region_init_alias(&a1, "outer", &ram, 0x100, 0x800);
    memory_region_init_alias(&a2, "inner", &a1, 0x10, 0x100);
    memory_region_add_subregion(&f->root, 0x5000, &a2);
    const uint8_t *p = memory_region_get_ram_ptr(&ram);
    g_assert_cmphex(read8(f, 0x5000), ==, p[0x110]);
    g_assert_cmphex(read8(f, 0x50ff), ==, p[0x20f]);
    /* one past the inner window is nothing */
    MemTxResult r;
    g_assert_cmphex(address_space_ldub(&f->as, 0x5100, ATTRS, &r), ==, 0xff);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);

    /* moving the outer window moves what the inner one shows */
    memory_region_set_alias_offset(&a1, 0x300);
    g_assert_cmphex(read8(f, 0x5000), ==, p[0x310]);
    /* the outer window is 0x800 long: the inner one may not see past it */
    memory_region_set_alias_offset(&a2, 0x7f0);
    g_assert_cmphex(read8(f, 0x500f), ==, p[0x300 + 0x7ff]);
    g_assert_cmphex(address_space_ldub(&f->as, 0x5010, ATTRS, &r), ==, 0xff);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);

    memory_region_del_subregion(&f->root, &a2);
    memory_region_finalize(&a2);
    memory_region_finalize(&a1);
    memory_region_finalize(&ram);
}

static void test_nested_containers_add_offsets_and_clip(Fixture *f, gconstpointer data)
{
    MemoryRegion outer, inner, ram;

    memory_region_init(&outer, "outer", 0x10000);
    memory_region_init(&inner, "inner", 0x100);
    memory_region_init_ram(&ram, "ram", 0x1000);
    fill_ram(&ram, 9);
    memory_region_add_subregion(&inner, 0x80, &ram);    /* sticks out of inner */
    memory_region_add_subregion(&outer, 0x2000, &inner);
    memory_region_add_subregion(&f->root, 0x30000, &outer);
    const uint8_t *p = memory_region_get_ram_ptr(&ram);
    g_assert_cmphex(read8(f, 0x32080), ==, p[0]);
    g_assert_cmphex(read8(f, 0x320ff), ==, p[0x7f]);
    MemTxResult r;
    address_space_ldub(&f->as, 0x32100, ATTRS, &r);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);

    /* disabling the middle container hides everything below it */
    memory_region_set_enabled(&inner, false);
    address_space_ldub(&f->as, 0x32080, ATTRS, &r);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    memory_region_set_enabled(&inner, true);
    /* moving the outer container moves the leaf */
    memory_region_set_address(&outer, 0x50000);
    g_assert_cmphex(read8(f, 0x52080), ==, p[0]);
    address_space_ldub(&f->as, 0x32080, ATTRS, &r);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    /* growing the inner container uncovers more of the leaf */
    memory_region_set_size(&inner, 0x200);
    g_assert_cmphex(read8(f, 0x52180), ==, p[0x100]);

    memory_region_del_subregion(&f->root, &outer);
    memory_region_del_subregion(&outer, &inner);
    memory_region_del_subregion(&inner, &ram);
    memory_region_finalize(&ram);
    memory_region_finalize(&inner);
    memory_region_finalize(&outer);
}

/* ---- ROM and ROM devices ---- */

static void test_rom_drops_writes(Fixture *f, gconstpointer data)
{
    MemoryRegion rom;
    MemTxResult r;

    memory_region_init_rom(&rom, "rom", 0x1000);
    memset(memory_region_get_ram_ptr(&rom), 0xc3, 0x1000);
    memory_region_add_subregion(&f->root, 0xf0000, &rom);
    address_space_stl_le(&f->as, 0xf0010, 0x12345678, ATTRS, &r);
    g_assert_cmpuint(r, ==, MEMTX_OK);
    g_assert_cmphex(address_space_ldl_le(&f->as, 0xf0010, ATTRS, NULL), ==, 0xc3c3c3c3);
    memory_region_del_subregion(&f->root, &rom);
    memory_region_finalize(&rom);
}

static void test_romd_switch_moves_reads_between_ram_and_ops(Fixture *f, gconstpointer data)
{
    MemoryRegion flash;
    RegFile *rf = regfile_new();
    static const MemoryRegionOps ops = { .read = regfile_read, .write = regfile_write };

    memory_region_init_rom_device(&flash, &ops, rf, "flash", 0x100);
    memset(memory_region_get_ram_ptr(&flash), 0x42, 0x100);
    memory_region_add_subregion(&f->root, 0x8000, &flash);
    g_assert_cmpstr(memory_region_type(&flash), ==, "romd");

    /* romd mode: reads from RAM without callbacks, writes to the device */
    g_assert_cmphex(read8(f, 0x8004), ==, 0x42);
    g_assert_cmpstr(regfile_take_log(rf), ==, "");
    address_space_stb(&f->as, 0x8004, 0x99, ATTRS, NULL);
    g_assert_cmpstr(regfile_take_log(rf), ==, "w4+1 ");
    g_assert_cmphex(((uint8_t *)memory_region_get_ram_ptr(&flash))[4], ==, 0x42);

    /* I/O mode: reads go to the device too */
    memory_region_rom_device_set_romd(&flash, false);
    g_assert_cmpstr(memory_region_type(&flash), ==, "i/o");
    g_assert_cmphex(read8(f, 0x8004), ==, 0x99);
    g_assert_cmpstr(regfile_take_log(rf), ==, "r4+1 ");

    memory_region_rom_device_set_romd(&flash, true);
    g_assert_cmphex(read8(f, 0x8004), ==, 0x42);
    memory_region_del_subregion(&f->root, &flash);
    memory_region_finalize(&flash);
    regfile_free(rf);
}

static void test_readonly_alias_protects_ram(Fixture *f, gconstpointer data)
{
    MemoryRegion ram, view;

    memory_region_init_ram(&ram, "ram", 0x100);
    memory_region_init_alias(&view, "view", &ram, 0, 0x100);
    memory_region_set_readonly(&view, true);
    memory_region_add_subregion(&f->root, 0x1000, &view);
    address_space_stb(&f->as, 0x1000, 0x77, ATTRS, NULL);
    g_assert_cmphex(read8(f, 0x1000), ==, 0);
    memory_region_set_readonly(&view, false);
    address_space_stb(&f->as, 0x1000, 0x77, ATTRS, NULL);
    g_assert_cmphex(read8(f, 0x1000), ==, 0x77);
    memory_region_del_subregion(&f->root, &view);
    memory_region_finalize(&view);
    memory_region_finalize(&ram);
}

/* ---- access-size adaptation ---- */

static void test_wide_read_is_split_into_implemented_bytes(Fixture *f, gconstpointer data)
{
    MemoryRegion io;
    RegFile *rf = regfile_new();
    static const MemoryRegionOps ops = {
        .read = regfile_read, .write = regfile_write,
        .valid = { .min_access_size = 1, .max_access_size = 4 },
        .impl = { .min_access_size = 1, .max_access_size = 1 },
    };

    memory_region_init_io(&io, &ops, rf, "bytewise", 0x10);
    memory_region_add_subregion(&f->root, 0x100, &io);
    g_assert_cmphex(address_space_ldl_le(&f->as, 0x104, ATTRS, NULL), ==, 0x87868584);
    g_assert_cmpstr(regfile_take_log(rf), ==, "r4+1 r5+1 r6+1 r7+1 ");
    address_space_stw_le(&f->as, 0x108, 0xbeef, ATTRS, NULL);
    g_assert_cmpstr(regfile_take_log(rf), ==, "w8+1 w9+1 ");
    g_assert_cmphex(rf->bytes[8], ==, 0xef);
    g_assert_cmphex(rf->bytes[9], ==, 0xbe);
    memory_region_del_subregion(&f->root, &io);
    memory_region_finalize(&io);
    regfile_free(rf);
}

static void test_narrow_access_is_widened_with_read_modify_write(Fixture *f, gconstpointer data)
{
    MemoryRegion io;
    RegFile *rf = regfile_new();
    static const MemoryRegionOps ops = {
        .read = regfile_read, .write = regfile_write,
        .valid = { .unaligned = true },
        .impl = { .min_access_size = 4, .max_access_size = 4 },
    };

    memory_region_init_io(&io, &ops, rf, "dwords", 0x10);
    memory_region_add_subregion(&f->root, 0x200, &io);
    g_assert_cmphex(read8(f, 0x206), ==, 0x86);
    g_assert_cmpstr(regfile_take_log(rf), ==, "r4+4 ");
    address_space_stb(&f->as, 0x205, 0x11, ATTRS, NULL);
    g_assert_cmpstr(regfile_take_log(rf), ==, "r4+4 w4+4 ");
    g_assert_cmphex(rf->bytes[4], ==, 0x84);
    g_assert_cmphex(rf->bytes[5], ==, 0x11);
    g_assert_cmphex(rf->bytes[6], ==, 0x86);
    /* an unaligned word straddles two dwords */
    g_assert_cmphex(address_space_lduw_le(&f->as, 0x203, ATTRS, NULL), ==, 0x8483);
    g_assert_cmpstr(regfile_take_log(rf), ==, "r0+4 r4+4 ");
    memory_region_del_subregion(&f->root, &io);
    memory_region_finalize(&io);
    regfile_free(rf);
}

static void test_big_endian_device_sees_swapped_value(Fixture *f, gconstpointer data)
{
    MemoryRegion io;
    RegFile *rf = regfile_new();
    uint64_t seen = 0;
    static const MemoryRegionOps ops = {
        .read = regfile_read, .write = regfile_write,
        .endianness = DEVICE_BIG_ENDIAN,
    };

    rf->big_endian = true;
    memory_region_init_io(&io, &ops, rf, "be", 0x10);
    memory_region_add_subregion(&f->root, 0x300, &io);
    /* the guest sees the bytes in address order whatever the device's order */
    g_assert_cmphex(address_space_ldl_le(&f->as, 0x300, ATTRS, NULL), ==, 0x83828180);
    g_assert_cmphex(address_space_ldl_be(&f->as, 0x300, ATTRS, NULL), ==, 0x80818283);
    /* and the device's callback got the big-endian value */
    seen = regfile_read(rf, 0, 4);
    g_assert_cmphex(seen, ==, 0x80818283);
    memory_region_del_subregion(&f->root, &io);
    memory_region_finalize(&io);
    regfile_free(rf);
}

static void test_invalid_size_reads_all_ones_with_decode_error(Fixture *f, gconstpointer data)
{
    MemoryRegion io;
    RegFile *rf = regfile_new();
    MemTxResult r;
    static const MemoryRegionOps ops = {
        .read = regfile_read, .write = regfile_write,
        .valid = { .min_access_size = 2, .max_access_size = 2 },
    };

    memory_region_init_io(&io, &ops, rf, "words-only", 0x10);
    memory_region_add_subregion(&f->root, 0x400, &io);
    g_assert_cmphex(address_space_ldl_le(&f->as, 0x400, ATTRS, &r), ==, 0xffffffff);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(address_space_ldub(&f->as, 0x400, ATTRS, &r), ==, 0xff);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(address_space_lduw_le(&f->as, 0x401, ATTRS, &r), ==, 0xffff);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    g_assert_cmpstr(regfile_take_log(rf), ==, "");
    g_assert_cmphex(address_space_lduw_le(&f->as, 0x402, ATTRS, &r), ==, 0x8382);
    g_assert_cmpuint(r, ==, MEMTX_OK);
    /* a buffer access is cut into pieces the device accepts */
    uint8_t buf[4];
    g_assert_cmpuint(address_space_read(&f->as, 0x404, ATTRS, buf, 4), ==, MEMTX_OK);
    g_assert_cmpstr(regfile_take_log(rf), ==, "r2+2 r4+2 r6+2 ");
    memory_region_del_subregion(&f->root, &io);
    memory_region_finalize(&io);
    regfile_free(rf);
}

static void test_unassigned_reads_all_ones(Fixture *f, gconstpointer data)
{
    MemoryRegion ram;
    uint8_t buf[8];

    memory_region_init_ram(&ram, "ram", 4);
    memset(memory_region_get_ram_ptr(&ram), 0x12, 4);
    memory_region_add_subregion(&f->root, 0x10, &ram);
    /* a read straddling RAM and nothing gets both */
    g_assert_cmpuint(address_space_read(&f->as, 0xe, ATTRS, buf, 8), ==, MEMTX_DECODE_ERROR);
    static const uint8_t expect[8] = { 0xff, 0xff, 0x12, 0x12, 0x12, 0x12, 0xff, 0xff };
    g_assert_cmpmem(buf, 8, expect, 8);
    memory_region_del_subregion(&f->root, &ram);
    memory_region_finalize(&ram);
}

static void test_unassigned_access_is_logged_as_guest_error(Fixture *f, gconstpointer data)
{
    char *dir = g_dir_make_tmp("q86-memtest-XXXXXX", NULL);
    char *path = g_build_filename(dir, "log", NULL);
    char *text = NULL;

    g_assert_true(qemu_set_log_filename(path));
    qemu_set_log(0);
    address_space_ldub(&f->as, 0x1234, ATTRS, NULL);      /* not asked for: silent */
    qemu_set_log(LOG_GUEST_ERROR);
    address_space_ldl_le(&f->as, 0x5678, ATTRS, NULL);
    address_space_stw_le(&f->as, 0x9abc, 1, ATTRS, NULL);
    qemu_set_log(0);
    qemu_set_log_filename(NULL);
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_cmpstr(text, ==,
                    "Unassigned read at addr 0x5678, size 4, address space 'test'\n"
                    "Unassigned write at addr 0x9ABC, size 2, address space 'test'\n");
    g_free(text);
    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
}

/* ---- transactions and listeners ---- */

typedef struct Recorder {
    MemoryListener listener;
    unsigned begins, commits;
    GString *events;
} Recorder;

static void rec_begin(MemoryListener *l)
{
    ((Recorder *)l)->begins++;
}

static void rec_commit(MemoryListener *l)
{
    ((Recorder *)l)->commits++;
}

static void rec_event(MemoryListener *l, MemoryRegionSection *s, const char *what)
{
    g_string_append_printf(((Recorder *)l)->events, "%s %s %" PRIx64 "+%" PRIx64 "@%" PRIx64 "%s; ",
                           what, memory_region_name(s->mr), s->offset_within_address_space,
                           (uint64_t)s->size, s->offset_within_region, s->readonly ? " ro" : "");
}

static void rec_add(MemoryListener *l, MemoryRegionSection *s)
{
    rec_event(l, s, "add");
}

static void rec_del(MemoryListener *l, MemoryRegionSection *s)
{
    rec_event(l, s, "del");
}

static void recorder_init(Recorder *rec)
{
    memset(rec, 0, sizeof(*rec));
    rec->listener.begin = rec_begin;
    rec->listener.commit = rec_commit;
    rec->listener.region_add = rec_add;
    rec->listener.region_del = rec_del;
    rec->events = g_string_new(NULL);
}

static void test_listener_hears_add_move_and_remove(Fixture *f, gconstpointer data)
{
    MemoryRegion ram, rom;
    Recorder rec;

    memory_region_init_ram(&ram, "ram", 0x1000);
    memory_region_add_subregion(&f->root, 0x1000, &ram);
    recorder_init(&rec);
    memory_listener_register(&rec.listener, &f->as);
    g_assert_cmpstr(rec.events->str, ==, "add ram 1000+1000@0; ");
    g_string_truncate(rec.events, 0);

    memory_region_init_rom(&rom, "rom", 0x100);
    memory_region_add_subregion_overlap(&f->root, 0x1800, &rom, 1);
    g_assert_cmpstr(rec.events->str, ==,
                    "del ram 1000+1000@0; add ram 1000+800@0; add rom 1800+100@0 ro; "
                    "add ram 1900+700@900; ");
    g_string_truncate(rec.events, 0);

    memory_region_set_address(&rom, 0x3000);
    g_assert_cmpstr(rec.events->str, ==,
                    "del ram 1000+800@0; del rom 1800+100@0 ro; del ram 1900+700@900; "
                    "add ram 1000+1000@0; add rom 3000+100@0 ro; ");
    g_string_truncate(rec.events, 0);

    memory_region_del_subregion(&f->root, &rom);
    g_assert_cmpstr(rec.events->str, ==, "del rom 3000+100@0 ro; ");
    g_assert_cmpuint(rec.begins, ==, rec.commits);

    memory_listener_unregister(&rec.listener);
    memory_region_del_subregion(&f->root, &ram);
    memory_region_finalize(&rom);
    memory_region_finalize(&ram);
    g_string_free(rec.events, TRUE);
}

static void test_transaction_batches_changes_into_one_rendering(Fixture *f, gconstpointer data)
{
    MemoryRegion regs[64];
    Recorder rec;
    uint64_t renders;

    recorder_init(&rec);
    memory_listener_register(&rec.listener, &f->as);
    unsigned commits_before = rec.commits;
    renders = memory_render_count();

    memory_region_transaction_begin();
    for (unsigned i = 0; i < 64; i++) {
        char name[16];
        g_snprintf(name, sizeof(name), "r%u", i);
        memory_region_init_ram(&regs[i], name, 0x100);
        memory_region_add_subregion(&f->root, i * 0x100, &regs[i]);
        memory_region_transaction_begin(); /* nested: still one rendering */
        memory_region_set_address(&regs[i], i * 0x200);
        memory_region_transaction_commit();
    }
    /* nothing rendered yet: the old view is still in force */
    g_assert_cmpuint(memory_render_count(), ==, renders);
    g_assert_cmpstr(rec.events->str, ==, "");
    memory_region_transaction_commit();

    g_assert_cmpuint(memory_render_count(), ==, renders + 1);
    g_assert_cmpuint(rec.commits, ==, commits_before + 1);
    g_assert_cmpuint(address_space_to_flatview(&f->as)->nr, ==, 64);
    g_assert_cmpuint(address_space_to_flatview(&f->as)->ranges[63].start, ==, 63 * 0x200);

    /* a transaction with no change renders nothing */
    memory_region_transaction_begin();
    memory_region_transaction_commit();
    g_assert_cmpuint(memory_render_count(), ==, renders + 1);

    memory_listener_unregister(&rec.listener);
    memory_region_transaction_begin();
    for (unsigned i = 0; i < 64; i++) {
        memory_region_del_subregion(&f->root, &regs[i]);
    }
    memory_region_transaction_commit();
    for (unsigned i = 0; i < 64; i++) {
        memory_region_finalize(&regs[i]);
    }
    g_string_free(rec.events, TRUE);
}

static void test_space_created_inside_transaction_is_empty_until_commit(void)
{
    MemoryRegion root, ram;
    AddressSpace as;
    MemTxResult r;

    memory_region_init(&root, "late-root", 0x10000);
    memory_region_init_ram(&ram, "late-ram", 0x1000);
    memset(memory_region_get_ram_ptr(&ram), 0x3c, 0x1000);
    memory_region_transaction_begin();
    address_space_init(&as, &root, "late");
    memory_region_add_subregion(&root, 0, &ram);
    g_assert_cmphex(address_space_ldub(&as, 0, ATTRS, &r), ==, 0xff);
    g_assert_cmpuint(r, ==, MEMTX_DECODE_ERROR);
    memory_region_transaction_commit();
    g_assert_cmphex(address_space_ldub(&as, 0, ATTRS, &r), ==, 0x3c);
    g_assert_cmpuint(r, ==, MEMTX_OK);
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&ram);
    memory_region_finalize(&root);
}

static void test_readonly_container_root_is_not_skipped(void)
{
    MemoryRegion root, ram;
    AddressSpace as;

    memory_region_init(&root, "ro-root", 0x10000);
    memory_region_init_ram(&ram, "ro-ram", 0x1000);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_set_readonly(&root, true);
    address_space_init(&as, &root, "ro");
    g_assert_true(address_space_to_flatview(&as)->root == &root);
    address_space_stb(&as, 0, 0x55, ATTRS, NULL);
    g_assert_cmphex(address_space_ldub(&as, 0, ATTRS, NULL), ==, 0);
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&ram);
    memory_region_finalize(&root);
}

/* ---- dirty tracking for code pages ---- */

static ram_addr_t hook_start, hook_len;
static unsigned hook_calls;

static void code_hook(ram_addr_t start, ram_addr_t len)
{
    hook_start = start;
    hook_len = len;
    hook_calls++;
}

static void test_write_to_code_page_calls_hook_once(Fixture *f, gconstpointer data)
{
    MemoryRegion ram;

    memory_region_init_ram(&ram, "code", 0x4000);
    memory_region_add_subregion(&f->root, 0x10000, &ram);
    ram_addr_t base = memory_region_get_ram_addr(&ram);
    g_assert_cmphex(base, ==, ram.ram_block->offset);
    ram_set_code_write_hook(code_hook);
    hook_calls = 0;

    /* fresh RAM is dirty: writing it is no news for the code cache */
    address_space_stl_le(&f->as, 0x11000, 1, ATTRS, NULL);
    g_assert_cmpuint(hook_calls, ==, 0);

    /* "translate" page 1, then write it */
    g_assert_true(cpu_physical_memory_test_and_clear_dirty(base + 0x1000, 0x1000,
                                                           DIRTY_MEMORY_CODE));
    g_assert_false(cpu_physical_memory_get_dirty_flag(base + 0x1000, DIRTY_MEMORY_CODE));
    g_assert_true(cpu_physical_memory_get_dirty_flag(base + 0x2000, DIRTY_MEMORY_CODE));
    address_space_stw_le(&f->as, 0x11ffe, 0x9090, ATTRS, NULL);
    g_assert_cmpuint(hook_calls, ==, 1);
    g_assert_cmphex(hook_start, ==, base + 0x1ffe);
    g_assert_cmphex(hook_len, ==, 2);
    g_assert_true(cpu_physical_memory_get_dirty_flag(base + 0x1000, DIRTY_MEMORY_CODE));
    /* the page is dirty again: a second write is not reported */
    address_space_stw_le(&f->as, 0x11ffe, 0x9090, ATTRS, NULL);
    g_assert_cmpuint(hook_calls, ==, 1);

    ram_set_code_write_hook(NULL);
    memory_region_del_subregion(&f->root, &ram);
    memory_region_finalize(&ram);
}

/* ---- info mtree ---- */

static void test_mtree_prints_tree_aliases_and_flatview(Fixture *f, gconstpointer data)
{
    MemoryRegion sys, ram, low, pci, bios, bios_alias, hidden;
    AddressSpace as;
    GString *out = g_string_new(NULL);

    /* teardown of this test's spaces before the fixture's own checks */
    address_space_destroy(&f->as);
    memory_region_init(&sys, "system", UINT64_MAX);
    memory_region_init_ram(&ram, "pc.ram", 0x8000000);
    memory_region_init_alias(&low, "ram-below-4g", &ram, 0, 0xa0000);
    memory_region_init(&pci, "pci", UINT64_MAX);
    memory_region_init_rom(&bios, "pc.bios", 0x40000);
    memory_region_init_alias(&bios_alias, "isa-bios", &bios, 0x20000, 0x20000);
    memory_region_init_ram(&hidden, "hidden", 0x1000);
    memory_region_set_enabled(&hidden, false);
    memory_region_transaction_begin();
    memory_region_add_subregion(&sys, 0, &low);
    memory_region_add_subregion_overlap(&sys, 0, &pci, -1);
    memory_region_add_subregion_overlap(&pci, 0xe0000, &bios_alias, 1);
    memory_region_add_subregion(&pci, 0xfffc0000, &bios);
    memory_region_add_subregion(&sys, 0xa0000, &hidden);
    address_space_init(&as, &sys, "memory");
    memory_region_transaction_commit();

    mtree_info(out, false, false);
    g_assert_cmpstr(out->str, ==,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
        "    0000000000000000-000000000009ffff (prio 0, ram): alias ram-below-4g @pc.ram 0000000000000000-000000000009ffff\n"
        "    0000000000000000-ffffffffffffffff (prio -1, i/o): pci\n"
        "      00000000000e0000-00000000000fffff (prio 1, rom): alias isa-bios @pc.bios 0000000000020000-000000000003ffff\n"
        "      00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios\n"
        "\n"
        "memory-region: pc.ram\n"
        "  0000000000000000-0000000007ffffff (prio 0, ram): pc.ram\n"
        "\n"
        "memory-region: pc.bios\n"
        "  00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios\n"
        "\n");

    g_string_truncate(out, 0);
    mtree_info(out, false, true);
    g_assert_nonnull(strstr(out->str,
        "    00000000000a0000-00000000000a0fff (prio 0, ram): hidden [disabled]\n"));

    g_string_truncate(out, 0);
    mtree_info(out, true, false);
    g_assert_cmpstr(out->str, ==,
        "FlatView #0\n"
        " AS \"memory\", root: system\n"
        " Root memory region: system\n"
        "  0000000000000000-000000000009ffff (prio 0, ram): pc.ram\n"
        "  00000000000e0000-00000000000fffff (prio 0, rom): pc.bios @0000000000020000\n"
        "  00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios\n"
        "\n");

    address_space_destroy(&as);
    memory_region_transaction_begin();
    memory_region_del_subregion(&sys, &low);
    memory_region_del_subregion(&sys, &pci);
    memory_region_del_subregion(&sys, &hidden);
    memory_region_del_subregion(&pci, &bios_alias);
    memory_region_del_subregion(&pci, &bios);
    memory_region_transaction_commit();
    memory_region_finalize(&hidden);
    memory_region_finalize(&bios_alias);
    memory_region_finalize(&bios);
    memory_region_finalize(&pci);
    memory_region_finalize(&low);
    memory_region_finalize(&ram);
    memory_region_finalize(&sys);
    g_string_free(out, TRUE);
    address_space_init(&f->as, &f->root, "test");
}

static void test_flatview_root_skips_wrappers_and_shares_views(Fixture *f, gconstpointer data)
{
    MemoryRegion sys, ram, wrapper;
    AddressSpace a, b;
    GString *out = g_string_new(NULL);

    address_space_destroy(&f->as);
    memory_region_init(&sys, "sys", UINT64_MAX);
    memory_region_init_ram(&ram, "ram", 0x1000);
    memory_region_init_alias(&wrapper, "wrapper", &sys, 0, UINT64_MAX);
    memory_region_add_subregion(&sys, 0, &ram);
    address_space_init(&a, &sys, "a");
    address_space_init(&b, &wrapper, "b");
    /* sys holds only ram at 0, and wrapper is all of sys: one view */
    g_assert_true(address_space_to_flatview(&a) == address_space_to_flatview(&b));
    mtree_info(out, true, false);
    g_assert_cmpstr(out->str, ==,
        "FlatView #0\n"
        " AS \"a\", root: sys\n"
        " AS \"b\", root: wrapper, alias sys\n"
        " Root memory region: ram\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): ram\n"
        "\n");

    address_space_destroy(&b);
    address_space_destroy(&a);
    memory_region_del_subregion(&sys, &ram);
    memory_region_finalize(&wrapper);
    memory_region_finalize(&ram);
    memory_region_finalize(&sys);
    g_string_free(out, TRUE);
    address_space_init(&f->as, &f->root, "test");
}

static void test_ramblock_table_lists_largest_first(void)
{
    MemoryRegion small, big;
    GString *out = g_string_new(NULL);

    memory_region_init_ram(&small, "small", 0x1000);
    memory_region_init_ram(&big, "big", 0x100000);
    ram_block_format(out);
    g_assert_true(g_str_has_prefix(out->str,
        "              Block Name    PSize              Offset               Used              Total\n"));
    char *line = g_strdup_printf("%24s %8s  0x%016" PRIx64 " 0x%016" PRIx64 " 0x%016" PRIx64 "\n",
                                 "big", "4 KiB", big.ram_block->offset, (uint64_t)0x100000,
                                 (uint64_t)0x100000);
    const char *big_at = strstr(out->str, line);
    const char *small_at = strstr(out->str, "                   small    4 KiB  0x");
    g_assert_nonnull(big_at);
    g_assert_nonnull(small_at);
    g_assert_true(big_at < small_at);
    /* offsets are 256 KiB aligned and do not overlap */
    g_assert_cmphex(big.ram_block->offset % 0x40000, ==, 0);
    g_assert_true(big.ram_block->offset >= small.ram_block->offset + 0x1000 ||
                  small.ram_block->offset >= big.ram_block->offset + 0x100000);
    g_free(line);
    memory_region_finalize(&big);
    memory_region_finalize(&small);
    g_string_free(out, TRUE);
}

#define ADD(path, fn) \
    g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    ADD("/memory/priority/higher-wins-overlap", test_higher_priority_wins_overlap);
    ADD("/memory/priority/equal-latest-added-wins", test_equal_priority_latest_added_wins);
    ADD("/memory/priority/leaf-subregion-on-top", test_leaf_subregion_sits_on_top_of_leaf);
    ADD("/memory/alias/alias-of-alias", test_alias_of_alias_reaches_target_bytes);
    ADD("/memory/container/nested-offsets-and-clip", test_nested_containers_add_offsets_and_clip);
    ADD("/memory/rom/drops-writes", test_rom_drops_writes);
    ADD("/memory/rom/romd-switch", test_romd_switch_moves_reads_between_ram_and_ops);
    ADD("/memory/rom/readonly-alias", test_readonly_alias_protects_ram);
    ADD("/memory/access/split-to-bytes", test_wide_read_is_split_into_implemented_bytes);
    ADD("/memory/access/widen-rmw", test_narrow_access_is_widened_with_read_modify_write);
    ADD("/memory/access/big-endian", test_big_endian_device_sees_swapped_value);
    ADD("/memory/access/invalid-size", test_invalid_size_reads_all_ones_with_decode_error);
    ADD("/memory/access/unassigned", test_unassigned_reads_all_ones);
    ADD("/memory/access/unassigned-logged", test_unassigned_access_is_logged_as_guest_error);
    ADD("/memory/listener/add-move-remove", test_listener_hears_add_move_and_remove);
    ADD("/memory/transaction/one-rendering", test_transaction_batches_changes_into_one_rendering);
    ADD("/memory/dirty/code-write-hook", test_write_to_code_page_calls_hook_once);
    ADD("/memory/mtree/tree-and-flatview", test_mtree_prints_tree_aliases_and_flatview);
    ADD("/memory/mtree/effective-root", test_flatview_root_skips_wrappers_and_shares_views);
    g_test_add_func("/memory/ramblock/table", test_ramblock_table_lists_largest_first);
    g_test_add_func("/memory/transaction/space-created-inside",
                    test_space_created_inside_transaction_is_empty_until_commit);
    g_test_add_func("/memory/flatview/readonly-root-kept", test_readonly_container_root_is_not_skipped);
    return g_test_run();
}
