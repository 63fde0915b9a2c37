# I/O multiplexing and time through the standard library: select, poll,
# epoll (selectors, asyncio), eventfd, socketpair and a TCP loopback
# connection, signal.set_wakeup_fd, timers, files and directories.
import asyncio
import os
import select
import selectors
import signal
import socket
import tempfile
import threading
import time

a, b = socket.socketpair()
b.sendall(b"ping")
r, _, _ = select.select([a], [], [], 5)
print("select", r == [a], a.recv(10))
p = select.poll()
p.register(b, select.POLLIN)
a.sendall(b"pong")
print("poll", [(fd == b.fileno(), ev) for fd, ev in p.poll(5000)], b.recv(10))
ep = select.epoll()
ep.register(a.fileno(), select.EPOLLIN)
b.sendall(b"x" * 3)
print("epoll", [(fd == a.fileno(), ev) for fd, ev in ep.poll(5)], len(a.recv(100)))
ep.close()

efd = os.eventfd(0, os.EFD_NONBLOCK)
os.eventfd_write(efd, 5)
os.eventfd_write(efd, 7)
print("eventfd", os.eventfd_read(efd))
try:
    os.eventfd_read(efd)
except BlockingIOError:
    print("eventfd empty")
os.close(efd)

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
port = srv.getsockname()[1]


def serve():
    c, _ = srv.accept()
    with c:
        buf = b""
        while not buf.endswith(b"\n"):
            buf += c.recv(4096)
        c.sendall(buf.upper())


t = threading.Thread(target=serve)
t.start()
cl = socket.create_connection(("127.0.0.1", port), timeout=10)
cl.sendall(b"hello tcp " * 1000 + b"\n")
got = b""
while not got.endswith(b"\n"):
    got += cl.recv(65536)
t.join()
print("tcp", len(got), got[:10], cl.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM)
cl.close()
srv.close()

u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.sendto(b"datagram", u1.getsockname())
msg, addr = u1.recvfrom(100)
print("udp", msg, addr[0])
u1.close()
u2.close()

sel = selectors.DefaultSelector()
print("selector", type(sel).__name__)
rfd, wfd = os.pipe()
sel.register(rfd, selectors.EVENT_READ)
os.write(wfd, b"abc")
print("selected", [(k.fd == rfd, ev) for k, ev in sel.select(5)])
sel.close()


async def main():
    async def tick(n):
        await asyncio.sleep(0.01 * n)
        return n * n

    r1 = await asyncio.gather(*(tick(n) for n in range(6)))
    reader, writer = await asyncio.open_connection(sock=socket.socketpair()[0])
    writer.close()
    q = asyncio.Queue()

    async def prod():
        for i in range(50):
            await q.put(i)
        await q.put(None)

    async def cons():
        s = 0
        while (v := await q.get()) is not None:
            s += v
        return s

    r2 = await asyncio.gather(prod(), cons())
    return r1, r2[1]


print("asyncio", asyncio.run(main()))

got = []
signal.signal(signal.SIGALRM, lambda s, f: got.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.05)
t0 = time.monotonic()
while not got and time.monotonic() - t0 < 10:
    sum(range(1000))
print("itimer", got)
w_r, w_w = os.pipe()
os.set_blocking(w_w, False)
signal.set_wakeup_fd(w_w)
signal.signal(signal.SIGUSR1, lambda s, f: None)
os.kill(os.getpid(), signal.SIGUSR1)
print("wakeup fd", os.read(w_r, 10) == bytes([signal.SIGUSR1]))
signal.set_wakeup_fd(-1)
t0 = time.monotonic()
time.sleep(0.02)
print("sleep", time.monotonic() - t0 >= 0.02, time.gmtime(2 ** 31 - 1 - 86400 * 365).tm_year)
print("clock", time.clock_gettime(time.CLOCK_REALTIME) > 1.6e9, time.time_ns() > 1.6e18)

with tempfile.TemporaryDirectory() as d:
    for i in range(20):
        with open(os.path.join(d, "f%02d" % i), "w") as f:
            f.write("x" * i)
    os.mkdir(os.path.join(d, "sub"))
    os.symlink("f03", os.path.join(d, "link"))
    os.utime(os.path.join(d, "f05"), (2 ** 31 - 1000, 2 ** 31 - 1000))
    st = os.stat(os.path.join(d, "f05"))
    print("files", sorted(os.listdir(d))[:5], os.path.getsize(os.path.join(d, "f19")),
          os.readlink(os.path.join(d, "link")), st.st_mtime_ns // 10 ** 9)
    entries = sorted((e.name, e.is_dir(), e.is_symlink()) for e in os.scandir(d))
    print("scandir", entries[-3:])
    fd = os.open(os.path.join(d, "big"), os.O_CREAT | os.O_RDWR)
    os.lseek(fd, 3 * 2 ** 30, os.SEEK_SET)
    os.write(fd, b"end")
    print("large file", os.fstat(fd).st_size, os.pread(fd, 3, 3 * 2 ** 30))
    os.close(fd)
print("cpu_count", os.cpu_count() == len(os.sched_getaffinity(0)) or os.cpu_count())
