package texcheck

import "unicode/utf8"

// closer is what ends the list being read, and where what it closes
// opened.
type closer struct {
	kind closeKind
	at   int
	name string // of the environment, for closeEnv
}

type closeKind uint8

const (
	closeEnd     closeKind = iota // the end of the text, or of an optional argument
	closeBrace                    // }
	closeDollar                   // $
	closeParen                    // \)
	closeBracket                  // \]
	closeEnv                      // \end{name}
	closeRight                    // \right
)

// what names what a closer closes, for messages.
func (cl closer) what() string {
	switch cl.kind {
	case closeBrace:
		return `the "{" before it`
	case closeDollar:
		return "the math opened with $"
	case closeParen:
		return `the math opened with \(`
	case closeBracket:
		return `the displayed math opened with \[`
	case closeEnv:
		return `\begin{` + cl.name + `}`
	case closeRight:
		return `the \left before it`
	}
	return "nothing"
}

// list reads tokens in state s up to and including the one that closes
// cl. It is the one place that recurses, once per level of nesting.
func (c *checker) list(s state, cl closer) {
	c.depth++
	if c.depth > MaxDepth {
		c.fatalf(cl.at, "nested deeper than %d levels of braces, arguments, environments and math", MaxDepth)
	}
	defer func() { c.depth-- }()
	for {
		t := c.tok
		if t.kind == tSpace {
			c.next()
			continue
		}
		if c.work += s.times; c.work > c.budget {
			c.fatalf(t.at, `pdflatex would take too long over this text: \text in math, \sqrt[n], \boldsymbol, \pmb, `+
				`\phantom, \overset, \underset and the arrows over and under typeset their argument several times, `+
				`and nested they multiply; nest fewer of them`)
		}
		if s.items != nil && !s.items.seen && t.kind != tEnd && t.kind != tPar && !t.is("item") && !t.is("end") {
			s.items.seen = true
			c.errorf(t.at, `text before the first \item of %s: start the list with \item`, cl.name)
		}
		if s.row != nil {
			s.row.kept = false
		}
		if c.token(s, cl, t) {
			return
		}
		if s.row != nil && !s.row.kept {
			s.row.start, s.row.cell = false, false
		}
	}
}

// token reads the token t and what belongs to it, and reports whether it
// closed cl.
func (c *checker) token(s state, cl closer, t token) bool {
	switch t.kind {
	case tEnd:
		if cl.kind != closeEnd {
			c.unclosed(cl)
		}
		return true
	case tPar:
		if !s.par {
			c.errorf(t.at, "%s", noParagraph(s))
		}
		c.next()
	case tChar:
		if s.math && t.text[0] >= utf8.RuneSelf {
			c.errorf(t.at, "%s", mathRuneHint(t.text))
		}
		c.next()
	case tOpen:
		c.next()
		c.list(s.group(), closer{kind: closeBrace, at: t.at})
	case tClose:
		if cl.kind != closeBrace {
			c.misplaced(t, `"}"`, cl)
		}
		c.next()
		return true
	case tMath:
		return c.dollar(s, cl, t)
	case tAmp:
		if !s.amp {
			c.errorf(t.at, `& separates the cells of tabular, array, align*, cases and matrices, and only there: write \& for an ampersand`)
		} else {
			s.row.start, s.row.cell, s.row.kept = false, true, true
		}
		c.next()
	case tSup, tSub:
		c.script(s, t)
	case tWord, tSymbol:
		return c.control(s, cl, t)
	}
	return false
}

