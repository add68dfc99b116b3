package solve

import (
	"context"
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/convarith"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser/problem"
)

// The layer arithmetic of convolutions (package convarith) as a handout
// writes it: each count as its formula, the numbers put in and the
// value. The fragments serve both the problem kinds and derivtex conv
// --latex.

const crossCorrelation = `Convolutions are cross-correlations, as deep-learning libraries compute them (the kernel is not flipped); $p$ is symmetric zero padding, $s$ the stride and $r$ the dilation rate.`

// ConvSizeLaTeX writes a layer's output size worked out.
func ConvSizeLaTeX(s *convarith.Sized) string {
	var b strings.Builder
	b.WriteString(crossCorrelation + ` Along each axis the output size is` + "\n")
	b.WriteString(`\[` + "\n" + `n' = \left\lfloor \frac{n + 2p - r(k - 1) - 1}{s} \right\rfloor + 1.` + "\n\\]\n")
	var rows []string
	for _, a := range s.Axes {
		for _, st := range a.Steps {
			rows = append(rows, st.Row())
		}
	}
	b.WriteString(latex.Align(rows...) + "\n")
	for _, a := range s.Axes {
		b.WriteString(fitSentence(a))
	}
	if s.Depth > 0 || s.Filters > 0 {
		b.WriteString(depthSentence(s.Depth, s.Filters))
	}
	var outs []string
	for _, a := range s.Axes {
		outs = append(outs, fmt.Sprint(a.Out))
	}
	if s.Filters > 0 {
		outs = append(outs, fmt.Sprint(s.Filters))
	}
	b.WriteString(`\[` + "\n" + `\boxed{\text{output } ` + strings.Join(outs, ` \times `) + "}\n\\]\n")
	return b.String()
}

// fitSentence says whether the windows fit the padded input exactly, and
// what the floor or the stride leaves unread.
func fitSentence(a *convarith.AxisSize) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Along the %s, ", a.Names.Axis)
	if a.Unused == 0 {
		b.WriteString("the windows cover the padded input exactly")
	} else {
		fmt.Fprintf(&b, "the floor drops the last %d padded %s past the last window", a.Unused, rows(a.Unused))
	}
	switch {
	case a.Wasted > 0:
		fmt.Fprintf(&b, "; %d %s of the input %s never read.\n", a.Wasted, rows(a.Wasted), are(a.Wasted))
	case a.Wasted == 0:
		b.WriteString("; every row of the input is read.\n")
	default:
		b.WriteString(".\n")
	}
	return b.String()
}

func rows(n int64) string {
	if n == 1 {
		return "row"
	}
	return "rows"
}

func are(n int64) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func depthSentence(depth, filters int64) string {
	var parts []string
	if depth > 0 {
		parts = append(parts, fmt.Sprintf(`each filter spans the input's whole depth, $C = %d$`, depth))
	}
	if filters > 0 {
		parts = append(parts, fmt.Sprintf(`the output's depth is the number of filters, $F = %d$`, filters))
	}
	s := strings.Join(parts, "; ")
	return strings.ToUpper(s[:1]) + s[1:] + ".\n"
}

