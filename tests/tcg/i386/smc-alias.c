/*
 * Code modified through a second virtual mapping of the same memory, the
 * dual-mapping scheme JITs use for W^X: a memfd is mapped once writable and
 * once executable; the program writes through the writable view and runs
 * the executable view.  The processor detects self-modifying code by
 * physical address (SDM Vol. 3A 11.6), so the new code runs natively; an
 * emulator that only watches writes to the executable view's own pages runs
 * stale translations.
 */
#include "common.h"
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef uint32_t (*fn0)(void);

int main(void)
{
    setup_stdout();
    long pg = sysconf(_SC_PAGESIZE);
    int fd = syscall(SYS_memfd_create, "smc-alias", 0);
    if (fd < 0 || ftruncate(fd, pg) != 0) {
        perror("memfd_create");
        return 2;
    }
    uint8_t *w = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    uint8_t *x = mmap(NULL, pg, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (w == MAP_FAILED || x == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 50; i++) {
        w[0] = 0xb8;                 /* mov $imm, %eax; ret */
        memcpy(w + 1, &i, 4);
        w[5] = 0xc3;
        uint32_t r = ((fn0)x)();
        sum += r;
        if (i < 3 || r != i) {
            printf("run %u: %u\n", i, r);
        }
    }
    printf("sum %u\n", sum);
    return 0;
}
