package curves

import (
	"fmt"
	"math"
	"strings"
)

// Source describes where the curves came from: the file, its format and
// tool, its rows and step column.
func (r *Report) Source() string {
	l := r.Log
	what := l.Format
	if l.Tool != "" {
		what = l.Tool + " " + what
	}
	x := "row number"
	if l.XName != "" {
		x = l.XName
	}
	return fmt.Sprintf("%s: %s, %d rows, steps from %s", l.File, what, l.Rows, x)
}

// featureRows are the features of a curve as (name, value) pairs, in the
// order the text and the LaTeX table give them.
func (c *Curve) featureRows() [][2]string {
	f := &c.Features
	rows := [][2]string{{"values", fmt.Sprint(f.Points)}}
	if f.NonFinite > 0 {
		rows = append(rows, [2]string{"NaN or infinite", fmt.Sprintf("%d, first at step %s", f.NonFinite, num(f.FirstNonFinite))})
	}
	if c.data == nil {
		return rows
	}
	scale := "log loss"
	if !f.LogScale {
		scale = "loss / its 5-95% range"
	}
	spikes := "none"
	if len(f.Spikes) > 0 {
		var at []string
		for i, s := range f.Spikes {
			if i == 5 {
				at = append(at, "...")
				break
			}
			at = append(at, fmt.Sprintf("%sx at %s", num(s.Ratio), num(s.Step)))
		}
		spikes = fmt.Sprintf("%d: %s", len(f.Spikes), strings.Join(at, ", "))
	}
	return append(rows,
		[2]string{"start, end (smoothed)", num(f.Start) + ", " + num(f.End)},
		[2]string{"lowest", fmt.Sprintf("%s at step %s", num(f.Min), num(f.MinStep))},
		[2]string{"drop at best", pct(f.Drop)},
		[2]string{"trend (" + scale + " per run)", fmt.Sprintf("%+.3f, last quarter %+.3f", f.Trend, f.LateTrend)},
		[2]string{"noise (relative)", pct(f.Noise)},
		[2]string{"wander (beyond noise " + fmt.Sprintf("%.3f", f.BinNoise) + ")", fmt.Sprintf("%.3f", f.Wander)},
		[2]string{"rise above lowest", pct(f.Rise)},
		[2]string{"straightness R^2, late/early slope", fmt.Sprintf("%.3f, %.2f", f.Linearity, f.LateOverEarly)},
		[2]string{"plateau", fmt.Sprintf("%s from step %s (%s of the run)", num(f.Plateau.Height), num(f.Plateau.From), pct(f.Plateau.Length))},
		[2]string{"spikes", spikes},
	)
}

// pairRows are the pair's features as (name, value) pairs.
func (p *Pair) pairRows() [][2]string {
	return [][2]string{
		{"validation / training", fmt.Sprintf("%.2f at the start, %.2f at the end, %.2f over the run", p.GapStart, p.GapEnd, p.Gap)},
		{"validation minimum", fmt.Sprintf("%s at step %s", num(p.ValMin), num(p.ValMinStep))},
		{"validation rise after it", pct(p.ValRise)},
		{"training fall after it", pct(p.TrainAfter)},
	}
}

// Text renders the report as plain text.
func (r *Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", r.Source())
	for _, c := range r.Curves {
		fmt.Fprintf(&b, "\n%s (%s)\n", c.Name, c.Role)
		for _, row := range c.featureRows() {
			fmt.Fprintf(&b, "  %-38s %s\n", row[0], row[1])
		}
	}
	if p := r.Pair; p != nil {
		fmt.Fprintf(&b, "\n%s against %s\n", p.Validation, p.Train)
		for _, row := range p.pairRows() {
			fmt.Fprintf(&b, "  %-38s %s\n", row[0], row[1])
		}
	}
	for _, d := range r.Diagnoses {
		on := ""
		if d.Curve != "" {
			on = " (" + d.Curve + ")"
		}
		fmt.Fprintf(&b, "\ndiagnosis: %s%s\n  %s\n  try:\n", d.Kind.Title(), on, d.Evidence)
		for _, fix := range d.Kind.Fixes() {
			fmt.Fprintf(&b, "  - %s\n", fix)
		}
	}
	return b.String()
}

