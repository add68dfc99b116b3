package check

import (
	"context"
	"fmt"
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

	// \Rightarrow at a row's end leads to the next row.
	rep = checkLaTeX(t, `\begin{align*}
\frac{d}{dk}\left(a \log k - b k\right) &= \frac{a}{k} - b = 0 \quad \Rightarrow \\
\hat k &= \frac{b}{a}
\end{align*}`, Options{})
	require.Equal(t, 1, rep.FirstWrong, rep.Text())
	assert.Equal(t, 3, rep.Steps[1].Line)
	_, errs := SplitLaTeX("", `\begin{align*} x &= 0 \Rightarrow \end{align*}`)
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Msg, "nothing after")

	// = 0 ending a chain is the stationary condition, not a claim; alone,
	// or when it holds, it is a step.
	rep = checkPlain(t, "d/dw (w - c)^2\n= 2 (w - c)\n= 0\n", Options{})
	assert.Equal(t, equiv.Holds, rep.Verdict(), rep.Text())
	assert.Equal(t, []int{3}, rep.Equations)
	rep = checkPlain(t, "w - c\n= 0\n", Options{})
	assert.Equal(t, equiv.Fails, rep.Verdict())
	rep = checkPlain(t, "w\n= w - w + w\n= 0\n", Options{})
	assert.Equal(t, 1, rep.FirstWrong, rep.Text())
}

// TestNamedDefinitions: a head that names a function (L, L(w), f(x),
// \sigma(z), \mathcal{L}, NAME := ...) defines it: it is not compared with
// its definition, and later lines mean the definition where they write
// the name, bare or applied to the head's arguments.
func TestNamedDefinitions(t *testing.T) {
	rep := checkLaTeX(t, `\begin{align*}
J(a) &= \frac{1}{2}\sum_{i=1}^{N} (a u_i - v_i)^2 \\
\frac{\partial J}{\partial a} &= \sum_{i=1}^{N} (a u_i - v_i) u_i \\
J(a) &= \frac{1}{2}\sum_{i=1}^{N} (v_i - a u_i)^2
\end{align*}`, Options{})
	assert.Equal(t, []int{2}, rep.Definitions)
	assert.Equal(t, "J", rep.Defines[2])
	assert.Equal(t, equiv.Holds, rep.Verdict(), rep.Text())
	require.Len(t, rep.Steps, 2) // the second J(a) = ... is a claim about J

	// A slip in the derivative of a defined name is caught, with a hint.
	rep = checkLaTeX(t, `\begin{align*}
g(t) &= \log\left(1 + t^2\right) \\
\frac{dg}{dt} &= \frac{1}{1 + t^2}
\end{align*}`, Options{})
	require.Equal(t, 0, rep.FirstWrong, rep.Text())
	assert.Equal(t, KindChain, rep.Steps[0].Kind)

	// Plain: NAME(args) := ..., and the name used after it.
	rep = checkPlain(t, "Q(b) := (b - 2)^2 + b\n= b^2 - 3 b + 4\nd/db 2 b - 3\n= diff(Q, b)\n= diff(Q(b), b)\n", Options{})
	assert.Equal(t, equiv.Holds, rep.Verdict(), rep.Text())
	assert.Equal(t, "Q", rep.Defines[1])

	// Names that are variables are claims: x = 2, \lambda = N/S.
	rep = checkPlain(t, "x\n= 2\n", Options{})
	assert.Equal(t, equiv.Fails, rep.Verdict())
	rep = checkLaTeX(t, `\begin{align*} \lambda &= \frac{N}{S} \end{align*}`, Options{})
	assert.Equal(t, equiv.Fails, rep.Verdict())
	// A name its own definition uses is no definition.
	rep = checkPlain(t, "F\n= F + 1\n", Options{})
	assert.Equal(t, equiv.Fails, rep.Verdict())
	assert.Empty(t, rep.Defines)
	// Applied to other arguments, those are put in for the head's; a
	// call that does not fit the head is left as written (and here does
	// not read).
	rep = checkPlain(t, "f(x) := x^2\ng(t) := f(t + 1) - f(t)\n= 2 t + 1\n", Options{})
	assert.Equal(t, equiv.Holds, rep.Verdict(), rep.Text())
	rep = checkPlain(t, "f(x) := x^2\ng(t) := f(t + 1) - f(t)\n= 2 t\n", Options{})
	assert.Equal(t, equiv.Fails, rep.Verdict(), rep.Text())
	rep = checkLaTeX(t, `\begin{align*}
s(u, v) &:= u^2 v \\
\frac{\partial}{\partial a} s\left(a + 1, \frac{1}{a}\right) &= \frac{(a+1)(a-1)}{a^2}
\end{align*}`, Options{})
	assert.Equal(t, equiv.Holds, rep.Verdict(), rep.Text())
	lines, errs := SplitPlain("", "h(x) := x^2\n= x x\nh(y, z)\n")
	require.Empty(t, errs)
	rep, err := Check(context.Background(), lines, Options{})
	require.NoError(t, err)
	assert.Len(t, rep.Errors, 1)
}

// TestDefinitionsBounded: definitions of definitions that double at each
// level stop growing at maxExpanded; the check ends.
func TestDefinitionsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("F0 := x + 1\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "F%d := F%d F%d\n", i, i-1, i-1)
	}
	b.WriteString("F40\n= F40\n")
	lines, errs := SplitPlain("", b.String())
	require.Empty(t, errs)
	texts, heads := definitions(lines, parser.Plain)
	assert.Greater(t, len(heads), 10)
	for _, s := range texts {
		assert.LessOrEqual(t, len(s), maxExpanded)
	}
}

// TestNameAt: a defined name is found as a whole name only.
func TestNameAt(t *testing.T) {
	n, inner := call(` \left( f(x), \left(y\right) \right) + 1`)
	assert.Equal(t, ` f(x), \left(y\right) `, inner)
	assert.Equal(t, 36, n)
	n, _ = call(`(x`)
	assert.Equal(t, -1, n)
	for _, c := range []struct {
		s, name string
		latex   bool
		at      int
	}{
		{`\frac{dL}{dw}`, "L", true, 7},
		{`2L + \Lambda`, "L", true, 1},
		{`\Lambda + L_i + wL`, "L", true, -1},
		{`d\sigma + \sigmax`, `\sigma`, true, 1},
		{`\ell + \ella`, `\ell`, true, 0},
		{`NLL + LL(w)`, "LL", false, 6},
		{`xL + L2`, "L", false, -1},
		{`\sigma'(z) + \sigma(z)`, `\sigma`, true, 13},
	} {
		assert.Equal(t, c.at, nameAt(c.s, c.name, c.latex), "%s in %s", c.name, c.s)
	}
}