// ConvDesignLaTeX writes a design: the kernels and their depth, the
// recommended layer with its size check and parameters, and the next
// candidates in a table.
func ConvDesignLaTeX(d *convarith.Design, limit int) string {
	r := d.Request
	c := d.Candidates[0]
	var b strings.Builder
	fmt.Fprintf(&b, `The output has depth $C' = %d$, so the layer has $%d$ kernels, one per output channel; each kernel spans the input's whole depth, $C = %d$. `, d.Kernels, d.Kernels, d.Depth)
	b.WriteString(crossCorrelation + "\n")
	bounds := fmt.Sprintf(`padding smaller than the kernel, kernels up to $%d$`, max(r.MaxKernel, r.In[0], r.In[1]))
	if r.MaxKernel != 0 {
		bounds = fmt.Sprintf(`padding smaller than the kernel, kernels up to $%d$`, r.MaxKernel)
	}
	if r.MaxRate > 1 {
		bounds += fmt.Sprintf(`, dilation rates up to $%d$`, r.MaxRate)
	} else {
		bounds += `, no dilation`
	}
	fit := `the floor in the size formula allowed`
	if r.Exact {
		fit = `exact fits only`
	}
	fmt.Fprintf(&b, "Searching every kernel, stride and padding (%s; %s) that gives $\\left\\lfloor \\frac{n + 2p - r(k - 1) - 1}{s} \\right\\rfloor + 1 = n'$ on both axes finds $%d$ designs. They are ranked by these conventions, in order:\n", bounds, fit, d.Total)
	b.WriteString(`\begin{enumerate}` + "\n")
	for _, cv := range convarith.Conventions {
		b.WriteString(`\item ` + cv + "\n")
	}
	b.WriteString(`\end{enumerate}` + "\n")
	b.WriteString(`The recommended design checks out on both axes:` + "\n")
	var rowsTeX []string
	for i, a := range c.Axes {
		if i == 1 && c.Axes[0].Axis == c.Axes[1].Axis && r.In[0] == r.In[1] {
			break // the same check twice
		}
		for _, st := range a.Steps {
			rowsTeX = append(rowsTeX, st.Row())
		}
	}
	b.WriteString(latex.Align(rowsTeX...) + "\n")
	if r.In[0] == r.In[1] && r.Out[0] == r.Out[1] {
		b.WriteString(`(and $W' = H'$, the same numbers). `)
	}
	b.WriteString(fitSentence(c.Axes[0]))
	b.WriteString(`Its parameters: $k_{h} k_{w} C$ weights per kernel, one bias each, $C'$ kernels:` + "\n")
	b.WriteString(latex.Align(
		convarith.Step{Name: "n_{weights}", F: c.Params}.Row(),
		convarith.Step{Name: "n_{params}", F: c.ParamsBiased}.Row()+` \quad\text{(with biases)}`) + "\n")
	fmt.Fprintf(&b, "\\[\n\\boxed{\\text{kernels} = %d,\\quad k_{h} \\times k_{w} = %d \\times %d \\;(\\times %d),\\quad \\text{stride} = %d,\\quad \\text{pad} = %d%s}\n\\]\n",
		d.Kernels, c.Kernel[0], c.Kernel[1], d.Depth, c.Stride, c.Pad, rateText(c.Rate))
	if len(d.Candidates) > 1 && limit > 1 {
		b.WriteString(`The next designs in the ranking:` + "\n")
		b.WriteString(`\begin{center}` + "\n" + `\begin{tabular}{rrrrlrr}` + "\n" + `kernel & stride & pad & rate & fit & input unread & parameters \\ \hline` + "\n")
		for i, c := range d.Candidates[1:] {
			if i+1 >= limit {
				break
			}
			fitWord := "floor"
			if c.Exact {
				fitWord = "exact"
			}
			fmt.Fprintf(&b, "$%d \\times %d$ & %d & %d & %d & %s & %s & %s \\\\\n", c.Kernel[0], c.Kernel[1], c.Stride, c.Pad, c.Rate, fitWord, wastedText(c.Wasted), c.ParamsBiased.Value())
		}
		b.WriteString(`\end{tabular}` + "\n" + `\end{center}` + "\n")
	}
	return b.String()
}

func rateText(r int64) string {
	if r == 1 {
		return ""
	}
	return fmt.Sprintf(`,\quad \text{rate} = %d`, r)
}

func wastedText(w int64) string {
	if w < 0 {
		return "?"
	}
	return fmt.Sprint(w)
}

