package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/solve"
)

const smallProblem = `title "Small"
problem "A derivative" {
    diff x^2
    wrt  x
}
`

// writeFiles writes files (path relative to dir: content) and returns
// dir.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	return dir
}

func requirePDFLaTeX(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdflatex"); err != nil {
		t.Fatalf("pdflatex is not installed (apt-get install -y %s)", solve.TeXPackages)
	}
}

// TestSolvePDFErrors: pdflatex's complaints are input errors that say
// where in the problem file they came from, and the time limit says how
// to raise it.
func TestSolvePDFErrors(t *testing.T) {
	requirePDFLaTeX(t)
	dir := writeFiles(t, map[string]string{"q.drv": `problem "Subscripts" {
    question "The weight w_1 is given."
    diff x^2
    wrt x
}
`})
	in, out := filepath.Join(dir, "q.drv"), filepath.Join(dir, "q.tex")
	r := runCLI(t, "", "solve", in, "-o", out, "--pdf")
	assert.Equal(t, exitInput, r.status, r.stderr)
	assert.Contains(t, r.stderr, "derivtex: "+in+`:2:14: LaTeX error in the question of problem "Subscripts": Missing $ inserted.`)

	in = filepath.Join(dir, "ok.drv")
	require.NoError(t, os.WriteFile(in, []byte(smallProblem), 0o644))
	out = filepath.Join(dir, "ok.tex")
	r = runCLI(t, "", "solve", in, "-o", out, "--pdf", "--pdf-timeout", "1ms")
	assert.Equal(t, exitInput, r.status, r.stderr)
	assert.Contains(t, r.stderr, "derivtex: "+out+": pdflatex did not finish within 1ms; if the document is merely long, allow more time with --pdf-timeout 2ms")

	r = runCLI(t, "", "solve", in, "-o", out, "--pdf", "--pdf-timeout", "0s")
	assert.Equal(t, exitInput, r.status, r.stderr)
	assert.Contains(t, r.stderr, "--pdf-timeout must be positive")

	r = runCLI(t, "", "solve", in, "-o", out, "--pdf")
	require.Equal(t, exitOK, r.status, r.stderr)
	assert.FileExists(t, filepath.Join(dir, "ok.pdf"))
}
