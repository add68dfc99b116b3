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
//
// Written through an inner function (mode), the definition of its name
// comes first under "where".
func plainDerivation(ctx context.Context, d *derive.Derivation, cse bool, mode derive.SubstMode) (string, error) {
	lines, sub, err := d.Presented(ctx, mode)
	if err != nil {
		return "", err
	}
	m := budget.From(ctx)
	layout := d.LayoutOf(sub).Following(derive.StepsOf(lines))
	names := d.Names(lines, cse)
	rows := make([][2]string, 0, len(lines)+1)
	// The input as the author wrote it, then the constructors' rewrite
	// of it, when there is one, as a step of its own.
	if t, ok := layout.Rewrite(d.Start); ok {
		rows = append(rows, [2]string{"  = " + expr.PlainLayout(d.Start, layout, false, names, m), strings.Join(t, ", ")})
	}
	for _, l := range lines {
		rows = append(rows, [2]string{"  = " + expr.PlainLayout(l.State, layout, false, names, m), titles(l.Steps)})
	}
	var b strings.Builder
	b.WriteString(expr.PlainLayout(d.Start, layout, true, names, m) + "\n")
	writeAligned(&b, rows, 3)
	defs := definitions(names, func(x expr.Expr) string { return expr.PlainLayoutDefinition(x, layout, names, m) }, nil)
	if sub != nil {
		let := "  " + sub.Name.Name() + " = " + expr.PlainLayout(sub.Inner, layout, false, nil, m) + "\n" // in full, in the lines' order: it is what z names
		if defs == "" {
			defs = "where\n" + let
		} else {
			defs = "where\n" + let + strings.TrimPrefix(defs, "where\n")
		}
	}
	b.WriteString(defs)
	return strings.TrimSuffix(b.String(), "\n"), m.Err()
}

// plainSteps writes a simplification as a reader follows it: the start,
// then "= state" after each rewrite, with the rule that made it.
// With a layout (see expr.Layout), it starts from the input as written
// and keeps the author's order.
func plainSteps(start expr.Expr, l *expr.Layout, steps []expr.Step, m *budget.Meter) (string, error) {
	states := expr.Replay(start, steps)
	rows := make([][2]string, 0, len(states)+1)
	if t, ok := l.Rewrite(start); ok {
		rows = append(rows, [2]string{"  = " + expr.PlainLayout(start, l, false, nil, m), strings.Join(t, ", ")})
	}
	for i, st := range states {
		rows = append(rows, [2]string{"  = " + expr.PlainLayout(st, l, false, nil, m), steps[i].Justification() + " [" + steps[i].Rule.Name + "]"})
	}
	var b strings.Builder
	b.WriteString(expr.PlainLayout(start, l, true, nil, m) + "\n")
	writeAligned(&b, rows, 3)
	return strings.TrimSuffix(b.String(), "\n"), m.Err()
}

// writeAligned writes rows of two columns, one per line, the second
// column lined up gap spaces past the widest first one (in characters,
// so that non-ASCII names keep it straight).
func writeAligned(b *strings.Builder, rows [][2]string, gap int) {
	width := 0
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r[0]))
	}
	for _, r := range rows {
		b.WriteString(r[0] + strings.Repeat(" ", width-utf8.RuneCountInString(r[0])+gap) + r[1] + "\n")
	}
}

// definitions writes "where" and each name's definition on a line of its
// own, "\n  u1 = ...", innermost first; nothing when nothing is named.
// name writes a name (nil: as it is), define a named subterm.
func definitions(names *expr.Names, define func(expr.Expr) string, name func(string) string) string {
	if names.Len() == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("where\n")
	for _, x := range names.Named() {
		n, _ := names.Of(x)
		if name != nil {
			n = name(n)
		}
		b.WriteString("  " + n + " = " + define(x) + "\n")
	}
	return b.String()
}

// titles is the justification of a line (expr.Titles).
func titles(steps []expr.Step) string {
	return strings.Join(expr.Titles(steps), ", ")
}
