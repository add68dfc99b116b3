package network

import (
	"slices"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/tensor"
)

// Structure is the shape of a local Jacobian that the backward pass
// relies on so as not to form it: a diagonal Jacobian is a Hadamard
// product with the upstream gradient, an identity passes it on.
type Structure string

// The structures, each from the kind of the operation (ops), so that a
// new operation of a known kind has its structure with it.
const (
	// Scalar: a number by a number; the Jacobian is 1 x 1.
	Scalar Structure = "scalar"
	// Identity: copy, and either side of + (and the first of -).
	Identity Structure = "identity"
	// Diagonal: an entry-by-entry function (diag(f'(w))), either factor
	// of a Hadamard product (diag of the other), a tensor times a number.
	Diagonal Structure = "diagonal"
	// Selection: each entry picked once, as sum does (a row of ones).
	Selection Structure = "selection"
	// Matrix: the right factor of a matrix product: d(W x)/dx = W.
	Matrix Structure = "matrix"
	// OuterProduct: the left factor of a matrix product: d(W x)/dW has
	// x^T in each row, and the gradient is the outer product \bar y x^T.
	OuterProduct Structure = "outer product"
	// Broadcast: a number that goes with every entry of a tensor; its
	// gradient is the sum over them.
	Broadcast Structure = "broadcast"
	// Permutation: a transpose moves entries without changing them.
	Permutation Structure = "permutation"
	// Dense: nothing to exploit (softmax: diag(s) - s s^T).
	Dense Structure = "dense"
	// IndexMap: an operator defined by its index map, whose VJP is
	// derived from the definition (package indexmap).
	IndexMap Structure = "index map"
)

// Summary says in words what the structure spares the backward pass.
func (s Structure) Summary() string {
	switch s {
	case Scalar:
		return "a number: the upstream gradient times it"
	case Identity:
		return "identity: the upstream gradient passes on"
	case Diagonal:
		return "diagonal: a Hadamard product with the upstream gradient, no matrix formed"
	case Selection:
		return "a row of ones: the upstream gradient copied to every entry"
	case Matrix:
		return "matrix: its transpose times the upstream gradient"
	case OuterProduct:
		return "the other factor in each row: the outer product of the upstream gradient with it"
	case Broadcast:
		return "a column: the upstream gradients of every entry summed"
	case Permutation:
		return "permutation: the upstream gradient transposed"
	case IndexMap:
		return "an index map: its VJP, derived from the definition, moves the upstream gradient to the entries read"
	case Convolution:
		return "a band of the other argument's entries: the upstream gradient correlated with the other argument, no matrix formed"
	case Pooling:
		return "each output reads a window: the upstream gradient routed to the window's largest entry (maxpool) or spread over it (avgpool)"
	}
	return "dense: the transposed Jacobian times the upstream gradient"
}

// edge is the local Jacobian of a node by one argument, as terms over
// the terms of its arguments and result: its structure, the factor that
// determines it (cos(w) for diag(cos(w)); nil for the identity) and the
// Jacobian as a textbook writes it.
type edge struct {
	structure Structure
	factor    Term
	jacobian  Term
	symmetric bool // a dense factor equal to its transpose (softmax's)
	numeric   bool // a Jacobian known only by its values
	// op and argShape are, for an index map, the operator's name and its
	// argument's shape, for its VJP.
	op       string
	argShape []int
	// conv is, for a convolution, the node; other the term of its other
	// argument (the kernel's, by the input) and index the argument's.
	conv  *Node
	other Term
	index int
}

