/*
 * QMP: the JSON monitor protocol, as QEMU documents it (docs/interop/
 * qmp-spec).  A client gets a greeting, must negotiate with
 * qmp_capabilities, then sends {"execute": CMD, "arguments": {...},
 * "id": ANY} and gets {"return": ...} or {"error": {"class", "desc"}}
 * with the same id.  Events arrive as {"event", "data", "timestamp"}.
 *
 * Commands: qmp_capabilities, query-status, query-version, query-commands,
 * stop, cont, system_reset, quit, human-monitor-command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "chardev/char.h"
#include "monitor/monitor.h"
#include "monitor/qmp.h"
#include "q86-config.h"
#include "qemu/timer.h"
#include "sysemu/runstate.h"

/* ---- A small JSON reader (RFC 8259), enough for QMP requests ---- */

typedef enum JType { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JType;

typedef struct JVal {
    JType type;
    bool b;
    double num;
    char *str;
    GPtrArray *keys;             /* J_OBJ: char * */
    GPtrArray *items;            /* J_OBJ values / J_ARR items: JVal * */
    char *raw;                   /* the source text of this value */
} JVal;

typedef struct JParser {
    const char *s;
    size_t pos, len;
    int depth;
} JParser;

static void jval_free(gpointer p)
{
    JVal *v = p;

    if (!v) {
        return;
    }
    g_free(v->str);
    g_free(v->raw);
    if (v->keys) {
        g_ptr_array_free(v->keys, TRUE);
    }
    if (v->items) {
        g_ptr_array_free(v->items, TRUE);
    }
    g_free(v);
}

static void skip_ws(JParser *p)
{
    while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos])) {
        p->pos++;
    }
}

static JVal *parse_value(JParser *p);

/* Four hex digits of a \\u escape, or -1. */
static int parse_hex4(JParser *p)
{
    int cp = 0;

    if (p->pos + 4 > p->len) {
        return -1;
    }
    for (int i = 0; i < 4; i++) {
        char h = p->s[p->pos++];
        cp <<= 4;
        if (h >= '0' && h <= '9') {
            cp |= h - '0';
        } else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f') {
            cp |= (h | 0x20) - 'a' + 10;
        } else {
            return -1;
        }
    }
    return cp;
}

static char *parse_string(JParser *p)
{
    GString *out = g_string_new(NULL);

    p->pos++;                    /* opening quote */
    while (p->pos < p->len) {
        char c = p->s[p->pos++];
        if (c == '"') {
            return g_string_free(out, FALSE);
        }
        if (c != '\\') {
            g_string_append_c(out, c);
            continue;
        }
        if (p->pos >= p->len) {
            break;
        }
        c = p->s[p->pos++];
        switch (c) {
        case 'n': g_string_append_c(out, '\n'); break;
        case 't': g_string_append_c(out, '\t'); break;
        case 'r': g_string_append_c(out, '\r'); break;
        case 'b': g_string_append_c(out, '\b'); break;
        case 'f': g_string_append_c(out, '\f'); break;
        case 'u': {
            int cp = parse_hex4(p);
            if (cp < 0) {
                goto fail;
            }
            if (cp >= 0xd800 && cp <= 0xdbff && p->pos + 6 <= p->len &&
                p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
                /* A surrogate pair is one character. */
                size_t save = p->pos;
                int lo;
                p->pos += 2;
                lo = parse_hex4(p);
                if (lo >= 0xdc00 && lo <= 0xdfff) {
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                } else {
                    p->pos = save;
                }
            }
            /* NUL and lone surrogates become U+FFFD, so output stays valid UTF-8. */
            if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff)) {
                cp = 0xfffd;
            }
            g_string_append_unichar(out, cp);
            break;
        }
        default: g_string_append_c(out, c); break;
        }
    }
fail:
    g_string_free(out, TRUE);
    return NULL;
}

