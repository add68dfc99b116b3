#!/bin/sh
# setup.sh installs the comparison systems of the benchmark (Debian or
# Ubuntu, as root): SymPy and PyTorch for Debian's /usr/bin/python3, and Maxima.
set -eu
apt-get update
apt-get install -y python3-sympy maxima python3-torch
/usr/bin/python3 -c 'import sympy, mpmath; print("SymPy", sympy.__version__, "mpmath", mpmath.__version__)'
/usr/bin/python3 -c 'import torch; print("PyTorch", torch.__version__)'
maxima --version
