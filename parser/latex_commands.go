package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/expr"
)

// texGreek lists the Greek letters by command name; each is a symbol of
// that name (\alpha is alpha), \pi is the constant. \ell, the script l
// of a log-likelihood, is read as one of them: the symbol ell.
var texGreek = map[string]bool{}

func init() {
	for _, n := range strings.Fields("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa " +
		"lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega " +
		"Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell") {
		texGreek[n] = true
	}
}

// texFuncs are the function commands of LaTeX that derivtex's table has.
var texFuncs = map[string]*expr.Func{
	`\sin`: expr.FnSin, `\cos`: expr.FnCos, `\tan`: expr.FnTan,
	`\sinh`: expr.FnSinh, `\cosh`: expr.FnCosh, `\tanh`: expr.FnTanh,
	`\log`: expr.FnLog, `\ln`: expr.FnLog, `\exp`: expr.FnExp,
	`\max`: expr.FnMax, `\min`: expr.FnMin,
}

// texFuncNames maps the names \operatorname{...} and \mathrm{...} may
// give a function, beyond those of the table (relu, sign, ...): the
// printer's ReLU and H, and the usual sgn.
var texFuncNames = map[string]*expr.Func{"ReLU": expr.FnRelu, "H": expr.FnStep, "sgn": expr.FnSign, "ln": expr.FnLog}

// funcNamed returns the function a \operatorname or \mathrm names.
func funcNamed(name string) (*expr.Func, bool) {
	if f, ok := texFuncNames[name]; ok {
		return f, true
	}
	for _, f := range expr.Funcs {
		if f.Name == name {
			return f, true
		}
	}
	return nil, false
}

// texFonts are the commands that write a name in another font, which
// does not change which name it is: \mathbf{w} is w. Bold marks a
// vector, after which ^T is a transpose.
var texFonts = map[string]bool{
	`\mathbf`: true, `\boldsymbol`: true, `\bm`: true, `\vec`: true, `\mathbfit`: true, `\pmb`: true,
	`\mathit`: false, `\mathcal`: false, `\mathsf`: false, `\mathnormal`: false,
}

// texAccents make a new name of the one under them: \hat{y} is y_hat.
var texAccents = map[string]string{`\hat`: "hat", `\widehat`: "hat", `\bar`: "bar", `\overline`: "bar", `\tilde`: "tilde", `\widetilde`: "tilde"}

// primesRefused is the error for primes anywhere but on a function.
const primesRefused = `primes are read only on a function derivtex knows, \sigma'(z) or \tanh'(x): write \frac{d}{dx} and what is differentiated`

// texUnsupported says why a command is refused, where a reason helps.
var texUnsupported = map[string]string{
	`\partial`: `\partial is read only in a derivative: \frac{\partial f}{\partial x}`,
	`\infty`:   `\infty is not supported: sums have finite bounds, and there are no limits`,
	`\text`:    `\text{...} is prose, not maths: leave words out of the formula`,
	`\textrm`:  `\textrm{...} is prose, not maths: leave words out of the formula`,
	`\mbox`:    `\mbox{...} is prose, not maths: leave words out of the formula`,
	`\mathbb`:  `\mathbb is not supported (sets, expectations)`,
	`\Gamma`:   `the gamma function \Gamma(x) is not supported (\log\Gamma(x) is)`,
	`\over`:    `\over is not supported: write \frac{a}{b}`,
	`\top`:     `\top is read only as a transpose, x^\top`,
	`\prime`:   primesRefused,
	`\nabla`:   `\nabla (a gradient) is not supported: write each partial derivative, \frac{\partial f}{\partial w}`,
	`\mid`:     `\mid (a conditional, p(y \mid x)) is not supported: write the density out as a formula of its variables`,
	`\begin`:   `environments (\begin{bmatrix}, \begin{cases}) are not supported: derivtex reads one scalar formula`,
}

