/*
 * Process syscalls: exit, ids, fork/vfork/clone (without CLONE_VM), execve
 * (an i386 program re-runs the emulator), wait, limits and usage, uname,
 * sysinfo, TLS, futex, scheduling and prctl.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "accel/tcg/internal.h"
#include "linux-user/qemu.h"
#include "linux-user/syscall_defs.h"
#include "linux-user/syscall_handlers.h"
#include "qemu/log.h"

static abi_long host_ret(long r)
{
    return r == -1 ? -errno : (abi_long)r;
}

/* ---- exit ---- */

void syscall_exit_group(int status)
{
    exit_group_robust_lists();
    fflush(NULL);
    _exit(status);
}

SYSCALL_IMPL(exit)
{
    do_thread_exit((int)a[0]);
}

SYSCALL_IMPL(exit_group)
{
    syscall_exit_group((int)a[0]);
}

/* ---- ids ---- */

/* The 16-bit id calls report ids above 65535 as the overflow id
 * (/proc/sys/kernel/overflowuid, 65534). */
static abi_long high2low(unsigned id)
{
    return id > 65535 ? 65534 : (abi_long)id;
}

static unsigned low2high(abi_ulong id)
{
    return (id & 0xffff) == 0xffff ? (unsigned)-1 : (unsigned)(id & 0xffff);
}

SYSCALL_IMPL(getpid) { return getpid(); }
SYSCALL_IMPL(getppid) { return getppid(); }
SYSCALL_IMPL(gettid) { return (abi_long)syscall(SYS_gettid); }
SYSCALL_IMPL(getuid32) { return (abi_long)getuid(); }
SYSCALL_IMPL(geteuid32) { return (abi_long)geteuid(); }
SYSCALL_IMPL(getgid32) { return (abi_long)getgid(); }
SYSCALL_IMPL(getegid32) { return (abi_long)getegid(); }
SYSCALL_IMPL(getuid) { return high2low(getuid()); }
SYSCALL_IMPL(geteuid) { return high2low(geteuid()); }
SYSCALL_IMPL(getgid) { return high2low(getgid()); }
SYSCALL_IMPL(getegid) { return high2low(getegid()); }
SYSCALL_IMPL(setuid32) { return host_ret(syscall(SYS_setuid, (uid_t)a[0])); }
SYSCALL_IMPL(setgid32) { return host_ret(syscall(SYS_setgid, (gid_t)a[0])); }
SYSCALL_IMPL(setuid) { return host_ret(syscall(SYS_setuid, low2high(a[0]))); }
SYSCALL_IMPL(setgid) { return host_ret(syscall(SYS_setgid, low2high(a[0]))); }
SYSCALL_IMPL(setreuid32) { return host_ret(syscall(SYS_setreuid, (uid_t)a[0], (uid_t)a[1])); }
SYSCALL_IMPL(setregid32) { return host_ret(syscall(SYS_setregid, (gid_t)a[0], (gid_t)a[1])); }
SYSCALL_IMPL(setresuid32)
{
    return host_ret(syscall(SYS_setresuid, (uid_t)a[0], (uid_t)a[1], (uid_t)a[2]));
}
SYSCALL_IMPL(setresgid32)
{
    return host_ret(syscall(SYS_setresgid, (gid_t)a[0], (gid_t)a[1], (gid_t)a[2]));
}
SYSCALL_IMPL(setfsuid32) { return host_ret(syscall(SYS_setfsuid, (uid_t)a[0])); }
SYSCALL_IMPL(setfsgid32) { return host_ret(syscall(SYS_setfsgid, (gid_t)a[0])); }

SYSCALL_IMPL(getresuid32)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) != 0) {
        return -errno;
    }
    if (put_user_u32(r, a[0]) || put_user_u32(e, a[1]) || put_user_u32(s, a[2])) {
        return -EFAULT;
    }
    return 0;
}

SYSCALL_IMPL(getresgid32)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) != 0) {
        return -errno;
    }
    if (put_user_u32(r, a[0]) || put_user_u32(e, a[1]) || put_user_u32(s, a[2])) {
        return -EFAULT;
    }
    return 0;
}

