/* A bare ISA bus on the system I/O space, for unit tests of ISA devices. */
#ifndef TEST_ISA_HELPERS_H
#define TEST_ISA_HELPERS_H

#include "exec/memory.h"
#include "hw/isa/isa.h"
#include "qemu/timer.h"

typedef struct TestBridge {
    DeviceState parent_obj;
} TestBridge;

static const DeviceClass test_bridge_class = {
    .name = "test-isa-bridge",
    .instance_size = sizeof(TestBridge),
};

static inline ISABus *test_isa_bus(void)
{
    static ISABus *bus;

    if (!bus) {
        DeviceState *dev;
        memory_map_init();
        qtest_clock_enable();
        type_register_static(&test_bridge_class);
        dev = qdev_new("test-isa-bridge");
        qdev_realize_or_die(dev, NULL);
        bus = isa_bus_new(dev, get_system_io());
    }
    return bus;
}

static inline void io_out(uint16_t port, uint8_t v)
{
    address_space_stb(&address_space_io, port, v, MEMTXATTRS_UNSPECIFIED, NULL);
}

static inline uint8_t io_in(uint16_t port)
{
    return address_space_ldub(&address_space_io, port, MEMTXATTRS_UNSPECIFIED, NULL);
}

#endif
