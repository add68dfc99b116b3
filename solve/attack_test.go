package solve_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
)

// The attack suite runs every hostile problem file of testdata/attacks
// the way `derivtex solve FILE -o handout.tex --pdf` would, and checks
// that none got anywhere: pdflatex ended within its time limit, no trace
// of a canary file outside the output folder shows in the PDF, its
// streams or the output folder, nothing was written outside the output
// folder, and the PDF holds no action, script, link, annotation or
// embedded file. Each file is one attack; its first lines say what it
// tries and what should become of it:
//
//	# attack: what the file tries
//	# expect: refused | compiles | any
//	# limit: 3s (optional: pdflatex's time limit, for attacks that loop)
//
// refused: the problem language's checker must refuse the file; if it
// does not, the test fails and says which later layer stopped the attack.
// compiles: the file is legitimate (names that are TeX words, say) and
// must typeset. any: either is fine, as long as the attack gets nowhere.
//
// In an attack, {{CANARY}} is the canary's path without extension (add
// .tex, .txt, .pdf), {{CANARYREL}} the same by ../ from the scratch
// folder, {{WATCH}} and {{WATCHREL}} the watched folder; {{NUL}}, {{ESC}},
// {{FF}}, {{DEL}}, {{RLO}}, {{PDF}}, {{LRI}}, {{PDI}} stand for control
// and bidi characters, kept out of the files themselves.

// attack is one file of the corpus.
type attack struct {
	name, what, expect string
	source             string
	// limit is pdflatex's time limit: short for the attacks that loop, so
	// the suite stays fast, and the default for the others, so that a
	// busy machine does not time out a handout that merely typesets.
	limit time.Duration
}

// outcome is what became of an attack.
type outcome struct {
	layer  string // what stopped it, or noEffect
	detail string // how: the error that stopped it
	worked string // what the attack achieved, "" for nothing
}

var characters = strings.NewReplacer(
	"{{NUL}}", "\x00", "{{ESC}}", "\x1b", "{{FF}}", "\f", "{{DEL}}", "\x7f",
	"{{RLO}}", "\u202e", "{{PDF}}", "\u202c", "{{LRI}}", "\u2066", "{{PDI}}", "\u2069",
)

func readAttacks(t *testing.T) []attack {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "attacks", "*.drv"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	var out []attack
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		a := attack{name: strings.TrimSuffix(filepath.Base(p), ".drv"), source: string(b), limit: solve.DefaultPDFTimeout}
		for _, line := range strings.Split(a.source, "\n") {
			if v, ok := strings.CutPrefix(line, "# attack: "); ok {
				a.what = v
			}
			if v, ok := strings.CutPrefix(line, "# expect: "); ok {
				a.expect = v
			}
			if v, ok := strings.CutPrefix(line, "# limit: "); ok {
				a.limit, err = time.ParseDuration(v)
				require.NoError(t, err, "%s: '# limit:'", p)
			}
		}
		require.NotEmpty(t, a.what, "%s: no '# attack:' line", p)
		require.Contains(t, []string{"refused", "compiles", "any"}, a.expect, "%s: '# expect:' must be refused, compiles or any", p)
		out = append(out, a)
	}
	return out
}

func TestAttacks(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	attacks := readAttacks(t)
	outcomes := make([]outcome, len(attacks))
	start := time.Now()
	t.Run("attack", func(t *testing.T) {
		for i, a := range attacks {
			t.Run(a.name, func(t *testing.T) {
				t.Parallel()
				outcomes[i] = runAttack(t, a)
			})
		}
	})
	// Which layer stopped what.
	byLayer := map[string][]string{}
	for i, a := range attacks {
		byLayer[outcomes[i].layer] = append(byLayer[outcomes[i].layer], a.name)
	}
	var layers []string
	for l := range byLayer {
		layers = append(layers, l)
	}
	sort.Strings(layers)
	var report strings.Builder
	fmt.Fprintf(&report, "%d attacks in %s:\n", len(attacks), time.Since(start).Round(time.Millisecond))
	for _, l := range layers {
		fmt.Fprintf(&report, "  %s (%d): %s\n", l, len(byLayer[l]), strings.Join(byLayer[l], ", "))
	}
	t.Log(report.String())
}

