/* The command-line options of boards, devices and test interfaces: see include/hw/boards.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "monitor/qmp.h"
#include "q86-config.h"
#include "qemu/timer.h"
#include "sysemu/qtest.h"
#include "sysemu/runstate.h"

HWOptions hw_options = {
    .smp_cpus = 1,
    .boot_splash_time = -1,
};

static bool accel_is_qtest;

static void G_GNUC_NORETURN cli_fatal(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static void cli_fatal(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "qemu-system-i386: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    exit(1);
}

static unsigned parse_count(const char *opt, const char *s)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);

    if (end == s || *end || v == 0 || v > 255) {
        cli_fatal("%s: invalid CPU count '%s'", opt, s);
    }
    return (unsigned)v;
}

static void parse_smp(const char *arg)
{
    char **parts = g_strsplit(arg, ",", -1);
    unsigned topo = 1;
    bool cpus_given = false, topo_given = false;

    for (char **p = parts; *p; p++) {
        char *eq = strchr(*p, '=');
        if (!eq) {
            hw_options.smp_cpus = parse_count("-smp", *p);
            cpus_given = true;
            continue;
        }
        *eq = '\0';
        if (!strcmp(*p, "cpus")) {
            hw_options.smp_cpus = parse_count("-smp", eq + 1);
            cpus_given = true;
        } else if (!strcmp(*p, "maxcpus")) {
            hw_options.smp_max_cpus = parse_count("-smp", eq + 1);
        } else if (!strcmp(*p, "sockets") || !strcmp(*p, "cores") || !strcmp(*p, "threads") ||
                   !strcmp(*p, "dies")) {
            /* Without cpus=, the CPU count is the product of the topology. */
            topo *= parse_count("-smp", eq + 1);
            topo_given = true;
        } else {
            cli_fatal("-smp %s: unsupported parameter '%s'", arg, *p);
        }
    }
    g_strfreev(parts);
    if (topo_given && !cpus_given) {
        if (topo > 255) {
            cli_fatal("-smp %s: too many CPUs (%u)", arg, topo);
        }
        hw_options.smp_cpus = topo;
    }
    if (hw_options.smp_max_cpus && hw_options.smp_max_cpus < hw_options.smp_cpus) {
        cli_fatal("-smp %s: maxcpus must be equal to or greater than smp", arg);
    }
}

static void parse_boot(const char *arg)
{
    char **parts = g_strsplit(arg, ",", -1);

    for (char **p = parts; *p; p++) {
        char *eq = strchr(*p, '=');
        if (!eq) {
            hw_options.boot_order = g_strdup(*p);
            continue;
        }
        *eq = '\0';
        if (!strcmp(*p, "order") || !strcmp(*p, "once")) {
            hw_options.boot_order = g_strdup(eq + 1);
        } else if (!strcmp(*p, "menu")) {
            hw_options.boot_menu = !strcmp(eq + 1, "on");
        } else if (!strcmp(*p, "splash-time")) {
            hw_options.boot_splash_time = strtoll(eq + 1, NULL, 0);
        } else if (!strcmp(*p, "strict") || !strcmp(*p, "reboot-timeout") ||
                   !strcmp(*p, "splash")) {
            /* accepted */
        } else {
            cli_fatal("-boot %s: unsupported parameter '%s'", arg, *p);
        }
    }
    for (const char *c = hw_options.boot_order; c && *c; c++) {
        if (!strchr("acdnp", *c)) {
            cli_fatal("-boot %s: invalid boot device '%c'", arg, *c);
        }
    }
    g_strfreev(parts);
}

void hw_cli_set_accel(const char *accel)
{
    char **alts = g_strsplit(accel, ":", -1);

    g_free((char *)hw_options.accel);    /* -qtest and -machine accel= may both set it */
    hw_options.accel = g_strdup(accel);
    accel_is_qtest = false;
    /* The first available accelerator of the list wins; all of ours are. */
    if (alts[0]) {
        char *name = alts[0];
        char *comma = strchr(name, ',');
        if (comma) {
            *comma = '\0';
        }
        if (!strcmp(name, "qtest")) {
            accel_is_qtest = true;
        } else if (strcmp(name, "tcg") != 0) {
            cli_fatal("-accel %s: invalid accelerator (tcg and qtest are available)", name);
        }
    }
    g_strfreev(alts);
    if (accel_is_qtest) {
        qtest_clock_enable();
    }
}

