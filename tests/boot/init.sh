#!/bin/sh
# /init of the Q86 test initramfs: a scripted check, then power off.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
echo "Q86-BOOT: kernel $(uname -r) on $(uname -m)"
echo "Q86-BOOT: $(grep -c ^processor /proc/cpuinfo) cpu(s), $(awk '/MemTotal/ {print $2 " kB"}' /proc/meminfo)"
echo "Q86-BOOT: busybox sh arithmetic $((6 * 7))"
echo "Q86-BOOT: done"
poweroff -f
