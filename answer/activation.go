package answer

import (
	"context"

	"github.com/derivtex/derivtex/activation"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
)

// Activation is the answer of activation, and of an activation problem:
// the function, its derivatives, every derived property as data and as
// prose (properties), and the discussion, each point naming the property
// it follows from. A number that is not finite (an infinite limit, an
// open end of the range) is null, with the limit's kind saying which.
type Activation struct {
	Schema     int    `json:"schema,omitempty"`
	Name       string `json:"name"`
	Variable   string `json:"variable"`
	Definition Expr   `json:"definition"`
	// Cases is the definition as written by cases, and DerivativeCases
	// f' derived case by case, for an activation defined with piecewise;
	// nil otherwise.
	Cases           *Expr             `json:"cases,omitempty"`
	DerivativeCases *Expr             `json:"derivative_cases,omitempty"`
	Params          []ActivationParam `json:"params"`
	Function        Expr              `json:"function"`
	Derivative      Expr              `json:"derivative"`
	Second          Expr              `json:"second_derivative"`
	// Limits of f and f' at -infinity and +infinity.
	Limits   ActivationLimits `json:"limits"`
	MaxSlope ActivationSlope  `json:"max_slope"`
	Range    ActivationRange  `json:"range"`
	AtZero   Expr             `json:"f_at_zero"`
	// Centred is yes (f(0) = 0 and f odd), partly (outputs of both
	// signs) or no.
	Centred  string           `json:"zero_centred"`
	Kinks    []ActivationKink `json:"kinks"`
	Dead     []ActivationDead `json:"dead"`
	Monotone string           `json:"monotone"`
	Turns    []float64        `json:"turns"`
	Cost     ActivationCost   `json:"cost"`
	// Properties are the derived properties as the table writes them.
	Properties []ActivationProperty `json:"properties"`
	Discussion []ActivationPoint    `json:"discussion"`
}

// ActivationParam is a parameter and its value.
type ActivationParam struct {
	Name  string `json:"name"`
	Value Expr   `json:"value"`
}

// ActivationLimits are the limits of f and f' at both infinities.
type ActivationLimits struct {
	FMinus ActivationLimit `json:"f_minus_inf"`
	FPlus  ActivationLimit `json:"f_plus_inf"`
	DMinus ActivationLimit `json:"df_minus_inf"`
	DPlus  ActivationLimit `json:"df_plus_inf"`
}

// ActivationLimit is a limit: kind finite (value, and exact when known),
// +inf, -inf or none (no limit; numerically, none found). Numeric marks
// a limit found by evaluation, outside the classes package limit
// decides exactly.
type ActivationLimit struct {
	Kind    string   `json:"kind"`
	Value   *float64 `json:"value"`
	Exact   string   `json:"exact,omitempty"`
	Numeric bool     `json:"numeric"`
}

// ActivationSlope is the largest |f'|: at a root of the second
// derivative (at), or where says where f' tends to it.
type ActivationSlope struct {
	Value float64  `json:"value"`
	Exact *Expr    `json:"exact"`
	At    *float64 `json:"at"`
	Where string   `json:"where,omitempty"`
}

// ActivationRange is an interval; an infinite end is null.
type ActivationRange struct {
	Lo       *float64 `json:"lo"`
	Hi       *float64 `json:"hi"`
	LoClosed bool     `json:"lo_closed"`
	HiClosed bool     `json:"hi_closed"`
}

// ActivationKink is a point where the definition switches pieces, with
// the one-sided derivatives there.
type ActivationKink struct {
	At             float64  `json:"at"`
	Continuous     bool     `json:"continuous"`
	Left           *float64 `json:"left_derivative"`
	Right          *float64 `json:"right_derivative"`
	Differentiable bool     `json:"differentiable"`
}

// ActivationDead is a half-line where f' is exactly 0: x < at (below)
// or x > at.
type ActivationDead struct {
	At    float64 `json:"at"`
	Below bool    `json:"below"`
}

