/*
 * The local APIC state machine (hw/intc/apic.c) with a stand-in CPU whose
 * interrupt_request the stubs below maintain: IRR/ISR/TMR and EOI, the
 * priority rules (TPR, PPR), software-disabled LVT masks, the timer on the
 * qtest virtual clock, IPIs, the 8259 path through LINT0 and the level-
 * triggered EOI handshake with the I/O APIC.
 */
#include "hw/i386/apic.h"
#include "hw/intc/i8259.h"
#include "hw/intc/ioapic.h"
#include "test-isa-helpers.h"

#define APIC_BASE 0xfee00000u

/* ---- stand-ins for softmmu/cpus.c and accel/tcg ---- */

__thread CPUState *current_cpu;

void cpu_interrupt(CPUState *cs, uint32_t mask)
{
    cs->interrupt_request |= mask;
}

void cpu_reset_interrupt(CPUState *cs, uint32_t mask)
{
    cs->interrupt_request &= ~mask;
}

static X86CPU cpu;
static DeviceState *apic;
static IOAPICState *ioapic;
static qemu_irq *isa_irqs;
static int pic_int_level;

static void pic_int_handler(void *opaque, int n, int level)
{
    pic_int_level = level;
    apic_deliver_pic_intr(apic, level);
}

static uint32_t rd(uint32_t off)
{
    return address_space_ldl_le(&address_space_memory, APIC_BASE + off, MEMTXATTRS_UNSPECIFIED,
                                NULL);
}

static void wr(uint32_t off, uint32_t val)
{
    address_space_stl_le(&address_space_memory, APIC_BASE + off, val, MEMTXATTRS_UNSPECIFIED,
                         NULL);
}

static bool irr_has(int v)
{
    return rd(0x200 + 0x10 * (v / 32)) & (1u << (v % 32));
}

static bool isr_has(int v)
{
    return rd(0x100 + 0x10 * (v / 32)) & (1u << (v % 32));
}

static bool tmr_has(int v)
{
    return rd(0x180 + 0x10 * (v / 32)) & (1u << (v % 32));
}

static bool hard_pending(void)
{
    return cpu.parent_obj.interrupt_request & CPU_INTERRUPT_HARD;
}

static void ioapic_write(uint8_t reg, uint32_t val)
{
    address_space_stl_le(&address_space_memory, IOAPIC_DEFAULT_BASE, reg,
                         MEMTXATTRS_UNSPECIFIED, NULL);
    address_space_stl_le(&address_space_memory, IOAPIC_DEFAULT_BASE + 0x10, val,
                         MEMTXATTRS_UNSPECIFIED, NULL);
}

static uint32_t ioapic_read(uint8_t reg)
{
    address_space_stl_le(&address_space_memory, IOAPIC_DEFAULT_BASE, reg,
                         MEMTXATTRS_UNSPECIFIED, NULL);
    return address_space_ldl_le(&address_space_memory, IOAPIC_DEFAULT_BASE + 0x10,
                                MEMTXATTRS_UNSPECIFIED, NULL);
}

/* Power-up state, then software-enabled with spurious vector FFh. */
static void setup(bool enable)
{
    if (!apic) {
        test_isa_bus();          /* memory map, qtest clock, a bare ISA bus */
        cpu.parent_obj.env_ptr = &cpu.env;
        cpu.parent_obj.neg = &cpu.neg;
        apic = apic_create(&cpu);
        ioapic = ioapic_init(get_system_memory(), IOAPIC_DEFAULT_BASE);
        isa_irqs = i8259_init(test_isa_bus(), qemu_allocate_irq(pic_int_handler, NULL, 0));
    }
    qdev_reset_system();
    for (int i = 0; i < 16; i++) {
        qemu_set_irq(isa_irqs[i], 0);
    }
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        qemu_set_irq(qdev_get_gpio_in(DEVICE(ioapic), i), 0);
    }
    apic_reset(apic);
    cpu.parent_obj.interrupt_request = 0;
    if (enable) {
        wr(0xf0, 0x1ff);
    }
}

