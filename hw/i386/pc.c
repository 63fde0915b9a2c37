/*
 * The PC's memory map, firmware, CMOS contents and fw_cfg items.
 *
 * Memory (as a real PC with the i440FX lays it out):
 *   0 .. below_4g            RAM ("ram-below-4g"), the rest at 4 GiB ("ram-above-4g")
 *   0xa0000 .. 0xbffff       the legacy VGA window / SMRAM (i440FX SMRAM register)
 *   0xc0000 .. 0xfffff       PAM segments: RAM or PCI (i440FX PAM registers)
 *   0xe0000 .. 0xfffff       on PCI: the last 128 KiB of the BIOS ("isa-bios")
 *   below_4g .. 4 GiB        the PCI hole; the BIOS ROM ends at 4 GiB ("pc.bios")
 * RAM reaching 3.5 GiB moves everything above 3 GiB to 4 GiB, as QEMU does.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/cputlb.h"
#include "hw/boards.h"
#include "hw/i386/apic.h"
#include "hw/i386/pc.h"
#include "hw/irq.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/smbios/smbios.h"
#include "monitor/monitor.h"
#include "q86-config.h"
#include "qemu/log.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "target/i386/cpu.h"

PCMachineState *pc_machine;
void (*pc_a20_notify)(bool enabled);

/* CMOS offsets SeaBIOS reads (src/hw/rtc.h and src/fw/paravirt.c). */
#define CMOS_FLOPPY_DRIVE_TYPE 0x10
#define CMOS_DISK_DATA         0x12
#define CMOS_EQUIPMENT_INFO    0x14
#define CMOS_MEM_BASE_LOW      0x15
#define CMOS_MEM_BASE_HIGH     0x16
#define CMOS_MEM_EXTMEM_LOW    0x17
#define CMOS_MEM_EXTMEM_HIGH   0x18
#define CMOS_CHECKSUM_HIGH     0x2e
#define CMOS_CHECKSUM_LOW      0x2f
#define CMOS_MEM_EXTMEM2_LOW_1K  0x30
#define CMOS_MEM_EXTMEM2_HIGH_1K 0x31
#define CMOS_MEM_EXTMEM2_LOW   0x34  /* above 16 MiB, 64 KiB units */
#define CMOS_MEM_EXTMEM2_HIGH  0x35
#define CMOS_BIOS_BOOTFLAG1    0x38
#define CMOS_BIOS_BOOTFLAG2    0x3d
#define CMOS_MEM_HIGHMEM_LOW   0x5b  /* above 4 GiB, 64 KiB units */
#define CMOS_MEM_HIGHMEM_MID   0x5c
#define CMOS_MEM_HIGHMEM_HIGH  0x5d
#define CMOS_BIOS_SMP_COUNT    0x5f

#define E820_RAM 1

static void pc_a20_update(void *opaque, int n, int level)
{
    PCMachineState *pcms = opaque;

    bool before = pcms->a20_kbc || pcms->a20_port92;

    if (n == 0) {
        pcms->a20_kbc = level;
    } else {
        pcms->a20_port92 = level;
    }
    if (pc_a20_notify && before != (pcms->a20_kbc || pcms->a20_port92)) {
        pc_a20_notify(!before);
    }
}

bool pc_a20_enabled(void)
{
    return pc_machine && (pc_machine->a20_kbc || pc_machine->a20_port92);
}

/*
 * A PCI memory cycle nobody claims ends in master abort: reads return all
 * ones, writes vanish.  Below 1 MiB this must be explicit, or RAM would
 * show through the PAM and SMRAM windows onto PCI.
 */
static uint64_t master_abort_read(void *opaque, hwaddr addr, unsigned size)
{
    return size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

static void master_abort_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
}

static const MemoryRegionOps master_abort_ops = {
    .read = master_abort_read,
    .write = master_abort_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
};

