// Package draw draws a network's graph: as a TikZ picture for a handout,
// with the labels package latex writes, or for graphviz (DOT), both in
// the layers of one Layout.
package draw

import (
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/tensor"
)

// TikZ draws the graph of a pass as a tikzpicture, for a handout to
// \input: operations as nodes, tensors as wires out of them, each labelled
// with its value above and, in a second colour, the gradient of the loss
// below. A wire that feeds several operations is labelled once, before it
// branches. The layers and their order are LayOut's Layout; this function
// only measures the labels (estimating their size, as Chain does to break
// rows) and turns layers and rows into coordinates.
//
// The picture needs amsmath and tikz with the arrows.meta library, and
// nothing else: no shell escape, no graph drawing library. Every name is
// written by Expr, so a name cannot carry TeX into the picture. A graph
// too large to lay out (MaxDrawnNodes) is an error.
func TikZ(p *network.Pass, opts ...latex.Option) (string, error) {
	d, err := newDrawing(p, opts)
	if err != nil {
		return "", err
	}
	d.measure()
	d.rows()
	d.columns()
	return d.tikz(), nil
}

// Sizes of the picture, in pt, for labels in \footnotesize (8pt).
const (
	glyphPt    = 3.8  // an estimated glyph of width (see width)
	rowPt      = 10.5 // a row of a matrix, or a line of math
	fracRowPt  = 15   // a row with a fraction in it
	nodeHeight = 14   // an operation's box
	nodeMinW   = 14
	labelGap   = 1.5 // between a wire and its labels
	rowGap     = 5   // between the extents of two places above each other
	zonePad    = 10  // around the labels on a wire
	fracLeadPt = 2   // between the rows of a matrix with fractions, which would touch
	bendPt     = 18  // the gap between layers in which wires bend
	slantPt    = 60  // the most a gap widens for wires that bend far
	bendRowPt  = 3   // the half-height of a wire passing through a layer
	roundPt    = 3
)

// GradientColor is the xcolor of gradients in the picture, as
// dotGradientColor is in DOT.
const GradientColor = "red!70!black"

type drawing struct {
	p      *network.Pass
	l      *Layout
	opts   []latex.Option
	loss   string // the loss's name as TeX
	places map[*Place]*spot
	left   []float64 // the x of each layer's left side
	nodeW  []float64 // the widest node of each layer
	zone   []float64 // the room for labels after each layer's nodes
	approx bool      // some entry is a rounded decimal
}

// spot is a place with its size and position: y grows downwards here and
// is negated in the picture.
type spot struct {
	*Place
	tex         string // the node's label; "" for a bend
	w, h        float64
	value, grad label // on the wire out of the node; empty for a bend
	x, y        float64
}

type label struct {
	tex  string
	w, h float64
}

// up and down are how far a place reaches above and below its wire.
func (s *spot) up() float64 {
	if s.Node == nil {
		return bendRowPt
	}
	return max(s.h/2, s.value.h+labelGap)
}

func (s *spot) down() float64 {
	if s.Node == nil {
		return bendRowPt
	}
	return max(s.h/2, s.grad.h+labelGap)
}

func newDrawing(p *network.Pass, opts []latex.Option) (*drawing, error) {
	l, err := LayOut(p.Graph)
	if err != nil {
		return nil, err
	}
	return &drawing{p: p, l: l, opts: opts, places: map[*Place]*spot{}}, nil
}

// measure writes every node's label and its wire's labels, and estimates
// their sizes.
func (d *drawing) measure() {
	d.loss = latex.Expr(expr.Sym(d.p.Graph.Loss.Label()), d.opts...)
	if d.p.Graph.Loss.Name == "" {
		d.loss = "L"
	}
	for _, layer := range d.l.Layers {
		for _, pl := range layer {
			s := &spot{Place: pl}
			d.places[pl] = s
			n := pl.Node
			if n == nil {
				continue
			}
			s.tex = d.nodeTeX(n)
			s.w = max(nodeMinW, latex.Width(s.tex)*glyphPt+6)
			s.h = nodeHeight
			if n.Op == "const" {
				continue // its value is its label
			}
			s.value = d.tensorLabel(d.p.Values[n.ID], d.valuePrefix(n))
			if a := d.p.Adjoints[n.ID]; a != nil {
				s.grad = d.tensorLabel(*a, "")
				s.grad.tex = `\color{` + GradientColor + `}` + s.grad.tex
			}
		}
	}
}

func (d *drawing) valuePrefix(n *network.Node) string {
	if n.Name == "" || n.Op == "input" {
		return ""
	}
	return latex.Expr(expr.Sym(n.Name), d.opts...) + " = "
}

