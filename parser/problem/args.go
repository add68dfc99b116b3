package problem

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/texcheck"
)

// argKind says how the argument of a statement is read. Each kind has a
// reader that fills in the Statement's fields from its argument and
// reports what is wrong with it, positioned in the file.
type argKind struct {
	what string // what the argument is, for messages: "an expression"
	// quoted: the argument is a string, "..." or """...""". Otherwise it is
	// the rest of the line, in s.Text when read is called.
	quoted bool
	read   func(c *converter, s *Statement, tok lexer.Token)
}

var (
	argText      = &argKind{what: quotedText, quoted: true, read: readText(texcheck.Paragraph)}
	argHeading   = &argKind{what: quotedText, quoted: true, read: readText(texcheck.Title)}
	argAuthor    = &argKind{what: quotedText, quoted: true, read: readText(texcheck.Author)}
	argTitle     = &argKind{what: `a title in quotes: problem "..." {`, quoted: true, read: readText(texcheck.Title)}
	argExpr      = &argKind{what: "an expression", read: readExpr}
	argDensity   = &argKind{what: "a density, p(y | x, w) = ... or an expression", read: readDensity}
	argNames     = &argKind{what: "a list of names", read: readNames}
	argName      = &argKind{what: "a name", read: readName}
	argVariables = &argKind{what: "a list of variables", read: readVariables}
	argEval      = &argKind{what: "an expression, or NAME = expression", read: readEval}
	argBindings  = &argKind{what: "bindings NAME = VALUE, ...", read: readBindings}
	argPrecision = &argKind{what: "a number of decimals", read: readPrecision}
	argOption    = &argKind{what: "NAME = VALUE", read: readOption}
	argPreamble  = &argKind{what: quotedText, quoted: true, read: readPreamble}
)

const quotedText = `a string in quotes, "..." or """..."""`

// readText reads a string: "..." with \" for a quote, or """...""" with
// its indentation removed. It is the author's LaTeX, which must keep to
// what package texcheck allows in ctx, the place the handout puts it; its
// mistakes are reported at their places in the file.
func readText(ctx texcheck.Context) func(c *converter, s *Statement, tok lexer.Token) {
	return func(c *converter, s *Statement, tok lexer.Token) {
		t, ok := c.quotedText(s, tok)
		if !ok {
			return
		}
		for _, e := range texcheck.CheckWith(t.value, ctx, c.preamble) {
			src := min(t.source(e.Offset), len(tok.Value))
			c.errorf(c.pos(tok.Pos).Advance(tok.Value[:src]), "%s", e.Msg)
		}
	}
}

// quotedText reads the string of s, "..." or """...""" dedented, into
// s.Text; false when it is too long.
func (c *converter) quotedText(s *Statement, tok lexer.Token) (text, bool) {
	var t text
	if tok.Type == tokRaw {
		t = dedent(tok.Value)
	} else {
		t = unquote(tok.Value)
	}
	s.Text = t.value
	if len(s.Text) > MaxStringBytes {
		c.errorf(s.ArgPos, "string longer than %d KiB", MaxStringBytes>>10)
		return t, false
	}
	s.TextLines = c.lineStarts(t, tok)
	return t, true
}

// lineStarts is where each line of a string's value stands in the file,
// advancing from one line to the next so that a long text costs its
// length once.
func (c *converter) lineStarts(t text, tok lexer.Token) []diag.Pos {
	pos, src := c.pos(tok.Pos), 0
	var out []diag.Pos
	for off := 0; ; {
		next := min(t.source(off), len(tok.Value))
		if next >= src {
			pos, src = pos.Advance(tok.Value[src:next]), next
		}
		out = append(out, pos)
		j := strings.IndexByte(t.value[off:], '\n')
		if j < 0 {
			return out
		}
		off += j + 1
	}
}

