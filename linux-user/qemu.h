/*
 * linux-user internals shared by its files: the guest address space layout,
 * the loaded image, guest memory access checks, mmap/brk, signals and the
 * syscall dispatcher.  One process, one guest thread for now (issue 4 adds
 * threads), so most state is global.
 */
#ifndef LINUX_USER_QEMU_H
#define LINUX_USER_QEMU_H

#include <limits.h>
#include <signal.h>
#include <ucontext.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/cpu-ldst.h"
#include "exec/page-protection.h"
#include "target/i386/cpu.h"

typedef uint32_t abi_ulong;
typedef int32_t abi_long;

/*
 * Guest address space.  A 32-bit process on an x86-64 kernel (what the host
 * runs natively) may map up to the compat TASK_SIZE, 0xffffe000
 * (arch/x86/include/asm/page_64_types.h: IA32_PAGE_OFFSET).  Q86 keeps the
 * page above it for the guest's GDT, out of the guest's reach for mmap.
 */
#define TARGET_TASK_SIZE      0xffffe000u
#define GUEST_GDT_ADDR        0xffffe000u
#define GUEST_MMAP_BASE       0x40000000u  /* first address tried for mmap(NULL) */
#define GUEST_PIE_BASE        0x56555000u  /* where ET_DYN programs load (x86-64 compat, no ASLR) */
#define GUEST_STACK_TOP       0xfffdd000u
#define GUEST_VSYSCALL_ADDR   GUEST_STACK_TOP  /* AT_SYSINFO's page, "[vdso]" */
/* 4 GiB plus a guard page: an access at 0xfffffffc of up to 16 bytes stays
 * inside the reservation. */
#define GUEST_RESERVATION     ((1ull << 32) + TARGET_PAGE_SIZE)

#define TARGET_PAGE_ALIGN(x)  (((x) + TARGET_PAGE_SIZE - 1) & ~(TARGET_PAGE_SIZE - 1))

/* Segment selectors of a 32-bit process on an x86-64 kernel
 * (arch/x86/include/asm/segment.h, CONFIG_X86_64: __USER32_CS = 4*8+3,
 * __USER_DS = 5*8+3, GDT_ENTRY_TLS_MIN = 12), which is what native runs see. */
#define TARGET_USER_CS        0x23
#define TARGET_USER_DS        0x2b
#define TARGET_GDT_ENTRY_TLS_MIN 12
#define TARGET_GDT_ENTRY_TLS_ENTRIES 3
#define TARGET_GDT_ENTRIES    16

/* ---- main.c: options and the program ---- */
extern const char *interp_prefix;     /* -L / QEMU_LD_PREFIX, or NULL */
extern char exec_path[PATH_MAX];      /* the guest program (for /proc/self/exe) */
extern const char *cpu_model;         /* -cpu / QEMU_CPU, NULL: default */
extern unsigned long guest_stack_size;
extern bool do_strace;
/* The emulator's own command-line options to repeat when a guest execve()s
 * another i386 program (NULL-terminated). */
extern char **reexec_options;

/* ---- elfload.c ---- */
typedef struct ImageInfo {
    uint32_t load_bias;     /* ET_DYN: added to every p_vaddr */
    uint32_t load_addr;     /* p_vaddr - p_offset of the first PT_LOAD, + bias */
    uint32_t entry;         /* the program's entry (AT_ENTRY) */
    uint32_t start_eip;     /* where the guest starts: the interpreter's entry if any */
    uint32_t phdr;          /* AT_PHDR */
    uint32_t phnum;
    uint32_t interp_base;   /* AT_BASE (0: no interpreter) */
    uint32_t start_code, end_code, start_data, end_data;
    uint32_t start_brk;
    uint32_t stack_limit, stack_top;
    uint32_t sp;            /* initial ESP: argc */
    uint32_t vsyscall;      /* AT_SYSINFO (0: none) */
    uint32_t arg_start, arg_end, env_start, env_end;
} ImageInfo;

/* Loads `filename` (an i386 ELF or a #! script) and builds the initial stack.
 * On failure returns false with a reason in err (no newline). */
bool loader_exec(const char *filename, char **argv, char **envp, CPUX86State *env,
                 ImageInfo *info, char *err, size_t errlen);

/* The loaded program (main.c), for /proc/self/maps. */
extern ImageInfo guest_image;

/* ---- proc_self.c ---- */
/* A descriptor for a /proc/self file the emulator fakes (maps, cmdline,
 * auxv), or -1. */
int open_guest_proc_file(const char *path);

/* ---- path.c ---- */
/* The host path for a guest path: under interp_prefix when that exists there.
 * Returns `path` itself or buf. */
const char *path_for_guest(const char *path, char *buf, size_t buflen);

/* True for /proc/self/exe and its aliases (syscall_fs.c): they name the
 * guest program, not the emulator. */
bool is_proc_self_exe(const char *path);

/* ---- uaccess.c: validating guest pointers ---- */
/* True if [addr, addr+len) is mapped and readable (write: writable) by the
 * guest; a write check unprotects pages that hold translated code. */
