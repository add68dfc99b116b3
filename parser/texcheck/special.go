package texcheck

import (
	"strings"

	"github.com/derivtex/derivtex/diag"
)

// The commands with handlers of their own: those that open or close what
// the reader tracks (environments, math, \left and \right) and those that
// may only stand at particular places of lists and tables. Each is called
// with tok still on the command, and reports whether it closed cl.

// begin reads \begin{name}, the environment's own arguments, and its body
// up to \end{name}.
func (c *checker) begin(s state, _ closer, t token) bool {
	name := c.environmentName(t)
	env := environments[name]
	if env == nil {
		c.fatalf(t.at, "%s", refusedEnvironment(name))
	}
	switch {
	case env.opens == Math && !s.math:
		c.errorf(t.at, `%s is math: put it inside $...$ or \[...\]`, name)
	case env.opens == Text && s.math:
		c.errorf(t.at, `%s cannot stand in math: close the math first`, name)
	case env.block && !s.blocks:
		c.errorf(t.at, "%s only goes between the paragraphs of a question or a note, not in a title, a table or the argument of a command", name)
	case !env.block && !s.inline:
		c.errorf(t.at, "%s only goes in the text of a question or a note, not in a title", name)
	case env.block && s.lists >= maxLists:
		c.errorf(t.at, "lists and blocks nest at most %d deep", maxLists)
	}
	if env.pos {
		c.skipSpaces()
		if c.tok.isChar("[") {
			open := c.tok.at
			end := c.closing(c.pos, ']')
			if end < 0 {
				c.fatalf(open, `unclosed "[" after \begin{%s}`, name)
			}
			if p := strings.TrimSpace(c.src[c.pos:end]); p != "t" && p != "b" && p != "c" {
				c.errorf(c.pos, `\begin{%s}[...] takes t, b or c, found %s`, name, diag.Quote(c.src[c.pos:end]))
			}
			c.pos = end + 1
			c.next()
		}
	}
	if env.spec {
		if spec, at, ok := c.braced(token{kind: tWord, text: "begin{" + name + "}"}); ok {
			c.checkColumns(`\begin{`+name+`}`, spec, at, false)
		}
	}
	c.list(env.body(s), closer{kind: closeEnv, at: t.at, name: name})
	return false
}

// end reads \end{name}, which must close the environment cl.
func (c *checker) end(s state, cl closer, t token) bool {
	name := c.environmentName(t)
	if cl.kind == closeEnv && cl.name == name {
		if s.items != nil && !s.items.seen {
			c.errorf(t.at, `%s needs at least one \item`, name)
		}
		return true
	}
	if cl.kind == closeEnd {
		c.fatalf(t.at, `\end{%s} without \begin{%s}`, name, name)
	}
	c.misplaced(t, `\end{`+name+`}`, cl)
	return true
}

// environmentName reads the {name} after \begin or \end.
func (c *checker) environmentName(t token) string {
	c.next()
	c.skipSpaces()
	if c.tok.kind != tOpen {
		c.fatalf(c.tok.at, `%s needs the name of an environment in braces: %s{itemize}`, show(t), show(t))
	}
	name, _, _ := c.braced(t)
	return name
}

// lineBreak reads \\, with its * and [DIM]: a line break in paragraph
// text and the author line, the end of a row in an alignment.
func (c *checker) lineBreak(s state, _ closer, t token) bool {
	switch s.cr {
	case crNone:
		if s.math {
			c.errorf(t.at, `\\ in math only goes between the rows of align*, gather*, multline*, aligned, cases, a matrix or array`)
		} else {
			c.errorf(t.at, `\\ is not allowed here: it breaks lines in questions, notes and the author line, and ends the rows of a table outside braces`)
		}
	case crRow:
		if s.row != nil {
			s.row.start, s.row.cell, s.row.kept = true, true, true
		}
	}
	c.next()
	c.skipSpaces()
	if c.tok.isChar("*") {
		c.next()
		c.skipSpaces()
	}
	if c.tok.isChar("[") {
		c.optional(argOptDim, s, t)
	}
	if s.row != nil {
		s.row.kept = true
	}
	return false
}

// newline reads \newline, a line break in paragraph text.
func (c *checker) newline(s state, _ closer, t token) bool {
	if s.cr != crLine || s.math {
		c.errorf(t.at, `\newline only breaks lines in the text of questions and notes`)
	}
	c.next()
	return false
}

