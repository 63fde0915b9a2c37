/*
 * PC16550D UART (National Semiconductor PC16550D datasheet, "Registers").
 *
 *   offset DLAB=0 read/write          DLAB=1
 *   0      RBR / THR                  DLL
 *   1      IER                        DLM
 *   2      IIR (read) / FCR (write)
 *   3      LCR    4 MCR    5 LSR    6 MSR    7 SCR
 *
 * Transmission is instantaneous: a byte written to THR goes to the
 * chardev (or, in loopback, to the receiver) at once, and THR is empty
 * again.  Interrupt priorities follow the datasheet's IIR table: receiver
 * line status, received data available / character timeout, THR empty,
 * modem status.  The PC's OUT2 gating of the IRQ line is not modelled (as
 * in QEMU, which PC software expects).
 */
#include <stdio.h>
#include <string.h>

#include "hw/char/serial.h"
#include "qemu/log.h"

#define UART_IER_RDI  0x01       /* Enable Received Data Available Interrupt */
#define UART_IER_THRI 0x02       /* Enable THR Empty Interrupt */
#define UART_IER_RLSI 0x04       /* Enable Receiver Line Status Interrupt */
#define UART_IER_MSI  0x08       /* Enable Modem Status Interrupt */

#define UART_IIR_NO_INT 0x01
#define UART_IIR_ID     0x0e
#define UART_IIR_MSI    0x00
#define UART_IIR_THRI   0x02
#define UART_IIR_RDI    0x04
#define UART_IIR_RLSI   0x06
#define UART_IIR_CTI    0x0c
#define UART_IIR_FE     0xc0     /* FIFOs enabled */

#define UART_FCR_FE     0x01
#define UART_FCR_RFR    0x02
#define UART_FCR_XFR    0x04
#define UART_FCR_ITL    0xc0

#define UART_LCR_DLAB   0x80
#define UART_LCR_SB     0x40

#define UART_MCR_DTR    0x01
#define UART_MCR_RTS    0x02
#define UART_MCR_OUT1   0x04
#define UART_MCR_OUT2   0x08
#define UART_MCR_LOOP   0x10

#define UART_LSR_DR     0x01
#define UART_LSR_OE     0x02
#define UART_LSR_PE     0x04
#define UART_LSR_FE     0x08
#define UART_LSR_BI     0x10
#define UART_LSR_THRE   0x20
#define UART_LSR_TEMT   0x40
#define UART_LSR_FIFOE  0x80
#define UART_LSR_INT_ANY (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)

#define UART_MSR_DCTS   0x01
#define UART_MSR_DDSR   0x02
#define UART_MSR_TERI   0x04
#define UART_MSR_DDCD   0x08
#define UART_MSR_CTS    0x10
#define UART_MSR_DSR    0x20
#define UART_MSR_RI     0x40
#define UART_MSR_DCD    0x80
#define UART_MSR_ANY_DELTA 0x0f

#define UART_CLOCK 1843200       /* the PC's 1.8432 MHz crystal: 115200 baud at divisor 1 */

static bool fifo_enabled(SerialState *s)
{
    return s->fcr & UART_FCR_FE;
}

static void serial_update_irq(SerialState *s)
{
    uint8_t iir = UART_IIR_NO_INT;

    if ((s->ier & UART_IER_RLSI) && (s->lsr & UART_LSR_INT_ANY)) {
        iir = UART_IIR_RLSI;
    } else if ((s->ier & UART_IER_RDI) && s->timeout_ipending) {
        iir = UART_IIR_CTI;
    } else if ((s->ier & UART_IER_RDI) && (s->lsr & UART_LSR_DR) &&
               (!fifo_enabled(s) || s->recv_fifo.count >= s->recv_fifo_itl)) {
        iir = UART_IIR_RDI;
    } else if ((s->ier & UART_IER_THRI) && s->thr_ipending) {
        iir = UART_IIR_THRI;
    } else if ((s->ier & UART_IER_MSI) && (s->msr & UART_MSR_ANY_DELTA)) {
        iir = UART_IIR_MSI;
    }
    s->iir = iir | (fifo_enabled(s) ? UART_IIR_FE : 0);
    qemu_set_irq(s->irq, iir != UART_IIR_NO_INT);
}

/* Time for four characters at the current baud rate (the CTI timeout). */
static int64_t char_timeout_ns(SerialState *s)
{
    int div = s->divider ? s->divider : 1;
    int64_t bits = 10;           /* start, 8 data, stop: close enough */

    return 4 * bits * NANOSECONDS_PER_SECOND * 16 * div / UART_CLOCK;
}

