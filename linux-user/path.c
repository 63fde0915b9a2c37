/*
 * -L prefix: absolute guest paths are looked up under the prefix first
 * (the guest's /lib/ld-linux.so.2 is PREFIX/lib/ld-linux.so.2), falling back
 * to the host path when the prefix has no such file.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "linux-user/qemu.h"

const char *path_for_guest(const char *path, char *buf, size_t buflen)
{
    struct stat st;
    if (!interp_prefix || !path || path[0] != '/') {
        return path;
    }
    int n = snprintf(buf, buflen, "%s%s", interp_prefix, path);
    if (n < 0 || (size_t)n >= buflen || lstat(buf, &st) != 0) {
        return path;
    }
    return buf;
}
