/*
 * The i386 user-mode CPU: initial registers and segments, the guest GDT
 * (flat user code/data and the TLS entries of set_thread_area), and the
 * loop that runs guest code and turns exceptions into syscalls and signals.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "exec/exec-all.h"
#include "linux-user/i386/syscall_nr.h"
#include "linux-user/qemu.h"
#include "qemu/log.h"
#include "target/i386/x87.h"
#include "target/i386/sse.h"

extern __thread uint32_t cpu_loop_trapno, cpu_loop_err;

/* Descriptor words of the flat 4 GiB user segments: base 0, limit 0xfffff
 * pages, present, DPL 3, accessed (so the CPU never writes the GDT). */
#define FLAT_CODE_HI 0x00cffb00u  /* 32-bit, readable code */
#define FLAT_DATA_HI 0x00cff300u  /* 32-bit, writable data */
#define FLAT_LO      0x0000ffffu

/*
 * Each guest thread has its own GDT, as each task has its own TLS entries
 * on Linux (arch/x86/kernel/tls.c: thread.tls_array, copied into the GDT on
 * a context switch).  With one shared table, a thread's set_thread_area
 * would change the %gs descriptor of every other thread at its next
 * segment load (e.g. on sigreturn), and pthread_self() there would name
 * the wrong thread.
 *
 * A GDT is 16 entries (128 bytes); GDTs live in slots of 32 per page: first
 * the two pages above TARGET_TASK_SIZE, which the guest cannot map, then
 * read-only guest pages taken with target_mmap when more threads run at
 * once.  The pages are read-only on the host (a guest write faults as on
 * Linux, where the GDT is not the guest's); gdt_write() opens a page
 * briefly under gdt_lock.
 */
#define GDT_BYTES           (TARGET_GDT_ENTRIES * 8)
#define GDT_SLOTS_PER_PAGE  (TARGET_PAGE_SIZE / GDT_BYTES)
#define GDT_MAX_PAGES       64

typedef struct GdtPage {
    abi_ulong addr;
    uint32_t used; /* bit i: slot i holds a live thread's GDT */
} GdtPage;

static pthread_mutex_t gdt_lock = PTHREAD_MUTEX_INITIALIZER;
static GdtPage gdt_pages[GDT_MAX_PAGES];
static int gdt_npages;

static uint32_t *gdt_of(const CPUX86State *env)
{
    return g2h_untagged(env->gdt.base);
}

static void gdt_page_writable(abi_ulong gdt_base, bool writable)
{
    void *page = g2h_untagged(gdt_base & ~(abi_ulong)(TARGET_PAGE_SIZE - 1));
    mprotect(page, TARGET_PAGE_SIZE, writable ? PROT_READ | PROT_WRITE : PROT_READ);
}

void gdt_init(CPUX86State *env)
{
    /* Descriptors are written with their accessed bit set, so the CPU
     * never needs to write a GDT either. */
    void *p = mmap(g2h_untagged(GUEST_GDT_ADDR), 2 * TARGET_PAGE_SIZE, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED) {
        perror("qemu-i386: cannot map the guest GDT");
        exit(1);
    }
    page_set_flags(GUEST_GDT_ADDR, GUEST_GDT_ADDR + 2 * TARGET_PAGE_SIZE - 1, PAGE_VALID | PAGE_READ);
    gdt_pages[0] = (GdtPage){ .addr = GUEST_GDT_ADDR, .used = 1 };
    gdt_pages[1] = (GdtPage){ .addr = GUEST_GDT_ADDR + TARGET_PAGE_SIZE };
    gdt_npages = 2;
    env->gdt.base = GUEST_GDT_ADDR;
    env->gdt.limit = GDT_BYTES - 1;
    gdt_page_writable(env->gdt.base, true);
    uint32_t *gdt = gdt_of(env);
    gdt[(TARGET_USER_CS >> 3) * 2] = FLAT_LO;
    gdt[(TARGET_USER_CS >> 3) * 2 + 1] = FLAT_CODE_HI;
    gdt[(TARGET_USER_DS >> 3) * 2] = FLAT_LO;
    gdt[(TARGET_USER_DS >> 3) * 2 + 1] = FLAT_DATA_HI;
    gdt_page_writable(env->gdt.base, false);
}

