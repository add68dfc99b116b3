package problem

import (
	"strings"
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

// snippetWidth is the widest source line Snippet shows whole; longer
// lines are cut to a window around the column.
const snippetWidth = 80

// Snippet returns the source line and, beneath it, a caret under the
// column. Tabs before the column are kept so that the caret lines up.
func (e *Error) Snippet() string {
	line := []rune(e.Line)
	col := min(max(e.Pos.Col-1, 0), len(line)) // caret index into line
	start, end := 0, len(line)
	prefix, suffix := "", ""
	if len(line) > snippetWidth {
		start = max(0, min(col-snippetWidth/2, len(line)-snippetWidth))
		end = min(len(line), start+snippetWidth)
		if start > 0 {
			prefix = "..."
		}
		if end < len(line) {
			suffix = "..."
		}
	}
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString(string(line[start:end]))
	b.WriteString(suffix)
	b.WriteByte('\n')
	b.WriteString(strings.Repeat(" ", len(prefix)))
	for _, r := range line[start:col] {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}

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
