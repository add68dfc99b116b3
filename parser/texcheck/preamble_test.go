package texcheck

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goodPreamble declares one of each kind of thing a preamble may.
const goodPreamble = `\usepackage{bm}
\newcommand{\R}{\mathbb{R}}
\newcommand{\norm}[1]{\left\lVert #1 \right\rVert}
\newcommand{\inner}[2]{\langle #1, #2 \rangle}
\newcommand\loss{\mathcal{L}}
\newcommand{\course}{\textbf{ML 101}}
\newcommand{\twice}[1]{\text{#1}\text{#1}}
\DeclareMathOperator{\sgn}{sgn}
\DeclareMathOperator*{\argmax}{arg\,max}
\newcommand{\Rn}{\R^{n}}`

func TestPreambleAccepted(t *testing.T) {
	p, errs := CheckPreamble(goodPreamble)
	require.Empty(t, messages(errs))
	assert.Equal(t, []string{"R", "Rn", "argmax", "bm", "course", "inner", "loss", "norm", "sgn", "twice"}, p.Commands())
	assert.Equal(t, goodPreamble, p.TeX)

	for _, tc := range []struct {
		ctx  Context
		text string
	}{
		{Paragraph, `For $\bm{w} \in \Rn$, minimise $\loss = \norm{\bm{w}}^2 + \sgn(w_1)$, $\argmax_w \inner{w}{x}$.`},
		{Title, `\course: $\norm{x - \frac{1}{2}}$`},
		{Paragraph, `$\norm{\norm{\norm{x}}}$`},
	} {
		assert.Empty(t, messages(CheckWith(tc.text, tc.ctx, p)), tc.text)
	}
	// Without the preamble, the same text is refused.
	assert.NotEmpty(t, Check(`$\norm{x}$`, Paragraph))
	// A text macro in math, a math macro in text: the mode is checked.
	assert.Contains(t, messages(CheckWith(`\R`, Paragraph, p)), `\R is math: put it inside $...$`)
	assert.Contains(t, messages(CheckWith(`$\course$`, Paragraph, p)), `\course is text`)
}

