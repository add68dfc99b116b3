package problem

import (
	"strings"

	"github.com/derivtex/derivtex/parser"
)

// Error is a mistake in a problem file: where it is and what is wrong.
type Error struct {
	Pos Pos
	Msg string
	// Line is the source line holding Pos, without its line break, so that
	// Snippet works after the source is gone.
	Line string
}

// Error renders file:line:col: message.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Snippet returns the source line and, beneath it, a caret under the
// column. Tabs before the column are kept so that the caret lines up.
func (e *Error) Snippet() string { return parser.Snippet(e.Line, e.Pos.Col) }

// ErrorList is every error of a file, in source order.
type ErrorList []*Error

// Error renders the errors one per line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Snippets renders each error with its snippet, as a command line shows
// them.
func (l ErrorList) Snippets() string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Error())
		b.WriteByte('\n')
		b.WriteString(e.Snippet())
		b.WriteByte('\n')
	}
	return b.String()
}
