package equiv

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// Numbers of points: groups of points with the same data (and sizes), and
// points per group differing in the parameters only.
const (
	groupsPerPhase = 6
	perGroup       = 3
	drawTries      = 40 // draws per wanted point, for assumptions to hold
	exactPoints    = 6
	// exactSet is the size of the set exact coordinates are drawn from:
	// k/997 for k in [-10^6, 10^6], k != 0.
	exactSet = 2_000_000
	relTol   = 1e-9
)

// value is both sides at one point; ok is false for a side without a
// value there.
type value struct {
	p            *point
	l, r         float64
	lok, rok     bool
	scale        float64
	group        int
	signedSample bool
}

// evaluate computes both sides at p.
func (d *decider) evaluate(p *point) value {
	env := p.env()
	env.Meter = d.m
	v := value{p: p}
	var err error
	v.l, err = d.value(d.l, p, env)
	v.lok = err == nil
	v.r, err = d.value(d.r, p, env)
	v.rok = err == nil
	v.scale = max(1, math.Abs(v.l), math.Abs(v.r))
	if v.lok && v.rok && (d.rel != Equal || !d.close(v.l, v.r, v.scale)) {
		// Large terms that cancel make a small difference of rounding.
		v.scale = max(v.scale, termScale(d.l, env), termScale(d.r, env))
	}
	return v
}

// termScale is the largest magnitude of x's top-level terms, so that
// cancellation of large terms is not taken for a difference.
func termScale(x expr.Expr, env expr.Env) float64 {
	a, ok := x.(*expr.AddExpr)
	if !ok {
		return 0
	}
	s := 0.0
	for _, t := range a.Terms() {
		if v, err := expr.Eval(t, env); err == nil {
			s = max(s, math.Abs(v))
		}
	}
	return s
}

// close reports whether a and b agree to the tolerance at scale.
func (d *decider) close(a, b, scale float64) bool { return math.Abs(a-b) <= d.tol*scale }

// numeric decides by evaluation. proved is how the algebra proved Equal,
// or "".
func (d *decider) numeric(proved string) *Result {
	sm := &sampler{rng: rand.New(rand.NewPCG(0x5eed, 16)), s: d.space, assume: d.assume}
	var pos, signed []value
	mismatch := []value{}
	for phase := range 2 {
		isSigned := phase == 1
		for g := range groupsPerPhase {
			group := d.group(sm, g, isSigned)
			for _, v := range group {
				v.group = g + phase*groupsPerPhase
				v.signedSample = isSigned
				switch {
				case v.lok && v.rok:
					if isSigned {
						signed = append(signed, v)
					} else {
						pos = append(pos, v)
					}
				case v.lok != v.rok:
					mismatch = append(mismatch, v)
				}
			}
			if !d.m.OK() {
				return nil
			}
		}
	}
	all := append(slices.Clone(pos), signed...)
	if len(all) < 2 {
		why := "neither side has a value at the points tried"
		if len(mismatch) > 0 {
			why = "the sides are never both defined at the points tried"
		}
		return &Result{Verdict: Undecided, Reason: why + " (" + d.strength() + ")"}
	}
	if bad := d.failing(pos); bad != nil {
		return &Result{Verdict: Fails, Counterexample: bad, Reason: d.failReason(proved)}
	}
	if bad := d.failing(signed); bad != nil {
		if len(pos) >= 2 {
			conds := d.signConditions(sm, pos)
			return &Result{Verdict: HoldsUnder, Conditions: conds,
				Reason: fmt.Sprintf("holds at %d points where the variables are positive, fails elsewhere (%s); %s", len(pos), bad, d.strength())}
		}
		return &Result{Verdict: Fails, Counterexample: bad, Reason: d.failReason(proved)}
	}
	how := fmt.Sprintf("agrees at %d random points to a relative %g (%s)", len(all), d.tol, d.strength())
	if proved != "" {
		how = proved + "; " + how
	}
	if len(mismatch) > 0 {
		conds := d.domainConditions(sm)
		if len(conds) == 0 {
			return &Result{Verdict: Holds, Reason: "where both sides are defined (their domains differ " + d.space.pointString(mismatch[0].p) + ", by no condition of a log or a root); " + how}
		}
		return &Result{Verdict: HoldsUnder, Conditions: conds,
			Reason: "the sides' domains differ (only one side has a value " + d.space.pointString(mismatch[0].p) + "); " + how}
	}
	return &Result{Verdict: Holds, Reason: how}
}

