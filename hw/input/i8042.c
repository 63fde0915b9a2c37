/*
 * Intel 8042 keyboard controller as in the PC/AT and PS/2 (IBM PS/2
 * Hardware Interface Technical Reference, "Keyboard/Auxiliary Device
 * Controller"; 82371SB datasheet for the PC's A20 and reset wiring).
 *
 * Port 0x60: data (output buffer / input buffer for data).
 * Port 0x64: status register (read) / command (write).
 *
 * The controller has one output buffer.  Its own replies, the keyboard's
 * bytes and the mouse's bytes queue behind it; the buffer refills when
 * the host reads 0x60.  OBF raises IRQ1 (keyboard data) or IRQ12 (mouse
 * data, MOBF set) when the command byte enables that interrupt.
 */
#include <stdio.h>

#include "hw/input/i8042.h"
#include "qemu/log.h"
#include "sysemu/runstate.h"

/* Status register */
#define KBD_STAT_OBF      0x01   /* output buffer full */
#define KBD_STAT_IBF      0x02   /* input buffer full */
#define KBD_STAT_SELFTEST 0x04   /* system flag */
#define KBD_STAT_CMD      0x08   /* last write was to 0x64 */
#define KBD_STAT_UNLOCKED 0x10   /* keyboard not inhibited */
#define KBD_STAT_MOUSE_OBF 0x20  /* output buffer holds mouse data */
#define KBD_STAT_GTO      0x40   /* timeout */
#define KBD_STAT_PERR     0x80   /* parity error */

/* Controller Command Byte */
#define KBD_MODE_KBD_INT     0x01
#define KBD_MODE_MOUSE_INT   0x02
#define KBD_MODE_SYS         0x04
#define KBD_MODE_NO_KEYLOCK  0x08
#define KBD_MODE_DISABLE_KBD 0x10
#define KBD_MODE_DISABLE_MOUSE 0x20
#define KBD_MODE_KCC         0x40  /* scan code translation */
#define KBD_MODE_RFU         0x80

/* Output port */
#define KBD_OUT_RESET        0x01  /* 1 = normal, 0 = system reset */
#define KBD_OUT_A20          0x02
#define KBD_OUT_OBF          0x10  /* keyboard data: IRQ1 */
#define KBD_OUT_MOUSE_OBF    0x20  /* mouse data: IRQ12 */
#define KBD_OUT_ONES         0xcc  /* clock and data lines idle high, reserved */

/* Commands */
#define KBD_CCMD_READ_MODE   0x20
#define KBD_CCMD_WRITE_MODE  0x60
#define KBD_CCMD_GET_VERSION 0xA1
#define KBD_CCMD_MOUSE_DISABLE 0xA7
#define KBD_CCMD_MOUSE_ENABLE 0xA8
#define KBD_CCMD_TEST_MOUSE  0xA9
#define KBD_CCMD_SELF_TEST   0xAA
#define KBD_CCMD_KBD_TEST    0xAB
#define KBD_CCMD_KBD_DISABLE 0xAD
#define KBD_CCMD_KBD_ENABLE  0xAE
#define KBD_CCMD_READ_INPORT 0xC0
#define KBD_CCMD_READ_OUTPORT 0xD0
#define KBD_CCMD_WRITE_OUTPORT 0xD1
#define KBD_CCMD_WRITE_OBUF  0xD2
#define KBD_CCMD_WRITE_AUX_OBUF 0xD3
#define KBD_CCMD_WRITE_MOUSE 0xD4
#define KBD_CCMD_DISABLE_A20 0xDD
#define KBD_CCMD_ENABLE_A20  0xDF
#define KBD_CCMD_READ_TSTINP 0xE0
#define KBD_CCMD_PULSE_BITS  0xF0  /* 0xF0-0xFF */

#define KBD_PENDING_KBD  1
#define KBD_PENDING_AUX  2
#define KBD_PENDING_CTRL_KBD 4     /* controller reply, reported as keyboard data */
#define KBD_PENDING_CTRL_AUX 8     /* controller reply, reported as mouse data (D3) */

static void kbd_update_irq_lines(KBDState *s)
{
    bool irq_kbd = false, irq_mouse = false;

    if (s->status & KBD_STAT_OBF) {
        if (s->status & KBD_STAT_MOUSE_OBF) {
            irq_mouse = s->mode & KBD_MODE_MOUSE_INT;
        } else {
            irq_kbd = s->mode & KBD_MODE_KBD_INT;
        }
    }
    s->outport &= ~(KBD_OUT_OBF | KBD_OUT_MOUSE_OBF);
    if (s->status & KBD_STAT_OBF) {
        s->outport |= (s->status & KBD_STAT_MOUSE_OBF) ? KBD_OUT_MOUSE_OBF : KBD_OUT_OBF;
    }
    qemu_set_irq(s->irq_kbd, irq_kbd);
    qemu_set_irq(s->irq_mouse, irq_mouse);
}

