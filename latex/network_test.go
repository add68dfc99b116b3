package latex

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// wideNet has 30 nodes: two hidden layers, a softmax, a cross-entropy and
// a weight penalty, whose inputs feed layers far apart.
const wideNet = "h1 = tanh(W1 x + b1); h2 = relu(W2 h1 + b2); y = W3 h2 + b3; p = softmax(y); " +
	"L = -sum(t * log(p)) + lam * (sum(W1 ^ 2) + sum(W2 * W2))"

var wideInputs = map[string]string{"x": "[1, -1]", "W1": "[[1/2, -1], [1, 1/4], [0, 1]]", "b1": "[0, 1/2, -1]",
	"W2": "[[1, 0, -1], [1/2, 1, 0]]", "b2": "[1/4, 0]", "W3": "[[1, -1], [2, 1/2], [0, 1]]", "b3": "[0, 0, 1]",
	"t": "[0, 1, 0]", "lam": "1/100"}

// runNet builds and runs src at the given inputs, in float64.
func runNet(t *testing.T, src string, given map[string]string) *network.Pass {
	t.Helper()
	prog, err := parser.ParseNetwork("", src)
	require.NoError(t, err)
	inputs := map[string]tensor.Tensor{}
	shapes := map[string][]int{}
	for name, v := range given {
		val, err := parser.ParseValue(v)
		require.NoError(t, err)
		inputs[name], shapes[name] = val, val.Shape()
	}
	g, err := network.Build(prog, shapes, "")
	require.NoError(t, err)
	p, err := network.Run(context.Background(), g, inputs, false)
	require.NoError(t, err)
	return p
}

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
	p := runNet(t, wideNet, wideInputs)
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

// TestNetworkGoldenCompiles typesets network's TikZ goldens and the
// 30-node network with pdflatex, as a handout \inputs them: with amsmath,
// tikz and arrows.meta, no shell escape. Names that are Greek letters or
// have subscripts are written by Expr.
func TestNetworkGoldenCompiles(t *testing.T) {
	if *update {
		t.Skip("golden files are being rewritten")
	}
	files, err := filepath.Glob("../network/testdata/*.tikz")
	require.NoError(t, err)
	require.NotEmpty(t, files, "go test ./network -update writes them")
	var pictures []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		pictures = append(pictures, string(b))
	}
	for _, src := range []string{wideNet, "theta_1 = sigma * x_0; L = sum(theta_1 * theta_1)"} {
		given := wideInputs
		if !strings.HasPrefix(src, "h1") {
			given = map[string]string{"sigma": "2", "x_0": "[1, 2]"}
		}
		tikz, err := Network(runNet(t, src, given))
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
	dir := compile(t, doc)
	log, err := os.ReadFile(filepath.Join(dir, "doc.log"))
	require.NoError(t, err)
	assert.NotContains(t, string(log), "Overfull", "a picture wider than 58cm")
}
