package convarith

import (
	"math/big"
	"strconv"
	"strings"
)

// A Formula is integer arithmetic on named quantities, kept as a tree so
// that it can be written twice: with the names (k_h k_w C) and with the
// numbers put in (5 \cdot 5 \cdot 2), and worked out exactly. Package
// expr is no help here: its products collect numbers at once, so
// 5*5*2 would be 50 before it could be shown, and it has no floor.
type Formula struct{ n node }

// Style says how a formula is written: plain syntax or LaTeX.
type Style bool

const (
	Plain Style = false
	TeX   Style = true
)

type node interface {
	write(b *strings.Builder, st Style, values bool)
	value() *big.Int
	prec() int
}

// Precedences: a sum binds loosest, a product tighter, an atom tightest.
const (
	precSum = iota + 1
	precProd
	precAtom
)

// Var is a named quantity and its value: Var("k_h", 5).
func Var(name string, v int64) Formula { return Formula{variable{name, v}} }

// Num is a constant.
func Num(v int64) Formula { return Formula{number(v)} }

// Sum adds its terms.
func Sum(terms ...Formula) Formula { return Formula{sum{nodes(terms), make([]bool, len(terms))}} }

// Minus subtracts b from a.
func (a Formula) Minus(b Formula) Formula {
	if s, ok := a.n.(sum); ok {
		return Formula{sum{append(append([]node(nil), s.terms...), b.n), append(append([]bool(nil), s.neg...), true)}}
	}
	return Formula{sum{[]node{a.n, b.n}, []bool{false, true}}}
}

// Plus adds b to a.
func (a Formula) Plus(b Formula) Formula {
	if s, ok := a.n.(sum); ok {
		return Formula{sum{append(append([]node(nil), s.terms...), b.n), append(append([]bool(nil), s.neg...), false)}}
	}
	return Sum(a, b)
}

// Prod multiplies its factors.
func Prod(factors ...Formula) Formula { return Formula{product(nodes(factors))} }

// Floor is floor(num / den).
func Floor(num, den Formula) Formula { return Formula{floor{num.n, den.n}} }

func nodes(fs []Formula) []node {
	out := make([]node, len(fs))
	for i, f := range fs {
		out[i] = f.n
	}
	return out
}

// Value works the formula out.
func (a Formula) Value() *big.Int { return a.n.value() }

// Int is Value as an int64; counts that outgrow it are capped (the
// requests are capped well below).
func (a Formula) Int() int64 {
	v := a.Value()
	if !v.IsInt64() {
		return -1
	}
	return v.Int64()
}

// Symbolic writes the formula with its names.
func (a Formula) Symbolic(st Style) string {
	var b strings.Builder
	a.n.write(&b, st, false)
	return b.String()
}

// Substituted writes the formula with the values put in.
func (a Formula) Substituted(st Style) string {
	var b strings.Builder
	a.n.write(&b, st, true)
	return b.String()
}

type variable struct {
	name string
	v    int64
}

func (x variable) prec() int       { return precAtom }
func (x variable) value() *big.Int { return big.NewInt(x.v) }
func (x variable) write(b *strings.Builder, st Style, values bool) {
	switch {
	case values:
		b.WriteString(strconv.FormatInt(x.v, 10))
	case st == TeX:
		b.WriteString(texName(x.name))
	default:
		b.WriteString(x.name)
	}
}

// texName writes k_h as k_{h} and H' as H'.
func texName(name string) string {
	base, sub, ok := strings.Cut(name, "_")
	if !ok {
		return name
	}
	return base + "_{" + sub + "}"
}

type number int64

func (x number) prec() int       { return precAtom }
func (x number) value() *big.Int { return big.NewInt(int64(x)) }
func (x number) write(b *strings.Builder, _ Style, _ bool) {
	b.WriteString(strconv.FormatInt(int64(x), 10))
}

type sum struct {
	terms []node
	neg   []bool
}

func (x sum) prec() int { return precSum }
func (x sum) value() *big.Int {
	v := new(big.Int)
	for i, t := range x.terms {
		if x.neg[i] {
			v.Sub(v, t.value())
		} else {
			v.Add(v, t.value())
		}
	}
	return v
}
func (x sum) write(b *strings.Builder, st Style, values bool) {
	for i, t := range x.terms {
		switch {
		case x.neg[i]:
			b.WriteString(" - ")
		case i > 0:
			b.WriteString(" + ")
		}
		paren(b, t, st, values, t.prec() == precSum)
	}
}

type product []node

func (x product) prec() int { return precProd }
func (x product) value() *big.Int {
	v := big.NewInt(1)
	for _, f := range x {
		v.Mul(v, f.value())
	}
	return v
}

// write puts \cdot between numbers (5 \cdot 5) and a space between names
// (k_h k_w), * in plain syntax.
func (x product) write(b *strings.Builder, st Style, values bool) {
	for i, f := range x {
		if i > 0 {
			switch {
			case st == Plain:
				b.WriteString("*")
			case values || isNumber(x[i-1]) && isNumber(f) || x[i-1].prec() == precSum:
				b.WriteString(` \cdot `)
			default:
				b.WriteString(" ")
			}
		}
		paren(b, f, st, values, f.prec() < precProd)
	}
}

func isNumber(n node) bool { _, ok := n.(number); return ok }

type floor struct{ num, den node }

func (x floor) prec() int { return precAtom }
func (x floor) value() *big.Int {
	q, m := new(big.Int), new(big.Int)
	q.DivMod(x.num.value(), x.den.value(), m) // Euclidean: floor for a positive divisor
	return q
}
func (x floor) write(b *strings.Builder, st Style, values bool) {
	if st == TeX {
		b.WriteString(`\left\lfloor \frac{`)
		x.num.write(b, st, values)
		b.WriteString("}{")
		x.den.write(b, st, values)
		b.WriteString(`} \right\rfloor`)
		return
	}
	b.WriteString("floor(")
	paren(b, x.num, st, values, x.num.prec() < precAtom)
	b.WriteString("/")
	paren(b, x.den, st, values, x.den.prec() < precAtom)
	b.WriteString(")")
}

func paren(b *strings.Builder, n node, st Style, values, need bool) {
	if !need {
		n.write(b, st, values)
		return
	}
	if st == TeX {
		b.WriteString(`\left(`)
	} else {
		b.WriteString("(")
	}
	n.write(b, st, values)
	if st == TeX {
		b.WriteString(`\right)`)
	} else {
		b.WriteString(")")
	}
}
