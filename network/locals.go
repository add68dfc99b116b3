package network

import (
	"fmt"
	"math"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/tensor"
)

// Formula is a formula over tensors written both ways: in the plain
// syntax of a network, and in LaTeX.
type Formula struct {
	Plain, TeX string
}

// Local is the local gradient of a node by one of its arguments: its
// Jacobian, Rows (the node's entries) x Cols (the argument's), with the
// structure that spares forming it.
type Local struct {
	Node, Arg *Node
	Index     int // of Arg among Node's arguments
	Structure Structure
	Rows      int
	Cols      int
	// Symbolic is the Jacobian as written: diag(cos(w)), x^T, W, I.
	Symbolic Formula
	// Factor is what determines it (cos(w) for diag(cos(w)), x^T for
	// the outer product), and AtValues its value at the forward pass;
	// both empty for the identity and the permutation of a transpose.
	Factor   Formula
	AtValues *tensor.Tensor
	edge     edge
}

// Contribution is one term of an adjoint: the upstream gradient (the
// adjoint of Local.Node) times the local Jacobian, as the structure
// allows the product to be written.
type Contribution struct {
	Local    *Local
	Upstream tensor.Tensor
	// Formula is the product in terms of names (\bar s ⊙ cos(w)),
	// Numbers with the values put in ([-1, -1/2] ⊙ [0, -1]).
	Formula, Numbers Formula
	Value            tensor.Tensor
}

// Adjoint is the gradient of the loss by a node: the sum of its
// contributions, one per node it feeds (none for the loss itself).
type Adjoint struct {
	Node          *Node
	Bar           Formula // \bar w
	Contributions []*Contribution
	Value         tensor.Tensor
}

// Backprop is a pass's backward pass written as vector-Jacobian
// products: the local Jacobians of the graph's edges, and each adjoint,
// loss first, in reverse topological order.
type Backprop struct {
	Locals   []*Local
	Adjoints []*Adjoint
}

// Backprop works out the local gradients of every edge the loss depends
// on, and writes the backward pass as vector-Jacobian products. Output
// is charged to m.
func (p *Pass) Backprop(m *budget.Meter) (*Backprop, error) {
	if p.Exact {
		return backprop[expr.Expr](p, exact{m}, m)
	}
	return backprop[float64](p, float{}, m)
}

// nodeSymbol is the placeholder of a node's value where factors are
// worked out.
func nodeSymbol(n *Node) *expr.Symbol { return expr.Sym(fmt.Sprintf("_n%d_", n.ID)) }

