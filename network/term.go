package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
)

// Term is a formula over whole tensors, as a textbook writes a backward
// pass: \bar z = \bar y x, \bar w = \bar z ⊙ cos(w). Entries never
// appear, so a formula's size does not grow with the tensors'. What is
// entry by entry (cos(w), 1 - h^2, -1/y) is an expr term over the names
// of tensors (a leaf): expr's product commutes, which is right for the
// Hadamard product and for a number times a tensor, and wrong only for
// the matrix product, which is a node of its own (matProduct).
type Term interface {
	Shape() []int
}

type (
	// leaf is an entry-by-entry term over tensor names and atoms, at
	// most one of its factors a tensor (x ⊙ y is a hadamard).
	leaf struct {
		x     expr.Expr
		shape []int
	}
	// matProduct is a b by juxtaposition: the matrix product, or a
	// number (a, always first) times a tensor.
	matProduct struct {
		a, b  Term
		shape []int
	}
	hadamard struct {
		a, b  Term
		shape []int
	}
	transposeOf struct {
		a     Term
		shape []int
	}
	// total is the sum of the entries, 1^T a.
	total struct{ a Term }
	// ones is a vector (or a row) of ones.
	ones struct{ shape []int }
	// identityOf is the n x n identity.
	identityOf struct{ n int }
	// diagonalOf is diag(a).
	diagonalOf struct {
		a Term
		n int
	}
	// applied is an operation that is not entry by entry, by name:
	// softmax(a).
	applied struct {
		name  string
		a     Term
		shape []int
		// tex writes the name in LaTeX when \operatorname{name} would
		// not: vjp_{SEE}.
		tex string
	}
	plus struct {
		a, b  Term
		shape []int
	}
	negated struct{ a Term }
)

func (t *leaf) Shape() []int        { return t.shape }
func (t *matProduct) Shape() []int  { return t.shape }
func (t *hadamard) Shape() []int    { return t.shape }
func (t *transposeOf) Shape() []int { return t.shape }
func (t *total) Shape() []int       { return nil }
func (t *ones) Shape() []int        { return t.shape }
func (t *identityOf) Shape() []int  { return []int{t.n, t.n} }
func (t *diagonalOf) Shape() []int  { return []int{t.n, t.n} }
func (t *applied) Shape() []int     { return t.shape }
func (t *plus) Shape() []int        { return t.shape }
func (t *negated) Shape() []int     { return t.a.Shape() }

// formulas builds terms and writes them. An atom is a tensor an expr
// term cannot spell (an adjoint \bar y, a matrix product W x under a
// function): it stands in the leaves as a placeholder symbol.
type formulas struct {
	atoms map[string]atom // by placeholder name
	byKey map[string]*expr.Symbol
}

type atom struct {
	plain, tex string
	// parenPlain and parenTeX: written with parentheses where it stands
	// as a factor.
	parenPlain, parenTeX bool
	// value is a number the atom stands for, put in by latex.WithSubst,
	// which knows where a number needs parentheses and \cdot.
	value expr.Expr
}

func newFormulas() *formulas {
	return &formulas{atoms: map[string]atom{}, byKey: map[string]*expr.Symbol{}}
}

// atom is the placeholder of a tensor written plain and tex; the same key
// gives the same placeholder.
func (fs *formulas) atom(key, plain, tex string, complex bool, shape []int) *leaf {
	return fs.newAtom(key, atom{plain: plain, tex: tex, parenPlain: complex, parenTeX: complex}, shape)
}

func (fs *formulas) newAtom(key string, a atom, shape []int) *leaf {
	s, ok := fs.byKey[key]
	if !ok {
		s = expr.Sym(fmt.Sprintf("_a%d_", len(fs.byKey)+1))
		fs.byKey[key] = s
		fs.atoms[s.Name()] = a
	}
	return &leaf{x: s, shape: shape}
}

// name is the leaf of a named tensor.
func name(n string, shape []int) *leaf { return &leaf{x: expr.Sym(n), shape: shape} }

// number is a constant leaf.
func number(x expr.Expr) *leaf { return &leaf{x: x} }

// inner is the expr of t for a leaf: t's own, or an atom for t.
func (fs *formulas) inner(t Term) expr.Expr {
	if l, ok := t.(*leaf); ok {
		return l.x
	}
	p := fs.Plain(t)
	return fs.atom("term:"+p, p, fs.TeX(t), precOf(fs, t) < expr.PrecAtom, t.Shape()).x
}

// call is fn applied to every entry of a.
func (fs *formulas) call(fn *expr.Func, a Term) Term {
	return &leaf{x: expr.Call(fn, fs.inner(a)), shape: a.Shape()}
}

func (fs *formulas) is(t Term, v expr.Expr) bool {
	l, ok := t.(*leaf)
	if !ok {
		return false
	}
	if s, isSym := l.x.(*expr.Symbol); isSym {
		return fs.atoms[s.Name()].value == v
	}
	return l.x == v
}

