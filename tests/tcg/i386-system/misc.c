/* CPUID (SDM Vol. 2A CPUID), RDTSC, RDMSR/WRMSR (IA32_TSC, SYSENTER MSRs,
 * an unimplemented MSR -> #GP(0)), the A20 gate through port 0x92 (the
 * address wraps at 1 MiB with A20 masked), and a hardware task switch by
 * a far CALL through a task gate, returned from with IRET (SDM Vol. 3A
 * 7.3, 7.4). */
#include "sys.h"

const char test_name[] = "misc";

/* The A20 probe runs from low memory (address bit 20 clear) on a low
 * stack: with A20 masked, every address with bit 20 set -- this image
 * lives at 1 MiB -- reaches the megabyte below it.  Returns the word read
 * at 0x90000 after writing 0x11111111 there and 0x22222222 at 0x190000
 * with A20 off, in EAX, and with A20 back on (after writing 0x33333333 at
 * 0x190000) in EDX. */
__asm__(".text\n"
        "a20_probe:\n\t"
        /* Both gates off: the 8042's output port (command D1h, A20 bit 1
         * clear, reset bit 0 kept high) and port 0x92 -- the PIIX ORs
         * them into A20M# (82371SB datasheet, port 92h) -- */
        "1: inb $0x64, %al\n\ttest $2, %al\n\tjnz 1b\n\t"
        "mov $0xd1, %al\n\toutb %al, $0x64\n\t"
        "2: inb $0x64, %al\n\ttest $2, %al\n\tjnz 2b\n\t"
        "mov $0xdd, %al\n\toutb %al, $0x60\n\t"
        "3: inb $0x64, %al\n\ttest $2, %al\n\tjnz 3b\n\t"
        "inb $0x92, %al\n\tand $0xfc, %al\n\toutb %al, $0x92\n\t"
        "movl $0x11111111, 0x90000\n\t"
        "movl $0x22222222, 0x190000\n\t"
        "mov 0x90000, %ecx\n\t"
        /* -- then port 0x92 alone turns it back on. */
        "inb $0x92, %al\n\tor $2, %al\n\tand $0xfe, %al\n\toutb %al, $0x92\n\t"
        "movl $0x33333333, 0x190000\n\t"
        "mov 0x90000, %edx\n\t"
        "mov %ecx, %eax\n\t"
        "ret\n"
        "a20_probe_end:\n");
extern char a20_probe[], a20_probe_end[];

static volatile u32 task_ran, task_eflags, task_link, task_tr;
static u8 task_stack[2048] __attribute__((aligned(16)));
static void task2_body(void)
{
    for (;;) {
        u16 tr;
        task_ran++;
        task_eflags = read_eflags();
        task_link = tss2.link;
        __asm__ volatile("str %0" : "=r"(tr));
        task_tr = tr;
        __asm__ volatile("iret");        /* NT=1: back to the previous task */
    }
}