SYSCALL_IMPL(getgroups32)
{
    int n = (int)a[0];
    if (n < 0) {
        return -EINVAL;
    }
    gid_t *list = NULL;
    if (n > 0) {
        list = lock_user(a[1], (abi_ulong)n * 4, true);
        if (!list) {
            return -EFAULT;
        }
    }
    return host_ret(getgroups(n, list));
}

SYSCALL_IMPL(setgroups32)
{
    int n = (int)a[0];
    if (n < 0 || n > 65536) {
        return -EINVAL;
    }
    gid_t *list = n ? lock_user(a[1], (abi_ulong)n * 4, false) : NULL;
    if (n && !list) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_setgroups, (size_t)n, list));
}

SYSCALL_IMPL(getgroups)
{
    int n = (int)a[0];
    if (n < 0) {
        return -EINVAL;
    }
    g_autofree gid_t *list = g_new(gid_t, 65536);
    int r = getgroups(n ? MIN(n, 65536) : 0, n ? list : NULL);
    if (r < 0) {
        return -errno;
    }
    for (int i = 0; n && i < r; i++) {
        uint16_t g = (uint16_t)high2low(list[i]);
        if (copy_to_user(a[1] + (abi_ulong)i * 2, &g, 2) != 0) {
            return -EFAULT;
        }
    }
    return r;
}

SYSCALL_IMPL(getpgrp) { return getpgrp(); }
SYSCALL_IMPL(getpgid) { return host_ret(getpgid((pid_t)a[0])); }
SYSCALL_IMPL(setpgid) { return host_ret(setpgid((pid_t)a[0], (pid_t)a[1])); }
SYSCALL_IMPL(setsid) { return host_ret(setsid()); }
SYSCALL_IMPL(getsid) { return host_ret(getsid((pid_t)a[0])); }

/* ---- system information ---- */

SYSCALL_IMPL(uname)
{
    struct utsname u;
    if (uname(&u) != 0) {
        return -errno;
    }
    /* What an i386 kernel reports (and QEMU's linux-user). */
    snprintf(u.machine, sizeof(u.machine), "i686");
    return copy_to_user(a[0], &u, sizeof(u));
}

static uint32_t guest_personality;

SYSCALL_IMPL(personality)
{
    uint32_t old = guest_personality;
    if (a[0] != 0xffffffffu) {
        guest_personality = a[0];
    }
    return (abi_long)old;
}

/* kernel/sys.c do_sysinfo + compat: scale the memory fields to fit 32 bits. */
SYSCALL_IMPL(sysinfo)
{
    struct sysinfo s;
    if (sysinfo(&s) != 0) {
        return -errno;
    }
    int shift = 0;
    unsigned long unit = s.mem_unit;
    if ((s.totalram | s.totalswap | s.freeram | s.sharedram | s.bufferram | s.freeswap |
         s.totalhigh | s.freehigh) >> 32) {
        while (unit < 4096 && ((s.totalram >> shift) >> 32 || (s.totalswap >> shift) >> 32)) {
            unit <<= 1;
            shift++;
        }
    }
    TargetSysinfo t;
    memset(&t, 0, sizeof(t));
    t.uptime = (int32_t)s.uptime;
    for (int i = 0; i < 3; i++) {
        t.loads[i] = (uint32_t)s.loads[i];
    }
    t.totalram = (uint32_t)(s.totalram >> shift);
    t.freeram = (uint32_t)(s.freeram >> shift);
    t.sharedram = (uint32_t)(s.sharedram >> shift);
    t.bufferram = (uint32_t)(s.bufferram >> shift);
    t.totalswap = (uint32_t)(s.totalswap >> shift);
    t.freeswap = (uint32_t)(s.freeswap >> shift);
    t.procs = s.procs;
    t.totalhigh = (uint32_t)(s.totalhigh >> shift);
    t.freehigh = (uint32_t)(s.freehigh >> shift);
    t.mem_unit = (uint32_t)unit;
    return copy_to_user(a[0], &t, sizeof(t));
}

SYSCALL_IMPL(getrandom)
{
    void *p = lock_user(a[0], a[1], true);
    if (!p && a[1]) {
        return -EFAULT;
    }
    return host_ret(getrandom(p, a[1], (unsigned)a[2]));
}

/* ---- limits and usage ---- */

/* Limits that would constrain the emulator itself are kept away from the
 * host (the guest's own memory is bounded by its 4 GiB anyway). */
