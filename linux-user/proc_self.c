/*
 * /proc/self files that describe the guest rather than the emulator: a
 * guest opening /proc/self/maps gets its own mappings (glibc's
 * pthread_getattr_np looks its stack up there), generated from the page
 * flags into an anonymous file; /proc/self/cmdline and /proc/self/auxv come
 * from the guest's initial stack (the emulator's would show qemu-i386).
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

/* argv strings, NUL-separated, as the kernel shows them. */
static void write_cmdline(FILE *f)
{
    const ImageInfo *info = &guest_image;
    if (info->arg_end > info->arg_start &&
        guest_access_ok(info->arg_start, info->arg_end - info->arg_start, false)) {
        fwrite(g2h_untagged(info->arg_start), 1, info->arg_end - info->arg_start, f);
    }
}

/* The auxiliary vector after argv and envp on the initial stack. */
static void write_auxv(FILE *f)
{
    uint32_t p = guest_image.sp, v;
    if (get_user_u32(&v, p) != 0) {
        return;
    }
    p += 4 * (v + 2); /* argc, argv[], NULL */
    while (get_user_u32(&v, p) == 0 && v != 0) {
        p += 4;
    }
    p += 4;
    for (;;) {
        uint32_t kv[2];
        if (copy_from_user(kv, p, sizeof(kv)) != 0) {
            return;
        }
        fwrite(kv, sizeof(kv), 1, f);
        if (kv[0] == 0) {
            return;
        }
        p += 8;
    }
}

int open_guest_proc_file(const char *path)
{
    void (*writer)(FILE *) = is_self_file(path, "maps") ? write_maps
                             : is_self_file(path, "cmdline") ? write_cmdline
                             : is_self_file(path, "auxv") ? write_auxv : NULL;
    if (!writer) {
        return -1;
    }
    int fd = (int)syscall(SYS_memfd_create, "proc-self", 0);
    if (fd < 0) {
        return -1;
    }
    FILE *f = fdopen(dup(fd), "w");
    if (!f) {
        close(fd);
        return -1;
    }
    writer(f);
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}
