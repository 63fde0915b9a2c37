/* Clocks and timers: see include/qemu/timer.h. */
#include <time.h>

#include "qemu/timer.h"

typedef struct QEMUClock {
    QEMUTimer *active;           /* sorted by expire_time */
} QEMUClock;

static QEMUClock clocks[QEMU_CLOCK_MAX];

/* Virtual clock bookkeeping: virtual = monotonic - offset while running. */
static bool vm_ticking = true;
static bool offset_valid;
static int64_t vclock_offset;
static int64_t vclock_frozen;     /* the value while stopped */

static bool qtest_mode;
static int64_t qtest_now;

void (*qemu_timer_notify_cb)(void);

int64_t get_clock(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

int64_t get_clock_realtime(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

static int64_t virtual_now(void)
{
    if (qtest_mode) {
        return qtest_now;
    }
    if (!offset_valid) {
        /* The virtual clock starts at 0 when first read. */
        vclock_offset = get_clock();
        offset_valid = true;
    }
    if (!vm_ticking) {
        return vclock_frozen;
    }
    return get_clock() - vclock_offset;
}

int64_t qemu_clock_get_ns(QEMUClockType type)
{
    switch (type) {
    case QEMU_CLOCK_VIRTUAL:
        return virtual_now();
    case QEMU_CLOCK_HOST:
        return get_clock_realtime();
    case QEMU_CLOCK_REALTIME:
    default:
        return get_clock();
    }
}

void cpu_enable_ticks(void)
{
    if (!vm_ticking) {
        vclock_offset = get_clock() - vclock_frozen;
        offset_valid = true;
        vm_ticking = true;
    }
}

void cpu_disable_ticks(void)
{
    if (vm_ticking) {
        vclock_frozen = virtual_now();
        vm_ticking = false;
    }
}

void timer_init_full(QEMUTimer *ts, QEMUClockType type, int scale, QEMUTimerCB *cb,
                     void *opaque)
{
    ts->type = type;
    ts->scale = scale;
    ts->cb = cb;
    ts->opaque = opaque;
    ts->expire_time = -1;
    ts->next = NULL;
}

QEMUTimer *timer_new_full(QEMUClockType type, int scale, QEMUTimerCB *cb, void *opaque)
{
    QEMUTimer *ts = g_new0(QEMUTimer, 1);

    timer_init_full(ts, type, scale, cb, opaque);
    return ts;
}

void timer_del(QEMUTimer *ts)
{
    QEMUTimer **p = &clocks[ts->type].active;

    while (*p) {
        if (*p == ts) {
            *p = ts->next;
            break;
        }
        p = &(*p)->next;
    }
    ts->next = NULL;
    ts->expire_time = -1;
}

void timer_free(QEMUTimer *ts)
{
    if (ts) {
        timer_del(ts);
        g_free(ts);
    }
}

void timer_mod_ns(QEMUTimer *ts, int64_t expire_time)
{
    QEMUTimer **p;
    bool first;

    timer_del(ts);
    if (expire_time < 0) {
        expire_time = 0;
    }
    ts->expire_time = expire_time;
    p = &clocks[ts->type].active;
    while (*p && (*p)->expire_time <= expire_time) {
        p = &(*p)->next;
    }
    first = p == &clocks[ts->type].active;
    ts->next = *p;
    *p = ts;
    if (first && qemu_timer_notify_cb) {
        qemu_timer_notify_cb();
    }
}

void timer_mod(QEMUTimer *ts, int64_t expire_time)
{
    timer_mod_ns(ts, expire_time * ts->scale);
}

bool timer_pending(const QEMUTimer *ts)
{
    return ts->expire_time >= 0;
}

int64_t timer_expire_time_ns(const QEMUTimer *ts)
{
    return ts->expire_time;
}

static bool clock_running(QEMUClockType type)
{
    return type != QEMU_CLOCK_VIRTUAL || (!qtest_mode && vm_ticking);
}

bool qemu_clock_run_timers(QEMUClockType type)
{
    QEMUClock *c = &clocks[type];
    int64_t now = qemu_clock_get_ns(type);
    bool ran = false;

    while (c->active && c->active->expire_time <= now) {
        QEMUTimer *ts = c->active;
        c->active = ts->next;
        ts->next = NULL;
        ts->expire_time = -1;
        ts->cb(ts->opaque);
        ran = true;
    }
    return ran;
}

bool qemu_clock_run_all_timers(void)
{
    bool ran = false;

    for (int t = 0; t < QEMU_CLOCK_MAX; t++) {
        if (clock_running(t)) {
            ran |= qemu_clock_run_timers(t);
        }
    }
    return ran;
}

int64_t qemu_clock_next_deadline(QEMUClockType type)
{
    return clocks[type].active ? clocks[type].active->expire_time : -1;
}

int64_t qemu_timer_deadline_ns(void)
{
    int64_t best = -1;

    for (int t = 0; t < QEMU_CLOCK_MAX; t++) {
        int64_t d;
        if (!clock_running(t) || !clocks[t].active) {
            continue;
        }
        d = clocks[t].active->expire_time - qemu_clock_get_ns(t);
        if (d < 0) {
            d = 0;
        }
        if (best < 0 || d < best) {
            best = d;
        }
    }
    return best;
}

/* ---- The glib source ---- */

static gboolean timer_source_prepare(GSource *source, gint *timeout)
{
    int64_t d = qemu_timer_deadline_ns();

    if (d < 0) {
        *timeout = -1;
        return FALSE;
    }
    if (d == 0) {
        *timeout = 0;
        return TRUE;
    }
    /* Round up so we never wake before the deadline. */
    *timeout = (gint)MIN((d + SCALE_MS - 1) / SCALE_MS, (int64_t)G_MAXINT);
    return FALSE;
}

static gboolean timer_source_check(GSource *source)
{
    return qemu_timer_deadline_ns() == 0;
}

static gboolean timer_source_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    qemu_clock_run_all_timers();
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs timer_source_funcs = {
    .prepare = timer_source_prepare,
    .check = timer_source_check,
    .dispatch = timer_source_dispatch,
};

GSource *qemu_timer_source_new(void)
{
    return g_source_new(&timer_source_funcs, sizeof(GSource));
}

void qemu_timer_attach_source(void)
{
    static GSource *src;

    if (!src) {
        src = qemu_timer_source_new();
        g_source_attach(src, NULL);
    }
}

/* ---- qtest ---- */

void qtest_clock_enable(void)
{
    if (!qtest_mode) {
        qtest_now = 0;
        qtest_mode = true;
    }
}

bool qtest_clock_enabled(void)
{
    return qtest_mode;
}

int64_t qtest_clock_set(int64_t target_ns)
{
    QEMUClock *c = &clocks[QEMU_CLOCK_VIRTUAL];

    while (c->active && c->active->expire_time <= target_ns) {
        QEMUTimer *ts = c->active;
        if (ts->expire_time > qtest_now) {
            qtest_now = ts->expire_time;
        }
        c->active = ts->next;
        ts->next = NULL;
        ts->expire_time = -1;
        ts->cb(ts->opaque);
    }
    if (target_ns > qtest_now) {
        qtest_now = target_ns;
    }
    return qtest_now;
}

int64_t qtest_clock_step(int64_t step_ns)
{
    if (step_ns < 0) {
        int64_t d = qemu_clock_next_deadline(QEMU_CLOCK_VIRTUAL);
        if (d < 0) {
            return qtest_now;
        }
        return qtest_clock_set(d);
    }
    return qtest_clock_set(qtest_now + step_ns);
}
