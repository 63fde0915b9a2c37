#!/bin/sh
# Capability gate of the system-mode suites (tcg-system, boot).
#
#   cpu-gate.sh EMULATOR
#
# Asks the emulator to run guest code: a 64 KiB ROM whose reset vector
# (0xfffffff0) holds `mov $0x2a,%al; out %al,$0xf4; hlt` is run as
#   EMULATOR -M pc -accel tcg -bios ROM -display none -no-reboot
#            -device isa-debug-exit,iobase=0xf4,iosize=0x04
# under a Q86_GATE_TIMEOUT (default 5 s) timeout.  Exit status 85
# ((0x2a << 1) | 1) means the binary executes x86 code: exit 0.  Anything
# else (timeout: no CPU runs; an option refused; a crash) prints one line
# saying what happened and exits 77, which meson reports as SKIP --
# or 1 when Q86_SYSTEM_REQUIRE_CPU=1 (for when the CPU is meant to work).
#
# Why a probe run and not `-accel help`: our qemu-system-i386 accepted
# `-M pc -accel tcg` long before it had a CPU (it then idles until killed),
# so only executing an instruction shows the capability.  The tests turn on
# by themselves once the probe passes.  The answer is cached per binary
# (path, size, mtime) in $TMPDIR so a suite pays for the probe once.
set -u
emu=${1:?usage: cpu-gate.sh EMULATOR}
limit=${Q86_GATE_TIMEOUT:-5}
fail=77
[ "${Q86_SYSTEM_REQUIRE_CPU:-0}" = 1 ] && fail=1

if ! command -v "$emu" >/dev/null 2>&1; then
    echo "emulator $emu: not found or not executable"
    exit 1
fi
path=$(command -v "$emu")
path="$(cd "$(dirname "$path")" && pwd)/$(basename "$path")"
key=$(ls -lnL "$path" 2>/dev/null | cksum | cut -d' ' -f1)
cache="${TMPDIR:-/tmp}/q86-cpu-gate.$(id -u).$key"
# A pass is kept while the binary is unchanged; a miss for 10 minutes
# only (one test session), so a probe slowed down by a loaded machine
# cannot hide the tests for long.
if [ -f "$cache" ]; then
    read -r status line <"$cache"
    if [ "$status" = 0 ]; then
        echo "$line"
        exit 0
    fi
    if [ -n "$(find "$cache" -mmin -10 2>/dev/null)" ]; then
        echo "$line"
        exit $fail
    fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-gate.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
# 65520 zero bytes, the 7-byte program at 0xfff0, 9 bytes of padding.
dd if=/dev/zero bs=65520 count=1 2>/dev/null >"$tmp/probe.rom"
printf '\260\052\346\364\364\353\375\0\0\0\0\0\0\0\0\0' >>"$tmp/probe.rom"

timeout -k 2 "$limit" "$emu" -M pc -accel tcg -bios "$tmp/probe.rom" -display none \
    -no-reboot -serial none -monitor none \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 </dev/null >/dev/null 2>"$tmp/err"
rc=$?
case $rc in
    85) status=0; line="$path runs guest code (reset-vector probe passed)" ;;
    124|137) status=77; line="$path runs no guest code yet: the 7-byte reset-vector probe did not reach isa-debug-exit in ${limit}s (see tests/tcg/i386-system/cpu-gate.sh)" ;;
    *) status=77; line="$path cannot run the reset-vector probe yet: exit status $rc${rc:+, }$(head -n 1 "$tmp/err")" ;;
esac
echo "$status $line" >"$cache.$$" && mv "$cache.$$" "$cache"
echo "$line"
[ $status = 0 ] && exit 0
exit $fail
