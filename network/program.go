// Package network builds computational graphs from networks written in
// derivtex's plain syntax (y = sin(w)^T x; L = -log(y l)), and runs them
// forward and backward: every node's value, exact where the inputs are,
// and every adjoint, by vector-Jacobian products.
//
// A program (Program) is what the parser reads: named assignments of
// tensor expressions (Expr). Build checks it against the shapes of the
// given inputs and makes the graph (Graph): one node per operation, one
// edge per tensor, vectors kept whole, as a person draws a network.
// Forward and Backward then work it out in exact terms or in float64
// (see field).
package network

import (
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
)

// Program is a network as written: assignments, each naming a tensor.
type Program struct {
	Assignments []*Assignment
	// Defs are the operators the program defines by their index maps,
	// which its assignments call by name.
	Defs []*Definition
}

// Definition is an operator defined by its index map, where the program
// defines it.
type Definition struct {
	Op  *indexmap.Op
	Pos diag.Pos
	Src string // the source line, for messages
}

// Assignment is name = expression.
type Assignment struct {
	Name string
	Pos  diag.Pos // of the name
	Expr Expr
	Src  string // the source line, for messages
}

// Expr is a tensor expression as written: a *Ref, a *Const or an
// *Apply, sealed by an unexported method. Its position is where errors
// about it point: an operator application's is its operator's.
type Expr interface {
	At() diag.Pos
	tensorExpr()
}

// Ref is a name: an input, or a tensor another assignment names.
type Ref struct {
	Name string
	Pos  diag.Pos
}

// Const is a number written in the program (2, pi/2): a scalar.
type Const struct {
	Value expr.Expr
	Pos   diag.Pos
}

// Apply is an operation applied to its arguments: Op is one of the
// operations of the table (ops), by name.
type Apply struct {
	Op   string
	Args []Expr
	Pos  diag.Pos
	Text string // the operation as written, for labels: "sin(w)", "W x"
	// Index holds the indices of x[...] (Op "index"), one per dimension
	// of x; nil for every other operation.
	Index []Index
	// Shape is the shape reshape(x, [2, 3]) gives (Op "reshape").
	Shape []int
	// Axis is the dimension concat joins along, 1-based as written
	// (concat(A, B, 2)); 0 for the first, the default.
	Axis int
	// Window holds a convolution's or a pooling's stride, padding, rate
	// and window (conv2d(x, w, stride: 2), maxpool(x, 2)); nil for
	// every other operation.
	Window *Window
}

// Index is one index of x[...], 1-based and inclusive as MATLAB has
// them: a position (x[2], Step 0), or a range From:Step:To (x[2:end],
// x[1:2:end], x[end:-1:1]); ":" alone is the whole dimension.
type Index struct {
	From, To Bound
	Step     int  // 0 for a position; else the step of a range, 1 unless written
	All      bool // ":" as written: 1:end
	Pos      diag.Pos
}

// Bound is a place along a dimension as written: N, or end + N when End
// is set (end - 1 is {N: -1, End: true}).
type Bound struct {
	N   int
	End bool
}

// At is where errors about the expression point.
func (r *Ref) At() diag.Pos { return r.Pos }

// At is where errors about the expression point.
func (c *Const) At() diag.Pos { return c.Pos }

// At is where errors about the expression point: the operator's place.
func (a *Apply) At() diag.Pos { return a.Pos }

func (*Ref) tensorExpr()   {}
func (*Const) tensorExpr() {}
func (*Apply) tensorExpr() {}

// InputRefs are the first use of each name the program reads but no
// assignment makes: its inputs, in the order they are first read.
func (p *Program) InputRefs() []*Ref {
	assigned := map[string]bool{}
	for _, a := range p.Assignments {
		assigned[a.Name] = true
	}
	var inputs []*Ref
	seen := map[string]bool{}
	var walk func(x Expr)
	walk = func(x Expr) {
		switch x := x.(type) {
		case *Ref:
			if !assigned[x.Name] && !seen[x.Name] {
				seen[x.Name] = true
				inputs = append(inputs, x)
			}
		case *Apply:
			for _, a := range x.Args {
				walk(a)
			}
		}
	}
	for _, a := range p.Assignments {
		walk(a.Expr)
	}
	return inputs
}
