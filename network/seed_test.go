package network_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

func value(t *testing.T, src string) tensor.Tensor {
	v, err := parser.ParseValue(src)
	require.NoError(t, err)
	return v
}

// TestSeedQuestion3: y = sin(w)^T x, L = -log(y l), built by hand from
// the program the parser will read.
func TestSeedQuestion3(t *testing.T) {
	pos := diag.Pos{Line: 1, Col: 1}
	ref := func(n string) network.Expr { return &network.Ref{Name: n, Pos: pos} }
	apply := func(op string, args ...network.Expr) network.Expr {
		return &network.Apply{Op: op, Args: args, Pos: pos, Text: op}
	}
	p := &network.Program{Assignments: []*network.Assignment{
		{Name: "y", Pos: pos, Expr: apply("matmul", apply("transpose", apply("sin", ref("w"))), ref("x"))},
		{Name: "L", Pos: pos, Expr: apply("neg", apply("log", apply("matmul", ref("y"), ref("l"))))},
	}}
	inputs := map[string]tensor.Tensor{"x": value(t, "[2, 1]"), "w": value(t, "[pi/2, pi]"), "l": value(t, "1")}
	shapes := map[string][]int{}
	for k, v := range inputs {
		shapes[k] = v.Shape()
	}
	g, err := network.Build(p, shapes, "")
	require.NoError(t, err)
	pass, err := network.Run(context.Background(), g, inputs, true)
	require.NoError(t, err)
	y, _ := g.Node("y")
	L, _ := g.Node("L")
	w, _ := g.Node("w")
	assert.Equal(t, "2", pass.Values[y.ID].String())
	assert.Equal(t, expr.Neg(expr.Log(expr.Two)).String(), pass.Values[L.ID].String())
	require.NotNil(t, pass.Adjoints[w.ID])
	assert.Equal(t, "[0, 1/2]", pass.Adjoints[w.ID].String())
}
