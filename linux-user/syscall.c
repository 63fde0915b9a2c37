/*
 * The syscall dispatcher: one table row per implemented i386 syscall
 * (handler, -strace format, flags), -strace/-d unimp logging, and the
 * EINTR-to-restart decision for syscalls the kernel restarts.
 *
 * -strace prints, as QEMU does, `PID name(args) = result` with errors as
 * `= -1 errno=N (text)`.  Argument formats: d int, u unsigned, x hex,
 * p pointer, a address (0x%08x), s string, o octal, F directory fd,
 * O open flags, P mmap/mprotect protection.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/i386/syscall_nr.h"
#include "linux-user/qemu.h"
#include "linux-user/syscall_defs.h"
#include "linux-user/syscall_handlers.h"
#include "qemu/log.h"

/* flags */
#define SC_RET_PTR 1   /* the result is an address: print it in hex */
#define SC_RESTART 2   /* EINTR becomes ERESTARTSYS (restartable with SA_RESTART) */

typedef struct SyscallDef {
    abi_long (*fn)(CPUX86State *env, const abi_ulong *a);
    const char *fmt;
    int flags;
} SyscallDef;

static const SyscallDef syscall_defs[TARGET_NR_SYSCALLS] = {
    [TARGET_NR__llseek] = { sys__llseek, "dxxpd", 0 },
    [TARGET_NR__newselect] = { sys__newselect, "dpppp", 0 },
    [TARGET_NR_accept4] = { sys_accept4, "dppx", SC_RESTART },
    [TARGET_NR_access] = { sys_access, "so", 0 },
    [TARGET_NR_adjtimex] = { sys_adjtimex, "p", 0 },
    [TARGET_NR_alarm] = { sys_alarm, "u", 0 },
    [TARGET_NR_bind] = { sys_bind, "dpu", 0 },
    [TARGET_NR_brk] = { sys_brk, "a", SC_RET_PTR },
    [TARGET_NR_chdir] = { sys_chdir, "s", 0 },
    [TARGET_NR_chmod] = { sys_chmod, "so", 0 },
    [TARGET_NR_chown] = { sys_chown, "sdd", 0 },
    [TARGET_NR_chown32] = { sys_chown32, "sdd", 0 },
    [TARGET_NR_chroot] = { sys_chroot, "s", 0 },
    [TARGET_NR_clock_getres] = { sys_clock_getres, "dp", 0 },
    [TARGET_NR_clock_getres_time64] = { sys_clock_getres_time64, "dp", 0 },
    [TARGET_NR_clock_gettime] = { sys_clock_gettime, "dp", 0 },
    [TARGET_NR_clock_gettime64] = { sys_clock_gettime64, "dp", 0 },
    [TARGET_NR_clock_nanosleep] = { sys_clock_nanosleep, "ddpp", 0 },
    [TARGET_NR_clock_nanosleep_time64] = { sys_clock_nanosleep_time64, "ddpp", 0 },
    [TARGET_NR_clone] = { sys_clone, "xpppp", 0 },
    [TARGET_NR_close] = { sys_close, "d", 0 },
    [TARGET_NR_connect] = { sys_connect, "dpu", SC_RESTART },
    [TARGET_NR_copy_file_range] = { sys_copy_file_range, "dpdpux", SC_RESTART },
    [TARGET_NR_creat] = { sys_creat, "so", SC_RESTART },
    [TARGET_NR_dup] = { sys_dup, "d", 0 },
    [TARGET_NR_dup2] = { sys_dup2, "dd", 0 },
    [TARGET_NR_dup3] = { sys_dup3, "ddx", 0 },
    [TARGET_NR_epoll_create] = { sys_epoll_create, "d", 0 },
    [TARGET_NR_epoll_create1] = { sys_epoll_create1, "x", 0 },
    [TARGET_NR_epoll_ctl] = { sys_epoll_ctl, "dddp", 0 },
    [TARGET_NR_epoll_pwait] = { sys_epoll_pwait, "dpddpu", 0 },
    [TARGET_NR_epoll_wait] = { sys_epoll_wait, "dpdd", 0 },
    [TARGET_NR_eventfd] = { sys_eventfd, "u", 0 },
    [TARGET_NR_eventfd2] = { sys_eventfd2, "ux", 0 },
    [TARGET_NR_execve] = { sys_execve, "spp", 0 },
    [TARGET_NR_execveat] = { sys_execveat, "Fsppx", 0 },
    [TARGET_NR_exit] = { sys_exit, "d", 0 },
    [TARGET_NR_exit_group] = { sys_exit_group, "d", 0 },
    [TARGET_NR_faccessat] = { sys_faccessat, "Fso", 0 },
    [TARGET_NR_faccessat2] = { sys_faccessat2, "Fsox", 0 },
    [TARGET_NR_fadvise64] = { sys_fadvise64, "dxxud", 0 },
    [TARGET_NR_fadvise64_64] = { sys_fadvise64_64, "dxxxxd", 0 },
    [TARGET_NR_fallocate] = { sys_fallocate, "ddxxxx", 0 },
    [TARGET_NR_fchdir] = { sys_fchdir, "d", 0 },
    [TARGET_NR_fchmod] = { sys_fchmod, "do", 0 },
    [TARGET_NR_fchmodat] = { sys_fchmodat, "Fso", 0 },
    [TARGET_NR_fchown] = { sys_fchown, "ddd", 0 },
    [TARGET_NR_fchown32] = { sys_fchown32, "ddd", 0 },
    [TARGET_NR_fchownat] = { sys_fchownat, "Fsddx", 0 },
    [TARGET_NR_fcntl] = { sys_fcntl, "ddx", SC_RESTART },
    [TARGET_NR_fcntl64] = { sys_fcntl64, "ddx", SC_RESTART },
    [TARGET_NR_fdatasync] = { sys_fdatasync, "d", 0 },
    [TARGET_NR_flock] = { sys_flock, "dd", SC_RESTART },
    [TARGET_NR_fork] = { sys_fork, "", 0 },
    [TARGET_NR_fstat] = { sys_fstat, "dp", 0 },
    [TARGET_NR_fstat64] = { sys_fstat64, "dp", 0 },
    [TARGET_NR_fstatat64] = { sys_fstatat64, "Fspx", 0 },
    [TARGET_NR_fstatfs] = { sys_fstatfs, "dp", 0 },
    [TARGET_NR_fstatfs64] = { sys_fstatfs64, "dup", 0 },
    [TARGET_NR_fsync] = { sys_fsync, "d", 0 },
    [TARGET_NR_ftruncate] = { sys_ftruncate, "dd", 0 },
    [TARGET_NR_ftruncate64] = { sys_ftruncate64, "dxx", 0 },
    [TARGET_NR_futex] = { sys_futex, "pxdppd", SC_RESTART },
    [TARGET_NR_futex_time64] = { sys_futex_time64, "pxdppd", SC_RESTART },
    [TARGET_NR_futimesat] = { sys_futimesat, "Fsp", 0 },
    [TARGET_NR_get_robust_list] = { sys_get_robust_list, "dpp", 0 },
    [TARGET_NR_get_thread_area] = { sys_get_thread_area, "p", 0 },
    [TARGET_NR_getcpu] = { sys_getcpu, "ppp", 0 },
    [TARGET_NR_getcwd] = { sys_getcwd, "pu", 0 },
    [TARGET_NR_getdents] = { sys_getdents, "dpu", 0 },
    [TARGET_NR_getdents64] = { sys_getdents64, "dpu", 0 },
    [TARGET_NR_getegid] = { sys_getegid, "", 0 },
    [TARGET_NR_getegid32] = { sys_getegid32, "", 0 },
    [TARGET_NR_geteuid] = { sys_geteuid, "", 0 },
    [TARGET_NR_geteuid32] = { sys_geteuid32, "", 0 },
    [TARGET_NR_getgid] = { sys_getgid, "", 0 },
    [TARGET_NR_getgid32] = { sys_getgid32, "", 0 },
    [TARGET_NR_getgroups] = { sys_getgroups, "dp", 0 },
    [TARGET_NR_getgroups32] = { sys_getgroups32, "dp", 0 },
    [TARGET_NR_getitimer] = { sys_getitimer, "dp", 0 },
    [TARGET_NR_getpeername] = { sys_getpeername, "dpp", 0 },
    [TARGET_NR_getpgid] = { sys_getpgid, "d", 0 },
    [TARGET_NR_getpgrp] = { sys_getpgrp, "", 0 },
    [TARGET_NR_getpid] = { sys_getpid, "", 0 },
    [TARGET_NR_getppid] = { sys_getppid, "", 0 },
    [TARGET_NR_getpriority] = { sys_getpriority, "dd", 0 },
    [TARGET_NR_getrandom] = { sys_getrandom, "pux", SC_RESTART },
    [TARGET_NR_getresgid32] = { sys_getresgid32, "ppp", 0 },
    [TARGET_NR_getresuid32] = { sys_getresuid32, "ppp", 0 },
    [TARGET_NR_getrlimit] = { sys_getrlimit, "dp", 0 },
    [TARGET_NR_getrusage] = { sys_getrusage, "dp", 0 },
    [TARGET_NR_getsid] = { sys_getsid, "d", 0 },
    [TARGET_NR_getsockname] = { sys_getsockname, "dpp", 0 },
    [TARGET_NR_getsockopt] = { sys_getsockopt, "dddpp", 0 },
    [TARGET_NR_gettid] = { sys_gettid, "", 0 },
    [TARGET_NR_gettimeofday] = { sys_gettimeofday, "pp", 0 },
    [TARGET_NR_getuid] = { sys_getuid, "", 0 },
    [TARGET_NR_getuid32] = { sys_getuid32, "", 0 },
    [TARGET_NR_ioctl] = { sys_ioctl, "dxp", SC_RESTART },
    [TARGET_NR_kill] = { sys_kill, "dd", 0 },
    [TARGET_NR_lchown] = { sys_lchown, "sdd", 0 },
    [TARGET_NR_lchown32] = { sys_lchown32, "sdd", 0 },
    [TARGET_NR_link] = { sys_link, "ss", 0 },
    [TARGET_NR_linkat] = { sys_linkat, "FsFsx", 0 },
    [TARGET_NR_listen] = { sys_listen, "dd", 0 },
    [TARGET_NR_lseek] = { sys_lseek, "ddd", 0 },
    [TARGET_NR_lstat] = { sys_lstat, "sp", 0 },
    [TARGET_NR_lstat64] = { sys_lstat64, "sp", 0 },
    [TARGET_NR_madvise] = { sys_madvise, "pud", 0 },
    [TARGET_NR_memfd_create] = { sys_memfd_create, "sx", 0 },
    [TARGET_NR_mincore] = { sys_mincore, "pup", 0 },
    [TARGET_NR_mkdir] = { sys_mkdir, "so", 0 },
    [TARGET_NR_mkdirat] = { sys_mkdirat, "Fso", 0 },
    [TARGET_NR_mknod] = { sys_mknod, "sox", 0 },
    [TARGET_NR_mknodat] = { sys_mknodat, "Fsox", 0 },
    [TARGET_NR_mlock] = { sys_mlock, "pu", 0 },
    [TARGET_NR_mlockall] = { sys_mlockall, "x", 0 },
    [TARGET_NR_mmap] = { sys_mmap, "p", SC_RET_PTR },
    [TARGET_NR_mmap2] = { sys_mmap2, "auPxdx", SC_RET_PTR },
    [TARGET_NR_mprotect] = { sys_mprotect, "auP", 0 },
    [TARGET_NR_mremap] = { sys_mremap, "puuxp", SC_RET_PTR },
    [TARGET_NR_msync] = { sys_msync, "pux", 0 },
    [TARGET_NR_munlock] = { sys_munlock, "pu", 0 },
    [TARGET_NR_munlockall] = { sys_munlockall, "", 0 },
    [TARGET_NR_munmap] = { sys_munmap, "au", 0 },
    [TARGET_NR_nanosleep] = { sys_nanosleep, "pp", 0 },
    [TARGET_NR_nice] = { sys_nice, "d", 0 },
    [TARGET_NR_open] = { sys_open, "sOo", SC_RESTART },
    [TARGET_NR_openat] = { sys_openat, "FsOo", SC_RESTART },
    [TARGET_NR_pause] = { sys_pause, "", 0 },
    [TARGET_NR_personality] = { sys_personality, "x", 0 },
    [TARGET_NR_pipe] = { sys_pipe, "p", 0 },
    [TARGET_NR_pipe2] = { sys_pipe2, "px", 0 },
    [TARGET_NR_poll] = { sys_poll, "pud", 0 },
    [TARGET_NR_ppoll] = { sys_ppoll, "pupp", 0 },
    [TARGET_NR_ppoll_time64] = { sys_ppoll_time64, "pupp", 0 },
    [TARGET_NR_prctl] = { sys_prctl, "dxxxx", 0 },
    [TARGET_NR_pread64] = { sys_pread64, "dpuxx", SC_RESTART },
    [TARGET_NR_preadv] = { sys_preadv, "dpdxx", SC_RESTART },
    [TARGET_NR_prlimit64] = { sys_prlimit64, "ddpp", 0 },
    [TARGET_NR_pselect6] = { sys_pselect6, "dppppp", 0 },
    [TARGET_NR_pselect6_time64] = { sys_pselect6_time64, "dppppp", 0 },
    [TARGET_NR_pwrite64] = { sys_pwrite64, "dpuxx", SC_RESTART },
    [TARGET_NR_pwritev] = { sys_pwritev, "dpdxx", SC_RESTART },
    [TARGET_NR_read] = { sys_read, "dpu", SC_RESTART },
    [TARGET_NR_readahead] = { sys_readahead, "dxxu", 0 },
    [TARGET_NR_readlink] = { sys_readlink, "spu", 0 },
    [TARGET_NR_readlinkat] = { sys_readlinkat, "Fspu", 0 },
    [TARGET_NR_readv] = { sys_readv, "dpd", SC_RESTART },
    [TARGET_NR_recvfrom] = { sys_recvfrom, "dpuxpp", SC_RESTART },
    [TARGET_NR_recvmsg] = { sys_recvmsg, "dpx", SC_RESTART },
    [TARGET_NR_rename] = { sys_rename, "ss", 0 },
    [TARGET_NR_renameat] = { sys_renameat, "FsFs", 0 },
    [TARGET_NR_renameat2] = { sys_renameat2, "FsFsx", 0 },
    [TARGET_NR_rmdir] = { sys_rmdir, "s", 0 },
    [TARGET_NR_rt_sigaction] = { sys_rt_sigaction, "dppu", 0 },
    [TARGET_NR_rt_sigpending] = { sys_rt_sigpending, "pu", 0 },
    [TARGET_NR_rt_sigprocmask] = { sys_rt_sigprocmask, "dppu", 0 },
    [TARGET_NR_rt_sigreturn] = { sys_rt_sigreturn, "", 0 },
    [TARGET_NR_rt_sigsuspend] = { sys_rt_sigsuspend, "pu", 0 },
    [TARGET_NR_rt_sigtimedwait] = { sys_rt_sigtimedwait, "pppu", 0 },
    [TARGET_NR_rt_sigtimedwait_time64] = { sys_rt_sigtimedwait_time64, "pppu", 0 },
    [TARGET_NR_sched_get_priority_max] = { sys_sched_get_priority_max, "d", 0 },
    [TARGET_NR_sched_get_priority_min] = { sys_sched_get_priority_min, "d", 0 },
    [TARGET_NR_sched_getaffinity] = { sys_sched_getaffinity, "dup", 0 },
    [TARGET_NR_sched_getparam] = { sys_sched_getparam, "dp", 0 },
    [TARGET_NR_sched_getscheduler] = { sys_sched_getscheduler, "d", 0 },
    [TARGET_NR_sched_rr_get_interval] = { sys_sched_rr_get_interval, "dp", 0 },
    [TARGET_NR_sched_rr_get_interval_time64] = { sys_sched_rr_get_interval_time64, "dp", 0 },
    [TARGET_NR_sched_setaffinity] = { sys_sched_setaffinity, "dup", 0 },
    [TARGET_NR_sched_yield] = { sys_sched_yield, "", 0 },
    [TARGET_NR_select] = { sys_select, "p", 0 },
    [TARGET_NR_sendfile] = { sys_sendfile, "ddpu", SC_RESTART },
    [TARGET_NR_sendfile64] = { sys_sendfile64, "ddpu", SC_RESTART },
    [TARGET_NR_sendmsg] = { sys_sendmsg, "dpx", SC_RESTART },
    [TARGET_NR_sendto] = { sys_sendto, "dpuxpu", SC_RESTART },
    [TARGET_NR_set_robust_list] = { sys_set_robust_list, "pu", 0 },
    [TARGET_NR_set_thread_area] = { sys_set_thread_area, "p", 0 },
    [TARGET_NR_set_tid_address] = { sys_set_tid_address, "p", 0 },
    [TARGET_NR_setfsgid32] = { sys_setfsgid32, "d", 0 },
    [TARGET_NR_setfsuid32] = { sys_setfsuid32, "d", 0 },
    [TARGET_NR_setgid] = { sys_setgid, "d", 0 },
    [TARGET_NR_setgid32] = { sys_setgid32, "d", 0 },
    [TARGET_NR_setgroups32] = { sys_setgroups32, "dp", 0 },
    [TARGET_NR_setitimer] = { sys_setitimer, "dpp", 0 },
    [TARGET_NR_setpgid] = { sys_setpgid, "dd", 0 },
    [TARGET_NR_setpriority] = { sys_setpriority, "ddd", 0 },
    [TARGET_NR_setregid32] = { sys_setregid32, "dd", 0 },
    [TARGET_NR_setresgid32] = { sys_setresgid32, "ddd", 0 },
    [TARGET_NR_setresuid32] = { sys_setresuid32, "ddd", 0 },
    [TARGET_NR_setreuid32] = { sys_setreuid32, "dd", 0 },
    [TARGET_NR_setrlimit] = { sys_setrlimit, "dp", 0 },
    [TARGET_NR_setsid] = { sys_setsid, "", 0 },
    [TARGET_NR_setsockopt] = { sys_setsockopt, "dddpu", 0 },
    [TARGET_NR_settimeofday] = { sys_settimeofday, "pp", 0 },
    [TARGET_NR_setuid] = { sys_setuid, "d", 0 },
    [TARGET_NR_setuid32] = { sys_setuid32, "d", 0 },
    [TARGET_NR_shutdown] = { sys_shutdown, "dd", 0 },
    [TARGET_NR_sigaction] = { sys_sigaction, "dpp", 0 },
    [TARGET_NR_sigaltstack] = { sys_sigaltstack, "pp", 0 },
    [TARGET_NR_signal] = { sys_signal, "dp", 0 },
    [TARGET_NR_sigpending] = { sys_sigpending, "p", 0 },
    [TARGET_NR_sigprocmask] = { sys_sigprocmask, "dpp", 0 },
    [TARGET_NR_sigreturn] = { sys_sigreturn, "", 0 },
    [TARGET_NR_sigsuspend] = { sys_sigsuspend, "xxx", 0 },
    [TARGET_NR_socket] = { sys_socket, "ddd", 0 },
    [TARGET_NR_socketcall] = { sys_socketcall, "dp", SC_RESTART },
    [TARGET_NR_socketpair] = { sys_socketpair, "dddp", 0 },
    [TARGET_NR_stat] = { sys_stat, "sp", 0 },
    [TARGET_NR_stat64] = { sys_stat64, "sp", 0 },
    [TARGET_NR_statfs] = { sys_statfs, "sp", 0 },
    [TARGET_NR_statfs64] = { sys_statfs64, "sup", 0 },
    [TARGET_NR_statx] = { sys_statx, "Fsxxp", 0 },
    [TARGET_NR_stime] = { sys_stime, "p", 0 },
    [TARGET_NR_symlink] = { sys_symlink, "ss", 0 },
    [TARGET_NR_symlinkat] = { sys_symlinkat, "sFs", 0 },
    [TARGET_NR_sync] = { sys_sync, "", 0 },
    [TARGET_NR_syncfs] = { sys_syncfs, "d", 0 },
    [TARGET_NR_sysinfo] = { sys_sysinfo, "p", 0 },
    [TARGET_NR_tgkill] = { sys_tgkill, "ddd", 0 },
    [TARGET_NR_time] = { sys_time, "p", 0 },
    [TARGET_NR_timerfd_create] = { sys_timerfd_create, "dx", 0 },
    [TARGET_NR_timerfd_gettime] = { sys_timerfd_gettime, "dp", 0 },
    [TARGET_NR_timerfd_gettime64] = { sys_timerfd_gettime64, "dp", 0 },
    [TARGET_NR_timerfd_settime] = { sys_timerfd_settime, "dxpp", 0 },
    [TARGET_NR_timerfd_settime64] = { sys_timerfd_settime64, "dxpp", 0 },
    [TARGET_NR_times] = { sys_times, "p", 0 },
    [TARGET_NR_tkill] = { sys_tkill, "dd", 0 },
    [TARGET_NR_truncate] = { sys_truncate, "sd", 0 },
    [TARGET_NR_truncate64] = { sys_truncate64, "sxx", 0 },
    [TARGET_NR_ugetrlimit] = { sys_ugetrlimit, "dp", 0 },
    [TARGET_NR_umask] = { sys_umask, "o", 0 },
    [TARGET_NR_uname] = { sys_uname, "p", 0 },
    [TARGET_NR_unlink] = { sys_unlink, "s", 0 },
    [TARGET_NR_unlinkat] = { sys_unlinkat, "Fsx", 0 },
    [TARGET_NR_utime] = { sys_utime, "sp", 0 },
    [TARGET_NR_utimensat] = { sys_utimensat, "Fspx", 0 },
    [TARGET_NR_utimensat_time64] = { sys_utimensat_time64, "Fspx", 0 },
    [TARGET_NR_utimes] = { sys_utimes, "sp", 0 },
    [TARGET_NR_vfork] = { sys_vfork, "", 0 },
    [TARGET_NR_wait4] = { sys_wait4, "dpxp", SC_RESTART },
    [TARGET_NR_waitid] = { sys_waitid, "ddpxp", SC_RESTART },
    [TARGET_NR_waitpid] = { sys_waitpid, "dpx", SC_RESTART },
    [TARGET_NR_write] = { sys_write, "dpu", SC_RESTART },
    [TARGET_NR_writev] = { sys_writev, "dpd", SC_RESTART },
    [TARGET_NR_capget] = { sys_capget, "pp", 0 },
    [TARGET_NR_close_range] = { sys_close_range, "uux", 0 },
    [TARGET_NR_fgetxattr] = { sys_fgetxattr, "dspu", 0 },
    [TARGET_NR_flistxattr] = { sys_flistxattr, "dpu", 0 },
    [TARGET_NR_fremovexattr] = { sys_fremovexattr, "ds", 0 },
    [TARGET_NR_fsetxattr] = { sys_fsetxattr, "dspux", 0 },
    [TARGET_NR_getxattr] = { sys_getxattr, "sspu", 0 },
    [TARGET_NR_inotify_add_watch] = { sys_inotify_add_watch, "dsx", 0 },
    [TARGET_NR_inotify_init] = { sys_inotify_init, "", 0 },
    [TARGET_NR_inotify_init1] = { sys_inotify_init1, "x", 0 },
    [TARGET_NR_inotify_rm_watch] = { sys_inotify_rm_watch, "dd", 0 },
    [TARGET_NR_ioprio_get] = { sys_ioprio_get, "dd", 0 },
    [TARGET_NR_ioprio_set] = { sys_ioprio_set, "ddd", 0 },
    [TARGET_NR_lgetxattr] = { sys_lgetxattr, "sspu", 0 },
    [TARGET_NR_listxattr] = { sys_listxattr, "spu", 0 },
    [TARGET_NR_llistxattr] = { sys_llistxattr, "spu", 0 },
    [TARGET_NR_lremovexattr] = { sys_lremovexattr, "ss", 0 },
    [TARGET_NR_lsetxattr] = { sys_lsetxattr, "sspux", 0 },
    [TARGET_NR_mlock2] = { sys_mlock2, "pux", 0 },
    [TARGET_NR_pidfd_open] = { sys_pidfd_open, "dx", 0 },
    [TARGET_NR_removexattr] = { sys_removexattr, "ss", 0 },
    [TARGET_NR_sched_setparam] = { sys_sched_setparam, "dp", 0 },
    [TARGET_NR_sched_setscheduler] = { sys_sched_setscheduler, "ddp", 0 },
    [TARGET_NR_sethostname] = { sys_sethostname, "pu", 0 },
    [TARGET_NR_setxattr] = { sys_setxattr, "sspux", 0 },
    [TARGET_NR_signalfd] = { sys_signalfd, "dpu", 0 },
    [TARGET_NR_signalfd4] = { sys_signalfd4, "dpux", 0 },
    [TARGET_NR_splice] = { sys_splice, "dpdpux", SC_RESTART },
    [TARGET_NR_sync_file_range] = { sys_sync_file_range, "dxxxxx", 0 },
    [TARGET_NR_tee] = { sys_tee, "ddux", SC_RESTART },
};