static JVal *parse_value(JParser *p)
{
    JVal *v = g_new0(JVal, 1);
    size_t start;

    skip_ws(p);
    start = p->pos;
    if (p->pos >= p->len || ++p->depth > 64) {
        goto fail;
    }
    switch (p->s[p->pos]) {
    case '{':
        v->type = J_OBJ;
        v->keys = g_ptr_array_new_with_free_func(g_free);
        v->items = g_ptr_array_new_with_free_func(jval_free);
        p->pos++;
        skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == '}') {
            p->pos++;
            break;
        }
        for (;;) {
            char *key;
            JVal *item;
            skip_ws(p);
            if (p->pos >= p->len || p->s[p->pos] != '"' || !(key = parse_string(p))) {
                goto fail;
            }
            skip_ws(p);
            if (p->pos >= p->len || p->s[p->pos] != ':') {
                g_free(key);
                goto fail;
            }
            p->pos++;
            item = parse_value(p);
            if (!item) {
                g_free(key);
                goto fail;
            }
            g_ptr_array_add(v->keys, key);
            g_ptr_array_add(v->items, item);
            skip_ws(p);
            if (p->pos < p->len && p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->pos < p->len && p->s[p->pos] == '}') {
                p->pos++;
                break;
            }
            goto fail;
        }
        break;
    case '[':
        v->type = J_ARR;
        v->items = g_ptr_array_new_with_free_func(jval_free);
        p->pos++;
        skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == ']') {
            p->pos++;
            break;
        }
        for (;;) {
            JVal *item = parse_value(p);
            if (!item) {
                goto fail;
            }
            g_ptr_array_add(v->items, item);
            skip_ws(p);
            if (p->pos < p->len && p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->pos < p->len && p->s[p->pos] == ']') {
                p->pos++;
                break;
            }
            goto fail;
        }
        break;
    case '"':
        v->type = J_STR;
        v->str = parse_string(p);
        if (!v->str) {
            goto fail;
        }
        break;
    default:
        if (!strncmp(p->s + p->pos, "true", 4)) {
            v->type = J_BOOL;
            v->b = true;
            p->pos += 4;
        } else if (!strncmp(p->s + p->pos, "false", 5)) {
            v->type = J_BOOL;
            p->pos += 5;
        } else if (!strncmp(p->s + p->pos, "null", 4)) {
            v->type = J_NULL;
            p->pos += 4;
        } else {
            char *end;
            char *tmp = g_strndup(p->s + p->pos, p->len - p->pos);
            v->type = J_NUM;
            v->num = g_ascii_strtod(tmp, &end);
            if (end == tmp) {
                g_free(tmp);
                goto fail;
            }
            p->pos += end - tmp;
            g_free(tmp);
        }
        break;
    }
    p->depth--;
    v->raw = g_strndup(p->s + start, p->pos - start);
    return v;
fail:
    jval_free(v);
    return NULL;
}

static JVal *jobj_get(JVal *obj, const char *key)
{
    if (!obj || obj->type != J_OBJ) {
        return NULL;
    }
    for (unsigned i = 0; i < obj->keys->len; i++) {
        if (!strcmp(g_ptr_array_index(obj->keys, i), key)) {
            return g_ptr_array_index(obj->items, i);
        }
    }
    return NULL;
}

static void json_append_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        switch (*c) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default:
            if (*c < 0x20) {
                g_string_append_printf(out, "\\u%04x", *c);
            } else {
                g_string_append_c(out, *c);
            }
        }
    }
    g_string_append_c(out, '"');
}

/* ---- Monitors ---- */

typedef struct QMPMonitor {
    CharBackend chr;
    GString *inbuf;
    bool negotiated;
    bool open;
    int depth;                   /* brace depth of the request being read */
    bool in_string, escaped;
} QMPMonitor;

static GPtrArray *qmp_monitors;
static bool events_hooked;
static bool reset_by_qmp;
static bool quit_by_qmp;
static bool shutdown_by_guest;
static const char *shutdown_reason;

void qmp_note_shutdown_reason(bool guest, const char *reason)
{
    shutdown_by_guest = guest;
    shutdown_reason = reason;
}

static void qmp_write(QMPMonitor *m, const char *text)
{
    qemu_chr_fe_write_all(&m->chr, (const uint8_t *)text, (int)strlen(text));
    qemu_chr_fe_write_all(&m->chr, (const uint8_t *)"\r\n", 2);
}

void qmp_send_event(const char *name, const char *data_json)
{
    int64_t now = get_clock_realtime() / 1000;
    GString *ev = g_string_new(NULL);

    g_string_append_printf(ev, "{\"timestamp\": {\"seconds\": %" G_GINT64_FORMAT
                           ", \"microseconds\": %" G_GINT64_FORMAT "}, \"event\": ",
                           now / 1000000, now % 1000000);
    json_append_string(ev, name);
    if (data_json) {
        g_string_append_printf(ev, ", \"data\": %s", data_json);
    }
    g_string_append_c(ev, '}');
    for (unsigned i = 0; qmp_monitors && i < qmp_monitors->len; i++) {
        QMPMonitor *m = g_ptr_array_index(qmp_monitors, i);
        if (m->open && m->negotiated) {
            qmp_write(m, ev->str);
        }
    }
    g_string_free(ev, TRUE);
}

static void qmp_send_greeting(QMPMonitor *m)
{
    int major = 0, minor = 0, micro = 0;
    char *g;

    sscanf(Q86_VERSION, "%d.%d.%d", &major, &minor, &micro);
    g = g_strdup_printf("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": %d, \"minor\": %d, "
                        "\"major\": %d}, \"package\": \" (Q86)\"}, \"capabilities\": [\"oob\"]}}",
                        micro, minor, major);
    qmp_write(m, g);
    g_free(g);
}

