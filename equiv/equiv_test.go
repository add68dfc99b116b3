package equiv

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

func decide(t *testing.T, l, r string, rel Relation, params []string, assume string) *Result {
	t.Helper()
	lx, err := parser.Parse(l)
	require.NoError(t, err)
	rx, err := parser.Parse(r)
	require.NoError(t, err)
	var as *Assumptions
	if assume != "" {
		as, err = ParseAssumptions("", assume)
		require.NoError(t, err)
	}
	res, err := Decide(context.Background(), Problem{Left: lx, Right: rx, Relation: rel, Params: params, Assume: as})
	require.NoError(t, err)
	return res
}

func TestDecide(t *testing.T) {
	tests := []struct {
		l, r   string
		rel    Relation
		params []string
		assume string
		want   Verdict
		conds  []string
		reason string
	}{
		{"(x + 1)^2", "x^2 + 2 x + 1", Equal, nil, "", Holds, nil, ""},
		{"(x + 1)^2", "x^2 + x + 1", Equal, nil, "", Fails, nil, ""},
		{"(x^2 - 1)/(x - 1)", "x + 1", Equal, nil, "", Holds, nil, ""},
		{"1/(x - 1) - 1/(x + 1)", "2/(x^2 - 1)", Equal, nil, "", Holds, nil, ""},
		{"x y^3 - y x^3", "x y (y - x)(y + x)", Equal, nil, "", Holds, nil, ""},
		{"log(a b)", "log(a) + log(b)", Equal, nil, "", HoldsUnder, []string{"a > 0", "b > 0"}, ""},
		{"log(a b)", "log(a) + log(b)", Equal, nil, "a > 0, b > 0", Holds, nil, ""},
		{"log(x^2)", "2 log(x)", Equal, nil, "", HoldsUnder, []string{"x > 0"}, ""},
		{"log(a + b)", "log(a) + log(b)", Equal, nil, "", Fails, nil, ""},
		{"-sum(log(x[i] w exp(-x[i] w y[i])), i, 1, N)", "-sum(log(x[i]) + log(w) - x[i] w y[i], i, 1, N)", Equal, nil, "", HoldsUnder, []string{"w > 0", "x[i] > 0"}, ""},
		{"sqrt(x^2)", "x", Equal, nil, "", HoldsUnder, []string{"x > 0"}, ""},
		{"sqrt(x^2)", "x", Equal, nil, "x > 0", Holds, nil, ""},
		{"sigmoid(x) (1 - sigmoid(x))", "exp(-x)/(1 + exp(-x))^2", Equal, nil, "", Holds, nil, ""},
		{"tanh(x)", "2 sigmoid(2 x) - 1", Equal, nil, "", Holds, nil, ""},
		{"sum(c + x[i], i, 1, N)", "N c + sum(x[i], i, 1, N)", Equal, nil, "", Holds, nil, ""},
		{"sum(c + x[i], i, 1, N)", "c + sum(x[i], i, 1, N)", Equal, nil, "", Fails, nil, ""},
		{"sum(log(w x[i]) - w x[i] y[i], i, 1, N)", "N log(w) + sum(log(x[i]), i, 1, N) - w sum(x[i] y[i], i, 1, N)", Equal, nil, "w > 0, x[i] > 0", Holds, nil, ""},
		{"w S - N log(w)", "(w S - N log(w))/N + 7", SameArgmin, []string{"w"}, "w > 0", Holds, nil, ""},
		{"w S - N log(w)", "-(w S - N log(w))/N + 7", SameArgmin, []string{"w"}, "w > 0", Fails, nil, ""},
		{"w S - N log(w)", "w S - log(w)", SameArgmin, []string{"w"}, "w > 0", Fails, nil, ""},
		{"-sum(log(w x[i]) - w x[i] y[i], i, 1, N)", "w sum(x[i] y[i], i, 1, N) - N log(w)", UpToConstant, []string{"w"}, "w > 0, x[i] > 0", Holds, nil, ""},
		{"-sum(log(w x[i]) - w x[i] y[i], i, 1, N)", "w sum(x[i] y[i], i, 1, N) - log(w)", UpToConstant, []string{"w"}, "w > 0, x[i] > 0", Fails, nil, ""},
		{"exp(-(y - w x)^2/(2 s^2))/sqrt(2 pi s^2)", "exp(-(y - w x)^2/(2 s^2))", UpToFactor, []string{"w"}, "s > 0", Holds, nil, ""},
		{"diff(w S - N log(w), w)", "S - N/w", Equal, nil, "", Holds, nil, ""},
		{"x + 1", "x + 1 + 1e-30", Equal, nil, "", Fails, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.l+" ~ "+tc.r, func(t *testing.T) {
			res := decide(t, tc.l, tc.r, tc.rel, tc.params, tc.assume)
			assert.Equal(t, tc.want.String(), res.Verdict.String(), res.Reason)
			if tc.conds != nil {
				assert.Equal(t, tc.conds, res.Conditions, res.Reason)
			}
			if tc.want == Fails {
				require.NotNil(t, res.Counterexample)
				assert.NotEqual(t, res.Counterexample.Left, res.Counterexample.Right)
			}
			assert.NotEmpty(t, res.Reason)
		})
	}
}

// TestSchwartzZippel: rational functions are decided exactly, and the
// reason states the bound.
func TestSchwartzZippel(t *testing.T) {
	res := decide(t, "(a + b)^3", "a^3 + 3 a^2 b + 3 a b^2 + b^3", Equal, nil, "")
	assert.Equal(t, Holds, res.Verdict)
	assert.Contains(t, res.Reason, "Schwartz-Zippel")
	res = decide(t, "(a + b)^3", "a^3 + 3 a^2 b + 3 a b^2 + b^3 + a b/1000000", Equal, nil, "")
	assert.Equal(t, Fails, res.Verdict)
	assert.Contains(t, res.Reason, "exact evaluation")
	// Shown at small numbers a reader can check, with exact values.
	assert.Equal(t, "at a = 1, b = 3: 64 vs 64000003/1000000", res.Counterexample.String())
}

func TestAssumptionErrors(t *testing.T) {
	for _, src := range []string{"w >", "w", "w > 0,, x > 0", "w > (0"} {
		_, err := ParseAssumptions("", src)
		require.Error(t, err, src)
		assert.Regexp(t, `^1:\d+: `, err.Error())
	}
}

// TestWithout: an assumption about a variable a check has put an
// expression in for is dropped; the others stay.
func TestWithout(t *testing.T) {
	as, err := ParseAssumptions("", "p > 0, p < 1, k > 0")
	require.NoError(t, err)
	w := as.Without(expr.Sym("p"))
	require.Len(t, w.List, 1)
	assert.Equal(t, "k > 0", w.List[0].Src)
	assert.Nil(t, (*Assumptions)(nil).Without(expr.Sym("p")))
	l, err := parser.Parse("1/k + 1")
	require.NoError(t, err)
	res, err := Decide(context.Background(), Problem{Left: l, Right: expr.Zero, Assume: w})
	require.NoError(t, err)
	assert.Equal(t, Fails, res.Verdict)
}
