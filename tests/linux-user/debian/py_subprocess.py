# subprocess: a child python (the command in $PYCHILD, run the same way as
# this one) and /bin/sh, pipes both ways, exit statuses, signals, env.
import os
import signal
import subprocess
import sys

child = os.environ["PYCHILD"].split()
r = subprocess.run(child + ["-c", "import sys; print(sum(range(10**5))); sys.exit(3)"],
                   capture_output=True, text=True)
print("child python", r.returncode, r.stdout.strip())
r = subprocess.run(child + ["-c", "import sys; d=sys.stdin.read(); print(len(d), d.count('x'))"],
                   input="x" * 100000 + "y", capture_output=True, text=True)
print("stdin", r.stdout.strip())
r = subprocess.run(["/bin/sh", "-c", "echo from sh $FOO; exit 7"], capture_output=True, text=True,
                   env={"FOO": "bar", "PATH": "/usr/bin:/bin"})
print("sh", r.returncode, r.stdout.strip())
p = subprocess.Popen(child + ["-c", "import time; time.sleep(30)"])
p.send_signal(signal.SIGTERM)
print("killed", p.wait())
out = subprocess.check_output("echo a; echo b 1>&2", shell=True, stderr=subprocess.STDOUT)
print("shell", sorted(out.split()))
try:
    subprocess.run(["/nonexistent/prog"])
except FileNotFoundError as e:
    print("missing", e.errno)
rfd, wfd = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(rfd)
    os.write(wfd, b"forked child\n")
    os._exit(5)
os.close(wfd)
data = os.read(rfd, 100)
_, st = os.waitpid(pid, 0)
print("fork", data.decode().strip(), os.WEXITSTATUS(st))
procs = [subprocess.Popen(child + ["-c", "print(%d * 7)" % i], stdout=subprocess.PIPE) for i in range(4)]
print("parallel", [int(p.communicate()[0]) for p in procs])
