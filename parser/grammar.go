package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
)

// The participle grammars. Their structs describe only the shape of a whole
// input; every expression in them is a term, parsed by the precedence
// climber through participle's Parseable hook, so no struct per precedence
// level and no lookahead are needed.

// termInput is a whole input holding one term.
type termInput struct {
	Term term `parser:"@@"`
}

// equationInput is lhs = rhs.
type equationInput struct {
	LHS term `parser:"@@ '='"`
	RHS term `parser:"@@"`
}

// densityInput is a density with its header: p(y | x; w, b) = body.
type densityInput struct {
	Name     ident   `parser:"@@ '('"`
	Response ident   `parser:"@@"`
	Given    []ident `parser:"('|' @@ (',' @@)*)?"`
	Params   []ident `parser:"(';' @@ (',' @@)*)? ')' '='"`
	Body     term    `parser:"@@"`
}

// ident is a name in a density header, with its position for errors.
type ident struct {
	Pos  lexer.Position
	Name string `parser:"@Ident"`
}

var (
	termParser     = newParser[termInput]()
	equationParser = newParser[equationInput]()
	densityParser  = newParser[densityInput]()
)

func newParser[G any]() *participle.Parser[G] {
	return participle.MustBuild[G](participle.Lexer(plainLexer), participle.UseLookahead(0))
}

// parse runs a grammar over src. Every failure comes back as an *Error that
// holds its source line; a panic, whatever its cause, becomes one too.
func parse[G any](p *participle.Parser[G], filename, src string) (g *G, err error) {
	return parseWith(plainLexer, p, filename, src)
}

// parseWith is parse with the lexer def, the plain one or texLexer.
func parseWith[G any](def lexer.StringDefinition, p *participle.Parser[G], filename, src string) (g *G, err error) {
	if len(src) > MaxInputBytes {
		pos := lexer.Position{Filename: filename, Line: 1, Column: 1}
		return nil, errorAt(pos, "input larger than 1 MiB").WithSource(src)
	}
	defer func() {
		if r := recover(); r != nil {
			pos := lexer.Position{Filename: filename, Line: 1, Column: 1}
			g, err = nil, diag.Recovered(r, posOf(pos), "reading the expression").WithSource(src)
		}
	}()
	lex, err := tokenize(def, filename, src)
	if err == nil {
		g, err = p.ParseFromLexer(lex)
	}
	if err != nil {
		return nil, fromParticiple(err).WithSource(src)
	}
	return g, nil
}
