package curves

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/internal/pdflatex"
)

// TestLaTeXCompiles puts the fragment of every synthetic case in a
// document and compiles it as a handout is compiled. DERIVTEX_KEEP=dir
// keeps the PDF there, to look at.
func TestLaTeXCompiles(t *testing.T) {
	doc := "\\documentclass{article}\n\\usepackage[margin=2cm]{geometry}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n\\begin{document}\n"
	for _, c := range Cases {
		doc += "\\section*{" + c.Name + "}\n" + Analyze(Synthetic(c.Name, 1)).LaTeX() + "\\clearpage\n"
	}
	doc += "\\end{document}\n"
	dir := pdflatex.Compile(t, doc)
	if keep := os.Getenv("DERIVTEX_KEEP"); keep != "" {
		pdf, err := os.ReadFile(filepath.Join(dir, "doc.pdf"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(keep, "curves.pdf"), pdf, 0o644))
	}
}
