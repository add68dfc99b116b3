package solve_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/problems"
	"github.com/derivtex/derivtex/solve"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func solveSource(t testing.TB, name, src string) *solve.Document {
	t.Helper()
	f, err := problem.Parse(name, src)
	require.NoError(t, err)
	d, err := solve.File(t.Context(), f)
	require.NoError(t, err)
	return d
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	assert.Equal(t, readFile(t, path), got, "golden %s (go test ./solve -update to refresh)", path)
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ name, src, golden string }{
		{problems.MidtermAName, problems.MidtermA, "midterm-a.golden.tex"},
		{"kinds.drv", readFile(t, "../testdata/kinds.drv"), "kinds.golden.tex"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := solveSource(t, tc.name, tc.src)
			tex := d.LaTeX(false)
			golden(t, tc.golden, tex)
			// Solving is deterministic, also when problems run in parallel.
			again := solveSource(t, tc.name, tc.src).LaTeX(false)
			require.Equal(t, tex, again)
		})
	}
}

func TestFragmentIsTheBody(t *testing.T) {
	d := solveSource(t, problems.MidtermAName, problems.MidtermA)
	frag := d.LaTeX(true)
	assert.NotContains(t, frag, `\documentclass`)
	assert.NotContains(t, frag, `\begin{document}`)
	assert.Contains(t, d.LaTeX(false), frag)
}

func TestAnswers(t *testing.T) {
	d := solveSource(t, "kinds.drv", readFile(t, "../testdata/kinds.drv"))
	byTitle := map[string]answer.Problem{}
	for _, s := range d.Solutions {
		byTitle[s.Problem.Title] = s.Answer
		assert.Equal(t, s.Problem.Title, s.Answer.Title)
		assert.Equal(t, s.Kind, s.Answer.Kind)
	}
	fwd := byTitle["Forward pass with numbers"].Eval
	require.NotNil(t, fwd)
	assert.Equal(t, "y", fwd.Name)
	assert.Equal(t, "2", fwd.Exact.Plain)
	require.NotNil(t, fwd.Value)
	assert.Equal(t, 2.0, *fwd.Value)

	exact := byTitle["An exact value and its decimal"].Eval
	assert.Equal(t, "pi - 1/4", exact.Exact.Plain)
	assert.InDelta(t, 2.8916, *exact.Value, 1e-4)

	gauss := byTitle["A Gaussian's mean and scale"].MLE
	require.NotNil(t, gauss)
	est := map[string]string{}
	for _, e := range gauss.Estimates {
		est[e.Param] = e.Plain
	}
	assert.Equal(t, "sum(y[i], i, 1, N)/N", est["mu"])
}

// TestCompiles typesets both golden documents with pdflatex. On CI (CI=true)
// a missing pdflatex is a failure: .ci/run installs it.
func TestCompiles(t *testing.T) {
	requireTeX(t)
	for _, tc := range []struct{ name, src string }{
		{problems.MidtermAName, problems.MidtermA},
		{"kinds.drv", readFile(t, "../testdata/kinds.drv")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := solveSource(t, tc.name, tc.src)
			pdf := filepath.Join(t.TempDir(), "out.pdf")
			require.NoError(t, solve.CompilePDF(d.LaTeX(false), pdf, solve.PDFOptions{}))
			st, err := os.Stat(pdf)
			require.NoError(t, err)
			assert.Greater(t, st.Size(), int64(1000))
		})
	}
}

func TestLaTeXErrorsNameTheLine(t *testing.T) {
	requireTeX(t)
	tex := "\\documentclass{article}\n\\begin{document}\nfine\n\\undefinedmacro\n\\end{document}\n"
	err := solve.CompilePDF(tex, filepath.Join(t.TempDir(), "x.pdf"), solve.PDFOptions{})
	var le *solve.LaTeXError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, 4, le.Line)
	assert.True(t, strings.HasPrefix(le.Msg, "Undefined control sequence"), le.Msg)
}

func BenchmarkSolveMidterm(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f, err := problem.Parse(problems.MidtermAName, problems.MidtermA)
		if err != nil {
			b.Fatal(err)
		}
		d, err := solve.File(b.Context(), f)
		if err != nil {
			b.Fatal(err)
		}
		_ = d.LaTeX(false)
	}
}