static const char *const syscall_names[TARGET_NR_SYSCALLS] = { TARGET_SYSCALL_NAMES };

__thread int syscall_restart_nr = -1;

/* ---- -strace ---- */

static void print_string(FILE *f, abi_ulong addr)
{
    if (!addr) {
        fputs("NULL", f);
        return;
    }
    g_autofree char *s = lock_user_string(addr);
    if (!s) {
        fprintf(f, "0x%x", addr);
        return;
    }
    fputc('"', f);
    size_t n = strlen(s);
    for (size_t i = 0; i < n && i < 64; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            fprintf(f, "\\%c", c);
        } else if (c == '\n') {
            fputs("\\n", f);
        } else if (c < 32 || c >= 127) {
            fprintf(f, "\\%03o", c);
        } else {
            fputc(c, f);
        }
    }
    fputs(n > 64 ? "\"..." : "\"", f);
}

static void print_open_flags(FILE *f, abi_ulong fl)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" },
        { O_TRUNC, "O_TRUNC" }, { O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" },
        { O_DSYNC, "O_DSYNC" }, { O_DIRECT, "O_DIRECT" }, { TARGET_O_LARGEFILE, "O_LARGEFILE" },
        { O_DIRECTORY, "O_DIRECTORY" }, { O_NOFOLLOW, "O_NOFOLLOW" }, { O_NOATIME, "O_NOATIME" },
        { O_CLOEXEC, "O_CLOEXEC" }, { O_PATH, "O_PATH" },
    };
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    fputs(acc[fl & 3], f);
    fl &= ~3u;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if ((fl & names[i].bit) == names[i].bit) {
            fprintf(f, "|%s", names[i].name);
            fl &= ~names[i].bit;
        }
    }
    if (fl) {
        fprintf(f, "|0x%x", fl);
    }
}

