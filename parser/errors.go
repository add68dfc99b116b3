package parser

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
)

// The parser's errors are diag.Errors of kind Input, positioned in the
// source and carrying their source line.

// errorAt returns an error at a lexer position; its source line is filled
// in later (diag.Error.WithSource), once the error has reached a place
// that holds the source.
func errorAt(pos lexer.Position, format string, args ...any) *diag.Error {
	return diag.At(posOf(pos), format, args...)
}

// posOf converts a lexer position.
func posOf(pos lexer.Position) diag.Pos {
	return diag.Pos{File: pos.Filename, Line: pos.Line, Col: pos.Column, Offset: pos.Offset}
}

// describe names a token in a message: its text quoted, or "end of input".
func describe(t *lexer.Token) string {
	if t.EOF() {
		return "end of input"
	}
	return fmt.Sprintf("%q", t.Value)
}

// fromParticiple turns an error that came out of participle into a
// *diag.Error.
// Our own errors pass through it untouched; participle's own (trailing
// input, a missing "=" or ")" in a header) are reworded in our style.
func fromParticiple(err error) *diag.Error {
	if e, ok := err.(*diag.Error); ok {
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
	return diag.At(diag.Pos{Line: 1, Col: 1}, "%s", err.Error())
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

// countOf says how many of something: "1 entry", "3 entries".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
