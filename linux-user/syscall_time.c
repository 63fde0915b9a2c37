/*
 * Time syscalls, with both the 32-bit time_t structures of the old calls
 * and the 64-bit __kernel_timespec of the *_time64 calls glibc prefers.
 */
#include <errno.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/qemu.h"
#include "linux-user/syscall_defs.h"
#include "linux-user/syscall_handlers.h"

static abi_long host_ret(long r)
{
    return r == -1 ? -errno : (abi_long)r;
}

static abi_long get_timespec32(struct timespec *ts, abi_ulong addr)
{
    TargetTimespec32 t;
    if (copy_from_user(&t, addr, sizeof(t)) != 0) {
        return -EFAULT;
    }
    ts->tv_sec = t.tv_sec;
    ts->tv_nsec = t.tv_nsec;
    return 0;
}

/* A time past 2038 cannot be told to a time32 caller (EOVERFLOW). */
static abi_long put_timespec32(abi_ulong addr, const struct timespec *ts)
{
    if (ts->tv_sec != (int32_t)ts->tv_sec) {
        return -EOVERFLOW;
    }
    TargetTimespec32 t = { (int32_t)ts->tv_sec, (int32_t)ts->tv_nsec };
    return copy_to_user(addr, &t, sizeof(t));
}

static abi_long get_timespec64(struct timespec *ts, abi_ulong addr)
{
    TargetTimespec64 t;
    if (copy_from_user(&t, addr, sizeof(t)) != 0) {
        return -EFAULT;
    }
    ts->tv_sec = t.tv_sec;
    /* The upper half of tv_nsec is ignored for compat tasks
     * (get_timespec64 in kernel/time/time.c). */
    ts->tv_nsec = (int32_t)t.tv_nsec;
    return 0;
}

static abi_long put_timespec64(abi_ulong addr, const struct timespec *ts)
{
    TargetTimespec64 t = { ts->tv_sec, ts->tv_nsec };
    return copy_to_user(addr, &t, sizeof(t));
}

SYSCALL_IMPL(time)
{
    time_t t = time(NULL);
    if (a[0] && put_user_u32((uint32_t)t, a[0]) != 0) {
        return -EFAULT;
    }
    return (abi_long)t;
}

SYSCALL_IMPL(gettimeofday)
{
    struct timeval tv;
    struct timezone tz;
    if (gettimeofday(&tv, &tz) != 0) {
        return -errno;
    }
    if (a[0]) {
        TargetTimeval32 t = { (int32_t)tv.tv_sec, (int32_t)tv.tv_usec };
        if (copy_to_user(a[0], &t, sizeof(t)) != 0) {
            return -EFAULT;
        }
    }
    if (a[1] && copy_to_user(a[1], &tz, sizeof(tz)) != 0) {
        return -EFAULT;
    }
    return 0;
}

SYSCALL_IMPL(clock_gettime)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) != 0) {
        return -errno;
    }
    return put_timespec32(a[1], &ts);
}

SYSCALL_IMPL(clock_gettime64)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) != 0) {
        return -errno;
    }
    return put_timespec64(a[1], &ts);
}

SYSCALL_IMPL(clock_getres)
{
    struct timespec ts;
    if (clock_getres((clockid_t)a[0], &ts) != 0) {
        return -errno;
    }
    return a[1] ? put_timespec32(a[1], &ts) : 0;
}

SYSCALL_IMPL(clock_getres_time64)
{
    struct timespec ts;
    if (clock_getres((clockid_t)a[0], &ts) != 0) {
        return -errno;
    }
    return a[1] ? put_timespec64(a[1], &ts) : 0;
}

/* The sleeps return EINTR with the remaining time when a signal handler
 * interrupts them; the handler runs before the guest sees the result. */
static abi_long do_clock_nanosleep(clockid_t clk, int flags, abi_ulong req, abi_ulong rem, bool t64)
{
    struct timespec r, left;
    abi_long e = t64 ? get_timespec64(&r, req) : get_timespec32(&r, req);
    if (e != 0) {
        return e;
    }
    int ret = clock_nanosleep(clk, flags, &r, &left);
    if (ret == EINTR && rem && !(flags & TIMER_ABSTIME)) {
        e = t64 ? put_timespec64(rem, &left) : put_timespec32(rem, &left);
        if (e != 0) {
            return e;
        }
    }
    return -ret;
}

SYSCALL_IMPL(nanosleep)
{
    return do_clock_nanosleep(CLOCK_MONOTONIC, 0, a[0], a[1], false);
}

SYSCALL_IMPL(clock_nanosleep)
{
    return do_clock_nanosleep((clockid_t)a[0], (int)a[1], a[2], a[3], false);
}

SYSCALL_IMPL(clock_nanosleep_time64)
{
    return do_clock_nanosleep((clockid_t)a[0], (int)a[1], a[2], a[3], true);
}

SYSCALL_IMPL(times)
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1) {
        return -errno;
    }
    if (a[0]) {
        TargetTms tt = { (int32_t)t.tms_utime, (int32_t)t.tms_stime, (int32_t)t.tms_cutime,
                         (int32_t)t.tms_cstime };
        if (copy_to_user(a[0], &tt, sizeof(tt)) != 0) {
            return -EFAULT;
        }
    }
    return (abi_long)r;
}