bool qtest_enabled(void)
{
    return accel_is_qtest;
}

static const char *const arg_opts[] = {
    "-smp", "-bios", "-kernel", "-initrd", "-append", "-L", "-device", "-global", "-vga",
    "-boot", "-rtc", "-accel", "-qtest", "-qtest-log", "-qmp", "-qmp-pretty", "-audio",
};
static const char *const flag_opts[] = { "-nodefaults", "-no-hpet", "-enable-kvm", "-no-acpi" };

int hw_cli_parse_option(const char *opt, const char *arg)
{
    bool takes_arg = false;
    GError *err = NULL;

    for (size_t i = 0; i < G_N_ELEMENTS(arg_opts); i++) {
        if (!strcmp(opt, arg_opts[i])) {
            takes_arg = true;
        }
    }
    if (!takes_arg) {
        bool known = false;
        for (size_t i = 0; i < G_N_ELEMENTS(flag_opts); i++) {
            known |= !strcmp(opt, flag_opts[i]);
        }
        if (!known) {
            return -1;
        }
    } else if (!arg) {
        cli_fatal("%s: requires an argument", opt);
    }

    if (!strcmp(opt, "-smp")) {
        parse_smp(arg);
    } else if (!strcmp(opt, "-bios")) {
        hw_options.bios_name = arg;
    } else if (!strcmp(opt, "-kernel")) {
        hw_options.kernel_filename = arg;
    } else if (!strcmp(opt, "-initrd")) {
        hw_options.initrd_filename = arg;
    } else if (!strcmp(opt, "-append")) {
        hw_options.kernel_cmdline = arg;
    } else if (!strcmp(opt, "-L")) {
        if (!hw_options.data_dirs) {
            hw_options.data_dirs = g_ptr_array_new();
        }
        if (!strcmp(arg, "help")) {
            printf("%s\n/usr/share/seabios\n/usr/share/qemu\n", Q86_DATADIR);
            exit(0);
        }
        g_ptr_array_add(hw_options.data_dirs, (gpointer)arg);
    } else if (!strcmp(opt, "-device")) {
        if (!strcmp(arg, "help") || !strcmp(arg, "?") || g_str_has_suffix(arg, ",help")) {
            GString *out = g_string_new(NULL);
            char *type = NULL;
            if (g_str_has_suffix(arg, ",help")) {
                type = g_strndup(arg, strlen(arg) - 5);
            }
            qdev_print_device_help(out, type);
            fputs(out->str, stdout);
            exit(0);
        }
        if (!hw_options.devices) {
            hw_options.devices = g_ptr_array_new();
        }
        g_ptr_array_add(hw_options.devices, (gpointer)arg);
    } else if (!strcmp(opt, "-global")) {
        if (!qdev_global_add(arg, &err)) {
            cli_fatal("-global %s: %s", arg, err->message);
        }
    } else if (!strcmp(opt, "-vga")) {
        if (strcmp(arg, "none") != 0) {
            cli_fatal("-vga %s: no VGA device is available yet (only 'none')", arg);
        }
        hw_options.vga = arg;
    } else if (!strcmp(opt, "-boot")) {
        parse_boot(arg);
    } else if (!strcmp(opt, "-rtc")) {
        char **parts = g_strsplit(arg, ",", -1);
        for (char **p = parts; *p; p++) {
            if (g_str_has_prefix(*p, "base=")) {
                hw_options.rtc_base = g_strdup(*p + 5);
            } else if (!strcmp(*p, "clock=vm") || !strcmp(*p, "driftfix=none")) {
                /* What the RTC does anyway: it follows the virtual clock. */
            } else {
                cli_fatal("-rtc %s: unsupported parameter '%s' (the RTC follows the "
                          "virtual clock: clock=vm, driftfix=none)", arg, *p);
            }
        }
        g_strfreev(parts);
    } else if (!strcmp(opt, "-accel")) {
        const char *name = g_str_has_prefix(arg, "accel=") ? arg + 6 : arg;
        hw_cli_set_accel(name);
    } else if (!strcmp(opt, "-qtest")) {
        hw_options.qtest_chardev = arg;
        if (!hw_options.accel) {
            hw_cli_set_accel("qtest");
        }
    } else if (!strcmp(opt, "-qtest-log")) {
        hw_options.qtest_log = arg;
    } else if (!strcmp(opt, "-qmp") || !strcmp(opt, "-qmp-pretty")) {
        if (!hw_options.qmp) {
            hw_options.qmp = g_ptr_array_new();
        }
        g_ptr_array_add(hw_options.qmp, (gpointer)arg);
    } else if (!strcmp(opt, "-audio")) {
        if (strcmp(arg, "none") != 0 && strcmp(arg, "driver=none") != 0) {
            cli_fatal("-audio %s: there is no audio backend (only 'none')", arg);
        }
    } else if (!strcmp(opt, "-nodefaults")) {
        hw_options.nodefaults = true;
    } else if (!strcmp(opt, "-enable-kvm")) {
        cli_fatal("-enable-kvm: KVM is not supported (use -accel tcg)");
    }
    /* -no-hpet, -no-acpi: there is no HPET or ACPI table yet; accepted. */
    return takes_arg ? 1 : 0;
}

