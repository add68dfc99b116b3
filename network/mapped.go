package network

import (
	"context"
	"slices"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
)

// A network may use operators defined by their index maps
// (op SEE(x[2N])[i] = x[2 i], i = 1..N; y = SEE(x)). Such an operator
// runs forward by its definition, entry by entry, and backward by the
// VJP package indexmap derives from it: the backward pass uses the very
// formula the handout shows, at the sizes the argument's shape gives.

// mappedOp makes the operation of a network for an index map, its VJP
// derived once for every node that applies it.
func mappedOp(ctx context.Context, m *indexmap.Op) (*op, error) {
	for _, s := range expr.FreeSymbols(m.Body) {
		if s.Name() != m.Arg && !slices.ContainsFunc(m.Out, func(r indexmap.Range) bool { return r.Index == s }) && !expr.IsConstantSymbol(s) && !sizeOf(m, s) {
			return nil, diag.Errorf("%s reads %s: in a network, an operator reads only its argument and its sizes", m.Name, s.Name())
		}
	}
	j, err := m.Jacobian(ctx)
	if err != nil {
		return nil, err
	}
	pieces, err := j.VJP(ctx, indexmap.Symbolic(upstreamName))
	if err != nil {
		return nil, err
	}
	return &op{name: m.Name, kind: defined, arity: 1, imap: m, jac: j, pieces: pieces}, nil
}

// upstreamName is the upstream gradient in a mapped operator's VJP; the
// operator's own names cannot take it (it is not a name of the syntax).
const upstreamName = "\x00p"

// sizeOf reports whether s is one of m's sizes: a name in its argument's
// dimensions or its ranges.
func sizeOf(m *indexmap.Op, s *expr.Symbol) bool {
	for _, d := range m.ArgShape {
		if expr.DependsOn(d, s) {
			return true
		}
	}
	for _, r := range m.Out {
		if expr.DependsOn(r.Lo, s) || expr.DependsOn(r.Hi, s) {
			return true
		}
	}
	return false
}

// mappedShape solves the operator's sizes from its argument's shape (2N
// = 6 gives N = 3) and gives the output's shape, the ranges' lengths.
func mappedShape(m *indexmap.Op, arg []int) (shape []int, sizes map[expr.Expr]expr.Expr, err error) {
	if len(arg) != len(m.ArgShape) {
		return nil, nil, diag.Errorf("%s takes a tensor of %d dimensions, not shape %s", m.Name, len(m.ArgShape), shapeText(arg))
	}
	sizes = map[expr.Expr]expr.Expr{}
	for d, dim := range m.ArgShape {
		dim = expr.Substitute(dim, sizes)
		free := expr.FreeSymbols(dim)
		switch {
		case len(free) == 0:
		case len(free) == 1:
			// dim = c s + e, with numbers c and e: s = (n - e)/c.
			s := free[0]
			e := expr.Substitute(dim, map[expr.Expr]expr.Expr{s: expr.Zero})
			c := expr.Sub(expr.Substitute(dim, map[expr.Expr]expr.Expr{s: expr.One}), e)
			v := expr.Div(expr.Sub(expr.Int(int64(arg[d])), e), c)
			if expr.Substitute(dim, map[expr.Expr]expr.Expr{s: v}) != expr.Int(int64(arg[d])) {
				return nil, nil, diag.Errorf("%s's dimension %d is %s, which cannot be %d", m.Name, d+1, m.ArgShape[d], arg[d])
			}
			sizes[s] = v
			dim = expr.Int(int64(arg[d]))
		default:
			return nil, nil, diag.Errorf("%s's dimension %d, %s, has more than one unknown size", m.Name, d+1, m.ArgShape[d])
		}
		if dim != expr.Int(int64(arg[d])) {
			return nil, nil, diag.Errorf("%s takes a tensor of shape %s; this one has shape %s", m.Name, describeDims(m.ArgShape, sizes), shapeText(arg))
		}
	}
	for s, v := range sizes {
		if n, ok := v.(*expr.Number); !ok || !n.IsInt() || n.Sign() <= 0 {
			return nil, nil, diag.Errorf("%s's size %s would be %s for shape %s: a size is a whole number from 1", m.Name, s, v, shapeText(arg))
		}
	}
	for _, r := range m.Out {
		n, ok := expr.Substitute(r.Count(), sizes).(*expr.Number)
		k, small := int64(0), false
		if ok {
			k, small = n.Int64()
		}
		if !ok || !small || k < 1 || k > MaxEntries {
			return nil, nil, diag.Errorf("the range of %s, %s..%s, has no length from 1 to %d for shape %s", r.Index, r.Lo, r.Hi, MaxEntries, shapeText(arg))
		}
		shape = append(shape, int(k))
	}
	return shape, sizes, nil
}

func describeDims(dims []expr.Expr, sizes map[expr.Expr]expr.Expr) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = expr.Plain(expr.Substitute(d, sizes))
	}
	return "[" + joinComma(parts) + "]"
}

func joinComma(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += ", "
		}
		out += p
	}
	return out
}

// mappedForward computes y[i...] = body for every output position, the
// argument's entries read where the body reads them.
func mappedForward[T any](f field[T], n *Node, x array[T]) (array[T], error) {
	m := n.op.imap
	read := map[string]reader[T]{m.Arg: {x, firsts(len(x.shape))}}
	out := array[T]{shape: n.Shape, data: make([]T, size(n.Shape))}
	at := make([]int, len(n.Shape))
	lo := n.outStarts()
	for k := range out.data {
		bind := maps(n.sizes)
		for d, r := range m.Out {
			bind[r.Index] = expr.Int(lo[d] + int64(at[d]))
		}
		v, err := evalOver(f, expr.Substitute(m.Body, bind), read)
		if err != nil {
			return out, err
		}
		out.data[k] = v
		next(at, n.Shape)
	}
	return out, nil
}

