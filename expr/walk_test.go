package expr_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

func TestSubstitute(t *testing.T) {
	xi := expr.Index("x", i)
	sum := expr.SumOver(expr.Mul(i, xi, w), i, expr.One, N)
	tests := []struct {
		name string
		in   expr.Expr
		m    map[expr.Expr]expr.Expr
		want string
	}{
		{"symbol by number", p("x^2 + y"), map[expr.Expr]expr.Expr{x: expr.Two}, "y + 4"},
		{"re-canonicalises", p("x*y + x^2"), map[expr.Expr]expr.Expr{y: x}, "2*x^2"},
		{"subterm", p("(x + 1)^2 + sin(x + 1)"), map[expr.Expr]expr.Expr{p("x + 1"): z}, "z^2 + sin(z)"},
		{"simultaneous", p("x - y"), map[expr.Expr]expr.Expr{x: y, y: x}, "y - x"},
		{"folds exactly", p("sin(x)"), map[expr.Expr]expr.Expr{x: expr.Div(expr.Pi, expr.Int(6))}, "1/2"},
		{"free symbols in a sum", sum, map[expr.Expr]expr.Expr{w: expr.Two, N: expr.Int(10)}, "sum(2*i*x[i], i, 1, 10)"},
		{"the bound index is left alone", sum, map[expr.Expr]expr.Expr{i: expr.Int(3)}, "sum(i*w*x[i], i, 1, N)"},
		{"bounds still substituted when the index is", expr.SumOver(xi, i, i, N), map[expr.Expr]expr.Expr{i: expr.Int(3)}, "sum(x[i], i, 3, N)"},
		{"outside the sum the index is free", expr.Add(i, sum), map[expr.Expr]expr.Expr{i: expr.Int(3)}, "sum(i*w*x[i], i, 1, N) + 3"},
		{"indexed element", p("x[1] + x[2]"), map[expr.Expr]expr.Expr{expr.Index("x", expr.One): y}, "y + x[2]"},
		{"into a derivative", expr.Diff(p("x*y"), x), map[expr.Expr]expr.Expr{y: expr.Two}, "diff(2*x, x)"},
		{"nothing to replace", p("x + 1"), map[expr.Expr]expr.Expr{z: y}, "x + 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, expr.Substitute(tt.in, tt.m).String())
		})
	}
	t.Run("unchanged is the same pointer", func(t *testing.T) {
		in := p("w*exp(y) + sum(x[i], i, 1, N)")
		assert.Same(t, in, expr.Substitute(in, map[expr.Expr]expr.Expr{z: y}))
		assert.Same(t, in, expr.Substitute(in, map[expr.Expr]expr.Expr{i: y}))
	})
}

func TestMap(t *testing.T) {
	sinToCos := func(u expr.Expr) expr.Expr {
		if c, ok := u.(*expr.CallExpr); ok && c.Func() == expr.FnSin {
			return call(expr.FnCos, c.Args()...)
		}
		return u
	}
	assert.Equal(t, "cos(y) + cos(cos(x))", expr.Map(p("sin(sin(x)) + sin(y)"), sinToCos).String())

	t.Run("bottom-up, each distinct subterm once", func(t *testing.T) {
		shared := p("sin(x + 1)")
		in := expr.Mul(expr.Add(shared, y), expr.Add(shared, z), shared)
		seen := map[expr.Expr]int{}
		var order []expr.Expr
		expr.Map(in, func(u expr.Expr) expr.Expr {
			seen[u]++
			order = append(order, u)
			return u
		})
		for u, n := range seen {
			assert.Equal(t, 1, n, "%s seen %d times", u, n)
		}
		assert.Equal(t, expr.Size(in), len(seen))
		assert.Same(t, in, order[len(order)-1], "the root comes last")
	})
	t.Run("identity keeps the pointer", func(t *testing.T) {
		in := p("w^2 + sum(x[i], i, 1, N)*exp(y)")
		assert.Same(t, in, expr.Map(in, func(u expr.Expr) expr.Expr { return u }))
	})
	t.Run("re-canonicalises", func(t *testing.T) {
		got := expr.Map(p("y + x*y"), func(u expr.Expr) expr.Expr {
			if u == y {
				return x
			}
			return u
		})
		assert.Equal(t, "x^2 + x", got.String())
	})
}

func names(ss []*expr.Symbol) []string {
	out := make([]string, len(ss))
	for k, s := range ss {
		out[k] = s.Name()
	}
	return out
}

func TestFreeSymbols(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"x + 1", []string{"x"}},
		{"2*pi*sigma", []string{"sigma"}},
		{"sum(x[i]*w, i, 1, N)", []string{"N", "w", "x"}},
		{"i + sum(x[i], i, 1, N)", []string{"N", "i", "x"}},
		{"sum(sum(W[i, j], j, 1, i), i, 1, N)", []string{"N", "W"}},
		{"sum(x[k], i, 1, N)", []string{"N", "k", "x"}},
		{"x[1]*x[2] + y", []string{"x", "y"}},
		{"diff(x*y, x)", []string{"x", "y"}},
		{"exp(1) + 3", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.ElementsMatch(t, tt.want, names(expr.FreeSymbols(p(tt.in))))
		})
	}
}

