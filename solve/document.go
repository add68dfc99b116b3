package solve

import (
	"fmt"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser/problem"
)

// preamble loads only what Debian's texlive-latex-base and
// texlive-latex-recommended provide, so a handout compiles on a stock
// installation (with Debian's lmodern, for lmodern.sty). Its fonts are
// Type 1 (Latin Modern): T1's default EC fonts exist there only as
// Metafont sources, which pdflatex could use only by running mktexpk, and
// CompilePDF does not let it.
const preamble = `\documentclass[11pt]{article}
\usepackage[margin=2.5cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
`

// handoutLineWidth is the line width, in the estimated glyphs of
// latex.Width, that derivations are broken to in a handout: the text
// block of the preamble's page (US letter, 2.5cm margins: 472pt) over
// 6.8pt per glyph, latex.DefaultLineWidth's 6.2pt per glyph at 10pt
// scaled to the 11pt of the preamble, with a little to spare.
const handoutLineWidth = 68

// tikzPreamble is loaded only by a handout that draws a network's graph
// (latex.Network): TikZ is Debian's texlive-pictures, which a handout
// without pictures does not need.
const tikzPreamble = `\usepackage{tikz}
\usetikzlibrary{arrows.meta}
\usepackage{pgfplots}
\pgfplotsset{compat=1.16}
`

// LaTeX renders the whole handout: a complete document, or with fragment
// set only its body, to \input into an existing handout.
func (d *Document) LaTeX(fragment bool) string {
	tex, _ := d.LaTeXWithMap(fragment)
	return tex
}

// LaTeXWithMap renders the handout as LaTeX does, and records which of
// its lines came from which part of the problem file, so that pdflatex's
// complaints about a line can be sent back to the author's text.
func (d *Document) LaTeXWithMap(fragment bool) (string, *SourceMap) {
	w := &texWriter{line: 1, m: &SourceMap{}}
	if !fragment {
		d.begin(w, orDefault(d.File.Title, "Solutions"), d.draws())
	} else {
		d.preambleComment(w)
	}
	for _, s := range d.Solutions {
		p := s.Problem
		w.write(origin(p, nil, "the title"), `\section{`+p.Title+"}\n")
		if q := strings.TrimSpace(p.Question); q != "" {
			w.text(p, p.Statement("question"), "the question", "\\paragraph{Question.} ", q)
			w.write(nil, "\n")
		}
		w.write(origin(p, p.Statement(p.Kind), "the solution"), "\\paragraph{Solution.}\n"+strings.TrimSpace(s.Body)+"\n")
		w.write(nil, "\n")
		if n := strings.TrimSpace(p.Note); n != "" {
			w.text(p, p.Statement("note"), "the note", "\\paragraph{Note.} ", n)
			w.write(nil, "\n")
		}
	}
	if !fragment {
		w.write(nil, "\\end{document}\n")
	}
	return w.b.String(), w.m
}

// preambleComment writes, at the top of a fragment, the author's
// preamble as a comment: the handout it goes into must declare the same.
func (d *Document) preambleComment(w *texWriter) {
	if d.File.Preamble == "" {
		return
	}
	w.write(nil, "% This fragment uses the problem file's preamble; put it in the handout's:\n")
	for _, l := range strings.Split(d.File.Preamble, "\n") {
		w.write(nil, "% "+l+"\n")
	}
}

// begin writes the preamble (with TikZ's when tikz is set), the title and
// the author, up to and with \maketitle.
func (d *Document) begin(w *texWriter, title string, tikz bool) {
	file := &Origin{Pos: diag.Pos{File: d.File.Name}, What: "the handout's title or author"}
	w.write(nil, preamble)
	if tikz {
		w.write(nil, tikzPreamble)
	}
	if pre := d.File.Preamble; pre != "" {
		// The author's packages and macros, checked by
		// texcheck.CheckPreamble, last: they may use what ours load, and
		// \newcommand refuses a name a package defined.
		w.lines(&Origin{Pos: d.File.PreamblePos, What: "the preamble"}, d.File.PreambleLines, pre)
	}
	w.write(file, `\title{`+title+"}\n")
	w.write(file, `\author{`+d.File.Author+"}\n")
	w.write(nil, "\\date{}\n\\begin{document}\n")
	// \maketitle is where the title and author are typeset, so where
	// TeX stumbles over them.
	w.write(file, "\\maketitle\n")
	w.write(nil, "\n")
}

