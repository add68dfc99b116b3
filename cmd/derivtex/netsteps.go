package main

import (
	"context"
	"fmt"
	"github.com/derivtex/derivtex/answer"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// descentFlags are net's flags for the backward pass in steps, training
// over several steps, and gradients without values.
type descentFlags struct {
	Steps      bool   `help:"Show the local gradients (each node's Jacobian by each input, with its structure) and the backward pass as vector-Jacobian products."`
	Momentum   string `help:"Train with momentum mu: v' = mu v + dL/dw, w' = w - lr v', the velocity starting at 0 (needs --lr)."`
	Iterations int    `help:"Take this many steps of gradient descent (needs --lr), each with its loss and inputs."`
	Symbolic   bool   `help:"Give the gradient as formulas in the inputs, one line per adjoint, without values (the default when no input has a value); given values only fix shapes."`
}

// descend takes the steps --iterations and --momentum ask for; nil when
// they ask for none. A mistake in the flags is the flag's; one in a step
// is placed in the network.
func (c *netCmd) descend(ctx context.Context, pass *network.Pass, inputs map[string]tensor.Tensor, wrt []string, lr expr.Expr) ([]network.Step, error) {
	if c.Iterations == 0 && c.Momentum == "" {
		return nil, nil
	}
	if lr == nil {
		return nil, diag.Errorf("--iterations and --momentum train the network: give a learning rate with --lr")
	}
	if c.Iterations < 0 || c.Iterations > network.MaxSteps {
		return nil, diag.Errorf("--iterations: %d steps: take from 1 to %d", c.Iterations, network.MaxSteps)
	}
	d := network.Descent{LR: lr, Steps: max(c.Iterations, 1)}
	if c.Momentum != "" {
		v, err := parser.ParseValue(c.Momentum)
		if err != nil || v.Rank() != 0 {
			if err == nil {
				err = diag.At(diag.Pos{Line: 1, Col: 1}, "a momentum is a number, not %s", v.Describe()).WithSource(c.Momentum)
			}
			return nil, diag.Prefixed("--momentum", err)
		}
		d.Momentum = v.At()
	}
	steps, err := network.Descend(ctx, pass, inputs, wrt, d)
	return steps, located(err, c.Network)
}

// plainDescent writes the steps of a descent: each step's loss where it
// starts, and the inputs after it.
func (c *netCmd) plainDescent(steps []network.Step, wrt []string, lr expr.Expr, m *budget.Meter) string {
	var b strings.Builder
	rule := "w' = w - " + lr.String() + " dL/dw"
	if c.Momentum != "" {
		rule = "v' = " + c.Momentum + " v + dL/dw, w' = w - " + lr.String() + " v', v = 0 at the start"
	}
	count := "1 step"
	if len(steps) != 1 {
		count = fmt.Sprintf("%d steps", len(steps))
	}
	fmt.Fprintf(&b, "descent (%s: %s)\n", count, rule)
	for i, s := range steps {
		var rows [][2]string
		rows = append(rows, [2]string{fmt.Sprintf("  step %d: L", i+1), "= " + valueText(s.Loss, m)})
		for _, name := range wrt {
			if c.Momentum != "" {
				rows = append(rows, [2]string{"    v_" + name + "'", "= " + valueText(s.Velocity[name], m)})
			}
			rows = append(rows, [2]string{"    " + name + "'", "= " + valueText(s.Inputs[name], m)})
		}
		writeAligned(&b, rows, 1)
	}
	return b.String()
}

// plainBackprop writes the local gradients, then the backward pass as
// vector-Jacobian products: each adjoint, last node first, as the sum of
// upstream gradient x local Jacobian over the nodes it feeds, the
// product written as the structure allows, then with the numbers put in.
func plainBackprop(bp *network.Backprop, p *network.Pass, wrt []string, m *budget.Meter) string {
	var b strings.Builder
	b.WriteString("local gradients (Jacobian of each node by each input, rows x columns)\n")
	var rows [][2]string
	for _, l := range bp.Locals {
		rhs := "= " + l.Symbolic.Plain
		if l.AtValues != nil && l.Factor.Plain != l.AtValues.String() {
			if l.Symbolic.Plain != l.Factor.Plain {
				rhs += ", " + l.Factor.Plain
			}
			rhs += " = " + valueText(*l.AtValues, m)
		}
		rhs += fmt.Sprintf("   %d x %d, %s", l.Rows, l.Cols, l.Structure)
		rows = append(rows, [2]string{"  d" + by(l.Node) + "/d" + by(l.Arg), rhs})
	}
	writeAligned(&b, rows, 1)
	b.WriteString("backward (vector-Jacobian products, last node first)\n")
	rows = rows[:0]
	for _, a := range bp.Adjoints {
		if len(a.Contributions) == 0 {
			rows = append(rows, [2]string{"  " + a.Bar.Plain, "= " + valueText(a.Value, m)})
			continue
		}
		var formulas, numbers, notes []string
		for _, c := range a.Contributions {
			formulas = append(formulas, c.Formula.Plain)
			numbers = append(numbers, c.Numbers.Plain)
			if c.Local.Structure == network.Diagonal && !slices.Contains(notes, "diagonal: Hadamard product") {
				notes = append(notes, "diagonal: Hadamard product")
			}
		}
		rhs := "= " + strings.Join(formulas, " + ")
		if n := strings.Join(numbers, " + "); n != strings.Join(formulas, " + ") && n != a.Value.String() {
			rhs += " = " + n
		}
		if v := valueText(a.Value, m); !strings.HasSuffix(rhs, "= "+a.Value.String()) {
			rhs += " = " + v
		}
		if len(notes) > 0 {
			rhs += "   (" + strings.Join(notes, "; ") + ")"
		}
		rows = append(rows, [2]string{"  " + a.Bar.Plain, rhs})
	}
	writeAligned(&b, rows, 1)
	b.WriteString("gradients\n")
	b.WriteString(plainGradients(p, wrt, m))
	return b.String()
}

// by is a node as it stands after d: its name, or its operation in
// parentheses.
func by(n *network.Node) string {
	if n.Name != "" {
		return n.Name
	}
	return "(" + n.Label() + ")"
}

// runSymbolic writes the gradient as formulas: the shapes assumed for
// the inputs without values, the forward pass as written and a line per
// adjoint.
func (c *netCmd) runSymbolic(e *env, prog *network.Program, given map[string][]int) error {
	if c.TikZ || c.DOT || c.LaTeX {
		return diag.Errorf("drawings and --latex show values: give the inputs' values")
	}
	if c.LR != "" || c.Iterations != 0 || c.Momentum != "" {
		return diag.Errorf("training needs the inputs' values: give them, or leave --lr, --iterations and --momentum out")
	}
	_, m := e.job()
	shapes, err := network.InferShapes(prog, given, c.Loss, m)
	if err != nil {
		return located(err, c.Network)
	}
	g, err := network.Build(prog, shapes, c.Loss)
	if err != nil {
		return located(err, c.Network)
	}
	wrt, err := c.wrtNames(g)
	if err != nil {
		return err
	}
	s := network.SymbolicOf(g, wrt)
	var b strings.Builder
	var assumed []string
	kinds := map[string]string{}
	for _, name := range g.Inputs() {
		if _, ok := given[name]; !ok {
			assumed = append(assumed, name+" "+network.ShapeKind(shapes[name]))
			kinds[name] = network.ShapeKind(shapes[name])
		}
	}
	if c.JSON {
		a := answer.SymbolicOf(s, kinds)
		a.Schema = answer.Schema
		return writeJSON(e.stdout, a)
	}
	b.WriteString("symbolic")
	if len(assumed) > 0 {
		b.WriteString(" (taking " + strings.Join(assumed, ", ") + ")")
	}
	b.WriteString("\nforward\n")
	var rows [][2]string
	for _, l := range s.Forward {
		rows = append(rows, [2]string{"  " + l.Name.Plain, "= " + l.Formula.Plain})
	}
	writeAligned(&b, rows, 1)
	b.WriteString("backward (one line per adjoint, last node first)\n")
	rows = rows[:0]
	for _, l := range s.Backward {
		rows = append(rows, [2]string{"  " + l.Name.Plain, "= " + l.Formula.Plain})
	}
	writeAligned(&b, rows, 1)
	_, err = fmt.Fprint(e.stdout, b.String())
	return err
}
