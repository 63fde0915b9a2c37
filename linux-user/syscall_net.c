/*
 * Sockets: socketcall(2) (what i386 glibc uses) and the direct socket
 * syscalls of newer kernels share one implementation.  Addresses have the
 * same layout on both sides; msghdr/cmsghdr are converted (32-bit pointers
 * and lengths, 4-byte control alignment: include/linux/compat.h
 * compat_msghdr/compat_cmsghdr).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/qemu.h"
#include "linux-user/syscall_defs.h"
#include "linux-user/syscall_handlers.h"
#include "qemu/log.h"

static abi_long host_ret(long r)
{
    return r == -1 ? -errno : (abi_long)r;
}

#define MAX_SOCKADDR 128

static abi_long sock_addr_in(abi_ulong addr, abi_ulong len, struct sockaddr_storage *ss)
{
    if ((abi_long)len < 0 || len > sizeof(*ss)) {
        return -EINVAL;
    }
    memset(ss, 0, sizeof(*ss));
    return copy_from_user(ss, addr, len);
}

/* Writes an address back and its full length, as the kernel does
 * (move_addr_to_user: truncates to the caller's buffer). */
static abi_long sock_addr_out(abi_ulong addr, abi_ulong lenp, const struct sockaddr_storage *ss,
                              socklen_t hlen)
{
    if (!addr) {
        return 0;
    }
    uint32_t ulen;
    if (get_user_u32(&ulen, lenp) != 0) {
        return -EFAULT;
    }
    if ((int32_t)ulen < 0) {
        return -EINVAL;
    }
    if (copy_to_user(addr, ss, MIN(ulen, hlen)) != 0) {
        return -EFAULT;
    }
    return put_user_u32(hlen, lenp);
}

static abi_long do_accept4(int fd, abi_ulong addr, abi_ulong lenp, int flags)
{
    struct sockaddr_storage ss;
    socklen_t hlen = sizeof(ss);
    if (addr) {
        uint32_t ulen;
        if (get_user_u32(&ulen, lenp) != 0) {
            return -EFAULT;
        }
        if ((int32_t)ulen < 0) {
            return -EINVAL;
        }
    }
    int r = accept4(fd, addr ? (struct sockaddr *)&ss : NULL, addr ? &hlen : NULL, flags);
    if (r < 0) {
        return -errno;
    }
    abi_long e = sock_addr_out(addr, lenp, &ss, hlen);
    if (e != 0) {
        close(r);
        return e;
    }
    return r;
}

static abi_long do_getname(int fd, abi_ulong addr, abi_ulong lenp, bool peer)
{
    struct sockaddr_storage ss;
    socklen_t hlen = sizeof(ss);
    int r = peer ? getpeername(fd, (struct sockaddr *)&ss, &hlen)
                 : getsockname(fd, (struct sockaddr *)&ss, &hlen);
    if (r < 0) {
        return -errno;
    }
    return sock_addr_out(addr, lenp, &ss, hlen);
}

static abi_long do_sendto(int fd, abi_ulong buf, abi_ulong len, int flags, abi_ulong addr,
                          abi_ulong alen)
{
    void *p = lock_user_for_host(buf, len, false);
    if (!p && len) {
        return -EFAULT;
    }
    struct sockaddr_storage ss;
    if (addr) {
        abi_long e = sock_addr_in(addr, alen, &ss);
        if (e != 0) {
            return e;
        }
    }
    return host_ret(sendto(fd, p, len, flags, addr ? (struct sockaddr *)&ss : NULL,
                           addr ? (socklen_t)alen : 0));
}

static abi_long do_recvfrom(int fd, abi_ulong buf, abi_ulong len, int flags, abi_ulong addr,
                            abi_ulong lenp)
{
    void *p = lock_user_for_host(buf, len, true);
    if (!p && len) {
        return -EFAULT;
    }
    struct sockaddr_storage ss;
    socklen_t hlen = sizeof(ss);
    ssize_t r = recvfrom(fd, p, len, flags, addr ? (struct sockaddr *)&ss : NULL,
                         addr ? &hlen : NULL);
    if (r < 0) {
        return -errno;
    }
    abi_long e = sock_addr_out(addr, lenp, &ss, hlen);
    return e ? e : (abi_long)r;
}

