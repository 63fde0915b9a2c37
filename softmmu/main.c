/* qemu-system-i386: command line of the system-emulation product. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q86-config.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: qemu-system-i386 [options] [disk_image]\n"
            "\n"
            "Standard options:\n"
            "-h or -help     display this help and exit\n"
            "-version        display version information and exit\n");
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (opt[0] == '-' && opt[1] == '-') {
            opt++;
        }
        if (strcmp(opt, "-h") == 0 || strcmp(opt, "-help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(opt, "-version") == 0) {
            printf("QEMU emulator version " Q86_VERSION " (Q86)\n");
            return 0;
        }
        fprintf(stderr, "qemu-system-i386: %s: unsupported option\n", argv[i]);
        return 1;
    }
    fprintf(stderr, "qemu-system-i386: no machine can run yet: system emulation is not implemented\n");
    return 1;
}
