package mle

import (
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// Bound is the open interval a parameter must lie in for the likelihood
// to be defined: Lo < Param < Hi, with Lo or Hi nil where that side is
// unbounded.
type Bound struct {
	Param  *expr.Symbol
	Lo, Hi expr.Expr
}

// domain reads the parameters' bounds off the negative log-likelihood:
// every logarithm needs a positive argument, and an argument linear in one
// parameter with a numeric slope (theta, 1 - theta, lambda + c) bounds it
// on one side. Arguments positive whatever the parameters (1 + exp(z))
// bound nothing. The bounds are in the order of the parameters.
func (r *deriving) domain() []Bound {
	lo, hi := map[*expr.Symbol]expr.Expr{}, map[*expr.Symbol]expr.Expr{}
	expr.Inspect(r.NLL, func(x expr.Expr) bool {
		c, ok := x.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnLog || !r.dependsOnParams(c.Args()[0]) || simplify.IsPositive(c.Args()[0]) {
			return true
		}
		arg := c.Args()[0]
		for _, p := range r.Params {
			if !expr.DependsOn(arg, p) {
				continue
			}
			coef, _ := polynomial(normalise(r.ctx, arg, p), p)
			if len(coef) != 2 || r.dependsOnParams(coef[0]) {
				return true
			}
			slope, ok := coef[1].(*expr.Number)
			if !ok || slope.Sign() == 0 {
				return true
			}
			at := r.tidy(expr.Neg(expr.Div(coef[0], slope)))
			if slope.Sign() > 0 {
				lo[p] = tighter(lo[p], at, 1)
			} else {
				hi[p] = tighter(hi[p], at, -1)
			}
		}
		return true
	})
	var out []Bound
	for _, p := range r.Params {
		if lo[p] != nil || hi[p] != nil {
			out = append(out, Bound{Param: p, Lo: lo[p], Hi: hi[p]})
		}
	}
	return out
}

// tighter is the tighter of two bounds on one side (sign 1 for a lower
// bound, -1 for an upper), when both are numbers; else the one known first.
func tighter(old, next expr.Expr, sign int) expr.Expr {
	if old == nil {
		return next
	}
	a, ok1 := old.(*expr.Number)
	b, ok2 := next.(*expr.Number)
	if ok1 && ok2 && a.Rat().Cmp(b.Rat())*sign < 0 {
		return next
	}
	return old
}

// positiveParams are the parameters the domain keeps positive: their
// lower bound is a number at least 0. It picks the positive root.
func positiveParams(domain []Bound) []*expr.Symbol {
	var out []*expr.Symbol
	for _, b := range domain {
		if n, ok := b.Lo.(*expr.Number); ok && n.Sign() >= 0 {
			out = append(out, b.Param)
		}
	}
	return out
}
