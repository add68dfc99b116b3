package simplify

import (
	"context"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
)

// Together writes a sum of fractions over one common denominator:
// a/b + c/d = (a d + c b)/(b d), taking each base of the denominators to
// its highest power, so a/x + b/x^2 = (a x + b)/x^2.
var Together = Rewrite{Rule: expr.NewRule("together", "common denominator"), Try: together}

func together(x expr.Expr) (expr.Expr, []expr.Expr) {
	a, ok := x.(*expr.AddExpr)
	if !ok {
		return nil, nil
	}
	// The numeric part k stays apart from the rest: as one product,
	// 2 (y + 1) would be distributed to 2 y + 2 and cancel nothing.
	isNum := func(d expr.Expr) bool { return d.Kind() == expr.KindNumber }
	k := CommonDenominator(a.Terms(), isNum)
	den := CommonDenominator(a.Terms(), func(d expr.Expr) bool { return !isNum(d) })
	if den == expr.One && k == expr.One {
		return nil, nil
	}
	num := make([]expr.Expr, len(a.Terms()))
	for i, t := range a.Terms() {
		num[i] = expr.Mul(t, k, den)
	}
	return expr.Mul(expr.Add(num...), expr.Pow(k, expr.MinusOne), expr.Pow(den, expr.MinusOne)), nil
}

// CommonDenominator is the product of the denominator bases of terms that
// satisfy keep, each to its highest power among the terms.
func CommonDenominator(terms []expr.Expr, keep func(expr.Expr) bool) expr.Expr {
	highest := map[expr.Expr]expr.Expr{}
	var bases []expr.Expr
	for _, t := range terms {
		_, _, den := expr.NumDen(t)
		for _, d := range den {
			if !keep(d) {
				continue
			}
			b, e := expr.BaseExp(d)
			if b.Kind() == expr.KindNumber {
				b, e = d, expr.One
			}
			if old, ok := highest[b]; !ok {
				bases = append(bases, b)
				highest[b] = e
			} else if expr.Compare(e, old) > 0 {
				highest[b] = e
			}
		}
	}
	out := make([]expr.Expr, 0, len(bases))
	for _, b := range bases {
		out = append(out, expr.Pow(b, highest[b]))
	}
	return expr.Mul(out...)
}

// ExpandWhere is Expand restricted to the subterms for which where holds,
// such as those that mention the unknown being solved for.
func ExpandWhere(where func(expr.Expr) bool) Rewrite {
	return Rewrite{Rule: Expand.Rule, Try: func(x expr.Expr) (expr.Expr, []expr.Expr) {
		if !where(x) {
			return nil, nil
		}
		return expand(x)
	}}
}

// Cancel puts x over a common denominator, expands numerator and
// denominator, and factors both, so that factors they share cancel by
// construction. It repeats until nothing changes, so that cancelling
// twice is cancelling once: expanding a factored result again can land on
// a form FactorTerms leaves alone (y - 4 w y, not y (1 - 4 w)).
func Cancel(ctx context.Context, x expr.Expr) expr.Expr {
	m := budget.From(ctx)
	for range maxPasses {
		if !m.OK() {
			break
		}
		next := cancelOnce(ctx, x)
		if next == x {
			break
		}
		x = next
	}
	return x
}

func cancelOnce(ctx context.Context, x expr.Expr) expr.Expr {
	x, _ = Apply(ctx, x, Together)
	neg, num, den := expr.NumDen(x)
	n := expr.Mul(num...)
	d := expr.Mul(den...)
	n, _ = Run(ctx, n, Expand, FactorTerms)
	d, _ = Run(ctx, d, Expand, FactorTerms)
	out := expr.Div(n, d)
	if neg {
		out = expr.Neg(out)
	}
	out, _ = Apply(ctx, out, FactorTerms)
	return out
}

// NestedFractions clears fractions inside a fraction: a sum that is a
// factor of a quotient is put over its own common denominator, which then
// joins the quotient's, so ((x^2 + 1)/x - 2 x log x)/(x^2 + 1)^2 becomes
// (x^2 + 1 - 2 x^2 log x)/(x (x^2 + 1)^2). Sums standing alone keep their
// fractions: N/w in a gradient reads better than a common denominator.
var NestedFractions = Rewrite{Rule: Together.Rule, Try: nestedFractions}

func nestedFractions(x expr.Expr) (expr.Expr, []expr.Expr) {
	m, ok := x.(*expr.MulExpr)
	if !ok {
		return nil, nil
	}
	_, _, den := expr.NumDen(m)
	if len(den) == 0 {
		return nil, nil
	}
	changed := false
	fs := make([]expr.Expr, len(m.Factors()))
	for i, f := range m.Factors() {
		fs[i] = f
		b, e := expr.BaseExp(f)
		if _, isSum := b.(*expr.AddExpr); !isSum {
			continue
		}
		if n, ok := e.(*expr.Number); !ok || n.Sign() == 0 {
			continue
		}
		if t, _ := together(b); t != nil {
			fs[i] = expr.Pow(t, e)
			changed = true
		}
	}
	if !changed {
		return nil, nil
	}
	return expr.Mul(fs...), nil
}
