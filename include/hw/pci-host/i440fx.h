/* Intel 82441FX PCI and Memory Controller (PMC), the i440FX host bridge. */
#ifndef HW_PCI_HOST_I440FX_H
#define HW_PCI_HOST_I440FX_H

#include "hw/pci/pci.h"

#define TYPE_I440FX_PCI_HOST_BRIDGE "i440FX-pcihost"
#define TYPE_I440FX_PCI_DEVICE "i440FX"

/* PMC configuration registers (82441FX datasheet, section 3.2) */
#define I440FX_PAM      0x59     /* PAM0..PAM6: 0x59-0x5f */
#define I440FX_PAM_SIZE 7
#define I440FX_SMRAM    0x72

/* PAM attribute bits of each nibble (82441FX, "PAM Registers") */
#define PAM_RE 0x1               /* read enable: reads go to DRAM */
#define PAM_WE 0x2               /* write enable: writes go to DRAM */

/* SMRAM register bits (82441FX, "SMRAM—System Management RAM Control") */
#define SMRAM_C_BASE_SEG_MASK 0x07
#define SMRAM_C_BASE_SEG      0x02 /* A and B segments (0xa0000-0xbffff) */
#define SMRAM_G_SMRAME        0x08
#define SMRAM_D_LCK           0x10
#define SMRAM_D_CLS           0x20
#define SMRAM_D_OPEN          0x40

#define PAM_NR_SEGMENTS 13       /* F0000 (64 KiB) and twelve 16 KiB segments */

/* One PAM segment: four alternative regions, one enabled per mode. */
typedef struct PAMMemoryRegion {
    hwaddr start;
    uint64_t size;
    MemoryRegion alias_pci;      /* mode 0: everything to PCI */
    MemoryRegion alias_rom;      /* mode 1 (RE): reads DRAM, writes to PCI (see i440fx.c) */
    MemoryRegion io_wo;          /* mode 2 (WE): reads PCI, writes DRAM */
    MemoryRegion alias_ram;      /* mode 3: DRAM */
    unsigned current;
    struct I440FXState *owner;
} PAMMemoryRegion;

typedef struct I440FXState {
    PCIDevice parent_obj;
    MemoryRegion *system_memory;
    MemoryRegion *pci_address_space;
    MemoryRegion *ram;           /* the whole of guest RAM */
    AddressSpace pci_as;         /* PCI memory, for write-only PAM reads */
    PAMMemoryRegion pam[PAM_NR_SEGMENTS];
    MemoryRegion smram_region;   /* PCI (VGA) window over 0xa0000 unless D_OPEN */
    MemoryRegion smram;          /* what SMM sees: container */
    MemoryRegion low_smram;      /* alias of RAM 0xa0000-0xbffff inside smram */
} I440FXState;

typedef uint64_t (*PCIHostRCRRead)(void *opaque);
typedef void (*PCIHostRCRWrite)(void *opaque, uint8_t val);

typedef struct I440FXHostState {
    DeviceState parent_obj;
    MemoryRegion conf_io;        /* 0xcf8 */
    MemoryRegion data_io;        /* 0xcfc */
    uint32_t config_reg;         /* CONFIG_ADDRESS */
    PCIBus *bus;
    I440FXState *pmc;
    /* Byte accesses to 0xcf9 reach the PIIX's Reset Control register. */
    PCIHostRCRRead rcr_read;
    PCIHostRCRWrite rcr_write;
    void *rcr_opaque;
} I440FXHostState;

/*
 * Creates the host bridge (0xcf8/0xcfc) and the PMC at 00.0, with PAM and
 * SMRAM windows over @ram in @system_memory; PCI memory is @pci_memory.
 */
I440FXHostState *i440fx_init(MemoryRegion *system_memory, MemoryRegion *system_io,
                             MemoryRegion *pci_memory, MemoryRegion *ram);
void i440fx_set_rcr_handler(I440FXHostState *h, PCIHostRCRRead rd, PCIHostRCRWrite wr,
                            void *opaque);

#endif
