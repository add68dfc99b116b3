package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/equiv"
	"github.com/derivtex/derivtex/latex"
)

// Text writes the report for a reader: a line per step with its verdict,
// the counterexample and hint of each wrong one, and the derivation's
// verdict with its first wrong step.
func (r *Report) Text() string {
	var b strings.Builder
	// The notes on definitions and equations come in the order of the
	// lines, among the steps: a definition before the step on its line
	// (key 2 line), an equation after it (2 line + 1, as a step).
	type note struct {
		key  int
		text string
	}
	var notes []note
	for _, l := range r.Definitions {
		if name, ok := r.Defines[l]; ok {
			notes = append(notes, note{2 * l, fmt.Sprintf("line %d: defines %s (later lines are read with its definition put in), not checked\n", l, name)})
			continue
		}
		notes = append(notes, note{2 * l, fmt.Sprintf("line %d: a definition (its name is used nowhere else), not checked\n", l)})
	}
	for _, l := range r.Equations {
		notes = append(notes, note{2*l + 1, fmt.Sprintf("line %d: an equation (the line before set equal to it), not an identity: what an implication after it solves\n", l)})
	}
	slices.SortStableFunc(notes, func(a, b note) int { return a.key - b.key })
	for _, s := range r.Steps {
		for len(notes) > 0 && notes[0].key < 2*s.Line+1 {
			b.WriteString(notes[0].text)
			notes = notes[1:]
		}
		if r.Answer {
			fmt.Fprintf(&b, "answer (%s): %s", s.Rel.describe(), s.Verdict)
		} else if s.FromLine == s.Line {
			fmt.Fprintf(&b, "line %d (%s): %s", s.Line, s.Rel.describe(), s.Verdict)
		} else {
			fmt.Fprintf(&b, "line %d (%s, from line %d): %s", s.Line, s.Rel.describe(), s.FromLine, s.Verdict)
		}
		if len(s.Conditions) > 0 {
			fmt.Fprintf(&b, " where %s", strings.Join(s.Conditions, ", "))
		}
		b.WriteByte('\n')
		if s.Counterexample != nil {
			fmt.Fprintf(&b, "    counterexample %s\n", s.Counterexample)
		}
		if s.Expected != "" {
			fmt.Fprintf(&b, "    the engine gets %s\n", s.Expected)
		}
		if s.Hint != "" {
			fmt.Fprintf(&b, "    hint: %s\n", s.Hint)
		}
		if s.Verdict == equiv.Undecided || s.Verdict == equiv.Fails && s.Hint == "" {
			fmt.Fprintf(&b, "    (%s)\n", s.Reason)
		}
	}
	for _, n := range notes {
		b.WriteString(n.text)
	}
	if r.Answer {
		return b.String()
	}
	fmt.Fprintf(&b, "derivation: %s", r.Verdict())
	if r.FirstWrong >= 0 {
		fmt.Fprintf(&b, "; first wrong step at line %d", r.Steps[r.FirstWrong].Line)
	}
	if c := r.Cut(); c != nil {
		fmt.Fprintf(&b, "; cut at line %d (more than %d lines): nothing from there on was checked", c.Pos.Line, MaxLines)
	}
	b.WriteByte('\n')
	return b.String()
}

// describe names a relation for the text report.
func (r Rel) describe() string {
	if r.Unknown {
		return "unknown relation " + r.Sign
	}
	switch r.Kind {
	case Derivative:
		return "d/d" + r.Wrt
	case Implies:
		return "solves the equation, " + r.Sign
	case SameArgmin:
		if len(r.Params) > 0 {
			return "argmin over " + strings.Join(r.Params, ", ")
		}
		return "argmin"
	case UpToConstant:
		return "= up to a constant"
	case UpToFactor:
		return "propto"
	}
	return "="
}

