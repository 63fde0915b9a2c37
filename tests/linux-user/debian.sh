#!/bin/sh
# Debian i386 programs from the sysroot of scripts/guest-assets.sh, run
# natively and under qemu-i386; output (stdout and stderr) and exit status
# must be equal.
#
#   debian.sh QEMU_I386 [CASE...]
#
# Natively each program runs through the sysroot's own dynamic loader,
#   $SYSROOT/lib/ld-linux.so.2 --library-path $SYSROOT/{,usr/}lib/i386-linux-gnu PROG
# so it uses exactly the sysroot's libraries; under emulation as
#   qemu-i386 -L $SYSROOT PROG
# (the loader and the libraries found through -L).  A child python is started
# as $PYCHILD, the loader command above, which a guest execve keeps under
# emulation.  Cases: python3 (py_*.py in debian/), perl, coreutils, xz, bzip2,
# gzip round trips (compressed bytes compared too), sqlite3.  CASE names run
# only those cases.  A missing sysroot is a failure, not a skip.
# Q86_TEST_EMULATOR=/usr/bin/qemu-i386 replaces QEMU_I386 (to validate the
# test against another emulator).  KEEP_TMP=1 keeps the work directory.
set -u
if [ $# -lt 1 ]; then
    echo "usage: debian.sh QEMU_I386 [CASE...]" >&2
    exit 2
fi
qemu=${Q86_TEST_EMULATOR:-$1}
shift
here=$(cd "$(dirname "$0")" && pwd)/debian
assets=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
S=$assets/sysroot
for f in lib/ld-linux.so.2 usr/bin/python3.11 usr/bin/perl usr/bin/sort usr/bin/xz bin/bzip2 bin/gzip usr/bin/sqlite3; do
    if [ ! -e "$S/$f" ]; then
        echo "debian.sh: FAIL: $S/$f not found: run scripts/guest-assets.sh (make check does) or set Q86_ASSETS" >&2
        exit 1
    fi
done
case $qemu in */*) qemu=$(cd "$(dirname "$qemu")" && pwd)/$(basename "$qemu") ;; esac
limit=${DEBIAN_TIMEOUT:-240}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/q86-debian.XXXXXX") || exit 1
trap '[ -n "${KEEP_TMP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

native_run="$S/lib/ld-linux.so.2 --library-path $S/lib/i386-linux-gnu:$S/usr/lib/i386-linux-gnu"
emulated_run="$qemu -L $S"

# Input data: deterministic text (~6 MB, words and numbers) and binary.
awk 'BEGIN {
    split("alpha beta gamma delta epsilon zeta eta theta iota kappa", w, " ")
    x = 12345
    for (i = 0; i < 180000; i++) {
        x = (x * 1103515245 + 12345) % 2147483648
        printf "%s %d %s,%d.%03d\n", w[1 + x % 10], x % 100000, w[1 + int(x / 7) % 10], i, x % 1000
    }
}' > "$tmp/data.txt"
gzip -1 -n -c "$tmp/data.txt" > "$tmp/data.bin"

# Each case is a shell snippet: $RUN prefixes every i386 program, $S is the
# sysroot, $D the directory of the scripts; it runs in a fresh directory
# holding data.txt and data.bin.
cases='
py-math     $RUN $S/usr/bin/python3.11 $D/py_math.py
py-json     $RUN $S/usr/bin/python3.11 $D/py_json.py
py-threads  $RUN $S/usr/bin/python3.11 $D/py_threads.py
py-subprocess $RUN $S/usr/bin/python3.11 $D/py_subprocess.py
py-hash-re  $RUN $S/usr/bin/python3.11 $D/py_hash_re.py
py-io       $RUN $S/usr/bin/python3.11 $D/py_io.py
py-misc     $RUN $S/usr/bin/python3.11 $D/py_misc.py
py-exit     $RUN $S/usr/bin/python3.11 -c "import sys; print(sys.argv[1:], sys.platform, sys.maxsize); sys.exit(42)" a b
perl        $RUN $S/usr/bin/perl $D/perl.pl
sort        $RUN $S/usr/bin/sort -t, -k2,2n -k1,1 data.txt | $RUN $S/usr/bin/sha256sum; $RUN $S/usr/bin/sort -u -k3 data.txt | $RUN $S/usr/bin/tail -n 3
sort-parallel $RUN $S/usr/bin/sort --parallel=4 -S 2M -n -k2 data.txt | $RUN $S/usr/bin/md5sum
sums        $RUN $S/usr/bin/sha256sum data.txt data.bin; $RUN $S/usr/bin/sha512sum data.bin; $RUN $S/usr/bin/b2sum data.txt; $RUN $S/usr/bin/md5sum data.txt; $RUN $S/usr/bin/cksum data.bin
seq         $RUN $S/usr/bin/seq 1 3 100000 | $RUN $S/usr/bin/tail -n 2; $RUN $S/usr/bin/seq -f %.4e 0.5 0.37 40 | $RUN $S/usr/bin/tr "\n" " "; echo; $RUN $S/usr/bin/seq -s, 1e3 1.5e3 1e4
factor      $RUN $S/usr/bin/factor 1 2 97 1000000007 4294967297 18446744073709551557 340282366920938463463374607431768211455 600851475143
date        $RUN $S/bin/date -d "2024-02-29 12:34:56 UTC + 3 days" "+%F %T %s %j %A %U %Z"; $RUN $S/bin/date -u -d @2147483648 -R; $RUN $S/bin/date -d "1970-01-01 00:00:00 UTC + 4000000000 sec" +%c
od          $RUN $S/usr/bin/od -A x -t x1z -N 64 data.txt; $RUN $S/usr/bin/head -c 64 data.txt | $RUN $S/usr/bin/od -t f8 -t d4 -t o2
text        $RUN $S/usr/bin/cut -d" " -f1 data.txt | $RUN $S/usr/bin/sort | $RUN $S/usr/bin/uniq -c; $RUN $S/usr/bin/wc data.txt; $RUN $S/usr/bin/tr a-z A-Z < data.txt | $RUN $S/usr/bin/tac | $RUN $S/usr/bin/head -n 3; $RUN $S/usr/bin/nl -ba data.txt | $RUN $S/usr/bin/fold -w 20 | $RUN $S/usr/bin/tail -n 2
printf      $RUN $S/usr/bin/printf "%.20f %g %e %x %o %5.2s|%b\n" 0.1 1e-300 123456789 255 8 abcdef "a\tb"; $RUN $S/usr/bin/expr 123456789 \* 987654321 % 1000007; $RUN $S/usr/bin/numfmt --to=iec 123456789 1099511627776
files       mkdir d && $RUN $S/usr/bin/split -l 50000 -d data.txt d/part && $RUN $S/bin/ls d && $RUN $S/usr/bin/stat -c "%n %s %F" d/part00 && $RUN $S/bin/cat d/part* | cmp - data.txt && $RUN $S/bin/ln -s part01 d/l && $RUN $S/bin/readlink d/l && $RUN $S/usr/bin/du -s --apparent-size -B1 d && $RUN $S/bin/rm -r d && echo removed
id          $RUN $S/usr/bin/id -u; $RUN $S/usr/bin/nproc; $RUN $S/usr/bin/env -i A=1 B=2 $S/usr/bin/printenv B; $RUN $S/usr/bin/timeout 5 $S/bin/sleep 0.1; echo "timeout $?"; $RUN $S/usr/bin/timeout 0.2 $S/bin/sleep 5; echo "timeout $?"
xz          $RUN $S/usr/bin/xz -9 -c data.txt > d.xz && $RUN $S/usr/bin/sha256sum d.xz && $RUN $S/usr/bin/xz -t -v d.xz && $RUN $S/usr/bin/xz -d -c d.xz | cmp - data.txt && $RUN $S/usr/bin/xz -l d.xz
xz-threads  $RUN $S/usr/bin/xz -T3 --block-size=1MiB -6 -c data.txt > t.xz && $RUN $S/usr/bin/sha256sum t.xz && $RUN $S/usr/bin/xz -T3 -d -c t.xz | cmp - data.txt && echo same
bzip2       $RUN $S/bin/bzip2 -9 -c data.txt > d.bz2 && $RUN $S/usr/bin/sha256sum d.bz2 && $RUN $S/bin/bzip2 -d -c d.bz2 | cmp - data.txt && $RUN $S/bin/bzip2 -t d.bz2 && echo same
gzip        $RUN $S/bin/gzip -9 -n -c data.txt > d.gz && $RUN $S/bin/gzip -1 -n -c data.bin > b.gz && $RUN $S/usr/bin/sha256sum d.gz b.gz && $RUN $S/bin/gzip -l d.gz && $RUN $S/bin/gzip -d -c d.gz | cmp - data.txt && $RUN $S/bin/gzip -t b.gz && echo same
sqlite3     $RUN $S/usr/bin/sqlite3 db.sqlite < $D/sqlite.sql && $RUN $S/usr/bin/sqlite3 db.sqlite "PRAGMA integrity_check; SELECT count(*) FROM emp;" && $RUN $S/usr/bin/sqlite3 -csv :memory: "SELECT printf(\"%.3f\", 22.0/7), 1e-5, x FROM (SELECT 12 AS x)"
'

pass=0 fail=0
run_case() { # NAME SNIPPET RUN-PREFIX OUTFILE: exit status of the snippet
    dir=$tmp/$4.d
    rm -rf "$dir"
    mkdir -p "$dir" && ln "$tmp/data.txt" "$tmp/data.bin" "$dir/"
    (cd "$dir" && env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC HOME="$dir" PYTHONHASHSEED=0 PERL5LIB="$S/usr/lib/i386-linux-gnu/perl-base" \
        PYTHONDONTWRITEBYTECODE=1 RUN="$3" S="$S" D="$here" PYCHILD="$native_run $S/usr/bin/python3.11" \
        timeout "$limit" sh -c "$2" > "$tmp/$4" 2>&1)
}

printf "%s\n" "$cases" | while read -r name snippet; do
    [ -n "$name" ] || continue
    if [ $# -gt 0 ]; then
        case " $* " in *" $name "*) ;; *) continue ;; esac
    fi
    t0=$(date +%s)
    run_case "$name" "$snippet" "$native_run" native; nrc=$?
    t1=$(date +%s)
    run_case "$name" "$snippet" "$emulated_run" emulated; erc=$?
    t2=$(date +%s)
    if [ $nrc -eq 124 ]; then
        echo "FAIL $name: the native run timed out"
        echo F >> "$tmp/results"
    elif [ $nrc -eq $erc ] && cmp -s "$tmp/native" "$tmp/emulated"; then
        echo "ok   $name (exit $nrc, $(wc -l < "$tmp/native") lines, $((t1 - t0))s native, $((t2 - t1))s emulated)"
        echo P >> "$tmp/results"
    else
        echo "FAIL $name: exit $erc, native $nrc"
        diff -u "$tmp/native" "$tmp/emulated" | head -n 40
        echo F >> "$tmp/results"
    fi
done
pass=$(grep -c P "$tmp/results" 2>/dev/null)
fail=$(grep -c F "$tmp/results" 2>/dev/null)
echo "${pass:-0} passed, ${fail:-0} failed"
[ "${fail:-0}" -eq 0 ] && [ "${pass:-0}" -gt 0 ]
