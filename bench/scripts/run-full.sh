#!/usr/bin/env bash
# The full benchmark run behind docs/benchmarks.md. It runs every benchmark ROUNDS times
# in interleaved rounds (round 1 runs everything once, then round 2, …) rather than with
# -count, so that a change in the machine's load hits every variant alike; the medians
# over the rounds are then compared. Finally it regenerates the tables and the chart.
#
#   bash bench/scripts/run-full.sh            # 100k tasks, curve 10k/100k/1m, 5 rounds
#   SIZE=tiny CURVE=tiny ROUNDS=1 bash bench/scripts/run-full.sh
#
# The data sets are generated on first use and cached (see docs/benchmarks.md); the 1m
# set takes several minutes to build once.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${SIZE:-100k}
curve=${CURVE:-10k,100k,1m}
rounds=${ROUNDS:-5}
benchtime=${BENCHTIME:-0.5s}
out=${OUT:-../docs/benchmarks-output.txt}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/bench.test" .
{
  echo "# size=$size curve=$curve rounds=$rounds benchtime=$benchtime"
  echo "# load before: $(uptime)"
  for round in $(seq "$rounds"); do
    echo "# round $round"
    COMPASSDB_BENCH_SIZE=$size COMPASSDB_BENCH_CURVE=$curve "$tmp/bench.test" -test.run '^$' -test.bench . \
      -test.benchmem -test.count 1 -test.benchtime "$benchtime" -test.timeout 3h
  done
  echo "# load after: $(uptime)"
} 2>&1 | tee "$out"
go run ./cmd/benchchart -in "$out" -md ../docs/benchmarks-tables.md -png ../docs/benchmarks.png
