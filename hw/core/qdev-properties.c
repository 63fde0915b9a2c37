/* Device properties: parsing, printing, -global.  See include/hw/qdev-core.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/qdev-core.h"

static const Property *find_in(const Property *props, const char *name)
{
    for (const Property *p = props; p && p->name; p++) {
        if (strcmp(p->name, name) == 0) {
            return p;
        }
    }
    return NULL;
}

const Property *qdev_prop_find(const DeviceState *dev, const char *name)
{
    const Property *p = find_in(dev->klass->props, name);

    return p ? p : find_in(qdev_bus_props(dev->klass), name);
}

static bool parse_uint(const char *value, uint64_t max, bool size_suffix, uint64_t *out)
{
    char *end;
    uint64_t v;

    errno = 0;
    v = strtoull(value, &end, 0);
    if (errno || end == value || value[0] == '-') {
        return false;
    }
    if (size_suffix && *end) {
        unsigned shift = 0;
        switch (*end) {
        case 'k': case 'K': shift = 10; break;
        case 'M': shift = 20; break;
        case 'G': shift = 30; break;
        case 'T': shift = 40; break;
        case 'B': shift = 0; break;
        default: return false;
        }
        if (shift && v > (UINT64_MAX >> shift)) {
            return false;
        }
        v <<= shift;
        end++;
    }
    if (*end || v > max) {
        return false;
    }
    *out = v;
    return true;
}

static bool parse_devfn(const char *value, int32_t *out)
{
    unsigned long slot, fn = 0;
    char *end;

    slot = strtoul(value, &end, 16);
    if (end == value || slot > 31) {
        return false;
    }
    if (*end == '.') {
        const char *f = end + 1;
        fn = strtoul(f, &end, 16);
        if (end == f || fn > 7) {
            return false;
        }
    }
    if (*end) {
        return false;
    }
    *out = (int32_t)(slot << 3 | fn);
    return true;
}

bool qdev_prop_parse(DeviceState *dev, const char *name, const char *value, GError **errp)
{
    const Property *p = qdev_prop_find(dev, name);
    char *field;
    uint64_t v;
    bool ok = true;

    if (!p) {
        g_set_error(errp, QDEV_ERROR, 0, "Property '%s.%s' not found", dev->klass->name, name);
        return false;
    }
    field = (char *)dev + p->offset;
    switch (p->type) {
    case PROP_BOOL:
        if (!strcmp(value, "on") || !strcmp(value, "true") || !strcmp(value, "yes")) {
            *(bool *)field = true;
        } else if (!strcmp(value, "off") || !strcmp(value, "false") || !strcmp(value, "no")) {
            *(bool *)field = false;
        } else {
            ok = false;
        }
        break;
    case PROP_UINT8:
        if ((ok = parse_uint(value, UINT8_MAX, false, &v))) {
            *(uint8_t *)field = v;
        }
        break;
    case PROP_UINT16:
        if ((ok = parse_uint(value, UINT16_MAX, false, &v))) {
            *(uint16_t *)field = v;
        }
        break;
    case PROP_UINT32:
        if ((ok = parse_uint(value, UINT32_MAX, false, &v))) {
            *(uint32_t *)field = v;
        }
        break;
    case PROP_UINT64:
        if ((ok = parse_uint(value, UINT64_MAX, false, &v))) {
            *(uint64_t *)field = v;
        }
        break;
    case PROP_SIZE:
        if ((ok = parse_uint(value, UINT64_MAX, true, &v))) {
            *(uint64_t *)field = v;
        }
        break;
    case PROP_INT32: {
        char *end;
        long long s;
        errno = 0;
        s = strtoll(value, &end, 0);
        ok = !errno && end != value && !*end && s >= INT32_MIN && s <= INT32_MAX;
        if (ok) {
            *(int32_t *)field = (int32_t)s;
        }
        break;
    }
    case PROP_PCI_DEVFN:
        ok = parse_devfn(value, (int32_t *)field);
        break;
    case PROP_STRING:
    case PROP_CHR:
        g_free(*(char **)field);
        *(char **)field = g_strdup(value);
        break;
    }
    if (!ok) {
        g_set_error(errp, QDEV_ERROR, 0, "Property '%s.%s' doesn't take value '%s'",
                    dev->klass->name, name, value);
    }
    return ok;
}

static void set_or_die(DeviceState *dev, const char *name, const char *value)
{
    GError *err = NULL;

    if (!qdev_prop_parse(dev, name, value, &err)) {
        fprintf(stderr, "qemu-system-i386: %s\n", err->message);
        exit(1);
    }
}

void qdev_prop_set_uint32(DeviceState *dev, const char *name, uint32_t value)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "%" PRIu32, value);
    set_or_die(dev, name, buf);
}

void qdev_prop_set_uint64(DeviceState *dev, const char *name, uint64_t value)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "%" PRIu64, value);
    set_or_die(dev, name, buf);
}

void qdev_prop_set_int32(DeviceState *dev, const char *name, int32_t value)
{
    const Property *p = qdev_prop_find(dev, name);

    g_assert(p && (p->type == PROP_INT32 || p->type == PROP_PCI_DEVFN));
    *(int32_t *)((char *)dev + p->offset) = value;
}

void qdev_prop_set_bit(DeviceState *dev, const char *name, bool value)
{
    set_or_die(dev, name, value ? "on" : "off");
}

void qdev_prop_set_string(DeviceState *dev, const char *name, const char *value)
{
    set_or_die(dev, name, value);
}

void qdev_prop_set_chr(DeviceState *dev, const char *name, const char *chardev_id)
{
    set_or_die(dev, name, chardev_id);
}

char *qdev_prop_print(const DeviceState *dev, const Property *p)
{
    const char *field = (const char *)dev + p->offset;

    switch (p->type) {
    case PROP_BOOL:
        return g_strdup(*(const bool *)field ? "true" : "false");
    case PROP_UINT8:
        return g_strdup_printf("%u (0x%x)", *(const uint8_t *)field, *(const uint8_t *)field);
    case PROP_UINT16:
        return g_strdup_printf("%u (0x%x)", *(const uint16_t *)field, *(const uint16_t *)field);
    case PROP_UINT32:
        return g_strdup_printf("%" PRIu32 " (0x%" PRIx32 ")", *(const uint32_t *)field,
                               *(const uint32_t *)field);
    case PROP_UINT64:
        return g_strdup_printf("%" PRIu64 " (0x%" PRIx64 ")", *(const uint64_t *)field,
                               *(const uint64_t *)field);
    case PROP_SIZE: {
        uint64_t v = *(const uint64_t *)field;
        static const char suffix[] = "BKMGT";
        unsigned i = 0;
        double d = v;
        while (d >= 1024 && i < 4) {
            d /= 1024;
            i++;
        }
        if (i == 0) {
            return g_strdup_printf("%" PRIu64 " B", v);
        }
        return g_strdup_printf("%g %ciB", d, suffix[i]);
    }
    case PROP_INT32:
        return g_strdup_printf("%" PRId32 " (0x%" PRIx32 ")", *(const int32_t *)field,
                               (uint32_t)*(const int32_t *)field);
    case PROP_PCI_DEVFN: {
        int32_t devfn = *(const int32_t *)field;
        if (devfn < 0) {
            return g_strdup("-1");
        }
        return g_strdup_printf("%02x.%x", devfn >> 3, devfn & 7);
    }
    case PROP_STRING:
    case PROP_CHR: {
        const char *s = *(char *const *)field;
        return g_strdup_printf("\"%s\"", s ? s : "");
    }
    }
    return g_strdup("?");
}

/* ---- -global ---- */