// readPreamble reads the preamble setting: the author's packages and
// macros, which package texcheck checks (texcheck.CheckPreamble) and the
// texts of the file may then use. The converter reads it before any
// text (see convertFile).
func readPreamble(c *converter, s *Statement, tok lexer.Token) {
	t, ok := c.quotedText(s, tok)
	if !ok {
		return
	}
	p, errs := texcheck.CheckPreamble(t.value)
	for _, e := range errs {
		src := min(t.source(e.Offset), len(tok.Value))
		c.errorf(c.pos(tok.Pos).Advance(tok.Value[:src]), "%s", e.Msg)
	}
	c.preamble = p
	c.file.Preamble, c.file.PreamblePos = p.TeX, s.ArgPos
	if p.TeX == t.value {
		c.file.PreambleLines = s.TextLines
	}
}

// readExpr reads a term in plain syntax, or LaTeX between $ signs.
func readExpr(c *converter, s *Statement, _ lexer.Token) {
	s.Expr = c.term(s, piece{s.Text, s.ArgPos})
}

// readDensity reads a density with or without its header.
func readDensity(c *converter, s *Statement, _ lexer.Token) {
	p := piece{s.Text, s.ArgPos}
	d, err := parser.ParseDensity(s.Text)
	if err != nil {
		c.exprError(p, err)
		return
	}
	s.Density, s.Expr = d, d.Body
	c.recordUses(s, p, d.Uses)
}

// readNames reads comma-separated names, each at most once.
func readNames(c *converter, s *Statement, _ lexer.Token) {
	seen := map[string]bool{}
	for _, p := range c.list(piece{s.Text, s.ArgPos}, "a name") {
		if name, ok := c.name(p); ok {
			if seen[name] {
				c.errorf(p.pos, "%s is listed twice", name)
				continue
			}
			seen[name] = true
			s.Names = append(s.Names, name)
			c.namePos[s] = append(c.namePos[s], p.pos)
		}
	}
}

// readName reads one name.
func readName(c *converter, s *Statement, _ lexer.Token) {
	list := c.list(piece{s.Text, s.ArgPos}, "a name")
	if len(list) > 1 {
		c.errorf(list[1].pos, "%s takes one name", s.Key)
		return
	}
	if len(list) == 1 {
		if name, ok := c.name(list[0]); ok {
			s.Names = []string{name}
			c.namePos[s] = []diag.Pos{list[0].pos}
		}
	}
}

// readVariables reads comma-separated variables: names, or elements
// written x[1] or W[1, 2].
func readVariables(c *converter, s *Statement, _ lexer.Token) {
	seen := map[expr.Expr]bool{}
	for _, p := range c.list(piece{s.Text, s.ArgPos}, "a variable") {
		v := c.variable(s, p)
		if v == nil {
			continue
		}
		if seen[v] {
			c.errorf(p.pos, "%s is listed twice", v)
			continue
		}
		seen[v] = true
		s.Names = append(s.Names, v.String())
		s.Terms = append(s.Terms, v)
		c.namePos[s] = append(c.namePos[s], p.pos)
	}
}

// readEval reads NAME = expression, or an expression.
func readEval(c *converter, s *Statement, _ lexer.Token) {
	whole := piece{s.Text, s.ArgPos}
	lhs, rhs, found := whole.cut('=')
	if !found {
		c.evalTerm(s, whole)
		return
	}
	if lhs.text == "" {
		c.errorf(lhs.pos, `expected a name before "="`)
		return
	}
	name, ok := c.name(lhs)
	if !ok {
		return
	}
	s.Names = []string{name}
	c.namePos[s] = []diag.Pos{lhs.pos}
	if rhs.text == "" {
		c.errorf(rhs.pos, `expected an expression after "="`)
		return
	}
	c.evalTerm(s, rhs)
}

