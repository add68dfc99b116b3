package network

import (
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/expr"
)

// Format writes a tensor expression in the plain syntax a network is
// written in, parenthesised only where needed: "sin(w)^T x", "-log(y l)".
// Graph nodes are labelled with it.
func Format(x Expr) string {
	var b strings.Builder
	format(&b, x, 0)
	return b.String()
}

// Precedences, as the expression syntax has them.
const (
	precAdd   = expr.PrecAdd
	precMul   = expr.PrecMul
	precUnary = expr.PrecUnary
	precPow   = expr.PrecPow
	precAtom  = expr.PrecAtom
)

func precedence(x Expr) int {
	a, ok := x.(*Apply)
	if !ok {
		if c, ok := x.(*Const); ok {
			return expr.Precedence(c.Value)
		}
		return precAtom
	}
	switch a.Op {
	case "add", "sub":
		return precAdd
	case "mul", "div", "matmul":
		return precMul
	case "neg":
		return precUnary
	case "pow", "transpose":
		return precPow
	}
	// index, and the calls: atoms.
	return precAtom
}

func format(b *strings.Builder, x Expr, min int) {
	if precedence(x) < min {
		b.WriteByte('(')
		format(b, x, 0)
		b.WriteByte(')')
		return
	}
	switch x := x.(type) {
	case *Ref:
		b.WriteString(x.Name)
	case *Const:
		b.WriteString(x.Value.String())
	case *Apply:
		p := precedence(x)
		switch x.Op {
		case "add", "sub", "mul", "div", "matmul":
			format(b, x.Args[0], p)
			b.WriteString(map[string]string{"add": " + ", "sub": " - ", "mul": " * ", "div": "/", "matmul": " "}[x.Op])
			format(b, x.Args[1], p+1)
		case "neg":
			b.WriteByte('-')
			format(b, x.Args[0], precUnary)
		case "pow":
			format(b, x.Args[0], precPow+1)
			b.WriteByte('^')
			format(b, x.Args[1], precPow)
		case "transpose":
			format(b, x.Args[0], precPow+1)
			b.WriteString("^T")
		case "index":
			format(b, x.Args[0], precAtom)
			b.WriteByte('[')
			for i, ix := range x.Index {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(ix.String())
			}
			b.WriteByte(']')
		default:
			b.WriteString(callName(x.Op) + "(")
			for i, a := range x.Args {
				if i > 0 {
					b.WriteString(", ")
				}
				format(b, a, 0)
			}
			switch {
			case x.Op == "reshape":
				b.WriteString(", " + shapeText(x.Shape))
			case x.Op == "concat" && x.Axis > 1:
				fmt.Fprintf(b, ", %d", x.Axis)
			}
			formatWindow(b, x.Window)
			b.WriteByte(')')
		}
	}
}

// callName is the name an operation is called by: max(a, b) is the
// operation maximum, max(x) the reduction max.
func callName(op string) string {
	switch op {
	case "maximum":
		return "max"
	case "minimum":
		return "min"
	}
	return op
}
