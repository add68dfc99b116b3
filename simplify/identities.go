package simplify

import (
	"github.com/derivtex/derivtex/expr"
)

// Identities of the sigmoid and the hyperbolic functions, each a named
// rule. They hold for every real argument, so none assumes anything.
var (
	// SigmoidPair: σ(-u) = 1 - σ(u) in a sum that also holds σ(u), where
	// it makes the sum smaller: σ(x) + σ(-x) = 1.
	SigmoidPair = Rewrite{Rule: expr.NewRule("sigmoid-pair", "σ(-u) = 1 - σ(u) beside σ(u)"), Try: sigmoidPair}
	// SigmoidNegation: σ(-u) = 1 - σ(u).
	SigmoidNegation = Rewrite{Rule: expr.NewRule("sigmoid-neg", "σ(-u) = 1 - σ(u)"), Try: sigmoidNegation}
	// SigmoidForm recognises the sigmoid in its exponential forms:
	// 1/(1 + e^-u)^n = σ(u)^n, and e^(-k u) σ(u)^n = σ(-u)^k σ(u)^(n-k)
	// for 1 <= k <= n, with σ(-u) written 1 - σ(u), so e^u/(1 + e^u) =
	// σ(u) and e^-x/(1 + e^-x)^2 = σ(x)(1 - σ(x)).
	SigmoidForm = Rewrite{Rule: expr.NewRule("sigmoid-exp", "σ(u) = 1/(1 + exp(-u))"), Try: sigmoidForm}
	// TanhSigmoid: 2σ(2u) - 1 = tanh(u), in a sum.
	TanhSigmoid = Rewrite{Rule: expr.NewRule("tanh-sigmoid", "tanh(u) = 2σ(2u) - 1"), Try: tanhSigmoid}
	// TanhForm recognises tanh(u)^k in a quotient: sinh(u)/cosh(u),
	// (e^u - e^-u)/(e^u + e^-u) and (e^2u - 1)/(e^2u + 1). A sum over
	// such a denominator is split when every term then loses it, so the
	// quotient rule's ((e^x + e^-x)^2 - (e^x - e^-x)^2)/(e^x + e^-x)^2 is
	// 1 - tanh(x)^2.
	TanhForm = Rewrite{Rule: expr.NewRule("tanh-exp", "tanh(u) = (exp(u) - exp(-u))/(exp(u) + exp(-u))"), Try: tanhForm}
	// HyperbolicExp writes sinh, cosh and tanh with exponentials.
	HyperbolicExp = Rewrite{Rule: expr.NewRule("hyperbolic-exp", "sinh, cosh and tanh as exponentials"), Try: hyperbolicExp}
	// HyperbolicForm: c e^u + c e^-u = 2c cosh(u) and c e^u - c e^-u =
	// 2c sinh(u), in a sum.
	HyperbolicForm = Rewrite{Rule: expr.NewRule("exp-hyperbolic", "cosh(u) = (exp(u) + exp(-u))/2, sinh(u) = (exp(u) - exp(-u))/2"), Try: hyperbolicForm}
)

func call(fn *expr.Func, u expr.Expr) expr.Expr { return expr.Call(fn, u) }

// sigmoidOf is σ(u), written 1 - σ(-u) when u reads as negative: the form
// a textbook writes for σ(-x).
func sigmoidOf(u expr.Expr) expr.Expr {
	if expr.CouldExtractMinus(u) {
		return expr.Sub(expr.One, call(expr.FnSigmoid, expr.Neg(u)))
	}
	return call(expr.FnSigmoid, u)
}

func sigmoidPair(x expr.Expr) (expr.Expr, []expr.Expr) {
	a, ok := x.(*expr.AddExpr)
	if !ok {
		return nil, nil
	}
	seen := map[expr.Expr]bool{}
	var negs []*expr.CallExpr
	expr.Inspect(a, func(y expr.Expr) bool {
		if c, ok := y.(*expr.CallExpr); ok && c.Func() == expr.FnSigmoid {
			seen[c] = true
			if expr.CouldExtractMinus(c.Args()[0]) {
				negs = append(negs, c)
			}
			return false
		}
		return true
	})
	m := map[expr.Expr]expr.Expr{}
	for _, c := range negs {
		if pos := expr.Call(expr.FnSigmoid, expr.Neg(c.Args()[0])); seen[pos] {
			m[c] = expr.Sub(expr.One, pos)
		}
	}
	if len(m) == 0 {
		return nil, nil
	}
	out := expr.Substitute(a, m)
	if expr.Size(out) >= expr.Size(a) {
		return nil, nil
	}
	return out, nil
}