// ConvCountLaTeX writes the counting questions' answers.
func ConvCountLaTeX(c *convarith.Count) string {
	r := c.Request
	var b strings.Builder
	b.WriteString(crossCorrelation + "\n")
	if len(c.Padding) > 0 {
		b.WriteString(`\paragraph{Padding.} An output of size $o$ needs $\left\lfloor \frac{n + 2p - r(k - 1) - 1}{s} \right\rfloor = o - 1$, that is $(o - 1)s \le n + 2p - r(k - 1) - 1 \le (o - 1)s + s - 1$, so` + "\n")
		b.WriteString(`\[` + "\n" + `\frac{(o - 1)s + r(k - 1) + 1 - n}{2} \le p \le \frac{(o - 1)s + r(k - 1) + 1 - n + s - 1}{2}.` + "\n\\]\n")
		for i, p := range c.Padding {
			if i == 1 && samePadding(c.Padding[0], p) {
				b.WriteString(`The width is the same problem, with the same answer.` + "\n")
				break
			}
			fmt.Fprintf(&b, "Along the %s ($o = %d$):\n", p.Names.Axis, p.Want)
			b.WriteString(`\[` + "\n" + `\frac{` + p.Low.Substituted(convarith.TeX) + `}{2} = ` + half(p.Low.Int()) + ` \le p \le ` + half(p.High.Int()) + ` = \frac{` + p.High.Substituted(convarith.TeX) + `}{2}` + "\n\\]\n")
			if len(p.Pads) == 0 {
				n := p.Nearest
				fmt.Fprintf(&b, "No whole padding lies in that range: no padding gives %d. The nearest output is %d, with $p = %d$:\n", p.Want, n.Out, n.Axis.Pad)
				b.WriteString(latex.Align(n.Steps[len(n.Steps)-1].Row()) + "\n")
				continue
			}
			fmt.Fprintf(&b, "so $p = %s$. Check:\n", convarith.JoinInts(p.Pads))
			b.WriteString(latex.Align(p.Check.Steps[len(p.Check.Steps)-1].Row()) + "\n")
			fmt.Fprintf(&b, "\\[\n\\boxed{p = %d}\n\\]\n", p.Pads[0])
		}
	}
	m := c.Memory[c.Chosen]
	if r.PerChannel {
		fmt.Fprintf(&b, "\\paragraph{Parameters.} Read per channel, a 2-D filter is one $k_{h} \\times k_{w}$ window applied to each of the $C = %d$ channels on its own, so it has $k_{h} k_{w}$ weights (and one bias); the layer has $F = %d$ such filters. (Deep-learning layers read it as spanning all channels, $k_{h} k_{w} C$ weights: the default.) In %s each number takes $b = %d$ bytes:\n", r.Input[1], r.Filters, m.Precision.Name, m.Precision.Bytes)
	} else {
		fmt.Fprintf(&b, "\\paragraph{Parameters.} A 2-D filter spans all $C = %d$ input channels with a $k_{h} \\times k_{w}$ window, as deep-learning layers have it, so it has $k_{h} k_{w} C$ weights (and one bias); the layer has $F = %d$ such filters. (Read as one window applied to each channel on its own, it would have $k_{h} k_{w}$: the option per-channel.) In %s each number takes $b = %d$ bytes:\n", r.Input[1], r.Filters, m.Precision.Name, m.Precision.Bytes)
	}
	b.WriteString(latex.Align(
		convarith.Step{Name: "n_{weights}", F: c.Weights}.Row(),
		convarith.Step{Name: `\text{bytes}`, F: m.Filter}.Row()+`\,\text{B}`,
		convarith.Step{Name: `\text{bytes}_{\text{bias}}`, F: m.FilterBiased}.Row()+`\,\text{B} \quad\text{(with the bias)}`) + "\n")
	if r.Filters > 1 {
		b.WriteString(`For the layer:` + "\n" + latex.Align(
			convarith.Step{Name: `\text{bytes}`, F: m.Layer}.Row()+`\,\text{B}`,
			convarith.Step{Name: `\text{bytes}_{\text{bias}}`, F: m.LayerBiased}.Row()+`\,\text{B}`) + "\n")
	}
	b.WriteString(`In each format (bytes):` + "\n" + `\begin{center}` + "\n" + `\begin{tabular}{lrrrr}` + "\n" + ` & filter & with bias & layer & with biases \\ \hline` + "\n")
	for _, mm := range c.Memory {
		fmt.Fprintf(&b, "%s (%d B) & %s & %s & %s & %s \\\\\n", mm.Precision.Name, mm.Precision.Bytes, mm.Filter.Value(), mm.FilterBiased.Value(), mm.Layer.Value(), mm.LayerBiased.Value())
	}
	b.WriteString(`\end{tabular}` + "\n" + `\end{center}` + "\n")
	fmt.Fprintf(&b, "\\[\n\\boxed{\\text{%s}:\\ %s\\,\\text{B per filter},\\quad %s\\,\\text{B with the bias}}\n\\]\n", m.Precision.Name, m.Filter.Value(), m.FilterBiased.Value())
	n := `k_{h} k_{w} C`
	if r.PerChannel {
		n = `k_{h} k_{w}`
	}
	b.WriteString(`\paragraph{Operations of one application.} One application (a ` + "``stamp''" + `) multiplies each weight by the input under it and sums the products. As the example $\alpha x + \beta y + c$ counts (2 multiplications, 2 additions), $` + n + `$ products take $` + n + ` - 1$ additions, and the bias one more:` + "\n")
	b.WriteString(latex.Align(
		convarith.Step{Name: `\text{mult}`, F: c.Mults}.Row(),
		convarith.Step{Name: `\text{add}`, F: c.AddsBiased}.Row()+` \quad\text{(with the bias; } `+fmt.Sprint(c.Adds.Value())+`\text{ without)}`,
		convarith.Step{Name: `\text{ops}`, F: c.OpsBiased}.Row()+` \quad\text{(`+fmt.Sprint(c.Ops.Value())+` without the bias)}`) + "\n")
	fmt.Fprintf(&b, "\\[\n\\boxed{%s \\text{ operations per application with the bias, } %s \\text{ without}}\n\\]\n", c.OpsBiased.Value(), c.Ops.Value())
	if r.PerChannel {
		fmt.Fprintf(&b, "\\paragraph{Applications.} The window is applied to each of the $C = %d$ channels on its own; it slides over $H$ and $W$ (stride $%d$, padding $%d$) of each channel of each of the $N = %d$ images of the batch", r.Input[1], r.Stride[0], r.Pad[0], r.Input[0])
	} else {
		fmt.Fprintf(&b, "\\paragraph{Applications.} The filter spans the channel dimension $C$ whole, so it does not slide along it; it slides over $H$ and $W$ (stride $%d$, padding $%d$) and is applied to each of the $N = %d$ images of the batch", r.Stride[0], r.Pad[0], r.Input[0])
	}
	if r.Filters > 1 {
		fmt.Fprintf(&b, ", once per filter ($F = %d$)", r.Filters)
	}
	b.WriteString(":\n")
	var rowsTeX []string
	for _, a := range c.Axes {
		rowsTeX = append(rowsTeX, a.Steps[len(a.Steps)-1].Row())
	}
	rowsTeX = append(rowsTeX, convarith.Step{Name: "A", F: c.Stamps}.Row())
	b.WriteString(latex.Align(rowsTeX...) + "\n")
	fmt.Fprintf(&b, "\\[\n\\boxed{%s \\text{ applications}}\n\\]\n", c.Stamps.Value())
	fmt.Fprintf(&b, "In all, the layer does $A \\cdot (\\text{mult} + \\text{add}) = %s = %s$ operations.\n", c.LayerOps.Substituted(convarith.TeX), c.LayerOps.Value())
	return b.String()
}

