#!/bin/sh
# mmdebstrap --essential-hook: runs after the Essential packages, before the listed packages are
# installed, so their maintainer scripts (irqbalance, systemd, a kernel) already see the tuning.
#   usage: essential.sh ROOT TUNING_DIR      (TUNING_DIR: output of tuning/generate.sh)
# Installs TUNING_DIR/rootfs (sysctl.d, units, irqbalance drop-in, system.conf.d, tuned profile,
# IRQ and governor scripts, GRUB drop-in, cpus.env) and the boot line fragment into ROOT.
# Works on any directory tree (no chroot), so tests run it on a temporary folder.
set -eu

die() { echo "essential.sh: $*" >&2; exit 2; }

[ $# -eq 2 ] || die "usage: essential.sh ROOT TUNING_DIR"
root=$1
tuning=$2
[ -d "$root" ] || die "root $root is not a directory"
root=$(cd "$root" && pwd)
if [ ! -d "$tuning/rootfs" ] || [ ! -f "$tuning/cmdline.txt" ]; then
  die "$tuning has no rootfs/ and cmdline.txt: run tuning/generate.sh first"
fi

# Files owned by root whoever runs the build; modes as generate.sh wrote them (scripts 0755).
cp -R --no-preserve=ownership "$tuning/rootfs/." "$root/"
install -D -m 0644 "$tuning/cmdline.txt" "$root/opt/velox/tuning/cmdline.txt"
