// Package parser reads derivtex's plain syntax into expr terms. It is the
// only package that knows about participle.
//
// # Syntax
//
// Numbers are exact: 2, 0.25 (= 1/4), 1e-3 (= 1/1000). Names are
// [A-Za-z][A-Za-z0-9_]*; Greek letters are spelled out (alpha, lambda) and
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
// followed by "[".
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
// Errors are *diag.Error values carrying file:line:col and the source line. The
// limits (MaxDepth, MaxNodes, MaxInputBytes, number sizes) make hostile
// input fail fast with such an error; no panic leaves the package.
package parser

import "github.com/derivtex/derivtex/expr"

// Parse reads one term. Like every entry point, it is safe for
// concurrent use.
func Parse(src string) (expr.Expr, error) { return ParseFile("", src) }

// ParseFile reads one term; filename prefixes error positions.
func ParseFile(filename, src string) (expr.Expr, error) {
	in, err := parse(termParser, filename, src)
	if err != nil {
		return nil, err
	}
	return build(in.Term.root, src)
}

// ParseEquation reads lhs = rhs, as in a step of a hand derivation.
func ParseEquation(src string) (lhs, rhs expr.Expr, err error) {
	in, err := parse(equationParser, "", src)
	if err != nil {
		return nil, nil, err
	}
	if lhs, err = build(in.LHS.root, src); err != nil {
		return nil, nil, err
	}
	if rhs, err = build(in.RHS.root, src); err != nil {
		return nil, nil, err
	}
	return lhs, rhs, nil
}
