package network

import (
	"fmt"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
)

// kind groups the operations by how their shapes, values and gradients
// work; an operation is a row of the table ops.
type kind int

const (
	// elementwise applies a function of expr's table to each entry:
	// sin(w) is [sin(w1), sin(w2)]. Its local Jacobian is diagonal.
	elementwise kind = iota
	// binary is + - * / ^ entry by entry (* is the Hadamard product): the
	// operands have one shape, or one of them is a scalar, which goes
	// with every entry of the other.
	binary
	// negate is -a.
	negate
	// identity is a tensor under another name (z = y).
	identity
	// matmul is juxtaposition: the matrix product (W x, x^T y, x y^T),
	// or a product with a scalar (2 W).
	matmul
	// transpose is a^T: a matrix's rows become its columns, a vector
	// becomes a row (1 x n) and back.
	transpose
	// reduce makes a scalar of a tensor: sum, mean, logsumexp, max, min,
	// norm (Euclidean).
	reduce
	// softmax is exp(a_i) / sum_j exp(a_j), of a vector.
	softmax
	// index picks entries: x[2], W[1, :], x[1:2:end] (see Index).
	index
	// reshape gives the entries, in row-major order, another shape:
	// reshape(x, [2, 3]), flatten(W).
	reshape
	// concat joins two tensors along a dimension, the first by default.
	concat
	// loss makes a scalar of a prediction and a target: mse, bce,
	// crossentropy, nll (see loss.go).
	loss
	// defined is an operator the program defines by its index map
	// (op SEE(x[2N])[i] = x[2 i], i = 1..N; see mapped.go).
	defined
	// conv is conv1d, conv2d, conv3d: a cross-correlation with a kernel,
	// with stride, padding and dilation (see conv.go).
	conv
	// pool is maxpool and avgpool over windows (see pool.go).
	pool
)

// op is an operation of the table.
type op struct {
	name  string
	kind  kind
	arity int
	fn    *expr.Func // the function of an elementwise operation
	sym   string     // the operator of a binary one: "+", "*"
	// imap is a defined operator's definition, jac its Jacobian and
	// pieces its VJP, derived once.
	imap   *indexmap.Op
	jac    *indexmap.Jacobian
	pieces []indexmap.Piece
}

// ops are the operations a network may use, by the name Apply gives.
var ops = map[string]*op{
	"add":          {name: "add", kind: binary, arity: 2, sym: "+"},
	"sub":          {name: "sub", kind: binary, arity: 2, sym: "-"},
	"mul":          {name: "mul", kind: binary, arity: 2, sym: "*"},
	"div":          {name: "div", kind: binary, arity: 2, sym: "/"},
	"pow":          {name: "pow", kind: binary, arity: 2, sym: "^"},
	"neg":          {name: "neg", kind: negate, arity: 1},
	"copy":         {name: "copy", kind: identity, arity: 1},
	"matmul":       {name: "matmul", kind: matmul, arity: 2},
	"transpose":    {name: "transpose", kind: transpose, arity: 1},
	"sum":          {name: "sum", kind: reduce, arity: 1},
	"mean":         {name: "mean", kind: reduce, arity: 1},
	"logsumexp":    {name: "logsumexp", kind: reduce, arity: 1},
	"softmax":      {name: "softmax", kind: softmax, arity: 1},
	"max":          {name: "max", kind: reduce, arity: 1},
	"min":          {name: "min", kind: reduce, arity: 1},
	"norm":         {name: "norm", kind: reduce, arity: 1},
	"maximum":      {name: "maximum", kind: binary, arity: 2, sym: "max"},
	"minimum":      {name: "minimum", kind: binary, arity: 2, sym: "min"},
	"index":        {name: "index", kind: index, arity: 1},
	"reshape":      {name: "reshape", kind: reshape, arity: 1},
	"flatten":      {name: "flatten", kind: reshape, arity: 1},
	"concat":       {name: "concat", kind: concat, arity: 2},
	"mse":          {name: "mse", kind: loss, arity: 2},
	"bce":          {name: "bce", kind: loss, arity: 2},
	"crossentropy": {name: "crossentropy", kind: loss, arity: 2},
	"nll":          {name: "nll", kind: loss, arity: 2},
	"conv1d":       {name: "conv1d", kind: conv, arity: 2},
	"conv2d":       {name: "conv2d", kind: conv, arity: 2},
	"conv3d":       {name: "conv3d", kind: conv, arity: 2},
	"maxpool":      {name: "maxpool", kind: pool, arity: 1},
	"avgpool":      {name: "avgpool", kind: pool, arity: 1},
}

