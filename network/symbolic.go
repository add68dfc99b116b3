package network

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// Line is name = formula, both written both ways.
type Line struct {
	Name, Formula Formula
}

// Symbolic is a network's gradient as formulas in its inputs, without
// values: the forward pass as written, then one line per adjoint, last
// node first, each in terms of the adjoints before it (\bar z = \bar y
// x, \bar w = \bar z ⊙ cos(w)). The tensors the program names stay
// named, so each line is as long as its assignment and a deep network's
// gradient grows with its depth, not exponentially.
type Symbolic struct {
	Forward  []Line
	Backward []Line
}

// SymbolicOf writes g's gradient by the inputs wrt (every input when
// wrt is empty) as formulas.
func SymbolicOf(g *Graph, wrt []string) *Symbolic {
	if len(wrt) == 0 {
		wrt = g.Inputs()
	}
	fs := newFormulas()
	terms := fs.nodeTerms(g)
	s := &Symbolic{}
	for _, n := range g.Nodes {
		if n.Name == "" || n.op == nil {
			continue
		}
		args := make([]Term, len(n.Args))
		for k, a := range n.Args {
			args[k] = terms[a.ID]
		}
		s.Forward = append(s.Forward, Line{Name: fs.formula(terms[n.ID]), Formula: fs.formula(fs.apply(n, args))})
	}

	// needed: the nodes that depend on an input of wrt.
	needed := make([]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		needed[n.ID] = n.Op == "input" && slices.Contains(wrt, n.Name)
		for _, a := range n.Args {
			needed[n.ID] = needed[n.ID] || needed[a.ID]
		}
	}
	adj := make([]Term, len(g.Nodes))
	// up is the upstream gradient as later lines use it: a named node's
	// adjoint by its symbol, an intermediate's written out.
	up := func(n *Node) Term {
		if n.Name != "" {
			return fs.bar(n, g.Loss, terms)
		}
		return adj[n.ID]
	}
	adj[g.Loss.ID] = number(expr.One)
	s.Backward = append(s.Backward, Line{Name: fs.barName(g.Loss, g.Loss, terms), Formula: fs.formula(adj[g.Loss.ID])})
	for i := g.Loss.ID; i >= 0; i-- {
		n := g.Nodes[i]
		if adj[i] != nil && n.Name != "" && n != g.Loss {
			s.Backward = append(s.Backward, Line{Name: fs.barName(n, g.Loss, terms), Formula: fs.formula(adj[i])})
		}
		if adj[i] == nil || n.op == nil {
			continue
		}
		args := make([]Term, len(n.Args))
		for k, a := range n.Args {
			args[k] = terms[a.ID]
		}
		for k, a := range n.Args {
			if !needed[a.ID] {
				continue
			}
			e := fs.edgeOf(n, k, args, terms[n.ID])
			c := fs.vjpOf(e, up(n), e.factor)
			if adj[a.ID] == nil {
				adj[a.ID] = c
			} else {
				adj[a.ID] = fs.add(adj[a.ID], c)
			}
		}
	}
	return s
}

// barName is the name of n's adjoint as a line's left side, also for the
// loss, whose adjoint is 1 where it stands.
func (fs *formulas) barName(n, loss *Node, terms []Term) Formula {
	t := terms[n.ID]
	plain := "d" + loss.Label() + "/d" + n.Name
	if n.Name == "" {
		plain = "d" + loss.Label() + "/d(" + n.Label() + ")"
	}
	tex := `\bar{` + fs.TeX(t) + `}`
	if len([]rune(n.Name)) != 1 {
		inner := fs.TeX(t)
		if strings.HasPrefix(inner, "-") {
			inner = `\left(` + inner + `\right)`
		}
		tex = `\overline{` + inner + `}`
	}
	return Formula{Plain: plain, TeX: tex}
}

// MaxShapeTrials bounds the builds InferShapes tries.
const MaxShapeTrials = 5000

// InferShapes chooses shapes for the inputs of p that given does not
// have, for a network worked out without values: the first that makes p
// a graph with a scalar loss, trying each input in the order of first
// use as a matrix first when its name starts with a capital (W), else as
// a vector first, then as a number. Vectors have 2 entries and matrices
// are 2 x 2: a symbolic gradient does not depend on the sizes. Each try
// charges m a unit of work per node it builds: a long program whose
// shapes are hard to find runs out of the budget, not for seconds.
func InferShapes(p *Program, given map[string][]int, loss string, m *budget.Meter) (map[string][]int, error) {
	shapes := map[string][]int{}
	for k, v := range given {
		shapes[k] = v
	}
	trials := 0
	var try func() (bool, error)
	try = func() (bool, error) {
		trials++
		if trials > MaxShapeTrials {
			return false, diag.Errorf("no shapes found for the inputs in %d tries: give their values", MaxShapeTrials)
		}
		b := newBuilder(shapes, false)
		g, err := b.build(p, loss)
		if !m.Work(len(b.g.Nodes) + 1) {
			return false, m.Err()
		}
		if err == nil {
			return isScalar(g.Loss.Shape), nil
		}
		name := b.missing
		if name == "" {
			if d := diag.From(err); d.Kind == diag.Internal {
				return false, err
			}
			return false, nil
		}
		for _, shape := range candidates(name) {
			shapes[name] = shape
			ok, err := try()
			if ok || err != nil {
				return ok, err
			}
		}
		delete(shapes, name)
		return false, nil
	}
	ok, err := try()
	if err != nil {
		return nil, err
	}
	if !ok {
		// Build again with what there is, for the error at its place.
		if _, err := Build(p, shapes, loss); err != nil {
			return nil, err
		}
		return nil, diag.Errorf("no shapes of the inputs make the loss a number: give their values")
	}
	return shapes, nil
}

// candidates are the shapes tried for an input, the likeliest first.
func candidates(name string) [][]int {
	r := []rune(name)
	if len(r) > 0 && unicode.IsUpper(r[0]) {
		return [][]int{{2, 2}, {2}, nil}
	}
	return [][]int{{2}, nil, {2, 2}}
}

// ShapeKind says what kind of tensor a shape is, without its sizes, as
// the symbolic gradient takes its inputs to be: a number, a vector, a
// matrix.
func ShapeKind(shape []int) string {
	switch len(shape) {
	case 0:
		return "a number"
	case 1:
		return "a vector"
	case 2:
		return "a matrix"
	}
	return "a tensor of rank " + strconv.Itoa(len(shape))
}
