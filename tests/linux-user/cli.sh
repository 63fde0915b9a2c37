#!/bin/sh
# qemu-i386's command line: version and help work; bad input gets a one-line
# error and a non-zero exit.
set -u
qemu="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

expect_ok() { # desc, pattern, args...
    desc="$1" pat="$2"; shift 2
    out=$("$qemu" "$@" 2>&1); rc=$?
    if [ $rc -eq 0 ] && printf '%s' "$out" | grep -q "$pat"; then
        pass=$((pass + 1)); echo "ok   $desc"
    else
        fail=$((fail + 1)); echo "FAIL $desc: exit $rc, output: $out"
    fi
}

expect_error() { # desc, pattern, args...
    desc="$1" pat="$2"; shift 2
    out=$("$qemu" "$@" 2>&1 </dev/null); rc=$?
    lines=$(printf '%s\n' "$out" | wc -l)
    if [ $rc -ne 0 ] && [ $rc -lt 128 ] && [ "$lines" -eq 1 ] && printf '%s' "$out" | grep -q "$pat"; then
        pass=$((pass + 1)); echo "ok   $desc: $out"
    else
        fail=$((fail + 1)); echo "FAIL $desc: exit $rc, $lines line(s): $out"
    fi
}

expect_ok "-version" "qemu-i386 version" -version
expect_ok "--version" "qemu-i386 version" --version
expect_ok "-h" "usage: qemu-i386" -h
expect_error "unknown option" "unknown option" -no-such-option /bin/true
expect_error "missing program file" "$tmp/missing" "$tmp/missing"
printf 'not an elf file at all\n' > "$tmp/text"
expect_error "non-ELF file" "$tmp/text" "$tmp/text"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
