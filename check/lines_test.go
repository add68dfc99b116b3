package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitPlain(t *testing.T) {
	src := "# a comment\nx^2 - 1\n\n= (x - 1)(x + 1)\n  argmin_{w,b} w^2\nd/dw 2 w\npropto  3 w\n=c w + 1\nx + 1\n"
	lines, errs := SplitPlain("f.txt", src)
	require.Empty(t, errs)
	require.Len(t, lines, 7)
	assert.Equal(t, Start, lines[0].Rel.Kind)
	assert.Equal(t, "x^2 - 1", lines[0].Text)
	assert.Equal(t, 2, lines[0].Pos.Line)
	assert.Equal(t, Equal, lines[1].Rel.Kind)
	assert.Equal(t, "(x - 1)(x + 1)", lines[1].Text)
	assert.Equal(t, "f.txt:4:3", lines[1].Pos.String())
	assert.Equal(t, SameArgmin, lines[2].Rel.Kind)
	assert.Equal(t, []string{"w", "b"}, lines[2].Rel.Params)
	assert.Equal(t, 16, lines[2].Pos.Col, "after the two spaces and the sign")
	assert.Equal(t, Derivative, lines[3].Rel.Kind)
	assert.Equal(t, "w", lines[3].Rel.Wrt)
	assert.Equal(t, UpToFactor, lines[4].Rel.Kind)
	assert.Equal(t, "3 w", lines[4].Text)
	assert.Equal(t, UpToConstant, lines[5].Rel.Kind)
	assert.Equal(t, Equal, lines[6].Rel.Kind, "a bare line is an equality")
}

func TestSplitPlainUnknownSign(t *testing.T) {
	lines, errs := SplitPlain("", "x\n<= x + 1\n= x\n")
	require.Len(t, errs, 1)
	assert.Equal(t, "2:1: unknown relation sign \"<=\" (want =, =c, propto, argmin or d/dVAR)", errs[0].Error())
	require.Len(t, lines, 3, "the rest is still read")
}

func TestSplitLaTeX(t *testing.T) {
	src := `Some text.
\begin{align*}
  L(w) &= -\sum_{i=1}^{N} \log p(y_i) \label{eq:nll} \\
       &= a + b && \text{by the rule} \\
       &\quad + c \\[2pt]
       &\propto d, \\
       &\stackrel{\arg\min_{w,b}}{=} e % a comment
       \\ &\stackrel{c}{=} f \nonumber \\
  g &= h = k.
\end{align*}`
	lines, errs := SplitLaTeX("d.tex", src)
	require.Empty(t, errs)
	var texts []string
	var kinds []RelKind
	for _, l := range lines {
		texts = append(texts, l.Text)
		kinds = append(kinds, l.Rel.Kind)
	}
	require.Len(t, lines, 9, "%q", texts)
	assert.Equal(t, "L(w)", lines[0].Text)
	assert.Equal(t, "d.tex:3:3", lines[0].Pos.String())
	assert.Contains(t, lines[1].Text, `-\sum_{i=1}^{N} \log p(y_i)`)
	assert.NotContains(t, lines[1].Text, "label")
	assert.Contains(t, lines[2].Text, "a + b")
	assert.Contains(t, lines[2].Text, "+ c", "a row without a relation continues the line before")
	assert.NotContains(t, lines[2].Text, "rule")
	assert.Equal(t, "d", lines[3].Text)
	assert.Equal(t, "e", lines[4].Text)
	assert.Equal(t, []string{"w", "b"}, lines[4].Rel.Params)
	assert.Equal(t, "f", lines[5].Text)
	assert.Equal(t, []RelKind{Start, Equal, Equal, UpToFactor, SameArgmin, UpToConstant, Start, Equal, Equal}, kinds)
	assert.Equal(t, "k", lines[8].Text)
	assert.Equal(t, 9, lines[8].Pos.Line)
}

func TestSplitLaTeXBare(t *testing.T) {
	lines, errs := SplitLaTeX("", `$$\frac{d}{dx} x^2 = 2x$$`)
	require.Empty(t, errs)
	require.Len(t, lines, 2)
	assert.Equal(t, `\frac{d}{dx} x^2`, lines[0].Text)
	assert.Equal(t, "2x", lines[1].Text)
	assert.Equal(t, "1:22", lines[1].Pos.String())
}

func TestSplitLaTeXUnknown(t *testing.T) {
	src := "\\begin{aligned}\n a &\\approx b \\\\\n &\\stackrel{\\star}{=} c \\\\\n &\\leq d \\\\\n &\\left( e \\right)\n\\end{aligned}"
	_, errs := SplitLaTeX("", src)
	require.Len(t, errs, 3)
	assert.Equal(t, `2:5: unknown relation sign \approx (want =, \propto, \stackrel{c}{=} or \stackrel{\arg\min_w}{=})`, errs[0].Error())
	assert.Contains(t, errs[1].Error(), `3:3: unknown relation \stackrel{\star}{=}`)
	assert.Contains(t, errs[2].Error(), `4:3: unknown relation sign \leq`)
	assert.NotEmpty(t, errs[0].Snippet())
}

// TestSplitLaTeXErrorCap: a broken input reports its first errors and
// says more follow, rather than one per row.
func TestSplitLaTeXErrorCap(t *testing.T) {
	src := "\\begin{align*} a " + strings.Repeat("&\\approx b \\\\ ", 100) + "\\end{align*}"
	_, errs := SplitLaTeX("", src)
	require.Len(t, errs, maxErrors+1)
	assert.Contains(t, errs[maxErrors].Error(), "more errors follow")
}
