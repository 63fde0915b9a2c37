/*
 * The `pc` machine: i440FX host bridge + PIIX3 south bridge + PIIX4 power
 * management, with the PC's ISA devices.
 *
 *   00.0  i440FX PMC         01.0  PIIX3 ISA bridge
 *   01.1  PIIX3 IDE          01.3  PIIX4 PM (SCI on IRQ 9)
 *   GSI:  each ISA IRQ goes to both the 8259A pair and the 82093AA I/O APIC
 *         at 0xfec00000 (ISA IRQ0 on its pin 2).
 *   ISA:  two 8259A PICs, 8254 PIT (IRQ0), port 0x61, MC146818 RTC (IRQ8),
 *         8042 keyboard controller (IRQ1/IRQ12), port 0x92, 16550A UARTs
 *         for each -serial, fw_cfg at 0x510.
 * CPU: one, of -cpu (pc_cpus_init in pc.c); the master PIC's INT goes to
 * a line the machine records (qtest can intercept it) and passes on to the
 * CPU's local APIC (LINT0) or INTR.
 */
#include <stdio.h>

#include "hw/boards.h"
#include "hw/char/serial.h"
#include "hw/i386/pc.h"
#include "hw/i386/x86-boot.h"
#include "hw/input/i8042.h"
#include "hw/intc/i8259.h"
#include "hw/intc/ioapic.h"
#include "hw/pci-host/i440fx.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/southbridge/piix.h"
#include "hw/timer/i8254.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"

void (*pc_cpu_intr_notify)(int level);

static void pc_cpu_intr(void *opaque, int n, int level)
{
    PCMachineState *pcms = opaque;

    pcms->cpu_intr_level = level;
    if (pc_cpu_intr_notify) {
        pc_cpu_intr_notify(level);
    }
}

/* An ISA IRQ line reaches both interrupt controllers. */
static void pc_gsi_handler(void *opaque, int n, int level)
{
    PCMachineState *pcms = opaque;

    qemu_set_irq(pcms->pic_irqs[n], level);
    qemu_set_irq(qdev_get_gpio_in(DEVICE(pcms->ioapic), n), level);
}

static void pc_machine_reset(void *opaque)
{
    qdev_reset_system();
}

static bool pc_init1(MachineState *ms, char **errp)
{
    PCMachineState *pcms = g_new0(PCMachineState, 1);
    MemoryRegion *system_memory = get_system_memory();
    MemoryRegion *system_io = get_system_io();
    I440FXHostState *host;
    PIIX3State *piix3;
    ISABus *isa_bus;
    qemu_irq *pic_irqs;
    ISADevice *kbc, *rtc;
    DeviceState *rtc_dev;
    PIIX4PMState *pm;

    pc_machine = pcms;
    pcms->ms = ms;
    if (ms->ram_size < 1024 * 1024) {
        /* The PAM and SMRAM windows below 1 MiB are views of RAM. */
        *errp = g_strdup_printf("ram size too small: the pc machine needs at least 1 MiB");
        return false;
    }
    if (!ms->ram) {
        machine_create_ram(ms);
    }
    memory_region_transaction_begin();
    pc_memory_init(pcms, system_memory);
    if (!pc_system_firmware_init(pcms, errp)) {
        memory_region_transaction_commit();
        return false;
    }
    memory_region_transaction_commit();

    host = i440fx_init(system_memory, system_io, &pcms->pci_memory, ms->ram);
    piix3 = piix3_create(host->bus, PCI_DEVFN(1, 0), system_io);
    i440fx_set_rcr_handler(host, piix3_rcr_read, piix3_rcr_write, piix3);
    isa_bus = piix3->isa_bus;

    pcms->cpu_intr = qemu_allocate_irq(pc_cpu_intr, pcms, 0);
    pic_irqs = i8259_init(isa_bus, pcms->cpu_intr);
    pcms->pic_irqs = pic_irqs;
    pcms->ioapic = ioapic_init(system_memory, IOAPIC_DEFAULT_BASE);
    pcms->gsi = qemu_allocate_irqs(pc_gsi_handler, pcms, ISA_NUM_IRQS);
    piix3_connect_irqs(piix3, pcms->gsi);

    /* RTC: base year 2000, so the century byte reads 0x20. */
    rtc_dev = qdev_new(TYPE_MC146818_RTC);
    qdev_prop_set_int32(rtc_dev, "base_year", 2000);
    if (hw_options.rtc_base) {
        qdev_prop_set_string(rtc_dev, "base", hw_options.rtc_base);
    }
    qdev_realize_or_die(rtc_dev, &isa_bus->qbus);
    rtc = ISA_DEVICE(rtc_dev);
    qdev_connect_gpio_out(rtc_dev, 0, isa_get_irq(rtc, RTC_ISA_IRQ));
    pcms->rtc = rtc;

    i8254_pit_init(isa_bus, 0x40, 0);
    isa_create_simple(isa_bus, "isa-pcspk");
    kbc = i8042_init(isa_bus);
    /* The 8042's output port resets with A20 set (its reset already ran,
     * before this line was connected). */
    pcms->a20_kbc = true;
    qdev_connect_gpio_out(DEVICE(kbc), 0, pcms->a20_in[0]);
    port92_init(isa_bus, pcms->a20_in[1]);
    for (int i = 0; i < MAX_SERIAL_PORTS; i++) {
        if (serial_hd(i)) {
            serial_isa_init(isa_bus, i, serial_hd(i));
        }
    }

    pci_create_simple(host->bus, PCI_DEVFN(1, 1), TYPE_PIIX3_IDE);
    pm = piix4_pm_create(host->bus, PCI_DEVFN(1, 3), isa_bus, 9);

    pc_cmos_init(pcms, rtc);
    pc_fw_cfg_init(pcms);
    if (!x86_boot_setup(pcms->fw_cfg, pcms->below_4g_mem_size, errp)) {
        return false;
    }
    qemu_register_reset(pc_machine_reset, pcms);
    /* The CPU last: its reset handler runs after the devices'. */
    if (!pc_cpus_init(pcms, &host->pmc->smram, errp)) {
        return false;
    }
    pm->smi_irq = pcms->smi;
    return true;
}

static MachineClass pc_i440fx_machine = {
    .name = "pc",
    .desc = "Standard PC (i440FX + PIIX, 1996)",
    .is_default = true,
    .default_ram_size = 128 * 1024 * 1024,
    .init = pc_init1,
};

static MachineClass pc_i440fx_alias = {
    .name = "pc-i440fx-q86",
    .desc = "Standard PC (i440FX + PIIX, 1996) (alias of pc)",
    .default_ram_size = 128 * 1024 * 1024,
    .init = pc_init1,
};

static void pc_machine_register(void)
{
    machine_register(&pc_i440fx_machine);
    machine_register(&pc_i440fx_alias);
}
machine_init(pc_machine_register)
