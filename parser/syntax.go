package parser

import (
	"fmt"

	"github.com/derivtex/derivtex/expr"
)

// Syntax names a way of writing terms: the plain syntax of this package,
// or the LaTeX math that students and handouts write.
type Syntax int

const (
	Plain Syntax = iota
	LaTeX
)

// ParseSyntax reads the name of a syntax as written on a command line
// (--input plain|latex).
func ParseSyntax(name string) (Syntax, error) {
	switch name {
	case "", "plain":
		return Plain, nil
	case "latex", "tex":
		return LaTeX, nil
	}
	return Plain, fmt.Errorf("unknown input syntax %q (want plain or latex)", name)
}

func (s Syntax) String() string {
	if s == LaTeX {
		return "latex"
	}
	return "plain"
}

// ParseAs reads one term written in syntax s; filename prefixes error
// positions. Errors are *diag.Error values with line:col, as for ParseFile.
func ParseAs(s Syntax, filename, src string) (expr.Expr, error) {
	if s == LaTeX {
		return parseLaTeX(filename, src)
	}
	return ParseFile(filename, src)
}

// ParseTermAs reads one term written in syntax s, and the names it uses,
// as ParseTerm does.
func ParseTermAs(s Syntax, filename, src string) (expr.Expr, []Use, error) {
	if s == LaTeX {
		return parseLaTeXTerm(filename, src)
	}
	return ParseTerm(filename, src)
}

// ParseManyAs reads terms written in syntax s that belong together, such
// as the sides of the relations of a derivation, which one reader reads
// alike: in LaTeX, x_1 is the element x[1] in every one of them if any
// takes x with an index (a source alone could not tell; see
// docs/latex-input.md). xs[k] is the term of srcs[k], or nil, and errs[k]
// its error, positioned in srcs[k]; one source's error does not stop the
// others.
func ParseManyAs(s Syntax, filename string, srcs []string) (xs []expr.Expr, errs []error) {
	xs, errs = make([]expr.Expr, len(srcs)), make([]error, len(srcs))
	if s != LaTeX {
		for k, src := range srcs {
			xs[k], errs[k] = ParseFile(filename, src)
		}
		return xs, errs
	}
	roots := make([]node, len(srcs))
	r := newTexResolver()
	for k, src := range srcs {
		in, err := parseWith(texLexer, texParser, filename, src)
		if err == nil {
			roots[k] = in.Term.root
			err = newBuilder(src).run(func() { r.mark(roots[k]) })
		}
		errs[k] = err
	}
	for k, src := range srcs {
		if errs[k] != nil {
			continue
		}
		b := newBuilder(src)
		errs[k] = b.run(func() { xs[k] = b.term(r.resolve(roots[k])) })
	}
	return xs, errs
}
