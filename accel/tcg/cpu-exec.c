/*
 * The execution loop: find or translate the TB for the CPU's state, chain
 * it to the previous one, run it, handle its exit; exceptions raised by
 * helpers (or host signals in user mode) come back here by siglongjmp.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/internal.h"
#include "exec/cpu-ldst.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "tcg/tcg.h"

CPUState *first_cpu;
__thread CPUState *current_cpu;

/* cflags added to every TB (e.g. CF_PARALLEL once threads exist). */
uint32_t tcg_cflags_global;
__thread uint32_t cflags_next_tb = (uint32_t)-1;

__thread uint32_t curr_cflags_cached;

uint32_t curr_cflags_compute(CPUState *cpu)
{
    uint32_t cflags = tcg_cflags_global;
    /* Chained TBs don't come back to cpu_exec, so per-TB logs and
     * -d nochain need every TB to exit. */
    if (qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN | CPU_LOG_TB_CPU)) {
        cflags |= CF_NO_GOTO_TB | CF_NO_GOTO_PTR;
    }
    if (cpu->singlestep_enabled) {
        cflags |= CF_SINGLE_STEP | CF_NO_GOTO_TB | CF_NO_GOTO_PTR;
    }
    return cflags;
}

/* ---- exclusive sections ----
 * exclusive_cpu is set while one CPU (thread) has the others out of
 * cpu_exec; pending counts those it still waits for.  A CPU entering
 * cpu_exec waits while exclusive_cpu is set; one leaving while it is set
 * reports to the waiter. */
static pthread_mutex_t exclusive_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;   /* pending dropped */
static pthread_cond_t exclusive_resume = PTHREAD_COND_INITIALIZER; /* section over */
static CPUState *exclusive_cpu;
static bool exclusive_any;      /* an exclusive section is running or pending */
static int exclusive_pending;

static void cpu_exec_start(CPUState *cpu)
{
    pthread_mutex_lock(&exclusive_lock);
    while (exclusive_any) {
        pthread_cond_wait(&exclusive_resume, &exclusive_lock);
    }
    cpu->exec_active = true;
    pthread_mutex_unlock(&exclusive_lock);
}

static void cpu_exec_end(CPUState *cpu)
{
    pthread_mutex_lock(&exclusive_lock);
    cpu->exec_active = false;
    if (exclusive_any && exclusive_pending > 0 && cpu != exclusive_cpu) {
        if (--exclusive_pending == 0) {
            pthread_cond_signal(&exclusive_cond);
        }
    }
    pthread_mutex_unlock(&exclusive_lock);
}

void start_exclusive(void)
{
    CPUState *self = current_cpu;
    bool was_active = self && self->exec_active;

    pthread_mutex_lock(&exclusive_lock);
    if (exclusive_any && was_active) {
        /* Another CPU got there first and counted us: step out of its way
         * (once) and come back in only when no section is left. */
        self->exec_active = false;
        if (exclusive_pending > 0 && --exclusive_pending == 0) {
            pthread_cond_signal(&exclusive_cond);
        }
    }
    while (exclusive_any) {
        pthread_cond_wait(&exclusive_resume, &exclusive_lock);
    }
    if (was_active) {
        self->exec_active = true;
    }
    exclusive_any = true;
    exclusive_cpu = self;
    exclusive_pending = 0;
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next_cpu) {
        if (cpu != self && cpu->exec_active) {
            exclusive_pending++;
            cpu_exit(cpu);
        }
    }
    while (exclusive_pending > 0) {
        pthread_cond_wait(&exclusive_cond, &exclusive_lock);
    }
    pthread_mutex_unlock(&exclusive_lock);
}

void cpu_list_after_fork_child(CPUState *self)
{
    /* The other threads are gone; the lock may have been held by one of
     * them at the fork. */
    pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t fresh_cond = PTHREAD_COND_INITIALIZER;
    exclusive_lock = fresh;
    exclusive_cond = fresh_cond;
    exclusive_resume = fresh_cond;
    exclusive_any = false;
    exclusive_cpu = NULL;
    exclusive_pending = 0;
    if (self) {
        first_cpu = self;
        self->next_cpu = NULL;
    }
}

