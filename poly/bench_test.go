package poly_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/poly"
)

// benchInputs reads testdata/bench.txt, which bench/poly.py reads too, so
// that SymPy times the same polynomials.
func benchInputs(b testing.TB) map[string]expr.Expr {
	f, err := os.Open("testdata/bench.txt")
	require.NoError(b, err)
	defer f.Close()
	out := map[string]expr.Expr{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, src, _ := strings.Cut(line, " ")
		out[name] = parse(b, src)
	}
	require.NoError(b, sc.Err())
	return out
}

// BenchmarkExpand is (x + y + z + 1)^20 expanded, from the term to the
// term (1771 terms).
func BenchmarkExpand(b *testing.B) {
	x := parse(b, "(x + y + z + 1)^20")
	for b.Loop() {
		if _, err := poly.Expand(ctx, x); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExpandPoly is the same power on polynomials, without the terms.
func BenchmarkExpandPoly(b *testing.B) {
	p := toPoly(b, "x + y + z + 1")
	for b.Loop() {
		if _, err := poly.Pow(ctx, p, 20); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGCD is the GCD of a c and b c for random trivariate a, b, c.
func BenchmarkGCD(b *testing.B) {
	in := benchInputs(b)
	ps, err := poly.FromExprs(ctx, in["gcd_a"], in["gcd_b"])
	require.NoError(b, err)
	for b.Loop() {
		if _, err := poly.GCDPoly(ctx, ps[0], ps[1]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFactor factors the product of four random univariate
// polynomials of degrees 3 to 9.
func BenchmarkFactor(b *testing.B) {
	in := benchInputs(b)
	p, err := poly.FromExpr(ctx, in["factor"])
	require.NoError(b, err)
	for b.Loop() {
		if _, _, err := poly.FactorList(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchInputs checks the benchmarks' answers: c divides the GCD of
// a c and b c, and the product factors into SymPy's five irreducibles.
func TestBenchInputs(t *testing.T) {
	in := benchInputs(t)
	ps, err := poly.FromExprs(ctx, in["gcd_a"], in["gcd_b"], in["gcd_c"])
	require.NoError(t, err)
	g, err := poly.GCDPoly(ctx, ps[0], ps[1])
	require.NoError(t, err)
	_, err = poly.Quo(ctx, g, ps[2])
	require.NoError(t, err)
	p, err := poly.FromExpr(ctx, in["factor"])
	require.NoError(t, err)
	_, fs, err := poly.FactorList(ctx, p)
	require.NoError(t, err)
	require.Len(t, fs, 5)
}
