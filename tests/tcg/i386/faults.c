/*
 * Faulting instructions and raw system calls.
 *
 *  - UD2 and invalid encodings (LOCK on a non-lockable instruction, LEA
 *    with a register operand, LOCK on a register destination) raise #UD:
 *    SIGILL, si_code ILL_ILLOPN, si_addr and EIP at the instruction (SDM
 *    Vol. 3A 6.15 "Interrupt 6—Invalid Opcode Exception (#UD)": the saved
 *    instruction pointer points to the instruction that caused the fault).
 *  - INT3 is a trap: SIGTRAP with EIP after the instruction.
 *  - Privileged instructions (HLT, CLI) and INT n for a vector with DPL 0
 *    raise #GP: SIGSEGV with EIP at the instruction.
 *  - Loads from an unmapped page and stores to a read-only page raise #PF:
 *    SIGSEGV, si_code SEGV_MAPERR / SEGV_ACCERR, si_addr = the data address.
 *  - INT $0x80 system calls made by hand: write, getpid, an unknown number
 *    (-ENOSYS), a bad descriptor (-EBADF), and exit_group ending the run
 *    with status 3 (run-diff compares the exit status).
 *
 * After each caught signal the program continues (siglongjmp), so each line
 * also shows that execution resumes correctly after a fault.
 */
#include "common.h"
#include "sigcatch.h"
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FAULT_AT(insn) asm volatile("movl $1f, fault_expect\n1:\t" insn ::: "memory")

static void report(const char *what, int trap_len)
{
    /* For traps EIP is after the instruction: adjust before comparing. */
    fault_eip -= trap_len;
    fault_print(what);
}

static void try_ud(void)
{
#define UD(name, insn)                                                        \
    if (sigsetjmp(fault_jb, 1) == 0) {                                        \
        FAULT_AT(insn);                                                       \
        printf("%s: no fault\n", name);                                       \
    } else {                                                                  \
        report(name, 0);                                                      \
    }
    UD("ud2", "ud2")
    UD("lock nop", ".byte 0xf0, 0x90")
    UD("lea eax,eax", ".byte 0x8d, 0xc0")
    UD("lock add reg,reg", ".byte 0xf0, 0x01, 0xc0")
    UD("lock cmp mem", ".byte 0xf0, 0x39, 0x00")
    UD("cmpxchg8b reg", ".byte 0x0f, 0xc7, 0xc8")
    UD("mov to cs", ".byte 0x8e, 0xc8")
}

static void try_gp(void)
{
    /* These are #GP at CPL 3; Linux reports SIGSEGV with si_code SI_KERNEL
     * and si_addr 0, so only the signal and EIP are compared here. */
#define GP(name, insn)                                                        \
    if (sigsetjmp(fault_jb, 1) == 0) {                                        \
        FAULT_AT(insn);                                                       \
        printf("%s: no fault\n", name);                                       \
    } else {                                                                  \
        printf("%s: signal %d eip %s\n", name, fault_sig,                     \
               fault_eip == fault_expect ? "=insn" : "!=insn");               \
    }
    GP("hlt", "hlt")
    GP("cli", "cli")
    GP("int $0x81", "int $0x81")
    if (sigsetjmp(fault_jb, 1) == 0) {
        FAULT_AT("int3");
        printf("int3: no trap\n");
    } else {
        printf("int3: signal %d eip %s\n", fault_sig,
               fault_eip == fault_expect + 1 ? "=next" : "!=next");
    }
}

