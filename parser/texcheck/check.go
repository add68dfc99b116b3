package texcheck

import (
	"fmt"
	"sort"
)

// Context is where a text goes in the handout, which decides what it may
// hold.
type Context uint8

const (
	// Paragraph is running text: a question or a note. It may hold
	// paragraphs, lists, tables, displayed math, footnotes and \\.
	Paragraph Context = iota
	// Title is a heading, \title{...} or \section{...}: inline text and
	// inline math only.
	Title
	// Author is the \author{...} line: a title that may also separate
	// authors with \and and break lines with \\.
	Author
)

func (c Context) String() string {
	switch c {
	case Paragraph:
		return "paragraph"
	case Title:
		return "title"
	case Author:
		return "author"
	}
	return fmt.Sprintf("Context(%d)", uint8(c))
}

// Limits on the work Check does.
const (
	// MaxDepth bounds nesting: braces, arguments, environments and math
	// all count. Check recurses once per level.
	MaxDepth = 64
	// MaxErrors bounds the errors reported for one text; Check stops
	// reading after the last.
	MaxErrors = 20
	// WorkPerByte and WorkBase bound the work pdflatex does on a text:
	// each token counts once for every time TeX typesets it, and a text
	// may count WorkPerByte times its length, plus WorkBase. Most
	// commands typeset their arguments once, but \text (in math),
	// \sqrt[n], \boldsymbol, \pmb, \phantom, \overset and a few more
	// typeset theirs several times (TeX's \mathchoice sets all four math
	// styles), and nested they multiply: ten nested \boldsymbol would
	// keep pdflatex busy for hours.
	WorkPerByte = 32
	WorkBase    = 1024
)

// Error is something in the text that is not allowed: where it starts,
// as a byte offset into the text, and what is wrong, with the nearest
// allowed alternative when there is one.
type Error struct {
	Offset int
	Msg    string
}

func (e Error) Error() string { return fmt.Sprintf("%d: %s", e.Offset, e.Msg) }

// Check reads text as TeX would and returns what it holds that is not
// allowed in ctx, in order of offset; nil when all of it is allowed.
func Check(text string, ctx Context) []Error {
	return CheckWith(text, ctx, nil)
}

// CheckWith is Check for a text that may also use what the preamble p
// declared (nil: nothing).
func CheckWith(text string, ctx Context, p *Preamble) []Error {
	c := &checker{src: text, limit: len(text), budget: WorkPerByte*len(text) + WorkBase}
	if p != nil {
		c.extra = p.commands
	}
	c.read(startState(ctx))
	sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Offset < c.errs[j].Offset })
	return c.errs
}

// checker reads one text. It looks one token ahead: tok is the current
// token and pos the offset just after it.
type checker struct {
	src   string
	limit int // the end of what is being read: len(src), or the "]" that ends an optional argument
	pos   int
	tok   token
	depth int
	// work counts the tokens read, each as many times as TeX will
	// typeset it; it may not pass budget.
	work, budget int
	errs         []Error
	// extra are the commands a preamble defined (CheckWith), looked up
	// after the table's; nil for none.
	extra map[string]*command
	// params is the number of parameters of the macro whose body is
	// being read, whose #1 ... #9 are then tokens; 0 elsewhere.
	params int
	// paramTimes adds up the times TeX typesets the parameters read.
	paramTimes int
}

// command returns the command named name: the table's, or one the
// preamble defined; nil for neither.
func (c *checker) command(name string) *command {
	if cmd := commands[name]; cmd != nil {
		return cmd
	}
	return c.extra[name]
}

// stop unwinds a check that cannot go on: a brace or an environment that
// does not close, too deep a nesting, too many errors. Check recovers it;
// any other panic is a bug and goes on up.
type stop struct{}

func (c *checker) read(s state) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stop); !ok {
				panic(r)
			}
		}
	}()
	c.next()
	c.list(s, closer{kind: closeEnd})
}

// errorf records an error at offset at; after MaxErrors it stops the
// check.
func (c *checker) errorf(at int, format string, args ...any) {
	c.errs = append(c.errs, Error{Offset: at, Msg: fmt.Sprintf(format, args...)})
	if len(c.errs) >= MaxErrors {
		panic(stop{})
	}
}

// fatalf records an error after which the structure of the rest of the
// text is unknown, and stops the check.
func (c *checker) fatalf(at int, format string, args ...any) {
	c.errs = append(c.errs, Error{Offset: at, Msg: fmt.Sprintf(format, args...)})
	panic(stop{})
}
