#!/bin/sh
# A dynamically linked i386 program (tests/linux-user/progs/dynamic.c) runs
# under qemu-i386 with the same output as natively: once with the host's
# i386 libraries (the guest path of the ELF interpreter), once with -L and
# the Debian libc6:i386 sysroot that scripts/guest-assets.sh unpacks.
set -u
qemu="$1" prog="$2"
ASSETS=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
sysroot="$ASSETS/sysroot"
pass=0 fail=0

native=$("$prog" one two 2>&1); nrc=$?
check() { # desc, args...
    desc="$1"; shift
    out=$(timeout 60 "$qemu" "$@" "$prog" one two 2>&1); rc=$?
    if [ "$out" = "$native" ] && [ $rc -eq $nrc ]; then
        pass=$((pass + 1)); echo "ok   $desc"
    else
        fail=$((fail + 1)); echo "FAIL $desc (exit $rc, native $nrc)"
        printf '%s\n' "--- native" "$native" "--- emulated" "$out"
    fi
}

check "host i386 libraries"
if [ -e "$sysroot/lib/ld-linux.so.2" ] || [ -e "$sysroot/usr/lib/ld-linux.so.2" ]; then
    check "-L $sysroot" -L "$sysroot"
else
    fail=$((fail + 1)); echo "FAIL no sysroot at $sysroot (run scripts/guest-assets.sh)"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
