#!/usr/bin/env python3
"""Code fetched from an address no RAM or ROM answers (the legacy VGA
window at A0000h, which on this pc ends in a PCI master abort: every byte
reads FFh) must run like any other code: FF FF is an invalid encoding
(FF /7), so the CPU takes #UD, whose handler reports through
isa-debug-exit.  The emulator must neither stop nor cache the bytes.

    mmio-exec.py QEMU_SYSTEM_I386 CPU_GATE
Exit 0 on pass, 1 on failure, 77 (skip) while cpu-gate.sh says the
binary runs no guest code."""
import os
import subprocess
import sys
import tempfile

emu, gate = sys.argv[1], sys.argv[2]
g = subprocess.run(['sh', gate, emu], capture_output=True, text=True)
if g.returncode != 0:
    print(g.stdout.strip())
    sys.exit(g.returncode)

rom = bytearray(b'\xff' * 65536)
rom[0xfff0:0xfff5] = b'\xea\x00\xe0\x00\xf0'            # jmp f000:e000
code = (b'\x31\xc0\x8e\xd8'                              # xor ax,ax; mov ds,ax
        b'\xc7\x06\x18\x00\x00\xe1'                      # IVT[6].off = e100h
        b'\xc7\x06\x1a\x00\x00\xf0'                      # IVT[6].seg = f000h
        b'\xfe\x06\x00\x05'                              # inc byte [500h]
        b'\xea\x00\x00\x00\xa0')                         # jmp a000:0000
rom[0xe000:0xe000 + len(code)] = code
# #UD handler: the first time, run the same bytes again (they must not be
# cached as code); the second time exit with 2Ah -> status 85.
handler = (b'\x80\x3e\x00\x05\x02'                       # cmp byte [500h], 2
           b'\x74\x05'                                   # je done
           b'\xea\x10\xe0\x00\xf0'                       # jmp f000:e010 (inc; jmp)
           b'\xb0\x2a\xe6\xf4\xf4')                      # done: out 2Ah -> f4h; hlt
rom[0xe100:0xe100 + len(handler)] = handler

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'mmio-exec.rom')
    with open(path, 'wb') as f:
        f.write(rom)
    try:
        r = subprocess.run([emu, '-M', 'pc', '-bios', path, '-display', 'none', '-serial', 'none',
                            '-no-reboot', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'],
                           capture_output=True, text=True, timeout=20)
        rc, err = r.returncode, r.stderr
    except subprocess.TimeoutExpired:
        rc, err = 'timeout', ''
ok = rc == 85
print(('ok  ' if ok else 'FAIL') + ' FF FF fetched from A0000h raises #UD twice, handler exits (status %s)' % rc)
if err.strip():
    print(err.strip().splitlines()[-1])
print('1 passed, 0 failed' if ok else '0 passed, 1 failed')
sys.exit(0 if ok else 1)
