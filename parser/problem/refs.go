package problem

import (
	"regexp"
	"sort"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/internal/suggest"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// A problem labelled with as NAME after its title can be used by the
// given statements of the problems after it: given g = grad.w binds g to
// the part w of grad's answer, so that a multi-part question is written
// once. Only earlier problems can be used, which rules out cycles.

// refPattern is LABEL or LABEL.PART.
var refPattern = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*)(?:\.([A-Za-z][A-Za-z0-9_]*))?$`)

// pendingRef is a reference to a label not read yet where it stands:
// a problem further down, or none. bare is a reference without a part,
// whose reading as a value failed with valueErr.
type pendingRef struct {
	at       piece
	label    string
	bare     bool
	valueErr error
}

// label reads the "as NAME" after a problem's title.
func (c *converter) label(b *builder, tok lexer.Token) {
	text := strings.TrimRight(tok.Value, " \t\r\f\v")
	name := strings.TrimSpace(strings.TrimPrefix(text, "as"))
	at := c.pos(tok.Pos).Advance(text[:len(text)-len(name)])
	if !namePattern.MatchString(name) {
		c.errorf(at, "expected a label after as, a name such as grad, found %s", diag.Quote(name))
		return
	}
	if x, err := parser.Parse(name); err != nil || !isVariable(x) {
		c.errorf(at, "%s is a constant or a function; a label must be another name", name)
		if c.labels[name] == nil {
			c.labels[name] = b.p // its uses are not errors of their own
		}
		return
	}
	if first := c.labels[name]; first != nil {
		c.errorf(at, "label %s is already that of the problem at line %d", name, first.Pos.Line)
		return
	}
	b.p.Label, b.p.LabelPos = name, at
	c.labels[name] = b.p
}

func isVariable(x expr.Expr) bool {
	s, ok := x.(*expr.Symbol)
	return ok && !expr.IsConstantSymbol(s)
}

// reference reads a given value that is an earlier problem's answer. It
// reports whether the value was taken as a reference (bound, or with its
// error reported or pending); valueErr is why the text does not read as
// a value, nil when it does.
func (c *converter) reference(rhs piece, valueErr error) (*Ref, bool) {
	m := refPattern.FindStringSubmatch(rhs.text)
	if m == nil {
		return nil, false
	}
	label, part := m[1], m[2]
	bare := !strings.Contains(rhs.text, ".")
	if bare && valueErr == nil {
		return nil, false // pi, e: a value
	}
	if c.current != nil && c.current.Label == label {
		c.errorf(rhs.pos, "%s is this problem's own label: a problem cannot use its own answer, only an earlier problem's", label)
		return nil, true
	}
	target := c.labels[label]
	if target == nil {
		c.later = append(c.later, pendingRef{at: rhs, label: label, bare: bare, valueErr: valueErr})
		return nil, true
	}
	return &Ref{Pos: rhs.pos, Problem: target, Part: part}, true
}

// placeholder is a reference's value until the solver has the answer:
// zeros in the shape of a network's input, whose gradient it is, or a
// number.
func placeholder(r *Ref) tensor.Tensor {
	if r.Problem.Kind == "network" {
		for _, s := range r.Problem.Statements {
			for _, bd := range s.Bindings {
				if bd.Name == r.Part && bd.Value.Rank() > 0 {
					zeros := make([]expr.Expr, bd.Value.Len())
					for i := range zeros {
						zeros[i] = expr.Zero
					}
					if t, err := tensor.New(bd.Value.Shape(), zeros); err == nil {
						return t
					}
				}
			}
		}
	}
	return tensor.Scalar(expr.Zero)
}

// decideLater reports the references to labels that were not read where
// they stood: a label further down is a forward reference; no label at
// all is unknown (or, written bare, a value that did not read).
func (c *converter) decideLater() {
	for _, r := range c.later {
		if p := c.labels[r.label]; p != nil {
			c.errorf(r.at.pos, "problem %s (line %d) comes after this one: a problem can use only an earlier problem's answer; move it up",
				r.label, p.Pos.Line)
			continue
		}
		if r.bare {
			c.exprError(r.at, r.valueErr)
			continue
		}
		known := make([]string, 0, len(c.labels))
		for l := range c.labels {
			known = append(known, l)
		}
		sort.Strings(known)
		msg := "no problem is labelled " + r.label + `: label one with problem "..." as ` + r.label
		if near := suggest.Nearest(r.label, known); near != "" {
			msg = "no problem is labelled " + r.label + "; did you mean " + near + "?"
		}
		c.errorf(r.at.pos, "%s", msg)
	}
}