func TestSizeOfSharedTerms(t *testing.T) {
	dag := expr.Expr(x)
	for range 3 {
		dag = expr.Add(call(expr.FnSin, dag), call(expr.FnCos, dag))
	}
	// x, then per level sin(t), cos(t) and their sum
	assert.Equal(t, 10, expr.Size(dag))
	// T(0) = 1, T(k+1) = 3 + 2 T(k)
	assert.Equal(t, 29, expr.TreeSize(dag, 1000))
	assert.Equal(t, 20, expr.TreeSize(dag, 20))

	for range 60 {
		dag = expr.Add(call(expr.FnSin, dag), call(expr.FnCos, dag))
	}
	assert.Equal(t, 10+3*60, expr.Size(dag))
	assert.Equal(t, 1<<30, expr.TreeSize(dag, 1<<30))
	assert.Equal(t, 1, expr.TreeSize(x, 100))

	// The size kept in each term is the size counted by walking it.
	var count func(expr.Expr) int
	count = func(e expr.Expr) int {
		n := 1
		for _, a := range e.Args() {
			n += count(a)
		}
		return n
	}
	for _, src := range []string{"sum(x[i]^2 w, i, 1, N)", "prod(sin(a[k]), k, 2, n + 1) + diff(x^2 y, x)", "W[i, j] - 3/4"} {
		assert.Equal(t, count(p(src)), expr.TreeSize(p(src), 1<<20), src)
	}
	for k := range 300 {
		e := exprtest.New(uint64(k)).Expr(4)
		require.Equal(t, count(e), expr.TreeSize(e, 1<<20), "%s", e)
	}
}

func TestReplaceDerivatives(t *testing.T) {
	d := expr.Diff(expr.Pow(x, expr.Two), x)
	rest := p("y*sin(y)")
	in := expr.Add(expr.Mul(rest, d), rest)
	require.True(t, expr.HasDerivative(in))
	require.False(t, expr.HasDerivative(rest))

	var visited []*expr.Derivative
	got := expr.ReplaceDerivatives(in, nil, func(u *expr.Derivative) expr.Expr {
		visited = append(visited, u)
		return expr.Mul(expr.Two, x)
	})
	assert.Equal(t, "2*x*y*sin(y) + y*sin(y)", got.String())
	assert.False(t, expr.HasDerivative(got))
	assert.Equal(t, []*expr.Derivative{d}, visited, "a shared derivative is rewritten once")

	assert.Same(t, rest, expr.ReplaceDerivatives(rest, nil, func(*expr.Derivative) expr.Expr {
		panic("no derivative to replace")
	}))
}

func TestReplay(t *testing.T) {
	start := p("log(x*y) + x*y")
	steps := []expr.Step{
		{Before: p("log(x*y)"), After: p("log(x) + log(y)")},
		{Before: p("x*y"), After: z}, // every remaining occurrence
		{Before: p("log(x) + log(y) + z"), After: expr.One},
	}
	got := expr.Replay(start, steps)
	require.Len(t, got, 3)
	assert.Equal(t, "x*y + log(x) + log(y)", got[0].String())
	assert.Equal(t, "z + log(x) + log(y)", got[1].String())
	assert.Same(t, expr.One, got[2])
	assert.Empty(t, expr.Replay(start, nil))
}

func TestDependsOn(t *testing.T) {
	xi := expr.Index("x", i)
	tests := []struct {
		in   expr.Expr
		v    expr.Expr
		want bool
	}{
		{p("sin(x) + y"), x, true},
		{p("sin(x) + y"), z, false},
		{xi, expr.Sym("x"), true},
		{xi, xi, true},
		{xi, expr.Index("x", expr.Sym("j")), false},
		{p("sum(x[i]*w, i, 1, N)"), N, true},
		{p("sum(x[i]*w, i, 1, N)"), w, true},
		{p("sum(x[i]*w, i, 1, N)"), y, false},
		{p("x^2 + pi"), expr.Pi, true},
		{expr.Int(3), x, false},
	}
	for _, tt := range tests {
		t.Run(tt.in.String()+" on "+tt.v.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, expr.DependsOn(tt.in, tt.v))
		})
	}
	assert.True(t, expr.Contains(p("x*sin(x + 1)"), p("x + 1")))
	assert.False(t, expr.Contains(p("x*sin(x + 1)"), p("x + 2")))
}

// TestDependsOnAgreesWithAWalk: DependsOn answers from the name bits every
// term keeps; it must agree with looking at every subterm, also once more
// names than bits exist, so that bits are shared.
func TestDependsOnAgreesWithAWalk(t *testing.T) {
	walk := func(x, v expr.Expr) bool {
		found := false
		expr.Inspect(x, func(z expr.Expr) bool {
			switch z := z.(type) {
			case *expr.Symbol:
				found = found || z == v
			case *expr.Indexed:
				s, isSym := v.(*expr.Symbol)
				found = found || z == v || isSym && z.Name() == s.Name()
			}
			return !found
		})
		return found
	}
	g := exprtest.New(41)
	for k := range 100 { // more names than bits
		g.Syms = append(g.Syms, fmt.Sprintf("n%d", k))
	}
	vars := []expr.Expr{expr.Sym("x"), expr.Sym("n7"), expr.Sym("n70"), expr.Sym("never"),
		expr.Index("x", expr.One), expr.Index("n3", expr.Two)}
	for range 3000 {
		x := g.Expr(4)
		if g.R.IntN(4) == 0 {
			x = expr.Add(x, expr.Index(g.Syms[g.R.IntN(len(g.Syms))], expr.Int(int64(1+g.R.IntN(2)))))
		}
		for _, v := range vars {
			require.Equal(t, walk(x, v), expr.DependsOn(x, v), "DependsOn(%s, %s)", x, v)
		}
	}
}
