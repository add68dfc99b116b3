package mle_test

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/optimize"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser"
)

// A density under test, with a way to draw data in its support and a
// parameter point inside its domain to start from.
type density struct {
	name   string
	src    string
	params []string
	start  []float64                         // a point in the parameter domain
	draw   func(r *rand.Rand) (x, y float64) // one example
	closed bool                              // a closed-form estimate must be found
	known  map[string]float64                // known constants and their values
}

func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

var densities = []density{
	{name: "seed 1: exponential with rate x w", src: "x w exp(-x w y)", params: []string{"w"}, start: []float64{1},
		draw: func(r *rand.Rand) (float64, float64) { return uniform(r, 0.5, 2), r.ExpFloat64() }, closed: true},
	{name: "seed 2: Laplace regression", src: "1/2 exp(-|w x + b - y|)", params: []string{"w", "b"}, start: []float64{0.5, 0.5},
		draw: func(r *rand.Rand) (float64, float64) { x := uniform(r, -2, 2); return x, 2*x + 1 + r.NormFloat64() }},
	{name: "Gaussian mean and scale", src: "1/(sigma sqrt(2 pi)) exp(-(y - mu)^2/(2 sigma^2))", params: []string{"mu", "sigma"}, start: []float64{0, 1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, 3 + 2*r.NormFloat64() }, closed: true},
	{name: "Poisson", src: "lambda^y exp(-lambda)/factorial(y)", params: []string{"lambda"}, start: []float64{1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, float64(r.IntN(6)) }, closed: true},
	{name: "Bernoulli", src: "theta^y (1 - theta)^(1 - y)", params: []string{"theta"}, start: []float64{0.5},
		draw: func(r *rand.Rand) (float64, float64) { return 0, float64(r.IntN(2)) }, closed: true},
	{name: "least squares regression", src: "exp(-(y - w x - b)^2/2)/sqrt(2 pi)", params: []string{"w", "b"}, start: []float64{0, 0},
		draw: func(r *rand.Rand) (float64, float64) { x := uniform(r, -2, 2); return x, 1.5*x - 0.5 + r.NormFloat64() }, closed: true},
	{name: "logistic regression", src: "sigmoid(w x)^y (1 - sigmoid(w x))^(1 - y)", params: []string{"w"}, start: []float64{0.1},
		draw: func(r *rand.Rand) (float64, float64) { return uniform(r, -2, 2), float64(r.IntN(2)) }},
	{name: "exponential", src: "lambda exp(-lambda y)", params: []string{"lambda"}, start: []float64{1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, 2 * r.ExpFloat64() }, closed: true},
	{name: "Rayleigh", src: "y/sigma^2 exp(-y^2/(2 sigma^2))", params: []string{"sigma"}, start: []float64{1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, math.Abs(r.NormFloat64()) + 0.1 }, closed: true},
	{name: "Gamma, shape 2", src: "beta^2 y exp(-beta y)", params: []string{"beta"}, start: []float64{1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, r.ExpFloat64() + r.ExpFloat64() }, closed: true},
	{name: "geometric", src: "(1 - q)^(y - 1) q", params: []string{"q"}, start: []float64{0.5},
		draw: func(r *rand.Rand) (float64, float64) { return 0, float64(1 + r.IntN(5)) }, closed: true},
	{name: "Laplace scale", src: "1/(2 s) exp(-|y|/s)", params: []string{"s"}, start: []float64{1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, r.NormFloat64() }, closed: true},
	{name: "Pareto, scale 1", src: "alpha y^(-alpha - 1)", params: []string{"alpha"}, start: []float64{1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, 1 + r.ExpFloat64() }, closed: true},
	{name: "Weibull, shape 2", src: "2/lambda (y/lambda) exp(-(y/lambda)^2)", params: []string{"lambda"}, start: []float64{1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, 0.1 + 2*r.Float64() }, closed: true},
	{name: "binomial, 5 trials", src: "factorial(5)/(factorial(y) factorial(5 - y)) theta^y (1 - theta)^(5 - y)", params: []string{"theta"}, start: []float64{0.5},
		draw: func(r *rand.Rand) (float64, float64) { return 0, float64(r.IntN(6)) }, closed: true},
	{name: "Poisson regression", src: "exp(w x)^y exp(-exp(w x))/factorial(y)", params: []string{"w"}, start: []float64{0},
		draw: func(r *rand.Rand) (float64, float64) { return uniform(r, -1, 1), float64(r.IntN(4)) }},
	{name: "Gaussian with precision", src: "sqrt(tau/(2 pi)) exp(-tau (y - mu)^2/2)", params: []string{"mu", "tau"}, start: []float64{0, 1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, 1 + r.NormFloat64() }, closed: true},
	{name: "Laplace location and scale", src: "1/(2 b) exp(-abs(y - mu)/b)", params: []string{"mu", "b"}, start: []float64{0, 1},
		draw: func(r *rand.Rand) (float64, float64) { return 0, 1 + r.ExpFloat64() - r.ExpFloat64() }, closed: true},
	{name: "Laplace location, known scale and shift", src: "1/(2 s) exp(-abs(y - c - mu)/s)", params: []string{"mu"}, start: []float64{0},
		known: map[string]float64{"s": 2, "c": 1},
		draw:  func(r *rand.Rand) (float64, float64) { return 0, r.NormFloat64() }, closed: true},
	// Models with known constants, shared by every example.
	{name: "Gaussian regression, known noise", src: "1/sqrt(2 pi sigma^2) exp(-(y - w x)^2/(2 sigma^2))", params: []string{"w"}, start: []float64{0},
		known: map[string]float64{"sigma": 0.7},
		draw:  func(r *rand.Rand) (float64, float64) { x := uniform(r, -2, 2); return x, 1.5*x + 0.7*r.NormFloat64() }, closed: true},
	{name: "Gaussian, known mean", src: "1/sqrt(2 pi v) exp(-(y - m)^2/(2 v))", params: []string{"v"}, start: []float64{1},
		known: map[string]float64{"m": 1},
		draw:  func(r *rand.Rand) (float64, float64) { return 0, 1 + 2*r.NormFloat64() }, closed: true},
	{name: "exponential, known rate offset", src: "(lambda + c) exp(-(lambda + c) y)", params: []string{"lambda"}, start: []float64{1},
		known: map[string]float64{"c": 0.5},
		draw:  func(r *rand.Rand) (float64, float64) { return 0, r.ExpFloat64() / 2 }, closed: true},
}

