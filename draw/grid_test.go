package draw

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/internal/pdflatex"
	"github.com/derivtex/derivtex/parser"
)

// TestGridFootprint: the seed's dilated kernel (rate 2) at the only
// output position of a 3x3 image reads the four corners; with stride 3
// and padding 1 the second output's window starts past the padding.
func TestGridFootprint(t *testing.T) {
	x, err := parser.ParseValue("[[1, 0, 2], [2, 1, -1], [0, 0, 2]]")
	require.NoError(t, err)
	k, err := parser.ParseValue("[[1, -1], [0, 2]]")
	require.NoError(t, err)
	dilated, err := Grid(x, Window{Size: [2]int{2, 2}, Stride: [2]int{1, 1}, Rate: [2]int{2, 2}}, &k)
	require.NoError(t, err)
	assert.Equal(t, 4+4, strings.Count(dilated, "read]"), "four corners read, four kernel cells")
	for _, corner := range []string{"(0, 0) {$1$}", "(40, 0) {$2$}", "(0, -40) {$0$}", "(40, -40) {$2$}"} {
		assert.Contains(t, dilated, "\\node[cell, read] at "+corner)
	}
	padded, err := Grid(x, Window{Out: [2]int{1, 1}, Size: [2]int{2, 2}, Stride: [2]int{3, 3}, Pad: [2]int{1, 1}, Rate: [2]int{1, 1}}, nil)
	require.NoError(t, err)
	assert.Equal(t, 25, strings.Count(padded, "\\node[")-1, "a 5x5 padded grid and its caption")
	assert.Contains(t, padded, "\\node[cell, read] at (60, -60) {$2$}")
	assert.Contains(t, padded, "\\node[pad, read] at (80, -80) {$0$}")
	pdflatex.Compile(t, "\\documentclass{article}\n\\usepackage{amsmath,tikz}\n\\begin{document}\n"+dilated+padded+"\\end{document}\n")

	_, err = Grid(k, Window{Pad: [2]int{20, 20}}, nil)
	assert.ErrorContains(t, err, "too many to draw")
}
