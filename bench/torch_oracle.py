"""torch_oracle.py checks derivtex net against PyTorch autograd on random
networks: networks nobody wrote down, over every operation derivtex net
supports, with random shapes and random values. Each network is written
in derivtex's syntax and run as one `derivtex net ... --float --json`
process; the same network is built at the same time in PyTorch (float64,
CPU), and the loss and every input's gradient (and, on every third
network, the inputs after a step of --lr 0.25) must agree to a relative
1e-9, with an absolute floor of 1e-12 times the largest entry of that
tensor (or 1e-13, if larger), so that a gradient that is 0 in exact
arithmetic is not held to digits neither side has. A subset of small
networks is also run exactly (without --float) and its exact answers'
float values are compared the same way.

Run it through bench/oracle.sh, which builds bin/derivtex first.

  torch_oracle.py [--count N] [--kinks N] [--exact N] [--seed S] [--jobs J] [--show]

The generator keeps to the domains and away from the kinks: it builds
each tensor's PyTorch value as it writes the network, and takes an
operation only where its arguments allow it (log and sqrt of entries
above 0.05, relu and abs away from 0, no exact ties for max and min of
two tensors, division by entries away from 0, exp below 10). The
--kinks networks draw their values from -1, -1/2, 0, 1/2, 1, 2, so that
kinks and ties come up and PyTorch's conventions, which derivtex states,
are checked as well. Section (g) of bench/README.md says what a run
found.
"""

import argparse
import concurrent.futures
import json
import math
import os
import random
import re
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import DERIVTEX, OUT  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
DT = torch.float64
RTOL = 1e-9         # relative, entry by entry
FLOOR = 1e-13       # absolute floor ...
FLOOR_REL = 1e-12   # ... or this times the largest entry of the tensor
TIMEOUT = 120.0     # seconds for one derivtex process


# ---------------------------------------------------------------- tensors

class T:
    """T is a tensor of the network being written: its text in
    derivtex's syntax, whether that text is an atom (a name, a call, a
    parenthesized term), which may take ^T, an index or a juxtaposition
    without parentheses, and its PyTorch value, in the graph of the
    inputs."""

    def __init__(self, text, val, atom=False, cls=False):
        self.text, self.val, self.atom, self.cls = text, val, atom, cls

    @property
    def shape(self):
        return tuple(self.val.shape)

    def wrap(self):
        return self.text if self.atom else "(" + self.text + ")"


def decimal_text(v):
    """decimal_text writes v with 3 decimals, as derivtex reads it
    exactly (0.731 is 731/1000) and Python reads it to the nearest
    float64, as derivtex --float does."""
    s = "%.3f" % v
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def nested_text(vals, shape):
    if not shape:
        return vals[0]
    step = len(vals) // shape[0]
    return "[" + ", ".join(nested_text(vals[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])) + "]"


