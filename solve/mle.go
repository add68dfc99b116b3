package solve

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/mle"
)

// MLELaTeX renders a maximum-likelihood derivation as a handout would:
// the likelihood, the negative log-likelihood worked out step by step with
// a justification per line, the optimisation problem boxed, the gradient,
// and the estimate boxed (or why there is none). The result is a fragment
// of paragraphs and align* environments for a document body, charged to
// ctx's output budget, whose error it returns when that runs out.
func MLELaTeX(ctx context.Context, res *mle.Result) (string, error) {
	r := mleTeX{Result: res, m: budget.From(ctx)}
	var b strings.Builder
	theta := r.paramList()
	cond := r.conditional(true)

	fmt.Fprintf(&b, "The training examples $\\mathcal{D} = \\{%s\\}_{i=1}^{%s}$ are independent%s, so their likelihood is the product of their densities:\n",
		r.example(), r.tex(r.Count), r.knownClause())
	b.WriteString(latex.Align(
		"L(" + theta + ") &= \\prod_{i=1}^{" + r.tex(r.Count) + "} " + cond +
			" = " + r.tex(r.Likelihood, latex.Written(true)) + ".",
	))
	b.WriteString("\n\nMaximising $L$ is minimising the negative log-likelihood, which the logarithm turns into a sum:\n")
	b.WriteString(latex.Align(
		latex.Chain(expr.Neg(expr.Log(r.Likelihood)), r.NLLSteps, latex.LHS("-\\log L("+theta+")"), latex.LineWidth(handoutLineWidth), r.budget(),
			latex.WithLayout(r.Layout), latex.WrittenWhile(r.Example)),
	))
	b.WriteString("\n\n")
	if r.Dropped != expr.Zero || r.Scale != expr.One {
		b.WriteString("The terms free of $" + theta + "$")
		if r.Dropped != expr.Zero {
			b.WriteString(", $" + r.tex(r.Dropped) + "$,")
		}
		b.WriteString(" do not move the minimiser")
		if r.Scale != expr.One {
			b.WriteString(", and neither does the positive factor $" + r.tex(r.Scale) + "$")
		}
		b.WriteString(", so the maximum-likelihood estimate solves\n")
	} else {
		b.WriteString("The maximum-likelihood estimate solves\n")
	}
	obj := r.tex(r.Objective)
	if r.Objective.Kind() == expr.KindAdd {
		obj = "\\left(" + obj + "\\right)"
	}
	b.WriteString("\\[\n\\boxed{" + r.hatList() + " = \\operatorname*{arg\\,min}_{" + theta + "} \\; " + obj + "}\n\\]\n")

	b.WriteString("\nThe gradient of the negative log-likelihood is\n")
	rows := make([]string, len(r.Gradient))
	for i, g := range r.Gradient {
		rows[i] = "\\frac{\\partial (-\\log L)}{\\partial " + r.tex(g.Param) + "} &= " + r.tex(g.Value)
	}
	b.WriteString(latex.Align(rows...))
	b.WriteString("\n\n")

	if r.Stationary == nil {
		b.WriteString("There is no closed-form estimate: " + latexText(r.NoClosedForm) + ".\n")
		return b.String(), r.m.Err()
	}
	hats := r.hatNames()
	for _, est := range r.Stationary {
		if est.Median != nil {
			sum := expr.SumOver(expr.Call(expr.FnAbs, expr.Sub(est.Param, est.Median)), r.Index, expr.One, r.Count)
			fmt.Fprintf(&b, "The gradient in $%s$ is a sum of signs, the subgradient of $%s$, which is not differentiable where $%s = %s$: setting it to zero is not a stationarity equation. A sum of absolute deviations is minimised by the median (there the subgradient contains $0$), so $\\hat{%s}$ is the median of the $%s$.\n\n",
				r.tex(est.Param), r.tex(sum), r.tex(est.Param), r.tex(est.Median), r.tex(est.Param), r.tex(est.Median))
		}
	}
	if d := r.domain(); d != "" {
		b.WriteString("Setting the gradient to zero (with $" + d + "$, where the log-likelihood is defined) gives\n")
	} else {
		b.WriteString("Setting the gradient to zero gives\n")
	}
	b.WriteString(r.estimates(hats))
	return b.String(), r.m.Err()
}

