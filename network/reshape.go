package network

import (
	"slices"

	"github.com/derivtex/derivtex/diag"
)

// Operations that move entries without computing: reshape and flatten
// keep the row-major order of the entries (the last index varies
// fastest, as values are written: reshape([1, 2, 3, 4, 5, 6], [2, 3]) is
// [[1, 2, 3], [4, 5, 6]]), so their gradient is the adjoint in the
// argument's shape; concat joins along a dimension, and its gradient
// splits the adjoint back.

// concatShape is the shape of concat(a, b) along dimension axis
// (0-based). A number joins a vector as one entry (concat(1, x) puts a 1
// before x).
func concatShape(a, b []int, axis int) ([]int, error) {
	switch {
	case isScalar(a) && isScalar(b):
		a, b = []int{1}, []int{1}
	case isScalar(a) && len(b) == 1:
		a = []int{1}
	case isScalar(b) && len(a) == 1:
		b = []int{1}
	}
	if len(a) != len(b) {
		return nil, diag.Errorf("shapes %s and %s do not concatenate: they have different numbers of dimensions", shapeText(a), shapeText(b))
	}
	if axis >= len(a) {
		return nil, diag.Errorf("concat along dimension %d of shapes %s and %s, which have %d", axis+1, shapeText(a), shapeText(b), len(a))
	}
	for d := range a {
		if d != axis && a[d] != b[d] {
			return nil, diag.Errorf("shapes %s and %s do not concatenate along dimension %d: they differ in dimension %d", shapeText(a), shapeText(b), axis+1, d+1)
		}
	}
	out := slices.Clone(a)
	out[axis] += b[axis]
	return out, nil
}

// blocks views a shape for a concat along axis: how many blocks the
// dimensions before it make, and the entries of each block.
func blocks(shape []int, axis int) (outer, inner int) {
	if isScalar(shape) {
		return 1, 1
	}
	return size(shape[:axis]), size(shape[axis:])
}

// concatenated is a and b joined along axis, into the given shape.
func concatenated[T any](a, b array[T], axis int, shape []int) array[T] {
	outer, ia := blocks(a.shape, axis)
	_, ib := blocks(b.shape, axis)
	out := array[T]{shape: shape, data: make([]T, 0, size(shape))}
	for o := range outer {
		out.data = append(out.data, a.data[o*ia:(o+1)*ia]...)
		out.data = append(out.data, b.data[o*ib:(o+1)*ib]...)
	}
	return out
}

// split is the adjoint of a concat: g cut back into its operands' shapes.
func split[T any](g array[T], a, b []int, axis int) []array[T] {
	outer, ia := blocks(a, axis)
	_, ib := blocks(b, axis)
	ga := array[T]{shape: a, data: make([]T, 0, size(a))}
	gb := array[T]{shape: b, data: make([]T, 0, size(b))}
	for o := range outer {
		at := o * (ia + ib)
		ga.data = append(ga.data, g.data[at:at+ia]...)
		gb.data = append(gb.data, g.data[at+ia:at+ia+ib]...)
	}
	return []array[T]{ga, gb}
}
