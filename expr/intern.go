package expr

import (
	"math/big"
	"slices"
	"sync"
)

// The intern table holds every term built, so a constructor returns the
// existing pointer for a term built before. Children are already interned,
// so comparing two candidates is shallow: kind, name, value, and children
// by pointer. It is an open-addressing hash table on the structural hash
// kept in each header (linear probing, at most half full): a lookup is a
// few pointer loads, and a new term costs no allocation besides itself.
var table = struct {
	sync.Mutex
	slots  []entry // len is a power of two
	count  int
	nextID uint64
}{slots: make([]entry, 1<<14)}

// entry is one slot of the table. The hash is kept beside the pointer so
// that probing past other terms reads only the table, not the terms.
type entry struct {
	hash uint64
	e    Expr
}

// find returns the slot of the term with hash h for which same is true,
// or the empty slot where it would go. The caller holds the lock.
func find(h uint64, same func(Expr) bool) int {
	mask := uint64(len(table.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &table.slots[i]
		if s.e == nil || s.hash == h && same(s.e) {
			return int(i)
		}
	}
}

// insert puts the new term e into the empty slot i, numbering it. The
// caller holds the lock.
func insert(i int, e Expr) {
	table.nextID++
	e.hdr().id = table.nextID
	table.slots[i] = entry{e.hdr().hash, e}
	if table.count++; 2*table.count > len(table.slots) {
		old := table.slots
		table.slots = make([]entry, 2*len(old))
		mask := uint64(len(table.slots) - 1)
		for _, s := range old {
			if s.e != nil {
				j := s.hash & mask
				for table.slots[j].e != nil {
					j = (j + 1) & mask
				}
				table.slots[j] = s
			}
		}
	}
}

const (
	hashSeed  = 14695981039346656037
	hashPrime = 1099511628211
)

func mix(h, v uint64) uint64 {
	h ^= v
	h *= hashPrime
	h ^= h >> 29
	return h
}

func mixString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = mix(h, uint64(s[i]))
	}
	return mix(h, uint64(len(s)))
}

func mixArgs(h uint64, args []Expr) uint64 {
	for _, a := range args {
		h = mix(h, a.hdr().id)
	}
	return mix(h, uint64(len(args)))
}

// inherit sets the height and flags a compound node inherits from its children.
func (h *header) inherit(args ...Expr) {
	var m int32 = -1
	for _, a := range args {
		ah := a.hdr()
		m = max(m, ah.height)
		h.flags |= ah.flags
		h.names |= ah.names
		h.below = min(h.below+ah.below+1, maxBelow)
	}
	h.height = m + 1
}

// maxBelow caps header.below: tree sizes of shared terms grow
// exponentially with their depth.
const maxBelow = 1 << 62

// intern returns the canonical copy of e, whose header.hash must be set.
func intern(e Expr) Expr {
	return lookup(e.hdr().hash, func(c Expr) bool { return sameShallow(c, e) }, func() Expr { return e })
}

// lookup returns the term with hash h for which same is true, or else the
// one build makes, after interning it. Constructors that can tell a match
// from their operands use it directly, so that a term built before costs
// no allocation.
func lookup(h uint64, same func(Expr) bool, build func() Expr) Expr {
	table.Lock()
	defer table.Unlock()
	i := find(h, same)
	if c := table.slots[i].e; c != nil {
		return c
	}
	e := build()
	hd := e.hdr()
	hd.hash = h
	hd.degree = termDegree(e)
	insert(i, e)
	return e
}

func sameArgs(a, b []Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sameShallow compares two terms whose children are interned.
func sameShallow(a, b Expr) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a := a.(type) {
	case *Number:
		b := b.(*Number)
		if a.small && b.small {
			return a.num == b.num && a.den == b.den
		}
		return a.val.Cmp(&b.val) == 0
	case *Symbol:
		return a.name == b.(*Symbol).name
	case *Indexed:
		b := b.(*Indexed)
		return a.name == b.name && sameArgs(a.index, b.index)
	case *AddExpr:
		return sameArgs(a.terms, b.(*AddExpr).terms)
	case *MulExpr:
		return sameArgs(a.factors, b.(*MulExpr).factors)
	case *PowExpr:
		b := b.(*PowExpr)
		return a.base == b.base && a.exp == b.exp
	case *CallExpr:
		b := b.(*CallExpr)
		return a.fn == b.fn && sameArgs(a.args, b.args)
	case *BigOp:
		b := b.(*BigOp)
		return a.op == b.op && a.body == b.body && a.index == b.index && a.lo == b.lo && a.hi == b.hi
	case *Derivative:
		b := b.(*Derivative)
		return a.body == b.body && a.wrt == b.wrt
	case *Undefined:
		return a.reason == b.(*Undefined).reason
	}
	panic("expr: sameShallow: unknown kind " + a.Kind().String())
}

// smallInts caches -64..64 so the commonest numbers skip the table lock.
var smallInts [129]*Number

func init() {
	for i := range smallInts {
		var r big.Rat
		r.SetInt64(int64(i - 64))
		smallInts[i] = internNumberSlow(&r)
	}
}

func internNumber(r *big.Rat) *Number {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		if n, d := r.Num().Int64(), r.Denom().Int64(); fitsSmall(n, d) {
			return internSmall(n, d)
		}
	}
	return internNumberSlow(r)
}

