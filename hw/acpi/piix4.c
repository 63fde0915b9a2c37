/*
 * Intel 82371AB PIIX4 function 3: power management (82371AB datasheet,
 * order number 290562, sections 3.3 "PCI configuration - function 3" and
 * 7 "Power management I/O").
 *
 * PMBA (0x40) places 64 bytes of PM registers in I/O space when PMIOSE
 * (PMREGMISC 0x80 bit 0) is set:
 *   00 PMSTS   02 PMEN   04 PMCNTRL   08 PMTMR (24-bit, 3.579545 MHz)
 *   28 GLBCTL ...
 * The SCI is wired to ISA IRQ 9.  APMC/APMS are at 0xb2/0xb3; a write to
 * APMC raises an SMI when DEVACTB.APMC_EN is set (smi_irq, which the board
 * wires to the CPU's SMI#; logged when nothing is wired), and, as QEMU's firmware interface defines,
 * 0xf1/0xf0 enable/disable ACPI (PMCNTRL.SCI_EN).
 */
#include <stdio.h>

#include "hw/southbridge/piix.h"
#include "monitor/qmp.h"
#include "qemu/log.h"
#include "sysemu/runstate.h"

#define PIIX4_PMBA      0x40
#define PIIX4_PMREGMISC 0x80
#define  PMIOSE         0x01

#define PMSTS_TMROF     0x0001
#define PMSTS_BM        0x0010
#define PMSTS_GBL       0x0020
#define PMSTS_PWRBTN    0x0100
#define PMSTS_RTC       0x0400
#define PMSTS_WAK       0x8000
#define PMEN_TMROF      0x0001
#define PMEN_GBL        0x0020
#define PMEN_PWRBTN     0x0100
#define PMEN_RTC        0x0400
#define PMCNTRL_SCI_EN  0x0001
#define PMCNTRL_SUS_TYP_SHIFT 10
#define PMCNTRL_SUS_EN  0x2000
#define PIIX4_DEVACTB   0x58
#define  DEVACTB_APMC_EN (1u << 25)

#define PM_TIMER_FREQUENCY 3579545
#define ACPI_ENABLE  0xf1
#define ACPI_DISABLE 0xf0

static uint32_t pm_timer_ticks(PIIX4PMState *s, int64_t now)
{
    return (uint32_t)((unsigned __int128)(now - s->tmr_base) * PM_TIMER_FREQUENCY /
                      NANOSECONDS_PER_SECOND);
}

static void pm_update_sci(PIIX4PMState *s)
{
    uint16_t active = s->pmsts & s->pmen & (PMEN_TMROF | PMEN_GBL | PMEN_PWRBTN | PMEN_RTC);

    qemu_set_irq(s->sci_irq, active != 0);
}

/* TMROF_STS is set each time bit 23 of PMTMR toggles. */
static void pm_arm_tmr(PIIX4PMState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t next;

    if (!(s->pmen & PMEN_TMROF)) {
        timer_del(s->tmr_timer);
        return;
    }
    next = ((uint64_t)pm_timer_ticks(s, now) / 0x800000 + 1) * 0x800000;
    timer_mod_ns(s->tmr_timer, s->tmr_base + (int64_t)(((unsigned __int128)next *
                 NANOSECONDS_PER_SECOND + PM_TIMER_FREQUENCY - 1) / PM_TIMER_FREQUENCY));
}

static void pm_tmr_timer(void *opaque)
{
    PIIX4PMState *s = opaque;

    s->pmsts |= PMSTS_TMROF;
    pm_update_sci(s);
    pm_arm_tmr(s);
}

static uint64_t pm_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t v;

    switch (addr & ~3) {
    case 0x00:
        v = s->pmsts | (uint32_t)s->pmen << 16;
        break;
    case 0x04:
        v = s->pmcntrl & ~PMCNTRL_SUS_EN;
        break;
    case 0x08:
        v = pm_timer_ticks(s, now) & 0xffffff;
        break;
    case 0x28:
        v = s->glbctl;
        break;
    default:
        qemu_log_mask(LOG_UNIMP, "piix4_pm: read of PM register %#x\n", (unsigned)addr);
        v = 0;
        break;
    }
    return (v >> ((addr & 3) * 8)) & ((size == 4) ? 0xffffffffULL : (1ULL << (8 * size)) - 1);
}

static void pm_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;

    switch (addr) {
    case 0x00:
        /* PMSTS: write 1 to clear. */
        s->pmsts &= ~(uint16_t)val;
        if (size == 4) {
            s->pmen = val >> 16;
            pm_arm_tmr(s);
        }
        pm_update_sci(s);
        break;
    case 0x02:
        s->pmen = val;
        pm_arm_tmr(s);
        pm_update_sci(s);
        break;
    case 0x04:
        s->pmcntrl = val & ~PMCNTRL_SUS_EN;
        if (val & PMCNTRL_SUS_EN) {
            int typ = (val >> PMCNTRL_SUS_TYP_SHIFT) & 7;
            if (typ == 0) {
                /* SUS_TYP 0: soft off (S5). */
                qmp_note_shutdown_reason(true, "guest-shutdown");
                qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
            } else {
                qemu_log_mask(LOG_UNIMP, "piix4_pm: suspend type %d not supported\n", typ);
            }
        }
        break;
    case 0x08:
        qemu_log_mask(LOG_GUEST_ERROR, "piix4_pm: write to read-only PMTMR\n");
        break;
    case 0x28:
        s->glbctl = (uint32_t)val;
        break;
    default:
        qemu_log_mask(LOG_UNIMP, "piix4_pm: write of PM register %#x\n", (unsigned)addr);
        break;
    }
}

