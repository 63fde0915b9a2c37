/*
 * SMBIOS structure tables (DMTF DSP0134 2.8): system (1), chassis (3),
 * processors (4), physical memory array (16), memory devices (17),
 * memory array mapped addresses (19), boot information (32), end (127).
 * SeaBIOS provides the BIOS information (type 0) itself when it is absent.
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "hw/smbios/smbios.h"

typedef struct Builder {
    GByteArray *buf;
    int count;
    size_t max_size;
    uint16_t handle;
} Builder;

static void put8(GByteArray *b, uint8_t v)
{
    g_byte_array_append(b, &v, 1);
}

static void put16(GByteArray *b, uint16_t v)
{
    put8(b, v);
    put8(b, v >> 8);
}

static void put32(GByteArray *b, uint32_t v)
{
    put16(b, v);
    put16(b, v >> 16);
}

static void put64(GByteArray *b, uint64_t v)
{
    put32(b, v);
    put32(b, v >> 32);
}

/* Starts a structure; returns its offset in the buffer. */
static size_t begin(Builder *bld, uint8_t type, uint8_t len)
{
    size_t start = bld->buf->len;

    put8(bld->buf, type);
    put8(bld->buf, len);
    put16(bld->buf, bld->handle++);
    return start;
}

/* Ends a structure with its strings (NULL-terminated list). */
static void end(Builder *bld, size_t start, const char *const *strings)
{
    bool any = false;

    for (const char *const *s = strings; s && *s; s++) {
        g_byte_array_append(bld->buf, (const uint8_t *)*s, strlen(*s) + 1);
        any = true;
    }
    if (!any) {
        put8(bld->buf, 0);
    }
    put8(bld->buf, 0);
    bld->count++;
    if (bld->buf->len - start > bld->max_size) {
        bld->max_size = bld->buf->len - start;
    }
}

