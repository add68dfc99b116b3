package answer

import (
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/tensor"
)

// NetLocal is the local gradient of a node by one of its inputs: its
// Jacobian, rows (the node's entries) x cols (the input's), with the
// structure the backward pass uses so as not to form it.
type NetLocal struct {
	Node      string `json:"node"`
	Input     string `json:"input"`
	Structure string `json:"structure"` // "diagonal", "identity", "outer product", ...
	Rows      int    `json:"rows"`
	Cols      int    `json:"cols"`
	// Jacobian is as written (diag(cos(w)), x^T, W, I); Factor what
	// determines it (cos(w)), empty for the identity and a transpose;
	// AtValues the factor's value, null where there is none.
	Jacobian Expr   `json:"jacobian"`
	Factor   Expr   `json:"factor"`
	AtValues *Value `json:"at_values"`
}

// NetStep is a step of gradient descent: the loss and gradients where it
// starts, the velocities (the gradients, without momentum) and the
// inputs after it.
type NetStep struct {
	Loss      Value            `json:"loss"`
	Gradients map[string]Value `json:"gradients"`
	Velocity  map[string]Value `json:"velocity"`
	Inputs    map[string]Value `json:"inputs"`
}

// localsOf is the local gradients of a pass's backward pass.
func localsOf(bp *network.Backprop, m *budget.Meter) []NetLocal {
	out := []NetLocal{}
	for _, l := range bp.Locals {
		nl := NetLocal{Node: l.Node.Label(), Input: l.Arg.Label(), Structure: string(l.Structure), Rows: l.Rows, Cols: l.Cols,
			Jacobian: Expr{Plain: l.Symbolic.Plain, LaTeX: l.Symbolic.TeX}, Factor: Expr{Plain: l.Factor.Plain, LaTeX: l.Factor.TeX}}
		if l.AtValues != nil {
			v := valueOf(*l.AtValues, m)
			nl.AtValues = &v
		}
		out = append(out, nl)
	}
	return out
}

// StepsOf writes the steps of a descent.
func StepsOf(steps []network.Step, m *budget.Meter) []NetStep {
	out := []NetStep{}
	byName := func(ts map[string]tensor.Tensor) map[string]Value {
		vs := map[string]Value{}
		for k, t := range ts {
			vs[k] = valueOf(t, m)
		}
		return vs
	}
	for _, s := range steps {
		out = append(out, NetStep{Loss: valueOf(s.Loss, m), Gradients: byName(s.Gradients), Velocity: byName(s.Velocity), Inputs: byName(s.Inputs)})
	}
	return out
}
