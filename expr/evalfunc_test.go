package expr_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

// TestEvalFuncIsEval: on random terms in one variable, at points where
// they are defined and where they are not, EvalFunc's function gives
// Eval's value bit for bit, and fails where Eval fails.
func TestEvalFuncIsEval(t *testing.T) {
	g := exprtest.New(17)
	g.Syms = []string{"x"}
	x := expr.Sym("x")
	points := []float64{0, 1, -1, 0.5, -2.75, 3e10, -1e-300, math.Pi / 2, 710, -710}
	compiled := 0
	for range 2000 {
		term := g.Expr(5)
		f, ok := expr.EvalFunc(term, x)
		if !ok {
			continue
		}
		compiled++
		for _, p := range points {
			want, err := expr.Eval(term, expr.Env{Scalars: map[string]float64{"x": p}})
			got, fine := f(p)
			require.Equal(t, err == nil, fine, "%s at x = %g: %v", term, p, err)
			if fine {
				require.Equal(t, math.Float64bits(want), math.Float64bits(got), "%s at x = %g", term, p)
			}
		}
	}
	require.Greater(t, compiled, 1500)
}

// TestEvalFuncRefuses: terms it does not compile are left to Eval.
func TestEvalFuncRefuses(t *testing.T) {
	x, y := expr.Sym("x"), expr.Sym("y")
	for _, term := range []expr.Expr{
		expr.Add(x, y), // another free symbol
		expr.Index("a", x),
		expr.Mul(x, expr.Pow(expr.Int(10), expr.Int(400))), // out of float64's range
	} {
		_, ok := expr.EvalFunc(term, x)
		require.False(t, ok, "%s", term)
	}
}
