package check

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/equiv"
	"github.com/derivtex/derivtex/parser"
)

// corpusFile is a derivation of testdata/check with its headers: # assume:,
// # wrt:, # slip: LINE KIND (a planted slip), # expect: correct | wrong
// LINE | conditions LINE (the held-out set's labels).
type corpusFile struct {
	name, src, assume, wrt, expect string
	slipLine                       int
	slipKind                       string
}

func readCorpus(t *testing.T, dir string) []corpusFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "check", dir, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	var out []corpusFile
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		f := corpusFile{name: filepath.Base(p), src: string(b)}
		for _, line := range strings.Split(f.src, "\n") {
			key, val, ok := strings.Cut(strings.TrimPrefix(line, "# "), ": ")
			if !ok || !strings.HasPrefix(line, "# ") {
				continue
			}
			switch key {
			case "assume":
				f.assume = val
			case "wrt":
				f.wrt = val
			case "expect":
				f.expect = val
			case "slip":
				n, kind, _ := strings.Cut(val, " ")
				f.slipLine, _ = strconv.Atoi(n)
				f.slipKind = kind
			}
		}
		out = append(out, f)
	}
	return out
}

func (f corpusFile) check(t *testing.T) *Report {
	t.Helper()
	opt := Options{Syntax: parser.Plain}
	if f.assume != "" {
		as, err := equiv.ParseAssumptions("", f.assume)
		require.NoError(t, err)
		opt.Assume = as
	}
	for _, w := range strings.Split(f.wrt, ",") {
		if w = strings.TrimSpace(w); w != "" {
			opt.Wrt = append(opt.Wrt, w)
		}
	}
	lines, errs := SplitPlain(f.name, f.src)
	require.Empty(t, errs)
	rep, err := Check(context.Background(), lines, opt)
	require.NoError(t, err)
	require.Empty(t, rep.Errors)
	return rep
}

// TestCorrectDerivations: every step of every correct derivation holds.
func TestCorrectDerivations(t *testing.T) {
	for _, f := range readCorpus(t, "correct") {
		t.Run(f.name, func(t *testing.T) {
			rep := f.check(t)
			for _, s := range rep.Steps {
				assert.Contains(t, []equiv.Verdict{equiv.Holds, equiv.HoldsUnder}, s.Verdict, "line %d: %s (%s)", s.Line, s.Verdict, s.Reason)
			}
			assert.Equal(t, -1, rep.FirstWrong)
		})
	}
}

// hintFloor is the share of planted slips whose hint must name the kind.
const hintFloor = 0.8

// TestPlantedSlips: every slip is caught at its line, and the hint names
// its kind often enough; the rate per kind is logged.
func TestPlantedSlips(t *testing.T) {
	named, total := map[string]int{}, map[string]int{}
	for _, f := range readCorpus(t, "slips") {
		require.NotZero(t, f.slipLine, f.name)
		t.Run(f.name, func(t *testing.T) {
			rep := f.check(t)
			require.GreaterOrEqual(t, rep.FirstWrong, 0, "the slip is not caught")
			s := rep.Steps[rep.FirstWrong]
			assert.Equal(t, f.slipLine, s.Line, "caught at the planted line")
			require.NotNil(t, s.Counterexample)
			total[f.slipKind]++
			if s.Kind == f.slipKind {
				named[f.slipKind]++
			} else {
				t.Logf("hint %q (%s), planted %s", s.Hint, s.Kind, f.slipKind)
			}
		})
	}
	kinds := make([]string, 0, len(total))
	all, hit := 0, 0
	for k := range total {
		kinds = append(kinds, k)
		all += total[k]
		hit += named[k]
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.Logf("hint names %-13s %d of %d", k, named[k], total[k])
	}
	t.Logf("hint rate: %d of %d", hit, all)
	assert.GreaterOrEqual(t, float64(hit)/float64(all), hintFloor)
}

// TestHeldOut reports the verdict accuracy on derivations written from
// other sources before the checker was tuned; the floor only guards
// against a collapse.
func TestHeldOut(t *testing.T) {
	right, all := 0, 0
	for _, f := range readCorpus(t, "heldout") {
		rep := f.check(t)
		got := "correct"
		switch {
		case rep.FirstWrong >= 0:
			got = "wrong " + strconv.Itoa(rep.Steps[rep.FirstWrong].Line)
		case rep.Verdict() == equiv.HoldsUnder:
			for _, s := range rep.Steps {
				if s.Verdict == equiv.HoldsUnder {
					got = "conditions " + strconv.Itoa(s.Line)
					break
				}
			}
		case rep.Verdict() == equiv.Undecided:
			got = "undecided"
		}
		all++
		if got == f.expect {
			right++
		} else {
			t.Logf("%s: expected %s, got %s", f.name, f.expect, got)
		}
		if rep.FirstWrong >= 0 {
			s := rep.Steps[rep.FirstWrong]
			t.Logf("%s: line %d, hint %q", f.name, s.Line, s.Kind)
		}
	}
	t.Logf("held-out verdict accuracy: %d of %d", right, all)
	assert.GreaterOrEqual(t, float64(right)/float64(all), 0.7)
}
