#!/bin/sh
# `make run`: the most real thing Q86 can run today.
set -eu
build=${1:-build}
ASSETS=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
echo "== $build/qemu-i386 -version"
"$build/qemu-i386" -version
echo "== $build/qemu-system-i386 -version"
"$build/qemu-system-i386" -version
echo "== guest assets in $ASSETS"
ls "$ASSETS"
