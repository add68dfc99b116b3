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
