package problem

import (
	"fmt"

	"github.com/alecthomas/participle/v2/lexer"
)

// problemLexer splits a problem file into tokens. It has two states, so
// that what follows a keyword is read by line rather than by token:
//
//   - Root, at the start of a line: a Word (the keyword) switches to Arg.
//     The keyword problem is a token of its own, Problem, since it is the
//     one the grammar knows: it starts a block, and ends an unclosed one.
//   - Arg, the rest of the line: a string stays a string, anything else up
//     to the end of the line (or a comment, "{" or "}", outside LaTeX
//     math between $ signs) is one Rest token,
//     handed whole to the argument's reader. The newline, "{" or "}" that
//     ends the line goes back to Root.
//
// Every character matches some rule in both states, so lexing never fails:
// a mistake reaches the converter as a token and is reported there, with
// its position. Strings that do not end become BadString and BadRaw
// tokens for the same reason. Blank and comment-only lines fold into the
// Newline token before them.
//
// Rules are tried in order, and each try costs a regular expression match,
// so the common ones come first. Only the string rules overlap, and their
// order decides: """...""", then an unterminated """, then "...", then an
// unterminated ". A Rest cannot start with a letter at the start of a
// line, where it would be a Word.
var problemLexer = lexer.MustStateful(lexer.Rules{
	"Root": {
		{Name: "space", Pattern: `[^\S\n]+`},
		{Name: "Problem", Pattern: `problem\b`, Action: lexer.Push("Arg")},
		{Name: "Word", Pattern: `[A-Za-z_][A-Za-z0-9_]*`, Action: lexer.Push("Arg")},
		{Name: "Newline", Pattern: newlinePattern},
		{Name: "Close", Pattern: `\}`},
		{Name: "comment", Pattern: `#[^\n]*`},
		{Name: "Open", Pattern: `\{`},
		{Name: "Raw", Pattern: rawPattern, Action: lexer.Push("Arg")},
		{Name: "BadRaw", Pattern: `"""`, Action: lexer.Push("Arg")},
		{Name: "String", Pattern: stringPattern, Action: lexer.Push("Arg")},
		{Name: "BadString", Pattern: `"[^\n]*`, Action: lexer.Push("Arg")},
		{Name: "Rest", Pattern: restPattern, Action: lexer.Push("Arg")},
	},
	"Arg": {
		{Name: "space", Pattern: `[^\S\n]+`},
		{Name: "Rest", Pattern: restPattern},
		{Name: "Newline", Pattern: newlinePattern, Action: lexer.Pop()},
		{Name: "Raw", Pattern: rawPattern},
		{Name: "BadRaw", Pattern: `"""`},
		{Name: "String", Pattern: stringPattern},
		{Name: "BadString", Pattern: `"[^\n]*`},
		{Name: "comment", Pattern: `#[^\n]*`},
		{Name: "Open", Pattern: `\{`, Action: lexer.Pop()},
		{Name: "Close", Pattern: `\}`, Action: lexer.Pop()},
	},
})

const (
	// newlinePattern is a line break and the blank or comment-only lines
	// after it.
	newlinePattern = `\n(?:[^\S\n]*(?:#[^\n]*)?\n)*`
	// rawPattern is """...""", across lines, ending at the first """.
	rawPattern = `"""(?s:.*?)"""`
	// stringPattern is "..." on one line. A backslash pairs with the
	// character after it, so \" does not end the string and neither does
	// the second backslash of \\; see unquote for what the pairs mean.
	stringPattern = `"(?:\\[^\n]|[^"\\\n])*"`
	// restPattern is the rest of a line, up to a comment or a brace, or
	// LaTeX math between $ signs, which may hold both: $\frac{1}{2} w^2$.
	restPattern = `(?:\$[^$\n]*\$|[^\s"#{}])(?:\$[^$\n]*\$|[^\n#{}])*`
)

// Token types, looked up once.
var (
	tokRaw       = problemLexer.Symbols()["Raw"]
	tokBadRaw    = problemLexer.Symbols()["BadRaw"]
	tokString    = problemLexer.Symbols()["String"]
	tokBadString = problemLexer.Symbols()["BadString"]
)

// tokenize lexes all of src, refusing more than MaxTokens tokens.
func tokenize(filename, src string) (*lexer.PeekingLexer, error) {
	lex, err := problemLexer.LexString(filename, src)
	if err != nil {
		return nil, err
	}
	return lexer.Upgrade(&cappedLexer{Lexer: lex})
}

// cappedLexer fails once it has produced MaxTokens tokens.
type cappedLexer struct {
	lexer.Lexer
	n int
}

func (l *cappedLexer) Next() (lexer.Token, error) {
	t, err := l.Lexer.Next()
	if err == nil && !t.EOF() {
		if l.n++; l.n > MaxTokens {
			return t, &lexer.Error{Msg: fmt.Sprintf("more than %d tokens in one file", MaxTokens), Pos: t.Pos}
		}
	}
	return t, err
}
