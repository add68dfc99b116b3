package solve

import (
	"context"
	"fmt"
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

// solveTensorEval works out an eval over tensors (W x, conv2d(x, w,
// stride: 3, pad: 1), maxpool(x, 2)) with the networks' evaluator. A
// convolution or a pooling of a plain image or sequence is shown as a
// teacher works it on the board: the output size from the formula with
// the numbers put in, the window on the padded input drawn, and every
// output entry's stamp written out.
func solveTensorEval(ctx context.Context, f *problem.File, p *problem.Problem, st *problem.Statement) (*Solution, error) {
	inputs := map[string]tensor.Tensor{}
	shapes := map[string][]int{}
	for _, s := range p.Statements {
		for _, bd := range s.Bindings {
			inputs[bd.Name], shapes[bd.Name] = bd.Value, bd.Value.Shape()
		}
	}
	if flipped(f) {
		flipConvolutions(st.Tensor)
	}
	g, err := network.BuildTerm(st.Tensor, st.TermSource(), shapes)
	if err != nil {
		return nil, inTerm(st, err)
	}
	pass, err := network.Forward(ctx, g, inputs, true)
	if err != nil {
		return nil, inTerm(st, err)
	}
	m := latex.WithBudget(budget.From(ctx))
	v := pass.Values[g.Loss.ID]
	name := "y"
	if len(st.Names) == 1 {
		name = st.Names[0]
	}
	lhs := latex.Expr(expr.Sym(name), m)
	var b strings.Builder
	draws := false
	if fp, ok := g.Loss.Footprint(); ok && fp.Plain && len(fp.In) <= 2 {
		text, err := windowed(pass, g.Loss, fp, lhs, m)
		if err != nil {
			return nil, errorAt(st, err)
		}
		b.WriteString(text)
		draws = true
	}
	b.WriteString("\\[\n\\boxed{" + lhs + " = " + latex.Tensor(v, m) + "}\n\\]\n")
	a, err := answer.EvalTensorOf(ctx, st.Tensor, v)
	if err != nil {
		return nil, errorAt(st, err)
	}
	a.Name = name
	part := name
	if len(st.Names) == 0 {
		part = ""
	}
	parts := map[string]tensor.Tensor{part: v}
	return &Solution{Body: b.String(), Draws: draws, Answer: answer.Problem{Eval: a}, Parts: parts}, budget.From(ctx).Err()
}

// inTerm moves an error at a place in the term of eval to its place in
// the file.
func inTerm(st *problem.Statement, err error) error {
	d := *diag.From(err)
	if !d.Pos.IsValid() {
		return errorAt(st, err)
	}
	d.Pos, d.Src = st.TermPos(d.Pos.Offset), ""
	return &d
}

// maxStamps bounds the stamps written out; a larger output shows the
// first ones and says how the rest go.
const maxStamps = 12

// windowed writes a convolution's or a pooling's derivation: its
// conventions, the size formula on each axis with the numbers put in,
// the window drawn at the first output, and the stamps.
func windowed(pass *network.Pass, n *network.Node, fp *network.Footprint, lhs string, m latex.Option) (string, error) {
	x := pass.Values[n.Args[0].ID]
	var kernel *tensor.Tensor
	var b strings.Builder
	switch {
	case fp.Pooling != "":
		fmt.Fprintf(&b, "A %s-pooling slides a window of $%s$ over the input with stride %s (the window's size unless given) and padding %s; it keeps the %s of each window. ",
			fp.Pooling, sizeTeX(fp.Kernel), dims(fp.Stride), dims(fp.PadBefore), map[string]string{"max": "largest entry", "avg": "mean"}[fp.Pooling])
	default:
		k := pass.Values[n.Args[1].ID]
		kernel = &k
		conv := "a cross-correlation, as deep-learning libraries compute it: the kernel is not flipped"
		if fp.Flip {
			conv = "a true convolution: the kernel is flipped before it slides"
		}
		fmt.Fprintf(&b, "The convolution is %s; stride %s, zero padding %s on both sides, dilation rate %s (the kernel's taps %s apart). ",
			conv, dims(fp.Stride), dims(fp.PadBefore), dims(fp.Rate), dims(fp.Rate))
	}
	b.WriteString("Along each axis the output has\n")
	var rows []string
	axes := []string{"n'_{h}", "n'_{w}"}
	if len(fp.In) == 1 {
		axes = []string{"n'"}
	}
	for a := range fp.In {
		pad := fp.PadBefore[a]
		rows = append(rows, fmt.Sprintf(`%s &= \left\lfloor \frac{n + 2p - r\,(k - 1) - 1}{s} \right\rfloor + 1 = \left\lfloor \frac{%d + 2 \cdot %d - %d \cdot (%d - 1) - 1}{%d} \right\rfloor + 1 = %d`,
			axes[a], fp.In[a], pad, fp.Rate[a], fp.Kernel[a], fp.Stride[a], fp.Out[a]))
		if pad != fp.PadAfter[a] {
			rows[a] += fmt.Sprintf(`\quad (\text{padding %d before, %d after})`, pad, fp.PadAfter[a])
		}
	}
	b.WriteString(latex.Align(rows...))
	b.WriteString("\n")
	lines := []string{"rows", "columns"}
	if len(fp.In) == 1 {
		lines = []string{"entries"}
	}
	var dropped []string
	for a := range fp.In {
		span := fp.Rate[a]*(fp.Kernel[a]-1) + 1
		padded := fp.In[a] + fp.PadBefore[a] + fp.PadAfter[a]
		if left := (padded - span) % fp.Stride[a]; left > 0 {
			dropped = append(dropped, fmt.Sprintf("the last %d %s of the %d (padded)", left, lines[a], padded))
		}
	}
	if len(dropped) > 0 {
		b.WriteString("No window reaches " + strings.Join(dropped, " and ") + ": the floor in the formula drops them, as deep-learning libraries do. ")
	}
	if len(fp.In) == 2 {
		w := draw.Window{Size: [2]int{fp.Kernel[0], fp.Kernel[1]}, Stride: [2]int{fp.Stride[0], fp.Stride[1]},
			Pad: [2]int{fp.PadBefore[0], fp.PadBefore[1]}, Rate: [2]int{fp.Rate[0], fp.Rate[1]}}
		if fp.PadBefore == nil || fp.PadBefore[0] == fp.PadAfter[0] && fp.PadBefore[1] == fp.PadAfter[1] {
			if pic, err := draw.Grid(x, w, kernel, m); err == nil {
				b.WriteString("The window of the first output entry on the padded input:\n")
				b.WriteString(latex.FitToWidth(pic))
			}
		}
	}
	b.WriteString("Each output entry is one stamp of the window:\n")
	b.WriteString(latex.Align(stamps(pass, n, fp, x, kernel, lhs, m)...))
	b.WriteString("\n")
	return b.String(), nil
}

// stamps writes the output entries as their windows make them:
// y_{11} = 1 \cdot 1 + (-1) \cdot 0 + ... = 3, max(1, 0, 2, 1) = 2.
func stamps(pass *network.Pass, n *network.Node, fp *network.Footprint, x tensor.Tensor, kernel *tensor.Tensor, lhs string, m latex.Option) []string {
	y := pass.Values[n.ID]
	out := fp.Out
	if len(out) == 1 {
		out = []int{1, out[0]}
	}
	total := out[0] * out[1]
	var rows []string
	for k := range min(total, maxStamps) {
		o := []int{k / out[1], k % out[1]}
		if len(fp.Out) == 1 {
			o = o[1:]
		}
		var parts []string
		eachTap(fp, func(t []int) {
			var v expr.Expr = expr.Zero
			inside := true
			pos := make([]int, len(t))
			for a := range t {
				pos[a] = fp.Tap(a, o[a], t[a])
				inside = inside && pos[a] >= 0
			}
			if inside {
				v = x.At(plusOne(pos)...)
			}
			if kernel == nil {
				parts = append(parts, latex.Expr(v, m))
				return
			}
			kt := t
			if fp.Flip {
				kt = make([]int, len(t))
				for a := range t {
					kt[a] = fp.Kernel[a] - 1 - t[a]
				}
			}
			parts = append(parts, factor(kernel.At(plusOne(kt)...), m)+` \cdot `+factor(v, m))
		})
		var stamp string
		switch fp.Pooling {
		case "max":
			stamp = `\max(` + strings.Join(parts, ", ") + `)`
		case "avg":
			stamp = `\frac{1}{` + fmt.Sprint(len(parts)) + `}(` + strings.Join(parts, " + ") + `)`
		default:
			stamp = strings.Join(parts, " + ")
		}
		rows = append(rows, lhs+`_{`+indexText(o)+`} &= `+stamp+` = `+latex.Expr(y.At(plusOne(o)...), m))
	}
	if total > maxStamps {
		rows = append(rows, fmt.Sprintf(`&\;\;\vdots \quad \text{and so on for the other %d entries}`, total-maxStamps))
	}
	return rows
}

// eachTap calls visit with every tap of the window, row-major.
func eachTap(fp *network.Footprint, visit func(t []int)) {
	t := make([]int, len(fp.Kernel))
	var rec func(a int)
	rec = func(a int) {
		if a == len(t) {
			visit(t)
			return
		}
		for t[a] = 0; t[a] < fp.Kernel[a]; t[a]++ {
			rec(a + 1)
		}
	}
	rec(0)
}

// factor writes a number as a factor of a product: negative ones and
// sums in parentheses.
func factor(v expr.Expr, m latex.Option) string {
	s := latex.Expr(v, m)
	if strings.HasPrefix(s, "-") || v.Kind() == expr.KindAdd {
		return `\left(` + s + `\right)`
	}
	return s
}

func plusOne(pos []int) []int {
	out := make([]int, len(pos))
	for i, p := range pos {
		out[i] = p + 1
	}
	return out
}

func indexText(o []int) string {
	parts := make([]string, len(o))
	for i, v := range o {
		parts[i] = fmt.Sprint(v + 1)
	}
	return strings.Join(parts, "")
}

// dims writes per-axis numbers: 2 when they agree, (2, 1) otherwise.
func dims(v []int) string {
	same := true
	for _, x := range v {
		same = same && x == v[0]
	}
	if same && len(v) > 0 {
		return fmt.Sprint(v[0])
	}
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprint(x)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// sizeTeX writes a window's size: 2 \times 2.
func sizeTeX(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ` \times `)
}
