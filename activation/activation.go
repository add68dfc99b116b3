// Package activation analyses an activation function of a neural network:
// its derivative, derived and simplified as a textbook writes it, and the
// properties an advantage or a drawback rests on, each found by the
// engine from the function itself (no property is looked up by name):
// the limits of f and f' at both infinities (saturation), the largest
// |f'| (the factor a gradient shrinks by per layer), the range, whether
// the output is zero-centred, the kinks with their one-sided derivatives,
// dead units (f' exactly 0 on a half-line), monotonicity, and the cost of
// evaluating f and f'. The discussion (Discuss) derives each point from
// those properties and names the one it follows from.
//
// The derivatives and the exact values (f(0), f' at a kink, the largest
// f') are symbolic: derive and simplify. Limits, roots and signs are
// numeric, in float64, with the method stated where they are computed
// (numeric.go); a value recognised as a simple fraction is given as one.
package activation

import (
	"context"
	"math"
	"math/big"
	"sort"

	"github.com/derivtex/derivtex/define"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/limit"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
)

// Analysis is an activation's derived properties.
type Analysis struct {
	Spec *Spec
	// Derivation is f' derived step by step; Derivative is its result.
	Derivation *derive.Derivation
	Derivative expr.Expr
	// Second is f'', whose roots locate the largest |f'|.
	Second expr.Expr

	// Limits of f and f' at -infinity and +infinity.
	FMinus, FPlus, DMinus, DPlus Limit

	// MaxSlope is the largest |f'| and where it is reached.
	MaxSlope MaxSlope
	// Range is f's range.
	Range Range
	// AtZero is f(0), exact; Odd reports f(-x) = -f(x).
	AtZero expr.Expr
	Odd    bool
	// Negative and Positive report whether f takes values below and above 0.
	Negative, Positive bool
	// Kinks are the points where a relu, max, min, abs, step or sign
	// argument vanishes.
	Kinks []Kink
	// Dead are the half-lines on which f' is exactly 0.
	Dead []HalfLine
	// BelowKinks is f' at BelowAt, 1 below the lowest kink, exactly; nil
	// without kinks.
	BelowKinks, BelowAt expr.Expr
	// Monotone is "increasing", "non-decreasing", "decreasing",
	// "non-increasing" or "not monotone"; Turns are the roots of f' where
	// it changes sign.
	Monotone string
	Turns    []float64
	// Cost counts the exponentials and logarithms of f and of f', and
	// ReusesF reports that f' is written with f's own value (sigmoid'
	// = sigmoid (1 - sigmoid)).
	Cost    Cost
	ReusesF bool

	// ShiftBelow is c where f' = f + c exactly below the lowest kink
	// (ELU: f' = f + alpha for x < 0), checked at rational points; nil
	// when there is no such c.
	ShiftBelow expr.Expr

	// Pieces is f' piece by piece, for an activation defined by cases:
	// each case's value derived, under the case's condition (away from
	// the ends, where Kinks has the one-sided derivatives); nil otherwise.
	Pieces []define.Case

	textbook *expr.Step // the last step of the derivation, textbook's
}

// MaxSlope is the largest |f'|.
type MaxSlope struct {
	Value float64
	Exact expr.Expr // the value worked out exactly, nil if not
	// At is where: a root of f'' (AtRoot), or a half-line or an infinity
	// where f' tends to it (Where says which, in words).
	At     float64
	AtRoot bool
	Where  string
}

// Range is an interval; an end is infinite or a number, closed when f
// reaches it.
type Range struct {
	Lo, Hi             float64
	LoClosed, HiClosed bool
	LoExact, HiExact   *big.Rat
}

// Kink is a point where f's definition switches pieces.
type Kink struct {
	At         float64
	Exact      *big.Rat
	Continuous bool
	// Left and Right are the one-sided derivatives, the limits of f'
	// from either side.
	Left, Right float64
}

// Differentiable reports equal one-sided derivatives.
func (k Kink) Differentiable() bool {
	return math.Abs(k.Left-k.Right) <= 1e-9*(1+math.Abs(k.Left))
}