/* SO_RCVTIMEO/SO_SNDTIMEO (old numbers) carry a 32-bit struct timeval. */
#define TARGET_SO_RCVTIMEO_OLD 20
#define TARGET_SO_SNDTIMEO_OLD 21

static abi_long do_setsockopt(int fd, int level, int name, abi_ulong val, abi_ulong len)
{
    if ((abi_long)len < 0 || len > 4096) {
        return -EINVAL;
    }
    if (level == SOL_SOCKET && (name == TARGET_SO_RCVTIMEO_OLD || name == TARGET_SO_SNDTIMEO_OLD)) {
        TargetTimeval32 t;
        if (len < sizeof(t)) {
            return -EINVAL;
        }
        if (copy_from_user(&t, val, sizeof(t)) != 0) {
            return -EFAULT;
        }
        struct timeval tv = { t.tv_sec, t.tv_usec };
        return host_ret(setsockopt(fd, level, name, &tv, sizeof(tv)));
    }
    void *p = lock_user(val, len, false);
    if (!p && len) {
        return -EFAULT;
    }
    return host_ret(setsockopt(fd, level, name, p, (socklen_t)len));
}

static abi_long do_getsockopt(int fd, int level, int name, abi_ulong val, abi_ulong lenp)
{
    uint32_t ulen;
    if (get_user_u32(&ulen, lenp) != 0) {
        return -EFAULT;
    }
    if ((int32_t)ulen < 0) {
        return -EINVAL;
    }
    if (level == SOL_SOCKET && (name == TARGET_SO_RCVTIMEO_OLD || name == TARGET_SO_SNDTIMEO_OLD)) {
        struct timeval tv;
        socklen_t hl = sizeof(tv);
        if (getsockopt(fd, level, name, &tv, &hl) != 0) {
            return -errno;
        }
        TargetTimeval32 t = { (int32_t)tv.tv_sec, (int32_t)tv.tv_usec };
        ulen = MIN(ulen, (uint32_t)sizeof(t));
        if (copy_to_user(val, &t, ulen) != 0) {
            return -EFAULT;
        }
        return put_user_u32(ulen, lenp);
    }
    ulen = MIN(ulen, 4096u);
    void *p = lock_user(val, ulen, true);
    if (!p && ulen) {
        return -EFAULT;
    }
    socklen_t hl = ulen;
    if (getsockopt(fd, level, name, p, &hl) != 0) {
        return -errno;
    }
    return put_user_u32(hl, lenp);
}

/* ---- sendmsg/recvmsg ---- */

#define TARGET_CMSG_HDR 12u
#define TARGET_CMSG_ALIGN(n) (((n) + 3u) & ~3u)

typedef struct HostMsg {
    struct msghdr m;
    struct sockaddr_storage name;
    struct iovec *iov;
    char *control;
} HostMsg;

