/*
 * Threads under qemu-i386 vs native: pthread_create/join with results,
 * mutex + condition variable hand-off, per-thread errno and TLS, mmap/
 * munmap from several threads at once, a signal sent to one thread with
 * pthread_kill, a detached thread, pthread_exit of the main thread's
 * helpers, and exit() from a secondary thread ending the process.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 4

static __thread int tls_value;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn;
static char turn_log[N][64];  /* printed after the joins: output order is fixed */

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    tls_value = id * 10;
    /* take turns in id order */
    pthread_mutex_lock(&mu);
    while (turn != id) {
        pthread_cond_wait(&cv, &mu);
    }
    snprintf(turn_log[turn], sizeof(turn_log[0]), "turn %d tls %d own tid %d", id, tls_value,
             syscall(SYS_gettid) != getpid());
    turn++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    /* mappings from several threads at once */
    int ok = 1;
    for (int i = 0; i < 200; i++) {
        char *p = mmap(NULL, 8192 * (1 + id), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            ok = 0;
            break;
        }
        memset(p, id, 8192 * (1 + id));
        for (int k = 0; k < 8192 * (1 + id); k += 4096) {
            ok &= p[k] == id;
        }
        munmap(p, 8192 * (1 + id));
    }
    errno = id;
    return (void *)(intptr_t)(ok && errno == id && tls_value == id * 10 ? 100 + id : -1);
}

static volatile int usr1_tid;
static void on_usr1(int sig)
{
    usr1_tid = (int)syscall(SYS_gettid);
}

static void *waiter(void *arg)
{
    int *tid = arg;
    *tid = (int)syscall(SYS_gettid);
    while (!usr1_tid) {
        usleep(1000);
    }
    return NULL;
}

static void *exiter(void *arg)
{
    usleep(10000);
    exit(9);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_t th[N];
    for (int i = 0; i < N; i++) {
        pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
    }
    intptr_t res[N];
    for (int i = 0; i < N; i++) {
        void *r;
        pthread_join(th[i], &r);
        res[i] = (intptr_t)r;
    }
    for (int i = 0; i < N; i++) {
        printf("%s\n", turn_log[i]);
    }
    for (int i = 0; i < N; i++) {
        printf("thread %d returned %d\n", i, (int)res[i]);
    }

    signal(SIGUSR1, on_usr1);
    volatile int wtid = 0;
    pthread_t w;
    pthread_create(&w, NULL, waiter, (void *)&wtid);
    while (!wtid) {
        usleep(1000);
    }
    pthread_kill(w, SIGUSR1);
    pthread_join(w, NULL);
    printf("signal handled by the target thread: %d\n", usr1_tid == wtid);

    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_t d;
    printf("detached create: %d\n", pthread_create(&d, &a, waiter, (void *)&wtid));

    pid_t pid = fork();
    if (pid == 0) {
        pthread_t e;
        pthread_create(&e, NULL, exiter, NULL);
        pause();
        _exit(1);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("exit() from a thread: exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
    return 0;
}
