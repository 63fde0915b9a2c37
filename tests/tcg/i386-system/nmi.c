/* NMI (SDM Vol. 3A 6.7.1 "Handling Multiple NMIs", 10.6.1 ICR delivery
 * mode 100b): an NMI sent to this CPU through its local APIC's ICR is taken
 * with EFLAGS.IF = 0, and a second NMI arriving while the handler runs is
 * held until the handler's IRET, then delivered once. */
#include "sys.h"

const char test_name[] = "nmi";

#define APIC 0xfee00000u

static volatile u32 nmi_count, count_in_handler, held_during_wait;

static void send_nmi_to_self(void)
{
    u32 id = mmio_read(APIC + 0x20) >> 24;
    mmio_write(APIC + 0x310, id << 24);
    mmio_write(APIC + 0x300, (4u << 8) | (1u << 14));   /* NMI, assert, physical destination */
}

static int wait_count(u32 n)
{
    for (u32 i = 0; i < 20000000 && nmi_count < n; i++)
        __asm__ volatile("pause");
    return nmi_count >= n;
}

static void nmi_hook(struct frame *f)
{
    nmi_count++;
    if (nmi_count == 1) {
        send_nmi_to_self();
        for (volatile u32 i = 0; i < 200000; i++) {
        }
        held_during_wait = nmi_count;
    }
    count_in_handler = nmi_count;
}

int main(void)
{
    u32 a, b, c, d;

    cpuid(1, &a, &b, &c, &d);
    if (!(d & (1u << 9))) {
        puts("  skip: CPUID.01H:EDX.APIC clear\n");
        return 0;
    }
    mmio_write(APIC + 0xf0, 0x1ff);                  /* SVR: software enabled */
    hooks[2] = nmi_hook;

    puts("NMI through the ICR with EFLAGS.IF = 0\n");
    __asm__ volatile("cli");
    send_nmi_to_self();
    check(wait_count(1), "the NMI was taken with IF = 0 (count %u)", nmi_count);
    check(caught.f.vec == 2, "through vector 2 (%u)", caught.f.vec);

    puts("a second NMI during the handler waits for its IRET\n");
    check(held_during_wait == 1, "not taken inside the handler (count there %u)", held_during_wait);
    check(wait_count(2), "taken after the IRET (count %u)", nmi_count);
    for (volatile u32 i = 0; i < 200000; i++) {
    }
    check(nmi_count == 2, "exactly once (count %u)", nmi_count);
    hooks[2] = 0;
    return 0;
}
