/* Bench kernel: table-driven CRC-32 plus bit manipulation (popcount,
 * rotates, bswap) over a 1 MiB buffer, ARG passes.  Prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t table[256];
static uint8_t buf[1 << 20];

int main(int argc, char **argv)
{
    int passes = argc > 1 ? atoi(argv[1]) : 16;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
    uint32_t x = 1;
    for (size_t i = 0; i < sizeof(buf); i++) {
        x = x * 1664525u + 1013904223u;
        buf[i] = x >> 24;
    }
    uint32_t crc = 0, bits = 0;
    for (int p = 0; p < passes; p++) {
        uint32_t c = ~crc;
        for (size_t i = 0; i < sizeof(buf); i++) {
            c = table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
        }
        crc = ~c;
        const uint32_t *w = (const uint32_t *)buf;
        for (size_t i = 0; i < sizeof(buf) / 4; i++) {
            uint32_t v = w[i] ^ crc;
            v = (v << 7 | v >> 25) ^ __builtin_bswap32(v);
            v = v - ((v >> 1) & 0x55555555u);
            v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
            bits += (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        }
    }
    printf("crc32 %08x bits %u\n", crc, bits);
    return 0;
}
