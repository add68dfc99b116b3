"""network.py compares derivtex's forward and backward passes through a
network with PyTorch's autograd (CPU, float64) and with SymPy
differentiating the same network written as one expression, in one run,
and checks derivtex's gradients against PyTorch's. It prints a Markdown
report, also written to bench/out/network.md (raw numbers in
bench/out/network.json). Section (f) of bench/README.md says what is
measured and how.

Run it through bench/network.sh, which builds bin/derivtex and
bin/derivbench first. The networks come from derivbench net (the
nettest package, as the Go benchmarks run them): a chain of 1000 scalar
operations (sin, tanh, sin, ...) and an MLP of 20 dense 32 x 32 layers
with tanh, L = sum(h * h).

  network.py [--reps N] [--count N] [--sympy-timeout S]
  network.py sympy NET N [WIDTH]      # one SymPy measurement (a subprocess)
"""

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import DERIVBENCH, DERIVTEX, OUT, PYTHON, ROOT, fmt_n, fmt_s, fmt_x, machine, wall  # noqa: E402

TOLERANCE = 1e-9  # relative, between derivtex's and PyTorch's gradients


def spec(net, n, width=32, run=None):
    """spec is the network as derivbench net writes it: the program in
    plain syntax and every input's exact entries; with run ('exact' or
    'float') also one network.Run in that process, with its time and the
    printed size of the gradients."""
    cmd = [DERIVBENCH, "net", "-net", net, "-n", str(n), "-width", str(width)]
    if run:
        cmd.append("-" + run)
    p = subprocess.run(cmd, capture_output=True, check=True)
    return json.loads(p.stdout)


# ---------------------------------------------------------------- PyTorch

CALL = re.compile(r"^(\w+) = (\w+)\((\w+)\)$")                # z = sin(a)
DENSE = re.compile(r"^(\w+) = tanh\((\w+) (\w+) \+ (\w+)\)$")  # h = tanh(W a + b)
SUMSQ = re.compile(r"^(\w+) = sum\((\w+) \* (\w+)\)$")        # L = sum(a * b)


def torch_program(src):
    """torch_program reads the two line shapes the benchmark networks use
    into a function of a dict of tensors, and fails on any other, so that
    PyTorch computes the very network derivtex reads."""
    import torch
    steps = []
    for line in src.strip().splitlines():
        if m := DENSE.match(line):
            z, w, a, b = m.groups()
            steps.append(lambda env, z=z, w=w, a=a, b=b: env.__setitem__(z, torch.tanh(env[w] @ env[a] + env[b])))
        elif m := SUMSQ.match(line):
            z, a, b = m.groups()
            steps.append(lambda env, z=z, a=a, b=b: env.__setitem__(z, (env[a] * env[b]).sum()))
        elif m := CALL.match(line):
            z, f, a = m.groups()
            fn = getattr(torch, f)
            steps.append(lambda env, z=z, fn=fn, a=a: env.__setitem__(z, fn(env[a])))
        else:
            raise ValueError("network.py cannot read %r" % line)
    loss = line.split(" = ")[0]

    def run(inputs):
        env = dict(inputs)
        for s in steps:
            s(env)
        return env[loss]
    return run


def torch_side(sp, reps):
    """torch_side times the forward pass (recording the graph, as
    backward needs) and forward + backward, medians of reps, in float64
    on one thread, and returns the gradients by every input, flat."""
    import torch
    torch.set_num_threads(1)
    run = torch_program(sp["src"])

    def leaves():
        return {name: torch.tensor([float(Fraction(e)) for e in inp["entries"]], dtype=torch.float64)
                .reshape(inp["shape"]).requires_grad_() for name, inp in sp["inputs"].items()}
    fwd, both = [], []
    for _ in range(reps):
        xs = leaves()
        t = time.perf_counter()
        run(xs)
        fwd.append(time.perf_counter() - t)
        xs = leaves()
        t = time.perf_counter()
        run(xs).backward()
        both.append(time.perf_counter() - t)
    grads = {name: xs[name].grad.reshape(-1).tolist() for name in sp["order"]}
    return {"forward": statistics.median(fwd), "both": statistics.median(both), "grads": grads,
            "version": torch.__version__}


# ---------------------------------------------------------------- derivtex

def go_benchmarks(count):
    """go_benchmarks runs the network package's benchmarks (forward,
    forward + backward, the whole Run) and returns the median ns/op of
    each by name."""
    p = subprocess.run(["go", "test", "./network", "-run", "^$", "-bench", "Chain|MLP",
                        "-count", str(count)], capture_output=True, text=True, cwd=ROOT, check=True)
    runs = {}
    for line in p.stdout.splitlines():
        f = line.split()
        if line.startswith("Benchmark") and len(f) >= 4 and f[3] == "ns/op":
            name = re.sub(r"-\d+$", "", f[0][len("Benchmark"):])
            runs.setdefault(name, []).append(float(f[2]) * 1e-9)
    return {k: statistics.median(v) for k, v in runs.items()}


