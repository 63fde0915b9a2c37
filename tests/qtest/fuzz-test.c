/*
 * Random port, PCI configuration and memory traffic through qtest for a
 * bounded time.  The emulator must never crash, hang or trip the
 * sanitizers: every command must be answered, QMP must stay responsive,
 * and the process must exit cleanly at the end.
 *
 * Q86_FUZZ_SEED fixes the seed (it is printed either way);
 * Q86_FUZZ_SECONDS bounds the run (default 10); Q86_FUZZ_ARGS adds
 * emulator arguments (e.g. "-d guest_errors,unimp -D /dev/null").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libqtest.h"

static const uint16_t hot_ports[] = {
    0x20, 0x21, 0xa0, 0xa1, 0x40, 0x41, 0x42, 0x43, 0x60, 0x61, 0x64, 0x70, 0x71, 0x92,
    0xb2, 0xb3, 0x3f8, 0x3f9, 0x3fa, 0x3fb, 0x3fc, 0x3fd, 0x3fe, 0x3ff, 0x402, 0x4d0, 0x4d1,
    0x510, 0x511, 0x514, 0x518, 0xcf8, 0xcf9, 0xcfc, 0xcfd, 0xcfe, 0xcff, 0xc000, 0xd000,
};

typedef struct Fuzz {
    QTestState *s;
    GRand *rng;
    uint32_t config_address;     /* what the fuzzer last put in CONFIG_ADDRESS */
    unsigned long ops;
} Fuzz;

static uint16_t pick_port(Fuzz *f)
{
    uint32_t r = g_rand_int_range(f->rng, 0, 10);

    if (r < 7) {
        return hot_ports[g_rand_int_range(f->rng, 0, G_N_ELEMENTS(hot_ports))] +
               (g_rand_boolean(f->rng) ? 0 : g_rand_int_range(f->rng, 0, 4));
    }
    return g_rand_int_range(f->rng, 0, 0x10000);
}

static uint64_t pick_address(Fuzz *f)
{
    switch (g_rand_int_range(f->rng, 0, 6)) {
    case 5:
        return 0xfec00000u + (g_rand_int_range(f->rng, 0, 0x14) & ~3);   /* I/O APIC */
    case 0:
        return 0xa0000 + g_rand_int_range(f->rng, 0, 0x60000);
    case 1:
        return 0xfffc0000u + g_rand_int_range(f->rng, 0, 0x40000);
    case 2:
        return g_rand_int_range(f->rng, 0, 64 << 20);
    case 3:
        return (uint64_t)g_rand_int(f->rng) << 32 | g_rand_int(f->rng);
    default:
        return g_rand_int(f->rng);
    }
}

/*
 * Writes that would legitimately power the machine off are left out: the
 * PIIX4 PM function (01.3) can be told to enter soft-off, which ends the
 * process just as a real PC would switch off.
 */
static bool write_allowed(Fuzz *f, uint16_t port)
{
    if (port >= 0xcfc && port <= 0xcff) {
        return ((f->config_address >> 8) & 0xff) != 0x0b || !(f->config_address & 0x80000000u);
    }
    return true;
}

