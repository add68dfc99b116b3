package answer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
)

// TestEncodeStreamsTheSameAnswer: writing an answer a step at a time gives
// the bytes of the answer built whole and then encoded, with and without
// named shared subterms.
func TestEncodeStreamsTheSameAnswer(t *testing.T) {
	ctx := context.Background()
	w := expr.Sym("w")
	for _, src := range []string{
		"w",
		"7",
		"sigmoid(w x + b)^2 log(sigmoid(w x + b))",
		strings.Repeat("sin(", 60) + "w" + strings.Repeat(")", 60), // names subterms
	} {
		x, err := parser.Parse(src)
		require.NoError(t, err)
		d, err := derive.Steps(ctx, x, w)
		require.NoError(t, err)

		var want, got strings.Builder
		for _, cse := range []bool{false, true} {
			whole, err := answer.DiffOf(ctx, "w", d, cse)
			require.NoError(t, err)
			whole.Schema = answer.Schema
			want.Reset()
			got.Reset()
			require.NoError(t, answer.Encode(&want, whole))
			require.NoError(t, answer.EncodeDiff(ctx, &got, "w", d, cse, nil))
			assert.Equal(t, want.String(), got.String(), "diff %s, cse %v", src, cse)
		}

		r, steps := simplify.Simplify(ctx, d.Raw)
		simple, err := answer.SimplifyOf(ctx, d.Raw, r, steps)
		require.NoError(t, err)
		simple.Schema = answer.Schema
		want.Reset()
		got.Reset()
		require.NoError(t, answer.Encode(&want, simple))
		require.NoError(t, answer.EncodeSimplify(ctx, &got, d.Raw, r, steps))
		assert.Equal(t, want.String(), got.String(), "simplify %s", src)
	}
}

// TestEncodeStopsAtTheBudget: an answer larger than the output budget is
// an error, the budget's, and is not written whole.
func TestEncodeStopsAtTheBudget(t *testing.T) {
	w := expr.Sym("w")
	x, err := parser.Parse(strings.Repeat("sin(", 200) + "w" + strings.Repeat(")", 200))
	require.NoError(t, err)
	d, err := derive.Steps(context.Background(), x, w)
	require.NoError(t, err)

	ctx := budget.With(context.Background(), budget.New(context.Background(), budget.Limits{Output: 20_000}))
	var out strings.Builder
	err = answer.EncodeDiff(ctx, &out, "w", d, false, nil)
	var exceeded *budget.Exceeded
	require.True(t, errors.As(err, &exceeded), "%v", err)
	assert.Equal(t, budget.Output, exceeded.Kind)
	assert.Less(t, out.Len(), 40_000)
}
