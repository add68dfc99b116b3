package network_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// TestDefinedOperators runs networks through operators defined by their
// index maps, forward by the definition and backward by the derived
// VJP, against finite differences and exactly: strides, reversal, shifts,
// products of entries, transposes, repetition, sums over a window.
func TestDefinedOperators(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for _, tt := range []struct {
		src    string
		shapes map[string][]int
	}{
		{"op SEE(x[2N])[i] = x[2 i], i = 1..N; y = SEE(x); L = sum(w * y)", map[string][]int{"x": {6}, "w": {3}}},
		{"op SOE(x[2N])[i] = x[2 i - 1], i = 1..N; L = sum(tanh(SOE(x)))", map[string][]int{"x": {8}}},
		{"op REV(x[N])[i] = x[N + 1 - i], i = 1..N; L = sum(REV(x) * x * x)", map[string][]int{"x": {5}}},
		{"op SHIFT(x[N])[i] = x[i + 1] - x[i], i = 1..N - 1; L = sum(SHIFT(x) * SHIFT(x))", map[string][]int{"x": {4}}},
		{"op PAIR(x[2N])[i] = x[2 i - 1] x[2 i], i = 1..N; L = sum(sin(PAIR(x)))", map[string][]int{"x": {6}}},
		{"op T(x[M, N])[i, j] = x[j, i], i = 1..N, j = 1..M; L = sum(T(W) * V)", map[string][]int{"W": {2, 3}, "V": {3, 2}}},
		{"op UP(x[N])[i, r] = x[i], i = 1..N, r = 1..2; L = sum(exp(UP(x)) * V)", map[string][]int{"x": {3}, "V": {3, 2}}},
		{"op BACK(x[2N + 1])[i] = x[2 N + 2 - 2 i]^3, i = 1..N; L = sum(BACK(x))", map[string][]int{"x": {7}}},
		{"op DIAG(x[N, N])[i] = x[i, i], i = 1..N; L = sum(DIAG(W) * DIAG(W))", map[string][]int{"W": {3, 3}}},
	} {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := parser.ParseNetwork("", tt.src)
			require.NoError(t, err)
			g, err := network.Build(prog, tt.shapes, "")
			require.NoError(t, err)
			inputs := randomInputs(r, tt.shapes)
			pass, err := network.Run(context.Background(), g, inputs, false)
			require.NoError(t, err)
			checkGradients(t, tt.src, g, inputs, pass, true)
		})
	}
}

// TestDefinedOperatorSeed: question 4 with numbers, the gradient
// scattered into the even positions.
func TestDefinedOperatorSeed(t *testing.T) {
	prog, err := parser.ParseNetwork("", "op SEE(x[2N])[i] = x[2 i], i = 1..N\ny = SEE(x)\nL = sum(w * y)")
	require.NoError(t, err)
	g, err := network.Build(prog, map[string][]int{"x": {6}, "w": {3}}, "")
	require.NoError(t, err)
	pass, err := network.Run(context.Background(), g, map[string]tensor.Tensor{"x": value(t, "[1, 2, 3, 4, 5, 6]"), "w": value(t, "[1, 2, 3]")}, true)
	require.NoError(t, err)
	x, _ := g.Node("x")
	assert.Equal(t, "[0, 1, 0, 2, 0, 3]", pass.Adjoints[x.ID].String())
}

// TestDefinedOperatorErrors: every mistake at its place.
func TestDefinedOperatorErrors(t *testing.T) {
	for _, tt := range []struct {
		src    string
		shapes map[string][]int
		want   string
	}{
		{"op SEE(x[2N])[i] = x[2 i], i = 1..N; L = sum(SEE(x))", map[string][]int{"x": {3}}, "1:46: SEE's size N would be 3/2 for shape [3]"},
		{"op SEE(x[2N])[i] = x[2 i], i = 1..N; L = sum(SEE(x))", map[string][]int{"x": {2, 2}}, "SEE takes a tensor of 1 dimensions, not shape [2, 2]"},
		{"op W(x[N])[i] = w[i] x[i], i = 1..N; L = sum(W(x))", map[string][]int{"x": {3}}, "1:4: W reads w: in a network, an operator reads only its argument and its sizes"},
		{"op sum(x[N])[i] = x[i], i = 1..N; L = sum(x)", map[string][]int{"x": {3}}, "1:4: sum is defined twice, or is an operation of networks"},
		{"op A(x[N])[i] = x[i], i = 1..N; op A(x[N])[i] = x[i], i = 1..N; L = sum(A(x))", map[string][]int{"x": {3}}, "is defined twice"},
		{"op S(x[N])[i] = x[i - 1], i = 1..N; L = sum(S(x))", map[string][]int{"x": {3}}, "1:17: S reads x[0], before the first entry of x"},
	} {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := parser.ParseNetwork("", tt.src)
			if err == nil {
				_, err = network.Build(prog, tt.shapes, "")
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
