#!/usr/bin/env bash
# Builds the Velox appliance root filesystem (Debian bookworm) with mmdebstrap.
#   usage: tuning/image/build-image.sh --binary FILE [--out DIR|FILE.tar] [--plan FILE] [--config FILE]
#                                      [--kernel] [--mirror URL] [--mode MODE] [--dry-run]
#   --binary   the AOT velox binary (./build.sh publish writes artifacts/velox/velox)
#   --out      a FILE.tar[.gz|.xz|.zst] tarball or a new directory (default artifacts/image/velox-rootfs.tar)
#   --plan     CPU plan for tuning/generate.sh (default tuning/cpus.env)
#   --config   the agents' /etc/velox/velox.json, checked with `velox config check` first
#              (default config/velox.example.json: paper mode against the embedded simulator)
#   --kernel   also install linux-image-amd64 (a bootable root; slower, ~+300 MB)
#   --mirror   Debian mirror (default http://deb.debian.org/debian; a snapshot.debian.org URL pins it)
#   --mode     mmdebstrap mode (default root as root, else unshare)
#   --dry-run  mmdebstrap --simulate: resolve the package set against the mirror, build nothing
# Packages: tuning/image/packages.list. Hooks: hooks/essential.sh (tuning files), hooks/customize.sh
# (binary, user, units). SOURCE_DATE_EPOCH defaults to the last commit's time (reproducible output).
# Exit: 0 built (or resolved), 2 usage or missing tool, other: mmdebstrap's failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

die() { echo "build-image.sh: $*" >&2; exit 2; }

binary=""
out="$ROOT/artifacts/image/velox-rootfs.tar"
plan="$ROOT/tuning/cpus.env"
config="$ROOT/config/velox.example.json"
kernel=0
mirror="http://deb.debian.org/debian"
mode=""
dry_run=0
while (($#)); do
  case $1 in
    --binary) (($# >= 2)) || die "--binary needs a file"; binary=$2; shift 2 ;;
    --out) (($# >= 2)) || die "--out needs a directory or FILE.tar"; out=$2; shift 2 ;;
    --plan) (($# >= 2)) || die "--plan needs a file"; plan=$2; shift 2 ;;
    --config) (($# >= 2)) || die "--config needs a file"; config=$2; shift 2 ;;
    --mirror) (($# >= 2)) || die "--mirror needs a URL"; mirror=${2%/}; shift 2 ;;
    --mode) (($# >= 2)) || die "--mode needs a mmdebstrap mode"; mode=$2; shift 2 ;;
    --kernel) kernel=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument $1 (--help lists the options)" ;;
  esac
done

command -v mmdebstrap >/dev/null || die "mmdebstrap not found: apt-get install mmdebstrap (./build.sh image does it)"
if ((!dry_run)); then
  [[ -n $binary ]] || die "--binary is required (the AOT velox binary; ./build.sh publish)"
  [[ -f $binary ]] || die "velox binary $binary not found: run ./build.sh publish"
  binary=$(realpath "$binary")
  [[ -f $config ]] || die "config $config not found"
  config=$(realpath "$config")
  # The agents refuse to start on a config with errors: refuse to build an image around one.
  "$binary" config check --config "$config" >&2 || die "$config does not pass velox config check (above)"
  [[ ! -e $out || ( -d $out && -z $(ls -A "$out") ) ]] || die "$out already exists: remove it or choose another --out"
fi
[[ -z $mode ]] && { if ((EUID == 0)); then mode=root; else mode=unshare; fi; }

mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$HERE/packages.list" | grep -v '^$')
((kernel)) && packages+=(linux-image-amd64)

work=$(mktemp -d "${TMPDIR:-/tmp}/velox-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$ROOT/tuning/generate.sh" --plan "$plan" "$work/tuning" >/dev/null

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}

# bookworm main + updates + security (the security archive sits beside the main one on deb.debian.org
# and snapshot.debian.org).
security=${mirror%/debian}/debian-security
[[ $mirror == */debian ]] || security=""
sources=("deb $mirror bookworm main" "deb $mirror bookworm-updates main")
[[ -n $security ]] && sources+=("deb $security bookworm-security main")

# shellcheck disable=SC2016 # "$1" in the hooks is expanded by mmdebstrap's sh (the root), not here
args=(
  --mode="$mode" --variant=apt --include="$(IFS=,; echo "${packages[*]}")"
  --aptopt='Acquire::Retries "3"'
  # No manuals, info pages or translations on the appliance; licences stay.
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --essential-hook="$(printf '%q "$1" %q' "$HERE/hooks/essential.sh" "$work/tuning")"
  --customize-hook="$(printf '%q "$1" %q %q' "$HERE/hooks/customize.sh" "$binary" "$config")"
)
if ((dry_run)); then
  args+=(--simulate)
  out=/dev/null
else
  mkdir -p "$(dirname "$out")"
  # A failed build leaves no half-written tarball or tree behind.
  trap 'rc=$?; rm -rf "$work"; ((rc == 0)) || rm -rf "$out"' EXIT
fi

echo "build-image.sh: mmdebstrap --mode=$mode, ${#packages[@]} packages over the apt variant, output $out" >&2
mmdebstrap "${args[@]}" bookworm "$out" "${sources[@]}"
((dry_run)) && { echo "build-image.sh: package set resolves against $mirror (dry run, nothing built)"; exit 0; }
echo "built $out"
