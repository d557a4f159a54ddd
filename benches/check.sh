#!/usr/bin/env bash
# The speed of the checker and the MCP server on a 10k-win ledger: `caliber check`
# of a 3,000-word draft as a whole process (benches/check_speed.py, and hyperfine
# when it is installed), then each MCP tool call after the server started
# (benches/mcp_latency.py). Release build; the ledger is the benches' generated
# one (examples/bench_data.rs), copied so the generated file stays as it is.
#
#     bash benches/check.sh        # N=30 rounds each; SIZE=10000 wins; REGEN=1 rebuilds the data
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${N:-30}
SIZE=${SIZE:-10000}
DATA=$ROOT/target/bench/data
OUT=$ROOT/target/bench/check
CALIBER=$ROOT/target/release/caliber

cargo build --release --locked --quiet --bin caliber --example bench_data
if [ ! -f "$DATA/caliber-$SIZE.db" ] || [ -n "${REGEN:-}" ]; then
  "$ROOT/target/release/examples/bench_data" --size "$SIZE" --out "$DATA"
fi
mkdir -p "$OUT"
rm -f "$OUT"/ledger.db*
cp "$DATA/caliber-$SIZE.db" "$OUT/ledger.db"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

echo "== caliber check, $SIZE wins"
python3 benches/check_speed.py "$CALIBER" "$OUT/ledger.db" "$OUT/draft.md" 3000 "$N"
if command -v hyperfine >/dev/null; then
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  # Exit 1 is the answer "findings", not a failure.
  hyperfine -N --warmup 3 --runs "$N" --ignore-failure --export-json "$OUT/check.json" \
    "$CALIBER --db $OUT/ledger.db check $OUT/draft.md"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

echo "== caliber mcp, $SIZE wins (log_win adds to the copy)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 benches/mcp_latency.py "$CALIBER" "$OUT/ledger.db" "$N"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
