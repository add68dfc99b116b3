package check

import (
	"regexp"
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

// A derivation names what it works on: L(w) = ..., \ell(\lambda) = ...,
// \sigma(z) = ..., or explicitly L := ... . The line after such a head is
// its definition, and later lines mean it where they write the name:
// L(w), \frac{\partial L}{\partial w}, \frac{d\sigma}{dz} are read with
// the definition put in for the name, so that the engine differentiates
// what L stands for, not a symbol L. The definition is put in as text,
// before reading, because a name applied to its arguments (f(x), L(w) in
// plain syntax) does not read as a term.

// named is a definition: the head's name and arguments as written, the
// line of its head, and the text of its definition (itself with the
// definitions before it put in).
type named struct {
	name, args string
	head       int
	body       string
}

var (
	plainHead = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\(([^()]*)\))?\s*$`)
	texHead   = regexp.MustCompile(`^\s*(\\math(?:cal|scr|rm|bf|it|frak)\s*\{\s*[A-Za-z]+\s*\}|\\operatorname\s*\{\s*[A-Za-z]+\s*\}|\\[A-Za-z]+|[A-Za-z])\s*(?:\(([^()]*)\)|\\left\s*\(([^()]*)\\right\s*\))?\s*$`)
	// texFunctions are the LaTeX commands a head cannot define: they
	// name functions the engine knows, or are no names.
	texFunctions = map[string]bool{`\log`: true, `\ln`: true, `\exp`: true, `\sin`: true, `\cos`: true, `\tan`: true,
		`\sinh`: true, `\cosh`: true, `\tanh`: true, `\sqrt`: true, `\max`: true, `\min`: true, `\arg`: true,
		`\det`: true, `\lim`: true, `\sum`: true, `\prod`: true, `\frac`: true, `\partial`: true, `\nabla`: true,
		`\left`: true, `\right`: true, `\infty`: true, `\pi`: true, `\cdot`: true, `\hat`: true, `\bar`: true}
	greek = map[string]bool{"alpha": true, "beta": true, "gamma": true, "delta": true, "epsilon": true, "varepsilon": true,
		"zeta": true, "eta": true, "theta": true, "vartheta": true, "iota": true, "kappa": true, "lambda": true, "mu": true,
		"nu": true, "xi": true, "pi": true, "rho": true, "sigma": true, "tau": true, "upsilon": true, "phi": true,
		"varphi": true, "chi": true, "psi": true, "omega": true}
)

// maxExpanded bounds a line with definitions put in: definitions of
// definitions could otherwise double it at each level.
const maxExpanded = 1 << 16

// head reads a definition's head: a name, and its arguments when it has
// any; ok is false when the text is no head.
func head(text string, latex bool) (name, args string, ok bool) {
	if !latex {
		m := plainHead.FindStringSubmatch(text)
		if m == nil {
			return "", "", false
		}
		if x, err := parser.ParseAs(parser.Plain, "", m[1]); err != nil || x.Kind() != expr.KindSymbol {
			return "", "", false // a function's name (log, sum) or no name
		}
		return m[1], strings.TrimSpace(m[2]), true
	}
	m := texHead.FindStringSubmatch(text)
	if m == nil || texFunctions[m[1]] {
		return "", "", false
	}
	return m[1], strings.TrimSpace(m[2] + m[3]), true
}

// functionLike: a bare name that names a function rather than a
// variable: capitalised, longer than a letter and no Greek letter, f, g,
// h, p, q, \ell or a calligraphic letter. A name with arguments always
// does; x = 2 or \lambda = N/S without := is a claim, not a definition.
func functionLike(name, args string) bool {
	if args != "" {
		return true
	}
	if strings.HasPrefix(name, `\math`) || strings.HasPrefix(name, `\operatorname`) {
		return true
	}
	n := strings.TrimPrefix(name, `\`)
	switch {
	case n == "ell":
		return true
	case greek[n]:
		return false
	case n[0] >= 'A' && n[0] <= 'Z':
		return true
	case len(n) > 1:
		return true
	}
	return strings.Contains("fghpq", n)
}

// definitions finds the heads of the lines' definitions and returns each
// line's text with the definitions before it put in; heads maps a head's
// index to its name. A head is the first line of a chain whose next line
// follows it by =, or any line followed by := (\coloneqq, \triangleq,
// \equiv, \stackrel{\text{def}}{=}); its name must be new, and absent
// from its definition.
func definitions(lines []Line, syntax parser.Syntax) (texts []string, heads map[int]string) {
	texts = make([]string, len(lines))
	heads = map[int]string{}
	var defs []named
	for i, l := range lines {
		latex := syntax == parser.LaTeX && !l.Plain
		texts[i] = l.Text
		if t := expand(l.Text, defs, latex); t != "" {
			texts[i] = t
		}
		if i+1 >= len(lines) || l.Rel.Kind != Start || l.Rel.Sign != "" && strings.HasPrefix(l.Rel.Sign, "d/d") {
			continue
		}
		next := lines[i+1]
		if next.Rel.Kind != Equal || next.Rel.Unknown {
			continue
		}
		name, args, ok := head(l.Text, latex)
		if !ok || !next.Rel.Define && !functionLike(name, args) || mentions(next.Text, name, latex) {
			continue
		}
		known := false
		for _, d := range defs {
			known = known || d.name == name
		}
		if known {
			continue // defined before: this line is a claim about it
		}
		body := expand(next.Text, defs, latex)
		if body == "" {
			continue
		}
		defs = append(defs, named{name: name, args: args, head: i, body: body})
		heads[i] = name
		texts[i] = l.Text
	}
	return texts, heads
}

// expand puts the definitions into text, in their order: each use of a
// name, bare or applied to the arguments of its head, becomes its
// definition in brackets; applied to other arguments, the definition
// with them put in for the head's (f(2) for f(x) := x^2 is (2)^2). A
// call that does not fit the head is left as written.
func expand(text string, defs []named, latex bool) string {
	for _, d := range defs {
		if !strings.Contains(text, d.name) {
			continue
		}
		open, closing := "(", ")"
		if latex {
			// Braced, so that it stays one group after ^ or _.
			open, closing = `{\left(`, `\right)}`
		}
		var b strings.Builder
		rest := text
		for {
			at := nameAt(rest, d.name, latex)
			if at < 0 {
				b.WriteString(rest)
				break
			}
			b.WriteString(rest[:at])
			after := rest[at+len(d.name):]
			body := d.body
			if n, inner := call(after); n > 0 {
				switch {
				case d.args == "" || squeeze(inner) == squeeze(d.args):
					// L(w) for L = ...: L.
				default:
					// Applied to other arguments: they are put in for
					// the head's, or the call is left as written.
					with, ok := applied(d, inner, latex)
					if !ok {
						b.WriteString(rest[at : at+len(d.name)+n])
						rest = after[n:]
						continue
					}
					body = with
				}
				after = after[n:]
			}
			b.WriteString(open + body + closing)
			rest = after
			if b.Len() > maxExpanded {
				return "" // the callers keep the line as written
			}
		}
		text = b.String()
	}
	return text
}

// call reads the argument list s starts with ((...) or \left(...\right),
// brackets matched): its length with the spaces before it and what is
// inside; n is 0 when s starts with none, -1 when it is not closed.
func call(s string) (n int, inner string) {
	t := strings.TrimLeft(s, " \t")
	lead := len(s) - len(t)
	open := "("
	if strings.HasPrefix(t, `\left(`) {
		open = `\left(`
	} else if !strings.HasPrefix(t, "(") {
		return 0, ""
	}
	// \left( and \right) hold a bracket each: brackets are matched
	// as characters.
	depth := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth > 0 {
				continue
			}
			end := i
			if open == `\left(` {
				if !strings.HasSuffix(t[:i], `\right`) {
					return -1, ""
				}
				end -= len(`\right`)
			}
			return lead + i + 1, t[len(open):end]
		}
	}
	return -1, ""
}

// applied is the definition's body with the head's parameters replaced by
// the arguments of a call, each in brackets, all at once; ok is false
// when the call does not fit the head (another number of arguments, or a
// head whose parameters are no names).
func applied(d named, inner string, latex bool) (string, bool) {
	params := splitArgs(d.args)
	args := splitArgs(inner)
	if len(params) == 0 || len(params) != len(args) {
		return "", false
	}
	open, closing := "(", ")"
	if latex {
		open, closing = `{\left(`, `\right)}`
	}
	body := d.body
	for k, p := range params {
		if name, a, ok := head(p, latex); !ok || a != "" || name != p {
			return "", false
		}
		body = replaceName(body, p, "\x00"+string(rune('a'+k))+"\x00", latex)
	}
	for k, a := range args {
		body = strings.ReplaceAll(body, "\x00"+string(rune('a'+k))+"\x00", open+a+closing)
	}
	return body, true
}

// maxParams bounds the parameters of a head that calls are put in for.
const maxParams = 8

// splitArgs splits an argument list at its commas outside brackets;
// nil for more than maxParams arguments.
func splitArgs(s string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[from:i]))
				from = i + 1
			}
		}
	}
	if strings.TrimSpace(s) != "" {
		out = append(out, strings.TrimSpace(s[from:]))
	}
	if len(out) > maxParams {
		return nil
	}
	return out
}

// replaceName replaces each whole occurrence of name in s by with.
func replaceName(s, name, with string, latex bool) string {
	var b strings.Builder
	for {
		at := nameAt(s, name, latex)
		if at < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:at] + with)
		s = s[at+len(name):]
	}
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// nameAt is where name occurs in s as a whole name (not inside a longer
// name or command, nor a subscripted other variable), -1 when nowhere.
func nameAt(s, name string, latex bool) int {
	from := 0
	for {
		k := strings.Index(s[from:], name)
		if k < 0 {
			return -1
		}
		k += from
		end := k + len(name)
		ok := true
		if k > 0 {
			p := s[k-1]
			switch {
			case latex && p == '\\':
				ok = false
			case latex && name[0] == '\\':
				// \sigma after d (d\sigma) or any letter is the name.
			case latex && p == 'd' && (k == 1 || s[k-2] == '{' || s[k-2] == ' '):
				// dL in \frac{dL}{dw}: the differential of L.
			case latex && (isLetter(p) || p == '_'), !latex && isWord(p):
				ok = false // inside a longer name (2L is a product in LaTeX)
			}
		}
		if end < len(s) {
			// f' is another function (a prime the reader may know).
			if c := s[end]; isLetter(c) || c == '_' || c == '\'' || !latex && isWord(c) {
				ok = false
			}
		}
		if ok {
			return k
		}
		from = k + 1
	}
}

// mentions reports whether s uses name.
func mentions(s, name string, latex bool) bool { return nameAt(s, name, latex) >= 0 }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isWord(c byte) bool { return isLetter(c) || c >= '0' && c <= '9' || c == '_' }
