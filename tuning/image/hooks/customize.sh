#!/bin/sh
# mmdebstrap --customize-hook: runs after every package is installed.
#   usage: customize.sh ROOT VELOX_BINARY CONFIG
# Installs the AOT velox binary as /opt/velox/velox, CONFIG as /etc/velox/velox.json (root:velox 0640), creates the velox system user (sysusers.d), runs
# the agent units as that user, enables the velox units and systemd-networkd/resolved, masks the
# periodic apt/fstrim/e2scrub timers, and records the package manifest.
# Needs the tuning files of essential.sh already in ROOT. Works on any directory tree without chroot
# (systemctl and systemd-sysusers take --root), so tests run it on a temporary folder.
set -eu

die() { echo "customize.sh: $*" >&2; exit 2; }

[ $# -eq 3 ] || die "usage: customize.sh ROOT VELOX_BINARY CONFIG"
root=$1
binary=$2
config=$3
[ -d "$root" ] || die "root $root is not a directory"
root=$(cd "$root" && pwd)
units=$root/etc/systemd/system
[ -f "$binary" ] || die "velox binary $binary not found: run ./build.sh publish first"
[ -f "$config" ] || die "config $config not found"
[ -f "$units/velox-runtime-tuning.service" ] || die "no velox units in $root: run essential.sh first"
command -v systemctl >/dev/null || die "systemctl not found on the build host (package systemd)"
command -v systemd-sysusers >/dev/null || die "systemd-sysusers not found on the build host (package systemd)"

install -D -m 0755 "$binary" "$root/opt/velox/velox"

# The user is declared for systemd-sysusers (it would also create it at first boot) and created now,
# so files can be owned by it in the image.
install -d -m 0755 "$root/usr/lib/sysusers.d"
cat >"$root/usr/lib/sysusers.d/velox.conf" <<'SYSUSERS'
# Velox appliance: the agents run as this system user (no login shell, no password).
u velox - "Velox trading appliance" /var/lib/velox /usr/sbin/nologin
SYSUSERS
systemd-sysusers --root="$root" "$root/usr/lib/sysusers.d/velox.conf"
uid=$(awk -F: '$1 == "velox" { print $3 }' "$root/etc/passwd")
gid=$(awk -F: '$1 == "velox" { print $3 }' "$root/etc/group")
if [ -z "$uid" ] || [ -z "$gid" ]; then
  die "systemd-sysusers did not create the velox user and group in $root/etc"
fi

# Configuration (venue keys later) readable by the agents only, the unit's --config file in it; their state under /var/lib/velox.
install -d -m 0750 -o 0 -g "$gid" "$root/etc/velox"
install -m 0640 -o 0 -g "$gid" "$config" "$root/etc/velox/velox.json"
install -d -m 0750 -o "$uid" -g "$gid" "$root/var/lib/velox"

agents=""
for unit in "$units"/velox-*.service; do
  name=${unit##*/}
  [ "$name" = velox-runtime-tuning.service ] && continue
  agents="$agents $name"
  # The generated units carry the CPU plan; the image adds who runs them.
  install -d -m 0755 "$unit.d"
  cat >"$unit.d/50-image-user.conf" <<DROPIN
# Added by tuning/image/hooks/customize.sh: agents run unprivileged; AmbientCapabilities in the unit
# grant what they need (mlock, SCHED_FIFO, busy-poll).
[Service]
User=velox
Group=velox
WorkingDirectory=/var/lib/velox
DROPIN
done
[ -n "$agents" ] || die "no velox agent units in $units"

# DHCP on every wired NIC; replace with a static .network file on a real appliance.
install -d -m 0755 "$root/etc/systemd/network"
cat >"$root/etc/systemd/network/80-velox-dhcp.network" <<'NETWORK'
# Added by tuning/image/hooks/customize.sh: DHCP on wired NICs until the appliance gets a static config.
[Match]
Name=en* eth*

[Network]
DHCP=yes
NETWORK

# systemd's own units only when the packages are there (a test tree has only ours).
system=""
for unit in systemd-networkd.service systemd-resolved.service; do
  [ -e "$root/usr/lib/systemd/system/$unit" ] || [ -e "$root/lib/systemd/system/$unit" ] && system="$system $unit"
done
# shellcheck disable=SC2086 # unit name lists, no spaces inside a name
systemctl --root="$root" --quiet enable velox-runtime-tuning.service $agents $system
# No periodic wake-ups from package maintenance on an appliance.
systemctl --root="$root" --quiet mask apt-daily.timer apt-daily-upgrade.timer fstrim.timer e2scrub_all.timer

# Same output on every build host (see mmdebstrap(1), SOURCE_DATE_EPOCH).
rm -f "$root/etc/hostname" "$root/etc/resolv.conf" "$root/etc/.resolv.conf.systemd-resolved.bak"
echo velox >"$root/etc/hostname"
case $system in *resolved*) ln -s ../run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf" ;; esac

if [ -f "$root/var/lib/dpkg/status" ]; then
  dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Package}\t${Version}\n' >"$root/opt/velox/image-packages.txt"
fi
