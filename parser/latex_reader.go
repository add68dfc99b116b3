package parser

import (
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/expr"
)

// The LaTeX reader. Like the plain parser it is a participle grammar whose
// one term is read by a precedence climber (texClimber) through the
// Parseable hook, over texLexer's tokens. It makes the same syntax tree
// as the plain parser, so that the one builder (build.go) turns both into
// terms, with the same limits and the same canonical constructor calls;
// only names with subscripts wait for a second pass (texName, resolved in
// latex_names.go), since whether x_1 is the symbol x_1 or the element
// x[1] depends on the rest of the formula. docs/latex-input.md describes
// the language it reads.
//
// The files: latex_lexer.go (tokens), latex_reader.go (operators and
// operands), latex_scripts.go (^, _ and !), latex_delims.go (brackets and
// abs bars), latex_commands.go (functions, Greek letters, fonts),
// latex_calculus.go (\frac, derivatives, \sqrt, \sum), latex_names.go
// (subscripts, and the pass that decides them).

// texInput is a whole LaTeX input holding one term.
type texInput struct {
	Term texTerm `parser:"@@"`
}

var texParser = participle.MustBuild[texInput](participle.Lexer(texLexer), participle.UseLookahead(0))

// texTerm is where participle hands over to the LaTeX climber.
type texTerm struct{ root node }

// Parse implements participle.Parseable.
func (t *texTerm) Parse(lex *lexer.PeekingLexer) (err error) {
	c := &texClimber{lex: lex, fracs: map[*chainNode]bool{}, boldGroups: map[node]bool{}}
	defer recoverInto(lex, &err)
	t.root = c.expression(0, false)
	tok := lex.Peek()
	if isTexPunct(tok, ".") || isTexPunct(tok, ",") {
		// A displayed formula ends its sentence: x^2 + 1.
		if next := c.peek2(); next.EOF() {
			lex.Next()
			tok = lex.Peek()
		}
	}
	if !tok.EOF() {
		panic(c.trailing(tok))
	}
	return nil
}

// parseLaTeX reads one term of LaTeX math.
func parseLaTeX(filename, src string) (expr.Expr, error) {
	x, _, err := parseLaTeXTerm(filename, src)
	return x, err
}

// parseLaTeXTerm reads one term of LaTeX math, and the names it uses, as
// ParseTerm does for plain syntax.
func parseLaTeXTerm(filename, src string) (expr.Expr, []Use, error) {
	in, err := parseWith(texLexer, texParser, filename, src)
	if err != nil {
		return nil, nil, err
	}
	b := newBuilder(src)
	var x expr.Expr
	if err := b.run(func() { x = b.term(resolveTeX(in.Term.root)) }); err != nil {
		return nil, nil, err
	}
	// The builder meets a sum's body before its bounds, which LaTeX
	// writes first: back to source order.
	uses := b.firstUses()
	slices.SortStableFunc(uses, func(a, b Use) int { return a.Pos.Offset - b.Pos.Offset })
	return x, uses, nil
}

// texClimber reads one LaTeX term by precedence climbing over the same
// operator table as the plain parser. Errors are panics of *diag.Error,
// recovered once in texTerm.Parse.
type texClimber struct {
	lex   *lexer.PeekingLexer
	depth int
	nodes int
	// inAbs is set while the innermost open bracket is a bare |, so that
	// a | in operator position closes it (as in the plain syntax).
	inAbs bool
	// fracs holds the product chains that a \frac wrote and nothing has
	// grouped since: as a factor they join the product around them
	// (2 \frac{x}{y} is 2 x / y), and a minus before one is the sign of
	// its numerator, as the plain parser reads -x/y.
	fracs map[*chainNode]bool
	// bold counts the bold names read so far, and boldGroups holds the
	// groups that have one inside: after either, ^T is a transpose,
	// (\mathbf{x} - \boldsymbol{\mu})^T.
	bold       int
	boldGroups map[node]bool
}

func (c *texClimber) peek() *lexer.Token { return c.lex.Peek() }
func (c *texClimber) next() *lexer.Token { return c.lex.Next() }

// peek2 returns the token after the next one.
func (c *texClimber) peek2() lexer.Token {
	cp := c.lex.MakeCheckpoint()
	c.lex.Next()
	t := *c.lex.Peek()
	c.lex.LoadCheckpoint(cp)
	return t
}

func isTex(t *lexer.Token, typ lexer.TokenType, value string) bool {
	return t.Type == typ && t.Value == value
}

func isTexPunct(t *lexer.Token, value string) bool { return isTex(t, texPunct, value) }

