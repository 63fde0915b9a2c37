/*
 * Backends on plain file descriptors: stdio, file, pipe, pty and null.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib.h>

#include "chardev-internal.h"
#include "sysemu/opts.h"

typedef struct FdChardev {
    Chardev parent;
    int fd_in;              /* -1: no input */
    int fd_out;             /* -1: output is discarded */
    GSource *watch;
    bool eof;
    bool is_pty;
    guint pty_retry;        /* timer re-arming input after the pty slave closed */
} FdChardev;

static void fd_stop_watch(FdChardev *s)
{
    if (s->watch) {
        g_source_destroy(s->watch);
        g_source_unref(s->watch);
        s->watch = NULL;
    }
}

static void fd_read(Chardev *chr, const uint8_t *buf, int len);

static void fd_update_read_handler(Chardev *chr)
{
    FdChardev *s = (FdChardev *)chr;
    bool want = chr->be && chr->be->read && s->fd_in >= 0 && !s->eof;

    if (want && !s->watch) {
        s->watch = chr_fd_watch_new(chr, s->fd_in, fd_read);
    } else if (!want) {
        fd_stop_watch(s);
    }
}

static gboolean pty_retry(gpointer opaque)
{
    FdChardev *s = opaque;

    s->pty_retry = 0;
    s->eof = false;
    fd_update_read_handler(&s->parent);
    return G_SOURCE_REMOVE;
}

static void fd_read(Chardev *chr, const uint8_t *buf, int len)
{
    FdChardev *s = (FdChardev *)chr;

    if (len > 0) {
        qemu_chr_be_write(chr, buf, len);
        return;
    }
    /* End of input.  A pty reads EIO while no one has the slave open:
     * look again later rather than spin. */
    s->eof = true;
    fd_stop_watch(s);
    if (s->is_pty && !s->pty_retry) {
        s->pty_retry = g_timeout_add(1000, pty_retry, s);
    }
}

static int fd_write(Chardev *chr, const uint8_t *buf, int len)
{
    FdChardev *s = (FdChardev *)chr;

    if (s->fd_out < 0) {
        return len;
    }
    return qemu_write_full_fd(s->fd_out, buf, len);
}

static void fd_close(Chardev *chr)
{
    FdChardev *s = (FdChardev *)chr;

    fd_stop_watch(s);
    if (s->pty_retry) {
        g_source_remove(s->pty_retry);
    }
    if (s->fd_in > 2) {
        close(s->fd_in);
    }
    if (s->fd_out > 2 && s->fd_out != s->fd_in) {
        close(s->fd_out);
    }
}

static void fd_init(FdChardev *s, int fd_in, int fd_out)
{
    s->fd_in = fd_in;
    s->fd_out = fd_out;
    /* nothing to wait for: the frontend hears OPENED when it attaches */
    s->parent.be_open = true;
}

/* ---- null ---- */

static bool null_open(Chardev *chr, Opts *opts, char **errp)
{
    fd_init((FdChardev *)chr, -1, -1);
    chr->filename = g_strdup("null");
    return true;
}

/* ---- stdio ---- */

static bool stdio_in_use;
static struct termios stdio_saved_tty;
static bool stdio_tty_changed;

static void stdio_restore_tty(void)
{
    if (stdio_tty_changed) {
        tcsetattr(0, TCSANOW, &stdio_saved_tty);
        stdio_tty_changed = false;
    }
}

static bool stdio_open(Chardev *chr, Opts *opts, char **errp)
{
    bool ok = true;
    bool allow_signals = opts_get_bool(opts, "signal", true, &ok);

    if (!ok) {
        *errp = g_strdup("Parameter 'signal' expects 'on' or 'off'");
        return false;
    }
    if (stdio_in_use) {
        *errp = g_strdup("cannot use stdio by multiple character devices");
        return false;
    }
    stdio_in_use = true;
    fd_init((FdChardev *)chr, 0, 1);
    chr->filename = g_strdup("stdio");
    if (isatty(0) && tcgetattr(0, &stdio_saved_tty) == 0) {
        /* Raw input so single keys (Ctrl-A, arrows) arrive at once and the
         * monitor does its own echo; output post-processing stays on so
         * "\n" still starts a new line.  Ctrl-C stays a signal unless
         * signal=off. */
        struct termios tty = stdio_saved_tty;
        tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
        tty.c_oflag |= OPOST;
        tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
        if (!allow_signals) {
            tty.c_lflag &= ~ISIG;
        }
        tty.c_cc[VMIN] = 1;
        tty.c_cc[VTIME] = 0;
        tcsetattr(0, TCSANOW, &tty);
        stdio_tty_changed = true;
        atexit(stdio_restore_tty);
    }
    return true;
}

static void stdio_close(Chardev *chr)
{
    stdio_restore_tty();
    stdio_in_use = false;
    fd_close(chr);
}

static bool stdio_is_tty(Chardev *chr)
{
    return isatty(0);
}

/* ---- file ---- */

