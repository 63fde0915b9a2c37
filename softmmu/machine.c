/* The machine registry (-M) and helpers boards share. */
#include <string.h>

#include <glib.h>

#include "exec/memory.h"
#include "sysemu/machine.h"

MachineState *current_machine;
static MachineClass *machines;

void machine_register(MachineClass *mc)
{
    MachineClass **link = &machines;

    /* kept sorted by name for -M help */
    while (*link && strcmp((*link)->name, mc->name) < 0) {
        link = &(*link)->next;
    }
    mc->next = *link;
    *link = mc;
}

const MachineClass *machine_find(const char *name)
{
    for (MachineClass *mc = machines; mc; mc = mc->next) {
        if (strcmp(mc->name, name) == 0) {
            return mc;
        }
    }
    return NULL;
}

const MachineClass *machine_default(void)
{
    for (MachineClass *mc = machines; mc; mc = mc->next) {
        if (mc->is_default) {
            return mc;
        }
    }
    return NULL;
}

void machine_print_list(FILE *f)
{
    fprintf(f, "Supported machines are:\n");
    for (MachineClass *mc = machines; mc; mc = mc->next) {
        fprintf(f, "%-20s %s%s\n", mc->name, mc->desc, mc->is_default ? " (default)" : "");
    }
}

MemoryRegion *machine_create_ram(MachineState *ms)
{
    MemoryRegion *ram = g_new0(MemoryRegion, 1);

    /* "ram" is the id QEMU gives a machine's main RAM unless the board
     * names it */
    memory_region_init_ram(ram, ms->mc->default_ram_id ? ms->mc->default_ram_id : "ram",
                           ms->ram_size);
    ms->ram = ram;
    return ram;
}
