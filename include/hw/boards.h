/*
 * What the command line tells boards and devices beyond what
 * sysemu/machine.h carries: -smp, -bios, -kernel, -initrd, -append, -L,
 * -device, -global, -nodefaults, -vga, -boot, -rtc, and the test interfaces (-qtest,
 * -qtest-log, -accel, -qmp).  softmmu/vl.c hands every option it does not
 * know to hw_cli_parse_option() and calls hw_cli_late_init() once the
 * board is built.
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

typedef struct HWOptions {
    unsigned smp_cpus;           /* -smp N / cpus=N */
    unsigned smp_max_cpus;       /* -smp maxcpus= */
    const char *bios_name;       /* -bios */
    const char *kernel_filename; /* -kernel (hw/i386/x86-boot.c) */
    const char *initrd_filename; /* -initrd */
    const char *kernel_cmdline;  /* -append */
    GPtrArray *data_dirs;        /* -L, in order */
    bool nodefaults;             /* -nodefaults */
    const char *vga;             /* -vga (only "none" is available) */
    bool nographic;              /* -nographic */
    const char *boot_order;      /* -boot order= (or a bare letter string) */
    bool boot_menu;              /* -boot menu=on */
    int64_t boot_splash_time;    /* -boot splash-time= (ms), -1 if unset */
    const char *rtc_base;        /* -rtc base= */
    GPtrArray *devices;          /* -device */
    const char *accel;           /* -accel / -machine accel= */
    const char *qtest_chardev;   /* -qtest */
    const char *qtest_log;       /* -qtest-log */
    GPtrArray *qmp;              /* -qmp / -qmp-pretty */
} HWOptions;

extern HWOptions hw_options;

/*
 * If @opt is one of ours, applies it and returns how many arguments it
 * took (0 or 1; @arg is the next argv word or NULL).  Returns -1 if @opt
 * is not ours.  Exits with a message for a bad value.
 */
int hw_cli_parse_option(const char *opt, const char *arg);
/* -machine accel=...: the accelerator list ("qtest", "tcg", "tcg:qtest"...). */
void hw_cli_set_accel(const char *accel);
/* Is qtest the accelerator (so the virtual clock only moves on command)? */
bool qtest_enabled(void);
/* After the board: creates -device devices, starts qtest and -qmp monitors. */
void hw_cli_late_init(void);
/* Looks for a firmware file in -L directories and the usual data dirs. */
char *qemu_find_file(const char *name);

#endif
