package define_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/define"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

func eval(t *testing.T, x expr.Expr, at float64) float64 {
	t.Helper()
	y, err := expr.Eval(x, expr.Env{Scalars: map[string]float64{"x": at}})
	require.NoError(t, err)
	return y
}

// TestPiecewiseValues checks the expansion against the pieces, read as an
// if-else chain, at random points and at every end, where the closed
// side decides.
func TestPiecewiseValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		src  string
		want func(x float64) float64
		ends []float64
	}{
		{"piecewise(x > 0: x, exp(x) - 1)", func(x float64) float64 {
			if x > 0 {
				return x
			}
			return math.Exp(x) - 1
		}, []float64{0}},
		{"piecewise(x < -1: -1, x > 1: 1, x)", func(x float64) float64 { return math.Max(-1, math.Min(x, 1)) }, []float64{-1, 1}},
		{"piecewise(x >= 0: 1, 0)", func(x float64) float64 {
			if x >= 0 {
				return 1
			}
			return 0
		}, []float64{0}},
		{"piecewise(x > 0: 1, 0)", func(x float64) float64 {
			if x > 0 {
				return 1
			}
			return 0
		}, []float64{0}},
		{"piecewise(x < -2: x^2, x <= 1/2: 3, -1 < x: exp(x))", func(x float64) float64 {
			switch {
			case x < -2:
				return x * x
			case x <= 0.5:
				return 3
			}
			return math.Exp(x)
		}, []float64{-2, 0.5}},
		{"2 piecewise(-1 <= x <= 1: x^3, sign(x)) + piecewise(x > 0: x, 0)", func(x float64) float64 {
			y := math.Copysign(1, x)
			if -1 <= x && x <= 1 {
				y = x * x * x
			}
			return 2*y + math.Max(x, 0)
		}, []float64{-1, 0, 1}},
		{"piecewise(x > 0: piecewise(x > 2: 2, x), 0)", func(x float64) float64 { return math.Max(0, math.Min(x, 2)) }, []float64{0, 2}},
	} {
		t.Run(tc.src, func(t *testing.T) {
			x, _, err := define.NewScope().Term(context.Background(), tc.src)
			require.NoError(t, err)
			pts := append([]float64{}, tc.ends...)
			for range 200 {
				pts = append(pts, rng.Float64()*12-6)
			}
			for _, p := range pts {
				assert.InDelta(t, tc.want(p), eval(t, x, p), 1e-12, "at x = %g: %s", p, expr.Plain(x))
			}
			// No overflow far out where the pieces are finite: each piece
			// is evaluated on its own side.
			for _, p := range []float64{-1e6, 1e6} {
				if w := tc.want(p); !math.IsInf(w, 0) {
					assert.Equal(t, w, eval(t, x, p), "at x = %g", p)
				}
			}
		})
	}
}

func TestDefinitions(t *testing.T) {
	ctx := context.Background()
	s := define.NewScope()
	elu, err := s.Define(ctx, "elu(x; alpha) = piecewise(x > 0: x, alpha (exp(x) - 1))")
	require.NoError(t, err)
	assert.Equal(t, "alpha*(exp(min(x, 0)) - 1) + relu(x)", expr.Plain(elu.Body))
	assert.Equal(t, "piecewise(x > 0: x, alpha*(exp(x) - 1))", elu.CasesPlain())
	assert.Equal(t, `\begin{cases}x & x > 0\\ \alpha \left(\exp\mathopen{}\left(x\right) - 1\right) & \text{otherwise}\end{cases}`, elu.CasesTeX())
	require.True(t, s.Add(elu))

	lrelu, err := s.Define(ctx, "lrelu(x; a) = max(a x, x)")
	require.NoError(t, err)
	require.True(t, s.Add(lrelu))

	x, uses, err := s.Term(ctx, "lrelu(2 x; 1/10) + elu(x)")
	require.NoError(t, err)
	assert.Equal(t, []define.Use{{Name: "x", Off: 8}, {Name: "alpha", Off: 0}}[:1], uses[:1])
	assert.InDelta(t, 2*(-0.3)/10+(-1+math.Exp(-0.3))*2, eval(t, expr.Substitute(x, map[expr.Expr]expr.Expr{expr.Sym("alpha"): expr.Int(2)}), -0.3), 1e-12)

	// A definition without ";" takes its free names as parameters.
	d, err := s.Define(ctx, "f(x) = b x + elu(x; 1)")
	require.NoError(t, err)
	require.Len(t, d.Params, 1)
	assert.Equal(t, "b", d.Params[0].Name())
}

func TestDefinitionErrors(t *testing.T) {
	ctx := context.Background()
	s := define.NewScope()
	g, err := s.Define(ctx, "g(x; a, b) = a x + b")
	require.NoError(t, err)
	s.Add(g)
	for _, tc := range []struct{ src, want string }{
		{"f(x; a) = a x + b", "1:17: unknown parameter b: f's are a; list it after \";\" in the header"},
		{"f(x) = 1 + f(x - 1)", "1:12: f calls itself: a definition may call only functions defined before it"},
		{"f(x) = g(x, 2)", `1:8: g takes one argument, then its parameters' values after ";": g(x; a, b), not 2`},
		{"f(x) = g(x; 2)", "1:13: g has 2 parameters (a, b), not 1"},
		{"f(x) = piecewise(x < 1: 1, x < 0: 2, 3)", "1:28: x < 0 never decides: the conditions before it cover it (write the pieces in order along the line)"},
		{"f(x) = piecewise(x > 0: 1, x <= 0: 2, 3)", "1:39: the last value is never used: the conditions cover the whole line"},
		{"f(x) = piecewise(x > 0: 1)", "1:8: no piece for x = -1: end piecewise with the value otherwise"},
		{"f(x) = piecewise(x > 0: 1, 2, 3)", "1:28: only the last value of piecewise holds otherwise; give this one a condition, x > 0: VALUE"},
		{"f(x; a) = piecewise(x > a: 1, 0)", "1:25: where a piece ends must be a number, not a (write the parameter's value there)"},
		{"f(x; a) = piecewise(a > 0: 1, 0)", "1:21: a condition compares x with a number: x > 0, or -1 < x < 1"},
		{"f(x) = piecewise(x = 0: 1, 0)", "1:20: a condition is an inequality, x > 0 or x <= 1; equality holds at one point only"},
		{"f(x) = piecewise(x > 0: log(x), 0)", "1:25: log(x) is undefined at x = 0, where its piece ends (log of zero): a piece's value is finite at its ends"},
		{"f(x) = piecewise(x < 0: 1, x > 0: 2, 3)", "1:38: this piece holds at single points only: a piece covers an interval"},
		{"f(x) = piecewise(x > 0: 1, 0) +", "1:32: unexpected end of input, expected an operand"},
		{"sigmoid(x) = x", "1:1: sigmoid is a function of the engine: give yours another name"},
		{"g(x) = x", "1:1: g is defined already"},
		{"f(x, y) = x", "1:4: a function defined here has one variable; its parameters come after \";\": f(x; a, b)"},
		{"f(x; a, a) = a", "1:9: a is named twice in the header"},
	} {
		t.Run(tc.src, func(t *testing.T) {
			_, err := s.Define(ctx, tc.src)
			require.Error(t, err)
			d := diag.From(err)
			assert.Equal(t, diag.Input, d.Kind)
			assert.Equal(t, tc.want, d.Pos.String()+": "+d.Msg)
		})
	}
}