static bool limit_is_emulators(int res)
{
    return res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK;
}

static abi_long put_rlimit32(abi_ulong addr, const struct rlimit *rl, uint32_t inf)
{
    TargetRlimit t = {
        rl->rlim_cur == RLIM_INFINITY || rl->rlim_cur > inf ? inf : (uint32_t)rl->rlim_cur,
        rl->rlim_max == RLIM_INFINITY || rl->rlim_max > inf ? inf : (uint32_t)rl->rlim_max,
    };
    return copy_to_user(addr, &t, sizeof(t));
}

static void guest_stack_rlimit(struct rlimit *rl, int res)
{
    if (res == RLIMIT_STACK) {
        rl->rlim_cur = guest_stack_size;
    }
}

SYSCALL_IMPL(ugetrlimit)
{
    struct rlimit rl;
    if (getrlimit((int)a[0], &rl) != 0) {
        return -errno;
    }
    guest_stack_rlimit(&rl, (int)a[0]);
    return put_rlimit32(a[1], &rl, TARGET_RLIM_INFINITY);
}

/* The old getrlimit clamps to 0x7fffffff (kernel/sys.c old_getrlimit). */
SYSCALL_IMPL(getrlimit)
{
    struct rlimit rl;
    if (getrlimit((int)a[0], &rl) != 0) {
        return -errno;
    }
    guest_stack_rlimit(&rl, (int)a[0]);
    return put_rlimit32(a[1], &rl, 0x7fffffff);
}

SYSCALL_IMPL(setrlimit)
{
    TargetRlimit t;
    if (copy_from_user(&t, a[1], sizeof(t)) != 0) {
        return -EFAULT;
    }
    if (limit_is_emulators((int)a[0])) {
        return t.rlim_cur > t.rlim_max ? -EINVAL : 0;
    }
    struct rlimit rl = {
        t.rlim_cur == TARGET_RLIM_INFINITY ? RLIM_INFINITY : t.rlim_cur,
        t.rlim_max == TARGET_RLIM_INFINITY ? RLIM_INFINITY : t.rlim_max,
    };
    return host_ret(setrlimit((int)a[0], &rl));
}

/* struct rlimit64 is two u64 on both sides. */
SYSCALL_IMPL(prlimit64)
{
    struct rlimit nl, ol;
    pid_t pid = (pid_t)a[0];
    int res = (int)a[1];
    if (a[2] && copy_from_user(&nl, a[2], sizeof(nl)) != 0) {
        return -EFAULT;
    }
    bool self = pid == 0 || pid == getpid();
    if (a[2] && self && limit_is_emulators(res)) {
        if (prlimit(0, res, NULL, &ol) != 0) {
            return -errno;
        }
        if (nl.rlim_cur > nl.rlim_max) {
            return -EINVAL;
        }
    } else if (prlimit(pid, res, a[2] ? &nl : NULL, &ol) != 0) {
        return -errno;
    }
    if (self) {
        guest_stack_rlimit(&ol, res);
    }
    return a[3] ? copy_to_user(a[3], &ol, sizeof(ol)) : 0;
}

static abi_long put_rusage(abi_ulong addr, const struct rusage *r)
{
    TargetRusage t = {
        { (int32_t)r->ru_utime.tv_sec, (int32_t)r->ru_utime.tv_usec },
        { (int32_t)r->ru_stime.tv_sec, (int32_t)r->ru_stime.tv_usec },
        (int32_t)r->ru_maxrss, (int32_t)r->ru_ixrss, (int32_t)r->ru_idrss, (int32_t)r->ru_isrss,
        (int32_t)r->ru_minflt, (int32_t)r->ru_majflt, (int32_t)r->ru_nswap,
        (int32_t)r->ru_inblock, (int32_t)r->ru_oublock, (int32_t)r->ru_msgsnd,
        (int32_t)r->ru_msgrcv, (int32_t)r->ru_nsignals, (int32_t)r->ru_nvcsw, (int32_t)r->ru_nivcsw,
    };
    return copy_to_user(addr, &t, sizeof(t));
}

SYSCALL_IMPL(getrusage)
{
    struct rusage r;
    if (getrusage((int)a[0], &r) != 0) {
        return -errno;
    }
    return put_rusage(a[1], &r);
}

/* ---- wait ---- */

