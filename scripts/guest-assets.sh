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
#   sysroot/            an i386 Debian userland for dynamic programs (-L):
#                       the packages of SYSROOT_PKGS and their i386
#                       dependency closure, unpacked side by side
#   vmlinuz-686         the kernel that linux-image-686:i386 depends on
#   initramfs.cpio.gz   busybox initramfs whose /init runs a check, powers off
#   stamp               the package versions busybox, the kernel and the
#                       initramfs were built from
#   sysroot.stamp       the package versions sysroot/ was unpacked from
#   checked             when the versions were last compared with apt's
# The two parts are rebuilt independently, each into a new directory or file
# that replaces the old one only when complete (tests of other areas may be
# reading the cache meanwhile).
set -eu

ASSETS=${Q86_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/q86/guest-assets}
export Q86_ASSETS="$ASSETS"
# The sysroot's roots; their i386 Depends/Pre-Depends are added (closure()).
# python3.11-minimal + libpython3.11-stdlib is python3 without the Debian
# packaging around it; perl-base is the interpreter with its core modules.
SYSROOT_PKGS="libc6 libgcc-s1 libstdc++6 zlib1g python3.11-minimal libpython3.11-stdlib
              perl-base coreutils xz-utils bzip2 gzip sqlite3 libsqlite3-0"
top=$(cd "$(dirname "$0")/.." && pwd)

log() { echo "guest-assets: $*" >&2; }

# Asking apt for versions and dependencies takes tens of seconds on a busy
# machine; when neither apt's package lists, tests/boot/init.sh nor this
# script changed since the last complete run, its result still stands.
if [ -f "$ASSETS/checked" ] && [ -f "$ASSETS/stamp" ] && [ -f "$ASSETS/sysroot.stamp" ] &&
   [ -x "$ASSETS/busybox/busybox" ] && [ -f "$ASSETS/vmlinuz-686" ] &&
   [ -f "$ASSETS/initramfs.cpio.gz" ] && [ -e "$ASSETS/sysroot/lib/ld-linux.so.2" ] &&
   [ -z "$(find /var/lib/apt/lists "$top/tests/boot/init.sh" "$0" -maxdepth 1 \
           -newer "$ASSETS/checked" 2>/dev/null | head -n1)" ]; then
    exit 0
fi

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

# versions PKG...: "PKG=VERSION" of each PKG:i386's candidate, one apt call
# (apt takes a second or two per call).
versions() {
    # shellcheck disable=SC2046
    apt-cache policy $(for p in "$@"; do echo "$p:i386"; done) 2>/dev/null |
        awk '/^[^ ]/ { p = $1; sub(":i386:$", "", p) } /Candidate:/ { print p "=" $2 }'
}

# The i386 packages the named ones depend on (Depends and Pre-Depends, first
# alternative).  A dependency apt shows with providers under it (dpkg,
# install-info, media-types: Multi-Arch: foreign or arch all) is one the
# host's own packages satisfy, as dpkg would see it, so it is not followed.
deps_i386() {
    # shellcheck disable=SC2046
    apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances $(for p in "$@"; do echo "$p:i386"; done) 2>/dev/null |
    awk '
        function flush() { if (pend != "" && !foreign) print pend; pend = ""; foreign = 0 }
        /^    / { foreign = 1; next }
        /^ *[|]?(Pre)?Depends:/ {
            alt = ($0 ~ /^ *[|]/)
            name = $2
            if (ingroup) { if (!alt) ingroup = 0; next }
            flush()
            if (alt) ingroup = 1
            if (name ~ /^</ || name !~ /:i386$/) next
            sub(":i386$", "", name); pend = name; next
        }
        { flush() }
        END { flush() }'
}

# The named packages and everything they need, sorted, one per line.
closure() {
    tmp=$(mktemp -d)
    printf '%s\n' "$@" | sort -u > "$tmp/all"
    cp "$tmp/all" "$tmp/new"
    while [ -s "$tmp/new" ]; do
        # shellcheck disable=SC2046
        deps_i386 $(cat "$tmp/new") | sort -u | comm -23 - "$tmp/all" > "$tmp/next"
        sort -u "$tmp/all" "$tmp/next" -o "$tmp/all"
        mv "$tmp/next" "$tmp/new"
    done
    cat "$tmp/all"
    rm -rf "$tmp"
}

