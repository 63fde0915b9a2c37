/* Parser for "key=value,..." option strings (see sysemu/opts.h). */
#include <string.h>

#include <glib.h>

#include "sysemu/opts.h"

typedef struct Opt {
    char *key;
    char *value;
    bool used;
} Opt;

struct Opts {
    GArray *opts; /* of Opt */
};

/* Reads up to the next unescaped @stop (or the end); ",," is a comma. */
static char *take_token(const char **p, char stop)
{
    GString *s = g_string_new(NULL);

    while (**p) {
        if (**p == ',') {
            if ((*p)[1] == ',') {
                g_string_append_c(s, ',');
                *p += 2;
                continue;
            }
            break;
        }
        if (**p == stop) {
            break;
        }
        g_string_append_c(s, **p);
        (*p)++;
    }
    return g_string_free(s, FALSE);
}

void opts_set(Opts *opts, const char *key, const char *value)
{
    Opt o = { g_strdup(key), g_strdup(value), false };

    g_array_append_val(opts->opts, o);
}

Opts *opts_parse(const char *str, const char *implied_key, char **errp)
{
    Opts *opts = g_new0(Opts, 1);
    const char *p = str;
    bool first = true;

    opts->opts = g_array_new(FALSE, FALSE, sizeof(Opt));
    while (*p) {
        char *key = take_token(&p, '=');
        if (*p == '=') {
            p++;
            char *value = take_token(&p, '\0');
            opts_set(opts, key, value);
            g_free(value);
        } else if (first && implied_key) {
            opts_set(opts, implied_key, key);
        } else if (*key) {
            /* "server" alone means server=on, as in QEMU */
            opts_set(opts, key, "on");
        } else {
            *errp = g_strdup_printf("empty option in '%s'", str);
            g_free(key);
            opts_free(opts);
            return NULL;
        }
        g_free(key);
        first = false;
        if (*p == ',') {
            p++;
        }
    }
    return opts;
}

void opts_free(Opts *opts)
{
    if (!opts) {
        return;
    }
    for (unsigned i = 0; i < opts->opts->len; i++) {
        Opt *o = &g_array_index(opts->opts, Opt, i);
        g_free(o->key);
        g_free(o->value);
    }
    g_array_free(opts->opts, TRUE);
    g_free(opts);
}

const char *opts_get(Opts *opts, const char *key)
{
    const char *value = NULL;

    for (unsigned i = 0; i < opts->opts->len; i++) {
        Opt *o = &g_array_index(opts->opts, Opt, i);
        if (strcmp(o->key, key) == 0) {
            o->used = true;
            value = o->value;
        }
    }
    return value;
}

bool opts_get_bool(Opts *opts, const char *key, bool dflt, bool *ok)
{
    const char *v = opts_get(opts, key);

    if (!v) {
        return dflt;
    }
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) {
        return true;
    }
    if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        return false;
    }
    *ok = false;
    return dflt;
}

const char *opts_first_unused(Opts *opts)
{
    for (unsigned i = 0; i < opts->opts->len; i++) {
        Opt *o = &g_array_index(opts->opts, Opt, i);
        if (!o->used) {
            return o->key;
        }
    }
    return NULL;
}

bool parse_size(const char *str, uint64_t default_unit, uint64_t *size)
{
    char *end;
    double v;
    uint64_t unit = default_unit;

    if (!*str) {
        return false;
    }
    v = g_ascii_strtod(str, &end);
    if (end == str || v < 0) {
        return false;
    }
    switch (g_ascii_toupper(*end)) {
    case '\0':
        break;
    case 'B':
        unit = 1;
        break;
    case 'K':
        unit = 1ULL << 10;
        break;
    case 'M':
        unit = 1ULL << 20;
        break;
    case 'G':
        unit = 1ULL << 30;
        break;
    case 'T':
        unit = 1ULL << 40;
        break;
    default:
        return false;
    }
    if (*end && end[1]) {
        return false;
    }
    if (v * (double)unit >= 18446744073709551616.0) {
        return false;
    }
    *size = (uint64_t)(v * (double)unit);
    return true;
}
