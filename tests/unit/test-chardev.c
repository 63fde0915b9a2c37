/*
 * Chardevs: socket server/client round trips (unix and tcp), file and pipe
 * backends, the mux's focus switching and escapes, back-pressure, and the
 * legacy -serial/-monitor syntax.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "chardev/char.h"

/* A frontend that records what reaches it. */
typedef struct Sink {
    CharBackend be;
    GString *data;
    GString *events;      /* "O" opened, "C" closed, "I" mux in, "X" mux out, "B" break */
    int room;             /* what can_read reports */
} Sink;

static int sink_can_read(void *opaque)
{
    return ((Sink *)opaque)->room;
}

static void sink_read(void *opaque, const uint8_t *buf, int len)
{
    g_string_append_len(((Sink *)opaque)->data, (const char *)buf, len);
}

static void sink_event(void *opaque, QEMUChrEvent event)
{
    static const char codes[] = { [CHR_EVENT_BREAK] = 'B', [CHR_EVENT_OPENED] = 'O',
                                  [CHR_EVENT_MUX_IN] = 'I', [CHR_EVENT_MUX_OUT] = 'X',
                                  [CHR_EVENT_CLOSED] = 'C' };
    g_string_append_c(((Sink *)opaque)->events, codes[event]);
}

static void sink_attach(Sink *s, Chardev *chr)
{
    char *err = NULL;

    s->data = g_string_new(NULL);
    s->events = g_string_new(NULL);
    s->room = 4096;
    g_assert_true(qemu_chr_fe_init(&s->be, chr, &err));
    qemu_chr_fe_set_handlers(&s->be, sink_can_read, sink_read, sink_event, s);
}

static void sink_free(Sink *s)
{
    qemu_chr_fe_deinit(&s->be);
    g_string_free(s->data, TRUE);
    g_string_free(s->events, TRUE);
}

static void write_str(Sink *s, const char *text)
{
    g_assert_cmpint(qemu_chr_fe_write_all(&s->be, (const uint8_t *)text, (int)strlen(text)), ==,
                    (int)strlen(text));
}

/* Runs the main loop until @cond holds or 5 s pass. */
#define RUN_UNTIL(cond)                                                   \
    do {                                                                  \
        gint64 deadline_ = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;   \
        while (!(cond) && g_get_monotonic_time() < deadline_) {           \
            g_main_context_iteration(NULL, FALSE);                        \
            g_usleep(1000);                                               \
        }                                                                 \
        g_assert_true(cond);                                              \
    } while (0)

static Chardev *new_chardev(const char *spec)
{
    char *err = NULL;
    Chardev *chr = qemu_chr_new_from_opts_str(spec, &err);

    if (!chr) {
        g_test_message("%s: %s", spec, err);
    }
    g_assert_nonnull(chr);
    return chr;
}

static void round_trip(Chardev *server, Chardev *client)
{
    Sink srv, cli;

    sink_attach(&srv, server);
    sink_attach(&cli, client);
    RUN_UNTIL(strchr(srv.events->str, 'O'));
    g_assert_true(strchr(cli.events->str, 'O'));
    write_str(&cli, "hello from the client");
    RUN_UNTIL(srv.data->len == 21);
    g_assert_cmpstr(srv.data->str, ==, "hello from the client");
    write_str(&srv, "and back");
    RUN_UNTIL(cli.data->len == 8);
    g_assert_cmpstr(cli.data->str, ==, "and back");

    /* the client goes away: the server hears it */
    sink_free(&cli);
    qemu_chr_delete(client);
    RUN_UNTIL(strchr(srv.events->str, 'C'));
    sink_free(&srv);
}

