#!/bin/sh
# Fetches the Debian i386 test material into a cache outside the repository
# and builds a busybox initramfs.  Uses `apt-get download` only: no i386
# package is installed system-wide.  Versions are resolved through apt, so the
# script keeps working when Debian bumps them; a re-run with everything
# present does nothing.
#
# Layout of $Q86_ASSETS (default: ~/.cache/q86/guest-assets):
#   debs/               the downloaded .deb files
#   busybox/busybox     busybox-static:i386
#   sysroot/            libc6:i386 and friends, for dynamic programs (-L)
#   vmlinuz-686         the kernel that linux-image-686:i386 depends on
#   initramfs.cpio.gz   busybox initramfs whose /init runs a check, powers off
#   stamp               the package versions the above were built from
set -eu

ASSETS=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
export Q86_ASSETS="$ASSETS"
SYSROOT_PKGS="libc6 libgcc-s1 libstdc++6 zlib1g"
top=$(cd "$(dirname "$0")/.." && pwd)

log() { echo "guest-assets: $*" >&2; }

# A mirror mid-sync can make `apt-get update` fail for one index; the lists
# that did arrive are still usable, so that is a warning, not an error.
apt_update() {
    as_root apt-get update -qq >/dev/null 2>&1 || log "apt-get update reported errors; using the package lists apt has"
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        log "need root to run: $*"; exit 1; fi
}

# i386 package lists are needed for `apt-get download PKG:i386`.
if ! dpkg --print-foreign-architectures | grep -qx i386; then
    log "enabling the i386 architecture for apt-get download"
    as_root dpkg --add-architecture i386
    apt_update
fi
if ! apt-cache show busybox-static:i386 >/dev/null 2>&1; then
    apt_update
fi

candidate() {
    apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2; exit }'
}

# The kernel package linux-image-686 depends on, e.g. linux-image-6.1.0-28-686.
kernel_pkg=$(apt-cache depends linux-image-686:i386 2>/dev/null |
             awk '/Depends: linux-image-[0-9]/ { sub(":i386", "", $2); print $2; exit }')
if [ -z "$kernel_pkg" ]; then
    log "cannot resolve the kernel of linux-image-686:i386"
    exit 1
fi

want="busybox-static=$(candidate busybox-static:i386) $kernel_pkg=$(candidate "$kernel_pkg:i386")"
for p in $SYSROOT_PKGS; do
    want="$want $p=$(candidate "$p:i386")"
done
want="$want initramfs=$(cat "$top/tests/boot/init.sh" 2>/dev/null | cksum | cut -d' ' -f1)"

if [ -f "$ASSETS/stamp" ] && [ "$(cat "$ASSETS/stamp")" = "$want" ]; then
    exit 0
fi

log "fetching into $ASSETS"
mkdir -p "$ASSETS/debs"
cd "$ASSETS/debs"
for p in busybox-static "$kernel_pkg" $SYSROOT_PKGS; do
    v=$(candidate "$p:i386")
    if ! ls "${p}_"*"_i386.deb" >/dev/null 2>&1 || ! dpkg-deb -f "${p}_"*"_i386.deb" Version | grep -qx "$v"; then
        rm -f "${p}_"*"_i386.deb"
        apt-get -o APT::Sandbox::User=root download -q "$p:i386=$v" >/dev/null
    fi
done

rm -rf "$ASSETS/busybox" "$ASSETS/sysroot" "$ASSETS/kernel-x"
mkdir -p "$ASSETS/busybox" "$ASSETS/sysroot" "$ASSETS/kernel-x"
x=$(mktemp -d)
dpkg-deb -x busybox-static_*_i386.deb "$x"
cp "$x/bin/busybox" "$ASSETS/busybox/busybox"
rm -rf "$x"
for p in $SYSROOT_PKGS; do
    dpkg-deb -x "${p}_"*"_i386.deb" "$ASSETS/sysroot"
done
dpkg-deb --fsys-tarfile "${kernel_pkg}_"*"_i386.deb" |
    tar -x -C "$ASSETS/kernel-x" --wildcards './boot/vmlinuz-*'
mv "$ASSETS"/kernel-x/boot/vmlinuz-* "$ASSETS/vmlinuz-686"
rm -rf "$ASSETS/kernel-x"

# The initramfs: busybox and its applet links, /init from tests/boot/init.sh.
root=$(mktemp -d)
mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
cp "$ASSETS/busybox/busybox" "$root/bin/busybox"
for a in sh mount umount echo cat ls uname poweroff reboot sleep mkdir dmesg grep sed awk; do
    ln -s busybox "$root/bin/$a"
done
if [ -f "$top/tests/boot/init.sh" ]; then
    cp "$top/tests/boot/init.sh" "$root/init"
else
    printf '#!/bin/sh\necho Q86 initramfs\npoweroff -f\n' > "$root/init"
fi
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) > "$ASSETS/initramfs.cpio.gz"
rm -rf "$root"

echo "$want" > "$ASSETS/stamp"
log "ready: $(ls "$ASSETS" | tr '\n' ' ')"