// runAttack runs one attack through parser, solver and pdflatex and
// checks what it left behind.
func runAttack(t *testing.T, a attack) outcome {
	c := newCanary(t)
	src := characters.Replace(c.expand(a.source))
	out := realTempDir(t)
	var o outcome
	defer func() {
		switch {
		case o.worked != "":
			t.Errorf("THE ATTACK WORKED (%s): %s; stopped by: %s: %s", a.what, o.worked, o.layer, o.detail)
		case a.expect == "refused" && o.layer == noEffect:
			t.Errorf("the parser accepts this attack (%s); it typeset and left no trace, "+
				"but the allowlist (parser/texcheck) should refuse it", a.what)
		case a.expect == "refused" && o.layer != "the parser":
			t.Errorf("the parser accepts this attack (%s); %s stopped it instead: %s, "+
				"but the allowlist (parser/texcheck) should refuse it", a.what, o.layer, o.detail)
		case a.expect == "compiles" && o.layer != noEffect:
			t.Errorf("a legitimate file did not typeset (%s): %s: %s", a.what, o.layer, o.detail)
		default:
			t.Logf("%s: %s", o.layer, o.detail)
		}
	}()

	f, err := problem.Parse(a.name+".drv", src)
	if err != nil {
		first, _, _ := strings.Cut(err.Error(), "\n")
		o.layer, o.detail = "the parser", first
		return o
	}
	d, err := solve.File(t.Context(), f)
	if err != nil {
		o.layer, o.detail = "the solver", err.Error()
		return o
	}
	tex, m := d.LaTeXWithMap(false)
	texPath, pdfPath := filepath.Join(out, "handout.tex"), filepath.Join(out, "handout.pdf")
	require.NoError(t, os.WriteFile(texPath, []byte(tex), 0o644))
	err = solve.CompilePDF(tex, pdfPath, solve.PDFOptions{Timeout: a.limit, Map: m})
	o.layer, o.detail = compileLayer(err)

	var worked []string
	// (a) pdflatex ended: CompilePDF returned, by its time limit at the
	// latest (how long that took is not asserted: a loaded machine is
	// slow). (b) no canary was read: not in the PDF, its streams, its text, the
	// output folder or the error.
	pdf, _ := os.ReadFile(pdfPath)
	if where := c.leaks(t, pdf, out); where != "" {
		worked = append(worked, "the canary was read, it shows in "+where)
	}
	if err != nil && strings.Contains(err.Error(), c.marker) {
		worked = append(worked, "the canary was read, it shows in the error")
	}
	// (c) nothing was written outside the output folder, and inside only
	// the handout.
	if w := c.written(t); len(w) > 0 {
		worked = append(worked, fmt.Sprintf("files were written to the watched folder: %v", w))
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.Name() != "handout.tex" && e.Name() != "handout.pdf" {
			worked = append(worked, "a stray file in the output folder: "+e.Name())
		}
	}
	// (d) the PDF holds nothing that acts.
	if len(pdf) > 0 {
		if keys := activeContent(pdf); len(keys) > 0 {
			worked = append(worked, fmt.Sprintf("the PDF holds %v", keys))
		}
	}
	o.worked = strings.Join(worked, "; ")
	return o
}

// noEffect is the outcome of a file that typeset and left no trace: a
// legitimate file, or an attack that did nothing.
const noEffect = "none needed: it typeset, leaving no trace"

// compileLayer names the layer that CompilePDF's error says stopped an
// attack, and how.
func compileLayer(err error) (layer, detail string) {
	var (
		le *solve.LaTeXError
		te *solve.TimeoutError
		ol *solve.OutputLimitError
		ae *solve.ActiveContentError
	)
	switch {
	case err == nil:
		return noEffect, ""
	case errors.As(err, &te):
		return "the time limit", err.Error()
	case errors.As(err, &ae):
		return "the PDF check", strings.Join(ae.Names, ", ")
	case errors.As(err, &ol):
		return "the output limit", err.Error()
	case errors.As(err, &le):
		msg := le.Msg
		switch {
		case strings.Contains(msg, "Permission denied"):
			return "Landlock", msg
		case strings.Contains(msg, "can't write on file"), strings.Contains(msg, "not found"),
			strings.Contains(msg, "can't find file"), strings.Contains(msg, "cannot find image"),
			strings.Contains(msg, "cannot open file"):
			return "kpathsea's paranoid mode", msg
		}
		return "a LaTeX error", msg
	}
	return "another error", err.Error()
}
