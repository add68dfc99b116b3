package texcheck

// control reads a control word or symbol t and its arguments, and reports
// whether it closed cl.
func (c *checker) control(s state, cl closer, t token) bool {
	cmd := c.command(t.text)
	if cmd == nil {
		c.errorf(t.at, "%s", refusal(t))
		c.next()
		return false
	}
	if cmd.handle != nil {
		return cmd.handle(c, s, cl, t)
	}
	// A command in the wrong mode is reported, and its arguments read in
	// its own mode, so that one mistake is one error.
	switch {
	case s.math && cmd.mode == Text:
		c.errorf(t.at, "%s", textInMath(t))
		s = s.box()
	case !s.math && cmd.mode == Math:
		c.errorf(t.at, `%s is math: put it inside $...$`, show(t))
		s = s.formula()
	case cmd.place == paragraph && !s.par:
		c.errorf(t.at, "%s only goes between the paragraphs of a question or a note, not in a title or the argument of a command", show(t))
	case cmd.place == scoped && !s.scoped && !s.math:
		c.errorf(t.at, "%s changes the font up to the end of its group: put it inside braces, {%s ...}", show(t), show(t))
	case cmd.place == footnotes && !s.footnote:
		c.errorf(t.at, `\footnote only goes in the text of a question or a note, outside math and tables`)
	}
	c.next()
	if cmd.cost > 0 {
		// A macro of the preamble: TeX typesets its body here.
		if c.work += cmd.cost * s.times; c.work > c.budget {
			c.fatalf(t.at, `pdflatex would take too long over this text: %s stands for more than the text can afford here; use it less, or nest it less deep`, show(t))
		}
	}
	c.args(cmd, s.repeated(cmd.repeat), t)
	return false
}

// show writes a control sequence as it is typed.
func show(t token) string { return `\` + t.text }

// textInMath says what to write in math instead of the text command t.
func textInMath(t token) string {
	if twin, ok := mathTwins[t.text]; ok {
		return show(t) + " is text: in math write " + twin
	}
	return show(t) + ` is text: in math put it inside \text{...}`
}

// mathTwins are the math commands for text commands.
var mathTwins = map[string]string{
	"textbf": `\mathbf{...}`, "textit": `\mathit{...}`, "emph": `\mathit{...}`, "textrm": `\mathrm{...}`,
	"textsf": `\mathsf{...}`, "texttt": `\mathtt{...}`, "'": `\acute{...}`, "`": `\grave{...}`,
	"^": `\hat{...}`, `"`: `\ddot{...}`, "~": `\tilde{...}`, "=": `\bar{...}`, ".": `\dot{...}`,
	"u": `\breve{...}`, "v": `\check{...}`, "textbackslash": `\backslash`, "textbar": `|`,
	"textless": `<`, "textgreater": `>`, "textasciitilde": `\sim`, "textbullet": `\bullet`,
	"textdegree": `^\circ`, "texttimes": `\times`, "textdiv": `\div`, "textpm": `\pm`, "textmu": `\mu`,
	"textellipsis": `\dots`, "textbraceleft": `\{`, "textbraceright": `\}`, "textunderscore": `\_`,
	"textdagger": `\dagger`, "textdaggerdbl": `\ddagger`, "textsuperscript": `^{...}`,
	"textsubscript": `_{...}`, "-": `-`,
}

// args reads the arguments of cmd, which stands in state s.
func (c *checker) args(cmd *command, s state, t token) {
	for _, a := range cmd.args {
		if a.optional() {
			c.skipSpaces()
			switch {
			case a == argStar && c.tok.isChar("*"):
				c.next()
			case a != argStar && c.tok.isChar("["):
				c.optional(a, s, t)
				s = s.repeated(cmd.optRepeat)
			}
			continue
		}
		switch a {
		case argSame:
			c.argument(s.arg(), t)
		case argText:
			c.argument(s.box(), t)
		case argNote:
			c.argument(s.note(), t)
		case argRows:
			c.argument(s.rows(), t)
		case argDelim:
			c.delimiter(t)
		default:
			c.nameArgument(a, t)
		}
	}
}

// argument reads a mandatory argument of the command t.
func (c *checker) argument(s state, t token) {
	c.skipSpaces()
	if !c.single(s, "the argument of "+show(t)) {
		c.errorf(c.tok.at, "%s needs an argument here: %s{...}", show(t), show(t))
	}
}

// optional reads an optional argument [...] of the command t; tok is
// its "[". LaTeX's argument ends at the first "]" outside braces, so
// this one does too, and what is inside is read on its own.
func (c *checker) optional(a argKind, s state, t token) {
	open := c.tok.at
	end := c.closing(c.pos, ']')
	if end < 0 {
		c.fatalf(open, `unclosed "[" after %s: LaTeX reads [...] after %s as its optional argument`, show(t), show(t))
	}
	switch a {
	case argOptDim:
		c.checkDim(show(t)+"[...]", c.src[c.pos:end], c.pos)
	case argOptRefuse:
		c.errorf(open, `%s[...] is not allowed in problem text: write %s{...} alone`, show(t), show(t))
	default:
		inner := s.arg()
		if a == argOptText {
			inner = s.box()
		}
		limit := c.limit
		c.limit = end
		c.next()
		c.list(inner, closer{kind: closeEnd, at: open})
		c.limit = limit
	}
	c.pos = end + 1
	c.next()
}

// closing returns the offset of the first byte ch at brace depth 0 from
// offset from, as TeX finds the end of a delimited argument, or -1 when
// there is none before the limit or a "}" comes first. A backslash and
// the character after it are a control sequence, not braces or ch.
func (c *checker) closing(from int, ch byte) int {
	depth := 0
	for i := from; i < c.limit; i++ {
		switch c.src[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			if depth == 0 {
				if ch == '}' {
					return i
				}
				return -1
			}
			depth--
		case ch:
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// delimiter reads what \left, \right, \middle or \bigl take.
func (c *checker) delimiter(t token) {
	c.skipSpaces()
	d := c.tok
	ok := false
	switch d.kind {
	case tChar:
		ok = len(d.text) == 1 && containsByte(delimChars, d.text[0])
	case tSymbol:
		ok = containsByte(delimSymbol, d.text[0])
	case tWord:
		ok = delimWords[d.text]
	}
	if !ok {
		c.errorf(d.at, `%s needs a delimiter after it: ( ) [ ] | \{ \} \| \langle \rangle \lvert \lfloor \lceil, or . for none`, show(t))
		return
	}
	c.next()
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}
