package latex

import (
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/expr"
)

// Chain renders a derivation as the rows of an align* environment (the
// body only; see Align):
//
//	start &= state_1 && \text{rule}\\
//	&= state_2 && \text{rule, rule}, \; x > 0
//
// The states are expr.Replay(start, steps). Consecutive steps share a row
// when each one rewrites a subterm that was already there at the start of
// the row: they are independent rewrites (the pending derivatives of one
// breadth-first level), and one row per step would repeat a long term
// many times with one small change each. The justification lists the
// distinct rule titles, with their notes, and the assumptions of the row.
// A step that changes nothing is not shown. A row wider than the page is
// broken at its top-level plus and minus signs (see DefaultLineWidth).
func Chain(start expr.Expr, steps []expr.Step, opts ...Option) string {
	return chain(start, groupSteps(start, steps), newConfig(opts))
}

// Row is one row of a chain whose states the caller has worked out: the
// term after the row, and the steps that made it (which give the
// justification).
type Row struct {
	State expr.Expr
	Steps []expr.Step
}

// Rows renders a chain like Chain, from rows whose states are given rather
// than replayed: for derivations that know their own lines, such as a
// derivative's breadth-first rounds.
func Rows(start expr.Expr, given []Row, opts ...Option) string {
	rows := make([]row, 0, len(given))
	for _, g := range given {
		r := row{state: g.State}
		for _, s := range g.Steps {
			if t := s.Justification(); !contains(r.titles, t) {
				r.titles = append(r.titles, t)
			}
			for _, a := range s.Assume {
				if !containsExpr(r.assume, a) {
					r.assume = append(r.assume, a)
				}
			}
		}
		rows = append(rows, r)
	}
	return chain(start, rows, newConfig(opts))
}

func chain(start expr.Expr, rows []row, cfg *config) string {
	if !cfg.abbrevSet {
		// Name what the rows would otherwise repeat (see Abbreviate),
		// unless the caller named it already, over more than the rows.
		tops := []expr.Expr{start}
		for _, r := range rows {
			tops = append(tops, r.state)
		}
		Abbreviated(expr.Abbreviate(tops...))(cfg)
	}
	p := newPrinter(cfg, start)

	lhs := p.render(start)
	if cfg.lhs != "" {
		// A named left-hand side: the start becomes the first state.
		rows = append([]row{{state: start}}, rows...)
		lhs = cfg.lhs
	}
	just := make([]string, len(rows))
	justWidth, stateWidth := 0.0, 0.0
	for i, r := range rows {
		just[i] = p.justification(r, cfg.lineWidth)
		justWidth = max(justWidth, min(width(just[i]), justFraction*cfg.lineWidth))
		stateWidth = max(stateWidth, width(p.render(r.state)))
	}
	// align* makes each column as wide as its widest entry, so a row is as
	// wide as the left-hand side, the widest state and the widest
	// justification together. When that is too wide, a left-hand side that
	// is more than a symbol goes on a row of its own, and the states are
	// broken to fit the room left beside the justifications.
	W := cfg.lineWidth
	room := W - justWidth - columnGap
	inline := width(lhs)+stateWidth+justWidth+columnGap <= W || width(lhs) <= W/8 || cfg.lhs != ""
	if inline && len(rows) > 0 {
		room = max(room-width(lhs), W/3)
		lhs += " "
	} else {
		// On its own row the left-hand side shares the states' column.
		room = max(room, W/3)
		if len(rows) == 0 {
			room = W
		}
		p.buf = p.buf[:0]
		p.str("& ")
		p.broken(start, room)
		lhs = string(p.buf)
		if len(rows) > 0 {
			lhs += `\\` + "\n"
		}
	}

	p.buf = append(p.buf[:0], lhs...)
	for i, r := range rows {
		if i > 0 {
			p.str(`\\` + "\n")
		}
		p.str("&= ")
		p.brokenRow(r.state, room, just[i])
	}
	p.definitions()
	return p.done()
}

// columnGap is the estimated width of the space align* puts between the
// states and the justifications, in glyphs.
const columnGap = 4

// row is one line of a chain: the state after a group of steps.
type row struct {
	state  expr.Expr
	titles []string
	assume []expr.Expr
}

// groupSteps replays steps from start and groups them into rows.
func groupSteps(start expr.Expr, steps []expr.Step) []row {
	states := expr.Replay(start, steps)
	var rows []row
	cur := start
	var pending map[expr.Expr]bool // the subterms of the state the last row started from
	var from expr.Expr
	for i, s := range steps {
		next := states[i]
		if next == cur {
			continue
		}
		if len(rows) == 0 || !subterm(&pending, from, s.Before) {
			rows = append(rows, row{})
			from, pending = cur, nil
		}
		r := &rows[len(rows)-1]
		r.state = next
		if t := s.Justification(); !contains(r.titles, t) {
			r.titles = append(r.titles, t)
		}
		for _, a := range s.Assume {
			if !containsExpr(r.assume, a) {
				r.assume = append(r.assume, a)
			}
		}
		cur = next
	}
	return rows
}

