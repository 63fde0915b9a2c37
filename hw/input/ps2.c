/*
 * PS/2 keyboard and mouse: the device end of the PS/2 link (IBM PS/2
 * Hardware Interface Technical Reference, "Keyboard and Auxiliary Device
 * Controller"; keyboard and mouse command sets).
 *
 * Every command byte is acknowledged with 0xFA; commands that take an
 * argument wait for it; unknown commands get 0xFE (resend).
 */
#include <string.h>

#include "hw/input/ps2.h"
#include "qemu/log.h"

#define KBD_CMD_SET_LEDS      0xED
#define KBD_CMD_ECHO          0xEE
#define KBD_CMD_SCANCODE      0xF0
#define KBD_CMD_GET_ID        0xF2
#define KBD_CMD_SET_RATE      0xF3
#define KBD_CMD_ENABLE        0xF4
#define KBD_CMD_RESET_DISABLE 0xF5
#define KBD_CMD_RESET_ENABLE  0xF6
#define KBD_CMD_SET_TYPEMATIC_ALL 0xF7
#define KBD_CMD_SET_MAKE_BREAK_ALL 0xF8
#define KBD_CMD_SET_MAKE_ALL  0xF9
#define KBD_CMD_SET_ALL       0xFA
#define KBD_CMD_RESEND        0xFE
#define KBD_CMD_RESET         0xFF

#define KBD_REPLY_POR         0xAA  /* power-on reset / BAT completion */
#define KBD_REPLY_ID          0xAB
#define KBD_REPLY_ACK         0xFA
#define KBD_REPLY_RESEND      0xFE

#define AUX_SET_SCALE11       0xE6
#define AUX_SET_SCALE21       0xE7
#define AUX_SET_RES           0xE8
#define AUX_GET_SCALE         0xE9  /* status request */
#define AUX_SET_STREAM        0xEA
#define AUX_POLL              0xEB
#define AUX_RESET_WRAP        0xEC
#define AUX_SET_WRAP          0xEE
#define AUX_SET_REMOTE        0xF0
#define AUX_GET_TYPE          0xF2
#define AUX_SET_SAMPLE        0xF3
#define AUX_ENABLE_DEV        0xF4
#define AUX_DISABLE_DEV       0xF5
#define AUX_SET_DEFAULT       0xF6
#define AUX_RESET             0xFF

#define MOUSE_STATUS_REMOTE   0x40
#define MOUSE_STATUS_ENABLED  0x20
#define MOUSE_STATUS_SCALE21  0x10

static void ps2_update(PS2State *s)
{
    if (s->update_irq) {
        s->update_irq(s->update_arg, s->queue.count != 0);
    }
}

void ps2_queue(PS2State *s, uint8_t b)
{
    PS2Queue *q = &s->queue;

    if (q->count >= PS2_QUEUE_SIZE) {
        return;                  /* a real device would overrun too */
    }
    q->data[(q->rptr + q->count) % PS2_QUEUE_SIZE] = b;
    q->count++;
    ps2_update(s);
}

bool ps2_has_data(PS2State *s)
{
    return s->queue.count != 0;
}

uint8_t ps2_read_data(PS2State *s)
{
    PS2Queue *q = &s->queue;
    uint8_t b;

    if (!q->count) {
        return 0;
    }
    b = q->data[q->rptr];
    q->rptr = (q->rptr + 1) % PS2_QUEUE_SIZE;
    q->count--;
    ps2_update(s);
    return b;
}

static void ps2_clear_queue(PS2State *s)
{
    s->queue.rptr = s->queue.count = 0;
}

void ps2_keyboard_set_translation(PS2KbdState *s, bool mode)
{
    s->translate = mode;
}

void ps2_put_keycode(PS2KbdState *s, uint8_t code)
{
    if (s->scan_enabled) {
        ps2_queue(&s->common, code);
    }
}

void ps2_kbd_reset(PS2KbdState *s)
{
    ps2_clear_queue(&s->common);
    s->common.write_cmd = -1;
    s->scan_enabled = true;
    s->scancode_set = 2;
    s->ledstate = 0;
    ps2_update(&s->common);
}

