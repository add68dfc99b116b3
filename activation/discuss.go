package activation

import (
	"math"
	"math/big"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
)

// Point is an advantage, a drawback or a remark of the discussion, with
// the property it follows from (one of the Prop names).
type Point struct {
	Kind      string // "advantage", "drawback" or "remark"
	Text, TeX string
	From      string
}

// Discuss derives the discussion from the properties: each point is a
// rule over the analysis, none over the activation's name, so an
// activation nobody wrote rules for gets its discussion too.
func (a *Analysis) Discuss() []Point {
	var out []Point
	add := func(kind, from string, w words) {
		out = append(out, Point{Kind: kind, Text: w.text, TeX: w.tex, From: from})
	}
	var w words

	// Saturation, from the limits of f and f'.
	satMinus := a.FMinus.Finite() && a.DMinus.Finite() && a.DMinus.Value == 0
	satPlus := a.FPlus.Finite() && a.DPlus.Finite() && a.DPlus.Value == 0
	switch {
	case satMinus && satPlus:
		w = words{}
		w.say("Saturates on both sides: f tends to ")
		limitWords(&w, a.FMinus)
		w.say(" and ")
		limitWords(&w, a.FPlus)
		w.say(" and f' to 0 as |x| grows, so a unit driven far from 0 passes almost no gradient back: vanishing gradients, slow learning from a bad start.")
		add("drawback", PropLimitsD, w)
	case satMinus && len(a.Dead) == 0:
		w = words{}
		w.say("Saturates only for negative inputs, to ")
		limitWords(&w, a.FMinus)
		w.say(": large negative inputs give a bounded output, robust to noise, while the gradient still flows for moderate ones.")
		add("advantage", PropLimitsF, w)
	}
	if a.DPlus.Finite() && a.DPlus.Value != 0 && !a.FPlus.Finite() {
		w = words{}
		w.say("No saturation as ")
		w.math("x → +∞", `x \to +\infty`)
		w.say(": f' tends to ")
		limitWords(&w, a.DPlus)
		w.say(", so the gradient through an active unit does not fade however large its input (the output is unbounded there).")
		add("advantage", PropLimitsD, w)
	}
	if a.DMinus.Finite() && a.DMinus.Value != 0 && !a.FMinus.Finite() {
		w = words{}
		w.say("No saturation as ")
		w.math("x → -∞", `x \to -\infty`)
		w.say(" either: f' tends to ")
		limitWords(&w, a.DMinus)
		w.say(", small perhaps, but never 0.")
		add("advantage", PropLimitsD, w)
	}

	// The factor per layer, from the largest |f'|.
	s := a.MaxSlope
	w = words{}
	w.say("|f'| is at most ")
	a.slopeWords(&w)
	switch {
	case math.IsInf(s.Value, 1):
		w = words{}
		w.say("|f'| is " + s.Where + ": a unit far out multiplies the gradient by an unbounded factor, so gradients can explode.")
		add("drawback", PropMaxSlope, w)
	case s.Value < 1-1e-12:
		w.say(". Through n layers the activations alone multiply a gradient by at most ")
		w.math("("+numPlain(s.Value, exactOf(s))+")^n", "\\left("+numTeX(s.Value, exactOf(s))+"\\right)^n")
		w.say(": vanishing gradients in deep networks.")
		add("drawback", PropMaxSlope, w)
	case s.Value <= 1+1e-12 && !s.AtRoot:
		w.say(": where the unit is active the gradient passes unchanged, so deep networks train.")
		add("advantage", PropMaxSlope, w)
	case s.Value <= 1+1e-12:
		w.say(". It reaches 1 only there: gradients shrink less than with a flatter activation, but they still shrink away from 0.")
		add("remark", PropMaxSlope, w)
	default:
		w.say(": above 1, so a gradient can grow per layer near there (exploding gradients, if many units sit there).")
		add("remark", PropMaxSlope, w)
	}

	// Zero-centred, from f(0), oddness and the range.
	w = words{}
	switch {
	case a.Odd:
		w.say("Zero-centred (f(0) = 0, f odd): for inputs symmetric about 0 the outputs average near 0, so the next layer's weight gradients do not all share one sign, and the updates do not zig-zag.")
		add("advantage", PropCentred, w)
	case a.Negative && a.Positive:
		w.say("Negative outputs for negative inputs (range ")
		a.rangeWords(&w)
		w.say("): the mean activation is pulled towards 0, closer to zero-centred than a non-negative activation.")
		add("advantage", PropRange, w)
	default:
		w.say("Not zero-centred: ")
		w.math("f(0) = "+expr.Plain(a.AtZero), "f(0) = "+latex.Expr(a.AtZero))
		w.say(" and the outputs are never negative, so all inputs of the next layer are positive and the gradients of each unit's weights share one sign: zig-zagging updates, slower convergence.")
		add("drawback", PropCentred, w)
	}

	// Dead units, from the half-lines where f' is exactly 0.
	for _, h := range a.Dead {
		w = words{}
		w.say("Dead units: ")
		w.math("f' = 0 exactly for "+h.plain(), "f' = 0 \\text{ for } "+h.tex())
		w.say(". A unit whose pre-activation falls there for every input (after a large update, or a bad bias) gets no gradient and never recovers.")
		add("drawback", PropDead, w)
	}
	if len(a.Dead) == 0 && a.BelowKinks != nil {
		w = words{}
		w.say("No dead units: f' is 0 on no half-line; below the kinks, ")
		w.math("f'("+expr.Plain(a.BelowAt)+") = "+expr.Plain(a.BelowKinks), "f'("+latex.Expr(a.BelowAt)+") = "+latex.Expr(a.BelowKinks))
		w.say(", so a unit with negative inputs still learns.")
		add("advantage", PropDead, w)
	}

	// Kinks, from the one-sided derivatives.
	for _, k := range a.Kinks {
		w = words{}
		switch {
		case !k.Continuous:
			w.say("A jump at ")
			point(&w, k.At)
			w.say(": f is not continuous there, and gradient descent sees no slope across it.")
			add("drawback", PropKinks, w)
		case !k.Differentiable():
			w.say("Not differentiable at ")
			point(&w, k.At)
			w.say(" (one-sided derivatives ")
			w.num(k.Left, snap(k.Left))
			w.say(" and ")
			w.num(k.Right, snap(k.Right))
			w.say("): frameworks take one of them, a subgradient, harmless in practice, but the slope jumps.")
			add("remark", PropKinks, w)
		default:
			w.say("Differentiable at ")
			point(&w, k.At)
			w.say(" although it is defined piecewise (both one-sided derivatives ")
			w.num(k.Left, snap(k.Left))
			w.say("): f' is continuous, a smoother optimisation than at a corner.")
			add("advantage", PropKinks, w)
		}
	}

	// Monotonicity.
	if a.Monotone == "not monotone" && len(a.Turns) > 0 && !math.IsInf(a.Range.Lo, 0) {
		w = words{}
		w.say("Not monotone: f' changes sign at ")
		for i, t := range a.Turns {
			if i > 0 {
				w.say(", ")
			}
			point(&w, t)
		}
		w.say(", where f dips to its minimum ")
		w.num(a.Range.Lo, a.Range.LoExact)
		w.say(": a small negative bump, which lets small negative inputs through.")
		add("remark", PropMonotone, w)
	}

	// Cost.
	w = words{}
	if a.Cost.F == 0 && a.Cost.D == 0 {
		w.say("Cheap: neither f nor f' needs an exponential or a logarithm, only comparisons and arithmetic.")
		add("advantage", PropCost, w)
	} else {
		w.say("Costs " + calls(a.Cost.F) + " per evaluation of f, where a piecewise-linear activation needs comparisons only.")
		add("drawback", PropCost, w)
	}
	if a.ShiftBelow != nil && a.Cost.F > 0 {
		w = words{}
		w.say("Below the kink ")
		a.shiftWords(&w)
		w.say(" (exactly, at every point checked): the backward pass reuses the output of the forward pass there, no new exponential.")
		add("advantage", PropDerivative, w)
	}
	if a.ReusesF {
		w = words{}
		w.say("f' is written with f's own value, so the backward pass reuses the output of the forward pass: no new exponential.")
		add("advantage", PropDerivative, w)
	}
	return out
}

// exactOf is the largest |f'| as a fraction, when it is one.
func exactOf(s MaxSlope) *big.Rat {
	if n, ok := s.Exact.(*expr.Number); ok {
		r, ok := new(big.Rat).SetString(n.String())
		if ok && !math.IsInf(s.Value, 0) {
			return r
		}
	}
	return nil
}
