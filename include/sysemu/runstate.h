/*
 * Run state of the virtual machine and the requests (reset, shutdown) that
 * devices, the monitor and signals post to the main loop.
 */
#ifndef SYSEMU_RUNSTATE_H
#define SYSEMU_RUNSTATE_H

#include <stdbool.h>

typedef enum RunState {
    RUN_STATE_PRELAUNCH,  /* -S: built but never started */
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,     /* stopped by the monitor */
    RUN_STATE_SHUTDOWN,
} RunState;

RunState runstate_get(void);
bool runstate_is_running(void);
/* "running", "paused", "paused (prelaunch)": as `info status` says it. */
const char *runstate_status_text(void);

/* cont / stop.  Handlers hear every change (vCPUs start and stop there). */
void vm_start(void);
void vm_stop(RunState state);
typedef void VMChangeStateHandler(void *opaque, bool running, RunState state);
void qemu_add_vm_change_state_handler(VMChangeStateHandler *cb, void *opaque);

/* How the run state reaches the vCPU threads: softmmu/cpus.c registers
 * these when the first CPU is created (no CPU: no hooks, nothing to stop). */
typedef struct RunStateVCPUHooks {
    void (*pause_all)(void);     /* stop every vCPU and wait (main thread) */
    void (*resume_all)(void);
    void (*stop_current)(void);  /* on a vCPU thread: stop it after this TB */
} RunStateVCPUHooks;
void runstate_set_vcpu_hooks(const RunStateVCPUHooks *hooks);

/* Called on every system reset, in registration order. */
typedef void QEMUResetHandler(void *opaque);
void qemu_register_reset(QEMUResetHandler *fn, void *opaque);

typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,    /* monitor quit */
    SHUTDOWN_CAUSE_HOST_SIGNAL,
    SHUTDOWN_CAUSE_HOST_UI,          /* Ctrl-A x */
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,
    SHUTDOWN_CAUSE_GUEST_RESET,
    SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET,
} ShutdownCause;

/* -no-reboot: a reset request ends the emulator instead. */
void qemu_set_no_reboot(bool no_reboot);
/* Thread-safe: processed by the main loop.  From a vCPU thread they also
 * stop that CPU at once, so the guest runs no further instruction. */
void qemu_system_reset_request(ShutdownCause cause);
void qemu_system_shutdown_request(ShutdownCause cause);
/* Resets every device and CPU now, with the vCPUs paused (main loop, BQL held). */
void qemu_system_reset(void);

/* Does a posted reset now (main loop, BQL held): the monitor's
 * system_reset takes effect before its next command. */
void qemu_system_reset_pending_run(void);

/* Runs the posted requests; true when the emulator should exit. */
bool main_loop_should_exit(void);

#endif
