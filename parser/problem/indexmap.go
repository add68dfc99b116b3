package problem

import (
	"context"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
	"github.com/derivtex/derivtex/parser"
)

// An operator problem: op SEE(x[2N])[i] = x[2 i], i = 1..N, its Jacobian
// and VJP derived from the definition; optionally a loss of its output y
// (loss sum(w[i] y[i], i, 1, N)), sizes to count the backward pass at
// (given N = 10^6) and the number format of the count (dtype FP32).

var (
	argOp    = &argKind{what: "an operator, NAME(x[SIZE])[i] = body, i = LO..HI", read: readOp}
	argLoss  = &argKind{what: "a name (network) or a sum over the output's entries (op)", read: readLoss}
	argDtype = &argKind{what: "a number format: FP64, FP32, FP16, BF16 or FP8", read: readDtype}
)

// OpOutput is the name an op problem's loss gives the operator's output.
const OpOutput = "y"

// readOp reads an operator's definition, its errors at their places in
// the file.
func readOp(c *converter, s *Statement, _ lexer.Token) {
	p := piece{s.Text, s.ArgPos}
	op, err := parser.ParseOp(context.Background(), "", s.Text)
	if err != nil {
		for _, e := range diag.ListOf(err) {
			c.errorf(p.at(e.Pos.Offset), "%s", e.Msg)
		}
		return
	}
	s.Op = op
}

// readLoss reads a network's loss, a name, or an operator's, a term.
func readLoss(c *converter, s *Statement, tok lexer.Token) {
	x := c.term(s, piece{s.Text, s.ArgPos})
	if x == nil {
		return
	}
	s.Expr = x
	if v, ok := x.(*expr.Symbol); ok {
		s.Names = []string{v.Name()}
		c.namePos[s] = []diag.Pos{s.ArgPos}
	}
}

// readDtype reads a number format.
func readDtype(c *converter, s *Statement, _ lexer.Token) {
	if _, err := indexmap.PrecisionNamed(s.Text); err != nil {
		c.errorf(s.ArgPos, "%s", diag.From(err).Msg)
	}
}

// checkLoss: a network's loss is one of its assignments; an operator's
// reads the output y through sums over its entries.
func checkLoss(c *converter, p *Problem, s *Statement) {
	if p.Kind != "op" {
		if len(s.Names) != 1 {
			c.errorf(s.ArgPos, "a network's loss is the name of one of its assignments")
		}
		return
	}
	k := p.Statement("op")
	if k == nil || k.Op == nil || s.Expr == nil {
		return
	}
	if _, err := k.Op.NewLoss(context.Background(), OpOutput, s.Expr); err != nil {
		c.errorf(s.ArgPos, "%s", diag.From(err).Msg)
	}
}

// opUses reports whether an operator problem uses name as a size.
func opUses(op *indexmap.Op, name string) bool {
	for _, d := range op.ArgShape {
		if expr.DependsOn(d, expr.Sym(name)) {
			return true
		}
	}
	for _, r := range op.Out {
		if expr.DependsOn(expr.Add(r.Lo, r.Hi), expr.Sym(name)) {
			return true
		}
	}
	return false
}
