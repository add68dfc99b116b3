package problem

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// FuzzParse checks, for any input, that Parse neither panics (a recovered
// panic surfaces as a diag.Internal error) nor misplaces an error: every
// position must agree with its byte offset, and the errors come in source
// order. A file that parses must be one the solver can use. The seeds in
// testdata/fuzz/FuzzParse run with go test.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse("fuzz.drv", src)
		if err != nil {
			checkErrors(t, src, err)
			_, again := Parse("fuzz.drv", src)
			if again == nil || again.Error() != err.Error() {
				t.Fatalf("a second parse reports differently:\n%v\nthen\n%v", err, again)
			}
			return
		}
		checkFile(t, src, file)
	})
}

func checkErrors(t *testing.T, src string, err error) {
	var list diag.List
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %T %v is not a non-empty diag.List", err, err)
	}
	if len(list) > MaxErrors+1 {
		t.Fatalf("%d errors, more than %d", len(list), MaxErrors+1)
	}
	for i, e := range list {
		if e.Kind == diag.Internal {
			t.Fatalf("%v", e)
		}
		if e.Msg == "" {
			t.Fatalf("error without a message at %v", e.Pos)
		}
		checkPos(t, src, e.Pos, e.Error())
		if want := lineAt(src, e.Pos.Offset); e.Src != want {
			t.Fatalf("%v: Line is %q, the source line is %q", e, e.Src, want)
		}
		_ = e.Snippet()
		if i > 0 && list[i-1].Pos.Offset > e.Pos.Offset {
			t.Fatalf("errors out of order: %v before %v", list[i-1], e)
		}
	}
}

// checkPos checks that p's line and column are those of its offset.
func checkPos(t *testing.T, src string, p diag.Pos, what string) {
	if p.File != "fuzz.drv" {
		t.Fatalf("%s: filename %q", what, p.File)
	}
	if p.Offset < 0 || p.Offset > len(src) {
		t.Fatalf("%s: offset %d outside the source of %d bytes", what, p.Offset, len(src))
	}
	before := src[:p.Offset]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	if p.Line != line || p.Col != col {
		t.Fatalf("%s: position %d:%d, but offset %d is at %d:%d", what, p.Line, p.Col, p.Offset, line, col)
	}
}

// lineAt is the source line holding offset, without its line break.
func lineAt(src string, off int) string {
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	return strings.TrimSuffix(src[start:end], "\r")
}

// checkFile checks what a solver relies on in a file that parsed.
func checkFile(t *testing.T, src string, f *File) {
	if f.Precision < 0 || f.Precision > 12 || f.Options == nil || len(f.Problems) > MaxProblems {
		t.Fatalf("bad file settings: %+v", f)
	}
	for _, p := range f.Problems {
		checkPos(t, src, p.Pos, "problem")
		if statementByKey[p.Kind] == nil || !statementByKey[p.Kind].kind {
			t.Fatalf("problem %q has kind %q", p.Title, p.Kind)
		}
		kinds := 0
		for _, s := range p.Statements {
			checkPos(t, src, s.Pos, s.Key)
			checkPos(t, src, s.ArgPos, s.Key+" argument")
			def := statementByKey[s.Key]
			if def == nil {
				t.Fatalf("unknown statement %q kept", s.Key)
			}
			if def.kind {
				kinds++
			}
			switch s.Key {
			case "diff", "simplify", "eval":
				if s.Expr == nil && s.Tensor == nil {
					t.Fatalf("%s without its term", s.Key)
				}
			case "mle":
				if s.Density == nil || s.Expr != s.Density.Body {
					t.Fatalf("mle without its density")
				}
			case "wrt":
				if len(s.Names) == 0 || len(s.Names) != len(s.Terms) {
					t.Fatalf("wrt names %v, terms %v", s.Names, s.Terms)
				}
				for _, v := range s.Terms {
					if !expr.DependsOn(p.Statement("diff").Expr, v) {
						t.Fatalf("wrt %v does not occur in diff", v)
					}
				}
			case "given":
				for _, b := range s.Bindings {
					checkPos(t, src, b.Pos, "binding "+b.Name)
					if b.Value.Len() == 0 {
						t.Fatalf("binding %s without its value", b.Name)
					}
				}
			}
		}
		if kinds != 1 {
			t.Fatalf("problem %q has %d kind statements", p.Title, kinds)
		}
		checkIndices(t, p)
	}
	for _, w := range f.Warnings {
		checkPos(t, src, w.Pos, "warning "+w.Msg)
		if w.Kind != diag.Warning {
			t.Fatalf("warning %q of kind %d", w.Msg, w.Kind)
		}
	}
}

// checkIndices checks that each name takes one number of indices across
// the problem: its given's rank, and in every term.
func checkIndices(t *testing.T, p *Problem) {
	count := map[string]int{}
	see := func(name string, n int, where string) {
		if k, ok := count[name]; ok && k != n {
			t.Fatalf("%s takes %d indices and %d (%s)", name, k, n, where)
		}
		count[name] = n
	}
	for _, s := range p.Statements {
		for _, b := range s.Bindings {
			see(b.Name, b.Value.Rank(), "given")
		}
	}
	for _, s := range p.Statements {
		for _, x := range append([]expr.Expr{s.Expr}, s.Terms...) {
			if x == nil {
				continue
			}
			expr.Inspect(x, func(y expr.Expr) bool {
				switch y := y.(type) {
				case *expr.Symbol:
					if !expr.IsConstantSymbol(y) {
						see(y.Name(), 0, s.Key)
					}
				case *expr.Indexed:
					see(y.Name(), len(y.Index()), s.Key)
				}
				return true
			})
		}
	}
}
