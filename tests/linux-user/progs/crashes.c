/*
 * How a guest dies, under qemu-i386 vs native: each case runs in a child
 * and the parent prints the wait status.  Stack overflow, calls to address
 * 0 and to the page above TASK_SIZE, stores there and at the top of the
 * address space, a bad %gs selector, abort(); and code rewritten after
 * mprotect (the translation of the old code must not survive).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int recurse(int n)
{
    volatile char buf[1024];
    buf[0] = (char)n;
    return recurse(n + 1) + buf[0];
}

static void run_case(int k)
{
    switch (k) {
    case 0: recurse(0); break;
    case 1: ((void (*)(void))0)(); break;
    case 2: ((void (*)(void))0xffffe000)(); break;
    case 3: *(volatile int *)0xffffe000 = 1; break;
    case 4: *(volatile int *)0xfffffffc = 1; break;
    case 5: asm volatile("movl $0x1234, %%eax; movw %%ax, %%gs" ::: "eax"); break;
    case 6: abort();
    case 7: exit(5);
    }
}

static const char *const names[] = {
    "stack overflow", "call 0", "call 0xffffe000", "store 0xffffe000", "store 0xfffffffc",
    "bad %gs selector", "abort", "exit(5)",
};

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int k = 0; k < 8; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            run_case(k);
            _exit(0);
        }
        int st;
        waitpid(pid, &st, 0);
        printf("%s: %s %d\n", names[k], WIFSIGNALED(st) ? "signal" : "exit",
               WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
    }

    /* Rewritten code runs its new version. */
    unsigned char *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static const unsigned char ret1[] = { 0xb8, 1, 0, 0, 0, 0xc3 }; /* mov $1,%eax; ret */
    memcpy(p, ret1, sizeof(ret1));
    mprotect(p, 4096, PROT_READ | PROT_EXEC);
    int a = ((int (*)(void))p)();
    mprotect(p, 4096, PROT_READ | PROT_WRITE);
    p[1] = 2;
    mprotect(p, 4096, PROT_READ | PROT_EXEC);
    int b = ((int (*)(void))p)();
    munmap(p, 4096);
    p = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(p, ret1, sizeof(ret1));
    p[1] = 3;
    int c = ((int (*)(void))p)();
    printf("rewritten code: %d %d %d\n", a, b, c);
    return 0;
}
