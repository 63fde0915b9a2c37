/*
 * vCPU threads: one host thread per CPU runs cpu_exec() without the BQL,
 * sleeps while halted or paused, and is woken by qemu_cpu_kick().  Also
 * cpu_interrupt(), pause/resume for the run state, and the CPU monitor
 * commands (`info registers`, `info cpus`).  See include/sysemu/cpus.h.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "exec/exec-all.h"
#include "hw/boards.h"
#include "monitor/monitor.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

/* Per-CPU thread bookkeeping, hung on CPUState.thread. */
typedef struct VCPUThread {
    pthread_t handle;
    int tid;                    /* host thread id, for `info cpus` */
} VCPUThread;

/* Guards cpu->stop/stopped/halted and every vCPU sleep (see cpus.h). */
static pthread_mutex_t vcpu_lock = PTHREAD_MUTEX_INITIALIZER;
/* Broadcast on any change a sleeping vCPU or a pausing main loop waits for. */
static pthread_cond_t vcpu_cond = PTHREAD_COND_INITIALIZER;
static __thread CPUState *vcpu_self;
static CPUHasWorkFunc *has_work_fn;

#define CPU_WAKE_MASK (CPU_INTERRUPT_HARD | CPU_INTERRUPT_NMI | CPU_INTERRUPT_SMI | \
                       CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI)

#define for_each_cpu(cpu) for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next_cpu)

void qemu_set_cpu_has_work(CPUHasWorkFunc *fn)
{
    has_work_fn = fn;
}

static bool cpu_has_work(CPUState *cpu)
{
    if (has_work_fn) {
        return has_work_fn(cpu);
    }
    return __atomic_load_n(&cpu->interrupt_request, __ATOMIC_ACQUIRE) & CPU_WAKE_MASK;
}

bool qemu_cpu_is_self(CPUState *cpu)
{
    return vcpu_self == cpu;
}

CPUState *qemu_current_vcpu(void)
{
    return vcpu_self;
}

int qemu_cpu_thread_id(CPUState *cpu)
{
    VCPUThread *t = cpu->thread;

    return t ? __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE) : 0;
}

/* Wakes every sleeper so it rechecks its condition.  Taking the lock orders
 * the caller's state change before the sleeper's check (no lost wake-up). */
static void vcpu_broadcast(void)
{
    pthread_mutex_lock(&vcpu_lock);
    pthread_cond_broadcast(&vcpu_cond);
    pthread_mutex_unlock(&vcpu_lock);
}

void qemu_cpu_kick(CPUState *cpu)
{
    cpu_exit(cpu);
    vcpu_broadcast();
}

void cpu_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_or_fetch(&cpu->interrupt_request, mask, __ATOMIC_SEQ_CST);
    qemu_cpu_kick(cpu);
}

void cpu_reset_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_and_fetch(&cpu->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}

/* Nothing to do until someone changes the state (vcpu_lock held). */
static bool vcpu_is_idle(CPUState *cpu)
{
    if (cpu->stop) {
        return false;       /* acknowledge the pause first */
    }
    if (cpu->stopped) {
        return true;
    }
    return cpu->halted && !cpu_has_work(cpu);
}

static void vcpu_handle_exit(CPUState *cpu, int ret)
{
    switch (ret) {
    case EXCP_HLT:
    case EXCP_HALTED:
        /* cpu->halted is set: the loop sleeps until cpu_has_work(). */
        break;
    case EXCP_DEBUG:
        /* No gdbstub: a debug exit just resumes (single-step, watchpoints). */
        break;
    case EXCP_INTERRUPT:
    case EXCP_YIELD:
        /* cpu_exit(): the loop rechecks stop and the halt state. */
        break;
    case EXCP_ATOMIC:
        /* One CPU: nothing runs concurrently, retrying is enough. */
        break;
    default:
        if (ret >= 0 && ret < EXCP_INTERRUPT) {
            /* cpu_exec delivers architectural exceptions itself in system
             * mode; one coming back here is a front-end bug. */
            qemu_log_mask(LOG_GUEST_ERROR, "vcpu %d: cpu_exec returned exception %#x\n",
                          cpu->cpu_index, ret);
        }
        break;
    }
}

static void *vcpu_thread_fn(void *arg)
{
    CPUState *cpu = arg;
    VCPUThread *t = cpu->thread;

    vcpu_self = cpu;
    current_cpu = cpu;
    __atomic_store_n(&t->tid, (int)syscall(SYS_gettid), __ATOMIC_RELEASE);

    pthread_mutex_lock(&vcpu_lock);
    for (;;) {
        while (vcpu_is_idle(cpu)) {
            pthread_cond_wait(&vcpu_cond, &vcpu_lock);
        }
        if (cpu->stop) {
            cpu->stop = false;
            cpu->stopped = true;
            pthread_cond_broadcast(&vcpu_cond);
            continue;
        }
        if (cpu->halted) {
            /* Woken: the pending event ends the HLT (cpu_exec delivers it). */
            cpu->halted = false;
        }
        pthread_mutex_unlock(&vcpu_lock);

        cpu->running = true;
        int ret = cpu_exec(cpu);
        cpu->running = false;
        vcpu_handle_exit(cpu, ret);

        pthread_mutex_lock(&vcpu_lock);
    }
    return NULL;
}

/* ---- run control ---- */