static void fifo_reset(SerialFIFO *f)
{
    f->head = f->count = 0;
}

static void serial_recv_byte(SerialState *s, uint8_t b, uint8_t flags)
{
    if (fifo_enabled(s)) {
        SerialFIFO *f = &s->recv_fifo;
        if (f->count == UART_FIFO_LENGTH) {
            /* The shift register's byte is lost (datasheet, LSR bit 1). */
            s->lsr |= UART_LSR_OE;
        } else {
            int tail = (f->head + f->count) % UART_FIFO_LENGTH;
            f->data[tail] = b;
            f->flags[tail] = flags;
            f->count++;
        }
        s->timeout_ipending = false;
        timer_mod_ns(s->fifo_timeout_timer,
                     qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + char_timeout_ns(s));
    } else {
        if (s->lsr & UART_LSR_DR) {
            s->lsr |= UART_LSR_OE;
        }
        s->rbr = b;
    }
    s->lsr |= UART_LSR_DR | (flags & UART_LSR_INT_ANY);
    if (flags & UART_LSR_INT_ANY) {
        s->lsr |= fifo_enabled(s) ? UART_LSR_FIFOE : 0;
    }
    serial_update_irq(s);
}

static void fifo_timeout(void *opaque)
{
    SerialState *s = opaque;

    if (s->recv_fifo.count) {
        s->timeout_ipending = true;
        serial_update_irq(s);
    }
}

static void serial_update_msr_loopback(SerialState *s)
{
    uint8_t old = s->msr;
    uint8_t msr = 0;

    /* Loopback: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD (datasheet, MCR bit 4). */
    if (s->mcr & UART_MCR_RTS) {
        msr |= UART_MSR_CTS;
    }
    if (s->mcr & UART_MCR_DTR) {
        msr |= UART_MSR_DSR;
    }
    if (s->mcr & UART_MCR_OUT1) {
        msr |= UART_MSR_RI;
    }
    if (s->mcr & UART_MCR_OUT2) {
        msr |= UART_MSR_DCD;
    }
    msr |= old & UART_MSR_ANY_DELTA;
    if ((old ^ msr) & UART_MSR_CTS) {
        msr |= UART_MSR_DCTS;
    }
    if ((old ^ msr) & UART_MSR_DSR) {
        msr |= UART_MSR_DDSR;
    }
    if ((old ^ msr) & UART_MSR_DCD) {
        msr |= UART_MSR_DDCD;
    }
    /* TERI: RI went from on to off. */
    if ((old & UART_MSR_RI) && !(msr & UART_MSR_RI)) {
        msr |= UART_MSR_TERI;
    }
    s->msr = msr;
}

static void serial_transmit(SerialState *s, uint8_t b)
{
    if (s->mcr & UART_MCR_LOOP) {
        serial_recv_byte(s, b, 0);
    } else if (s->chr_attached) {
        qemu_chr_fe_write_all(&s->chr, &b, 1);
    }
    s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
    s->thr_ipending = true;
}

void serial_ioport_write(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    SerialState *s = opaque;
    uint8_t val = val64;

    switch (addr & 7) {
    case 0:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0xff00) | val;
            break;
        }
        /* THR */
        s->thr_ipending = false;
        s->lsr &= ~(UART_LSR_THRE | UART_LSR_TEMT);
        serial_update_irq(s);
        serial_transmit(s, val);
        serial_update_irq(s);
        break;
    case 1:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0x00ff) | val << 8;
            break;
        }
        {
            uint8_t changed = (s->ier ^ val) & 0x0f;
            s->ier = val & 0x0f;
            /* Enabling ETBEI with THR empty raises the THRE interrupt. */
            if ((changed & UART_IER_THRI) && (val & UART_IER_THRI) &&
                (s->lsr & UART_LSR_THRE)) {
                s->thr_ipending = true;
            }
        }
        serial_update_irq(s);
        break;
    case 2: /* FCR */
        if ((val ^ s->fcr) & UART_FCR_FE) {
            /* Changing FIFO enable clears both FIFOs. */
            val |= UART_FCR_RFR | UART_FCR_XFR;
        }
        if (val & UART_FCR_RFR) {
            fifo_reset(&s->recv_fifo);
            s->lsr &= ~(UART_LSR_DR | UART_LSR_FIFOE);
            s->timeout_ipending = false;
            timer_del(s->fifo_timeout_timer);
        }
        if (val & UART_FCR_XFR) {
            s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
            s->thr_ipending = true;
        }
        s->fcr = val & (UART_FCR_FE | UART_FCR_ITL | 0x08);
        switch (val >> 6) {
        case 0: s->recv_fifo_itl = 1; break;
        case 1: s->recv_fifo_itl = 4; break;
        case 2: s->recv_fifo_itl = 8; break;
        default: s->recv_fifo_itl = 14; break;
        }
        serial_update_irq(s);
        break;
    case 3:
        s->lcr = val;
        break;
    case 4:
        s->mcr = val & 0x1f;
        if (s->mcr & UART_MCR_LOOP) {
            serial_update_msr_loopback(s);
        }
        serial_update_irq(s);
        break;
    case 5:
        /* LSR is for factory test; writes are ignored here. */
        qemu_log_mask(LOG_GUEST_ERROR, "serial: write to LSR ignored\n");
        break;
    case 6:
        qemu_log_mask(LOG_GUEST_ERROR, "serial: write to MSR ignored\n");
        break;
    case 7:
        s->scr = val;
        break;
    }
}

