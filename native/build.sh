#!/usr/bin/env bash
# Publishes libvelox.so (Native AOT), compiles the C smoke test against velox.h and runs it on a
# recorded Bitfinex stream. Exit 0: passed or skipped (a line starting "native: skipped:" says why).
#   native/build.sh [frames.jsonl]
# VELOX_NATIVE_LIB=<path of libvelox.so> tests that library instead of publishing one.
# VELOX_SHARED_DIR overrides the shared data folder (default: ../shared beside the repository).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
OUT="$ROOT/artifacts/native"
SHARED="${VELOX_SHARED_DIR:-$ROOT/../shared}"
FRAMES="${1:-$SHARED/data/exchanges/bitfinex/derived/bfx-api-go_checksum_vector_tXRPBTC.jsonl}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

skip() { echo "native: skipped: $*"; exit 0; }

if [[ ! -f "$FRAMES" ]]; then
  skip "shared recording missing: $FRAMES (set VELOX_SHARED_DIR or pass the file)"
fi

if ! command -v gcc >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "native: gcc missing: installing it with apt-get" >&2
    apt-get install -y gcc >/dev/null || skip "gcc missing and 'apt-get install -y gcc' failed"
  else
    skip "gcc missing (install gcc, or run as root where apt-get exists)"
  fi
fi

mkdir -p "$OUT"
LIB="${VELOX_NATIVE_LIB:-}"
if [[ -z "$LIB" ]]; then
  dotnet publish "$HERE/Velox.Native/Velox.Native.csproj" -c Release -r linux-x64 -o "$OUT" -nologo -v:q -clp:ErrorsOnly
  LIB="$OUT/libvelox.so"
fi
[[ -f "$LIB" ]] || { echo "native: library not found: $LIB" >&2; exit 1; }
LIBDIR="$(cd "$(dirname "$LIB")" && pwd)"

gcc -Wall -Wextra -Werror -std=c99 -pedantic -I "$HERE/include" "$HERE/test/smoke.c" \
  -L "$LIBDIR" -lvelox -Wl,-rpath,"$LIBDIR" -o "$OUT/velox-smoke"
"$OUT/velox-smoke" "$FRAMES"
echo "native: $LIB ($(du -h "$LIB" | cut -f1))"
