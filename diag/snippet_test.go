package diag

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSnippetEscapes: a snippet shows what a terminal would act on as
// escapes, and the caret stays under its character after them.
func TestSnippetEscapes(t *testing.T) {
	assert.Equal(t, "a\\x1b[2Jb)\n         ^", Snippet("a\x1b[2Jb)", 7))
	assert.Equal(t, "\\u202ex)\n       ^", Snippet("\u202ex)", 3))
	assert.Equal(t, "\\xffx\n    ^", Snippet("\xffx", 2))
	assert.Equal(t, "\there\n\t^", Snippet("\there", 2))
}
