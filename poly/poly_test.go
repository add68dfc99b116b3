package poly_test

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/poly"
)

var ctx = context.Background()

func parse(t testing.TB, s string) expr.Expr {
	t.Helper()
	x, err := parser.Parse(s)
	require.NoError(t, err, s)
	return x
}

func toPoly(t testing.TB, s string) poly.Poly {
	t.Helper()
	p, err := poly.FromExpr(ctx, parse(t, s))
	require.NoError(t, err)
	return p
}

// gen draws random polynomials as terms: sums of small monomials over vars.
type gen struct {
	r    *rand.Rand
	vars []expr.Expr
}

func newGen(seed uint64, names ...string) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, 7))}
	for _, n := range names {
		g.vars = append(g.vars, expr.Sym(n))
	}
	return g
}

// term returns a random polynomial with up to n terms of degree up to d
// in each variable; never a number.
func (g *gen) term(n, d int) expr.Expr {
	for {
		terms := make([]expr.Expr, 1+g.r.IntN(n))
		for i := range terms {
			fs := []expr.Expr{expr.Int(int64(g.r.IntN(19) - 9))}
			for _, v := range g.vars {
				fs = append(fs, expr.Pow(v, expr.Int(int64(g.r.IntN(d+1)))))
			}
			terms[i] = expr.Mul(fs...)
		}
		x := expr.Add(terms...)
		if _, ok := x.(*expr.Number); !ok {
			return x
		}
	}
}

func (g *gen) poly(t testing.TB, n, d int) poly.Poly {
	p, err := poly.FromExpr(ctx, g.term(n, d))
	require.NoError(t, err)
	return p
}

// point returns a substitution of random small rationals for g's variables
// and the atoms given.
func (g *gen) point(extra ...expr.Expr) map[expr.Expr]expr.Expr {
	m := map[expr.Expr]expr.Expr{}
	for _, v := range append(append([]expr.Expr{}, g.vars...), extra...) {
		m[v] = expr.Rat(int64(g.r.IntN(41)-20), int64(1+g.r.IntN(7)))
	}
	return m
}

func mul(t testing.TB, ps ...poly.Poly) poly.Poly {
	out := ps[0]
	for _, p := range ps[1:] {
		var err error
		out, err = poly.Mul(ctx, out, p)
		require.NoError(t, err)
	}
	return out
}

func TestExpandAgreesAtPoints(t *testing.T) {
	g := newGen(1, "x", "y", "z")
	sinx := expr.Call(expr.FnSin, g.vars[0])
	for i := range 60 {
		a, b, c := g.term(3, 2), g.term(3, 2), g.term(2, 1)
		x := expr.Add(expr.Mul(a, expr.Pow(b, expr.Int(2))), expr.Mul(c, sinx, a), expr.Neg(expr.Pow(expr.Add(c, sinx), expr.Int(3))))
		y, err := poly.Expand(ctx, x)
		require.NoError(t, err)
		for range 3 {
			pt := g.point(sinx)
			assert.Equal(t, expr.Substitute(x, pt), expr.Substitute(y, pt), "case %d: %s", i, x)
		}
		// The expansion is a normal form: expanding again changes nothing,
		// and so does reading it back.
		z, err := poly.Expand(ctx, y)
		require.NoError(t, err)
		assert.Equal(t, y, z)
	}
}

func TestExpandTable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"(a + b)^2 - a^2 - b^2", "2*a*b"},
		{"(x + 1)^3 - x^3 - 3*x^2 - 3*x - 1", "0"},
		{"(x[i] + 1)*(x[i] - 1)", "x[i]^2 - 1"},
		{"(exp(x) + 1)^2", "exp(2*x) + 2*exp(x) + 1"},
		{"sin(x*(x + 1))", "sin(x^2 + x)"},
		{"(sqrt(x) + 1)*(sqrt(x) - 1)", "x - 1"},
	} {
		t.Run(c.in, func(t *testing.T) {
			y, err := poly.Expand(ctx, parse(t, c.in))
			require.NoError(t, err)
			assert.Equal(t, parse(t, c.want), y)
		})
	}
}

func TestCollect(t *testing.T) {
	y, err := poly.Collect(ctx, parse(t, "a*x + b*x + x^2*y + c"), expr.Sym("x"))
	require.NoError(t, err)
	assert.Equal(t, "x^2*y + x*(a + b) + c", y.String())
}

