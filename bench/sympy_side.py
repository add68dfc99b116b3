"""The SymPy side of the derivtex benchmark (bench/README.md).

Run by bench.py with Debian's /usr/bin/python3, one subcommand per
process, so that SymPy is imported once and warm, and the import is never
timed:

    sympy_side.py corpus CORPUS DERIVTEX_JSONL OUT.json   # sections (a), (d)
    sympy_side.py mle DENSITIES_JSONL DERIVTEX_JSONL OUT.json  # section (b)
    sympy_side.py scale nested|sum N                      # section (c), JSON lines on stdout

Every term crosses from derivtex to SymPy as text in derivtex's plain
syntax (explicit *, ^ for powers, abs(), sum(body, i, lo, hi), x[i]),
read by `parse` below with SymPy's own parse_expr.
"""

import json
import keyword
import random
import re
import signal
import statistics
import sys
import threading
import time

import mpmath
import sympy
from sympy import (Abs, E, Function, IndexedBase, Max, Min, Sum, Symbol, count_ops, diff, exp,
                   expand_log, factor_terms, latex, log, pi, simplify, solve)
from sympy.core.cache import clear_cache
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations


class sigmoid(Function):
    """The logistic function, kept whole as derivtex keeps it, with its
    derivative s (1 - s)."""

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, u, **kwargs):
        return 1 / (1 + exp(-u))

    def _eval_evalf(self, prec):
        return self.rewrite(exp)._eval_evalf(prec)


def _sum(body, i, lo, hi):
    return Sum(body, (i, lo, hi))


def _prod(body, i, lo, hi):
    return sympy.Product(body, (i, lo, hi))


# FUNCS maps derivtex's function names to SymPy's.
FUNCS = {
    "exp": exp, "log": log, "sqrt": sympy.sqrt, "sin": sympy.sin, "cos": sympy.cos,
    "tan": sympy.tan, "tanh": sympy.tanh, "sigmoid": sigmoid, "abs": Abs, "sign": sympy.sign,
    "max": Max, "min": Min, "factorial": sympy.factorial, "lgamma": sympy.loggamma,
    "step": sympy.Heaviside, "polygamma": sympy.polygamma, "sum": _sum, "prod": _prod,
    "relu": lambda u: Max(0, u), "pi": pi, "e": E,
}

