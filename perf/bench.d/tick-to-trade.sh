#!/usr/bin/env bash
# Scenarios tick-to-trade and wire-to-wire (perf/BENCH-REPORT.md): one paper market-maker run of the Native AOT
# binary against the embedded simulator, `velox run --strategy mm --mode paper --latency-breakdown --bench-out DIR`.
#   tick-to-trade  socket read returned -> the decision's first order handed to send(), with per-stage histograms
#   wire-to-wire   simulator: market-data frame handed to send() -> the order it provoked read back, and a raw
#                  loopback TCP ping-pong of the same sizes measured right after in the same process (the ratio)
# Usage: tick-to-trade.sh quick|full SCENARIO_DIR
set -euo pipefail

MODE="${1:?quick or full}"
OUT="${2:?scenario directory}"
# shellcheck source=paper-run.bash
. "$(dirname "${BASH_SOURCE[0]}")/paper-run.bash"
paper_run_setup tick-to-trade "$MODE"

"$BINARY" run --strategy mm --mode paper --duration "$SECONDS_TO_RUN" --latency-breakdown --bench-out "$OUT" --journal "$JOURNAL" |
  grep -v '^\[' # the per-second status lines; the summary, breakdown and wire-to-wire lines stay
[[ -f "$OUT/tick-to-trade.json" ]] || { echo "tick-to-trade.sh: the run wrote no tick-to-trade.json" >&2; exit 1; }
