# Sourced by the paper-run scenario scripts of this folder (not run on its own: run-bench.sh runs *.sh only).
#   paper_run_setup NAME MODE  → sets SECONDS_TO_RUN (10 quick, 60 full), BINARY (published first so it matches the
#                                sources, unless VELOX_AOT_BINARY names one) and JOURNAL (a temporary file, removed at exit)
paper_run_setup() {
  local name=$1 mode=$2 root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  case "$mode" in
    quick) SECONDS_TO_RUN=10 ;;
    full) SECONDS_TO_RUN=60 ;;
    *) echo "$name.sh: mode is quick or full, not '$mode'" >&2; exit 2 ;;
  esac
  BINARY="${VELOX_AOT_BINARY:-$root/artifacts/velox/velox}"
  [[ -n "${VELOX_AOT_BINARY:-}" && -x "$BINARY" ]] || { "$root/build.sh" publish >/dev/null; BINARY="$root/artifacts/velox/velox"; }
  JOURNAL="$(mktemp -d)/$name.journal"
  # shellcheck disable=SC2064 # the folder is fixed now
  trap "rm -rf '$(dirname "$JOURNAL")'" EXIT
}
