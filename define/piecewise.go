package define

import (
	"math"
	"sort"
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/simplify"
)

// piecewise(c1: v1, c2: v2, ..., v) is v1 where c1 holds, else v2 where
// c2 holds, ..., else v (the first condition that holds wins, as in an
// if-else chain). A condition compares the variable with numbers: x > 0,
// x <= 1, -1 < x < 1. The pieces are expanded into the engine's terms
// over the intervals they own, R_0 < R_1 < ... < R_k, split at c_1 < ...
// < c_k, with P_i the value on R_i:
//
//	f = P_0(min(x, c_1)) + sum_i [P_i(clamp(x, c_i, c_i+1)) - P_i(c_i)] + sum_i J_i H_i(x)
//
// where J_i = P_i(c_i) - P_i-1(c_i) is the jump at c_i and H_i the step
// that is 1 past c_i (and at c_i when c_i belongs to R_i). On R_j the
// sum telescopes to P_j(x). Each piece is evaluated only on its own
// interval's closure, so exp(x) on x < 0 never overflows for large x,
// and the kinks are where min, max and step switch, as the analysis of
// an activation finds them; ELU comes out as alpha (exp(min(x, 0)) - 1)
// + relu(x).

// interval is a set of reals between two ends; an infinite end is ±Inf.
type interval struct {
	lo, hi     float64
	loIn, hiIn bool
	loX, hiX   expr.Expr // the exact ends; nil when infinite
}

func (iv interval) holds(x float64) bool {
	return (x > iv.lo || iv.loIn && x == iv.lo) && (x < iv.hi || iv.hiIn && x == iv.hi)
}

// cond is a condition as read.
type cond struct {
	iv       interval
	plain    string
	tex      string
	from, to int
}

// pieceSrc is one argument of piecewise.
type pieceSrc struct {
	c        *cond // nil for the last value, which holds otherwise
	value    expr.Expr
	from, to int
	vat      int // where the value starts
}

func (r *reader) piecewise(c call) (expr.Expr, error) {
	before, after, semi := r.args(c.open+1, c.end-1)
	if semi {
		return nil, at(r.src, after[0].from-1, "piecewise takes pieces separated by commas, COND: VALUE, then the value otherwise")
	}
	var pieces []pieceSrc
	for k, it := range before {
		if r.blank(it) {
			return nil, at(r.src, it.from, "expected a piece, COND: VALUE, or the value otherwise")
		}
		colon, hasCond := topLevel(r.src[it.from:it.to], ':')
		p := pieceSrc{from: it.from, to: it.to}
		vfrom := it.from
		if hasCond {
			condText := strings.TrimSpace(r.src[it.from : it.from+colon])
			vfrom = it.from + colon + 1
			if condText != "otherwise" {
				cd, err := r.condition(it.from, it.from+colon)
				if err != nil {
					return nil, err
				}
				p.c = cd
			}
		}
		if p.c == nil && k != len(before)-1 {
			return nil, at(r.src, it.from+lead(r.src[it.from:it.to]), "only the last value of piecewise holds otherwise; give this one a condition, x > 0: VALUE")
		}
		v, err := r.term(vfrom, it.to)
		if err != nil {
			return nil, err
		}
		p.value, p.vat = v, vfrom+lead(r.src[vfrom:it.to])
		pieces = append(pieces, p)
	}
	if r.v == nil {
		return nil, at(r.src, c.start, "piecewise needs at least one condition, as in piecewise(x > 0: x, 0)")
	}
	x, err := r.expand(c, pieces)
	if err != nil {
		return nil, err
	}
	if r.cases == nil {
		r.cases, r.span = map[int][]Case{}, map[int]int{}
	}
	var cs []Case
	for _, p := range pieces {
		k := Case{Value: p.value}
		if p.c != nil {
			k.Cond, k.CondTeX = p.c.plain, p.c.tex
		}
		cs = append(cs, k)
	}
	r.cases[c.start], r.span[c.start] = cs, c.end
	return x, nil
}

