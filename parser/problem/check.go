package problem

import (
	"fmt"
	"github.com/derivtex/derivtex/network"
	"sort"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
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
	var consts []string
	if k := p.Statement("const"); k != nil {
		consts = k.Names
	}
	header := s.Density.HeaderParams(consts)
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

// checkConst: every known constant occurs in the density, and is neither
// the response nor a parameter to estimate.
func checkConst(c *converter, p *Problem, s *Statement) {
	mle := p.Statement("mle")
	if mle == nil || mle.Density == nil {
		return
	}
	d := mle.Density
	params := d.Params
	if ps := p.Statement("params"); ps != nil {
		params = ps.Names
	}
	response := d.Response
	if rs := p.Statement("response"); rs != nil && len(rs.Names) > 0 {
		response = rs.Names[0]
	}
	for i, name := range s.Names {
		at := c.namePos[s][i]
		switch {
		case name == response:
			c.errorf(at, "%s is the response; it cannot also be a known constant", name)
		case contains(params, name):
			c.errorf(at, "%s is a parameter to estimate; it cannot also be a known constant", name)
		case !expr.DependsOn(d.Body, expr.Sym(name)):
			c.errorf(at, "constant %s does not occur in the density", name)
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

// checkWrt: every variable occurs in the expression to differentiate. One
// that does not is a warning: its derivative, 0, is right, but the author
// probably meant another variable.
func checkWrt(c *converter, p *Problem, s *Statement) {
	if p.Kind == "network" {
		checkNetworkWrt(c, p, s)
		return
	}
	diff := p.Statement("diff")
	if diff == nil || diff.Expr == nil {
		return
	}
	mentioned := map[string]bool{} // what the source mentions: z - z does
	for _, u := range c.uses[diff] {
		mentioned[u.Name] = u.Free.IsValid() && u.Indices == 0
	}
	for i, v := range s.Terms {
		if sym, ok := v.(*expr.Symbol); ok && mentioned[sym.Name()] {
			continue
		}
		if el, ok := v.(*expr.Indexed); ok && !el.HasNumericIndex() && nameOccurs(c.uses[diff], el.Name()) {
			continue // x[i] against x[1]: whether i = 1 is the derivative's to say
		}
		if !expr.DependsOn(diff.Expr, v) && !c.reported(c.namePos[s][i]) {
			c.warnf(c.namePos[s][i], "%s does not occur in the expression to differentiate: its derivative is 0", s.Names[i])
		}
	}
}

// checkGiven: a given is used. Only some kinds of problem use given
// values at all (givenKinds); in those, every name given is one that the
// expression to work out mentions. Both are warnings: the handout is
// still right, but its author probably meant something else.
func checkGiven(c *converter, p *Problem, s *Statement) {
	if !contains(givenKinds, p.Kind) {
		c.warnf(s.Pos, "given has no effect in %s %s problem: only %s problems use given values", article(p.Kind), p.Kind, orList(givenKinds))
		return
	}
	kind := p.Statement(p.Kind)
	if kind != nil && kind.Op != nil {
		for _, bd := range s.Bindings {
			if !opUses(kind.Op, bd.Name) {
				c.warnf(bd.Pos, "%s is given but is not a size of the operator of %s", bd.Name, problemName(p))
			}
		}
		return
	}
	if kind != nil && kind.Network != nil {
		for _, bd := range s.Bindings {
			if !networkUses(kind.Network, bd.Name) {
				c.warnf(bd.Pos, "%s is given but the network of %s does not use it", bd.Name, problemName(p))
			}
		}
		return
	}
	if kind == nil || kind.Expr == nil {
		return // it did not read: reported already
	}
	free := map[string]bool{}
	for _, u := range c.uses[kind] {
		free[u.Name] = u.Free.IsValid()
	}
	// An earlier problem's answer that the problem uses may mention the
	// names its own expression does not (g = grad.w, in x and y).
	for _, g := range p.Statements {
		for _, bd := range g.Bindings {
			if bd.Ref == nil {
				continue
			}
			if k := bd.Ref.Problem.Statement(bd.Ref.Problem.Kind); k != nil {
				for _, u := range c.uses[k] {
					free[u.Name] = free[u.Name] || u.Free.IsValid()
				}
			}
			if bd.Ref.Problem.Kind == "mle" {
				free["N"] = true // an estimate is in the number of examples
			}
		}
	}
	for _, bd := range s.Bindings {
		if !free[bd.Name] {
			c.warnf(bd.Pos, "%s is given but no statement of %s uses it", bd.Name, problemName(p))
		}
	}
}

// checkEval: every variable of the expression to work out has a given
// value. One without would stay a symbol in what should be a number, so
// it is an error, at its first use.
func checkEval(c *converter, p *Problem, s *Statement) {
	if s.Tensor != nil {
		return // decideTensorEval checked it
	}
	given := map[string]bool{}
	for _, g := range p.Statements {
		for _, name := range c.named[g] {
			given[name] = true
		}
	}
	if s.Expr == nil {
		return
	}
	// The names the source uses, not those the term keeps: a + z - z
	// needs a value of z too.
	for _, u := range c.uses[s] {
		if u.Free.IsValid() && !given[u.Name] && !c.reported(u.Free) {
			c.errorf(u.Free, "no value is given for %s: add %s = ... to a given statement", u.Name, u.Name)
		}
	}
}

// checkIndices: a name takes the same number of indices throughout a
// problem. A given value of rank r takes r, wherever the given stands;
// otherwise the first statement that uses the name sets the number. (The
// expression parser has checked each term on its own.)
func (c *converter) checkIndices(p *Problem) {
	type first struct {
		indices int
		given   *Binding   // the given that set it, or nil
		use     parser.Use // else the use that set it
	}
	seen := map[string]first{}
	for _, s := range p.Statements {
		for k := range s.Bindings {
			bd := &s.Bindings[k]
			if _, dup := seen[bd.Name]; !dup {
				seen[bd.Name] = first{indices: bd.Value.Rank(), given: bd}
			}
		}
	}
	for _, s := range p.Statements {
		for _, u := range c.uses[s] {
			f, ok := seen[u.Name]
			switch {
			case !ok:
				seen[u.Name] = first{indices: u.Indices, use: u}
			case f.indices == u.Indices:
			case f.given != nil:
				c.errorf(u.Pos, "%s has %s, but %s is given at line %d as %s, which takes %s",
					diag.Clip(u.Text), expr.DescribeIndices(u.Indices), u.Name, f.given.Pos.Line, f.given.Value.Describe(), expr.DescribeIndices(f.indices))
			default:
				c.errorf(u.Pos, "%s has %s, but %s %s has %s",
					diag.Clip(u.Text), expr.DescribeIndices(u.Indices), diag.Clip(f.use.Text), c.where(f.use), expr.DescribeIndices(f.indices))
			}
		}
	}
}

// where says where a use was, in a message about another: at its line of
// the file, or, reading a command-line argument, in the argument the use
// was read from.
func (c *converter) where(u parser.Use) string {
	if c.other != "" {
		return "in " + c.other
	}
	return fmt.Sprintf("at line %d", u.Pos.Line)
}

// article is "a" or "an" before a problem kind.
func article(kind string) string {
	if strings.IndexByte("aeiou", kind[0]) >= 0 || kind == "mle" {
		return "an"
	}
	return "a"
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

// nameOccurs reports whether a source whose names uses lists mentions
// name.
func nameOccurs(uses []parser.Use, name string) bool {
	for _, u := range uses {
		if u.Name == name {
			return true
		}
	}
	return false
}

// decideTensorEval decides, once the given values are known, whether an
// eval is over tensors: its term does not read as plain syntax but does
// in network mode (conv2d(x, w, stride: 2)), or uses an array whole (W
// x). Its inputs must all be given. It runs before the index checks,
// which do not apply to whole tensors.
func (c *converter) decideTensorEval(p *Problem) {
	s := p.Statement("eval")
	if s == nil {
		return
	}
	given := map[string]bool{}
	arrays := map[string]bool{}
	for _, g := range p.Statements {
		for _, name := range c.named[g] {
			given[name] = true
		}
		for _, bd := range g.Bindings {
			if bd.Value.Rank() > 0 {
				arrays[bd.Name] = true
			}
		}
	}
	if s.evalErr == nil && (s.Expr == nil || len(arrays) == 0 || !parser.UsesWhole(c.uses[s], arrays)) {
		return
	}
	t, ok, err := parser.TensorReading(s.evalSrc.text, s.evalErr, arrays)
	switch {
	case err != nil:
		c.exprError(s.evalSrc, err)
	case ok:
		s.Tensor, s.Expr = t, nil
		for _, r := range (&network.Program{Assignments: []*network.Assignment{{Expr: t}}}).InputRefs() {
			if !given[r.Name] {
				c.errorf(s.evalSrc.at(r.Pos.Offset), "no value is given for %s: add %s = ... to a given statement", r.Name, r.Name)
			}
		}
	}
}
