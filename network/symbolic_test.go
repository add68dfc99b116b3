package network_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
)

// symbolic writes the symbolic gradient of src by wrt, plain, a line
// per formula, with the shapes InferShapes chose.
func symbolic(t *testing.T, src string, wrt ...string) (string, map[string][]int) {
	t.Helper()
	prog, err := parser.ParseNetwork("", src)
	require.NoError(t, err, src)
	shapes, err := network.InferShapes(prog, nil, "", nil)
	require.NoError(t, err, src)
	g, err := network.Build(prog, shapes, "")
	require.NoError(t, err, src)
	s := network.SymbolicOf(g, wrt)
	var b strings.Builder
	for _, l := range s.Forward {
		fmt.Fprintf(&b, "%s = %s\n", l.Name.Plain, l.Formula.Plain)
	}
	for _, l := range s.Backward {
		fmt.Fprintf(&b, "%s = %s\n", l.Name.Plain, l.Formula.Plain)
	}
	return b.String(), shapes
}

func TestSymbolicSeed(t *testing.T) {
	got, shapes := symbolic(t, "z = sin(w); y = z^T x; L = -log(y l)", "w")
	assert.Equal(t, map[string][]int{"w": {2}, "x": {2}, "l": nil}, shapes)
	assert.Equal(t, `z = sin(w)
y = z^T x
L = -log(l*y)
dL/dL = 1
dL/dy = -1/y
dL/dz = (dL/dy)*x
dL/dw = dL/dz * cos(w)
`, got)
}

func TestSymbolicLayers(t *testing.T) {
	got, shapes := symbolic(t, "h = tanh(W x + b); y = v^T h; L = (y - t)^2")
	assert.Equal(t, map[string][]int{"W": {2, 2}, "x": {2}, "b": {2}, "v": {2}, "t": nil}, shapes)
	assert.Contains(t, got, "dL/dh = (dL/dy)*v\n")
	assert.Contains(t, got, "dL/dW = (dL/dh * (1 - h^2)) x^T\n")
	assert.Contains(t, got, "dL/dx = W^T (dL/dh * (1 - h^2))\n")
	assert.Contains(t, got, "dL/dy = 2*y - 2*t\n")
}

// chain is a network of depth layers z_i = tanh(W_i z_(i-1) + b_i).
func chain(depth int) string {
	var b strings.Builder
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "z%d = tanh(W%d z%d + b%d)\n", i, i, i-1, i)
	}
	fmt.Fprintf(&b, "L = sum(z%d * z%d)", depth, depth)
	return b.String()
}

// TestSymbolicGrowsLinearly: the gradient of a chain twice as deep is
// written in about twice the space, as each layer's adjoint is in terms
// of the next one's.
func TestSymbolicGrowsLinearly(t *testing.T) {
	ten, _ := symbolic(t, chain(10))
	twenty, _ := symbolic(t, chain(20))
	ratio := float64(len(twenty)) / float64(len(ten))
	assert.InDelta(t, 2, ratio, 0.2, "depth 10: %d bytes, depth 20: %d", len(ten), len(twenty))
	assert.Contains(t, twenty, "dL/dz19 = W20^T (dL/dz20 * (1 - z20^2))\n")
}