// item reads \item and its optional [label], at the top of a list.
func (c *checker) item(s state, _ closer, t token) bool {
	if s.items == nil {
		c.errorf(t.at, `\item only goes directly inside itemize, enumerate or description`)
	} else {
		s.items.seen = true
	}
	c.next()
	c.skipSpaces()
	if c.tok.isChar("[") {
		c.optional(argOptText, s, t)
	}
	return false
}

// and reads \and, which separates authors on the author line.
func (c *checker) and(s state, _ closer, t token) bool {
	if !s.and {
		c.errorf(t.at, `\and only separates names on the author line, outside braces`)
	}
	c.next()
	return false
}

// hline reads \hline, at the start of a row of tabular or array.
func (c *checker) hline(s state, _ closer, t token) bool {
	if c.startsRow(s, t) {
		s.row.kept = true
	}
	c.next()
	return false
}

// cline reads \cline{a-b}, at the start of a row of tabular or array.
func (c *checker) cline(s state, _ closer, t token) bool {
	if c.startsRow(s, t) {
		s.row.kept = true
	}
	c.next()
	c.nameArgument(argRange, t)
	return false
}

// startsRow reports whether t stands at the start of a row of tabular or
// array, and says why not when it does not.
func (c *checker) startsRow(s state, t token) bool {
	switch {
	case s.row == nil || !s.row.rules:
		c.errorf(t.at, `%s only goes in tabular or array`, show(t))
	case !s.row.start:
		c.errorf(t.at, `%s only goes at the start of a row: after \begin{...}{...} or \\`, show(t))
	default:
		return true
	}
	return false
}

// multicolumn reads \multicolumn{n}{spec}{text}, at the start of a cell
// of tabular or array.
func (c *checker) multicolumn(s state, _ closer, t token) bool {
	switch {
	case s.row == nil || !s.row.rules:
		c.errorf(t.at, `\multicolumn only goes in tabular or array`)
	case !s.row.cell:
		c.errorf(t.at, `\multicolumn only goes at the start of a cell: after & or \\`)
	}
	c.next()
	c.nameArgument(argCount, t)
	c.nameArgument(argColumn, t)
	c.argument(s.arg(), t)
	return false
}

// openMath reads \( or \[ and the math up to \) or \].
func (c *checker) openMath(s state, _ closer, t token) bool {
	closeWith, kind := `\)`, closeParen
	if t.text == "[" {
		closeWith, kind = `\]`, closeBracket
	}
	switch {
	case s.math:
		c.fatalf(t.at, `%s opens math, and this is math already`, show(t))
	case kind == closeBracket && !s.blocks:
		c.errorf(t.at, `displayed math \[...\] only goes between the paragraphs of a question or a note; in a line write $...$`)
	}
	c.next()
	c.list(s.formula(), closer{kind: kind, at: t.at, name: closeWith})
	return false
}

// closeMath reads \) or \], which must close the math cl.
func (c *checker) closeMath(_ state, cl closer, t token) bool {
	if cl.kind == closeParen && t.text == ")" || cl.kind == closeBracket && t.text == "]" {
		c.next()
		return true
	}
	c.misplaced(t, show(t), cl)
	return true
}

// left reads \left, its delimiter, and what follows up to \right.
func (c *checker) left(s state, _ closer, t token) bool {
	if !s.math {
		c.errorf(t.at, `\left is math: put it inside $...$`)
		s = s.formula()
	}
	c.next()
	c.delimiter(t)
	c.list(s.left(), closer{kind: closeRight, at: t.at})
	return false
}

// right reads \right and its delimiter, which must close the \left cl.
func (c *checker) right(_ state, cl closer, t token) bool {
	if cl.kind != closeRight {
		if cl.kind == closeEnd {
			c.fatalf(t.at, `\right without \left`)
		}
		c.misplaced(t, `\right`, cl)
	}
	c.next()
	c.delimiter(t)
	return true
}

// middle reads \middle and its delimiter, between \left and \right.
func (c *checker) middle(s state, _ closer, t token) bool {
	if !s.inLeft {
		c.errorf(t.at, `\middle only goes between \left and \right, outside braces`)
	}
	c.next()
	c.delimiter(t)
	return false
}
