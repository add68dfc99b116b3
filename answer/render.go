package answer

import (
	"context"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/mle"
)

// Renderer writes the terms of one answer: in plain syntax and LaTeX,
// under the job's output budget, and with the large subterms they share
// written by name (see Terms).
type Renderer struct {
	m      *budget.Meter
	names  *expr.Names
	layout *expr.Layout // the author's order (see expr.Layout), or nil
}

// NewRenderer prepares to write terms drawn from tops (every term the
// answer will hold), under ctx's budget.
func NewRenderer(ctx context.Context, tops ...expr.Expr) *Renderer {
	return &Renderer{m: budget.From(ctx), names: expr.Abbreviate(tops...)}
}

// derivationRenderer writes the terms of d's answer, with the names d
// gives them (derive.Derivation.StepNames): with cse, also the small
// parts its question and answer share.
func derivationRenderer(ctx context.Context, d *derive.Derivation, cse bool) *Renderer {
	return &Renderer{m: budget.From(ctx), names: d.StepNames(cse), layout: d.Layout}
}

// Plain writes x in plain syntax.
// Plain keeps the canonical order, whatever the layout: an answer's plain
// syntax reads back to the very text (docs/json.md).
func (r *Renderer) Plain(x expr.Expr) string { return expr.PlainNamed(x, r.names, r.m) }

// TeX writes x in LaTeX, in the author's order when the layout is known.
func (r *Renderer) TeX(x expr.Expr) string {
	return latex.Expr(x, latex.Abbreviated(r.names), latex.WithLayout(r.layout), latex.WithBudget(r.m))
}

// Written writes x both ways, its LaTeX as the author wrote it: the
// input of a derivation.
func (r *Renderer) Written(x expr.Expr) Expr {
	return Expr{
		Plain: r.Plain(x),
		LaTeX: latex.Expr(x, latex.Abbreviated(r.names), latex.WithLayout(r.layout), latex.Written(true), latex.WithBudget(r.m)),
	}
}

// Expr writes x both ways.
func (r *Renderer) Expr(x expr.Expr) Expr { return Expr{Plain: r.Plain(x), LaTeX: r.TeX(x)} }

// Step writes one step.
func (r *Renderer) Step(s expr.Step) Step {
	out := Step{
		Rule:        s.Rule.Name,
		Title:       s.Rule.Title,
		Note:        s.Note,
		Before:      r.Plain(s.Before),
		After:       r.Plain(s.After),
		LaTeX:       r.TeX(s.Before) + " = " + r.TeX(s.After),
		Assumptions: []string{},
	}
	for _, a := range s.Assume {
		out.Assumptions = append(out.Assumptions, r.Plain(a)+" > 0")
	}
	return out
}

// Steps writes steps, stopping once the budget is spent (the caller then
// learns so from the meter).
func (r *Renderer) Steps(steps []expr.Step) []Step {
	out := make([]Step, 0, len(steps))
	for _, s := range steps {
		if !r.m.OK() {
			break
		}
		out = append(out, r.Step(s))
	}
	return out
}

// Terms is the table of the names used: each named subterm written out,
// with the names of its own named parts, innermost first.
func (r *Renderer) Terms() []Term {
	out := []Term{}
	for _, x := range r.names.Named() {
		name, _ := r.names.Of(x)
		out = append(out, Term{
			Name:  name,
			Plain: expr.PlainDefinition(x, r.names, r.m),
			LaTeX: latex.Expr(x, latex.Abbreviated(r.names), latex.Defining(x), latex.WithLayout(r.layout), latex.WithBudget(r.m)),
		})
	}
	return out
}

// Err is the budget's verdict on what was written.
func (r *Renderer) Err() error { return r.m.Err() }

// DiffOf is the answer of d, a derivation by wrt; with cse its terms name
// the small parts the question and answer share too (diff --cse).
func DiffOf(ctx context.Context, wrt string, d *derive.Derivation, cse bool) (*Diff, error) {
	r, a := diffWithoutSteps(ctx, wrt, d, cse)
	a.Steps = r.Steps(d.Steps)
	return a, r.Err()
}