func TestPreambleRefused(t *testing.T) {
	for _, tc := range []struct{ name, preamble, want string }{
		{"input", `\input{/etc/passwd}`, `a preamble holds only \usepackage{bm,mathrsfs}, \newcommand and \DeclareMathOperator declarations, found \input`},
		{"input in a body", `\newcommand{\x}{\input{/etc/passwd}}`, `in the definition of \x: \input is not allowed in problem text: it reads a file`},
		{"write18", `\newcommand{\x}{\immediate\write18{rm -rf ~}}`, `in the definition of \x: \immediate is not allowed in problem text: it writes a file`},
		{"catcode", `\catcode` + "`" + `\^^M=13`, `found \catcode`},
		{"catcode in a body", `\newcommand{\x}{\catcode 64=11}`, `\catcode is not allowed in problem text: it changes how TeX reads characters`},
		{"def", `\def\x{\input secret}`, `found \def`},
		{"def in a body", `\newcommand{\x}{\def\y{z}}`, `\def is not allowed in problem text: it defines or changes commands`},
		{"csname", `\newcommand{\x}{\csname input\endcsname{/etc/passwd}}`, `\csname is not allowed in problem text: it builds a command name from text`},
		{"csname as the name", `\newcommand{\csname}{x}`, `\csname is a command of LaTeX or TeX`},
		{"newcommand in a body", `\newcommand{\x}{\newcommand{\y}{z}}`, `\newcommand is not allowed in problem text`},
		{"renewcommand", `\renewcommand{\frac}{\input}`, `found \renewcommand`},
		{"redefine an allowed command", `\newcommand{\frac}{x}`, `\frac is defined already`},
		{"redefine its own", "\\newcommand{\\x}{a}\n\\newcommand{\\x}{b}", `\x is defined already`},
		{"an end name", `\newcommand{\enddocument}{x}`, `LaTeX keeps names that start with "end"`},
		{"a package", `\usepackage{shellesc}`, `\usepackage{shellesc} is not allowed: a preamble may load only bm, mathrsfs`},
		{"package options", `\usepackage[pdftex]{bm}`, `\usepackage[...] is not allowed`},
		{"parameter out of range", `\newcommand{\x}[1]{#2}`, `# is not allowed in problem text`},
		{"doubled hash", `\newcommand{\x}[1]{##1}`, `# is not allowed in problem text`},
		{"hash without parameters", `\newcommand{\x}{#1}`, `# is not allowed in problem text`},
		{"default argument", `\newcommand{\x}[1][a]{#1}`, `with a default for its first parameter is not allowed`},
		{"too many parameters", `\newcommand{\x}[10]{x}`, `n is a number of parameters from 0 to 9`},
		{"hat-hat", `\newcommand{\x}{^^5cinput}`, `^^ is not allowed`},
		{"comment", `\newcommand{\x}{a % }`, `% starts a comment`},
		{"unbalanced", `\newcommand{\x}{\y}}`, `found "}"`},
		{"a paragraph", "\\newcommand{\\x}{a\n\nb}", `not allowed`},
		{"no body", `\newcommand{\x}`, `\newcommand needs {...} here`},
		{"text between", `\newcommand{\x}{a} hello`, `found "h"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := CheckPreamble(tc.preamble)
			require.NotEmpty(t, errs, "accepted")
			assert.Contains(t, messages(errs), tc.want)
			_ = p
		})
	}
}

// TestPreambleWork: a macro's body costs its work at every use, and its
// argument as many times as the body typesets it, so that macros cannot
// multiply pdflatex's work past the budget of the text that uses them.
func TestPreambleWork(t *testing.T) {
	p, errs := CheckPreamble(`\newcommand{\four}[1]{\text{#1}}
\newcommand{\lengthy}{` + strings.Repeat(`\alpha `, 1000) + `}`)
	require.Empty(t, messages(errs))
	nested := "$" + strings.Repeat(`\four{`, 8) + "x" + strings.Repeat("}", 8) + "$"
	assert.Contains(t, messages(CheckWith(nested, Paragraph, p)), "pdflatex would take too long")
	assert.Empty(t, messages(CheckWith(`$\four{\four{x}}$`, Paragraph, p)))
	many := "$" + strings.Repeat(`\lengthy `, 400) + "$"
	assert.Contains(t, messages(CheckWith(many, Paragraph, p)), "pdflatex would take too long")

	// A chain of macros each ten times the last is refused where it grows
	// past the budget of a body.
	chain := `\newcommand{\ma}{xxxxxxxxxx}`
	prev := "ma"
	for _, n := range []string{"mb", "mc", "md", "me", "mf"} {
		chain += `\newcommand{\` + n + `}{` + strings.Repeat(`\`+prev+" ", 10) + `}`
		prev = n
	}
	_, errs = CheckPreamble(chain)
	assert.Contains(t, messages(errs), "pdflatex would take too long")
}

// FuzzPreamble: CheckPreamble never panics, places its errors in the
// text, and a text using what an accepted preamble declares is checked
// within its budget (CheckWith never panics either).
func FuzzPreamble(f *testing.F) {
	f.Fuzz(func(t *testing.T, preamble, text string) {
		p, errs := CheckPreamble(preamble)
		for _, e := range errs {
			if e.Offset < 0 || e.Offset > len(preamble) || e.Msg == "" {
				t.Fatalf("error %v outside the preamble of %d bytes, or without a message", e, len(preamble))
			}
		}
		if len(p.commands) > MaxMacros+1 {
			t.Fatalf("%d commands declared", len(p.commands))
		}
		for _, e := range CheckWith(text, Paragraph, p) {
			if e.Offset < 0 || e.Offset > len(text) {
				t.Fatalf("error %v outside the text", e)
			}
		}
	})
}
