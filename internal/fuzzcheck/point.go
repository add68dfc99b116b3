package fuzzcheck

import (
	"math/rand/v2"

	"github.com/derivtex/derivtex/expr"
)

// Evaluable reports whether x can be evaluated quickly: no pending
// derivative, and no sum or product over more than 100 numbered terms.
func Evaluable(x expr.Expr) bool {
	ok := !expr.HasDerivative(x)
	expr.Inspect(x, func(y expr.Expr) bool {
		if b, isOp := y.(*expr.BigOp); isOp {
			lo, okLo := b.Lo().(*expr.Number)
			hi, okHi := b.Hi().(*expr.Number)
			if okLo && okHi && hi.Float()-lo.Float() > 100 {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// Point binds every name of x to a value drawn from r: whole numbers 1 to
// 4 for names that bound a sum or index an array (so sums run and arrays
// are read in range), and otherwise reals of magnitude 0.25 to 2.25,
// positive three times in four. Every array has 6 entries along each of
// its dimensions, as many dimensions as its name has indices.
func Point(r *rand.Rand, x expr.Expr) expr.Env {
	env := expr.Env{Scalars: map[string]float64{}, Arrays: map[string]expr.Array{}}
	draw := func() float64 {
		v := 0.25 + 2*r.Float64()
		if r.IntN(4) == 0 {
			v = -v
		}
		return v
	}
	whole := func(y expr.Expr) {
		for _, s := range expr.FreeSymbols(y) {
			if _, done := env.Scalars[s.Name()]; !done {
				env.Scalars[s.Name()] = float64(1 + r.IntN(4))
			}
		}
	}
	expr.Inspect(x, func(y expr.Expr) bool {
		switch y := y.(type) {
		case *expr.BigOp:
			whole(y.Lo())
			whole(y.Hi())
		case *expr.Indexed:
			for _, i := range y.Index() {
				whole(i)
			}
			if _, done := env.Arrays[y.Name()]; !done {
				a := expr.Array{Shape: make([]int, len(y.Index()))}
				n := 1
				for d := range a.Shape {
					a.Shape[d] = 6
					n *= 6
				}
				a.Data = make([]float64, n)
				for k := range a.Data {
					a.Data[k] = draw()
				}
				env.Arrays[y.Name()] = a
			}
		}
		return true
	})
	for _, s := range expr.FreeSymbols(x) {
		if _, done := env.Scalars[s.Name()]; !done {
			env.Scalars[s.Name()] = draw()
		}
	}
	return env
}

// Positive reports whether every term of xs is positive at env.
func Positive(xs []expr.Expr, env expr.Env) bool {
	for _, x := range xs {
		if v, err := expr.Eval(x, env); err != nil || v <= 0 {
			return false
		}
	}
	return true
}
