/*
 * External interrupts of an x86 PC: the INTA cycle the CPU runs when it
 * takes CPU_INTERRUPT_HARD.  The local APIC answers first with a vector
 * from its IRR; otherwise, when the APIC passes the 8259's INT through
 * (LINT0 as ExtINT, or the APIC globally disabled) or there is no APIC,
 * the master 8259 supplies the vector (8259A datasheet, "INTA sequence").
 */
#include "hw/i386/apic.h"
#include "hw/intc/i8259.h"

int cpu_get_pic_interrupt(CPUX86State *env)
{
    DeviceState *apic = env->apic;
    PICState *pic = i8259_master();

    if (apic) {
        int vector = apic_get_interrupt(apic);
        if (vector >= 0) {
            return vector;
        }
        if (!apic_accept_pic_intr(apic)) {
            return -1;
        }
    }
    if (!pic || !pic->int_level) {
        /* Nothing asserts INTR any more (the request went away before the
         * CPU got to it): no interrupt cycle at all. */
        return -1;
    }
    return pic_read_irq(pic);
}
