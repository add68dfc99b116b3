package mle_test

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
)

// minusOne matches a coefficient -1 written out: -1*log(x), -1 \log x,
// \left(-1\right) \log x.
var minusOne = regexp.MustCompile(`(^|[^0-9./])-1(\*| \\[a-z]| [a-z(])|\\left\(-1\\right\) *[\\a-z(]`)

// TestNLLLinesReadAsWritten: the negative log-likelihood's lines, as
// printed, never write a coefficient -1; from the linearity step on, no
// sum has a negated summand (-sum(-lambda) is sum(lambda)); and the
// constants under a logarithm stay in one log, log(2 pi) rather than
// log 2 + log pi.
func TestNLLLinesReadAsWritten(t *testing.T) {
	for _, d := range densities {
		body, err := parser.Parse(d.src)
		require.NoError(t, err, d.name)
		m, err := mle.NewModel(body, d.params, "y", slices.Sorted(maps.Keys(d.known))...)
		require.NoError(t, err, d.name)
		res, err := mle.Derive(t.Context(), m)
		require.NoError(t, err, d.name)
		start := expr.Neg(expr.Log(res.Likelihood))
		states := expr.Replay(start, res.NLLSteps)
		linear := false
		for i, st := range states {
			s := res.NLLSteps[i]
			plain, tex := st.String(), latex.Expr(st)
			if minusOne.MatchString(plain) || minusOne.MatchString(tex) {
				t.Errorf("%s, line %d (%s) writes a coefficient -1: %s | %s", d.name, i+1, s.Justification(), plain, tex)
			}
			linear = linear || s.Rule == simplify.SumLinearity.Rule
			expr.Inspect(st, func(x expr.Expr) bool {
				if b, ok := x.(*expr.BigOp); ok && linear && b.Op() == expr.Sum && b.Body().Kind() != expr.KindAdd && expr.CouldExtractMinus(b.Body()) {
					t.Errorf("%s, line %d (%s) sums a negated term: %s", d.name, i+1, s.Justification(), plain)
				}
				return true
			})
		}
		// The constants of the density are one log each.
		logs := map[expr.Expr]bool{}
		expr.Inspect(res.NLL, func(x expr.Expr) bool {
			if c, ok := x.(*expr.CallExpr); ok && c.Func() == expr.FnLog && len(expr.FreeSymbols(c)) == 0 {
				logs[c] = true
			}
			return true
		})
		if logs[expr.Log(expr.Pi)] && logs[expr.Log(expr.Int(2))] {
			t.Errorf("%s: log 2 and log pi split apart in %s", d.name, res.NLL)
		}
	}
}

// TestConstantLogsStayWhole: a log free of the parameters is not split,
// since that separates nothing (log(2 pi s^2) with s known is one term
// the objective drops); one with a parameter splits off the parameter's
// factor (log(2 pi s) = log(2 pi) + log s with s estimated).
func TestConstantLogsStayWhole(t *testing.T) {
	for _, tc := range []struct {
		src, params, consts string
		nll                 string
	}{
		{"exp(-(y - w x)^2/(2 s^2))/sqrt(2 pi s^2)", "w", "s", "N*log(2*pi*s^2)/2 + sum((y[i] - w*x[i])^2, i, 1, N)/(2*s^2)"},
		{"exp(-(y - mu)^2/(2 s))/sqrt(2 pi s)", "mu,s", "", "N*log(s)/2 + N*log(2*pi)/2 + sum((y[i] - mu)^2, i, 1, N)/(2*s)"},
	} {
		body, err := parser.Parse(tc.src)
		require.NoError(t, err)
		var consts []string
		if tc.consts != "" {
			consts = strings.Split(tc.consts, ",")
		}
		m, err := mle.NewModel(body, strings.Split(tc.params, ","), "y", consts...)
		require.NoError(t, err)
		res, err := mle.Derive(t.Context(), m)
		require.NoError(t, err)
		require.Equal(t, tc.nll, res.NLL.String(), tc.src)
	}
}
