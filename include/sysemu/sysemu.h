/* What the command line set up for boards and devices to pick up. */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

#include <stdbool.h>

#include "chardev/char.h"

#define MAX_SERIAL_PORTS 4

/* The chardev of the i-th -serial (NULL: none given or "none"). */
Chardev *serial_hd(int i);

/* Entry point of qemu-system-i386 after --version/--help (softmmu/vl.c). */
int qemu_main(int argc, char **argv);

#endif
