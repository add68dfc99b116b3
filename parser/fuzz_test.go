package parser

import (
	"strings"
	"testing"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
)

// FuzzParse feeds arbitrary text to every entry point. None may panic, and
// any term read must print, with expr.Plain, to text that reads back to
// the same term; any value read must print, with its String method, to
// text that reads back to the same value. The seeds in
// testdata/fuzz/FuzzParse run with go test.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		_, _ = ParseDensity(src)
		_, _, _ = ParseEquation(src)
		_, _ = ParseVariable(src)
		checkValue(t, src)
		checkNetwork(t, src)
		x, err := Parse(src)
		if err != nil {
			e, ok := err.(*diag.Error)
			if !ok || e.Kind == diag.Internal {
				t.Fatalf("%q: %T: %v", src, err, err)
			}
			_ = e.Snippet()
			return
		}
		printed := expr.Plain(x)
		y, err := Parse(printed)
		if err != nil {
			if nearFoldLimit(x) && strings.HasSuffix(err.Error(), "number too large") {
				t.Skip("numbers within a factor of two of MaxFoldBits: the estimate may differ on re-reading")
			}
			t.Fatalf("%q parsed to %s, which does not parse: %v", src, printed, err)
		}
		if x != y {
			t.Fatalf("%q parsed to %s, which reads back as %s", src, printed, expr.Plain(y))
		}
		checkLayout(t, src, x)
	})
}

// checkLayout reads src with its layout, which must build the term Parse
// built, and prints it as written and in display order: both must read
// back to that term.
func checkLayout(t *testing.T, src string, x expr.Expr) {
	y, _, l, err := ParseLayout("", src)
	if err != nil || y != x {
		t.Fatalf("%q: ParseLayout gives %v, %v; Parse gives %s", src, y, err, x)
	}
	for _, written := range []bool{true, false} {
		printed := expr.PlainLayout(x, l, written, nil, nil)
		z, err := Parse(printed)
		if err != nil {
			if nearFoldLimit(x) && strings.HasSuffix(err.Error(), "number too large") {
				continue
			}
			t.Fatalf("%q printed as %q, which does not parse: %v", src, printed, err)
		}
		if z != x {
			t.Fatalf("%q printed as %q (as written: %v), which reads back as %s", src, printed, written, z)
		}
	}
}

// nearFoldLimit reports whether the numbers of x come within a factor of
// two of MaxFoldBits, where the folding estimate of the printed form may
// exceed the limit although that of the original did not.
func nearFoldLimit(x expr.Expr) bool {
	total := 0
	expr.Inspect(x, func(y expr.Expr) bool {
		if n, ok := y.(*expr.Number); ok {
			total += n.Bits()
		}
		return true
	})
	return 2*total > MaxFoldBits
}

// checkValue reads src as a value, and the value's print back.
func checkValue(t *testing.T, src string) {
	v, err := ParseValue(src)
	if err != nil {
		if e, ok := err.(*diag.Error); !ok || e.Kind == diag.Internal {
			t.Fatalf("value %q: %T: %v", src, err, err)
		}
		return
	}
	printed := v.String()
	w, err := ParseValue(printed)
	if err != nil {
		for _, x := range v.Entries() {
			if nearFoldLimit(x) && strings.HasSuffix(err.Error(), "number too large") {
				return
			}
		}
		t.Fatalf("value %q printed as %s, which does not parse: %v", src, printed, err)
	}
	if !v.Equal(w) {
		t.Fatalf("value %q printed as %s, which reads back as %s", src, printed, w)
	}
}

// checkNetwork reads src as a network, and each assignment printed back
// (network.Format), which must print the same again.
func checkNetwork(t *testing.T, src string) {
	p, err := ParseNetwork("", src)
	if err != nil {
		for _, e := range diag.ListOf(err) {
			if e.Kind == diag.Internal {
				t.Fatalf("network %q: %v", src, e)
			}
		}
		return
	}
	for _, a := range p.Assignments {
		printed := a.Name + " = " + network.Format(a.Expr)
		q, err := ParseNetwork("", printed)
		if err != nil {
			if strings.HasSuffix(err.Error(), "number too large") {
				continue
			}
			t.Fatalf("network %q printed as %q, which does not parse: %v", src, printed, err)
		}
		if again := a.Name + " = " + network.Format(q.Assignments[0].Expr); again != printed {
			t.Fatalf("network %q printed as %q, which reads back as %q", src, printed, again)
		}
	}
}
