package draw

import (
	"strconv"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// How a drawing writes values: an edge has room for a few short entries,
// not for a 16-digit float or a tanh of a tanh.
const (
	// maxShownEntries is the most entries a drawing writes out; a larger
	// value is written as its shape.
	maxShownEntries = 12
	// maxShownChars is the longest an entry is written exactly, in plain
	// syntax; a longer one is written as a decimal.
	maxShownChars = 8
	// shownDigits is how many significant digits such a decimal keeps.
	shownDigits = 3
)

// shown says how a drawing writes an entry of a value: the term itself when
// it is short (1/2, -log(2), pi/2), else its decimal to three significant
// digits ("0.762", "-1.23e-05"), in which case term is nil. An entry
// without a decimal value stays a term, however long.
func shown(x expr.Expr) (term expr.Expr, decimal string) {
	if len(x.String()) <= maxShownChars {
		return x, ""
	}
	v, err := expr.Eval(x, expr.Env{})
	if err != nil {
		return x, ""
	}
	return nil, strconv.FormatFloat(v, 'g', shownDigits, 64)
}

// elided reports whether a drawing writes t as its shape alone: it has
// too many entries to read on an edge, or more than two dimensions.
func elided(t tensor.Tensor) bool {
	return t.Len() > maxShownEntries || t.Rank() > 2
}
