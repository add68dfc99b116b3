package solve

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/simplify"
)

func solveMLE(_ *problem.File, p *problem.Problem) (*Solution, error) {
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
	r, err := mle.Derive(m)
	if err != nil {
		return nil, errorAt(st, err)
	}
	s := &Solution{Body: r.LaTeX()}
	add := func(name string, x expr.Expr) {
		s.Answers = append(s.Answers, Answer{Name: name, Expr: x.String(), LaTeX: latex.Expr(x)})
	}
	add("nll", r.NLL)
	add("objective", r.Objective)
	for _, g := range r.Gradient {
		add("d/d"+g.Param.Name, g.Value)
	}
	for _, e := range r.Stationary {
		add(e.Param.Name+"_hat", e.Value)
	}
	if r.Stationary == nil {
		s.Answers = append(s.Answers, Answer{Name: "stationary", Note: r.NoClosedForm, LaTeX: ""})
	}
	return s, nil
}

func solveDiff(_ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "diff")
	wrt := statement(p, "wrt")
	var b strings.Builder
	s := &Solution{}
	for _, name := range wrt.Names {
		v, err := variable(name)
		if err != nil {
			return nil, errorAt(wrt, err)
		}
		d, err := derive.Steps(st.Expr, v)
		if err != nil {
			return nil, errorAt(st, err)
		}
		b.WriteString(latex.Align(Derivation(d)))
		b.WriteString("\n\\[\n" + latex.Boxed(d.Start, d.Result) + "\n\\]\n")
		s.Answers = append(s.Answers, Answer{Name: "d/d" + name, Expr: d.Result.String(), LaTeX: latex.Expr(d.Result)})
	}
	s.Body = b.String()
	return s, nil
}

// variable reads a wrt name: a symbol, or an element x[1].
func variable(name string) (expr.Expr, error) {
	if base, idx, ok := strings.Cut(name, "["); ok && strings.HasSuffix(idx, "]") {
		k, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
		if err != nil {
			return nil, fmt.Errorf("%s: the index must be a whole number", name)
		}
		return expr.Index(base, expr.Int(int64(k))), nil
	}
	return expr.Sym(name), nil
}

// Derivation renders a derivation's lines as align* rows.
func Derivation(d *derive.Derivation) string {
	lines := d.Lines()
	rows := make([]latex.Row, len(lines))
	for i, l := range lines {
		rows[i] = latex.Row{State: l.State, Steps: l.Steps}
	}
	return latex.Rows(d.Start, rows)
}

func solveSimplify(_ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "simplify")
	x, err := derive.Evaluate(st.Expr)
	if err != nil {
		return nil, errorAt(st, err)
	}
	r, steps := simplify.Simplify(x)
	var b strings.Builder
	if len(steps) > 0 {
		b.WriteString(latex.Align(latex.Chain(x, steps)))
	} else {
		b.WriteString("The expression is already in simplest form.")
	}
	b.WriteString("\n\\[\n\\boxed{" + latex.Expr(r) + "}\n\\]\n")
	return &Solution{Body: b.String(), Answers: []Answer{{Name: "result", Expr: r.String(), LaTeX: latex.Expr(r)}}}, nil
}
