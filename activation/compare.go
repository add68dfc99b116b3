package activation

import (
	"math"
	"strings"

	"github.com/derivtex/derivtex/latex"
)

// A comparison sets several analyses side by side: one row per property,
// one column per activation, each cell the property in a few symbols,
// and the number of advantages and drawbacks the discussion derived.

// cell is a property of one analysis in a few symbols, plain and LaTeX.
type cell struct{ text, tex string }

func limitCell(l Limit) cell {
	var w words
	limitWords(&w, l)
	return cell{w.text, w.tex}
}

// compareRows are the rows of the comparison, each its name (plain,
// LaTeX) and its cell of an analysis.
var compareRows = []struct {
	name, tex string
	cell      func(a *Analysis) cell
}{
	{"f(-∞), f(+∞)", `$f(-\infty)$, $f(+\infty)$`, func(a *Analysis) cell {
		l, r := limitCell(a.FMinus), limitCell(a.FPlus)
		return cell{l.text + ", " + r.text, l.tex + ", " + r.tex}
	}},
	{"f'(-∞), f'(+∞)", `$f'(-\infty)$, $f'(+\infty)$`, func(a *Analysis) cell {
		l, r := limitCell(a.DMinus), limitCell(a.DPlus)
		return cell{l.text + ", " + r.text, l.tex + ", " + r.tex}
	}},
	{"largest |f'|", `largest $|f'|$`, func(a *Analysis) cell {
		if math.IsInf(a.MaxSlope.Value, 1) {
			return cell{"∞", `$\infty$`}
		}
		var w words
		w.num(a.MaxSlope.Value, exactOf(a.MaxSlope))
		return cell{w.text, w.tex}
	}},
	{"range", "range", func(a *Analysis) cell {
		var w words
		a.rangeWords(&w)
		return cell{w.text, w.tex}
	}},
	{"zero-centred", "zero-centred", func(a *Analysis) cell {
		switch {
		case a.Odd:
			return cell{"yes", "yes"}
		case a.Negative && a.Positive:
			return cell{"partly", "partly"}
		}
		return cell{"no", "no"}
	}},
	{"kinks", "kinks", func(a *Analysis) cell {
		if len(a.Kinks) == 0 {
			return cell{"none", "none"}
		}
		var w words
		for i, k := range a.Kinks {
			if i > 0 {
				w.say(", ")
			}
			point(&w, k.At)
			switch {
			case !k.Continuous:
				w.say(" jump")
			case k.Differentiable():
				w.say(" smooth")
			default:
				w.say(" corner")
			}
		}
		return cell{w.text, w.tex}
	}},
	{"dead units", "dead units", func(a *Analysis) cell {
		if len(a.Dead) == 0 {
			return cell{"none", "none"}
		}
		var w words
		for i, h := range a.Dead {
			if i > 0 {
				w.say(", ")
			}
			w.math(h.plain(), h.tex())
		}
		return cell{w.text, w.tex}
	}},
	{"monotone", "monotone", func(a *Analysis) cell {
		if a.Monotone == "not monotone" {
			return cell{"no", "no"}
		}
		return cell{"yes", "yes"}
	}},
	{"exp/log in f, f'", `exp/log in $f$, $f'$`, func(a *Analysis) cell {
		s := itoa(a.Cost.F) + ", " + itoa(a.Cost.D)
		return cell{s, s}
	}},
	{"advantages", "advantages", func(a *Analysis) cell { return count(a, "advantage") }},
	{"drawbacks", "drawbacks", func(a *Analysis) cell { return count(a, "drawback") }},
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return "many"
}

func count(a *Analysis, kind string) cell {
	n := 0
	for _, p := range a.Discuss() {
		if p.Kind == kind {
			n++
		}
	}
	return cell{itoa(n), itoa(n)}
}

// CompareTeX is the comparison of the analyses as a LaTeX table.
func CompareTeX(as []*Analysis) string {
	var b strings.Builder
	b.WriteString("\\begin{center}\n\\small\n\\begin{tabular}{@{}l" + strings.Repeat("l", len(as)) + "@{}}\n\\hline\n")
	for _, a := range as {
		b.WriteString(" & $" + latex.OperatorName(a.Spec.Name) + "$")
	}
	b.WriteString(" \\\\\n\\hline\n")
	for _, r := range compareRows {
		b.WriteString(r.tex)
		for _, a := range as {
			b.WriteString(" & " + r.cell(a).tex)
		}
		b.WriteString(" \\\\\n")
	}
	b.WriteString("\\hline\n\\end{tabular}\n\\end{center}\n")
	return b.String()
}

// CompareText is the comparison as plain text, in columns.
func CompareText(as []*Analysis) string {
	rows := [][]string{{""}}
	for _, a := range as {
		rows[0] = append(rows[0], a.Spec.Name)
	}
	for _, r := range compareRows {
		row := []string{r.name}
		for _, a := range as {
			row = append(row, r.cell(a).text)
		}
		rows = append(rows, row)
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, c := range row {
			if i < len(row)-1 {
				c = pad(c, widths[i]+2)
			}
			b.WriteString(c)
		}
		b.WriteString("\n")
	}
	return b.String()
}
