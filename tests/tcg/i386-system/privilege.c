/* Privilege levels (SDM Vol. 3A chapter 5, 6.12.1): CPL0 -> CPL3 with IRET,
 * back through an interrupt gate with the stack switch to TSS.ESP0/SS0,
 * a far CALL through a call gate, privileged instructions and segment
 * loads at CPL3, the I/O permission bitmap (SDM Vol. 1 19.5), alignment
 * checking (#AC), CR4.TSD, and SYSENTER/SYSEXIT with their MSRs. */
#include "sys.h"

const char test_name[] = "privilege";

extern u8 *const tss_iomap;
extern u32 cg_seen[6];
u32 tss_esp0(void);

static u8 ustack[4096] __attribute__((aligned(16)));
#define USTACK_TOP ((u32)ustack + sizeof(ustack))

/* results written at CPL3 (user code must not do I/O: no printing) */
static volatile u32 r_cs, r_ss, r_esp, r[16], r_err[16];

#define UTRY(i, insn) do { try_count = caught.count; \
    __asm__ volatile("movl $1f, fixup_eip\n\t" insn "\n1:\tmovl $0, fixup_eip" ::: "eax", "ecx", "edx", "memory"); \
    r[i] = caught.count != try_count; r_err[i] = caught.f.vec << 16 | caught.f.err; } while (0)

static void user_basic(void)
{
    __asm__ volatile("mov %%cs, %0\n\tmov %%ss, %1\n\tmov %%esp, %2" : "=m"(r_cs), "=m"(r_ss), "=m"(r_esp));
    __asm__ volatile("int $0x80" :: "a"(0x55));
}

static void user_callgate(void)
{
    __asm__ volatile("mov %%esp, %0\n\tlcall $0x33, $0" : "=m"(r_esp) :: "memory");
    __asm__ volatile("int $0x80" :: "a"(1));
}

static void user_priv(void)
{
    UTRY(0, "cli");
    UTRY(1, "hlt");
    UTRY(2, "mov %%cr0, %%eax");
    UTRY(3, "mov $0x10, %%ax\n\tmov %%ax, %%ds");       /* DPL 0 data at CPL 3 */
    __asm__ volatile("mov %0, %%ds" :: "r"(SEL_UDATA));
    UTRY(4, "inb $0x80, %%al");                          /* allowed by the bitmap */
    UTRY(5, "outb %%al, $0x80");
    UTRY(6, "inb $0x81, %%al");                          /* denied */
    UTRY(7, "mov $0x80, %%dx\n\tinw %%dx, %%ax");        /* 0x80 allowed, 0x81 denied */
    UTRY(8, "rdtsc");
    UTRY(9, "int $0x41");                                /* DPL 0 gate */
    __asm__ volatile("int $0x80" :: "a"(2));
}

static void user_iopl3(void)
{
    UTRY(0, "cli\n\tsti");
    UTRY(1, "inb $0x81, %%al");
    __asm__ volatile("int $0x80" :: "a"(3));
}

u32 ac_buf[4] __attribute__((aligned(16)));
static void user_ac(void)
{
    UTRY(0, "movl 1+ac_buf, %%eax");
    UTRY(1, "movl 4+ac_buf, %%eax");
    __asm__ volatile("int $0x80" :: "a"(4));
}

static void user_tsd(void)
{
    UTRY(0, "rdtsc");
    __asm__ volatile("int $0x80" :: "a"(5));
}

static volatile u32 se_cs, se_ss, se_esp, se_eflags;
static u8 se_stack[1024] __attribute__((aligned(16)));
__asm__(".text\n"
        "sysenter_entry:\n\t"
        "mov %cs, %eax\n\tmov %eax, %ss:se_cs\n\t"
        "mov %ss, %eax\n\tmov %eax, %ss:se_ss\n\t"
        "mov %esp, %ss:se_esp\n\t"
        "pushf\n\tpop %eax\n\tmov %eax, %ss:se_eflags\n\t"
        "sysexit\n");
extern char sysenter_entry[];

static void user_sysenter(void)
{
    __asm__ volatile("mov %%esp, %%ecx\n\tmov $1f, %%edx\n\tsysenter\n1:\t"
                     "mov %%cs, %0\n\tmov %%ss, %1" : "=m"(r_cs), "=m"(r_ss) :: "ecx", "edx", "eax", "memory");
    __asm__ volatile("int $0x80" :: "a"(6));
}

