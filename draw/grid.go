package draw

import (
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/tensor"
)

// A Window is where a convolution or a pooling reads its input for one
// output entry: the 0-based output position, the window's size, stride,
// zero padding and dilation rate, per axis (rows, columns).
type Window struct {
	Out    [2]int
	Size   [2]int
	Stride [2]int
	Pad    [2]int
	Rate   [2]int
}

// MaxGridCells bounds the grids a figure draws: a larger image is not
// read cell by cell.
const MaxGridCells = 400

// Grid draws a matrix as a grid of cells with its zero padding around it
// (grey zeros), and the cells one window reads outlined and shaded, as a
// teacher draws a strided, padded, dilated convolution on the board: the
// footprint of the dilated kernel at one output position. kernel, when
// not nil, is drawn to the right with its weights. Entries are written by
// latex.Expr.
func Grid(x tensor.Tensor, w Window, kernel *tensor.Tensor, opts ...latex.Option) (string, error) {
	if x.Rank() != 2 {
		return "", diag.Errorf("a grid draws a matrix, not %s", x.Describe())
	}
	sh := x.Shape()
	rows, cols := sh[0]+2*w.Pad[0], sh[1]+2*w.Pad[1]
	if rows*cols > MaxGridCells {
		return "", diag.Errorf("the padded image has %d cells, too many to draw (at most %d)", rows*cols, MaxGridCells)
	}
	read := map[[2]int]bool{}
	for a := range w.Size[0] {
		for b := range w.Size[1] {
			read[[2]int{w.Out[0]*w.Stride[0] + a*w.Rate[0], w.Out[1]*w.Stride[1] + b*w.Rate[1]}] = true
		}
	}
	const cell = 20 // pt
	var b strings.Builder
	b.WriteString(`\begin{tikzpicture}[x=1pt, y=1pt, font=\footnotesize,` + "\n" +
		`  cell/.style={draw=black!40, minimum size=` + fmt.Sprint(cell) + `pt, inner sep=0pt, anchor=north west},` + "\n" +
		`  pad/.style={cell, fill=black!6, text=black!45},` + "\n" +
		`  read/.style={draw=blue!70!black, very thick, fill=blue!12}]` + "\n")
	for i := range rows {
		for j := range cols {
			at := fmt.Sprintf("(%d, %d)", j*cell, -i*cell)
			oi, oj := i-w.Pad[0], j-w.Pad[1]
			inside := oi >= 0 && oi < sh[0] && oj >= 0 && oj < sh[1]
			style, text := "pad", "0"
			if inside {
				style, text = "cell", latex.Expr(x.At(oi+1, oj+1), opts...)
			}
			if read[[2]int{i, j}] {
				style += ", read"
			}
			fmt.Fprintf(&b, "\\node[%s] at %s {$%s$};\n", style, at, text)
		}
	}
	fmt.Fprintf(&b, "\\node[anchor=north west, font=\\scriptsize] at (0, %d) {input with padding %d, window at output (%d, %d)};\n",
		-rows*cell-4, w.Pad[0], w.Out[0]+1, w.Out[1]+1)
	if kernel != nil && kernel.Rank() == 2 {
		ks := kernel.Shape()
		left := cols*cell + 30
		for i := range ks[0] {
			for j := range ks[1] {
				fmt.Fprintf(&b, "\\node[cell, read] at (%d, %d) {$%s$};\n", left+j*cell, -i*cell, latex.Expr(kernel.At(i+1, j+1), opts...))
			}
		}
		fmt.Fprintf(&b, "\\node[anchor=north west, font=\\scriptsize] at (%d, %d) {kernel};\n", left, -ks[0]*cell-4)
	}
	b.WriteString(`\end{tikzpicture}` + "\n")
	return b.String(), nil
}
