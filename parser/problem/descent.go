package problem

import (
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
)

// checkDescent: momentum and steps train the network, which needs a
// learning rate; steps is a whole number from 1 to network.MaxSteps.
func checkDescent(c *converter, p *Problem, s *Statement) {
	if p.Statement("lr") == nil {
		c.errorf(s.Pos, "%s trains the network: give a learning rate with lr", s.Key)
	}
	if s.Key != "steps" || s.Expr == nil {
		return
	}
	n, ok := s.Expr.(*expr.Number)
	k, whole := int64(0), false
	if ok {
		k, whole = n.Int64()
	}
	if !whole || k < 1 || k > network.MaxSteps {
		c.errorf(s.ArgPos, "steps is a whole number from 1 to %d, not %s", network.MaxSteps, expr.Short(s.Expr))
	}
}