static void reset_state_matches_the_sdm(void)
{
    setup(false);
    g_assert_cmphex(cpu.env.apic_base_msr, ==, 0xfee00900);
    g_assert_cmphex(cpu_get_apic_base(apic), ==, 0xfee00900);
    g_assert_cmphex(rd(0x20), ==, 0);               /* ID = CPU index 0 */
    g_assert_cmphex(rd(0x30), ==, 0x00050014);      /* version 14h, 6 LVT entries */
    g_assert_cmphex(rd(0xf0), ==, 0xff);            /* software disabled */
    g_assert_cmphex(rd(0xe0), ==, 0xffffffff);      /* flat model */
    for (uint32_t off = 0x320; off <= 0x370; off += 0x10) {
        g_assert_cmphex(rd(off), ==, 0x00010000);
    }
    g_assert_cmphex(rd(0x3e0), ==, 0);
    g_assert_cmphex(rd(0x380), ==, 0);
    g_assert_cmphex(rd(0x390), ==, 0);
}

static void software_disabled_apic_keeps_lvt_masked(void)
{
    setup(false);
    wr(0x320, 0x40);
    g_assert_cmphex(rd(0x320), ==, 0x10040);        /* mask forced */
    wr(0xf0, 0x1ff);
    wr(0x320, 0x40);
    g_assert_cmphex(rd(0x320), ==, 0x40);
    wr(0xf0, 0xff);                                 /* disabling sets every mask */
    g_assert_cmphex(rd(0x320), ==, 0x10040);
    g_assert_cmphex(rd(0x350), ==, 0x10000);
}

static void fixed_interrupt_goes_irr_to_isr_and_eoi_clears_it(void)
{
    setup(true);
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x51, APIC_TRIGGER_EDGE);
    g_assert_true(irr_has(0x51));
    g_assert_false(tmr_has(0x51));
    g_assert_true(hard_pending());
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x51);
    g_assert_false(irr_has(0x51));
    g_assert_true(isr_has(0x51));
    g_assert_false(hard_pending());
    g_assert_cmpint(apic_get_interrupt(apic), ==, -1);
    g_assert_cmphex(rd(0xa0), ==, 0x50);            /* PPR: class of the one in service */
    wr(0xb0, 0);
    g_assert_false(isr_has(0x51));
    g_assert_cmphex(rd(0xa0), ==, 0);
}

static void software_disabled_apic_holds_requests(void)
{
    setup(false);
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x51, APIC_TRIGGER_EDGE);
    g_assert_true(irr_has(0x51));
    g_assert_false(hard_pending());
    g_assert_cmpint(apic_get_interrupt(apic), ==, -1);
    wr(0xf0, 0x1ff);
    g_assert_true(hard_pending());
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x51);
}

static void in_service_class_blocks_same_and_lower_classes(void)
{
    setup(true);
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x50, APIC_TRIGGER_EDGE);
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x50);
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x45, APIC_TRIGGER_EDGE);
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x5f, APIC_TRIGGER_EDGE);
    g_assert_false(hard_pending());                 /* class 4 and 5 wait for 0x50 */
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x61, APIC_TRIGGER_EDGE);
    g_assert_true(hard_pending());
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x61);   /* nests */
    wr(0xb0, 0);                                    /* retires 0x61, the highest */
    g_assert_true(isr_has(0x50));
    g_assert_false(isr_has(0x61));
    g_assert_false(hard_pending());
    wr(0xb0, 0);                                    /* retires 0x50 */
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x5f);
    wr(0xb0, 0);
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x45);
    wr(0xb0, 0);
    g_assert_cmpint(apic_get_interrupt(apic), ==, -1);
}