static void try_pf(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 0x5a;
    munmap(p + pg, pg);
    mprotect(p, pg, PROT_READ);
    volatile uint32_t v = 0;
    if (sigsetjmp(fault_jb, 1) == 0) {
        asm volatile("movl $1f, fault_expect\n1:\tmovl 16(%1), %0" : "=r"(v) : "r"(p + pg) : "memory");
        printf("load unmapped: no fault\n");
    } else {
        printf("load unmapped: signal %d code %d addr %s eip %s\n", fault_sig, fault_code,
               fault_addr == (uint32_t)(uintptr_t)(p + pg + 16) ? "=data" : "!=data",
               fault_eip == fault_expect ? "=insn" : "!=insn");
    }
    if (sigsetjmp(fault_jb, 1) == 0) {
        asm volatile("movl $1f, fault_expect\n1:\tincl 8(%0)" : : "r"(p) : "memory", "cc");
        printf("store read-only: no fault\n");
    } else {
        printf("store read-only: signal %d code %d addr %s eip %s value %x\n", fault_sig,
               fault_code, fault_addr == (uint32_t)(uintptr_t)(p + 8) ? "=data" : "!=data",
               fault_eip == fault_expect ? "=insn" : "!=insn", p[8]);
    }
    /* A REP MOVS faulting part-way leaves ECX/ESI/EDI at the faulting
     * iteration (SDM Vol. 2B REP: the registers reflect the progress), so
     * it can be restarted. */
    mprotect(p, pg, PROT_READ | PROT_WRITE);
    uint32_t si = (uint32_t)(uintptr_t)(p + pg - 64), di = (uint32_t)(uintptr_t)p, cx = 100;
    if (sigsetjmp(fault_jb, 1) == 0) {
        asm volatile("movl $1f, fault_expect\n1:\trep movsl\n\t" : "+S"(si), "+D"(di), "+c"(cx)
                     : : "memory");
        printf("rep movs across unmapped: no fault\n");
    } else {
        printf("rep movs fault: signal %d eip %s ecx %u esi %+d edi %+d\n", fault_sig,
               fault_eip == fault_expect ? "=insn" : "!=insn", fault_ecx,
               (int)(fault_esi - (uint32_t)(uintptr_t)(p + pg)),
               (int)(fault_edi - (uint32_t)(uintptr_t)p));
    }
    munmap(p, pg);
}

/* Raw INT $0x80: EAX number, EBX ECX EDX arguments, result in EAX. */
static long sys3(long nr, long a, long b, long c)
{
    long r;
    asm volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

static void syscalls(void)
{
    static const char msg[] = "written by int $0x80\n";
    fflush(stdout);
    long n = sys3(SYS_write, 1, (long)msg, sizeof(msg) - 1);
    printf("write returned %ld\n", n);
    printf("getpid consistent: %d\n", sys3(SYS_getpid, 0, 0, 0) == getpid());
    printf("unknown syscall: %ld\n", sys3(9999, 0, 0, 0));
    printf("write to bad fd: %ld\n", sys3(SYS_write, -1, (long)msg, 1));
    /* Registers other than EAX survive a system call. */
    uint32_t b = 1, c = (uint32_t)(uintptr_t)msg, d = 0, si = 0x5151, di = 0x6161;
    long r;
    asm volatile("push %%ebp\n\tmovl $0x7171, %%ebp\n\tint $0x80\n\tcmpl $0x7171, %%ebp\n\t"
                 "pop %%ebp\n\tjne 1f\n\torl $0x100000, %%esi\n1:"
                 : "=a"(r), "+b"(b), "+c"(c), "+d"(d), "+S"(si), "+D"(di)
                 : "a"(SYS_write) : "memory", "cc");
    printf("regs after syscall: %ld %x %x %x %x %x\n", r, b, c - (uint32_t)(uintptr_t)msg, d, si,
           di);
}

int main(void)
{
    setup_stdout();
    fault_catch(SIGILL);
    fault_catch(SIGSEGV);
    fault_catch(SIGTRAP);
    fault_catch(SIGBUS);
    try_ud();
    try_gp();
    try_pf();
    syscalls();
    printf("exiting with exit_group(3)\n");
    fflush(stdout);
    sys3(SYS_exit_group, 3, 0, 0);
    return 0;
}
