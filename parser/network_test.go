package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/network"
)

func TestParseNetwork(t *testing.T) {
	p, err := ParseNetwork("", "y = sin(w)^T x; L = -log(y l)\n# a comment\n\n z = W x + b ; s = softmax(z) * 2 - sqrt(|z|)")
	require.NoError(t, err)
	var got []string
	for _, a := range p.Assignments {
		got = append(got, a.Name+" = "+network.Format(a.Expr))
	}
	assert.Equal(t, []string{
		"y = sin(w)^T x",
		"L = -log(y l)",
		"z = W x + b",
		"s = softmax(z) * 2 - abs(z)^(1/2)",
	}, got)
	assert.Equal(t, diag.Pos{Line: 1, Col: 17, Offset: 16}, p.Assignments[1].Pos)
	assert.Equal(t, diag.Pos{Line: 4, Col: 2, Offset: 44}, p.Assignments[2].Pos)
}

// TestParseNetworkTensors: indexing, reshaping and the losses read as
// written, and print back the same.
func TestParseNetworkTensors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"y = x[2] + W[1, 2]", "x[2] + W[1, 2]"},
		{"y = x[2:end] * x[1:2:end]", "x[2:end] * x[1:2:end]"},
		{"y = x[end:-1:1] - x[end - 1 : end]", "x[end:-1:1] - x[end-1:end]"},
		{"y = W[:, 1]^T (W x)[1:2]", "W[:, 1]^T (W x)[1:2]"},
		{"y = W^T[1, :] + x^T[1]", "(W^T)[1, :] + (x^T)[1]"},
		{"y = -x[1]^2 + softmax(z)[end]", "-x[1]^2 + softmax(z)[end]"},
		{"y = reshape(x, [2, 3])[2, :]", "reshape(x, [2, 3])[2, :]"},
		{"y = concat(a, b) + flatten(concat(A, B, 2))", "concat(a, b) + flatten(concat(A, B, 2))"},
		{"y = max(x) + min(a, b) + max(a, 0) + norm(x)", "max(x) + min(a, b) + max(a, 0) + norm(x)"},
		{"y = mse(a, b) + bce(p, t) + crossentropy(z, 2) + nll(z, p)", "mse(a, b) + bce(p, t) + crossentropy(z, 2) + nll(z, p)"},
	} {
		p, err := ParseNetwork("", tc.src)
		require.NoError(t, err, tc.src)
		got := network.Format(p.Assignments[0].Expr)
		assert.Equal(t, tc.want, got, tc.src)
		again, err := ParseNetwork("", "y = "+got)
		require.NoError(t, err, got)
		assert.Equal(t, got, network.Format(again.Assignments[0].Expr), "printed twice")
	}
	p, err := ParseNetwork("", "y = max(a, b) + W[2, 1:end]")
	require.NoError(t, err)
	sum := p.Assignments[0].Expr.(*network.Apply)
	assert.Equal(t, "maximum", sum.Args[0].(*network.Apply).Op)
	index := sum.Args[1].(*network.Apply)
	assert.Equal(t, []network.Index{
		{From: network.Bound{N: 2}, Pos: diag.Pos{Line: 1, Col: 19, Offset: 18}},
		{From: network.Bound{N: 1}, To: network.Bound{End: true}, Step: 1, Pos: diag.Pos{Line: 1, Col: 22, Offset: 21}},
	}, index.Index)
}

func TestParseNetworkErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"y = sin(w", "1:8: unclosed \"(\"\ny = sin(w\n       ^"},
		{"y = 1; z = foo(y)", "1:12: unknown operation \"foo\"\ny = 1; z = foo(y)\n           ^"},
		{"y = x[1", "1:6: unclosed \"[\"\ny = x[1\n     ^"},
		{"y = x[1 2]", "1:9: unexpected \"2\": write \"*\" to multiply by a number\ny = x[1 2]\n        ^"},
		{"y = x[1:2:3:4]", "1:12: a range is from:to or from:step:to, with at most two \":\"\ny = x[1:2:3:4]\n           ^"},
		{"y = x[:3]", "1:8: unexpected \"3\": \":\" alone is a whole dimension, and a range starts with its first index (1:3)\ny = x[:3]\n       ^"},
		{"y = x[1:0:3]", "1:9: the step of a range is a whole number other than 0 (2, -1)\ny = x[1:0:3]\n        ^"},
		{"y = x[1/2]", "1:7: an index is a whole number, end, or end - k (x[2], x[end - 1])\ny = x[1/2]\n      ^"},
		{"y = x[end/2]", "1:7: an index is a whole number, end, or end - k (x[2], x[end - 1])\ny = x[end/2]\n      ^"},
		{"y = end + 1", "1:5: end stands for the last index of a dimension, inside x[...]\ny = end + 1\n    ^"},
		{"end = 1", "1:1: end cannot be assigned: it is a constant or an operation\nend = 1\n^"},
		{"y = reshape(x, 6)", "1:16: reshape takes the new shape as a list of lengths: reshape(x, [2, 3])\ny = reshape(x, 6)\n               ^"},
		{"y = reshape(x, [2, 0])", "1:20: a length of a shape is a whole number, at least 1\ny = reshape(x, [2, 0])\n                   ^"},
		{"y = concat(a, b, 0)", "1:18: the dimension concat joins along is a whole number, at least 1\ny = concat(a, b, 0)\n                 ^"},
		{"y = max(a, b, c)", "1:5: max takes 1 to 2 arguments, got 3\ny = max(a, b, c)\n    ^"},
		{"y = mse(a)", "1:5: mse takes 2 arguments, got 1\ny = mse(a)\n    ^"},
		{"y = [1, 2] + x", "1:5: an array in a network: give it as a value (x=[1, 2]) and use its name\ny = [1, 2] + x\n    ^"},
		{"sin = 2", "1:1: sin cannot be assigned: it is a constant or an operation\nsin = 2\n^"},
		{"y = 2\n  = 3", "2:3: unexpected \"=\"\n  = 3\n  ^"},
	} {
		_, err := ParseNetwork("", tc.src)
		require.Error(t, err, tc.src)
		assert.Equal(t, tc.want, diag.ListOf(err).Report()[:len(diag.ListOf(err).Report())-1], tc.src)
	}
}
