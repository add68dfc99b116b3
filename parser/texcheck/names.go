package texcheck

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/diag"
)

// Arguments that are not text are read whole, as the characters between
// the braces, and checked against a grammar of their own: a dimension, an
// operator name, a column specification, a count, a range of columns, an
// environment name.

// nameArgument reads an argument that is a name, a number or a
// specification rather than text.
func (c *checker) nameArgument(a argKind, t token) {
	raw, at, ok := c.braced(t)
	if !ok {
		return
	}
	switch a {
	case argDim:
		c.checkDim(show(t), raw, at)
	case argOpName:
		if !opName.MatchString(raw) || !strings.ContainsAny(raw, letters) {
			c.errorf(at, `%s needs a name of letters, such as {softmax} or {arg\,max}, found %s`, show(t), diag.Quote(raw))
		}
	case argCount:
		if n, err := strconv.Atoi(strings.TrimSpace(raw)); err != nil || n < 1 || n > 99 {
			c.errorf(at, "%s needs a number of columns from 1 to 99, found %s", show(t), diag.Quote(raw))
		}
	case argColumn:
		c.checkColumns(show(t), raw, at, true)
	case argRange:
		m := columnRange.FindStringSubmatch(raw)
		if m == nil || atoi(m[1]) > atoi(m[2]) {
			c.errorf(at, "%s needs a range of columns such as {2-3}, found %s", show(t), diag.Quote(raw))
		}
	default:
		panic("texcheck: no reader for argument " + string(rune(a)))
	}
}

// braced reads {...} after the command t, as raw text: where it starts,
// and ok false when no "{" follows.
func (c *checker) braced(t token) (raw string, at int, ok bool) {
	c.skipSpaces()
	if c.tok.kind != tOpen {
		c.errorf(c.tok.at, "%s needs {...} here", show(t))
		return "", 0, false
	}
	open := c.tok.at
	end := c.closing(c.pos, '}')
	if end < 0 {
		c.fatalf(open, `unclosed "{": every "{" needs its "}" in the same text`)
	}
	raw, at = c.src[c.pos:end], c.pos
	c.pos = end + 1
	c.next()
	return raw, at, true
}

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

var (
	// opName is the name of \operatorname: letters, digits, spaces and
	// hyphens, and thin spaces \, \: \; \!.
	opName = regexp.MustCompile(`^(?:[A-Za-z0-9 \-]|\\[,:;!])+$`)
	// columnRange is the argument of \cline.
	columnRange = regexp.MustCompile(`^\s*([1-9][0-9]?)\s*-\s*([1-9][0-9]?)\s*$`)
	// dimension is a plain TeX dimension: a number and a unit, without
	// the glue (plus, minus) and the true units TeX would also read.
	dimension = regexp.MustCompile(`^\s*([+-]?)\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*(pt|mm|cm|in|em|ex|bp|pc|dd|cc|sp)\s*$`)
)

// maxDimension bounds a dimension, in points. TeX's own limit is 16383pt;
// a page is about 800pt.
const maxDimension = 1000

// unitPoints are the sizes of the units in points; em and ex are those of
// the largest font a handout uses for text, generously.
var unitPoints = map[string]float64{
	"pt": 1, "mm": 72.27 / 25.4, "cm": 72.27 / 2.54, "in": 72.27, "bp": 72.27 / 72, "pc": 12,
	"dd": 1238.0 / 1157, "cc": 12 * 1238.0 / 1157, "sp": 1.0 / 65536, "em": 12, "ex": 6,
}

// checkDim checks raw, which starts at offset at, as the dimension of
// what.
func (c *checker) checkDim(what, raw string, at int) {
	m := dimension.FindStringSubmatch(raw)
	if m == nil {
		c.errorf(at, "%s needs a dimension such as 1em, 2.5pt or -3mm, found %s", what, diag.Quote(raw))
		return
	}
	v, err := strconv.ParseFloat(m[2], 64)
	if err != nil || v*unitPoints[m[3]] > maxDimension {
		c.errorf(at, "%s: %s is too large; a dimension may be at most %dpt (about 35cm)", what, diag.Quote(strings.TrimSpace(raw)), maxDimension)
	}
}

// checkColumns checks raw, which starts at offset at, as the column
// specification of what: l, c, r, | and p{DIM}, with spaces between; one
// column exactly when one is set, else at least one.
func (c *checker) checkColumns(what, raw string, at int, one bool) {
	columns := 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case ' ', '\t', '\n', '|':
		case 'l', 'c', 'r':
			columns++
		case 'p':
			columns++
			j := i + 1
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\n') {
				j++
			}
			end := strings.IndexByte(raw[j:], '}')
			if j == len(raw) || raw[j] != '{' || end < 0 {
				c.errorf(at+i, "%s: p needs a width, such as p{3cm}", what)
				return
			}
			c.checkDim(what+" p{...}", raw[j+1:j+end], at+j+1)
			i = j + end
		default:
			c.errorf(at+i, "%s: %s is not allowed in a column specification; use l, c, r, | and p{width}", what, diag.Quote(raw[i:i+1]))
			return
		}
	}
	switch {
	case one && columns != 1:
		c.errorf(at, "%s needs the specification of one column, such as {c} or {|l|}, found %s", what, diag.Quote(raw))
	case columns == 0:
		c.errorf(at, "%s needs at least one column, such as {lc} or {|c|c|}", what)
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
