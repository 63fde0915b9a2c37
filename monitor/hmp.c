/*
 * HMP: the command table, `help`, `info` and the command-line parser.
 * Names, parameters and help texts follow QEMU's documented HMP commands
 * (QEMU's "Monitor" documentation); messages for bad input follow QEMU's
 * wording where scripts may match it ("unknown command: 'foo'").
 */
#include <string.h>

#include <glib.h>

#include "monitor-internal.h"

typedef struct HMPCommand {
    const char *name;     /* "quit|q": name and aliases */
    const char *params;
    const char *help;
    HMPHandler *handler;
} HMPCommand;

static void hmp_help(Monitor *mon, int argc, char **argv);
static void hmp_info(Monitor *mon, int argc, char **argv);
static char **split_line(const char *line, int *argc);

static const HMPCommand commands[] = {
    { "cont|c", "", "resume emulation", hmp_cont },
    { "help|?", "[cmd]", "show the help", hmp_help },
    { "info", "[subcommand]", "show various information about the system state", hmp_info },
    { "quit|q", "", "quit the emulator", hmp_quit },
    { "stop|s", "", "stop emulation", hmp_stop },
    { "system_reset", "", "reset the system", hmp_system_reset },
    { "x", "/fmt addr", "virtual memory dump starting at 'addr'", hmp_x },
    { "xp", "/fmt addr", "physical memory dump starting at 'addr'", hmp_xp },
};

/* `info` subcommands, sorted by name; others register theirs. */
static GArray *info_commands; /* of HMPCommand */

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(((const HMPCommand *)a)->name, ((const HMPCommand *)b)->name);
}

static void register_info(const HMPCommand *c, bool replace)
{
    if (!info_commands) {
        info_commands = g_array_new(FALSE, FALSE, sizeof(HMPCommand));
    }
    for (unsigned i = 0; i < info_commands->len; i++) {
        if (strcmp(g_array_index(info_commands, HMPCommand, i).name, c->name) == 0) {
            if (replace) {
                g_array_index(info_commands, HMPCommand, i) = *c;
            }
            return;
        }
    }
    g_array_append_val(info_commands, *c);
    g_array_sort(info_commands, by_name);
}

void monitor_register_info(const char *name, const char *params, const char *help,
                           HMPHandler *handler)
{
    HMPCommand c = { name, params, help, handler };

    register_info(&c, true);
}

void monitor_register_info_default(const char *name, const char *params, const char *help,
                                   HMPHandler *handler)
{
    HMPCommand c = { name, params, help, handler };

    register_info(&c, false);
}

/* The built-in subcommands join at first use, behind any that other parts
 * registered already (a machine's `info pci` beats the empty default). */
static void ensure_info_commands(void)
{
    static bool builtins_added;

    if (!builtins_added) {
        builtins_added = true;
        hmp_register_builtin_info();
    }
}

/* Does @word name @cmd ("quit|q" matches "quit" and "q")? */
static bool name_matches(const char *names, const char *word)
{
    gchar **alts = g_strsplit(names, "|", -1);
    bool match = false;

    for (gchar **a = alts; *a; a++) {
        if (strcmp(*a, word) == 0) {
            match = true;
        }
    }
    g_strfreev(alts);
    return match;
}

static const HMPCommand *find_command(const HMPCommand *table, unsigned n, const char *word)
{
    for (unsigned i = 0; i < n; i++) {
        if (name_matches(table[i].name, word)) {
            return &table[i];
        }
    }
    return NULL;
}

static void print_command_help(Monitor *mon, const char *prefix, const HMPCommand *c)
{
    monitor_printf(mon, "%s%s %s -- %s\n", prefix, c->name, c->params, c->help);
}

