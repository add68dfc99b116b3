package equiv

import (
	"math/rand/v2"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

// Assumptions restrict the points a relation is checked at: "w > 0,
// x[i] > 0". A variable compared with 0 is drawn with that sign; any
// other assumption is checked at each point drawn, and points that break
// it are not used.
type Assumptions struct {
	List []Assumption
	// drawn[k] is set when the sampler makes List[k] hold by drawing its
	// variable that way, so it need not be checked at each point.
	drawn []bool
}

// newAssumptions makes the list, and works out which it draws.
func newAssumptions(list []Assumption) *Assumptions {
	as := &Assumptions{List: list, drawn: make([]bool, len(list))}
	for k, a := range list {
		v := a.Left
		if _, ok := v.(*expr.Number); ok {
			v = a.Right
		}
		var name string
		switch y := v.(type) {
		case *expr.Symbol:
			name = y.Name()
		case *expr.Indexed:
			if y.HasNumericIndex() {
				continue
			}
			name = y.Name()
		default:
			continue
		}
		if i, _, dir := as.boundIndex(name); dir != 0 && i == k {
			as.drawn[k] = true
		}
	}
	return as
}

// Without is as without the assumptions about v: what a check that has
// put an expression in for v (a solution into its equation) still
// assumes. An assumption about a variable the sides do not hold would
// otherwise be read as one about an index, tried at 1..N.
func (as *Assumptions) Without(v expr.Expr) *Assumptions {
	if as == nil {
		return nil
	}
	var keep []Assumption
	for _, a := range as.List {
		if !expr.DependsOn(a.Left, v) && !expr.DependsOn(a.Right, v) {
			keep = append(keep, a)
		}
	}
	return newAssumptions(keep)
}

// Assumption is left op right, with op one of > >= < <= !=.
type Assumption struct {
	Left, Right expr.Expr
	Op          string
	Pos         diag.Pos
	Src         string
}

func (a Assumption) String() string { return a.Src }

// ops are the comparison signs, longest first so >= is not read as >.
var ops = []string{">=", "<=", "!=", "≥", "≤", "≠", ">", "<"}

// ParseAssumptions reads comma-separated comparisons; errors are placed
// in src (what --assume was given), line 1.
func ParseAssumptions(filename, src string) (*Assumptions, error) {
	var list []Assumption
	var errs diag.List
	start := 0
	depth := 0
	parts := []struct {
		text string
		at   int
	}{}
	for i, c := range src {
		switch c {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, struct {
					text string
					at   int
				}{src[start:i], start})
				start = i + 1
			}
		}
	}
	parts = append(parts, struct {
		text string
		at   int
	}{src[start:], start})
	base := diag.Pos{File: filename, Line: 1, Col: 1}
	for _, part := range parts {
		text := strings.TrimSpace(part.text)
		at := part.at + strings.Index(part.text, text)
		pos := base.Advance(src[:at])
		if text == "" {
			if strings.TrimSpace(src) == "" {
				continue
			}
			errs = append(errs, located(diag.At(pos, "an empty assumption"), src))
			continue
		}
		op, k := "", -1
		for _, o := range ops {
			if j := strings.Index(text, o); j >= 0 && (k < 0 || j < k) {
				op, k = o, j
			}
		}
		if k < 0 {
			errs = append(errs, located(diag.At(pos, "assumption %q has no comparison (want one of > >= < <= !=)", text), src))
			continue
		}
		l, err := parser.ParseFile(filename, text[:k])
		if err != nil {
			errs = append(errs, shift(err, pos, src))
			continue
		}
		rpos := pos.Advance(text[:k+len(op)])
		r, err := parser.ParseFile(filename, text[k+len(op):])
		if err != nil {
			errs = append(errs, shift(err, rpos, src))
			continue
		}
		switch op {
		case "≥":
			op = ">="
		case "≤":
			op = "<="
		case "≠":
			op = "!="
		}
		list = append(list, Assumption{Left: l, Right: r, Op: op, Pos: pos, Src: text})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return newAssumptions(list), nil
}

// located gives e the source line for its snippet.
func located(e *diag.Error, src string) *diag.Error {
	if e.Pos.Line == 1 {
		line, _, _ := strings.Cut(src, "\n")
		e.Src = line
	}
	return e
}

// shift moves a parse error of a part of a one-line source to its place
// in the whole.
func shift(err error, at diag.Pos, src string) *diag.Error {
	d := diag.From(err)
	c := *d
	if c.Pos.IsValid() {
		c.Pos = diag.Pos{File: at.File, Line: at.Line, Col: at.Col + c.Pos.Col - 1, Offset: at.Offset + c.Pos.Offset}
	} else {
		c.Pos = at
	}
	return located(&c, src)
}