func TestPowerRefused(t *testing.T) {
	_, err := poly.Expand(ctx, parse(t, "(x + 1)^100000"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "expansion too large")
	_, err = poly.Expand(ctx, parse(t, "(3*x)^1000000000"))
	require.Error(t, err)

	// A meter stops what the hard limits let through.
	m := budget.New(ctx, budget.Limits{Work: 10_000})
	_, err = poly.Expand(budget.With(ctx, m), parse(t, "(x + y + z + 1)^30"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "work budget exceeded")
}

func TestDivMod(t *testing.T) {
	g := newGen(2, "x", "y")
	for i := range 100 {
		ps, err := poly.FromExprs(ctx, g.term(5, 3), g.term(3, 2), g.vars[0], g.vars[1])
		require.NoError(t, err)
		a, b := ps[0], ps[1]
		k := i % 2
		q, r, err := poly.PseudoDivMod(ctx, a, b, k)
		require.NoError(t, err)
		// lc^e a = q b + r, deg r < deg b, e = deg a - deg b + 1.
		assert.Less(t, r.Degree(k), max(b.Degree(k), 1))
		e := max(a.Degree(k)-b.Degree(k)+1, 0)
		lce, err := poly.Pow(ctx, b.LeadingCoeffIn(k), e)
		require.NoError(t, err)
		assert.True(t, poly.Equal(mul(t, lce, a), poly.Add(mul(t, q, b), r)), "case %d", i)
	}
	// In one variable, rational coefficients.
	u := newGen(3, "x")
	for range 100 {
		a, b := u.poly(t, 6, 6), u.poly(t, 4, 3)
		q, r, err := poly.DivMod(ctx, a, b, 0)
		if b.Degree(0) == 0 {
			continue
		}
		require.NoError(t, err)
		assert.True(t, poly.Equal(a, poly.Add(mul(t, q, b), r)))
		assert.Less(t, r.Degree(0), b.Degree(0))
	}
}

func TestGCDProperties(t *testing.T) {
	g := newGen(4, "x", "y", "z")
	for i := range 25 {
		a, b, c := g.poly(t, 3, 2), g.poly(t, 3, 2), g.poly(t, 3, 1)
		ac, bc := mul(t, a, c), mul(t, b, c)
		d, err := poly.GCDPoly(ctx, ac, bc)
		require.NoError(t, err)
		_, err = poly.Quo(ctx, d, c)
		assert.NoError(t, err, "case %d: c does not divide gcd(a c, b c) = %s, c = %s", i, d, c)
		qa, err := poly.Quo(ctx, ac, d)
		require.NoError(t, err, "the gcd divides a c")
		qb, err := poly.Quo(ctx, bc, d)
		require.NoError(t, err, "the gcd divides b c")
		one, err := poly.GCDPoly(ctx, qa, qb)
		require.NoError(t, err)
		assert.True(t, one.IsConst(), "case %d: the gcd is maximal", i)
	}
}

func TestFactorRoundTrip(t *testing.T) {
	g := newGen(5, "x")
	for i := range 30 {
		parts := []poly.Poly{g.poly(t, 4, 4), g.poly(t, 3, 3), g.poly(t, 3, 2)}
		if i%3 == 0 {
			parts = append(parts, parts[1]) // a square
		}
		p := mul(t, parts...)
		c, fs, err := poly.FactorList(ctx, p)
		require.NoError(t, err)
		back := poly.Constant(p.Vars(), c)
		count := 0
		for _, f := range fs {
			pf, err := poly.Pow(ctx, f.Poly, f.Mult)
			require.NoError(t, err)
			back = mul(t, back, pf)
			count += f.Mult
		}
		require.True(t, poly.Equal(p, back), "case %d: %s", i, p)
		nonconst := 0
		for _, q := range parts {
			if q.TotalDegree() > 0 {
				nonconst++
			}
		}
		assert.GreaterOrEqual(t, count, nonconst)
	}
}

func TestSqfList(t *testing.T) {
	g := newGen(6, "x", "y")
	for range 20 {
		a, b := g.poly(t, 3, 2), g.poly(t, 2, 2)
		p := mul(t, a, b, b, b)
		c, fs, err := poly.SqfList(ctx, p)
		require.NoError(t, err)
		back := poly.Constant(p.Vars(), c)
		for _, f := range fs {
			pf, _ := poly.Pow(ctx, f.Poly, f.Mult)
			back = mul(t, back, pf)
		}
		require.True(t, poly.Equal(p, back))
	}
}

func TestFactorTable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"x^3 - x", "x*(x - 1)*(x + 1)"},
		{"x^4 + 4", "(x^2 - 2*x + 2)*(x^2 + 2*x + 2)"},
		{"x^4 - 10*x^2 + 1", "x^4 - 10*x^2 + 1"}, // irreducible, though it splits modulo every prime
		{"2*x^2 + 4*x + 2", "2*(x + 1)^2"},
		{"x^2 - y^2", "(x + y)*(x - y)"},
		{"x^3*y - x*y^3", "x*y*(x + y)*(x - y)"},
		{"(x^2 - 1)/(x^2 + 2*x + 1)", "(x - 1)/(x + 1)"},
		{"sin(x)^2 - 1", "(sin(x) - 1)*(sin(x) + 1)"},
		{"x^2/4 - 1", "(x - 2)*(x + 2)/4"},
	} {
		t.Run(c.in, func(t *testing.T) {
			y, err := poly.Factor(ctx, parse(t, c.in))
			require.NoError(t, err)
			assert.Equal(t, parse(t, c.want), y, "got %s", y)
		})
	}
}

