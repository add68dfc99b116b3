package plot

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/internal/pdflatex"
	"github.com/derivtex/derivtex/parser"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// texOf is the figure of src over [from, to], with its derivative when
// asked.
func texOf(t *testing.T, src string, v *expr.Symbol, from, to float64, derivative bool) string {
	t.Helper()
	f, err := parser.Parse(src)
	require.NoError(t, err)
	tex, err := TeX(context.Background(), f, v, from, to, Options{Derivative: derivative})
	require.NoError(t, err)
	return tex
}

// TestGolden compares the pgfplots code of sigmoid and its derivative,
// and of a curve split at its poles, with testdata (go test -update
// rewrites them).
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file     string
		src      string
		from, to float64
	}{
		{"sigmoid", "sigmoid(x)", -6, 6},
		{"tan", "tan(x)", -4, 4},
	} {
		t.Run(tc.file, func(t *testing.T) {
			got := texOf(t, tc.src, x, tc.from, tc.to, tc.file == "sigmoid")
			path := filepath.Join("testdata", tc.file+".golden")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

// TestTeXEscapes checks that a name of the user's reaches TeX only as
// package latex writes it.
func TestTeXEscapes(t *testing.T) {
	tex := texOf(t, "alpha_1^2", expr.Sym("alpha_1"), -1, 1, true)
	assert.Contains(t, tex, `xlabel={$\alpha_{1}$}`)
	assert.NotContains(t, tex, "alpha_1")
}

// TestCompiles typesets a page of figures with pdflatex, without shell
// escape. Set DERIVTEX_PLOT_PDF to a path to keep the PDF for a look
// (pdftoppm -png -r 80 it).
func TestCompiles(t *testing.T) {
	var figs strings.Builder
	for _, tc := range []struct {
		src        string
		from, to   float64
		derivative bool
	}{
		{"sigmoid(x)", -6, 6, true},
		{"relu(x)", -4, 4, true},
		{"step(x)", -4, 4, true},
		{"1/x", -4, 4, false},
		{"tan(x)", -4, 4, false},
		{"log(x)", -4, 4, true},
		{"abs(x - 1/3)", -4, 4, true},
		{"exp(-x^2/2)/sqrt(2 pi)", -4, 4, true},
		{"sin(x)", -1e15, 1e15, true}, // a band of maxPoints points a curve: TeX's memory holds it
	} {
		figs.WriteString(`\noindent\resizebox{0.49\linewidth}{!}{` + texOf(t, tc.src, x, tc.from, tc.to, tc.derivative) + "}\\hfill\n")
	}
	figs.WriteString(texOf(t, "alpha_1^2", expr.Sym("alpha_1"), -1, 1, true))
	dir := pdflatex.Compile(t, Document(figs.String()))
	if keep := os.Getenv("DERIVTEX_PLOT_PDF"); keep != "" {
		pdf, err := os.ReadFile(filepath.Join(dir, "doc.pdf"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(keep, pdf, 0o644))
	}
}