static void print_syscall(int num, const SyscallDef *d, const abi_ulong *a)
{
    FILE *f = qemu_log_stream();
    const char *name = (num >= 0 && num < TARGET_NR_SYSCALLS) ? syscall_names[num] : NULL;
    /* A number with no name still gets its line, which the result ends. */
    if (name) {
        fprintf(f, "%d %s(", getpid(), name);
    } else {
        fprintf(f, "%d syscall_%d(", getpid(), num);
    }
    const char *fmt = d && d->fn ? d->fmt : "xxxxxx";
    for (int i = 0; fmt[i] && i < 6; i++) {
        if (i) {
            fputc(',', f);
        }
        switch (fmt[i]) {
        case 'd': fprintf(f, "%d", (int32_t)a[i]); break;
        case 'u': fprintf(f, "%u", a[i]); break;
        case 'o': fprintf(f, "%#o", a[i]); break;
        case 's': print_string(f, a[i]); break;
        case 'O': print_open_flags(f, a[i]); break;
        case 'P':
            if (a[i] == 0) {
                fputs("PROT_NONE", f);
            } else {
                const char *sep = "";
                static const char *const prot_names[] = { "PROT_READ", "PROT_WRITE", "PROT_EXEC" };
                for (int b = 0; b < 3; b++) {
                    if (a[i] & (1u << b)) {
                        fprintf(f, "%s%s", sep, prot_names[b]);
                        sep = "|";
                    }
                }
                if (a[i] & ~7u) {
                    fprintf(f, "%s0x%x", sep, a[i] & ~7u);
                }
            }
            break;
        case 'a':
            if (a[i] == 0) {
                fputs("NULL", f);
            } else {
                fprintf(f, "0x%08x", a[i]);
            }
            break;
        case 'F':
            if ((int32_t)a[i] == AT_FDCWD) {
                fputs("AT_FDCWD", f);
            } else {
                fprintf(f, "%d", (int32_t)a[i]);
            }
            break;
        case 'p':
            if (a[i] == 0) {
                fputs("NULL", f);
                break;
            }
            /* fall through */
        default: fprintf(f, "0x%x", a[i]); break;
        }
    }
    fputc(')', f);
    if (num == TARGET_NR_exit || num == TARGET_NR_exit_group) {
        fputc('\n', f); /* no result line follows */
    }
    fflush(f);
}