// edgeOf is the local Jacobian of n by its k-th argument, worked out from
// the kind of n's operation; args and out are the terms of n's arguments
// and result.
func (fs *formulas) edgeOf(n *Node, k int, args []Term, out Term) edge {
	o := n.op
	arg := args[k]
	as, os := arg.Shape(), n.Shape
	var e edge
	switch o.kind {
	case elementwise:
		e = edge{structure: Diagonal, factor: fs.derivative(o.fn, arg, out, n.Name != "")}
	case negate:
		e = edge{structure: Diagonal, factor: number(expr.MinusOne)}
	case identity:
		e = edge{structure: Identity}
	case binary:
		if !arithmetic[o.name] {
			e = fs.numericEdge(n, os, as)
			break
		}
		e = fs.binaryEdge(o, k, args, os)
	case matmul:
		a, b := args[0], args[1]
		other := args[1-k]
		switch {
		case isScalar(as) && !isScalar(os):
			e = edge{structure: Broadcast, factor: other}
		case isScalar(as) || isScalar(other.Shape()):
			e = edge{structure: Diagonal, factor: other}
		case k == 0:
			e = edge{structure: OuterProduct, factor: fs.t(b)}
		default:
			e = edge{structure: Matrix, factor: a}
		}
	case transpose:
		e = edge{structure: Permutation}
	case reduce:
		row := &ones{shape: []int{1, size(as)}}
		switch o.name {
		case "sum":
			e = edge{structure: Selection, factor: row}
		case "mean":
			e = edge{structure: Selection, factor: fs.mat(number(expr.Rat(1, int64(size(as)))), row)}
		case "logsumexp":
			e = edge{structure: Dense, factor: fs.t(&applied{name: "softmax", a: arg, shape: as})}
		default: // max, min, norm
			e = fs.numericEdge(n, os, as)
		}
	case softmax:
		d := &diagonalOf{a: out, n: size(os)}
		e = edge{structure: Dense, factor: fs.add(d, fs.neg(fs.mat(out, fs.t(out)))), symmetric: true}
	case defined:
		e = fs.numericEdge(n, os, as)
		e.structure, e.op, e.argShape = IndexMap, o.name, as
	case conv:
		e = fs.convEdge(n, k, args)
	case pool:
		e = fs.numericEdge(n, os, as)
		e.structure = Pooling
	default:
		e = fs.numericEdge(n, os, as)
	}
	if size(as) == 1 && size(os) == 1 {
		switch e.structure {
		case Identity, Permutation, Selection:
			e.factor = number(expr.One)
		}
		e.structure = Scalar
	}
	e.jacobian = fs.jacobianOf(e, as)
	return e
}

// derivative is f'(a), entry by entry; for a named result whose
// derivative is a function of it (tanh, sigmoid, exp), in terms of the
// result, as a textbook writes 1 - h^2.
func (fs *formulas) derivative(fn *expr.Func, a, out Term, named bool) Term {
	x := fs.inner(a)
	d := expr.Substitute(derivativeOf(fn), map[expr.Expr]expr.Expr{argument: x})
	if l, ok := out.(*leaf); ok && named {
		byOut := expr.Substitute(d, map[expr.Expr]expr.Expr{expr.Call(fn, x): l.x})
		if !expr.DependsOn(byOut, x) {
			d = byOut
		}
	}
	return &leaf{x: d, shape: a.Shape()}
}

// binaryEdge is the local Jacobian of an entry-by-entry operation (+ - *
// / ^) by its k-th argument: diagonal, the partial derivative on it,
// unless the argument is a number that goes with every entry.
func (fs *formulas) binaryEdge(o *op, k int, args []Term, os []int) edge {
	x, y := fs.inner(args[0]), fs.inner(args[1])
	var d expr.Expr
	switch o.name {
	case "add":
		d = expr.One
	case "sub":
		d = []expr.Expr{expr.One, expr.MinusOne}[k]
	case "mul":
		d = []expr.Expr{y, x}[k]
	case "div":
		d = []expr.Expr{expr.Div(expr.One, y), expr.Neg(expr.Div(x, expr.Pow(y, expr.Two)))}[k]
	case "pow":
		d = []expr.Expr{expr.Mul(y, expr.Pow(x, expr.Sub(y, expr.One))), expr.Mul(expr.Pow(x, y), expr.Log(x))}[k]
	}
	var shape []int
	for i, v := range []expr.Expr{x, y} {
		if expr.DependsOn(d, v) && !isScalar(args[i].Shape()) {
			shape = args[i].Shape()
		}
	}
	f := &leaf{x: d, shape: shape}
	switch {
	case isScalar(args[k].Shape()) && !isScalar(os):
		return edge{structure: Broadcast, factor: f}
	case d == expr.One:
		return edge{structure: Identity}
	}
	return edge{structure: Diagonal, factor: f}
}

// arithmetic are the binary operations whose derivatives binaryEdge
// writes; the others (max, min of two) are known by their values.
var arithmetic = map[string]bool{"add": true, "sub": true, "mul": true, "div": true, "pow": true}

// numericEdge is the Jacobian of an operation this file was not taught
// (an index, a reshape, a loss): entry by entry, from its vector-Jacobian
// product.
func (fs *formulas) numericEdge(n *Node, os, as []int) edge {
	return edge{structure: Dense, factor: fs.atom("jacobian:"+n.Text, "J", "J", false, []int{size(os), size(as)}), numeric: true}
}

