package expr

import (
	"fmt"

	"github.com/derivtex/derivtex/budget"
)

// Rebuild returns a term of the same node type as x with new children, put
// through the canonical constructors. args must match x.Args() in length.
func Rebuild(x Expr, args []Expr) Expr {
	switch x := x.(type) {
	case *Number, *Symbol, *Undefined:
		return x
	case *Indexed:
		return Index(x.name, args...)
	case *AddExpr:
		return Add(args...)
	case *MulExpr:
		return Mul(args...)
	case *PowExpr:
		return Pow(args[0], args[1])
	case *CallExpr:
		return Call(x.fn, args...)
	case *BigOp:
		v, ok := args[1].(*Symbol)
		if !ok {
			panic(fmt.Sprintf("expr: Rebuild: index of %s became %s", x.op, args[1]))
		}
		return NewBigOp(x.op, args[0], v, args[2], args[3])
	case *Derivative:
		return Diff(args[0], args[1])
	}
	panic("expr: Rebuild: unknown kind " + x.Kind().String())
}

// Map rewrites x bottom-up: f sees each distinct compound subterm once,
// after its children were mapped, and returns its replacement. Shared
// subterms are mapped once, so the cost is linear in the number of distinct
// subterms. Atoms are not memoised and may be seen more than once, so f
// must give the same answer each time.
func Map(x Expr, f func(Expr) Expr) Expr {
	memo := map[uint64]Expr{} // by ID, the cheapest key
	var walk func(Expr) Expr
	walk = func(x Expr) Expr {
		args := x.Args()
		if len(args) == 0 {
			return f(x) // atoms are cheap to see again, not worth a memo entry
		}
		if r, ok := memo[x.hdr().id]; ok {
			return r
		}
		var r Expr = x
		if na := mapArgs(args, walk); na != nil {
			r = Rebuild(x, na)
		}
		r = f(r)
		memo[x.hdr().id] = r
		return r
	}
	return walk(x)
}

// mapArgs applies f to each of args, returning the new list, or nil when
// nothing changed (which is most of the time, so it allocates only then).
func mapArgs(args []Expr, f func(Expr) Expr) []Expr {
	var na []Expr
	for i, a := range args {
		b := f(a)
		if na == nil {
			if b == a {
				continue
			}
			na = make([]Expr, len(args))
			copy(na, args[:i])
		}
		na[i] = b
	}
	return na
}

// Substitute replaces each occurrence of a key of m in x by its value and
// re-canonicalises, leaving the bound index of a sum or product alone.
func Substitute(x Expr, m map[Expr]Expr) Expr {
	memo := map[Expr]Expr{}
	var walk func(Expr) Expr
	walk = func(x Expr) Expr {
		if r, ok := m[x]; ok {
			return r
		}
		if r, ok := memo[x]; ok {
			return r
		}
		args := x.Args()
		if len(args) == 0 {
			return x
		}
		na := make([]Expr, len(args))
		changed := false
		for i, a := range args {
			if b, ok := x.(*BigOp); ok && i <= 1 {
				if _, bound := m[b.index]; bound {
					na[i] = a // the index is bound inside, not free
					continue
				}
			}
			na[i] = walk(a)
			changed = changed || na[i] != a
		}
		r := x
		if changed {
			r = Rebuild(x, na)
		}
		memo[x] = r
		return r
	}
	return walk(x)
}

// Inspect calls f on x and, while f returns true, on its subterms, visiting
// each distinct subterm once.
func Inspect(x Expr, f func(Expr) bool) {
	seen := map[uint64]bool{}
	var walk func(Expr)
	walk = func(x Expr) {
		if seen[x.hdr().id] {
			return
		}
		seen[x.hdr().id] = true
		if !f(x) {
			return
		}
		for _, a := range x.Args() {
			walk(a)
		}
	}
	walk(x)
}

// Contains reports whether y occurs in x.
func Contains(x, y Expr) bool {
	found := false
	Inspect(x, func(z Expr) bool {
		if z == y {
			found = true
		}
		return !found
	})
	return found
}

