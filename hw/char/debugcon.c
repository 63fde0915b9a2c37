/*
 * isa-debugcon: the Bochs/QEMU debug console port (0xe9 by default,
 * SeaBIOS uses 0x402).  Bytes written go to the chardev; reads return
 * the readback value so software can detect the port.
 */
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/isa/isa.h"

#define TYPE_ISA_DEBUGCON "isa-debugcon"

typedef struct ISADebugconState {
    ISADevice parent_obj;
    uint32_t iobase;
    uint32_t readback;
    char *chardev;
    CharBackend chr;
    bool chr_attached;
    MemoryRegion io;
} ISADebugconState;

static void debugcon_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    ISADebugconState *s = opaque;
    uint8_t b = val;

    if (s->chr_attached) {
        qemu_chr_fe_write_all(&s->chr, &b, 1);
    }
}

static uint64_t debugcon_read(void *opaque, hwaddr addr, unsigned size)
{
    ISADebugconState *s = opaque;

    return s->readback;
}

static const MemoryRegionOps debugcon_ops = {
    .read = debugcon_read,
    .write = debugcon_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static bool debugcon_realize(DeviceState *dev, GError **errp)
{
    ISADebugconState *s = (ISADebugconState *)dev;

    if (s->chardev && s->chardev[0]) {
        Chardev *chr = qemu_chr_find(s->chardev);
        char *err = NULL;
        if (!chr) {
            g_set_error(errp, QDEV_ERROR, 0,
                        "Property 'isa-debugcon.chardev' can't find value '%s'", s->chardev);
            return false;
        }
        if (!qemu_chr_fe_init(&s->chr, chr, &err)) {
            g_set_error(errp, QDEV_ERROR, 0, "%s", err ? err : "chardev in use");
            g_free(err);
            return false;
        }
        s->chr_attached = true;
    }
    memory_region_init_io(&s->io, &debugcon_ops, s, "isa-debugcon", 1);
    isa_register_ioport(&s->parent_obj, &s->io, s->iobase);
    return true;
}

static const Property debugcon_props[] = {
    DEFINE_PROP_UINT32("iobase", ISADebugconState, iobase, 0xe9),
    DEFINE_PROP_CHR("chardev", ISADebugconState, chardev),
    DEFINE_PROP_UINT32("readback", ISADebugconState, readback, 0xe9),
    DEFINE_PROP_END_OF_LIST(),
};

static const DeviceClass debugcon_class = {
    .name = TYPE_ISA_DEBUGCON,
    .desc = "ISA debug console",
    .bus_type = "ISA",
    .instance_size = sizeof(ISADebugconState),
    .props = debugcon_props,
    .user_creatable = true,
    .realize = debugcon_realize,
};

static void debugcon_register(void)
{
    type_register_static(&debugcon_class);
}
type_init(debugcon_register)
