/*
 * The qtest accelerator's protocol: a line-based text protocol on a
 * chardev that lets a test program drive devices directly, with no guest
 * code.  The commands and replies are the ones QEMU documents for qtest
 * (each reply is "OK ..." or "FAIL ..." on one line; "IRQ raise N" and
 * "IRQ lower N" lines may arrive at any time after irq_intercept_*):
 *
 *   outb|outw|outl ADDR VALUE          inb|inw|inl ADDR
 *   writeb|writew|writel|writeq ADDR VALUE
 *   readb|readw|readl|readq ADDR       read ADDR SIZE  (hex reply)
 *   write ADDR SIZE 0xDATA             b64read ADDR SIZE
 *   b64write ADDR SIZE B64DATA         memset ADDR SIZE VALUE
 *   clock_step [NS]                    clock_set NS    (reply: OK <clock>)
 *   irq_intercept_in PATH              irq_intercept_out PATH
 *   set_irq_in PATH NAME N LEVEL       endianness
 *
 * Under qtest the virtual clock moves only through clock_step/clock_set.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "qemu/timer.h"
#include "sysemu/qtest.h"

#define MAX_IRQ 256

static CharBackend qtest_chr;
static bool qtest_chr_attached;
static GString *inbuf;
static GString *buffer_out;      /* qtest_process_line's sink */
static FILE *qtest_log_fp;
static int64_t log_start;
static DeviceState *irq_intercept_dev;
static int irq_levels[MAX_IRQ];

/* What an intercepted line did before: interception taps, it does not cut. */
typedef struct InterceptedIRQ {
    qemu_irq_handler handler;
    void *opaque;
    int n;
    qemu_irq old_out;            /* intercept_out: where the output went */
} InterceptedIRQ;

static InterceptedIRQ intercepted[MAX_IRQ];

static void qtest_log(char dir, const char *text)
{
    int64_t t;

    if (!qtest_log_fp) {
        return;
    }
    t = get_clock() - log_start;
    fprintf(qtest_log_fp, "[%c +%" PRId64 ".%06" PRId64 "] %s", dir, t / 1000000000,
            (t / 1000) % 1000000, text);
    if (!*text || text[strlen(text) - 1] != '\n') {
        fputc('\n', qtest_log_fp);
    }
    fflush(qtest_log_fp);
}

static void qtest_send(const char *text)
{
    qtest_log('S', text);
    if (buffer_out) {
        g_string_append(buffer_out, text);
    } else if (qtest_chr_attached) {
        qemu_chr_fe_write_all(&qtest_chr, (const uint8_t *)text, (int)strlen(text));
    }
}

static void G_GNUC_PRINTF(1, 2) qtest_sendf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qtest_send(s);
    g_free(s);
}

static void qtest_irq_handler(void *opaque, int n, int level)
{
    if (n >= 0 && n < MAX_IRQ) {
        InterceptedIRQ *old = &intercepted[n];
        if (old->handler) {
            old->handler(old->opaque, old->n, level);
        }
        qemu_set_irq(old->old_out, level);
    }
    level = level != 0;
    if (n < 0 || n >= MAX_IRQ || irq_levels[n] == level) {
        return;
    }
    irq_levels[n] = level;
    qtest_sendf("IRQ %s %d\n", level ? "raise" : "lower", n);
}

static bool parse_u64(const char *s, uint64_t *v)
{
    char *end;

    if (!s) {
        return false;
    }
    errno = 0;
    *v = strtoull(s, &end, 0);
    return !errno && end != s && *end == '\0';
}

