package curves

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestLaTeXCompiles puts the fragment of every synthetic case in a
// document and compiles it with pdflatex (skipped when it is missing).
// DERIVTEX_KEEP=dir keeps the PDF there, to look at.
func TestLaTeXCompiles(t *testing.T) {
	if _, err := exec.LookPath("pdflatex"); err != nil {
		t.Skip("pdflatex is not installed")
	}
	dir := t.TempDir()
	doc := "\\documentclass{article}\n\\usepackage[margin=2cm]{geometry}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n\\begin{document}\n"
	for _, c := range Cases {
		doc += "\\section*{" + c.Name + "}\n" + Analyze(Synthetic(c.Name, 1)).LaTeX() + "\\clearpage\n"
	}
	doc += "\\end{document}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "curves.tex"), []byte(doc), 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "curves.tex")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	if keep := os.Getenv("DERIVTEX_KEEP"); keep != "" {
		pdf, err := os.ReadFile(filepath.Join(dir, "curves.pdf"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(keep, "curves.pdf"), pdf, 0o644))
	}
}
