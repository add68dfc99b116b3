package draw

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/network"
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
	require.NoError(t, err, "go test ./draw -update creates it")
	assert.Equal(t, string(want), got, "golden %s (go test ./draw -update to refresh)", path)
}

// TestDrawingGolden: the seed and the perceptron drawn as DOT and as
// TikZ. TestNetworkGoldenCompiles typesets the TikZ files.
func TestDrawingGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string
		net     testNet
		exactly bool
	}{{"seed", seedNet, true}, {"mlp", mlpNet, false}} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.net.Run(t, tc.exactly)
			dot := mustDOT(t, p)
			golden(t, tc.name+".dot", dot)
			assert.Equal(t, dot, mustDOT(t, p), "the drawing is deterministic")
			tikz, err := TikZ(p)
			require.NoError(t, err)
			golden(t, tc.name+".tikz", tikz)
		})
	}
}

func mustDOT(t *testing.T, p *network.Pass) string {
	t.Helper()
	dot, err := DOT(p)
	require.NoError(t, err)
	return dot
}

// TestTooLargeToDraw: a graph past MaxDrawnNodes, or one whose wires
// skip so many layers that their bends pass MaxDrawnPlaces, is refused
// rather than laid out.
func TestTooLargeToDraw(t *testing.T) {
	var long strings.Builder
	long.WriteString("a0 = x")
	for i := 1; i <= MaxDrawnNodes; i++ {
		fmt.Fprintf(&long, "; a%d = sin(a%d)", i, i-1)
	}
	long.WriteString("; L = sum(a" + fmt.Sprint(MaxDrawnNodes) + ")")
	p := testNet{Src: long.String(), Given: map[string]string{"x": "[1]"}}.Run(t, false)
	_, err := LayOut(p.Graph)
	require.ErrorContains(t, err, "too many to draw")

	// x feeds every layer of a chain of 150: 150*149/2 bends.
	var wide strings.Builder
	wide.WriteString("a0 = sin(x)")
	for i := 1; i < 150; i++ {
		fmt.Fprintf(&wide, "; a%d = sin(a%d) + x", i, i-1)
	}
	wide.WriteString("; L = sum(a149)")
	p = testNet{Src: wide.String(), Given: map[string]string{"x": "[1]"}}.Run(t, false)
	_, err = DOT(p)
	require.ErrorContains(t, err, "too many layers to draw")
}

// TestDOTHasEveryNodeAndEdge: each node is declared once, in the rank of
// its layer, and each argument of each operation is an edge.
func TestDOTHasEveryNodeAndEdge(t *testing.T) {
	for _, net := range []testNet{seedNet, mlpNet, wideNet} {
		p := net.Run(t, false)
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
	skips := testNet{Src: "a = x + 1; b = sin(a); c = b * a + x; L = sum(c)", Given: map[string]string{"x": "[1, 2]"}}
	for _, net := range []testNet{seedNet, mlpNet, wideNet, skips} {
		p := net.Run(t, false)
		g := p.Graph
		l, err := LayOut(g)
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
	assert.Equal(t, `"a\"b\\N\nc"`, dotQuote("a\"b\\N\nc"))
	assert.Equal(t, "&lt;b&gt;&amp;&quot;&#39;", htmlEscape(`<b>&"'`))
}
