package main

import (
	"io"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
)

type mleCmd struct {
	Density  string  `arg:"" help:"The model density: a term in y, or p(y | x; w, b) = ... as the exam writes it."`
	Params   *string `help:"Parameters to estimate, comma-separated (default: the names after ';' in the density's header)."`
	Response *string `help:"The observed variable (default: the header's, or y)."`
	Const    *string `name:"const" help:"Known constants shared by every example, comma-separated (sigma in a regression with known noise); other names that are not parameters are data, one per example."`
	Steps    bool    `help:"Print the derivation, a step per line (as a LaTeX fragment with --latex)."`
	LaTeX    bool    `name:"latex" xor:"format" help:"Print LaTeX: the results as align* rows, or with --steps the derivation."`
	JSON     bool    `name:"json" xor:"format" help:"Answer in JSON (docs/json.md)."`
}

// parseModel reads a density and its roles from the command line: the
// flags --params, --response and --const, when given (nil when not), as a
// problem file's params, response and const read theirs, checked against the density as
// a file's mle problem checks them. A mistake in a flag is said of it, at
// its place in the flag's value; one of the density is placed in it.
func parseModel(src string, params, response, consts *string) (*mle.Model, error) {
	d, err := parser.ParseDensity(src)
	if err != nil {
		return nil, err
	}
	kind := &problem.Statement{Key: "mle", Density: d, Expr: d.Body}
	role := func(key, flag string, value *string) ([]string, error) {
		if value == nil {
			return nil, nil
		}
		a, err := problem.ReadArgument(key, *value)
		if err == nil {
			_, err = a.Check(kind, d.Uses, "the density") // no check of these warns
		}
		if err != nil {
			return nil, diag.Prefixed(flag, err)
		}
		return a.Names, nil
	}
	names, err := role("params", "--params", params)
	if err != nil {
		return nil, err
	}
	resp, err := role("response", "--response", response)
	if err != nil {
		return nil, err
	}
	known, err := role("const", "--const", consts)
	if err != nil {
		return nil, err
	}
	var r string
	if len(resp) == 1 {
		r = resp[0]
	}
	m, err := mle.FromDensity(d, names, r, known...)
	return m, located(err, src)
}

func (c *mleCmd) Run(e *env) error {
	e.json = c.JSON
	m, err := parseModel(c.Density, c.Params, c.Response, c.Const)
	if err != nil {
		return err
	}
	ctx, meter := e.job()
	r, err := mle.Derive(ctx, m)
	if err != nil {
		return located(err, c.Density)
	}
	var out string
	switch {
	case c.JSON:
		a, err := answer.MLEOf(ctx, r)
		if err != nil {
			return err
		}
		a.Schema = answer.Schema
		return writeJSON(e.stdout, a)
	case c.Steps && c.LaTeX:
		out, err = solve.MLELaTeX(ctx, r)
	case c.Steps:
		out = plainMLE(r, meter, true)
	case c.LaTeX:
		out, err = solve.MLEResultsLaTeX(ctx, r)
		out += "\n"
	default:
		out = plainMLE(r, meter, false)
	}
	if err == nil {
		err = meter.Err()
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(e.stdout, out)
	return err
}

// plainMLE writes the results of an MLE derivation, one per line with the
// terms aligned, and with steps the chain that takes -log L to the
// negative log-likelihood first.
func plainMLE(r *mle.Result, m *budget.Meter, steps bool) string {
	var b strings.Builder
	if steps {
		start := expr.Neg(expr.Log(r.Likelihood))
		b.WriteString("-log L = " + expr.PlainMetered(start, m) + "\n")
		states := expr.Replay(start, r.NLLSteps)
		rows := make([][2]string, len(r.NLLSteps))
		for i, st := range r.NLLSteps {
			rows[i] = [2]string{"  = " + expr.PlainMetered(states[i], m), st.Justification()}
		}
		writeAligned(&b, rows, 3)
		b.WriteString("\n")
	}
	rows := [][2]string{{"nll:", expr.PlainMetered(r.NLL, m)}, {"objective:", expr.PlainMetered(r.Objective, m)}}
	for _, g := range r.Gradient {
		rows = append(rows, [2]string{"d/d" + g.Param.Name() + ":", expr.PlainMetered(g.Value, m)})
	}
	if r.Stationary == nil {
		rows = append(rows, [2]string{"no closed form:", r.NoClosedForm})
	}
	if len(r.Consts) > 0 {
		names := make([]string, len(r.Consts))
		for i, c := range r.Consts {
			names[i] = c.Name()
		}
		rows = append(rows, [2]string{"known:", strings.Join(names, ", ")})
	}
	if len(r.Domain) > 0 {
		rows = append(rows, [2]string{"domain:", plainDomain(r.Domain, m)})
	}
	for _, s := range r.Stationary {
		rows = append(rows, [2]string{s.Param.Name() + "_hat:", expr.PlainMetered(s.Value, m)})
	}
	writeAligned(&b, rows, 1)
	return b.String()
}

// plainDomain writes the parameters' bounds as a reader writes them:
// 0 < theta < 1, b > 0.
func plainDomain(d []mle.Bound, m *budget.Meter) string {
	parts := make([]string, len(d))
	for i, b := range d {
		p := b.Param.Name()
		switch {
		case b.Lo != nil && b.Hi != nil:
			parts[i] = expr.PlainMetered(b.Lo, m) + " < " + p + " < " + expr.PlainMetered(b.Hi, m)
		case b.Lo != nil:
			parts[i] = p + " > " + expr.PlainMetered(b.Lo, m)
		default:
			parts[i] = p + " < " + expr.PlainMetered(b.Hi, m)
		}
	}
	return strings.Join(parts, ", ")
}
