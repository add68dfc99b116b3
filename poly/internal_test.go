package poly

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
)

// randPoly returns a random polynomial in vars with up to n terms of
// degree up to d in each variable.
func randPoly(r *rand.Rand, vars []expr.Expr, n, d int) Poly {
	var b builder
	b.vars = vars
	for range 1 + r.IntN(n) {
		m := make([]uint32, len(vars))
		for i := range m {
			m[i] = uint32(r.IntN(d + 1))
		}
		b.add(m, big.NewRat(int64(r.IntN(21)-10), 1))
	}
	return b.poly()
}

// The remainder sequence, which serves when the heuristic fails, and the
// heuristic agree.
func TestPRSAgreesWithHeuristic(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(9, 9))
	vars := []expr.Expr{expr.Sym("x"), expr.Sym("y"), expr.Sym("z")}
	for i := range 30 {
		a, b, c := randPoly(r, vars, 3, 2), randPoly(r, vars, 3, 2), randPoly(r, vars, 2, 2)
		if a.IsConst() || b.IsConst() || c.IsZero() {
			continue
		}
		ac, bc := mul(a, c), mul(b, c)
		h, ok, err := heuristicGCD(ctx, ac, bc)
		require.NoError(t, err)
		p, err := gcdPRS(ctx, ac, bc)
		require.NoError(t, err)
		if ok {
			assert.True(t, Equal(h, p), "case %d: heuristic %s, PRS %s", i, h, p)
		}
		_, ok = divExact(p, c)
		assert.True(t, ok, "case %d", i)
	}
}

// The packed product and the merge of shifted copies agree.
func TestMulPackedAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	vars := []expr.Expr{expr.Sym("x"), expr.Sym("y")}
	for i := range 50 {
		a, b := randPoly(r, vars, 6, 4), randPoly(r, vars, 6, 4)
		if i%3 == 0 {
			a = a.Scale(big.NewRat(1, 3))
		}
		if i%5 == 0 {
			b = b.Scale(new(big.Rat).SetFrac(new(big.Int).Lsh(big.NewInt(1), 70), big.NewInt(1)))
		}
		if a.Len() < 2 || b.Len() < 2 {
			continue
		}
		packed, ok := mulPacked(a, b)
		require.True(t, ok)
		// The merge: a sum of shifted copies.
		merged := Poly{vars: vars}
		for k := range a.Len() {
			merged = Add(merged, b.mulTerm(a.mono(k), a.cs[k]))
		}
		assert.True(t, Equal(packed, merged), "case %d", i)
	}
}
