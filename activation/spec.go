package activation

import (
	"strings"

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
}

// Param is a parameter given a value: leaky ReLU's slope, ELU's alpha.
type Param struct {
	Name  string
	Value expr.Expr
}

// Named are the activations known by name, each defined in the
// expression syntax, with the values of its parameters.
var Named = []struct{ Name, Def, Params string }{
	{"sigmoid", "sigmoid(x)", ""},
	{"tanh", "tanh(x)", ""},
	{"relu", "relu(x)", ""},
	{"lrelu", "max(x, a*x)", "a = 1/100"},
	{"elu", "relu(x) + alpha*(exp(min(x, 0)) - 1)", "alpha = 1"},
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

// Parse reads an activation: a known name (Named), optionally followed by
// new values of its parameters (elu, alpha = 1/2); or name(x) = EXPR; or
// EXPR alone; each optionally followed by , NAME = VALUE for every
// parameter. Errors are positioned in src, 1:1 being its first byte.
func Parse(src string) (*Spec, error) { return ParseAs(parser.Plain, src) }

// ParseAs is Parse with the expressions and values written in syntax s:
// with LaTeX, \frac{x}{1 + |x|}, f(x) = x \sigma(x), and elu, \alpha =
// \frac{1}{2} (a parameter may be named as a Greek letter's command).
func ParseAs(syntax parser.Syntax, src string) (*Spec, error) {
	items := split(src)
	head := items[0]
	if strings.TrimSpace(head.text) == "" {
		return nil, at(src, head.off, "expected an activation: a name (%s) or an expression of x", Names())
	}
	s := &Spec{Name: "f"}
	var given []item
	var uses []parser.Use
	defText, defOff := head.text, head.off
	for _, n := range Named {
		if n.Name == strings.TrimSpace(head.text) {
			s.Name = n.Name
			d, err := Parse(n.Def + paramsSuffix(n.Params))
			if err != nil {
				return nil, diag.Internalf("activation: the definition of %s: %v", n.Name, err)
			}
			s.Var, s.Definition, s.Params = d.Var, d.Definition, d.Params
			defText = ""
		}
	}
	if defText != "" {
		lhs, rhs, ok := strings.Cut(defText, "=")
		if ok {
			name, v, found := strings.Cut(strings.TrimSpace(lhs), "(")
			arg, closed := strings.CutSuffix(strings.TrimSpace(v), ")")
			if !found || !closed || !isName(strings.TrimSpace(name)) || !isName(strings.TrimSpace(arg)) {
				return nil, at(src, defOff+lead(defText), "expected name(x) = expression before %q, as in elu(x) = ...", "=")
			}
			s.Name, s.Var = strings.TrimSpace(name), expr.Sym(strings.TrimSpace(arg))
			defOff += len(lhs) + 1
			defText = rhs
		}
		x, u, err := parser.ParseTermAs(syntax, "", defText)
		uses = u
		if err != nil {
			return nil, shifted(src, defOff, err)
		}
		s.Definition = x
		free := freeNames(u)
		if s.Var == nil {
			switch {
			case contains(free, "x"):
				s.Var = expr.Sym("x")
			case len(free) > 0:
				s.Var = expr.Sym(free[0])
			default:
				return nil, at(src, defOff+lead(defText), "the activation has no variable: write it as a function of x")
			}
		}
	}
	given = items[1:]
	for _, it := range given {
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
	for _, p := range s.Params {
		sub[expr.Sym(p.Name)] = p.Value
	}
	s.F = expr.Substitute(s.Definition, sub)
	for _, f := range expr.FreeSymbols(s.F) {
		if f != s.Var {
			off := defOff + lead(defText)
			for _, u := range uses {
				if u.Name == f.Name() && u.Free.IsValid() {
					off = defOff + u.Free.Offset
					break
				}
			}
			return nil, at(src, off, "%s has no value: give it one after a comma, %s = 1", f.Name(), f.Name())
		}
	}
	return s, nil
}

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

// split cuts src at the commas outside brackets and braces.
func split(src string) []item {
	var out []item
	depth, start := 0, 0
	for i, r := range src {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
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

func freeNames(uses []parser.Use) []string {
	var out []string
	for _, u := range uses {
		if u.Free.IsValid() && !contains(out, u.Name) {
			out = append(out, u.Name)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
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
