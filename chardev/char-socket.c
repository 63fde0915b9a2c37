/*
 * Socket backend: unix (path=) or tcp (host=, port=), as a server
 * (server=on; wait=on blocks start-up until a client connects) or a
 * client.  One connection at a time: a server stops listening while it
 * has a client and listens again when the client goes away.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>

#include "chardev-internal.h"
#include "sysemu/opts.h"

typedef struct SocketChardev {
    Chardev parent;
    bool is_unix;
    bool is_server;
    char *path;               /* unix */
    char *host;               /* tcp */
    char *port;
    int listen_fd;
    int fd;                   /* the connection, -1 when none */
    GSource *listen_watch;
    GSource *conn_watch;
} SocketChardev;

static void socket_update_filename(SocketChardev *s)
{
    Chardev *chr = &s->parent;
    char *addr;

    if (s->is_unix) {
        addr = g_strdup_printf("unix:%s", s->path);
    } else {
        addr = g_strdup_printf("tcp:%s:%s", s->host, s->port);
    }
    g_free(chr->filename);
    chr->filename = g_strdup_printf("%s%s%s", s->fd < 0 ? "disconnected:" : "", addr,
                                    s->is_server ? ",server=on" : "");
    g_free(addr);
}

static void socket_stop_watch(GSource **watch)
{
    if (*watch) {
        g_source_destroy(*watch);
        g_source_unref(*watch);
        *watch = NULL;
    }
}

static gboolean socket_accept_ready(GIOChannel *ch, GIOCondition cond, gpointer opaque);

static void socket_listen_watch(SocketChardev *s)
{
    if (s->listen_fd >= 0 && !s->listen_watch) {
        GIOChannel *ch = g_io_channel_unix_new(s->listen_fd);
        s->listen_watch = g_io_create_watch(ch, G_IO_IN);
        g_source_set_callback(s->listen_watch, (GSourceFunc)(void (*)(void))socket_accept_ready,
                              s, NULL);
        g_source_attach(s->listen_watch, NULL);
        g_io_channel_unref(ch);
    }
}

static void socket_read(Chardev *chr, const uint8_t *buf, int len);

static void socket_update_read_handler(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    if (s->fd >= 0 && !s->conn_watch) {
        /* watched even without a frontend, so a hang-up is noticed */
        s->conn_watch = chr_fd_watch_new(chr, s->fd, socket_read);
    }
}

static void socket_connected(SocketChardev *s, int fd)
{
    s->fd = fd;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (!s->is_unix) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    socket_stop_watch(&s->listen_watch);
    socket_update_filename(s);
    socket_update_read_handler(&s->parent);
    qemu_chr_be_event(&s->parent, CHR_EVENT_OPENED);
}

static void socket_disconnect(SocketChardev *s)
{
    if (s->fd < 0) {
        return;
    }
    socket_stop_watch(&s->conn_watch);
    close(s->fd);
    s->fd = -1;
    socket_update_filename(s);
    qemu_chr_be_event(&s->parent, CHR_EVENT_CLOSED);
    socket_listen_watch(s);
}

static void socket_read(Chardev *chr, const uint8_t *buf, int len)
{
    if (len > 0) {
        qemu_chr_be_write(chr, buf, len);
    } else {
        socket_disconnect((SocketChardev *)chr);
    }
}

static gboolean socket_accept_ready(GIOChannel *ch, GIOCondition cond, gpointer opaque)
{
    SocketChardev *s = opaque;
    int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);

    if (fd >= 0) {
        if (s->fd >= 0) {
            close(fd);
        } else {
            socket_connected(s, fd);
        }
    }
    return G_SOURCE_CONTINUE;
}

static int socket_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = (SocketChardev *)chr;
    int done = 0;

    if (s->fd < 0) {
        return 0; /* nobody connected: dropped */
    }
    while (done < len) {
        ssize_t n = send(s->fd, buf + done, len - done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                struct pollfd pfd = { .fd = s->fd, .events = POLLOUT };
                poll(&pfd, 1, -1);
                continue;
            }
            /* the peer is gone; the read side will notice and close */
            return len;
        }
        done += (int)n;
    }
    return done;
}

