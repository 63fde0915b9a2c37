/* The PC: memory map, firmware, CMOS and fw_cfg set-up shared by PC boards. */
#ifndef HW_I386_PC_H
#define HW_I386_PC_H

#include "exec/memory.h"
#include "hw/isa/isa.h"
#include "hw/nvram/fw_cfg.h"
#include "sysemu/machine.h"

#define PC_BIOS_DEFAULT "bios-256k.bin"
#define PC_ISA_BIOS_MAX (128 * 1024)

typedef struct PCMachineState {
    MachineState *ms;
    uint64_t below_4g_mem_size;
    uint64_t above_4g_mem_size;
    MemoryRegion ram_below_4g;
    MemoryRegion ram_above_4g;
    MemoryRegion pci_memory;
    MemoryRegion pci_legacy_abort; /* 0xa0000-0xfffff on PCI: master abort */
    MemoryRegion bios;
    MemoryRegion isa_bios;
    ISADevice *rtc;
    FWCfgState *fw_cfg;
    qemu_irq *gsi;               /* the 16 ISA IRQ lines (to both controllers) */
    qemu_irq *pic_irqs;          /* the 8259A inputs */
    struct IOAPICState *ioapic;
    qemu_irq cpu_intr;           /* INTR of the (future) CPU, driven by the master PIC */
    int cpu_intr_level;
    qemu_irq a20_in[2];          /* 0: keyboard controller, 1: port 0x92 */
    bool a20_kbc, a20_port92;

    /* The CPU (pc_cpus_init); NULL under qtest, which runs no guest code. */
    struct X86CPU *cpu;
    /* What the CPU sees in SMM: system memory with the chipset's SMRAM on top. */
    MemoryRegion smm_root;
    MemoryRegion smm_memory;     /* alias of all of system memory, priority 0 */
    AddressSpace smm_as;
    qemu_irq smi;                /* PIIX4 APMC -> the CPU's SMI# */
} PCMachineState;

extern PCMachineState *pc_machine;

/* Splits RAM around the PCI hole and maps it; creates the PCI memory container. */
void pc_memory_init(PCMachineState *pcms, MemoryRegion *system_memory);
/* Loads the BIOS (-bios or bios-256k.bin) at the top of 4 GiB and its last 128 KiB below 1 MiB. */
bool pc_system_firmware_init(PCMachineState *pcms, char **errp);
/* The CMOS bytes SeaBIOS reads: memory sizes, CPUs, boot order, equipment. */
void pc_cmos_init(PCMachineState *pcms, ISADevice *rtc);
/* fw_cfg with the standard items and files. */
FWCfgState *pc_fw_cfg_init(PCMachineState *pcms);
/* The A20M# logic: A20 is enabled if either source enables it (82371SB, "A20M#"). */
bool pc_a20_enabled(void);

/*
 * Creates the CPU of -cpu (default qemu32) with its softmmu TLB over system
 * memory and the SMM address space (system memory + @smram at priority 1,
 * the i440FX's SMRAM container), its local APIC, and wires INTR, A20, SMI#
 * and reset.  Under qtest only the APIC's MMIO page is created.
 */
bool pc_cpus_init(PCMachineState *pcms, MemoryRegion *smram, char **errp);

/*
 * Hooks for the CPU: told when the master PIC's INT (the CPU's INTR pin)
 * or the A20 gate changes; pc_cpus_init points them at the CPU.  The CPU
 * takes the vector with cpu_get_pic_interrupt() (hw/i386/x86-irq.c).
 */
extern void (*pc_cpu_intr_notify)(int level);
extern void (*pc_a20_notify)(bool enabled);
ISADevice *port92_init(ISABus *bus, qemu_irq a20_out);

#endif
