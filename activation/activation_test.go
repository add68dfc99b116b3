package activation

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
)

func analyze(t *testing.T, src string) *Analysis {
	t.Helper()
	s, err := Parse(src)
	require.NoError(t, err, src)
	a, err := Analyze(context.Background(), s)
	require.NoError(t, err, src)
	return a
}

// every activation of the tests: the named ones and one nobody named.
func every() []string {
	var out []string
	for _, n := range Named {
		out = append(out, n.Name)
	}
	return append(out, "x/(1 + abs(x))", "elu, alpha = 1/2", "g(u) = u*tanh(log(1 + exp(u)))")
}

func TestDerivativeMatchesFiniteDifferences(t *testing.T) {
	for _, src := range every() {
		t.Run(src, func(t *testing.T) {
			a := analyze(t, src)
			f, df := compile(a.Spec.F, a.Spec.Var), compile(a.Derivative, a.Spec.Var)
			for _, x := range []float64{-3.7, -1.3, -0.4, 0.3, 1.1, 2.9} {
				h := 1e-5
				fp, ok1 := f(x + h)
				fm, ok2 := f(x - h)
				d, ok3 := df(x)
				require.True(t, ok1 && ok2 && ok3)
				assert.InDelta(t, (fp-fm)/(2*h), d, 1e-6, "f'(%g)", x)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	inf, ninf := math.Inf(1), math.Inf(-1)
	cases := []struct {
		src                          string
		fMinus, fPlus, dMinus, dPlus float64
	}{
		{"sigmoid", 0, 1, 0, 0},
		{"tanh", -1, 1, 0, 0},
		{"relu", 0, inf, 0, 1},
		{"lrelu", ninf, inf, 0.01, 1},
		{"softplus", 0, inf, 0, 1},
		{"elu", -1, inf, 0, 1},
		{"elu, alpha = 1/2", -0.5, inf, 0, 1},
		{"swish", 0, inf, 0, 1},
		{"x/(1 + abs(x))", -1, 1, 0, 0},
		{"exp(x)", 0, inf, 0, inf},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			a := analyze(t, c.src)
			for _, l := range []struct {
				got  Limit
				want float64
			}{{a.FMinus, c.fMinus}, {a.FPlus, c.fPlus}, {a.DMinus, c.dMinus}, {a.DPlus, c.dPlus}} {
				switch {
				case math.IsInf(l.want, 1):
					assert.Equal(t, "+inf", l.got.Kind)
				case math.IsInf(l.want, -1):
					assert.Equal(t, "-inf", l.got.Kind)
				default:
					assert.Equal(t, "finite", l.got.Kind)
					assert.Equal(t, l.want, l.got.Value)
					assert.NotNil(t, l.got.Exact, "a simple limit is recognised exactly")
				}
			}
		})
	}
	assert.Equal(t, "none", limitAt(compile(expr.Call(expr.FnSin, expr.Sym("x")), expr.Sym("x")), 1).Kind, "sin has no limit")
}

func TestLargestSlope(t *testing.T) {
	sig := analyze(t, "sigmoid")
	assert.True(t, sig.MaxSlope.AtRoot, "found where f'' = 0")
	assert.Equal(t, 0.0, sig.MaxSlope.At)
	assert.Equal(t, "1/4", expr.Plain(sig.MaxSlope.Exact))
	assert.Equal(t, "1", expr.Plain(analyze(t, "tanh").MaxSlope.Exact))
	assert.Equal(t, "for x > 0", analyze(t, "relu").MaxSlope.Where)
	assert.InDelta(t, 1.0998, analyze(t, "swish").MaxSlope.Value, 1e-4)
}

func TestDeadUnits(t *testing.T) {
	assert.Equal(t, []HalfLine{{At: 0, Below: true}}, analyze(t, "relu").Dead)
	for _, src := range []string{"lrelu", "elu", "sigmoid", "softplus"} {
		assert.Empty(t, analyze(t, src).Dead, src)
	}
}

func TestKinks(t *testing.T) {
	k := analyze(t, "relu").Kinks
	require.Len(t, k, 1)
	assert.True(t, k[0].Continuous)
	assert.Equal(t, [2]float64{0, 1}, [2]float64{k[0].Left, k[0].Right})
	k = analyze(t, "elu").Kinks
	require.Len(t, k, 1)
	assert.True(t, k[0].Differentiable(), "ELU with alpha = 1 is C1")
	k = analyze(t, "step(x - 1)").Kinks
	require.Len(t, k, 1)
	assert.Equal(t, 1.0, k[0].At)
	assert.False(t, k[0].Continuous)
}

func TestShape(t *testing.T) {
	for _, c := range []struct{ src, mono, rng string }{
		{"sigmoid", "increasing", "(0, 1)"},
		{"relu", "non-decreasing", "[0, ∞)"},
		{"elu", "increasing", "(-1, ∞)"},
		{"swish", "not monotone", "[-0.2785, ∞)"},
	} {
		a := analyze(t, c.src)
		assert.Equal(t, c.mono, a.Monotone, c.src)
		var w words
		a.rangeWords(&w)
		assert.Equal(t, c.rng, w.text, c.src)
	}
	assert.True(t, analyze(t, "tanh").Odd)
	assert.False(t, analyze(t, "sigmoid").Odd)
	assert.Equal(t, Cost{F: 0, D: 0}, analyze(t, "relu").Cost)
	assert.True(t, analyze(t, "sigmoid").ReusesF)
}

// TestDiscussionFollowsFromProperties: every point names a property of
// the table, and the seed's four get the points a textbook makes.
func TestDiscussionFollowsFromProperties(t *testing.T) {
	names := map[string]bool{}
	for _, p := range analyze(t, "relu").Properties() {
		names[p.Name] = true
	}
	for _, src := range every() {
		for _, p := range analyze(t, src).Discuss() {
			assert.True(t, names[p.From], "%s: %q", src, p.From)
		}
	}
	has := func(src, kind, from string) {
		t.Helper()
		for _, p := range analyze(t, src).Discuss() {
			if p.Kind == kind && p.From == from {
				return
			}
		}
		t.Errorf("%s: no %s from the %s", src, kind, from)
	}
	has("sigmoid", "drawback", PropMaxSlope)
	has("sigmoid", "drawback", PropCentred)
	has("relu", "drawback", PropDead)
	has("relu", "advantage", PropCost)
	has("lrelu", "advantage", PropDead)
	has("elu", "advantage", PropKinks)
	has("tanh", "advantage", PropCentred)
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"", "1:1: expected an activation: a name (sigmoid, tanh, relu, lrelu, elu, softplus, swish, softsign) or an expression of x"},
		{"relu(x) + alpha*x", "1:11: alpha has no value: give it one after a comma, alpha = 1"},
		{"elu, alpha", `1:6: expected a parameter's value, NAME = VALUE, not "alpha"`},
		{"elu, alpha = b", "1:14: the value of alpha must be a number, not b"},
		{"f(x = x", `1:1: expected name(x) or name(x; a, b) before "=", as in elu(x; alpha) = ...`},
		{"elu, beta = 1", "1:6: unknown parameter beta: elu's parameters are alpha"},
		{"sigmoid, a = 1", "1:10: unknown parameter a: sigmoid's parameters are none"},
		{"h(x; a) = piecewise(x > 0: x, b x)", "1:31: unknown parameter b: h's are a; list it after \";\" in the header"},
		{"h(x; a) = piecewise(x > 0: x, a x)", "1:6: a has no value: give it one after a comma, a = 1"},
		{"x + piecewise(x < 1: x, x < 0: 1, 0)", "1:25: x < 0 never decides: the conditions before it cover it (write the pieces in order along the line)"},
		{"x + (", "1:6: unexpected end of input, expected an operand"},
		{"elu, x = 2", "1:6: x is the activation's variable, not a parameter"},
	} {
		_, err := Parse(c.src)
		require.Error(t, err, c.src)
		assert.Equal(t, c.want, err.Error(), c.src)
	}
}