func TestCancel(t *testing.T) {
	g := newGen(7, "x", "y")
	for i := range 25 {
		a, b, c := g.term(3, 2), g.term(3, 2), g.term(2, 2)
		x := expr.Div(expr.Mul(a, c), expr.Mul(b, c))
		y, err := poly.Cancel(ctx, x)
		require.NoError(t, err)
		z, err := poly.Cancel(ctx, expr.Div(a, b))
		require.NoError(t, err)
		assert.Equal(t, z, y, "case %d", i)
		num, den, err := poly.FromExprRational(ctx, y)
		require.NoError(t, err)
		d, err := poly.GCDPoly(ctx, num, den)
		require.NoError(t, err)
		assert.True(t, d.IsConst(), "case %d: %s is in lowest terms", i, y)
	}
	for _, c := range []struct{ in, want string }{
		{"(x^2 - 1)/(x - 1)", "x + 1"},
		{"(x^2 - 1)/(2*x - 2)", "(x + 1)/2"},
		{"(x^3*y - x*y^3)/(x^2 + 2*x*y + y^2)", "(x^2*y - x*y^2)/(x + y)"},
		{"1/x + 1/(x + 1)", "(2*x + 1)/(x^2 + x)"},
		{"x/(1 - x)", "-x/(x - 1)"},
	} {
		y, err := poly.Cancel(ctx, parse(t, c.in))
		require.NoError(t, err)
		assert.Equal(t, parse(t, c.want), y, "%s gave %s", c.in, y)
	}
}

func TestTogetherAndApart(t *testing.T) {
	x := expr.Sym("x")
	g := newGen(8, "x")
	for _, s := range []string{"1/(x^2 - 1)", "(x^3 + 1)/(x^2*(x + 1)^2)", "a/(x*(x + 1)) + b", "1/((x^2 + 1)*(x - 1)^2)", "(x^5 + 2)/(x^3 - 2*x + 1)"} {
		in := parse(t, s)
		y, err := poly.Apart(ctx, in, x)
		require.NoError(t, err)
		for range 3 {
			pt := g.point(expr.Sym("a"), expr.Sym("b"))
			assert.Equal(t, expr.Substitute(in, pt), expr.Substitute(y, pt), "%s = %s", s, y)
		}
		back, err := poly.Together(ctx, y)
		require.NoError(t, err)
		diff, err := poly.Cancel(ctx, expr.Sub(back, in))
		require.NoError(t, err)
		assert.Equal(t, expr.Zero, diff, "%s: together(apart) = %s", s, back)
	}
	y, err := poly.Apart(ctx, parse(t, "1/(x^2 - 1)"), x)
	require.NoError(t, err)
	assert.Equal(t, parse(t, "1/(2*(x - 1)) - 1/(2*(x + 1))"), y)
	_, err = poly.Apart(ctx, parse(t, "1/(x*y + 1)"), x)
	assert.Error(t, err)
}

func TestContentPrimitive(t *testing.T) {
	p := toPoly(t, "6*x/5 + 4/15")
	c, q := p.Primitive()
	assert.Equal(t, big.NewRat(2, 15), c)
	assert.Equal(t, parse(t, "9*x + 2"), q.Expr())
}

// Random terms of every kind, functions and fractional powers included,
// go through every entry point without a panic, within a budget.
func TestRandomTermsNoPanic(t *testing.T) {
	g := exprtest.New(11)
	x := expr.Sym("x")
	for i := range 300 {
		in := g.Expr(4)
		c := budget.With(ctx, budget.New(ctx, budget.Limits{Work: 200_000}))
		for _, f := range []func(context.Context, expr.Expr) (expr.Expr, error){poly.Expand, poly.Factor, poly.Cancel, poly.Together} {
			y, err := f(c, in)
			if err == nil && y == nil {
				t.Fatalf("case %d: %s: no answer and no error", i, in)
			}
		}
		_, _ = poly.Apart(c, in, x)
		_, _ = poly.Collect(c, in, x)
	}
}
