/* Bench kernel: libc string work: memcpy, memmove, strlen, strchr, memcmp,
 * strcpy over buffers of many sizes and alignments.  ARG scales. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char src[1 << 16], dst[(1 << 16) + 64];

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 400;
    uint32_t x = 7, h = 0;
    for (size_t i = 0; i < sizeof(src); i++) {
        x = x * 1103515245u + 12345u;
        src[i] = 'a' + (x >> 16) % 26;
    }
    src[sizeof(src) - 1] = 0;
    for (int r = 0; r < rounds; r++) {
        for (size_t len = 1; len < 4096; len = len * 3 + 1) {
            for (int a = 0; a < 8; a++) {
                memcpy(dst + a, src + r % 64, len * 8);
                dst[a + len * 8] = 0;
                h = h * 31 + strlen(dst + a);
                h += (uint32_t)(strchr(dst + a, 'z' - (r & 7)) - dst);
                memmove(dst + a + 3, dst + a, len * 4);
                h ^= memcmp(dst + a, src, len) > 0;
                strcpy(dst + 1024, src + 60000 + (r & 255));
                h += strlen(dst + 1024);
            }
        }
    }
    printf("strings h=%08x\n", h);
    return 0;
}