// numberHash hashes a value from the words of |num|, its sign and the words
// of den, so a small and a big spelling of one value agree.
func numberHash(absNum []big.Word, sign int, den []big.Word) uint64 {
	h := mix(hashSeed, uint64(KindNumber))
	for _, w := range absNum {
		h = mix(h, uint64(w))
	}
	h = mix(h, uint64(sign+1))
	for _, w := range den {
		h = mix(h, uint64(w))
	}
	return h
}

func internNumberSlow(r *big.Rat) *Number {
	n := &Number{}
	n.val.Set(r)
	n.setCache()
	n.hash = numberHash(r.Num().Bits(), r.Sign(), r.Denom().Bits())
	return intern(n).(*Number)
}

// internSmall returns the number n/d, in lowest terms with d > 0 and both
// within maxSmall, allocating only when it is new.
func internSmall(n, d int64) *Number {
	if d == 1 && n >= -64 && n <= 64 && smallInts[n+64] != nil {
		return smallInts[n+64]
	}
	h := mix(hashSeed, uint64(KindNumber))
	sign := 1
	switch {
	case n > 0:
		h, sign = mix(h, uint64(n)), 2
	case n < 0:
		h, sign = mix(h, uint64(-n)), 0
	}
	h = mix(mix(h, uint64(sign)), uint64(d)) // as numberHash does for one-word values
	return lookup(h,
		func(c Expr) bool {
			c1, ok := c.(*Number)
			return ok && c1.small && c1.num == n && c1.den == d
		},
		func() Expr {
			x := &Number{}
			x.val.SetFrac64(n, d)
			x.setCache()
			return x
		}).(*Number)
}

// Sym returns the symbol with the given name.
func Sym(name string) *Symbol {
	return lookup(mixString(mix(hashSeed, uint64(KindSymbol)), name),
		func(c Expr) bool {
			s, ok := c.(*Symbol)
			return ok && s.name == name
		},
		func() Expr {
			s := &Symbol{name: name}
			s.names = nameBit(name)
			return s
		}).(*Symbol)
}

// Index returns the element name[index...].
func Index(name string, index ...Expr) *Indexed {
	x := &Indexed{name: name, index: index}
	x.hash = mixArgs(mixString(mix(hashSeed, uint64(KindIndexed)), name), index)
	x.inherit(index...)
	x.names |= nameBit(name)
	return intern(x).(*Indexed)
}

func newAdd(terms []Expr) Expr {
	return lookup(mixArgs(mix(hashSeed, uint64(KindAdd)), terms),
		func(c Expr) bool {
			a, ok := c.(*AddExpr)
			return ok && sameArgs(a.terms, terms)
		},
		func() Expr {
			a := &AddExpr{terms: terms}
			a.inherit(terms...)
			return a
		})
}

func newMul(factors []Expr) Expr {
	return lookup(mixArgs(mix(hashSeed, uint64(KindMul)), factors),
		func(c Expr) bool {
			m, ok := c.(*MulExpr)
			return ok && sameArgs(m.factors, factors)
		},
		func() Expr {
			m := &MulExpr{factors: factors}
			m.inherit(factors...)
			return m
		})
}

func newPow(base, exp Expr) Expr {
	return lookup(mix(mix(mix(hashSeed, uint64(KindPow)), base.hdr().id), exp.hdr().id),
		func(c Expr) bool {
			p, ok := c.(*PowExpr)
			return ok && p.base == base && p.exp == exp
		},
		func() Expr {
			p := &PowExpr{base: base, exp: exp, args: [2]Expr{base, exp}}
			p.inherit(base, exp)
			return p
		})
}

// newCall interns fn(args). args may belong to the caller: a new term gets
// its own copy.
func newCall(fn *Func, args []Expr) Expr {
	return lookup(mixArgs(mixString(mix(hashSeed, uint64(KindCall)), fn.Name), args),
		func(c Expr) bool {
			k, ok := c.(*CallExpr)
			return ok && k.fn == fn && sameArgs(k.args, args)
		},
		func() Expr {
			c := &CallExpr{fn: fn, args: slices.Clone(args)}
			c.inherit(args...)
			return c
		})
}

// NewBigOp returns the indexed sum or product of body for v from lo to hi.
// It does not evaluate or split anything; see package simplify for that.
func NewBigOp(op BigOpKind, body Expr, v *Symbol, lo, hi Expr) *BigOp {
	b := &BigOp{op: op, body: body, index: v, lo: lo, hi: hi, args: [4]Expr{body, v, lo, hi}}
	h := mix(mix(hashSeed, uint64(KindBigOp)), uint64(op))
	for _, a := range []Expr{body, v, lo, hi} {
		h = mix(h, a.hdr().id)
	}
	b.hash = h
	b.inherit(body, lo, hi)
	b.below++ // the index, an atom
	b.names |= v.names
	return intern(b).(*BigOp)
}

// SumOver returns sum(body, v, lo, hi).
func SumOver(body Expr, v *Symbol, lo, hi Expr) *BigOp { return NewBigOp(Sum, body, v, lo, hi) }

// ProdOver returns prod(body, v, lo, hi).
func ProdOver(body Expr, v *Symbol, lo, hi Expr) *BigOp { return NewBigOp(Product, body, v, lo, hi) }

// Diff returns the unevaluated derivative of body with respect to v, which
// must be a *Symbol or an *Indexed.
func Diff(body, v Expr) *Derivative {
	d := &Derivative{body: body, wrt: v, args: [2]Expr{body, v}}
	d.hash = mix(mix(mix(hashSeed, uint64(KindDerivative)), body.hdr().id), v.hdr().id)
	d.inherit(body, v)
	d.flags |= flagDerivative
	return intern(d).(*Derivative)
}
