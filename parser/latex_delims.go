package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// Delimiters: ( ) [ ] \{ \} group, | | and \lvert \rvert are abs, each
// bare, after \left and \right (which must pair), or after a size
// command (\bigl( \bigr), \Big( \Big)), which need not pair.

// texOpeners maps each opening delimiter to its closer.
var texOpeners = map[string]string{
	"(": ")", "[": "]", "{": "}", `\{`: `\}`, `\lbrace`: `\rbrace`,
	"|": "|", `\lvert`: `\rvert`, `\vert`: `\vert`,
}

// texSizes are the size commands before a delimiter; texOpenSizes are
// those that only open.
var texSizes, texOpenSizes = map[string]bool{}, map[string]bool{}

func init() {
	for _, s := range []string{`\big`, `\Big`, `\bigg`, `\Bigg`} {
		texSizes[s], texSizes[s+"l"], texSizes[s+"r"], texSizes[s+"m"] = true, true, true, true
		texOpenSizes[s+"l"] = true
	}
}

// texUnsupportedDelims are delimiters derivtex has no meaning for.
var texUnsupportedDelims = map[string]string{
	`\|`: "norms", `\lVert`: "norms", `\Vert`: "norms", `\langle`: "inner products",
	`\lfloor`: "floors", `\lceil`: "ceilings", ".": "invisible delimiters",
}

// delim is an opening delimiter that was read.
type delim struct {
	pos    lexer.Position // where it starts (its size command, if any)
	size   string         // "", `\left`, or a size command
	char   string         // (, [, \{, |, \lvert ...
	closer string
}

func (d delim) abs() bool { return d.char == "|" || d.char == `\lvert` || d.char == `\vert` }

// openDelim reads an opening delimiter if one comes next.
func (c *texClimber) openDelim() (delim, bool) {
	t := c.peek()
	d := delim{pos: t.Pos}
	if t.Type == texCommand && (t.Value == `\left` || texSizes[t.Value]) {
		next := c.peek2()
		if what, bad := texUnsupportedDelims[next.Value]; bad {
			if next.Value == "." {
				panic(errorAt(t.Pos, `%s. (an invisible delimiter) is not supported`, t.Value))
			}
			panic(errorAt(next.Pos, "%s%s: %s are not supported", t.Value, next.Value, what))
		}
		closer, ok := texOpeners[next.Value]
		if !ok || next.Value == "{" {
			if t.Value == `\left` {
				panic(errorAt(next.Pos, `unexpected %s after \left, expected a delimiter: \left( \left[ \left\{ \left|`, describe(&next)))
			}
			return d, false
		}
		c.next()
		c.next()
		d.size, d.char, d.closer = t.Value, next.Value, closer
		return d, true
	}
	if what, bad := texUnsupportedDelims[t.Value]; bad && t.Type == texCommand {
		panic(errorAt(t.Pos, "%s: %s are not supported", t.Value, what))
	}
	closer, ok := texOpeners[t.Value]
	if !ok || t.Type == texLetter || t.Type == texDigit {
		return d, false
	}
	c.next()
	d.char, d.closer = t.Value, closer
	return d, true
}

// argListAhead reports whether a parenthesised argument list comes next:
// ( or [, bare, after \left, or after a size command.
func (c *texClimber) argListAhead() bool {
	t := c.peek()
	if t.Type == texCommand && (t.Value == `\left` || texOpenSizes[t.Value] || texSizes[t.Value]) {
		next := c.peek2()
		return next.Value == "(" || next.Value == "["
	}
	return isTexPunct(t, "(") || isTexPunct(t, "[")
}

// delimited reads the inside of a delimiter just opened and its closer:
// a group, or an abs.
func (c *texClimber) delimited(d delim) node {
	c.count(c.peek())
	var x node
	bold := c.bold
	c.nested(d.abs() && d.size != `\left`, func() { x = c.expression(0, false) })
	c.closeDelim(d)
	if d.abs() {
		return &absNode{pos: d.pos, arg: x}
	}
	if f, ok := x.(*chainNode); ok {
		delete(c.fracs, f) // grouped: (\frac{a}{b}) is one factor
	}
	if c.bold > bold {
		c.boldGroups[x] = true
	}
	return x
}

// delimitedList reads comma-separated terms inside a delimiter just
// opened, and its closer: a function's arguments.
func (c *texClimber) delimitedList(d delim) []node {
	var xs []node
	c.nested(false, func() {
		for {
			xs = append(xs, c.expression(0, false))
			if !isTexPunct(c.peek(), ",") {
				return
			}
			c.next()
		}
	})
	c.closeDelim(d)
	return xs
}

// closes reports whether t closes d.
func (d delim) closes(t *lexer.Token) bool {
	if t.Type == texLetter || t.Type == texDigit {
		return false
	}
	if d.abs() {
		return t.Value == "|" || t.Value == `\rvert` || t.Value == `\vert`
	}
	return t.Value == d.closer
}

// closeDelim consumes the closer of d: \right and its delimiter after
// \left, a delimiter with or without a size command otherwise.
func (c *texClimber) closeDelim(d delim) {
	t := c.peek()
	if d.size == `\left` {
		if isTex(t, texCommand, `\right`) {
			c.next()
			ch := c.next()
			if !d.closes(ch) {
				panic(errorAt(ch.Pos, `\left%s closed by \right%s: expected \right%s`, d.char, ch.Value, d.closer))
			}
			return
		}
		if t.EOF() {
			panic(errorAt(d.pos, `unbalanced \left%s: no \right%s`, d.char, d.closer))
		}
		panic(errorAt(t.Pos, `unexpected %s, expected \right%s`, describe(t), d.closer))
	}
	if t.Type == texCommand && texSizes[t.Value] && !texOpenSizes[t.Value] {
		next := c.peek2()
		if d.closes(&next) {
			c.next()
			c.next()
			return
		}
	}
	switch {
	case d.closes(t):
		c.next()
		return
	case isTex(t, texCommand, `\right`):
		panic(errorAt(t.Pos, `unbalanced \right: the %q it would close has no \left`, d.char))
	case t.EOF():
		panic(errorAt(d.pos, "unclosed %q", d.char))
	}
	panic(errorAt(t.Pos, "unexpected %s, expected %q", describe(t), d.closer))
}