void pc_memory_init(PCMachineState *pcms, MemoryRegion *system_memory)
{
    MachineState *ms = pcms->ms;
    MemoryRegion *ram = ms->ram;

    if (ms->ram_size >= 0xe0000000ULL) {
        pcms->below_4g_mem_size = 0xc0000000ULL;
    } else {
        pcms->below_4g_mem_size = ms->ram_size;
    }
    pcms->above_4g_mem_size = ms->ram_size - pcms->below_4g_mem_size;

    memory_region_init_alias(&pcms->ram_below_4g, "ram-below-4g", ram, 0,
                             pcms->below_4g_mem_size);
    memory_region_add_subregion(system_memory, 0, &pcms->ram_below_4g);
    if (pcms->above_4g_mem_size) {
        memory_region_init_alias(&pcms->ram_above_4g, "ram-above-4g", ram,
                                 pcms->below_4g_mem_size, pcms->above_4g_mem_size);
        memory_region_add_subregion(system_memory, 0x100000000ULL, &pcms->ram_above_4g);
    }
    /* Everything RAM does not claim is PCI (and below it, nothing). */
    memory_region_init(&pcms->pci_memory, "pci", UINT64_MAX);
    memory_region_add_subregion_overlap(system_memory, 0, &pcms->pci_memory, -1);
    memory_region_init_io(&pcms->pci_legacy_abort, &master_abort_ops, NULL,
                          "pci-master-abort", 0x60000);
    memory_region_add_subregion_overlap(&pcms->pci_memory, 0xa0000, &pcms->pci_legacy_abort,
                                        -1000);
    pcms->a20_in[0] = qemu_allocate_irq(pc_a20_update, pcms, 0);
    pcms->a20_in[1] = qemu_allocate_irq(pc_a20_update, pcms, 1);
}

bool pc_system_firmware_init(PCMachineState *pcms, char **errp)
{
    const char *name = hw_options.bios_name ? hw_options.bios_name : PC_BIOS_DEFAULT;
    char *path = qemu_find_file(name);
    gchar *contents = NULL;
    gsize size = 0;
    uint64_t isa_size;

    if (path && !g_file_get_contents(path, &contents, &size, NULL)) {
        g_free(path);
        path = NULL;
    }
    if (!path) {
        if (!qtest_enabled()) {
            *errp = g_strdup_printf("could not load PC BIOS '%s'", name);
            return false;
        }
        /* qtest needs no firmware to run: an erased 128 KiB flash stands in. */
        size = PC_ISA_BIOS_MAX;
        contents = g_malloc(size);
        memset(contents, 0xff, size);
    }
    if (size == 0 || (size % 65536) != 0 || size > 16 * 1024 * 1024) {
        *errp = g_strdup_printf("BIOS '%s' has an invalid size %zu (a multiple of 64 KiB is needed)",
                                path ? path : name, (size_t)size);
        g_free(path);
        g_free(contents);
        return false;
    }
    memory_region_init_rom(&pcms->bios, "pc.bios", size);
    memcpy(memory_region_get_ram_ptr(&pcms->bios), contents, size);
    memory_region_add_subregion(&pcms->pci_memory, 0x100000000ULL - size, &pcms->bios);
    isa_size = MIN(size, PC_ISA_BIOS_MAX);
    memory_region_init_alias(&pcms->isa_bios, "isa-bios", &pcms->bios, size - isa_size, isa_size);
    memory_region_add_subregion_overlap(&pcms->pci_memory, 0x100000 - isa_size,
                                        &pcms->isa_bios, 1);
    g_free(path);
    g_free(contents);
    return true;
}

static int boot_device_code(char c)
{
    switch (c) {
    case 'a':
    case 'b':
        return 1;                /* floppy */
    case 'c':
        return 2;                /* hard disk */
    case 'd':
        return 3;                /* CD-ROM */
    case 'n':
        return 4;                /* network */
    default:
        return 0;
    }
}

