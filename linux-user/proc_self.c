/*
 * /proc/self files that describe the guest rather than the emulator: a
 * guest opening /proc/self/maps gets its own mappings (glibc's
 * pthread_getattr_np looks its stack up there), generated from the page
 * flags into an anonymous file.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/qemu.h"

static bool is_self_file(const char *path, const char *name)
{
    char own[64];
    snprintf(own, sizeof(own), "/proc/%d/%s", getpid(), name);
    char self[64];
    snprintf(self, sizeof(self), "/proc/self/%s", name);
    return strcmp(path, self) == 0 || strcmp(path, own) == 0;
}

static void write_maps(FILE *f)
{
    const ImageInfo *info = &guest_image;
    uint64_t start = 0;
    int cur = 0;
    for (uint64_t a = 0; a <= TARGET_TASK_SIZE; a += TARGET_PAGE_SIZE) {
        int fl = a < TARGET_TASK_SIZE ? page_get_flags((uint32_t)a) : 0;
        fl &= PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_WRITE_ORG;
        if (fl == cur) {
            continue;
        }
        if (cur & PAGE_VALID) {
            const char *name = "";
            if (start <= info->sp && info->sp < a) {
                name = "[stack]";
            } else if (start >= info->start_brk && start < target_brk(0) + TARGET_PAGE_SIZE &&
                       info->start_brk) {
                name = "[heap]";
            } else if (start <= info->entry && info->entry < a) {
                name = exec_path;
            }
            fprintf(f, "%08x-%08x %c%c%cp 00000000 00:00 0%s%s\n", (uint32_t)start, (uint32_t)a,
                    (cur & (PAGE_READ | PAGE_WRITE | PAGE_EXEC)) ? 'r' : '-',
                    (cur & (PAGE_WRITE | PAGE_WRITE_ORG)) ? 'w' : '-',
                    (cur & PAGE_EXEC) ? 'x' : '-', *name ? "          " : "", name);
        }
        start = a;
        cur = fl;
    }
}

int open_guest_proc_file(const char *path)
{
    if (!is_self_file(path, "maps")) {
        return -1;
    }
    int fd = (int)syscall(SYS_memfd_create, "maps", 0);
    if (fd < 0) {
        return -1;
    }
    FILE *f = fdopen(dup(fd), "w");
    if (!f) {
        close(fd);
        return -1;
    }
    write_maps(f);
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}
