/*
 * Guest threads: clone(CLONE_VM) runs the new guest thread on a new host
 * thread with its own CPU.  From the first thread on, every TB is
 * translated with CF_PARALLEL so that LOCKed instructions are atomic on the
 * host.  Thread exit honours CLONE_CHILD_CLEARTID (zero the tid word and
 * wake its futex), which is how pthread_join waits.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "accel/tcg/internal.h"
#include "exec/exec-all.h"
#include "linux-user/qemu.h"
#include "qemu/log.h"

/* The tid word to clear and wake when this thread exits (set_tid_address,
 * CLONE_CHILD_CLEARTID). */
static __thread uint32_t clear_child_tid;
static int live_threads = 1;
static pthread_mutex_t cpu_list_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct NewThread {
    X86CPU *cpu;
    uint32_t flags;
    uint32_t ctid;
    uint32_t ptid;
    uint64_t sigmask;
    pid_t tid;
    sem_t started;
} NewThread;

/* In a forked child only the forking thread exists. */
void thread_after_fork_child(void)
{
    pthread_mutex_init(&cpu_list_lock, NULL);
    live_threads = 1;
}

void thread_set_clear_child_tid(uint32_t addr)
{
    clear_child_tid = addr;
}

static void *thread_main(void *opaque)
{
    NewThread *nt = opaque;
    CPUX86State *env = &nt->cpu->env;
    nt->tid = (pid_t)syscall(SYS_gettid);
    /* Both tid words are written before any guest code of either thread
     * runs, as the kernel does: written later by the parent, the parent's
     * copy could overwrite the 0 that this thread's exit stores there
     * (glibc passes the same word for both), and pthread_join would wait
     * forever. */
    if (nt->flags & CLONE_PARENT_SETTID) {
        put_user_u32((uint32_t)nt->tid, nt->ptid);
    }
    if (nt->flags & CLONE_CHILD_SETTID) {
        put_user_u32((uint32_t)nt->tid, nt->ctid);
    }
    if (nt->flags & CLONE_CHILD_CLEARTID) {
        clear_child_tid = nt->ctid;
    }
    set_guest_sigmask(nt->sigmask);
    sem_post(&nt->started); /* nt belongs to the parent from here on */
    cpu_loop(env);
}

abi_long do_clone_thread(CPUX86State *env, uint32_t flags, abi_ulong newsp, abi_ulong ptid,
                         abi_ulong tls, abi_ulong ctid)
{
    const uint32_t needed = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
    if ((flags & needed) != needed) {
        qemu_log_mask(LOG_UNIMP, "clone flags 0x%x: CLONE_VM without a full thread is not supported\n",
                      flags);
        return -EINVAL;
    }
    X86CPU *cpu = cpu_x86_create(cpu_model);
    if (!cpu) {
        return -ENOMEM;
    }
    /* The new CPU starts as a copy of this one, returning 0 from clone. */
    cpu->env = *env;
    CPUState *cs = &cpu->parent_obj;
    cs->env_ptr = &cpu->env;
    cs->neg = &cpu->neg;
    cs->exception_index = -1;
    cpu->env.regs[R_EAX] = 0;
    if (newsp) {
        cpu->env.regs[R_ESP] = newsp;
    }
    if (flags & CLONE_SETTLS) {
        /* The GDT is shared: the entry is the new thread's %gs descriptor. */
        abi_long r = do_set_thread_area(&cpu->env, tls);
        if (r != 0) {
            free(cpu);
            return r;
        }
        cpu_x86_load_seg(&cpu->env, R_GS, (int)cpu->env.segs[R_GS].selector);
    }

    if (!(tcg_cflags_global & CF_PARALLEL)) {
        /* From now on LOCKed instructions must be atomic on the host. */
        tcg_cflags_global |= CF_PARALLEL;
        tb_flush(env_cpu(env));
    }
    pthread_mutex_lock(&cpu_list_lock);
    CPUState **tail = &first_cpu;
    while (*tail) {
        tail = &(*tail)->next_cpu;
    }
    cs->cpu_index = env_cpu(env)->cpu_index + 1;
    __atomic_store_n(tail, cs, __ATOMIC_RELEASE);
    live_threads++;
    pthread_mutex_unlock(&cpu_list_lock);

    NewThread nt = { .cpu = cpu, .flags = flags, .ctid = ctid, .ptid = ptid, .sigmask = guest_sigmask };
    sem_init(&nt.started, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1024 * 1024);
    /* The new thread starts with every signal blocked and installs the
     * guest's mask itself. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t th;
    int e = pthread_create(&th, &attr, thread_main, &nt);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (e != 0) {
        pthread_mutex_lock(&cpu_list_lock);
        live_threads--;
        pthread_mutex_unlock(&cpu_list_lock);
        return -EAGAIN; /* the CPU stays on the list, never run */
    }
    sem_wait(&nt.started);
    sem_destroy(&nt.started);
    return nt.tid;
}

void do_thread_exit(int status)
{
    pthread_mutex_lock(&cpu_list_lock);
    bool last = live_threads == 1;
    if (!last) {
        live_threads--;
    }
    pthread_mutex_unlock(&cpu_list_lock);
    if (last) {
        syscall_exit_group(status);
    }
    if (clear_child_tid && put_user_u32(0, clear_child_tid) == 0) {
        syscall(SYS_futex, g2h_untagged(clear_child_tid), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    /* The CPU stays on the list (accel/tcg may still walk it). */
    current_cpu = NULL;
    pthread_exit(NULL);
}
