/* The HMP commands of the machine-independent parts. */
#include <string.h>

#include <glib.h>

#include "chardev/char.h"
#include "exec/memory.h"
#include "exec/ramblock.h"
#include "monitor-internal.h"
#include "q86-config.h"
#include "sysemu/runstate.h"

static HMPVirtReadFunc *virt_read;

void monitor_set_virt_read(HMPVirtReadFunc *fn)
{
    virt_read = fn;
}

/* Commands without parameters reject extra words, as QEMU's do. */
static bool no_args(Monitor *mon, int argc, char **argv, const char *name)
{
    if (argc > 1) {
        char *msg = g_strdup_printf("%s: extraneous characters at the end of line", name);
        monitor_cmd_error(mon, name, msg);
        g_free(msg);
        return false;
    }
    return true;
}

/* ---- run control ---- */

void hmp_stop(Monitor *mon, int argc, char **argv)
{
    if (no_args(mon, argc, argv, "stop")) {
        vm_stop(RUN_STATE_PAUSED);
    }
}

void hmp_cont(Monitor *mon, int argc, char **argv)
{
    if (no_args(mon, argc, argv, "cont")) {
        vm_start();
    }
}

void hmp_system_reset(Monitor *mon, int argc, char **argv)
{
    if (no_args(mon, argc, argv, "system_reset")) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
        qemu_system_reset_pending_run();
    }
}

void hmp_quit(Monitor *mon, int argc, char **argv)
{
    if (no_args(mon, argc, argv, "quit")) {
        monitor_set_quit(mon);
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    }
}

/* ---- info ---- */

void hmp_info_version(Monitor *mon, int argc, char **argv)
{
    monitor_printf(mon, "%s (Q86)\n", Q86_VERSION);
}

void hmp_info_status(Monitor *mon, int argc, char **argv)
{
    monitor_printf(mon, "VM status: %s\n", runstate_status_text());
}

void hmp_info_mtree(Monitor *mon, int argc, char **argv)
{
    bool flatview = false, disabled = false;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-f")) {
            flatview = true;
        } else if (!strcmp(argv[i], "-D")) {
            disabled = true;
        } else if (!strcmp(argv[i], "-d") || !strcmp(argv[i], "-o")) {
            /* accepted: Q86 has no dispatch tree and regions have no owners */
        } else {
            char *msg = g_strdup_printf("info mtree: invalid option '%s'", argv[i]);
            monitor_cmd_error(mon, "info", msg);
            g_free(msg);
            return;
        }
    }
    GString *out = g_string_new(NULL);
    mtree_info(out, flatview, disabled);
    monitor_puts(mon, out->str);
    g_string_free(out, TRUE);
}

void hmp_info_ramblock(Monitor *mon, int argc, char **argv)
{
    GString *out = g_string_new(NULL);

    ram_block_format(out);
    monitor_puts(mon, out->str);
    g_string_free(out, TRUE);
}

/*
 * There is no device model yet: the tree is the bare root bus, printed as
 * QEMU prints it for a machine without devices (`-M none`).
 */
void hmp_info_qtree(Monitor *mon, int argc, char **argv)
{
    monitor_printf(mon, "bus: main-system-bus\n  type System\n");
}

/* No PCI bus on this machine: nothing to list (QEMU prints nothing too). */
void hmp_info_pci(Monitor *mon, int argc, char **argv)
{
}

void hmp_info_registers(Monitor *mon, int argc, char **argv)
{
    monitor_printf(mon, "No CPU available\n");
}

void hmp_info_chardev(Monitor *mon, int argc, char **argv)
{
    GString *out = g_string_new(NULL);

    qemu_chr_info(out);
    monitor_puts(mon, out->str);
    g_string_free(out, TRUE);
}

static void hmp_info_history(Monitor *mon, int argc, char **argv)
{
    ReadLineState *rs = monitor_readline(mon);

    for (int i = 0; rs && readline_get_history(rs, i); i++) {
        monitor_printf(mon, "%d: '%s'\n", i, readline_get_history(rs, i));
    }
}