func init() {
	// Every function of one argument that has a derivative is an
	// elementwise operation.
	for f := range derivatives {
		ops[f.Name] = &op{name: f.Name, kind: elementwise, arity: 1, fn: f}
	}
}

// IsOperation reports whether name is an operation a network may call
// (sin, sum, softmax, max, reshape, mse), for the parser. Operators
// (+, juxtaposition, ^T, x[...]) are not called by name; max(a, b) is
// called as max.
func IsOperation(name string) bool {
	o, ok := ops[name]
	if !ok {
		return false
	}
	switch o.kind {
	case elementwise, reduce, softmax, reshape, concat, loss, conv, pool:
		return true
	}
	return false
}

// shapeOf works out the shape of op applied to arguments of the given
// shapes, or says why they do not fit: "shapes [2] and [3] differ in +".
// x is the operation as written, for the shape of reshape and the axis of
// concat; index works its shape out with its positions (resolveIndex).
func (o *op) shapeOf(args [][]int, x *Apply) ([]int, error) {
	switch o.kind {
	case elementwise, negate, identity:
		return args[0], nil
	case binary:
		a, b := args[0], args[1]
		switch {
		case sameShape(a, b), isScalar(b):
			return a, nil
		case isScalar(a):
			return b, nil
		}
		return nil, diag.Errorf("shapes %s and %s differ in %s: only a scalar goes with every entry of a tensor", shapeText(a), shapeText(b), o.sym)
	case matmul:
		return productShape(args[0], args[1])
	case transpose:
		a := args[0]
		switch {
		case len(a) == 0:
			return a, nil
		case len(a) == 1:
			return []int{1, a[0]}, nil
		case len(a) == 2 && a[0] == 1:
			return []int{a[1]}, nil
		case len(a) == 2:
			return []int{a[1], a[0]}, nil
		}
		return nil, diag.Errorf("^T transposes a vector or a matrix, not a tensor of shape %s", shapeText(a))
	case reduce:
		if isScalar(args[0]) && o.name == "logsumexp" {
			return nil, diag.Errorf("logsumexp of a scalar: it takes a vector")
		}
		return nil, nil
	case softmax:
		if len(args[0]) != 1 {
			return nil, diag.Errorf("softmax takes a vector, not a tensor of shape %s", shapeText(args[0]))
		}
		return args[0], nil
	case reshape:
		if o.name == "flatten" {
			return []int{size(args[0])}, nil
		}
		if size(x.Shape) != size(args[0]) {
			return nil, diag.Errorf("reshape of shape %s to %s: its %d entries do not fill %d", shapeText(args[0]), shapeText(x.Shape), size(args[0]), size(x.Shape))
		}
		return x.Shape, nil
	case concat:
		return concatShape(args[0], args[1], max(x.Axis, 1)-1)
	case loss:
		return lossShape(o.name, args[0], args[1])
	case conv:
		g, err := convShape(o.name, args, x.Window)
		if err != nil {
			return nil, err
		}
		return g.outShape(len(args[0])), nil
	case pool:
		g, err := poolShape(o.name, args[0], x.Window)
		if err != nil {
			return nil, err
		}
		return g.poolOutShape(args[0]), nil
	}
	return nil, diag.Internalf("network: no shape rule for %s", o.name)
}

// productShape is the shape of the product a b written by juxtaposition:
// with a scalar, every entry times it; else the matrix product, a vector
// standing for a column, and a row times a column being a number (the
// dot product x^T y).
func productShape(a, b []int) ([]int, error) {
	switch {
	case isScalar(a):
		return b, nil
	case isScalar(b):
		return a, nil
	case len(a) == 2 && len(b) == 1 && a[1] == b[0]:
		if a[0] == 1 {
			return nil, nil // x^T y
		}
		return []int{a[0]}, nil // W x
	case len(a) == 2 && len(b) == 2 && a[1] == b[0]:
		return []int{a[0], b[1]}, nil // W V
	case len(a) == 1 && len(b) == 2 && b[0] == 1:
		return []int{a[0], b[1]}, nil // x y^T
	case len(a) == 1 && len(b) == 1:
		return nil, diag.Errorf("two vectors side by side (shapes %s and %s): write x^T y for their dot product, x y^T for the outer product, or x * y entry by entry", shapeText(a), shapeText(b))
	}
	return nil, diag.Errorf("shapes %s and %s do not multiply: the columns of the first must be as many as the rows of the second", shapeText(a), shapeText(b))
}

// shapeText writes a shape as the issue and the exam do: [2], [2, 3], []
// for a scalar.
func shapeText(shape []int) string {
	s := "["
	for i, d := range shape {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(d)
	}
	return s + "]"
}
