/*
 * IRQ lines between devices.  A qemu_irq is the input end of a wire: the
 * device that owns it gives a handler; whoever drives the wire calls
 * qemu_set_irq().  An unconnected output is a NULL qemu_irq and driving it
 * does nothing, as an unconnected pin would.
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

#include <stdbool.h>

typedef void (*qemu_irq_handler)(void *opaque, int n, int level);

typedef struct IRQState {
    qemu_irq_handler handler;
    void *opaque;
    int n;
} IRQState;

typedef IRQState *qemu_irq;

void qemu_set_irq(qemu_irq irq, int level);

static inline void qemu_irq_raise(qemu_irq irq)
{
    qemu_set_irq(irq, 1);
}

static inline void qemu_irq_lower(qemu_irq irq)
{
    qemu_set_irq(irq, 0);
}

static inline void qemu_irq_pulse(qemu_irq irq)
{
    qemu_set_irq(irq, 1);
    qemu_set_irq(irq, 0);
}

qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n);
/* An array of @n lines numbered 0..n-1 sharing @handler and @opaque. */
qemu_irq *qemu_allocate_irqs(qemu_irq_handler handler, void *opaque, int n);
void qemu_free_irq(qemu_irq irq);

#endif
