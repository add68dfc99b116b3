package answer

import (
	"context"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/tensor"
)

// EvalTensorOf is the answer of an evaluation over tensors (derivtex
// eval 'W x' W=... x=...): the input as written in network mode, the
// value's entries nested as its shape nests them, and the value exactly,
// in plain syntax that reads back ([0, 1/2]).
func EvalTensorOf(ctx context.Context, input network.Expr, v tensor.Tensor) (*Eval, error) {
	m := budget.From(ctx)
	x := valueOf(v, m)
	a := &Eval{
		Input: Expr{Plain: network.Format(input), LaTeX: netTeX(input, latex.WithBudget(m))},
		Value: x.Value,
		Shape: v.Shape(),
		Exact: &x.Exact,
	}
	return a, m.Err()
}

// netTeX writes a tensor expression in LaTeX, as the handout writes a
// network's operations: W \, x for the product, \odot entry by entry,
// ^{\top}, x_{2:\mathrm{end}} for an index.
func netTeX(x network.Expr, opt latex.Option) string {
	var b strings.Builder
	writeTeX(&b, x, 0, opt)
	return b.String()
}

// texPrec is how tightly an operation binds, as network.Format has it.
func texPrec(x network.Expr) int {
	a, ok := x.(*network.Apply)
	if !ok {
		if c, ok := x.(*network.Const); ok {
			return expr.Precedence(c.Value)
		}
		return expr.PrecAtom
	}
	switch a.Op {
	case "add", "sub":
		return expr.PrecAdd
	case "mul", "matmul":
		return expr.PrecMul
	case "neg":
		return expr.PrecUnary
	case "pow", "transpose":
		return expr.PrecPow
	}
	return expr.PrecAtom // div is a \frac; calls and indices are atoms
}

func writeTeX(b *strings.Builder, x network.Expr, min int, opt latex.Option) {
	if texPrec(x) < min {
		b.WriteString(`\left(`)
		writeTeX(b, x, 0, opt)
		b.WriteString(`\right)`)
		return
	}
	sub := func(y network.Expr, min int) string {
		var s strings.Builder
		writeTeX(&s, y, min, opt)
		return s.String()
	}
	switch x := x.(type) {
	case *network.Ref:
		b.WriteString(latex.Expr(expr.Sym(x.Name), opt))
	case *network.Const:
		b.WriteString(latex.Expr(x.Value, opt))
	case *network.Apply:
		p := texPrec(x)
		switch x.Op {
		case "add", "sub", "mul", "matmul":
			op := map[string]string{"add": " + ", "sub": " - ", "mul": ` \odot `, "matmul": ` \, `}[x.Op]
			b.WriteString(sub(x.Args[0], p) + op + sub(x.Args[1], p+1))
		case "div":
			b.WriteString(`\frac{` + sub(x.Args[0], 0) + `}{` + sub(x.Args[1], 0) + `}`)
		case "neg":
			b.WriteString("-" + sub(x.Args[0], expr.PrecUnary))
		case "pow":
			b.WriteString(sub(x.Args[0], expr.PrecPow+1) + `^{` + sub(x.Args[1], 0) + `}`)
		case "transpose":
			b.WriteString(sub(x.Args[0], expr.PrecPow+1) + `^{\top}`)
		case "index":
			parts := make([]string, len(x.Index))
			for i, ix := range x.Index {
				parts[i] = strings.ReplaceAll(ix.String(), "end", `\mathrm{end}`)
			}
			b.WriteString(sub(x.Args[0], expr.PrecPow+1) + `_{` + strings.Join(parts, ", ") + `}`)
		default:
			args := make([]string, len(x.Args))
			for i, a := range x.Args {
				args[i] = sub(a, 0)
			}
			if fn := expr.LookupFunc(x.Op); fn != nil && len(args) == 1 {
				b.WriteString(latex.Apply(fn, args[0]))
				return
			}
			switch {
			case x.Op == "reshape":
				dims := make([]string, len(x.Shape))
				for i, d := range x.Shape {
					dims[i] = strconv.Itoa(d)
				}
				args = append(args, "["+strings.Join(dims, ", ")+"]")
			case x.Op == "concat" && x.Axis > 1:
				args = append(args, latex.Expr(expr.Int(int64(x.Axis)), opt))
			}
			name := map[string]string{"maximum": "max", "minimum": "min"}[x.Op]
			if name == "" {
				name = x.Op
			}
			b.WriteString(`\operatorname{` + name + `}\mathopen{}\left(` + strings.Join(args, ", ") + `\right)`)
		}
	}
}