// HalfLine is x < At (Below) or x > At.
type HalfLine struct {
	At    float64
	Below bool
}

// Cost counts the transcendental calls (exp, log, and the functions
// computed with one: sigmoid, tanh, sinh, cosh) of f and f'.
type Cost struct {
	F, D int
}

// MaxSize bounds the distinct subterms of the second derivative of an
// activation analysed: the numerics evaluate f and its first two
// derivatives at some 10^5 points, which is not charged to the budget
// point by point.
const MaxSize = 2000

// Analyze derives the properties of s. The work is charged to ctx's
// budget.
func Analyze(ctx context.Context, s *Spec) (*Analysis, error) {
	a := &Analysis{Spec: s}
	v := s.Var
	d, err := derive.Steps(ctx, s.F, v)
	if err != nil {
		return nil, err
	}
	d.Layout = s.fLayout()
	a.Derivation, a.Derivative = d, d.Result
	if t, st, ok := textbook(d.Result); ok {
		a.Derivative, a.textbook = t, &st
	}
	if a.Second, err = derive.Diff(ctx, a.Derivative, v); err != nil {
		return nil, err
	}
	if n := expr.Size(a.Second); n > MaxSize {
		return nil, diag.Errorf("%s is too large to analyse: its second derivative has %d distinct subterms, more than %d", expr.Short(s.F), n, MaxSize)
	}
	f, df, ddf := compile(s.F, v), compile(a.Derivative, v), compile(a.Second, v)
	for _, x := range grid() {
		if _, ok := f(x); !ok {
			return nil, diag.Errorf("%s is undefined at %s = %s: an activation is defined on the whole real line", expr.Short(s.F), v.Name(), expr.FormatFloat(x))
		}
	}
	a.FMinus, a.FPlus = a.limit(ctx, s.F, f, -1), a.limit(ctx, s.F, f, 1)
	a.DMinus, a.DPlus = a.limit(ctx, a.Derivative, df, -1), a.limit(ctx, a.Derivative, df, 1)
	a.AtZero = exactAt(ctx, s.F, v, expr.Zero)
	a.kinks(ctx, f, df)
	a.maxSlope(ctx, df, ddf)
	a.dead(ctx)
	a.monotone(df)
	a.signs(ctx, f)
	a.rangeOf(f)
	if err := a.pieces(ctx); err != nil {
		return nil, err
	}
	a.Cost = Cost{F: transcendental(s.F), D: transcendental(a.Derivative)}
	a.ReusesF = a.Cost.F > 0 && occurs(a.Derivative, s.F)
	return a, ctx.Err()
}

// pieces derives each case of a piecewise definition on its own, as a
// textbook writes the derivative of one: elu'(x) = 1 for x > 0, alpha
// exp(x) otherwise.
func (a *Analysis) pieces(ctx context.Context) error {
	s := a.Spec
	if s.Def == nil || s.Def.Cases == nil {
		return nil
	}
	for _, c := range s.Def.Cases {
		// The parameters stay names, as in the definition shown.
		d, err := derive.Diff(ctx, c.Value, s.Var)
		if err != nil {
			return err
		}
		d, _ = simplify.Simplify(ctx, d)
		if t, _, ok := textbook(d); ok {
			d = t
		}
		c.Value = d
		a.Pieces = append(a.Pieces, c)
	}
	return nil
}

// PiecesPlain is f' piece by piece as plain text, "" without pieces.
func (a *Analysis) PiecesPlain() string {
	if a.Pieces == nil {
		return ""
	}
	return (&define.Def{Cases: a.Pieces}).CasesPlain()
}

// PiecesTeX is f' piece by piece as a cases display, "" without pieces.
func (a *Analysis) PiecesTeX() string {
	if a.Pieces == nil {
		return ""
	}
	return (&define.Def{Cases: a.Pieces}).CasesTeX()
}

// limit is the limit of x at an infinity: exact by package limit, or
// else numerically (limitAt), and marked so.
func (a *Analysis) limit(ctx context.Context, x expr.Expr, f fn, sign int) Limit {
	r, err := limit.At(ctx, x, a.Spec.Var, limit.Point{Inf: sign})
	if err != nil {
		return limitAt(f, float64(sign))
	}
	return fromResult(r)
}