def flatten(v):
    if isinstance(v, list):
        return [x for e in v for x in flatten(e)]
    return [v]


def derivtex_cli(sp, exact, reps):
    """derivtex_cli runs derivtex net --json on the network, reps whole
    processes, and returns the median time and the gradients."""
    cmd = [DERIVTEX, "net", sp["src"], "--json"] + ["%s=%s" % (n, sp["inputs"][n]["plain"]) for n in sp["order"]]
    if not exact:
        cmd.append("--float")
    path = os.path.join(OUT, "net-answer.json")
    times = [wall(cmd, stdout=path) for _ in range(reps)]
    with open(path) as f:
        a = json.load(f)
    return {"seconds": statistics.median(times),
            "grads": {n: flatten(a["gradients"][n]["value"]) for n in sp["order"]}}


def compare(mine, theirs):
    """compare returns the largest relative difference between two
    gradients, entry by entry, and the entries over TOLERANCE."""
    worst, bad = 0.0, 0
    for name, ts in theirs.items():
        for d, t in zip(mine[name], ts, strict=True):
            r = 0.0 if d == t else abs(d - t) / max(abs(d), abs(t))
            worst = max(worst, r)
            bad += r > TOLERANCE
    return worst, bad


# ---------------------------------------------------------------- SymPy

def sympy_one(net, n, width):
    """sympy_one (in its own process) writes the network as one
    expression of its inputs, as symbols, and times diff of it by every
    input; then puts the numbers in, for a check against PyTorch."""
    import sympy
    sp = spec(net, n, width)
    syms, vals = {}, {}
    for name in sp["order"]:
        inp = sp["inputs"][name]
        ss = [sympy.Symbol("%s_%d" % (name, i)) for i in range(len(inp["entries"]))]
        for s, e in zip(ss, inp["entries"]):
            vals[s] = sympy.Rational(e)
        syms[name] = ss if inp["shape"] else ss[0]
    env = dict(syms)
    for line in sp["src"].strip().splitlines():
        if m := DENSE.match(line):
            z, w, a, b = m.groups()
            rows = len(env[b])
            W = env[w]
            env[z] = [sympy.tanh(sum(W[i * len(env[a]) + j] * env[a][j] for j in range(len(env[a]))) + env[b][i])
                      for i in range(rows)]
        elif m := SUMSQ.match(line):
            z, a, b = m.groups()
            env[z] = sum(u * v for u, v in zip(env[a], env[b]))
        elif m := CALL.match(line):
            z, f, a = m.groups()
            env[z] = getattr(sympy, f)(env[a])
        else:
            raise ValueError(line)
    loss = env[line.split(" = ")[0]]
    y = sympy.Symbol("y")
    sympy.diff(sympy.sin(sympy.tanh(y)) * y, y)  # SymPy's first diff loads much of it: not timed
    sympy.core.cache.clear_cache()
    t = time.perf_counter()
    grads = {name: [sympy.diff(loss, s) for s in (syms[name] if isinstance(syms[name], list) else [syms[name]])]
             for name in sp["order"]}
    secs = time.perf_counter() - t
    size = sum(len(str(g)) for gs in grads.values() for g in gs) if n <= 100 else None
    values = {name: [float(g.xreplace(vals).evalf(20)) for g in gs] for name, gs in grads.items()} if net == "chain" or n <= 1 else None
    print(json.dumps({"seconds": secs, "print_len": size, "grads": values, "version": sympy.__version__}))


def sympy_side(net, n, width, timeout):
    try:
        p = subprocess.run([PYTHON, os.path.abspath(__file__), "sympy", net, str(n), str(width)],
                           capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(p.stdout)


# ---------------------------------------------------------------- report

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5, help="whole derivtex processes, PyTorch passes per figure")
    ap.add_argument("--count", type=int, default=3, help="go test -count for the Go benchmarks")
    ap.add_argument("--sympy-timeout", type=float, default=60.0)
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    R = {"machine": machine(), "command": "bench/network.sh " + " ".join(sys.argv[1:])}
    print("go test -bench ...", file=sys.stderr)
    go = go_benchmarks(args.count)
    R["go"] = go

    rows = []
    # (network, n, derivtex modes, the Go benchmark's name)
    cases = [("chain", 1000, [("float", "Chain/float"), ("exact", "Chain/exact")]),
             ("mlp", 20, [("float", "MLP/float/layers=20")]),
             ("mlp", 1, [("float", None), ("exact", "MLP/exact/layers=1")]),
             ("mlp", 2, [("exact", "MLP/exact/layers=2")])]
    for net, n, modes in cases:
        sp = spec(net, n)
        print("%s %d: PyTorch" % (net, n), file=sys.stderr)
        th = torch_side(sp, max(args.reps, 20))
        for mode, bench in modes:
            print("%s %d %s: derivtex" % (net, n, mode), file=sys.stderr)
            first = spec(net, n, run=mode)["run"]
            # derivtex net prints every node's value and adjoint: exactly,
            # that is over its output budget for these networks.
            cli = derivtex_cli(sp, False, args.reps) if mode == "float" else None
            worst, bad = compare(cli["grads"] if cli else first["grads"], th["grads"])
            first.pop("grads")
            row = {"net": net, "n": n, "mode": mode, "torch": {k: th[k] for k in ("forward", "both")},
                   "cli": cli and cli["seconds"], "first": first, "worst": worst, "bad": bad,
                   "entries": sum(len(v) for v in th["grads"].values())}
            if bench:
                row["go"] = {"forward": go[bench + "/forward"], "both": go[bench + "/backward"], "run": go[bench + "/run"]}
            rows.append(row)
        R["torch_version"] = th["version"]
    R["rows"] = rows

    sym = []
    for net, sizes, width in [("chain", [10, 100, 1000], 32), ("mlp", [1, 2, 20], 32)]:
        for n in sizes:
            print("SymPy %s %d" % (net, n), file=sys.stderr)
            r = sympy_side(net, n, width, args.sympy_timeout)
            sym.append({"net": net, "n": n, "result": r})
            if r is None:
                break
    R["sympy"] = sym
    R["machine"]["load_end"] = os.getloadavg()
    with open(os.path.join(OUT, "network.json"), "w") as f:
        json.dump(R, f, indent=1)
    R["sympy_timeout"] = args.sympy_timeout
    text = report(R)
    with open(os.path.join(OUT, "network.md"), "w") as f:
        f.write(text)
    print(text)


