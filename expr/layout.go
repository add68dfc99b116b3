package expr

import (
	"slices"
	"sync"
)

// Layout records how an author wrote a term, for printing only: terms are
// interned in canonical order, which is right for computing but rewrites
// what a reader typed (1 + exp(-x) becomes exp(-x) + 1). The parser fills
// a Layout (parser.ParseLayout); printers given one write the sums and
// products the author wrote in the author's order, order new sums and
// products by where their pieces were written, and, for the first line of
// a derivation, write the term as written (exp(w x)/exp(b), not
// exp(w*x - b)). A nil *Layout is the canonical layout. A Layout is
// read-only once filled and safe for concurrent use.
type Layout struct {
	// order holds, for each sum and product the author wrote, its
	// arguments in the author's order.
	order map[Expr][]Expr
	// pos is where each compound term is first written (a byte offset).
	pos map[Expr]int
	// forms holds how the author wrote a term the constructors rewrote
	// beyond its order (exp(a)/exp(b) merged, -(a + b) distributed).
	forms map[Expr]*Written

	mu   sync.Mutex
	keys map[Expr]int // key's memo
}

// WrittenOp says what kind of piece of syntax a Written is.
type WrittenOp uint8

// The written forms.
const (
	WrittenSum     WrittenOp = iota // Args joined by + and - (Flip)
	WrittenProduct                  // Args joined by * and / (Flip), after a minus (Neg)
	WrittenNeg                      // -Args[0]
	WrittenPow                      // Args[0]^Args[1]
	WrittenCall                     // Name(Args...)
	WrittenNumber                   // a literal, Text
)

// Written is a term as its author wrote it, where that differs from the
// canonical term by more than order. Its Args are the terms its operands
// built, which printers write by their own forms in turn.
type Written struct {
	Op   WrittenOp
	Args []Expr
	// Flip marks the operands written after "-" in a sum and after "/"
	// in a product.
	Flip []bool
	// Neg marks a product written after a minus, -a b, the sign of the
	// whole product.
	Neg bool
	// Sub holds, beside Args (nil when none does), the written form of
	// an operand that its term does not hold: a part written twice
	// keeps its first writing, and names and numbers none.
	Sub  []*Written
	Name string // the function of a call, as written: exp, sqrt
	Text string // the literal of a number: 0.5
}

// NewLayout returns an empty layout, for a parser to fill.
func NewLayout() *Layout {
	return &Layout{order: map[Expr][]Expr{}, pos: map[Expr]int{}, forms: map[Expr]*Written{}}
}

// Place records that x is written at offset, unless it was written before.
func (l *Layout) Place(x Expr, offset int) {
	if _, ok := l.pos[x]; !ok && x.Kind() > KindIndexed {
		l.pos[x] = offset
	}
}

// Seen reports whether x was placed.
func (l *Layout) Seen(x Expr) bool {
	_, ok := l.pos[x]
	return ok
}

// Order records the author's order of the arguments of the sum or product
// x, given as the terms the author wrote, which must be x's arguments.
func (l *Layout) Order(x Expr, written []Expr) {
	if _, ok := l.order[x]; ok {
		return
	}
	o := x.Args() // shared, read-only, when the author's order is canonical
	if !slices.Equal(written, o) {
		o = slices.Clone(written)
	}
	if x.Kind() == KindMul && &o[0] != &x.Args()[0] { // the coefficient leads, as NumDen needs
		slices.SortStableFunc(o, func(a, b Expr) int {
			return cmpBool(b.Kind() == KindNumber, a.Kind() == KindNumber)
		})
	}
	l.order[x] = o
}

// Form records how the author wrote x, unless x was written before.
func (l *Layout) Form(x Expr, w *Written) {
	if _, ok := l.forms[x]; !ok {
		l.forms[x] = w
	}
}

// FormOf returns how the author wrote x, if it differs from x by more than
// order.
func (l *Layout) FormOf(x Expr) (*Written, bool) {
	if l == nil {
		return nil, false
	}
	w, ok := l.forms[x]
	return w, ok
}