func backprop[T any](p *Pass, f field[T], m *budget.Meter) (*Backprop, error) {
	g := p.Graph
	vals := make([]array[T], len(g.Nodes))
	env := map[string]array[T]{}
	for i, n := range g.Nodes {
		a, err := fromTensor(f, p.Values[i])
		if err != nil {
			return nil, err
		}
		vals[i] = a
		env[nodeSymbol(n).Name()] = a
	}
	show := newFormulas()   // the terms a reader sees
	values := newFormulas() // the same rules over the nodes' values
	terms := show.nodeTerms(g)
	opts := []latex.Option{latex.WithBudget(m)}
	bp := &Backprop{}
	byNode := map[int]*Adjoint{}
	for i := g.Loss.ID; i >= 0; i-- {
		n := g.Nodes[i]
		if p.Adjoints[i] == nil || n.Op == "const" {
			continue
		}
		a := &Adjoint{Node: n, Bar: show.barName(n, g.Loss, terms), Value: *p.Adjoints[i]}
		byNode[i] = a
		bp.Adjoints = append(bp.Adjoints, a)
	}
	for _, a := range bp.Adjoints {
		n := a.Node
		if n.op == nil {
			continue
		}
		args := make([]Term, len(n.Args))
		symArgs := make([]Term, len(n.Args))
		argVals := make([]array[T], len(n.Args))
		for k, arg := range n.Args {
			args[k] = terms[arg.ID]
			symArgs[k] = &leaf{x: nodeSymbol(arg), shape: arg.Shape}
			argVals[k] = vals[arg.ID]
		}
		up, err := fromTensor(f, a.Value)
		if err != nil {
			return nil, err
		}
		if !m.Work(4 * n.cost()) {
			return nil, m.Err()
		}
		grads := vjp(f, n, argVals, vals[n.ID], up)
		for k, arg := range n.Args {
			if arg.Op == "const" || byNode[arg.ID] == nil {
				continue
			}
			e := show.edgeOf(n, k, args, terms[n.ID])
			l := &Local{Node: n, Arg: arg, Index: k, Structure: e.structure, Rows: size(n.Shape), Cols: size(arg.Shape),
				Symbolic: show.formula(e.jacobian), edge: e}
			if e.factor != nil {
				l.Factor = show.formula(e.factor)
				var fv array[T]
				if e.numeric {
					fv = denseJacobian(f, n, argVals, vals[n.ID], k)
				} else {
					fv = evalTerm(f, values.edgeOf(n, k, symArgs, &leaf{x: nodeSymbol(n), shape: n.Shape}).factor, env)
				}
				t := toTensor(f, fv)
				l.AtValues = &t
			}
			bp.Locals = append(bp.Locals, l)
			c := &Contribution{Local: l, Upstream: a.Value, Value: toTensor(f, grads[k])}
			upTerm := show.bar(n, g.Loss, terms)
			c.Formula = show.formula(show.vjpOf(e, upTerm, e.factor))
			numbers := e
			if e.other != nil { // a convolution's other argument, at its value
				numbers.other = show.value(toTensor(f, argVals[1-k]), opts)
			}
			c.Numbers = show.formula(show.vjpOf(numbers, show.value(a.Value, opts), show.factorValue(e, l.AtValues, opts)))
			byNode[arg.ID].Contributions = append(byNode[arg.ID].Contributions, c)
		}
	}
	return bp, m.Err()
}

// formula writes t both ways.
func (fs *formulas) formula(t Term) Formula { return Formula{Plain: fs.Plain(t), TeX: fs.TeX(t)} }

// nodeTerms are the terms of the graph's nodes as a reader knows them:
// a named node by its name, a constant by its value, another node by its
// operation on its arguments' terms (sin(w), y l).
func (fs *formulas) nodeTerms(g *Graph) []Term {
	terms := make([]Term, len(g.Nodes))
	for i, n := range g.Nodes {
		switch {
		case n.Op == "const":
			terms[i] = number(n.Const)
		case n.Name != "":
			terms[i] = name(n.Name, n.Shape)
		default:
			args := make([]Term, len(n.Args))
			for k, a := range n.Args {
				args[k] = terms[a.ID]
			}
			terms[i] = fs.apply(n, args)
		}
	}
	return terms
}

// apply is n's operation on terms.
func (fs *formulas) apply(n *Node, args []Term) Term {
	o := n.op
	switch o.kind {
	case elementwise:
		return fs.call(o.fn, args[0])
	case negate:
		return fs.neg(args[0])
	case identity:
		return args[0]
	case binary:
		x, y := fs.inner(args[0]), fs.inner(args[1])
		switch o.name {
		case "add":
			return fs.add(args[0], args[1])
		case "sub":
			return fs.add(args[0], fs.neg(args[1]))
		case "mul":
			return fs.had(args[0], args[1])
		case "div":
			return &leaf{x: expr.Div(x, y), shape: n.Shape}
		case "pow":
			return &leaf{x: expr.Pow(x, y), shape: n.Shape}
		}
	case matmul:
		return fs.mat(args[0], args[1])
	case transpose:
		return fs.t(args[0])
	case reduce:
		if o.name == "sum" {
			return fs.sum(args[0])
		}
	}
	return &applied{name: o.name, a: args[0], shape: n.Shape}
}

// bar is the adjoint of n as a symbol: \bar y, \overline{\sin w}; the
// loss's is 1.
func (fs *formulas) bar(n, loss *Node, terms []Term) Term {
	if n == loss {
		return number(expr.One)
	}
	name := fs.barName(n, loss, terms)
	// The bar of an unnamed node is long (\overline{l y}): as a factor it
	// is parenthesised, so that \overline{l y} y does not read as l y y.
	return fs.newAtom("bar:"+fmt.Sprint(n.ID), atom{plain: name.Plain, tex: name.TeX, parenPlain: true, parenTeX: n.Name == ""}, n.Shape)
}

