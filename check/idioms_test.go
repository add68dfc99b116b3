package check

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/equiv"
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
