#!/usr/bin/env bash
# Scenario tick-to-trade-ipc (perf/BENCH-REPORT.md): one paper market-maker run of the Native AOT binary in the
# multi topology, `velox run --topology multi --strategy mm --mode paper --bench-out DIR`: md, engine and og as
# separate processes over shared-memory IPC; og writes the histogram from md's socket read returning to og handing
# the order's bytes to send() (the receive time travels in the IPC records; all processes read CLOCK_MONOTONIC).
# Usage: tick-to-trade-ipc.sh quick|full SCENARIO_DIR
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODE="${1:?quick or full}"
OUT="${2:?scenario directory}"
BINARY="${VELOX_AOT_BINARY:-$ROOT/artifacts/velox/velox}"
case "$MODE" in
  quick) seconds=10 ;;
  full) seconds=60 ;;
  *) echo "tick-to-trade-ipc.sh: mode is quick or full, not '$MODE'" >&2; exit 2 ;;
esac

# Measures the current sources: publishes first (incremental) unless VELOX_AOT_BINARY names a binary.
[[ -n "${VELOX_AOT_BINARY:-}" && -x "$BINARY" ]] || { "$ROOT/build.sh" publish >/dev/null; BINARY="$ROOT/artifacts/velox/velox"; }

journal="$(mktemp -d)/tick-to-trade-ipc.journal"
trap 'rm -rf "$(dirname "$journal")"' EXIT
"$BINARY" run --topology multi --strategy mm --mode paper --duration "$seconds" --bench-out "$OUT" --journal "$journal" |
  grep -v '^\[' # the per-second status lines; the summary stays
[[ -f "$OUT/tick-to-trade-ipc.json" ]] || { echo "tick-to-trade-ipc.sh: the run wrote no tick-to-trade-ipc.json" >&2; exit 1; }
