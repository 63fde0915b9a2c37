/* Exceptions through IDT interrupt and trap gates (SDM Vol. 3A chapter 6):
 * each is raised, taken and returned from with IRET; the vector, the
 * pushed EIP (fault: the faulting instruction; trap: the next one, SDM
 * Vol. 3A 6.5), CS, EFLAGS and error code (6.13, 6.15) are checked. */
#include "sys.h"

const char test_name[] = "exceptions";

#define EFL_MASK (~0x10000u)     /* RF (bit 16) may be set in a fault's image */

static int expect(int vec, int fault, u32 err, u32 efl, const char *what)
{
    int ok = check(TOOK(), "%s: an exception was delivered", what);
    u32 eip = fault ? try_at : try_after;
    ok &= check(caught.f.vec == (u32)vec, "%s: vector %u (expected %u)", what, caught.f.vec, vec);
    ok &= check(caught.f.eip == eip, "%s: pushed EIP %x (expected %s %x)", what, caught.f.eip,
                fault ? "faulting insn" : "next insn", eip);
    ok &= check(caught.f.cs == SEL_KCODE, "%s: pushed CS %x", what, caught.f.cs);
    ok &= check(((caught.f.eflags ^ efl) & EFL_MASK & ~0x8d5u) == 0,
                "%s: pushed EFLAGS %x (before %x, status flags not compared)", what, caught.f.eflags, efl);
    if (err != 0xffffffff)
        ok &= check(caught.f.err == err, "%s: error code %x (expected %x)", what, caught.f.err, err);
    return ok;
}

static volatile u32 dr6_seen, if_in_handler, tf_steps;
static void db_hook(struct frame *f)
{
    u32 dr6;
    __asm__ volatile("mov %%dr6, %0" : "=r"(dr6));
    dr6_seen = dr6;
    tf_steps++;
    f->eflags &= ~0x100u;            /* stop single-stepping */
}
static void if_hook(struct frame *f)
{
    if_in_handler = read_eflags() & 0x200;
    (void)f;
}

volatile u32 saved_esp;
static volatile u32 bounds[2] = { 10, 20 };

