/* Device types, instances, buses, GPIO lines and reset: see include/hw/qdev-core.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/qdev-core.h"

G_DEFINE_QUARK(q86-qdev-error-quark, qdev_error)

static GHashTable *classes;      /* name -> const DeviceClass * */
static GList *all_devices;       /* DeviceState *, creation order */
static unsigned unattached_count;

static const BusClass system_bus_class = {
    .name = "System",
};

void type_register_static(const DeviceClass *dc)
{
    if (!classes) {
        classes = g_hash_table_new(g_str_hash, g_str_equal);
    }
    g_hash_table_insert(classes, (gpointer)dc->name, (gpointer)dc);
}

const DeviceClass *qdev_class_find(const char *name)
{
    return classes ? g_hash_table_lookup(classes, name) : NULL;
}

static gint class_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(((const DeviceClass *)a)->name, ((const DeviceClass *)b)->name);
}

GList *qdev_class_list(void)
{
    GList *l = classes ? g_hash_table_get_values(classes) : NULL;

    return g_list_sort(l, class_cmp);
}

const char *qdev_type_name(const DeviceState *dev)
{
    return dev->klass->name;
}

BusState *sysbus_get_default(void)
{
    static BusState *main_bus;

    if (!main_bus) {
        main_bus = qbus_new(&system_bus_class, NULL, "main-system-bus");
    }
    return main_bus;
}

BusState *qbus_new(const BusClass *klass, DeviceState *parent, const char *name)
{
    BusState *bus = g_new0(BusState, 1);

    qbus_init(bus, klass, parent, name);
    return bus;
}

void qbus_init(BusState *bus, const BusClass *klass, DeviceState *parent, const char *name)
{
    bus->klass = klass;
    bus->parent = parent;
    bus->name = g_strdup(name);
    if (parent) {
        BusState **p = &parent->child_buses;
        while (*p) {
            p = &(*p)->next_sibling;
        }
        *p = bus;
    }
}

BusState *qdev_get_child_bus(DeviceState *dev, const char *name)
{
    for (BusState *b = dev->child_buses; b; b = b->next_sibling) {
        if (!name || strcmp(b->name, name) == 0) {
            return b;
        }
    }
    return NULL;
}

static BusState *bus_find_in(BusState *bus, const char *name)
{
    if (strcmp(bus->name, name) == 0) {
        return bus;
    }
    for (GList *l = bus->children; l; l = l->next) {
        DeviceState *dev = l->data;
        for (BusState *b = dev->child_buses; b; b = b->next_sibling) {
            BusState *found = bus_find_in(b, name);
            if (found) {
                return found;
            }
        }
    }
    return NULL;
}

BusState *qbus_find(const char *name)
{
    return bus_find_in(sysbus_get_default(), name);
}

static void prop_set_defaults(DeviceState *dev, const Property *props)
{
    for (const Property *p = props; p && p->name; p++) {
        char *field = (char *)dev + p->offset;
        switch (p->type) {
        case PROP_BOOL:
            *(bool *)field = p->defval != 0;
            break;
        case PROP_UINT8:
            *(uint8_t *)field = p->defval;
            break;
        case PROP_UINT16:
            *(uint16_t *)field = p->defval;
            break;
        case PROP_UINT32:
            *(uint32_t *)field = p->defval;
            break;
        case PROP_UINT64:
        case PROP_SIZE:
            *(uint64_t *)field = p->defval;
            break;
        case PROP_INT32:
        case PROP_PCI_DEVFN:
            *(int32_t *)field = (int32_t)p->defval;
            break;
        case PROP_STRING:
        case PROP_CHR:
            *(char **)field = g_strdup(p->defstr);
            break;
        }
    }
}

/* Bus classes register themselves so their properties are known at qdev_new(). */
static const BusClass *registered_bus_classes[8];

void qbus_register_class(const BusClass *bc)
{
    for (int i = 0; i < 8; i++) {
        if (!registered_bus_classes[i] || registered_bus_classes[i] == bc) {
            registered_bus_classes[i] = bc;
            return;
        }
    }
    abort();
}

const Property *qdev_bus_props(const DeviceClass *dc)
{
    for (int i = 0; i < 8 && registered_bus_classes[i]; i++) {
        if (dc->bus_type && strcmp(registered_bus_classes[i]->name, dc->bus_type) == 0) {
            return registered_bus_classes[i]->props;
        }
    }
    return NULL;
}

DeviceState *qdev_try_new(const char *type, GError **errp)
{
    const DeviceClass *dc = qdev_class_find(type);
    DeviceState *dev;

    if (!dc) {
        g_set_error(errp, QDEV_ERROR, 0, "'%s' is not a valid device model name", type);
        return NULL;
    }
    g_assert(dc->instance_size >= sizeof(DeviceState));
    dev = g_malloc0(dc->instance_size);
    dev->klass = dc;
    prop_set_defaults(dev, qdev_bus_props(dc));
    prop_set_defaults(dev, dc->props);
    if (dc->instance_init) {
        dc->instance_init(dev);
    }
    if (!qdev_globals_apply(dev, errp)) {
        g_free(dev);
        return NULL;
    }
    all_devices = g_list_append(all_devices, dev);
    return dev;
}

