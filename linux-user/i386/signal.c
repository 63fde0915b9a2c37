/*
 * i386 signal frames, laid out as a 32-bit process sees them on an x86-64
 * kernel: struct sigframe_ia32 / rt_sigframe_ia32 (arch/x86/include/asm/
 * sigframe.h) holding a struct sigcontext_32 (uapi asm/sigcontext.h) and,
 * for SA_SIGINFO, a compat siginfo and ucontext_ia32.  The "retcode" bytes
 * are those the kernel writes (arch/x86/kernel/signal_32.c); glibc passes
 * its own SA_RESTORER and both work.
 *
 * The FPU state is saved in struct _fpstate_32 right above the frame: the
 * x87 in FNSAVE format, then (magic 0: FXSR data follows) the FXSAVE image
 * with MXCSR and XMM0..7.  sc.fpstate points at it, the handler starts with
 * a reset FPU and SSE state (MXCSR 0x1f80, XMM zero), and sigreturn
 * restores the x87 from the FNSAVE part and MXCSR/XMM from the FXSAVE part,
 * as the kernel does (arch/x86/kernel/fpu/signal.c).
 */
#include <errno.h>
#include <string.h>

#include "linux-user/i386/syscall_nr.h"
#include "linux-user/qemu.h"
#include "target/i386/x87.h"
#include "target/i386/sse.h"

typedef struct TargetSigcontext {
    uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip;
    uint16_t cs, csh;
    uint32_t eflags;
    uint32_t esp_at_signal;
    uint16_t ss, ssh;
    uint32_t fpstate;   /* guest pointer to the FPU state, 0: none */
    uint32_t oldmask;
    uint32_t cr2;
} TargetSigcontext;

/* struct _fpstate_32: FNSAVE image, status, magic, FXSAVE image */
typedef struct TargetFpstate {
    uint8_t fnsave[108];
    uint16_t status;
    uint16_t magic;     /* 0xffff: FNSAVE only; 0: the FXSAVE image follows */
    uint8_t fxsave[512];
} TargetFpstate;
_Static_assert(sizeof(TargetFpstate) == 624, "struct _fpstate_32 is 624 bytes");

/* Stores the x87 state at guest address fp and resets the FPU for the
 * handler (fpu__clear_user_states). */
static bool save_fpstate(CPUX86State *env, TargetSigcontext *sc, uint32_t fp)
{
    TargetFpstate st;
    x87_get_fnsave(env, st.fnsave);
    st.status = x87_status_word(env);
    st.magic = 0;
    memset(st.fxsave, 0, sizeof(st.fxsave));
    x86_fxsave_image(env, st.fxsave);
    if (copy_to_user(fp, &st, sizeof(st)) != 0) {
        return false;
    }
    sc->fpstate = fp;
    return true;
}

static void restore_fpstate(CPUX86State *env, uint32_t fp)
{
    TargetFpstate st;
    if (fp == 0) {
        x87_reset(env);
        memset(env->xmm_regs, 0, sizeof(env->xmm_regs));
        env->mxcsr = MXCSR_RESET;
    } else if (copy_from_user(&st, fp, offsetof(TargetFpstate, fxsave)) == 0) {
        if (st.magic == 0 && copy_from_user(st.fxsave, fp + offsetof(TargetFpstate, fxsave),
                                            FXSAVE_IMAGE_USED) == 0) {
            x86_fxrstor_image(env, st.fxsave);
        }
        x87_set_fnsave(env, st.fnsave);
    }
}
_Static_assert(sizeof(TargetSigcontext) == 88, "struct sigcontext_32 is 88 bytes");

typedef struct TargetSigframe {
    uint32_t pretcode;
    int32_t sig;
    TargetSigcontext sc;
    uint8_t fpstate_unused[624];    /* struct _fpstate_32, kept for the offsets */
    uint32_t extramask;             /* high word of the old mask */
    uint8_t retcode[8];
} TargetSigframe;

typedef struct TargetUcontext {
    uint32_t uc_flags;
    uint32_t uc_link;
    TargetStack uc_stack;
    TargetSigcontext uc_mcontext;
    uint32_t uc_sigmask[2];
} TargetUcontext;
_Static_assert(sizeof(TargetUcontext) == 116, "struct ucontext_ia32");

typedef struct TargetRtSigframe {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo;
    uint32_t puc;
    TargetSiginfo info;
    TargetUcontext uc;
    uint8_t retcode[8];
} TargetRtSigframe;

/* Set by the cpu loop: the trap number and error code of the last fault,
 * reported in sigcontext as the kernel does (thread.trap_nr/error_code). */
__thread uint32_t cpu_loop_trapno, cpu_loop_err;