func samePadding(a, b *convarith.PaddingFor) bool {
	return a.Want == b.Want && a.Low.Int() == b.Low.Int() && a.High.Int() == b.High.Int()
}

// half writes n/2 as a whole number or a decimal.
func half(n int64) string {
	if n%2 == 0 {
		return fmt.Sprint(n / 2)
	}
	if n < 0 {
		return fmt.Sprintf("-%d.5", -n/2)
	}
	return fmt.Sprintf("%d.5", n/2)
}

// ConvStackLaTeX writes what a stack of linear convolutions amounts to.
func ConvStackLaTeX(s *convarith.Stack) string {
	r := s.Request
	n := len(r.Kernels)
	var b strings.Builder
	b.WriteString(crossCorrelation + ` The layers have no padding, no bias and no activation.` + "\n")
	fmt.Fprintf(&b, "\\paragraph{Input size.} An output of $%d \\times %d$ comes from the smallest input worked back layer by layer, $n_{i-1} = s_{i}(n_{i} - 1) + k_{i}$:\n", r.Out[0], r.Out[1])
	var rowsTeX []string
	for a := range 2 {
		if a == 1 && s.In[0] == s.In[1] && r.Out[0] == r.Out[1] && sameKernels(r) {
			break
		}
		for _, st := range s.InSteps[a] {
			rowsTeX = append(rowsTeX, st.Row())
		}
	}
	b.WriteString(latex.Align(rowsTeX...) + "\n")
	fmt.Fprintf(&b, "(the width alike). The receptive field, the input one output entry sees, is $R = 1 + \\sum_{i} (k_{i} - 1) \\prod_{j < i} s_{j}$:\n")
	b.WriteString(latex.Align(convarith.Step{Name: "R_h", F: s.Field[0]}.Row(), convarith.Step{Name: "R_w", F: s.Field[1]}.Row()) + "\n")
	fmt.Fprintf(&b, "\\[\n\\boxed{x \\in \\mathbb{R}^{%d \\times %d}}\n\\]\n", s.In[0], s.In[1])
	if n < 2 {
		b.WriteString(`A single layer is its own kernel: $\partial y/\partial w = x$, which is not $0$, so even a zero initialisation trains.` + "\n")
		return b.String()
	}
	names := make([]string, n)
	for i, nm := range s.Names {
		names[i] = nm
	}
	b.WriteString(`\paragraph{One convolution.} `)
	if n == 2 {
		b.WriteString(`With $z = w \star x$ and $y = v \star z$,` + "\n")
		b.WriteString(`\[` + "\n" + `y_{ij} = \sum_{a,b} v_{ab}\, z_{s_{2} i + a,\, s_{2} j + b} = \sum_{a,b} \sum_{c,d} v_{ab}\, w_{cd}\, x_{s_{1}(s_{2} i + a) + c,\; s_{1}(s_{2} j + b) + d} = \sum_{m,n} K_{mn}\, x_{s_{1} s_{2} i + m,\; s_{1} s_{2} j + n},` + "\n\\]\n")
		b.WriteString(`with $K_{mn} = \sum_{s_{1} a + c = m,\ s_{1} b + d = n} v_{ab} w_{cd}$: the two layers are one convolution (stride $s_{1} s_{2}$) whose kernel is the full convolution of the kernels.` + "\n")
	} else {
		fmt.Fprintf(&b, "Composing the layers two at a time as above, the %d layers are one convolution of stride $%d \\times %d$ whose kernel is the full convolution of the kernels.\n", n, s.Stride[0], s.Stride[1])
	}
	if s.Composed != nil {
		fmt.Fprintf(&b, "Its $%d \\times %d$ entries, polynomials in the kernels' entries (1-based, $K_{11}$ first):\n", len(s.Composed), len(s.Composed[0]))
		var rowsK []string
		for i, row := range s.Composed {
			for j, k := range row {
				if len(rowsK) == maxKernelRows {
					break
				}
				rowsK = append(rowsK, fmt.Sprintf("K_{%d%s%d} &= %s", i+1, sep(len(s.Composed[0])), j+1, latex.Expr(k)))
			}
		}
		b.WriteString(latex.Align(rowsK...) + "\n")
		if total := len(s.Composed) * len(s.Composed[0]); total > maxKernelRows {
			fmt.Fprintf(&b, "and so on: %d entries in all.\n", total)
		}
	} else if r.Channels > 1 {
		fmt.Fprintf(&b, "With $m = %d$ kernels in each layer but the last, whose one kernel reads the $m$ channels (its slices $v_{1}, \\dots, v_{m}$), $y = \\sum_{j} v_{j} \\star (w_{j} \\star x) = \\bigl(\\sum_{j} v_{j} * w_{j}\\bigr) \\star x$: still one kernel of the same size, a sum of full convolutions.\n", r.Channels)
	}
	b.WriteString(`\paragraph{Free parameters.} `)
	fmt.Fprintf(&b, "The stack has $%s = %s$ weights, the one convolution $R_{h} R_{w} = %s = %s$. ", s.LayerCount.Symbolic(convarith.TeX), s.LayerCount.Value(), s.Free.Substituted(convarith.TeX), s.Free.Value())
	fmt.Fprintf(&b, "So $g(x, \\ldots) = \\hat g(x, \\theta) = \\theta \\star x$ with $\\theta = K \\in \\mathbb{R}^{%d \\times %d}$: every stack is a linear function of $x$ given by one kernel, whatever the number of kernels per layer, since a sum of composed kernels is again a kernel of that size. ", s.Field[0].Int(), s.Field[1].Int())
	if s.Dimension >= 0 {
		fmt.Fprintf(&b, "The composed kernels form a set of dimension $%d$ (the rank of the map from the stack's weights to $K$ at a random point)", s.Dimension)
		full := s.Free.Int()
		switch {
		case int64(s.Dimension) == full:
			fmt.Fprintf(&b, ": they fill all $%d$ dimensions, so no $\\theta$ with fewer numbers expresses every stack, and the lowest dimension of $\\theta$ is $%d$.\n", full, full)
		default:
			fmt.Fprintf(&b, ", less than $%d$: scaling one layer by $c$ and another by $1/c$ leaves $K$ unchanged, and with one kernel per layer $K$ is a product of kernels, not any kernel. They span all $%d$ dimensions linearly, so a linear $\\theta$ still needs $%d$ numbers; with more kernels per layer (the exam's four) the sums of such products fill them.\n", full, full, full)
		}
	} else {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\\[\n\\boxed{\\dim \\theta = R_{h} R_{w} = %s}\n\\]\n", s.Free.Value())
	if z := s.Zero; z != nil {
		b.WriteString(zeroInitLaTeX(s, z))
	}
	return b.String()
}

// maxKernelRows bounds the composed kernel's entries written out.
const maxKernelRows = 49

func sep(w int) string {
	if w > 9 {
		return ","
	}
	return ""
}

func sameKernels(r convarith.StackRequest) bool {
	for i, k := range r.Kernels {
		if k[0] != k[1] || r.Strides[i][0] != r.Strides[i][1] {
			return false
		}
	}
	return true
}

// zeroInitLaTeX derives the zero-initialisation argument.
func zeroInitLaTeX(s *convarith.Stack, z *convarith.ZeroInit) string {
	var b strings.Builder
	y, t := expr.Sym("y"), expr.Sym("t")
	b.WriteString(`\paragraph{Zero initialisation.} For one training pair $(x, t)$ the $L_{2}$ loss is $\mathcal{L} = (y - t)^{2}$, and by the chain rule, for any weight $\omega$,` + "\n")
	b.WriteString(`\[` + "\n" + `\frac{\partial \mathcal{L}}{\partial \omega} = 2\left(` + latex.Expr(expr.Sub(y, t)) + `\right) \frac{\partial y}{\partial \omega}.` + "\n\\]\n")
	fmt.Fprintf(&b, "With $y = \\sum_{m,n} K_{mn} x_{mn}$ written out (%d terms), the derivatives by the first entry of each kernel are\n", len(termsOf(z.Output)))
	var rowsTeX []string
	for _, g := range z.Grads {
		w := latex.Expr(g.Wrt)
		rowsTeX = append(rowsTeX, `\frac{\partial y}{\partial `+w+`} &= `+latex.Expr(g.D))
	}
	b.WriteString(latex.Align(rowsTeX...) + "\n")
	zeros := make([]string, len(s.Names))
	for i, nm := range s.Names {
		zeros[i] = nm + " = 0"
	}
	fmt.Fprintf(&b, "Each term of $y$ holds one entry of every kernel, so the derivative by an entry of one kernel is a sum of terms that each hold an entry of another. At $%s$ every such derivative is $0$", strings.Join(zeros, ",\\ "))
	if z.AllZero {
		b.WriteString(" (checked for every entry of every kernel)")
	}
	b.WriteString(":\n")
	var at []string
	for _, g := range z.Grads {
		at = append(at, `\left.\frac{\partial \mathcal{L}}{\partial `+latex.Expr(g.Wrt)+`}\right|_{0} = 2(0 - t) \cdot `+latex.Expr(g.AtZero)+` = 0`)
	}
	b.WriteString(latex.Align(at...) + "\n")
	b.WriteString(`whatever the input and the label. A step of gradient descent, $\omega \leftarrow \omega - \alpha\, \partial \mathcal{L}/\partial \omega$, then leaves every weight at $0$, and by induction so does every later step, on every training pair: SGD has converged at once, to the stationary point where all weights are zero, and the network outputs $y = 0$ for every input.` + "\n")
	fmt.Fprintf(&b, "\\[\n\\boxed{%s \\text{ after training}}\n\\]\n", strings.Join(zeros, ",\\ "))
	return b.String()
}

func termsOf(x expr.Expr) []expr.Expr {
	if a, ok := x.(*expr.AddExpr); ok {
		return a.Terms()
	}
	return []expr.Expr{x}
}

// convListed is how many designs a convdesign problem lists.
const convListed = 8

// solveConv solves a convolution problem of any of the four kinds, as
// derivtex conv answers the same settings.
func solveConv(ctx context.Context, _ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, p.Kind)
	args := st.Conv
	fail := func(err error) (*Solution, error) {
		return nil, diag.At(args.Pos(err, st.ArgPos), "%s", err.Error())
	}
	set := args.Settings
	switch problem.ConvKinds[p.Kind].Task {
	case "size":
		l, err := set.SizeLayer()
		if err != nil {
			return fail(err)
		}
		s, err := convarith.Size(l)
		if err != nil {
			return fail(err)
		}
		return &Solution{Body: ConvSizeLaTeX(s), Answer: answer.Problem{ConvSize: answer.ConvSizeOf(s)}}, nil
	case "design":
		r, err := set.Design()
		if err != nil {
			return fail(err)
		}
		d, err := convarith.NewDesign(r)
		if err != nil {
			return fail(err)
		}
		return &Solution{Body: ConvDesignLaTeX(d, convListed), Answer: answer.Problem{ConvDesign: answer.ConvDesignOf(d, convListed)}}, nil
	case "count":
		r, err := set.Count()
		if err != nil {
			return fail(err)
		}
		c, err := convarith.NewCount(r)
		if err != nil {
			return fail(err)
		}
		return &Solution{Body: ConvCountLaTeX(c), Answer: answer.Problem{ConvCount: answer.ConvCountOf(c)}}, nil
	}
	r, err := set.Stack()
	if err != nil {
		return fail(err)
	}
	s, err := convarith.NewStack(ctx, r)
	if err != nil {
		return fail(err)
	}
	return &Solution{Body: ConvStackLaTeX(s), Answer: answer.Problem{ConvStack: answer.ConvStackOf(s)}}, nil
}