static void reply(QMPMonitor *m, JVal *id, const char *ret_json)
{
    GString *r = g_string_new("{\"return\": ");

    g_string_append(r, ret_json);
    if (id) {
        g_string_append_printf(r, ", \"id\": %s", id->raw);
    }
    g_string_append_c(r, '}');
    qmp_write(m, r->str);
    g_string_free(r, TRUE);
}

static void reply_error(QMPMonitor *m, JVal *id, const char *klass, const char *desc)
{
    GString *r = g_string_new("{\"error\": {\"class\": ");

    json_append_string(r, klass);
    g_string_append(r, ", \"desc\": ");
    json_append_string(r, desc);
    g_string_append_c(r, '}');
    if (id) {
        g_string_append_printf(r, ", \"id\": %s", id->raw);
    }
    g_string_append_c(r, '}');
    qmp_write(m, r->str);
    g_string_free(r, TRUE);
}

static const char *const qmp_commands[] = {
    "qmp_capabilities", "query-status", "query-version", "query-commands", "stop", "cont",
    "system_reset", "quit", "human-monitor-command",
};

static void qmp_dispatch(QMPMonitor *m, JVal *req)
{
    JVal *id = jobj_get(req, "id");
    JVal *exec = jobj_get(req, "execute");
    JVal *args = jobj_get(req, "arguments");
    const char *cmd;

    if (!exec) {
        exec = jobj_get(req, "exec-oob");
    }
    if (req->type != J_OBJ) {
        reply_error(m, NULL, "GenericError", "QMP input must be a JSON object");
        return;
    }
    if (!exec || exec->type != J_STR) {
        reply_error(m, id, "GenericError", "QMP input lacks member 'execute'");
        return;
    }
    if (args && args->type != J_OBJ) {
        reply_error(m, id, "GenericError", "QMP input member 'arguments' must be an object");
        return;
    }
    cmd = exec->str;
    if (!m->negotiated) {
        if (strcmp(cmd, "qmp_capabilities") != 0) {
            reply_error(m, id, "CommandNotFound",
                        "Expecting capabilities negotiation with 'qmp_capabilities'");
            return;
        }
        m->negotiated = true;
        reply(m, id, "{}");
        return;
    }
    if (!strcmp(cmd, "qmp_capabilities")) {
        reply_error(m, id, "CommandNotFound",
                    "Capabilities negotiation is already complete, command ignored");
    } else if (!strcmp(cmd, "query-status")) {
        const char *status;
        char *r;
        switch (runstate_get()) {
        case RUN_STATE_RUNNING: status = "running"; break;
        case RUN_STATE_PRELAUNCH: status = "prelaunch"; break;
        case RUN_STATE_SHUTDOWN: status = "shutdown"; break;
        default: status = "paused"; break;
        }
        r = g_strdup_printf("{\"status\": \"%s\", \"singlestep\": false, \"running\": %s}",
                            status, runstate_is_running() ? "true" : "false");
        reply(m, id, r);
        g_free(r);
    } else if (!strcmp(cmd, "query-version")) {
        int major = 0, minor = 0, micro = 0;
        char *r;
        sscanf(Q86_VERSION, "%d.%d.%d", &major, &minor, &micro);
        r = g_strdup_printf("{\"qemu\": {\"micro\": %d, \"minor\": %d, \"major\": %d}, "
                            "\"package\": \" (Q86)\"}", micro, minor, major);
        reply(m, id, r);
        g_free(r);
    } else if (!strcmp(cmd, "query-commands")) {
        GString *r = g_string_new("[");
        for (size_t i = 0; i < G_N_ELEMENTS(qmp_commands); i++) {
            g_string_append_printf(r, "%s{\"name\": \"%s\"}", i ? ", " : "", qmp_commands[i]);
        }
        g_string_append_c(r, ']');
        reply(m, id, r->str);
        g_string_free(r, TRUE);
    } else if (!strcmp(cmd, "stop")) {
        if (runstate_is_running()) {
            vm_stop(RUN_STATE_PAUSED);
        }
        reply(m, id, "{}");
    } else if (!strcmp(cmd, "cont")) {
        if (!runstate_is_running() && runstate_get() != RUN_STATE_SHUTDOWN) {
            vm_start();
        }
        reply(m, id, "{}");
    } else if (!strcmp(cmd, "system_reset")) {
        reset_by_qmp = true;
        qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
        qemu_system_reset_pending_run();
        reply(m, id, "{}");
    } else if (!strcmp(cmd, "quit")) {
        quit_by_qmp = true;
        reply(m, id, "{}");
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    } else if (!strcmp(cmd, "human-monitor-command")) {
        JVal *line = jobj_get(args, "command-line");
        GString *out, *r;
        Monitor *mon;
        if (!line || line->type != J_STR) {
            reply_error(m, id, "GenericError", "Parameter 'command-line' is missing");
            return;
        }
        out = g_string_new(NULL);
        mon = monitor_new_buffer(out);
        monitor_execute(mon, line->str);
        monitor_free(mon);
        r = g_string_new(NULL);
        json_append_string(r, out->str);
        reply(m, id, r->str);
        g_string_free(r, TRUE);
        g_string_free(out, TRUE);
    } else {
        char *desc = g_strdup_printf("The command %s has not been found", cmd);
        reply_error(m, id, "CommandNotFound", desc);
        g_free(desc);
    }
}

