package solve_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/problems"
	"github.com/derivtex/derivtex/solve"
)

// TestQuestionsGolden: the question sheet of a file, against its golden
// file, compiled, and with the solutions' sections in the same order and
// no solution in it.
func TestQuestionsGolden(t *testing.T) {
	for _, tc := range []struct{ name, src, golden string }{
		{problems.MidtermAName, problems.MidtermA, "midterm-a.questions.golden.tex"},
		{"kinds.drv", readFile(t, "../testdata/kinds.drv"), "kinds.questions.golden.tex"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := solveSource(t, tc.name, tc.src)
			tex, _ := d.QuestionsWithMap(false)
			golden(t, tc.golden, tex)

			section := regexp.MustCompile(`(?m)^\\section\{.*\}$`)
			assert.Equal(t, section.FindAllString(d.LaTeX(false), -1), section.FindAllString(tex, -1),
				"the question sheet numbers and titles its sections as the solutions do")
			assert.NotContains(t, tex, `\paragraph{Solution.}`)
			assert.NotContains(t, tex, `\boxed`)
			for _, s := range d.Solutions {
				if q := strings.TrimSpace(s.Problem.Question); q != "" {
					assert.Contains(t, tex, q)
				}
			}
			frag, _ := d.QuestionsWithMap(true)
			assert.NotContains(t, frag, `\begin{document}`)
			assert.Contains(t, tex, frag)

			requireTeX(t)
			require.NoError(t, solve.CompilePDF(tex, filepath.Join(t.TempDir(), "q.pdf"), solve.PDFOptions{}))
		})
	}
}

func TestQuestionText(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"the author's", "problem \"P\" {\n    question \"Find $f'$.\"\n    diff x^2\n    wrt x\n}\n", "Find $f'$."},
		{"a derivative", "problem \"P\" {\n    diff sin(w) x\n    wrt w, x\n}\n", `Differentiate $x \sin w$ with respect to $w$ and $x$.`},
		{"three variables", "problem \"P\" {\n    diff a b c\n    wrt a, b, c\n}\n", `Differentiate $a b c$ with respect to $a$, $b$ and $c$.`},
		{"a simplification", "problem \"P\" {\n    simplify log(exp(a))\n}\n", `Simplify $\log\mathopen{}\left(\exp\mathopen{}\left(a\right)\right)$.`},
		{"none for a value", "problem \"P\" {\n    given a = 2\n    eval a + 1\n}\n", ""},
		{"none with given values", "problem \"P\" {\n    given a = 2\n    diff a x^2\n    wrt x\n}\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := problem.Parse("p.drv", tc.src)
			require.NoError(t, err)
			assert.Equal(t, tc.want, solve.Question(f.Problems[0]))
		})
	}
}

func TestQuestionsTitle(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"Midterm A: solutions", "Midterm A"},
		{"Midterm A -- Solutions", "Midterm A"},
		{"Midterm A (solutions)", "Midterm A"},
		{"Solutions of the midterm", "Solutions of the midterm"},
		{"Midterm A", "Midterm A"},
		{"", "Questions"},
	} {
		src := "problem \"P\" {\n    simplify a\n}\n"
		if tc.title != "" {
			src = "title \"" + tc.title + "\"\n" + src
		}
		d := solveSource(t, "p.drv", src)
		tex, _ := d.QuestionsWithMap(false)
		assert.Contains(t, tex, `\title{`+tc.want+"}\n", tc.title)
	}
}