void pc_cmos_init(PCMachineState *pcms, ISADevice *rtc)
{
    uint64_t below = pcms->below_4g_mem_size;
    uint64_t val;
    const char *boot = hw_options.boot_order ? hw_options.boot_order : "cad";
    int sum = 0;

    /* Base memory: 640 KiB. */
    rtc_set_memory(rtc, CMOS_MEM_BASE_LOW, 640 & 0xff);
    rtc_set_memory(rtc, CMOS_MEM_BASE_HIGH, 640 >> 8);
    /* Extended memory above 1 MiB in KiB, at most 65535. */
    val = below > 1024 * 1024 ? below / 1024 - 1024 : 0;
    val = MIN(val, 65535);
    rtc_set_memory(rtc, CMOS_MEM_EXTMEM_LOW, val);
    rtc_set_memory(rtc, CMOS_MEM_EXTMEM_HIGH, val >> 8);
    rtc_set_memory(rtc, CMOS_MEM_EXTMEM2_LOW_1K, val);
    rtc_set_memory(rtc, CMOS_MEM_EXTMEM2_HIGH_1K, val >> 8);
    /* Memory above 16 MiB (below 4 GiB) in 64 KiB units. */
    val = below > 16 * 1024 * 1024 ? (below - 16 * 1024 * 1024) / 65536 : 0;
    val = MIN(val, 65535);
    rtc_set_memory(rtc, CMOS_MEM_EXTMEM2_LOW, val);
    rtc_set_memory(rtc, CMOS_MEM_EXTMEM2_HIGH, val >> 8);
    /* Memory above 4 GiB in 64 KiB units, 24 bits. */
    val = pcms->above_4g_mem_size / 65536;
    rtc_set_memory(rtc, CMOS_MEM_HIGHMEM_LOW, val);
    rtc_set_memory(rtc, CMOS_MEM_HIGHMEM_MID, val >> 8);
    rtc_set_memory(rtc, CMOS_MEM_HIGHMEM_HIGH, val >> 16);
    rtc_set_memory(rtc, CMOS_BIOS_SMP_COUNT, hw_options.smp_cpus - 1);
    /* Boot order: first and second device in 0x3d, third in 0x38 bits 7:4. */
    rtc_set_memory(rtc, CMOS_BIOS_BOOTFLAG2,
                   boot_device_code(boot[0]) | (boot[0] ? boot_device_code(boot[1]) << 4 : 0));
    rtc_set_memory(rtc, CMOS_BIOS_BOOTFLAG1,
                   (boot[0] && boot[1] ? boot_device_code(boot[2]) << 4 : 0) | 0x01);
    rtc_set_memory(rtc, CMOS_FLOPPY_DRIVE_TYPE, 0);
    rtc_set_memory(rtc, CMOS_DISK_DATA, 0);
    /* Equipment: FPU present, PS/2 mouse installed; no floppy, no VGA. */
    rtc_set_memory(rtc, CMOS_EQUIPMENT_INFO, 0x02 | 0x04);
    /* The PC/AT checksum over 0x10..0x2d, big-endian at 0x2e. */
    for (int i = 0x10; i <= 0x2d; i++) {
        sum += rtc_get_memory(rtc, i);
    }
    rtc_set_memory(rtc, CMOS_CHECKSUM_HIGH, sum >> 8);
    rtc_set_memory(rtc, CMOS_CHECKSUM_LOW, sum & 0xff);
}

static void e820_add(GByteArray *table, uint64_t addr, uint64_t len, uint32_t type)
{
    uint8_t e[20];

    for (int i = 0; i < 8; i++) {
        e[i] = addr >> (8 * i);
        e[8 + i] = len >> (8 * i);
    }
    for (int i = 0; i < 4; i++) {
        e[16 + i] = type >> (8 * i);
    }
    g_byte_array_append(table, e, sizeof(e));
}

