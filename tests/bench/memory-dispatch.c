/*
 * Memory API benchmark (not a test): on a PC-like layout (the regions QEMU
 * 7.2's `pc` machine shows in `info mtree`: RAM below 4G through an alias,
 * the PCI container under it, VGA window, option ROM, BIOS and its ISA
 * alias, 13 PAM aliases, IOAPIC, HPET, MSI window, ~25 port regions), it
 * measures
 *   - FlatView lookups per second: random addresses (no locality) and
 *     sequential ones (the cache of the last hit helps);
 *   - address_space_ldl on RAM and on an I/O region (full dispatch);
 *   - the cost of one transaction commit that re-renders every address
 *     space (a PAM register write: 13 aliases switched), and of a commit
 *     that toggles one region.
 *
 * Usage: memory-dispatch [seconds-per-measurement, default 0.5]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "exec/memory.h"

#define MiB (1ULL << 20)
#define RAM_SIZE (128 * MiB)

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    return addr;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t v, unsigned size)
{
}

static const MemoryRegionOps dev_ops = {
    .read = dev_read,
    .write = dev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static MemoryRegion ram, ram_below_4g, pci, vga_lowmem, pc_rom, pc_bios, isa_bios;
static MemoryRegion ioapic, hpet, apic_msi, smram_region;
static MemoryRegion pam_ram[13], pam_pci[13];
static MemoryRegion ports[32];

static void build_pc_layout(void)
{
    MemoryRegion *sys = get_system_memory();
    MemoryRegion *io = get_system_io();

    memory_map_init();
    memory_region_transaction_begin();
    memory_region_init_ram(&ram, "pc.ram", RAM_SIZE);
    memory_region_init_alias(&ram_below_4g, "ram-below-4g", &ram, 0, RAM_SIZE);
    memory_region_add_subregion(sys, 0, &ram_below_4g);
    memory_region_init(&pci, "pci", UINT64_MAX);
    memory_region_add_subregion_overlap(sys, 0, &pci, -1);
    memory_region_init_io(&vga_lowmem, &dev_ops, NULL, "vga-lowmem", 0x20000);
    memory_region_add_subregion_overlap(&pci, 0xa0000, &vga_lowmem, 1);
    memory_region_init_rom(&pc_rom, "pc.rom", 0x20000);
    memory_region_add_subregion_overlap(&pci, 0xc0000, &pc_rom, 1);
    memory_region_init_rom(&pc_bios, "pc.bios", 0x40000);
    memory_region_add_subregion(&pci, 0xfffc0000, &pc_bios);
    memory_region_init_alias(&isa_bios, "isa-bios", &pc_bios, 0x20000, 0x20000);
    memory_region_add_subregion_overlap(&pci, 0xe0000, &isa_bios, 1);
    memory_region_init_alias(&smram_region, "smram-region", &pci, 0xa0000, 0x20000);
    memory_region_add_subregion_overlap(sys, 0xa0000, &smram_region, 1);
    /* PAM: 0xc0000-0xfffff in 16 KiB segments (0xf0000: one 64 KiB) */
    for (int i = 0; i < 13; i++) {
        hwaddr start = i < 12 ? 0xc0000 + i * 0x4000 : 0xf0000;
        uint64_t size = i < 12 ? 0x4000 : 0x10000;
        memory_region_init_alias(&pam_ram[i], "pam-ram", &ram, start, size);
        memory_region_init_alias(&pam_pci[i], "pam-pci", &pci, start, size);
        memory_region_set_enabled(&pam_ram[i], false);
        memory_region_add_subregion_overlap(sys, start, &pam_ram[i], 1);
        memory_region_add_subregion_overlap(sys, start, &pam_pci[i], 1);
    }
    memory_region_init_io(&ioapic, &dev_ops, NULL, "ioapic", 0x1000);
    memory_region_add_subregion(sys, 0xfec00000, &ioapic);
    memory_region_init_io(&hpet, &dev_ops, NULL, "hpet", 0x400);
    memory_region_add_subregion(sys, 0xfed00000, &hpet);
    memory_region_init_io(&apic_msi, &dev_ops, NULL, "apic-msi", 0x100000);
    memory_region_add_subregion_overlap(sys, 0xfee00000, &apic_msi, 4096);
    /* ports: DMA, PIC, PIT, keyboard, RTC, serial, IDE, VGA, PCI config, ... */
    static const struct { hwaddr base; uint64_t size; } port_list[] = {
        { 0x00, 8 }, { 0x08, 8 }, { 0x20, 2 }, { 0x40, 4 }, { 0x60, 1 }, { 0x61, 1 },
        { 0x64, 1 }, { 0x70, 2 }, { 0x80, 1 }, { 0x81, 3 }, { 0x87, 1 }, { 0x89, 3 },
        { 0x8f, 1 }, { 0x92, 1 }, { 0xa0, 2 }, { 0xc0, 16 }, { 0xd0, 16 }, { 0x170, 8 },
        { 0x1f0, 8 }, { 0x376, 1 }, { 0x3b4, 2 }, { 0x3c0, 16 }, { 0x3d4, 2 }, { 0x3f6, 1 },
        { 0x3f8, 8 }, { 0x4d0, 2 }, { 0x510, 2 }, { 0xcf8, 4 }, { 0xcfc, 4 }, { 0x600, 64 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(port_list); i++) {
        memory_region_init_io(&ports[i], &dev_ops, NULL, "port", port_list[i].size);
        memory_region_add_subregion(io, port_list[i].base, &ports[i]);
    }
    memory_region_transaction_commit();
}