class Net:
    """Net is one random network as it is written: its inputs (name,
    value text, leaf tensor), its lines, and the pool of tensors an
    operation may take."""

    def __init__(self, rng, small, kinks=False):
        self.rng, self.small, self.kinks = rng, small, kinks
        self.inputs = []   # (name, text, leaf or None for a class)
        self.lines = []
        self.pool = []     # T that are names (inputs, assignments)
        self.used = set()  # names some line reads
        self.ops = []      # operation names used, for the report
        self.forced = None  # the inline term the next operation takes first

    def dim(self):
        return self.rng.randint(1, 3 if self.small else 4)

    def shape(self, rank=None):
        if rank is None:
            rank = self.rng.choices([0, 1, 2, 3], [2, 5, 4, 1 if not self.small else 0])[0]
        if rank == 2 and self.rng.random() < 0.1:
            return (1, self.dim())  # a row
        return tuple(self.dim() for _ in range(rank))

    def input(self, shape, kind="real"):
        """input makes a new input of the shape: entries in (-2, 2) away
        from 0, or in (0.2, 2) when positive, or in (0.05, 0.95) for a
        probability."""
        r = self.rng
        n = math.prod(shape)
        vals = []
        for _ in range(n):
            if self.kinks:
                # few values, so that zeros and ties come up
                v = r.choice({"positive": [0.5, 1, 2], "prob": [0.25, 0.5, 0.75]}.get(kind, [-1, -0.5, 0, 0.5, 1, 2]))
            elif kind == "positive":
                v = r.uniform(0.2, 2)
            elif kind == "prob":
                v = r.uniform(0.05, 0.95)
            else:
                v = r.uniform(0.05, 2) * r.choice([-1, 1])
            vals.append(decimal_text(v))
        name = "%s%d" % ("W" if len(shape) >= 2 else "x" if shape else "s", len(self.inputs) + 1)
        leaf = torch.tensor([float(v) for v in vals], dtype=DT).reshape(shape).requires_grad_()
        self.inputs.append((name, nested_text(vals, list(shape)), leaf))
        t = T(name, leaf, atom=True)
        self.pool.append(t)
        return t

    def pick(self, pred=lambda t: True, fresh=None, kind="real"):
        """pick takes a tensor of the pool that pred accepts, most often
        a recent one, or a fresh input of shape fresh (a tuple, or None for
        a random shape)."""
        if self.forced is not None:
            t, self.forced = self.forced, None
            if pred(t):
                return t
        cands = [t for t in self.pool if not t.cls and pred(t)]
        if cands and self.rng.random() < 0.8:
            # prefer the tensors no line reads yet, so that most feed the loss
            unread = [t for t in cands if t.text not in self.used]
            if unread and self.rng.random() < 0.7:
                cands = unread
            return cands[-1] if self.rng.random() < 0.5 else self.rng.choice(cands)
        shape = fresh if fresh is not None else self.shape()
        t = self.input(shape, kind)
        return t if pred(t) else None


# ---------------------------------------------------------------- operations

def minabs(t):
    return t.val.detach().abs().min().item() if t.val.numel() else 0.0


def vmin(t):
    return t.val.detach().min().item()


def vmax(t):
    return t.val.detach().max().item()


def finite_ok(v, bound=1e6):
    d = v.detach()
    return bool(torch.isfinite(d).all()) and (d.numel() == 0 or d.abs().max().item() < bound)


ELEMENTWISE = {
    # name: (torch function, domain check on the argument)
    "sin": (torch.sin, lambda t: True),
    "cos": (torch.cos, lambda t: True),
    "tan": (torch.tan, lambda t: torch.cos(t.val.detach()).abs().min().item() > 0.2),
    "tanh": (torch.tanh, lambda t: True),
    "sigmoid": (torch.sigmoid, lambda t: True),
    "exp": (torch.exp, lambda t: vmax(t) < 10),
    "log": (torch.log, lambda t: vmin(t) > 0.05),
    "sqrt": (torch.sqrt, lambda t: vmin(t) > 0.05),
    "lgamma": (torch.lgamma, lambda t: vmin(t) > 0.05 and vmax(t) < 50),
    "relu": (torch.relu, None),
    "abs": (torch.abs, None),
    "sign": (torch.sign, None),
    # step: PyTorch's heaviside has no derivative; 0 * v gives it 0
    "step": (lambda v: (v > 0).to(DT) + 0 * v, None),
}
# None: a kink at 0, where both sides take PyTorch's value (0 for the
# derivative, step(0) = 0); away from 0 but with --kinks.


def op_elementwise(net):
    name = net.rng.choice(sorted(ELEMENTWISE))
    fn, ok = ELEMENTWISE[name]
    if ok is None:
        def ok(t):
            return net.kinks or minabs(t) > 1e-6
    kind = "positive" if name in ("log", "sqrt", "lgamma") else "real"
    a = net.pick(ok, kind=kind)
    if a is None or not ok(a):
        return None
    if name == "abs" and net.rng.random() < 0.5:
        return name, T("|%s|" % a.text, fn(a.val), atom=True), [a]
    return name, T("%s(%s)" % (name, a.text), fn(a.val), atom=True), [a]