FWCfgState *pc_fw_cfg_init(PCMachineState *pcms)
{
    FWCfgState *fw = fw_cfg_init_io_dma(0x510, 0x514, &address_space_memory);
    unsigned max_cpus = hw_options.smp_max_cpus ? hw_options.smp_max_cpus : hw_options.smp_cpus;
    const char *boot = hw_options.boot_order ? hw_options.boot_order : "cad";
    GByteArray *e820 = g_byte_array_new();
    uint8_t *tables, *anchor;
    size_t tables_len, anchor_len;
    SMBIOSConfig smb = {
        .manufacturer = "QEMU",
        .product = "Standard PC (i440FX + PIIX, 1996)",
        .version = "pc-i440fx-q86",
        .cpus = (int)hw_options.smp_cpus,
        .ram_size = pcms->ms->ram_size,
        .below_4g = pcms->below_4g_mem_size,
    };

    fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, pcms->ms->ram_size);
    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, hw_options.smp_cpus);
    fw_cfg_add_i16(fw, FW_CFG_MAX_CPUS, max_cpus);
    fw_cfg_add_i16(fw, FW_CFG_NOGRAPHIC, hw_options.nographic);
    fw_cfg_add_i32(fw, FW_CFG_MACHINE_ID, 0);
    fw_cfg_add_i16(fw, FW_CFG_BOOT_DEVICE, (uint16_t)boot[0]);
    fw_cfg_add_i16(fw, FW_CFG_BOOT_MENU, hw_options.boot_menu);
    fw_cfg_add_i64(fw, FW_CFG_NUMA, 0);
    fw_cfg_add_i32(fw, FW_CFG_IRQ0_OVERRIDE, 1);
    /* The legacy e820 item carries reservations only: none here. */
    fw_cfg_add_i32(fw, FW_CFG_E820_TABLE, 0);

    e820_add(e820, 0, pcms->below_4g_mem_size, E820_RAM);
    if (pcms->above_4g_mem_size) {
        e820_add(e820, 0x100000000ULL, pcms->above_4g_mem_size, E820_RAM);
    }
    fw_cfg_add_file(fw, "etc/e820", e820->data, e820->len);
    g_byte_array_free(e820, FALSE);

    smbios_build(&smb, &tables, &tables_len, &anchor, &anchor_len);
    fw_cfg_add_file(fw, "etc/smbios/smbios-tables", tables, tables_len);
    fw_cfg_add_file(fw, "etc/smbios/smbios-anchor", anchor, anchor_len);

    if (hw_options.boot_splash_time >= 0 || hw_options.boot_menu) {
        uint16_t *wait = g_new(uint16_t, 1);
        *wait = GUINT16_TO_LE(hw_options.boot_splash_time >= 0 ?
                              (uint16_t)hw_options.boot_splash_time : 0);
        fw_cfg_add_file(fw, "etc/boot-menu-wait", wait, 2);
    }
    if (hw_options.nographic) {
        /* SeaBIOS's serial console redirection (sercon) on COM1. */
        uint16_t *port = g_new(uint16_t, 1);
        *port = GUINT16_TO_LE(0x3f8);
        fw_cfg_add_file(fw, "etc/sercon-port", port, 2);
    }
    pcms->fw_cfg = fw;
    return fw;
}

/* ---- the CPU ---- */

static void pc_cpu_intr_changed(int level)
{
    CPUState *cs = &pc_machine->cpu->parent_obj;
    DeviceState *apic = pc_machine->cpu->env.apic;

    /* The 8259's INT reaches LINT0 of the APIC, or INTR directly without one. */
    if (apic) {
        apic_deliver_pic_intr(apic, level);
    } else if (level) {
        cpu_interrupt(cs, CPU_INTERRUPT_HARD);
    } else {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_HARD);
    }
}

static void pc_cpu_a20_changed(bool enabled)
{
    x86_cpu_set_a20(pc_machine->cpu, enabled);
}

/* SMI# from the PIIX4's APM control port (82371AB datasheet, 7.2.2 APMC). */
static void pc_smi_handler(void *opaque, int n, int level)
{
    PCMachineState *pcms = opaque;

    if (level && pcms->cpu) {
        cpu_interrupt(&pcms->cpu->parent_obj, CPU_INTERRUPT_SMI);
    }
}

/*
 * What ends a HLT (SDM vol. 3A, 8.4 / HLT): an unmasked external interrupt
 * (INTR with EFLAGS.IF), NMI, SMI (held pending inside SMM), INIT, SIPI.
 */
