package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/draw"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
	"github.com/derivtex/derivtex/tensor"
)

type netCmd struct {
	Network  string   `arg:"" help:"The network: assignments name = expression, separated by ; or new lines (y = sin(w)^T x; L = -log(y l)). Juxtaposition is the matrix product, * is entry by entry, ^T transposes."`
	Bindings []string `arg:"" optional:"" help:"The inputs' values, NAME=VALUE as eval takes them: x='[2, 1]', W='[[1, 0], [0, 1]]', l=1."`
	Wrt      string   `help:"The inputs whose gradients to give (and update), comma-separated; default: every input the loss depends on."`
	Loss     string   `help:"The tensor to differentiate (a scalar); default: the last assignment."`
	LR       string   `name:"lr" help:"A learning rate: also take one step of gradient descent, w' = w - lr dL/dw."`
	Float    bool     `help:"Compute in float64 rather than exactly: for networks whose exact entries would not stay small (tanh layers)."`
	JSON     bool     `name:"json" xor:"format" help:"Answer in JSON (docs/json.md)."`
	TikZ     bool     `name:"tikz" xor:"format" help:"Draw the graph as a tikzpicture to \\input in a handout (needs amsmath and tikz with arrows.meta): operations as nodes, tensors as edges with their values above and gradients below."`
	DOT      bool     `name:"dot" xor:"format" help:"Draw the graph for graphviz (dot -Tpdf), in the layers --tikz uses."`
	LaTeX    bool     `name:"latex" xor:"format" help:"Write the worked pass as a handout's LaTeX, as derivtex solve does: the graph, forward pass, local gradients, backward pass, gradients and step (needs amsmath, amssymb, and tikz with arrows.meta)."`
	descentFlags
}

func (c *netCmd) Run(e *env) error {
	e.json = c.JSON
	prog, err := parser.ParseNetwork("", c.Network)
	if err != nil {
		return err
	}
	inputs, _, err := readTensors(c.Bindings)
	if err != nil {
		return err
	}
	shapes := shapesOf(inputs)
	if c.Symbolic || len(inputs) == 0 && len(prog.InputRefs()) > 0 {
		return c.runSymbolic(e, prog, shapes)
	}
	g, err := network.Build(prog, shapes, c.Loss)
	if err != nil {
		return located(err, c.Network)
	}
	for name := range inputs {
		if _, used := g.Node(name); !used {
			warn(e.stderr, diag.List{&diag.Error{Kind: diag.Warning, Msg: fmt.Sprintf("%s is given but the network does not use it", name)}})
		}
	}
	wrt, err := c.wrtNames(g)
	if err != nil {
		return err
	}
	ctx, m := e.job()
	pass, err := network.Run(ctx, g, inputs, !c.Float)
	if err != nil {
		return located(err, c.Network)
	}
	var updated map[string]tensor.Tensor
	var lr expr.Expr
	if c.LR != "" {
		v, err := parser.ParseValue(c.LR)
		if err != nil || v.Rank() != 0 {
			if err == nil {
				err = diag.At(diag.Pos{Line: 1, Col: 1}, "a learning rate is a number, not %s", v.Describe()).WithSource(c.LR)
			}
			return diag.Prefixed("--lr", err)
		}
		lr = v.At()
		if updated, err = pass.Update(wrt, lr); err != nil {
			return err
		}
	}
	steps, err := c.descend(ctx, pass, inputs, wrt, lr)
	if err != nil {
		return err
	}
	if c.JSON {
		a, err := answer.NetworkOf(ctx, pass, wrt, updated)
		if err != nil {
			return err
		}
		a.Steps = answer.StepsOf(steps, m)
		a.Schema = answer.Schema
		return writeJSON(e.stdout, a)
	}
	oneStep := lr
	if steps != nil {
		oneStep = nil // the descent shows the first step
	}
	var out string
	switch {
	case c.TikZ:
		out, err = draw.TikZ(pass, latex.WithBudget(m))
		m.Output(len(out))
	case c.DOT:
		out, err = draw.DOT(pass)
		m.Output(len(out))
	case c.LaTeX:
		if steps != nil {
			return diag.Errorf("--latex shows one step of gradient descent; --momentum and --iterations are for the text and --json answers")
		}
		out, err = solve.NetworkTeX(ctx, pass, prog.Defs, wrt, lr, updated, problem.DefaultPrecision)
	case c.Steps:
		var bp *network.Backprop
		if bp, err = pass.Backprop(m); err == nil {
			out = plainForward(pass, m) + plainBackprop(bp, pass, wrt, m)
			if oneStep != nil {
				out += plainUpdate(wrt, lr, updated, m)
			}
		}
	default:
		out = plainPass(pass, wrt, oneStep, updated, m)
	}
	if err != nil {
		return err
	}
	if steps != nil && !c.TikZ && !c.DOT && !c.LaTeX {
		out += c.plainDescent(steps, wrt, lr, m)
	}
	if err := m.Err(); err != nil {
		return err
	}
	_, err = fmt.Fprint(e.stdout, out)
	return err
}