// count charges one operand or operator against MaxNodes.
func (c *texClimber) count(t *lexer.Token) {
	if c.nodes++; c.nodes > MaxNodes {
		panic(errorAt(t.Pos, "expression too large: more than %d operands and operators", MaxNodes))
	}
}

// deeper charges one level of nesting against MaxDepth; the caller
// undoes it.
func (c *texClimber) deeper(t *lexer.Token) {
	if c.depth++; c.depth > MaxDepth {
		panic(errorAt(t.Pos, "nesting deeper than %d", MaxDepth))
	}
}

// expression reads a term whose operators bind at least as tightly as
// minPrec. In a bare function argument (\sin x y), bare is set: only
// juxtaposition continues it, up to the next function.
func (c *texClimber) expression(minPrec int, bare bool) node {
	c.deeper(c.peek())
	lhs := c.unary(bare)
	var chain *chainNode
	prev := lhs // the last operand, for the mixed-number check
	for {
		t := c.peek()
		op, juxtaposed, ok := c.operator(t, bare)
		if !ok || op.Prec < minPrec {
			break
		}
		if !juxtaposed {
			c.next()
		}
		c.count(t)
		rhs := c.expression(expr.RightOperandPrec(op), bare)
		if juxtaposed && isNumber(prev) && c.numericFrac(rhs) {
			panic(errorAt(t.Pos, `a number before a fraction: write 2 + \frac{1}{2} for a mixed number, or 2 \cdot \frac{1}{2} for a product`))
		}
		prev = rhs
		if op.Assoc == expr.Right { // none in LaTeX: ^ is a script
			panic("parser: latex: right-associative operator " + op.Token)
		}
		if chain == nil || chain.prec != op.Prec {
			if f, ok := lhs.(*chainNode); ok && c.fracs[f] && op.Prec == expr.PrecMul {
				chain = f // \frac{a}{b} c: one product
				delete(c.fracs, f)
			} else {
				chain = &chainNode{prec: op.Prec, first: lhs}
				lhs = chain
			}
		}
		if f, ok := rhs.(*chainNode); ok && c.fracs[f] && op.Token == "*" {
			delete(c.fracs, f)
			chain.rest = append(chain.rest, link{pos: t.Pos, op: "*", juxtaposed: juxtaposed, arg: f.first})
			chain.rest = append(chain.rest, f.rest...)
			continue
		}
		chain.rest = append(chain.rest, link{pos: t.Pos, op: op.Token, juxtaposed: juxtaposed, arg: rhs})
	}
	c.depth--
	return lhs
}

// isNumber reports whether n is a number, perhaps negated: -2.
func isNumber(n node) bool {
	if neg, ok := n.(*negNode); ok {
		n = neg.arg
	}
	_, ok := n.(*numberNode)
	return ok
}

// numericFrac reports whether n is a \frac of two numbers.
func (c *texClimber) numericFrac(n node) bool {
	f, ok := n.(*chainNode)
	return ok && c.fracs[f] && len(f.rest) == 1 && isNumber(f.first) && isNumber(f.rest[0].arg)
}

// texOperators are the commands that stand for an operator of the table.
var texOperators = map[string]string{`\cdot`: "*", `\times`: "*", `\ast`: "*", `\div`: "/"}

// operator returns the binary operator t stands for in operator position,
// and whether it is juxtaposition (t then starts the right operand).
func (c *texClimber) operator(t *lexer.Token, bare bool) (op expr.BinaryOp, juxtaposed, ok bool) {
	mul := expr.BinaryOps["*"]
	switch t.Type {
	case texPunct:
		switch t.Value {
		case "+", "-":
			return expr.BinaryOps[t.Value], false, true
		case "*", "/":
			if bare {
				return op, false, false
			}
			return expr.BinaryOps[t.Value], false, true
		case "(", "[", "{":
			return mul, true, true
		case "|":
			if !c.inAbs {
				return mul, true, true
			}
		case ".":
			if next := c.peek2(); next.Type == texDigit && adjacent(t, &next) {
				panic(errorAt(t.Pos, `unexpected %q: write \cdot to multiply by a number`, t.Value))
			}
		}
	case texLetter:
		return mul, true, true
	case texOther:
		if c.startsOperand(t) {
			return mul, true, true
		}
	case texDigit:
		panic(errorAt(t.Pos, `unexpected %q: write \cdot to multiply by a number (in TeX, x^23 is x^{2} 3: write x^{23})`, t.Value))
	case texCommand:
		if t.Value == `\mid` {
			panic(errorAt(t.Pos, "%s", texUnsupported[`\mid`]))
		}
		if t.Value == `\vert` && c.inAbs {
			return op, false, false
		}
		if sym, isOp := texOperators[t.Value]; isOp {
			if bare {
				return op, false, false
			}
			return expr.BinaryOps[sym], false, true
		}
		if !c.startsOperand(t) || bare && c.startsFunction(t) {
			return op, false, false
		}
		return mul, true, true
	}
	return op, false, false
}

