/*
 * The qtest and QMP plumbing itself: greeting and negotiation, query
 * commands, stop/cont, system_reset and its RESET event, HMP through QMP,
 * and the qtest protocol's replies to good and bad commands.
 */
#include <string.h>

#include "libqtest.h"

static void qmp_query_status_reports_running(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *r = qtest_qmp(s, "{\"execute\": \"query-status\"}");

    g_test_message("query-status: %s", r);
    g_assert_nonnull(strstr(r, "\"status\": \"running\""));
    g_assert_nonnull(strstr(r, "\"running\": true"));
    g_free(r);
    qtest_quit(s);
}

static void qmp_query_version_has_qemu_triple(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *r = qtest_qmp(s, "{\"execute\": \"query-version\", \"id\": 42}");

    g_test_message("query-version: %s", r);
    g_assert_nonnull(strstr(r, "\"major\""));
    g_assert_nonnull(strstr(r, "\"id\": 42"));
    g_free(r);
    qtest_quit(s);
}

static void qmp_stop_and_cont_change_status_and_send_events(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *r;

    g_free(qtest_qmp(s, "{\"execute\": \"stop\"}"));
    g_free(qtest_qmp_eventwait(s, "STOP"));
    r = qtest_qmp(s, "{\"execute\": \"query-status\"}");
    g_test_message("after stop: %s", r);
    g_assert_nonnull(strstr(r, "\"status\": \"paused\""));
    g_free(r);
    g_free(qtest_qmp(s, "{\"execute\": \"cont\"}"));
    g_free(qtest_qmp_eventwait(s, "RESUME"));
    r = qtest_qmp(s, "{\"execute\": \"query-status\"}");
    g_assert_nonnull(strstr(r, "\"status\": \"running\""));
    g_free(r);
    qtest_quit(s);
}

static void qmp_system_reset_sends_reset_event_and_resets_devices(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *ev;

    /* Dirty a register that reset restores: the master PIC's mask. */
    qtest_outb(s, 0x21, 0x5a);
    g_assert_cmphex(qtest_inb(s, 0x21), ==, 0x5a);
    g_free(qtest_qmp(s, "{\"execute\": \"system_reset\"}"));
    ev = qtest_qmp_eventwait(s, "RESET");
    g_test_message("event: %s", ev);
    g_assert_nonnull(strstr(ev, "host-qmp-system-reset"));
    g_free(ev);
    g_assert_cmphex(qtest_inb(s, 0x21), ==, 0x00);
    qtest_quit(s);
}

static void qmp_unknown_command_is_command_not_found(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *r = qtest_qmp(s, "{\"execute\": \"no-such-command\"}");

    g_test_message("reply: %s", r);
    g_assert_nonnull(strstr(r, "CommandNotFound"));
    g_free(r);
    qtest_quit(s);
}

static void qmp_human_monitor_command_runs_info_pci(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *out = qtest_hmp(s, "info pci");

    g_test_message("info pci:\n%s", out);
    g_assert_nonnull(strstr(out, "Host bridge: PCI device 8086:1237"));
    g_assert_nonnull(strstr(out, "ISA bridge: PCI device 8086:7000"));
    g_free(out);
    qtest_quit(s);
}

static void qmp_survives_malformed_input(void)
{
    QTestState *s = qtest_init("-nodefaults");
    static const char *const bad[] = {
        "{\"execute\": 1}",
        "{\"execute\": \"query-status\", \"arguments\": []}",
        "{\"no-execute\": true}",
        "{\"execute\": \"query-status\" \"x\"}",
        "[1, 2, 3]",
        "{\"execute\": \"human-monitor-command\"}",
        "{\"execute\": \"human-monitor-command\", \"arguments\": {\"command-line\": 5}}",
        "{\"execute\": \"\\u0000\\ud800\"}",
    };
    GString *deep = g_string_new(NULL);
    char *r;

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        r = qtest_qmp(s, "%s", bad[i]);
        g_test_message("%s -> %s", bad[i], r);
        g_assert_nonnull(strstr(r, "\"error\""));
        g_free(r);
    }
    for (int i = 0; i < 1000; i++) {
        g_string_append_c(deep, '[');
    }
    for (int i = 0; i < 1000; i++) {
        g_string_append_c(deep, ']');
    }
    r = qtest_qmp(s, "%s", deep->str);
    g_assert_nonnull(strstr(r, "\"error\""));
    g_free(r);
    g_string_free(deep, TRUE);
    r = qtest_qmp(s, "{\"execute\": \"query-status\"}");
    g_assert_nonnull(strstr(r, "\"return\""));
    g_free(r);
    qtest_quit(s);
}