// fromResult is a Limit of package limit's result.
func fromResult(r limit.Result) Limit {
	switch r.Kind {
	case limit.PlusInf:
		return Limit{Kind: "+inf", Value: math.Inf(1)}
	case limit.MinusInf:
		return Limit{Kind: "-inf", Value: math.Inf(-1)}
	case limit.None:
		return Limit{Kind: "none", Value: math.NaN()}
	}
	l := Limit{Kind: "finite", Expr: r.Value}
	if n, ok := r.Value.(*expr.Number); ok {
		l.Exact = n.Rat()
		l.Value = n.Float()
	} else if v, err := expr.Eval(r.Value, expr.Env{}); err == nil {
		l.Value = v
	}
	return l
}

// oneSidedExact is the limit of x at c from the side (-1 left, 1 right),
// exact, or false outside package limit's classes.
func (a *Analysis) oneSidedExact(ctx context.Context, x expr.Expr, c *big.Rat, side int) (float64, bool) {
	r, err := limit.At(ctx, x, a.Spec.Var, limit.Point{At: expr.NewNumber(c), Side: side})
	if err != nil || r.Kind != limit.Finite {
		return 0, false
	}
	v, err := expr.Eval(r.Value, expr.Env{})
	return v, err == nil
}

// exactAt is x at v = c, simplified.
func exactAt(ctx context.Context, x expr.Expr, v *expr.Symbol, c expr.Expr) expr.Expr {
	y, _ := simplify.Simplify(ctx, expr.Substitute(x, map[expr.Expr]expr.Expr{v: c}))
	return y
}

func ratExpr(r *big.Rat) expr.Expr {
	return expr.Rat(r.Num().Int64(), r.Denom().Int64())
}

// isZero reports whether x is exactly the number 0.
func isZero(x expr.Expr) bool {
	n, ok := x.(*expr.Number)
	return ok && n.Sign() == 0
}

// kinks finds the points where a piecewise function's argument vanishes,
// and f's continuity and one-sided derivatives there.
func (a *Analysis) kinks(ctx context.Context, f, df fn) {
	v := a.Spec.Var
	var args []expr.Expr
	expr.Inspect(a.Spec.F, func(y expr.Expr) bool {
		c, ok := y.(*expr.CallExpr)
		if !ok {
			return true
		}
		switch c.Func() {
		case expr.FnRelu, expr.FnAbs, expr.FnStep, expr.FnSign:
			args = append(args, c.Args()[0])
		case expr.FnMax, expr.FnMin:
			for _, o := range c.Args()[1:] {
				args = append(args, expr.Sub(c.Args()[0], o))
			}
		}
		return true
	})
	seen := map[float64]bool{}
	for _, g := range args {
		for _, r := range roots(compile(g, v)) {
			if seen[r] {
				continue
			}
			seen[r] = true
			k := Kink{At: r, Exact: snap(r)}
			h := 1e-6 * (1 + math.Abs(r))
			hc := 1e-10 * (1 + math.Abs(r))
			y0, ok0 := f(r)
			yl, okl := f(r - hc)
			yr, okr := f(r + hc)
			k.Continuous = ok0 && okl && okr && math.Abs(yl-y0) < 1e-6 && math.Abs(yr-y0) < 1e-6
			k.Left, k.Right = snapped(oneSided(df, r, -h)), snapped(oneSided(df, r, h))
			if k.Exact != nil {
				// The one-sided limits of f and f' at the kink, exactly.
				fl, okl := a.oneSidedExact(ctx, a.Spec.F, k.Exact, -1)
				fr, okr := a.oneSidedExact(ctx, a.Spec.F, k.Exact, 1)
				if okl && okr && ok0 {
					k.Continuous = math.Abs(fl-y0) <= 1e-12*(1+math.Abs(y0)) && math.Abs(fr-y0) <= 1e-12*(1+math.Abs(y0))
				}
				if dl, ok := a.oneSidedExact(ctx, a.Derivative, k.Exact, -1); ok {
					k.Left = dl
				}
				if dr, ok := a.oneSidedExact(ctx, a.Derivative, k.Exact, 1); ok {
					k.Right = dr
				}
			}
			a.Kinks = append(a.Kinks, k)
		}
	}
	sort.Slice(a.Kinks, func(i, j int) bool { return a.Kinks[i].At < a.Kinks[j].At })
}

