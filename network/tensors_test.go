package network_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// runNetwork builds and runs src at the given values (name to value
// text), exactly or in float64.
func runNetwork(t *testing.T, src string, values map[string]string, exactly bool) (*network.Pass, error) {
	t.Helper()
	prog, err := parser.ParseNetwork("", src)
	require.NoError(t, err, src)
	inputs, shapes := given(t, values)
	g, err := network.Build(prog, shapes, "")
	if err != nil {
		return nil, err
	}
	return network.Run(context.Background(), g, inputs, exactly)
}

// given reads values (name to value text) and their shapes.
func given(t *testing.T, values map[string]string) (map[string]tensor.Tensor, map[string][]int) {
	t.Helper()
	inputs := map[string]tensor.Tensor{}
	shapes := map[string][]int{}
	for name, v := range values {
		inputs[name] = value(t, v)
		shapes[name] = inputs[name].Shape()
	}
	return inputs, shapes
}

// gradient is the adjoint of the input name, as text.
func gradient(t *testing.T, p *network.Pass, name string) string {
	t.Helper()
	n, ok := p.Graph.Node(name)
	require.True(t, ok, name)
	require.NotNil(t, p.Adjoints[n.ID], name)
	return p.Adjoints[n.ID].String()
}

// TestTensorOperations: values and gradients worked out by hand, and
// the conventions where a derivative is missing, each with its note.
func TestTensorOperations(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		values    map[string]string
		loss      string
		grads     map[string]string
		note      string
	}{
		{"an entry and a row", "L = x[2] + sum(W[2, :])", map[string]string{"x": "[1, 2, 3]", "W": "[[1, 2], [3, 4]]"},
			"9", map[string]string{"x": "[0, 1, 0]", "W": "[[0, 0], [1, 1]]"}, ""},
		{"a strided range, reversed", "L = x[end:-2:1]^T y", map[string]string{"x": "[1, 2, 3]", "y": "[10, 100]"},
			"130", map[string]string{"x": "[100, 0, 10]", "y": "[3, 1]"}, ""},
		{"reshape row-major", "L = reshape(x, [2, 3])[2, 1]", map[string]string{"x": "[1, 2, 3, 4, 5, 6]"},
			"4", map[string]string{"x": "[0, 0, 0, 1, 0, 0]"}, ""},
		{"concat along the second dimension", "L = sum(concat(A, B, 2)[:, 2:3])", map[string]string{"A": "[[1, 2], [3, 4]]", "B": "[[5], [6]]"},
			"17", map[string]string{"A": "[[0, 1], [0, 1]]", "B": "[[1], [1]]"}, ""},
		{"concat with a number", "L = w^T concat(1, x)", map[string]string{"w": "[5, 1, 2]", "x": "[3, 4]"},
			"16", map[string]string{"w": "[1, 3, 4]", "x": "[1, 2]"}, ""},
		{"max to the largest", "L = max(x)", map[string]string{"x": "[1, 3, 2]"},
			"3", map[string]string{"x": "[0, 1, 0]"}, ""},
		{"max tied: split evenly", "L = max(x)", map[string]string{"x": "[3, 1, 3]"},
			"3", map[string]string{"x": "[1/2, 0, 1/2]"}, "max has no derivative where entries tie for the largest; the backward pass splits the gradient evenly among them, as PyTorch's max does"},
		{"min tied", "L = min(x)", map[string]string{"x": "[1, 1, 1]"},
			"1", map[string]string{"x": "[1/3, 1/3, 1/3]"}, "min has no derivative where entries tie for the smallest; the backward pass splits the gradient evenly among them, as PyTorch's min does"},
		{"max of two, tied in one entry", "L = sum(max(a, b))", map[string]string{"a": "[1, 2]", "b": "[0, 2]"},
			"3", map[string]string{"a": "[1, 1/2]", "b": "[0, 1/2]"}, "max(a, b) has no derivative where a and b are equal; the backward pass gives each half the gradient there, as PyTorch's maximum does"},
		{"min with a number", "L = sum(min(a, 1))", map[string]string{"a": "[0, 2]"},
			"1", map[string]string{"a": "[1, 0]"}, ""},
		{"norm", "L = norm(x)", map[string]string{"x": "[3, 4]"},
			"5", map[string]string{"x": "[3/5, 4/5]"}, ""},
		{"norm at 0", "L = norm(x)", map[string]string{"x": "[0, 0]"},
			"0", map[string]string{"x": "[0, 0]"}, "norm has no derivative at 0; the backward pass takes 0 there, as PyTorch does"},
		{"mse", "L = mse(y, t)", map[string]string{"y": "[1, 2]", "t": "[0, 4]"},
			"5/2", map[string]string{"y": "[1, -2]", "t": "[-1, 2]"}, ""},
		{"crossentropy of a class", "L = crossentropy(z, 2)", map[string]string{"z": "[0, 0]"},
			"log(2)", map[string]string{"z": "[1/2, -1/2]"}, ""},
		{"crossentropy of one-hot probabilities", "L = crossentropy(z, p)", map[string]string{"z": "[0, 0]", "p": "[0, 1]"},
			"log(2)", map[string]string{"z": "[1/2, -1/2]", "p": "[log(2), log(2)]"}, ""},
		{"crossentropy of a batch, averaged", "L = crossentropy(Z, c)", map[string]string{"Z": "[[0, 0], [0, 0]]", "c": "[1, 2]"},
			"log(2)", map[string]string{"Z": "[[-1/4, 1/4], [1/4, -1/4]]", "c": "[0, 0]"}, ""},
		{"nll", "L = nll(l, 1)", map[string]string{"l": "[-1, -2]"},
			"1", map[string]string{"l": "[-1, 0]"}, ""},
		// One class: probabilities [C] = [1] are as many entries as the
		// rows, and were once read as classes (found by bench/torch_oracle.py).
		{"nll of probabilities of one class", "L = nll(l, p)", map[string]string{"l": "[-1]", "p": "[1/2]"},
			"1/2", map[string]string{"l": "[-1/2]", "p": "[1]"}, ""},
		{"nll of a batch of probabilities of one class", "L = nll(M, P)", map[string]string{"M": "[[-1], [-2]]", "P": "[[1/2], [1]]"},
			"5/4", map[string]string{"M": "[[-1/4], [-1/2]]", "P": "[[1/2], [1]]"}, ""},
		{"nll of a batch of classes of one class", "L = nll(M, c)", map[string]string{"M": "[[-1], [-2]]", "c": "[1, 1]"},
			"3/2", map[string]string{"M": "[[-1/2], [-1/2]]", "c": "[0, 0]"}, ""},
		{"crossentropy of a batch of probabilities of one class", "L = crossentropy(Z, P)", map[string]string{"Z": "[[0], [0]]", "P": "[[1], [1/2]]"},
			"0", map[string]string{"Z": "[[0], [0]]", "P": "[[0], [0]]"}, ""},
		{"bce", "L = bce(p, y)", map[string]string{"p": "[1/2]", "y": "[1]"},
			"-log(1/2)", map[string]string{"p": "[-2]", "y": "[0]"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := runNetwork(t, tc.src, tc.values, true)
			require.NoError(t, err)
			assert.Equal(t, tc.loss, p.Values[p.Graph.Loss.ID].String())
			for name, want := range tc.grads {
				assert.Equal(t, want, gradient(t, p, name), "dL/d%s", name)
			}
			if tc.note == "" {
				assert.Empty(t, p.Notes)
			} else {
				assert.Equal(t, []string{tc.note}, p.Notes)
			}
		})
	}
}

