"""Polynomial algebra, derivtex (package poly) against SymPy, same inputs.

Run through bench/poly.sh. The Go side is `go test -bench` in poly/ (one
warm process; ns/op over -benchtime). The SymPy side runs here, warm, with
its cache cleared before each timed call; each figure is the best of
--repeat timed batches, per call. Inputs: poly/testdata/bench.txt.
"""

import argparse
import os
import re
import subprocess
import sys
import time

import sympy as sp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_inputs():
    x, y, z = sp.symbols("x y z")
    out = {}
    with open(os.path.join(ROOT, "poly", "testdata", "bench.txt")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, src = line.split(" ", 1)
            out[name] = sp.sympify(src.replace("^", "**"), locals={"x": x, "y": y, "z": z})
    return out


def go_bench(benchtime):
    cmd = ["go", "test", "./poly", "-run", "^$", "-bench", ".", "-benchtime", benchtime, "-count", "1"]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    figures = {}
    for line in res.stdout.splitlines():
        m = re.match(r"Benchmark(\w+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op", line)
        if m:
            figures[m.group(1)] = float(m.group(3)) * 1e-9
    return figures


def sympy_time(fn, repeat):
    """Best time per call over repeat batches, the cache cleared before each call."""
    best = float("inf")
    for _ in range(repeat):
        n, elapsed = 0, 0.0
        while elapsed < 0.2 or n < 1:
            sp.core.cache.clear_cache()
            t = time.perf_counter()
            fn()
            elapsed += time.perf_counter() - t
            n += 1
        best = min(best, elapsed / n)
    return best


def ground_types():
    try:
        from sympy.external.gmpy import GROUND_TYPES
        return GROUND_TYPES
    except ImportError:
        from sympy.polys.domains.groundtypes import GROUND_TYPES
        return GROUND_TYPES


def fmt(s):
    if s >= 1:
        return "%.2f s" % s
    if s >= 1e-3:
        return "%.2f ms" % (s * 1e3)
    return "%.0f µs" % (s * 1e6)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--benchtime", default="1s")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    inputs = read_inputs()
    x, y, z = sp.symbols("x y z")
    base = sp.Poly(x + y + z + 1, x, y, z)
    A = sp.Poly(inputs["gcd_a"], x, y, z)
    B = sp.Poly(inputs["gcd_b"], x, y, z)
    C = sp.Poly(inputs["gcd_c"], x, y, z)
    P = sp.Poly(inputs["factor"], x)

    # The answers agree before anything is timed.
    g = sp.gcd(A, B)
    assert sp.rem(g, C).is_zero and sp.rem(A, g).is_zero, "SymPy's gcd"
    nfactors = len(sp.factor_list(P)[1])

    workloads = [
        ("Expand", "(x + y + z + 1)^20 expanded, term to term (1771 terms)",
         lambda: sp.expand((x + y + z + 1) ** 20)),
        ("ExpandPoly", "the same power on polynomials", lambda: base ** 20),
        ("GCD", "gcd(a c, b c), random trivariate a, b, c (%d and %d terms)" % (len(A.terms()), len(B.terms())),
         lambda: A.gcd(B)),
        ("Factor", "factor a product of univariate polynomials of degrees 3, 5, 7, 9 (%d irreducible factors)" % nfactors,
         lambda: P.factor_list()),
    ]
    go = go_bench(args.benchtime)
    rows = []
    for name, what, fn in workloads:
        s = sympy_time(fn, args.repeat)
        d = go[name]
        rows.append((name, what, d, s, s / d))

    print("SymPy %s (ground types %s), Python %s; Go side: go test -bench, -benchtime %s"
          % (sp.__version__, ground_types(), sys.version.split()[0], args.benchtime))
    print()
    print("| benchmark | workload | derivtex | SymPy | SymPy / derivtex |")
    print("|---|---|---:|---:|---:|")
    for name, what, d, s, r in rows:
        print("| %s | %s | %s | %s | %.1f× |" % (name, what, fmt(d), fmt(s), r))


if __name__ == "__main__":
    main()
