/*
 * Chardev core: the registry of backends, creating them from -chardev
 * options or the legacy -serial/-monitor syntax, and the frontend API.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "chardev-internal.h"
#include "sysemu/opts.h"

static Chardev *chardevs;
static GPtrArray *drivers;

void qemu_chr_register_driver(const ChardevDriver *drv)
{
    if (!drivers) {
        drivers = g_ptr_array_new();
    }
    g_ptr_array_add(drivers, (gpointer)drv);
}

/* Explicit calls rather than constructors, so the linker keeps the drivers
 * when they come from a static library. */
static void register_builtin_drivers(void)
{
    if (drivers) {
        return;
    }
    chr_register_fd_drivers();
    chr_register_socket_driver();
    chr_register_mux_driver();
}

static const ChardevDriver *find_driver(const char *name)
{
    register_builtin_drivers();
    for (unsigned i = 0; i < drivers->len; i++) {
        const ChardevDriver *d = g_ptr_array_index(drivers, i);
        if (strcmp(d->name, name) == 0) {
            return d;
        }
    }
    return NULL;
}

Chardev *qemu_chr_find(const char *label)
{
    for (Chardev *c = chardevs; c; c = c->next) {
        if (strcmp(c->label, label) == 0) {
            return c;
        }
    }
    return NULL;
}

Chardev *qemu_chr_first(void)
{
    return chardevs;
}

static void chr_link(Chardev *chr)
{
    Chardev **link = &chardevs;

    while (*link) {
        link = &(*link)->next;
    }
    *link = chr;
}

/* Creates a backend of type @backend; opts other than the common ones are
 * the driver's to read, and any left unread are an error. */
static Chardev *chr_create(const char *backend, const char *label, Opts *opts, char **errp)
{
    const ChardevDriver *drv = find_driver(backend);
    Chardev *chr;

    if (!drv || strcmp(backend, "mux") == 0) {
        *errp = g_strdup_printf("'%s' is not a valid char driver name", backend);
        return NULL;
    }
    if (qemu_chr_find(label)) {
        *errp = g_strdup_printf("attempt to add duplicate property '%s' to object (type 'container')",
                                label);
        return NULL;
    }
    chr = g_malloc0(drv->instance_size);
    chr->driver = drv;
    chr->label = g_strdup(label);
    if (!drv->open(chr, opts, errp)) {
        g_free(chr->label);
        g_free(chr->filename);
        g_free(chr);
        return NULL;
    }
    const char *unused = opts_first_unused(opts);
    if (unused) {
        *errp = g_strdup_printf("Invalid parameter '%s'", unused);
        qemu_chr_delete(chr);
        return NULL;
    }
    chr_link(chr);
    return chr;
}

static Chardev *chr_create_maybe_mux(const char *backend, const char *label, Opts *opts,
                                     char **errp)
{
    bool ok = true;
    bool mux = opts_get_bool(opts, "mux", false, &ok);

    if (!ok) {
        *errp = g_strdup("Parameter 'mux' expects 'on' or 'off'");
        return NULL;
    }
    if (!mux) {
        return chr_create(backend, label, opts, errp);
    }
    /* As in QEMU: the real backend is "<id>-base", the mux takes the id. */
    char *base_label = g_strdup_printf("%s-base", label);
    Chardev *base = chr_create(backend, base_label, opts, errp);
    g_free(base_label);
    if (!base) {
        return NULL;
    }
    Chardev *chr = chr_mux_new(label, base, errp);
    if (!chr) {
        qemu_chr_delete(base);
    }
    return chr;
}

Chardev *qemu_chr_new_from_opts_str(const char *str, char **errp)
{
    Opts *opts = opts_parse(str, "backend", errp);
    Chardev *chr = NULL;

    if (!opts) {
        return NULL;
    }
    const char *backend = opts_get(opts, "backend");
    const char *id = opts_get(opts, "id");
    if (!backend) {
        *errp = g_strdup("chardev: \"backend\" missing");
    } else if (!id) {
        *errp = g_strdup("Parameter 'id' is missing");
    } else {
        chr = chr_create_maybe_mux(backend, id, opts, errp);
    }
    opts_free(opts);
    return chr;
}

/* Splits "host:port[,opts]" into socket options. */
static bool legacy_inet(Opts *opts, const char *rest, char **errp)
{
    const char *comma = strchr(rest, ',');
    char *addr = comma ? g_strndup(rest, comma - rest) : g_strdup(rest);
    char *colon = strrchr(addr, ':');

    if (!colon) {
        *errp = g_strdup_printf("'%s': host:port expected", rest);
        g_free(addr);
        return false;
    }
    *colon = '\0';
    opts_set(opts, "host", addr);
    opts_set(opts, "port", colon + 1);
    g_free(addr);
    return true;
}