static abi_long do_wait4(pid_t pid, abi_ulong status, int options, abi_ulong rusage)
{
    int st;
    struct rusage r;
    if (status && !guest_access_ok(status, 4, true)) {
        return -EFAULT;
    }
    pid_t ret = wait4(pid, &st, options, rusage ? &r : NULL);
    if (ret < 0) {
        return -errno;
    }
    if (ret > 0) {
        if (status && put_user_u32((uint32_t)st, status) != 0) {
            return -EFAULT;
        }
        if (rusage && put_rusage(rusage, &r) != 0) {
            return -EFAULT;
        }
    }
    return ret;
}

SYSCALL_IMPL(wait4)
{
    return do_wait4((pid_t)a[0], a[1], (int)a[2], a[3]);
}

SYSCALL_IMPL(waitpid)
{
    return do_wait4((pid_t)a[0], a[1], (int)a[2], 0);
}

SYSCALL_IMPL(waitid)
{
    siginfo_t info;
    struct rusage r;
    memset(&info, 0, sizeof(info));
    long ret = syscall(SYS_waitid, (int)a[0], (id_t)a[1], &info, (int)a[3], a[4] ? &r : NULL);
    if (ret < 0) {
        return -errno;
    }
    if (a[2]) {
        TargetSiginfo t;
        host_to_target_siginfo(&t, &info);
        if (info.si_signo == 0) {
            memset(&t, 0, sizeof(t));
        }
        if (copy_to_user(a[2], &t, sizeof(t)) != 0) {
            return -EFAULT;
        }
    }
    if (a[4] && put_rusage(a[4], &r) != 0) {
        return -EFAULT;
    }
    return 0;
}

/* ---- fork, clone, execve ---- */

static abi_long do_fork(CPUX86State *env, uint32_t flags, abi_ulong newsp, abi_ulong ptid,
                        abi_ulong tls, abi_ulong ctid)
{
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) {
        return do_clone_thread(env, flags, newsp, ptid, tls, ctid);
    }
    if (flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_FILES | CLONE_FS | CLONE_NEWNS |
                 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS)) {
        qemu_log_mask(LOG_UNIMP, "clone flags 0x%x are not supported\n", flags);
        return -EINVAL;
    }
    int exit_sig = flags & CSIGNAL;
    fflush(NULL);
    /* Another guest thread may hold the emulator's locks (translating, or
     * inside mmap) at the instant of the fork; the child would inherit them
     * locked with no thread left to release them.  Hold both across the
     * fork, in the order the rest of the code takes them. */
    mmap_lock();
    tb_lock();
    pid_t pid;
    if (exit_sig == SIGCHLD) {
        pid = fork();
    } else {
        pid = (pid_t)syscall(SYS_clone, (unsigned long)exit_sig, 0UL, NULL, NULL, 0UL);
    }
    int fork_errno = errno;
    tb_unlock();
    mmap_unlock();
    if (pid < 0) {
        return -fork_errno;
    }
    if (pid == 0) {
        /* The child: a vfork child with its own stack, TLS, tid words. */
        thread_after_fork_child();
        gdt_after_fork_child(env);
        if (newsp) {
            env->regs[R_ESP] = newsp;
        }
        if (flags & CLONE_SETTLS) {
            do_set_thread_area(env, tls);
        }
        if (flags & CLONE_CHILD_SETTID) {
            put_user_u32((uint32_t)syscall(SYS_gettid), ctid);
        }
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID) {
        put_user_u32((uint32_t)pid, ptid);
    }
    return pid;
}

SYSCALL_IMPL(fork)
{
    return do_fork(env, SIGCHLD, 0, 0, 0, 0);
}

SYSCALL_IMPL(vfork)
{
    return do_fork(env, SIGCHLD, 0, 0, 0, 0);
}

/* i386 clone argument order: flags, newsp, parent_tid, tls, child_tid. */
SYSCALL_IMPL(clone)
{
    return do_fork(env, a[0], a[1], a[2], a[3], a[4]);
}

