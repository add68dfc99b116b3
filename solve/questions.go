package solve

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser/problem"
)

// QuestionsWithMap renders the question sheet of the handout: the same
// sections, numbered and titled as in the solutions, each with its
// question and room to answer it, and no solution, so that one problem
// file makes both the exam and its key. The room is the solution's length
// (see answerRoom). The title loses a trailing "solutions" (": solutions",
// " -- solutions"), which the key's title often ends with.
func (d *Document) QuestionsWithMap(fragment bool) (string, *SourceMap) {
	w := &texWriter{line: 1, m: &SourceMap{}}
	if !fragment {
		d.begin(w, questionsTitle(d.File.Title), false)
	} else {
		d.preambleComment(w)
	}
	for _, s := range d.Solutions {
		p := s.Problem
		w.write(origin(p, nil, "the title"), `\section{`+p.Title+"}\n")
		q, st := Question(p), p.Statement("question")
		if st == nil {
			st = p.Statement(p.Kind)
		}
		if q != "" {
			w.text(p, st, "the question", "", q)
		}
		w.write(nil, fmt.Sprintf("\\par\\vspace{%gcm}\n\n", answerRoom(s.Body)))
	}
	if !fragment {
		w.write(nil, "\\end{document}\n")
	}
	return w.b.String(), w.m
}

// Question is the question of p as the question sheet states it: the
// author's question text, or for a problem without one whose statement
// says it all (diff, simplify), a sentence made of it: "Differentiate
// $f$ with respect to $w$ and $x$." It is "" for any other problem
// without a question, whose statement alone (an mle density, a network,
// given values) would not make a question a student can answer.
func Question(p *problem.Problem) string {
	if q := strings.TrimSpace(p.Question); q != "" {
		return q
	}
	st := p.Statement(p.Kind)
	if st == nil || st.Expr == nil || p.Statement("given") != nil {
		return "" // given values would be part of the question
	}
	switch p.Kind {
	case "diff":
		wrt := p.Statement("wrt")
		if wrt == nil {
			return ""
		}
		var vs []string
		for _, t := range wrt.Terms {
			vs = append(vs, "$"+latex.Expr(t)+"$")
		}
		return "Differentiate $" + latex.Expr(st.Expr) + "$ with respect to " + joinAnd(vs) + "."
	case "simplify":
		return "Simplify $" + latex.Expr(st.Expr) + "$."
	}
	return ""
}

// joinAnd joins "a", "b", "c" as "a, b and c".
func joinAnd(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// answerRoom is the room left for an answer, in cm: about as much as the
// solution takes, counted in its LaTeX lines (a row of a derivation, a
// paragraph) at 0.6cm each, from 3cm to 16cm, to the half cm.
func answerRoom(body string) float64 {
	lines := strings.Count(strings.TrimSpace(body), "\n") + 1
	cm := min(max(0.6*float64(lines), 3), 16)
	return math.Round(cm*2) / 2
}

// solutionsSuffix is a trailing "solutions" in a title, with what
// separates it from the rest.
var solutionsSuffix = regexp.MustCompile(`(?i)\s*(?::|-{1,3}|—|–|,)\s*solutions\s*$|\s*\(solutions\)\s*$`)

// questionsTitle is the question sheet's title: the file's without a
// trailing "solutions", or "Questions".
func questionsTitle(title string) string {
	t := strings.TrimSpace(solutionsSuffix.ReplaceAllString(title, ""))
	return orDefault(t, "Questions")
}
