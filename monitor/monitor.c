/*
 * A monitor instance: the chardev it talks on, its line editor, the prompt
 * and banner, and where its output goes.
 */
#include <string.h>

#include <glib.h>

#include "chardev/char.h"
#include "monitor-internal.h"
#include "q86-config.h"

struct Monitor {
    CharBackend be;
    bool has_chr;
    GString *buffer;          /* buffer monitors: output goes here */
    ReadLineState *rs;
    bool focused;             /* a mux gave us the input */
    bool banner_shown;
    bool quit;
    HMPMemFormat mem_format;
    Monitor *next;
};

static Monitor *monitors;

void monitor_puts(Monitor *mon, const char *text)
{
    if (mon->buffer) {
        g_string_append(mon->buffer, text);
        return;
    }
    if (!mon->has_chr) {
        return;
    }
    /* As QEMU's monitor does: every "\n" goes out as "\r\n", so the output
     * is right on raw terminals and ptys alike. */
    GString *s = g_string_sized_new(strlen(text) + 16);
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            g_string_append_c(s, '\r');
        }
        g_string_append_c(s, *p);
    }
    qemu_chr_fe_write_all(&mon->be, (const uint8_t *)s->str, (int)s->len);
    g_string_free(s, TRUE);
}

void monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    monitor_puts(mon, text);
    g_free(text);
}

ReadLineState *monitor_readline(Monitor *mon)
{
    return mon->rs;
}

HMPMemFormat *monitor_mem_format(Monitor *mon)
{
    return &mon->mem_format;
}

bool monitor_quit_requested(Monitor *mon)
{
    return mon->quit;
}

void monitor_set_quit(Monitor *mon)
{
    mon->quit = true;
}

static void monitor_init_common(Monitor *mon)
{
    mon->mem_format = (HMPMemFormat){ 'x', 4 };
    mon->next = monitors;
    monitors = mon;
}

static void rl_print(void *opaque, const char *text)
{
    Monitor *mon = opaque;

    if (mon->has_chr) {
        /* the editor's output is already terminal-ready */
        qemu_chr_fe_write_all(&mon->be, (const uint8_t *)text, (int)strlen(text));
    }
}

static void rl_line(void *opaque, const char *line)
{
    Monitor *mon = opaque;

    hmp_handle_line(mon, line);
    if (!mon->quit) {
        readline_show_prompt(mon->rs);
    }
}

static void rl_complete(void *opaque, const char *line, GPtrArray *out)
{
    hmp_complete(line, out);
}

static int monitor_can_read(void *opaque)
{
    Monitor *mon = opaque;

    return mon->quit ? 0 : 1024;
}

static void monitor_read(void *opaque, const uint8_t *buf, int len)
{
    Monitor *mon = opaque;

    for (int i = 0; i < len && !mon->quit; i++) {
        readline_handle_byte(mon->rs, buf[i]);
    }
}

static void monitor_greet(Monitor *mon)
{
    if (!mon->banner_shown) {
        monitor_printf(mon, "QEMU %s monitor - type 'help' for more information\n", Q86_VERSION);
        mon->banner_shown = true;
    }
    readline_show_prompt(mon->rs);
}

static void monitor_event(void *opaque, QEMUChrEvent event)
{
    Monitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        /* behind a mux, wait until we get the focus (which greets) */
        if ((mon->be.tag < 0 || mon->focused) && !mon->banner_shown) {
            monitor_greet(mon);
        }
        break;
    case CHR_EVENT_MUX_IN:
        mon->focused = true;
        monitor_greet(mon);
        break;
    case CHR_EVENT_MUX_OUT:
        mon->focused = false;
        break;
    case CHR_EVENT_CLOSED:
        /* the next client gets a fresh line and its own banner */
        mon->banner_shown = false;
        mon->rs->len = mon->rs->cursor = 0;
        break;
    default:
        break;
    }
}

bool monitor_init_hmp(Chardev *chr, char **errp)
{
    Monitor *mon = g_new0(Monitor, 1);

    if (!qemu_chr_fe_init(&mon->be, chr, errp)) {
        g_free(mon);
        return false;
    }
    mon->has_chr = true;
    mon->rs = readline_new(qemu_chr_fe_is_tty(&mon->be), rl_print, rl_line, mon);
    readline_set_prompt(mon->rs, "(qemu) ");
    readline_set_completion(mon->rs, rl_complete);
    monitor_init_common(mon);
    qemu_chr_fe_set_handlers(&mon->be, monitor_can_read, monitor_read, monitor_event, mon);
    return true;
}

Monitor *monitor_new_buffer(GString *out)
{
    Monitor *mon = g_new0(Monitor, 1);

    mon->buffer = out;
    monitor_init_common(mon);
    return mon;
}

void monitor_execute(Monitor *mon, const char *line)
{
    hmp_handle_line(mon, line);
}

void monitor_free(Monitor *mon)
{
    for (Monitor **link = &monitors; *link; link = &(*link)->next) {
        if (*link == mon) {
            *link = mon->next;
            break;
        }
    }
    if (mon->has_chr) {
        qemu_chr_fe_deinit(&mon->be);
    }
    readline_free(mon->rs);
    g_free(mon);
}

void monitor_cleanup(void)
{
    while (monitors) {
        monitor_free(monitors);
    }
}