// evalTerm reads the term of eval. One that does not read as plain
// syntax may read over tensors (conv2d(x, w, stride: 2), W x): that is
// decided once the given values are known (checkEval), and its error is
// reported then if neither reading works.
func (c *converter) evalTerm(s *Statement, p piece) {
	if p.text == "" {
		c.errorf(p.pos, "expected an expression")
		return
	}
	if inner, ok := p.math(); ok {
		// LaTeX is never a tensor expression: its errors are final.
		s.evalSrc = inner
		x, uses, err := parser.ParseTermAs(parser.LaTeX, "", inner.text)
		if err != nil {
			c.exprError(inner, err)
			return
		}
		c.recordUses(s, inner, uses)
		s.Expr = x
		return
	}
	s.evalSrc = p
	x, uses, err := parser.ParseTerm("", p.text)
	if err != nil {
		s.evalErr = err
		return
	}
	c.recordUses(s, p, uses)
	s.Expr = x
}

// readBindings reads NAME = VALUE, ... where a VALUE is what
// parser.ParseValue reads: a term or an array, [1, 2] or [[1, 2], [3, 4]],
// or a number in LaTeX between $ signs, $\frac{\pi}{2}$. Values are
// numbers: they may not mention variables. A VALUE may also be an earlier
// problem's answer, LABEL.PART (see refs.go).
func readBindings(c *converter, s *Statement, _ lexer.Token) {
	for _, p := range c.list(piece{s.Text, s.ArgPos}, "a binding NAME = VALUE") {
		lhs, rhs, found := p.cut('=')
		if !found {
			c.errorf(p.pos, "expected NAME = VALUE, found %s", diag.Quote(p.text))
			continue
		}
		if lhs.text == "" {
			c.errorf(lhs.pos, `expected a name before "="`)
			continue
		}
		name, ok := c.name(lhs)
		if !ok {
			continue
		}
		c.named[s] = append(c.named[s], name)
		if rhs.text == "" {
			c.errorf(rhs.pos, `expected a value after "="`)
			continue
		}
		syntax := parser.Plain
		if inner, ok := rhs.math(); ok {
			syntax, rhs = parser.LaTeX, inner
		}
		v, err := parser.ParseValueAs(syntax, rhs.text)
		if syntax == parser.Plain {
			if ref, isRef := c.reference(rhs, err); isRef {
				if ref != nil {
					s.Bindings = append(s.Bindings, Binding{Pos: lhs.pos, Name: name, Value: placeholder(ref), Ref: ref})
				}
				continue
			}
		}
		if err != nil {
			c.exprError(rhs, err)
			continue
		}
		s.Bindings = append(s.Bindings, Binding{Pos: lhs.pos, Name: name, Value: v, Text: rhs.text})
	}
}

// precisionPattern is a whole number, possibly signed so that -1 reads as
// out of range rather than as not a number.
var precisionPattern = regexp.MustCompile(`^[-+]?[0-9]+$`)

// readPrecision reads the precision setting: 0 to 12 decimals.
func readPrecision(c *converter, s *Statement, _ lexer.Token) {
	if !precisionPattern.MatchString(s.Text) {
		c.errorf(s.ArgPos, "precision needs a whole number of decimals, found %s", diag.Quote(s.Text))
		return
	}
	n, err := strconv.Atoi(s.Text)
	if err != nil || n < 0 || n > 12 {
		c.errorf(s.ArgPos, "precision must be between 0 and 12, found %s", diag.Clip(s.Text))
		return
	}
	c.file.Precision, c.file.PrecisionSet = n, true
}

// optionName is the NAME of option NAME = VALUE.
var optionName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)

// readOption reads option NAME = VALUE; the value is the rest of the line,
// verbatim.
func readOption(c *converter, s *Statement, _ lexer.Token) {
	lhs, rhs, found := piece{s.Text, s.ArgPos}.cut('=')
	switch {
	case !found:
		c.errorf(s.ArgPos, "option needs NAME = VALUE")
		return
	case !optionName.MatchString(lhs.text):
		c.errorf(lhs.pos, "expected an option name, found %s", diag.Quote(lhs.text))
		return
	case rhs.text == "":
		c.errorf(rhs.pos, `option %s needs a value after "="`, lhs.text)
		return
	}
	if first, ok := c.optionPos[lhs.text]; ok {
		c.errorf(lhs.pos, "duplicate option %s; the first is at line %d", lhs.text, first.Line)
		return
	}
	values, read := readOptions[lhs.text]
	if read && !slices.Contains(values, rhs.text) {
		c.errorf(rhs.pos, "option %s is %s, not %s", lhs.text, strings.Join(values, " or "), diag.Quote(rhs.text))
		return
	}
	c.optionPos[lhs.text] = lhs.pos
	c.file.Options[lhs.text] = rhs.text
	s.Names = []string{lhs.text}
	if !read {
		c.warnf(lhs.pos, "option %s is not used by any problem kind yet", lhs.text)
	}
}