// estimates writes the closed forms, each boxed once. An estimate solved
// in terms of the others is shown so, then boxed in terms of the data;
// when that form is too wide for the page (sigma-hat with w-hat and b-hat
// written out), the form in terms of the others is boxed instead, since
// those are boxed in terms of the data already. Boxes share a row only
// when they fit on it together.
func (r mleTeX) estimates(hats map[string]string) string {
	named := latex.WithNames(hats)
	inData := make([]bool, len(r.Stationary))
	joint := false
	for i, est := range r.Stationary {
		solved := est.InTermsOf != est.Value
		joint = joint || solved
		inData[i] = !solved || latex.Width(r.tex(est.Value)) <= handoutLineWidth*3/4
	}
	if !joint {
		boxes := make([]string, len(r.Stationary))
		total := 0.0
		for i, est := range r.Stationary {
			boxes[i] = "\\boxed{\\hat{" + r.tex(est.Param) + "} = " + r.tex(est.Value) + "}"
			total += latex.Width(boxes[i]) + 4
		}
		if total <= handoutLineWidth {
			return "\n\\[\n" + strings.Join(boxes, ",\\qquad ") + "\n\\]\n"
		}
		return "\\begin{gather*}\n" + strings.Join(boxes, "\\\\\n") + "\n\\end{gather*}\n"
	}
	rows := make([]string, 0, len(r.Stationary))
	var later []string
	for i, est := range r.Stationary {
		row := "\\hat{" + r.tex(est.Param) + "} &= "
		switch {
		case !inData[i]:
			row += "\\boxed{" + r.tex(est.InTermsOf, named) + "}"
			for _, p := range r.Params {
				if p != est.Param && expr.DependsOn(est.InTermsOf, p) {
					later = append(later, "$"+hats[p.Name()]+"$")
				}
			}
		case est.InTermsOf != est.Value:
			row += r.tex(est.InTermsOf, named) + " = \\boxed{" + r.tex(est.Value) + "}"
		default:
			row += "\\boxed{" + r.tex(est.Value) + "}"
		}
		rows = append(rows, row)
	}
	out := latex.Align(rows...) + "\n"
	if len(later) > 0 {
		out += "with " + joinWords(unique(later)) + " as above.\n"
	}
	return out
}