static void fuzz_one(Fuzz *f)
{
    QTestState *s = f->s;
    uint16_t port;
    uint64_t addr;
    uint32_t v = g_rand_int(f->rng);

    switch (g_rand_int_range(f->rng, 0, 12)) {
    case 0: case 1: case 2:
        port = pick_port(f);
        if (!write_allowed(f, port)) {
            break;
        }
        switch (g_rand_int_range(f->rng, 0, 3)) {
        case 0:
            qtest_outb(s, port, v);
            break;
        case 1:
            qtest_outw(s, port, v);
            break;
        default:
            if (port == 0xcf8) {
                f->config_address = v;
            }
            qtest_outl(s, port, v);
            break;
        }
        break;
    case 3: case 4:
        port = pick_port(f);
        switch (g_rand_int_range(f->rng, 0, 3)) {
        case 0:
            qtest_inb(s, port);
            break;
        case 1:
            qtest_inw(s, port);
            break;
        default:
            qtest_inl(s, port);
            break;
        }
        break;
    case 5: {
        /* A PCI configuration write to a real function (not the PM one). */
        static const int devfns[] = { 0x00, 0x08, 0x09 };
        f->config_address = 0x80000000u | devfns[g_rand_int_range(f->rng, 0, 3)] << 8 |
                            (g_rand_int_range(f->rng, 0, 64) << 2);
        qtest_outl(s, 0xcf8, f->config_address);
        qtest_outl(s, 0xcfc + (v & 3), g_rand_int(f->rng));
        break;
    }
    case 6: case 7:
        addr = pick_address(f);
        switch (g_rand_int_range(f->rng, 0, 4)) {
        case 0: qtest_writeb(s, addr, v); break;
        case 1: qtest_writew(s, addr, v); break;
        case 2: qtest_writel(s, addr, v); break;
        default: qtest_writeq(s, addr, (uint64_t)v << 32 | g_rand_int(f->rng)); break;
        }
        break;
    case 8:
        addr = pick_address(f);
        switch (g_rand_int_range(f->rng, 0, 4)) {
        case 0: qtest_readb(s, addr); break;
        case 1: qtest_readw(s, addr); break;
        case 2: qtest_readl(s, addr); break;
        default: qtest_readq(s, addr); break;
        }
        break;
    case 9:
        qtest_clock_step(s, g_rand_int_range(f->rng, 0, 10000000));
        break;
    case 10:
        qtest_set_irq_in(s, g_rand_boolean(f->rng) ? "/machine/unattached/pic-master"
                                                   : "/machine/unattached/pic-slave",
                         NULL, g_rand_int_range(f->rng, 0, 8), g_rand_boolean(f->rng));
        break;
    default: {
        uint8_t buf[64];
        size_t n = g_rand_int_range(f->rng, 1, sizeof(buf));
        for (size_t i = 0; i < n; i++) {
            buf[i] = g_rand_int(f->rng);
        }
        addr = pick_address(f);
        if (g_rand_boolean(f->rng)) {
            qtest_memwrite(s, addr, buf, n);
        } else {
            qtest_memread(s, addr, buf, n);
        }
        break;
    }
    }
    f->ops++;
}

static void fuzz_random_io_never_crashes_or_hangs(void)
{
    const char *seed_env = getenv("Q86_FUZZ_SEED");
    const char *secs_env = getenv("Q86_FUZZ_SECONDS");
    guint32 seed = seed_env ? (guint32)strtoul(seed_env, NULL, 0) : (guint32)time(NULL);
    double seconds = secs_env ? atof(secs_env) : 10.0;
    GTimer *timer = g_timer_new();
    Fuzz f = { 0 };
    char *r;

    /* Leaks at exit are not what this test is about; memory errors are. */
    g_setenv("ASAN_OPTIONS", "detect_leaks=0", TRUE);
    g_test_message("fuzz seed %u (set Q86_FUZZ_SEED to repeat), %.0f s", seed, seconds);
    printf("# fuzz seed %u\n", seed);
    f.rng = g_rand_new_with_seed(seed);
    f.s = qtest_initf("-nodefaults -m 64 -device isa-serial -chardev null,id=d0 "
                      "-device isa-debugcon,iobase=0x402,chardev=d0 %s",
                      getenv("Q86_FUZZ_ARGS") ? getenv("Q86_FUZZ_ARGS") : "");
    while (g_timer_elapsed(timer, NULL) < seconds) {
        for (int i = 0; i < 200; i++) {
            fuzz_one(&f);
        }
        r = qtest_qmp(f.s, "{\"execute\": \"query-status\"}");
        if (!strstr(r, "\"return\"")) {
            g_error("QMP stopped answering after %lu operations: %s", f.ops, r);
        }
        g_free(r);
    }
    g_test_message("%lu operations in %.1f s", f.ops, g_timer_elapsed(timer, NULL));
    printf("# %lu operations\n", f.ops);
    qtest_quit(f.s);
    g_rand_free(f.rng);
    g_timer_destroy(timer);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fuzz/random_io_never_crashes_or_hangs", fuzz_random_io_never_crashes_or_hangs);
    return g_test_run();
}
