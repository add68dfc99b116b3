package network

import (
	"fmt"
	"strconv"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// Indexing, as a course on machine learning writes it in MATLAB's
// notation: 1-based, ranges inclusive, the step between the ends:
//
//	x[2]         the second entry, a number
//	W[1, 2]      an entry of a matrix; W[2, :] its second row, a vector
//	x[2:end]     every entry but the first
//	x[1:2:end]   every other entry; x[end:-1:1] the entries reversed
//
// A tensor takes one index per dimension. A position drops its dimension
// (W[2, :] is a vector, W[1, 2] a number), as NumPy and PyTorch do; a
// range keeps it. The gradient of an index scatters the adjoint back into
// the slots the index took, and is 0 in the others.

// String writes an index as the syntax has it: 2, 2:end, 1:2:end, :.
func (ix Index) String() string {
	switch {
	case ix.All:
		return ":"
	case ix.Step == 0:
		return ix.From.String()
	case ix.Step == 1:
		return ix.From.String() + ":" + ix.To.String()
	}
	return ix.From.String() + ":" + strconv.Itoa(ix.Step) + ":" + ix.To.String()
}

// String writes a bound: 3, end, end-1.
func (b Bound) String() string {
	switch {
	case !b.End:
		return strconv.Itoa(b.N)
	case b.N == 0:
		return "end"
	case b.N < 0:
		return fmt.Sprintf("end-%d", -b.N)
	}
	return fmt.Sprintf("end+%d", b.N)
}

// at is the 1-based place a bound stands for along a dimension of length
// n.
func (b Bound) at(n int) int {
	if b.End {
		return n + b.N
	}
	return b.N
}

// resolveIndex works out x[...] on an argument of the given shape: the
// 0-based positions taken along each dimension, and the shape of the
// result. A mistake is an error at the index it is about.
func resolveIndex(x *Apply, shape []int) ([][]int, []int, error) {
	of := Format(x.Args[0])
	switch {
	case isScalar(shape):
		return nil, nil, diag.At(x.Pos, "%s is a number, which has no entries to index", of)
	case len(x.Index) != len(shape):
		return nil, nil, diag.At(x.Pos, "%s has shape %s, which takes %s, not %d", of, shapeText(shape), expr.DescribeIndices(len(shape)), len(x.Index))
	}
	picks := make([][]int, len(shape))
	var out []int
	for d, ix := range x.Index {
		n := shape[d]
		inRange := func(i int) error {
			if i >= 1 && i <= n {
				return nil
			}
			which := ""
			if len(shape) > 1 {
				which = ordinals[d] + " "
			}
			return diag.At(ix.Pos, "%sindex %d out of range 1..%d: %s has shape %s", which, i, n, of, shapeText(shape))
		}
		from := ix.From.at(n)
		if ix.Step == 0 {
			if err := inRange(from); err != nil {
				return nil, nil, err
			}
			picks[d] = []int{from - 1}
			continue
		}
		to := ix.To.at(n)
		if (to-from)*ix.Step < 0 {
			return nil, nil, diag.At(ix.Pos, "the range %s is empty along a dimension of %d (from %d to %d by %d)", ix, n, from, to, ix.Step)
		}
		count := (to-from)/ix.Step + 1
		last := from + (count-1)*ix.Step
		for _, i := range []int{from, last} {
			if err := inRange(i); err != nil {
				return nil, nil, err
			}
		}
		picks[d] = make([]int, count)
		for k := range picks[d] {
			picks[d][k] = from - 1 + k*ix.Step
		}
		out = append(out, count)
	}
	return picks, out, nil
}

// ordinals name the indices of a tensor in messages.
var ordinals = []string{"first", "second", "third", "fourth"}

// sources are the flat positions in a tensor of the given shape of the
// entries the picks take, in the row-major order of the result.
func sources(shape []int, picks [][]int) []int {
	out := []int{0}
	for d, p := range picks {
		next := make([]int, 0, len(out)*len(p))
		for _, at := range out {
			for _, i := range p {
				next = append(next, at*shape[d]+i)
			}
		}
		out = next
	}
	return out
}

// gathered is a's entries at the picks, into the given shape.
func gathered[T any](a array[T], picks [][]int, shape []int) array[T] {
	src := sources(a.shape, picks)
	out := array[T]{shape: shape, data: make([]T, len(src))}
	for k, i := range src {
		out.data[k] = a.data[i]
	}
	return out
}

// scattered is the adjoint of an index: g's entries added into the slots
// of a tensor of the given shape they came from, 0 elsewhere.
func scattered[T any](f field[T], g array[T], shape []int, picks [][]int) array[T] {
	out := filled(shape, f.zero())
	for k, i := range sources(shape, picks) {
		out.data[i] = f.add(out.data[i], g.data[k])
	}
	return out
}
