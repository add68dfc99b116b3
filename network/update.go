package network

import (
	"slices"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// Update is one step of gradient descent on the named inputs: each moves
// against its gradient, w' = w - lr dL/dw, worked out exactly (a float
// pass's values are exact decimals). An input the loss does not depend
// on stays where it is.
func (p *Pass) Update(names []string, lr expr.Expr) (map[string]tensor.Tensor, error) {
	out := map[string]tensor.Tensor{}
	for _, name := range names {
		n, ok := p.Graph.Node(name)
		if !ok || n.Op != "input" {
			return nil, diag.Errorf("%s is not an input of the network: only given values are updated", name)
		}
		w := p.Values[n.ID]
		g := p.Adjoints[n.ID]
		if g == nil {
			out[name] = w
			continue
		}
		we, ge := w.Entries(), g.Entries()
		next := make([]expr.Expr, len(we))
		for i := range we {
			next[i] = expr.Sub(we[i], expr.Mul(lr, ge[i]))
		}
		t, err := tensor.New(w.Shape(), next)
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

// Inputs lists the names of the graph's inputs, in the order the program
// first uses them.
func (g *Graph) Inputs() []string {
	var out []string
	for _, n := range g.Nodes {
		if n.Op == "input" && !slices.Contains(out, n.Name) {
			out = append(out, n.Name)
		}
	}
	return out
}
