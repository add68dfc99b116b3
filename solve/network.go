package solve

import (
	"context"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/draw"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/tensor"
)

// solveNetwork works a network problem out as a handout does: the forward
// pass node by node (the operation, the numbers put in, the value), the
// backward pass (the gradient of the loss by each tensor, last first),
// the gradients asked for, boxed, and a step of gradient descent when the
// problem gives a learning rate.
func solveNetwork(ctx context.Context, f *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "network")
	inputs := map[string]tensor.Tensor{}
	shapes := map[string][]int{}
	for _, s := range p.Statements {
		for _, bd := range s.Bindings {
			inputs[bd.Name] = bd.Value
			shapes[bd.Name] = bd.Value.Shape()
		}
	}
	loss := ""
	if l := statement(p, "loss"); l != nil && len(l.Names) == 1 {
		loss = l.Names[0]
	}
	if flipped(f) {
		for _, a := range st.Network.Assignments {
			flipConvolutions(a.Expr)
		}
	}
	if len(inputs) == 0 && len(st.Network.InputRefs()) > 0 {
		return solveSymbolicNetwork(ctx, p, st, loss)
	}
	g, err := network.Build(st.Network, shapes, loss)
	if err != nil {
		return nil, located(err, st)
	}
	pass, err := network.Run(ctx, g, inputs, true)
	if err != nil {
		return nil, located(err, st)
	}
	wrt := g.Inputs()
	if w := statement(p, "wrt"); w != nil {
		wrt = w.Names
	}
	var lr expr.Expr
	var updated map[string]tensor.Tensor
	if s := statement(p, "lr"); s != nil && s.Expr != nil {
		lr = s.Expr
		if updated, err = pass.Update(wrt, lr); err != nil {
			return nil, errorAt(s, err)
		}
	}
	training := lr != nil && (statement(p, "momentum") != nil || statement(p, "steps") != nil)
	step := lr
	if training {
		step = nil // the training shows the first step
	}
	body, err := NetworkTeX(ctx, pass, st.Network.Defs, wrt, step, updated, f.Precision, writtenOpts(statement(p, "lr"))...)
	if err != nil {
		return nil, located(err, st)
	}
	var b strings.Builder
	b.WriteString(body)
	var steps []network.Step
	if training {
		r := netTeX{pass: pass, m: latex.WithBudget(budget.From(ctx)), precision: f.Precision}
		var text string
		if text, steps, err = r.descent(ctx, p, inputs, wrt, lr); err != nil {
			return nil, located(err, st)
		}
		b.WriteString("\n" + text)
	}
	a, err := answer.NetworkOf(ctx, pass, wrt, updated)
	if err != nil {
		return nil, errorAt(st, err)
	}
	a.Steps = answer.StepsOf(steps, budget.From(ctx))
	parts := map[string]tensor.Tensor{}
	for _, name := range wrt {
		if n, ok := g.Node(name); ok && pass.Adjoints[n.ID] != nil {
			parts[name] = *pass.Adjoints[n.ID]
		}
	}
	return &Solution{Body: b.String(), Draws: true, Answer: answer.Problem{Network: a}, Parts: parts}, budget.From(ctx).Err()
}