// bound is how a variable is drawn: base + dir*v for a random v > 0 when
// an assumption compares it (or its entries, x[i]) with a number base
// (w > 0: base 0, dir 1; p < 1: base 1, dir -1); dir is 0 when none does.
func (as *Assumptions) bound(name string) (base float64, dir int) {
	_, base, dir = as.boundIndex(name)
	return base, dir
}

// boundIndex is bound, and the index of the assumption it comes from.
func (as *Assumptions) boundIndex(name string) (k int, base float64, dir int) {
	if as == nil {
		return -1, 0, 0
	}
	for k, a := range as.List {
		v, c, op := a.Left, a.Right, a.Op
		if _, ok := v.(*expr.Number); ok {
			v, c, op = a.Right, a.Left, flip(op)
		}
		n, ok := c.(*expr.Number)
		if !ok || !names(v, name) {
			continue
		}
		switch op {
		case ">", ">=":
			return k, n.Float(), 1
		case "<", "<=":
			return k, n.Float(), -1
		}
	}
	return -1, 0, 0
}

// sign is the sign a variable is drawn with, when an assumption fixes it
// (w > 0: 1), else 0.
func (as *Assumptions) sign(name string) int {
	base, dir := as.bound(name)
	if base == 0 {
		return dir
	}
	if base > 0 && dir > 0 {
		return 1
	}
	if base < 0 && dir < 0 {
		return -1
	}
	return 0
}

func flip(op string) string {
	switch op {
	case ">":
		return "<"
	case "<":
		return ">"
	case ">=":
		return "<="
	case "<=":
		return ">="
	}
	return op
}

// names reports whether v is the variable name, or an entry of the array
// name at symbolic indices (x[i]: every entry).
func names(v expr.Expr, name string) bool {
	switch y := v.(type) {
	case *expr.Symbol:
		return y.Name() == name
	case *expr.Indexed:
		return y.Name() == name && !y.HasNumericIndex()
	}
	return false
}

// holds reports whether every assumption holds at p: one with a free
// index symbol (x[i] > y[i]) for every value of it from 1 to p's size.
func (as *Assumptions) holds(p *point) bool {
	if as == nil {
		return true
	}
	for k, a := range as.List {
		if k < len(as.drawn) && as.drawn[k] {
			continue
		}
		if !a.holds(p) {
			return false
		}
	}
	return true
}

func (a Assumption) holds(p *point) bool {
	diff := expr.Sub(a.Left, a.Right)
	var free []string
	for _, s := range expr.FreeSymbols(diff) {
		if _, ok := p.scalars[s.Name()]; !ok {
			free = append(free, s.Name())
		}
	}
	env := p.env()
	if len(free) > 0 {
		env.Scalars = map[string]float64{}
		for k, v := range p.scalars {
			env.Scalars[k] = v
		}
	}
	var try func(k int) bool
	try = func(k int) bool {
		if k == len(free) {
			v, err := expr.Eval(diff, env)
			if err != nil {
				return true // says nothing here
			}
			return compare(v, a.Op)
		}
		for i := 1; i <= max(p.n, 1); i++ {
			env.Scalars[free[k]] = float64(i)
			if !try(k + 1) {
				return false
			}
		}
		return true
	}
	return try(0)
}

func compare(v float64, op string) bool {
	const eps = 1e-12
	switch op {
	case ">":
		return v > 0
	case ">=":
		return v >= -eps
	case "<":
		return v < 0
	case "<=":
		return v <= eps
	case "!=":
		return v != 0
	}
	return true
}

// consistencyDraws is how many random points Consistent tries.
const consistencyDraws = 400

// Consistent returns an error, at the first assumption that cannot hold
// together with those before it, when no point drawn satisfies them: the
// assumptions contradict each other (w > 0, w < 0), or leave too little
// room to find a point.
func (as *Assumptions) Consistent() error {
	if as == nil {
		return nil
	}
	for k := range as.List {
		prefix := newAssumptions(as.List[:k+1])
		var xs []expr.Expr
		for _, a := range prefix.List {
			xs = append(xs, expr.Sub(a.Left, a.Right))
		}
		s := spaceOf(expr.Add(xs...), expr.Zero)
		sm := &sampler{rng: rand.New(rand.NewPCG(0x5eed, 18)), s: s, assume: prefix}
		ok := false
		for i := range consistencyDraws {
			if prefix.holds(sm.draw(i, true)) {
				ok = true
				break
			}
		}
		if !ok {
			a := as.List[k]
			e := diag.At(a.Pos, "assumption %q contradicts the ones before it: no value satisfies them all", a.Src)
			return e
		}
	}
	return nil
}
