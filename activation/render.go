package activation

import (
	"context"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/plot"
)

// Title is the activation as given: name(x) = definition, parameters.
func (s *Spec) Title() string {
	body := expr.Plain(s.Definition)
	if s.Def != nil && s.Def.Cases != nil {
		body = s.Def.CasesPlain()
	}
	t := s.Name + "(" + s.Var.Name() + ") = " + body
	for _, p := range s.Params {
		t += ", " + p.Name + " = " + expr.Plain(p.Value)
	}
	return t
}

// TitleTeX is Title in LaTeX, a formula without its $.
func (s *Spec) TitleTeX(m *budget.Meter) string {
	v := latex.Expr(s.Var, latex.WithBudget(m))
	body := latex.Expr(s.Definition, latex.WithLayout(s.Layout), latex.Written(true), latex.WithBudget(m))
	if s.Def != nil && s.Def.Cases != nil {
		body = s.Def.CasesTeX()
	}
	t := latex.OperatorName(s.Name) + `(` + v + `) = ` + body
	for _, p := range s.Params {
		t += `,\quad ` + latex.Expr(expr.Sym(p.Name), latex.WithBudget(m)) + " = " + latex.Expr(p.Value, latex.WithBudget(m))
	}
	return t
}

// Text renders the analysis as plain text: the properties, then the
// discussion, each point with the property it follows from.
func (a *Analysis) Text() string {
	var b strings.Builder
	b.WriteString("activation " + a.Spec.Title() + "\n\n")
	for _, p := range a.Properties() {
		b.WriteString(pad(p.Name+":", 15) + p.Text + "\n")
	}
	for _, kind := range []string{"advantage", "drawback", "remark"} {
		first := true
		for _, p := range a.Discuss() {
			if p.Kind != kind {
				continue
			}
			if first {
				b.WriteString("\n" + heading[kind] + ":\n")
				first = false
			}
			b.WriteString("  " + mark[kind] + " " + p.Text + " (from: " + p.From + ")\n")
		}
	}
	return b.String()
}

var heading = map[string]string{"advantage": "Advantages", "drawback": "Drawbacks", "remark": "Remarks"}
var mark = map[string]string{"advantage": "+", "drawback": "-", "remark": "*"}

func pad(s string, n int) string {
	for len([]rune(s)) < n {
		s += " "
	}
	return s
}

// propTeX names the properties in LaTeX.
var propTeX = map[string]string{
	PropLimitsF:  `limits of $f$`,
	PropLimitsD:  `limits of $f'$`,
	PropMaxSlope: `largest $|f'|$`,
}

// PropTeX is a property's name in LaTeX.
func PropTeX(name string) string {
	if t, ok := propTeX[name]; ok {
		return t
	}
	return name
}

// TableTeX is the properties as a LaTeX table, wrapped to the text width.
func (a *Analysis) TableTeX() string {
	var b strings.Builder
	b.WriteString("\\begin{center}\n\\begin{tabular}{@{}l p{0.7\\linewidth}@{}}\n\\hline\n")
	for _, p := range a.Properties() {
		if p.Name == PropDerivative {
			continue // displayed above the table
		}
		b.WriteString(PropTeX(p.Name) + " & " + p.TeX + " \\\\\n")
	}
	b.WriteString("\\hline\n\\end{tabular}\n\\end{center}\n")
	return b.String()
}

// DiscussionTeX is the discussion as a LaTeX list.
func (a *Analysis) DiscussionTeX() string {
	var b strings.Builder
	b.WriteString("\\begin{itemize}\n")
	for _, kind := range []string{"advantage", "drawback", "remark"} {
		for _, p := range a.Discuss() {
			if p.Kind == kind {
				b.WriteString("\\item \\textbf{" + heading[kind][:len(heading[kind])-1] + "} (from the " + PropTeX(p.From) + "). " + p.TeX + "\n")
			}
		}
	}
	b.WriteString("\\end{itemize}\n")
	return b.String()
}

