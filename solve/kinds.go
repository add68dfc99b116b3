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
	m, err := mle.FromDensity(st.Density, params, response, consts...)
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
	return &Solution{Body: body, Answer: answer.Problem{MLE: a}}, nil
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
	s := &Solution{}
	cse := f.Options[problem.OptionCSE] == "on"
	for k, v := range wrt.Terms {
		name := wrt.Names[k]
		d, err := derive.Steps(ctx, st.Expr, v)
		if err != nil {
			return nil, errorAt(st, err)
		}
		d.Layout = layoutOf(st)
		rows, boxed, err := renderDerivation(ctx, d, cse)
		if err != nil {
			return nil, errorAt(st, err)
		}
		b.WriteString(latex.Align(rows))
		b.WriteString("\n\\[\n" + boxed + "\n\\]\n")
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

// Derivation renders a derivation's lines as align* rows, charging ctx's
// output budget; with cse, its repeated subexpressions are named however
// small (expr.CSESize).
func Derivation(ctx context.Context, d *derive.Derivation, cse bool) (string, error) {
	rows, _, err := renderDerivation(ctx, d, cse)
	return rows, err
}

// renderDerivation renders d's lines as align* rows and its answer boxed,
// writing the subterms they share by the same names in both (see
// Derivation.Names).
func renderDerivation(ctx context.Context, d *derive.Derivation, cse bool) (rows, boxed string, err error) {
	lines, err := d.Lines(ctx)
	if err != nil {
		return "", "", err
	}
	given := make([]latex.Row, len(lines))
	for i, l := range lines {
		given[i] = latex.Row{State: l.State, Steps: l.Steps}
	}
	m := budget.From(ctx)
	names := latex.Abbreviated(d.Names(lines, cse))
	layout := latex.WithLayout(d.Layout)
	rows = latex.Rows(d.Start, given, names, layout, latex.Written(true), latex.LineWidth(handoutLineWidth), latex.WithBudget(m))
	boxed = latex.Boxed(d.Start, d.Result, names, layout, latex.LineWidth(handoutLineWidth), latex.WithBudget(m))
	return rows, boxed, m.Err()
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
	return &Solution{Body: b.String(), Answer: answer.Problem{Simplify: a}}, nil
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
