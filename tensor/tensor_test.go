package tensor_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

func ints(ns ...int64) []expr.Expr {
	out := make([]expr.Expr, len(ns))
	for k, n := range ns {
		out[k] = expr.Int(n)
	}
	return out
}

func TestNewChecksTheShape(t *testing.T) {
	tests := []struct {
		name    string
		shape   []int
		entries []expr.Expr
		err     string
	}{
		{"scalar", nil, ints(7), ""},
		{"vector", []int{3}, ints(1, 2, 3), ""},
		{"matrix", []int{2, 3}, ints(1, 2, 3, 4, 5, 6), ""},
		{"rank 4", []int{1, 2, 1, 2}, ints(1, 2, 3, 4), ""},
		{"rank 5", []int{1, 1, 1, 1, 1}, ints(1), "a value has at most 4 dimensions, not 5"},
		{"too few", []int{2, 2}, ints(1, 2, 3), "shape [2 2] holds more than 3 entries"},
		{"too many", []int{2, 2}, ints(1, 2, 3, 4, 5), "shape [2 2] holds 4 entries, not 5"},
		{"empty dimension", []int{2, 0}, nil, "shape [2 0]: every dimension holds at least one entry"},
		{"scalar without its entry", nil, nil, "shape [] holds 1 entry, not 0"},
		{"huge dimensions do not overflow", []int{1 << 40, 1 << 40, 1 << 40}, ints(1), "shape [1099511627776 1099511627776 1099511627776] holds more than 1 entry"},
		{"missing entry", []int{2}, []expr.Expr{expr.One, nil}, "entry 2 of a value is missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := tensor.New(tc.shape, tc.entries)
			if tc.err != "" {
				require.EqualError(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, len(tc.shape), v.Rank())
			assert.Equal(t, len(tc.entries), v.Len())
		})
	}
}

func TestAtIsOneBasedRowMajor(t *testing.T) {
	w, err := tensor.New([]int{2, 3}, ints(1, 2, 3, 4, 5, 6))
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, w.Shape())
	assert.Equal(t, expr.Int(1), w.At(1, 1))
	assert.Equal(t, expr.Int(3), w.At(1, 3))
	assert.Equal(t, expr.Int(4), w.At(2, 1))
	assert.Equal(t, expr.Int(6), w.At(2, 3))
	assert.Panics(t, func() { w.At(3, 1) })
	assert.Panics(t, func() { w.At(1) })

	s := tensor.Scalar(expr.Pi)
	assert.Equal(t, 0, s.Rank())
	assert.Empty(t, s.Shape())
	assert.Equal(t, expr.Pi, s.At())

	var seen [][]int
	var got []expr.Expr
	for index, x := range w.All() {
		seen = append(seen, index)
		got = append(got, x)
	}
	assert.Equal(t, [][]int{{1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}, {2, 3}}, seen)
	assert.Equal(t, w.Entries(), got)
	for index, x := range s.All() {
		assert.Empty(t, index)
		assert.Equal(t, expr.Pi, x)
	}
}

func TestImmutable(t *testing.T) {
	shape, entries := []int{2}, ints(1, 2)
	v, err := tensor.New(shape, entries)
	require.NoError(t, err)
	shape[0], entries[0] = 5, expr.Pi
	v.Shape()[0] = 7
	v.Entries()[1] = expr.Pi
	assert.Equal(t, []int{2}, v.Shape())
	assert.Equal(t, ints(1, 2), v.Entries())
}

func TestString(t *testing.T) {
	tests := []struct {
		shape   []int
		entries []expr.Expr
		want    string
	}{
		{nil, []expr.Expr{expr.Div(expr.Pi, expr.Two)}, "pi/2"},
		{[]int{2}, []expr.Expr{expr.Half, expr.Pi}, "[1/2, pi]"},
		{[]int{2, 3}, ints(1, 0, 2, 2, 1, -1), "[[1, 0, 2], [2, 1, -1]]"},
		{[]int{2, 1, 2}, ints(1, 2, 3, 4), "[[[1, 2]], [[3, 4]]]"},
		{[]int{1}, []expr.Expr{expr.Call(expr.FnMax, expr.Sym("a"), expr.Sym("b"))}, "[max(a, b)]"},
	}
	for _, tc := range tests {
		v, err := tensor.New(tc.shape, tc.entries)
		require.NoError(t, err)
		assert.Equal(t, tc.want, v.String())
	}
}

func TestEqualAndDescribe(t *testing.T) {
	a, _ := tensor.New([]int{2}, ints(1, 2))
	b, _ := tensor.New([]int{2}, ints(1, 2))
	c, _ := tensor.New([]int{1, 2}, ints(1, 2))
	assert.True(t, a.Equal(b))
	assert.False(t, a.Equal(c), "same entries, another shape")
	assert.Equal(t, "a vector of 2 entries", a.Describe())
	assert.Equal(t, "a 1x2 matrix", c.Describe())
	assert.Equal(t, "a number", tensor.Scalar(expr.One).Describe())
}
