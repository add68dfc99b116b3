package plot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
)

// Preamble is what a document needs to typeset TeX's pictures: pgfplots
// (Debian's texlive-pictures), at a compatibility level every TeX Live
// since 2018 has.
const Preamble = "\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n"

// The figure's size; aspect is its width over its height.
const (
	widthCm  = 10
	heightCm = 6.5
	aspect   = widthCm / heightCm
)

// maxLegendWidth is the widest expression (in glyphs, latex.Width) the
// legend writes out; a longer one is named f(x) alone.
const maxLegendWidth = 36

// TeX samples f (and its derivative, if opts asks) over [from, to] as New
// does and returns the figure as a tikzpicture for a document whose
// preamble has Preamble.
func TeX(ctx context.Context, f expr.Expr, v *expr.Symbol, from, to float64, opts Options) (string, error) {
	fig, err := New(ctx, f, v, from, to, opts)
	if err != nil {
		return "", err
	}
	return fig.TeX(budget.From(ctx))
}

// TeX typesets the figure as a pgfplots axis in a tikzpicture. Every name
// and expression in it is written by package latex, so nothing of the
// user's input reaches TeX as it was typed. The output is charged to m.
func (fig *Figure) TeX(m *budget.Meter) (string, error) {
	var b strings.Builder
	x := latex.Expr(fig.Var, latex.WithBudget(m))
	b.WriteString("\\begin{tikzpicture}\n\\begin{axis}[\n")
	fmt.Fprintf(&b, "  width=%gcm, height=%gcm,\n", float64(widthCm), float64(heightCm))
	fmt.Fprintf(&b, "  xmin=%s, xmax=%s, ymin=%s, ymax=%s,\n", num(fig.From), num(fig.To), num(fig.YMin), num(fig.YMax))
	b.WriteString("  axis lines=left, grid=major, grid style={gray!25},\n")
	b.WriteString("  tick label style={font=\\small}, label style={font=\\small},\n")
	fmt.Fprintf(&b, "  xlabel={$%s$},\n", x)
	b.WriteString("  unbounded coords=jump, no markers,\n")
	b.WriteString("  legend cell align=left, legend style={font=\\small, draw=none, fill=none, at={(0.5,1.03)}, anchor=south, legend columns=-1, /tikz/every even column/.append style={column sep=1em}},\n")
	b.WriteString("]\n")
	// y = 0 as a thin line, when it is in view: the sign of a derivative
	// is read against it.
	if fig.YMin < 0 && fig.YMax > 0 {
		fmt.Fprintf(&b, "\\draw[gray!60] (axis cs:%s,0) -- (axis cs:%s,0);\n", num(fig.From), num(fig.To))
	}
	for _, c := range fig.Curves {
		style := "blue!70!black, thick"
		if c.Derivative {
			style = "red!75!black, thick, densely dashed"
		}
		fmt.Fprintf(&b, "\\addplot[%s] coordinates {", style)
		for k, path := range c.Paths {
			if k > 0 {
				// A coordinate pgfplots cannot draw ends the path
				// (unbounded coords=jump).
				fmt.Fprintf(&b, "\n  (%s,nan)", num(path[0].X))
			}
			for i, p := range path {
				if i%6 == 0 {
					b.WriteString("\n ")
				}
				fmt.Fprintf(&b, " (%s,%s)", num(p.X), num(p.Y))
			}
		}
		b.WriteString("\n};\n")
		fmt.Fprintf(&b, "\\addlegendentry{%s}\n", legend(c, x, m))
		if !m.Output(b.Len()) {
			return "", m.Err()
		}
	}
	b.WriteString("\\end{axis}\n\\end{tikzpicture}\n")
	return b.String(), m.Err()
}

// legend is a curve's entry: $f(x) = ...$, or $f(x)$ alone when the
// expression is too wide for the space above the axis.
func legend(c Curve, x string, m *budget.Meter) string {
	if c.Label != "" {
		return "$" + c.Label + "$"
	}
	name := "f(" + x + ")"
	if c.Derivative {
		name = "f'(" + x + ")"
	}
	body := latex.Expr(c.Expr, latex.WithBudget(m))
	if latex.Width(body) > maxLegendWidth {
		return "$" + name + "$"
	}
	return "$" + name + " = " + body + "$"
}

// num writes a coordinate as pgfplots reads it: six significant digits,
// which is finer than the figure's resolution.
func num(v float64) string {
	if v == 0 {
		return "0" // not -0
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// Document is a whole LaTeX document holding the figure's TeX alone on
// its page, for a PDF of the plot.
func Document(figure string) string {
	return "\\documentclass{article}\n\\usepackage{lmodern}\n\\usepackage[T1]{fontenc}\n\\usepackage{amsmath}\n" + Preamble +
		"\\pagestyle{empty}\n\\begin{document}\n\\begin{center}\n" + figure + "\\end{center}\n\\end{document}\n"
}
