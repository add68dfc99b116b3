package solve

import (
	"context"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/tensor"
)

func solveMLE(ctx context.Context, _ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "mle")
	var params []string
	if ps := statement(p, "params"); ps != nil {
		params = ps.Names
	}
	response := ""
	if rs := statement(p, "response"); rs != nil && len(rs.Names) > 0 {
		response = rs.Names[0]
	}
	var consts []string
	if cs := statement(p, "const"); cs != nil {
		consts = cs.Names
	}
	density := st.Density
	if d, err := parser.ParseDensityLayout(st.Text); err == nil && d.Body == density.Body {
		density = d // the same density, with how it is written
	}
	m, err := mle.FromDensity(density, params, response, consts...)
	if err != nil {
		return nil, errorAt(st, err)
	}
	r, err := mle.Derive(ctx, m)
	if err != nil {
		return nil, errorAt(st, err)
	}
	body, err := MLELaTeX(ctx, r)
	if err != nil {
		return nil, errorAt(st, err)
	}
	a, err := answer.MLEOf(ctx, r)
	if err != nil {
		return nil, errorAt(st, err)
	}
	parts := map[string]tensor.Tensor{}
	for _, est := range r.Stationary {
		parts[est.Param.Name()] = tensor.Scalar(est.Value)
	}
	return &Solution{Body: body, Answer: answer.Problem{MLE: a}, Parts: parts}, nil
}

func solveDiff(ctx context.Context, f *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "diff")
	wrt := statement(p, "wrt")
	var given *Bindings
	if g := statement(p, "given"); g != nil {
		var err error
		if given, err = bindings(ctx, p); err != nil {
			return nil, err
		}
		if err := given.CheckElements(st.Expr); err != nil {
			return nil, errorAt(st, err)
		}
	}
	var b strings.Builder
	s := &Solution{Parts: map[string]tensor.Tensor{}}
	cse := f.Options[problem.OptionCSE] == "on"
	for k, v := range wrt.Terms {
		name := wrt.Names[k]
		d, err := derive.Steps(ctx, st.Expr, v)
		if err != nil {
			return nil, errorAt(st, err)
		}
		d.Layout = layoutOf(st)
		r, err := renderDerivation(ctx, d, cse, substMode(f))
		if err != nil {
			return nil, errorAt(st, err)
		}
		b.WriteString(r.let + latex.Align(r.rows))
		b.WriteString("\n\\[\n" + r.boxed + "\n\\]\n")
		a, err := answer.DiffOf(ctx, name, d, cse)
		if err != nil {
			return nil, errorAt(st, err)
		}
		if given != nil {
			at, err := atGiven(ctx, f, p, &b, d.Result, given)
			if err != nil {
				return nil, diag.Prefixed("d/d"+name, err)
			}
			a.AtGiven = at
		}
		s.Answer.Diff = append(s.Answer.Diff, *a)
		s.Parts[name] = tensor.Scalar(d.Result)
	}
	s.Body = b.String()
	return s, nil
}

// maxListed bounds the given values named in the sentence before a
// derivative worked out at them; past it the sentence names none.
const maxListed = 8

// atGiven works a derivative out at the given values, as the eval kind
// works out its expression: a sentence naming the values it uses, the
// derivative with the numbers put in, the exact value and its decimal.
// The rendering goes to body; the answer is returned. When the
// derivative uses no given value, nothing is rendered and the answer is
// the derivative itself.
func atGiven(ctx context.Context, f *problem.File, p *problem.Problem, body *strings.Builder, d expr.Expr, b *Bindings) (*answer.Eval, error) {
	sub, err := Substitute(ctx, d, b)
	if err != nil {
		g := statement(p, "given")
		return nil, diag.From(err).Located(g.ArgPos, "")
	}
	a, err := answer.EvalOf(ctx, d, sub.Value, sub.Exact)
	if err != nil {
		return nil, err
	}
	used := usedValues(sub.Unrolled, b)
	if len(used) == 0 {
		return a, nil
	}
	m := latex.WithBudget(budget.From(ctx))
	if len(used) <= maxListed {
		var vals []string
		for _, x := range used {
			v, ok := b.Written[x] // as given: 0.5, not 1/2
			if !ok {
				v = latex.Expr(b.Exact[x], m)
			}
			vals = append(vals, "$"+latex.Expr(x, m)+" = "+v+"$")
		}
		body.WriteString("At " + strings.Join(vals, ", ") + ":\n")
	} else {
		body.WriteString("At the given values:\n")
	}
	body.WriteString(sub.Align(ctx, b, f.Precision) + "\n")
	return a, budget.From(ctx).Err()
}