// texStops are commands that never start an operand: relations,
// closing delimiters, line breaks. Every other command does (an
// unsupported one is then reported by name).
var texStops = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`\right \rvert \rVert \} \rbrace \rangle \bigr \Bigr \biggr \Biggr \\ \, ` +
		`\le \leq \ge \geq \ne \neq \lt \gt \leqslant \geqslant \approx \propto \equiv \sim \simeq \cong \ll \gg ` +
		`\to \in \notin \mid \colon \rightarrow \Rightarrow \implies \iff \Leftrightarrow \mapsto \top \intercal`) {
		texStops[s] = true
	}
}

// startsOperand reports whether t can begin an operand.
func (c *texClimber) startsOperand(t *lexer.Token) bool {
	switch t.Type {
	case texLetter, texDigit:
		return true
	case texOther:
		_, ok := unicodeGreek[t.Value]
		return ok
	case texPunct:
		switch t.Value {
		case "(", "[", "{", "|":
			return true
		case ".":
			next := c.peek2()
			return next.Type == texDigit
		}
	case texCommand:
		if texSizes[t.Value] && !texOpenSizes[t.Value] {
			if strings.HasSuffix(t.Value, "r") {
				return false // \bigr) only closes
			}
			next := c.peek2() // \big) closes, \big( opens, \big| closes an open abs
			return texOpeners[next.Value] != "" && !(c.inAbs && next.Value == "|")
		}
		_, isOp := texOperators[t.Value]
		return !isOp && !texStops[t.Value]
	}
	return false
}

// startsFunction reports whether t starts a function application, which
// ends a bare argument: \sin x \cos x is sin(x) cos(x).
func (c *texClimber) startsFunction(t *lexer.Token) bool {
	if t.Type != texCommand {
		return false
	}
	if _, ok := texFuncs[t.Value]; ok {
		return true
	}
	switch t.Value {
	case `\operatorname`, `\sum`, `\prod`:
		return true
	case `\sigma`: // \sigma(z), \sigma'(z)
		cp := c.lex.MakeCheckpoint()
		defer c.lex.LoadCheckpoint(cp)
		c.next()
		return c.argListAhead() || c.primesAhead()
	case `\psi`: // \psi(x), \psi^{(n)}(x)
		cp := c.lex.MakeCheckpoint()
		defer c.lex.LoadCheckpoint(cp)
		c.next()
		return c.argListAhead() || isTexPunct(c.next(), "^") && isTexPunct(c.next(), "{") && isTexPunct(c.next(), "(")
	}
	return false
}

// unary reads unary signs, then an operand with its scripts. A minus
// binds looser than ^ (-x^2 is -(x^2)); before a \frac it is the sign of
// the numerator.
func (c *texClimber) unary(bare bool) node {
	t := c.peek()
	for isTexPunct(t, "+") {
		c.next()
		t = c.peek()
	}
	if !isTexPunct(t, "-") {
		return c.postfix(c.primary(bare))
	}
	c.next()
	c.count(t)
	arg := c.expression(expr.PrecUnary, bare)
	if f, ok := arg.(*chainNode); ok && c.fracs[f] {
		f.first = &negNode{pos: t.Pos, arg: f.first}
		return f
	}
	return &negNode{pos: t.Pos, arg: arg}
}

// primary reads an operand: a number, a name, a group, an abs, or what a
// command starts.
func (c *texClimber) primary(bare bool) node {
	t := c.peek()
	switch t.Type {
	case texDigit:
		return c.number()
	case texLetter:
		return c.letter()
	case texCommand:
		return c.command(bare)
	case texPunct:
		switch t.Value {
		case ".":
			if next := c.peek2(); next.Type == texDigit {
				return c.number()
			}
		case "(", "[", "{", "|":
			d, _ := c.openDelim()
			return c.delimited(d)
		case "^", "_":
			panic(errorAt(t.Pos, "unexpected %q: a script needs something before it", t.Value))
		case "'":
			panic(errorAt(t.Pos, "%s", primesRefused))
		}
	}
	if name, ok := unicodeGreek[t.Value]; ok && t.Type == texOther {
		c.next()
		c.count(t)
		return &texName{pos: t.Pos, name: name, end: t.Pos.Offset + len(t.Value)}
	}
	if t.EOF() {
		panic(errorAt(t.Pos, "unexpected end of input, expected an operand"))
	}
	panic(errorAt(t.Pos, "unexpected %s", describe(t)))
}