const examples = 40

func TestDensities(t *testing.T) {
	for _, d := range densities {
		t.Run(d.name, func(t *testing.T) {
			body, err := parser.Parse(d.src)
			require.NoError(t, err)
			m, err := mle.NewModel(body, d.params, "y", slices.Sorted(maps.Keys(d.known))...)
			require.NoError(t, err)
			res, err := mle.Derive(t.Context(), m)
			require.NoError(t, err)

			r := rand.New(rand.NewPCG(7, uint64(len(d.name))))
			xs, ys := make([]float64, examples), make([]float64, examples)
			for i := range xs {
				xs[i], ys[i] = d.draw(r)
			}
			env := func(theta []float64) expr.Env {
				e := expr.Env{
					Scalars: map[string]float64{res.Count.Name(): examples},
					Vectors: map[string][]float64{"x": xs, "y": ys},
				}
				for i, p := range d.params {
					e.Scalars[p] = theta[i]
				}
				maps.Copy(e.Scalars, d.known)
				return e
			}
			// The oracle: -sum log p(y_i | x_i) straight from the density.
			oracle := func(theta []float64) float64 {
				s := 0.0
				for i := range xs {
					e := expr.Env{Scalars: map[string]float64{"x": xs[i], "y": ys[i]}}
					for k, p := range d.params {
						e.Scalars[p] = theta[k]
					}
					maps.Copy(e.Scalars, d.known)
					v, err := expr.Eval(body, e)
					if err != nil || v <= 0 {
						return math.Inf(1)
					}
					s -= math.Log(v)
				}
				return s
			}
			at := d.start
			want := oracle(at)
			nll, err := expr.Eval(res.NLL, env(at))
			require.NoError(t, err, "nll %s", res.NLL)
			require.InDelta(t, want, nll, 1e-8*math.Max(1, math.Abs(want)), "nll %s", res.NLL)

			obj, err := expr.Eval(res.Objective, env(at))
			require.NoError(t, err)
			scale, err := expr.Eval(res.Scale, env(at))
			require.NoError(t, err)
			dropped, err := expr.Eval(res.Dropped, env(at))
			require.NoError(t, err)
			require.Greater(t, scale, 0.0)
			require.InDelta(t, nll, obj*scale+dropped, 1e-8*math.Max(1, math.Abs(nll)))
			require.False(t, dependsOnParams(res.Dropped, d.params), "dropped part %s", res.Dropped)

			for k, g := range res.Gradient {
				got, err := expr.Eval(g.Value, env(at))
				require.NoError(t, err)
				wantG := fd.Derivative(func(v float64) float64 {
					th := append([]float64(nil), at...)
					th[k] = v
					return oracle(th)
				}, at[k], &fd.Settings{Formula: fd.Central, Step: 1e-5})
				require.InDelta(t, wantG, got, 1e-4*math.Max(1, math.Abs(wantG)), "d/d%s = %s", g.Param, g.Value)
			}

			if !d.closed {
				require.Nil(t, res.Stationary)
				require.NotEmpty(t, res.NoClosedForm)
				return
			}
			require.Empty(t, res.NoClosedForm)
			require.Len(t, res.Stationary, len(d.params))
			hat := make([]float64, len(d.params))
			atHat := env(make([]float64, len(d.params)))
			// A median is a stated result: its value, numerically, stands
			// for it wherever an estimate uses it.
			medians := map[expr.Expr]expr.Expr{}
			for _, est := range res.Stationary {
				if est.Median != nil {
					name := "median of " + est.Param.Name()
					medians[est.Value] = expr.Sym(name)
					atHat.Scalars[name] = median(t, est.Median, res.Index, atHat)
					v, err := parser.Parse(est.Value.String())
					require.NoError(t, err, "the median reads back")
					require.Same(t, est.Value, v)
				}
			}
			for _, est := range res.Stationary {
				require.False(t, dependsOnParams(est.Value, d.params), "%s = %s", est.Param, est.Value)
				v, err := expr.Eval(expr.Substitute(est.Value, medians), atHat)
				require.NoError(t, err, "%s = %s", est.Param, est.Value)
				for k, p := range d.params {
					if p == est.Param.Name() {
						hat[k] = v
					}
				}
			}
			// An independent numeric minimiser must land on the same point.
			opt, err := optimize.Minimize(optimize.Problem{Func: oracle}, d.start, nil, &optimize.NelderMead{})
			require.NoError(t, err)
			for k := range hat {
				if slices.ContainsFunc(res.Stationary, func(e mle.Estimate) bool { return e.Param.Name() == d.params[k] && e.Median != nil }) {
					continue // for an even N every point between the middle two is a median, and a minimiser
				}
				assert.InDelta(t, opt.X[k], hat[k], 1e-3*math.Max(1, math.Abs(hat[k])), "%s: closed form %v, numeric %v", d.params[k], hat, opt.X)
			}
			assert.LessOrEqual(t, oracle(hat), opt.F+1e-9*math.Max(1, math.Abs(opt.F)))
		})
	}
}

