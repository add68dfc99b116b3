"""conv.py checks derivtex's convolutions and poolings against PyTorch
(CPU, float64: torch.nn.functional.conv1d/conv2d, max_pool1d/2d,
avg_pool1d/2d and autograd) and times both, in one run. It prints a
Markdown report, also written to bench/out/conv.md (raw numbers in
bench/out/conv.json).

(1) Random small cases with whole-number entries, computed exactly by
derivtex: shapes, strides, paddings (numbers, same, full), rates,
channels, batches, biases, flipped kernels, and max- and average
pooling with windows, strides and paddings. The loss is L = sum(y * u)
for a random u, so that every gradient is a correlation with a random
upstream gradient. Values and gradients (by x, w, b and u) must equal
PyTorch's; the report counts the cases that agree and the largest
difference.

(2) Float images from 64 x 64 to 256 x 256 with 3 x 3 and 5 x 5 kernels
and 3 input channels, derivtex in float64: the largest relative
difference and the median times of the forward pass and of the forward
and backward passes, derivtex (in-process, derivbench conv) beside
PyTorch.

Run it through bench/conv.sh, which builds bin/derivbench first.

  conv.py [--cases N] [--reps N] [--seed S]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import DERIVBENCH, OUT, machine  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)  # derivtex's passes run on one core


def derivtex(cases):
    """derivtex runs the cases in one derivbench conv process."""
    lines = "".join(json.dumps(c) + "\n" for c in cases)
    p = subprocess.run([DERIVBENCH, "conv"], input=lines, capture_output=True, text=True, check=True)
    return [json.loads(l) for l in p.stdout.splitlines()]


def listed(v, d):
    """listed writes a keyword's value: one number or a list per axis."""
    return str(v[0]) if len(set(v)) == 1 else "[" + ", ".join(map(str, v)) + "]"


def random_conv(r):
    """random_conv is a convolution whose output is not empty: its
    derivtex program, its inputs' shapes and a PyTorch function of
    them."""
    while True:
        d = r.choice([1, 2])
        layout = r.choice([0, 1, 2])  # plain, channels, batch
        n, cin, cout = (r.randint(1, 2) if layout == 2 else 1), (r.randint(1, 3) if layout else 1), (r.randint(1, 3) if layout else 1)
        size = [r.randint(1, 8) for _ in range(d)]
        k = [r.randint(1, 3) for _ in range(d)]
        s = [r.randint(1, 3) for _ in range(d)]
        rate = [r.randint(1, 2) for _ in range(d)]
        pad = [r.randint(0, 2) for _ in range(d)]
        mode = r.choice(["", "", "", "same", "full"])
        if mode == "same":
            s = [1] * d
        if mode == "full":
            pad = [ri * (ki - 1) for ri, ki in zip(rate, k)]
        flip, bias = r.random() < 0.25, r.random() < 0.35
        span = [ri * (ki - 1) + 1 for ri, ki in zip(rate, k)]
        total = [2 * p for p in pad] if mode != "same" else [sp - 1 for sp in span]
        if any(n_ + t < sp for n_, t, sp in zip(size, total, span)):
            continue
        keys = ["stride: " + listed(s, d), "rate: " + listed(rate, d)]
        keys.append("pad: " + (mode or listed(pad, d)))
        if flip:
            keys.append("flip: true")
        lead = [[], [cin], [n, cin]][layout]
        shapes = {"x": lead + size, "w": ([cout, cin] if layout else []) + k}
        args = "x, w"
        if bias:
            args += ", b"
            shapes["b"] = [cout]
        src = "y = conv%dd(%s, %s)" % (d, args, ", ".join(keys))

        def torch_fn(t, d=d, layout=layout, s=s, rate=rate, pad=pad, mode=mode, flip=flip, bias=bias):
            x, w = t["x"], t["w"]
            for _ in range(2 - layout):
                x = x.unsqueeze(0)
            if layout == 0:
                w = w.reshape([1, 1] + list(w.shape))
            if flip:
                w = w.flip(list(range(2, 2 + d)))
            conv = F.conv1d if d == 1 else F.conv2d
            padding = "same" if mode == "same" else pad
            y = conv(x, w, t["b"].reshape(-1) if bias else None, stride=s if mode != "same" else 1, padding=padding, dilation=rate)
            for _ in range(2 - layout):
                y = y.squeeze(0)
            return y
        return src, shapes, torch_fn