/*
 * The legacy syntax (QEMU's documented forms for -serial and -monitor):
 * "name" or "name:argument[,options]".
 */
Chardev *qemu_chr_new(const char *label, const char *spec, char **errp)
{
    const char *p;
    const char *backend;
    const char *rest = NULL;
    bool mux = false;

    if (g_str_has_prefix(spec, "mon:")) {
        /* the monitor shares it: the caller attaches one */
        spec += 4;
        mux = true;
    }
    if (g_str_has_prefix(spec, "chardev:")) {
        Chardev *chr = qemu_chr_find(spec + 8);
        if (!chr) {
            *errp = g_strdup_printf("chardev '%s' not found", spec + 8);
        }
        return chr;
    }

    Opts *opts = NULL;
    char *head = NULL;
    if ((p = strchr(spec, ':'))) {
        head = g_strndup(spec, p - spec);
        rest = p + 1;
    } else {
        const char *comma = strchr(spec, ',');
        head = comma ? g_strndup(spec, comma - spec) : g_strdup(spec);
        rest = comma ? comma + 1 : "";
    }
    backend = head;
    if (!strcmp(head, "stdio") || !strcmp(head, "null") || !strcmp(head, "pty")) {
        opts = opts_parse(rest, NULL, errp);
    } else if (!strcmp(head, "file") || !strcmp(head, "pipe")) {
        opts = opts_parse("", NULL, errp);
        opts_set(opts, "path", rest);
    } else if (!strcmp(head, "unix")) {
        const char *comma = strchr(rest, ',');
        char *path = comma ? g_strndup(rest, comma - rest) : g_strdup(rest);
        opts = opts_parse(comma ? comma + 1 : "", NULL, errp);
        if (opts) {
            opts_set(opts, "path", path);
        }
        g_free(path);
        backend = "socket";
    } else if (!strcmp(head, "tcp")) {
        const char *comma = strchr(rest, ',');
        opts = opts_parse(comma ? comma + 1 : "", NULL, errp);
        if (opts && !legacy_inet(opts, rest, errp)) {
            opts_free(opts);
            opts = NULL;
        }
        backend = "socket";
    } else {
        *errp = g_strdup_printf("'%s' is not a valid char driver name", head);
    }
    Chardev *chr = NULL;
    if (opts) {
        if (mux) {
            opts_set(opts, "mux", "on");
        }
        chr = chr_create_maybe_mux(backend, label, opts, errp);
        opts_free(opts);
    }
    g_free(head);
    return chr;
}

void qemu_chr_delete(Chardev *chr)
{
    for (Chardev **link = &chardevs; *link; link = &(*link)->next) {
        if (*link == chr) {
            *link = chr->next;
            break;
        }
    }
    if (chr->be) {
        chr->be->chr = NULL;
    }
    if (chr->driver->close) {
        chr->driver->close(chr);
    }
    g_free(chr->label);
    g_free(chr->filename);
    g_free(chr);
}

void qemu_chr_info(GString *out)
{
    for (Chardev *c = chardevs; c; c = c->next) {
        g_string_append_printf(out, "%s: filename=%s\n", c->label,
                               c->filename ? c->filename : c->driver->name);
    }
}

/* ---- frontend ---- */

bool qemu_chr_fe_init(CharBackend *be, Chardev *chr, char **errp)
{
    memset(be, 0, sizeof(*be));
    be->tag = -1;
    if (chr_is_mux(chr)) {
        be->tag = chr_mux_attach(chr, be);
        if (be->tag < 0) {
            *errp = g_strdup_printf("too many uses of multiplexed chardev '%s'", chr->label);
            return false;
        }
    } else if (chr->be) {
        *errp = g_strdup_printf("Device '%s' is in use", chr->label);
        return false;
    } else {
        chr->be = be;
    }
    be->chr = chr;
    return true;
}

void qemu_chr_fe_deinit(CharBackend *be)
{
    Chardev *chr = be->chr;

    if (!chr) {
        return;
    }
    if (be->tag >= 0) {
        chr_mux_detach(chr, be);
    } else {
        chr->be = NULL;
        if (chr->driver->update_read_handler) {
            chr->driver->update_read_handler(chr);
        }
    }
    be->chr = NULL;
}