// jacobianOf writes the Jacobian of e in full: diag(cos(w)), I, x^T.
func (fs *formulas) jacobianOf(e edge, argShape []int) Term {
	n := size(argShape)
	switch e.structure {
	case Identity:
		return &identityOf{n: n}
	case Permutation:
		if len(argShape) < 2 || slices.Contains(argShape, 1) {
			return &identityOf{n: n} // a vector's transpose keeps the order of its entries
		}
		return fs.atom("P", "P", "P", false, []int{n, n})
	case Diagonal:
		if isScalar(e.factor.Shape()) {
			return fs.mat(e.factor, &identityOf{n: n})
		}
		return &diagonalOf{a: e.factor, n: n}
	case Broadcast:
		if isScalar(e.factor.Shape()) {
			return fs.mat(e.factor, &ones{})
		}
	}
	return e.factor
}

// vjpOf is the vector-Jacobian product the structure of e allows, with
// the upstream gradient up and the factor f (e's, or its value).
func (fs *formulas) vjpOf(e edge, up, f Term) Term {
	switch e.structure {
	case Identity:
		return up
	case Scalar:
		return fs.mat(up, f)
	case Diagonal:
		if isScalar(f.Shape()) {
			return fs.mat(f, up)
		}
		return fs.had(up, f)
	case Selection, OuterProduct:
		if e.structure == Selection {
			f = fs.t(f)
		}
		return fs.mat(up, f)
	case Matrix:
		return fs.mat(fs.t(f), up)
	case Broadcast:
		switch {
		case isScalar(f.Shape()):
			return fs.mat(f, fs.sum(up))
		case len(f.Shape()) == 1:
			return fs.mat(fs.t(f), up)
		}
		return fs.sum(fs.had(up, f))
	case Permutation:
		return fs.t(up)
	case Convolution:
		return fs.convVJPTerm(e, up)
	case IndexMap:
		return &applied{name: "vjp_" + e.op, tex: `\mathrm{vjp}_{` + latex.OperatorName(e.op) + `}`, a: up, shape: e.argShape}
	}
	if e.symmetric {
		return fs.mat(f, up)
	}
	return fs.mat(fs.t(f), up)
}

// Jacobian is l's Jacobian in full, Rows x Cols, from its structure and
// factor: what the backward pass never forms, for checks and for small
// examples.
func (l *Local) Jacobian() tensor.Tensor {
	rows, cols := l.Rows, l.Cols
	j := make([]expr.Expr, rows*cols)
	for i := range j {
		j[i] = expr.Zero
	}
	var f []expr.Expr
	if l.AtValues != nil {
		f = l.AtValues.Entries()
	}
	at := func(i int) expr.Expr { // the factor's i-th entry, a number's whatever i
		if len(f) == 1 {
			return f[0]
		}
		return f[i]
	}
	switch l.Structure {
	case Scalar:
		j[0] = at(0)
	case Identity:
		for i := range rows {
			j[i*cols+i] = expr.One
		}
	case Diagonal:
		for i := range rows {
			j[i*cols+i] = at(i)
		}
	case Broadcast:
		for i := range rows {
			j[i] = at(i)
		}
	case Selection, Dense, IndexMap, Convolution, Pooling:
		copy(j, f)
	case Permutation:
		n, m := asMatrix(l.Arg.Shape)
		for r := range n {
			for c := range m {
				j[(c*n+r)*cols+r*m+c] = expr.One
			}
		}
	case Matrix:
		// (a b)[i, q] = sum_p a[i, p] b[p, q]: by b[p, q], a[i, p].
		n, k := asMatrix(l.Node.Args[0].Shape)
		_, m := asMatrix(l.Arg.Shape)
		for i := range n {
			for q := range m {
				for p := range k {
					j[(i*m+q)*cols+p*m+q] = f[i*k+p]
				}
			}
		}
	case OuterProduct:
		// by a[i, p], b[p, q], which is the factor b^T at [q, p].
		n, k := asMatrix(l.Arg.Shape)
		_, m := asMatrix(l.Node.Args[1].Shape)
		for i := range n {
			for q := range m {
				for p := range k {
					j[(i*m+q)*cols+i*k+p] = f[q*k+p]
				}
			}
		}
	}
	t, _ := tensor.New([]int{rows, cols}, j)
	return t
}