def broadcastable(a, b):
    return a.shape == b.shape or a.shape == () or b.shape == ()


def literal(net, positive=False):
    v = net.rng.uniform(0.1, 3) * (1 if positive else net.rng.choice([-1, 1]))
    s = decimal_text(v)
    return T(s, torch.tensor(float(s), dtype=DT), atom=not s.startswith("-"))


def op_binary(net):
    r = net.rng
    sym = r.choice(["+", "-", "*", "/", "^", "max", "min"])
    a = net.pick(kind="positive" if sym == "^" else "real")
    if a is None:
        return None
    if sym == "^":
        if r.random() < 0.5:
            # a constant exponent: whole numbers anywhere, fractions of positive bases
            e = r.choice(["2", "3", "-1", "0.5", "1.5", "-2"])
            if e in ("-1", "-2") and minabs(a) < 0.1 or e in ("0.5", "1.5") and vmin(a) <= 0.05:
                return None
            b = T(e, torch.tensor(float(e), dtype=DT), atom=not e.startswith("-"))
        else:
            if vmin(a) <= 0.05:
                return None
            b = net.pick(lambda t: broadcastable(a, t), fresh=a.shape if r.random() < 0.7 else ())
        if b is None or not broadcastable(a, b):
            return None
        ex = b.val * torch.log(a.val.detach().abs() + 1e-300)
        if ex.abs().max().item() > 20:
            return None
        val = torch.pow(a.val, b.val)
        return "pow", T("%s^%s" % (a.wrap(), b.wrap()), val), [a, b]
    if r.random() < 0.2:
        b = literal(net, positive=sym == "/")
    else:
        b = net.pick(lambda t: broadcastable(a, t), fresh=a.shape if r.random() < 0.7 else ())
    if b is None or not broadcastable(a, b):
        return None
    if r.random() < 0.5:
        a, b = b, a
    if sym in ("max", "min"):
        if not net.kinks and (a.val - b.val).detach().abs().min().item() < 1e-6:
            return None  # no exact ties between the two
        val = torch.maximum(a.val, b.val) if sym == "max" else torch.minimum(a.val, b.val)
        return sym + "2", T("%s(%s, %s)" % (sym, a.text, b.text), val, atom=True), [a, b]
    if sym == "/" and minabs(b) < 0.1:
        return None
    val = {"+": torch.add, "-": torch.sub, "*": torch.mul, "/": torch.div}[sym](a.val, b.val)
    bt = b.wrap()
    return {"+": "add", "-": "sub", "*": "mul", "/": "div"}[sym], T("%s %s %s" % (a.wrap(), sym, bt), val), [a, b]


def op_neg(net):
    a = net.pick()
    if a is None:
        return None
    return "neg", T("-" + a.wrap(), -a.val), [a]


def matmul_val(a, b):
    """matmul_val is derivtex's juxtaposition in PyTorch: a vector stands
    for a column, a row (1 x n) times a column is a number, a column
    times a row the outer product."""
    x, y = a.val, b.val
    if x.dim() == 0 or y.dim() == 0:
        return x * y
    if x.dim() == 2 and y.dim() == 1:
        v = x @ y
        return v.reshape(()) if x.shape[0] == 1 else v
    if x.dim() == 2 and y.dim() == 2:
        return x @ y
    if x.dim() == 1 and y.dim() == 2 and y.shape[0] == 1:
        return x.unsqueeze(1) @ y
    raise ValueError("shapes %s %s" % (x.shape, y.shape))