/* Fills the output buffer from the highest priority pending source. */
static void kbd_update_irq(KBDState *s)
{
    if (!(s->status & KBD_STAT_OBF)) {
        if (s->pending & KBD_PENDING_CTRL_KBD) {
            s->pending &= ~KBD_PENDING_CTRL_KBD;
            s->obdata = s->cbdata;
            s->status = (s->status & ~KBD_STAT_MOUSE_OBF) | KBD_STAT_OBF;
        } else if (s->pending & KBD_PENDING_CTRL_AUX) {
            s->pending &= ~KBD_PENDING_CTRL_AUX;
            s->obdata = s->cbdata;
            s->status |= KBD_STAT_OBF | KBD_STAT_MOUSE_OBF;
        } else if ((s->pending & KBD_PENDING_KBD) && !(s->mode & KBD_MODE_DISABLE_KBD)) {
            /* OBF first: taking the byte re-enters here through the device's update. */
            s->status = (s->status & ~KBD_STAT_MOUSE_OBF) | KBD_STAT_OBF;
            s->obdata = ps2_read_data(&s->kbd.common);
        } else if ((s->pending & KBD_PENDING_AUX) && !(s->mode & KBD_MODE_DISABLE_MOUSE)) {
            s->status |= KBD_STAT_OBF | KBD_STAT_MOUSE_OBF;
            s->obdata = ps2_read_data(&s->mouse.common);
        }
    }
    kbd_update_irq_lines(s);
}

static void kbd_update_kbd_irq(void *opaque, int level)
{
    KBDState *s = opaque;

    if (level) {
        s->pending |= KBD_PENDING_KBD;
    } else {
        s->pending &= ~KBD_PENDING_KBD;
    }
    kbd_update_irq(s);
}

static void kbd_update_aux_irq(void *opaque, int level)
{
    KBDState *s = opaque;

    if (level) {
        s->pending |= KBD_PENDING_AUX;
    } else {
        s->pending &= ~KBD_PENDING_AUX;
    }
    kbd_update_irq(s);
}

/* A reply of the controller itself. */
static void kbd_queue(KBDState *s, uint8_t b, bool aux)
{
    s->cbdata = b;
    s->pending |= aux ? KBD_PENDING_CTRL_AUX : KBD_PENDING_CTRL_KBD;
    kbd_update_irq(s);
}

static void outport_write(KBDState *s, uint8_t val)
{
    s->outport = val;
    qemu_set_irq(s->a20_out, (val & KBD_OUT_A20) != 0);
    if (!(val & KBD_OUT_RESET)) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

static void kbd_set_mode(KBDState *s, uint8_t val)
{
    s->mode = val;
    s->ram[0] = val;
    ps2_keyboard_set_translation(&s->kbd, val & KBD_MODE_KCC);
    /* The system flag of the status register mirrors bit 2. */
    s->status = (s->status & ~KBD_STAT_SELFTEST) | (val & KBD_MODE_SYS);
    kbd_update_irq(s);
}

static void kbd_write_command(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    KBDState *s = opaque;
    uint8_t val = val64;

    s->status |= KBD_STAT_CMD;
    if (val >= 0x20 && val <= 0x3f) {
        /* Read controller RAM (0x20: the command byte). */
        kbd_queue(s, val == KBD_CCMD_READ_MODE ? s->mode : s->ram[val & 0x1f], false);
        return;
    }
    if ((val >= 0x60 && val <= 0x7f) || val == KBD_CCMD_WRITE_OUTPORT ||
        val == KBD_CCMD_WRITE_OBUF || val == KBD_CCMD_WRITE_AUX_OBUF ||
        val == KBD_CCMD_WRITE_MOUSE) {
        s->write_cmd = val;
        return;
    }
    if (val >= KBD_CCMD_PULSE_BITS) {
        /* Pulse output port bits 3..0 that are 0 in the command; bit 0 is reset. */
        if (!(val & 1)) {
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        }
        return;
    }
    switch (val) {
    case KBD_CCMD_GET_VERSION:
        kbd_queue(s, 0x00, false);
        break;
    case KBD_CCMD_MOUSE_DISABLE:
        kbd_set_mode(s, s->mode | KBD_MODE_DISABLE_MOUSE);
        break;
    case KBD_CCMD_MOUSE_ENABLE:
        kbd_set_mode(s, s->mode & ~KBD_MODE_DISABLE_MOUSE);
        break;
    case KBD_CCMD_TEST_MOUSE:
        kbd_queue(s, 0x00, false);  /* no error */
        break;
    case KBD_CCMD_SELF_TEST:
        /* Self-test passed: 0x55, and the system flag is set. */
        s->status |= KBD_STAT_SELFTEST;
        s->mode |= KBD_MODE_SYS;
        s->ram[0] = s->mode;
        kbd_queue(s, 0x55, false);
        break;
    case KBD_CCMD_KBD_TEST:
        kbd_queue(s, 0x00, false);
        break;
    case KBD_CCMD_KBD_DISABLE:
        kbd_set_mode(s, s->mode | KBD_MODE_DISABLE_KBD);
        break;
    case KBD_CCMD_KBD_ENABLE:
        kbd_set_mode(s, s->mode & ~KBD_MODE_DISABLE_KBD);
        break;
    case KBD_CCMD_READ_INPORT:
        kbd_queue(s, 0x80, false);  /* keyboard not inhibited */
        break;
    case KBD_CCMD_READ_OUTPORT:
        kbd_queue(s, s->outport, false);
        break;
    case KBD_CCMD_ENABLE_A20:
        outport_write(s, s->outport | KBD_OUT_A20);
        break;
    case KBD_CCMD_DISABLE_A20:
        outport_write(s, s->outport & ~KBD_OUT_A20);
        break;
    case KBD_CCMD_READ_TSTINP:
        kbd_queue(s, 0x00, false);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "i8042: unsupported command %#x\n", val);
        break;
    }
}

