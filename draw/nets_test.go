package draw

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// testNet is a network in the plain syntax with values for its inputs:
// what the drawing tests draw.
type testNet struct {
	Src   string
	Given map[string]string
}

var (
	// seedNet is the seed exam's question 3: 9 nodes.
	seedNet = testNet{"y = sin(w)^T x; L = -log(y l)", map[string]string{"x": "[2, 1]", "w": "[pi/2, pi]", "l": "1"}}
	// mlpNet is a three-layer perceptron with a squared error: 18 nodes.
	mlpNet = testNet{"h1 = tanh(W1 x + b1); h2 = tanh(W2 h1 + b2); y = W3 h2; L = sum((y - t) * (y - t))",
		map[string]string{"x": "[1, -1]", "W1": "[[1/2, -1], [1, 1/4], [0, 1]]", "b1": "[0, 1/2, -1]",
			"W2": "[[1, 0, -1], [1/2, 1, 0]]", "b2": "[1/4, 0]", "W3": "[[1, -1], [2, 1/2]]", "t": "[1, 0]"}}
	// wideNet has 30 nodes: two hidden layers, a softmax, a cross-entropy
	// and a weight penalty, whose inputs feed layers far apart.
	wideNet = testNet{"h1 = tanh(W1 x + b1); h2 = relu(W2 h1 + b2); y = W3 h2 + b3; p = softmax(y); " +
		"L = -sum(t * log(p)) + lam * (sum(W1 ^ 2) + sum(W2 * W2))",
		map[string]string{"x": "[1, -1]", "W1": "[[1/2, -1], [1, 1/4], [0, 1]]", "b1": "[0, 1/2, -1]",
			"W2": "[[1, 0, -1], [1/2, 1, 0]]", "b2": "[1/4, 0]", "W3": "[[1, -1], [2, 1/2], [0, 1]]", "b3": "[0, 0, 1]",
			"t": "[0, 1, 0]", "lam": "1/100"}}
)

// Run builds n and runs it, exactly or in float64.
func (n testNet) Run(t testing.TB, exactly bool) *network.Pass {
	t.Helper()
	prog, err := parser.ParseNetwork("", n.Src)
	require.NoError(t, err)
	inputs := map[string]tensor.Tensor{}
	shapes := map[string][]int{}
	for name, v := range n.Given {
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