def op_matmul(net):
    r = net.rng
    form = r.choice(["Wx", "WV", "xTy", "xyT", "sW", "rowW"])
    if form == "sW":
        a = net.pick(lambda t: t.shape == (), fresh=()) if r.random() < 0.7 else literal(net)
        if a is None or a.shape != ():
            return None
        b = net.pick(lambda t: t.shape != () and t.val.dim() <= 2)
        if b is None:
            return None
        return "matmul", T("%s %s" % (a.wrap(), b.wrap()), matmul_val(a, b)), [a, b]
    if form in ("Wx", "WV", "rowW"):
        a = net.pick(lambda t: t.val.dim() == 2)
        if a is None:
            return None
        if form == "rowW":  # a row times a matrix
            n = a.shape[0]
            x = net.pick(lambda t: t.shape == (n,), fresh=(n,))
            if x is None:
                return None
            a, b, at = x, a, x.wrap() + "^T"
            xt = T(at, x.val.unsqueeze(0), atom=True)
            return "matmul", T("%s %s" % (at, b.wrap()), matmul_val(xt, b)), [x, b]
        n = a.shape[1]
        if form == "Wx":
            b = net.pick(lambda t: t.shape == (n,), fresh=(n,))
        else:
            b = net.pick(lambda t: t.val.dim() == 2 and t.shape[0] == n, fresh=(n, net.dim()))
        if b is None:
            return None
        return "matmul", T("%s %s" % (a.wrap(), b.wrap()), matmul_val(a, b)), [a, b]
    a = net.pick(lambda t: t.val.dim() == 1)
    if a is None:
        return None
    if form == "xTy":
        n = a.shape[0]
        b = net.pick(lambda t: t.shape == (n,), fresh=(n,))
        if b is None:
            return None
        return "matmul", T("%s^T %s" % (a.wrap(), b.wrap()), a.val @ b.val), [a, b]
    b = net.pick(lambda t: t.val.dim() == 1)
    if b is None:
        return None
    return "matmul", T("%s %s^T" % (a.wrap(), b.wrap()), torch.outer(a.val, b.val)), [a, b]


def transpose_val(v):
    if v.dim() == 0:
        return v
    if v.dim() == 1:
        return v.unsqueeze(0)
    if v.shape[0] == 1:
        return v.reshape(v.shape[1])
    return v.T


def op_transpose(net):
    a = net.pick(lambda t: t.val.dim() <= 2)
    if a is None:
        return None
    # not an atom: x^T[1] reads as x^(T[1]), so an index needs (x^T)[1]
    return "transpose", T(a.wrap() + "^T", transpose_val(a.val)), [a]


REDUCE = {
    "sum": lambda v: v.sum(),
    "mean": lambda v: v.mean(),
    "logsumexp": lambda v: torch.logsumexp(v.reshape(-1), 0),
    "max": lambda v: v.max(),
    "min": lambda v: v.min(),
    "norm": lambda v: torch.linalg.vector_norm(v),
}


def op_reduce(net):
    name = net.rng.choice(sorted(REDUCE))
    a = net.pick(lambda t: t.shape != () or name not in ("logsumexp",))
    if a is None:
        return None
    if name == "norm" and not net.kinks and a.val.detach().abs().max().item() < 1e-3:
        return None
    if name == "logsumexp" and vmax(a) > 50:
        return None
    return name, T("%s(%s)" % (name, a.text), REDUCE[name](a.val), atom=True), [a]


def op_softmax(net):
    a = net.pick(lambda t: t.val.dim() == 1)
    if a is None:
        return None
    return "softmax", T("softmax(%s)" % a.text, torch.softmax(a.val, 0), atom=True), [a]


def index_text(net, i, n):
    """index_text writes the 1-based position i of n as a number or
    from end."""
    if net.rng.random() < 0.3:
        k = n - i
        return "end" if k == 0 else "end - %d" % k
    return str(i)


