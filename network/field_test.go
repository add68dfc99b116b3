package network

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
)

// TestShortDecimal: the fast path of decimal gives the number the
// shortest decimal of a float64 reads as, over the whole range of
// float64 and at the edges of its own.
func TestShortDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e18, 9.223372036854775e18, 1e19, 1e-18, 1e-19,
		123456789012345678, 5e-324, math.MaxFloat64, -math.SmallestNonzeroFloat64, 1.0 / 3}
	for range 20000 {
		floats = append(floats, math.Float64frombits(r.Uint64()), r.NormFloat64()*math.Pow(10, float64(r.IntN(40)-20)))
	}
	fast := 0
	for _, a := range floats {
		if math.IsNaN(a) || math.IsInf(a, 0) {
			continue
		}
		want, ok := new(big.Rat).SetString(strconv.FormatFloat(a, 'g', -1, 64))
		require.True(t, ok)
		if got, ok := shortDecimal(a); ok {
			fast++
			require.Same(t, expr.NewNumber(want), got, "%v", a)
		}
		require.Same(t, expr.NewNumber(want), decimal(a), "%v", a)
	}
	require.Greater(t, fast, 10000) // most random bit patterns are far outside int64 scale
}
