package parser

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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
// column; characters that a terminal would act on rather than show are
// written as escapes (see Visible), with the caret still under its
// character. The problem-file parser shares it, so both read alike.
func Snippet(src string, col int) string {
	var line []string // the characters of src, as shown
	for i, r := range src {
		if r == utf8.RuneError && !strings.HasPrefix(src[i:], "\uFFFD") {
			line = append(line, fmt.Sprintf(`\x%02x`, src[i]))
			continue
		}
		line = append(line, visible(r))
	}
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
	for _, c := range line[start:end] {
		b.WriteString(c)
	}
	b.WriteString(suffix)
	b.WriteByte('\n')
	b.WriteString(strings.Repeat(" ", len(prefix)))
	for _, c := range line[start:col] {
		if c == "\t" {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(c)))
		}
	}
	b.WriteByte('^')
	return b.String()
}

// Visible returns s with every character that a terminal would act on
// instead of showing written as an escape: control characters other than
// line breaks and tabs (\x1b starts an escape sequence that can rewrite
// the screen), bidirectional marks and other invisible format characters
// (\u202e reverses what follows), and bytes that are not UTF-8. Input
// echoed in a message goes through it, so a hostile input cannot disguise
// the message about it.
func Visible(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != '\t' && visible(r) != string(r) }) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		default:
			b.WriteString(visible(r))
		}
	}
	return b.String()
}

// visible is one character of input as a message shows it: itself, or its
// escape when it is a control or format character.
func visible(r rune) string {
	switch {
	case r == '\t':
		return "\t"
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r):
		return fmt.Sprintf(`\u%04x`, r)
	}
	return string(r)
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
