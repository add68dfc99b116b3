package simplify

import (
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// Trigonometric and radical identities, each a named rule; and Collect,
// which expands a sum when that makes it smaller.
var (
	// Pythagorean: c sin(u)^2 r + c cos(u)^2 r = c r, and c cosh(u)^2 r -
	// c sinh(u)^2 r = c r, in a sum.
	Pythagorean = Rewrite{Rule: expr.NewRule("pythagorean", "sin²u + cos²u = 1"), Try: pythagorean}
	// DoubleAngle: 2k sin(u) cos(u) = k sin(2u) in a product, and c cos(u)^2
	// r - c sin(u)^2 r = c cos(2u) r in a sum.
	DoubleAngle = Rewrite{Rule: expr.NewRule("double-angle", "sin 2u = 2 sin u cos u, cos 2u = cos²u - sin²u"), Try: doubleAngle}
	// AngleSum: sin(a + b) = sin a cos b + cos a sin b, cos(a + b) = cos a
	// cos b - sin a sin b, one term of the argument at a time.
	AngleSum = Rewrite{Rule: expr.NewRule("angle-sum", "sine and cosine of a sum"), Try: angleSum}
	// RootAbs: sqrt(u^2) = |u|, and in general (u^2k)^r = |u|^(2kr) and
	// (a b)^r = a^r b^r for factors that are not negative: sqrt(4 x^2) =
	// 2 |x|. |u|^2 = u^2.
	RootAbs = Rewrite{Rule: expr.NewRule("root-abs", "√(u²) = |u|"), Try: rootAbs}
	// AbsProduct: |u v| = |u| |v|, |u^n| = |u|^n.
	// SignAbs: u sign(u) = |u|, as the derivative of |u| leaves it.
	SignAbs    = Rewrite{Rule: expr.NewRule("sign-abs", "u sign(u) = |u|"), Try: signAbs}
	AbsProduct = Rewrite{Rule: expr.NewRule("abs-product", "|u v| = |u| |v|"), Try: absProduct}
	// Collect expands the products of a sum's terms when the expansion is
	// smaller, which is when like terms cancel or collect: y (s - 1) +
	// s (1 - y) = s - y.
	Collect = Rewrite{Rule: expr.NewRule("collect", "expanding and collecting like terms"), Try: collect}
)

// powerOfCall splits f = fn(u)^k into u and k, for an integer k.
func powerOfCall(f expr.Expr, fn *expr.Func) (expr.Expr, int64, bool) {
	b, e := expr.BaseExp(f)
	c, ok := b.(*expr.CallExpr)
	if !ok || c.Func() != fn {
		return nil, 0, false
	}
	n, ok := e.(*expr.Number)
	if !ok {
		return nil, 0, false
	}
	k, isInt := n.Int64()
	return c.Args()[0], k, isInt
}

// pairSquares finds in the sum x a term c f(u)^2 r whose partner
// sign·c g(u)^2 r is also a term, and returns the sum with both replaced
// by join(c, u, r).
func pairSquares(x expr.Expr, f, g *expr.Func, sign *expr.Number, join func(c *expr.Number, u, r expr.Expr) expr.Expr) expr.Expr {
	a, ok := x.(*expr.AddExpr)
	if !ok {
		return nil
	}
	ts := a.Terms()
	for i, t := range ts {
		c, r := expr.SplitCoeff(t)
		for _, fac := range factorList(r) {
			u, k, ok := powerOfCall(fac, f)
			if !ok || k != 2 {
				continue
			}
			sq := expr.Pow(call(f, u), expr.Two)
			rest := expr.Div(r, sq)
			partner := expr.Mul(sign, c, rest, expr.Pow(call(g, u), expr.Two))
			for j, s := range ts {
				if j == i || s != partner {
					continue
				}
				out := []expr.Expr{join(c, u, rest)}
				for l, v := range ts {
					if l != i && l != j {
						out = append(out, v)
					}
				}
				return expr.Add(out...)
			}
		}
	}
	return nil
}

func pythagorean(x expr.Expr) (expr.Expr, []expr.Expr) {
	keep := func(c *expr.Number, _, r expr.Expr) expr.Expr { return expr.Mul(c, r) }
	if out := pairSquares(x, expr.FnSin, expr.FnCos, expr.One, keep); out != nil {
		return out, nil
	}
	if out := pairSquares(x, expr.FnCosh, expr.FnSinh, expr.MinusOne, keep); out != nil {
		return out, nil
	}
	return nil, nil
}

func doubleAngle(x expr.Expr) (expr.Expr, []expr.Expr) {
	if m, ok := x.(*expr.MulExpr); ok {
		k := expr.Coeff(m)
		half, isInt := expr.Mul(expr.Rat(1, 2), k).(*expr.Number)
		if !isInt || !half.IsInt() {
			return nil, nil
		}
		for _, f := range m.Factors() {
			u, n, ok := powerOfCall(f, expr.FnSin)
			if !ok || n != 1 || !slices.Contains(m.Factors(), call(expr.FnCos, u)) {
				continue
			}
			c := call(expr.FnCos, u)
			rest := expr.Div(m, expr.Mul(k, f, c))
			return expr.Mul(half, call(expr.FnSin, expr.Mul(expr.Two, u)), rest), nil
		}
		return nil, nil
	}
	cos2 := func(c *expr.Number, u, r expr.Expr) expr.Expr {
		return expr.Mul(c, r, call(expr.FnCos, expr.Mul(expr.Two, u)))
	}
	if out := pairSquares(x, expr.FnCos, expr.FnSin, expr.MinusOne, cos2); out != nil {
		return out, nil
	}
	return nil, nil
}

func angleSum(x expr.Expr) (expr.Expr, []expr.Expr) {
	c, ok := isTrig(x)
	if !ok {
		return nil, nil
	}
	a, ok := c.Args()[0].(*expr.AddExpr)
	if !ok {
		return nil, nil
	}
	p, q := a.Terms()[0], expr.Add(a.Terms()[1:]...)
	sp, cp := call(expr.FnSin, p), call(expr.FnCos, p)
	sq, cq := call(expr.FnSin, q), call(expr.FnCos, q)
	if c.Func() == expr.FnSin {
		return expr.Add(expr.Mul(sp, cq), expr.Mul(cp, sq)), nil
	}
	return expr.Sub(expr.Mul(cp, cq), expr.Mul(sp, sq)), nil
}

func rootAbs(x expr.Expr) (expr.Expr, []expr.Expr) {
	p, ok := x.(*expr.PowExpr)
	if !ok || !slices.ContainsFunc(factorList(p.Base()), isEvenPower) {
		return nil, nil // sqrt(4 u) stays: FactorTerms owns numeric content
	}
	out := rootOfPower(p)
	if out == x {
		return nil, nil
	}
	return out, nil
}

// isEvenPower reports whether f is u^(2k).
func isEvenPower(f expr.Expr) bool {
	_, e := expr.BaseExp(f)
	return isEvenInt(e)
}

// isEvenInt reports whether e is an even integer.
func isEvenInt(e expr.Expr) bool {
	n, ok := e.(*expr.Number)
	if !ok {
		return false
	}
	k, isInt := n.Int64()
	return isInt && k%2 == 0
}

func absProduct(x expr.Expr) (expr.Expr, []expr.Expr) {
	c, ok := x.(*expr.CallExpr)
	if !ok || c.Func() != expr.FnAbs {
		return nil, nil
	}
	switch c.Args()[0].(type) {
	case *expr.MulExpr, *expr.PowExpr:
		if out := splitAbs(c.Args()[0]); out != nil && out != x {
			return out, nil
		}
	}
	return nil, nil
}

// collectTerms is the most terms of a sum Collect expands, and
// collectExpansion the most terms it expands them to.
const (
	collectTerms     = 6
	collectExpansion = 16
)

func collect(x expr.Expr) (expr.Expr, []expr.Expr) {
	a, ok := x.(*expr.AddExpr)
	if !ok || len(a.Terms()) > collectTerms {
		return nil, nil
	}
	size := 0 // of the expansion, counted before building it
	for _, t := range a.Terms() {
		n := 1
		for _, f := range factorList(t) {
			if b, e := expr.BaseExp(f); b.Kind() == expr.KindAdd && e == expr.One {
				n *= len(b.Args())
			} else if b.Kind() == expr.KindAdd {
				return nil, nil // powers of sums: Expand's business
			}
		}
		size += n
	}
	if size == len(a.Terms()) || size > collectExpansion || !sharedAtoms(a.Terms()) {
		return nil, nil
	}
	out := make([]expr.Expr, 0, size)
	changed := false
	for _, t := range a.Terms() {
		if e, _ := expand(t); e != nil {
			out = append(out, e)
			changed = true
			continue
		}
		out = append(out, t)
	}
	if !changed {
		return nil, nil
	}
	s := expr.Add(out...)
	if expr.TreeSize(s, treeLimit) >= expr.TreeSize(x, treeLimit) {
		return nil, nil
	}
	return s, nil
}

// sharedAtoms reports whether two of the terms are made of the same
// atoms (the bases of their factors, and of the factors of the terms of
// their sum factors): y (s - 1) and s (1 - y) are, and only terms that
// are can collect once expanded. It saves Collect expanding sums that
// cannot shrink.
func sharedAtoms(ts []expr.Expr) bool {
	sets := make([][]uint64, len(ts))
	for i, t := range ts {
		var ids []uint64
		for _, f := range factorList(t) {
			b, _ := expr.BaseExp(f)
			if b.Kind() != expr.KindAdd {
				ids = append(ids, b.ID())
				continue
			}
			for _, u := range b.Args() {
				for _, g := range factorList(u) {
					if gb, _ := expr.BaseExp(g); gb.Kind() != expr.KindNumber {
						ids = append(ids, gb.ID())
					}
				}
			}
		}
		slices.Sort(ids)
		sets[i] = slices.Compact(ids)
		for _, prev := range sets[:i] {
			if slices.Equal(prev, sets[i]) {
				return true
			}
		}
	}
	return false
}

func signAbs(x expr.Expr) (expr.Expr, []expr.Expr) {
	m, ok := x.(*expr.MulExpr)
	if !ok {
		return nil, nil
	}
	fs := m.Factors()
	for i, f := range fs {
		c, ok := f.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnSign {
			continue
		}
		u := c.Args()[0]
		for j, g := range fs {
			if j == i || g != u {
				continue
			}
			rest := make([]expr.Expr, 0, len(fs)-1)
			for k, h := range fs {
				if k != i && k != j {
					rest = append(rest, h)
				}
			}
			return expr.Mul(append(rest, expr.Call(expr.FnAbs, u))...), nil
		}
	}
	return nil, nil
}
