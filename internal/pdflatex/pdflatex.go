// Package pdflatex compiles a LaTeX document for the tests of the
// packages that write LaTeX (latex, draw), as a handout is compiled: no
// shell escape, stopping at the first error. It is imported by tests
// only.
package pdflatex

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Compile runs pdflatex on doc in a temporary directory, which it
// returns (doc.log is there), and fails the test on any LaTeX error,
// with the last lines of pdflatex's output. Without pdflatex the test
// fails too: CI installs it, and a test that skipped would prove
// nothing.
func Compile(t testing.TB, doc string) string {
	t.Helper()
	pdflatex, err := exec.LookPath("pdflatex")
	if err != nil {
		t.Fatal("pdflatex is not installed: apt-get install -y texlive-latex-base texlive-latex-recommended texlive-pictures lmodern (.ci/run does)")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "doc.tex"), []byte(doc), 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, pdflatex, "-no-shell-escape", "-halt-on-error", "-interaction=nonstopmode", "doc.tex")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "pdflatex failed:\n%s", tail(string(out), 40))
	return dir
}

// tail is the last lines of s.
func tail(s string, lines int) string {
	ls := strings.Split(s, "\n")
	if len(ls) > lines {
		ls = ls[len(ls)-lines:]
	}
	return strings.Join(ls, "\n")
}
