#!/usr/bin/env bash
# Velox vs peers: installs the node peers' pinned dependencies (perf/peers/*/node_modules), runs
# Velox.PeerBench (Native AOT by default) and writes artifacts/perf/peers.json and peers.md.
# A peer whose dependencies cannot be installed (npm missing or the registry unreachable) is skipped
# with the reason in the report; the Velox and .NET parts still run.
#   perf/run-peers.sh [--jit] [Velox.PeerBench options, e.g. --seconds 5 --only replay]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/artifacts/perf"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

aot=1
if [[ "${1:-}" == "--jit" ]]; then
  aot=0
  shift
fi

# npm ci when node_modules is missing or older than the lock file; keep an existing install when npm fails.
install_peer() {
  local dir="$ROOT/perf/peers/$1"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "run-peers: node/npm not found: skipping the $1 peer" >&2
    return 0
  fi
  if [[ -d "$dir/node_modules" && "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]]; then
    return 0
  fi
  echo "run-peers: npm ci in perf/peers/$1"
  if ! (cd "$dir" && timeout 600 npm ci --no-audit --no-fund --loglevel=error); then
    echo "run-peers: npm ci failed in perf/peers/$1 (registry unreachable?): the $1 peer is skipped" >&2
    rm -rf "$dir/node_modules"
  fi
}

install_peer ccxt
install_peer ws-echo

mkdir -p "$OUT"
if (( aot )); then
  dotnet publish "$ROOT/perf/Velox.PeerBench/Velox.PeerBench.csproj" -c Release -r linux-x64 \
    -o "$ROOT/artifacts/peerbench" -nologo -v:q -clp:ErrorsOnly
  exec "$ROOT/artifacts/peerbench/Velox.PeerBench" --repo "$ROOT" --out "$OUT" "$@"
fi
exec dotnet run --project "$ROOT/perf/Velox.PeerBench" -c Release -- --repo "$ROOT" --out "$OUT" "$@"
