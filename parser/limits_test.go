package parser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/derivtex/derivtex/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseQuickly parses src and fails the test if that takes longer than a
// generous bound: every limit must make hostile input fail fast.
func parseQuickly(t *testing.T, src string) error {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := Parse(src)
		done <- err
	}()
	select {
	case err := <-done:
		t.Logf("%d bytes in %v", len(src), time.Since(start))
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("parsing %d bytes took more than 10s", len(src))
		return nil
	}
}

// TestLimits feeds hostile input: each must come back as a positioned
// error, quickly, without a panic or a stack overflow.
func TestLimits(t *testing.T) {
	var primes []string
	for p := 2; len(primes) < 20000; p++ {
		prime := true
		for d := 2; d*d <= p; d++ {
			if p%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			primes = append(primes, fmt.Sprintf("x/%d", p))
		}
	}
	tests := []struct {
		name, src, want string
	}{
		{"20000 parentheses", strings.Repeat("(", 20000) + "x" + strings.Repeat(")", 20000),
			fmt.Sprintf("1:%d: nesting deeper than %d", MaxDepth+1, MaxDepth)},
		{"nested calls past the limit", strings.Repeat("sin(", 2*MaxDepth) + "x" + strings.Repeat(")", 2*MaxDepth),
			fmt.Sprintf("1:%d: nesting deeper than %d", 4*MaxDepth+1, MaxDepth)},
		{"abs bars", strings.Repeat("|", 2*MaxDepth) + "x" + strings.Repeat("|", 2*MaxDepth),
			fmt.Sprintf("1:%d: nesting deeper than %d", MaxDepth+1, MaxDepth)},
		{"unary minus", strings.Repeat("-", 2*MaxDepth) + "x", fmt.Sprintf("1:%d: nesting deeper than %d", MaxDepth+1, MaxDepth)},
		{"powers", strings.Repeat("x^", 2*MaxDepth) + "x", fmt.Sprintf("1:%d: nesting deeper than %d", 2*MaxDepth+1, MaxDepth)},
		{"indices", strings.Repeat("x[", 2*MaxDepth) + "i" + strings.Repeat("]", 2*MaxDepth),
			fmt.Sprintf("1:%d: nesting deeper than %d", 2*MaxDepth+1, MaxDepth)},
		{"one operand too many", strings.Repeat("x+", MaxNodes/2) + "x",
			"1:100001: expression too large: more than 100000 operands and operators"},
		{"input over 1 MiB", "x" + strings.Repeat(" ", MaxInputBytes), "1:1: input larger than 1 MiB"},
		{"huge exponent", "1e999999999", "1:1: number too large"},
		{"long exponent", "2e-10000000000000000000001", "1:1: number too large"},
		{"too many digits", strings.Repeat("7", MaxLiteralDigits+1), "1:1: number too large"},
		{"exponent over the limit", "1e1001", "1:1: number too large"},
		{"product of big powers", strings.Repeat("2^8000*", 200) + "2", "1:7: number too large"},
		{"product of factorials", strings.Repeat("factorial(1000)*", 100) + "1", "1:16: number too large"},
		{"distributed into a sum", strings.Repeat("2^8000*(", 50) + "x + 1" + strings.Repeat(")", 50),
			"1:335: number too large"},
		{"tower of exponents", strings.Repeat("(", 500) + "x" + strings.Repeat("^(2^8000))", 500),
			"1:582: number too large"},
		{"denominators that multiply", strings.Join(primes, " + "), "1:5: number too large"},
		{"many products near the limit",
			strings.Repeat("2^8000*3^5000*5^3000*7^2800*11^2500*13^2200*17^1900*19^1800 + ", 3000) + "1",
			"1:4099: too much arithmetic on large numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := parseQuickly(t, tt.src)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			var e *diag.Error
			require.ErrorAs(t, err, &e)
			assert.NotPanics(t, func() { _ = e.Snippet() })
		})
	}
}

// TestWithinLimits checks that input just inside each limit parses, fast.
func TestWithinLimits(t *testing.T) {
	var fracs []string
	for d := 2; d <= 1000; d++ {
		fracs = append(fracs, fmt.Sprintf("1/%d", d))
	}
	tests := []struct{ name, src string }{
		{"nesting", strings.Repeat("(", MaxDepth-1) + "x" + strings.Repeat(")", MaxDepth-1)},
		{"nested calls", strings.Repeat("sin(", MaxDepth-1) + "x" + strings.Repeat(")", MaxDepth-1)},
		{"operands", strings.Repeat("x+", MaxNodes/2-1) + "x"},
		{"input of 1 MiB", "x" + strings.Repeat(" ", MaxInputBytes-1)},
		{"digits", strings.Repeat("7", MaxLiteralDigits)},
		{"exponent", "1e1000 + 1e-1000 + 2e-000000000000000000001"},
		{"tower", "9^9^9^9"},
		{"power at expr's cap", "2^8000*3^5000"},
		{"harmonic sum", strings.Join(fracs, " + ")},
		{"long linear form", func() string {
			var ts []string
			for k := range 20000 {
				ts = append(ts, fmt.Sprintf("%d*x%d", k+2, k))
			}
			return strings.Join(ts, " + ")
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, parseQuickly(t, tt.src))
		})
	}
}