// command reads an operand that starts with a command.
func (c *texClimber) command(bare bool) node {
	t := c.peek()
	name := t.Value
	switch {
	case name == `\left` || texSizes[name] || texOpeners[name] != "":
		if d, ok := c.openDelim(); ok {
			return c.delimited(d)
		}
	case texGreek[name[1:]]:
		return c.greek(t)
	case name == `\frac` || name == `\dfrac` || name == `\tfrac` || name == `\cfrac`:
		return c.frac()
	case name == `\sqrt`:
		return c.sqrt()
	case name == `\sum` || name == `\prod`:
		return c.bigOp()
	case texFuncs[name] != nil:
		c.next()
		c.count(t)
		return c.function(t, texFuncs[name])
	case name == `\operatorname`:
		c.next()
		c.count(t)
		word, _ := c.braceText(t)
		if def, ok := texDefined[word]; ok {
			return c.defined(t, word, def)
		}
		if why, ok := texUndefined[word]; ok {
			panic(errorAt(t.Pos, "%s", why))
		}
		f, ok := funcNamed(word)
		if !ok {
			panic(errorAt(t.Pos, "unknown function %q", word))
		}
		if f == expr.FnMedian && !c.argListAhead() {
			return c.median(t)
		}
		return c.function(t, f)
	case name == `\mathrm`:
		return c.mathrm()
	case texFonts[name] || name == `\mathit` || name == `\mathcal` || name == `\mathsf` || name == `\mathnormal`:
		return c.font()
	case texAccents[name] != "":
		n := c.font()
		n.name += "_" + texAccents[name]
		return n
	}
	if name == `\right` {
		next := c.peek2()
		panic(errorAt(t.Pos, `unbalanced \right%s: no \left before it`, next.Value))
	}
	if why, ok := texUnsupported[name]; ok {
		panic(errorAt(t.Pos, "%s", why))
	}
	if what, ok := texUnsupportedDelims[name]; ok {
		panic(errorAt(t.Pos, "%s: %s are not supported", name, what))
	}
	panic(errorAt(t.Pos, "%s is not supported", name))
}

// letter reads a one-letter name. f, g and h directly followed by "("
// read as a function, and derivtex has no function variables: they are
// refused, except as the whole formula, f(x) alone, the header of a
// definition (the left side of f(x) = x^2 in a derivation), which reads
// as L(w) does, a name times its argument: derivtex check takes it for
// the name of what follows. Any other letter before a parenthesis
// multiplies it, x(1 - x).
func (c *texClimber) letter() node {
	t := c.next()
	c.count(t)
	if next := c.peek(); isTexPunct(next, "(") && adjacent(t, next) && strings.Contains("fgh", t.Value) && !(c.nodes == 1 && c.headerAhead()) {
		panic(errorAt(t.Pos, `%s(...) reads as a function, and functions cannot be variables: write %s \cdot (...) for a product`, t.Value, t.Value))
	}
	return &texName{pos: t.Pos, name: t.Value, end: t.Pos.Offset + 1}
}

// headerAhead reports whether a parenthesis comes next, and the formula
// ends where it closes; the caller knows that the name before it starts
// the formula.
func (c *texClimber) headerAhead() bool {
	cp := c.lex.MakeCheckpoint()
	defer c.lex.LoadCheckpoint(cp)
	for depth := 0; ; {
		t := c.next()
		switch {
		case t.EOF():
			return false
		case isTexPunct(t, "("):
			depth++
		case isTexPunct(t, ")"):
			if depth--; depth == 0 {
				return c.peek().EOF()
			}
		}
	}
}

// greek reads a Greek letter: a symbol, except that \sigma before a
// parenthesis is the sigmoid function, and \psi before one (or before
// ^{(n)} and one) the polygamma function, as derivtex's printer writes
// them.
func (c *texClimber) greek(t *lexer.Token) node {
	c.next()
	c.count(t)
	switch {
	case t.Value == `\sigma` && (c.argListAhead() || c.primesAhead()):
		return c.function(t, expr.FnSigmoid)
	case t.Value == `\psi` && c.argListAhead():
		d, _ := c.openDelim()
		args := c.delimitedList(d)
		return c.call(t, expr.FnPolygamma, append([]node{&numberNode{pos: t.Pos, val: expr.Zero}}, args...))
	case t.Value == `\psi` && isTexPunct(c.peek(), "^"):
		cp := c.lex.MakeCheckpoint()
		c.next()
		if open := c.next(); isTexPunct(open, "{") && isTexPunct(c.next(), "(") {
			var order node
			c.nested(false, func() { order = c.expression(0, false) })
			if isTexPunct(c.next(), ")") && isTexPunct(c.next(), "}") && c.argListAhead() {
				d, _ := c.openDelim()
				return c.call(t, expr.FnPolygamma, append([]node{order}, c.delimitedList(d)...))
			}
		}
		c.lex.LoadCheckpoint(cp)
	case t.Value == `\Gamma` && c.argListAhead():
		panic(errorAt(t.Pos, "%s", texUnsupported[`\Gamma`]))
	}
	return &texName{pos: t.Pos, name: t.Value[1:], end: t.Pos.Offset + len(t.Value)}
}

