#!/bin/sh
# Registers qemu-i386 with the kernel's binfmt_misc, so i386 Linux programs
# run under Q86 when executed directly (as Debian's qemu-user-binfmt does for
# QEMU).  Needs root and a mounted binfmt_misc; tests never need it.
#
#   binfmt-register.sh [--print] [--unregister] [--fix-binary] [QEMU_I386]
#
# --print       print the registration line instead of writing it
# --unregister  remove the entry
# --fix-binary  flag F: the kernel opens the emulator once, at registration,
#               so it also works inside chroots and containers
# QEMU_I386     the emulator (default: build/qemu-i386 of this tree)
#
# The match (Documentation/admin-guide/binfmt-misc.rst, the ELF header of
# the System V gABI): the first 20 bytes of an ELF file with EI_CLASS =
# ELFCLASS32, EI_DATA = ELFDATA2LSB, EI_VERSION = 1, e_type = ET_EXEC or
# ET_DYN (the mask clears bit 0 of e_type: 2 and 3) and e_machine = EM_386.
# EI_OSABI and EI_ABIVERSION are ignored.
set -eu

name=q86-i386
dir=/proc/sys/fs/binfmt_misc
print=0 unregister=0 flags=""
emu=""
for a in "$@"; do
    case "$a" in
    --print) print=1 ;;
    --unregister) unregister=1 ;;
    --fix-binary) flags="F" ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "binfmt-register.sh: unknown option '$a'" >&2; exit 1 ;;
    *) emu="$a" ;;
    esac
done
[ -n "$emu" ] || emu="$(cd "$(dirname "$0")/.." && pwd)/build/qemu-i386"

magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
mask='\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\xfe\xff\xff\xff'
line=":$name:M::$magic:$mask:$emu:$flags"

if [ $print -eq 1 ]; then
    printf '%s\n' "$line"
    exit 0
fi
if [ ! -e "$dir/register" ]; then
    echo "binfmt-register.sh: $dir is not mounted (mount -t binfmt_misc none $dir)" >&2
    exit 1
fi
if [ $unregister -eq 1 ]; then
    if [ -e "$dir/$name" ]; then
        echo -1 > "$dir/$name"
    fi
    exit 0
fi
case "$emu" in
/*) ;;
*) echo "binfmt-register.sh: $emu: the emulator needs an absolute path" >&2; exit 1 ;;
esac
if [ ! -x "$emu" ]; then
    echo "binfmt-register.sh: $emu: not an executable (run make first)" >&2
    exit 1
fi
[ -e "$dir/$name" ] && echo -1 > "$dir/$name"
printf '%s' "$line" > "$dir/register"
echo "registered $name -> $emu"