func sigmoidNegation(x expr.Expr) (expr.Expr, []expr.Expr) {
	c, ok := x.(*expr.CallExpr)
	if !ok || c.Func() != expr.FnSigmoid || !expr.CouldExtractMinus(c.Args()[0]) {
		return nil, nil
	}
	return sigmoidOf(c.Args()[0]), nil
}

// onePlusExp matches 1 + e^w and returns w.
func onePlusExp(d expr.Expr) (expr.Expr, bool) {
	a, ok := d.(*expr.AddExpr)
	if !ok || len(a.Terms()) != 2 || a.Terms()[1] != expr.One {
		return nil, false
	}
	c, ok := a.Terms()[0].(*expr.CallExpr)
	if !ok || c.Func() != expr.FnExp {
		return nil, false
	}
	return c.Args()[0], true
}

// negativePower splits f = b^-n, n a positive integer, into b and n.
func negativePower(f expr.Expr) (expr.Expr, int64, bool) {
	b, e := expr.BaseExp(f)
	n, ok := e.(*expr.Number)
	if !ok {
		return nil, 0, false
	}
	k, isInt := n.Int64()
	if !isInt || k >= 0 {
		return nil, 0, false
	}
	return b, -k, true
}

func sigmoidForm(x expr.Expr) (expr.Expr, []expr.Expr) {
	// 1/(1 + e^w)^n = σ(-w)^n; products see it after, as a sweep is
	// bottom-up
	if b, n, ok := negativePower(x); ok {
		if w, ok := onePlusExp(b); ok {
			return expr.Pow(call(expr.FnSigmoid, expr.Neg(w)), expr.Int(n)), nil
		}
		return nil, nil
	}
	// e^(-k u) σ(u)^n = σ(-u)^k σ(u)^(n-k), 1 <= k <= n
	m, ok := x.(*expr.MulExpr)
	if !ok {
		return nil, nil
	}
	fs := m.Factors()
	for i, f := range fs {
		c, ok := f.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnExp {
			continue
		}
		for j, g := range fs {
			u, n, ok := powerOfCall(g, expr.FnSigmoid)
			if !ok || n < 1 {
				continue
			}
			q, isNum := expr.Div(c.Args()[0], expr.Neg(u)).(*expr.Number)
			if !isNum {
				continue
			}
			k, isInt := q.Int64()
			if !isInt || k < 1 || k > n {
				continue
			}
			out := []expr.Expr{expr.Pow(sigmoidOf(expr.Neg(u)), expr.Int(k)), expr.Pow(call(expr.FnSigmoid, u), expr.Int(n-k))}
			for l, h := range fs {
				if l != i && l != j {
					out = append(out, h)
				}
			}
			return expr.Mul(out...), nil
		}
	}
	return nil, nil
}

func tanhSigmoid(x expr.Expr) (expr.Expr, []expr.Expr) {
	a, ok := x.(*expr.AddExpr)
	if !ok || a.Terms()[len(a.Terms())-1].Kind() != expr.KindNumber {
		return nil, nil
	}
	for i, t := range a.Terms() {
		k, r := expr.SplitCoeff(t)
		c, ok := r.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnSigmoid {
			continue
		}
		// k σ(2u) = k/2 (tanh(u) + 1)
		half := expr.Mul(expr.Rat(1, 2), k)
		rest := make([]expr.Expr, 0, len(a.Terms())+1)
		rest = append(rest, a.Terms()[:i]...)
		rest = append(rest, a.Terms()[i+1:]...)
		rest = append(rest, expr.Mul(half, call(expr.FnTanh, expr.Mul(expr.Rat(1, 2), c.Args()[0]))), half)
		out := expr.Add(rest...)
		if expr.TreeSize(out, treeLimit) < expr.TreeSize(x, treeLimit) {
			return out, nil
		}
	}
	return nil, nil
}

// tanhOf returns u when num/den is tanh(u) in one of its forms.
func tanhOf(num, den expr.Expr) (expr.Expr, bool) {
	if c, ok := den.(*expr.CallExpr); ok && c.Func() == expr.FnCosh {
		u := c.Args()[0]
		return u, num == call(expr.FnSinh, u)
	}
	a, ok := den.(*expr.AddExpr)
	if !ok || len(a.Terms()) != 2 {
		return nil, false
	}
	for _, t := range a.Terms() {
		c, ok := t.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnExp {
			continue
		}
		u := c.Args()[0]
		if den == expr.Add(expr.Exp(u), expr.Exp(expr.Neg(u))) && num == expr.Sub(expr.Exp(u), expr.Exp(expr.Neg(u))) {
			return u, true
		}
		if den == expr.Add(expr.Exp(u), expr.One) && num == expr.Sub(expr.Exp(u), expr.One) {
			return expr.Mul(expr.Rat(1, 2), u), true
		}
	}
	return nil, false
}