// texSign is the relation as LaTeX.
func (r Rel) texSign() string {
	if r.Unknown {
		return `\mathrel{?}`
	}
	switch r.Kind {
	case Derivative:
		return `\xrightarrow{d/d` + texText(r.Wrt) + `}`
	case SameArgmin:
		return `\stackrel{\arg\min_{` + texText(strings.Join(r.Params, ",")) + `}}{=}`
	case UpToConstant:
		return `\stackrel{c}{=}`
	case UpToFactor:
		return `\propto`
	case Implies:
		return `\Rightarrow`
	case Start:
		return ""
	}
	return "="
}

// LaTeX writes the derivation back as a feedback sheet, a whole document:
// each line typeset, marked with a tick or a cross, and a note for each
// step that does not simply hold (verdict, counterexample, hint).
func (r *Report) LaTeX() string {
	var b strings.Builder
	b.WriteString("\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\usepackage{xcolor}\n\\usepackage[margin=2cm]{geometry}\n\\begin{document}\n")
	b.WriteString("\\section*{Derivation check}\n\\begin{align*}\n")
	for i, l := range r.Lines {
		var math string
		_, isHead := r.Defines[l.Pos.Line]
		switch {
		case r.Terms[i] != nil:
			math = latex.Expr(r.Terms[i])
		case isHead:
			math = `\text{` + texText(strings.TrimSpace(l.Text)) + `}`
		default:
			math = `\text{\color{red}(line ` + fmt.Sprint(l.Pos.Line) + ` does not read)}`
		}
		mark := ""
		if k := r.StepOf[i]; k >= 0 {
			s := r.Steps[k]
			switch s.Verdict {
			case equiv.Holds:
				mark = `\textcolor{green!50!black}{\checkmark}`
			case equiv.HoldsUnder:
				mark = `\textcolor{orange}{\checkmark\ \text{if ` + texText(strings.Join(s.Conditions, ", ")) + `}}`
			case equiv.Fails:
				mark = `\textcolor{red}{\times\ \text{line ` + fmt.Sprint(s.Line) + `: not equal}}`
			default:
				mark = `\textcolor{gray}{?\ \text{undecided}}`
			}
		}
		sep := ` \\`
		if i == len(r.Lines)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "  %s\\; & %s && %s%s\n", l.Rel.texSign(), math, mark, sep)
	}
	b.WriteString("\\end{align*}\n")
	notes := false
	for _, s := range r.Steps {
		if s.Verdict == equiv.Holds {
			continue
		}
		if !notes {
			b.WriteString("\\begin{itemize}\n")
			notes = true
		}
		fmt.Fprintf(&b, "\\item Line %d: %s", s.Line, texText(s.Verdict.String()))
		if len(s.Conditions) > 0 {
			fmt.Fprintf(&b, " where %s", texText(strings.Join(s.Conditions, ", ")))
		}
		if s.Counterexample != nil {
			fmt.Fprintf(&b, "; counterexample %s", texText(s.Counterexample.String()))
		}
		if s.Expected != "" {
			fmt.Fprintf(&b, "; the engine gets %s", texText(s.Expected))
		}
		if s.Hint != "" {
			fmt.Fprintf(&b, ". \\textbf{Hint:} %s", texText(s.Hint))
		} else if s.Verdict != equiv.HoldsUnder {
			fmt.Fprintf(&b, " (%s)", texText(s.Reason))
		}
		b.WriteString(".\n")
	}
	if notes {
		b.WriteString("\\end{itemize}\n")
	}
	fmt.Fprintf(&b, "\\noindent Verdict: %s", texText(r.Verdict().String()))
	if r.FirstWrong >= 0 {
		fmt.Fprintf(&b, "; first wrong step at line %d", r.Steps[r.FirstWrong].Line)
	}
	b.WriteString(".\n\\end{document}\n")
	return b.String()
}

// texText escapes s for LaTeX text (and \text{} in math).
func texText(s string) string {
	return texEscaper.Replace(s)
}

var texEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`, `{`, `\{`, `}`, `\}`, `$`, `\$`, `&`, `\&`, `#`, `\#`,
	`%`, `\%`, `_`, `\_`, `^`, `\^{}`, `~`, `\~{}`, `<`, `\textless{}`, `>`, `\textgreater{}`, `|`, `\textbar{}`,
)
