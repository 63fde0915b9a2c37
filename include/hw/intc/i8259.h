/* Intel 8259A programmable interrupt controller, two cascaded as in the PC/AT. */
#ifndef HW_INTC_I8259_H
#define HW_INTC_I8259_H

#include "hw/isa/isa.h"

#define TYPE_I8259 "isa-i8259"

typedef struct PICState {
    ISADevice parent_obj;
    /* properties */
    uint32_t iobase;
    uint32_t elcr_addr;
    uint8_t elcr_mask;           /* which ELCR bits exist */
    bool master;

    MemoryRegion base_io;
    MemoryRegion elcr_io;
    qemu_irq int_out;            /* INT pin */
    struct PICState *slave;      /* the master's slave on IR2 */

    /* 8259A registers */
    uint8_t irr;                 /* Interrupt Request Register */
    uint8_t isr;                 /* In-Service Register */
    uint8_t imr;                 /* Interrupt Mask Register (OCW1) */
    uint8_t last_irr;            /* input levels, for edge detection */
    uint8_t icw2_vector;         /* T7-T3 */
    uint8_t icw3;
    uint8_t elcr;                /* PIIX Edge/Level Control Register */
    uint8_t priority_add;        /* the IR with the highest priority */
    int init_state;              /* 0: ready; 1..3: expecting ICW2..ICW4 */
    bool icw4_needed;            /* ICW1 IC4 */
    bool single_mode;            /* ICW1 SNGL */
    bool ltim;                   /* ICW1 LTIM: level triggered */
    bool auto_eoi;               /* ICW4 AEOI */
    bool special_fully_nested;   /* ICW4 SFNM */
    bool rotate_on_auto_eoi;     /* OCW2 R with AEOI */
    bool read_isr;               /* OCW3 RR/RIS: read ISR instead of IRR */
    bool poll;                   /* OCW3 P */
    bool special_mask;           /* OCW3 ESMM/SMM */
    bool int_level;              /* INT as last driven */
} PICState;

/*
 * Creates the master (0x20, ELCR 0x4d0) and slave (0xa0, ELCR 0x4d1) PICs
 * on @bus, the slave's INT on the master's IR2, the master's INT on
 * @parent_irq.  Returns the 16 ISA IRQ inputs.
 */
qemu_irq *i8259_init(ISABus *bus, qemu_irq parent_irq);
/* The master PIC created by i8259_init (for the CPU's INTA cycle). */
PICState *i8259_master(void);
/* The INTA cycle: returns the vector of the highest priority request. */
int pic_read_irq(PICState *master);
/* `info pic` */
void pic_info(GString *out);

#endif