typedef struct GlobalProp {
    char *driver;
    char *property;
    char *value;
} GlobalProp;

static GList *globals;

bool qdev_global_add(const char *optstr, GError **errp)
{
    const char *dot = strchr(optstr, '.');
    const char *eq = dot ? strchr(dot, '=') : NULL;
    GlobalProp *g;

    if (g_str_has_prefix(optstr, "driver=")) {
        /* -global driver=D,property=P,value=V */
        char **parts = g_strsplit(optstr, ",", -1);
        g = g_new0(GlobalProp, 1);
        for (char **p = parts; *p; p++) {
            if (g_str_has_prefix(*p, "driver=")) {
                g->driver = g_strdup(*p + 7);
            } else if (g_str_has_prefix(*p, "property=")) {
                g->property = g_strdup(*p + 9);
            } else if (g_str_has_prefix(*p, "value=")) {
                g->value = g_strdup(*p + 6);
            }
        }
        g_strfreev(parts);
        if (!g->driver || !g->property || !g->value) {
            g_set_error(errp, QDEV_ERROR, 0, "-global %s: needs driver, property and value",
                        optstr);
            g_free(g->driver);
            g_free(g->property);
            g_free(g->value);
            g_free(g);
            return false;
        }
    } else {
        if (!dot || !eq || dot == optstr || eq == dot + 1) {
            g_set_error(errp, QDEV_ERROR, 0, "Invalid -global '%s': expected DRIVER.PROP=VALUE",
                        optstr);
            return false;
        }
        g = g_new0(GlobalProp, 1);
        g->driver = g_strndup(optstr, dot - optstr);
        g->property = g_strndup(dot + 1, eq - dot - 1);
        g->value = g_strdup(eq + 1);
    }
    globals = g_list_append(globals, g);
    return true;
}

