/*
 * "key=value,key=value" option strings as QEMU's command line writes them
 * (-chardev, -machine, -mon, -m): a comma inside a value is doubled (",,"),
 * and a leading word without '=' is the value of an implied key (the
 * backend of -chardev, the machine type of -M).
 */
#ifndef SYSEMU_OPTS_H
#define SYSEMU_OPTS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Opts Opts;

/* Returns NULL and sets *errp (g_free it) on a malformed string. */
Opts *opts_parse(const char *str, const char *implied_key, char **errp);
void opts_free(Opts *opts);

/* The last value given for @key, or NULL. Marks the key as used. */
const char *opts_get(Opts *opts, const char *key);
/* on/off, yes/no, true/false; *ok = false for anything else. */
bool opts_get_bool(Opts *opts, const char *key, bool dflt, bool *ok);
/* Adds or replaces a key (for legacy syntaxes that build options). */
void opts_set(Opts *opts, const char *key, const char *value);

/* The first key nobody asked for, or NULL: callers reject unknown keys. */
const char *opts_first_unused(Opts *opts);

/* Parses "128", "128M", "1G", "64k" (no suffix: @default_unit bytes). */
bool parse_size(const char *str, uint64_t default_unit, uint64_t *size);

#endif
