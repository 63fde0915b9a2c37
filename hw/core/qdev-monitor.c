/* The device model's monitor commands: `info qtree`, `info pci`, `info pic`. */
#include "hw/intc/i8259.h"
#include "hw/pci/pci.h"
#include "hw/qdev-core.h"
#include "monitor/monitor.h"

void qdev_monitor_register(void);

static void info_qtree(Monitor *mon, int argc, char **argv)
{
    GString *out = g_string_new(NULL);

    qdev_print_qtree(out);
    monitor_puts(mon, out->str);
    g_string_free(out, TRUE);
}

static void info_pci(Monitor *mon, int argc, char **argv)
{
    GString *out = g_string_new(NULL);

    pci_info(out, pci_find_root_bus());
    monitor_puts(mon, out->str);
    g_string_free(out, TRUE);
}

static void info_pic(Monitor *mon, int argc, char **argv)
{
    GString *out = g_string_new(NULL);

    pic_info(out);
    monitor_puts(mon, out->str);
    g_string_free(out, TRUE);
}

void qdev_monitor_register(void)
{
    /* The built-in table fills itself only while empty: fill it first, then replace. */
    hmp_register_builtin_info();
    monitor_register_info("qtree", "", "show device tree", info_qtree);
    monitor_register_info("pci", "", "show PCI info", info_pci);
    monitor_register_info("pic", "", "show PIC state", info_pic);
}
