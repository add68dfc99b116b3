package solve

import (
	"context"
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/tensor"
)

// locals writes the local gradients: each node's Jacobian by each of its
// inputs, as written, at the forward values, with its size and
// structure.
func (r netTeX) locals(bp *network.Backprop) string {
	var b strings.Builder
	b.WriteString("\\paragraph{Local gradients.} Each node's Jacobian by each of its inputs (rows: the node's entries, columns: the input's), as written and at the forward values; its structure says what the backward pass makes of it.\n")
	var rows []string
	for _, l := range bp.Locals {
		row := `\frac{\partial ` + r.by(l.Node) + `}{\partial ` + r.by(l.Arg) + `} &= ` + l.Symbolic.TeX
		if l.AtValues != nil {
			v := latex.Tensor(*l.AtValues, r.m)
			switch {
			case l.Structure == network.Diagonal && l.AtValues.Rank() > 0:
				row += ` = \operatorname{diag}\mathopen{}\left(` + v + `\right)`
			case v != l.Symbolic.TeX:
				row += ` = ` + v
			}
		}
		row += fmt.Sprintf(`&& %d \times %d,\ \text{%s}`, l.Rows, l.Cols, l.Structure)
		rows = append(rows, row)
	}
	b.WriteString(latex.Align(rows...))
	b.WriteString("\n")
	return b.String()
}

// vjps writes the backward pass as vector-Jacobian products: each
// adjoint, loss first, as the upstream gradient times the local
// Jacobian, summed over the nodes it feeds, then with the numbers put
// in, then its value.
func (r netTeX) vjps(bp *network.Backprop) string {
	g := r.pass.Graph
	var b strings.Builder
	if len(bp.Adjoints) == 0 { // L = 3
		b.WriteString("\\paragraph{Backward pass.} The loss $" + latex.Expr(expr.Sym(g.Loss.Label()), r.m) + "$ is a constant: its gradient by every input is $0$, and there is nothing to pass back.\n")
		return b.String()
	}
	b.WriteString("\\paragraph{Backward pass.} Write $\\bar v$ for $\\partial " + r.name(g.Loss) + "/\\partial v$. The backward pass starts from $" +
		bp.Adjoints[0].Bar.TeX + " = 1$ and goes through the graph in reverse: the gradient by a node's input is the upstream gradient times the local Jacobian (a vector-Jacobian product), summed over the nodes the input feeds. No Jacobian is formed: a diagonal one is a Hadamard product $\\odot$ with the upstream gradient, an outer product's is the upstream gradient times the other factor.\n")
	var rows []string
	for _, a := range bp.Adjoints {
		parts := []string{}
		var formulas, numbers []string
		hadamard := false
		for _, c := range a.Contributions {
			formulas = append(formulas, c.Formula.TeX)
			numbers = append(numbers, c.Numbers.TeX)
			hadamard = hadamard || c.Local.Structure == network.Diagonal && c.Local.Rows > 1
		}
		if len(formulas) > 0 {
			parts = append(parts, strings.Join(formulas, " + "))
			if n := strings.Join(numbers, " + "); n != parts[0] && ungrouped(n) != latex.Tensor(a.Value, r.m) {
				parts = append(parts, n)
			}
		}
		if v := r.value(a.Value); len(parts) == 0 || v != parts[len(parts)-1] {
			parts = append(parts, v)
		}
		tail := ""
		if hadamard {
			tail = `&& \text{diagonal: } \odot`
		}
		rows = append(rows, fitRow(a.Bar.TeX, parts, tail))
	}
	b.WriteString(latex.Align(rows...))
	return b.String()
}

// descent writes training over several steps or with momentum: the rule,
// then each step's loss where it starts and the inputs after it.
func (r netTeX) descent(ctx context.Context, p *problem.Problem, inputs map[string]tensor.Tensor, wrt []string, lr expr.Expr) (string, []network.Step, error) {
	d := network.Descent{LR: lr, Steps: 1}
	ms := statement(p, "momentum")
	if ms != nil {
		d.Momentum = ms.Expr
	}
	if s := statement(p, "steps"); s != nil {
		if n, ok := s.Expr.(*expr.Number); ok {
			k, _ := n.Int64()
			d.Steps = int(k)
		}
	}
	steps, err := network.Descend(ctx, r.pass, inputs, wrt, d)
	if err != nil {
		return "", nil, err
	}
	g := r.pass.Graph
	var b strings.Builder
	alpha := latex.Expr(lr, append(writtenOpts(statement(p, "lr")), r.m)...)
	count := "One step"
	if d.Steps != 1 {
		count = fmt.Sprintf("%d steps", d.Steps)
	}
	if d.Momentum != nil {
		mu := latex.Expr(d.Momentum, append(writtenOpts(ms), r.m)...)
		fmt.Fprintf(&b, "\\paragraph{Training.} %s of gradient descent with learning rate $%s$ and momentum $%s$: each input $w$ has a velocity $v$, which starts at $0$; a step takes $v' = %s\\, v + \\partial %s/\\partial w$ and $w' = w - %s\\, v'$.\n",
			count, alpha, mu, mu, r.name(g.Loss), alpha)
	} else {
		fmt.Fprintf(&b, "\\paragraph{Training.} %s of gradient descent with learning rate $%s$: a step takes $w' = w - %s\\, \\partial %s/\\partial w$.\n",
			count, alpha, alpha, r.name(g.Loss))
	}
	var rows []string
	for i, s := range steps {
		row := fmt.Sprintf(`\text{step } %d:\quad %s &= %s`, i+1, r.name(g.Loss), r.value(s.Loss))
		rows = append(rows, row)
		for _, name := range wrt {
			n, _ := g.Node(name)
			if d.Momentum != nil {
				rows = append(rows, `v_{`+r.name(n)+`}' &= `+latex.Tensor(s.Velocity[name], r.m))
			}
			rows = append(rows, r.name(n)+`' &= `+latex.Tensor(s.Inputs[name], r.m))
		}
	}
	b.WriteString(latex.Align(rows...))
	b.WriteString("\n")
	return b.String(), steps, budget.From(ctx).Err()
}

// ungrouped is s without the braces that group it whole: {x} is x.
func ungrouped(s string) string {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return s
	}
	depth := 0
	for i, c := range s {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i < len(s)-1 {
				return s // {a} {b}: two groups
			}
		}
	}
	return s[1 : len(s)-1]
}
