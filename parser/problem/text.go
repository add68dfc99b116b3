package problem

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// unquote returns the text of a "..." token. The only escape is \" for a
// quote; every other backslash is kept as written, so LaTeX reads the
// same as in a .tex file: \exp stays \exp and \\ (a line break) stays \\.
// A backslash pairs with the character after it, which is why "a \\"
// ends after the \\ and a string cannot end in a single backslash.
func unquote(tok string) string {
	body := tok[1 : len(tok)-1]
	if !strings.Contains(body, `\"`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' && i+1 < len(body) {
			if body[i+1] != '"' {
				b.WriteByte('\\')
			}
			b.WriteByte(body[i+1])
			i++
			continue
		}
		b.WriteByte(body[i])
	}
	return b.String()
}

// dedent returns the text of a """...""" string: verbatim, without
// escapes, except that
//
//   - the line of the opening """ is dropped when nothing follows it,
//   - the line of the closing """ is dropped when only white space
//     precedes it,
//   - the white space that all other non-blank lines start with is
//     removed from each, and blank lines become empty, and
//   - line breaks are \n.
//
// Text right after the opening """ is kept as it is and takes no part in
// finding the common indentation.
func dedent(body string) string {
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	if len(lines) == 1 {
		return lines[0]
	}
	head, rest := lines[0], lines[1:]
	if isBlank(rest[len(rest)-1]) {
		rest = rest[:len(rest)-1]
	}
	margin, first := "", true
	for _, l := range rest {
		if isBlank(l) {
			continue
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			margin, first = indent, false
			continue
		}
		for !strings.HasPrefix(indent, margin) {
			margin = margin[:len(margin)-1]
		}
	}
	out := make([]string, 0, len(lines))
	if !isBlank(head) {
		out = append(out, head)
	}
	for _, l := range rest {
		if isBlank(l) {
			out = append(out, "")
		} else {
			out = append(out, l[len(margin):])
		}
	}
	return strings.Join(out, "\n")
}

// isBlank reports whether a line is only white space.
func isBlank(line string) bool { return strings.TrimSpace(line) == "" }

// forbiddenTeX maps the control words problem text may not use to what
// they do. They read or write files, run programs, or define and
// redefine commands, which could do any of these later or change how the
// rest of the document reads (\catcode). Everything else is the author's
// LaTeX and passes through untouched.
var forbiddenTeX = map[string]string{
	// Files.
	"input": "reads a file", "include": "reads a file", "includeonly": "selects files to read",
	"InputIfFileExists": "reads a file", "IfFileExists": "looks for files",
	"verbatiminput": "reads a file", "lstinputlisting": "reads a file",
	"read": "reads a file", "readline": "reads a file", "openin": "opens a file", "closein": "closes a file",
	"write": "writes a file or runs a program", "openout": "opens a file for writing",
	"closeout": "closes a file", "immediate": "writes files at once", "newwrite": "allocates an output file",
	"newread": "allocates an input file", "endinput": "ends the input file",
	"pdffiledump": "reads a file", "pdfmdfivesum": "reads a file", "pdffilesize": "reads a file",
	"pdffilemoddate": "reads a file", "pdfobj": "embeds a file",
	"special": "passes commands to the driver", "directlua": "runs Lua code",
	"latelua": "runs Lua code", "luaexec": "runs Lua code", "luadirect": "runs Lua code",
	"ShellEscape": "runs a program",
	// The document's frame.
	"usepackage": "loads a package", "RequirePackage": "loads a package",
	"documentclass": "starts a document",
	// Definitions and reading rules.
	"def": "defines a command", "edef": "defines a command", "gdef": "defines a command",
	"xdef": "defines a command", "let": "defines a command", "futurelet": "defines a command",
	"newcommand": "defines a command", "renewcommand": "redefines a command",
	"providecommand": "defines a command", "DeclareRobustCommand": "defines a command",
	"newenvironment": "defines an environment", "renewenvironment": "redefines an environment",
	"csname": "builds a command name from text", "catcode": "changes how characters are read",
	"makeatletter": "changes how characters are read", "ExplSyntaxOn": "changes how characters are read",
	"scantokens": "rereads text as input",
}

// checkTeX reports the forbidden control words in a string token. It
// scans the source text of the token, which has the same control words as
// the string's value (unquoting only turns \" into ") and gives their
// positions in the file. A control word is a backslash and the ASCII
// letters after it, as TeX reads it, so \inputx is not \input but \input{,
// \input x and \input1 are, and \\input is a line break and a word. Also
// refused: ^^, TeX's notation for any character by its code, which could
// spell a backslash, and the filecontents environment, which writes a
// file.
func (c *converter) checkTeX(tok lexer.Token) {
	v := tok.Value
	at := func(i int) Pos { return c.pos(tok.Pos).advance(v[:i]) }
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '^' && strings.HasPrefix(v[i:], "^^"):
			c.errorf(at(i), `^^ is not allowed in problem text: it can spell any character`)
			i++
		case v[i] == '\\' && i+1 < len(v):
			j := i + 1
			for j < len(v) && isASCIILetter(v[j]) {
				j++
			}
			if j == i+1 { // a control symbol: \\, \{, \"
				_, size := utf8.DecodeRuneInString(v[j:])
				i += size
				continue
			}
			word := v[i+1 : j]
			if what, bad := forbiddenTeX[word]; bad {
				c.errorf(at(i), `\%s is not allowed in problem text: it %s`, word, what)
			} else if word == "begin" && strings.HasPrefix(envName(v[j:]), "filecontents") {
				c.errorf(at(i), `\begin{filecontents} is not allowed in problem text: it writes a file`)
			}
			i = j - 1
		}
	}
}

// envName reads the {name} after \begin, skipping white space.
func envName(s string) string {
	s = strings.TrimLeft(s, " \t\r\n")
	if !strings.HasPrefix(s, "{") {
		return ""
	}
	name, _, _ := strings.Cut(s[1:], "}")
	return strings.TrimSpace(name)
}

func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
