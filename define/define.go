// Package define reads the functions an author defines, with named
// parameters and piecewise bodies, and expands them into the engine's own
// terms, so that everything downstream (derive, simplify, the activation
// analysis, plots) works on a definition with no code of its own:
//
//	elu(x; alpha) = piecewise(x > 0: x, alpha (exp(x) - 1))
//	lrelu(x; a) = max(a x, x)
//
// A piecewise body becomes a sum of its pieces evaluated at clamped
// arguments (min, max), with a step for each jump; see piecewise.go. A
// call of a defined function, lrelu(2 x) or lrelu(x; 1/10), is its body
// with the argument and the parameters' values put in.
//
// Errors are *diag.Error values positioned in the source text given,
// 1:1 being its first byte; callers move them to their place in a file.
package define

import (
	"context"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
)

// Def is a defined function: Name(Var; Params) = Body.
type Def struct {
	Name   string
	Var    *expr.Symbol
	Params []*expr.Symbol
	// ParamOffs are where each parameter is named in the definition's
	// source: in the header, or at its first use when undeclared.
	ParamOffs []int
	// Declared reports that the header listed the parameters after ";";
	// otherwise every free name of the body other than Var is one.
	Declared bool
	// Body is the definition in the engine's terms, parameters as names.
	Body expr.Expr
	// Cases are the pieces of a body that is one piecewise(...), as
	// written, for a display with cases; nil for other bodies.
	Cases []Case
}

// Case is one piece as written: its condition (empty for the last value,
// which holds otherwise) and its value.
type Case struct {
	Cond, CondTeX string
	Value         expr.Expr
}

// Scope holds the functions defined so far: a definition may call those
// defined before it, not itself (no recursion).
type Scope struct {
	defs  map[string]*Def
	order []*Def
	// Parent holds the functions known before the scope's own (the
	// activations known by name); a definition of the scope hides one
	// of its parent's.
	Parent *Scope
}

// NewScope is an empty scope.
func NewScope() *Scope { return &Scope{defs: map[string]*Def{}} }

// Lookup returns the function defined with that name, or nil.
func (s *Scope) Lookup(name string) *Def {
	if s == nil {
		return nil
	}
	if d := s.defs[name]; d != nil {
		return d
	}
	return s.Parent.Lookup(name)
}

// Defs are the definitions in the order they were made.
func (s *Scope) Defs() []*Def {
	if s == nil {
		return nil
	}
	return s.order
}

// Add puts d in the scope; it reports false when the name is taken.
func (s *Scope) Add(d *Def) bool {
	if s.defs[d.Name] != nil {
		return false
	}
	s.defs[d.Name] = d
	s.order = append(s.order, d)
	return true
}

// MaxSize bounds the distinct subterms of an expanded term: definitions
// that call each other twice over grow exponentially.
const MaxSize = 20000

// IsDefinition reports whether src has the shape of a definition, a
// header and "=" (outside brackets) before the body.
func IsDefinition(src string) bool {
	_, ok := equals(src)
	return ok
}

// equals is the offset of the first "=" of src that is not part of "<="
// or ">=", at any depth: a header with unbalanced brackets is still one.
func equals(src string) (int, bool) {
	for i := 0; i < len(src); i++ {
		if src[i] == '=' && (i == 0 || src[i-1] != '<' && src[i-1] != '>') {
			return i, true
		}
	}
	return 0, false
}

// Define reads a definition, NAME(VAR; P1, P2) = BODY or NAME(VAR) =
// BODY, in the scope (it may call what the scope defines) without adding
// it.
func (s *Scope) Define(ctx context.Context, src string) (*Def, error) {
	eq, ok := equals(src)
	if !ok {
		return nil, at(src, lead(src), "expected a definition, name(x; a, b) = expression")
	}
	head := src[:eq]
	d := &Def{}
	open := strings.IndexByte(head, '(')
	closing := strings.LastIndexByte(head, ')')
	if open < 0 || closing < open || strings.TrimSpace(head[closing+1:]) != "" {
		return nil, at(src, lead(head), "expected name(x) or name(x; a, b) before %q, as in elu(x; alpha) = ...", "=")
	}
	d.Name = strings.TrimSpace(head[:open])
	if err := checkName(src, lead(head), d.Name, "the function's name"); err != nil {
		return nil, err
	}
	if expr.LookupFunc(d.Name) != nil || d.Name == "piecewise" {
		return nil, at(src, lead(head), "%s is a function of the engine: give yours another name", d.Name)
	}
	if s != nil && s.defs[d.Name] != nil {
		return nil, at(src, lead(head), "%s is defined already", d.Name)
	}
	inner := head[open+1 : closing]
	vars, params, declared := inner, "", false
	if i := strings.IndexByte(inner, ';'); i >= 0 {
		vars, params, declared = inner[:i], inner[i+1:], true
	}
	d.Declared = declared
	voff := open + 1
	if strings.Contains(vars, ",") {
		return nil, at(src, voff+strings.IndexByte(vars, ','), "a function defined here has one variable; its parameters come after %q: %s(x; a, b)", ";", d.Name)
	}
	if err := checkName(src, voff+lead(vars), strings.TrimSpace(vars), "the variable"); err != nil {
		return nil, err
	}
	d.Var = expr.Sym(strings.TrimSpace(vars))
	seen := map[string]bool{d.Var.Name(): true}
	if declared {
		off := voff + len(vars) + 1
		for _, p := range strings.Split(params, ",") {
			name := strings.TrimSpace(p)
			if err := checkName(src, off+lead(p), name, "a parameter"); err != nil {
				return nil, err
			}
			if seen[name] {
				return nil, at(src, off+lead(p), "%s is named twice in the header", name)
			}
			seen[name] = true
			d.Params = append(d.Params, expr.Sym(name))
			d.ParamOffs = append(d.ParamOffs, off+lead(p))
			off += len(p) + 1
		}
	}
	body, bodyOff := src[eq+1:], eq+1
	if strings.TrimSpace(body) == "" {
		return nil, at(src, len(src), "expected the body of %s after %q", d.Name, "=")
	}
	r := &reader{ctx: ctx, scope: s, src: src, defining: d.Name, v: d.Var}
	x, err := r.term(bodyOff, len(src))
	if err != nil {
		return nil, err
	}
	for _, u := range r.free {
		if seen[u.Name] {
			continue
		}
		if declared {
			return nil, at(src, u.Off, "unknown parameter %s: %s's are %s; list it after %q in the header", u.Name, d.Name, paramList(d), ";")
		}
		seen[u.Name] = true
		d.Params = append(d.Params, expr.Sym(u.Name))
		d.ParamOffs = append(d.ParamOffs, u.Off)
	}
	d.Body = x
	d.Cases = r.topCases(bodyOff)
	return d, nil
}

