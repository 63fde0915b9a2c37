#!/bin/sh
# Boots Debian's i386 kernel with the busybox initramfs and checks the
# Q86-BOOT lines its /init (tests/boot/init.sh) prints on ttyS0.
#
#   linux.sh EMULATOR CPU_GATE
#
# Runs  EMULATOR -M pc -accel tcg -m 256 -nographic -no-reboot
#         -kernel $Q86_ASSETS/vmlinuz-686 -initrd $Q86_ASSETS/initramfs.cpio.gz
#         -append "console=ttyS0 panic=-1 loglevel=4"
# ($Q86_ASSETS: default ~/.cache/q86/guest-assets, made by
# scripts/guest-assets.sh, i.e. `make assets`), killed after
# Q86_LINUX_TIMEOUT seconds (default 240).  Prints ok/FAIL lines and
# "N passed, M failed".  Exit 77 (SKIP) when CPU_GATE says the emulator
# runs no guest code yet, or it says it does not support -kernel.
# Q86_SYSTEM_EMULATOR replaces EMULATOR.  Under Debian's QEMU 7.2 (TCG)
# the whole run takes about 10 s.
set -u
emu=${Q86_SYSTEM_EMULATOR:-${1:?usage: linux.sh EMULATOR CPU_GATE}}
gate=${2:?usage: linux.sh EMULATOR CPU_GATE}
assets=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
limit=${Q86_LINUX_TIMEOUT:-240}

why=$(sh "$gate" "$emu")
case $? in
    0) ;;
    77) echo "SKIP: $why"; exit 77 ;;
    *) echo "cpu-gate: $why"; exit 1 ;;
esac

passed=0
failed=0
check() {   # check CONDITION-STATUS DESCRIPTION
    if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $2"
    else failed=$((failed + 1)); echo "FAIL $2"; fi
}
finish() {
    echo "$passed passed, $failed failed"
    [ $failed -eq 0 ] && [ $passed -gt 0 ]
    exit $?
}

for f in vmlinuz-686 initramfs.cpio.gz; do
    [ -f "$assets/$f" ]
    check $? "$assets/$f present (scripts/guest-assets.sh, make assets)"
done
[ $failed -eq 0 ] || finish

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-linux.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
start=$(date +%s)
timeout -k 5 "$limit" "$emu" -M pc -accel tcg -m 256 -nographic -no-reboot \
    -kernel "$assets/vmlinuz-686" -initrd "$assets/initramfs.cpio.gz" \
    -append "console=ttyS0 panic=-1 loglevel=4" </dev/null >"$tmp/serial" 2>"$tmp/err"
rc=$?
secs=$(( $(date +%s) - start ))
tr -d '\r' <"$tmp/serial" >"$tmp/out"
if [ $rc -eq 1 ] && grep -q -- '-kernel.*unsupported option' "$tmp/err"; then
    echo "SKIP: $emu does not support -kernel yet ($(head -n 1 "$tmp/err"))"
    exit 77
fi
grep '^Q86-BOOT' "$tmp/out"

grep -q '^Q86-BOOT: kernel [0-9][^ ]* on i686$' "$tmp/out"
check $? "the kernel ran /init from the initramfs (uname: i686)"
mem=$(sed -n 's/^Q86-BOOT: 1 cpu(s), \([0-9]*\) kB$/\1/p' "$tmp/out")
[ -n "$mem" ] && [ "$mem" -gt 200000 ] && [ "$mem" -le 262144 ]
check $? "one CPU and MemTotal ${mem:-?} kB fitting -m 256"
grep -q '^Q86-BOOT: busybox sh arithmetic 42$' "$tmp/out"
check $? "busybox sh runs"
fl=$(sed -n 's/^Q86-BOOT: cpu flags//p' "$tmp/out")
ok=0
for f in fpu tsc cx8 cmov; do
    case " $fl " in *" $f "*) ;; *) ok=1 ;; esac
done
check $ok "/proc/cpuinfo flags include fpu tsc cx8 cmov (686 kernel): ${fl:-none}"
cs=$(sed -n 's/^Q86-BOOT: clocksource //p' "$tmp/out")
[ -n "$cs" ]
check $? "a clocksource is in use: ${cs:-none}"
cs100=$(sed -n 's/^Q86-BOOT: sleep 1 took \([0-9]*\) cs of uptime$/\1/p' "$tmp/out")
[ -n "$cs100" ] && [ "$cs100" -ge 100 ] && [ "$cs100" -lt 1000 ]
check $? "sleep 1 advances uptime by 1-10 s (${cs100:-?} cs): timer interrupts work"
grep -q '^Q86-BOOT: done$' "$tmp/out"
check $? "/init finished"
! grep -q 'Kernel panic' "$tmp/out"
check $? "no kernel panic"
[ $rc -eq 0 ]
check $? "the guest powered the machine off (ACPI) and the emulator exited 0 (status $rc after ${secs}s; 124 = killed by the timeout)"
if [ $failed -ne 0 ]; then
    echo "--- last serial lines:"
    tail -n 25 "$tmp/out"
    [ -s "$tmp/err" ] && { echo "--- emulator stderr:"; tail -n 10 "$tmp/err"; }
fi
finish
