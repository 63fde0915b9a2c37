/*
 * The main loop (glib's, on the default GMainContext) and the big lock.
 *
 * The big QEMU lock (BQL) serialises device emulation and memory-map
 * changes between the main-loop thread and vCPU threads.  The main loop
 * holds it except while it sleeps in poll(); a vCPU thread takes it around
 * MMIO and other device work.
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include <stdbool.h>

void bql_lock(void);
void bql_unlock(void);
/* Does the calling thread hold the BQL? */
bool bql_locked(void);

/* Takes the BQL and makes the main loop release it while polling. */
void qemu_main_loop_init(void);
/* Runs until @should_exit returns true (checked after every iteration). */
void qemu_main_loop_run(bool (*should_exit)(void));
/* Wakes the main loop from another thread (a request was posted). */
void qemu_notify_event(void);

#endif
