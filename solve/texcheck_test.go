package solve_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/parser/texcheck"
	"github.com/derivtex/derivtex/solve"
)

// TestAllowedLaTeXCompiles typesets a handout whose strings use every
// command and environment package texcheck allows, each in every place
// and mode it is allowed in, and every non-ASCII character it allows: the
// allowlist may only hold what the handout's preamble compiles.
func TestAllowedLaTeXCompiles(t *testing.T) {
	requireTeX(t)
	var paragraph, titles, author []string
	for _, c := range texcheck.Commands() {
		for _, ctx := range c.Contexts {
			switch ctx {
			case texcheck.Paragraph:
				paragraph = append(paragraph, c.Example)
				if c.Mode == texcheck.Both && !strings.HasPrefix(c.Example, `\begin`) && c.Name != `\` {
					paragraph = append(paragraph, "$"+c.Example+"$")
				}
			case texcheck.Title:
				titles = append(titles, c.Example)
			case texcheck.Author:
				author = append(author, c.Example)
			}
		}
	}
	for _, e := range texcheck.Environments() {
		paragraph = append(paragraph, e.Example)
	}
	var runes strings.Builder
	for _, r := range texcheck.TextRunes() {
		runes.WriteRune(r)
		runes.WriteByte(' ')
	}

	var src strings.Builder
	fmt.Fprintf(&src, "title \"\"\"Every allowed command: %s\"\"\"\n", strings.Join(titles[:10], " "))
	fmt.Fprintf(&src, "author \"\"\"%s\"\"\"\n\n", strings.Join(author[:20], " "))
	for chunk := range slices.Chunk(titles, 20) {
		fmt.Fprintf(&src, "problem \"\"\"%s\"\"\" {\n    simplify x\n}\n\n", strings.Join(chunk, " "))
	}
	fmt.Fprintf(&src, "problem \"Every allowed character\" {\n    question \"\"\"\n%s\n\"\"\"\n    simplify x\n}\n\n", runes.String())
	for chunk := range slices.Chunk(paragraph, 40) {
		fmt.Fprintf(&src, "problem \"Every allowed command\" {\n    question \"\"\"\n%s\n\"\"\"\n    simplify x\n    note \"\"\"\n%s\n\"\"\"\n}\n\n",
			strings.Join(chunk, "\n\n"), strings.Join(chunk, " "))
	}

	d := solveSource(t, "allowed.drv", src.String())
	tex := d.LaTeX(false)
	err := solve.CompilePDF(tex, filepath.Join(t.TempDir(), "allowed.pdf"), solve.PDFOptions{})
	var le *solve.LaTeXError
	if errors.As(err, &le) && le.Line > 0 {
		lines := strings.Split(tex, "\n")
		t.Fatalf("%v:\n%s", err, lines[min(le.Line, len(lines))-1])
	}
	require.NoError(t, err)
}
