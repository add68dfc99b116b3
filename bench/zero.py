#!/usr/bin/env python3
"""Zero recognition side by side: derivtex simplify and SymPy's simplify on
simplify/testdata/zero.txt (identities that are 0, then, after "# near",
expressions that are not). Prints the counts and every miss.

    python3 bench/zero.py [path/to/derivtex]
"""
import subprocess
import sys
import time

import sympy
from sympy.parsing.sympy_parser import (implicit_multiplication_application,
                                        parse_expr, standard_transformations)


def corpus(path):
    near = False
    for line in open(path):
        line = line.strip()
        if line == "# near":
            near = True
        if not line or line.startswith("#"):
            continue
        yield line, near


class SumOf(sympy.Function):
    """derivtex's sum(body, i, lo, hi) as SymPy's Sum."""

    @classmethod
    def eval(cls, body, i, lo, hi):
        return sympy.Sum(body, (i, lo, hi))


def to_sympy(src):
    src = src.replace("^", "**")
    # w[1] -> w_1: indexed entries as plain symbols
    import re
    src = re.sub(r"([A-Za-z]+)\[(\d+)\]", r"\1_\2", src)
    x = sympy.Symbol("x")
    names = {"sigmoid": sympy.Lambda(x, 1 / (1 + sympy.exp(-x))), "abs": sympy.Abs,
             "sum": SumOf, "N": sympy.Symbol("N"), "S": sympy.Symbol("S")}
    # x[i] with a symbolic index: an indexed base
    for name in set(re.findall(r"([A-Za-z]+)\[", src)):
        names[name] = sympy.IndexedBase(name)
    return parse_expr(src, local_dict=names,
                      transformations=standard_transformations + (implicit_multiplication_application,))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "derivtex"
    rows = list(corpus("simplify/testdata/zero.txt"))
    counts = {"derivtex": [0, 0], "sympy": [0, 0]}  # zeros found, wrong zeros
    times = {"derivtex": 0.0, "sympy": 0.0}
    for src, near in rows:
        t = time.perf_counter()
        out = subprocess.run([binary, "simplify", src], capture_output=True, text=True).stdout.strip()
        times["derivtex"] += time.perf_counter() - t
        t = time.perf_counter()
        try:
            s = sympy.simplify(to_sympy(src))
        except (sympy.SympifyError, TypeError) as err:  # a form SymPy does not read
            print(f"SymPy cannot read {src}: {err}")
            s = None
        times["sympy"] += time.perf_counter() - t
        for name, zero in (("derivtex", out == "0"), ("sympy", s == 0)):
            if zero and near:
                counts[name][1] += 1
                print(f"WRONG {name}: {src}")
            elif zero:
                counts[name][0] += 1
            elif not near:
                print(f"missed by {name}: {src}")
    identities = sum(1 for _, near in rows if not near)
    for name in counts:
        print(f"{name}: {counts[name][0]}/{identities} identities to 0, "
              f"{counts[name][1]}/{len(rows) - identities} non-zero ones wrongly 0, {times[name]:.1f} s")


main()
