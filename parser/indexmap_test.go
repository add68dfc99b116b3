package parser_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser"
)

func TestParseOp(t *testing.T) {
	op, err := parser.ParseOp(context.Background(), "", "SEE(x[2N])[i] = x[2 i], i = 1..N")
	require.NoError(t, err)
	assert.Equal(t, "SEE(x[2*N])[i] = x[2*i], i = 1..N", op.String())
	again, err := parser.ParseOp(context.Background(), "", op.String())
	require.NoError(t, err)
	assert.Equal(t, op.String(), again.String())
}

// TestParseOpErrors: every mistake in a definition is an error at its
// place.
func TestParseOpErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"", "1:1: an operator is defined as NAME(x[SIZE, ...])[i, ...] = body, i = LO..HI, ..."},
		{"SEE(x)[i] = x[2 i], i = 1..N", "1:1: an operator is defined as"},
		{"SEE(x[2N])[i] = x[2 i]", "1:23: no range for i: add , i = 1..N"},
		{"SEE(x[2N])[i] = x[2 i], j = 1..N", "1:25: j is not an output index of SEE"},
		{"SEE(x[2N])[i] = x[2 i], i = 1..N, i = 1..N", "1:35: the range of i is given twice"},
		{"SEE(x[2N])[i] = x[2 i], i = 1 to N", "1:25: after the body come the ranges of the output indices: i = 1..N"},
		{"SEE(x[2N])[i] = x[2 i +], i = 1..N", "1:24: "},
		{"SEE(x[2N])[i, i] = x[2 i], i = 1..N", "1:15: the index i is listed twice"},
		{"sin(x[2N])[i] = x[2 i], i = 1..N", "1:1: sin is a constant or a function"},
		{"SEE(x[2N])[i] = x[i^2], i = 1..N", "1:17: the position i^2 in x[i^2] is not an integer multiple of i plus a constant"},
		{"SEE(x[2N])[i] = x[i/2], i = 1..N", "1:17: the position i/2 in x[i/2] is not an integer multiple of i plus a constant"},
		{"SEE(x[2N])[i, k] = x[3 i + k], i = 1..N, k = 1..2", "1:20: the position 3*i + k in x[3*i + k] moves with both i and k"},
		{"SEE(x[2N])[i] = x[2 i] + x, i = 1..N", "1:26: x has no index, but x[2 i] before it has 1 index"},
		{"SEE(x[2N])[i] = w[i], i = 1..N", "1:17: the body of SEE reads no entry of x"},
		{"SHIFT(x[N])[i] = x[i - 1], i = 1..N", "1:18: SHIFT reads x[0], before the first entry of x, when i = 1"},
		{"SHIFT(x[N])[i] = x[i + 1], i = 1..N", "1:18: SHIFT reads x[N + 1], past the last entry of x (N), when i = N"},
		{"SEE(x[2N])[i] = x[2 i, 1], i = 1..N", "1:17: x[2*i, 1] has 2 indices; x has 1 dimension"},
		{"SEE(x[2N])[i] = sum(x[k], k, 1, i), i = 1..N", "1:17: x is read at a position that depends on the bound index k"},
		{"SEE(x[2N])[i] = x[x[i]], i = 1..N", "1:17: x is read at a position that depends on x itself"},
		{"SEE(x[i])[i] = x[i], i = 1..N", "1:16: the size of x depends on an output index"},
		{"F(x[0])[i] = x[i], i = 1..1", "1:5: a size is a whole number from 1, not 0"},
		{"F(x[N, 1/2])[i] = x[i, 1], i = 1..N", "1:8: a size is a whole number from 1, not 1/2"},
		{"F(x[N])[i] = x[i], i = 2..1", "1:24: the range 2..1 of i is empty"},
		{"F(x[N])[i] = x[i], i = N..N - 1", "1:24: the range N..N - 1 of i is empty"},
	} {
		t.Run(tt.src, func(t *testing.T) {
			_, err := parser.ParseOp(context.Background(), "", tt.src)
			require.Error(t, err)
			assert.Equal(t, diag.Input, diag.KindOf(err))
			assert.Contains(t, err.Error(), tt.want)
			if tt.src != "" {
				assert.NotEmpty(t, diag.From(err).Snippet(), "a caret line")
			}
		})
	}
}
