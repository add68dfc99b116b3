#!/bin/sh
# oracle.sh builds derivtex from this checkout and checks derivtex net
# against PyTorch autograd on random networks (bench/torch_oracle.py,
# section (g) of bench/README.md). Pass --count N, --exact N, --seed S,
# --jobs J, --show through; it exits 1 if any network disagrees or fails.
set -eu
cd "$(dirname "$0")/.."
mkdir -p bench/out/bin
go build -o bench/out/bin/derivtex ./cmd/derivtex
exec /usr/bin/python3 bench/torch_oracle.py "$@"
