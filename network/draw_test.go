package network_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./network -update creates it")
	assert.Equal(t, string(want), got, "golden %s (go test ./network -update to refresh)", path)
}

// Networks the drawing tests draw: the seed exam's question 3 and a
// three-layer perceptron with a squared error, 18 nodes.
var (
	seedNet    = "y = sin(w)^T x; L = -log(y l)"
	seedInputs = map[string]string{"x": "[2, 1]", "w": "[pi/2, pi]", "l": "1"}
	mlpNet     = "h1 = tanh(W1 x + b1); h2 = tanh(W2 h1 + b2); y = W3 h2; L = sum((y - t) * (y - t))"
	mlpInputs  = map[string]string{"x": "[1, -1]", "W1": "[[1/2, -1], [1, 1/4], [0, 1]]", "b1": "[0, 1/2, -1]",
		"W2": "[[1, 0, -1], [1/2, 1, 0]]", "b2": "[1/4, 0]", "W3": "[[1, -1], [2, 1/2]]", "t": "[1, 0]"}
)

// runNet builds and runs src at the given inputs.
func runNet(t testing.TB, src string, given map[string]string, exactly bool) *network.Pass {
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
	p, err := network.Run(context.Background(), g, inputs, exactly)
	require.NoError(t, err)
	return p
}

// TestDrawingGolden: the seed and the perceptron drawn as DOT and as
// TikZ. latex's TestNetworkGoldenCompiles typesets the TikZ files.
func TestDrawingGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string
		src     string
		given   map[string]string
		exactly bool
	}{{"seed", seedNet, seedInputs, true}, {"mlp", mlpNet, mlpInputs, false}} {
		t.Run(tc.name, func(t *testing.T) {
			p := runNet(t, tc.src, tc.given, tc.exactly)
			dot := mustDOT(t, p)
			golden(t, tc.name+".dot", dot)
			assert.Equal(t, dot, mustDOT(t, p), "the drawing is deterministic")
			tikz, err := latex.Network(p)
			require.NoError(t, err)
			golden(t, tc.name+".tikz", tikz)
		})
	}
}

func mustDOT(t *testing.T, p *network.Pass) string {
	t.Helper()
	dot, err := p.Graph.DOT(p)
	require.NoError(t, err)
	return dot
}

// TestTooLargeToDraw: a graph past MaxDrawnNodes, or one whose wires
// skip so many layers that their bends pass MaxDrawnPlaces, is refused
// rather than laid out.
func TestTooLargeToDraw(t *testing.T) {
	var long strings.Builder
	long.WriteString("a0 = x")
	for i := 1; i <= network.MaxDrawnNodes; i++ {
		fmt.Fprintf(&long, "; a%d = sin(a%d)", i, i-1)
	}
	long.WriteString("; L = sum(a" + fmt.Sprint(network.MaxDrawnNodes) + ")")
	p := runNet(t, long.String(), map[string]string{"x": "[1]"}, false)
	_, err := p.Graph.Layout()
	require.ErrorContains(t, err, "too many to draw")

	// x feeds every layer of a chain of 150: 150*149/2 bends.
	var wide strings.Builder
	wide.WriteString("a0 = sin(x)")
	for i := 1; i < 150; i++ {
		fmt.Fprintf(&wide, "; a%d = sin(a%d) + x", i, i-1)
	}
	wide.WriteString("; L = sum(a149)")
	p = runNet(t, wide.String(), map[string]string{"x": "[1]"}, false)
	_, err = p.Graph.DOT(p)
	require.ErrorContains(t, err, "too many layers to draw")
}

// TestDOTHasEveryNodeAndEdge: each node is declared once, in the rank of
// its layer, and each argument of each operation is an edge.
func TestDOTHasEveryNodeAndEdge(t *testing.T) {
	for _, tc := range []struct {
		src   string
		given map[string]string
	}{{seedNet, seedInputs}, {mlpNet, mlpInputs}} {
		p := runNet(t, tc.src, tc.given, false)
		dot := mustDOT(t, p)
		for _, n := range p.Graph.Nodes {
			assert.Equal(t, 1, strings.Count(dot, fmt.Sprintf("\n    n%d [label=", n.ID)), "node %s", n)
			for k, a := range n.Args {
				edge := fmt.Sprintf("\n  n%d -> n%d [", a.ID, n.ID)
				assert.Contains(t, dot, edge, "argument %d of %s", k, n)
			}
		}
		assert.Contains(t, dot, fmt.Sprintf("n%d -> out%d", p.Graph.Loss.ID, p.Graph.Loss.ID))
		assert.Contains(t, dot, "rankdir=LR")
	}
}

// TestLayout: every edge goes right, skipping layers through one bend per
// layer it skips; rows number each layer from 0; an input sits just
// before its first use; the loss is alone in the last layer.
func TestLayout(t *testing.T) {
	for _, tc := range []struct {
		src   string
		given map[string]string
	}{{seedNet, seedInputs}, {mlpNet, mlpInputs}, {"a = x + 1; b = sin(a); c = b * a + x; L = sum(c)", map[string]string{"x": "[1, 2]"}}} {
		p := runNet(t, tc.src, tc.given, false)
		g := p.Graph
		l, err := g.Layout()
		require.NoError(t, err)
		for k, layer := range l.Layers {
			for i, pl := range layer {
				assert.Equal(t, k, pl.Layer)
				assert.Equal(t, i, pl.Row)
			}
		}
		edges := 0
		for _, n := range g.Nodes {
			edges += len(n.Args)
			if n.Op == "input" || n.Op == "const" {
				first := len(l.Layers)
				for _, e := range l.Consumers(n) {
					first = min(first, l.Of(e.To).Layer)
				}
				assert.Equal(t, first-1, l.Of(n).Layer, "%s sits just before its first use", n.Label())
			}
		}
		require.Len(t, l.Edges, edges)
		for _, e := range l.Edges {
			from, to := l.Of(e.From).Layer, l.Of(e.To).Layer
			require.Less(t, from, to, "%s -> %s", e.From.Label(), e.To.Label())
			require.Len(t, e.Bends, to-from-1)
			for i, b := range e.Bends {
				assert.Equal(t, from+1+i, b.Layer)
				assert.Nil(t, b.Node)
			}
		}
		last := l.Layers[len(l.Layers)-1]
		require.Len(t, last, 1)
		assert.Same(t, g.Loss, last[0].Node)
	}
}

// TestDOTEscapes: a label with quotes, backslashes and markup cannot end
// its string or inject attributes.
func TestDOTEscapes(t *testing.T) {
	assert.Equal(t, `"a\"b\\N\nc"`, network.DOTQuote("a\"b\\N\nc"))
	assert.Equal(t, "&lt;b&gt;&amp;&quot;&#39;", network.HTMLEscape(`<b>&"'`))
}
