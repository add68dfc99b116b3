package expr

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
)

// Env binds names to values for numeric evaluation: scalars (including N
// and other sizes), and arrays of any rank read 1-based through x[i] and
// W[i, j]. An element x[i, ...] is looked up in Arrays, then in Vectors,
// a shorthand for arrays of rank 1.
type Env struct {
	Scalars map[string]float64
	Vectors map[string][]float64
	Arrays  map[string]Array
	// Unfit binds the names and elements (x, W[1, 2]) whose value has no
	// float64 of full precision to that value, exactly: a rational out
	// of float64's range (10^-400, 10^400) or a term whose float
	// overflows (exp(1000)). Scalars holds such a name only when its
	// float underflows (to 0), an array's Data holds NaN for an entry
	// whose float overflows. Evaluation reads a rational here at its
	// exact magnitude where a function or a power needs it (log(x) at x =
	// 10^-400 is -921.03...), reads its float where that is enough, and
	// fails, naming the value, where it needs a float that overflows.
	Unfit map[Expr]Expr
	// Meter is charged an operation for every node evaluated, so a sum to
	// 10^7 over a long body runs out of budget, not of time. Without one,
	// an evaluation may do MaxEvalWork operations.
	Meter *budget.Meter
}

// Array is a numeric value with a shape, for Env: its entries in Data,
// flat in row-major order (the last index varies fastest), as package
// tensor stores exact ones. len(Data) is the product of Shape.
type Array struct {
	Shape []int
	Data  []float64
}

// DescribeShape names a shape for messages: "a number", "a vector of 3
// entries", "a 2x3 matrix", "a 2x2x2 array".
func DescribeShape(shape []int) string {
	switch len(shape) {
	case 0:
		return "a number"
	case 1:
		if shape[0] == 1 {
			return "a vector of 1 entry"
		}
		return fmt.Sprintf("a vector of %d entries", shape[0])
	}
	dims := make([]string, len(shape))
	for k, n := range shape {
		dims[k] = strconv.Itoa(n)
	}
	if len(shape) == 2 {
		return "a " + strings.Join(dims, "x") + " matrix"
	}
	return "a " + strings.Join(dims, "x") + " array"
}

// ordinals name the indices of an element in messages; past the fourth,
// ordinal writes 5th, 6th, ...
var ordinals = []string{"first", "second", "third", "fourth"}

// array returns the value bound to name as an array, from Arrays or
// Vectors.
func (env Env) array(name string) (Array, bool) {
	if a, ok := env.Arrays[name]; ok {
		return a, true
	}
	if v, ok := env.Vectors[name]; ok {
		return Array{Shape: []int{len(v)}, Data: v}, true
	}
	return Array{}, false
}

// MaxLoopIterations bounds the iterations of the sums and products of one
// evaluation, so a huge bound fails at once instead of after its budget.
const MaxLoopIterations = 10_000_000

// MaxEvalWork is the budget of an evaluation given no Meter.
const MaxEvalWork = 20_000_000

// Eval computes the float value of x. It never returns NaN or an infinity:
// unbound names, domain errors and overflow are errors instead.
func Eval(x Expr, env Env) (float64, error) {
	if u := UndefinedIn(x); u != nil {
		return 0, diag.Errorf("%s", u.reason)
	}
	if env.Meter == nil {
		env.Meter = budget.New(context.Background(), budget.Limits{Work: MaxEvalWork})
	}
	ev := &evaluator{env: env, memo: map[Expr]float64{}, loop: map[*Symbol]float64{}}
	ev.wide = len(env.Unfit) > 0 || x.hdr().flags&flagOutOfRange != 0
	return ev.eval(x)
}

type evaluator struct {
	env   Env
	memo  map[Expr]float64 // only outside sums, where no index is bound
	loop  map[*Symbol]float64
	iters int
	wide  bool // x or env has a rational out of float64's range (see wideOf)
}

// fail says why x has no value, quoting x.
func (ev *evaluator) fail(x Expr, format string, args ...any) error {
	e := diag.Errorf("%s (in %s)", fmt.Sprintf(format, args...), Short(x))
	e.Err = &TermError{Term: x}
	return e
}

// TermError is the cause of an evaluation error about one part of the
// term evaluated (x[3] out of range, y without a value): that part, so
// that a caller that has the source can point at it (parser.Locate).
type TermError struct{ Term Expr }

func (e *TermError) Error() string { return "in " + Short(e.Term) }