// PlotTeX draws f and f' over [-4, 4] with package plot, the legend
// writing f' as the analysis does (the same function as plot's own
// derivative, which the last textbook step only rewrites).
func (a *Analysis) PlotTeX(ctx context.Context) (string, error) {
	fig, err := plot.New(ctx, a.Spec.F, a.Spec.Var, -4, 4, plot.Options{Derivative: true})
	if err != nil {
		return "", err
	}
	cases := a.Spec.Def != nil && a.Spec.Def.Cases != nil
	for i := range fig.Curves {
		c := &fig.Curves[i]
		if c.Derivative {
			c.Expr = a.Derivative
		}
		// A function by cases is named: its one formula in min, max and
		// steps is the engine's, not the reader's.
		if cases {
			name := latex.OperatorName(a.Spec.Name)
			if c.Derivative {
				name += "'"
			}
			c.Label = name + "(" + latex.Expr(a.Spec.Var) + ")"
		}
	}
	return fig.TeX(budget.From(ctx))
}

// LaTeX is the analysis as a LaTeX fragment: the definition, derivation
// rows (for latex.Align, or a \[...\] display of the result when there
// are none) given by the caller, the table, the discussion and the
// plot. A document showing it loads amsmath and pgfplots.
func (a *Analysis) LaTeX(ctx context.Context, derivation string) (string, error) {
	m := budget.From(ctx)
	var b strings.Builder
	b.WriteString("The activation\n\\[\n" + a.Spec.TitleTeX(m) + "\n\\]\n")
	switch {
	case a.Spec.Def != nil && a.Spec.Def.Cases != nil:
		b.WriteString("(in the engine's terms, one formula whose pieces switch with $\\min$, $\\max$ and steps")
		if len(a.Spec.Params) > 0 {
			b.WriteString(", the parameters' values put in")
		}
		b.WriteString(", $f(" + latex.Expr(a.Spec.Var) + ") = " + latex.Expr(a.Spec.F, latex.WithBudget(m)) + "$). ")
	case len(a.Spec.Params) > 0:
		b.WriteString("(with the parameters' values put in, $f(" + latex.Expr(a.Spec.Var) + ") = " + latex.Expr(a.Spec.F, latex.WithLayout(a.Derivation.Layout), latex.WithBudget(m)) + "$). ")
	}
	b.WriteString("Its derivative:\n")
	b.WriteString(derivation)
	b.WriteString("\\[\nf'(" + latex.Expr(a.Spec.Var) + ") = " + latex.Expr(a.Derivative, latex.WithLayout(a.Derivation.Layout), latex.WithBudget(m)) + "\n\\]\n")
	if a.Pieces != nil {
		b.WriteString("Piece by piece, each case derived on its own (at the ends of the pieces, the table gives the one-sided derivatives):\n\\[\nf'(" + latex.Expr(a.Spec.Var) + ") = " + a.PiecesTeX() + "\n\\]\n")
	}
	if a.ShiftBelow != nil {
		var w words
		w.say("Below the kink, ")
		a.shiftWords(&w)
		w.say(" (checked exactly at rational points).\n")
		b.WriteString(w.tex)
	}
	b.WriteString("The properties the engine derives (limits exactly, by the leading terms of an asymptotic expansion, or else numerically, and then marked so; kinks where a piecewise argument vanishes, with one-sided limits there; dead units by exact evaluation of $f'$ at rational points):\n")
	b.WriteString(a.TableTeX())
	pic, err := a.PlotTeX(ctx)
	if err != nil {
		return "", err
	}
	b.WriteString("\\begin{center}\n" + pic + "\\end{center}\n")
	b.WriteString("What follows from them:\n")
	b.WriteString(a.DiscussionTeX())
	return b.String(), m.Err()
}

// DerivationTeX is the derivation of f' as an align* of steps, broken to
// width glyphs, as a diff problem renders it, with the textbook's last
// step when there is one (textbook).
func (a *Analysis) DerivationTeX(ctx context.Context, width float64) (string, error) {
	d := a.Derivation
	lines, err := d.Lines(ctx)
	if err != nil {
		return "", err
	}
	if a.textbook != nil {
		lines = append(lines, derive.Line{State: a.textbook.After, Steps: []expr.Step{*a.textbook}})
	}
	if len(lines) == 0 {
		return "", nil
	}
	given := make([]latex.Row, len(lines))
	for i, l := range lines {
		given[i] = latex.Row{State: l.State, Steps: l.Steps}
	}
	m := budget.From(ctx)
	names := latex.Abbreviated(d.Names(lines, false))
	rows := latex.Rows(d.Start, given, names, latex.WithLayout(d.Layout.Following(derive.StepsOf(lines))), latex.Written(true), latex.LineWidth(width), latex.WithBudget(m))
	return latex.Align(rows), m.Err()
}
