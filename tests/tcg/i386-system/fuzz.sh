#!/bin/sh
# System-mode fuzz test: a guest must never crash or corrupt the emulator.
#
#   fuzz.sh EMULATOR [SEED...]
#
# For every seed, fuzz-rom.py builds a random 64 KiB BIOS image (random
# bytes mixed with system instructions, far transfers, mode switches into
# protected mode and paging, port/MMIO accesses to the PC's devices...) and
# the emulator runs it as
#   EMULATOR -M pc -bios ROM -display none -serial none -no-reboot
#            -d guest_errors,unimp -D /dev/null
# under a Q86_FUZZ_TIMEOUT (default 2 s) timeout.  A run passes when the
# emulator either exits with status 0 (-no-reboot turns the guest's triple
# fault or reset into an exit) or is still running at the timeout and then
# ends on SIGTERM (within 5 s), and it wrote nothing to stderr (an
# internal error, an abort message, an ASan/UBSan report).  Anything else -- death by a signal,
# any other status, a hang that ignores SIGTERM, a word on stderr -- fails
# and prints how to rerun that seed.
#
# Seeds: the arguments, else $Q86_FUZZ_SEEDS (space-separated), else the
# fixed list below; Q86_FUZZ_COUNT=N
# adds N further seeds counting up from Q86_FUZZ_START (default 1000) for
# longer runs.  Q86_FUZZ_ARGS adds emulator arguments (e.g. "-m 1" or
# "-cpu pentium").  Q86_SYSTEM_EMULATOR replaces EMULATOR.  Skipped (77) while
# the emulator cannot run guest code (cpu-gate.sh).
set -u
emu=${Q86_SYSTEM_EMULATOR:-${1:?usage: fuzz.sh EMULATOR [SEED...]}}
shift
here=$(cd "$(dirname "$0")" && pwd)
limit=${Q86_FUZZ_TIMEOUT:-2}

why=$(sh "$here/cpu-gate.sh" "$emu")
case $? in
    0) ;;
    77) echo "SKIP: $why"; exit 77 ;;
    *) echo "cpu-gate: $why"; exit 1 ;;
esac
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }

# A seed names an image only together with fuzz-rom.py's version: a bug a
# seed finds gets its own small test (e.g. rep-interrupt.sh), not a seed.
fixed="1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20"
if [ $# -gt 0 ]; then
    seeds="$*"
else
    seeds=${Q86_FUZZ_SEEDS:-$fixed}
fi
count=${Q86_FUZZ_COUNT:-0}
start=${Q86_FUZZ_START:-1000}
i=0
while [ "$i" -lt "$count" ]; do
    seeds="$seeds $((start + i))"
    i=$((i + 1))
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Sanitizer reports must reach stderr and end the run visibly.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

runs=0 fails=0 timeouts=0
for seed in $seeds; do
    rom=$tmp/fuzz-$seed.rom
    if ! python3 "$here/fuzz-rom.py" "$seed" "$rom"; then
        echo "FAIL seed $seed: fuzz-rom.py could not build the image"
        fails=$((fails + 1))
        continue
    fi
    timeout -k 5 "$limit" "$emu" -M pc -bios "$rom" -display none -serial none \
        -monitor none -no-reboot -d guest_errors,unimp -D /dev/null ${Q86_FUZZ_ARGS:-} \
        </dev/null >"$tmp/out" 2>"$tmp/err"
    rc=$?
    runs=$((runs + 1))
    verdict=
    case $rc in
        0) ;;
        124) timeouts=$((timeouts + 1)) ;;
        137) verdict="still running 5 s after the SIGTERM at ${limit}s (killed)" ;;
        *) if [ "$rc" -gt 128 ]; then
               verdict="died with exit status $rc (signal $((rc - 128))?)"
           else
               verdict="exit status $rc"
           fi ;;
    esac
    # The one line a SIGTERM at the timeout is expected to print.
    [ "$rc" = 124 ] && sed -i '/terminating on signal 15/d' "$tmp/err"
    if [ -z "$verdict" ] && [ -s "$tmp/err" ]; then
        verdict="wrote to stderr"
    fi
    if [ -n "$verdict" ]; then
        fails=$((fails + 1))
        echo "FAIL seed $seed: $verdict"
        head -n 40 "$tmp/err" | sed 's/^/    /'
        echo "    rerun: python3 $here/fuzz-rom.py $seed fuzz.rom && $emu -M pc -bios fuzz.rom" \
            "-display none -serial none -no-reboot -d guest_errors,unimp -D /dev/null ${Q86_FUZZ_ARGS:-}"
    fi
done
echo "$runs runs ($timeouts reached the ${limit}s timeout), $fails failed"
[ "$fails" -eq 0 ]
