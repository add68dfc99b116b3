package expr_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
)

// TestUndefined covers the values the reals do not have: each is an
// Undefined with its reason, and whatever is built from one stays
// undefined, so folding constants cannot turn 0*(1/0) into 0.
func TestUndefined(t *testing.T) {
	x := expr.Sym("x")
	inv0 := expr.Pow(expr.Zero, expr.MinusOne)
	tests := []struct {
		name   string
		in     expr.Expr
		reason string
	}{
		{"1/0", inv0, "division by zero"},
		{"0/0", expr.Div(expr.Zero, expr.Zero), "division by zero"},
		{"0*(1/0)", expr.Mul(expr.Zero, inv0), "division by zero"},
		{"x - x + 1/0", expr.Add(x, expr.Neg(x), inv0), "division by zero"},
		{"0^(-1/2)", expr.Pow(expr.Zero, expr.Rat(-1, 2)), "division by zero"},
		{"sqrt(-4)", expr.Sqrt(expr.Int(-4)), "not a real number: an even root of a negative number"},
		{"log(0)", expr.Log(expr.Zero), "log of zero"},
		{"log(-2)", expr.Log(expr.Int(-2)), "log of a negative number"},
		{"tan(pi/2)", expr.Call(expr.FnTan, expr.Div(expr.Pi, expr.Two)), "tan of an odd multiple of pi/2"},
		{"tan(-3pi/2)", expr.Call(expr.FnTan, expr.Mul(expr.Rat(-3, 2), expr.Pi)), "tan of an odd multiple of pi/2"},
		{"factorial(-1)", expr.Call(expr.FnFactorial, expr.MinusOne), "factorial of a negative integer"},
		{"lgamma(0)", expr.Call(expr.FnLgamma, expr.Zero), "lgamma at a non-positive integer"},
		{"polygamma(1/2, 1)", expr.Call(expr.FnPolygamma, expr.Half, expr.One), "polygamma order must be a non-negative integer"},
		{"polygamma(0, -2)", expr.Call(expr.FnPolygamma, expr.Zero, expr.Int(-2)), "polygamma at a non-positive integer"},
		{"sin(1/0)", expr.Call(expr.FnSin, inv0), "division by zero"},
		{"(1/0)^0", expr.Pow(inv0, expr.Zero), "division by zero"},
		{"1^(1/0)", expr.Pow(expr.One, inv0), "division by zero"},
		{"x[1/0]", expr.Index("x", inv0), "division by zero"},
		{"diff(1/0, x)", expr.Diff(inv0, x), "division by zero"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.True(t, expr.IsUndefined(tc.in), "%s is %s", tc.name, tc.in)
			u := expr.UndefinedIn(tc.in)
			require.NotNil(t, u)
			assert.Equal(t, tc.reason, u.Reason())
			_, err := expr.Eval(tc.in, expr.Env{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.reason)
		})
	}
	// Defined neighbours stay defined.
	for _, x := range []expr.Expr{
		expr.Pow(expr.Zero, expr.Zero), expr.Pow(expr.Zero, expr.Two), expr.Pow(expr.Int(-8), expr.Rat(1, 3)),
		expr.Log(expr.One), expr.Call(expr.FnTan, expr.Pi), expr.Call(expr.FnFactorial, expr.Zero),
		expr.Div(x, x), expr.Log(x), expr.Pow(x, expr.MinusOne),
	} {
		assert.False(t, expr.IsUndefined(x), "%s", x)
		assert.Nil(t, expr.UndefinedIn(x))
	}
}
