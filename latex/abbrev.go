package latex

import "github.com/derivtex/derivtex/expr"

// Derivations name the large subterms their lines would repeat
// (expr.Abbreviate): u_1 = \sin(\sin(...)), then u_1 wherever it occurs,
// the definitions listed after the rows under \intertext{where}.

// Abbreviated renders the subterms a names by their names (see
// expr.Abbreviate); with a nil a, nothing is named. Chain and Rows name
// what their rows repeat unless given this option, which lets a caller
// share names between a chain and the boxed answer after it.
func Abbreviated(a *expr.Names) Option {
	return func(c *config) { c.abbrev, c.abbrevSet = a, true }
}

// Defining renders a term that Abbreviated names by its definition: the
// term itself written out, its named parts by their names.
func Defining(x expr.Expr) Option {
	return func(c *config) { c.defining = x }
}

// abbreviation returns the name that stands for x, if it has one and is
// not being defined.
func (p *printer) abbreviation(x expr.Expr) (string, bool) {
	if x == p.defining {
		return "", false
	}
	return p.cfg.abbrev.Of(x)
}

// definitions writes the rows that define the names, after the rows of a
// chain: \intertext{where} and u_k &= its subterm, each subterm written
// with the names of its own named parts.
func (p *printer) definitions() {
	a := p.cfg.abbrev
	if a.Len() == 0 {
		return
	}
	p.str(`\\` + "\n" + `\intertext{where}` + "\n")
	for i, x := range a.Named() {
		if i > 0 {
			p.str(`\\` + "\n")
		}
		name, _ := p.abbreviation(x)
		p.symbolName(name)
		p.str(" &= ")
		// The subterm itself, not its name: its parts may have names;
		// broken to the line when the caller gave one.
		p.defining = x
		if p.cfg.lineWidth > 0 {
			p.broken(x, p.cfg.lineWidth-4)
		} else {
			p.expr(x, 0)
		}
		p.defining = nil
	}
}