// usedValues lists the symbols and elements given a value in b that x
// mentions, in the order they were given (an array's elements in
// row-major order). It walks x once, and each given value once.
func usedValues(x expr.Expr, b *Bindings) []expr.Expr {
	mentioned := map[expr.Expr]bool{}
	expr.Inspect(x, func(y expr.Expr) bool {
		switch y.(type) {
		case *expr.Symbol, *expr.Indexed:
			mentioned[y] = true
		}
		return true
	})
	var out []expr.Expr
	for _, name := range b.Names {
		v := b.Values[name]
		if v.Rank() == 0 {
			if s := expr.Sym(name); mentioned[s] {
				out = append(out, s)
			}
			continue
		}
		if !expr.DependsOn(x, expr.Sym(name)) {
			continue
		}
		for index := range v.All() {
			if el := element(name, index); mentioned[el] {
				out = append(out, el)
			}
		}
	}
	return out
}

// Derivation renders a derivation as an align* environment, charging
// ctx's output budget; with cse, its repeated subexpressions are named
// however small (expr.CSESize); mode says when it is written through an
// inner function, which a sentence before it names.
func Derivation(ctx context.Context, d *derive.Derivation, cse bool, mode derive.SubstMode) (string, error) {
	r, err := renderDerivation(ctx, d, cse, mode)
	return r.let + latex.Align(r.rows), err
}

// rendered is a derivation as the handout writes it: the sentence that
// names its inner function (or nothing), its align* rows, and its answer
// boxed.
type rendered struct {
	let, rows, boxed string
}

// renderDerivation renders d's lines as align* rows and its answer boxed,
// writing the subterms they share by the same names in both (see
// Derivation.Names).
func renderDerivation(ctx context.Context, d *derive.Derivation, cse bool, mode derive.SubstMode) (rendered, error) {
	lines, sub, err := d.Presented(ctx, mode)
	if err != nil {
		return rendered{}, err
	}
	given := make([]latex.Row, len(lines))
	for i, l := range lines {
		given[i] = latex.Row{State: l.State, Steps: l.Steps}
	}
	m := budget.From(ctx)
	named := d.Names(lines, cse)
	names := latex.Abbreviated(named)
	layout := latex.WithLayout(d.LayoutOf(sub).Following(derive.StepsOf(lines)))
	var r rendered
	if sub != nil {
		// In the author's order, as the lines write it: 1 + e^{-w x - b}.
		r.let = "Let $" + latex.Expr(sub.Name) + " = " + latex.Expr(sub.Inner, layout, latex.WithBudget(m)) + "$.\n"
	}
	r.rows = latex.Rows(d.Start, given, names, layout, latex.Written(true), latex.LineWidth(handoutLineWidth), latex.WithBudget(m))
	r.boxed = latex.Boxed(d.Start, d.Result, names, layout, latex.LineWidth(handoutLineWidth), latex.WithBudget(m))
	return r, m.Err()
}

// substMode is the file's substitution option as derive reads it.
func substMode(f *problem.File) derive.SubstMode {
	switch f.Options[problem.OptionSubstitution] {
	case "on":
		return derive.SubstOn
	case "off":
		return derive.SubstOff
	}
	return derive.SubstAuto
}

func solveSimplify(ctx context.Context, _ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "simplify")
	x, r, steps, err := derive.Simplify(ctx, st.Expr)
	if err != nil {
		return nil, errorAt(st, err)
	}
	m := budget.From(ctx)
	var b strings.Builder
	l := layoutOf(st)
	layout := latex.WithLayout(l)
	// Reading the input may have simplified it already (2*3 x + x is
	// 7 x): that rewrite is a step, shown even when no other follows.
	if _, rewritten := l.Rewrite(x); len(steps) > 0 || rewritten {
		b.WriteString(latex.Align(latex.Chain(x, steps, layout, latex.Written(true), latex.LineWidth(handoutLineWidth), latex.WithBudget(m))))
	} else {
		b.WriteString("The expression is already in simplest form.")
	}
	b.WriteString("\n\\[\n\\boxed{" + latex.Expr(r, layout, latex.WithBudget(m)) + "}\n\\]\n")
	a, err := answer.SimplifyOf(ctx, x, r, steps)
	if err != nil {
		return nil, errorAt(st, err)
	}
	return &Solution{Body: b.String(), Answer: answer.Problem{Simplify: a}, Parts: map[string]tensor.Tensor{"": tensor.Scalar(r)}}, nil
}

// layoutOf is how the statement's term is written (parser.ParseLayout),
// or nil when its text does not read back to that very term.
func layoutOf(st *problem.Statement) *expr.Layout {
	text := st.Text
	if st.Key == "eval" && len(st.Names) == 1 {
		_, text, _ = strings.Cut(text, "=") // eval y = ...
	}
	x, _, l, err := parser.ParseLayout("", text)
	if err != nil || x != st.Expr {
		return nil
	}
	return l
}

// writtenOpts are the options that write the term of st as its author
// wrote it (a learning rate of 0.5, not 1/2); none when st is nil or its
// text does not read back to its term.
func writtenOpts(st *problem.Statement) []latex.Option {
	if st == nil || st.Expr == nil {
		return nil
	}
	return []latex.Option{latex.WithLayout(layoutOf(st)), latex.Written(true)}
}
