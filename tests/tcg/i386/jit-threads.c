/*
 * Threads that generate code and run it while other threads do the same:
 * each of 4 threads writes thousands of distinct little functions into
 * its own executable buffer, calls each, and folds the results into a
 * checksum.  Under an emulator this translates far more code than a small
 * code buffer holds, so the buffer is flushed again and again while other
 * threads are running translated code (the test runs it with
 * Q86_TB_SIZE=256k).  While they run, the main thread forks a child that
 * does the same work alone: the child inherits the other threads' CPUs in
 * the emulator's state and must not wait for them at its own flushes.
 * The output depends only on the generated code.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS 4
#define FUNCS 4000
#define SLOT 64            /* bytes per generated function */

typedef uint32_t (*fn_t)(uint32_t);

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s;
}

/* f(x): a chain of ADD/XOR/ROL/IMUL with constants from the seed. */
static int emit(uint8_t *p, uint32_t *seed)
{
    int n = 0;
    p[n++] = 0x8b; p[n++] = 0x44; p[n++] = 0x24; p[n++] = 0x04;   /* mov 4(%esp),%eax */
    int ops = 3 + (int)(lcg(seed) % 6);
    for (int i = 0; i < ops; i++) {
        uint32_t k = lcg(seed);
        switch (k % 4) {
        case 0:
            p[n++] = 0x05;                                        /* add $imm,%eax */
            memcpy(p + n, &k, 4);
            n += 4;
            break;
        case 1:
            p[n++] = 0x35;                                        /* xor $imm,%eax */
            memcpy(p + n, &k, 4);
            n += 4;
            break;
        case 2:
            p[n++] = 0xc1; p[n++] = 0xc0; p[n++] = (uint8_t)(1 + (k >> 8) % 31); /* rol */
            break;
        default:
            p[n++] = 0x69; p[n++] = 0xc0;                         /* imul $imm,%eax,%eax */
            k |= 1;
            memcpy(p + n, &k, 4);
            n += 4;
            break;
        }
    }
    p[n++] = 0xc3;                                                /* ret */
    return n;
}

struct job {
    int id;
    uint32_t sum;
};

static void *worker(void *arg)
{
    struct job *j = arg;
    uint8_t *buf = mmap(NULL, FUNCS * SLOT, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        perror("mmap");
        return NULL;
    }
    uint32_t seed = 0x1234u + (uint32_t)j->id * 7919u, sum = (uint32_t)j->id;
    for (int round = 0; round < 3; round++) {
        for (int f = 0; f < FUNCS; f++) {
            emit(buf + f * SLOT, &seed);
        }
        for (int f = 0; f < FUNCS; f++) {
            sum = sum * 31u + ((fn_t)(void *)(buf + f * SLOT))(sum ^ (uint32_t)f);
        }
        /* run the whole set again: some of it was flushed meanwhile */
        for (int f = FUNCS - 1; f >= 0; f -= 3) {
            sum ^= ((fn_t)(void *)(buf + f * SLOT))(sum + (uint32_t)f);
        }
    }
    munmap(buf, FUNCS * SLOT);
    j->sum = sum;
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    struct job jobs[THREADS];

    for (int i = 0; i < THREADS; i++) {
        jobs[i].id = i;
        jobs[i].sum = 0;
        if (pthread_create(&t[i], NULL, worker, &jobs[i]) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    pid_t pid = fork();
    if (pid == 0) {
        struct job alone = { 99, 0 };
        worker(&alone);
        printf("forked child: %08x\n", alone.sum);
        fflush(stdout);
        _exit(0);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("child status %d\n", status);
    for (int i = 0; i < THREADS; i++) {
        printf("thread %d: %08x\n", i, jobs[i].sum);
    }
    return 0;
}