static uint64_t kbd_read_status(void *opaque, hwaddr addr, unsigned size)
{
    KBDState *s = opaque;

    return s->status;
}

static void kbd_write_data(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
    KBDState *s = opaque;
    uint8_t val = val64;
    uint8_t cmd = s->write_cmd;

    s->status &= ~KBD_STAT_CMD;
    s->write_cmd = 0;
    if (cmd >= 0x60 && cmd <= 0x7f) {
        if (cmd == KBD_CCMD_WRITE_MODE) {
            kbd_set_mode(s, val);
        } else {
            s->ram[cmd & 0x1f] = val;
        }
        return;
    }
    switch (cmd) {
    case 0:
        /* Data for the keyboard; writing it enables the keyboard interface. */
        if (s->mode & KBD_MODE_DISABLE_KBD) {
            kbd_set_mode(s, s->mode & ~KBD_MODE_DISABLE_KBD);
        }
        ps2_write_keyboard(&s->kbd, val);
        break;
    case KBD_CCMD_WRITE_OUTPORT:
        outport_write(s, val);
        break;
    case KBD_CCMD_WRITE_OBUF:
        kbd_queue(s, val, false);
        break;
    case KBD_CCMD_WRITE_AUX_OBUF:
        kbd_queue(s, val, true);
        break;
    case KBD_CCMD_WRITE_MOUSE:
        ps2_write_mouse(&s->mouse, val);
        break;
    default:
        break;
    }
}

static uint64_t kbd_read_data(void *opaque, hwaddr addr, unsigned size)
{
    KBDState *s = opaque;
    uint8_t val = s->obdata;

    if (s->status & KBD_STAT_OBF) {
        s->status &= ~(KBD_STAT_OBF | KBD_STAT_MOUSE_OBF);
        kbd_update_irq(s);
    }
    return val;
}

static const MemoryRegionOps kbd_data_ops = {
    .read = kbd_read_data,
    .write = kbd_write_data,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps kbd_cmd_ops = {
    .read = kbd_read_status,
    .write = kbd_write_command,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void kbd_reset(DeviceState *dev)
{
    KBDState *s = (KBDState *)dev;

    s->mode = KBD_MODE_KBD_INT | KBD_MODE_MOUSE_INT;
    s->ram[0] = s->mode;
    s->status = KBD_STAT_CMD | KBD_STAT_UNLOCKED;
    s->outport = KBD_OUT_RESET | KBD_OUT_A20 | KBD_OUT_ONES;
    s->write_cmd = 0;
    s->pending = 0;
    s->obdata = 0;
    ps2_kbd_reset(&s->kbd);
    ps2_mouse_reset(&s->mouse);
    ps2_keyboard_set_translation(&s->kbd, false);
    qemu_set_irq(s->a20_out, 1);
    kbd_update_irq(s);
}

static void kbd_instance_init(DeviceState *dev)
{
    KBDState *s = (KBDState *)dev;

    qdev_init_gpio_out(dev, &s->a20_out, 1);
}

static bool kbd_realize(DeviceState *dev, GError **errp)
{
    KBDState *s = (KBDState *)dev;
    ISADevice *isa = ISA_DEVICE(dev);

    memory_region_init_io(&s->io_data, &kbd_data_ops, s, "i8042-data", 1);
    memory_region_init_io(&s->io_cmd, &kbd_cmd_ops, s, "i8042-cmd", 1);
    isa_register_ioport(isa, &s->io_data, 0x60);
    isa_register_ioport(isa, &s->io_cmd, 0x64);
    s->irq_kbd = isa_get_irq(isa, 1);
    s->irq_mouse = isa_get_irq(isa, 12);
    ps2_kbd_init(&s->kbd, kbd_update_kbd_irq, s);
    ps2_mouse_init(&s->mouse, kbd_update_aux_irq, s);
    return true;
}

static const DeviceClass kbd_class = {
    .name = TYPE_I8042,
    .desc = "8042 keyboard controller with PS/2 keyboard and mouse",
    .bus_type = "ISA",
    .instance_size = sizeof(KBDState),
    .instance_init = kbd_instance_init,
    .realize = kbd_realize,
    .reset = kbd_reset,
};

static void kbd_register(void)
{
    type_register_static(&kbd_class);
}
type_init(kbd_register)

ISADevice *i8042_init(ISABus *bus)
{
    DeviceState *dev = qdev_new(TYPE_I8042);

    qdev_realize_or_die(dev, &bus->qbus);
    return ISA_DEVICE(dev);
}
