package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
)

var twentyArgs = []string{"check", "testdata/check/twenty.txt", "--assume", "w > 0, x[i] > 0, y[i] > 0", "--wrt", "w"}

func TestCheck(t *testing.T) {
	r := runCLI(t, "", twentyArgs...)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "line 13 (=, from line 12): not equal\n")
	assert.Contains(t, r.stdout, "hint: sign error: the term 1/w of this line has the wrong sign\n")
	assert.Contains(t, r.stdout, "derivation: not equal; first wrong step at line 13\n")
	assert.Equal(t, 18, strings.Count(r.stdout, ": equal\n"))

	// From stdin, a correct one.
	r = runCLI(t, "log(a b)\n= log(a) + log(b)\n", "check")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "line 2 (=, from line 1): equal under conditions where a > 0, b > 0\nderivation: equal under conditions\n", r.stdout)
}

func TestCheckJSON(t *testing.T) {
	r := runCLI(t, "", append(twentyArgs, "--json")...)
	require.Equal(t, 0, r.status, r.stderr)
	var a answer.Check
	decodeStrict(t, r.stdout, &a)
	assert.Equal(t, "not equal", a.Verdict)
	require.NotNil(t, a.FirstWrong)
	assert.Equal(t, 13, *a.FirstWrong)
	require.Len(t, a.Steps, 19)
	s := a.Steps[9]
	assert.Equal(t, 13, s.Line)
	assert.Equal(t, 12, s.FromLine)
	assert.Equal(t, "sign", s.HintKind)
	require.NotNil(t, s.Counterexample)
	assert.NotEqual(t, s.Counterexample.From, s.Counterexample.To)
	assert.Equal(t, "d/dw", a.Steps[4].Relation)
	assert.Equal(t, "argmin", a.Steps[2].Relation)
}

// TestCheckAgainst: the final-answer modes.
func TestCheckAgainst(t *testing.T) {
	r := runCLI(t, "", "check", "--against", "N/sum(x[i] y[i], i, 1, N)", "1/(sum(x[i] y[i], i, 1, N)/N)")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "answer (=): equal\n")
	r = runCLI(t, "", "check", "--against", "N/sum(x[i] y[i], i, 1, N)", "1/sum(x[i] y[i], i, 1, N)")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "not equal")

	dir := t.TempDir()
	drv := filepath.Join(dir, "p.drv")
	require.NoError(t, os.WriteFile(drv, []byte(`problem "D" {
    diff x^2 sin(x)
    wrt x
}
problem "M" {
    mle p(y | x; w) = x w exp(-x w y)
}
`), 0o644))
	r = runCLI(t, "", "check", "--problem", drv+"#1", "2 x sin(x) + x^2 cos(x)")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "answer (=): equal\n")
	r = runCLI(t, "", "check", "--problem", drv+"#1", "2 x cos(x)")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "not equal")
	// An MLE problem: the objective up to scale and constant, or the
	// estimate.
	r = runCLI(t, "", "check", "--problem", drv+"#2", "w sum(x[i] y[i], i, 1, N)/N - log(w)", "--assume", "w > 0, x[i] > 0, y[i] > 0")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "answer (argmin over w): equal\n", r.stdout)
	r = runCLI(t, "", "check", "--problem", drv+"#2", "w sum(x[i] y[i], i, 1, N) - log(w)", "--assume", "w > 0, x[i] > 0, y[i] > 0")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "answer (argmin over w): not equal\n")
	r = runCLI(t, "", "check", "--problem", drv+"#2", "N/sum(x[i] y[i], i, 1, N)", "--assume", "x[i] > 0, y[i] > 0")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "answer (=): equal\n", r.stdout)
	r = runCLI(t, "", "check", "--problem", drv+"#3", "x")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "has 2 problems")
}

