package latex

import "github.com/derivtex/derivtex/expr"

// form is how one function of expr's table is written. Most functions are
// an operator name before a parenthesised argument list; the few that are
// not (|x|, n!, \psi^{(n)}) have a layout of their own.
type form struct {
	// op is the operator written before the arguments, e.g. `\sin`.
	op string
	// bare lets a simple argument (a name or a positive integer) go without
	// parentheses, as handouts write \log w, when nothing is written after
	// it that could be read as part of the argument.
	bare bool
	// superscript writes a positive integer power on the operator:
	// \sin^{2} x, the convention for trigonometric functions.
	superscript bool
	// prec is how tightly the form binds (see printer.prec). An operator
	// form binds like a power: as the base of another power it needs
	// parentheses, (\log w)^{2}, since \log w^{2} would be log(w^2).
	prec int
	// named marks a layout that starts with a function name (\psi), so a
	// bare form before it may stay bare (\log x \psi(x)).
	named bool
	// layout writes forms that are not op(args); nil for op(args).
	layout func(p *printer, args []expr.Expr)
}

// forms is keyed by expr.Func.Name. A function missing here still prints,
// as \operatorname{name}(args); TestFormsCoverTable keeps this complete.
// It is filled in init because the layouts call back into the printer.
var forms map[string]form

func init() {
	forms = map[string]form{
		"exp":       {op: `\exp`, prec: expr.PrecPow},
		"log":       {op: `\log`, bare: true, prec: expr.PrecPow},
		"sin":       {op: `\sin`, bare: true, superscript: true, prec: expr.PrecPow},
		"cos":       {op: `\cos`, bare: true, superscript: true, prec: expr.PrecPow},
		"tan":       {op: `\tan`, bare: true, superscript: true, prec: expr.PrecPow},
		"tanh":      {op: `\tanh`, bare: true, superscript: true, prec: expr.PrecPow},
		"sinh":      {op: `\sinh`, bare: true, superscript: true, prec: expr.PrecPow},
		"cosh":      {op: `\cosh`, bare: true, superscript: true, prec: expr.PrecPow},
		"sigmoid":   {op: `\sigma`, prec: expr.PrecPow},
		"relu":      {op: `\operatorname{ReLU}`, prec: expr.PrecPow},
		"step":      {op: `\operatorname{H}`, prec: expr.PrecPow},
		"sign":      {op: `\operatorname{sign}`, prec: expr.PrecPow},
		"max":       {op: `\max`, prec: expr.PrecPow},
		"min":       {op: `\min`, prec: expr.PrecPow},
		"lgamma":    {op: `\log\Gamma`, prec: expr.PrecPow},
		"abs":       {prec: expr.PrecAtom, layout: layoutAbs},
		"factorial": {prec: expr.PrecPostfix, layout: layoutFactorial},
		"polygamma": {prec: expr.PrecPow, named: true, layout: layoutPolygamma},
		"median":    {prec: expr.PrecPow, named: true, layout: layoutMedian},
		"expand":    {op: `\operatorname{expand}`, prec: expr.PrecPow},
		"factor":    {op: `\operatorname{factor}`, prec: expr.PrecPow},
		"cancel":    {op: `\operatorname{cancel}`, prec: expr.PrecPow},
		"together":  {op: `\operatorname{together}`, prec: expr.PrecPow},
		"apart":     {op: `\operatorname{apart}`, prec: expr.PrecPow},
		"collect":   {op: `\operatorname{collect}`, prec: expr.PrecPow},
	}
}

// formOf returns the form of fn, or an \operatorname form for a function
// this table does not know yet.
func formOf(fn *expr.Func) form {
	if f, ok := forms[fn.Name]; ok {
		return f
	}
	return form{op: `\operatorname{` + escapeMath(fn.Name) + `}`, prec: expr.PrecPow}
}

// layoutAbs writes |x| with delimiters that grow with x.
func layoutAbs(p *printer, args []expr.Expr) {
	p.str(`\left|`)
	p.expr(args[0], 0)
	p.str(`\right|`)
}

// layoutFactorial writes n!, parenthesising anything but an atom:
// (n + 1)!, (x^{2})!, and (n!)! rather than the double factorial n!!.
func layoutFactorial(p *printer, args []expr.Expr) {
	p.expr(args[0], expr.PrecAtom)
	p.str("!")
}

// layoutPolygamma writes polygamma(0, x) as the digamma function \psi(x)
// and polygamma(n, x) as \psi^{(n)}(x).
func layoutPolygamma(p *printer, args []expr.Expr) {
	p.str(`\psi`)
	if args[0] != expr.Zero {
		p.str(`^{(`)
		p.expr(args[0], 0)
		p.str(`)}`)
	}
	p.args(args[1:])
}

