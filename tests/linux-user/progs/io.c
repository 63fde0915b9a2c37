/*
 * I/O multiplexing, event descriptors, sockets and the time64 syscalls
 * under qemu-i386 vs native:
 * - sockets through socketcall(2) (what old i386 libcs use) and through the
 *   direct calls (socket, socketpair, bind, getsockname, sendto, recvfrom,
 *   sendmsg/recvmsg with SCM_RIGHTS, shutdown, setsockopt/getsockopt);
 * - select, pselect6 with a signal mask, poll, ppoll, epoll (level and
 *   edge triggered, EPOLLONESHOT, epoll_pwait);
 * - eventfd (counter and semaphore mode), timerfd (relative and absolute,
 *   periodic, gettime), signalfd;
 * - the time64 calls invoked directly: clock_gettime64, clock_getres_time64,
 *   clock_nanosleep_time64, timerfd_settime64/gettime64, ppoll_time64,
 *   pselect6_time64, utimensat_time64 with a timestamp past 2038,
 *   futex_time64 is in futex.c;
 * - ioctls beyond the terminal: FIONREAD, FIOCLEX, FICLONE (cp's reflink
 *   attempt), FS_IOC_GETFLAGS (whose i386 number differs from x86-64's).
 * Only values that are the same on every run are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* linux/net.h socketcall numbers */
#define SC_SOCKET 1
#define SC_BIND 2
#define SC_GETSOCKNAME 6
#define SC_SOCKETPAIR 8
#define SC_SEND 9
#define SC_RECV 10
#define SC_SENDTO 11
#define SC_RECVFROM 12
#define SC_SHUTDOWN 13
#define SC_SETSOCKOPT 14
#define SC_GETSOCKOPT 15

/* The 64-bit time layout of the *_time64 calls. */
struct ts64 {
    int64_t sec, nsec;
};
struct its64 {
    struct ts64 interval, value;
};

static const char *err(long r)
{
    return r < 0 ? strerror(errno) : "ok";
}

