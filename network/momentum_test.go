package network_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// TestDescendWithMomentum: the exam's network, two steps with momentum
// 9/10 from a velocity of 0, worked out by hand: the first step is plain
// gradient descent (v = [0, 1/2]); the second starts at w = [pi/2, pi -
// 1/4], where y = 2 + sin(1/4) and dL/dw = [0, cos(1/4)/y].
func TestDescendWithMomentum(t *testing.T) {
	prog, err := parser.ParseNetwork("", "y = sin(w)^T x; L = -log(y l)")
	require.NoError(t, err)
	inputs := map[string]tensor.Tensor{"x": value(t, "[2, 1]"), "w": value(t, "[pi/2, pi]"), "l": value(t, "1")}
	g, err := network.Build(prog, map[string][]int{"x": {2}, "w": {2}, "l": nil}, "")
	require.NoError(t, err)
	ctx := context.Background()
	first, err := network.Run(ctx, g, inputs, true)
	require.NoError(t, err)
	steps, err := network.Descend(ctx, first, inputs, []string{"w"}, network.Descent{LR: expr.Rat(1, 2), Momentum: expr.Rat(9, 10), Steps: 2})
	require.NoError(t, err)
	require.Len(t, steps, 2)
	assert.Equal(t, "-log(2)", steps[0].Loss.String())
	assert.Equal(t, "[0, 1/2]", steps[0].Velocity["w"].String())
	assert.Equal(t, "[pi/2, pi - 1/4]", steps[0].Inputs["w"].String())

	y := 2 + math.Sin(0.25)
	assert.InDelta(t, -math.Log(y), floats(t, steps[1].Loss)[0], 1e-12)
	v := 0.45 + math.Cos(0.25)/y
	got := floats(t, steps[1].Inputs["w"])
	assert.InDelta(t, math.Pi/2, got[0], 1e-12)
	assert.InDelta(t, math.Pi-0.25-v/2, got[1], 1e-12)
	assert.Contains(t, steps[1].Inputs["w"].String(), "sin(pi - 1/4)", "exact when exact")

	// Without momentum, the velocity is the gradient.
	plain, err := network.Descend(ctx, first, inputs, []string{"w"}, network.Descent{LR: expr.Rat(1, 2), Steps: 2})
	require.NoError(t, err)
	assert.InDelta(t, math.Pi-0.25-math.Cos(0.25)/y/2, floats(t, plain[1].Inputs["w"])[1], 1e-12)

	_, err = network.Descend(ctx, first, inputs, []string{"w"}, network.Descent{LR: expr.One, Steps: 0})
	require.ErrorContains(t, err, "the number of steps is 0")
}
