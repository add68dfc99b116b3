package network

import (
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// max and min of a tensor (max(x)), entry by entry (max(a, b)), and the
// Euclidean norm. Where they have no derivative the backward pass takes
// PyTorch's value: a tie for the largest entry shares the gradient evenly
// (torch.max, torch.maximum), and the norm at 0 has gradient 0
// (torch.linalg.norm). Pass.Notes then say so.

// compare is the sign of a - b, and false when it has none (a NaN).
func compare[T any](f field[T], a, b T) (int, bool) {
	return f.sign(f.add(a, f.neg(b)))
}

// extreme is the index of the largest entry of xs (the smallest when
// smallest is set), the first of those tied, and how many are tied.
func extreme[T any](f field[T], xs []T, smallest bool) (best, ties int, err error) {
	ties = 1
	for i := 1; i < len(xs); i++ {
		c, ok := compare(f, xs[i], xs[best])
		if !ok {
			return 0, 0, diag.Errorf("%s and %s cannot be compared", expr.Short(f.toExpr(xs[i])), expr.Short(f.toExpr(xs[best])))
		}
		if smallest {
			c = -c
		}
		switch {
		case c > 0:
			best, ties = i, 1
		case c == 0:
			ties++
		}
	}
	return best, ties, nil
}

// extremeVJP is the adjoint of max(x) or min(x): g0 shared evenly by the
// entries tied for the extreme.
func extremeVJP[T any](f field[T], a array[T], g0 T, smallest bool) array[T] {
	d := filled(a.shape, f.zero())
	best, ties, err := extreme(f, a.data, smallest)
	if err != nil {
		return d // the forward pass refused it already
	}
	share := f.div(g0, count(f, ties))
	for i, v := range a.data {
		if c, ok := compare(f, v, a.data[best]); ok && c == 0 {
			d.data[i] = share
		}
	}
	return d
}

// norm is sqrt(sum x_i^2).
func norm[T any](f field[T], a array[T]) T {
	s := f.zero()
	for _, v := range a.data {
		s = f.add(s, f.mul(v, v))
	}
	half, _ := f.fromExpr(expr.Half)
	return f.pow(s, half)
}

// normVJP is the adjoint of norm(x): g0 x / norm(x), and 0 at x = 0.
func normVJP[T any](f field[T], a array[T], out, g0 T) array[T] {
	if isZero(f, out) {
		return filled(a.shape, f.zero())
	}
	return mapped(a, func(v T) T { return f.mul(g0, f.div(v, out)) })
}

// pairwise is max(x, y) or min(x, y) of two entries.
func pairwise[T any](f field[T], x, y T, smallest bool) (T, error) {
	c, ok := compare(f, x, y)
	if !ok {
		return x, diag.Errorf("%s and %s cannot be compared", expr.Short(f.toExpr(x)), expr.Short(f.toExpr(y)))
	}
	if smallest {
		c = -c
	}
	if c >= 0 {
		return x, nil
	}
	return y, nil
}

// pairwiseVJP is the adjoint gi of max(x, y) or min(x, y) going to x and
// y: to the one taken, halved at a tie.
func pairwiseVJP[T any](f field[T], x, y, gi T, smallest bool) (gx, gy T) {
	c, _ := compare(f, x, y)
	if smallest {
		c = -c
	}
	switch {
	case c > 0:
		return gi, f.zero()
	case c < 0:
		return f.zero(), gi
	}
	half := f.div(gi, count(f, 2))
	return half, half
}

// The notes a pass gives where these operations have no derivative.
const (
	maxTieNote     = "max has no derivative where entries tie for the largest; the backward pass splits the gradient evenly among them, as PyTorch's max does"
	minTieNote     = "min has no derivative where entries tie for the smallest; the backward pass splits the gradient evenly among them, as PyTorch's min does"
	maximumTieNote = "max(a, b) has no derivative where a and b are equal; the backward pass gives each half the gradient there, as PyTorch's maximum does"
	minimumTieNote = "min(a, b) has no derivative where a and b are equal; the backward pass gives each half the gradient there, as PyTorch's minimum does"
	normZeroNote   = "norm has no derivative at 0; the backward pass takes 0 there, as PyTorch does"
)

// noteOf is the note a node's operation calls for at its arguments, or
// "": a kink of relu or abs at 0, a tie of max or min, the norm at 0.
func noteOf[T any](f field[T], n *Node, args []array[T], out array[T]) string {
	switch n.op.name {
	case "max", "min":
		if _, ties, err := extreme(f, args[0].data, n.op.name == "min"); err == nil && ties > 1 {
			return map[string]string{"max": maxTieNote, "min": minTieNote}[n.op.name]
		}
	case "maximum", "minimum":
		for i := range out.data {
			if c, ok := compare(f, entry(args[0], i), entry(args[1], i)); ok && c == 0 {
				return map[string]string{"maximum": maximumTieNote, "minimum": minimumTieNote}[n.op.name]
			}
		}
	case "norm":
		if isZero(f, out.data[0]) {
			return normZeroNote
		}
	case "maxpool":
		return poolNote(f, n, args[0])
	}
	if note, ok := kinks[n.op.fn]; ok && n.op.kind == elementwise {
		for _, v := range args[0].data {
			if isZero(f, v) {
				return note
			}
		}
	}
	return ""
}