void smbios_build(const SMBIOSConfig *cfg, uint8_t **tables, size_t *tables_len,
                  uint8_t **anchor, size_t *anchor_len)
{
    Builder bld = { .buf = g_byte_array_new(), .handle = 0x100 };
    GByteArray *b = bld.buf;
    size_t s;
    uint64_t ram_mb = cfg->ram_size >> 20;
    uint8_t *ep;

    /* Type 1: System Information */
    s = begin(&bld, 1, 27);
    put8(b, 1);                  /* manufacturer */
    put8(b, 2);                  /* product name */
    put8(b, 3);                  /* version */
    put8(b, 0);                  /* serial number */
    for (int i = 0; i < 16; i++) {
        put8(b, 0);              /* UUID: not set */
    }
    put8(b, 6);                  /* wake-up type: power switch */
    put8(b, 0);                  /* SKU */
    put8(b, 0);                  /* family */
    end(&bld, s, (const char *const[]){ cfg->manufacturer, cfg->product, cfg->version, NULL });

    /* Type 3: System Enclosure */
    s = begin(&bld, 3, 21);
    put8(b, 1);                  /* manufacturer */
    put8(b, 0x01);               /* type: other */
    put8(b, 2);                  /* version */
    put8(b, 0);                  /* serial */
    put8(b, 0);                  /* asset tag */
    put8(b, 0x03);               /* boot-up state: safe */
    put8(b, 0x03);               /* power supply state */
    put8(b, 0x03);               /* thermal state */
    put8(b, 0x02);               /* security status: unknown */
    put32(b, 0);                 /* OEM */
    put8(b, 0);                  /* height */
    put8(b, 0);                  /* power cords */
    put8(b, 0);                  /* contained elements */
    put8(b, 0);                  /* element record length */
    end(&bld, s, (const char *const[]){ cfg->manufacturer, cfg->version, NULL });

    /* Type 4: Processor Information, one per CPU */
    for (int cpu = 0; cpu < cfg->cpus; cpu++) {
        char socket[16];
        g_snprintf(socket, sizeof(socket), "CPU %d", cpu);
        s = begin(&bld, 4, 42);
        put8(b, 1);              /* socket designation */
        put8(b, 0x03);           /* processor type: central */
        put8(b, 0x01);           /* family: other */
        put8(b, 2);              /* manufacturer */
        put64(b, 0);             /* processor ID */
        put8(b, 3);              /* version */
        put8(b, 0);              /* voltage */
        put16(b, 0);             /* external clock: unknown */
        put16(b, 2000);          /* max speed MHz */
        put16(b, 2000);          /* current speed */
        put8(b, 0x41);           /* status: populated, enabled */
        put8(b, 0x01);           /* upgrade: other */
        put16(b, 0xffff);        /* L1 cache handle */
        put16(b, 0xffff);        /* L2 */
        put16(b, 0xffff);        /* L3 */
        put8(b, 0);              /* serial */
        put8(b, 0);              /* asset tag */
        put8(b, 0);              /* part number */
        put8(b, 1);              /* core count */
        put8(b, 1);              /* cores enabled */
        put8(b, 1);              /* thread count */
        put16(b, 0x0002);        /* characteristics: unknown */
        put16(b, 0x01);          /* family 2 */
        end(&bld, s, (const char *const[]){ socket, cfg->manufacturer, cfg->version, NULL });
    }

    /* Type 16: Physical Memory Array */
    uint16_t array_handle = bld.handle;
    s = begin(&bld, 16, 23);
    put8(b, 0x01);               /* location: other */
    put8(b, 0x03);               /* use: system memory */
    put8(b, 0x06);               /* error correction: multi-bit ECC */
    put32(b, cfg->ram_size >> 10 >= 0x80000000ULL ? 0x80000000u : (uint32_t)(cfg->ram_size >> 10));
    put16(b, 0xfffe);            /* error information handle: not provided */
    put16(b, 1);                 /* number of devices */
    put64(b, cfg->ram_size >> 10 >= 0x80000000ULL ? cfg->ram_size >> 10 : 0);
    end(&bld, s, NULL);

    /* Type 17: Memory Device */
    s = begin(&bld, 17, 40);
    put16(b, array_handle);
    put16(b, 0xfffe);            /* error information */
    put16(b, 0xffff);            /* total width: unknown */
    put16(b, 0xffff);            /* data width */
    put16(b, ram_mb < 0x7fff ? (uint16_t)ram_mb : 0x7fff);
    put8(b, 0x09);               /* form factor: DIMM */
    put8(b, 0);                  /* device set */
    put8(b, 1);                  /* device locator */
    put8(b, 0);                  /* bank locator */
    put8(b, 0x07);               /* type: RAM */
    put16(b, 0x0002);            /* type detail: other */
    put16(b, 0);                 /* speed */
    put8(b, 2);                  /* manufacturer */
    put8(b, 0);                  /* serial */
    put8(b, 0);                  /* asset tag */
    put8(b, 0);                  /* part number */
    put8(b, 0);                  /* attributes */
    put32(b, ram_mb < 0x7fff ? 0 : (uint32_t)ram_mb);
    put16(b, 0);                 /* configured speed */
    put16(b, 0);                 /* min voltage */
    put16(b, 0);                 /* max voltage */
    put16(b, 0);                 /* configured voltage */
    end(&bld, s, (const char *const[]){ "DIMM 0", cfg->manufacturer, NULL });

    /* Type 19: Memory Array Mapped Address, one per RAM range */
    for (int r = 0; r < 2; r++) {
        uint64_t start = r == 0 ? 0 : 0x100000000ULL;
        uint64_t len = r == 0 ? cfg->below_4g : cfg->ram_size - cfg->below_4g;
        if (!len) {
            continue;
        }
        s = begin(&bld, 19, 31);
        put32(b, (start >> 10) < 0xffffffffULL ? (uint32_t)(start >> 10) : 0xffffffffu);
        put32(b, ((start + len - 1) >> 10) < 0xffffffffULL ? (uint32_t)((start + len - 1) >> 10)
                                                             : 0xffffffffu);
        put16(b, array_handle);
        put8(b, 1);              /* partition width */
        put64(b, start);         /* extended starting address */
        put64(b, start + len - 1);
        end(&bld, s, NULL);
    }

    /* Type 32: System Boot Information */
    s = begin(&bld, 32, 11);
    for (int i = 0; i < 6; i++) {
        put8(b, 0);
    }
    put8(b, 0);                  /* no errors detected */
    end(&bld, s, NULL);

    /* Type 127: End-of-Table */
    s = begin(&bld, 127, 4);
    end(&bld, s, NULL);

    /* The 2.8 entry point (DSP0134, 5.2.1); address and checksums are SeaBIOS's job. */
    ep = g_malloc0(31);
    memcpy(ep, "_SM_", 4);
    ep[5] = 31;
    ep[6] = 2;
    ep[7] = 8;
    ep[8] = bld.max_size;
    ep[9] = bld.max_size >> 8;
    memcpy(ep + 16, "_DMI_", 5);
    ep[22] = b->len;
    ep[23] = b->len >> 8;
    ep[28] = bld.count;
    ep[29] = bld.count >> 8;
    ep[30] = 0x28;
    *anchor = ep;
    *anchor_len = 31;
    *tables_len = b->len;
    *tables = g_byte_array_free(b, FALSE);
}