uint64_t serial_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    SerialState *s = opaque;
    uint8_t ret;

    switch (addr & 7) {
    case 0:
        if (s->lcr & UART_LCR_DLAB) {
            return s->divider & 0xff;
        }
        if (fifo_enabled(s)) {
            SerialFIFO *f = &s->recv_fifo;
            ret = 0;
            if (f->count) {
                ret = f->data[f->head];
                f->head = (f->head + 1) % UART_FIFO_LENGTH;
                f->count--;
            }
            s->timeout_ipending = false;
            if (f->count) {
                timer_mod_ns(s->fifo_timeout_timer,
                             qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + char_timeout_ns(s));
            } else {
                s->lsr &= ~UART_LSR_DR;
                timer_del(s->fifo_timeout_timer);
            }
        } else {
            ret = s->rbr;
            s->lsr &= ~UART_LSR_DR;
        }
        serial_update_irq(s);
        if (s->chr_attached && !(s->mcr & UART_MCR_LOOP)) {
            qemu_chr_fe_accept_input(&s->chr);
        }
        return ret;
    case 1:
        if (s->lcr & UART_LCR_DLAB) {
            return s->divider >> 8;
        }
        return s->ier;
    case 2:
        ret = s->iir;
        /* Reading IIR when it reports THRE clears that interrupt. */
        if ((ret & UART_IIR_ID) == UART_IIR_THRI) {
            s->thr_ipending = false;
            serial_update_irq(s);
        }
        return ret;
    case 3:
        return s->lcr;
    case 4:
        return s->mcr;
    case 5:
        ret = s->lsr;
        /* Reading LSR clears the error bits (and BI). */
        if (s->lsr & (UART_LSR_INT_ANY | UART_LSR_FIFOE)) {
            s->lsr &= ~(UART_LSR_INT_ANY | UART_LSR_FIFOE);
            serial_update_irq(s);
        }
        return ret;
    case 6:
        if (s->mcr & UART_MCR_LOOP) {
            serial_update_msr_loopback(s);
        }
        ret = s->msr;
        /* Reading MSR clears the delta bits. */
        if (s->msr & UART_MSR_ANY_DELTA) {
            s->msr &= ~UART_MSR_ANY_DELTA;
            serial_update_irq(s);
        }
        return ret;
    default:
        return s->scr;
    }
}

int serial_can_receive(SerialState *s)
{
    if (s->mcr & UART_MCR_LOOP) {
        return 0;                /* the line input is disconnected in loopback */
    }
    if (fifo_enabled(s)) {
        return UART_FIFO_LENGTH - s->recv_fifo.count;
    }
    return (s->lsr & UART_LSR_DR) ? 0 : 1;
}

void serial_receive(SerialState *s, const uint8_t *buf, int size)
{
    for (int i = 0; i < size; i++) {
        serial_recv_byte(s, buf[i], 0);
    }
}

static int serial_chr_can_receive(void *opaque)
{
    return serial_can_receive(opaque);
}

static void serial_chr_receive(void *opaque, const uint8_t *buf, int size)
{
    serial_receive(opaque, buf, size);
}

static void serial_chr_event(void *opaque, QEMUChrEvent event)
{
    SerialState *s = opaque;

    if (event == CHR_EVENT_BREAK) {
        serial_recv_byte(s, 0, UART_LSR_BI);
    }
}