// topCases are the cases of a body that is one piecewise call.
func (r *reader) topCases(bodyOff int) []Case {
	start := bodyOff + lead(r.src[bodyOff:])
	if end, ok := r.span[start]; ok && strings.TrimSpace(r.src[end:]) == "" {
		return r.cases[start]
	}
	return nil
}

// comparison is one of <, <=, >, >= found in a condition.
type comparison struct {
	off  int
	op   string
	less bool // < or <=
	in   bool // <= or >=
}

// condition reads src[from:to]: the variable compared with one number,
// or between two.
func (r *reader) condition(from, to int) (*cond, error) {
	text := r.src[from:to]
	var ops []comparison
	depth := 0
	for i := 0; i < len(text); i++ {
		switch ch := text[i]; {
		case ch == '(' || ch == '[':
			depth++
		case ch == ')' || ch == ']':
			depth--
		case depth == 0 && (ch == '<' || ch == '>'):
			op := comparison{off: from + i, op: string(ch), less: ch == '<'}
			if i+1 < len(text) && text[i+1] == '=' {
				op.op += "="
				op.in = true
				i++
			}
			ops = append(ops, op)
		case depth == 0 && ch == '=':
			return nil, at(r.src, from+i, "a condition is an inequality, x > 0 or x <= 1; equality holds at one point only")
		}
	}
	if len(ops) == 0 {
		return nil, at(r.src, from+lead(text), "expected a condition, x > 0 or -1 <= x < 1, before %q", ":")
	}
	if len(ops) > 2 || len(ops) == 2 && ops[0].less != ops[1].less {
		return nil, at(r.src, ops[len(ops)-1].off, "a condition compares the variable with one number, or puts it between two: -1 < x < 1")
	}
	// The sides, each a term.
	bounds := []int{from}
	for _, o := range ops {
		bounds = append(bounds, o.off, o.off+len(o.op))
	}
	bounds = append(bounds, to)
	var sides []expr.Expr
	var offs []int
	for i := 0; i < len(bounds); i += 2 {
		a, b := bounds[i], bounds[i+1]
		if strings.TrimSpace(r.src[a:b]) == "" {
			return nil, at(r.src, a, "expected a term on this side of the comparison")
		}
		x, err := r.term(a, b)
		if err != nil {
			return nil, err
		}
		sides = append(sides, x)
		offs = append(offs, a+lead(r.src[a:b]))
	}
	// Which side is the variable.
	vi := -1
	for i, s := range sides {
		if sym, ok := s.(*expr.Symbol); ok && (r.v == nil || sym == r.v) && (len(sides) == 2 || i == 1) {
			vi = i
		}
	}
	if vi < 0 {
		want := "the variable"
		if r.v != nil {
			want = r.v.Name()
		}
		return nil, at(r.src, offs[0], "a condition compares %s with a number: %s > 0, or -1 < %s < 1", want, nameOr(r.v), nameOr(r.v))
	}
	v := sides[vi].(*expr.Symbol)
	if r.v == nil {
		r.v = v
	}
	c := &cond{from: from, to: to, iv: interval{lo: math.Inf(-1), hi: math.Inf(1)}}
	for i, s := range sides {
		if i == vi {
			continue
		}
		if len(expr.FreeSymbols(s)) > 0 {
			return nil, at(r.src, offs[i], "where a piece ends must be a number, not %s (write the parameter's value there)", expr.Short(s))
		}
		val, err := expr.Eval(s, expr.Env{})
		if err != nil || math.IsNaN(val) || math.IsInf(val, 0) {
			return nil, at(r.src, offs[i], "%s is not a finite number", expr.Short(s))
		}
		// op is between side i and the variable: on the left (i < vi) it
		// is ops[i]; on the right, ops[vi].
		var o comparison
		bound := s
		if i < vi {
			o = ops[i]
			o.less = !o.less // c < x: x > c
		} else {
			o = ops[vi]
		}
		if o.less {
			c.iv.hi, c.iv.hiIn, c.iv.hiX = val, o.in, bound
		} else {
			c.iv.lo, c.iv.loIn, c.iv.loX = val, o.in, bound
		}
	}
	if !(c.iv.lo < c.iv.hi) {
		return nil, at(r.src, from+lead(text), "%s holds nowhere", strings.TrimSpace(text))
	}
	c.plain = strings.Join(strings.Fields(text), " ")
	var tex []string
	for i, s := range sides {
		tex = append(tex, latex.Expr(s))
		if i < len(ops) {
			tex = append(tex, map[string]string{"<": "<", "<=": `\le`, ">": ">", ">=": `\ge`}[ops[i].op])
		}
	}
	c.tex = strings.Join(tex, " ")
	return c, nil
}

