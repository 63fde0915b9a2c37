/*
 * Memory syscalls under qemu-i386 vs native: mmap (anonymous, file-backed
 * private and shared, fixed, fixed-noreplace), mprotect with the SIGSEGV
 * it causes (SEGV_ACCERR, si_addr), munmap (SEGV_MAPERR), mremap, madvise,
 * brk/sbrk, SIGBUS past the end of a file mapping.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SHOW(label, expr) do { errno = 0; long r_ = (long)(expr); \
        printf("%s: %ld errno %d\n", label, r_, r_ < 0 ? errno : 0); } while (0)

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(jb, 1);
}

/* Touches p (write or read) and reports the fault, if any. */
static void probe(const char *what, volatile char *p, int write)
{
    got_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        if (write) {
            *p = 1;
        } else {
            (void)*p;
        }
        printf("%s: no fault\n", what);
    } else {
        printf("%s: signal %d code %d addr %s\n", what, got_sig, got_code,
               got_addr == (void *)p ? "=p" : "!=p");
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    long pg = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", pg);

    /* anonymous */
    char *a = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap anon ok %d aligned %d zero %d\n", a != MAP_FAILED, ((uintptr_t)a % pg) == 0,
           a[0] == 0 && a[4 * pg - 1] == 0);
    memset(a, 0x5a, 4 * pg);
    probe("write rw", a, 1);
    mprotect(a + pg, pg, PROT_READ);
    probe("write ro page", a + pg + 5, 1);
    probe("read ro page", a + pg + 5, 0);
    mprotect(a + pg, pg, PROT_NONE);
    probe("read none page", a + pg + 7, 0);
    mprotect(a + pg, pg, PROT_READ | PROT_WRITE);
    printf("data kept across mprotect: %d\n", a[pg + 7] == 0x5a);
    SHOW("mprotect unaligned", mprotect(a + 1, pg, PROT_READ));
    munmap(a + 2 * pg, pg);
    probe("read unmapped", a + 2 * pg + 9, 0);
    probe("neighbour still mapped", a + 3 * pg, 1);

    /* madvise(DONTNEED) zeroes private anonymous memory */
    a[0] = 7;
    SHOW("madvise", madvise(a, pg, MADV_DONTNEED));
    printf("after DONTNEED: %d\n", a[0]);

    /* mremap grow (may move) keeps data */
    char *b = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(b, "remap me");
    char *c = mremap(b, pg, 16 * pg, MREMAP_MAYMOVE);
    printf("mremap ok %d data '%s' tail zero %d\n", c != MAP_FAILED, c, c[15 * pg] == 0);
    c = mremap(c, 16 * pg, 2 * pg, 0);
    printf("mremap shrink ok %d\n", c != MAP_FAILED);
    probe("after shrink", c + 3 * pg, 0);

    /* MAP_FIXED and MAP_FIXED_NOREPLACE */
    char *d = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    d[0] = 1;
    char *e = mmap(d, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED same addr %d zeroed %d\n", e == d, d[0] == 0);
    errno = 0;
    e = mmap(d, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("MAP_FIXED_NOREPLACE on used: %s errno %d\n", e == MAP_FAILED ? "failed" : "mapped",
           errno);
    SHOW("mmap len 0", (long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    SHOW("mmap bad fd", (long)mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 1000, 0));

    /* file-backed */
    char path[] = "/tmp/q86-mem-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    char content[100];
    for (int i = 0; i < 100; i++) {
        content[i] = (char)('a' + i % 26);
    }
    write(fd, content, 100);
    char *f = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("file map: '%.10s' past end zero %d\n", f, f[100] == 0 && f[pg - 1] == 0);
    f[0] = 'X';
    char r[4] = { 0 };
    pread(fd, r, 3, 0);
    printf("private write not in file: '%s'\n", r);
    char *s = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    s[1] = 'Y';
    pread(fd, r, 3, 0);
    printf("shared write in file: '%s'\n", r);
    char *big = mmap(NULL, 3 * pg, PROT_READ, MAP_SHARED, fd, 0);
    probe("SIGBUS past EOF", big + 2 * pg, 0);
    close(fd);

    /* brk */
    char *b0 = sbrk(0);
    char *b1 = sbrk(3 * pg + 5);
    printf("sbrk returns old %d\n", b1 == b0);
    memset(b1, 1, 3 * pg + 5);
    sbrk(-(3 * pg + 5));
    printf("brk back %d\n", sbrk(0) == b0);
    char *b2 = sbrk(pg);
    printf("regrown zero %d\n", b2[10] == 0 && b2[pg - 1] == 0);
    void *m = malloc(1 << 20);
    memset(m, 3, 1 << 20);
    printf("malloc 1M ok %d\n", m != NULL);
    free(m);

    /* protections of our own code and data */
    probe("write to code", (char *)main, 1);
    printf("done\n");
    return 0;
}