void serial_reset(SerialState *s)
{
    s->rbr = 0;
    s->ier = 0;
    s->iir = UART_IIR_NO_INT;
    s->lcr = 0;
    s->lsr = UART_LSR_TEMT | UART_LSR_THRE;
    /* Modem inputs as a PC with nothing attached: DCD and DSR asserted. */
    s->msr = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
    s->divider = 0x0c;           /* 9600 baud */
    s->mcr = UART_MCR_OUT2;
    s->scr = 0;
    s->fcr = 0;
    s->recv_fifo_itl = 1;
    s->thr_ipending = false;
    s->timeout_ipending = false;
    fifo_reset(&s->recv_fifo);
    if (s->fifo_timeout_timer) {
        timer_del(s->fifo_timeout_timer);
    }
    serial_update_irq(s);
}

void serial_realize_core(SerialState *s)
{
    s->fifo_timeout_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, fifo_timeout, s);
    if (s->chr_attached) {
        qemu_chr_fe_set_handlers(&s->chr, serial_chr_can_receive, serial_chr_receive,
                                 serial_chr_event, s);
    }
}

static const MemoryRegionOps serial_io_ops = {
    .read = serial_ioport_read,
    .write = serial_ioport_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static const uint16_t isa_serial_io[MAX_ISA_SERIAL_PORTS] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
static const uint8_t isa_serial_irq[MAX_ISA_SERIAL_PORTS] = { 4, 3, 4, 3 };
static int isa_serial_next_index;

static bool serial_isa_realize(DeviceState *dev, GError **errp)
{
    ISASerialState *isa = (ISASerialState *)dev;
    SerialState *s = &isa->state;

    if (isa->index == (uint32_t)-1) {
        isa->index = isa_serial_next_index;
    }
    if (isa->index >= MAX_ISA_SERIAL_PORTS) {
        g_set_error(errp, QDEV_ERROR, 0, "Max. supported number of ISA serial ports is %d.",
                    MAX_ISA_SERIAL_PORTS);
        return false;
    }
    if (isa->iobase == (uint32_t)-1) {
        isa->iobase = isa_serial_io[isa->index];
    }
    if (isa->isairq == (uint32_t)-1) {
        isa->isairq = isa_serial_irq[isa->index];
    }
    isa_serial_next_index = isa->index + 1;
    if (isa->isairq >= ISA_NUM_IRQS) {
        g_set_error(errp, QDEV_ERROR, 0, "isa-serial: irq %u out of range", isa->isairq);
        return false;
    }
    if (isa->chardev && isa->chardev[0]) {
        Chardev *chr = qemu_chr_find(isa->chardev);
        char *err = NULL;
        if (!chr) {
            g_set_error(errp, QDEV_ERROR, 0, "Property 'isa-serial.chardev' can't find value '%s'",
                        isa->chardev);
            return false;
        }
        if (!qemu_chr_fe_init(&s->chr, chr, &err)) {
            g_set_error(errp, QDEV_ERROR, 0, "%s", err ? err : "chardev in use");
            g_free(err);
            return false;
        }
        s->chr_attached = true;
    }
    s->irq = isa_get_irq(&isa->parent_obj, isa->isairq);
    memory_region_init_io(&s->io, &serial_io_ops, s, "serial", 8);
    isa_register_ioport(&isa->parent_obj, &s->io, isa->iobase);
    serial_realize_core(s);
    return true;
}

static void serial_isa_reset(DeviceState *dev)
{
    serial_reset(&((ISASerialState *)dev)->state);
}

static const Property serial_isa_props[] = {
    DEFINE_PROP_UINT32("index", ISASerialState, index, -1),
    DEFINE_PROP_UINT32("iobase", ISASerialState, iobase, -1),
    DEFINE_PROP_UINT32("irq", ISASerialState, isairq, -1),
    DEFINE_PROP_CHR("chardev", ISASerialState, chardev),
    DEFINE_PROP_END_OF_LIST(),
};

static const DeviceClass serial_isa_class = {
    .name = TYPE_ISA_SERIAL,
    .desc = "16550A UART",
    .bus_type = "ISA",
    .instance_size = sizeof(ISASerialState),
    .props = serial_isa_props,
    .user_creatable = true,
    .realize = serial_isa_realize,
    .reset = serial_isa_reset,
};

static void serial_register(void)
{
    type_register_static(&serial_isa_class);
}
type_init(serial_register)

ISADevice *serial_isa_init(ISABus *bus, int index, Chardev *chr)
{
    DeviceState *dev = qdev_new(TYPE_ISA_SERIAL);

    qdev_prop_set_uint32(dev, "index", index);
    if (chr) {
        qdev_prop_set_chr(dev, "chardev", chr->label);
    }
    qdev_realize_or_die(dev, &bus->qbus);
    return ISA_DEVICE(dev);
}
