"""bench.py runs the derivtex vs SymPy (and Maxima) comparison end to end
and prints the figures as a Markdown table, also written to
bench/out/results.md (raw numbers in bench/out/results.json).

Run it through bench/run.sh, which builds bin/derivtex and bin/derivbench
first. Sections (see bench/README.md for what each measures and how):

  (a) batch differentiation of a fixed random corpus, with a numeric
      cross-check of every answer against SymPy
  (b) maximum-likelihood derivations of the densities of mle/mle_test.go
  (c) scaling: nested sin(sin(...)) and long explicit sums
  (d) answer size against SymPy's simplified derivative
  (e) `derivtex solve` of the embedded midterm
"""

import argparse
import datetime
import json
import math
import os
import platform
import statistics
import resource
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
OUT = os.path.join(BENCH, "out")
DERIVTEX = os.path.join(OUT, "bin", "derivtex")
DERIVBENCH = os.path.join(OUT, "bin", "derivbench")
PYTHON = "/usr/bin/python3"  # Debian's, with python3-sympy
SIDE = os.path.join(BENCH, "sympy_side.py")

SCALE_TIMEOUT = 60.0  # seconds; larger sizes are skipped once one times out


def out(name):
    return os.path.join(OUT, name)


def wall(cmd, stdin=None, stdout=subprocess.DEVNULL, check=True, cpu=None):
    """wall runs cmd and returns its wall-clock time in seconds, startup
    and exit included. When cpu is a list, the process's CPU time (user +
    system, all threads) is appended to it."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if isinstance(stdout, str) else stdout
    try:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run(cmd, stdin=fin, stdout=fout, stderr=subprocess.PIPE)
        secs = time.perf_counter() - t
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    finally:
        if stdin:
            fin.close()
        if isinstance(stdout, str):
            fout.close()
    if check and p.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode, p.stderr.decode()[-2000:]))
    return secs


def json_lines(cmd, timeout=None):
    """json_lines runs cmd and parses its stdout as JSON Lines. On a
    timeout it returns what was printed so far and timed_out=True."""
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        text, timed_out = p.stdout, False
        if p.returncode != 0:
            raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode, p.stderr.decode()[-2000:]))
    except subprocess.TimeoutExpired as e:
        text, timed_out = e.stdout or b"", True
    return [json.loads(l) for l in text.decode().splitlines() if l.strip()], timed_out


def fmt_s(s):
    if s is None:
        return "–"
    if s < 1e-3:
        return "%.0f µs" % (s * 1e6)
    if s < 1:
        return "%.1f ms" % (s * 1e3) if s < 0.1 else "%.0f ms" % (s * 1e3)
    return "%.2f s" % s if s < 10 else "%.1f s" % s


def fmt_x(r):
    if r is None:
        return "–"
    return "%.0f×" % r if r >= 10 else "%.1f×" % r


def fmt_n(n):
    return "–" if n is None or n < 0 else "{:,}".format(n)


def per_decade(points):
    """per_decade is the time factor per 10× of size between consecutive
    measured sizes: (t2/t1)^(1/log10(n2/n1))."""
    out = []
    for (n1, t1), (n2, t2) in zip(points, points[1:]):
        out.append(((n1, n2), (t2 / t1) ** (1 / math.log10(n2 / n1))))
    return out


def growth_text(n1, n2, per10):
    """growth_text shows a measured span, and for a span shorter than 10×
    the factor it measured and the power law it implies."""
    if n2 / n1 >= 9.99:
        return "%d→%d: %s" % (n1, n2, fmt_x(per10))
    k = math.log10(per10)
    return "%d→%d: %s measured, time ∝ n^%.1f (%s per 10× if that held)" % (
        n1, n2, fmt_x(per10 ** math.log10(n2 / n1)), k, fmt_x(per10))


def machine():
    cpu = "?"
    for l in open("/proc/cpuinfo"):
        if l.startswith("model name"):
            cpu = l.split(":", 1)[1].strip()
            break

    def cmd(*c):
        try:
            return subprocess.run(c, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return "?"
    dirty = [l for l in cmd("git", "status", "--porcelain", "--", ".", ":!bench").splitlines() if l.strip()]
    return {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cores": os.cpu_count(), "cpu": cpu, "os": platform.platform(),
        "go": cmd("go", "version"),
        "sympy": cmd(PYTHON, "-c", "import sympy; print(sympy.__version__)"),
        "python": cmd(PYTHON, "--version"),
        "maxima": cmd("maxima", "--version"),
        "commit": cmd("git", "rev-parse", "--short", "HEAD") + (" + %d uncommitted files" % len(dirty) if dirty else ""),
        "load_start": os.getloadavg(),
    }


# ---------------------------------------------------------------- (a), (d)

def section_corpus(R, reps):
    corpus = out("corpus.txt")
    subprocess.run([DERIVBENCH, "corpus", "-o", corpus], check=True)
    answers = out("derivtex-corpus.jsonl")
    # Batch mode answers lines on every core; --jobs 1 is the same on one,
    # and CPU time is the work on all of them together.
    cli_cpu, cli1 = [], []
    cli = [wall([DERIVTEX, "diff", "-", "--wrt", "x", "--json"], stdin=corpus, stdout=answers, check=False,
                cpu=cli_cpu) for _ in range(reps)]
    for _ in range(reps):
        cli1.append(wall([DERIVTEX, "diff", "-", "--wrt", "x", "--json", "--jobs", "1"], stdin=corpus, check=False))
    # What SymPy's side does: the derivative and its LaTeX, no steps.
    tex = [wall([DERIVTEX, "diff", "-", "--wrt", "x", "--latex"], stdin=corpus, check=False) for _ in range(reps)]
    tex1 = [wall([DERIVTEX, "diff", "-", "--wrt", "x", "--latex", "--jobs", "1"], stdin=corpus, check=False)
            for _ in range(reps)]
    cli_plain = [wall([DERIVTEX, "diff", "-", "--wrt", "x"], stdin=corpus, check=False) for _ in range(reps)]
    inproc = [json_lines([DERIVBENCH, "diffcorpus", "-in", corpus, "-reps", "1"])[0][0]["seconds"] for _ in range(3)]
    inproc_diff = [json_lines([DERIVBENCH, "diffcorpus", "-in", corpus, "-reps", "1", "-plain"])[0][0]["seconds"]
                   for _ in range(3)]
    side = out("sympy-corpus.json")
    subprocess.run([PYTHON, SIDE, "corpus", corpus, answers, side], check=True)
    s = json.load(open(side))
    d = {
        "lines": s["lines"], "cli_runs": cli, "cli_median": statistics.median(cli), "cli_best": min(cli),
        "cli_plain_median": statistics.median(cli_plain),
        "cli_cpu_median": statistics.median(cli_cpu), "cli_jobs1_runs": cli1, "cli_jobs1_median": statistics.median(cli1),
        "latex_median": statistics.median(tex), "latex_jobs1_median": statistics.median(tex1),
        "inprocess_cold": statistics.median(inproc), "inprocess_diff_only_cold": statistics.median(inproc_diff),
        "sympy": {k: v for k, v in s.items() if k != "sizes"},
    }
    d["ratio_diff"] = s["diff_latex_seconds"] / d["cli_median"]
    d["ratio_diff_jobs1"] = s["diff_latex_seconds"] / d["cli_jobs1_median"]
    d["ratio_latex"] = s["diff_latex_seconds"] / d["latex_median"]
    d["ratio_latex_jobs1"] = s["diff_latex_seconds"] / d["latex_jobs1_median"]
    d["ratio_diff_cpu"] = s["diff_latex_seconds"] / d["cli_cpu_median"]
    d["ratio_simplify"] = s["diff_simplify_latex_seconds"] / d["cli_median"]
    R["a"] = d
    R["d"] = sizes(s["sizes"])


def sizes(rows):
    """sizes compares count_ops of derivtex's answer with SymPy's
    simplified derivative (and its unsimplified one), expression by
    expression; the ratio is (ops+1)/(ops+1) so that constants count."""
    def stats(key):
        pairs = [(r["derivtex"], r[key]) for r in rows if r[key] is not None]
        ratios = [(a + 1) / (b + 1) for a, b in pairs]
        return {
            "n": len(pairs),
            "median_ratio": statistics.median(ratios), "mean_ratio": statistics.mean(ratios),
            "total_ratio": sum(a for a, _ in pairs) / max(1, sum(b for _, b in pairs)),
            "larger": sum(a > b for a, b in pairs), "equal": sum(a == b for a, b in pairs),
            "smaller": sum(a < b for a, b in pairs),
            "max_ratio": max(ratios),
            "worst": [r for _, r in sorted((((r["derivtex"] + 1) / (r[key] + 1), r["line"]), r)
                                           for r in rows if r[key] is not None)[-3:]],
        }
    return {"vs_simplified": stats("sympy_simplified"), "vs_diff": stats("sympy_diff")}


# ---------------------------------------------------------------- (b)

def section_mle(R, reps):
    dens = out("densities.jsonl")
    with open(dens, "w") as f:
        subprocess.run([DERIVBENCH, "densities"], stdout=f, check=True)
    rows = [json.loads(l) for l in open(dens)]
    cli = {r["name"]: [] for r in rows}
    for _ in range(reps):
        for r in rows:
            cli[r["name"]].append(wall([DERIVTEX, "mle", r["src"], "--params", ",".join(r["params"]), "--json"]))
    answers = out("derivtex-mle.jsonl")
    with open(answers, "w") as f:
        subprocess.run([DERIVBENCH, "mle", "-reps", "20"], stdout=f, check=True)
    mine = [json.loads(l) for l in open(answers)]
    total = mine[-1]
    side = out("sympy-mle.json")
    subprocess.run([PYTHON, SIDE, "mle", dens, answers, side], check=True)
    theirs = {x["name"]: x for x in json.load(open(side))}
    per = []
    for r, m in zip(rows, mine):
        t = theirs[r["name"]]
        per.append({"name": r["name"], "src": r["src"], "cli": statistics.median(cli[r["name"]]),
                    "inprocess": m["seconds"], "sympy": t["seconds"], "sympy_timeout": t["timeout"],
                    "derivtex_closed": t.get("derivtex_closed"), "sympy_closed": t.get("sympy_closed"),
                    "gradient_ok": t.get("gradient_ok"), "stationary_ok": t.get("stationary_ok"),
                    "detail": {k: t[k] for k in ("gradient_detail", "stationary_detail") if t.get(k)}})
    cli_total = sum(p["cli"] for p in per)
    sympy_total = sum(p["sympy"] for p in per)
    R["b"] = {"densities": per, "cli_total": cli_total, "inprocess_total": total["total_seconds"],
              "inprocess_first": total["first_seconds"], "sympy_total": sympy_total,
              "ratio_cli": sympy_total / cli_total, "ratio_inprocess": sympy_total / total["total_seconds"]}


# ---------------------------------------------------------------- (c)

SCALE = {
    # kind: (derivtex sizes, SymPy sizes, Maxima sizes)
    "nested": ([100, 1000, 10000], [100, 200, 1000, 10000], [50, 100, 1000, 10000]),
    "sum": ([100, 1000, 10000], [100, 1000, 10000], []),
}


def section_scale(R, reps):
    rows = []
    for kind, (dsizes, ssizes, msizes) in SCALE.items():
        for n in dsizes:
            runs = [json_lines([DERIVBENCH, "scale", "-kind", kind, "-n", str(n)])[0][0] for _ in range(reps)]
            r = runs[-1]
            rows.append({"system": "derivtex", "kind": kind, "n": n,
                         "seconds": statistics.median(x["first_seconds"] for x in runs),
                         "warm_seconds": statistics.median(x["seconds"] for x in runs),
                         "size": r["size"], "tree_size": r["tree_size"], "print_len": r["print_len"]})
        for n in ssizes:
            lines, timed_out = json_lines([PYTHON, SIDE, "scale", kind, str(n)], timeout=SCALE_TIMEOUT + 5)
            d = next((l for l in lines if l["phase"] == "diff"), None)
            z = next((l for l in lines if l["phase"] == "size"), None)
            rows.append({"system": "SymPy", "kind": kind, "n": n, "seconds": d and d["seconds"],
                         "timed_out": d is None, "count_ops": z and z["count_ops"], "print_len": z and z["str_len"]})
            if d is None:
                break
        for n in msizes:
            secs, size = maxima_nested(n)
            rows.append({"system": "Maxima", "kind": kind, "n": n, "seconds": secs, "timed_out": secs is None,
                         "print_len": size})
            if secs is None:
                break
    growth = {}
    for sysname in ("derivtex", "SymPy", "Maxima"):
        for kind in SCALE:
            pts = [(r["n"], r["seconds"]) for r in rows if r["system"] == sysname and r["kind"] == kind and r["seconds"]]
            if len(pts) > 1:
                growth["%s %s" % (sysname, kind)] = per_decade(pts)
    # One CLI run at depth 1600, startup, parsing and printing included.
    src = out("nested1600.txt")
    with open(src, "w") as f:
        f.write("sin(" * 1600 + "w" + ")" * 1600 + "\n")
    plain = statistics.median(wall([DERIVTEX, "diff", "-", "--wrt", "w"], stdin=src) for _ in range(reps))
    t = time.perf_counter()
    p = subprocess.Popen([DERIVTEX, "diff", "-", "--wrt", "w", "--json"], stdin=open(src, "rb"), stdout=subprocess.PIPE)
    nbytes = 0
    while chunk := p.stdout.read(1 << 20):
        nbytes += len(chunk)
    _, status, usage = os.wait4(p.pid, 0)
    json_secs = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    R["c"] = {"rows": rows, "growth": growth, "cli1600_plain": plain, "cli1600_json": json_secs,
              "cli1600_json_bytes": nbytes, "cli1600_json_exit": p.returncode,
              "cli1600_json_maxrss_kb": usage.ru_maxrss}


MAXIMA = ('f: w$ for i thru {n} do f: sin(f)$ t0: elapsed_real_time()$ d: diff(f, w)$ '
          't1: elapsed_real_time()$ print("DIFF", t1 - t0)$ print("SIZE", slength(string(d)))$')


def maxima_nested(n):
    """maxima_nested times Maxima's diff of sin(sin(...sin(w))) in one
    batch session (start-up excluded); the size is slength(string(d))."""
    try:
        p = subprocess.run(["maxima", "--very-quiet", "--batch-string", MAXIMA.format(n=n)],
                           capture_output=True, text=True, timeout=SCALE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, None
    secs = size = None
    for l in p.stdout.splitlines():
        f = l.split()
        if f[:1] == ["DIFF"]:
            secs = float(f[1])
        elif f[:1] == ["SIZE"]:
            size = int(f[1])
    return secs, size


# ---------------------------------------------------------------- (e)

def section_solve(R):
    tex = out("solutions.tex")
    runs = [wall([DERIVTEX, "solve", "-o", tex]) for _ in range(20)]
    startup = [wall([DERIVTEX, "diff", "x", "--wrt", "x"]) for _ in range(20)]
    R["e"] = {"solve_median": statistics.median(runs), "solve_best": min(runs), "solve_worst": max(runs),
              "startup_median": statistics.median(startup)}


# ---------------------------------------------------------------- report

def report(R):
    M, a, b, c, d, e = R["machine"], R["a"], R["b"], R["c"], R["d"], R["e"]
    L = []
    w = L.append
    w("# derivtex vs SymPy%s" % (" and Maxima" if any(r["system"] == "Maxima" for r in c["rows"]) else ""))
    w("")
    w("%s; %d cores (%s); load average %.1f at start, %.1f at end; %s; SymPy %s (%s); %s; derivtex %s." % (
        M["date"], M["cores"], M["cpu"], M["load_start"][0], M["load_end"][0], M["go"].replace("go version ", "Go "),
        M["sympy"], M["python"], M["maxima"], M["commit"]))
    w("")
    w("## Summary (ratio = SymPy time / derivtex time, from this one run)")
    w("")
    w("| workload | derivtex | SymPy | ratio |")
    w("|---|---|---|---|")
    n = a["lines"]
    sy = fmt_s(a["sympy"]["diff_latex_seconds"])
    w("| (a) diff + LaTeX of %d random terms: `diff - --latex`, whole process, median of runs, %d cores | %s | %s | **%s** |" % (
        n, M["cores"], fmt_s(a["latex_median"]), sy, fmt_x(a["ratio_latex"])))
    w("| (a) the same with `--jobs 1` (one core) | %s | %s | **%s** |" % (
        fmt_s(a["latex_jobs1_median"]), sy, fmt_x(a["ratio_latex_jobs1"])))
    w("| (a) diff with every step in plain syntax and LaTeX (`diff - --json`), %d cores | %s | %s | **%s** |" % (
        M["cores"], fmt_s(a["cli_median"]), sy, fmt_x(a["ratio_diff"])))
    w("| (a) `--json` with `--jobs 1` (one core) | %s | %s | **%s** |" % (
        fmt_s(a["cli_jobs1_median"]), sy, fmt_x(a["ratio_diff_jobs1"])))
    w("| (a) `--json`, derivtex CPU time on all cores against SymPy's time | %s | %s | **%s** |" % (
        fmt_s(a["cli_cpu_median"]), sy, fmt_x(a["ratio_diff_cpu"])))
    w("| (a) diff + simplify + LaTeX, same terms (derivtex: `--json`) | %s | %s%s | **%s** |" % (
        fmt_s(a["cli_median"]), fmt_s(a["sympy"]["diff_simplify_latex_seconds"]),
        " (%d cut at %.0f s)" % (len(a["sympy"]["simplify_timeouts"]), a["sympy"]["simplify_timeout_seconds"])
        if a["sympy"]["simplify_timeouts"] else "", fmt_x(a["ratio_simplify"])))
    k = len(b["densities"])
    w("| (b) MLE of %d densities, one `derivtex mle --json` process each | %s | %s | **%s** |" % (
        k, fmt_s(b["cli_total"]), fmt_s(b["sympy_total"]), fmt_x(b["ratio_cli"])))
    w("| (b) MLE of %d densities, in-process | %s | %s | **%s** |" % (
        k, fmt_s(b["inprocess_total"]), fmt_s(b["sympy_total"]), fmt_x(b["ratio_inprocess"])))
    for kind, label in (("nested", "(c) d/dw sin(sin(...sin(w))), depth %s"), ("sum", "(c) d/dx sum of k x^k, %s terms")):
        for nn in SCALE[kind][0]:
            dt = next(r for r in c["rows"] if r["system"] == "derivtex" and r["kind"] == kind and r["n"] == nn)
            st = next((r for r in c["rows"] if r["system"] == "SymPy" and r["kind"] == kind and r["n"] == nn), None)
            if st is None:
                sy, ratio = "not run (a smaller size did not finish)", None
            elif st["seconds"] is None:
                sy, ratio = "> %.0f s" % SCALE_TIMEOUT, SCALE_TIMEOUT / dt["seconds"]
            else:
                sy, ratio = fmt_s(st["seconds"]), st["seconds"] / dt["seconds"]
            rs = fmt_x(ratio) if st is None or st["seconds"] is not None else "> " + fmt_x(ratio)
            w("| %s (derivtex in-process) | %s | %s | %s |" % (label % "{:,}".format(nn), fmt_s(dt["seconds"]), sy,
                                                                  rs if ratio else "–"))
    w("")
    w("(e) `derivtex solve` of the embedded midterm, whole process: **%s** median of 20 (best %s, worst %s; "
      "target 50 ms). Process start-up alone (`derivtex diff x --wrt x`): %s." % (
          fmt_s(e["solve_median"]), fmt_s(e["solve_best"]), fmt_s(e["solve_worst"]), fmt_s(e["startup_median"])))
    w("")

    s = a["sympy"]
    w("## (a) Batch differentiation and correctness")
    w("")
    w("- corpus: %d terms (`derivbench corpus`: exprtest seed 20250605, depth 5, smooth, symbols x y w), d/dx" % n)
    w("- derivtex `diff - --wrt x --json` (steps and LaTeX included), whole process: median %s, best %s of %d runs "
      "(%s); CPU time %s; with `--jobs 1` %s (%s); plain answers only: %s; `--latex`: %s, with `--jobs 1` %s" % (
          fmt_s(a["cli_median"]), fmt_s(a["cli_best"]), len(a["cli_runs"]), ", ".join(fmt_s(x) for x in a["cli_runs"]),
          fmt_s(a["cli_cpu_median"]), fmt_s(a["cli_jobs1_median"]), ", ".join(fmt_s(x) for x in a["cli_jobs1_runs"]),
          fmt_s(a["cli_plain_median"]), fmt_s(a["latex_median"]), fmt_s(a["latex_jobs1_median"])))
    w("- derivtex in-process, first pass in a fresh process: %s with steps and LaTeX, %s for parse + `derive.Diff` only" % (
        fmt_s(a["inprocess_cold"]), fmt_s(a["inprocess_diff_only_cold"])))
    w("- SymPy, one warm process, import excluded, cache cleared before each pass: parse_expr + diff + latex %s "
      "(median of %s; parse_expr alone %s); parse_expr + diff + simplify + latex %s (one pass%s)" % (
          fmt_s(s["diff_latex_seconds"]), ", ".join(fmt_s(x) for x in s["diff_latex_runs"]), fmt_s(s["parse_seconds"]),
          fmt_s(s["diff_simplify_latex_seconds"]) + ", median %s per term, %d terms over 1 s" % (
              fmt_s(statistics.median(s["simplify_each_seconds"])), sum(t > 1 for t in s["simplify_each_seconds"])),
          "; %d terms cut at %.0f s each, counted at %.0f s" % (len(s["simplify_timeouts"]), s["simplify_timeout_seconds"],
                                                              s["simplify_timeout_seconds"]) if s["simplify_timeouts"] else ""))
    checked = n - len(s["derivtex_errors"]) - s["unchecked"]
    w("- correctness: derivtex's derivative against SymPy's at 3 random points in (0.1, 2.5)^3 where the term is real "
      "(30 digits, relative tolerance 1e-12): **%d mismatches**, %d derivtex errors, %d terms checked, %d with no "
      "real point found" % (len(s["mismatches"]), len(s["derivtex_errors"]), checked, s["unchecked"]))
    for m in s["mismatches"] + s["derivtex_errors"]:
        w("  - line %d: `%s` → %s" % (m["line"], m["input"], json.dumps({k: v for k, v in m.items() if k not in ("line", "input")})))
    if s["sympy_errors"]:
        w("- SymPy errors: %s" % json.dumps(s["sympy_errors"]))
    w("")

    w("## (b) Maximum-likelihood derivations")
    w("")
    w("| density | derivtex process | derivtex in-process | SymPy | ratio (process) | closed form derivtex / SymPy | gradients agree | estimates agree |")
    w("|---|---|---|---|---|---|---|---|")
    yn = {True: "yes", False: "**no**", None: "–"}
    plain_yn = {True: "yes", False: "no", None: "–"}
    for p in b["densities"]:
        w("| %s: `%s` | %s | %s | %s%s | %s | %s / %s | %s | %s |" % (
            p["name"], p["src"].replace("|", "\\|"), fmt_s(p["cli"]), fmt_s(p["inprocess"]), fmt_s(p["sympy"]),
            " (timeout)" if p["sympy_timeout"] else "", fmt_x(p["sympy"] / p["cli"]),
            plain_yn[p["derivtex_closed"]], plain_yn[p["sympy_closed"]], yn[p["gradient_ok"]], yn[p["stationary_ok"]]))
    w("| **total** | %s | %s (first pass %s) | %s | %s | | | |" % (
        fmt_s(b["cli_total"]), fmt_s(b["inprocess_total"]), fmt_s(b["inprocess_first"]), fmt_s(b["sympy_total"]),
        fmt_x(b["ratio_cli"])))
    for p in b["densities"]:
        if p["detail"]:
            w("- %s: %s" % (p["name"], json.dumps(p["detail"])))
    w("")

    w("## (c) Scaling")
    w("")
    w("| term | n | system | time | answer: shared (DAG) size | tree size / count_ops | printed length |")
    w("|---|---|---|---|---|---|---|")
    for r in c["rows"]:
        if r["system"] == "derivtex":
            t = "%s (warm %s)" % (fmt_s(r["seconds"]), fmt_s(r["warm_seconds"]))
            w("| %s | %s | derivtex | %s | %s | %s tree nodes | %s |" % (
                r["kind"], fmt_n(r["n"]), t, fmt_n(r["size"]), fmt_n(r["tree_size"]),
                fmt_n(r["print_len"]) if r["print_len"] >= 0 else "not printed"))
        else:
            t = "> %.0f s (stopped)" % SCALE_TIMEOUT if r["timed_out"] else fmt_s(r["seconds"])
            ops = fmt_n(r.get("count_ops")) + " ops" if r.get("count_ops") is not None else "–"
            w("| %s | %s | %s | %s | – | %s | %s |" % (r["kind"], fmt_n(r["n"]), r["system"], t, ops,
                                                    fmt_n(r["print_len"]) if r["print_len"] else "–"))
    w("")
    w("Growth: time factor per 10× of size, between consecutive measured sizes:")
    w("")
    for name, g in c["growth"].items():
        w("- %s: %s" % (name, "; ".join(growth_text(n1, n2, f) for (n1, n2), f in g)))
    w("")
    w("One CLI run at depth 1600 (`derivtex diff - --wrt w`, start-up, parsing and printing included): %s "
      "(median); with `--json`, which prints every step's before/after in plain syntax and LaTeX: %s, %s bytes of output, "
      "%s MB peak memory%s." % (
          fmt_s(c["cli1600_plain"]), fmt_s(c["cli1600_json"]), "{:,}".format(c["cli1600_json_bytes"]),
          "{:,}".format(c.get("cli1600_json_maxrss_kb", 0) // 1024),
          "" if c["cli1600_json_exit"] == 0 else " (exit status %d)" % c["cli1600_json_exit"]))
    w("")

    w("## (d) Answer size")
    w("")
    w("SymPy's count_ops (visual=False) of derivtex's answer read back with parse_expr, against count_ops of SymPy's "
      "answer, term by term; ratio = (derivtex + 1)/(SymPy + 1).")
    w("")
    w("| against | terms | median ratio | mean ratio | total ops ratio | derivtex larger / equal / smaller | largest ratio |")
    w("|---|---|---|---|---|---|---|")
    for key, label in (("vs_simplified", "simplify(diff(f))"), ("vs_diff", "diff(f), unsimplified")):
        z = d[key]
        w("| %s | %d | %.2f | %.2f | %.2f | %d / %d / %d | %.2f (line %d) |" % (
            label, z["n"], z["median_ratio"], z["mean_ratio"], z["total_ratio"], z["larger"], z["equal"], z["smaller"],
            z["max_ratio"], z["worst"][-1]["line"]))
    w("")
    w("The terms where derivtex's answer is largest against SymPy's simplified one:")
    w("")
    for r in reversed(d["vs_simplified"]["worst"]):
        w("- line %d, `d/dx %s`: derivtex `%s` (%d ops), SymPy `%s` (%d ops)" % (
            r["line"], r["input"], r["derivtex_result"], r["derivtex"], r["sympy_simplified_result"],
            r["sympy_simplified"]))
    w("")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=7, help="whole-process runs of derivtex per measurement")
    ap.add_argument("--only", default="abce",
                    help="sections to run (d comes with a); the others are kept from out/results.json")
    ap.add_argument("--report", action="store_true", help="only render out/results.json again")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    saved = out("results.json")
    R = json.load(open(saved)) if (args.report or args.only != "abce") and os.path.exists(saved) else {}
    if not args.report:
        R["machine"] = machine()
        t0 = time.time()
        steps = [("a", lambda: section_corpus(R, args.reps)), ("b", lambda: section_mle(R, 5)),
                 ("c", lambda: section_scale(R, 3)), ("e", lambda: section_solve(R))]
        for name, f in steps:
            if name in args.only:
                t = time.time()
                print("bench: section (%s)..." % name, file=sys.stderr, flush=True)
                f()
                print("bench: section (%s) took %.0f s" % (name, time.time() - t), file=sys.stderr, flush=True)
        R["machine"]["load_end"] = os.getloadavg()
        R["machine"]["total_seconds"] = time.time() - t0
        json.dump(R, open(saved, "w"), indent=1, default=str)
    if not all(k in R for k in "abcde"):
        print("bench: sections %s missing, no report" % "".join(k for k in "abcde" if k not in R), file=sys.stderr)
        return
    md = report(R)
    open(out("results.md"), "w").write(md + "\n")
    print(md)
    print("bench: results in %s" % out("results.md"), file=sys.stderr)


if __name__ == "__main__":
    main()
