#!/bin/sh
# qemu-i386 -strace and -d unimp on tests/linux-user/progs/io.c: a syscall
# the emulator does not know (number 1000) returns ENOSYS, is printed as one
# strace line with its result and is named by -d unimp; the socketcall and
# time64 calls the program makes are printed by name.
#
#   strace.sh QEMU_I386 LU_IO
set -u
if [ $# -ne 2 ]; then
    echo "usage: strace.sh QEMU_I386 LU_IO" >&2
    exit 2
fi
qemu=$1 prog=$2
case $qemu in */*) qemu=$(cd "$(dirname "$qemu")" && pwd)/$(basename "$qemu") ;; esac
case $prog in /*) ;; *) prog=$(pwd)/$prog ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-strace.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # desc, file, extended regexp
    if grep -Eq "$3" "$2"; then
        pass=$((pass + 1)); echo "ok   $1"
    else
        fail=$((fail + 1)); echo "FAIL $1: no line matches /$3/ in $(basename "$2")"
        head -c 2000 "$2"
    fi
}
(cd "$tmp" && timeout 60 "$qemu" -strace "$prog" > "$tmp/out" 2> "$tmp/strace")
echo "exit status $?"
check "unknown syscall: one line with ENOSYS" "$tmp/strace" \
    '^[0-9]+ syscall_1000\(0x1,0x2,0x3,.*\) = -1 errno=38 \(Function not implemented\)$'
check "socketcall by name" "$tmp/strace" '^[0-9]+ socketcall\('
check "time64 call by name" "$tmp/strace" '^[0-9]+ clock_gettime64\(.*\) = 0$'
check "the program saw ENOSYS" "$tmp/out" '^syscall 1000: -1 Function not implemented$'
(cd "$tmp" && timeout 60 "$qemu" -d unimp "$prog" > /dev/null 2> "$tmp/unimp")
check "-d unimp names it" "$tmp/unimp" '^Unsupported syscall: 1000'
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
