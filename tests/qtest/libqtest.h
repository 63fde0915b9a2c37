/*
 * libqtest: starts qemu-system-i386 under the qtest accelerator and talks
 * to it over the qtest protocol (devices, memory, clock, IRQs) and QMP.
 *
 * The binary is $QTEST_QEMU_BINARY.  Each QTestState is one emulator
 * process; qtest_quit() stops it and fails the test if it crashed.
 * Commands that get a FAIL reply abort the test with the reply.
 */
#ifndef LIBQTEST_H
#define LIBQTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <glib.h>

typedef struct QTestState QTestState;

/* Starts the emulator with the qtest and QMP sockets plus @extra_args. */
QTestState *qtest_init(const char *extra_args);
QTestState *qtest_initf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Stops the emulator (SIGTERM) and waits; fails the test on a crash. */
void qtest_quit(QTestState *s);
/* Like qtest_quit but returns the wait status instead of checking it. */
int qtest_kill_and_wait(QTestState *s);
pid_t qtest_pid(QTestState *s);

/* ---- QMP ---- */

/* Sends a command (printf-style JSON) and returns the response object text. */
char *qtest_qmp(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Sends without waiting for the response. */
void qtest_qmp_send(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Reads the next response (events are queued for qtest_qmp_eventwait). */
char *qtest_qmp_receive(QTestState *s);
/* Waits for the event @name (returns the whole event object). */
char *qtest_qmp_eventwait(QTestState *s, const char *name);
/* Runs an HMP command through human-monitor-command and returns its output. */
char *qtest_hmp(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* The text value of "key": "..." in a JSON object (unescaped), or NULL. */
char *qtest_json_get_string(const char *json, const char *key);

/* ---- the qtest protocol ---- */

void qtest_outb(QTestState *s, uint16_t addr, uint8_t value);
void qtest_outw(QTestState *s, uint16_t addr, uint16_t value);
void qtest_outl(QTestState *s, uint16_t addr, uint32_t value);
uint8_t qtest_inb(QTestState *s, uint16_t addr);
uint16_t qtest_inw(QTestState *s, uint16_t addr);
uint32_t qtest_inl(QTestState *s, uint16_t addr);

void qtest_writeb(QTestState *s, uint64_t addr, uint8_t value);
void qtest_writew(QTestState *s, uint64_t addr, uint16_t value);
void qtest_writel(QTestState *s, uint64_t addr, uint32_t value);
void qtest_writeq(QTestState *s, uint64_t addr, uint64_t value);
uint8_t qtest_readb(QTestState *s, uint64_t addr);
uint16_t qtest_readw(QTestState *s, uint64_t addr);
uint32_t qtest_readl(QTestState *s, uint64_t addr);
uint64_t qtest_readq(QTestState *s, uint64_t addr);

void qtest_memread(QTestState *s, uint64_t addr, void *data, size_t size);
void qtest_memwrite(QTestState *s, uint64_t addr, const void *data, size_t size);
void qtest_bufread(QTestState *s, uint64_t addr, void *data, size_t size);   /* base64 */
void qtest_bufwrite(QTestState *s, uint64_t addr, const void *data, size_t size);
void qtest_memset(QTestState *s, uint64_t addr, uint8_t pattern, size_t size);

/* Advances the virtual clock; returns the new value (ns). */
int64_t qtest_clock_step(QTestState *s, int64_t step);
int64_t qtest_clock_step_next(QTestState *s);
int64_t qtest_clock_set(QTestState *s, int64_t val);

void qtest_irq_intercept_in(QTestState *s, const char *path);
void qtest_irq_intercept_out(QTestState *s, const char *path);
/* The level of intercepted line @num as the last IRQ message reported it. */
bool qtest_get_irq(QTestState *s, int num);
/* How many "IRQ raise @num" messages have arrived so far. */
unsigned qtest_irq_raise_count(QTestState *s, int num);
void qtest_set_irq_in(QTestState *s, const char *path, const char *name, int num, int level);

bool qtest_big_endian(QTestState *s);

/* Sends a raw protocol line and returns the reply line (for protocol tests). */
char *qtest_raw_command(QTestState *s, const char *line);
/* Sends a raw protocol line without waiting for a reply. */
void qtest_raw_send(QTestState *s, const char *line);
/*
 * Waits (up to @timeout_ms) for the emulator to exit by itself and returns
 * its wait status, or -1 on timeout (the emulator is then killed).  The
 * state is freed either way.
 */
int qtest_wait_exit(QTestState *s, int timeout_ms);

#endif