// diffWithoutSteps is DiffOf's answer with its steps left to write, and
// the renderer that writes them.
func diffWithoutSteps(ctx context.Context, wrt string, d *derive.Derivation, cse bool) (*Renderer, *Diff) {
	r := derivationRenderer(ctx, d, cse)
	return r, &Diff{Input: r.Written(d.Input), Wrt: wrt, Result: r.Expr(d.Result), Terms: r.Terms(), Steps: []Step{}}
}

// SimplifyOf is the answer of a simplification of input to result.
func SimplifyOf(ctx context.Context, input, result expr.Expr, steps []expr.Step) (*Simplify, error) {
	r, a := simplifyWithoutSteps(ctx, input, result, steps)
	a.Steps = r.Steps(steps)
	return a, r.Err()
}

// simplifyWithoutSteps is diffWithoutSteps for SimplifyOf.
func simplifyWithoutSteps(ctx context.Context, input, result expr.Expr, steps []expr.Step) (*Renderer, *Simplify) {
	r := NewRenderer(ctx, expr.StepTerms(steps, input, result)...)
	return r, &Simplify{Input: r.Expr(input), Result: r.Expr(result), Terms: r.Terms(), Steps: []Step{}}
}

// MLEOf is the answer of a maximum-likelihood derivation.
func MLEOf(ctx context.Context, res *mle.Result) (*MLE, error) {
	tops := expr.StepTerms(res.NLLSteps, res.Density, res.NLL, res.Objective)
	for _, g := range res.Gradient {
		tops = append(tops, g.Value)
	}
	for _, e := range res.Stationary {
		tops = append(tops, e.Value)
	}
	for _, d := range res.Domain {
		for _, x := range []expr.Expr{d.Lo, d.Hi} {
			if x != nil {
				tops = append(tops, x)
			}
		}
	}
	r := NewRenderer(ctx, tops...)
	a := &MLE{
		Density:      r.Expr(res.Density),
		Response:     res.Response.Name(),
		NLL:          r.Expr(res.NLL),
		Objective:    r.Expr(res.Objective),
		Gradient:     []Param{},
		NoClosedForm: res.NoClosedForm,
	}
	for _, p := range res.Params {
		a.Params = append(a.Params, p.Name())
	}
	a.Data, a.Consts, a.Domain = []string{}, []string{}, []Bound{}
	for _, g := range res.Given {
		a.Data = append(a.Data, g.Name())
	}
	for _, c := range res.Consts {
		a.Consts = append(a.Consts, c.Name())
	}
	for _, d := range res.Domain {
		b := Bound{Param: d.Param.Name()}
		if d.Lo != nil {
			x := r.Expr(d.Lo)
			b.Lo = &x
		}
		if d.Hi != nil {
			x := r.Expr(d.Hi)
			b.Hi = &x
		}
		a.Domain = append(a.Domain, b)
	}
	for _, g := range res.Gradient {
		a.Gradient = append(a.Gradient, Param{Param: g.Param.Name(), Expr: r.Expr(g.Value)})
	}
	if res.Stationary != nil {
		a.Estimates = []Param{}
		for _, e := range res.Stationary {
			a.Estimates = append(a.Estimates, Param{Param: e.Param.Name(), Expr: r.Expr(e.Value)})
		}
	}
	a.Steps = r.Steps(res.NLLSteps)
	a.Terms = r.Terms()
	return a, r.Err()
}

// EvalOf is the answer of an evaluation of input: its value, and the
// exact value when it has a closed form (nil otherwise).
func EvalOf(ctx context.Context, input expr.Expr, value *float64, exact expr.Expr) (*Eval, error) {
	r := &Renderer{m: budget.From(ctx)} // no terms table: nothing is named
	a := &Eval{Input: r.Expr(input)}
	if value != nil {
		a.Value = *value
	}
	if exact != nil {
		x := r.Expr(exact)
		a.Exact = &x
	}
	return a, r.Err()
}