// unique drops repeats, keeping the first of each.
func unique(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// joinWords writes a, b and c.
func joinWords(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// MLEResultsLaTeX renders the results of a maximum-likelihood derivation
// without its steps, as align* rows: the negative log-likelihood, the
// problem the estimate solves, the gradient, and the estimate (or why
// there is none). It is what derivtex mle --latex prints.
func MLEResultsLaTeX(ctx context.Context, res *mle.Result) (string, error) {
	r := mleTeX{Result: res, m: budget.From(ctx)}
	theta := r.paramList()
	obj := r.tex(r.Objective)
	if r.Objective.Kind() == expr.KindAdd {
		obj = "\\left(" + obj + "\\right)"
	}
	rows := []string{
		"-\\log L(" + theta + ") &= " + r.tex(r.NLL),
		r.hatList() + " &= \\operatorname*{arg\\,min}_{" + theta + "} \\; " + obj,
	}
	for _, g := range r.Gradient {
		rows = append(rows, "\\frac{\\partial (-\\log L)}{\\partial "+r.tex(g.Param)+"} &= "+r.tex(g.Value))
	}
	if r.Stationary == nil {
		rows = append(rows, "\\intertext{No closed-form estimate: "+latexText(r.NoClosedForm)+".}")
	}
	for _, est := range r.Stationary {
		rows = append(rows, "\\hat{"+r.tex(est.Param)+"} &= "+r.tex(est.Value))
	}
	return latex.Align(rows...), r.m.Err()
}

// mleTeX is an MLE derivation being rendered, and the budget it is
// charged to.
type mleTeX struct {
	*mle.Result
	m *budget.Meter
}

// tex renders a term of the derivation, charged to the budget.
// tex writes x in the author's order (the density's layout, see
// mle.Result.Layout), charged to the budget.
func (r mleTeX) tex(x expr.Expr, opts ...latex.Option) string {
	return latex.Expr(x, append([]latex.Option{latex.WithLayout(r.Layout), r.budget()}, opts...)...)
}

func (r mleTeX) budget() latex.Option { return latex.WithBudget(r.m) }

func (r mleTeX) hatNames() map[string]string {
	m := map[string]string{}
	for _, p := range r.Params {
		m[p.Name()] = "\\hat{" + latex.Expr(p) + "}"
	}
	return m
}

// example is one training example, (x_i, y_i), or y_i without data.
func (r mleTeX) example() string {
	parts := make([]string, 0, len(r.Given)+1)
	for _, g := range append(append([]*expr.Symbol(nil), r.Given...), r.Response) {
		parts = append(parts, latex.Expr(expr.Index(g.Name(), r.Index)))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// knownClause says which symbols are known constants, shared by every
// example; "" when there are none.
func (r mleTeX) knownClause() string {
	switch len(r.Consts) {
	case 0:
		return ""
	case 1:
		return " and $" + symbolList(r.Consts) + "$ is a known constant shared by all of them"
	}
	return " and $" + symbolList(r.Consts) + "$ are known constants shared by all of them"
}

// domain states the parameters' bounds, 0 < \theta < 1, \sigma > 0; ""
// when there are none.
func (r mleTeX) domain() string {
	parts := make([]string, len(r.Domain))
	for i, d := range r.Domain {
		p := r.tex(d.Param)
		switch {
		case d.Lo != nil && d.Hi != nil:
			parts[i] = r.tex(d.Lo) + " < " + p + " < " + r.tex(d.Hi)
		case d.Lo != nil:
			parts[i] = p + " > " + r.tex(d.Lo)
		default:
			parts[i] = p + " < " + r.tex(d.Hi)
		}
	}
	return strings.Join(parts, ", ")
}

func (r mleTeX) paramList() string { return symbolList(r.Params) }

func (r mleTeX) hatList() string {
	parts := make([]string, len(r.Params))
	for i, p := range r.Params {
		parts[i] = "\\hat{" + latex.Expr(p) + "}"
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func symbolList(s []*expr.Symbol) string {
	parts := make([]string, len(s))
	for i, p := range s {
		parts[i] = latex.Expr(p)
	}
	return strings.Join(parts, ", ")
}

// conditional renders p(y_i | x_i; θ), or p(y | x; θ) without the index.
func (r mleTeX) conditional(indexed bool) string {
	sub := func(s *expr.Symbol) string {
		if indexed {
			return latex.Expr(expr.Index(s.Name(), r.Index))
		}
		return latex.Expr(s)
	}
	var b strings.Builder
	b.WriteString(r.Name + "(" + sub(r.Response))
	if len(r.Given) > 0 {
		b.WriteString(" \\mid ")
		for i, g := range r.Given {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(sub(g))
		}
		b.WriteString("; ")
	} else {
		b.WriteString(" \\mid ")
	}
	b.WriteString(r.paramList() + ")")
	return b.String()
}

// latexText escapes plain prose for text mode.
func latexText(s string) string {
	r := strings.NewReplacer(`\`, `\textbackslash{}`, `&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`, `_`, `\_`, `{`, `\{`, `}`, `\}`, `~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`)
	return r.Replace(s)
}