// ActivationCost counts exponentials and logarithms.
type ActivationCost struct {
	F       int  `json:"f"`
	D       int  `json:"derivative"`
	ReusesF bool `json:"derivative_reuses_f"`
}

// ActivationProperty is a property in words (text) and LaTeX.
type ActivationProperty struct {
	Name  string `json:"name"`
	Text  string `json:"text"`
	LaTeX string `json:"latex"`
}

// ActivationPoint is an advantage, a drawback or a remark, and the
// property it follows from.
type ActivationPoint struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	LaTeX string `json:"latex"`
	From  string `json:"from"`
}

func exprAnswer(x expr.Expr) Expr { return Expr{Plain: expr.Plain(x), LaTeX: latex.Expr(x)} }

func limitAnswer(l activation.Limit) ActivationLimit {
	out := ActivationLimit{Kind: l.Kind, Numeric: l.Numeric}
	if l.Finite() {
		out.Value = finite(l.Value)
	}
	switch {
	case l.Exact != nil:
		out.Exact = l.Exact.RatString()
	case l.Expr != nil:
		out.Exact = expr.Plain(l.Expr)
	}
	return out
}

// ActivationOf is the answer of an analysis.
func ActivationOf(_ context.Context, a *activation.Analysis) *Activation {
	s := a.Spec
	out := &Activation{
		Name: s.Name, Variable: s.Var.Name(),
		Definition: exprAnswer(s.Definition), Params: []ActivationParam{},
		Function: exprAnswer(s.F), Derivative: exprAnswer(a.Derivative), Second: exprAnswer(a.Second),
		Limits:   ActivationLimits{limitAnswer(a.FMinus), limitAnswer(a.FPlus), limitAnswer(a.DMinus), limitAnswer(a.DPlus)},
		MaxSlope: ActivationSlope{Value: a.MaxSlope.Value, Where: a.MaxSlope.Where},
		Range: ActivationRange{Lo: finite(a.Range.Lo), Hi: finite(a.Range.Hi),
			LoClosed: a.Range.LoClosed, HiClosed: a.Range.HiClosed},
		AtZero: exprAnswer(a.AtZero), Centred: "no",
		Kinks: []ActivationKink{}, Dead: []ActivationDead{},
		Monotone: a.Monotone, Turns: append([]float64{}, a.Turns...),
		Cost:       ActivationCost{F: a.Cost.F, D: a.Cost.D, ReusesF: a.ReusesF},
		Properties: []ActivationProperty{}, Discussion: []ActivationPoint{},
	}
	if s.Def != nil && s.Def.Cases != nil {
		out.Cases = &Expr{Plain: s.Def.CasesPlain(), LaTeX: s.Def.CasesTeX()}
		out.DerivativeCases = &Expr{Plain: a.PiecesPlain(), LaTeX: a.PiecesTeX()}
	}
	for _, p := range s.Params {
		out.Params = append(out.Params, ActivationParam{p.Name, exprAnswer(p.Value)})
	}
	if a.MaxSlope.Exact != nil {
		e := exprAnswer(a.MaxSlope.Exact)
		out.MaxSlope.Exact = &e
	}
	if a.MaxSlope.AtRoot {
		out.MaxSlope.At = finite(a.MaxSlope.At)
	}
	switch {
	case a.Odd:
		out.Centred = "yes"
	case a.Negative && a.Positive:
		out.Centred = "partly"
	}
	for _, k := range a.Kinks {
		out.Kinks = append(out.Kinks, ActivationKink{At: k.At, Continuous: k.Continuous,
			Left: finite(k.Left), Right: finite(k.Right), Differentiable: k.Continuous && k.Differentiable()})
	}
	for _, h := range a.Dead {
		out.Dead = append(out.Dead, ActivationDead{At: h.At, Below: h.Below})
	}
	for _, p := range a.Properties() {
		out.Properties = append(out.Properties, ActivationProperty{p.Name, p.Text, p.TeX})
	}
	for _, p := range a.Discuss() {
		out.Discussion = append(out.Discussion, ActivationPoint{p.Kind, p.Text, p.TeX, p.From})
	}
	return out
}
