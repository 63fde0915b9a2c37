/*
 * qemu-system-i386's start-up: the command line (options spelled and
 * parsed as QEMU's documentation describes them), then chardevs, the
 * machine, monitors, and the main loop.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib-unix.h>

#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "monitor/monitor.h"
#include "monitor/qmp.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "sysemu/machine.h"
#include "sysemu/opts.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"

#define PROG "qemu-system-i386"

typedef struct Config {
    const char *machine;        /* -M */
    const char *mem;            /* -m */
    const char *cpu;            /* -cpu */
    bool start_paused;          /* -S */
    bool nographic;
    bool no_reboot;
    const char *log_items;      /* -d */
    const char *log_file;       /* -D */
    GPtrArray *chardevs;        /* -chardev */
    GPtrArray *serials;         /* -serial */
    GPtrArray *monitors;        /* -monitor */
    GPtrArray *mons;            /* -mon */
} Config;

static Chardev *serial_hds[MAX_SERIAL_PORTS];

Chardev *serial_hd(int i)
{
    return i >= 0 && i < MAX_SERIAL_PORTS ? serial_hds[i] : NULL;
}

static void G_GNUC_PRINTF(1, 2) G_GNUC_NORETURN fatal(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, PROG ": ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    exit(1);
}

/* Options taking an argument; every other known option is a flag. */
static const char *const arg_options[] = {
    "-M", "-machine", "-m", "-cpu", "-d", "-D", "-chardev", "-serial", "-monitor", "-mon", "-display",
};
static const char *const flag_options[] = { "-S", "-nographic", "-no-reboot" };

static bool in_list(const char *const *list, size_t n, const char *opt)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i], opt) == 0) {
            return true;
        }
    }
    return false;
}

static void parse_command_line(Config *cfg, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        const char *arg = NULL;

        if (opt[0] != '-') {
            fatal("%s: disk images are not supported yet", opt);
        }
        if (opt[1] == '-') {
            opt++; /* --opt is -opt */
        }
        /* Options of the device model and test interfaces (hw/core/cli.c). */
        int hw_args = hw_cli_parse_option(opt, i + 1 < argc ? argv[i + 1] : NULL);
        if (hw_args >= 0) {
            i += hw_args;
            continue;
        }
        if (in_list(arg_options, G_N_ELEMENTS(arg_options), opt)) {
            if (i + 1 >= argc) {
                fatal("%s: requires an argument", opt);
            }
            arg = argv[++i];
        } else if (!in_list(flag_options, G_N_ELEMENTS(flag_options), opt)) {
            fatal("%s: unsupported option", argv[i]);
        }

        if (!strcmp(opt, "-M") || !strcmp(opt, "-machine")) {
            cfg->machine = arg;
        } else if (!strcmp(opt, "-m")) {
            cfg->mem = arg;
        } else if (!strcmp(opt, "-cpu")) {
            /* `-cpu help` is answered by main.c before we get here */
            cfg->cpu = arg;
        } else if (!strcmp(opt, "-S")) {
            cfg->start_paused = true;
        } else if (!strcmp(opt, "-nographic")) {
            cfg->nographic = true;
            hw_options.nographic = true;
        } else if (!strcmp(opt, "-no-reboot")) {
            cfg->no_reboot = true;
        } else if (!strcmp(opt, "-d")) {
            cfg->log_items = arg;
        } else if (!strcmp(opt, "-D")) {
            cfg->log_file = arg;
        } else if (!strcmp(opt, "-chardev")) {
            g_ptr_array_add(cfg->chardevs, (gpointer)arg);
        } else if (!strcmp(opt, "-serial")) {
            if (cfg->serials->len == MAX_SERIAL_PORTS) {
                fatal("-serial %s: too many serial ports (at most %d)", arg, MAX_SERIAL_PORTS);
            }
            g_ptr_array_add(cfg->serials, (gpointer)arg);
        } else if (!strcmp(opt, "-monitor")) {
            g_ptr_array_add(cfg->monitors, (gpointer)arg);
        } else if (!strcmp(opt, "-mon")) {
            g_ptr_array_add(cfg->mons, (gpointer)arg);
        } else if (!strcmp(opt, "-display")) {
            /* there is no display yet: only "none" can be honoured */
            if (strcmp(arg, "none") != 0) {
                fatal("-display %s: only 'none' is supported", arg);
            }
        }
    }
}