func tanhForm(x expr.Expr) (expr.Expr, []expr.Expr) {
	if out := tanhProduct(x); out != nil {
		return out, nil
	}
	// a sum over the denominator, split when every term loses it
	fs := factorList(x)
	for _, f := range fs {
		den, _, ok := negativePower(f)
		if !ok || !isTanhDenominator(den) {
			continue
		}
		for j, s := range fs {
			if s.Kind() != expr.KindAdd {
				continue
			}
			others := make([]expr.Expr, 0, len(fs))
			for k, g := range fs {
				if k != j {
					others = append(others, g)
				}
			}
			parts := make([]expr.Expr, 0, len(s.Args()))
			for _, t := range s.Args() {
				p := expr.Mul(append([]expr.Expr{t}, others...)...)
				if q := tanhProduct(p); q != nil {
					p = q
				}
				if b, _, neg := negativePower(p); neg && b == den || hasFactor(p, den) {
					parts = nil
					break
				}
				parts = append(parts, p)
			}
			if parts != nil {
				return expr.Add(parts...), nil
			}
		}
	}
	return nil, nil
}

// isTanhDenominator reports whether d is the denominator of a form of
// tanh.
func isTanhDenominator(d expr.Expr) bool {
	if c, ok := d.(*expr.CallExpr); ok && c.Func() == expr.FnCosh {
		return true
	}
	a, ok := d.(*expr.AddExpr)
	return ok && len(a.Terms()) == 2 && a.Terms()[0].Kind() == expr.KindCall
}

// hasFactor reports whether the product p has a power of b as a factor.
func hasFactor(p, b expr.Expr) bool {
	for _, f := range factorList(p) {
		if fb, _ := expr.BaseExp(f); fb == b {
			return true
		}
	}
	return false
}

// tanhProduct replaces num^k den^-k in the product x by tanh(u)^k.
func tanhProduct(x expr.Expr) expr.Expr {
	fs := factorList(x)
	for i, f := range fs {
		den, n, ok := negativePower(f)
		if !ok {
			continue
		}
		for j, g := range fs {
			num, e := expr.BaseExp(g)
			if j == i || e != expr.Int(n) {
				continue
			}
			u, ok := tanhOf(num, den)
			if !ok {
				continue
			}
			out := []expr.Expr{expr.Pow(call(expr.FnTanh, u), expr.Int(n))}
			for k, h := range fs {
				if k != i && k != j {
					out = append(out, h)
				}
			}
			return expr.Mul(out...)
		}
	}
	return nil
}

func hyperbolicExp(x expr.Expr) (expr.Expr, []expr.Expr) {
	c, ok := x.(*expr.CallExpr)
	if !ok {
		return nil, nil
	}
	switch c.Func() {
	case expr.FnSinh, expr.FnCosh, expr.FnTanh:
		return elementaryForm(c), nil
	}
	return nil, nil
}

func hyperbolicForm(x expr.Expr) (expr.Expr, []expr.Expr) {
	a, ok := x.(*expr.AddExpr)
	if !ok {
		return nil, nil
	}
	ts := a.Terms()
	for i, t := range ts {
		k, r := expr.SplitCoeff(t)
		c, ok := r.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnExp || expr.CouldExtractMinus(c.Args()[0]) {
			continue
		}
		u := c.Args()[0]
		for j, s := range ts {
			ks, rs := expr.SplitCoeff(s)
			if j == i || rs != expr.Exp(expr.Neg(u)) {
				continue
			}
			var h expr.Expr
			switch {
			case ks == k:
				h = expr.Mul(expr.Two, k, call(expr.FnCosh, u))
			case ks == expr.NegNumber(k):
				h = expr.Mul(expr.Two, k, call(expr.FnSinh, u))
			default:
				continue
			}
			rest := []expr.Expr{h}
			for l, v := range ts {
				if l != i && l != j {
					rest = append(rest, v)
				}
			}
			return expr.Add(rest...), nil
		}
	}
	return nil, nil
}
