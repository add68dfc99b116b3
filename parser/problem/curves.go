package problem

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/curves"
)

// A curves problem: curves overfitting (or healthy, diverging, ...),
// optionally with seed N: the loss curves of that case, generated with
// a fixed seed, drawn and diagnosed. A problem file never names a log on
// the machine: what a stranger's file may read is nothing.

var argCurves = &argKind{what: "a case of loss curve (" + caseList() + "), and optionally , seed N", read: readCurves}

func caseList() string {
	names := make([]string, len(curves.Cases))
	for i, c := range curves.Cases {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// readCurves reads a case name and an optional seed.
func readCurves(c *converter, s *Statement, _ lexer.Token) {
	parts := c.list(piece{s.Text, s.ArgPos}, "a case")
	if len(parts) == 0 {
		return
	}
	name := parts[0].text
	known := false
	for _, k := range curves.Cases {
		known = known || k.Name == name
	}
	if !known {
		c.errorf(parts[0].pos, "no case of loss curve is called %q: one of %s", name, caseList())
		return
	}
	s.Names = []string{name}
	s.Seed = 1
	for _, p := range parts[1:] {
		key, val, _ := strings.Cut(p.text, " ")
		n, err := strconv.ParseUint(strings.TrimSpace(val), 10, 64)
		if key != "seed" || err != nil {
			c.errorf(p.pos, "after the case comes seed N, a whole number, not %q", p.text)
			return
		}
		s.Seed = n
	}
}
