package indexmap

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/expr"
)

// A Style writes terms and relations for one output: plain text or LaTeX.
type Style struct {
	Term           func(expr.Expr) string
	Le, Equiv, And string
	Even, Odd      string
	Mod            func(step string) string
	Bracket        func(cond string) string
	Cases          func(value, cond string) string
	// Power writes m times 10^e, or 10^e when m is "".
	Power func(m string, e int) string
}

// Plain writes plain syntax: p[j/2], [j even], 2 <= j <= 2*N - 2.
var Plain = Style{
	Term:    expr.Plain,
	Le:      " <= ",
	Equiv:   " = ",
	And:     " and ",
	Even:    " even",
	Odd:     " odd",
	Mod:     func(step string) string { return " (mod " + step + ")" },
	Bracket: func(cond string) string { return "[" + cond + "]" },
	Cases:   func(value, cond string) string { return value + " if " + cond + ", else 0" },
	Power: func(m string, e int) string {
		if m == "" {
			return "10^" + strconv.Itoa(e)
		}
		return m + "*10^" + strconv.Itoa(e)
	},
}

// TeX writes LaTeX, with term writing the terms (latex.Expr; this package
// stays below the printers): p_{j/2}, [j \text{ even}], 2 \le j \le 2N - 2.
func TeX(term func(expr.Expr) string) Style {
	return Style{
		Term:    term,
		Le:      ` \le `,
		Equiv:   ` \equiv `,
		And:     `,\ `,
		Even:    `\text{ even}`,
		Odd:     `\text{ odd}`,
		Mod:     func(step string) string { return ` \pmod{` + step + `}` },
		Bracket: func(cond string) string { return `[` + cond + `]` },
		Cases: func(value, cond string) string {
			return `\begin{cases} ` + value + ` & ` + cond + ` \\ 0 & \text{otherwise} \end{cases}`
		},
		Power: func(m string, e int) string {
			if m == "" {
				return `10^{` + strconv.Itoa(e) + `}`
			}
			return m + ` \cdot 10^{` + strconv.Itoa(e) + `}`
		},
	}
}

// FormatCount writes a count, with a power of ten when it ends in six
// zeros or more: 2*10^12.
func FormatCount(n *big.Int, s Style) string {
	digits := n.String()
	trimmed := strings.TrimRight(digits, "0")
	if zeros := len(digits) - len(trimmed); zeros >= 6 && n.Sign() > 0 {
		if trimmed == "1" {
			trimmed = ""
		}
		return s.Power(trimmed, zeros)
	}
	return digits
}

// Format writes the condition: "j even", "j = 3 (mod 4)", "2 <= j <= N".
func (c Cond) Format(s Style) string {
	j := s.Term(c.In)
	switch c.Kind {
	case Multiple:
		if r, ok := residue(c.Rest, c.Step); ok {
			switch {
			case c.Step == 2 && r == 0:
				return j + s.Even
			case c.Step == 2:
				return j + s.Odd
			}
			return j + s.Equiv + strconv.FormatInt(r, 10) + s.Mod(strconv.FormatInt(c.Step, 10))
		}
		return j + s.Equiv + s.Term(c.Rest) + s.Mod(strconv.FormatInt(c.Step, 10))
	case Between:
		return s.Term(c.Lo) + s.Le + j + s.Le + s.Term(c.Hi)
	}
	return j + " = " + s.Term(c.Rest)
}

// residue is rest mod step, from 0 to step - 1, when the terms of rest
// that are not numbers are multiples of step (2N + 2 mod 2 is 0).
func residue(rest expr.Expr, step int64) (int64, bool) {
	terms := []expr.Expr{rest}
	if a, ok := rest.(*expr.AddExpr); ok {
		terms = a.Terms()
	}
	sum := new(big.Int)
	st := big.NewInt(step)
	for _, t := range terms {
		c := t
		if m, ok := t.(*expr.MulExpr); ok {
			c = m.Factors()[0]
		}
		n, ok := c.(*expr.Number)
		if !ok || !n.IsInt() {
			return 0, false
		}
		if c == t {
			sum.Add(sum, n.Num())
		} else if new(big.Int).Mod(n.Num(), st).Sign() != 0 {
			return 0, false
		}
	}
	return new(big.Int).Mod(sum, st).Int64(), true
}

// FormatConds joins a piece's conditions.
func FormatConds(conds []Cond, s Style) string {
	parts := make([]string, len(conds))
	for i, c := range conds {
		parts[i] = c.Format(s)
	}
	return strings.Join(parts, s.And)
}

// FormatVJP writes the VJP's entry: one piece with conditions as cases,
// several as a sum of bracketed pieces, 0 for none.
func FormatVJP(pieces []Piece, s Style) string {
	switch {
	case len(pieces) == 0:
		return "0"
	case len(pieces) == 1 && len(pieces[0].Conds) > 0:
		return s.Cases(s.Term(pieces[0].Value), FormatConds(pieces[0].Conds, s))
	}
	var b strings.Builder
	for i, p := range pieces {
		if i > 0 {
			b.WriteString(" + ")
		}
		if len(p.Conds) > 0 {
			b.WriteString(s.Bracket(FormatConds(p.Conds, s)) + " ")
		}
		v := s.Term(p.Value)
		if p.Value.Kind() == expr.KindAdd && len(p.Conds) > 0 {
			v = "(" + v + ")"
		}
		b.WriteString(v)
	}
	return b.String()
}

// FormatEntry writes the Jacobian's entry as coefficients times deltas:
// [j = 2 i], or 2 x[i] [j = i] + ...
func (j *Jacobian) FormatEntry(s Style) string {
	if len(j.Terms) == 0 {
		return "0"
	}
	var b strings.Builder
	for k, t := range j.Terms {
		if k > 0 {
			b.WriteString(" + ")
		}
		if t.Coef != expr.One {
			c := s.Term(t.Coef)
			if t.Coef.Kind() == expr.KindAdd {
				c = "(" + c + ")"
			}
			b.WriteString(c + " ")
		}
		eqs := make([]string, len(t.At))
		for d, at := range t.At {
			eqs[d] = s.Term(j.In[d]) + " = " + s.Term(at)
		}
		b.WriteString(s.Bracket(strings.Join(eqs, s.And)))
	}
	return b.String()
}
