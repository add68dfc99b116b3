package latex

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// A golden file is a transcript: for each case a header line
// "== name", a line "plain: ..." with the term in plain syntax (so a
// reviewer can see what was rendered), then the LaTeX up to a blank line.
type golden struct {
	name  string
	plain string
	latex string
}

func (g golden) String() string {
	return "== " + g.name + "\nplain: " + g.plain + "\n" + g.latex + "\n"
}

func goldenPath(file string) string { return filepath.Join("testdata", file+".golden") }

// readGolden parses a golden file into its cases, in order.
func readGolden(t testing.TB, file string) []golden {
	data, err := os.ReadFile(goldenPath(file))
	require.NoError(t, err, "run go test -update to create it")
	var out []golden
	for _, chunk := range strings.Split(string(data), "\n== ")[0:] {
		chunk = strings.TrimPrefix(chunk, "== ")
		chunk = strings.TrimRight(chunk, "\n")
		if chunk == "" {
			continue
		}
		name, rest, _ := strings.Cut(chunk, "\n")
		plainLine, latex, _ := strings.Cut(rest, "\n")
		out = append(out, golden{name: name, plain: strings.TrimPrefix(plainLine, "plain: "), latex: latex})
	}
	return out
}

// checkGolden compares got with the golden file, case by case, or rewrites
// the file under -update.
func checkGolden(t *testing.T, file string, got []golden) {
	t.Helper()
	if *update {
		var b strings.Builder
		for i, g := range got {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(g.String())
		}
		require.NoError(t, os.WriteFile(goldenPath(file), []byte(b.String()), 0o644))
		return
	}
	want := map[string]golden{}
	for _, g := range readGolden(t, file) {
		want[g.name] = g
	}
	assert.Len(t, want, len(got), "golden file %s has other cases; run go test -update", file)
	for _, g := range got {
		t.Run(g.name, func(t *testing.T) {
			w, ok := want[g.name]
			require.True(t, ok, "no golden case %q; run go test -update", g.name)
			assert.Equal(t, w.plain, g.plain, "plain form")
			assert.Equal(t, w.latex, g.latex)
		})
	}
}
