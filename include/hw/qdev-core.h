/*
 * The device model.
 *
 * A device type is a static DeviceClass: a name, the bus it plugs into, its
 * instance size, its properties and its methods (realize, reset).  An
 * instance is created with qdev_new(), given property values (defaults,
 * then -global, then -device or the machine's own settings), then realized
 * onto a bus.  Buses belong to devices; the tree starts at the main system
 * bus, and `info qtree` prints it.  Devices talk to the outside through
 * GPIO lines: inputs are qemu_irqs the device handles, outputs are
 * qemu_irq fields of the device that others connect.
 */
#ifndef HW_QDEV_CORE_H
#define HW_QDEV_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "hw/irq.h"

typedef struct DeviceState DeviceState;
typedef struct DeviceClass DeviceClass;
typedef struct BusState BusState;
typedef struct BusClass BusClass;
typedef struct Property Property;

/* ---- Properties ---- */

typedef enum PropertyType {
    PROP_BOOL,
    PROP_UINT8,
    PROP_UINT16,
    PROP_UINT32,
    PROP_UINT64,
    PROP_INT32,
    PROP_SIZE,
    PROP_STRING,    /* char *, owned by the device */
    PROP_CHR,       /* char *: the id of a chardev, resolved at realize */
    PROP_PCI_DEVFN, /* int32: "slot[.fn]" in hex, -1 = first free */
} PropertyType;

struct Property {
    const char *name;
    PropertyType type;
    size_t offset;        /* in the instance */
    uint64_t defval;
    const char *defstr;   /* PROP_STRING default */
};

#define DEFINE_PROP(_n, _t, _s, _f, _d) \
    { .name = (_n), .type = (_t), .offset = offsetof(_s, _f), .defval = (uint64_t)(_d) }
#define DEFINE_PROP_BOOL(n, s, f, d)   DEFINE_PROP(n, PROP_BOOL, s, f, d)
#define DEFINE_PROP_UINT8(n, s, f, d)  DEFINE_PROP(n, PROP_UINT8, s, f, d)
#define DEFINE_PROP_UINT16(n, s, f, d) DEFINE_PROP(n, PROP_UINT16, s, f, d)
#define DEFINE_PROP_UINT32(n, s, f, d) DEFINE_PROP(n, PROP_UINT32, s, f, d)
#define DEFINE_PROP_UINT64(n, s, f, d) DEFINE_PROP(n, PROP_UINT64, s, f, d)
#define DEFINE_PROP_INT32(n, s, f, d)  DEFINE_PROP(n, PROP_INT32, s, f, d)
#define DEFINE_PROP_SIZE(n, s, f, d)   DEFINE_PROP(n, PROP_SIZE, s, f, d)
#define DEFINE_PROP_STRING(n, s, f) \
    { .name = (n), .type = PROP_STRING, .offset = offsetof(s, f) }
#define DEFINE_PROP_CHR(n, s, f) \
    { .name = (n), .type = PROP_CHR, .offset = offsetof(s, f) }
#define DEFINE_PROP_END_OF_LIST() { .name = NULL }

/* ---- Classes ---- */

struct DeviceClass {
    const char *name;            /* the type name, e.g. "isa-serial" */
    const char *desc;
    const char *bus_type;        /* "System", "PCI" or "ISA" */
    size_t instance_size;
    const Property *props;       /* ends with DEFINE_PROP_END_OF_LIST() */
    bool user_creatable;         /* may be created with -device */
    void (*instance_init)(DeviceState *dev);
    bool (*realize)(DeviceState *dev, GError **errp);
    void (*reset)(DeviceState *dev);
    /* Extra lines of `info qtree` (bus-specific facts: PCI ids, ISA irqs). */
    void (*print_dev)(GString *out, DeviceState *dev, int indent);
};

struct BusClass {
    const char *name;            /* "System", "PCI", "ISA" */
    const Property *props;       /* properties every device on it has */
    void (*print_dev)(GString *out, DeviceState *dev, int indent);
    /* Called before the device's own realize (e.g. claim a PCI slot). */
    bool (*pre_realize)(BusState *bus, DeviceState *dev, GError **errp);
};

struct BusState {
    char *name;
    const BusClass *klass;
    DeviceState *parent;         /* NULL for the main system bus */
    GList *children;             /* DeviceState *, in realize order */
    BusState *next_sibling;      /* the next bus of the same parent */
};

#define QDEV_MAX_GPIO 32