func nameOr(v *expr.Symbol) string {
	if v == nil {
		return "x"
	}
	return v.Name()
}

// region is an interval owned by one piece.
type region struct {
	owner      int
	lo, hi     float64
	loX, hiX   expr.Expr
	loIn, hiIn bool
}

// expand turns the pieces into one term: it finds the intervals each
// piece owns, first condition first, and checks that every piece owns
// one and every point has a piece.
func (r *reader) expand(c call, pieces []pieceSrc) (expr.Expr, error) {
	// The ends of all conditions, sorted, with their exact values.
	exact := map[float64]expr.Expr{}
	for _, p := range pieces {
		if p.c == nil {
			continue
		}
		if p.c.iv.loX != nil {
			exact[p.c.iv.lo] = p.c.iv.loX
		}
		if p.c.iv.hiX != nil {
			exact[p.c.iv.hi] = p.c.iv.hiX
		}
	}
	var ends []float64
	for e := range exact {
		ends = append(ends, e)
	}
	sort.Float64s(ends)
	// The cells: open intervals between ends and the ends themselves,
	// each owned by the first piece whose condition holds at a point of it.
	type cell struct {
		at    float64 // a point inside
		point bool
		owner int // -1: none
	}
	var cells []cell
	for i := 0; i <= len(ends); i++ {
		var mid float64
		switch {
		case len(ends) == 0:
			mid = 0
		case i == 0:
			mid = ends[0] - 1
		case i == len(ends):
			mid = ends[i-1] + 1
		default:
			mid = ends[i-1] + (ends[i]-ends[i-1])/2
		}
		cells = append(cells, cell{at: mid})
		if i < len(ends) {
			cells = append(cells, cell{at: ends[i], point: true})
		}
	}
	owns := make([]int, len(pieces)) // open cells owned
	points := make([]int, len(pieces))
	for k := range cells {
		cells[k].owner = -1
		for i, p := range pieces {
			if p.c == nil || p.c.iv.holds(cells[k].at) {
				cells[k].owner = i
				if cells[k].point {
					points[i]++
				} else {
					owns[i]++
				}
				break
			}
		}
	}
	for i, p := range pieces {
		switch {
		case owns[i] == 0 && points[i] == 0 && p.c != nil:
			return nil, at(r.src, p.from+lead(r.src[p.from:p.to]), "%s never decides: the conditions before it cover it (write the pieces in order along the line)", p.c.plain)
		case owns[i] == 0 && points[i] == 0:
			return nil, at(r.src, p.from+lead(r.src[p.from:p.to]), "the last value is never used: the conditions cover the whole line")
		case owns[i] == 0:
			return nil, at(r.src, p.from+lead(r.src[p.from:p.to]), "this piece holds at single points only: a piece covers an interval")
		}
	}
	for _, k := range cells {
		if k.owner < 0 {
			return nil, at(r.src, c.start, "no piece for %s = %s: end piecewise with the value otherwise", r.v.Name(), expr.FormatFloat(k.at))
		}
	}
	// The regions: runs of open cells with one owner; an end between two
	// regions belongs to the one whose piece owns it.
	var regions []region
	for k := 0; k < len(cells); k += 2 {
		o := cells[k].owner
		if len(regions) > 0 && regions[len(regions)-1].owner == o && cells[k-1].owner == o {
			continue // the same piece on both sides of an end it owns
		}
		rg := region{owner: o, lo: math.Inf(-1), hi: math.Inf(1)}
		if k > 0 && cells[k-1].owner != o && cells[k-1].owner != cells[k-2].owner {
			p := pieces[cells[k-1].owner]
			return nil, at(r.src, p.from+lead(r.src[p.from:p.to]), "this piece holds at %s = %s between two other pieces: a piece covers an interval", r.v.Name(), expr.FormatFloat(cells[k-1].at))
		}
		if k > 0 {
			e := ends[k/2-1]
			rg.lo, rg.loX, rg.loIn = e, exact[e], cells[k-1].owner == o
			prev := &regions[len(regions)-1]
			prev.hi, prev.hiX, prev.hiIn = e, exact[e], !rg.loIn
		}
		regions = append(regions, rg)
	}
	return r.assemble(regions, pieces)
}

