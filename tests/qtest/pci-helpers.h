/* PCI configuration mechanism #1 through libqtest (0xcf8/0xcfc). */
#ifndef QTEST_PCI_HELPERS_H
#define QTEST_PCI_HELPERS_H

#include "libqtest.h"

static inline uint32_t pci_cfg_addr(int devfn, int reg)
{
    return 0x80000000u | (uint32_t)devfn << 8 | (reg & 0xfc);
}

static inline uint8_t pci_cfg_readb(QTestState *s, int devfn, int reg)
{
    qtest_outl(s, 0xcf8, pci_cfg_addr(devfn, reg));
    return qtest_inb(s, 0xcfc + (reg & 3));
}

static inline uint16_t pci_cfg_readw(QTestState *s, int devfn, int reg)
{
    qtest_outl(s, 0xcf8, pci_cfg_addr(devfn, reg));
    return qtest_inw(s, 0xcfc + (reg & 2));
}

static inline uint32_t pci_cfg_readl(QTestState *s, int devfn, int reg)
{
    qtest_outl(s, 0xcf8, pci_cfg_addr(devfn, reg));
    return qtest_inl(s, 0xcfc);
}

static inline void pci_cfg_writeb(QTestState *s, int devfn, int reg, uint8_t v)
{
    qtest_outl(s, 0xcf8, pci_cfg_addr(devfn, reg));
    qtest_outb(s, 0xcfc + (reg & 3), v);
}

static inline void pci_cfg_writew(QTestState *s, int devfn, int reg, uint16_t v)
{
    qtest_outl(s, 0xcf8, pci_cfg_addr(devfn, reg));
    qtest_outw(s, 0xcfc + (reg & 2), v);
}

static inline void pci_cfg_writel(QTestState *s, int devfn, int reg, uint32_t v)
{
    qtest_outl(s, 0xcf8, pci_cfg_addr(devfn, reg));
    qtest_outl(s, 0xcfc, v);
}

#define DEVFN(slot, fn) ((slot) << 3 | (fn))

#endif
