// Package indexmap derives the Jacobian and the vector-Jacobian product of
// an operator defined by its index map, such as the selection of the even
// entries of a vector,
//
//	SEE(x[2N])[i] = x[2 i],  i = 1..N,
//
// for a symbolic size N, from the definition alone: the Jacobian's entries
// as Kronecker deltas, its dimensions, the sums over deltas collapsed (with
// their parity and range conditions) into the VJP, and what computing the
// backward pass costs with the dense Jacobian against the VJP.
//
// The positions an operator reads are affine in the output indices with
// integer coefficients, each position reading at most one output index:
// strided selection, reversal, shifts, transposes, repetition. That is
// what lets every delta sum be solved in closed form.
package indexmap

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// An Op is an operator y = Name(Arg) defined entry by entry:
// y[Out...] = Body, where Body reads Arg's entries Arg[...] at positions
// affine in the output indices.
type Op struct {
	Name string
	// Arg is the argument's name, and ArgShape its dimensions, symbolic
	// or numbers: [2N].
	Arg      string
	ArgShape []expr.Expr
	// Out are the output indices with their ranges, in order: i = 1..N.
	Out  []Range
	Body expr.Expr

	// reads are the distinct entries of Arg that Body reads.
	reads []read
}

// A Range is an index running from Lo to Hi, inclusive.
type Range struct {
	Index  *expr.Symbol
	Lo, Hi expr.Expr
}

// Count is the number of values the index takes: Hi - Lo + 1.
func (r Range) Count() expr.Expr { return expr.Add(expr.Sub(r.Hi, r.Lo), expr.One) }

// read is one entry Arg[at] that Body reads, its position solved into
// one affine map per dimension of Arg.
type read struct {
	at  *expr.Indexed
	pos []affine
}

// affine is a position along one dimension: Coef*Var + Rest, where Var is
// an output index (nil when the position does not move with any) and
// Rest is free of output indices.
type affine struct {
	Var  *expr.Symbol
	Coef int64
	Rest expr.Expr
}

// Expr is the position as a term.
func (a affine) Expr() expr.Expr {
	if a.Var == nil {
		return a.Rest
	}
	return expr.Add(expr.Mul(expr.Int(a.Coef), a.Var), a.Rest)
}

// dimensions says how many dimensions a shape has: "1 dimension".
func dimensions(n int) string {
	if n == 1 {
		return "1 dimension"
	}
	return strconv.Itoa(n) + " dimensions"
}

// MaxRank bounds the dimensions of an operator's argument and output.
const MaxRank = 4