void qemu_chr_fe_set_handlers(CharBackend *be, IOCanReadHandler *can_read,
                              IOReadHandler *read, IOEventHandler *event, void *opaque)
{
    Chardev *chr = be->chr;

    be->can_read = can_read;
    be->read = read;
    be->event = event;
    be->opaque = opaque;
    if (!chr) {
        return;
    }
    if (be->tag >= 0) {
        chr_mux_update_handlers(chr);
        return;
    }
    if (chr->driver->update_read_handler) {
        chr->driver->update_read_handler(chr);
    }
    /* A backend connected before the frontend arrived: tell it now. */
    if (chr->be_open && event) {
        event(opaque, CHR_EVENT_OPENED);
    }
}

int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len)
{
    Chardev *chr = be->chr;
    int done = 0;

    if (!chr) {
        return -1;
    }
    while (done < len) {
        int n = chr->driver->write(chr, buf + done, len - done);
        if (n < 0) {
            return -1;
        }
        if (n == 0) {
            /* disconnected socket: the bytes are dropped */
            return len;
        }
        done += n;
    }
    return len;
}

bool qemu_chr_fe_is_tty(CharBackend *be)
{
    return be->chr && be->chr->driver->is_tty && be->chr->driver->is_tty(be->chr);
}

void qemu_chr_fe_accept_input(CharBackend *be)
{
    Chardev *chr = be->chr;

    if (chr && chr->driver->update_read_handler) {
        chr->driver->update_read_handler(chr);
    }
    g_main_context_wakeup(NULL);
}

/* ---- backend side ---- */

void qemu_chr_be_event(Chardev *chr, QEMUChrEvent event)
{
    if (event == CHR_EVENT_OPENED) {
        chr->be_open = true;
    } else if (event == CHR_EVENT_CLOSED) {
        chr->be_open = false;
    }
    if (chr->be && chr->be->event) {
        chr->be->event(chr->be->opaque, event);
    }
}

int qemu_chr_be_can_write(Chardev *chr)
{
    if (!chr->be || !chr->be->can_read) {
        return 0;
    }
    return chr->be->can_read(chr->be->opaque);
}

void qemu_chr_be_write(Chardev *chr, const uint8_t *buf, int len)
{
    if (chr->be && chr->be->read) {
        chr->be->read(chr->be->opaque, buf, len);
    }
}

int qemu_write_full_fd(int fd, const uint8_t *buf, int len)
{
    int done = 0;

    while (done < len) {
        ssize_t n = write(fd, buf + done, len - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                struct pollfd pfd = { .fd = fd, .events = POLLOUT };
                poll(&pfd, 1, -1);
                continue;
            }
            return done ? done : -1;
        }
        done += (int)n;
    }
    return done;
}

/* ---- the fd watch source ---- */

typedef struct ChrFdSource {
    GSource source;
    Chardev *chr;
    gpointer tag;
    ChrFdReadFn *read_fn;
    int fd;
    GIOCondition events;   /* what the fd is polled for now */
} ChrFdSource;

static gboolean fd_source_prepare(GSource *source, gint *timeout)
{
    ChrFdSource *s = (ChrFdSource *)source;
    bool want = qemu_chr_be_can_write(s->chr) > 0;
    GIOCondition events = want ? G_IO_IN | G_IO_HUP | G_IO_ERR : 0;

    /* Only on a change: glib wakes the whole context at every
     * modification, and prepare runs at every iteration (the main loop
     * would spin). */
    if (events != s->events) {
        g_source_modify_unix_fd(source, s->tag, events);
        s->events = events;
    }
    *timeout = -1;
    return FALSE;
}

static gboolean fd_source_check(GSource *source)
{
    ChrFdSource *s = (ChrFdSource *)source;

    return g_source_query_unix_fd(source, s->tag) != 0;
}

static gboolean fd_source_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    ChrFdSource *s = (ChrFdSource *)source;
    uint8_t buf[4096];
    int room = qemu_chr_be_can_write(s->chr);

    if (room <= 0) {
        return G_SOURCE_CONTINUE;
    }
    ssize_t n = read(s->fd, buf, MIN((size_t)room, sizeof(buf)));
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return G_SOURCE_CONTINUE;
    }
    /* the callback may destroy this source (socket disconnect) */
    s->read_fn(s->chr, buf, n > 0 ? (int)n : 0);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs fd_source_funcs = {
    .prepare = fd_source_prepare,
    .check = fd_source_check,
    .dispatch = fd_source_dispatch,
};

GSource *chr_fd_watch_new(Chardev *chr, int fd, ChrFdReadFn *read_fn)
{
    GSource *source = g_source_new(&fd_source_funcs, sizeof(ChrFdSource));
    ChrFdSource *s = (ChrFdSource *)source;

    s->chr = chr;
    s->fd = fd;
    s->read_fn = read_fn;
    s->tag = g_source_add_unix_fd(source, fd, G_IO_IN);
    s->events = G_IO_IN;
    g_source_attach(source, NULL);
    return source;
}