// TestStableInFloats: logits far beyond exp's range give finite losses
// and gradients in float64, as log-sum-exp shifted by the largest does.
func TestStableInFloats(t *testing.T) {
	p, err := runNetwork(t, "L = crossentropy(z, 1) + logsumexp(z) - 1000 + sum(softmax(z) * z)", map[string]string{"z": "[1000, 0]"}, false)
	require.NoError(t, err)
	got := floats(t, p.Values[p.Graph.Loss.ID])[0]
	assert.InDelta(t, 1000, got, 1e-9)
	for _, g := range floats(t, *p.Adjoints[0]) {
		assert.False(t, math.IsNaN(g) || math.IsInf(g, 0))
	}
}

// TestTensorErrors: every mistake is an error at its place, naming the
// shapes or the index.
func TestTensorErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		values    map[string]string
		want      string
	}{
		{"an index out of range", "L = x[3]", map[string]string{"x": "[1, 2]"},
			"1:7: index 3 out of range 1..2: x has shape [2]"},
		{"a second index out of range", "L = W[1, 0]", map[string]string{"W": "[[1, 2]]"},
			"1:10: second index 0 out of range 1..2: W has shape [1, 2]"},
		{"a range past the end", "L = sum(x[1:2:end+2])", map[string]string{"x": "[1, 2]"},
			"1:11: index 3 out of range 1..2: x has shape [2]"},
		{"an empty range", "L = sum(x[2:1])", map[string]string{"x": "[1, 2]"},
			"1:11: the range 2:1 is empty along a dimension of 2 (from 2 to 1 by 1)"},
		{"too few indices", "L = W[1]", map[string]string{"W": "[[1, 2]]"},
			"1:6: W has shape [1, 2], which takes 2 indices, not 1"},
		{"a number indexed", "L = (2 s)[1]", map[string]string{"s": "1"},
			"1:10: 2 s is a number, which has no entries to index"},
		{"reshape to another size", "L = sum(reshape(x, [4]))", map[string]string{"x": "[1, 2, 3]"},
			"1:9: reshape of shape [3] to [4]: its 3 entries do not fill 4"},
		{"reshape past rank 4", "L = sum(reshape(x, [1, 1, 1, 1, 2]))", map[string]string{"x": "[1, 2]"},
			"1:9: reshape(x, [1, 1, 1, 1, 2]) would have shape [1, 1, 1, 1, 2]: a tensor has at most 4 dimensions"},
		{"concat of other lengths", "L = sum(concat(A, B))", map[string]string{"A": "[[1, 2]]", "B": "[[1]]"},
			"1:9: shapes [1, 2] and [1, 1] do not concatenate along dimension 1: they differ in dimension 2"},
		{"concat along a dimension missing", "L = sum(concat(a, b, 2))", map[string]string{"a": "[1]", "b": "[1]"},
			"1:9: concat along dimension 2 of shapes [1] and [1], which have 1"},
		{"max of two shapes", "L = sum(max(a, b))", map[string]string{"a": "[1, 2]", "b": "[1, 2, 3]"},
			"1:9: shapes [2] and [3] differ in max: only a scalar goes with every entry of a tensor"},
		{"mse of two shapes", "L = mse(a, b)", map[string]string{"a": "[1, 2]", "b": "[1, 2, 3]"},
			"1:5: shapes [2] and [3] differ in mse: the prediction and the target have one shape"},
		{"crossentropy of a matrix of classes", "L = crossentropy(z, c)", map[string]string{"z": "[1, 2]", "c": "[[1]]"},
			"1:5: crossentropy takes logits of shape [C] or [N, C] and classes of shape [] or [N] or probabilities of their shape, not shapes [2] and [1, 1]"},
		{"a class out of range", "L = crossentropy(z, 3)", map[string]string{"z": "[1, 2]"},
			"1:5: L: the class 3 is not one of 1..2"},
		{"a class that is no whole number", "L = nll(z, c)", map[string]string{"z": "[1, 2]", "c": "1/2"},
			"1:5: L: the class 1/2 is not one of 1..2"},
		{"bce of a certainty", "L = bce(p, y)", map[string]string{"p": "[1]", "y": "[1]"},
			"1:5: L: the probability 1 is not strictly between 0 and 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runNetwork(t, tc.src, tc.values, true)
			require.Error(t, err)
			d := diag.From(err)
			assert.Equal(t, tc.want, d.Pos.String()+": "+d.Msg)
		})
	}

	prog, err := parser.ParseNetwork("", "L = sum(x)")
	require.NoError(t, err)
	_, err = network.Build(prog, map[string][]int{"x": {1, 1, 1, 1, 2}}, "")
	require.EqualError(t, err, "1:9: x has shape [1, 1, 1, 1, 2]: a tensor has at most 4 dimensions")
}

// TestForwardOfATerm: a term alone, whose value is any tensor, as eval
// works it out.
func TestForwardOfATerm(t *testing.T) {
	prog, err := parser.ParseNetwork("", "y = W x")
	require.NoError(t, err)
	x := prog.Assignments[0].Expr
	g, err := network.BuildTerm(x, "W x", map[string][]int{"W": {2, 2}, "x": {2}})
	require.NoError(t, err)
	p, err := network.Forward(context.Background(), g, map[string]tensor.Tensor{"W": value(t, "[[1, 2], [3, 4]]"), "x": value(t, "[1, 1]")}, true)
	require.NoError(t, err)
	assert.Equal(t, "[3, 7]", p.Values[g.Loss.ID].String())

	_, err = network.BuildTerm(x, "W x", map[string][]int{"W": {2, 2}})
	require.EqualError(t, err, "1:7: no value is given for x: add a binding x=...")
}