static const MemoryRegionOps pm_ops = {
    .read = pm_read,
    .write = pm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static uint64_t apm_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;

    return addr == 0 ? s->apmc : s->apms;
}

static void apm_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;

    if (addr == 1) {
        s->apms = val;
        return;
    }
    s->apmc = val;
    if (val == ACPI_ENABLE) {
        s->pmcntrl |= PMCNTRL_SCI_EN;
    } else if (val == ACPI_DISABLE) {
        s->pmcntrl &= ~PMCNTRL_SCI_EN;
    }
    /* DEVACTB (function 3, 58h) bit 25 APMC_EN: SMI# on each APMC write
     * (82371AB datasheet, 3.3 "DEVACTB").  GLBCTL.SMI_EN, the global gate,
     * is not modelled: SeaBIOS sets only APMC_EN, and QEMU's PIIX4 also
     * raises SMI on APMC_EN alone. */
    if (pci_get_long(s->parent_obj.config + PIIX4_DEVACTB) & DEVACTB_APMC_EN) {
        if (s->smi_irq) {
            qemu_irq_raise(s->smi_irq);
        } else {
            qemu_log_mask(LOG_UNIMP, "piix4_pm: SMI on APMC write %#x (no CPU to take it)\n",
                          (unsigned)val);
        }
    }
}

static const MemoryRegionOps apm_ops = {
    .read = apm_read,
    .write = apm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void pm_io_space_update(PIIX4PMState *s)
{
    PCIDevice *d = &s->parent_obj;
    bool enable = d->config[PIIX4_PMREGMISC] & PMIOSE;
    uint16_t base = pci_get_word(d->config + PIIX4_PMBA) & 0xffc0;

    memory_region_transaction_begin();
    if (s->io_mapped && (!enable || base != s->pmba)) {
        memory_region_del_subregion(d->bus->address_space_io, &s->io);
        s->io_mapped = false;
    }
    if (enable && !s->io_mapped) {
        s->pmba = base;
        memory_region_add_subregion(d->bus->address_space_io, base, &s->io);
        s->io_mapped = true;
    }
    memory_region_transaction_commit();
}

static void pm_write_config(PCIDevice *d, uint32_t addr, uint32_t val, int len)
{
    pci_default_write_config(d, addr, val, len);
    if ((addr < PIIX4_PMBA + 4 && addr + len > PIIX4_PMBA) ||
        (addr <= PIIX4_PMREGMISC && addr + len > PIIX4_PMREGMISC)) {
        pm_io_space_update((PIIX4PMState *)d);
    }
}

static bool pm_realize(PCIDevice *d, GError **errp)
{
    PIIX4PMState *s = (PIIX4PMState *)d;

    d->config[PCI_INTERRUPT_PIN] = 0x01;
    /* PMBA bits 15:6; bit 0 reads 1 (I/O space). */
    pci_set_long(d->wmask + PIIX4_PMBA, 0xffc0);
    d->wmask[PIIX4_PMREGMISC] = PMIOSE;
    /* DEVACTA/B, DEVRESA..J, SMBus base and config: storage. */
    for (int i = 0x44; i < 0x80; i++) {
        d->wmask[i] = 0xff;
    }
    for (int i = 0x90; i < 0xe0; i++) {
        d->wmask[i] = 0xff;
    }
    memory_region_init_io(&s->io, &pm_ops, s, "piix4-pm", 64);
    memory_region_init_io(&s->apm_io, &apm_ops, s, "apm-io", 2);
    memory_region_add_subregion(d->bus->address_space_io, 0xb2, &s->apm_io);
    s->tmr_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, pm_tmr_timer, s);
    return true;
}

static void pm_reset(DeviceState *qdev)
{
    PIIX4PMState *s = (PIIX4PMState *)qdev;
    PCIDevice *d = &s->parent_obj;

    pci_device_reset(d);
    pci_set_long(d->config + PIIX4_PMBA, 0x00000001);
    d->config[PIIX4_PMREGMISC] = 0;
    d->config[PCI_INTERRUPT_LINE] = 9;
    s->pmsts = 0;
    s->pmen = 0;
    s->pmcntrl = 0;
    s->glbctl = 0;
    s->apmc = s->apms = 0;
    s->tmr_base = 0;
    pm_io_space_update(s);
    pm_arm_tmr(s);
    pm_update_sci(s);
}

static const PCIDeviceClass piix4_pm_class = {
    .parent = {
        .name = TYPE_PIIX4_PM,
        .desc = "Intel 82371AB PIIX4 power management",
        .bus_type = "PCI",
        .instance_size = sizeof(PIIX4PMState),
        .reset = pm_reset,
    },
    .vendor_id = PCI_VENDOR_ID_INTEL,
    .device_id = 0x7113,
    .revision = 0x03,
    .class_id = PCI_CLASS_BRIDGE_OTHER,
    .realize = pm_realize,
    .config_write = pm_write_config,
};

static void piix4_pm_register(void)
{
    type_register_static(&piix4_pm_class.parent);
}
type_init(piix4_pm_register)

PIIX4PMState *piix4_pm_create(PCIBus *bus, int devfn, ISABus *isa_bus, int sci_isairq)
{
    DeviceState *dev = qdev_new(TYPE_PIIX4_PM);
    PIIX4PMState *s = (PIIX4PMState *)dev;

    qdev_prop_set_int32(dev, "addr", devfn);
    qdev_realize_or_die(dev, &bus->qbus);
    s->sci_isairq = sci_isairq;
    s->sci_irq = isa_bus->irqs[sci_isairq];
    return s;
}