static void test_unix_socket_round_trip_and_reconnect(void)
{
    char *dir = g_dir_make_tmp("q86-chardev-XXXXXX", NULL);
    char *path = g_build_filename(dir, "s", NULL);
    char *spec = g_strdup_printf("socket,id=usrv,path=%s,server=on,wait=off", path);
    char *cspec = g_strdup_printf("socket,id=ucli,path=%s", path);

    Chardev *server = new_chardev(spec);
    g_assert_true(g_str_has_prefix(server->filename, "disconnected:unix:"));
    round_trip(server, new_chardev(cspec));

    /* a server listens again after its client left */
    Sink srv;
    sink_attach(&srv, server);
    char *spec2 = g_strdup_printf("socket,id=ucli2,path=%s", path);
    Chardev *again = new_chardev(spec2);
    g_free(spec2);
    RUN_UNTIL(strchr(srv.events->str, 'O'));
    Sink cli;
    sink_attach(&cli, again);
    write_str(&cli, "second");
    RUN_UNTIL(srv.data->len == 6);
    g_assert_cmpstr(srv.data->str, ==, "second");
    sink_free(&cli);
    qemu_chr_delete(again);
    sink_free(&srv);
    qemu_chr_delete(server);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    g_rmdir(dir);
    g_free(spec);
    g_free(cspec);
    g_free(path);
    g_free(dir);
}

static void test_tcp_socket_round_trip(void)
{
    Chardev *server = new_chardev("socket,id=tsrv,host=127.0.0.1,port=0,server=on,wait=off");
    /* "disconnected:tcp:127.0.0.1:PORT,server=on": port 0 became a real one */
    const char *port = strrchr(server->filename, ':') + 1;
    g_assert_cmpint(atoi(port), >, 0);
    char *spec = g_strdup_printf("socket,id=tcli,host=127.0.0.1,port=%d", atoi(port));

    round_trip(server, new_chardev(spec));
    qemu_chr_delete(server);
    g_free(spec);
}

static void test_legacy_tcp_and_unix_syntax(void)
{
    char *err = NULL;
    Chardev *srv = qemu_chr_new("serial0", "tcp:127.0.0.1:0,server=on,wait=off", &err);

    g_assert_nonnull(srv);
    g_assert_true(g_str_has_prefix(srv->filename, "disconnected:tcp:127.0.0.1:"));
    g_assert_true(g_str_has_suffix(srv->filename, ",server=on"));
    qemu_chr_delete(srv);

    g_assert_null(qemu_chr_new("serial1", "bogus:x", &err));
    g_assert_cmpstr(err, ==, "'bogus' is not a valid char driver name");
    g_free(err);
    err = NULL;
    g_assert_null(qemu_chr_new_from_opts_str("null,id=n1,colour=blue", &err));
    g_assert_cmpstr(err, ==, "Invalid parameter 'colour'");
    g_free(err);
}

static void test_file_backend_writes_the_file(void)
{
    char *dir = g_dir_make_tmp("q86-chardev-XXXXXX", NULL);
    char *path = g_build_filename(dir, "out.txt", NULL);
    char *spec = g_strdup_printf("file,id=f0,path=%s", path);
    Chardev *chr = new_chardev(spec);
    Sink s;
    char *contents = NULL;

    sink_attach(&s, chr);
    g_assert_true(strchr(s.events->str, 'O'));
    write_str(&s, "line one\n");
    write_str(&s, "line two\n");
    sink_free(&s);
    qemu_chr_delete(chr);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "line one\nline two\n");
    g_free(contents);
    g_unlink(path);
    g_rmdir(dir);
    g_free(spec);
    g_free(path);
    g_free(dir);
}

static void test_pipe_backend_uses_in_and_out_fifos(void)
{
    char *dir = g_dir_make_tmp("q86-chardev-XXXXXX", NULL);
    char *base = g_build_filename(dir, "p", NULL);
    char *in = g_strdup_printf("%s.in", base);
    char *out = g_strdup_printf("%s.out", base);
    char *spec = g_strdup_printf("pipe,id=p0,path=%s", base);
    char buf[16] = { 0 };

    g_assert_cmpint(mkfifo(in, 0600), ==, 0);
    g_assert_cmpint(mkfifo(out, 0600), ==, 0);
    Chardev *chr = new_chardev(spec);
    Sink s;
    sink_attach(&s, chr);
    int wfd = open(in, O_WRONLY);
    int rfd = open(out, O_RDONLY | O_NONBLOCK);
    g_assert_cmpint(write(wfd, "ping", 4), ==, 4);
    RUN_UNTIL(s.data->len == 4);
    g_assert_cmpstr(s.data->str, ==, "ping");
    write_str(&s, "pong");
    g_assert_cmpint(read(rfd, buf, sizeof(buf)), ==, 4);
    g_assert_cmpstr(buf, ==, "pong");
    close(wfd);
    close(rfd);
    sink_free(&s);
    qemu_chr_delete(chr);
    g_unlink(in);
    g_unlink(out);
    g_rmdir(dir);
    g_free(spec);
    g_free(in);
    g_free(out);
    g_free(base);
    g_free(dir);
}

