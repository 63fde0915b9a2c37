#!/usr/bin/env python3
"""SeaBIOS boot checks for qemu-system-i386 -M pc (suite 'boot').

Usage: seabios.py EMULATOR CPU_GATE serial|debuglog

serial:   `EMULATOR -M pc -nographic -no-reboot -bios bios-256k.bin`: the
          serial console (stdout) must show SeaBIOS's banner and its first
          boot attempt ("Booting from ..." or "No bootable device").
debuglog: `-nodefaults -nographic -serial file:S -chardev file,id=dbg,path=L
          -device isa-debugcon,iobase=0x402,chardev=dbg`: runs until SeaBIOS
          gives up ("No bootable device."), then checks its debug log (port
          0x402) for what it found on the pc: QEMU fw_cfg, the PCI devices of
          the i440FX/PIIX3 pc with their vendor:device IDs, PIIX IRQ routing,
          the PIIX4 ACPI PM timer, the CPU count, the MP table, SMBIOS, IDE,
          the PS/2 keyboard, the e820 map, and the boot stage (INT 19h).

Each check prints "ok ..." or "FAIL ..."; the last line is "N passed, M
failed".  Every run is killed after Q86_BOOT_TIMEOUT seconds (default 30).
Exit 77 (SKIP) with the reason when CPU_GATE (tests/tcg/i386-system/
cpu-gate.sh) says the emulator cannot run guest code yet.
Q86_SYSTEM_EMULATOR replaces EMULATOR; Q86_SEABIOS replaces
/usr/share/seabios/bios-256k.bin (Debian's seabios package).
The messages matched are SeaBIOS 1.16's dprintf() texts (src/fw/pciinit.c,
src/fw/paravirt.c, src/fw/mptable.c, src/fw/biostables.c, src/memmap.c,
src/boot.c ...), as Debian's QEMU 7.2 produces them with this command line.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

BIOS = os.environ.get("Q86_SEABIOS", "/usr/share/seabios/bios-256k.bin")
TIMEOUT = float(os.environ.get("Q86_BOOT_TIMEOUT", "30"))


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}")
        return cond

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed or not self.passed else 0


def run_until(cmd, done, timeout, stdout_path):
    """Runs cmd (stdout to stdout_path) until done() is true or timeout.

    Returns (seconds until done() held or None, exit status or None if
    killed, stderr text)."""
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)
        when = None
        rc = None
        try:
            while time.monotonic() - t0 < timeout:
                rc = proc.poll()
                if done():
                    when = time.monotonic() - t0
                    break
                if rc is not None:
                    break
                time.sleep(0.05)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                rc = None
            else:
                rc = proc.returncode
        err.seek(0)
        return when, rc, err.read().decode(errors="replace")


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode(errors="replace").replace("\r", "")
    except FileNotFoundError:
        return ""


BOOT_ATTEMPT = re.compile(r"Booting from |No bootable device")


def test_serial(emu, tmp, c):
    out = os.path.join(tmp, "serial")
    cmd = [emu, "-M", "pc", "-accel", "tcg", "-m", "128", "-nographic", "-no-reboot", "-bios", BIOS]
    print("running:", " ".join(cmd))
    when, rc, err = run_until(cmd, lambda: BOOT_ATTEMPT.search(read(out)), TIMEOUT, out)
    text = read(out)
    m = re.search(r"SeaBIOS \(version ([^)]*)\)", text)
    c.check(m, "serial console shows the SeaBIOS banner" + (f" (version {m.group(1)})" if m else ""))
    b = BOOT_ATTEMPT.search(text)
    line = text[b.start():].split("\n")[0] if b else None
    c.check(b, f"serial console shows a boot attempt ({line!r})" if b else
            f"serial console shows a boot attempt within {TIMEOUT:.0f}s")
    if when is not None:
        print(f"info boot attempt reached after {when:.2f}s")
    if not b:
        show_failure(text, err, rc)


def test_debuglog(emu, tmp, c):
    ser = os.path.join(tmp, "serial")
    log = os.path.join(tmp, "debug.log")
    cmd = [emu, "-M", "pc", "-accel", "tcg", "-m", "128", "-nodefaults", "-nographic",
           "-no-reboot", "-serial", "file:" + ser, "-monitor", "none",
           "-chardev", "file,id=dbg,path=" + log,
           "-device", "isa-debugcon,iobase=0x402,chardev=dbg", "-bios", BIOS]
    print("running:", " ".join(cmd))
    when, rc, err = run_until(cmd, lambda: "No bootable device" in read(log) and
                              "No bootable device" in read(ser), TIMEOUT,
                              os.path.join(tmp, "stdout"))
    text = read(log)
    lines = text.split("\n")

    def find(pattern):
        r = re.compile(pattern)
        for i, ln in enumerate(lines):
            m = r.search(ln)
            if m:
                return i, m
        return None, None

    order = []

    def expect(pattern, what, stage=False):
        i, m = find(pattern)
        c.check(m is not None, what + (f": {lines[i].strip()!r}" if m else f" (no line matching {pattern!r})"))
        if stage:
            order.append((what, i))
        return m

    expect(r"^SeaBIOS \(version ", "debug log starts with the banner", stage=True)
    expect(r"^Running on QEMU \(i440fx\)", "QEMU pc detected through the i440FX host bridge")
    expect(r"^Found QEMU fw_cfg", "fw_cfg interface found (QEMU fw_cfg signature)", stage=True)
    m = expect(r"^Found (\d+) PCI devices", "PCI bus scanned", stage=True)
    if m:
        c.check(int(m.group(1)) >= 4, f"at least 4 PCI devices on the pc (found {m.group(1)})")
    for bdf, ids, name in (("00:00.0", "8086:1237", "i440FX host bridge"),
                           ("00:01.0", "8086:7000", "PIIX3 ISA bridge"),
                           ("00:01.1", "8086:7010", "PIIX3 IDE"),
                           ("00:01.3", "8086:7113", "PIIX4 ACPI/PM")):
        expect(r"^PCI: init bdf=" + re.escape(bdf) + r" id=" + ids + r"\b",
               f"{name} {ids} at {bdf} initialised")
    expect(r"^PIIX3/PIIX4 init: elcr=", "PIIX PCI IRQ routing (ELCR) set up")
    expect(r"^Using pmtimer, ioport 0x[0-9a-f]+", "ACPI PM timer of the PIIX4 in use")
    expect(r"^Found 1 cpu\(s\) max supported \d+ cpu\(s\)", "one CPU found (SMP scan through the local APIC)")
    expect(r"^Copying MPTABLE from ", "MP table built and copied to the F segment", stage=True)
    expect(r"^Copying SMBIOS", "SMBIOS tables copied to the F segment", stage=True)
    expect(r"^ATA controller 1 at 1f0/3f4", "IDE primary channel probed")
    expect(r"^PS2 keyboard initialized", "PS/2 keyboard (i8042) initialised")
    m = expect(r"^e820 map has (\d+) items", "e820 map printed", stage=True)
    if m:
        i = lines.index(next(ln for ln in lines if ln.startswith("e820 map has")))
        entries = []
        for ln in lines[i + 1:i + 1 + int(m.group(1))]:
            e = re.match(r"\s*\d+: ([0-9a-f]{16}) - ([0-9a-f]{16}) = (\d+)", ln)
            if e:
                entries.append((int(e.group(1), 16), int(e.group(2), 16), int(e.group(3))))
        low = [e for e in entries if e[0] == 0 and e[2] == 1]
        c.check(low and 0x9f000 <= low[0][1] <= 0xa0000,
                "e820: conventional RAM 0 - %s" % (hex(low[0][1]) if low else "missing"))
        high = [e for e in entries if e[0] == 0x100000 and e[2] == 1]
        c.check(high and 64 << 20 < high[0][1] <= 128 << 20,
                "e820: RAM from 1 MiB up to (almost) 128 MiB (-m 128): %s" %
                (hex(high[0][1]) if high else "missing"))
    expect(r"^enter handle_19:", "boot stage: INT 19h (handle_19) entered", stage=True)
    expect(r"^Booting from ", "boot stage: a boot device tried")
    expect(r"^No bootable device\.", "boot stage: every device tried, 'No bootable device.'", stage=True)
    seen = [(w, i) for w, i in order if i is not None]
    c.check(all(a[1] < b[1] for a, b in zip(seen, seen[1:])),
            "stages in order: " + " < ".join(w.split(" (")[0] for w, _ in seen))
    s = read(ser)
    c.check("SeaBIOS (version" in s and "No bootable device" in s,
            "serial console (sercon, no VGA) shows the banner and 'No bootable device'")
    if when is not None:
        print(f"info 'No bootable device' after {when:.2f}s")
    if c.failed:
        show_failure(text, err, rc)


def show_failure(text, err, rc):
    print(f"--- emulator exit status: {'killed after timeout' if rc is None else rc}")
    tail = text.strip().split("\n")[-15:]
    if any(tail):
        print("--- last output lines:")
        for ln in tail:
            print("   ", ln)
    if err.strip():
        print("--- emulator stderr (last 10 lines):")
        for ln in err.strip().split("\n")[-10:]:
            print("   ", ln)


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("serial", "debuglog"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    emu = os.environ.get("Q86_SYSTEM_EMULATOR") or sys.argv[1]
    gate = subprocess.run(["sh", sys.argv[2], emu], stdout=subprocess.PIPE, text=True)
    if gate.returncode == 77:
        print("SKIP:", gate.stdout.strip())
        return 77
    if gate.returncode != 0:
        print("cpu-gate:", gate.stdout.strip())
        return 1
    c = Checks()
    if not c.check(os.path.isfile(BIOS), f"SeaBIOS image {BIOS} present (Debian package seabios; make setup)"):
        return c.finish()
    with tempfile.TemporaryDirectory(prefix="q86-boot.") as tmp:
        if sys.argv[3] == "serial":
            test_serial(emu, tmp, c)
        else:
            test_debuglog(emu, tmp, c)
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
