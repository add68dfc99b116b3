package draw

import (
	"slices"
	"sort"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/network"
)

// MaxDrawnNodes bounds the graphs a drawing lays out, and MaxDrawnPlaces
// their nodes and bends together: an edge from the first layer to the last
// bends once in every layer between, so a deep graph of a few thousand
// nodes could need millions of places, and no drawing that large is read.
const (
	MaxDrawnNodes  = 400
	MaxDrawnPlaces = 4000
)

// Layout is where a drawing of a graph puts its nodes: in layers from left
// to right, each an order from top to bottom, as a person draws a network
// with its inputs on the left and its loss on the right. TikZ and DOT both
// draw from it, so that the two drawings agree.
//
// An operation's layer is the length of the longest path to it from an
// input; an input or a constant sits one layer before its first use, so
// that a target or a scale factor enters next to where it is used rather
// than with a long wire from the far left. An edge that skips layers bends
// through a place of its own in each layer it crosses, as in Sugiyama's
// method, so that no wire runs through a node. The order within a layer is
// found by barycentres, sweeping right and left, and keeping the order with
// the fewest crossings.
type Layout struct {
	// Layers are the places of each layer, top to bottom.
	Layers [][]*Place
	// Edges are the graph's edges, one per argument of every operation,
	// in the order of the nodes and their arguments.
	Edges  []*Edge
	places []*Place // by node ID
}

// Place is where a node goes, or a bend of an edge that skips layers.
type Place struct {
	Node *network.Node // nil for a bend
	Edge *Edge         // the edge a bend carries; nil for a node
	// Layer and Row say where: Row counts from the top of the layer.
	Layer, Row int
	// In and Out are the places the place is wired to in the layers
	// before and after it.
	In, Out []Hop
}

// Hop is one layer's stretch of an edge.
type Hop struct {
	To   *Place
	Edge *Edge
}

// Edge is a node's tensor going into an argument of another node.
type Edge struct {
	From, To *network.Node
	Arg      int      // which argument of To: 0 for the first
	Bends    []*Place // its places in the layers it skips, left to right
}

// Of returns the place of n.
func (l *Layout) Of(n *network.Node) *Place { return l.places[n.ID] }

// Consumers lists the edges that carry n's tensor, in the order of the
// layout's edges.
func (l *Layout) Consumers(n *network.Node) []*Edge {
	var out []*Edge
	for _, h := range l.Of(n).Out {
		out = append(out, h.Edge)
	}
	return out
}

// port is where the edge enters its place: its argument's share of the
// node's left side, -1/2 (top) to 1/2 (bottom); 0 for a bend.
func (h Hop) port() float64 {
	if h.To.Node == nil {
		return 0
	}
	k := len(h.To.Node.Args)
	return (float64(h.Edge.Arg)+0.5)/float64(k) - 0.5
}

// LayOut places g for drawing, or says that g is too large to draw.
func LayOut(g *network.Graph) (*Layout, error) {
	if len(g.Nodes) > MaxDrawnNodes {
		return nil, diag.Errorf("the network has %d nodes, too many to draw: a drawing has at most %d", len(g.Nodes), MaxDrawnNodes)
	}
	l := &Layout{places: make([]*Place, len(g.Nodes))}
	layer := make([]int, len(g.Nodes))
	first := make([]int, len(g.Nodes)) // the earliest layer that uses a node
	for i := range first {
		first[i] = -1
	}
	deepest := 0
	for _, n := range g.Nodes {
		for _, a := range n.Args {
			layer[n.ID] = max(layer[n.ID], layer[a.ID]+1)
		}
		deepest = max(deepest, layer[n.ID])
	}
	// Nodes come after their arguments, so walking back sees every use
	// of a node before the node.
	for i := len(g.Nodes) - 1; i >= 0; i-- {
		n := g.Nodes[i]
		if isLeaf(n) && first[n.ID] > 0 {
			layer[n.ID] = first[n.ID] - 1
		}
		for _, a := range n.Args {
			if first[a.ID] < 0 || layer[n.ID] < first[a.ID] {
				first[a.ID] = layer[n.ID]
			}
		}
	}
	places := len(g.Nodes)
	for _, n := range g.Nodes {
		for _, a := range n.Args {
			places += layer[n.ID] - layer[a.ID] - 1
		}
	}
	if places > MaxDrawnPlaces {
		return nil, diag.Errorf("the network's wires skip too many layers to draw (%d bends): a drawing has at most %d nodes and bends", places-len(g.Nodes), MaxDrawnPlaces)
	}
	l.Layers = make([][]*Place, deepest+1)
	for _, n := range g.Nodes {
		p := &Place{Node: n, Layer: layer[n.ID]}
		l.places[n.ID] = p
		l.Layers[p.Layer] = append(l.Layers[p.Layer], p)
	}
	for _, n := range g.Nodes {
		for k, a := range n.Args {
			e := &Edge{From: a, To: n, Arg: k}
			l.Edges = append(l.Edges, e)
			from := l.places[a.ID]
			for j := from.Layer + 1; j < layer[n.ID]; j++ {
				b := &Place{Edge: e, Layer: j}
				e.Bends = append(e.Bends, b)
				l.Layers[j] = append(l.Layers[j], b)
				link(from, b, e)
				from = b
			}
			link(from, l.places[n.ID], e)
		}
	}
	l.order()
	return l, nil
}

