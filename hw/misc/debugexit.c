/*
 * isa-debug-exit: writing V to the port exits the emulator with status
 * (V << 1) | 1, so a test guest can report its result.
 */
#include <stdio.h>
#include <stdlib.h>

#include "exec/memory.h"
#include "hw/isa/isa.h"

#define TYPE_ISA_DEBUG_EXIT "isa-debug-exit"

typedef struct ISADebugExitState {
    ISADevice parent_obj;
    uint32_t iobase;
    uint32_t iosize;
    MemoryRegion io;
} ISADebugExitState;

static uint64_t debug_exit_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void debug_exit_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    fflush(stdout);
    fflush(stderr);
    exit((int)((val << 1) | 1));
}

static const MemoryRegionOps debug_exit_ops = {
    .read = debug_exit_read,
    .write = debug_exit_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static bool debug_exit_realize(DeviceState *dev, GError **errp)
{
    ISADebugExitState *s = (ISADebugExitState *)dev;

    if (s->iosize == 0 || s->iosize > 4) {
        g_set_error(errp, QDEV_ERROR, 0, "isa-debug-exit: iosize must be 1..4");
        return false;
    }
    memory_region_init_io(&s->io, &debug_exit_ops, s, "isa-debug-exit", s->iosize);
    isa_register_ioport(&s->parent_obj, &s->io, s->iobase);
    return true;
}

static const Property debug_exit_props[] = {
    DEFINE_PROP_UINT32("iobase", ISADebugExitState, iobase, 0x501),
    DEFINE_PROP_UINT32("iosize", ISADebugExitState, iosize, 0x02),
    DEFINE_PROP_END_OF_LIST(),
};

static const DeviceClass debug_exit_class = {
    .name = TYPE_ISA_DEBUG_EXIT,
    .desc = "exit the emulator with a status written by the guest",
    .bus_type = "ISA",
    .instance_size = sizeof(ISADebugExitState),
    .props = debug_exit_props,
    .user_creatable = true,
    .realize = debug_exit_realize,
};

static void debug_exit_register(void)
{
    type_register_static(&debug_exit_class);
}
type_init(debug_exit_register)
