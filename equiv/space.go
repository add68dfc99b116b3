package equiv

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/expr"
)

// space is what a point must give a value to: the free scalars, the free
// index symbols (x[i] outside a sum: an integer), the sizes (symbols in a
// sum's bounds: an integer at least 1) and the arrays with their ranks.
type space struct {
	scalars  []string
	indices  []string
	sizes    []string
	arrays   map[string]int
	maxIndex int // the largest numeric index written
	hasSum   bool
	// rational: both sides are rational functions of scalars (sums,
	// products, integer powers), so exact evaluation and Schwartz-Zippel
	// apply.
	rational bool
	degree   int // a bound on the degree of the numerator of left - right
}

// spaceOf finds the variables of both sides.
func spaceOf(l, r expr.Expr) *space {
	s := &space{arrays: map[string]int{}, rational: true}
	seen := map[string]bool{}
	sizes := map[string]bool{}
	indices := map[string]bool{}
	var bound []map[string]bool
	isBound := func(n string) bool {
		for _, b := range bound {
			if b[n] {
				return true
			}
		}
		return false
	}
	var walk func(x expr.Expr, inIndex bool)
	walk = func(x expr.Expr, inIndex bool) {
		switch y := x.(type) {
		case *expr.Symbol:
			n := y.Name()
			if expr.IsConstantSymbol(y) || isBound(n) {
				return
			}
			if inIndex {
				indices[n] = true
			}
			seen[n] = true
			return
		case *expr.Indexed:
			s.rational = s.rational && y.HasNumericIndex()
			if r, ok := s.arrays[y.Name()]; !ok || r < len(y.Index()) {
				s.arrays[y.Name()] = len(y.Index())
			}
			for _, ix := range y.Index() {
				if n, ok := ix.(*expr.Number); ok {
					if k, ok := n.Int64(); ok && int(k) > s.maxIndex && k < 1000 {
						s.maxIndex = int(k)
					}
				}
				walk(ix, true)
			}
			return
		case *expr.BigOp:
			s.hasSum = true
			s.rational = false
			walk(y.Lo(), inIndex)
			walk(y.Hi(), inIndex)
			expr.Inspect(y.Lo(), func(z expr.Expr) bool { markSizes(z, sizes); return true })
			expr.Inspect(y.Hi(), func(z expr.Expr) bool { markSizes(z, sizes); return true })
			bound = append(bound, map[string]bool{y.Var().Name(): true})
			walk(y.Body(), inIndex)
			bound = bound[:len(bound)-1]
			return
		case *expr.CallExpr:
			s.rational = false
		case *expr.PowExpr:
			if n, ok := y.Exp().(*expr.Number); !ok || !n.IsInt() {
				s.rational = false
			}
		case *expr.Derivative:
			s.rational = false
		}
		for _, a := range x.Args() {
			walk(a, inIndex)
		}
	}
	walk(l, false)
	walk(r, false)
	for n := range seen {
		switch {
		case sizes[n] || counts[n]:
			s.sizes = append(s.sizes, n)
		case indices[n]:
			s.indices = append(s.indices, n)
		default:
			s.scalars = append(s.scalars, n)
		}
	}
	slices.Sort(s.scalars)
	slices.Sort(s.indices)
	slices.Sort(s.sizes)
	s.rational = s.rational && len(s.arrays) == 0
	if s.rational {
		nl, dl := degree(l)
		nr, dr := degree(r)
		s.degree = max(nl+dr, nr+dl)
	}
	return s
}

// counts are the names that conventionally count things (N samples, K
// classes): they are drawn as sizes, positive integers, even where no sum
// runs to them.
var counts = map[string]bool{"N": true, "M": true, "K": true, "T": true}

func markSizes(z expr.Expr, sizes map[string]bool) {
	if sym, ok := z.(*expr.Symbol); ok && !expr.IsConstantSymbol(sym) {
		sizes[sym.Name()] = true
	}
}

// degree bounds the degrees of the numerator and denominator of a
// rational function written as x is.
func degree(x expr.Expr) (num, den int) {
	switch y := x.(type) {
	case *expr.Number:
		return 0, 0
	case *expr.Symbol, *expr.Indexed:
		return 1, 0
	case *expr.AddExpr:
		for _, t := range y.Terms() {
			n, d := degree(t)
			num = max(num+d, n+den)
			den += d
		}
		return num, den
	case *expr.MulExpr:
		for _, f := range y.Factors() {
			n, d := degree(f)
			num += n
			den += d
		}
		return num, den
	case *expr.PowExpr:
		n, d := degree(y.Base())
		k, _ := y.Exp().(*expr.Number).Int64()
		if k < 0 {
			return int(-k) * d, int(-k) * n
		}
		return int(k) * n, int(k) * d
	}
	return 0, 0
}

// point is an assignment of values to a space.
type point struct {
	scalars map[string]float64
	exact   map[string]*big.Rat // for the exact path
	arrays  map[string]expr.Array
	n       int // the largest size, for the length of arrays
	least   int // the smallest size, the range of free indices
}

func (p *point) env() expr.Env {
	return expr.Env{Scalars: p.scalars, Arrays: p.arrays}
}

