/* Intel 8042 keyboard controller (PC/AT and PS/2 command set). */
#ifndef HW_INPUT_I8042_H
#define HW_INPUT_I8042_H

#include "hw/input/ps2.h"
#include "hw/isa/isa.h"

#define TYPE_I8042 "i8042"

typedef struct KBDState {
    ISADevice parent_obj;
    MemoryRegion io_data;        /* 0x60 */
    MemoryRegion io_cmd;         /* 0x64 */
    qemu_irq irq_kbd;            /* IRQ1 */
    qemu_irq irq_mouse;          /* IRQ12 */
    qemu_irq a20_out;            /* output port bit 1 */

    uint8_t write_cmd;           /* command waiting for its data byte, or 0 */
    uint8_t status;
    uint8_t mode;                /* the Controller Command Byte */
    uint8_t outport;
    uint8_t ram[32];             /* controller RAM; byte 0 is the command byte */
    uint8_t obdata;              /* the output buffer */
    uint8_t pending;             /* which sources have data: KBD_PENDING_* */
    uint8_t cbdata;              /* controller's own reply */
    PS2KbdState kbd;
    PS2MouseState mouse;
} KBDState;

ISADevice *i8042_init(ISABus *bus);

#endif
