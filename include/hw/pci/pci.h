/*
 * Conventional PCI: configuration space, BARs, INTx.
 *
 * A PCIDevice has 256 bytes of configuration space with a write mask (bits
 * software may change) and a write-1-to-clear mask.  Base address registers
 * declared with pci_register_bar() are mapped into the bus's memory or I/O
 * space whenever the BAR or the Command register changes (PCI Local Bus
 * Specification 2.1/3.0, section 6.2.5).
 */
#ifndef HW_PCI_PCI_H
#define HW_PCI_PCI_H

#include <stdint.h>

#include "exec/memory.h"
#include "hw/qdev-core.h"

/* Configuration space header (type 0) */
#define PCI_VENDOR_ID           0x00
#define PCI_DEVICE_ID           0x02
#define PCI_COMMAND             0x04
#define  PCI_COMMAND_IO         0x0001
#define  PCI_COMMAND_MEMORY     0x0002
#define  PCI_COMMAND_MASTER     0x0004
#define  PCI_COMMAND_SPECIAL    0x0008
#define  PCI_COMMAND_SERR       0x0100
#define  PCI_COMMAND_INTX_DISABLE 0x0400
#define PCI_STATUS              0x06
#define  PCI_STATUS_INTERRUPT   0x0008
#define  PCI_STATUS_FAST_BACK   0x0080
#define  PCI_STATUS_DEVSEL_MEDIUM 0x0200
#define PCI_REVISION_ID         0x08
#define PCI_CLASS_PROG          0x09
#define PCI_CLASS_DEVICE        0x0a
#define PCI_CACHE_LINE_SIZE     0x0c
#define PCI_LATENCY_TIMER       0x0d
#define PCI_HEADER_TYPE         0x0e
#define  PCI_HEADER_TYPE_MULTI_FUNCTION 0x80
#define PCI_BASE_ADDRESS_0      0x10
#define  PCI_BASE_ADDRESS_SPACE_IO     0x01
#define  PCI_BASE_ADDRESS_MEM_TYPE_64  0x04
#define  PCI_BASE_ADDRESS_MEM_PREFETCH 0x08
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID        0x2e
#define PCI_ROM_ADDRESS         0x30
#define  PCI_ROM_ADDRESS_ENABLE 0x01
#define PCI_INTERRUPT_LINE      0x3c
#define PCI_INTERRUPT_PIN       0x3d
#define PCI_CONFIG_SPACE_SIZE   0x100

#define PCI_VENDOR_ID_INTEL     0x8086
#define PCI_SUBVENDOR_ID_REDHAT_QUMRANET 0x1af4
#define PCI_SUBDEVICE_ID_QEMU   0x1100

#define PCI_CLASS_STORAGE_IDE   0x0101
#define PCI_CLASS_BRIDGE_HOST   0x0600
#define PCI_CLASS_BRIDGE_ISA    0x0601
#define PCI_CLASS_BRIDGE_OTHER  0x0680

#define PCI_NUM_REGIONS 7
#define PCI_ROM_SLOT 6
#define PCI_BAR_UNMAPPED ((uint64_t)-1)
#define PCI_NUM_PINS 4

#define PCI_DEVFN(slot, func) ((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn) & 0x07)

typedef struct PCIDevice PCIDevice;
typedef struct PCIBus PCIBus;

typedef struct PCIIORegion {
    uint64_t addr;               /* where it is mapped, or PCI_BAR_UNMAPPED */
    uint64_t size;
    uint8_t type;                /* PCI_BASE_ADDRESS_* bits */
    MemoryRegion *memory;
    MemoryRegion *address_space; /* the bus space it maps into */
} PCIIORegion;

typedef struct PCIDeviceClass {
    DeviceClass parent;
    uint16_t vendor_id;
    uint16_t device_id;
    uint8_t revision;
    uint16_t class_id;
    uint16_t subsystem_vendor_id; /* 0: the QEMU default (1af4:1100) */
    uint16_t subsystem_id;
    bool (*realize)(PCIDevice *dev, GError **errp);
    uint32_t (*config_read)(PCIDevice *dev, uint32_t addr, int len);
    void (*config_write)(PCIDevice *dev, uint32_t addr, uint32_t val, int len);
} PCIDeviceClass;

struct PCIDevice {
    DeviceState qdev;
    /* properties (every PCI device) */
    int32_t devfn;
    char *romfile;
    bool multifunction;

    PCIBus *bus;
    uint8_t config[PCI_CONFIG_SPACE_SIZE];
    uint8_t wmask[PCI_CONFIG_SPACE_SIZE];
    uint8_t w1cmask[PCI_CONFIG_SPACE_SIZE];
    PCIIORegion io_regions[PCI_NUM_REGIONS];
    int irq_state;               /* the device's interrupt request */
    bool irq_asserted;           /* counted on the bus (request and not disabled) */
};

#define PCI_DEVICE(obj) ((PCIDevice *)(obj))
#define PCI_DEVICE_GET_CLASS(d) ((const PCIDeviceClass *)((d)->qdev.klass))

/* Maps a device's INTx pin (0 = INTA#) to the bus's interrupt line. */
typedef int (*pci_map_irq_fn)(PCIDevice *dev, int intx);
typedef void (*pci_set_irq_fn)(void *opaque, int line, int level);

struct PCIBus {
    BusState qbus;               /* must be first */
    PCIDevice *devices[256];
    MemoryRegion *address_space_mem;
    MemoryRegion *address_space_io;
    pci_map_irq_fn map_irq;
    pci_set_irq_fn set_irq;
    void *irq_opaque;
    int irq_count[PCI_NUM_PINS];
};

extern const BusClass pci_bus_class;

PCIBus *pci_root_bus_new(DeviceState *parent, const char *name, MemoryRegion *mem,
                         MemoryRegion *io);
void pci_bus_irqs(PCIBus *bus, pci_set_irq_fn set_irq, pci_map_irq_fn map_irq,
                  void *opaque);
/* Creates and realizes a device at @devfn (-1: first free slot). */
PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *type);
PCIDevice *pci_create_simple_multifunction(PCIBus *bus, int devfn, const char *type);

void pci_register_bar(PCIDevice *dev, int region, uint8_t type, MemoryRegion *mr);
uint64_t pci_get_bar_addr(PCIDevice *dev, int region);

/* Configuration cycles (from the host bridge). */
uint32_t pci_host_config_read(PCIBus *bus, uint8_t busnr, uint8_t devfn, uint32_t addr, int len);
void pci_host_config_write(PCIBus *bus, uint8_t busnr, uint8_t devfn, uint32_t addr,
                           uint32_t val, int len);
uint32_t pci_default_read_config(PCIDevice *dev, uint32_t addr, int len);
void pci_default_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len);

void pci_set_irq(PCIDevice *dev, int level);
void pci_device_reset(PCIDevice *dev);

/* `info pci` */
void pci_info(GString *out, PCIBus *bus);
PCIBus *pci_find_root_bus(void);

static inline void pci_set_byte(uint8_t *p, uint8_t v) { p[0] = v; }
static inline void pci_set_word(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static inline void pci_set_long(uint8_t *p, uint32_t v)
{
    p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}
static inline uint16_t pci_get_word(const uint8_t *p) { return p[0] | p[1] << 8; }
static inline uint32_t pci_get_long(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

#endif
