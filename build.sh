#!/usr/bin/env bash
# Velox: the one entry point. ./build.sh help lists the commands.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ARTIFACTS="$ROOT/artifacts"
CONFIG="${VELOX_CONFIGURATION:-Release}"
RID="linux-x64"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { echo "build.sh: $*" >&2; exit 2; }

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 ||
    die "the .NET SDK is missing: install .NET SDK 9 or newer (https://dot.net) so that 'dotnet' is on PATH"
  local major
  major="$(dotnet --version 2>/dev/null | cut -d. -f1)"
  [[ "$major" =~ ^[0-9]+$ ]] || die "'dotnet --version' did not answer: is a .NET SDK (not only a runtime) installed?"
  (( major >= 9 )) || die ".NET SDK $major found; Velox needs SDK 9 or newer"
}

cmd_build() {
  require_dotnet
  dotnet build "$ROOT/Velox.sln" -c "$CONFIG" -nologo -clp:ErrorsOnly -v:q
}

# npm peers the tests compare against (ccxt); a missing npm or registry only skips those tests.
install_test_peers() {
  local dir="$ROOT/perf/peers/ccxt"
  [[ -d "$dir/node_modules" ]] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "build.sh: npm not found: the ccxt comparison tests will be skipped" >&2
    return 0
  fi
  (cd "$dir" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
    echo "build.sh: could not install the ccxt peer from the npm registry: the ccxt comparison tests will be skipped" >&2
}

# mmdebstrap builds the appliance image (Debian package; apt-get, as root). Returns 1 when it stays missing.
install_mmdebstrap() {
  command -v mmdebstrap >/dev/null 2>&1 && return 0
  if ! command -v apt-get >/dev/null 2>&1 || ((EUID != 0)); then
    echo "build.sh: mmdebstrap is missing and cannot be installed here (needs apt-get as root): apt-get install mmdebstrap" >&2
    return 1
  fi
  { timeout 300 apt-get install -y -q mmdebstrap || { timeout 300 apt-get update -q && timeout 300 apt-get install -y -q mmdebstrap; }; } >/dev/null 2>&1 ||
    { echo "build.sh: apt-get could not install mmdebstrap: the image tests will be inconclusive" >&2; return 1; }
}

# promtool (Debian package prometheus) validates the /metrics exposition; missing, those tests are inconclusive.
install_promtool() {
  command -v promtool >/dev/null 2>&1 && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "build.sh: apt-get not found: promtool is missing, the 'promtool check metrics' tests will be skipped" >&2
    return 0
  fi
  local sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo -n"
  { $sudo timeout 300 apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 ||
    { $sudo timeout 300 apt-get update -qq >/dev/null 2>&1 && $sudo timeout 300 apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1; }; } ||
    echo "build.sh: could not install the Debian package prometheus (promtool): the 'promtool check metrics' tests will be skipped" >&2
}

# Names each failed test and the start of its message, from the trx files, so the end of the log says what failed.
list_failed_tests() {
  local f
  echo "failed tests:"
  for f in "$1"/*.trx; do
    [[ -f "$f" ]] || continue
    awk '
      function flush() { if (failing) print "  " name (message == "" ? "" : ": " substr(message, 1, 600)); failing = 0; inMessage = 0; message = "" }
      /<UnitTestResult / && /outcome="Failed"/ { flush(); match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); failing = 1; next }
      failing && /<Message>/ { inMessage = 1; sub(/.*<Message>/, "") }
      failing && inMessage { line = $0; done = sub(/<\/Message>.*/, "", line); gsub(/^ +| +$/, "", line); if (line != "") message = message (message == "" ? "" : " | ") line; if (done) flush(); next }
      failing && /<\/UnitTestResult>/ { flush() }
    ' "$f"
  done
}

