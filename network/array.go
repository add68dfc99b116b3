package network

import (
	"slices"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// array is a value with a shape in one of the fields: its entries flat in
// row-major order, as package tensor stores exact values. A scalar has an
// empty shape and one entry. A row vector, the transpose of a vector, is a
// 1 x n matrix.
type array[T any] struct {
	shape []int
	data  []T
}

// filled is an array of the given shape with every entry v.
func filled[T any](shape []int, v T) array[T] {
	data := make([]T, size(shape))
	for i := range data {
		data[i] = v
	}
	return array[T]{shape: shape, data: data}
}

// size is the number of entries of a shape.
func size(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// fromTensor is t in field f.
func fromTensor[T any](f field[T], t tensor.Tensor) (array[T], error) {
	a := array[T]{shape: t.Shape(), data: make([]T, t.Len())}
	for i, x := range t.Entries() {
		v, err := f.fromExpr(x)
		if err != nil {
			return array[T]{}, err
		}
		a.data[i] = v
	}
	return a, nil
}

// toTensor is a as exact entries.
func toTensor[T any](f field[T], a array[T]) tensor.Tensor {
	entries := make([]expr.Expr, len(a.data))
	for i, v := range a.data {
		entries[i] = f.toExpr(v)
	}
	t, err := tensor.New(a.shape, entries)
	if err != nil {
		panic(diag.Recovered(err, diag.Pos{}, "network: an array of the wrong size"))
	}
	return t
}

// isScalar reports whether a shape is a scalar's.
func isScalar(shape []int) bool { return len(shape) == 0 }

// sameShape reports whether two shapes are equal.
func sameShape(a, b []int) bool { return slices.Equal(a, b) }