// NetworkTeX writes a worked network as a handout does: the graph
// drawn, the forward pass node by node, each node's local Jacobians, the
// VJPs of the operators the program defines, the backward pass as
// vector-Jacobian products, the gradients of wrt boxed, the conventions
// taken at kinks, and, when lr is set, the step of gradient descent that
// gives updated. derivtex net --latex writes the same. lrOpts write lr
// (as the author wrote it: 0.5, not 1/2).
func NetworkTeX(ctx context.Context, pass *network.Pass, defs []*network.Definition, wrt []string, lr expr.Expr, updated map[string]tensor.Tensor, precision int, lrOpts ...latex.Option) (string, error) {
	g := pass.Graph
	r := netTeX{pass: pass, m: latex.WithBudget(budget.From(ctx)), precision: precision}
	var b strings.Builder
	picture, err := draw.TikZ(pass, r.m)
	if err != nil {
		return "", err
	}
	b.WriteString("The graph of the network, worked out forward and backward:\n")
	b.WriteString(latex.FitToWidth(picture))
	b.WriteString("\nThe forward pass works out each node of the graph from its inputs, the numbers put in:\n")
	b.WriteString(latex.Align(r.forward()...))
	bp, err := pass.Backprop(budget.From(ctx))
	if err != nil {
		return "", err
	}
	b.WriteString("\n\n" + r.locals(bp) + "\n")
	for _, d := range defs {
		text, err := definedVJP(ctx, d.Op)
		if err != nil {
			return "", err
		}
		b.WriteString(text)
	}
	b.WriteString(r.vjps(bp))
	b.WriteString("\n")
	boxes := make([]string, len(wrt))
	for i, name := range wrt {
		boxes[i] = `\boxed{` + r.gradient(name) + `}`
	}
	b.WriteString(sideBySide(boxes))
	for _, note := range pass.Notes {
		b.WriteString("\nNote: " + note + ".\n")
	}
	if lr != nil {
		b.WriteString("\nOne step of gradient descent with learning rate $" + latex.Expr(lr, lrOpts...) + "$ moves each input against its gradient:\n")
		boxes := make([]string, len(wrt))
		for i, name := range wrt {
			n, _ := g.Node(name)
			rule := r.name(n) + `' = ` + r.name(n) + ` - ` + latex.Expr(lr, lrOpts...) + ` \frac{\partial ` + r.name(g.Loss) + `}{\partial ` + r.name(n) + `}`
			v, approx := tensorFit(updated[name], handoutLineWidth-latex.Width(rule)-4, r.precision, r.m)
			if approx {
				boxes[i] = `\boxed{` + rule + ` \approx ` + v + `}`
			} else {
				boxes[i] = `\boxed{` + rule + ` = ` + v + `}`
			}
		}
		b.WriteString(sideBySide(boxes))
	}
	return b.String(), budget.From(ctx).Err()
}

// solveSymbolicNetwork works a network without values out as formulas:
// the forward pass as written, and one line per adjoint, last node
// first, in the adjoints before it, as a person writes backpropagation.
func solveSymbolicNetwork(ctx context.Context, p *problem.Problem, st *problem.Statement, loss string) (*Solution, error) {
	if statement(p, "lr") != nil {
		return nil, errorAt(statement(p, "lr"), diag.Errorf("a step of gradient descent needs the inputs' values: give them"))
	}
	m := budget.From(ctx)
	shapes, err := network.InferShapes(st.Network, nil, loss, m)
	if err != nil {
		return nil, located(err, st)
	}
	g, err := network.Build(st.Network, shapes, loss)
	if err != nil {
		return nil, located(err, st)
	}
	var wrt []string
	if w := statement(p, "wrt"); w != nil {
		wrt = w.Names
	}
	s := network.SymbolicOf(g, wrt)
	var kinds []string
	for _, name := range g.Inputs() {
		kinds = append(kinds, "$"+latex.Expr(expr.Sym(name))+"$ "+network.ShapeKind(shapes[name]))
	}
	var b strings.Builder
	b.WriteString("Without values, the gradient is a formula in the inputs (taking " + strings.Join(kinds, ", ") + "). The forward pass, as the network is written:\n")
	var rows []string
	for _, l := range s.Forward {
		rows = append(rows, l.Name.TeX+" &= "+l.Formula.TeX)
	}
	b.WriteString(latex.Align(rows...))
	b.WriteString("\n\nThe backward pass, one line per adjoint, last node first, each in the adjoints before it ($\\bar v$ is $\\partial " + latex.Expr(expr.Sym(g.Loss.Label())) + "/\\partial v$):\n")
	rows = rows[:0]
	for _, l := range s.Backward {
		rows = append(rows, l.Name.TeX+" &= "+l.Formula.TeX)
	}
	b.WriteString(latex.Align(rows...))
	b.WriteString("\n")
	kindOf := map[string]string{}
	for _, name := range g.Inputs() {
		kindOf[name] = network.ShapeKind(shapes[name])
	}
	return &Solution{Body: b.String(), Answer: answer.Problem{Symbolic: answer.SymbolicOf(s, kindOf)}}, m.Err()
}

// located is an error of the network at its place in the file, with its
// line, or at the statement when it has none.
func located(err error, st *problem.Statement) error {
	d := diag.From(err)
	if !d.Pos.IsValid() {
		return errorAt(st, err)
	}
	return err
}

// netTeX renders a pass.
type netTeX struct {
	pass      *network.Pass
	m         latex.Option
	precision int
}

// name is how a node is written: its name as a symbol, a constant's
// value, or its operation on its inputs' names.
func (r netTeX) name(n *network.Node) string {
	switch {
	case n.Op == "const":
		return latex.Expr(n.Const, r.m)
	case n.Name != "":
		return latex.Expr(expr.Sym(n.Name), r.m)
	}
	args := make([]string, len(n.Args))
	for i, a := range n.Args {
		args[i] = r.name(a)
	}
	return operation(n, args)
}