/* EFLAGS bits sigreturn may change (arch/x86/kernel/signal.c FIX_EFLAGS). */
#define FIX_EFLAGS (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O | DF_MASK | TF_MASK | RF_MASK | AC_MASK)

static void save_sigcontext(TargetSigcontext *sc, CPUX86State *env, uint32_t oldmask_lo)
{
    memset(sc, 0, sizeof(*sc));
    sc->gs = (uint16_t)env->segs[R_GS].selector;
    sc->fs = (uint16_t)env->segs[R_FS].selector;
    sc->es = (uint16_t)env->segs[R_ES].selector;
    sc->ds = (uint16_t)env->segs[R_DS].selector;
    sc->edi = env->regs[R_EDI];
    sc->esi = env->regs[R_ESI];
    sc->ebp = env->regs[R_EBP];
    sc->esp = env->regs[R_ESP];
    sc->ebx = env->regs[R_EBX];
    sc->edx = env->regs[R_EDX];
    sc->ecx = env->regs[R_ECX];
    sc->eax = env->regs[R_EAX];
    sc->trapno = cpu_loop_trapno;
    sc->err = cpu_loop_err;
    sc->eip = env->eip;
    sc->cs = (uint16_t)env->segs[R_CS].selector;
    sc->eflags = cpu_compute_eflags(env);
    sc->esp_at_signal = env->regs[R_ESP];
    sc->ss = (uint16_t)env->segs[R_SS].selector;
    sc->fpstate = 0;
    sc->oldmask = oldmask_lo;
    sc->cr2 = env->cr2_fault_addr;
}

/* Where the frame goes: the alternate stack if asked for and not on it
 * already; aligned so ((sp + 4) & 15) == 0 at handler entry (i386 psABI). */
static uint32_t get_sigframe(const TargetSigaction *ka, CPUX86State *env, size_t size)
{
    uint32_t sp = env->regs[R_ESP];
    if ((ka->flags & TARGET_SA_ONSTACK) && !(guest_sigaltstack.ss_flags & TARGET_SS_DISABLE) &&
        !guest_sigaltstack_active(sp)) {
        sp = guest_sigaltstack.ss_sp + guest_sigaltstack.ss_size;
    }
    sp -= (uint32_t)size;
    return ((sp + 4) & ~15u) - 4;
}

static void enter_handler(CPUX86State *env, const TargetSigaction *ka, uint32_t frame, int sig)
{
    env->regs[R_ESP] = frame;
    env->eip = ka->handler;
    env->regs[R_EAX] = (uint32_t)sig;
    x87_reset(env);   /* the handler starts with a clean FPU and SSE state */
    memset(env->xmm_regs, 0, sizeof(env->xmm_regs));
    env->mxcsr = MXCSR_RESET;
    /* The kernel reloads the flat segments and clears DF/TF/RF for the handler. */
    cpu_x86_load_seg(env, R_DS, TARGET_USER_DS);
    cpu_x86_load_seg(env, R_ES, TARGET_USER_DS);
    cpu_x86_load_seg(env, R_SS, TARGET_USER_DS);
    cpu_x86_load_seg(env, R_CS, TARGET_USER_CS);
    uint32_t fl = cpu_compute_eflags(env) & ~(DF_MASK | TF_MASK | RF_MASK);
    cpu_load_eflags(env, fl, FIX_EFLAGS);
}