static void tpr_masks_classes_up_to_its_own(void)
{
    setup(true);
    wr(0x80, 0x5a);
    g_assert_cmphex(rd(0x80), ==, 0x5a);
    g_assert_cmphex(rd(0xa0), ==, 0x5a);            /* PPR = TPR with nothing in service */
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x5f, APIC_TRIGGER_EDGE);
    g_assert_false(hard_pending());
    g_assert_cmpint(apic_get_interrupt(apic), ==, -1);
    g_assert_cmphex(rd(0x90), ==, 0x5a);            /* APR = TPR: IRRV's class not above */
    wr(0x80, 0x4f);
    g_assert_cmphex(rd(0x90), ==, 0x50);            /* APR: the highest class */
    g_assert_true(hard_pending());
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x5f);
    g_assert_cmphex(rd(0xa0), ==, 0x50);            /* ISRV class above TPR's */
}

static void vectors_below_16_are_refused_with_esr(void)
{
    setup(true);
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x0e, APIC_TRIGGER_EDGE);
    g_assert_false(irr_has(0x0e));
    g_assert_cmphex(rd(0x280), ==, 0);              /* not latched before an ESR write */
    wr(0x280, 0);
    g_assert_cmphex(rd(0x280), ==, 0x40);           /* received illegal vector */
    wr(0x280, 0);
    g_assert_cmphex(rd(0x280), ==, 0);              /* back-to-back writes clear it */
    wr(0x040, 1);                                   /* a reserved register */
    wr(0x280, 0);
    g_assert_cmphex(rd(0x280), ==, 0x80);
}

static void error_lvt_signals_errors(void)
{
    setup(true);
    wr(0x370, 0xe3);
    wr(0x300, 0x00040005);                          /* self IPI with vector 5 */
    g_assert_true(irr_has(0xe3));
    wr(0x280, 0);
    g_assert_cmphex(rd(0x280), ==, 0x20);           /* send illegal vector */
}

static void self_ipi_and_broadcasts(void)
{
    setup(true);
    wr(0x300, 0x00040077);                          /* shorthand self, fixed */
    g_assert_true(irr_has(0x77));
    g_assert_cmphex(rd(0x300) & (1u << 12), ==, 0); /* delivery status idle */
    wr(0x300, 0x000c4500);                          /* INIT to all but self */
    wr(0x300, 0x000c4610);                          /* SIPI to all but self */
    g_assert_cmphex(cpu.parent_obj.interrupt_request & (CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI),
                    ==, 0);                         /* there are no others */
    wr(0x310, 0x01000000);
    wr(0x300, 0x00000481);                          /* NMI to absent APIC 1 */
    g_assert_cmphex(cpu.parent_obj.interrupt_request & CPU_INTERRUPT_NMI, ==, 0);
    wr(0x310, 0x00000000);
    wr(0x300, 0x00000400);                          /* NMI to APIC 0 */
    g_assert_cmphex(cpu.parent_obj.interrupt_request & CPU_INTERRUPT_NMI, ==, CPU_INTERRUPT_NMI);
    wr(0x300, 0x00080608);                          /* SIPI to all including self */
    g_assert_cmpint(apic_get_sipi_vector(apic), ==, 0x08);
    g_assert_true(cpu.parent_obj.interrupt_request & CPU_INTERRUPT_SIPI);
}

static void logical_destinations_flat_and_cluster(void)
{
    setup(true);
    wr(0xd0, 0x04000000);                           /* logical ID bit 2 */
    apic_deliver_irq(0x03, APIC_DESTMODE_LOGICAL, APIC_DM_FIXED, 0x60, APIC_TRIGGER_EDGE);
    g_assert_false(irr_has(0x60));
    apic_deliver_irq(0x06, APIC_DESTMODE_LOGICAL, APIC_DM_FIXED, 0x61, APIC_TRIGGER_EDGE);
    g_assert_true(irr_has(0x61));
    wr(0xe0, 0x0fffffff);                           /* cluster model */
    g_assert_cmphex(rd(0xe0), ==, 0x0fffffff);
    wr(0xd0, 0x32000000);                           /* cluster 3, member bit 1 */
    apic_deliver_irq(0x22, APIC_DESTMODE_LOGICAL, APIC_DM_FIXED, 0x62, APIC_TRIGGER_EDGE);
    g_assert_false(irr_has(0x62));
    apic_deliver_irq(0x32, APIC_DESTMODE_LOGICAL, APIC_DM_LOWPRI, 0x63, APIC_TRIGGER_EDGE);
    g_assert_true(irr_has(0x63));
    apic_deliver_irq(0xff, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x64, APIC_TRIGGER_EDGE);
    g_assert_true(irr_has(0x64));                   /* broadcast */
}

