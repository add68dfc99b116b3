package main

import (
	"fmt"
	"strconv"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

type evalCmd struct {
	Expr     string   `arg:"" help:"Expression in plain syntax."`
	Bindings []string `arg:"" optional:"" help:"Values as NAME=VALUE: a number or exact term (w=pi/2), a vector x='[1, 2.5, 3]' read 1-based as x[i], a matrix W='[[1, 2], [3, 4]]' read as W[i, j], or a size N=3."`
	JSON     bool     `name:"json" help:"Answer in JSON (docs/json.md)."`
}

func (c *evalCmd) Run(e *env) error {
	e.json = c.JSON
	x, uses, err := parser.ParseTerm("", c.Expr)
	if err != nil {
		return err
	}
	ctx, m := e.job()
	b, warnings, err := readBindings(ctx, c.Expr, uses, c.Bindings)
	if err != nil {
		return err
	}
	envv := b.Env
	envv.Meter = m
	warn(e.stderr, warnings) // with --json, in the answer too
	f, err := expr.Eval(x, envv)
	if err != nil {
		return located(err, c.Expr)
	}
	// The exact value, when every binding was exact and the result has a
	// closed form; its float is then the value (0.1^2 is 0.01, not
	// 0.010000000000000002).
	exact, v := exactValue(ctx, x, b)
	if exact != nil {
		f = v
	}
	if c.JSON {
		a, err := answer.EvalOf(ctx, x, &f, exact)
		if err != nil {
			return located(err, c.Expr)
		}
		a.Schema = answer.Schema
		if len(warnings) > 0 {
			a.Warnings = answer.WarningsOf(warnings)
		}
		return writeJSON(e.stdout, a)
	}
	out := formatFloat(f)
	if exact != nil {
		if s := expr.PlainMetered(exact, m); s != out {
			out = s + " = " + out
		}
	}
	if err := m.Err(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, out)
	return err
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
