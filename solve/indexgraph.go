package solve

import (
	"context"
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser/problem"
)

// graph draws an operator problem's computational graph as the exam
// does: the argument, the operator, its output, and the loss when there
// is one, left to right, each wire with the tensor's space above and the
// gradient that flows back along it below, in the colour of the network
// drawings' gradients. Every name is written by latex.Expr.
func (r opTeX) graph(b *strings.Builder) {
	s := r.s
	sym := func(name string) string { return latex.Expr(expr.Sym(name)) }
	space := func(dims []expr.Expr) string {
		parts := make([]string, len(dims))
		for i, d := range dims {
			parts[i] = latex.Expr(d)
		}
		return `\in \mathbb{R}^{` + strings.Join(parts, ` \times `) + `}`
	}
	outDims := make([]expr.Expr, len(s.Op.Out))
	for i, o := range s.Op.Out {
		outDims[i] = o.Count()
	}
	x, y, up := sym(s.Op.Arg), sym(problem.OpOutput), sym(s.Upstream)
	vjp := `\mathrm{vjp}_{` + sym(s.Op.Name) + `}(` + up + `)`
	var w strings.Builder
	w.WriteString(`\begin{tikzpicture}[x=1pt, y=1pt, font=\small,` + "\n" +
		`  op/.style={draw, rounded corners=2pt, minimum height=16pt, inner sep=3pt, fill=black!4},` + "\n" +
		`  wire/.style={draw=black!55, -{Stealth[length=4pt]}},` + "\n" +
		`  grad/.style={below, text=red!70!black}]` + "\n")
	w.WriteString(`\node (x) at (0, 0) {$` + x + `$};` + "\n")
	w.WriteString(`\node[op] (f) at (130, 0) {$` + latex.OperatorName(s.Op.Name) + `$};` + "\n")
	w.WriteString(`\draw[wire] (x) -- node[above] {$` + x + ` ` + space(s.Op.ArgShape) + `$} node[grad] {$` + vjp + `$} (f);` + "\n")
	if s.Loss == nil {
		w.WriteString(`\node (y) at (260, 0) {$` + y + `$};` + "\n")
		w.WriteString(`\draw[wire] (f) -- node[above] {$` + y + ` ` + space(outDims) + `$} node[grad] {$` + up + `$} (y);` + "\n")
	} else {
		w.WriteString(`\node[op] (l) at (260, 0) {$` + latex.Expr(s.Loss.Term) + `$};` + "\n")
		w.WriteString(`\node (L) at (350, 0) {$\mathcal{L}$};` + "\n")
		w.WriteString(`\draw[wire] (f) -- node[above] {$` + y + ` ` + space(outDims) + `$} node[grad] {$` + up + ` = \partial\mathcal{L}/\partial ` + y + `$} (l);` + "\n")
		w.WriteString(`\draw[wire] (l) -- node[grad] {$1$} (L);` + "\n")
	}
	w.WriteString(`\end{tikzpicture}` + "\n")
	b.WriteString("The computational graph, with each tensor's space above its wire and the gradient flowing back along it below:\n")
	b.WriteString(latex.FitToWidth(w.String()))
}

// definedVJP says how a network's own operator, defined by its index
// map, is differentiated: the VJP derived from its definition, which the
// backward pass applies.
func definedVJP(ctx context.Context, op *indexmap.Op) (string, error) {
	s, err := indexmap.Solve(ctx, op, nil, nil, indexmap.Precision{})
	if err != nil {
		return "", err
	}
	r := opTeX{s: s}
	in := latexList(r.in())
	name := `\mathrm{vjp}_{` + latex.OperatorName(op.Name) + `}`
	up := latex.Expr(expr.Sym(s.Upstream))
	return `The operator $` + latex.OperatorName(op.Name) + `$ is defined by its index map, $` + r.y() + ` = ` + latex.Expr(op.Body) + `$ for $` + r.ranges() +
		`$; its Jacobian is $\partial ` + r.y() + `/\partial ` + r.x() + ` = ` + s.Jacobian.FormatEntry(texStyle) + `$ (` + s.Structure + `), and the backward pass applies the VJP derived from it, for an upstream gradient $` + up + `$:` + "\n" +
		`\[` + "\n" + name + `(` + up + `)_{` + in + `} = ` + indexmap.FormatVJP(s.VJP, texStyle) + ".\n\\]\n", nil
}
