package simplify

import (
	"github.com/derivtex/derivtex/expr"
)

// MaxExpandTerms bounds the size of an expansion. A product or power whose
// expansion would have more terms is left as it is, so (x+1)^100000 costs
// nothing.
const MaxExpandTerms = 2000

// Expand distributes products over sums and expands positive integer
// powers of sums: (a + b)(c + d) = a c + a d + b c + b d.
var Expand = Rewrite{Rule: expr.NewRule("expand", "expanding products"), Try: expand}

func terms(x expr.Expr) []expr.Expr {
	if a, ok := x.(*expr.AddExpr); ok {
		return a.Terms()
	}
	return []expr.Expr{x}
}

func expand(x expr.Expr) (expr.Expr, []expr.Expr) {
	switch x := x.(type) {
	case *expr.MulExpr:
		hasSum := false
		for _, f := range x.Factors() {
			if f.Kind() == expr.KindAdd {
				hasSum = true
			}
		}
		if !hasSum {
			return nil, nil
		}
		acc := []expr.Expr{expr.One}
		for _, f := range x.Factors() {
			var ok bool
			if acc, ok = distribute(acc, terms(f)); !ok {
				return nil, nil
			}
		}
		return expr.Add(acc...), nil
	case *expr.PowExpr:
		n, ok := x.Exp().(*expr.Number)
		if !ok || x.Base().Kind() != expr.KindAdd {
			return nil, nil
		}
		k, isInt := n.Int64()
		if !isInt || k < 2 || k > MaxExpandTerms {
			return nil, nil
		}
		ts := terms(x.Base())
		acc := []expr.Expr{expr.One}
		for range k {
			if acc, ok = distribute(acc, ts); !ok {
				return nil, nil
			}
			acc = terms(expr.Add(acc...)) // collect as we go
		}
		return expr.Add(acc...), nil
	}
	return nil, nil
}

// distribute multiplies two lists of terms, refusing when the result would
// exceed MaxExpandTerms.
func distribute(a, b []expr.Expr) ([]expr.Expr, bool) {
	if len(a)*len(b) > MaxExpandTerms {
		return nil, false
	}
	out := make([]expr.Expr, 0, len(a)*len(b))
	for _, s := range a {
		for _, t := range b {
			out = append(out, expr.Mul(s, t))
		}
	}
	return out, true
}