static void via_socketcall(void)
{
    long sv[2];
    int fds[2];
    long args[6] = { AF_UNIX, SOCK_STREAM, 0, (long)fds };
    long r = syscall(SYS_socketcall, SC_SOCKETPAIR, args);
    printf("socketcall socketpair: %ld\n", r);
    sv[0] = fds[0];
    sv[1] = fds[1];
    long send_args[4] = { sv[0], (long)"hello", 5, 0 };
    r = syscall(SYS_socketcall, SC_SEND, send_args);
    char buf[16] = { 0 };
    long recv_args[4] = { sv[1], (long)buf, sizeof(buf), 0 };
    long n = syscall(SYS_socketcall, SC_RECV, recv_args);
    printf("socketcall send %ld recv %ld '%s'\n", r, n, buf);
    int one = 1, val = 0;
    socklen_t len = sizeof(val);
    long so_args[5] = { sv[0], SOL_SOCKET, SO_KEEPALIVE, (long)&one, sizeof(one) };
    long gso_args[5] = { sv[0], SOL_SOCKET, SO_KEEPALIVE, (long)&val, (long)&len };
    long r1 = syscall(SYS_socketcall, SC_SETSOCKOPT, so_args);
    long r2 = syscall(SYS_socketcall, SC_GETSOCKOPT, gso_args);
    printf("socketcall setsockopt %ld getsockopt %ld value %d len %u\n", r1, r2, val != 0, len);
    long sh_args[2] = { sv[0], SHUT_WR };
    r = syscall(SYS_socketcall, SC_SHUTDOWN, sh_args);
    n = syscall(SYS_socketcall, SC_RECV, recv_args);
    printf("socketcall shutdown %ld, recv after it %ld\n", r, n);
    long bad[2] = { 0, 0 };
    r = syscall(SYS_socketcall, 99, bad);
    printf("socketcall bad call: %ld %s\n", r, err(r));
    close(fds[0]);
    close(fds[1]);

    /* UDP on loopback: socket, bind, getsockname, sendto, recvfrom. */
    long sargs[3] = { AF_INET, SOCK_DGRAM, 0 };
    long s1 = syscall(SYS_socketcall, SC_SOCKET, sargs);
    long s2 = syscall(SYS_socketcall, SC_SOCKET, sargs);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    long bargs[3] = { s1, (long)&a, sizeof(a) };
    r = syscall(SYS_socketcall, SC_BIND, bargs);
    socklen_t alen = sizeof(a);
    long gargs[3] = { s1, (long)&a, (long)&alen };
    long g = syscall(SYS_socketcall, SC_GETSOCKNAME, gargs);
    long toargs[6] = { s2, (long)"datagram", 8, 0, (long)&a, sizeof(a) };
    long sent = syscall(SYS_socketcall, SC_SENDTO, toargs);
    struct sockaddr_in from;
    socklen_t flen = sizeof(from);
    memset(buf, 0, sizeof(buf));
    long fromargs[6] = { s1, (long)buf, sizeof(buf), 0, (long)&from, (long)&flen };
    long got = syscall(SYS_socketcall, SC_RECVFROM, fromargs);
    printf("socketcall udp: bind %ld getsockname %ld port set %d sent %ld got %ld '%s' from loopback %d\n", r,
           g, a.sin_port != 0, sent, got, buf, from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    close((int)s1);
    close((int)s2);
}

static void direct_sockets(void)
{
#ifdef SYS_socketpair
    int sv[2];
    long r = syscall(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, sv);
    printf("direct socketpair: %ld\n", r);
    /* Pass a descriptor with SCM_RIGHTS. */
    int p[2];
    pipe(p);
    write(p[1], "through", 7);
    char data = 'x';
    struct iovec iov = { &data, 1 };
    union {
        struct cmsghdr h;
        char b[CMSG_SPACE(sizeof(int))];
    } cm;
    memset(&cm, 0, sizeof(cm));
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cm.b, .msg_controllen = sizeof(cm.b) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &p[0], sizeof(int));
    long s = syscall(SYS_sendmsg, sv[0], &m, 0);
    char rdata = 0;
    struct iovec riov = { &rdata, 1 };
    union {
        struct cmsghdr h;
        char b[CMSG_SPACE(sizeof(int))];
    } rcm;
    struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rcm.b, .msg_controllen = sizeof(rcm.b) };
    long rr = syscall(SYS_recvmsg, sv[1], &rm, 0);
    struct cmsghdr *rc = CMSG_FIRSTHDR(&rm);
    int passed = -1;
    if (rc && rc->cmsg_type == SCM_RIGHTS) {
        memcpy(&passed, CMSG_DATA(rc), sizeof(int));
    }
    char buf[16] = { 0 };
    ssize_t n = passed >= 0 ? read(passed, buf, sizeof(buf) - 1) : -1;
    printf("direct sendmsg %ld recvmsg %ld data %c, SCM_RIGHTS fd reads %zd '%s'\n", s, rr, rdata, n, buf);
    close(p[0]);
    close(p[1]);
    if (passed >= 0) {
        close(passed);
    }
    close(sv[0]);
    close(sv[1]);

    long fd = syscall(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    int fl = fcntl((int)fd, F_GETFL), fdfl = fcntl((int)fd, F_GETFD);
    printf("direct socket: nonblock %d cloexec %d\n", (fl & O_NONBLOCK) != 0, (fdfl & FD_CLOEXEC) != 0);
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    snprintf(un.sun_path, sizeof(un.sun_path), "/nonexistent-dir/q86-sock");
    r = syscall(SYS_connect, fd, &un, sizeof(un));
    printf("connect to a missing path: %ld %s\n", r, err(r));
    close((int)fd);
#endif
}

static volatile int got_usr1;
static void on_usr1(int sig)
{
    (void)sig;
    got_usr1++;
}

