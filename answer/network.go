package answer

import (
	"context"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/tensor"
)

// Network is the answer of net: the graph's nodes with their values, the
// loss, the gradients of the inputs asked for, and the update of them.
type Network struct {
	Schema int       `json:"schema,omitempty"`
	Nodes  []NetNode `json:"nodes"`
	Loss   Value     `json:"loss"`
	// Gradients and Update are by input name; Update is empty without a
	// learning rate.
	Gradients map[string]Value `json:"gradients"`
	Update    map[string]Value `json:"update"`
	// Exact is false when the pass computed in float64 (--float): the
	// exact parts are then the decimals of the floats.
	Exact bool `json:"exact"`
	// Notes say which conventions the pass used (relu at 0).
	Notes []string `json:"notes"`
	// Locals are the local gradients of the graph's edges the loss
	// depends on.
	Locals []NetLocal `json:"locals"`
	// Steps are the steps of a descent of several steps or with
	// momentum; absent otherwise.
	Steps []NetStep `json:"steps,omitempty"`
}

// NetNode is a node of a network's graph: an input, a constant or an
// operation, with its value forward and its adjoint backward (null when
// the loss does not depend on it).
type NetNode struct {
	Name    string   `json:"name"` // the assigned or input name, or the operation as written
	Op      string   `json:"op"`   // "input", "const", or an operation: "matmul", "sin"
	Inputs  []string `json:"inputs"`
	Shape   []int    `json:"shape"`
	Value   Value    `json:"value"`
	Adjoint *Value   `json:"adjoint"`
}

// Value is a tensor: its entries as numbers, nested as the shape nests
// them (a number for a scalar, null for an entry without a float), and
// exactly, in plain syntax that derivtex reads back ([0, 1/2]) and in
// LaTeX.
type Value struct {
	Value any  `json:"value"`
	Exact Expr `json:"exact"`
}

// NetworkOf is the answer of a pass; update holds the inputs after a
// step of gradient descent, if one was taken.
func NetworkOf(ctx context.Context, p *network.Pass, wrt []string, update map[string]tensor.Tensor) (*Network, error) {
	m := budget.From(ctx)
	a := &Network{Nodes: []NetNode{}, Gradients: map[string]Value{}, Update: map[string]Value{}, Exact: p.Exact, Notes: append([]string{}, p.Notes...)}
	for _, n := range p.Graph.Nodes {
		node := NetNode{Name: n.Label(), Op: n.Op, Inputs: []string{}, Shape: n.Shape, Value: valueOf(p.Values[n.ID], m)}
		if node.Shape == nil {
			node.Shape = []int{}
		}
		for _, arg := range n.Args {
			node.Inputs = append(node.Inputs, arg.Label())
		}
		if g := p.Adjoints[n.ID]; g != nil {
			v := valueOf(*g, m)
			node.Adjoint = &v
		}
		a.Nodes = append(a.Nodes, node)
	}
	a.Loss = valueOf(p.Values[p.Graph.Loss.ID], m)
	for _, name := range wrt {
		n, _ := p.Graph.Node(name)
		if g := p.Adjoints[n.ID]; g != nil {
			a.Gradients[name] = valueOf(*g, m)
		} else {
			zero, _ := tensor.New(n.Shape, zeros(p.Values[n.ID].Len()))
			a.Gradients[name] = valueOf(zero, m)
		}
	}
	for name, t := range update {
		a.Update[name] = valueOf(t, m)
	}
	bp, err := p.Backprop(m)
	if err != nil {
		return nil, err
	}
	a.Locals = localsOf(bp, m)
	return a, m.Err()
}

func zeros(n int) []expr.Expr {
	out := make([]expr.Expr, n)
	for i := range out {
		out[i] = expr.Zero
	}
	return out
}

// valueOf writes a tensor both ways.
func valueOf(t tensor.Tensor, m *budget.Meter) Value {
	return Value{Value: nested(t), Exact: Expr{Plain: t.String(), LaTeX: latex.Tensor(t, latex.WithBudget(m))}}
}

// nested is t's entries as floats, nested as its shape nests them.
func nested(t tensor.Tensor) any {
	entries := t.Entries()
	floats := make([]any, len(entries))
	for i, x := range entries {
		if v, err := expr.Eval(x, expr.Env{}); err == nil {
			floats[i] = v
		}
	}
	shape := t.Shape()
	if len(shape) == 0 {
		return floats[0]
	}
	var build func(dim, at int) any
	build = func(dim, at int) any {
		if dim == len(shape)-1 {
			return floats[at : at+shape[dim]]
		}
		stride := 1
		for _, d := range shape[dim+1:] {
			stride *= d
		}
		out := make([]any, shape[dim])
		for i := range out {
			out[i] = build(dim+1, at+i*stride)
		}
		return out
	}
	return build(0, 0)
}

// SymbolicNetwork is the answer of net without values: the forward pass
// as written and one line per adjoint, last node first, each in the
// adjoints before it (dL/dz = (dL/dy)*x), with the kind of tensor
// ("a number", "a vector", "a matrix") it took each input to be.
type SymbolicNetwork struct {
	Schema   int               `json:"schema,omitempty"`
	Assumed  map[string]string `json:"assumed"`
	Forward  []SymbolicLine    `json:"forward"`
	Backward []SymbolicLine    `json:"backward"`
}

// SymbolicLine is name = formula.
type SymbolicLine struct {
	Name    Expr `json:"name"`
	Formula Expr `json:"formula"`
}

// SymbolicOf is the answer of a symbolic gradient.
func SymbolicOf(s *network.Symbolic, assumed map[string]string) *SymbolicNetwork {
	a := &SymbolicNetwork{Assumed: assumed, Forward: []SymbolicLine{}, Backward: []SymbolicLine{}}
	line := func(l network.Line) SymbolicLine {
		return SymbolicLine{Name: Expr{Plain: l.Name.Plain, LaTeX: l.Name.TeX}, Formula: Expr{Plain: l.Formula.Plain, LaTeX: l.Formula.TeX}}
	}
	for _, l := range s.Forward {
		a.Forward = append(a.Forward, line(l))
	}
	for _, l := range s.Backward {
		a.Backward = append(a.Backward, line(l))
	}
	return a
}
