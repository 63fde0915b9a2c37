#!/bin/sh
# /init of the Q86 test initramfs: a scripted check, then power off.
# tests/boot/linux.sh reads the Q86-BOOT lines on the serial console;
# scripts/guest-assets.sh rebuilds the initramfs when this file changes.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
echo "Q86-BOOT: kernel $(uname -r) on $(uname -m)"
echo "Q86-BOOT: $(grep -c ^processor /proc/cpuinfo) cpu(s), $(awk '/MemTotal/ {print $2 " kB"}' /proc/meminfo)"
echo "Q86-BOOT: busybox sh arithmetic $((6 * 7))"
flags=
for f in fpu tsc cx8 apic sep cmov pae; do
    grep -qw "$f" /proc/cpuinfo && flags="$flags $f"
done
echo "Q86-BOOT: cpu flags$flags"
echo "Q86-BOOT: clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)"
t0=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)
sleep 1
t1=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)
echo "Q86-BOOT: sleep 1 took $((t1 - t0)) cs of uptime"
echo "Q86-BOOT: done"
poweroff -f
