/*
 * `-M none`: a machine without CPU or devices, for using the monitor and
 * the memory API on their own.  As in QEMU, it has RAM only if -m is
 * given: a region "ram" of that size at address 0 of system memory.
 */
#include <glib.h>

#include "exec/memory.h"
#include "sysemu/machine.h"

static bool machine_none_init(MachineState *ms, char **errp)
{
    if (ms->cpu_type) {
        *errp = g_strdup_printf("-cpu %s: machine 'none' has no CPU", ms->cpu_type);
        return false;
    }
    if (ms->ram_size) {
        memory_region_add_subregion(get_system_memory(), 0, machine_create_ram(ms));
    }
    return true;
}

static MachineClass machine_none = {
    .name = "none",
    .desc = "empty machine",
    .default_ram_size = 0,
    .init = machine_none_init,
};

static void machine_none_register(void)
{
    machine_register(&machine_none);
}

machine_init(machine_none_register)
