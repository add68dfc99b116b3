package draw

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/internal/pdflatex"
)

// box is a rectangle of the picture, y growing downwards.
type box struct {
	what                   string
	left, right, top, down float64
}

func (a box) overlaps(b box) bool {
	return a.left < b.right && b.left < a.right && a.top < b.down && b.top < a.down
}

// TestNetworkNothingOverlaps lays out a 30-node network and checks that no
// node and no label (by their estimated sizes) overlaps another.
func TestNetworkNothingOverlaps(t *testing.T) {
	p := wideNet.Run(t, false)
	require.Len(t, p.Graph.Nodes, 30)
	d, err := newDrawing(p, nil)
	require.NoError(t, err)
	d.measure()
	d.rows()
	d.columns()
	var boxes []box
	for _, s := range d.places {
		if s.Node == nil {
			continue
		}
		name := s.Node.Label()
		boxes = append(boxes, box{name, s.x - s.w/2, s.x + s.w/2, s.y - s.h/2, s.y + s.h/2})
		mid := d.labelX(s)
		if s.value.tex != "" {
			boxes = append(boxes, box{"value of " + name, mid - s.value.w/2, mid + s.value.w/2, s.y - labelGap - s.value.h, s.y - labelGap})
		}
		if s.grad.tex != "" {
			boxes = append(boxes, box{"gradient of " + name, mid - s.grad.w/2, mid + s.grad.w/2, s.y + labelGap, s.y + labelGap + s.grad.h})
		}
	}
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			assert.False(t, a.overlaps(b), "%s %v overlaps %s %v", a.what, a, b.what, b)
		}
	}
}

// TestNetworkGoldenCompiles typesets the TikZ goldens and the
// 30-node network with pdflatex, as a handout \inputs them: with amsmath,
// tikz and arrows.meta, no shell escape. Names that are Greek letters or
// have subscripts are written by Expr.
func TestNetworkGoldenCompiles(t *testing.T) {
	files, err := filepath.Glob("testdata/*.tikz")
	require.NoError(t, err)
	require.NotEmpty(t, files, "go test ./draw -update writes them")
	var pictures []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		pictures = append(pictures, string(b))
	}
	greek := testNet{Src: "theta_1 = sigma * x_0; L = sum(theta_1 * theta_1)", Given: map[string]string{"sigma": "2", "x_0": "[1, 2]"}}
	for _, net := range []testNet{wideNet, greek} {
		tikz, err := TikZ(net.Run(t, false))
		require.NoError(t, err)
		pictures = append(pictures, tikz)
	}
	doc := `\documentclass{article}
\usepackage[paperwidth=60cm, paperheight=30cm, margin=1cm]{geometry}
\usepackage{amsmath,tikz}
\usetikzlibrary{arrows.meta}
\begin{document}
` + strings.Join(pictures, "\n\\clearpage\n") + `\end{document}
`
	dir := pdflatex.Compile(t, doc)
	log, err := os.ReadFile(filepath.Join(dir, "doc.log"))
	require.NoError(t, err)
	assert.NotContains(t, string(log), "Overfull", "a picture wider than 58cm")
}