static void qmp_handle_request(QMPMonitor *m, const char *text)
{
    JParser p = { .s = text, .len = strlen(text) };
    JVal *req = parse_value(&p);

    skip_ws(&p);
    if (!req || p.pos != p.len) {
        reply_error(m, NULL, "GenericError", "JSON parse error");
    } else {
        qmp_dispatch(m, req);
    }
    jval_free(req);
}

static int qmp_can_read(void *opaque)
{
    return 4096;
}

/* Splits the input into top-level JSON values by tracking braces and strings. */
static void qmp_read(void *opaque, const uint8_t *buf, int size)
{
    QMPMonitor *m = opaque;

    for (int i = 0; i < size; i++) {
        char c = buf[i];
        if (m->depth == 0 && !m->in_string && strchr(" \t\r\n", c)) {
            continue;
        }
        g_string_append_c(m->inbuf, c);
        if (m->in_string) {
            if (m->escaped) {
                m->escaped = false;
            } else if (c == '\\') {
                m->escaped = true;
            } else if (c == '"') {
                m->in_string = false;
            }
            continue;
        }
        if (c == '"') {
            m->in_string = true;
        } else if (c == '{' || c == '[') {
            m->depth++;
        } else if (c == '}' || c == ']') {
            m->depth--;
        }
        if (m->depth <= 0) {
            char *text = g_strdup(m->inbuf->str);
            g_string_truncate(m->inbuf, 0);
            m->depth = 0;
            qmp_handle_request(m, text);
            g_free(text);
        } else if (m->inbuf->len > 1024 * 1024) {
            g_string_truncate(m->inbuf, 0);
            m->depth = 0;
            reply_error(m, NULL, "GenericError", "JSON input too long");
        }
    }
}

static void qmp_event(void *opaque, QEMUChrEvent event)
{
    QMPMonitor *m = opaque;

    if (event == CHR_EVENT_OPENED) {
        m->open = true;
        m->negotiated = false;
        m->depth = 0;
        m->in_string = m->escaped = false;
        g_string_truncate(m->inbuf, 0);
        qmp_send_greeting(m);
    } else if (event == CHR_EVENT_CLOSED) {
        m->open = false;
        m->negotiated = false;
    }
}

static void qmp_vm_state_change(void *opaque, bool running, RunState state)
{
    if (running) {
        qmp_send_event("RESUME", NULL);
    } else if (state == RUN_STATE_SHUTDOWN) {
        char *data = g_strdup_printf("{\"guest\": %s, \"reason\": \"%s\"}",
                                     shutdown_by_guest ? "true" : "false",
                                     quit_by_qmp ? "host-qmp-quit"
                                     : shutdown_reason ? shutdown_reason : "host-signal");
        qmp_send_event("SHUTDOWN", data);
        g_free(data);
    } else {
        qmp_send_event("STOP", NULL);
    }
}

static void qmp_reset_notify(void *opaque)
{
    qmp_send_event("RESET", reset_by_qmp ? "{\"guest\": false, \"reason\": \"host-qmp-system-reset\"}"
                                         : "{\"guest\": true, \"reason\": \"guest-reset\"}");
    reset_by_qmp = false;
}

bool monitor_init_qmp(Chardev *chr, char **errp)
{
    QMPMonitor *m = g_new0(QMPMonitor, 1);

    if (!qemu_chr_fe_init(&m->chr, chr, errp)) {
        g_free(m);
        return false;
    }
    m->inbuf = g_string_new(NULL);
    if (!qmp_monitors) {
        qmp_monitors = g_ptr_array_new();
    }
    g_ptr_array_add(qmp_monitors, m);
    if (!events_hooked) {
        qemu_add_vm_change_state_handler(qmp_vm_state_change, NULL);
        qemu_register_reset(qmp_reset_notify, NULL);
        events_hooked = true;
    }
    qemu_chr_fe_set_handlers(&m->chr, qmp_can_read, qmp_read, qmp_event, m);
    return true;
}
