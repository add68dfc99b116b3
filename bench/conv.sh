#!/bin/sh
# conv.sh builds the benchmark driver from this checkout and runs the
# convolution comparison: derivtex's conv1d, conv2d, maxpool and avgpool
# against PyTorch's, values, gradients and times. Figures go to stdout
# and to bench/out/conv.md; pass --cases N, --reps N, --seed S through.
set -eu
cd "$(dirname "$0")/.."
mkdir -p bench/out/bin
go build -o bench/out/bin/derivbench ./bench/cmd/derivbench
exec /usr/bin/python3 bench/conv.py "$@"
