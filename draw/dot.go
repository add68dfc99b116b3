package draw

import (
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/tensor"
)

// dotGradientColor is the colour of gradients in DOT, beside values in
// black: firebrick, as GradientColor is in TikZ.
const dotGradientColor = "#b30000"

// opSymbols are how a drawing labels the operations that are not
// functions by name.
var opSymbols = map[string]string{
	"add": "+", "sub": "−", "mul": "⊙", "div": "÷", "pow": "^",
	"neg": "−", "copy": "=", "matmul": "·", "transpose": "ᵀ",
	"sum": "Σ",
}

// symbol is how a drawing in plain text labels n: an input by its name, a
// constant by its value, an operation by its symbol (·, ⊙, ᵀ) or name
// (sin, softmax).
func symbol(n *network.Node) string {
	switch n.Op {
	case "input":
		return n.Name
	case "const":
		return n.Const.String()
	}
	if s, ok := opSymbols[n.Op]; ok {
		return s
	}
	return n.Op
}

// DOT draws the graph of p for graphviz, laid out as LayOut lays it out: a
// rank per layer, left to right, each node declared in its layer's order
// from the top. Operations are nodes, tensors are edges labelled with
// their value and, in red, their gradient; a tensor that nothing uses
// (the loss) ends in a point. A graph too large to lay out is an error.
func DOT(p *network.Pass) (string, error) {
	g := p.Graph
	l, err := LayOut(g)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("digraph network {\n")
	b.WriteString("  rankdir=LR;\n  nodesep=0.3;\n  ranksep=0.4;\n")
	legend := "each edge: its value, and under it in red the gradient of " + g.Loss.Label()
	fmt.Fprintf(&b, "  label=%s;\n  labelloc=b;\n  fontname=\"Helvetica\";\n  fontsize=10;\n", dotQuote(legend))
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=12, shape=box, style=rounded, height=0.3];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=10, arrowsize=0.6];\n")
	for k, layer := range l.Layers {
		fmt.Fprintf(&b, "  subgraph layer%d {\n    rank=same;\n", k)
		for _, pl := range layer {
			if pl.Node == nil {
				continue
			}
			n := pl.Node
			attrs := ""
			if isLeaf(n) {
				attrs = ", shape=plaintext"
			}
			fmt.Fprintf(&b, "    n%d [label=%s%s];\n", n.ID, dotQuote(symbol(n)), attrs)
		}
		b.WriteString("  }\n")
	}
	for _, e := range l.Edges {
		fmt.Fprintf(&b, "  n%d -> n%d [label=%s];\n", e.From.ID, e.To.ID, dotEdgeLabel(p, e.From))
	}
	for _, n := range g.Nodes {
		if len(l.Of(n).Out) == 0 {
			fmt.Fprintf(&b, "  out%d [shape=point, width=0.05];\n", n.ID)
			fmt.Fprintf(&b, "  n%d -> out%d [label=%s];\n", n.ID, n.ID, dotEdgeLabel(p, n))
		}
	}
	b.WriteString("}\n")
	return b.String(), nil
}

// dotEdgeLabel is the label of an edge carrying n's tensor: an HTML-like
// label, its value over its gradient; "" for a constant, whose value is
// its node's label.
func dotEdgeLabel(p *network.Pass, n *network.Node) string {
	if n.Op == "const" {
		return `""`
	}
	value := shownText(p.Values[n.ID])
	if n.Name != "" && n.Op != "input" {
		value = n.Name + " = " + value
	}
	label := htmlEscape(value)
	if a := p.Adjoints[n.ID]; a != nil {
		label += `<br/><font color="` + dotGradientColor + `">` + htmlEscape(shownText(*a)) + `</font>`
	}
	return "<" + label + ">"
}

// shownText writes a value in plain syntax as a drawing shows it: entries
// as shown writes them, or the shape alone when elided.
func shownText(t tensor.Tensor) string {
	if elided(t) {
		return "(" + sizeText(t.Shape()) + ")"
	}
	cells := make([]string, t.Len())
	for i, x := range t.Entries() {
		if term, dec := shown(x); term != nil {
			cells[i] = term.String()
		} else {
			cells[i] = dec
		}
	}
	switch shape := t.Shape(); len(shape) {
	case 0:
		return cells[0]
	case 1:
		return "[" + strings.Join(cells, ", ") + "]"
	default:
		rows := make([]string, shape[0])
		for i := range rows {
			rows[i] = "[" + strings.Join(cells[i*shape[1]:(i+1)*shape[1]], ", ") + "]"
		}
		return "[" + strings.Join(rows, ", ") + "]"
	}
}

// sizeText writes a shape as a size: 3×4.
func sizeText(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	return strings.Join(parts, "×")
}

// dotQuote writes s as a DOT string: quoted, with its quotes and
// backslashes escaped (a backslash would otherwise start an escape such as
// \N, the node's name) and line breaks as \n.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}

// htmlEscape makes s text of an HTML-like DOT label, in which only the
// markup characters mean something.
func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")
	return r.Replace(s)
}
