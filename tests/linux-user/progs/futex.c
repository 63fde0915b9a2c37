/*
 * Many threads contending on futexes, qemu-i386 vs native; every printed
 * value is exact (no timings, no orderings that depend on scheduling):
 * - 32 threads on one mutex (glibc's futex fast/slow paths), a bounded
 *   buffer with two condition variables, a barrier reused over many phases,
 *   a reader/writer lock, a priority-inheritance mutex (FUTEX_LOCK_PI /
 *   FUTEX_UNLOCK_PI), a robust mutex whose owner exits (the robust list of
 *   set_robust_list: EOWNERDEAD for the next locker), a process-shared
 *   robust mutex held by a thread of a child that calls exit();
 * - the raw futex operations: WAIT with a timeout, WAIT on a changed word,
 *   WAKE counts, CMP_REQUEUE, WAKE_OP, WAIT_BITSET with an absolute
 *   CLOCK_MONOTONIC deadline, futex_time64;
 * - each thread's TLS and pthread_self() stay its own across signal
 *   handlers (a signal return reloads %gs from the GDT, whose TLS entries
 *   are per thread).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NT 32

static long futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts, uint32_t *uaddr2,
                  uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAILED: %s\n", what);
    }
}

/* ---- one mutex, 32 threads ---- */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t counter;
static uint32_t per_thread[NT];

static void *bump(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int i = 0; i < 3000; i++) {
        pthread_mutex_lock(&mu);
        counter += (uint64_t)id + 1;
        per_thread[id]++;
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

/* ---- bounded buffer ---- */
#define QCAP 4
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static int queue[QCAP], qhead, qlen;

static void put(int v)
{
    pthread_mutex_lock(&qmu);
    while (qlen == QCAP) {
        pthread_cond_wait(&not_full, &qmu);
    }
    queue[(qhead + qlen++) % QCAP] = v;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&qmu);
}

static int get(void)
{
    pthread_mutex_lock(&qmu);
    while (qlen == 0) {
        pthread_cond_wait(&not_empty, &qmu);
    }
    int v = queue[qhead];
    qhead = (qhead + 1) % QCAP;
    qlen--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&qmu);
    return v;
}

static void *producer(void *arg)
{
    int base = (int)(intptr_t)arg * 10000;
    for (int i = 1; i <= 1000; i++) {
        put(base + i);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    int64_t *sum = arg;
    for (;;) {
        int v = get();
        if (v < 0) {
            return NULL;
        }
        *sum += v;
    }
}

/* ---- barrier phases ---- */
static pthread_barrier_t bar;
static int phase_value[NT];
static int phase_errors;

static void *phases(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int p = 0; p < 200; p++) {
        phase_value[id] = p;
        pthread_barrier_wait(&bar);
        /* Everyone wrote phase p before anyone passed the barrier. */
        for (int j = 0; j < NT; j++) {
            if (phase_value[j] != p) {
                __atomic_fetch_add(&phase_errors, 1, __ATOMIC_RELAXED);
            }
        }
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

/* ---- rwlock ---- */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static uint32_t table[64];
static int torn_reads;

static void *rw_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int i = 0; i < 2000; i++) {
        if ((i + id) % 8 == 0) {
            pthread_rwlock_wrlock(&rw);
            for (int j = 0; j < 64; j++) {
                table[j]++;
            }
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            for (int j = 1; j < 64; j++) {
                if (table[j] != table[0]) {
                    __atomic_fetch_add(&torn_reads, 1, __ATOMIC_RELAXED);
                }
            }
            pthread_rwlock_unlock(&rw);
        }
    }
    return NULL;
}

/* ---- PI mutex ---- */
static pthread_mutex_t pi_mu;
static uint32_t pi_counter;

static void *pi_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2000; i++) {
        pthread_mutex_lock(&pi_mu);
        uint32_t v = pi_counter;
        if (i % 100 == 0) {
            sched_yield(); /* hold it a while: contention reaches the kernel */
        }
        pi_counter = v + 1;
        pthread_mutex_unlock(&pi_mu);
    }
    return NULL;
}

/* ---- robust mutex ---- */
static pthread_mutex_t robust_mu;

static void *die_holding(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust_mu);
    return NULL; /* exits with the mutex held */
}