// Term reads a term that may call piecewise and the scope's functions,
// and returns it with its free names, each at its first use.
func (s *Scope) Term(ctx context.Context, src string) (expr.Expr, []Use, error) {
	r := &reader{ctx: ctx, scope: s, src: src}
	x, err := r.term(0, len(src))
	if err != nil {
		return nil, nil, err
	}
	return x, r.uses(), nil
}

// Use is a free name of a term and the byte offset of its first use.
type Use struct {
	Name string
	Off  int
}

func paramList(d *Def) string {
	if len(d.Params) == 0 {
		return "none"
	}
	var s []string
	for _, p := range d.Params {
		s = append(s, p.Name())
	}
	return strings.Join(s, ", ")
}

// Call is d's body at arg with the parameters' values put in; a
// parameter without a value (nil) stays a name.
func (d *Def) Call(arg expr.Expr, values []expr.Expr) expr.Expr {
	sub := map[expr.Expr]expr.Expr{d.Var: arg}
	for i, p := range d.Params {
		if i < len(values) && values[i] != nil {
			sub[p] = values[i]
		}
	}
	return expr.Substitute(d.Body, sub)
}

// HeaderTeX is name(x; a, b) in LaTeX.
func (d *Def) HeaderTeX() string {
	t := latex.OperatorName(d.Name) + `(` + latex.Expr(d.Var)
	for i, p := range d.Params {
		if i == 0 {
			t += `;\, `
		} else {
			t += `, `
		}
		t += latex.Expr(p)
	}
	return t + `)`
}

// CasesTeX is the body as a cases display, or "" when it is not one
// piecewise.
func (d *Def) CasesTeX() string {
	if d.Cases == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(`\begin{cases}`)
	for i, c := range d.Cases {
		if i > 0 {
			b.WriteString(`\\ `)
		}
		cond := `\text{otherwise}`
		if c.Cond != "" {
			cond = c.CondTeX
		}
		b.WriteString(latex.Expr(c.Value) + ` & ` + cond)
	}
	b.WriteString(`\end{cases}`)
	return b.String()
}

// CasesPlain is the body as written with its cases, or "".
func (d *Def) CasesPlain() string {
	if d.Cases == nil {
		return ""
	}
	var parts []string
	for _, c := range d.Cases {
		if c.Cond == "" {
			parts = append(parts, expr.Plain(c.Value))
		} else {
			parts = append(parts, c.Cond+": "+expr.Plain(c.Value))
		}
	}
	return "piecewise(" + strings.Join(parts, ", ") + ")"
}

func checkName(src string, off int, name, what string) error {
	if !isName(name) {
		return at(src, off, "expected a name for %s, not %s", what, diag.Quote(name))
	}
	if name == "pi" || name == "e" {
		return at(src, off, "%s is a constant, not a name for %s", name, what)
	}
	return nil
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// topLevel is the offset of the first sep outside brackets.
func topLevel(s string, sep byte) (int, bool) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == sep && depth == 0:
			// "<=" and ">=" are comparisons, not definitions.
			if sep == '=' && i > 0 && (s[i-1] == '<' || s[i-1] == '>') {
				continue
			}
			return i, true
		}
	}
	return 0, false
}

func lead(s string) int { return len(s) - len(strings.TrimLeft(s, " \t\r\n")) }

// at is an input error at byte off of src.
func at(src string, off int, format string, args ...any) *diag.Error {
	off = min(max(off, 0), len(src))
	return diag.At(diag.Pos{Line: 1, Col: 1}.Advance(src[:off]), format, args...).WithSource(src)
}
