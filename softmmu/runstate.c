/* Run state, reset handlers and the reset/shutdown requests. */
#include <glib.h>

#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

typedef struct ChangeHandler {
    VMChangeStateHandler *cb;
    void *opaque;
} ChangeHandler;

typedef struct ResetHandler {
    QEMUResetHandler *fn;
    void *opaque;
} ResetHandler;

static RunState current_state = RUN_STATE_PRELAUNCH;
static GArray *change_handlers;  /* of ChangeHandler */
static GArray *reset_handlers;   /* of ResetHandler */
static bool no_reboot;
static int reset_requested;      /* ShutdownCause, accessed atomically */
static int shutdown_requested;
static const RunStateVCPUHooks *vcpu_hooks;

void runstate_set_vcpu_hooks(const RunStateVCPUHooks *hooks)
{
    vcpu_hooks = hooks;
}

RunState runstate_get(void)
{
    return current_state;
}

bool runstate_is_running(void)
{
    return current_state == RUN_STATE_RUNNING;
}

const char *runstate_status_text(void)
{
    switch (current_state) {
    case RUN_STATE_RUNNING:
        return "running";
    case RUN_STATE_PRELAUNCH:
        return "paused (prelaunch)";
    case RUN_STATE_SHUTDOWN:
        return "paused (shutdown)";
    default:
        return "paused";
    }
}

static void notify_change(bool running)
{
    for (unsigned i = 0; change_handlers && i < change_handlers->len; i++) {
        ChangeHandler *h = &g_array_index(change_handlers, ChangeHandler, i);
        h->cb(h->opaque, running, current_state);
    }
}

void vm_start(void)
{
    if (current_state == RUN_STATE_RUNNING) {
        return;
    }
    current_state = RUN_STATE_RUNNING;
    notify_change(true);
    /* The clocks run before the first guest instruction does. */
    if (vcpu_hooks) {
        vcpu_hooks->resume_all();
    }
}

void vm_stop(RunState state)
{
    bool was_running = current_state == RUN_STATE_RUNNING;

    /* No guest instruction runs once the monitor says "paused". */
    if (vcpu_hooks) {
        vcpu_hooks->pause_all();
    }
    current_state = state;
    if (was_running) {
        notify_change(false);
    }
}

void qemu_add_vm_change_state_handler(VMChangeStateHandler *cb, void *opaque)
{
    ChangeHandler h = { cb, opaque };

    if (!change_handlers) {
        change_handlers = g_array_new(FALSE, FALSE, sizeof(ChangeHandler));
    }
    g_array_append_val(change_handlers, h);
}

void qemu_register_reset(QEMUResetHandler *fn, void *opaque)
{
    ResetHandler h = { fn, opaque };

    if (!reset_handlers) {
        reset_handlers = g_array_new(FALSE, FALSE, sizeof(ResetHandler));
    }
    g_array_append_val(reset_handlers, h);
}

void qemu_set_no_reboot(bool value)
{
    no_reboot = value;
}

void qemu_system_reset_request(ShutdownCause cause)
{
    if (vcpu_hooks) {
        vcpu_hooks->stop_current();
    }
    /* QEMU: -no-reboot turns resets into exits */
    if (no_reboot) {
        qemu_system_shutdown_request(cause);
        return;
    }
    __atomic_store_n(&reset_requested, (int)cause, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

void qemu_system_shutdown_request(ShutdownCause cause)
{
    if (vcpu_hooks) {
        vcpu_hooks->stop_current();
    }
    __atomic_store_n(&shutdown_requested, (int)cause, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

void qemu_system_reset(void)
{
    /* CPU state and devices change under no running vCPU. */
    if (vcpu_hooks) {
        vcpu_hooks->pause_all();
    }
    for (unsigned i = 0; reset_handlers && i < reset_handlers->len; i++) {
        ResetHandler *h = &g_array_index(reset_handlers, ResetHandler, i);
        h->fn(h->opaque);
    }
    if (vcpu_hooks && current_state == RUN_STATE_RUNNING) {
        vcpu_hooks->resume_all();
    }
}

bool main_loop_should_exit(void)
{
    if (__atomic_exchange_n(&shutdown_requested, 0, __ATOMIC_SEQ_CST)) {
        vm_stop(RUN_STATE_SHUTDOWN);
        return true;
    }
    qemu_system_reset_pending_run();
    return false;
}

void qemu_system_reset_pending_run(void)
{
    if (__atomic_exchange_n(&reset_requested, 0, __ATOMIC_SEQ_CST)) {
        qemu_system_reset();
        /* As QEMU: a machine reset while stopped is a fresh one, not yet
         * started (`info status` says "paused (prelaunch)"). */
        if (current_state != RUN_STATE_RUNNING) {
            current_state = RUN_STATE_PRELAUNCH;
        }
    }
}
