#!/bin/sh
# `make run`: the most real things Q86 runs today — Debian's i386 busybox
# under qemu-i386, running a small shell session, compared with the native
# run; then a whole PC under qemu-system-i386: Debian's SeaBIOS to its boot
# attempt, and Debian's 686 kernel booting the busybox initramfs.
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
echo "== $build/qemu-system-i386 -M pc with Debian's SeaBIOS (serial console)"
# (SeaBIOS then waits 60 s before retrying: stop it after 3.)
timeout 3 "$build/qemu-system-i386" -M pc -m 128 -nographic -no-reboot \
    -bios /usr/share/seabios/bios-256k.bin 2>&1 | tr -d '\r' |
    sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g' |
    sed -n '/SeaBIOS/,/No bootable device/p' | grep -v '^$' || true

kernel="$ASSETS/vmlinuz-686"
if [ -f "$kernel" ]; then
    echo
    echo "== $build/qemu-system-i386 -M pc -kernel vmlinuz-686 -initrd initramfs (Debian's kernel)"
    start=$(date +%s)
    timeout 120 "$build/qemu-system-i386" -M pc -m 256 -nographic -no-reboot \
        -kernel "$kernel" -initrd "$ASSETS/initramfs.cpio.gz" \
        -append "console=ttyS0 panic=-1 loglevel=1" 2>&1 | tr -d '\r' | grep -o 'Q86-BOOT:.*' || true
    echo "== booted, ran /init and powered off in $(( $(date +%s) - start )) s"
fi
