package solve_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/internal/pdflatex"
	"github.com/derivtex/derivtex/problems"
)

// overfullBox is pdflatex's warning about a line wider than the page:
// "Overfull \hbox (15.1pt too wide) detected at line 86", or "in
// paragraph at lines 12--14".
var overfullBox = regexp.MustCompile(`Overfull \\hbox \(([0-9.]+)pt too wide\) (?:detected at line|in paragraph at lines|in alignment at lines) ([0-9]+)`)

// TestNoOverfullBoxes typesets the embedded handout, a handout of long
// derivations (testdata/stress.drv) and the course's (testdata/course.drv) and fails on any line that runs more
// than 1pt past the margin: a handout goes out as it is, and TeX only
// warns. Set DERIVTEX_STRESS_PDF to a folder to keep the PDFs for a look.
func TestNoOverfullBoxes(t *testing.T) {
	requireTeX(t)
	for _, tc := range []struct{ name, src string }{
		{problems.MidtermAName, problems.MidtermA},
		{"stress.drv", readFile(t, "testdata/stress.drv")},
		{"course.drv", readFile(t, "testdata/course.drv")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tex := solveSource(t, tc.name, tc.src).LaTeX(false)
			dir := pdflatex.Compile(t, tex)
			if keep := os.Getenv("DERIVTEX_STRESS_PDF"); keep != "" {
				pdf, err := os.ReadFile(filepath.Join(dir, "doc.pdf"))
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(keep, strings.TrimSuffix(tc.name, ".drv")+".pdf"), pdf, 0o644))
			}
			log, err := os.ReadFile(filepath.Join(dir, "doc.log"))
			require.NoError(t, err)
			src := strings.Split(tex, "\n")
			for _, m := range overfullBox.FindAllStringSubmatch(string(log), -1) {
				pt, _ := strconv.ParseFloat(m[1], 64)
				if pt <= 1 {
					continue
				}
				line, _ := strconv.Atoi(m[2])
				from := max(line-3, 0)
				t.Errorf("a line runs %gpt off the page, at line %d of the handout:\n%s", pt, line,
					strings.Join(src[from:min(line, len(src))], "\n"))
			}
		})
	}
}
