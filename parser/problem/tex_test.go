package problem

import (
	"os"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// place is a place in a problem file that takes LaTeX, and the line the
// string stands on.
type place struct {
	name  string
	src   func(quoted string) string
	line  int
	title bool // a title, the author line or a problem title, not paragraph text
}

var places = []place{
	{"title", func(q string) string { return "title " + q + "\n" }, 1, true},
	{"author", func(q string) string { return "\n\nauthor " + q + "\n" }, 3, true},
	{"problem title", func(q string) string { return "problem " + q + " {\n    simplify x\n}\n" }, 1, true},
	{"question", func(q string) string { return "problem \"P\" {\n    question " + q + "\n    simplify x\n}\n" }, 2, false},
	{"note", func(q string) string { return "problem \"P\" {\n    simplify x\n    note " + q + "\n}\n" }, 3, false},
}

// TestProblemText: each text is tried in every place that takes LaTeX,
// and the allowlist of the place decides (package texcheck has the full
// tables; this checks that each place uses its own, and that the caret
// lands on the offending character).
func TestProblemText(t *testing.T) {
	tests := []struct {
		text      string
		paragraph string // the start of the message in a question or a note; "" when accepted
		title     string // the same in a title, the author line or a problem title
		at        string // the text at the caret
	}{
		{`$\exp(-x w y)$, $\frac{1}{2}$, $\mathbf{x}^\top$, 50\%, \emph{this}`, "", "", ""},
		{`$x^2$ and $x^{-1}$, é, “quoted”`, "", "", ""},
		{`\input{/etc/passwd}`, `\input is not allowed in problem text: it reads a file`, `\input is not allowed`, `\input`},
		{`x\input`, `\input is not allowed`, `\input is not allowed`, `\input`},
		{`\begin{input}{/etc/passwd}\end{input}`, `environment "input" is not allowed`, `environment "input" is not allowed`, `\begin`},
		{`\UseName{input}{f}`, `\UseName is not allowed`, `\UseName is not allowed`, `\UseName`},
		{`\csname input\endcsname`, `\csname is not allowed`, `\csname is not allowed`, `\csname`},
		{`^^5cinput`, `^^ is not allowed`, `^^ is not allowed`, `^^`},
		{`a } b`, `unbalanced "}"`, `unbalanced "}"`, `}`},
		{`{ b`, `unclosed "{"`, `unclosed "{"`, `{`},
		{`50 % off`, `% starts a comment`, `% starts a comment`, `%`},
		{`\textbff{x}`, `\textbff is not allowed in problem text (did you mean \textbf?)`, `\textbff is not allowed`, `\textbff`},
		{`\frac{1}{2}`, `\frac is math: put it inside $...$`, `\frac is math`, `\frac`},
		{`a \\ b`, "", `\\ is not allowed here`, `\\`},
		{`\begin{itemize}\item x\end{itemize}`, "", `itemize only goes between the paragraphs`, `\begin`},
		{`\[ x \]`, "", `displayed math \[...\] only goes between the paragraphs`, `\[`},
		{`a\footnote{b}`, "", `\footnote only goes in the text of a question or a note`, `\footnote`},
		{"a\n\nb", "", "a blank line (a new paragraph) is not allowed here", "\n"},
	}
	for _, tt := range tests {
		for _, pl := range places {
			t.Run(pl.name+"/"+tt.text, func(t *testing.T) {
				// A raw string, so that the text is exactly as in the table.
				q := `"""` + tt.text + ` """`
				want := tt.paragraph
				if pl.title {
					want = tt.title
				}
				if pl.name == "author" && tt.text == `a \\ b` {
					want = "" // the author line may break lines
				}
				_, err := Parse("t.drv", pl.src(q))
				if want == "" {
					assert.NoError(t, err)
					return
				}
				require.Error(t, err)
				list := err.(diag.List)
				e := list[0]
				assert.True(t, strings.HasPrefix(e.Msg, want), "message %q", e.Msg)
				assert.Equal(t, pl.line, e.Pos.Line)
				rest := string([]rune(e.Src)[e.Pos.Col-1:])
				if tt.at == "\n" {
					assert.Equal(t, "", rest, "caret at the end of the line")
					return
				}
				assert.True(t, strings.HasPrefix(rest, tt.at), "caret at %q", rest)
			})
		}
	}
}

// TestTeXPositions: errors inside strings point at their character in
// the file, through the \" escapes of "..." strings and the margins, line
// breaks and CRLFs of """ strings.
func TestTeXPositions(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"after escaped quotes", `title "a \"b\" \input"`, []string{
			`t.drv:1:16: \input is not allowed in problem text: it reads a file; problem text cannot read files`}},
		{"after a line break pair", `title "\\\input"`, []string{
			`t.drv:1:8: \\ is not allowed here: it breaks lines in questions, notes and the author line, and ends the rows of a table outside braces`,
			`t.drv:1:10: \input is not allowed in problem text: it reads a file; problem text cannot read files`}},
		{"in an indented raw string", "problem \"P\" {\n    question \"\"\"\n        First line, $x$.\n          Second \\bad here.\n        \"\"\"\n    simplify x\n}\n", []string{
			`t.drv:4:18: \bad is not allowed in problem text (did you mean \bar?)`}},
		{"tabs and CRLF", "problem \"P\" {\r\n\tnote \"\"\"\r\n\t\tok $x$\r\n\t\tthen 100%\r\n\t\t\"\"\"\r\n\tsimplify x\r\n}\r\n", []string{
			`t.drv:4:11: % starts a comment in LaTeX, which would hide the rest of the line: write \% for a percent sign`}},
		{"text after the opening quotes", "problem \"P\" {\n    question \"\"\"a \\x\n        b \\y\n        \"\"\"\n    simplify x\n}\n", []string{
			`t.drv:2:19: \x is not allowed in problem text: it is not one of the commands problem text may use`,
			`t.drv:3:11: \y is not allowed in problem text: it is not one of the commands problem text may use`}},
		{"an unclosed brace lines above", "problem \"P\" {\n    question \"\"\"\n        \\textbf{bold\n        more\n        \"\"\"\n    simplify x\n}\n", []string{
			`t.drv:3:16: unclosed "{": every "{" needs its "}" in the same text`}},
		{"a blank line in a title", "title \"\"\"\n    A\n\n    B\n    \"\"\"\n", []string{
			`t.drv:2:6: a blank line (a new paragraph) is not allowed here: titles, the author line and arguments of commands are one paragraph`}},
		{"the author line", `author "A \and B \\ C"` + "\n" + `title "A \and B"`, []string{
			`t.drv:2:10: \and only separates names on the author line, outside braces`}},
		{"a problem title", `problem "Gradient of $\frac{1}{2}\|x\|^2 \footnote{x}$" { simplify x }`, []string{
			`t.drv:1:42: \footnote is text: in math put it inside \text{...}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.drv", tt.src)
			require.Error(t, err)
			assert.Equal(t, strings.Join(tt.want, "\n"), err.Error())
		})
	}
}

// TestTestdataAccepted: the problem files of the repository, which use
// LaTeX in every place, keep parsing.
func TestTestdataAccepted(t *testing.T) {
	for _, name := range []string{"testdata/example.drv", "../../testdata/kinds.drv", "../../problems/midterm-a.drv"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(name)
			require.NoError(t, err)
			mustParse(t, string(src))
		})
	}
}

// TestManualErrorOutput: the manual shows the errors of its example of
// refused LaTeX as derivtex prints them.
func TestManualErrorOutput(t *testing.T) {
	manual, err := os.ReadFile("../../docs/problem-language.md")
	require.NoError(t, err)
	_, rest, found := strings.Cut(string(manual), "```drv\n# error: refused LaTeX")
	require.True(t, found)
	src, rest, _ := strings.Cut("# error: refused LaTeX"+rest, "```")
	_, rest, _ = strings.Cut(rest, "```\n")
	want, _, _ := strings.Cut(rest, "```")
	assert.Equal(t, want, parseErrors(t, "manual.drv", src).Report())
}
