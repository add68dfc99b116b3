// Package check checks a hand derivation step by step: each line against
// the one before it by the relation written between them (equal, equal up
// to a constant, proportional, same argmin, derivative), with package
// equiv's verdicts, the first wrong step with a counterexample, and a
// hint naming the slip the student most likely made.
package check

import (
	"errors"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/equiv"
)

// RelKind is how a line follows from the one before it.
type RelKind uint8

// The relations between lines.
const (
	// Start: the first line of a chain, compared with nothing.
	Start RelKind = iota
	Equal
	UpToConstant
	UpToFactor
	SameArgmin
	// Derivative: the line is the derivative of the one before with
	// respect to Rel.Wrt.
	Derivative
	// Implies: the line is the left side of an equation (the next line
	// its right side) that follows from the last equation before it (a
	// line set to zero, or an equation written as a chain's first step):
	// a stationary point's condition solved for the parameter. The
	// solution stated is checked to satisfy that equation.
	Implies
)

var relKindNames = [...]string{"start", "=", "= up to a constant", "propto", "argmin", "d/d", "=>"}

func (k RelKind) String() string { return relKindNames[k] }

// Rel is the relation written before a line.
type Rel struct {
	Kind RelKind
	// Params are the parameters named with the relation (argmin_{w,b}):
	// empty means those of the command line's --wrt.
	Params []string
	// Wrt is the variable of a Derivative.
	Wrt string
	// Sign is the relation as written.
	Sign string
	// Unknown: Sign is no relation check knows; the step is undecided.
	Unknown bool
	// Define: the line defines the one before it (:=), which names it.
	Define bool
}

// String writes the relation as plain derivations write it: =, =c,
// propto, argmin_{w,b}, d/dw.
func (r Rel) String() string {
	if r.Unknown {
		return r.Sign
	}
	switch r.Kind {
	case Start:
		return "start"
	case UpToConstant:
		return "=c"
	case UpToFactor:
		return "propto"
	case SameArgmin:
		if len(r.Params) > 0 {
			return "argmin_{" + strings.Join(r.Params, ",") + "}"
		}
		return "argmin"
	case Derivative:
		return "d/d" + r.Wrt
	case Implies:
		return "=>"
	}
	return "="
}

// Line is one expression of a derivation, with where it starts in the
// file and the relation that leads to it.
type Line struct {
	Text string
	Pos  diag.Pos
	Rel  Rel
	// Plain: the line is in plain syntax whatever the derivation's is
	// (an expected answer derivtex wrote).
	Plain bool
	// Src is the source line Text starts on, for error snippets; empty
	// when Text is the whole source line.
	Src string
}

// ParseRelation reads a relation as plain derivations write it.
func ParseRelation(sign string) (Rel, bool) { return relation(sign) }

// MaxLines bounds the lines of a derivation.
const MaxLines = 2000

// ErrCut is the cause of the error at a derivation's line MaxLines + 1:
// the lines after it are not read, so the derivation's verdict cannot be
// equal whatever the steps before it are.
var ErrCut = errors.New("the derivation is cut")

// cutError is the error at the first line past MaxLines.
func cutError(at diag.Pos) *diag.Error {
	e := diag.At(at, "more than %d lines: the derivation is cut here, and nothing from here on is checked", MaxLines)
	e.Err = ErrCut
	return e
}

// relation reads a relation sign; ok is false for an unknown one.
func relation(sign string) (Rel, bool) {
	sign = strings.TrimSpace(sign)
	r := Rel{Sign: sign}
	switch {
	case sign == "=":
		r.Kind = Equal
	case sign == "=c" || sign == "=const":
		r.Kind = UpToConstant
	case sign == "propto" || sign == "∝" || sign == `\propto`:
		r.Kind = UpToFactor
	case sign == "argmin":
		r.Kind = SameArgmin
	case strings.HasPrefix(sign, "argmin_"):
		r.Kind = SameArgmin
		r.Params = paramList(strings.TrimPrefix(sign, "argmin_"))
	case strings.HasPrefix(sign, "d/d"):
		r.Kind = Derivative
		r.Wrt = sign[3:] // empty: --wrt's
	case sign == "=>" || sign == "<=>" || sign == "implies" || sign == "iff" || sign == "⇒" || sign == "⇔":
		r.Kind = Implies
	default:
		return r, false
	}
	return r, true
}

// paramList reads w or {w,b} or w,b.
func paramList(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "{")
	s = strings.TrimSuffix(s, "}")
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// unknownSigns are relation signs a derivation may hold that check does
// not decide: each is refused at its place rather than read as part of an
// expression.
var unknownSigns = []string{"<=", ">=", "==", ":=", "->", "≈", "≤", "≥", "≠", "~", "<", ">", "!="}

