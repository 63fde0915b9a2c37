#!/usr/bin/env python3
"""The HMP monitor of `qemu-system-i386 -M none`: info mtree / mtree -f /
ramblock output, run-state commands, error handling, and the monitor on
stdio, on a unix socket (-monitor unix:..., -mon chardev=...) and behind
the -nographic multiplexer.

Usage: monitor.py QEMU_SYSTEM_BINARY.  Prints ok/FAIL lines and a closing
"N passed, M failed"; exits non-zero on any failure.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

QEMU = sys.argv[1]
passed = 0
failed = 0

BANNER = "monitor - type 'help' for more information"


def check(desc, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {desc}")
    else:
        failed += 1
        print(f"FAIL {desc}\n{detail}")


def run_stdio(args, commands, timeout=10):
    """Runs qemu with the monitor on stdio; returns (rc, replies, stderr).

    replies maps each command to the text printed before the next prompt.
    """
    text = "".join(c + "\n" for c in commands)
    p = subprocess.run([QEMU] + args, input=text.encode(), capture_output=True,
                       timeout=timeout)
    out = p.stdout.decode(errors="replace").replace("\r\n", "\n")
    # output: banner, "(qemu) ", reply 1, "(qemu) ", reply 2, ...
    parts = out.split("(qemu) ")
    replies = parts[1:]
    return p.returncode, parts[0], replies, p.stderr.decode(errors="replace")


def expect_reply(desc, replies, i, want):
    got = replies[i] if i < len(replies) else "<no reply>"
    check(desc, got == want, f"--- expected ---\n{want}--- got ---\n{got}---")


# 1. -M none -m 128: the RAM region "ram" at 0 (QEMU 7.2 shows the same).
MTREE_RAM = (
    "address-space: memory\n"
    "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
    "    0000000000000000-0000000007ffffff (prio 0, ram): ram\n"
    "\n"
    "address-space: I/O\n"
    "  0000000000000000-000000000000ffff (prio 0, i/o): io\n"
    "\n")
MTREE_F_RAM = (
    "FlatView #0\n"
    " AS \"memory\", root: system\n"
    " Root memory region: ram\n"
    "  0000000000000000-0000000007ffffff (prio 0, ram): ram\n"
    "\n"
    "FlatView #1\n"
    " AS \"I/O\", root: io\n"
    " Root memory region: io\n"
    "  0000000000000000-000000000000ffff (prio 0, i/o): io\n"
    "\n")
RAMBLOCK_RAM = (
    "              Block Name    PSize              Offset               Used              Total\n"
    "                     ram    4 KiB  0x0000000000000000 0x0000000008000000 0x0000000008000000\n")

rc, banner, r, err = run_stdio(
    ["-M", "none", "-m", "128", "-S", "-monitor", "stdio", "-display", "none"],
    ["info mtree", "info mtree -f", "info ramblock", "quit"])
check("banner names the monitor", BANNER in banner, banner)
expect_reply("info mtree, -M none -m 128", r, 0, MTREE_RAM)
expect_reply("info mtree -f, -M none -m 128", r, 1, MTREE_F_RAM)
expect_reply("info ramblock, -M none -m 128", r, 2, RAMBLOCK_RAM)
check("quit exits with status 0", rc == 0, f"exit {rc}, stderr {err}")

# 2. -M none without -m: no RAM at all; the empty "system" has no view.
rc, _, r, err = run_stdio(["-M", "none", "-S", "-monitor", "stdio"],
                          ["info mtree", "info mtree -f", "info ramblock", "quit"])
expect_reply("info mtree, -M none without RAM", r, 0,
             "address-space: memory\n"
             "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
             "\n"
             "address-space: I/O\n"
             "  0000000000000000-000000000000ffff (prio 0, i/o): io\n"
             "\n")
expect_reply("info mtree -f, -M none without RAM", r, 1,
             "FlatView #0\n"
             " AS \"memory\", root: system\n"
             " Root memory region: (none)\n"
             "  No rendered FlatView\n"
             "\n"
             "FlatView #1\n"
             " AS \"I/O\", root: io\n"
             " Root memory region: io\n"
             "  0000000000000000-000000000000ffff (prio 0, i/o): io\n"
             "\n")
expect_reply("info ramblock, no RAM: header only", r, 2,
             "              Block Name    PSize              Offset               Used              Total\n")

# 3. run state and memory access
rc, _, r, err = run_stdio(
    ["-M", "none", "-m", "1", "-S", "-monitor", "stdio"],
    ["info status", "cont", "info status", "stop", "info status", "system_reset",
     "info status", "xp /4xw 0xffff0", "xp /2xb 0x100000", "quit"])
expect_reply("-S starts in prelaunch", r, 0, "VM status: paused (prelaunch)\n")
expect_reply("cont runs", r, 2, "VM status: running\n")
expect_reply("stop pauses", r, 4, "VM status: paused\n")
expect_reply("system_reset while stopped: prelaunch again, as in QEMU", r, 6,
             "VM status: paused (prelaunch)\n")
expect_reply("xp reads zeroed RAM", r, 7,
             "00000000000ffff0: 0x00000000 0x00000000 0x00000000 0x00000000\n")
expect_reply("xp past RAM reads all-ones", r, 8, "0000000000100000: 0xff 0xff\n")

# 4. bad input: a message, and the monitor goes on
rc, _, r, err = run_stdio(
    ["-M", "none", "-monitor", "stdio"],
    ["nosuchcmd", "info nosuch", "stop now", "xp /4q 0", "xp 0x10zz", "x 0", "info version",
     "quit"])
expect_reply("unknown command", r, 0, "unknown command: 'nosuchcmd'\n")
expect_reply("unknown info subcommand", r, 1, "unknown command: 'info nosuch'\n")
expect_reply("extra argument", r, 2,
             "stop: extraneous characters at the end of line\nTry \"help stop\" for more information\n")
expect_reply("bad format", r, 3, "invalid char in format: 'q'\nTry \"help xp\" for more information\n")
expect_reply("bad address", r, 4, "invalid char 'z' in expression\nTry \"help xp\" for more information\n")
expect_reply("x without a CPU", r, 5, "Can not dump without CPU\n")
check("monitor still answers after errors", len(r) > 6 and "(Q86)" in r[6], str(r))
check("still exits cleanly", rc == 0, f"exit {rc}")

# 5. -monitor unix:PATH,server=on,wait=off and -mon chardev=ID


def socket_session(args, path, commands):
    p = subprocess.Popen([QEMU] + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    deadline = time.time() + 10
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    while True:
        try:
            s.connect(path)
            break
        except OSError:
            if time.time() > deadline or p.poll() is not None:
                p.kill()
                return None, p.communicate()[1].decode()
            time.sleep(0.05)
    s.settimeout(10)
    data = b""
    for n, c in enumerate(commands):
        # the (n+1)-th prompt says the previous command is done
        while data.count(b"(qemu) ") < n + 1:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.sendall(c.encode() + b"\n")
    rest = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        rest += chunk
    s.close()
    rc = p.wait(timeout=10)
    text = (data + rest).decode(errors="replace").replace("\r\n", "\n")
    return rc, text


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "mon.sock")
    rc, text = socket_session(["-M", "none", "-S", "-monitor", f"unix:{path},server=on,wait=off"],
                              path, ["info status", "quit"])
    check("-monitor unix:...,server=on,wait=off answers",
          rc == 0 and BANNER in text and "VM status: paused (prelaunch)\n" in text,
          f"exit {rc}: {text}")

    path = os.path.join(tmp, "mon2.sock")
    rc, text = socket_session(["-M", "none", "-m", "16",
                               "-chardev", f"socket,id=mon0,path={path},server=on,wait=off",
                               "-mon", "chardev=mon0,mode=readline"],
                              path, ["info ramblock", "info chardev", "quit"])
    check("-mon chardev=ID over a socket",
          rc == 0 and "ram    4 KiB  0x0000000000000000 0x0000000001000000" in text
          and f"mon0: filename=unix:{path},server=on\n" in text,
          f"exit {rc}: {text}")

    # 6. -serial file: creates the file; info chardev lists it
    out = os.path.join(tmp, "serial.txt")
    rc, _, r, err = run_stdio(["-M", "none", "-serial", f"file:{out}", "-monitor", "stdio"],
                              ["info chardev", "quit"])
    check("-serial file: opens the file and is listed",
          rc == 0 and os.path.exists(out) and f"serial0: filename=file:{out}\n" in r[0],
          f"exit {rc}: {r}")

# 7. -nographic: monitor behind the mux on stdio; Ctrl-A h and Ctrl-A x
p = subprocess.run([QEMU, "-M", "none", "-nographic"],
                   input=b"info status\n\x01h\x01x", capture_output=True, timeout=10)
out = p.stdout.decode(errors="replace").replace("\r\n", "\n")
check("-nographic: monitor on the mux answers", "VM status: running\n" in out, out)
check("-nographic: one banner, one prompt before the first command",
      out.startswith("QEMU ") and out.count(BANNER) == 1 and
      out.split(BANNER, 1)[1].startswith("\n(qemu) VM status"), repr(out))
check("-nographic: Ctrl-A h lists the escape keys", "C-a c    switch between console and monitor" in out, out)
check("-nographic: Ctrl-A x quits", p.returncode == 0 and "QEMU: Terminated" in out,
      f"exit {p.returncode}: {out}")

# 7b. with a serial port (the pc machine, when built): the console has the
# input first; Ctrl-A c hands it to the monitor
machines = subprocess.run([QEMU, "-M", "help"], capture_output=True, timeout=10).stdout.decode()
if "\npc " in machines:
    p = subprocess.Popen([QEMU, "-M", "pc", "-S", "-nographic"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdin.write(b"info version\n")
    p.stdin.flush()
    time.sleep(0.3)
    p.stdin.write(b"\x01" b"cinfo status\n")
    p.stdin.flush()
    time.sleep(0.3)
    p.stdin.write(b"\x01x")
    p.stdin.flush()
    out, _ = p.communicate(timeout=10)
    out = out.decode(errors="replace").replace("\r\n", "\n")
    check("-nographic with a serial port: console first, Ctrl-A c to the monitor",
          p.returncode == 0 and "(Q86)" not in out and
          out.split(BANNER, 1)[-1].startswith("\n(qemu) VM status: paused (prelaunch)\n"),
          repr(out))

# 8. -monitor pty: a terminal, so the monitor echoes and edits lines
p = subprocess.Popen([QEMU, "-M", "none", "-S", "-monitor", "pty"], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
line = p.stderr.readline().decode()
pty_ok = False
detail = line
if line.startswith("char device redirected to /dev/pts/") and "(label compat_monitor0)" in line:
    import select
    import termios
    import tty
    fd = os.open(line.split()[4], os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd, termios.TCSANOW)
    data = b""

    def read_until(count, what=b"VM status"):
        global data
        deadline = time.time() + 10
        while time.time() < deadline and data.count(what) < count:
            if select.select([fd], [], [], 0.1)[0]:
                data += os.read(fd, 4096)

    # a typo fixed with Left x5, Backspace, End; then Up recalls the line
    os.write(fd, b"info sxtatus\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x7f\x1b[F\r")
    read_until(1)
    os.write(fd, b"\x1b[A\r")
    read_until(2)
    os.write(fd, b"inf\tver\t\r")  # Tab completes "info version"
    read_until(1, b"(Q86)")
    os.write(fd, b"quit\r")
    text = data.decode(errors="replace")
    detail = repr(text)
    pty_ok = (text.count("VM status: paused (prelaunch)\r\n") == 2 and
              "\r(qemu) info status\x1b[K" in text and "0.1.0 (Q86)\r\n" in text)
    p.wait(timeout=10)
    os.close(fd)
p.wait(timeout=10)
check("-monitor pty: line editing, history, Tab completion", pty_ok and p.returncode == 0, detail)

# 9. command-line errors: one line naming the option, exit 1
for args, pat in [(["-M", "none", "-no-such-option"], "-no-such-option"),
                  (["-M", "nosuch"], "nosuch"),
                  (["-M", "none", "-m", "lots"], "-m lots"),
                  (["-M", "none", "-chardev", "bogus,id=x"], "bogus"),
                  (["-M", "none", "-mon", "chardev=missing"], "missing")]:
    p = subprocess.run([QEMU] + args, capture_output=True, stdin=subprocess.DEVNULL, timeout=10)
    e = p.stderr.decode()
    check(f"error for {' '.join(args)}",
          p.returncode == 1 and e.count("\n") == 1 and pat in e, f"exit {p.returncode}: {e}")

p = subprocess.run([QEMU, "-M", "help"], capture_output=True, timeout=10)
check("-M help lists none", p.returncode == 0 and "none                 empty machine" in
      p.stdout.decode(), p.stdout.decode())

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
