#!/bin/sh
# Triple fault: a fault while the processor delivers #DF shuts it down
# (SDM Vol. 3A 6.15, Interrupt 8), which the PC turns into a reset.
#
#   triple-fault.sh EMULATOR
#
# A 64 KiB ROM in real mode: if CMOS byte 40h is not 5Ah it writes 5Ah
# there, loads an IDT with limit 0 and runs INT3 -- the vector lies beyond
# the limit: #GP, whose vector is beyond it too: #DF, the same again: triple
# fault.  After the reset (CMOS RAM survives it) it finds 5Ah and writes
# 2Ah to isa-debug-exit (exit status 85).  Checks:
#   -no-reboot: the emulator exits with status 0 (the guest reset ends it);
#   without it: the machine resets and the second boot exits with 85.
# Skipped (77) while the emulator cannot run guest code (cpu-gate.sh).
set -u
emu=${Q86_SYSTEM_EMULATOR:-${1:?usage: triple-fault.sh EMULATOR}}
here=$(dirname "$0")
why=$(sh "$here/cpu-gate.sh" "$emu")
case $? in
    0) ;;
    77) echo "SKIP: $why"; exit 77 ;;
    *) echo "cpu-gate: $why"; exit 1 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-tf.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
rom=$tmp/tf.rom
# F000:E000  mov al,40h; out 70h,al; in al,71h; cmp al,5Ah; je second
#            mov al,40h; out 70h,al; mov al,5Ah; out 71h,al
#            lidt [0FFF8h] (six zero bytes of RAM: limit 0); int3
# second:    mov al,2Ah; out 0F4h,al; hlt; jmp $-1
# F000:FFF0  jmp E000h
{
    head -c 57344 /dev/zero
    printf '\260\100\346\160\344\161\074\132\164\016'
    printf '\260\100\346\160\260\132\346\161'
    printf '\017\001\036\370\377\314'
    printf '\260\052\346\364\364\353\375'
    head -c 8145 /dev/zero
    printf '\351\015\340'
    head -c 13 /dev/zero
} >"$rom"

run() {
    timeout -k 2 10 "$emu" -M pc -accel tcg -bios "$rom" -display none -serial none \
        -monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@" </dev/null \
        >"$tmp/out" 2>&1
}

failed=0
run -no-reboot
rc=$?
if [ $rc -eq 0 ]; then
    echo "ok   -no-reboot: the triple fault ended the emulator (exit status 0)"
else
    echo "FAIL -no-reboot: exit status $rc, expected 0 (124: still running after 10 s)"
    head -n 5 "$tmp/out"
    failed=1
fi
run
rc=$?
if [ $rc -eq 85 ]; then
    echo "ok   without -no-reboot: the machine reset and the second boot exited (status 85)"
else
    echo "FAIL without -no-reboot: exit status $rc, expected 85 (124: no second boot in 10 s)"
    head -n 5 "$tmp/out"
    failed=1
fi
exit $failed
