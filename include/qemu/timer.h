/*
 * Clocks and timers.
 *
 * QEMU_CLOCK_REALTIME: host monotonic time; runs always.
 * QEMU_CLOCK_HOST:     host wall-clock time (the RTC's default base).
 * QEMU_CLOCK_VIRTUAL:  the guest's time; drives device timers.  It follows
 *                      host monotonic time while the VM runs and stands still
 *                      while it is stopped.  Under qtest it moves only when
 *                      the test says so (qtest_clock_step / qtest_clock_set).
 *
 * A timer fires its callback from the main loop once its clock reaches the
 * expire time.  Callbacks may re-arm or delete any timer.  All calls are
 * made with the big lock held.
 */
#ifndef QEMU_TIMER_H
#define QEMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#define NANOSECONDS_PER_SECOND 1000000000LL

#define SCALE_MS 1000000
#define SCALE_US 1000
#define SCALE_NS 1

typedef enum QEMUClockType {
    QEMU_CLOCK_REALTIME = 0,
    QEMU_CLOCK_VIRTUAL = 1,
    QEMU_CLOCK_HOST = 2,
    QEMU_CLOCK_MAX
} QEMUClockType;

typedef void QEMUTimerCB(void *opaque);

typedef struct QEMUTimer {
    int64_t expire_time;         /* ns; -1 when not pending */
    QEMUClockType type;
    int scale;
    QEMUTimerCB *cb;
    void *opaque;
    struct QEMUTimer *next;      /* in its clock's list, sorted by expire_time */
} QEMUTimer;

int64_t qemu_clock_get_ns(QEMUClockType type);

static inline int64_t qemu_clock_get_us(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_US;
}

static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_MS;
}

/* Host monotonic nanoseconds. */
int64_t get_clock(void);
/* Host wall-clock nanoseconds since the epoch. */
int64_t get_clock_realtime(void);

void timer_init_full(QEMUTimer *ts, QEMUClockType type, int scale, QEMUTimerCB *cb,
                     void *opaque);
QEMUTimer *timer_new_full(QEMUClockType type, int scale, QEMUTimerCB *cb, void *opaque);

static inline QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return timer_new_full(type, SCALE_NS, cb, opaque);
}

static inline QEMUTimer *timer_new_us(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return timer_new_full(type, SCALE_US, cb, opaque);
}

static inline QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return timer_new_full(type, SCALE_MS, cb, opaque);
}

/* Deletes and frees. */
void timer_free(QEMUTimer *ts);
/* Arms the timer for @expire_time in its scale (replacing any earlier arming). */
void timer_mod(QEMUTimer *ts, int64_t expire_time);
void timer_mod_ns(QEMUTimer *ts, int64_t expire_time_ns);
void timer_del(QEMUTimer *ts);
bool timer_pending(const QEMUTimer *ts);
/* In ns; -1 if not pending. */
int64_t timer_expire_time_ns(const QEMUTimer *ts);

/* Runs the expired timers of @type; returns true if any ran. */
bool qemu_clock_run_timers(QEMUClockType type);
bool qemu_clock_run_all_timers(void);
/* Absolute expire time (ns) of the earliest timer on @type, or -1. */
int64_t qemu_clock_next_deadline(QEMUClockType type);
/* Nanoseconds until the earliest timer of any running clock, or -1. */
int64_t qemu_timer_deadline_ns(void);

/*
 * The virtual clock and the run state: while the VM is stopped the virtual
 * clock stands still.
 */
void cpu_enable_ticks(void);
void cpu_disable_ticks(void);

/*
 * Told when a timer is armed earlier than the main loop's current wait
 * (so it can wake up).  The main loop may set it; the default does nothing.
 */
extern void (*qemu_timer_notify_cb)(void);

/*
 * A glib source that runs timers when they expire; attach it to the main
 * loop's context (qemu_timer_attach_source() uses the default context).
 */
GSource *qemu_timer_source_new(void);
void qemu_timer_attach_source(void);

/* ---- qtest ---- */

/* From now on the virtual clock moves only by qtest_clock_step/set. */
void qtest_clock_enable(void);
bool qtest_clock_enabled(void);
/*
 * Advances the virtual clock to @target_ns, firing every timer that expires
 * up to it in order (with the clock set to each timer's deadline while it
 * runs).  Returns the new clock value.
 */
int64_t qtest_clock_set(int64_t target_ns);
/* @step_ns < 0: up to the next deadline (nothing happens if there is none). */
int64_t qtest_clock_step(int64_t step_ns);

#endif