static bool file_open(Chardev *chr, Opts *opts, char **errp)
{
    const char *path = opts_get(opts, "path");
    bool ok = true;
    bool append = opts_get_bool(opts, "append", false, &ok);

    if (!path) {
        *errp = g_strdup("chardev: file: no filename given");
        return false;
    }
    int fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0666);
    if (fd < 0) {
        *errp = g_strdup_printf("Could not open '%s': %s", path, strerror(errno));
        return false;
    }
    fd_init((FdChardev *)chr, -1, fd);
    chr->filename = g_strdup_printf("file:%s", path);
    return true;
}

/* ---- pipe: PATH.in and PATH.out, or PATH both ways ---- */

static bool pipe_open(Chardev *chr, Opts *opts, char **errp)
{
    const char *path = opts_get(opts, "path");

    if (!path) {
        *errp = g_strdup("chardev: pipe: no device path given");
        return false;
    }
    char *in = g_strdup_printf("%s.in", path);
    char *out = g_strdup_printf("%s.out", path);
    int fd_in = open(in, O_RDWR | O_CLOEXEC);
    int fd_out = open(out, O_RDWR | O_CLOEXEC);
    g_free(in);
    g_free(out);
    if (fd_in < 0 || fd_out < 0) {
        if (fd_in >= 0) {
            close(fd_in);
        }
        if (fd_out >= 0) {
            close(fd_out);
        }
        fd_in = fd_out = open(path, O_RDWR | O_CLOEXEC);
        if (fd_in < 0) {
            *errp = g_strdup_printf("Could not open '%s': %s", path, strerror(errno));
            return false;
        }
    }
    fd_init((FdChardev *)chr, fd_in, fd_out);
    chr->filename = g_strdup_printf("pipe:%s", path);
    return true;
}

/* ---- pty ---- */

static bool pty_open(Chardev *chr, Opts *opts, char **errp)
{
    FdChardev *s = (FdChardev *)chr;
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    const char *name;

    if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
        !(name = ptsname(master))) {
        *errp = g_strdup_printf("Failed to create PTY: %s", strerror(errno));
        if (master >= 0) {
            close(master);
        }
        return false;
    }
    /* The slave in raw mode, so the guest sees bytes as they are sent. */
    int slave = open(name, O_RDWR | O_NOCTTY);
    if (slave >= 0) {
        struct termios tty;
        if (tcgetattr(slave, &tty) == 0) {
            cfmakeraw(&tty);
            tcsetattr(slave, TCSAFLUSH, &tty);
        }
        close(slave);
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    fd_init(s, master, master);
    s->is_pty = true;
    chr->filename = g_strdup_printf("pty:%s", name);
    /* QEMU's wording, which scripts look for */
    fprintf(stderr, "char device redirected to %s (label %s)\n", name, chr->label);
    return true;
}

static int pty_write(Chardev *chr, const uint8_t *buf, int len)
{
    FdChardev *s = (FdChardev *)chr;
    int done = 0;

    while (done < len) {
        ssize_t n = write(s->fd_out, buf + done, len - done);
        if (n > 0) {
            done += (int)n;
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        /* Full: wait a little for the reader.  With nobody on the slave
         * (POLLHUP) or a reader that stopped reading, drop the output
         * rather than hang the emulator. */
        struct pollfd pfd = { .fd = s->fd_out, .events = POLLOUT };
        if (n < 0 && errno != EAGAIN) {
            break;
        }
        if (poll(&pfd, 1, 1000) <= 0 || (pfd.revents & (POLLHUP | POLLERR))) {
            break;
        }
    }
    return len;
}

static bool pty_is_tty(Chardev *chr)
{
    return true;
}

static const ChardevDriver null_driver = {
    .name = "null", .instance_size = sizeof(FdChardev), .open = null_open,
    .write = fd_write, .update_read_handler = fd_update_read_handler, .close = fd_close,
};
static const ChardevDriver stdio_driver = {
    .name = "stdio", .instance_size = sizeof(FdChardev), .open = stdio_open,
    .write = fd_write, .update_read_handler = fd_update_read_handler, .close = stdio_close,
    .is_tty = stdio_is_tty,
};
static const ChardevDriver file_driver = {
    .name = "file", .instance_size = sizeof(FdChardev), .open = file_open,
    .write = fd_write, .update_read_handler = fd_update_read_handler, .close = fd_close,
};
static const ChardevDriver pipe_driver = {
    .name = "pipe", .instance_size = sizeof(FdChardev), .open = pipe_open,
    .write = fd_write, .update_read_handler = fd_update_read_handler, .close = fd_close,
};
static const ChardevDriver pty_driver = {
    .name = "pty", .instance_size = sizeof(FdChardev), .open = pty_open,
    .write = pty_write, .update_read_handler = fd_update_read_handler, .close = fd_close,
    .is_tty = pty_is_tty,
};

void chr_register_fd_drivers(void)
{
    qemu_chr_register_driver(&null_driver);
    qemu_chr_register_driver(&stdio_driver);
    qemu_chr_register_driver(&file_driver);
    qemu_chr_register_driver(&pipe_driver);
    qemu_chr_register_driver(&pty_driver);
}
