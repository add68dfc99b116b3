package network_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// TestLocalsTimesUpstream: on random networks over every operation, each
// local Jacobian, formed in full from its structure and factor, times
// the upstream gradient is the contribution the backward pass wrote
// without forming it, and the contributions to a node sum to its adjoint.
func TestLocalsTimesUpstream(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	ctx := context.Background()
	for trial := range 120 {
		src, shapes := randomNetwork(r, 2+r.IntN(2))
		prog, err := parser.ParseNetwork("", src)
		require.NoError(t, err, src)
		g, err := network.Build(prog, shapes, "")
		require.NoError(t, err, src)
		pass, err := network.Run(ctx, g, randomInputs(r, shapes), trial%4 == 0)
		require.NoError(t, err, src)
		bp, err := pass.Backprop(budget.From(ctx))
		require.NoError(t, err, src)
		for _, a := range bp.Adjoints {
			if a.Node == g.Loss {
				continue
			}
			sum := make([]float64, a.Value.Len())
			for _, c := range a.Contributions {
				l := c.Local
				j := floats(t, l.Jacobian())
				up := floats(t, c.Upstream)
				require.Len(t, up, l.Rows)
				for col := range l.Cols {
					v := 0.0
					for row := range l.Rows {
						v += j[row*l.Cols+col] * up[row]
					}
					want := floats(t, c.Value)[col]
					require.InDelta(t, want, v, 1e-9*(1+math.Abs(want)), "trial %d: d%s/d%s (%s) column %d\n%s", trial, l.Node.Label(), l.Arg.Label(), l.Structure, col, src)
					sum[col] += v
				}
			}
			want := floats(t, a.Value)
			for i := range want {
				require.InDelta(t, want[i], sum[i], 1e-9*(1+math.Abs(want[i])), "trial %d: adjoint of %s\n%s", trial, a.Node.Label(), src)
			}
		}
	}
}

// TestLocalsOfTheSeed: the exam's network, each local gradient with its
// structure and dimensions.
func TestLocalsOfTheSeed(t *testing.T) {
	prog, err := parser.ParseNetwork("", "z = sin(w); y = z^T x; L = -log(y l)")
	require.NoError(t, err)
	inputs := map[string]tensor.Tensor{"x": value(t, "[2, 1]"), "w": value(t, "[pi/2, pi]"), "l": value(t, "1")}
	g, err := network.Build(prog, map[string][]int{"x": {2}, "w": {2}, "l": nil}, "")
	require.NoError(t, err)
	pass, err := network.Run(context.Background(), g, inputs, true)
	require.NoError(t, err)
	bp, err := pass.Backprop(nil)
	require.NoError(t, err)
	got := map[string]string{}
	for _, l := range bp.Locals {
		v := ""
		if l.AtValues != nil {
			v = " = " + l.AtValues.String()
		}
		got[l.Node.Label()+" by "+l.Arg.Label()] = l.Symbolic.Plain + v + " (" + string(l.Structure) + ", " + itoa(l.Rows) + " x " + itoa(l.Cols) + ")"
	}
	assert.Equal(t, map[string]string{
		"z by w":          "diag(cos(w)) = [0, -1] (diagonal, 2 x 2)",
		"z^T by z":        "I (permutation, 2 x 2)",
		"y by z^T":        "x^T = [[2, 1]] (outer product, 1 x 2)",
		"y by x":          "z^T = [[1, 0]] (matrix, 1 x 2)",
		"y l by y":        "l = 1 (scalar, 1 x 1)",
		"y l by l":        "y = 2 (scalar, 1 x 1)",
		"log(y l) by y l": "1/(l*y) = 1/2 (scalar, 1 x 1)",
		"L by log(y l)":   "-1 = -1 (scalar, 1 x 1)",
	}, got)
	var w *network.Adjoint
	for _, a := range bp.Adjoints {
		if a.Node.Name == "w" {
			w = a
		}
	}
	require.NotNil(t, w)
	require.Len(t, w.Contributions, 1)
	c := w.Contributions[0]
	assert.Equal(t, "dL/dz * cos(w)", c.Formula.Plain)
	assert.Equal(t, `{\bar{z}} \odot \cos w`, c.Formula.TeX)
	assert.Equal(t, "[-1, -1/2] * [0, -1]", c.Numbers.Plain)
	assert.Equal(t, "[0, 1/2]", c.Value.String())
}

func itoa(n int) string { return string(rune('0' + n)) }
