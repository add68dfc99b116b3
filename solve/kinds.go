package solve

import (
	"context"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/simplify"
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
	m, err := mle.FromDensity(st.Density, params, response)
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

func solveDiff(ctx context.Context, _ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "diff")
	wrt := statement(p, "wrt")
	var b strings.Builder
	s := &Solution{}
	for _, name := range wrt.Names {
		v, err := variable(name)
		if err != nil {
			return nil, errorAt(wrt, err)
		}
		d, err := derive.Steps(ctx, st.Expr, v)
		if err != nil {
			return nil, errorAt(st, err)
		}
		rows, boxed, err := renderDerivation(ctx, d)
		if err != nil {
			return nil, errorAt(st, err)
		}
		b.WriteString(latex.Align(rows))
		b.WriteString("\n\\[\n" + boxed + "\n\\]\n")
		a, err := answer.DiffOf(ctx, st.Expr, name, d)
		if err != nil {
			return nil, errorAt(st, err)
		}
		s.Answer.Diff = append(s.Answer.Diff, *a)
	}
	s.Body = b.String()
	return s, nil
}

// variable reads a wrt name: a symbol, or an element x[1].
func variable(name string) (expr.Expr, error) {
	if base, idx, ok := strings.Cut(name, "["); ok && strings.HasSuffix(idx, "]") {
		k, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
		if err != nil {
			return nil, diag.Errorf("%s: the index must be a whole number", name)
		}
		return expr.Index(base, expr.Int(int64(k))), nil
	}
	return expr.Sym(name), nil
}

// Derivation renders a derivation's lines as align* rows, charging ctx's
// output budget.
func Derivation(ctx context.Context, d *derive.Derivation) (string, error) {
	rows, _, err := renderDerivation(ctx, d)
	return rows, err
}

// renderDerivation renders d's lines as align* rows and its answer boxed,
// writing the large subterms they share by the same names in both (see
// latex.Abbreviate).
func renderDerivation(ctx context.Context, d *derive.Derivation) (rows, boxed string, err error) {
	lines, err := d.Lines(ctx)
	if err != nil {
		return "", "", err
	}
	given := make([]latex.Row, len(lines))
	tops := []expr.Expr{d.Start}
	for i, l := range lines {
		given[i] = latex.Row{State: l.State, Steps: l.Steps}
		tops = append(tops, l.State)
	}
	m := budget.From(ctx)
	names := latex.Abbreviated(expr.Abbreviate(tops...))
	rows = latex.Rows(d.Start, given, names, latex.WithBudget(m))
	boxed = latex.Boxed(d.Start, d.Result, names, latex.WithBudget(m))
	return rows, boxed, m.Err()
}

func solveSimplify(ctx context.Context, _ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "simplify")
	x, err := derive.Evaluate(ctx, st.Expr)
	if err != nil {
		return nil, errorAt(st, err)
	}
	r, steps := simplify.Simplify(ctx, x)
	m := budget.From(ctx)
	if u := expr.UndefinedIn(r); u != nil && m.OK() {
		return nil, errorAt(st, diag.Errorf("the expression is undefined once simplified: %s", u.Reason))
	}
	var b strings.Builder
	if len(steps) > 0 {
		b.WriteString(latex.Align(latex.Chain(x, steps, latex.WithBudget(m))))
	} else {
		b.WriteString("The expression is already in simplest form.")
	}
	b.WriteString("\n\\[\n\\boxed{" + latex.Expr(r, latex.WithBudget(m)) + "}\n\\]\n")
	a, err := answer.SimplifyOf(ctx, x, r, steps)
	if err != nil {
		return nil, errorAt(st, err)
	}
	return &Solution{Body: b.String(), Answer: answer.Problem{Simplify: a}}, nil
}