// by writes a node after \partial, parenthesised when it is an
// operation: \partial (y\,l).
func (r netTeX) by(n *network.Node) string {
	s := r.name(n)
	if n.Name == "" && n.Op != "const" && n.Op != "transpose" && expr.LookupFunc(n.Op) == nil {
		return `\left(` + s + `\right)`
	}
	return s
}

// value writes a node's value, with its decimal when it is a number the
// exact form does not show as a decimal. A tensor whose exact entries
// are too long for a row is written to the file's precision, after
// \approx, its relation.
func (r netTeX) value(t tensor.Tensor) string {
	s, approx := tensorFit(t, handoutLineWidth-12, r.precision, r.m)
	if approx {
		return `\approx ` + s
	}
	if t.Rank() == 0 {
		x := t.At()
		if _, isNumber := x.(*expr.Number); !isNumber {
			if v, err := expr.Eval(x, expr.Env{}); err == nil {
				s += ` \approx ` + formatDecimal(v, r.precision)
			}
		}
	}
	return s
}

// forward is a row per operation: the node, its operation on its inputs'
// names, on their values, and its value.
func (r netTeX) forward() []string {
	var rows []string
	for _, n := range r.pass.Graph.Nodes {
		if n.Op == "input" || n.Op == "const" {
			continue
		}
		vals := make([]string, len(n.Args))
		for i, a := range n.Args {
			vals[i] = latex.Tensor(r.pass.Values[a.ID], r.m)
		}
		parts := []string{r.name(n)}
		if n.Name != "" {
			args := make([]string, len(n.Args))
			for i, a := range n.Args {
				args[i] = r.name(a)
			}
			parts = append(parts, operation(n, args))
		}
		v := r.pass.Values[n.ID]
		if withNumbers := operation(n, vals); withNumbers != parts[len(parts)-1] && withNumbers != latex.Tensor(v, r.m) {
			parts = append(parts, withNumbers)
		}
		if value := r.value(v); value != parts[len(parts)-1] {
			parts = append(parts, value)
		}
		rows = append(rows, fitRow(parts[0], parts[1:], ""))
	}
	return rows
}

// gradient is the gradient of the loss by the input name, as an equation.
func (r netTeX) gradient(name string) string {
	g := r.pass.Graph
	n, _ := g.Node(name)
	lhs := `\frac{\partial ` + r.name(g.Loss) + `}{\partial ` + r.by(n) + `}`
	if a := r.pass.Adjoints[n.ID]; a != nil {
		v := r.value(*a)
		if strings.HasPrefix(v, `\approx`) {
			return lhs + " " + v
		}
		return lhs + " = " + v
	}
	return lhs + " = 0"
}

// operation writes a node's operation on its arguments, written already.
func operation(n *network.Node, args []string) string {
	par := func(s string) string {
		if strings.ContainsAny(s, "+-") && !strings.HasPrefix(s, `\begin`) {
			return `\left(` + s + `\right)`
		}
		return s
	}
	switch n.Op {
	case "add":
		return args[0] + " + " + args[1]
	case "sub":
		return args[0] + " - " + par(args[1])
	case "mul":
		return par(args[0]) + ` \odot ` + par(args[1])
	case "div":
		return `\frac{` + args[0] + `}{` + args[1] + `}`
	case "pow":
		return par(args[0]) + `^{` + args[1] + `}`
	case "neg":
		return "-" + par(args[0])
	case "copy":
		return args[0]
	case "matmul":
		if isScalar(n.Args[0]) && isScalar(n.Args[1]) {
			return par(args[0]) + ` \cdot ` + par(args[1])
		}
		return par(args[0]) + ` \, ` + par(args[1])
	case "transpose":
		return par(args[0]) + `^{\top}`
	case "sum", "mean", "logsumexp", "softmax":
		return `\operatorname{` + n.Op + `}\mathopen{}\left(` + args[0] + `\right)`
	}
	if fn := expr.LookupFunc(n.Op); fn != nil {
		return latex.Apply(fn, args[0])
	}
	for _, st := range n.Settings() {
		v := st.Value
		if st.Key == "pad" && strings.Trim(st.Value, "0123456789[], ") != "" {
			v = `\text{` + st.Value + `}` // same, valid, full
		}
		if st.Key != "" {
			v = `\text{` + st.Key + `: } ` + v
		}
		args = append(args, v)
	}
	return `\operatorname{` + n.Op + `}\mathopen{}\left(` + strings.Join(args, ", ") + `\right)`
}

// isScalar reports whether a node is a number.
func isScalar(n *network.Node) bool { return len(n.Shape) == 0 }
