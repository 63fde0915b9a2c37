/* qemu-i386: command line of the linux-user product. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q86-config.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: qemu-i386 [options] program [arguments...]\n"
            "Linux CPU emulator (compiled for i386 emulation)\n"
            "\n"
            "Options:\n"
            "-h                   print this help\n"
            "-version             display version information and exit\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    const char *opt = argv[1];
    if (opt[0] == '-' && opt[1] == '-') {
        opt++; /* QEMU accepts --opt as -opt */
    }
    if (strcmp(opt, "-h") == 0 || strcmp(opt, "-help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(opt, "-version") == 0) {
        printf("qemu-i386 version " Q86_VERSION " (Q86)\n");
        return 0;
    }
    if (opt[0] == '-') {
        fprintf(stderr, "qemu-i386: unknown option '%s'\n", argv[1]);
        return 1;
    }
    fprintf(stderr, "qemu-i386: %s: running guest programs is not implemented yet\n", argv[1]);
    return 1;
}
