package mle

import (
	"context"
	"fmt"
	"sort"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// Solving the stationarity equations: each gradient component is brought
// to a polynomial in its parameter (denominators cleared, products
// expanded, sums split so the parameter comes out of them) and solved when
// its degree is 1 or 2. Equations are taken in order and each solution is
// substituted into the rest, then back-substituted, so coupled parameters
// (a Gaussian's mean and scale, a regression's slope and intercept) are
// solved jointly.

// normalise expands the parts of x that mention p and splits sums, until
// p stands outside every sum and product of sums.
func normalise(ctx context.Context, x expr.Expr, p *expr.Symbol) expr.Expr {
	mentions := func(y expr.Expr) bool { return expr.DependsOn(y, p) }
	for range 6 {
		next, _ := simplify.Run(ctx, x, simplify.ExpandWhere(mentions), simplify.SumLinearity, simplify.SumConstant)
		if next == x {
			break
		}
		x = next
	}
	return x
}

// tidy is the final form of a solution: sums split, then the smaller of
// that and its cancelled single fraction, with sums over a renamed index
// given back their usual index where nothing else binds it.
func (r *deriving) tidy(x expr.Expr) expr.Expr {
	x, _ = simplify.Run(r.ctx, x, simplify.SumLinearity, simplify.SumConstant)
	x = renameIndex(x, r.inner, r.Index)
	c := simplify.Cancel(r.ctx, x)
	if expr.TreeSize(c, 1<<20) < expr.TreeSize(x, 1<<20) {
		return c
	}
	x, _ = simplify.Run(r.ctx, x, simplify.FactorTerms)
	return x
}

func (r *deriving) solve() {
	sols := map[expr.Expr]expr.Expr{} // each in terms of the data and other parameters
	medians := map[*expr.Symbol]expr.Expr{}
	var order []*expr.Symbol
	for _, pt := range r.Gradient {
		// The zeros of c sum sign(p - a_i) are those of its sum, whatever
		// the other parameters in c: the median.
		if a := r.medianOf(pt.Value, pt.Param); a != nil {
			medians[pt.Param] = a
			sols[pt.Param] = Median(a, r.Index, r.Count)
			order = append(order, pt.Param)
			continue
		}
		// Put in the solutions that still depend on an unsolved parameter:
		// eliminating them is what solves coupled equations. Final ones
		// stay symbolic, so the answer reads in terms of earlier estimates.
		pending := map[expr.Expr]expr.Expr{}
		for q, s := range sols {
			if r.dependsOnUnsolved(s, sols) {
				pending[q] = s
			}
		}
		g := r.substitute(pt.Value, pending)
		s, why := solveFor(r.ctx, g, pt.Param, r.isPositive(pt.Param), r.tidy)
		if s == nil {
			r.NoClosedForm = why
			return
		}
		sols[pt.Param] = s
		order = append(order, pt.Param)
	}
	// Resolve every solution to the data alone, dependencies first.
	data := map[expr.Expr]expr.Expr{}
	var resolve func(p *expr.Symbol) expr.Expr
	resolve = func(p *expr.Symbol) expr.Expr {
		if v, ok := data[p]; ok {
			return v
		}
		data[p] = sols[p] // guards a cycle; solving above leaves none
		deps := map[expr.Expr]expr.Expr{}
		for _, q := range order {
			if q != p && expr.DependsOn(sols[p], q) {
				deps[q] = resolve(q)
			}
		}
		v := sols[p]
		if len(deps) > 0 {
			v = r.tidy(r.substitute(v, deps))
		}
		data[p] = v
		return v
	}
	for _, p := range order {
		resolve(p)
	}
	// Present estimates that others refer to first.
	sort.SliceStable(order, func(a, b int) bool {
		return !expr.DependsOn(sols[order[a]], order[b]) && expr.DependsOn(sols[order[b]], order[a])
	})
	for _, p := range order {
		r.Stationary = append(r.Stationary, Estimate{Param: p, Value: data[p], InTermsOf: sols[p], Median: medians[p]})
	}
}

// dependsOnUnsolved reports whether s mentions a parameter with no
// solution yet.
func (r *deriving) dependsOnUnsolved(s expr.Expr, sols map[expr.Expr]expr.Expr) bool {
	for _, p := range r.Params {
		if _, done := sols[p]; !done && expr.DependsOn(s, p) {
			return true
		}
	}
	return false
}

func (r *deriving) isPositive(p *expr.Symbol) bool {
	for _, q := range r.Positive {
		if q == p {
			return true
		}
	}
	return false
}

// substitute puts solved parameters into x, renaming the bound index of
// each solution's sums so that it cannot clash with a sum it lands in.
func (r *deriving) substitute(x expr.Expr, sols map[expr.Expr]expr.Expr) expr.Expr {
	if len(sols) == 0 {
		return x
	}
	j := r.inner
	m := map[expr.Expr]expr.Expr{}
	for p, s := range sols {
		if expr.DependsOn(x, p) {
			m[p] = renameIndex(s, r.Index, j)
		}
	}
	if len(m) == 0 {
		return x
	}
	return expr.Substitute(x, m)
}

// renameIndex renames the bound index from to to in the sums and products
// of x that are not inside another sum or product binding to.
func renameIndex(x expr.Expr, from, to *expr.Symbol) expr.Expr {
	var walk func(x expr.Expr, shadowed bool) expr.Expr
	walk = func(x expr.Expr, shadowed bool) expr.Expr {
		args := x.Args()
		if len(args) == 0 {
			return x
		}
		b, isBig := x.(*expr.BigOp)
		inner := shadowed || (isBig && b.Var() == to)
		na := make([]expr.Expr, len(args))
		for i, a := range args {
			na[i] = walk(a, inner)
		}
		if isBig && b.Var() == from && !shadowed && !expr.Contains(b.Body(), to) {
			body := expr.Substitute(na[0], map[expr.Expr]expr.Expr{from: to})
			return expr.NewBigOp(b.Op(), body, to, na[2], na[3])
		}
		return expr.Rebuild(x, na)
	}
	return walk(x, false)
}

// solveFor solves g = 0 for p, or says why it cannot.
func solveFor(ctx context.Context, g expr.Expr, p *expr.Symbol, positive bool, tidy func(expr.Expr) expr.Expr) (expr.Expr, string) {
	g = normalise(ctx, g, p)
	// Clear the denominators that depend on p, term by term so that each
	// cancels where it stands.
	mentions := func(y expr.Expr) bool { return expr.DependsOn(y, p) }
	if den := simplify.CommonDenominator(sumTerms(g), mentions); den != expr.One {
		ts := sumTerms(g)
		cleared := make([]expr.Expr, len(ts))
		for i, t := range ts {
			cleared[i] = expr.Mul(t, den)
		}
		g = normalise(ctx, expr.Add(cleared...), p)
	}
	coef, why := polynomial(g, p)
	if coef == nil {
		return nil, why
	}
	// Divide out a power of p: p > 0 excludes the root p = 0.
	low := 0
	for coef[low] == expr.Zero && low < len(coef)-1 {
		low++
	}
	if low > 0 && positive {
		coef = coef[low:]
	}
	switch len(coef) - 1 {
	case 0:
		if coef[0] == expr.Zero {
			return nil, fmt.Sprintf("the gradient with respect to %s vanishes identically: %s is not identifiable", p, p)
		}
		return nil, fmt.Sprintf("the gradient with respect to %s has no zero", p)
	case 1:
		return tidy(expr.Neg(expr.Div(coef[0], coef[1]))), ""
	case 2:
		a, b, c := coef[2], coef[1], coef[0]
		if b == expr.Zero {
			sq := tidy(expr.Neg(expr.Div(c, a)))
			return expr.Sqrt(sq), "" // the positive root; -sqrt is the other
		}
		disc := expr.Sub(expr.Pow(b, expr.Two), expr.Mul(expr.Int(4), a, c))
		return tidy(expr.Div(expr.Add(expr.Neg(b), expr.Sqrt(tidy(disc))), expr.Mul(expr.Two, a))), ""
	}
	return nil, fmt.Sprintf("the stationarity equation for %s is a polynomial of degree %d", p, len(coef)-1)
}

// polynomial returns the coefficients c[k] of g = sum c[k] p^k, or the
// reason g is not a polynomial in p.
func polynomial(g expr.Expr, p *expr.Symbol) ([]expr.Expr, string) {
	byDeg := map[int64][]expr.Expr{}
	mentions := func(y expr.Expr) bool { return expr.DependsOn(y, p) }
	for _, t := range sumTerms(g) {
		fs := []expr.Expr{t}
		if m, ok := t.(*expr.MulExpr); ok {
			fs = m.Factors()
		}
		var deg int64
		var rest []expr.Expr
		for _, f := range fs {
			if !mentions(f) {
				rest = append(rest, f)
				continue
			}
			b, e := expr.BaseExp(f)
			n, ok := e.(*expr.Number)
			k, isInt := int64(0), false
			if ok {
				k, isInt = n.Int64()
			}
			if b != p || !isInt || k < 0 {
				return nil, nonPolynomialReason(f, p)
			}
			deg += k
		}
		byDeg[deg] = append(byDeg[deg], expr.Mul(rest...))
	}
	var maxDeg int64
	for d := range byDeg {
		maxDeg = max(maxDeg, d)
	}
	coef := make([]expr.Expr, maxDeg+1)
	for d := range coef {
		coef[d] = expr.Add(byDeg[int64(d)]...)
	}
	return coef, ""
}

// nonPolynomialReason explains why no closed form is found, by what the
// parameter sits inside of.
func nonPolynomialReason(f expr.Expr, p *expr.Symbol) string {
	var inside []string
	seen := map[string]bool{}
	mentions := func(y expr.Expr) bool { return expr.DependsOn(y, p) }
	expr.Inspect(f, func(x expr.Expr) bool {
		if c, ok := x.(*expr.CallExpr); ok && mentions(c) && !seen[c.Func().Name] {
			seen[c.Func().Name] = true
			inside = append(inside, c.Func().Name)
		}
		return true
	})
	sort.Strings(inside)
	for _, name := range inside {
		switch name {
		case "sign", "step", "abs":
			return fmt.Sprintf("the loss is not differentiable in %s where a residual is zero, and its (sub)gradient is piecewise constant: there is no closed form. Minimising a sum of absolute residuals is least-absolute-deviations regression, solved by linear programming or subgradient descent; any point where the subgradient contains 0 is optimal", p)
		}
	}
	if len(inside) > 0 {
		return fmt.Sprintf("%s enters the stationarity equation through %s, so the equation is transcendental in %s: there is no closed form; minimise numerically (Newton's method or gradient descent)", p, inside[0], p)
	}
	return fmt.Sprintf("the stationarity equation is not polynomial in %s: no closed form found; minimise numerically", p)
}
