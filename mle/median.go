package mle

import (
	"github.com/derivtex/derivtex/expr"
)

// A gradient component c sum_i sign(p - a_i), with c free of p and the a_i
// data, is the subgradient of c sum_i |p - a_i|. It is not a stationarity
// equation (it is piecewise constant), but its minimiser is a stated
// result: the median of the a_i, where the subgradient contains 0.

// medianOf returns the a_i of a gradient of that form, or nil.
func (r *deriving) medianOf(g expr.Expr, p *expr.Symbol) expr.Expr {
	fs := []expr.Expr{g}
	if m, ok := g.(*expr.MulExpr); ok {
		fs = m.Factors()
	}
	var sum *expr.BigOp
	for _, f := range fs {
		if !expr.DependsOn(f, p) {
			continue
		}
		b, ok := f.(*expr.BigOp)
		if !ok || b.Op() != expr.Sum || sum != nil || b.Var() != r.Index {
			return nil
		}
		sum = b
	}
	if sum == nil {
		return nil
	}
	c, ok := sum.Body().(*expr.CallExpr)
	if !ok || c.Func() != expr.FnSign {
		return nil
	}
	coef, _ := polynomial(normalise(r.ctx, c.Args()[0], p), p)
	if len(coef) != 2 || r.dependsOnParams(coef[0]) {
		return nil
	}
	slope, ok := coef[1].(*expr.Number)
	if !ok || slope.Sign() == 0 {
		return nil
	}
	return r.tidy(expr.Neg(expr.Div(coef[0], slope)))
}

// Median is the median of the a_i over the examples i = 1..N, written as
// a sum is: median(a[i], i, 1, N), which prints and parses back.
func Median(a expr.Expr, i, n *expr.Symbol) expr.Expr {
	return expr.Call(expr.FnMedian, a, i, expr.One, n)
}