void ps2_write_keyboard(PS2KbdState *s, uint8_t val)
{
    PS2State *c = &s->common;

    switch (c->write_cmd) {
    case -1:
        break;
    case KBD_CMD_SCANCODE:
        if (val == 0) {
            ps2_queue(c, KBD_REPLY_ACK);
            /* Report the set as the host sees it (translated sets read 0x43/0x41/0x3f). */
            ps2_queue(c, s->translate ? (s->scancode_set == 1 ? 0x43 : s->scancode_set == 2 ? 0x41 : 0x3f)
                                      : s->scancode_set);
        } else if (val >= 1 && val <= 3) {
            s->scancode_set = val;
            ps2_queue(c, KBD_REPLY_ACK);
        } else {
            ps2_queue(c, KBD_REPLY_RESEND);
        }
        c->write_cmd = -1;
        return;
    case KBD_CMD_SET_LEDS:
        s->ledstate = val & 7;
        ps2_queue(c, KBD_REPLY_ACK);
        c->write_cmd = -1;
        return;
    case KBD_CMD_SET_RATE:
        ps2_queue(c, KBD_REPLY_ACK);
        c->write_cmd = -1;
        return;
    default:
        c->write_cmd = -1;
        break;
    }
    switch (val) {
    case 0x00:
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case 0x05:
        ps2_queue(c, KBD_REPLY_RESEND);
        break;
    case KBD_CMD_GET_ID:
        ps2_queue(c, KBD_REPLY_ACK);
        /* MF2 keyboard: AB 83, or AB 41 through the controller's translation. */
        ps2_queue(c, KBD_REPLY_ID);
        ps2_queue(c, s->translate ? 0x41 : 0x83);
        break;
    case KBD_CMD_ECHO:
        ps2_queue(c, KBD_CMD_ECHO);
        break;
    case KBD_CMD_ENABLE:
        s->scan_enabled = true;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case KBD_CMD_SCANCODE:
    case KBD_CMD_SET_LEDS:
    case KBD_CMD_SET_RATE:
        c->write_cmd = val;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case KBD_CMD_RESET_DISABLE:
        ps2_kbd_reset(s);
        s->scan_enabled = false;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case KBD_CMD_RESET_ENABLE:
        ps2_kbd_reset(s);
        s->scan_enabled = true;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case KBD_CMD_SET_TYPEMATIC_ALL:
    case KBD_CMD_SET_MAKE_BREAK_ALL:
    case KBD_CMD_SET_MAKE_ALL:
    case KBD_CMD_SET_ALL:
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case KBD_CMD_RESET:
        ps2_kbd_reset(s);
        ps2_queue(c, KBD_REPLY_ACK);
        ps2_queue(c, KBD_REPLY_POR);
        break;
    case KBD_CMD_RESEND:
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "ps2: unknown keyboard command %#x\n", val);
        ps2_queue(c, KBD_REPLY_RESEND);
        break;
    }
}

void ps2_mouse_reset(PS2MouseState *s)
{
    ps2_clear_queue(&s->common);
    s->common.write_cmd = -1;
    s->status = 0;
    s->resolution = 2;           /* 4 counts/mm */
    s->sample_rate = 100;
    s->wrap = false;
    s->type = 0;
    s->detect_state = 0;
    ps2_update(&s->common);
}

void ps2_write_mouse(PS2MouseState *s, uint8_t val)
{
    PS2State *c = &s->common;

    if (c->write_cmd >= 0) {
        switch (c->write_cmd) {
        case AUX_SET_SAMPLE:
            s->sample_rate = val;
            /* The IntelliMouse knock: rates 200, 100, 80 switch on the wheel. */
            if (s->detect_state == 0 && val == 200) {
                s->detect_state = 1;
            } else if (s->detect_state == 1 && val == 100) {
                s->detect_state = 2;
            } else if (s->detect_state == 2 && val == 80) {
                s->type = 3;
                s->detect_state = 0;
            } else {
                s->detect_state = 0;
            }
            break;
        case AUX_SET_RES:
            s->resolution = val & 3;
            break;
        }
        ps2_queue(c, KBD_REPLY_ACK);
        c->write_cmd = -1;
        return;
    }
    if (s->wrap) {
        if (val == AUX_RESET_WRAP) {
            s->wrap = false;
            ps2_queue(c, KBD_REPLY_ACK);
            return;
        }
        if (val != AUX_RESET) {
            ps2_queue(c, val);   /* wrap mode echoes everything */
            return;
        }
    }
    switch (val) {
    case AUX_SET_SCALE11:
        s->status &= ~MOUSE_STATUS_SCALE21;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_SET_SCALE21:
        s->status |= MOUSE_STATUS_SCALE21;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_SET_STREAM:
        s->status &= ~MOUSE_STATUS_REMOTE;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_SET_WRAP:
        s->wrap = true;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_SET_REMOTE:
        s->status |= MOUSE_STATUS_REMOTE;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_GET_TYPE:
        ps2_queue(c, KBD_REPLY_ACK);
        ps2_queue(c, s->type);
        break;
    case AUX_SET_RES:
    case AUX_SET_SAMPLE:
        c->write_cmd = val;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_GET_SCALE:
        ps2_queue(c, KBD_REPLY_ACK);
        ps2_queue(c, s->status);
        ps2_queue(c, s->resolution);
        ps2_queue(c, s->sample_rate);
        break;
    case AUX_POLL:
        ps2_queue(c, KBD_REPLY_ACK);
        /* No movement, no buttons. */
        ps2_queue(c, 0x08);
        ps2_queue(c, 0);
        ps2_queue(c, 0);
        if (s->type == 3) {
            ps2_queue(c, 0);
        }
        break;
    case AUX_ENABLE_DEV:
        s->status |= MOUSE_STATUS_ENABLED;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_DISABLE_DEV:
        s->status &= ~MOUSE_STATUS_ENABLED;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_SET_DEFAULT:
        s->sample_rate = 100;
        s->resolution = 2;
        s->status = 0;
        ps2_queue(c, KBD_REPLY_ACK);
        break;
    case AUX_RESET:
        ps2_mouse_reset(s);
        ps2_queue(c, KBD_REPLY_ACK);
        ps2_queue(c, KBD_REPLY_POR);
        ps2_queue(c, s->type);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "ps2: unknown mouse command %#x\n", val);
        ps2_queue(c, KBD_REPLY_RESEND);
        break;
    }
}

void ps2_kbd_init(PS2KbdState *s, PS2UpdateIRQ *update_irq, void *arg)
{
    memset(s, 0, sizeof(*s));
    s->common.update_irq = update_irq;
    s->common.update_arg = arg;
    ps2_kbd_reset(s);
}

void ps2_mouse_init(PS2MouseState *s, PS2UpdateIRQ *update_irq, void *arg)
{
    memset(s, 0, sizeof(*s));
    s->common.update_irq = update_irq;
    s->common.update_arg = arg;
    ps2_mouse_reset(s);
}