/* A thread of a forked child takes a shared robust mutex and ends the
 * process with exit(): exit_group's threads release their robust futexes. */
static pthread_mutex_t *shared_mu;

static void *lock_and_exit(void *arg)
{
    (void)arg;
    pthread_mutex_lock(shared_mu);
    exit(3);
}

static void robust_across_exit_group(void)
{
    shared_mu = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(shared_mu, &ma);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_t t;
        pthread_create(&t, NULL, lock_and_exit, NULL);
        pthread_join(t, NULL);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    int e = pthread_mutex_lock(shared_mu);
    printf("shared robust mutex after the child's exit(%d): %s\n", WEXITSTATUS(st),
           e == EOWNERDEAD ? "EOWNERDEAD" : strerror(e));
}

/* ---- raw futex operations ---- */
static uint32_t word1, word2;
static int woken;

typedef struct Waiter {
    uint32_t *word;
    pid_t tid;
    pthread_t th;
} Waiter;

static void *raw_waiter(void *arg)
{
    Waiter *wt = arg;
    __atomic_store_n(&wt->tid, (pid_t)syscall(SYS_gettid), __ATOMIC_SEQ_CST);
    long r = futex(wt->word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    if (r == 0 || errno == EAGAIN) {
        __atomic_fetch_add(&woken, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

/* True once the thread sleeps in futex() on the word: /proc's syscall file
 * shows the number (240 for an i386 process, 202 for the host thread of an
 * emulator) and the address (an emulator adds its guest base, a multiple
 * of the page size, so the offsets in the page are compared). */
static int asleep_on(const Waiter *wt)
{
    pid_t tid = __atomic_load_n(&wt->tid, __ATOMIC_SEQ_CST);
    if (tid == 0) {
        return 0;
    }
    char path[64], buf[256];
    snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)tid);
    FILE *f = fopen(path, "r");
    if (!f) {
        return -1;
    }
    long nr = -1;
    unsigned long long addr = 0;
    int n = fgets(buf, sizeof(buf), f) ? sscanf(buf, "%ld %llx", &nr, &addr) : 0;
    fclose(f);
    return n == 2 && (nr == 240 || nr == 202) && (addr & 0xfff) == ((uintptr_t)wt->word & 0xfff);
}

static void start_waiters(Waiter *wt, int n)
{
    for (int i = 0; i < n; i++) {
        wt[i].tid = 0;
        pthread_create(&wt[i].th, NULL, raw_waiter, &wt[i]);
    }
    struct timespec ts = { 0, 5 * 1000 * 1000 };
    for (int tries = 0; tries < 4000; tries++) {
        int all = 1, unknown = 0;
        for (int i = 0; i < n; i++) {
            int a = asleep_on(&wt[i]);
            all &= a == 1;
            unknown |= a < 0;
        }
        if (all || (unknown && tries > 100)) {
            break;
        }
        nanosleep(&ts, NULL);
    }
}

static void raw_ops(void)
{
    struct timespec ts = { 0, 30 * 1000 * 1000 };
    uint32_t w = 0;
    long r = futex(&w, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);
    printf("futex wait timeout: %ld errno %s\n", r, r ? strerror(errno) : "-");
    r = futex(&w, FUTEX_WAIT_PRIVATE, 1, &ts, NULL, 0);
    printf("futex wait on a changed word: %ld errno %s\n", r, r ? strerror(errno) : "-");
    r = futex(&w, FUTEX_WAKE_PRIVATE, 5, NULL, NULL, 0);
    printf("futex wake nobody: %ld\n", r);
    r = futex((uint32_t *)((char *)&w + 1), FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    printf("futex unaligned: %ld errno %s\n", r, r ? strerror(errno) : "-");

    /* CMP_REQUEUE: wake 1 of 6 waiters on word1, move the rest to word2. */
    Waiter wt[6];
    word1 = word2 = 0;
    woken = 0;
    for (int i = 0; i < 6; i++) {
        wt[i].word = &word1;
    }
    start_waiters(wt, 6);
    r = futex(&word1, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)(uintptr_t)INT_MAX, &word2, 1);
    printf("cmp_requeue with a stale value: %ld errno %s\n", r, r < 0 ? strerror(errno) : "-");
    long moved = futex(&word1, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)(uintptr_t)INT_MAX, &word2, 0);
    printf("cmp_requeue: woken + requeued %ld\n", moved);
    while (__atomic_load_n(&woken, __ATOMIC_SEQ_CST) < 1) {
        sched_yield();
    }
    long on_word1 = futex(&word1, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
    long on_word2 = futex(&word2, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
    for (int i = 0; i < 6; i++) {
        pthread_join(wt[i].th, NULL);
    }
    printf("after requeue: left on word1 %ld, woken on word2 %ld, all woke %d\n", on_word1, on_word2, woken);

    /* WAKE_OP: word2 += 5 (old value compared: was 0 == 0) wakes on both. */
    word1 = word2 = 0;
    woken = 0;
    wt[0].word = &word1;
    wt[1].word = &word2;
    start_waiters(wt, 2);
    r = futex(&word1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &word2,
              FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_EQ, 0));
    pthread_join(wt[0].th, NULL);
    pthread_join(wt[1].th, NULL);
    printf("wake_op: %ld woken, word2 %u\n", r, word2);

    /* WAIT_BITSET with an absolute CLOCK_MONOTONIC deadline in the past and
     * 20 ms ahead; a wake with a disjoint bitset wakes nobody. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    w = 0;
    r = futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 0, &now, NULL, FUTEX_BITSET_MATCH_ANY);
    printf("wait_bitset past deadline: %ld errno %s\n", r, r ? strerror(errno) : "-");
    now.tv_nsec += 20 * 1000 * 1000;
    if (now.tv_nsec >= 1000000000) {
        now.tv_sec++;
        now.tv_nsec -= 1000000000;
    }
    r = futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 0, &now, NULL, 0x0f);
    printf("wait_bitset deadline: %ld errno %s\n", r, r ? strerror(errno) : "-");
    r = futex(&w, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0xf0);
    printf("wake_bitset disjoint: %ld\n", r);
    r = futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 0, &now, NULL, 0);
    printf("wait_bitset empty mask: %ld errno %s\n", r, r ? strerror(errno) : "-");

#ifdef SYS_futex_time64
    /* The time64 form takes a struct __kernel_timespec (two 64-bit words). */
    struct { int64_t sec, nsec; } ts64 = { 0, 10 * 1000 * 1000 };
    r = syscall(SYS_futex_time64, &w, FUTEX_WAIT_PRIVATE, 0, &ts64, NULL, 0);
    printf("futex_time64 wait timeout: %ld errno %s\n", r, r ? strerror(errno) : "-");
    ts64.nsec = 2000000000LL;
    r = syscall(SYS_futex_time64, &w, FUTEX_WAIT_PRIVATE, 0, &ts64, NULL, 0);
    printf("futex_time64 bad timeout: %ld errno %s\n", r, r ? strerror(errno) : "-");
#endif
}

/* ---- TLS and pthread_self across signal handlers ---- */
static __thread int my_id = -1;
static __thread volatile int handled;
static pthread_t selves[NT];
static int tls_errors;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
    if (my_id < 0 || !pthread_equal(pthread_self(), selves[my_id])) {
        __atomic_fetch_add(&tls_errors, 1, __ATOMIC_RELAXED);
    }
}

static pthread_barrier_t sig_bar;

static void *tls_worker(void *arg)
{
    my_id = (int)(intptr_t)arg;
    selves[my_id] = pthread_self();
    pthread_barrier_wait(&sig_bar); /* every thread has its TLS */
    for (int i = 0; i < 20; i++) {
        raise(SIGUSR1);
        if (!pthread_equal(pthread_self(), selves[my_id]) || my_id != (int)(intptr_t)arg) {
            __atomic_fetch_add(&tls_errors, 1, __ATOMIC_RELAXED);
        }
    }
    pthread_barrier_wait(&sig_bar);
    return (void *)(intptr_t)handled;
}

static void tls_across_signals(void)
{
    signal(SIGUSR1, on_usr1);
    pthread_barrier_init(&sig_bar, NULL, NT);
    pthread_t th[NT];
    my_id = 0;
    selves[0] = pthread_self();
    for (int i = 1; i < NT; i++) {
        pthread_create(&th[i], NULL, tls_worker, (void *)(intptr_t)i);
    }
    pthread_barrier_wait(&sig_bar);
    for (int i = 0; i < 20; i++) {
        raise(SIGUSR1);
    }
    int ok_main = pthread_equal(pthread_self(), selves[0]) && my_id == 0;
    pthread_barrier_wait(&sig_bar);
    int total = handled;
    for (int i = 1; i < NT; i++) {
        void *h;
        pthread_join(th[i], &h);
        total += (int)(intptr_t)h;
    }
    printf("signals handled %d, main thread still itself %d, TLS errors %d\n", total, ok_main, tls_errors);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_t th[NT];

    for (int i = 0; i < NT; i++) {
        pthread_create(&th[i], NULL, bump, (void *)(intptr_t)i);
    }
    for (int i = 0; i < NT; i++) {
        pthread_join(th[i], NULL);
    }
    int all = 1;
    for (int i = 0; i < NT; i++) {
        all &= per_thread[i] == 3000;
    }
    printf("mutex: counter %llu, every thread 3000: %d\n", (unsigned long long)counter, all);

    int64_t sums[8] = { 0 };
    for (int i = 0; i < 8; i++) {
        pthread_create(&th[i], NULL, consumer, &sums[i]);
    }
    for (int i = 0; i < 16; i++) {
        pthread_create(&th[8 + i], NULL, producer, (void *)(intptr_t)i);
    }
    for (int i = 0; i < 16; i++) {
        pthread_join(th[8 + i], NULL);
    }
    for (int i = 0; i < 8; i++) {
        put(-1);
    }
    int64_t total = 0;
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
        total += sums[i];
    }
    printf("bounded buffer: sum %lld\n", (long long)total);

    pthread_barrier_init(&bar, NULL, NT);
    for (int i = 0; i < NT; i++) {
        pthread_create(&th[i], NULL, phases, (void *)(intptr_t)i);
    }
    for (int i = 0; i < NT; i++) {
        pthread_join(th[i], NULL);
    }
    pthread_barrier_destroy(&bar);
    printf("barrier: 200 phases, errors %d\n", phase_errors);

    for (int i = 0; i < 16; i++) {
        pthread_create(&th[i], NULL, rw_worker, (void *)(intptr_t)i);
    }
    for (int i = 0; i < 16; i++) {
        pthread_join(th[i], NULL);
    }
    printf("rwlock: table[0] %u table[63] %u torn reads %d\n", table[0], table[63], torn_reads);

    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    int e = pthread_mutexattr_setprotocol(&ma, PTHREAD_PRIO_INHERIT);
    check(e == 0, "setprotocol");
    pthread_mutex_init(&pi_mu, &ma);
    for (int i = 0; i < 8; i++) {
        pthread_create(&th[i], NULL, pi_worker, NULL);
    }
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
    }
    printf("PI mutex: counter %u, trylock %d\n", pi_counter, pthread_mutex_trylock(&pi_mu));
    pthread_mutex_unlock(&pi_mu);

    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust_mu, &ma);
    pthread_create(&th[0], NULL, die_holding, NULL);
    pthread_join(th[0], NULL);
    e = pthread_mutex_lock(&robust_mu);
    printf("robust mutex after its owner died: %s\n", e == EOWNERDEAD ? "EOWNERDEAD" : strerror(e));
    if (e == EOWNERDEAD) {
        printf("consistent: %d\n", pthread_mutex_consistent(&robust_mu));
    }
    int unlocked = pthread_mutex_unlock(&robust_mu);
    int relocked = pthread_mutex_lock(&robust_mu);
    printf("unlock: %d, relock: %d\n", unlocked, relocked);
    pthread_mutex_unlock(&robust_mu);

    /* A PI + robust mutex: the kernel's PI state handles the owner's death. */
    pthread_mutexattr_setprotocol(&ma, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&robust_mu, &ma);
    pthread_create(&th[0], NULL, die_holding, NULL);
    pthread_join(th[0], NULL);
    e = pthread_mutex_lock(&robust_mu);
    printf("robust PI mutex after its owner died: %s\n", e == EOWNERDEAD ? "EOWNERDEAD" : strerror(e));

    robust_across_exit_group();
    raw_ops();
    tls_across_signals();
    printf("done\n");
    return 0;
}