// opTeX labels the operations that are not functions of expr's table.
var opTeX = map[string]string{
	"add": "+", "sub": "-", "mul": `\odot`, "div": `\oslash`, "pow": `{\cdot}^{\cdot}`,
	"neg": "-", "copy": "=", "matmul": `\cdot`, "transpose": `{\cdot}^{\top}`,
	"sum": `\textstyle\sum`, "mean": `\operatorname{mean}`,
	"logsumexp": `\operatorname{logsumexp}`, "softmax": `\operatorname{softmax}`,
}

// nodeTeX is a node's label: an input's name, a constant's value, an
// operation's symbol.
func (d *drawing) nodeTeX(n *network.Node) string {
	switch n.Op {
	case "input":
		return latex.Expr(expr.Sym(n.Name), d.opts...)
	case "const":
		return latex.Expr(n.Const, d.opts...)
	}
	if fn := n.Func(); fn != nil {
		return latex.FuncSymbol(fn)
	}
	if s, ok := opTeX[n.Op]; ok {
		return s
	}
	return latex.OperatorName(n.Op)
}

// tensorLabel writes t after prefix as a drawing shows it (shown):
// a number, a column, a matrix, or for a large tensor its shape.
func (d *drawing) tensorLabel(t tensor.Tensor, prefix string) label {
	pw := latex.Width(prefix)
	if elided(t) {
		parts := make([]string, t.Rank())
		for i, n := range t.Shape() {
			parts[i] = fmt.Sprint(n)
		}
		tex := prefix + `[\text{` + strings.Join(parts, `$\times$`) + `}]`
		return label{tex: tex, w: (pw+2+2*float64(len(parts)))*glyphPt + 2, h: rowPt}
	}
	entries := t.Entries()
	cells := make([]string, len(entries))
	frac := false
	for i, x := range entries {
		cells[i] = d.entryTeX(x)
		frac = frac || strings.Contains(cells[i], `\frac`)
	}
	rowH := float64(rowPt)
	if frac || strings.Contains(prefix, `\frac`) {
		rowH = fracRowPt
	}
	shape := t.Shape()
	if len(shape) == 0 {
		return label{tex: prefix + cells[0], w: (pw+latex.Width(cells[0]))*glyphPt + 2, h: rowH}
	}
	rows, cols := shape[0], 1
	if len(shape) == 2 {
		cols = shape[1]
	}
	colW := make([]float64, cols)
	for i, c := range cells {
		colW[i%cols] = max(colW[i%cols], latex.Width(c))
	}
	w := pw + 1.5 // the brackets
	for _, cw := range colW {
		w += cw + 2.2 // \arraycolsep on both sides
	}
	var lines []string
	for i := range rows {
		lines = append(lines, strings.Join(cells[i*cols:(i+1)*cols], " & "))
	}
	newline := ` \\ `
	if rowH == fracRowPt {
		newline = ` \\[` + pt(fracLeadPt) + `pt] `
	}
	tex := prefix + `\begin{bmatrix}` + strings.Join(lines, newline) + `\end{bmatrix}`
	return label{tex: tex, w: w*glyphPt + 2, h: float64(rows)*rowH + 3}
}

// entryTeX writes an entry as shown says: a short term exactly,
// else its decimal, 1.23e-05 as 1.23 \cdot 10^{-5}.
func (d *drawing) entryTeX(x expr.Expr) string {
	term, dec := shown(x)
	if term != nil {
		return latex.Expr(term, d.opts...)
	}
	d.approx = true
	if m, e, ok := strings.Cut(dec, "e"); ok {
		e = strings.TrimLeft(strings.TrimPrefix(e, "+"), "0")
		if strings.HasPrefix(e, "-") {
			e = "-" + strings.TrimLeft(e[1:], "0")
		}
		return m + `\cdot 10^{` + e + `}`
	}
	return dec
}

// columns works out the x of each layer: its nodes, then the room for the
// widest labels of its wires, then the gap in which wires bend, wider
// where they bend far, so that wires from different rows slant and cross
// at a point rather than running down one line together. It needs the
// rows' y.
func (d *drawing) columns() {
	k := len(d.l.Layers)
	d.left, d.nodeW, d.zone = make([]float64, k), make([]float64, k), make([]float64, k)
	x := 0.0
	for i, layer := range d.l.Layers {
		d.zone[i] = 2 * zonePad
		for _, pl := range layer {
			s := d.places[pl]
			d.nodeW[i] = max(d.nodeW[i], s.w)
			d.zone[i] = max(d.zone[i], max(s.value.w, s.grad.w)+zonePad)
		}
		d.left[i] = x
		for _, pl := range layer {
			s := d.places[pl]
			s.x = x + d.nodeW[i]/2
		}
		x += d.nodeW[i] + d.zone[i] + bendPt + min(slantPt, d.farthestBend(layer)/4)
	}
}

