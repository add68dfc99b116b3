package suggest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "", 3}, {"kitten", "sitten", 1},
		{"quesiton", "question", 1}, // a swap of neighbours is one edit
		{"dif", "diff", 1}, {"frac", "farc", 1}, {"abc", "cba", 2},
	} {
		assert.Equal(t, tc.want, editDistance(tc.a, tc.b), "%q %q", tc.a, tc.b)
		assert.Equal(t, tc.want, editDistance(tc.b, tc.a), "symmetric")
	}
}

func TestNearest(t *testing.T) {
	known := []string{"textbf", "textit", "frac", "sqrt", "begin"}
	assert.Equal(t, "textbf", Nearest("textbff", known))
	assert.Equal(t, "frac", Nearest("farc", known))
	assert.Equal(t, "", Nearest("fr", known), "two edits in two letters is a guess, not a suggestion")
	assert.Equal(t, "", Nearest("input", known))
	assert.Equal(t, "", Nearest(strings.Repeat("a", 100), known), "long words are not compared")
}