func TestTextbookDerivative(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"sigmoid", "sigmoid(x)*(1 - sigmoid(x))"},
		{"tanh", "1 - tanh(x)^2"},
		{"relu", "step(x)"},
		{"lrelu", "step(x) + step(-x)/100"},
		{"softplus", "sigmoid(x)"},
	} {
		assert.Equal(t, c.want, expr.Plain(analyze(t, c.src).Derivative), c.src)
	}
}

func TestShiftBelow(t *testing.T) {
	assert.Equal(t, "1", expr.Plain(analyze(t, "elu").ShiftBelow))
	assert.Equal(t, "1/2", expr.Plain(analyze(t, "elu, alpha = 1/2").ShiftBelow))
	assert.Nil(t, analyze(t, "lrelu").ShiftBelow)
	assert.Nil(t, analyze(t, "relu").ShiftBelow, "f' = 0 there: no reuse to speak of")
}

// TestLimitsExact: the named activations' limits, and one-sided
// derivatives at their kinks, come from package limit, exactly; a
// function outside its classes gets numeric ones, marked so.
func TestLimitsExact(t *testing.T) {
	for _, n := range Named {
		a := analyze(t, n.Name)
		for _, l := range []Limit{a.FMinus, a.FPlus, a.DMinus, a.DPlus} {
			assert.False(t, l.Numeric, n.Name)
		}
	}
	a := analyze(t, "x*exp(-x^2) + x")
	assert.True(t, a.DPlus.Numeric)
	assert.Equal(t, "x → -∞: 1 (numerically); x → +∞: 1 (numerically)", a.Properties()[2].Text)

	a = analyze(t, "x + sin(x)/2")
	assert.Equal(t, "none", a.DPlus.Kind)
	assert.False(t, a.DPlus.Numeric, "no limit, decided: f' = 1 + cos(x)/2 oscillates")

	a = analyze(t, "log(3 + exp(x))")
	assert.Equal(t, "log(3)", expr.Plain(a.FMinus.Expr))

	// A jump: the one-sided limits at the kink differ from each other.
	a = analyze(t, "h(x) = piecewise(x >= 1: x + 1, exp(x - 1))")
	require.Len(t, a.Kinks, 1)
	assert.False(t, a.Kinks[0].Continuous)
}

// TestCallsOfKnownActivations: the known activations that are
// definitions can be called with their parameters' values, and a user's
// scope hides them.
func TestCallsOfKnownActivations(t *testing.T) {
	a := analyze(t, "elu(x; 1/2) + x/10")
	assert.Equal(t, "x/10 + exp(min(x, 0))/2 + relu(x) - 1/2", expr.Plain(a.Spec.F))

	_, err := Parse("lrelu(x; 1, 2)")
	require.Error(t, err)
	assert.Equal(t, "1:10: lrelu has 1 parameter (a), not 2", err.Error())
}

// TestSlopeOnAMiddlePiece: the largest |f'| reached on the piece
// between two kinks says so.
func TestSlopeOnAMiddlePiece(t *testing.T) {
	a := analyze(t, "hardtanh(x) = piecewise(x < -1: -1, x > 1: 1, x)")
	assert.Equal(t, "for -1 < x < 1", a.MaxSlope.Where)
	assert.Equal(t, "1, for -1 < x < 1", a.Properties()[3].Text)
	assert.Equal(t, "$1$, for $-1 < x < 1$", a.Properties()[3].TeX)
}
