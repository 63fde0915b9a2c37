/*
 * The device model's pure logic: property defaults, parsing and printing,
 * -global precedence, -device option strings, path lookup and reset order.
 */
#include <string.h>

#include "hw/qdev-core.h"

typedef struct TestDev {
    DeviceState parent_obj;
    uint32_t iobase;
    bool flag;
    uint64_t size;
    char *name;
    int resets;
} TestDev;

static const Property test_props[] = {
    DEFINE_PROP_UINT32("iobase", TestDev, iobase, 0x3f8),
    DEFINE_PROP_BOOL("flag", TestDev, flag, false),
    DEFINE_PROP_SIZE("size", TestDev, size, 4096),
    DEFINE_PROP_STRING("name", TestDev, name),
    DEFINE_PROP_END_OF_LIST(),
};

static void test_reset(DeviceState *dev)
{
    ((TestDev *)dev)->resets++;
}

static const DeviceClass test_class = {
    .name = "test-dev",
    .instance_size = sizeof(TestDev),
    .props = test_props,
    .user_creatable = true,
    .reset = test_reset,
};

static void register_once(void)
{
    static bool done;

    if (!done) {
        type_register_static(&test_class);
        done = true;
    }
}

static void defaults_apply_and_print_like_info_qtree(void)
{
    DeviceState *dev;
    char *s;

    register_once();
    dev = qdev_new("test-dev");
    g_assert_cmphex(((TestDev *)dev)->iobase, ==, 0x3f8);
    s = qdev_prop_print(dev, qdev_prop_find(dev, "iobase"));
    g_assert_cmpstr(s, ==, "1016 (0x3f8)");
    g_free(s);
    s = qdev_prop_print(dev, qdev_prop_find(dev, "size"));
    g_assert_cmpstr(s, ==, "4 KiB");
    g_free(s);
    s = qdev_prop_print(dev, qdev_prop_find(dev, "name"));
    g_assert_cmpstr(s, ==, "\"\"");
    g_free(s);
}

static void bad_values_are_rejected_with_the_property_named(void)
{
    GError *err = NULL;
    DeviceState *dev;

    register_once();
    dev = qdev_new("test-dev");
    g_assert_false(qdev_prop_parse(dev, "iobase", "0x1ffffffff", &err));
    g_assert_nonnull(strstr(err->message, "iobase"));
    g_clear_error(&err);
    g_assert_false(qdev_prop_parse(dev, "flag", "maybe", &err));
    g_clear_error(&err);
    g_assert_false(qdev_prop_parse(dev, "nosuch", "1", &err));
    g_assert_nonnull(strstr(err->message, "nosuch"));
    g_clear_error(&err);
    g_assert_true(qdev_prop_parse(dev, "size", "2M", &err));
    g_assert_cmpuint(((TestDev *)dev)->size, ==, 2 << 20);
}

static void global_sets_default_and_device_option_overrides_it(void)
{
    GError *err = NULL;
    DeviceState *dev;

    register_once();
    g_assert_true(qdev_global_add("test-dev.iobase=0x2f8", &err));
    dev = qdev_new("test-dev");
    g_assert_cmphex(((TestDev *)dev)->iobase, ==, 0x2f8);
    dev = qdev_device_add("test-dev,id=t1,iobase=0x3e8,flag=on,name=hello", &err);
    g_assert_no_error(err);
    g_assert_cmphex(((TestDev *)dev)->iobase, ==, 0x3e8);
    g_assert_true(((TestDev *)dev)->flag);
    g_assert_cmpstr(((TestDev *)dev)->name, ==, "hello");
    g_assert_true(qdev_find("t1") == dev);
    g_assert_true(qdev_find("/machine/peripheral/t1") == dev);
    g_assert_null(qdev_device_add("test-dev,id=t1", &err));
    g_assert_nonnull(strstr(err->message, "Duplicate"));
    g_clear_error(&err);
}

static void reset_reaches_every_realized_device(void)
{
    DeviceState *dev;

    register_once();
    dev = qdev_new("test-dev");
    qdev_realize_or_die(dev, NULL);
    g_assert_cmpint(((TestDev *)dev)->resets, ==, 1);   /* realize resets */
    qdev_reset_system();
    g_assert_cmpint(((TestDev *)dev)->resets, ==, 2);
}

typedef struct GpioDev {
    DeviceState parent_obj;
    qemu_irq out;
} GpioDev;

static const DeviceClass gpio_class = { .name = "test-gpio", .instance_size = sizeof(GpioDev) };
static int gpio_seen_n = -1, gpio_seen_level = -1;

static void gpio_in_handler(void *opaque, int n, int level)
{
    gpio_seen_n = n;
    gpio_seen_level = level;
}

static void gpio_lines_connect_outputs_to_inputs(void)
{
    DeviceState *a, *b;

    type_register_static(&gpio_class);
    a = qdev_new("test-gpio");
    b = qdev_new("test-gpio");
    qdev_init_gpio_out(a, &((GpioDev *)a)->out, 1);
    qdev_init_gpio_in(b, gpio_in_handler, 2);
    /* Unconnected, the output goes nowhere. */
    qemu_set_irq(((GpioDev *)a)->out, 1);
    g_assert_cmpint(gpio_seen_n, ==, -1);
    qdev_connect_gpio_out(a, 0, qdev_get_gpio_in(b, 1));
    qemu_set_irq(((GpioDev *)a)->out, 1);
    g_assert_cmpint(gpio_seen_n, ==, 1);
    g_assert_cmpint(gpio_seen_level, ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qdev/defaults_apply_and_print_like_info_qtree",
                    defaults_apply_and_print_like_info_qtree);
    g_test_add_func("/qdev/bad_values_are_rejected_with_the_property_named",
                    bad_values_are_rejected_with_the_property_named);
    g_test_add_func("/qdev/global_sets_default_and_device_option_overrides_it",
                    global_sets_default_and_device_option_overrides_it);
    g_test_add_func("/qdev/reset_reaches_every_realized_device", reset_reaches_every_realized_device);
    g_test_add_func("/qdev/gpio_lines_connect_outputs_to_inputs", gpio_lines_connect_outputs_to_inputs);
    return g_test_run();
}