bool guest_access_ok(abi_ulong addr, abi_ulong len, bool write);
/* Host pointer to a validated guest range, or NULL (the caller returns EFAULT). */
void *lock_user(abi_ulong addr, abi_ulong len, bool write);
/* For buffers handed straight to a host syscall: the host kernel checks
 * them against the host mapping (which mirrors the guest's protections
 * inside the reservation) and fails with EFAULT itself, after doing what
 * the guest's kernel would have done first (a read at EOF succeeds with
 * any pointer).  Only the range end and code-page write protection are
 * handled here; NULL if the range leaves the guest space. */
void *lock_user_for_host(abi_ulong addr, abi_ulong len, bool write);
int copy_from_user(void *dst, abi_ulong src, size_t len);    /* 0 or -EFAULT */
int copy_to_user(abi_ulong dst, const void *src, size_t len);
int get_user_u32(uint32_t *val, abi_ulong addr);
int put_user_u32(uint32_t val, abi_ulong addr);
/* A NUL-terminated guest string copied to a g_malloc'ed buffer, or NULL
 * (EFAULT): an unreadable byte before the NUL, or more than 16 MiB. */
char *lock_user_string(abi_ulong addr);
/* Copies a NULL-terminated array of guest string pointers (argv/envp);
 * NULL on a bad pointer.  Free with g_strfreev. */
char **lock_user_string_array(abi_ulong addr);

/* ---- mmap.c ---- */
/* Reserves the 4 GiB guest space; fixed_base != 0 requests that address (-B).
 * Returns false with a reason. */
bool guest_space_reserve(uintptr_t fixed_base, char *err, size_t errlen);
bool guest_range_free(abi_ulong start, abi_ulong len);
/* READ_IMPLIES_EXEC personality: set for programs without PT_GNU_STACK. */
extern bool mmap_read_implies_exec;
/* Lowest free page-aligned range of len bytes at or above start below
 * TARGET_TASK_SIZE; (abi_ulong)-1 if none. */
abi_ulong mmap_find_free(abi_ulong start, abi_ulong len);
/* The address-space lock of the mmap family (held across fork too). */
void mmap_lock(void);
void mmap_unlock(void);
/* mmap/munmap/mprotect/mremap on the guest space: a guest address or a
 * negative errno (as the kernel returns them). */
abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags, int fd, uint64_t offset);
abi_long target_munmap(abi_ulong start, abi_ulong len);
abi_long target_mprotect(abi_ulong start, abi_ulong len, int prot);
abi_long target_mremap(abi_ulong old_addr, abi_ulong old_len, abi_ulong new_len,
                       int flags, abi_ulong new_addr);
void target_set_brk(abi_ulong start);
abi_ulong target_brk(abi_ulong new_brk);

/* ---- mmap_alias.c: code written through a second shared mapping ---- */
/* A MAP_SHARED view of fd at offset was mapped at [start, start+len). */
void alias_note_shared_map(uint32_t start, uint32_t len, int fd, uint64_t offset, int prot);
/* [start, start+len) was unmapped or replaced. */
void alias_forget_range(uint32_t start, uint32_t len);
/* After mprotect: watched views stay write-protected on the host. */
void alias_reprotect(uint32_t start, uint32_t len);
/* Host write fault at guest addr: true if it hit a watched view (the code
 * of its executable aliases is dropped and the write single-stepped). */
bool alias_write_fault(uint32_t addr, ucontext_t *uc);
/* Host SIGTRAP: true if it ends such a single step. */
bool alias_single_step_done(ucontext_t *uc);

/* ---- signal.c: guest signal state ---- */
#define TARGET_NSIG 64
#define TARGET_SA_NOCLDSTOP 0x00000001u
#define TARGET_SA_NOCLDWAIT 0x00000002u
#define TARGET_SA_SIGINFO   0x00000004u
#define TARGET_SA_RESTORER  0x04000000u
#define TARGET_SA_ONSTACK   0x08000000u
#define TARGET_SA_RESTART   0x10000000u
#define TARGET_SA_NODEFER   0x40000000u
#define TARGET_SA_RESETHAND 0x80000000u
#define TARGET_SIG_DFL 0u
#define TARGET_SIG_IGN 1u

typedef struct TargetSigaction {
    abi_ulong handler;
    abi_ulong flags;
    abi_ulong restorer;
    uint64_t mask;
} TargetSigaction;

/* compat_siginfo: 128 bytes (include/linux/compat.h, uapi siginfo.h). */
typedef struct TargetSiginfo {
    int32_t si_signo;
    int32_t si_errno;
    int32_t si_code;
    union {
        int32_t pad[29];
        struct { int32_t pid; uint32_t uid; int32_t value; } kill;  /* kill, rt, sigqueue */
        struct { int32_t tid; int32_t overrun; int32_t value; } timer;
        struct { int32_t pid; uint32_t uid; int32_t status; int32_t utime, stime; } chld;
        struct { uint32_t addr; } fault;
        struct { int32_t band; int32_t fd; } poll;
    } f;
} TargetSiginfo;
_Static_assert(sizeof(TargetSiginfo) == 128, "compat siginfo is 128 bytes");

