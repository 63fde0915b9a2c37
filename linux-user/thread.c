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
/* The guest's robust futex list head (set_robust_list): the host kernel
 * knows only the emulator's own list, so the guest's is walked here when the
 * thread exits. */
static __thread uint32_t robust_list_head;
/* Every thread's list, for exit_group (the kernel walks each dying thread's;
 * here the threads die with the process, unwalked). */
#define MAX_ROBUST_THREADS 1024
static struct {
    pid_t tid;
    uint32_t head;
} robust_lists[MAX_ROBUST_THREADS];
static pthread_mutex_t robust_lock = PTHREAD_MUTEX_INITIALIZER;

static void robust_record(pid_t tid, uint32_t head)
{
    pthread_mutex_lock(&robust_lock);
    int free_slot = -1;
    for (int i = 0; i < MAX_ROBUST_THREADS; i++) {
        if (robust_lists[i].tid == tid) {
            robust_lists[i].head = head;
            if (!head) {
                robust_lists[i].tid = 0;
            }
            pthread_mutex_unlock(&robust_lock);
            return;
        }
        if (free_slot < 0 && robust_lists[i].tid == 0) {
            free_slot = i;
        }
    }
    if (head && free_slot >= 0) {
        robust_lists[free_slot].tid = tid;
        robust_lists[free_slot].head = head;
    }
    pthread_mutex_unlock(&robust_lock);
}
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
    robust_list_head = 0; /* copy_process: the child has no robust list */
    pthread_mutex_init(&robust_lock, NULL);
    memset(robust_lists, 0, sizeof(robust_lists));
    pthread_mutex_init(&cpu_list_lock, NULL);
    live_threads = 1;
    cpu_list_after_fork_child(current_cpu);
}

void thread_set_clear_child_tid(uint32_t addr)
{
    clear_child_tid = addr;
}

void thread_set_robust_list(uint32_t head)
{
    robust_list_head = head;
    robust_record((pid_t)syscall(SYS_gettid), head);
}

uint32_t thread_robust_list(void)
{
    return robust_list_head;
}

/* Bits of a robust futex word (linux/futex.h). */
#define ROBUST_WAITERS    0x80000000u
#define ROBUST_OWNER_DIED 0x40000000u
#define ROBUST_TID_MASK   0x3fffffffu
#define ROBUST_LIST_LIMIT 2048 /* the kernel's bound on a (maybe circular) list */

/* kernel/futex/core.c handle_futex_death: a futex this thread holds is
 * marked OWNER_DIED and, unless it is PI (the kernel's PI state wakes
 * those), one waiter is woken.  A pending (half-locked) futex with no
 * owner still gets its wake-up. */
static void robust_futex_death(uint32_t uaddr, uint32_t tid, bool pi, bool pending)
{
    if ((uaddr & 3) || !guest_access_ok(uaddr, 4, true)) {
        return;
    }
    uint32_t *word = g2h_untagged(uaddr);
    uint32_t val = __atomic_load_n(word, __ATOMIC_SEQ_CST);
    for (;;) {
        if (pending && !pi && val == 0) {
            syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
            return;
        }
        if ((val & ROBUST_TID_MASK) != tid) {
            return;
        }
        uint32_t dead = (val & ROBUST_WAITERS) | ROBUST_OWNER_DIED;
        if (__atomic_compare_exchange_n(word, &val, dead, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            break;
        }
    }
    if (!pi && (val & ROBUST_WAITERS)) {
        /* Shared wake: glibc's robust mutexes wait with shared futex ops. */
        syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

/* kernel/futex/core.c exit_robust_list, for the 32-bit layout:
 * struct robust_list_head { next; long futex_offset; list_op_pending; },
 * each pointer's bit 0 flagging a PI futex. */
static void walk_robust_list(uint32_t head, uint32_t tid)
{
    uint32_t next, offset, pending;
    if (!head || get_user_u32(&next, head) || get_user_u32(&offset, head + 4) ||
        get_user_u32(&pending, head + 8)) {
        return;
    }
    uint32_t entry = next & ~1u, pending_entry = pending & ~1u;
    bool pi = next & 1, pending_pi = pending & 1;
    for (int limit = ROBUST_LIST_LIMIT; entry != head && limit > 0; limit--) {
        uint32_t after;
        if (get_user_u32(&after, entry)) {
            return;
        }
        if (entry != pending_entry) {
            robust_futex_death(entry + offset, tid, pi, false);
        }
        entry = after & ~1u;
        pi = after & 1;
    }
    if (pending_entry) {
        robust_futex_death(pending_entry + offset, tid, pending_pi, true);
    }
}

static void exit_robust_list(void)
{
    pid_t tid = (pid_t)syscall(SYS_gettid);
    walk_robust_list(robust_list_head, (uint32_t)tid);
    robust_record(tid, 0);
}

void exit_group_robust_lists(void)
{
    /* No lock: a thread that holds it while the process exits would hang
     * the exit; the table only grows entries with complete values. */
    for (int i = 0; i < MAX_ROBUST_THREADS; i++) {
        if (robust_lists[i].tid && robust_lists[i].head) {
            walk_robust_list(robust_lists[i].head, (uint32_t)robust_lists[i].tid);
        }
    }
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
    abi_long gr = gdt_clone(&cpu->env, env);
    if (gr != 0) {
        free(cpu);
        return gr;
    }
    if (flags & CLONE_SETTLS) {
        /* The entry goes into the new thread's own GDT. */
        abi_long r = do_set_thread_area(&cpu->env, tls);
        if (r != 0) {
            gdt_release(&cpu->env);
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
    /* mm_release: the robust list before the tid word. */
    exit_robust_list();
    if (clear_child_tid && put_user_u32(0, clear_child_tid) == 0) {
        syscall(SYS_futex, g2h_untagged(clear_child_tid), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    /* The CPU stays on the list (accel/tcg may still walk it). */
    if (current_cpu) {
        gdt_release(current_cpu->env_ptr);
    }
    current_cpu = NULL;
    pthread_exit(NULL);
}
