package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
	"github.com/derivtex/derivtex/solve"
)

// parseExpr reads plain syntax, turning a syntax error into an input error
// with the position, the line and a caret.
func parseExpr(src string) (expr.Expr, error) {
	x, err := parser.Parse(src)
	if err != nil {
		return nil, asInputError(err)
	}
	return x, nil
}

// asInputError gives errors caused by the input exit status 2.
func asInputError(err error) error {
	var pe *parser.Error
	if errors.As(err, &pe) {
		return &inputError{pe.Error() + "\n" + pe.Snippet()}
	}
	var de *derive.Error
	var ee *expr.EvalError
	if errors.As(err, &de) || errors.As(err, &ee) {
		return &inputError{err.Error()}
	}
	return err
}

// parseVar reads a variable to differentiate by: a name or an element x[i].
func parseVar(src string) (expr.Expr, error) {
	v, err := parseExpr(src)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case *expr.Symbol, *expr.Indexed:
		return v, nil
	}
	return nil, inputErrorf("--wrt %s: not a variable name", src)
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

func stepsJSON(steps []expr.Step) []stepJSON {
	out := make([]stepJSON, len(steps))
	for i, s := range steps {
		out[i] = stepJSON{
			Rule:   s.Rule.Name,
			Title:  s.Rule.Title,
			Before: s.Before.String(),
			After:  s.After.String(),
			LaTeX:  latex.Expr(s.Before) + " = " + latex.Expr(s.After),
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

func (c *diffCmd) answer(src string, v expr.Expr) (*exprAnswer, *derive.Derivation, error) {
	x, err := parseExpr(src)
	if err != nil {
		return nil, nil, err
	}
	d, err := derive.Steps(x, v)
	if err != nil {
		return nil, nil, asInputError(err)
	}
	return &exprAnswer{
		Input:  src,
		Result: d.Result.String(),
		LaTeX:  latex.Expr(d.Result),
		Steps:  stepsJSON(d.Steps),
	}, d, nil
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
		r, err := derive.Diff(x, v)
		if err != nil {
			return nil, asInputError(err)
		}
		if out == outLaTeX {
			return &exprAnswer{LaTeX: latex.Expr(r)}, nil
		}
		return &exprAnswer{Result: r.String()}, nil
	}
	full := func(src string) (*exprAnswer, error) {
		a, _, err := c.answer(src, v)
		return a, err
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
	a, d, err := c.answer(c.Expr, v)
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(e.stdout, a)
	}
	_, err = fmt.Fprintln(e.stdout, latex.Align(solve.Derivation(d)))
	return err
}

type simplifyCmd struct {
	Expr  string `arg:"" help:"Expression in plain syntax, or - to read one per line from stdin."`
	LaTeX bool   `name:"latex" xor:"format" help:"Print the result as LaTeX math."`
	JSON  bool   `name:"json" xor:"format" help:"Answer in JSON, steps included (JSON Lines with -)."`
	Jobs  int    `help:"With -, how many lines to answer in parallel (0: one per CPU; at most 4 per CPU). Answers come in input order either way."`
}

func (c *simplifyCmd) answer(src string) (*exprAnswer, error) {
	x, err := parseExpr(src)
	if err != nil {
		return nil, err
	}
	x, err = derive.Evaluate(x)
	if err != nil {
		return nil, asInputError(err)
	}
	r, steps := simplify.Simplify(x)
	return &exprAnswer{Input: src, Result: r.String(), LaTeX: latex.Expr(r), Steps: stepsJSON(steps)}, nil
}

func (c *simplifyCmd) Run(e *env) error {
	out := outPlain
	switch {
	case c.JSON:
		out = outJSON
	case c.LaTeX:
		out = outLaTeX
	}
	if c.Expr == "-" {
		return batch(e, c.Jobs, out, c.answer)
	}
	a, err := c.answer(c.Expr)
	if err != nil {
		return err
	}
	return writeAnswer(e.stdout, out, a)
}