static void qmp_quit_sends_shutdown_and_exits(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *r = qtest_qmp(s, "{\"execute\": \"quit\"}");
    char *ev;

    g_assert_nonnull(strstr(r, "\"return\""));
    g_free(r);
    ev = qtest_qmp_eventwait(s, "SHUTDOWN");
    g_assert_nonnull(strstr(ev, "host-qmp-quit"));
    g_free(ev);
    qtest_quit(s);
}

static void qtest_unknown_command_fails(void)
{
    QTestState *s = qtest_init("-nodefaults");
    char *r = qtest_raw_command(s, "frobnicate 1 2");

    g_test_message("reply: %s", r);
    g_assert_true(g_str_has_prefix(r, "FAIL"));
    g_free(r);
    r = qtest_raw_command(s, "endianness");
    g_assert_cmpstr(r, ==, "OK little");
    g_free(r);
    qtest_quit(s);
}

static void qtest_memory_commands_round_trip(void)
{
    QTestState *s = qtest_init("-nodefaults -m 32");
    uint8_t in[64], out[64];

    for (int i = 0; i < 64; i++) {
        in[i] = i * 7 + 3;
    }
    qtest_memwrite(s, 0x100000, in, sizeof(in));
    qtest_memread(s, 0x100000, out, sizeof(out));
    g_assert_cmpmem(in, sizeof(in), out, sizeof(out));
    qtest_bufwrite(s, 0x200000, in, sizeof(in));
    qtest_bufread(s, 0x200000, out, sizeof(out));
    g_assert_cmpmem(in, sizeof(in), out, sizeof(out));
    qtest_memset(s, 0x300000, 0xa5, 16);
    g_assert_cmphex(qtest_readq(s, 0x300008), ==, 0xa5a5a5a5a5a5a5a5ULL);
    qtest_writel(s, 0x400000, 0x12345678);
    g_assert_cmphex(qtest_readw(s, 0x400002), ==, 0x1234);
    g_assert_cmphex(qtest_readb(s, 0x400000), ==, 0x78);
    qtest_quit(s);
}

static void qtest_clock_moves_only_on_command(void)
{
    QTestState *s = qtest_init("-nodefaults");
    int64_t t0 = qtest_clock_step(s, 0);
    int64_t t1;

    g_usleep(20000);
    t1 = qtest_clock_step(s, 0);
    g_assert_cmpint(t1, ==, t0);
    t1 = qtest_clock_step(s, 1000000);
    g_assert_cmpint(t1, ==, t0 + 1000000);
    t1 = qtest_clock_set(s, t0 + 5000000);
    g_assert_cmpint(t1, ==, t0 + 5000000);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qmp/query_status_reports_running", qmp_query_status_reports_running);
    g_test_add_func("/qmp/query_version_has_qemu_triple", qmp_query_version_has_qemu_triple);
    g_test_add_func("/qmp/stop_and_cont_change_status_and_send_events",
                    qmp_stop_and_cont_change_status_and_send_events);
    g_test_add_func("/qmp/system_reset_sends_reset_event_and_resets_devices",
                    qmp_system_reset_sends_reset_event_and_resets_devices);
    g_test_add_func("/qmp/unknown_command_is_command_not_found",
                    qmp_unknown_command_is_command_not_found);
    g_test_add_func("/qmp/human_monitor_command_runs_info_pci",
                    qmp_human_monitor_command_runs_info_pci);
    g_test_add_func("/qmp/survives_malformed_input", qmp_survives_malformed_input);
    g_test_add_func("/qmp/quit_sends_shutdown_and_exits", qmp_quit_sends_shutdown_and_exits);
    g_test_add_func("/qtest/unknown_command_fails", qtest_unknown_command_fails);
    g_test_add_func("/qtest/memory_commands_round_trip", qtest_memory_commands_round_trip);
    g_test_add_func("/qtest/clock_moves_only_on_command", qtest_clock_moves_only_on_command);
    return g_test_run();
}
