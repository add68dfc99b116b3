package limit_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/limit"
	"github.com/derivtex/derivtex/parser"
)

var x = expr.Sym("x")

func parse(t *testing.T, src string) expr.Expr {
	t.Helper()
	f, err := parser.Parse(src)
	require.NoError(t, err, src)
	return f
}

func show(r limit.Result) string {
	if r.Kind == limit.Finite {
		return expr.Plain(r.Value)
	}
	return r.Kind.String()
}

var (
	plus  = limit.Point{Inf: 1}
	minus = limit.Point{Inf: -1}
)

func right(c int64) limit.Point { return limit.Point{At: expr.Int(c), Side: 1} }
func left(c int64) limit.Point  { return limit.Point{At: expr.Int(c), Side: -1} }

// TestTable checks limits known by hand.
func TestTable(t *testing.T) {
	for _, tc := range []struct {
		f    string
		at   limit.Point
		want string
	}{
		{"sigmoid(x)", plus, "1"},
		{"sigmoid(x)", minus, "0"},
		{"sigmoid(x)*(1 - sigmoid(x))", plus, "0"},
		{"tanh(x)", minus, "-1"},
		{"1 - tanh(x)^2", plus, "0"},
		{"log(1 + exp(x))", plus, "+inf"},
		{"log(1 + exp(x)) - x", plus, "0"},
		{"log(1 + exp(x))", minus, "0"},
		{"x*sigmoid(x)", minus, "0"},
		{"x*sigmoid(x) - x", plus, "0"},
		{"x*sigmoid(x)", plus, "+inf"},
		{"x/(1 + abs(x))", minus, "-1"},
		{"1/(1 + abs(x))^2", plus, "0"},
		{"relu(x) + exp(min(x, 0)) - 1", minus, "-1"},
		{"max(x, x/100)", minus, "-inf"},
		{"step(x) + step(-x)/100", minus, "1/100"},
		{"(3 x^2 + x)/(1 - 2 x^2)", plus, "-3/2"},
		{"(exp(2 x) + x)/(exp(2 x) - exp(x))", plus, "1"},
		{"(exp(x) - 1)/x", right(0), "1"},
		{"(exp(x) - 1)/x", left(0), "1"},
		{"sin(x)/x", right(0), "1"},
		{"(1 - cos(x))/x^2", left(0), "1/2"},
		{"1/x", left(0), "-inf"},
		{"1/x", right(0), "+inf"},
		{"x*log(x)", right(0), "0"},
		{"x^x", right(0), "1"},
		{"(1 + 1/x)^x", plus, "exp(1)"},
		{"exp(x)/x^10", plus, "+inf"},
		{"x^10 exp(-x)", plus, "0"},
		{"log(x)/x", plus, "0"},
		{"sin(x)", plus, "none"},
		{"x sin(x)", plus, "none"},
		{"1 + sin(x)", minus, "none"},
		{"sin(x)/x", plus, "0"},
		{"x + sin(x)", plus, "+inf"},
		{"sqrt(x^2 + x) - x", plus, "1/2"},
		{"log(2 exp(x) + 3)", minus, "log(3)"},
		{"cosh(x)/exp(x)", plus, "1/2"},
		{"abs(x)/x", left(0), "-1"},
		{"step(x - 1)", right(1), "1"},
		{"step(x - 1)", left(1), "0"},
		{"sign(x - 2) x", left(2), "-2"},
	} {
		t.Run(tc.f, func(t *testing.T) {
			r, err := limit.At(context.Background(), parse(t, tc.f), x, tc.at)
			require.NoError(t, err)
			assert.Equal(t, tc.want, show(r))
		})
	}
}

// TestOutside: what the procedure does not decide, it says so.
func TestOutside(t *testing.T) {
	for _, f := range []string{"exp(x^2) - exp(x^2 - 1/x)", "exp(exp(x))", "sin(x)^2 + cos(x)^2", "gamma_of(x)", "tan(x)", "a x"} {
		g, err := parser.Parse(f)
		if err != nil {
			continue
		}
		_, err = limit.At(context.Background(), g, x, plus)
		assert.ErrorIs(t, err, limit.ErrUnknown, f)
	}
}

