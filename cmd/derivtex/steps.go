package main

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
)

// plainDerivation writes a derivation as a reader follows it in a
// terminal: the start, then each line as "= state", with the rules that
// made it in a column to the right, and the large subterms the lines share
// named and defined at the end, as the handout does (with cse, the parts
// a person would name).
//
//	diff(x*sin(x), x)
//	  = x*diff(sin(x), x) + sin(x)*diff(x, x)   product rule
//	  = x*cos(x) + sin(x)                        derivative of sin, ...
func plainDerivation(ctx context.Context, d *derive.Derivation, cse bool) (string, error) {
	lines, err := d.Lines(ctx)
	if err != nil {
		return "", err
	}
	m := budget.From(ctx)
	names := d.Names(lines, cse)
	states := make([]string, len(lines))
	width := 0
	for i, l := range lines {
		states[i] = "  = " + expr.PlainNamed(l.State, names, m)
		width = max(width, utf8.RuneCountInString(states[i]))
	}
	var b strings.Builder
	b.WriteString(expr.PlainNamed(d.Start, names, m))
	for i, l := range lines {
		b.WriteString("\n" + states[i])
		b.WriteString(strings.Repeat(" ", width-utf8.RuneCountInString(states[i])+3))
		b.WriteString(titles(l.Steps))
	}
	if names.Len() > 0 {
		b.WriteString("\nwhere")
		for _, x := range names.Named() {
			name, _ := names.Of(x)
			b.WriteString("\n  " + name + " = " + expr.PlainDefinition(x, names, m))
		}
	}
	return b.String(), m.Err()
}

// titles lists the distinct rules of a line's steps, with their notes.
func titles(steps []expr.Step) string {
	var out []string
	seen := map[string]bool{}
	for _, s := range steps {
		if t := s.Justification(); !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return strings.Join(out, ", ")
}
