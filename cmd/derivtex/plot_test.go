package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlot(t *testing.T) {
	r := runCLI(t, "", "plot", "sigmoid(x)", "--derivative")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\begin{axis}`)
	assert.Contains(t, r.stdout, `\addlegendentry{$f'(x) = `)
	assert.Empty(t, r.stderr)

	// A negative value follows its flag as it is written.
	r = runCLI(t, "", "plot", "-x", "--from", "-2", "--to", "-1")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "xmin=-2, xmax=-1,")

	// The variable is the expression's one name.
	r = runCLI(t, "", "plot", "t^2 - 1", "--from=-1", "--to", "1")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "xlabel={$t$}")

	out := filepath.Join(t.TempDir(), "p.tex")
	r = runCLI(t, "", "plot", "relu(x)", "-d", "-o", out)
	require.Equal(t, 0, r.status, r.stderr)
	tex, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(tex), `\end{tikzpicture}`)
}

func TestPlotPDF(t *testing.T) {
	out := filepath.Join(t.TempDir(), "p.pdf")
	r := runCLI(t, "", "plot", "tan(x)", "-d", "-o", out)
	require.Equal(t, 0, r.status, r.stderr)
	pdf, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "%PDF", string(pdf[:4]))
}

func TestPlotErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"x y"}, "derivtex: 1:3: the expression has a second variable, y, besides x: a plot is of one variable (give y a value first)\nx y\n  ^\n"},
		{[]string{"log(-1 - x^2)"}, "derivtex: 1:1: the expression has no value to draw between -4 and 4 (undefined, or defined only at isolated points)\nlog(-1 - x^2)\n^\n"},
		{[]string{"x", "--from", "4", "--to", "-4"}, "derivtex: --from/--to: the range from 4 to -4 is empty: from must be below to\n"},
		{[]string{"x", "--from", "nan"}, "derivtex: --from: the range must be finite numbers, not NaN\n"},
		{[]string{"x", "--to", "1e300"}, "derivtex: --to: 1e+300 is too large: plots are drawn within ±10^15\n"},
		{[]string{"x", "-o", "a.png"}, "derivtex: -o \"a.png\": plots are written as pgfplots (.tex) or PDF (.pdf), not .png; for an image, pdftoppm -png the PDF\n"},
		{[]string{"x +"}, "derivtex: 1:4: unexpected end of input, expected an operand\nx +\n   ^\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runCLI(t, "", append([]string{"plot"}, tc.args...)...)
			assert.Equal(t, exitInput, r.status)
			assert.Equal(t, tc.want, r.stderr)
			assert.Empty(t, r.stdout)
		})
	}
}

// TestPlotPiecewise draws a piecewise term with a jump (the line breaks
// there) and a definition with its parameter's value.
func TestPlotPiecewise(t *testing.T) {
	r := runCLI(t, "", "plot", "piecewise(x >= 0: 1 + x/2, 0)", "--from", "-2", "--to", "2")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "(0,nan)", "no line across the jump at 0")
	assert.Contains(t, r.stdout, "(0,1) (2,2)", "the right piece starts at its closed end")

	r = runCLI(t, "", "plot", "lr(u; a) = max(a u, u), a = 1/10", "-d")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "xlabel={$u$}")
	assert.Equal(t, 2, strings.Count(r.stdout, `\addplot`))

	r = runCLI(t, "", "plot", "piecewise(x < 1: x, x < 0: 1, 0)")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "derivtex: 1:21: x < 0 never decides: the conditions before it cover it (write the pieces in order along the line)\npiecewise(x < 1: x, x < 0: 1, 0)\n                    ^\n", r.stderr)
}
