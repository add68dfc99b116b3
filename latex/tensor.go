package latex

import (
	"strings"

	"github.com/derivtex/derivtex/tensor"
)

// Tensor writes a value as a reader of the exam expects it: a number as
// itself, a vector as a column, a row (the transpose of a vector, 1 x n)
// and a matrix as bmatrix. Higher ranks are written as nested rows,
// [[...], [...]], in math. Each entry is written by Expr with opts.
func Tensor(t tensor.Tensor, opts ...Option) string {
	shape := t.Shape()
	entries := t.Entries()
	switch len(shape) {
	case 0:
		return Expr(entries[0], opts...)
	case 1:
		rows := make([]string, len(entries))
		for i, x := range entries {
			rows[i] = Expr(x, opts...)
		}
		return `\begin{bmatrix} ` + strings.Join(rows, ` \\ `) + ` \end{bmatrix}`
	case 2:
		var rows []string
		for i := range shape[0] {
			cells := make([]string, shape[1])
			for j := range shape[1] {
				cells[j] = Expr(entries[i*shape[1]+j], opts...)
			}
			rows = append(rows, strings.Join(cells, " & "))
		}
		return `\begin{bmatrix} ` + strings.Join(rows, ` \\ `) + ` \end{bmatrix}`
	}
	return `\texttt{` + escapeText(t.String()) + `}`
}
