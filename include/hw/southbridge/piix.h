/* Intel 82371SB PIIX3 (ISA bridge, IDE) and 82371AB PIIX4 (power management). */
#ifndef HW_SOUTHBRIDGE_PIIX_H
#define HW_SOUTHBRIDGE_PIIX_H

#include "hw/isa/isa.h"
#include "hw/pci/pci.h"
#include "qemu/timer.h"

#define TYPE_PIIX3_PCI_DEVICE "PIIX3"
#define TYPE_PIIX3_IDE "piix3-ide"
#define TYPE_PIIX4_PM "PIIX4_PM"

/* PIIX3 function 0 registers (82371SB datasheet, section 2.2) */
#define PIIX_PIRQCA 0x60         /* PIRQRC[A:D], 0x60-0x63 */
#define PIIX_PIRQRC_IRQROUTEN 0x80 /* 1 = routing disabled */
#define PIIX_NUM_PIRQS 4

/* Reset Control register at I/O 0xcf9 (82371SB, section 4.1.1 "RC") */
#define RCR_SRST 0x02            /* system reset (vs. CPU only) */
#define RCR_RCPU 0x04            /* 0->1: reset */

typedef struct PIIX3State {
    PCIDevice parent_obj;
    ISABus *isa_bus;
    qemu_irq isa_irqs[ISA_NUM_IRQS]; /* to the PICs */
    int pirq_level[PIIX_NUM_PIRQS];
    uint16_t pic_levels;         /* ISA IRQs currently driven by PIRQs */
    uint8_t rcr;
} PIIX3State;

typedef struct PIIX4PMState {
    PCIDevice parent_obj;
    MemoryRegion io;             /* PMBA, 64 bytes */
    MemoryRegion apm_io;         /* 0xb2-0xb3 */
    bool io_mapped;
    uint16_t pmba;
    qemu_irq sci_irq;
    uint32_t sci_isairq;
    qemu_irq smi_irq;            /* SMI# on an APMC write with APMC_EN (the board wires it) */

    uint16_t pmsts;
    uint16_t pmen;
    uint16_t pmcntrl;
    uint32_t glbctl;
    uint8_t apmc;
    uint8_t apms;
    int64_t tmr_base;            /* virtual ns at which PMTMR was 0 */
    QEMUTimer *tmr_timer;        /* TMROF: bit 23 toggling */
} PIIX4PMState;

/* PIIX3 at @devfn: ISA bus, PIRQ routing; @pic_irqs are the 16 PIC inputs. */
PIIX3State *piix3_create(PCIBus *bus, int devfn, MemoryRegion *io);
void piix3_connect_irqs(PIIX3State *s, qemu_irq *pic_irqs);
uint64_t piix3_rcr_read(void *opaque);
void piix3_rcr_write(void *opaque, uint8_t val);
/* The PCI INTx -> PIRQ swizzle of the PC (slot + pin). */
int pci_slot_get_pirq(PCIDevice *dev, int intx);
void piix3_set_pirq(void *opaque, int pirq, int level);

PIIX4PMState *piix4_pm_create(PCIBus *bus, int devfn, ISABus *isa_bus, int sci_isairq);

#endif
