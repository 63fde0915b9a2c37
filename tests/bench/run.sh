#!/bin/sh
# Q86 benchmarks (`make bench`): not a test, never registered with meson.
#
#   tests/bench/run.sh BUILD_DIR
#
# Times CPU-heavy 32-bit workloads natively, under BUILD_DIR/qemu-i386 (q86)
# and under Debian's /usr/bin/qemu-i386 when it is installed (QEMU_I386=path
# overrides; QEMU_I386= disables), best wall-clock time of BENCH_RUNS
# (default 3) runs each, and prints a table with the ratios q86/native and
# q86/qemu and their geometric means.
#
# Workloads: busybox-static:i386 (from scripts/guest-assets.sh) sha256sum,
# gzip -9 and awk on deterministic generated text; and compute kernels from
# tests/bench/kernels built with gcc -m32 -static -O2: CRC-32 and bit
# operations, a sieve, a computed-goto bytecode interpreter (indirect
# branches), recursive calls, libc string functions, integer matrix multiply;
# and dynamically linked Debian programs from the guest-assets sysroot:
# python3 running tests/bench/kernels/loop.py, xz -9 of 4 MB of text.  Those
# run natively through the sysroot's loader
# (ld-linux.so.2 --library-path ...), emulated as `EMULATOR -L sysroot`.
#
# A run whose output differs from the native output, that exits non-zero or
# that exceeds BENCH_TIMEOUT seconds (default 60) is reported as FAILED and
# the benchmark goes on.  Built programs and data live in BUILD_DIR/bench.
# BENCH_ONLY="fib sieve" runs only the named workloads.  Afterwards the
# host-side benchmarks meson builds in BUILD_DIR/tests/bench (memory-*) run
# and print their own output.
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/bench/run.sh BUILD_DIR" >&2
    exit 2
fi
build=$(cd "$1" && pwd) || exit 2
here=$(cd "$(dirname "$0")" && pwd)
q86=$build/qemu-i386
qemu=${QEMU_I386-/usr/bin/qemu-i386}
[ -n "$qemu" ] && [ ! -x "$qemu" ] && qemu=
runs=${BENCH_RUNS:-3}
limit=${BENCH_TIMEOUT:-60}
work=$build/bench
assets=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
bb=$assets/busybox/busybox
sysroot=$assets/sysroot
native_dyn="$sysroot/lib/ld-linux.so.2 --library-path $sysroot/lib/i386-linux-gnu:$sysroot/usr/lib/i386-linux-gnu"
mkdir -p "$work" || exit 1
cd "$work" || exit 1

log() { echo "bench: $*" >&2; }

# --- build the kernels and the data generator (only when out of date) ---
for k in crc32 sieve interp fib strings matmul; do
    if [ ! -x "$k" ] || [ "$here/kernels/$k.c" -nt "$k" ]; then
        gcc -m32 -static -O2 -std=gnu11 -o "$k" "$here/kernels/$k.c" || { log "cannot build $k"; exit 1; }
    fi
done
if [ ! -x gendata ] || [ "$here/kernels/gendata.c" -nt gendata ]; then
    gcc -O2 -o gendata "$here/kernels/gendata.c" || exit 1
fi
if [ ! -f data48.txt ] || [ gendata -nt data48.txt ]; then
    log "generating 48 MB of test data"
    ./gendata 48 > data48.txt && head -c 16777216 data48.txt > data16.txt &&
        head -c 4194304 data48.txt > data4.txt || exit 1
fi

# name|command (run in $work; the emulator, if any, is put in front)
workloads="sha256sum|$bb sha256sum data48.txt data48.txt
gzip-9|$bb gzip -9 -c data16.txt
awk|$bb awk -f $here/kernels/fields.awk data4.txt
crc32|./crc32 350
sieve|./sieve 60
interp|./interp 12000
fib|./fib 39
strings|./strings 2000
matmul|./matmul 800
python3|DYN $sysroot/usr/bin/python3.11 $here/kernels/loop.py
xz-9|DYN $sysroot/usr/bin/xz -9 -c data4.txt"

now() { date +%s.%N; }