static bool pc_cpu_has_work(CPUState *cs)
{
    CPUX86State *env = cpu_env(cs);
    uint32_t req = __atomic_load_n(&cs->interrupt_request, __ATOMIC_ACQUIRE);

    if ((req & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK)) {
        return true;
    }
    if ((req & CPU_INTERRUPT_SMI) && !(env->hflags & HF_SMM_MASK)) {
        return true;
    }
    return req & (CPU_INTERRUPT_NMI | CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI);
}

/* System reset: the CPU back to its power-on state (runs after the devices'
 * reset, with the vCPU paused). */
static void pc_cpu_reset(void *opaque)
{
    PCMachineState *pcms = opaque;
    X86CPU *cpu = pcms->cpu;
    CPUState *cs = &cpu->parent_obj;

    x86_cpu_reset(cpu);
    cs->halted = false;
    cs->exception_index = -1;
    __atomic_store_n(&cs->interrupt_request, 0, __ATOMIC_SEQ_CST);
    if (cpu->env.apic) {
        apic_reset(cpu->env.apic);
    }
    x86_cpu_set_a20(cpu, pc_a20_enabled());
    tlb_flush(cs);
    /* The PIC may still drive INTR (it was reset too, but be exact). */
    pc_cpu_intr_changed(pcms->cpu_intr_level);
}

/* ---- the monitor's `x`: guest-virtual reads without side effects ---- */

static uint64_t debug_load(AddressSpace *as, MemTxAttrs attrs, uint64_t paddr, bool pae)
{
    uint8_t b[8] = { 0 };

    address_space_read(as, paddr, attrs, b, pae ? 8 : 4);
    uint64_t v = 0;
    for (int i = pae ? 7 : 3; i >= 0; i--) {
        v = (v << 8) | b[i];
    }
    return v;
}

/*
 * The physical address of linear address @addr, walking the paging
 * structures as the CPU would (SDM vol. 3A, 4.3 32-bit paging with PSE and
 * PSE-36, 4.4 PAE) but without permission checks or A/D updates: a debug
 * view, as QEMU's `x` has.  False if a level is not present.
 */
static bool pc_cpu_debug_translate(CPUX86State *env, AddressSpace *as, MemTxAttrs attrs,
                                   uint32_t addr, uint64_t *paddr)
{
    uint64_t maxphys = (env->cpuid_features & (CPUID_PAE | CPUID_PSE36)) ? 0xfffffffffull
                                                                         : 0xffffffffull;
    uint64_t entry;

    if (!(env->cr[0] & CR0_PG_MASK)) {
        *paddr = addr & env->a20_mask;
        return true;
    }
    if (env->cr[4] & CR4_PAE_MASK) {
        entry = debug_load(as, attrs, ((env->cr[3] & ~0x1fu) + ((addr >> 30) << 3)) &
                           env->a20_mask, true);
        if (!(entry & 1)) {
            return false;
        }
        entry = debug_load(as, attrs, ((entry & maxphys & ~0xfffull) +
                                       (((addr >> 21) & 0x1ff) << 3)) & env->a20_mask, true);
        if (!(entry & 1)) {
            return false;
        }
        if (entry & 0x80) {          /* 2 MiB page */
            *paddr = ((entry & maxphys & ~0x1fffffull) | (addr & 0x1fffff)) & env->a20_mask;
            return true;
        }
        entry = debug_load(as, attrs, ((entry & maxphys & ~0xfffull) +
                                       (((addr >> 12) & 0x1ff) << 3)) & env->a20_mask, true);
        if (!(entry & 1)) {
            return false;
        }
        *paddr = ((entry & maxphys & ~0xfffull) | (addr & 0xfff)) & env->a20_mask;
        return true;
    }
    entry = debug_load(as, attrs, ((env->cr[3] & ~0xfffu) + ((addr >> 22) << 2)) &
                       env->a20_mask, false);
    if (!(entry & 1)) {
        return false;
    }
    if ((entry & 0x80) && (env->cr[4] & CR4_PSE_MASK)) {   /* 4 MiB page, bits 20:13 = 39:32 */
        uint64_t high = (env->cpuid_features & CPUID_PSE36) ? ((entry >> 13) & 0xff) << 32 : 0;
        *paddr = (high | (entry & 0xffc00000u) | (addr & 0x3fffff)) & maxphys & env->a20_mask;
        return true;
    }
    entry = debug_load(as, attrs, ((entry & ~0xfffull) + (((addr >> 12) & 0x3ff) << 2)) &
                       env->a20_mask, false);
    if (!(entry & 1)) {
        return false;
    }
    *paddr = ((entry & ~0xfffull) | (addr & 0xfff)) & env->a20_mask;
    return true;
}

