/*
 * QEMU firmware configuration device (docs/specs/fw_cfg.rst in QEMU):
 * numbered items and named files the firmware reads through a selector
 * port, a data port and a DMA interface.
 */
#ifndef HW_NVRAM_FW_CFG_H
#define HW_NVRAM_FW_CFG_H

#include "exec/memory.h"
#include "hw/qdev-core.h"

#define TYPE_FW_CFG_IO "fw_cfg_io"

#define FW_CFG_SIGNATURE    0x00
#define FW_CFG_ID           0x01
#define FW_CFG_UUID         0x02
#define FW_CFG_RAM_SIZE     0x03
#define FW_CFG_NOGRAPHIC    0x04
#define FW_CFG_NB_CPUS      0x05
#define FW_CFG_MACHINE_ID   0x06
#define FW_CFG_KERNEL_ADDR  0x07
#define FW_CFG_KERNEL_SIZE  0x08
#define FW_CFG_KERNEL_CMDLINE 0x09
#define FW_CFG_INITRD_ADDR  0x0a
#define FW_CFG_INITRD_SIZE  0x0b
#define FW_CFG_BOOT_DEVICE  0x0c
#define FW_CFG_NUMA         0x0d
#define FW_CFG_BOOT_MENU    0x0e
#define FW_CFG_MAX_CPUS     0x0f
#define FW_CFG_KERNEL_ENTRY 0x10
#define FW_CFG_KERNEL_DATA  0x11
#define FW_CFG_INITRD_DATA  0x12
#define FW_CFG_CMDLINE_ADDR 0x13
#define FW_CFG_CMDLINE_SIZE 0x14
#define FW_CFG_CMDLINE_DATA 0x15
#define FW_CFG_SETUP_ADDR   0x16
#define FW_CFG_SETUP_SIZE   0x17
#define FW_CFG_SETUP_DATA   0x18
#define FW_CFG_FILE_DIR     0x19
#define FW_CFG_FILE_FIRST   0x20
#define FW_CFG_FILE_SLOTS   0x40
#define FW_CFG_WRITE_CHANNEL 0x4000
#define FW_CFG_ARCH_LOCAL   0x8000
#define FW_CFG_ENTRY_MASK   (~(FW_CFG_WRITE_CHANNEL | FW_CFG_ARCH_LOCAL))
#define FW_CFG_INVALID      0xffff

/* x86 arch-local items */
#define FW_CFG_ACPI_TABLES    (FW_CFG_ARCH_LOCAL + 0)
#define FW_CFG_SMBIOS_ENTRIES (FW_CFG_ARCH_LOCAL + 1)
#define FW_CFG_IRQ0_OVERRIDE  (FW_CFG_ARCH_LOCAL + 2)
#define FW_CFG_E820_TABLE     (FW_CFG_ARCH_LOCAL + 3)
#define FW_CFG_HPET           (FW_CFG_ARCH_LOCAL + 4)

#define FW_CFG_VERSION      0x01 /* ID bit 0: traditional interface */
#define FW_CFG_VERSION_DMA  0x02 /* ID bit 1: DMA interface */

/* FWCfgDmaAccess.control */
#define FW_CFG_DMA_CTL_ERROR  0x01
#define FW_CFG_DMA_CTL_READ   0x02
#define FW_CFG_DMA_CTL_SKIP   0x04
#define FW_CFG_DMA_CTL_SELECT 0x08
#define FW_CFG_DMA_CTL_WRITE  0x10

#define FW_CFG_DMA_SIGNATURE 0x51454d5520434647ULL /* "QEMU CFG" */

#define FW_CFG_MAX_FILE_PATH 56

typedef struct FWCfgEntry {
    uint32_t len;
    bool allow_write;
    uint8_t *data;
} FWCfgEntry;

typedef struct FWCfgFile {
    char name[FW_CFG_MAX_FILE_PATH];
    uint8_t *data;
    uint32_t len;
    bool allow_write;
} FWCfgFile;

typedef struct FWCfgState {
    DeviceState parent_obj;
    uint32_t iobase;
    uint32_t dma_iobase;
    bool dma_enabled;

    MemoryRegion comb_io, dma_io;
    AddressSpace *dma_as;
    FWCfgEntry entries[2][FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS];
    FWCfgFile *files;            /* sorted by name */
    int nr_files;
    uint8_t *dir;                /* the FW_CFG_FILE_DIR item */
    uint16_t cur_entry;
    uint32_t cur_offset;
    uint64_t dma_addr;
} FWCfgState;

/* Creates fw_cfg at 0x510 (selector), 0x511 (data) and 0x514 (DMA). */
FWCfgState *fw_cfg_init_io_dma(uint32_t iobase, uint32_t dma_iobase, AddressSpace *dma_as);
FWCfgState *fw_cfg_find(void);

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, void *data, size_t len);
void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value);
void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value);
/* @data is taken over (g_free'd never: items live as long as the machine). */
void fw_cfg_add_file(FWCfgState *s, const char *filename, void *data, size_t len);
void fw_cfg_add_file_writable(FWCfgState *s, const char *filename, void *data, size_t len);
/* The selector of a file, or FW_CFG_INVALID. */
uint16_t fw_cfg_file_key(FWCfgState *s, const char *filename);

#endif
