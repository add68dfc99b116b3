package solve

import (
	"strings"
)

// preamble loads only what Debian's texlive-latex-base and
// texlive-latex-recommended provide, so a handout compiles on a stock
// installation.
const preamble = `\documentclass[11pt]{article}
\usepackage[margin=2.5cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage[T1]{fontenc}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
`

// LaTeX renders the whole handout: a complete document, or with fragment
// set only its body, to \input into an existing handout.
func (d *Document) LaTeX(fragment bool) string {
	var b strings.Builder
	if !fragment {
		b.WriteString(preamble)
		b.WriteString(`\title{` + orDefault(d.File.Title, "Solutions") + "}\n")
		b.WriteString(`\author{` + d.File.Author + "}\n")
		b.WriteString("\\date{}\n\\begin{document}\n\\maketitle\n\n")
	}
	for _, s := range d.Solutions {
		b.WriteString(`\section{` + s.Problem.Title + "}\n")
		if q := strings.TrimSpace(s.Problem.Question); q != "" {
			b.WriteString("\\paragraph{Question.} " + q + "\n\n")
		}
		b.WriteString("\\paragraph{Solution.}\n" + strings.TrimSpace(s.Body) + "\n\n")
		if n := strings.TrimSpace(s.Problem.Note); n != "" {
			b.WriteString("\\paragraph{Note.} " + n + "\n\n")
		}
	}
	if !fragment {
		b.WriteString("\\end{document}\n")
	}
	return b.String()
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