// call makes a call of fn after checking its number of arguments.
func (c *texClimber) call(t *lexer.Token, fn *expr.Func, args []node) node {
	if !fn.ArityOK(len(args)) {
		panic(errorAt(t.Pos, "%s takes %s, got %d", t.Value, callees[fn.Name].arityText(), len(args)))
	}
	return &callNode{pos: t.Pos, name: fn.Name, fn: fn, args: args}
}

// function reads the application of fn, whose name t was just read: an
// optional power on the name (\sin^2 x), a base for \log (\log_2 x), then
// the arguments in parentheses, or without them one argument that runs
// over the juxtaposed factors after it up to the next function, as
// SymPy's LaTeX reader reads it: \sin 2x is sin(2 x), \sin x \cos x is
// sin(x) cos(x), \log x + 1 is log(x) + 1.
func (c *texClimber) function(t *lexer.Token, fn *expr.Func) node {
	if c.primesAhead() {
		return c.primed(t, fn)
	}
	var power, base node
	var powerAt, baseAt *lexer.Token
	for {
		p := c.peek()
		if isTexPunct(p, "^") && power == nil {
			powerAt = c.next()
			if c.inverseAhead() {
				panic(errorAt(p.Pos, "%s^{-1} (the inverse function) is not supported", t.Value))
			}
			power = c.arg("power of " + t.Value)
			continue
		}
		if isTexPunct(p, "_") && base == nil {
			if fn != expr.FnLog {
				panic(errorAt(p.Pos, "%s_{...} is not supported", t.Value))
			}
			baseAt = c.next()
			base = c.arg("base of the logarithm")
			continue
		}
		break
	}
	if fn == expr.FnLog && isTex(c.peek(), texCommand, `\Gamma`) {
		c.next()
		fn = expr.FnLgamma
	}
	var n node
	if c.argListAhead() {
		d, _ := c.openDelim()
		n = c.call(t, fn, c.delimitedList(d))
	} else {
		if !fn.ArityOK(1) {
			panic(errorAt(c.peek().Pos, "%s takes its arguments in parentheses: %s(a, b)", t.Value, t.Value))
		}
		if p := c.peek(); !c.startsOperand(p) {
			panic(errorAt(p.Pos, "unexpected %s, expected the argument of %s", describe(p), t.Value))
		}
		n = c.call(t, fn, []node{c.expression(expr.PrecMul, true)})
	}
	if base != nil {
		n = &chainNode{prec: expr.PrecMul, first: n, rest: []link{{pos: baseAt.Pos, op: "/",
			arg: &callNode{pos: baseAt.Pos, name: expr.FnLog.Name, fn: expr.FnLog, args: []node{base}}}}}
	}
	if power != nil {
		n = &binaryNode{pos: powerAt.Pos, op: expr.BinaryOps["^"], lhs: n, rhs: power}
	}
	return n
}

// primed reads the derivative of fn written with primes, \sigma'(z) or
// \tanh^{\prime\prime}(x), after the name t: the derivative of fn at a variable,
// diff(sigmoid(z), z), left unevaluated as \frac{d}{dz} \sigma(z) is
// (derivtex diff and simplify work it out: sigmoid(z) (1 - sigmoid(z))).
// Only a variable is read as the argument: \sigma'(w x) would need the
// derivative at a point, which derivtex's terms cannot write.
func (c *texClimber) primed(t *lexer.Token, fn *expr.Func) node {
	name := t.Value
	if name == `\operatorname` || name == `\mathrm` {
		name += "{" + fn.Name + "}"
	}
	return c.primedWith(name, fn.ArityOK(1), func(args []node) node { return c.call(t, fn, args) })
}

// primedWith reads the primes and the argument after the function
// written name, which apply applies to its arguments; one says whether
// it takes one argument.
func (c *texClimber) primedWith(name string, one bool, apply func([]node) node) node {
	first := c.peek()
	order := c.primes()
	if order > maxOrder {
		panic(errorAt(first.Pos, "the order of a derivative is a whole number from 1 to %d", maxOrder))
	}
	primes := strings.Repeat("'", order)
	if !one {
		panic(errorAt(first.Pos, "primes are read only on a function of one argument: %s%s is not one", name, primes))
	}
	if !c.argListAhead() {
		panic(errorAt(c.peek().Pos, "%s%s takes its argument in parentheses: %s%s(z)", name, primes, name, primes))
	}
	open := c.peek()
	d, _ := c.openDelim()
	args := c.delimitedList(d)
	v, ok := args[0].(*texName)
	if len(args) != 1 || !ok {
		panic(errorAt(open.Pos, "%s%s(...) is read only at a variable, %s%s(z): for an expression, write the derivative out", name, primes, name, primes))
	}
	n := apply(args)
	for range order {
		n = &callNode{pos: v.pos, name: "diff", args: []node{n, v}}
	}
	return n
}