static void multiplexing(void)
{
    int p[2];
    pipe(p);
    fd_set rf;
    FD_ZERO(&rf);
    FD_SET(p[0], &rf);
    struct timeval tv = { 0, 10000 };
    int r = select(p[0] + 1, &rf, NULL, NULL, &tv);
    printf("select on an empty pipe: %d\n", r);
    write(p[1], "a", 1);
    FD_ZERO(&rf);
    FD_SET(p[0], &rf);
    fd_set wf;
    FD_ZERO(&wf);
    FD_SET(p[1], &wf);
    tv.tv_sec = 1;
    r = select(p[1] + 1, &rf, &wf, NULL, &tv);
    printf("select: %d readable %d writable %d\n", r, FD_ISSET(p[0], &rf), FD_ISSET(p[1], &wf));

    /* pselect6 unblocks SIGUSR1 only while waiting: the pending one
     * interrupts it. */
    signal(SIGUSR1, on_usr1);
    sigset_t block, none;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    sigemptyset(&none);
    char c;
    read(p[0], &c, 1);
    FD_ZERO(&rf);
    FD_SET(p[0], &rf);
    struct timespec ts = { 5, 0 };
    r = pselect(p[0] + 1, &rf, NULL, NULL, &ts, &none);
    printf("pselect interrupted: %d %s, handler ran %d\n", r, r < 0 ? strerror(errno) : "-", got_usr1);
    raise(SIGUSR1);
    struct pollfd pf = { p[0], POLLIN, 0 };
    r = ppoll(&pf, 1, &ts, &none);
    printf("ppoll interrupted: %d %s, handler ran %d\n", r, r < 0 ? strerror(errno) : "-", got_usr1);
    sigprocmask(SIG_UNBLOCK, &block, NULL);

    struct pollfd pfs[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    r = poll(pfs, 2, 0);
    printf("poll: %d revents %x %x\n", r, pfs[0].revents, pfs[1].revents);
    close(p[1]);
    r = poll(pfs, 1, 1000);
    printf("poll after the writer closed: %d revents %x\n", r, pfs[0].revents);
    close(p[0]);

    /* epoll: level-triggered reports again, edge-triggered once per change,
     * ONESHOT until re-armed. */
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int lt[2], et[2], os[2];
    pipe(lt);
    pipe(et);
    pipe(os);
    struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 1 };
    epoll_ctl(ep, EPOLL_CTL_ADD, lt[0], &ev);
    ev = (struct epoll_event){ .events = EPOLLIN | EPOLLET, .data.u32 = 2 };
    epoll_ctl(ep, EPOLL_CTL_ADD, et[0], &ev);
    ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u32 = 3 };
    epoll_ctl(ep, EPOLL_CTL_ADD, os[0], &ev);
    write(lt[1], "x", 1);
    write(et[1], "x", 1);
    write(os[1], "x", 1);
    for (int round = 0; round < 2; round++) {
        struct epoll_event out[8];
        int n = epoll_wait(ep, out, 8, 0);
        unsigned mask = 0;
        for (int i = 0; i < n; i++) {
            mask |= 1u << out[i].data.u32;
        }
        printf("epoll round %d: %d ready, mask %x\n", round, n, mask);
    }
    ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u32 = 3 };
    epoll_ctl(ep, EPOLL_CTL_MOD, os[0], &ev);
    struct epoll_event out[8];
    sigset_t empty;
    sigemptyset(&empty);
    int n = epoll_pwait(ep, out, 8, 100, &empty);
    unsigned mask = 0;
    for (int i = 0; i < n; i++) {
        mask |= 1u << out[i].data.u32;
    }
    printf("epoll_pwait after re-arming: %d ready, mask %x\n", n, mask);
    printf("epoll_ctl on a deleted fd: %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, 1000, NULL) < 0 ? errno : 0);
    close(ep);
    close(lt[0]), close(lt[1]), close(et[0]), close(et[1]), close(os[0]), close(os[1]);
}