// layoutMedian writes median(a, i, lo, hi) as the data set is written,
// \operatorname{median}\{a_i\}_{i=lo}^{hi}; with an index that is not a
// one-letter name (Latin or Greek), as a call, which reads back the same.
func layoutMedian(p *printer, args []expr.Expr) {
	p.str(`\operatorname{median}`)
	if s, ok := args[1].(*expr.Symbol); !ok || !(len(s.Name()) == 1 || greek[s.Name()]) {
		p.args(args)
		return
	}
	p.str(`\mathopen{}\left\{`)
	p.expr(args[0], 0)
	p.str(`\right\}_{`)
	p.expr(args[1], 0)
	p.str(`=`)
	p.expr(args[2], 0)
	p.str(`}^{`)
	p.expr(args[3], 0)
	p.str(`}`)
}

// call writes a function application, with pow (if not nil) as a
// superscript on the name.
func (p *printer) call(c *expr.CallExpr, pow *expr.Number, nx next) {
	if c == expr.E {
		p.str("e")
		return
	}
	f := formOf(c.Func())
	if f.layout != nil {
		args := c.Args()
		if c.Func() == expr.FnAbs {
			args = []expr.Expr{p.cfg.layout.AbsArg(args[0])}
		}
		f.layout(p, args)
		return
	}
	p.str(f.op)
	if pow != nil {
		p.str("^{")
		p.number(pow)
		p.str("}")
	}
	args := c.Args()
	if f.bare && nx != juxtaposed && len(args) == 1 && p.simple(args[0]) {
		p.str(" ")
		p.expr(args[0], 0)
		return
	}
	p.args(args)
}

// simple reports whether x may go without parentheses as the argument of
// a bare form: a name (an abbreviation's too), an element, or a positive
// integer.
func (p *printer) simple(x expr.Expr) bool {
	if _, ok := p.abbreviation(x); ok {
		return true
	}
	v, _ := p.value(x)
	switch v := v.(type) {
	case *expr.Symbol, *expr.Indexed:
		return true
	case *expr.Number:
		return v.IsInt() && v.Sign() > 0 && expr.Precedence(v) == expr.PrecAtom // not 3 \cdot 10^{30}
	}
	return false
}

// args writes a parenthesised argument list. \mathopen{} keeps TeX from
// putting a thin space between a function name and \left( (which it
// would, as before any \left...\right group): \sin(x), not \sin (x).
func (p *printer) args(xs []expr.Expr) {
	p.str(`\mathopen{}\left(`)
	for i, x := range xs {
		if i > 0 {
			p.str(", ")
		}
		p.expr(x, 0)
	}
	p.str(`\right)`)
}

// follower tells what the factor f starts with, as next for the factor
// before it: a function name, or anything else.
func (p *printer) follower(f expr.Expr) next {
	if _, ok := p.abbreviation(f); ok {
		return juxtaposed // a name, whatever it stands for
	}
	v, _ := p.value(f)
	if pw, ok := v.(*expr.PowExpr); ok {
		if _, ok := p.superscriptCall(pw); ok {
			return operator // \sin^{2} x
		}
	}
	if c, ok := v.(*expr.CallExpr); ok && c != expr.E {
		if f := formOf(c.Func()); f.op != "" || f.named {
			return operator
		}
	}
	return juxtaposed
}

// Apply writes the function fn applied to an argument already written in
// LaTeX, parenthesised: \sin\left(...\right), |...| for abs. Renderings
// of tensor operations use it, whose arguments are not terms.
func Apply(fn *expr.Func, arg string) string {
	if fn == expr.FnAbs {
		return `\left|` + arg + `\right|`
	}
	f := formOf(fn)
	if f.op == "" {
		return `\operatorname{` + escapeMath(fn.Name) + `}\mathopen{}\left(` + arg + `\right)`
	}
	return f.op + `\mathopen{}\left(` + arg + `\right)`
}

// FitToWidth centres a picture in a paragraph, shrunk to the width of the
// line when it is wider: a network of a dozen layers is wider than a page.
// It uses box register 0, TeX's scratch box, inside the group of center.
func FitToWidth(picture string) string {
	return `\begin{center}` + "\n" + `\sbox0{%` + "\n" + picture + `}%` + "\n" +
		`\ifdim\wd0>\linewidth \resizebox{\linewidth}{!}{\box0}\else \box0\fi` + "\n" + `\end{center}` + "\n"
}

// FuncSymbol is how a function is written without its argument, as a
// drawing labels an operation: \sin, \operatorname{relu}.
func FuncSymbol(fn *expr.Func) string {
	if f := formOf(fn); f.op != "" {
		return f.op
	}
	return OperatorName(fn.Name)
}

// OperatorName writes a name as an upright operator, escaped.
func OperatorName(name string) string { return `\operatorname{` + escapeText(name) + `}` }