// median is the median of a over the examples, a term in their index i.
func median(t *testing.T, a expr.Expr, i *expr.Symbol, e expr.Env) float64 {
	vs := make([]float64, examples)
	for k := range vs {
		v, err := expr.Eval(expr.Substitute(a, map[expr.Expr]expr.Expr{i: expr.Int(int64(k + 1))}), e)
		require.NoError(t, err)
		vs[k] = v
	}
	slices.Sort(vs)
	return (vs[examples/2-1] + vs[examples/2]) / 2
}

func dependsOnParams(x expr.Expr, params []string) bool {
	for _, p := range params {
		if expr.DependsOn(x, expr.Sym(p)) {
			return true
		}
	}
	return false
}

func TestSeedAnswers(t *testing.T) {
	derive := func(src string, params ...string) *mle.Result {
		body, err := parser.Parse(src)
		require.NoError(t, err)
		m, err := mle.NewModel(body, params, "y")
		require.NoError(t, err)
		res, err := mle.Derive(t.Context(), m)
		require.NoError(t, err)
		return res
	}
	r := derive("x w exp(-x w y)", "w")
	assert.Equal(t, "w*sum(x[i]*y[i], i, 1, N) - N*log(w)", r.Objective.String())
	assert.Equal(t, "N/sum(x[i]*y[i], i, 1, N)", r.Stationary[0].Value.String())

	r = derive("1/2 exp(-|w x + b - y|)", "w", "b")
	assert.Equal(t, "sum(abs(w*x[i] + b - y[i]), i, 1, N)", r.Objective.String())
	assert.Nil(t, r.Stationary)
	assert.Contains(t, r.NoClosedForm, "least-absolute-deviations")

	// The logistic gradient in its textbook form: one sum, the common
	// factor out (issue 13); and a Poisson rate, not named there.
	r = derive("sigmoid(w x)^y (1 - sigmoid(w x))^(1 - y)", "w")
	assert.Equal(t, "sum(x[i]*(sigmoid(w*x[i]) - y[i]), i, 1, N)", r.Gradient[0].Value.String())
	r = derive("exp(-l) l^y / factorial(y)", "l")
	assert.Equal(t, "sum(y[i], i, 1, N)/N", r.Stationary[0].Value.String())
}