// farthestBend is how far up or down the farthest wire out of layer bends.
func (d *drawing) farthestBend(layer []*Place) float64 {
	far := 0.0
	for _, pl := range layer {
		for _, h := range pl.Out {
			dy := d.places[h.To].y + d.entry(h.To, h.Edge) - d.places[pl].y
			far = max(far, dy, -dy)
		}
	}
	return far
}

// port is how far below a node's centre the wire of its argument k enters.
func port(n *network.Node, k int) float64 {
	m := len(n.Args)
	if m < 2 {
		return 0
	}
	span := nodeHeight * 0.5
	return span * ((float64(k)+0.5)/float64(m) - 0.5)
}

// rows works out the y of every place: each layer in its order, each
// place as near as its neighbours' wires allow (so that a chain of
// operations runs straight), sweeping right and left; every sweep places
// a layer by least squares under the gaps its labels need, by pool
// adjacent violators.
func (d *drawing) rows() {
	for _, layer := range d.l.Layers {
		y := 0.0
		for i, pl := range layer {
			s := d.places[pl]
			if i > 0 {
				y += d.places[layer[i-1]].down() + s.up() + rowGap
			}
			s.y = y
		}
	}
	for sweep := range 8 {
		if sweep%2 == 0 {
			for k := 1; k < len(d.l.Layers); k++ {
				d.place(k, false)
			}
		} else {
			for k := len(d.l.Layers) - 2; k >= 0; k-- {
				d.place(k, true)
			}
		}
	}
	top := 0.0
	for _, s := range d.places {
		top = min(top, s.y-s.up())
	}
	for _, s := range d.places {
		s.y -= top
	}
}

// place sets the y of layer k's places nearest the wires of their
// neighbours before (or, with after, after) them.
func (d *drawing) place(k int, after bool) {
	layer := d.l.Layers[k]
	want := make([]float64, len(layer))
	gaps := make([]float64, len(layer))
	for i, pl := range layer {
		s := d.places[pl]
		want[i] = s.y
		if i > 0 {
			gaps[i] = d.places[layer[i-1]].down() + s.up() + rowGap
		}
		hops := pl.In
		if after {
			hops = pl.Out
		}
		if len(hops) == 0 {
			continue
		}
		sum := 0.0
		for _, h := range hops {
			nb := d.places[h.To]
			if after {
				sum += nb.y + d.entry(h.To, h.Edge)
			} else {
				sum += nb.y - d.entry(pl, h.Edge)
			}
		}
		want[i] = sum / float64(len(hops))
	}
	for i, y := range isotonic(want, gaps) {
		d.places[layer[i]].y = y
	}
}

// entry is how far below pl's centre edge e enters it.
func (d *drawing) entry(pl *Place, e *Edge) float64 {
	if pl.Node == nil {
		return 0
	}
	return port(pl.Node, e.Arg)
}