void qdev_monitor_register(void);

static void vm_clock_state(void *opaque, bool running, RunState state)
{
    /* The virtual clock stands still while the VM is stopped. */
    if (running) {
        cpu_enable_ticks();
    } else {
        cpu_disable_ticks();
    }
}

void hw_cli_late_init(void)
{
    GError *err = NULL;
    char *cerr = NULL;

    qdev_monitor_register();
    qemu_add_vm_change_state_handler(vm_clock_state, NULL);
    if (!runstate_is_running()) {
        cpu_disable_ticks();     /* -S: time starts with the VM */
    }
    qemu_timer_attach_source();

    for (unsigned i = 0; hw_options.devices && i < hw_options.devices->len; i++) {
        const char *spec = g_ptr_array_index(hw_options.devices, i);
        if (!qdev_device_add(spec, &err)) {
            cli_fatal("-device %s: %s", spec, err->message);
        }
    }
    for (unsigned i = 0; hw_options.qmp && i < hw_options.qmp->len; i++) {
        const char *spec = g_ptr_array_index(hw_options.qmp, i);
        char label[32];
        g_snprintf(label, sizeof(label), "compat_monitor_qmp%u", i);
        Chardev *chr = qemu_chr_new(label, spec, &cerr);
        if (!chr || !monitor_init_qmp(chr, &cerr)) {
            cli_fatal("-qmp %s: %s", spec, cerr);
        }
    }
    if (hw_options.qtest_chardev) {
        if (!qtest_server_init(hw_options.qtest_chardev, hw_options.qtest_log, &cerr)) {
            cli_fatal("-qtest %s: %s", hw_options.qtest_chardev, cerr);
        }
    }
}

char *qemu_find_file(const char *name)
{
    static const char *const sysdirs[] = { Q86_DATADIR, "/usr/share/seabios", "/usr/share/qemu" };

    if (strchr(name, '/') && access(name, R_OK) == 0) {
        return g_strdup(name);
    }
    for (unsigned i = 0; hw_options.data_dirs && i < hw_options.data_dirs->len; i++) {
        char *p = g_build_filename(g_ptr_array_index(hw_options.data_dirs, i), name, NULL);
        if (access(p, R_OK) == 0) {
            return p;
        }
        g_free(p);
    }
    if (access(name, R_OK) == 0) {
        return g_strdup(name);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(sysdirs); i++) {
        char *p = g_build_filename(sysdirs[i], name, NULL);
        if (access(p, R_OK) == 0) {
            return p;
        }
        g_free(p);
    }
    return NULL;
}
