package solve_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
)

// TestSourceMap: each line of a rendered handout that holds the author's
// text maps to the statement it came from.
func TestSourceMap(t *testing.T) {
	d := solveSource(t, "kinds.drv", readFile(t, "../testdata/kinds.drv"))
	tex, m := d.LaTeXWithMap(false)
	require.Equal(t, d.LaTeX(false), tex)
	lines := strings.Split(tex, "\n")
	find := func(prefix string) int {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line starts with %q", prefix)
		return 0
	}
	assert.Nil(t, m.Origin(1), "the preamble is derivtex's own")
	assert.Equal(t, "the handout's title or author", m.Origin(find(`\title{`)).What)
	assert.Equal(t, "the handout's title or author", m.Origin(find(`\maketitle`)).What)

	for _, s := range d.Solutions {
		p := s.Problem
		sec := find(`\section{` + p.Title + "}")
		o := m.Origin(sec)
		require.NotNil(t, o, p.Title)
		assert.Equal(t, p.Pos, o.Pos)
		assert.Contains(t, o.What, "the title of problem")
		if q := p.Statement("question"); q != nil {
			o := m.Origin(sec + 1)
			assert.Equal(t, q.ArgPos, o.Pos, p.Title)
			assert.Contains(t, o.What, "the question of problem")
		}
	}
	assert.Nil(t, m.Origin(len(lines)-1), `\end{document}`)
	assert.Nil(t, (*solve.SourceMap)(nil).Origin(3))
}

// lineOf returns the number of the first line of tex that starts with
// prefix.
func lineOf(t *testing.T, tex, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(tex, "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

// handcrafted is a one-problem document with the given question, built
// without the parser, whose checker would refuse what these tests need.
func handcrafted(question string) *solve.Document {
	pos := diag.Pos{File: "hand.drv", Line: 7, Col: 1}
	q := &problem.Statement{Key: "question", Pos: diag.Pos{File: "hand.drv", Line: 8, Col: 5},
		ArgPos: diag.Pos{File: "hand.drv", Line: 8, Col: 14}, Text: question}
	p := &problem.Problem{Pos: pos, Title: "Hand", Question: question, Kind: "simplify", Statements: []*problem.Statement{q}}
	return &solve.Document{
		File:      &problem.File{Name: "hand.drv", Options: map[string]string{}},
		Solutions: []*solve.Solution{{Problem: p, Kind: "simplify", Body: `\[ x \]`}},
	}
}

// TestPDFErrorsNameTheProblem: a LaTeX error and a time limit name the
// statement of the problem file whose text TeX was reading.
func TestPDFErrorsNameTheProblem(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	t.Run("error", func(t *testing.T) {
		t.Parallel()
		tex, m := handcrafted(`Fine, then \undefinedmacro.`).LaTeXWithMap(false)
		n := lineOf(t, tex, `\paragraph{Question.}`)
		err := solve.CompilePDF(tex, filepath.Join(t.TempDir(), "x.pdf"), solve.PDFOptions{Map: m})
		var le *solve.LaTeXError
		require.ErrorAs(t, err, &le)
		require.NotNil(t, le.Origin)
		assert.Equal(t, n, le.Line)
		assert.Equal(t, "hand.drv:8:14: LaTeX error in the question of problem \"Hand\": Undefined control sequence.\n"+
			fmt.Sprintf(`    l.%d \paragraph{Question.} Fine, then \undefinedmacro`, n), err.Error())
	})
	t.Run("time limit", func(t *testing.T) {
		t.Parallel()
		tex, m := handcrafted(`\loop\iftrue\repeat`).LaTeXWithMap(false)
		n := lineOf(t, tex, `\paragraph{Question.}`)
		err := solve.CompilePDF(tex, filepath.Join(t.TempDir(), "x.pdf"), solve.PDFOptions{Map: m, Timeout: 6 * time.Second}) // time for a loaded machine to reach the question
		var te *solve.TimeoutError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, "hand.drv:8:14: pdflatex did not finish within 6s; it was typesetting the question of problem \"Hand\"\n"+
			fmt.Sprintf(`    l.%d \paragraph{Question.} \loop\iftrue\repeat`, n), err.Error())
	})
}

// TestSourceMapLines: each line of a long text (a """ question, the
// preamble) maps to its own line of the problem file.
func TestSourceMapLines(t *testing.T) {
	d := solveSource(t, "lines.drv", `preamble """
    \newcommand{\sq}[1]{#1^{2}}
    \newcommand{\cube}[1]{#1^{3}}
    """

problem "Squares" {
    question """
        First,
          second, $\sq{w}$,
        third.
        """
    simplify x + x
}
`)
	tex, m := d.LaTeXWithMap(false)
	for prefix, want := range map[string]diag.Pos{
		`\newcommand{\sq}`:       {File: "lines.drv", Line: 2, Col: 5},
		`\newcommand{\cube}`:     {File: "lines.drv", Line: 3, Col: 5},
		`\paragraph{Question.} `: {File: "lines.drv", Line: 7, Col: 14},
		`  second`:               {File: "lines.drv", Line: 9, Col: 9},
		`third.`:                 {File: "lines.drv", Line: 10, Col: 9},
	} {
		o := m.Origin(lineOf(t, tex, prefix))
		require.NotNil(t, o, prefix)
		assert.Equal(t, want.Line, o.Pos.Line, prefix)
		assert.Equal(t, want.Col, o.Pos.Col, prefix)
	}
}