int main(void)
{
    u32 efl;
    int c;

    puts("#DE: DIV by zero is a fault (SDM 6.15, Interrupt 0)\n");
    efl = read_eflags();
    try_count = caught.count;
    __asm__ volatile("movl $1f, fixup_eip\n\tmovl $2f, try_at\n\tmovl $1f, try_after\n\t"
                     "xor %%ecx, %%ecx\n\tmov $7, %%eax\n\txor %%edx, %%edx\n"
                     "2:\tdivl %%ecx\n1:\tmovl $0, fixup_eip" ::: "eax", "ecx", "edx", "memory", "cc");
    expect(0, 1, 0xffffffff, efl, "#DE");

    puts("#DE: IDIV overflow (0x80000000:0 / -1)\n");
    try_count = caught.count;
    __asm__ volatile("movl $1f, fixup_eip\n\tmovl $2f, try_at\n\tmovl $1f, try_after\n\t"
                     "mov $-1, %%ecx\n\tmov $0x80000000, %%eax\n\tcltd\n"
                     "2:\tidivl %%ecx\n1:\tmovl $0, fixup_eip" ::: "eax", "ecx", "edx", "memory", "cc");
    expect(0, 1, 0xffffffff, efl, "#DE idiv");

    puts("#DB: EFLAGS.TF single-step trap after the next instruction, DR6.BS (SDM 17.3.1.4)\n");
    hooks[1] = db_hook;
    tf_steps = 0;
    c = caught.count;
    __asm__ volatile("movl $0, fixup_eip\n\t"
                     "movl $2f, try_at\n\tmovl $1f, try_after\n\t"
                     "pushf\n\torl $0x100, (%%esp)\n\tpopf\n"
                     "2:\tnop\n1:\tnop\n" ::: "memory", "cc");
    hooks[1] = 0;
    check(caught.count == c + 1 && tf_steps == 1, "#DB: one single-step trap (%u)", tf_steps);
    check(caught.f.vec == 1, "#DB: vector %u", caught.f.vec);
    /* POPF sets TF: no trap after POPF itself, one after the next
     * instruction (SDM Vol. 3A 17.3.1.4), EIP pointing past it */
    check(caught.f.eip == try_after,
          "#DB: pushed EIP %x is after the instruction following POPF (%x)", caught.f.eip, try_after);
    check(dr6_seen & 0x4000, "#DB: DR6.BS set (DR6 = %x)", dr6_seen);
    check(caught.f.eflags & 0x100, "#DB: pushed EFLAGS has TF (%x)", caught.f.eflags);

    puts("#BP: INT3 is a trap, EIP after it (SDM 6.15, Interrupt 3)\n");
    efl = read_eflags();
    TRY("int3");
    expect(3, 0, 0xffffffff, efl, "#BP");

    puts("#OF: INTO with OF=1 traps, with OF=0 does nothing\n");
    TRY("mov $0x7fffffff, %%eax\n\tadd $1, %%eax\n\tinto");
    check(caught.f.vec == 4 && caught.f.eip == try_after, "#OF: vector %u, EIP %x (expected %x)",
          caught.f.vec, caught.f.eip, try_after);
    c = caught.count;
    __asm__ volatile("xor %%eax, %%eax\n\tinto" ::: "eax", "cc");
    check(caught.count == c, "#OF: no exception with OF=0");

    puts("#BR: BOUND out of range is a fault; in range is not\n");
    c = caught.count;
    __asm__ volatile("mov $15, %%eax\n\tbound %%eax, (%0)" :: "r"(bounds) : "eax", "memory");
    check(caught.count == c, "#BR: 15 in [10,20]: no exception");
    try_count = caught.count;
    __asm__ volatile("movl $1f, fixup_eip\n\tmovl $2f, try_at\n\tmovl $1f, try_after\n\t"
                     "mov $21, %%eax\n"
                     "2:\tbound %%eax, (%0)\n1:\tmovl $0, fixup_eip" :: "r"(bounds) : "eax", "memory");
    expect(5, 1, 0xffffffff, read_eflags(), "#BR");

    puts("#UD: UD2 is a fault\n");
    TRY("ud2");
    expect(6, 1, 0xffffffff, read_eflags(), "#UD");

    {
        u32 a, b, cc, d;
        cpuid(1, &a, &b, &cc, &d);
        if (d & 1) {
            puts("#NM: x87 instruction with CR0.TS=1 (SDM 6.15, Interrupt 7)\n");
            write_cr0(read_cr0() & ~0x4u);          /* EM=0 */
            __asm__ volatile("fninit");
            write_cr0(read_cr0() | 0x8);            /* TS=1 */
            TRY("fld1");
            expect(7, 1, 0xffffffff, read_eflags(), "#NM");
            __asm__ volatile("clts");
            c = caught.count;
            __asm__ volatile("fld1\n\tfstp %%st(0)" ::: "memory");
            check(caught.count == c, "#NM: none after CLTS");
        } else {
            puts("  skip #NM: CPUID.01H:EDX.FPU clear\n");
        }
    }

    puts("#GP: selector beyond the GDT limit loaded into DS (SDM 6.15, Interrupt 13)\n");
    TRY("mov $0x1233, %%ax\n\tmov %%ax, %%ds");
    check(caught.f.vec == 13, "#GP: vector %u", caught.f.vec);
    check(caught.f.eip == try_at + 4, "#GP: EIP at the MOV DS (%x, expected %x)", caught.f.eip, try_at + 4);
    check(caught.f.err == 0x1230, "#GP: error code = selector with RPL cleared (%x, expected 1230: index 0x246, TI 0)", caught.f.err);
    __asm__ volatile("mov %w0, %%ds" :: "r"(SEL_KDATA));

    puts("#GP: TSS (system) selector loaded into ES -> #GP(selector)\n");
    TRY("mov $0x28, %%ax\n\tmov %%ax, %%es");
    __asm__ volatile("mov %w0, %%es" :: "r"(SEL_KDATA));
    check(caught.f.vec == 13 && caught.f.err == 0x28, "#GP(sel) TSS into ES: vector %u err %x",
          caught.f.vec, caught.f.err);

    puts("#GP: write through a read-only data segment -> #GP(0)\n");
    TRY("mov $0x40, %%ax\n\tmov %%ax, %%es\n\tmovl $1, %%es:0x200000");
    __asm__ volatile("mov %w0, %%es" :: "r"(SEL_KDATA));
    sdm_check(TOOK() && caught.f.vec == 13 && caught.f.err == 0, "#GP(0) on a write to a read-only data segment (SDM Vol. 3A 5.5): vector %u err %x", caught.f.vec, caught.f.err);

    puts("#GP: access beyond a segment limit -> #GP(0)\n");
    TRY("mov $0x48, %%ax\n\tmov %%ax, %%es\n\tmovl %%es:0xffe, %%eax");
    __asm__ volatile("mov %w0, %%es" :: "r"(SEL_KDATA));
    sdm_check(TOOK() && caught.f.vec == 13 && caught.f.err == 0, "#GP(0) beyond the ES limit (SDM Vol. 3A 5.3): vector %u err %x", caught.f.vec, caught.f.err);

    puts("#NP: not-present data segment loaded into DS (SDM 6.15, Interrupt 11)\n");
    TRY("mov $0x38, %%ax\n\tmov %%ax, %%es");
    __asm__ volatile("mov %w0, %%es" :: "r"(SEL_KDATA));
    check(caught.f.vec == 11, "#NP: vector %u", caught.f.vec);
    check(caught.f.err == 0x38, "#NP: error code %x (expected 38)", caught.f.err);
    check(caught.f.eip == try_at + 4, "#NP: EIP at the MOV ES");

    puts("#SS: not-present segment loaded into SS (SDM 6.15, Interrupt 12)\n");
    TRY("mov $0x38, %%ax\n\tmov %%ax, %%ss");
    check(caught.f.vec == 12 && caught.f.err == 0x38, "#SS(sel): vector %u err %x (expected 12, 38)",
          caught.f.vec, caught.f.err);
    puts("#GP: read-only segment loaded into SS -> #GP(selector)\n");
    TRY("mov $0x40, %%ax\n\tmov %%ax, %%ss");
    check(caught.f.vec == 13 && caught.f.err == 0x40, "#GP(sel) SS: vector %u err %x", caught.f.vec, caught.f.err);
    puts("#SS: SS-relative access beyond the SS limit -> #SS(0)\n");
    /* SS = 0x48 (limit 0xfff) with ESP inside it, so the handler itself
     * can push at CPL0 (same stack, SDM 6.12.1). */
    c = caught.count;
    __asm__ volatile("mov %%esp, saved_esp\n\t"
                     "movl $1f, fixup_eip\n\tmovl $2f, try_at\n\t"
                     "mov $0x48, %%ax\n\tmov %%ax, %%ss\n\tmov $0xff0, %%esp\n"
                     "2:\tmovl %%ss:0x1000, %%eax\n1:\t"
                     "mov $0x10, %%ax\n\tmov %%ax, %%ss\n\tmov saved_esp, %%esp\n\t"
                     "movl $0, fixup_eip"
                     ::: "eax", "memory");
    sdm_check(caught.count != c && caught.f.vec == 12 && caught.f.err == 0, "#SS(0): vector %u err %x (expected 12, 0)",
          caught.f.vec, caught.f.err);
    sdm_check(caught.count != c && caught.f.eip == try_at, "#SS(0): EIP at the access (%x, expected %x)", caught.f.eip, try_at);

    puts("IDT error codes (SDM 6.13: bit 1 IDT, index = vector)\n");
    idt_gate_present(0x42, 0);
    TRY("int $0x42");
    idt_gate_present(0x42, 1);
    check(TOOK() && caught.f.vec == 11 && caught.f.err == (0x42 * 8 + 2),
          "INT 0x42 through a not-present gate: #NP err %x (expected %x)", caught.f.err, 0x42 * 8 + 2);
    check(caught.f.eip == try_at, "#NP on INT n: EIP at the INT");
    idt_set_limit(0x50 * 8 - 1);
    TRY("int $0x60");
    idt_set_limit(256 * 8 - 1);
    check(TOOK() && caught.f.vec == 13 && caught.f.err == (0x60 * 8 + 2),
          "INT 0x60 beyond the IDT limit: #GP err %x (expected %x)", caught.f.err, 0x60 * 8 + 2);

    puts("interrupt gate clears IF, trap gate keeps it (SDM 6.12.1.3)\n");
    hooks[0x40] = if_hook;
    hooks[0x41] = if_hook;
    set_gate(0x41, ISR_ADDR(0x41), SEL_KCODE, 0xf, 0);
    __asm__ volatile("sti\n\tint $0x40\n\tcli" ::: "memory");
    check(if_in_handler == 0, "interrupt gate: IF clear in the handler");
    __asm__ volatile("sti\n\tint $0x41\n\tcli" ::: "memory");
    check(if_in_handler != 0, "trap gate: IF still set in the handler");
    check((caught.f.eflags & 0x200) != 0, "INT n: pushed EFLAGS has IF");
    return 0;
}