void end_exclusive(void)
{
    pthread_mutex_lock(&exclusive_lock);
    exclusive_any = false;
    exclusive_cpu = NULL;
    pthread_cond_broadcast(&exclusive_resume);
    pthread_mutex_unlock(&exclusive_lock);
}

void cpu_loop_exit(CPUState *cpu)
{
#ifdef CONFIG_USER_ONLY
    helper_retaddr = 0;
#endif
    siglongjmp(cpu->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cpu, uintptr_t ra)
{
    if (ra) {
        cpu_restore_state(cpu, ra);
    }
    cpu_loop_exit(cpu);
}

void cpu_loop_exit_noexc(CPUState *cpu)
{
    cpu->exception_index = -1;
    cpu_loop_exit(cpu);
}

static void log_exec(CPUState *cpu, const TranslationBlock *tb)
{
    if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
        qemu_log("Trace %d: %p [%08" PRIx64 "/%016" PRIx64 "/%08x/%08x]\n", cpu->cpu_index,
                 tb->tc_ptr, tb->cs_base, tb->pc, tb->flags, tb->cflags);
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_CPU)) {
        cpu_dump_state(cpu, qemu_log_stream(), 0);
    }
}

/* Returns true (and the value cpu_exec returns) if an exception ends the
 * loop; delivers it first in system mode. */
static bool cpu_handle_exception(CPUState *cpu, int *ret)
{
    if (cpu->exception_index < 0) {
        return false;
    }
    if (cpu->exception_index >= EXCP_INTERRUPT) {
        *ret = cpu->exception_index;
        cpu->exception_index = -1;
        return true;
    }
#ifdef CONFIG_USER_ONLY
    /* linux-user turns it into a signal or a syscall. */
    *ret = cpu->exception_index;
    cpu->exception_index = -1;
    return true;
#else
    if (qemu_loglevel_mask(CPU_LOG_INT)) {
        qemu_log("exception %#x\n", cpu->exception_index);
    }
    cpu_do_interrupt(cpu);
    cpu->exception_index = -1;
    return false;
#endif
}

/* Returns true if the loop must stop (exit request, halt, interrupt). */
static bool cpu_handle_interrupt(CPUState *cpu, TranslationBlock **last_tb)
{
    if (__atomic_load_n(&cpu->neg->exit_request, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&cpu->neg->exit_request, 0, __ATOMIC_RELAXED);
        if (cpu->exception_index < 0) {
            cpu->exception_index = EXCP_INTERRUPT;
        }
        return true;
    }
    uint32_t req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED);
    if (req) {
        if (req & CPU_INTERRUPT_EXITTB) {
            __atomic_and_fetch(&cpu->interrupt_request, ~CPU_INTERRUPT_EXITTB,
                               __ATOMIC_RELAXED);
            *last_tb = NULL; /* the state changed: don't chain */
        }
#ifndef CONFIG_USER_ONLY
        if (req & CPU_INTERRUPT_HALT) {
            __atomic_and_fetch(&cpu->interrupt_request, ~CPU_INTERRUPT_HALT, __ATOMIC_RELAXED);
            cpu->halted = true;
            cpu->exception_index = EXCP_HLT;
            return true;
        }
        /* Acknowledging an interrupt talks to the PIC/APIC. */
        bql_lock();
        bool changed = cpu_exec_interrupt(cpu, (int)req);
        bql_unlock();
        if (changed) {
            *last_tb = NULL;
        }
        if (cpu->exception_index >= 0) {
            return true;
        }
#endif
    }
    return false;
}

static inline TranslationBlock *cpu_loop_exec_tb(CPUState *cpu, TranslationBlock *tb,
                                                 int *tb_exit)
{
    log_exec(cpu, tb);
    uintptr_t ret = tcg_qemu_tb_exec(cpu->env_ptr, tb->tc_ptr);
    TranslationBlock *last_tb = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
    *tb_exit = (int)(ret & TB_EXIT_MASK);

    if (*tb_exit > TB_EXIT_IDXMAX) {
        /* The exit check at the start of last_tb fired: nothing of it ran,
         * and the guest pc may still be that of a TB chained into it. */
        cpu_synchronize_from_tb(cpu, last_tb);
        return NULL;
    }
    return last_tb;
}

