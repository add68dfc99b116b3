package parser

import (
	"slices"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// Density is a probability density (or mass) function as a maximum
// likelihood problem states it: p(y | x; w, b) = body. The header names
// the roles the MLE feature needs: which variable is observed, which are
// given with it, and which are the parameters to fit.
type Density struct {
	Name     string   // the function's name, "p"; "" when there was no header
	Response string   // the observed variable, "y"; "" without a header
	Given    []string // names after "|", up to ";" if any
	Params   []string // names after ";"
	Body     expr.Expr
	Uses     []Use // the names of Body, as ParseTerm returns them
	// Layout is how Body is written (see ParseLayout), from
	// ParseDensityLayout; nil from ParseDensity.
	Layout *expr.Layout
}

// ParseDensity reads either a bare term, or a density with its header:
//
//	p(y | x, w) = x w exp(-x w y)
//	p(y | x; w, b) = 1/2 exp(-|w x + b - y|)
//
// The header is recognised by its start, a name that is not a function
// directly followed by "(", which as a term would be an unknown function.
func ParseDensity(src string) (*Density, error) {
	return parseDensity(src, false)
}

// ParseDensityLayout is ParseDensity that also records how the body is
// written (Density.Layout), so that the likelihood shows the density as
// its author wrote it.
func ParseDensityLayout(src string) (*Density, error) {
	return parseDensity(src, true)
}

func parseDensity(src string, layout bool) (*Density, error) {
	if !hasHeader(src) {
		if layout {
			x, uses, l, err := ParseLayout("", src)
			if err != nil {
				return nil, err
			}
			return &Density{Body: x, Uses: uses, Layout: l}, nil
		}
		x, uses, err := ParseTerm("", src)
		if err != nil {
			return nil, err
		}
		return &Density{Body: x, Uses: uses}, nil
	}
	in, err := parse(densityParser, "", src)
	if err != nil {
		return nil, err
	}
	d := &Density{Name: in.Name.Name}
	seen := map[string]bool{}
	for _, n := range append(append([]ident{in.Response}, in.Given...), in.Params...) {
		if e := checkVariable(n, seen); e != nil {
			return nil, e.WithSource(src)
		}
	}
	d.Response = in.Response.Name
	for _, n := range in.Given {
		d.Given = append(d.Given, n.Name)
	}
	for _, n := range in.Params {
		d.Params = append(d.Params, n.Name)
	}
	b := newBuilder(src)
	if layout {
		b.layout = expr.NewLayout()
	}
	if err := b.run(func() { d.Body = b.term(in.Body.root) }); err != nil {
		return nil, err
	}
	if layout && b.last != nil && d.Body.Kind() > expr.KindIndexed {
		b.layout.Form(d.Body, b.last) // as ParseLayout: the whole body as written
	}
	d.Uses = b.firstUses()
	d.Layout = b.layout
	return d, nil
}

// checkVariable checks a name of a density header: a variable the body
// can mention, and named once.
func checkVariable(n ident, seen map[string]bool) *diag.Error {
	switch _, isFunc := callees[n.Name]; {
	case isConstantName(n.Name):
		return errorAt(n.Pos, "%s is a constant, not a variable", n.Name)
	case isFunc:
		return errorAt(n.Pos, "%s is a function, not a variable", n.Name)
	case seen[n.Name]:
		return errorAt(n.Pos, "%s is listed twice", n.Name)
	}
	seen[n.Name] = true
	return nil
}

// hasHeader reports whether src starts like a density header: a name that
// is not callable, directly followed by "(". It looks at two tokens only.
func hasHeader(src string) bool {
	lex, err := plainLexer.LexString("", src)
	if err != nil {
		return false
	}
	first, _ := lex.Next()
	second, _ := lex.Next()
	if first.Type != tokIdent {
		return false
	}
	_, isFunc := callees[first.Value]
	return !isFunc && isPunct(&second, "(") && adjacent(&first, &second)
}

// HeaderParams are the parameters the header names: the names after ';',
// or, in a header without ';', the one name after '|' when the body
// mentions nothing but it, the response and the known constants consts
// (p(y | lambda) = ...). It is nil when the header names none: then a
// params statement (--params) must.
func (d *Density) HeaderParams(consts []string) []string {
	if len(d.Params) > 0 || len(d.Given) != 1 {
		return d.Params
	}
	named := func(n string) bool { return n == d.Response || n == d.Given[0] || slices.Contains(consts, n) }
	for _, s := range expr.FreeSymbols(d.Body) {
		if !named(s.Name()) {
			return nil
		}
	}
	return d.Given
}
