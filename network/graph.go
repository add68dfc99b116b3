package network

import (
	"context"
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// MaxNodes bounds the operations of a graph, and MaxEntries the entries
// of any tensor in it, so that a program from a stranger cannot make a
// graph or a value of any size.
const (
	MaxNodes   = 10000
	MaxEntries = 1 << 20
)

// Graph is a network's computational graph: one node per input, constant
// and operation, in an order where every node comes after its arguments.
type Graph struct {
	Nodes []*Node
	// Loss is the node the backward pass starts from: the last
	// assignment, unless the program names another.
	Loss   *Node
	byName map[string]*Node
}

// Node is a tensor of the graph: an input (Op "input"), a constant (Op
// "const"), or an operation on earlier nodes.
type Node struct {
	ID    int
	Name  string // the input's or assignment's name; "" for an intermediate
	Op    string // the operation (ops), "input" or "const"
	Args  []*Node
	Shape []int
	Pos   diag.Pos
	Text  string    // the operation as written ("sin(w)"), or the name
	Const expr.Expr // a constant's value
	// Index holds an index node's indices as written (W[:, 2:end]), for
	// renderers; nil for other nodes.
	Index []Index
	op    *op
	src   string // the source line of its assignment, for messages
	// picks are, for an index, the 0-based positions it takes along each
	// dimension of its argument.
	picks [][]int
	// axis is, for a concat, the 0-based dimension it joins along.
	axis int
	// sizes are, for a defined operator, the values of its sizes (N)
	// that its argument's shape gives.
	sizes map[expr.Expr]expr.Expr
	// window is, for a convolution or a pooling, its stride, padding,
	// rate and window as written.
	window *Window
}

// errorf is an input error at n, with its source line.
func (n *Node) errorf(format string, args ...any) *diag.Error {
	e := diag.At(n.Pos, format, args...)
	e.Src = n.src
	return e
}

// Node returns the node a name stands for, an input or an assignment.
func (g *Graph) Node(name string) (*Node, bool) {
	n, ok := g.byName[name]
	return n, ok
}

// Build makes the graph of p, whose inputs have the given shapes. The
// assignments may come in any order; a name used before it is assigned,
// assigned twice, left without a value, or used in its own definition
// (a cycle) is an error at its place, as is a shape mismatch. The loss is
// the assignment named loss, or the last one when loss is "".
func Build(p *Program, inputs map[string][]int, loss string) (*Graph, error) {
	return newBuilder(inputs, false).build(p, loss)
}

// BuildTerm makes the graph of one tensor expression, read from the
// source line src, whose inputs have the given shapes: derivtex eval's
// W x. Its result is the graph's Loss, which need not be a number: a
// term's graph is for Forward. A name without a value is an error at it.
func BuildTerm(x Expr, src string, inputs map[string][]int) (*Graph, error) {
	// The assignment's name is one no program can write, so that no
	// input shadows it; the result is labelled by its operation.
	p := &Program{Assignments: []*Assignment{{Name: "", Pos: x.At(), Expr: x, Src: src}}}
	return newBuilder(inputs, true).build(p, "")
}

func newBuilder(inputs map[string][]int, term bool) *builder {
	return &builder{
		g:       &Graph{byName: map[string]*Node{}},
		assigns: map[string]*Assignment{},
		inputs:  inputs,
		state:   map[string]int{},
		term:    term,
	}
}

func (b *builder) build(p *Program, loss string) (*Graph, error) {
	if len(p.Assignments) == 0 {
		return nil, diag.Errorf("the network has no assignment: write name = expression, separated by ; or new lines")
	}
	b.defined = map[string]*op{}
	for _, d := range p.Defs {
		if _, builtin := ops[d.Op.Name]; builtin || b.defined[d.Op.Name] != nil {
			return nil, diag.At(d.Pos, "%s is defined twice, or is an operation of networks: name it otherwise", d.Op.Name).WithSource(d.Src)
		}
		o, err := mappedOp(context.Background(), d.Op)
		if err != nil {
			return nil, diag.From(err).Located(d.Pos, d.Src)
		}
		b.defined[d.Op.Name] = o
	}
	for _, a := range p.Assignments {
		if first, ok := b.assigns[a.Name]; ok {
			return nil, errorAt(a, a.Pos, "%s is assigned twice; the first is at %d:%d", a.Name, first.Pos.Line, first.Pos.Col)
		}
		if _, ok := b.inputs[a.Name]; ok {
			return nil, errorAt(a, a.Pos, "%s is given a value and assigned: give it or assign it", a.Name)
		}
		b.assigns[a.Name] = a
	}
	for _, a := range p.Assignments {
		if _, err := b.assignment(a.Name, nil, nil); err != nil {
			return nil, err
		}
	}
	last := p.Assignments[len(p.Assignments)-1].Name
	if loss == "" {
		loss = last
	}
	l, ok := b.g.byName[loss]
	if !ok {
		return nil, diag.Errorf("no tensor named %s to be the loss", loss)
	}
	b.g.Loss = l
	return b.g, nil
}

// builder makes a graph, each assignment once, depth first.
type builder struct {
	g       *Graph
	assigns map[string]*Assignment
	inputs  map[string][]int
	state   map[string]int // 1 while an assignment is being built, 2 once built
	missing string         // the input without a shape that stopped the build
	term    bool           // building a term alone (BuildTerm), not a program
	defined map[string]*op // the program's own operators, by name
}

// assignment builds the node of the assignment named name, used at ref
// (nil for the top-level walk) within the assignment from.
func (b *builder) assignment(name string, ref *Ref, from *Assignment) (*Node, error) {
	a := b.assigns[name]
	switch b.state[name] {
	case 2:
		return b.g.byName[name], nil
	case 1:
		return nil, errorAt(from, ref.Pos, "%s is defined in terms of itself: the network has a cycle", name)
	}
	b.state[name] = 1
	start := len(b.g.Nodes)
	n, err := b.expr(a.Expr, a)
	if err != nil {
		return nil, err
	}
	if n.Name == "" {
		n.Name = name
	} else {
		// name = other: a node of its own, the same tensor under a new name.
		o := ops["copy"]
		n = b.add(&Node{Name: name, Op: o.name, Args: []*Node{n}, Shape: n.Shape, Pos: a.Pos, Text: n.Label()}, o)
	}
	for _, made := range b.g.Nodes[start:] {
		if made.src == "" {
			made.src = a.Src
		}
	}
	b.state[name] = 2
	b.g.byName[name] = n
	return n, nil
}

// expr builds the nodes of x, an expression of the assignment a.
func (b *builder) expr(x Expr, a *Assignment) (*Node, error) {
	switch x := x.(type) {
	case *Ref:
		if _, ok := b.assigns[x.Name]; ok {
			return b.assignment(x.Name, x, a)
		}
		if n, ok := b.g.byName[x.Name]; ok {
			return n, nil
		}
		shape, ok := b.inputs[x.Name]
		switch {
		case !ok && b.term:
			return nil, errorAt(a, x.Pos, "no value is given for %s: add a binding %s=...", x.Name, x.Name)
		case !ok:
			b.missing = x.Name
			return nil, errorAt(a, x.Pos, "no value for %s: give it (%s=...) or assign it", x.Name, x.Name)
		case len(shape) > tensor.MaxRank:
			return nil, errorAt(a, x.Pos, "%s has shape %s: a tensor has at most %d dimensions", x.Name, shapeText(shape), tensor.MaxRank)
		}
		n := b.add(&Node{Name: x.Name, Op: "input", Shape: shape, Pos: x.Pos, Text: x.Name}, nil)
		b.g.byName[x.Name] = n
		return n, nil
	case *Const:
		return b.add(&Node{Op: "const", Pos: x.Pos, Text: x.Value.String(), Const: x.Value}, nil), nil
	case *Apply:
		o, ok := ops[x.Op]
		if d, own := b.defined[x.Op]; own {
			o, ok = d, true
		}
		if !ok || !o.takes(len(x.Args)) {
			return nil, errorAt(a, x.Pos, "%s is no operation of a network", x.Op)
		}
		args := make([]*Node, len(x.Args))
		shapes := make([][]int, len(x.Args))
		for i, arg := range x.Args {
			n, err := b.expr(arg, a)
			if err != nil {
				return nil, err
			}
			args[i], shapes[i] = n, n.Shape
		}
		var picks [][]int
		var shape []int
		var err error
		var sizes map[expr.Expr]expr.Expr
		switch o.kind {
		case index:
			picks, shape, err = resolveIndex(x, shapes[0])
		case defined:
			shape, sizes, err = mappedShape(o.imap, shapes[0])
		default:
			shape, err = o.shapeOf(shapes, x)
		}
		if err != nil {
			d := diag.From(err)
			at := x.Pos
			if d.Pos.IsValid() {
				at = d.Pos // an index's own place
			}
			return nil, errorAt(a, at, "%s", d.Msg)
		}
		if len(shape) > tensor.MaxRank {
			return nil, errorAt(a, x.Pos, "%s would have shape %s: a tensor has at most %d dimensions", Format(x), shapeText(shape), tensor.MaxRank)
		}
		if size(shape) > MaxEntries {
			return nil, errorAt(a, x.Pos, "%s would have %d entries, more than %d", Format(x), size(shape), MaxEntries)
		}
		if len(b.g.Nodes) >= MaxNodes {
			return nil, errorAt(a, x.Pos, "the network has more than %d operations", MaxNodes)
		}
		text := x.Text
		if text == "" {
			text = Format(x)
		}
		return b.add(&Node{Op: o.name, Args: args, Shape: shape, Pos: x.Pos, Text: text, Index: x.Index, picks: picks, axis: max(x.Axis, 1) - 1, sizes: sizes, window: x.Window}, o), nil
	}
	return nil, diag.Internalf("network: unknown expression %T", x)
}

func (b *builder) add(n *Node, o *op) *Node {
	n.ID, n.op = len(b.g.Nodes), o
	b.g.Nodes = append(b.g.Nodes, n)
	return n
}

// errorAt is an input error at pos, with the assignment's source line.
func errorAt(a *Assignment, pos diag.Pos, format string, args ...any) error {
	e := diag.At(pos, format, args...)
	if a != nil {
		e.Src = a.Src
	}
	return e
}

// cost is the work of n's operation, forward, in operations on entries:
// rows x inner x columns for a matrix product, else the entries its
// arguments and result hold. The backward pass costs about twice as much.
func (n *Node) cost() int {
	c := 1 + size(n.Shape)
	for _, a := range n.Args {
		c += size(a.Shape)
	}
	if n.Op == "matmul" && len(n.Args[0].Shape) > 0 && len(n.Args[1].Shape) > 0 {
		rows, inner := asMatrix(n.Args[0].Shape)
		_, cols := asMatrix(n.Args[1].Shape)
		c += rows * inner * cols
	}
	return c + n.windowCost()
}

// Label is how a node is called in messages and drawings: its name, or
// the operation as written.
func (n *Node) Label() string {
	if n.Name != "" {
		return n.Name
	}
	return n.Text
}

// String writes the node as a line of the graph: "y = matmul(z, x)  [] ".
func (n *Node) String() string {
	var args []string
	for _, a := range n.Args {
		args = append(args, a.Label())
	}
	return fmt.Sprintf("%s = %s(%s) %s", n.Label(), n.Op, strings.Join(args, ", "), shapeText(n.Shape))
}

// Func is the function an elementwise operation applies to each entry
// (sin, tanh), or nil for any other node.
func (n *Node) Func() *expr.Func {
	if n.op == nil {
		return nil
	}
	return n.op.fn
}
