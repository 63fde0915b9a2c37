# threading: many threads contending on a Lock, a Condition-based queue,
# a Barrier, thread-local data and a ThreadPoolExecutor; results are exact.
import concurrent.futures
import hashlib
import queue
import threading

counter = 0
lock = threading.Lock()


def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


ts = [threading.Thread(target=bump, args=(2000,)) for _ in range(16)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter", counter)

q = queue.Queue(maxsize=8)
results = []
rlock = threading.Lock()


def producer(base):
    for i in range(500):
        q.put(base + i)


def consumer():
    total = 0
    while True:
        v = q.get()
        if v is None:
            break
        total += v
    with rlock:
        results.append(total)


cons = [threading.Thread(target=consumer) for _ in range(4)]
prods = [threading.Thread(target=producer, args=(k * 1000,)) for k in range(6)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
for _ in cons:
    q.put(None)
for t in cons:
    t.join()
print("queue sum", sum(results))

barrier = threading.Barrier(8)
order = []
local = threading.local()


def phased(k):
    local.k = k
    for phase in range(5):
        with rlock:
            order.append(phase)
        barrier.wait()
    assert local.k == k


ts = [threading.Thread(target=phased, args=(k,)) for k in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier phases sorted", order == sorted(order), len(order))

cond = threading.Condition()
state = {"turn": 0}


def pingpong(me, rounds):
    for _ in range(rounds):
        with cond:
            cond.wait_for(lambda: state["turn"] % 3 == me)
            state["turn"] += 1
            cond.notify_all()


ts = [threading.Thread(target=pingpong, args=(m, 300)) for m in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("turns", state["turn"])


def work(i):
    return hashlib.sha256(str(i).encode() * 1000).hexdigest()[:8]


with concurrent.futures.ThreadPoolExecutor(max_workers=6) as ex:
    print("pool", list(ex.map(work, range(24))))
ev = threading.Event()
timer = threading.Timer(0.05, ev.set)
timer.start()
print("event", ev.wait(10))
print("active", threading.active_count())
