/*
 * The multiplexer: several frontends (serial port, monitor) on one
 * backend.  Input goes to the focused frontend; Ctrl-A starts an escape
 * (keys as documented for QEMU's -nographic): c switches focus, x quits,
 * h lists the keys, b sends a break, Ctrl-A sends Ctrl-A itself.  Output
 * from every frontend goes to the backend.
 *
 * Input for a frontend that cannot take it yet (a UART whose FIFO is
 * full) waits in a small per-frontend buffer, so the mux keeps reading and
 * Ctrl-A escapes always work; typed-ahead bytes beyond the buffer are
 * dropped, as a real UART would overrun.
 */
#include <string.h>

#include <glib.h>

#include "chardev-internal.h"

#define MUX_MAX 4
#define MUX_ESCAPE 0x01 /* Ctrl-A */
#define MUX_BUFFER_SIZE 32

typedef struct MuxBuffer {
    uint8_t data[MUX_BUFFER_SIZE];
    unsigned head;
    unsigned count;
} MuxBuffer;

typedef struct MuxChardev {
    Chardev parent;
    Chardev *base;
    CharBackend base_be;          /* our handle on the backend */
    CharBackend *fe[MUX_MAX];
    MuxBuffer pending[MUX_MAX];
    int count;
    int focus;                    /* -1 until the muxes are opened */
    bool got_escape;
} MuxChardev;

void (*chr_mux_quit_handler)(void);

bool chr_is_mux(Chardev *chr)
{
    return chr && strcmp(chr->driver->name, "mux") == 0;
}

static CharBackend *focused(MuxChardev *m)
{
    return m->focus >= 0 && m->focus < m->count ? m->fe[m->focus] : NULL;
}

/* Hands frontend @i as much of its buffered input as it will take. */
static void mux_flush(MuxChardev *m, int i)
{
    CharBackend *be = i >= 0 && i < m->count ? m->fe[i] : NULL;
    MuxBuffer *b = &m->pending[i < 0 ? 0 : i];

    if (!be || !be->read) {
        return;
    }
    while (b->count) {
        int room = be->can_read ? be->can_read(be->opaque) : (int)b->count;
        unsigned n = MIN(b->count, MUX_BUFFER_SIZE - b->head);
        if (room <= 0) {
            break;
        }
        n = MIN(n, (unsigned)room);
        b->head = (b->head + n) % MUX_BUFFER_SIZE;
        b->count -= n;
        /* the buffer is consistent before the frontend may call back in */
        be->read(be->opaque, &b->data[(b->head + MUX_BUFFER_SIZE - n) % MUX_BUFFER_SIZE],
                 (int)n);
    }
}

static void mux_push(MuxChardev *m, const uint8_t *buf, int len)
{
    MuxBuffer *b;

    if (m->focus < 0 || m->focus >= m->count) {
        return;
    }
    b = &m->pending[m->focus];
    for (int i = 0; i < len && b->count < MUX_BUFFER_SIZE; i++) {
        b->data[(b->head + b->count++) % MUX_BUFFER_SIZE] = buf[i];
    }
}

static void mux_send_event(CharBackend *be, QEMUChrEvent event)
{
    if (be && be->event) {
        be->event(be->opaque, event);
    }
}

int mux_get_focus(Chardev *chr)
{
    return ((MuxChardev *)chr)->focus;
}

void mux_set_focus(Chardev *chr, int focus)
{
    MuxChardev *m = (MuxChardev *)chr;

    if (focus < 0 || focus >= m->count) {
        return;
    }
    mux_send_event(focused(m), CHR_EVENT_MUX_OUT);
    m->focus = focus;
    mux_send_event(focused(m), CHR_EVENT_MUX_IN);
    mux_flush(m, focus);
    /* the new frontend may want input the old one did not */
    qemu_chr_fe_accept_input(&m->base_be);
}

static void mux_print(MuxChardev *m, const char *text)
{
    qemu_chr_fe_write_all(&m->base_be, (const uint8_t *)text, (int)strlen(text));
}

static void mux_print_help(MuxChardev *m)
{
    /* raw terminal: lines end in \r\n */
    mux_print(m, "\r\n"
                 "C-a h    print this help\r\n"
                 "C-a x    exit emulator\r\n"
                 "C-a b    send break (magic sysrq)\r\n"
                 "C-a c    switch between console and monitor\r\n"
                 "C-a C-a  sends C-a\r\n");
}

static int mux_can_read(void *opaque)
{
    /* always: escapes must get through even to a frontend that is full */
    return MUX_BUFFER_SIZE;
}

static void deliver(MuxChardev *m, const uint8_t *buf, int len)
{
    if (len > 0) {
        mux_push(m, buf, len);
        mux_flush(m, m->focus);
    }
}