// strength says what the float evaluation covered.
func (d *decider) strength() string {
	s := "float evaluation, positive points then random signs"
	if d.space.hasSum {
		s += ", sums at N = 1 to 8 with random data"
	}
	if d.tol == numericTol {
		s += ", a derivative the engine could not work out taken by central differences"
	}
	return s
}

func (d *decider) failReason(proved string) string {
	if proved != "" {
		return "the algebra calls the difference 0 where both sides are defined, but evaluation disagrees"
	}
	return "the relation fails at a point (" + d.strength() + ")"
}

// group draws perGroup points with the same data; for Equal they are
// independent.
func (d *decider) group(sm *sampler, g int, signed bool) []value {
	base := d.drawOK(sm, g, signed)
	if base == nil {
		return nil
	}
	out := []value{d.evaluate(base)}
	for range perGroup - 1 {
		var q *point
		if d.rel == Equal {
			q = d.drawOK(sm, g, signed)
		} else {
			for range drawTries {
				q = sm.redraw(base, d.params, signed)
				if d.assume.holds(q) {
					break
				}
				q = nil
			}
		}
		if q != nil {
			out = append(out, d.evaluate(q))
		}
	}
	return out
}

// drawOK draws a point where the assumptions hold, or nil.
func (d *decider) drawOK(sm *sampler, g int, signed bool) *point {
	for range drawTries {
		p := sm.draw(g, signed)
		if d.assume.holds(p) {
			return p
		}
	}
	return nil
}

// failing returns a counterexample among vs for d's relation, or nil.
func (d *decider) failing(vs []value) *Counterexample {
	if d.rel == Equal {
		for _, v := range vs {
			if !d.close(v.l, v.r, v.scale) {
				return d.counter(v)
			}
		}
		return nil
	}
	groups := map[int][]value{}
	var order []int
	for _, v := range vs {
		if _, ok := groups[v.group]; !ok {
			order = append(order, v.group)
		}
		groups[v.group] = append(groups[v.group], v)
	}
	for _, g := range order {
		if c := d.failingGroup(groups[g]); c != nil {
			return c
		}
	}
	return nil
}

func (d *decider) counter(v value) *Counterexample {
	return &Counterexample{Point: d.space.bindings(v.p), Left: formatFloat(v.l), Right: formatFloat(v.r)}
}

// failingGroup checks one group of points with the same data.
func (d *decider) failingGroup(vs []value) *Counterexample {
	pair := func(a, b value) *Counterexample {
		c := d.counter(a)
		c.Other = d.counter(b)
		return c
	}
	scale := 0.0
	for _, v := range vs {
		scale = max(scale, v.scale)
	}
	switch d.rel {
	case UpToConstant:
		for _, v := range vs[1:] {
			if !d.close(v.l-v.r, vs[0].l-vs[0].r, scale) {
				return pair(vs[0], v)
			}
		}
	case UpToFactor:
		for _, v := range vs {
			if d.close(v.r, 0, scale) != d.close(v.l, 0, scale) || (v.r != 0 && v.l/v.r <= 0 && !d.close(v.l, 0, scale)) {
				return d.counter(v)
			}
		}
		for _, v := range vs[1:] {
			if v.r == 0 || vs[0].r == 0 {
				continue
			}
			a, b := v.l/v.r, vs[0].l/vs[0].r
			if math.Abs(a-b) > d.tol*max(1, math.Abs(a), math.Abs(b))*1e3 {
				return pair(vs[0], v)
			}
		}
	case SameArgmin:
		i, j := 0, 0
		for k := range vs {
			if vs[k].r < vs[i].r {
				i = k
			}
			if vs[k].r > vs[j].r {
				j = k
			}
		}
		if d.close(vs[i].r, vs[j].r, scale) {
			for _, v := range vs[1:] {
				if !d.close(v.l, vs[0].l, scale) {
					return pair(vs[0], v)
				}
			}
			return nil
		}
		a := (vs[j].l - vs[i].l) / (vs[j].r - vs[i].r)
		b := vs[i].l - a*vs[i].r
		if a <= relTol {
			return pair(vs[i], vs[j]) // the order of the values is reversed
		}
		for _, v := range vs {
			if !d.close(v.l, a*v.r+b, scale*max(1, a)) {
				return pair(vs[i], v)
			}
		}
	}
	return nil
}

