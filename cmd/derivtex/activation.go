package main

import (
	"fmt"

	"github.com/derivtex/derivtex/activation"
	"github.com/derivtex/derivtex/answer"
)

// activationCmd analyses an activation function.
type activationCmd struct {
	Activation string `arg:"" name:"EXPR-or-NAME" help:"An activation: a name (sigmoid, tanh, relu, lrelu, elu, softplus, swish, softsign), optionally with new parameter values (elu, alpha = 1/2), or an expression of x (x/(1 + abs(x)), piecewise(x > 0: x, 0)), or a definition name(x; a, b) = expression, followed by , NAME = VALUE for each parameter."`
	LaTeX      bool   `name:"latex" xor:"format" help:"Print the derivation, the properties table, the discussion and a pgfplots plot of f and f' as a LaTeX fragment."`
	inputFlag
	JSON bool `name:"json" xor:"format" help:"Answer in JSON (docs/json.md)."`
}

func (c *activationCmd) Run(e *env) error {
	e.json = c.JSON
	s, err := activation.ParseAs(c.syntax(), c.Activation)
	if err != nil {
		return err
	}
	ctx, _ := e.job()
	a, err := activation.Analyze(ctx, s)
	if err != nil {
		return located(err, c.Activation)
	}
	switch {
	case c.JSON:
		out := answer.ActivationOf(ctx, a)
		out.Schema = answer.Schema
		return writeJSON(e.stdout, out)
	case c.LaTeX:
		rows, err := a.DerivationTeX(ctx, 68)
		if err != nil {
			return err
		}
		tex, err := a.LaTeX(ctx, rows)
		if err != nil {
			return err
		}
		_, err = fmt.Fprint(e.stdout, tex)
		return err
	default:
		_, err = fmt.Fprint(e.stdout, a.Text())
	}
	return err
}