void hmp_register_builtin_info(void)
{
    monitor_register_info_default("chardev", "", "show the character devices", hmp_info_chardev);
    monitor_register_info_default("history", "", "show the command line history", hmp_info_history);
    monitor_register_info_default("mtree", "[-f][-d][-o][-D]",
                          "show memory tree (-f: dump flat view for address spaces;"
                          "-d: dump dispatch tree, valid with -f only);"
                          "-o: dump region owners/parents;-D: dump disabled regions",
                          hmp_info_mtree);
    monitor_register_info_default("pci", "", "show PCI info", hmp_info_pci);
    monitor_register_info_default("qtree", "", "show device tree", hmp_info_qtree);
    monitor_register_info_default("ramblock", "", "Display system ramblock information",
                          hmp_info_ramblock);
    monitor_register_info_default("registers", "[-a|vcpu]", "show the cpu registers",
                          hmp_info_registers);
    monitor_register_info_default("status", "", "show the current VM status (running|paused)",
                          hmp_info_status);
    monitor_register_info_default("version", "", "show the version of QEMU", hmp_info_version);
}

/* ---- x / xp ---- */

/* "/[count][format][size]"; false (message printed) on a bad format. */
static bool parse_format(Monitor *mon, const char *cmd, const char *word, int *count,
                         HMPMemFormat *fmt)
{
    const char *p = word + 1;
    int size = -1;
    char format = fmt->format;

    *count = 1;
    if (g_ascii_isdigit(*p)) {
        *count = (int)strtol(p, (char **)&p, 10);
    }
    for (; *p; p++) {
        switch (*p) {
        case 'x': case 'd': case 'u': case 'o': case 'c':
            format = *p;
            break;
        case 'b':
            size = 1;
            break;
        case 'h':
            size = 2;
            break;
        case 'w':
            size = 4;
            break;
        case 'g':
            size = 8;
            break;
        case 'i':
            monitor_cmd_error(mon, cmd, "format 'i' (disassembly) is not supported yet");
            return false;
        default: {
            char *msg = g_strdup_printf("invalid char in format: '%c'", *p);
            monitor_cmd_error(mon, cmd, msg);
            g_free(msg);
            return false;
        }
        }
    }
    if (format == 'c') {
        size = 1;
    }
    fmt->format = format;
    if (size > 0) {
        fmt->size = size;
    }
    return true;
}

/* Numbers (C syntax) joined by + and -. */
static bool parse_address(Monitor *mon, const char *cmd, const char *text, uint64_t *addr)
{
    const char *p = text;
    uint64_t value = 0;
    int sign = 1;

    for (;;) {
        while (*p == ' ') {
            p++;
        }
        if (!*p) {
            monitor_cmd_error(mon, cmd, "unexpected end of expression");
            return false;
        }
        if (!g_ascii_isdigit(*p)) {
            char *msg = g_strdup_printf("invalid char '%c' in expression", *p);
            monitor_cmd_error(mon, cmd, msg);
            g_free(msg);
            return false;
        }
        char *end;
        uint64_t term = g_ascii_strtoull(p, &end, 0);
        if (g_ascii_isalnum(*end)) {
            char *msg = g_strdup_printf("invalid char '%c' in expression", *end);
            monitor_cmd_error(mon, cmd, msg);
            g_free(msg);
            return false;
        }
        value += sign > 0 ? term : -term;
        p = end;
        while (*p == ' ') {
            p++;
        }
        if (!*p) {
            break;
        }
        if (*p != '+' && *p != '-') {
            char *msg = g_strdup_printf("invalid char '%c' in expression", *p);
            monitor_cmd_error(mon, cmd, msg);
            g_free(msg);
            return false;
        }
        sign = *p == '+' ? 1 : -1;
        p++;
    }
    *addr = value;
    return true;
}

