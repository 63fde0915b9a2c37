/*
 * PIIX3 PIRQ routing (82371SB PIRQRC[A:D]) with a stand-in PCI device:
 * INTx of a slot reaches the ISA IRQ its PIRQ is routed to, follows
 * re-routing, stops when routing is disabled, and honours the device's
 * Interrupt Disable bit.
 */
#include "hw/pci/pci.h"
#include "hw/southbridge/piix.h"
#include "test-isa-helpers.h"

typedef struct IntxDev {
    PCIDevice parent_obj;
} IntxDev;

static bool intx_realize(PCIDevice *d, GError **errp)
{
    d->config[PCI_INTERRUPT_PIN] = 1;          /* INTA# */
    return true;
}

static const PCIDeviceClass intx_class = {
    .parent = {
        .name = "test-intx",
        .bus_type = "PCI",
        .instance_size = sizeof(IntxDev),
    },
    .vendor_id = 0x1234,
    .device_id = 0x0001,
    .class_id = 0x0000,
    .realize = intx_realize,
};

static int levels[16];

static void isa_irq(void *opaque, int n, int level)
{
    levels[n] = level;
}

static PIIX3State *piix3;
static qemu_irq *isa_irqs;
static PCIDevice *dev;

static void setup(void)
{
    if (!piix3) {
        static MemoryRegion pci_mem;
        DeviceState *host;
        PCIBus *bus;
        test_isa_bus();                        /* memory map, clock, bridge type */
        memory_region_init(&pci_mem, "pci", UINT64_MAX);
        host = qdev_new("test-isa-bridge");
        qdev_realize_or_die(host, NULL);
        bus = pci_root_bus_new(host, "pci.test", &pci_mem, get_system_io());
        piix3 = piix3_create(bus, PCI_DEVFN(1, 0), get_system_io());
        isa_irqs = qemu_allocate_irqs(isa_irq, NULL, 16);
        piix3_connect_irqs(piix3, isa_irqs);
        type_register_static(&intx_class.parent);
        dev = pci_create_simple(bus, PCI_DEVFN(3, 0), "test-intx");
    }
}

static void slot3_inta_routes_through_pirqc(void)
{
    setup();
    g_assert_cmpint(pci_slot_get_pirq(dev, 0), ==, 2);   /* slot 3 INTA# = PIRQC# */
    g_assert_nonnull(isa_irqs[11]);
    /* Writes go through the class hook, as a configuration cycle would. */
    PCI_DEVICE_GET_CLASS(&piix3->parent_obj)->config_write(&piix3->parent_obj,
                                                           PIIX_PIRQCA + 2, 11, 1);
    pci_set_irq(dev, 1);
    g_assert_cmpint(levels[11], ==, 1);
    PCI_DEVICE_GET_CLASS(&piix3->parent_obj)->config_write(&piix3->parent_obj,
                                                           PIIX_PIRQCA + 2, 10, 1);
    g_assert_cmpint(levels[11], ==, 0);
    g_assert_cmpint(levels[10], ==, 1);
    PCI_DEVICE_GET_CLASS(&piix3->parent_obj)->config_write(&piix3->parent_obj,
                                                           PIIX_PIRQCA + 2, 0x8a, 1);
    g_assert_cmpint(levels[10], ==, 0);
    pci_set_irq(dev, 0);
}

static void interrupt_disable_bit_masks_the_pin(void)
{
    setup();
    PCI_DEVICE_GET_CLASS(&piix3->parent_obj)->config_write(&piix3->parent_obj,
                                                           PIIX_PIRQCA + 2, 5, 1);
    pci_set_irq(dev, 1);
    g_assert_cmpint(levels[5], ==, 1);
    g_assert_cmphex(dev->config[PCI_STATUS] & PCI_STATUS_INTERRUPT, ==, PCI_STATUS_INTERRUPT);
    pci_default_write_config(dev, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, 2);
    g_assert_cmpint(levels[5], ==, 0);
    /* The status bit still shows the request. */
    g_assert_cmphex(dev->config[PCI_STATUS] & PCI_STATUS_INTERRUPT, ==, PCI_STATUS_INTERRUPT);
    pci_default_write_config(dev, PCI_COMMAND, 0, 2);
    g_assert_cmpint(levels[5], ==, 1);
    pci_set_irq(dev, 0);
    g_assert_cmpint(levels[5], ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/piix3/slot3_inta_routes_through_pirqc", slot3_inta_routes_through_pirqc);
    g_test_add_func("/piix3/interrupt_disable_bit_masks_the_pin",
                    interrupt_disable_bit_masks_the_pin);
    return g_test_run();
}
