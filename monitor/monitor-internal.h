/* Shared between the files of monitor/ only. */
#ifndef MONITOR_INTERNAL_H
#define MONITOR_INTERNAL_H

#include "monitor/monitor.h"
#include "monitor/readline.h"

/* Parses and runs one command line (monitor/hmp.c). */
void hmp_handle_line(Monitor *mon, const char *line);
/* Like monitor_register_info(), but keeps a subcommand registered already. */
void monitor_register_info_default(const char *name, const char *params, const char *help,
                                   HMPHandler *handler);
/* Tab completion: command names, then `info`/`help` subcommands. */
void hmp_complete(const char *line, GPtrArray *out);
/* The monitor's line editor, NULL for buffer monitors. */
ReadLineState *monitor_readline(Monitor *mon);

#endif
