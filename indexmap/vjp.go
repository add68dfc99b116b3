package indexmap

import (
	"context"
	"math/big"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// An Upstream is the gradient flowing into the operator's output, entry
// by entry: given the output's position (one term per output index), the
// gradient there. The symbolic one is p[i...].
type Upstream func(at []expr.Expr) expr.Expr

// Symbolic is the upstream gradient named p, as the VJP's argument.
func Symbolic(name string) Upstream {
	return func(at []expr.Expr) expr.Expr { return expr.Index(name, at...) }
}

// A Piece of a VJP: Value where every condition holds, else 0. The VJP
// is the sum of its pieces.
type Piece struct {
	Conds []Cond
	Value expr.Expr
}

// A Cond restricts the argument's index In: a multiple (In - Rest divisible
// by Step, Step > 1), a range (Lo <= In <= Hi), or an equation (In = Rest).
type Cond struct {
	Kind   CondKind
	In     *expr.Symbol
	Step   int64
	Rest   expr.Expr
	Lo, Hi expr.Expr
}

// CondKind tells the conditions apart.
type CondKind int

const (
	Multiple CondKind = iota
	Between
	Equal
)

// VJP is the vector-Jacobian product of the upstream gradient p with the
// Jacobian, entry j of the gradient by the argument:
//
//	sum over i of p[i] dy[i]/dx[j] = sum over terms, sum over i of p[i] Coef(i) [j = At(i)].
//
// Each delta fixes the output index its position follows: j = a i + b
// gives i = (j - b)/a, which must be a whole number (a parity or residue
// condition on j) inside i's range (a range condition on j, left out where
// the argument's own range already implies it). Output indices no
// position follows stay summed over.
func (j *Jacobian) VJP(ctx context.Context, p Upstream) ([]Piece, error) {
	op := j.Op
	var pieces []Piece
	for _, t := range j.Terms {
		sol := map[expr.Expr]expr.Expr{}
		var conds []Cond
		for d, a := range t.read.pos {
			in := j.In[d]
			switch {
			case a.Var == nil:
				conds = append(conds, Cond{Kind: Equal, In: in, Rest: a.Rest})
			case sol[a.Var] != nil:
				conds = append(conds, Cond{Kind: Equal, In: in, Rest: expr.Add(expr.Mul(expr.Int(a.Coef), sol[a.Var]), a.Rest)})
			default:
				sol[a.Var] = expr.Div(expr.Sub(in, a.Rest), expr.Int(a.Coef))
				step := a.Coef
				if step < 0 {
					step = -step
				}
				if step > 1 {
					conds = append(conds, Cond{Kind: Multiple, In: in, Step: step, Rest: a.Rest})
				}
				if lo, hi := op.span(a); !implied(lo, hi, op.ArgShape[d], step) {
					conds = append(conds, Cond{Kind: Between, In: in, Lo: lo, Hi: hi})
				}
			}
		}
		at := make([]expr.Expr, len(op.Out))
		for k, r := range op.Out {
			at[k] = r.Index
		}
		v := expr.Substitute(expr.Mul(p(at), t.Coef), sol)
		for k := len(op.Out) - 1; k >= 0; k-- {
			if r := op.Out[k]; sol[r.Index] == nil {
				v = sumOver(v, r)
			}
		}
		if u := expr.UndefinedIn(v); u != nil {
			return nil, diag.Errorf("the VJP of %s is undefined: %s", op.Name, u.Reason())
		}
		pieces = append(pieces, Piece{Conds: conds, Value: v})
	}
	return pieces, nil
}

// MaxSpelledSum is the most terms a sum over an index no position
// follows is written out with: p[j, 1] + p[j, 2], not sum(p[j, r], r, 1, 2).
const MaxSpelledSum = 4

// sumOver sums v over r's range, term by term when the range is a few
// numbers.
func sumOver(v expr.Expr, r Range) expr.Expr {
	lo, okLo := r.Lo.(*expr.Number)
	n, okN := r.Count().(*expr.Number)
	if !okLo || !okN || !lo.IsInt() {
		return expr.SumOver(v, r.Index, r.Lo, r.Hi)
	}
	if count, small := n.Int64(); small && count >= 0 && count <= MaxSpelledSum {
		terms := make([]expr.Expr, count)
		for k := range terms {
			terms[k] = expr.Substitute(v, map[expr.Expr]expr.Expr{r.Index: expr.Add(lo, expr.Int(int64(k)))})
		}
		return expr.Add(terms...)
	}
	return expr.SumOver(v, r.Index, r.Lo, r.Hi)
}

// implied reports whether every index of 1..size in the residue class of
// a position with the given step lies in lo..hi, the positions the
// operator reads: the range condition says nothing the argument's own
// range and the parity do not. It must be told from numbers: a symbolic
// gap (N - M) keeps the condition.
func implied(lo, hi, size expr.Expr, step int64) bool {
	within := func(gap expr.Expr) bool {
		n, ok := gap.(*expr.Number)
		return ok && n.Rat().Cmp(new(big.Rat).SetInt64(step)) < 0
	}
	return within(expr.Sub(lo, expr.One)) && within(expr.Sub(size, hi))
}

// Holds reports whether the condition holds where env gives the
// argument's index and the sizes their values (for tests and for numeric
// use).
func (c Cond) Holds(env map[expr.Expr]expr.Expr) (bool, error) {
	num := func(x expr.Expr) (*big.Rat, error) {
		n, ok := expr.Substitute(x, env).(*expr.Number)
		if !ok {
			return nil, diag.Errorf("%s has no value", x)
		}
		return n.Rat(), nil
	}
	j, err := num(c.In)
	if err != nil {
		return false, err
	}
	switch c.Kind {
	case Multiple:
		r, err := num(c.Rest)
		if err != nil {
			return false, err
		}
		return new(big.Rat).Quo(new(big.Rat).Sub(j, r), new(big.Rat).SetInt64(c.Step)).IsInt(), nil
	case Between:
		lo, err := num(c.Lo)
		if err != nil {
			return false, err
		}
		hi, err := num(c.Hi)
		if err != nil {
			return false, err
		}
		return lo.Cmp(j) <= 0 && j.Cmp(hi) <= 0, nil
	}
	r, err := num(c.Rest)
	if err != nil {
		return false, err
	}
	return r.Cmp(j) == 0, nil
}