// TestCheckBadInput: every mistake exits 2 with its place, never a panic;
// the lines that read are still checked.
func TestCheckBadInput(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	require.NoError(t, os.WriteFile(huge, []byte(strings.Repeat("x + 1\n", 200_000)), 0o644))
	tests := []struct {
		name, stdin string
		args        []string
		stderr      string
		stdout      string
	}{
		{"unparsable line", "x^2\n= x x\n= x*(x\n= x^2 + 1\n", []string{"check"}, "derivtex: 3:5: unclosed \"(\"\n= x*(x\n    ^\n", "line 4 (=, from line 3): undecided"},
		{"empty", "# nothing\n\n", []string{"check"}, "the derivation is empty", ""},
		{"one line", "x\n", []string{"check"}, "1:1: one expression and no step", ""},
		{"unknown sign", "x\n<= x + 1\n", []string{"check"}, "2:1: unknown relation sign \"<=\"", ""},
		{"contradiction", "x\n= x\n", []string{"check", "--assume", "w > 0, w < 0"}, "1:8: --assume: assumption \"w < 0\" contradicts", ""},
		{"bad assumption", "x\n= x\n", []string{"check", "--assume", "w >"}, "1:4: --assume: unexpected end of input", ""},
		{"huge", "", []string{"check", huge}, "larger than", ""},
		{"huge stdin", strings.Repeat("x + 1\n", 200_000), []string{"check"}, "larger than", ""},
		{"unknown syntax", "x\n", []string{"check", "--input", "troff"}, "unknown input syntax", ""},
		{"both modes", "", []string{"check", "--against", "x", "--problem", "f#1", "x"}, "do not go together", ""},
		{"no answer", "", []string{"check", "--against", "x"}, "the answer to check is missing", ""},
		{"deep", strings.Repeat("(", 5000) + "x" + strings.Repeat(")", 5000) + "\n= x\n", []string{"check"}, "1:", ""},
		{"latex not yet read or read", "\\begin{align*} x &\\approx y \\end{align*}", []string{"check", "--input", "latex"}, "unknown relation sign \\approx", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.stdin, tc.args...)
			assert.Equal(t, 2, r.status, "%s\n%s", r.stdout, r.stderr)
			assert.Contains(t, r.stderr, tc.stderr)
			assert.NotContains(t, r.stderr, "internal error")
			assert.Contains(t, r.stdout, tc.stdout)
		})
	}
	// A budget that runs out keeps the steps checked before it.
	r0 := runCLI(t, "", append(twentyArgs, "--max-work", "20000")...)
	assert.Equal(t, 2, r0.status)
	assert.Contains(t, r0.stdout, "line 4 (=, from line 3): equal\n")
	assert.Contains(t, r0.stdout, "not checked: work budget exceeded")
	assert.Contains(t, r0.stderr, "(raise it with --max-work)")

	// JSON: the report with the errors in it, not a failure.
	r := runCLI(t, "x^2\n= x x\n= x*(x\n= x^2 + 1\n", "check", "--json")
	assert.Equal(t, 2, r.status)
	var a answer.Check
	decodeStrict(t, r.stdout, &a)
	require.Len(t, a.Errors, 1)
	assert.Equal(t, 3, a.Errors[0].Line)
	assert.Equal(t, "equal", a.Steps[0].Verdict)
	assert.Equal(t, "undecided", a.Steps[1].Verdict)
}

// TestCheckLaTeXSheet: the feedback sheet compiles.
func TestCheckLaTeXSheet(t *testing.T) {
	r := runCLI(t, "", append(twentyArgs, "--latex")...)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\textcolor{red}{\times\ \text{line 13: not equal}}`)
	assert.Contains(t, r.stdout, `\textbf{Hint:} sign error`)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sheet.tex"), []byte(r.stdout), 0o644))
	cmd := exec.Command("pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "sheet.tex")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	_, err = os.Stat(filepath.Join(dir, "sheet.pdf"))
	require.NoError(t, err)
}

// BenchmarkCheck20 is `derivtex check` of a 20-line derivation with a
// slip, the command path minus process start-up.
func BenchmarkCheck20(b *testing.B) {
	for b.Loop() {
		if status := run(twentyArgs, strings.NewReader(""), io.Discard, io.Discard); status != 0 {
			b.Fatalf("status %d", status)
		}
	}
}
