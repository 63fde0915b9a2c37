#!/bin/sh
# Benchmark (not a test): wall-clock times of whole-machine boots under our
# qemu-system-i386 -M pc and under Debian's QEMU:
#   seabios-to-boot-attempt  start -> SeaBIOS's first boot attempt ("Booting
#                            from " on its debug port 0x402), Debian's SeaBIOS
#   linux-to-userland-done   -kernel vmlinuz-686 + the busybox initramfs of
#                            scripts/guest-assets.sh -> its /init printing
#                            "Q86-BOOT: done" (tests/boot/init.sh)
#
#   tests/bench/boot.sh [BUILD_DIR]      (default: build)
#
# Best of BENCH_RUNS (3) runs each, every run killed after BENCH_TIMEOUT
# (120) seconds.  QEMU_SYSTEM_I386 (default /usr/bin/qemu-system-i386; empty
# to skip) names the reference.  Prints the times and the ratio q86/qemu.
# Our binary is timed only when tests/tcg/i386-system/cpu-gate.sh says it
# can run guest code.  BENCH_ONLY="linux" runs only the named workloads.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
ours=$build/qemu-system-i386
ref=${QEMU_SYSTEM_I386-/usr/bin/qemu-system-i386}
runs=${BENCH_RUNS:-3}
limit=${BENCH_TIMEOUT:-120}
only=${BENCH_ONLY:-}
bios=${Q86_SEABIOS:-/usr/share/seabios/bios-256k.bin}
assets=${Q86_ASSETS:-${HOME:-/root}/.cache/q86/guest-assets}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }

# one_run EMULATOR WATCHED_FILE PATTERN ARGS...: seconds until PATTERN shows
# up in WATCHED_FILE, or "-" on timeout / early exit
one_run() {
    emu=$1 watched=$2 pattern=$3
    shift 3
    rm -f "$tmp/dbg" "$tmp/serial"
    : >"$tmp/dbg"
    : >"$tmp/serial"
    t0=$(now)
    "$emu" "$@" </dev/null >"$tmp/serial" 2>&1 &
    pid=$!
    t=-
    while kill -0 $pid 2>/dev/null; do
        if grep -q "$pattern" "$watched" 2>/dev/null; then
            t=$(echo "$(now) $t0" | awk '{ printf "%.3f", $1 - $2 }')
            break
        fi
        if [ "$(echo "$(now) $t0" | awk -v l="$limit" '{ print ($1 - $2 > l) }')" = 1 ]; then
            break
        fi
        sleep 0.01
    done
    if [ "$t" = - ] && grep -q "$pattern" "$watched" 2>/dev/null; then
        t=$(echo "$(now) $t0" | awk '{ printf "%.3f", $1 - $2 }')
    fi
    kill $pid 2>/dev/null
    wait $pid 2>/dev/null
    echo "$t"
}

best() {
    b=-
    i=0
    while [ $i -lt "$runs" ]; do
        t=$(one_run "$@")
        if [ "$t" != - ]; then
            if [ "$b" = - ] || [ "$(echo "$t $b" | awk '{ print ($1 < $2) }')" = 1 ]; then b=$t; fi
        fi
        i=$((i + 1))
    done
    echo "$b"
}

ours_ok=0
if [ -x "$ours" ]; then
    why=$(sh "$top/tests/tcg/i386-system/cpu-gate.sh" "$ours")
    if [ $? -eq 0 ]; then
        ours_ok=1
    else
        echo "q86: not timed: $why"
    fi
else
    echo "q86: $ours not built"
fi

# row NAME WATCHED PATTERN ARGS...
row() {
    name=$1
    shift
    case " $only " in
        "  ") ;;
        *" $name "*) ;;
        *) return ;;
    esac
    q=-
    r=-
    [ $ours_ok = 1 ] && q=$(best "$ours" "$@")
    [ -n "$ref" ] && [ -x "$ref" ] && r=$(best "$ref" "$@")
    ratio=-
    if [ "$q" != - ] && [ "$r" != - ]; then
        ratio=$(echo "$q $r" | awk '{ printf "%.2f", $1 / $2 }')
    fi
    printf '%-28s %10s %10s %10s\n' "$name" "$q" "$r" "$ratio"
}

printf '%-28s %10s %10s %10s\n' workload "q86 s" "qemu s" "q86/qemu"
row seabios "$tmp/dbg" "^Booting from \|^No bootable device" \
    -M pc -accel tcg -m 128 -nodefaults -nographic -no-reboot -serial none -monitor none \
    -chardev "file,id=dbg,path=$tmp/dbg" -device isa-debugcon,iobase=0x402,chardev=dbg \
    -bios "$bios"
if [ -f "$assets/vmlinuz-686" ] && [ -f "$assets/initramfs.cpio.gz" ]; then
    row linux "$tmp/serial" "^Q86-BOOT: done" \
        -M pc -accel tcg -m 256 -nographic -no-reboot -kernel "$assets/vmlinuz-686" \
        -initrd "$assets/initramfs.cpio.gz" -append "console=ttyS0 panic=-1 loglevel=4"
else
    echo "linux: not timed: no $assets/vmlinuz-686 (make assets)"
fi
