package parser

import (
	"context"
	"regexp"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
)

// ParseOp reads an operator defined by its index map:
//
//	SEE(x[2N])[i] = x[2 i], i = 1..N
//
// the operator's name, its argument with the argument's dimensions, the
// output indices, the body (a term in plain syntax reading the argument's
// entries), and each output index's range. Mistakes are errors at their
// place in src.
func ParseOp(ctx context.Context, filename, src string) (*indexmap.Op, error) {
	start := diag.Pos{File: filename, Line: 1, Col: 1}
	at := func(off int) diag.Pos { return start.Advance(src[:off]) }
	fail := func(off int, format string, args ...any) error {
		return diag.At(at(off), format, args...).WithSource(src)
	}
	if len(src) > MaxInputBytes {
		return nil, fail(0, "input larger than 1 MiB")
	}
	head := opHead.FindStringSubmatchIndex(src)
	if head == nil {
		return nil, fail(len(src)-len(strings.TrimLeft(src, " \t")),
			"an operator is defined as NAME(x[SIZE, ...])[i, ...] = body, i = LO..HI, ...")
	}
	name, arg := src[head[2]:head[3]], src[head[4]:head[5]]
	for _, n := range []struct {
		s   string
		off int
	}{{name, head[2]}, {arg, head[4]}} {
		if isConstantName(n.s) || callees[n.s].fn != nil {
			return nil, fail(n.off, "%s is a constant or a function: name the operator and its argument otherwise", n.s)
		}
	}
	// term reads one part of the definition, its errors moved to their
	// place in src.
	term := func(off int, text string) (expr.Expr, error) {
		x, _, err := ParseTerm("", text)
		if err != nil {
			d := *diag.From(err)
			d.Pos = at(off + min(max(d.Pos.Offset, 0), len(text)))
			return nil, d.WithSource(src)
		}
		return x, nil
	}
	var dims []expr.Expr
	for _, p := range splitTop(src[head[6]:head[7]], head[6]) {
		d, err := term(p.off, p.text)
		if err != nil {
			return nil, err
		}
		if n, ok := d.(*expr.Number); ok && !(n.IsInt() && n.Sign() > 0) {
			return nil, fail(p.off+len(p.text)-len(strings.TrimLeft(p.text, " \t")), "a size is a whole number from 1, not %s", n)
		}
		dims = append(dims, d)
	}
	var out []indexmap.Range
	outOff := map[string]int{}
	for _, p := range splitTop(src[head[8]:head[9]], head[8]) {
		n := strings.TrimSpace(p.text)
		if !identifier.MatchString(n) || isConstantName(n) {
			return nil, fail(p.off, "an output index is a name, not %s", diag.Quote(n))
		}
		if _, twice := outOff[n]; twice {
			return nil, fail(p.off, "the index %s is listed twice", n)
		}
		outOff[n] = p.off
		out = append(out, indexmap.Range{Index: expr.Sym(n)})
	}
	parts := splitTop(src[head[1]:], head[1])
	body, err := term(parts[0].off, parts[0].text)
	if err != nil {
		return nil, err
	}
	ranged := map[string]bool{}
	for _, p := range parts[1:] {
		m := rangeDef.FindStringSubmatchIndex(p.text)
		if m == nil {
			return nil, fail(p.off, "after the body come the ranges of the output indices: i = 1..N")
		}
		n := p.text[m[2]:m[3]]
		k := -1
		for i, r := range out {
			if r.Index.Name() == n {
				k = i
			}
		}
		switch {
		case k < 0:
			return nil, fail(p.off+m[2], "%s is not an output index of %s", n, name)
		case ranged[n]:
			return nil, fail(p.off+m[2], "the range of %s is given twice", n)
		}
		ranged[n] = true
		if out[k].Lo, err = term(p.off+m[4], p.text[m[4]:m[5]]); err != nil {
			return nil, err
		}
		if out[k].Hi, err = term(p.off+m[6], p.text[m[6]:m[7]]); err != nil {
			return nil, err
		}
		if c, ok := out[k].Count().(*expr.Number); ok && c.Sign() <= 0 {
			return nil, fail(p.off+m[4], "the range %s..%s of %s is empty: it runs up, from LO to HI", out[k].Lo, out[k].Hi, n)
		}
	}
	for _, r := range out {
		if !ranged[r.Index.Name()] {
			return nil, fail(len(strings.TrimRight(src, " \t\r\n")), "no range for %s: add , %s = 1..N", r.Index, r.Index)
		}
	}
	op, err := indexmap.New(ctx, name, arg, dims, out, body)
	if err != nil {
		return nil, diag.From(err).Located(at(parts[0].off), src)
	}
	return op, nil
}

var (
	// opHead is NAME(ARG[DIMS])[INDICES] =, the body after it.
	opHead     = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9_]*)\s*\(\s*([A-Za-z][A-Za-z0-9_]*)\s*\[([^\]]*)\]\s*\)\s*\[([^\]]*)\]\s*=`)
	rangeDef   = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.*?)\s*\.\.\s*(.*?)\s*$`)
	identifier = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// part is a piece of a list and its offset in the source.
type part struct {
	text string
	off  int
}

// splitTop splits s, which starts at off in the source, at the commas
// outside parentheses and brackets.
func splitTop(s string, off int) []part {
	var out []part
	depth, from := 0, 0
	for i, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, trimmedPart(s[from:i], off+from))
				from = i + 1
			}
		}
	}
	return append(out, trimmedPart(s[from:], off+from))
}

// trimmedPart is s, which starts at off, without its leading blanks.
func trimmedPart(s string, off int) part {
	t := strings.TrimLeft(s, " \t")
	return part{t, off + len(s) - len(t)}
}
