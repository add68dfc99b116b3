package solve_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSubstitutionOption: a handout writes a long compound derivative
// through its inner function by default (the logistic loss: let z =
// w x + b), a short one directly, and the substitution option turns it
// on for every derivative with an inner function, or off.
func TestSubstitutionOption(t *testing.T) {
	const loss = "problem \"Loss\" {\n    diff -(y log(1/(1 + exp(-(w x + b)))) + (1 - y) log(1 - 1/(1 + exp(-(w x + b)))))\n    wrt w\n}\n"
	const softplus = "problem \"Softplus\" {\n    diff log(1 + exp(w x + b))\n    wrt w\n}\n"
	let := "Let $z = w x + b$."
	for _, tc := range []struct {
		name, src string
		want      bool
	}{
		{"a long one by default", loss, true},
		{"a short one by default", softplus, false},
		{"off", "option substitution = off\n" + loss, false},
		{"on", "option substitution = on\n" + softplus, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tex := solveSource(t, "p.drv", tc.src).LaTeX(true)
			assert.Equal(t, tc.want, strings.Contains(tex, let), tex)
		})
	}
}