struct DeviceState {
    const DeviceClass *klass;
    char *id;                    /* -device id=, or NULL */
    char *path;                  /* canonical path, e.g. /machine/i440fx */
    BusState *parent_bus;
    BusState *child_buses;
    bool realized;
    int num_gpio_in;
    qemu_irq *gpio_in;
    int num_gpio_out;
    qemu_irq *gpio_out[QDEV_MAX_GPIO]; /* pointers to the device's own fields */
    bool gpio_in_intercepted;
    bool gpio_out_intercepted;
};

#define DEVICE(obj) ((DeviceState *)(obj))

GQuark qdev_error_quark(void);
#define QDEV_ERROR qdev_error_quark()

/* ---- Types ---- */

void type_register_static(const DeviceClass *dc);
const DeviceClass *qdev_class_find(const char *name);
/* All registered classes, sorted by name. */
GList *qdev_class_list(void);

#define type_init(fn) \
    static void __attribute__((constructor)) do_type_init_##fn(void) { fn(); }

/* ---- Instances ---- */

/* Creates an unrealized instance with default and -global property values. */
DeviceState *qdev_new(const char *type);
DeviceState *qdev_try_new(const char *type, GError **errp);
/* Plugs @dev into @bus (NULL: the main system bus) and realizes it. */
bool qdev_realize(DeviceState *dev, BusState *bus, GError **errp);
/* qdev_realize() that exits with a message on failure (machine code). */
void qdev_realize_or_die(DeviceState *dev, BusState *bus);
/* Sets the canonical path (default /machine/unattached/device[N]). */
void qdev_set_path(DeviceState *dev, const char *path);
const char *qdev_get_path(DeviceState *dev);
const char *qdev_type_name(const DeviceState *dev);

/* Finds a device by canonical path, by -device id, or by a partial path
 * (the last component or type name) that is unambiguous.  NULL if none. */
DeviceState *qdev_find(const char *path);

/* Devices are created through qdev_new; -device goes through this. */
DeviceState *qdev_device_add(const char *optstr, GError **errp);

/* ---- Properties ---- */

const Property *qdev_prop_find(const DeviceState *dev, const char *name);
bool qdev_prop_parse(DeviceState *dev, const char *name, const char *value, GError **errp);
void qdev_prop_set_uint32(DeviceState *dev, const char *name, uint32_t value);
void qdev_prop_set_uint64(DeviceState *dev, const char *name, uint64_t value);
void qdev_prop_set_int32(DeviceState *dev, const char *name, int32_t value);
void qdev_prop_set_bit(DeviceState *dev, const char *name, bool value);
void qdev_prop_set_string(DeviceState *dev, const char *name, const char *value);
void qdev_prop_set_chr(DeviceState *dev, const char *name, const char *chardev_id);
/* Formats the value as `info qtree` prints it. */
char *qdev_prop_print(const DeviceState *dev, const Property *prop);

/* -global DRIVER.PROP=VALUE; checked when the driver is created. */
bool qdev_global_add(const char *optstr, GError **errp);
/* Applies matching -global values to a new device (qdev_new does this). */
bool qdev_globals_apply(DeviceState *dev, GError **errp);

/* ---- Buses ---- */

BusState *qbus_new(const BusClass *klass, DeviceState *parent, const char *name);
/* Initializes a bus embedded in a larger structure (PCIBus, ISABus). */
void qbus_init(BusState *bus, const BusClass *klass, DeviceState *parent, const char *name);
/* Makes a bus class's properties known to devices created for it. */
void qbus_register_class(const BusClass *bc);
const Property *qdev_bus_props(const DeviceClass *dc);
BusState *sysbus_get_default(void);
BusState *qdev_get_child_bus(DeviceState *dev, const char *name);
/* Finds a bus by name anywhere in the tree. */
BusState *qbus_find(const char *name);

/* ---- Reset ---- */

void qdev_reset_all(DeviceState *dev);
/* Resets every device, parents before their children. */
void qbus_reset_all(BusState *bus);
void qdev_reset_system(void);

/* ---- GPIO ---- */

void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n);
/* @pins points at @n consecutive qemu_irq fields of the device. */
void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n);
qemu_irq qdev_get_gpio_in(DeviceState *dev, int n);
void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq pin);
/* Walks the tree (depth first) calling @fn for every realized device. */
void qdev_walk(void (*fn)(DeviceState *dev, void *opaque), void *opaque);

/* `info qtree` */
void qdev_print_qtree(GString *out);
/* `-device help` and `-device TYPE,help` */
void qdev_print_device_help(GString *out, const char *type);

#endif