static void hmp_help(Monitor *mon, int argc, char **argv)
{
    ensure_info_commands();
    if (argc >= 2 && strcmp(argv[1], "info") == 0) {
        for (unsigned i = 0; i < info_commands->len; i++) {
            print_command_help(mon, "info ", &g_array_index(info_commands, HMPCommand, i));
        }
        return;
    }
    if (argc >= 2) {
        const HMPCommand *c = find_command(commands, G_N_ELEMENTS(commands), argv[1]);
        if (!c) {
            monitor_printf(mon, "unknown command: '%s'\n", argv[1]);
            return;
        }
        print_command_help(mon, "", c);
        return;
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(commands); i++) {
        print_command_help(mon, "", &commands[i]);
    }
}

static void hmp_info(Monitor *mon, int argc, char **argv)
{
    ensure_info_commands();
    if (argc < 2) {
        hmp_help(mon, 2, (char *[]){ "help", "info", NULL });
        return;
    }
    const HMPCommand *c = find_command(&g_array_index(info_commands, HMPCommand, 0),
                                       info_commands->len, argv[1]);
    if (!c) {
        monitor_printf(mon, "unknown command: 'info %s'\n", argv[1]);
        return;
    }
    c->handler(mon, argc - 1, argv + 1);
}

static void add_matches(GPtrArray *out, const char *names, const char *prefix)
{
    gchar **alts = g_strsplit(names, "|", -1);

    for (gchar **a = alts; *a; a++) {
        if (g_str_has_prefix(*a, prefix) && strcmp(*a, "?") != 0) {
            g_ptr_array_add(out, g_strdup(*a));
        }
    }
    g_strfreev(alts);
}

void hmp_complete(const char *line, GPtrArray *out)
{
    const char *space = strrchr(line, ' ');
    const char *word = space ? space + 1 : line;
    char *before = g_strndup(line, word - line);
    int argc;
    char **prev = split_line(before, &argc);

    if (argc == 0) {
        for (unsigned i = 0; i < G_N_ELEMENTS(commands); i++) {
            add_matches(out, commands[i].name, word);
        }
    } else if (argc == 1 && strcmp(prev[0], "info") == 0) {
        ensure_info_commands();
        for (unsigned i = 0; i < info_commands->len; i++) {
            add_matches(out, g_array_index(info_commands, HMPCommand, i).name, word);
        }
    } else if (argc == 1 && (!strcmp(prev[0], "help") || !strcmp(prev[0], "?"))) {
        for (unsigned i = 0; i < G_N_ELEMENTS(commands); i++) {
            add_matches(out, commands[i].name, word);
        }
    }
    g_strfreev(prev);
    g_free(before);
}

void monitor_cmd_error(Monitor *mon, const char *cmd, const char *msg)
{
    monitor_printf(mon, "%s\nTry \"help %s\" for more information\n", msg, cmd);
}

/*
 * Splits a command line into words.  The command name ends at a space or
 * at '/', so "x/4x 0" works like "x /4x 0".
 */
static char **split_line(const char *line, int *argc)
{
    GPtrArray *words = g_ptr_array_new();
    const char *p = line;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    const char *start = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '/') {
        p++;
    }
    if (p > start) {
        g_ptr_array_add(words, g_strndup(start, p - start));
    }
    while (*p) {
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        start = p;
        while (*p && *p != ' ' && *p != '\t') {
            p++;
        }
        if (p > start) {
            g_ptr_array_add(words, g_strndup(start, p - start));
        }
    }
    *argc = (int)words->len;
    g_ptr_array_add(words, NULL);
    return (char **)g_ptr_array_free(words, FALSE);
}

void hmp_handle_line(Monitor *mon, const char *line)
{
    int argc;
    char **argv = split_line(line, &argc);

    if (argc > 0) {
        const HMPCommand *c = find_command(commands, G_N_ELEMENTS(commands), argv[0]);
        if (c) {
            c->handler(mon, argc, argv);
        } else {
            monitor_printf(mon, "unknown command: '%s'\n", argv[0]);
        }
    }
    g_strfreev(argv);
}