def report(R):
    m = R["machine"]
    L = ["%s; %d cores (%s); load average %.1f at start, %.1f at end; %s; PyTorch %s; SymPy %s; derivtex %s." % (
        m["date"], m["cores"], m["cpu"], m["load_start"][0], m["load_end"][0], m["go"], R["torch_version"],
        m["sympy"], m["commit"]), "", "Command: `%s`" % R["command"].strip(), ""]
    L += ["| network | derivtex | forward | forward + backward | backward / forward | PyTorch forward | PyTorch forward + backward | PyTorch backward / forward | PyTorch / derivtex (forward + backward) | `derivtex net` process | gradients against PyTorch |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in R["rows"]:
        name = "chain of %d" % r["n"] if r["net"] == "chain" else "MLP %d × 32×32" % r["n"]
        t = r["torch"]
        tb = (t["both"] - t["forward"]) / t["forward"]
        if "go" in r:
            g = r["go"]
            gb = (g["both"] - g["forward"]) / g["forward"]
            go = [fmt_s(g["forward"]), fmt_s(g["both"]), "%.2f" % gb, fmt_x(t["both"] / g["both"]) if t["both"] > g["both"] else "1/" + fmt_x(g["both"] / t["both"])]
        else:
            go = ["–", "–", "–", "–"]
        check = "max rel. diff %.1e over %d entries%s" % (r["worst"], r["entries"], "" if r["bad"] == 0 else ", **%d over %g**" % (r["bad"], TOLERANCE))
        L.append("| %s | %s | %s | %s | %s | %s | %.2f | %s | %s | %s |" % (
            name, r["mode"], go[0], go[1], go[2], fmt_s(t["forward"]) + " | " + fmt_s(t["both"]), tb, go[3], fmt_s(r["cli"]) if r["cli"] else "–", check))
    L += ["", "Exact gradients, printed (every input's gradient in plain syntax; first `network.Run` in a fresh process):", "",
          "| network | first run, exact | gradient entries' distinct subterms (summed) | tree size | printed length |", "|---|---|---|---|---|"]
    for r in R["rows"]:
        if r["mode"] == "exact":
            s = r["first"]
            name = "chain of %d" % r["n"] if r["net"] == "chain" else "MLP %d × 32×32" % r["n"]
            L.append("| %s | %s | %s | %s | %s |" % (name, fmt_s(s["seconds"]), fmt_n(s["size"]), fmt_n(s["tree_size"]), fmt_n(s["print_len"])))
    L += ["", "SymPy, `diff` of the network written as one expression of its inputs, by every input (fresh process each, cache cleared, stopped at %g s):" % R["sympy_timeout"], "",
          "| network | SymPy diff | printed length | agrees with PyTorch |", "|---|---|---|---|"]
    for s in R["sympy"]:
        r = s["result"]
        name = "chain of %d" % s["n"] if s["net"] == "chain" else "MLP %d × 32×32" % s["n"]
        if r is None:
            L.append("| %s | > %g s (stopped) | – | – |" % (name, R["sympy_timeout"]))
            continue
        agree = "–"
        if r["grads"] is not None:
            th = torch_side(spec(s["net"], s["n"]), 1)["grads"]
            worst, bad = compare(r["grads"], th)
            agree = "yes (max rel. diff %.1e)" % worst if bad == 0 else "**no** (%d entries, max %.1e)" % (bad, worst)
        L.append("| %s | %s | %s | %s |" % (name, fmt_s(r["seconds"]), fmt_n(r["print_len"]), agree))
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "sympy":
        sympy_one(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 32)
    else:
        main()