static abi_long msg_in(HostMsg *h, const TargetMsghdr *t, bool send)
{
    memset(h, 0, sizeof(*h));
    if (t->msg_iovlen > 1024) {
        return -EMSGSIZE;
    }
    if (t->msg_name) {
        if (t->msg_namelen > sizeof(h->name)) {
            return -EINVAL;
        }
        if (send && copy_from_user(&h->name, t->msg_name, t->msg_namelen) != 0) {
            return -EFAULT;
        }
        h->m.msg_name = &h->name;
        h->m.msg_namelen = send ? t->msg_namelen : sizeof(h->name);
    }
    h->iov = g_new0(struct iovec, t->msg_iovlen ? t->msg_iovlen : 1);
    for (uint32_t i = 0; i < t->msg_iovlen; i++) {
        TargetIovec v;
        if (copy_from_user(&v, t->msg_iov + i * sizeof(v), sizeof(v)) != 0) {
            return -EFAULT;
        }
        h->iov[i].iov_base = lock_user_for_host(v.iov_base, v.iov_len, !send);
        h->iov[i].iov_len = v.iov_len;
        if (!h->iov[i].iov_base && v.iov_len) {
            return -EFAULT;
        }
    }
    h->m.msg_iov = h->iov;
    h->m.msg_iovlen = t->msg_iovlen;
    h->m.msg_flags = (int)t->msg_flags;
    if (t->msg_control && t->msg_controllen) {
        if (t->msg_controllen > 65536) {
            return -ENOBUFS;
        }
        /* Host headers are 4 bytes larger and 8-aligned: room for that. */
        size_t hsize = (size_t)t->msg_controllen * 2 + 64;
        h->control = g_malloc0(hsize);
        h->m.msg_control = h->control;
        h->m.msg_controllen = hsize;
        if (send) {
            g_autofree uint8_t *g = g_malloc(t->msg_controllen);
            if (copy_from_user(g, t->msg_control, t->msg_controllen) != 0) {
                return -EFAULT;
            }
            size_t off = 0, hoff = 0;
            while (off + TARGET_CMSG_HDR <= t->msg_controllen) {
                uint32_t len, level, type;
                memcpy(&len, g + off, 4);
                memcpy(&level, g + off + 4, 4);
                memcpy(&type, g + off + 8, 4);
                if (len < TARGET_CMSG_HDR || off + len > t->msg_controllen) {
                    return -EINVAL;
                }
                uint32_t plen = len - TARGET_CMSG_HDR;
                struct cmsghdr *c = (struct cmsghdr *)(h->control + hoff);
                c->cmsg_len = CMSG_LEN(plen);
                c->cmsg_level = (int)level;
                c->cmsg_type = (int)type;
                memcpy(CMSG_DATA(c), g + off + TARGET_CMSG_HDR, plen);
                hoff += CMSG_SPACE(plen);
                off += TARGET_CMSG_ALIGN(len);
            }
            h->m.msg_controllen = hoff;
            if (hoff == 0) {
                h->m.msg_control = NULL;
            }
        }
    }
    return 0;
}

static abi_long msg_out(abi_ulong taddr, TargetMsghdr *t, const HostMsg *h)
{
    if (t->msg_name) {
        socklen_t n = MIN(h->m.msg_namelen, t->msg_namelen);
        if (copy_to_user(t->msg_name, &h->name, n) != 0) {
            return -EFAULT;
        }
        t->msg_namelen = h->m.msg_namelen;
    }
    uint32_t out = 0;
    if (h->m.msg_control && t->msg_control) {
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&h->m); c; c = CMSG_NXTHDR((struct msghdr *)&h->m, c)) {
            uint32_t plen = (uint32_t)(c->cmsg_len - CMSG_LEN(0));
            uint32_t len = TARGET_CMSG_HDR + plen;
            if (out + len > t->msg_controllen) {
                t->msg_flags |= MSG_CTRUNC;
                break;
            }
            uint32_t hdr[3] = { len, (uint32_t)c->cmsg_level, (uint32_t)c->cmsg_type };
            if (copy_to_user(t->msg_control + out, hdr, sizeof(hdr)) != 0 ||
                copy_to_user(t->msg_control + out + TARGET_CMSG_HDR, CMSG_DATA(c), plen) != 0) {
                return -EFAULT;
            }
            out += TARGET_CMSG_ALIGN(len);
        }
    }
    t->msg_controllen = MIN(out, t->msg_controllen);
    t->msg_flags = (uint32_t)h->m.msg_flags | (t->msg_flags & MSG_CTRUNC);
    return copy_to_user(taddr, t, sizeof(*t));
}

static void msg_free(HostMsg *h)
{
    g_free(h->iov);
    g_free(h->control);
}

static abi_long do_sendrecvmsg(int fd, abi_ulong msg, int flags, bool send)
{
    TargetMsghdr t;
    HostMsg h;
    if (copy_from_user(&t, msg, sizeof(t)) != 0) {
        return -EFAULT;
    }
    abi_long r = msg_in(&h, &t, send);
    if (r == 0) {
        ssize_t n = send ? sendmsg(fd, &h.m, flags) : recvmsg(fd, &h.m, flags);
        if (n < 0) {
            r = -errno;
        } else {
            r = send ? 0 : msg_out(msg, &t, &h);
            if (r == 0) {
                r = (abi_long)n;
            }
        }
    }
    msg_free(&h);
    return r;
}

/* ---- the calls ---- */