// pointString writes a point for a reason.
func (s *space) pointString(p *point) string {
	c := &Counterexample{Point: s.bindings(p)}
	str := ""
	for i, b := range c.Point {
		if i > 0 {
			str += ", "
		}
		str += b.Name + " = " + b.Value
	}
	return "at " + str
}

// exact decides Equal for rational functions by exact evaluation; nil
// when it cannot (a pole at every point).
func (d *decider) exact() *Result {
	rng := rand.New(rand.NewPCG(0x5eed, 17))
	done := 0
	for range exactPoints * 4 {
		if done == exactPoints {
			break
		}
		m := map[expr.Expr]expr.Expr{}
		p := &point{exact: map[string]*big.Rat{}}
		for _, v := range d.space.scalars {
			k := int64(1 + rng.IntN(exactSet/2))
			sign := d.assume.sign(v)
			if sign < 0 || (sign == 0 && rng.IntN(2) == 0) {
				k = -k
			}
			r := big.NewRat(k, 997)
			p.exact[v] = r
			m[expr.Sym(v)] = expr.NewNumber(r)
		}
		l, _ := expr.Substitute(d.l, m).(*expr.Number)
		r, _ := expr.Substitute(d.r, m).(*expr.Number)
		if l == nil || r == nil {
			continue // a pole, or a budget: try another point
		}
		if l != r {
			c := d.smallCounter()
			if c == nil {
				c = &Counterexample{Point: d.space.bindings(p), Left: l.String(), Right: r.String()}
			}
			return &Result{Verdict: Fails, Reason: "exact evaluation at a random rational point", Counterexample: c}
		}
		done++
	}
	if done < exactPoints {
		return nil
	}
	prob := math.Pow(float64(d.space.degree)/exactSet, exactPoints)
	return &Result{Verdict: Holds, Reason: fmt.Sprintf(
		"both sides are rational functions, equal at %d random exact rational points from a set of %d values; the numerator of their difference has degree at most %d, so by Schwartz-Zippel unequal sides would agree at all of them with probability at most (%d/%d)^%d = %.2g",
		exactPoints, exactSet, d.space.degree, d.space.degree, exactSet, exactPoints, prob)}
}

// smallValues are the values smallCounter tries, the ones a reader checks
// by hand first.
var smallValues = []int64{1, 2, 3, 5, 4, 7}

// smallCounter looks for a point of small numbers (1, 2, 1/2, ...) where
// the sides differ, once a random point has shown that they do: a
// counterexample x = 2 is one a student can check, x = 228528/997 is not.
// nil when none of the tries is such a point.
func (d *decider) smallCounter() *Counterexample {
	n := len(smallValues)
	for try := range 3 * n {
		m := map[expr.Expr]expr.Expr{}
		p := &point{exact: map[string]*big.Rat{}}
		for i, v := range d.space.scalars {
			k := smallValues[(try+2*i)%n]
			r := big.NewRat(k, 1)
			if try >= n {
				r = big.NewRat(k, int64(2+try/n)) // halves, then thirds
			}
			sign := d.assume.sign(v)
			if sign < 0 || (sign == 0 && (try+i)%4 == 3) {
				r.Neg(r)
			}
			p.exact[v] = r
			m[expr.Sym(v)] = expr.NewNumber(r)
		}
		l, _ := expr.Substitute(d.l, m).(*expr.Number)
		r, _ := expr.Substitute(d.r, m).(*expr.Number)
		if l != nil && r != nil && l != r {
			return &Counterexample{Point: d.space.bindings(p), Left: l.String(), Right: r.String()}
		}
	}
	return nil
}
