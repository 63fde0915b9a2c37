/* External interrupts (SDM Vol. 3A 6.3, 6.8): the 8259A PIC + 8254 PIT
 * IRQ0 taken in HLT after STI (the STI interrupt shadow, SDM Vol. 2B STI),
 * IF=0 holding an IRQ pending; the xAPIC local APIC at 0xfee00000 (SDM
 * Vol. 3A chapter 11): enable via SVR, version register, timer one-shot
 * and periodic (11.5.4), delivery through the IDT, ISR bit until EOI. */
#include "sys.h"

const char test_name[] = "interrupts";

#define APIC 0xfee00000u
static volatile u32 irq0_count, apic_count, isr_in_handler, eoi_in_hook = 1;

static void irq0_hook(struct frame *f)
{
    (void)f;
    irq0_count++;
    outb(0x20, 0x20);               /* non-specific EOI */
}

static void apic_hook(struct frame *f)
{
    (void)f;
    apic_count++;
    isr_in_handler = mmio_read(APIC + 0x100 + 0x10 * (0x40 / 32)) & (1u << (0x40 % 32));
    if (eoi_in_hook)
        mmio_write(APIC + 0xb0, 0);
}

static void pic_init(u8 mask)
{
    /* ICW1-4 (8259A datasheet): edge, cascade, vectors 0x20/0x28, 8086 mode */
    outb(0x20, 0x11); outb(0xa0, 0x11);
    outb(0x21, 0x20); outb(0xa1, 0x28);
    outb(0x21, 0x04); outb(0xa1, 0x02);
    outb(0x21, 0x01); outb(0xa1, 0x01);
    outb(0x21, mask); outb(0xa1, 0xff);
}

static int wait_for(volatile u32 *counter, u32 n)
{
    for (u32 i = 0; i < 50000000 && *counter < n; i++)
        __asm__ volatile("pause");
    return *counter >= n;
}