func TestBadModels(t *testing.T) {
	body, err := parser.Parse("x w exp(-x w y)")
	require.NoError(t, err)
	for _, tc := range []struct {
		params []string
		resp   string
		want   string
	}{
		{nil, "y", "no parameters to estimate"},
		{[]string{"q"}, "y", "parameter q does not occur in the density"},
		{[]string{"w", "w"}, "y", "parameter w is listed twice"},
		{[]string{"y"}, "y", "y is the response variable"},
		{[]string{"w"}, "z", "not a function of z"},
	} {
		_, err := mle.NewModel(body, tc.params, tc.resp)
		require.Error(t, err)
		assert.True(t, strings.Contains(err.Error(), tc.want), "%q lacks %q", err, tc.want)
	}
}

func BenchmarkSeed(b *testing.B) {
	for _, src := range []struct {
		name, density string
		params        []string
	}{
		{"q1", "x w exp(-x w y)", []string{"w"}},
		{"q2", "1/2 exp(-|w x + b - y|)", []string{"w", "b"}},
	} {
		body, err := parser.Parse(src.density)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(src.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m, _ := mle.NewModel(body, src.params, "y")
				if _, err := mle.Derive(b.Context(), m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestKnownConstants(t *testing.T) {
	body, err := parser.Parse("1/sqrt(2 pi sigma^2) exp(-(y - w x)^2/(2 sigma^2))")
	require.NoError(t, err)
	m, err := mle.NewModel(body, []string{"w"}, "y", "sigma")
	require.NoError(t, err)
	assert.Equal(t, []*expr.Symbol{expr.Sym("x")}, m.Given, "sigma is not data")
	assert.Equal(t, []*expr.Symbol{expr.Sym("sigma")}, m.Consts)
	res, err := mle.Derive(t.Context(), m)
	require.NoError(t, err)
	assert.False(t, expr.Contains(res.NLL, expr.Index("sigma", res.Index)), "sigma is not indexed: %s", res.NLL)
	assert.Equal(t, "sum((y[i] - w*x[i])^2, i, 1, N)", res.Objective.String())

	for _, tc := range []struct {
		params, consts []string
		want           string
	}{
		{[]string{"w"}, []string{"y"}, "y is the response variable; it cannot also be a known constant"},
		{[]string{"w"}, []string{"w"}, "w is a parameter to estimate; it cannot also be a known constant"},
		{[]string{"w"}, []string{"sigma", "sigma"}, "constant sigma is listed twice"},
		{[]string{"w"}, []string{"q"}, "constant q does not occur in the density"},
	} {
		_, err := mle.NewModel(body, tc.params, "y", tc.consts...)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
	}
}

func TestHeaderParams(t *testing.T) {
	for _, tc := range []struct {
		src    string
		consts []string
		params []string // nil: the header names none
	}{
		{"p(y | lambda) = lambda^y exp(-lambda)/factorial(y)", nil, []string{"lambda"}},
		{"p(y; lambda) = lambda^y exp(-lambda)/factorial(y)", nil, []string{"lambda"}},
		{"p(y | x; w) = x w exp(-x w y)", nil, []string{"w"}},
		{"p(y | mu) = exp(-(y - mu)^2/(2 s^2))/sqrt(2 pi s^2)", []string{"s"}, []string{"mu"}},
		// Another name in the body: which is data is not said.
		{"p(y | x) = x w exp(-x w y)", nil, nil},
		{"p(y | x, w) = x w exp(-x w y)", nil, nil},
	} {
		t.Run(tc.src, func(t *testing.T) {
			d, err := parser.ParseDensity(tc.src)
			require.NoError(t, err)
			assert.Equal(t, tc.params, d.HeaderParams(tc.consts))
			m, err := mle.FromDensity(d, nil, "", tc.consts...)
			if tc.params == nil {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			for _, g := range m.Given {
				assert.NotContains(t, tc.params, g.Name())
				assert.NotContains(t, tc.consts, g.Name())
			}
		})
	}
}

func TestDomain(t *testing.T) {
	for _, tc := range []struct {
		src    string
		params []string
		consts []string
		want   string // each bound as lo < p < hi, "-" for an open side
	}{
		{"theta^y (1 - theta)^(1 - y)", []string{"theta"}, nil, "0 < theta < 1"},
		{"(1 - q)^(y - 1) q", []string{"q"}, nil, "0 < q < 1"},
		{"(lambda + c) exp(-(lambda + c) y)", []string{"lambda"}, []string{"c"}, "-c < lambda < -"},
		{"1/(sigma sqrt(2 pi)) exp(-(y - mu)^2/(2 sigma^2))", []string{"mu", "sigma"}, nil, "0 < sigma < -"},
		{"sigmoid(w x)^y (1 - sigmoid(w x))^(1 - y)", []string{"w"}, nil, ""},
	} {
		t.Run(tc.src, func(t *testing.T) {
			body, err := parser.Parse(tc.src)
			require.NoError(t, err)
			m, err := mle.NewModel(body, tc.params, "y", tc.consts...)
			require.NoError(t, err)
			res, err := mle.Derive(t.Context(), m)
			require.NoError(t, err)
			var got []string
			side := func(x expr.Expr) string {
				if x == nil {
					return "-"
				}
				return x.String()
			}
			for _, b := range res.Domain {
				got = append(got, side(b.Lo)+" < "+b.Param.Name()+" < "+side(b.Hi))
			}
			assert.Equal(t, tc.want, strings.Join(got, ", "))
		})
	}
}

func TestMedian(t *testing.T) {
	body, err := parser.Parse("1/(2 b) exp(-abs(y - mu)/b)")
	require.NoError(t, err)
	m, err := mle.NewModel(body, []string{"mu", "b"}, "y")
	require.NoError(t, err)
	res, err := mle.Derive(t.Context(), m)
	require.NoError(t, err)
	require.Len(t, res.Stationary, 2)
	assert.Equal(t, "median(y[i], i, 1, N)", res.Stationary[0].Value.String())
	assert.Equal(t, "y[i]", res.Stationary[0].Median.String())
	assert.Equal(t, "sum(abs(y[i] - median(y[i], i, 1, N)), i, 1, N)/N", res.Stationary[1].Value.String())
	assert.Nil(t, res.Stationary[1].Median)
}
