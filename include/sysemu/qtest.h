/* The qtest accelerator's protocol server (softmmu/qtest.c). */
#ifndef SYSEMU_QTEST_H
#define SYSEMU_QTEST_H

#include <stdbool.h>

#include <glib.h>

/*
 * Starts serving the qtest protocol on @spec ("unix:PATH[,...]",
 * "chardev:ID", or any legacy chardev spec), logging to @log_file
 * ("none" or NULL: no log, "-": stderr).
 */
bool qtest_server_init(const char *spec, const char *log_file, char **errp);

/*
 * The protocol engine without a transport (for unit tests): feeds one
 * command line and appends the reply (and any IRQ lines) to @out.
 */
void qtest_process_line(const char *line, GString *out);

#endif
