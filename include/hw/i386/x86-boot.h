/*
 * -kernel / -initrd / -append on a PC: the kernel is handed to the firmware
 * through fw_cfg, the way QEMU's pc does it, and an option ROM the BIOS
 * runs as its first boot entry (Debian's qemu-system-data:
 * linuxboot_dma.bin, multiboot_dma.bin) loads and starts it.
 */
#ifndef HW_I386_X86_BOOT_H
#define HW_I386_X86_BOOT_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/nvram/fw_cfg.h"

/*
 * If -kernel was given: reads the kernel (a multiboot v1 image, ELF or
 * a.out kludge, or a Linux bzImage with boot protocol 2.02+), the -initrd
 * files and the -append line, and fills the FW_CFG_KERNEL_*, INITRD_*,
 * CMDLINE_* and SETUP_* items, the option ROM ("genroms/<name>") and a
 * "bootorder" naming it.  @below_4g_mem_size bounds where things go.
 * false + *errp (one line) on bad input.  Without -kernel: -initrd or
 * -append are an error, otherwise nothing happens.
 */
bool x86_boot_setup(FWCfgState *fw_cfg, uint64_t below_4g_mem_size, char **errp);

#endif
