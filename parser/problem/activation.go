package problem

import (
	"context"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/activation"
	"github.com/derivtex/derivtex/define"
	"github.com/derivtex/derivtex/diag"
)

// An activation problem: activation relu, activation elu, alpha = 1/2,
// or activation f(x) = EXPR, NAME = VALUE, ...: the activation's
// derivative, its derived properties and the discussion that follows
// from them (package activation). An activations problem compares
// several, separated by semicolons: activations sigmoid; relu; elu.

var (
	argDefine      = &argKind{what: "a definition, name(x; a, b) = expression, as in elu(x; alpha) = piecewise(x > 0: x, alpha (exp(x) - 1))", read: readDefine}
	argActivation  = &argKind{what: "an activation: a name (" + activation.Names() + ") or an expression of x, and its parameters' values", read: readActivation}
	argActivations = &argKind{what: "activations separated by semicolons: sigmoid; relu; elu, alpha = 1/2", read: readActivations}
)

// readDefine reads a definition of the file, which the activations of
// the problems after it may name and call (package define).
func readDefine(c *converter, s *Statement, _ lexer.Token) {
	p := trimmed(s.Text, s.ArgPos)
	if c.defs == nil {
		c.defs = define.NewScope()
	}
	d, err := c.defs.Define(context.Background(), p.text)
	if err != nil {
		e := diag.From(err)
		c.errorf(p.at(e.Pos.Offset), "%s", e.Msg)
		return
	}
	for _, n := range activation.Named {
		if n.Name == d.Name {
			c.warnf(s.ArgPos, "%s replaces the activation of that name for the problems after it", d.Name)
		}
	}
	c.defs.Add(d)
}

// readActivation reads the activation as derivtex activation does, its
// errors moved to their place in the file.
func readActivation(c *converter, s *Statement, _ lexer.Token) {
	if spec := c.activation(trimmed(s.Text, s.ArgPos)); spec != nil {
		s.Activations = []*activation.Spec{spec}
	}
}

// readActivations reads a list of activations.
func readActivations(c *converter, s *Statement, _ lexer.Token) {
	for _, p := range (piece{s.Text, s.ArgPos}).split(';') {
		if p.text == "" {
			c.errorf(p.pos, "expected an activation before or after \";\"")
			return
		}
		spec := c.activation(p)
		if spec == nil {
			return
		}
		s.Activations = append(s.Activations, spec)
	}
}

// activation parses one activation, reporting its error at its place.
func (c *converter) activation(p piece) *activation.Spec {
	spec, err := activation.ParseIn(context.Background(), c.defs, p.text)
	if err != nil {
		d := diag.From(err)
		c.errorf(p.at(d.Pos.Offset), "%s", d.Msg)
		return nil
	}
	return spec
}
