#!/bin/sh
# busybox-static:i386 scenario: a user's shell session run natively and
# under qemu-i386, outputs compared.
#
#   busybox.sh QEMU_I386 [BUSYBOX]
#
# BUSYBOX defaults to $Q86_ASSETS/busybox/busybox (Q86_ASSETS defaults to
# ~/.cache/q86/guest-assets), which scripts/guest-assets.sh provides; `make
# check` runs it first.  A missing busybox is a failure, not a skip.
#
# Part 1 is a busybox sh script (functions, loops, case, pipes, redirections,
# here-docs, arithmetic, parameter expansion) driving awk, sed, sort, uniq,
# grep, wc, cut, tr, od, sha256sum, md5sum, gzip/gunzip, tar, find, date,
# seq, expr, printf, bc.  Debian's busybox-static runs applets inside the
# shell's process or a fork of it, so they stay under emulation (`sh -c`
# would exec /proc/self/exe, which an x86-64 host runs natively, so the
# script does its work in the top-level shell).
# Part 2 runs single applets directly under the emulator on ~3 MB of
# generated data (sha256sum, md5sum, gzip -9, gunzip, awk, sort) and compares
# the md5 of their output.
#
# Everything happens in a fresh temporary directory with a fixed environment
# (TZ=UTC, LC_ALL=C, PATH without host programs), so the output is
# deterministic.  Q86_TEST_EMULATOR=/usr/bin/qemu-i386 replaces QEMU_I386
# (to validate the test against another emulator through meson).
set -u
if [ $# -lt 1 ]; then
    echo "usage: busybox.sh QEMU_I386 [BUSYBOX]" >&2
    exit 2
fi
qemu=${Q86_TEST_EMULATOR:-$1}
assets=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
bb=${2:-$assets/busybox/busybox}
if [ ! -x "$bb" ]; then
    echo "busybox.sh: FAIL: $bb not found: run scripts/guest-assets.sh (make check does) or set Q86_ASSETS" >&2
    exit 1
fi
case $bb in /*) ;; *) bb=$(pwd)/$bb ;; esac
case $qemu in */*) qemu=$(cd "$(dirname "$qemu")" && pwd)/$(basename "$qemu") ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-busybox.XXXXXX") || exit 1
trap '[ -n "${KEEP_TMP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

cat > "$tmp/scenario.sh" <<'END_OF_SCENARIO'
# --- shell language ---
fib() {
    a=0 b=1 i=0
    while [ "$i" -lt "$1" ]; do
        t=$((a + b)); a=$b; b=$t; i=$((i + 1))
    done
    echo "$a"
}
for n in 1 2 10 30 46; do
    printf 'fib(%d) = %s\n' "$n" "$(fib "$n")"
