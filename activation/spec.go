package activation

import (
	"context"
	"strings"
	"sync"

	"github.com/derivtex/derivtex/define"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

// Spec is an activation function as given: its name, its variable, its
// definition with the parameters' values put in, and the parameters.
type Spec struct {
	Name       string // "elu", or "f" for an expression without a name
	Var        *expr.Symbol
	Definition expr.Expr // as written, parameters as names
	Params     []Param
	F          expr.Expr // Definition with the parameters' values
	// Def is the definition the activation comes from, with its cases
	// when it is piecewise; nil for an expression.
	Def *define.Def
	// Layout is how Definition is written (parser.ParseLayout), or nil
	// when it is not read from its text as it stands (a definition's
	// cases, LaTeX): the derivation of f' then starts from the
	// definition as written and keeps its order.
	Layout *expr.Layout
}

// Param is a parameter given a value: leaky ReLU's slope, ELU's alpha.
type Param struct {
	Name  string
	Value expr.Expr
}

// Named are the activations known by name, each an expression of x or a
// definition in the language an author defines one with, and the values
// of its parameters.
var Named = []struct{ Name, Def, Params string }{
	{"sigmoid", "sigmoid(x)", ""},
	{"tanh", "tanh(x)", ""},
	{"relu", "relu(x)", ""},
	{"lrelu", "lrelu(x; a) = max(x, a x)", "a = 1/100"},
	{"elu", "elu(x; alpha) = piecewise(x > 0: x, alpha (exp(x) - 1))", "alpha = 1"},
	{"softplus", "log(1 + exp(x))", ""},
	{"swish", "x*sigmoid(x)", ""},
	{"softsign", "x/(1 + abs(x))", ""},
}

// Names lists the known names, for messages.
func Names() string {
	var s []string
	for _, n := range Named {
		s = append(s, n.Name)
	}
	return strings.Join(s, ", ")
}

// Parse reads an activation as ParseIn does, with no definitions of the
// author's.
func Parse(src string) (*Spec, error) {
	return ParseIn(context.Background(), nil, src)
}

// ParseIn reads an activation: a known name (Named) or the name of a
// function the scope defines, optionally followed by new values of its
// parameters (elu, alpha = 1/2); or a definition, name(x; alpha) = EXPR
// (package define: piecewise bodies, calls of the scope's functions);
// or EXPR alone; each followed by , NAME = VALUE for every parameter
// that has no value. Errors are positioned in src, 1:1 being its first
// byte.
func ParseIn(ctx context.Context, scope *define.Scope, src string) (*Spec, error) {
	return ParseInAs(ctx, scope, parser.Plain, src)
}

// ParseAs is Parse with the expressions and values written in syntax s:
// with LaTeX, \frac{x}{1 + |x|}, f(x) = x \sigma(x), and elu, \alpha =
// \frac{1}{2} (a parameter may be named as a Greek letter's command).
func ParseAs(syntax parser.Syntax, src string) (*Spec, error) {
	return ParseInAs(context.Background(), nil, syntax, src)
}

// ParseInAs is ParseIn with the expressions and values written in
// syntax. Definitions by cases (piecewise) and calls of the scope's
// functions are plain syntax only; in LaTeX a definition is f(x) = EXPR.
func ParseInAs(ctx context.Context, scope *define.Scope, syntax parser.Syntax, src string) (*Spec, error) {
	// The activations known by name are callable too, elu(x; 1/2), under
	// the author's own definitions.
	user := scope
	scope = define.NewScope()
	scope.Parent = builtins()
	if user != nil {
		for _, d := range user.Defs() {
			scope.Add(d)
		}
	}
	items := split(src)
	head := items[0]
	name := strings.TrimSpace(head.text)
	if name == "" {
		return nil, at(src, head.off, "expected an activation: a name (%s) or an expression of x", Names())
	}
	s := &Spec{Name: "f"}
	var free []define.Use
	defText, defOff := head.text, head.off
	for _, n := range Named {
		if n.Name == name && user.Lookup(name) == nil {
			d, err := Parse(n.Def + paramsSuffix(n.Params))
			if err != nil {
				return nil, diag.Internalf("activation: the definition of %s: %v", n.Name, err)
			}
			*s = *d
			s.Name = n.Name
			defText = ""
		}
	}
	if d := user.Lookup(name); d != nil {
		s.fromDef(d)
		defText = ""
	}
	switch {
	case defText == "":
	case syntax == parser.LaTeX:
		if err := s.readLaTeX(src, defText, defOff, &free); err != nil {
			return nil, err
		}
	case define.IsDefinition(defText):
		d, err := scope.Define(ctx, defText)
		if err != nil {
			return nil, shifted(src, defOff, err)
		}
		s.fromDef(d)
		if _, body, ok := strings.Cut(defText, "="); ok && d.Cases == nil {
			if y, _, l, err := parser.ParseLayout("", body); err == nil && y == d.Body {
				s.Layout = l // swish(x) = x/(1 + exp(-x)) as written
			}
		}
	default:
		x, u, err := scope.Term(ctx, defText)
		if err != nil {
			return nil, shifted(src, defOff, err)
		}
		s.Definition, free = x, u
		if y, _, l, err := parser.ParseLayout("", defText); err == nil && y == x {
			s.Layout = l
		}
		switch {
		case len(free) == 0:
			return nil, at(src, defOff+lead(defText), "the activation has no variable: write it as a function of x")
		case containsUse(free, "x"):
			s.Var = expr.Sym("x")
		default:
			s.Var = expr.Sym(free[0].Name)
		}
	}
	// A named or defined activation has its parameters; an expression's
	// are the names given values.
	known := s.Def != nil || defText == ""
	for _, it := range items[1:] {
		name, val, ok := strings.Cut(it.text, "=")
		if syntax == parser.LaTeX {
			name = strings.Replace(name, `\`, "", 1) // \alpha = ... names alpha
		}
		if !ok || !isName(strings.TrimSpace(name)) {
			return nil, at(src, it.off+lead(it.text), "expected a parameter's value, NAME = VALUE, not %s", diag.Quote(strings.TrimSpace(it.text)))
		}
		name = strings.TrimSpace(name)
		if name == s.Var.Name() {
			return nil, at(src, it.off+lead(it.text), "%s is the activation's variable, not a parameter", name)
		}
		if known && !s.hasParam(name) {
			return nil, at(src, it.off+lead(it.text), "unknown parameter %s: %s's parameters are %s", name, s.Name, s.paramNames())
		}
		v, _, err := parser.ParseTermAs(syntax, "", val)
		if err != nil {
			return nil, shifted(src, it.off+len(it.text)-len(val), err)
		}
		if len(expr.FreeSymbols(v)) > 0 {
			return nil, at(src, it.off+len(it.text)-len(val)+lead(val), "the value of %s must be a number, not %s", name, strings.TrimSpace(val))
		}
		s.setParam(name, v)
	}
	sub := map[expr.Expr]expr.Expr{}
	for i, p := range s.Params {
		if p.Value == nil {
			// Every parameter needs a value, also one the body folds
			// away (0 b).
			off := defOff + lead(defText)
			if s.Def != nil && defText != "" && i < len(s.Def.ParamOffs) {
				off = defOff + s.Def.ParamOffs[i]
			}
			return nil, at(src, off, "%s has no value: give it one after a comma, %s = 1", p.Name, p.Name)
		}
		sub[expr.Sym(p.Name)] = p.Value
	}
	s.F = expr.Substitute(s.Definition, sub)
	if u := expr.UndefinedIn(s.F); u != nil {
		return nil, at(src, defOff+lead(defText), "undefined with these values: %s", u.Reason())
	}
	for _, f := range expr.FreeSymbols(s.F) {
		if f != s.Var {
			off := defOff + lead(defText)
			for _, u := range free {
				if u.Name == f.Name() {
					off = defOff + u.Off
					break
				}
			}
			if s.Def != nil && defText != "" {
				for i, p := range s.Def.Params {
					if p == f {
						off = defOff + s.Def.ParamOffs[i]
					}
				}
			}
			return nil, at(src, off, "%s has no value: give it one after a comma, %s = 1", f.Name(), f.Name())
		}
	}
	return s, nil
}

// fromDef takes the activation from a definition, its parameters still
// without values.
func (s *Spec) fromDef(d *define.Def) {
	s.Name, s.Var, s.Definition, s.Def = d.Name, d.Var, d.Body, d
	s.Params = nil
	for _, p := range d.Params {
		s.Params = append(s.Params, Param{Name: p.Name()})
	}
}

func (s *Spec) hasParam(name string) bool {
	for _, p := range s.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

func (s *Spec) paramNames() string {
	if len(s.Params) == 0 {
		return "none"
	}
	var out []string
	for _, p := range s.Params {
		out = append(out, p.Name)
	}
	return strings.Join(out, ", ")
}

func containsUse(us []define.Use, name string) bool {
	for _, u := range us {
		if u.Name == name {
			return true
		}
	}
	return false
}

// builtins are the known activations that are definitions (lrelu, elu),
// as a scope, made once.
var builtins = sync.OnceValue(func() *define.Scope {
	b := define.NewScope()
	for _, n := range Named {
		if !define.IsDefinition(n.Def) {
			continue
		}
		d, err := b.Define(context.Background(), n.Def)
		if err != nil {
			panic("activation: the definition of " + n.Name + ": " + err.Error())
		}
		b.Add(d)
	}
	return b
})

func (s *Spec) setParam(name string, v expr.Expr) {
	for i, p := range s.Params {
		if p.Name == name {
			s.Params[i].Value = v
			return
		}
	}
	s.Params = append(s.Params, Param{name, v})
}

func paramsSuffix(p string) string {
	if p == "" {
		return ""
	}
	return ", " + p
}

// item is a piece of the source between top-level commas.
type item struct {
	text string
	off  int
}

// split cuts src at the commas outside brackets.
func split(src string) []item {
	var out []item
	depth, start := 0, 0
	for i, r := range src {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, item{src[start:i], start})
				start = i + 1
			}
		}
	}
	return append(out, item{src[start:], start})
}

func lead(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return expr.LookupFunc(s) == nil
}

// at is an error at byte off of src.
func at(src string, off int, format string, args ...any) error {
	return diag.At(diag.Pos{Line: 1, Col: 1, Offset: 0}.Advance(src[:min(off, len(src))]), format, args...).WithSource(src)
}

// shifted moves an error of the expression parser, positioned in the
// piece that starts at byte off of src, to its place in src.
func shifted(src string, off int, err error) error {
	d := diag.From(err)
	o := off
	if d.Pos.IsValid() {
		o += d.Pos.Offset
	}
	return at(src, o, "%s", d.Msg)
}

// readLaTeX reads an activation written in LaTeX: EXPR, or name(x) = EXPR.
func (s *Spec) readLaTeX(src, defText string, defOff int, free *[]define.Use) error {
	if lhs, rhs, ok := strings.Cut(defText, "="); ok {
		name, v, found := strings.Cut(strings.TrimSpace(lhs), "(")
		arg, closed := strings.CutSuffix(strings.TrimSpace(v), ")")
		if !found || !closed || !isName(strings.TrimSpace(name)) || !isName(strings.TrimSpace(arg)) {
			return at(src, defOff+lead(defText), "expected name(x) = expression before %q, as in elu(x) = ...", "=")
		}
		s.Name, s.Var = strings.TrimSpace(name), expr.Sym(strings.TrimSpace(arg))
		defOff += len(lhs) + 1
		defText = rhs
	}
	x, uses, err := parser.ParseTermAs(parser.LaTeX, "", defText)
	if err != nil {
		return shifted(src, defOff, err)
	}
	s.Definition = x
	for _, u := range uses {
		if u.Free != (diag.Pos{}) {
			*free = append(*free, define.Use{Name: u.Name, Off: defOff + u.Pos.Offset})
		}
	}
	if s.Var == nil {
		switch {
		case len(*free) == 0:
			return at(src, defOff+lead(defText), "the activation has no variable: write it as a function of x")
		case containsUse(*free, "x"):
			s.Var = expr.Sym("x")
		default:
			s.Var = expr.Sym((*free)[0].Name)
		}
	}
	return nil
}
