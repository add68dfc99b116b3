package simplify_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// TestIdentityRewrites applies each identity alone. An empty want means
// it does not apply.
func TestIdentityRewrites(t *testing.T) {
	tests := []struct {
		rw       simplify.Rewrite
		in, want string
	}{
		{simplify.SigmoidNegation, "sigmoid(-x)", "1 - sigmoid(x)"},
		{simplify.SigmoidNegation, "sigmoid(x)", ""},
		{simplify.SigmoidForm, "1/(1 + exp(-x))", "sigmoid(x)"},
		{simplify.SigmoidForm, "exp(x)/(1 + exp(x))", "sigmoid(x)"},
		{simplify.SigmoidForm, "1/(1 + exp(x))", "sigmoid(-x)"},
		{simplify.SigmoidForm, "exp(-x)/(1 + exp(-x))^2", "sigmoid(x)*(1 - sigmoid(x))"},
		{simplify.SigmoidForm, "exp(-2*x)/(1 + exp(-x))^2", "(1 - sigmoid(x))^2"},
		{simplify.SigmoidForm, "1/(2 + exp(-x))", ""},
		{simplify.TanhSigmoid, "2*sigmoid(2*x) - 1", "tanh(x)"},
		{simplify.TanhSigmoid, "sigmoid(x) - 1", ""},
		{simplify.TanhForm, "(exp(x) - exp(-x))/(exp(x) + exp(-x))", "tanh(x)"},
		{simplify.TanhForm, "(exp(2*x) - 1)/(exp(2*x) + 1)", "tanh(x)"},
		{simplify.TanhForm, "sinh(y)^2/cosh(y)^2", "tanh(y)^2"},
		{simplify.TanhForm, "((exp(x) + exp(-x))^2 - (exp(x) - exp(-x))^2)/(exp(x) + exp(-x))^2", "1 - tanh(x)^2"},
		{simplify.TanhForm, "(exp(x) + exp(-x))/(exp(x) - exp(-x))", ""},
		{simplify.HyperbolicExp, "sinh(x)", "exp(x)/2 - exp(-x)/2"},
		{simplify.HyperbolicExp, "cosh(x)", "exp(x)/2 + exp(-x)/2"},
		{simplify.HyperbolicForm, "exp(x) + exp(-x)", "2*cosh(x)"},
		{simplify.HyperbolicForm, "3*exp(y) - 3*exp(-y) + 1", "6*sinh(y) + 1"},
		{simplify.HyperbolicForm, "exp(x) + exp(x)/2", ""},
		{simplify.Pythagorean, "sin(x)^2 + cos(x)^2", "1"},
		{simplify.Pythagorean, "3*y*sin(x)^2 + 3*y*cos(x)^2 + z", "3*y + z"},
		{simplify.Pythagorean, "cosh(x)^2 - sinh(x)^2", "1"},
		{simplify.Pythagorean, "sin(x)^2 + cos(y)^2", ""},
		{simplify.DoubleAngle, "2*sin(x)*cos(x)", "sin(2*x)"},
		{simplify.DoubleAngle, "4*y*sin(x)*cos(x)", "2*y*sin(2*x)"},
		{simplify.DoubleAngle, "cos(x)^2 - sin(x)^2", "cos(2*x)"},
		{simplify.DoubleAngle, "sin(x)*cos(x)", ""},
		{simplify.AngleSum, "sin(x + y)", "cos(x)*sin(y) + cos(y)*sin(x)"},
		{simplify.AngleSum, "cos(x - y)", "cos(x)*cos(y) + sin(x)*sin(y)"},
		{simplify.RootAbs, "sqrt(x^2)", "abs(x)"},
		{simplify.RootAbs, "sqrt(4*x^2*y)", "2*sqrt(y)*abs(x)"},
		{simplify.RootAbs, "sqrt(x^4)", "x^2"},
		{simplify.RootAbs, "sqrt(4*y)", ""},
		{simplify.AbsProduct, "abs(x*y)", "abs(x)*abs(y)"},
		{simplify.AbsProduct, "abs(x^3)", "abs(x)^3"},
		{simplify.Collect, "y*(s - 1) + s*(1 - y)", "s - y"},
		{simplify.Collect, "y*(s - 1) + x*(1 - y)", ""},
	}
	for _, tc := range tests {
		t.Run(tc.rw.Rule.Name+"/"+tc.in, func(t *testing.T) {
			in := p(tc.in)
			out, step := simplify.Apply(t.Context(), in, tc.rw)
			if tc.want == "" {
				assert.Nil(t, step, "got %s", out)
				return
			}
			require.NotNil(t, step)
			assert.Equal(t, tc.want, out.String())
			assert.Equal(t, tc.rw.Rule, step.Rule)
			assert.Empty(t, step.Assume, "the identities hold for every real argument")
			// and the identity holds
			assert.True(t, simplify.IsZero(t.Context(), expr.Sub(in, out)), "%s = %s", in, out)
		})
	}
}

