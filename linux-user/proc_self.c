/*
 * /proc/self files that describe the guest rather than the emulator: a
 * guest opening /proc/self/maps gets its own mappings (glibc's
 * pthread_getattr_np looks its stack up there), generated from the page
 * flags into an anonymous file; /proc/self/cmdline and /proc/self/auxv come
 * from the guest's initial stack (the emulator's would show qemu-i386);
 * /proc/self/stat is the host's with the guest's comm, size and layout
 * fields (ps and glibc's pthread_getattr_np read it).
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
            } else if (start == GUEST_VSYSCALL_ADDR && info->vsyscall) {
                name = "[vdso]";
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

/* Bytes of guest memory mapped (for vsize). */
static uint64_t guest_mapped_bytes(void)
{
    uint64_t total = 0;
    for (uint64_t a = 0; a < TARGET_TASK_SIZE; a += TARGET_PAGE_SIZE) {
        if (page_get_flags((uint32_t)a) & PAGE_VALID) {
            total += TARGET_PAGE_SIZE;
        }
    }
    return total;
}

/* proc(5) field numbers of /proc/PID/stat that describe the address space. */
enum {
    STAT_VSIZE = 23, STAT_STARTCODE = 26, STAT_ENDCODE = 27, STAT_STARTSTACK = 28,
    STAT_KSTKESP = 29, STAT_KSTKEIP = 30, STAT_START_DATA = 45, STAT_END_DATA = 46,
    STAT_START_BRK = 47, STAT_ARG_START = 48, STAT_ARG_END = 49, STAT_ENV_START = 50,
    STAT_ENV_END = 51,
};

static void write_stat(FILE *f)
{
    char host[2048];
    FILE *h = fopen("/proc/self/stat", "r");
    size_t n = h ? fread(host, 1, sizeof(host) - 1, h) : 0;
    if (h) {
        fclose(h);
    }
    host[n] = '\0';
    char *close_paren = strrchr(host, ')');
    if (!close_paren || close_paren[1] != ' ') {
        return;
    }
    /* comm: the host thread's name, which main.c set to the guest's. */
    fwrite(host, 1, (size_t)(close_paren + 1 - host), f);
    const ImageInfo *info = &guest_image;
    char *save = NULL;
    int field = 3;
    for (char *tok = strtok_r(close_paren + 2, " \n", &save); tok;
         tok = strtok_r(NULL, " \n", &save), field++) {
        uint64_t v;
        switch (field) {
        case STAT_VSIZE: v = guest_mapped_bytes(); break;
        case STAT_STARTCODE: v = info->start_code; break;
        case STAT_ENDCODE: v = info->end_code; break;
        case STAT_STARTSTACK: v = info->sp; break;
        case STAT_KSTKESP: case STAT_KSTKEIP: v = 0; break;
        case STAT_START_DATA: v = info->start_data; break;
        case STAT_END_DATA: v = info->end_data; break;
        case STAT_START_BRK: v = info->start_brk; break;
        case STAT_ARG_START: v = info->arg_start; break;
        case STAT_ARG_END: v = info->arg_end; break;
        case STAT_ENV_START: v = info->env_start; break;
        case STAT_ENV_END: v = info->env_end; break;
        default:
            fprintf(f, " %s", tok);
            continue;
        }
        fprintf(f, " %llu", (unsigned long long)v);
    }
    fputc('\n', f);
}

int open_guest_proc_file(const char *path)
{
    void (*writer)(FILE *) = is_self_file(path, "maps") ? write_maps
                             : is_self_file(path, "cmdline") ? write_cmdline
                             : is_self_file(path, "auxv") ? write_auxv
                             : is_self_file(path, "stat") ? write_stat : NULL;
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
