/* National Semiconductor PC16550D UART with FIFOs. */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include "chardev/char.h"
#include "hw/isa/isa.h"
#include "qemu/timer.h"

#define TYPE_ISA_SERIAL "isa-serial"
#define UART_FIFO_LENGTH 16
#define MAX_ISA_SERIAL_PORTS 4

typedef struct SerialFIFO {
    uint8_t data[UART_FIFO_LENGTH];
    uint8_t flags[UART_FIFO_LENGTH]; /* LSR error bits of each received byte */
    int head, count;
} SerialFIFO;

typedef struct SerialState {
    uint16_t divider;            /* DLM:DLL */
    uint8_t rbr;                 /* Receiver Buffer (non-FIFO mode) */
    uint8_t ier;
    uint8_t iir;
    uint8_t fcr;
    uint8_t lcr;
    uint8_t mcr;
    uint8_t lsr;
    uint8_t msr;
    uint8_t scr;
    bool thr_ipending;           /* THRE interrupt armed (cleared by IIR read / THR write) */
    bool timeout_ipending;       /* character timeout indication */
    uint8_t recv_fifo_itl;       /* receiver trigger level */
    SerialFIFO recv_fifo;
    QEMUTimer *fifo_timeout_timer;
    qemu_irq irq;
    CharBackend chr;
    bool chr_attached;
    MemoryRegion io;
} SerialState;

typedef struct ISASerialState {
    ISADevice parent_obj;
    uint32_t index;
    uint32_t iobase;
    uint32_t isairq;
    char *chardev;
    SerialState state;
} ISASerialState;

/* Creates isa-serial number @index on @chr (NULL: no backend). */
ISADevice *serial_isa_init(ISABus *bus, int index, Chardev *chr);

/* The register interface (offsets 0..7), for other wrappers and unit tests. */
uint64_t serial_ioport_read(void *opaque, hwaddr addr, unsigned size);
void serial_ioport_write(void *opaque, hwaddr addr, uint64_t val, unsigned size);
/* Received bytes from the line. */
int serial_can_receive(SerialState *s);
void serial_receive(SerialState *s, const uint8_t *buf, int size);
void serial_realize_core(SerialState *s);
void serial_reset(SerialState *s);

#endif