// assemble writes the expansion of the regions (see piecewise).
func (r *reader) assemble(regions []region, pieces []pieceSrc) (expr.Expr, error) {
	x := r.v
	value := func(rg region) expr.Expr { return pieces[rg.owner].value }
	if len(regions) == 1 {
		return value(regions[0]), nil
	}
	at1 := func(i int, c expr.Expr) (expr.Expr, error) {
		p := pieces[regions[i].owner]
		y, _ := simplify.Simplify(r.ctx, expr.Substitute(p.value, map[expr.Expr]expr.Expr{x: c}))
		if u := expr.UndefinedIn(y); u != nil {
			return nil, at(r.src, p.vat, "%s is undefined at %s = %s, where its piece ends (%s): a piece's value is finite at its ends", expr.Short(p.value), x.Name(), expr.Plain(c), u.Reason())
		}
		if len(expr.FreeSymbols(y)) == 0 {
			if v, err := expr.Eval(y, expr.Env{}); err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, at(r.src, p.vat, "%s is not finite at %s = %s, where its piece ends: a piece's value is finite at its ends", expr.Short(p.value), x.Name(), expr.Plain(c))
			}
		}
		return y, nil
	}
	clampMax := func(c expr.Expr) expr.Expr {
		if n, ok := c.(*expr.Number); ok && n.Sign() == 0 {
			return expr.Call(expr.FnRelu, x)
		}
		return expr.Call(expr.FnMax, x, c)
	}
	k := len(regions) - 1
	terms := []expr.Expr{expr.Substitute(value(regions[0]), map[expr.Expr]expr.Expr{x: expr.Call(expr.FnMin, x, regions[0].hiX)})}
	for i := 1; i <= k; i++ {
		c := regions[i].loX
		var arg expr.Expr
		if i == k {
			arg = clampMax(c)
		} else {
			arg = expr.Call(expr.FnMax, c, expr.Call(expr.FnMin, x, regions[i].hiX))
		}
		here, err := at1(i, c)
		if err != nil {
			return nil, err
		}
		before, err := at1(i-1, c)
		if err != nil {
			return nil, err
		}
		terms = append(terms, expr.Substitute(value(regions[i]), map[expr.Expr]expr.Expr{x: arg}), expr.Neg(here))
		jump, _ := simplify.Simplify(r.ctx, expr.Sub(here, before))
		if n, ok := jump.(*expr.Number); ok && n.Sign() == 0 {
			continue
		}
		step := expr.Call(expr.FnStep, expr.Sub(x, c)) // 0 at c: c is the left piece's
		if regions[i].loIn {
			step = expr.Sub(expr.One, expr.Call(expr.FnStep, expr.Sub(c, x)))
		}
		terms = append(terms, expr.Mul(jump, step))
	}
	return expr.Add(terms...), nil
}