// mappedVJP is the gradient by the argument: the derived VJP's pieces,
// each where its conditions hold, at the argument's every position.
func mappedVJP[T any](f field[T], n *Node, x, g array[T]) (array[T], error) {
	o := n.op
	read := map[string]reader[T]{o.imap.Arg: {x, firsts(len(x.shape))}, upstreamName: {g, n.outStarts()}}
	out := array[T]{shape: x.shape, data: make([]T, len(x.data))}
	at := make([]int, len(x.shape))
	for k := range out.data {
		bind := maps(n.sizes)
		for d, j := range o.jac.In {
			bind[j] = expr.Int(int64(at[d] + 1))
		}
		sum := f.zero()
		for _, p := range o.pieces {
			holds := true
			for _, c := range p.Conds {
				ok, err := c.Holds(bind)
				if err != nil {
					return out, err
				}
				holds = holds && ok
			}
			if !holds {
				continue
			}
			v, err := evalOver(f, expr.Substitute(p.Value, bind), read)
			if err != nil {
				return out, err
			}
			sum = f.add(sum, v)
		}
		out.data[k] = sum
		next(at, x.shape)
	}
	return out, nil
}

// outStarts are the first values of a mapped node's output indices.
func (n *Node) outStarts() []int64 {
	out := make([]int64, len(n.op.imap.Out))
	for d, r := range n.op.imap.Out {
		lo, _ := expr.Substitute(r.Lo, n.sizes).(*expr.Number)
		out[d], _ = lo.Int64() // mappedShape checked the range has numbers
	}
	return out
}

// firsts are the starts of 1-based positions, one per dimension.
func firsts(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = 1
	}
	return out
}

// maps copies a map of bindings.
func maps(m map[expr.Expr]expr.Expr) map[expr.Expr]expr.Expr {
	out := make(map[expr.Expr]expr.Expr, len(m)+4)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// next steps a 0-based multi-index through shape in row-major order.
func next(at, shape []int) {
	for d := len(at) - 1; d >= 0; d-- {
		at[d]++
		if at[d] < shape[d] {
			return
		}
		at[d] = 0
	}
}

// A reader is a tensor a term reads by its entries, name[i, j], the
// first position along each dimension counted as base.
type reader[T any] struct {
	t    array[T]
	base []int64
}

// evalOver works x out in f, reading tensors' entries by their names.
func evalOver[T any](f field[T], x expr.Expr, read map[string]reader[T]) (T, error) {
	var zero T
	var walk func(x expr.Expr) (T, error)
	walk = func(x expr.Expr) (T, error) {
		switch x := x.(type) {
		case *expr.Indexed:
			r, ok := read[x.Name()]
			if !ok || len(x.Index()) != len(r.t.shape) {
				return zero, diag.Errorf("%s has no value", x)
			}
			flat := 0
			for d, ix := range x.Index() {
				n, ok := ix.(*expr.Number)
				k, small := int64(0), false
				if ok && n.IsInt() {
					k, small = n.Int64()
				}
				k -= r.base[d]
				if !small || k < 0 || k >= int64(r.t.shape[d]) {
					return zero, diag.Errorf("%s is outside its tensor, of shape %s", x, shapeText(r.t.shape))
				}
				flat = flat*r.t.shape[d] + int(k)
			}
			return r.t.data[flat], nil
		case *expr.AddExpr:
			sum := f.zero()
			for _, t := range x.Terms() {
				v, err := walk(t)
				if err != nil {
					return zero, err
				}
				sum = f.add(sum, v)
			}
			return sum, nil
		case *expr.MulExpr:
			prod := f.one()
			for _, t := range x.Factors() {
				v, err := walk(t)
				if err != nil {
					return zero, err
				}
				prod = f.mul(prod, v)
			}
			return prod, nil
		case *expr.PowExpr:
			b, err := walk(x.Base())
			if err != nil {
				return zero, err
			}
			e, err := walk(x.Exp())
			if err != nil {
				return zero, err
			}
			return f.pow(b, e), nil
		case *expr.CallExpr:
			if len(x.Args()) != 1 {
				return zero, diag.Errorf("%s: only functions of one argument work in an operator of a network", expr.Short(x))
			}
			v, err := walk(x.Args()[0])
			if err != nil {
				return zero, err
			}
			if err := domain(f, x.Func(), v); err != nil {
				return zero, err
			}
			return f.call(x.Func(), v), nil
		case *expr.BigOp:
			if e := expand(x); e != expr.Expr(x) {
				return walk(e)
			}
		}
		if len(x.Args()) == 0 {
			return f.fromExpr(x) // a number, pi, e
		}
		return zero, diag.Errorf("%s cannot be worked out in a network", expr.Short(x))
	}
	return walk(x)
}

// expand writes a sum or product with number bounds term by term.
func expand(b *expr.BigOp) expr.Expr {
	lo, _ := b.Lo().(*expr.Number)
	hi, _ := b.Hi().(*expr.Number)
	if lo == nil || hi == nil {
		return b
	}
	l, _ := lo.Int64()
	h, _ := hi.Int64()
	var terms []expr.Expr
	for k := l; k <= h; k++ {
		terms = append(terms, expr.Substitute(b.Body(), map[expr.Expr]expr.Expr{b.Var(): expr.Int(k)}))
	}
	if b.Op() == expr.Product {
		return expr.Mul(terms...)
	}
	return expr.Add(terms...)
}
