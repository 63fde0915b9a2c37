/* Intel 8254 Programmable Interval Timer. */
#ifndef HW_TIMER_I8254_H
#define HW_TIMER_I8254_H

#include "hw/isa/isa.h"
#include "qemu/timer.h"

#define TYPE_I8254 "isa-pit"
#define PIT_FREQ 1193182

typedef struct PITChannelState {
    uint32_t count;              /* the initial count CR; 0 means 0x10000 */
    uint16_t latched_count;
    bool count_latched;          /* a Counter Latch is pending */
    uint8_t latch_rw;            /* how the latch is being read (RW field) */
    bool status_latched;
    uint8_t status;
    uint8_t read_state;          /* RW_* position for reads */
    uint8_t write_state;         /* RW_* position for writes */
    uint8_t write_latch;         /* LSB of a two-byte write */
    uint8_t rw_mode;             /* control word RW1 RW0 */
    uint8_t mode;                /* M2 M1 M0 */
    bool bcd;
    bool gate;
    bool armed;                  /* a count has been written since the control word */
    bool null_count;
    int64_t count_load_time;     /* virtual ns when counting (re)started */
    int64_t paused_ticks;        /* modes 0 and 4 with GATE low: ticks counted so far, else -1 */
    bool out;                    /* OUT as last signalled (channel 0) */
    int64_t out_load_time;       /* count_load_time when out_ticks was taken */
    uint64_t out_ticks;          /* elapsed ticks when OUT was last looked at */
    QEMUTimer *irq_timer;        /* channel 0: next OUT transition */
    qemu_irq irq;
} PITChannelState;

typedef struct PITState {
    ISADevice parent_obj;
    uint32_t iobase;
    MemoryRegion ioports;
    qemu_irq irq_out;            /* counter 0 OUT */
    PITChannelState channels[3];
} PITState;

ISADevice *i8254_pit_init(ISABus *bus, int base, int isairq);
/* Gate input of counter @channel (counter 2's is port 0x61 bit 0). */
void pit_set_gate(PITState *pit, int channel, bool level);
bool pit_get_gate(PITState *pit, int channel);
/* The OUT pin of @channel now. */
bool pit_get_out(PITState *pit, int channel);

#endif