/* The emulator binary, for re-running it on an execve of an i386 program. */
static const char *emulator_exe(char *buf, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", buf, len - 1);
    if (n <= 0) {
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

/* True if the file is something this emulator runs: an i386 ELF, or a
 * #! script whose interpreter is one.  Anything else (a host program, a
 * script for a host interpreter) goes to the host kernel. */
static bool runs_under_emulation(const char *path, int depth)
{
    unsigned char hdr[256];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return true; /* let the loader report the error */
    }
    ssize_t n = read(fd, hdr, sizeof(hdr) - 1);
    close(fd);
    if (n >= 2 && hdr[0] == '#' && hdr[1] == '!') {
        if (depth > 0) {
            return false;
        }
        hdr[n] = '\0';
        char *p = (char *)hdr + 2;
        p += strspn(p, " \t");
        p[strcspn(p, " \t\n")] = '\0';
        char buf[PATH_MAX];
        return *p && runs_under_emulation(path_for_guest(p, buf, sizeof(buf)), depth + 1);
    }
    if (n < 20 || memcmp(hdr, ELFMAG, SELFMAG) != 0) {
        return false;
    }
    return hdr[EI_CLASS] == ELFCLASS32 && (hdr[18] | hdr[19] << 8) == EM_386;
}

static abi_long do_execve(abi_ulong path_addr, abi_ulong argv_addr, abi_ulong envp_addr)
{
    g_autofree char *path = lock_user_string(path_addr);
    if (!path) {
        return -EFAULT;
    }
    char **argv = argv_addr ? lock_user_string_array(argv_addr) : g_new0(char *, 1);
    char **envp = envp_addr ? lock_user_string_array(envp_addr) : g_new0(char *, 1);
    abi_long ret;
    if (!argv || !envp) {
        ret = -EFAULT;
        goto out;
    }
    char pbuf[PATH_MAX];
    const char *hpath = is_proc_self_exe(path) ? exec_path : path_for_guest(path, pbuf, sizeof(pbuf));
    if (access(hpath, X_OK) != 0) {
        ret = -errno;
        goto out;
    }
    if (!runs_under_emulation(hpath, 0)) {
        execve(hpath, argv, envp);
        ret = -errno;
        goto out;
    }
    char ebuf[PATH_MAX];
    const char *self = emulator_exe(ebuf, sizeof(ebuf));
    if (!self) {
        ret = -ENOEXEC;
        goto out;
    }
    GPtrArray *args = g_ptr_array_new();
    g_ptr_array_add(args, (char *)"qemu-i386");
    for (char **o = reexec_options; o && *o; o++) {
        g_ptr_array_add(args, *o);
    }
    g_ptr_array_add(args, (char *)"-0");
    g_ptr_array_add(args, argv[0] ? argv[0] : (char *)"");
    g_ptr_array_add(args, (char *)"--");
    g_ptr_array_add(args, (char *)hpath);
    for (int i = 1; argv[0] && argv[i]; i++) {
        g_ptr_array_add(args, argv[i]);
    }
    g_ptr_array_add(args, NULL);
    fflush(NULL);
    execve(self, (char **)args->pdata, envp);
    ret = -errno;
    g_ptr_array_free(args, TRUE);
out:
    g_strfreev(argv);
    g_strfreev(envp);
    return ret;
}

SYSCALL_IMPL(execve)
{
    return do_execve(a[0], a[1], a[2]);
}

SYSCALL_IMPL(execveat)
{
    /* Only the absolute-path / AT_FDCWD forms. */
    if ((int)a[0] != AT_FDCWD || a[4] != 0) {
        return -ENOSYS;
    }
    return do_execve(a[1], a[2], a[3]);
}

/* ---- TLS and thread bookkeeping ---- */

SYSCALL_IMPL(set_thread_area)
{
    return do_set_thread_area(env, a[0]);
}

SYSCALL_IMPL(get_thread_area)
{
    return do_get_thread_area(env, a[0]);
}

SYSCALL_IMPL(set_tid_address)
{
    thread_set_clear_child_tid(a[0]);
    return (abi_long)syscall(SYS_gettid);
}

/* The list is walked by thread.c when the thread exits. */
SYSCALL_IMPL(set_robust_list)
{
    if (a[1] != 12) { /* sizeof(struct robust_list_head), 32-bit */
        return -EINVAL;
    }
    thread_set_robust_list(a[0]);
    return 0;
}

/* Only the caller's own list (pid 0 or its tid): another thread's would
 * need its thread-local state. */
SYSCALL_IMPL(get_robust_list)
{
    if (a[0] != 0 && (pid_t)a[0] != (pid_t)syscall(SYS_gettid)) {
        return (pid_t)a[0] < 0 ? -ESRCH : -EPERM;
    }
    if (put_user_u32(thread_robust_list(), a[1]) || put_user_u32(12, a[2])) {
        return -EFAULT;
    }
    return 0;
}

/* One thread, but futex words may live in memory shared with other
 * processes, so the host's futex on the same bytes does the real thing. */
static abi_long do_futex(const abi_ulong *a, bool t64)
{
    int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
    if (a[0] & 3) {
        return -EINVAL;
    }
    if (!guest_access_ok(a[0], 4, false)) {
        return -EFAULT;
    }
    void *uaddr = g2h_untagged(a[0]);
    void *uaddr2 = NULL;
    struct timespec ts, *tsp = NULL;
    unsigned long val2 = 0;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (a[3]) {
            abi_long e = get_guest_timespec(&ts, a[3], t64);
            if (e != 0) {
                return e;
            }
            tsp = &ts;
        }
        break;
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
        break;
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
    case FUTEX_CMP_REQUEUE_PI:
        val2 = a[3];
        break;
    default:
        return -ENOSYS;
    }
    if (cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_WAKE_OP ||
        cmd == FUTEX_CMP_REQUEUE_PI || cmd == FUTEX_WAIT_REQUEUE_PI) {
        if ((a[4] & 3) || !guest_access_ok(a[4], 4, false)) {
            return -EFAULT;
        }
        uaddr2 = g2h_untagged(a[4]);
    }
    return host_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], tsp ? (void *)tsp : (void *)val2,
                            uaddr2, (uint32_t)a[5]));
}

