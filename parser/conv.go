package parser

import (
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/network"
)

// Convolutions and poolings take keywords after their tensors, a name, a
// colon and a value: conv2d(x, w, stride: 3, pad: 1, rate: 2),
// conv2d(x, w, pad: same, flip: true), maxpool(x, 2, stride: 1). A
// value is a whole number for every axis or a list with one per axis
// (stride: [2, 1]); pad may also be same, valid or full.

// windowOp is an operation that takes keywords: its positional
// arguments (the tensors, and a pooling's window) and its keywords.
type windowOp struct {
	minArgs, maxArgs int
	keys             []string
}

var (
	convKeys  = []string{"stride", "pad", "rate", "flip"}
	poolKeys  = []string{"stride", "pad"}
	windowOps = map[string]windowOp{
		"conv1d":  {2, 3, convKeys},
		"conv2d":  {2, 3, convKeys},
		"conv3d":  {2, 3, convKeys},
		"maxpool": {2, 2, poolKeys},
		"avgpool": {2, 2, poolKeys},
	}
)

// windowCallNode is a call of a windowOp, its keywords apart.
type windowCallNode struct {
	pos  lexer.Position
	name string
	args []node
	keys []keyArg
}

// keyArg is name: value, in a call.
type keyArg struct {
	pos   lexer.Position
	name  string
	value node
}

func (n *windowCallNode) at() lexer.Position { return n.pos }

// windowCall parses the arguments of a windowOp, from open, its "(":
// the positional ones first, then the keywords.
func (c *climber) windowCall(t, open *lexer.Token) node {
	c.lex.Next()
	n := &windowCallNode{pos: t.Pos, name: t.Value}
	c.nested(false, func() {
		if isPunct(c.lex.Peek(), ")") {
			return
		}
		for {
			if k, ok := c.keyword(); ok {
				n.keys = append(n.keys, k)
			} else {
				at := c.lex.Peek()
				arg := c.expression(0)
				if len(n.keys) > 0 {
					panic(errorAt(at.Pos, "%s's tensors come before its keywords", n.name))
				}
				n.args = append(n.args, arg)
			}
			if !isPunct(c.lex.Peek(), ",") {
				return
			}
			c.lex.Next()
		}
	})
	c.close(open, ")", true)
	op := windowOps[n.name]
	if a := (callee{minArgs: op.minArgs, maxArgs: op.maxArgs}); !a.arityOK(len(n.args)) {
		panic(errorAt(t.Pos, "%s takes %s before its keywords, got %d", n.name, a.arityText(), len(n.args)))
	}
	return n
}

// keyword parses name: value if one comes next.
func (c *climber) keyword() (keyArg, bool) {
	t := c.lex.Peek()
	if t.Type != tokIdent {
		return keyArg{}, false
	}
	cp := c.lex.MakeCheckpoint()
	c.lex.Next()
	next := c.lex.Peek()
	if isPunct(next, "=") {
		panic(errorAt(next.Pos, "a keyword takes a colon: %s: ...", t.Value))
	}
	if !isColon(next) {
		c.lex.LoadCheckpoint(cp)
		return keyArg{}, false
	}
	c.lex.Next()
	c.count(t)
	return keyArg{pos: t.Pos, name: t.Value, value: c.expression(0)}, true
}

// windowCall builds a convolution or a pooling, its keywords read into a
// network.Window.
func (b *netBuilder) windowCall(n *windowCallNode) network.Expr {
	x := &network.Apply{Op: n.name, Pos: b.shift(n.pos), Window: &network.Window{}}
	w := x.Window
	args := n.args
	if windowOps[n.name].maxArgs == 2 && !strings.HasPrefix(n.name, "conv") {
		w.Size = b.lengths(args[1], "a window", 1)
		args = args[:1]
	}
	for _, a := range args {
		x.Args = append(x.Args, b.expr(a))
	}
	seen := map[string]bool{}
	for _, k := range n.keys {
		if !slices.Contains(windowOps[n.name].keys, k.name) {
			panic(errorAt(k.pos, "%s takes the keywords %s, not %s", n.name, strings.Join(windowOps[n.name].keys, ", "), k.name))
		}
		if seen[k.name] {
			panic(errorAt(k.pos, "%s is given twice", k.name))
		}
		seen[k.name] = true
		switch k.name {
		case "stride":
			w.Stride = b.lengths(k.value, "a stride", 1)
		case "rate":
			w.Rate = b.lengths(k.value, "a rate (dilation)", 1)
		case "pad":
			if m, ok := k.value.(*nameNode); ok && (m.name == "same" || m.name == "valid" || m.name == "full") {
				w.PadMode = m.name
				break
			}
			w.Pad = b.lengths(k.value, "a pad", 0)
		case "flip":
			m, ok := k.value.(*nameNode)
			if !ok || (m.name != "true" && m.name != "false") {
				panic(errorAt(start(k.value), "flip is true (the kernel flipped: convolution) or false (cross-correlation, the default)"))
			}
			w.Flip = m.name == "true"
		}
	}
	return x
}

// lengths reads a keyword's value or a window: a whole number of at least
// least, or a list of them, one per axis.
func (b *netBuilder) lengths(n node, what string, least int) []int {
	if k, ok := integer(n); ok && k >= least {
		return []int{k}
	}
	a, ok := n.(*arrayNode)
	if ok && len(a.elems) > 0 {
		var out []int
		for _, e := range a.elems {
			k, ok := integer(e)
			if !ok || k < least {
				panic(errorAt(start(e), "%s is a whole number, at least %d", what, least))
			}
			out = append(out, k)
		}
		return out
	}
	panic(errorAt(start(n), "%s is a whole number, at least %d, or a list of them, one per axis ([2, 1])", what, least))
}
