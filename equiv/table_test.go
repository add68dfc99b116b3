package equiv

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestIdentityTable: textbook identities and near misses, each with the
// verdict a reader expects.
func TestIdentityTable(t *testing.T) {
	tests := []struct {
		l, r   string
		assume string
		want   Verdict
	}{
		{"sin(x)^2 + cos(x)^2", "1", "", Holds},
		{"sin(2 x)", "2 sin(x) cos(x)", "", Holds},
		{"cos(2 x)", "1 - 2 sin(x)^2", "", Holds},
		{"sin(2 x)", "2 sin(x)", "", Fails},
		{"cosh(x)^2 - sinh(x)^2", "1", "", Holds},
		{"exp(a) exp(b)", "exp(a + b)", "", Holds},
		{"exp(a + b)", "exp(a) + exp(b)", "", Fails},
		{"exp(2 log(x))", "x^2", "", HoldsUnder},
		{"exp(2 log(x))", "x^2", "x > 0", Holds},
		{"log(exp(x))", "x", "", Holds},
		{"sqrt(x) sqrt(y)", "sqrt(x y)", "", HoldsUnder},
		{"sqrt(x y)", "sqrt(x) sqrt(y)", "x > 0, y > 0", Holds},
		{"abs(x y)", "abs(x) abs(y)", "", Holds},
		{"abs(x)", "x", "", HoldsUnder},
		{"abs(x)", "-x", "x < 0", Holds},
		{"1/(1 + exp(-x))", "exp(x)/(1 + exp(x))", "", Holds},
		{"sigmoid(-x)", "1 - sigmoid(x)", "", Holds},
		{"sigmoid(x)", "1 - sigmoid(x)", "", Fails},
		{"log(sigmoid(x))", "-log(1 + exp(-x))", "", Holds},
		{"x^(1/2)", "sqrt(x)", "", Holds},
		{"(x^2)^(1/2)", "abs(x)", "", Holds},
		{"1/(1/x)", "x", "", Holds},
		{"(a^2 - b^2)/(a - b)", "a + b", "", Holds},
		{"(a^3 - b^3)/(a - b)", "a^2 + a b + b^2", "", Holds},
		{"(a^3 - b^3)/(a - b)", "a^2 - a b + b^2", "", Fails},
		{"sum(x[i] + y[i], i, 1, N)", "sum(x[i], i, 1, N) + sum(y[i], i, 1, N)", "", Holds},
		{"sum(c x[i], i, 1, N)", "c sum(x[i], i, 1, N)", "", Holds},
		{"sum(x[i], i, 1, N)^2", "sum(x[i]^2, i, 1, N)", "", Fails},
		{"sum(1, i, 1, N)", "N", "", Holds},
		{"sum(x[i], i, 1, N)", "sum(x[i], i, 1, K)", "", Fails},
		{"sum(sum(W[i, j], j, 1, K), i, 1, N)", "sum(sum(W[i, j], i, 1, N), j, 1, K)", "", Holds},
		{"sum(sum(W[i, j], j, 1, K), i, 1, N)", "sum(sum(W[i, j], i, 1, K), j, 1, N)", "", Fails},
		{"sum(i, i, 1, N)", "N (N + 1)/2", "", Holds},
		{"sum(i, i, 1, N)", "N^2/2", "", Fails},
		{"sum(x[i], i, 1, N)/N", "sum(x[i]/N, i, 1, N)", "", Holds},
		{"log(prod(x[i], i, 1, N))", "sum(log(x[i]), i, 1, N)", "x[i] > 0", Holds},
		{"prod(exp(x[i]), i, 1, N)", "exp(sum(x[i], i, 1, N))", "", Holds},
		{"tanh(x)", "(exp(x) - exp(-x))/(exp(x) + exp(-x))", "", Holds},
		{"tanh(x)", "(exp(x) - exp(-x))/(exp(x) - exp(-x))", "", Fails},
		{"x^2 - 2 x + 1", "(x - 1)^2", "", Holds},
		{"x^2 - 2 x + 1", "(x + 1)^2", "", Fails},
		{"max(x, y)", "(x + y + abs(x - y))/2", "", Holds},
		{"diff(sum((y[i] - sum(w[k] x[i, k], k, 1, K))^2, i, 1, N), w[j])", "-2 sum((y[i] - sum(w[k] x[i, k], k, 1, K)) x[i, j], i, 1, N)", "", Holds},
		{"diff(sum((y[i] - sum(w[k] x[i, k], k, 1, K))^2, i, 1, N), w[j])", "-2 sum((y[i] - sum(w[k] x[i, k], k, 1, K)) x[i, k], i, 1, N)", "", Fails},
		{"diff(sum(w[i] x[i], i, 1, N), w[j])", "x[j]", "", Holds},
		{"relu(x)", "(x + abs(x))/2", "", Holds},
	}
	for _, tc := range tests {
		t.Run(tc.l+" = "+tc.r, func(t *testing.T) {
			res := decide(t, tc.l, tc.r, Equal, nil, tc.assume)
			assert.Equal(t, tc.want.String(), res.Verdict.String(), "%s %v", res.Reason, res.Conditions)
		})
	}
}