bool qdev_globals_apply(DeviceState *dev, GError **errp)
{
    for (GList *l = globals; l; l = l->next) {
        GlobalProp *g = l->data;
        if (strcmp(g->driver, dev->klass->name) != 0) {
            continue;
        }
        if (!qdev_prop_parse(dev, g->property, g->value, errp)) {
            return false;
        }
    }
    return true;
}

/* ---- -device ---- */

DeviceState *qdev_device_add(const char *optstr, GError **errp)
{
    char **parts = g_strsplit(optstr, ",", -1);
    const char *driver = NULL;
    const char *busname = NULL;
    DeviceState *dev = NULL;
    BusState *bus;
    int first = 1;

    if (!parts[0]) {
        g_set_error(errp, QDEV_ERROR, 0, "-device: missing driver name");
        goto out;
    }
    if (g_str_has_prefix(parts[0], "driver=")) {
        driver = parts[0] + 7;
    } else if (!strchr(parts[0], '=')) {
        driver = parts[0];
    } else {
        first = 0;
        for (char **p = parts; *p; p++) {
            if (g_str_has_prefix(*p, "driver=")) {
                driver = *p + 7;
            }
        }
    }
    if (!driver) {
        g_set_error(errp, QDEV_ERROR, 0, "Parameter 'driver' is missing");
        goto out;
    }
    {
        const DeviceClass *dc = qdev_class_find(driver);
        if (!dc) {
            g_set_error(errp, QDEV_ERROR, 0, "'%s' is not a valid device model name", driver);
            goto out;
        }
        if (!dc->user_creatable) {
            g_set_error(errp, QDEV_ERROR, 0, "Parameter 'driver' expects a pluggable device type");
            goto out;
        }
    }
    dev = qdev_try_new(driver, errp);
    if (!dev) {
        goto out;
    }
    for (char **p = parts + first; *p; p++) {
        char *eq = strchr(*p, '=');
        if (g_str_has_prefix(*p, "driver=")) {
            continue;
        }
        if (!eq) {
            g_set_error(errp, QDEV_ERROR, 0, "Invalid parameter '%s'", *p);
            goto fail;
        }
        *eq = '\0';
        if (strcmp(*p, "id") == 0) {
            if (qdev_find(eq + 1) && qdev_find(eq + 1)->id) {
                g_set_error(errp, QDEV_ERROR, 0, "Duplicate device ID '%s'", eq + 1);
                goto fail;
            }
            dev->id = g_strdup(eq + 1);
        } else if (strcmp(*p, "bus") == 0) {
            busname = eq + 1;
        } else if (!qdev_prop_parse(dev, *p, eq + 1, errp)) {
            goto fail;
        }
    }
    if (busname) {
        bus = qbus_find(busname);
        if (!bus) {
            g_set_error(errp, QDEV_ERROR, 0, "Bus '%s' not found", busname);
            goto fail;
        }
    } else {
        const char *want = dev->klass->bus_type ? dev->klass->bus_type : "System";
        bus = NULL;
        if (strcmp(want, "PCI") == 0) {
            bus = qbus_find("pci.0");
        } else if (strcmp(want, "ISA") == 0) {
            bus = qbus_find("isa.0");
        } else {
            bus = sysbus_get_default();
        }
        if (!bus) {
            g_set_error(errp, QDEV_ERROR, 0, "No '%s' bus found for device '%s'", want,
                        dev->klass->name);
            goto fail;
        }
    }
    if (dev->id) {
        g_free(dev->path);
        dev->path = g_strdup_printf("/machine/peripheral/%s", dev->id);
    }
    if (!qdev_realize(dev, bus, errp)) {
        goto fail;
    }
    goto out;
fail:
    /* The instance stays allocated but unrealized and unreachable. */
    dev = NULL;
out:
    g_strfreev(parts);
    return dev;
}

