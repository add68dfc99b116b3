package activation

import (
	"github.com/derivtex/derivtex/expr"
)

// ruleStepScale writes the Heaviside step of a multiple of u as the step
// of u or of -u: H(99x/100) = H(x), as a textbook writes leaky ReLU's
// derivative. The simplifier keeps the factor, which is right for a
// factor of unknown sign; here it is a number.
var ruleStepScale = expr.NewRule("step-scale", "a positive factor inside the step drops out")

// textbook rewrites every step(c u), c a number, as step(u) or step(-u),
// and returns the step that does it, or false when there is none.
func textbook(x expr.Expr) (expr.Expr, expr.Step, bool) {
	sub := map[expr.Expr]expr.Expr{}
	expr.Inspect(x, func(y expr.Expr) bool {
		c, ok := y.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnStep {
			return true
		}
		coeff, rest := expr.SplitCoeff(c.Args()[0])
		if _, num := rest.(*expr.Number); num || coeff.Sign() == 0 || expr.Plain(coeff) == "1" || expr.Plain(coeff) == "-1" {
			return true
		}
		if coeff.Sign() > 0 {
			sub[y] = expr.Call(expr.FnStep, rest)
		} else {
			sub[y] = expr.Call(expr.FnStep, expr.Neg(rest))
		}
		return true
	})
	if len(sub) == 0 {
		return x, expr.Step{}, false
	}
	out := expr.Substitute(x, sub)
	return out, expr.Step{Rule: ruleStepScale, Before: x, After: out}, true
}
