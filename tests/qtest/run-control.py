#!/usr/bin/env python3
"""Run control of qemu-system-i386 -M pc with a running CPU: -S, cont, stop,
system_reset, info registers / info cpus, a halted CPU that sleeps, guest
reset requests (0xcf9, port 0x92, 8042, triple fault) that reboot, or exit
with status 0 under -no-reboot; and -cpu on the command line.

Usage: run-control.py QEMU_SYSTEM_BINARY ROM CPU_GATE
  ROM       tests/qtest/run-control-rom.S, assembled (its first byte picks
            what the guest does; this script patches it)
  CPU_GATE  tests/tcg/i386-system/cpu-gate.sh: the CPU checks are skipped
            (exit 77 after the command-line checks) while it says the binary
            runs no guest code.

Prints ok/FAIL lines and "N passed, M failed"; exits 1 on any failure.
Q86_SYSTEM_EMULATOR=/usr/bin/qemu-system-i386 runs it against Debian's QEMU.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

QEMU = os.environ.get("Q86_SYSTEM_EMULATOR") or sys.argv[1]
ROM = sys.argv[2]
GATE = sys.argv[3]
passed = 0
failed = 0
tmpdir = tempfile.mkdtemp(prefix="q86-runctl.")

# Guest behaviours (the ROM's first byte), see run-control-rom.S.
COUNT, HALT, RESET_CF9, RESET_92, RESET_KBC, TRIPLE_FAULT, REBOOT_THEN_EXIT, PAGED, PAGED_PAE = range(1, 10)


def check(desc, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {desc}")
    else:
        failed += 1
        print(f"FAIL {desc}\n     {detail}")


def rom_with_mode(mode):
    data = bytearray(open(ROM, "rb").read())
    data[0] = mode
    path = os.path.join(tmpdir, f"mode{mode}.rom")
    with open(path, "wb") as f:
        f.write(data)
    return path


class Machine:
    """qemu-system-i386 -M pc with the ROM and an HMP monitor on a socket."""

    def __init__(self, mode, extra=()):
        self.path = os.path.join(tmpdir, f"mon{mode}.sock")
        self.errpath = os.path.join(tmpdir, f"stderr{mode}.txt")
        self.errfile = open(self.errpath, "w")
        if os.path.exists(self.path):
            os.unlink(self.path)
        self.proc = subprocess.Popen(
            [QEMU, "-M", "pc", "-bios", rom_with_mode(mode), "-display", "none",
             "-serial", "none", "-monitor", f"unix:{self.path},server=on,wait=off"] + list(extra),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.errfile)
        deadline = time.time() + 10
        while not os.path.exists(self.path) and time.time() < deadline:
            time.sleep(0.02)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)
        self.sock.settimeout(10)
        self.read_prompt()

    def read_prompt(self):
        data = b""
        while not data.endswith(b"(qemu) "):
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            data += chunk
        return data.decode(errors="replace").replace("\r\n", "\n")

    def cmd(self, line):
        self.sock.sendall(line.encode() + b"\n")
        reply = self.read_prompt()
        # the reply ends with the next prompt
        if reply.endswith("(qemu) "):
            reply = reply[:-len("(qemu) ")]
        # a monitor may echo the line (QEMU's does, with its editing escapes)
        first, _, rest = reply.partition("\n")
        if re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", first).endswith(line):
            reply = rest
        return reply

    def read_dword(self, addr):
        m = re.search(r":\s+0x([0-9a-f]+)", self.cmd(f"xp /1xw {addr:#x}"))
        return int(m.group(1), 16) if m else None

    def cpu_seconds(self, tid):
        """CPU time of one thread of the emulator."""
        with open(f"/proc/{self.proc.pid}/task/{tid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quit(self):
        try:
            self.sock.sendall(b"quit\n")
        except OSError:
            pass
        try:
            rc = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.sock.close()
        self.errfile.close()
        err = open(self.errpath).read()
        # sanitizer builds: any report is a failure of this run
        check("no sanitizer report on stderr", "Sanitizer" not in err and "runtime error" not in err,
              err[-2000:])
        return rc


def run_to_exit(mode, extra, timeout=20):
    """Runs without a monitor; returns (exit status or None on timeout, stderr)."""
    try:
        p = subprocess.run([QEMU, "-M", "pc", "-bios", rom_with_mode(mode), "-display", "none",
                            "-serial", "none", "-monitor", "none"] + extra,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        return p.returncode, p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return None, "timeout"


# ---- the command line (no guest code needs to run) ----

p = subprocess.run([QEMU, "-cpu", "help"], capture_output=True, timeout=10)
out = p.stdout.decode()
check("-cpu help lists the models", p.returncode == 0 and re.search(r"\bqemu32\b", out) and
      re.search(r"\bpentium3\b", out), out[:300])

for spec in ["nosuch", "qemu32,+nosuchfeature"]:
    p = subprocess.run([QEMU, "-M", "pc", "-bios", rom_with_mode(COUNT), "-display", "none",
                        "-serial", "none", "-monitor", "none", "-S", "-cpu", spec],
                       capture_output=True, stdin=subprocess.DEVNULL, timeout=10)
    err = p.stderr.decode()
    check(f"-cpu {spec}: an error naming it, exit 1",
          p.returncode == 1 and "nosuch" in err, f"exit {p.returncode}: {err}")

gate = subprocess.run(["sh", GATE, QEMU], capture_output=True, timeout=120)
if gate.returncode != 0:
    reason = gate.stdout.decode().strip()
    print(f"{passed} passed, {failed} failed; CPU checks skipped: {reason}")
    sys.exit(1 if failed else 77)

# ---- -S, cont, stop, system_reset, info registers, info cpus ----

m = Machine(COUNT, ["-S"])
check("-S: info status says prelaunch", m.cmd("info status") == "VM status: paused (prelaunch)\n",
      m.cmd("info status"))
regs = m.cmd("info registers")
check("-S: info registers shows the reset state (CS:EIP f000:fff0)",
      "EIP=0000fff0" in regs and re.search(r"CS =f000 ffff0000 0000ffff", regs), regs)
check("-S: no guest instruction ran", m.read_dword(0x604) == 0 and m.read_dword(0x600) == 0)
cpus = m.cmd("info cpus")
check("info cpus: one CPU with its thread id", re.fullmatch(r"\* CPU #0: thread_id=\d+\n", cpus),
      cpus)

m.cmd("cont")
time.sleep(0.5)
status = m.cmd("info status")
m.cmd("stop")
v1 = m.read_dword(0x600)
check("cont: the guest runs", status == "VM status: running\n" and v1 and v1 > 0,
      f"{status!r}, counter {v1}")
time.sleep(0.3)
v2 = m.read_dword(0x600)
check("stop: the guest stays still", v2 == v1, f"{v1} then {v2}")
xv = m.cmd("x /2xw 0x600")
xpv = m.cmd("xp /2xw 0x600")
check("x (paging off: linear = physical) reads what xp reads",
      xv.startswith("00000600:") and xv.split(":", 1)[1] == xpv.split(":", 1)[1], f"{xv!r} {xpv!r}")
regs = m.cmd("info registers")
check("stop: info registers shows the loop (CS base 0xf0000)",
      re.search(r"CS =f000 000f0000", regs) and "HLT=0" in regs, regs)
m.cmd("cont")
time.sleep(0.3)
m.cmd("stop")
v3 = m.read_dword(0x600)
check("cont again: the guest goes on", v3 is not None and v3 > v2, f"{v2} then {v3}")

check("one boot so far", m.read_dword(0x604) == 1)
m.cmd("system_reset")
time.sleep(0.2)
status = m.cmd("info status")
check("system_reset while stopped: stopped, prelaunch again (as QEMU)",
      status == "VM status: paused (prelaunch)\n", status)
regs = m.cmd("info registers")
check("system_reset: the CPU is back at the reset vector", "EIP=0000fff0" in regs and
      re.search(r"CS =f000 ffff0000", regs), regs)
m.cmd("cont")
time.sleep(0.3)
boots = m.read_dword(0x604)
check("system_reset: the guest boots again", boots == 2, f"boots {boots}")
m.cmd("system_reset")
time.sleep(0.3)
boots = m.read_dword(0x604)
check("system_reset while running: boots again and keeps running",
      boots == 3 and m.cmd("info status") == "VM status: running\n", f"boots {boots}")
rc = m.quit()
check("quit: exit status 0", rc == 0, f"exit {rc}")

# ---- QMP: stop, cont, query-status, system_reset ----


class QMP:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        deadline = time.time() + 10
        while True:
            try:
                self.sock.connect(path)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.02)
        self.sock.settimeout(10)
        self.buf = b""
        self.events = []
        self.recv()                     # the greeting
        self.execute("qmp_capabilities")

    def recv(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError("QMP connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def execute(self, cmd):
        self.sock.sendall(json.dumps({"execute": cmd}).encode() + b"\n")
        while True:
            msg = self.recv()
            if "event" in msg:
                self.events.append(msg["event"])
            else:
                return msg


qmp_path = os.path.join(tmpdir, "qmp.sock")
m = Machine(COUNT, ["-S", "-qmp", f"unix:{qmp_path},server=on,wait=off"])
q = QMP(qmp_path)
st = q.execute("query-status").get("return", {})
check("QMP -S: query-status prelaunch, not running",
      st.get("status") == "prelaunch" and st.get("running") is False, str(st))
q.execute("cont")
time.sleep(0.3)
st = q.execute("query-status").get("return", {})
q.execute("stop")
v1 = m.read_dword(0x600)
time.sleep(0.3)
v2 = m.read_dword(0x600)
check("QMP cont runs the guest, stop holds it",
      st.get("running") is True and v1 and v1 == v2, f"{st} counter {v1} then {v2}")
st = q.execute("query-status").get("return", {})
check("QMP stop: query-status paused", st.get("status") == "paused" and st.get("running") is False,
      str(st))
q.execute("system_reset")
regs = m.cmd("info registers")
st = q.execute("query-status").get("return", {})
check("QMP system_reset while stopped: CPU at the reset vector, prelaunch",
      "EIP=0000fff0" in regs and st.get("status") == "prelaunch", f"{st}\n{regs}")
check("QMP events STOP, RESUME, RESET were sent",
      all(e in q.events for e in ("STOP", "RESUME", "RESET")), str(q.events))
rc = m.quit()
check("quit with a QMP client: exit status 0", rc == 0, f"exit {rc}")

# ---- x through the page tables ----

m = Machine(PAGED)
time.sleep(0.3)
m.cmd("stop")
regs = m.cmd("info registers")
xv = m.cmd("x /1xw 0x40000600")
xpv = m.cmd("xp /1xw 0x600")
cr0 = re.search(r"CR0=([0-9a-f]{8})", regs)
check("paging on (CR0.PG, 4 MiB pages)", cr0 and int(cr0.group(1), 16) & 0x80000001 == 0x80000001,
      regs)
check("x walks the page directory: 0x40000600 is physical 0x600",
      xv.startswith("40000600:") and xv.split(":", 1)[1] == xpv.split(":", 1)[1] and
      int(xpv.split("0x")[-1], 16) > 0, f"{xv!r} {xpv!r}")
xv = m.cmd("x /1xw 0x80000000")
check("x of an unmapped address: Cannot access memory", "Cannot access memory" in xv, repr(xv))
# PDE 0 was used by the guest (A, and D for its writes); PDE 256 only by the monitor
tlb = m.cmd("info tlb")
check("info tlb: the two 4 MiB mappings with their flags",
      tlb == "0000000000000000: 0000000000000000 --PDA---W\n"
             "0000000040000000: 0000000000000000 --P-----W\n", repr(tlb))
mem = m.cmd("info mem")
check("info mem: the two mapped ranges, supervisor read/write",
      mem == "0000000000000000-0000000000400000 0000000000400000 -rw\n"
             "0000000040000000-0000000040400000 0000000000400000 -rw\n", repr(mem))
m.quit()
m = Machine(PAGED, ["-S"])
tlb = m.cmd("info tlb")
check("info tlb before paging is on: PG disabled", tlb == "PG disabled\n", repr(tlb))
m.quit()

m = Machine(PAGED_PAE)
time.sleep(0.3)
m.cmd("stop")
xpv = m.cmd("xp /1xw 0x600").split(":", 1)[1]
x2m = m.cmd("x /1xw 0x40000600")
x4k = m.cmd("x /1xw 0x40200600")
check("PAE: x through a 2 MiB page and through a 4 KiB page both reach physical 0x600",
      x2m.split(":", 1)[1] == xpv and x4k.split(":", 1)[1] == xpv and x4k.startswith("40200600:"),
      f"{x2m!r} {x4k!r} {xpv!r}")
tlb = m.cmd("info tlb")
check("PAE: info tlb lists the 2 MiB and 4 KiB mappings under both PDPTEs",
      tlb == "0000000000000000: 0000000000000000 --PDA---W\n"
             "0000000000200000: 0000000000000000 --------W\n"
             "0000000040000000: 0000000000000000 --PDA---W\n"
             "0000000040200000: 0000000000000000 --------W\n", repr(tlb))
m.quit()

# ---- a halted CPU sleeps ----

m = Machine(HALT)
time.sleep(0.3)
vcpu_tid = int(re.search(r"thread_id=(\d+)", m.cmd("info cpus")).group(1))
t0 = m.cpu_seconds(vcpu_tid)
time.sleep(1.0)
used = m.cpu_seconds(vcpu_tid) - t0
regs = m.cmd("info registers")
check("HLT with IF=0: the CPU stays halted", "HLT=1" in regs and m.read_dword(0x60c) == 0, regs)
check("HLT: the vCPU thread sleeps (under 0.25 s of CPU in 1 s)", used < 0.25, f"{used:.2f} s")
m.cmd("stop")
m.cmd("cont")
time.sleep(0.2)
regs = m.cmd("info registers")
check("stop/cont of a halted CPU leaves it halted", "HLT=1" in regs and m.read_dword(0x60c) == 0,
      regs)
rc = m.quit()
check("quit with a halted CPU: exit status 0", rc == 0, f"exit {rc}")

# ---- guest reset requests ----

for mode, what in [(RESET_CF9, "0xcf9"), (RESET_92, "port 0x92"), (RESET_KBC, "8042 0xfe"),
                   (TRIPLE_FAULT, "triple fault")]:
    rc, err = run_to_exit(mode, ["-no-reboot"])
    check(f"-no-reboot: a reset through {what} exits with status 0", rc == 0,
          f"exit {rc}: {err.strip()}")

rc, err = run_to_exit(REBOOT_THEN_EXIT, ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"])
check("a guest reset reboots: the second boot reaches isa-debug-exit", rc == 85,
      f"exit {rc}: {err.strip()}")

m = Machine(RESET_CF9)
time.sleep(0.5)
boots = m.read_dword(0x604)
check("a guest that resets itself keeps rebooting, running",
      boots is not None and boots > 2 and m.cmd("info status") == "VM status: running\n",
      f"boots {boots}")
m.quit()

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
