package problem

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRefusedTeX(t *testing.T) {
	tests := []struct {
		text string
		want string // the refused word; "" when the text is fine
	}{
		{`\input{/etc/passwd}`, `\input`},
		{`\input /etc/passwd`, `\input`},
		{`\input1`, `\input`},
		{`x\input`, `\input`},
		{`\inputé`, `\input`}, // pdfTeX reads \input, then é
		{`\inputx`, ``},
		{`\\input`, ``},
		{`\\\input`, `\input`},
		{`\include{chapter}`, `\include`},
		{`\includegraphics{fig}`, ``},
		{`\write18{rm -rf /}`, `\write`},
		{`\immediate 18`, `\immediate`},
		{`\openin`, `\openin`},
		{`\openout`, `\openout`},
		{`\read16 to \x`, `\read`},
		{`\def\x{1}`, `\def`},
		{`\edef\x{1}`, `\edef`},
		{`\gdef\x{1}`, `\gdef`},
		{`\xdef\x{1}`, `\xdef`},
		{`\let\x\relax`, `\let`},
		{`\csname input\endcsname`, `\csname`},
		{`\catcode`, `\catcode`},
		{`\newcommand{\x}{1}`, `\newcommand`},
		{`\renewcommand{\x}{1}`, `\renewcommand`},
		{`\usepackage{shellesc}`, `\usepackage`},
		{`\documentclass{article}`, `\documentclass`},
		{`\special{!ps}`, `\special`},
		{`\directlua{os.exit()}`, `\directlua`},
		{`^^5cinput`, `^^`},
		{`\begin{filecontents}{x}`, `\begin{filecontents}`},
		{`\begin{filecontents*}{x}`, `\begin{filecontents}`},
		{`\begin{align*} x \end{align*}`, ``},
		{`$\exp(-x w y)$, $\frac{1}{2}$, $\mathbf{x}^\top$, 50\%, a\\b`, ``},
		{`$x^2$ and $x^{-1}$`, ``},
		{`\definecolor`, ``},
		{`\lettrine`, ``},
		{`trailing \`, ``},
	}
	// Each text is tried in every place that takes LaTeX.
	places := []struct {
		name string
		src  func(quoted string) string
		line int
	}{
		{"title", func(q string) string { return "title " + q + "\n" }, 1},
		{"author", func(q string) string { return "\n\nauthor " + q + "\n" }, 3},
		{"problem title", func(q string) string { return "problem " + q + " {\n    simplify x\n}\n" }, 1},
		{"question", func(q string) string { return "problem \"P\" {\n    question " + q + "\n    simplify x\n}\n" }, 2},
		{"note", func(q string) string { return "problem \"P\" {\n    simplify x\n    note " + q + "\n}\n" }, 3},
	}
	for _, tt := range tests {
		for _, place := range places {
			t.Run(place.name+"/"+tt.text, func(t *testing.T) {
				// A raw string, so that the text is exactly as in the table.
				q := `"""` + tt.text + ` """`
				_, err := Parse("t.drv", place.src(q))
				if tt.want == "" {
					assert.NoError(t, err)
					return
				}
				require.Error(t, err)
				list := err.(ErrorList)
				require.Len(t, list, 1, list.Error())
				e := list[0]
				assert.Contains(t, e.Msg, tt.want+" is not allowed in problem text")
				assert.Equal(t, place.line, e.Pos.Line)
				// The caret is on the refused word.
				rest := string([]rune(e.Line)[e.Pos.Col-1:])
				assert.True(t, strings.HasPrefix(rest, strings.TrimSuffix(tt.want, "{filecontents}")), "caret at %q", rest)
			})
		}
	}
}

// TestRefusedTeXInQuotedString: the check reads the source of "..."
// strings, where \" is an escape and \\ a pair.
func TestRefusedTeXInQuotedString(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`title "\input"`, []string{`t.drv:1:8: \input is not allowed in problem text: it reads a file`}},
		{`title "\"\input"`, []string{`t.drv:1:10: \input is not allowed in problem text: it reads a file`}},
		{`title "\\input \\\def"`, []string{`t.drv:1:18: \def is not allowed in problem text: it defines a command`}},
		{`title "\\"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Parse("t.drv", tt.src)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, strings.Join(tt.want, "\n"), err.Error())
		})
	}
}

// TestForbiddenTeXTable: every word of the table is refused.
func TestForbiddenTeXTable(t *testing.T) {
	for word, what := range forbiddenTeX {
		t.Run(word, func(t *testing.T) {
			_, err := Parse("t.drv", fmt.Sprintf(`title "x \%s{y}"`, word))
			require.Error(t, err)
			assert.Equal(t, fmt.Sprintf(`t.drv:1:10: \%s is not allowed in problem text: it %s`, word, what), err.Error())
		})
	}
}
