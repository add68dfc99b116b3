package problem

import (
	"fmt"
	"sort"
	"strings"

	"github.com/derivtex/derivtex/expr"
)

// The checks of the statement table: each validates one statement against
// the rest of its problem. They skip quietly what an earlier error left
// unread (a density that did not parse), so that one mistake is one error.

// checkMLE: the parameters to estimate are named, by params or after ";"
// in the density's header, and the two agree when both are given.
func checkMLE(c *converter, p *Problem, s *Statement) {
	if s.Density == nil {
		return
	}
	params := p.Statement("params")
	header := s.Density.Params
	switch {
	case params == nil && len(header) == 0:
		c.errorf(s.Pos, `mle without params: add "params w, ..." naming the parameters to estimate, or list them after ";" as in p(y | x; w)`)
	case params != nil && len(header) > 0 && len(params.Names) > 0 && !sameSet(params.Names, header):
		c.errorf(params.ArgPos, "params %s disagree with the density's parameters %s",
			strings.Join(params.Names, ", "), strings.Join(header, ", "))
	}
}

// checkParams: every parameter occurs in the density.
func checkParams(c *converter, p *Problem, s *Statement) {
	body := densityBody(p)
	if body == nil {
		return
	}
	for i, name := range s.Names {
		if !expr.DependsOn(body, expr.Sym(name)) {
			c.errorf(c.namePos[s][i], "parameter %s does not occur in the density", name)
		}
	}
}

// checkResponse: the response occurs in the density and agrees with its
// header.
func checkResponse(c *converter, p *Problem, s *Statement) {
	mle := p.Statement("mle")
	if mle == nil || mle.Density == nil || len(s.Names) == 0 {
		return
	}
	name, at := s.Names[0], c.namePos[s][0]
	switch d := mle.Density; {
	case d.Response != "" && d.Response != name:
		c.errorf(at, "response %s disagrees with the density, which is of %s", name, d.Response)
	case !expr.DependsOn(d.Body, expr.Sym(name)):
		c.errorf(at, "response %s does not occur in the density", name)
	}
}

// checkDiff: the variables to differentiate by are named.
func checkDiff(c *converter, p *Problem, s *Statement) {
	if p.Statement("wrt") == nil {
		c.errorf(s.Pos, `diff without wrt: say which variable to differentiate by, as in "wrt x"`)
	}
}

// checkWrt: every variable occurs in the expression to differentiate.
func checkWrt(c *converter, p *Problem, s *Statement) {
	diff := p.Statement("diff")
	if diff == nil || diff.Expr == nil {
		return
	}
	for i, v := range s.Terms {
		if !expr.DependsOn(diff.Expr, v) {
			c.errorf(c.namePos[s][i], "%s does not occur in the expression to differentiate", s.Names[i])
		}
	}
}

// densityBody returns the body of the problem's density, or nil.
func densityBody(p *Problem) expr.Expr {
	if mle := p.Statement("mle"); mle != nil && mle.Density != nil {
		return mle.Density.Body
	}
	return nil
}

// sameSet reports whether a and b hold the same names.
func sameSet(a, b []string) bool {
	x, y := append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	return fmt.Sprint(x) == fmt.Sprint(y)
}