// isotonic returns the ys nearest want (least squares) with each at least
// gaps[i] below the one before.
func isotonic(want, gaps []float64) []float64 {
	n := len(want)
	off := make([]float64, n)
	for i := 1; i < n; i++ {
		off[i] = off[i-1] + gaps[i]
	}
	type block struct {
		sum   float64
		count int
	}
	var blocks []block
	for i := range n {
		blocks = append(blocks, block{want[i] - off[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/float64(a.count) <= b.sum/float64(b.count) {
				break
			}
			blocks = blocks[:len(blocks)-2]
			blocks = append(blocks, block{a.sum + b.sum, a.count + b.count})
		}
	}
	out := make([]float64, 0, n)
	for _, b := range blocks {
		for range b.count {
			out = append(out, b.sum/float64(b.count)+off[len(out)])
		}
	}
	return out
}

// tikz writes the picture.
func (d *drawing) tikz() string {
	var b strings.Builder
	b.WriteString("% The graph of a network, drawn by derivtex: needs \\usepackage{amsmath,tikz} and \\usetikzlibrary{arrows.meta}.\n")
	b.WriteString(`\begin{tikzpicture}[x=1pt, y=1pt, font=\footnotesize,` + "\n")
	b.WriteString(`  op/.style={draw, rounded corners=2pt, minimum height=` + pt(nodeHeight) + `pt, minimum width=` + pt(nodeMinW) + `pt, inner sep=2pt, fill=black!4},` + "\n")
	b.WriteString(`  source/.style={minimum height=` + pt(nodeHeight) + `pt, inner sep=2pt},` + "\n")
	b.WriteString(`  wire/.style={draw=black!55, rounded corners=` + pt(roundPt) + `pt},` + "\n")
	b.WriteString(`  tip/.style={-{Stealth[length=4pt]}},` + "\n")
	b.WriteString(`  value/.style={anchor=south, inner sep=0.5pt},` + "\n")
	b.WriteString(`  grad/.style={anchor=north, inner sep=0.5pt}]` + "\n")
	for _, layer := range d.l.Layers {
		for _, pl := range layer {
			s := d.places[pl]
			if s.Node == nil {
				continue
			}
			style := "op"
			if s.Node.Func() == nil && (s.Node.Op == "input" || s.Node.Op == "const") {
				style = "source"
			}
			fmt.Fprintf(&b, "\\node[%s] (n%d) at (%s, %s) {$%s$};\n", style, s.Node.ID, pt(s.x), pt(-s.y), s.tex)
		}
	}
	bottom := 0.0
	for _, layer := range d.l.Layers {
		for _, pl := range layer {
			s := d.places[pl]
			bottom = max(bottom, s.y+s.down())
			if s.Node != nil {
				d.wire(&b, s)
			}
		}
	}
	legend := `values above the wires, \textcolor{` + GradientColor + `}{gradients $\partial ` + d.loss + `/\partial\,\cdot$ below}`
	if d.approx {
		legend += "; decimals to 3 significant digits"
	}
	fmt.Fprintf(&b, "\\node[anchor=north west, inner sep=0pt, font=\\scriptsize] at (0, %s) {%s};\n", pt(-bottom-6), legend)
	b.WriteString(`\end{tikzpicture}` + "\n")
	return b.String()
}

// zoneEnd is the x where the labels of layer k's wires end and their
// branches start.
func (d *drawing) zoneEnd(k int) float64 { return d.left[k] + d.nodeW[k] + d.zone[k] }

// labelX is the x of the centre of the labels on s's wire: halfway
// between its node and the end of its layer's labels.
func (d *drawing) labelX(s *spot) float64 { return (s.x + s.w/2 + d.zoneEnd(s.Layer)) / 2 }

// wire draws the wire out of s's node: a stretch with its labels, then a
// branch to each argument it feeds, through the bends of edges that skip
// layers; a wire that feeds nothing (the loss) ends in an arrow.
func (d *drawing) wire(b *strings.Builder, s *spot) {
	end := d.zoneEnd(s.Layer)
	mid := d.labelX(s)
	tip := ""
	if len(s.Out) == 0 {
		tip = ", tip"
		end += 6
	}
	fmt.Fprintf(b, "\\draw[wire%s] (n%d.east) -- (%s, %s);\n", tip, s.Node.ID, pt(end), pt(-s.y))
	for _, h := range s.Out {
		k, y := s.Layer, s.y
		path := []string{fmt.Sprintf("(%s, %s)", pt(end), pt(-y))}
		for _, bend := range h.Edge.Bends {
			bs := d.places[bend]
			path = append(path, d.bend(k, y, bs.Layer, bs.y)...)
			k, y = bs.Layer, bs.y
			path = append(path, fmt.Sprintf("(%s, %s)", pt(d.zoneEnd(k)), pt(-y)))
		}
		to := h.Edge.To
		dy := port(to, h.Edge.Arg)
		path = append(path, d.bend(k, y, d.l.Of(to).Layer, d.places[d.l.Of(to)].y+dy)...)
		path = append(path, fmt.Sprintf("([yshift=%spt]n%d.west)", pt(-dy), to.ID))
		fmt.Fprintf(b, "\\draw[wire, tip] %s;\n", strings.Join(path, " -- "))
	}
	if s.value.tex != "" {
		fmt.Fprintf(b, "\\node[value] at (%s, %s) {$%s$};\n", pt(mid), pt(-s.y+labelGap), s.value.tex)
	}
	if s.grad.tex != "" {
		fmt.Fprintf(b, "\\node[grad] at (%s, %s) {$%s$};\n", pt(mid), pt(-s.y-labelGap), s.grad.tex)
	}
}

// bend is the path from the end of layer from's labels, at y, across the
// gap to layer to, at ty: level, slanting, level again, ending short of
// the layer's left side so that an arrow into its widest node still has
// a level run to point along.
func (d *drawing) bend(from int, y float64, to int, ty float64) []string {
	x0 := d.zoneEnd(from)
	x1 := d.left[to] - bendPt*0.3
	if y == ty {
		return nil
	}
	return []string{
		fmt.Sprintf("(%s, %s)", pt(x0+bendPt*0.15), pt(-y)),
		fmt.Sprintf("(%s, %s)", pt(x1), pt(-ty)),
	}
}

// pt writes a length in pt to a tenth.
func pt(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}