// oneSided is the limit of f' at r from the side of h, extrapolated from
// f'(r+h) and f'(r+h/2) (Richardson), exact for a piece linear near r
// and to O(h^2) for a smooth one.
func oneSided(df fn, r, h float64) float64 {
	y1, ok1 := df(r + h)
	y2, ok2 := df(r + h/2)
	if !ok1 || !ok2 {
		return math.NaN()
	}
	return 2*y2 - y1
}

func snapped(v float64) float64 {
	if q := snap(v); q != nil {
		f, _ := q.Float64()
		return f
	}
	return v
}

// maxSlope finds the largest |f'|: at a root of the second derivative
// (checked exactly where the root is a fraction), or where f' tends to it
// on a piece or at an infinity, whichever is larger, on the grid and the
// limits.
func (a *Analysis) maxSlope(ctx context.Context, df, ddf fn) {
	for _, l := range []struct {
		lim   Limit
		where string
	}{{a.DMinus, "unbounded as x → -∞"}, {a.DPlus, "unbounded as x → +∞"}} {
		if l.lim.Kind == "+inf" || l.lim.Kind == "-inf" {
			a.MaxSlope = MaxSlope{Value: math.Inf(1), Where: l.where}
			return
		}
	}
	best := MaxSlope{Value: -1}
	for _, x := range grid() {
		if y, ok := df(x); ok && math.Abs(y) > best.Value+1e-12 {
			best = MaxSlope{Value: math.Abs(y), At: x}
		}
	}
	for _, r := range roots(ddf) {
		y, ok := df(r)
		if !ok {
			continue
		}
		tie := math.Abs(math.Abs(y)-best.Value) <= 1e-9
		// The largest, and of equal ones the root nearest 0.
		if math.Abs(y) > best.Value+1e-9 || tie && (!best.AtRoot || math.Abs(r) < math.Abs(best.At)) {
			best = MaxSlope{Value: math.Abs(y), At: r, AtRoot: true}
			if q := snap(r); q != nil {
				e := exactAt(ctx, a.Derivative, a.Spec.Var, ratExpr(q))
				if _, isNum := e.(*expr.Number); isNum {
					best.Exact = e
				}
			}
		}
	}
	for _, l := range []struct {
		lim   Limit
		where string
	}{{a.DMinus, "as x → -∞"}, {a.DPlus, "as x → +∞"}} {
		if l.lim.Finite() && math.Abs(l.lim.Value) >= best.Value-1e-9 && !best.AtRoot {
			best = MaxSlope{Value: math.Abs(l.lim.Value), Where: l.where}
			if l.lim.Exact != nil {
				best.Exact = ratExpr(new(big.Rat).Abs(l.lim.Exact))
			}
		}
	}
	if !best.AtRoot && len(a.Kinks) > 0 {
		// A constant slope on the outer pieces: say where.
		lo, hi := a.Kinks[0].At, a.Kinks[len(a.Kinks)-1].At
		if y1, ok1 := df(hi + 1); ok1 && math.Abs(math.Abs(y1)-best.Value) <= 1e-12 {
			if y2, ok2 := df(hi + 40); ok2 && y1 == y2 {
				best.Where = "for x > " + expr.FormatFloat(hi)
			}
		}
		if y1, ok1 := df(lo - 1); ok1 && math.Abs(math.Abs(y1)-best.Value) <= 1e-12 {
			if y2, ok2 := df(lo - 40); ok2 && y1 == y2 {
				best.Where = "for x < " + expr.FormatFloat(lo)
			}
		}
		// Or on a piece between two kinks (hard tanh's -1 < x < 1).
		for i := 1; best.Where == "" && i < len(a.Kinks); i++ {
			l, h := a.Kinks[i-1].At, a.Kinks[i].At
			same := true
			for _, u := range []float64{0.1, 0.25, 0.5, 0.75, 0.9} {
				y, ok := df(l + u*(h-l))
				same = same && ok && math.Abs(math.Abs(y)-best.Value) <= 1e-12
			}
			if same {
				best.Where = "for " + expr.FormatFloat(l) + " < x < " + expr.FormatFloat(h)
			}
		}
	}
	if !best.AtRoot && best.Where == "" {
		best.Where = "near x = " + expr.FormatFloat(best.At)
	}
	if best.Exact == nil {
		if q := snap(best.Value); q != nil {
			best.Exact = ratExpr(q)
		}
	}
	a.MaxSlope = best
}