abi_long gdt_clone(CPUX86State *child, const CPUX86State *parent)
{
    pthread_mutex_lock(&gdt_lock);
    abi_ulong base = 0;
    for (int i = 0; i < gdt_npages && !base; i++) {
        for (unsigned s = 0; s < GDT_SLOTS_PER_PAGE; s++) {
            if (!(gdt_pages[i].used & (1u << s))) {
                gdt_pages[i].used |= 1u << s;
                base = gdt_pages[i].addr + s * GDT_BYTES;
                break;
            }
        }
    }
    if (!base && gdt_npages < GDT_MAX_PAGES) {
        abi_long a = target_mmap(0, TARGET_PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (a >= 0 || a < -4095) {
            gdt_pages[gdt_npages++] = (GdtPage){ .addr = (abi_ulong)a, .used = 1 };
            base = (abi_ulong)a;
        }
    }
    if (base) {
        /* The child starts with the parent's TLS entries (copy_thread). */
        gdt_page_writable(base, true);
        memcpy(g2h_untagged(base), gdt_of(parent), GDT_BYTES);
        gdt_page_writable(base, false);
        child->gdt.base = base;
        child->gdt.limit = GDT_BYTES - 1;
    }
    pthread_mutex_unlock(&gdt_lock);
    return base ? 0 : -ENOMEM;
}

void gdt_after_fork_child(const CPUX86State *env)
{
    /* Only the forking thread exists: the lock may have been held by
     * another, whose slot is free now. */
    pthread_mutex_init(&gdt_lock, NULL);
    for (int i = 0; i < gdt_npages; i++) {
        gdt_pages[i].used = 0;
        if (env->gdt.base - gdt_pages[i].addr < TARGET_PAGE_SIZE) {
            gdt_pages[i].used = 1u << ((env->gdt.base - gdt_pages[i].addr) / GDT_BYTES);
        }
    }
}

void gdt_release(const CPUX86State *env)
{
    pthread_mutex_lock(&gdt_lock);
    for (int i = 0; i < gdt_npages; i++) {
        if (env->gdt.base - gdt_pages[i].addr < TARGET_PAGE_SIZE) {
            gdt_pages[i].used &= ~(1u << ((env->gdt.base - gdt_pages[i].addr) / GDT_BYTES));
        }
    }
    pthread_mutex_unlock(&gdt_lock);
}

static void gdt_write(CPUX86State *env, int entry, uint32_t lo, uint32_t hi)
{
    pthread_mutex_lock(&gdt_lock);
    gdt_page_writable(env->gdt.base, true);
    uint32_t *gdt = gdt_of(env);
    gdt[entry * 2] = lo;
    gdt[entry * 2 + 1] = hi;
    gdt_page_writable(env->gdt.base, false);
    pthread_mutex_unlock(&gdt_lock);
}

void target_cpu_init_regs(CPUX86State *env, const ImageInfo *info)
{
    uint32_t data_flags = FLAT_DATA_HI & 0x00f0ff00u;
    cpu_x86_load_seg_cache(env, R_CS, TARGET_USER_CS, 0, 0xffffffff, FLAT_CODE_HI & 0x00f0ff00u);
    cpu_x86_load_seg_cache(env, R_DS, TARGET_USER_DS, 0, 0xffffffff, data_flags);
    cpu_x86_load_seg_cache(env, R_ES, TARGET_USER_DS, 0, 0xffffffff, data_flags);
    cpu_x86_load_seg_cache(env, R_SS, TARGET_USER_DS, 0, 0xffffffff, data_flags);
    cpu_x86_load_seg_cache(env, R_FS, 0, 0, 0, 0);
    cpu_x86_load_seg_cache(env, R_GS, 0, 0, 0, 0);
    /* ELF_PLAT_INIT: the general registers start at zero (EDX = 0: no
     * rtld_fini for a static program); IF set. */
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[R_ESP] = info->sp;
    env->eip = info->start_eip;
    cpu_load_eflags(env, IF_MASK | 0x2, ~0u);
    x86_update_hflags(env);
}

/* ---- TLS: set_thread_area / get_thread_area (arch/x86/kernel/tls.c) ---- */

/* struct user_desc (asm/ldt.h): 16 bytes. */
typedef struct TargetUserDesc {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t flags;  /* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1
                        seg_not_present:1 useable:1 */
} TargetUserDesc;

static void fill_desc(const TargetUserDesc *u, uint32_t *lo, uint32_t *hi)
{
    uint32_t seg_32bit = u->flags & 1, contents = (u->flags >> 1) & 3;
    uint32_t read_exec_only = (u->flags >> 3) & 1, limit_in_pages = (u->flags >> 4) & 1;
    uint32_t seg_not_present = (u->flags >> 5) & 1, useable = (u->flags >> 6) & 1;
    /* LDT_empty / LDT_zero: clear the entry (asm/desc.h). */
    if ((u->base_addr == 0 && u->limit == 0 && contents == 0 && read_exec_only == 1 &&
         seg_32bit == 0 && limit_in_pages == 0 && seg_not_present == 1 && useable == 0) ||
        (u->base_addr == 0 && u->limit == 0 && (u->flags & 0x7f) == 0)) {
        *lo = *hi = 0;
        return;
    }
    *lo = ((u->base_addr & 0xffff) << 16) | (u->limit & 0xffff);
    *hi = (u->base_addr & 0xff000000) | ((u->base_addr & 0x00ff0000) >> 16) |
          (u->limit & 0xf0000) | ((read_exec_only ^ 1) << 9) | (contents << 10) |
          ((seg_not_present ^ 1) << 15) | (seg_32bit << 22) | (limit_in_pages << 23) |
          (useable << 20) | 0x7000 /* S=1, DPL=3 */ | DESC_A_MASK;
}

abi_long do_set_thread_area(CPUX86State *env, abi_ulong ptr)
{
    TargetUserDesc u;
    if (copy_from_user(&u, ptr, sizeof(u)) != 0) {
        return -EFAULT;
    }
    uint32_t *gdt = gdt_of(env);
    if (u.entry_number == (uint32_t)-1) {
        for (int i = TARGET_GDT_ENTRY_TLS_MIN; i < TARGET_GDT_ENTRY_TLS_MIN + TARGET_GDT_ENTRY_TLS_ENTRIES; i++) {
            if (gdt[i * 2] == 0 && gdt[i * 2 + 1] == 0) {
                u.entry_number = (uint32_t)i;
                break;
            }
        }
        if (u.entry_number == (uint32_t)-1) {
            return -ESRCH;
        }
        if (put_user_u32(u.entry_number, ptr) != 0) {
            return -EFAULT;
        }
    }
    if (u.entry_number < TARGET_GDT_ENTRY_TLS_MIN ||
        u.entry_number >= TARGET_GDT_ENTRY_TLS_MIN + TARGET_GDT_ENTRY_TLS_ENTRIES) {
        return -EINVAL;
    }
    /* contents 3 is a conforming code segment: refused (tls_desc_okay). */
    if (((u.flags >> 1) & 3) == 3 && !((u.flags >> 5) & 1)) {
        return -EINVAL;
    }
    uint32_t lo, hi;
    fill_desc(&u, &lo, &hi);
    gdt_write(env, (int)u.entry_number, lo, hi);
    /* A segment register already holding this selector keeps its cached
     * descriptor on hardware too; the kernel reloads FS/GS of the current
     * task, so do the same. */
    for (int seg = R_FS; seg <= R_GS; seg++) {
        if ((env->segs[seg].selector >> 3) == u.entry_number) {
            cpu_x86_load_seg(env, seg, (int)(u.entry_number * 8 + 3));
        }
    }
    return 0;
}

abi_long do_get_thread_area(CPUX86State *env, abi_ulong ptr)
{
    TargetUserDesc u;
    if (get_user_u32(&u.entry_number, ptr) != 0) {
        return -EFAULT;
    }
    if (u.entry_number < TARGET_GDT_ENTRY_TLS_MIN ||
        u.entry_number >= TARGET_GDT_ENTRY_TLS_MIN + TARGET_GDT_ENTRY_TLS_ENTRIES) {
        return -EINVAL;
    }
    uint32_t lo = gdt_of(env)[u.entry_number * 2], hi = gdt_of(env)[u.entry_number * 2 + 1];
    u.base_addr = (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000);
    u.limit = (lo & 0xffff) | (hi & 0xf0000);
    u.flags = ((hi >> 22) & 1) | (((hi >> 10) & 3) << 1) | ((((hi >> 9) & 1) ^ 1) << 3) |
              (((hi >> 23) & 1) << 4) | ((((hi >> 15) & 1) ^ 1) << 5) | (((hi >> 20) & 1) << 6);
    if (lo == 0 && hi == 0) {
        u.flags = (1 << 3) | (1 << 5); /* read_exec_only, seg_not_present: empty */
    }
    return copy_to_user(ptr, &u, sizeof(u));
}

bool guest_selector_ok(CPUX86State *env, uint32_t sel, bool code)
{
    sel &= 0xffff;
    if ((sel & ~3u) == 0) {
        return true; /* null selector */
    }
    if ((sel & 4) || (sel & 3) != 3 || (sel >> 3) >= TARGET_GDT_ENTRIES) {
        return false; /* no LDT; user privilege only */
    }
    uint32_t hi = gdt_of(env)[(sel >> 3) * 2 + 1];
    if (!(hi & DESC_P_MASK) || !(hi & DESC_S_MASK) || ((hi & DESC_DPL_MASK) >> DESC_DPL_SHIFT) != 3) {
        return false;
    }
    /* Data segments, or readable code, may go in DS/ES/FS/GS. */
    if ((hi & DESC_CS_MASK) && !(hi & DESC_R_MASK)) {
        return false;
    }
    (void)code;
    return true;
}

/* ---- the loop ---- */

static void fault_signal(CPUX86State *env, int trapno, int sig, int code, uint32_t addr)
{
    cpu_loop_trapno = (uint32_t)trapno;
    cpu_loop_err = (uint32_t)env->error_code;
    queue_sync_signal(env, sig, code, addr);
}

void cpu_loop(CPUX86State *env)
{
    CPUState *cs = env_cpu(env);
    current_cpu = cs;
    for (;;) {
        int trapnr = cpu_exec(cs);
        switch (trapnr) {
        case 0x80:
            if (!env->exception_is_int) {
                goto gpf;
            }
            {
                uint32_t next = env->exception_next_eip;
                abi_ulong args[6] = { env->regs[R_EBX], env->regs[R_ECX], env->regs[R_EDX],
                                      env->regs[R_ESI], env->regs[R_EDI], env->regs[R_EBP] };
                env->eip = next;
                abi_long ret = do_syscall(env, (int)env->regs[R_EAX], args);
                if (ret != -TARGET_QEMU_ESIGRETURN) {
                    env->regs[R_EAX] = (uint32_t)ret;
                }
            }
            break;
        case EXCP00_DIVZ:
            env->error_code = 0;
            fault_signal(env, trapnr, SIGFPE, FPE_INTDIV, env->eip);
            break;
        case EXCP01_DB:
        case EXCP_DEBUG:
            env->error_code = 0;
            fault_signal(env, 1, SIGTRAP, TRAP_BRKPT, env->eip);
            break;
        case EXCP03_INT3:
            /* The kernel reports int3 after the instruction (si_code SI_KERNEL). */
            if (env->exception_is_int) {
                env->eip = env->exception_next_eip;
            }
            env->error_code = 0;
            fault_signal(env, trapnr, SIGTRAP, SI_KERNEL, 0);
            break;
        case EXCP04_INTO:
        case EXCP05_BOUND:
            if (env->exception_is_int) {
                env->eip = env->exception_next_eip;
            }
            env->error_code = 0;
            fault_signal(env, trapnr, SIGSEGV, SI_KERNEL, 0);
            break;
        case EXCP06_ILLOP:
            env->error_code = 0;
            fault_signal(env, trapnr, SIGILL, ILL_ILLOPN, env->eip);
            break;
        case EXCP07_PREX:
            fault_signal(env, trapnr, SIGFPE, FPE_FLTINV, env->eip);
            break;
        case EXCP10_COPR:
            /* x87: si_code names the pending unmasked exception */
            env->error_code = 0;
            fault_signal(env, trapnr, SIGFPE,
                         x87_sigfpe_code(env) ? x87_sigfpe_code(env) : FPE_FLTINV, env->eip);
            break;
        case EXCP13_XMM:
            /* SSE: si_code names the unmasked exception flag in MXCSR */
            env->error_code = 0;
            fault_signal(env, trapnr, SIGFPE,
                         sse_sigfpe_code(env->mxcsr) ? sse_sigfpe_code(env->mxcsr) : FPE_FLTINV,
                         env->eip);
            break;
        case EXCP11_ALGN:
            fault_signal(env, trapnr, SIGBUS, BUS_ADRALN, env->cr2_fault_addr);
            break;
        case EXCP0A_TSS:
        case EXCP0B_NOSEG:
        case EXCP0C_STACK:
        case EXCP0D_GPF:
        gpf:
            fault_signal(env, EXCP0D_GPF, SIGSEGV, SI_KERNEL, 0);
            break;
        case EXCP0E_PAGE:
            fault_signal(env, trapnr, SIGSEGV, (env->error_code & 1) ? SEGV_ACCERR : SEGV_MAPERR,
                         env->cr2_fault_addr);
            break;
        case EXCP_INTERRUPT:
        case EXCP_YIELD:
        case EXCP_HLT:
        case EXCP_HALTED:
            break;
        case EXCP_ATOMIC:
            /* Single-threaded: nothing runs alongside, just go on. */
            break;
        default:
            if (trapnr >= 0 && trapnr < 256 && env->exception_is_int) {
                /* INT n through a DPL 0 gate: #GP (selector n*8+2). */
                env->error_code = trapnr * 8 + 2;
                goto gpf;
            }
            fprintf(stderr, "qemu-i386: unhandled CPU exception 0x%x at eip 0x%08x, aborting\n",
                    trapnr, env->eip);
            die_with_signal(SIGILL);
        }
        process_pending_signals(env);
    }
}
