package latex

import (
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
)

// Option adjusts how terms and derivations are rendered.
type Option func(*config)

// config is the settled form of a list of Options.
type config struct {
	subst     map[expr.Expr]expr.Expr
	names     map[string]string
	ordinary  bool
	lineWidth float64
	lhs       string // LHS: a named left-hand side for a chain
	abbrev    *expr.Names
	abbrevSet bool      // Abbreviated was given, if only with nil
	defining  expr.Expr // Defining: written out though it has a name
	meter     *budget.Meter
	substTeX  map[expr.Expr]string // WithSubstTeX
	layout    *expr.Layout         // WithLayout
	written   bool                 // Written
	writtenIn expr.Expr            // WrittenWhile
}

// WithBudget charges what is printed to m's output budget. A printer
// stops writing once it has written what is left of the budget, so a
// refused rendering costs no more memory than the budget allows; its
// result is then cut short, and m says so.
func WithBudget(m *budget.Meter) Option {
	return func(c *config) { c.meter = m }
}

// DefaultLineWidth is the width, in estimated glyphs of printed math, past
// which Chain breaks a row. It suits the 345pt text block of a standard
// article page (10pt, default margins), the narrowest page a derivation is
// likely to land on: typeset by pdflatex, the golden formulas came to 4.8pt
// per estimated glyph on average and 6.7pt at most, so 56 glyphs stay
// within the block for all but the widest mixes (TestGoldenCompiles checks
// the log for overfull lines).
const DefaultLineWidth = 56

func newConfig(opts []Option) *config {
	c := &config{lineWidth: DefaultLineWidth}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithSubst renders each key of m (a symbol, usually) as its value, for the
// "formula with the numbers put in" line of a worked answer. The term is
// not rebuilt: rebuilding would evaluate sin(pi/2) 2 to 2 and hide the very
// thing the line is meant to show. A value is parenthesised by its own
// precedence in the position of the key, so a negative value as a factor
// gets parentheses and a number after another factor gets \cdot. The bound
// index of a sum or product is never substituted.
func WithSubst(m map[expr.Expr]expr.Expr) Option {
	return func(c *config) { c.subst = m }
}

// WithNames overrides the LaTeX of symbols and vector names: the value is
// written as given (it is trusted TeX, unlike a name, which is escaped),
// inside braces so that subscripts and exponents attach to all of it.
func WithNames(m map[string]string) Option {
	return func(c *config) { c.names = m }
}

// Ordinary writes derivatives with d instead of \partial when the rendered
// term (for Chain, the start of the derivation) has a single free variable,
// which is the convention for functions of one variable.
func Ordinary(on bool) Option {
	return func(c *config) { c.ordinary = on }
}

// LHS names the left-hand side of a chain in LaTeX (-\log L(w), say): the
// chain then reads lhs = start = state_1 = ..., instead of starting from
// start itself.
func LHS(tex string) Option {
	return func(c *config) { c.lhs = tex }
}

// LineWidth sets the width, in estimated glyphs, that Chain, Rows and
// Boxed break their rows to (DefaultLineWidth without it), for a document
// that knows its page is wider than the narrowest one.
func LineWidth(glyphs float64) Option {
	return func(c *config) { c.lineWidth = glyphs }
}

// WithLayout writes sums and products in l's display order: the author's
// order for those the author wrote, and the order their pieces were
// written in for new ones (see expr.Layout).
func WithLayout(l *expr.Layout) Option {
	return func(c *config) { c.layout = l }
}

// Written writes a term (for Chain and Rows, the start of the derivation)
// as the layout given by WithLayout says it was written: the input as the
// author typed it, exp(w x)/exp(b) rather than exp(w x - b). A chain then
// shows the constructors' rewrite of it as a step of its own, labelled by
// expr.Rewrites, when it reads differently.
func Written(on bool) Option {
	return func(c *config) { c.written = on }
}

// WrittenWhile writes the rows of a chain that hold x as a subterm, and
// its start, as the layout says they were written (see Written): a term
// the author wrote (a density, as the likelihood holds it) reads as
// written on every line until a step takes it apart.
func WrittenWhile(x expr.Expr) Option {
	return func(c *config) { c.written, c.writtenIn = true, x }
}

// WithSubstTeX writes the substitute of a key of WithSubst as the given
// LaTeX, parenthesised as the value would be: a given value as its author
// wrote it (0.5, where the value is 1/2).
func WithSubstTeX(m map[expr.Expr]string) Option {
	return func(c *config) { c.substTeX = m }
}