static void print_syscall_ret(const SyscallDef *d, abi_long ret)
{
    FILE *f = qemu_log_stream();
    if (ret == -TARGET_QEMU_ESIGRETURN) {
        fputs(" = ?\n", f);
    } else if (ret < 0 && ret >= -4095) {
        int e = -ret;
        const char *text = e == TARGET_ERESTARTSYS ? "To be restarted" : strerror(e);
        fprintf(f, " = -1 errno=%d (%s)\n", e, text);
    } else if (d && (d->flags & SC_RET_PTR)) {
        fprintf(f, " = 0x%08x\n", (uint32_t)ret);
    } else {
        fprintf(f, " = %d\n", ret);
    }
    fflush(f);
}

abi_long do_syscall(CPUX86State *env, int num, const abi_ulong args[6])
{
    const SyscallDef *d = (num >= 0 && num < TARGET_NR_SYSCALLS) ? &syscall_defs[num] : NULL;
    bool trace = do_strace || qemu_loglevel_mask(LOG_STRACE);
    if (trace) {
        print_syscall(num, d, args);
    }
    syscall_restart_nr = -1;
    abi_long ret;
    if (d && d->fn) {
        ret = d->fn(env, args);
    } else {
        const char *name = (num >= 0 && num < TARGET_NR_SYSCALLS) ? syscall_names[num] : NULL;
        qemu_log_mask(LOG_UNIMP, "Unsupported syscall: %d (%s)\n", num, name ? name : "unknown");
        ret = -ENOSYS;
    }
    /* Interrupted by a signal the guest handles: restart it if the handler
     * has SA_RESTART (decided when the handler is set up). */
    if (ret == -EINTR && d && (d->flags & SC_RESTART) && signal_pending()) {
        ret = -TARGET_ERESTARTSYS;
        syscall_restart_nr = num;
    }
    if (trace) {
        print_syscall_ret(d, ret);
    }
    return ret;
}