int main(void)
{
    u32 a, b, c, d, after_hlt;

    cpuid(1, &a, &b, &c, &d);
    if (d & (1u << 9)) {
        /* Virtual wire mode (MP spec 1.4, 3.6.2.2): the PIC's INTR reaches
         * the processor through LINT0 as ExtINT.  After reset the LVT is
         * masked (SDM Vol. 3A 11.4.7.1); a BIOS sets this up, -bios has
         * none.  Software-enable the APIC first (masks are forced while
         * SVR bit 8 is clear, 11.4.7.2). */
        mmio_write(APIC + 0xf0, 0x1ff);
        mmio_write(APIC + 0x350, 0x700);
        mmio_write(APIC + 0x360, 0x400);
    }
    puts("PIC + PIT: IRQ0 at vector 0x20, taken in HLT after STI\n");
    hooks[0x20] = irq0_hook;
    pic_init(0xfe);
    outb(0x43, 0x34);               /* PIT channel 0, lobyte/hibyte, mode 2 */
    outb(0x40, 1193 & 0xff);        /* ~1 kHz */
    outb(0x40, 1193 >> 8);
    for (int i = 0; i < 5; i++) {
        __asm__ volatile("movl $1f, %0\n\tsti\n\thlt\n1:\tcli" : "=m"(after_hlt) :: "memory");
    }
    check(irq0_count >= 5, "5 HLTs woken by IRQ0 (count %u)", irq0_count);
    check(caught.f.vec == 0x20, "delivered at vector 0x20 (ICW2 base)");
    check(caught.f.eip == after_hlt, "pushed EIP %x is the instruction after HLT (%x)", caught.f.eip, after_hlt);
    check(caught.f.eflags & 0x200, "pushed EFLAGS has IF");

    puts("IF=0 keeps IRQ0 pending; one instruction after STI it is taken\n");
    {
        u32 before = irq0_count;
        for (volatile int i = 0; i < 2000000; i++) {
        }
        /* The PIT ran while IF=0: the IRR has IRQ0; OCW3 reads it */
        outb(0x20, 0x0a);
        u8 irr = inb(0x20);
        check(irq0_count == before, "no delivery while IF=0 (%u -> %u)", before, irq0_count);
        check(irr & 1, "PIC IRR shows IRQ0 pending (%x)", irr);
        __asm__ volatile("sti\n\tnop\n\tcli" ::: "memory");
        /* At least once: the PIT keeps running in real time, and on a
         * loaded host another period may end while the handler runs. */
        check(irq0_count >= before + 1, "delivered after STI (%u -> %u)", before, irq0_count);
    }
    outb(0x21, 0xff);               /* mask everything on the PIC */
    hooks[0x20] = 0;

    if (!(d & (1u << 9))) {
        puts("  skip local APIC: CPUID.01H:EDX.APIC clear\n");
        return 0;
    }
    puts("local APIC (xAPIC, SDM Vol. 3A chapter 11)\n");
    u64 base = rdmsr(0x1b);
    check((base & 0xfffff000u) == APIC && (base & 0x800) && (base & 0x100),
          "IA32_APIC_BASE %x: base fee00000, enabled, BSP", (u32)base);
    u32 ver = mmio_read(APIC + 0x30);
    check((ver & 0xff) >= 0x10 && (ver & 0xff) <= 0x15, "version register %x: integrated APIC (10h-15h)", ver);
    check(((ver >> 16) & 0xff) >= 3, "max LVT entry %u >= 3", (ver >> 16) & 0xff);
    mmio_write(APIC + 0xf0, 0x1ff);                 /* SVR: APIC software enabled, spurious 0xff */
    mmio_write(APIC + 0x80, 0);                     /* TPR 0 */
    check((mmio_read(APIC + 0xf0) & 0x1ff) == 0x1ff, "SVR reads back 1ff");

    hooks[0x40] = apic_hook;
    mmio_write(APIC + 0x3e0, 0xb);                  /* divide by 1 */
    mmio_write(APIC + 0x320, 0x40);                 /* one-shot, vector 0x40, unmasked */
    mmio_write(APIC + 0x380, 200000);
    __asm__ volatile("sti");
    check(wait_for(&apic_count, 1), "one-shot timer interrupt at vector 0x40");
    for (volatile int i = 0; i < 2000000; i++) {
    }
    __asm__ volatile("cli");
    check(apic_count == 1, "one-shot fires once (%u)", apic_count);
    check(isr_in_handler, "ISR bit of vector 0x40 set in the handler (before EOI)");
    check(mmio_read(APIC + 0x390) == 0, "current count 0 after expiry (%x)", mmio_read(APIC + 0x390));
    check((mmio_read(APIC + 0x120) & 1) == 0, "ISR bit clear after EOI");

    puts("periodic timer (LVT timer mode 01b)\n");
    apic_count = 0;
    mmio_write(APIC + 0x320, 0x20040);
    mmio_write(APIC + 0x380, 100000);
    __asm__ volatile("sti");
    wait_for(&apic_count, 4);
    check(apic_count >= 4, "periodic: 4 interrupts (%u)", apic_count);
    __asm__ volatile("cli");
    check(mmio_read(APIC + 0x390) <= 100000, "current count reloads from initial count");
    mmio_write(APIC + 0x320, 0x10040);              /* mask */
    mmio_write(APIC + 0x380, 0);

    puts("no EOI: a second interrupt of the same vector stays pending\n");
    eoi_in_hook = 0;
    apic_count = 0;
    mmio_write(APIC + 0x320, 0x40);
    mmio_write(APIC + 0x380, 1000);
    __asm__ volatile("sti");
    wait_for(&apic_count, 1);
    __asm__ volatile("cli");
    mmio_write(APIC + 0x380, 1000);                 /* fires while 0x40 is in service */
    for (volatile int i = 0; i < 1000000; i++) {
    }
    __asm__ volatile("sti\n\tnop\n\tnop\n\tcli");
    check(apic_count == 1, "not delivered while in service (%u)", apic_count);
    check(mmio_read(APIC + 0x220) & 1, "IRR bit of vector 0x40 set");
    eoi_in_hook = 1;
    mmio_write(APIC + 0xb0, 0);                     /* EOI the first: the pending one comes */
    __asm__ volatile("sti\n\tnop\n\tnop\n\tcli");
    check(apic_count == 2, "delivered after EOI (%u)", apic_count);
    return 0;
}
