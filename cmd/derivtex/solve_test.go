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

// TestSolveRefusesToOverwriteInputs: no output, .tex or .pdf, may be an
// input file, and no two outputs may be one file. Nothing is written.
func TestSolveRefusesToOverwriteInputs(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a/x.drv": smallProblem, "a/x.txt": smallProblem, "b/keep": "", "notes.pdf": smallProblem,
		"a/y.tex": smallProblem, "z.drv": smallProblem,
	})
	require.NoError(t, os.Symlink(filepath.Join(dir, "z.drv"), filepath.Join(dir, "link.tex")))
	p := func(name string) string { return filepath.Join(dir, name) }
	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"output is the input", []string{p("a/x.drv"), "-o", p("a/x.drv")},
			p("a/x.drv") + ", the output, is the input file " + p("a/x.drv")},
		{"output is the input by another path", []string{p("a/x.drv"), "-o", p("b/../a/x.drv")},
			p("b/../a/x.drv") + ", the output, is the input file " + p("a/x.drv")},
		{"output is a link to the input", []string{p("z.drv"), "-o", p("link.tex")},
			p("link.tex") + ", the output, is the input file " + p("z.drv")},
		{"two inputs, one output", []string{p("a/x.drv"), p("b/../a/x.drv")},
			"the output of " + p("a/x.drv") + " (" + p("a/x.tex") + ") and the output of " + p("b/../a/x.drv") +
				" (" + p("b/../a/x.tex") + ") are the same file"},
		{"two inputs named alike", []string{p("a/x.drv"), p("a/x.txt")},
			"the output of " + p("a/x.drv") + " (" + p("a/x.tex") + ") and the output of " + p("a/x.txt") +
				" (" + p("a/x.tex") + ") are the same file"},
		{"FILE.tex is an input", []string{p("a/y.tex"), p("z.drv")},
			p("a/y.tex") + ", the output of " + p("a/y.tex") + ", is the input file " + p("a/y.tex")},
		{"the PDF is an input", []string{p("notes.pdf"), "-o", p("notes.tex"), "--pdf"},
			p("notes.pdf") + ", the PDF of " + p("notes.tex") + ", is the input file " + p("notes.pdf")},
		{"the PDF is the output", []string{p("z.drv"), "-o", p("out.pdf"), "--pdf"},
			"the output (" + p("out.pdf") + ") and the PDF of " + p("out.pdf") + " (" + p("out.pdf") + ") are the same file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(t, dir)
			r := runCLI(t, "", append([]string{"solve"}, tc.args...)...)
			assert.Equal(t, exitInput, r.status, r.stderr)
			assert.Contains(t, r.stderr, tc.msg)
			assert.Equal(t, before, snapshot(t, dir), "files were written")
		})
	}
}

// snapshot maps each file under dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		files[path] = string(b)
		return err
	}))
	return files
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
	// The allowlist refuses most LaTeX mistakes; a double superscript
	// gets through it and stops pdflatex.
	dir := writeFiles(t, map[string]string{"q.drv": `problem "Subscripts" {
    question "The weight $w^1^2$ is given."
    diff x^2
    wrt x
}
`})
	in, out := filepath.Join(dir, "q.drv"), filepath.Join(dir, "q.tex")
	r := runCLI(t, "", "solve", in, "-o", out, "--pdf")
	assert.Equal(t, exitInput, r.status, r.stderr)
	assert.Contains(t, r.stderr, "derivtex: "+in+`:2:14: LaTeX error in the question of problem "Subscripts": Double superscript.`)

	// A macro of the preamble that breaks where it is used, on the third
	// line of a long question: the error names that line of the file.
	in = filepath.Join(dir, "macro.drv")
	require.NoError(t, os.WriteFile(in, []byte(`preamble """
    \newcommand{\sq}[1]{#1^{2}}
    """

problem "Squares" {
    question """
        The loss is a square,
        $\sq{e}$, and so is
        $\sq{w}^{3}$, which TeX refuses.
        """
    diff x^2
    wrt x
}
`), 0o644))
	out = filepath.Join(dir, "macro.tex")
	r = runCLI(t, "", "solve", in, "-o", out, "--pdf")
	assert.Equal(t, exitInput, r.status, r.stderr)
	assert.Contains(t, r.stderr, "derivtex: "+in+`:9:9: LaTeX error in the question of problem "Squares": Double superscript.`)

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