SYSCALL_IMPL(alarm)
{
    return (abi_long)alarm((unsigned)a[0]);
}

static void itimer_to_target(TargetItimerval32 *t, const struct itimerval *h)
{
    t->it_interval.tv_sec = (int32_t)h->it_interval.tv_sec;
    t->it_interval.tv_usec = (int32_t)h->it_interval.tv_usec;
    t->it_value.tv_sec = (int32_t)h->it_value.tv_sec;
    t->it_value.tv_usec = (int32_t)h->it_value.tv_usec;
}

SYSCALL_IMPL(getitimer)
{
    struct itimerval h;
    if (getitimer((int)a[0], &h) != 0) {
        return -errno;
    }
    TargetItimerval32 t;
    itimer_to_target(&t, &h);
    return copy_to_user(a[1], &t, sizeof(t));
}

SYSCALL_IMPL(setitimer)
{
    struct itimerval h = { 0 }, old;
    if (a[1]) {
        TargetItimerval32 t;
        if (copy_from_user(&t, a[1], sizeof(t)) != 0) {
            return -EFAULT;
        }
        h.it_interval.tv_sec = t.it_interval.tv_sec;
        h.it_interval.tv_usec = t.it_interval.tv_usec;
        h.it_value.tv_sec = t.it_value.tv_sec;
        h.it_value.tv_usec = t.it_value.tv_usec;
    }
    if (setitimer((int)a[0], &h, &old) != 0) {
        return -errno;
    }
    if (a[2]) {
        TargetItimerval32 t;
        itimer_to_target(&t, &old);
        return copy_to_user(a[2], &t, sizeof(t));
    }
    return 0;
}

SYSCALL_IMPL(adjtimex)
{
    return -EPERM;
}

SYSCALL_IMPL(stime)
{
    return -EPERM;
}

SYSCALL_IMPL(settimeofday)
{
    return -EPERM;
}

SYSCALL_IMPL(sched_rr_get_interval)
{
    struct timespec ts;
    if (sched_rr_get_interval((pid_t)a[0], &ts) != 0) {
        return -errno;
    }
    return put_timespec32(a[1], &ts);
}

SYSCALL_IMPL(sched_rr_get_interval_time64)
{
    struct timespec ts;
    if (sched_rr_get_interval((pid_t)a[0], &ts) != 0) {
        return -errno;
    }
    return put_timespec64(a[1], &ts);
}

/* Shared with the poll/select/futex code: a guest timeout (NULL: none). */
abi_long get_guest_timespec(struct timespec *ts, abi_ulong addr, bool time64)
{
    return time64 ? get_timespec64(ts, addr) : get_timespec32(ts, addr);
}

abi_long put_guest_timespec(abi_ulong addr, const struct timespec *ts, bool time64)
{
    return time64 ? put_timespec64(addr, ts) : put_timespec32(addr, ts);
}

SYSCALL_IMPL(timerfd_create)
{
    return host_ret(syscall(SYS_timerfd_create, (int)a[0], (int)a[1]));
}

static abi_long do_timerfd_settime(abi_ulong *a, bool t64)
{
    struct itimerspec n, o;
    abi_long e;
    abi_ulong sz = t64 ? 16 : 8;
    if ((e = get_guest_timespec(&n.it_interval, a[2], t64)) != 0 ||
        (e = get_guest_timespec(&n.it_value, a[2] + sz, t64)) != 0) {
        return e;
    }
    if (syscall(SYS_timerfd_settime, (int)a[0], (int)a[1], &n, &o) != 0) {
        return -errno;
    }
    if (a[3]) {
        if ((e = put_guest_timespec(a[3], &o.it_interval, t64)) != 0 ||
            (e = put_guest_timespec(a[3] + sz, &o.it_value, t64)) != 0) {
            return e;
        }
    }
    return 0;
}

static abi_long do_timerfd_gettime(const abi_ulong *a, bool t64)
{
    struct itimerspec o;
    abi_long e;
    abi_ulong sz = t64 ? 16 : 8;
    if (syscall(SYS_timerfd_gettime, (int)a[0], &o) != 0) {
        return -errno;
    }
    if ((e = put_guest_timespec(a[1], &o.it_interval, t64)) != 0 ||
        (e = put_guest_timespec(a[1] + sz, &o.it_value, t64)) != 0) {
        return e;
    }
    return 0;
}

SYSCALL_IMPL(timerfd_settime)
{
    abi_ulong v[4] = { a[0], a[1], a[2], a[3] };
    return do_timerfd_settime(v, false);
}

SYSCALL_IMPL(timerfd_settime64)
{
    abi_ulong v[4] = { a[0], a[1], a[2], a[3] };
    return do_timerfd_settime(v, true);
}

SYSCALL_IMPL(timerfd_gettime)
{
    return do_timerfd_gettime(a, false);
}

SYSCALL_IMPL(timerfd_gettime64)
{
    return do_timerfd_gettime(a, true);
}