# best_time PREFIX COMMAND...: prints the best wall-clock seconds, or FAILED.
# The output of the first run is checksummed into $work/out.sum.
best_time() {
    prefix=$1; shift
    best=
    i=0
    while [ $i -lt "$runs" ]; do
        i=$((i + 1))
        t0=$(now)
        # shellcheck disable=SC2086  # the prefix is empty or a command and its options
        timeout "$limit" $prefix "$@" > out.run 2> err.run
        rc=$?
        t1=$(now)
        if [ $rc -ne 0 ]; then
            echo "FAILED"
            log "$prefix $*: exit status $rc$( [ $rc -eq 124 ] && echo " (timeout ${limit}s)"): $(head -c 300 err.run)"
            return
        fi
        [ $i -eq 1 ] && cksum < out.run > out.sum
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN {
            d = b - a; if (best == "" || d < best) best = d; printf "%.3f", best }')
        # A slow first run is not repeated.
        if awk -v x="$best" 'BEGIN { exit !(x > 30) }'; then
            break
        fi
    done
    echo "$best"
}

ratio() { # a b -> a/b or -
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else printf "-" }'
}

printf '%-10s %9s %9s %9s %11s %9s\n' workload "native s" "q86 s" "qemu s" q86/native q86/qemu
rows=
echo "$workloads" | {
    while IFS='|' read -r name cmd; do
        if [ -n "${BENCH_ONLY:-}" ]; then
            case " $BENCH_ONLY " in *" $name "*) ;; *) continue ;; esac
        fi
        # Prefixes: native, q86, qemu (a dynamic program needs its loader
        # natively and the sysroot under the emulators).
        pn='' pq=$q86 pe=$qemu
        case $cmd in
        "$bb "*)
            if [ ! -x "$bb" ]; then
                printf '%-10s %9s\n' "$name" "SKIPPED: no $bb (run scripts/guest-assets.sh)"
                continue
            fi ;;
        "DYN "*)
            cmd=${cmd#DYN }
            if [ ! -x "${cmd%% *}" ]; then
                printf '%-10s %9s\n' "$name" "SKIPPED: no ${cmd%% *} (run scripts/guest-assets.sh)"
                continue
            fi
            pn=$native_dyn pq="$q86 -L $sysroot" pe=${qemu:+$qemu -L $sysroot} ;;
        esac
        # shellcheck disable=SC2086
        tn=$(best_time "$pn" $cmd)
        ref=$(cat out.sum 2>/dev/null)
        if [ -x "$q86" ]; then
            # shellcheck disable=SC2086
            tq=$(best_time "$pq" $cmd)
            if [ "$tq" != FAILED ] && [ "$(cat out.sum)" != "$ref" ]; then
                log "$name: q86 output differs from native"
                tq=FAILED
            fi
        else
            tq=FAILED
            log "$q86: not built"
        fi
        tqe=-
        if [ -n "$qemu" ]; then
            # shellcheck disable=SC2086
            tqe=$(best_time "$pe" $cmd)
            if [ "$tqe" != FAILED ] && [ "$(cat out.sum)" != "$ref" ]; then
                log "$name: $qemu output differs from native"
                tqe=FAILED
            fi
        fi
        r1=$(ratio "$tq" "$tn")
        r2=$(ratio "$tq" "$tqe")
        printf '%-10s %9s %9s %9s %11s %9s\n' "$name" "$tn" "$tq" "$tqe" "$r1" "$r2"
        rows="$rows$r1 $r2
"
    done
    # Geometric means over the workloads where the ratio exists.
    printf '%s' "$rows" | awk '
        $1 != "-" { s1 += log($1); n1++ }
        $2 != "-" { s2 += log($2); n2++ }
        END {
            printf "%-10s %9s %9s %9s %11s %9s\n", "geomean", "", "", "",
                n1 ? sprintf("%.2f", exp(s1 / n1)) : "-", n2 ? sprintf("%.2f", exp(s2 / n2)) : "-"
        }'
}
rm -f out.run err.run out.sum

# Host-side benchmarks meson builds from tests/bench (memory-*: the memory
# API); they print their own results.
for b in "$build"/tests/bench/memory-*; do
    [ -x "$b" ] || continue
    case $b in *.p) continue ;; esac
    echo
    echo "== $(basename "$b") =="
    timeout "$limit" "$b" || echo "$(basename "$b"): FAILED (exit status $?)"
done
