package indexmap

import (
	"context"
	"slices"
	"strconv"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
)

// A Jacobian is dy[i...]/dx[j...] of an operator: a sum of terms, one per
// entry the body reads, each a coefficient times Kronecker deltas that
// say which entry it is.
type Jacobian struct {
	Op *Op
	// In are the argument's indices, j (and k, l, ... for more
	// dimensions), named apart from every name of the operator.
	In    []*expr.Symbol
	Terms []Term
}

// A Term is Coef * [In = At]: the derivative of the body by the entry
// x[At], nonzero only where the argument's index is that entry's.
type Term struct {
	Coef expr.Expr
	At   []expr.Expr
	read read
}

// Jacobian differentiates the body by each entry it reads. The entry is
// replaced by a fresh symbol for the derivative, so x[2 i] and x[2 i - 1]
// are told apart whatever i is.
func (op *Op) Jacobian(ctx context.Context) (*Jacobian, error) {
	j := &Jacobian{Op: op, In: op.argIndices()}
	for k, r := range op.reads {
		u := expr.Sym("\x00u" + strconv.Itoa(k))
		d, err := derive.Diff(ctx, expr.Substitute(op.Body, map[expr.Expr]expr.Expr{r.at: u}), u)
		if err != nil {
			return nil, err
		}
		if d == expr.Zero {
			continue
		}
		j.Terms = append(j.Terms, Term{Coef: expr.Substitute(d, map[expr.Expr]expr.Expr{u: r.at}), At: r.at.Index(), read: r})
	}
	return j, nil
}

// argIndices names the argument's indices j, k, l, m (or j1, j2, ...),
// skipping the names the operator uses.
func (op *Op) argIndices() []*expr.Symbol {
	used := op.names()
	used[op.upstreamName()] = true
	var names []string
	for _, n := range []string{"j", "k", "l", "m", "n"} {
		if !used[n] {
			names = append(names, n)
		}
	}
	if len(names) < len(op.ArgShape) {
		names = names[:0]
		for k := 1; len(names) < len(op.ArgShape); k++ {
			if n := "j" + strconv.Itoa(k); !used[n] {
				names = append(names, n)
			}
		}
	}
	out := make([]*expr.Symbol, len(op.ArgShape))
	for d := range out {
		out[d] = expr.Sym(names[d])
	}
	return out
}

// upstreamName names the VJP's argument: p, or another letter when the
// operator uses p.
func (op *Op) upstreamName() string {
	used := op.names()
	for _, n := range []string{"p", "g", "q", "u"} {
		if !used[n] {
			return n
		}
	}
	return "p_"
}

// names are the names the operator's definition uses.
func (op *Op) names() map[string]bool {
	used := map[string]bool{op.Name: true, op.Arg: true}
	for _, s := range expr.FreeSymbols(op.Body) {
		used[s.Name()] = true
	}
	for _, r := range op.Out {
		used[r.Index.Name()] = true
		for _, s := range expr.FreeSymbols(expr.Add(r.Lo, r.Hi)) {
			used[s.Name()] = true
		}
	}
	for _, d := range op.ArgShape {
		for _, s := range expr.FreeSymbols(d) {
			used[s.Name()] = true
		}
	}
	return used
}

// Nonzeros is the number of entries of the Jacobian that are not 0 by
// their deltas: each term is one entry per output entry. It is an upper
// bound when two terms meet at one entry.
func (j *Jacobian) Nonzeros() expr.Expr {
	return expr.Mul(expr.Int(int64(len(j.Terms))), j.Op.OutSize())
}

// Structure names the Jacobian's pattern as a textbook would: a
// selection matrix (one 1 per row, each column at most one), a
// permutation, a scatter (one 1 per row, columns shared), or sparse.
func (j *Jacobian) Structure() string {
	if len(j.Terms) != 1 {
		return "sparse"
	}
	t := j.Terms[0]
	if t.Coef != expr.One {
		if isDiagonalTerm(j.Op, t) {
			return "diagonal"
		}
		return "sparse"
	}
	followed := map[*expr.Symbol]bool{}
	for _, a := range t.read.pos {
		if a.Var != nil {
			followed[a.Var] = true
		}
	}
	switch {
	case len(followed) < len(j.Op.Out):
		return "repetition" // an output index the position ignores: an entry feeds several outputs
	case expr.Sub(j.Op.OutSize(), j.Op.InSize()) == expr.Zero && strideOne(t):
		if isDiagonalTerm(j.Op, t) {
			return "identity"
		}
		return "permutation"
	}
	return "selection"
}

func strideOne(t Term) bool {
	return !slices.ContainsFunc(t.read.pos, func(a affine) bool { return a.Coef != 1 && a.Coef != -1 })
}

// isDiagonalTerm reports whether the term reads x at the output's own
// index, x[i] for y[i]: the Jacobian is diagonal.
func isDiagonalTerm(op *Op, t Term) bool {
	if len(t.read.pos) != len(op.Out) {
		return false
	}
	for d, a := range t.read.pos {
		if a.Var != op.Out[d].Index || a.Coef != 1 || a.Rest != expr.Zero {
			return false
		}
	}
	return true
}