// mat is a b: the matrix product, or a number times a tensor.
func (fs *formulas) mat(a, b Term) Term {
	sa, sb := a.Shape(), b.Shape()
	switch {
	case isScalar(sa) && fs.is(a, expr.One):
		return b
	case isScalar(sb) && fs.is(b, expr.One):
		return a
	case isScalar(sa) && fs.is(a, expr.MinusOne):
		return fs.neg(b)
	case isScalar(sb) && fs.is(b, expr.MinusOne):
		return fs.neg(a)
	case isScalar(sa) || isScalar(sb):
		if isScalar(sb) && !isScalar(sa) {
			a, b = b, a
		}
		la, aLeaf := a.(*leaf)
		lb, bLeaf := b.(*leaf)
		if aLeaf && bLeaf {
			return &leaf{x: expr.Mul(la.x, lb.x), shape: b.Shape()}
		}
		if m, ok := b.(*matProduct); ok && aLeaf && isScalar(m.a.Shape()) {
			return fs.mat(fs.mat(a, m.a), m.b)
		}
		if ng, ok := b.(*negated); ok {
			return fs.mat(fs.neg(a), ng.a)
		}
		return &matProduct{a: a, b: b, shape: b.Shape()}
	}
	shape, err := productShape(sa, sb)
	if err != nil {
		shape = sa
	}
	return &matProduct{a: a, b: b, shape: shape}
}

// had is a ⊙ b.
func (fs *formulas) had(a, b Term) Term {
	if isScalar(a.Shape()) || isScalar(b.Shape()) {
		return fs.mat(a, b)
	}
	if _, ok := a.(*ones); ok {
		return b
	}
	if _, ok := b.(*ones); ok {
		return a
	}
	return &hadamard{a: a, b: b, shape: a.Shape()}
}

// t is a^T.
func (fs *formulas) t(a Term) Term {
	s := a.Shape()
	switch a := a.(type) {
	case *transposeOf:
		return a.a
	case *matProduct:
		if isScalar(a.a.Shape()) {
			return fs.mat(a.a, fs.t(a.b))
		}
	case *negated:
		return fs.neg(fs.t(a.a))
	case *ones:
		return &ones{shape: transposedShape(s)}
	}
	if isScalar(s) {
		return a
	}
	return &transposeOf{a: a, shape: transposedShape(s)}
}

// transposedShape is the shape of a tensor of the given shape transposed.
func transposedShape(s []int) []int {
	switch {
	case len(s) == 1:
		return []int{1, s[0]}
	case len(s) == 2 && s[0] == 1:
		return []int{s[1]}
	case len(s) == 2:
		return []int{s[1], s[0]}
	}
	return s
}

func (fs *formulas) add(a, b Term) Term {
	la, aLeaf := a.(*leaf)
	lb, bLeaf := b.(*leaf)
	switch {
	case aLeaf && bLeaf:
		shape := a.Shape()
		if isScalar(shape) {
			shape = b.Shape()
		}
		return &leaf{x: expr.Add(la.x, lb.x), shape: shape}
	case aLeaf && la.x == expr.Zero:
		return b
	case bLeaf && lb.x == expr.Zero:
		return a
	}
	shape := a.Shape()
	if isScalar(shape) {
		shape = b.Shape()
	}
	return &plus{a: a, b: b, shape: shape}
}

func (fs *formulas) neg(a Term) Term {
	switch a := a.(type) {
	case *leaf:
		return &leaf{x: expr.Neg(a.x), shape: a.shape}
	case *negated:
		return a.a
	case *matProduct:
		if l, ok := a.a.(*leaf); ok && isScalar(l.shape) {
			return fs.mat(&leaf{x: expr.Neg(l.x)}, a.b)
		}
	}
	return &negated{a: a}
}

// sum is the sum of a's entries.
func (fs *formulas) sum(a Term) Term {
	if isScalar(a.Shape()) {
		return a
	}
	if m, ok := a.(*matProduct); ok && isScalar(m.a.Shape()) {
		return fs.mat(m.a, fs.sum(m.b))
	}
	return &total{a: a}
}

// precOf is how tightly t binds as written, on expr's scale. A leaf
// that starts with a minus binds as a sum where it stands after another
// factor; callers that put t first allow it.
func precOf(fs *formulas, t Term) int {
	switch t := t.(type) {
	case *leaf:
		x := t.x
		if s, ok := x.(*expr.Symbol); ok && fs.atoms[s.Name()].value != nil {
			x = fs.atoms[s.Name()].value // a number put in: as it is written
		}
		if strings.HasPrefix(expr.Plain(x), "-") {
			return expr.PrecUnary
		}
		return expr.Precedence(x)
	case *matProduct, *hadamard:
		return expr.PrecMul
	case *transposeOf:
		return expr.PrecPow
	case *plus:
		return expr.PrecAdd
	case *negated:
		return expr.PrecUnary
	}
	return expr.PrecAtom
}

// Plain writes t in the syntax a network is written in: juxtaposition
// for the matrix product, * entry by entry, ^T.
func (fs *formulas) Plain(t Term) string { return fs.write(t, false) }

