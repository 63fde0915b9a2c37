/* qemu-system-i386: --version and --help, then the emulator (softmmu/vl.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q86-config.h"
#include "sysemu/sysemu.h"
#include "target/i386/cpu.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: qemu-system-i386 [options]\n"
            "\n"
            "Standard options:\n"
            "-h or -help     display this help and exit\n"
            "-version        display version information and exit\n"
            "-machine|-M type[,prop=value]  select the machine ('-machine help' lists them)\n"
            "-m [size=]megs[M|G]  guest RAM size\n"
            "-cpu model[,+feature|-feature...]  select the CPU model ('-cpu help' lists them)\n"
            "-S              do not start the CPUs at start-up ('cont' in the monitor does)\n"
            "-no-reboot      exit instead of rebooting\n"
            "-smp n          number of CPUs (1 for now; -accel qtest takes any)\n"
            "-bios file      firmware image (default: SeaBIOS's bios-256k.bin)\n"
            "-L dir          where firmware and option ROMs are looked up\n"
            "-device driver[,prop=value...]  add a device ('-device help' lists them)\n"
            "-global driver.prop=value  default property value for a device type\n"
            "-accel tcg|qtest  the accelerator\n"
            "\n"
            "Boot options:\n"
            "-kernel file    a Linux bzImage or a multiboot kernel, started by the firmware\n"
            "-initrd file    Linux: the initial ramdisk; multiboot: modules \"file args,file2\"\n"
            "-append cmdline the kernel command line\n"
            "\n"
            "Display options:\n"
            "-display none   no display\n"
            "-nographic      no display; serial port and monitor share stdio (Ctrl-A h for help)\n"
            "\n"
            "Character devices and monitor:\n"
            "-chardev backend,id=id[,options]  backends: null, stdio, file, pipe, pty, socket\n"
            "-serial dev     serial port: stdio, null, none, pty, file:path, pipe:path,\n"
            "                unix:path[,server=on][,wait=off], tcp:host:port[,...], mon:dev\n"
            "-monitor dev    HMP monitor on dev (as for -serial)\n"
            "-mon [chardev=]id[,mode=readline]  HMP monitor on chardev id\n"
            "\n"
            "Debugging:\n"
            "-d item1,...    log items ('-d help' lists them)\n"
            "-D logfile      log to logfile instead of stderr\n");
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (opt[0] != '-') {
            continue;
        }
        if (opt[1] == '-') {
            opt++;
        }
        if (strcmp(opt, "-h") == 0 || strcmp(opt, "-help") == 0) {
            usage(stdout);
            return 0;
        }
        /* Like -h, answered before anything is built. */
        if (strcmp(opt, "-cpu") == 0 && i + 1 < argc &&
            (strcmp(argv[i + 1], "help") == 0 || strcmp(argv[i + 1], "?") == 0)) {
            x86_cpu_list(stdout);
            return 0;
        }
        if (strcmp(opt, "-version") == 0) {
            printf("QEMU emulator version " Q86_VERSION " (Q86)\n");
            return 0;
        }
    }
    return qemu_main(argc, argv);
}
