package derive_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
)

// textbook is the corpus the substitution is measured on: the
// derivatives of a course's activations and losses.
var textbook = []struct{ name, src, wrt string }{
	{"sigmoid", "1/(1 + exp(-x))", "x"},
	{"sigmoid of an affine map", "1/(1 + exp(-(w x + b)))", "w"},
	{"softplus", "log(1 + exp(x))", "x"},
	{"softplus of an affine map", "log(1 + exp(w x + b))", "w"},
	{"tanh by the quotient rule", "(exp(x) - exp(-x))/(exp(x) + exp(-x))", "x"},
	{"tanh of an affine map", "(exp(w x + b) - exp(-(w x + b)))/(exp(w x + b) + exp(-(w x + b)))", "w"},
	{"logistic loss", "-(y log(1/(1 + exp(-(w x + b)))) + (1 - y) log(1 - 1/(1 + exp(-(w x + b)))))", "w"},
	{"Gaussian NLL in mu", "log(2 pi s)/2 + (y - mu)^2/(2 s)", "mu"},
	{"Gaussian NLL in s", "log(2 pi s)/2 + (y - mu)^2/(2 s)", "s"},
	{"log-sum-exp", "log(exp(a) + exp(b) + exp(x))", "x"},
	{"log-sum-exp of an affine map", "log(exp(a) + exp(w x + b))", "w"},
}

// TestSubstitution: written through an inner function, a derivation
// still ends at the answer and applies one kind of rule per line; auto
// takes it only when it is shorter, and it is for the long compound
// derivatives (the logistic loss). The figures are logged (go test -v).
func TestSubstitution(t *testing.T) {
	m := budget.From(t.Context())
	totalDirect, totalAuto := 0, 0
	for _, tc := range textbook {
		f, err := parser.Parse(tc.src)
		require.NoError(t, err)
		d, err := derive.Steps(t.Context(), f, expr.Sym(tc.wrt))
		require.NoError(t, err)
		direct, err := d.Lines(t.Context())
		require.NoError(t, err)
		on, sub, err := d.Presented(t.Context(), derive.SubstOn)
		require.NoError(t, err)
		auto, _, err := d.Presented(t.Context(), derive.SubstAuto)
		require.NoError(t, err)
		for _, ls := range [][]derive.Line{on, auto} {
			assert.Same(t, d.Result, ls[len(ls)-1].State, tc.name)
		}
		if sub != nil {
			for i, l := range on {
				kinds := map[string]bool{}
				for _, s := range l.Steps {
					if s.Rule != simplify.RuleCancel {
						kinds[derive.RuleKind(s)] = true
					}
				}
				assert.LessOrEqual(t, len(kinds), 1, "%s, line %d: %v", tc.name, i+1, expr.Titles(l.Steps))
			}
		}
		sd, so, sa := derive.Size(direct, m), derive.Size(on, m), derive.Size(auto, m)
		assert.LessOrEqual(t, sa, sd, tc.name)
		totalDirect += sd
		totalAuto += sa
		inner := "none"
		if sub != nil {
			inner = sub.Name.Name() + " = " + sub.Inner.String()
		}
		t.Logf("%-30s direct %2d lines %5d | through %-22s %2d lines %5d | auto %2d lines %5d",
			tc.name, len(direct), sd, inner, len(on), so, len(auto), sa)
	}
	t.Logf("corpus: direct %d, auto %d", totalDirect, totalAuto)
	f, _ := parser.Parse(textbook[6].src)
	d, _ := derive.Steps(t.Context(), f, expr.Sym("w"))
	_, sub, err := d.Presented(t.Context(), derive.SubstAuto)
	require.NoError(t, err)
	require.NotNil(t, sub, "the logistic loss is written through its inner function")
}

// minusOne matches a coefficient -1 or a product of numbers written out
// (-1*log(x), -1 \log x, (-1/4)*2): a line never shows arithmetic left
// undone. A -1 that is a function's argument, exp(-1), is not one.
var minusOne = regexp.MustCompile(`(^|[^0-9./(])-1(\*| \\[a-z]| [a-z(])|[^}]\\left\(-1\\right\) *[\\a-z(]|\(-1/[0-9]+\)\*?[0-9]|\\left\(-\\frac\{1\}\{[0-9]+\}\\right\) [0-9]`)

// TestNoMinusOneCoefficient: no line of a derivation, written either
// way, prints a coefficient -1, in plain syntax or in LaTeX.
func TestNoMinusOneCoefficient(t *testing.T) {
	g := exprtest.New(5)
	for range 2000 {
		f := g.Expr(4)
		d, err := derive.Steps(t.Context(), f, x)
		if err != nil {
			continue
		}
		for _, mode := range []derive.SubstMode{derive.SubstOff, derive.SubstOn} {
			lines, _, err := d.Presented(t.Context(), mode)
			require.NoError(t, err)
			for i, l := range lines {
				p, tx := l.State.String(), latex.Expr(l.State)
				if minusOne.MatchString(p) || minusOne.MatchString(tx) {
					t.Errorf("d/dx %s, line %d: %s | %s", f, i+1, p, tx)
				}
			}
		}
	}
	require.True(t, minusOne.MatchString("-1*log(x)") && minusOne.MatchString(`-1 \log x`) && minusOne.MatchString("(-1/4)*2"))
	require.False(t, minusOne.MatchString(`\exp\mathopen{}\left(-1\right) \left(w + x\right)`))
}

// TestTanhOfAnAffineMap: the quotient rule's answer for tanh written by
// exponentials of w x + b comes out in the textbook form, as it does for
// tanh of x, although the common factor x hides the form until it is
// taken out.
func TestTanhOfAnAffineMap(t *testing.T) {
	f, err := parser.Parse(textbook[5].src)
	require.NoError(t, err)
	d, err := derive.Steps(t.Context(), f, expr.Sym("w"))
	require.NoError(t, err)
	assert.Equal(t, "x*(1 - tanh(w*x + b)^2)", d.Result.String())
	lines, sub, err := d.Presented(t.Context(), derive.SubstAuto)
	require.NoError(t, err)
	require.NotNil(t, sub, "written through z = w x + b, it is shorter")
	assert.Equal(t, "w*x + b", sub.Inner.String())
	assert.Same(t, d.Result, lines[len(lines)-1].State)
}
