package solve

import (
	"context"
	"fmt"
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

	fmt.Fprintf(&b, "The training examples $\\mathcal{D} = \\{(x_i, y_i)\\}_{i=1}^{%s}$ are independent, so their likelihood is the product of their densities:\n",
		r.tex(r.Count))
	b.WriteString(latex.Align(
		"L(" + theta + ") &= \\prod_{i=1}^{" + r.tex(r.Count) + "} " + cond +
			" = " + r.tex(r.Likelihood) + ".",
	))
	b.WriteString("\n\nMaximising $L$ is minimising the negative log-likelihood, which the logarithm turns into a sum:\n")
	b.WriteString(latex.Align(
		latex.Chain(expr.Neg(expr.Log(r.Likelihood)), r.NLLSteps, latex.LHS("-\\log L("+theta+")"), r.budget()),
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
	if len(r.Positive) > 0 {
		b.WriteString("Setting the gradient to zero (with $" + symbolList(r.Positive) + " > 0$, as the logarithm requires) gives\n")
	} else {
		b.WriteString("Setting the gradient to zero gives\n")
	}
	hats := r.hatNames()
	rows = rows[:0]
	for _, est := range r.Stationary {
		if est.InTermsOf != est.Value {
			rows = append(rows, "\\hat{"+r.tex(est.Param)+"} &= "+r.tex(est.InTermsOf, latex.WithNames(hats))+
				" = "+r.tex(est.Value))
		}
	}
	if len(rows) > 0 {
		b.WriteString(latex.Align(rows...) + "\n")
	}
	b.WriteString("\n\\[\n")
	for i, est := range r.Stationary {
		if i > 0 {
			b.WriteString(",\\qquad ")
		}
		b.WriteString("\\boxed{\\hat{" + r.tex(est.Param) + "} = " + r.tex(est.InTermsOf, latex.WithNames(hats)) + "}")
	}
	b.WriteString("\n\\]\n")
	return b.String(), r.m.Err()
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
func (r mleTeX) tex(x expr.Expr, opts ...latex.Option) string {
	return latex.Expr(x, append(opts, r.budget())...)
}

func (r mleTeX) budget() latex.Option { return latex.WithBudget(r.m) }

func (r mleTeX) hatNames() map[string]string {
	m := map[string]string{}
	for _, p := range r.Params {
		m[p.Name()] = "\\hat{" + latex.Expr(p) + "}"
	}
	return m
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
