/* PS/2 keyboard and mouse, as devices behind an 8042 controller. */
#ifndef HW_INPUT_PS2_H
#define HW_INPUT_PS2_H

#include <stdbool.h>
#include <stdint.h>

#define PS2_QUEUE_SIZE 256

typedef struct PS2Queue {
    uint8_t data[PS2_QUEUE_SIZE];
    int rptr, count;
} PS2Queue;

typedef void PS2UpdateIRQ(void *opaque, int level);

typedef struct PS2State {
    PS2Queue queue;
    int write_cmd;               /* a command waiting for its argument, or -1 */
    PS2UpdateIRQ *update_irq;    /* "I have data" to the controller */
    void *update_arg;
} PS2State;

typedef struct PS2KbdState {
    PS2State common;
    bool scan_enabled;
    bool translate;              /* the controller translates to set 1 */
    int scancode_set;            /* 1..3 */
    uint8_t ledstate;
} PS2KbdState;

typedef struct PS2MouseState {
    PS2State common;
    uint8_t status;              /* bit 6 remote, 5 enabled, 4 scaling 2:1, 2..0 buttons */
    uint8_t resolution;
    uint8_t sample_rate;
    bool wrap;
    uint8_t type;                /* device ID: 0 standard, 3 wheel */
    uint8_t detect_state;
} PS2MouseState;

void ps2_kbd_init(PS2KbdState *s, PS2UpdateIRQ *update_irq, void *arg);
void ps2_mouse_init(PS2MouseState *s, PS2UpdateIRQ *update_irq, void *arg);
void ps2_kbd_reset(PS2KbdState *s);
void ps2_mouse_reset(PS2MouseState *s);
/* A byte from the host (controller) to the device. */
void ps2_write_keyboard(PS2KbdState *s, uint8_t val);
void ps2_write_mouse(PS2MouseState *s, uint8_t val);
/* Takes the next byte from the device (the controller's output buffer read). */
uint8_t ps2_read_data(PS2State *s);
bool ps2_has_data(PS2State *s);
void ps2_queue(PS2State *s, uint8_t b);
void ps2_keyboard_set_translation(PS2KbdState *s, bool mode);
/* A key press/release in set 2 make/break form, from the UI. */
void ps2_put_keycode(PS2KbdState *s, uint8_t code);

#endif