func (ev *evaluator) eval(x Expr) (float64, error) {
	if !ev.env.Meter.Work(1) {
		return 0, ev.env.Meter.Err()
	}
	if len(ev.loop) == 0 {
		if v, ok := ev.memo[x]; ok {
			return v, nil
		}
	}
	v, err := ev.eval1(x)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(v) {
		return 0, ev.fail(x, "undefined value")
	}
	if math.IsInf(v, 0) {
		return 0, ev.fail(x, "value overflows a float64")
	}
	if len(ev.loop) == 0 {
		ev.memo[x] = v
	}
	return v, nil
}

func (ev *evaluator) evalAll(xs []Expr) ([]float64, error) {
	out := make([]float64, len(xs))
	for i, a := range xs {
		v, err := ev.eval(a)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (ev *evaluator) eval1(x Expr) (float64, error) {
	switch x := x.(type) {
	case *Number:
		return x.Float(), nil
	case *Symbol:
		if v, ok := ev.loop[x]; ok {
			return v, nil
		}
		if x == Pi {
			return math.Pi, nil
		}
		if v, ok := ev.env.Scalars[x.name]; ok {
			return v, nil
		}
		if v, ok := ev.env.Unfit[x]; ok {
			return ev.unfitFloat(x, v)
		}
		if a, ok := ev.env.array(x.name); ok {
			return 0, ev.fail(x, "%s is %s; index it as %s", x.name, DescribeShape(a.Shape), Index(x.name, indexNames(len(a.Shape))...))
		}
		return 0, ev.fail(x, "no value for %s", x.name)
	case *Indexed:
		return ev.element(x)
	case *AddExpr:
		s := 0.0
		for _, t := range x.terms {
			v, err := ev.eval(t)
			if err != nil {
				return 0, err
			}
			s += v
		}
		return s, nil
	case *MulExpr:
		if ev.mayBeWide(x, maxWideDepth) {
			if w, ok, err := ev.wideOf(x); err != nil || ok {
				return w.float(), err
			}
		}
		p := 1.0
		for _, f := range x.factors {
			v, err := ev.eval(f)
			if err != nil {
				return 0, err
			}
			p *= v
		}
		return p, nil
	case *PowExpr:
		return ev.power(x)
	case *CallExpr:
		if x.fn.wide != nil && ev.mayBeWide(x.args[0], maxWideDepth) {
			if w, ok, err := ev.wideOf(x.args[0]); err != nil {
				return 0, err
			} else if ok {
				v, err := x.fn.wide(w)
				if err != nil {
					return 0, ev.fail(x, "%s", err)
				}
				return v, nil
			}
		}
		args, err := ev.evalAll(x.args)
		if err != nil {
			return 0, err
		}
		v, err := x.fn.Eval(args)
		if err != nil {
			return 0, ev.fail(x, "%s", err)
		}
		return v, nil
	case *BigOp:
		return ev.bigOp(x)
	case *Derivative:
		return 0, ev.fail(x, "an unevaluated derivative has no value; differentiate first")
	case *Undefined:
		return 0, diag.Errorf("%s", x.reason)
	}
	return 0, diag.Internalf("expr: Eval: unknown kind %s", x.Kind())
}

// element looks up x[i, ...] in its array, 1-based, saying which index is
// out of range and what shape the array has when one is.
func (ev *evaluator) element(x *Indexed) (float64, error) {
	a, ok := ev.env.array(x.name)
	if !ok {
		if _, scalar := ev.env.Scalars[x.name]; scalar {
			return 0, ev.fail(x, "%s is a number; it takes no index", x.name)
		}
		return 0, ev.fail(x, "no value for %s", x.name)
	}
	if len(x.index) != len(a.Shape) {
		return 0, ev.fail(x, "%s is %s: it takes %s, not %d", x.name, DescribeShape(a.Shape), DescribeIndices(len(a.Shape)), len(x.index))
	}
	at := 0 // into a.Data, row-major
	for k, ix := range x.index {
		iv, err := ev.eval(ix)
		if err != nil {
			return 0, err
		}
		i, n := int(iv), a.Shape[k]
		if float64(i) != iv || i < 1 || i > n {
			which := "index"
			if len(a.Shape) > 1 {
				which = ordinal(k) + " index"
			}
			return 0, ev.fail(x, "%s %g out of range 1..%d: %s is %s", which, iv, n, x.name, DescribeShape(a.Shape))
		}
		at = at*n + i - 1
	}
	if v := a.Data[at]; !math.IsNaN(v) {
		return v, nil
	}
	el := x
	if !x.HasNumericIndex() {
		el = ev.elementAt(x.name, a.Shape, at)
	}
	return ev.unfitFloat(el, ev.env.Unfit[el])
}

// unfitFloat is the float of v, the value Env.Unfit binds x to, or the
// error of a float that overflows, which names x.
func (ev *evaluator) unfitFloat(x, v Expr) (float64, error) {
	if v == nil {
		return 0, ev.fail(x, "no value for %s", x)
	}
	f, err := ev.eval(v)
	if err != nil {
		d := diag.From(err)
		return 0, &diag.Error{Kind: d.Kind, Msg: fmt.Sprintf("value of %s: %s", x, d.Msg), Err: err}
	}
	return f, nil
}

// elementAt is the element name[i, ...] at offset at of an array of the
// given shape, row-major, 1-based.
func (ev *evaluator) elementAt(name string, shape []int, at int) *Indexed {
	index := make([]Expr, len(shape))
	for k := len(shape) - 1; k >= 0; k-- {
		index[k] = Int(int64(at%shape[k] + 1))
		at /= shape[k]
	}
	return Index(name, index...)
}

// DescribeIndices says how many indices a name takes, for messages: "no
// index", "1 index", "2 indices".
func DescribeIndices(n int) string {
	switch n {
	case 0:
		return "no index"
	case 1:
		return "1 index"
	}
	return fmt.Sprintf("%d indices", n)
}

// ordinal names the k-th index (0-based) in a message.
func ordinal(k int) string {
	if k < len(ordinals) {
		return ordinals[k]
	}
	return fmt.Sprintf("%dth", k+1) // 5th to 20th: more than anyone writes

}

// indexNames are the index symbols of a message's example element:
// x[i], W[i, j], T[i, j, k].
func indexNames(n int) []Expr {
	names := []string{"i", "j", "k", "l"}
	out := make([]Expr, n)
	for k := range out {
		if k < len(names) {
			out[k] = Sym(names[k])
		} else {
			out[k] = Sym(fmt.Sprintf("i%d", k+1))
		}
	}
	return out
}

func (ev *evaluator) power(x *PowExpr) (float64, error) {
	if ev.mayBeWide(x, maxWideDepth) {
		if w, ok, err := ev.wideOf(x); err != nil || ok {
			return w.float(), err
		}
	}
	b, err := ev.eval(x.base)
	if err != nil {
		return 0, err
	}
	e, err := ev.eval(x.exp)
	if err != nil {
		return 0, err
	}
	if b == 0 && e < 0 {
		return 0, ev.fail(x, "division by zero")
	}
	if b < 0 && e != math.Trunc(e) {
		neg, err := ev.rootSign(x, FormatFloat(b), e)
		if err != nil {
			return 0, err
		}
		if neg {
			return -math.Pow(-b, e), nil
		}
		return math.Pow(-b, e), nil
	}
	return math.Pow(b, e), nil
}

// rootSign says whether x, a negative base (written base) to the
// non-integer power e, is negative, or why it is not real. An odd root
// of a negative number is real, and negative only for an odd numerator:
// (-8)^(1/3) = -2, (-8)^(2/3) = ((-8)^(1/3))^2 = 4.
func (ev *evaluator) rootSign(x *PowExpr, base string, e float64) (bool, error) {
	if n, ok := x.exp.(*Number); ok && !n.IsInt() && n.Den().Bit(0) == 1 {
		return n.Num().Bit(0) == 1, nil
	}
	return false, ev.fail(x, "%s raised to the non-integer power %g is not real", base, e)
}

func (ev *evaluator) bigOp(x *BigOp) (float64, error) {
	lo, err := ev.eval(x.lo)
	if err != nil {
		return 0, err
	}
	hi, err := ev.eval(x.hi)
	if err != nil {
		return 0, err
	}
	if lo != math.Trunc(lo) || hi != math.Trunc(hi) {
		return 0, ev.fail(x, "bounds %g..%g are not integers", lo, hi)
	}
	if n := hi - lo + 1; n > 0 {
		ev.iters += int(min(n, MaxLoopIterations+1))
		if ev.iters > MaxLoopIterations {
			return 0, ev.fail(x, "more than %d iterations", MaxLoopIterations)
		}
	}
	acc := 0.0
	if x.op == Product {
		acc = 1
	}
	saved, had := ev.loop[x.index]
	defer func() {
		if had {
			ev.loop[x.index] = saved
		} else {
			delete(ev.loop, x.index)
		}
	}()
	for i := lo; i <= hi; i++ {
		ev.loop[x.index] = i
		v, err := ev.eval(x.body)
		if err != nil {
			return 0, err
		}
		if x.op == Sum {
			acc += v
		} else {
			acc *= v
		}
	}
	return acc, nil
}