static void setup_logging(Config *cfg)
{
    if (cfg->log_items) {
        if (!strcmp(cfg->log_items, "help") || !strcmp(cfg->log_items, "?")) {
            qemu_print_log_usage(stdout);
            exit(0);
        }
        int mask = qemu_str_to_log_mask(cfg->log_items);
        if (mask < 0) {
            fatal("-d %s: unknown log item (use -d help for a list)", cfg->log_items);
        }
        qemu_set_log(mask);
    }
    if (cfg->log_file && !qemu_set_log_filename(cfg->log_file)) {
        fatal("-D %s: cannot open the log file", cfg->log_file);
    }
}

static MachineState *create_machine_state(Config *cfg)
{
    MachineState *ms = g_new0(MachineState, 1);
    const MachineClass *mc;
    char *err = NULL;

    if (cfg->machine && (!strcmp(cfg->machine, "help") || !strcmp(cfg->machine, "?"))) {
        machine_print_list(stdout);
        exit(0);
    }
    if (cfg->machine) {
        ms->opts = opts_parse(cfg->machine, "type", &err);
        if (!ms->opts) {
            fatal("-machine %s: %s", cfg->machine, err);
        }
        const char *type = opts_get(ms->opts, "type");
        const char *accel = opts_get(ms->opts, "accel");
        if (accel) {
            hw_cli_set_accel(accel);
        }
        mc = type ? machine_find(type) : machine_default();
        if (!mc) {
            fatal("-machine %s: unsupported machine type (use -machine help to list them)",
                  cfg->machine);
        }
        const char *unused = opts_first_unused(ms->opts);
        if (unused) {
            fatal("-machine %s: unsupported machine property '%s'", cfg->machine, unused);
        }
    } else {
        mc = machine_default();
        if (!mc) {
            fatal("No machine specified, and there is no default "
                  "(use -machine help to list supported machines)");
        }
    }
    ms->mc = mc;
    ms->cpu_type = cfg->cpu;
    ms->ram_size = mc->default_ram_size;
    if (cfg->mem) {
        Opts *mopts = opts_parse(cfg->mem, "size", &err);
        if (!mopts) {
            fatal("-m %s: %s", cfg->mem, err);
        }
        const char *size = opts_get(mopts, "size");
        const char *unused = opts_first_unused(mopts);
        if (unused) {
            fatal("-m %s: '%s' is not supported (only the RAM size is)", cfg->mem, unused);
        }
        /* a bare number is in MiB, as in QEMU */
        if (!size || !parse_size(size, 1ULL << 20, &ms->ram_size) || ms->ram_size == 0) {
            fatal("-m %s: invalid RAM size", cfg->mem);
        }
        ms->ram_size_given = true;
        opts_free(mopts);
    }
    return ms;
}

/* -nographic: serial and monitor share stdio unless told otherwise. */
static void apply_nographic_defaults(Config *cfg)
{
    bool have_monitor = cfg->monitors->len || cfg->mons->len;

    if (!cfg->nographic || hw_options.nodefaults) {
        return;
    }
    if (!cfg->serials->len && !have_monitor) {
        g_ptr_array_add(cfg->serials, "mon:stdio");
    } else if (!cfg->serials->len) {
        g_ptr_array_add(cfg->serials, "stdio");
    } else if (!have_monitor) {
        g_ptr_array_add(cfg->monitors, "stdio");
    }
}

static void start_monitor(const char *what, Chardev *chr)
{
    char *err = NULL;

    if (!monitor_init_hmp(chr, &err)) {
        fatal("%s: %s", what, err);
    }
}

static gboolean on_signal(gpointer data)
{
    /* QEMU says this on the way out; scripts and people look for it */
    fprintf(stderr, PROG ": terminating on signal %d\n", GPOINTER_TO_INT(data));
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
    return G_SOURCE_CONTINUE;
}

static void mux_quit(void)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
}