# Runs every test project; prints one closing line "N passed, N failed, N skipped".
cmd_test() {
  require_dotnet
  local results="$ARTIFACTS/test-results"
  rm -rf "$results"
  mkdir -p "$results"
  cmd_build
  install_test_peers
  install_mmdebstrap || true
  DEBIAN_FRONTEND=noninteractive install_promtool
  # The native binary is part of what we test: integration tests run it through VELOX_AOT_BINARY.
  cmd_publish
  export VELOX_AOT_BINARY="$ARTIFACTS/velox/velox"
  # The C ABI: publish libvelox.so, compile and run the C smoke test; the NUnit test reuses the library.
  "$ROOT/native/build.sh"
  if [[ -f "$ARTIFACTS/native/libvelox.so" ]]; then export VELOX_NATIVE_LIB="$ARTIFACTS/native/libvelox.so"; fi
  local rc=0
  dotnet test "$ROOT/Velox.sln" -c "$CONFIG" --no-build -nologo -v:q \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
    --blame-hang-timeout 10m "$@" || rc=$?
  local passed=0 failed=0 skipped=0 f p x t e
  for f in "$results"/*.trx; do
    [[ -f "$f" ]] || continue
    t=$(grep -o '<Counters [^>]*' "$f" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$t")
    x=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$t")
    e=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$t")
    passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
    skipped=$((skipped + ${e:-0} - ${p:-0} - ${x:-0}))
  done
  if (( rc != 0 && failed == 0 )); then failed=1; echo "build.sh: the test run failed outside any test (exit $rc)" >&2; fi
  if (( failed > 0 )); then list_failed_tests "$results"; fi
  echo "$passed passed, $failed failed, $skipped skipped"
  (( failed == 0 ))
}

cmd_publish() {
  require_dotnet
  dotnet publish "$ROOT/src/Velox.Host/Velox.Host.csproj" -c Release -r "$RID" -o "$ARTIFACTS/velox" -nologo -v:q -clp:ErrorsOnly
  echo "published $ARTIFACTS/velox/velox ($(du -h "$ARTIFACTS/velox/velox" | cut -f1))"
}

# The appliance root filesystem (tuning/image/build-image.sh); publishes the binary first when missing.
cmd_image() {
  install_mmdebstrap || die "mmdebstrap is required for ./build.sh image"
  local arg out="" dry=0
  for arg in "$@"; do
    [[ $arg == --dry-run ]] && dry=1
    [[ $arg == --out ]] && out=1
  done
  if ((!dry)) && [[ ! -x "$ARTIFACTS/velox/velox" ]]; then cmd_publish; fi
  if [[ -z $out ]]; then
    # The default output is rebuilt in place; an explicit --out must not exist yet.
    rm -f "$ARTIFACTS/image/velox-rootfs.tar"
    set -- --out "$ARTIFACTS/image/velox-rootfs.tar" "$@"
  fi
  "$ROOT/tuning/image/build-image.sh" --binary "$ARTIFACTS/velox/velox" "$@"
}

cmd_run() {
  cmd_publish >/dev/null
  exec "$ARTIFACTS/velox/velox" run "$@"
}

cmd_velox() {
  cmd_publish >/dev/null
  exec "$ARTIFACTS/velox/velox" "$@"
}

# Performance report (perf/run-bench.sh, perf/BENCH-REPORT.md) into artifacts/bench/report/; any other
# arguments go to BenchmarkDotNet as before (e.g. --filter '*Book*').
cmd_bench() {
  require_dotnet
  case "${1:-}" in
    ""|--full) "$ROOT/perf/run-bench.sh" full ;;
    --quick) "$ROOT/perf/run-bench.sh" quick ;;
    *) dotnet run --project "$ROOT/perf/Velox.Benchmarks" -c Release -- --artifacts "$ARTIFACTS/bench" "$@" ;;
  esac
}

# Velox side by side with peers (ccxt, a naive .NET pipeline, node ws) on the same input.
cmd_peers() {
  require_dotnet
  "$ROOT/perf/run-peers.sh" "$@"
}

usage() {
  cat <<USAGE
usage: ./build.sh <command> [args]
  build            compile everything (Release)
  test [args]      build and run all tests; last line: "N passed, N failed, N skipped"
  run [args]       publish the Native AOT binary and run 'velox run' (simulator + Bitfinex books)
  velox <args>     publish and run any velox command (sim, replay-check, ...)
  publish          Native AOT 'velox' binary for $RID into artifacts/velox/
  bench [--quick]  performance report into artifacts/bench/report/ (--quick: a few minutes; default --full)
  bench <args>     BenchmarkDotNet micro-benchmarks (args go to BenchmarkDotNet, e.g. --filter '*Book*')
  image [args]     appliance root filesystem (Debian bookworm, mmdebstrap) with the binary and tuning:
                   [--out DIR|FILE.tar] [--dry-run] [--kernel] [--plan F] (default artifacts/image/velox-rootfs.tar)
  peers [args]     Velox vs ccxt / naive .NET / node ws; writes artifacts/perf/peers.json and peers.md
USAGE
}

case "${1:-help}" in
  build) shift; cmd_build "$@" ;;
  test) shift; cmd_test "$@" ;;
  run) shift; cmd_run "$@" ;;
  velox) shift; cmd_velox "$@" ;;
  publish) shift; cmd_publish "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  peers) shift; cmd_peers "$@" ;;
  image) shift; cmd_image "$@" ;;
  help|-h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
