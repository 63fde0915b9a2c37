#!/bin/sh
# A long REP STOS is interruptible: the hardware takes interrupts between
# iterations (SDM vol. 2B, REP), and the emulator must keep answering.
#
#   rep-interrupt.sh EMULATOR
#
# A 64 KiB real-mode ROM points every IVT vector at a handler that writes
# 2Ah to isa-debug-exit (exit status 85), turns the local APIC off,
# initialises the 8259A (IRQ 0 at
# vector 8, the rest masked) and the 8254 (channel 0, mode 2), then runs
# STI; A32 REP STOSB with ECX = FFFFFFFFh from ES:200000h -- through RAM
# and on into unassigned space.  IRQ 0 (or, on a CPU that enforces the
# real-mode 64 KiB limit, #GP) must end it within the timeout.  Found by
# fuzz.sh: the REP MOVS/STOS helper did all ~4G iterations in one call,
# taking no interrupt and not even stopping on SIGTERM.
# Debian's QEMU 7.2 fails this: with IA32_APIC_BASE.EN clear it delivers
# no 8259A interrupt at all (even to `jmp $`), although the SDM (vol. 3A,
# 10.4.3) makes the processor then work as one without a local APIC.
# Skipped (77) while the emulator cannot run guest code (cpu-gate.sh).
set -u
emu=${Q86_SYSTEM_EMULATOR:-${1:?usage: rep-interrupt.sh EMULATOR}}
here=$(dirname "$0")
why=$(sh "$here/cpu-gate.sh" "$emu")
case $? in
    0) ;;
    77) echo "SKIP: $why"; exit 77 ;;
    *) echo "cpu-gate: $why"; exit 1 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-rep.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
rom=$tmp/rep.rom
# F000:0000  cli; xor ax,ax; ds=es=ss=0; mov sp,7000h
#            xor di,di; mov cx,256; l: mov ax,0080h; stosw; mov ax,F000h; stosw; loop l
#            IA32_APIC_BASE.EN = 0 (the 8259A's INTR then reaches the CPU
#            directly; with the APIC on, LINT0 would need programming)
#            8259A: ICW1 11h, ICW2 08h, ICW3 04h, ICW4 01h, mask FEh
#            8254: 34h -> 43h, count 1000h
#            mov edi,200000h; mov ecx,FFFFFFFFh; sti; xor al,al; a32 rep stosb
#            mov al,22h; out F4h,al; hlt            (REP finished: fail, 69)
# F000:0080  mov al,2Ah; out F4h,al; hlt; jmp $-1  (any vector: pass, 85)
# F000:FFF0  jmp F000:0000
{
    printf '\372\061\300\216\330\216\300\216\320\274\000\160'
    printf '\061\377\271\000\001\270\200\000\253\270\000\360\253\342\366'
    printf '\146\271\033\000\000\000\017\062\146\045\377\367\377\377\017\060'
    printf '\260\021\346\040\260\010\346\041\260\004\346\041\260\001\346\041\260\376\346\041'
    printf '\260\064\346\103\260\000\346\100\260\020\346\100'
    printf '\146\277\000\000\040\000\146\271\377\377\377\377\373\060\300\147\363\252'
    printf '\260\042\346\364\364'
    head -c 30 /dev/zero
    printf '\260\052\346\364\364\353\375'
    head -c 65385 /dev/zero
    printf '\352\000\000\000\360'
    head -c 11 /dev/zero
} >"$rom"
size=$(wc -c <"$rom")
[ "$size" -eq 65536 ] || { echo "rep-interrupt.sh: ROM is $size bytes, not 65536"; exit 1; }

timeout -k 2 10 "$emu" -M pc -accel tcg -bios "$rom" -display none -serial none \
    -monitor none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 </dev/null \
    >"$tmp/out" 2>&1
rc=$?
case $rc in
    85) echo "PASS: IRQ 0 ended A32 REP STOSB with ECX=FFFFFFFFh"; exit 0 ;;
    69) echo "FAIL: the REP STOSB of 4G bytes completed without an interrupt" ;;
    124|137) echo "FAIL: no interrupt during A32 REP STOSB in 10 s (exit $rc)" ;;
    *) echo "FAIL: exit status $rc"; head -n 5 "$tmp/out" ;;
esac
exit 1
