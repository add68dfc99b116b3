package solve

import (
	"context"
	"math/big"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser/problem"
)

// solveOp works an operator problem out as a handout does: the operator
// entry by entry, its Jacobian from the definition (Kronecker deltas),
// its dimensions and structure, the gradient of the loss through it with
// the delta sum collapsed, the VJP, and the cost of the backward pass
// with the Jacobian and with the VJP.
func solveOp(ctx context.Context, f *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "op")
	op := st.Op
	var loss *indexmap.Loss
	if l := statement(p, "loss"); l != nil && l.Expr != nil {
		var err error
		if loss, err = op.NewLoss(ctx, problem.OpOutput, l.Expr); err != nil {
			return nil, errorAt(l, err)
		}
	}
	prec := indexmap.Precisions[1] // FP32, what networks train in
	if d := statement(p, "dtype"); d != nil {
		prec, _ = indexmap.PrecisionNamed(d.Text) // read already
	}
	sizes := map[expr.Expr]expr.Expr{}
	for _, s := range p.Statements {
		for _, bd := range s.Bindings {
			sizes[expr.Sym(bd.Name)] = bd.Value.At()
		}
	}
	s, err := indexmap.Solve(ctx, op, loss, sizes, prec)
	if err != nil {
		return nil, errorAt(st, err)
	}
	r := opTeX{s: s}
	var b strings.Builder
	r.graph(&b)
	r.definition(&b)
	r.jacobian(&b)
	if loss != nil {
		r.gradient(&b)
	}
	r.vjp(&b)
	r.cost(&b)
	return &Solution{Body: b.String(), Draws: true, Answer: answer.Problem{IndexMap: answer.IndexMapOf(s)}}, nil
}

// opTeX renders an operator's solution.
type opTeX struct{ s *indexmap.Solution }

func (r opTeX) out() []expr.Expr {
	out := make([]expr.Expr, len(r.s.Op.Out))
	for d, o := range r.s.Op.Out {
		out[d] = o.Index
	}
	return out
}

func (r opTeX) in() []expr.Expr {
	in := make([]expr.Expr, len(r.s.Jacobian.In))
	for d, v := range r.s.Jacobian.In {
		in[d] = v
	}
	return in
}

// y and x write the output's and the argument's entries.
func (r opTeX) y() string { return latex.Expr(expr.Index(problem.OpOutput, r.out()...)) }
func (r opTeX) x() string { return latex.Expr(expr.Index(r.s.Op.Arg, r.in()...)) }

func (r opTeX) ranges() string {
	var parts []string
	for _, o := range r.s.Op.Out {
		parts = append(parts, latex.Expr(o.Lo)+` \le `+latex.Expr(o.Index)+` \le `+latex.Expr(o.Hi))
	}
	return strings.Join(parts, `,\ `)
}

func (r opTeX) definition(b *strings.Builder) {
	op := r.s.Op
	dims := make([]string, len(op.ArgShape))
	for d, n := range op.ArgShape {
		dims[d] = latex.Expr(n)
	}
	b.WriteString(`Entry by entry, the operator reads its argument $` + latex.Expr(expr.Sym(op.Arg)) + ` \in \mathbb{R}^{` + strings.Join(dims, ` \times `) + `}$ at the positions its index map gives:` + "\n")
	b.WriteString(`\[` + "\n" + r.y() + ` = ` + latex.Expr(op.Body) + `,\qquad ` + r.ranges() + ".\n\\]\n")
}

