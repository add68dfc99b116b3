package indexmap_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
)

// TestBytes: three significant digits in the largest unit reached, and
// past a thousand YB a power of ten rather than a hundred digits.
func TestBytes(t *testing.T) {
	pow := func(e int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(e), nil) }
	for _, tc := range []struct {
		n    *big.Int
		want string
	}{
		{big.NewInt(0), "0 B"},
		{big.NewInt(999), "999 B"},
		{big.NewInt(8_000_000_000_000), "8 TB"},
		{big.NewInt(123_456), "123 kB"},
		{big.NewInt(999_500), "1 MB"},
		{big.NewInt(999_499), "999 kB"},
		{new(big.Int).Mul(big.NewInt(999), pow(24)), "999 YB"},
		{new(big.Int).Mul(big.NewInt(9995), pow(23)), "10^27 B"},
		{pow(27), "10^27 B"},
		{new(big.Int).Mul(big.NewInt(4), pow(200)), "4*10^200 B"},
		{new(big.Int).Add(new(big.Int).Mul(big.NewInt(4), pow(400)), big.NewInt(1)), "4*10^400 B"},
		{new(big.Int).Mul(big.NewInt(12345), pow(400)), "1.23*10^404 B"},
	} {
		assert.Equal(t, tc.want, indexmap.Bytes(tc.n, indexmap.Plain), tc.n.String())
	}
	assert.Equal(t, `4 \cdot 10^{200} B`, indexmap.Bytes(new(big.Int).Mul(big.NewInt(4), pow(200)), indexmap.TeX(expr.Plain)))
}