static bool quit_called;

static void on_quit(void)
{
    quit_called = true;
}

static int connect_unix(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    return fd;
}

/* Reads what is available on @fd within a short while. */
static GString *drain(int fd, GString *acc, const char *until)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    char buf[512];

    fcntl(fd, F_SETFL, O_NONBLOCK);
    while (!strstr(acc->str, until) && g_get_monotonic_time() < deadline) {
        g_main_context_iteration(NULL, FALSE);
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n > 0) {
            g_string_append_len(acc, buf, n);
        } else {
            g_usleep(1000);
        }
    }
    return acc;
}

static void test_mux_switches_focus_and_handles_escapes(void)
{
    char *dir = g_dir_make_tmp("q86-chardev-XXXXXX", NULL);
    char *path = g_build_filename(dir, "m", NULL);
    char *spec = g_strdup_printf("socket,id=mux0,path=%s,server=on,wait=off,mux=on", path);
    Chardev *mux = new_chardev(spec);
    Sink serial, monitor;
    GString *seen = g_string_new(NULL);

    g_assert_true(chr_is_mux(mux));
    g_assert_nonnull(qemu_chr_find("mux0-base"));
    sink_attach(&serial, mux);
    sink_attach(&monitor, mux);
    chr_mux_quit_handler = on_quit;
    qemu_chr_open_muxes();
    g_assert_cmpint(mux_get_focus(mux), ==, 0);
    g_assert_cmpstr(serial.events->str, ==, "I");

    int fd = connect_unix(path);
    RUN_UNTIL(strchr(monitor.events->str, 'O'));
    g_assert_true(strchr(serial.events->str, 'O'));

    /* input goes to the focused frontend only */
    g_assert_cmpint(write(fd, "abc", 3), ==, 3);
    RUN_UNTIL(serial.data->len == 3);
    g_assert_cmpstr(monitor.data->str, ==, "");

    /* Ctrl-A c moves the focus; the rest of the same write follows it */
    g_assert_cmpint(write(fd, "\x01" "cxyz", 5), ==, 5);
    RUN_UNTIL(monitor.data->len == 3);
    g_assert_cmpstr(monitor.data->str, ==, "xyz");
    g_assert_cmpstr(serial.data->str, ==, "abc");
    g_assert_cmpint(mux_get_focus(mux), ==, 1);
    g_assert_true(g_str_has_suffix(serial.events->str, "X"));
    g_assert_true(g_str_has_suffix(monitor.events->str, "I"));

    /* Ctrl-A Ctrl-A is a literal Ctrl-A; Ctrl-A b a break */
    g_assert_cmpint(write(fd, "\x01\x01" "\x01" "b", 4), ==, 4);
    RUN_UNTIL(monitor.data->len == 4);
    g_assert_cmpint(monitor.data->str[3], ==, 0x01);
    g_assert_true(g_str_has_suffix(monitor.events->str, "B"));

    /* both frontends' output reaches the backend */
    write_str(&serial, "[serial]");
    write_str(&monitor, "[monitor]");
    drain(fd, seen, "[monitor]");
    g_assert_cmpstr(seen->str, ==, "[serial][monitor]");

    /* Ctrl-A h prints the keys, Ctrl-A x quits */
    g_assert_cmpint(write(fd, "\x01h", 2), ==, 2);
    drain(fd, seen, "C-a x    exit emulator");
    g_assert_nonnull(strstr(seen->str, "C-a c    switch between console and monitor"));
    g_assert_cmpint(write(fd, "\x01x", 2), ==, 2);
    RUN_UNTIL(quit_called);

    /* Ctrl-A c again wraps around to the first frontend */
    g_assert_cmpint(write(fd, "\x01" "c!", 3), ==, 3);
    RUN_UNTIL(serial.data->len == 4);
    g_assert_cmpstr(serial.data->str, ==, "abc!");

    close(fd);
    sink_free(&serial);
    sink_free(&monitor);
    qemu_chr_delete(mux);
    qemu_chr_delete(qemu_chr_find("mux0-base"));
    g_string_free(seen, TRUE);
    g_rmdir(dir);
    g_free(spec);
    g_free(path);
    g_free(dir);
}

