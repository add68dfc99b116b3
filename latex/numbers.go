package latex

import (
	"strconv"

	"github.com/derivtex/derivtex/expr"
)

// number writes an exact rational: -3, \frac{1}{2}, -\frac{3}{4}.
func (p *printer) number(n *expr.Number) {
	if n.Sign() < 0 {
		p.str("-")
	}
	if a, d, ok := n.Small(); ok { // short, so never grouped
		if d == 1 {
			p.buf = strconv.AppendInt(p.buf, max(a, -a), 10)
			return
		}
		p.str(`\frac{`)
		p.buf = strconv.AppendInt(p.buf, max(a, -a), 10)
		p.str("}{")
		p.buf = strconv.AppendInt(p.buf, d, 10)
		p.str("}")
		return
	}
	num := n.Num()
	num.Abs(num)
	if n.IsInt() {
		p.digits(num.String())
		return
	}
	p.str(`\frac{`)
	p.digits(num.String())
	p.str("}{")
	p.digits(n.Den().String())
	p.str("}")
}

// groupDigits is the length past which a number is written in groups of
// three digits, as 1\,000\,000: a long run of digits cannot be read.
const groupDigits = 40

func (p *printer) digits(s string) {
	if m, e, ok := expr.Scientific(s); ok {
		if m != "1" {
			p.digits(m)
			p.str(` \cdot `)
		}
		p.str("10^{" + strconv.Itoa(e) + "}")
		return
	}
	if len(s) <= groupDigits {
		p.str(s)
		return
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			p.str(`\,`)
		}
		p.buf = append(p.buf, s[i])
	}
}