// unclosed reports the end of the text (or of an optional argument)
// where cl is still open.
func (c *checker) unclosed(cl closer) {
	switch cl.kind {
	case closeBrace:
		c.fatalf(cl.at, `unclosed "{": every "{" needs its "}" in the same text`)
	case closeDollar:
		c.fatalf(cl.at, "unclosed $: math must end with $ in the same text")
	case closeParen:
		c.fatalf(cl.at, `unclosed \(: math must end with \) in the same text`)
	case closeBracket:
		c.fatalf(cl.at, `unclosed \[: displayed math must end with \] in the same text`)
	case closeEnv:
		c.fatalf(cl.at, `\begin{%s} is not closed: add \end{%s}`, cl.name, cl.name)
	case closeRight:
		c.fatalf(cl.at, `\left is not closed: add \right and a delimiter, such as \right)`)
	}
}

// misplaced reports a closing token, described by what, that does not
// close cl.
func (c *checker) misplaced(t token, what string, cl closer) {
	if cl.kind == closeEnd {
		c.fatalf(t.at, "unbalanced %s: nothing is open here for it to close", what)
	}
	c.fatalf(t.at, "%s cannot close %s: close that first", what, cl.what())
}

// noParagraph says why a paragraph may not end in state s.
func noParagraph(s state) string {
	switch {
	case s.math:
		return "a blank line cannot stand in math: remove it"
	case s.row != nil:
		return `a blank line cannot stand in a table: remove it, or end the row with \\`
	}
	return "a blank line (a new paragraph) is not allowed here: titles, the author line and arguments of commands are one paragraph"
}

// dollar reads a $: it opens math in text and closes the math it opened.
func (c *checker) dollar(s state, cl closer, t token) bool {
	if s.math {
		if cl.kind != closeDollar {
			c.misplaced(t, "$", cl)
		}
		c.next()
		return true
	}
	if c.pos < c.limit && c.src[c.pos] == '$' {
		c.fatalf(t.at, `$$ is not allowed in problem text: write \[...\] for displayed math`)
	}
	c.next()
	c.list(s.formula(), closer{kind: closeDollar, at: t.at})
	return false
}

// script reads ^ or _ and what it raises or lowers: one character, one
// command without arguments, or a group.
func (c *checker) script(s state, t token) {
	if !s.math {
		if t.kind == tSup {
			c.errorf(t.at, `^ is math: put it inside $...$ (for a caret in text write \textasciicircum, for a superscript \textsuperscript{...})`)
		} else {
			c.errorf(t.at, `_ is math: put it inside $...$ (for an underscore in text write \_)`)
		}
		c.next()
		return
	}
	c.next()
	c.skipSpaces()
	if !c.single(s.arg(), "what "+t.text+" raises or lowers") {
		c.errorf(t.at, "%s needs something after it: x%s2, x%s{i+1}", t.text, t.text, t.text)
	}
}

// single reads a mandatory argument that TeX takes as one token or one
// group: {...}, a character, or a command without arguments. It reports
// false, reading nothing, when what follows cannot be an argument (a
// "}", the end, a $).
func (c *checker) single(s state, of string) bool {
	t := c.tok
	switch t.kind {
	case tOpen:
		c.next()
		c.list(s, closer{kind: closeBrace, at: t.at})
	case tChar:
		if t.text[0] >= utf8.RuneSelf {
			c.errorf(t.at, "put %s in braces: {%s}, as %s", t.text, t.text, of)
		}
		c.next()
	case tWord, tSymbol:
		cmd := c.command(t.text)
		if closes[t.text] {
			return false
		}
		if cmd != nil && (len(cmd.args) > 0 || cmd.handle != nil) && t.text != paramName {
			c.errorf(t.at, `put \%s and its arguments in braces, as %s: {\%s...}`, t.text, of, t.text)
			return true
		}
		c.control(s, closer{kind: closeEnd}, t)
	default:
		return false
	}
	return true
}

// closes are the commands that close what is open.
var closes = setOf(words(`end ) ] right`))

// skipSpaces skips spaces, as TeX does before an argument and LaTeX
// before an optional one; a blank line is not a space.
func (c *checker) skipSpaces() {
	for c.tok.kind == tSpace {
		c.next()
	}
}
