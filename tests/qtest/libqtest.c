/* libqtest: see libqtest.h. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "libqtest.h"

#define MAX_IRQ 256
#define CONNECT_TIMEOUT_MS 30000
#define REPLY_TIMEOUT_MS 60000

struct QTestState {
    pid_t pid;
    int fd;                      /* qtest */
    int qmp_fd;
    GString *rx;                 /* qtest input not yet consumed */
    GString *qmp_rx;
    GQueue *qmp_events;
    bool irq_level[MAX_IRQ];
    unsigned irq_raises[MAX_IRQ];
    bool big_endian;
    char *sock_path, *qmp_path;
};

static int listen_unix(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_assert(fd >= 0);
    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    unlink(path);
    g_assert(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
    g_assert(listen(fd, 1) == 0);
    return fd;
}

/* Accepts on @lfd unless the child dies or the timeout passes. */
static int accept_or_die(QTestState *s, int lfd, const char *what)
{
    for (int waited = 0; waited < CONNECT_TIMEOUT_MS; waited += 100) {
        struct pollfd p = { .fd = lfd, .events = POLLIN };
        int status;
        if (poll(&p, 1, 100) > 0) {
            int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
            g_assert(fd >= 0);
            return fd;
        }
        if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
            g_error("libqtest: the emulator exited (status %#x) before connecting %s", status, what);
        }
    }
    g_error("libqtest: the emulator did not connect %s within %d ms", what, CONNECT_TIMEOUT_MS);
}

static void read_more(QTestState *s, int fd, GString *buf)
{
    char tmp[4096];
    ssize_t n;
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int r = poll(&p, 1, REPLY_TIMEOUT_MS);

    if (r == 0) {
        g_error("libqtest: no reply from the emulator within %d ms", REPLY_TIMEOUT_MS);
    }
    do {
        n = read(fd, tmp, sizeof(tmp));
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        int status = 0;
        waitpid(s->pid, &status, 0);
        s->pid = -1;
        g_error("libqtest: connection to the emulator lost (wait status %#x)", status);
    }
    g_string_append_len(buf, tmp, n);
}

