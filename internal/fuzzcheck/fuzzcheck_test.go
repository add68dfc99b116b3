package fuzzcheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBalanced(t *testing.T) {
	for _, tt := range []struct {
		tex, err string
	}{
		{`\frac{1}{x^{2}}`, ""},
		{`\left(x\right)`, ""},
		{`\left\{x\right\}`, ""},
		{`\{(x_i, y_i)\}_{i=1}^{N}`, ""},
		{`a \\ {b}`, ""},
		{`\leftarrow`, ""},
		{`\frac{1}{x`, "1 { not closed"},
		{`x}`, "} without its { at byte 1"},
		{`\left(x`, "1 \\left without its \\right"},
		{`x\right)`, "\\right without its \\left at byte 1"},
		{`\`, ""},
	} {
		t.Run(tt.tex, func(t *testing.T) {
			err := Balanced(tt.tex)
			if tt.err == "" {
				assert.NoError(t, err)
			} else {
				assert.EqualError(t, err, tt.err)
			}
		})
	}
}
