#!/bin/sh
# Benchmark (not a test): wall-clock time from starting qemu-system-i386
# -M pc with Debian's SeaBIOS to SeaBIOS's first boot attempt ("Booting
# from " on its debug port 0x402), under our binary and under Debian's QEMU.
#
#   tests/bench/boot-seabios.sh [BUILD_DIR]      (default: build)
#
# Best of BENCH_RUNS (3) runs each, every run killed after BENCH_TIMEOUT
# (60) seconds.  QEMU_SYSTEM_I386 (default /usr/bin/qemu-system-i386; empty
# to skip) names the reference.  Prints both times and the ratio q86/qemu.
# Our binary is timed only when tests/tcg/i386-system/cpu-gate.sh says it
# can run guest code.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
ours=$build/qemu-system-i386
ref=${QEMU_SYSTEM_I386-/usr/bin/qemu-system-i386}
runs=${BENCH_RUNS:-3}
limit=${BENCH_TIMEOUT:-60}
bios=${Q86_SEABIOS:-/usr/share/seabios/bios-256k.bin}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }

# one_run EMULATOR: prints the seconds to the boot attempt, or "-" on timeout
one_run() {
    rm -f "$tmp/dbg"
    : >"$tmp/dbg"
    t0=$(now)
    "$1" -M pc -accel tcg -m 128 -nodefaults -nographic -no-reboot -serial none -monitor none \
        -chardev "file,id=dbg,path=$tmp/dbg" -device isa-debugcon,iobase=0x402,chardev=dbg \
        -bios "$bios" </dev/null >/dev/null 2>&1 &
    pid=$!
    t=-
    while kill -0 $pid 2>/dev/null; do
        if grep -q "^Booting from \|^No bootable device" "$tmp/dbg" 2>/dev/null; then
            t=$(echo "$(now) $t0" | awk '{ printf "%.3f", $1 - $2 }')
            break
        fi
        if [ "$(echo "$(now) $t0" | awk -v l="$limit" '{ print ($1 - $2 > l) }')" = 1 ]; then
            break
        fi
        sleep 0.01
    done
    kill $pid 2>/dev/null
    wait $pid 2>/dev/null
    echo "$t"
}

best() {
    b=-
    i=0
    while [ $i -lt "$runs" ]; do
        t=$(one_run "$1")
        if [ "$t" != - ]; then
            if [ "$b" = - ] || [ "$(echo "$t $b" | awk '{ print ($1 < $2) }')" = 1 ]; then b=$t; fi
        fi
        i=$((i + 1))
    done
    echo "$b"
}

q=-
if [ -x "$ours" ]; then
    why=$(sh "$top/tests/tcg/i386-system/cpu-gate.sh" "$ours")
    if [ $? -eq 0 ]; then
        q=$(best "$ours")
    else
        echo "q86: not timed: $why"
    fi
else
    echo "q86: $ours not built"
fi
r=-
if [ -n "$ref" ] && [ -x "$ref" ]; then
    r=$(best "$ref")
fi
printf '%-28s %10s %10s %10s\n' workload "q86 s" "qemu s" "q86/qemu"
ratio=-
if [ "$q" != - ] && [ "$r" != - ]; then
    ratio=$(echo "$q $r" | awk '{ printf "%.2f", $1 / $2 }')
fi
printf '%-28s %10s %10s %10s\n' "seabios-to-boot-attempt" "$q" "$r" "$ratio"