DeviceState *qdev_new(const char *type)
{
    GError *err = NULL;
    DeviceState *dev = qdev_try_new(type, &err);

    if (!dev) {
        fprintf(stderr, "qemu-system-i386: %s\n", err->message);
        exit(1);
    }
    return dev;
}

void qdev_set_path(DeviceState *dev, const char *path)
{
    g_free(dev->path);
    dev->path = g_strdup(path);
}

const char *qdev_get_path(DeviceState *dev)
{
    if (!dev->path) {
        if (dev->id) {
            dev->path = g_strdup_printf("/machine/peripheral/%s", dev->id);
        } else {
            dev->path = g_strdup_printf("/machine/unattached/device[%u]", unattached_count++);
        }
    }
    return dev->path;
}

bool qdev_realize(DeviceState *dev, BusState *bus, GError **errp)
{
    if (!bus) {
        bus = sysbus_get_default();
    }
    if (g_strcmp0(dev->klass->bus_type ? dev->klass->bus_type : "System", bus->klass->name) != 0) {
        g_set_error(errp, QDEV_ERROR, 0, "Device '%s' can't go on %s bus",
                    dev->klass->name, bus->klass->name);
        return false;
    }
    dev->parent_bus = bus;
    qdev_get_path(dev);
    if (bus->klass->pre_realize && !bus->klass->pre_realize(bus, dev, errp)) {
        dev->parent_bus = NULL;
        return false;
    }
    if (dev->klass->realize && !dev->klass->realize(dev, errp)) {
        dev->parent_bus = NULL;
        return false;
    }
    bus->children = g_list_append(bus->children, dev);
    dev->realized = true;
    if (dev->klass->reset) {
        dev->klass->reset(dev);
    }
    return true;
}

void qdev_realize_or_die(DeviceState *dev, BusState *bus)
{
    GError *err = NULL;

    if (!qdev_realize(dev, bus, &err)) {
        fprintf(stderr, "qemu-system-i386: %s\n", err->message);
        exit(1);
    }
}

static void walk_bus(BusState *bus, void (*fn)(DeviceState *, void *), void *opaque)
{
    for (GList *l = bus->children; l; l = l->next) {
        DeviceState *dev = l->data;
        fn(dev, opaque);
        for (BusState *b = dev->child_buses; b; b = b->next_sibling) {
            walk_bus(b, fn, opaque);
        }
    }
}

void qdev_walk(void (*fn)(DeviceState *dev, void *opaque), void *opaque)
{
    walk_bus(sysbus_get_default(), fn, opaque);
}

static const char *path_last(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

DeviceState *qdev_find(const char *path)
{
    DeviceState *partial = NULL;
    int nr_partial = 0;

    for (GList *l = all_devices; l; l = l->next) {
        DeviceState *dev = l->data;
        const char *p = qdev_get_path(dev);
        if (strcmp(p, path) == 0 || (dev->id && strcmp(dev->id, path) == 0)) {
            return dev;
        }
        if (path[0] != '/' &&
            (strcmp(path_last(p), path) == 0 || strcmp(dev->klass->name, path) == 0)) {
            partial = dev;
            nr_partial++;
        }
    }
    return nr_partial == 1 ? partial : NULL;
}

void qdev_reset_all(DeviceState *dev)
{
    if (dev->klass->reset) {
        dev->klass->reset(dev);
    }
    for (BusState *b = dev->child_buses; b; b = b->next_sibling) {
        qbus_reset_all(b);
    }
}

void qbus_reset_all(BusState *bus)
{
    for (GList *l = bus->children; l; l = l->next) {
        qdev_reset_all(l->data);
    }
}

void qdev_reset_system(void)
{
    qbus_reset_all(sysbus_get_default());
}

void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n)
{
    dev->gpio_in = g_renew(qemu_irq, dev->gpio_in, dev->num_gpio_in + n);
    for (int i = 0; i < n; i++) {
        dev->gpio_in[dev->num_gpio_in + i] =
            qemu_allocate_irq(handler, dev, dev->num_gpio_in + i);
    }
    dev->num_gpio_in += n;
}

void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n)
{
    g_assert(dev->num_gpio_out + n <= QDEV_MAX_GPIO);
    for (int i = 0; i < n; i++) {
        dev->gpio_out[dev->num_gpio_out++] = &pins[i];
    }
}

qemu_irq qdev_get_gpio_in(DeviceState *dev, int n)
{
    g_assert(n >= 0 && n < dev->num_gpio_in);
    return dev->gpio_in[n];
}

void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq pin)
{
    g_assert(n >= 0 && n < dev->num_gpio_out);
    if (!dev->gpio_out_intercepted) {
        *dev->gpio_out[n] = pin;
    }
}