/* Opens the listening or connected socket; returns fd or -1 with *errp. */
static int socket_open_unix(SocketChardev *s, char **errp)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(s->path) >= sizeof(sa.sun_path)) {
        *errp = g_strdup_printf("UNIX socket path '%s' is too long", s->path);
        return -1;
    }
    strcpy(sa.sun_path, s->path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *errp = g_strdup_printf("Failed to create socket: %s", strerror(errno));
        return -1;
    }
    if (s->is_server) {
        unlink(s->path);
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0) {
            *errp = g_strdup_printf("Failed to bind socket to %s: %s", s->path, strerror(errno));
            close(fd);
            return -1;
        }
    } else if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        *errp = g_strdup_printf("Failed to connect to '%s': %s", s->path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static int socket_open_inet(SocketChardev *s, char **errp)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_family = AF_UNSPEC };
    struct addrinfo *res = NULL;
    const char *host = s->host[0] ? s->host : (s->is_server ? NULL : "localhost");
    int fd = -1, err = 0;

    if (s->is_server) {
        hints.ai_flags = AI_PASSIVE;
        if (!host) {
            hints.ai_family = AF_INET; /* all IPv4 addresses, like QEMU's "tcp::port" */
        }
    }
    err = getaddrinfo(host, s->port, &hints, &res);
    if (err) {
        *errp = g_strdup_printf("address resolution failed for %s:%s: %s", s->host, s->port,
                                gai_strerror(err));
        return -1;
    }
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (s->is_server) {
            int one = 1;
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
                break;
            }
        } else if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        *errp = g_strdup_printf("Failed to %s %s:%s: %s", s->is_server ? "bind socket to" :
                                "connect to", s->host, s->port, strerror(err));
        return -1;
    }
    if (s->is_server) {
        /* port=0 asks for any free port: report the one we got */
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0) {
            unsigned port = ss.ss_family == AF_INET ? ntohs(((struct sockaddr_in *)&ss)->sin_port)
                                                    : ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
            g_free(s->port);
            s->port = g_strdup_printf("%u", port);
        }
    }
    return fd;
}

static bool socket_open(Chardev *chr, Opts *opts, char **errp)
{
    SocketChardev *s = (SocketChardev *)chr;
    bool ok = true;
    const char *path = opts_get(opts, "path");
    const char *host = opts_get(opts, "host");
    const char *port = opts_get(opts, "port");

    s->is_server = opts_get_bool(opts, "server", false, &ok);
    bool wait = opts_get_bool(opts, "wait", true, &ok);
    opts_get_bool(opts, "nodelay", true, &ok); /* always on for tcp */
    if (!ok) {
        *errp = g_strdup("chardev: socket: on/off expected for server, wait and nodelay");
        return false;
    }
    if (opts_get(opts, "telnet") || opts_get(opts, "websocket") || opts_get(opts, "reconnect") ||
        opts_get(opts, "tls-creds")) {
        *errp = g_strdup("chardev: socket: telnet, websocket, reconnect and tls-creds are not "
                         "supported");
        return false;
    }
    s->fd = -1;
    s->listen_fd = -1;
    if (path) {
        s->is_unix = true;
        s->path = g_strdup(path);
    } else if (port) {
        s->host = g_strdup(host ? host : "");
        s->port = g_strdup(port);
    } else {
        *errp = g_strdup("chardev: socket: no host given");
        return false;
    }

    int fd = s->is_unix ? socket_open_unix(s, errp) : socket_open_inet(s, errp);
    if (fd < 0) {
        g_free(s->path);
        g_free(s->host);
        g_free(s->port);
        return false;
    }
    if (!s->is_server) {
        socket_update_filename(s);
        s->fd = -1;
        socket_connected(s, fd);
        return true;
    }
    s->listen_fd = fd;
    socket_update_filename(s);
    if (wait) {
        /* QEMU's wording: scripts wait for this line before connecting */
        fprintf(stderr, "QEMU waiting for connection on: %s\n", chr->filename);
        int conn = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
        if (conn >= 0) {
            socket_connected(s, conn);
        }
    }
    if (s->fd < 0) {
        socket_listen_watch(s);
    }
    return true;
}

static void socket_close(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    socket_stop_watch(&s->conn_watch);
    socket_stop_watch(&s->listen_watch);
    if (s->fd >= 0) {
        close(s->fd);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        if (s->is_unix) {
            unlink(s->path);
        }
    }
    g_free(s->path);
    g_free(s->host);
    g_free(s->port);
}

static const ChardevDriver socket_driver = {
    .name = "socket",
    .instance_size = sizeof(SocketChardev),
    .open = socket_open,
    .write = socket_write,
    .update_read_handler = socket_update_read_handler,
    .close = socket_close,
};

void chr_register_socket_driver(void)
{
    qemu_chr_register_driver(&socket_driver);
}