done
classify() {
    case $1 in
        *[!0-9]*) echo "$1: word" ;;
        *[02468]) echo "$1: even" ;;
        *) echo "$1: odd" ;;
    esac
}
for w in 12 7 x9 100 abc 3; do classify "$w"; done
v="/usr/local/lib/libfoo.so.1.2"
echo "${v##*/} ${v%/*} ${v#/usr} ${v%%.*} ${#v}"
echo $(( (1 << 31) - 1 )) $(( 2147483647 + 1 )) $(( -7 / 2 )) $(( -7 % 3 )) $(( 0x7f ^ 0x55 ))
i=0; s=0
while [ $i -lt 2000 ]; do s=$(( (s * 31 + i) % 1000003 )); i=$((i + 1)); done
echo "loop sum $s"
IFS=: read -r f1 f2 f3 <<EOT
alpha:beta:gamma delta
EOT
echo "[$f1] [$f2] [$f3]"
set -- one "two three" four
echo "$# args: $2"
{ echo to-stderr >&2; echo to-stdout; } 2>&1 | sort
( exit 3 ); echo "subshell status $?"
false || echo "or-list ran"
x=outer; f() { local x=inner; echo "$x"; }; f; echo "$x"
n=0; while read -r line; do n=$((n + ${#line})); done <<EOT
first line
second, longer line
EOT
echo "read loop: $n chars"

# --- here-doc data and text tools ---
cat > data.txt <<'EOT'
The quick brown fox jumps over the lazy dog
Pack my box with five dozen liquor jugs
How vexingly quick daft zebras jump
Sphinx of black quartz, judge my vow
The five boxing wizards jump quickly
EOT
wc -l -w -c < data.txt
tr 'a-z' 'A-Z' < data.txt | head -2
grep -n -i 'quick' data.txt
grep -c -v 'jump' data.txt
sed -e 's/\([a-z]*\)ly/<\1>/g' -e '/Sphinx/d' data.txt
awk '{ n += NF; for (i = 1; i <= NF; i++) len[length($i)]++ } END { print n; for (l = 1; l <= 10; l++) printf "%d:%d ", l, len[l]; print "" }' data.txt
cut -d' ' -f2,4 data.txt | sort -r
tr -s ' ' '\n' < data.txt | tr 'A-Z' 'a-z' | tr -d ',' | sort | uniq -c | sort -k1,1nr -k2 | head -8
od -A x -t x1 -N 24 data.txt
cat data.txt data.txt >> twice.txt; wc -l < twice.txt

# --- generated table ---
seq 1 6000 | awk '{ printf "%d %s %d\n", $1, ($1 % 7 == 0) ? "seven" : (($1 % 3 == 0) ? "three" : "other"), ($1 * 7919) % 1000 }' > table.txt
wc -l < table.txt
awk '{ s[$2] += $3; c[$2]++ } END { for (k in s) printf "%s %d %d %.3f\n", k, c[k], s[k], s[k] / c[k] }' table.txt | sort
sort -k3,3n -k1,1nr table.txt | head -4
sort -t' ' -k3,3nr table.txt | uniq -f2 -c | head -3
cut -d' ' -f2 table.txt | sort | uniq -c
grep -c seven table.txt
grep -E '^(12|34)[0-9] ' table.txt
sed -n '100,103p;5998,$p' table.txt
sed 's/other/OTHER/g; /seven/d' table.txt | tail -2
awk 'NR % 1000 == 0 { printf "%s|", $0 } END { print "" }' table.txt
sha256sum table.txt data.txt
md5sum table.txt

# --- gzip / gunzip ---
gzip -9 < table.txt > table.gz
wc -c < table.gz
md5sum < table.gz
gunzip < table.gz | cmp - table.txt && echo "gzip round trip ok"
gzip -1 -c data.txt | gunzip | md5sum

# --- files: tar, find ---
mkdir -p tree/a/b tree/c
for d in tree/a tree/a/b tree/c; do
    for k in 1 2 3; do seq "$k" $((k * 50)) > "$d/f$k.txt"; done
done
echo extra > tree/c/note.md
tar -cf tree.tar tree
tar -tf tree.tar | sort
mkdir out && tar -xf tree.tar -C out
find out -type f | sort | while read -r f; do printf '%s %s\n' "$(md5sum < "$f" | cut -c1-12)" "$f"; done
find tree -name '*.txt' -size +1k | sort
find tree -type d | sort
tar -cf - tree | gzip -c > tree.tgz && gunzip -c tree.tgz | tar -tf - | wc -l

# --- date, expr, printf, bc, seq ---
date -u -d @0 '+%Y-%m-%d %H:%M:%S %a %j'
date -u -d @1234567890
date -u -d @2147483647 '+%s %Y %B %d %T'
expr 7 \* 6 + 1
expr length "hello world"
expr substr "busybox" 2 3
expr index "abcdef" d
expr 1000000 / 7 % 13
expr "abc123" : '[a-z]*'
printf '%5d|%-5s|%x|%o|%c|%05.1f|%%\n' 42 ab 255 8 A 3.14159
printf '%s-' a b c; echo
echo '2^64 + 12345678901234567890' | bc
echo 'scale=20; 4*a(1)' | bc -l
echo 'obase=16; 3735928559' | bc
seq -s, 1 3 20
seq 10 -3 1 | tr '\n' ' '; echo
END_OF_SCENARIO

run() { # dir, command...
    dir=$1; shift
    mkdir -p "$tmp/$dir"
    (cd "$tmp/$dir" && env -i PATH=/nonexistent HOME="$tmp/$dir" TZ=UTC LC_ALL=C "$@" 2>&1
     echo "exit status $?")
}

fail=0
compare() { # name, description
    if cmp -s "$tmp/$1.native" "$tmp/$1.emu"; then
        echo "ok   $2 ($(wc -l < "$tmp/$1.native") lines)"
    else
        fail=1
        echo "FAIL $2: output under $qemu differs from native"
        diff -u "$tmp/$1.native" "$tmp/$1.emu" |
            sed -e "1s|.*|--- native|" -e "2s|.*|+++ emulated|" | head -n 80
    fi
}

run native "$bb" sh "$tmp/scenario.sh" > "$tmp/scenario.native"
run emu "$qemu" "$bb" sh "$tmp/scenario.sh" > "$tmp/scenario.emu"
compare scenario "scenario script"

# Part 2: heavier single applets, ~3 MB generated by busybox awk (natively)
# from a fixed LCG.
mkdir -p "$tmp/data"
"$bb" awk 'BEGIN { x = 12345; for (i = 0; i < 60000; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%08d %s %d\n", i, substr("abcdefghijklmnopqrstuvwxyz", x % 26 + 1, 1 + x % 7), x % 100000 } }' > "$tmp/data/big.txt"
"$bb" gzip -9 < "$tmp/data/big.txt" > "$tmp/data/big.gz"
i=0
for cmd in "sha256sum big.txt" "md5sum big.txt" "gzip -9 -c big.txt" "gunzip -c big.gz" \
           "awk {s+=\$3;n[\$2]++}END{print(s);for(k in n)if(n[k]>3000)print(k,n[k])} big.txt" \
           "sort -k3,3n -k1,1r big.txt"; do
    i=$((i + 1))
    # shellcheck disable=SC2086  # the command is split into words on purpose
    run data "$bb" $cmd | "$bb" md5sum > "$tmp/applet$i.native"
    # shellcheck disable=SC2086
    run data "$qemu" "$bb" $cmd | "$bb" md5sum > "$tmp/applet$i.emu"
    compare "applet$i" "busybox $cmd"
done
exit $fail
