package expr

import (
	"slices"
	"strconv"
	"strings"
)

// Names name the large subterms that a derivation or an answer would
// otherwise write out again and again: u1 = sin(sin(...)), then u1
// wherever it occurs. Terms share structure (a depth-n composition and its derivative
// are O(n) distinct subterms), but written as trees on every line they
// grow to O(n^2) symbols per line; with names, what is printed stays
// proportional to the distinct subterms. Ordinary derivations have no
// subterm large enough to be named, so they read as before.
type Names struct {
	name  map[Expr]string // subterm to its name, u1
	order []Expr          // the named subterms, innermost first
}

// abbrevSize is the smallest subterm that gets a name, counted in nodes
// as it would be printed (with the names of its own named parts): about a
// line of a handout.
const abbrevSize = 30

// CSESize is the smallest repeated subexpression a person names when
// eliminating common subexpressions by hand (diff --cse, option cse):
// exp(-w x) is worth a name, x^2 is not.
const CSESize = 4

// Abbreviate finds the subterms of tops worth naming: those that occur
// more than once and would print at least abbrevSize nodes each time. It
// returns nil when there are none. The cost is linear in the number of
// distinct subterms, however much they share.
func Abbreviate(tops ...Expr) *Names { return AbbreviateFrom(abbrevSize, tops...) }

// AbbreviateFrom is Abbreviate naming subterms from least nodes up: a
// person eliminating common subexpressions by hand names smaller ones
// (diff --cse), and least 2 names every repeated compound subterm.
func AbbreviateFrom(least int, tops ...Expr) *Names {
	// uses counts the places each distinct subterm is written from: its
	// distinct parents, and once more if it is a top. A top written again
	// as a top costs a constant factor at most (a step's after is the
	// next one's before); a name for a whole answer would read badly.
	uses := map[Expr]int{}
	var nodes []Expr
	var bound []*Symbol
	var visit func(x Expr)
	visit = func(x Expr) {
		nodes = append(nodes, x)
		if b, ok := x.(*BigOp); ok && !slices.Contains(bound, b.index) {
			bound = append(bound, b.index)
		}
		for _, c := range x.Args() {
			if uses[c]++; uses[c] == 1 {
				visit(c)
			}
		}
	}
	isTop := map[Expr]bool{}
	for _, t := range tops {
		if isTop[t] {
			continue
		}
		isTop[t] = true
		if uses[t]++; uses[t] == 1 {
			visit(t)
		}
	}
	sortByHeight(nodes)
	// A subterm that mentions the index of an enclosing sum cannot be
	// named outside it; mentions records which do, by bit per index.
	mentions := map[Expr]uint64{}
	size := map[Expr]int{}
	a := &Names{name: map[Expr]string{}}
	for _, x := range nodes {
		var m uint64
		n := 1
		for _, c := range x.Args() {
			m |= mentions[c]
			if _, named := a.name[c]; named {
				n++
			} else {
				n += size[c]
			}
		}
		switch x := x.(type) {
		case *Symbol:
			if i := slices.Index(bound, x); i >= 0 && i < 64 {
				m |= 1 << i
			}
		case *BigOp:
			if i := slices.Index(bound, x.index); i >= 0 && i < 64 {
				m &^= 1 << i
			}
		}
		mentions[x], size[x] = m, n
		if len(bound) > 64 {
			m = 1 // more indices than bits: name nothing under a sum
		}
		// A pending derivative is what a derivation's step works on: it
		// stays in sight (its parts get names instead). A negated product
		// prints as "- w x" in a sum, where no name could stand for it.
		if n >= least && len(x.Args()) > 0 && uses[x] >= 2 && m == 0 && !HasDerivative(x) && Coeff(x).Sign() >= 0 {
			a.name[x] = "" // numbered below, innermost first
			a.order = append(a.order, x)
		}
	}
	if len(a.order) == 0 {
		return nil
	}
	a.number(nodes)
	return a
}

// Union names every subterm that one of sets names (a nil set names
// none), numbered afresh, innermost first. tops are the terms the names
// will be written in, whose names the new ones must not look like.
func Union(tops []Expr, sets ...*Names) *Names {
	a := &Names{name: map[Expr]string{}}
	for _, set := range sets {
		for _, x := range set.Named() {
			if _, ok := a.name[x]; !ok {
				a.name[x] = ""
				a.order = append(a.order, x)
			}
		}
	}
	if len(a.order) == 0 {
		return nil
	}
	sortByHeight(a.order)
	var nodes []Expr // a subterm of several tops is listed for each: no matter
	for _, t := range tops {
		Inspect(t, func(y Expr) bool { nodes = append(nodes, y); return true })
	}
	a.number(nodes)
	return a
}

// number names a's subterms in order, with a letter that no name of
// nodes starts with.
func (a *Names) number(nodes []Expr) {
	letter := freeLetter(nodes)
	for i, x := range a.order {
		a.name[x] = letter + strconv.Itoa(i+1)
	}
}

// sortByHeight orders terms children first.
func sortByHeight(xs []Expr) {
	slices.SortStableFunc(xs, func(a, b Expr) int { return Height(a) - Height(b) })
}

// freeLetter picks a letter for the names that no name in the terms
// starts with, so u1 cannot be mistaken for a variable u or u1.
func freeLetter(nodes []Expr) string {
	used := map[string]bool{}
	for _, x := range nodes {
		var n string
		switch x := x.(type) {
		case *Symbol:
			n = x.name
		case *Indexed:
			n = x.name
		default:
			continue
		}
		if i := strings.IndexAny(n, "_0123456789"); i > 0 {
			n = n[:i]
		}
		used[n] = true
	}
	for _, l := range nameLetters {
		if !used[l] {
			return l
		}
	}
	// Every letter taken: two letters, then three, ... There are fewer
	// names than candidates of some length, so this ends.
	for prefixes := nameLetters; ; {
		var longer []string
		for _, p := range prefixes {
			for _, l := range nameLetters {
				if !used[p+l] {
					return p + l
				}
				longer = append(longer, p+l)
			}
		}
		prefixes = longer
	}
}

// nameLetters are the letters names are made of, the usual ones first.
var nameLetters = strings.Split("uvzqrstabcdefghijklmnopwxyUVZQRSTABCDEFGHIJKLMNOPWXY", "")

// Len is the number of names.
func (a *Names) Len() int {
	if a == nil {
		return 0
	}
	return len(a.order)
}

// Of returns the name of x, if it has one.
func (a *Names) Of(x Expr) (string, bool) {
	if a == nil {
		return "", false
	}
	n, ok := a.name[x]
	return n, ok
}

// Named returns the named subterms, innermost first, so that each is
// defined before a name that uses it.
func (a *Names) Named() []Expr {
	if a == nil {
		return nil
	}
	return a.order
}