static void print_char(Monitor *mon, uint8_t c)
{
    switch (c) {
    case '\'':
        monitor_puts(mon, "'\\''");
        break;
    case '\\':
        monitor_puts(mon, "'\\\\'");
        break;
    case '\n':
        monitor_puts(mon, "'\\n'");
        break;
    case '\r':
        monitor_puts(mon, "'\\r'");
        break;
    default:
        if (c >= 32 && c < 127) {
            monitor_printf(mon, "'%c'", c);
        } else {
            monitor_printf(mon, "'\\x%02x'", c);
        }
    }
}

/*
 * QEMU's dump layout: "ADDR:" then one " value" per unit, 16 bytes a line
 * (8 for bytes); widths fit the largest value of the unit size.
 */
static void memory_dump(Monitor *mon, const char *cmd, int count, HMPMemFormat fmt,
                        uint64_t addr, bool physical)
{
    int wsize = fmt.size;
    int line_size = wsize == 1 ? 8 : 16;
    int64_t len = (int64_t)wsize * count;
    int digits;

    switch (fmt.format) {
    case 'o':
        digits = (wsize * 8 + 2) / 3;
        break;
    case 'x':
        digits = wsize * 2;
        break;
    default:
        digits = (wsize * 8 * 10 + 32) / 33;
        break;
    }
    while (len > 0) {
        uint8_t buf[16];
        int l = (int)MIN(len, (int64_t)line_size);

        if (physical) {
            monitor_printf(mon, "%016" PRIx64 ":", addr);
            address_space_read(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED, buf, l);
        } else {
            monitor_printf(mon, "%08" PRIx64 ":", addr & 0xffffffffu);
            if (!virt_read((uint32_t)addr, buf, l)) {
                monitor_printf(mon, " Cannot access memory\n");
                return;
            }
        }
        for (int i = 0; i < l; i += wsize) {
            uint64_t v = 0;
            for (int k = 0; k < wsize; k++) {
                v |= (uint64_t)buf[i + k] << (8 * k);
            }
            int64_t sv = wsize == 8 ? (int64_t)v : (int64_t)(v << (64 - 8 * wsize)) >> (64 - 8 * wsize);
            monitor_puts(mon, " ");
            switch (fmt.format) {
            case 'o':
                monitor_printf(mon, "%#*" PRIo64, digits, v);
                break;
            case 'x':
                monitor_printf(mon, "0x%0*" PRIx64, digits, v);
                break;
            case 'u':
                monitor_printf(mon, "%*" PRIu64, digits, v);
                break;
            case 'd':
                monitor_printf(mon, "%*" PRId64, digits, sv);
                break;
            case 'c':
                print_char(mon, (uint8_t)v);
                break;
            }
        }
        monitor_puts(mon, "\n");
        addr += l;
        len -= l;
    }
}

static void hmp_memory_dump(Monitor *mon, int argc, char **argv, bool physical)
{
    const char *cmd = physical ? "xp" : "x";
    HMPMemFormat fmt = *monitor_mem_format(mon);
    int count = 1;
    int arg = 1;
    uint64_t addr;

    if (argc > arg && argv[arg][0] == '/') {
        if (!parse_format(mon, cmd, argv[arg], &count, &fmt)) {
            return;
        }
        arg++;
    }
    if (argc <= arg) {
        monitor_cmd_error(mon, cmd, "unexpected end of expression");
        return;
    }
    /* the address may be written with spaces: "0x1000 + 16" */
    char *expr = g_strjoinv(" ", argv + arg);
    bool ok = parse_address(mon, cmd, expr, &addr);
    g_free(expr);
    if (!ok) {
        return;
    }
    *monitor_mem_format(mon) = fmt;
    if (!physical && !virt_read) {
        monitor_printf(mon, "Can not dump without CPU\n");
        return;
    }
    if (physical && !address_space_memory.current_map) {
        monitor_printf(mon, "No memory map\n");
        return;
    }
    memory_dump(mon, cmd, count, fmt, addr, physical);
}

void hmp_x(Monitor *mon, int argc, char **argv)
{
    hmp_memory_dump(mon, argc, argv, false);
}

void hmp_xp(Monitor *mon, int argc, char **argv)
{
    hmp_memory_dump(mon, argc, argv, true);
}
