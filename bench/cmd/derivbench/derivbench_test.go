package main

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser"
)

// The corpus must be the same on every machine and every run, and each
// line must read back, through the parser the CLI uses, as the term drawn.
func TestCorpusIsFixedAndReadsBack(t *testing.T) {
	c := Corpus{Seed: DefaultCorpus.Seed, N: 40, Depth: DefaultCorpus.Depth, MinSize: DefaultCorpus.MinSize}
	var a, b bytes.Buffer
	require.NoError(t, c.Write(&a))
	require.NoError(t, c.Write(&b))
	require.Equal(t, a.String(), b.String())
	lines := strings.Split(strings.TrimSpace(a.String()), "\n")
	require.Len(t, lines, c.N)
	for i, term := range c.Terms() {
		got, err := parser.Parse(lines[i])
		require.NoError(t, err, lines[i])
		assert.Equal(t, expr.Plain(term), expr.Plain(got), "line %d", i+1)
		assert.True(t, expr.DependsOn(got, expr.Sym("x")), lines[i])
	}
}

func TestDensitiesDerive(t *testing.T) {
	for _, d := range Densities {
		t.Run(d.Name, func(t *testing.T) {
			a, err := deriveMLE(d)
			require.NoError(t, err)
			assert.Len(t, a.Gradient, len(d.Params))
			pd, err := parser.ParseDensity(d.Src)
			require.NoError(t, err)
			_, err = mle.FromDensity(pd, d.Params, "y")
			require.NoError(t, err)
		})
	}
}

// The scaling terms are what bench/README.md says: their derivatives have
// the expected values (d/dw sin^n(w) is the product of cos(sin^k(w)),
// d/dx of sum k x^k is sum k^2 x^(k-1)).
func TestScaleTerm(t *testing.T) {
	const at = 0.5
	tests := []struct {
		kind string
		n    int
		want func(n int) float64
	}{
		{"nested", 3, nestedSinDerivative},
		{"nested", 100, nestedSinDerivative},
		{"sum", 3, sumDerivative},
		{"sum", 50, sumDerivative},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.kind, tt.n), func(t *testing.T) {
			term, v, err := ScaleTerm(tt.kind, tt.n)
			require.NoError(t, err)
			d, err := derive.Diff(t.Context(), term, v)
			require.NoError(t, err)
			env := expr.Env{Scalars: map[string]float64{v.(*expr.Symbol).Name(): at}}
			got, err := expr.Eval(d, env)
			require.NoError(t, err)
			assert.InDelta(t, tt.want(tt.n), got, 1e-12*math.Max(1, math.Abs(got)))
		})
	}
	_, _, err := ScaleTerm("product", 3)
	require.Error(t, err)
}

func nestedSinDerivative(n int) float64 {
	p, u := 1.0, 0.5
	for range n {
		p *= math.Cos(u)
		u = math.Sin(u)
	}
	return p
}

func sumDerivative(n int) float64 {
	s := 0.0
	for k := 1; k <= n; k++ {
		s += float64(k*k) * math.Pow(0.5, float64(k-1))
	}
	return s
}

// The exact and the float run of a network give the same gradients, and
// the exact one's printed size is measured.
func TestNetRun(t *testing.T) {
	for _, kind := range []string{"chain", "mlp"} {
		net, err := NetworkOf(kind, 3, 4)
		require.NoError(t, err)
		exact, err := runNet(net, true, 1<<20)
		require.NoError(t, err)
		float, err := runNet(net, false, 1<<20)
		require.NoError(t, err)
		require.Equal(t, len(net.Order), len(exact.Grads), kind)
		for name, want := range float.Grads {
			require.Len(t, exact.Grads[name], len(want), name)
			for i, w := range want {
				assert.InEpsilon(t, w, exact.Grads[name][i], 1e-12, "%s %s[%d]", kind, name, i)
			}
		}
		assert.Positive(t, exact.PrintLen, kind)
	}
}