/* ---- info qtree ---- */

static void print_props(GString *out, DeviceState *dev, const Property *props, int indent)
{
    for (const Property *p = props; p && p->name; p++) {
        char *v = qdev_prop_print(dev, p);
        g_string_append_printf(out, "%*s%s = %s\n", indent, "", p->name, v);
        g_free(v);
    }
}

static void print_bus(GString *out, BusState *bus, int indent);

static void print_dev(GString *out, DeviceState *dev, int indent)
{
    g_string_append_printf(out, "%*sdev: %s, id \"%s\"\n", indent, "", dev->klass->name,
                           dev->id ? dev->id : "");
    indent += 2;
    if (dev->num_gpio_in) {
        g_string_append_printf(out, "%*sgpio-in \"\" %d\n", indent, "", dev->num_gpio_in);
    }
    if (dev->num_gpio_out) {
        g_string_append_printf(out, "%*sgpio-out \"\" %d\n", indent, "", dev->num_gpio_out);
    }
    print_props(out, dev, dev->klass->props, indent);
    print_props(out, dev, qdev_bus_props(dev->klass), indent);
    if (dev->parent_bus->klass->print_dev) {
        dev->parent_bus->klass->print_dev(out, dev, indent);
    }
    if (dev->klass->print_dev) {
        dev->klass->print_dev(out, dev, indent);
    }
    for (BusState *b = dev->child_buses; b; b = b->next_sibling) {
        print_bus(out, b, indent);
    }
}

static void print_bus(GString *out, BusState *bus, int indent)
{
    g_string_append_printf(out, "%*sbus: %s\n", indent, "", bus->name);
    g_string_append_printf(out, "%*stype %s\n", indent + 2, "", bus->klass->name);
    for (GList *l = bus->children; l; l = l->next) {
        print_dev(out, l->data, indent + 2);
    }
}

void qdev_print_qtree(GString *out)
{
    print_bus(out, sysbus_get_default(), 0);
}

void qdev_print_device_help(GString *out, const char *type)
{
    if (!type) {
        GList *list = qdev_class_list();
        for (GList *l = list; l; l = l->next) {
            const DeviceClass *dc = l->data;
            if (!dc->user_creatable) {
                continue;
            }
            g_string_append_printf(out, "name \"%s\", bus %s", dc->name,
                                   dc->bus_type ? dc->bus_type : "System");
            if (dc->desc) {
                g_string_append_printf(out, ", desc \"%s\"", dc->desc);
            }
            g_string_append_c(out, '\n');
        }
        g_list_free(list);
        return;
    }
    const DeviceClass *dc = qdev_class_find(type);
    if (!dc) {
        g_string_append_printf(out, "'%s' is not a valid device model name\n", type);
        return;
    }
    g_string_append_printf(out, "%s options:\n", dc->name);
    for (const Property *p = dc->props; p && p->name; p++) {
        g_string_append_printf(out, "  %s\n", p->name);
    }
    for (const Property *p = qdev_bus_props(dc); p && p->name; p++) {
        g_string_append_printf(out, "  %s\n", p->name);
    }
}
