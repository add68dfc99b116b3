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

// maxClosedBits bounds the size of the bounds of a sum ClosedSums works
// out (10^300 and more are left alone), so that the binomials stay small.
const maxClosedBits = 1000

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
		lo, ok1 := bigIntOf(b.Lo())
		hi, ok2 := bigIntOf(b.Hi())
		if !ok1 || !ok2 || lo.BitLen() > maxClosedBits || hi.BitLen() > maxClosedBits {
			return n
		}
		if hi.Cmp(lo) < 0 {
			return expr.Zero
		}
		d, ok := degreeIn(b.Body(), b.Var(), maxClosedDegree)
		if !ok || !m.Work((d+1)*(1+len(b.Body().Args()))) {
			return n
		}
		diffs := make([]expr.Expr, d+1) // p(lo), ..., p(lo+d), then their differences
		for j := range diffs {
			k := new(big.Int).Add(lo, big.NewInt(int64(j)))
			diffs[j] = expr.Substitute(b.Body(), map[expr.Expr]expr.Expr{b.Var(): expr.NewNumber(new(big.Rat).SetInt(k))})
		}
		count := new(big.Int).Sub(hi, lo)
		count.Add(count, big.NewInt(1))
		var terms []expr.Expr
		for j := 0; j <= d; j++ {
			c := new(big.Rat).SetInt(binomial(count, j+1))
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
		n, ok := exp.(*expr.Number)
		e, small := int64(0), false
		if ok {
			e, small = n.Int64()
		}
		if !small || e < 0 || e > math.MaxInt32 {
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

// binomial is C(n, k) for a whole number n of any size and a small k.
func binomial(n *big.Int, k int) *big.Int {
	c := big.NewInt(1)
	for i := range k {
		c.Mul(c, new(big.Int).Sub(n, big.NewInt(int64(i))))
		c.Quo(c, big.NewInt(int64(i+1))) // exact: a product of i+1 consecutive numbers
	}
	return c
}
