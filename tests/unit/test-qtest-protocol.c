/*
 * The qtest protocol engine without a socket: replies to well-formed and
 * malformed commands, memory and port access, the clock, and IRQ lines.
 */
#include <string.h>

#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "qemu/timer.h"
#include "sysemu/qtest.h"

static MemoryRegion ram;

static char *run(const char *line)
{
    GString *out = g_string_new(NULL);

    qtest_process_line(line, out);
    return g_string_free(out, FALSE);
}

static void expect(const char *line, const char *reply)
{
    char *got = run(line);

    g_test_message("'%s' -> '%s'", line, got);
    g_assert_cmpstr(got, ==, reply);
    g_free(got);
}

static void setup(void)
{
    static bool done;

    if (!done) {
        memory_map_init();
        qtest_clock_enable();
        memory_region_init_ram(&ram, "ram", 0x10000);
        memory_region_add_subregion(get_system_memory(), 0, &ram);
        done = true;
    }
}

static void memory_commands_reply_in_qemu_formats(void)
{
    setup();
    expect("writel 0x100 0x11223344", "OK\n");
    expect("readl 0x100", "OK 0x0000000011223344\n");
    expect("readb 0x101", "OK 0x0000000000000033\n");
    expect("write 0x200 4 0xdeadbe", "OK\n");            /* short data is zero-filled */
    expect("read 0x200 4", "OK 0xdeadbe00\n");
    expect("b64write 0x300 3 AQID", "OK\n");
    expect("b64read 0x300 3", "OK AQID\n");
    expect("memset 0x400 4 0x5a", "OK\n");
    expect("readl 0x400", "OK 0x000000005a5a5a5a\n");
}

static void unmapped_ports_read_all_ones(void)
{
    setup();
    expect("inb 0x1234", "OK 0x00ff\n");
    expect("inl 0x1234", "OK 0xffffffff\n");
    expect("outw 0x1234 0xffff", "OK\n");
}

static void clock_commands_move_only_forward(void)
{
    char *r;

    setup();
    r = run("clock_step 1000");
    g_assert_true(g_str_has_prefix(r, "OK "));
    g_free(r);
    expect("clock_set 0", "OK 1000\n");                  /* never backwards */
    expect("clock_set 5000", "OK 5000\n");
    expect("clock_step", "OK 5000\n");                   /* no timer: nothing to step to */
}

static void bad_commands_fail_without_side_effects(void)
{
    setup();
    expect("frobnicate", "FAIL Unknown command 'frobnicate'\n");
    expect("outb", "FAIL bad arguments\n");
    expect("readl zzz", "FAIL bad arguments\n");
    expect("write 0x0 4 deadbeef", "FAIL bad arguments\n");
    expect("write 0x0 2 0xzz", "FAIL bad hex data\n");
    expect("clock_step -5", "FAIL bad arguments\n");
    expect("irq_intercept_in /no/such/device", "FAIL Unknown device\n");
    expect("set_irq_in /no/such/device unnamed-gpio-in 0 1", "FAIL Unknown device\n");
    expect("endianness", "OK little\n");
    expect("", "");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qtest-protocol/memory_commands_reply_in_qemu_formats",
                    memory_commands_reply_in_qemu_formats);
    g_test_add_func("/qtest-protocol/unmapped_ports_read_all_ones", unmapped_ports_read_all_ones);
    g_test_add_func("/qtest-protocol/clock_commands_move_only_forward",
                    clock_commands_move_only_forward);
    g_test_add_func("/qtest-protocol/bad_commands_fail_without_side_effects",
                    bad_commands_fail_without_side_effects);
    return g_test_run();
}