// Args returns the arguments of a sum or product in display order: the
// author's, for one the author wrote; otherwise the canonical order, with
// the arguments that hold pieces the author wrote permuted among their
// own places into the order those pieces were written in, so that terms
// keep their order from line to line (in a product, only functions and
// sums move: the coefficient and powers of names stay where the
// canonical order puts them).
func (l *Layout) Args(x Expr) []Expr {
	args := x.Args()
	if l == nil {
		return args
	}
	if o, ok := l.order[x]; ok {
		return o
	}
	if x.Kind() != KindAdd && x.Kind() != KindMul {
		return args
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	// Most sums and products are already in order, or hold at most one
	// piece the author wrote: they cost a walk and no allocation.
	keyed, last, sorted := 0, -1, true
	for _, a := range args {
		if k := l.key(a); k >= 0 && (x.Kind() == KindAdd || permutable(a)) {
			keyed++
			sorted = sorted && k >= last
			last = k
		}
	}
	if keyed < 2 || sorted {
		return args
	}
	slots := make([]int, 0, keyed)
	for i, a := range args {
		if l.key(a) >= 0 && (x.Kind() == KindAdd || permutable(a)) {
			slots = append(slots, i)
		}
	}
	moved := make([]Expr, len(slots))
	for k, i := range slots {
		moved[k] = args[i]
	}
	slices.SortStableFunc(moved, func(a, b Expr) int { return l.key(a) - l.key(b) })
	out := slices.Clone(args)
	for k, i := range slots {
		out[i] = moved[k]
	}
	return out
}

// permutable reports whether a factor of a new product may move to
// follow the author's order: a function or a sum (or a power of one),
// whose canonical places are arbitrary, while a power of a name keeps the
// place of the usual order (2 x^2 log x), and a pending derivative stays
// last, where the rule that made it wrote it.
func permutable(f Expr) bool {
	switch b, _ := BaseExp(f); b.Kind() {
	case KindCall, KindAdd, KindBigOp:
		return true
	}
	return false
}

// key is where the pieces of x the author wrote start: its own place if
// the author wrote x, else the earliest place among its arguments, or -1
// when it holds none (atoms and numbers have no place: they are
// everywhere). l.mu is held.
func (l *Layout) key(x Expr) int {
	if p, ok := l.pos[x]; ok {
		return p
	}
	if x.Kind() <= KindIndexed {
		return -1
	}
	if k, ok := l.keys[x]; ok {
		return k
	}
	k := -1
	for _, a := range x.Args() {
		if ka := l.key(a); ka >= 0 && (k < 0 || ka < k) {
			k = ka
		}
	}
	if x.hdr().height >= memoHeight { // small terms cost less to walk again than to remember
		if l.keys == nil {
			l.keys = map[Expr]int{}
		}
		l.keys[x] = k
	}
	return k
}

// memoHeight is the height from which key remembers its answers: below
// it a walk is a handful of nodes.
const memoHeight = 4

// SumOrder is SumDisplayOrder under the layout: the terms in display
// order, the first positive one moved to the front when the sum would
// start with a minus.
func (l *Layout) SumOrder(a *AddExpr) []Expr {
	// A term a layout writes positive by its sum factor (-(y - 1) a as
	// (1 - y) a, see Minus) does not lead either: it keeps its place
	// among the terms the author wrote, -y b + (1 - y) a.
	return leadPositive(l.Args(a), func(t Expr) bool {
		_, minus := l.Minus(t)
		return minus || CouldExtractMinus(t)
	})
}

// AbsArg is what is written between the bars of |x|: x, or, under a
// layout, -x when the author wrote -x and never x (|y - mu| stays so
// though its term is |mu - y|, the same value).
func (l *Layout) AbsArg(x Expr) Expr {
	if l == nil || x.Kind() != KindAdd || l.Seen(x) {
		return x
	}
	if n := Neg(x); l.Seen(n) {
		return n
	}
	return x
}

// Minus reports whether the term t of a sum is written after a minus,
// and what is then written: Neg(t) when t has a negative coefficient, t
// otherwise; and, under a layout, with a sum factor the author wrote
// negated (1 - y) written so, the sign flipped, when the author never
// wrote the factor itself (y - 1): (y - 1) a, from -(1 - y) a by the
// constant factor rule, reads -(1 - y) a, as the author wrote it.
func (l *Layout) Minus(t Expr) (after Expr, minus bool) {
	after, minus = t, CouldExtractMinus(t)
	if minus {
		after = Neg(t)
	}
	m, ok := after.(*MulExpr)
	if l == nil || !ok {
		return after, minus
	}
	for i, f := range m.factors {
		if f.Kind() != KindAdd || l.Seen(f) {
			continue
		}
		if g := Neg(f); l.Seen(g) {
			fs := slices.Clone(m.factors)
			fs[i] = g
			if y := Mul(fs...); !CouldExtractMinus(y) {
				return y, !minus
			}
		}
	}
	return after, minus
}

// NumDen is NumDen with the factors of a product in display order.
func (l *Layout) NumDen(x Expr) (negative bool, num, den []Expr) {
	if m, ok := x.(*MulExpr); ok && l != nil {
		return numDenOf(l.Args(m))
	}
	return NumDen(x)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Rewrite reports whether x written as the author wrote it reads
// differently from x in display order, and if so, the titles of the
// step between the two (see Rewrites): the first step of a derivation
// that starts from the input as written.
func (l *Layout) Rewrite(x Expr) (titles []string, ok bool) {
	if l == nil {
		return nil, false
	}
	// Printed up to a bound: a term that long differs in its first
	// rewriteBytes if it differs where a reader would look.
	w := plainPrinter{layout: l, written: true, limit: rewriteBytes}
	w.expr(x, 0)
	o := plainPrinter{layout: l, limit: rewriteBytes}
	o.expr(x, 0)
	if w.String() == o.String() {
		return nil, false
	}
	if titles = Rewrites(x, l); len(titles) == 0 {
		titles = []string{"standard form"}
	}
	return titles, true
}

// Through returns the layout of the terms of l with m's keys replaced by
// its values (m as Substitute reads it), beside l's own: a derivation
// written through an inner function (z = w x + b) or a density written
// per example (y as y_i) then keeps the author's order and places on the
// terms it rewrote. A recorded order goes over when the replaced term is
// a sum or product of the replaced arguments; a written form (exp(a)/exp(b))
// only when m renames names, for another replacement can cut across what
// the form groups (exp(w x)/exp(b) with w x - b as z). l is not changed;
// a nil l gives nil.
func (l *Layout) Through(m map[Expr]Expr) *Layout {
	if l == nil {
		return nil
	}
	out := NewLayout()
	for x, o := range l.order {
		out.order[x] = o
	}
	for x, p := range l.pos {
		out.pos[x] = p
	}
	for x, w := range l.forms {
		out.forms[x] = w
	}
	if len(m) == 0 {
		return out
	}
	// One memo for every term: the recorded terms share their parts, so
	// each part is replaced once (Substitute's own memo is per call).
	memo := map[Expr]Expr{}
	var sub func(Expr) Expr
	sub = func(x Expr) Expr {
		if y, ok := m[x]; ok {
			return y
		}
		if y, ok := memo[x]; ok {
			return y
		}
		y := x
		switch args := x.Args(); {
		case len(args) == 0:
		case x.Kind() == KindBigOp:
			y = Substitute(x, m) // its index is bound inside
		default:
			na := make([]Expr, len(args))
			changed := false
			for i, a := range args {
				na[i] = sub(a)
				changed = changed || na[i] != a
			}
			if changed {
				y = Rebuild(x, na)
			}
		}
		memo[x] = y
		return y
	}
	// First writing first, as the parser records, so that two terms
	// that become one give it the order of the one written first.
	keys := make([]Expr, 0, len(l.order))
	for x := range l.order {
		keys = append(keys, x)
	}
	slices.SortFunc(keys, func(a, b Expr) int {
		if pa, pb := l.pos[a], l.pos[b]; pa != pb {
			return pa - pb
		}
		return Compare(a, b)
	})
	for _, x := range keys {
		o := l.order[x]
		y := sub(x)
		if y == x {
			continue
		}
		mapped := make([]Expr, len(o))
		for i, a := range o {
			mapped[i] = sub(a)
		}
		if (y.Kind() == KindAdd || y.Kind() == KindMul) && sameTerms(y.Args(), mapped) {
			out.Order(y, mapped)
		}
	}
	for x, p := range l.pos {
		y := sub(x)
		if q, ok := out.pos[y]; y != x && y.Kind() > KindIndexed && (!ok || p < q) {
			out.pos[y] = p
		}
	}
	if renaming(m) {
		// A renaming is one to one: no two forms meet.
		for x, w := range l.forms {
			if y := sub(x); y != x {
				out.Form(y, w.through(sub))
			}
		}
	}
	return out
}

// through is w with its operands replaced by f.
func (w *Written) through(f func(Expr) Expr) *Written {
	if w == nil {
		return nil
	}
	c := *w
	c.Args = make([]Expr, len(w.Args))
	for i, a := range w.Args {
		c.Args[i] = f(a)
	}
	if w.Sub != nil {
		c.Sub = make([]*Written, len(w.Sub))
		for i, s := range w.Sub {
			c.Sub[i] = s.through(f)
		}
	}
	return &c
}

// renaming reports whether m replaces names by names, no two by the same.
func renaming(m map[Expr]Expr) bool {
	seen := map[Expr]bool{}
	for k, v := range m {
		if k.Kind() > KindIndexed || v.Kind() > KindIndexed || v.Kind() == KindNumber || seen[v] {
			return false
		}
		seen[v] = true
	}
	return true
}

// sameTerms reports whether xs holds the elements of args, each once.
func sameTerms(args, xs []Expr) bool {
	if len(args) != len(xs) {
		return false
	}
	in := make(map[Expr]int, len(args))
	for _, a := range args {
		in[a]++
	}
	for _, x := range xs {
		if in[x] == 0 {
			return false
		}
		in[x]--
	}
	return true
}

// Following returns l with the result of each step placed where the
// pieces of what it rewrote start, unless the result is placed already:
// the derivative of ReLU(x) is H(x), which then keeps the place of
// ReLU(x) among the terms, so that a rule applied to one term does not
// move it. Steps are taken in order; l is not changed; nil gives nil.
func (l *Layout) Following(steps []Step) *Layout {
	if l == nil {
		return nil
	}
	out := l.Through(nil)
	for _, s := range steps {
		if s.After == nil || s.Before == nil || s.After.Kind() <= KindIndexed || out.Seen(s.After) {
			continue
		}
		out.mu.Lock()
		k := out.key(s.Before)
		out.mu.Unlock()
		if k >= 0 {
			out.pos[s.After] = k
			out.keys = nil // the places of the terms that hold it change
		}
	}
	return out
}
