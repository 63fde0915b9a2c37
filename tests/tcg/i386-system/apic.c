/* The local APIC and the I/O APIC from the processor's side (SDM Vol. 3A
 * chapter 11, 82093AA datasheet): self IPIs through the ICR, the ISR bit
 * in the handler and EOI, TPR/PPR masking by priority class, nesting of a
 * higher class inside a handler while a lower one waits, RTC interrupts
 * routed through an I/O APIC redirection entry (edge, then level with
 * Remote IRR and the EOI that re-sends a still-asserted line), INIT/SIPI
 * broadcast to absent processors, ESR, the forced LVT masks of a software-
 * disabled APIC and IA32_APIC_BASE relocation.  The 8259s stay masked. */
#include "sys.h"

const char test_name[] = "apic";

#define APIC 0xfee00000u
#define IOAPIC 0xfec00000u
#define RTC_PIN 8                     /* ISA IRQ 8 on I/O APIC pin 8 */

static volatile u32 count[256];
static volatile u32 isr_in_handler, tmr_in_handler;
static volatile u32 nested_hi, nested_lo;
static volatile u32 remote_irr_in_handler, level_resends;

static u32 apic_rd(u32 off) { return mmio_read(APIC + off); }
static void apic_wr(u32 off, u32 v) { mmio_write(APIC + off, v); }
static u32 ioapic_rd(u32 reg) { mmio_write(IOAPIC, reg); return mmio_read(IOAPIC + 0x10); }
static void ioapic_wr(u32 reg, u32 v) { mmio_write(IOAPIC, reg); mmio_write(IOAPIC + 0x10, v); }
static int bit256(u32 base, int v) { return (apic_rd(base + 0x10 * (v / 32)) >> (v % 32)) & 1; }
static int irr(int v) { return bit256(0x200, v); }
static int isr(int v) { return bit256(0x100, v); }
static int tmr(int v) { return bit256(0x180, v); }
static void self_ipi(int v) { apic_wr(0x300, 0x40000 | v); }   /* shorthand self, fixed, edge */
static void eoi(void) { apic_wr(0xb0, 0); }
static void window(void) { __asm__ volatile("sti\n\tnop\n\tnop\n\tcli" ::: "memory"); }

static u8 rtc_read(u8 reg) { outb(0x70, reg); return inb(0x71); }
static void rtc_write(u8 reg, u8 v) { outb(0x70, reg); outb(0x71, v); }

static void count_hook(struct frame *f)
{
    count[f->vec]++;
    isr_in_handler = isr(f->vec);
    tmr_in_handler = tmr(f->vec);
    eoi();
}

/* Vector 0x70's handler: a class-8 IPI nests, a class-6 one waits. */
static void nesting_hook(struct frame *f)
{
    count[f->vec]++;
    self_ipi(0x65);
    self_ipi(0x80);
    window();
    nested_hi = count[0x80];
    nested_lo = count[0x65];
    eoi();
}

static void rtc_edge_hook(struct frame *f)
{
    count[f->vec]++;
    rtc_read(0x0c);                 /* acknowledge: the RTC drops IRQ 8 */
    eoi();
}

/* Level-triggered: the first time EOI with the line still high (the I/O
 * APIC must send it again), the second time acknowledge the RTC first. */
static void rtc_level_hook(struct frame *f)
{
    count[f->vec]++;
    remote_irr_in_handler = ioapic_rd(0x10 + 2 * RTC_PIN) & 0x4000;
    tmr_in_handler = tmr(f->vec);
    if (count[f->vec] == 1) {
        eoi();
        return;
    }
    level_resends++;
    rtc_read(0x0c);
    eoi();
}

static int wait_for(volatile u32 *counter, u32 n)
{
    __asm__ volatile("sti");
    for (u32 i = 0; i < 50000000 && *counter < n; i++)
        __asm__ volatile("pause");
    __asm__ volatile("cli");
    return *counter >= n;
}

