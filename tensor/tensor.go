// Package tensor holds derivtex's values with a shape: a number (rank 0),
// a vector (rank 1), a matrix (rank 2), or an array of rank up to
// MaxRank. The entries are expr terms, so exact values stay exact (pi/2
// is pi/2, not 1.5707963267948966). As ivy stores a matrix, a Tensor is
// its shape and its entries in one flat slice in row-major order (the
// last index varies fastest).
//
// Indices are 1-based, as in the plain syntax: At(2, 1) is the entry
// that W[2, 1] names.
//
// A Tensor is immutable: its accessors return copies. It is data only;
// operations on tensors (products, elementwise functions) come with the
// networks that need them. Package parser reads tensors (ParseValue) and
// String prints them back in the same syntax.
package tensor

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// MaxRank bounds the number of dimensions, which is also the number of
// indices an element takes: enough for a batch of images with channels.
const MaxRank = 4

// Tensor is a value with a shape. The zero Tensor holds nothing and is
// not a value; use Scalar or New.
type Tensor struct {
	shape []int       // nil for a scalar; every dimension at least 1
	data  []expr.Expr // len(data) is the product of shape
}

// New returns the tensor of the given shape with the given entries in
// row-major order. It checks that the shape has at most MaxRank
// dimensions, each at least 1, and that there are as many entries as the
// shape holds, none nil. An empty shape is a scalar, with one entry.
func New(shape []int, entries []expr.Expr) (Tensor, error) {
	if len(shape) > MaxRank {
		return Tensor{}, diag.Errorf("a value has at most %d dimensions, not %d", MaxRank, len(shape))
	}
	if slices.ContainsFunc(shape, func(d int) bool { return d < 1 }) {
		return Tensor{}, diag.Errorf("shape %v: every dimension holds at least one entry", shape)
	}
	n := 1 // entries the shape holds, while at most len(entries)
	for _, d := range shape {
		if n > len(entries)/d {
			return Tensor{}, diag.Errorf("shape %v holds more than %s", shape, countEntries(len(entries)))
		}
		n *= d
	}
	if n != len(entries) {
		return Tensor{}, diag.Errorf("shape %v holds %s, not %d", shape, countEntries(n), len(entries))
	}
	for k, x := range entries {
		if x == nil {
			return Tensor{}, diag.Errorf("entry %d of a value is missing", k+1)
		}
	}
	t := Tensor{data: slices.Clone(entries)}
	if len(shape) > 0 {
		t.shape = slices.Clone(shape)
	}
	return t, nil
}

// Scalar returns x as a tensor of rank 0.
func Scalar(x expr.Expr) Tensor { return Tensor{data: []expr.Expr{x}} }

// Shape returns the length of each dimension; empty for a scalar.
func (t Tensor) Shape() []int { return slices.Clone(t.shape) }

// Rank returns the number of dimensions: 0 for a scalar, 1 for a vector.
func (t Tensor) Rank() int { return len(t.shape) }

// Len returns the number of entries.
func (t Tensor) Len() int { return len(t.data) }

// At returns the entry at a 1-based index, one number per dimension (none
// for a scalar). Like a slice index out of range, a wrong index is a bug
// of the caller, and panics.
func (t Tensor) At(index ...int) expr.Expr {
	if len(index) != len(t.shape) {
		panic(fmt.Sprintf("tensor: %d indices into a tensor of rank %d", len(index), len(t.shape)))
	}
	at := 0
	for k, i := range index {
		if i < 1 || i > t.shape[k] {
			panic(fmt.Sprintf("tensor: index %v out of range of shape %v", index, t.shape))
		}
		at = at*t.shape[k] + i - 1
	}
	return t.data[at]
}

// Entries returns the entries in row-major order.
func (t Tensor) Entries() []expr.Expr { return slices.Clone(t.data) }

// All yields each entry with its 1-based index, in row-major order. The
// index slice is the caller's to keep.
func (t Tensor) All() iter.Seq2[[]int, expr.Expr] {
	return func(yield func([]int, expr.Expr) bool) {
		index := make([]int, len(t.shape))
		for k := range index {
			index[k] = 1
		}
		for _, x := range t.data {
			if !yield(slices.Clone(index), x) {
				return
			}
			// Count up, the last index fastest.
			for k := len(index) - 1; k >= 0; k-- {
				if index[k] < t.shape[k] {
					index[k]++
					break
				}
				index[k] = 1
			}
		}
	}
}

// Equal reports whether t and u have the same shape and the same entries
// (terms are interned, so the same pointers).
func (t Tensor) Equal(u Tensor) bool {
	return slices.Equal(t.shape, u.shape) && slices.Equal(t.data, u.data)
}

// Describe names t's shape for messages: "a number", "a vector of 3
// entries", "a 2x3 matrix".
func (t Tensor) Describe() string { return expr.DescribeShape(t.shape) }

// String prints t in the plain syntax, which parser.ParseValue reads back
// to the same tensor: a scalar as its term, an array as nested brackets,
// [[1, 0], [1/2, pi]].
func (t Tensor) String() string {
	var b strings.Builder
	t.write(&b, 0, 0)
	return b.String()
}

// write prints the part of t from entry at on, dimension dim and below.
func (t Tensor) write(b *strings.Builder, dim, at int) {
	if dim == len(t.shape) {
		b.WriteString(expr.Plain(t.data[at]))
		return
	}
	stride := 1
	for _, d := range t.shape[dim+1:] {
		stride *= d
	}
	b.WriteByte('[')
	for k := range t.shape[dim] {
		if k > 0 {
			b.WriteString(", ")
		}
		t.write(b, dim+1, at+k*stride)
	}
	b.WriteByte(']')
}

// countEntries says how many entries: "1 entry", "6 entries".
func countEntries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}
