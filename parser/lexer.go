package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// plainLexer splits plain syntax into tokens. The last rule takes any
// other single character, so lexing never fails: a stray "$" reaches the
// parser as a token and is reported as unexpected, with its position,
// like every other mistake.
//
// The rules are tried in order and none overlaps another, so the order is
// chosen for speed: the common tokens first, and Number late, because its
// pattern cannot run one-pass (after "2e" it must look ahead for digits)
// and Go's backtracking matcher clears state in proportion to the input
// left on every attempt.
var plainLexer = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Ident", Pattern: `[A-Za-z][A-Za-z0-9_]*`},
	{Name: "Punct", Pattern: `[-+*/^()\[\],|;=]`},
	// Lower case: the lexer drops whitespace. Where it matters, "f(" against
	// "f (", adjacent tells from the offsets of the tokens around it.
	{Name: "whitespace", Pattern: `\s+`},
	// 2, 0.25, .5, 1e-3. An "e" not followed by digits is not part of the
	// number: 2e is 2*e and 2exp(x) is 2*exp(x).
	{Name: "Number", Pattern: `(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?`},
	{Name: "Other", Pattern: `(?s).`},
})

// Token types, looked up once.
var (
	tokNumber = plainLexer.Symbols()["Number"]
	tokIdent  = plainLexer.Symbols()["Ident"]
	tokPunct  = plainLexer.Symbols()["Punct"]
)

// tokenize lexes all of src.
func tokenize(filename, src string) (*lexer.PeekingLexer, error) {
	lex, err := plainLexer.LexString(filename, src)
	if err != nil {
		return nil, err
	}
	return lexer.Upgrade(lex)
}

// adjacent reports whether b starts right where a ends, with no space.
func adjacent(a, b *lexer.Token) bool {
	return a.Pos.Offset+len(a.Value) == b.Pos.Offset
}

// isPunct reports whether t is the punctuation token s.
func isPunct(t *lexer.Token, s string) bool {
	return t.Type == tokPunct && t.Value == s
}