// deadPoints are where f' is checked exactly on a half-line: past the
// outermost kink (or 0) by these amounts.
var deadPoints = []int64{1, 2, 3, 10, 100, 1000}

// dead finds the half-lines where f' is exactly 0, checking f' at
// rational points there: the derivative of a piecewise function is a
// term of step functions, which simplify exactly at a number.
func (a *Analysis) dead(ctx context.Context) {
	lo, hi := 0.0, 0.0
	for i, k := range a.Kinks {
		if i == 0 || k.At < lo {
			lo = k.At
		}
		if i == 0 || k.At > hi {
			hi = k.At
		}
	}
	for _, below := range []bool{true, false} {
		edge := hi
		if below {
			edge = lo
		}
		base := snap(edge)
		if base == nil {
			continue
		}
		if below && len(a.Kinks) > 0 {
			a.BelowAt = ratExpr(new(big.Rat).Sub(base, big.NewRat(1, 1)))
			a.BelowKinks = exactAt(ctx, a.Derivative, a.Spec.Var, a.BelowAt)
			a.ShiftBelow = a.shift(ctx, base)
		}
		all := true
		for _, d := range deadPoints {
			p := new(big.Rat).Add(base, big.NewRat(d, 1))
			if below {
				p = new(big.Rat).Sub(base, big.NewRat(d, 1))
			}
			if !isZero(exactAt(ctx, a.Derivative, a.Spec.Var, ratExpr(p))) {
				all = false
				break
			}
		}
		if all {
			a.Dead = append(a.Dead, HalfLine{At: edge, Below: below})
		}
	}
}

// shift returns c when f' - f is the same number c at every dead point
// below base, and f is not constant there: f' is then written with f's
// value on that piece.
func (a *Analysis) shift(ctx context.Context, base *big.Rat) expr.Expr {
	var c expr.Expr
	diff := expr.Sub(a.Derivative, a.Spec.F)
	for _, d := range deadPoints {
		p := ratExpr(new(big.Rat).Sub(base, big.NewRat(d, 1)))
		y := exactAt(ctx, diff, a.Spec.Var, p)
		if _, num := y.(*expr.Number); !num || c != nil && y != c {
			return nil
		}
		c = y
	}
	if isZero(exactAt(ctx, a.Derivative, a.Spec.Var, a.BelowAt)) {
		return nil
	}
	return c
}

// monotone reads the sign of f' on the grid: strictly, as f' of a
// saturating function underflows to 0 far out; the half-lines where f'
// is exactly 0 come from dead.
func (a *Analysis) monotone(df fn) {
	pos, neg := false, false
	for _, x := range grid() {
		if y, ok := df(x); ok {
			pos = pos || y > 0
			neg = neg || y < 0
		}
	}
	flat := len(a.Dead) > 0
	switch {
	case pos && neg:
		a.Monotone = "not monotone"
		a.Turns = roots(df)
	case pos && flat:
		a.Monotone = "non-decreasing"
	case pos:
		a.Monotone = "increasing"
	case neg && flat:
		a.Monotone = "non-increasing"
	case neg:
		a.Monotone = "decreasing"
	default:
		a.Monotone = "constant"
	}
}

