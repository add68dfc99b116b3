package problem

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser"
)

// The command line's counterparts of statements: derivtex eval's
// NAME=VALUE is a given, diff --wrt a wrt, mle --params and --response
// are params and response. They are read by the statement's own reader
// and checked by its own checks, so that the command line and a file read
// the same things the same way, with the same errors.

// Argument is a command-line argument read as a statement.
type Argument struct {
	*Statement
	src     string
	namePos []diag.Pos   // of each of Names
	uses    []parser.Use // of wrt's variables
}

// ReadArgument reads src as the argument of the statement key: given,
// wrt, params or response. Its mistakes are positioned in src, 1:1 being
// its first character, with src's line as their source line, as an
// expression's are; the caller says which argument it was. The error is
// a diag.List of every mistake.
func ReadArgument(key, src string) (*Argument, error) {
	def := statementByKey[key]
	if def == nil || def.arg.quoted || def.kind {
		return nil, diag.Internalf("problem: ReadArgument: %s is not a statement read from a command-line argument", key)
	}
	c := newConverter("", src)
	p := trimmed(src, diag.Pos{Line: 1, Col: 1})
	s := &Statement{Pos: diag.Pos{Line: 1, Col: 1}, ArgPos: p.pos, Key: key, Text: p.text}
	def.arg.read(c, s, lexer.Token{})
	if err := c.result(); err != nil {
		return nil, err
	}
	return &Argument{Statement: s, src: src, namePos: c.namePos[s], uses: c.uses[s]}, nil
}

// NamePos returns the position in the argument of its i-th name (of
// Names).
func (a *Argument) NamePos(i int) diag.Pos { return a.namePos[i] }

// Check checks the argument against kind, the statement that says what to
// derive, also read from the command line: for wrt a diff statement with
// its Expr, for params and response an mle statement with its Density.
// uses lists the names of kind's source (parser.ParseTerm); what names
// that source in messages ("the expression"). The checks are those of a file's problem: a name
// takes the same number of indices in both, a variable or parameter
// occurs in the expression, params agree with the density's header, the
// response is the density's. Errors are positioned in the argument, as
// ReadArgument's are. A check that warns in a file warns here: the
// warnings are returned. Check may be called concurrently.
func (a *Argument) Check(kind *Statement, uses []parser.Use, what string) (diag.List, error) {
	def := statementByKey[a.Key]
	if def.with != nil && !contains(def.with, kind.Key) {
		return nil, diag.Internalf("problem: Check: %s does not go with %s", a.Key, kind.Key)
	}
	c := newConverter("", a.src)
	c.other = what
	c.uses[kind] = uses
	c.uses[a.Statement] = a.uses
	c.namePos[a.Statement] = a.namePos
	p := &Problem{Kind: kind.Key, Statements: []*Statement{kind, a.Statement}}
	c.checkIndices(p)
	if a.Key == "params" {
		checkMLE(c, p, kind) // params against the header, at the params
	}
	if def.check != nil {
		def.check(c, p, a.Statement)
	}
	return c.warnings(), c.result()
}