static void timer_one_shot_counts_down_and_fires_once(void)
{
    setup(true);
    wr(0x3e0, 0xb);                                 /* divide by 1 */
    wr(0x320, 0x40);
    wr(0x380, 100000);
    qtest_clock_step(40000);
    g_assert_cmpuint(rd(0x390), ==, 60000);
    g_assert_false(irr_has(0x40));
    qtest_clock_step(60000);
    g_assert_true(irr_has(0x40));
    g_assert_cmpuint(rd(0x390), ==, 0);
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x40);
    wr(0xb0, 0);
    qtest_clock_step(1000000);
    g_assert_false(irr_has(0x40));
    g_assert_cmpuint(rd(0x390), ==, 0);
}

static void timer_divider_scales_the_count(void)
{
    /* DCR encodings (SDM figure 10-10) and the divider they select */
    static const struct { uint32_t dcr; int div; } table[] = {
        { 0x0, 2 }, { 0x1, 4 }, { 0x2, 8 }, { 0x3, 16 },
        { 0x8, 32 }, { 0x9, 64 }, { 0xa, 128 }, { 0xb, 1 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(table); i++) {
        setup(true);
        wr(0x3e0, table[i].dcr);
        g_assert_cmphex(rd(0x3e0), ==, table[i].dcr);
        wr(0x380, 1000000);
        qtest_clock_step(128000);
        g_assert_cmpuint(rd(0x390), ==, 1000000 - 128000 / table[i].div);
    }
}

static void timer_periodic_reloads(void)
{
    setup(true);
    wr(0x3e0, 0x0);                                 /* divide by 2 */
    wr(0x320, 0x20041);
    wr(0x380, 50000);                               /* period 100 us */
    for (int i = 0; i < 3; i++) {
        qtest_clock_step(50000);
        g_assert_cmpuint(rd(0x390), ==, 25000);
        g_assert_false(irr_has(0x41));
        qtest_clock_step(50000);
        g_assert_true(irr_has(0x41));
        g_assert_cmpuint(rd(0x390), ==, 50000);
        g_assert_cmpint(apic_get_interrupt(apic), ==, 0x41);
        wr(0xb0, 0);
    }
    wr(0x380, 0);                                   /* a zero initial count stops it */
    qtest_clock_step(1000000);
    g_assert_false(irr_has(0x41));
}

static void masked_timer_counts_without_interrupting(void)
{
    setup(true);
    wr(0x3e0, 0xb);
    wr(0x320, 0x10042);
    wr(0x380, 1000);
    qtest_clock_step(500);
    g_assert_cmpuint(rd(0x390), ==, 500);
    qtest_clock_step(1000);
    g_assert_cmpuint(rd(0x390), ==, 0);
    g_assert_false(irr_has(0x42));
    g_assert_false(hard_pending());
}

static void level_eoi_lets_the_ioapic_send_again(void)
{
    qemu_irq pin3;

    setup(true);
    pin3 = qdev_get_gpio_in(DEVICE(ioapic), 3);
    ioapic_write(0x10 + 2 * 3, 0x8033);             /* level, vector 0x33, physical dest 0 */
    ioapic_write(0x11 + 2 * 3, 0);
    qemu_set_irq(pin3, 1);
    g_assert_true(irr_has(0x33));
    g_assert_true(tmr_has(0x33));
    g_assert_cmphex(ioapic_read(0x10 + 2 * 3) & 0x5000, ==, 0x4000);  /* Remote IRR */
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x33);
    wr(0xb0, 0);                                    /* line still high: sent again */
    g_assert_true(irr_has(0x33));
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x33);
    qemu_set_irq(pin3, 0);
    wr(0xb0, 0);
    g_assert_cmphex(ioapic_read(0x10 + 2 * 3) & 0x4000, ==, 0);
    g_assert_false(irr_has(0x33));
}