// primes reads the primes that come next, one ' or more, or ^\prime, or
// ^{\prime\prime}, and returns how many; it reads nothing when none come.
func (c *texClimber) primes() int {
	n := 0
	for isTexPunct(c.peek(), "'") {
		c.next()
		n++
	}
	if n > 0 {
		return n
	}
	cp := c.lex.MakeCheckpoint()
	if isTexPunct(c.next(), "^") {
		if isTex(c.peek(), texCommand, `\prime`) {
			c.next()
			return 1
		}
		if isTexPunct(c.next(), "{") {
			for isTex(c.peek(), texCommand, `\prime`) {
				c.next()
				n++
			}
			if n > 0 && isTexPunct(c.next(), "}") {
				return n
			}
		}
	}
	c.lex.LoadCheckpoint(cp)
	return 0
}

// primesAhead reports whether primes come next.
func (c *texClimber) primesAhead() bool {
	cp := c.lex.MakeCheckpoint()
	defer c.lex.LoadCheckpoint(cp)
	return c.primes() > 0
}

// texDefined are the functions of machine-learning texts that derivtex
// has no name for but the activations of its activation package define
// exactly: \operatorname{softplus}(x) is log(1 + exp(x)). Each builds its
// definition around the argument, at the position of the name.
var texDefined = map[string]func(pos lexer.Position, x node) node{
	"softplus": func(pos lexer.Position, x node) node {
		return texCall(pos, expr.FnLog, texSum(pos, texCall(pos, expr.FnExp, x)))
	},
	"softsign": func(pos lexer.Position, x node) node {
		return &chainNode{prec: expr.PrecMul, first: x, rest: []link{{pos: pos, op: "/", arg: texSum(pos, &absNode{pos: pos, arg: x})}}}
	},
	"swish": texSwish, "SiLU": texSwish, "silu": texSwish,
}

// texSwish is x sigmoid(x), the swish (SiLU) of the activation package.
func texSwish(pos lexer.Position, x node) node {
	return &chainNode{prec: expr.PrecMul, first: x, rest: []link{{pos: pos, op: "*", juxtaposed: true, arg: texCall(pos, expr.FnSigmoid, x)}}}
}

// texCall is fn(x).
func texCall(pos lexer.Position, fn *expr.Func, x node) node {
	return &callNode{pos: pos, name: fn.Name, fn: fn, args: []node{x}}
}

// texSum is 1 + x.
func texSum(pos lexer.Position, x node) node {
	return &chainNode{prec: expr.PrecAdd, first: &numberNode{pos: pos, val: expr.One}, rest: []link{{pos: pos, op: "+", arg: x}}}
}

// texUndefined say why a common activation is refused.
var texUndefined = map[string]string{
	"lrelu":     `the leaky ReLU has a slope to choose: write \max(x, a x)`,
	"LeakyReLU": `the leaky ReLU has a slope to choose: write \max(x, a x)`,
	"GELU":      `GELU is not supported: derivtex has no error function`,
	"gelu":      `GELU is not supported: derivtex has no error function`,
	"ELU":       `ELU is not supported: it is piecewise, which a formula cannot write`,
	"elu":       `ELU is not supported: it is piecewise, which a formula cannot write`,
}

// defined reads a call of a function of texDefined, word, whose command
// t was just read: with its argument in parentheses, or bare as \sin's,
// or primed, \operatorname{softplus}'(x).
func (c *texClimber) defined(t *lexer.Token, word string, def func(lexer.Position, node) node) node {
	if c.primesAhead() {
		return c.primedWith(t.Value+"{"+word+"}", true, func(args []node) node { return def(t.Pos, args[0]) })
	}
	var x node
	if c.argListAhead() {
		d, _ := c.openDelim()
		args := c.delimitedList(d)
		if len(args) != 1 {
			panic(errorAt(t.Pos, "%s{%s} takes 1 argument, got %d", t.Value, word, len(args)))
		}
		x = args[0]
	} else {
		if p := c.peek(); !c.startsOperand(p) {
			panic(errorAt(p.Pos, "unexpected %s, expected the argument of %s{%s}", describe(p), t.Value, word))
		}
		x = c.expression(expr.PrecMul, true)
	}
	return def(t.Pos, x)
}

