package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/parser"
)

// TestEvalTensors: a term whose values are arrays used whole, or which
// only network mode reads, is worked out over tensors; the rest as
// before.
func TestEvalTensors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"the seed's forward pass", []string{"sin(w)^T x", "x=[2, 1]", "w=[pi/2, pi]"}, "2\n"},
		{"a matrix times a vector", []string{"W x", "W=[[1,2],[3,4]]", "x=[1,1]"}, "[3, 7]\n"},
		{"decimals when they say more", []string{"x/2", "x=[0, 1]"}, "[0, 1/2] = [0, 0.5]\n"},
		{"a matrix, exactly", []string{"W^T", "W=[[1, 2], [3, 4]]"}, "[[1, 3], [2, 4]]\n"},
		{"a scalar result as eval writes one", []string{"-log(softmax(z)[1])", "z=[0, 0]"}, "-log(1/2) = 0.6931471805599453\n"},
		{"a slice", []string{"x[2:end] + x[1:2]", "x=[1, 2, 3]"}, "[3, 5]\n"},
		{"an operation only networks have", []string{"max(x) + norm(x)", "x=[3, 4]"}, "9\n"},
		{"a loss", []string{"crossentropy(z, 1)", "z=[0, 0]"}, "log(2) = 0.6931471805599453\n"},
		{"indexed variables stay scalar", []string{"sum(x[i] y[i], i, 1, N)", "x=[1, 2, 3]", "y=[1, 1, 2]", "N=3"}, "9\n"},
		{"an entry stays scalar", []string{"x[2]^2", "x=[1, 2, 3]"}, "4\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"eval"}, tc.args...)...)
			require.Equal(t, 0, r.status, r.stderr)
			assert.Equal(t, tc.want, r.stdout)
			assert.Empty(t, r.stderr)
		})
	}

	r := runCLI(t, "", "eval", "x/2", "x=[0, 1]", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.JSONEq(t, `{"schema": 1, "input": {"plain": "x/2", "latex": "\\frac{x}{2}"}, "value": [0, 0.5], "shape": [2],
		"exact": {"plain": "[0, 1/2]", "latex": "\\begin{bmatrix} 0 \\\\ \\frac{1}{2} \\end{bmatrix}"}}`, r.stdout)
	var a answer.Eval
	decodeStrict(t, r.stdout, &a)
	v, err := parser.ParseValue(a.Exact.Plain)
	require.NoError(t, err, "the exact value reads back")
	assert.Equal(t, "[0, 1/2]", v.String())

	r = runCLI(t, "", "eval", "W[:, 2]", "W=[[1, 2], [3, 4]]", "y=1", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.JSONEq(t, `{"schema": 1, "input": {"plain": "W[:, 2]", "latex": "W_{:, 2}"}, "value": [2, 4], "shape": [2],
		"exact": {"plain": "[2, 4]", "latex": "\\begin{bmatrix} 2 \\\\ 4 \\end{bmatrix}"},
		"warnings": [{"message": "binding y=1: the expression does not use y"}]}`, r.stdout)
	assert.Equal(t, "derivtex: warning: binding y=1: the expression does not use y\n", r.stderr)
}

// TestEvalTensorErrors: every mistake over tensors has its place, with
// the line and a caret, and exit status 2.
func TestEvalTensorErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"an index out of range", []string{"x[1:5]", "x=[1, 2, 3]"},
			"derivtex: 1:3: index 5 out of range 1..3: x has shape [3]\nx[1:5]\n  ^\n"},
		{"shapes that differ", []string{"w + x", "w=[1, 2]", "x=[1, 2, 3]"},
			"derivtex: 1:3: shapes [2] and [3] differ in +: only a scalar goes with every entry of a tensor\nw + x\n  ^\n"},
		{"a value missing", []string{"W x", "W=[[1, 2]]"},
			"derivtex: 1:3: no value is given for x: add a binding x=...\nW x\n  ^\n"},
		{"a division by zero", []string{"x/y", "x=[1, 2]", "y=0"},
			"derivtex: 1:2: x/y: division by zero\nx/y\n ^\n"},
		{"network mode's syntax error when a value is an array", []string{"x[1:]", "x=[1, 2]"},
			"derivtex: 1:5: unexpected \"]\"\nx[1:]\n    ^\n"},
		{"an operation of networks with the wrong arguments", []string{"reshape(x)", "x=[1, 2]"},
			"derivtex: 1:1: reshape takes 2 arguments, got 1\nreshape(x)\n^\n"},
		{"a class out of range", []string{"crossentropy(z, 3)", "z=[1, 2]"},
			"derivtex: 1:1: crossentropy(z, 3): the class 3 is not one of 1..2\ncrossentropy(z, 3)\n^\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"eval"}, tc.args...)...)
			assert.Equal(t, 2, r.status, r.stdout)
			assert.Equal(t, tc.want, r.stderr)
		})
	}
}
