# ctypes (libffi calls and a C callback into Python: closures in executable
# memory), mmap, a multiprocessing fork pool, the sqlite3 module, uuid, time.
import ctypes
import mmap
import multiprocessing
import os
import resource
import sqlite3
import time
import uuid

libc = ctypes.CDLL(None)
print("ctypes getpid", libc.getpid() == os.getpid())
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
arr = (ctypes.c_int * 8)(5, 3, 9, 1, 7, 2, 8, 6)
libc.qsort(arr, 8, 4, CMP(lambda a, b: a[0] - b[0]))
print("qsort callback", list(arr))
m = mmap.mmap(-1, 8192)
m[0:5] = b"hello"
m.resize(16384)
print("mmap", m[0:5], len(m))
def sq(x): return x * x
if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(3) as p:
        print("pool", p.map(sq, range(10)))
    print("rlimit", resource.getrlimit(resource.RLIMIT_NOFILE)[0] > 0)
    db = sqlite3.connect(":memory:")
    db.execute("create table t(x)"); db.executemany("insert into t values(?)", [(i,) for i in range(100)])
    print("sqlite3 module", db.execute("select sum(x), avg(x) from t").fetchone(), sqlite3.sqlite_version)
    print("uuid", uuid.uuid5(uuid.NAMESPACE_DNS, "q86.example"))
    print("time", time.strftime("%Y-%m-%d", time.gmtime(0)), time.localtime(86400).tm_yday)
    print("os", os.uname().sysname, len(os.listdir("/proc/self/fd")) > 2, os.getloadavg()[0] >= 0)
    print("cwd", os.getcwd() == os.path.realpath("."))
