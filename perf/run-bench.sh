#!/usr/bin/env bash
# ./build.sh bench [--quick|--full]: every scenario this box can run writes a scenario file (JSON, contract in
# perf/BENCH-REPORT.md) into artifacts/bench/scenarios/, then Velox.BenchReport merges them into
# artifacts/bench/report/ (report.md, report.json, latency.svg, hgrm/).
#   quick  a few minutes: JIT builds, short runs, no BenchmarkDotNet
#   full   Native AOT harnesses, the long runs the README quotes, BenchmarkDotNet ShortRun over every benchmark
# Extra scenarios: every executable perf/bench.d/*.sh runs with "<mode> <scenario dir>" and writes its files there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-full}"
[[ "$MODE" == quick || "$MODE" == full ]] || { echo "run-bench: mode is quick or full, not '$MODE'" >&2; exit 2; }
OUT="$ROOT/artifacts/bench"
SCENARIOS="$OUT/scenarios"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rm -rf "$SCENARIOS" "$OUT/report"
mkdir -p "$SCENARIOS"
report_args=()
failed=0

# step NAME COMMAND...: runs one scenario; a failure is reported (and in the report) but the others still run.
step() {
  local name="$1" rc=0
  shift
  echo "== $name ($(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo 'load unknown'))"
  "$@" || rc=$?
  if (( rc != 0 )); then
    echo "run-bench: $name failed (exit $rc)" >&2
    report_args+=(--not-run "$name: FAILED (exit $rc), see the console output")
    failed=1
  fi
}

build() { dotnet build "$ROOT/$1" -c Release -nologo -v:q -clp:ErrorsOnly; }

build perf/Velox.BenchReport/Velox.BenchReport.csproj
if [[ "$MODE" == quick ]]; then
  build perf/Velox.IpcLatency/Velox.IpcLatency.csproj
  ipc="$ROOT/perf/Velox.IpcLatency/bin/Release/net9.0/Velox.IpcLatency"
  step "IPC ping-pong" "$ipc" processes 20000 --json "$SCENARIOS"
  step "IPC throughput" "$ipc" throughput 5000000 --json "$SCENARIOS"
  step "peers (Velox vs ccxt, naive .NET, node ws)" "$ROOT/perf/run-peers.sh" --jit --seconds 1 --sim-frames 100000 \
    --loopback-frames 50000 --echo-count 5000 --scenarios "$SCENARIOS"
  report_args+=(--not-run "BenchmarkDotNet micro-benchmarks (per-venue parse/apply/checksum): not in quick mode, run ./build.sh bench --full")
else
  dotnet publish "$ROOT/perf/Velox.IpcLatency/Velox.IpcLatency.csproj" -c Release -r linux-x64 -o "$ROOT/artifacts/ipclatency" -nologo -v:q -clp:ErrorsOnly
  ipc="$ROOT/artifacts/ipclatency/Velox.IpcLatency"
  step "IPC ping-pong" "$ipc" processes 2000000 --json "$SCENARIOS"
  step "IPC throughput" "$ipc" throughput 50000000 --json "$SCENARIOS"
  step "peers (Velox vs ccxt, naive .NET, node ws)" "$ROOT/perf/run-peers.sh" --scenarios "$SCENARIOS"
  # In-process toolchain: BenchmarkDotNet's own rebuild of every venue times out (120 s) on a loaded 2-core box.
  load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  rm -rf "$OUT/bdn"
  step "BenchmarkDotNet" dotnet run --project "$ROOT/perf/Velox.Benchmarks" -c Release -- --filter '*' --job short --inProcess \
    --exporters json --artifacts "$OUT/bdn"
  report_args+=(--bdn "$OUT/bdn/results" --bdn-load "$load_start|$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)")
fi

for extra in "$ROOT"/perf/bench.d/*.sh; do
  [[ -x "$extra" ]] || continue
  step "$(basename "$extra" .sh)" "$extra" "$MODE" "$SCENARIOS"
done

rc=0
dotnet "$ROOT/perf/Velox.BenchReport/bin/Release/net9.0/Velox.BenchReport.dll" --scenarios "$SCENARIOS" --out "$OUT/report" \
  --repo "$ROOT" --mode "$MODE" "${report_args[@]}" || rc=$?
echo "report: $OUT/report/report.md (figures: report.json, plot: latency.svg, HdrHistogram text: hgrm/)"
(( rc == 0 && failed == 0 ))
