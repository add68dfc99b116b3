#!/bin/sh
# network.sh builds derivtex and the benchmark driver from this checkout
# and runs the network comparison, section (f) of bench/README.md: derivtex
# against PyTorch autograd and SymPy. Figures go to stdout and to
# bench/out/network.md; pass --reps N, --count N, --sympy-timeout S through.
set -eu
cd "$(dirname "$0")/.."
mkdir -p bench/out/bin
go build -o bench/out/bin/derivtex ./cmd/derivtex
go build -o bench/out/bin/derivbench ./bench/cmd/derivbench
exec /usr/bin/python3 bench/network.py "$@"
