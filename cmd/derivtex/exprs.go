package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
	"github.com/derivtex/derivtex/solve"
)

// parseExpr reads plain syntax.
func parseExpr(src string) (expr.Expr, error) { return parser.Parse(src) }

// parseVar reads a variable to differentiate by, as a problem file's wrt
// does: a name or an element x[1], W[1, 2].
func parseVar(src string) (expr.Expr, error) {
	v, err := parser.ParseVariable(src)
	if err != nil {
		return nil, prefixed("--wrt", err)
	}
	return v, nil
}

// stepJSON is one step of a derivation in --json answers. Terms are plain
// syntax, which parses back to the same term.
type stepJSON struct {
	Rule   string   `json:"rule"`
	Title  string   `json:"title"`
	Before string   `json:"before"`
	After  string   `json:"after"`
	LaTeX  string   `json:"latex"`
	Note   string   `json:"note,omitempty"`
	Assume []string `json:"assume,omitempty"`
}

// stepsJSON prints steps for --json, charging m's output budget; once it
// is spent, the caller learns so from m.
func stepsJSON(m *budget.Meter, steps []expr.Step) []stepJSON {
	out := make([]stepJSON, len(steps))
	tex := latex.WithBudget(m)
	for i, s := range steps {
		if !m.OK() {
			return nil
		}
		out[i] = stepJSON{
			Rule:   s.Rule.Name,
			Title:  s.Rule.Title,
			Before: expr.PlainMetered(s.Before, m),
			After:  expr.PlainMetered(s.After, m),
			LaTeX:  latex.Expr(s.Before, tex) + " = " + latex.Expr(s.After, tex),
			Note:   s.Note,
		}
		for _, a := range s.Assume {
			out[i].Assume = append(out[i].Assume, a.String()+" > 0")
		}
	}
	return out
}

// exprAnswer is the --json answer of diff and simplify.
type exprAnswer struct {
	Input  string     `json:"input"`
	Result string     `json:"result"`
	LaTeX  string     `json:"latex"`
	Steps  []stepJSON `json:"steps"`
	Error  string     `json:"error,omitempty"`
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

type diffCmd struct {
	Expr  string `arg:"" help:"Expression in plain syntax, or - to read one per line from stdin."`
	Wrt   string `required:"" help:"Variable to differentiate by (a name, or an element such as x[1])."`
	Steps bool   `xor:"format" help:"Print the derivation as LaTeX (align*)."`
	LaTeX bool   `name:"latex" xor:"format" help:"Print the derivative as LaTeX math."`
	JSON  bool   `name:"json" xor:"format" help:"Answer in JSON, steps included (JSON Lines with -)."`
	Jobs  int    `help:"With -, how many lines to answer in parallel (0: one per CPU; at most 4 per CPU). Answers come in input order either way."`
}

// derivation differentiates src with its steps, in the job of ctx.
func derivation(ctx context.Context, src string, v expr.Expr) (*derive.Derivation, error) {
	x, err := parseExpr(src)
	if err != nil {
		return nil, err
	}
	d, err := derive.Steps(ctx, x, v)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// answer is the --json answer for src, in the job of ctx.
func (c *diffCmd) answer(ctx context.Context, src string, v expr.Expr) (*exprAnswer, error) {
	d, err := derivation(ctx, src, v)
	if err != nil {
		return nil, err
	}
	m := budget.From(ctx)
	a := &exprAnswer{
		Input:  src,
		Result: expr.PlainMetered(d.Result, m),
		LaTeX:  latex.Expr(d.Result, latex.WithBudget(m)),
		Steps:  stepsJSON(m, d.Steps),
	}
	if err := m.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

func (c *diffCmd) Run(e *env) error {
	v, err := parseVar(c.Wrt)
	if err != nil {
		return err
	}
	// Answers without --json need no step record, and only one syntax.
	out := outPlain
	if c.LaTeX {
		out = outLaTeX
	}
	short := func(src string) (*exprAnswer, error) {
		x, err := parseExpr(src)
		if err != nil {
			return nil, err
		}
		ctx, m := e.job()
		r, err := derive.Diff(ctx, x, v)
		if err != nil {
			return nil, err
		}
		a := &exprAnswer{}
		if out == outLaTeX {
			a.LaTeX = latex.Expr(r, latex.WithBudget(m))
		} else {
			a.Result = expr.PlainMetered(r, m)
		}
		if err := m.Err(); err != nil {
			return nil, err
		}
		return a, nil
	}
	full := func(src string) (*exprAnswer, error) {
		ctx, _ := e.job()
		return c.answer(ctx, src, v)
	}
	if c.Expr == "-" {
		if c.JSON {
			return batch(e, c.Jobs, outJSON, full)
		}
		return batch(e, c.Jobs, out, short)
	}
	if !c.JSON && !c.Steps {
		a, err := short(c.Expr)
		if err != nil {
			return err
		}
		return writeAnswer(e.stdout, out, a)
	}
	ctx, _ := e.job()
	if c.JSON {
		a, err := c.answer(ctx, c.Expr, v)
		if err != nil {
			return err
		}
		return writeJSON(e.stdout, a)
	}
	d, err := derivation(ctx, c.Expr, v)
	if err != nil {
		return err
	}
	rows, err := solve.Derivation(ctx, d)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, latex.Align(rows))
	return err
}

type simplifyCmd struct {
	Expr  string `arg:"" help:"Expression in plain syntax, or - to read one per line from stdin."`
	LaTeX bool   `name:"latex" xor:"format" help:"Print the result as LaTeX math."`
	JSON  bool   `name:"json" xor:"format" help:"Answer in JSON, steps included (JSON Lines with -)."`
	Jobs  int    `help:"With -, how many lines to answer in parallel (0: one per CPU; at most 4 per CPU). Answers come in input order either way."`
}

// answer simplifies src, as one job of e.
func (c *simplifyCmd) answer(e *env, src string) (*exprAnswer, error) {
	x, err := parseExpr(src)
	if err != nil {
		return nil, err
	}
	ctx, m := e.job()
	x, err = derive.Evaluate(ctx, x)
	if err != nil {
		return nil, err
	}
	r, steps := simplify.Simplify(ctx, x)
	if u := expr.UndefinedIn(r); u != nil && m.OK() {
		// 1/(exp(log(x)) - x): undefined once exp(log(x)) is x.
		return nil, diag.Errorf("1:1: the expression is undefined once simplified: %s", u.Reason)
	}
	a := &exprAnswer{Input: src, Result: expr.PlainMetered(r, m), LaTeX: latex.Expr(r, latex.WithBudget(m)), Steps: stepsJSON(m, steps)}
	if err := m.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

func (c *simplifyCmd) Run(e *env) error {
	out := outPlain
	switch {
	case c.JSON:
		out = outJSON
	case c.LaTeX:
		out = outLaTeX
	}
	answer := func(src string) (*exprAnswer, error) { return c.answer(e, src) }
	if c.Expr == "-" {
		return batch(e, c.Jobs, out, answer)
	}
	a, err := answer(c.Expr)
	if err != nil {
		return err
	}
	return writeAnswer(e.stdout, out, a)
}