// jacobian differentiates the body by one entry of the argument: only the
// entries it reads depend on it, each where the index is that entry's.
func (r opTeX) jacobian(b *strings.Builder) {
	s, j := r.s, r.s.Jacobian
	b.WriteString(`\paragraph{Jacobian.} An entry $` + r.y() + `$ depends on $` + r.x() + `$ only where $` + r.x() +
		`$ is an entry the map reads, so each derivative comes with a Kronecker delta, written $[\,\cdot\,]$ (1 when the equation holds, else 0):` + "\n")
	b.WriteString(`\[` + "\n" + `\frac{\partial ` + r.y() + `}{\partial ` + r.x() + `} = ` + j.FormatEntry(texStyle) + ".\n\\]\n")
	b.WriteString(`The Jacobian is of size $` + latex.Expr(s.Op.OutSize()) + ` \times ` + latex.Expr(s.Op.InSize()) + `$ (rows: the entries of $` +
		latex.Expr(expr.Sym(problem.OpOutput)) + `$; columns: those of $` + latex.Expr(expr.Sym(s.Op.Arg)) + `$): ` + structureWords[s.Structure] +
		`, with $` + latex.Expr(j.Nonzeros()) + `$ entries that are not $0$ out of $` + latex.Expr(s.Cost.DenseMemory) + "$.\n")
	b.WriteString(`\[` + "\n" + `\boxed{\frac{\partial ` + latex.Expr(expr.Sym(problem.OpOutput)) + `}{\partial ` + latex.Expr(expr.Sym(s.Op.Arg)) + `} \in \mathbb{R}^{` +
		latex.Expr(s.Op.OutSize()) + ` \times ` + latex.Expr(s.Op.InSize()) + `},\quad \frac{\partial ` + r.y() + `}{\partial ` + r.x() + `} = ` + j.FormatEntry(texStyle) + "}\n\\]\n")
}

// structureWords describe a Jacobian's structure in the handout.
var structureWords = map[string]string{
	"selection":   "a selection matrix: one 1 in each row, and at most one in each column",
	"permutation": "a permutation matrix: one 1 in each row and in each column",
	"identity":    "the identity",
	"repetition":  "a repetition matrix: one 1 in each row, each column repeated",
	"diagonal":    "diagonal",
	"sparse":      "sparse",
}

// deltaSum writes the sum over the output's entries of upstream times
// the Jacobian's entry, before the deltas collapse it.
func (r opTeX) deltaSum(up indexmap.Upstream) string {
	s, j := r.s, r.s.Jacobian
	var terms []string
	for _, t := range j.Terms {
		body := expr.Mul(up(r.out()), t.Coef)
		eqs := make([]string, len(t.At))
		for d, at := range t.At {
			eqs[d] = latex.Expr(j.In[d]) + ` = ` + latex.Expr(at)
		}
		var sums string
		for _, o := range s.Op.Out {
			sums += `\sum_{` + latex.Expr(o.Index) + `=` + latex.Expr(o.Lo) + `}^{` + latex.Expr(o.Hi) + `} `
		}
		f := latex.Expr(body)
		if body.Kind() == expr.KindAdd {
			f = `\left(` + f + `\right)`
		}
		terms = append(terms, sums+f+`\,[`+strings.Join(eqs, `,\ `)+`]`)
	}
	return strings.Join(terms, " + ")
}

// collapse says how the deltas collapse the sums.
func (r opTeX) collapse() string {
	return `Each delta keeps the one term whose position is $` + r.x() + `$: solving the position for the output index gives it, when it is a whole number in its range (the conditions below); otherwise no term is left and the entry is $0$.`
}

func (r opTeX) gradient(b *strings.Builder) {
	s := r.s
	ys := latex.Expr(expr.Index(problem.OpOutput, r.out()...))
	b.WriteString(`\paragraph{Gradient of the loss.} With $\mathcal{L} = ` + latex.Expr(s.Loss.Term) + `$, the loss's derivative by the output is $\partial\mathcal{L}/\partial ` + ys + ` = ` +
		latex.Expr(s.Loss.Upstream()(r.out())) + `$, and by the chain rule over every entry of the output` + "\n")
	b.WriteString(`\[` + "\n" + `\frac{\partial \mathcal{L}}{\partial ` + r.x() + `} = \sum_{` + latexList(r.out()) + `} \frac{\partial \mathcal{L}}{\partial ` + ys + `} \frac{\partial ` + ys + `}{\partial ` + r.x() + `} = ` +
		r.deltaSum(s.Loss.Upstream()) + ".\n\\]\n")
	b.WriteString(r.collapse() + "\n")
	b.WriteString(`\[` + "\n" + `\boxed{\frac{\partial \mathcal{L}}{\partial ` + r.x() + `} = ` + indexmap.FormatVJP(s.Gradient, texStyle) + "}\n\\]\n")
}