static void send_all(int fd, const char *text)
{
    size_t len = strlen(text), off = 0;

    while (off < len) {
        ssize_t n = write(fd, text + off, len - off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        g_assert(n > 0);
        off += n;
    }
}

/* ---- QMP ---- */

/* Takes one complete top-level JSON object out of the QMP input. */
static char *qmp_take_object(QTestState *s)
{
    for (;;) {
        int depth = 0;
        bool in_str = false, esc = false, started = false;
        for (size_t i = 0; i < s->qmp_rx->len; i++) {
            char c = s->qmp_rx->str[i];
            if (in_str) {
                if (esc) {
                    esc = false;
                } else if (c == '\\') {
                    esc = true;
                } else if (c == '"') {
                    in_str = false;
                }
                continue;
            }
            if (c == '"') {
                in_str = true;
            } else if (c == '{') {
                depth++;
                started = true;
            } else if (c == '}') {
                depth--;
                if (started && depth == 0) {
                    char *obj = g_strndup(s->qmp_rx->str, i + 1);
                    g_string_erase(s->qmp_rx, 0, i + 1);
                    g_strstrip(obj);
                    return obj;
                }
            }
        }
        read_more(s, s->qmp_fd, s->qmp_rx);
    }
}

char *qtest_qmp_receive(QTestState *s)
{
    for (;;) {
        char *obj = qmp_take_object(s);
        if (strstr(obj, "\"event\"") && !strstr(obj, "\"return\"") && !strstr(obj, "\"error\"")) {
            g_queue_push_tail(s->qmp_events, obj);
            continue;
        }
        return obj;
    }
}

static void qmp_vsend(QTestState *s, const char *fmt, va_list ap)
{
    char *text = g_strdup_vprintf(fmt, ap);

    send_all(s->qmp_fd, text);
    g_free(text);
}

void qtest_qmp_send(QTestState *s, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    qmp_vsend(s, fmt, ap);
    va_end(ap);
}

char *qtest_qmp(QTestState *s, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    qmp_vsend(s, fmt, ap);
    va_end(ap);
    return qtest_qmp_receive(s);
}

char *qtest_qmp_eventwait(QTestState *s, const char *name)
{
    char *needle = g_strdup_printf("\"event\": \"%s\"", name);

    for (;;) {
        while (!g_queue_is_empty(s->qmp_events)) {
            char *ev = g_queue_pop_head(s->qmp_events);
            if (strstr(ev, needle)) {
                g_free(needle);
                return ev;
            }
            g_free(ev);
        }
        char *obj = qmp_take_object(s);
        g_queue_push_tail(s->qmp_events, obj);
    }
}

char *qtest_json_get_string(const char *json, const char *key)
{
    char *needle = g_strdup_printf("\"%s\": \"", key);
    const char *p = strstr(json, needle);
    GString *out;

    if (!p) {
        g_free(needle);
        return NULL;
    }
    p += strlen(needle);
    g_free(needle);
    out = g_string_new(NULL);
    for (; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            switch (*p) {
            case 'n': g_string_append_c(out, '\n'); break;
            case 't': g_string_append_c(out, '\t'); break;
            case 'r': g_string_append_c(out, '\r'); break;
            case 'u': {
                unsigned cp = (unsigned)strtoul((char[5]){ p[1], p[2], p[3], p[4], 0 }, NULL, 16);
                g_string_append_unichar(out, cp);
                p += 4;
                break;
            }
            default: g_string_append_c(out, *p); break;
            }
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

char *qtest_hmp(QTestState *s, const char *fmt, ...)
{
    va_list ap;
    char *cmd, *resp, *out;
    GString *q = g_string_new("{\"execute\": \"human-monitor-command\", \"arguments\": "
                              "{\"command-line\": \"");

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    for (const char *c = cmd; *c; c++) {
        if (*c == '"' || *c == '\\') {
            g_string_append_c(q, '\\');
        }
        g_string_append_c(q, *c);
    }
    g_string_append(q, "\"}}");
    resp = qtest_qmp(s, "%s", q->str);
    g_string_free(q, TRUE);
    out = qtest_json_get_string(resp, "return");
    if (!out) {
        g_error("libqtest: human-monitor-command '%s' failed: %s", cmd, resp);
    }
    g_free(resp);
    g_free(cmd);
    return out;
}

/* ---- Start and stop ---- */

static char *socket_path(const char *kind)
{
    static int counter;

    return g_strdup_printf("%s/qtest-%d-%d.%s", g_get_tmp_dir(), getpid(), counter++, kind);
}

QTestState *qtest_init(const char *extra_args)
{
    QTestState *s = g_new0(QTestState, 1);
    const char *bin = getenv("QTEST_QEMU_BINARY");
    int lfd, qmp_lfd;
    char *cmd, *greeting, *resp;

    if (!bin) {
        g_error("libqtest: set QTEST_QEMU_BINARY to the emulator to test");
    }
    s->sock_path = socket_path("sock");
    s->qmp_path = socket_path("qmp");
    lfd = listen_unix(s->sock_path);
    qmp_lfd = listen_unix(s->qmp_path);
    cmd = g_strdup_printf("exec %s -qtest unix:%s -qtest-log %s "
                          "-chardev socket,path=%s,id=char0 -mon chardev=char0,mode=control "
                          "-display none -audio none -machine accel=qtest %s",
                          bin, s->sock_path, getenv("QTEST_LOG") ? "/dev/fd/2" : "none",
                          s->qmp_path, extra_args ? extra_args : "");
    s->pid = fork();
    g_assert(s->pid >= 0);
    if (s->pid == 0) {
        /* If the test dies (a failed assertion), the emulator goes with it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        execlp("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    g_free(cmd);
    s->fd = accept_or_die(s, lfd, "the qtest socket");
    s->qmp_fd = accept_or_die(s, qmp_lfd, "the QMP socket");
    close(lfd);
    close(qmp_lfd);
    unlink(s->sock_path);
    unlink(s->qmp_path);
    s->rx = g_string_new(NULL);
    s->qmp_rx = g_string_new(NULL);
    s->qmp_events = g_queue_new();

    greeting = qmp_take_object(s);
    if (!strstr(greeting, "\"QMP\"")) {
        g_error("libqtest: unexpected QMP greeting: %s", greeting);
    }
    g_free(greeting);
    resp = qtest_qmp(s, "{\"execute\": \"qmp_capabilities\"}");
    if (!strstr(resp, "\"return\"")) {
        g_error("libqtest: qmp_capabilities failed: %s", resp);
    }
    g_free(resp);
    s->big_endian = qtest_big_endian(s);
    return s;
}

QTestState *qtest_initf(const char *fmt, ...)
{
    va_list ap;
    char *args;
    QTestState *s;

    va_start(ap, fmt);
    args = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    s = qtest_init(args);
    g_free(args);
    return s;
}

pid_t qtest_pid(QTestState *s)
{
    return s->pid;
}

int qtest_kill_and_wait(QTestState *s)
{
    int status = 0;

    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR) {
        }
        s->pid = -1;
    }
    close(s->fd);
    close(s->qmp_fd);
    return status;
}

void qtest_quit(QTestState *s)
{
    int status = qtest_kill_and_wait(s);

    if (WIFSIGNALED(status) && WTERMSIG(status) != SIGTERM) {
        g_error("libqtest: the emulator died of signal %d", WTERMSIG(status));
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        g_error("libqtest: the emulator exited with status %d", WEXITSTATUS(status));
    }
    g_string_free(s->rx, TRUE);
    g_string_free(s->qmp_rx, TRUE);
    g_queue_free_full(s->qmp_events, g_free);
    g_free(s->sock_path);
    g_free(s->qmp_path);
    g_free(s);
}

/* ---- the qtest protocol ---- */

static void handle_irq_line(QTestState *s, const char *line)
{
    int n;

    if (sscanf(line, "IRQ raise %d", &n) == 1 && n >= 0 && n < MAX_IRQ) {
        s->irq_level[n] = true;
        s->irq_raises[n]++;
    } else if (sscanf(line, "IRQ lower %d", &n) == 1 && n >= 0 && n < MAX_IRQ) {
        s->irq_level[n] = false;
    }
}

/* Reads lines until a reply (IRQ lines are consumed on the way). */
static char *qtest_reply(QTestState *s)
{
    for (;;) {
        char *nl = memchr(s->rx->str, '\n', s->rx->len);
        if (!nl) {
            read_more(s, s->fd, s->rx);
            continue;
        }
        char *line = g_strndup(s->rx->str, nl - s->rx->str);
        g_string_erase(s->rx, 0, nl - s->rx->str + 1);
        if (g_str_has_prefix(line, "IRQ ")) {
            handle_irq_line(s, line);
            g_free(line);
            continue;
        }
        return line;
    }
}

void qtest_raw_send(QTestState *s, const char *line)
{
    char *cmd = g_strdup_printf("%s\n", line);

    send_all(s->fd, cmd);
    g_free(cmd);
}

int qtest_wait_exit(QTestState *s, int timeout_ms)
{
    int status = -1;

    for (int waited = 0; waited <= timeout_ms; waited += 10) {
        int st;
        if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
            status = st;
            s->pid = -1;
            break;
        }
        g_usleep(10000);
    }
    if (s->pid > 0) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        s->pid = -1;
    }
    close(s->fd);
    close(s->qmp_fd);
    g_string_free(s->rx, TRUE);
    g_string_free(s->qmp_rx, TRUE);
    g_queue_free_full(s->qmp_events, g_free);
    g_free(s->sock_path);
    g_free(s->qmp_path);
    g_free(s);
    return status;
}

char *qtest_raw_command(QTestState *s, const char *line)
{
    char *cmd = g_strdup_printf("%s\n", line);

    send_all(s->fd, cmd);
    g_free(cmd);
    return qtest_reply(s);
}

static char *G_GNUC_PRINTF(2, 3) command(QTestState *s, const char *fmt, ...)
{
    va_list ap;
    char *line, *reply;

    va_start(ap, fmt);
    line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    reply = qtest_raw_command(s, line);
    if (!g_str_has_prefix(reply, "OK")) {
        g_error("libqtest: '%s' got '%s'", line, reply);
    }
    g_free(line);
    return reply;
}

static uint64_t reply_value(char *reply)
{
    uint64_t v = 0;

    if (strlen(reply) > 3) {
        v = strtoull(reply + 3, NULL, 0);
    }
    g_free(reply);
    return v;
}

void qtest_outb(QTestState *s, uint16_t addr, uint8_t value)
{
    g_free(command(s, "outb 0x%x 0x%x", addr, value));
}

void qtest_outw(QTestState *s, uint16_t addr, uint16_t value)
{
    g_free(command(s, "outw 0x%x 0x%x", addr, value));
}

void qtest_outl(QTestState *s, uint16_t addr, uint32_t value)
{
    g_free(command(s, "outl 0x%x 0x%x", addr, value));
}

uint8_t qtest_inb(QTestState *s, uint16_t addr)
{
    return reply_value(command(s, "inb 0x%x", addr));
}

uint16_t qtest_inw(QTestState *s, uint16_t addr)
{
    return reply_value(command(s, "inw 0x%x", addr));
}

uint32_t qtest_inl(QTestState *s, uint16_t addr)
{
    return reply_value(command(s, "inl 0x%x", addr));
}

void qtest_writeb(QTestState *s, uint64_t addr, uint8_t value)
{
    g_free(command(s, "writeb 0x%" PRIx64 " 0x%x", addr, value));
}

void qtest_writew(QTestState *s, uint64_t addr, uint16_t value)
{
    g_free(command(s, "writew 0x%" PRIx64 " 0x%x", addr, value));
}

void qtest_writel(QTestState *s, uint64_t addr, uint32_t value)
{
    g_free(command(s, "writel 0x%" PRIx64 " 0x%x", addr, value));
}

void qtest_writeq(QTestState *s, uint64_t addr, uint64_t value)
{
    g_free(command(s, "writeq 0x%" PRIx64 " 0x%" PRIx64, addr, value));
}

uint8_t qtest_readb(QTestState *s, uint64_t addr)
{
    return reply_value(command(s, "readb 0x%" PRIx64, addr));
}

uint16_t qtest_readw(QTestState *s, uint64_t addr)
{
    return reply_value(command(s, "readw 0x%" PRIx64, addr));
}

uint32_t qtest_readl(QTestState *s, uint64_t addr)
{
    return reply_value(command(s, "readl 0x%" PRIx64, addr));
}

uint64_t qtest_readq(QTestState *s, uint64_t addr)
{
    return reply_value(command(s, "readq 0x%" PRIx64, addr));
}

static int hexval(char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

void qtest_memread(QTestState *s, uint64_t addr, void *data, size_t size)
{
    char *reply = command(s, "read 0x%" PRIx64 " 0x%zx", addr, size);
    const char *hex = reply + 5;     /* "OK 0x" */
    uint8_t *p = data;

    g_assert(strlen(hex) >= size * 2);
    for (size_t i = 0; i < size; i++) {
        p[i] = hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]);
    }
    g_free(reply);
}

void qtest_memwrite(QTestState *s, uint64_t addr, const void *data, size_t size)
{
    GString *hex = g_string_sized_new(size * 2 + 1);
    const uint8_t *p = data;

    for (size_t i = 0; i < size; i++) {
        g_string_append_printf(hex, "%02x", p[i]);
    }
    g_free(command(s, "write 0x%" PRIx64 " 0x%zx 0x%s", addr, size, hex->str));
    g_string_free(hex, TRUE);
}

void qtest_bufread(QTestState *s, uint64_t addr, void *data, size_t size)
{
    char *reply = command(s, "b64read 0x%" PRIx64 " 0x%zx", addr, size);
    gsize len;
    guchar *bytes = g_base64_decode(reply + 3, &len);

    g_assert(len >= size);
    memcpy(data, bytes, size);
    g_free(bytes);
    g_free(reply);
}

void qtest_bufwrite(QTestState *s, uint64_t addr, const void *data, size_t size)
{
    gchar *b64 = g_base64_encode(data, size);

    g_free(command(s, "b64write 0x%" PRIx64 " 0x%zx %s", addr, size, b64));
    g_free(b64);
}

void qtest_memset(QTestState *s, uint64_t addr, uint8_t pattern, size_t size)
{
    g_free(command(s, "memset 0x%" PRIx64 " 0x%zx 0x%02x", addr, size, pattern));
}

int64_t qtest_clock_step(QTestState *s, int64_t step)
{
    return (int64_t)reply_value(command(s, "clock_step %" PRIi64, step));
}

int64_t qtest_clock_step_next(QTestState *s)
{
    return (int64_t)reply_value(command(s, "clock_step"));
}

int64_t qtest_clock_set(QTestState *s, int64_t val)
{
    return (int64_t)reply_value(command(s, "clock_set %" PRIi64, val));
}

void qtest_irq_intercept_in(QTestState *s, const char *path)
{
    g_free(command(s, "irq_intercept_in %s", path));
}

void qtest_irq_intercept_out(QTestState *s, const char *path)
{
    g_free(command(s, "irq_intercept_out %s", path));
}

bool qtest_get_irq(QTestState *s, int num)
{
    /* Pick up IRQ lines that arrived without a command. */
    struct pollfd p = { .fd = s->fd, .events = POLLIN };

    while (poll(&p, 1, 0) > 0) {
        read_more(s, s->fd, s->rx);
        char *nl;
        while ((nl = memchr(s->rx->str, '\n', s->rx->len)) && g_str_has_prefix(s->rx->str, "IRQ ")) {
            char *line = g_strndup(s->rx->str, nl - s->rx->str);
            g_string_erase(s->rx, 0, nl - s->rx->str + 1);
            handle_irq_line(s, line);
            g_free(line);
        }
    }
    g_assert(num >= 0 && num < MAX_IRQ);
    return s->irq_level[num];
}

unsigned qtest_irq_raise_count(QTestState *s, int num)
{
    qtest_get_irq(s, num);
    return s->irq_raises[num];
}

void qtest_set_irq_in(QTestState *s, const char *path, const char *name, int num, int level)
{
    g_free(command(s, "set_irq_in %s %s %d %d", path, name ? name : "unnamed-gpio-in", num,
                   level));
}

bool qtest_big_endian(QTestState *s)
{
    char *reply = command(s, "endianness");
    bool big = strcmp(reply, "OK big") == 0;

    g_free(reply);
    return big;
}
