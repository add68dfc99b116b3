package solve

import (
	"context"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
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
	// Written holds, for a symbol whose value the author wrote otherwise
	// than it prints (0.5 for 1/2), the LaTeX of the value as written.
	Written map[expr.Expr]string
}

// NewBindings returns bindings that bind nothing yet.
func NewBindings() *Bindings {
	return &Bindings{
		Exact:   map[expr.Expr]expr.Expr{},
		Env:     expr.Env{Scalars: map[string]float64{}, Arrays: map[string]expr.Array{}},
		Values:  map[string]tensor.Tensor{},
		Written: map[expr.Expr]string{},
	}
}

// Bind gives name the value v, charging the evaluation of its entries to
// ctx's budget: a number binds the symbol name, an array each of its
// elements name[i, ...], 1-based. A float is only needed where an answer
// has no exact value, so an entry whose float overflows (10^400,
// exp(1000)) or underflows (10^-400) is bound in Env.Unfit too, and only
// an evaluation that needs its float fails (naming it, without a
// position: the caller knows where the value was written).
func (b *Bindings) Bind(ctx context.Context, name string, v tensor.Tensor) error {
	m := budget.From(ctx)
	// float is x's float and whether it has one that carries it; the
	// entry at is in Env.Unfit when not.
	float := func(at, x expr.Expr) (float64, bool, error) {
		f, err := expr.Eval(x, expr.Env{Meter: m})
		if err := m.Err(); err != nil {
			return 0, false, err
		}
		n, isNumber := x.(*expr.Number)
		if err != nil || isNumber && !n.FitsFloat() {
			if b.Env.Unfit == nil {
				b.Env.Unfit = map[expr.Expr]expr.Expr{}
			}
			b.Env.Unfit[at] = x
		}
		return f, err == nil, nil
	}
	if v.Rank() == 0 {
		x, sym := v.At(), expr.Sym(name)
		f, ok, err := float(sym, x)
		if err != nil {
			return err
		}
		if ok {
			b.Env.Scalars[name] = f
		}
		b.Exact[sym] = x
	} else {
		data := make([]float64, 0, v.Len())
		for index, x := range v.All() {
			el := element(name, index)
			f, ok, err := float(el, x)
			if err != nil {
				return err
			}
			if !ok {
				f = math.NaN() // Env.Unfit says why
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
		if !el.HasNumericIndex() {
			return true // x[i]: its index is a variable, bound or not
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
			if bd.Value.Rank() == 0 {
				if tex, ok := writtenValue(bd.Text, bd.Value.Entries()[0]); ok {
					b.Written[expr.Sym(bd.Name)] = tex
				}
			}
		}
	}
	return b, nil
}

// writtenValue is the LaTeX of the value text as written (0.5), when the
// text builds the number v and is written otherwise than v prints.
func writtenValue(text string, v expr.Expr) (string, bool) {
	x, _, l, err := parser.ParseLayout("", text)
	if err != nil || x != v {
		return "", false
	}
	tex := latex.Expr(x, latex.WithLayout(l), latex.Written(true))
	return tex, tex != latex.Expr(x)
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
		lo, ok1 := bigIntOf(expr.Substitute(b.Lo(), values))
		hi, ok2 := bigIntOf(expr.Substitute(b.Hi(), values))
		if !ok1 || !ok2 {
			return n
		}
		// The number of terms, in big integers: bounds near the ends of
		// int64 must not wrap around to a small count.
		count := new(big.Int).Sub(hi, lo)
		if count.Sign() < 0 {
			return empty(b.Op())
		}
		if count.Cmp(big.NewInt(MaxUnroll)) >= 0 || !m.Work(int(count.Int64()+1)*(1+len(b.Body().Args()))) {
			return n
		}
		var parts []expr.Expr
		for k := new(big.Int).Set(lo); k.Cmp(hi) <= 0; k.Add(k, big.NewInt(1)) {
			at := expr.NewNumber(new(big.Rat).SetInt(k))
			parts = append(parts, expr.Substitute(b.Body(), map[expr.Expr]expr.Expr{b.Var(): at}))
		}
		if b.Op() == expr.Sum {
			return expr.Add(parts...)
		}
		return expr.Mul(parts...)
	})
}

// bigIntOf returns x as a whole number, if it is one.
func bigIntOf(x expr.Expr) (*big.Int, bool) {
	n, ok := x.(*expr.Number)
	if !ok || !n.IsInt() {
		return nil, false
	}
	return n.Num(), true
}

// empty is the value of an empty sum or product.
func empty(op expr.BigOpKind) expr.Expr {
	if op == expr.Sum {
		return expr.Zero
	}
	return expr.One
}

// Substitution is a formula worked out at given values, as shown: the
// formula, the formula with the numbers put in, the exact result, and its
// decimal value.
type Substitution struct {
	Formula expr.Expr
	// Unrolled is Formula with its sums up to given sizes written out
	// (Unroll), before the values are put in: the row that shows them.
	Unrolled expr.Expr
	Exact    expr.Expr // the formula with the values put in, evaluated exactly
	// Value is the float value, or nil when there is none: Exact is a
	// rational out of float64's range (10^400, which Decimal writes), or
	// Exact has symbols left that no value was given.
	Value   *float64
	Numeric bool // Exact has no symbols left: it is the value
	// Layout, when set, is how Formula was written: its row is the
	// formula as written, the next keep the author's order.
	Layout *expr.Layout
}

