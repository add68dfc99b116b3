package solve

import (
	"context"
	"math"
	"math/big"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
)

// maxClosedDegree bounds the degree of the polynomial bodies ClosedSums
// works out: the work is a difference table of degree+1 values.
const maxClosedDegree = 32

// maxClosedBound bounds the magnitude of the bounds of a sum ClosedSums
// works out, so that no bound or count overflows an int64.
const maxClosedBound = 1 << 61

// ClosedSums works out exactly the sums of x whose bounds are integers and
// whose body is a polynomial in the index of degree at most 32, however
// many terms they have (sum(k, k, 1, 5000) = 12502500): by Newton's
// forward differences,
//
//	sum(p(k), k, lo, hi) = sum over j = 0..d of C(n, j+1) Δ^j p(lo), n = hi - lo + 1,
//
// which needs p at d+1 points. Other sums are left as they are; the work
// is charged to ctx's budget.
func ClosedSums(ctx context.Context, x expr.Expr) expr.Expr {
	m := budget.From(ctx)
	return expr.Map(x, func(n expr.Expr) expr.Expr {
		b, ok := n.(*expr.BigOp)
		if !ok || b.Op() != expr.Sum {
			return n
		}
		lo, ok1 := intOf(b.Lo())
		hi, ok2 := intOf(b.Hi())
		if !ok1 || !ok2 || max(lo, -lo, hi, -hi) > maxClosedBound {
			return n
		}
		if hi < lo {
			return expr.Zero
		}
		d, ok := degreeIn(b.Body(), b.Var(), maxClosedDegree)
		if !ok || !m.Work((d+1)*(1+len(b.Body().Args()))) {
			return n
		}
		diffs := make([]expr.Expr, d+1) // p(lo), ..., p(lo+d), then their differences
		for j := range diffs {
			diffs[j] = expr.Substitute(b.Body(), map[expr.Expr]expr.Expr{b.Var(): expr.Int(lo + int64(j))})
		}
		count := hi - lo + 1
		var terms []expr.Expr
		for j := 0; j <= d; j++ {
			c := new(big.Rat).SetInt(new(big.Int).Binomial(count, int64(j+1)))
			terms = append(terms, expr.Mul(expr.NewNumber(c), diffs[0]))
			for k := 0; k < len(diffs)-1; k++ {
				diffs[k] = expr.Sub(diffs[k+1], diffs[k])
			}
			diffs = diffs[:len(diffs)-1]
		}
		return expr.Add(terms...)
	})
}

// degreeIn returns the degree of x as a polynomial in v, and false when x
// is not one (sin(k), 2^k, x[k]) or its degree is above limit.
func degreeIn(x expr.Expr, v *expr.Symbol, limit int) (int, bool) {
	if !expr.DependsOn(x, v) {
		return 0, true
	}
	switch x.Kind() {
	case expr.KindSymbol:
		return 1, x == expr.Expr(v)
	case expr.KindAdd, expr.KindMul:
		total := 0
		for _, a := range x.Args() {
			d, ok := degreeIn(a, v, limit)
			if !ok {
				return 0, false
			}
			if x.Kind() == expr.KindAdd {
				total = max(total, d)
			} else {
				total += d
			}
		}
		return total, total <= limit
	case expr.KindPow:
		base, exp := x.Args()[0], x.Args()[1]
		e, ok := intOf(exp)
		if !ok || e < 0 || e > math.MaxInt32 {
			return 0, false
		}
		d, ok := degreeIn(base, v, limit)
		if !ok || int64(d)*e > int64(limit) {
			return 0, false
		}
		return d * int(e), true
	}
	return 0, false
}
