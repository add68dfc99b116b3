package simplify

import (
	"context"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// Rewrites of indexed sums and products: the steps that turn a
// log-likelihood into something a reader can minimise.
var (
	// SumLinearity: sum(a + b) = sum a + sum b, and sum(c f) = c sum f for
	// c free of the index.
	SumLinearity = Rewrite{Rule: expr.NewRule("sum-split", "linearity of the sum"), Try: sumLinearity}
	// SumConstant: sum_{i=lo}^{hi} c = (hi - lo + 1) c for c free of i.
	SumConstant = Rewrite{Rule: expr.NewRule("sum-constant", "sum of a constant"), Try: sumConstant}
	// LogOfProduct: log prod f = sum log f, for f > 0.
	LogOfProduct = Rewrite{Rule: expr.NewRule("log-prod", "log of a product over the index"), Try: logOfProduct}
	// ProductLinearity: prod(a b) = prod a prod b; prod c = c^n.
	ProductSplit = Rewrite{Rule: expr.NewRule("prod-split", "splitting the product over i"), Try: productSplit}
)

// freeOf reports whether x does not mention the bound index v.
func freeOf(x expr.Expr, v *expr.Symbol) bool {
	return !expr.DependsOn(x, v)
}

func count(b *expr.BigOp) expr.Expr {
	return expr.Add(expr.Sub(b.Hi(), b.Lo()), expr.One)
}

func sumLinearity(x expr.Expr) (expr.Expr, []expr.Expr) {
	s, ok := x.(*expr.BigOp)
	if !ok || s.Op() != expr.Sum {
		return nil, nil
	}
	over := func(body expr.Expr) expr.Expr { return expr.SumOver(body, s.Var(), s.Lo(), s.Hi()) }
	switch body := s.Body().(type) {
	case *expr.AddExpr:
		parts := make([]expr.Expr, len(body.Terms()))
		for i, t := range body.Terms() {
			parts[i] = over(t)
			if r, _ := sumLinearity(parts[i]); r != nil {
				parts[i] = r
			}
		}
		return expr.Add(parts...), nil
	case *expr.Number:
		if body.Sign() < 0 {
			return expr.Neg(over(expr.NegNumber(body))), nil // sum(-1) = -sum(1)
		}
	case *expr.MulExpr:
		var outside, inside []expr.Expr
		for _, f := range body.Factors() {
			if freeOf(f, s.Var()) {
				outside = append(outside, f)
			} else {
				inside = append(inside, f)
			}
		}
		if len(inside) == 0 {
			// A constant: its sign and numeric coefficient come out,
			// -sum(-c) = sum(c), and the sum of a constant does the rest.
			if k, rest := expr.SplitCoeff(body); k != expr.One {
				return expr.Mul(k, over(rest)), nil
			}
			return nil, nil
		}
		if len(outside) == 0 {
			return nil, nil
		}
		return expr.Mul(append(outside, over(expr.Mul(inside...)))...), nil
	}
	return nil, nil
}

func sumConstant(x expr.Expr) (expr.Expr, []expr.Expr) {
	s, ok := x.(*expr.BigOp)
	if !ok || s.Op() != expr.Sum || !freeOf(s.Body(), s.Var()) {
		return nil, nil
	}
	return expr.Mul(count(s), s.Body()), nil
}

func logOfProduct(x expr.Expr) (expr.Expr, []expr.Expr) {
	u, ok := logArg(x)
	if !ok {
		return nil, nil
	}
	p, ok := u.(*expr.BigOp)
	if !ok || p.Op() != expr.Product {
		return nil, nil
	}
	var assume []expr.Expr
	if !IsPositive(p.Body()) {
		assume = append(assume, p.Body())
	}
	return expr.SumOver(expr.Log(p.Body()), p.Var(), p.Lo(), p.Hi()), assume
}

func productSplit(x expr.Expr) (expr.Expr, []expr.Expr) {
	p, ok := x.(*expr.BigOp)
	if !ok || p.Op() != expr.Product {
		return nil, nil
	}
	if freeOf(p.Body(), p.Var()) {
		return expr.Pow(p.Body(), count(p)), nil
	}
	m, ok := p.Body().(*expr.MulExpr)
	if !ok {
		return nil, nil
	}
	parts := make([]expr.Expr, len(m.Factors()))
	for i, f := range m.Factors() {
		if freeOf(f, p.Var()) {
			parts[i] = expr.Pow(f, count(p))
		} else {
			parts[i] = expr.ProdOver(f, p.Var(), p.Lo(), p.Hi())
		}
	}
	return expr.Mul(parts...), nil
}

// RuleSumMerge is the step of MergeSums.
var RuleSumMerge = expr.NewRule("sum-merge", "sums over one range merged")

// MergeSums writes the sums of a sum of terms that run over one index
// and range as one sum, its summand simplified (Simplify): the logistic
// gradient's -sum(x s (y - 1)) - sum(x y (1 - s)) is sum(x (s - y)),
// as a textbook prints it. It keeps x when merging does not make it
// smaller.
func MergeSums(ctx context.Context, x expr.Expr) (expr.Expr, *expr.Step) {
	a, ok := x.(*expr.AddExpr)
	if !ok {
		return x, nil
	}
	type key struct{ v, lo, hi expr.Expr }
	groups := map[key][]expr.Expr{}
	var order []key
	var rest []expr.Expr
	for _, t := range a.Terms() {
		var outside []expr.Expr
		var s *expr.BigOp
		factors := []expr.Expr{t}
		if m, ok := t.(*expr.MulExpr); ok {
			factors = m.Factors()
		}
		for _, f := range factors {
			if b, ok := f.(*expr.BigOp); ok && b.Op() == expr.Sum && s == nil {
				s = b
				continue
			}
			outside = append(outside, f)
		}
		if s == nil || slices.ContainsFunc(outside, func(f expr.Expr) bool { return expr.DependsOn(f, s.Var()) }) {
			rest = append(rest, t)
			continue
		}
		k := key{s.Var(), s.Lo(), s.Hi()}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], expr.Mul(append(outside, s.Body())...))
	}
	merged := false
	for _, k := range order {
		g := groups[k]
		if len(g) > 1 {
			merged = true
		}
		body, _ := Simplify(ctx, expr.Add(g...))
		rest = append(rest, expr.SumOver(body, k.v.(*expr.Symbol), k.lo, k.hi))
	}
	out := expr.Add(rest...)
	const limit = 1 << 16
	if !merged || expr.TreeSize(out, limit) >= expr.TreeSize(x, limit) {
		return x, nil
	}
	return out, &expr.Step{Rule: RuleSumMerge, Before: x, After: out}
}
