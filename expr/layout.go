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
	return leadPositive(l.Args(a))
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
