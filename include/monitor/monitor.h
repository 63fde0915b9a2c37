/*
 * The human monitor (HMP): commands typed on a chardev (-monitor, -mon) or
 * run on a buffer (tests).  Commands and `info` subcommands live in
 * tables; later parts of the emulator add `info` subcommands (pci,
 * registers, ...) with monitor_register_info().
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "chardev/char.h"

typedef struct Monitor Monitor;

/* Starts an HMP monitor on @chr. */
bool monitor_init_hmp(Chardev *chr, char **errp);
/* A monitor whose output is appended to @out (no chardev, no prompt). */
Monitor *monitor_new_buffer(GString *out);
void monitor_free(Monitor *mon);
/* Runs one command line as if typed. */
void monitor_execute(Monitor *mon, const char *line);
void monitor_cleanup(void);

void monitor_printf(Monitor *mon, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void monitor_puts(Monitor *mon, const char *text);

/* ---- commands ---- */

typedef void HMPHandler(Monitor *mon, int argc, char **argv);

/*
 * Adds (or replaces) `info NAME`.  @params and @help are what `help info`
 * shows.  The handler gets the words after NAME.
 */
void monitor_register_info(const char *name, const char *params, const char *help,
                           HMPHandler *handler);

/* Prints @msg and QEMU's 'Try "help CMD" for more information'. */
void monitor_cmd_error(Monitor *mon, const char *cmd, const char *msg);

/*
 * How `x` reads guest-virtual memory: set by the CPU code when a CPU
 * exists.  Returns false if the address does not translate.
 */
typedef bool HMPVirtReadFunc(uint64_t addr, uint8_t *buf, int len);
void monitor_set_virt_read(HMPVirtReadFunc *fn);

/* The x/xp format remembered between commands, as in QEMU. */
typedef struct HMPMemFormat {
    char format;    /* x d u o c */
    int size;       /* 1 2 4 8 */
} HMPMemFormat;
HMPMemFormat *monitor_mem_format(Monitor *mon);

/* The command handlers, in monitor/hmp-cmds.c. */
void hmp_register_builtin_info(void);
HMPHandler hmp_info_version, hmp_info_status, hmp_info_mtree, hmp_info_ramblock;
HMPHandler hmp_info_qtree, hmp_info_pci, hmp_info_registers, hmp_info_chardev;
HMPHandler hmp_x, hmp_xp, hmp_stop, hmp_cont, hmp_system_reset, hmp_quit;
/* Whether `quit` was given: the monitor stops reading input. */
bool monitor_quit_requested(Monitor *mon);
void monitor_set_quit(Monitor *mon);

#endif