static void mux_read(void *opaque, const uint8_t *buf, int len)
{
    MuxChardev *m = opaque;
    int start = 0;

    for (int i = 0; i < len; i++) {
        uint8_t ch = buf[i];
        if (!m->got_escape) {
            if (ch == MUX_ESCAPE) {
                deliver(m, buf + start, i - start);
                m->got_escape = true;
                start = i + 1;
            }
            continue;
        }
        m->got_escape = false;
        start = i + 1;
        switch (ch) {
        case 'h':
        case '?':
            mux_print_help(m);
            break;
        case 'x':
            mux_print(m, "QEMU: Terminated\r\n");
            if (chr_mux_quit_handler) {
                chr_mux_quit_handler();
            }
            break;
        case 'c':
            mux_set_focus(&m->parent, (m->focus + 1) % (m->count ? m->count : 1));
            break;
        case 'b':
            mux_send_event(focused(m), CHR_EVENT_BREAK);
            break;
        case MUX_ESCAPE:
            deliver(m, &ch, 1);
            break;
        default:
            break; /* unknown escapes are swallowed */
        }
    }
    if (!m->got_escape) {
        deliver(m, buf + start, len - start);
    }
}

static void mux_event(void *opaque, QEMUChrEvent event)
{
    MuxChardev *m = opaque;

    m->parent.be_open = event == CHR_EVENT_OPENED ? true :
                        event == CHR_EVENT_CLOSED ? false : m->parent.be_open;
    for (int i = 0; i < m->count; i++) {
        mux_send_event(m->fe[i], event);
    }
}

int chr_mux_attach(Chardev *chr, CharBackend *be)
{
    MuxChardev *m = (MuxChardev *)chr;

    if (m->count == MUX_MAX) {
        return -1;
    }
    m->fe[m->count] = be;
    return m->count++;
}

void chr_mux_detach(Chardev *chr, CharBackend *be)
{
    MuxChardev *m = (MuxChardev *)chr;

    if (be->tag >= 0 && be->tag < m->count && m->fe[be->tag] == be) {
        m->fe[be->tag] = NULL;
    }
}

void chr_mux_update_handlers(Chardev *chr)
{
    MuxChardev *m = (MuxChardev *)chr;

    mux_flush(m, m->focus);
    qemu_chr_fe_accept_input(&m->base_be);
}

/* A frontend has room again (qemu_chr_fe_accept_input). */
static void mux_update_read_handler(Chardev *chr)
{
    chr_mux_update_handlers(chr);
}

static int mux_write(Chardev *chr, const uint8_t *buf, int len)
{
    MuxChardev *m = (MuxChardev *)chr;

    return qemu_chr_fe_write_all(&m->base_be, buf, len);
}

static bool mux_is_tty(Chardev *chr)
{
    return qemu_chr_fe_is_tty(&((MuxChardev *)chr)->base_be);
}

static void mux_close(Chardev *chr)
{
    MuxChardev *m = (MuxChardev *)chr;

    for (int i = 0; i < m->count; i++) {
        if (m->fe[i]) {
            m->fe[i]->chr = NULL;
        }
    }
    qemu_chr_fe_deinit(&m->base_be);
}

static const ChardevDriver mux_driver = {
    .name = "mux",
    .instance_size = sizeof(MuxChardev),
    .write = mux_write,
    .update_read_handler = mux_update_read_handler,
    .close = mux_close,
    .is_tty = mux_is_tty,
};

Chardev *chr_mux_new(const char *label, Chardev *base, char **errp)
{
    MuxChardev *m = g_new0(MuxChardev, 1);
    Chardev *chr = &m->parent;

    chr->driver = &mux_driver;
    chr->label = g_strdup(label);
    chr->filename = g_strdup_printf("mux:%s", base->label);
    m->base = base;
    m->focus = -1;
    if (!qemu_chr_fe_init(&m->base_be, base, errp)) {
        g_free(chr->label);
        g_free(chr->filename);
        g_free(m);
        return NULL;
    }
    qemu_chr_fe_set_handlers(&m->base_be, mux_can_read, mux_read, mux_event, m);
    /* link after the base, as QEMU lists them */
    Chardev **link = &base->next;
    chr->next = *link;
    *link = chr;
    return chr;
}

void qemu_chr_open_muxes(void)
{
    for (Chardev *c = qemu_chr_first(); c; c = c->next) {
        if (chr_is_mux(c)) {
            MuxChardev *m = (MuxChardev *)c;
            if (m->focus < 0 && m->count > 0) {
                m->focus = 0;
                mux_send_event(focused(m), CHR_EVENT_MUX_IN);
            }
            if (m->parent.be_open) {
                for (int i = 0; i < m->count; i++) {
                    mux_send_event(m->fe[i], CHR_EVENT_OPENED);
                }
            }
            qemu_chr_fe_accept_input(&m->base_be);
        }
    }
}

void chr_register_mux_driver(void)
{
    qemu_chr_register_driver(&mux_driver);
}
