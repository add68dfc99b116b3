package activation

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
)

// The names of the properties, as the table, the JSON and each point of
// the discussion name them.
const (
	PropDerivative = "derivative"
	PropLimitsF    = "limits of f"
	PropLimitsD    = "limits of f'"
	PropMaxSlope   = "largest |f'|"
	PropRange      = "range"
	PropCentred    = "zero-centred"
	PropKinks      = "kinks"
	PropDead       = "dead units"
	PropMonotone   = "monotonicity"
	PropCost       = "cost"
)

// Property is one derived property, written in words and formulas, as
// plain text and as LaTeX (text mode, formulas in $...$).
type Property struct {
	Name      string
	Text, TeX string
}

// words is a piece of prose in both renderings.
type words struct{ text, tex string }

func (w *words) add(text, tex string) { w.text += text; w.tex += tex }

// say adds prose, the same in both but for the names f, f', f-second and
// |f'|, which LaTeX sets as formulas. It has no TeX specials.
func (w *words) say(s string) { w.add(s, sayTeX(s)) }

var (
	fnames    = regexp.MustCompile(`(^|[\s(])(\|f'\||\|x\||f''|f'|f|n)([\s,.:;)]|$)`)
	relations = regexp.MustCompile(`([-+0-9.]+ < )?x (→|>|<|=) ([-+0-9.∞]+)`)
)

// sayTeX is prose in LaTeX: the names f, f', f-second, |f'|, |x| and n, and
// relations of x (x > 0, x → +∞), set as formulas.
func sayTeX(s string) string {
	s = strings.ReplaceAll(s, "f's ", "$f$'s ")
	s = fnames.ReplaceAllString(s, "$1$$$2$$$3")
	return relations.ReplaceAllStringFunc(s, func(m string) string {
		m = strings.NewReplacer("→", `\to`, "∞", `\infty`).Replace(m)
		return "$" + m + "$"
	})
}

// math adds a formula: plain as given, LaTeX in $...$.
func (w *words) math(plain, tex string) { w.add(plain, "$"+tex+"$") }

// num adds a number, exact when known, else to 4 significant digits.
func (w *words) num(v float64, exact *big.Rat) { w.math(numPlain(v, exact), numTeX(v, exact)) }

func numPlain(v float64, exact *big.Rat) string {
	switch {
	case exact != nil:
		return exact.RatString()
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	}
	return "≈ " + strconv.FormatFloat(v, 'g', 4, 64)
}

func numTeX(v float64, exact *big.Rat) string {
	switch {
	case exact != nil:
		return latex.Expr(ratExpr(exact))
	case math.IsInf(v, 1):
		return `\infty`
	case math.IsInf(v, -1):
		return `-\infty`
	}
	return `\approx ` + strconv.FormatFloat(v, 'g', 4, 64)
}

// point writes x = v for a point found numerically: exact when it snapped.
func point(w *words, v float64) {
	q := snap(v)
	if q != nil {
		w.math("x = "+q.RatString(), "x = "+latex.Expr(ratExpr(q)))
		return
	}
	w.math("x "+numPlain(v, nil), "x "+numTeX(v, nil))
}

func limitWords(w *words, l Limit) {
	switch {
	case l.Kind == "finite" && l.Exact == nil && l.Expr != nil:
		w.math(expr.Plain(l.Expr), latex.Expr(l.Expr))
	case l.Kind == "finite":
		w.num(l.Value, l.Exact)
	case l.Kind == "+inf":
		w.math("+∞", `+\infty`)
	case l.Kind == "-inf":
		w.math("-∞", `-\infty`)
	case !l.Numeric:
		w.say("no limit (it oscillates)")
	default:
		w.say("no limit found")
	}
	if l.Numeric && l.Kind != "none" {
		w.say(" (numerically)")
	}
}