// unicodeGreek maps Greek letters typed as such to their names: α is
// \alpha. π stays the name pi, which is the constant.
var unicodeGreek = map[string]string{}

func init() {
	lower := strings.Fields("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi omega")
	for i, r := range []rune("αβγδεζηθικλμνξπρστυφχψω") {
		unicodeGreek[string(r)] = lower[i]
	}
	for name, r := range map[string]rune{"Gamma": 'Γ', "Delta": 'Δ', "Theta": 'Θ', "Lambda": 'Λ', "Xi": 'Ξ', "Pi": 'Π',
		"Sigma": 'Σ', "Upsilon": 'Υ', "Phi": 'Φ', "Psi": 'Ψ', "Omega": 'Ω'} {
		unicodeGreek[string(r)] = name
	}
	unicodeGreek["ℓ"] = "ell" // \ell
}

// trailing is the error for a token left over after the term.
func (c *texClimber) trailing(t *lexer.Token) error {
	switch {
	case isTex(t, texCommand, `\right`):
		next := c.peek2()
		return errorAt(t.Pos, `unbalanced \right%s: no \left before it`, next.Value)
	case isTexPunct(t, ")"), isTexPunct(t, "]"), isTexPunct(t, "}"), isTex(t, texCommand, `\}`):
		return errorAt(t.Pos, "unbalanced %q: nothing open to close", t.Value)
	}
	return errorAt(t.Pos, "unexpected %s", describe(t))
}

// number reads a number: adjacent digits, a decimal part, and digit
// groups after a thin space (1\,000\,000).
func (c *texClimber) number() node {
	first := c.peek()
	var b strings.Builder
	var last *lexer.Token
	decimal := false
	digits := func() {
		for {
			t := c.peek()
			if t.Type == texDigit && (last == nil || adjacent(last, t)) {
				b.WriteString(t.Value)
				last = c.next()
				continue
			}
			if isTex(t, texCommand, `\,`) && last != nil && last.Type == texDigit && !decimal {
				last = c.next()
				continue
			}
			return
		}
	}
	digits()
	if t := c.peek(); isTexPunct(t, ".") && (last == nil || adjacent(last, t)) {
		if next := c.peek2(); next.Type == texDigit && adjacent(t, &next) {
			b.WriteString(".")
			decimal = true
			last = c.next()
			digits()
		}
	}
	c.count(first)
	tok := lexer.Token{Type: tokNumber, Value: b.String(), Pos: first.Pos}
	return &numberNode{pos: first.Pos, val: parseNumber(&tok)}
}

// digit reads one digit as a number, where TeX takes one token: \frac12,
// x^23.
func (c *texClimber) digit() node {
	t := c.next()
	c.count(t)
	return &numberNode{pos: t.Pos, val: expr.Int(int64(t.Value[0] - '0'))}
}

// arg reads the argument of a command or a script: a group in braces,
// or the one token TeX takes without them (a digit, a letter, a Greek
// letter).
func (c *texClimber) arg(what string) node {
	t := c.peek()
	switch {
	case isTexPunct(t, "{"):
		c.next()
		var x node
		c.nested(false, func() { x = c.expression(0, false) })
		c.closeBrace(t)
		return x
	case t.Type == texDigit:
		return c.digit()
	case t.Type == texLetter:
		c.next()
		c.count(t)
		return &texName{pos: t.Pos, name: t.Value, end: t.Pos.Offset + 1}
	case t.Type == texCommand && (texGreek[t.Value[1:]] || t.Value == `\pi`):
		c.next()
		c.count(t)
		return &texName{pos: t.Pos, name: t.Value[1:], end: t.Pos.Offset + len(t.Value)}
	case t.EOF():
		panic(errorAt(t.Pos, "unexpected end of input, expected the %s", what))
	case isTex(t, texCommand, `\prime`): // f^\prime
		panic(errorAt(t.Pos, "%s", primesRefused))
	}
	panic(errorAt(t.Pos, "unexpected %s: put the %s in braces", describe(t), what))
}

// closeBrace consumes the } that closes open.
func (c *texClimber) closeBrace(open *lexer.Token) {
	t := c.peek()
	switch {
	case isTexPunct(t, "}"):
		c.next()
	case t.EOF():
		panic(errorAt(open.Pos, `unclosed "{"`))
	default:
		panic(errorAt(t.Pos, `unexpected %s, expected "}"`, describe(t)))
	}
}

// nested runs parse inside a bracket just opened, with inAbs set for it.
func (c *texClimber) nested(inAbs bool, parse func()) {
	saved := c.inAbs
	c.inAbs = inAbs
	parse()
	c.inAbs = saved
}
