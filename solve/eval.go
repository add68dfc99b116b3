package solve

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/tensor"
)

// MaxUnroll bounds how many terms a sum or product with numeric bounds is
// written out into before numbers are put in.
const MaxUnroll = 1000

// Bindings are given values, exact and as floats: a problem's given
// statements, or the command line's NAME=VALUE.
type Bindings struct {
	Exact map[expr.Expr]expr.Expr // symbols and elements to values
	Env   expr.Env                // the same as floats
	// Values holds each value as given, and Names the names in the order
	// they were bound.
	Values map[string]tensor.Tensor
	Names  []string
}

// NewBindings returns bindings that bind nothing yet.
func NewBindings() *Bindings {
	return &Bindings{
		Exact:  map[expr.Expr]expr.Expr{},
		Env:    expr.Env{Scalars: map[string]float64{}, Arrays: map[string]expr.Array{}},
		Values: map[string]tensor.Tensor{},
	}
}

// Bind gives name the value v, charging the evaluation of its entries to
// ctx's budget: a number binds the symbol name, an array each of its
// elements name[i, ...], 1-based. An entry without a float value (one
// that overflows) is an error that names it, without a position: the
// caller knows where the value was written.
func (b *Bindings) Bind(ctx context.Context, name string, v tensor.Tensor) error {
	m := budget.From(ctx)
	fail := func(what expr.Expr, err error) error {
		d := diag.From(err)
		return &diag.Error{Kind: d.Kind, Msg: fmt.Sprintf("value of %s: %s", what, d.Msg), Err: err}
	}
	if v.Rank() == 0 {
		x := v.At()
		f, err := expr.Eval(x, expr.Env{Meter: m})
		if err != nil {
			return fail(expr.Sym(name), err)
		}
		b.Env.Scalars[name] = f
		b.Exact[expr.Sym(name)] = x
	} else {
		data := make([]float64, 0, v.Len())
		for index, x := range v.All() {
			el := element(name, index)
			f, err := expr.Eval(x, expr.Env{Meter: m})
			if err != nil {
				return fail(el, err)
			}
			data = append(data, f)
			b.Exact[el] = x
		}
		b.Env.Arrays[name] = expr.Array{Shape: v.Shape(), Data: data}
	}
	if _, again := b.Values[name]; !again {
		b.Names = append(b.Names, name)
	}
	b.Values[name] = v
	return nil
}

// CheckElements refuses an element of a bound array that x names with
// whole-number indices but that the array does not have (x[3] of a
// vector of 2), or with another number of indices: left alone, it would
// stay a symbol in an answer that should be a number. The error is the
// evaluation's, which names the index, the name and its shape.
func (b *Bindings) CheckElements(x expr.Expr) error {
	var err error
	expr.Inspect(x, func(y expr.Expr) bool {
		el, ok := y.(*expr.Indexed)
		if !ok || err != nil {
			return err == nil
		}
		if _, bound := b.Values[el.Name()]; !bound || b.Exact[el] != nil {
			return true
		}
		for _, ix := range el.Index() {
			if ix.Kind() != expr.KindNumber {
				return true // x[i]: its index is a variable, bound or not
			}
		}
		_, err = expr.Eval(el, b.Env)
		return false
	})
	return err
}

// element is the term name[index...] for a 1-based index.
func element(name string, index []int) *expr.Indexed {
	xs := make([]expr.Expr, len(index))
	for k, i := range index {
		xs[k] = expr.Int(int64(i))
	}
	return expr.Index(name, xs...)
}

// bindings collects the values of a problem's given statements, charging
// their evaluation to ctx's budget.
func bindings(ctx context.Context, p *problem.Problem) (*Bindings, error) {
	b := NewBindings()
	for _, st := range p.Statements {
		if st.Key != "given" {
			continue
		}
		for _, bd := range st.Bindings {
			if err := b.Bind(ctx, bd.Name, bd.Value); err != nil {
				return nil, diag.From(err).Located(bd.Pos, "")
			}
		}
	}
	return b, nil
}

// Unroll writes out the sums and products of x whose bounds are numbers
// at the given values (sum(y[i], i, 1, N) with N = 3), so that given
// vector elements can be put in. Only the bounds take values: the bodies
// keep their names, for the row that shows the numbers put in. Each copy
// of a body is charged to ctx's budget, so sums nested in sums cannot
// multiply without bound.
func Unroll(ctx context.Context, x expr.Expr, values map[expr.Expr]expr.Expr) expr.Expr {
	m := budget.From(ctx)
	return expr.Map(x, func(n expr.Expr) expr.Expr {
		b, ok := n.(*expr.BigOp)
		if !ok {
			return n
		}
		lo, ok1 := intOf(expr.Substitute(b.Lo(), values))
		hi, ok2 := intOf(expr.Substitute(b.Hi(), values))
		if !ok1 || !ok2 || hi-lo+1 > MaxUnroll || !m.Work(int(hi-lo+1)*(1+len(b.Body().Args()))) {
			return n
		}
		var parts []expr.Expr
		for k := lo; k <= hi; k++ {
			parts = append(parts, expr.Substitute(b.Body(), map[expr.Expr]expr.Expr{b.Var(): expr.Int(k)}))
		}
		if b.Op() == expr.Sum {
			return expr.Add(parts...)
		}
		return expr.Mul(parts...)
	})
}

