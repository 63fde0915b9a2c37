#!/bin/sh
# Differential runner for guest programs.
#
#   run-diff.sh EMULATOR PROGRAM [ARGS...]
#
# Runs PROGRAM natively (the host runs i386 code natively) and as
# `EMULATOR PROGRAM ARGS...`, then compares stdout and the exit status.
# On a difference it prints a unified diff of the first differing lines
# (at most RUN_DIFF_LINES, default 60) and the emulator's stderr, and exits 1;
# exit 0 when both runs agree; exit 77 (skip) when the native run exits 77.  stderr is not compared (an emulator may log).
#
# Each run is limited to RUN_DIFF_TIMEOUT seconds (default 300; exit status
# 124 then shows in the comparison), so a hung emulator cannot outlive the
# test.
# Q86_TEST_EMULATOR=/usr/bin/qemu-i386 replaces EMULATOR: that is how the
# suite is validated against another emulator through meson, e.g.
#   Q86_TEST_EMULATOR=/usr/bin/qemu-i386 meson test -C build --suite tcg
set -u

if [ $# -lt 2 ]; then
    echo "usage: run-diff.sh EMULATOR PROGRAM [ARGS...]" >&2
    exit 2
fi
emu=${Q86_TEST_EMULATOR:-$1}
prog=$2
shift 2
name=$(basename "$prog")
lines=${RUN_DIFF_LINES:-60}

if [ ! -x "$prog" ]; then
    echo "run-diff: $prog: not an executable file" >&2
    exit 1
fi
if ! command -v "$emu" >/dev/null 2>&1; then
    echo "run-diff: emulator $emu: not found or not executable" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-diff.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

limit=${RUN_DIFF_TIMEOUT:-300}
tmo=
if command -v timeout >/dev/null 2>&1; then
    tmo="timeout -k 5 $limit"
fi
# shellcheck disable=SC2086  # $tmo is empty or three words
$tmo "$prog" "$@" >"$tmp/native.out" 2>"$tmp/native.err" </dev/null
nrc=$?
# A program that cannot run on this host (e.g. the CPU lacks a feature it
# tests) exits 77 natively: the test is skipped, not compared.
if [ $nrc -eq 77 ]; then
    echo "run-diff: $name: skipped: $(tail -n 1 "$tmp/native.err")"
    exit 77
fi
# shellcheck disable=SC2086
$tmo "$emu" "$prog" "$@" >"$tmp/emu.out" 2>"$tmp/emu.err" </dev/null
erc=$?
[ $erc -eq 124 ] && echo "run-diff: $emu timed out after ${limit}s" >>"$tmp/emu.err"

# The exit status is compared as part of the output, on a last line.
echo "exit status $nrc" >>"$tmp/native.out"
echo "exit status $erc" >>"$tmp/emu.out"

if cmp -s "$tmp/native.out" "$tmp/emu.out"; then
    echo "run-diff: $name${*:+ $*}: $(wc -l <"$tmp/native.out") lines, exit $nrc: same natively and under $emu"
    exit 0
fi

echo "run-diff: $name${*:+ $*}: output under $emu differs from native (native exit $nrc, emulated exit $erc)"
echo "--- first differences (- native, + emulated) ---"
diff -u "$tmp/native.out" "$tmp/emu.out" | sed -e "1s|.*|--- native|" -e "2s|.*|+++ $emu|" | head -n "$lines"
if [ -s "$tmp/emu.err" ]; then
    echo "--- emulator stderr (last 20 lines) ---"
    tail -n 20 "$tmp/emu.err"
fi
if [ $nrc -ne 0 ] && [ -s "$tmp/native.err" ]; then
    echo "--- native stderr (last 20 lines) ---"
    tail -n 20 "$tmp/native.err"
fi
exit 1
