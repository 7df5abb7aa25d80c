#!/usr/bin/env bash
# Scenario tick-to-trade-ipc (perf/BENCH-REPORT.md): one paper market-maker run of the Native AOT binary in the
# multi topology, `velox run --topology multi --strategy mm --mode paper --bench-out DIR`: md, engine and og as
# separate processes over shared-memory IPC; og writes the histogram from md's socket read returning to og handing
# the order's bytes to send() (the receive time travels in the IPC records; all processes read CLOCK_MONOTONIC).
# Usage: tick-to-trade-ipc.sh quick|full SCENARIO_DIR
set -euo pipefail

MODE="${1:?quick or full}"
OUT="${2:?scenario directory}"
# shellcheck source=paper-run.bash
. "$(dirname "${BASH_SOURCE[0]}")/paper-run.bash"
paper_run_setup tick-to-trade-ipc "$MODE"

"$BINARY" run --topology multi --strategy mm --mode paper --duration "$SECONDS_TO_RUN" --bench-out "$OUT" --journal "$JOURNAL" |
  grep -v '^\[' # the per-second status lines; the summary stays
[[ -f "$OUT/tick-to-trade-ipc.json" ]] || { echo "tick-to-trade-ipc.sh: the run wrote no tick-to-trade-ipc.json" >&2; exit 1; }
