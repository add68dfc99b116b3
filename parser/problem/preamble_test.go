package problem

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPreambleSetting(t *testing.T) {
	// The preamble may stand after the texts that use its macros, and the
	// title may use them too.
	f := mustParse(t, `title "Exam in $\R$"
problem "P" {
    question "For $\bm{w} \in \R^n$, $\norm{\bm{w}}$ and $\sgn(w_1)$."
    diff w^2
    wrt w
}
preamble """
    \usepackage{bm}
    \newcommand{\R}{\mathbb{R}}
    \newcommand{\norm}[1]{\left\lVert #1 \right\rVert}
    \DeclareMathOperator{\sgn}{sgn}
    """
`)
	assert.Equal(t, "\\usepackage{bm}\n\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\norm}[1]{\\left\\lVert #1 \\right\\rVert}\n\\DeclareMathOperator{\\sgn}{sgn}", f.Preamble)
	assert.Equal(t, 7, f.PreamblePos.Line)

	// A refused declaration is reported at its place in the file, once:
	// the macros declared without error still serve the texts.
	errs := parseErrors(t, "f.drv", `preamble """
    \newcommand{\R}{\mathbb{R}}
    \newcommand{\x}{\input{/etc/passwd}}
    """
problem "P" {
    question "$\R$"
    simplify a
}
`)
	assert.Equal(t, "f.drv:3:21: in the definition of \\x: \\input is not allowed in problem text: it reads a file; problem text cannot read files\n"+
		"    \\newcommand{\\x}{\\input{/etc/passwd}}\n"+
		"                    ^\n", errs.Report())

	errs = parseErrors(t, "f.drv", "preamble \"\\newcommand{\\R}{R}\"\npreamble \"\\newcommand{\\S}{S}\"\n")
	assert.Contains(t, errs.Report(), "f.drv:2:1: duplicate preamble; the first is at line 1")
}
