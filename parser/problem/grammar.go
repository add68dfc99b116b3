package problem

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar. It describes the shape of a file, settings and
// problem blocks made of keyword lines, and nothing finer: what an argument
// means is the statement table's business (statements.go), and everything
// is converted into the public types in one place (convert.go).
//
// The grammar is total: every token sequence the lexer can produce parses,
// with the mistakes (a stray brace, a line that does not start with a
// keyword, a block that never closes) kept as nodes. That is what lets the
// converter report every error of a file instead of the first, since
// participle itself stops at the first token it cannot place.
//
//	file    = top*
//	top     = problem | line | "}"
//	problem = Problem arg* (Newline? "{" line* "}"?)?
//	line    = Newline | Word arg* | arg+ | "{"
//	arg     = String | Raw | Rest | BadString | BadRaw
//
// Alternatives are tried in order and a failed try costs participle an
// error value, so the common ones come first.

// fileNode is a whole file.
type fileNode struct {
	Tops []*topNode `parser:"@@*"`
}

// topNode is one thing at the top level.
type topNode struct {
	Line    *lineNode    `parser:"  @@"`
	Problem *problemNode `parser:"| @@"`
	Close   *closeNode   `parser:"| @@"`
}

// problemNode is `problem "title" { ... }`. Block is nil when no "{"
// follows the title.
type problemNode struct {
	Pos   lexer.Position
	Args  []*argNode `parser:"Problem @@*"`
	Block *blockNode `parser:"((?= Newline? Open) Newline? @@)?"`
}

// blockNode is the { ... } of a problem; Pos is its "{". Closed is false
// when the file ends, or the next problem starts, before its "}".
type blockNode struct {
	Pos    lexer.Position
	Lines  []*lineNode `parser:"Open @@*"`
	Closed bool        `parser:"@Close?"`
}

// lineNode is a statement, or one of the mistakes that can stand where a
// statement should.
type lineNode struct {
	Stmt  *stmtNode `parser:"  @@"`
	Junk  *junkNode `parser:"| @@"`
	Open  *openNode `parser:"| @@"`
	Blank bool      `parser:"| @Newline"`
}

// stmtNode is a keyword and the arguments after it on its line.
type stmtNode struct {
	Pos  lexer.Position
	Key  string     `parser:"@Word"`
	Args []*argNode `parser:"@@*"`
}

// junkNode is a line that starts with something other than a keyword.
type junkNode struct {
	Pos  lexer.Position
	Args []*argNode `parser:"@@+"`
}

// argNode is one argument token: a string, a raw string, the rest of a
// line, or a string that never ends.
type argNode struct {
	Token lexer.Token `parser:"@(String | Raw | Rest | BadString | BadRaw)"`
}

// openNode is a "{" where none belongs.
type openNode struct {
	Pos   lexer.Position
	Brace string `parser:"@Open"`
}

// closeNode is a "}" where none belongs.
type closeNode struct {
	Pos   lexer.Position
	Brace string `parser:"@Close"`
}

var fileParser = participle.MustBuild[fileNode](
	participle.Lexer(problemLexer),
	participle.UseLookahead(1),
)