// value is a tensor's value as an atom, a number put in where it stands.
func (fs *formulas) value(t tensor.Tensor, opts []latex.Option) Term {
	plain := t.String()
	a := atom{plain: plain, tex: latex.Tensor(t, opts...)}
	if t.Rank() == 0 {
		a.value = t.At()
		a.parenPlain = strings.ContainsAny(plain, " -+*/")
	}
	return fs.newAtom("value:"+plain+fmt.Sprint(t.Shape()), a, t.Shape())
}

// factorValue is the factor of e at its value; a constant factor (-1,
// 1/n) as itself.
func (fs *formulas) factorValue(e edge, v *tensor.Tensor, opts []latex.Option) Term {
	if e.factor == nil || v == nil {
		return e.factor
	}
	if l, ok := e.factor.(*leaf); ok && l.x.Kind() == expr.KindNumber {
		return l
	}
	return fs.value(*v, opts)
}

// evalTerm is the value of a term over the nodes' placeholders.
func evalTerm[T any](f field[T], t Term, env map[string]array[T]) array[T] {
	switch t := t.(type) {
	case *leaf:
		return evalLeaf(f, t, env)
	case *matProduct:
		a, b := evalTerm(f, t.a, env), evalTerm(f, t.b, env)
		shape, err := productShape(a.shape, b.shape)
		if err != nil {
			panic(diag.Internalf("network: a factor's shapes: %v", err))
		}
		return product(f, a, b, shape)
	case *transposeOf:
		a := evalTerm(f, t.a, env)
		return transposed(a, transposedShape(a.shape))
	case *ones:
		return filled(t.shape, f.one())
	case *applied:
		if t.name == "softmax" {
			return softmaxOf(f, evalTerm(f, t.a, env))
		}
	case *diagonalOf:
		a := evalTerm(f, t.a, env)
		d := filled([]int{t.n, t.n}, f.zero())
		for i, v := range a.data {
			d.data[i*t.n+i] = v
		}
		return d
	case *plus:
		a, b := evalTerm(f, t.a, env), evalTerm(f, t.b, env)
		for i := range a.data {
			a.data[i] = f.add(a.data[i], b.data[i])
		}
		return a
	case *negated:
		return mapped(evalTerm(f, t.a, env), f.neg)
	}
	panic(diag.Internalf("network: no value of %T", t))
}

// evalLeaf works an entry-by-entry term out, entry by entry, each
// placeholder standing for its node's entry (a number for every entry).
func evalLeaf[T any](f field[T], l *leaf, env map[string]array[T]) array[T] {
	out := array[T]{shape: l.shape, data: make([]T, size(l.shape))}
	syms := expr.FreeSymbols(l.x)
	for i := range out.data {
		switch any(f).(type) {
		case exact:
			m := map[expr.Expr]expr.Expr{}
			for _, s := range syms {
				if a, ok := env[s.Name()]; ok {
					m[s] = any(entry(a, i)).(expr.Expr)
				}
			}
			out.data[i] = any(expr.Substitute(l.x, m)).(T)
		case float:
			scalars := map[string]float64{}
			for _, s := range syms {
				if a, ok := env[s.Name()]; ok {
					scalars[s.Name()] = any(entry(a, i)).(float64)
				}
			}
			v, err := expr.Eval(l.x, expr.Env{Scalars: scalars})
			if err != nil {
				v = math.NaN()
			}
			out.data[i] = any(v).(T)
		}
	}
	return out
}

// denseJacobian is the Jacobian of n by its k-th argument, a row per
// entry of the result, from its vector-Jacobian products with the unit
// vectors.
func denseJacobian[T any](f field[T], n *Node, args []array[T], out array[T], k int) array[T] {
	rows, cols := len(out.data), len(args[k].data)
	j := array[T]{shape: []int{rows, cols}, data: make([]T, rows*cols)}
	for r := range rows {
		unit := filled(out.shape, f.zero())
		unit.data[r] = f.one()
		copy(j.data[r*cols:], vjp(f, n, args, out, unit)[k].data)
	}
	return j
}
