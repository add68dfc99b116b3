package problem

import (
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
)

// A network problem: network y = sin(w)^T x; L = -log(y l), its inputs
// given, the inputs to differentiate by in wrt, and optionally the loss
// (default: the last assignment) and a learning rate lr for a step of
// gradient descent.

var (
	argNetwork = &argKind{what: "a network: name = expression; ...", read: readNetwork}
	argNumber  = &argKind{what: "a number", read: readNumber}
)

// readNetwork reads the assignments of a network, their positions moved
// to their places in the file.
func readNetwork(c *converter, s *Statement, _ lexer.Token) {
	p := piece{s.Text, s.ArgPos}
	prog, err := parser.ParseNetwork("", s.Text)
	if err != nil {
		for _, e := range diag.ListOf(err) {
			c.errorf(p.at(e.Pos.Offset), "%s", e.Msg)
		}
		return
	}
	line := c.lineOf(s.ArgPos)
	for _, a := range prog.Assignments {
		a.Pos, a.Src = p.at(a.Pos.Offset), line
		moveExpr(a.Expr, p)
	}
	s.Network = prog
}

// moveExpr moves the positions of x, read from p's text, to the file.
func moveExpr(x network.Expr, p piece) {
	switch x := x.(type) {
	case *network.Ref:
		x.Pos = p.at(x.Pos.Offset)
	case *network.Const:
		x.Pos = p.at(x.Pos.Offset)
	case *network.Apply:
		x.Pos = p.at(x.Pos.Offset)
		for i := range x.Index {
			x.Index[i].Pos = p.at(x.Index[i].Pos.Offset)
		}
		for _, a := range x.Args {
			moveExpr(a, p)
		}
	}
}

// lineOf is the line of the file holding pos, for messages.
func (c *converter) lineOf(pos diag.Pos) string {
	off := min(max(pos.Offset, 0), len(c.src))
	start := strings.LastIndexByte(c.src[:off], '\n') + 1
	end := strings.IndexByte(c.src[off:], '\n')
	if end < 0 {
		return strings.TrimSuffix(c.src[start:], "\r")
	}
	return strings.TrimSuffix(c.src[start:off+end], "\r")
}

// readNumber reads a number, such as a learning rate: any exact value
// without variables (1/2, 0.1).
func readNumber(c *converter, s *Statement, _ lexer.Token) {
	p := piece{s.Text, s.ArgPos}
	v, err := parser.ParseValue(s.Text)
	if err != nil {
		c.exprError(p, err)
		return
	}
	if v.Rank() != 0 {
		c.errorf(p.pos, "%s needs a number, not %s", s.Key, v.Describe())
		return
	}
	s.Expr = v.At()
}

// networkNames are the names a network uses as inputs (Ref to a name no
// assignment makes), and the names it assigns.
func networkNames(prog *network.Program) (inputs []*network.Ref, assigned map[string]bool) {
	assigned = map[string]bool{}
	for _, a := range prog.Assignments {
		assigned[a.Name] = true
	}
	return prog.InputRefs(), assigned
}

// checkNetwork: every input has a given value; the loss, if named, is an
// assignment.
func checkNetwork(c *converter, p *Problem, s *Statement) {
	if s.Network == nil {
		return
	}
	inputs, assigned := networkNames(s.Network)
	given := map[string]bool{}
	for _, g := range p.Statements {
		for _, bd := range g.Bindings {
			given[bd.Name] = true
			if assigned[bd.Name] {
				c.errorf(bd.Pos, "%s is given and assigned by the network: give it or assign it", bd.Name)
			}
		}
	}
	if len(given) == 0 {
		return // no values at all: the gradient is worked out symbolically
	}
	for _, r := range inputs {
		if !given[r.Name] {
			c.errorf(r.Pos, "no value is given for %s: add %s = ... to a given statement", r.Name, r.Name)
		}
	}
	if l := p.Statement("loss"); l != nil && len(l.Names) == 1 && !assigned[l.Names[0]] {
		c.errorf(l.ArgPos, "the loss %s is not assigned by the network", l.Names[0])
	}
}

// checkNetworkWrt: the variables of a network's wrt are its inputs.
func checkNetworkWrt(c *converter, p *Problem, s *Statement) {
	net := p.Statement("network")
	if net == nil || net.Network == nil {
		return
	}
	inputs, assigned := networkNames(net.Network)
	for i, name := range s.Names {
		switch {
		case assigned[name]:
			c.errorf(c.namePos[s][i], "%s is computed by the network, not given: gradients are of inputs", name)
		case !slices.ContainsFunc(inputs, func(r *network.Ref) bool { return r.Name == name }):
			c.errorf(c.namePos[s][i], "%s is not an input of the network", name)
		}
	}
}

// networkUses reports whether a network uses name as an input, for the
// check that each given is used.
func networkUses(prog *network.Program, name string) bool {
	inputs, _ := networkNames(prog)
	return slices.ContainsFunc(inputs, func(r *network.Ref) bool { return r.Name == name })
}