int qemu_main(int argc, char **argv)
{
    Config cfg = {
        .chardevs = g_ptr_array_new(),
        .serials = g_ptr_array_new(),
        .monitors = g_ptr_array_new(),
        .mons = g_ptr_array_new(),
    };
    GPtrArray *mon_serials = g_ptr_array_new();
    char *err = NULL;

    signal(SIGPIPE, SIG_IGN);
    parse_command_line(&cfg, argc, argv);
    setup_logging(&cfg);
    current_machine = create_machine_state(&cfg);
    apply_nographic_defaults(&cfg);
    qemu_set_no_reboot(cfg.no_reboot);
    qemu_main_loop_init();

    for (unsigned i = 0; i < cfg.chardevs->len; i++) {
        const char *spec = g_ptr_array_index(cfg.chardevs, i);
        if (!qemu_chr_new_from_opts_str(spec, &err)) {
            fatal("-chardev %s: %s", spec, err);
        }
    }
    for (unsigned i = 0; i < cfg.serials->len; i++) {
        const char *spec = g_ptr_array_index(cfg.serials, i);
        char label[16];
        if (!strcmp(spec, "none")) {
            continue;
        }
        g_snprintf(label, sizeof(label), "serial%u", i);
        serial_hds[i] = qemu_chr_new(label, spec, &err);
        if (!serial_hds[i]) {
            fatal("-serial %s: %s", spec, err);
        }
        if (g_str_has_prefix(spec, "mon:")) {
            g_ptr_array_add(mon_serials, serial_hds[i]);
        }
    }
    GPtrArray *monitor_chrs = g_ptr_array_new();
    GPtrArray *qmp_chrs = g_ptr_array_new();     /* -mon mode=control */
    for (unsigned i = 0; i < cfg.monitors->len; i++) {
        const char *spec = g_ptr_array_index(cfg.monitors, i);
        char label[32];
        if (!strcmp(spec, "none")) {
            continue;
        }
        g_snprintf(label, sizeof(label), "compat_monitor%u", i);
        Chardev *chr = qemu_chr_new(label, spec, &err);
        if (!chr) {
            fatal("-monitor %s: %s", spec, err);
        }
        g_ptr_array_add(monitor_chrs, chr);
    }
    for (unsigned i = 0; i < cfg.mons->len; i++) {
        const char *spec = g_ptr_array_index(cfg.mons, i);
        Opts *o = opts_parse(spec, "chardev", &err);
        if (!o) {
            fatal("-mon %s: %s", spec, err);
        }
        const char *id = opts_get(o, "chardev");
        const char *mode = opts_get(o, "mode");
        bool ok = true;
        opts_get_bool(o, "pretty", false, &ok);
        bool control = mode && !strcmp(mode, "control");
        if ((mode && !control && strcmp(mode, "readline") != 0) || !ok || opts_first_unused(o)) {
            fatal("-mon %s: invalid option", spec);
        }
        Chardev *chr = id ? qemu_chr_find(id) : NULL;
        if (!chr) {
            fatal("-mon %s: chardev '%s' not found", spec, id ? id : "");
        }
        g_ptr_array_add(control ? qmp_chrs : monitor_chrs, chr);
        opts_free(o);
    }

    memory_map_init();
    if (!current_machine->mc->init(current_machine, &err)) {
        fatal("%s", err);
    }
    /* -device, -qmp, -qtest (hw/core/cli.c), then -mon mode=control. */
    hw_cli_late_init();
    for (unsigned i = 0; i < qmp_chrs->len; i++) {
        if (!monitor_init_qmp(g_ptr_array_index(qmp_chrs, i), &err)) {
            fatal("-mon: %s", err);
        }
    }

    /* Monitors attach after the board's devices took their serial ports,
     * so on a shared stdio the serial console gets the focus first. */
    for (unsigned i = 0; i < mon_serials->len; i++) {
        start_monitor("-serial mon:", g_ptr_array_index(mon_serials, i));
    }
    for (unsigned i = 0; i < monitor_chrs->len; i++) {
        start_monitor("-monitor", g_ptr_array_index(monitor_chrs, i));
    }
    chr_mux_quit_handler = mux_quit;
    qemu_chr_open_muxes();

    g_unix_signal_add(SIGINT, on_signal, GINT_TO_POINTER(SIGINT));
    g_unix_signal_add(SIGTERM, on_signal, GINT_TO_POINTER(SIGTERM));
    g_unix_signal_add(SIGHUP, on_signal, GINT_TO_POINTER(SIGHUP));

    if (!cfg.start_paused) {
        vm_start();
    }
    qemu_main_loop_run(main_loop_should_exit);

    monitor_cleanup();
    while (qemu_chr_first()) {
        qemu_chr_delete(qemu_chr_first());
    }
    g_ptr_array_free(monitor_chrs, TRUE);
    g_ptr_array_free(mon_serials, TRUE);
    return 0;
}
