#!/bin/sh
# Checks that scripts/run-tests.py counts passes and failures correctly and
# fails when a test fails.  Builds two throw-away meson projects: one whose
# tests all pass, one with a failing and a skipped test.
set -u
runner="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make_project() {
    dir="$1"; shift
    mkdir -p "$dir"
    {
        echo "project('selftest', 'c', meson_version: '>=1.0')"
        echo "sh = find_program('sh')"
        for t in "$@"; do
            name=${t%%=*}; code=${t#*=}
            echo "test('$name', sh, args: ['-c', 'exit $code'], suite: 'demo')"
        done
    } > "$dir/meson.build"
    meson setup "$dir/build" "$dir" >/dev/null 2>&1 || { echo "meson setup failed in $dir"; exit 1; }
}

status=0
check() {
    desc="$1" dir="$2" want_line="$3" want_rc="$4"
    out=$(python3 "$runner" --build "$dir/build:demo" 2>&1)
    rc=$?
    last=$(printf '%s\n' "$out" | tail -n 1)
    if [ "$last" != "$want_line" ] || { [ "$want_rc" = 0 ] && [ $rc -ne 0 ]; } ||
       { [ "$want_rc" != 0 ] && [ $rc -eq 0 ]; }; then
        echo "FAIL $desc: got '$last' (exit $rc), want '$want_line' (exit $want_rc)"
        printf '%s\n' "$out" | sed 's/^/    /'
        status=1
    else
        echo "ok   $desc: '$last' (exit $rc)"
    fi
}

make_project "$tmp/good" pass_a=0 pass_b=0
make_project "$tmp/bad" pass_a=0 broken=3 skipped=77

check "all passing" "$tmp/good" "2 passed, 0 failed" 0
check "one failing" "$tmp/bad" "1 passed, 1 failed, 1 skipped" 1
out=$(python3 "$runner" --build "$tmp/bad/build:demo" 2>&1)
if printf '%s\n' "$out" | grep -q "broken (FAIL)"; then
    echo "ok   failing test is named"
else
    echo "FAIL failing test is not named"; status=1
fi
exit $status