// signs reads f's sign on both sides of 0 and whether it is odd, at the
// grid's points.
func (a *Analysis) signs(ctx context.Context, f fn) {
	odd := true
	for _, x := range grid() {
		y, ok := f(x)
		if !ok {
			continue
		}
		a.Negative = a.Negative || y < -1e-12
		a.Positive = a.Positive || y > 1e-12
		if ym, ok := f(-x); !ok || math.Abs(y+ym) > 1e-9*(1+math.Abs(y)) {
			odd = false
		}
	}
	a.Odd = odd && isZero(a.AtZero)
	_ = ctx
}

// rangeOf is the range from the limits at the infinities and the values
// at the turning points and on flat pieces.
func (a *Analysis) rangeOf(f fn) {
	r := Range{Lo: math.Inf(1), Hi: math.Inf(-1)}
	consider := func(y float64, attained bool, exact *big.Rat) {
		if y < r.Lo || y == r.Lo && attained {
			r.Lo, r.LoClosed, r.LoExact = y, attained, exact
		}
		if y > r.Hi || y == r.Hi && attained {
			r.Hi, r.HiClosed, r.HiExact = y, attained, exact
		}
	}
	for _, l := range []Limit{a.FMinus, a.FPlus} {
		switch l.Kind {
		case "finite":
			consider(l.Value, false, l.Exact)
		case "+inf":
			consider(math.Inf(1), false, nil)
		case "-inf":
			consider(math.Inf(-1), false, nil)
		}
	}
	// Values reached: at the turning points, on the dead half-lines
	// (where f is constant), at the kinks.
	var xs []float64
	xs = append(xs, a.Turns...)
	for _, h := range a.Dead {
		// Inside the half-line: at its end f may jump.
		if h.Below {
			xs = append(xs, h.At-1)
		} else {
			xs = append(xs, h.At+1)
		}
	}
	for _, k := range a.Kinks {
		xs = append(xs, k.At)
	}
	for _, x := range xs {
		if y, ok := f(x); ok {
			consider(snapped(y), true, snap(y))
		}
	}
	// The grid counts only where it goes past those by more than
	// rounding: sigmoid(50) is 1 in float64, but 1 is not reached.
	lo, hi := r.Lo, r.Hi
	below := func(y, b float64) bool { return math.IsInf(b, 0) && y < b || y < b-1e-9*(1+math.Abs(b)) }
	for _, x := range grid() {
		if y, ok := f(x); ok && (below(y, lo) || below(-y, -hi)) {
			consider(y, true, nil)
		}
	}
	a.Range = r
}

// transcendental counts the calls of x that cost an exponential or a
// logarithm.
func transcendental(x expr.Expr) int {
	n := 0
	expr.Inspect(x, func(y expr.Expr) bool {
		if c, ok := y.(*expr.CallExpr); ok {
			switch c.Func() {
			case expr.FnExp, expr.FnLog, expr.FnSigmoid, expr.FnTanh, expr.FnSinh, expr.FnCosh:
				n++
			}
		}
		if p, ok := y.(*expr.PowExpr); ok {
			if _, num := p.Exp().(*expr.Number); !num {
				n++ // a^x is an exponential
			}
		}
		return true
	})
	return n
}

// occurs reports whether y is a subterm of x.
func occurs(x, y expr.Expr) bool {
	found := false
	expr.Inspect(x, func(z expr.Expr) bool {
		found = found || z == y
		return !found
	})
	return found
}

// fLayout is the layout of F: Definition's, carried through the
// parameters' values (see expr.Layout.Through). Without one (a piecewise
// definition, in the engine's terms), it is the layout of F as the
// handout prints it, so that the derivation keeps the order of the
// formula the sentence before it shows.
func (s *Spec) fLayout() *expr.Layout {
	if s.Layout == nil {
		if y, _, l, err := parser.ParseLayout("", expr.Plain(s.F)); err == nil && y == s.F {
			return l
		}
		return nil
	}
	if len(s.Params) == 0 {
		return s.Layout
	}
	sub := make(map[expr.Expr]expr.Expr, len(s.Params))
	for _, p := range s.Params {
		sub[expr.Sym(p.Name)] = p.Value
	}
	return s.Layout.Through(sub)
}
