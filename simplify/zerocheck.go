package simplify

import (
	"math"
	"math/rand/v2"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
)

// The safety net of IsZero: a term the algebra calls zero must also
// evaluate to 0 at random points.

// zeroPoints is how many points are tried; zeroPointsNeeded is how many
// must evaluate (the others may be outside the term's domain).
const (
	zeroPoints       = 8
	zeroPointsNeeded = 2
)

// numericallyZero evaluates x at zeroPoints random points, the first half
// with every variable positive (where logs and roots are defined), the
// rest with random signs. It reports whether x is 0 to rounding at every
// point where it has a value, and has one at zeroPointsNeeded points at
// least. A sum is compared with the largest of its terms, so that
// cancellation of large terms is not taken for a nonzero value.
func numericallyZero(x expr.Expr, m *budget.Meter) bool {
	scalars, shapes, ok := evalNames(x)
	if !ok {
		return false
	}
	rng := rand.New(rand.NewPCG(13, 0x5eed))
	value := func(signed bool) float64 {
		v := 0.2 + 1.6*rng.Float64()
		if signed && rng.IntN(2) == 0 {
			v = -v
		}
		return v
	}
	evaluated := 0
	for p := range zeroPoints {
		signed := p >= zeroPoints/2
		env := expr.Env{Scalars: map[string]float64{}, Arrays: map[string]expr.Array{}, Meter: m}
		for _, s := range scalars {
			env.Scalars[s] = value(signed)
		}
		for name, shape := range shapes {
			size := 1
			for _, n := range shape {
				size *= n
			}
			a := expr.Array{Shape: shape, Data: make([]float64, size)}
			for i := range a.Data {
				a.Data[i] = value(signed)
			}
			env.Arrays[name] = a
		}
		v, err := expr.Eval(x, env)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		scale := 1.0
		for _, t := range terms(x) {
			if tv, err := expr.Eval(t, env); err == nil && !math.IsInf(tv, 0) {
				scale = max(scale, math.Abs(tv))
			}
		}
		if math.Abs(v) > 1e-9*scale {
			return false
		}
		evaluated++
	}
	return evaluated >= zeroPointsNeeded
}

// evalNames lists the variables of x and the shapes of its arrays (each
// dimension as large as the largest index used); ok is false when x has
// something that cannot be given random values: a sum or product over an
// index, or an element at a symbolic index.
func evalNames(x expr.Expr) (scalars []string, shapes map[string][]int, ok bool) {
	shapes = map[string][]int{}
	seen := map[string]bool{}
	ok = true
	expr.Inspect(x, func(y expr.Expr) bool {
		switch y := y.(type) {
		case *expr.BigOp:
			ok = false
		case *expr.Symbol:
			if !expr.IsConstantSymbol(y) && !seen[y.Name()] {
				seen[y.Name()] = true
				scalars = append(scalars, y.Name())
			}
		case *expr.Indexed:
			if !y.HasNumericIndex() {
				ok = false
				return false
			}
			shape := shapes[y.Name()]
			if shape == nil {
				shape = make([]int, len(y.Index()))
			}
			for i, ix := range y.Index() {
				n, _ := ix.(*expr.Number).Int64()
				if n < 1 || n > 1000 || len(shape) != len(y.Index()) {
					ok = false
					return false
				}
				shape[i] = max(shape[i], int(n))
			}
			shapes[y.Name()] = shape
			return false
		}
		return ok
	})
	return scalars, shapes, ok
}