int main(void)
{
    u32 a, b, c, d, max;
    char vendor[13];

    puts("CPUID (SDM Vol. 2A)\n");
    cpuid(0, &max, &b, &c, &d);
    memcpy(vendor, &b, 4); memcpy(vendor + 4, &d, 4); memcpy(vendor + 8, &c, 4);
    vendor[12] = 0;
    int printable = 1;
    for (int i = 0; i < 12; i++)
        printable &= vendor[i] >= 0x20 && vendor[i] < 0x7f;
    check(max >= 1 && printable, "leaf 0: max leaf %x, vendor \"%s\"", max, vendor);
    cpuid(1, &a, &b, &c, &d);
    printf("  info leaf 1: eax %x ebx %x ecx %x edx %x\n", a, b, c, d);
    check(((a >> 8) & 0xf) >= 6, "family %u >= 6 (P6 or later, as a pc's CPU)", (a >> 8) & 0xf);
    check((d & 0x11) == 0x11, "EDX has FPU and TSC");
    check(d & (1u << 5), "EDX has MSR (RDMSR/WRMSR)");
    cpuid(0x80000000, &a, &b, &c, &d);
    check(a >= 0x80000000 && a < 0x80000100, "extended leaf range 80000000h..%x", a);

    puts("RDTSC: monotonic; WRMSR IA32_TSC (10h) sets it (SDM Vol. 3B 17.17)\n");
    u64 t0 = rdtsc(), t1 = rdtsc();
    check(t1 > t0, "TSC increases (%x -> %x)", (u32)t0, (u32)t1);
    wrmsr(0x10, 0x100000000ull);
    t0 = rdtsc();
    sdm_check((t0 >> 32) == 1 && (u32)t0 < 0x40000000u, "after WRMSR 10h, 1_00000000h: TSC %x_%08x",
          (u32)(t0 >> 32), (u32)t0);

    puts("RDMSR/WRMSR\n");
    wrmsr(0x174, 0x08);
    check(rdmsr(0x174) == 0x08, "IA32_SYSENTER_CS (174h) reads back");
    wrmsr(0x176, 0x12345678);
    check(rdmsr(0x176) == 0x12345678, "IA32_SYSENTER_EIP (176h) reads back");
    TRY("mov $0x2ff0, %%ecx\n\trdmsr");
    sdm_check(TOOK() && caught.f.vec == 13 && caught.f.err == 0,
              "RDMSR of an unimplemented MSR (2ff0h) -> #GP(0) (SDM Vol. 2B RDMSR)");
    TRY("mov $0xc0000080, %%ecx\n\trdmsr\n\tor $0x4000, %%eax\n\twrmsr");
    /* IA32_EFER bit 14 is reserved (SDM Vol. 4 Table 2-2): #GP(0) */
    sdm_check(TOOK() && caught.f.vec == 13 && caught.f.err == 0,
              "WRMSR setting a reserved IA32_EFER bit -> #GP(0)");

    puts("A20 gate, port 0x92 bit 1 (fast A20): addresses wrap at 1 MiB when masked\n");
    {
        u32 lo, hi, saved = *(volatile u32 *)0x190000;
        memcpy((void *)0x8000, a20_probe, a20_probe_end - a20_probe);
        __asm__ volatile("mov %%esp, %%ebx\n\tmov $0x7ff0, %%esp\n\t"
                         "mov $0x8000, %%eax\n\tcall *%%eax\n\tmov %%ebx, %%esp"
                         : "=a"(lo), "=d"(hi) :: "ebx", "ecx", "memory");
        check(lo == 0x22222222, "A20 masked: the write to 190000h landed at 90000h (%x)", lo);
        check(hi == 0x22222222, "A20 enabled: 190000h and 90000h are distinct (%x)", hi);
        check(*(volatile u32 *)0x190000 == 0x33333333, "A20 enabled: 190000h holds its own value");
        check(inb(0x92) & 2, "port 0x92 bit 1 reads back set");
        /* The 8042's gate back on as it was (output port DFh). */
        while (inb(0x64) & 2) {
        }
        outb(0x64, 0xd1);
        while (inb(0x64) & 2) {
        }
        outb(0x60, 0xdf);
        *(volatile u32 *)0x190000 = saved;
    }

    puts("task switch: far CALL through a task gate, IRET back (SDM Vol. 3A 7.3)\n");
    tss2.eip = (u32)task2_body;
    tss2.esp = (u32)task_stack + sizeof(task_stack);
    tss2.eflags = 2;
    tss2.cs = SEL_KCODE;
    tss2.ds = tss2.es = tss2.ss = SEL_KDATA;
    tss2.cr3 = read_cr3();
    tss2.iomap = sizeof(tss2);
    __asm__ volatile("lcall $0x60, $0" ::: "eax", "ecx", "edx", "memory");
    check(task_ran == 1, "the new task ran (%u)", task_ran);
    check(task_tr == SEL_TSS2, "in the new task: TR %x", task_tr);
    check(task_eflags & 0x4000, "in the new task: EFLAGS.NT set (%x)", task_eflags);
    check(task_link == SEL_TSS, "new TSS back link = old TSS selector (%x)", task_link);
    {
        u16 tr;
        __asm__ volatile("str %0" : "=r"(tr));
        check(tr == SEL_TSS, "after IRET: TR %x again", tr);
    }
    check(((gdt[11 * 2 + 1] >> 8) & 0xf) == 9, "second TSS no longer busy after IRET (type %x)",
          (gdt[11 * 2 + 1] >> 8) & 0xf);
    check(((gdt[5 * 2 + 1] >> 8) & 0xf) == 0xb, "first TSS busy again (type %x)", (gdt[5 * 2 + 1] >> 8) & 0xf);
    __asm__ volatile("lcall $0x60, $0" ::: "eax", "ecx", "edx", "memory");
    check(task_ran == 2, "a second call resumes the task after its IRET (%u)", task_ran);

    puts("#TS: CALL to a TSS whose limit is below 67h (SDM 6.15 Interrupt 10, 7.3)\n");
    TRY("lcall $0x68, $0");
    check(TOOK() && caught.f.vec == 10 && caught.f.err == SEL_TSS_SHORT,
          "#TS(selector): vector %u err %x (expected 10, 68)", caught.f.vec, caught.f.err);
    {
        u16 tr;
        __asm__ volatile("str %0" : "=r"(tr));
        check(tr == SEL_TSS, "no task switch happened: TR %x", tr);
    }
    return 0;
}
