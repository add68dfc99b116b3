// Package parser reads derivtex's plain syntax into expr terms. It is the
// only package that knows about participle.
//
// # Syntax
//
// Numbers are exact: 2, 0.25 (= 1/4), .5, 5. (= 5), 1e-3 (= 1/1000).
// Names are [A-Za-z][A-Za-z0-9_]*; Greek letters are spelled out (alpha, lambda) and
// are ordinary symbols. pi is the circle constant and e alone is Euler's
// number. The operators, loosest first:
//
//	a + b, a - b          left-associative
//	a * b, a / b, a b     left-associative; juxtaposition is *
//	-a                    so -x^2 = -(x^2), and -a b = (-a) b
//	a ^ b                 right-associative: a^b^c = a^(b^c); 2^-x is allowed
//
// so x w exp(-x w y) is x*w*exp(-x*w*y), 1/2 exp(x) is (1/2)*exp(x) and
// 2x^2 is 2*(x^2). The tables are expr.BinaryOps and the expr.Prec
// constants, which the printers use too.
//
// Calls f(a, b) exist for every function of expr.Funcs, plus ln (= log),
// sqrt(x), sum(body, i, lo, hi), prod(body, i, lo, hi) and diff(body, v);
// these names are reserved. Indexing is x[i] or W[i, j], the name directly
// followed by "[", 1-based. Within one input a name always takes the same
// number of indices (none for a plain name): x[1, 2] + x[1] and x + x[1]
// are errors at the second use. ParseTerm also returns where each name is
// first used, with how many indices, and where first outside the sums
// over it, read from the source rather than the term, which folds (0 y is
// 0, yet uses y): for callers that bind values. Locate finds where a
// source writes a part of its term, for errors about that part.
//
// Values, which bindings give names (derivtex eval x=[1, 2], a problem
// file's given), are read by ParseValue: a term that mentions no variable
// (even one that folds to a number: 0 y is refused), or an
// array literal [a, b], nested for a matrix [[1, 0], [0, 1]], up to
// tensor.MaxRank levels, with every row of a level the same shape, no
// empty array and no trailing comma. Entries stay exact: [pi/2, pi]. An
// array is only ever a whole value, never part of a term. Variables to
// differentiate by are read by ParseVariable: a name, or an element x[1].
//
// Two decisions resolve ambiguities of hand-written maths:
//
//   - A name that is not a function, directly followed by "(", is an
//     error, "unknown function", because f(x) is nearly always meant as a
//     call; with whitespace between, x (y + 1), it is a product. A number
//     after an operand (x 2) is refused rather than multiplied.
//   - |...| is abs. A "|" where an operand is expected opens one; where an
//     operator is expected it closes the innermost open abs, if the
//     innermost open bracket is one, and otherwise opens a new abs that
//     multiplies: |a| |b| is abs(a)*abs(b), and so |a |b| c| reads as
//     |a| b |c|. To nest, put an operator before the inner bar,
//     |a*|b|*c|, or write abs().
//
// A run of * and / (or of + and -) becomes one expr.Mul (or expr.Add) call,
// not a fold of binary ones, and two forms the printers write are read
// factor by factor: a leading minus is the sign of the whole product, and
// a parenthesised product after "/" divides by each of its factors. So
// -(x + 1)*y keeps its sum, and 1/(2*(x + 1)) is not 1/(2*x + 2); see
// builder.factors. The value is the same either way; this reading is the
// one under which expr.Plain's output reads back to the term it printed.
//
// # LaTeX
//
// ParseAs(LaTeX, ...) and ParseTermAs read LaTeX math instead, as
// students and handouts write it (\frac12, \sum_{i=1}^{N}, \sigma(z),
// \frac{\partial}{\partial w}, x_i), into the same terms: see
// docs/latex-input.md, and latex_reader.go for how.
//
// Errors are *diag.Error values carrying file:line:col and the source line. The
// limits (MaxDepth, MaxNodes, MaxInputBytes, number sizes) make hostile
// input fail fast with such an error; no panic leaves the package.
package parser

import (
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// Parse reads one term. Like every entry point, it is safe for
// concurrent use.
func Parse(src string) (expr.Expr, error) { return ParseFile("", src) }

// ParseFile reads one term; filename prefixes error positions.
func ParseFile(filename, src string) (expr.Expr, error) {
	x, _, err := ParseTerm(filename, src)
	return x, err
}

// ParseTerm reads one term like ParseFile, and also says which names it
// uses, where first, and with how many indices, in source order (the
// constants pi and e are not names; the index of a sum is). A caller
// that binds values to names checks them against these, and reports a
// mismatch at the use.
func ParseTerm(filename, src string) (expr.Expr, []Use, error) {
	in, err := parse(termParser, filename, src)
	if err != nil {
		return nil, nil, err
	}
	b := newBuilder(src)
	var x expr.Expr
	if err := b.run(func() { x = b.term(in.Term.root) }); err != nil {
		return nil, nil, err
	}
	return x, b.firstUses(), nil
}

// Locate returns where src, read as ParseTerm reads it, first writes a
// part that builds the term x (terms are interned, so the part is the
// very term), so that an error about a part of a term, such as an
// evaluation's "index 3 out of range ... (in x[3])", can point at it.
// ok is false when src does not read, or no part of it builds x (folding
// can lose one: 0 x[3]).
func Locate(src string, x expr.Expr) (at diag.Pos, ok bool) { return LocateAs(Plain, src, x) }

// LocateAs is Locate for a source written in syntax s.
func LocateAs(s Syntax, src string, x expr.Expr) (at diag.Pos, ok bool) {
	var root node
	if s == LaTeX {
		in, err := parseWith(texLexer, texParser, "", src)
		if err != nil {
			return diag.Pos{}, false
		}
		root = in.Term.root
	} else {
		in, err := parse(termParser, "", src)
		if err != nil {
			return diag.Pos{}, false
		}
		root = in.Term.root
	}
	if x == nil {
		return diag.Pos{}, false
	}
	b := newBuilder(src)
	b.find = x
	build := func() { b.term(root) }
	if s == LaTeX {
		build = func() { b.term(resolveTeX(root)) }
	}
	if err := b.run(build); err != nil || b.found == nil {
		return diag.Pos{}, false
	}
	return posOf(*b.found), true
}

// ParseEquation reads lhs = rhs, as in a step of a hand derivation. A
// name has the same number of indices on both sides.
func ParseEquation(src string) (lhs, rhs expr.Expr, err error) {
	in, err := parse(equationParser, "", src)
	if err != nil {
		return nil, nil, err
	}
	b := newBuilder(src)
	if err := b.run(func() { lhs, rhs = b.term(in.LHS.root), b.term(in.RHS.root) }); err != nil {
		return nil, nil, err
	}
	return lhs, rhs, nil
}
