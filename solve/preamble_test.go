package solve_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/solve"
)

// TestPreambleCompiles: the macros and packages of a preamble reach the
// handout's preamble, the texts using them compile, and a fragment says
// what it needs.
func TestPreambleCompiles(t *testing.T) {
	src := `title "Macros in $\R$"
preamble """
    \usepackage{bm}
    \newcommand{\R}{\mathbb{R}}
    \newcommand{\norm}[1]{\left\lVert #1 \right\rVert}
    \DeclareMathOperator{\sgn}{sgn}
    \DeclareMathOperator*{\argmax}{arg\,max}
    """
problem "P" {
    question "For $\bm{w} \in \R^n$, differentiate $\norm{\bm{w}}^2 + \sgn(w_1)$; what is $\argmax_{w} f$?"
    note "See \textbf{$\R$}."
    diff w^2
    wrt w
}
`
	d := solveSource(t, "p.drv", src)
	tex := d.LaTeX(false)
	assert.Contains(t, tex, "\\usepackage{bm}\n\\newcommand{\\R}{\\mathbb{R}}\n")
	frag := d.LaTeX(true)
	assert.Contains(t, frag, "% \\DeclareMathOperator{\\sgn}{sgn}\n")
	requireTeX(t)
	require.NoError(t, solve.CompilePDF(tex, filepath.Join(t.TempDir(), "p.pdf"), solve.PDFOptions{}))
	q, _ := d.QuestionsWithMap(false)
	require.NoError(t, solve.CompilePDF(q, filepath.Join(t.TempDir(), "q.pdf"), solve.PDFOptions{}))
}
