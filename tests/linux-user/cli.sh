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
chmod +x "$tmp/text"
expect_error "non-ELF executable file" "$tmp/text: not an ELF executable" "$tmp/text"

# ---- crafted ELF files: every defect is a one-line error naming the file ----
# Bytes are written with printf octal escapes (POSIX sh has no \x).
bytes() { # decimal byte values...
    for b in "$@"; do printf "\\$(printf '%03o' "$b")"; done
}
le16() { bytes $(($1 & 255)) $((($1 >> 8) & 255)); }
le32() { bytes $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255)); }
# ELF32 header: class machine phoff phnum [type]
ehdr() {
    bytes 127 69 76 70 "$1" 1 1 0 0 0 0 0 0 0 0 0
    le16 "${5:-2}"; le16 "$2"; le32 1; le32 0x08048054; le32 "$3"; le32 0; le32 0
    le16 52; le16 32; le16 "$4"; le16 40; le16 0; le16 0
}
# Program header: type offset vaddr filesz memsz flags
phdr() {
    le32 "$1"; le32 "$2"; le32 "$3"; le32 "$3"; le32 "$4"; le32 "$5"; le32 "$6"; le32 4096
}
mkelf() { # name, then the bytes come from stdin
    cat > "$tmp/$1"; chmod +x "$tmp/$1"
}

bytes 127 69 76 70 1 1 1 0 0 0 | mkelf truncated
expect_error "truncated ELF header" "$tmp/truncated: truncated ELF header" "$tmp/truncated"
{ ehdr 2 62 64 1; bytes 0 0 0 0 0 0 0 0 0 0 0 0; } | mkelf elf64
expect_error "64-bit ELF" "$tmp/elf64: 64-bit ELF" "$tmp/elf64"
{ ehdr 1 40 52 1; phdr 1 0 0x08048000 84 84 5; } | mkelf arm
expect_error "non-x86 ELF (EM_ARM)" "$tmp/arm: ELF for machine 40" "$tmp/arm"
{ ehdr 1 3 65536 1; } | mkelf badphoff
expect_error "program headers past the end" "$tmp/badphoff: program headers lie outside" "$tmp/badphoff"
{ ehdr 1 3 52 0; } | mkelf nophdr
expect_error "no program headers" "$tmp/nophdr: bad number of program headers" "$tmp/nophdr"
{ ehdr 1 3 52 1; phdr 1 1048576 0x08048000 4096 4096 5; } | mkelf segout
expect_error "segment outside the file" "$tmp/segout: segment 0 lies outside the file" "$tmp/segout"
{ ehdr 1 3 52 1; phdr 1 0 0x08048010 84 84 5; } | mkelf misaligned
expect_error "segment not congruent" "$tmp/misaligned: segment 0: offset and address are not congruent" "$tmp/misaligned"
{ ehdr 1 3 52 1; phdr 1 0 0x08048000 84 16 5; } | mkelf filesz
expect_error "filesz > memsz" "$tmp/filesz: segment 0: file size larger" "$tmp/filesz"
{ ehdr 1 3 52 1; phdr 1 0 0xfffff000 84 8192 5; } | mkelf high
expect_error "segment past 4 GiB" "$tmp/high: segment 0 lies outside the 32-bit" "$tmp/high"
{ ehdr 1 3 52 1 1; phdr 1 0 0x08048000 84 84 5; } | mkelf reloc
expect_error "ET_REL is not an executable" "$tmp/reloc: ELF type 1 is not an executable" "$tmp/reloc"
{ ehdr 1 3 52 1; phdr 6 0 0 0 0 4; } | mkelf noload
expect_error "no PT_LOAD" "$tmp/noload: no loadable segments" "$tmp/noload"
{ ehdr 1 3 52 2; phdr 3 1000 0 20 20 4; phdr 1 0 0x08048000 116 116 5; } | mkelf badinterp
expect_error "PT_INTERP outside the file" "$tmp/badinterp: bad PT_INTERP" "$tmp/badinterp"

# ---- files that are not programs ----
expect_error "directory" "$tmp: Is a directory" "$tmp"
printf '\177ELF' > "$tmp/noexec"; chmod 644 "$tmp/noexec"
expect_error "no execute permission" "$tmp/noexec: Permission denied" "$tmp/noexec"
expect_error "empty program name" "qemu-i386" ""

# ---- options ----
expect_error "option without its argument" "needs an argument" -L
expect_error "bad -d item" "invalid -d item" -d no-such-item /bin/true
expect_error "bad -s size" "invalid stack size" -s 12q /bin/true
expect_error "unsupported QEMU option" "not supported" -g 1234 /bin/true
expect_error "unknown CPU model" "unable to find CPU model" -cpu no-such-cpu "$tmp/text"
expect_ok "-cpu help" "." -cpu help
expect_ok "-d help" "strace" -d help

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
