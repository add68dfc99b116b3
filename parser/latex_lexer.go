package parser

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// texLexer splits LaTeX math into the tokens TeX itself sees:
//
//	Command  \frac, \alpha, or a backslash and one other character: \{ \|
//	Letter   one ASCII letter (xy is two tokens, x and y, as in TeX)
//	Digit    one digit (the reader joins adjacent digits into a number, and
//	         takes one where TeX takes one token: \frac12, x^23)
//	Punct    one of + - * / ^ _ ( ) [ ] { } | , = ! ' . & < > : ;
//	Other    any other character
//
// It drops what only spaces the formula out: white space, ~, comments
// (% to the end of the line), the spacing commands (\, \; \! \quad ...)
// and commands that only change the style (\displaystyle, \limits,
// \mathopen{}), and a step's justification at the end of the formula,
// \quad \text{(power rule)}. A thin space \, between digit groups
// (1\,000) is dropped too; the reader sees it in the source and joins
// the groups.
var texLexer = texDefinition{}

// Token types of texLexer.
const (
	texCommand lexer.TokenType = iota + 1
	texLetter
	texDigit
	texPunct
	texOther
)

type texDefinition struct{}

func (texDefinition) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Command": texCommand, "Letter": texLetter, "Digit": texDigit, "Punct": texPunct, "Other": texOther,
	}
}

func (d texDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (texDefinition) LexString(filename, src string) (lexer.Lexer, error) {
	return &texScanner{rest: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

// texSpacing are the commands the lexer drops: spacing, and style
// switches that do not change what a formula means.
var texSpacing = map[string]bool{
	`\,`: true, `\;`: true, `\:`: true, `\!`: true, `\>`: true, `\ `: true,
	`\quad`: true, `\qquad`: true, `\enspace`: true, `\thinspace`: true, `\medspace`: true,
	`\thickspace`: true, `\negthinspace`: true, `\negmedspace`: true, `\negthickspace`: true,
	`\displaystyle`: true, `\textstyle`: true, `\scriptstyle`: true, `\limits`: true, `\nolimits`: true,
}

// texEmptyArg are the commands that are dropped with an empty argument
// after them: derivtex's own printer writes \mathopen{} before a
// function's parentheses.
var texEmptyArg = map[string]bool{`\mathopen`: true, `\mathclose`: true, `\mathord`: true}

type texScanner struct {
	rest string
	pos  lexer.Position
	// digit is set when the last token was a digit that ends where rest
	// starts, so that a \, there with a digit after it is a digit-group
	// separator, kept as a token for the reader.
	digit bool
	// prose is the length of rest where the last look for a justification
	// after a \quad stopped, having found none: a \quad before it would
	// find none either, and looking again would make a run of them cost
	// quadratic time.
	prose int
}

func (s *texScanner) skip(n int) {
	s.pos.Advance(s.rest[:n])
	s.rest = s.rest[n:]
}

func (s *texScanner) Next() (lexer.Token, error) {
	if s.digit && len(s.rest) > 2 && s.rest[:2] == `\,` && isDigit(s.rest[2]) {
		tok := lexer.Token{Type: texCommand, Value: `\,`, Pos: s.pos}
		s.skip(2)
		s.digit = false
		return tok, nil
	}
	for {
		n := s.blank()
		if n == 0 {
			break
		}
		s.skip(n)
		s.digit = false
	}
	if s.rest == "" {
		return lexer.EOFToken(s.pos), nil
	}
	typ, n := s.scan()
	tok := lexer.Token{Type: typ, Value: s.rest[:n], Pos: s.pos}
	s.skip(n)
	s.digit = typ == texDigit
	return tok, nil
}

// blank returns the length of the droppable text at the start of rest, if
// any: spacing, or a \quad and the justification after it.
func (s *texScanner) blank() int {
	src := s.rest
	if strings.HasPrefix(src, `\quad`) || strings.HasPrefix(src, `\qquad`) {
		n := commandLength(src)
		if name := src[:n]; (name == `\quad` || name == `\qquad`) && (s.prose == 0 || len(src) < s.prose) {
			ok, stop := justification(src[n:])
			if ok {
				return len(src)
			}
			// Every \quad before stop fails at the same place.
			s.prose = stop
		}
	}
	return spacing(src)
}

// spacing returns the length of the spacing at the start of src, if any.
func spacing(src string) int {
	if src == "" {
		return 0
	}
	switch c := src[0]; {
	case strings.IndexByte(" \t\n\f\r~", c) >= 0:
		return 1
	case c == '%':
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			return i + 1
		}
		return len(src)
	case c == '\\':
		n := commandLength(src)
		name := src[:n]
		if texSpacing[name] {
			return n
		}
		if texEmptyArg[name] {
			rest := strings.TrimLeft(src[n:], " ")
			if strings.HasPrefix(rest, "{}") {
				return len(src) - len(rest) + 2
			}
		}
	}
	return 0
}

// texProse are the commands whose argument is text.
var texProse = map[string]bool{`\text`: true, `\textrm`: true, `\textit`: true, `\mbox`: true}

// justification reports whether src, which follows a \quad, is the
// justification of a derivation's step and nothing more: \text{...}
// (or \textrm, \mbox) once or more, then only spacing to the end, as in
// &= 2x \quad \text{(power rule)}. The reader drops it with the \quad;
// prose anywhere else in a formula is refused.
// When it is not, stop is the length of src from where it stopped
// looking.
func justification(src string) (ok bool, stop int) {
	texts := 0
	for {
		for n := spacing(src); n > 0; n = spacing(src) {
			src = src[n:]
		}
		if src == "" {
			return texts > 0, 0
		}
		if src[0] != '\\' || !texProse[src[:commandLength(src)]] {
			return false, len(src)
		}
		src = strings.TrimLeft(src[commandLength(src):], " \t\n\r")
		if src == "" || src[0] != '{' {
			return false, len(src)
		}
		n := braced(src)
		if n < 0 {
			return false, len(src)
		}
		src = src[n:]
		texts++
	}
}

// braced returns the length of the balanced {...} group src starts
// with, -1 if it is not closed. An escaped brace, \{, does not count.
func braced(src string) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// commandLength measures the command at the start of src, which starts
// with a backslash: a run of letters, or one other character.
func commandLength(src string) int {
	if len(src) == 1 {
		return 1
	}
	if !isLetter(src[1]) {
		_, n := utf8.DecodeRuneInString(src[1:])
		return 1 + n
	}
	n := 2
	for n < len(src) && isLetter(src[n]) {
		n++
	}
	return n
}

func (s *texScanner) scan() (lexer.TokenType, int) {
	c := s.rest[0]
	switch {
	case c == '\\':
		return texCommand, commandLength(s.rest)
	case isLetter(c):
		return texLetter, 1
	case isDigit(c):
		return texDigit, 1
	case strings.IndexByte("+-*/^_()[]{}|,=!'.&<>:;", c) >= 0:
		return texPunct, 1
	}
	_, n := utf8.DecodeRuneInString(s.rest)
	return texOther, n
}