// TestRandomAgainstNumbers builds random functions of the class,
// rational functions of x and exp(k x) with pieces and logs, and checks
// each exact limit at +∞ against evaluation far out.
func TestRandomAgainstNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	atoms := []string{"x", "exp(x)", "exp(-x)", "exp(2 x)", "sigmoid(x)", "relu(x)", "abs(x)", "tanh(x)", "1"}
	coef := func() int { return rng.IntN(7) - 3 }
	poly := func() string {
		s := ""
		for range 1 + rng.IntN(3) {
			c := coef()
			if c == 0 {
				continue
			}
			s += fmt.Sprintf(" + (%d)*%s*%s", c, atoms[rng.IntN(len(atoms))], atoms[rng.IntN(len(atoms))])
		}
		if s == "" {
			return "1"
		}
		return "(" + s[3:] + ")"
	}
	decided, checked := 0, 0
	var undecided []string
	for i := range 150 {
		src := poly() + "/" + poly()
		if i%3 == 0 {
			src = "log(1 + exp(" + poly() + "))/" + poly()
		}
		f, err := parser.Parse(src)
		if err != nil {
			continue // a denominator that folds to 0
		}
		for _, sign := range []float64{1, -1} {
			r, err := limit.At(context.Background(), f, x, limit.Point{Inf: int(sign)})
			if err != nil {
				if testing.Verbose() && len(undecided) < 12 {
					undecided = append(undecided, fmt.Sprintf("%s at %g·∞", src, sign))
				}
				continue
			}
			decided++
			// Evaluate at growing |x| while float64 holds; a tail like
			// 1/x converges slowly, so the tolerance is the last step.
			var last, prev float64
			n := 0
			for _, at := range []float64{8, 16, 32} {
				y, err := expr.Eval(f, expr.Env{Scalars: map[string]float64{"x": sign * at}})
				if err != nil || math.IsNaN(y) || math.IsInf(y, 0) {
					break
				}
				prev, last = last, y
				n++
			}
			if n < 2 {
				continue
			}
			checked++
			switch r.Kind {
			case limit.Finite:
				v, _ := expr.Eval(r.Value, expr.Env{})
				assert.InDelta(t, v, last, 2*math.Abs(last-prev)+1e-9*(1+math.Abs(v)), "%s at %g·∞", src, sign)
			case limit.PlusInf:
				assert.True(t, last > 0 && last > prev, "%s at %g·∞ is +∞: %g, %g", src, sign, prev, last)
			case limit.MinusInf:
				assert.True(t, last < 0 && last < prev, "%s at %g·∞ is -∞: %g, %g", src, sign, prev, last)
			}
		}
	}
	t.Logf("%d of 300 limits decided exactly, %d of them checked against evaluation; not decided, for instance: %q", decided, checked, undecided)
	// The rest divide by a piece that is 0 there (relu(x) at -∞), or
	// exponentiate x^2 or exp(x): outside the class.
	assert.Greater(t, decided, 210, "the class is what these functions are")
}

// TestBudget: nesting that makes the coefficients grow gives up quickly,
// with ErrUnknown, instead of computing for ever.
func TestBudget(t *testing.T) {
	for _, f := range []string{
		"sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(x))))))))",
		"tanh(tanh(tanh(tanh(tanh(x)))))*exp(x)",
		"(exp(x) + x^3 + log(x))^40/(exp(40 x) + 1)",
	} {
		start := time.Now()
		_, err := limit.At(context.Background(), parse(t, f), x, plus)
		if err != nil {
			assert.ErrorIs(t, err, limit.ErrUnknown, f)
		}
		assert.Less(t, time.Since(start), 5*time.Second, f)
	}
}