// Properties lists the derived properties in the order of the table.
func (a *Analysis) Properties() []Property {
	var out []Property
	add := func(name string, w words) { out = append(out, Property{name, w.text, w.tex}) }

	var w words
	w.math("f'(x) = "+expr.Plain(a.Derivative), "f'(x) = "+latex.Expr(a.Derivative))
	if a.ReusesF {
		w.say(", written with f's own value")
	}
	if a.Pieces != nil {
		w.say("; piece by piece, ")
		w.math("f'(x) = "+a.PiecesPlain(), "f'(x) = "+a.PiecesTeX())
	}
	if a.ShiftBelow != nil {
		w.say("; below the kink, ")
		a.shiftWords(&w)
	}
	add(PropDerivative, w)

	w = words{}
	w.math("x → -∞: ", `x \to -\infty\colon `)
	limitWords(&w, a.FMinus)
	w.math("; x → +∞: ", `;\ x \to +\infty\colon `)
	limitWords(&w, a.FPlus)
	add(PropLimitsF, w)

	w = words{}
	w.math("x → -∞: ", `x \to -\infty\colon `)
	limitWords(&w, a.DMinus)
	w.math("; x → +∞: ", `;\ x \to +\infty\colon `)
	limitWords(&w, a.DPlus)
	add(PropLimitsD, w)

	w = words{}
	a.slopeWords(&w)
	add(PropMaxSlope, w)

	w = words{}
	a.rangeWords(&w)
	add(PropRange, w)

	w = words{}
	switch {
	case a.Odd:
		w.say("yes: ")
		w.math("f(0) = 0", "f(0) = 0")
		w.say(" and f is odd")
	case a.Negative && a.Positive:
		w.say("partly: ")
		w.math("f(0) = "+expr.Plain(a.AtZero), "f(0) = "+latex.Expr(a.AtZero))
		w.say(", outputs of both signs, not odd")
	default:
		w.say("no: ")
		w.math("f(0) = "+expr.Plain(a.AtZero), "f(0) = "+latex.Expr(a.AtZero))
		if a.Positive {
			w.say(", outputs never negative")
		} else {
			w.say(", outputs never positive")
		}
	}
	add(PropCentred, w)

	w = words{}
	if len(a.Kinks) == 0 {
		w.say("none (smooth)")
	}
	for i, k := range a.Kinks {
		if i > 0 {
			w.say("; ")
		}
		point(&w, k.At)
		if !k.Continuous {
			w.say(": a jump")
			continue
		}
		w.say(": continuous, one-sided derivatives ")
		w.num(k.Left, snap(k.Left))
		w.say(" and ")
		w.num(k.Right, snap(k.Right))
		if k.Differentiable() {
			w.say(" (differentiable)")
		} else {
			w.say(" (not differentiable)")
		}
	}
	add(PropKinks, w)

	w = words{}
	if len(a.Dead) == 0 {
		w.say("none: f' is not 0 on any half-line")
	}
	for i, h := range a.Dead {
		if i > 0 {
			w.say("; ")
		}
		w.math("f' = 0 for "+h.plain(), "f' = 0 \\text{ for } "+h.tex())
	}
	add(PropDead, w)

	w = words{}
	w.say(a.Monotone)
	if len(a.Turns) > 0 {
		w.say(": f' changes sign at ")
		for i, t := range a.Turns {
			if i > 0 {
				w.say(", ")
			}
			point(&w, t)
		}
	}
	add(PropMonotone, w)

	w = words{}
	w.say(a.costWords())
	add(PropCost, w)
	return out
}

// shiftWords writes f' = f + c, naming the parameter whose value c is.
func (a *Analysis) shiftWords(w *words) {
	for _, p := range a.Spec.Params {
		if p.Value == a.ShiftBelow {
			w.math("f' = f + "+p.Name+" = f + "+expr.Plain(p.Value), "f' = f + "+latex.Expr(expr.Sym(p.Name))+" = f + "+latex.Expr(p.Value))
			return
		}
	}
	w.math("f' = f + "+expr.Plain(a.ShiftBelow), "f' = f + "+latex.Expr(a.ShiftBelow))
}

// rangeWords writes the range as an interval.
func (a *Analysis) rangeWords(w *words) {
	r := a.Range
	lo, hi := "(", ")"
	if r.LoClosed {
		lo = "["
	}
	if r.HiClosed {
		hi = "]"
	}
	trim := func(s string) string { return strings.TrimPrefix(strings.TrimPrefix(s, "≈ "), `\approx `) }
	w.math(lo+trim(numPlain(r.Lo, r.LoExact))+", "+trim(numPlain(r.Hi, r.HiExact))+hi,
		lo+trim(numTeX(r.Lo, r.LoExact))+", "+trim(numTeX(r.Hi, r.HiExact))+hi)
}

func (h HalfLine) plain() string {
	if h.Below {
		return "x < " + numPlain(h.At, snap(h.At))
	}
	return "x > " + numPlain(h.At, snap(h.At))
}

func (h HalfLine) tex() string {
	if h.Below {
		return "x < " + numTeX(h.At, snap(h.At))
	}
	return "x > " + numTeX(h.At, snap(h.At))
}

func (a *Analysis) slopeWords(w *words) {
	s := a.MaxSlope
	if math.IsInf(s.Value, 1) {
		w.say("none: " + s.Where)
		return
	}
	var exact *big.Rat
	if n, ok := s.Exact.(*expr.Number); ok {
		exact, _ = new(big.Rat).SetString(n.String())
	}
	w.num(s.Value, exact)
	switch {
	case s.AtRoot:
		w.say(", at ")
		point(w, s.At)
		w.say(", where ")
		w.math("f'' = 0", "f'' = 0")
	default:
		w.say(", " + s.Where)
	}
}

func (a *Analysis) costWords() string {
	if a.Cost.F == 0 && a.Cost.D == 0 {
		return "no exponential or logarithm: comparisons and arithmetic only"
	}
	return fmt.Sprintf("%s in f, %s in f'", calls(a.Cost.F), calls(a.Cost.D))
}

func calls(n int) string {
	if n == 1 {
		return "1 exponential or logarithm"
	}
	return strconv.Itoa(n) + " exponentials or logarithms"
}