// TeX writes t in LaTeX: \odot for the Hadamard product, \bar y for an
// adjoint.
func (fs *formulas) TeX(t Term) string { return fs.write(t, true) }

func (fs *formulas) write(t Term, tex bool) string {
	pick := func(plain, latex string) string {
		if tex {
			return latex
		}
		return plain
	}
	// operand writes u, parenthesised when it binds looser than min; a
	// leading minus counts as a sum unless first.
	operand := func(u Term, min int, first bool) string {
		s := fs.write(u, tex)
		p := precOf(fs, u)
		if !first && p == expr.PrecUnary {
			p = expr.PrecAdd
		}
		if tex {
			if l, ok := u.(*leaf); ok && min >= expr.PrecPow && l.x.Kind() == expr.KindCall {
				p = expr.PrecMul // \sin w^T would read as \sin(w^T)
			}
		}
		if p < min {
			return pick("("+s+")", `\left(`+s+`\right)`)
		}
		return s
	}
	switch t := t.(type) {
	case *leaf:
		return fs.leafText(t.x, tex)
	case *matProduct:
		sep := pick(" ", ` \, `)
		if isScalar(t.a.Shape()) && isScalar(t.b.Shape()) {
			sep = pick("*", ` \cdot `)
		}
		left := operand(t.a, expr.PrecMul, true)
		if _, ok := t.a.(*hadamard); ok { // (a ⊙ b) x^T, not a ⊙ (b x^T)
			left = pick("("+left+")", `\left(`+left+`\right)`)
		}
		return left + sep + operand(t.b, expr.PrecMul+1, false)
	case *hadamard:
		return operand(t.a, expr.PrecMul, true) + pick(" * ", ` \odot `) + operand(t.b, expr.PrecMul+1, false)
	case *transposeOf:
		return operand(t.a, expr.PrecAtom, true) + pick("^T", `^{\top}`)
	case *total:
		return pick("sum("+fs.write(t.a, tex)+")", `\operatorname{sum}\mathopen{}\left(`+fs.write(t.a, tex)+`\right)`)
	case *ones:
		if len(t.shape) == 2 {
			return pick("1^T", `\mathbf{1}^{\top}`)
		}
		return pick("1", `\mathbf{1}`)
	case *identityOf:
		return "I"
	case *diagonalOf:
		return pick("diag("+fs.write(t.a, tex)+")", `\operatorname{diag}\mathopen{}\left(`+fs.write(t.a, tex)+`\right)`)
	case *applied:
		head := `\operatorname{` + t.name + `}`
		if t.tex != "" {
			head = t.tex
		}
		return pick(t.name+"("+fs.write(t.a, tex)+")", head+`\mathopen{}\left(`+fs.write(t.a, tex)+`\right)`)
	case *plus:
		if l, ok := t.b.(*leaf); ok && strings.HasPrefix(expr.Plain(l.x), "-") {
			return fs.write(t.a, tex) + " - " + operand(&leaf{x: expr.Neg(l.x), shape: l.shape}, expr.PrecAdd+1, false)
		}
		if ng, ok := t.b.(*negated); ok {
			return fs.write(t.a, tex) + " - " + operand(ng.a, expr.PrecAdd+1, false)
		}
		return fs.write(t.a, tex) + " + " + operand(t.b, expr.PrecAdd, false)
	case *negated:
		return "-" + operand(t.a, expr.PrecMul, false)
	case *convCall:
		return fs.writeConv(t, tex)
	}
	panic(fmt.Sprintf("network: no rendering of %T", t))
}

// leafText writes an expr term, its atoms put in.
func (fs *formulas) leafText(x expr.Expr, tex bool) string {
	var used []string
	for _, s := range expr.FreeSymbols(x) {
		if _, ok := fs.atoms[s.Name()]; ok {
			used = append(used, s.Name())
		}
	}
	slices.Sort(used)
	if !tex {
		if s, ok := x.(*expr.Symbol); ok && len(used) == 1 {
			return fs.atoms[s.Name()].plain
		}
		out := expr.Plain(x)
		for _, ph := range slices.Backward(used) {
			a := fs.atoms[ph]
			with := a.plain
			if a.parenPlain {
				out = strings.ReplaceAll(out, "("+ph+")", "("+with+")")
				with = "(" + with + ")"
			}
			out = strings.ReplaceAll(out, ph, with)
		}
		return out
	}
	names := map[string]string{}
	subst := map[expr.Expr]expr.Expr{}
	for _, ph := range used {
		a := fs.atoms[ph]
		names[ph] = a.tex
		switch {
		case a.value != nil:
			subst[expr.Sym(ph)] = a.value
		case a.parenTeX:
			names[ph] = `\left(` + a.tex + `\right)`
		}
	}
	out := latex.Expr(x, latex.WithNames(names), latex.WithSubst(subst))
	for _, ph := range used {
		if a := fs.atoms[ph]; a.parenTeX {
			out = strings.ReplaceAll(out, `\left({\left(`+a.tex+`\right)}\right)`, `\left(`+a.tex+`\right)`)
		}
	}
	return out
}
