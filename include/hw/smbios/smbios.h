/* SMBIOS tables for fw_cfg (DMTF DSP0134, version 2.8 entry point). */
#ifndef HW_SMBIOS_SMBIOS_H
#define HW_SMBIOS_SMBIOS_H

#include <stddef.h>
#include <stdint.h>

typedef struct SMBIOSConfig {
    const char *manufacturer;    /* type 1/3 */
    const char *product;         /* type 1 */
    const char *version;         /* type 1 */
    int cpus;                    /* type 4 entries */
    uint64_t ram_size;           /* types 16, 17, 19 */
    uint64_t below_4g;           /* where RAM is split */
} SMBIOSConfig;

/*
 * Builds the structure table and the 2.8 entry point (SeaBIOS fills in
 * the table address and checksums when it places them).  Returns both
 * as newly allocated buffers.
 */
void smbios_build(const SMBIOSConfig *cfg, uint8_t **tables, size_t *tables_len,
                  uint8_t **anchor, size_t *anchor_len);

#endif
