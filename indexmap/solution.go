package indexmap

import (
	"context"
	"math/big"

	"github.com/derivtex/derivtex/expr"
)

// A Solution is everything a handout says of an operator: its Jacobian
// with its dimensions and structure, its VJP, the gradient of a loss
// through it, and the cost of the backward pass both ways, with sizes and
// symbolic, and in bytes at given sizes.
type Solution struct {
	Op        *Op
	Jacobian  *Jacobian
	Structure string
	// Upstream names the VJP's argument: p.
	Upstream string
	VJP      []Piece
	// Loss and Gradient, dL/dx[j], are nil without a loss.
	Loss     *Loss
	Gradient []Piece
	Cost     Cost
	// At holds the costs worked out at given sizes, nil without them.
	At *Counts
}

// Counts are a Cost at given sizes, in entries and in bytes.
type Counts struct {
	Sizes     map[expr.Expr]expr.Expr
	Precision Precision
	// DenseMemory ... VJPTime are the Cost's fields worked out.
	DenseMemory, DenseTime, VJPMemory, VJPTime *big.Int
}

// Bytes is the bytes of n entries at the precision.
func (c *Counts) Bytes(n *big.Int) *big.Int {
	return new(big.Int).Mul(n, big.NewInt(c.Precision.Bytes))
}

// Solve works an operator out. loss may be nil; sizes may be empty, and
// then prec is not used.
func Solve(ctx context.Context, op *Op, loss *Loss, sizes map[expr.Expr]expr.Expr, prec Precision) (*Solution, error) {
	j, err := op.Jacobian(ctx)
	if err != nil {
		return nil, err
	}
	s := &Solution{Op: op, Jacobian: j, Structure: j.Structure(), Upstream: op.upstreamName(), Loss: loss, Cost: j.Cost()}
	if s.VJP, err = j.VJP(ctx, Symbolic(s.Upstream)); err != nil {
		return nil, err
	}
	if loss != nil {
		if s.Gradient, err = j.VJP(ctx, loss.Upstream()); err != nil {
			return nil, err
		}
	}
	if len(sizes) > 0 {
		c := &Counts{Sizes: sizes, Precision: prec}
		for _, f := range []struct {
			x  expr.Expr
			to **big.Int
		}{{s.Cost.DenseMemory, &c.DenseMemory}, {s.Cost.DenseTime, &c.DenseTime}, {s.Cost.VJPMemory, &c.VJPMemory}, {s.Cost.VJPTime, &c.VJPTime}} {
			if *f.to, err = Count(f.x, sizes); err != nil {
				return nil, err
			}
		}
		s.At = c
	}
	return s, nil
}
