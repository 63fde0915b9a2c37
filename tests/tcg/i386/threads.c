/*
 * LOCKed read-modify-write instructions from several threads at once, and
 * per-thread TLS through %gs.  Totals are deterministic exactly when each
 * instruction is atomic (SDM Vol. 3A 8.1.2.2 "Software Controlled Bus
 * Locking": LOCK makes the read-modify-write atomic; XCHG with memory is
 * locked implicitly).
 *   - LOCK INC, LOCK XADD, LOCK CMPXCHG retry loop, LOCK CMPXCHG8B 64-bit
 *     counter, and a plain counter protected by an XCHG spinlock;
 *   - each thread's __thread variable, accessed through %gs, stays its own.
 */
#include "common.h"
#include <pthread.h>

#define NTHREADS 4
#define ITERS 200000

static uint32_t c_inc, c_xadd, c_cas, c_plain, spin;
static uint64_t c_cas8 __attribute__((aligned(8)));
__thread uint32_t mine; /* global: referenced from asm */
static uint32_t tls_ok[NTHREADS];
static pthread_barrier_t start;

static void *worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    mine = id * 1000;
    pthread_barrier_wait(&start);   /* all threads contend from the start */
    for (uint32_t i = 0; i < ITERS; i++) {
        asm volatile("lock; incl %0" : "+m"(c_inc) : : "cc");
        uint32_t v = 3;
        asm volatile("lock; xaddl %0, %1" : "+r"(v), "+m"(c_xadd) : : "cc");
        uint32_t old = c_cas, nv;
        do {
            nv = old + 5;
        } while (!__atomic_compare_exchange_n(&c_cas, &old, nv, 0, __ATOMIC_SEQ_CST,
                                               __ATOMIC_SEQ_CST));
        /* 64-bit counter with LOCK CMPXCHG8B */
        uint32_t lo = (uint32_t)c_cas8, hi = (uint32_t)(c_cas8 >> 32);
        for (;;) {
            uint64_t n64 = (((uint64_t)hi << 32) | lo) + 0x100000001ull;
            uint8_t ok;
            asm volatile("lock; cmpxchg8b %[m]\n\tsete %[ok]"
                         : [m] "+m"(c_cas8), "+a"(lo), "+d"(hi), [ok] "=q"(ok)
                         : "b"((uint32_t)n64), "c"((uint32_t)(n64 >> 32)) : "cc", "memory");
            if (ok) {
                break;
            }
        }
        /* XCHG spinlock around a non-atomic increment */
        uint32_t one;
        do {
            one = 1;
            asm volatile("xchgl %0, %1" : "+r"(one), "+m"(spin) : : "memory");
        } while (one);
        c_plain++;
        asm volatile("" : : : "memory");
        asm volatile("movl $0, %0" : "=m"(spin) : : "memory");
        mine++;
    }
    uint32_t via_gs;
    asm volatile("movl %%gs:mine@ntpoff, %0" : "=r"(via_gs));
    tls_ok[id] = mine == id * 1000 + ITERS && via_gs == mine;
    return NULL;
}

int main(void)
{
    setup_stdout();
    pthread_t t[NTHREADS];
    pthread_barrier_init(&start, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("lock inc %u xadd %u cmpxchg %u cmpxchg8b %llx spinlocked %u\n", c_inc, c_xadd, c_cas,
           (unsigned long long)c_cas8, c_plain);
    for (int i = 0; i < NTHREADS; i++) {
        printf("thread %d tls ok %u\n", i, tls_ok[i]);
    }
    return 0;
}
