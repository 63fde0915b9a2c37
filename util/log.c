/* The -d / -D debug log shared by qemu-i386 and qemu-system-i386. */
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#include "qemu/log.h"

int qemu_loglevel;
FILE *qemu_logfile;

static const struct {
    const char *name;
    int mask;
    const char *help;
} log_items[] = {
    { "out_asm", CPU_LOG_TB_OUT_ASM, "show generated host assembly code for each compiled TB" },
    { "in_asm", CPU_LOG_TB_IN_ASM, "show target assembly code for each compiled TB" },
    { "op", CPU_LOG_TB_OP, "show micro ops for each compiled TB" },
    { "op_opt", CPU_LOG_TB_OP_OPT, "show micro ops after optimization" },
    { "int", CPU_LOG_INT, "show interrupts/exceptions in short format" },
    { "exec", CPU_LOG_EXEC, "show trace before each executed TB (lots of logs)" },
    { "cpu", CPU_LOG_TB_CPU, "show CPU registers before entering a TB (lots of logs)" },
    { "mmu", CPU_LOG_MMU, "log MMU-related activities" },
    { "pcall", 0, "accepted for compatibility; logs nothing yet" },
    { "cpu_reset", 0, "accepted for compatibility; logs nothing yet" },
    { "unimp", LOG_UNIMP, "log unimplemented functionality" },
    { "guest_errors", LOG_GUEST_ERROR, "log when the guest OS does something invalid (eg accessing a non-existent register)" },
    { "page", CPU_LOG_PAGE, "dump pages at beginning of user mode emulation" },
    { "nochain", CPU_LOG_TB_NOCHAIN, "do not chain compiled TBs so that \"exec\" and \"cpu\" show complete traces" },
    { "strace", LOG_STRACE, "log every user-mode syscall, its input, and its result" },
};

int qemu_str_to_log_mask(const char *str)
{
    int mask = 0;
    char *copy = strdup(str);
    char *save = NULL;

    if (!copy) {
        return -1;
    }
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        bool found = false;
        if (strcmp(tok, "all") == 0) {
            for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
                mask |= log_items[i].mask;
            }
            /* As in QEMU, "all" leaves out the per-TB trace items. */
            mask &= ~(CPU_LOG_EXEC | CPU_LOG_TB_CPU | CPU_LOG_TB_NOCHAIN);
            continue;
        }
        for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
            if (strcmp(tok, log_items[i].name) == 0) {
                mask |= log_items[i].mask;
                found = true;
                break;
            }
        }
        if (!found) {
            free(copy);
            return -1;
        }
    }
    free(copy);
    return mask;
}

void qemu_print_log_usage(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
        fprintf(f, "%-15s %s\n", log_items[i].name, log_items[i].help);
    }
}

bool qemu_set_log_filename(const char *filename)
{
    FILE *f;

    if (!filename || strcmp(filename, "-") == 0) {
        if (qemu_logfile && qemu_logfile != stderr) {
            fclose(qemu_logfile);
        }
        qemu_logfile = NULL;
        return true;
    }
    f = fopen(filename, "w");
    if (!f) {
        return false;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    if (qemu_logfile && qemu_logfile != stderr) {
        fclose(qemu_logfile);
    }
    qemu_logfile = f;
    return true;
}

void qemu_set_log(int mask)
{
    qemu_loglevel = mask;
}

FILE *qemu_log_stream(void)
{
    return qemu_logfile ? qemu_logfile : stderr;
}

void qemu_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(qemu_log_stream(), fmt, ap);
    va_end(ap);
}
