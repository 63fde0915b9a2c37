/* Bench data generator (runs natively): MB megabytes of text lines
 * "<id> <word> <number> <word> <hex>" from a fixed LCG, so every run and
 * every machine gets the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const words[] = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
    "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
    "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
};

int main(int argc, char **argv)
{
    long mb = argc > 1 ? atol(argv[1]) : 32;
    long target = mb << 20, out = 0;
    uint32_t x = 20240601u;
    for (uint32_t id = 0; out < target; id++) {
        x = x * 1103515245u + 12345u;
        uint32_t y = x * 1664525u + 1013904223u;
        int n = printf("%u %s %u %s %08x\n", id, words[(x >> 16) % 26], (x >> 8) % 100000,
                       words[(y >> 20) % 26], y);
        out += n;
    }
    return 0;
}