// subterm reports whether y occurs in x, collecting the subterms of x into
// *set on first use so that a row of many steps costs one walk of x.
func subterm(set *map[expr.Expr]bool, x, y expr.Expr) bool {
	if *set == nil {
		*set = map[expr.Expr]bool{}
		expr.Inspect(x, func(z expr.Expr) bool {
			(*set)[z] = true
			return true
		})
	}
	return (*set)[y]
}

func containsExpr(xs []expr.Expr, x expr.Expr) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// justification writes a row's reasons: \text{chain rule, power rule},
// then each assumption as a condition, x_{i} w > 0. Reasons wider than
// justFraction of the line are set in a ragged-right paragraph of that
// width instead, so that many rules in one row wrap rather than push the
// states off the page.
func (p *printer) justification(r row, lineWidth float64) string {
	titles := escapeText(strings.Join(r.titles, ", "))
	var conds []string
	for _, a := range r.assume {
		conds = append(conds, p.render(a)+" > 0")
	}
	short := `\text{` + titles + `}`
	for _, c := range conds {
		short += `, \; ` + c
	}
	if width(short) <= justFraction*lineWidth {
		return short
	}
	long := titles
	for _, c := range conds {
		long += ", $" + c + "$"
	}
	return `\parbox[t]{` + strconv.FormatFloat(justFraction, 'f', -1, 64) + `\linewidth}{\raggedright ` + long + `}`
}

// justFraction is the widest a justification may be, as a fraction of the
// line, before it wraps.
const justFraction = 0.4

// render returns the LaTeX of x without disturbing p.buf.
func (p *printer) render(x expr.Expr) string {
	saved := p.buf
	p.buf = nil
	p.expr(x, 0)
	s := string(p.buf)
	p.buf = saved
	return s
}

// brokenRow writes a state and its justification, breaking the state as
// broken does; the justification goes on the first line, beside the "=".
func (p *printer) brokenRow(x expr.Expr, room float64, just string) {
	cut := p.broken(x, room)
	if cut < 0 {
		p.str(" && " + just)
		return
	}
	rest := string(p.buf[cut:])
	p.buf = append(p.buf[:cut], " && "+just...)
	p.str(rest)
}

// broken writes x, and when it is wider than room, breaks it before
// top-level plus and minus signs into continuation rows indented by a
// quad; it returns where the first break is, or -1. A sum can be broken,
// and so can the derivative of a sum, the usual start of a derivation,
// with \Bigl( \Bigr) for its parentheses: a \left( and its \right) must
// be on one row. Anything else is written whole.
func (p *printer) broken(x expr.Expr, room float64) int {
	start := len(p.buf)
	p.expr(x, 0)
	if width(string(p.buf[start:])) <= room {
		return -1
	}
	var prefix, suffix string
	sum, ok := x.(*expr.AddExpr)
	d, isDiff := x.(*expr.Derivative)
	if isDiff && !p.closedDerivative(d) {
		if _, sub := p.value(d.Body()); !sub {
			sum, ok = d.Body().(*expr.AddExpr)
		}
	}
	if _, sub := p.value(x); !ok || sub {
		return -1 // written whole
	}
	p.buf = p.buf[:start]
	if isDiff {
		p.diffOperator(d)
		p.str(` \Bigl(`)
		prefix, suffix = string(p.buf[start:]), `\Bigr)`
	}
	var parts []string
	for i, t := range expr.SumDisplayOrder(sum) {
		p.buf = p.buf[:start]
		p.sumTerm(i, t)
		parts = append(parts, string(p.buf[start:]))
	}
	parts[0] = prefix + parts[0]
	parts[len(parts)-1] += suffix
	p.buf = p.buf[:start]
	cut := -1
	line := 0.0
	for i, t := range parts {
		w := width(t)
		if i > 0 && line+w > room {
			if cut < 0 {
				cut = len(p.buf)
			}
			p.str(`\\` + "\n" + `&\quad`)
			line = 2
		}
		p.str(t)
		line += w
	}
	return cut
}

// Align wraps rows (for example the output of Chain) in an align*
// environment, one \\ between each two.
func Align(rows ...string) string {
	return `\begin{align*}` + "\n" + strings.Join(rows, `\\`+"\n") + "\n" + `\end{align*}`
}

// Boxed renders the final answer lhs = rhs in a box, as a worked answer
// ends.
func Boxed(lhs, rhs expr.Expr, opts ...Option) string {
	p := newPrinter(newConfig(opts), lhs, rhs)
	l, r := p.render(lhs), p.render(rhs)
	p.buf = append(p.buf[:0], `\boxed{`+l+" = "+r+`}`...)
	return p.done()
}
