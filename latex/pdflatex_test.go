package latex

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/internal/pdflatex"
)

// TestGoldenCompiles typesets every golden output with pdflatex and fails
// on any LaTeX error, so a golden file can only hold LaTeX that compiles.
// Set DERIVTEX_LATEX_PDF to a path to keep the PDF for a look.
func TestGoldenCompiles(t *testing.T) {
	if *update {
		t.Skip("golden files are being rewritten")
	}
	var doc strings.Builder
	doc.WriteString(preamble)
	for _, file := range []string{"expr", "chain"} {
		for _, g := range readGolden(t, file) {
			doc.WriteString(`\par\noindent\texttt{` + escapeText(g.name) + "}\n")
			switch {
			case strings.Contains(g.latex, "&"):
				doc.WriteString(Align(g.latex) + "\n")
			default:
				doc.WriteString(`\[` + g.latex + `\]` + "\n")
			}
		}
	}
	doc.WriteString(`\end{document}` + "\n")

	dir := pdflatex.Compile(t, doc.String())
	if keep := os.Getenv("DERIVTEX_LATEX_PDF"); keep != "" {
		pdf, err := os.ReadFile(filepath.Join(dir, "doc.pdf"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(keep, pdf, 0o644))
	}
	log, err := os.ReadFile(filepath.Join(dir, "doc.log"))
	require.NoError(t, err)
	src := strings.Split(doc.String(), "\n")
	for _, m := range overfull.FindAllStringSubmatch(string(log), -1) {
		line, _ := strconv.Atoi(m[2])
		from := max(line-3, 0)
		t.Errorf("a formula runs off the page (%s too wide), lines %d-%d:\n%s", m[1], from+1, line,
			strings.Join(src[from:min(line, len(src))], "\n"))
	}
}

// TestRandomTermsCompile typesets random terms, which reach combinations
// no golden case lists (a double superscript, say, is a TeX error).
func TestRandomTermsCompile(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var doc strings.Builder
	doc.WriteString(preamble)
	for range 300 {
		doc.WriteString(`\[` + Expr(randomTerm(r, 4)) + `\]` + "\n")
	}
	doc.WriteString(`\end{document}` + "\n")
	pdflatex.Compile(t, doc.String())
}

const preamble = `\documentclass{article}
\usepackage{amsmath}
\begin{document}
`

var overfull = regexp.MustCompile(`Overfull \\hbox \(([0-9.]+pt) too wide\) detected at line ([0-9]+)`)