// readTensors reads the NAME=VALUE arguments as eval reads them; given
// maps each name to its argument, for messages.
func readTensors(args []string) (values map[string]tensor.Tensor, given map[string]string, err error) {
	values, given = map[string]tensor.Tensor{}, map[string]string{}
	err = eachBinding(args, func(arg string, bd problem.Binding) error {
		values[bd.Name], given[bd.Name] = bd.Value, diag.Clip(arg)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return values, given, nil
}

// shapesOf is the shape of each value.
func shapesOf(values map[string]tensor.Tensor) map[string][]int {
	shapes := map[string][]int{}
	for name, v := range values {
		shapes[name] = v.Shape()
	}
	return shapes
}

// wrtNames are the inputs --wrt names, each an input of g; or every input
// the loss depends on.
func (c *netCmd) wrtNames(g *network.Graph) ([]string, error) {
	if c.Wrt == "" {
		return g.Inputs(), nil
	}
	var out []string
	for _, name := range strings.Split(c.Wrt, ",") {
		name = strings.TrimSpace(name)
		n, ok := g.Node(name)
		switch {
		case !ok:
			return nil, diag.Errorf("--wrt: the network has no input %s", name)
		case n.Op != "input":
			return nil, diag.Errorf("--wrt: %s is computed by the network, not given: gradients are of inputs", name)
		case slices.Contains(out, name):
			return nil, diag.Errorf("--wrt: %s is listed twice", name)
		}
		out = append(out, name)
	}
	return out, nil
}

// plainPass writes a pass as a terminal shows it: the forward values, the
// gradients, the update.
func plainPass(p *network.Pass, wrt []string, lr expr.Expr, updated map[string]tensor.Tensor, m *budget.Meter) string {
	var b strings.Builder
	b.WriteString(plainForward(p, m))
	b.WriteString("backward\n")
	b.WriteString(plainGradients(p, wrt, m))
	if lr != nil {
		b.WriteString(plainUpdate(wrt, lr, updated, m))
	}
	return b.String()
}

// plainGradients writes the gradient of the loss by each input of wrt,
// 0 for one the loss does not depend on, then the pass's notes.
func plainGradients(p *network.Pass, wrt []string, m *budget.Meter) string {
	var b strings.Builder
	var rows [][2]string
	loss := p.Graph.Loss.Label()
	for _, name := range wrt {
		n, _ := p.Graph.Node(name)
		g := "0"
		if a := p.Adjoints[n.ID]; a != nil {
			g = valueText(*a, m)
		}
		rows = append(rows, [2]string{"  d" + loss + "/d" + name, "= " + g})
	}
	writeAligned(&b, rows, 1)
	for _, note := range p.Notes {
		b.WriteString("note: " + note + "\n")
	}
	return b.String()
}

// plainUpdate writes a step of gradient descent.
func plainUpdate(wrt []string, lr expr.Expr, updated map[string]tensor.Tensor, m *budget.Meter) string {
	var b strings.Builder
	b.WriteString("update (w' = w - " + lr.String() + " dL/dw)\n")
	var rows [][2]string
	for _, name := range wrt {
		rows = append(rows, [2]string{"  " + name + "'", "= " + valueText(updated[name], m)})
	}
	writeAligned(&b, rows, 1)
	return b.String()
}

// valueText writes a value exactly, with its decimals when they say more.
func valueText(t tensor.Tensor, m *budget.Meter) string { return approximated(t, " ≈ ", m) }

// approximated writes a value exactly, then sep and its decimals when
// they say more; a matrix and up exactly only.
func approximated(t tensor.Tensor, sep string, m *budget.Meter) string {
	exact := t.String()
	m.Output(len(exact))
	var decimals []string
	differ := false
	for _, x := range t.Entries() {
		v, err := expr.Eval(x, expr.Env{})
		if err != nil {
			return exact
		}
		d := expr.FormatFloat(v)
		if d != expr.Short(x) {
			differ = true
		}
		decimals = append(decimals, d)
	}
	if !differ {
		return exact
	}
	approx := decimals[0]
	if t.Rank() > 0 {
		approx = "[" + strings.Join(decimals, ", ") + "]"
		if t.Rank() > 1 {
			return exact // nested decimals would not add to the exact rows
		}
	}
	return exact + sep + approx
}

// plainForward writes the forward pass: each node, its operation and
// its value.
func plainForward(p *network.Pass, m *budget.Meter) string {
	var b strings.Builder
	exactly := "exact"
	if !p.Exact {
		exactly = "float64"
	}
	b.WriteString("forward (" + exactly + ")\n")
	var rows [][2]string
	for _, n := range p.Graph.Nodes {
		if n.Op == "const" {
			continue
		}
		label := n.Label()
		if n.Name != "" && n.Op != "input" {
			label += " = " + n.Text
		}
		rows = append(rows, [2]string{"  " + label, "= " + valueText(p.Values[n.ID], m)})
	}
	writeAligned(&b, rows, 1)
	return b.String()
}
