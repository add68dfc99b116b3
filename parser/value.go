package parser

import (
	"fmt"
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// Values: what a binding gives a name, on the command line (x=[1, 2])
// and in a problem file's given. A value is a term that mentions no
// variable (2, pi/2, max(1, 2), sum(k, k, 1, 3)), or an array literal of
// such terms, nested for a matrix and up, at most tensor.MaxRank deep:
//
//	[pi/2, pi]
//	[[1, 0, 2], [2, 1, -1]]
//
// Every row of a level has the same shape; an array holds at least one
// entry ([] is refused); a comma separates entries and may not trail
// ([1, 2,] is refused, as f(a,) is). An array is only ever a whole value:
// inside a term, "[" is refused with a message that says so.

// ParseValue reads a value: a scalar (rank 0) or an array. Its entries
// are exact terms, so [pi/2, pi] keeps pi/2. The limits of limits.go
// apply: input size, depth (each "[" counts as a level) and nodes.
func ParseValue(src string) (tensor.Tensor, error) {
	in, err := parse(valueParser, "", src)
	if err != nil {
		return tensor.Tensor{}, err
	}
	b := newBuilder(src)
	var v tensor.Tensor
	err = b.run(func() { v = b.value(in.Value.root) })
	return v, err
}

// ParseValueAs reads a value written in syntax s. LaTeX has no array
// literal derivtex reads, so a LaTeX value is a number: \frac{\pi}{2}.
func ParseValueAs(s Syntax, src string) (tensor.Tensor, error) {
	if s != LaTeX {
		return ParseValue(src)
	}
	in, err := parseWith(texLexer, texParser, "", src)
	if err != nil {
		return tensor.Tensor{}, err
	}
	b := newBuilder(src)
	var v tensor.Tensor
	err = b.run(func() { v = b.value(resolveTeX(in.Term.root)) })
	return v, err
}

// valueInput is a whole input holding one value.
type valueInput struct {
	Value value `parser:"@@"`
}

// value is where participle hands over to the climber for a value, as
// term does for a term.
type value struct{ root node }

// Parse implements participle.Parseable.
func (v *value) Parse(lex *lexer.PeekingLexer) (err error) {
	c := climber{lex: lex}
	defer recoverInto(lex, &err)
	v.root = c.value()
	return nil
}

var valueParser = newParser[valueInput]()

// value parses an array literal, or a term.
func (c *climber) value() node {
	if !isPunct(c.lex.Peek(), "[") {
		return c.expression(0)
	}
	n := c.array(1)
	if t := c.lex.Peek(); !t.EOF() {
		panic(errorAt(t.Pos, "unexpected %s after the array: an array is a whole value, not part of a term", describe(t)))
	}
	return n
}

// array parses an array literal whose "[" is next, at the given depth of
// brackets (1 for the outermost).
func (c *climber) array(depth int) node {
	open := c.lex.Next()
	c.count(open)
	if c.depth++; c.depth > MaxDepth {
		panic(errorAt(open.Pos, "nesting deeper than %d", MaxDepth))
	}
	if depth > tensor.MaxRank {
		panic(errorAt(open.Pos, "an array has at most %d dimensions", tensor.MaxRank))
	}
	if isPunct(c.lex.Peek(), "]") {
		panic(errorAt(open.Pos, "empty array: a value has at least one entry"))
	}
	n := &arrayNode{pos: open.Pos}
	c.nested(false, func() {
		for {
			if isPunct(c.lex.Peek(), "[") {
				n.elems = append(n.elems, c.array(depth+1))
			} else {
				n.elems = append(n.elems, c.expression(0))
			}
			if !isPunct(c.lex.Peek(), ",") {
				return
			}
			c.lex.Next()
			if t := c.lex.Peek(); isPunct(t, "]") {
				panic(errorAt(t.Pos, `unexpected "]": expected an entry after ","`))
			}
		}
	})
	c.close(open, "]", true)
	c.depth--
	return n
}

// value converts a value's node: an array level by level, each row
// checked against the first, or a term, which must be a number.
func (b *builder) value(n node) tensor.Tensor {
	a, ok := n.(*arrayNode)
	if !ok {
		// What the source mentions, not what the term keeps: 0 y folds
		// to 0, and is still no number.
		before := len(b.free)
		x := b.term(n)
		if len(b.free) > before {
			name := b.free[before]
			panic(errorAt(b.uses[name].free, "a value must be a number, but it mentions %s", name))
		}
		return tensor.Scalar(x)
	}
	var shape []int
	var entries []expr.Expr
	for k, el := range a.elems {
		t := b.value(el)
		if k == 0 {
			shape = t.Shape()
		} else if !slices.Equal(t.Shape(), shape) {
			panic(errorAt(start(el), "%s", raggedText(k+1, t.Shape(), shape)))
		}
		entries = append(entries, t.Entries()...)
	}
	b.pos = a.pos
	t, err := tensor.New(append([]int{len(a.elems)}, shape...), entries)
	if err != nil {
		panic(errorAt(a.pos, "%s", diag.From(err).Msg))
	}
	return t
}

// raggedText says how row k differs from row 1: by its length when both
// are vectors, by their shapes otherwise.
func raggedText(k int, got, want []int) string {
	if len(got) == 1 && len(want) == 1 {
		return fmt.Sprintf("row %d has %s, row 1 has %d", k, countOf(got[0], "entry", "entries"), want[0])
	}
	return fmt.Sprintf("entry %d is %s, entry 1 is %s", k, expr.DescribeShape(got), expr.DescribeShape(want))
}

// ParseVariable reads a variable to differentiate by: a name that is
// neither a constant nor a function, or an element whose indices are
// whole numbers from 1 or names (x[1], W[1, 2], x[i]). The wrt of a
// problem file and derivtex diff --wrt both read theirs with it.
func ParseVariable(src string) (expr.Expr, error) {
	word := strings.TrimSpace(src)
	at := diag.Pos{Line: 1, Col: 1}.Advance(src[:strings.Index(src, word)])
	fail := func(format string, args ...any) (expr.Expr, error) {
		return nil, diag.At(at, format, args...).WithSource(src)
	}
	if isConstantName(word) {
		return fail("%s is a constant, not a variable", word)
	}
	if _, ok := callees[word]; ok {
		return fail("%s is a function, not a variable", word)
	}
	x, _, err := ParseTerm("", src)
	if err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case *expr.Symbol:
		return v, nil
	case *expr.Indexed:
		for _, ix := range v.Index() {
			if !variableIndex(ix) {
				return fail("the indices of %s must be whole numbers from 1, or names", diag.Clip(word))
			}
		}
		return v, nil
	}
	return fail("%s is not a variable: expected a name, or an element such as x[1]", diag.Clip(word))
}

// variableIndex reports whether an index of a variable's element is a
// whole number from 1 or a name.
func variableIndex(ix expr.Expr) bool {
	switch ix := ix.(type) {
	case *expr.Number:
		return ix.IsInt() && ix.Sign() > 0
	case *expr.Symbol:
		return !expr.IsConstantSymbol(ix)
	}
	return false
}