TRANSFORMS = standard_transformations + (convert_xor,)
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse(text, symbols=None):
    """parse reads a term in derivtex's plain syntax. Every name that is not
    a function becomes symbols[name] if given, else a plain Symbol, so that
    names SymPy knows (N, beta, gamma, S, E...) stay symbols; Python
    keywords (lambda) are renamed on the way in and keep their name."""
    symbols = symbols or {}
    local = {}

    def rename(m):
        name = m.group(0)
        if name in FUNCS:
            local[name] = FUNCS[name]
            return name
        key = name + "_" if keyword.iskeyword(name) else name
        local[key] = symbols[name] if name in symbols else Symbol(name)
        return key

    text = IDENT.sub(rename, text)
    return parse_expr(text, local_dict=local, global_dict={"Integer": sympy.Integer,
                      "Rational": sympy.Rational, "Float": sympy.Float, "Symbol": Symbol},
                      transformations=TRANSFORMS)


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def with_timeout(seconds, f, *args):
    """with_timeout runs f(*args) for at most seconds (main thread only)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return f(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# Numeric evaluation for the correctness checks, at 30 digits.
mpmath.mp.dps = 30
NUMERIC = [{"sigmoid": lambda u: 1 / (1 + mpmath.exp(-u)), "Heaviside": lambda u: mpmath.mpf(u > 0)},
           "mpmath"]


def numeric(e, args):
    return sympy.lambdify(args, e, modules=NUMERIC)


def finite(v):
    try:
        c = mpmath.mpc(v)
    except (TypeError, ValueError):
        return False
    return mpmath.isfinite(c.real) and mpmath.isfinite(c.imag)


def close(a, b, rel=1e-12):
    a, b = mpmath.mpc(a), mpmath.mpc(b)
    return abs(a - b) <= rel * max(1, abs(a), abs(b))


# ---------------------------------------------------------------- (a), (d)

X, Y, W = Symbol("x"), Symbol("y"), Symbol("w")
CORPUS_SYMBOLS = {"x": X, "y": Y, "w": W}
SIMPLIFY_TIMEOUT = 5.0  # seconds per expression


def corpus(corpus_path, derivtex_path, out_path):
    sys.setrecursionlimit(100000)
    lines = [l.strip() for l in open(corpus_path) if l.strip()]
    answers = [json.loads(l) for l in open(derivtex_path) if l.strip()]
    assert len(answers) == len(lines), "derivtex answered %d of %d lines" % (len(answers), len(lines))

    def pass_diff():
        clear_cache()
        parse_s, out = 0.0, []
        t0 = time.perf_counter()
        for l in lines:
            t = time.perf_counter()
            f = parse(l, CORPUS_SYMBOLS)
            parse_s += time.perf_counter() - t
            d = diff(f, X)
            latex(d)
            out.append((f, d))
        return time.perf_counter() - t0, parse_s, out

    diff_runs = [pass_diff() for _ in range(3)]
    diff_times = [r[0] for r in diff_runs]
    parse_time = statistics.median(r[1] for r in diff_runs)
    pairs = diff_runs[-1][2]

    # diff + simplify + latex, once, each expression under a time limit.
    clear_cache()
    simplified, timeouts, errors, each = [], [], [], []
    t0 = time.perf_counter()
    for k, l in enumerate(lines):
        t = time.perf_counter()
        def work():
            f = parse(l, CORPUS_SYMBOLS)
            s = simplify(diff(f, X))
            latex(s)
            return s
        try:
            simplified.append(with_timeout(SIMPLIFY_TIMEOUT, work))
        except Timeout:
            simplified.append(None)
            timeouts.append(k)
        except Exception as e:  # SymPy failing is a finding, not a crash of the harness
            simplified.append(None)
            errors.append({"line": k + 1, "error": repr(e)})
        each.append(time.perf_counter() - t)
    simplify_time = time.perf_counter() - t0

    # Correctness and sizes, untimed.
    mismatches, unchecked, derivtex_errors, sizes = [], 0, [], []
    for k, (l, a, (f, d), s) in enumerate(zip(lines, answers, pairs, simplified)):
        if a.get("error") or not a.get("result"):
            derivtex_errors.append({"line": k + 1, "input": l, "error": a.get("error", "no result")})
            continue
        r = parse(a["result"], CORPUS_SYMBOLS)
        ok, checked, detail = check_points(f, d, r, seed=k)
        if checked == 0:
            unchecked += 1
        if not ok:
            mismatches.append({"line": k + 1, "input": l, "derivtex": a["result"], "sympy": str(d), "at": detail})
        sizes.append({"line": k + 1, "derivtex": count_ops(r), "sympy_diff": count_ops(d),
                      "sympy_simplified": None if s is None else count_ops(s),
                      "input": l, "derivtex_result": a["result"], "sympy_simplified_result": None if s is None else str(s)})

    json.dump({
        "lines": len(lines),
        "diff_latex_seconds": statistics.median(diff_times),
        "diff_latex_runs": diff_times,
        "parse_seconds": parse_time,
        "diff_simplify_latex_seconds": simplify_time,
        "simplify_timeout_seconds": SIMPLIFY_TIMEOUT,
        "simplify_timeouts": [lines[k] for k in timeouts],
        "simplify_each_seconds": each,
        "sympy_errors": errors,
        "mismatches": mismatches,
        "unchecked": unchecked,
        "derivtex_errors": derivtex_errors,
        "sizes": sizes,
    }, open(out_path, "w"), indent=1)


def check_points(f, d, r, seed, want=3, tries=200):
    """check_points compares derivtex's derivative r with SymPy's d at want
    random points where f is real and finite."""
    args = (X, Y, W)
    fn, dn, rn = numeric(f, args), numeric(d, args), numeric(r, args)
    rng = random.Random(seed)
    checked = 0
    for _ in range(tries):
        p = [mpmath.mpf(rng.uniform(0.1, 2.5)) for _ in args]
        try:
            fv = mpmath.mpc(fn(*p))
            if not finite(fv) or abs(fv.imag) > 1e-25 * max(1, abs(fv)):
                continue
            dv = dn(*p)
        except (ZeroDivisionError, ValueError, OverflowError):
            continue
        if not finite(dv):
            continue
        try:
            rv = rn(*p)
        except (ZeroDivisionError, ValueError, OverflowError) as e:
            return False, checked, {"point": [str(v) for v in p], "sympy": str(dv), "derivtex": repr(e)}
        if not finite(rv) or not close(rv, dv):
            return False, checked, {"point": [str(v) for v in p], "sympy": str(dv), "derivtex": str(rv)}
        checked += 1
        if checked == want:
            break
    return True, checked, None


# ---------------------------------------------------------------- (b)

MLE_TIMEOUT = 60.0  # seconds per density


def mle_symbols(row, positive):
    syms = {"i": Symbol("i", integer=True, positive=True), "j": Symbol("j", integer=True, positive=True),
            "N": Symbol("N", integer=True, positive=True),
            "x": IndexedBase("x", real=True), "y": IndexedBase("y", real=True)}
    for p in row["params"]:
        syms[p] = Symbol(p, positive=True) if p in positive else Symbol(p, real=True)
    return syms


def mle_sympy(row, syms):
    """mle_sympy does with SymPy what `derivtex mle` does: the negative
    log-likelihood as a Sum over examples, logarithms expanded, the Sum
    split and constants pulled out, the gradient, the stationary point, and
    LaTeX for all of it."""
    i, N = syms["i"], syms["N"]
    plain = {"x": Symbol("x", real=True), "y": Symbol("y", real=True)}
    f = parse(row["plain"], {**syms, **plain})
    fi = f.subs({plain["x"]: syms["x"][i], plain["y"]: syms["y"][i]})
    summand = expand_log(-log(fi), force=True)
    nll = Sum(summand, (i, 1, N)).expand().doit()
    params = [syms[p] for p in row["params"]]
    grads = [factor_terms(diff(nll, p).expand().doit()) for p in params]
    try:
        sols = solve(grads, params, dict=True)
    except NotImplementedError:
        sols = []
    tex = [latex(nll)] + [latex(g) for g in grads] + [latex(v) for s in sols for v in s.values()]
    return nll, grads, sols, sum(len(t) for t in tex)


def mle(densities_path, derivtex_path, out_path):
    rows = [json.loads(l) for l in open(densities_path) if l.strip()]
    answers = {a["name"]: a for a in (json.loads(l) for l in open(derivtex_path) if l.strip()) if "name" in a}
    results = {r["name"]: {"times": []} for r in rows}
    for rep in range(3):
        clear_cache()
        for r in rows:
            res = results[r["name"]]
            syms = mle_symbols(r, answers[r["name"]].get("positive") or [])
            t = time.perf_counter()
            try:
                out = with_timeout(MLE_TIMEOUT, mle_sympy, r, syms)
            except Timeout:
                res["timeout"] = True
                res["times"].append(MLE_TIMEOUT)
                continue
            res["times"].append(time.perf_counter() - t)
            if rep == 0:
                res["out"] = out
                res["syms"] = syms
    report = []
    for r in rows:
        res, a = results[r["name"]], answers[r["name"]]
        item = {"name": r["name"], "seconds": statistics.median(res["times"]), "timeout": res.get("timeout", False)}
        if "out" in res:
            nll, grads, sols, texlen = res["out"]
            item.update(cross_check_mle(r, a, res["syms"], grads, sols))
            item["sympy_gradient"] = [str(g) for g in grads]
            item["sympy_stationary"] = [{str(k): str(v) for k, v in s.items()} for s in sols]
        report.append(item)
    json.dump(report, open(out_path, "w"), indent=1)


def cross_check_mle(row, answer, syms, grads, sols, n=5):
    """cross_check_mle evaluates derivtex's and SymPy's gradients and
    stationary points on the same random data set of n examples."""
    rng = random.Random(row["name"])
    N, X_, Y_ = syms["N"], syms["x"], syms["y"]
    data = {}
    for k in range(1, n + 1):
        data[X_[k]] = sympy.Rational(rng.randint(50, 150), 100)
        data[Y_[k]] = sympy.Rational(rng.randint(30, 200), 100)
    point = {syms[p]: sympy.Rational(rng.randint(20, 80), 100) for p in row["params"]}

    def value(e, at):
        e = e.subs(N, n).doit().subs(data).subs(at)
        return complex(sympy.N(e, 30))

    out = {"gradient_ok": True, "gradient_detail": []}
    for p, g in zip(row["params"], grads):
        d = parse(answer["gradient"][p], syms)
        dv, sv = value(d, point), value(g, point)
        if not close(dv, sv, 1e-9):
            out["gradient_ok"] = False
            out["gradient_detail"].append({"param": p, "derivtex": str(dv), "sympy": str(sv)})
    out["derivtex_closed"] = answer.get("stationary") is not None
    out["sympy_closed"] = any(set(map(str, s)) == set(row["params"]) for s in sols)
    if out["derivtex_closed"] and out["sympy_closed"]:
        mine = {p: value(parse(v, syms), {}) for p, v in answer["stationary"].items()}
        out["stationary_ok"] = any(
            all(close(mine[str(k)], value(v, {}), 1e-9) for k, v in s.items()) for s in sols
            if set(map(str, s)) == set(row["params"]))
        if not out["stationary_ok"]:
            out["stationary_detail"] = {"derivtex": {k: str(v) for k, v in mine.items()}}
    return out


# ---------------------------------------------------------------- (c)

def scale(kind, n):
    """scale times SymPy's diff of sin(sin(...sin(w))) or of the explicit
    sum of k x^k, and then the answer's size; each result is printed as
    soon as it is known, so a run cut short still reports its time."""
    sys.setrecursionlimit(10 ** 7)
    threading.stack_size(1 << 30)
    result = {}

    def run():
        w, x = Symbol("w"), Symbol("x")
        t = time.perf_counter()
        if kind == "nested":
            f, v = w, w
            for _ in range(n):
                f = sympy.sin(f)
        else:
            f, v = sympy.Add(*[sympy.Integer(k) * x ** k for k in range(1, n + 1)]), x
        build = time.perf_counter() - t
        t = time.perf_counter()
        d = diff(f, v)
        secs = time.perf_counter() - t
        print(json.dumps({"phase": "diff", "kind": kind, "n": n, "seconds": secs, "build_seconds": build}), flush=True)
        t = time.perf_counter()
        s = str(d)
        print(json.dumps({"phase": "size", "str_len": len(s), "count_ops": count_ops(d),
                          "seconds": time.perf_counter() - t}), flush=True)
        result["done"] = True

    th = threading.Thread(target=run)
    th.start()
    th.join()
    if not result:
        sys.exit(1)


def main():
    cmd = sys.argv[1]
    if cmd == "corpus":
        corpus(*sys.argv[2:5])
    elif cmd == "mle":
        mle(*sys.argv[2:5])
    elif cmd == "scale":
        scale(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit("usage: sympy_side.py corpus|mle|scale ...")


if __name__ == "__main__":
    main()