static void event_fds(void)
{
    int e = eventfd(3, EFD_NONBLOCK);
    uint64_t v = 4;
    write(e, &v, 8);
    read(e, &v, 8);
    printf("eventfd counter: %llu\n", (unsigned long long)v);
    ssize_t r = read(e, &v, 8);
    printf("eventfd empty: %zd %s\n", r, strerror(errno));
    close(e);
    e = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    uint64_t a = 0, b = 0, c = 0;
    read(e, &a, 8);
    read(e, &b, 8);
    r = read(e, &c, 8);
    printf("eventfd semaphore: %llu %llu then %zd\n", (unsigned long long)a, (unsigned long long)b, r);
    close(e);

    int t = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = { { 0, 5 * 1000 * 1000 }, { 0, 5 * 1000 * 1000 } };
    timerfd_settime(t, 0, &its, NULL);
    uint64_t exp = 0, total = 0;
    while (total < 3) {
        read(t, &exp, 8);
        total += exp;
    }
    struct itimerspec cur;
    timerfd_gettime(t, &cur);
    printf("timerfd periodic: at least 3 expirations %d, interval kept %ld ns\n", total >= 3,
           cur.it_interval.tv_nsec);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    its = (struct itimerspec){ { 0, 0 }, now };
    its.it_value.tv_nsec += 1000000;
    if (its.it_value.tv_nsec >= 1000000000) {
        its.it_value.tv_sec++;
        its.it_value.tv_nsec -= 1000000000;
    }
    timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL);
    read(t, &exp, 8);
    printf("timerfd absolute: %llu expiration\n", (unsigned long long)exp);
    close(t);

    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    sigprocmask(SIG_BLOCK, &s, NULL);
    int sf = signalfd(-1, &s, SFD_NONBLOCK);
    struct signalfd_siginfo si;
    r = read(sf, &si, sizeof(si));
    printf("signalfd empty: %zd %s\n", r, strerror(errno));
    kill(getpid(), SIGUSR2);
    r = read(sf, &si, sizeof(si));
    printf("signalfd: %zd bytes, signo %u, from us %d\n", r, si.ssi_signo, (pid_t)si.ssi_pid == getpid());
    close(sf);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void time64(void)
{
#ifdef SYS_clock_gettime64
    struct ts64 t = { 0, 0 }, res = { 0, 0 };
    long r = syscall(SYS_clock_gettime64, CLOCK_REALTIME, &t);
    struct timespec t32;
    clock_gettime(CLOCK_REALTIME, &t32);
    printf("clock_gettime64: %ld, agrees with clock_gettime %d\n", r, t.sec - t32.tv_sec <= 0 && t32.tv_sec - t.sec < 5);
    r = syscall(SYS_clock_getres_time64, CLOCK_MONOTONIC, &res);
    printf("clock_getres_time64: %ld sec %lld nsec>0 %d\n", r, (long long)res.sec, res.nsec > 0);
    struct ts64 d = { 0, 2 * 1000 * 1000 };
    r = syscall(SYS_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &d, NULL);
    printf("clock_nanosleep_time64: %ld\n", r);
    d.nsec = -1;
    r = syscall(SYS_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &d, NULL);
    printf("clock_nanosleep_time64 bad: %ld (%d)\n", r, r < 0 ? errno : 0);

    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct its64 its = { { 1, 0 }, { 100, 0 } }, old, cur;
    r = syscall(SYS_timerfd_settime64, tfd, 0, &its, &old);
    long r2 = syscall(SYS_timerfd_gettime64, tfd, &cur);
    printf("timerfd_settime64 %ld gettime64 %ld: interval %lld, value in (99,100] %d\n", r, r2,
           (long long)cur.interval.sec, cur.value.sec == 99 || (cur.value.sec == 100 && cur.value.nsec == 0));
    close(tfd);

    int p[2];
    pipe(p);
    struct pollfd pf = { p[0], POLLIN, 0 };
    struct ts64 z = { 0, 1000000 };
    r = syscall(SYS_ppoll_time64, &pf, 1, &z, NULL, 8);
    printf("ppoll_time64 timeout: %ld\n", r);
    write(p[1], "a", 1);
    r = syscall(SYS_ppoll_time64, &pf, 1, &z, NULL, 8);
    printf("ppoll_time64 ready: %ld revents %x\n", r, pf.revents);
    fd_set rf;
    FD_ZERO(&rf);
    FD_SET(p[0], &rf);
    r = syscall(SYS_pselect6_time64, p[0] + 1, &rf, NULL, NULL, &z, NULL);
    printf("pselect6_time64: %ld\n", r);
    close(p[0]);
    close(p[1]);

    /* A timestamp past 2038 needs the 64-bit form. */
    char name[] = "/tmp/q86-time64-XXXXXX";
    int fd = mkstemp(name);
    struct ts64 times[2] = { { 4102444800LL, 5 }, { 4102444800LL + 86400, 7 } }; /* 2100-01-01 */
    r = syscall(SYS_utimensat_time64, AT_FDCWD, name, times, 0);
    struct statx sx;
    long s = syscall(SYS_statx, AT_FDCWD, name, 0, STATX_MTIME | STATX_ATIME, &sx);
    printf("utimensat_time64: %ld, statx %ld: mtime %lld.%u atime %lld.%u\n", r, s, (long long)sx.stx_mtime.tv_sec,
           sx.stx_mtime.tv_nsec, (long long)sx.stx_atime.tv_sec, sx.stx_atime.tv_nsec);
    struct stat st;
    r = stat(name, &st);
    printf("32-bit stat of it: %ld %s\n", (long)r, err(r));
    close(fd);
    unlink(name);
#endif
}

static void ioctls(void)
{
    int p[2];
    pipe(p);
    write(p[1], "12345", 5);
    int n = -1;
    int r = ioctl(p[0], FIONREAD, &n);
    printf("FIONREAD: %d, %d bytes\n", r, n);
    r = ioctl(p[0], FIOCLEX);
    printf("FIOCLEX: %d, cloexec %d\n", r, (fcntl(p[0], F_GETFD) & FD_CLOEXEC) != 0);
    close(p[0]);
    close(p[1]);
    char name[] = "/tmp/q86-ioctl-XXXXXX";
    int fd = mkstemp(name);
    write(fd, "data", 4);
    int flags = -1;
    r = ioctl(fd, FS_IOC_GETFLAGS, &flags);
    printf("FS_IOC_GETFLAGS: %d %s, flags %x\n", r, err(r), r == 0 ? flags : 0);
    char copy[sizeof(name) + 5];
    snprintf(copy, sizeof(copy), "%s.copy", name);
    int d = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    r = ioctl(d, FICLONE, fd);
    printf("FICLONE: %d %s\n", r, err(r));
    r = ioctl(fd, TCGETS, &flags);
    printf("TCGETS on a file: %d %s\n", r, err(r));
    close(d);
    close(fd);
    unlink(copy);
    unlink(name);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    via_socketcall();
    direct_sockets();
    multiplexing();
    event_fds();
    time64();
    ioctls();
    /* No such syscall: ENOSYS (tests/linux-user/strace.sh looks for it in
     * the emulator's -strace and -d unimp output). */
    long r = syscall(1000, 1, 2, 3);
    printf("syscall 1000: %ld %s\n", r, err(r));
    printf("done\n");
    return 0;
}
