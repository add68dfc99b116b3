package solve

import (
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/tensor"
)

// The helpers here keep rows of tensors on the page: align* and \[...\]
// do not break, so a row is laid out to fit before it is written.

// fitRow is the align* row lhs &= parts[0] = parts[1] = ..., with tail
// (a justification column) after it: on one row when it fits the line,
// else one part a row, continuing at the =, the tail on the first. A
// middle part wider than the line alone (the numbers put in, written
// out) is left out: the formula before it and the value after it say
// the same.
// A part that starts with \approx brings its own relation.
func fitRow(lhs string, parts []string, tail string) string {
	rel := func(p string) string {
		if strings.HasPrefix(p, `\approx`) {
			return " "
		}
		return " = "
	}
	one := func(ps []string, sep string) string {
		var b strings.Builder
		for i, p := range ps {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(strings.TrimSpace(rel(p)) + " " + p)
		}
		return b.String()
	}
	line := lhs + " &" + one(parts, " ") + tail
	if latex.Width(line) <= handoutLineWidth || len(parts) < 2 {
		return line
	}
	kept := []string{parts[0]}
	for i, p := range parts[1:] {
		if i+1 < len(parts)-1 && latex.Width(p) > handoutLineWidth-latex.Width(lhs) {
			continue
		}
		kept = append(kept, p)
	}
	return lhs + " &" + one(kept[:1], "") + tail + `\\*` + "\n&" + one(kept[1:], `\\*`+"\n&")
}

// sideBySide writes displayed boxes on one row, separated by \qquad, when
// they fit the line together, else one a row.
func sideBySide(boxes []string) string {
	total := 0.0
	for _, b := range boxes {
		total += latex.Width(b) + 4
	}
	if total <= handoutLineWidth || len(boxes) < 2 {
		return "\\[\n" + strings.Join(boxes, ",\\qquad ") + "\n\\]\n"
	}
	return "\\begin{gather*}\n" + strings.Join(boxes, `\\`+"\n") + "\n\\end{gather*}\n"
}

// tensorFit writes t exactly when it fits in room glyphs; else, when its
// entries have decimal values, as those to the given precision, and
// reports that it did (the row then says \approx).
func tensorFit(t tensor.Tensor, room float64, precision int, opts ...latex.Option) (string, bool) {
	exact := latex.Tensor(t, opts...)
	if latex.Width(exact) <= room || t.Rank() > 2 {
		return exact, false
	}
	entries := t.Entries()
	cells := make([]string, len(entries))
	for i, x := range entries {
		v, err := expr.Eval(x, expr.Env{})
		if err != nil {
			return exact, false
		}
		cells[i] = formatDecimal(v, precision)
	}
	shape := t.Shape()
	if len(shape) == 0 {
		return cells[0], true
	}
	cols := 1
	if len(shape) == 2 {
		cols = shape[1]
	}
	var rows []string
	for i := 0; i < len(cells); i += cols {
		rows = append(rows, strings.Join(cells[i:i+cols], " & "))
	}
	return `\begin{bmatrix} ` + strings.Join(rows, ` \\ `) + ` \end{bmatrix}`, true
}