void pause_all_vcpus(void)
{
    bool have_threads = false;

    pthread_mutex_lock(&vcpu_lock);
    for_each_cpu(cpu) {
        if (cpu->thread && !cpu->stopped) {
            cpu->stop = true;
            cpu_exit(cpu);
            have_threads = true;
        }
    }
    pthread_cond_broadcast(&vcpu_cond);
    pthread_mutex_unlock(&vcpu_lock);
    if (!have_threads || vcpu_self) {
        /* A vCPU cannot wait for itself: its loop stops after this TB. */
        return;
    }

    /* The vCPUs may need the BQL to finish their current access. */
    bool had_bql = bql_locked();
    if (had_bql) {
        bql_unlock();
    }
    pthread_mutex_lock(&vcpu_lock);
    while (!all_vcpus_paused()) {
        pthread_cond_wait(&vcpu_cond, &vcpu_lock);
    }
    pthread_mutex_unlock(&vcpu_lock);
    if (had_bql) {
        bql_lock();
    }
}

void resume_all_vcpus(void)
{
    pthread_mutex_lock(&vcpu_lock);
    for_each_cpu(cpu) {
        cpu->stop = false;
        cpu->stopped = false;
    }
    pthread_cond_broadcast(&vcpu_cond);
    pthread_mutex_unlock(&vcpu_lock);
}

/* True when no vCPU thread runs guest code (vcpu_lock held, or racy read). */
bool all_vcpus_paused(void)
{
    for_each_cpu(cpu) {
        if (cpu->thread && !cpu->stopped) {
            return false;
        }
    }
    return true;
}

void cpu_stop_current(void)
{
    CPUState *cpu = vcpu_self;

    if (cpu) {
        pthread_mutex_lock(&vcpu_lock);
        cpu->stop = true;
        pthread_mutex_unlock(&vcpu_lock);
        cpu_exit(cpu);
    }
}

static const RunStateVCPUHooks vcpu_hooks = {
    .pause_all = pause_all_vcpus,
    .resume_all = resume_all_vcpus,
    .stop_current = cpu_stop_current,
};

/* ---- monitor ---- */

static char *capture_cpu_state(CPUState *cpu)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    if (!f) {
        return g_strdup("cannot capture the CPU state\n");
    }
    cpu_dump_state(cpu, f, 0);
    fclose(f);
    return text;
}

static CPUState *cpu_by_index(int index)
{
    for_each_cpu(cpu) {
        if (cpu->cpu_index == index) {
            return cpu;
        }
    }
    return NULL;
}

/* info registers [-a | vcpu]: the current (first) CPU, every CPU, or one. */
static void hmp_info_registers_cpus(Monitor *mon, int argc, char **argv)
{
    bool all = false;
    CPUState *only = first_cpu;

    if (argc > 2) {
        monitor_cmd_error(mon, "info", "info registers: extraneous characters at the end of line");
        return;
    }
    if (argc == 2) {
        if (!strcmp(argv[1], "-a")) {
            all = true;
        } else {
            char *end;
            long n = strtol(argv[1], &end, 0);
            if (*end || end == argv[1] || n < 0 || !(only = cpu_by_index((int)n))) {
                monitor_printf(mon, "CPU#%s not available\n", argv[1]);
                return;
            }
        }
    }
    for_each_cpu(cpu) {
        if (!all && cpu != only) {
            continue;
        }
        if (all) {
            monitor_printf(mon, "\nCPU#%d\n", cpu->cpu_index);
        }
        char *text = capture_cpu_state(cpu);
        monitor_puts(mon, text);
        free(text);
    }
}

/* As QEMU prints it: "* CPU #0: thread_id=1234" (the star marks the
 * monitor's current CPU, the first one). */
static void hmp_info_cpus(Monitor *mon, int argc, char **argv)
{
    for_each_cpu(cpu) {
        monitor_printf(mon, "%c CPU #%d: thread_id=%d\n", cpu == first_cpu ? '*' : ' ',
                       cpu->cpu_index, cpu->thread ? qemu_cpu_thread_id(cpu) : (int)getpid());
    }
}

/* ---- creation ---- */

void qemu_init_vcpu(CPUState *cpu)
{
    static bool initialised;
    CPUState **link = &first_cpu;
    int index = 0;

    if (!initialised) {
        initialised = true;
        tcg_exec_init(0);
        runstate_set_vcpu_hooks(&vcpu_hooks);
        monitor_register_info("registers", "[-a|vcpu]", "show the cpu registers",
                              hmp_info_registers_cpus);
        monitor_register_info("cpus", "", "show infos for each CPU", hmp_info_cpus);
    }
    while (*link) {
        link = &(*link)->next_cpu;
        index++;
    }
    cpu->cpu_index = index;
    cpu->next_cpu = NULL;
    /* Created stopped: vm_start (or `cont` after -S) resumes it. */
    cpu->stop = false;
    cpu->stopped = true;
    *link = cpu;

    if (qtest_enabled()) {
        /* -accel qtest: the CPU exists (info registers) but never runs. */
        return;
    }
    VCPUThread *t = g_new0(VCPUThread, 1);
    cpu->thread = t;
    int err = pthread_create(&t->handle, NULL, vcpu_thread_fn, cpu);
    if (err) {
        fprintf(stderr, "qemu-system-i386: cannot create the thread of CPU %d: %s\n",
                index, strerror(err));
        exit(1);
    }
    if (runstate_is_running()) {
        resume_all_vcpus();
    }
}
