/* The main loop and the big lock (see qemu/main-loop.h). */
#include <pthread.h>

#include <glib.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"

static pthread_mutex_t bql = PTHREAD_MUTEX_INITIALIZER;
static __thread bool bql_held;
static GPollFunc default_poll;

void bql_lock(void)
{
    g_assert(!bql_held);
    pthread_mutex_lock(&bql);
    bql_held = true;
}

void bql_unlock(void)
{
    g_assert(bql_held);
    bql_held = false;
    pthread_mutex_unlock(&bql);
}

bool bql_locked(void)
{
    return bql_held;
}

/* Sleeping in poll() without the lock lets vCPU threads do device work. */
static gint poll_without_bql(GPollFD *fds, guint nfds, gint timeout)
{
    gint ret;

    bql_unlock();
    ret = default_poll(fds, nfds, timeout);
    bql_lock();
    return ret;
}

/* A vCPU arming an earlier timer (a PIT or APIC timer write) must cut the
 * main loop's current poll() short; the main loop itself recomputes its
 * timeout before every poll anyway. */
static __thread bool main_loop_thread;

static void timer_armed_elsewhere(void)
{
    if (!main_loop_thread) {
        qemu_notify_event();
    }
}

void qemu_main_loop_init(void)
{
    GMainContext *ctx = g_main_context_default();

    default_poll = g_main_context_get_poll_func(ctx);
    g_main_context_set_poll_func(ctx, poll_without_bql);
    main_loop_thread = true;
    qemu_timer_notify_cb = timer_armed_elsewhere;
    bql_lock();
}

void qemu_main_loop_run(bool (*should_exit)(void))
{
    while (!should_exit()) {
        g_main_context_iteration(NULL, TRUE);
    }
}

void qemu_notify_event(void)
{
    g_main_context_wakeup(NULL);
}