static double now(void)
{
    return (double)g_get_monotonic_time() / G_USEC_PER_SEC;
}

/* Addresses a guest touches: mostly RAM, some ROM and MMIO. */
static hwaddr *make_addresses(unsigned n, bool sequential)
{
    hwaddr *a = g_new(hwaddr, n);
    GRand *r = g_rand_new_with_seed(42);
    hwaddr seq = 0x100000;

    for (unsigned i = 0; i < n; i++) {
        if (sequential) {
            a[i] = seq;
            seq = seq + 64 < RAM_SIZE ? seq + 64 : 0x100000;
            continue;
        }
        switch (g_rand_int_range(r, 0, 10)) {
        case 0:
            a[i] = 0xa0000 + g_rand_int_range(r, 0, 0x60000);
            break;
        case 1:
            a[i] = 0xfec00000 + g_rand_int_range(r, 0, 0x1000);
            break;
        case 2:
            a[i] = 0xfee00000 + g_rand_int_range(r, 0, 0x100000);
            break;
        default:
            a[i] = g_rand_int_range(r, 0, (gint32)RAM_SIZE);
            break;
        }
    }
    g_rand_free(r);
    return a;
}

static void bench_lookups(const char *what, bool sequential, double seconds)
{
    enum { N = 1 << 16 };
    hwaddr *addr = make_addresses(N, sequential);
    FlatView *fv = address_space_to_flatview(&address_space_memory);
    uint64_t count = 0, hits = 0;
    double start = now(), elapsed;

    do {
        for (unsigned i = 0; i < N; i++) {
            hits += flatview_lookup(fv, addr[i]) != NULL;
        }
        count += N;
        elapsed = now() - start;
    } while (elapsed < seconds);
    printf("%-44s %10.1f M lookups/s  (%u ranges, %.0f%% mapped)\n", what,
           count / elapsed / 1e6, fv->nr, 100.0 * hits / count);
    g_free(addr);
}

static void bench_loads(const char *what, hwaddr base, hwaddr span, double seconds)
{
    uint64_t count = 0, sum = 0;
    double start = now(), elapsed;

    do {
        for (hwaddr off = 0; off < 4096; off += 4) {
            sum += address_space_ldl_le(&address_space_memory, base + (off % span),
                                        MEMTXATTRS_UNSPECIFIED, NULL);
        }
        count += 1024;
        elapsed = now() - start;
    } while (elapsed < seconds);
    printf("%-44s %10.1f M loads/s   (checksum %" PRIx64 ")\n", what, count / elapsed / 1e6,
           sum & 0xff);
}

static void bench_commits(const char *what, bool pam, double seconds)
{
    uint64_t count = 0;
    uint64_t renders = memory_render_count();
    double start = now(), elapsed;
    bool on = true;

    do {
        memory_region_transaction_begin();
        if (pam) {
            /* a PAM write: every segment switches between RAM and PCI */
            for (int i = 0; i < 13; i++) {
                memory_region_set_enabled(&pam_ram[i], on);
                memory_region_set_enabled(&pam_pci[i], !on);
            }
        } else {
            memory_region_set_enabled(&smram_region, !on);
        }
        memory_region_transaction_commit();
        on = !on;
        count++;
        elapsed = now() - start;
    } while (elapsed < seconds);
    printf("%-44s %10.2f us/commit  (%" PRIu64 " commits, %" PRIu64 " renderings)\n", what,
           elapsed / count * 1e6, count, memory_render_count() - renders);
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 0.5;

    build_pc_layout();
    printf("Memory API on a PC-like layout (%u ranges in \"memory\", %u in \"I/O\")\n",
           address_space_to_flatview(&address_space_memory)->nr,
           address_space_to_flatview(&address_space_io)->nr);
    bench_lookups("lookup, random addresses (RAM/ROM/MMIO mix)", false, seconds);
    bench_lookups("lookup, sequential RAM addresses", true, seconds);
    bench_loads("address_space_ldl_le, RAM", 0x200000, 4096, seconds);
    bench_loads("address_space_ldl_le, MMIO (ioapic)", 0xfec00000, 0x1000, seconds);
    bench_commits("commit: PAM write (26 aliases toggled)", true, seconds);
    bench_commits("commit: one region toggled", false, seconds);
    return 0;
}