// Substitute works out x at the values b: sums up to MaxUnroll terms are
// written out, longer ones with a polynomial body closed (ClosedSums). A
// value that is undefined at them (a division by zero) is an error, as
// in the parser. When the exact result keeps sums too long to write out
// over given values only (sum(x[i], i, 1, 5000) with x given), Value is
// its float evaluation at b, charged to ctx's budget, and an error when
// it has none.
func Substitute(ctx context.Context, x expr.Expr, b *Bindings) (*Substitution, error) {
	s := &Substitution{Formula: x, Unrolled: Unroll(ctx, x, b.Exact)}
	if err := budget.From(ctx).Err(); err != nil {
		return nil, err
	}
	if err := b.CheckElements(s.Unrolled); err != nil {
		return nil, err
	}
	s.Exact = ClosedSums(ctx, expr.Substitute(s.Unrolled, b.Exact))
	if u := expr.UndefinedIn(s.Exact); u != nil {
		return nil, diag.Errorf("undefined at the given values: %s", u.Reason())
	}
	free := expr.FreeSymbols(s.Exact)
	s.Numeric = len(free) == 0
	if n, ok := s.Exact.(*expr.Number); ok && !n.FitsFloat() {
		return s, nil
	}
	for _, v := range free {
		if _, given := b.Values[v.Name()]; !given {
			return s, nil // worked out as far as the given values go
		}
	}
	return s, s.Approximate(ctx, b)
}

// Approximate sets Value to the float evaluation of Exact at the values
// b, charged to ctx's budget, or says why it has none (a name without a
// value, a domain error, an overflow).
func (s *Substitution) Approximate(ctx context.Context, b *Bindings) error {
	env := b.Env
	env.Meter = budget.From(ctx)
	v, err := expr.Eval(s.Exact, env)
	if err != nil {
		return err
	}
	s.Value = &v
	return nil
}

// ExactValue is the exact value, or nil when there is none: symbols are
// left, or sums too long to write out (Value then has the value).
func (s *Substitution) ExactValue() expr.Expr {
	if s.Numeric {
		return s.Exact
	}
	return nil
}

// Decimal writes the value with the given number of decimals, and
// reports whether there is one: a rational exactly (10^400 included),
// any other value from its float.
func (s *Substitution) Decimal(precision int) (string, bool) {
	if n, ok := s.Exact.(*expr.Number); ok {
		return n.Decimal('f', precision), true
	}
	if s.Value == nil {
		return "", false
	}
	return formatDecimal(*s.Value, precision), true
}

// Rows renders the substitution as align* rows after "lhs &= ", charging
// ctx's output budget.
func (s *Substitution) Rows(ctx context.Context, b *Bindings, precision int) string {
	m := latex.WithBudget(budget.From(ctx))
	var rows []string
	layout := latex.WithLayout(s.Layout)
	rows = append(rows, latex.Expr(s.Formula, layout, latex.Written(true), m))
	if shown := latex.Expr(s.Unrolled, layout, latex.WithSubst(b.Exact), latex.WithSubstTeX(b.Written), m); shown != rows[0] {
		rows = append(rows, shown)
	}
	if exact := latex.Expr(s.Exact, m); exact != rows[len(rows)-1] {
		rows = append(rows, exact)
	}
	out := strings.Join(rows, ` \\`+"\n&= ")
	if d, ok := s.Decimal(precision); ok && !isWhole(s.Exact) {
		out += ` \\` + "\n" + `&\approx ` + d
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
	return latex.Align(latex.Expr(s.Formula, latex.WithLayout(s.Layout), latex.Written(true), latex.WithBudget(budget.From(ctx))) + " " + rest)
}

func isWhole(x expr.Expr) bool {
	n, ok := x.(*expr.Number)
	return ok && n.IsInt()
}

// formatDecimal writes v with the given number of decimals.
func formatDecimal(v float64, precision int) string {
	return strconv.FormatFloat(v, 'f', precision, 64)
}

func solveEval(ctx context.Context, f *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "eval")
	if st.Tensor != nil {
		return solveTensorEval(ctx, f, p, st)
	}
	b, err := bindings(ctx, p)
	if err != nil {
		return nil, err
	}
	sub, err := Substitute(ctx, st.Expr, b)
	if err != nil {
		return nil, errorAt(st, err)
	}
	sub.Layout = layoutOf(st)
	if !sub.Numeric && sub.Value == nil { // the problem parser refuses a variable without a given value
		return nil, errorAt(st, diag.Errorf("no value: %s is left", expr.Short(sub.Exact)))
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
	if d, ok := sub.Decimal(precision); ok && !isWhole(sub.Exact) {
		final += ` \approx ` + d
	}
	body.WriteString("\n\\[\n\\boxed{" + final + "}\n\\]\n")
	a, err := answer.EvalOf(ctx, sub.Formula, sub.Value, sub.ExactValue())
	if err != nil {
		return nil, errorAt(st, err)
	}
	a.Name = name
	part := name
	if len(st.Names) == 0 {
		part = ""
	}
	parts := map[string]tensor.Tensor{}
	if x := sub.ExactValue(); x != nil {
		parts[part] = tensor.Scalar(x)
	}
	return &Solution{Body: body.String(), Answer: answer.Problem{Eval: a}, Parts: parts}, budget.From(ctx).Err()
}
