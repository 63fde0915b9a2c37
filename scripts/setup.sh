#!/bin/sh
# Installs the Debian packages Q86's build, tests and benchmarks need.
# Idempotent and quiet: does nothing (fast) when every package is present.
# Debian's qemu-user / qemu-system-x86 are installed only so benchmarks can
# compare against them; Q86 itself never runs them.  From qemu-system-data
# Q86 uses firmware only: the linuxboot/multiboot option ROMs for -kernel
# (as it uses SeaBIOS from the seabios package).
set -eu

PACKAGES="gcc gcc-multilib make meson ninja-build pkg-config python3
libglib2.0-dev libpixman-1-dev libsdl2-dev libslirp-dev libcapstone-dev
seabios qemu-system-data cpio gzip xz-utils qemu-user qemu-system-x86"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "setup.sh: missing packages:$missing (run as root to install them)" >&2
        exit 1
    fi
else
    SUDO=
fi
echo "setup.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A mirror mid-sync can fail one index; the lists that arrived still serve.
$SUDO apt-get update -qq >/dev/null 2>&1 || echo "setup.sh: apt-get update reported errors; going on" >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