SYSCALL_IMPL(futex)
{
    return do_futex(a, false);
}

SYSCALL_IMPL(futex_time64)
{
    return do_futex(a, true);
}

/* ---- scheduling ---- */

SYSCALL_IMPL(sched_yield)
{
    return host_ret(sched_yield());
}

/* A compat task's mask is counted in 32-bit words
 * (kernel/compat.c compat_sys_sched_getaffinity). */
SYSCALL_IMPL(sched_getaffinity)
{
    abi_ulong len = a[1];
    long ncpus = sysconf(_SC_NPROCESSORS_CONF);
    if (ncpus < 1) {
        ncpus = 1;
    }
    if ((uint64_t)len * 8 < (uint64_t)ncpus || (len & 3)) {
        return -EINVAL;
    }
    unsigned char *out = lock_user(a[2], len, true);
    if (!out) {
        return -EFAULT;
    }
    size_t hlen = (len + 7) & ~(size_t)7;
    g_autofree unsigned char *buf = g_malloc0(hlen);
    long r = syscall(SYS_sched_getaffinity, (pid_t)a[0], hlen, buf);
    if (r < 0) {
        return -errno;
    }
    abi_ulong ret = (abi_ulong)MIN((size_t)len, (size_t)((ncpus + 31) / 32) * 4);
    memcpy(out, buf, ret);
    return (abi_long)ret;
}

SYSCALL_IMPL(sched_setaffinity)
{
    abi_ulong len = a[1];
    unsigned char *in = lock_user(a[2], len, false);
    if (!in && len) {
        return -EFAULT;
    }
    size_t hlen = (len + 7) & ~(size_t)7;
    g_autofree unsigned char *buf = g_malloc0(hlen ? hlen : 8);
    memcpy(buf, in, len);
    return host_ret(syscall(SYS_sched_setaffinity, (pid_t)a[0], hlen, buf));
}

SYSCALL_IMPL(sched_getscheduler)
{
    return host_ret(sched_getscheduler((pid_t)a[0]));
}

SYSCALL_IMPL(sched_getparam)
{
    struct sched_param p;
    if (sched_getparam((pid_t)a[0], &p) != 0) {
        return -errno;
    }
    return put_user_u32((uint32_t)p.sched_priority, a[1]);
}

SYSCALL_IMPL(sched_get_priority_max)
{
    return host_ret(sched_get_priority_max((int)a[0]));
}

SYSCALL_IMPL(sched_get_priority_min)
{
    return host_ret(sched_get_priority_min((int)a[0]));
}