bool setup_frame(int sig, const TargetSigaction *ka, uint64_t oldmask, CPUX86State *env)
{
    TargetSigframe f;
    uint32_t addr = get_sigframe(ka, env, sizeof(f) + sizeof(TargetFpstate));
    memset(&f, 0, sizeof(f));
    f.sig = sig;
    save_sigcontext(&f.sc, env, (uint32_t)oldmask);
    if (!save_fpstate(env, &f.sc, addr + (uint32_t)sizeof(f))) {
        return false;
    }
    f.extramask = (uint32_t)(oldmask >> 32);
    /* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
    static const uint8_t code[8] = { 0x58, 0xb8, TARGET_NR_sigreturn, 0, 0, 0, 0xcd, 0x80 };
    memcpy(f.retcode, code, sizeof(code));
    f.pretcode = (ka->flags & TARGET_SA_RESTORER) ? ka->restorer
                                                  : addr + (uint32_t)offsetof(TargetSigframe, retcode);
    if (copy_to_user(addr, &f, sizeof(f)) != 0) {
        return false;
    }
    enter_handler(env, ka, addr, sig);
    env->regs[R_EDX] = 0;
    env->regs[R_ECX] = 0;
    return true;
}

bool setup_rt_frame(int sig, const TargetSigaction *ka, const TargetSiginfo *info,
                    uint64_t oldmask, CPUX86State *env)
{
    TargetRtSigframe f;
    uint32_t addr = get_sigframe(ka, env, sizeof(f) + sizeof(TargetFpstate));
    memset(&f, 0, sizeof(f));
    f.sig = sig;
    f.pinfo = addr + (uint32_t)offsetof(TargetRtSigframe, info);
    f.puc = addr + (uint32_t)offsetof(TargetRtSigframe, uc);
    f.info = *info;
    f.uc.uc_flags = 0;
    f.uc.uc_link = 0;
    f.uc.uc_stack.ss_sp = guest_sigaltstack.ss_sp;
    f.uc.uc_stack.ss_size = guest_sigaltstack.ss_size;
    f.uc.uc_stack.ss_flags = (guest_sigaltstack.ss_flags & TARGET_SS_DISABLE) ? TARGET_SS_DISABLE
                             : guest_sigaltstack_active(env->regs[R_ESP]) ? TARGET_SS_ONSTACK : 0;
    save_sigcontext(&f.uc.uc_mcontext, env, (uint32_t)oldmask);
    if (!save_fpstate(env, &f.uc.uc_mcontext, addr + (uint32_t)sizeof(f))) {
        return false;
    }
    f.uc.uc_sigmask[0] = (uint32_t)oldmask;
    f.uc.uc_sigmask[1] = (uint32_t)(oldmask >> 32);
    /* movl $__NR_rt_sigreturn, %eax; int $0x80 */
    static const uint8_t code[8] = { 0xb8, TARGET_NR_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 };
    memcpy(f.retcode, code, sizeof(code));
    f.pretcode = (ka->flags & TARGET_SA_RESTORER) ? ka->restorer
                                                  : addr + (uint32_t)offsetof(TargetRtSigframe, retcode);
    if (copy_to_user(addr, &f, sizeof(f)) != 0) {
        return false;
    }
    enter_handler(env, ka, addr, sig);
    env->regs[R_EDX] = f.pinfo;
    env->regs[R_ECX] = f.puc;
    return true;
}

static bool restore_sigcontext(CPUX86State *env, const TargetSigcontext *sc)
{
    /* A bad selector would raise #GP inside cpu_x86_load_seg: check first. */
    if (!guest_selector_ok(env, sc->gs, false) || !guest_selector_ok(env, sc->fs, false) ||
        !guest_selector_ok(env, sc->es, false) || !guest_selector_ok(env, sc->ds, false) ||
        (sc->cs | 3) != TARGET_USER_CS || (sc->ss | 3) != TARGET_USER_DS) {
        return false;
    }
    cpu_x86_load_seg(env, R_GS, sc->gs);
    cpu_x86_load_seg(env, R_FS, sc->fs);
    cpu_x86_load_seg(env, R_ES, sc->es);
    cpu_x86_load_seg(env, R_DS, sc->ds);
    cpu_x86_load_seg(env, R_CS, TARGET_USER_CS);
    cpu_x86_load_seg(env, R_SS, TARGET_USER_DS);
    env->regs[R_EDI] = sc->edi;
    env->regs[R_ESI] = sc->esi;
    env->regs[R_EBP] = sc->ebp;
    env->regs[R_ESP] = sc->esp;
    env->regs[R_EBX] = sc->ebx;
    env->regs[R_EDX] = sc->edx;
    env->regs[R_ECX] = sc->ecx;
    env->regs[R_EAX] = sc->eax;
    env->eip = sc->eip;
    cpu_load_eflags(env, sc->eflags, FIX_EFLAGS);
    restore_fpstate(env, sc->fpstate);
    return true;
}

abi_long do_sigreturn(CPUX86State *env)
{
    /* The handler's ret popped pretcode and the retcode popped sig. */
    uint32_t addr = env->regs[R_ESP] - 8;
    TargetSigframe f;
    if (copy_from_user(&f, addr, sizeof(f)) != 0 || !restore_sigcontext(env, &f.sc)) {
        die_with_signal(SIGSEGV);
    }
    set_guest_sigmask(((uint64_t)f.extramask << 32) | f.sc.oldmask);
    return -TARGET_QEMU_ESIGRETURN;
}

abi_long do_rt_sigreturn(CPUX86State *env)
{
    uint32_t addr = env->regs[R_ESP] - 4;
    TargetRtSigframe f;
    if (copy_from_user(&f, addr, sizeof(f)) != 0 || !restore_sigcontext(env, &f.uc.uc_mcontext)) {
        die_with_signal(SIGSEGV);
    }
    set_guest_sigmask(((uint64_t)f.uc.uc_sigmask[1] << 32) | f.uc.uc_sigmask[0]);
    /* Errors restoring the alternate stack are ignored, as the kernel does. */
    do_sigaltstack(&f.uc.uc_stack, NULL, env->regs[R_ESP]);
    return -TARGET_QEMU_ESIGRETURN;
}
