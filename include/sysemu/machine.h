/*
 * Machine types (-M): a registry of boards.  A board's init() builds its
 * memory map and devices on the system memory and I/O roots; the generic
 * layer (softmmu/vl.c) parses the command line, creates chardevs and
 * monitors, and runs the main loop.
 */
#ifndef SYSEMU_MACHINE_H
#define SYSEMU_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct MemoryRegion MemoryRegion;
typedef struct Opts Opts;
typedef struct MachineState MachineState;
typedef struct MachineClass MachineClass;

struct MachineClass {
    const char *name;
    const char *desc;
    bool is_default;            /* used when no -M is given */
    uint64_t default_ram_size;  /* bytes; 0: no RAM unless -m */
    /* Name of the main RAM region and block; NULL: "ram".  QEMU's pc
     * machines call it "pc.ram". */
    const char *default_ram_id;
    /* Builds the board.  false + *errp on failure. */
    bool (*init)(MachineState *ms, char **errp);
    MachineClass *next;
};

struct MachineState {
    const MachineClass *mc;
    uint64_t ram_size;          /* -m, or the board's default */
    bool ram_size_given;
    MemoryRegion *ram;          /* the main RAM ("ram"), if any */
    Opts *opts;                 /* -M properties, for the board to read */
    const char *cpu_type;       /* -cpu model[,+feat,-feat...]; NULL: the board's default */
};

extern MachineState *current_machine;

void machine_register(MachineClass *mc);
const MachineClass *machine_find(const char *name);
const MachineClass *machine_default(void);
/* -M help: "Supported machines are:" and one "%-20s %s" line each. */
void machine_print_list(FILE *f);

/* Creates the main RAM region (named default_ram_id) of ms->ram_size bytes. */
MemoryRegion *machine_create_ram(MachineState *ms);

/* Registers a machine before main() (use at file scope). */
#define machine_init(fn) \
    static void __attribute__((constructor)) machine_init_##fn(void) { fn(); }

#endif