// TestSimplifyTextbook runs the pipeline of derivtex simplify.
func TestSimplifyTextbook(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1/(1 + exp(-x))", "sigmoid(x)"},
		{"exp(x)/(1 + exp(x))", "sigmoid(x)"},
		{"(exp(x) - exp(-x))/(exp(x) + exp(-x))", "tanh(x)"},
		{"(exp(x) + exp(-x))/2", "cosh(x)"},
		{"sin(x)^2 + cos(x)^2", "1"},
		{"2 sin(t) cos(t)", "sin(2*t)"},
		{"sqrt(4 x^2)", "2*abs(x)"},
		{"sigmoid(x) + sigmoid(-x) - 1", "0"},
		{"sigmoid(x) + sigmoid(-x)", "1"},
		{"sigmoid(-x)", "sigmoid(-x)"},
		{"sigmoid(-x) y + 2", "y*sigmoid(-x) + 2"},
		{"(a + b)^2 - a^2 - 2 a b - b^2", "0"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			out, _ := simplify.Simplify(t.Context(), p(tc.in))
			assert.Equal(t, tc.want, out.String())
		})
	}
}

// identityClasses are identities, one per class of the zero procedure,
// with their variable u: the property test substitutes random terms for
// u and adds random perturbations.
var identityClasses = []string{
	"(u + 1)^3 - u^3 - 3 u^2 - 3 u - 1",
	"1/(u - 1) - 1/(u + 1) - 2/(u^2 - 1)",
	"exp(2 u) - exp(u)^2",
	"log(u^2) - 2 log(u)",
	"sin(u)^2 + cos(u)^2 - 1",
	"sin(2 u) - 2 sin(u) cos(u)",
	"cosh(u)^2 - sinh(u)^2 - 1",
	"tanh(u) - 2 sigmoid(2 u) + 1",
	"sigmoid(u) + sigmoid(-u) - 1",
	"sqrt(u^2) - abs(u)",
}

// TestZeroProperty: an identity with a random term for its variable is
// zero, and never once a random nonzero term is added to it; and the
// normal form agrees with the identity at random points (IsZero's own
// cross-check).
func TestZeroProperty(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	x, y := expr.Sym("x"), expr.Sym("y")
	atoms := []expr.Expr{x, y, expr.Mul(expr.Two, x), expr.Add(x, y), expr.Sub(x, expr.Rat(1, 3)),
		expr.Mul(x, y), expr.Pow(x, expr.Two), expr.Call(expr.FnSin, y)}
	perturbations := []expr.Expr{expr.Rat(1, 1000), x, expr.Pow(y, expr.Int(3)), expr.Call(expr.FnSin, x),
		expr.Exp(expr.Neg(x)), expr.Call(expr.FnSigmoid, y), expr.Mul(expr.Rat(1, 7), expr.Call(expr.FnCos, expr.Mul(expr.Two, x)))}
	u := expr.Sym("u")
	for _, src := range identityClasses {
		id := p(src)
		for range 6 {
			a := atoms[rng.IntN(len(atoms))]
			z := expr.Substitute(id, map[expr.Expr]expr.Expr{u: a})
			name := fmt.Sprintf("%s at u = %s", src, a)
			assert.True(t, simplify.IsZero(ctx, z), name)
			e := perturbations[rng.IntN(len(perturbations))]
			k := expr.Int(int64(rng.IntN(5) + 1))
			assert.False(t, simplify.IsZero(ctx, expr.Add(z, expr.Mul(k, e))), "%s, plus %s %s", name, k, e)
		}
	}
}

// TestZeroBounded: a term too large to decide is not called zero, and
// the test stays within its budget.
func TestZeroBounded(t *testing.T) {
	big := p("(x + y + 1)^60 - (x + y + 1)^60*(1 + 1/10^9)")
	assert.False(t, simplify.IsZero(t.Context(), big))
	assert.False(t, simplify.IsZero(t.Context(), p("(x + 1)^100000 - 1")))
}