int main(void)
{
    int v;
    u32 a, b, c, d;
    cpuid(1, &a, &b, &c, &d);

    puts("CPL0 -> CPL3 by IRET, back by INT 0x80 through a DPL3 interrupt gate (SDM 6.12.1)\n");
    v = enter_user(user_basic, USTACK_TOP);
    check(v == 0x55, "returned from CPL3 with EAX %x", v);
    check(r_cs == SEL_UCODE && r_ss == SEL_UDATA, "at CPL3: CS %x SS %x", r_cs, r_ss);
    check(caught.f.cs == SEL_UCODE, "pushed CS %x (RPL 3)", caught.f.cs);
    check(caught.f.user_ss == SEL_UDATA && caught.f.user_esp == r_esp,
          "pushed SS:ESP %x:%x = the user stack %x:%x", caught.f.user_ss, caught.f.user_esp, SEL_UDATA, r_esp);
    check(caught.handler_esp == tss_esp0() - 20,
          "stack switched to TSS.ESP0: EIP pushed at %x (expected ESP0-20 = %x)", caught.handler_esp, tss_esp0() - 20);
    check(caught.f.eflags & 0x200, "pushed EFLAGS has IF (%x)", caught.f.eflags);

    puts("far CALL through a call gate to CPL0 (SDM 5.8.5, Figure 5-13), LRET back\n");
    v = enter_user(user_callgate, USTACK_TOP);
    check(v == 1, "call gate round trip returned");
    check(cg_seen[0] == SEL_KCODE, "in the gate target: CS %x", cg_seen[0]);
    check(cg_seen[1] == tss_esp0() - 16, "gate target stack at ESP0-16 (%x, expected %x)", cg_seen[1], tss_esp0() - 16);
    check(cg_seen[3] == SEL_UCODE && cg_seen[5] == SEL_UDATA && cg_seen[4] == r_esp - 0,
          "caller CS %x, SS:ESP %x:%x pushed", cg_seen[3], cg_seen[5], cg_seen[4]);

    puts("CPL3 with IOPL 0: privileged instructions, segment loads, I/O bitmap (SDM Vol. 1 19.5)\n");
    tss_iomap[0x80 / 8] &= ~1u;            /* allow port 0x80 only */
    v = enter_user(user_priv, USTACK_TOP);
    check(r[0] && r_err[0] == (13 << 16), "CLI at CPL3 > IOPL: #GP(0) (%x)", r_err[0]);
    check(r[1] && r_err[1] == (13 << 16), "HLT at CPL3: #GP(0) (%x)", r_err[1]);
    check(r[2] && r_err[2] == (13 << 16), "MOV from CR0 at CPL3: #GP(0) (%x)", r_err[2]);
    check(r[3] && r_err[3] == (13 << 16 | 0x10), "MOV DS, DPL0 selector at CPL3: #GP(10) (%x)", r_err[3]);
    check(!r[4], "IN from port 0x80, allowed by the bitmap: no fault");
    check(!r[5], "OUT to port 0x80, allowed by the bitmap: no fault");
    check(r[6] && r_err[6] == (13 << 16), "IN from port 0x81, denied: #GP(0) (%x)", r_err[6]);
    check(r[7] && r_err[7] == (13 << 16), "16-bit IN at 0x80 needs 0x81 too: #GP(0) (%x)", r_err[7]);
    check(!r[8], "RDTSC at CPL3 with CR4.TSD=0: no fault");
    check(r[9] && r_err[9] == (13 << 16 | (0x41 * 8 + 2)),
          "INT 0x41 (DPL 0 gate) at CPL3: #GP(41h*8+2) (%x, SDM 6.12.1.1)", r_err[9]);

    puts("CPL3 with IOPL 3: CLI/STI and every port allowed\n");
    user_eflags = 0x3202;
    v = enter_user(user_iopl3, USTACK_TOP);
    user_eflags = 0x202;
    check(!r[0] && !r[1], "IOPL 3: CLI/STI and IN 0x81 run (%u %u)", r[0], r[1]);

    puts("alignment check (#AC, SDM 6.15 Interrupt 17): CR0.AM + EFLAGS.AC at CPL3\n");
    write_cr0(read_cr0() | 0x40000);
    user_eflags = 0x40202;
    v = enter_user(user_ac, USTACK_TOP);
    sdm_check(r[0] && r_err[0] == (17 << 16), "misaligned load: #AC(0) (vector<<16|error %x)", r_err[0]);
    check(!r[1], "aligned load: no fault");
    user_eflags = 0x202;
    v = enter_user(user_ac, USTACK_TOP);
    check(!r[0], "EFLAGS.AC clear: misaligned load runs");
    write_cr0(read_cr0() & ~0x40000u);

    puts("CR4.TSD: RDTSC at CPL3 -> #GP(0)\n");
    write_cr4(read_cr4() | 4);
    v = enter_user(user_tsd, USTACK_TOP);
    write_cr4(read_cr4() & ~4u);
    check(r[0] && r_err[0] == (13 << 16), "RDTSC with TSD: #GP(0) (%x)", r_err[0]);

    if (d & (1u << 11)) {
        puts("SYSENTER/SYSEXIT (SDM Vol. 2B): MSRs 174h-176h, CPL3 -> CPL0 -> CPL3\n");
        wrmsr(0x174, SEL_KCODE);
        wrmsr(0x175, (u32)se_stack + sizeof(se_stack));
        wrmsr(0x176, (u32)sysenter_entry);
        check(rdmsr(0x174) == SEL_KCODE, "IA32_SYSENTER_CS reads back");
        check(rdmsr(0x175) == (u32)se_stack + sizeof(se_stack), "IA32_SYSENTER_ESP reads back");
        check(rdmsr(0x176) == (u32)sysenter_entry, "IA32_SYSENTER_EIP reads back");
        v = enter_user(user_sysenter, USTACK_TOP);
        check(v == 6, "round trip returned");
        check(se_cs == SEL_KCODE && se_ss == SEL_KDATA, "after SYSENTER: CS %x SS %x (MSR, MSR+8)", se_cs, se_ss);
        check(se_esp == (u32)se_stack + sizeof(se_stack), "after SYSENTER: ESP = IA32_SYSENTER_ESP");
        check(!(se_eflags & 0x200), "SYSENTER clears IF (EFLAGS %x)", se_eflags);
        check(r_cs == SEL_UCODE && r_ss == SEL_UDATA, "after SYSEXIT: CS %x SS %x (MSR+16|3, MSR+24|3)", r_cs, r_ss);
    } else {
        puts("  skip SYSENTER: CPUID.01H:EDX.SEP clear\n");
    }
    return 0;
}