// isLeaf reports whether n is an input or a constant, which a drawing
// places by its first use.
func isLeaf(n *network.Node) bool { return n.Op == "input" || n.Op == "const" }

func link(from, to *Place, e *Edge) {
	from.Out = append(from.Out, Hop{To: to, Edge: e})
	to.In = append(to.In, Hop{To: from, Edge: e})
}

// sweeps is how many times order sweeps right and left; crossings are
// counted only while a layer pair has at most maxCounted hops, beyond
// which the last sweep's order stands (drawings that large are not read
// for their crossings).
const (
	sweeps     = 8
	maxCounted = 2000
)

// order sorts each layer by the barycentres of its neighbours, sweeping
// right (by the layer before) and left (by the layer after), and keeps the
// order with the fewest crossings.
func (l *Layout) order() {
	l.number()
	best, fewest := l.rows(), l.crossings()
	for s := range sweeps {
		if s%2 == 0 {
			for k := 1; k < len(l.Layers); k++ {
				l.sortLayer(k, func(p *Place) []Hop { return p.In }, false)
			}
		} else {
			for k := len(l.Layers) - 2; k >= 0; k-- {
				l.sortLayer(k, func(p *Place) []Hop { return p.Out }, true)
			}
		}
		if c := l.crossings(); c >= 0 && c < fewest {
			best, fewest = l.rows(), c
		}
	}
	for k, rows := range best {
		for i, p := range rows {
			p.Row = i
			l.Layers[k][i] = p
		}
	}
}

// number sets every place's Row to its index.
func (l *Layout) number() {
	for _, layer := range l.Layers {
		for i, p := range layer {
			p.Row = i
		}
	}
}

// rows copies the current order.
func (l *Layout) rows() [][]*Place {
	out := make([][]*Place, len(l.Layers))
	for k, layer := range l.Layers {
		out[k] = slices.Clone(layer)
	}
	return out
}

// sortLayer orders layer k by the mean row of the neighbours hops gives;
// ports counts where an edge enters a node, so that a node's first
// argument comes out above its second. A place without neighbours keeps
// its row.
func (l *Layout) sortLayer(k int, hops func(*Place) []Hop, ports bool) {
	layer := l.Layers[k]
	key := make(map[*Place]float64, len(layer))
	for _, p := range layer {
		hs := hops(p)
		if len(hs) == 0 {
			key[p] = float64(p.Row)
			continue
		}
		sum := 0.0
		for _, h := range hs {
			sum += float64(h.To.Row)
			if ports {
				sum += 0.5 * h.port()
			}
		}
		key[p] = sum / float64(len(hs))
	}
	sort.SliceStable(layer, func(i, j int) bool { return key[layer[i]] < key[layer[j]] })
	for i, p := range layer {
		p.Row = i
	}
}

// crossings counts the pairs of hops that cross, or returns -1 when a
// layer pair has too many hops to count.
func (l *Layout) crossings() int {
	total := 0
	for _, layer := range l.Layers {
		type seg struct{ a, b float64 }
		var segs []seg
		for _, p := range layer {
			for _, h := range p.Out {
				segs = append(segs, seg{float64(p.Row), float64(h.To.Row) + 0.5*h.port()})
			}
		}
		if len(segs) > maxCounted {
			return -1
		}
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				if (segs[i].a-segs[j].a)*(segs[i].b-segs[j].b) < 0 {
					total++
				}
			}
		}
	}
	return total
}
