/*
 * Extended attributes: names are strings and values opaque bytes, with the
 * same layout on both sides; only the guest buffers need checking.
 */
#include <errno.h>
#include <sys/xattr.h>

#include <glib.h>

#include "linux-user/qemu.h"
#include "linux-user/syscall_handlers.h"

static abi_long host_ret(long r)
{
    return r == -1 ? -errno : (abi_long)r;
}

/* kind: 0 path, 1 path without following a final symlink, 2 descriptor */
static abi_long do_getxattr(int kind, const abi_ulong *a)
{
    g_autofree char *name = lock_user_string(a[1]);
    g_autofree char *path = kind < 2 ? lock_user_string(a[0]) : NULL;
    if (!name || (kind < 2 && !path)) {
        return -EFAULT;
    }
    void *v = a[3] ? lock_user(a[2], a[3], true) : NULL;
    if (a[3] && !v) {
        return -EFAULT;
    }
    return host_ret(kind == 0 ? getxattr(path, name, v, a[3])
                    : kind == 1 ? lgetxattr(path, name, v, a[3])
                    : fgetxattr((int)a[0], name, v, a[3]));
}

static abi_long do_setxattr(int kind, const abi_ulong *a)
{
    g_autofree char *name = lock_user_string(a[1]);
    g_autofree char *path = kind < 2 ? lock_user_string(a[0]) : NULL;
    if (!name || (kind < 2 && !path)) {
        return -EFAULT;
    }
    void *v = a[3] ? lock_user(a[2], a[3], false) : NULL;
    if (a[3] && !v) {
        return -EFAULT;
    }
    return host_ret(kind == 0 ? setxattr(path, name, v, a[3], (int)a[4])
                    : kind == 1 ? lsetxattr(path, name, v, a[3], (int)a[4])
                    : fsetxattr((int)a[0], name, v, a[3], (int)a[4]));
}

static abi_long do_listxattr(int kind, const abi_ulong *a)
{
    g_autofree char *path = kind < 2 ? lock_user_string(a[0]) : NULL;
    if (kind < 2 && !path) {
        return -EFAULT;
    }
    char *list = a[2] ? lock_user(a[1], a[2], true) : NULL;
    if (a[2] && !list) {
        return -EFAULT;
    }
    return host_ret(kind == 0 ? listxattr(path, list, a[2])
                    : kind == 1 ? llistxattr(path, list, a[2])
                    : flistxattr((int)a[0], list, a[2]));
}

static abi_long do_removexattr(int kind, const abi_ulong *a)
{
    g_autofree char *name = lock_user_string(a[1]);
    g_autofree char *path = kind < 2 ? lock_user_string(a[0]) : NULL;
    if (!name || (kind < 2 && !path)) {
        return -EFAULT;
    }
    return host_ret(kind == 0 ? removexattr(path, name)
                    : kind == 1 ? lremovexattr(path, name)
                    : fremovexattr((int)a[0], name));
}

SYSCALL_IMPL(getxattr) { return do_getxattr(0, a); }
SYSCALL_IMPL(lgetxattr) { return do_getxattr(1, a); }
SYSCALL_IMPL(fgetxattr) { return do_getxattr(2, a); }
SYSCALL_IMPL(setxattr) { return do_setxattr(0, a); }
SYSCALL_IMPL(lsetxattr) { return do_setxattr(1, a); }
SYSCALL_IMPL(fsetxattr) { return do_setxattr(2, a); }
SYSCALL_IMPL(listxattr) { return do_listxattr(0, a); }
SYSCALL_IMPL(llistxattr) { return do_listxattr(1, a); }
SYSCALL_IMPL(flistxattr) { return do_listxattr(2, a); }
SYSCALL_IMPL(removexattr) { return do_removexattr(0, a); }
SYSCALL_IMPL(lremovexattr) { return do_removexattr(1, a); }
SYSCALL_IMPL(fremovexattr) { return do_removexattr(2, a); }
