package network

import (
	"context"
	"slices"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// Pass is a graph worked out at its inputs: every node's value, forward,
// and, backward from the loss, every adjoint: the gradient of the loss by
// that node's tensor.
type Pass struct {
	Graph *Graph
	// Values holds each node's value, by ID.
	Values []tensor.Tensor
	// Adjoints holds each node's adjoint, by ID; nil for a node the loss
	// does not depend on.
	Adjoints []*tensor.Tensor
	// Exact reports whether the pass computed exactly (else in float64).
	Exact bool
	// Notes say which conventions the pass used: a derivative taken at a
	// point where the function has none (relu at 0).
	Notes []string
}

// kinks are the functions without a derivative at 0, and the value the
// backward pass takes there, as PyTorch does.
var kinks = map[*expr.Func]string{
	expr.FnRelu: "relu has no derivative at 0; the backward pass takes 0 there, as PyTorch does",
	expr.FnAbs:  "abs has no derivative at 0; the backward pass takes 0 there (sign(0) = 0), as PyTorch does",
}

// Run works g out at the inputs forward, then backward from its loss,
// exactly when exact is set, else in float64. Every operation is charged
// to ctx's budget in proportion to the entries it touches. A value the
// network cannot go on with (a division by zero, the log of a number that
// is not positive) is an error naming the node, at its place in the
// program.
func Run(ctx context.Context, g *Graph, inputs map[string]tensor.Tensor, exactly bool) (*Pass, error) {
	return runThrough(ctx, g, inputs, exactly, throughTensors)
}

// Forward works g out at the inputs as Run does, forward only: every
// node's value, no adjoints. The loss, the value asked for, may be any
// tensor (derivtex eval's W x).
func Forward(ctx context.Context, g *Graph, inputs map[string]tensor.Tensor, exactly bool) (*Pass, error) {
	return runThrough(ctx, g, inputs, exactly, forwardTensors)
}

// stage is how far a run goes: the whole of it for Run, the forward pass
// for Forward, and the forward or the backward pass alone, its values
// left as they are computed, for the benchmarks, which time each.
type stage int

const (
	throughForward  stage = iota
	throughBackward       // the adjoints too
	forwardTensors        // the values as tensors: a Pass without adjoints
	throughTensors        // the values and adjoints as tensors: a Pass
)

// backward reports whether the stage goes through the backward pass.
func (s stage) backward() bool { return s == throughBackward || s == throughTensors }

// runThrough is Run up to the given stage; the Pass is nil before the
// tensors.
func runThrough(ctx context.Context, g *Graph, inputs map[string]tensor.Tensor, exactly bool, last stage) (*Pass, error) {
	m := budget.From(ctx)
	if exactly {
		return run[expr.Expr](m, g, inputs, exact{m}, last)
	}
	p, err := run[float64](m, g, inputs, float{}, last)
	if p != nil {
		p.Exact = false
	}
	return p, err
}

func run[T any](m *budget.Meter, g *Graph, inputs map[string]tensor.Tensor, f field[T], last stage) (*Pass, error) {
	if last.backward() && size(g.Loss.Shape) != 1 {
		return nil, g.Loss.errorf("the loss %s is a tensor of shape %s, not a number: a gradient needs a scalar loss (sum or mean it)", g.Loss.Label(), shapeText(g.Loss.Shape))
	}
	vals := make([]array[T], len(g.Nodes))
	for _, n := range g.Nodes {
		switch n.Op {
		case "input":
			t, ok := inputs[n.Name]
			if !ok {
				return nil, n.errorf("no value for %s", n.Name)
			}
			a, err := fromTensor(f, t)
			if err != nil {
				return nil, n.errorf("the value of %s: %s", n.Name, diag.From(err).Msg)
			}
			vals[n.ID] = a
		case "const":
			v, err := f.fromExpr(n.Const)
			if err != nil {
				return nil, n.errorf("%s", diag.From(err).Msg)
			}
			vals[n.ID] = array[T]{data: []T{v}}
		default:
			args := make([]array[T], len(n.Args))
			for i, a := range n.Args {
				args[i] = vals[a.ID]
			}
			if !m.Work(n.cost()) {
				return nil, m.Err()
			}
			v, err := forward(f, n, args)
			if err != nil {
				return nil, n.errorf("%s: %s", n.Label(), diag.From(err).Msg)
			}
			vals[n.ID] = v
		}
	}

	if last == throughForward {
		return nil, m.Err()
	}
	adj := make([]*array[T], len(g.Nodes))
	var notes []string
	if last.backward() {
		notes = backwardPass(m, g, f, vals, adj)
		if err := m.Err(); err != nil {
			return nil, err
		}
	}
	if last == throughBackward {
		return nil, m.Err()
	}

	p := &Pass{Graph: g, Values: make([]tensor.Tensor, len(g.Nodes)), Adjoints: make([]*tensor.Tensor, len(g.Nodes)), Exact: true, Notes: notes}
	for i := range g.Nodes {
		p.Values[i] = toTensor(f, vals[i])
		if adj[i] != nil {
			t := toTensor(f, *adj[i])
			p.Adjoints[i] = &t
		}
	}
	return p, m.Err()
}

// backwardPass fills adj, by node ID, with the adjoints of the nodes the
// loss depends on, from the values vals, and says which conventions it
// took where a derivative is missing. It stops when m's budget is spent.
func backwardPass[T any](m *budget.Meter, g *Graph, f field[T], vals []array[T], adj []*array[T]) []string {
	var notes []string
	for _, n := range g.Nodes {
		if n.op == nil {
			continue
		}
		args := make([]array[T], len(n.Args))
		for i, a := range n.Args {
			args[i] = vals[a.ID]
		}
		if note := noteOf(f, n, args, vals[n.ID]); note != "" && !slices.Contains(notes, note) {
			notes = append(notes, note)
		}
	}

	// A loss of one entry ([1], the max-pool of a pair) is a number.
	one := array[T]{shape: g.Loss.Shape, data: []T{f.one()}}
	adj[g.Loss.ID] = &one
	for i := g.Loss.ID; i >= 0; i-- {
		n := g.Nodes[i]
		gn := adj[i]
		if gn == nil || n.op == nil {
			continue
		}
		args := make([]array[T], len(n.Args))
		for k, a := range n.Args {
			args[k] = vals[a.ID]
		}
		if !m.Work(2 * n.cost()) {
			return notes
		}
		for k, d := range vjp(f, n, args, vals[i], *gn) {
			a := n.Args[k]
			if adj[a.ID] == nil {
				adj[a.ID] = &d
				continue
			}
			// A tensor used more than once: its adjoints add up.
			sum := array[T]{shape: d.shape, data: make([]T, len(d.data))}
			for j := range d.data {
				sum.data[j] = f.add(adj[a.ID].data[j], d.data[j])
			}
			adj[a.ID] = &sum
		}
	}
	return notes
}