// draws reports whether a solution draws a picture.
func (d *Document) draws() bool {
	for _, s := range d.Solutions {
		if s.Draws {
			return true
		}
	}
	return false
}

// SourceMap says which lines of a rendered handout came from which part
// of the problem file. The zero value knows no lines.
type SourceMap struct {
	spans []span // in document order
}

// span is a run of document lines, first to last, from one origin.
type span struct {
	first, last int
	origin      *Origin
}

// Origin is the part of a problem file that some lines of a handout came
// from.
type Origin struct {
	// Pos is the statement whose text the lines hold (the question or
	// note), or the problem itself for its title and solution. For the
	// handout's title and author only Filename is known (Line is 0).
	Pos diag.Pos
	// What names the part for a reader: `the question of problem "MLE"`,
	// "the handout's title or author".
	What string
}

// Origin returns where line n (1-based) of the document came from, or
// nil for a line derivtex wrote on its own (the preamble, say).
func (m *SourceMap) Origin(n int) *Origin {
	if m == nil {
		return nil
	}
	for i := len(m.spans) - 1; i >= 0; i-- {
		if s := m.spans[i]; s.first <= n && n <= s.last {
			return s.origin
		}
	}
	return nil
}

// At renders the origin's position: file:line:col, or the file alone.
func (o *Origin) At() string {
	if o.Pos.Line == 0 {
		return o.Pos.File
	}
	return o.Pos.String()
}

// origin is the origin of a part of problem p whose text comes from
// statement s (the problem's own position when s is nil).
func origin(p *problem.Problem, s *problem.Statement, part string) *Origin {
	o := &Origin{Pos: p.Pos, What: part + " of problem " + fmt.Sprintf("%q", p.Title)}
	if p.Title == "" {
		o.What = fmt.Sprintf("%s of the problem at line %d", part, p.Pos.Line)
	}
	if s != nil {
		o.Pos = s.ArgPos
	}
	return o
}

// texWriter builds a document and its source map, counting lines.
type texWriter struct {
	b    strings.Builder
	line int // the line the next write starts on
	m    *SourceMap
}

// write appends text from the given origin (nil: derivtex's own).
func (w *texWriter) write(o *Origin, text string) {
	first := w.line
	w.b.WriteString(text)
	w.line += strings.Count(text, "\n")
	last := w.line
	if strings.HasSuffix(text, "\n") {
		last--
	}
	if o != nil && last >= first {
		w.m.spans = append(w.m.spans, span{first, last, o})
	}
}

// text writes the author's text of statement st of problem p (its
// question, its note) after prefix, each line with its own place in the
// file.
func (w *texWriter) text(p *problem.Problem, st *problem.Statement, part, prefix, text string) {
	o := origin(p, st, part)
	var at []diag.Pos
	if st != nil && strings.TrimSpace(st.Text) == text {
		// The trimmed text starts where its first non-blank line does.
		lead := strings.Count(st.Text[:strings.Index(st.Text, text)], "\n")
		if lead < len(st.TextLines) {
			at = slices.Clone(st.TextLines[lead:])
		}
		if lead == 0 && len(at) > 0 {
			at[0] = o.Pos // the argument's own place, its quotes
		}
	}
	w.lines(o, at, prefix+text)
}

// lines writes text from origin o, line k from at[k] when at knows it
// (the origin's position otherwise), so that LaTeX's complaint about a
// line of a long text names that line of the file.
func (w *texWriter) lines(o *Origin, at []diag.Pos, text string) {
	for k, l := range strings.Split(text, "\n") {
		lo := o
		if k < len(at) && at[k].IsValid() {
			lo = &Origin{Pos: at[k], What: o.What}
		}
		w.write(lo, l+"\n")
	}
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