// inverseAhead reports whether -1 or {-1} comes next, after the ^ of a
// function's name.
func (c *texClimber) inverseAhead() bool {
	cp := c.lex.MakeCheckpoint()
	defer c.lex.LoadCheckpoint(cp)
	if isTexPunct(c.peek(), "{") {
		c.next()
	}
	return isTexPunct(c.next(), "-") && isTex(c.next(), texDigit, "1")
}

// braceText reads the text of a {word} after the command t: letters,
// digits and \_ (an underscore), white space dropped. It returns the
// offset after the closing brace.
func (c *texClimber) braceText(t *lexer.Token) (string, int) {
	open := c.peek()
	if !isTexPunct(open, "{") {
		if open.Type == texLetter { // \mathrm d
			c.next()
			return open.Value, open.Pos.Offset + 1
		}
		panic(errorAt(open.Pos, "unexpected %s, expected \"{\" after %s", describe(open), t.Value))
	}
	c.next()
	var b strings.Builder
	for {
		p := c.next()
		switch {
		case isTexPunct(p, "}"):
			word := b.String()
			if word == "" {
				panic(errorAt(open.Pos, "%s{} holds no name", t.Value))
			}
			if isDigit(word[0]) {
				panic(errorAt(open.Pos, "%s{%s}: a name starts with a letter", t.Value, word))
			}
			return word, p.Pos.Offset + 1
		case p.Type == texLetter || p.Type == texDigit:
			b.WriteString(p.Value)
		case isTex(p, texCommand, `\_`) || isTexPunct(p, "_"):
			b.WriteString("_")
		case p.EOF():
			panic(errorAt(open.Pos, `unclosed "{"`))
		default:
			panic(errorAt(p.Pos, "unexpected %s in %s{...}: it holds a name, letters and digits", describe(p), t.Value))
		}
	}
}

// mathrm reads \mathrm{word}: Euler's number e, a function of the table
// (\mathrm{sign}(x)), or a name (\mathrm{loss}).
func (c *texClimber) mathrm() node {
	t := c.next()
	c.count(t)
	word, end := c.braceText(t)
	if f, ok := funcNamed(word); ok {
		return c.function(t, f)
	}
	if def, ok := texDefined[word]; ok && (c.argListAhead() || c.primesAhead()) {
		return c.defined(t, word, def)
	}
	if _, reserved := callees[word]; reserved {
		panic(errorAt(t.Pos, "%s is a reserved name", word))
	}
	return &texName{pos: t.Pos, name: word, end: end}
}

// font reads a name in another font, \mathbf{w} or \vec w: a letter, a
// Greek letter, or \mathrm{word}.
func (c *texClimber) font() *texName {
	t := c.next()
	c.count(t)
	open := c.peek()
	braced := isTexPunct(open, "{")
	if braced {
		c.next()
	}
	p := c.next()
	var n *texName
	switch {
	case p.Type == texLetter:
		n = &texName{pos: t.Pos, name: p.Value}
	case p.Type == texCommand && texGreek[p.Value[1:]]:
		n = &texName{pos: t.Pos, name: p.Value[1:]}
	case isTex(p, texCommand, `\mathrm`) || texFonts[p.Value] || isTex(p, texCommand, `\mathit`):
		word, _ := c.braceText(p)
		n = &texName{pos: t.Pos, name: word}
	default:
		panic(errorAt(p.Pos, "unexpected %s in %s: it holds a name", describe(p), t.Value))
	}
	end := c.lex.Peek().Pos.Offset
	if braced {
		c.closeBrace(open)
		end = c.peek().Pos.Offset
	}
	n.end = end
	n.bold = texFonts[t.Value]
	if n.bold {
		c.bold++
	}
	return n
}

// median reads \operatorname{median}\{y_i\}_{i=1}^{N}, the printer's
// median of a term over the examples: the braces hold the term, and the
// scripts the index and its bounds, as for \sum.
func (c *texClimber) median(t *lexer.Token) node {
	d, ok := c.openDelim()
	if !ok || (d.char != `\{` && d.char != `\lbrace`) {
		panic(errorAt(c.peek().Pos, `\operatorname{median} takes its term in braces and an index with bounds: \operatorname{median}\{y_i\}_{i=1}^{N}`))
	}
	body := c.delimited(d)
	index, lo, hi := c.scripts(t, "upper bound of the median")
	if index == nil || lo == nil || hi == nil {
		panic(errorAt(t.Pos, `the median needs an index and bounds: \operatorname{median}\{y_i\}_{i=1}^{N}`))
	}
	return &callNode{pos: t.Pos, name: expr.FnMedian.Name, fn: expr.FnMedian, args: []node{body, index, lo, hi}}
}
