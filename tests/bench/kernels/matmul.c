/* Bench kernel: integer matrix multiply, N x N (ARG), int32 with wrap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 300;
    int32_t *a = malloc(sizeof(int32_t) * n * n), *b = malloc(sizeof(int32_t) * n * n);
    int32_t *c = calloc((size_t)n * n, sizeof(int32_t));
    for (int i = 0; i < n * n; i++) {
        a[i] = (i * 7 + 3) % 1009 - 500;
        b[i] = (i * 13 + 5) % 997 - 498;
    }
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
            int32_t aik = a[i * n + k];
            for (int j = 0; j < n; j++) {
                c[i * n + j] += aik * b[k * n + j];
            }
        }
    }
    uint32_t h = 0;
    for (int i = 0; i < n * n; i++) {
        h = h * 33 + (uint32_t)c[i];
    }
    printf("matmul %d: %08x\n", n, h);
    return 0;
}
