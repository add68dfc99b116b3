package network_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

func filledTensor(shape []int) tensor.Tensor {
	n := 1
	for _, d := range shape {
		n *= d
	}
	entries := make([]expr.Expr, n)
	for i := range entries {
		entries[i] = expr.Rat(int64(i%7+1), 3)
	}
	t, _ := tensor.New(shape, entries)
	return t
}

// TestLimits: a graph has at most MaxNodes operations and a tensor at
// most MaxEntries entries; a pass stops when the job's work budget is
// spent, however the work is shaped (a large matrix product has few
// entries for its work).
func TestLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("z0 = w")
	for i := 1; i < parser.MaxAssignments; i++ {
		fmt.Fprintf(&b, "; z%d = %sz%d%s", i, strings.Repeat("sin(", 11), i-1, strings.Repeat(")", 11))
	}
	prog, err := parser.ParseNetwork("", b.String())
	require.NoError(t, err)
	_, err = network.Build(prog, map[string][]int{"w": nil}, "")
	require.ErrorContains(t, err, fmt.Sprintf("the network has more than %d operations", network.MaxNodes))
	_, err = parser.ParseNetwork("", b.String()+"; extra = w")
	require.ErrorContains(t, err, "more than 1000 assignments")

	prog, err = parser.ParseNetwork("", "y = x y2; L = sum(y)\ny2 = x^T")
	require.NoError(t, err)
	_, err = network.Build(prog, map[string][]int{"x": {2000}}, "L")
	require.ErrorContains(t, err, "entries, more than")

	prog, err = parser.ParseNetwork("", "Y = A B; L = sum(Y)")
	require.NoError(t, err)
	shapes := map[string][]int{"A": {300, 300}, "B": {300, 300}}
	g, err := network.Build(prog, shapes, "")
	require.NoError(t, err)
	m := budget.New(context.Background(), budget.Limits{Work: 2_000_000})
	_, err = network.Run(budget.With(context.Background(), m), g, map[string]tensor.Tensor{"A": filledTensor(shapes["A"]), "B": filledTensor(shapes["B"])}, true)
	var exceeded *budget.Exceeded
	require.True(t, errors.As(err, &exceeded), "%v", err)
	assert.Equal(t, budget.Work, exceeded.Kind)
}
