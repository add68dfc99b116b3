#!/bin/sh
# poly.sh times derivtex's polynomial algebra (package poly) and SymPy's on
# the same inputs (poly/testdata/bench.txt), side by side, in one run
# (bench/README.md, section (h)). Pass --benchtime D and --repeat N through
# to poly.py.
set -eu
cd "$(dirname "$0")/.."
exec /usr/bin/python3 bench/poly.py "$@"