static void test_mux_escapes_work_while_focused_frontend_is_full(void)
{
    char *dir = g_dir_make_tmp("q86-chardev-XXXXXX", NULL);
    char *path = g_build_filename(dir, "mf", NULL);
    char *spec = g_strdup_printf("socket,id=muxf,path=%s,server=on,wait=off,mux=on", path);
    Chardev *mux = new_chardev(spec);
    Sink serial, monitor;

    sink_attach(&serial, mux);
    sink_attach(&monitor, mux);
    qemu_chr_open_muxes();
    int fd = connect_unix(path);
    RUN_UNTIL(strchr(monitor.events->str, 'O'));

    /* a UART with a full FIFO: input waits, Ctrl-A c still switches */
    serial.room = 0;
    g_assert_cmpint(write(fd, "ab\x01" "cxy", 6), ==, 6);
    RUN_UNTIL(monitor.data->len == 2);
    g_assert_cmpstr(monitor.data->str, ==, "xy");
    g_assert_cmpuint(serial.data->len, ==, 0);

    /* back on the serial side, its buffered input arrives once it has room */
    g_assert_cmpint(write(fd, "\x01" "c", 2), ==, 2);
    RUN_UNTIL(mux_get_focus(mux) == 0);
    g_assert_cmpuint(serial.data->len, ==, 0);
    serial.room = 16;
    qemu_chr_fe_accept_input(&serial.be);
    g_assert_cmpstr(serial.data->str, ==, "ab");

    close(fd);
    sink_free(&serial);
    sink_free(&monitor);
    qemu_chr_delete(mux);
    qemu_chr_delete(qemu_chr_find("muxf-base"));
    g_rmdir(dir);
    g_free(spec);
    g_free(path);
    g_free(dir);
}

static void test_frontend_without_room_gets_nothing_until_it_has_room(void)
{
    char *dir = g_dir_make_tmp("q86-chardev-XXXXXX", NULL);
    char *path = g_build_filename(dir, "bp", NULL);
    char *spec = g_strdup_printf("socket,id=bp,path=%s,server=on,wait=off", path);
    Chardev *chr = new_chardev(spec);
    Sink s;

    sink_attach(&s, chr);
    int fd = connect_unix(path);
    RUN_UNTIL(strchr(s.events->str, 'O'));
    s.room = 0;
    g_assert_cmpint(write(fd, "12345", 5), ==, 5);
    for (int i = 0; i < 50; i++) {
        g_main_context_iteration(NULL, FALSE);
        g_usleep(1000);
    }
    g_assert_cmpuint(s.data->len, ==, 0);
    s.room = 2;
    qemu_chr_fe_accept_input(&s.be);
    RUN_UNTIL(s.data->len == 5);
    g_assert_cmpstr(s.data->str, ==, "12345");
    close(fd);
    sink_free(&s);
    qemu_chr_delete(chr);
    g_rmdir(dir);
    g_free(spec);
    g_free(path);
    g_free(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/chardev/socket/unix-round-trip-and-reconnect",
                    test_unix_socket_round_trip_and_reconnect);
    g_test_add_func("/chardev/socket/tcp-round-trip", test_tcp_socket_round_trip);
    g_test_add_func("/chardev/socket/legacy-syntax", test_legacy_tcp_and_unix_syntax);
    g_test_add_func("/chardev/file/writes-the-file", test_file_backend_writes_the_file);
    g_test_add_func("/chardev/pipe/in-and-out-fifos", test_pipe_backend_uses_in_and_out_fifos);
    g_test_add_func("/chardev/mux/focus-and-escapes", test_mux_switches_focus_and_handles_escapes);
    g_test_add_func("/chardev/mux/escapes-while-frontend-full",
                    test_mux_escapes_work_while_focused_frontend_is_full);
    g_test_add_func("/chardev/backpressure", test_frontend_without_room_gets_nothing_until_it_has_room);
    return g_test_run();
}
