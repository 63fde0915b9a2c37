#!/bin/sh
# `make run`: the most real thing Q86 can run today — Debian's i386 busybox
# under qemu-i386, running a small shell session, compared with the native
# run; then the pc machine's memory map from the monitor.
set -eu
build=${1:-build}
ASSETS=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
bb="$ASSETS/busybox/busybox"
if [ ! -x "$bb" ]; then
    echo "demo: $bb is missing (run scripts/guest-assets.sh)" >&2
    exit 1
fi

session='
i=0; s=0
while [ $i -lt 2000 ]; do s=$((s + i * i)); i=$((i + 1)); done
echo "sum of squares below 2000: $s"
i=0; while [ $i -lt 3000 ]; do echo "line $i"; i=$((i + 1)); done > /tmp/q86-demo.$$
echo "sha256: $(sha256sum < /tmp/q86-demo.$$ | cut -c1-32)"
echo "gzip round trip: $(gzip -9 < /tmp/q86-demo.$$ | gunzip | tail -n 1)"
echo "sort: $(printf "%s\n" q86 emulates x86 on x86-64 | sort | tr "\n" " ")"
echo "grep -c: $(grep -c 7 /tmp/q86-demo.$$)"
rm -f /tmp/q86-demo.$$
'

echo "== Debian's i386 busybox under $build/qemu-i386"
emulated=$("$build/qemu-i386" "$bb" sh -c "$session")
printf '%s\n' "$emulated"
native=$("$bb" sh -c "$session")
if [ "$emulated" = "$native" ]; then
    echo "== same output as the native run"
else
    echo "== DIFFERENT from the native run:"
    printf '%s\n' "$native"
    exit 1
fi

echo
echo "== $build/qemu-system-i386 -M pc -S: the monitor's info mtree -f (first lines)"
printf 'info mtree -f\nquit\n' |
    "$build/qemu-system-i386" -M pc -S -display none -monitor stdio -serial none 2>&1 | head -n 25
