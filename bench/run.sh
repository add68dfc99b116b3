#!/bin/sh
# run.sh builds derivtex and the benchmark driver from this checkout and
# runs the whole comparison (bench/README.md). Figures go to stdout and to
# bench/out/results.md; pass --reps N or --only abce through to bench.py.
set -eu
cd "$(dirname "$0")/.."
mkdir -p bench/out/bin
go build -o bench/out/bin/derivtex ./cmd/derivtex
go build -o bench/out/bin/derivbench ./bench/cmd/derivbench
exec /usr/bin/python3 bench/bench.py "$@"