def one_index(net, n):
    """one_index draws an index along a dimension of n: a position
    (which drops the dimension) or a range, and returns its text and
    its 0-based positions (an int, or a list for a range)."""
    r = net.rng
    u = r.random()
    if u < 0.35:
        i = r.randint(1, n)
        return index_text(net, i, n), i - 1
    if u < 0.5:
        return ":", list(range(n))
    step = r.choice([1, 1, 2, -1, -2]) if n > 1 else 1
    while True:
        a, b = r.randint(1, n), r.randint(1, n)
        if (b - a) * step >= 0:
            break
    idx = list(range(a, b + (1 if step > 0 else -1), step))
    at, bt = index_text(net, a, n), index_text(net, b, n)
    if step == 1 and r.random() < 0.6:
        return "%s:%s" % (at, bt), [i - 1 for i in idx]
    return "%s:%d:%s" % (at, step, bt), [i - 1 for i in idx]


def index_val(v, specs):
    d = 0
    for s in specs:
        if isinstance(s, int):
            v = v.select(d, s)
        else:
            v = v.index_select(d, torch.tensor(s, dtype=torch.long))
            d += 1
    return v


def op_index(net):
    a = net.pick(lambda t: t.shape != ())
    if a is None:
        return None
    parts = [one_index(net, n) for n in a.shape]
    text = "%s[%s]" % (a.wrap(), ", ".join(p[0] for p in parts))
    return "index", T(text, index_val(a.val, [p[1] for p in parts]), atom=True), [a]