func (p *point) clone() *point {
	q := &point{scalars: map[string]float64{}, arrays: map[string]expr.Array{}, n: p.n, least: p.least}
	for k, v := range p.scalars {
		q.scalars[k] = v
	}
	for k, a := range p.arrays {
		q.arrays[k] = expr.Array{Shape: a.Shape, Data: slices.Clone(a.Data)}
	}
	return q
}

// sizes cycles through the values of N sums are checked at.
var sizes = []int{3, 1, 2, 5, 4, 7, 8, 6}

// scales are the magnitudes of the groups of points in turn: most values
// near 1, some small, so that a large term (exp(60 w)) cannot hide a
// difference below the tolerance at every point.
var scales = []float64{1, 0.125, 1, 0.5, 0.125, 2}

// sampler draws points: values k/64 with k in [16, 160] (0.25 to 2.5,
// exact binary fractions, short to print) times the group's scale, with a
// random sign where signed and the assumptions allow.
type sampler struct {
	rng    *rand.Rand
	s      *space
	assume *Assumptions
	scale  float64
	// uniform: every entry of an array gets the same sign, so that
	// "x[i] > 0 for every i" is as likely as "w > 0" (domain conditions).
	uniform bool
}

func (sm *sampler) value(name string, signed bool) float64 {
	v := float64(16+sm.rng.IntN(145)) / 64 * sm.scale
	if base, dir := sm.assume.bound(name); dir != 0 {
		return base + float64(dir)*v
	}
	if signed && sm.rng.IntN(2) == 0 {
		return -v
	}
	return v
}

// arrayLen is the length of every dimension of an array at size n: room
// for x[2 i + 1] and the numeric indices written.
func (s *space) arrayLen(n int) int { return max(2*n+2, s.maxIndex) }

// draw returns a fresh point of size index k.
func (sm *sampler) draw(k int, signed bool) *point {
	sm.scale = scales[k%len(scales)]
	p := &point{scalars: map[string]float64{}, arrays: map[string]expr.Array{}}
	// Each size its own value (a sum to K is not one to N), the first
	// cycling through sizes.
	for j, v := range sm.s.sizes {
		n := sizes[(k+3*j)%len(sizes)]
		p.scalars[v] = float64(n)
		if j == 0 || n > p.n {
			p.n = n
		}
		if j == 0 || n < p.least {
			p.least = n
		}
	}
	if len(sm.s.sizes) == 0 {
		p.n, p.least = sizes[k%len(sizes)], sizes[k%len(sizes)]
	}
	for _, v := range sm.s.indices {
		p.scalars[v] = float64(1 + sm.rng.IntN(p.least))
	}
	for _, v := range sm.s.scalars {
		p.scalars[v] = sm.value(v, signed)
	}
	for name, rank := range sm.s.arrays {
		p.arrays[name] = sm.array(name, rank, p.n, signed)
	}
	return p
}

func (sm *sampler) array(name string, rank, n int, signed bool) expr.Array {
	size, shape := 1, make([]int, rank)
	for i := range shape {
		shape[i] = sm.s.arrayLen(n)
		size *= shape[i]
	}
	a := expr.Array{Shape: shape, Data: make([]float64, size)}
	flip := sm.uniform && signed && sm.rng.IntN(2) == 0
	for i := range a.Data {
		a.Data[i] = sm.value(name, signed && !sm.uniform)
		if flip {
			if _, dir := sm.assume.bound(name); dir == 0 {
				a.Data[i] = -a.Data[i]
			}
		}
	}
	return a
}

// redraw gives new values to the parameters of p, keeping the data.
func (sm *sampler) redraw(p *point, params map[string]bool, signed bool) *point {
	q := p.clone()
	for _, v := range sm.s.scalars {
		if params[v] {
			q.scalars[v] = sm.value(v, signed)
		}
	}
	for name, rank := range sm.s.arrays {
		if params[name] {
			q.arrays[name] = sm.array(name, rank, p.n, signed)
		}
	}
	return q
}

// bindings writes p for a reader: every scalar, and the first entries of
// each array that a sum of size n reads.
func (s *space) bindings(p *point) []Binding {
	var out []Binding
	for _, v := range s.sizes {
		out = append(out, Binding{v, strconv.Itoa(int(p.scalars[v]))})
	}
	for _, v := range s.indices {
		out = append(out, Binding{v, formatFloat(p.scalars[v])})
	}
	for _, v := range s.scalars {
		if p.exact != nil {
			out = append(out, Binding{v, p.exact[v].RatString()})
			continue
		}
		out = append(out, Binding{v, formatFloat(p.scalars[v])})
	}
	names := make([]string, 0, len(s.arrays))
	for name := range s.arrays {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		a := p.arrays[name]
		show := max(p.n, s.maxIndex)
		if len(s.sizes) == 0 && s.maxIndex > 0 {
			show = s.maxIndex
		}
		if len(a.Shape) == 1 {
			var vs []string
			for _, v := range a.Data[:min(show, len(a.Data))] {
				vs = append(vs, formatFloat(v))
			}
			out = append(out, Binding{name, "[" + strings.Join(vs, ", ") + "]"})
		} else {
			out = append(out, Binding{name, "random entries"})
		}
	}
	return out
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
