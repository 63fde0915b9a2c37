/*
 * The vCPU threads of system mode (softmmu/cpus.c).
 *
 * Each CPU has one host thread that runs cpu_exec() WITHOUT the BQL (device
 * work takes it itself) and sleeps while the CPU is halted with nothing to
 * wake it, or paused.  The main loop (BQL held) pauses and resumes them for
 * `stop`/`cont`, resets and shutdown.  Under qtest (-accel qtest) CPUs are
 * created but no thread runs guest code.
 *
 * Locking: a per-process vCPU lock guards cpu->stop/stopped/halted and the
 * sleeps; lock order is BQL -> vCPU lock, and a vCPU thread never takes the
 * BQL while it holds the vCPU lock.
 */
#ifndef SYSEMU_CPUS_H
#define SYSEMU_CPUS_H

#include <stdbool.h>

#include "hw/core/cpu.h"

/*
 * Adds @cpu to the CPU list (first_cpu...) and, unless qtest is enabled,
 * starts its thread.  The thread waits, stopped, until resume_all_vcpus()
 * (vm_start).  Initialises accel/tcg on first use.  Main thread, BQL held.
 */
void qemu_init_vcpu(CPUState *cpu);

/* Does @cpu have something that ends a HLT?  The board sets the rule (x86:
 * INTR with EFLAGS.IF, NMI, SMI, INIT, SIPI); the default is any of
 * HARD/NMI/SMI/INIT/SIPI. */
typedef bool CPUHasWorkFunc(CPUState *cpu);
void qemu_set_cpu_has_work(CPUHasWorkFunc *fn);

/*
 * Stop every vCPU at its next TB boundary and wait until all stopped
 * (dropping the BQL while waiting, so a vCPU inside an MMIO access can
 * finish).  From a vCPU thread it only requests the stop.  Main thread.
 */
void pause_all_vcpus(void);
void resume_all_vcpus(void);
bool all_vcpus_paused(void);

/* Called on a vCPU thread: stop this CPU after its current instruction
 * (reset/shutdown requests by the guest: it must not run on meanwhile). */
void cpu_stop_current(void);
/* Is the calling thread @cpu's vCPU thread? */
bool qemu_cpu_is_self(CPUState *cpu);
/* The CPU of the calling vCPU thread, NULL on other threads. */
CPUState *qemu_current_vcpu(void);

/* The host thread id of @cpu's thread (0: none), for `info cpus`. */
int qemu_cpu_thread_id(CPUState *cpu);

#endif