def factorizations(n):
    out = [(n,)]
    for a in range(1, n + 1):
        if n % a == 0:
            out.append((a, n // a))
            for b in range(1, n // a + 1):
                if (n // a) % b == 0:
                    out.append((a, b, n // a // b))
    return out


def op_reshape(net):
    a = net.pick(lambda t: t.shape != ())
    if a is None:
        return None
    if net.rng.random() < 0.3:
        return "flatten", T("flatten(%s)" % a.text, a.val.reshape(-1), atom=True), [a]
    shape = net.rng.choice(factorizations(a.val.numel()))
    text = "reshape(%s, [%s])" % (a.text, ", ".join(map(str, shape)))
    return "reshape", T(text, a.val.reshape(shape), atom=True), [a]


def op_concat(net):
    r = net.rng
    a = net.pick(lambda t: t.val.dim() <= 3)
    if a is None:
        return None
    if a.shape == () or a.val.dim() == 1:
        # a vector, or a number as one entry, joins a vector or a number
        b = net.pick(lambda t: t.val.dim() <= 1)
        if b is None or b.val.dim() > 1:
            return None
        val = torch.cat([a.val.reshape(-1), b.val.reshape(-1)])
        return "concat", T("concat(%s, %s)" % (a.text, b.text), val, atom=True), [a, b]
    axis = r.randint(1, a.val.dim())
    shape = list(a.shape)
    shape[axis - 1] = net.dim()
    b = net.pick(lambda t: t.val.dim() == a.val.dim() and all(
        t.shape[k] == a.shape[k] for k in range(a.val.dim()) if k != axis - 1), fresh=tuple(shape))
    if b is None:
        return None
    if axis == 1 and r.random() < 0.5:
        text = "concat(%s, %s)" % (a.text, b.text)
    else:
        text = "concat(%s, %s, %d)" % (a.text, b.text, axis)
    return "concat", T(text, torch.cat([a.val, b.val], axis - 1), atom=True), [a, b]


def class_input(net, shape, n):
    """class_input makes an input of classes 1..n of the shape (a number,
    or a vector for a batch): it has no gradient."""
    vals = [str(net.rng.randint(1, n)) for _ in range(math.prod(shape))]
    name = "c%d" % (len(net.inputs) + 1)
    net.inputs.append((name, nested_text(vals, list(shape)), None))
    t = T(name, torch.tensor([int(v) - 1 for v in vals], dtype=torch.long).reshape(shape), atom=True, cls=True)
    return t


def op_loss(net):
    r = net.rng
    name = r.choice(["mse", "bce", "crossentropy", "nll"])
    if name == "mse":
        a = net.pick()
        if a is None:
            return None
        b = net.pick(lambda t: t.shape == a.shape, fresh=a.shape)
        if b is None:
            return None
        return name, T("mse(%s, %s)" % (a.text, b.text), F.mse_loss(a.val, b.val), atom=True), [a, b]
    if name == "bce":
        a = net.pick(lambda t: 0.01 < vmin(t) and vmax(t) < 0.99, kind="prob")
        if a is None:
            return None
        b = net.pick(lambda t: t.shape == a.shape and 0 <= vmin(t) and vmax(t) <= 1, fresh=a.shape, kind="prob")
        if b is None:
            return None
        return name, T("bce(%s, %s)" % (a.text, b.text), F.binary_cross_entropy(a.val, b.val), atom=True), [a, b]
    # crossentropy or nll: logits (log-probabilities) [C] or [N, C]
    a = net.pick(lambda t: t.val.dim() in (1, 2) and vmax(t) < 50)
    if a is None:
        return None
    batch = a.val.dim() == 2
    c = a.shape[-1]
    if r.random() < 0.5:
        if r.random() < 0.5 and not batch:
            k = r.randint(1, c)
            tgt = T(str(k), torch.tensor(k - 1), atom=True, cls=True)
        else:
            tgt = class_input(net, a.shape[:1] if batch else (), c)
        z = a.val if batch else a.val.unsqueeze(0)
        t = tgt.val if batch else tgt.val.reshape(1)
        val = F.cross_entropy(z, t) if name == "crossentropy" else F.nll_loss(z, t)
    else:
        tgt = net.pick(lambda t: t.shape == a.shape and vmin(t) >= 0, fresh=a.shape, kind="prob")
        if tgt is None:
            return None
        z = a.val if batch else a.val.unsqueeze(0)
        p = tgt.val if batch else tgt.val.unsqueeze(0)
        # derivtex's nll of probabilities is -sum(p * l), rows averaged
        val = F.cross_entropy(z, p) if name == "crossentropy" else -(p * z).sum(1).mean()
    return name, T("%s(%s, %s)" % (name, a.text, tgt.text), val, atom=True), [a, tgt]


OPS = [
    (op_elementwise, 6), (op_binary, 6), (op_neg, 1), (op_matmul, 4), (op_transpose, 2),
    (op_reduce, 3), (op_softmax, 2), (op_index, 3), (op_reshape, 2), (op_concat, 2), (op_loss, 2),
]


def generate(rng, small, kinks=False):
    """generate writes one random network: a few lines, each one to three
    operations deep (an operation's result either named or written
    inline into the next), then L, which adds up a reduction of every
    tensor no line reads, so that every input reaches the loss."""
    net = Net(rng, small, kinks)
    nlines = rng.randint(1, 3) if small else rng.randint(2, 7)
    for k in range(nlines):
        t, depth, tries = None, rng.randint(1, 2 if small else 3), 0
        while depth > 0 and tries < 200:
            tries += 1
            f = rng.choices([o for o, _ in OPS], [w for _, w in OPS])[0]
            net.forced = t  # an inline term is the next operation's first pick
            try:
                res = f(net)
            except (ValueError, RuntimeError, IndexError):
                res = None
            net.forced = None
            if res is None:
                continue
            name, r, args = res
            if not finite_ok(r.val) or not r.val.requires_grad:
                continue
            if t is not None and t not in args:
                continue
            for a in args:
                if a is not t:
                    net.used.add(a.text)
            net.ops.append(name)
            t, depth = r, depth - 1
        if t is None:
            continue
        name = "h%d" % (k + 1)
        net.lines.append("%s = %s" % (name, t.text))
        net.pool.append(T(name, t.val, atom=True))
    # the loss: every tensor no line reads, made a number
    terms, val = [], None
    for t in net.pool:
        if t.text in net.used or t.cls or not t.val.requires_grad:
            continue
        if t.shape == ():
            text, v = t.text, t.val
        else:
            red = rng.choice(["sum", "mean", "sum", "norm"]) if t.val.detach().abs().max() > 1e-3 else "sum"
            text, v = "%s(%s)" % (red, t.text), REDUCE[red](t.val)
        terms.append(text)
        val = v if val is None else val + v
    if not terms:
        return None, None
    net.lines.append("L = " + " + ".join(terms))
    return net, val


# ---------------------------------------------------------------- compare

def flatten(v):
    if isinstance(v, list):
        return [x for e in v for x in flatten(e)]
    return [v]


def close(mine, theirs, floor):
    if mine is None:
        return False
    return abs(mine - theirs) <= max(RTOL * max(abs(mine), abs(theirs)), floor)


def compare(bad, name, got, want, stats):
    """compare checks one tensor of derivtex's (flat floats, None where
    it has none) against PyTorch's, entry by entry, adding what
    disagrees to bad."""
    if len(got) != len(want):
        bad.append((name, "length", len(got), len(want)))
        return
    floor = max(FLOOR, FLOOR_REL * max((abs(w) for w in want), default=0))
    for i, (x, y) in enumerate(zip(got, want)):
        stats["entries"] += 1
        if not close(x, y, floor):
            bad.append((name, i, x, y))
        elif x == y == 0:
            stats["zeros"] += 1
        elif abs(x - y) <= RTOL * max(abs(x), abs(y)):
            d = abs(x - y) / max(abs(x), abs(y))
            if d > stats["worst"]:
                stats["worst"], stats["worst_at"] = d, (name, i, x, y)
        else:
            stats["floored"] += 1


def check(job):
    """check runs one network through derivtex and returns its verdict:
    ok, or the entries that disagree: the loss, every input's gradient
    and, with --lr, every input after the step."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(job["cmd"], capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "seconds": TIMEOUT}
    secs = time.perf_counter() - t0
    try:
        a = json.loads(p.stdout)
    except json.JSONDecodeError:
        return {"status": "error", "message": (p.stdout + p.stderr)[:2000], "seconds": secs}
    if "error" in a:
        return {"status": "error", "message": p.stderr[:2000], "seconds": secs}
    bad, stats = [], {"entries": 0, "zeros": 0, "floored": 0, "worst": 0.0}
    compare(bad, "L", [a["loss"]["value"]], [job["loss"]], stats)
    for name, want in job["grads"].items():
        g = a["gradients"].get(name)
        compare(bad, "dL/d" + name, flatten(g["value"]) if g is not None else [0.0] * len(want), want, stats)
    for name, want in job["update"].items():
        g = a["update"].get(name)
        compare(bad, name + " after the step", flatten(g["value"]) if g is not None else [], want, stats)
    return dict(stats, status="ok" if not bad else "disagree", bad=bad, seconds=secs, notes=a.get("notes", []))


LR = 0.25  # the learning rate of the networks that also take a step


def make_job(net, loss, mode, lr):
    """make_job writes the derivtex net command of the network and
    PyTorch's answers: the loss, every input's gradient (0 for classes),
    and with lr every input after one step of gradient descent."""
    src = "; ".join(net.lines)
    # inputs that an operation made but then did not take are left out
    net.inputs = [i for i in net.inputs if re.search(r"\b%s\b" % i[0], src)]
    args = [DERIVTEX, "net", src] + ["%s=%s" % (n, v) for n, v, _ in net.inputs]
    args.append("--json")
    if not mode.startswith("exact"):
        args.append("--float")
    if lr:
        args += ["--lr", str(LR)]
    loss.backward()
    grads, update = {}, {}
    for n, v, leaf in net.inputs:
        if leaf is None:
            grads[n] = [0.0] * len(flatten(json.loads(v)))
            continue
        g = leaf.grad if leaf.grad is not None else torch.zeros_like(leaf)
        grads[n] = g.reshape(-1).tolist()
        if lr:
            update[n] = (leaf.detach() - LR * g).reshape(-1).tolist()
    return {"cmd": args, "loss": loss.item(), "grads": grads, "update": update, "ops": net.ops, "mode": mode}


MODES = ["float", "float, kinks", "exact", "exact, kinks"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=300, help="random networks run with --float")
    ap.add_argument("--kinks", type=int, default=50,
                    help="more --float networks whose values are few (-1, -1/2, 0, 1/2, 1, 2), so that kinks and ties come up")
    ap.add_argument("--exact", type=int, default=50, help="small networks run exactly, every other one with kinks")
    ap.add_argument("--seed", type=int, default=None, help="default: a new one each run, printed")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="derivtex processes at once")
    ap.add_argument("--show", action="store_true", help="print every network, not only those that disagree")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    plan = ([("float", False, False)] * args.count + [("float, kinks", False, True)] * args.kinks +
            [("exact, kinks", True, True) if k % 2 else ("exact", True, False) for k in range(args.exact)])
    jobs = []
    for k, (mode, small, kinks) in enumerate(plan):
        net, loss = None, None
        while net is None:
            net, loss = generate(rng, small, kinks)
        jobs.append(make_job(net, loss, mode, lr=k % 3 == 0))
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(check, jobs))
    wall = time.perf_counter() - t0

    counts, ops, stats = {}, {}, {m: {"entries": 0, "zeros": 0, "floored": 0, "worst": 0.0} for m in MODES}
    for job, res in zip(jobs, results):
        m = job["mode"]
        counts[m, res["status"]] = counts.get((m, res["status"]), 0) + 1
        for o in job["ops"]:
            ops[o] = ops.get(o, 0) + 1
        if res["status"] in ("ok", "disagree"):
            st = stats[m]
            st["entries"] += res["entries"]
            st["floored"] += res["floored"]
            st["zeros"] += res["zeros"]
            st["worst"] = max(st["worst"], res["worst"])
        if res["status"] != "ok" or args.show:
            print("---- %s (%s)" % (res["status"], m))
            print(shlex.join(job["cmd"]))
            for b in res.get("bad", []):
                print("  %s[%s]: derivtex %r, PyTorch %r" % b)
            if res.get("message"):
                print("  " + res["message"].strip().replace("\n", "\n  "))
    print()
    print("seed %d; PyTorch %s, float64; tolerance: relative %g, floor max(%g, %g x the largest entry of the tensor)"
          % (seed, torch.__version__, RTOL, FLOOR, FLOOR_REL))
    print()
    print("| networks | generated | checked | agree | disagree | derivtex errors | timeouts | entries compared "
          "| both 0 | agree only within the floor | largest relative difference of the others |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for m in MODES:
        n = sum(1 for j in jobs if j["mode"] == m)
        if n == 0:
            continue
        c = {s: counts.get((m, s), 0) for s in ("ok", "disagree", "error", "timeout")}
        st = stats[m]
        print("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1e |" % (
            m, n, c["ok"] + c["disagree"], c["ok"], c["disagree"], c["error"], c["timeout"],
            st["entries"], st["zeros"], st["floored"], st["worst"]))
    print()
    print("operations: " + ", ".join("%s %d" % kv for kv in sorted(ops.items())))
    far = max((r.get("worst", 0), k) for k, r in enumerate(results))[1]
    if results[far].get("worst_at"):
        print("the largest relative difference, %.1e, is in" % results[far]["worst"])
        print(shlex.join(jobs[far]["cmd"]))
        print("  %s[%s]: derivtex %r, PyTorch %r" % tuple(results[far]["worst_at"]))
    print("derivtex: %d processes, %.1f s wall with %d at once; every third network also takes a step (--lr %g)"
          % (len(jobs), wall, args.jobs, LR))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "oracle.json"), "w") as f:
        json.dump({"seed": seed, "jobs": [dict(j, result=r) for j, r in zip(jobs, results)]}, f)
    sys.exit(0 if all(r["status"] == "ok" for r in results) else 1)


if __name__ == "__main__":
    main()
