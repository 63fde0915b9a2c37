#!/bin/sh
# Regenerates syscall_nr.h from the kernel UAPI header of the i386 syscall
# numbers (Debian: linux-libc-dev's asm/unistd_32.h):
#   sh linux-user/i386/gen-syscall-nr.sh /usr/include/x86_64-linux-gnu/asm/unistd_32.h
set -eu
hdr=${1:-/usr/include/x86_64-linux-gnu/asm/unistd_32.h}
out=$(dirname "$0")/syscall_nr.h
{
    echo "/* i386 Linux syscall numbers, generated from asm/unistd_32.h by"
    echo " * gen-syscall-nr.sh: do not edit. */"
    echo "#ifndef LINUX_USER_I386_SYSCALL_NR_H"
    echo "#define LINUX_USER_I386_SYSCALL_NR_H"
    echo
    sed -n 's/^#define __NR_\([a-z0-9_]*\)[ \t]\+\([0-9]\+\)$/#define TARGET_NR_\1 \2/p' "$hdr"
    echo
    echo "#define TARGET_NR_SYSCALLS \\"
    echo "    ($(sed -n 's/^#define __NR_[a-z0-9_]*[ \t]\+\([0-9]\+\)$/\1/p' "$hdr" | sort -n | tail -1) + 1)"
    echo
    echo "/* Names for -strace, indexed by number (NULL: no syscall). */"
    echo "#define TARGET_SYSCALL_NAMES \\"
    sed -n 's/^#define __NR_\([a-z0-9_]*\)[ \t]\+\([0-9]\+\)$/    [\2] = "\1", \\/p' "$hdr"
    echo
    echo "#endif"
} >"$out"
