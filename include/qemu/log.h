/*
 * Debug logging: the -d item masks and the -D log file, shared by both
 * products.  Messages go to stderr unless -D names a file.
 */
#ifndef QEMU_LOG_H
#define QEMU_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum {
    CPU_LOG_TB_OUT_ASM = 1 << 0, /* out_asm: generated host code */
    CPU_LOG_TB_IN_ASM  = 1 << 1, /* in_asm: guest code of each new TB */
    CPU_LOG_TB_OP      = 1 << 2, /* op: IR before optimisation */
    CPU_LOG_TB_OP_OPT  = 1 << 3, /* op_opt: IR after optimisation */
    CPU_LOG_INT        = 1 << 4, /* int: interrupts and exceptions */
    CPU_LOG_EXEC       = 1 << 5, /* exec: every TB executed */
    CPU_LOG_TB_CPU     = 1 << 6, /* cpu: CPU state before each TB */
    LOG_UNIMP          = 1 << 7, /* unimp: unimplemented functionality */
    LOG_GUEST_ERROR    = 1 << 8, /* guest_errors: guest misbehaviour */
    LOG_STRACE         = 1 << 9, /* strace: linux-user system calls */
    CPU_LOG_PAGE       = 1 << 10, /* page: page mappings */
    CPU_LOG_MMU        = 1 << 11, /* mmu: TLB fills */
    CPU_LOG_TB_NOCHAIN = 1 << 12, /* nochain: do not chain TBs */
};

extern int qemu_loglevel;
extern FILE *qemu_logfile;

static inline bool qemu_loglevel_mask(int mask)
{
    return (qemu_loglevel & mask) != 0;
}

/* Parses a comma-separated -d list; returns the mask or -1 for a bad item. */
int qemu_str_to_log_mask(const char *str);

/* Prints the -d items and what they log. */
void qemu_print_log_usage(FILE *f);

/* Sets the -D file ("-" or NULL: stderr).  Returns false if it cannot be opened. */
bool qemu_set_log_filename(const char *filename);

void qemu_set_log(int mask);

void qemu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define qemu_log_mask(mask, ...)             \
    do {                                     \
        if (qemu_loglevel_mask(mask)) {      \
            qemu_log(__VA_ARGS__);           \
        }                                    \
    } while (0)

/* The stream log output goes to (the -D file or stderr). */
FILE *qemu_log_stream(void);

#endif