// SplitPlain reads a plain derivation: one expression per line, each
// after the first optionally preceded by its relation to the line before
// (= by default):
//
//	=        equal
//	=c       equal up to an additive constant (in the parameters)
//	propto   equal up to a positive factor (also ∝)
//	argmin   same minimisers over the parameters (argmin_w, argmin_{w,b})
//	d/dw     the derivative of the line before with respect to w (d/d:
//	         with respect to --wrt's first variable)
//	NAME := e, NAME(args) := e   a definition: later lines mean e where
//	         they write NAME (also a first line NAME(args), f or L,
//	         followed by = e)
//	=> v = e the solution of the equation before (a line "= 0" after an
//	         expression sets it to zero): e is checked to satisfy it
//	         (also <=>, implies, iff)
//
// Blank lines and lines starting with # are skipped. The errors are the
// lines with an unknown relation sign; the other lines are still read.
func SplitPlain(filename, src string) ([]Line, diag.List) {
	var lines []Line
	var errs diag.List
	pos := diag.Pos{File: filename, Line: 1, Col: 1}
	for _, raw := range strings.SplitAfter(src, "\n") {
		at := pos
		pos = pos.Advance(raw)
		text := strings.TrimRight(raw, "\r\n")
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if len(lines) >= MaxLines {
			errs = append(errs, cutError(at))
			break
		}
		lead := len(text) - len(strings.TrimLeft(text, " \t"))
		start := at.Advance(text[:lead])
		body := text[lead:]
		rel := Rel{Kind: Equal, Sign: "="}
		if len(lines) == 0 {
			rel = Rel{Kind: Start}
		}
		word, rest, _ := strings.Cut(body, " ")
		if r, ok := relation(word); ok && strings.TrimSpace(rest) != "" {
			switch {
			case len(lines) > 0:
				rel = r
			case r.Kind == Derivative:
				// d/dx f on the first line: the derivative to work out.
				rel = Rel{Kind: Start, Sign: r.Sign, Wrt: r.Wrt}
			default:
				e := diag.At(start, "the first line has no line before it: %q relates a line to the one before", word)
				e.Src = text
				errs = append(errs, e)
			}
			skip := len(word) + 1 + len(rest) - len(strings.TrimLeft(rest, " \t"))
			start = start.Advance(body[:skip])
			body = body[skip:]
		} else if !ok {
			for _, sign := range unknownSigns {
				if strings.HasPrefix(body, sign) {
					e := diag.At(start, "unknown relation sign %q (want =, =c, propto, argmin or d/dVAR)", sign)
					e.Src = text
					errs = append(errs, e)
					// The expression after it is still read, for the
					// step after.
					rest := body[len(sign):]
					skip := len(sign) + len(rest) - len(strings.TrimLeft(rest, " \t"))
					start = start.Advance(body[:skip])
					body = body[skip:]
					rel = Rel{Kind: Equal, Sign: sign, Unknown: true}
					break
				}
			}
		}
		if at := strings.Index(body, ":="); at > 0 && rel.Kind == Equal || at > 0 && rel.Kind == Start {
			// NAME := definition: the name starts a chain.
			rhs := body[at+2:]
			lines = append(lines, Line{Text: strings.TrimRight(body[:at], " \t"), Pos: start, Rel: Rel{Kind: Start}, Src: text},
				Line{Text: strings.TrimSpace(rhs), Pos: start.Advance(body[:at+2+len(rhs)-len(strings.TrimLeft(rhs, " \t"))]), Rel: Rel{Kind: Equal, Sign: ":=", Define: true}, Src: text})
			continue
		}
		if rel.Kind == Implies {
			if eq := topEqual(body); eq > 0 {
				lhs := strings.TrimRight(body[:eq], " \t")
				rhs := body[eq+1:]
				at := start.Advance(body[:eq+1+len(rhs)-len(strings.TrimLeft(rhs, " \t"))])
				lines = append(lines, Line{Text: lhs, Pos: start, Rel: rel, Src: text},
					Line{Text: strings.TrimSpace(rhs), Pos: at, Rel: Rel{Kind: Equal, Sign: "="}, Src: text})
				continue
			}
			e := diag.At(start, "%s wants an equation after it: %s v = solution", rel.Sign, rel.Sign)
			e.Src = text
			errs = append(errs, e)
			rel = Rel{Kind: Equal, Sign: rel.Sign, Unknown: true}
		}
		lines = append(lines, Line{Text: body, Pos: start, Rel: rel, Src: text})
	}
	return lines, errs
}

// topEqual is the offset of the first = of s outside brackets that is no
// part of <=, >=, == or !=; -1 when there is none.
func topEqual(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '=':
			if depth != 0 || i > 0 && strings.IndexByte("<>=!", s[i-1]) >= 0 || i+1 < len(s) && s[i+1] == '=' {
				continue
			}
			return i
		}
	}
	return -1
}

// equivRelation is the equiv relation of a step's relation.
func (k RelKind) equiv() equiv.Relation {
	switch k {
	case UpToConstant:
		return equiv.UpToConstant
	case UpToFactor:
		return equiv.UpToFactor
	case SameArgmin:
		return equiv.SameArgmin
	}
	return equiv.Equal
}