SYSCALL_IMPL(getpriority)
{
    /* The raw syscall returns 20 - nice, never negative. */
    return host_ret(syscall(SYS_getpriority, (int)a[0], (id_t)a[1]));
}

SYSCALL_IMPL(setpriority)
{
    return host_ret(setpriority((int)a[0], (id_t)a[1], (int)a[2]));
}

SYSCALL_IMPL(nice)
{
    errno = 0;
    int r = nice((int)a[0]);
    return (r == -1 && errno) ? -errno : 0;
}

SYSCALL_IMPL(getcpu)
{
    unsigned cpu, node;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0) {
        return -errno;
    }
    if ((a[0] && put_user_u32(cpu, a[0])) || (a[1] && put_user_u32(node, a[1]))) {
        return -EFAULT;
    }
    return 0;
}

SYSCALL_IMPL(prctl)
{
    switch ((int)a[0]) {
    case PR_SET_NAME: {
        char name[16];
        if (copy_from_user(name, a[1], 1) != 0) {
            return -EFAULT;
        }
        g_autofree char *s = lock_user_string(a[1]);
        if (!s) {
            return -EFAULT;
        }
        snprintf(name, sizeof(name), "%s", s);
        return host_ret(prctl(PR_SET_NAME, name));
    }
    case PR_GET_NAME: {
        char name[16];
        if (prctl(PR_GET_NAME, name) != 0) {
            return -errno;
        }
        return copy_to_user(a[1], name, sizeof(name));
    }
    case PR_SET_PDEATHSIG:
    case PR_SET_DUMPABLE:
    case PR_SET_NO_NEW_PRIVS:
    case PR_SET_CHILD_SUBREAPER:
        return host_ret(prctl((int)a[0], (unsigned long)a[1], 0UL, 0UL, 0UL));
    case PR_GET_DUMPABLE:
    case PR_GET_NO_NEW_PRIVS:
        return host_ret(prctl((int)a[0], 0UL, 0UL, 0UL, 0UL));
    case PR_GET_PDEATHSIG: {
        int sig;
        if (prctl(PR_GET_PDEATHSIG, &sig) != 0) {
            return -errno;
        }
        return put_user_u32((uint32_t)sig, a[1]);
    }
    default:
        qemu_log_mask(LOG_UNIMP, "prctl option %d is not supported\n", (int)a[0]);
        return -EINVAL;
    }
}

SYSCALL_IMPL(sched_setscheduler)
{
    uint32_t prio;
    if (get_user_u32(&prio, a[2]) != 0) {
        return -EFAULT;
    }
    struct sched_param p = { .sched_priority = (int)prio };
    return host_ret(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], &p));
}

SYSCALL_IMPL(sched_setparam)
{
    uint32_t prio;
    if (get_user_u32(&prio, a[1]) != 0) {
        return -EFAULT;
    }
    struct sched_param p = { .sched_priority = (int)prio };
    return host_ret(syscall(SYS_sched_setparam, (pid_t)a[0], &p));
}

SYSCALL_IMPL(ioprio_get)
{
    return host_ret(syscall(SYS_ioprio_get, (int)a[0], (int)a[1]));
}

SYSCALL_IMPL(ioprio_set)
{
    return host_ret(syscall(SYS_ioprio_set, (int)a[0], (int)a[1], (int)a[2]));
}

SYSCALL_IMPL(sethostname)
{
    char *p = lock_user(a[0], a[1], false);
    if (!p && a[1]) {
        return -EFAULT;
    }
    return host_ret(sethostname(p, a[1]));
}

/* struct __user_cap_header_struct {u32 version; int pid} and the data
 * structs (three u32) have one layout on every architecture. */
SYSCALL_IMPL(capget)
{
    uint32_t hdr[2];
    if (copy_from_user(hdr, a[0], sizeof(hdr)) != 0) {
        return -EFAULT;
    }
    uint32_t data[6] = { 0 };
    long r = syscall(SYS_capget, hdr, a[1] ? data : NULL);
    if (copy_to_user(a[0], hdr, sizeof(hdr)) != 0) {
        return -EFAULT;
    }
    if (r < 0) {
        return -errno;
    }
    /* Version 1 has one data struct, versions 2 and 3 two. */
    size_t n = hdr[0] == 0x19980330 ? 12 : 24;
    return a[1] ? copy_to_user(a[1], data, n) : 0;
}