static void edge_ioapic_pin_delivers_each_rising_edge(void)
{
    qemu_irq pin5;

    setup(true);
    pin5 = qdev_get_gpio_in(DEVICE(ioapic), 5);
    ioapic_write(0x10 + 2 * 5, 0x0035);
    qemu_set_irq(pin5, 1);
    g_assert_true(irr_has(0x35));
    g_assert_false(tmr_has(0x35));
    g_assert_cmphex(ioapic_read(0x10 + 2 * 5) & 0x5000, ==, 0);
    g_assert_cmpint(apic_get_interrupt(apic), ==, 0x35);
    wr(0xb0, 0);
    g_assert_false(irr_has(0x35));
    qemu_set_irq(pin5, 0);
    qemu_set_irq(pin5, 1);
    g_assert_true(irr_has(0x35));
}

static void pic_reaches_the_cpu_only_through_extint_lint0(void)
{
    setup(false);
    /* Standard PC initialization: vectors 0x08 and 0x70, slave on IR2. */
    io_out(0x20, 0x11); io_out(0x21, 0x08); io_out(0x21, 0x04); io_out(0x21, 0x01);
    io_out(0xa0, 0x11); io_out(0xa1, 0x70); io_out(0xa1, 0x02); io_out(0xa1, 0x01);
    io_out(0x21, 0x00); io_out(0xa1, 0x00);

    qemu_irq_raise(isa_irqs[1]);
    g_assert_cmpint(pic_int_level, ==, 1);
    g_assert_false(apic_accept_pic_intr(apic));     /* LINT0 masked after reset */
    g_assert_false(hard_pending());
    g_assert_cmpint(cpu_get_pic_interrupt(&cpu.env), ==, -1);
    wr(0xf0, 0x1ff);
    wr(0x350, 0x8700);                              /* virtual wire: ExtINT */
    g_assert_true(apic_accept_pic_intr(apic));
    g_assert_true(hard_pending());
    g_assert_cmpint(cpu_get_pic_interrupt(&cpu.env), ==, 0x09);
    g_assert_false(hard_pending());                 /* INT dropped at INTA */
    io_out(0x20, 0x20);

    /* The APIC's own interrupts come first. */
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x80, APIC_TRIGGER_EDGE);
    qemu_irq_raise(isa_irqs[14]);
    g_assert_cmpint(cpu_get_pic_interrupt(&cpu.env), ==, 0x80);
    g_assert_cmpint(cpu_get_pic_interrupt(&cpu.env), ==, 0x76);
}

static void without_an_apic_the_8259_answers_inta(void)
{
    static X86CPU no_apic_cpu;

    setup(false);
    io_out(0x20, 0x11); io_out(0x21, 0x20); io_out(0x21, 0x04); io_out(0x21, 0x01);
    io_out(0x21, 0x00);
    no_apic_cpu.parent_obj.env_ptr = &no_apic_cpu.env;
    g_assert_cmpint(cpu_get_pic_interrupt(&no_apic_cpu.env), ==, -1);   /* INT low */
    qemu_irq_raise(isa_irqs[3]);
    g_assert_cmpint(cpu_get_pic_interrupt(&no_apic_cpu.env), ==, 0x23);
    g_assert_cmpint(pic_int_level, ==, 0);
    io_out(0x20, 0x20);
}