typedef struct TargetStack {
    abi_ulong ss_sp;
    int32_t ss_flags;
    abi_ulong ss_size;
} TargetStack;

#define TARGET_SS_ONSTACK 1
#define TARGET_SS_DISABLE 2
#define TARGET_MINSIGSTKSZ 2048

/* Per guest thread. */
extern __thread uint64_t guest_sigmask;   /* blocked guest signals */
extern __thread TargetStack guest_sigaltstack;

static inline uint64_t sigbit(int sig)
{
    return 1ull << (sig - 1);
}

void signal_init(void);
/* Queues a synchronous signal (a fault of the current instruction). */
void queue_sync_signal(CPUX86State *env, int sig, int code, uint32_t addr);
/* Delivers whatever is pending and unblocked; called at every loop turn. */
void process_pending_signals(CPUX86State *env);
bool signal_pending(void);
/* Sets the guest's blocked mask (and the host's for asynchronous signals). */
void set_guest_sigmask(uint64_t mask);
int do_guest_sigaction(int sig, const TargetSigaction *act, TargetSigaction *old);
bool guest_sigaltstack_active(uint32_t sp);
/* sigaltstack(2) for the guest; sp is the current guest ESP. */
abi_long do_sigaltstack(const TargetStack *ss, TargetStack *old, uint32_t sp);
/* rt_sigsuspend: waits with `mask` until a handler is due; returns -EINTR. */
abi_long do_sigsuspend(uint64_t mask);
/* ppoll, pselect6 and epoll_pwait with a signal mask, ended by EINTR: the
 * signal that interrupted the wait is delivered under the wait's mask and
 * the handler's frame records the caller's (the kernel's saved_sigmask, as
 * for sigsuspend); without a handler to run the caller's mask comes back. */
void sigmask_after_interrupted_wait(uint64_t mask);
/* Blocked signals waiting for delivery (sigpending). */
uint64_t pending_guest_signals(void);
/* Terminates the emulator with `sig` so the exit status matches native. */
__attribute__((noreturn)) void die_with_signal(int sig);
/* Converts a host siginfo (of a signal sent to us) to the guest's. */
void host_to_target_siginfo(TargetSiginfo *t, const siginfo_t *h);

/* i386/signal.c: frames (arch/x86/include/asm/sigframe.h, ia32 layouts). */
bool setup_frame(int sig, const TargetSigaction *ka, uint64_t oldmask, CPUX86State *env);
bool setup_rt_frame(int sig, const TargetSigaction *ka, const TargetSiginfo *info,
                    uint64_t oldmask, CPUX86State *env);
abi_long do_sigreturn(CPUX86State *env);
abi_long do_rt_sigreturn(CPUX86State *env);

/* ---- i386/cpu_loop.c ---- */
void gdt_init(CPUX86State *env);
/* A new thread's own GDT, a copy of its parent's (0 or -ENOMEM); released
 * when the thread exits. */
abi_long gdt_clone(CPUX86State *child, const CPUX86State *parent);
void gdt_release(const CPUX86State *env);
/* In a forked child: only the caller's GDT is in use. */
void gdt_after_fork_child(const CPUX86State *env);
void target_cpu_init_regs(CPUX86State *env, const ImageInfo *info);
__attribute__((noreturn)) void cpu_loop(CPUX86State *env);
/* set_thread_area / get_thread_area on the guest GDT. */
abi_long do_set_thread_area(CPUX86State *env, abi_ulong ptr);
abi_long do_get_thread_area(CPUX86State *env, abi_ulong ptr);
/* True if sel names a usable data/code selector for DS/ES/FS/GS (sigreturn). */
bool guest_selector_ok(CPUX86State *env, uint32_t sel, bool code);

/* ---- thread.c ---- */
/* clone(CLONE_VM): a guest thread on a new host thread; its tid or -errno. */
abi_long do_clone_thread(CPUX86State *env, uint32_t flags, abi_ulong newsp, abi_ulong ptid,
                         abi_ulong tls, abi_ulong ctid);
/* exit(2): ends this guest thread (the process with the last one). */
__attribute__((noreturn)) void do_thread_exit(int status);
/* set_robust_list / get_robust_list of the calling thread. */
void thread_set_robust_list(uint32_t head);
uint32_t thread_robust_list(void);
/* exit_group: the robust futexes of every thread die with it. */
void exit_group_robust_lists(void);
void thread_set_clear_child_tid(uint32_t addr);
void thread_after_fork_child(void);

/* ---- syscall.c ---- */
/* Kernel-internal "restart the syscall" results (include/linux/errno.h). */
#define TARGET_ERESTARTSYS     512
#define TARGET_ERESTARTNOHAND  514
/* do_syscall's result when the registers were set by sigreturn. */
#define TARGET_QEMU_ESIGRETURN 513

abi_long do_syscall(CPUX86State *env, int num, const abi_ulong args[6]);
/* The last syscall's restart kind; signal delivery decides on EINTR. */
extern __thread int syscall_restart_nr;
void syscall_exit_group(int status) __attribute__((noreturn));

#endif
