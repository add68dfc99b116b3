package latex

import (
	"math"
	"slices"
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
// derivative worked out one rule per line.
func Rows(start expr.Expr, given []Row, opts ...Option) string {
	rows := make([]row, 0, len(given))
	for _, g := range given {
		r := row{state: g.State}
		r.titles = expr.Titles(g.Steps)
		for _, s := range g.Steps {
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
	if cfg.written && cfg.lhs == "" {
		if titles, ok := cfg.layout.Rewrite(start); ok {
			rows = append([]row{{state: start, titles: titles}}, rows...)
		}
	}
	p := newPrinter(cfg, start)
	if out, fits := p.layout(start, rows, false); fits {
		return out
	}
	// A state too wide to sit beside the justifications even when broken:
	// the justification column would push past the page on every row, so
	// each justification goes under its state instead.
	out, _ := p.layout(start, rows, true)
	return out
}

// layout writes the chain, the justifications beside the states (in a
// column of their own) or, with below set, each under its state, and
// reports whether every state fitted the room it was broken to.
func (p *printer) layout(start expr.Expr, rows []row, below bool) (string, bool) {
	cfg := p.cfg
	p.written = cfg.written // the start as the author wrote it
	lhs := p.render(start)
	p.written = false
	if cfg.lhs != "" {
		// A named left-hand side: the start becomes the first state.
		rows = append([]row{{state: start, written: cfg.written}}, rows...)
		lhs = cfg.lhs
	}
	if cfg.writtenIn != nil {
		rows = slices.Clone(rows)
		for i := range rows {
			rows[i].written = rows[i].written || expr.Contains(rows[i].state, cfg.writtenIn)
		}
	}
	W := cfg.lineWidth
	just := make([]string, len(rows))
	justWidth, stateWidth := 0.0, 0.0
	for i, r := range rows {
		p.written = r.written
		stateWidth = max(stateWidth, width(p.render(r.state)))
		p.written = false
		if below {
			continue
		}
		just[i] = p.justification(r, justFraction*W, "")
		justWidth = max(justWidth, min(width(just[i]), justFraction*W))
	}
	// align* makes each column as wide as its widest entry, so a row is as
	// wide as the left-hand side, the widest state and the widest
	// justification together. When that is too wide, a left-hand side that
	// is more than a symbol goes on a row of its own, and the states are
	// broken to fit the room left beside the justifications.
	gap := float64(columnGap)
	if below {
		gap = 0
	}
	room := W - justWidth - gap
	inline := width(lhs)+stateWidth+justWidth+gap <= W || width(lhs) <= W/8 || cfg.lhs != ""
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
		p.written = cfg.written
		p.broken(start, room)
		p.written = false
		lhs = string(p.buf)
		if len(rows) > 0 {
			lhs += `\\*` + "\n" // no page break between a left-hand side and its first state
		}
	}
	if below {
		for i, r := range rows {
			just[i] = p.justification(r, room-2, `\itshape `)
		}
	}

	fits := true
	p.buf = append(p.buf[:0], lhs...)
	for i, r := range rows {
		if i > 0 {
			p.str(`\\` + "\n")
		}
		p.str("&= ")
		p.written = r.written
		if below {
			_, widest := p.broken(r.state, room)
			p.written = false
			fits = fits && widest <= room
			if len(r.titles) > 0 || len(r.assume) > 0 {
				p.str(`\\*` + "\n" + `&\qquad ` + just[i])
			}
			continue
		}
		fits = p.brokenRow(r.state, room, just[i]) <= room && fits
		p.written = false
	}
	p.definitions()
	return p.done(), fits
}

// columnGap is the estimated width of the space align* puts between the
// states and the justifications, in glyphs.
const columnGap = 4

// row is one line of a chain: the state after a group of steps.
type row struct {
	state  expr.Expr
	titles []string
	assume []expr.Expr
	// written says the state is written as the layout says it was (the
	// start under LHS, a row under WrittenWhile).
	written bool
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
// most glyphs are set in a ragged-right paragraph of that width instead,
// so that many rules in one row wrap rather than push the states off the
// page. Style starts the text: "\\itshape " sets the reasons apart from
// the states when they go under them.
func (p *printer) justification(r row, most float64, style string) string {
	titles := escapeText(strings.Join(r.titles, ", "))
	var conds []string
	for _, a := range r.assume {
		conds = append(conds, p.render(a)+" > 0")
	}
	short := `\text{` + style + titles + `}`
	for _, c := range conds {
		short += `, \; ` + c
	}
	if width(short) <= most {
		return short
	}
	long := titles
	for _, c := range conds {
		long += ", $" + c + "$"
	}
	return `\parbox[t]{` + strconv.FormatFloat(math.Round(most*emPerGlyph*10)/10, 'f', -1, 64) + `em}{\raggedright ` + style + long + `}`
}

// justFraction is the widest a justification may be, as a fraction of the
// line, before it wraps.
const justFraction = 0.4

// emPerGlyph converts the estimated glyphs of width to ems: an italic
// letter is about half an em. The paragraph of a long justification is
// sized in ems, not as a fraction of \linewidth, so that it is as wide as
// the glyphs the line breaking set aside for it whatever the page: on a
// wide page 0.4\linewidth is more than 0.4 of DefaultLineWidth, and the
// states beside it, broken to fit the rest of the glyphs, run off the
// page.
const emPerGlyph = 0.5

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
// It returns the width of the widest line of the state.
func (p *printer) brokenRow(x expr.Expr, room float64, just string) float64 {
	cut, widest := p.broken(x, room)
	if cut < 0 {
		p.str(" && " + just)
		return widest
	}
	rest := string(p.buf[cut:])
	p.buf = append(p.buf[:cut], " && "+just...)
	p.str(rest)
	return widest
}

// broken writes x, and when it is wider than room, breaks it before
// top-level plus and minus signs into continuation rows indented by a
// quad, with no page break between them; it returns where the first break
// is, or -1, and the width of the widest line. A sum can be broken, and
// so can the derivative of a sum, the usual start of a derivation, with
// \Bigl( \Bigr) for its parentheses: a \left( and its \right) must be on
// one row; so can a quotient whose numerator is a sum, written as the sum
// over the denominator times the sum. A product too wide for a row (a
// term of such a sum, or the whole) breaks between its factors, the
// continuation starting with \cdot; a quotient of such a product is one
// over its denominator times the factors. Anything else is written whole.
func (p *printer) broken(x expr.Expr, room float64) (int, float64) {
	start := len(p.buf)
	p.expr(x, 0)
	whole := width(string(p.buf[start:]))
	if whole <= room {
		return -1, whole
	}
	if _, sub := p.value(x); sub {
		return -1, whole // written whole
	}
	var prefix, suffix string
	body := x
	if d, isDiff := x.(*expr.Derivative); isDiff {
		if _, sub := p.value(d.Body()); p.closedDerivative(d) || sub {
			return -1, whole
		}
		p.buf = p.buf[:start]
		p.diffOperator(d)
		p.str(` \Bigl(`)
		prefix, suffix, body = string(p.buf[start:]), `\Bigr)`, d.Body()
	} else if neg, num, den := p.cfg.layout.NumDen(x); len(den) > 0 && len(num) == 1 {
		if _, isSum := num[0].(*expr.AddExpr); isSum {
			// A quotient whose numerator is a sum: 1/den times the sum,
			// so that the sum can be broken.
			p.buf = p.buf[:start]
			if neg {
				p.str("-")
			}
			p.str(`\frac{1}{`)
			p.fracPart(den)
			p.str(`} \Bigl(`)
			prefix, suffix, body = string(p.buf[start:]), `\Bigr)`, num[0]
		}
	}
	var parts []piece
	if sum, ok := body.(*expr.AddExpr); ok {
		if _, asWritten := p.form(sum); asWritten {
			p.buf = p.buf[:start]
			p.expr(x, 0)
			return -1, whole // broken at canonical terms, it would not read as written
		}
		parts = p.sumPieces(sum, room, start)
	} else if parts = p.productPieces(body, -1, room, start); parts == nil {
		p.buf = p.buf[:start]
		p.expr(x, 0)
		return -1, whole
	}
	parts[0].text = prefix + parts[0].text
	parts[len(parts)-1].text += suffix
	p.buf = p.buf[:start]
	cut := -1
	line, widest := 0.0, 0.0
	for i, t := range parts {
		w := width(t.text)
		if i > 0 && (line+w > room || t.first || parts[i-1].last) {
			if cut < 0 {
				cut = len(p.buf)
			}
			p.str(`\\*` + "\n" + `&\quad` + t.cont)
			widest = max(widest, line)
			line = 2 + width(t.cont)
		} else if t.cont != "" {
			// Factors side by side: the estimate undercounts the space
			// TeX puts between function applications.
			p.str(" ")
			line++
		}
		p.str(t.text)
		line += w
	}
	return cut, max(widest, line)
}

// piece is a part of a broken term: its text, and what a continuation
// row starts with when a break falls before it (\cdot for a factor).
// A term broken into factors starts a row of its own (first), and the
// term after it starts the next (last).
type piece struct {
	text, cont  string
	first, last bool
}

// sumPieces splits a sum into its terms, each with its sign, and a term
// wider than room further into its factors. It writes in p.buf from
// start on, and leaves it there.
func (p *printer) sumPieces(sum *expr.AddExpr, room float64, start int) []piece {
	var out []piece
	for i, t := range p.cfg.layout.SumOrder(sum) {
		p.buf = p.buf[:start]
		p.sumTerm(i, t)
		text := string(p.buf[start:])
		if width(text) > room {
			if fs := p.productPieces(t, i, room, start); fs != nil {
				fs[0].first = true
				fs[len(fs)-1].last = true
				out = append(out, fs...)
				continue
			}
		}
		out = append(out, piece{text: text})
	}
	p.buf = p.buf[:start]
	return out
}

// productPieces splits a product (the i-th term of a sum, or the whole
// when i < 0) into its factors, the sign and a fraction of its number
// over the denominator with the first, and a factor that is a sum wider
// than room into its terms, in \Bigl( \Bigr); nil when its numerator has
// fewer than two factors to break between. It writes in p.buf from start
// on, and leaves it there.
func (p *printer) productPieces(t expr.Expr, i int, room float64, start int) []piece {
	neg, num, den := p.cfg.layout.NumDen(t)
	if len(num) < 2 {
		return nil
	}
	p.buf = p.buf[:start]
	switch {
	case neg && i > 0:
		p.str(" - ")
	case neg:
		p.str("-")
	case i > 0:
		p.str(" + ")
	}
	if len(den) > 0 {
		p.str(`\frac{`)
		if n, ok := num[0].(*expr.Number); ok {
			p.number(n)
			num = num[1:]
		} else {
			p.str("1")
		}
		p.str(`}{`)
		p.fracPart(den)
		p.str(`} `)
	}
	lead := string(p.buf[start:])
	var out []piece
	for k, f := range num {
		cont := ""
		if k > 0 {
			cont = ` {}\cdot{} `
		}
		pre := lead // the sign and fraction, before the first factor
		p.buf = append(p.buf[:start], lead...)
		lead = ""
		if sum, ok := f.(*expr.AddExpr); ok {
			p.buf = p.buf[:start]
			p.expr(f, 0)
			if width(string(p.buf[start:])) > room {
				inner := p.sumPieces(sum, room, start)
				inner[0].text = pre + `\Bigl(` + inner[0].text
				inner[0].cont = cont
				inner[len(inner)-1].text += `\Bigr)`
				out = append(out, inner...)
				continue
			}
			p.buf = append(p.buf[:start], pre...)
		}
		after := nothing
		if k < len(num)-1 {
			after = p.follower(num[k+1])
		}
		lo := expr.PrecMul
		if k == 0 && neg && len(den) == 0 {
			lo = expr.PrecUnary
		}
		p.parenthesize(f, lo, after)
		out = append(out, piece{text: string(p.buf[start:]), cont: cont})
	}
	p.buf = p.buf[:start]
	return out
}

// Align wraps rows (for example the output of Chain) in an align*
// environment, one \\ between each two.
func Align(rows ...string) string {
	return `\begin{align*}` + "\n" + strings.Join(rows, `\\`+"\n") + "\n" + `\end{align*}`
}

// Boxed renders the final answer lhs = rhs in a box, as a worked answer
// ends. An answer too wide for the line is boxed on two lines or more:
// the left-hand side, then "= rhs", broken as a chain's states are.
func Boxed(lhs, rhs expr.Expr, opts ...Option) string {
	cfg := newConfig(opts)
	p := newPrinter(cfg, lhs, rhs)
	l, r := p.render(lhs), p.render(rhs)
	if width(l)+width(r)+2 <= cfg.lineWidth {
		p.buf = append(p.buf[:0], `\boxed{`+l+" = "+r+`}`...)
		return p.done()
	}
	p.buf = append(p.buf[:0], `\boxed{\begin{aligned}& `...)
	// The box's frame and the = take room of their own.
	p.broken(lhs, cfg.lineWidth-6)
	p.str(`\\*` + "\n" + `&= `)
	p.broken(rhs, cfg.lineWidth-8)
	p.str(`\end{aligned}}`)
	return p.done()
}