def random_pool(r):
    """random_pool is a max- or average pooling of a random tensor."""
    while True:
        op = r.choice(["maxpool", "avgpool"])
        rank = r.randint(1, 4)
        shape = [r.randint(1, 7) for _ in range(rank)]
        d = min(rank, 2)
        k = [r.randint(1, 3) for _ in range(d)]
        if r.random() < 0.5:
            k = [k[0]] * d
        s = list(k) if r.random() < 0.5 else [r.randint(1, 3) for _ in range(d)]
        pad = [r.randint(0, ki // 2) for ki in k]
        if any(n + 2 * p < ki for n, p, ki in zip(shape[-d:], pad, k)):
            continue
        src = "y = %s(x, %s, stride: %s, pad: %s)" % (op, "[" + ", ".join(map(str, k)) + "]" if len(set(k)) > 1 else str(k[0]), listed(s, d), listed(pad, d))

        def torch_fn(t, op=op, shape=shape, d=d, k=k, s=s, pad=pad):
            x = t["x"].reshape([-1, 1] + shape[-d:])
            fn = {("maxpool", 1): F.max_pool1d, ("maxpool", 2): F.max_pool2d, ("avgpool", 1): F.avg_pool1d, ("avgpool", 2): F.avg_pool2d}[op, d]
            y = fn(x, k, stride=s, padding=pad)
            return y.reshape(shape[:-d] + list(y.shape[-d:]))
        return src, {"x": shape}, torch_fn


def numel(shape):
    n = 1
    for x in shape:
        n *= x
    return n


def torch_side(fn, shapes, data, reps=1):
    """torch_side runs fn forward and backward on the data: the value of
    y, the gradients of L = sum(y * u), and the median times."""
    t = {k: torch.tensor(v, dtype=torch.float64).reshape(shapes[k]).requires_grad_() for k, v in data.items() if k != "u"}
    y = fn(t)
    u = torch.tensor(data["u"], dtype=torch.float64).reshape(y.shape).requires_grad_() if "u" in data else None
    fwd, run = [], []
    for _ in range(reps):
        start = time.perf_counter()
        with torch.no_grad():
            fn(t)
        fwd.append(time.perf_counter() - start)
        start = time.perf_counter()
        for v in t.values():
            v.grad = None
        y = fn(t)
        if u is not None:
            u.grad = None
            (y * u).sum().backward()
        run.append(time.perf_counter() - start)
    grads = {k: v.grad.reshape(-1).tolist() for k, v in t.items()}
    if u is not None:
        grads["u"] = u.grad.reshape(-1).tolist()
    return y.detach().reshape(-1).tolist(), grads, statistics.median(fwd), statistics.median(run)


def output_shape(fn, shapes):
    t = {k: torch.zeros(numel(v), dtype=torch.float64).reshape(v) for k, v in shapes.items()}
    return list(fn(t).shape)


def exact_section(r, count):
    """exact_section runs the small cases, exactly in derivtex."""
    cases, sides = [], []
    for i in range(count):
        src, shapes, fn = (random_conv if i % 3 else random_pool)(r)
        shapes = dict(shapes)
        shapes["u"] = output_shape(fn, {k: v for k, v in shapes.items()})
        data = {k: [r.randint(-4, 4) for _ in range(numel(v))] for k, v in shapes.items()}
        cases.append({"src": src + "\nL = sum(y * u)", "inputs": {k: {"shape": shapes[k], "data": data[k]} for k in shapes}, "exact": True, "reps": 1})
        sides.append((src, shapes, fn, data))
    results = derivtex(cases)
    agree, worst, failures = 0, 0.0, []
    for (src, shapes, fn, data), res in zip(sides, results):
        if "error" in res:
            failures.append((src, shapes, res["error"]))
            continue
        y, grads, _, _ = torch_side(fn, shapes, data)
        diffs = [abs(a - b) for a, b in zip(res["values"]["y"], y)]
        for k, g in grads.items():
            diffs += [abs(a - b) for a, b in zip(res["grads"].get(k, [0.0] * len(g)), g)]
        ok = len(res["values"]["y"]) == len(y) and all(len(res["grads"].get(k, g)) == len(g) for k, g in grads.items())
        worst = max(worst, max(diffs, default=0.0))
        if ok and max(diffs, default=0.0) <= 1e-12:
            agree += 1
        else:
            failures.append((src, shapes, max(diffs, default=0.0)))
    return {"cases": count, "agree": agree, "max_abs_diff": worst, "failures": failures[:10]}


def float_section(r, reps):
    """float_section runs large float images in both systems."""
    rows = []
    for size in (64, 128, 256):
        for k in (3, 5):
            shapes = {"x": [1, 3, size, size], "w": [8, 3, k, k], "b": [8]}
            src = "y = conv2d(x, w, b, pad: 1)\nq = maxpool(y, 2)"

            def fn(t):
                return F.max_pool2d(F.conv2d(t["x"], t["w"], t["b"], padding=1), 2)
            shapes["u"] = output_shape(fn, {k_: v for k_, v in shapes.items() if k_ != "u"})
            data = {name: [r.uniform(-1, 1) for _ in range(numel(v))] for name, v in shapes.items()}
            res = derivtex([{"src": src + "\nL = sum(q * u)", "inputs": {n: {"shape": shapes[n], "data": data[n]} for n in shapes}, "exact": False, "reps": reps}])[0]
            if "error" in res:
                rows.append({"size": size, "k": k, "error": res["error"]})
                continue
            y, grads, tf, tr = torch_side(fn, shapes, data, reps)
            rel = max(abs(a - b) / (1 + abs(b)) for a, b in zip(res["values"]["q"], y))
            for name, g in grads.items():
                rel = max(rel, max(abs(a - b) / (1 + abs(b)) for a, b in zip(res["grads"][name], g)))
            rows.append({"size": size, "k": k, "max_rel_diff": rel, "derivtex_forward_s": res["forward_s"], "derivtex_run_s": res["run_s"],
                         "torch_forward_s": tf, "torch_run_s": tr})
    return rows


def report(m, exact, rows):
    out = ["# Convolution and pooling: derivtex against PyTorch", "",
           "%s, %s cores, %s; PyTorch %s on the CPU, one thread, float64." % (m["cpu"], m["cores"], m["date"], torch.__version__), "",
           "## Exact small cases", "",
           "%d random cases (two thirds conv1d/conv2d over shapes, strides, pads, same and full padding, rates, channels, batches, biases, flipped kernels; one third maxpool/avgpool), derivtex exact: **%d agree** with PyTorch in the value and every gradient of L = sum(y * u); largest difference %.3g." % (exact["cases"], exact["agree"], exact["max_abs_diff"]), ""]
    for f in exact["failures"]:
        out.append("- disagrees: `%s` %s: %s" % (f[0], f[1], f[2]))
    out += ["", "## Float images: y = conv2d(x, w, b, pad: 1) with 8 kernels over 3 channels, then maxpool(y, 2); L = sum(q * u)", "",
            "| image | kernel | max rel. diff | derivtex forward | PyTorch forward | derivtex fwd+bwd | PyTorch fwd+bwd | ratio fwd+bwd |",
            "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            out.append("| %d x %d | %d x %d | error: %s | | | | | |" % (r["size"], r["size"], r["k"], r["k"], r["error"]))
            continue
        out.append("| %d x %d | %d x %d | %.1e | %.4f s | %.4f s | %.4f s | %.4f s | %.0fx |" % (
            r["size"], r["size"], r["k"], r["k"], r["max_rel_diff"], r["derivtex_forward_s"], r["torch_forward_s"],
            r["derivtex_run_s"], r["torch_run_s"], r["derivtex_run_s"] / r["torch_run_s"]))
    out.append("")
    out.append("Times are medians; derivtex's are network.Forward and network.Run in-process (derivbench conv), values and gradients turned into tensors; PyTorch's are F.conv2d and F.max_pool2d, then backward() of sum(q * u).")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    r = random.Random(a.seed)
    exact = exact_section(r, a.cases)
    rows = float_section(r, a.reps)
    m = machine()
    text = report(m, exact, rows)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "conv.md"), "w") as f:
        f.write(text)
    with open(os.path.join(OUT, "conv.json"), "w") as f:
        json.dump({"machine": m, "exact": exact, "float": rows}, f, indent=1)
    print(text)


if __name__ == "__main__":
    main()
