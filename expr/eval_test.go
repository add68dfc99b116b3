package expr_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

func TestEval(t *testing.T) {
	env := expr.Env{
		Scalars: map[string]float64{"x": 3, "y": -2, "N": 3, "w": 0.5},
		Vectors: map[string][]float64{"x": {1, 2, 3}, "y": {4, 5, 6}},
		Arrays: map[string]expr.Array{
			"W": {Shape: []int{2, 3}, Data: []float64{1, 2, 3, 4, 5, 6}},
			"T": {Shape: []int{2, 2, 2}, Data: []float64{1, 2, 3, 4, 5, 6, 7, 8}},
			"u": {Shape: []int{2}, Data: []float64{10, 20}},
		},
	}
	xi, yi := expr.Index("x", i), expr.Index("y", i)
	j := expr.Sym("j")
	tests := []struct {
		name string
		in   expr.Expr
		want float64
	}{
		{"number", expr.Rat(-3, 4), -0.75},
		{"polynomial", p("x^2 + 2x + 1"), 16},
		{"quotient", p("(x + 1)/(x - 1)"), 2},
		{"pi", expr.Pi, math.Pi},
		{"e", expr.E, math.E},
		{"sqrt", expr.Sqrt(expr.Two), math.Sqrt2},
		{"odd root of a negative", expr.Pow(expr.Int(-8), expr.Rat(1, 3)), -2},
		{"odd root of a negative, squared", expr.Pow(expr.Int(-8), expr.Rat(2, 3)), 4},
		{"negative odd root of a negative", expr.Pow(expr.Int(-8), expr.Rat(-1, 3)), -0.5},
		{"negative even power of a root", expr.Pow(expr.Int(-8), expr.Rat(-2, 3)), 0.25},
		{"symbolic odd root", expr.Pow(y, expr.Rat(3, 5)), -math.Pow(2, 0.6)},
		{"negative to integer power", expr.Pow(y, expr.Int(3)), -8},
		{"functions", p("log(x) + exp(w) + sin(x) + cos(x) + tan(w) + tanh(w)"),
			math.Log(3) + math.Exp(0.5) + math.Sin(3) + math.Cos(3) + math.Tan(0.5) + math.Tanh(0.5)},
		{"sigmoid", p("sigmoid(y)"), 1 / (1 + math.Exp(2))},
		{"hyperbolic", p("sinh(x) + cosh(w)"), math.Sinh(3) + math.Cosh(0.5)},
		{"kinks", p("relu(y) + step(x) + abs(y) + sign(y) + max(x, y, w) + min(x, y)"), 0 + 1 + 2 - 1 + 3 - 2},
		{"factorial", p("factorial(x)"), 6},
		{"lgamma", p("lgamma(x + 2)"), math.Log(24)},
		{"polygamma", p("polygamma(0, 1)"), -0.5772156649015329},
		{"trigamma", p("polygamma(1, 1)"), math.Pi * math.Pi / 6},
		// pi^2/sin^2(-5pi/2) - psi_1(7/2), by reflection
		{"trigamma below zero", p("polygamma(1, -5/2)"), math.Pi*math.Pi - (math.Pi*math.Pi/2 - 4 - 4.0/9 - 4.0/25)},
		{"dot product", expr.SumOver(expr.Mul(xi, yi), i, expr.One, N), 4 + 10 + 18},
		{"sum bound from env, 1-based", expr.SumOver(xi, i, expr.Two, N), 5},
		{"empty sum", expr.SumOver(xi, i, expr.Int(4), N), 0},
		{"product", expr.ProdOver(xi, i, expr.One, N), 6},
		{"empty product", expr.ProdOver(xi, i, expr.One, expr.Zero), 1},
		{"index shadows the scalar", expr.SumOver(y, y, expr.One, N), 6},
		{"nested sums", expr.SumOver(expr.SumOver(expr.Mul(expr.Index("x", i), expr.Index("y", j)), j, expr.One, N), i, expr.One, N), 6 * 15},
		{"sum of index expressions", expr.SumOver(expr.Index("x", expr.Sub(expr.Int(4), i)), i, expr.One, N), 6},
		{"matrix element, row-major", expr.Index("W", expr.Two, expr.One), 4},
		{"last matrix element", expr.Index("W", expr.Two, expr.Int(3)), 6},
		{"diagonal sum", expr.SumOver(expr.Index("W", i, i), i, expr.One, expr.Two), 1 + 5},
		{"rank 3", expr.Index("T", expr.Two, expr.One, expr.Two), 6},
		{"vector as an array", expr.Index("u", expr.Two), 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := expr.Eval(tt.in, env)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, got, 1e-12)
		})
	}
}