/* `x`: reads through the first CPU's current view (SMM sees SMRAM). */
static bool pc_cpu_virt_read(uint64_t addr, uint8_t *buf, int len)
{
    X86CPU *cpu = pc_machine->cpu;
    CPUX86State *env = &cpu->env;
    bool smm = env->hflags & HF_SMM_MASK;
    AddressSpace *as = smm ? &pc_machine->smm_as : &address_space_memory;
    MemTxAttrs attrs = { .secure = smm };

    while (len > 0) {
        uint32_t va = (uint32_t)addr;
        int chunk = MIN(len, (int)(0x1000 - (va & 0xfff)));
        uint64_t pa;

        if (!pc_cpu_debug_translate(env, as, attrs, va, &pa)) {
            return false;
        }
        address_space_read(as, pa, attrs, buf, chunk);
        buf += chunk;
        addr += chunk;
        len -= chunk;
    }
    return true;
}

/* ---- info tlb / info mem: the first CPU's page tables ---- */

#define PTE_P   0x001u
#define PTE_W   0x002u
#define PTE_U   0x004u
#define PTE_PWT 0x008u
#define PTE_PCD 0x010u
#define PTE_A   0x020u
#define PTE_D   0x040u
#define PTE_PS  0x080u  /* PDE: large page; PTE: PAT (shown as P, as QEMU does for PDEs only) */
#define PTE_G   0x100u
#define PTE_NX  (1ull << 63)

typedef struct PageTableView {
    CPUX86State *env;
    AddressSpace *as;
    MemTxAttrs attrs;
    bool pae;
    uint64_t maxphys;
} PageTableView;

static PageTableView page_table_view(void)
{
    CPUX86State *env = &pc_machine->cpu->env;
    bool smm = env->hflags & HF_SMM_MASK;

    return (PageTableView){
        .env = env,
        .as = smm ? &pc_machine->smm_as : &address_space_memory,
        .attrs = { .secure = smm },
        .pae = env->cr[4] & CR4_PAE_MASK,
        .maxphys = (env->cpuid_features & (CPUID_PAE | CPUID_PSE36)) ? 0xfffffffffull
                                                                      : 0xffffffffull,
    };
}

static uint64_t view_load(const PageTableView *v, uint64_t paddr)
{
    return debug_load(v->as, v->attrs, paddr & v->env->a20_mask, v->pae);
}

/* One mapping as QEMU's x86 `info tlb` prints it: linear, physical, then
 * X(NX) G P(large page) D A C(PCD) T(PWT) U W. */
static void print_pte(Monitor *mon, uint64_t addr, uint64_t pte, uint64_t phys)
{
    monitor_printf(mon, "%016" PRIx64 ": %016" PRIx64 " %c%c%c%c%c%c%c%c%c\n", addr, phys,
                   pte & PTE_NX ? 'X' : '-', pte & PTE_G ? 'G' : '-', pte & PTE_PS ? 'P' : '-',
                   pte & PTE_D ? 'D' : '-', pte & PTE_A ? 'A' : '-', pte & PTE_PCD ? 'C' : '-',
                   pte & PTE_PWT ? 'T' : '-', pte & PTE_U ? 'U' : '-', pte & PTE_W ? 'W' : '-');
}