int main(void)
{
    u32 a, b, c, d;

    cpuid(1, &a, &b, &c, &d);
    if (!(d & (1u << 9))) {
        puts("  skip: CPUID.01H:EDX.APIC clear\n");
        return 0;
    }
    outb(0x21, 0xff);               /* both 8259s masked: only the APICs deliver */
    outb(0xa1, 0xff);
    apic_wr(0xf0, 0x1ff);           /* software enabled, spurious vector FFh */
    apic_wr(0x80, 0);
    apic_wr(0x350, 0x10700);        /* LINT0 masked */
    u8 apic_id = apic_rd(0x20) >> 24;

    puts("self IPI: IRR while IF=0, ISR in the handler, EOI (SDM 11.6.1, 11.8.4)\n");
    hooks[0x51] = count_hook;
    self_ipi(0x51);
    check(irr(0x51) && count[0x51] == 0, "IRR bit set, not delivered with IF=0");
    check((apic_rd(0x300) & 0x1000) == 0, "ICR delivery status idle after the send");
    window();
    check(count[0x51] == 1, "delivered once after STI (%u)", count[0x51]);
    check(isr_in_handler, "ISR bit set in the handler");
    check(!tmr_in_handler, "TMR clear: an IPI is edge triggered");
    check(!isr(0x51) && !irr(0x51), "ISR and IRR clear after EOI");

    puts("TPR blocks its class and below (SDM 11.8.3.1)\n");
    hooks[0x55] = count_hook;
    apic_wr(0x80, 0x60);
    self_ipi(0x55);
    window();
    check(count[0x55] == 0, "class 5 under TPR 60h: held");
    CHECK_EQ(apic_rd(0xa0) & 0xff, 0x60, "PPR = TPR with nothing in service");
    apic_wr(0x80, 0x50);
    window();
    check(count[0x55] == 0, "class 5 under TPR 50h: still held (class must be above)");
    apic_wr(0x80, 0x4f);
    window();
    check(count[0x55] == 1, "TPR 4Fh: delivered (%u)", count[0x55]);
    apic_wr(0x80, 0);

    puts("in service: a higher class nests, a lower one waits for EOI\n");
    hooks[0x70] = nesting_hook;
    hooks[0x80] = count_hook;
    hooks[0x65] = count_hook;
    self_ipi(0x70);
    window();
    check(count[0x70] == 1, "vector 70h taken");
    check(nested_hi == 1, "80h nested inside the 70h handler (%u)", nested_hi);
    check(nested_lo == 0, "65h not taken while 70h is in service (%u)", nested_lo);
    window();
    check(count[0x65] == 1, "65h taken after the EOI (%u)", count[0x65]);

    puts("I/O APIC: the RTC's IRQ 8 through redirection entry 8 (edge)\n");
    hooks[0x38] = rtc_edge_hook;
    rtc_read(0x0c);
    rtc_write(0x0a, 0x26);          /* 32.768 kHz time base, 1024 Hz periodic */
    rtc_write(0x0b, (rtc_read(0x0b) & ~0x70) | 0x40);   /* PIE only */
    ioapic_wr(0x11 + 2 * RTC_PIN, (u32)apic_id << 24);
    ioapic_wr(0x10 + 2 * RTC_PIN, 0x38);                /* fixed, physical, edge, high */
    int got = wait_for(&count[0x38], 3);
    check(got, "3 RTC interrupts at vector 38h (%u)", count[0x38]);
    check((ioapic_rd(0x10 + 2 * RTC_PIN) & 0x1000) == 0, "delivery status idle");

    puts("level-triggered: Remote IRR until EOI, a still-high line is sent again\n");
    ioapic_wr(0x10 + 2 * RTC_PIN, 0x10000);             /* mask while switching */
    hooks[0x39] = rtc_level_hook;
    rtc_read(0x0c);
    ioapic_wr(0x10 + 2 * RTC_PIN, 0x8039);              /* level, vector 39h */
    got = wait_for(&level_resends, 1);
    check(got, "the EOI with IRQ 8 still high brought it again");
    check(count[0x39] >= 2, "vector 39h taken twice (%u)", count[0x39]);
    check(remote_irr_in_handler, "Remote IRR set while the interrupt is in service");
    check(tmr_in_handler, "TMR set for a level-triggered vector");
    ioapic_wr(0x10 + 2 * RTC_PIN, 0x18039);             /* masked */
    rtc_write(0x0b, rtc_read(0x0b) & ~0x40);
    rtc_read(0x0c);
    /* One may have been sent just before the mask and wait in the local
     * APIC's IRR: let it in, so its EOI clears Remote IRR. */
    window();
    check((ioapic_rd(0x10 + 2 * RTC_PIN) & 0x4000) == 0, "Remote IRR clear after the last EOI");

    puts("INIT-SIPI-SIPI to all excluding self: nobody else is there (SDM 11.6.1)\n");
    apic_wr(0x310, 0);
    apic_wr(0x300, 0x000c4500);     /* INIT, assert, level */
    apic_wr(0x300, 0x000c4610);     /* SIPI, vector 10h */
    apic_wr(0x300, 0x000c4610);
    check((apic_rd(0x300) & 0x1000) == 0, "the BSP carries on; delivery status idle");

    puts("errors (ESR, SDM 11.5.3) and the software-disabled state (11.4.7.2)\n");
    apic_wr(0x280, 0);
    apic_wr(0x280, 0);
    self_ipi(0x05);
    apic_wr(0x280, 0);
    sdm_check(apic_rd(0x280) & 0x20, "self IPI with vector 5: ESR send illegal vector (%x)",
              apic_rd(0x280));
    sdm_check(!irr(0x05), "vector 5 not accepted into IRR (11.5.2)");
    apic_wr(0xf0, 0xff);
    apic_wr(0x320, 0x40);
    sdm_check(apic_rd(0x320) & 0x10000, "LVT mask stays set while software disabled (%x)",
              apic_rd(0x320));
    apic_wr(0xf0, 0x1ff);
    apic_wr(0x320, 0x10040);

    puts("IA32_APIC_BASE: relocation (SDM 11.4.4)\n");
    u64 base = rdmsr(0x1b);
    wrmsr(0x1b, (base & 0xfff) | 0xfe800000u);
    u32 moved = mmio_read(0xfe800030);
    sdm_check((moved & 0xff) >= 0x10 && (moved & 0xff) <= 0x15,
              "the version register answers at the new base fe800000 (%x)", moved);
    wrmsr(0x1b, base);
    check((apic_rd(0x30) & 0xff) >= 0x10, "back at fee00000 (version %x)", apic_rd(0x30));
    return 0;
}
