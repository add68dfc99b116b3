package problem

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/activation"
	"github.com/derivtex/derivtex/diag"
)

// An activation problem: activation relu, activation elu, alpha = 1/2,
// or activation f(x) = EXPR, NAME = VALUE, ...: the activation's
// derivative, its derived properties and the discussion that follows
// from them (package activation).

var argActivation = &argKind{what: "an activation: a name (" + activation.Names() + ") or an expression of x, and its parameters' values", read: readActivation}

// readActivation reads the activation as derivtex activation does, its
// errors moved to their place in the file.
func readActivation(c *converter, s *Statement, _ lexer.Token) {
	p := piece{s.Text, s.ArgPos}
	spec, err := activation.Parse(s.Text)
	if err != nil {
		d := diag.From(err)
		c.errorf(p.at(d.Pos.Offset), "%s", d.Msg)
		return
	}
	s.Activation = spec
}
