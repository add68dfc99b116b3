package parser

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// plainLexer splits plain syntax into tokens:
//
//	Ident   [A-Za-z][A-Za-z0-9_]*
//	Punct   one of - + * / ^ ( ) [ ] , | ; =
//	Number  2, 0.25, .5, 5., 1e-3 (an "e" not followed by digits is not
//	        part of the number: 2e is 2*e and 2exp(x) is 2*exp(x); a
//	        trailing dot only ends a whole number that no letter, digit,
//	        "_" or "." follows, so 1.x and 5..5 stay errors)
//	Other   any other single character
//
// and drops white space. Lexing never fails: a stray "$" reaches the
// parser as an Other token and is reported as unexpected, with its
// position, like every other mistake.
//
// It is written by hand rather than with participle's regexp lexer, which
// took a third of the time of parsing a term; positions are computed by
// participle's own Position.Advance, so they are the same.
var plainLexer = plainDefinition{}

// Token types.
const (
	tokIdent lexer.TokenType = iota + 1
	tokPunct
	tokNumber
	tokOther
)

type plainDefinition struct{}

func (plainDefinition) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Ident": tokIdent, "Punct": tokPunct, "Number": tokNumber, "Other": tokOther,
	}
}

func (d plainDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (plainDefinition) LexString(filename, src string) (lexer.Lexer, error) {
	return &plainScanner{rest: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

// plainScanner is one pass of plainLexer over a source text.
type plainScanner struct {
	rest string
	pos  lexer.Position
}

func (s *plainScanner) Next() (lexer.Token, error) {
	// Skip white space (what RE2's \s matches: space, \t, \n, \f, \r).
	n := 0
	for n < len(s.rest) && strings.IndexByte(" \t\n\f\r", s.rest[n]) >= 0 {
		n++
	}
	if n > 0 {
		s.pos.Advance(s.rest[:n])
		s.rest = s.rest[n:]
	}
	if s.rest == "" {
		return lexer.EOFToken(s.pos), nil
	}
	typ, n := s.scan()
	tok := lexer.Token{Type: typ, Value: s.rest[:n], Pos: s.pos}
	s.pos.Advance(tok.Value)
	s.rest = s.rest[n:]
	return tok, nil
}

// scan returns the type and byte length of the token at the start of rest.
func (s *plainScanner) scan() (lexer.TokenType, int) {
	src := s.rest
	c := src[0]
	switch {
	case isLetter(c):
		n := 1
		for n < len(src) && (isLetter(src[n]) || isDigit(src[n]) || src[n] == '_') {
			n++
		}
		return tokIdent, n
	case strings.IndexByte("-+*/^()[],|;=", c) >= 0:
		return tokPunct, 1
	case isDigit(c) || (c == '.' && len(src) > 1 && isDigit(src[1])):
		return tokNumber, numberLength(src)
	}
	_, n := utf8.DecodeRuneInString(src)
	return tokOther, n
}

// numberLength measures a number literal at the start of src, which starts
// with a digit or with "." and a digit.
func numberLength(src string) int {
	digits := func(i int) int {
		for i < len(src) && isDigit(src[i]) {
			i++
		}
		return i
	}
	n := digits(0)
	if n < len(src)-1 && src[n] == '.' && isDigit(src[n+1]) {
		n = digits(n + 1)
	} else if n > 0 && n < len(src) && src[n] == '.' && (n+1 == len(src) || !continuesWord(src[n+1])) {
		return n + 1 // 5.
	}
	if n < len(src) && (src[n] == 'e' || src[n] == 'E') {
		m := n + 1
		if m < len(src) && (src[m] == '+' || src[m] == '-') {
			m++
		}
		if m < len(src) && isDigit(src[m]) {
			n = digits(m)
		}
	}
	return n
}

// continuesWord reports whether c, right after a whole number's dot,
// would make "5." part of something longer (5.x, 5.e3, 5..5), which
// stays an error rather than a guess.
func continuesWord(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' || c == '.' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

// tokenize lexes all of src with def.
func tokenize(def lexer.StringDefinition, filename, src string) (*lexer.PeekingLexer, error) {
	lex, err := def.LexString(filename, src)
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