func (r opTeX) vjp(b *strings.Builder) {
	s := r.s
	name := `\mathrm{vjp}_{` + latex.Expr(expr.Sym(s.Op.Name)) + `}`
	pv := latex.Expr(expr.Sym(s.Upstream))
	b.WriteString(`\paragraph{Vector-Jacobian product.} For an upstream gradient $` + pv + `$ of the output's shape, the backward pass needs $` + pv +
		`^{\top} J$, entry by entry the same sum with $` + pv + `$ in place of the loss's derivative:` + "\n")
	b.WriteString(`\[` + "\n" + name + `(` + pv + `)_{` + latexList(r.in()) + `} = ` + r.deltaSum(indexmap.Symbolic(s.Upstream)) + ".\n\\]\n")
	b.WriteString(`\[` + "\n" + `\boxed{` + name + `(` + pv + `)_{` + latexList(r.in()) + `} = ` + indexmap.FormatVJP(s.VJP, texStyle) + "}\n\\]\n")
	if s.Structure == "selection" || s.Structure == "permutation" {
		b.WriteString(`The VJP scatters $` + pv + `$ into the positions the operator reads, and writes $0$ everywhere else: it never forms the Jacobian.` + "\n")
	}
}

func latexList(xs []expr.Expr) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = latex.Expr(x)
	}
	return strings.Join(parts, ",")
}

// cost compares the backward pass through the dense Jacobian with the
// VJP, symbolically and, with sizes given, in bytes.
func (r opTeX) cost(b *strings.Builder) {
	s, c := r.s, r.s.Cost
	b.WriteString(`\paragraph{Cost of the backward pass.} Multiplying by the dense Jacobian stores all of its entries and does a multiply-add for each; the VJP stores only its result and does one multiply-add per entry of the Jacobian that is not $0$:` + "\n")
	b.WriteString(`\begin{center}` + "\n" + `\begin{tabular}{lll}` + "\n" + ` & memory (entries) & time (multiply-adds) \\ \hline` + "\n")
	b.WriteString(`with $J$ & $` + latex.Expr(c.DenseMemory) + `$ & $` + latex.Expr(c.DenseTime) + `$ \\` + "\n")
	b.WriteString(`with $\mathrm{vjp}$ & $` + latex.Expr(c.VJPMemory) + `$ & $` + latex.Expr(c.VJPTime) + `$ \\` + "\n")
	b.WriteString(`\end{tabular}` + "\n" + `\end{center}` + "\n")
	at := s.At
	if at == nil {
		return
	}
	var given []string
	for k, v := range at.Sizes {
		n, _ := v.(*expr.Number)
		given = append(given, latex.Expr(k)+` = `+indexmap.FormatCount(n.Num(), texStyle))
	}
	slices.Sort(given)
	count := func(n *big.Int) string { return indexmap.FormatCount(n, texStyle) }
	b.WriteString(`At $` + strings.Join(given, `,\ `) + `$ in ` + at.Precision.Name + ` (` + big.NewInt(at.Precision.Bytes).String() + ` bytes an entry; 1 TB = $10^{12}$ bytes):` + "\n")
	b.WriteString(`\[` + "\n" + `\boxed{\text{with } J\!: ` + count(at.DenseMemory) + ` \cdot ` + big.NewInt(at.Precision.Bytes).String() + `\,\text{B} = ` + tbText(at.Bytes(at.DenseMemory)) +
		`,\qquad \text{with vjp}\!: ` + count(at.VJPMemory) + ` \cdot ` + big.NewInt(at.Precision.Bytes).String() + `\,\text{B} = ` + tbText(at.Bytes(at.VJPMemory)) + "}\n\\]\n")
}

// tbText writes bytes in TeX with their unit: 8\,\text{TB}.
func tbText(n *big.Int) string {
	s := indexmap.Bytes(n, texStyle)
	at := strings.LastIndexByte(s, ' ')
	return s[:at] + `\,\text{` + s[at+1:] + `}`
}

// texStyle writes an operator's solution in LaTeX.
var texStyle = indexmap.TeX(func(x expr.Expr) string { return latex.Expr(x) })
