/* Bench kernel: sieve of Eratosthenes up to ARG million, three times. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    uint32_t n = (argc > 1 ? atoi(argv[1]) : 20) * 1000000u;
    uint8_t *s = malloc(n + 1);
    uint32_t count = 0, last = 0;
    for (int rep = 0; rep < 3; rep++) {
        memset(s, 1, n + 1);
        s[0] = s[1] = 0;
        for (uint32_t i = 2; (uint64_t)i * i <= n; i++) {
            if (s[i]) {
                for (uint32_t j = i * i; j <= n; j += i) {
                    s[j] = 0;
                }
            }
        }
        count = 0;
        for (uint32_t i = 0; i <= n; i++) {
            if (s[i]) {
                count++;
                last = i;
            }
        }
    }
    printf("primes <= %u: %u, largest %u\n", n, count, last);
    free(s);
    return 0;
}
