package parser

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Position is a place in the source: the byte Offset for programs, and the
// 1-based Line and Col (counted in characters, not bytes) for people.
type Position struct {
	Filename string
	Offset   int
	Line     int
	Col      int
}

// String renders the position as file:line:col, or line:col without a file.
func (p Position) String() string {
	if p.Filename != "" {
		return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Col)
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

// Error is the only error the parser returns: what is wrong and where.
type Error struct {
	Pos Position
	Msg string
	// Src is the source line holding Pos, without its line break, so that
	// Snippet can show it after the source itself is gone.
	Src string
}

// Error renders file:line:col: message.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// snippetWidth is the widest source line Snippet shows whole; longer lines
// (a 1 MiB one-liner) are cut to a window around the column.
const snippetWidth = 80

// Snippet returns the source line and, beneath it, a caret under the
// column. Tabs before the column are kept so the caret lines up.
func (e *Error) Snippet() string { return Snippet(e.Src, e.Pos.Col) }

// Snippet renders a source line and, beneath it, a caret under the 1-based
// column col (in characters). Tabs before the column are kept so the caret
// lines up; a line wider than snippetWidth is cut to a window around the
// column. The problem-file parser shares it, so both read alike.
func Snippet(src string, col int) string {
	line := []rune(src)
	col = min(max(col-1, 0), len(line)) // caret index into line
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

// errorAt returns an *Error at a lexer position; Src is filled in later by
// withSource, once the error has reached a place that holds the source.
func errorAt(pos lexer.Position, format string, args ...any) *Error {
	return &Error{
		Pos: Position{Filename: pos.Filename, Offset: pos.Offset, Line: pos.Line, Col: pos.Column},
		Msg: fmt.Sprintf(format, args...),
	}
}

// withSource fills in e.Src from the whole source text.
func (e *Error) withSource(src string) *Error {
	off := min(max(e.Pos.Offset, 0), len(src))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	e.Src = strings.TrimSuffix(src[start:end], "\r")
	return e
}

// describe names a token in a message: its text quoted, or "end of input".
func describe(t *lexer.Token) string {
	if t.EOF() {
		return "end of input"
	}
	return fmt.Sprintf("%q", t.Value)
}

// fromParticiple turns an error that came out of participle into an *Error.
// Our own errors pass through it untouched; participle's own (trailing
// input, a missing "=" or ")" in a header) are reworded in our style.
func fromParticiple(err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	if u, ok := err.(*participle.UnexpectedTokenError); ok {
		msg := "unexpected " + describe(&u.Unexpected)
		if _, want, found := strings.Cut(u.Message(), " (expected "); found {
			if w := firstExpected(want); w != "" {
				msg += ", expected " + w
			}
		}
		return errorAt(u.Unexpected.Pos, "%s", msg)
	}
	if p, ok := err.(participle.Error); ok {
		return errorAt(p.Position(), "%s", p.Message())
	}
	return &Error{Pos: Position{Line: 1, Col: 1}, Msg: err.Error()}
}

// firstExpected reads the first item of what participle says it expected,
// which is the rest of a grammar rule in EBNF (`")" "=" term`), and names
// it for a reader: `")"`, "a name" or "an operand".
func firstExpected(ebnf string) string {
	switch {
	case strings.HasPrefix(ebnf, `"`):
		if end := strings.Index(ebnf[1:], `"`); end >= 0 {
			return ebnf[:end+2]
		}
	case strings.HasPrefix(strings.ToLower(ebnf), "ident"):
		return "a name"
	case strings.HasPrefix(strings.ToLower(ebnf), "term"):
		return "an operand"
	}
	return ""
}