func intOf(x expr.Expr) (int64, bool) {
	n, ok := x.(*expr.Number)
	if !ok {
		return 0, false
	}
	return n.Int64()
}

// Substitution is a formula worked out at given values, as shown: the
// formula, the formula with the numbers put in, the exact result, and its
// decimal value.
type Substitution struct {
	Formula expr.Expr
	Exact   expr.Expr // the formula with the values put in, evaluated exactly
	Value   float64
	Numeric bool // Exact has no symbols left, so Value is its value
}

// Substitute works out x at the values b. A value that is undefined at
// them (a division by zero) is an error, as in the parser.
func Substitute(ctx context.Context, x expr.Expr, b *Bindings) (*Substitution, error) {
	s := &Substitution{Formula: x}
	unrolled := Unroll(ctx, x, b.Exact)
	if err := budget.From(ctx).Err(); err != nil {
		return nil, err
	}
	if err := b.CheckElements(unrolled); err != nil {
		return nil, err
	}
	s.Exact = expr.Substitute(unrolled, b.Exact)
	if u := expr.UndefinedIn(s.Exact); u != nil {
		return nil, diag.Errorf("undefined at the given values: %s", u.Reason())
	}
	if len(expr.FreeSymbols(s.Exact)) == 0 {
		v, err := expr.Eval(s.Exact, expr.Env{Meter: budget.From(ctx)})
		if err != nil {
			return nil, err
		}
		s.Value, s.Numeric = v, true
	}
	return s, nil
}

// Rows renders the substitution as align* rows after "lhs &= ", charging
// ctx's output budget.
func (s *Substitution) Rows(ctx context.Context, b *Bindings, precision int) string {
	m := latex.WithBudget(budget.From(ctx))
	var rows []string
	rows = append(rows, latex.Expr(s.Formula, m))
	if shown := latex.Expr(Unroll(ctx, s.Formula, b.Exact), latex.WithSubst(b.Exact), m); shown != rows[0] {
		rows = append(rows, shown)
	}
	if exact := latex.Expr(s.Exact, m); exact != rows[len(rows)-1] {
		rows = append(rows, exact)
	}
	out := strings.Join(rows, ` \\`+"\n&= ")
	if s.Numeric && !isWhole(s.Exact) {
		out += ` \\` + "\n" + `&\approx ` + FormatDecimal(s.Value, precision)
	}
	return out
}

// Align renders the substitution as an align* environment whose
// left-hand side is the formula itself.
func (s *Substitution) Align(ctx context.Context, b *Bindings, precision int) string {
	rows := s.Rows(ctx, b, precision)
	_, rest, _ := strings.Cut(rows, "\\\n")
	if rest == "" {
		rest = "&= " + rows
	}
	return latex.Align(latex.Expr(s.Formula, latex.WithBudget(budget.From(ctx))) + " " + rest)
}

func isWhole(x expr.Expr) bool {
	n, ok := x.(*expr.Number)
	return ok && n.IsInt()
}

// FormatDecimal writes v with the given number of decimals.
func FormatDecimal(v float64, precision int) string {
	return strconv.FormatFloat(v, 'f', precision, 64)
}

func solveEval(ctx context.Context, f *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "eval")
	b, err := bindings(ctx, p)
	if err != nil {
		return nil, err
	}
	sub, err := Substitute(ctx, st.Expr, b)
	if err != nil {
		return nil, errorAt(st, err)
	}
	precision := f.Precision
	name := "value"
	lhs := ""
	var body strings.Builder
	if len(st.Names) == 1 {
		name = st.Names[0]
		lhs = latex.Expr(expr.Sym(name)) + " "
		body.WriteString(latex.Align(lhs + "&= " + sub.Rows(ctx, b, precision)))
	} else {
		body.WriteString(sub.Align(ctx, b, precision))
	}
	final := latex.Expr(sub.Exact, latex.WithBudget(budget.From(ctx)))
	if lhs != "" {
		final = lhs + "= " + final
	}
	if sub.Numeric && !isWhole(sub.Exact) {
		final += ` \approx ` + FormatDecimal(sub.Value, precision)
	}
	body.WriteString("\n\\[\n\\boxed{" + final + "}\n\\]\n")
	var value *float64
	if sub.Numeric {
		value = &sub.Value
	}
	a, err := answer.EvalOf(ctx, sub.Formula, value, sub.Exact)
	if err != nil {
		return nil, errorAt(st, err)
	}
	a.Name = name
	return &Solution{Body: body.String(), Answer: answer.Problem{Eval: a}}, budget.From(ctx).Err()
}
