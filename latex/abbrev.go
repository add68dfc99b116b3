package latex

import (
	"slices"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/expr"
)

// Abbreviations name the large subterms that a derivation would otherwise
// write out again and again: u_1 = \sin(\sin(...)), then u_1 wherever it
// occurs. Terms share structure (a depth-n composition and its derivative
// are O(n) distinct subterms), but written as trees on every line they
// grow to O(n^2) symbols per line; with names, what is printed stays
// proportional to the distinct subterms. Ordinary derivations have no
// subterm large enough to be named, so they read as before.
type Abbreviations struct {
	name  map[expr.Expr]string // subterm to the LaTeX of its name
	order []expr.Expr          // the named subterms, innermost first
}

// abbrevSize is the smallest subterm that gets a name, counted in nodes
// as it would be printed (with the names of its own named parts): about a
// line of a handout.
const abbrevSize = 30

// Abbreviate finds the subterms of tops worth naming: those that occur
// more than once and would print at least abbrevSize nodes each time. It
// returns nil when there are none. The cost is linear in the number of
// distinct subterms, however much they share.
func Abbreviate(tops ...expr.Expr) *Abbreviations {
	// uses counts the places each distinct subterm is written from: its
	// distinct parents, and each time it is a top.
	uses := map[expr.Expr]int{}
	var nodes []expr.Expr
	var bound []*expr.Symbol
	var visit func(x expr.Expr)
	visit = func(x expr.Expr) {
		nodes = append(nodes, x)
		if b, ok := x.(*expr.BigOp); ok && !slices.Contains(bound, b.Var) {
			bound = append(bound, b.Var)
		}
		for _, c := range x.Args() {
			if uses[c]++; uses[c] == 1 {
				visit(c)
			}
		}
	}
	for _, t := range tops {
		if uses[t]++; uses[t] == 1 {
			visit(t)
		}
	}
	sortByHeight(nodes)
	// A subterm that mentions the index of an enclosing sum cannot be
	// named outside it; mentions records which do, by bit per index.
	mentions := map[expr.Expr]uint64{}
	size := map[expr.Expr]int{}
	a := &Abbreviations{name: map[expr.Expr]string{}}
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
		case *expr.Symbol:
			if i := slices.Index(bound, x); i >= 0 && i < 64 {
				m |= 1 << i
			}
		case *expr.BigOp:
			if i := slices.Index(bound, x.Var); i >= 0 && i < 64 {
				m &^= 1 << i
			}
		}
		mentions[x], size[x] = m, n
		if len(bound) > 64 {
			m = 1 // more indices than bits: name nothing under a sum
		}
		if n >= abbrevSize && uses[x] >= 2 && m == 0 {
			a.name[x] = "" // numbered below, innermost first
			a.order = append(a.order, x)
		}
	}
	if len(a.order) == 0 {
		return nil
	}
	letter := freeLetter(nodes)
	for i, x := range a.order {
		a.name[x] = letter + "_{" + strconv.Itoa(i+1) + "}"
	}
	return a
}

// sortByHeight orders terms children first.
func sortByHeight(xs []expr.Expr) {
	slices.SortStableFunc(xs, func(a, b expr.Expr) int { return expr.Height(a) - expr.Height(b) })
}

// freeLetter picks a letter for the names that no name in the terms
// starts with, so u_1 cannot be mistaken for a variable u or u1.
func freeLetter(nodes []expr.Expr) string {
	used := map[string]bool{}
	for _, x := range nodes {
		var n string
		switch x := x.(type) {
		case *expr.Symbol:
			n = x.Name
		case *expr.Indexed:
			n = x.Name
		default:
			continue
		}
		if i := strings.IndexAny(n, "_0123456789"); i > 0 {
			n = n[:i]
		}
		used[n] = true
	}
	for _, l := range []string{"u", "v", "z", "q", "r", "s", "t", "a", "b", "c"} {
		if !used[l] {
			return l
		}
	}
	return `\mathrm{abbrev}` // every short letter taken: an upright word
}

// Len is the number of names.
func (a *Abbreviations) Len() int {
	if a == nil {
		return 0
	}
	return len(a.order)
}

// Abbreviated renders the subterms a names by their names (see
// Abbreviate); with a nil a, nothing is named. Chain and Rows name what
// their rows repeat unless given this option, which lets a caller share
// names between a chain and the boxed answer after it.
func Abbreviated(a *Abbreviations) Option {
	return func(c *config) { c.abbrev, c.abbrevSet = a, true }
}

// abbreviation returns the name that stands for x, if it has one and is
// not being defined.
func (p *printer) abbreviation(x expr.Expr) (string, bool) {
	if p.cfg.abbrev == nil || x == p.defining {
		return "", false
	}
	name, ok := p.cfg.abbrev.name[x]
	return name, ok
}

// definitions writes the rows that define the names, after the rows of a
// chain: \intertext{where} and u_k &= its subterm, each subterm written
// with the names of its own named parts.
func (p *printer) definitions() {
	a := p.cfg.abbrev
	if a.Len() == 0 {
		return
	}
	p.str(`\\` + "\n" + `\intertext{where}` + "\n")
	for i, x := range a.order {
		if i > 0 {
			p.str(`\\` + "\n")
		}
		p.str(a.name[x] + " &= ")
		// The subterm itself, not its name: its parts may have names.
		p.defining = x
		p.expr(x, 0)
		p.defining = nil
	}
}
