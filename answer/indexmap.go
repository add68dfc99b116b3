package answer

import (
	"slices"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
	"github.com/derivtex/derivtex/latex"
)

// IndexMap is the answer of op: an operator defined by its index map,
// its Jacobian, its VJP, the gradient of a loss through it, and what the
// backward pass costs with the dense Jacobian and with the VJP.
type IndexMap struct {
	Schema int `json:"schema,omitempty"`
	// Op is the definition in plain syntax, as op reads it.
	Op       string          `json:"op"`
	Jacobian IndexJacobian   `json:"jacobian"`
	VJP      IndexVJP        `json:"vjp"`
	Gradient *IndexVJP       `json:"gradient"`
	Cost     IndexCost       `json:"cost"`
	At       *IndexCostCount `json:"at"`
}

// IndexJacobian is dy/dx: its entry as coefficients times Kronecker
// deltas ([j = 2*i]), written with the argument's indices in "indices",
// its dimensions (rows: the output's entries, columns: the argument's),
// its structure ("selection", "permutation", "repetition", "identity",
// "diagonal", "sparse") and how many entries are not 0.
type IndexJacobian struct {
	Entry     Expr     `json:"entry"`
	Indices   []string `json:"indices"`
	Rows      Expr     `json:"rows"`
	Cols      Expr     `json:"cols"`
	Structure string   `json:"structure"`
	Nonzeros  Expr     `json:"nonzeros"`
}

// IndexVJP is an entry of a gradient by the argument: the VJP of the
// upstream gradient named "upstream" (p), or the gradient of the loss.
// It is the sum of its pieces, each its value where all its conditions
// hold and 0 elsewhere.
type IndexVJP struct {
	Upstream string       `json:"upstream,omitempty"`
	Loss     *Expr        `json:"loss,omitempty"`
	Entry    Expr         `json:"entry"`
	Pieces   []IndexPiece `json:"pieces"`
}

// IndexPiece is one term of a VJP: its conditions in plain words (j
// even, 2 <= j <= 2*N - 2) and its value.
type IndexPiece struct {
	Conditions []string `json:"conditions"`
	Value      Expr     `json:"value"`
}

// IndexCost counts the backward pass as functions of the sizes: entries
// held in memory and multiply-adds, with the dense Jacobian and with the
// VJP.
type IndexCost struct {
	JacobianMemory Expr `json:"jacobian_memory"`
	JacobianTime   Expr `json:"jacobian_time"`
	VJPMemory      Expr `json:"vjp_memory"`
	VJPTime        Expr `json:"vjp_time"`
}

// IndexCostCount is IndexCost at given sizes (as decimal strings: they
// outgrow JSON's safe integers), with bytes at a precision.
type IndexCostCount struct {
	Sizes          map[string]string `json:"sizes"`
	Precision      string            `json:"precision"`
	BytesPerEntry  int64             `json:"bytes_per_entry"`
	JacobianMemory string            `json:"jacobian_memory"`
	JacobianBytes  string            `json:"jacobian_bytes"`
	JacobianTime   string            `json:"jacobian_time"`
	VJPMemory      string            `json:"vjp_memory"`
	VJPBytes       string            `json:"vjp_bytes"`
	VJPTime        string            `json:"vjp_time"`
}

// IndexMapOf is the answer of a solved operator.
func IndexMapOf(s *indexmap.Solution) *IndexMap {
	ex := func(x expr.Expr) Expr { return Expr{Plain: expr.Plain(x), LaTeX: latex.Expr(x)} }
	j := s.Jacobian
	a := &IndexMap{
		Op: s.Op.String(),
		Jacobian: IndexJacobian{
			Entry:     Expr{Plain: j.FormatEntry(indexmap.Plain), LaTeX: j.FormatEntry(texStyle)},
			Rows:      ex(s.Op.OutSize()),
			Cols:      ex(s.Op.InSize()),
			Structure: s.Structure,
			Nonzeros:  ex(j.Nonzeros()),
		},
		VJP: vjpOf(s.VJP, ex),
		Cost: IndexCost{
			JacobianMemory: ex(s.Cost.DenseMemory), JacobianTime: ex(s.Cost.DenseTime),
			VJPMemory: ex(s.Cost.VJPMemory), VJPTime: ex(s.Cost.VJPTime),
		},
	}
	for _, in := range j.In {
		a.Jacobian.Indices = append(a.Jacobian.Indices, in.Name())
	}
	a.VJP.Upstream = s.Upstream
	if s.Loss != nil {
		g := vjpOf(s.Gradient, ex)
		l := ex(s.Loss.Term)
		g.Loss = &l
		a.Gradient = &g
	}
	if c := s.At; c != nil {
		a.At = &IndexCostCount{
			Sizes: map[string]string{}, Precision: c.Precision.Name, BytesPerEntry: c.Precision.Bytes,
			JacobianMemory: c.DenseMemory.String(), JacobianBytes: c.Bytes(c.DenseMemory).String(), JacobianTime: c.DenseTime.String(),
			VJPMemory: c.VJPMemory.String(), VJPBytes: c.Bytes(c.VJPMemory).String(), VJPTime: c.VJPTime.String(),
		}
		for k, v := range c.Sizes {
			a.At.Sizes[expr.Plain(k)] = expr.Plain(v)
		}
	}
	return a
}

func vjpOf(pieces []indexmap.Piece, ex func(expr.Expr) Expr) IndexVJP {
	v := IndexVJP{
		Entry:  Expr{Plain: indexmap.FormatVJP(pieces, indexmap.Plain), LaTeX: indexmap.FormatVJP(pieces, texStyle)},
		Pieces: []IndexPiece{},
	}
	for _, p := range pieces {
		conds := []string{}
		for _, c := range p.Conds {
			conds = append(conds, c.Format(indexmap.Plain))
		}
		v.Pieces = append(v.Pieces, IndexPiece{Conditions: slices.Clip(conds), Value: ex(p.Value)})
	}
	return v
}

// texStyle writes an operator's solution in LaTeX.
var texStyle = indexmap.TeX(func(x expr.Expr) string { return latex.Expr(x) })