static __attribute__((noinline)) int cpu_exec_loop(CPUState *cpu)
{
    CPUArchState *env = cpu->env_ptr;
    int ret = 0;

    while (!cpu_handle_exception(cpu, &ret)) {
        TranslationBlock *last_tb = NULL;
        int tb_exit = 0;
        unsigned flush_gen = tb_flush_count;

        while (!cpu_handle_interrupt(cpu, &last_tb)) {
            uint64_t pc, cs_base;
            uint32_t flags, cflags;

            if (cflags_next_tb != (uint32_t)-1) {
                cflags = cflags_next_tb;
                cflags_next_tb = (uint32_t)-1;
                last_tb = NULL; /* don't chain ordinary code into it */
            } else {
                cflags = curr_cflags(cpu);
            }

            if (tb_flush_pending) {
                tb_flush_if_pending();
            }
#ifndef CONFIG_USER_ONLY
            if (__atomic_load_n(&cpu->tlb_flush_pending, __ATOMIC_RELAXED)) {
                tlb_flush_if_pending(cpu);
                last_tb = NULL;
            }
#endif
            cpu_get_tb_cpu_state(env, &pc, &cs_base, &flags);
            TranslationBlock *tb = tb_lookup(cpu, pc, cs_base, flags, cflags);
#ifdef CONFIG_USER_ONLY
            if (tb && (tb->cflags & CF_VERIFY) &&
                memcmp(g2h_untagged((uint32_t)tb->pc), tb->verify_copy, tb->size) != 0) {
                /* Rewritten through another mapping. */
                tb_lock();
                tb_phys_invalidate(tb);
                tb_unlock();
                tb = NULL;
            }
#endif
            if (!tb) {
                tb = tb_gen_code(cpu, pc, cs_base, flags, cflags);
                cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)] = tb;
            }
            if (flush_gen != tb_flush_count) {
                last_tb = NULL; /* last_tb's memory was reused */
                flush_gen = tb_flush_count;
            }
            if (last_tb && !(cflags & CF_NO_GOTO_TB)) {
                tb_lock();
                tb_add_jump(last_tb, tb_exit, tb);
                tb_unlock();
            }
            last_tb = cpu_loop_exec_tb(cpu, tb, &tb_exit);
        }
    }
    return ret;
}

int cpu_exec(CPUState *cpu)
{
    static __thread unsigned seen_flush_count;

    current_cpu = cpu;
    cpu_exec_start(cpu);
    curr_cflags_cached = curr_cflags_compute(cpu);
    if (seen_flush_count != tb_flush_count) {
        /* A flush while this CPU was out (another CPU's translation):
         * its jump cache may point into reused memory. */
        memset(cpu->tb_jmp_cache, 0, sizeof(cpu->tb_jmp_cache));
        seen_flush_count = tb_flush_count;
    }
#ifndef CONFIG_USER_ONLY
    if (cpu->halted) {
        if (!(cpu->interrupt_request & (CPU_INTERRUPT_HARD | CPU_INTERRUPT_NMI |
                                        CPU_INTERRUPT_SMI | CPU_INTERRUPT_INIT |
                                        CPU_INTERRUPT_SIPI))) {
            cpu_exec_end(cpu);
            return EXCP_HALTED;
        }
        cpu->halted = false;
    }
#else
    tcg_ctx->guest_base = guest_base;
#endif

    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        /* Back from cpu_loop_exit: a helper, a host signal, or the
         * translator raised an exception. */
        tb_lock_reset();
#ifndef CONFIG_USER_ONLY
        /* An exception raised while delivering an interrupt under the BQL. */
        if (bql_locked()) {
            bql_unlock();
        }
#endif
    }
    current_cpu->in_exec = true;
    int ret = cpu_exec_loop(current_cpu);
    current_cpu->in_exec = false;
    cpu_exec_end(current_cpu);
    return ret;
}