// LaTeX renders the report as a fragment: a table of each curve's
// features, the diagnoses with their fixes, and a pgfplots plot of the
// smoothed curves marking the early-stopping point and the divergence
// (it needs \usepackage{pgfplots}).
func (r *Report) LaTeX() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%% derivtex curves: %s\n%% needs \\usepackage{pgfplots}\n", tex(r.Source()))
	b.WriteString(r.Plot())
	for _, c := range r.Curves {
		fmt.Fprintf(&b, "\\begin{tabular}{ll}\n\\multicolumn{2}{l}{\\textbf{%s} (%s)}\\\\\n\\hline\n", tex(c.Name), c.Role)
		for _, row := range c.featureRows() {
			fmt.Fprintf(&b, "%s & %s\\\\\n", tex(row[0]), tex(row[1]))
		}
		b.WriteString("\\end{tabular}\n\\medskip\n\n")
	}
	if p := r.Pair; p != nil {
		fmt.Fprintf(&b, "\\begin{tabular}{ll}\n\\multicolumn{2}{l}{\\textbf{%s} against \\textbf{%s}}\\\\\n\\hline\n", tex(p.Validation), tex(p.Train))
		for _, row := range p.pairRows() {
			fmt.Fprintf(&b, "%s & %s\\\\\n", tex(row[0]), tex(row[1]))
		}
		b.WriteString("\\end{tabular}\n\\medskip\n\n")
	}
	for _, d := range r.Diagnoses {
		on := ""
		if d.Curve != "" {
			on = " (" + tex(d.Curve) + ")"
		}
		fmt.Fprintf(&b, "\\paragraph{Diagnosis: %s%s} %s\n\\begin{itemize}\n", tex(d.Kind.Title()), on, tex(d.Evidence))
		for _, fix := range d.Kind.Fixes() {
			fmt.Fprintf(&b, "\\item %s\n", tex(fix))
		}
		b.WriteString("\\end{itemize}\n")
	}
	return b.String()
}

// Plot is the pgfplots picture of the smoothed curves, annotated with the
// early-stopping point and the divergence, or "" when no curve has
// enough points. It needs \usepackage{pgfplots}.
func (r *Report) Plot() string {
	var b strings.Builder
	logY := true
	drawn := 0
	for _, c := range r.Curves {
		if len(c.Smooth) > 0 {
			drawn++
			logY = logY && c.Features.LogScale
		}
	}
	if drawn == 0 {
		return ""
	}
	axis := "axis"
	if logY {
		axis = "semilogyaxis"
	}
	xlabel := "row"
	if r.Log.XName != "" {
		xlabel = r.Log.XName
	}
	fmt.Fprintf(&b, "\\begin{tikzpicture}\n\\begin{%s}[width=12cm, height=6cm, xlabel={%s}, ylabel={loss}, legend pos=outer north east]\n", axis, tex(xlabel))
	for _, c := range r.Curves {
		if len(c.Smooth) == 0 {
			continue
		}
		style := "blue"
		if c.Role == Validation {
			style = "red, dashed"
		}
		fmt.Fprintf(&b, "\\addplot[%s, thick] coordinates {", style)
		for _, p := range c.Smooth {
			fmt.Fprintf(&b, " (%.6g,%.6g)", p.X, p.Y)
		}
		fmt.Fprintf(&b, " };\n\\addlegendentry{%s}\n", tex(c.Name))
	}
	for _, d := range r.Diagnoses {
		if !d.HasStep || (d.Kind != Overfit && d.Kind != LRTooHigh) {
			continue
		}
		y, ok := r.valueAt(d)
		if !ok {
			continue
		}
		label := "early stopping"
		if d.Kind == LRTooHigh {
			label = "divergence"
		}
		fmt.Fprintf(&b, "\\addplot[only marks, mark=*, mark size=2.5pt, black] coordinates {(%.6g,%.6g)} node[above right, font=\\small] {%s};\n", d.Step, y, label)
	}
	fmt.Fprintf(&b, "\\end{%s}\n\\end{tikzpicture}\n\n", axis)
	return b.String()
}

// valueAt is the smoothed loss of a diagnosis's curve at its step, where
// the plot marks it.
func (r *Report) valueAt(d Diagnosis) (float64, bool) {
	name := d.Curve
	if i := strings.IndexByte(name, '/'); i >= 0 && r.Pair != nil && d.Curve == r.Pair.Train+"/"+r.Pair.Validation {
		name = r.Pair.Validation
	}
	for _, c := range r.Curves {
		if c.Name != name || len(c.Smooth) == 0 {
			continue
		}
		best := c.Smooth[0]
		for _, p := range c.Smooth {
			if math.Abs(p.X-d.Step) < math.Abs(best.X-d.Step) {
				best = p
			}
		}
		if math.IsNaN(best.Y) || math.IsInf(best.Y, 0) || (c.Features.LogScale && best.Y <= 0) {
			return 0, false
		}
		return best.Y, true
	}
	return 0, false
}

// tex escapes text for LaTeX.
func tex(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '%', '$', '&', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
