package texcheck

import (
	"unicode/utf8"
)

// kind is the kind of a token, as TeX's category codes sort characters
// in a LaTeX document.
type kind uint8

const (
	tEnd    kind = iota // the end of the text, or of the optional argument being read
	tWord               // a control word: a backslash and letters
	tSymbol             // a control symbol: a backslash and one other character
	tChar               // a character that is nothing special: letter, digit, punctuation, ~
	tSpace              // spaces, tabs and at most one line break
	tPar                // a blank line, which TeX reads as \par
	tOpen               // {
	tClose              // }
	tMath               // $
	tAmp                // &
	tSup                // ^
	tSub                // _
)

// token is one unit of TeX's reading.
type token struct {
	kind kind
	at   int    // the offset of its first byte
	text string // the name of a control sequence without its backslash; the character of a tChar
}

// is reports whether t is the control sequence \name.
func (t token) is(name string) bool {
	return (t.kind == tWord || t.kind == tSymbol) && t.text == name
}

// isChar reports whether t is the character ch.
func (t token) isChar(ch string) bool { return t.kind == tChar && t.text == ch }

// specialChars gives the kinds of the characters that are a token of
// their own; the zero kind, tEnd, marks every other byte.
var specialChars = [256]kind{'{': tOpen, '}': tClose, '$': tMath, '&': tAmp, '^': tSup, '_': tSub}

// next reads the token at pos into tok. Characters that problem text may
// not hold are reported here, once, and skipped.
func (c *checker) next() {
	for {
		at := c.pos
		if at >= c.limit {
			c.tok = token{kind: tEnd, at: c.limit}
			return
		}
		b := c.src[at]
		if k := specialChars[b]; k != tEnd {
			if b == '^' && at+1 < c.limit && c.src[at+1] == '^' {
				c.errorf(at, "^^ is not allowed in problem text: it can spell any character, a backslash too")
				c.pos += 2
				continue
			}
			c.pos++
			c.tok = token{kind: k, at: at, text: c.src[at:c.pos]}
			return
		}
		switch {
		case b == '\\':
			if c.controlSequence() {
				return
			}
		case b == ' ' || b == '\t' || b == '\n':
			c.space()
			return
		case b == '%':
			c.errorf(at, `%% starts a comment in LaTeX, which would hide the rest of the line: write \%% for a percent sign`)
			c.pos++
		case b == '#' && c.params > 0 && at+1 < c.limit && c.src[at+1] >= '1' && int(c.src[at+1]-'0') <= c.params:
			// A parameter of the macro whose body is being read
			// (CheckPreamble): a command of its own, which counts the
			// times TeX typesets it.
			c.pos += 2
			c.tok = token{kind: tWord, at: at, text: paramName}
			return
		case b == '#':
			c.errorf(at, `# is not allowed in problem text: write \# for a number sign`)
			c.pos++
		case b < 0x20 || b == 0x7f:
			c.errorf(at, "the control character %U is not allowed in problem text", rune(b))
			c.pos++
		case b >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(c.src[at:c.limit])
			c.pos += size
			if msg := refusedRune(r, size); msg != "" {
				c.errorf(at, "%s", msg)
				continue
			}
			c.tok = token{kind: tChar, at: at, text: c.src[at:c.pos]}
			return
		default:
			c.pos++
			c.tok = token{kind: tChar, at: at, text: c.src[at:c.pos]}
			return
		}
	}
}

// space reads white space: one tSpace, or a tPar when it holds a blank
// line (two line breaks with only spaces and tabs between them).
func (c *checker) space() {
	at, breaks := c.pos, 0
	for c.pos < c.limit {
		switch c.src[c.pos] {
		case '\n':
			breaks++
		case ' ', '\t':
		default:
			c.tok = token{kind: spaceKind(breaks), at: at}
			return
		}
		c.pos++
	}
	c.tok = token{kind: spaceKind(breaks), at: at}
}

func spaceKind(breaks int) kind {
	if breaks >= 2 {
		return tPar
	}
	return tSpace
}

// controlSequence reads a backslash and its name into tok, as TeX does: a
// control word is the backslash and all the ASCII letters after it; a
// control symbol is the backslash and the one character after it. A
// backslash before a line break, or before spaces up to one, is a control
// space (TeX drops the spaces at the end of a line, and LaTeX defines the
// control symbol of the line break as \ ); the line break is left to be
// read, since it may start a blank line. It reports false when what
// follows the backslash is not allowed, after reporting it.
func (c *checker) controlSequence() bool {
	at := c.pos
	c.pos++
	if c.pos >= c.limit {
		c.errorf(at, `a lone \ at the end of the text: write \textbackslash for a backslash`)
		return false
	}
	b := c.src[c.pos]
	switch {
	case isLetter(b):
		for c.pos < c.limit && isLetter(c.src[c.pos]) {
			c.pos++
		}
		c.tok = token{kind: tWord, at: at, text: c.src[at+1 : c.pos]}
		return true
	case b == '\n':
		c.tok = token{kind: tSymbol, at: at, text: " "}
		return true
	case b == '\t':
		c.pos++
		c.tok = token{kind: tSymbol, at: at, text: " "}
		return true
	case b == '^' && c.pos+1 < c.limit && c.src[c.pos+1] == '^':
		c.errorf(at+1, "^^ is not allowed in problem text: it can spell any character, a backslash too")
		c.pos += 2
		return false
	case b < 0x20 || b == 0x7f:
		c.errorf(at, "a backslash before the control character %U is not allowed in problem text", rune(b))
		c.pos++
		return false
	case b >= utf8.RuneSelf:
		r, size := utf8.DecodeRuneInString(c.src[c.pos:c.limit])
		c.pos += size
		if size == 1 && r == utf8.RuneError {
			c.errorf(at, "problem text must be UTF-8, and this is not")
		} else {
			c.errorf(at, `\%c is not a command: a backslash goes before ASCII letters or one ASCII symbol`, r)
		}
		return false
	}
	c.pos++
	c.tok = token{kind: tSymbol, at: at, text: c.src[at+1 : c.pos]}
	return true
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