static void globally_disabled_apic_is_bypassed(void)
{
    setup(true);
    apic_deliver_irq(0, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x90, APIC_TRIGGER_EDGE);
    cpu_set_apic_base(apic, APIC_BASE);             /* clear bit 11 */
    g_assert_cmphex(cpu_get_apic_base(apic), ==, 0xfee00100);   /* BSP stays */
    g_assert_true(apic_accept_pic_intr(apic));
    g_assert_false(hard_pending());                 /* the pending 0x90 is lost */
    g_assert_cmphex(rd(0x30), !=, 0x00050014);      /* the page is gone */
    apic_deliver_pic_intr(apic, 1);
    g_assert_true(hard_pending());                  /* INTR straight from the 8259 */
    apic_deliver_pic_intr(apic, 0);
    g_assert_false(hard_pending());
    cpu_set_apic_base(apic, 0xfee00800);            /* power-up state again */
    g_assert_cmphex(rd(0x30), ==, 0x00050014);
    g_assert_cmphex(rd(0xf0), ==, 0xff);
    g_assert_false(irr_has(0x90));
}

static void apic_base_relocates_the_page(void)
{
    setup(true);
    g_assert_true(apic_base_valid(0xfed00900));
    g_assert_false(apic_base_valid(0x1fee00900ULL));
    g_assert_false(apic_base_valid(0xfee00a00));
    cpu_set_apic_base(apic, 0xfed00800);
    g_assert_cmphex(address_space_ldl_le(&address_space_memory, 0xfed00030,
                                         MEMTXATTRS_UNSPECIFIED, NULL), ==, 0x00050014);
    g_assert_cmphex(address_space_ldl_le(&address_space_memory, 0xfed000f0,
                                         MEMTXATTRS_UNSPECIFIED, NULL), ==, 0x1ff);
    cpu_set_apic_base(apic, 0xfee00800);
    g_assert_cmphex(rd(0x30), ==, 0x00050014);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/apic/reset_state_matches_the_sdm", reset_state_matches_the_sdm);
    g_test_add_func("/apic/software_disabled_apic_keeps_lvt_masked",
                    software_disabled_apic_keeps_lvt_masked);
    g_test_add_func("/apic/fixed_interrupt_goes_irr_to_isr_and_eoi_clears_it",
                    fixed_interrupt_goes_irr_to_isr_and_eoi_clears_it);
    g_test_add_func("/apic/software_disabled_apic_holds_requests",
                    software_disabled_apic_holds_requests);
    g_test_add_func("/apic/in_service_class_blocks_same_and_lower_classes",
                    in_service_class_blocks_same_and_lower_classes);
    g_test_add_func("/apic/tpr_masks_classes_up_to_its_own", tpr_masks_classes_up_to_its_own);
    g_test_add_func("/apic/vectors_below_16_are_refused_with_esr",
                    vectors_below_16_are_refused_with_esr);
    g_test_add_func("/apic/error_lvt_signals_errors", error_lvt_signals_errors);
    g_test_add_func("/apic/self_ipi_and_broadcasts", self_ipi_and_broadcasts);
    g_test_add_func("/apic/logical_destinations_flat_and_cluster",
                    logical_destinations_flat_and_cluster);
    g_test_add_func("/apic/timer_one_shot_counts_down_and_fires_once",
                    timer_one_shot_counts_down_and_fires_once);
    g_test_add_func("/apic/timer_divider_scales_the_count", timer_divider_scales_the_count);
    g_test_add_func("/apic/timer_periodic_reloads", timer_periodic_reloads);
    g_test_add_func("/apic/masked_timer_counts_without_interrupting",
                    masked_timer_counts_without_interrupting);
    g_test_add_func("/apic/level_eoi_lets_the_ioapic_send_again",
                    level_eoi_lets_the_ioapic_send_again);
    g_test_add_func("/apic/edge_ioapic_pin_delivers_each_rising_edge",
                    edge_ioapic_pin_delivers_each_rising_edge);
    g_test_add_func("/apic/pic_reaches_the_cpu_only_through_extint_lint0",
                    pic_reaches_the_cpu_only_through_extint_lint0);
    g_test_add_func("/apic/without_an_apic_the_8259_answers_inta",
                    without_an_apic_the_8259_answers_inta);
    g_test_add_func("/apic/globally_disabled_apic_is_bypassed", globally_disabled_apic_is_bypassed);
    g_test_add_func("/apic/apic_base_relocates_the_page", apic_base_relocates_the_page);
    return g_test_run();
}