func TestEvalErrors(t *testing.T) {
	env := expr.Env{
		Scalars: map[string]float64{"x": 0, "y": -4, "N": 4},
		Vectors: map[string][]float64{"v": {1, 2, 3}},
		Arrays: map[string]expr.Array{
			"W": {Shape: []int{2, 3}, Data: []float64{1, 2, 3, 4, 5, 6}},
			"T": {Shape: []int{2, 2, 2}, Data: make([]float64, 8)},
		},
	}
	vi := expr.Index("v", i)
	tests := []struct {
		name string
		in   expr.Expr
		want string
	}{
		{"unbound symbol", expr.Add(x, z), "no value for z (in z)"},
		{"unbound vector", expr.Index("u", expr.One), "no value for u (in u[1])"},
		{"vector as a scalar", expr.Add(expr.Sym("v"), x), "v is a vector of 3 entries; index it as v[i] (in v)"},
		{"matrix as a scalar", expr.Sym("W"), "W is a 2x3 matrix; index it as W[i, j] (in W)"},
		{"scalar indexed", expr.Index("x", expr.One), "x is a number; it takes no index (in x[1])"},
		{"two indices", expr.Index("v", expr.One, expr.Two), "v is a vector of 3 entries: it takes 1 index, not 2 (in v[1, 2])"},
		{"one index of a matrix", expr.Index("W", expr.One), "W is a 2x3 matrix: it takes 2 indices, not 1 (in W[1])"},
		{"row past the end", expr.Index("W", expr.Int(3), expr.One), "first index 3 out of range 1..2: W is a 2x3 matrix (in W[3, 1])"},
		{"column past the end", expr.Index("W", expr.One, expr.Int(4)), "second index 4 out of range 1..3: W is a 2x3 matrix (in W[1, 4])"},
		{"third index", expr.Index("T", expr.One, expr.One, expr.Zero), "third index 0 out of range 1..2: T is a 2x2x2 array (in T[1, 1, 0])"},
		{"log of zero", expr.Log(x), "log of non-positive number 0 (in log(x))"},
		{"log of a negative", expr.Log(expr.Sub(x, expr.One)), "log of non-positive number -1 (in log(x - 1))"},
		{"division by zero", expr.Div(y, x), "division by zero (in 1/x)"},
		{"zero to a negative power", expr.Pow(x, expr.Rat(-1, 2)), "division by zero (in 1/sqrt(x))"},
		{"sqrt of a negative", expr.Sqrt(y), "-4 raised to the non-integer power 0.5 is not real (in sqrt(y))"},
		{"negative to a symbolic fraction", expr.Pow(y, expr.Div(expr.One, N)), "-4 raised to the non-integer power 0.25 is not real (in y^(1/N))"},
		{"overflow", expr.Exp(expr.Int(1000)), "value overflows a float64 (in exp(1000))"},
		{"overflow in a power", expr.Pow(expr.Int(10), expr.Mul(expr.Int(400), N)), "value overflows a float64 (in 10^(400*N))"},
		{"sum bound too large", expr.SumOver(i, i, expr.One, expr.Int(100_000_000)),
			"more than 10000000 iterations (in sum(i, i, 1, 100000000))"},
		{"nested sums too large", expr.SumOver(expr.SumOver(i, expr.Sym("j"), expr.One, expr.Int(10_000)), i, expr.One, expr.Int(10_000)),
			"more than 10000000 iterations (in sum(i, j, 1, 10000))"},
		{"fractional bounds", expr.SumOver(i, i, expr.One, expr.Half), "bounds 1..0.5 are not integers (in sum(i, i, 1, 1/2))"},
		{"index past the end", expr.SumOver(vi, i, expr.One, N), "index 4 out of range 1..3: v is a vector of 3 entries (in v[i])"},
		{"index zero", expr.Index("v", expr.Zero), "index 0 out of range 1..3: v is a vector of 3 entries (in v[0])"},
		{"fractional index", expr.Index("v", expr.Half), "index 0.5 out of range 1..3: v is a vector of 3 entries (in v[1/2])"},
		{"unevaluated derivative", expr.Add(expr.Diff(expr.Pow(x, expr.Two), x), expr.One),
			"an unevaluated derivative has no value; differentiate first (in diff(x^2, x))"},
		{"factorial pole", call(expr.FnFactorial, expr.Sub(x, expr.One)), "factorial is undefined at -1 (in factorial(x - 1))"},
		{"lgamma pole", call(expr.FnLgamma, x), "lgamma is undefined at 0 (in lgamma(x))"},
		{"lgamma sign", call(expr.FnLgamma, expr.Rat(-1, 2)), "lgamma of -0.5: gamma is negative there (in lgamma(-1/2))"},
		{"polygamma order", call(expr.FnPolygamma, expr.Add(x, expr.Half), expr.One), "polygamma order must be a non-negative integer, got 0.5 (in polygamma(x + 1/2, 1))"},
		// Each would loop as many times as the number is large.
		{"polygamma order too large", call(expr.FnPolygamma, expr.Int(1_000_000_000_000), expr.One),
			"polygamma order 1000000000000 is above 170 (in polygamma(1000000000000, 1))"},
		{"polygamma far below zero", call(expr.FnPolygamma, expr.One, expr.Rat(-2_000_000_000_000_001, 2)),
			"polygamma of order 1 is not evaluated below -100000, got -1000000000000000.5 (in polygamma(1, -2000000000000001/2))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := expr.Eval(tt.in, env)
			require.Error(t, err, "value %g", v)
			assert.Equal(t, tt.want, err.Error())
			assert.Equal(t, diag.Input, diag.KindOf(err), "the user's values are wrong, not derivtex")
		})
	}
	t.Run("long terms are cut", func(t *testing.T) {
		long := expr.Add(expr.Sym("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), expr.Sym("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"), expr.Sym("cccccccccccccccccccccccccccccc"))
		_, err := expr.Eval(expr.Log(expr.Sub(x, long)), expr.Env{Scalars: map[string]float64{
			"x": 0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": 1, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb": 1, "cccccccccccccccccccccccccccccc": 1}})
		require.Error(t, err)
		assert.Equal(t, "log of non-positive number -3 (in log(x - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa - bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...)", err.Error())
	})
}

// TestEvalNeverNaN evaluates random terms at random points, negative and
// zero included: each gives a finite number or an error.
func TestEvalNeverNaN(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	g := exprtest.New(11)
	g.Funcs = expr.Funcs[:11] // the unary ones
	vals := []float64{0, 1, -1, 0.5, -0.5, 2, -3, 1e-300, 1e300, -1e300}
	for k := range 5000 {
		e := g.Expr(5)
		env := expr.Env{Scalars: map[string]float64{}}
		for _, s := range g.Syms {
			if r.IntN(3) == 0 {
				env.Scalars[s] = vals[r.IntN(len(vals))]
			} else {
				env.Scalars[s] = r.NormFloat64() * 3
			}
		}
		v, err := expr.Eval(e, env)
		if err == nil {
			require.False(t, math.IsNaN(v) || math.IsInf(v, 0), "case %d: %s = %g", k, e, v)
		}
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		_, err := expr.Eval(expr.Add(x, expr.One), expr.Env{Scalars: map[string]float64{"x": bad}})
		assert.Error(t, err, "x = %g", bad)
	}
}

// TestEvalShared evaluates terms whose trees are far larger than their
// shared forms; memoisation makes each linear in the distinct subterms.
func TestEvalShared(t *testing.T) {
	env := expr.Env{Scalars: map[string]float64{"x": 0.5}}
	deep := exprtest.Nested(expr.FnSin, x, 10_000)
	v, err := expr.Eval(deep, env)
	require.NoError(t, err)
	assert.Greater(t, v, 0.0)

	dag := expr.Expr(x)
	for range 200 {
		dag = expr.Mul(expr.Half, expr.Add(call(expr.FnSin, dag), call(expr.FnCos, dag)))
	}
	v, err = expr.Eval(dag, env)
	require.NoError(t, err)
	assert.InDelta(t, 0.7048, v, 1e-3) // the fixed point of (sin t + cos t)/2
}

// pow10 is 10^k exactly, k of any sign.
func pow10(k int64) *expr.Number {
	n, ok := expr.Pow(expr.Int(10), expr.Int(k)).(*expr.Number)
	if !ok {
		panic("10^k does not fold")
	}
	return n
}

// TestEvalOutOfFloatRange evaluates terms whose exact rationals under- or
// overflow a float64 though their values do not: the rational is read at
// its exact magnitude where a function or a power needs it.
func TestEvalOutOfFloatRange(t *testing.T) {
	tiny, huge := pow10(-400), pow10(400)
	ln10 := math.Log(10)
	tests := []struct {
		name string
		in   expr.Expr
		want float64
	}{
		{"log of a tiny number", expr.Log(tiny), -400 * ln10},
		{"log of a huge number", expr.Log(huge), 400 * ln10},
		{"log of a tiny fraction", expr.Log(expr.Mul(expr.Rat(1, 3), tiny)), -400*ln10 - math.Log(3)},
		{"log of a tiny product", expr.Log(expr.Mul(expr.Pi, tiny)), -400*ln10 + math.Log(math.Pi)},
		{"log of a power", expr.Log(expr.Pow(huge, expr.Rat(1, 3))), 400 * ln10 / 3},
		{"a huge root", expr.Pow(huge, expr.Rat(1, 3)), 2.154434690031884e133},
		{"a tiny root", expr.Sqrt(expr.Mul(expr.Int(10), tiny)), 3.1622776601683795e-200},
		{"a negative tiny odd root", expr.Pow(expr.Neg(tiny), expr.Rat(1, 5)), -1e-80},
		{"a negative power", expr.Pow(expr.Mul(expr.Int(4), huge), expr.Rat(-1, 2)), 5e-201},
		{"a product that fits", expr.Mul(expr.Pow(huge, expr.Rat(1, 2)), expr.Pow(tiny, expr.Rat(1, 4))), 1e100},
		{"a quotient of roots", expr.Div(expr.Sqrt(expr.Mul(expr.Int(2), huge)), expr.Sqrt(expr.Mul(expr.Int(3), huge))), math.Sqrt(2.0 / 3)},
		{"a sum of a tiny number", expr.Add(expr.One, tiny), 1},
		{"sign of a tiny number", expr.Call(expr.FnSign, expr.Neg(tiny)), -1},
		{"step of a tiny number", expr.Call(expr.FnStep, tiny), 1},
		{"exp of a tiny number", expr.Exp(tiny), 1},
		{"exp of a huge negative number", expr.Exp(expr.Neg(huge)), 0},
		{"tanh of a huge number", expr.Call(expr.FnTanh, huge), 1},
		{"sigmoid of a huge negative number", expr.Call(expr.FnSigmoid, expr.Neg(huge)), 0},
		{"lgamma of a tiny number", expr.Call(expr.FnLgamma, tiny), 400 * ln10},
		{"sin of a tiny number", expr.Call(expr.FnSin, tiny), 0},
		{"min with a huge number", expr.Call(expr.FnMin, huge, expr.Two), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := expr.Eval(tt.in, expr.Env{})
			require.NoError(t, err)
			if tt.want == 0 {
				assert.Zero(t, got)
				return
			}
			assert.InEpsilon(t, tt.want, got, 1e-14)
		})
	}
	// Names bound to such values (as package solve binds them): t's float
	// underflows, h's and v[2]'s overflow.
	env := expr.Env{
		Scalars: map[string]float64{"t": math.Copysign(0, -1)},
		Arrays:  map[string]expr.Array{"v": {Shape: []int{2}, Data: []float64{1, math.NaN()}}},
		Unfit: map[expr.Expr]expr.Expr{
			expr.Sym("t"): expr.Neg(tiny), expr.Sym("h"): huge, expr.Sym("g"): expr.Exp(expr.Int(1000)),
			expr.Index("v", expr.Two): huge,
		},
	}
	tt, h, vi := expr.Sym("t"), expr.Sym("h"), expr.Index("v", i)
	bound := []struct {
		name string
		in   expr.Expr
		want float64
	}{
		{"a tiny name, its float", expr.Add(tt, expr.One), 1},
		{"a tiny name in a log", expr.Log(expr.Neg(tt)), -400 * ln10},
		{"a tiny name in a quotient", expr.Div(expr.Int(-3), expr.Mul(expr.Pow(h, expr.Rat(1, 2)), tt)), 3e200},
		{"a huge name in a root", expr.Sqrt(h), 1e200},
		{"a huge element in a root", expr.Pow(expr.Index("v", expr.Two), expr.Rat(-1, 4)), 1e-100},
		{"a huge element in a sum of roots", expr.SumOver(expr.Sqrt(vi), i, expr.One, expr.Two), 1 + 1e200},
		{"an unused huge name", expr.Index("v", expr.One), 1},
	}
	for _, tc := range bound {
		t.Run(tc.name, func(t *testing.T) {
			got, err := expr.Eval(tc.in, env)
			require.NoError(t, err)
			assert.InEpsilon(t, tc.want, got, 1e-14)
		})
	}
	errs := []struct {
		name string
		in   expr.Expr
		want string // before " (in " the term
	}{
		{"a huge number", huge, "value overflows a float64"},
		{"a root that overflows", expr.Pow(expr.Pow(huge, expr.Int(10)), expr.Rat(1, 3)), "value overflows a float64"},
		{"exp of a huge number", expr.Exp(huge), "value overflows a float64"},
		{"log of a negative tiny name", expr.Log(tt), "log of non-positive number -1e-400"},
		{"an even root of a negative tiny name", expr.Sqrt(tt), "-1e-400 raised to the non-integer power 0.5 is not real"},
		{"lgamma of a negative tiny name", expr.Call(expr.FnLgamma, tt), "lgamma of -1e-400: gamma is negative there"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			v, err := expr.Eval(tc.in, env)
			require.Error(t, err, "value %g", v)
			assert.Equal(t, tc.want+" (in "+expr.Short(tc.in)+")", err.Error())
		})
	}
	named := []struct {
		name string
		in   expr.Expr
		want string
	}{
		{"a huge name's float", expr.Add(h, expr.One), "value of h: value overflows a float64 (in " + expr.Short(huge) + ")"},
		{"a huge element's float", expr.SumOver(vi, i, expr.One, expr.Two), "value of v[2]: value overflows a float64 (in " + expr.Short(huge) + ")"},
		{"a name whose float overflows", expr.Mul(expr.Sym("g"), expr.Two), "value of g: value overflows a float64 (in exp(1000))"},
	}
	for _, tc := range named {
		t.Run(tc.name, func(t *testing.T) {
			v, err := expr.Eval(tc.in, env)
			require.Error(t, err, "value %g", v)
			assert.Equal(t, tc.want, err.Error())
			assert.Equal(t, diag.Input, diag.KindOf(err))
		})
	}
}
