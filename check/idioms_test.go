package check

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/equiv"
	"github.com/derivtex/derivtex/parser"
)

// TestPowerHint: a power differentiated with its exponent not lowered, or
// not brought down, is named as a power-rule slip wherever the power
// sits; other slips keep their own names.
func TestPowerHint(t *testing.T) {
	for _, c := range []struct{ src, kind string }{
		{"t^4 + t\nd/dt 4 t^4 + 1\n", KindPower},
		{"d/dx 3 (2 x + 1)^5\n= 3 (2 x + 1)^4 * 2\n", KindPower},
		{"a/z^2\nd/dz -2 a z^(-2)\n", KindPower},
		{"d/dx sin(x^2)\n= cos(x^2)\n", KindChain},
		{"d/dx x^3\n= 3 x^2 + 1\n", ""},
	} {
		rep := checkPlain(t, c.src, Options{})
		require.Equal(t, 0, rep.FirstWrong, c.src)
		assert.Equal(t, c.kind, rep.Steps[0].Kind, "%s: %s", c.src, rep.Steps[0].Hint)
	}
	rep := checkPlain(t, "d/dx x^(5/2)\n= (5/2) x^(3/2)\n", Options{})
	assert.Equal(t, equiv.Holds, rep.Verdict())
}

// TestNoParamsHint: a =c step that fails only because no parameter is
// named says which --wrt makes it hold; one wrong whatever the
// parameters keeps its slip's hint.
func TestNoParamsHint(t *testing.T) {
	rep := checkPlain(t, "exp(a) + (b - 3)^2\n=c (b - 3)^2\n", Options{})
	require.Equal(t, 0, rep.FirstWrong)
	assert.Equal(t, KindNoParams, rep.Steps[0].Kind)
	assert.Contains(t, rep.Steps[0].Hint, "--wrt b")
	assert.NotContains(t, rep.Steps[0].Hint, "--wrt a")

	rep = checkPlain(t, "exp(a) + (b - 3)^2\n=c (b - 3)^2\n", Options{Wrt: []string{"b"}})
	assert.Equal(t, -1, rep.FirstWrong)

	rep = checkPlain(t, "a b + b^2\n=c b^3\n", Options{})
	assert.NotEqual(t, KindNoParams, rep.Steps[0].Kind)
}

// TestCut: a derivation longer than MaxLines is checked up to the cut and
// is not called equal.
func TestCut(t *testing.T) {
	src := "x\n" + strings.Repeat("= x\n", MaxLines+3)
	lines, errs := SplitPlain("d.txt", src)
	require.Len(t, errs, 1)
	rep, err := Check(context.Background(), lines, Options{})
	require.NoError(t, err)
	rep.Errors = append(errs, rep.Errors...)
	assert.Equal(t, equiv.Undecided, rep.Verdict())
	assert.Contains(t, rep.Text(), "cut at line 2001")

	var b strings.Builder
	b.WriteString(`\begin{align*} x`)
	for i := 0; i < MaxLines+3; i++ {
		b.WriteString("\n&= x \\\\")
	}
	b.WriteString("\n\\end{align*}\n")
	lines, errs = SplitLaTeX("d.tex", b.String())
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrCut)
	assert.Len(t, lines, MaxLines)
}

func checkLaTeX(t *testing.T, src string, opt Options) *Report {
	t.Helper()
	lines, errs := SplitLaTeX("", src)
	require.Empty(t, errs)
	opt.Syntax = parser.LaTeX
	rep, err := Check(context.Background(), lines, opt)
	require.NoError(t, err)
	return rep
}

// TestSolution: a line set to zero and the solution after an implication
// (=>, \Rightarrow, \implies, \iff) is checked by substituting it; a wrong
// one fails at its line with the engine's solution; the step before the
// = 0 is checked as usual.
func TestSolution(t *testing.T) {
	rep := checkPlain(t, "d/dmu -(x - mu)^2/2 - (mu - m)^2/2\n= x - mu - mu + m\n= 0\n=> mu = (x + m)/2\n", Options{})
	assert.Equal(t, equiv.Holds, rep.Verdict(), rep.Text())
	assert.Equal(t, []int{3}, rep.Equations)
	require.Len(t, rep.Steps, 2)
	assert.Equal(t, Implies, rep.Steps[1].Rel.Kind)

	rep = checkPlain(t, "d/dmu -(x - mu)^2/2 - (mu - m)^2/2\n= x - mu - mu + m\n= 0\n=> mu = (x + m)\n", Options{})
	require.Equal(t, 1, rep.FirstWrong, rep.Text())
	assert.Equal(t, 4, rep.Steps[1].Line)
	assert.Equal(t, KindSolution, rep.Steps[1].Kind)
	assert.Equal(t, "m/2 + x/2", rep.Steps[1].Expected)

	// The slip before = 0 is still the step's.
	rep = checkPlain(t, "d/dmu -(x - mu)^2/2\n= mu - x\n= 0\n=> mu = x\n", Options{})
	assert.Equal(t, 0, rep.FirstWrong, rep.Text())

	for _, sign := range []string{`\Rightarrow`, `\implies`, `\iff`, `\quad\Longrightarrow\quad`} {
		src := `\begin{align*}
\frac{d}{dk}\left(a \log k - b k^2\right) &= \frac{a}{k} - 2 b k = 0 \\
` + sign + ` \hat{k}^2 &= \frac{a}{2b}
\end{align*}`
		rep = checkLaTeX(t, src, Options{})
		assert.Equal(t, -1, rep.FirstWrong, "%s: %s", sign, rep.Text())
		assert.NotEqual(t, equiv.Undecided, rep.Verdict(), rep.Text())
	}
	// An equation written as a chain's first step, solved and solved again.
	rep = checkLaTeX(t, `\begin{align*}
\frac{c}{r} &= 3 \\
\Rightarrow c &= 3 r \\
\Rightarrow r &= \frac{c}{2}
\end{align*}`, Options{})
	require.Equal(t, 1, rep.FirstWrong, rep.Text())
	assert.Equal(t, 4, rep.Steps[1].Line)
	assert.Contains(t, rep.Steps[1].Hint, "line 3")

	rep = checkPlain(t, "x + 1\n=> y = 2\n", Options{})
	assert.Equal(t, equiv.Undecided, rep.Verdict())
}