/*
 * Calls fn for every present leaf (4 KiB, 2 MiB or 4 MiB page) in address
 * order, and for every non-present range (pte 0), so `info mem` can close
 * its ranges.  SDM vol. 3A, 4.3 (32-bit paging, PSE) and 4.4 (PAE).
 */
typedef void PageFn(Monitor *mon, void *opaque, uint64_t addr, uint64_t size, uint64_t pte,
                    uint64_t pde_rights, uint64_t phys);

static void walk_page_tables(Monitor *mon, const PageTableView *v, PageFn *fn, void *opaque)
{
    CPUX86State *env = v->env;

    if (!v->pae) {
        bool pse = env->cr[4] & CR4_PSE_MASK;
        for (uint64_t l1 = 0; l1 < 1024; l1++) {
            uint64_t pde = view_load(v, (env->cr[3] & ~0xfffu) + l1 * 4);
            uint64_t base = l1 << 22;
            if (!(pde & PTE_P)) {
                fn(mon, opaque, base, 1u << 22, 0, 0, 0);
            } else if ((pde & PTE_PS) && pse) {
                fn(mon, opaque, base, 1u << 22, pde, pde, pde & 0xffc00000u);
            } else {
                for (uint64_t l2 = 0; l2 < 1024; l2++) {
                    uint64_t pte = view_load(v, (pde & ~0xfffull) + l2 * 4) & ~(uint64_t)PTE_PS;
                    fn(mon, opaque, base + (l2 << 12), 4096, pte & PTE_P ? pte : 0, pde,
                       pte & ~0xfffull);
                }
            }
        }
        return;
    }
    for (uint64_t l1 = 0; l1 < 4; l1++) {
        uint64_t pdpte = view_load(v, (env->cr[3] & ~0x1fu) + l1 * 8);
        if (!(pdpte & PTE_P)) {
            fn(mon, opaque, l1 << 30, 1u << 30, 0, 0, 0);
            continue;
        }
        for (uint64_t l2 = 0; l2 < 512; l2++) {
            uint64_t pde = view_load(v, (pdpte & v->maxphys & ~0xfffull) + l2 * 8);
            uint64_t base = (l1 << 30) + (l2 << 21);
            if (!(pde & PTE_P)) {
                fn(mon, opaque, base, 1u << 21, 0, 0, 0);
            } else if (pde & PTE_PS) {
                fn(mon, opaque, base, 1u << 21, pde, pde, pde & v->maxphys & ~0x1fffffull);
            } else {
                for (uint64_t l3 = 0; l3 < 512; l3++) {
                    uint64_t pte = view_load(v, (pde & v->maxphys & ~0xfffull) + l3 * 8) &
                                   ~(uint64_t)PTE_PS;
                    fn(mon, opaque, base + (l3 << 12), 4096, pte & PTE_P ? pte : 0, pde,
                       pte & v->maxphys & ~0xfffull);
                }
            }
        }
    }
}

static void tlb_line(Monitor *mon, void *opaque, uint64_t addr, uint64_t size, uint64_t pte,
                     uint64_t pde_rights, uint64_t phys)
{
    if (pte) {
        print_pte(mon, addr, pte, phys);
    }
}

/* info mem: runs of linear addresses with the same rights (U/S and R/W of
 * every level ANDed), "start-end size urw". */
typedef struct MemRun {
    uint64_t start;
    unsigned prot;  /* PTE_P | PTE_U | PTE_W; 0: not mapped */
} MemRun;

static void mem_run_to(Monitor *mon, MemRun *run, uint64_t addr, unsigned prot)
{
    if (prot == run->prot) {
        return;
    }
    if (run->prot) {
        monitor_printf(mon, "%016" PRIx64 "-%016" PRIx64 " %016" PRIx64 " %c%c%c\n", run->start,
                       addr, addr - run->start, run->prot & PTE_U ? 'u' : '-', 'r',
                       run->prot & PTE_W ? 'w' : '-');
    }
    run->start = addr;
    run->prot = prot;
}

