package solve_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
)

// TestClosedSums: sums with integer bounds and a polynomial body are
// worked out exactly however long they are; the others are left alone.
func TestClosedSums(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sum(k, k, 1, 5000)", "12502500"},
		{"sum(k^2, k, 1, 5000)", "41679167500"},
		{"sum(k^3 - k/2 + 1, k, -30, 10^6)", "500001000000000001068077/2"},
		{"sum((k + 1)^2 - k^2, k, 1, 5000)", "25010000"},
		{"sum(7, k, 3, 2002)", "14000"},
		{"sum(k, k, 1, 10^12)", "500000000000500000000000"},
		{"sum(k, k, 5, 4)", "0"},
		{"sum(a*k^2 + b, k, 1, 2000)", "2668667000*a + 2000*b"},
		{"x + sum(k, k, 0, 2000)", "x + 2001000"},
		// Not polynomials in the index, or bounds that are not numbers.
		{"sum(1/k, k, 1, 5000)", "sum(1/k, k, 1, 5000)"},
		{"sum(2^k, k, 1, 5000)", "sum(2^k, k, 1, 5000)"},
		{"sum(x[k], k, 1, 5000)", "sum(x[k], k, 1, 5000)"},
		{"sum(sin(k), k, 1, 5000)", "sum(sin(k), k, 1, 5000)"},
		{"sum(k, k, 1, N)", "sum(k, k, 1, N)"},
		{"sum(k^33, k, 1, 5000)", "sum(k^33, k, 1, 5000)"},
		{"prod(k, k, 1, 5000)", "prod(k, k, 1, 5000)"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			x, err := parser.Parse(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, solve.ClosedSums(t.Context(), x).String())
		})
	}
}

// TestClosedSumsAgree compares the closed form of random polynomial sums
// with the terms added one by one.
func TestClosedSumsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		coef := make([]int64, 1+r.IntN(6))
		var body []string
		for d := range coef {
			coef[d] = r.Int64N(21) - 10
			body = append(body, fmt.Sprintf("(%d)*k^%d", coef[d], d))
		}
		lo := r.Int64N(200) - 100
		hi := lo + r.Int64N(300) - 5
		src := fmt.Sprintf("sum(%s, k, %d, %d)", strings.Join(body, " + "), lo, hi)
		want := new(big.Int)
		for k := lo; k <= hi; k++ {
			term, pow := new(big.Int), big.NewInt(1)
			for _, c := range coef {
				term.Add(term, new(big.Int).Mul(big.NewInt(c), pow))
				pow.Mul(pow, big.NewInt(k))
			}
			want.Add(want, term)
		}
		x, err := parser.Parse(src)
		require.NoError(t, err)
		assert.Equal(t, want.String(), solve.ClosedSums(t.Context(), x).String(), src)
	}
}

// ones is a given vector of n ones, as a problem file writes it.
func ones(n int) string { return "[" + strings.Repeat("1, ", n-1) + "1]" }

// TestLongSums: a sum too long to write out over a given vector is still
// worked out, as a float at the given values; the handout shows the sum,
// then its decimal, and the answer carries the value, with no exact one.
func TestLongSums(t *testing.T) {
	tests := []struct {
		name, src string
		boxed     string
		value     float64
		exact     string
	}{
		{"over a given vector", "problem \"P\" {\n    given x = " + ones(1001) + "\n    eval y = sum(x[i], i, 1, 1001)\n}\n",
			`\boxed{y = \sum_{i=1}^{1001} x_{i} \approx 1001.0000}`, 1001, ""},
		{"over a given size", "problem \"P\" {\n    given y = " + ones(1500) + ", N = 1500\n    eval m = sum(y[i]^2 / 3, i, 1, N) / N\n}\n",
			`\boxed{m = \frac{\sum_{i=1}^{1500} \frac{y_{i}^{2}}{3}}{1500} \approx 0.3333}`, 1.0 / 3, ""},
		{"closed, with a polynomial body", "problem \"P\" {\n    given N = 5000\n    eval s = sum(k, k, 1, N)\n}\n",
			`\boxed{s = 12502500}`, 12502500, "12502500"},
		{"a tiny exact value", "problem \"P\" {\n    given x = 1e-400\n    eval y = 3 x\n}\n",
			`\approx 0.0000}`, 0, "3/10^400"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := solveSource(t, "f.drv", tc.src)
			require.Len(t, d.Solutions, 1)
			s := d.Solutions[0]
			assert.Contains(t, s.Body, tc.boxed)
			a := s.Answer.Eval
			require.NotNil(t, a)
			if tc.exact == "" {
				assert.Nil(t, a.Exact, "a sum too long to write out is no exact value")
			} else {
				require.NotNil(t, a.Exact)
				assert.Equal(t, tc.exact, a.Exact.Plain)
			}
			if tc.value == 0 {
				assert.Nil(t, a.Value, "no float: the exact value is out of its range")
				return
			}
			require.NotNil(t, a.Value)
			assert.InDelta(t, tc.value, a.Value, 1e-12)
		})
	}
	t.Run("the rows", func(t *testing.T) {
		d := solveSource(t, "f.drv", "problem \"P\" {\n    given N = 5000\n    eval s = sum(k^2, k, 1, N)\n}\n")
		assert.Contains(t, d.Solutions[0].Body, "s &= \\sum_{k=1}^{N} k^{2} \\\\\n&= \\sum_{k=1}^{5000} k^{2} \\\\\n&= 41679167500\n")
	})
}

// TestLongSumErrors: a long sum whose float evaluation fails is an error
// at the eval statement, never an unevaluated answer.
func TestLongSumErrors(t *testing.T) {
	f, err := problem.Parse("f.drv", "problem \"P\" {\n    given x = "+ones(1200)+"\n    eval y = sum(log(x[i] - 1), i, 1, 1200)\n}\n")
	require.NoError(t, err)
	_, err = solve.File(t.Context(), f)
	require.Error(t, err)
	assert.Equal(t, "f.drv:3:10: log of non-positive number 0 (in log(x[i] - 1))", err.Error())
}