static abi_long socket_call(int call, const abi_ulong *v)
{
    struct sockaddr_storage ss;
    abi_long e;
    switch (call) {
    case 1: /* socket */
        return host_ret(socket((int)v[0], (int)v[1], (int)v[2]));
    case 2: /* bind */
        if ((e = sock_addr_in(v[1], v[2], &ss)) != 0) {
            return e;
        }
        return host_ret(bind((int)v[0], (struct sockaddr *)&ss, (socklen_t)v[2]));
    case 3: /* connect */
        if ((e = sock_addr_in(v[1], v[2], &ss)) != 0) {
            return e;
        }
        return host_ret(connect((int)v[0], (struct sockaddr *)&ss, (socklen_t)v[2]));
    case 4: /* listen */
        return host_ret(listen((int)v[0], (int)v[1]));
    case 5: /* accept */
        return do_accept4((int)v[0], v[1], v[2], 0);
    case 6: /* getsockname */
        return do_getname((int)v[0], v[1], v[2], false);
    case 7: /* getpeername */
        return do_getname((int)v[0], v[1], v[2], true);
    case 8: { /* socketpair */
        int sv[2];
        if (!guest_access_ok(v[3], sizeof(sv), true)) {
            return -EFAULT;
        }
        if (socketpair((int)v[0], (int)v[1], (int)v[2], sv) != 0) {
            return -errno;
        }
        return copy_to_user(v[3], sv, sizeof(sv));
    }
    case 9: /* send */
        return do_sendto((int)v[0], v[1], v[2], (int)v[3], 0, 0);
    case 10: /* recv */
        return do_recvfrom((int)v[0], v[1], v[2], (int)v[3], 0, 0);
    case 11: /* sendto */
        return do_sendto((int)v[0], v[1], v[2], (int)v[3], v[4], v[5]);
    case 12: /* recvfrom */
        return do_recvfrom((int)v[0], v[1], v[2], (int)v[3], v[4], v[5]);
    case 13: /* shutdown */
        return host_ret(shutdown((int)v[0], (int)v[1]));
    case 14: /* setsockopt */
        return do_setsockopt((int)v[0], (int)v[1], (int)v[2], v[3], v[4]);
    case 15: /* getsockopt */
        return do_getsockopt((int)v[0], (int)v[1], (int)v[2], v[3], v[4]);
    case 16: /* sendmsg */
        return do_sendrecvmsg((int)v[0], v[1], (int)v[2], true);
    case 17: /* recvmsg */
        return do_sendrecvmsg((int)v[0], v[1], (int)v[2], false);
    case 18: /* accept4 */
        return do_accept4((int)v[0], v[1], v[2], (int)v[3]);
    default:
        qemu_log_mask(LOG_UNIMP, "socketcall %d is not supported\n", call);
        return -EINVAL;
    }
}

/* Number of argument words of each socketcall (net/socket.c nargs[]). */
static const uint8_t socketcall_nargs[] = { 0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4 };

SYSCALL_IMPL(socketcall)
{
    int call = (int)a[0];
    if (call < 1 || call >= (int)sizeof(socketcall_nargs)) {
        qemu_log_mask(LOG_UNIMP, "socketcall %d is not supported\n", call);
        return -EINVAL;
    }
    uint32_t w[6] = { 0 };
    if (copy_from_user(w, a[1], socketcall_nargs[call] * 4u) != 0) {
        return -EFAULT;
    }
    abi_ulong v[6] = { w[0], w[1], w[2], w[3], w[4], w[5] };
    return socket_call(call, v);
}

SYSCALL_IMPL(socket) { return socket_call(1, a); }
SYSCALL_IMPL(bind) { return socket_call(2, a); }
SYSCALL_IMPL(connect) { return socket_call(3, a); }
SYSCALL_IMPL(listen) { return socket_call(4, a); }
SYSCALL_IMPL(getsockname) { return socket_call(6, a); }
SYSCALL_IMPL(getpeername) { return socket_call(7, a); }
SYSCALL_IMPL(socketpair) { return socket_call(8, a); }
SYSCALL_IMPL(sendto) { return socket_call(11, a); }
SYSCALL_IMPL(recvfrom) { return socket_call(12, a); }
SYSCALL_IMPL(shutdown) { return socket_call(13, a); }
SYSCALL_IMPL(setsockopt) { return socket_call(14, a); }
SYSCALL_IMPL(getsockopt) { return socket_call(15, a); }
SYSCALL_IMPL(sendmsg) { return socket_call(16, a); }
SYSCALL_IMPL(recvmsg) { return socket_call(17, a); }
SYSCALL_IMPL(accept4) { return socket_call(18, a); }