// DependsOn reports whether x mentions v: the symbol itself, or for a
// vector name, any of its elements. It takes constant time, from the name
// bits every term keeps (see nameBit), unless more than 64 names share
// the bits or v is an element; then it walks only the subterms whose bits
// allow it.
func DependsOn(x Expr, v Expr) bool {
	var bit uint64 // the bit of v's name
	switch v := v.(type) {
	case *Symbol:
		bit = v.names // a symbol's bits are its own name's
	case *Indexed:
		bit = nameBit(v.name)
	default:
		return Contains(x, v)
	}
	if x.hdr().names&bit == 0 {
		return false
	}
	if _, isSym := v.(*Symbol); isSym && exclusive(bit) {
		return true
	}
	// The bit may be another name's too, or v is an element x[1], which
	// the name's bit cannot tell from x[2].
	found := false
	seen := map[uint64]bool{}
	var walk func(z Expr)
	walk = func(z Expr) {
		if found || z.hdr().names&bit == 0 || seen[z.hdr().id] {
			return
		}
		seen[z.hdr().id] = true
		switch z := z.(type) {
		case *Symbol:
			found = z == v
		case *Indexed:
			s, isSym := v.(*Symbol)
			found = z == v || isSym && z.name == s.name
		}
		for _, a := range z.Args() {
			walk(a)
		}
	}
	walk(x)
	return found
}

// FreeSymbols returns the symbols of x that are neither constants nor the
// bound index of a sum or product, in first-seen order; vector names count
// once, as symbols.
func FreeSymbols(x Expr) []*Symbol {
	var out []*Symbol
	seen := map[string]bool{}
	var walk func(x Expr, bound map[*Symbol]bool)
	walk = func(x Expr, bound map[*Symbol]bool) {
		switch x := x.(type) {
		case *Symbol:
			if !bound[x] && !IsConstantSymbol(x) && !seen[x.name] {
				seen[x.name] = true
				out = append(out, x)
			}
			return
		case *Indexed:
			if !seen[x.name] {
				seen[x.name] = true
				out = append(out, Sym(x.name))
			}
		case *BigOp:
			walk(x.lo, bound)
			walk(x.hi, bound)
			inner := map[*Symbol]bool{x.index: true}
			for k := range bound {
				inner[k] = true
			}
			walk(x.body, inner)
			return
		}
		for _, a := range x.Args() {
			walk(a, bound)
		}
	}
	walk(x, map[*Symbol]bool{})
	return out
}

// Size counts the distinct subterms of x: the size of its shared form.
func Size(x Expr) int {
	n := 0
	Inspect(x, func(Expr) bool { n++; return true })
	return n
}

// TreeSize counts the nodes of x written out as a tree, saturating at
// limit. Every term knows it from construction, so this takes no time
// however much x shares.
func TreeSize(x Expr, limit int) int {
	return int(min(x.hdr().below+1, uint64(max(limit, 0))))
}

// ReplaceDerivatives rewrites each unevaluated Derivative in x by f,
// descending only into subterms that contain one, so the cost is the size
// of the part of x above its pending derivatives, not the size of x. Each
// node rebuilt is charged to m by its width before and after (the
// constructors flatten and sort); once m is spent, x is left as it is
// from there on, and the caller learns so from m.
func ReplaceDerivatives(x Expr, m *budget.Meter, f func(*Derivative) Expr) Expr {
	memo := map[uint64]Expr{}
	var walk func(Expr) Expr
	walk = func(x Expr) Expr {
		if !HasDerivative(x) {
			return x
		}
		if d, ok := x.(*Derivative); ok {
			return f(d)
		}
		if r, ok := memo[x.hdr().id]; ok {
			return r
		}
		args := x.Args()
		if !m.Work(1 + len(args)) {
			return x
		}
		na := make([]Expr, len(args))
		for i, a := range args {
			na[i] = walk(a)
		}
		r := Rebuild(x, na)
		m.Work(len(r.Args()))
		memo[x.hdr().id] = r
		return r
	}
	return walk(x)
}
