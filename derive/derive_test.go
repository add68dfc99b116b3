package derive_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/diff/fd"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
)

var (
	x = expr.Sym("x")
	y = expr.Sym("y")
	w = expr.Sym("w")
	b = expr.Sym("b")
)

func call(f *expr.Func, args ...expr.Expr) expr.Expr { return expr.Call(f, args...) }

func TestRules(t *testing.T) {
	sq := func(u expr.Expr) expr.Expr { return expr.Pow(u, expr.Two) }
	tests := []struct {
		name string
		in   expr.Expr
		v    expr.Expr
		want string
		rule string
	}{
		{"constant", expr.Mul(y, w), x, "0", "constant"},
		{"variable", x, x, "1", "variable"},
		{"a number", expr.Int(3), x, "0", "constant"},
		{"power", expr.Pow(x, expr.Int(5)), x, "5*x^4", "power"},
		{"sum", expr.Add(sq(x), x, expr.One), x, "2*x + 1", "sum"},
		{"constant factor", expr.Mul(expr.Int(3), w, sq(x)), x, "6*w*x", "constant-factor"},
		{"product", expr.Mul(x, call(expr.FnSin, x)), x, "x*cos(x) + sin(x)", "product"},
		{"quotient", expr.Div(call(expr.FnSin, x), x), x, "(x*cos(x) - sin(x))/x^2", "quotient"},
		{"quotient cancels", expr.Div(x, expr.Add(x, expr.One)), x, "1/(x + 1)^2", "quotient"},
		{"chain", call(expr.FnSin, sq(x)), x, "2*x*cos(x^2)", "chain"},
		{"chain power", expr.Pow(expr.Add(sq(x), expr.One), expr.Int(3)), x, "6*x*(x^2 + 1)^2", "chain"},
		{"exponential", expr.Pow(expr.Two, x), x, "2^x*log(2)", "exponential"},
		{"x^x", expr.Pow(x, x), x, "x^x*(log(x) + 1)", "logarithmic"},
		{"sqrt", expr.Sqrt(x), x, "1/(2*sqrt(x))", "power"},
		{"log", call(expr.FnLog, x), x, "1/x", "d-log"},
		{"exp density", expr.Mul(x, w, expr.Exp(expr.Neg(expr.Mul(x, w, y)))), w, "x*exp(-w*x*y)*(1 - w*x*y)", "product"},
		{"sigmoid", call(expr.FnSigmoid, x), x, "sigmoid(x)*(1 - sigmoid(x))", "d-sigmoid"},
		{"tanh", call(expr.FnTanh, x), x, "1 - tanh(x)^2", "d-tanh"},
		{"tan", call(expr.FnTan, x), x, "tan(x)^2 + 1", "d-tan"},
		{"sinh", call(expr.FnSinh, x), x, "cosh(x)", "d-sinh"},
		{"cosh", call(expr.FnCosh, x), x, "sinh(x)", "d-cosh"},
		{"relu", call(expr.FnRelu, x), x, "step(x)", "d-relu"},
		{"abs", call(expr.FnAbs, expr.Sub(expr.Add(expr.Mul(w, x), b), y)), w, "x*sign(w*x + b - y)", "chain"},
		{"max", call(expr.FnMax, x, expr.Zero), x, "step(x)", "d-max"},
		{"min", call(expr.FnMin, x, y), x, "step(y - x)", "d-min"},
		{"factorial", call(expr.FnFactorial, x), x, "factorial(x)*polygamma(0, x + 1)", "d-factorial"},
		{"lgamma", call(expr.FnLgamma, x), x, "polygamma(0, x)", "d-lgamma"},
		{"sum over i", expr.SumOver(expr.Mul(w, expr.Index("x", expr.Sym("i"))), expr.Sym("i"), expr.One, expr.Sym("N")), w,
			"sum(x[i], i, 1, N)", "sum-linearity"},
		{"element", expr.Mul(expr.Index("w", expr.One), expr.Index("w", expr.Two)), expr.Index("w", expr.One), "w[2]", "product"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := derive.Steps(t.Context(), tc.in, tc.v)
			require.NoError(t, err)
			assert.Equal(t, tc.want, d.Result.String())
			if tc.rule != "" {
				require.NotEmpty(t, d.Steps)
				assert.Equal(t, tc.rule, d.Steps[0].Rule.Name)
			} else {
				assert.Empty(t, d.Steps)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	i := expr.Sym("i")
	tests := []struct {
		in   expr.Expr
		v    expr.Expr
		want string
	}{
		{x, expr.Pi, "cannot differentiate with respect to the constant pi"},
		{x, expr.Add(x, y), "cannot differentiate with respect to x + y: not a variable"},
		{call(expr.FnPolygamma, x, y), x, "cannot differentiate polygamma with respect to its order x"},
		{expr.SumOver(expr.Index("x", i), i, expr.One, x), x, "cannot differentiate sum(x[i], i, 1, x): its bounds depend on x"},
		{expr.Mul(expr.Index("x", i), x), expr.Index("x", expr.Sym("j")), "cannot differentiate x[i] with respect to x[j]"},
		{expr.Add(expr.Index("x", expr.One, expr.Two), expr.Index("x", expr.One)), expr.Index("x", expr.One),
			"cannot differentiate x[1, 2] with respect to x[1]"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			_, err := derive.Diff(t.Context(), tc.in, tc.v)
			require.Equal(t, diag.Input, diag.KindOf(err), "got %v", err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

// TestFiniteDifferences checks the derivative of random smooth terms
// against a central finite difference at random points.
func TestFiniteDifferences(t *testing.T) {
	g := exprtest.New(1)
	g.Smooth = true
	checked := 0
	for n := 0; n < 600; n++ {
		f := g.Expr(4)
		if s, _ := simplify.Simplify(t.Context(), f); expr.UndefinedIn(s) != nil {
			continue // undefined everywhere: no derivative (TestUndefinedTerms)
		}
		df, err := derive.Diff(t.Context(), f, x)
		require.NoError(t, err, "%s", f)
		for p := 0; p < 3; p++ {
			env := expr.Env{Scalars: map[string]float64{
				"y": g.R.Float64()*4 - 2, "w": g.R.Float64()*4 - 2}}
			x0 := g.R.Float64()*4 - 2
			at := func(v float64) (float64, error) {
				env.Scalars["x"] = v
				return expr.Eval(f, env)
			}
			want, ok := centralDifference(at, x0)
			if !ok {
				continue
			}
			env.Scalars["x"] = x0
			got, err := expr.Eval(df, env)
			if err != nil {
				continue // e.g. sqrt(x) at 0: the derivative may be undefined where f is not
			}
			tol := 1e-4 * math.Max(1, math.Abs(want))
			require.InDelta(t, want, got, tol, "d/dx %s = %s at x=%g %v", f, df, x0, env.Scalars)
			checked++
		}
	}
	t.Logf("%d points checked", checked)
	require.Greater(t, checked, 800)
}

// centralDifference estimates f'(x0) and reports false where f is not
// smooth enough there for the estimate to be trusted (undefined nearby,
// or two step sizes disagree).
func centralDifference(f func(float64) (float64, error), x0 float64) (float64, bool) {
	failed := false
	g := func(v float64) float64 {
		r, err := f(v)
		if err != nil || math.Abs(r) > 1e6 {
			failed = true
			return 0
		}
		return r
	}
	d1 := fd.Derivative(g, x0, &fd.Settings{Formula: fd.Central, Step: 1e-4})
	d2 := fd.Derivative(g, x0, &fd.Settings{Formula: fd.Central, Step: 1e-5})
	if failed || math.Abs(d1-d2) > 1e-4*math.Max(1, math.Abs(d1)) {
		return 0, false
	}
	return d1, true
}

// TestStepsAssembleTheAnswer replays the step record line by line, without
// the shortcut the fast path takes along chains, and requires it to end
// exactly at the returned result.
func TestStepsAssembleTheAnswer(t *testing.T) {
	g := exprtest.New(2)
	// The trivial cases first: the variable itself and constants have a
	// line too (they once had none, and Lines dereferenced nil).
	trivial := []expr.Expr{x, y, expr.Int(3), expr.Pow(x, expr.One), expr.Div(x, x)}
	for n := 0; n < 3000+len(trivial); n++ {
		var f expr.Expr
		if n < len(trivial) {
			f = trivial[n]
		} else {
			f = g.Expr(4)
		}
		if s, _ := simplify.Simplify(t.Context(), f); expr.UndefinedIn(s) != nil {
			continue // undefined everywhere: no derivative (TestUndefinedTerms)
		}
		d, err := derive.Steps(t.Context(), f, x)
		require.NoError(t, err)
		fast, err := derive.Diff(t.Context(), f, x)
		require.NoError(t, err)
		require.Same(t, fast, d.Result, "%s", f)
		require.NotEmpty(t, d.Steps, "d/dx %s", f)
		lines, err := d.Lines(t.Context())
		require.NoError(t, err)
		require.Same(t, d.Result, lines[len(lines)-1].State, "d/dx %s", f)
	}
}

func TestDeepCompositionIsLinear(t *testing.T) {
	for _, depth := range []int{100, 1600, 10000} {
		f := exprtest.Nested(expr.FnSin, w, depth)
		df, err := derive.Diff(t.Context(), f, w)
		require.NoError(t, err)
		// sin and cos of each level, the product, and w itself.
		assert.Equal(t, 2*depth+1, expr.Size(df), "depth %d", depth)
	}
}

// TestLongChainsAreOneLine: a composition deeper than a few functions is
// worked out in one line of the chain rule, not one line per function,
// and the lines still end at the result.
func TestLongChainsAreOneLine(t *testing.T) {
	for depth, want := range map[int]int{3: 3, 8: 8, 9: 1, 400: 1} {
		// Depth 9 is 9 compositions: sin of sin of ... of w.
		f := exprtest.Nested(expr.FnSin, w, depth)
		d, err := derive.Steps(t.Context(), f, w)
		require.NoError(t, err)
		lines, err := d.Lines(t.Context())
		require.NoError(t, err)
		assert.Len(t, lines, want, "depth %d", depth)
		assert.Same(t, d.Result, lines[len(lines)-1].State)
		if want == 1 {
			assert.Len(t, lines[0].Steps, depth, "the line's justification covers every step")
		}
	}
}

// TestDerivationBudget: a differentiation charges its budget and stops
// with the budget's error once it is spent.
func TestDerivationBudget(t *testing.T) {
	f := exprtest.Nested(expr.FnSin, w, 2000)
	m := budget.New(t.Context(), budget.Limits{Work: 1000})
	_, err := derive.Steps(budget.With(t.Context(), m), f, w)
	var e *budget.Exceeded
	require.ErrorAs(t, err, &e)
	assert.Equal(t, budget.Work, e.Kind)

	m = budget.New(t.Context(), budget.Default)
	d, err := derive.Steps(budget.With(t.Context(), m), f, w)
	require.NoError(t, err)
	spent, _ := m.Spent()
	assert.Greater(t, spent, int64(2000), "every level is charged")
	_, err = d.Lines(budget.With(t.Context(), budget.New(t.Context(), budget.Limits{Work: 10})))
	require.ErrorAs(t, err, &e)
}

func TestNestedDiffIsEvaluated(t *testing.T) {
	inner := expr.Diff(expr.Pow(x, expr.Int(3)), x)
	got, err := derive.Diff(t.Context(), expr.Mul(inner, y), y)
	require.NoError(t, err)
	assert.Equal(t, "3*x^2", got.String())
}

func BenchmarkDiffNested(b *testing.B) {
	for _, depth := range []int{100, 1000, 10000, 40000} {
		f := exprtest.Nested(expr.FnSin, w, depth)
		b.Run(fmt.Sprint(depth), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := derive.Diff(b.Context(), f, w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDiffRandom(b *testing.B) {
	g := exprtest.New(3)
	corpus := make([]expr.Expr, 300)
	for i := range corpus {
		corpus[i] = g.Expr(5)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range corpus {
			if _, err := derive.Diff(b.Context(), f, x); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestUndefinedTerms: a term undefined everywhere has no derivative, even
// one whose chain rule would wipe out its 1/0 with a factor 0.
func TestUndefinedTerms(t *testing.T) {
	for _, src := range []string{"1/(log(exp(x)) - x)", "x + 1/(log(exp(x)) - x)", "log(exp(x) - exp(x) + 0*x)"} {
		f, err := parser.Parse(src)
		if err != nil {
			continue // the parser refused it already
		}
		_, err = derive.Diff(t.Context(), f, x)
		assert.ErrorContains(t, err, "undefined", src)
		assert.Equal(t, diag.Input, diag.KindOf(err), src)
	}
	_, err := derive.Diff(t.Context(), expr.Log(expr.Zero), x)
	assert.EqualError(t, err, "the expression is undefined: log of zero")
}

// TestOneRulePerLine: each line of a derivation applies one kind of rule
// (derive.RuleKind), at one place or several, as a teacher writes it;
// only a composition deeper than the long-chain limit shares a line, and
// a line says when its product also cancelled a factor. The
// corpus is the textbook derivatives and random terms.
func TestOneRulePerLine(t *testing.T) {
	corpus := []string{
		"-(y log(1/(1 + exp(-(w x + b)))) + (1 - y) log(1 - 1/(1 + exp(-(w x + b)))))",
		"log(1 + exp(w x + b))",
		"1/(1 + exp(-x))",
		"(exp(x) - exp(-x))/(exp(x) + exp(-x))",
		"log(exp(x) + exp(w) + exp(b))",
		"log(2 pi s)/2 + (y - x)^2/(2 s)",
		"x^2 sin(x) + cos(3 x) + exp(x)",
	}
	var fs []expr.Expr
	for _, src := range corpus {
		f, err := parser.Parse(src)
		require.NoError(t, err)
		fs = append(fs, f)
	}
	g := exprtest.New(7)
	for range 1500 {
		fs = append(fs, g.Expr(4))
	}
	for _, f := range fs {
		if s, _ := simplify.Simplify(t.Context(), f); expr.UndefinedIn(s) != nil {
			continue
		}
		for _, v := range []expr.Expr{x, w} {
			d, err := derive.Steps(t.Context(), f, v)
			require.NoError(t, err)
			lines, err := d.Lines(t.Context())
			require.NoError(t, err)
			for i, l := range lines {
				kinds := map[string]bool{}
				chains := 0
				for _, s := range l.Steps {
					if s.Rule == simplify.RuleCancel {
						continue // the product's arithmetic, said aloud
					}
					kinds[derive.RuleKind(s)] = true
					if s.Rule == derive.RuleChain {
						chains++
					}
				}
				if len(kinds) > 1 && chains <= 8 {
					t.Errorf("d/d%s %s, line %d applies %v at once", v, f, i+1, expr.Titles(l.Steps))
				}
			}
		}
	}
}

// TestLabels is the label audit: each line's justification names the rule
// that line applies. A sign moved into a sum is not a common factor; a
// product that cancels a factor says so beside the rule that made it.
func TestLabels(t *testing.T) {
	tests := []struct {
		src, wrt string
		labels   []string
	}{
		{"log(2 pi s)/2 + (y - mu)^2/(2 s)", "mu", []string{"sum rule", "constant factor rule", "chain rule (power rule)", "sum rule", "constant factor rule", "the minus sign into the sum"}},
		{"log(2 pi s)/2 + (y - mu)^2/(2 s)", "s", []string{"sum rule", "constant factor rule", "power rule", "chain rule (derivative of log)", "constant factor rule, cancelling common factors", "common factor"}},
		{"log(1 + exp(w x + b))", "w", []string{"chain rule (derivative of log)", "sum rule", "chain rule (derivative of exp)", "sum rule", "constant factor rule", "σ(u) = 1/(1 + exp(-u))"}},
		{"1/(1 + exp(-x))", "x", []string{"chain rule (power rule)", "sum rule", "chain rule (derivative of exp)", "constant factor rule", "σ(u) = 1/(1 + exp(-u))"}},
		{"(exp(x) - exp(-x))/(exp(x) + exp(-x))", "x", []string{"quotient rule", "sum rule", "derivative of exp", "constant factor rule", "chain rule (derivative of exp)", "constant factor rule", "tanh(u) = (exp(u) - exp(-u))/(exp(u) + exp(-u))"}},
		{"x log(x) - x", "x", []string{"sum rule", "constant factor rule", "product rule", "derivative of log, cancelling common factors"}},
		{"sin(2 x) + exp(3 x)", "x", []string{"sum rule", "chain rule (derivative of exp, derivative of sin)", "constant factor rule"}},
	}
	for _, tc := range tests {
		f, err := parser.Parse(tc.src)
		require.NoError(t, err)
		d, err := derive.Steps(t.Context(), f, expr.Sym(tc.wrt))
		require.NoError(t, err)
		lines, err := d.Lines(t.Context())
		require.NoError(t, err)
		var got []string
		for _, l := range lines {
			got = append(got, strings.Join(expr.Titles(l.Steps), ", "))
		}
		assert.Equal(t, tc.labels, got, "d/d%s %s", tc.wrt, tc.src)
	}
}
