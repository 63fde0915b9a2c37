#!/bin/sh
# Runs one Q86 system test image and judges it.
#
#   run.sh EMULATOR kernel|bios IMAGE
#
# kernel: `EMULATOR -kernel IMAGE` (multiboot ELF, loaded by the BIOS's
# multiboot option ROM); bios: `EMULATOR -bios IMAGE` (raw 64 KiB ROM,
# starts in real mode at 0xfffffff0).  The image reports on COM1, which
# goes to stdout, and ends with isa-debug-exit.  Passes when the exit
# status is 67 (isa-debug-exit value 0x21: (0x21 << 1) | 1) and the last
# line of the serial output starts with "PASS:".
#
# Exit 77 (meson: SKIP) with one line saying why when the emulator cannot
# run guest code yet -- see cpu-gate.sh -- or says it does not support
# -kernel.  Q86_SYSTEM_EMULATOR replaces EMULATOR (validation against
# Debian's QEMU); Q86_SYSTEM_ARGS adds arguments (e.g. "-cpu qemu32,+nx");
# Q86_SYSTEM_TIMEOUT (default 20 s) bounds the run.
set -u
if [ $# -ne 3 ]; then
    echo "usage: run.sh EMULATOR kernel|bios IMAGE" >&2
    exit 2
fi
emu=${Q86_SYSTEM_EMULATOR:-$1}
how=$2
img=$3
here=$(dirname "$0")
name=$(basename "$img")

why=$(sh "$here/cpu-gate.sh" "$emu")
case $? in
    0) ;;
    77) echo "SKIP: $why"; exit 77 ;;
    *) echo "cpu-gate: $why"; exit 1 ;;
esac

case $how in
    kernel) load="-kernel $img" ;;
    bios) load="-bios $img" ;;
    *) echo "run.sh: kernel or bios, not $how" >&2; exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-sys.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
limit=${Q86_SYSTEM_TIMEOUT:-20}
# shellcheck disable=SC2086  # $load and Q86_SYSTEM_ARGS are word lists
timeout -k 2 "$limit" "$emu" -M pc -accel tcg -m 128 -display none -no-reboot \
    -serial "file:$tmp/serial" -monitor none \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    ${Q86_SYSTEM_ARGS:-} $load </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/serial" 2>/dev/null
last=$(grep -v '^[[:space:]]*$' "$tmp/serial" 2>/dev/null | tail -n 1)

if [ "$how" = kernel ] && [ $rc -eq 1 ] && grep -q -- '-kernel.*unsupported option' "$tmp/err"; then
    echo "SKIP: $emu does not support -kernel yet ($(head -n 1 "$tmp/err"))"
    exit 77
fi
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "run.sh: $name: timed out after ${limit}s (killed)"
    rc=timeout
fi
if [ "$rc" = 67 ] && case $last in PASS:*) true ;; *) false ;; esac; then
    exit 0
fi
echo "run.sh: $name under $emu ($how): exit status $rc (expected 67), last serial line: ${last:-<none>}"
if [ -s "$tmp/err" ]; then
    echo "--- emulator stderr (last 10 lines) ---"
    tail -n 10 "$tmp/err"
fi
exit 1
