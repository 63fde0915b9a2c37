/*
 * Character devices: byte streams between the emulator and the host
 * (stdio, files, pipes, sockets, ptys), used by the monitor and by guest
 * devices such as serial ports.
 *
 * A Chardev is the host side (a backend).  A device or the monitor talks to
 * it through a CharBackend (the frontend handle): it writes bytes, and
 * receives bytes and events through handlers called from the main loop.
 * Input is only read when the frontend's can_read() says it has room, so a
 * slow frontend applies back-pressure instead of losing data.
 *
 * A "mux" chardev lets several frontends share one backend (the serial port
 * and the monitor on stdio): input goes to the frontend that has the
 * focus; Ctrl-A c moves the focus, Ctrl-A x quits, Ctrl-A h lists the keys.
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

typedef struct Chardev Chardev;
typedef struct CharBackend CharBackend;
typedef struct ChardevDriver ChardevDriver;
typedef struct Opts Opts;

typedef enum QEMUChrEvent {
    CHR_EVENT_BREAK,    /* a serial break */
    CHR_EVENT_OPENED,   /* the backend is connected (or the mux focused us) */
    CHR_EVENT_MUX_IN,   /* a mux gave this frontend the focus */
    CHR_EVENT_MUX_OUT,  /* a mux took the focus away */
    CHR_EVENT_CLOSED,   /* the peer went away */
} QEMUChrEvent;

typedef int IOCanReadHandler(void *opaque);
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void IOEventHandler(void *opaque, QEMUChrEvent event);

struct CharBackend {
    Chardev *chr;
    IOCanReadHandler *can_read;
    IOReadHandler *read;
    IOEventHandler *event;
    void *opaque;
    int tag;            /* index in a mux, -1 otherwise */
};

/* The methods of one backend type. */
struct ChardevDriver {
    const char *name;
    size_t instance_size;
    /* Opens the backend from its options; false + *errp on failure. */
    bool (*open)(Chardev *chr, Opts *opts, char **errp);
    /* Writes what it can; returns bytes written or -1. */
    int (*write)(Chardev *chr, const uint8_t *buf, int len);
    /* The frontend's handlers changed: start or stop watching input. */
    void (*update_read_handler)(Chardev *chr);
    void (*close)(Chardev *chr);
    /* Is the host side a terminal (so the monitor may edit lines)? */
    bool (*is_tty)(Chardev *chr);
};

struct Chardev {
    const ChardevDriver *driver;
    char *label;
    char *filename;     /* what `info chardev` shows, e.g. "unix:/tmp/s,server=on" */
    CharBackend *be;    /* the frontend, or NULL */
    bool be_open;       /* connected: an OPENED event has been sent */
    Chardev *next;
};

/* ---- creating backends ---- */

/* From -chardev's option string ("socket,id=mon0,path=/tmp/s,server=on"). */
Chardev *qemu_chr_new_from_opts_str(const char *str, char **errp);
/* From the legacy syntax of -serial/-monitor ("stdio", "unix:/p,server=on",
 * "tcp:host:port", "file:/p", "pipe:/p", "pty", "null", "none", "mon:..."),
 * labelled @label. */
Chardev *qemu_chr_new(const char *label, const char *spec, char **errp);
Chardev *qemu_chr_find(const char *label);
/* Chardevs in creation order. */
Chardev *qemu_chr_first(void);
void qemu_chr_delete(Chardev *chr);
/* Tells every mux it may start (focus its first frontend, send OPENED). */
void qemu_chr_open_muxes(void);

/* `info chardev` */
void qemu_chr_info(GString *out);

/* ---- the frontend side ---- */

/* Attaches @be to @chr; false if @chr already has a frontend (and is no mux). */
bool qemu_chr_fe_init(CharBackend *be, Chardev *chr, char **errp);
void qemu_chr_fe_deinit(CharBackend *be);
void qemu_chr_fe_set_handlers(CharBackend *be, IOCanReadHandler *can_read,
                              IOReadHandler *read, IOEventHandler *event, void *opaque);
/* Writes all of @buf (waits while the host side is full); returns @len, or
 * -1 if the backend is gone. */
int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len);
bool qemu_chr_fe_is_tty(CharBackend *be);
/* Call when the frontend has room again after can_read() returned 0. */
void qemu_chr_fe_accept_input(CharBackend *be);

/* ---- for backend implementations ---- */

void qemu_chr_register_driver(const ChardevDriver *drv);
/* Delivers an event to the frontend (records open/closed state). */
void qemu_chr_be_event(Chardev *chr, QEMUChrEvent event);
int qemu_chr_be_can_write(Chardev *chr);
void qemu_chr_be_write(Chardev *chr, const uint8_t *buf, int len);
/* Writes all of @buf to a (possibly non-blocking) fd, polling when full. */
int qemu_write_full_fd(int fd, const uint8_t *buf, int len);

/*
 * A main-loop source reading @fd on behalf of @chr: before each poll it asks
 * the frontend how much it can take, and polls only if that is > 0.  On
 * input it calls @read_fn(chr, buf, len) (len 0 = end of file).
 */
typedef void ChrFdReadFn(Chardev *chr, const uint8_t *buf, int len);
GSource *chr_fd_watch_new(Chardev *chr, int fd, ChrFdReadFn *read_fn);

/* The mux: its frontends, focus switching. */
bool chr_is_mux(Chardev *chr);
void mux_set_focus(Chardev *mux, int focus);
int mux_get_focus(Chardev *mux);

/* Called for Ctrl-A x: set by the run-state layer (exits the emulator). */
extern void (*chr_mux_quit_handler)(void);

#endif
