package indexmap

import (
	"context"
	"slices"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// A Loss is a scalar read from the operator's output y through sums over
// its entries, sum(w[i] y[i], i, 1, N): Summand's derivative by y's entry
// is the upstream gradient of the backward pass.
type Loss struct {
	Term expr.Expr
	// Output is the name the loss gives the operator's output.
	Output string
	// Grad is dL/dy[Index...], in the loss's own bound indices.
	Grad  expr.Expr
	Index []*expr.Symbol
	op    *Op
}

// NewLoss reads a loss of op's output: nested sums, one over each output
// index with that index's range (in any order, under any names), of a
// summand that reads the output at exactly those indices.
func (op *Op) NewLoss(ctx context.Context, output string, loss expr.Expr) (*Loss, error) {
	body := loss
	var bound []*expr.BigOp
	for {
		s, ok := body.(*expr.BigOp)
		if !ok || s.Op() != expr.Sum {
			break
		}
		bound = append(bound, s)
		body = s.Body()
	}
	var at *expr.Indexed
	var err error
	expr.Inspect(body, func(x expr.Expr) bool {
		if ix, ok := x.(*expr.Indexed); ok && ix.Name() == output {
			if at != nil && at != ix {
				err = diag.Errorf("the loss reads %s at two places, %s and %s: the summand must read the entry its sums run over", output, at, ix)
			}
			at = ix
			return false
		}
		return true
	})
	switch {
	case err != nil:
		return nil, err
	case at == nil:
		return nil, diag.Errorf("the loss does not read %s: write it as a sum over %s's entries, sum(w[i] %s[i], i, 1, N)", output, output, output)
	case len(at.Index()) != len(op.Out):
		return nil, diag.Errorf("%s has %s; %s's output has %d", at, expr.DescribeIndices(len(at.Index())), op.Name, len(op.Out))
	case len(bound) != len(op.Out):
		return nil, diag.Errorf("the loss must sum over every entry of %s: %d sums for %d indices", output, len(bound), len(op.Out))
	case expr.Contains(body, expr.Sym(output)):
		return nil, diag.Errorf("the loss reads %s whole; read its entries, %s[...]", output, output)
	}
	l := &Loss{Term: loss, Output: output, op: op}
	for d, ix := range at.Index() {
		k := slices.IndexFunc(bound, func(s *expr.BigOp) bool { return s.Var() == ix })
		if k < 0 {
			return nil, diag.Errorf("%s is not read at the indices the loss sums over", at)
		}
		s, r := bound[k], op.Out[d]
		if expr.Sub(s.Lo(), r.Lo) != expr.Zero || expr.Sub(s.Hi(), r.Hi) != expr.Zero {
			return nil, diag.Errorf("the sum over %s runs from %s to %s; %s's index %s runs from %s to %s", s.Var(), s.Lo(), s.Hi(), op.Name, r.Index, r.Lo, r.Hi)
		}
		l.Index = append(l.Index, s.Var())
	}
	u := expr.Sym("\x00y")
	if l.Grad, err = derive.Diff(ctx, expr.Substitute(body, map[expr.Expr]expr.Expr{at: u}), u); err != nil {
		return nil, err
	}
	l.Grad = expr.Substitute(l.Grad, map[expr.Expr]expr.Expr{u: at})
	return l, nil
}

// Upstream is the loss's gradient by the output, as the VJP's p, with
// the output's entries written out by the operator's definition, so the
// gradient is in the argument's entries: 2 y[i] is 2 x[2 i].
func (l *Loss) Upstream() Upstream {
	return func(at []expr.Expr) expr.Expr {
		m := make(map[expr.Expr]expr.Expr, len(at))
		for d, v := range l.Index {
			m[v] = at[d]
		}
		g := expr.Substitute(l.Grad, m)
		return expr.Map(g, func(x expr.Expr) expr.Expr {
			if ix, ok := x.(*expr.Indexed); ok && ix.Name() == l.Output {
				return l.op.Entry(ix.Index())
			}
			return x
		})
	}
}

// Entry is the body at the output position at: y[at].
func (op *Op) Entry(at []expr.Expr) expr.Expr {
	m := make(map[expr.Expr]expr.Expr, len(at))
	for d, r := range op.Out {
		m[r.Index] = at[d]
	}
	return expr.Substitute(op.Body, m)
}
