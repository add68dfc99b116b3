package latex

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Test rules; names are unique per process, hence the prefix.
var (
	ruleSum    = expr.NewRule("test-sum", "sum rule")
	rulePower  = expr.NewRule("test-power", "power rule")
	ruleChain  = expr.NewRule("test-chain", "chain rule")
	ruleIdent  = expr.NewRule("test-identity", "derivative of the variable")
	ruleLog    = expr.NewRule("test-log-product", "log of a product")
	ruleFold   = expr.NewRule("test-fold", "collect terms")
	ruleEscape = expr.NewRule("test-escape", `50% of {rules} & <more> \ #1_x^2 ~ café → done`)
)

var manyRules = func() []*expr.Rule {
	var rs []*expr.Rule
	for k := range 6 {
		rs = append(rs, expr.NewRule(fmt.Sprintf("test-many-%d", k), fmt.Sprintf("rule number %d", k)))
	}
	return rs
}()

type chainCase struct {
	name  string
	start expr.Expr
	steps []expr.Step
	opts  []Option
}

func chainCases() []chainCase {
	// d/dw (w^2 + sin w), breadth first: the two derivatives of the sum's
	// terms are independent and share a row; d/dw w, made by the chain
	// rule, starts the next.
	f := add(pow(w, two), sin(w))
	start := expr.Diff(f, w)
	dPow, dSin, dW := expr.Diff(pow(w, two), w), expr.Diff(sin(w), w), expr.Diff(w, w)
	sumSteps := []expr.Step{
		{Rule: ruleSum, Before: start, After: add(dPow, dSin)},
		{Rule: rulePower, Before: dPow, After: mul(two, w)},
		{Rule: ruleChain, Before: dSin, After: mul(cos(w), dW), Note: "derivative of sin"},
		{Rule: ruleIdent, Before: dW, After: one},
	}

	// log(x_i w) with an assumption, then a step that changes nothing.
	lg := log(mul(xi, w))
	logSteps := []expr.Step{
		{Rule: ruleLog, Before: lg, After: add(log(xi), log(w)), Assume: []expr.Expr{mul(xi, w)}},
		{Rule: ruleFold, Before: y, After: z}, // y does not occur: not shown
	}

	// A long sum, which must be broken over rows.
	var terms []expr.Expr
	for k := 1; k <= 24; k++ {
		terms = append(terms, mul(num(int64(k)), pow(expr.Sym(fmt.Sprintf("w%d", k)), two), sin(expr.Sym(fmt.Sprintf("x%d", k)))))
	}
	long := add(terms...)
	longStart := expr.Diff(long, expr.Sym("w1"))
	longSteps := []expr.Step{
		{Rule: ruleFold, Before: longStart, After: long},
		{Rule: ruleFold, Before: long, After: add(long, mul(num(99), pow(expr.Sym("z1"), num(3))))},
	}

	var factors []expr.Expr
	for k := 1; k <= 12; k++ {
		factors = append(factors, sin(expr.Sym(fmt.Sprintf("x%d", k))))
	}
	product := expr.Div(mul(factors...), add(x, one))
	wide := expr.Div(expr.Call(expr.FnExp, mul(factors[:10]...)), add(x, one))

	// One row of many different rules: the justification must wrap.
	var manyTerms, manyDiffs []expr.Expr
	var manySteps []expr.Step
	for k, title := range []string{"sum rule", "product rule", "power rule", "quotient rule", "constant factor rule", "exponential rule"} {
		v := expr.Sym(fmt.Sprintf("a%d", k))
		d := expr.Diff(mul(v, w), w)
		manyTerms, manyDiffs = append(manyTerms, mul(v, w)), append(manyDiffs, d)
		manySteps = append(manySteps, expr.Step{Rule: manyRules[k], Before: d, After: v, Note: title})
	}
	manyStart := expr.Diff(add(manyTerms...), w)
	manySteps = append([]expr.Step{{Rule: ruleSum, Before: manyStart, After: add(manyDiffs...)}}, manySteps...)

	return []chainCase{
		{"chain/breadth-first", start, sumSteps, nil},
		{"chain/ordinary", start, sumSteps, []Option{Ordinary(true)}},
		{"chain/assumption", lg, logSteps, nil},
		{"chain/escaped-title", x, []expr.Step{{Rule: ruleEscape, Before: x, After: y}}, nil},
		{"chain/no-steps", start, nil, nil},
		{"chain/long", longStart, longSteps, nil},
		{"chain/many-rules", manyStart, manySteps, nil},
		// A quotient of a long sum: broken as the sum times 1/denominator.
		{"chain/quotient", x, []expr.Step{{Rule: ruleFold, Before: x, After: expr.Div(long, add(x, one))}}, nil},
		// A quotient of a long product: 1/denominator times the factors,
		// broken between them.
		{"chain/product", x, []expr.Step{{Rule: ruleFold, Before: x, After: product}, {Rule: ruleLog, Before: product, After: y}}, nil},
		// A quotient too wide for the row, which cannot be broken: the
		// justifications go under the states.
		{"chain/below", x, []expr.Step{{Rule: ruleFold, Before: x, After: wide}, {Rule: ruleLog, Before: wide, After: y}}, nil},
	}
}

func TestChainGolden(t *testing.T) {
	var got []golden
	for _, tc := range chainCases() {
		got = append(got, golden{tc.name, expr.Plain(tc.start), Chain(tc.start, tc.steps, tc.opts...)})
	}
	got = append(got, golden{"boxed", "d/dx x^2 = 2 x", Boxed(expr.Diff(pow(x, two), x), mul(two, x), Ordinary(true))})
	long := chainCases()[5] // chain/long
	got = append(got, golden{"boxed/wide", expr.Plain(long.start), Boxed(long.start, long.steps[0].After)})
	checkGolden(t, "chain", got)
}

// TestChainRowsFitTheLine checks every row of a broken chain against the
// width budget, which is what keeps it on the page.
func TestChainRowsFitTheLine(t *testing.T) {
	for _, tc := range chainCases() {
		if tc.name != "chain/long" {
			continue
		}
		out := Chain(tc.start, tc.steps)
		rows := regexp.MustCompile(`\\\\\*?\n`).Split(out, -1)
		require.Greater(t, len(rows), 4, "the long sum was not broken")
		for _, r := range rows {
			math, _, _ := strings.Cut(r, "&&")
			math = strings.ReplaceAll(math, "&", "")
			assert.LessOrEqual(t, width(math), float64(DefaultLineWidth), r)
		}
	}
}

func TestAlign(t *testing.T) {
	assert.Equal(t, "\\begin{align*}\na &= b\\\\\n&= c\n\\end{align*}", Align("a &= b", "&= c"))
}
