package define

import (
	"context"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

// The expression parser knows neither piecewise nor the author's
// functions, so a reader takes their calls out of the text first: each
// call is read on its own (its arguments are terms, read the same way),
// and its span is replaced by a placeholder name of at most its length,
// padded with spaces, so that every other byte keeps its offset and the
// parser's errors stay in place. The placeholders are then replaced by
// the calls' terms.

// maxNesting bounds calls inside calls' arguments.
const maxNesting = 32

// reader reads the terms of one source text.
type reader struct {
	ctx      context.Context
	scope    *Scope
	src      string
	defining string       // the function being defined, whose calls are recursion
	v        *expr.Symbol // the variable of the function being defined; nil in a plain term
	depth    int
	free     []Use
	// cases are the piecewise calls read, by their offset, for the
	// display of a body that is one of them.
	cases map[int][]Case
	span  map[int]int // the end of each piecewise call, by its offset
}

func (r *reader) addFree(name string, off int) {
	for _, u := range r.free {
		if u.Name == name {
			return
		}
	}
	r.free = append(r.free, Use{name, off})
}

func (r *reader) uses() []Use { return r.free }

// call is a call found in the text: name(args) over src[start:end].
type call struct {
	name       string
	start, end int // the span, name to ")"
	open       int // the offset of "("
}

// calls finds the outermost calls of piecewise and of the scope's
// functions (and of the function being defined) in src[from:to].
func (r *reader) calls(from, to int) ([]call, error) {
	var out []call
	s := r.src
	for i := from; i < to; {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			i++
			continue
		}
		j := i
		for j < to && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		name := s[i:j]
		if i > from && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '.') {
			i = j // the exponent of 1e5, or a name glued to a number
			continue
		}
		if j < to && s[j] == '(' && (name == "piecewise" || name == r.defining || r.scope.Lookup(name) != nil) {
			end, ok := closing(s, j, to)
			if !ok {
				return nil, at(s, j, "unclosed %q", "(")
			}
			out = append(out, call{name: name, start: i, end: end, open: j})
			i = end
			continue
		}
		i = j
	}
	return out, nil
}

// closing is the offset just after the ")" that closes the "(" at open.
func closing(s string, open, to int) (int, bool) {
	depth := 0
	for i := open; i < to; i++ {
		switch s[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

// term reads src[from:to] as a term.
func (r *reader) term(from, to int) (expr.Expr, error) {
	if r.depth++; r.depth > maxNesting {
		return nil, at(r.src, from, "calls nested deeper than %d", maxNesting)
	}
	defer func() { r.depth-- }()
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	cs, err := r.calls(from, to)
	if err != nil {
		return nil, err
	}
	text := []byte(r.src[from:to])
	prefix := placeholderPrefix(r.src)
	sub := map[expr.Expr]expr.Expr{}
	for k, c := range cs {
		x, err := r.callTerm(c)
		if err != nil {
			return nil, err
		}
		name := prefix + strconv.Itoa(k)
		if len(name) >= c.end-c.start {
			return nil, at(r.src, c.start, "too many calls in one term")
		}
		for i := c.start; i < c.end; i++ {
			if r.src[i] != '\n' {
				text[i-from] = ' '
			}
		}
		copy(text[c.start-from:], name)
		sub[expr.Sym(name)] = x
	}
	x, uses, err := parser.ParseTerm("", string(text))
	if err != nil {
		return nil, r.shifted(from, err)
	}
	for _, u := range uses {
		if u.Free.IsValid() && !strings.HasPrefix(u.Name, prefix) {
			r.addFree(u.Name, from+u.Free.Offset)
		}
	}
	if len(sub) > 0 {
		x = expr.Substitute(x, sub)
	}
	if n := expr.Size(x); n > MaxSize {
		return nil, at(r.src, from+lead(r.src[from:to]), "the term is too large once its calls are expanded: %d distinct subterms, more than %d", n, MaxSize)
	}
	if u := expr.UndefinedIn(x); u != nil {
		return nil, at(r.src, from+lead(r.src[from:to]), "undefined: %s", u.Reason())
	}
	return x, nil
}

// placeholderPrefix is a prefix no name of src starts with.
func placeholderPrefix(src string) string {
	for _, p := range []string{"Q", "Z", "Y", "QQ", "ZZ", "Q_Z"} {
		if !usesPrefix(src, p) {
			return p
		}
	}
	return "Q_Z_Q"
}

func usesPrefix(src, p string) bool {
	for i := 0; i+len(p) <= len(src); i++ {
		if src[i:i+len(p)] == p && (i == 0 || !isNameByte(src[i-1])) {
			return true
		}
	}
	return false
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// shifted moves an error of a piece that starts at byte off to its place
// in the whole source.
func (r *reader) shifted(off int, err error) error {
	d := diag.From(err)
	if d.Kind != diag.Input {
		return err
	}
	o := off
	if d.Pos.IsValid() {
		o += d.Pos.Offset
	}
	return at(r.src, o, "%s", d.Msg)
}

// item is a piece of a call's argument list.
type item struct{ from, to int }

// args splits src[from:to] at the commas (and, when semi, at the first
// ";") outside brackets.
func (r *reader) args(from, to int) (before, after []item, semi bool) {
	depth, start := 0, from
	cur := &before
	for i := from; i < to; i++ {
		switch c := r.src[i]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0 && c == ',':
			*cur = append(*cur, item{start, i})
			start = i + 1
		case depth == 0 && c == ';' && !semi:
			*cur = append(*cur, item{start, i})
			start = i + 1
			cur, semi = &after, true
		}
	}
	*cur = append(*cur, item{start, to})
	return before, after, semi
}

func (r *reader) blank(it item) bool { return strings.TrimSpace(r.src[it.from:it.to]) == "" }

// callTerm reads one call: piecewise, or a defined function.
func (r *reader) callTerm(c call) (expr.Expr, error) {
	if c.name == "piecewise" {
		return r.piecewise(c)
	}
	if c.name == r.defining {
		return nil, at(r.src, c.start, "%s calls itself: a definition may call only functions defined before it", c.name)
	}
	d := r.scope.Lookup(c.name)
	before, after, semi := r.args(c.open+1, c.end-1)
	if len(before) != 1 || r.blank(before[0]) {
		return nil, at(r.src, c.start, "%s takes one argument%s, not %d", c.name, paramsHint(d), count(r, before))
	}
	arg, err := r.term(before[0].from, before[0].to)
	if err != nil {
		return nil, err
	}
	var values []expr.Expr
	if semi {
		if len(after) != len(d.Params) || len(after) == 1 && r.blank(after[0]) {
			return nil, at(r.src, after[0].from+lead(r.src[after[0].from:after[0].to]), "%s has %s (%s), not %d", c.name, plural(len(d.Params), "parameter"), paramList(d), count(r, after))
		}
		for _, it := range after {
			v, err := r.term(it.from, it.to)
			if err != nil {
				return nil, err
			}
			values = append(values, v)
		}
	}
	return d.Call(arg, values), nil
}

func count(r *reader, items []item) int {
	if len(items) == 1 && r.blank(items[0]) {
		return 0
	}
	return len(items)
}

func paramsHint(d *Def) string {
	if len(d.Params) == 0 {
		return ""
	}
	return ", then its parameters' values after \";\": " + d.Name + "(x; " + paramList(d) + ")"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
