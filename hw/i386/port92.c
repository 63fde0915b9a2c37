/*
 * Port 0x92, the PIIX's System Control Port A (82371SB datasheet,
 * "Port 92 Register"): bit 1 ALT_A20_GATE, bit 0 INIT (a 0 to 1
 * transition resets the system, the "fast reset").
 */
#include "hw/i386/pc.h"
#include "qemu/log.h"
#include "sysemu/runstate.h"

#define TYPE_PORT92 "port92"

#define PORT92_INIT         0x01
#define PORT92_ALT_A20_GATE 0x02

typedef struct Port92State {
    ISADevice parent_obj;
    MemoryRegion io;
    qemu_irq a20_out;
    uint8_t outport;
} Port92State;

static uint64_t port92_read(void *opaque, hwaddr addr, unsigned size)
{
    Port92State *s = opaque;

    return s->outport;
}

static void port92_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    Port92State *s = opaque;
    uint8_t old = s->outport;

    s->outport = val & (PORT92_INIT | PORT92_ALT_A20_GATE);
    if (val & ~(PORT92_INIT | PORT92_ALT_A20_GATE) & 0xff) {
        qemu_log_mask(LOG_GUEST_ERROR, "port92: reserved bits written: %#x\n", (unsigned)val);
    }
    qemu_set_irq(s->a20_out, (val & PORT92_ALT_A20_GATE) != 0);
    if ((val & PORT92_INIT) && !(old & PORT92_INIT)) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

static const MemoryRegionOps port92_ops = {
    .read = port92_read,
    .write = port92_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void port92_instance_init(DeviceState *dev)
{
    Port92State *s = (Port92State *)dev;

    qdev_init_gpio_out(dev, &s->a20_out, 1);
}

static bool port92_realize(DeviceState *dev, GError **errp)
{
    Port92State *s = (Port92State *)dev;

    memory_region_init_io(&s->io, &port92_ops, s, "port92", 1);
    isa_register_ioport(&s->parent_obj, &s->io, 0x92);
    return true;
}

static void port92_reset(DeviceState *dev)
{
    Port92State *s = (Port92State *)dev;

    s->outport = 0;
    qemu_set_irq(s->a20_out, 0);
}

static const DeviceClass port92_class = {
    .name = TYPE_PORT92,
    .desc = "System Control Port A (0x92): A20 gate and fast reset",
    .bus_type = "ISA",
    .instance_size = sizeof(Port92State),
    .instance_init = port92_instance_init,
    .realize = port92_realize,
    .reset = port92_reset,
};

static void port92_register(void)
{
    type_register_static(&port92_class);
}
type_init(port92_register)

ISADevice *port92_init(ISABus *bus, qemu_irq a20_out)
{
    DeviceState *dev = qdev_new(TYPE_PORT92);

    qdev_realize_or_die(dev, &bus->qbus);
    qdev_connect_gpio_out(dev, 0, a20_out);
    return ISA_DEVICE(dev);
}