# fetch PKG=VERSION...: each PKG:i386 at VERSION into debs/ (kept when the
# version there is already that one).
fetch() {
    mkdir -p "$ASSETS/debs"
    (
        cd "$ASSETS/debs"
        get=
        for pv in "$@"; do
            p=${pv%%=*} v=${pv#*=}
            if [ -z "$v" ] || [ "$v" = "(none)" ]; then
                log "no i386 candidate for $p"
                exit 1
            fi
            if ! ls "${p}_"*"_i386.deb" >/dev/null 2>&1 ||
               ! dpkg-deb -f "$(ls "${p}_"*"_i386.deb" | head -n1)" Version | grep -qxF "$v"; then
                rm -f "${p}_"*"_i386.deb"
                get="$get $p:i386=$v"
            fi
        done
        if [ -n "$get" ]; then
            log "downloading$get"
            # shellcheck disable=SC2086
            apt-get -o APT::Sandbox::User=root download -q $get >/dev/null
        fi
    )
}

deb_of() { ls "$ASSETS/debs/${1}_"*"_i386.deb" | head -n1; }

# ---- busybox, kernel, initramfs ----
# The kernel package linux-image-686 depends on, e.g. linux-image-6.1.0-28-686.
kernel_pkg=$(apt-cache depends linux-image-686:i386 2>/dev/null |
             awk '/Depends: linux-image-[0-9]/ { sub(":i386", "", $2); print $2; exit }')
if [ -z "$kernel_pkg" ]; then
    log "cannot resolve the kernel of linux-image-686:i386"
    exit 1
fi

boot_versions=$(versions busybox-static "$kernel_pkg" | tr '\n' ' ')
want="${boot_versions}initramfs=$(cat "$top/tests/boot/init.sh" 2>/dev/null | cksum | cut -d' ' -f1)"

if ! [ -f "$ASSETS/stamp" ] || [ "$(cat "$ASSETS/stamp")" != "$want" ] ||
   ! [ -x "$ASSETS/busybox/busybox" ] || ! [ -f "$ASSETS/vmlinuz-686" ] ||
   ! [ -f "$ASSETS/initramfs.cpio.gz" ]; then
    log "fetching busybox and the kernel into $ASSETS"
    # shellcheck disable=SC2086
    fetch $boot_versions
    x=$(mktemp -d)
    dpkg-deb -x "$(deb_of busybox-static)" "$x/bb"
    mkdir -p "$ASSETS/busybox"
    cp "$x/bb/bin/busybox" "$ASSETS/busybox/busybox.new"
    mv "$ASSETS/busybox/busybox.new" "$ASSETS/busybox/busybox"
    mkdir -p "$x/kernel"
    dpkg-deb --fsys-tarfile "$(deb_of "$kernel_pkg")" |
        tar -x -C "$x/kernel" --wildcards './boot/vmlinuz-*'
    cp "$x"/kernel/boot/vmlinuz-* "$ASSETS/vmlinuz-686.new"
    mv "$ASSETS/vmlinuz-686.new" "$ASSETS/vmlinuz-686"

    # The initramfs: busybox and its applet links, /init from tests/boot/init.sh.
    root="$x/root"
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
    (cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) > "$ASSETS/initramfs.cpio.gz.new"
    mv "$ASSETS/initramfs.cpio.gz.new" "$ASSETS/initramfs.cpio.gz"
    rm -rf "$x"
    echo "$want" > "$ASSETS/stamp"
fi

# ---- the i386 sysroot ----
# shellcheck disable=SC2086
pkgs=$(closure $SYSROOT_PKGS)
# shellcheck disable=SC2086
want_sysroot=$(versions $pkgs)
if [ "$(echo "$want_sysroot" | grep -c '=[^(]')" -ne "$(echo $pkgs | wc -w)" ]; then
    log "apt knows no i386 version of some of: $pkgs"
    exit 1
fi
if ! [ -e "$ASSETS/sysroot/lib/ld-linux.so.2" ] || ! [ -f "$ASSETS/sysroot.stamp" ] ||
   [ "$(cat "$ASSETS/sysroot.stamp")" != "$want_sysroot" ]; then
    log "building the i386 sysroot from $(echo $pkgs | wc -w) packages"
    # shellcheck disable=SC2086
    fetch $want_sysroot
    rm -rf "$ASSETS/sysroot.new" "$ASSETS/sysroot.old"
    mkdir -p "$ASSETS/sysroot.new"
    for p in $pkgs; do
        dpkg-deb -x "$(deb_of "$p")" "$ASSETS/sysroot.new"
    done
    [ -d "$ASSETS/sysroot" ] && mv "$ASSETS/sysroot" "$ASSETS/sysroot.old"
    mv "$ASSETS/sysroot.new" "$ASSETS/sysroot"
    rm -rf "$ASSETS/sysroot.old"
    echo "$want_sysroot" > "$ASSETS/sysroot.stamp"
fi
touch "$ASSETS/checked"