// New checks an operator's definition and finds the entries it reads.
// Its errors say what in the definition is outside what can be solved.
func New(ctx context.Context, name, arg string, argShape []expr.Expr, out []Range, body expr.Expr) (*Op, error) {
	op := &Op{Name: name, Arg: arg, ArgShape: argShape, Out: out, Body: body}
	switch {
	case len(argShape) == 0 || len(argShape) > MaxRank:
		return nil, diag.Errorf("%s has %s: an argument has 1 to %d", arg, dimensions(len(argShape)), MaxRank)
	case len(out) == 0 || len(out) > MaxRank:
		return nil, diag.Errorf("%s has %d output indices: an operator has 1 to %d", name, len(out), MaxRank)
	}
	seen := map[*expr.Symbol]bool{}
	for _, r := range out {
		if seen[r.Index] {
			return nil, diag.Errorf("the index %s is listed twice", r.Index)
		}
		seen[r.Index] = true
		for _, b := range []expr.Expr{r.Lo, r.Hi} {
			if op.isIndex(b) {
				return nil, diag.Errorf("the range of %s depends on an output index: %s", r.Index, b)
			}
		}
	}
	for _, d := range argShape {
		if op.isIndex(d) {
			return nil, diag.Errorf("the size of %s depends on an output index: %s", arg, d)
		}
	}
	if expr.Contains(body, expr.Sym(arg)) {
		return nil, diag.Errorf("%s is read whole in the body; read its entries, %s[...]", arg, arg)
	}
	var err error
	expr.Inspect(body, func(x expr.Expr) bool {
		if err != nil {
			return false
		}
		switch x := x.(type) {
		case *expr.BigOp:
			if slices.ContainsFunc(op.entries(x.Body()), func(e *expr.Indexed) bool { return expr.DependsOn(e, x.Var()) }) {
				err = diag.Errorf("%s is read at a position that depends on the bound index %s of %s: not an index map", arg, x.Var(), expr.Short(x))
			}
		case *expr.Indexed:
			if x.Name() != arg {
				return true
			}
			for _, ix := range x.Index() {
				if len(op.entries(ix)) > 0 {
					err = diag.Errorf("%s is read at a position that depends on %s itself: %s", arg, arg, x)
					return false
				}
			}
			var r read
			if r, err = op.solve(ctx, x); err == nil && !slices.ContainsFunc(op.reads, func(o read) bool { return o.at == x }) {
				op.reads = append(op.reads, r)
			}
			return false
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	if len(op.reads) == 0 {
		return nil, diag.Errorf("the body of %s reads no entry of %s: its Jacobian is 0", name, arg)
	}
	if err := op.checkBounds(); err != nil {
		return nil, err
	}
	return op, nil
}

// entries are the entries of the argument that x reads.
func (op *Op) entries(x expr.Expr) []*expr.Indexed {
	var out []*expr.Indexed
	expr.Inspect(x, func(x expr.Expr) bool {
		if ix, ok := x.(*expr.Indexed); ok && ix.Name() == op.Arg {
			out = append(out, ix)
		}
		return true
	})
	return out
}

// isIndex reports whether x mentions an output index.
func (op *Op) isIndex(x expr.Expr) bool {
	return slices.ContainsFunc(op.Out, func(r Range) bool { return expr.DependsOn(x, r.Index) })
}

// solve writes the position of an entry read as one affine map per
// dimension.
func (op *Op) solve(ctx context.Context, at *expr.Indexed) (read, error) {
	if len(at.Index()) != len(op.ArgShape) {
		return read{}, diag.Errorf("%s has %s; %s has %s", at, expr.DescribeIndices(len(at.Index())), op.Arg, dimensions(len(op.ArgShape)))
	}
	r := read{at: at}
	zero := map[expr.Expr]expr.Expr{}
	for _, o := range op.Out {
		zero[o.Index] = expr.Zero
	}
	for _, ix := range at.Index() {
		a := affine{Rest: expr.Substitute(ix, zero)}
		for _, o := range op.Out {
			c, err := derive.Diff(ctx, ix, o.Index)
			if err != nil {
				return read{}, err
			}
			if c == expr.Zero {
				continue
			}
			n, ok := c.(*expr.Number)
			k, small := int64(0), false
			if ok {
				k, small = n.Int64()
			}
			switch {
			case ok && n.IsInt() && !small:
				return read{}, diag.Errorf("the position %s in %s moves by %s for each step of %s: too far for an index", ix, at, n, o.Index)
			case !ok || !n.IsInt():
				return read{}, diag.Errorf("the position %s in %s is not an integer multiple of %s plus a constant", ix, at, o.Index)
			case a.Var != nil:
				return read{}, diag.Errorf("the position %s in %s moves with both %s and %s: each position of %s may follow one output index", ix, at, a.Var, o.Index, op.Arg)
			}
			a.Var, a.Coef = o.Index, k
		}
		if a.Expr() != ix {
			return read{}, diag.Errorf("the position %s in %s is not affine in the output indices", ix, at)
		}
		r.pos = append(r.pos, a)
	}
	return r, nil
}

// checkBounds refuses a definition that reads outside its argument where
// that can be told: x[i - 1] for i from 1.
func (op *Op) checkBounds() error {
	for _, r := range op.reads {
		for d, a := range r.pos {
			lo, hi := op.span(a)
			if n, ok := expr.Sub(lo, expr.One).(*expr.Number); ok && n.Sign() < 0 {
				return diag.Errorf("%s reads %s, before the first entry of %s, when %s", op.Name, op.at(r, d, lo), op.Arg, op.extreme(a, true))
			}
			if n, ok := expr.Sub(op.ArgShape[d], hi).(*expr.Number); ok && n.Sign() < 0 {
				return diag.Errorf("%s reads %s, past the last entry of %s (%s), when %s", op.Name, op.at(r, d, hi), op.Arg, op.ArgShape[d], op.extreme(a, false))
			}
		}
	}
	return nil
}

// at writes the entry r reads with its d-th position replaced, for
// messages.
func (op *Op) at(r read, d int, pos expr.Expr) string {
	ix := slices.Clone(r.at.Index())
	ix[d] = pos
	return expr.Index(op.Arg, ix...).String()
}

// extreme says where the lowest (or highest) position is reached.
func (op *Op) extreme(a affine, low bool) string {
	rg := op.rangeOf(a.Var)
	if (a.Coef > 0) == low {
		return fmt.Sprintf("%s = %s", a.Var, rg.Lo)
	}
	return fmt.Sprintf("%s = %s", a.Var, rg.Hi)
}

// span is the lowest and the highest position a takes over its index's
// range.
func (op *Op) span(a affine) (lo, hi expr.Expr) {
	if a.Var == nil {
		return a.Rest, a.Rest
	}
	rg := op.rangeOf(a.Var)
	at := func(v expr.Expr) expr.Expr { return expr.Add(expr.Mul(expr.Int(a.Coef), v), a.Rest) }
	if a.Coef > 0 {
		return at(rg.Lo), at(rg.Hi)
	}
	return at(rg.Hi), at(rg.Lo)
}

func (op *Op) rangeOf(v *expr.Symbol) Range {
	for _, r := range op.Out {
		if r.Index == v {
			return r
		}
	}
	panic("indexmap: " + v.Name() + " is not an output index")
}

// OutSize and InSize are the numbers of entries of the output and of the
// argument: the Jacobian is OutSize x InSize.
func (op *Op) OutSize() expr.Expr {
	n := make([]expr.Expr, len(op.Out))
	for i, r := range op.Out {
		n[i] = r.Count()
	}
	return expr.Mul(n...)
}

func (op *Op) InSize() expr.Expr { return expr.Mul(op.ArgShape...) }

// String writes the definition back in plain syntax.
func (op *Op) String() string {
	var b strings.Builder
	dims := make([]string, len(op.ArgShape))
	for i, d := range op.ArgShape {
		dims[i] = expr.Plain(d)
	}
	idx := make([]string, len(op.Out))
	rng := make([]string, len(op.Out))
	for i, r := range op.Out {
		idx[i] = r.Index.Name()
		rng[i] = fmt.Sprintf("%s = %s..%s", r.Index, expr.Plain(r.Lo), expr.Plain(r.Hi))
	}
	fmt.Fprintf(&b, "%s(%s[%s])[%s] = %s, %s", op.Name, op.Arg, strings.Join(dims, ", "),
		strings.Join(idx, ", "), expr.Plain(op.Body), strings.Join(rng, ", "))
	return b.String()
}