static bool parse_s64(const char *s, int64_t *v)
{
    char *end;

    if (!s) {
        return false;
    }
    errno = 0;
    *v = strtoll(s, &end, 0);
    return !errno && end != s && *end == '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

static const MemTxAttrs attrs = { .unspecified = 1 };

static int nwords(char **w)
{
    int n = 0;

    while (w[n]) {
        n++;
    }
    return n;
}

static void do_intercept(char **words, bool in)
{
    DeviceState *dev;

    if (!words[1]) {
        qtest_send("FAIL missing device path\n");
        return;
    }
    dev = qdev_find(words[1]);
    if (!dev) {
        qtest_send("FAIL Unknown device\n");
        return;
    }
    if (irq_intercept_dev) {
        qtest_send(irq_intercept_dev == dev ? "OK\n" : "FAIL IRQ intercept already enabled\n");
        return;
    }
    irq_intercept_dev = dev;
    if (in) {
        for (int i = 0; i < dev->num_gpio_in && i < MAX_IRQ; i++) {
            intercepted[i].handler = dev->gpio_in[i]->handler;
            intercepted[i].opaque = dev->gpio_in[i]->opaque;
            intercepted[i].n = dev->gpio_in[i]->n;
            dev->gpio_in[i]->handler = qtest_irq_handler;
            dev->gpio_in[i]->opaque = NULL;
            dev->gpio_in[i]->n = i;
        }
        dev->gpio_in_intercepted = true;
    } else {
        for (int i = 0; i < dev->num_gpio_out && i < MAX_IRQ; i++) {
            intercepted[i].old_out = *dev->gpio_out[i];
            *dev->gpio_out[i] = qemu_allocate_irq(qtest_irq_handler, NULL, i);
        }
        dev->gpio_out_intercepted = true;
    }
    qtest_send("OK\n");
}

static void qtest_process_command(char **words)
{
    const char *cmd = words[0];
    int n = nwords(words);
    uint64_t addr, val, size;

    if (!cmd) {
        return;
    }
    if (!strcmp(cmd, "outb") || !strcmp(cmd, "outw") || !strcmp(cmd, "outl")) {
        unsigned sz = cmd[3] == 'b' ? 1 : cmd[3] == 'w' ? 2 : 4;
        if (n < 3 || !parse_u64(words[1], &addr) || !parse_u64(words[2], &val)) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        address_space_store(&address_space_io, addr, val, sz, false, attrs, NULL);
        qtest_send("OK\n");
    } else if (!strcmp(cmd, "inb") || !strcmp(cmd, "inw") || !strcmp(cmd, "inl")) {
        unsigned sz = cmd[2] == 'b' ? 1 : cmd[2] == 'w' ? 2 : 4;
        if (n < 2 || !parse_u64(words[1], &addr)) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        val = address_space_load(&address_space_io, addr, sz, false, attrs, NULL);
        qtest_sendf("OK 0x%04" PRIx64 "\n", val);
    } else if (!strcmp(cmd, "writeb") || !strcmp(cmd, "writew") || !strcmp(cmd, "writel") ||
               !strcmp(cmd, "writeq")) {
        unsigned sz = cmd[5] == 'b' ? 1 : cmd[5] == 'w' ? 2 : cmd[5] == 'l' ? 4 : 8;
        if (n < 3 || !parse_u64(words[1], &addr) || !parse_u64(words[2], &val)) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        address_space_store(&address_space_memory, addr, val, sz, false, attrs, NULL);
        qtest_send("OK\n");
    } else if (!strcmp(cmd, "readb") || !strcmp(cmd, "readw") || !strcmp(cmd, "readl") ||
               !strcmp(cmd, "readq")) {
        unsigned sz = cmd[4] == 'b' ? 1 : cmd[4] == 'w' ? 2 : cmd[4] == 'l' ? 4 : 8;
        if (n < 2 || !parse_u64(words[1], &addr)) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        val = address_space_load(&address_space_memory, addr, sz, false, attrs, NULL);
        qtest_sendf("OK 0x%016" PRIx64 "\n", val);
    } else if (!strcmp(cmd, "read") || !strcmp(cmd, "b64read")) {
        uint8_t *data;
        if (n < 3 || !parse_u64(words[1], &addr) || !parse_u64(words[2], &size) ||
            size > 64 * 1024 * 1024) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        data = g_malloc(size ? size : 1);
        address_space_read(&address_space_memory, addr, attrs, data, size);
        if (cmd[0] == 'r') {
            GString *s = g_string_sized_new(size * 2 + 8);
            g_string_append(s, "OK 0x");
            for (uint64_t i = 0; i < size; i++) {
                g_string_append_printf(s, "%02x", data[i]);
            }
            g_string_append_c(s, '\n');
            qtest_send(s->str);
            g_string_free(s, TRUE);
        } else {
            gchar *b64 = g_base64_encode(data, size);
            qtest_sendf("OK %s\n", b64);
            g_free(b64);
        }
        g_free(data);
    } else if (!strcmp(cmd, "write")) {
        const char *hex;
        uint8_t *data;
        size_t hexlen;
        if (n < 4 || !parse_u64(words[1], &addr) || !parse_u64(words[2], &size) ||
            size > 64 * 1024 * 1024 || strncmp(words[3], "0x", 2) != 0) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        hex = words[3] + 2;
        hexlen = strlen(hex);
        data = g_malloc0(size ? size : 1);
        for (uint64_t i = 0; i < size; i++) {
            int hi = 2 * i < hexlen ? hexval(hex[2 * i]) : 0;
            int lo = 2 * i + 1 < hexlen ? hexval(hex[2 * i + 1]) : 0;
            if (hi < 0 || lo < 0) {
                g_free(data);
                qtest_send("FAIL bad hex data\n");
                return;
            }
            data[i] = hi << 4 | lo;
        }
        address_space_write(&address_space_memory, addr, attrs, data, size);
        g_free(data);
        qtest_send("OK\n");
    } else if (!strcmp(cmd, "b64write")) {
        guchar *data;
        gsize len;
        if (n < 4 || !parse_u64(words[1], &addr) || !parse_u64(words[2], &size) ||
            size > 64 * 1024 * 1024) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        data = g_base64_decode(words[3], &len);
        if (len < size) {
            data = g_realloc(data, size);
            memset(data + len, 0, size - len);
        }
        address_space_write(&address_space_memory, addr, attrs, data, size);
        g_free(data);
        qtest_send("OK\n");
    } else if (!strcmp(cmd, "memset")) {
        uint8_t *data;
        if (n < 4 || !parse_u64(words[1], &addr) || !parse_u64(words[2], &size) ||
            !parse_u64(words[3], &val) || size > 64 * 1024 * 1024) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        data = g_malloc(size ? size : 1);
        memset(data, (int)(val & 0xff), size);
        address_space_write(&address_space_memory, addr, attrs, data, size);
        g_free(data);
        qtest_send("OK\n");
    } else if (!strcmp(cmd, "clock_step")) {
        int64_t ns = -1, now;
        if (n >= 2 && (!parse_s64(words[1], &ns) || ns < 0)) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        now = qtest_clock_step(ns);
        qtest_sendf("OK %" PRIi64 "\n", now);
    } else if (!strcmp(cmd, "clock_set")) {
        int64_t ns, now;
        if (n < 2 || !parse_s64(words[1], &ns)) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        now = qtest_clock_set(ns);
        qtest_sendf("OK %" PRIi64 "\n", now);
    } else if (!strcmp(cmd, "irq_intercept_in")) {
        do_intercept(words, true);
    } else if (!strcmp(cmd, "irq_intercept_out")) {
        do_intercept(words, false);
    } else if (!strcmp(cmd, "set_irq_in")) {
        DeviceState *dev;
        int64_t num, level;
        if (n < 5 || !parse_s64(words[3], &num) || !parse_s64(words[4], &level)) {
            qtest_send("FAIL bad arguments\n");
            return;
        }
        dev = qdev_find(words[1]);
        if (!dev) {
            qtest_send("FAIL Unknown device\n");
            return;
        }
        if (strcmp(words[2], "unnamed-gpio-in") != 0) {
            qtest_sendf("FAIL Unknown GPIO '%s'\n", words[2]);
            return;
        }
        if (num < 0 || num >= dev->num_gpio_in) {
            qtest_send("FAIL GPIO number out of range\n");
            return;
        }
        qemu_set_irq(dev->gpio_in[num], (int)level);
        qtest_send("OK\n");
    } else if (!strcmp(cmd, "endianness")) {
        qtest_send("OK little\n");
    } else {
        qtest_sendf("FAIL Unknown command '%s'\n", cmd);
    }
}

static void process_line(const char *line)
{
    char **words;
    char *copy = g_strdup(line);

    g_strstrip(copy);
    qtest_log('R', copy);
    words = g_strsplit_set(copy, " ", -1);
    /* Collapse empty words from repeated spaces. */
    {
        int j = 0;
        for (int i = 0; words[i]; i++) {
            if (words[i][0]) {
                words[j++] = words[i];
            } else {
                g_free(words[i]);
            }
        }
        words[j] = NULL;
    }
    if (words[0]) {
        qtest_process_command(words);
    }
    g_strfreev(words);
    g_free(copy);
}

void qtest_process_line(const char *line, GString *out)
{
    GString *saved = buffer_out;

    buffer_out = out;
    process_line(line);
    buffer_out = saved;
}

static int qtest_can_read(void *opaque)
{
    return 4096;
}

static void qtest_read(void *opaque, const uint8_t *buf, int size)
{
    char *nl;

    g_string_append_len(inbuf, (const char *)buf, size);
    while ((nl = memchr(inbuf->str, '\n', inbuf->len)) != NULL) {
        size_t len = nl - inbuf->str;
        char *line = g_strndup(inbuf->str, len);
        g_string_erase(inbuf, 0, len + 1);
        process_line(line);
        g_free(line);
    }
}

static void qtest_event(void *opaque, QEMUChrEvent event)
{
    if (event == CHR_EVENT_OPENED) {
        /* A new client gets a freshly reset machine. */
        qdev_reset_system();
        memset(irq_levels, 0, sizeof(irq_levels));
        log_start = get_clock();
        g_string_truncate(inbuf, 0);
        qtest_log('I', "OPENED");
    } else if (event == CHR_EVENT_CLOSED) {
        qtest_log('I', "CLOSED");
    }
}

bool qtest_server_init(const char *spec, const char *log_file, char **errp)
{
    Chardev *chr;

    if (g_str_has_prefix(spec, "chardev:")) {
        chr = qemu_chr_find(spec + 8);
        if (!chr) {
            *errp = g_strdup_printf("chardev '%s' not found", spec + 8);
            return false;
        }
    } else {
        chr = qemu_chr_new("qtest", spec, errp);
        if (!chr) {
            return false;
        }
    }
    /* Without -qtest-log the traffic is logged to stderr, as QEMU does. */
    if (!log_file) {
        qtest_log_fp = stderr;
    } else if (strcmp(log_file, "none") != 0) {
        qtest_log_fp = strcmp(log_file, "-") == 0 ? stderr : fopen(log_file, "w");
        if (!qtest_log_fp) {
            *errp = g_strdup_printf("cannot open qtest log '%s': %s", log_file, strerror(errno));
            return false;
        }
    }
    log_start = get_clock();
    inbuf = g_string_new(NULL);
    if (!qemu_chr_fe_init(&qtest_chr, chr, errp)) {
        return false;
    }
    qtest_chr_attached = true;
    qemu_chr_fe_set_handlers(&qtest_chr, qtest_can_read, qtest_read, qtest_event, NULL);
    return true;
}
