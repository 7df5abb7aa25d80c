#!/usr/bin/env bash
# Installs files made by tuning/generate.sh on an appliance. Changes the machine: runs only with --yes,
# as root, and is never run by tests. The boot line needs update-grub (done here) and a reboot.
#   usage: sudo tuning/apply.sh --yes [GENERATED_DIR]    (default: artifacts/tuning)
# Static files only: the tuned profile is installed but not activated (tuned-adm profile velox-appliance
# would add a second copy of the boot line).
set -euo pipefail

[[ ${1:-} == --yes ]] || { sed -n '2,6p' "${BASH_SOURCE[0]}" >&2; exit 2; }
src=${2:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/artifacts/tuning"}
[[ -d $src/rootfs ]] || { echo "apply.sh: $src/rootfs not found: run tuning/generate.sh first" >&2; exit 2; }
((EUID == 0)) || { echo "apply.sh: must run as root" >&2; exit 2; }

cp -rv --no-preserve=ownership "$src/rootfs/." /
sysctl --system >/dev/null
systemctl daemon-reload
systemctl enable velox-runtime-tuning.service
systemctl try-restart irqbalance.service
if command -v update-grub >/dev/null; then update-grub; else echo "apply.sh: no update-grub: add $(cat "$src/cmdline.txt") to the boot line by hand" >&2; fi
echo "apply.sh: installed; reboot for the boot line, then run tuning/check.sh"