// namePattern is a name as the expression syntax spells it.
var namePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// name reads a variable's name: spelled as a name, and a symbol in the
// expression syntax, so neither a constant (pi, e) nor a function (sin).
func (c *converter) name(p piece) (string, bool) {
	if p.text == "" {
		c.errorf(p.pos, "expected a name")
		return "", false
	}
	if !namePattern.MatchString(p.text) {
		c.errorf(p.pos, "expected a name, found %s", diag.Quote(p.text))
		return "", false
	}
	x, err := parser.Parse(p.text)
	sym, isSym := x.(*expr.Symbol)
	switch {
	case err == nil && isSym && !expr.IsConstantSymbol(sym):
		return sym.Name(), true
	case err == nil: // pi is a constant symbol, e is exp(1)
		c.errorf(p.pos, "%s is a constant, not a variable", p.text)
	default:
		c.errorf(p.pos, "%s is a function, not a variable", p.text)
	}
	return "", false
}

// variable reads a variable of statement s, as derivtex diff --wrt does
// (parser.ParseVariable): a name, or an element x[1], W[2, 3].
func (c *converter) variable(s *Statement, p piece) expr.Expr {
	v, err := parser.ParseVariable(p.text)
	if err != nil {
		c.exprError(p, err)
		return nil
	}
	name, indices := v.String(), 0
	if el, ok := v.(*expr.Indexed); ok {
		name, indices = el.Name(), len(el.Index())
	}
	c.uses[s] = append(c.uses[s], parser.Use{Name: name, Indices: indices, Pos: p.pos, Text: p.text})
	return v
}

// term parses a piece of statement s as a term of the expression syntax,
// or of LaTeX when it is written between $ signs, reporting its errors at their place in the file; nil when it does not
// parse.
func (c *converter) term(s *Statement, p piece) expr.Expr {
	if p.text == "" {
		c.errorf(p.pos, "expected an expression")
		return nil
	}
	syntax := parser.Plain
	if inner, ok := p.math(); ok {
		syntax, p = parser.LaTeX, inner
	}
	x, uses, err := parser.ParseTermAs(syntax, "", p.text)
	if err != nil {
		c.exprError(p, err)
		return nil
	}
	c.recordUses(s, p, uses)
	return x
}

// recordUses keeps the names a term of statement s uses, read from the
// piece p, with their positions moved to their places in the file.
func (c *converter) recordUses(s *Statement, p piece, uses []parser.Use) {
	for _, u := range uses {
		u.Pos = p.at(u.Pos.Offset)
		if u.Free.IsValid() {
			u.Free = p.at(u.Free.Offset)
		}
		c.uses[s] = append(c.uses[s], u)
	}
}

// exprError reports an error of the expression parser on p, moving its
// position, which counts from the start of p, to p's place in the file.
func (c *converter) exprError(p piece, err error) {
	var pe *diag.Error
	if !errors.As(err, &pe) {
		c.errorf(p.pos, "%v", err)
		return
	}
	c.errorf(p.at(pe.Pos.Offset), "%s", pe.Msg)
}

// list splits p at its top-level commas into trimmed pieces, and reports
// an empty one; what names an item for that message.
func (c *converter) list(p piece, what string) []piece {
	var out []piece
	for i, item := range p.split(',') {
		if item.text == "" {
			if i == 0 {
				c.errorf(item.pos, "expected %s", what)
			} else {
				c.errorf(item.pos, `expected %s after ","`, what)
			}
			continue
		}
		out = append(out, item)
	}
	return out
}