static void mem_line(Monitor *mon, void *opaque, uint64_t addr, uint64_t size, uint64_t pte,
                     uint64_t pde_rights, uint64_t phys)
{
    mem_run_to(mon, opaque, addr,
               pte ? (unsigned)(pte & pde_rights & (PTE_P | PTE_U | PTE_W)) : 0);
}

static bool paging_enabled(Monitor *mon)
{
    if (!pc_machine || !pc_machine->cpu) {
        monitor_printf(mon, "No CPU available\n");
        return false;
    }
    if (!(pc_machine->cpu->env.cr[0] & CR0_PG_MASK)) {
        monitor_printf(mon, "PG disabled\n");
        return false;
    }
    return true;
}

static void hmp_info_tlb(Monitor *mon, int argc, char **argv)
{
    if (paging_enabled(mon)) {
        PageTableView v = page_table_view();
        walk_page_tables(mon, &v, tlb_line, NULL);
    }
}

static void hmp_info_mem(Monitor *mon, int argc, char **argv)
{
    if (paging_enabled(mon)) {
        PageTableView v = page_table_view();
        MemRun run = { 0, 0 };
        walk_page_tables(mon, &v, mem_line, &run);
        mem_run_to(mon, &run, 1ull << 32, 0);
    }
}

bool pc_cpus_init(PCMachineState *pcms, MemoryRegion *smram, char **errp)
{
    const char *model = pcms->ms->cpu_type;
    X86CPU *cpu = cpu_x86_create(model);

    /* -cpu is checked even where no CPU will run. */
    if (!cpu) {
        *errp = g_strdup_printf("-cpu %s: unknown CPU model or feature "
                                "(use -cpu help to list them)", model);
        return false;
    }
    /* TODO: more vCPU threads (softmmu/cpus.c is general; the APs' wait for
     * SIPI and the SMI/INIT routing are not there yet).  The firmware would
     * wait forever for CPUs that never start, so say it instead. */
    if (!qtest_enabled() && hw_options.smp_cpus > 1) {
        free(cpu);
        *errp = g_strdup_printf("-smp %u: only one CPU runs in system emulation yet "
                                "(-accel qtest takes any count)", hw_options.smp_cpus);
        return false;
    }
    if (qtest_enabled()) {
        /* No guest code runs under qtest; the APIC page is still there. */
        free(cpu);
        apic_create(NULL);
        return true;
    }
    CPUState *cs = &cpu->parent_obj;
    cs->cpu_index = 0;
    pcms->cpu = cpu;

    /* SMM sees system memory with the i440FX's SMRAM over it (the SMRAM
     * register's G_SMRAME opens RAM at 0xa0000 to SMM only: i440FX
     * datasheet 3.2.22). */
    memory_region_transaction_begin();
    memory_region_init(&pcms->smm_root, "cpu-smm", UINT64_MAX);
    memory_region_init_alias(&pcms->smm_memory, "smm-memory", get_system_memory(), 0,
                             UINT64_MAX);
    memory_region_add_subregion_overlap(&pcms->smm_root, 0, &pcms->smm_memory, 0);
    memory_region_add_subregion_overlap(&pcms->smm_root, 0, smram, 1);
    memory_region_transaction_commit();
    address_space_init(&pcms->smm_as, &pcms->smm_root, "cpu-smm-0");
    tlb_init(cs, &address_space_memory, &pcms->smm_as);

    apic_create(cpu);

    x86_cpu_set_a20(cpu, pc_a20_enabled());
    pc_a20_notify = pc_cpu_a20_changed;
    pc_cpu_intr_notify = pc_cpu_intr_changed;
    pcms->smi = qemu_allocate_irq(pc_smi_handler, pcms, 0);
    qemu_set_cpu_has_work(pc_cpu_has_work);
    qemu_register_reset(pc_cpu_reset, pcms);
    monitor_set_virt_read(pc_cpu_virt_read);
    monitor_register_info("tlb", "", "show virtual to physical memory mappings", hmp_info_tlb);
    monitor_register_info("mem", "", "show the active virtual memory mappings", hmp_info_mem);
    qemu_init_vcpu(cs);
    return true;
}
